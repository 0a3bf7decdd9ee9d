/*
 * pdf_embed.c - Type0 fonts from HarfBuzz subsets: TrueType (FontFile2) and
 * CFF (FontFile3), widths, descriptor and ToUnicode (see pdf_embed.h).
 */
#include "render/pdf/pdf_embed.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "layout/font_hb.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_faceprep.h"

/* What a code stands for. Codes are kept in 256 pages of 256, made on
 * first use: a document shows a few hundred of the 65,536. */
typedef struct S_glyph {
	uint32_t gid1; /* source glyph + 1; 0: the code is not used */
	uint32_t text; /* offset of its UTF-16BE text in sg_pdf_font.text */
	uint32_t tlen; /* bytes */
} S_glyph;

struct sg_pdf_font {
	sg_pdf_file *file;
	const sg_font_face *face;
	hb_face_t *hb;   /* borrowed from the face */
	hb_font_t *font; /* borrowed: unscaled, advances in font units */
	unsigned upem;
	unsigned nglyphs;
	uint32_t obj;
	bool cff;
	sg_pdf_faceprep *prep; /* the face's, shared by every document */
	const sg_cff_info *cffi; /* CFF: CID-keyed or not, and the charset */
	bool harfbuzz;    /* subset a CID-keyed CFF with HarfBuzz all the same */
	S_glyph *pages[256];
	uint64_t used[256][4]; /* the codes of each page in use, a bit each */
	size_t nused;
	sg_buf text;
	bool written;
	sg_pdf_font_info info;
};

sg_pdf_font *sg_pdf_font_new(sg_pdf_file *f, const sg_font_face *face, char *why, size_t whylen)
{
	hb_font_t *font = sg_font_face_hb_font(face);
	hb_face_t *hb = hb_font_get_face(font);
	sg_pdf_faceprep *prep = sg_pdf_faceprep_get(face);
	bool cff = prep->cff;
	if (cff && !prep->cff_ok) {
		snprintf(why, whylen, "its CFF table cannot be read");
		return NULL;
	} else if (!cff && !prep->glyf) {
		snprintf(why, whylen, "it has neither TrueType nor CFF outlines");
		return NULL;
	}
	sg_pdf_font *pf = sg_xcalloc(1, sizeof *pf);
	pf->file = f;
	pf->face = face;
	pf->hb = hb;
	pf->font = font;
	pf->upem = hb_face_get_upem(hb);
	pf->nglyphs = hb_face_get_glyph_count(hb);
	pf->cff = cff;
	pf->prep = prep;
	pf->cffi = &prep->cffi;
	pf->obj = sg_pdf_file_reserve(f);
	sg_buf_init(&pf->text);
	return pf;
}

void sg_pdf_font_free(sg_pdf_font *pf)
{
	if (!pf)
		return;
	for (int i = 0; i < 256; i++)
		free(pf->pages[i]);
	sg_buf_dispose(&pf->text);
	free(pf);
}

uint32_t sg_pdf_font_obj(const sg_pdf_font *pf)
{
	return pf->obj;
}

bool sg_pdf_font_is_cff(const sg_pdf_font *pf)
{
	return pf->cff;
}

void sg_pdf_font_use_harfbuzz(sg_pdf_font *pf)
{
	pf->harfbuzz = true;
}

static S_glyph *S_slot(const sg_pdf_font *pf, uint16_t code)
{
	S_glyph *page = pf->pages[code >> 8];
	return page ? &page[code & 255] : NULL;
}

/* Appends cp as UTF-16BE. */
static void S_utf16(sg_buf *b, uint32_t cp)
{
	unsigned char u[4];
	if (cp >= 0x10000) {
		uint32_t v = cp - 0x10000;
		uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
		u[0] = (unsigned char)(hi >> 8);
		u[1] = (unsigned char)hi;
		u[2] = (unsigned char)(lo >> 8);
		u[3] = (unsigned char)lo;
		sg_buf_put(b, u, 4);
	} else {
		u[0] = (unsigned char)(cp >> 8);
		u[1] = (unsigned char)cp;
		sg_buf_put(b, u, 2);
	}
}

