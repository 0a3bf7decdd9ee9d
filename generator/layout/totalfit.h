/*
 * totalfit.h - total-fit line breaking (Knuth and Plass) over boxes, glue and
 * penalties.
 *
 * Design note. A greedy breaker fills each line as full as it can and never
 * looks back, so one long word can leave a line with gaps twice the normal
 * width while the lines around it are tight. Total fit weighs every way of
 * breaking the paragraph at once and keeps the one whose lines are, together,
 * closest to their natural widths. This file is that engine and nothing
 * else: it knows no text, fonts or scripts. The caller describes the
 * paragraph as a list of items and gets back where to break and how much to
 * stretch or shrink each line.
 *
 * The items (one list per paragraph, in reading order):
 *  - A box has a width and never changes: a character, a Latin word, an
 *    inline image, a first-line indent.
 *  - Glue is a space with a natural width, a stretch (how much it may grow)
 *    and a shrink (how much it may give up; never more than its width). A
 *    line may break at a glue that directly follows a box.
 *  - A penalty is a place where a line may break, with a cost. Its width
 *    counts only when the line breaks there (a hyphen). A cost of
 *    SG_TOTALFIT_INFINITY or more forbids the break, -SG_TOTALFIT_INFINITY or
 *    less forces it. A flagged penalty is a break that shows a hyphen.
 * At a break, the glue or penalty broken at disappears, and so do the glue
 * and penalties after it up to the next box or forced break: no line starts
 * with a space. The end of the list is a forced break (the caller need not
 * add one). Every item carries an index of the caller's own (the code point
 * it stands for, say), which the solver never reads.
 *
 * Line widths: an array of measures, one per line from the first; the last
 * one holds for every line after it (two widths for a paragraph beside a
 * float whose first lines are narrower; one for most). A first-line indent
 * is a box the caller puts first.
 *
 * How a line is judged. The adjustment ratio r of a line says how far its
 * glue must be pulled: the room left over divided by the line's stretch
 * (r > 0), or the width too much divided by its shrink (r < 0). Glue k is set
 * at width_k + r * stretch_k (r >= 0) or width_k + r * shrink_k (r < 0). A
 * line can never shrink by more than all its shrink: r < -1 means the line
 * does not fit (it is infeasible, except as a last resort below). A line
 * that ends at a forced break, the last of a paragraph among them, is set
 * ragged: short of its measure it has r = 0 and costs nothing, as TeX's
 * \parfillskip does (so no such glue is needed).
 *
 * Costs and their unit. The unit is TeX's: badness = 100 |r|^3, at most
 * SG_TOTALFIT_INF_BAD (10,000), so a line stretched to its full stretch
 * (r = 1) has badness 100, to r = 0.5 badness 12.5; a line that would have
 * to stretch but has no stretch has badness 10,000. A penalty's cost is in
 * the same unit: a cost of 100 weighs as much as a line at r = 1. The
 * demerits of a line are
 *     (line_penalty + badness)^2 + cost^2   (cost > 0; - cost^2 for cost < 0,
 *                                            nothing for a forced break)
 *     + flagged_demerits when this break and the one before are flagged
 *       (final_flagged_demerits when the one before ends the last line but one)
 *     + fitness_demerits when this line and the one before are two or more
 *       fitness classes apart.
 * The fitness classes (TeX's): very loose (r > 1, badness over 100), loose
 * (0.5 < r <= 1), decent (|r| <= 0.5, badness at most 12.5) and tight
 * (r < -0.5). The solver returns the breaks whose lines' demerits sum to the
 * least; a line counts only if its badness is within the pass's tolerance
 * (an overfull line never counts but in the emergency pass). Looseness
 * (TeX's \looseness: a paragraph set a line longer or shorter than its best
 * on purpose) is not offered: it is always 0.
 *
 * Passes. 1: tolerance1 (default 100, so no line beyond r = 1) without the
 * flagged breaks, so hyphens are tried only when the paragraph needs them
 * (flagged_first lets them in). 2: tolerance2 (default 1,000, r up to 2.15)
 * with every break. 3, the emergency pass, always succeeds: every line that
 * fits is allowed however loose (its demerits keep growing with |r| past
 * badness 10,000, up to 1,000,000, so the least loose choice still wins), and
 * where no line from any open break reaches the next break without
 * overflowing (a box wider than the measure, a URL without break points), the
 * line that overflows least is taken and reported overfull, with how much it
 * sticks out. A caller that never sets a line looser than some ratio R (it
 * leaves the rest of the line empty instead) says so with emergency_ratio:
 * the emergency pass then counts a line looser than R as one at R, plus,
 * once the room it leaves empty is more than emergency_slack (so little
 * that nobody sees it), INF_BAD squared for being short, and as much again
 * times S_EMPTY_WEIGHT (100) times the fourth power of the share of the
 * measure left empty: a line a third empty costs twice what a line just
 * short does, half empty 7 times, three quarters empty 33 times. Squared
 * badness would make a good line loose to spare a hopeless one a little;
 * this cost keeps the good lines out of it. Among the lines that must be
 * short, the count decides while they are less than about a third empty
 * (one line 70% full rather than two 85% full: a ragged edge over two
 * lines), the room they leave beyond that, so that a paragraph that
 * cannot be set full leaves two or three lines a little short rather than
 * one line nearly empty in its middle (a first line of two characters,
 * "我们", before a number that does not fit). A pass gives up as soon as
 * no open break is left, so a hopeless pass costs little.
 *
 * The work. The solver walks the items once per pass, keeping the active
 * breaks: those from which a line could still reach the current position. A
 * break leaves for good when its line overflows even with all its shrink,
 * or at a forced break, so about one line's worth of breaks is open at a
 * time (times up to four fitness classes; a class more than fitness_demerits
 * worse than the best at the same break is not kept, since that is all it
 * could ever save). At each legal break the solver costs the lines from the
 * open breaks in the order they were reached and stops at the first one too
 * loose for the pass: the lines after it are shorter still. So passes 1 and
 * 2 cost only the lines that could count and the ones that overflow, a few
 * per item (5 measured on Chinese text of 30 characters a line); the
 * emergency pass has no tolerance to stop at and costs every open break at
 * every break, about as many per item as a line holds break points (46 at
 * 30 characters a line, 62 at 45). Each costing of a line is counted in
 * sg_totalfit_stats.evaluations. As a guard against measures that hold
 * thousands of break points, at most max_active breaks stay open; beyond
 * that the oldest are dropped (stats.dropped; the result may then not be the
 * best, but there is one).
 *
 * SG_TOTALFIT_GREEDY_ITEMS (10,000) is the paragraph length beyond which a
 * caller should break greedily instead. The cost stays linear, but such a
 * paragraph (5,000 Chinese characters, more than a hundred lines) takes some
 * 50,000 costings (one of 150 characters takes about 250), and 500,000 in
 * the emergency pass; text that long is more likely a table or a log that
 * lost its line breaks than prose whose lines a reader weighs.
 *
 * Memory: the solver keeps its arrays from one paragraph to the next
 * (sg_totalfit_init once, sg_totalfit_break for each paragraph, then
 * sg_totalfit_dispose), so after the first paragraphs it allocates nothing.
 * No recursion; all arithmetic is in double, inputs are made finite first
 * (NaN and negative widths count as 0, widths beyond SG_TOTALFIT_MAX_LENGTH
 * as that, costs are held to +-SG_TOTALFIT_INFINITY), so no NaN or infinity
 * reaches the results.
 *
 * Building the items for Chinese and mixed text. em is the font size; the
 * amounts are starting points the caller tunes. box(w), glue(w, stretch,
 * shrink) and penalty(w, cost, flagged) are the helpers below; INF is
 * SG_TOTALFIT_INFINITY.
 *  - Two Han characters with a break allowed between them:
 *        box(adv) glue(0, 0.05em, 0) box(adv)
 *    The small stretch keeps justification from letter-spacing a line
 *    (0.1 em a gap at r = 2); no shrink: Han characters do not overlap.
 *  - The same where no break is allowed (kinsoku, a number and its unit):
 *        box(adv) penalty(0, INF, false) glue(0, 0.05em, 0) box(adv)
 *    A glue breaks only right after a box; the penalty in front takes the
 *    break away and keeps the stretch.
 *  - A full-width closing mark (，。、）」, ink on the left half) after a Han
 *    character: no break before it, its blank half as shrinkable glue:
 *        box(adv) box(0.5em) glue(0.5em, 0, 0.5em) box(next)
 *    Inside a line the blank is what gives way when the line is too long
 *    (punctuation compression as shrink); a break after the mark is at that
 *    glue, which then disappears, so the mark ends its line half width
 *    (clreq allows it). To keep it full width at a line end instead:
 *        box(0.5em) penalty(0.5em, 0, false) glue(0.5em, 0, 0.5em)
 *    (the break is at the penalty, whose width is the blank; the glue after a
 *    penalty is no break). Adjacent marks (），, 。”) are a fixed rule, not an
 *    adjustment: set one of them half width before building the items.
 *  - A full-width opening mark (（「《, ink on the right half) after a Han
 *    character: the break before it is the glue holding its blank, so a line
 *    that starts with it starts with its ink:
 *        box(adv) glue(0.5em, 0, 0.5em) box(0.5em) box(next)
 *    and no break after it (no glue between it and the next box).
 *  - Han next to a Latin letter or digit (autospace): a quarter em that
 *    stretches a little and shrinks a little:
 *        box(han) glue(0.25em, 0.05em, 0.05em) box(word)
 *  - A Latin word space: glue(space, space / 2, space / 3); a Latin word is
 *    one box (or one box a character, with nothing between them).
 *  - A hyphenation point inside a word: flagged, with the hyphen's width:
 *        box(hy) penalty(hyphen, 50, true) box(phen)
 *  - Break points inside a long token, no hyphen added: after / @ . a
 *    penalty of width 0 and some cost, after - the same flagged (it shows a
 *    hyphen at the line end):
 *        box(www.) penalty(0, 100, false) box(example.) penalty(0, 100, false) box(com)
 *    A line made of such pieces alone has no glue, so it cannot be
 *    justified (badness 10,000): only the emergency pass takes it, set short.
 *  - The last line holds at least two Han characters: forbid the break
 *    before the last one (or discourage it with a cost of, say, 1,000):
 *        ... box(道) penalty(0, INF, false) glue(0, 0.05em, 0) box(理) box(。) (end)
 *  - A hard line break inside a paragraph: penalty(0, -INF, false); the line
 *    before it is ragged.
 */
