/*
 * pdf_seal.c - a company seal (公章) drawn as vector paths: a red ring, the
 * name along the inside of its top, a five-pointed star and a line of text
 * under the star, as a Chinese company seal is laid out.
 *
 * The text is the outlines of its glyphs (pdf_mark.c), not text: a seal is
 * a picture of ink, and pdftotext must not give back its characters mixed
 * into the words it covers.
 */
#include <hb.h>
#include <math.h>

#include "render/pdf/pdf_int.h"

#define S_PI 3.14159265358979323846

/* A circle of radius r as four Bézier quarters. */
static void S_circle(sg_pdf_content *c, double cx, double cy, double r)
{
	double k = 0.5522847498 * r;
	sg_pdf_content_move_to(c, cx + r, cy);
	sg_pdf_content_curve_to(c, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
	sg_pdf_content_curve_to(c, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
	sg_pdf_content_curve_to(c, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
	sg_pdf_content_curve_to(c, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
	sg_pdf_content_close(c);
}

/* A five-pointed star of outer radius r, one point up. */
static void S_star(sg_pdf_content *c, double cx, double cy, double r)
{
	double ri = r * 0.381966; /* the inner points of a regular star */
	for (int k = 0; k < 10; k++) {
		double a = S_PI / 2 + k * S_PI / 5, rr = k % 2 ? ri : r;
		double x = cx + rr * cos(a), y = cy + rr * sin(a);
		if (k == 0)
			sg_pdf_content_move_to(c, x, y);
		else
			sg_pdf_content_line_to(c, x, y);
	}
	sg_pdf_content_close(c);
}

/* The glyphs of line 0 of t around the circle of radius rb (their
 * baselines), centred on its top and spread over at most span radians,
 * each upright towards the ring. False when no glyph was drawn. */
static bool S_ring_text(sg_pdf_content *c, hb_draw_funcs_t *df, const sg_ltext *t, double cx,
			double cy, double rb, double span_max)
{
	if (t->lines.nlines == 0)
		return false;
	const sg_line *ln = &t->lines.lines[0];
	double total = 0;
	bool any = false;
	for (size_t k = ln->first; k < ln->end; k++)
		total += t->lines.items[k].advance;
	if (total <= 0)
		return false;
	/* Glyphs touching at the baseline span total / rb; a little air
	 * between them reads as a seal does. */
	double span = fmin(span_max, 1.2 * total / rb);
	double top = S_PI / 2 + span / 2, at = 0;
	for (size_t k = ln->first; k < ln->end; k++) {
		const sg_item *it = &t->lines.items[k];
		double th = top - (at + it->advance / 2) / total * span;
		at += it->advance;
		double ca = sin(th), sa = -cos(th); /* the baseline runs clockwise */
		double ox = cx + rb * cos(th) - it->advance / 2 * ca;
		double oy = cy + rb * sin(th) - it->advance / 2 * sa;
		any |= sg_pdf_outline_item(c, df, t, it, ca, sa, ox, oy);
	}
	return any;
}

void sg_pdf_seal_draw(sg_pdf_content *c, const sg_ltext *ring, const sg_ltext *label, double cx,
		      double cy, double dia, uint32_t color)
{
	double r = dia / 2, w = 0.032 * dia;
	sg_pdf_content_save(c);
	sg_pdf_content_stroke_color(c, color);
	sg_pdf_content_fill_color(c, color);
	sg_pdf_content_line_width(c, w);
	S_circle(c, cx, cy, r - w / 2);
	sg_pdf_content_stroke(c);
	double star = 0.17 * dia;
	S_star(c, cx, cy, star);
	sg_pdf_content_fill(c);
	hb_draw_funcs_t *df = sg_pdf_outline_funcs();
	if (ring && ring->para.nruns) {
		double size = ring->para.runs[0].size;
		/* The tops of the glyphs a little inside the ring. */
		if (S_ring_text(c, df, ring, cx, cy, r - w - 0.04 * dia - 0.88 * size,
				250 * S_PI / 180))
			sg_pdf_content_fill(c);
	}
	if (label && label->lines.nlines && label->para.nruns) {
		const sg_line *ln = &label->lines.lines[0];
		double size = label->para.runs[0].size;
		double x0 = cx - ln->width / 2, y0 = cy - star - 1.05 * size;
		bool any = false;
		for (size_t k = ln->first; k < ln->end; k++) {
			const sg_item *it = &label->lines.items[k];
			any |= sg_pdf_outline_item(c, df, label, it, 1, 0, x0 + it->x, y0);
		}
		if (any)
			sg_pdf_content_fill(c);
	}
	hb_draw_funcs_destroy(df);
	sg_pdf_content_restore(c);
}
