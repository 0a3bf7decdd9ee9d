/*
 * test_totalfit.c - the total-fit line breaker on item lists built by hand.
 *
 * Widths are in points. The "Latin" paragraphs are words (boxes) with word
 * spaces of glue(6, 3, 2); the "Chinese" ones are characters 10 points wide
 * with glue(0, 1, 0) between them, so a measure of 100 holds ten at their
 * natural width.
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/totalfit.h"

#define INF SG_TOTALFIT_INFINITY

typedef struct S_list {
	sg_totalfit_item *it;
	size_t n, cap;
} S_list;

static void S_push(S_list *l, sg_totalfit_item it)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->it = realloc(l->it, l->cap * sizeof *l->it);
		assert_non_null(l->it);
	}
	l->it[l->n++] = it;
}

static void S_free(S_list *l)
{
	free(l->it);
	memset(l, 0, sizeof *l);
}

/* Words of the given widths with word spaces between; item index = word. */
static void S_words(S_list *l, const double *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			S_push(l, sg_totalfit_glue(6, 3, 2, i));
		S_push(l, sg_totalfit_box(w[i], i));
	}
}

/* n Han characters; before character k, forbid[k] puts a penalty that takes
 * the break away (forbid may be NULL). Item index = character. */
static void S_han(S_list *l, size_t n, const bool *forbid)
{
	for (size_t k = 0; k < n; k++) {
		if (k > 0) {
			if (forbid && forbid[k])
				S_push(l, sg_totalfit_penalty(0, INF, false, k));
			S_push(l, sg_totalfit_glue(0, 1, 0, k));
		}
		S_push(l, sg_totalfit_box(10, k));
	}
}

static void S_break(sg_totalfit *tf, const S_list *l, double width,
		    const sg_totalfit_params *p)
{
	sg_totalfit_break(tf, l->it, l->n, &width, 1, p);
}

/* Checks what every result must be: lines in order, each ending at a legal
 * break, the last at the end, the figures finite, the overfull count right. */
static void S_check_sane(const sg_totalfit *tf, const S_list *l)
{
	size_t n = l->n;
	size_t overfull = 0;
	for (size_t k = 0; k < tf->nlines; k++) {
		const sg_totalfit_line *ln = &tf->lines[k];
		assert_true(ln->start <= ln->end && ln->end <= n);
		if (k > 0)
			assert_true(ln->start > tf->lines[k - 1].end);
		if (ln->end < n) {
			const sg_totalfit_item *at = &l->it[ln->end];
			if (at->kind == SG_TOTALFIT_GLUE)
				assert_true(ln->end > 0 &&
					    l->it[ln->end - 1].kind == SG_TOTALFIT_BOX);
			else
				assert_true(at->kind == SG_TOTALFIT_PENALTY && !(at->cost >= INF));
		}
		assert_true(isfinite(ln->ratio) && isfinite(ln->badness) && isfinite(ln->excess));
		assert_true(isfinite(ln->width) && isfinite(ln->natural));
		assert_true(ln->ratio >= -1);
		assert_true(ln->badness >= 0 && ln->badness <= SG_TOTALFIT_INF_BAD);
		if (ln->overfull) {
			overfull++;
			assert_true(ln->excess > 0);
		} else {
			assert_true(ln->excess == 0);
		}
	}
	if (n > 0) {
		const sg_totalfit_item *last = &l->it[n - 1];
		bool ends_forced = last->kind == SG_TOTALFIT_PENALTY && last->cost <= -INF;
		assert_int_equal(tf->lines[tf->nlines - 1].end, ends_forced ? n - 1 : n);
	}
	assert_int_equal(overfull, tf->stats.overfull);
}

static double S_worst_ratio(const sg_totalfit *tf)
{
	double worst = 0;
	for (size_t k = 0; k < tf->nlines; k++)
		if (fabs(tf->lines[k].ratio) > worst)
			worst = fabs(tf->lines[k].ratio);
	return worst;
}

/* ---- the classic case ------------------------------------------------- */

/* A greedy breaker, as layout/linebreak.c fills lines: as many words as fit
 * at their natural width. Returns the largest stretch ratio of its lines but
 * the last. */
