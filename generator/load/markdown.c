/*
 * markdown.c - cmark-gfm with the GFM extensions salesgen uses, and its
 * tree turned into the document model (load/doctree.h): the only file of
 * the program that parses Markdown.
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
#include "load/cjk_quotes.h"
#include "load/mdchunk.h"
#include "load/mdparse.h"

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

/* The work of the explicit-autolink check in this thread (see markdown.h):
 * bytes of the source read plus comparisons made. Per thread, as several
 * threads parse at once. */
static _Thread_local size_t S_work;

size_t sg_markdown_autolink_work(void)
{
	return S_work;
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
	S_work++;
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
		S_work += j - i;
		if (j == len || text[j] != '>' || j == i + 1)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = sg_xrealloc(v, cap * sizeof *v);
		}
		v[n++] = (S_angle){line, text + i + 1, j - i - 1};
		i = j;
	}
	S_work += len;
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
	/* Quotes first: the emphasis pass gives the nodes it makes no
	 * position in the source, which the quotes pass reads. */
	sg_cjk_quotes_fix(root, text, len);
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
static int S_first_line(cmark_node *root)
{
	intptr_t first = (intptr_t)cmark_node_get_user_data(root);
	return first > 0 ? (int)first : 1;
}

/* Whether node is a task-list item ("- [ ] ..." or "- [x] "); *checked
 * then says whether it is ticked. */
static bool S_task(cmark_node *node, bool *checked)
{
	bool task = cmark_node_get_type(node) == CMARK_NODE_ITEM &&
		    strcmp(cmark_node_get_type_string(node), "tasklist") == 0;
	if (checked)
		*checked = task && cmark_gfm_extensions_get_tasklist_item_checked(node);
	return task;
}

/* ---------------------------------------------------------------- the model */

/* The file line of cmark line `line`, or 0 when cmark does not know it. */
static int S_file_line(int line, int first)
{
	return line > 0 ? line + first - 1 : 0;
}

/* A copy in t of a string cmark gives, "" for none. */
static const char *S_str(sg_mdtree *t, const char *s)
{
	return sg_arena_strdup(&t->arena, s ? s : "");
}

/* A copy of node (not its children) in t, or NULL for a node the model has
 * no kind for (which is then dropped with what is under it). */
static sg_mdnode *S_copy(sg_mdtree *t, cmark_node *n, int first)
{
	sg_md_kind kind = sg_markdown_kind(n);
	if (kind == SG_MD_OTHER)
		return NULL;
	sg_mdnode *m = sg_mdnode_new(t, kind, S_file_line(cmark_node_get_start_line(n), first));
	m->end_line = S_file_line(cmark_node_get_end_line(n), first);
	switch (kind) {
	case SG_MD_TEXT:
	case SG_MD_CODE:
	case SG_MD_HTML_BLOCK:
	case SG_MD_HTML_INLINE:
		m->u.lit = S_str(t, cmark_node_get_literal(n));
		break;
	case SG_MD_CODE_BLOCK:
		m->u.code.lit = S_str(t, cmark_node_get_literal(n));
		m->u.code.info = S_str(t, cmark_node_get_fence_info(n));
		break;
	case SG_MD_HEADING:
		m->u.level = cmark_node_get_heading_level(n);
		break;
	case SG_MD_LIST:
		m->u.list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		m->u.list.tight = cmark_node_get_list_tight(n);
		m->u.list.start = cmark_node_get_list_start(n);
		break;
	case SG_MD_ITEM:
		m->u.item.task = S_task(n, &m->u.item.checked);
		break;
	case SG_MD_LINK:
	case SG_MD_IMAGE:
		m->u.link.url = S_str(t, cmark_node_get_url(n));
		m->u.link.title = S_str(t, cmark_node_get_title(n));
		break;
	case SG_MD_TABLE: {
		uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
		uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
		uint8_t *copy = sg_arena_alloc(&t->arena, cols ? cols : 1);
		if (al)
			memcpy(copy, al, cols);
		m->u.table.ncols = cols;
		m->u.table.align = copy;
		break;
	}
	case SG_MD_TABLE_ROW:
		m->u.header = cmark_gfm_extensions_get_table_row_is_header(n);
		break;
	default:
		break;
	}
	return m;
}

/* The text nodes from n on, one after the other, as one: cmark-gfm leaves
 * a text node for each piece between escapes ("¥102\,000" is three), and
 * every renderer reads them as one text anyway. Returns the node, its
 * literal the pieces' literals; *last is the last piece. */
