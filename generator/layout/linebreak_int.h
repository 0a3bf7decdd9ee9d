/*
 * linebreak_int.h - what the steps of line breaking share (linebreak.h's
 * design note): linebreak.c reads and measures the items, linerules.c
 * decides where lines may break, lineset.c builds the glue model, breaks and
 * places, linehyph.c finds hyphenation points. It includes lines.h, not
 * linebreak.h, so that the steps depend on the types they share and not on
 * the driver that calls them.
 */
#ifndef SG_LAYOUT_LINEBREAK_INT_H
#define SG_LAYOUT_LINEBREAK_INT_H

#include "layout/lines.h"

/* A break after an item that its brk (UAX #14 and the clreq and number
 * rules) does not offer. */
enum {
	SG_LB_NO_EXTRA = 0,
	SG_LB_TOKEN = 1,  /* inside a Latin token wider than the measure, after - / @ . */
	SG_LB_CHAR = 2,   /* inside a piece of one still too wide, anywhere */
	SG_LB_HYPHEN = 3, /* a hyphenation point: the line shows a hyphen */
	SG_LB_NUMBER = 4, /* after a hyphen between digits: a phone number */
};

/* What the steps know of an item beyond sg_item, one per item. */
typedef struct sg_lb_aux {
	double lb;	/* a full-width opening mark's blank before its ink that may
			 * go (points); 0 for other items */
	double rb;	/* a closing mark's or stop's blank after its ink */
	bool lfix;	/* lb is gone for good (after another opening mark) */
	bool rfix;	/* rb is gone for good (before another mark) */
	uint8_t extra;	/* SG_LB_* */
	bool unit;	/* a break the number rules took away (CNY | 86,400,
			 * ¥ | 4,000, 700 | 名): where a group too wide for any
			 * line breaks first */
} sg_lb_aux;

/* One paragraph being broken. */
typedef struct sg_lb {
	sg_lines *out;
	const sg_para *p;
	const sg_fontset *fs;
	sg_lb_aux *aux; /* out->nitems of them */
	double width;	/* the measure, points */
	double indent;	/* the first line is this much shorter */
	bool justify;
} sg_lb;

/* The size of the run of item it, points: its em. */
static inline double sg_lb_em(const sg_lb *b, const sg_item *it)
{
	return b->p->runs[it->run].size;
}

/* linerules.c: forbids the breaks of the number and last-line rules
 * (sg_item.brk) and offers the extra ones (sg_lb_aux.extra) of long tokens
 * and of hyphenation. */
void sg_linerules_apply(sg_lb *b);

/* lineset.c: finds the blanks of full-width punctuation (sg_lb_aux.lb, rb,
 * lfix, rfix) from the fonts' glyphs. */
void sg_lineset_blanks(sg_lb *b);

/* lineset.c: breaks the measured items into lines and places them
 * (out->lines, sg_item.x), adding a hyphen item where a line ends at a
 * hyphenation point. */
void sg_lineset_lines(sg_lb *b);

/* linehyph.c: the hyphenation points of an English word of n ASCII letters
 * (any case): points[i] is true when the word may break after letter i
 * (points holds n entries). Returns false, with every entry false, when
 * the patterns cannot be found (hyphen-en-us is not installed) or the word
 * is too short or too long to hyphenate. Safe to call from several
 * threads. */
bool sg_linehyph_points(const char *word, size_t n, bool *points);

#endif
