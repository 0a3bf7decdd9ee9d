/*
 * pdf_content.c - content stream operators (see pdf_content.h).
 */
#include "render/pdf/pdf_content.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

static const sg_pdf_tstate S_initial = {0, 0, 0, 0, 100, 0};

void sg_pdf_content_init(sg_pdf_content *c)
{
	memset(c, 0, sizeof *c);
	sg_buf_init(&c->ops);
	c->ts[0] = S_initial;
}

void sg_pdf_content_dispose(sg_pdf_content *c)
{
	sg_buf_dispose(&c->ops);
	free(c->res);
	memset(c, 0, sizeof *c);
}

void sg_pdf_content_reset(sg_pdf_content *c)
{
	sg_buf_clear(&c->ops);
	c->nres = 0;
	c->depth = 0;
	c->ts[0] = S_initial;
}

void sg_pdf_content_page(const sg_pdf_content *c, sg_pdf_page *p)
{
	p->ops = c->ops.data;
	p->len = c->ops.len;
	p->res = c->res;
	p->nres = c->nres;
}

static void S_res(sg_pdf_content *c, sg_pdf_res_kind kind, uint32_t obj)
{
	for (size_t i = 0; i < c->nres; i++)
		if (c->res[i].kind == kind && c->res[i].obj == obj)
			return;
	if (c->nres == c->rescap) {
		c->rescap = c->rescap ? 2 * c->rescap : 8;
		c->res = sg_xrealloc(c->res, c->rescap * sizeof *c->res);
	}
	c->res[c->nres++] = (sg_pdf_res){kind, obj};
}

/* Numbers, each followed by a space. */
static void S_nums(sg_pdf_content *c, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sg_pdf_put_num(&c->ops, v[i]);
		sg_buf_putc(&c->ops, ' ');
	}
}

static void S_op(sg_pdf_content *c, const char *op)
{
	sg_buf_puts(&c->ops, op);
	sg_buf_putc(&c->ops, '\n');
}

/* The tracked state, or NULL past the tracked depth (nothing left out). */
static sg_pdf_tstate *S_ts(sg_pdf_content *c)
{
	return c->depth <= SG_PDF_CONTENT_DEPTH ? &c->ts[c->depth] : NULL;
}

/* ---- graphics state ---------------------------------------------------- */

void sg_pdf_content_save(sg_pdf_content *c)
{
	if (c->depth < SG_PDF_CONTENT_DEPTH)
		c->ts[c->depth + 1] = c->ts[c->depth];
	c->depth++;
	S_op(c, "q");
}

void sg_pdf_content_restore(sg_pdf_content *c)
{
	if (c->depth == 0)
		return;
	c->depth--;
	S_op(c, "Q");
}

void sg_pdf_content_transform(sg_pdf_content *c, double a, double b, double cc, double d,
			      double e, double f)
{
	double v[6] = {a, b, cc, d, e, f};
	S_nums(c, v, 6);
	S_op(c, "cm");
}

void sg_pdf_content_line_width(sg_pdf_content *c, double w)
{
	S_nums(c, &w, 1);
	S_op(c, "w");
}

void sg_pdf_content_line_cap(sg_pdf_content *c, int cap)
{
	sg_buf_printf(&c->ops, "%d J\n", cap < 0 || cap > 2 ? 0 : cap);
}

void sg_pdf_content_line_join(sg_pdf_content *c, int join)
{
	sg_buf_printf(&c->ops, "%d j\n", join < 0 || join > 2 ? 0 : join);
}

void sg_pdf_content_dash(sg_pdf_content *c, const double *dash, size_t n, double phase)
{
	sg_buf_putc(&c->ops, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sg_buf_putc(&c->ops, ' ');
		sg_pdf_put_num(&c->ops, dash[i]);
	}
	sg_buf_puts(&c->ops, "] ");
	S_nums(c, &phase, 1);
	S_op(c, "d");
}

static double S_unit(double v)
{
	return isnan(v) ? 0 : fmin(fmax(v, 0), 1);
}

static void S_rgb(sg_pdf_content *c, double r, double g, double b, const char *op)
{
	double v[3] = {S_unit(r), S_unit(g), S_unit(b)};
	S_nums(c, v, 3);
	S_op(c, op);
}

void sg_pdf_content_fill_rgb(sg_pdf_content *c, double r, double g, double b)
{
	S_rgb(c, r, g, b, "rg");
}

void sg_pdf_content_stroke_rgb(sg_pdf_content *c, double r, double g, double b)
{
	S_rgb(c, r, g, b, "RG");
}

