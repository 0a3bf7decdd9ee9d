/*
 * toc.h - a table of contents laid out from a body's headings.
 *
 * Two calls, because the contents come before the body: sg_layout_toc()
 * lays out the entries (title, indentation by level, a link over each) and
 * tells how many pages they take; once the page offset of the body is known
 * sg_layout_toc_numbers() sets each entry's page number flush right with a
 * dotted leader.
 */
#ifndef SG_LAYOUT_TOC_H
#define SG_LAYOUT_TOC_H

#include "layout/layout.h"

typedef struct sg_toc_opts {
	const sg_style *style;
	const sg_fontset *fs, *heading_fs;
	const char *title; /* "目录", "Contents" */
	double x, y, width, height; /* the body area */
} sg_toc_opts;

typedef struct sg_toc_entry {
	size_t heading; /* index into the body's headings */
	size_t item;
	size_t page;    /* page of the contents layout */
	double top, h, baseline, text_end;
	int node; /* its Link node: the title and the page number */
} sg_toc_entry;

typedef struct sg_toc {
	sg_toc_entry *entries; /* in the contents layout's arena */
	size_t n;
	double right, size;
} sg_toc;

/* Lays out the contents of body (levels from the highest present, style's
 * toc_depth of them) into out, a fresh layout. Links point at "#anchor". */
int sg_layout_toc(sg_layout *out, const sg_layout *body, const sg_toc_opts *o, sg_toc *toc);

/* Adds the page numbers: a heading on body page p (0-based) shows
 * p + page_offset. */
void sg_layout_toc_numbers(sg_layout *out, const sg_layout *body, const sg_toc *toc,
			   const sg_fontset *fs, const sg_style *s, int page_offset);

#endif