#ifndef SG_LAYOUT_TOTALFIT_H
#define SG_LAYOUT_TOTALFIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A penalty cost at least this forbids a break; its negative forces one. */
#define SG_TOTALFIT_INFINITY 10000.0
/* The badness of a line that would have to stretch without limit. */
#define SG_TOTALFIT_INF_BAD 10000.0
/* Widths, stretches, shrinks and measures are held to [0, this] points. */
#define SG_TOTALFIT_MAX_LENGTH 1e6
/* Paragraphs of more items than this: break greedily (see the design note). */
#define SG_TOTALFIT_GREEDY_ITEMS 10000

typedef enum sg_totalfit_kind {
	SG_TOTALFIT_BOX,
	SG_TOTALFIT_GLUE,
	SG_TOTALFIT_PENALTY,
} sg_totalfit_kind;

/* Fitness classes, loosest first (TeX's order). */
enum {
	SG_TOTALFIT_VERY_LOOSE = 0,
	SG_TOTALFIT_LOOSE = 1,
	SG_TOTALFIT_DECENT = 2,
	SG_TOTALFIT_TIGHT = 3,
};

typedef struct sg_totalfit_item {
	uint8_t kind;   /* sg_totalfit_kind */
	bool flagged;   /* penalty: the break shows a hyphen */
	double width;   /* points: box or glue width; a penalty's counts only if the
			 * line breaks there */
	double stretch; /* glue: points it grows at r = 1 */
	double shrink;  /* glue: points it gives up at r = -1 (at most width) */
	double cost;    /* penalty: badness units; >= INFINITY forbids, <= -INFINITY
			 * forces */
	size_t index;   /* the caller's, never read */
} sg_totalfit_item;

