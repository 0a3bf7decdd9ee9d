/*
 * srcmap.h - the line and column where an XML attribute is written.
 *
 * libxml2 gives an element the line where its start tag *ends*, so for
 *   <offer product="mail" edition="gold"
 *          users="1000" number="YM-2026-0031">
 * every attribute would point at the second line. A model loader that wants
 * to point at edition="gold" keeps the file's text in an sg_srcmap and asks
 * it: the map finds the element's start tag in the text (the start tags
 * before it on the same line are counted, so several elements on one line
 * work) and reads the attribute names off it.
 */
#ifndef SG_MODEL_SRCMAP_H
#define SG_MODEL_SRCMAP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"

typedef struct sg_srcmap {
	const char *path; /* borrowed: the path positions carry */
	sg_buf text;
	size_t *lines; /* byte offset where each line starts */
	size_t line_count;
} sg_srcmap;

/* Reads path (at most cap bytes), inside the content folder root as the XML
 * reader does (root NULL: anywhere). A file that cannot be read gives an
 * empty map, whose lookups fall back to the element's line: the XML reader
 * has already reported why. Free with sg_srcmap_dispose(). */
void sg_srcmap_init(sg_srcmap *m, const char *root, const char *path, size_t cap);
void sg_srcmap_dispose(sg_srcmap *m);

/* The position of node's start tag: the line and column of its '<'. Falls
 * back to libxml2's line (column 0) when the tag cannot be found. */
sg_pos sg_srcmap_element(const sg_srcmap *m, const xmlNode *node);

/* Where node's text starts: just after the '>' of its start tag (for
 * <name>   </name>, the first space). An empty element (<name/>) gives its
 * start tag's position. */
sg_pos sg_srcmap_text(const sg_srcmap *m, const xmlNode *node);

/* The position of attribute attr of node: its name's line and column
 * (1-based, in code points). Falls back to the element's line (column 0) when
 * the attribute cannot be found in the text, or attr is NULL. */
sg_pos sg_srcmap_attr(const sg_srcmap *m, const xmlNode *node, const char *attr);

#endif
