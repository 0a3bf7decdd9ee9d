/*
 * doctree.h - the document model: one tree type for a Markdown document.
 *
 * Every stage after load/ sees a Markdown document as this tree, never as
 * cmark-gfm's: the parser (load/mdparse.h, the only code that sees cmark)
 * makes one from Markdown text, and the document stage builds nodes of its
 * own (generated tables, lists, charts) into trees the same way. The PDF
 * layout and the HTML renderer both walk it, so a document is parsed once
 * however many outputs it feeds.
 *
 * Shape, after cmark's: every node has a kind, a parent, its first and last
 * child and its previous and next sibling, and the lines of the file it
 * spans (0 when unknown, as for most inline nodes). The fields a kind needs
 * (a heading's level, a link's address, a table's column alignments) sit in
 * a union. Nodes and their strings live in the tree's arena and go with it
 * in one call (sg_mdtree_free): nothing is freed on its own.
 *
 * Walks: sg_mditer visits the nodes in document order, entering and leaving
 * containers, with no recursion and no stack (it follows the parent links),
 * so a document nested 60,000 deep walks like a flat one. Leaf kinds (text,
 * code, breaks, raw HTML, code blocks, thematic breaks, charts) are entered
 * only, as with cmark's iterator.
 *
 * Threads: a finished tree is read-only; several threads may walk it at
 * once. Building a tree is not thread-safe.
 */
#ifndef SG_LOAD_DOCTREE_H
#define SG_LOAD_DOCTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

typedef enum sg_md_kind {
	SG_MD_OTHER, /* not a node of the tree: what the parser drops */
	/* blocks */
	SG_MD_DOCUMENT,
	SG_MD_BLOCK_QUOTE,
	SG_MD_LIST,
	SG_MD_ITEM, /* also task-list items: sg_mdnode_task() */
	SG_MD_CODE_BLOCK,
	SG_MD_HTML_BLOCK, /* raw HTML: renderers drop it unless told otherwise */
	SG_MD_PARAGRAPH,
	SG_MD_HEADING,
	SG_MD_THEMATIC_BREAK,
	SG_MD_TABLE,     /* columns and alignments: sg_mdnode_table_*() */
	SG_MD_TABLE_ROW, /* the header row: sg_mdnode_row_is_header() */
	SG_MD_TABLE_CELL,
	SG_MD_CHART, /* generated: a chart (sg_mdchart), no children */
	/* inlines */
	SG_MD_TEXT,
	SG_MD_SOFTBREAK,
	SG_MD_LINEBREAK,
	SG_MD_CODE,
	SG_MD_HTML_INLINE, /* raw HTML: renderers drop it unless told otherwise */
	SG_MD_EMPH,
	SG_MD_STRONG,
	SG_MD_STRIKETHROUGH,
	SG_MD_LINK, /* autolinks too (their text is the address) */
	SG_MD_IMAGE, /* its children are its description (alt text) */
} sg_md_kind;

/* ---------------------------------------------------------------- charts */

typedef enum sg_mdchart_kind { SG_MDCHART_BAR, SG_MDCHART_LINE } sg_mdchart_kind;

typedef struct sg_mdchart_series {
	const char *name;
	uint32_t color;       /* 0xRRGGBB; 0: the renderer's next colour */
	const double *values; /* one per category */
} sg_mdchart_series;

/* What a chart node shows: made by the document stage, drawn by a renderer
 * (for the PDF, render/pdf/pdf_chart.h). Strings and arrays live as long as
 * the tree (in its arena, as a rule). */
typedef struct sg_mdchart {
	const char *name; /* how a Markdown text names its place (sg_mdtree_write) */
	sg_mdchart_kind kind;
	const char *title; /* NULL: none */
	const char *unit;  /* after the tick labels; NULL: none */
	double height;     /* points; 0: the renderer's default */
	const char *const *categories;
	size_t ncategories;
	const sg_mdchart_series *series;
	size_t nseries;
} sg_mdchart;

/* ---------------------------------------------------------------- nodes */

typedef struct sg_mdnode sg_mdnode;

/* Read a node through the accessors below; the builders set its links.
 * A node is 64 bytes (a table of ten thousand rows is some 130,000 of
 * them): the fields of each kind share a union, and the first line shares
 * a word with the kind. */
