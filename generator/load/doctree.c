/*
 * doctree.c - the document model's nodes, walk, plain text and Markdown
 * writer (see the header).
 */
#include "load/doctree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

_Static_assert(sizeof(sg_mdnode) == 64, "a document node is 64 bytes");

/* ---------------------------------------------------------------- nodes */

bool sg_md_kind_is_leaf(sg_md_kind k)
{
	switch (k) {
	case SG_MD_HTML_BLOCK:
	case SG_MD_THEMATIC_BREAK:
	case SG_MD_CODE_BLOCK:
	case SG_MD_CHART:
	case SG_MD_TEXT:
	case SG_MD_SOFTBREAK:
	case SG_MD_LINEBREAK:
	case SG_MD_CODE:
	case SG_MD_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

sg_mdtree *sg_mdtree_new(void)
{
	sg_mdtree *t = sg_xcalloc(1, sizeof *t);
	sg_arena_init(&t->arena);
	t->root = sg_mdnode_new(t, SG_MD_DOCUMENT, 0);
	return t;
}

void sg_mdtree_free(sg_mdtree *t)
{
	if (!t)
		return;
	sg_arena_dispose(&t->arena);
	free(t);
}

size_t sg_mdtree_size(const sg_mdtree *t)
{
	return t ? t->arena.used + sizeof *t : 0;
}

sg_mdnode *sg_mdnode_new(sg_mdtree *t, sg_md_kind kind, int line)
{
	sg_mdnode *n = sg_arena_alloc(&t->arena, sizeof *n);
	n->kind = (uint8_t)kind;
	n->line = line > 0 && line <= SG_MDNODE_MAX_LINE ? (uint32_t)line : 0;
	n->end_line = line;
	if (kind == SG_MD_LIST)
		n->u.list.start = 1;
	if (kind == SG_MD_LINK || kind == SG_MD_IMAGE)
		n->u.link.url = n->u.link.title = "";
	if (sg_md_kind_has_literal(kind))
		n->u.lit = "";
	if (kind == SG_MD_CODE_BLOCK)
		n->u.code.info = "";
	return n;
}

const char *sg_mdtree_strndup(sg_mdtree *t, const char *s, size_t n)
{
	return sg_arena_strndup(&t->arena, s, n);
}

sg_mdnode *sg_mdnode_add_text(sg_mdtree *t, sg_mdnode *parent, const char *s, size_t n, int line)
{
	sg_mdnode *text = sg_mdnode_new(t, SG_MD_TEXT, line);
	text->u.lit = sg_arena_strndup(&t->arena, s, n);
	sg_mdnode_append(parent, text);
	return text;
}

void sg_mdnode_append(sg_mdnode *parent, sg_mdnode *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void sg_mdnode_insert_before(sg_mdnode *sibling, sg_mdnode *node)
{
	sg_mdnode *parent = sibling->parent;
	node->parent = parent;
	node->next = sibling;
	node->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = node;
	else if (parent)
		parent->first = node;
	sibling->prev = node;
}

void sg_mdnode_unlink(sg_mdnode *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

/* ---------------------------------------------------------------- walks */

/* As cmark's iterator: the next event is computed when the current one is
 * handed out, from the parent and sibling links alone. */

void sg_mditer_init(sg_mditer *it, const sg_mdnode *root)
{
	it->root = root;
	it->cur = NULL;
	it->cur_ev = SG_MD_DONE;
	it->next = root;
	it->next_ev = root ? SG_MD_ENTER : SG_MD_DONE;
}

/* Sets the event after (n, ev). */
static void S_advance(sg_mditer *it, const sg_mdnode *n, sg_md_event ev)
{
	if (ev == SG_MD_ENTER && !sg_md_kind_is_leaf(sg_mdnode_kind(n))) {
		if (n->first) {
			it->next = n->first;
			it->next_ev = SG_MD_ENTER;
		} else {
			it->next = n;
			it->next_ev = SG_MD_EXIT;
		}
	} else if (n == it->root) {
		it->next = NULL;
		it->next_ev = SG_MD_DONE;
	} else if (n->next) {
		it->next = n->next;
		it->next_ev = SG_MD_ENTER;
	} else if (n->parent) {
		it->next = n->parent;
		it->next_ev = SG_MD_EXIT;
	} else {
		it->next = NULL;
		it->next_ev = SG_MD_DONE;
	}
}

sg_md_event sg_mditer_next(sg_mditer *it)
{
	it->cur = it->next;
	it->cur_ev = it->next_ev;
	if (it->cur_ev != SG_MD_DONE)
		S_advance(it, it->cur, it->cur_ev);
	return it->cur_ev;
}

const sg_mdnode *sg_mditer_node(const sg_mditer *it)
{
	return it->cur;
}

void sg_mditer_skip(sg_mditer *it)
{
	if (it->cur && it->cur_ev == SG_MD_ENTER)
		S_advance(it, it->cur, SG_MD_EXIT);
}

/* ---------------------------------------------------------------- text */

/* Appends s[0, len) to out: as it is (S_plain), or escaped for Markdown
 * (the writer's, below). */
typedef void (*S_escape)(const char *s, size_t len, sg_buf *out);

static void S_plain(const char *s, size_t len, sg_buf *out)
{
	sg_buf_put(out, s, len);
}

/* The text of inline leaf n, to out: the literal of a text or code span
 * (through esc), a space for a line break. Returns false, writing nothing,
 * for a node of any other kind. */
static bool S_leaf_text(sg_buf *out, const sg_mdnode *n, S_escape esc)
{
	switch (sg_mdnode_kind(n)) {
	case SG_MD_TEXT:
	case SG_MD_CODE: {
		const char *s = sg_mdnode_literal(n);
		if (*s)
			esc(s, strlen(s), out);
		return true;
	}
	case SG_MD_SOFTBREAK:
	case SG_MD_LINEBREAK:
		sg_buf_putc(out, ' ');
		return true;
	default:
		return false;
	}
}

void sg_mdnode_text_buf(const sg_mdnode *node, sg_buf *out)
{
	size_t start = out->len;
	sg_mditer it;
	sg_mditer_init(&it, node);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *cur = sg_mditer_node(&it);
		if (ev != SG_MD_ENTER)
			continue;
		sg_md_kind kind = sg_mdnode_kind(cur);
		if (cur != node && sg_md_kind_is_block(kind) && out->len > start) {
			/* Table cells sit side by side; other blocks stack. */
			if (kind == SG_MD_TABLE_CELL && cur->prev)
				sg_buf_putc(out, '\t');
			else if (out->data[out->len - 1] != '\n')
				sg_buf_putc(out, '\n');
		}
		if (kind == SG_MD_CODE_BLOCK) {
			const char *lit = sg_mdnode_literal(cur);
			size_t n = strlen(lit);
			while (n > 0 && lit[n - 1] == '\n')
				n--;
			sg_buf_put(out, lit, n);
		} else {
			/* Raw HTML is dropped; containers give their children's text. */
			S_leaf_text(out, cur, S_plain);
		}
	}
}

const char *sg_mdnode_text(const sg_mdnode *n, sg_arena *a)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_mdnode_text_buf(n, &b);
	const char *s = sg_arena_strndup(a, b.data, b.len);
	sg_buf_dispose(&b);
	return s;
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *sg_mdtree_first_heading_text(const sg_mdnode *root, sg_arena *a)
{
	const char *found = NULL;
	sg_buf b;
	sg_buf_init(&b);
	sg_mditer it;
	sg_mditer_init(&it, root);
	sg_md_event ev;
	while (!found && (ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *cur = sg_mditer_node(&it);
		if (ev != SG_MD_ENTER || sg_mdnode_kind(cur) != SG_MD_HEADING)
			continue;
		sg_buf_clear(&b);
		sg_mdnode_text_buf(cur, &b);
		size_t s = 0, e = b.len;
		while (s < e && S_space(b.data[s]))
			s++;
		while (e > s && S_space(b.data[e - 1]))
			e--;
		if (e > s)
			found = sg_arena_strndup(a, b.data + s, e - s);
		/* Nothing under a heading is another heading. */
		sg_mditer_skip(&it);
	}
	sg_buf_dispose(&b);
	return found;
}

/* ---------------------------------------------------------------- dumps */

static const char *const S_kind_names[] = {
	"other", "document", "block_quote", "list", "item", "code_block", "html_block",
	"paragraph", "heading", "thematic_break", "table", "row", "cell", "chart",
	"text", "softbreak", "linebreak", "code", "html_inline", "emph", "strong",
	"strikethrough", "link", "image",
};

/* s quoted, with \n, \t, \" and \\ escaped. */
static void S_quoted(sg_buf *out, const char *s)
{
	sg_buf_putc(out, '"');
	for (; s && *s; s++) {
		if (*s == '\n')
			sg_buf_puts(out, "\\n");
		else if (*s == '\t')
			sg_buf_puts(out, "\\t");
		else if (*s == '"' || *s == '\\')
			sg_buf_printf(out, "\\%c", *s);
		else
			sg_buf_putc(out, *s);
	}
	sg_buf_putc(out, '"');
}

/* The fields of n after its kind. */
static void S_dump_fields(const sg_mdnode *n, sg_buf *out)
{
	switch (sg_mdnode_kind(n)) {
	case SG_MD_HEADING:
		sg_buf_printf(out, " %d", n->u.level);
		break;
	case SG_MD_LIST:
		if (n->u.list.ordered)
			sg_buf_printf(out, " ordered %d", n->u.list.start);
		else
			sg_buf_puts(out, " bullet");
		sg_buf_puts(out, n->u.list.tight ? " tight" : " loose");
		break;
	case SG_MD_ITEM:
		if (n->u.item.task)
			sg_buf_puts(out, n->u.item.checked ? " [x]" : " [ ]");
		break;
	case SG_MD_CODE_BLOCK:
		sg_buf_putc(out, ' ');
		S_quoted(out, n->u.code.info);
		sg_buf_putc(out, ' ');
		S_quoted(out, n->u.code.lit);
		break;
	case SG_MD_TABLE:
		sg_buf_printf(out, " %u ", (unsigned)n->u.table.ncols);
		for (size_t i = 0; i < n->u.table.ncols; i++)
			sg_buf_putc(out, n->u.table.align && n->u.table.align[i] ? n->u.table.align[i]
										  : '-');
		break;
	case SG_MD_TABLE_ROW:
		if (n->u.header)
			sg_buf_puts(out, " header");
		break;
	case SG_MD_CHART:
		sg_buf_putc(out, ' ');
		S_quoted(out, n->u.chart ? n->u.chart->name : NULL);
		break;
	case SG_MD_LINK:
	case SG_MD_IMAGE:
		sg_buf_putc(out, ' ');
		S_quoted(out, n->u.link.url);
		if (n->u.link.title && *n->u.link.title) {
			sg_buf_putc(out, ' ');
			S_quoted(out, n->u.link.title);
		}
		break;
	case SG_MD_TEXT:
	case SG_MD_CODE:
	case SG_MD_HTML_BLOCK:
	case SG_MD_HTML_INLINE:
		sg_buf_putc(out, ' ');
		S_quoted(out, n->u.lit);
		break;
	default:
		break;
	}
}

void sg_mdnode_dump(const sg_mdnode *n, unsigned flags, sg_buf *out)
{
	int depth = 0;
	sg_buf text; /* merged text, written when it ends */
	sg_buf_init(&text);
	sg_mditer it;
	sg_mditer_init(&it, n);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *c = sg_mditer_node(&it);
		if (ev == SG_MD_EXIT) {
			depth--;
			continue;
		}
		sg_md_kind kind = sg_mdnode_kind(c);
		bool merge = (flags & SG_MDDUMP_MERGE) && kind == SG_MD_TEXT;
		if (merge) {
			sg_buf_puts(&text, sg_mdnode_literal(c));
			if (c->next && sg_mdnode_kind(c->next) == SG_MD_TEXT)
				continue;
		}
		for (int i = 0; i < depth; i++)
			sg_buf_puts(out, "  ");
		sg_buf_puts(out, kind < sizeof S_kind_names / sizeof *S_kind_names ? S_kind_names[kind]
										      : "?");
		if (merge) {
			sg_buf_putc(out, ' ');
			S_quoted(out, text.data);
			sg_buf_clear(&text);
		} else {
			S_dump_fields(c, out);
		}
		if (flags & SG_MDDUMP_LINES)
			sg_buf_printf(out, " [%d-%d]", sg_mdnode_line(c), c->end_line);
		sg_buf_putc(out, '\n');
		if (!sg_md_kind_is_leaf(kind))
			depth++;
	}
	sg_buf_dispose(&text);
}

/* ---------------------------------------------------------------- writing */

/* The inlines of n as Markdown. Generated inlines nest a level or two, so
 * the walk is the iterator's all the same. */
static void S_write_inlines(sg_buf *out, const sg_mdnode *n, S_escape esc)
{
	sg_mditer it;
	sg_mditer_init(&it, n);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *c = sg_mditer_node(&it);
		if (c == n || S_leaf_text(out, c, esc))
			continue;
		switch (sg_mdnode_kind(c)) {
		case SG_MD_STRONG:
			sg_buf_puts(out, "**");
			break;
		case SG_MD_EMPH:
			sg_buf_putc(out, '*');
			break;
		case SG_MD_STRIKETHROUGH:
			sg_buf_puts(out, "~~");
			break;
		default:
			break;
		}
	}
}

static void S_write_row(sg_buf *out, const sg_mdnode *row, S_escape esc)
{
	sg_buf_putc(out, '|');
	for (const sg_mdnode *c = row->first; c; c = c->next) {
		sg_buf_putc(out, ' ');
		S_write_inlines(out, c, esc);
		sg_buf_puts(out, " |");
	}
	sg_buf_putc(out, '\n');
}

static void S_write_table(sg_buf *out, const sg_mdnode *t, S_escape esc)
{
	const sg_mdnode *head = t->first;
	if (!head)
		return;
	S_write_row(out, head, esc);
	sg_buf_putc(out, '|');
	for (size_t i = 0; i < t->u.table.ncols; i++) {
		uint8_t al = t->u.table.align ? t->u.table.align[i] : 0;
		sg_buf_puts(out, al == 'r' ? " ---: |" : al == 'c' ? " :---: |" : al == 'l' ? " :--- |"
											: " --- |");
	}
	sg_buf_putc(out, '\n');
	for (const sg_mdnode *r = head->next; r; r = r->next)
		S_write_row(out, r, esc);
}

static void S_write_block(sg_buf *out, const sg_mdnode *b, S_escape esc)
{
	switch (sg_mdnode_kind(b)) {
	case SG_MD_HEADING:
		for (int i = 0; i < b->u.level; i++)
			sg_buf_putc(out, '#');
		sg_buf_putc(out, ' ');
		S_write_inlines(out, b, esc);
		sg_buf_putc(out, '\n');
		return;
	case SG_MD_PARAGRAPH:
		S_write_inlines(out, b, esc);
		sg_buf_putc(out, '\n');
		return;
	case SG_MD_LIST: {
		int num = b->u.list.start;
		for (const sg_mdnode *it = b->first; it; it = it->next, num++) {
			if (b->u.list.ordered)
				sg_buf_printf(out, "%d. ", num);
			else
				sg_buf_puts(out, "- ");
			/* A generated item holds one paragraph, or nothing. */
			if (it->first)
				S_write_inlines(out, it->first, esc);
			sg_buf_putc(out, '\n');
		}
		return;
	}
	case SG_MD_TABLE:
		S_write_table(out, b, esc);
		return;
	case SG_MD_CHART:
		sg_buf_printf(out, "<!-- salesgen:block %s -->\n",
			      b->u.chart && b->u.chart->name ? b->u.chart->name : "");
		return;
	case SG_MD_THEMATIC_BREAK:
		sg_buf_puts(out, "---\n");
		return;
	default: {
		sg_buf text;
		sg_buf_init(&text);
		sg_mdnode_text_buf(b, &text);
		if (text.len)
			esc(text.data, text.len, out);
		sg_buf_putc(out, '\n');
		sg_buf_dispose(&text);
		return;
	}
	}
}

void sg_mdtree_write(sg_buf *out, const sg_mdnode *first, const sg_mdnode *last,
		     void (*escape)(const char *s, size_t len, sg_buf *out))
{
	if (!first)
		return;
	for (const sg_mdnode *b = first; b; b = b->next) {
		sg_buf_putc(out, '\n');
		S_write_block(out, b, escape);
		if (b == last)
			break;
	}
	sg_buf_putc(out, '\n');
}