static sg_mdnode *S_copy_text(sg_mdtree *t, cmark_node *n, int first, sg_buf *b,
			      cmark_node **last)
{
	sg_mdnode *m = sg_mdnode_new(t, SG_MD_TEXT, S_file_line(cmark_node_get_start_line(n), first));
	sg_buf_clear(b);
	*last = n;
	for (cmark_node *p = n; p && cmark_node_get_type(p) == CMARK_NODE_TEXT; p = cmark_node_next(p)) {
		const char *s = cmark_node_get_literal(p);
		sg_buf_puts(b, s ? s : "");
		*last = p;
	}
	m->u.lit = sg_arena_strndup(&t->arena, b->len ? b->data : "", b->len);
	m->end_line = S_file_line(cmark_node_get_end_line(*last), first);
	return m;
}

/* Copies the subtree of top under parent, without recursion: cmark's
 * iterator, with the copy of the node entered last as the place new nodes
 * go (the copies' parent links lead back out). */
static void S_copy_tree(sg_mdtree *t, sg_mdnode *parent, cmark_node *top, int first, sg_buf *b)
{
	sg_mdnode *at = parent;
	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			at = sg_mdnode_parent(at);
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT && n != top) {
			cmark_node *last;
			sg_mdnode_append(at, S_copy_text(t, n, first, b, &last));
			if (last != n) /* go on after the last piece */
				cmark_iter_reset(it, last, CMARK_EVENT_EXIT);
			continue;
		}
		sg_mdnode *m = S_copy(t, n, first);
		if (!m) {
			/* Dropped, with everything under it. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		sg_mdnode_append(at, m);
		if (!sg_md_kind_is_leaf(sg_mdnode_kind(m)))
			at = m;
	}
	cmark_iter_free(it);
}

/* Copies the rows of cmark table b under table, from its row skip on. */
static void S_copy_rows(sg_mdtree *t, sg_mdnode *table, cmark_node *b, size_t skip, int first,
			sg_buf *text)
{
	cmark_node *rnext;
	size_t k = 0;
	for (cmark_node *r = cmark_node_first_child(b); r; r = rnext, k++) {
		rnext = cmark_node_next(r);
		if (k >= skip)
			S_copy_tree(t, table, r, first, text);
		cmark_node_free(r);
	}
}

/* The blocks under root into t, after what it holds, freeing root. With
 * goes_on, root's first block is a table going on with t's last (a piece
 * of a long table, its header row before it again: see mdchunk.h). */
static void S_into_tree(sg_mdtree *t, cmark_node *root, bool goes_on)
{
	int first = S_first_line(root);
	t->root->end_line = S_file_line(cmark_node_get_end_line(root), first);
	sg_buf text; /* scratch for merged text */
	sg_buf_init(&text);
	cmark_node *next;
	for (cmark_node *b = cmark_node_first_child(root); b; b = next) {
		next = cmark_node_next(b);
		if (sg_markdown_kind(b) == SG_MD_TABLE) {
			/* Row by row: a report's table of ten thousand rows is tens
			 * of megabytes of cmark nodes. */
			sg_mdnode *table = goes_on ? sg_mdnode_last_child(t->root) : NULL;
			if (table)
				table->end_line = S_file_line(cmark_node_get_end_line(b), first);
			else
				sg_mdnode_append(t->root, table = S_copy(t, b, first));
			S_copy_rows(t, table, b, goes_on ? 1 : 0, first, &text);
		} else {
			S_copy_tree(t, t->root, b, first, &text);
		}
		goes_on = false;
		cmark_node_free(b);
	}
	sg_buf_dispose(&text);
	cmark_node_free(root);
}

sg_mdtree *sg_markdown_to_tree(cmark_node *root)
{
	sg_mdtree *t = sg_mdtree_new();
	int line = S_file_line(cmark_node_get_start_line(root), S_first_line(root));
	t->root->line = line > 0 && line <= SG_MDNODE_MAX_LINE ? (uint32_t)line : 0;
	S_into_tree(t, root, false);
	return t;
}

/* Rows of a long table parsed at once (see mdchunk.h). */
static size_t S_chunk_rows = 2000;

void sg_markdown_set_chunk_rows(size_t rows)
{
	S_chunk_rows = rows ? rows : 2000;
}

/* text parsed a piece at a time, cut at cuts[0, n). */
static sg_mdtree *S_parse_cut(const char *text, size_t len, int first_line, const sg_mdcut *cuts,
			      size_t n)
{
	if (first_line < 1)
		first_line = 1;
	sg_mdtree *t = sg_markdown_to_tree(sg_markdown_parse(text, cuts[0].at, first_line));
	sg_buf piece;
	sg_buf_init(&piece);
	for (size_t i = 0; i < n; i++) {
		const sg_mdcut *c = &cuts[i];
		size_t end = i + 1 < n ? cuts[i + 1].at : len;
		sg_buf_clear(&piece);
		sg_buf_put(&piece, text + c->head, c->head_len);
		sg_buf_put(&piece, text + c->at, end - c->at);
		/* The header's two lines come before the piece's first. */
		int first = first_line + c->line - 1 - 2;
		S_into_tree(t, sg_markdown_parse(piece.data, piece.len, first), true);
	}
	sg_buf_dispose(&piece);
	return t;
}

sg_mdtree *sg_mdparse(const char *text, size_t len, int first_line)
{
	size_t n = 0;
	sg_mdcut *cuts = text ? sg_mdchunk_cuts(text, len, S_chunk_rows, &n) : NULL;
	sg_mdtree *t = n ? S_parse_cut(text, len, first_line, cuts, n)
			 : sg_markdown_to_tree(sg_markdown_parse(text ? text : "", text ? len : 0,
								  first_line));
	free(cuts);
	return t;
}

/* ---------------------------------------------------------------- demoting */

/* The level of the document's shallowest heading; 7 when it has none. */
static int S_top_level(cmark_node *root)
{
	int top = 7;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) < top)
			top = cmark_node_get_heading_level(n);
	}
	cmark_iter_free(it);
	return top;
}

