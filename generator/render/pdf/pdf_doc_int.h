/*
 * pdf_doc_int.h - one document being made (pdf_doc.c), shared with what
 * goes on its pages beside the body (pdf_doc_marks.c: links, bookmarks,
 * the watermark, the seal and the visible signature's place).
 */
#ifndef SG_RENDER_PDF_PDF_DOC_INT_H
#define SG_RENDER_PDF_PDF_DOC_INT_H

#include "base/arena.h"
#include "layout/toc.h"
#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_hint.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_pages.h"

typedef struct sg_pdf_making sg_pdf_making;

/* One document being made: its parts, then its PDF. */
struct sg_pdf_making {
	const sg_pdf_job *job;
	const sg_style *s; /* the job's, or own_style */
	sg_style own_style;
	bool has_own_style;
	sg_arena arena; /* the title, when it is the first heading's text */
	const sg_fontset *fs, *hfs, *mfs; /* body, headings, code */
	const sg_fontset *tfs;            /* tables */
	const char *lang, *title, *confidential;
	sg_pos pos0; /* the document's first line, for messages */
	sg_layout cover, toc, body;
	sg_toc tocinfo;
	bool has_cover, has_toc;
	int total;       /* pages, all parts */
	int body_offset; /* physical index of body page 0 */
	char *logo;     /* the style's logo in the content folder (heap) */
	sg_ltext *mark; /* the watermark */
	double mark_size;
	uint32_t mark_obj; /* its form XObject, once made */
	sg_ltext *seal_ring, *seal_label; /* the seal's texts, or NULL */
	int seal_im;                      /* its picture in the body's images, or -1 */
	bool sealed;                      /* a seal, drawn or pictured, is on the page */
	size_t seal_page;                 /* the body page it is drawn on */
	double seal_x, seal_y, seal_d;    /* its centre (PDF space) and diameter */
	double seal_line_top;             /* the top of the date line it sits on (PDF space) */
	/* Per physical page, the first of its boxes that are its running
	 * header and footer (drawn as artifacts); SIZE_MAX: none. */
	size_t *chrome_at;
	sg_pdf_chrome_opts chrome;
	/* A long body (S_body_page): laid out once to count its pages, each
	 * page let go as soon as it is made, then again, each page drawn as
	 * soon as it is made. */
	size_t stream_at; /* pages from which it is; SIZE_MAX: never */
	bool stream;      /* the first layout reached stream_at pages */
	int *node_last;   /* per node of the first layout: its last page, -1: none */
	size_t node_last_n;
	sg_heading *heads; /* the first layout's headings, for links to headings not laid out yet */
	size_t nheads;
	int body_pages;        /* pages of the body */
	sg_pdf_painter *bpt;   /* while the body is laid out again: its painter */
	sg_diags *d;           /* where drawing's problems go */
	/* A long body with a kept count (pdf_hint.h) is laid out once, and
	 * drawn with the count's numbers: */
	const sg_pdf_hint *kept; /* the count, or NULL */
	sg_layout counted;       /* its pages and headings, as a layout's (no pages) */
	const sg_layout *count;  /* where pages and headings are counted: body, or counted */
	sg_diags *body_d;        /* where laying out the body tells its problems */
	bool kept_wrong;         /* the layout found other numbers than the count */
	bool kept_checked;       /* it was laid out and found the same */
	int layouts;             /* times the body was laid out */
	sg_mdtree *empty;        /* the body of a job without one */
	const sg_mdnode *root;   /* the body's tree */
	sg_pdf_file *file;
	sg_pdf_fonts *fonts;
	sg_pdf_content c; /* the page being drawn */
};

/* pdf_doc_marks.c. The link annotations of page pi of l (heap, *n of them). */
sg_pdf_link *sg_pdf_making_links(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l,
				 size_t pi, size_t *n);
/* The bookmarks: the body's headings, three levels deep. */
void sg_pdf_making_outline(sg_pdf_making *x);
/* The watermark's text laid out (nothing without one). */
void sg_pdf_making_watermark_layout(sg_pdf_making *x);
/* The seal's texts or picture, and its place on the body's last page. */
void sg_pdf_making_seal_layout(sg_pdf_making *x, sg_diags *diags);
/* The visible signature's place and appearance. */
void sg_pdf_making_sign_look(sg_pdf_making *x);
/* Draws the seal when page i of l is the page it goes on. */
void sg_pdf_making_seal(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l, size_t i);
/* The watermark's form XObject; 0: none. */
uint32_t sg_pdf_making_watermark_form(sg_pdf_making *x);
/* Draws the watermark over the page being drawn. */
void sg_pdf_making_watermark(sg_pdf_making *x);

#endif
