/*
 * markdown_html.c - one walk over the document tree (load/doctree.h), one
 * switch on the node kind (S_node), in the manner of cmark's HTML renderer.
 */
#include "render/html/markdown_html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "render/html/sanitize.h"
#include "render/html/escape.h"

typedef struct S_render {
	sg_buf *out;
	size_t start; /* out->len when rendering began */
	const sg_html_opts *o;
	sg_arena *a;
	sg_html_toc_entry *toc; /* heap while rendering */
	size_t ntoc, captoc;
	bool *links; /* per open link: whether an <a> was written for it */
	size_t nlinks, caplinks;
	const uint8_t *align; /* the current table's column alignments */
	uint16_t ncols;
	int col;
	bool tbody;
	sg_buf tmp;
} S_render;

/* ---------------------------------------------------------------- escaping */

static void S_esc(S_render *r, const char *s)
{
	if (s)
		sg_html_escape(r->out, s, strlen(s));
}

/* A newline unless output is at the start of a line. */
static void S_cr(S_render *r)
{
	if (r->out->len > r->start && r->out->data[r->out->len - 1] != '\n')
		sg_buf_putc(r->out, '\n');
}

/* ---------------------------------------------------------------- characters */

static uint32_t S_cp_at(const char *s, bool last)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return 0;
	size_t i = 0;
	if (last) {
		i = n - 1;
		while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
	}
	uint32_t cp;
	sg_utf8_decode(s + i, n - i, &cp);
	return cp;
}

/* The first (last) character of the text an inline shows. */
static uint32_t S_edge(const sg_mdnode *n, bool last)
{
	while (n) {
		switch (sg_mdnode_kind(n)) {
		case SG_MD_TEXT:
		case SG_MD_CODE: return S_cp_at(sg_mdnode_literal(n), last);
		case SG_MD_EMPH:
		case SG_MD_STRONG:
		case SG_MD_STRIKETHROUGH:
		case SG_MD_LINK: n = last ? sg_mdnode_last_child(n) : sg_mdnode_first_child(n); break;
		default: return 0;
		}
	}
	return 0;
}

/* Quotes, dashes and the ellipsis sit between Chinese characters too. */
static bool S_cjk_side(uint32_t c)
{
	return (c != 0x3000 && sg_utf8_is_cjk(c)) || c == 0x2014 || c == 0x2015 || c == 0x2018 ||
	       c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026;
}

/* A line break inside Chinese text is not a space: the writer wrapped the
 * line, and a space between two ideographs would show. */
static bool S_join_lines(const sg_mdnode *br)
{
	uint32_t p = S_edge(sg_mdnode_prev(br), true);
	uint32_t n = S_edge(sg_mdnode_next(br), false);
	return S_cjk_side(p) && S_cjk_side(n) && (sg_utf8_is_cjk(p) || sg_utf8_is_cjk(n));
}

/* ---------------------------------------------------------------- headings */

