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

/* The structure of a layout being drawn into a tagged file (pdf_tags.c):
 * its nodes become structure elements in reading order, as their content is
 * drawn. */
typedef struct sg_pdf_tags {
	const sg_layout *l;
	size_t n;       /* nodes the arrays below hold (l's, or as counted before) */
	int parent;     /* the element the layout's top nodes are parts of */
	int *elems;     /* per node: its element, 0 until made */
	size_t *first;  /* per node: 1 + the page its content was first drawn on, 0: not yet */
	bool *head;     /* per node: a TR whose cells are all TH (a header row) */
	size_t made;    /* nodes [0, made) have their elements */
	/* Per node: the last page (of the layout) holding content of it or
	 * of its parts, -1: none; and its last part (the largest index of
	 * the nodes under it, its own when none). Once that page is drawn and
	 * that part made, its element is ended (written, and let go). */
	int *last;
	size_t *last_part;
	size_t *open; /* nodes made and not ended, in the order made */
	size_t nopen, open_cap;
} sg_pdf_tags;

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
	/* Tagged (NULL: the content is not marked at all): */
	sg_pdf_tags *tags;
	size_t page;          /* the physical page being drawn */
	const char *artifact; /* the type of artifact of boxes without a node (NULL: Layout) */
	int node;             /* the node of the box being drawn */
	int open;             /* the open marked-content sequence: a node; -1 an artifact; 0 none */
} sg_pdf_painter;

#define SG_PDF_IMAGE_FAILED UINT32_MAX

/* ---- tagged PDF (pdf_tags.c) ---- */

/* Starts the structure of layout l, whose top nodes are parts of element
 * parent; a painter with tags t draws it, and sg_pdf_tags_finish ends it. */
void sg_pdf_tags_init(sg_pdf_tags *t, const sg_layout *l, int parent);
/* The same for a layout whose pages are drawn as they are made, before the
 * rest is laid out: last[i] is the last page holding content of node i + 1
 * (-1: none), as a first layout of the same document found it, and l's
 * nodes are that layout's, the same as the second's. t->l must then be
 * pointed at the layout being drawn, before the first page is. */
void sg_pdf_tags_init_last(sg_pdf_tags *t, const sg_layout *l, int parent, const int *last);
/* The same from n nodes' roles, parents and last pages kept from another
 * build's count (pdf_hint.h), for layout l, which is then laid out and
 * drawn: nodes past n are drawn as artifacts (the count was wrong, and the
 * caller throws the file away). */
void sg_pdf_tags_init_kept(sg_pdf_tags *t, const sg_layout *l, int parent, size_t n,
			   const uint8_t *roles, const int *parents, const int *last);
/* The node box b of l shows content of (0: none): its own, or a link
 * area's link's. */
int sg_pdf_tags_content(const sg_layout *l, const sg_box *b);
/* Makes the elements of the nodes of p's tags no content of which was
 * drawn (an empty table cell, say), in their place, and frees the tags. */
void sg_pdf_tags_finish(sg_pdf_painter *p);

/* Page pi of the layout is drawn and added to the file: ends the elements
 * that get nothing more from the pages after it. */
void sg_pdf_tags_page_done(sg_pdf_painter *p, size_t pi);

/* The element of node (made, with every node before it, when it is not
 * yet); 0 for node 0 or when the painter is not tagged. */
int sg_pdf_tags_elem(sg_pdf_painter *p, int node);

/* The node a box of the page being drawn is content of: its node, or 0 (an
 * artifact) for the header row a table repeats on each page it reaches
 * after the first, which a reader has already met. */
int sg_pdf_tags_box_node(sg_pdf_painter *p, const sg_box *b);

/* What follows in the content stream is node's content (a marked-content
 * sequence of its element, with a new MCID), or with node 0 an artifact:
 * the sequence open goes on when it is the same, else it is closed and a
 * new one begun. Nothing when the painter is not tagged. */
void sg_pdf_tags_mark(sg_pdf_painter *p, int node);
/* Closes the open sequence, if any. */
void sg_pdf_tags_close(sg_pdf_painter *p);

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

/* Draw functions (HarfBuzz) that append a glyph's outline to the content
 * sg_pdf_outline_item() passes them; the caller destroys them
 * (hb_draw_funcs_destroy). */
struct hb_draw_funcs_t *sg_pdf_outline_funcs(void);
/* Appends to c the outline of the glyph of item it of t (a path, not
 * filled), its baseline along the direction (ca, sa) from its origin at
 * (ox, oy). False when the item has no glyph to draw (a space, a missing
 * character). */
bool sg_pdf_outline_item(sg_pdf_content *c, struct hb_draw_funcs_t *df, const sg_ltext *t,
			 const sg_item *it, double ca, double sa, double ox, double oy);

/* The image object of image index of l, written into p's file the first
 * time (pdf_paint.c); 0 when it cannot be decoded (the error is in p->d). */
uint32_t sg_pdf_paint_image(sg_pdf_painter *p, const sg_layout *l, int index);
/* The visible signature's appearance (pdf_sign_look.c): a form XObject of
 * look->box's size with the signer's name and date in lang, the glyphs'
 * outlines in fs, its texts laid out in l (pos: the document, for the
 * layout's messages). Returns its object number, or 0
 * when look has no name or box (or the stream cannot be written). */
struct sg_pdf_sign_look;
uint32_t sg_pdf_sign_look_form(sg_pdf_file *f, sg_layout *l, const sg_fontset *fs,
			       const char *lang, sg_pos pos, const struct sg_pdf_sign_look *look);
/* Draws a seal into c (pdf_seal.c): a ring of diameter dia centred on (cx,
 * cy), ring's text (line 0) around its top from left to right, a
 * five-pointed star in the middle and label's text (line 0; may be NULL)
 * under the star, all filled in color. */
void sg_pdf_seal_draw(sg_pdf_content *c, const sg_ltext *ring, const sg_ltext *label, double cx,
		      double cy, double dia, uint32_t color);

#endif
