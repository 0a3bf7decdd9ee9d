/*
 * test_linebreak.c - golden line breaks of mixed Chinese and English.
 *
 * Widths are in points at 12 pt, where every Han character and full-width
 * punctuation mark of WenQuanYi Micro Hei is exactly 12 pt wide: a measure of
 * 120 holds ten of them.
 */
#include "support.h"

#include <math.h>
#include <string.h>

#include "base/utf8.h"
#include "layout/font.h"
#include "layout/linebreak.h"
#include "layout/linememo.h"

static const sg_fontset *S_fs(void)
{
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make("t", 1, 1), &d);
	assert_non_null(fs);
	sg_diags_dispose(&d);
	return fs;
}

static void S_break(sg_lines *l, const char *text, double width, bool justify)
{
	sg_para p;
	sg_para_init(&p);
	sg_para_add(&p, text, strlen(text), SG_FONT_REGULAR, 12);
	sg_linebreak(l, &p, S_fs(), width, justify);
	sg_para_dispose(&p);
}

/* Breaks text at width and compares every line's text with expected. */
static void S_expect(const char *text, double width, const char *const *expected, size_t n)
{
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, text, width, true);
	/* All the lines, for the message: "a / b / c". */
	sg_buf got;
	sg_buf_init(&got);
	bool same = l.nlines == n;
	for (size_t i = 0; i < l.nlines; i++) {
		size_t at = got.len;
		sg_lines_text(&l, i, &got);
		if (i < n && strcmp(got.data + at, expected[i]) != 0)
			same = false;
		if (i + 1 < l.nlines)
			sg_buf_puts(&got, " / ");
	}
	if (!same)
		fail_msg("got %zu lines \"%s\", expected %zu", l.nlines, got.data, n);
	sg_buf_dispose(&got);
	sg_lines_dispose(&l);
}

#define EXPECT(text, width, ...)                                                               \
	do {                                                                                   \
		static const char *const lines_[] = {__VA_ARGS__};                             \
		S_expect(text, width, lines_, sizeof lines_ / sizeof lines_[0]);               \
	} while (0)

static void test_chinese_paragraph(void **state)
{
	(void)state;
	/* Ten characters a line: "单、" cannot be split, so line 2 takes nine
	 * (set as loose as a line may be, a little short). */
	EXPECT("销售团队需要一份清晰的报告，包括客户名单、合同金额以及下一步计划。", 120,
	       "销售团队需要一份清晰", "的报告，包括客户名", "单、合同金额以及下一", "步计划。");
	EXPECT("The quarterly review covers Hengtong Logistics and two other accounts.", 200,
	       "The quarterly review covers", "Hengtong Logistics and two other", "accounts.");
}

static void test_quotes_and_brackets(void **state)
{
	(void)state;
	EXPECT("他说：“我们下周签约。”然后（在三月底之前）提交《年度合作协议》的终稿。", 96,
	       "他说：“我们下周", "签约。”然后（在", "三月底之前）提交", "《年度合作协议》",
	       "的终稿。");
	/* At 84 pt "《" would fit at the end of line 3; it moves down instead. */
	EXPECT("请在「合同」与《报价单》中写明金额。", 84, "请在「合同」与", "《报价单》中写",
	       "明金额。");
}

static void test_soft_breaks(void **state)
{
	(void)state;
	/* Between Han characters a newline is nothing; before or after Latin
	 * text it is a space. */
	EXPECT("销售\n团队今天开会，\nreview the Q3 pipeline\nand 讨论\n下一步。", 120,
	       "销售团队今天开会，", "review the Q3", "pipeline and 讨论下", "一步。");
	EXPECT("报价\n  单", 200, "报价单");
	EXPECT("sales\nteam", 200, "sales team");
	EXPECT("中文\nEnglish", 200, "中文 English");
	EXPECT("  leading and   trailing  \n", 200, "leading and trailing");
}

static void test_long_words(void **state)
{
	(void)state;
	/* A word wider than the measure is cut between any two letters,
	 * filling each line. */
	EXPECT("报价单：SuperLongProductIdentifierWithoutSpaces 是我们的旗舰产品。", 90,
	       "报价单：Super", "LongProductId", "entifierWithou", "tSpaces 是我们",
	       "的旗舰产品。");
	/* A URL breaks after its slashes, hyphens and dots, never elsewhere. */
	EXPECT("Please see https://example.com/proposals/hengtong-logistics-2026-renewal.pdf "
	       "for the full terms.",
	       100, "Please see", "https://example.", "com/proposals/", "hengtong-",
	       "logistics-2026-", "renewal.pdf for", "the full terms.");
}

