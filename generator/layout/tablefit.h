/*
 * tablefit.h - what a table's columns need and the widths they get, and the
 * spaces in a cell's text that must not break (table.c uses them).
 *
 * Design note. Each column is measured as browsers measure a table of
 * automatic layout: its minimum (the widest piece of its cells that cannot
 * break) and its maximum (its widest cell set on one line). Two things are
 * added for tables of sales documents, where numbers and short Chinese
 * labels meet long text:
 *
 *  - A number and its unit are one piece: "0.95 元", "CNY 86,400",
 *    "300 users", "× 40%". The space between them becomes a no-break space
 *    (sg_tablefit_binds), so the line breaker keeps them together and the
 *    column's minimum holds them whole.
 *  - A header fits: one of up to six ems is never broken ("检查点" is not
 *    set one character a line), a longer one takes two lines at most, as
 *    long as the column's other cells fit (sg_tablefit_two_lines gives the
 *    width). Until every column has its maximum, a header counts at that
 *    width; it gets its full width only once the rest of the table has
 *    what it wants ("Yuan per month" on one line when the number columns
 *    have room, "Yuan per / month" when the text columns need it).
 *
 * sg_tablefit_widths then shares the room: see there.
 */
#ifndef SG_LAYOUT_TABLEFIT_H
#define SG_LAYOUT_TABLEFIT_H

#include <stddef.h>

#include "layout/linebreak.h"

/* What a column needs, points (min <= max <= full). */
typedef struct sg_colneed {
	double min;  /* its widest unbreakable piece (a header's whole or two-line width) */
	double max;  /* its widest cell on one line, a long header counted in two lines */
	double full; /* its widest cell on one line, the header too */
} sg_colneed;

/* Widths w (one per column) for columns that need need[] to share avail
 * points:
 *  - when every column can have its full width, each gets it and the room
 *    left over in proportion to it (the table spans the measure);
 *  - else when every column can have its max, each gets it plus a share of
 *    the rest in proportion to full - max (long headers widen);
 *  - else the columns that want no more than an equal share of the room
 *    left get what they want (number and short columns are not widened
 *    for nothing; they are set again as the room left grows), and the
 *    others get their minimum plus the rest in proportion to max - min;
 *  - when even the minimums do not fit, each gets avail in proportion to
 *    its minimum (the caller sets the table smaller before that).
 * The widths add up to avail. */
void sg_tablefit_widths(double *w, const sg_colneed *need, size_t cols, double avail);

/* The spaces of s (len bytes of UTF-8) that bind a number to what goes
 * with it, as byte offsets into s, in order, into *at (grown as needed,
 * *cap its room; free it). A single ASCII space binds:
 *  - a number and the unit or word after it: "0.95 元", "300 users",
 *    "2026 年", "40 %";
 *  - a currency and the number after it: "CNY 86,400", "¥ 96";
 *  - an operator and the number after it: "× 12", "÷ 5", "/ 5", "= 30".
 * A number here is a word holding a digit and ending in a digit, "%" or
 * "‰". Returns how many. */
size_t sg_tablefit_binds(const char *s, size_t len, size_t **at, size_t *cap);

/* The narrowest width at which the items of l (a text set on one line)
 * fit on two lines, broken at one of its break opportunities: the wider of
 * the two, spaces at the break not counted. Its one-line width when it has
 * no break opportunity. */
double sg_tablefit_two_lines(const sg_lines *l);

#endif
