/*
 * pdf_cff_subset.c - a subset of a CID-keyed CFF font written from scratch
 * (see sg_cff_subset in pdf_cff.h; the format is Adobe Technical Note
 * #5176).
 *
 * Design note. HarfBuzz's subsetter serves every kind of font and pays for
 * it: for each subset of a Noto CJK face it maps the whole cmap (44,000
 * characters) into hash tables, runs every glyph to look for seac accents
 * and rebuilds the font's tables; 8 ms for 500 glyphs of Noto Serif CJK
 * SC, and 4.5 ms for 100. A PDF needs only the CFF table, and of a CID-
 * keyed CFF only this: the glyphs' charstrings, the charset that gives
 * each glyph its CID, the FDSelect that gives it its Font DICT, those Font
 * DICTs with their Private DICTs, and a Top DICT pointing at them. So this
 * writes exactly that:
 *
 *   header, Name INDEX (the source's name), Top DICT INDEX, String INDEX
 *   (the strings the kept DICT entries name), an empty Global Subr INDEX,
 *   charset, FDSelect (format 3), CharStrings INDEX, FDArray INDEX (the
 *   Font DICTs the glyphs use, renumbered in their order), and the Private
 *   DICTs, without Subrs.
 *
 * The glyphs are .notdef and the requested ones in the order of their
 * CIDs, and the charset keeps each one's source CID: the PDF shows CIDs,
 * so the codes chosen before the subset was made stay valid (pdf_embed.h).
 * Each charstring is flattened and loses its hints
 * (pdf_cff_charstring.c), so no subroutines are needed. The Top DICT's
 * offsets (charset, FDSelect, CharStrings, FDArray) and each Font DICT's
 * Private operands are written as five-byte integers, so the DICTs' sizes
 * do not depend on the values, which are filled in once the layout is
 * known. UniqueID, XUID and UIDBase are left out: they name the whole font
 * to caches, and the subset is not the whole font.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_cff_int.h"

/* Top DICT and Font DICT operators this treats specially. */
enum {
	OP_VERSION = 0,
	OP_NOTICE = 1,
	OP_FULLNAME = 2,
	OP_FAMILYNAME = 3,
	OP_WEIGHT = 4,
	OP_UNIQUEID = 13,
	OP_XUID = 14,
	OP_CHARSET = 15,
	OP_ENCODING = 16,
	OP_CHARSTRINGS = 17,
	OP_PRIVATE = 18,
	OP_SUBRS = 19,
	OP_COPYRIGHT = 1200,
	OP_CHARSTRINGTYPE = 1206,
	OP_SYNTHETICBASE = 1220,
	OP_POSTSCRIPT = 1221,
	OP_BASEFONTNAME = 1222,
	OP_ROS = 1230,
	OP_UIDBASE = 1235,
	OP_FDARRAY = 1236,
	OP_FDSELECT = 1237,
	OP_FONTNAME = 1238,
};

/* The standard strings: SIDs below this need no String INDEX entry. */
#define S_STD_STRINGS 391

/* A Font DICT of the source, read when a glyph first uses it. */
typedef struct S_fd {
	bool used;
	uint8_t newfd;        /* its number in the subset */
	size_t dict, dict_len; /* the Font DICT */
	size_t priv, priv_len; /* its Private DICT */
	sg_cff_subrs local;
} S_fd;

typedef struct S_src {
	const uint8_t *p;
	size_t len;
	sg_cff_index names, tops, strings, gsubrs, charstrings, fdarray;
	size_t top, top_len; /* the Top DICT */
	sg_cff_dict_op ros;
	size_t fdselect;
	unsigned fdsel_fmt;
	uint32_t fdsel_ranges; /* format 3 */
	sg_cff_subrs global;
	S_fd fds[256];
} S_src;

typedef struct S_glyph {
	uint32_t cid, gid;
	uint8_t fd; /* source Font DICT */
} S_glyph;

/* The source's string of SID sid, for the subset's String INDEX: new SIDs
 * in order of first use. */
typedef struct S_strings {
	uint32_t *src; /* source SID of each new string */
	size_t n, cap;
	sg_buf data;
	uint32_t *ends;
} S_strings;

/* ---- flattened charstrings kept between subsets --------------------------- */

