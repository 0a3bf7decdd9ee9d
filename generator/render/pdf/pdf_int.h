/*
 * pdf_int.h - drawing laid-out boxes with libharu (shared by the document
 * renderer's files).
 */
#ifndef SG_RENDER_PDF_PDF_INT_H
#define SG_RENDER_PDF_PDF_INT_H

#include <hpdf.h>

#include "base/diag.h"
#include "layout/layout.h"
#include "render/pdf/pdf_font.h"

/* What drawing a layout's pages needs. */
typedef struct sg_pdf_painter {
	HPDF_Doc doc;
	const sg_pdf_fonts *pf;
	double page_h;
	HPDF_Image *images; /* per sg_layout image, loaded on first use */
	size_t nimages;
	sg_diags *d;
	const char *path; /* for messages */
	int errors;
} sg_pdf_painter;

/* Draws line li of t with its left end at x and its baseline at y (PDF
 * space), rotated by angle radians about that point. */
void sg_pdf_paint_line(HPDF_Page page, const sg_pdf_fonts *pf, const sg_ltext *t, size_t li,
		       double x, double y, double angle);

/* Draws every box of page pi of l on page. Link and anchor boxes draw
 * nothing: the link annotations are made by pdf_doc.c, which knows where
 * each heading ends up. */
void sg_pdf_paint_page(sg_pdf_painter *p, HPDF_Page page, const sg_layout *l, size_t pi);

/* The image im of a layout as an image of doc (pdf_image.c), or NULL after
 * an error in d that names the image, and where a document refers to it. */
HPDF_Image sg_pdf_image_load(HPDF_Doc doc, const sg_limage *im, sg_diags *d);

/* Records every character the layout draws into pf. */
void sg_pdf_use_layout(sg_pdf_fonts *pf, const sg_layout *l);

static inline void sg_pdf_rgb_fill(HPDF_Page page, uint32_t c)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)((c >> 16 & 255) / 255.0),
			     (HPDF_REAL)((c >> 8 & 255) / 255.0), (HPDF_REAL)((c & 255) / 255.0));
}

static inline void sg_pdf_rgb_stroke(HPDF_Page page, uint32_t c)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)((c >> 16 & 255) / 255.0),
			       (HPDF_REAL)((c >> 8 & 255) / 255.0), (HPDF_REAL)((c & 255) / 255.0));
}

#endif
