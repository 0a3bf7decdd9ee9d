/* Unit tests of generator/base/cjkspace.c: character kinds and the gap rule. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "base/cjkspace.h"
#include "base/utf8.h"

/* The kind of the first character of the UTF-8 string s. */
static sg_cjk_kind S_kind(const char *s)
{
	uint32_t cp;
	sg_utf8_decode(s, strlen(s), &cp);
	return sg_cjk_kind_of(cp);
}

static void test_kinds(void **state)
{
	(void)state;
	const char *han[] = {"王", "〇", "々", "か", "カ", "한", "㐀", "𠀀", "𪚥", "１", "Ａ", "ｚ"};
	for (size_t i = 0; i < sizeof han / sizeof *han; i++) {
		if (S_kind(han[i]) != SG_CJK_HAN)
			fail_msg("%s is not Han", han[i]);
	}
	const char *punct[] = {"，", "。", "、", "；", "：", "？", "！", "（", "）", "《",
			       "》", "「", "」", "【", "】", "〔", "・", "﹁", "　"};
	for (size_t i = 0; i < sizeof punct / sizeof *punct; i++) {
		if (S_kind(punct[i]) != SG_CJK_PUNCT)
			fail_msg("%s is not Chinese punctuation", punct[i]);
	}
	const char *latin[] = {"a", "Z", "0", "9", "é", "ß", "Ω", "ж", "ạ"};
	for (size_t i = 0; i < sizeof latin / sizeof *latin; i++) {
		if (S_kind(latin[i]) != SG_CJK_LATIN)
			fail_msg("%s is not Latin", latin[i]);
	}
	const char *other[] = {" ", ",", ".", "%", "¥", "×", "÷", "“", "”", "—", "…", "·", "-"};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
		if (S_kind(other[i]) != SG_CJK_OTHER)
			fail_msg("%s is not other", other[i]);
	}
}

static void test_gaps(void **state)
{
	(void)state;
	/* "8.5折 计算": a stray space between Han characters. */
	assert_int_equal(sg_cjk_gap_between(S_kind("折"), S_kind("计")), SG_GAP_DROP);
	/* "方案。 如果": a space after a full stop. */
	assert_int_equal(sg_cjk_gap_between(S_kind("。"), S_kind("如")), SG_GAP_DROP);
	assert_int_equal(sg_cjk_gap_between(S_kind("a"), S_kind("（")), SG_GAP_DROP);
	/* "2016 年" and "2026年": both a quarter em. */
	assert_int_equal(sg_cjk_gap_between(S_kind("6"), S_kind("年")), SG_GAP_QUARTER);
	assert_int_equal(sg_cjk_gap_between(S_kind("用"), S_kind("E")), SG_GAP_QUARTER);
	assert_int_equal(sg_cjk_gap_between(S_kind("𠀀"), S_kind("B")), SG_GAP_QUARTER);
	/* English keeps its spaces; a symbol next to Han is left as written. */
	assert_int_equal(sg_cjk_gap_between(S_kind("a"), S_kind("b")), SG_GAP_KEEP);
	assert_int_equal(sg_cjk_gap_between(S_kind("¥"), S_kind("9")), SG_GAP_KEEP);
	assert_int_equal(sg_cjk_gap_between(S_kind("元"), S_kind("%")), SG_GAP_KEEP);
	/* A caller that decided a quote is Chinese passes it as punctuation. */
	assert_int_equal(sg_cjk_gap_between(SG_CJK_PUNCT, S_kind("王")), SG_GAP_DROP);
	/* Full-width digits are set like Han: no quarter em beside Han. */
	assert_int_equal(sg_cjk_gap_between(S_kind("１"), S_kind("年")), SG_GAP_DROP);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_gaps),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