/* Flattening is most of a subset's time (a Noto CJK Han glyph calls a few
 * subroutines, each run operator by operator), and a batch of proposals
 * shows the same few hundred glyphs again and again: each glyph's result is
 * kept, byte for byte what sg_cff_charstring_flatten gives, so a subset
 * made with the cache is the subset made without it. */
struct sg_cff_cache {
	pthread_mutex_t lock; /* the arrays and data: documents of several threads */
	uint32_t glyphs;
	uint32_t *at;  /* per glyph: its charstring's offset in data */
	uint32_t *len; /* per glyph: its length; 0 while not yet flattened */
	sg_buf data;
};

sg_cff_cache *sg_cff_cache_new(uint32_t glyphs)
{
	sg_cff_cache *c = sg_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	c->glyphs = glyphs;
	c->at = sg_xcalloc(glyphs + 1, sizeof *c->at);
	c->len = sg_xcalloc(glyphs + 1, sizeof *c->len);
	sg_buf_init(&c->data);
	return c;
}

void sg_cff_cache_free(sg_cff_cache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c->at);
	free(c->len);
	sg_buf_dispose(&c->data);
	free(c);
}

/* ---- reading the source ------------------------------------------------- */

static int S_read_top(S_src *s)
{
	sg_cff_dict_op op;
	size_t pos = 0;
	long charstrings = -1, fdarray = -1, fdselect = -1;
	bool ros = false;
	int rc;
	while ((rc = sg_cff_dict_next(s->p + s->top, s->top_len, &pos, &op)) > 0) {
		long last = op.nargs ? op.args[op.nargs - 1] : -1;
		if (op.op == OP_ROS) {
			if (op.nargs != 3 || op.real[0] || op.real[1] || op.real[2])
				return -1;
			s->ros = op;
			ros = true;
		} else if (op.op == OP_CHARSTRINGS) {
			charstrings = last;
		} else if (op.op == OP_FDARRAY) {
			fdarray = last;
		} else if (op.op == OP_FDSELECT) {
			fdselect = last;
		} else if (op.op == OP_CHARSTRINGTYPE && (op.nargs != 1 || op.args[0] != 2)) {
			return -1;
		}
	}
	if (rc < 0 || !ros || charstrings <= 0 || fdarray <= 0 || fdselect <= 0 ||
	    (size_t)charstrings >= s->len || (size_t)fdarray >= s->len ||
	    (size_t)fdselect >= s->len)
		return -1;
	if (!sg_cff_index_read(s->p, s->len, (size_t)charstrings, &s->charstrings) ||
	    !sg_cff_index_read(s->p, s->len, (size_t)fdarray, &s->fdarray) ||
	    s->charstrings.count == 0 || s->fdarray.count == 0 || s->fdarray.count > 256)
		return -1;
	s->fdselect = (size_t)fdselect;
	return 0;
}

/* Checks the FDSelect: format 0 (a byte a glyph) or 3 (ranges). */
static int S_read_fdselect(S_src *s)
{
	const uint8_t *p = s->p;
	size_t at = s->fdselect, len = s->len;
	s->fdsel_fmt = p[at];
	uint32_t n = s->charstrings.count;
	if (s->fdsel_fmt == 0)
		return len - at - 1 >= n ? 0 : -1;
	if (s->fdsel_fmt != 3 || len - at < 3)
		return -1;
	uint32_t nr = (uint32_t)p[at + 1] << 8 | p[at + 2];
	/* nr ranges of three bytes, then the two-byte sentinel. */
	if (nr == 0 || (len - at - 3) < (size_t)nr * 3 + 2)
		return -1;
	const uint8_t *r = p + at + 3;
	uint32_t prev = 0;
	for (uint32_t i = 0; i <= nr; i++) {
		uint32_t first = (uint32_t)r[3 * i] << 8 | r[3 * i + 1];
		if ((i == 0 && first != 0) || (i > 0 && first <= prev) ||
		    (i == nr && first != n))
			return -1;
		prev = first;
	}
	s->fdsel_ranges = nr;
	return 0;
}

