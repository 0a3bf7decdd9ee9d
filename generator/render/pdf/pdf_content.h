/*
 * pdf_content.h - the operators of one page's content stream, written as
 * text, and the resources they name.
 *
 * Design note. One builder per page, caller-owned (_init/_dispose, or
 * _reset between pages). Each function appends one operator line; numbers go
 * through sg_pdf_put_num (at most 4 decimals, no exponent, no "-0"), so the
 * same drawing gives the same bytes on any machine and in any locale.
 * Fonts, images and graphics states are named by object number
 * (sg_pdf_res_name): the builder records each one it names, and
 * sg_pdf_content_page() hands the list to sg_pdf_file_page_add() for the
 * page's /Resources.
 *
 * The text state the renderer changes often (font and size, character
 * spacing, word spacing, horizontal scale, rendering mode) is tracked across
 * q/Q the way a reader tracks it, and an operator that would set what is
 * already set is left out: the painter sets the whole state before each
 * run of text (pdf_paint.c), most of it unchanged.
 *
 * Text is shown by code: two bytes per glyph for the Identity-H fonts of
 * pdf_embed.h, written as hexadecimal strings.
 */
#ifndef SG_RENDER_PDF_PDF_CONTENT_H
#define SG_RENDER_PDF_PDF_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "render/pdf/pdf_file.h"

/* q/Q nesting kept for the tracked text state; deeper nesting still writes
 * q/Q but stops leaving operators out until it comes back up. */
#define SG_PDF_CONTENT_DEPTH 28

typedef struct sg_pdf_tstate {
	uint32_t font; /* the font's object; 0: none yet */
	double size;
	double tc, tw, tz;
	int tr;
} sg_pdf_tstate;

typedef struct sg_pdf_content {
	sg_buf ops;
	sg_pdf_res *res; /* each resource once, in the order first named */
	size_t nres, rescap;
	sg_pdf_tstate ts[SG_PDF_CONTENT_DEPTH + 1]; /* ts[depth] is in force */
	int depth;       /* q minus Q */
} sg_pdf_content;

void sg_pdf_content_init(sg_pdf_content *c);
void sg_pdf_content_dispose(sg_pdf_content *c);
/* Empties c for the next page. */
void sg_pdf_content_reset(sg_pdf_content *c);

/* The page's operators and resources, for sg_pdf_file_page_add (the
 * pointers stay valid until c changes). */
void sg_pdf_content_page(const sg_pdf_content *c, sg_pdf_page *p);

/* ---- graphics state ---- */
void sg_pdf_content_save(sg_pdf_content *c);    /* q */
void sg_pdf_content_restore(sg_pdf_content *c); /* Q (ignored when nothing is saved) */
void sg_pdf_content_transform(sg_pdf_content *c, double a, double b, double cc, double d,
			      double e, double f); /* cm */
void sg_pdf_content_line_width(sg_pdf_content *c, double w);
void sg_pdf_content_line_cap(sg_pdf_content *c, int cap);   /* 0 butt, 1 round, 2 square */
void sg_pdf_content_line_join(sg_pdf_content *c, int join); /* 0 miter, 1 round, 2 bevel */
/* d: n dash lengths (n 0: solid) and the phase. */
void sg_pdf_content_dash(sg_pdf_content *c, const double *dash, size_t n, double phase);
/* Colours: components 0..1, or 0xRRGGBB. */
void sg_pdf_content_fill_rgb(sg_pdf_content *c, double r, double g, double b);
void sg_pdf_content_stroke_rgb(sg_pdf_content *c, double r, double g, double b);
void sg_pdf_content_fill_gray(sg_pdf_content *c, double g);
void sg_pdf_content_stroke_gray(sg_pdf_content *c, double g);
void sg_pdf_content_fill_color(sg_pdf_content *c, uint32_t rgb);
void sg_pdf_content_stroke_color(sg_pdf_content *c, uint32_t rgb);
/* /GSn gs: an ExtGState such as sg_pdf_file_alpha()'s. */
void sg_pdf_content_gstate(sg_pdf_content *c, uint32_t obj);

