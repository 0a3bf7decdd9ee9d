/*
 * pdf_pages.h - the cover page and the running header and footer, laid out
 * as boxes like the body.
 */
#ifndef SG_RENDER_PDF_PDF_PAGES_H
#define SG_RENDER_PDF_PDF_PAGES_H

#include "base/buf.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "render/pdf/pdf_doc.h"

/* The room of the cover's texts (docs/themes.md). The title has the room of
 * SG_COVER_TITLE_LINES lines at the style's cover title size; a longer one
 * is set smaller, a point at a time, down to SG_COVER_TITLE_MIN_SIZE (or
 * the style's size when that is smaller), and only then cut. The subtitle
 * and each field's value are cut after their number of lines. */
#define SG_COVER_TITLE_LINES 4
#define SG_COVER_TITLE_MIN_SIZE 16.0
#define SG_COVER_SUBTITLE_LINES 3
#define SG_COVER_FIELD_LINES 2

typedef struct sg_pdf_cover_opts {
	const sg_style *style;
	const sg_fontset *fs, *heading_fs;
	const char *path; /* for messages */
	const char *title, *subtitle;
	const sg_pdf_field *fields;
	size_t nfields;
	const char *logo;         /* a file, or NULL */
	const char *logo_root;    /* the folder the logo must not lead out of, or NULL */
	const char *confidential; /* or NULL */
	/* Where the title and subtitle come from, for the warning when one is
	 * cut (path NULL: the document, path). */
	sg_pos title_pos, subtitle_pos;
	const sg_pos *field_pos; /* per field, or NULL */
} sg_pdf_cover_opts;

/* Adds the cover as a new page of l. A logo that cannot be used is a
 * warning: the cover is set without it. A logo that leads outside its folder
 * (base/confine.h) is an error at the logo's file (the cover is set without
 * it, but the document must not be made). A title, subtitle or field too
 * long for its room is cut with an ellipsis, with a warning at its source. */
void sg_pdf_cover(sg_layout *l, const sg_pdf_cover_opts *o, sg_diags *d);

typedef struct sg_pdf_chrome_opts {
	const sg_style *style;
	const sg_fontset *fs;
	const char *header;       /* or NULL */
	const char *page_label;   /* "第 {page} 页 / 共 {pages} 页" */
	const char *confidential; /* or NULL */
} sg_pdf_chrome_opts;

/* Adds the header and footer of physical page `page` of `pages` to page pg
 * of l. */
void sg_pdf_chrome(sg_layout *l, size_t pg, const sg_pdf_chrome_opts *o, int page, int pages);

/* Appends label with {page} and {pages} replaced. */
void sg_pdf_label_format(sg_buf *out, const char *label, int page, int pages);

#endif