/* The Font DICT of glyph gid (< the glyph count). */
static uint32_t S_fd_of(const S_src *s, uint32_t gid)
{
	const uint8_t *p = s->p + s->fdselect;
	if (s->fdsel_fmt == 0)
		return p[1 + gid];
	const uint8_t *r = p + 3;
	/* The last range whose first glyph is at most gid. */
	uint32_t lo = 0, hi = s->fdsel_ranges;
	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;
		uint32_t first = (uint32_t)r[3 * mid] << 8 | r[3 * mid + 1];
		if (first <= gid)
			lo = mid;
		else
			hi = mid;
	}
	return r[3 * lo + 2];
}

/* Reads Font DICT i: its Private DICT and local subroutines. */
static int S_read_fd(S_src *s, uint32_t i)
{
	S_fd *fd = &s->fds[i];
	if (!sg_cff_index_item(s->p, s->len, &s->fdarray, i, &fd->dict, &fd->dict_len))
		return -1;
	sg_cff_dict_op op;
	size_t pos = 0;
	int rc;
	bool priv = false;
	while ((rc = sg_cff_dict_next(s->p + fd->dict, fd->dict_len, &pos, &op)) > 0)
		if (op.op == OP_PRIVATE) {
			if (op.nargs != 2 || op.args[0] < 0 || op.args[1] < 0 ||
			    (size_t)op.args[1] > s->len || (size_t)op.args[0] > s->len - op.args[1])
				return -1;
			fd->priv_len = (size_t)op.args[0];
			fd->priv = (size_t)op.args[1];
			priv = true;
		}
	if (rc < 0 || !priv)
		return -1;
	sg_cff_index none = {0};
	sg_cff_subrs_init(&fd->local, s->p, s->len, &none);
	pos = 0;
	while ((rc = sg_cff_dict_next(s->p + fd->priv, fd->priv_len, &pos, &op)) > 0)
		if (op.op == OP_SUBRS) {
			/* The local subroutines' offset counts from the Private DICT. */
			sg_cff_index ix;
			if (op.nargs != 1 || op.args[0] <= 0 ||
			    (size_t)op.args[0] >= s->len - fd->priv ||
			    !sg_cff_index_read(s->p, s->len, fd->priv + (size_t)op.args[0], &ix))
				return -1;
			sg_cff_subrs_init(&fd->local, s->p, s->len, &ix);
		}
	return rc < 0 ? -1 : 0;
}

static int S_read(S_src *s, const uint8_t *p, size_t len)
{
	memset(s, 0, sizeof *s);
	s->p = p;
	s->len = len;
	if (len < 4 || p[0] != 1 || p[2] < 4)
		return -1;
	if (!sg_cff_index_read(p, len, p[2], &s->names) || s->names.count < 1 ||
	    !sg_cff_index_read(p, len, s->names.end, &s->tops) ||
	    !sg_cff_index_item(p, len, &s->tops, 0, &s->top, &s->top_len) ||
	    !sg_cff_index_read(p, len, s->tops.end, &s->strings) ||
	    !sg_cff_index_read(p, len, s->strings.end, &s->gsubrs))
		return -1;
	sg_cff_subrs_init(&s->global, p, len, &s->gsubrs);
	if (S_read_top(s) < 0 || S_read_fdselect(s) < 0)
		return -1;
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

/* The new SID of source SID sid. */
static int S_sid(const S_src *s, S_strings *st, int32_t sid, int32_t *out)
{
	if (sid < 0)
		return -1;
	if (sid < S_STD_STRINGS) {
		*out = sid;
		return 0;
	}
	for (size_t i = 0; i < st->n; i++)
		if (st->src[i] == (uint32_t)sid) {
			*out = (int32_t)(S_STD_STRINGS + i);
			return 0;
		}
	size_t at, n;
	if (!sg_cff_index_item(s->p, s->len, &s->strings, (uint32_t)(sid - S_STD_STRINGS), &at, &n))
		return -1;
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 8;
		st->src = sg_xrealloc(st->src, st->cap * sizeof *st->src);
		st->ends = sg_xrealloc(st->ends, st->cap * sizeof *st->ends);
	}
	sg_buf_put(&st->data, s->p + at, n);
	st->src[st->n] = (uint32_t)sid;
	st->ends[st->n] = (uint32_t)st->data.len;
	*out = (int32_t)(S_STD_STRINGS + st->n++);
	return 0;
}

static bool S_is_sid_op(int op)
{
	switch (op) {
	case OP_VERSION:
	case OP_NOTICE:
	case OP_FULLNAME:
	case OP_FAMILYNAME:
	case OP_WEIGHT:
	case OP_COPYRIGHT:
	case OP_POSTSCRIPT:
	case OP_BASEFONTNAME:
	case OP_FONTNAME:
		return true;
	default:
		return false;
	}
}