static inline sg_totalfit_item sg_totalfit_box(double width, size_t index)
{
	sg_totalfit_item it = {SG_TOTALFIT_BOX, false, width, 0, 0, 0, index};
	return it;
}

static inline sg_totalfit_item sg_totalfit_glue(double width, double stretch, double shrink,
						 size_t index)
{
	sg_totalfit_item it = {SG_TOTALFIT_GLUE, false, width, stretch, shrink, 0, index};
	return it;
}

static inline sg_totalfit_item sg_totalfit_penalty(double width, double cost, bool flagged,
						    size_t index)
{
	sg_totalfit_item it = {SG_TOTALFIT_PENALTY, flagged, width, 0, 0, cost, index};
	return it;
}

/* What the solver weighs; sg_totalfit_params_default() gives TeX's plain
 * values. Costs are in badness units, demerits in their squares. */
typedef struct sg_totalfit_params {
	double tolerance1;	     /* pass 1's largest badness; < 0 skips pass 1 (100) */
	double tolerance2;	     /* pass 2's (1,000) */
	bool flagged_first;	     /* pass 1 may break at flagged penalties (false) */
	double line_penalty;	     /* added to each line's badness: fewer lines (10) */
	double flagged_demerits;     /* two flagged breaks in a row (10,000) */
	double final_flagged_demerits; /* a flagged break ends the last line but one (5,000) */
	double fitness_demerits;     /* neighbour lines two or more classes apart (10,000) */
	size_t max_active;	     /* active breaks kept at most (4,096) */
	double emergency_ratio;	     /* 0, or the loosest a caller ever sets a line
				      * (below) */
	double emergency_slack;	     /* points a line so set may leave empty
				      * unseen (0) */
} sg_totalfit_params;

