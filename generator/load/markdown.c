/*
 * markdown.c - cmark-gfm with the GFM extensions salesgen uses.
 */
#include "load/markdown.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-extension_api.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "load/cjk_emphasis.h"

/* The extensions attached to every parser. Not "tagfilter": raw HTML is
 * dropped by the renderers, so escaping some of it would change nothing. */
static const char *const S_extensions[] = {"table", "tasklist", "strikethrough", "autolink"};

static pthread_once_t S_once = PTHREAD_ONCE_INIT;

/* cmark-gfm keeps its registry of extensions in a global list that the first
 * call fills; two threads filling it at once would corrupt it. */
static void S_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static void S_ensure_registered(void)
{
	pthread_once(&S_once, S_register);
}

/* cmark-gfm 0.29 parses inlines (in cmark_parser_finish) with a global
 * table of the characters that start an inline: it adds the extensions'
 * characters ('~' for strikethrough, ':', 'w' and '@' for autolinks) when a
 * parser starts on its inlines and clears them when it is done. Two
 * documents parsed at once in threads then clear each other's: one of them
 * loses its strikethroughs and autolinks from that point on. So inline
 * parsing is done one document at a time. (github/cmark-gfm pull request
 * 176 keeps the table per parser; not in Debian 12's version.) */
static pthread_mutex_t S_inlines_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------------- CJK autolinks */

/* GFM ends an autolink (https://..., www....) only at white space or '<', and
 * Chinese text uses no spaces: "详见https://example.com。然后" would link the
 * whole run. An autolink is therefore cut before its first CJK character
 * (ideograph, kana, hangul, CJK or full-width punctuation), then trimmed of
 * trailing ASCII punctuation as GFM does; the rest becomes plain text after
 * the link. An autolink is a link whose only child is a text equal to its
 * address, or to its address without "http://" or "mailto:".
 *
 * Returns whether link is such an autolink with something to cut, and where
 * its text is cut (*cut, a byte offset; 0 when none of it is an address). */
static bool S_autolink_cut(cmark_node *link, size_t *cut)
{
	cmark_node *text = cmark_node_first_child(link);
	if (!text || cmark_node_next(text) || cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return false;
	const char *lit = cmark_node_get_literal(text);
	const char *url = cmark_node_get_url(link);
	size_t ln = lit ? strlen(lit) : 0, un = url ? strlen(url) : 0;
	if (ln == 0 || un < ln || strcmp(url + un - ln, lit) != 0)
		return false;
	size_t prefix = un - ln;
	if (!(prefix == 0 || (prefix == 7 && memcmp(url, "http://", 7) == 0) ||
	      (prefix == 7 && memcmp(url, "mailto:", 7) == 0)))
		return false;

	size_t at = ln;
	for (size_t i = 0; i < ln;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(lit + i, ln - i, &cp);
		if (k == 0 || sg_utf8_is_cjk(cp)) {
			at = i;
			break;
		}
		i += k;
	}
	if (at == ln)
		return false;
	while (at > 0 && strchr("?!.,:;*_~'\"", lit[at - 1]))
		at--;
	*cut = at;
	return true;
}

static void S_cut_autolink(cmark_node *link, size_t cut)
{
	cmark_node *text = cmark_node_first_child(link);
	const char *lit = cmark_node_get_literal(text);
	const char *url = cmark_node_get_url(link);
	size_t ln = strlen(lit), un = strlen(url);

	/* Copies first: setting a literal frees the old one. */
	cmark_node *rest = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(rest, lit + cut);
	char *head = sg_xstrndup(lit, cut);
	char *addr = sg_xstrndup(url, un - ln + cut);
	cmark_node_insert_after(link, rest);
	if (cut == 0) {
		/* Nothing of it was an address after all. */
		cmark_node_set_literal(rest, lit);
		cmark_node_free(link);
	} else {
		cmark_node_set_literal(text, head);
		cmark_node_set_url(link, addr);
	}
	free(head);
	free(addr);
}

/* What the writer put in angle brackets, <...>, with its line: an explicit
 * autolink has exactly its bracketed text as its text. Found in one pass
 * and sorted, so that each link is looked up rather than its line searched:
 * a paragraph of 60,000 links would otherwise take minutes. */
typedef struct S_angle {
	int line;
	const char *s;
	size_t n;
} S_angle;

static int S_angle_cmp(const void *pa, const void *pb)
{
	const S_angle *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
	if (c != 0)
		return c;
	return a->n < b->n ? -1 : a->n > b->n;
}

static S_angle *S_angles(const char *text, size_t len, size_t *count)
{
	S_angle *v = NULL;
	size_t n = 0, cap = 0;
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			line++;
			continue;
		}
		if (text[i] != '<')
			continue;
		/* An autolink holds no white space, '<' or '>'. */
		size_t j = i + 1;
		while (j < len && !strchr("<> \t\r\n", text[j]))
			j++;
		if (j == len || text[j] != '>' || j == i + 1)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = sg_xrealloc(v, cap * sizeof *v);
		}
		v[n++] = (S_angle){line, text + i + 1, j - i - 1};
		i = j;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, S_angle_cmp);
	*count = n;
	return v;
}

/* True when the link was written as CommonMark's own autolink, <https://...>:
 * its line holds its text in angle brackets. (cmark-gfm 0.29's inline
 * columns are wrong inside block quotes and lists, so look at the line.) */
static bool S_is_explicit_autolink(cmark_node *link, const S_angle *angles, size_t nangles)
{
	cmark_node *child = cmark_node_first_child(link);
	const char *lit = child ? cmark_node_get_literal(child) : NULL;
	S_angle key = {cmark_node_get_start_line(link), lit, lit ? strlen(lit) : 0};
	if (key.line <= 0 || key.n == 0 || nangles == 0)
		return false;
	return bsearch(&key, angles, nangles, sizeof *angles, S_angle_cmp) != NULL;
}