static double S_greedy_worst(const double *w, size_t n, double width)
{
	double worst = 0;
	size_t i = 0;
	while (i < n) {
		double line = w[i];
		size_t j = i + 1;
		while (j < n && line + 6 + w[j] <= width)
			line += 6 + w[j++];
		if (j < n) {
			double stretch = 3.0 * (double)(j - i - 1);
			double r = stretch > 0 ? (width - line) / stretch : INFINITY;
			if (r > worst)
				worst = r;
		}
		i = j;
	}
	return worst;
}

static void test_evens_out(void **state)
{
	(void)state;
	/* Greedy puts two 50s on the first line (the third does not fit at its
	 * natural width) and stretches one space by 54 points; total fit sets
	 * all three with their spaces shrunk by half and evens out the rest. */
	static const double w[] = {50, 50, 50, 10, 15, 50, 15, 20, 20, 50, 30, 15, 10, 35};
	size_t nw = sizeof w / sizeof *w;
	double greedy = S_greedy_worst(w, nw, 160);
	assert_true(greedy > 10);

	S_list l = {0};
	S_words(&l, w, nw);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 160, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 1);
	assert_int_equal(tf.nlines, 3);
	assert_true(S_worst_ratio(&tf) <= 0.5 + 1e-9);
	assert_int_equal(tf.lines[0].end, 5); /* after the third word */
	assert_true(fabs(tf.lines[0].ratio + 0.5) < 1e-9);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

/* ---- breaks the caller decides ------------------------------------------ */

static void test_forced_break(void **state)
{
	(void)state;
	S_list l = {0};
	static const double w[] = {10, 10, 10, 10, 10};
	S_words(&l, w, 5);
	S_push(&l, sg_totalfit_penalty(0, -INF, false, 99));
	size_t forced = l.n - 1;
	S_words(&l, w, 5);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 1000, NULL); /* all of it would fit on one line */
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 2);
	assert_int_equal(tf.lines[0].end, forced);
	/* A line before a forced break is ragged: short, yet not stretched. */
	assert_true(tf.lines[0].ratio == 0 && tf.lines[0].badness == 0);
	assert_int_equal(tf.lines[1].start, forced + 1);
	assert_int_equal(tf.lines[1].end, l.n);

	/* A forced break at the end adds no empty line; two in a row make one. */
	S_push(&l, sg_totalfit_penalty(0, -INF, false, 99));
	S_break(&tf, &l, 1000, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 2);
	assert_int_equal(tf.lines[1].end, l.n - 1);
	S_list l2 = {0};
	S_words(&l2, w, 2);
	S_push(&l2, sg_totalfit_penalty(0, -INF, false, 99));
	S_push(&l2, sg_totalfit_penalty(0, -INF, false, 99));
	S_words(&l2, w, 2);
	S_break(&tf, &l2, 1000, NULL);
	S_check_sane(&tf, &l2);
	assert_int_equal(tf.nlines, 3);
	assert_int_equal(tf.lines[1].start, 4);
	assert_int_equal(tf.lines[1].end, 4);
	assert_int_equal(tf.stats.pass, 1);
	sg_totalfit_dispose(&tf);
	S_free(&l);
	S_free(&l2);
}

static void test_forbidden_breaks(void **state)
{
	(void)state;
	/* First the breaks total fit takes in 40 characters at measure 95;
	 * then the same text with exactly those breaks forbidden. */
	S_list l = {0};
	S_han(&l, 40, NULL);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 95, NULL);
	S_check_sane(&tf, &l);
	assert_true(tf.nlines >= 4);
	bool forbid[40] = {false};
	for (size_t k = 0; k + 1 < tf.nlines; k++)
		forbid[l.it[tf.lines[k].end].index] = true;

	S_list l2 = {0};
	S_han(&l2, 40, forbid);
	S_break(&tf, &l2, 95, NULL);
	S_check_sane(&tf, &l2);
	assert_int_equal(tf.stats.overfull, 0);
	for (size_t k = 0; k + 1 < tf.nlines; k++) {
		const sg_totalfit_item *at = &l2.it[tf.lines[k].end];
		assert_int_equal(at->kind, SG_TOTALFIT_GLUE);
		assert_false(forbid[at->index]);
	}

	/* An infinite penalty is no break even when it is the only way to a
	 * line within tolerance: 70 and 20 would make a good line, but the
	 * paragraph must be set in the emergency pass instead. */
	S_list l3 = {0};
	S_push(&l3, sg_totalfit_box(70, 0));
	S_push(&l3, sg_totalfit_glue(6, 3, 2, 1));
	S_push(&l3, sg_totalfit_box(20, 2));
	S_push(&l3, sg_totalfit_penalty(0, INF, false, 3));
	S_push(&l3, sg_totalfit_box(20, 4));
	S_push(&l3, sg_totalfit_glue(6, 3, 2, 5));
	S_push(&l3, sg_totalfit_box(30, 6));
	S_break(&tf, &l3, 100, NULL);
	S_check_sane(&tf, &l3);
	for (size_t k = 0; k < tf.nlines; k++)
		assert_int_not_equal(tf.lines[k].end, 3);
	assert_int_equal(tf.stats.pass, 3);
	assert_int_equal(tf.nlines, 2);
	assert_int_equal(tf.lines[0].end, 1);
	assert_int_equal(tf.stats.overfull, 0);
	sg_totalfit_dispose(&tf);
	S_free(&l);
	S_free(&l2);
	S_free(&l3);
}

