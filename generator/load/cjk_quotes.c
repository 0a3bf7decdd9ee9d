/*
 * cjk_quotes.c - curly quotes next to CJK text (see the header).
 *
 * One walk over the tree; in each block of inlines the curly quotes are
 * noted with the characters around them (the character after a quote is
 * filled in when the walk reaches it), then decided in order and written
 * back into their text nodes. Linear in the size of the tree; memory is one
 * entry per quote.
 */
#include "load/cjk_quotes.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "load/markdown.h"
#include "load/mdsource.h"

enum {
	S_LSQ = 0x2018, /* ‘ */
	S_RSQ = 0x2019, /* ’ */
	S_LDQ = 0x201C, /* “ */
	S_RDQ = 0x201D, /* ” */
};

typedef struct S_quote {
	cmark_node *node;    /* the text node holding it */
	size_t off;          /* its first byte in the node's literal */
	uint32_t cp;         /* the quote as it is */
	uint32_t prev, next; /* the characters around it; ' ' at a block's edge */
	bool smart;          /* made from a straight quote by smart punctuation */
} S_quote;

typedef struct S_ctx {
	sg_mdsource source;
	cmark_node *block; /* the block of inlines being walked, or NULL */
	/* Every curly quote of the block was made from a straight one (its
	 * source has no quote typed curly), so no text needs lining up. */
	bool all_smart;
	S_quote *q; /* the block's quotes */
	size_t n, cap;
	size_t pending; /* q[pending..n) wait for the character after them */
	uint32_t last;  /* the last character seen that is not a quote */
	unsigned char *how; /* scratch for sg_mdsource_text */
	size_t howcap;
	int changed;
} S_ctx;

/* ---------------------------------------------------------------- characters */

static bool S_is_quote(uint32_t c)
{
	return c == S_LSQ || c == S_RSQ || c == S_LDQ || c == S_RDQ;
}

static bool S_cjk(uint32_t c)
{
	return sg_utf8_is_cjk(c);
}

static bool S_latin_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* A letter or digit of any script, as before an apostrophe. */
static bool S_word(uint32_t c)
{
	return S_latin_letter(c) || (c >= '0' && c <= '9') ||
	       (S_cjk(c) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF0F));
}

/* ---------------------------------------------------------------- blocks */

static bool S_has_inlines(cmark_node *n)
{
	sg_md_kind k = sg_markdown_kind(n);
	return k == SG_MD_PARAGRAPH || k == SG_MD_HEADING || k == SG_MD_TABLE_CELL;
}

/* Whether the source lines of block (or of the nearest ancestor that has
 * lines: a table cell's row) hold no quote typed curly, directly or as a
 * character reference: then every curly quote in it is smart punctuation's. */
static bool S_all_smart(const S_ctx *cx, cmark_node *block)
{
	if (!cx->source.src)
		return true;
	cmark_node *at = block;
	while (at && cmark_node_get_start_line(at) < 1)
		at = cmark_node_parent(at);
	if (!at)
		return false;
	int first = cmark_node_get_start_line(at), last = cmark_node_get_end_line(at);
	for (int l = first; l <= last; l++) {
		const char *p;
		size_t n;
		if (!sg_mdsource_line(&cx->source, l, &p, &n))
			return false;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '&' && sg_mdsource_entity_len(p + i, n - i))
				return false;
			if (i + 2 < n && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
			    ((unsigned char)p[i + 2] == 0x98 || (unsigned char)p[i + 2] == 0x99 ||
			     (unsigned char)p[i + 2] == 0x9C || (unsigned char)p[i + 2] == 0x9D))
				return false;
		}
	}
	return true;
}

static void S_begin(S_ctx *cx, cmark_node *block)
{
	cx->block = block;
	cx->all_smart = S_all_smart(cx, block);
	cx->n = cx->pending = 0;
	cx->last = ' ';
}

/* A character of the block that is not a quote: the one after the quotes
 * waiting for it. '*' and '_' are looked through: next to CJK text they are
 * emphasis that the CJK emphasis pass pairs later. */
static void S_char(S_ctx *cx, uint32_t c)
{
	if (c == '*' || c == '_')
		return;
	for (size_t i = cx->pending; i < cx->n; i++)
		cx->q[i].next = c;
	cx->pending = cx->n;
	cx->last = c;
}

