/*
 * test_linerules.c - the typesetting rules of linebreak.h's design note, as
 * positions and breaks: punctuation compression, the quarter em between Han
 * and Latin, dropped spaces, numbers with their units, the last line, no
 * letter-spacing, long tokens, hyphenation, code kept as written.
 *
 * Set at 12 pt in the default fonts (WenQuanYi Micro Hei, DejaVu Sans):
 * every Han character and full-width mark is 12 pt wide; WenQuanYi's ），。
 * have their ink on the left and （“ on the right.
 */
#include "support.h"

#include <math.h>
#include <string.h>

#include "base/cjkspace.h"
#include "layout/font.h"
#include "layout/linebreak.h"
#include "layout/totalfit.h"

#define EM 12.0

static const sg_fontset *S_fs(void)
{
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make("t", 1, 1), &d);
	assert_non_null(fs);
	sg_diags_dispose(&d);
	return fs;
}

/* text broken at width (justify as told) into l; flags for the paragraph. */
static void S_set(sg_lines *l, const char *text, double width, bool justify, uint8_t punct,
		  bool hyphenate, bool verbatim)
{
	sg_para p;
	sg_para_init(&p);
	p.punct = punct;
	p.hyphenate = hyphenate;
	p.verbatim = verbatim;
	sg_para_add(&p, text, strlen(text), SG_FONT_REGULAR, EM);
	sg_linebreak(l, &p, S_fs(), width, justify);
	sg_para_dispose(&p);
}

static void S_break(sg_lines *l, const char *text, double width)
{
	S_set(l, text, width, true, SG_PUNCT_MAINLAND, false, false);
}

/* The index of the n-th item (from 0) whose code point is cp. */
static size_t S_find(const sg_lines *l, uint32_t cp, int n)
{
	for (size_t k = 0; k < l->nitems; k++)
		if (l->items[k].cp == cp && n-- == 0)
			return k;
	fail_msg("no item U+%04X", (unsigned)cp);
	return 0;
}

/* The line holding item k. */
static size_t S_line_of(const sg_lines *l, size_t k)
{
	for (size_t i = 0; i < l->nlines; i++)
		if (k >= l->lines[i].first && k < l->lines[i].end)
			return i;
	fail_msg("item %zu is on no line", k);
	return 0;
}

/* The distance from item a's origin to item b's (b after a, one line). */
static double S_gap(const sg_lines *l, size_t a, size_t b)
{
	assert_int_equal(S_line_of(l, a), S_line_of(l, b));
	return l->items[b].x - l->items[a].x;
}

/* All the lines' text, "a / b / c". */
static void S_text(const sg_lines *l, sg_buf *b)
{
	sg_buf_clear(b);
	for (size_t i = 0; i < l->nlines; i++) {
		if (i > 0)
			sg_buf_puts(b, " / ");
		sg_lines_text(l, i, b);
	}
}

/* ---- punctuation ------------------------------------------------------- */

/* Of two adjacent full-width marks one is set half width, its ink where it
 * was: a closing mark gives up its right half, an opening mark after an
 * opening mark its left. punctuation: none keeps every mark an em. */
static void test_adjacent_marks(void **state)
{
	(void)state;
	const char *text = "合同（含税），已签。“见《附件》”。";
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, text, 1000);
	assert_int_equal(l.nlines, 1);
	size_t close = S_find(&l, 0xFF09, 0), comma = S_find(&l, 0xFF0C, 0);
	/* ）， : the bracket is less than three quarters of an em wide. */
	assert_true(S_gap(&l, close, comma) < 0.75 * EM);
	assert_true(S_gap(&l, close, comma) >= 0.5 * EM - 1e-9);
	/* ”。 : the same for a closing quote before a stop. */
	size_t rq = S_find(&l, 0x201D, 0), stop = S_find(&l, 0x3002, 1);
	assert_true(S_gap(&l, rq, stop) < 0.75 * EM);
	/* 。“ : the stop before an opening quote. */
	size_t stop0 = S_find(&l, 0x3002, 0), lq = S_find(&l, 0x201C, 0);
	assert_true(S_gap(&l, stop0, lq) < 0.75 * EM);
	/* A Han character before a mark keeps its em. */
	size_t shui = S_find(&l, 0x7A0E, 0); /* 税 */
	assert_true(fabs(S_gap(&l, shui, close) - EM) < 1e-9);
	sg_lines_dispose(&l);

	/* punctuation: none */
	sg_lines_init(&l);
	S_set(&l, text, 1000, true, SG_PUNCT_NONE, false, false);
	close = S_find(&l, 0xFF09, 0);
	comma = S_find(&l, 0xFF0C, 0);
	assert_true(fabs(S_gap(&l, close, comma) - EM) < 1e-9);
	sg_lines_dispose(&l);
}

