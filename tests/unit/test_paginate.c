/*
 * test_paginate.c - the flow broken into pages (layout/paginate.c), on flows
 * made by hand: items of given heights, each drawn as one filled box whose
 * colour is the item's number, so that where every item went can be read
 * back from the pages. No fonts, no line breaking: the rules alone.
 *
 * A heading keeps two lines of what follows it; a space that does not fit
 * ends its page; a last page that only ends a section joins the page
 * before when the spaces of both, shrunk to no less than half, let it, and
 * otherwise takes the whole section when little of it stood on the page
 * before; a forced break stays where it is.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "layout/layout_int.h"

#define S_TOP 50.0

typedef struct S_flow {
	sg_flow f;
	sg_layout l;
	int next; /* the next item's number */
} S_flow;

static void S_init(S_flow *t)
{
	sg_flow_init(&t->f);
	sg_layout_init(&t->l);
	t->next = 1;
}

static void S_dispose(S_flow *t)
{
	sg_flow_dispose(&t->f);
	sg_layout_dispose(&t->l);
}

/* A line (any item with something drawn) h tall with before above it;
 * returns its number. */
static int S_line(S_flow *t, double h, double before, bool keep)
{
	sg_vitem *v = sg_flow_item(&t->f, h, before);
	v->keep = keep;
	sg_flow_box(&t->f, SG_BOX_FILL, 0, 0, 100, h)->color = (uint32_t)t->next;
	return t->next++;
}

/* A space h tall: an item with nothing drawn. */
static void S_space(S_flow *t, double h, bool keep)
{
	sg_flow_item(&t->f, h, 0)->keep = keep;
}

/* A heading of one line, with the space after it, as blocks.c makes it. */
static int S_heading(S_flow *t, double h, double before, double after)
{
	SG_GROW(t->l.headings, t->l.nheadings, t->l.headings_cap);
	memset(&t->l.headings[t->l.nheadings], 0, sizeof *t->l.headings);
	int n = S_line(t, h, before, true);
	t->f.items[t->f.n - 1].heading = (int)t->l.nheadings++;
	S_space(t, after, true);
	return n;
}

/* The page (1-based) item n's box is on, or 0; *y its top on the page. */
static int S_page_of(const S_flow *t, int n, double *y)
{
	for (size_t p = 0; p < t->l.npages; p++)
		for (size_t i = 0; i < t->l.pages[p].n; i++) {
			const sg_box *b = &t->l.pages[p].boxes[i];
			if (b->kind == SG_BOX_FILL && b->color == (uint32_t)n) {
				if (y)
					*y = b->y;
				return (int)p + 1;
			}
		}
	return 0;
}

static void S_paginate(S_flow *t, double height)
{
	sg_flow_paginate(&t->f, &t->l, 0, S_TOP, height);
}

static void test_heading_keeps_two_lines(void **state)
{
	(void)state;
	/* A body of 100: three lines, then a heading and two list items of
	 * which only the first fits. The heading and its first item must not
	 * stay at the foot with the second overleaf. */
	S_flow t;
	S_init(&t);
	for (int i = 0; i < 3; i++)
		S_line(&t, 20, 0, false);
	int h = S_heading(&t, 15, 0, 5);
	int a = S_line(&t, 15, 0, false);
	int b = S_line(&t, 15, 3, false);
	S_line(&t, 15, 3, false);
	S_paginate(&t, 100);
	assert_int_equal(S_page_of(&t, h, NULL), 2);
	assert_int_equal(S_page_of(&t, a, NULL), 2);
	assert_int_equal(S_page_of(&t, b, NULL), 2);
	S_dispose(&t);
}

static void test_heading_one_line_section(void **state)
{
	(void)state;
	/* A section of one line ends where the next heading begins: the rule
	 * keeps what there is, and does not drag the next section along. */
	S_flow t;
	S_init(&t);
	for (int i = 0; i < 3; i++)
		S_line(&t, 20, 0, false);
	int h1 = S_heading(&t, 10, 0, 0);
	int a = S_line(&t, 10, 0, false);
	int h2 = S_heading(&t, 10, 0, 0);
	S_line(&t, 10, 0, false);
	S_line(&t, 10, 0, false);
	S_paginate(&t, 100);
	assert_int_equal(S_page_of(&t, h1, NULL), 1);
	assert_int_equal(S_page_of(&t, a, NULL), 1);
	assert_int_equal(S_page_of(&t, h2, NULL), 2);
	S_dispose(&t);
}

