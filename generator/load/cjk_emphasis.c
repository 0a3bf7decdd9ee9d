/*
 * cjk_emphasis.c - re-pairing '*' and '_' next to CJK text (see the header).
 *
 * The pass, for one container of inlines (a paragraph, heading, table cell,
 * link text, image description or emphasis), children before parents:
 *
 *   1. Tokenize: every text child is split so that each delimiter run sits in
 *      a text node of its own, marked S_DELIM in its user data; other text is
 *      marked S_PLAIN. Which '*' and '_' are delimiters (not "\*" or "&ast;")
 *      is read from the source (S_mask).
 *   2. Gate: unless some run touches a CJK character, stop here; the
 *      container stays as cmark parsed it.
 *   3. Unwrap cmark's emphasis children whose delimiters touch CJK back into
 *      delimiter runs, so that wrong pairs can be undone.
 *   4. Pair the runs with CommonMark's "process emphasis" algorithm, using
 *      the CJK-aware flanking rule (S_flank), first on paper: only if that
 *      leaves fewer delimiters as text than cmark did is it done for real;
 *      otherwise step 3 is undone (S_rewrap).
 *
 * Every step is linear in the container's size (runs already paired are
 * skipped in later searches, source lines are indexed once), so hostile
 * input costs about what cmark's own parse costs.
 *
 * The marks are cleared and adjacent text nodes merged again at the end.
 */
#include "load/cjk_emphasis.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "load/markdown.h"
#include "load/mdsource.h"

/* User data marks while the pass runs; their addresses are the marks. */
static char S_mark[4];
#define S_PLAIN ((void *)&S_mark[0])      /* text with no delimiter in it */
#define S_DELIM ((void *)&S_mark[1])      /* one delimiter run, one character */
#define S_MADE_STAR ((void *)&S_mark[2])  /* emphasis this pass made from '*' */
#define S_MADE_UNDER ((void *)&S_mark[3]) /* ... from '_' */

/* ---------------------------------------------------------------- source */

typedef struct S_ctx {
	sg_mdsource source; /* its src NULL: no source, see the header */
	bool tokenized;     /* some text node was split: merge again at the end */
	int made;
	/* What the source lines of the last block asked about hold. */
	cmark_node *block;
	bool plain, star, under;
} S_ctx;

static bool S_ascii_punct(int c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
	       (c >= 0x7B && c <= 0x7E);
}

static bool S_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool S_alnum(uint32_t c)
{
	return S_alpha((int)c) || (c >= '0' && c <= '9');
}

/* Looks at the source lines of block once: whether they hold nothing that
 * cmark turns into a literal '*' or '_' (a backslash escape or a character
 * reference), so that every '*' and '_' in its text nodes is a delimiter
 * left unpaired (plain), and whether they hold '*' and '_' at all. */
static void S_block_scan(S_ctx *cx, cmark_node *block)
{
	if (cx->block == block)
		return;
	cx->block = block;
	cx->plain = false;
	cx->star = cx->under = true;
	int first = cmark_node_get_start_line(block), last = cmark_node_get_end_line(block);
	if (!cx->source.src || first < 1 || last < first)
		return;
	bool plain = true, star = false, under = false;
	for (int l = first; l <= last; l++) {
		const char *p;
		size_t n;
		if (!sg_mdsource_line(&cx->source, l, &p, &n))
			return;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '*')
				star = true;
			else if (p[i] == '_')
				under = true;
			else if (p[i] == '\\' && i + 1 < n && (p[i + 1] == '*' || p[i + 1] == '_'))
				plain = false;
			else if (p[i] == '&' && sg_mdsource_entity_len(p + i, n - i))
				plain = false;
		}
	}
	cx->plain = plain;
	cx->star = star;
	cx->under = under;
}