/* A line a little too long gives up its marks' blanks: 他说，我们下周签约好，
 * is eleven ems at full width; in ten, its first comma gives up its blank
 * as shrink and the second, at the line's end, is set half width. With
 * punctuation: none the line cannot hold it. */
static void test_compression_as_shrink(void **state)
{
	(void)state;
	const char *text = "他说，我们下周签约好，然后马上提交终稿。";
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, text, 10 * EM);
	sg_buf b;
	sg_buf_init(&b);
	S_text(&l, &b);
	assert_string_equal(b.data, "他说，我们下周签约好， / 然后马上提交终稿。");
	assert_true(fabs(l.lines[0].width - 10 * EM) < 1e-6);
	assert_true(l.lines[0].ratio < 0);
	size_t comma = S_find(&l, 0xFF0C, 0);
	assert_true(S_gap(&l, comma, comma + 1) < 0.75 * EM);
	sg_lines_dispose(&l);

	sg_lines_init(&l);
	S_set(&l, text, 10 * EM, true, SG_PUNCT_NONE, false, false);
	S_text(&l, &b);
	assert_string_not_equal(b.data, "他说，我们下周签约好， / 然后马上提交终稿。");
	sg_buf_dispose(&b);
	sg_lines_dispose(&l);
}

/* ---- Chinese and Latin ------------------------------------------------ */

/* A quarter em between Han and a Latin letter or digit, typed space or
 * not; spaces between Han characters and beside Chinese punctuation go. */
static void test_autospace(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, "使用IMail系统，2016 年建成", 1000);
	size_t yong = S_find(&l, 0x7528, 0), I = S_find(&l, 'I', 0), l_ = S_find(&l, 'l', 0);
	size_t xi = S_find(&l, 0x7CFB, 0), six = S_find(&l, '6', 0), nian = S_find(&l, 0x5E74, 0);
	assert_true(fabs(S_gap(&l, yong, I) - (EM + EM / 4)) < 1e-6);
	assert_true(fabs(S_gap(&l, l_, xi) - (l.items[l_].advance + EM / 4)) < 1e-6);
	assert_true(fabs(S_gap(&l, six, nian) - (l.items[six].advance + EM / 4)) < 1e-6);
	/* The typed space stays a space of the text; none is added. */
	sg_buf b;
	sg_buf_init(&b);
	S_text(&l, &b);
	assert_string_equal(b.data, "使用IMail系统，2016 年建成");
	assert_true(l.items[nian - 1].flags & SG_ITEM_AUTOSPACE);
	sg_lines_dispose(&l);

	/* A no-break space (a table binds a number to its unit with one) is a
	 * quarter em too, and still no break; the text keeps it. */
	sg_lines_init(&l);
	S_break(&l, "员工\xC2\xA0" "700\xC2\xA0" "人", 1000);
	size_t seven = S_find(&l, '7', 0), ren = S_find(&l, 0x4EBA, 0);
	assert_true(fabs(S_gap(&l, ren - 2, ren) - (l.items[ren - 2].advance + EM / 4)) < 1e-6);
	assert_true(fabs(S_gap(&l, seven - 2, seven) - (EM + EM / 4)) < 1e-6);
	assert_int_equal(l.items[ren - 1].brk, SG_BREAK_NONE);
	S_text(&l, &b);
	assert_string_equal(b.data, "员工\xC2\xA0" "700\xC2\xA0" "人");
	sg_lines_dispose(&l);

	/* Stray spaces of a template: between Han characters, after a stop. */
	sg_lines_init(&l);
	S_break(&l, "按 8.5折 计算。 如果需要", 1000);
	S_text(&l, &b);
	assert_string_equal(b.data, "按 8.5折计算。如果需要");
	size_t zhe = S_find(&l, 0x6298, 0);
	assert_true(fabs(S_gap(&l, zhe, zhe + 1) - EM) < 1e-9);
	sg_buf_dispose(&b);
	sg_lines_dispose(&l);

	/* Code keeps every space as written and sets marks a full em. */
	sg_lines_init(&l);
	S_set(&l, "中文 注释），x", 1000, false, SG_PUNCT_MAINLAND, false, true);
	assert_true(l.items[2].flags & SG_ITEM_SPACE);
	assert_false(l.items[2].flags & SG_ITEM_AUTOSPACE);
	size_t close = S_find(&l, 0xFF09, 0);
	assert_true(fabs(S_gap(&l, close, close + 1) - EM) < 1e-9);
	sg_lines_dispose(&l);
}

/* ---- what stays together ----------------------------------------------- */

/* Whether a line of l ends with the item whose code point is a (the n-th
 * such) and the next starts with b's. */