struct sg_mdnode {
	sg_mdnode *parent, *first, *last, *prev, *next;
	/* The lines of the file, 1-based; 0: unknown. A first line past
	 * SG_MDNODE_MAX_LINE is unknown. */
	uint32_t line : 24;
	uint32_t kind : 8; /* sg_md_kind */
	int32_t end_line;
	union {
		/* TEXT, CODE, HTML_BLOCK, HTML_INLINE: the literal text;
		 * CODE_BLOCK: its text with its final newline (code.lit is
		 * the same pointer) and the info string ("" for none). */
		const char *lit;
		struct {
			const char *lit, *info;
		} code;
		int level; /* HEADING: 1..6 */
		struct {
			int start; /* ORDERED: the first number */
			bool ordered, tight;
		} list;
		struct {
			bool task, checked;
		} item;
		struct {
			const char *url, *title; /* LINK, IMAGE: never NULL */
		} link;
		struct {
			const uint8_t *align; /* per column: 0, 'l', 'c' or 'r' */
			uint16_t ncols;
		} table;
		bool header;             /* TABLE_ROW */
		const sg_mdchart *chart; /* CHART */
	} u;
};

#define SG_MDNODE_MAX_LINE 0xFFFFFF

static inline sg_md_kind sg_mdnode_kind(const sg_mdnode *n)
{
	return (sg_md_kind)n->kind;
}
static inline sg_mdnode *sg_mdnode_parent(const sg_mdnode *n)
{
	return n->parent;
}
static inline sg_mdnode *sg_mdnode_first_child(const sg_mdnode *n)
{
	return n->first;
}
static inline sg_mdnode *sg_mdnode_last_child(const sg_mdnode *n)
{
	return n->last;
}
static inline sg_mdnode *sg_mdnode_next(const sg_mdnode *n)
{
	return n->next;
}
static inline sg_mdnode *sg_mdnode_prev(const sg_mdnode *n)
{
	return n->prev;
}
/* The first and last line of the file the node spans; 0 when unknown. */
static inline int sg_mdnode_line(const sg_mdnode *n)
{
	return (int)n->line;
}
static inline int sg_mdnode_end_line(const sg_mdnode *n)
{
	return n->end_line;
}
/* True for the kinds that hold a literal (sg_mdnode.u.lit). */
static inline bool sg_md_kind_has_literal(sg_md_kind k)
{
	return k == SG_MD_TEXT || k == SG_MD_CODE || k == SG_MD_CODE_BLOCK || k == SG_MD_HTML_BLOCK ||
	       k == SG_MD_HTML_INLINE;
}
/* The literal of a TEXT, CODE, CODE_BLOCK or raw HTML node; "" otherwise. */
static inline const char *sg_mdnode_literal(const sg_mdnode *n)
{
	return sg_md_kind_has_literal((sg_md_kind)n->kind) && n->u.lit ? n->u.lit : "";
}
static inline int sg_mdnode_heading_level(const sg_mdnode *n)
{
	return n->u.level;
}
static inline bool sg_mdnode_list_ordered(const sg_mdnode *n)
{
	return n->u.list.ordered;
}
static inline bool sg_mdnode_list_tight(const sg_mdnode *n)
{
	return n->u.list.tight;
}
static inline int sg_mdnode_list_start(const sg_mdnode *n)
{
	return n->u.list.start;
}
/* True when n is a task-list item ("- [ ] ..." or "- [x] ..."); *checked
 * (may be NULL) then says whether it is ticked. The "[x] " marker is not
 * part of the item's text. */
static inline bool sg_mdnode_task(const sg_mdnode *n, bool *checked)
{
	bool task = n->kind == SG_MD_ITEM && n->u.item.task;
	if (checked)
		*checked = task && n->u.item.checked;
	return task;
}
static inline const char *sg_mdnode_code_info(const sg_mdnode *n)
{
	return n->kind == SG_MD_CODE_BLOCK && n->u.code.info ? n->u.code.info : "";
}
static inline const char *sg_mdnode_url(const sg_mdnode *n)
{
	return n->u.link.url;
}
static inline const char *sg_mdnode_title(const sg_mdnode *n)
{
	return n->u.link.title;
}
static inline size_t sg_mdnode_table_columns(const sg_mdnode *n)
{
	return n->u.table.ncols;
}
static inline const uint8_t *sg_mdnode_table_alignments(const sg_mdnode *n)
{
	return n->u.table.align;
}
static inline bool sg_mdnode_row_is_header(const sg_mdnode *n)
{
	return n->kind == SG_MD_TABLE_ROW && n->u.header;
}
static inline const sg_mdchart *sg_mdnode_chart(const sg_mdnode *n)
{
	return n->kind == SG_MD_CHART ? n->u.chart : NULL;
}

/* True for the kinds that are blocks (a document, a chart, a table cell). */
static inline bool sg_md_kind_is_block(sg_md_kind k)
{
	return k >= SG_MD_DOCUMENT && k < SG_MD_TEXT;
}
/* True for the kinds the iterator enters but never leaves. */
bool sg_md_kind_is_leaf(sg_md_kind k);