static void S_cut_autolinks(cmark_node *root, const char *text, size_t len)
{
	/* The links to cut, and where; changed after the walk, as the
	 * iterator must not see nodes move. */
	struct {
		cmark_node *link;
		size_t cut;
	} *links = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		size_t cut;
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_LINK ||
		    !S_autolink_cut(cur, &cut))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			links = sg_xrealloc(links, cap * sizeof *links);
		}
		links[n].link = cur;
		links[n++].cut = cut;
	}
	cmark_iter_free(it);
	if (n == 0)
		return;
	/* Only bare addresses: an explicit <https://...> ends where its
	 * writer ended it. */
	size_t nangles = 0;
	S_angle *angles = text ? S_angles(text, len, &nangles) : NULL;
	for (size_t i = 0; i < n; i++)
		if (!S_is_explicit_autolink(links[i].link, angles, nangles))
			S_cut_autolink(links[i].link, links[i].cut);
	free(angles);
	free(links);
}

/* ---------------------------------------------------------------- parsing */

cmark_node *sg_markdown_parse(const char *text, size_t len, int first_line)
{
	S_ensure_registered();
	cmark_parser *parser = cmark_parser_new(SG_MARKDOWN_OPTIONS);
	if (!parser) {
		fputs("salesgen: out of memory\n", stderr);
		abort();
	}
	for (size_t i = 0; i < sizeof S_extensions / sizeof S_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(S_extensions[i]);
		/* Missing only when libcmark-gfm-extensions is broken. */
		if (!ext) {
			fprintf(stderr, "salesgen: cmark-gfm extension '%s' is missing\n",
				S_extensions[i]);
			abort();
		}
		cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	pthread_mutex_lock(&S_inlines_lock);
	cmark_node *root = cmark_parser_finish(parser);
	pthread_mutex_unlock(&S_inlines_lock);
	cmark_parser_free(parser);
	if (!root) {
		fputs("salesgen: out of memory\n", stderr);
		abort();
	}
	S_cut_autolinks(root, text, len);
	sg_cjk_emphasis_fix(root, text, len);
	cmark_node_set_user_data(root, (void *)(intptr_t)(first_line > 0 ? first_line : 1));
	return root;
}

void sg_markdown_free(cmark_node *root)
{
	if (root)
		cmark_node_free(root);
}

/* The file line of the document's first line, kept on the document node. */
static int S_first_line(cmark_node *node)
{
	cmark_node *root = node;
	while (cmark_node_parent(root))
		root = cmark_node_parent(root);
	intptr_t first = (intptr_t)cmark_node_get_user_data(root);
	return first > 0 ? (int)first : 1;
}

int sg_markdown_line(cmark_node *node)
{
	int line = cmark_node_get_start_line(node);
	return line > 0 ? line + S_first_line(node) - 1 : 0;
}

int sg_markdown_end_line(cmark_node *node)
{
	int line = cmark_node_get_end_line(node);
	return line > 0 ? line + S_first_line(node) - 1 : 0;
}


bool sg_markdown_task(cmark_node *node, bool *checked)
{
	bool task = cmark_node_get_type(node) == CMARK_NODE_ITEM &&
		    strcmp(cmark_node_get_type_string(node), "tasklist") == 0;
	if (checked)
		*checked = task && cmark_gfm_extensions_get_tasklist_item_checked(node);
	return task;
}

/* ---------------------------------------------------------------- plain text */

static bool S_is_block(cmark_node *node)
{
	return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

void sg_markdown_text_buf(cmark_node *node, sg_buf *out)
{
	size_t start = out->len;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		sg_md_kind kind = sg_markdown_kind(cur);
		if (cur != node && S_is_block(cur) && out->len > start) {
			/* Table cells sit side by side; other blocks stack. */
			if (kind == SG_MD_TABLE_CELL && cmark_node_previous(cur))
				sg_buf_putc(out, '\t');
			else if (out->data[out->len - 1] != '\n')
				sg_buf_putc(out, '\n');
		}
		switch (kind) {
		case SG_MD_TEXT:
		case SG_MD_CODE:
			sg_buf_puts(out, cmark_node_get_literal(cur));
			break;
		case SG_MD_CODE_BLOCK: {
			const char *lit = cmark_node_get_literal(cur);
			size_t n = strlen(lit);
			while (n > 0 && lit[n - 1] == '\n')
				n--;
			sg_buf_put(out, lit, n);
			break;
		}
		case SG_MD_SOFTBREAK:
		case SG_MD_LINEBREAK:
			sg_buf_putc(out, ' ');
			break;
		default:
			/* Raw HTML is dropped; containers give their children's text. */
			break;
		}
	}
	cmark_iter_free(it);
}

const char *sg_markdown_text(cmark_node *node, sg_arena *a)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_markdown_text_buf(node, &b);
	const char *s = sg_arena_strndup(a, b.data, b.len);
	sg_buf_dispose(&b);
	return s;
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *sg_markdown_first_heading_text(cmark_node *root, sg_arena *a)
{
	const char *found = NULL;
	sg_buf b;
	sg_buf_init(&b);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_HEADING)
			continue;
		sg_buf_clear(&b);
		sg_markdown_text_buf(cur, &b);
		size_t s = 0, e = b.len;
		while (s < e && S_space(b.data[s]))
			s++;
		while (e > s && S_space(b.data[e - 1]))
			e--;
		if (e > s)
			found = sg_arena_strndup(a, b.data + s, e - s);
	}
	cmark_iter_free(it);
	sg_buf_dispose(&b);
	return found;
}
