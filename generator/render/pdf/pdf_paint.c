/*
 * pdf_paint.c - boxes onto libharu pages: text lines with their fonts,
 * colours and decorations, fills, rules, images, checkboxes, polylines.
 *
 * Every chunk of text is placed with a text matrix of its own, so what is
 * drawn is exactly what the layout measured: the layout places every item
 * (sg_item.x), justified or not. Synthetic bold is fill-and-stroke, synthetic
 * slant a skewed text matrix.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_writer.h"

#define S_CODE_BG 0xEDF0F3

/* Whether an item is a glyph to show (inline images are boxes of their own). */
static bool S_drawn(const sg_item *it)
{
	return !(it->flags & (SG_ITEM_MISSING | SG_ITEM_OUTSIDE_BMP | SG_ITEM_OBJECT));
}

static const sg_fontset *S_fs(const sg_ltext *t, const sg_item *it)
{
	return sg_text_run_fontset(&t->para.runs[it->run], t->fs);
}

/* Whether b can be shown in the same string as a. A string is placed once and
 * its glyphs follow each other, so an inline image ends it. */
static bool S_same(const sg_ltext *t, const sg_item *a, const sg_item *b)
{
	if ((a->flags | b->flags) & SG_ITEM_OBJECT)
		return false;
	if (a->run == b->run)
		return a->slot == b->slot;
	const sg_text_run *ra = &t->para.runs[a->run], *rb = &t->para.runs[b->run];
	const sg_run_attr *aa = &t->attrs[a->run], *ab = &t->attrs[b->run];
	return a->slot == b->slot && ra->size == rb->size && ra->style == rb->style &&
	       S_fs(t, a) == S_fs(t, b) && aa->color == ab->color;
}

static void S_state(HPDF_Page page, HPDF_Font font, double size, bool bold, double tc,
		    uint32_t color)
{
	if (HPDF_Page_GetCurrentFont(page) != font || HPDF_Page_GetCurrentFontSize(page) != size)
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
	HPDF_TextRenderingMode mode = bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL;
	if (HPDF_Page_GetTextRenderingMode(page) != mode)
		HPDF_Page_SetTextRenderingMode(page, mode);
	if (bold) {
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(size / 30.0));
		sg_pdf_rgb_stroke(page, color);
	}
	sg_pdf_rgb_fill(page, color);
	if (fabs(HPDF_Page_GetCharSpace(page) - tc) > 1e-4)
		HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
}

/* The end of the chunk of line ln that starts at item i: the items shown by
 * one text operator, at a text matrix of their own. A chunk is items alike
 * by S_same, each drawn where the one before it ends (sg_item.x): the
 * layout's justification, autospace and punctuation compression start a
 * new chunk. */
static size_t S_chunk_end(const sg_ltext *t, const sg_line *ln, size_t i)
{
	const sg_item *it = t->lines.items;
	size_t j = i + 1;
	while (j < ln->end && S_same(t, &it[i], &it[j]) &&
	       fabs(it[j - 1].x + it[j - 1].advance - it[j].x) < 1e-4)
		j++;
	return j;
}

/* A line being drawn: where it starts, its direction, and the x of each of
 * its items along it (xs[n]: its end). */
typedef struct S_line {
	HPDF_Page page;
	const sg_ltext *t;
	const sg_line *ln;
	const sg_item *items; /* the line's first item */
	size_t n;
	double *xs;
	double x0, y0, ca, sa;
} S_line;