static void test_hard_break(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, "第一行\xE2\x80\xA8 second line", 300, true);
	assert_int_equal(l.nlines, 2);
	assert_true(l.lines[0].hard);
	assert_true(l.lines[0].ratio == 0); /* a hard break is not justified */
	sg_buf b;
	sg_buf_init(&b);
	sg_lines_text(&l, 1, &b);
	assert_string_equal(b.data, "second line");
	sg_buf_dispose(&b);
	sg_lines_dispose(&l);
}

static void test_justification(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, "销售团队需要一份清晰的报告，包括客户名单、合同金额以及下一步计划。", 120,
		true);
	assert_int_equal(l.nlines, 4);
	/* Every line but the last reaches the measure, unless it would be
	 * looser than a line may be; the last is ragged. */
	for (size_t i = 0; i + 1 < l.nlines; i++)
		assert_true(fabs(l.lines[i].width - 120) < 1e-6 ||
			    l.lines[i].ratio == SG_LINEBREAK_MAX_RATIO);
	assert_true(l.lines[3].hard);
	assert_true(l.lines[3].ratio == 0);
	assert_true(l.lines[3].width < 120);
	sg_lines_dispose(&l);

	/* Latin text stretches at spaces only, and spaces at the end of a line
	 * hang (they are neither counted nor drawn). */
	sg_lines_init(&l);
	S_break(&l, "covers Hengtong Logistics and two other accounts", 160, true);
	assert_true(l.nlines >= 2);
	const sg_item *last = &l.items[l.lines[0].end - 1];
	assert_false(last->flags & SG_ITEM_SPACE);
	assert_true(fabs(l.lines[0].width - 160) < 1e-6);
	/* The space is wider than the font's; each word is set as it is. */
	const sg_item *it = &l.items[l.lines[0].first];
	size_t sp = l.lines[0].first;
	while (!(l.items[sp].flags & SG_ITEM_SPACE))
		sp++;
	assert_true(it[sp + 1 - l.lines[0].first].x > l.items[sp].x + l.items[sp].advance);
	for (size_t k = l.lines[0].first + 1; k < sp; k++)
		assert_true(fabs(l.items[k].x - l.items[k - 1].x - l.items[k - 1].advance) < 1e-9);
	sg_lines_dispose(&l);

	/* Ragged mode justifies nothing. */
	sg_lines_init(&l);
	S_break(&l, "销售团队需要一份清晰的报告，包括客户名单。", 120, false);
	for (size_t i = 0; i < l.nlines; i++)
		assert_true(l.lines[i].ratio == 0);
	sg_lines_dispose(&l);
}

static uint32_t S_first_cp(const sg_lines *l, size_t line)
{
	return l->items[l->lines[line].first].cp;
}

static uint32_t S_last_cp(const sg_lines *l, size_t line)
{
	return l->items[l->lines[line].end - 1].cp;
}

/* At every measure from 3 to 30 characters: no line starts with closing
 * punctuation or ends with opening punctuation, none is wider than the
 * measure (except by at most an em, flagged overfull, where only that
 * keeps punctuation in place: at very narrow measures), and the lines put
 * together give the whole text back. */
static void test_clreq_at_every_width(void **state)
{
	(void)state;
	const char *text = "“客户（华东区）说：‘价格可以再谈。’”我们回复：「请先确认《服务条款》。」"
			   "同时，销售部、财务部与法务部——三方——需要在周五前给出意见；"
			   "否则？项目延期！【重要】〔附件〕见下文。";
	for (int chars = 3; chars <= 30; chars++) {
		double width = chars * 12.0;
		sg_lines l;
		sg_lines_init(&l);
		S_break(&l, text, width, true);
		sg_buf all;
		sg_buf_init(&all);
		for (size_t i = 0; i < l.nlines; i++) {
			if (i > 0 && sg_linebreak_is_closing(S_first_cp(&l, i)))
				fail_msg("width %d: line %zu starts with closing punctuation", chars,
					 i + 1);
			if (sg_linebreak_is_opening(S_last_cp(&l, i)))
				fail_msg("width %d: line %zu ends with opening punctuation", chars,
					 i + 1);
			if (l.lines[i].width > width + 1e-9 &&
			    (!l.lines[i].overfull || l.lines[i].width > width + 12 + 1e-9 || chars > 4))
				fail_msg("width %d: line %zu is %.2f pt wide", chars, i + 1,
					 l.lines[i].width);
			sg_lines_text(&l, i, &all);
		}
		assert_string_equal(all.data, text);
		sg_buf_dispose(&all);
		sg_lines_dispose(&l);
	}
}

