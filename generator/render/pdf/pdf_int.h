/*
 * pdf_int.h - drawing laid-out boxes into the content streams of salesgen's
 * PDF writer (shared by the document renderer's files).
 */
#ifndef SG_RENDER_PDF_PDF_INT_H
#define SG_RENDER_PDF_PDF_INT_H

#include <stdint.h>

#include "base/diag.h"
#include "layout/layout.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_font.h"

/* What drawing a layout's pages needs. The caller owns every pointer. */
typedef struct sg_pdf_painter {
	sg_pdf_file *file;
	sg_pdf_fonts *fonts;
	sg_pdf_content *c; /* the page being drawn */
	double page_h;
	/* Per image of the layout being drawn, its XObject: 0 until first
	 * shown, SG_PDF_IMAGE_FAILED when it could not be made (reported
	 * once). Images are per layout: a painter each. Heap, the caller
	 * frees it. */
	uint32_t *images;
	size_t nimages;
	sg_diags *d;
	const char *path; /* for messages */
	int errors;       /* images and fonts that could not be made */
} sg_pdf_painter;

#define SG_PDF_IMAGE_FAILED UINT32_MAX

/* Draws line li of t with its left end at x and its baseline at y (PDF
 * space), rotated by angle radians about that point. */
void sg_pdf_paint_line(sg_pdf_painter *p, const sg_ltext *t, size_t li, double x, double y,
		       double angle);

/* Draws boxes [first, end) of page pi of l. Link and anchor boxes draw
 * nothing: the link annotations are made by pdf_doc.c, which knows where
 * each heading ends up. */
void sg_pdf_paint_boxes(sg_pdf_painter *p, const sg_layout *l, size_t pi, size_t first,
			size_t end);

/* Writes the image im of a layout into f as an image XObject (pdf_image.c)
 * and its object number into *obj. Returns 0, or -1 after an error in d
 * that names the image, and where a document refers to it. */
int sg_pdf_image_load(sg_pdf_file *f, const sg_limage *im, sg_diags *d, uint32_t *obj);

/* Writes line 0 of t into f as a form XObject (pdf_mark.c) of w x h
 * points: the outlines of its glyphs where sg_pdf_paint_line would draw
 * them at (x, y) turned by angle, filled in each run's colour, and no text.
 * Returns its object number, or 0 when t has no line or zlib fails. */
uint32_t sg_pdf_mark_form(sg_pdf_file *f, const sg_ltext *t, double x, double y, double angle,
			  double w, double h);

#endif