/* Copies the entry op of DICT d to b, its SID operand renumbered. */
static int S_copy_entry(const S_src *s, S_strings *st, const uint8_t *d,
			const sg_cff_dict_op *op, sg_buf *b)
{
	if (!S_is_sid_op(op->op)) {
		sg_buf_put(b, d + op->start, op->end - op->start);
		return 0;
	}
	int32_t sid;
	if (op->nargs != 1 || op->real[0] || S_sid(s, st, op->args[0], &sid) < 0)
		return -1;
	sg_cff_put_int(b, sid, false);
	sg_cff_put_op(b, op->op);
	return 0;
}

/* Where the fixed-width offsets of the DICTs go, to be filled in. */
typedef struct S_patch {
	size_t charset, fdselect, charstrings, fdarray; /* in the Top DICT */
	size_t *priv;                                    /* in each Font DICT: size, then offset */
} S_patch;

static int S_top_dict(const S_src *s, S_strings *st, sg_buf *b, S_patch *pt)
{
	/* ROS comes first in a CID-keyed font's Top DICT. */
	int32_t reg, ord;
	if (S_sid(s, st, s->ros.args[0], &reg) < 0 || S_sid(s, st, s->ros.args[1], &ord) < 0)
		return -1;
	sg_cff_put_int(b, reg, false);
	sg_cff_put_int(b, ord, false);
	sg_cff_put_int(b, s->ros.args[2], false);
	sg_cff_put_op(b, OP_ROS);
	const uint8_t *d = s->p + s->top;
	sg_cff_dict_op op;
	size_t pos = 0;
	while (sg_cff_dict_next(d, s->top_len, &pos, &op) > 0) {
		switch (op.op) {
		case OP_ROS:
		case OP_UNIQUEID:
		case OP_XUID:
		case OP_UIDBASE:
		case OP_CHARSET:
		case OP_ENCODING:
		case OP_CHARSTRINGS:
		case OP_PRIVATE:
		case OP_SYNTHETICBASE:
		case OP_FDARRAY:
		case OP_FDSELECT:
			break;
		default:
			if (S_copy_entry(s, st, d, &op, b) < 0)
				return -1;
		}
	}
	const struct {
		int op;
		size_t *at;
	} offs[] = {{OP_CHARSET, &pt->charset},
		    {OP_FDSELECT, &pt->fdselect},
		    {OP_CHARSTRINGS, &pt->charstrings},
		    {OP_FDARRAY, &pt->fdarray}};
	for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
		*offs[i].at = b->len;
		sg_cff_put_int(b, 0, true);
		sg_cff_put_op(b, offs[i].op);
	}
	return 0;
}

/* A Font DICT with its Private operands to be filled in at *priv. */
static int S_font_dict(const S_src *s, S_strings *st, const S_fd *fd, sg_buf *b, size_t *priv)
{
	const uint8_t *d = s->p + fd->dict;
	sg_cff_dict_op op;
	size_t pos = 0;
	while (sg_cff_dict_next(d, fd->dict_len, &pos, &op) > 0)
		if (op.op != OP_PRIVATE && S_copy_entry(s, st, d, &op, b) < 0)
			return -1;
	*priv = b->len;
	sg_cff_put_int(b, 0, true);
	sg_cff_put_int(b, 0, true);
	sg_cff_put_op(b, OP_PRIVATE);
	return 0;
}

/* A Private DICT without its Subrs. */
static void S_private(const S_src *s, const S_fd *fd, sg_buf *b)
{
	const uint8_t *d = s->p + fd->priv;
	sg_cff_dict_op op;
	size_t pos = 0;
	while (sg_cff_dict_next(d, fd->priv_len, &pos, &op) > 0)
		if (op.op != OP_SUBRS)
			sg_buf_put(b, d + op.start, op.end - op.start);
}

static unsigned S_offsize(size_t v)
{
	return v < 0x100 ? 1 : v < 0x10000 ? 2 : v < 0x1000000 ? 3 : 4;
}

/* The size of an INDEX of count items of total bytes. */
static size_t S_index_size(size_t count, size_t total)
{
	return count ? 3 + (count + 1) * S_offsize(total + 1) + total : 2;
}