static void test_opportunities(void **state)
{
	(void)state;
	/* What libunibreak plus the clreq layer allow after each character of
	 * 好，“对”（是） */
	const char *s = "好，“对”（是）";
	size_t len = strlen(s);
	char brks[64];
	sg_linebreak_opportunities(s, len, brks);
	const int want[] = {SG_BREAK_NONE, SG_BREAK_ALLOW, SG_BREAK_NONE, SG_BREAK_NONE,
			    SG_BREAK_ALLOW, SG_BREAK_NONE, SG_BREAK_NONE, SG_BREAK_MUST};
	size_t i = 0, k = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		for (size_t b = i; b + 1 < i + n; b++)
			assert_int_equal(brks[b], SG_BREAK_NONE);
		if (brks[i + n - 1] != want[k])
			fail_msg("after character %zu (U+%04X): %d, expected %d", k + 1, cp,
				 brks[i + n - 1], want[k]);
		i += n;
		k++;
	}
	assert_int_equal(k, 8);
}

static void test_item_flags(void **state)
{
	(void)state;
	sg_lines l;
	sg_lines_init(&l);
	/* Characters no font has are kept as items, flagged, so the layout
	 * can report them: a private-use one, and U+30000, a Han character
	 * beyond the BMP (CJK like any other) that no installed font has. */
	S_break(&l, "张\xF0\xB0\x80\x80 \xEE\x84\xA3", 300, true);
	assert_int_equal(l.nitems, 4);
	assert_true(l.items[0].flags & SG_ITEM_CJK);
	assert_false(l.items[0].flags & SG_ITEM_MISSING);
	assert_true(l.items[1].flags & SG_ITEM_CJK);
	assert_true(l.items[1].flags & SG_ITEM_MISSING);
	assert_int_equal(l.items[1].cp, 0x30000);
	assert_true(l.items[2].flags & SG_ITEM_SPACE);
	assert_true(l.items[3].flags & SG_ITEM_MISSING);
	assert_int_equal(l.items[1].src, 3);
	sg_lines_dispose(&l);
}

/* The items of text broken at a wide measure whose code point is cp, in
 * order: their slot and advance. */
static void S_quote_slots(const char *text, uint32_t cp, int *slots, double *adv, size_t n)
{
	sg_lines l;
	sg_lines_init(&l);
	S_break(&l, text, 1000, false);
	size_t got = 0;
	for (size_t k = 0; k < l.nitems; k++) {
		if (l.items[k].cp != cp)
			continue;
		if (got < n) {
			slots[got] = l.items[k].slot;
			adv[got] = l.items[k].advance;
		}
		got++;
	}
	if (got != n)
		fail_msg("\"%s\": %zu items U+%04X, expected %zu", text, got, cp, n);
	sg_lines_dispose(&l);
}

#define S_EXPECT_QUOTES(text, cp, ...)                                                         \
	do {                                                                                   \
		static const int want_[] = {__VA_ARGS__};                                      \
		enum { N_ = sizeof want_ / sizeof want_[0] };                                  \
		int slots_[N_];                                                                \
		double adv_[N_];                                                               \
		S_quote_slots(text, cp, slots_, adv_, N_);                                     \
		for (size_t i_ = 0; i_ < N_; i_++) {                                           \
			if (slots_[i_] != want_[i_])                                           \
				fail_msg("\"%s\": U+%04X number %zu in slot %d, expected %d",  \
					 text, (unsigned)(cp), i_ + 1, slots_[i_], want_[i_]);  \
			/* Full width (12 pt) in the CJK font, narrow in the Latin one. */     \
			if (want_[i_] == CJK ? fabs(adv_[i_] - 12) > 1e-9                      \
					     : !(adv_[i_] > 2 && adv_[i_] < 8))                \
				fail_msg("\"%s\": U+%04X number %zu is %.2f pt wide", text,     \
					 (unsigned)(cp), i_ + 1, adv_[i_]);                     \
		}                                                                              \
	} while (0)

/* clreq: a curly quote of Chinese text is set full width in the CJK font;
 * one of English text stays in the Latin font. */
