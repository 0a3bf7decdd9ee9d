/*
 * frontmatter.h - the YAML block at the top of a Markdown file.
 *
 * A document may open (after an optional UTF-8 byte order mark) with a line
 * `---`, then YAML, then a closing line `---` or `...`:
 *
 *     ---
 *     title: 邮件系统迁移方案
 *     tags: [migration, self-hosted]
 *     ---
 *     # Body starts here
 *
 * The delimiter lines may carry trailing spaces or tabs and end in LF or CRLF.
 * Without a closing line there is no front matter: the opening `---` is then
 * a Markdown thematic break and the whole file is body. A file whose first
 * line is `---` but whose block is not a YAML mapping gets an error saying so;
 * to open such a file with a thematic break, start it with a blank line.
 *
 * The YAML is read with libyaml into an sg_value map, following the YAML 1.2
 * core schema for plain (unquoted) scalars only:
 *   - decimal integers (no leading zeros, fitting int64) -> SG_VAL_INT
 *   - true/True/TRUE, false/False/FALSE                  -> SG_VAL_BOOL
 *   - ~, null/Null/NULL and the empty value              -> SG_VAL_NULL
 *   - anything else, and every quoted scalar             -> SG_VAL_STR
 * So "yes", "on", "007" and "1.5" stay strings, and an explicit `!!str` tag
 * keeps a plain scalar a string. Sequences become lists and mappings maps,
 * in the order written. Each value's line and col (sg_value.line/col) are its
 * position in the file, not in the YAML block.
 *
 * Refused, each reported at its position: malformed YAML, a root that is not
 * a mapping, more than one YAML document, mapping keys that are not scalars,
 * duplicate keys, anchors and aliases (so no "billion laughs" expansion is
 * possible), tags other than !!str, nesting deeper than SG_FRONTMATTER_DEPTH,
 * invalid UTF-8 and front matter larger than SG_FRONTMATTER_CAP bytes.
 */
#ifndef SG_LOAD_FRONTMATTER_H
#define SG_LOAD_FRONTMATTER_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"

/* Deepest nesting of lists and maps accepted; the root map is level 1. */
#define SG_FRONTMATTER_DEPTH 32

/* Largest YAML block accepted, in bytes. Real front matter is a few hundred
 * bytes; the bound keeps duplicate-key checks and value trees small. */
#define SG_FRONTMATTER_CAP (64u * 1024)

/* Finds the front matter of text[0..len). Returns 1 when there is one: *yaml
 * and *yaml_len give the YAML between the delimiter lines (it starts on line 2
 * of the file), *body_off the byte offset of the line after the closing
 * delimiter and *body_line its 1-based line number. Returns 0 when there is
 * none: *yaml is NULL, *yaml_len 0, *body_off skips a byte order mark (0
 * without one) and *body_line is 1. Any output pointer may be NULL. */
int sg_frontmatter_split(const char *text, size_t len, size_t *body_off, int *body_line,
			 const char **yaml, size_t *yaml_len);

/* Parses yaml[0..len), whose first line is line first_line of path, into a
 * map allocated in a (an empty map for empty or comment-only YAML). Every
 * problem goes to d as path:line:col; returns NULL when there was any. */
sg_value *sg_frontmatter_parse(sg_arena *a, const char *yaml, size_t len, const char *path,
			       int first_line, sg_diags *d);

#endif
