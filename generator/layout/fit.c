/*
 * fit.c - a text set into a box of fixed width and height: smaller when it
 * must be, and cut with an ellipsis when even its smallest size is too big.
 * The cover's title, subtitle and fields, and the running footer, use it, so
 * that a name of six hundred characters stays on the page.
 *
 * Shrinking steps down a whole point at a time from the size asked for, so
 * that a title is set at 24 pt or 19 pt rather than at 23.37 pt. Lines are
 * broken as everywhere else (linebreak.c): Chinese between characters, with
 * the clreq rules, Latin at spaces.
 *
 * Cutting keeps whole lines up to the last one the box holds and as much of
 * that one as leaves room for "…". In Latin text the cut goes back to the end
 * of a word when that keeps at least half of the line; in Chinese it falls
 * between two characters. Spaces and opening punctuation before the ellipsis
 * are dropped, and so are commas and colons, which would read as if the text
 * went on.
 */
#include <math.h>
#include <string.h>

#include "base/utf8.h"
#include "layout/layout_int.h"

/* Lines the box holds at size: at least one. */
static size_t S_max_lines(double max_height, double size, double leading)
{
	double n = floor(max_height / (size * leading) + 1e-9);
	return n < 1 ? 1 : (size_t)n;
}

static size_t S_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Characters that must not stand just before the ellipsis. */
static bool S_drop_before_ellipsis(const sg_item *it)
{
	if (it->flags & SG_ITEM_SPACE)
		return true;
	if (sg_linebreak_is_opening(it->cp))
		return true;
	static const uint32_t drop[] = {',', ';', ':', '-', 0x2013, 0x2014, 0x00B7,
					0x3001, 0xFF0C, 0xFF1A, 0xFF1B, 0x30FB};
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		if (it->cp == drop[i])
			return true;
	return false;
}

/* Inside a word of Latin text: neither item is a space or CJK. */
static bool S_mid_word(const sg_item *a, const sg_item *b)
{
	int other = SG_ITEM_SPACE | SG_ITEM_CJK;
	return !(a->flags & other) && !(b->flags & other);
}

/* Replaces t's text with the first items [0, end) of lines ls, then "…". */
static void S_set_cut(sg_ltext *t, const sg_lines *ls, size_t end, double size,
		      sg_font_style style, sg_run_attr attr, sg_buf *tmp)
{
	sg_buf_clear(tmp);
	if (end > 0) {
		const sg_item *last = &ls->items[end - 1];
		sg_buf_put(tmp, ls->text.data, last->off + last->len);
	}
	sg_buf_puts(tmp, "\xE2\x80\xA6");
	sg_para_clear(&t->para);
	sg_ltext_add(t, tmp->data, tmp->len, style, size, NULL, attr);
}

/* Cuts t (broken at width, one style at size) so that it holds at most
 * maxl lines, the last ending in an ellipsis. */
static void S_cut(sg_ltext *t, double width, size_t maxl, double size, sg_font_style style,
		  sg_run_attr attr)
{
	sg_lines ls;
	sg_lines_init(&ls);
	/* The text as broken, kept while t is set again. */
	sg_linebreak(&ls, &t->para, t->fs, width, false);
	size_t li = ls.nlines < maxl ? ls.nlines : maxl;
	if (li == 0) {
		sg_lines_dispose(&ls);
		return;
	}
	const sg_line *ln = &ls.lines[li - 1];
	size_t first = ln->first, end = ln->end;
	sg_buf tmp;
	sg_buf_init(&tmp);
	for (;;) {
		while (end > 0 && S_drop_before_ellipsis(&ls.items[end - 1]))
			end--;
		S_set_cut(t, &ls, end, size, style, attr, &tmp);
		sg_linebreak(&t->lines, &t->para, t->fs, width, false);
		if (t->lines.nlines <= maxl || end == 0)
			break;
		end--;
	}
	/* Latin: back to the end of a word, unless that loses half the line. */
	if (end > first && end < ls.nitems && S_mid_word(&ls.items[end - 1], &ls.items[end])) {
		double kept = 0;
		for (size_t k = first; k < end; k++)
			kept += ls.items[k].advance;
		double w = kept;
		for (size_t k = end; k > first + 1; k--) {
			w -= ls.items[k - 1].advance;
			if (ls.items[k - 2].brk == SG_BREAK_ALLOW) {
				if (w >= width / 2) {
					end = k - 1;
					while (end > first && S_drop_before_ellipsis(&ls.items[end - 1]))
						end--;
					S_set_cut(t, &ls, end, size, style, attr, &tmp);
					sg_linebreak(&t->lines, &t->para, t->fs, width, false);
				}
				break;
			}
		}
	}
	sg_buf_dispose(&tmp);
	sg_lines_dispose(&ls);
}

sg_ltext *sg_layout_fit_text(sg_layout *l, const sg_fontset *fs, const char *s,
			     sg_font_style style, uint32_t color, double width, double max_height,
			     double leading, double size, double min_size, sg_fit *out)
{
	sg_fit fit = {size, 0, false, 0, 0};
	sg_run_attr attr = {color, 0, -1};
	sg_ltext *t = sg_layout_new_text(l, fs, sg_pos_make(NULL, 0, 0));
	size_t len = strlen(s);
	fit.total = S_chars(s, len);
	if (min_size > size)
		min_size = size;
	/* No more characters than the box could hold at the smallest size
	 * (none is narrower than a fifth of an em) are ever set: a title of a
	 * megabyte costs no more than one of a thousand characters. */
	double most = (double)S_max_lines(max_height, min_size, leading) * width / (min_size * 0.2) + 16;
	bool truncated = false;
	if ((double)fit.total > most) {
		size_t n = 0, i = 0;
		while (i < len && (double)n < most) {
			uint32_t cp;
			size_t k = sg_utf8_decode(s + i, len - i, &cp);
			i += k ? k : 1;
			n++;
		}
		len = i;
		truncated = true;
	}
	sg_ltext_add(t, s, len, style, size, NULL, attr);
	for (double sz = truncated ? min_size : size;; sz = fmax(sz - 1, min_size)) {
		for (size_t i = 0; i < t->para.nruns; i++)
			t->para.runs[i].size = sz;
		sg_linebreak(&t->lines, &t->para, t->fs, width, false);
		fit.size = sz;
		if (t->lines.nlines <= S_max_lines(max_height, sz, leading) && !truncated)
			break;
		if (sz <= min_size) {
			S_cut(t, width, S_max_lines(max_height, sz, leading), sz, style, attr);
			fit.cut = true;
			break;
		}
	}
	fit.lines = t->lines.nlines;
	fit.kept = fit.cut ? S_chars(t->para.text.data, t->para.text.len) - 1 : fit.total;
	if (out)
		*out = fit;
	return t;
}