static void test_curly_quotes(void **state)
{
	(void)state;
	enum { LATIN = 0, CJK = 4 }; /* sg_font_slot_index(script, SG_FONT_REGULAR) */
	assert_int_equal(sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR), CJK);
	/* An opening quote before Chinese, a closing one after it. */
	S_EXPECT_QUOTES("他说：“我们下周签约。”然后离开。", 0x201C, CJK);
	S_EXPECT_QUOTES("他说：“我们下周签约。”然后离开。", 0x201D, CJK);
	S_EXPECT_QUOTES("所谓‘私有化’，就是自建。", 0x2018, CJK);
	S_EXPECT_QUOTES("所谓‘私有化’，就是自建。", 0x2019, CJK);
	/* English stays proportional, apostrophes included. */
	S_EXPECT_QUOTES("He said “hello” to ‘them’ and didn’t stay.", 0x201C, LATIN);
	S_EXPECT_QUOTES("He said “hello” to ‘them’ and didn’t stay.", 0x201D, LATIN);
	S_EXPECT_QUOTES("He said “hello” to ‘them’ and didn’t stay.", 0x2019, LATIN, LATIN);
	/* English quoted inside Chinese: the rule looks at the quoted text. */
	S_EXPECT_QUOTES("他们称之为“Smart Warehouse”项目。", 0x201C, LATIN);
	/* A pair is set alike: one end beside Chinese takes the other along. */
	S_EXPECT_QUOTES("目标是“2026年”完成。", 0x201C, CJK);
	S_EXPECT_QUOTES("目标是“Q3 上线”。", 0x201C, CJK);
	S_EXPECT_QUOTES("“上线 in Q3”", 0x201D, CJK);
	/* Nested quotes, and an apostrophe inside Chinese quotes. */
	S_EXPECT_QUOTES("“‘好’”", 0x201C, CJK);
	S_EXPECT_QUOTES("“‘好’”", 0x201D, CJK);
	S_EXPECT_QUOTES("‘中文 don’t’", 0x2019, LATIN, CJK);

	/* Mixed lines still obey clreq: a full-width opening quote does not
	 * end a line and a closing one does not start one. At 84 pt seven
	 * full-width characters fit: “ would be the seventh of line 1 and moves
	 * down with 客. In the second, the quotes give up their blanks (“ its
	 * leading half, ” its trailing half at the line's end) so that the
	 * quoted words stay on the line. */
	EXPECT("我们的客户王“客户至上”。", 84, "我们的客户王", "“客户至上”。");
	EXPECT("请看“客户至上”这句话", 84, "请看“客户至上”", "这句话");

	/* A soft break before a quote of Chinese text is no space either. */
	EXPECT("他说\n“好的”\n然后走了", 200, "他说“好的”然后走了");
	EXPECT("He said\n“fine”", 200, "He said “fine”");
}

/* An inline object (an image) is one unbreakable item of its own width,
 * with no glyph: never cut, never reported missing. */
static void test_objects(void **state)
{
	(void)state;
	sg_para p;
	sg_para_init(&p);
	sg_para_add(&p, "销售", 6, SG_FONT_REGULAR, 12);
	sg_para_add_object(&p, 30, 12);
	sg_para_add(&p, "团队，", 9, SG_FONT_REGULAR, 12);
	sg_lines l;
	sg_lines_init(&l);
	sg_linebreak(&l, &p, S_fs(), 1000, true);
	assert_int_equal(l.nitems, 6);
	const sg_item *obj = &l.items[2];
	assert_true(obj->flags & SG_ITEM_OBJECT);
	assert_false(obj->flags & SG_ITEM_MISSING);
	assert_true(obj->advance == 30);
	/* 24 + 30 + 36, less the blank half of the comma the line ends with. */
	assert_true(fabs(l.lines[0].width - 84) < 1e-9);
	/* At 40 pt, 销售 (24), the object (30) and 团队， (36) take a line
	 * each. */
	sg_linebreak(&l, &p, S_fs(), 40, true);
	assert_int_equal(l.nlines, 3);
	assert_int_equal(l.lines[1].first, 2);
	assert_int_equal(l.lines[1].end, 3);
	/* Narrower than the object: it overflows whole rather than vanish. */
	sg_linebreak(&l, &p, S_fs(), 20, true);
	bool found = false;
	for (size_t i = 0; i < l.nlines; i++)
		if (l.lines[i].first == 2) {
			found = true;
			assert_int_equal(l.lines[i].end, 3);
			assert_true(l.lines[i].overfull);
		}
	assert_true(found);
	sg_lines_dispose(&l);
	sg_para_dispose(&p);
}

