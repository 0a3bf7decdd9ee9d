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
	S_expect(sg_money_capitals, 10700053, "壹拾万柒仟元伍角叁分");
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