/* ---- limits ----------------------------------------------------------- */

static void test_emergency_overfull(void **state)
{
	(void)state;
	/* A box three times the measure: one overfull line holding it alone,
	 * sticking out by 200 points; the rest set normally. */
	S_list l = {0};
	static const double w[] = {20, 20, 300, 20, 20};
	S_words(&l, w, 5);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 100, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 3);
	assert_int_equal(tf.stats.overfull, 1);
	size_t found = 0;
	for (size_t k = 0; k < tf.nlines; k++) {
		const sg_totalfit_line *ln = &tf.lines[k];
		if (!ln->overfull)
			continue;
		found++;
		assert_int_equal(ln->start, 4);
		assert_int_equal(ln->end, 5);
		assert_true(fabs(ln->excess - 200) < 1e-9);
	}
	assert_int_equal(found, 1);
	assert_int_equal(tf.nlines, 3);

	/* One box alone, wider than the measure. */
	S_list one = {0};
	S_push(&one, sg_totalfit_box(250, 0));
	S_break(&tf, &one, 100, NULL);
	S_check_sane(&tf, &one);
	assert_int_equal(tf.nlines, 1);
	assert_true(tf.lines[0].overfull);
	assert_true(fabs(tf.lines[0].excess - 150) < 1e-9);
	sg_totalfit_dispose(&tf);
	S_free(&l);
	S_free(&one);
}

static void test_shrink_limit(void **state)
{
	(void)state;
	/* Five words of 20 and four spaces: 124 points natural, 8 of shrink. At
	 * 116 they fit on one line with all the shrink (r = -1); at 115 they
	 * would need more than all of it, so two lines it is, however loose. */
	static const double w[] = {20, 20, 20, 20, 20};
	S_list l = {0};
	S_words(&l, w, 5);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 116, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 1);
	assert_true(fabs(tf.lines[0].ratio + 1) < 1e-9);
	assert_int_equal(tf.lines[0].fitness, SG_TOTALFIT_TIGHT);
	assert_false(tf.lines[0].overfull);

	S_break(&tf, &l, 115, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 2);
	assert_int_equal(tf.stats.overfull, 0);
	assert_true(tf.lines[0].ratio > 0);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_empty_and_one_box(void **state)
{
	(void)state;
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	double width = 100;
	sg_totalfit_break(&tf, NULL, 0, &width, 1, NULL);
	assert_int_equal(tf.nlines, 0);
	assert_int_equal(tf.stats.pass, 0);

	sg_totalfit_item box = sg_totalfit_box(30, 7);
	sg_totalfit_break(&tf, &box, 1, &width, 1, NULL);
	assert_int_equal(tf.nlines, 1);
	assert_int_equal(tf.lines[0].start, 0);
	assert_int_equal(tf.lines[0].end, 1);
	assert_true(tf.lines[0].ratio == 0 && tf.lines[0].badness == 0);
	assert_false(tf.lines[0].overfull);
	assert_true(tf.lines[0].natural == 30 && tf.lines[0].width == 100);
	assert_int_equal(tf.stats.pass, 1);
	sg_totalfit_dispose(&tf);
}

/* ---- Chinese rules expressed as items ------------------------------------ */

/* Han characters in [start, end) of line k (other boxes have indexes from
 * 1000). */
static size_t S_han_on_line(const sg_totalfit *tf, const S_list *l, size_t k)
{
	size_t count = 0;
	for (size_t j = tf->lines[k].start; j < tf->lines[k].end; j++)
		if (l->it[j].kind == SG_TOTALFIT_BOX && l->it[j].index < 1000)
			count++;
	return count;
}