/* The backgrounds of inline code, under the text (level lines only). */
static void S_code_backgrounds(const S_line *sl)
{
	const sg_ltext *t = sl->t;
	for (size_t k = 0; k < sl->n; k++) {
		const sg_item *i = &sl->items[k];
		if (!(t->attrs[i->run].deco & SG_DECO_CODE))
			continue;
		size_t j = k;
		while (j + 1 < sl->n && (t->attrs[sl->items[j + 1].run].deco & SG_DECO_CODE))
			j++;
		double size = t->para.runs[i->run].size;
		sg_pdf_rgb_fill(sl->page, S_CODE_BG);
		HPDF_Page_Rectangle(sl->page, (HPDF_REAL)(sl->x0 + sl->xs[k] - 1.5),
				    (HPDF_REAL)(sl->y0 - size * 0.3),
				    (HPDF_REAL)(sl->xs[j + 1] - sl->xs[k] + 3), (HPDF_REAL)(size * 1.25));
		HPDF_Page_Fill(sl->page);
		k = j;
	}
}

/* The glyphs, chunk by chunk. */
static void S_show_text(const S_line *sl, const sg_pdf_fonts *pf)
{
	const sg_ltext *t = sl->t;
	const sg_line *ln = sl->ln;
	const sg_item *it = t->lines.items;
	sg_buf text;
	sg_buf_init(&text);
	HPDF_Page_BeginText(sl->page);
	for (size_t i = ln->first, j; i < ln->end; i = j) {
		j = S_chunk_end(t, ln, i);
		const sg_fontset *fs = S_fs(t, &it[i]);
		sg_buf_clear(&text);
		for (size_t k = i; k < j; k++)
			if (S_drawn(&it[k]))
				sg_pdf_fonts_put(pf, fs, it[i].slot, t->lines.text.data + it[k].off,
						 it[k].len, &text);
		HPDF_Font font = sg_pdf_fonts_get_in(pf, fs, it[i].slot);
		if (text.len == 0 || !font)
			continue;
		const sg_font_slot *slot = sg_fontset_slot(fs, it[i].slot);
		const sg_text_run *r = &t->para.runs[it[i].run];
		S_state(sl->page, font, r->size, slot->synthetic_bold, 0, t->attrs[it[i].run].color);
		double s = slot->synthetic_slant ? SG_PDF_SLANT : 0;
		double dx = sl->xs[i - ln->first], ca = sl->ca, sa = sl->sa;
		HPDF_Page_SetTextMatrix(sl->page, (HPDF_REAL)ca, (HPDF_REAL)sa, (HPDF_REAL)(s * ca - sa),
					(HPDF_REAL)(s * sa + ca), (HPDF_REAL)(sl->x0 + dx * ca),
					(HPDF_REAL)(sl->y0 + dx * sa));
		HPDF_Page_ShowText(sl->page, text.data);
	}
	HPDF_Page_EndText(sl->page);
	sg_buf_dispose(&text);
}

/* Strikethrough and underline, over the text (level lines only). */
static void S_decorations(const S_line *sl)
{
	const sg_ltext *t = sl->t;
	for (size_t k = 0; k < sl->n; k++) {
		const sg_item *ik = &sl->items[k];
		uint8_t dk = t->attrs[ik->run].deco & (SG_DECO_STRIKE | SG_DECO_UNDERLINE);
		if (!dk)
			continue;
		size_t j = k;
		while (j + 1 < sl->n && (t->attrs[sl->items[j + 1].run].deco & dk) == dk)
			j++;
		double size = t->para.runs[ik->run].size;
		double yy = dk & SG_DECO_STRIKE ? sl->y0 + size * 0.3 : sl->y0 - size * 0.12;
		sg_pdf_rgb_stroke(sl->page, t->attrs[ik->run].color);
		HPDF_Page_SetLineWidth(sl->page, (HPDF_REAL)(size / 16));
		HPDF_Page_MoveTo(sl->page, (HPDF_REAL)(sl->x0 + sl->xs[k]), (HPDF_REAL)yy);
		HPDF_Page_LineTo(sl->page, (HPDF_REAL)(sl->x0 + sl->xs[j + 1]), (HPDF_REAL)yy);
		HPDF_Page_Stroke(sl->page);
		k = j;
	}
}