static void S_text(S_ctx *cx, cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	size_t len = lit ? strlen(lit) : 0;
	bool aligned = false;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = sg_utf8_decode(lit + i, len - i, &c);
		if (k == 0) {
			k = 1;
			c = 0xFFFD;
		}
		if (!S_is_quote(c)) {
			S_char(cx, c);
			i += k;
			continue;
		}
		bool smart = cx->all_smart;
		if (!smart) {
			if (!aligned) {
				if (len > cx->howcap) {
					cx->howcap = len;
					cx->how = sg_xrealloc(cx->how, len);
				}
				sg_mdsource_text(&cx->source, t, lit, len, cx->how);
				aligned = true;
			}
			smart = cx->how[i] == SG_MDSRC_SMART;
		}
		if (cx->n == cx->cap) {
			cx->cap = cx->cap ? cx->cap * 2 : 16;
			cx->q = sg_xrealloc(cx->q, cx->cap * sizeof *cx->q);
		}
		cx->q[cx->n++] = (S_quote){t, i, c, cx->last, ' ', smart};
		i += k;
	}
}

/* The quotes of the block, decided again (see the header). */
static void S_decide(S_ctx *cx)
{
	bool open_double = false, open_single = false;
	for (size_t i = 0; i < cx->n; i++) {
		S_quote *q = &cx->q[i];
		bool near_cjk = S_cjk(q->prev) || S_cjk(q->next);
		uint32_t want = q->cp;
		if (q->cp == S_LDQ || q->cp == S_RDQ) {
			if (q->smart && near_cjk)
				want = open_double ? S_RDQ : S_LDQ;
			open_double = want == S_LDQ;
		} else {
			if (S_word(q->prev) && S_latin_letter(q->next))
				continue; /* an apostrophe */
			if (q->smart && near_cjk)
				want = open_single ? S_RSQ : S_LSQ;
			open_single = want == S_LSQ;
		}
		q->cp = want;
	}
}

/* Writes the quotes that changed into their text nodes, one copy of a
 * node's literal for all of its quotes (they are in document order). */
static void S_apply(S_ctx *cx)
{
	for (size_t i = 0; i < cx->n;) {
		cmark_node *t = cx->q[i].node;
		const char *lit = cmark_node_get_literal(t);
		char *copy = NULL;
		for (; i < cx->n && cx->q[i].node == t; i++) {
			const S_quote *q = &cx->q[i];
			/* The quotes are U+2018..U+201D: E2 80 98..9D in UTF-8. */
			unsigned char last = (unsigned char)(0x80 | (q->cp & 0x3F));
			if ((unsigned char)lit[q->off + 2] == last)
				continue;
			if (!copy)
				copy = sg_xstrdup(lit);
			copy[q->off + 2] = (char)last;
			cx->changed++;
		}
		if (copy) {
			cmark_node_set_literal(t, copy);
			free(copy);
		}
	}
}

static void S_end(S_ctx *cx)
{
	for (size_t i = cx->pending; i < cx->n; i++)
		cx->q[i].next = ' ';
	S_decide(cx);
	S_apply(cx);
	cx->block = NULL;
	cx->n = 0;
}

/* ---------------------------------------------------------------- the pass */

int sg_cjk_quotes_fix(cmark_node *root, const char *src, size_t len)
{
	S_ctx cx = {0};
	sg_mdsource_init(&cx.source, src, len);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (S_has_inlines(n)) {
			if (ev == CMARK_EVENT_ENTER)
				S_begin(&cx, n);
			else if (cx.block == n)
				S_end(&cx);
			continue;
		}
		if (!cx.block || ev != CMARK_EVENT_ENTER)
			continue;
		switch (sg_markdown_kind(n)) {
		case SG_MD_TEXT: S_text(&cx, n); break;
		case SG_MD_CODE: S_char(&cx, 'a'); break; /* code reads as a word */
		case SG_MD_SOFTBREAK:
		case SG_MD_LINEBREAK: S_char(&cx, ' '); break;
		default: break;
		}
	}
	cmark_iter_free(it);
	free(cx.q);
	free(cx.how);
	sg_mdsource_dispose(&cx.source);
	return cx.changed;
}