uint16_t sg_pdf_font_glyph(sg_pdf_font *pf, uint32_t gid, const char *text, size_t len)
{
	if (gid >= pf->nglyphs)
		gid = 0;
	int64_t cid = pf->cff ? sg_cff_cid(pf->cffi, gid) : (int64_t)gid;
	if (cid < 0 || cid > 0xFFFF) {
		gid = 0;
		cid = 0;
	}
	uint16_t code = (uint16_t)cid;
	if (!pf->pages[code >> 8])
		pf->pages[code >> 8] = sg_xcalloc(256, sizeof(S_glyph));
	S_glyph *g = &pf->pages[code >> 8][code & 255];
	if (g->gid1 == 0) {
		g->gid1 = gid + 1;
		g->text = (uint32_t)pf->text.len;
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = sg_utf8_decode(text + i, len - i, &cp);
			i += k ? k : 1;
			S_utf16(&pf->text, cp);
		}
		g->tlen = (uint32_t)(pf->text.len - g->text);
		pf->used[code >> 8][(code & 255) >> 6] |= (uint64_t)1 << (code & 63);
		pf->nused++;
	}
	return code;
}

bool sg_pdf_font_char(sg_pdf_font *pf, uint32_t cp, uint16_t *code)
{
	hb_codepoint_t gid = 0;
	if (!hb_font_get_nominal_glyph(pf->font, cp, &gid) || gid == 0) {
		*code = 0;
		return false;
	}
	char u[4];
	*code = sg_pdf_font_glyph(pf, gid, u, sg_utf8_encode(cp, u));
	return true;
}

size_t sg_pdf_font_encode(sg_pdf_font *pf, const char *s, size_t len, uint16_t *codes)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		if (k && sg_pdf_font_char(pf, cp, &codes[n]))
			n++;
	}
	return n;
}

/* Thousandths of an em to 2 decimals, as /W prints them. */
static double S_width_of_gid(const sg_pdf_font *pf, uint32_t gid)
{
	double adv = (double)hb_font_get_glyph_h_advance(pf->font, gid);
	return round(adv * 100000.0 / (double)pf->upem) / 100.0;
}

double sg_pdf_font_width(const sg_pdf_font *pf, uint16_t code)
{
	const S_glyph *g = S_slot(pf, code);
	return g && g->gid1 ? S_width_of_gid(pf, g->gid1 - 1) : 0;
}

/* ---- writing ---------------------------------------------------------------- */

typedef struct S_used {
	uint16_t *codes; /* ascending */
	uint32_t *gids;
	size_t n;
} S_used;

static void S_collect(const sg_pdf_font *pf, S_used *u)
{
	u->codes = sg_xmalloc((pf->nused + 1) * sizeof *u->codes);
	u->gids = sg_xmalloc((pf->nused + 1) * sizeof *u->gids);
	u->n = 0;
	/* By the bits of the codes in use: a CJK face's codes spread over most
	 * pages, and reading every slot of each was 2% of a proposal. */
	for (uint32_t page = 0; page < 256; page++) {
		const S_glyph *g = pf->pages[page];
		for (uint32_t w = 0; g && w < 4; w++) {
			for (uint64_t m = pf->used[page][w]; m; m &= m - 1) {
				uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(m);
				u->codes[u->n] = (uint16_t)(page << 8 | i);
				u->gids[u->n++] = g[i].gid1 - 1;
			}
		}
	}
}

static hb_subset_input_t *S_input(const sg_pdf_font *pf, const S_used *u)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *gs = hb_subset_input_glyph_set(in);
	hb_set_add(gs, 0);
	for (size_t i = 0; i < u->n; i++)
		hb_set_add(gs, u->gids[i]);
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
		HB_TAG('V', 'O', 'R', 'G'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('L', 'T', 'S', 'H'),
		HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('P', 'C', 'L', 'T'),
	};
	hb_set_t *ds = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		hb_set_add(ds, drop[i]);
	/* Only the CFF table of a CFF subset is embedded: no cmap to make. */
	if (pf->cff)
		hb_set_add(ds, HB_TAG('c', 'm', 'a', 'p'));
	/* A CFF loses its hints and subroutines, as in pdf_cff_subset.c:
	 * smaller and quicker to make. */
	if (pf->cff) {
		unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE;
		if (!pf->cffi->cid_keyed)
			flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
		hb_subset_input_set_flags(in, flags);
	}
	return in;
}