static void S_put_be(sg_buf *b, uint32_t v, unsigned size)
{
	for (unsigned i = size; i-- > 0;)
		sg_buf_putc(b, (int)(v >> (8 * i) & 0xFF));
}

/* An INDEX of count items, item i being data[ends[i-1] .. ends[i]). */
static void S_put_index(sg_buf *b, const void *data, const uint32_t *ends, size_t count)
{
	S_put_be(b, (uint32_t)count, 2);
	if (!count)
		return;
	size_t total = ends[count - 1];
	unsigned os = S_offsize(total + 1);
	sg_buf_putc(b, (int)os);
	S_put_be(b, 1, os);
	for (size_t i = 0; i < count; i++)
		S_put_be(b, ends[i] + 1, os);
	sg_buf_put(b, data, total);
}

static int S_cmp_glyph(const void *a, const void *b)
{
	const S_glyph *x = a, *y = b;
	return x->cid < y->cid ? -1 : x->cid > y->cid ? 1 : (x->gid > y->gid) - (x->gid < y->gid);
}

/* The charset of glyphs 1..n-1: format 0 (a CID each) or 2 (runs of
 * consecutive CIDs), whichever is shorter. */
static void S_charset(const S_glyph *g, size_t n, sg_buf *b)
{
	size_t runs = 0;
	for (size_t i = 1; i < n; i++)
		if (i == 1 || g[i].cid != g[i - 1].cid + 1)
			runs++;
	if (4 * runs < 2 * (n - 1)) {
		sg_buf_putc(b, 2);
		for (size_t i = 1, j; i < n; i = j) {
			for (j = i + 1; j < n && g[j].cid == g[j - 1].cid + 1; j++)
				;
			S_put_be(b, g[i].cid, 2);
			S_put_be(b, (uint32_t)(j - i - 1), 2);
		}
	} else {
		sg_buf_putc(b, 0);
		for (size_t i = 1; i < n; i++)
			S_put_be(b, g[i].cid, 2);
	}
}

/* FDSelect format 3: runs of glyphs with the same Font DICT. */
static void S_fdselect(const S_src *s, const S_glyph *g, size_t n, sg_buf *b)
{
	size_t runs = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || g[i].fd != g[i - 1].fd)
			runs++;
	sg_buf_putc(b, 3);
	S_put_be(b, (uint32_t)runs, 2);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || g[i].fd != g[i - 1].fd) {
			S_put_be(b, (uint32_t)i, 2);
			sg_buf_putc(b, s->fds[g[i].fd].newfd);
		}
	S_put_be(b, (uint32_t)n, 2);
}

/* ---- the subset ------------------------------------------------------------ */

/* The parts of a subset as they are made, before they are laid out. */
typedef struct S_parts {
	S_glyph *g;        /* the glyphs by CID, .notdef first */
	size_t m;
	uint32_t *cs_ends; /* per glyph: the end of its charstring in cs */
	sg_buf cs;         /* the flattened charstrings */
	sg_buf top;        /* the Top DICT */
	sg_buf fds;        /* the Font DICTs used, renumbered from 0 */
	sg_buf privs;      /* their Private DICTs, one after the other */
	sg_buf charset, fdsel;
	S_strings st;
	S_patch pt;            /* offsets to fill in once the layout is known */
	unsigned nfd;          /* Font DICTs used */
	uint32_t fd_ends[256]; /* per new Font DICT: its end in fds */
	size_t priv_at[256];   /* its Private operands' place in fds */
	size_t priv_len[256];  /* its Private DICT's length */
} S_parts;

static void S_parts_init(S_parts *P, size_t n)
{
	memset(P, 0, sizeof *P);
	P->g = sg_xmalloc((n + 1) * sizeof *P->g);
	P->cs_ends = sg_xmalloc((n + 1) * sizeof *P->cs_ends);
	sg_buf_init(&P->cs);
	sg_buf_init(&P->top);
	sg_buf_init(&P->fds);
	sg_buf_init(&P->privs);
	sg_buf_init(&P->charset);
	sg_buf_init(&P->fdsel);
	sg_buf_init(&P->st.data);
	P->pt.priv = P->priv_at;
}