/* Where each of the nlines lines of md (len bytes) starts, in a, and
 * at[nlines] = len: so that a heading's line is found at once. */
static size_t *S_line_starts(sg_arena *a, const char *md, size_t len, size_t *nlines)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += md[i] == '\n';
	size_t *at = sg_arena_alloc(a, (n + 1) * sizeof *at);
	size_t k = 0;
	at[k++] = 0;
	for (size_t i = 0; i < len; i++)
		if (md[i] == '\n')
			at[k++] = i + 1;
	at[n] = len;
	*nlines = n;
	return at;
}

/* Heading n of md, shift levels deeper (6 at most), to out: md up to the
 * heading copied first, from *done on, which moves past what is written.
 * An ATX heading gets more '#'; a setext heading is written again as ATX
 * by cmark's own CommonMark writer. A heading whose place cmark does not
 * give is left as it is. */
static void S_demote_heading(sg_buf *out, const char *md, const size_t *at, size_t nlines,
			     cmark_node *n, int shift, size_t *done)
{
	int level = cmark_node_get_heading_level(n);
	int to = level + shift > 6 ? 6 : level + shift;
	int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
	int col = cmark_node_get_start_column(n);
	if (to == level || first < 1 || (size_t)first > nlines || last < first ||
	    (size_t)last > nlines || col < 1)
		return;
	size_t line = at[first - 1], end = at[first];
	size_t start = line + (size_t)col - 1;
	if (start > end)
		return;
	sg_buf_put(out, md + *done, start - *done);
	if (first == last) {
		/* ATX: the '#' run starts at the heading's column (after up to
		 * three spaces). */
		size_t h = start;
		while (h < end && md[h] == ' ')
			h++;
		sg_buf_put(out, md + start, h - start);
		for (int i = level; i < to; i++)
			sg_buf_putc(out, '#');
		*done = h;
	} else {
		cmark_node_set_heading_level(n, to);
		char *atx = cmark_render_commonmark(n, CMARK_OPT_NOBREAKS, 0);
		sg_buf_puts(out, atx);
		free(atx);
		*done = at[last]; /* after the underline's newline */
	}
}

/* See the header. The lines and the first column of each heading come from
 * cmark's tree. */
const char *sg_mdparse_demote(sg_arena *a, const char *md, int under)
{
	size_t len = strlen(md);
	cmark_node *root = sg_markdown_parse(md, len, 1);
	int top = S_top_level(root);
	int shift = under + 1 - top;
	if (top == 7 || shift <= 0) {
		sg_markdown_free(root);
		return md;
	}
	size_t nlines;
	const size_t *at = S_line_starts(a, md, len, &nlines);
	sg_buf out;
	sg_buf_init(&out);
	size_t done = 0; /* bytes of md copied */
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
			S_demote_heading(&out, md, at, nlines, n, shift, &done);
	}
	cmark_iter_free(it);
	sg_buf_put(&out, md + done, len - done);
	const char *r = sg_arena_strdup(a, out.data);
	sg_buf_dispose(&out);
	sg_markdown_free(root);
	return r;
}