/* Two breaks give the same lines, item for item. */
static void S_same_lines(const sg_lines *a, const sg_lines *b)
{
	assert_int_equal(a->nitems, b->nitems);
	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(a->total_fit, b->total_fit);
	assert_string_equal(a->text.data, b->text.data);
	assert_memory_equal(a->items, b->items, a->nitems * sizeof *a->items);
	for (size_t i = 0; i < a->nlines; i++) {
		const sg_line *x = &a->lines[i], *y = &b->lines[i];
		assert_int_equal(x->first, y->first);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->next, y->next);
		assert_true(x->width == y->width && x->ratio == y->ratio && x->height == y->height);
		assert_true(x->hard == y->hard && x->overfull == y->overfull);
	}
}

static uint64_t S_memo_hits(void)
{
	uint64_t hits, lookups;
	sg_linememo_counts(&hits, &lookups);
	return hits;
}

/* A paragraph broken again comes from the memo (linememo.h), as it was
 * broken the first time; a paragraph that differs in anything that changes
 * its lines does not. */
static void test_memo(void **state)
{
	(void)state;
	const char *text = "销售团队需要一份清晰的报告，包括客户名单、合同金额以及下一步计划。";
	sg_para p, bold, split;
	sg_para_init(&p);
	sg_para_init(&bold);
	sg_para_init(&split);
	sg_para_add(&p, text, strlen(text), SG_FONT_REGULAR, 12);
	sg_para_add(&bold, text, strlen(text), SG_FONT_BOLD, 12);
	sg_para_add(&split, text, 12, SG_FONT_REGULAR, 12);
	sg_para_add(&split, text + 12, strlen(text) - 12, SG_FONT_REGULAR, 12);
	sg_lines a, b;
	sg_lines_init(&a);
	sg_lines_init(&b);
	/* Some other paragraph first: its lines are all replaced. */
	S_break(&b, "The quarterly review covers Hengtong Logistics and two other accounts, "
		    "and a long tail of smaller ones.",
		100, true);
	sg_linebreak(&a, &p, S_fs(), 120, true);
	uint64_t hits = S_memo_hits();
	sg_linebreak(&b, &p, S_fs(), 120, true);
	assert_int_equal(S_memo_hits(), hits + 1);
	S_same_lines(&a, &b);
	assert_int_equal(a.nlines, 4);
	/* Another measure, indent, style or division into runs, or ragged:
	 * broken anew. */
	sg_linebreak(&b, &p, S_fs(), 96, true);
	sg_linebreak_indent(&b, &p, S_fs(), 120, 24, true);
	sg_linebreak(&b, &p, S_fs(), 120, false);
	sg_linebreak(&b, &bold, S_fs(), 120, true);
	sg_linebreak(&b, &split, S_fs(), 120, true);
	assert_int_equal(S_memo_hits(), hits + 1);
	sg_linebreak_indent(&b, &p, S_fs(), 120, 24, true);
	assert_int_equal(S_memo_hits(), hits + 2);
	assert_int_equal(b.lines[0].end - b.lines[0].first, 8); /* the indent's two ems */
	/* Font sets made after sg_font_cache_clear() may take a freed one's
	 * address: the memo forgets everything, and the lines are made anew,
	 * the same. */
	sg_font_cache_clear();
	hits = S_memo_hits();
	sg_linebreak(&b, &p, S_fs(), 120, true);
	assert_int_equal(S_memo_hits(), hits);
	S_same_lines(&a, &b);
	sg_lines_dispose(&a);
	sg_lines_dispose(&b);
	sg_para_dispose(&p);
	sg_para_dispose(&bold);
	sg_para_dispose(&split);
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
		cmocka_unit_test(test_chinese_paragraph), cmocka_unit_test(test_quotes_and_brackets),
		cmocka_unit_test(test_soft_breaks),       cmocka_unit_test(test_long_words),
		cmocka_unit_test(test_hard_break),        cmocka_unit_test(test_justification),
		cmocka_unit_test(test_clreq_at_every_width), cmocka_unit_test(test_opportunities),
		cmocka_unit_test(test_item_flags),        cmocka_unit_test(test_curly_quotes),
		cmocka_unit_test(test_objects),           cmocka_unit_test(test_memo),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}
