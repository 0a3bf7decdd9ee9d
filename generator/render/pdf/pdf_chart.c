#include "render/pdf/pdf_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "layout/style.h"

typedef struct S_series {
	char *name;
	double *v;
	uint32_t color;
} S_series;

struct sg_pdf_chart {
	sg_pdf_chart_kind kind;
	char *title, *unit;
	char **cats;
	size_t ncats;
	S_series *series;
	size_t nseries;
	double height;
};

static const uint32_t S_palette[] = {0x1F3A5F, 0xE07B39, 0x3C8D6E, 0x9B59B6, 0xC0392B, 0x7F8C8D};

sg_pdf_chart *sg_pdf_chart_new(sg_pdf_chart_kind kind, const char *title)
{
	sg_pdf_chart *c = sg_xcalloc(1, sizeof *c);
	c->kind = kind;
	c->title = title ? sg_xstrdup(title) : NULL;
	c->height = 200;
	return c;
}

void sg_pdf_chart_free(sg_pdf_chart *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ncats; i++)
		free(c->cats[i]);
	for (size_t i = 0; i < c->nseries; i++) {
		free(c->series[i].name);
		free(c->series[i].v);
	}
	free(c->cats);
	free(c->series);
	free(c->title);
	free(c->unit);
	free(c);
}

void sg_pdf_chart_categories(sg_pdf_chart *c, const char *const *labels, size_t n)
{
	for (size_t i = 0; i < c->ncats; i++)
		free(c->cats[i]);
	free(c->cats);
	c->cats = sg_xcalloc(n ? n : 1, sizeof *c->cats);
	for (size_t i = 0; i < n; i++)
		c->cats[i] = sg_xstrdup(labels[i]);
	c->ncats = n;
}

void sg_pdf_chart_add_series(sg_pdf_chart *c, const char *name, const double *values, size_t n,
			     uint32_t color)
{
	c->series = sg_xrealloc(c->series, (c->nseries + 1) * sizeof *c->series);
	S_series *s = &c->series[c->nseries];
	s->name = sg_xstrdup(name ? name : "");
	s->v = sg_xcalloc(c->ncats ? c->ncats : 1, sizeof *s->v);
	for (size_t i = 0; i < n && i < c->ncats; i++)
		s->v[i] = isfinite(values[i]) ? values[i] : 0;
	s->color = color ? color : S_palette[c->nseries % (sizeof S_palette / sizeof *S_palette)];
	c->nseries++;
}

void sg_pdf_chart_unit(sg_pdf_chart *c, const char *unit)
{
	free(c->unit);
	c->unit = unit ? sg_xstrdup(unit) : NULL;
}

void sg_pdf_chart_height(sg_pdf_chart *c, double h)
{
	if (h > 60)
		c->height = h;
}

/* A step of 1, 2 or 5 times a power of ten giving about n ticks. */
static double S_nice_step(double range, int n)
{
	double raw = range / n;
	double p = pow(10, floor(log10(raw)));
	double f = raw / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

static void S_format(char *out, size_t n, double v, double step)
{
	if (step >= 1 || v == 0)
		snprintf(out, n, "%.0f", v);
	else if (step >= 0.1)
		snprintf(out, n, "%.1f", v);
	else
		snprintf(out, n, "%.2f", v);
}

/* The size of the chart's small text: legend, ticks, categories. */
#define S_SMALL 8.5

/* Where a chart's values go: the value axis from lo to hi in steps of step,
 * the plot area (relative to the block), and the width of one category. */
typedef struct S_plot {
	double lo, hi, step;
	double px, pw, ptop, pbot, ph;
	double slot;
} S_plot;

/* The title, then the legend on one line under it; returns the y under
 * them. */
static double S_legend(const sg_pdf_chart *c, sg_layout_ctx *ctx, uint32_t ink)
{
	double y = 0;
	if (c->title) {
		sg_layout_ctx_text(ctx, c->title, 10.5, true, ink, 'l', 0, 11);
		y = 20;
	}
	double lx = 0;
	for (size_t i = 0; i < c->nseries; i++) {
		sg_box *sw = sg_layout_ctx_box(ctx, SG_BOX_FILL, lx, y + 2, 9, 7);
		sw->color = c->series[i].color;
		lx += 13 + sg_layout_ctx_text(ctx, c->series[i].name, S_SMALL, false, ink, 'l',
					      lx + 13, y + 9) + 14;
	}
	return y + 18;
}

/* The value axis: zero and every value inside, at nice steps. */
static void S_range(const sg_pdf_chart *c, S_plot *p)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < c->nseries; i++)
		for (size_t k = 0; k < c->ncats; k++) {
			lo = fmin(lo, c->series[i].v[k]);
			hi = fmax(hi, c->series[i].v[k]);
		}
	if (hi - lo <= 0)
		hi = lo + 1;
	p->step = S_nice_step(hi - lo, 5);
	p->lo = floor(lo / p->step) * p->step;
	p->hi = ceil(hi / p->step) * p->step;
}

