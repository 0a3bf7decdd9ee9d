/*
 * markdown.h - cmark-gfm inside load/: the parser's own view of a document.
 *
 * Nothing outside load/ includes this (tests/e2e/layering.sh checks it, save
 * for tests and fuzz targets): the rest of the program reads documents as the
 * tree of load/doctree.h, made by sg_mdparse() (load/mdparse.h). This header
 * is for the code that works on cmark's tree before it is turned into ours:
 * the parse itself, the passes over it (the CJK emphasis pass) and their
 * tests.
 *
 * The dialect, one for every document: CommonMark plus the GFM tables,
 * task lists, strikethrough and autolinks. The tagfilter extension is not
 * used because raw HTML is the renderers' business (HTML blocks and inline
 * HTML are in the tree; renderers drop them unless told otherwise). Footnotes
 * are off (CMARK_OPT_FOOTNOTES not set): both renderers would need footnote
 * layout, and proposals do not use them, so `[^1]` stays literal text (and a
 * line `[^1]: ...` is an ordinary CommonMark link reference definition,
 * making `[^1]` a link). Strikethrough takes two tildes only (see
 * SG_MARKDOWN_OPTIONS). Smart punctuation is on (CMARK_OPT_SMART): outside
 * code, straight quotes become curly ones (“ ” ‘ ’, an apostrophe ’), "--" an
 * en dash, "---" an em dash and "..." an ellipsis; a backslash keeps the
 * character straight (\" \' \- \.). Invalid UTF-8 is replaced with U+FFFD
 * (CMARK_OPT_VALIDATE_UTF8), though the loaders refuse it before parsing
 * anyway.
 *
 * What sg_markdown_parse() adds to cmark's parse, once:
 *   - Quotes next to Chinese text: sg_cjk_quotes_fix() (cjk_quotes.h)
 *     decides again the quotes smart punctuation opened or closed wrongly
 *     where a quote has a Chinese character on both sides (他说"你好"然后:
 *     他说“你好”然后).
 *   - Autolinks end before Chinese text: GFM only ends a bare address at
 *     white space, so "详见https://example.com。然后" would link the whole
 *     run. The link is cut before its first CJK character (and trailing
 *     ASCII punctuation); the rest stays text.
 *   - Emphasis next to Chinese text: sg_cjk_emphasis_fix() (cjk_emphasis.h)
 *     re-pairs the '*' and '_' runs CommonMark leaves literal or pairs
 *     wrongly next to CJK characters ("这是**重要的。**后面"); text without
 *     CJK stays plain CommonMark.
 *   - Lines in the file: the body of a document starts after its front
 *     matter, so cmark's line 1 is the file's line first_line (kept on the
 *     document node; the tree of load/doctree.h holds the file's lines).
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
#include "load/doctree.h"

/* The cmark options every document is parsed with. Strikethrough needs two
 * tildes: Chinese writes ranges with one ("3~5 天，10~20 人"), which GFM would
 * otherwise strike through. */
#define SG_MARKDOWN_OPTIONS                                                  \
	(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | \
	 CMARK_OPT_SMART)

/* Parses text[0..len) (a document's body; text needs no NUL terminator),
 * whose first line is line first_line of its file. Returns the document node;
 * the caller frees it with sg_markdown_free(). Never NULL.
 *
 * The document node's user data holds first_line: do not set user data on
 * it (user data of the other nodes is free for the renderers). */
cmark_node *sg_markdown_parse(const char *text, size_t len, int first_line);

/* Frees a tree from sg_markdown_parse() (same as cmark_node_free). */
void sg_markdown_free(cmark_node *root);

/* The kind of a cmark node, extension nodes included (cmark-gfm's
 * CMARK_NODE_TABLE and friends are variables, not constants, and are not in
 * its headers); SG_MD_OTHER for a node the tree has no kind for. */
sg_md_kind sg_markdown_kind(cmark_node *node);

/* Turns the tree under root (from sg_markdown_parse, with first_line as
 * given there) into the document model, freeing root as it goes: each
 * top-level block, and each row of a top-level table, is freed once it is
 * copied, so the two trees are never both whole. Returns the new tree. */
sg_mdtree *sg_markdown_to_tree(cmark_node *root);

/* How many rows of a long table sg_mdparse parses at once (see mdchunk.h;
 * 0: 2,000), for tests. Not for use while another thread parses. */
void sg_markdown_set_chunk_rows(size_t rows);

/* The work done so far in this thread by the check of which autolinks were
 * written in angle brackets: bytes of the source read and comparisons made,
 * counted, not timed. It grows with the size of each page parsed, not with
 * its links times its lines; tests/unit/test_markdown.c holds it to that. */
size_t sg_markdown_autolink_work(void);

#endif