static bool S_split(const sg_lines *l, uint32_t a, uint32_t b)
{
	for (size_t i = 0; i + 1 < l->nlines; i++) {
		const sg_line *ln = &l->lines[i];
		if (ln->end > ln->first && l->items[ln->end - 1].cp == a &&
		    l->items[l->lines[i + 1].first].cp == b)
			return true;
	}
	return false;
}

/* At every measure from 6 to 30 characters, no number leaves its unit or
 * its currency, and no paragraph ends with a line of one Han character.
 * But for "CNY 86,400，" at 6 characters: wider than the line (76 points
 * of 72), it must break somewhere, and breaks between the code and the
 * amount rather than inside either. */
static void test_units_and_last_line(void **state)
{
	(void)state;
	const char *text = "电费按每千瓦时 0.95 元计算，全年约 14,016 千瓦时；年费为 CNY 86,400，"
			   "共有员工 700 人，详见第 3 页。服务器的人就能读到邮件；"
			   "我们的存储全部加密，"
			   "传输全程使用加密通道。";
	for (int chars = 6; chars <= 30; chars++) {
		sg_lines l;
		sg_lines_init(&l);
		S_break(&l, text, chars * EM);
		if (chars == 6 && (S_split(&l, 'C', 'N') || S_split(&l, 'N', 'Y') ||
				   S_split(&l, '4', '0') || !S_split(&l, 'Y', '8')))
			fail_msg("width 6: CNY 86,400 not broken between the code and the amount");
		if (S_split(&l, '5', 0x5143) || (chars > 6 && S_split(&l, 'Y', '8')) ||
		    S_split(&l, '0', 0x4EBA) ||
		    S_split(&l, '6', 0x5343) || S_split(&l, 0x7B2C, '3'))
			fail_msg("width %d: a number is cut from its unit", chars);
		const sg_line *last = &l.lines[l.nlines - 1];
		size_t han = 0;
		for (size_t k = last->first; k < last->end; k++)
			han += sg_cjk_kind_of(l.items[k].cp) == SG_CJK_HAN;
		if (han < 2)
			fail_msg("width %d: the last line holds %zu Han characters", chars, han);
		sg_lines_dispose(&l);
	}
}

/* ---- no letter-spacing ------------------------------------------------- */

/* The contact line of a proposal at every measure from 12 to 36
 * characters: a phone number or an address that does not fit at a line's
 * end never spreads the line's Han characters 0.1 em apart or more (text
 * extraction would read such gaps as spaces), and
 * every line fits. */
static void test_no_letter_spacing(void **state)
{
	(void)state;
	const char *text = "如有任何问题，请联系云邮科技有限公司大客户经理张伟："
			   "电话 138-0013-5566，"
			   "邮箱 zhang.wei@cloudmail.example.com。";
	for (int chars = 12; chars <= 36; chars++) {
		sg_lines l;
		sg_lines_init(&l);
		S_break(&l, text, chars * EM);
		for (size_t i = 0; i < l.nlines; i++) {
			const sg_line *ln = &l.lines[i];
			if (ln->width > chars * EM + 1e-6)
				fail_msg("width %d: line %zu is %.2f pt wide", chars, i + 1,
					 ln->width);
			for (size_t k = ln->first; k + 1 < ln->end; k++) {
				const sg_item *a = &l.items[k], *b = &l.items[k + 1];
				if (sg_cjk_kind_of(a->cp) != SG_CJK_HAN ||
				    sg_cjk_kind_of(b->cp) != SG_CJK_HAN)
					continue;
				double gap = b->x - a->x - a->advance;
				if (gap >= 0.1 * EM)
					fail_msg("width %d: line %zu spaced %.3f em", chars, i + 1,
						 gap / EM);
			}
		}
		sg_lines_dispose(&l);
	}
}

/* ---- long tokens ------------------------------------------------------- */

/* An address longer than a third of the line breaks after . @ / -, never
 * elsewhere while those suffice, and no hyphen is added. */
static void test_long_tokens(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, "邮箱 zhang.wei@cloudmail.example.com 或者访问 https://support.cloudmail."
		    "example.com/migration/checklist 查看。",
		12 * EM);
	bool inside = false; /* some line ends inside an address */
	for (size_t i = 0; i + 1 < l.nlines; i++) {
		const sg_item *last = &l.items[l.lines[i].end - 1];
		const sg_item *next = &l.items[l.lines[i + 1].first];
		if (sg_cjk_kind_of(last->cp) == SG_CJK_LATIN &&
		    sg_cjk_kind_of(next->cp) == SG_CJK_LATIN)
			fail_msg("line %zu ends between two letters", i + 1);
		inside = inside || (last->cp < 0x80 && strchr("./@-", (int)last->cp) != NULL);
		assert_false(last->flags & SG_ITEM_HYPHEN);
		assert_true(l.lines[i].width <= 12 * EM + 1e-6);
	}
	assert_true(inside);
	sg_lines_dispose(&l);
}