/* ---------------------------------------------------------------- trees */

typedef struct sg_mdtree {
	sg_arena arena; /* every node and string of the tree */
	sg_mdnode *root; /* a DOCUMENT */
} sg_mdtree;

/* An empty tree: a document node with no children. Never NULL; free it
 * with sg_mdtree_free(). */
sg_mdtree *sg_mdtree_new(void);
void sg_mdtree_free(sg_mdtree *t);

/* Bytes the tree holds (its arena), for a caller that keeps trees within a
 * budget. */
size_t sg_mdtree_size(const sg_mdtree *t);

/* A new node of kind, unlinked, spanning line..line (0: unknown). Its
 * union is zeroed; list nodes start at 1, literals and addresses are "". */
sg_mdnode *sg_mdnode_new(sg_mdtree *t, sg_md_kind kind, int line);
/* Copies s[0..n) into the tree's arena (NUL-terminated). */
const char *sg_mdtree_strndup(sg_mdtree *t, const char *s, size_t n);
/* A TEXT node holding a copy of s (n bytes), appended to parent. */
sg_mdnode *sg_mdnode_add_text(sg_mdtree *t, sg_mdnode *parent, const char *s, size_t n,
			      int line);

/* Links child as parent's last child (child must be unlinked). */
void sg_mdnode_append(sg_mdnode *parent, sg_mdnode *child);
/* Links node just before sibling, under sibling's parent. */
void sg_mdnode_insert_before(sg_mdnode *sibling, sg_mdnode *node);
/* Takes n (and its subtree) out of its parent; it stays in the arena. */
void sg_mdnode_unlink(sg_mdnode *n);

/* ---------------------------------------------------------------- walks */

typedef enum sg_md_event { SG_MD_DONE, SG_MD_ENTER, SG_MD_EXIT } sg_md_event;

typedef struct sg_mditer {
	const sg_mdnode *root;
	const sg_mdnode *cur, *next;
	sg_md_event cur_ev, next_ev;
} sg_mditer;

/* A walk over root and everything under it. Needs no disposal. */
void sg_mditer_init(sg_mditer *it, const sg_mdnode *root);
/* The next event: ENTER or EXIT of sg_mditer_node(), or DONE. */
sg_md_event sg_mditer_next(sg_mditer *it);
const sg_mdnode *sg_mditer_node(const sg_mditer *it);
/* Skips what is under the node just entered: the walk goes on after it as
 * if it had been left (its EXIT is not reported). */
void sg_mditer_skip(sg_mditer *it);

/* ---------------------------------------------------------------- text */

/* Appends the plain text of n and its descendants to out: text and code
 * spans as written, soft and hard line breaks as one space, an image by its
 * alt text, raw HTML dropped, table cells of a row separated by a tab and
 * one newline between other blocks. */
void sg_mdnode_text_buf(const sg_mdnode *n, sg_buf *out);
/* The same, as a string in the arena. */
const char *sg_mdnode_text(const sg_mdnode *n, sg_arena *a);

/* The plain text of the first heading (ATX or setext) whose text is not
 * blank, with inline markup stripped and surrounding white space trimmed, in
 * the arena; NULL when there is none. Headings inside lists and block quotes
 * count too: the first in document order wins. */
const char *sg_mdtree_first_heading_text(const sg_mdnode *root, sg_arena *a);

/* How sg_mdnode_dump() writes. */
enum {
	SG_MDDUMP_LINES = 1, /* each node's lines, "[3-5]" */
	SG_MDDUMP_MERGE = 2, /* adjacent text nodes as one (as the layout sets them) */
};

/* A text dump of the tree under n for tests: one line per node, indented
 * two spaces a level, its kind and fields ("heading 2", "table 3 -r-",
 * "text \"a\\n\""). */
void sg_mdnode_dump(const sg_mdnode *n, unsigned flags, sg_buf *out);

/* Writes the blocks [first, last] (siblings; last NULL: to the end) as
 * Markdown that parses back into the same tree (text is escaped with
 * escape, which must make any text literal in Markdown): the form of the
 * nodes the document stage generates (paragraphs, headings, tight lists,
 * tables, emphasis, strong emphasis, text; a chart as a comment
 * `<!-- salesgen:block NAME -->`). Other kinds are written as their plain
 * text. Blocks are separated by a blank line, and the output starts and ends
 * with one. */
void sg_mdtree_write(sg_buf *out, const sg_mdnode *first, const sg_mdnode *last,
		     void (*escape)(const char *s, size_t len, sg_buf *out));

#endif
