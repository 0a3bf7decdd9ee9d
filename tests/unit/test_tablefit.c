/*
 * test_tablefit.c - a table's column widths from what its columns need, the
 * spaces that bind a number to its unit, and a header's two-line width
 * (layout/tablefit.h).
 */
#include "support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/tablefit.h"

#define S_NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static double S_sum(const double *w, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += w[i];
	return s;
}

static void test_widths_everything_fits(void **state)
{
	(void)state;
	/* Full widths 50 + 100 in 300: each doubled, in proportion. */
	sg_colneed need[] = {{20, 40, 50}, {30, 100, 100}};
	double w[2];
	sg_tablefit_widths(w, need, 2, 300);
	S_NEAR(w[0], 100);
	S_NEAR(w[1], 200);
}

static void test_widths_headers_widen(void **state)
{
	(void)state;
	/* "Yuan per month" over short numbers: the maxima (40 + 100) fit 160
	 * but not the full widths (70 + 100); the header column takes the 20
	 * left of the 30 it wants. */
	sg_colneed need[] = {{30, 40, 70}, {50, 100, 100}};
	double w[2];
	sg_tablefit_widths(w, need, 2, 160);
	S_NEAR(w[0], 60);
	S_NEAR(w[1], 100);
}

static void test_widths_short_columns_first(void **state)
{
	(void)state;
	/* Numbers (60) and a short label (45) want no more than an equal
	 * share (91.75) and get what they want; the two text columns share the
	 * rest, 262, in proportion to what they want beyond their minimum (180
	 * and 300). The number column is never wider than its widest number. */
	sg_colneed need[] = {{20, 200, 200}, {60, 60, 60}, {30, 330, 330}, {45, 45, 45}};
	double w[4];
	sg_tablefit_widths(w, need, 4, 367);
	S_NEAR(w[1], 60);
	S_NEAR(w[3], 45);
	S_NEAR(w[0], 20 + 180 * 212.0 / 480);
	S_NEAR(w[2], 30 + 300 * 212.0 / 480);
	S_NEAR(S_sum(w, 4), 367);
}

static void test_widths_never_below_minimum(void **state)
{
	(void)state;
	/* The short columns would leave the long ones less than their
	 * minimums: every column then shares the whole width, each at least
	 * its minimum. */
	sg_colneed need[] = {{10, 55, 55}, {10, 55, 55}, {90, 400, 400}, {90, 400, 400}};
	double w[4];
	sg_tablefit_widths(w, need, 4, 250);
	for (size_t c = 0; c < 4; c++)
		assert_true(w[c] >= need[c].min - 1e-9 && w[c] <= need[c].max + 1e-9);
	S_NEAR(S_sum(w, 4), 250);
}

static void test_widths_too_narrow(void **state)
{
	(void)state;
	/* Minimums 100 + 300 in 200: in proportion to them. */
	sg_colneed need[] = {{100, 150, 150}, {300, 300, 300}};
	double w[2];
	sg_tablefit_widths(w, need, 2, 200);
	S_NEAR(w[0], 50);
	S_NEAR(w[1], 150);
}

/* The text of s with each binding space shown as '~'. */
static char *S_bound(const char *s)
{
	size_t *at = NULL, cap = 0;
	size_t n = sg_tablefit_binds(s, strlen(s), &at, &cap);
	char *r = strdup(s);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r[at[i]], ' ');
		r[at[i]] = '~';
	}
	free(at);
	return r;
}

static void test_binds(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"14,016 千瓦时 × 0.95 元", "14,016~千瓦时 ×~0.95~元"},
		{"CNY 86,400", "CNY~86,400"},
		{"CNY 12,000/month × 12 × 2 × 40%", "CNY~12,000/month ×~12 ×~2 ×~40%"},
		{"300 users", "300~users"},
		{"¥180,000 ÷ 5 年", "¥180,000 ÷~5~年"},
		{"CNY 48,000 / 5 years", "CNY~48,000 /~5~years"},
		{"¥ 96", "¥~96"},
		{"1,000 用户", "1,000~用户"},
		/* Not a number before, nor a number after: left as they are. */
		{"¥120 / 用户 / 年", "¥120 / 用户 / 年"},
		{"8.5折（优惠 15%）", "8.5折（优惠 15%）"},
		{"Voice line, 30 tier", "Voice line, 30~tier"},
		{"in section 2, that", "in section 2, that"},
		{"Cost  2  年", "Cost  2  年"}, /* two spaces: not ours to bind */
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = S_bound(cases[i][0]);
		if (strcmp(got, cases[i][1]) != 0)
			fail_msg("'%s' bound as '%s', not '%s'", cases[i][0], got, cases[i][1]);
		free(got);
	}
}

/* Lines of one line holding words of the given widths, a space of 3
 * between each two (a break opportunity after it), or with cjk each word
 * one character and a break after each. */
static void S_lines(sg_lines *l, const double *words, size_t n, bool cjk)
{
	sg_lines_init(l);
	l->items = calloc(2 * n, sizeof *l->items);
	for (size_t i = 0; i < n; i++) {
		sg_item *it = &l->items[l->nitems++];
		it->advance = words[i];
		if (cjk) {
			it->brk = i + 1 < n ? SG_BREAK_ALLOW : SG_BREAK_NONE;
			it->flags = SG_ITEM_CJK;
		} else if (i + 1 < n) {
			sg_item *sp = &l->items[l->nitems++];
			sp->advance = 3;
			sp->flags = SG_ITEM_SPACE;
			sp->brk = SG_BREAK_ALLOW;
		}
	}
	l->items_cap = 2 * n;
}

static void test_two_lines(void **state)
{
	(void)state;
	sg_lines l;
	/* "Yuan per month": 24 3 16 3 30; the best break is after "per":
	 * 24 + 3 + 16 = 43 above, 30 below. */
	double yuan[] = {24, 16, 30};
	S_lines(&l, yuan, 3, false);
	S_NEAR(sg_tablefit_two_lines(&l), 43);
	sg_lines_dispose(&l);
	/* Five characters of 10: three above, two below. */
	double han[] = {10, 10, 10, 10, 10};
	S_lines(&l, han, 5, true);
	S_NEAR(sg_tablefit_two_lines(&l), 30);
	sg_lines_dispose(&l);
	/* One word: no break, its own width. */
	double one[] = {42};
	S_lines(&l, one, 1, false);
	S_NEAR(sg_tablefit_two_lines(&l), 42);
	sg_lines_dispose(&l);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths_everything_fits),
		cmocka_unit_test(test_widths_headers_widen),
		cmocka_unit_test(test_widths_short_columns_first),
		cmocka_unit_test(test_widths_never_below_minimum),
		cmocka_unit_test(test_widths_too_narrow),
		cmocka_unit_test(test_binds),
		cmocka_unit_test(test_two_lines),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
