/*
 * pdf_mark.c - the watermark as the outlines of its glyphs: filled paths in
 * a form XObject that every page draws.
 *
 * Why not text: text marked as an artifact is still text to the tools that
 * extract it (pdftotext of poppler 22.12 and mutool 1.21 both give the
 * characters of an /Artifact back), and copied text would then hold
 * stray characters of the watermark. Outlines are no text at all. Each
 * run of one colour is one path filled with the non-zero rule, so where a
 * glyph's contours overlap the fill is laid once: drawn translucent, no
 * contour shows through. The form is written once and drawn by every page.
 */
#include <hb.h>
#include <math.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "layout/font_hb.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_writer.h"

/* Where outline points go: font units to PDF space by the matrix of the
 * glyph (a b c d e f, as a text matrix times the font size). */
typedef struct S_pen {
	sg_pdf_content *c;
	double a, b, cc, d, e, f;
} S_pen;

static void S_xy(const S_pen *p, double x, double y, double *ox, double *oy)
{
	*ox = p->a * x + p->cc * y + p->e;
	*oy = p->b * x + p->d * y + p->f;
}

static void S_move_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
		      void *u)
{
	(void)df, (void)st, (void)u;
	double px, py;
	S_xy(data, x, y, &px, &py);
	sg_pdf_content_move_to(((S_pen *)data)->c, px, py);
}

static void S_line_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
		      void *u)
{
	(void)df, (void)st, (void)u;
	double px, py;
	S_xy(data, x, y, &px, &py);
	sg_pdf_content_line_to(((S_pen *)data)->c, px, py);
}

/* A quadratic curve as the cubic that draws it: control points two thirds
 * of the way from each end to the quadratic's. */
static void S_quad_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float cx, float cy,
		      float x, float y, void *u)
{
	(void)df, (void)u;
	double x0 = st->current_x, y0 = st->current_y;
	double c1x = x0 + 2.0 / 3 * (cx - x0), c1y = y0 + 2.0 / 3 * (cy - y0);
	double c2x = x + 2.0 / 3 * (cx - x), c2y = y + 2.0 / 3 * (cy - y);
	double p[6];
	S_xy(data, c1x, c1y, &p[0], &p[1]);
	S_xy(data, c2x, c2y, &p[2], &p[3]);
	S_xy(data, x, y, &p[4], &p[5]);
	sg_pdf_content_curve_to(((S_pen *)data)->c, p[0], p[1], p[2], p[3], p[4], p[5]);
}

static void S_cubic_to(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float c1x,
		       float c1y, float c2x, float c2y, float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	double p[6];
	S_xy(data, c1x, c1y, &p[0], &p[1]);
	S_xy(data, c2x, c2y, &p[2], &p[3]);
	S_xy(data, x, y, &p[4], &p[5]);
	sg_pdf_content_curve_to(((S_pen *)data)->c, p[0], p[1], p[2], p[3], p[4], p[5]);
}

static void S_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *u)
{
	(void)df, (void)st, (void)u;
	sg_pdf_content_close(((S_pen *)data)->c);
}

hb_draw_funcs_t *sg_pdf_outline_funcs(void)
{
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, S_move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, S_line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, S_quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, S_cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, S_close, NULL, NULL);
	return df;
}

bool sg_pdf_outline_item(sg_pdf_content *c, hb_draw_funcs_t *df, const sg_ltext *t,
			 const sg_item *it, double ca, double sa, double ox, double oy)
{
	if (it->flags & (SG_ITEM_MISSING | SG_ITEM_OBJECT | SG_ITEM_BLANK) || it->cp <= ' ')
		return false;
	const sg_text_run *r = &t->para.runs[it->run];
	const sg_font_slot *slot = sg_fontset_slot(sg_text_run_fontset(r, t->fs), it->slot);
	hb_font_t *font = sg_font_face_hb_font(slot->face);
	hb_codepoint_t gid = 0;
	if (!hb_font_get_nominal_glyph(font, it->cp, &gid) || gid == 0)
		return false;
	/* The text matrix sg_pdf_paint_line would give the glyph, scaled from
	 * font units to the run's size. */
	double k1 = r->size / sg_font_face_upem(slot->face);
	double s = slot->synthetic_slant ? SG_PDF_SLANT : 0;
	S_pen pen = {c, ca * k1, sa * k1, (s * ca - sa) * k1, (s * sa + ca) * k1, ox, oy};
	hb_font_get_glyph_shape(font, gid, df, &pen);
	return true;
}

uint32_t sg_pdf_mark_form(sg_pdf_file *f, const sg_ltext *t, double x0, double y0, double angle,
			  double w, double h)
{
	if (t->lines.nlines == 0)
		return 0;
	hb_draw_funcs_t *df = sg_pdf_outline_funcs();
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	double ca = cos(angle), sa = sin(angle);
	const sg_line *ln = &t->lines.lines[0];
	bool open = false; /* a path is being drawn in color */
	uint32_t color = 0;
	for (size_t k = ln->first; k < ln->end; k++) {
		const sg_item *it = &t->lines.items[k];
		double at = it->x; /* where the layout placed it */
		if (it->flags & (SG_ITEM_MISSING | SG_ITEM_OBJECT | SG_ITEM_BLANK) || it->cp <= ' ')
			continue;
		uint32_t want = t->attrs[it->run].color;
		if (open && want != color) {
			sg_pdf_content_fill(&c);
			open = false;
		}
		if (!open) {
			sg_pdf_content_fill_color(&c, want);
			color = want;
			open = true;
		}
		sg_pdf_outline_item(&c, df, t, it, ca, sa, x0 + at * ca, y0 + at * sa);
	}
	if (open)
		sg_pdf_content_fill(&c);
	hb_draw_funcs_destroy(df);
	sg_buf dict;
	sg_buf_init(&dict);
	sg_buf_puts(&dict, "/Type /XObject /Subtype /Form /BBox [0 0 ");
	sg_pdf_put_num(&dict, w);
	sg_buf_putc(&dict, ' ');
	sg_pdf_put_num(&dict, h);
	sg_buf_putc(&dict, ']');
	uint32_t obj = sg_pdf_file_reserve(f);
	if (sg_pdf_file_stream(f, obj, dict.data, c.ops.data, c.ops.len, SG_PDF_STREAM_TEXT) < 0)
		obj = 0;
	sg_buf_dispose(&dict);
	sg_pdf_content_dispose(&c);
	return obj;
}
