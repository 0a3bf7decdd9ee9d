/*
 * mdparse.h - Markdown text into the document model (load/doctree.h).
 *
 * The parser's face for the rest of the program, with no cmark in sight:
 * cmark-gfm is load/'s own business (load/markdown.h says what dialect it
 * parses and what salesgen adds to it). A document is parsed once, with the
 * CJK emphasis pass and the autolink fixes done then, and every output walks
 * the tree that comes out.
 */
#ifndef SG_LOAD_MDPARSE_H
#define SG_LOAD_MDPARSE_H

#include <stddef.h>

#include "base/arena.h"
#include "load/doctree.h"

/* Parses text[0..len) (a document's body; text needs no NUL terminator),
 * whose first line is line first_line of its file (0: 1), into a new tree:
 * node lines are lines of the file. Never NULL; free it with
 * sg_mdtree_free(). Several threads may parse at once. */
sg_mdtree *sg_mdparse(const char *text, size_t len, int first_line);

/* md (Markdown, NUL-terminated) with its headings moved down so that the
 * highest becomes level under + 1 (none deeper than level 6), and everything
 * else as written; md itself when it has no heading or needs no move. In a.
 *
 * A heading is found by the parser (so "## x" in a code block stays) and
 * rewritten on its own lines: an ATX heading gets more '#', a setext heading
 * (two or more lines, the last its underline) is written again as ATX, after
 * whatever precedes it on its first line (a list marker, a '>'). For text
 * inserted into a template under a heading of its own (a customer's notes
 * in the review report). */
const char *sg_mdparse_demote(sg_arena *a, const char *md, int under);

#endif