void sg_pdf_paint_line(HPDF_Page page, const sg_pdf_fonts *pf, const sg_ltext *t, size_t li,
		       double x0, double y0, double angle)
{
	const sg_line *ln = &t->lines.lines[li];
	S_line sl = {page, t, ln, t->lines.items + ln->first, ln->end - ln->first, NULL,
		    x0, y0, cos(angle), sin(angle)};
	if (sl.n == 0)
		return;
	sl.xs = sg_xmalloc((sl.n + 1) * sizeof *sl.xs);
	for (size_t k = 0; k < sl.n; k++)
		sl.xs[k] = sl.items[k].x;
	sl.xs[sl.n] = sl.items[sl.n - 1].x + sl.items[sl.n - 1].advance;
	if (angle == 0)
		S_code_backgrounds(&sl);
	S_show_text(&sl, pf);
	if (angle == 0)
		S_decorations(&sl);
	free(sl.xs);
}

/* Marks in sg_pdf_painter.images an image that could not be loaded, so
 * that it is tried (and reported) once. */
static char S_failed;

static HPDF_Image S_image(sg_pdf_painter *p, const sg_layout *l, int index)
{
	if (index < 0 || (size_t)index >= l->nimages)
		return NULL;
	if (p->nimages < l->nimages) {
		p->images = sg_xrealloc(p->images, l->nimages * sizeof *p->images);
		memset(p->images + p->nimages, 0, (l->nimages - p->nimages) * sizeof *p->images);
		p->nimages = l->nimages;
	}
	/* A file shown many times is one image of the layout (sg_layout_image),
	 * so it is decoded, and embedded, once. */
	if (!p->images[index]) {
		p->images[index] = sg_pdf_image_load(p->doc, &l->images[index], p->d);
		if (!p->images[index]) {
			p->images[index] = (HPDF_Image)(void *)&S_failed;
			p->errors++;
		}
	}
	return p->images[index] == (HPDF_Image)(void *)&S_failed ? NULL : p->images[index];
}

/* A rule (a line from the box's top left to its bottom right) or a frame
 * (the box's outline), solid or dotted. H: the page height. */
static void S_paint_stroke(HPDF_Page page, const sg_box *b, double H)
{
	sg_pdf_rgb_stroke(page, b->color);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(b->stroke > 0 ? b->stroke : 0.5));
	if (b->dotted) {
		static const HPDF_UINT16 dots[2] = {1, 3};
		HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
		HPDF_Page_SetDash(page, dots, 2, 0);
	}
	if (b->kind == SG_BOX_RULE) {
		HPDF_Page_MoveTo(page, (HPDF_REAL)b->x, (HPDF_REAL)(H - b->y));
		HPDF_Page_LineTo(page, (HPDF_REAL)(b->x + b->w), (HPDF_REAL)(H - b->y - b->h));
	} else {
		HPDF_Page_Rectangle(page, (HPDF_REAL)b->x, (HPDF_REAL)(H - b->y - b->h),
				    (HPDF_REAL)b->w, (HPDF_REAL)b->h);
	}
	HPDF_Page_Stroke(page);
	if (b->dotted) {
		HPDF_Page_SetDash(page, NULL, 0, 0);
		HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
	}
}

/* A checkbox: a square, with a tick when checked. */
static void S_paint_check(HPDF_Page page, const sg_box *b, double H)
{
	double x = b->x, y = H - b->y - b->h, s = b->w;
	sg_pdf_rgb_stroke(page, b->color);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(b->stroke > 0 ? b->stroke : 0.6));
	HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)s, (HPDF_REAL)s);
	HPDF_Page_Stroke(page);
	if (!b->checked)
		return;
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s / 7));
	HPDF_Page_MoveTo(page, (HPDF_REAL)(x + s * 0.2), (HPDF_REAL)(y + s * 0.5));
	HPDF_Page_LineTo(page, (HPDF_REAL)(x + s * 0.42), (HPDF_REAL)(y + s * 0.22));
	HPDF_Page_LineTo(page, (HPDF_REAL)(x + s * 0.82), (HPDF_REAL)(y + s * 0.8));
	HPDF_Page_Stroke(page);
}