static void test_space_ends_page(void **state)
{
	(void)state;
	/* The page is full; the space after it is not carried over: the next
	 * line starts the next page at its top. */
	S_flow t;
	S_init(&t);
	for (int i = 0; i < 5; i++)
		S_line(&t, 20, 0, false);
	S_space(&t, 10, false);
	int c = S_line(&t, 20, 0, false);
	S_paginate(&t, 100);
	double y = 0;
	assert_int_equal(S_page_of(&t, c, &y), 2);
	assert_true(y > S_TOP - 1e-6 && y < S_TOP + 1e-6);
	assert_int_equal(t.l.npages, 2);
	S_dispose(&t);
}

/* A section of n list items under a heading, after a heading and filler
 * lines; returns the last item's number. */
static int S_list_section(S_flow *t, int filler, int n, double before)
{
	S_heading(t, 20, 0, 10);
	for (int i = 0; i < filler; i++)
		S_line(t, 20, 0, false);
	S_heading(t, 20, 16, 8);
	int last = 0;
	for (int i = 0; i < n; i++)
		last = S_line(t, 15, before, false);
	return last;
}

static void test_last_page_squeezed(void **state)
{
	(void)state;
	/* 30 + 3 x 20 + 44 + 4 x 21 = 218 in a body of 200: the last item goes
	 * over, alone. The spaces of the two pages (10, 16 + 8, 4 x 6 = 58)
	 * shrunk by 18 take it back: one page, the last item within it. */
	S_flow t;
	S_init(&t);
	int last = S_list_section(&t, 3, 4, 6);
	S_paginate(&t, 200);
	double y = 0;
	assert_int_equal(t.l.npages, 1);
	assert_int_equal(S_page_of(&t, last, &y), 1);
	assert_true(y + 15 <= S_TOP + 200 + 1e-6);
	S_dispose(&t);
}

static void test_last_page_not_squeezed_past_half(void **state)
{
	(void)state;
	/* Three items over: 60 more than the body, with 58 of spaces, which
	 * would have to shrink by more than half. The section on page 1 (its
	 * heading and three items, 91 of a body of 200) is more than a third of
	 * a page, so it stays where it is: two pages as planned. */
	S_flow t;
	S_init(&t);
	int last = S_list_section(&t, 3, 6, 6);
	S_paginate(&t, 200);
	assert_int_equal(t.l.npages, 2);
	assert_int_equal(S_page_of(&t, last, NULL), 2);
	S_dispose(&t);
}

static void test_last_page_takes_section(void **state)
{
	(void)state;
	/* The last section's heading and first two items stand at the foot of
	 * page 1 (less than a third of it), its last items alone on page 2,
	 * and no shrinking of spaces brings them back: the section starts
	 * page 2 instead. */
	S_flow t;
	S_init(&t);
	S_heading(&t, 20, 0, 0);
	for (int i = 0; i < 6; i++)
		S_line(&t, 20, 0, false);
	int h = S_heading(&t, 20, 0, 0);
	for (int i = 0; i < 4; i++)
		S_line(&t, 20, 0, false);
	S_paginate(&t, 200);
	assert_int_equal(t.l.npages, 2);
	assert_int_equal(S_page_of(&t, h, NULL), 2);
	S_dispose(&t);
}

static void test_forced_break_kept(void **state)
{
	(void)state;
	/* A last page that starts at a forced break is as the author wants. */
	S_flow t;
	S_init(&t);
	S_heading(&t, 20, 0, 10);
	for (int i = 0; i < 3; i++)
		S_line(&t, 20, 4, false);
	sg_flow_item(&t.f, 0, 0)->page_break = true;
	int last = S_line(&t, 20, 4, false);
	S_paginate(&t, 200);
	assert_int_equal(t.l.npages, 2);
	assert_int_equal(S_page_of(&t, last, NULL), 2);
	S_dispose(&t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_keeps_two_lines),
		cmocka_unit_test(test_heading_one_line_section),
		cmocka_unit_test(test_space_ends_page),
		cmocka_unit_test(test_last_page_squeezed),
		cmocka_unit_test(test_last_page_not_squeezed_past_half),
		cmocka_unit_test(test_last_page_takes_section),
		cmocka_unit_test(test_forced_break_kept),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