static void S_parts_dispose(S_parts *P)
{
	free(P->g);
	free(P->cs_ends);
	free(P->st.src);
	free(P->st.ends);
	sg_buf_dispose(&P->st.data);
	sg_buf_dispose(&P->cs);
	sg_buf_dispose(&P->top);
	sg_buf_dispose(&P->fds);
	sg_buf_dispose(&P->privs);
	sg_buf_dispose(&P->charset);
	sg_buf_dispose(&P->fdsel);
}

/* The glyphs gids[0..n) by CID into P->g, .notdef first, each once: -1
 * when a CID is out of range or two glyphs share one. */
static int S_glyphs(const sg_cff_info *ci, const uint32_t *gids, size_t n, S_parts *P)
{
	S_glyph *g = P->g;
	size_t m = 0;
	g[m++] = (S_glyph){0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		int64_t cid = sg_cff_cid(ci, gids[i]);
		if (cid < 0 || cid > 0xFFFF)
			return -1;
		if (gids[i] != 0)
			g[m++] = (S_glyph){(uint32_t)cid, gids[i], 0};
	}
	qsort(g + 1, m - 1, sizeof *g, S_cmp_glyph);
	size_t k = 1;
	for (size_t i = 1; i < m; i++) {
		if (g[i].gid == g[k - 1].gid)
			continue;
		/* Two glyphs with one CID (or a glyph with .notdef's). */
		if (g[i].cid == g[k - 1].cid)
			return -1;
		g[k++] = g[i];
	}
	P->m = k;
	return 0;
}

/* Glyph gid's charstring, flattened, appended to P->cs: from the cache
 * when it holds it (the caller holds its lock), else flattened and kept. */
static int S_charstring(S_src *s, S_parts *P, uint32_t gid, uint32_t fd, sg_cff_cache *cache)
{
	if (cache && gid < cache->glyphs && cache->len[gid]) {
		sg_buf_put(&P->cs, cache->data.data + cache->at[gid], cache->len[gid]);
		return 0;
	}
	size_t at, clen, before = P->cs.len;
	if (!sg_cff_index_item(s->p, s->len, &s->charstrings, gid, &at, &clen) ||
	    sg_cff_charstring_flatten(&P->cs, s->p + at, clen, &s->global, &s->fds[fd].local) < 0)
		return -1;
	size_t n = P->cs.len - before;
	if (cache && gid < cache->glyphs && n > 0 && cache->data.len + n < UINT32_MAX) {
		cache->at[gid] = (uint32_t)cache->data.len;
		cache->len[gid] = (uint32_t)n;
		sg_buf_put(&cache->data, P->cs.data + before, n);
	}
	return 0;
}

/* Each glyph's Font DICT (read on first use) and its charstring,
 * flattened into P->cs; then the Font DICTs used numbered anew. */
static int S_charstrings(S_src *s, S_parts *P, sg_cff_cache *cache)
{
	int rc = 0;
	if (cache)
		pthread_mutex_lock(&cache->lock);
	for (size_t i = 0; i < P->m && rc == 0; i++) {
		S_glyph *g = &P->g[i];
		uint32_t fd = S_fd_of(s, g->gid);
		if (fd >= s->fdarray.count) {
			rc = -1;
			break;
		}
		if (!s->fds[fd].used) {
			if (S_read_fd(s, fd) < 0) {
				rc = -1;
				break;
			}
			s->fds[fd].used = true;
		}
		g->fd = (uint8_t)fd;
		if (S_charstring(s, P, g->gid, fd, cache) < 0 || P->cs.len > UINT32_MAX - 1)
			rc = -1;
		else
			P->cs_ends[i] = (uint32_t)P->cs.len;
	}
	if (cache)
		pthread_mutex_unlock(&cache->lock);
	if (rc < 0)
		return -1;
	P->nfd = 0;
	for (unsigned i = 0; i < s->fdarray.count; i++)
		if (s->fds[i].used)
			s->fds[i].newfd = (uint8_t)P->nfd++;
	return 0;
}

/* The DICTs (with their offsets to be filled in), the charset and the
 * FDSelect. */