static void test_last_line_two_han(void **state)
{
	(void)state;
	/* 21 characters and a full stop that may not start a line: at ten a
	 * line, the last holds one character and the stop. */
	S_list l = {0};
	S_han(&l, 21, NULL);
	S_push(&l, sg_totalfit_box(10, 1000)); /* 。, no break before it */
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 100, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 3);
	assert_int_equal(S_han_on_line(&tf, &l, 2), 1);

	/* The rule: no break before the last character. */
	bool forbid[21] = {false};
	forbid[20] = true;
	S_list l2 = {0};
	S_han(&l2, 21, forbid);
	S_push(&l2, sg_totalfit_box(10, 1000));
	S_break(&tf, &l2, 100, NULL);
	S_check_sane(&tf, &l2);
	assert_int_equal(tf.nlines, 3);
	assert_true(S_han_on_line(&tf, &l2, 2) >= 2);
	assert_int_equal(tf.stats.overfull, 0);
	sg_totalfit_dispose(&tf);
	S_free(&l);
	S_free(&l2);
}

static void test_punctuation_compression(void **state)
{
	(void)state;
	/* Eight characters, a comma (ink 5, blank 5 as shrink), one character
	 * more and eleven after: at measure 96 the first line holds the comma
	 * and the character after it only because the comma's blank gives 4 of
	 * its 5 points (r = -0.8); without that shrink it could not. */
	for (int shrink = 1; shrink >= 0; shrink--) {
		S_list l = {0};
		S_han(&l, 8, NULL);
		S_push(&l, sg_totalfit_box(5, 1000));
		S_push(&l, sg_totalfit_glue(5, 0, shrink ? 5 : 0, 1000));
		S_push(&l, sg_totalfit_box(10, 8));
		S_push(&l, sg_totalfit_glue(0, 1, 0, 9));
		S_han(&l, 11, NULL);
		sg_totalfit tf;
		sg_totalfit_init(&tf);
		S_break(&tf, &l, 96, NULL);
		S_check_sane(&tf, &l);
		if (shrink) {
			assert_int_equal(tf.stats.pass, 1);
			assert_int_equal(l.it[tf.lines[0].end].index, 9);
			assert_true(fabs(tf.lines[0].ratio + 0.8) < 1e-9);
		} else {
			assert_int_not_equal(l.it[tf.lines[0].end].index, 9);
		}
		sg_totalfit_dispose(&tf);
		S_free(&l);
	}
}

static void test_long_token(void **state)
{
	(void)state;
	/* www.example.com/path/to/a/page after some characters: the token is
	 * wider than the measure; it breaks after . and / at a cost, with no
	 * width added. A line of the token alone has nothing to stretch, so it
	 * is underfull (badness 10,000) and only the emergency pass takes it;
	 * nothing sticks out. */
	static const double parts[] = {30, 55, 35, 30, 20, 10, 40};
	S_list l = {0};
	S_han(&l, 6, NULL);
	S_push(&l, sg_totalfit_glue(2.5, 0.5, 0.5, 1050)); /* autospace */
	for (size_t k = 0; k < 7; k++) {
		if (k > 0)
			S_push(&l, sg_totalfit_penalty(0, 100, false, 1200 + k));
		S_push(&l, sg_totalfit_box(parts[k], 1100 + k));
	}
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 100, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.overfull, 0);
	assert_int_equal(tf.stats.pass, 3);
	assert_int_equal(tf.nlines, 3);
	assert_int_equal(l.it[tf.lines[0].end].index, 1201); /* after www. */
	assert_int_equal(l.it[tf.lines[1].end].index, 1203); /* after example.com/ */
	assert_true(tf.lines[1].badness == SG_TOTALFIT_INF_BAD && tf.lines[1].ratio == 0);
	bool inside = false;
	for (size_t k = 0; k + 1 < tf.nlines; k++) {
		const sg_totalfit_item *at = &l.it[tf.lines[k].end];
		if (at->kind == SG_TOTALFIT_PENALTY) {
			inside = true;
			double sum = 0;
			for (size_t j = tf.lines[k].start; j < tf.lines[k].end; j++)
				sum += l.it[j].width;
			assert_true(fabs(tf.lines[k].natural - sum) < 1e-9);
		}
	}
	assert_true(inside);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