/* The grid lines with their tick labels, the unit, the category labels. */
static void S_axes(const sg_pdf_chart *c, sg_layout_ctx *ctx, const S_plot *p, uint32_t ink,
		   const sg_style *st)
{
	char lab[64];
	for (double v = p->lo; v <= p->hi + p->step / 2; v += p->step) {
		double yy = p->pbot - (v - p->lo) / (p->hi - p->lo) * p->ph;
		sg_box *g = sg_layout_ctx_box(ctx, SG_BOX_RULE, p->px, yy, p->pw, 0);
		g->color = v == 0 ? st->muted : st->rule;
		g->stroke = v == 0 ? 0.8 : 0.3;
		S_format(lab, sizeof lab, v, p->step);
		sg_layout_ctx_text(ctx, lab, S_SMALL, false, st->muted, 'r', p->px - 5,
				   yy + S_SMALL * 0.35);
	}
	if (c->unit)
		sg_layout_ctx_text(ctx, c->unit, S_SMALL, false, st->muted, 'l', p->px, p->ptop - 4);
	for (size_t k = 0; k < c->ncats; k++) {
		sg_layout_ctx_text(ctx, c->cats[k], S_SMALL, false, ink, 'c',
				   p->px + p->slot * (k + 0.5), p->pbot + 13);
	}
}

/* A group of bars per category, one bar per series, from zero. */
static void S_bars(const sg_pdf_chart *c, sg_layout_ctx *ctx, const S_plot *p)
{
	double zero = p->pbot - (fmax(p->lo, fmin(0, p->hi)) - p->lo) / (p->hi - p->lo) * p->ph;
	double group = p->slot * 0.7, bw = group / (double)(c->nseries ? c->nseries : 1);
	for (size_t i = 0; i < c->nseries; i++)
		for (size_t k = 0; k < c->ncats; k++) {
			double v = c->series[i].v[k];
			double yy = p->pbot - (v - p->lo) / (p->hi - p->lo) * p->ph;
			double x = p->px + p->slot * k + (p->slot - group) / 2 + bw * i;
			sg_box *b = sg_layout_ctx_box(ctx, SG_BOX_FILL, x + 0.5, fmin(yy, zero), bw - 1,
						      fabs(zero - yy));
			b->color = c->series[i].color;
		}
}

/* A polyline per series, with a marker at each point. */
static void S_lines(const sg_pdf_chart *c, sg_layout_ctx *ctx, const S_plot *p)
{
	sg_layout *l = sg_layout_ctx_layout(ctx);
	for (size_t i = 0; i < c->nseries; i++) {
		double *pts = sg_arena_alloc(&l->arena, 2 * c->ncats * sizeof *pts);
		for (size_t k = 0; k < c->ncats; k++) {
			pts[2 * k] = p->slot * (k + 0.5);
			pts[2 * k + 1] = (p->hi - c->series[i].v[k]) / (p->hi - p->lo) * p->ph;
			sg_box *m = sg_layout_ctx_box(ctx, SG_BOX_FILL, p->px + pts[2 * k] - 2,
						      p->ptop + pts[2 * k + 1] - 2, 4, 4);
			m->color = c->series[i].color;
		}
		sg_box *b = sg_layout_ctx_box(ctx, SG_BOX_PATH, p->px, p->ptop, p->pw, p->ph);
		b->pts = pts;
		b->npts = c->ncats;
		b->color = c->series[i].color;
		b->stroke = 1.6;
	}
}

/* A value as the chart's data has it: at most two decimals, no trailing
 * zeros ("1200", "0.85"). */
static void S_put_value(sg_buf *b, double v)
{
	char num[64];
	snprintf(num, sizeof num, "%.2f", fabs(v) < 0.005 ? 0 : v); /* never "-0" */
	size_t n = strlen(num);
	while (num[n - 1] == '0')
		n--;
	if (num[n - 1] == '.')
		n--;
	sg_buf_put(b, num, n);
}