/* ---- paths ---- */
void sg_pdf_content_move_to(sg_pdf_content *c, double x, double y);
void sg_pdf_content_line_to(sg_pdf_content *c, double x, double y);
void sg_pdf_content_curve_to(sg_pdf_content *c, double x1, double y1, double x2, double y2,
			     double x3, double y3);
void sg_pdf_content_close(sg_pdf_content *c); /* h */
void sg_pdf_content_rect(sg_pdf_content *c, double x, double y, double w, double h);
void sg_pdf_content_stroke(sg_pdf_content *c);      /* S */
void sg_pdf_content_fill(sg_pdf_content *c);        /* f (non-zero winding) */
void sg_pdf_content_fill_stroke(sg_pdf_content *c); /* B */
void sg_pdf_content_end_path(sg_pdf_content *c);    /* n */
void sg_pdf_content_clip(sg_pdf_content *c);        /* W n */

/* ---- text ---- */
void sg_pdf_content_begin_text(sg_pdf_content *c); /* BT */
void sg_pdf_content_end_text(sg_pdf_content *c);   /* ET */
/* Tf with the font object of pdf_embed.h (sg_pdf_font_obj). */
void sg_pdf_content_font(sg_pdf_content *c, uint32_t font, double size);
void sg_pdf_content_char_space(sg_pdf_content *c, double tc); /* Tc */
void sg_pdf_content_word_space(sg_pdf_content *c, double tw); /* Tw */
void sg_pdf_content_hscale(sg_pdf_content *c, double percent); /* Tz */
/* Tr: 0 fill, 1 stroke, 2 fill then stroke, 3 invisible, 7 clip. */
void sg_pdf_content_render_mode(sg_pdf_content *c, int mode);
void sg_pdf_content_text_matrix(sg_pdf_content *c, double a, double b, double cc, double d,
				double e, double f); /* Tm */
void sg_pdf_content_text_move(sg_pdf_content *c, double tx, double ty); /* Td */
/* <codes> Tj: n two-byte codes. */
void sg_pdf_content_show(sg_pdf_content *c, const uint16_t *codes, size_t n);
/* [<..> k <..>] TJ: adjust[i] (thousandths of the font size, positive moves
 * the next glyph left, as in TJ) comes after codes[i]; adjust may be NULL. */
void sg_pdf_content_show_adjusted(sg_pdf_content *c, const uint16_t *codes,
				  const double *adjust, size_t n);

/* ---- objects ---- */
/* /Xn Do. */
void sg_pdf_content_xobject(sg_pdf_content *c, uint32_t obj);
/* An image XObject drawn into the rectangle x, y, w, h: q w 0 0 h x y cm
 * /Xn Do Q. */
void sg_pdf_content_image(sg_pdf_content *c, uint32_t obj, double x, double y, double w,
			  double h);

/* ---- marked content (tagged PDF) ---- */
/* /TAG <</MCID n>> BDC: content of a structure element (the mcid of
 * sg_pdf_file_struct_mcid). */
void sg_pdf_content_tag(sg_pdf_content *c, const char *tag, int mcid);
/* /Artifact BMC, or with a type (Pagination, Layout, Page, Background)
 * /Artifact <</Type /Pagination>> BDC: what is not part of the text
 * (running heads, page numbers, the watermark). */
void sg_pdf_content_artifact(sg_pdf_content *c, const char *type);
/* The same with a subtype: /Artifact <</Type /Pagination /Subtype
 * /Watermark>> BDC (Header, Footer and Watermark are those of Pagination). */
void sg_pdf_content_artifact_sub(sg_pdf_content *c, const char *type, const char *subtype);
void sg_pdf_content_end_marked(sg_pdf_content *c); /* EMC */
/* /Span <</ActualText (text)>> BDC: the text, UTF-8, that copying what
 * follows up to its EMC gives, in place of its glyphs' own. Nested inside
 * a structure element's sequence, it is part of that element's content. */
void sg_pdf_content_actual_text(sg_pdf_content *c, const char *utf8);

#endif
