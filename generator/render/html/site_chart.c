/*
 * site_chart.c - inline SVG line charts of cumulative cost.
 *
 * Drawn in integer coordinates from integer fen, so the same figures give
 * the same bytes everywhere. The SVG carries its own colours and dash
 * patterns (the lines differ in pattern too, not only in colour; the
 * theme's legend repeats them as .swatch-s1..s3), and
 * role="img" with <title> and <desc> so a screen reader reads the numbers.
 */
#include <string.h>

#include "cost/cost.h"
#include "cost/money.h"
#include "render/html/site_int.h"
#include "document/mustache.h"

/* The chart's box in SVG units, and the margins around the plot. */
#define WIDTH 560
#define HEIGHT 300
#define LEFT 92
#define RIGHT 16
#define TOP 32
#define BOTTOM 48

static const struct {
	const char *color, *dash;
	int width;
} S_style[] = {
	{"#b42318", "", 3},          /* self-hosted with labour */
	{"#b54708", "8 6", 3},       /* self-hosted without labour */
	{"#1d4ed8", "", 4},          /* our offer */
};

/* The smallest 1, 2 or 5 x 10^k step that covers max in at most 5 steps.
 * max is at most SG_COST_MAX_AMOUNT x 2 (checked by the caller), so the
 * steps stay far below the 64-bit limit. */
static sg_fen S_step(sg_fen max)
{
	sg_fen mag = 100; /* 1 yuan */
	for (;;) {
		static const int m[] = {1, 2, 5};
		for (int i = 0; i < 3; i++)
			if (mag * m[i] * 5 >= max)
				return mag * m[i];
		mag *= 10;
	}
}

/* The value of series s in year yr, through checked arithmetic: false when
 * it is not a figure the chart can place (negative, or past twice the
 * largest amount the cost engine gives). */
static bool S_value(const sg_site_series *s, int yr, sg_fen *out)
{
	sg_fen v;
	if (__builtin_mul_overflow(s->per_year, (sg_fen)yr, &v) ||
	    __builtin_add_overflow(v, s->start, &v) || v < 0 || v > 2 * SG_COST_MAX_AMOUNT)
		return false;
	*out = v;
	return true;
}

/* The y coordinate of v on an axis of height ph whose top is top: in 128
 * bits, as ph x v passes 64 bits for large v. */
static int S_y(int ph, sg_fen v, sg_fen top)
{
	return TOP + ph - (int)((__int128)ph * v / top);
}

static void S_esc(sg_buf *b, const char *s)
{
	sg_escape_html(s, strlen(s), b);
}

/* The grid lines from 0 up, steps of them step apart, each labelled on the
 * left with its amount in whole yuan. */
static void S_y_axis(sg_buf *b, sg_fen step, int steps, int ph)
{
	for (int k = 0; k <= steps; k++) {
		int y = TOP + ph - (int)((int64_t)ph * k / steps);
		sg_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			      "stroke-width=\"1\"/>",
			      LEFT, y, WIDTH - RIGHT, y, k == 0 ? "#475467" : "#e4e7ec");
		sg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"chart-tick\">",
			      LEFT - 8, y + 4);
		sg_buf tick;
		sg_buf_init(&tick);
		sg_money_format(&tick, step * k);
		/* Whole yuan on the axis: drop ".00". */
		if (tick.len > 3 && strcmp(tick.data + tick.len - 3, ".00") == 0)
			sg_buf_truncate(&tick, tick.len - 3);
		S_esc(b, tick.data);
		sg_buf_dispose(&tick);
		sg_buf_puts(b, "</text>");
	}
}

/* One tick per year under the plot, then the two axis titles. */
static void S_x_axis(sg_buf *b, int years, int pw, int ph, const char *x_label,
		     const char *y_label)
{
	for (int yr = 0; yr <= years; yr++) {
		int x = LEFT + pw * yr / years;
		sg_buf_printf(b,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#475467\" "
			      "stroke-width=\"1\"/>",
			      x, TOP + ph, x, TOP + ph + 5);
		sg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"chart-tick\">%d</text>",
			      x, TOP + ph + 20, yr);
	}
	sg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"chart-axis\">",
		      LEFT + pw / 2, HEIGHT - 8);
	S_esc(b, x_label);
	sg_buf_printf(b, "</text><text x=\"%d\" y=\"%d\" class=\"chart-axis\">", 8, TOP - 12);
	S_esc(b, y_label);
	sg_buf_puts(b, "</text>");
}

/* Series i as a line with a dot per year. */
static void S_series(sg_buf *b, const sg_site_series *s, size_t i, int years, int pw, int ph,
		     sg_fen top)
{
	sg_buf_printf(b, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%d\"%s%s%s points=\"",
		      s->css, S_style[i].color, S_style[i].width,
		      S_style[i].dash[0] ? " stroke-dasharray=\"" : "", S_style[i].dash,
		      S_style[i].dash[0] ? "\"" : "");
	for (int yr = 0; yr <= years; yr++) {
		sg_fen v = 0;
		S_value(s, yr, &v);
		sg_buf_printf(b, "%s%d,%d", yr ? " " : "", LEFT + pw * yr / years, S_y(ph, v, top));
	}
	sg_buf_puts(b, "\"/>");
	for (int yr = 0; yr <= years; yr++) {
		sg_fen v = 0;
		S_value(s, yr, &v);
		sg_buf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>",
			      LEFT + pw * yr / years, S_y(ph, v, top), S_style[i].color);
	}
}

const char *sg_site_chart(sg_arena *a, const char *title, const char *desc, const char *x_label,
			  const char *y_label, const sg_site_series *s, size_t n, int years)
{
	if (years < 1)
		return NULL;
	sg_fen max = 1;
	for (size_t i = 0; i < n; i++) {
		sg_fen end;
		for (int yr = 0; yr <= years; yr++) {
			if (!S_value(&s[i], yr, &end))
				return NULL;
			if (end > max)
				max = end;
		}
	}
	sg_fen step = S_step(max);
	int steps = (int)((max + step - 1) / step);
	if (steps < 1)
		steps = 1;
	sg_fen top = step * steps;
	int pw = WIDTH - LEFT - RIGHT, ph = HEIGHT - TOP - BOTTOM;

	sg_buf b;
	sg_buf_init(&b);
	sg_buf_printf(&b,
		      "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		      "aria-labelledby=\"chart-title chart-desc\" "
		      "xmlns=\"http://www.w3.org/2000/svg\">",
		      WIDTH, HEIGHT);
	sg_buf_puts(&b, "<title id=\"chart-title\">");
	S_esc(&b, title);
	sg_buf_puts(&b, "</title><desc id=\"chart-desc\">");
	S_esc(&b, desc);
	sg_buf_puts(&b, "</desc>");
	/* The legend is the page's (HTML wraps on a phone; SVG text would only
	 * shrink): each line has the class of its series for the swatch. */
	S_y_axis(&b, step, steps, ph);
	S_x_axis(&b, years, pw, ph, x_label, y_label);
	for (size_t i = 0; i < n; i++)
		S_series(&b, &s[i], i, years, pw, ph, top);
	sg_buf_puts(&b, "</svg>");
	const char *out = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return out;
}