static bool S_drop_in_id(uint32_t c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_');
	return (c >= 0x80 && c <= 0xBF) || (c >= 0x2000 && c <= 0x206F) ||
	       (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6B) ||
	       (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	       (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

static bool S_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

/* GitHub's way: lower-case ASCII, keep letters, digits, '-' and '_' of any
 * script as they are, white space becomes '-', punctuation goes. */
static void S_slug(sg_buf *b, const char *text)
{
	size_t n = strlen(text);
	bool gap = false;
	size_t start = b->len;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(text + i, n - i, &cp);
		if (k == 0)
			k = 1;
		if (S_space(cp)) {
			gap = true;
		} else if (!S_drop_in_id(cp)) {
			if (gap && b->len > start)
				sg_buf_putc(b, '-');
			gap = false;
			if (cp >= 'A' && cp <= 'Z')
				sg_buf_putc(b, (int)(cp - 'A' + 'a'));
			else
				sg_buf_put(b, text + i, k);
		}
		i += k;
	}
}

static bool S_id_used(const S_render *r, const char *id)
{
	for (size_t i = 0; i < r->ntoc; i++)
		if (strcmp(r->toc[i].id, id) == 0)
			return true;
	return false;
}

static void S_heading(S_render *r, const sg_mdnode *h)
{
	int level = sg_mdnode_heading_level(h) + (r->o ? r->o->heading_shift : 0);
	level = level < 1 ? 1 : level > 6 ? 6 : level;

	sg_buf_clear(&r->tmp);
	sg_mdnode_text_buf(h, &r->tmp);
	size_t s = 0, e = r->tmp.len;
	while (s < e && S_space((unsigned char)r->tmp.data[s]))
		s++;
	while (e > s && S_space((unsigned char)r->tmp.data[e - 1]))
		e--;
	const char *text = sg_arena_strndup(r->a, r->tmp.data + s, e - s);

	sg_buf_clear(&r->tmp);
	if (r->o && r->o->id_prefix)
		sg_buf_puts(&r->tmp, r->o->id_prefix);
	size_t base_len = r->tmp.len;
	S_slug(&r->tmp, text);
	if (r->tmp.len == base_len)
		sg_buf_puts(&r->tmp, "section");
	base_len = r->tmp.len;
	for (int k = 2; S_id_used(r, r->tmp.data); k++) {
		sg_buf_truncate(&r->tmp, base_len);
		sg_buf_printf(&r->tmp, "-%d", k);
	}
	const char *id = sg_arena_strndup(r->a, r->tmp.data, r->tmp.len);

	if (r->ntoc == r->captoc) {
		r->captoc = r->captoc ? r->captoc * 2 : 16;
		r->toc = sg_xrealloc(r->toc, r->captoc * sizeof *r->toc);
	}
	r->toc[r->ntoc++] = (sg_html_toc_entry){.level = level, .id = id, .text = text};

	S_cr(r);
	sg_buf_printf(r->out, "<h%d id=\"", level);
	S_esc(r, id);
	sg_buf_puts(r->out, "\">");
}

/* ---------------------------------------------------------------- lists */

static bool S_tight(const sg_mdnode *para)
{
	const sg_mdnode *item = sg_mdnode_parent(para);
	const sg_mdnode *list = item ? sg_mdnode_parent(item) : NULL;
	return list && sg_mdnode_kind(item) == SG_MD_ITEM && sg_mdnode_kind(list) == SG_MD_LIST &&
	       sg_mdnode_list_tight(list);
}

/* The task item whose first paragraph para is, or NULL. */
static const sg_mdnode *S_task_of(const sg_mdnode *para)
{
	const sg_mdnode *item = sg_mdnode_parent(para);
	if (item && sg_mdnode_first_child(item) == para && sg_mdnode_task(item, NULL))
		return item;
	return NULL;
}

static void S_checkbox(S_render *r, const sg_mdnode *item, const char *label)
{
	bool checked;
	sg_mdnode_task(item, &checked);
	sg_buf_puts(r->out, "<input type=\"checkbox\" disabled");
	if (checked)
		sg_buf_puts(r->out, " checked");
	if (label) {
		sg_buf_puts(r->out, " aria-label=\"");
		S_esc(r, label);
		sg_buf_putc(r->out, '"');
	}
	/* A space, so that the box does not touch the text without CSS. */
	sg_buf_puts(r->out, "> ");
}

static void S_list(S_render *r, const sg_mdnode *list, bool entering)
{
	bool ordered = sg_mdnode_list_ordered(list);
	if (!entering) {
		S_cr(r);
		sg_buf_puts(r->out, ordered ? "</ol>\n" : "</ul>\n");
		return;
	}
	bool tasks = false;
	for (const sg_mdnode *i = sg_mdnode_first_child(list); i && !tasks; i = sg_mdnode_next(i))
		tasks = sg_mdnode_task(i, NULL);
	S_cr(r);
	sg_buf_puts(r->out, ordered ? "<ol" : "<ul");
	int start = sg_mdnode_list_start(list);
	if (ordered && start != 1)
		sg_buf_printf(r->out, " start=\"%d\"", start);
	if (tasks)
		sg_buf_puts(r->out, " class=\"task-list\"");
	sg_buf_puts(r->out, ">\n");
}

static void S_item(S_render *r, const sg_mdnode *item, bool entering)
{
	if (!entering) {
		sg_buf_puts(r->out, "</li>\n");
		return;
	}
	S_cr(r);
	if (!sg_mdnode_task(item, NULL)) {
		sg_buf_puts(r->out, "<li>");
		return;
	}
	sg_buf_puts(r->out, "<li class=\"task\">");
	const sg_mdnode *first = sg_mdnode_first_child(item);
	if (!first || sg_mdnode_kind(first) != SG_MD_PARAGRAPH) {
		/* No paragraph to label the box with: name it by its text. */
		sg_buf_clear(&r->tmp);
		sg_mdnode_text_buf(item, &r->tmp);
		S_checkbox(r, item, r->tmp.len ? r->tmp.data : "task");
	}
}

static void S_paragraph(S_render *r, const sg_mdnode *p, bool entering)
{
	bool tight = S_tight(p);
	const sg_mdnode *task = S_task_of(p);
	if (entering) {
		if (!tight) {
			S_cr(r);
			sg_buf_puts(r->out, "<p>");
		}
		/* The label gives the checkbox the item's text as its name. */
		if (task) {
			sg_buf_puts(r->out, "<label>");
			S_checkbox(r, task, NULL);
		}
		return;
	}
	if (task)
		sg_buf_puts(r->out, "</label>");
	if (!tight)
		sg_buf_puts(r->out, "</p>\n");
}

/* ---------------------------------------------------------------- tables */

static void S_table_cell(S_render *r, const sg_mdnode *cell, bool entering)
{
	const sg_mdnode *row = sg_mdnode_parent(cell);
	bool head = row && sg_mdnode_row_is_header(row);
	if (!entering) {
		sg_buf_puts(r->out, head ? "</th>\n" : "</td>\n");
		r->col++;
		return;
	}
	sg_buf_puts(r->out, head ? "<th" : "<td");
	if (head)
		sg_buf_puts(r->out, " scope=\"col\"");
	uint8_t al = r->align && r->col >= 0 && r->col < r->ncols ? r->align[r->col] : 0;
	if (al == 'l')
		sg_buf_puts(r->out, " class=\"align-left\"");
	else if (al == 'c')
		sg_buf_puts(r->out, " class=\"align-center\"");
	else if (al == 'r')
		sg_buf_puts(r->out, " class=\"align-right\"");
	sg_buf_putc(r->out, '>');
}

static void S_table_row(S_render *r, const sg_mdnode *row, bool entering)
{
	bool head = sg_mdnode_row_is_header(row);
	if (!entering) {
		sg_buf_puts(r->out, head ? "</tr>\n</thead>\n" : "</tr>\n");
		return;
	}
	if (head) {
		sg_buf_puts(r->out, "<thead>\n");
	} else if (!r->tbody) {
		sg_buf_puts(r->out, "<tbody>\n");
		r->tbody = true;
	}
	sg_buf_puts(r->out, "<tr>\n");
	r->col = 0;
}

static void S_table(S_render *r, const sg_mdnode *t, bool entering)
{
	if (entering) {
		S_cr(r);
		/* The wrapper scrolls sideways on a narrow screen. */
		sg_buf_puts(r->out, "<div class=\"table-wrap\">\n<table>\n");
		r->align = sg_mdnode_table_alignments(t);
		r->ncols = sg_mdnode_table_columns(t);
		r->tbody = false;
		return;
	}
	if (r->tbody)
		sg_buf_puts(r->out, "</tbody>\n");
	sg_buf_puts(r->out, "</table>\n</div>\n");
	r->align = NULL;
	r->tbody = false;
}

/* ---------------------------------------------------------------- links */

static const char *S_url(S_render *r, const sg_mdnode *n)
{
	const char *url = sg_mdnode_url(n);
	if (!url)
		url = "";
	if (r->o && r->o->rewrite_link) {
		const char *u = r->o->rewrite_link(r->o->ctx, url, r->a);
		if (u)
			url = u;
	}
	return url;
}

static void S_title(S_render *r, const sg_mdnode *n)
{
	const char *title = sg_mdnode_title(n);
	if (title && *title) {
		sg_buf_puts(r->out, " title=\"");
		S_esc(r, title);
		sg_buf_putc(r->out, '"');
	}
}

static void S_link(S_render *r, const sg_mdnode *n, bool entering)
{
	if (!entering) {
		if (r->nlinks > 0 && r->links[--r->nlinks])
			sg_buf_puts(r->out, "</a>");
		return;
	}
	if (r->nlinks == r->caplinks) {
		r->caplinks = r->caplinks ? r->caplinks * 2 : 8;
		r->links = sg_xrealloc(r->links, r->caplinks * sizeof *r->links);
	}
	const char *url = S_url(r, n);
	bool ok = sg_url_safe(url, SG_URL_LINK);
	r->links[r->nlinks++] = ok;
	if (!ok)
		return; /* refused: the link's text stays, as text */
	sg_buf_puts(r->out, "<a href=\"");
	sg_url_escape_attr(r->out, url);
	sg_buf_putc(r->out, '"');
	S_title(r, n);
	sg_buf_putc(r->out, '>');
}

/* True inside a link that was written as <a>: another would nest. */
static bool S_in_link(const S_render *r)
{
	for (size_t i = 0; i < r->nlinks; i++)
		if (r->links[i])
			return true;
	return false;
}

/* An image on the web on a site that shows none: a link to it, its
 * description (else its address) as the text; inside a link, the text
 * alone. */
static void S_remote_image(S_render *r, const sg_mdnode *n, const char *url)
{
	bool link = !S_in_link(r);
	if (link) {
		sg_buf_puts(r->out, "<a class=\"remote-image\" href=\"");
		sg_url_escape_attr(r->out, url);
		sg_buf_putc(r->out, '"');
		S_title(r, n);
		sg_buf_putc(r->out, '>');
	}
	if (r->tmp.len > 0)
		sg_html_escape(r->out, r->tmp.data, r->tmp.len);
	else
		sg_html_escape(r->out, url, strlen(url));
	if (link)
		sg_buf_puts(r->out, "</a>");
}

static void S_image(S_render *r, const sg_mdnode *n)
{
	const char *url = S_url(r, n);
	sg_buf_clear(&r->tmp);
	sg_mdnode_text_buf(n, &r->tmp);
	if (!sg_url_safe(url, SG_URL_IMAGE)) {
		sg_html_escape(r->out, r->tmp.data, r->tmp.len);
		return;
	}
	if (r->o && r->o->no_remote_images && sg_url_is_remote(url)) {
		S_remote_image(r, n, url);
		return;
	}
	sg_buf_puts(r->out, "<img src=\"");
	sg_url_escape_attr(r->out, url);
	sg_buf_puts(r->out, "\" alt=\"");
	sg_html_escape(r->out, r->tmp.data, r->tmp.len);
	sg_buf_putc(r->out, '"');
	S_title(r, n);
	sg_buf_puts(r->out, " loading=\"lazy\">");
}

/* ---------------------------------------------------------------- blocks */

static void S_code_block(S_render *r, const sg_mdnode *n)
{
	S_cr(r);
	sg_buf_puts(r->out, "<pre><code");
	const char *info = sg_mdnode_code_info(n);
	size_t k = 0;
	/* The language is the info string's first word, if it is a plain name. */
	while (info && info[k] && !strchr(" \t", info[k]))
		k++;
	bool plain = k > 0;
	for (size_t i = 0; i < k && plain; i++) {
		char c = info[i];
		plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			strchr("+-_.#", c);
	}
	if (plain) {
		sg_buf_puts(r->out, " class=\"language-");
		sg_buf_put(r->out, info, k);
		sg_buf_putc(r->out, '"');
	}
	sg_buf_putc(r->out, '>');
	S_esc(r, sg_mdnode_literal(n));
	sg_buf_puts(r->out, "</code></pre>\n");
}

/* Raw HTML is copied as it is here; with it, the whole fragment goes
 * through sg_html_sanitize() at the end (sg_html_markdown). */
static void S_raw(S_render *r, const sg_mdnode *n, bool block)
{
	if (!r->o || !r->o->allow_raw_html)
		return;
	if (block)
		S_cr(r);
	sg_buf_puts(r->out, sg_mdnode_literal(n));
	if (block)
		S_cr(r);
}

/* ---------------------------------------------------------------- the walk */

/* One step of the walk: node n entered (in) or left. */
static void S_node(S_render *r, sg_mditer *it, const sg_mdnode *n, bool in)
{
	sg_buf *w = r->out;
	switch (sg_mdnode_kind(n)) {
	case SG_MD_BLOCK_QUOTE:
		S_cr(r);
		sg_buf_puts(w, in ? "<blockquote>\n" : "</blockquote>\n");
		break;
	case SG_MD_LIST: S_list(r, n, in); break;
	case SG_MD_ITEM: S_item(r, n, in); break;
	case SG_MD_CODE_BLOCK: S_code_block(r, n); break;
	case SG_MD_HTML_BLOCK: S_raw(r, n, true); break;
	case SG_MD_PARAGRAPH: S_paragraph(r, n, in); break;
	case SG_MD_HEADING:
		if (in)
			S_heading(r, n);
		else
			sg_buf_printf(w, "</h%d>\n", r->ntoc ? r->toc[r->ntoc - 1].level : 1);
		break;
	case SG_MD_THEMATIC_BREAK:
		S_cr(r);
		sg_buf_puts(w, "<hr>\n");
		break;
	case SG_MD_TABLE: S_table(r, n, in); break;
	case SG_MD_TABLE_ROW: S_table_row(r, n, in); break;
	case SG_MD_TABLE_CELL: S_table_cell(r, n, in); break;
	case SG_MD_TEXT: S_esc(r, sg_mdnode_literal(n)); break;
	case SG_MD_SOFTBREAK:
		if (!S_join_lines(n))
			sg_buf_putc(w, '\n');
		break;
	case SG_MD_LINEBREAK: sg_buf_puts(w, "<br>\n"); break;
	case SG_MD_CODE:
		sg_buf_puts(w, "<code>");
		S_esc(r, sg_mdnode_literal(n));
		sg_buf_puts(w, "</code>");
		break;
	case SG_MD_HTML_INLINE: S_raw(r, n, false); break;
	case SG_MD_EMPH: sg_buf_puts(w, in ? "<em>" : "</em>"); break;
	case SG_MD_STRONG: sg_buf_puts(w, in ? "<strong>" : "</strong>"); break;
	case SG_MD_STRIKETHROUGH: sg_buf_puts(w, in ? "<del>" : "</del>"); break;
	case SG_MD_LINK: S_link(r, n, in); break;
	case SG_MD_IMAGE:
		if (in) {
			S_image(r, n);
			/* The description became the alt text: skip it. */
			sg_mditer_skip(it);
		}
		break;
	case SG_MD_DOCUMENT:
	case SG_MD_CHART: /* the site draws its charts as SVG of its own */
	case SG_MD_OTHER: break;
	}
}

int sg_html_markdown(sg_buf *out, const sg_mdnode *root, const sg_html_opts *o, sg_arena *a,
		     sg_html_toc_entry **toc, size_t *toc_count)
{
	/* Raw HTML is checked with the markup around it, as one tree, once the
	 * fragment is complete: a tag it leaves open is closed before anything
	 * that comes after the fragment. */
	bool raw = o && o->allow_raw_html;
	sg_buf whole;
	sg_buf_init(&whole);
	sg_buf *w = raw ? &whole : out; /* where the walk writes */
	S_render r = {.out = w, .start = w->len, .o = o, .a = a};
	sg_buf_init(&r.tmp);
	sg_mditer it;
	sg_mditer_init(&it, root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		bool in = ev == SG_MD_ENTER;
		if (in && o && n == o->skip)
			sg_mditer_skip(&it);
		else
			S_node(&r, &it, n, in);
	}

	if (toc) {
		*toc = NULL;
		if (r.ntoc) {
			*toc = sg_arena_alloc(a, r.ntoc * sizeof **toc);
			memcpy(*toc, r.toc, r.ntoc * sizeof **toc);
		}
	}
	if (toc_count)
		*toc_count = r.ntoc;
	free(r.toc);
	free(r.links);
	sg_buf_dispose(&r.tmp);
	if (raw)
		sg_html_sanitize_with(out, whole.data, whole.len,
				      o->no_remote_images ? SG_SANITIZE_NO_REMOTE_IMAGES : 0);
	sg_buf_dispose(&whole);
	return 0;
}
