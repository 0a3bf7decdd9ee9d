/*
 * tablefit.c - a table's column widths from what its columns need, and the
 * spaces in a cell that bind a number to its unit (tablefit.h).
 */
#include "layout/tablefit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/cjkspace.h"
#include "base/utf8.h"

/* ---------------------------------------------------------------- widths */

/* Every column its minimum plus a share of what is left in proportion to
 * what it wants beyond it (max - min): the columns marked open, sharing
 * room. Returns false when room is less than their minimums. */
static bool S_share(double *w, const sg_colneed *need, const bool *open, size_t cols,
		    double room)
{
	double smin = 0, smax = 0;
	for (size_t c = 0; c < cols; c++) {
		if (!open[c])
			continue;
		smin += need[c].min;
		smax += need[c].max;
	}
	if (room < smin)
		return false;
	double k = smax > smin ? (room - smin) / (smax - smin) : 0;
	if (k > 1)
		k = 1;
	for (size_t c = 0; c < cols; c++)
		if (open[c])
			w[c] = need[c].min + (need[c].max - need[c].min) * k;
	return true;
}

/* The widths when the maximums do not all fit but the minimums do: see
 * sg_tablefit_widths. */
static void S_fill(double *w, const sg_colneed *need, size_t cols, double avail)
{
	bool *open = sg_xcalloc(cols, sizeof *open);
	for (size_t c = 0; c < cols; c++)
		open[c] = true;
	double room = avail;
	size_t nopen = cols;
	/* A column that wants no more than an equal share of the room left
	 * gets what it wants; the room left grows, and others may then. */
	for (bool changed = true; changed && nopen > 0;) {
		changed = false;
		double fair = room / (double)nopen;
		for (size_t c = 0; c < cols; c++) {
			if (open[c] && need[c].max <= fair) {
				w[c] = need[c].max;
				open[c] = false;
				room -= w[c];
				nopen--;
				changed = true;
			}
		}
	}
	if (nopen > 0 && !S_share(w, need, open, cols, room)) {
		/* The short columns took what the others' minimums need: every
		 * column shares the whole width instead. */
		for (size_t c = 0; c < cols; c++)
			open[c] = true;
		S_share(w, need, open, cols, avail);
	}
	free(open);
}

void sg_tablefit_widths(double *w, const sg_colneed *need, size_t cols, double avail)
{
	double smin = 0, smax = 0, sfull = 0;
	for (size_t c = 0; c < cols; c++) {
		smin += need[c].min;
		smax += need[c].max;
		sfull += need[c].full;
	}
	if (sfull <= avail) {
		for (size_t c = 0; c < cols; c++)
			w[c] = sfull > 0 ? need[c].full + (avail - sfull) * need[c].full / sfull
					 : avail / (double)cols;
	} else if (smax <= avail) {
		double k = (avail - smax) / (sfull - smax);
		for (size_t c = 0; c < cols; c++)
			w[c] = need[c].max + (need[c].full - need[c].max) * k;
	} else if (smin < avail) {
		S_fill(w, need, cols, avail);
	} else {
		for (size_t c = 0; c < cols; c++)
			w[c] = smin > 0 ? avail * need[c].min / smin : avail / (double)cols;
	}
}

/* ---------------------------------------------------------------- binds */

static bool S_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* A word that is a number: it holds a digit and ends in a digit, % or ‰. */
static bool S_number_word(const uint32_t *cp, size_t n)
{
	if (n == 0)
		return false;
	uint32_t last = cp[n - 1];
	if (!S_digit(last) && last != '%' && last != 0x2030)
		return false;
	for (size_t i = 0; i < n; i++)
		if (S_digit(cp[i]))
			return true;
	return false;
}

static bool S_currency_symbol(uint32_t cp)
{
	return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC || cp == 0xFFE5;
}

/* A currency: a symbol (¥, $, €, £, ￥) or a code of three capitals (CNY). */
static bool S_currency_word(const uint32_t *cp, size_t n)
{
	if (n == 1 && S_currency_symbol(cp[0]))
		return true;
	if (n != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (cp[i] < 'A' || cp[i] > 'Z')
			return false;
	return true;
}

static bool S_operator(uint32_t cp)
{
	return cp == 0xD7 || cp == 0xF7 || cp == '+' || cp == '-' || cp == 0x2212 || cp == '=' ||
	       cp == '/' || cp == 0x2013;
}

/* What may follow a number as its unit: a Han character, a letter, a
 * percent or degree sign. */
static bool S_unit_start(uint32_t cp)
{
	sg_cjk_kind k = sg_cjk_kind_of(cp);
	return k == SG_CJK_HAN || (k == SG_CJK_LATIN && !S_digit(cp)) || cp == '%' ||
	       cp == 0x2030 || cp == 0xB0;
}

/* Whether what starts at cp[0] is a number (a sign or currency symbol may
 * come first). */
static bool S_number_start(const uint32_t *cp, size_t n)
{
	size_t i = 0;
	while (i < n && i < 2 && (cp[i] == '-' || cp[i] == 0x2212 || S_currency_symbol(cp[i])))
		i++;
	return i < n && S_digit(cp[i]);
}

size_t sg_tablefit_binds(const char *s, size_t len, size_t **at, size_t *cap)
{
	if (len == 0 || !memchr(s, ' ', len))
		return 0; /* most cells: a number or a word alone */
	/* The text as code points, with each one's byte offset. */
	uint32_t *cp = sg_xcalloc(len + 1, sizeof *cp);
	size_t *off = sg_xcalloc(len + 1, sizeof *off);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t k = sg_utf8_decode(s + i, len - i, &cp[n]);
		if (k == 0) {
			cp[n] = 0xFFFD;
			k = 1;
		}
		off[n++] = i;
		i += k;
	}
	size_t found = 0, word = 0; /* the word before the space starts at word */
	for (size_t i = 0; i < n; i++) {
		if (cp[i] != ' ') {
			if (i > 0 && (cp[i - 1] == ' ' || cp[i - 1] == '\t' || cp[i - 1] == '\n'))
				word = i;
			continue;
		}
		if (i == 0 || i + 1 >= n || cp[i - 1] == ' ' || cp[i + 1] == ' ' || word >= i)
			continue;
		const uint32_t *w = cp + word;
		size_t wn = i - word;
		bool bind = (S_number_word(w, wn) && S_unit_start(cp[i + 1])) ||
			    ((S_currency_word(w, wn) || (wn == 1 && S_operator(w[0]))) &&
			     S_number_start(cp + i + 1, n - i - 1));
		if (!bind)
			continue;
		if (found == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*at = sg_xrealloc(*at, *cap * sizeof **at);
		}
		(*at)[found++] = off[i];
	}
	free(cp);
	free(off);
	return found;
}

/* ---------------------------------------------------------------- headers */

double sg_tablefit_two_lines(const sg_lines *l)
{
	double total = 0;
	for (size_t k = 0; k < l->nitems; k++)
		total += l->items[k].advance;
	double best = total, first = 0, spaces = 0;
	for (size_t k = 0; k + 1 < l->nitems; k++) {
		const sg_item *it = &l->items[k];
		first += it->advance;
		/* Spaces before a break hang: the first line ends before them. */
		spaces = it->flags & SG_ITEM_SPACE ? spaces + it->advance : 0;
		if (it->brk == SG_BREAK_NONE)
			continue;
		double a = first - spaces, b = total - first;
		double w = a > b ? a : b;
		if (w < best)
			best = w;
	}
	return best;
}