static int S_dicts(const S_src *s, S_parts *P)
{
	if (S_top_dict(s, &P->st, &P->top, &P->pt) < 0)
		return -1;
	for (unsigned i = 0, j = 0; i < s->fdarray.count; i++) {
		if (!s->fds[i].used)
			continue;
		if (S_font_dict(s, &P->st, &s->fds[i], &P->fds, &P->priv_at[j]) < 0)
			return -1;
		P->fd_ends[j] = (uint32_t)P->fds.len;
		size_t before = P->privs.len;
		S_private(s, &s->fds[i], &P->privs);
		P->priv_len[j++] = P->privs.len - before;
	}
	S_charset(P->g, P->m, &P->charset);
	S_fdselect(s, P->g, P->m, &P->fdsel);
	return 0;
}

/* Lays the parts out, fills in the offsets and appends the font to out:
 * header, Name, Top DICT, String and (empty) Global Subr INDEXes, charset,
 * FDSelect, CharStrings, the Font DICT INDEX, the Private DICTs. */
static int S_write(const S_src *s, S_parts *P, sg_buf *out)
{
	size_t name_at, name_len;
	if (!sg_cff_index_item(s->p, s->len, &s->names, 0, &name_at, &name_len))
		return -1;
	uint32_t name_end = (uint32_t)name_len, top_end = (uint32_t)P->top.len;
	size_t off = 4 + S_index_size(1, name_len) + S_index_size(1, P->top.len) +
		     S_index_size(P->st.n, P->st.data.len) + S_index_size(0, 0);
	size_t o_charset = off;
	off += P->charset.len;
	size_t o_fdsel = off;
	off += P->fdsel.len;
	size_t o_cs = off;
	off += S_index_size(P->m, P->cs.len);
	size_t o_fdarray = off;
	off += S_index_size(P->nfd, P->fds.len);
	size_t o_priv = off;
	off += P->privs.len;
	if (off > INT32_MAX)
		return -1;
	sg_cff_patch_int(&P->top, P->pt.charset, (int32_t)o_charset);
	sg_cff_patch_int(&P->top, P->pt.fdselect, (int32_t)o_fdsel);
	sg_cff_patch_int(&P->top, P->pt.charstrings, (int32_t)o_cs);
	sg_cff_patch_int(&P->top, P->pt.fdarray, (int32_t)o_fdarray);
	for (unsigned j = 0; j < P->nfd; j++) {
		sg_cff_patch_int(&P->fds, P->priv_at[j], (int32_t)P->priv_len[j]);
		sg_cff_patch_int(&P->fds, P->priv_at[j] + 5, (int32_t)o_priv);
		o_priv += P->priv_len[j];
	}

	size_t start = out->len;
	uint8_t hdr[4] = {1, 0, 4, (uint8_t)S_offsize(off)};
	sg_buf_put(out, hdr, 4);
	S_put_index(out, s->p + name_at, &name_end, 1);
	S_put_index(out, P->top.data, &top_end, 1);
	S_put_index(out, P->st.data.data, P->st.ends, P->st.n);
	S_put_index(out, NULL, NULL, 0);
	sg_buf_put(out, P->charset.data, P->charset.len);
	sg_buf_put(out, P->fdsel.data, P->fdsel.len);
	S_put_index(out, P->cs.data, P->cs_ends, P->m);
	S_put_index(out, P->fds.data, P->fd_ends, P->nfd);
	sg_buf_put(out, P->privs.data, P->privs.len);
	if (out->len - start != off) {
		sg_buf_truncate(out, start);
		return -1;
	}
	return 0;
}

int sg_cff_subset(sg_buf *out, const uint8_t *data, size_t len, const sg_cff_info *ci,
		  const uint32_t *gids, size_t n)
{
	return sg_cff_subset_cached(out, data, len, ci, gids, n, NULL);
}

int sg_cff_subset_cached(sg_buf *out, const uint8_t *data, size_t len, const sg_cff_info *ci,
			 const uint32_t *gids, size_t n, sg_cff_cache *cache)
{
	S_src *s = sg_xmalloc(sizeof *s);
	S_parts P;
	S_parts_init(&P, n);
	int rc = -1;
	if (ci->cid_keyed && S_read(s, data, len) == 0 && s->charstrings.count == ci->glyphs &&
	    S_glyphs(ci, gids, n, &P) == 0 && S_charstrings(s, &P, cache) == 0 &&
	    S_dicts(s, &P) == 0)
		rc = S_write(s, &P, out);
	free(s);
	S_parts_dispose(&P);
	return rc;
}