static cmark_node *S_block_of(cmark_node *node)
{
	while (node && (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_BLOCK)
		node = cmark_node_parent(node);
	return node;
}

/* Fills mask[0..n) for text node t: 1 where its literal has a delimiter,
 * a '*' or '_' written as such (not escaped). */
static void S_mask(S_ctx *cx, cmark_node *t, const char *lit, size_t n, unsigned char *mask)
{
	cmark_node *block = S_block_of(t);
	if (block)
		S_block_scan(cx, block);
	if (!cx->source.src || (block && cx->plain)) {
		for (size_t i = 0; i < n; i++)
			mask[i] = lit[i] == '*' || lit[i] == '_';
		return;
	}
	sg_mdsource_text(&cx->source, t, lit, n, mask);
	for (size_t i = 0; i < n; i++)
		mask[i] = mask[i] == SG_MDSRC_ASIS && (lit[i] == '*' || lit[i] == '_');
}

/* ---------------------------------------------------------------- characters */

static bool S_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Unicode punctuation and symbols as far as flanking needs them. */
static bool S_punct(uint32_t c)
{
	if (c < 0x80)
		return S_ascii_punct((int)c);
	return (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) ||
	       (c >= 0x2030 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3003) ||
	       (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301F) || c == 0x3030 ||
	       c == 0x303D || c == 0x30FB || (c >= 0xFE10 && c <= 0xFE19) ||
	       (c >= 0xFE30 && c <= 0xFE6B) || (c >= 0xFF01 && c <= 0xFF0F) ||
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	       (c >= 0xFF5B && c <= 0xFF65);
}

static bool S_cjk(uint32_t c)
{
	return !S_ws(c) && sg_utf8_is_cjk(c);
}

/* Punctuation that starts something: a run just after it does not close. */
static bool S_opening(uint32_t c)
{
	static const uint32_t set[] = {'(',    '[',    '{',    0xAB,   0x2018, 0x201C, 0x3008,
				       0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018,
				       0x301A, 0xFF08, 0xFF3B, 0xFF5B, 0xFF62};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == c)
			return true;
	return false;
}

/* Punctuation that ends something: a run just before it does not open. */
static bool S_closing(uint32_t c)
{
	static const uint32_t set[] = {')',    ']',    '}',    '.',    ',',    ';',    ':',
				       '?',    '!',    0xBB,   0x2019, 0x201D, 0x2026, 0x3001,
				       0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
				       0x3017, 0x3019, 0x301B, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E,
				       0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF63};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == c)
			return true;
	return false;
}

static uint32_t S_first_cp(const char *s)
{
	uint32_t cp = ' ';
	if (s && *s)
		sg_utf8_decode(s, strlen(s), &cp);
	return cp;
}

static uint32_t S_last_cp(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return ' ';
	size_t i = n - 1;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	uint32_t cp;
	sg_utf8_decode(s + i, n - i, &cp);
	return cp;
}