/* ---- hyphenation ------------------------------------------------------- */

/* A justified English paragraph is hyphenated where that helps, with a
 * hyphen item at the line's end that is not in the source; its last word
 * is never split; without hyphenate, nothing is. */
static void test_hyphenation(void **state)
{
	(void)state;
	const char *text = "The administration of international telecommunications infrastructure "
			   "requires extraordinary coordination between organizations, especially "
			   "when responsibilities overlap unexpectedly.";
	bool hyph = false;
	for (int w = 150; w <= 300; w += 10) {
		sg_lines l;
		sg_lines_init(&l);
		S_set(&l, text, w, true, SG_PUNCT_MAINLAND, true, false);
		sg_buf all;
		sg_buf_init(&all);
		for (size_t i = 0; i < l.nlines; i++) {
			const sg_line *ln = &l.lines[i];
			const sg_item *last = &l.items[ln->end - 1];
			if (last->flags & SG_ITEM_HYPHEN) {
				hyph = true;
				assert_int_equal(last->cp, '-');
				assert_true(i + 1 < l.nlines);
				/* Its text without the hyphen, then the next line's. */
				sg_buf line;
				sg_buf_init(&line);
				sg_lines_text(&l, i, &line);
				sg_buf_put(&all, line.data, line.len - 1);
				sg_buf_dispose(&line);
			} else {
				sg_lines_text(&l, i, &all);
				if (i + 1 < l.nlines)
					sg_buf_putc(&all, ' ');
			}
			assert_true(ln->width <= w + 1e-6);
		}
		assert_string_equal(all.data, text);
		/* The last word is whole. */
		sg_buf_clear(&all);
		sg_lines_text(&l, l.nlines - 1, &all);
		assert_non_null(strstr(all.data, "unexpectedly."));
		sg_buf_dispose(&all);
		sg_lines_dispose(&l);

		sg_lines_init(&l);
		S_set(&l, text, w, true, SG_PUNCT_MAINLAND, false, false);
		for (size_t k = 0; k < l.nitems; k++)
			assert_false(l.items[k].flags & SG_ITEM_HYPHEN);
		sg_lines_dispose(&l);
	}
	assert_true(hyph);
}

/* ---- the rest ---------------------------------------------------------- */

/* Items are placed one after the other on a ragged line; a justified line
 * ends at the measure; an ideographic space is room without a glyph. */
static void test_positions(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	S_set(&l, "用户数：700　原系统", 1000, false, SG_PUNCT_MAINLAND, false, false);
	for (size_t k = 1; k < l.nitems; k++) {
		double gap = l.items[k].x - l.items[k - 1].x - l.items[k - 1].advance;
		assert_true(fabs(gap) < 1e-9);
	}
	size_t blank = S_find(&l, 0x3000, 0);
	assert_true(l.items[blank].flags & SG_ITEM_BLANK);
	assert_false(l.items[blank].flags & SG_ITEM_MISSING);
	assert_true(fabs(l.items[blank].advance - EM) < 1e-9);
	sg_lines_dispose(&l);
}

/* Total fit up to SG_TOTALFIT_GREEDY_ITEMS pieces, line by line beyond. */
static void test_greedy_beyond(void **state)
{
	(void)state;
	sg_buf text;
	sg_buf_init(&text);
	for (int i = 0; i < 100; i++)
		sg_buf_puts(&text, "销售团队需要一份清晰的报告，");
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, text.data, 30 * EM);
	assert_true(l.total_fit);
	for (int i = 0; i < 400; i++)
		sg_buf_puts(&text, "销售团队需要一份清晰的报告，");
	S_break(&l, text.data, 30 * EM);
	assert_false(l.total_fit);
	/* Still justified, and within the measure. */
	for (size_t i = 0; i + 1 < l.nlines; i++)
		assert_true(fabs(l.lines[i].width - 30 * EM) < 1e-6);
	sg_lines_dispose(&l);
	sg_buf_dispose(&text);
}

static int S_teardown(void **state)
{
	(void)state;
	sg_font_cache_clear();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adjacent_marks),
		cmocka_unit_test(test_compression_as_shrink),
		cmocka_unit_test(test_autospace),
		cmocka_unit_test(test_units_and_last_line),
		cmocka_unit_test(test_no_letter_spacing),
		cmocka_unit_test(test_long_tokens),
		cmocka_unit_test(test_hyphenation),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_greedy_beyond),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}
