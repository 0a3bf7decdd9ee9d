/*
 * test_money.c - amounts as people read them: grouping and Chinese capitals.
 */
#include "support.h"

#include <stdint.h>

#include "cost/money.h"

static void S_expect(void (*fn)(sg_buf *, int64_t), int64_t v, const char *want)
{
	sg_buf b;
	sg_buf_init(&b);
	fn(&b, v);
	assert_string_equal(b.data, want);
	sg_buf_dispose(&b);
}

static void test_format(void **state)
{
	(void)state;
	S_expect(sg_money_format, 0, "0.00");
	S_expect(sg_money_format, 5, "0.05");
	S_expect(sg_money_format, 99999, "999.99");
	S_expect(sg_money_format, 100000, "1,000.00");
	S_expect(sg_money_format, 42231520, "422,315.20");
	S_expect(sg_money_format, 100000000, "1,000,000.00");
	S_expect(sg_money_format, -150, "-1.50");
	S_expect(sg_money_format, -12345678, "-123,456.78");
	S_expect(sg_money_format, INT64_MIN, "-92,233,720,368,547,758.08");
}

static void test_share(void **state)
{
	(void)state;
	S_expect(sg_share_format, 850000, "0.85");
	S_expect(sg_share_format, 825000, "0.825");
	S_expect(sg_share_format, 1000000, "1.00");
	S_expect(sg_share_format, 699999, "0.699999");
	S_expect(sg_share_format, 0, "0.00");
}

static void test_capitals(void **state)
{
	(void)state;
	/* The two examples every finance clerk knows. */
	S_expect(sg_money_capitals, 9800000, "玖万捌仟元整");
	S_expect(sg_money_capitals, 1005030, "壹万零伍拾元叁角整");
	S_expect(sg_money_capitals, 0, "零元整");
	S_expect(sg_money_capitals, 1, "壹分");
	S_expect(sg_money_capitals, 50, "伍角整");
	S_expect(sg_money_capitals, 55, "伍角伍分");
	S_expect(sg_money_capitals, 1005, "壹拾元零伍分");
	S_expect(sg_money_capitals, 1000, "壹拾元整");
	S_expect(sg_money_capitals, 168032, "壹仟陆佰捌拾元叁角贰分");
	S_expect(sg_money_capitals, 10000000, "壹拾万元整");
	S_expect(sg_money_capitals, 10700053, "壹拾万零柒仟元伍角叁分");
	/* A zero inside the figure is written where it crosses 万 or 亿 too. */
	S_expect(sg_money_capitals, 10200000, "壹拾万零贰仟元整");
	S_expect(sg_money_capitals, 10020000, "壹拾万零贰佰元整");
	S_expect(sg_money_capitals, 10000001, "壹拾万元零壹分");
	S_expect(sg_money_capitals, 1000000000, "壹仟万元整");
	S_expect(sg_money_capitals, 1000010000, "壹仟万零壹佰元整");
	S_expect(sg_money_capitals, 1010000000, "壹仟零壹拾万元整");
	S_expect(sg_money_capitals, 10100000000, "壹亿零壹佰万元整");
	S_expect(sg_money_capitals, 10000000100, "壹亿零壹元整");
	S_expect(sg_money_capitals, 100000000000100, "壹万亿零壹元整");
	S_expect(sg_money_capitals, 11111111111, "壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹元壹角壹分");
	S_expect(sg_money_capitals, 9999999999, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
	/* 角 zero, 分 not: 零 after 元; the figure ends in 分, so no 整. */
	S_expect(sg_money_capitals, 1640902, "壹万陆仟肆佰零玖元零贰分");
	S_expect(sg_money_capitals, 2, "贰分");
	S_expect(sg_money_capitals, 10, "壹角整");
	S_expect(sg_money_capitals, 100, "壹元整");
	S_expect(sg_money_capitals, 140950, "壹仟肆佰零玖元伍角整");
	S_expect(sg_money_capitals, 600714, "陆仟零柒元壹角肆分");
	S_expect(sg_money_capitals, 10000500, "壹拾万零伍元整");
	S_expect(sg_money_capitals, 42231520, "肆拾贰万贰仟叁佰壹拾伍元贰角整");
	S_expect(sg_money_capitals, 10000000000, "壹亿元整");
	S_expect(sg_money_capitals, 10001000000, "壹亿零壹万元整");
	S_expect(sg_money_capitals, 100000000000000, "壹万亿元整");
	S_expect(sg_money_capitals, 100000001000000, "壹万亿零壹万元整");
	S_expect(sg_money_capitals, 100000050000, "壹拾亿零伍佰元整");
	S_expect(sg_money_capitals, 1020304, "壹万零贰佰零叁元零肆分");
	S_expect(sg_money_capitals, -9900000, "负玖万玖仟元整");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_capitals),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