/* The chart's alternate text, what a reader hears for it: its kind and
 * title, then each series with its value per category, in the document's
 * language: "柱状图：五年成本。方案 A：2026 年 12 万元，2027 年 …；…。" */
static void S_alt(const sg_pdf_chart *c, bool zh, sg_buf *b)
{
	bool bar = c->kind == SG_PDF_CHART_BAR;
	sg_buf_puts(b, zh ? (bar ? "柱状图" : "折线图") : (bar ? "Bar chart" : "Line chart"));
	if (c->title && *c->title)
		sg_buf_printf(b, zh ? "：%s" : ": %s", c->title);
	sg_buf_puts(b, zh ? "。" : ".");
	for (size_t i = 0; i < c->nseries; i++) {
		if (i > 0)
			sg_buf_puts(b, zh ? "；" : "; ");
		else if (!zh)
			sg_buf_putc(b, ' ');
		if (*c->series[i].name)
			sg_buf_printf(b, zh ? "%s：" : "%s: ", c->series[i].name);
		for (size_t k = 0; k < c->ncats; k++) {
			if (k > 0)
				sg_buf_puts(b, zh ? "，" : ", ");
			sg_buf_printf(b, "%s ", c->cats[k]);
			S_put_value(b, c->series[i].v[k]);
			if (c->unit && *c->unit)
				sg_buf_printf(b, zh ? "%s" : " %s", c->unit);
		}
	}
	if (c->nseries > 0)
		sg_buf_puts(b, zh ? "。" : ".");
}

/* Lays the chart (arg) out in a block width wide; returns its height. */
static double S_add(void *arg, sg_layout_ctx *ctx, double width, double max_height)
{
	const sg_pdf_chart *c = arg;
	const sg_style *st = sg_layout_ctx_opts(ctx)->style;
	double H = fmin(c->height, max_height);
	uint32_t ink = st->body.color;
	sg_buf alt;
	sg_buf_init(&alt);
	S_alt(c, sg_style_lang_is_zh(sg_layout_ctx_opts(ctx)->lang), &alt);
	sg_layout_node_alt(sg_layout_ctx_layout(ctx), sg_layout_ctx_node(ctx), alt.data);
	sg_buf_dispose(&alt);
	S_plot p;
	p.ptop = S_legend(c, ctx, ink);
	S_range(c, &p);
	/* The plot area: room for tick labels on the left and under it. */
	char lab[64];
	double labw = 0;
	for (double v = p.lo; v <= p.hi + p.step / 2; v += p.step) {
		S_format(lab, sizeof lab, v, p.step);
		labw = fmax(labw, strlen(lab) * S_SMALL * 0.6);
	}
	p.px = labw + 8;
	p.pw = width - p.px;
	p.pbot = H - 18;
	p.ph = p.pbot - p.ptop;
	if (p.ph < 20 || p.pw < 40 || c->ncats == 0)
		return H;
	p.slot = p.pw / (double)c->ncats;
	S_axes(c, ctx, &p, ink, st);
	if (c->kind == SG_PDF_CHART_BAR)
		S_bars(c, ctx, &p);
	else
		S_lines(c, ctx, &p);
	return H;
}

sg_gen_block sg_pdf_chart_block(const sg_pdf_chart *c, const char *name)
{
	sg_gen_block b = {name, S_add, (void *)c};
	return b;
}

double sg_pdf_chart_layout(void *arg, sg_layout_ctx *ctx, const sg_mdchart *chart,
			   double width, double max_height)
{
	(void)arg;
	sg_pdf_chart *c = sg_pdf_chart_new(
		chart->kind == SG_MDCHART_LINE ? SG_PDF_CHART_LINE : SG_PDF_CHART_BAR, chart->title);
	if (chart->height > 0)
		sg_pdf_chart_height(c, chart->height);
	if (chart->unit)
		sg_pdf_chart_unit(c, chart->unit);
	sg_pdf_chart_categories(c, chart->categories, chart->ncategories);
	for (size_t i = 0; i < chart->nseries; i++)
		sg_pdf_chart_add_series(c, chart->series[i].name, chart->series[i].values,
					chart->ncategories, chart->series[i].color);
	/* Its boxes hold copies (texts, the polylines' points in the
	 * layout's arena): the chart goes at once. */
	double h = S_add(c, ctx, width, max_height);
	sg_pdf_chart_free(c);
	return h;
}