/* A CID-keyed CFF subset made by pdf_cff_subset.c. */
static int S_subset_cff(const sg_pdf_font *pf, const S_used *u, sg_buf *prog)
{
	hb_blob_t *b = hb_face_reference_table(pf->hb, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	const uint8_t *data = (const uint8_t *)hb_blob_get_data(b, &len);
	int rc = sg_cff_subset_cached(prog, data, len, pf->cffi, u->gids, u->n, pf->prep->cs);
	hb_blob_destroy(b);
	return rc;
}

/* A HarfBuzz subset: the plan and the face it makes. */
typedef struct S_hb_subset {
	const hb_subset_input_t *in;
	hb_face_t *sub; /* NULL when the plan fails */
} S_hb_subset;

/* Plans and makes the subset s->in of source; returns the plan, or NULL. */
static void *S_plan(hb_face_t *source, void *arg)
{
	S_hb_subset *s = arg;
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(source, s->in);
	s->sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	return plan;
}

/* The subset's font program into prog; for TrueType also the subset glyph
 * of each used code into newgid (n entries). A CID-keyed CFF is subset by
 * pdf_cff_subset.c, or by HarfBuzz when that refuses it. */
static int S_subset(sg_pdf_font *pf, const S_used *u, sg_buf *prog, uint32_t *newgid)
{
	pf->info.own_cff = false;
	if (pf->cff && pf->cffi->cid_keyed && !pf->harfbuzz && S_subset_cff(pf, u, prog) == 0) {
		pf->info.own_cff = true;
		return 0;
	}
	hb_subset_input_t *in = S_input(pf, u);
	if (!in)
		return -1;
	S_hb_subset hs = {.in = in};
	hb_subset_plan_t *plan = sg_pdf_faceprep_subset(pf->prep, pf->hb, S_plan, &hs);
	hb_subset_input_destroy(in);
	if (!plan)
		return -1;
	int rc = -1;
	hb_face_t *sub = hs.sub;
	if (!sub)
		goto cleanup;
	hb_blob_t *blob = pf->cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
				  : hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	sg_buf_put(prog, data, len);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	if (len == 0)
		goto cleanup;
	if (!pf->cff) {
		const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
		for (size_t i = 0; i < u->n; i++) {
			hb_codepoint_t g = hb_map_get(map, u->gids[i]);
			if (g == HB_MAP_VALUE_INVALID)
				goto cleanup;
			newgid[i] = g;
		}
	}
	rc = 0;
cleanup:
	hb_subset_plan_destroy(plan);
	return rc;
}

/* A CFF subset must show every code the pages use: each one a CID of its
 * charset (CID-keyed) or a glyph of it (RETAIN_GIDS). */
static int S_check_cff(const sg_pdf_font *pf, const S_used *u, const sg_buf *prog)
{
	sg_cff_info ci;
	if (sg_cff_read(&ci, (const uint8_t *)prog->data, prog->len) < 0)
		return -1;
	int rc = 0;
	if (ci.cid_keyed != pf->cffi->cid_keyed)
		rc = -1;
	/* CIDs present in the subset, as a bit set. */
	uint64_t *has = sg_xcalloc(0x10000 / 64, sizeof *has);
	for (uint32_t g = 0; g < ci.glyphs && rc == 0; g++) {
		int64_t cid = sg_cff_cid(&ci, g);
		if (cid >= 0 && cid <= 0xFFFF)
			has[cid >> 6] |= (uint64_t)1 << (cid & 63);
	}
	for (size_t i = 0; i < u->n && rc == 0; i++)
		if (!(has[u->codes[i] >> 6] & ((uint64_t)1 << (u->codes[i] & 63))))
			rc = -1;
	free(has);
	sg_cff_info_dispose(&ci);
	return rc;
}

static int16_t S_i16(const uint8_t *p)
{
	return (int16_t)(p[0] << 8 | p[1]);
}

/* A table of the source face, or NULL when it is shorter than need. */
static hb_blob_t *S_table(const sg_pdf_font *pf, hb_tag_t tag, unsigned need,
			  const uint8_t **data)
{
	hb_blob_t *b = hb_face_reference_table(pf->hb, tag);
	unsigned len = 0;
	*data = (const uint8_t *)hb_blob_get_data(b, &len);
	if (len < need) {
		hb_blob_destroy(b);
		return NULL;
	}
	return b;
}

/* The PostScript name, reduced to the characters a PDF name and every
 * reader take. */
static void S_psname(const sg_pdf_font *pf, sg_buf *out)
{
	char tmp[128];
	unsigned len = sizeof tmp;
	if (hb_ot_name_get_utf8(pf->hb, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len,
				tmp) == 0)
		snprintf(tmp, sizeof tmp, "%s", sg_font_face_family(pf->face));
	for (const char *p = tmp; *p && out->len < 63; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
			sg_buf_putc(out, *p);
	if (out->len == 0)
		sg_buf_puts(out, "Font");
}

/* "ABCDEF+Name": the tag from the name and the glyphs shown. */
static void S_subset_name(const sg_pdf_font *pf, const S_used *u, sg_buf *out)
{
	sg_buf ps;
	sg_buf_init(&ps);
	S_psname(pf, &ps);
	sg_sha256 h;
	sg_sha256_init(&h);
	sg_sha256_update(&h, ps.data, ps.len + 1);
	for (size_t i = 0; i < u->n; i++) {
		uint8_t b[6] = {(uint8_t)(u->codes[i] >> 8), (uint8_t)u->codes[i],
				(uint8_t)(u->gids[i] >> 24), (uint8_t)(u->gids[i] >> 16),
				(uint8_t)(u->gids[i] >> 8), (uint8_t)u->gids[i]};
		sg_sha256_update(&h, b, sizeof b);
	}
	uint8_t d[SG_SHA256_LEN];
	sg_sha256_final(&h, d);
	for (int i = 0; i < 6; i++)
		sg_buf_putc(out, 'A' + d[i] % 26);
	sg_buf_putc(out, '+');
	sg_buf_put(out, ps.data, ps.len);
	sg_buf_dispose(&ps);
}

static void S_descriptor(const sg_pdf_font *pf, uint32_t num, const char *name, uint32_t file)
{
	double k = 1000.0 / (double)pf->upem;
	const uint8_t *t;
	double bbox[4] = {0, -200, 1000, 900};
	bool italic = false, fixed = false;
	double angle = 0, weight = 400;
	hb_blob_t *b = S_table(pf, HB_TAG('h', 'e', 'a', 'd'), 54, &t);
	if (b) {
		for (int i = 0; i < 4; i++)
			bbox[i] = round(S_i16(t + 36 + 2 * i) * k);
		italic = (t[45] & 2) != 0;
		hb_blob_destroy(b);
	}
	if ((b = S_table(pf, HB_TAG('p', 'o', 's', 't'), 16, &t))) {
		int32_t fx = (int32_t)((uint32_t)t[4] << 24 | (uint32_t)t[5] << 16 |
				       (uint32_t)t[6] << 8 | t[7]);
		angle = fx / 65536.0;
		fixed = (t[12] | t[13] | t[14] | t[15]) != 0;
		hb_blob_destroy(b);
	}
	if ((b = S_table(pf, HB_TAG('O', 'S', '/', '2'), 6, &t))) {
		weight = (double)(t[4] << 8 | t[5]);
		hb_blob_destroy(b);
	}
	hb_position_t asc = 0, desc = 0, cap = 0;
	hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
	hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
	/* A CID-keyed CJK font is described by its ideographic em box, the
	 * OS/2 typographic ascender and descender (880 and -120 in Noto CJK),
	 * as Adobe's CJK fonts are: hhea's 1160 and -288 make room for
	 * accented Latin capitals, and would make each line's text boxes
	 * 1.45 em tall, overlapping the next line's in a heading set at 1.3. */
	if (pf->cff && pf->cffi->cid_keyed && (b = S_table(pf, HB_TAG('O', 'S', '/', '2'), 72, &t))) {
		int typo_asc = S_i16(t + 68), typo_desc = S_i16(t + 70);
		if (typo_asc > 0 && typo_desc <= 0) {
			asc = typo_asc;
			desc = typo_desc;
		}
		hb_blob_destroy(b);
	}
	if (!hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0)
		cap = (hb_position_t)(asc * 0.7);
	/* Readers only use StemV to synthesise a missing font; the usual
	 * estimate from the weight class. */
	double stemv = round(10 + 220 * (fmax(weight, 50) - 50) / 900);
	unsigned flags = 4 | (fixed ? 1 : 0) | (italic || angle != 0 ? 64 : 0);

	sg_buf *o = sg_pdf_file_begin(pf->file, num);
	sg_buf_puts(o, "<< /Type /FontDescriptor /FontName ");
	sg_pdf_put_name(o, name);
	sg_buf_printf(o, " /Flags %u /FontBBox [", flags);
	for (int i = 0; i < 4; i++) {
		if (i)
			sg_buf_putc(o, ' ');
		sg_pdf_put_num(o, bbox[i]);
	}
	sg_buf_puts(o, "] /ItalicAngle ");
	sg_pdf_put_numd(o, angle, 2);
	sg_buf_puts(o, " /Ascent ");
	sg_pdf_put_num(o, round(asc * k));
	sg_buf_puts(o, " /Descent ");
	sg_pdf_put_num(o, round(desc * k));
	sg_buf_puts(o, " /CapHeight ");
	sg_pdf_put_num(o, round(cap * k));
	sg_buf_puts(o, " /StemV ");
	sg_pdf_put_num(o, stemv);
	sg_buf_printf(o, " %s %u 0 R >>", pf->cff ? "/FontFile3" : "/FontFile2", file);
	sg_pdf_file_end(pf->file);
}

static int S_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* /DW and /W: the commonest width is the default, the others by runs of
 * consecutive codes. */
static void S_widths(const sg_pdf_font *pf, const S_used *u, sg_buf *o)
{
	double *w = sg_xmalloc((u->n + 1) * sizeof *w);
	for (size_t i = 0; i < u->n; i++)
		w[i] = S_width_of_gid(pf, u->gids[i]);
	/* The commonest width (the smallest of equally common ones) among
	 * whole numbers: poppler reads /DW only when it is an integer. */
	double *sorted = sg_xmalloc((u->n + 1) * sizeof *sorted);
	memcpy(sorted, w, u->n * sizeof *w);
	qsort(sorted, u->n, sizeof *sorted, S_cmp_double);
	double dw = 1000;
	size_t best = 0;
	for (size_t i = 0, j; i < u->n; i = j) {
		for (j = i + 1; j < u->n && sorted[j] == sorted[i]; j++)
			;
		if (j - i > best && sorted[i] == floor(sorted[i])) {
			best = j - i;
			dw = sorted[i];
		}
	}
	free(sorted);
	sg_buf_puts(o, " /DW ");
	sg_pdf_put_numd(o, dw, 2);
	sg_buf_puts(o, " /W [");
	size_t i = 0, runs = 0;
	while (i < u->n) {
		if (w[i] == dw) {
			i++;
			continue;
		}
		sg_buf_printf(o, "%s%u [", runs++ % 8 ? " " : "\n", u->codes[i]);
		size_t j = i;
		do {
			if (j > i)
				sg_buf_putc(o, ' ');
			sg_pdf_put_numd(o, w[j], 2);
			j++;
		} while (j < u->n && u->codes[j] == u->codes[j - 1] + 1 && w[j] != dw);
		sg_buf_putc(o, ']');
		i = j;
	}
	sg_buf_puts(o, "]");
	free(w);
}

static void S_hex16(sg_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char t[6] = {'<', hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15], '>'};
	sg_buf_put(b, t, sizeof t);
}

/* "N beginKIND\n", the n entries of body, "endKIND\n". */
static void S_cmap_block(sg_buf *b, size_t n, const char *kind, const sg_buf *body)
{
	sg_pdf_put_int(b, (int64_t)n);
	sg_buf_puts(b, " begin");
	sg_buf_puts(b, kind);
	sg_buf_putc(b, '\n');
	sg_buf_put(b, body->data, body->len);
	sg_buf_puts(b, "end");
	sg_buf_puts(b, kind);
	sg_buf_putc(b, '\n');
}

/* The ToUnicode CMap: bfrange for runs of codes standing for consecutive
 * BMP characters, bfchar for the rest; at most 100 entries a block. */
static void S_tounicode(const sg_pdf_font *pf, const S_used *u, sg_buf *b)
{
	sg_buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
		       "12 dict begin\n"
		       "begincmap\n"
		       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		       "/CMapName /Adobe-Identity-UCS def\n"
		       "/CMapType 2 def\n"
		       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	sg_buf ranges, chars;
	sg_buf_init(&ranges);
	sg_buf_init(&chars);
	size_t nr = 0, nc = 0;
	const unsigned char *tx = (const unsigned char *)pf->text.data;
	size_t i = 0;
	while (i < u->n) {
		const S_glyph *g = S_slot(pf, u->codes[i]);
		if (g->tlen == 0) {
			i++;
			continue;
		}
		unsigned v = g->tlen == 2 ? (unsigned)(tx[g->text] << 8 | tx[g->text + 1]) : 0;
		size_t j = i + 1;
		bool bmp1 = g->tlen == 2 && (v < 0xD800 || v > 0xDFFF);
		while (bmp1 && j < u->n && u->codes[j] == u->codes[j - 1] + 1 &&
		       (u->codes[j] >> 8) == (u->codes[i] >> 8)) {
			const S_glyph *h = S_slot(pf, u->codes[j]);
			unsigned vj = h->tlen == 2 ? (unsigned)(tx[h->text] << 8 | tx[h->text + 1]) : 0;
			if (h->tlen != 2 || vj != v + (unsigned)(j - i) || (vj >> 8) != (v >> 8))
				break;
			j++;
		}
		if (j - i > 1) {
			if (nr == 100) {
				S_cmap_block(b, 100, "bfrange", &ranges);
				sg_buf_clear(&ranges);
				nr = 0;
			}
			S_hex16(&ranges, u->codes[i]);
			sg_buf_putc(&ranges, ' ');
			S_hex16(&ranges, u->codes[j - 1]);
			sg_buf_putc(&ranges, ' ');
			S_hex16(&ranges, v);
			sg_buf_putc(&ranges, '\n');
			nr++;
		} else {
			if (nc == 100) {
				S_cmap_block(b, 100, "bfchar", &chars);
				sg_buf_clear(&chars);
				nc = 0;
			}
			S_hex16(&chars, u->codes[i]);
			sg_buf_putc(&chars, ' ');
			sg_pdf_put_hex(&chars, tx + g->text, g->tlen);
			sg_buf_putc(&chars, '\n');
			nc++;
		}
		i = j;
	}
	if (nr)
		S_cmap_block(b, nr, "bfrange", &ranges);
	if (nc)
		S_cmap_block(b, nc, "bfchar", &chars);
	sg_buf_dispose(&ranges);
	sg_buf_dispose(&chars);
	sg_buf_puts(b, "endcmap\n"
		       "CMapName currentdict /CMap defineresource pop\n"
		       "end\n"
		       "end\n");
}

/* CIDToGIDMap: two bytes per code up to the last one shown. */
static void S_cidtogid(const S_used *u, const uint32_t *newgid, sg_buf *b)
{
	size_t last = u->n ? u->codes[u->n - 1] : 0;
	sg_buf_grow(b, 2 * (last + 1));
	memset(b->data, 0, 2 * (last + 1));
	for (size_t i = 0; i < u->n; i++) {
		b->data[2 * u->codes[i]] = (char)(newgid[i] >> 8);
		b->data[2 * u->codes[i] + 1] = (char)newgid[i];
	}
	b->len = 2 * (last + 1);
	b->data[b->len] = '\0';
}

static int S_objects(sg_pdf_font *pf, const S_used *u, const sg_buf *prog,
		     const uint32_t *newgid)
{
	sg_pdf_file *f = pf->file;
	sg_buf name, tmp, dict;
	sg_buf_init(&name);
	sg_buf_init(&tmp);
	sg_buf_init(&dict);
	S_subset_name(pf, u, &name);
	uint32_t cidfont = sg_pdf_file_reserve(f), desc = sg_pdf_file_reserve(f);
	uint32_t file = sg_pdf_file_reserve(f), tounicode = sg_pdf_file_reserve(f);
	uint32_t map = pf->cff ? 0 : sg_pdf_file_reserve(f);
	int rc = -1;

	if (pf->cff)
		sg_buf_puts(&dict, "/Subtype /CIDFontType0C");
	else
		sg_buf_printf(&dict, "/Length1 %zu", prog->len);
	if (sg_pdf_file_stream(f, file, dict.data, prog->data, prog->len, SG_PDF_STREAM_FONT) < 0)
		goto cleanup;
	S_descriptor(pf, desc, name.data, file);

	sg_buf *o = sg_pdf_file_begin(f, cidfont);
	sg_buf_printf(o, "<< /Type /Font /Subtype /%s /BaseFont ",
		      pf->cff ? "CIDFontType0" : "CIDFontType2");
	sg_pdf_put_name(o, name.data);
	sg_buf_printf(o, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
			 " /FontDescriptor %u 0 R",
		      desc);
	S_widths(pf, u, o);
	if (map)
		sg_buf_printf(o, " /CIDToGIDMap %u 0 R", map);
	sg_buf_puts(o, " >>");
	sg_pdf_file_end(f);

	if (map) {
		S_cidtogid(u, newgid, &tmp);
		if (sg_pdf_file_stream(f, map, NULL, tmp.data, tmp.len, SG_PDF_STREAM_FLATE) < 0)
			goto cleanup;
	}
	sg_buf_clear(&tmp);
	S_tounicode(pf, u, &tmp);
	if (sg_pdf_file_stream(f, tounicode, NULL, tmp.data, tmp.len, SG_PDF_STREAM_TEXT) < 0)
		goto cleanup;

	o = sg_pdf_file_begin(f, pf->obj);
	sg_buf_puts(o, "<< /Type /Font /Subtype /Type0 /BaseFont ");
	sg_pdf_put_name(o, name.data);
	sg_buf_printf(o, " /Encoding /Identity-H /DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>",
		      cidfont, tounicode);
	sg_pdf_file_end(f);
	rc = 0;
cleanup:
	sg_buf_dispose(&name);
	sg_buf_dispose(&tmp);
	sg_buf_dispose(&dict);
	return rc;
}

/* The font program of the codes u into prog and, TrueType, their glyphs in
 * it into newgid: the face's kept subset for the same glyphs, or one made,
 * checked and kept (pdf_faceprep.h). -1 after reporting to d. */
static int S_program(sg_pdf_font *pf, const S_used *u, sg_buf *prog, uint32_t *newgid,
		     sg_pos pos, sg_diags *d)
{
	unsigned own = 0;
	if (sg_pdf_faceprep_find(pf->prep, u->gids, u->n, pf->harfbuzz, prog, newgid, &own)) {
		pf->info.own_cff = own;
		return 0;
	}
	const char *path = sg_font_face_path(pf->face);
	if (S_subset(pf, u, prog, newgid) < 0) {
		sg_error(d, pos, "cannot make a subset of the font %s", path);
		return -1;
	}
	if (pf->cff && S_check_cff(pf, u, prog) < 0) {
		sg_error(d, pos,
			 "the subset of the font %s does not keep the glyphs' CIDs; it cannot "
			 "be embedded",
			 path);
		return -1;
	}
	sg_pdf_faceprep_keep(pf->prep, u->gids, u->n, pf->harfbuzz, prog->data, prog->len, newgid,
			     pf->info.own_cff);
	return 0;
}

int sg_pdf_font_write(sg_pdf_font *pf, sg_pos pos, sg_diags *d)
{
	if (pf->written)
		return 0;
	pf->written = true;
	S_used u;
	S_collect(pf, &u);
	uint32_t *newgid = sg_xcalloc(u.n + 1, sizeof *newgid);
	sg_buf prog;
	sg_buf_init(&prog);
	size_t start = sg_pdf_file_size(pf->file);
	int rc = -1;
	const char *path = sg_font_face_path(pf->face);
	if (S_program(pf, &u, &prog, newgid, pos, d) < 0)
		goto cleanup;
	if (S_objects(pf, &u, &prog, newgid) < 0) {
		sg_error(d, pos, "zlib cannot compress the font %s", path);
		goto cleanup;
	}
	pf->info.glyphs = u.n;
	pf->info.program_bytes = prog.len;
	pf->info.file_bytes = sg_pdf_file_size(pf->file) - start;
	rc = 0;
cleanup:
	sg_buf_dispose(&prog);
	free(newgid);
	free(u.codes);
	free(u.gids);
	return rc;
}

void sg_pdf_font_info_get(const sg_pdf_font *pf, sg_pdf_font_info *out)
{
	*out = pf->info;
}