void sg_pdf_content_fill_gray(sg_pdf_content *c, double g)
{
	g = S_unit(g);
	S_nums(c, &g, 1);
	S_op(c, "g");
}

void sg_pdf_content_stroke_gray(sg_pdf_content *c, double g)
{
	g = S_unit(g);
	S_nums(c, &g, 1);
	S_op(c, "G");
}

void sg_pdf_content_fill_color(sg_pdf_content *c, uint32_t rgb)
{
	S_rgb(c, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0, "rg");
}

void sg_pdf_content_stroke_color(sg_pdf_content *c, uint32_t rgb)
{
	S_rgb(c, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0, "RG");
}

void sg_pdf_content_gstate(sg_pdf_content *c, uint32_t obj)
{
	S_res(c, SG_PDF_RES_EXTGSTATE, obj);
	sg_pdf_res_name(&c->ops, SG_PDF_RES_EXTGSTATE, obj);
	S_op(c, " gs");
}

/* ---- paths -------------------------------------------------------------- */

void sg_pdf_content_move_to(sg_pdf_content *c, double x, double y)
{
	double v[2] = {x, y};
	S_nums(c, v, 2);
	S_op(c, "m");
}

void sg_pdf_content_line_to(sg_pdf_content *c, double x, double y)
{
	double v[2] = {x, y};
	S_nums(c, v, 2);
	S_op(c, "l");
}

void sg_pdf_content_curve_to(sg_pdf_content *c, double x1, double y1, double x2, double y2,
			     double x3, double y3)
{
	double v[6] = {x1, y1, x2, y2, x3, y3};
	S_nums(c, v, 6);
	S_op(c, "c");
}

void sg_pdf_content_close(sg_pdf_content *c)
{
	S_op(c, "h");
}

void sg_pdf_content_rect(sg_pdf_content *c, double x, double y, double w, double h)
{
	double v[4] = {x, y, w, h};
	S_nums(c, v, 4);
	S_op(c, "re");
}

void sg_pdf_content_stroke(sg_pdf_content *c)
{
	S_op(c, "S");
}

void sg_pdf_content_fill(sg_pdf_content *c)
{
	S_op(c, "f");
}

void sg_pdf_content_fill_stroke(sg_pdf_content *c)
{
	S_op(c, "B");
}

void sg_pdf_content_end_path(sg_pdf_content *c)
{
	S_op(c, "n");
}

void sg_pdf_content_clip(sg_pdf_content *c)
{
	S_op(c, "W n");
}

/* ---- text ----------------------------------------------------------------- */

void sg_pdf_content_begin_text(sg_pdf_content *c)
{
	S_op(c, "BT");
}

void sg_pdf_content_end_text(sg_pdf_content *c)
{
	S_op(c, "ET");
}

void sg_pdf_content_font(sg_pdf_content *c, uint32_t font, double size)
{
	sg_pdf_tstate *t = S_ts(c);
	S_res(c, SG_PDF_RES_FONT, font);
	if (t && t->font == font && t->size == size)
		return;
	if (t) {
		t->font = font;
		t->size = size;
	}
	sg_pdf_res_name(&c->ops, SG_PDF_RES_FONT, font);
	sg_buf_putc(&c->ops, ' ');
	S_nums(c, &size, 1);
	S_op(c, "Tf");
}

/* Sets a tracked number and writes it with op, unless it is set already
 * (compared as printed). */
static void S_tracked(sg_pdf_content *c, double *slot, double v, const char *op)
{
	if (slot && fabs(*slot - v) < 5e-5)
		return;
	if (slot)
		*slot = v;
	S_nums(c, &v, 1);
	S_op(c, op);
}

void sg_pdf_content_char_space(sg_pdf_content *c, double tc)
{
	sg_pdf_tstate *t = S_ts(c);
	S_tracked(c, t ? &t->tc : NULL, tc, "Tc");
}

void sg_pdf_content_word_space(sg_pdf_content *c, double tw)
{
	sg_pdf_tstate *t = S_ts(c);
	S_tracked(c, t ? &t->tw : NULL, tw, "Tw");
}

void sg_pdf_content_hscale(sg_pdf_content *c, double percent)
{
	sg_pdf_tstate *t = S_ts(c);
	S_tracked(c, t ? &t->tz : NULL, percent, "Tz");
}

void sg_pdf_content_render_mode(sg_pdf_content *c, int mode)
{
	if (mode < 0 || mode > 7)
		mode = 0;
	sg_pdf_tstate *t = S_ts(c);
	if (t && t->tr == mode)
		return;
	if (t)
		t->tr = mode;
	sg_buf_printf(&c->ops, "%d Tr\n", mode);
}