/* ---- demerits ------------------------------------------------------------- */

static void test_fitness_demerits(void **state)
{
	(void)state;
	/* Without fitness demerits the best is a decent line (r = -0.5) followed
	 * by a very loose one (r = 1.33); with them, a very loose, a loose and the
	 * last line, no two neighbours two classes apart. */
	static const double w[] = {60, 25, 15, 15, 15, 15, 25, 50, 55, 10, 55};
	S_list l = {0};
	S_words(&l, w, sizeof w / sizeof *w);
	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	for (int with = 0; with <= 1; with++) {
		p.fitness_demerits = with ? 10000 : 0;
		S_break(&tf, &l, 170, &p);
		S_check_sane(&tf, &l);
		bool apart = false;
		for (size_t k = 1; k < tf.nlines; k++)
			if (abs(tf.lines[k].fitness - tf.lines[k - 1].fitness) > 1)
				apart = true;
		assert_int_equal(tf.nlines, 3);
		if (with) {
			assert_int_equal(tf.lines[0].end, 9);
			assert_false(apart);
		} else {
			assert_int_equal(tf.lines[0].end, 11);
			assert_int_equal(tf.lines[0].fitness, SG_TOTALFIT_DECENT);
			assert_int_equal(tf.lines[1].fitness, SG_TOTALFIT_VERY_LOOSE);
			assert_true(apart);
		}
	}
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_flagged_breaks(void **state)
{
	(void)state;
	/* The first line can only end at the hyphenation point (60, a space, 30
	 * and a hyphen of 5: 101 points, 2 of shrink); pass 1 leaves hyphens
	 * out, so the paragraph is set in pass 2, with the hyphen's width on
	 * the line. */
	S_list l = {0};
	S_push(&l, sg_totalfit_box(60, 0));
	S_push(&l, sg_totalfit_glue(6, 3, 2, 1));
	S_push(&l, sg_totalfit_box(30, 2));
	S_push(&l, sg_totalfit_penalty(5, 50, true, 3));
	S_push(&l, sg_totalfit_box(30, 4));
	S_push(&l, sg_totalfit_glue(6, 3, 2, 5));
	S_push(&l, sg_totalfit_box(40, 6));
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 100, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 2);
	assert_int_equal(tf.nlines, 2);
	assert_int_equal(tf.lines[0].end, 3);
	assert_true(fabs(tf.lines[0].natural - 101) < 1e-9);
	assert_true(fabs(tf.lines[0].ratio + 0.5) < 1e-9);

	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	p.flagged_first = true;
	S_break(&tf, &l, 100, &p);
	assert_int_equal(tf.stats.pass, 1);
	assert_int_equal(tf.lines[0].end, 3);

	/* At 98 the hyphen's 5 points make that line overflow (99 at most
	 * shrink): it is not taken, and nothing is overfull. */
	S_break(&tf, &l, 98, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.overfull, 0);
	for (size_t k = 0; k < tf.nlines; k++)
		assert_int_not_equal(tf.lines[k].end, 3);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_flagged_demerits(void **state)
{
	(void)state;
	/* Words with hyphenation points ("h": a flagged penalty of width 5 and
	 * cost 50). Free of flagged demerits, the best ends the first two lines
	 * with hyphens; flagged_demerits (two in a row) or final_flagged_demerits
	 * (a hyphen on the last line but one) each move the second break to the
	 * space after. */
	static const char *const spec[] = {"30", "h", "25", " ", "10", " ", "10", " ",
					   "25", "h", "10", " ", "60", " ", "10", " ",
					   "30", "h", "10", " ", "50", " ", "25", " ", "10"};
	S_list l = {0};
	for (size_t k = 0; k < sizeof spec / sizeof *spec; k++) {
		if (spec[k][0] == 'h')
			S_push(&l, sg_totalfit_penalty(5, 50, true, k));
		else if (spec[k][0] == ' ')
			S_push(&l, sg_totalfit_glue(6, 3, 2, k));
		else
			S_push(&l, sg_totalfit_box(atof(spec[k]), k));
	}
	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	static const struct {
		double flagged, final;
		size_t second;
	} cases[] = {{0, 0, 17}, {10000, 0, 19}, {0, 5000, 19}};
	for (size_t c = 0; c < 3; c++) {
		p.flagged_demerits = cases[c].flagged;
		p.final_flagged_demerits = cases[c].final;
		S_break(&tf, &l, 140, &p);
		S_check_sane(&tf, &l);
		assert_int_equal(tf.nlines, 3);
		assert_int_equal(tf.lines[0].end, 9);
		assert_int_equal(tf.lines[1].end, cases[c].second);
	}
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_line_widths(void **state)
{
	(void)state;
	/* Beside a float: the first two lines 50 wide, then 100. */
	S_list l = {0};
	S_han(&l, 30, NULL);
	double widths[] = {50, 50, 100};
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	sg_totalfit_break(&tf, l.it, l.n, widths, 3, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.nlines, 4);
	assert_true(tf.lines[0].width == 50 && tf.lines[1].width == 50);
	assert_true(tf.lines[2].width == 100 && tf.lines[3].width == 100);
	assert_int_equal(S_han_on_line(&tf, &l, 0), 5);
	assert_int_equal(S_han_on_line(&tf, &l, 1), 5);
	assert_int_equal(S_han_on_line(&tf, &l, 2), 10);
	assert_int_equal(S_han_on_line(&tf, &l, 3), 10);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_bad_numbers(void **state)
{
	(void)state;
	/* NaN, infinities and negatives in the input: a result, all finite. */
	S_list l = {0};
	S_push(&l, sg_totalfit_box(NAN, 0));
	S_push(&l, sg_totalfit_glue(INFINITY, NAN, -5, 1));
	S_push(&l, sg_totalfit_box(1e300, 2));
	S_push(&l, sg_totalfit_glue(-3, INFINITY, INFINITY, 3));
	S_push(&l, sg_totalfit_box(20, 4));
	S_push(&l, sg_totalfit_penalty(NAN, NAN, true, 5));
	S_push(&l, sg_totalfit_box(-20, 6));
	S_push(&l, sg_totalfit_penalty(0, -INFINITY, false, 7));
	S_push(&l, sg_totalfit_box(20, 8));
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	double widths[] = {NAN, INFINITY, -1, 100};
	for (size_t k = 0; k < 4; k++) {
		sg_totalfit_break(&tf, l.it, l.n, &widths[k], 1, NULL);
		S_check_sane(&tf, &l);
		assert_true(tf.nlines >= 1);
	}
	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	p.tolerance1 = NAN;
	p.tolerance2 = INFINITY;
	p.line_penalty = NAN;
	p.fitness_demerits = -INFINITY;
	p.max_active = 0;
	sg_totalfit_break(&tf, l.it, l.n, widths, 4, &p);
	S_check_sane(&tf, &l);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

/* ---- cost ------------------------------------------------------------------ */

/* Chinese text of about n items, measure 300 (30 characters), a comma in
 * every twelve characters or so; wide: a box of 1000 points nine tenths in. */
static void S_long_chinese(S_list *l, size_t n, bool wide)
{
	unsigned seed = 1;
	size_t k = 0;
	while (l->n + 2 < n) {
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 12 == 0) {
			S_push(l, sg_totalfit_box(5, k));
			S_push(l, sg_totalfit_glue(5, 0, 5, k));
		} else {
			S_push(l, sg_totalfit_box(10, k));
			S_push(l, sg_totalfit_glue(0, 0.5, 0, k));
		}
		if (wide && l->n / 2 == n * 9 / 20)
			S_push(l, sg_totalfit_box(1000, k));
		k++;
	}
	S_push(l, sg_totalfit_box(10, k));
}

static void test_long_paragraph(void **state)
{
	(void)state;
	/* 100,000 items: the work grows with the items, a few costings each
	 * (5 measured), not with the items times the open breaks. */
	S_list l = {0};
	S_long_chinese(&l, 100000, false);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 300, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 1);
	assert_int_equal(tf.stats.overfull, 0);
	assert_int_equal(tf.stats.dropped, 0);
	assert_true(tf.nlines > 1600 && tf.nlines < 1700);
	assert_true(S_worst_ratio(&tf) <= 1 + 1e-9);
	assert_true(tf.stats.evaluations <= 10 * l.n);
	assert_true(tf.stats.max_active <= 200);

	/* The same solver, reused for a paragraph of one box. */
	sg_totalfit_item box = sg_totalfit_box(30, 0);
	double width = 100;
	sg_totalfit_break(&tf, &box, 1, &width, 1, NULL);
	assert_int_equal(tf.nlines, 1);
	assert_int_equal(tf.lines[0].end, 1);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_max_active(void **state)
{
	(void)state;
	/* Glue that stretches ten times its box: a line of 10 to 100 boxes is
	 * within tolerance, so nearly every break is reached and stays open for
	 * a hundred more. With at most 8 kept, the oldest go, and there is still
	 * a result. */
	S_list l = {0};
	for (size_t k = 0; k < 400; k++) {
		if (k > 0)
			S_push(&l, sg_totalfit_glue(0, 100, 0, k));
		S_push(&l, sg_totalfit_box(10, k));
	}
	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 1000, &p);
	assert_true(tf.stats.max_active > 100);
	assert_int_equal(tf.stats.dropped, 0);
	p.max_active = 8;
	S_break(&tf, &l, 1000, &p);
	S_check_sane(&tf, &l);
	assert_true(tf.stats.dropped > 0);
	assert_true(tf.stats.max_active <= 8 + 4);
	assert_true(tf.nlines >= 2);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

static void test_long_paragraph_emergency(void **state)
{
	(void)state;
	/* 20,000 items with a box wider than the measure near the end: passes 1
	 * and 2 give up there, the emergency pass costs every open break at
	 * every break (46 costings an item measured). */
	S_list l = {0};
	S_long_chinese(&l, 20000, true);
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 300, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 3);
	assert_int_equal(tf.stats.overfull, 1);
	assert_true(tf.stats.evaluations <= 100 * l.n);
	assert_true(tf.stats.max_active <= 200);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

/* Lines looser than r, counted. */
static size_t S_looser(const sg_totalfit *tf, double r)
{
	size_t n = 0;
	for (size_t k = 0; k < tf->nlines; k++)
		n += tf->lines[k].ratio > r;
	return n;
}

/* Twelve Han characters (a full line at 120) and then English that no
 * tolerance can set (a word space or two a line, the words wide): the
 * emergency pass runs. Its default badness, squares of 100 r^3, spreads
 * the looseness: the Chinese line gives up five characters and five lines
 * end up looser than r = 2.5. Told that no line is ever set looser than
 * r = 2 (emergency_ratio, with a point of slack), the pass counts the lines
 * it must leave short and the room they leave: three are looser. */
static void test_emergency_ratio(void **state)
{
	(void)state;
	static const double words[] = {22, 56, 43, 38, 58, 56, 23, 22, 28, 60};
	S_list l = {0};
	for (size_t k = 0; k < 12; k++) {
		if (k > 0)
			S_push(&l, sg_totalfit_glue(0, 0.6, 0, k));
		S_push(&l, sg_totalfit_box(10, k));
	}
	S_push(&l, sg_totalfit_glue(0, 0.6, 0, 12));
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (i > 0)
			S_push(&l, sg_totalfit_glue(4, 2, 1.3, 100 + i));
		S_push(&l, sg_totalfit_box(words[i], 100 + i));
	}
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	S_break(&tf, &l, 120, NULL);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 3);
	assert_true(tf.lines[0].ratio > 2);
	assert_int_equal(S_looser(&tf, 2.5), 5);

	sg_totalfit_params p;
	sg_totalfit_params_default(&p);
	p.emergency_ratio = 2;
	p.emergency_slack = 1;
	S_break(&tf, &l, 120, &p);
	S_check_sane(&tf, &l);
	assert_int_equal(tf.stats.pass, 3);
	assert_int_equal(S_looser(&tf, 2.5), 3);
	sg_totalfit_dispose(&tf);
	S_free(&l);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evens_out),
		cmocka_unit_test(test_forced_break),
		cmocka_unit_test(test_forbidden_breaks),
		cmocka_unit_test(test_emergency_overfull),
		cmocka_unit_test(test_shrink_limit),
		cmocka_unit_test(test_empty_and_one_box),
		cmocka_unit_test(test_last_line_two_han),
		cmocka_unit_test(test_punctuation_compression),
		cmocka_unit_test(test_long_token),
		cmocka_unit_test(test_fitness_demerits),
		cmocka_unit_test(test_flagged_breaks),
		cmocka_unit_test(test_flagged_demerits),
		cmocka_unit_test(test_max_active),
		cmocka_unit_test(test_line_widths),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_long_paragraph),
		cmocka_unit_test(test_long_paragraph_emergency),
		cmocka_unit_test(test_emergency_ratio),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
