/*
 * pdf_textmarks.c - emphasis dots and missing-character boxes (see the
 * header).
 */
#include "render/pdf/pdf_textmarks.h"

#define S_KAPPA 0.5522847498 /* a quarter circle as one cubic Bézier */

/* Emphasis dots: radius and how far below the baseline the centre is, in
 * ems. Noto CJK's ideographs reach 0.12 em below the baseline. */
#define S_DOT_R 0.065
#define S_DOT_DROP 0.26

bool sg_pdf_is_han(uint32_t cp)
{
	return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* A point dx along the line and dy across it (up) from its origin. */
typedef struct S_frame {
	double x0, y0, ca, sa;
} S_frame;

static void S_at(const S_frame *f, double dx, double dy, double *x, double *y)
{
	*x = f->x0 + dx * f->ca - dy * f->sa;
	*y = f->y0 + dx * f->sa + dy * f->ca;
}

static void S_dot(sg_pdf_content *c, double cx, double cy, double r)
{
	double k = r * S_KAPPA;
	sg_pdf_content_move_to(c, cx + r, cy);
	sg_pdf_content_curve_to(c, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
	sg_pdf_content_curve_to(c, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
	sg_pdf_content_curve_to(c, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
	sg_pdf_content_curve_to(c, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
	sg_pdf_content_close(c);
	sg_pdf_content_fill(c);
}

/* The hollow box of a missing character: its em, inset a little, from the
 * face's usual descent to near the top of the em. */
static void S_box(sg_pdf_content *c, const S_frame *f, double dx, double w, double size)
{
	double in = 0.08 * size, lo = -0.1 * size, hi = 0.8 * size;
	double px[4], py[4];
	S_at(f, dx + in, lo, &px[0], &py[0]);
	S_at(f, dx + w - in, lo, &px[1], &py[1]);
	S_at(f, dx + w - in, hi, &px[2], &py[2]);
	S_at(f, dx + in, hi, &px[3], &py[3]);
	sg_pdf_content_line_width(c, size / 18);
	sg_pdf_content_move_to(c, px[0], py[0]);
	for (int i = 1; i < 4; i++)
		sg_pdf_content_line_to(c, px[i], py[i]);
	sg_pdf_content_close(c);
	sg_pdf_content_stroke(c);
}

/* Whether item it of t gets a mark: a box, or a dot. */
static bool S_marked(const sg_ltext *t, const sg_item *it)
{
	if (it->flags & SG_ITEM_OBJECT)
		return false;
	if (it->flags & SG_ITEM_MISSING)
		return sg_font_char_visible(it->cp);
	const sg_text_run *r = &t->para.runs[it->run];
	const sg_font_slot *slot = sg_fontset_slot(sg_text_run_fontset(r, t->fs), it->slot);
	return slot->emphasis_dots && sg_pdf_is_han(it->cp);
}

bool sg_pdf_text_marks_any(const sg_ltext *t, const sg_line *ln)
{
	for (size_t i = ln->first; i < ln->end; i++)
		if (S_marked(t, &t->lines.items[i]))
			return true;
	return false;
}

void sg_pdf_text_marks(sg_pdf_content *c, const sg_ltext *t, const sg_line *ln,
		       const double *xs, double x0, double y0, double ca, double sa)
{
	const S_frame f = {x0, y0, ca, sa};
	const sg_item *items = t->lines.items;
	for (size_t i = ln->first; i < ln->end; i++) {
		const sg_item *it = &items[i];
		if (it->flags & SG_ITEM_OBJECT)
			continue;
		const sg_text_run *r = &t->para.runs[it->run];
		uint32_t color = t->attrs[it->run].color;
		double dx = xs[i - ln->first], size = r->size;
		if (it->flags & SG_ITEM_MISSING) {
			if (!sg_font_char_visible(it->cp))
				continue;
			sg_pdf_content_stroke_color(c, color);
			S_box(c, &f, dx, it->advance, size);
			continue;
		}
		const sg_font_slot *slot = sg_fontset_slot(sg_text_run_fontset(r, t->fs), it->slot);
		if (!slot->emphasis_dots || !sg_pdf_is_han(it->cp))
			continue;
		double cx, cy;
		S_at(&f, dx + it->advance / 2, -S_DOT_DROP * size, &cx, &cy);
		sg_pdf_content_fill_color(c, color);
		S_dot(c, cx, cy, S_DOT_R * size);
	}
}