void sg_pdf_content_text_matrix(sg_pdf_content *c, double a, double b, double cc, double d,
				double e, double f)
{
	double v[6] = {a, b, cc, d, e, f};
	S_nums(c, v, 6);
	S_op(c, "Tm");
}

void sg_pdf_content_text_move(sg_pdf_content *c, double tx, double ty)
{
	double v[2] = {tx, ty};
	S_nums(c, v, 2);
	S_op(c, "Td");
}

static void S_codes(sg_pdf_content *c, const uint16_t *codes, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	sg_buf_grow(&c->ops, 4 * n + 2);
	char *p = c->ops.data + c->ops.len;
	*p++ = '<';
	for (size_t i = 0; i < n; i++) {
		*p++ = hex[codes[i] >> 12];
		*p++ = hex[codes[i] >> 8 & 15];
		*p++ = hex[codes[i] >> 4 & 15];
		*p++ = hex[codes[i] & 15];
	}
	*p++ = '>';
	c->ops.len = (size_t)(p - c->ops.data);
	c->ops.data[c->ops.len] = '\0';
}

void sg_pdf_content_show(sg_pdf_content *c, const uint16_t *codes, size_t n)
{
	if (n == 0)
		return;
	S_codes(c, codes, n);
	S_op(c, " Tj");
}

void sg_pdf_content_show_adjusted(sg_pdf_content *c, const uint16_t *codes, const double *adjust,
				  size_t n)
{
	if (n == 0)
		return;
	sg_buf_putc(&c->ops, '[');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		/* Adjustments print with 2 decimals: a hundredth of a thousandth
		 * of an em is far below any device's resolution. */
		bool cut = adjust && i + 1 < n && fabs(adjust[i]) >= 0.005;
		if (!cut && i + 1 < n)
			continue;
		S_codes(c, codes + start, i + 1 - start);
		if (cut)
			sg_pdf_put_numd(&c->ops, adjust[i], 2);
		start = i + 1;
	}
	S_op(c, "] TJ");
}

/* ---- objects -------------------------------------------------------------- */

void sg_pdf_content_xobject(sg_pdf_content *c, uint32_t obj)
{
	S_res(c, SG_PDF_RES_XOBJECT, obj);
	sg_pdf_res_name(&c->ops, SG_PDF_RES_XOBJECT, obj);
	S_op(c, " Do");
}

void sg_pdf_content_image(sg_pdf_content *c, uint32_t obj, double x, double y, double w,
			  double h)
{
	sg_pdf_content_save(c);
	sg_pdf_content_transform(c, w, 0, 0, h, x, y);
	sg_pdf_content_xobject(c, obj);
	sg_pdf_content_restore(c);
}

/* ---- marked content -------------------------------------------------------- */

void sg_pdf_content_tag(sg_pdf_content *c, const char *tag, int mcid)
{
	sg_pdf_put_name(&c->ops, tag && *tag ? tag : "Span");
	sg_buf_puts(&c->ops, " <</MCID ");
	sg_pdf_put_int(&c->ops, mcid);
	sg_buf_puts(&c->ops, ">> BDC\n");
}

void sg_pdf_content_artifact(sg_pdf_content *c, const char *type)
{
	if (!type || !*type) {
		S_op(c, "/Artifact BMC");
		return;
	}
	sg_buf_puts(&c->ops, "/Artifact <</Type ");
	sg_pdf_put_name(&c->ops, type);
	S_op(c, ">> BDC");
}

void sg_pdf_content_artifact_sub(sg_pdf_content *c, const char *type, const char *subtype)
{
	if (!subtype || !*subtype) {
		sg_pdf_content_artifact(c, type);
		return;
	}
	sg_buf_puts(&c->ops, "/Artifact <</Type ");
	sg_pdf_put_name(&c->ops, type && *type ? type : "Pagination");
	sg_buf_puts(&c->ops, " /Subtype ");
	sg_pdf_put_name(&c->ops, subtype);
	S_op(c, ">> BDC");
}

void sg_pdf_content_end_marked(sg_pdf_content *c)
{
	S_op(c, "EMC");
}

void sg_pdf_content_actual_text(sg_pdf_content *c, const char *utf8)
{
	sg_buf_puts(&c->ops, "/Span <</ActualText ");
	sg_pdf_put_text(&c->ops, utf8 ? utf8 : "");
	S_op(c, ">> BDC");
}