void sg_totalfit_params_default(sg_totalfit_params *p);

/* One line of the result. */
typedef struct sg_totalfit_line {
	size_t start;	/* its first item (after the glue and penalties dropped at the
			 * break before it) */
	size_t end;	/* the item it breaks at, not part of the line but for a
			 * penalty's width; n (the item count) for the paragraph's end */
	double width;	/* its measure, points */
	double natural; /* its items' natural width, the penalty's at the break
			 * included, points */
	double ratio;	/* adjustment ratio: each glue of [start, end) is set at
			 * width + ratio * (ratio >= 0 ? stretch : shrink); in
			 * [-1, ...), 0 for a ragged line or one without stretch */
	double badness; /* 0 to SG_TOTALFIT_INF_BAD */
	int fitness;	/* SG_TOTALFIT_VERY_LOOSE ... SG_TOTALFIT_TIGHT */
	bool overfull;	/* wider than its measure even with all its shrink */
	double excess;	/* overfull: by how many points; otherwise 0 */
} sg_totalfit_line;

/* What the last sg_totalfit_break() did; counts are over all passes run. */
typedef struct sg_totalfit_stats {
	int pass;	    /* the pass whose breaks were taken: 1, 2 or 3 (emergency);
			     * 0 for an empty paragraph */
	size_t breakpoints; /* legal breaks visited */
	size_t evaluations; /* lines costed (active break x legal break): the work */
	size_t nodes;	    /* breaks recorded as reachable */
	size_t max_active;  /* the longest the active list got */
	size_t dropped;	    /* active breaks dropped by max_active */
	size_t overfull;    /* overfull lines in the result */
} sg_totalfit_stats;

struct sg_totalfit_active;
struct sg_totalfit_passive;

/* The solver and its last result: caller-owned, sg_totalfit_init() /
 * sg_totalfit_dispose(); one per thread, reused from paragraph to paragraph. */
typedef struct sg_totalfit {
	sg_totalfit_line *lines; /* the last result, in order */
	size_t nlines;
	sg_totalfit_stats stats;
	/* The solver's own memory, kept between paragraphs. */
	struct sg_totalfit_active *act;
	size_t act_cap;
	struct sg_totalfit_passive *pas;
	size_t pas_cap;
	size_t *classes; /* the active lists' heads and tails */
	size_t classes_cap;
	size_t lines_cap;
} sg_totalfit;

void sg_totalfit_init(sg_totalfit *tf);
void sg_totalfit_dispose(sg_totalfit *tf);

/* Breaks items[0..n) into lines: line k (from 0) is widths[k] points wide, or
 * widths[nwidths - 1] when k >= nwidths (nwidths >= 1). params NULL: the
 * defaults. The lines replace tf's earlier result (tf->lines, tf->nlines,
 * tf->stats); items and widths are only read. There is always a result:
 * no lines for n == 0, otherwise at least one, some perhaps overfull
 * (tf->lines[k].overfull, counted in tf->stats.overfull). */
void sg_totalfit_break(sg_totalfit *tf, const sg_totalfit_item *items, size_t n,
		       const double *widths, size_t nwidths, const sg_totalfit_params *params);

#endif
