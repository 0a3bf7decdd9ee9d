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
} sg_pdf_cover_opts;

/* Adds the cover as a new page of l. A logo that cannot be used is a
 * warning: the cover is set without it. A logo that leads outside its folder
 * (base/confine.h) is an error at the logo's file (the cover is set without
 * it, but the document must not be made). */
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
