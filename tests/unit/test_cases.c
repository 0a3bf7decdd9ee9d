/* Unit tests of model/cases.c: case-study front matter and industries. */
#include "support.h"

#include <string.h>

#include "model/cases.h"
#include "model/doc.h"

static size_t S_check(const char *text, sg_diags *d, sg_arena *a)
{
	const char *path = sg_test_write_temp(0, "case.md", text);
	sg_doc *doc = sg_doc_load(a, path, SG_DOC_CASE, "zh-CN", d);
	assert_non_null(doc);
	size_t errors = sg_case_check(doc, d);
	sg_doc_dispose(doc);
	return errors;
}

static void test_good_case(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(S_check("---\ntitle: 某集团\nindustry: group-subsidiary\nusers: 700\n"
				 "previous_system: IMail\ncycle: 1 个月\nprice: 八五折\n"
				 "problems:\n  - 黑名单\n  - 维护\n---\n正文\n",
				 &d, &a),
			 0);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_bad_case(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(S_check("---\ntitle: x\nindustry: mining\nusers: many\n"
				 "problems: 黑名单\n---\nbody\n",
				 &d, &a),
			 3);
	assert_int_equal(d.items[0].line, 3);
	assert_non_null(strstr(d.items[0].message, "unknown industry 'mining'"));
	assert_int_equal(d.items[1].line, 4);
	assert_non_null(strstr(d.items[1].message, "users"));
	assert_int_equal(d.items[2].line, 5);
	sg_diags_dispose(&d);
	sg_diags_init(&d);
	assert_int_equal(S_check("# 没有元数据的案例\n", &d, &a), 2);
	assert_non_null(strstr(d.items[0].message, "needs 'industry'"));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* concerns: a list of the closed list's ids; an unknown one is an error at
 * its place, and so is a concerns that is not a list. */
static void test_concerns(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(S_check("---\ntitle: x\nindustry: finance\nusers: 400\n"
				 "concerns: [rbl, stability]\n---\nbody\n",
				 &d, &a),
			 0);
	assert_int_equal(S_check("---\ntitle: x\nindustry: finance\nusers: 400\n"
				 "concerns: [rbl, blacklist]\n---\nbody\n",
				 &d, &a),
			 1);
	assert_int_equal(d.items[0].line, 5);
	assert_int_equal(d.items[0].col, 17);
	assert_non_null(strstr(d.items[0].message,
			       "unknown concern 'blacklist' (one of: confidentiality, overseas-mail"));
	sg_diags_dispose(&d);
	sg_diags_init(&d);
	assert_int_equal(S_check("---\ntitle: x\nindustry: finance\nusers: 400\n"
				 "concerns: rbl\n---\nbody\n",
				 &d, &a),
			 1);
	assert_non_null(strstr(d.items[0].message, "concerns must be a list"));
	assert_true(sg_concern_known("confidentiality"));
	assert_false(sg_concern_known("uptime"));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_industries(void **state)
{
	(void)state;
	assert_true(sg_industry_known("logistics"));
	assert_true(sg_industry_known("software-outsourcing"));
	assert_false(sg_industry_known("Logistics"));
	assert_false(sg_industry_known(NULL));
	assert_non_null(strstr(sg_industry_list(), "real-estate"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_case),
		cmocka_unit_test(test_bad_case),
		cmocka_unit_test(test_industries),
		cmocka_unit_test(test_concerns),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
