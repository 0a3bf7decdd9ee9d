/*
 * markdown.h - parsing GitHub-flavoured Markdown with cmark-gfm.
 *
 * A thin wrapper: the tree is cmark-gfm's own (cmark_node), walked by the
 * renderers with cmark_iter. What this module adds:
 *
 *   - One fixed dialect for every document: CommonMark plus the GFM tables,
 *     task lists, strikethrough and autolinks. The tagfilter extension is not
 *     used because the renderers drop raw HTML altogether (HTML blocks and
 *     inline HTML are in the tree; renderers must ignore them). Footnotes are
 *     off (CMARK_OPT_FOOTNOTES not set): both renderers would need footnote
 *     layout, and proposals do not use them, so `[^1]` stays literal text
 *     (and a line `[^1]: ...` is an ordinary CommonMark link reference
 *     definition, making `[^1]` a link).
 *     Strikethrough takes two tildes only (see SG_MARKDOWN_OPTIONS).
 *     Smart punctuation is off so that text is kept exactly as written.
 *     Invalid UTF-8 is replaced with U+FFFD (CMARK_OPT_VALIDATE_UTF8), though
 *     the loaders refuse it before parsing anyway.
 *   - Autolinks end before Chinese text: GFM only ends a bare address at
 *     white space, so "详见https://example.com。然后" would link the whole
 *     run. The link is cut before its first CJK character (and trailing
 *     ASCII punctuation); the rest stays text.
 *   - Emphasis next to Chinese text: sg_cjk_emphasis_fix() (cjk_emphasis.h)
 *     re-pairs the '*' and '_' runs CommonMark leaves literal or pairs
 *     wrongly next to CJK characters ("这是**重要的。**后面"); text without
 *     CJK stays plain CommonMark.
 *   - Lines in the file: the body of a document starts after its front
 *     matter, so cmark's line 1 is the file's line first_line.
 *     sg_markdown_line() gives a node's line in the file.
 *   - A node kind that covers the extension nodes too (sg_markdown_kind), so
 *     a renderer can switch on one enum: cmark-gfm's CMARK_NODE_TABLE and
 *     friends are variables, not constants, and are not in its headers.
 *   - Plain text of a node, the first heading, and task-list item state.
 *
 * Size: this module parses whatever it is given. Markdown files are read with
 * sg_file_read() and SG_FILE_CAP_DEFAULT (8 MiB), which bounds the input;
 * cmark-gfm's parse time is linear in the input for the constructs enabled.
 *
 * Threads: sg_markdown_parse() may be called from several threads at once;
 * the extensions are registered once per process under pthread_once, and
 * the inlines of one document are parsed at a time, as cmark-gfm 0.29
 * keeps state for them in a global table (see markdown.c).
 */
#ifndef SG_LOAD_MARKDOWN_H
#define SG_LOAD_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "base/arena.h"
#include "base/buf.h"

/* The cmark options every document is parsed with. Strikethrough needs two
 * tildes: Chinese writes ranges with one ("3~5 天，10~20 人"), which GFM would
 * otherwise strike through. */
#define SG_MARKDOWN_OPTIONS \
	(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

/* Parses text[0..len) (a document's body; text needs no NUL terminator),
 * whose first line is line first_line of its file. Returns the document node;
 * the caller frees it with sg_markdown_free(). Never NULL.
 *
 * The document node's user data holds first_line: do not set user data on
 * it (user data of the other nodes is free for the renderers). */
cmark_node *sg_markdown_parse(const char *text, size_t len, int first_line);

/* Frees a tree from sg_markdown_parse() (same as cmark_node_free). */
void sg_markdown_free(cmark_node *root);

/* The 1-based line of the file where node starts (end: where it ends), or 0
 * when cmark does not know it, as for some inline nodes. */
int sg_markdown_line(cmark_node *node);
int sg_markdown_end_line(cmark_node *node);

typedef enum sg_md_kind {
	SG_MD_OTHER, /* none of those below: ignore it */
	/* blocks */
	SG_MD_DOCUMENT,
	SG_MD_BLOCK_QUOTE,
	SG_MD_LIST,
	SG_MD_ITEM, /* also task-list items: see sg_markdown_task() */
	SG_MD_CODE_BLOCK,
	SG_MD_HTML_BLOCK, /* raw HTML: renderers drop it */
	SG_MD_PARAGRAPH,
	SG_MD_HEADING,
	SG_MD_THEMATIC_BREAK,
	SG_MD_TABLE,     /* cmark_gfm_extensions_get_table_columns/_alignments */
	SG_MD_TABLE_ROW, /* cmark_gfm_extensions_get_table_row_is_header */
	SG_MD_TABLE_CELL,
	/* inlines */
	SG_MD_TEXT,
	SG_MD_SOFTBREAK,
	SG_MD_LINEBREAK,
	SG_MD_CODE,
	SG_MD_HTML_INLINE, /* raw HTML: renderers drop it */
	SG_MD_EMPH,
	SG_MD_STRONG,
	SG_MD_STRIKETHROUGH,
	SG_MD_LINK, /* autolinks too (their text is the address) */
	SG_MD_IMAGE,
} sg_md_kind;

sg_md_kind sg_markdown_kind(cmark_node *node);

/* True when node is a task-list item ("- [ ] ..." or "- [x] ..."); *checked
 * (may be NULL) then says whether it is ticked. The "[x] " marker is not part
 * of the item's text. */
bool sg_markdown_task(cmark_node *node, bool *checked);

/* Appends the plain text of node and its descendants to out: text and code
 * spans as written, soft and hard line breaks as one space, an image by its
 * alt text, raw HTML dropped, and one newline between blocks. */
void sg_markdown_text_buf(cmark_node *node, sg_buf *out);
/* The same, as a string in the arena. */
const char *sg_markdown_text(cmark_node *node, sg_arena *a);

/* The plain text of the first heading (ATX or setext) whose text is not
 * blank, with inline markup stripped and surrounding white space trimmed, in
 * the arena; NULL when there is none. Headings inside lists and block quotes
 * count too: the first in document order wins. */
const char *sg_markdown_first_heading_text(cmark_node *root, sg_arena *a);

#endif