static bool S_is_block(cmark_node *n)
{
	return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* The character just outside a sibling: the text's own character, white
 * space for a line break or the edge of a block, and punctuation for any
 * other inline (code spans, links, emphasis end with ` ) ] * or _ in the
 * source) and for the edge of an inline container. */
static uint32_t S_side(cmark_node *container, cmark_node *sib, bool last)
{
	while (sib && cmark_node_get_type(sib) == CMARK_NODE_TEXT &&
	       !*cmark_node_get_literal(sib))
		sib = last ? cmark_node_previous(sib) : cmark_node_next(sib);
	if (!sib)
		return S_is_block(container) ? ' ' : '*';
	switch (sg_markdown_kind(sib)) {
	case SG_MD_TEXT: {
		const char *lit = cmark_node_get_literal(sib);
		return last ? S_last_cp(lit) : S_first_cp(lit);
	}
	case SG_MD_SOFTBREAK:
	case SG_MD_LINEBREAK: return ' ';
	default: return '*';
	}
}

static uint32_t S_before(cmark_node *node)
{
	return S_side(cmark_node_parent(node), cmark_node_previous(node), true);
}

static uint32_t S_after(cmark_node *node)
{
	return S_side(cmark_node_parent(node), cmark_node_next(node), false);
}

/* ---------------------------------------------------------------- tokens */

static cmark_node *S_text(const char *s, size_t n, void *mark)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *copy = sg_xstrndup(s, n);
	cmark_node_set_literal(t, copy);
	free(copy);
	cmark_node_set_user_data(t, mark);
	return t;
}

/* Step 1: splits the unmarked text children of container. */
static void S_tokenize(S_ctx *cx, cmark_node *container)
{
	cmark_node *next;
	for (cmark_node *t = cmark_node_first_child(container); t; t = next) {
		next = cmark_node_next(t);
		if (cmark_node_get_type(t) != CMARK_NODE_TEXT || cmark_node_get_user_data(t))
			continue;
		const char *lit = cmark_node_get_literal(t);
		size_t n = strlen(lit);
		if (!memchr(lit, '*', n) && !memchr(lit, '_', n)) {
			cmark_node_set_user_data(t, S_PLAIN);
			continue;
		}
		unsigned char *mask = sg_xmalloc(n);
		S_mask(cx, t, lit, n, mask);
		size_t any = 0;
		for (size_t i = 0; i < n; i++)
			any += mask[i];
		if (!any) {
			cmark_node_set_user_data(t, S_PLAIN);
			free(mask);
			continue;
		}
		for (size_t i = 0; i < n;) {
			size_t j = i + 1;
			if (mask[i]) {
				while (j < n && mask[j] && lit[j] == lit[i])
					j++;
			} else {
				while (j < n && !mask[j])
					j++;
			}
			cmark_node_insert_before(t, S_text(lit + i, j - i, mask[i] ? S_DELIM : S_PLAIN));
			i = j;
		}
		free(mask);
		cmark_node_free(t);
		cx->tokenized = true;
	}
}

static bool S_is_delim(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_TEXT && cmark_node_get_user_data(n) == S_DELIM;
}

/* Step 2: whether a run touches CJK. */
static bool S_gate(cmark_node *container)
{
	for (cmark_node *c = cmark_node_first_child(container); c; c = cmark_node_next(c))
		if (S_is_delim(c) && (S_cjk(S_before(c)) || S_cjk(S_after(c))))
			return true;
	return false;
}

/* The character ('*' or '_') that made emphasis node e, or 0 if unknown. */
static char S_emph_char(S_ctx *cx, cmark_node *e)
{
	void *mark = cmark_node_get_user_data(e);
	if (mark == S_MADE_STAR)
		return '*';
	if (mark == S_MADE_UNDER)
		return '_';
	if (!cx->source.src)
		return 0;
	cmark_node *block = S_block_of(e);
	if (block) {
		S_block_scan(cx, block);
		if (!cx->under)
			return '*';
		if (!cx->star)
			return '_';
	}
	const char *p, *q;
	size_t pn, qn;
	int sc = cmark_node_get_start_column(e), ec = cmark_node_get_end_column(e);
	if (sc < 1 || ec < 1 || !sg_mdsource_line(&cx->source, cmark_node_get_start_line(e), &p, &pn) ||
	    !sg_mdsource_line(&cx->source, cmark_node_get_end_line(e), &q, &qn) || (size_t)sc > pn || (size_t)ec > qn)
		return 0;
	char c = p[sc - 1];
	return (c == '*' || c == '_') && q[ec - 1] == c ? c : 0;
}

/* What S_unwrap took apart, to put back together if pairing again is no
 * better than what cmark did. */
typedef struct S_undo {
	cmark_node *open, *close; /* the runs that stand for its delimiters */
	cmark_node_type type;
} S_undo;

/* Step 3: puts emphasis whose delimiters touch CJK back as runs; the
 * children it held are looked at in turn, so nested emphasis comes apart
 * too. Appends what it did to *log (*nlog entries). */
static void S_unwrap(S_ctx *cx, cmark_node *container, S_undo **log, size_t *nlog)
{
	size_t cap = *nlog;
	cmark_node *e = cmark_node_first_child(container);
	while (e) {
		sg_md_kind k = sg_markdown_kind(e);
		if (k != SG_MD_EMPH && k != SG_MD_STRONG) {
			e = cmark_node_next(e);
			continue;
		}
		cmark_node *fc = cmark_node_first_child(e), *lc = cmark_node_last_child(e);
		uint32_t in_first = fc && cmark_node_get_type(fc) == CMARK_NODE_TEXT
					    ? S_first_cp(cmark_node_get_literal(fc))
					    : '*';
		uint32_t in_last = lc && cmark_node_get_type(lc) == CMARK_NODE_TEXT
					   ? S_last_cp(cmark_node_get_literal(lc))
					   : '*';
		char c = 0;
		if (S_cjk(S_before(e)) || S_cjk(S_after(e)) || S_cjk(in_first) || S_cjk(in_last))
			c = S_emph_char(cx, e);
		if (!c) {
			e = cmark_node_next(e);
			continue;
		}
		char d[2] = {c, c};
		size_t n = k == SG_MD_STRONG ? 2 : 1;
		cmark_node *open = S_text(d, n, S_DELIM), *close = S_text(d, n, S_DELIM);
		cmark_node_insert_before(e, open);
		cmark_node *child;
		while ((child = cmark_node_first_child(e)))
			if (!cmark_node_insert_before(e, child))
				break;
		cmark_node_insert_before(e, close);
		if (*nlog == cap) {
			cap = cap ? cap * 2 : 8;
			*log = sg_xrealloc(*log, cap * sizeof **log);
		}
		(*log)[(*nlog)++] = (S_undo){open, close, cmark_node_get_type(e)};
		cmark_node_free(e);
		e = cmark_node_next(open);
	}
}

/* Puts back what S_unwrap took apart, innermost first. */
static void S_rewrap(S_undo *log, size_t n)
{
	while (n-- > 0) {
		cmark_node *e = cmark_node_new(log[n].type), *cur;
		char c = cmark_node_get_literal(log[n].open)[0];
		cmark_node_set_user_data(e, c == '*' ? S_MADE_STAR : S_MADE_UNDER);
		cmark_node_insert_before(log[n].open, e);
		cmark_node_free(log[n].open);
		while ((cur = cmark_node_next(e)) && cur != log[n].close)
			if (!cmark_node_append_child(e, cur))
				break;
		cmark_node_free(log[n].close);
	}
}

/* Joins adjacent runs of the same character ("*" then "**" is "***"). */
static void S_join_runs(cmark_node *container)
{
	cmark_node *c = cmark_node_first_child(container);
	while (c) {
		cmark_node *n = cmark_node_next(c);
		if (S_is_delim(c) && S_is_delim(n) &&
		    cmark_node_get_literal(c)[0] == cmark_node_get_literal(n)[0]) {
			const char *a = cmark_node_get_literal(c), *b = cmark_node_get_literal(n);
			size_t an = strlen(a), bn = strlen(b);
			char *s = sg_xmalloc(an + bn + 1);
			memcpy(s, a, an);
			memcpy(s + an, b, bn + 1);
			cmark_node_set_literal(c, s);
			free(s);
			cmark_node_free(n);
			continue;
		}
		c = n;
	}
}

/* ---------------------------------------------------------------- pairing */

typedef struct S_run {
	cmark_node *node; /* the text node of the run */
	char ch;
	int len;  /* delimiters left */
	int orig; /* length of the run as written, for the rule of 3 */
	bool open, close, active;
} S_run;

/* CommonMark's flanking with the CJK clauses described in the header. */
static void S_flank(S_run *r, uint32_t p, uint32_t n)
{
	bool pw = S_ws(p), nw = S_ws(n), pp = S_punct(p), np = S_punct(n);
	bool cjk = S_cjk(p) || S_cjk(n);
	bool left = !nw && (!np || pw || pp || (cjk && !S_closing(n)));
	bool right = !pw && (!pp || nw || np || (cjk && !S_opening(p)));
	if (r->ch == '*') {
		r->open = left;
		r->close = right;
		return;
	}
	bool intraword = S_alnum(p) && S_alnum(n);
	r->open = left && (!right || pp || S_cjk(p)) && !intraword;
	r->close = right && (!left || np || S_cjk(n)) && !intraword;
}

static void S_set_run(cmark_node *t, char ch, int len)
{
	char buf[64];
	char *s = len < (int)sizeof buf ? buf : sg_xmalloc((size_t)len + 1);
	memset(s, ch, (size_t)len);
	s[len] = '\0';
	cmark_node_set_literal(t, s);
	if (s != buf)
		free(s);
}

/* Wraps the siblings between opener o and closer c in a new node. */
static void S_wrap(S_ctx *cx, S_run *o, S_run *c, int use)
{
	cmark_node *e = cmark_node_new(use == 2 ? CMARK_NODE_STRONG : CMARK_NODE_EMPH);
	cmark_node_set_user_data(e, o->ch == '*' ? S_MADE_STAR : S_MADE_UNDER);
	cmark_node_insert_after(o->node, e);
	cmark_node *cur;
	/* Inlines can hold any inline, so this never fails; the check only
	 * keeps a refusal from looping. */
	while ((cur = cmark_node_next(e)) != c->node)
		if (!cmark_node_append_child(e, cur))
			break;
	o->len -= use;
	c->len -= use;
	S_set_run(o->node, o->ch, o->len);
	S_set_run(c->node, c->ch, c->len);
	cx->made++;
}

/* The nearest opener still in play before closer i (walking prev, down to
 * bottom, exclusive) that can pair with it: the same character, and not
 * refused by the spec's rule of three. -1 when there is none. */
static long S_find_opener(const S_run *runs, const long *prev, size_t i, long bottom)
{
	const S_run *c = &runs[i];
	for (long j = prev[i]; j > bottom; j = prev[j]) {
		const S_run *o = &runs[j];
		if (o->ch != c->ch || !o->open)
			continue;
		if ((o->close || c->open) && (o->orig + c->orig) % 3 == 0 &&
		    !(o->orig % 3 == 0 && c->orig % 3 == 0))
			continue;
		return j;
	}
	return -1;
}

/* Step 4: the "process emphasis" procedure of the CommonMark spec. With
 * apply false only the runs change (give it a copy). Returns the number of
 * delimiter characters left unpaired. */
static int S_pair(S_ctx *cx, S_run *runs, size_t n, bool apply)
{
	/* bottom[char][closer length % 3][closer can open]: openers at or below
	 * this index were already searched for such a closer. */
	long bottom[2][3][2];
	for (size_t i = 0; i < sizeof bottom / sizeof(long); i++)
		((long *)bottom)[i] = -1;
	/* prev[i]: the run before i still in play, so that runs paired or
	 * dropped are passed over once, not at every search. */
	long *prev = sg_xmalloc((n ? n : 1) * sizeof *prev);
	for (size_t i = 0; i < n; i++)
		prev[i] = (long)i - 1;

	for (size_t i = 0; i < n; i++) {
		S_run *c = &runs[i];
		while (c->active && c->close && c->len > 0) {
			long *bot = &bottom[c->ch == '_'][c->orig % 3][c->open];
			long found = S_find_opener(runs, prev, i, *bot);
			if (found < 0) {
				*bot = (long)i - 1;
				if (!c->open)
					c->active = false;
				break;
			}
			S_run *o = &runs[found];
			int use = c->len >= 2 && o->len >= 2 ? 2 : 1;
			if (apply) {
				S_wrap(cx, o, c, use);
			} else {
				o->len -= use;
				c->len -= use;
			}
			/* Runs between the pair stay text. */
			for (long k = prev[i]; k > found; k = prev[k])
				runs[k].active = false;
			prev[i] = found;
			if (o->len == 0) {
				o->active = false;
				if (apply)
					cmark_node_free(o->node);
				o->node = NULL;
				prev[i] = prev[found];
			}
		}
		if (c->len == 0 && c->node) {
			c->active = false;
			if (apply)
				cmark_node_free(c->node);
			c->node = NULL;
		}
		if (!c->active && i + 1 < n)
			prev[i + 1] = prev[i];
	}
	free(prev);
	int left = 0;
	for (size_t i = 0; i < n; i++)
		left += runs[i].len;
	return left;
}

/* The runs among the children of container, adjacent runs of one
 * character counted as one (S_join_runs joins their nodes). */
static S_run *S_runs(cmark_node *container, size_t *count)
{
	size_t n = 0, cap = 16;
	S_run *runs = sg_xmalloc(cap * sizeof *runs);
	for (cmark_node *c = cmark_node_first_child(container); c; c = cmark_node_next(c)) {
		if (!S_is_delim(c))
			continue;
		const char *lit = cmark_node_get_literal(c);
		cmark_node *last = c;
		int len = (int)strlen(lit);
		while (S_is_delim(cmark_node_next(last)) &&
		       cmark_node_get_literal(cmark_node_next(last))[0] == lit[0]) {
			last = cmark_node_next(last);
			len += (int)strlen(cmark_node_get_literal(last));
		}
		if (n == cap) {
			cap *= 2;
			runs = sg_xrealloc(runs, cap * sizeof *runs);
		}
		S_run *r = &runs[n++];
		*r = (S_run){.node = c, .ch = lit[0], .len = len, .orig = len, .active = true};
		S_flank(r, S_before(c), S_after(last));
		c = last;
	}
	*count = n;
	return runs;
}

static void S_process(S_ctx *cx, cmark_node *container)
{
	S_tokenize(cx, container);
	if (!S_gate(container))
		return;
	int before = 0;
	for (cmark_node *c = cmark_node_first_child(container); c; c = cmark_node_next(c))
		if (S_is_delim(c))
			before += (int)strlen(cmark_node_get_literal(c));

	S_undo *log = NULL;
	size_t nlog = 0, n;
	S_unwrap(cx, container, &log, &nlog);
	S_tokenize(cx, container); /* the text that was inside */
	S_run *runs = S_runs(container, &n);
	int left = S_pair(cx, runs, n, false);
	free(runs);

	/* Only a better result than cmark's is taken: fewer delimiters left as
	 * text. Otherwise cmark's pairs are put back as they were. */
	if (left >= before) {
		S_rewrap(log, nlog);
	} else {
		cx->made -= (int)nlog;
		S_join_runs(container);
		runs = S_runs(container, &n);
		S_pair(cx, runs, n, true);
		free(runs);
	}
	free(log);
}

/* ---------------------------------------------------------------- the pass */

static bool S_is_autolink(cmark_node *link)
{
	cmark_node *t = cmark_node_first_child(link);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	const char *lit = cmark_node_get_literal(t), *url = cmark_node_get_url(link);
	size_t ln = strlen(lit), un = url ? strlen(url) : 0;
	return un >= ln && strcmp(url + un - ln, lit) == 0;
}

static bool S_is_container(cmark_node *n)
{
	switch (sg_markdown_kind(n)) {
	case SG_MD_PARAGRAPH:
	case SG_MD_HEADING:
	case SG_MD_TABLE_CELL:
	case SG_MD_EMPH:
	case SG_MD_STRONG:
	case SG_MD_STRIKETHROUGH:
	case SG_MD_IMAGE: return true;
	case SG_MD_LINK: return !S_is_autolink(n);
	default: return false;
	}
}

int sg_cjk_emphasis_fix(cmark_node *root, const char *src, size_t len)
{
	S_ctx cx = {0};
	sg_mdsource_init(&cx.source, src, len);

	/* Containers in post-order: inner ones are paired first, as CommonMark
	 * pairs a link's text before the text around it; the tree is changed
	 * only after the walk. */
	cmark_node **list = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_EXIT || !S_is_container(cur))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			list = sg_xrealloc(list, cap * sizeof *list);
		}
		list[n++] = cur;
	}
	cmark_iter_free(it);

	for (size_t i = 0; i < n; i++)
		S_process(&cx, list[i]);
	free(list);

	/* Leaves the user data free for the renderers again. */
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		void *ud = cmark_node_get_user_data(cur);
		if (ev == CMARK_EVENT_ENTER &&
		    (ud == S_PLAIN || ud == S_DELIM || ud == S_MADE_STAR || ud == S_MADE_UNDER))
			cmark_node_set_user_data(cur, NULL);
	}
	cmark_iter_free(it);
	if (cx.tokenized)
		cmark_consolidate_text_nodes(root);
	sg_mdsource_dispose(&cx.source);
	return cx.made;
}