/* A polyline through the box's points (relative to its top left). */
static void S_paint_path(HPDF_Page page, const sg_box *b, double H)
{
	if (b->npts < 2)
		return;
	sg_pdf_rgb_stroke(page, b->color);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(b->stroke > 0 ? b->stroke : 1));
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	for (size_t k = 0; k < b->npts; k++) {
		HPDF_REAL px = (HPDF_REAL)(b->x + b->pts[2 * k]);
		HPDF_REAL py = (HPDF_REAL)(H - b->y - b->pts[2 * k + 1]);
		if (k == 0)
			HPDF_Page_MoveTo(page, px, py);
		else
			HPDF_Page_LineTo(page, px, py);
	}
	HPDF_Page_Stroke(page);
	HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);
}

void sg_pdf_paint_page(sg_pdf_painter *p, HPDF_Page page, const sg_layout *l, size_t pi)
{
	const sg_lpage *pg = &l->pages[pi];
	double H = p->page_h;
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t i = 0; i < pg->n; i++) {
		const sg_box *b = &pg->boxes[i];
		switch (b->kind) {
		case SG_BOX_TEXT:
			sg_pdf_paint_line(page, p->pf, sg_ltext_open(b->text, &sc), b->line, b->x,
					  H - b->baseline, 0);
			break;
		case SG_BOX_FILL:
			sg_pdf_rgb_fill(page, b->color);
			HPDF_Page_Rectangle(page, (HPDF_REAL)b->x, (HPDF_REAL)(H - b->y - b->h),
					    (HPDF_REAL)b->w, (HPDF_REAL)b->h);
			HPDF_Page_Fill(page);
			break;
		case SG_BOX_RULE:
		case SG_BOX_FRAME: S_paint_stroke(page, b, H); break;
		case SG_BOX_IMAGE: {
			HPDF_Image im = S_image(p, l, b->index);
			if (im)
				HPDF_Page_DrawImage(page, im, (HPDF_REAL)b->x,
						    (HPDF_REAL)(H - b->y - b->h), (HPDF_REAL)b->w,
						    (HPDF_REAL)b->h);
			break;
		}
		case SG_BOX_CHECK: S_paint_check(page, b, H); break;
		case SG_BOX_PATH: S_paint_path(page, b, H); break;
		case SG_BOX_LINK:
		case SG_BOX_ANCHOR:
			break; /* annotations and destinations: pdf_doc.c */
		}
	}
	sg_ltext_scratch_dispose(&sc);
}

void sg_pdf_use_layout(sg_pdf_fonts *pf, const sg_layout *l)
{
	for (size_t i = 0; i < l->ntexts; i++) {
		const sg_ltext *t = l->texts[i];
		if (t->released)
			continue; /* noted in l->glyphs */
		const sg_lines *ls = &t->lines;
		for (size_t k = 0; k < ls->nlines; k++) {
			const sg_line *ln = &ls->lines[k];
			for (size_t j = ln->first; j < ln->end; j++) {
				const sg_item *it = &ls->items[j];
				if (S_drawn(it))
					sg_pdf_fonts_use_in(pf, S_fs(t, it), it->slot, it->cp);
			}
		}
	}
	for (size_t i = 0; i < l->nglyphs; i++) {
		const sg_lglyphs *g = l->glyphs[i];
		for (uint32_t w = 0; w < 0x10000 / 64; w++)
			for (uint64_t bits = g->bits[w]; bits; bits &= bits - 1)
				sg_pdf_fonts_use_in(pf, g->fs, g->slot,
						    w * 64 + (uint32_t)__builtin_ctzll(bits));
	}
}
