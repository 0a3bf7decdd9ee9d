/*
 * test_catalog.c - the catalog and site models (model/catalog.c,
 * model/site.c, model/l10n.c): the values of the sample content, and every
 * cross-check reported at its line.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "model/catalog.h"
#include "model/site.h"

/* ---------------------------------------------------------------- helpers */

/* The 1-based line of the first occurrence of needle in the file at path. */
static int S_line_of(const char *path, const char *needle)
{
	char *text = sg_test_read_file(path, NULL);
	assert_non_null(text);
	char *at = strstr(text, needle);
	assert_non_null(at);
	int line = 1;
	for (char *s = text; s < at; s++)
		line += *s == '\n';
	free(text);
	return line;
}

/* Joins lines with newlines into a temporary file (line i of the array is
 * line i + 1 of the file). */
static const char *S_write_lines(int slot, const char *name, const char *const *lines, size_t n)
{
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		sg_buf_puts(&b, lines[i]);
		sg_buf_putc(&b, '\n');
	}
	const char *p = sg_test_write_temp(slot, name, b.data);
	sg_buf_dispose(&b);
	assert_non_null(p);
	return p;
}

typedef struct S_expect {
	int line;
	const char *text;
} S_expect;

/* Every expected problem is reported at its line, and nothing else is. */
static void S_assert_exactly(const sg_diags *d, const S_expect *want, size_t n)
{
	sg_diags_print(d, stdout);
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t k = 0; k < d->count && !found; k++)
			found = d->items[k].line == want[i].line &&
				strstr(d->items[k].message, want[i].text) != NULL;
		if (!found)
			fail_msg("missing: line %d: ...%s...", want[i].line, want[i].text);
	}
	assert_int_equal(d->count, n);
}

/* ---------------------------------------------------------------- catalog */

#define CATALOG SG_TEST_DATA "/content/catalog.xml"

static void test_sample_catalog(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, CATALOG, "zh-CN", &d);
	sg_diags_print(&d, stdout);
	assert_non_null(c);
	assert_int_equal(d.count, 0);

	assert_string_equal(c->currency, "CNY");
	assert_int_equal(c->vat_rate, 60000);
	assert_true(c->prices_include_vat);
	assert_int_equal(c->price_line, 10000000);  /* 100,000 yuan in fen */
	assert_int_equal(c->rounding_step, 100000); /* 1,000 yuan */
	assert_string_equal(c->pos.path, CATALOG);

	/* The discount-approval policy of domain.md. */
	assert_int_equal(c->policy_count, 1);
	const sg_policy *pol = &c->policies[0];
	assert_string_equal(pol->id, "standard");
	assert_int_equal(pol->basis, SG_PERIOD_MONTH);
	assert_int_equal(pol->role_count, 3);
	assert_string_equal(pol->roles[0].id, "account-manager");
	assert_string_equal(pol->roles[2].id, "branch-manager");
	assert_string_equal(sg_l10n_get(&pol->roles[1].name, "en"), "Branch marketing director");
	assert_int_equal(pol->tier_count, 6);
	static const sg_fen froms[] = {0, 30000, 50000, 100000, 500000, 1000000};
	static const sg_ppm floors[6][3] = {
		{1000000, 1000000, 1000000}, {900000, 850000, 800000}, {850000, 800000, 750000},
		{800000, 750000, 700000},    {750000, 700000, 650000}, {700000, 650000, 600000},
	};
	for (size_t t = 0; t < 6; t++) {
		assert_int_equal(pol->tiers[t].from, froms[t]);
		for (size_t r = 0; r < 3; r++)
			assert_int_equal(pol->tiers[t].floors[r], floors[t][r]);
	}
	assert_int_equal(pol->tiers[1].pos.line, S_line_of(CATALOG, "<tier from=\"300\">"));
	assert_non_null(strstr(sg_l10n_get(&pol->beyond, "en"), "provincial"));

	/* Hosted mail: three editions, five features with FFAB in two languages. */
	assert_int_equal(c->product_count, 2);
	const sg_product *mail = sg_catalog_product(c, "mail");
	assert_non_null(mail);
	assert_string_equal(mail->kind, "hosted-mail");
	assert_ptr_equal(mail->policy, pol);
	assert_int_equal(mail->vat_rate, 60000); /* the catalog's */
	assert_true(mail->prices_include_vat);
	assert_string_equal(sg_l10n_get(&mail->name, "en"), "CloudMail Business Mail");
	assert_string_equal(sg_l10n_get(&mail->name, "zh-CN"), "云邮企业邮箱");
	assert_int_equal(mail->feature_count, 5);
	assert_int_equal(mail->edition_count, 3);
	const sg_feature *relay = sg_product_feature(mail, "relay");
	assert_non_null(relay);
	assert_int_equal(relay->ffab_count, 2);
	assert_string_equal(relay->ffab[0].lang, "zh-CN");
	assert_string_equal(relay->ffab[1].lang, "en");
	assert_non_null(strstr(relay->ffab[1].benefit, "arrives"));
	assert_true(relay->ffab[0].feature[0] && relay->ffab[0].function[0] &&
		    relay->ffab[0].advantage[0]);

	const sg_edition *biz = sg_product_edition(mail, "business");
	assert_non_null(biz);
	assert_int_equal(biz->unit_price, 12000); /* 120 yuan per user per year */
	assert_int_equal(biz->period, SG_PERIOD_YEAR);
	assert_string_equal(biz->unit, "user");
	assert_int_equal(biz->feature_count, 4);
	assert_string_equal(biz->features[0], "relay");
	assert_string_equal(biz->features[3], "api");
	assert_string_equal(sg_l10n_get(&biz->name, "en"), "Business");
	assert_int_equal(biz->pos.line, S_line_of(CATALOG, "<edition id=\"business\""));
	assert_int_equal(sg_product_edition(mail, "standard")->unit_price, 9600);
	assert_int_equal(sg_product_edition(mail, "premium")->unit_price, 18000);
	assert_null(sg_product_edition(mail, "gold"));
	assert_null(sg_product_feature(mail, "fax"));

	/* The telecom bundle: its own VAT rate, monthly prices per line. */
	const sg_product *bundle = sg_catalog_product(c, "office-bundle");
	assert_non_null(bundle);
	assert_int_equal(bundle->vat_rate, 90000);
	assert_int_equal(bundle->edition_count, 12);
	const sg_edition *bb = sg_product_edition(bundle, "broadband-10m");
	assert_int_equal(bb->unit_price, 88800);
	assert_int_equal(bb->period, SG_PERIOD_MONTH);
	assert_string_equal(bb->unit, "line");
	assert_int_equal(bb->feature_count, 0);
	assert_int_equal(sg_product_edition(bundle, "caller-id")->unit_price, 500);
	assert_null(sg_catalog_product(c, "fax"));

	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_l10n_fallback(void **state)
{
	(void)state;
	sg_l10n_item items[] = {{"zh-CN", "中文", {0}}, {"en", "English", {0}}};
	sg_l10n t = {items, 2};
	assert_string_equal(sg_l10n_get(&t, "en"), "English");
	assert_string_equal(sg_l10n_get(&t, "zh-CN"), "中文");
	assert_string_equal(sg_l10n_get(&t, "fr"), "中文"); /* the first given */
	assert_string_equal(sg_l10n_get(&t, NULL), "中文");
	sg_l10n none = {NULL, 0};
	assert_null(sg_l10n_get(&none, "en"));
	assert_null(sg_l10n_get(NULL, "en"));
}

static void test_catalog_defaults_and_default_lang(void **state)
{
	(void)state;
	const char *lines[] = {
		"<catalog>",
		"  <product id=\"p\" kind=\"k\">",
		"    <name>Product</name><name lang=\"zh-CN\">产品</name>",
		"    <edition id=\"e\" unit-price=\"0.5\" period=\"month\"><name>E</name></edition>",
		"  </product>",
		"</catalog>",
	};
	const char *p = S_write_lines(0, "defaults.xml", lines, 6);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, p, "en", &d);
	S_assert_exactly(&d, NULL, 0);
	assert_non_null(c);
	assert_string_equal(c->currency, "CNY");
	assert_int_equal(c->vat_rate, 0);
	assert_false(c->prices_include_vat);
	assert_int_equal(c->price_line, 10000000);
	assert_int_equal(c->rounding_step, 100000);
	assert_int_equal(c->policy_count, 0);
	const sg_product *prod = sg_catalog_product(c, "p");
	assert_null(prod->policy);
	assert_string_equal(prod->name.items[0].lang, "en");
	assert_string_equal(sg_l10n_get(&prod->name, "en"), "Product");
	assert_string_equal(sg_l10n_get(&prod->name, "zh-CN"), "产品");
	assert_int_equal(prod->editions[0].unit_price, 50);
	assert_string_equal(prod->editions[0].unit, "user");
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* A summary shown for an edition names only features the edition has: its
 * own summary (line 6, in English and any case), or the product's for an
 * edition without one (line 3, for edition b only: a has relay). An
 * edition's own summary is what sg_edition_summary() gives, else the
 * product's. */
static void test_summary_claims(void **state)
{
	(void)state;
	const char *lines[] = {
		"<catalog>",
		"  <product id=\"p\" kind=\"k\">",
		"    <name>P</name><summary>含海外专线中继</summary>",
		"    <feature id=\"relay\"><name>海外专线中继</name><name lang=\"en\">Overseas relay</name></feature>",
		"    <edition id=\"a\" unit-price=\"1\" period=\"year\"><name>A</name><features>relay</features></edition>",
		"    <edition id=\"c\" unit-price=\"1\" period=\"year\"><name>C</name><summary lang=\"en\">with an OVERSEAS RELAY</summary></edition>",
		"    <edition id=\"b\" unit-price=\"1\" period=\"year\"><name>B</name></edition>",
		"  </product>",
		"</catalog>",
	};
	const char *p = S_write_lines(0, "summary.xml", lines, 9);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, p, "zh-CN", &d);
	S_expect want[] = {
		{6, "the summary of this edition names the feature 'Overseas relay' (relay), which "
		    "edition c of product p does not have"},
		{3, "the summary of the product names the feature '海外专线中继' (relay), which edition b "
		    "of product p does not have: give the edition a <summary> of its own"},
	};
	S_assert_exactly(&d, want, 2);
	const sg_product *prod = sg_catalog_product(c, "p");
	assert_string_equal(sg_edition_summary(prod, sg_product_edition(prod, "a"), "zh-CN"),
			    "含海外专线中继");
	assert_string_equal(sg_edition_summary(prod, sg_product_edition(prod, "c"), "en"),
			    "with an OVERSEAS RELAY");
	assert_non_null(sg_catalog_names("an open API", "Open API"));
	assert_null(sg_catalog_names("an open AP", "Open API"));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* A misspelt role, feature or policy id gets the nearest one. */
static void test_catalog_near_ids(void **state)
{
	(void)state;
	const char *lines[] = {
		/* 1 */ "<catalog currency=\"CNY\" vat-rate=\"0.06\">",
		/* 2 */ "  <approval-policy id=\"standard\" basis=\"monthly\">",
		/* 3 */ "    <role id=\"junior\"><name>初级</name></role>",
		/* 4 */ "    <tier from=\"0\"><floor role=\"junoir\" share=\"1\"/></tier>",
		/* 5 */ "  </approval-policy>",
		/* 6 */ "  <product id=\"mail\" kind=\"hosted-mail\" policy=\"standrad\">",
		/* 7 */ "    <name>邮箱</name>",
		/* 8 */ "    <feature id=\"relay\"><name>中继</name></feature>",
		/* 9 */
		"    <edition id=\"std\" unit-price=\"96\" period=\"year\"><name>标准</name>"
		"<features>rely</features></edition>",
		/* 10 */ "  </product>",
		/* 11 */ "</catalog>",
	};
	const char *p = S_write_lines(0, "near-catalog.xml", lines, 11);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, p, "zh-CN", &d);
	assert_non_null(c);
	static const S_expect want[] = {
		{4, "unknown role 'junoir' (policy standard has no such role); did you mean 'junior'?"},
		{4, "no floor for role junior"},
		{6, "unknown approval policy 'standrad'; did you mean 'standard'?"},
		{9, "unknown feature 'rely' (product mail has no such <feature>); did you mean "
		    "'relay'?"},
	};
	S_assert_exactly(&d, want, sizeof want / sizeof *want);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_catalog_cross_checks(void **state)
{
	(void)state;
	const char *lines[] = {
		/* 1 */ "<catalog currency=\"CNY\" vat-rate=\"0.06\">",
		/* 2 */ "  <approval-policy id=\"p\" basis=\"monthly\">",
		/* 3 */ "    <role id=\"junior\"><name>初级</name></role>",
		/* 4 */ "    <role id=\"senior\"><name>高级</name></role>",
		/* 5 */ "    <role id=\"junior\"><name>重复</name></role>",
		/* 6 */
		"    <tier from=\"0\"><floor role=\"junior\" share=\"1\"/><floor role=\"senior\" "
		"share=\"1\"/></tier>",
		/* 7 */
		"    <tier from=\"500\"><floor role=\"junior\" share=\"0.8\"/><floor role=\"senior\" "
		"share=\"0.9\"/></tier>",
		/* 8 */
		"    <tier from=\"300\"><floor role=\"junior\" share=\"0.9\"/><floor role=\"senior\" "
		"share=\"0.85\"/></tier>",
		/* 9 */ "    <tier from=\"1000\"><floor role=\"junior\" share=\"0.8\"/></tier>",
		/* 10 */
		"    <tier from=\"2000\"><floor role=\"junior\" share=\"1.2\"/><floor role=\"senior\" "
		"share=\"0.5\"/><floor role=\"boss\" share=\"0.1\"/></tier>",
		/* 11 */ "  </approval-policy>",
		/* 12 */ "  <product id=\"mail\" kind=\"hosted-mail\" policy=\"p\">",
		/* 13 */ "    <name>邮箱</name>",
		/* 14 */ "    <feature id=\"relay\"><name>中继</name></feature>",
		/* 15 */ "    <feature id=\"relay\"><name>重复</name></feature>",
		/* 16 */
		"    <edition id=\"std\" unit-price=\"96\" period=\"year\"><name>标准</name>"
		"<features>relay nosuch</features></edition>",
		/* 17 */
		"    <edition id=\"std\" unit-price=\"100\" period=\"year\"><name>重复</name></edition>",
		/* 18 */
		"    <edition id=\"neg\" unit-price=\"-5\" period=\"year\"><name>负</name></edition>",
		/* 19 */
		"    <edition id=\"sep\" unit-price=\"1,200\" period=\"month\"><name>千</name></edition>",
		/* 20 */
		"    <edition id=\"dec\" unit-price=\"9.999\" period=\"month\"><name>小数</name></edition>",
		/* 21 */ "  </product>",
		/* 22 */
		"  <product id=\"mail\" kind=\"x\"><name>重复</name><edition id=\"a\" unit-price=\"1\" "
		"period=\"year\"><name>a</name></edition></product>",
		/* 23 */
		"  <product id=\"Bad Id\" kind=\"x\"><name>坏</name><edition id=\"a\" unit-price=\"1\" "
		"period=\"year\"><name>a</name></edition></product>",
		/* 24 */
		"  <product id=\"tel\" kind=\"x\" policy=\"nosuch\" vat-rate=\"6\"><name>电信</name>"
		"<edition id=\"a\" unit-price=\"NaN\" period=\"year\"><name>a</name></edition></product>",
		/* 25 */ "</catalog>",
	};
	const char *p = S_write_lines(0, "bad-catalog.xml", lines, 25);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, p, "zh-CN", &d);
	assert_non_null(c); /* usable, with its problems reported */
	static const S_expect want[] = {
		{5, "duplicate role id junior"},
		{7, "senior is senior to junior but may approve less"},
		{8, "out-of-order tier"},
		{9, "no floor for role senior"},
		{10, "share '1.2' is outside 0..1"},
		{10, "unknown role 'boss'"},
		{15, "duplicate feature id relay"},
		{16, "unknown feature 'nosuch'"},
		{17, "duplicate edition id std"},
		{18, "unit-price '-5' must not be negative"},
		{19, "thousands separator"},
		{20, "more than 2 decimals"},
		{22, "duplicate product id mail"},
		{23, "product id 'Bad Id'"},
		{24, "unknown approval policy 'nosuch'"},
		{24, "vat-rate '6' is outside 0..1"},
		{24, "unit-price 'NaN'"},
	};
	S_assert_exactly(&d, want, sizeof want / sizeof *want);
	for (size_t i = 0; i < d.count; i++) {
		assert_string_equal(d.items[i].path, p);
		/* A bad value points at its attribute; a duplicate at its tag. */
		if (strstr(d.items[i].message, "must not be negative"))
			assert_int_equal(d.items[i].col, 23);
		if (strstr(d.items[i].message, "duplicate edition"))
			assert_int_equal(d.items[i].col, 5);
	}

	/* What was wrong is left out or kept at a safe value. */
	const sg_policy *pol = &c->policies[0];
	assert_int_equal(pol->role_count, 2);
	assert_int_equal(pol->tiers[3].floors[1], SG_PPM_ONE);
	assert_int_equal(c->product_count, 2); /* mail and tel */
	const sg_product *mail = sg_catalog_product(c, "mail");
	assert_int_equal(mail->feature_count, 1);
	assert_int_equal(sg_product_edition(mail, "std")->unit_price, 9600);
	assert_int_equal(sg_product_edition(mail, "std")->feature_count, 1);
	assert_null(sg_catalog_product(c, "tel")->policy);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_policy_tier_checks(void **state)
{
	(void)state;
	const char *lines[] = {
		/* 1 */ "<catalog price-line=\"0\" rounding-step=\"1000\">",
		/* 2 */ "  <approval-policy id=\"p\" basis=\"yearly\">",
		/* 3 */ "    <role id=\"a\"><name>A</name></role>",
		/* 4 */ "    <tier from=\"300\"><floor role=\"a\" share=\"0.9\"/></tier>",
		/* 5 */ "    <tier from=\"300\"><floor role=\"a\" share=\"0.8\"/>"
			"<floor role=\"a\" share=\"0.7\"/></tier>",
		/* 6 */ "  </approval-policy>",
		/* 7 */ "  <approval-policy id=\"p\" basis=\"yearly\">",
		/* 8 */ "    <role id=\"a\"><name>A</name></role>",
		/* 9 */ "    <tier from=\"0\"><floor role=\"a\" share=\"1\"/></tier>",
		/* 10 */ "  </approval-policy>",
		/* 11 */ "</catalog>",
	};
	const char *p = S_write_lines(0, "tiers.xml", lines, 11);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, p, NULL, &d);
	assert_non_null(c);
	static const S_expect want[] = {
		{1, "price-line must be above 0"},
		{4, "first tier must start from 0"},
		{5, "duplicate or out-of-order tier"},
		{5, "second floor for role a"},
		{7, "duplicate approval policy id p"},
	};
	S_assert_exactly(&d, want, sizeof want / sizeof *want);
	assert_int_equal(c->policy_count, 1);
	assert_int_equal(c->policies[0].basis, SG_PERIOD_YEAR);
	assert_int_equal(c->policies[0].tiers[1].floors[0], 800000);
	assert_int_equal(c->price_line, 10000000); /* back to the default */
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_catalog_unusable_files(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);

	/* A schema violation is reported at its line; the file is not used. */
	const char *bad[] = {
		"<catalog>",
		"  <product id=\"p\" kind=\"k\" colour=\"red\">",
		"    <name>P</name><edition id=\"e\" unit-price=\"1\" period=\"week\"><name>E</name>"
		"</edition>",
		"  </product>",
		"</catalog>",
	};
	const char *p = S_write_lines(0, "schema.xml", bad, 5);
	assert_null(sg_catalog_load(&a, p, "zh-CN", &d));
	sg_diags_print(&d, stdout);
	bool colour = false, period = false;
	for (size_t i = 0; i < d.count; i++) {
		colour |= d.items[i].line == 2 && strstr(d.items[i].message, "colour");
		period |= d.items[i].line == 3 && strstr(d.items[i].message, "edition");
	}
	assert_true(colour);
	assert_true(period);
	sg_diags_dispose(&d);

	/* The wrong root. */
	sg_diags_init(&d);
	const char *prods[] = {
		"<products>",
		"  <product id=\"p\" kind=\"k\"><name>P</name>"
		"<edition id=\"e\" unit-price=\"1\" period=\"year\"><name>E</name></edition></product>",
		"</products>",
	};
	p = S_write_lines(0, "products.xml", prods, 3);
	assert_null(sg_catalog_load(&a, p, "zh-CN", &d));
	S_assert_exactly(&d, (S_expect[]){{1, "must be <catalog>"}}, 1);
	sg_diags_dispose(&d);

	/* Missing file. */
	sg_diags_init(&d);
	assert_null(sg_catalog_load(&a, SG_TEST_DATA "/no/catalog.xml", "zh-CN", &d));
	assert_int_equal(d.count, 1);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_add_products(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_catalog *c = sg_catalog_load(&a, CATALOG, "zh-CN", &d);
	assert_non_null(c);
	const sg_policy *standard = &c->policies[0];

	const char *many[] = {
		/* 1 */ "<products>",
		/* 2 */ "  <product id=\"sms\" kind=\"sms\" policy=\"standard\">",
		/* 3 */ "    <name>短信</name>",
		/* 4 */ "    <edition id=\"basic\" unit-price=\"0.05\" period=\"month\" unit=\"message\">"
			"<name>基础</name></edition>",
		/* 5 */ "  </product>",
		/* 6 */ "  <product id=\"mail\" kind=\"again\"><name>重复</name>"
			"<edition id=\"a\" unit-price=\"1\" period=\"year\"><name>a</name></edition>"
			"</product>",
		/* 7 */ "  <product id=\"fax\" kind=\"fax\" policy=\"elsewhere\" vat-rate=\"0.13\">"
			"<name>传真</name>",
		/* 8 */ "    <edition id=\"a\" unit-price=\"10\" period=\"year\"><name>a</name>"
			"</edition></product>",
		/* 9 */ "</products>",
	};
	const char *p = S_write_lines(4, "more.xml", many, 9);
	assert_int_equal(sg_catalog_add_products(c, &a, p, "zh-CN", &d), 0);
	static const S_expect want[] = {
		{6, "duplicate product id mail"},
		{7, "unknown approval policy 'elsewhere'"},
	};
	S_assert_exactly(&d, want, 2);
	assert_int_equal(c->product_count, 4);
	const sg_product *sms = sg_catalog_product(c, "sms");
	assert_non_null(sms);
	assert_ptr_equal(sms->policy, standard);
	assert_int_equal(sms->vat_rate, 60000); /* inherited */
	assert_int_equal(sms->editions[0].unit_price, 5);
	assert_string_equal(sms->editions[0].unit, "message");
	assert_string_equal(sms->pos.path, p);
	assert_int_equal(sms->pos.line, 2);
	assert_int_equal(sg_catalog_product(c, "fax")->vat_rate, 130000);
	assert_string_equal(sg_catalog_product(c, "mail")->kind, "hosted-mail");
	sg_diags_dispose(&d);

	/* A single <product> as the root. */
	sg_diags_init(&d);
	const char *one[] = {
		"<product id=\"video\" kind=\"video\"><name>视频</name>",
		"  <edition id=\"room\" unit-price=\"700\" period=\"month\" unit=\"room\"><name>会议室</name>"
		"</edition>",
		"</product>",
	};
	p = S_write_lines(4, "one.xml", one, 3);
	assert_int_equal(sg_catalog_add_products(c, &a, p, "zh-CN", &d), 0);
	S_assert_exactly(&d, NULL, 0);
	assert_int_equal(c->product_count, 5);
	assert_int_equal(sg_catalog_product(c, "video")->editions[0].unit_price, 70000);
	assert_int_equal(sg_catalog_product(c, "video")->editions[0].pos.line, 2);

	/* A file that cannot be used leaves the catalog as it was. */
	const char *wrong[] = {"<catalog/>"};
	p = S_write_lines(4, "wrong.xml", wrong, 1);
	assert_int_equal(sg_catalog_add_products(c, &a, p, "zh-CN", &d), -1);
	S_assert_exactly(&d, (S_expect[]){{1, "<products> or <product>"}}, 1);
	const char *broken[] = {"<products>", "<product id=\"x\">", "</products>"};
	p = S_write_lines(4, "broken.xml", broken, 3);
	assert_int_equal(sg_catalog_add_products(c, &a, p, "zh-CN", &d), -1);
	assert_true(d.count > 1);
	assert_int_equal(c->product_count, 5);

	/* An empty catalog for content with only products files. */
	sg_catalog *empty = sg_catalog_new(&a, "catalog.xml");
	assert_int_equal(empty->price_line, 10000000);
	assert_int_equal(empty->product_count, 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- site */

#define SITE SG_TEST_DATA "/content/site.xml"

static void test_sample_site(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_site *s = sg_site_load(&a, SITE, &d);
	sg_diags_print(&d, stdout);
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->lang, "zh-CN");
	assert_string_equal(s->currency, "CNY");
	assert_string_equal(sg_l10n_get(&s->vendor_name, "en"), "CloudMail Technology Co., Ltd.");
	assert_string_equal(sg_l10n_get(&s->vendor_name, "zh-CN"), "云邮科技有限公司");
	assert_string_equal(s->logo, "images/logo.png");
	assert_string_equal(s->phone, "400-810-2630");
	assert_non_null(s->email);
	assert_non_null(s->website);
	assert_int_equal(s->rep_count, 4);
	const sg_rep *zw = sg_site_rep(s, "zhang-wei");
	assert_non_null(zw);
	assert_string_equal(zw->name, "张伟");
	assert_string_equal(zw->name_en, "Zhang Wei");
	assert_string_equal(zw->title_en, "Key account manager");
	assert_int_equal(zw->pos.line, S_line_of(SITE, "<rep id=\"zhang-wei\""));
	assert_null(sg_site_rep(s, "nobody"));
	assert_string_equal(s->number_pattern, "YM-YYYY-NNNN");
	assert_int_equal(s->stage_count, 5);
	assert_string_equal(s->stages[0].id, "technical-promotion");
	assert_string_equal(s->stages[4].id, "bidding-negotiation");
	const sg_stage *sol = sg_site_stage(s, "solution-confirmation");
	assert_non_null(sol);
	assert_int_equal(sol->item_count, 3);
	assert_non_null(sg_stage_item_find(sol, "cost-agreed"));
	assert_null(sg_stage_item_find(sol, "tech-demo"));
	assert_string_equal(sg_l10n_get(&sol->milestone, "en"),
			    "The customer agrees the scope, the migration plan and how the budget "
			    "is counted");
	assert_int_equal(sg_stage_item_find(sol, "cost-agreed")->pos.line,
			 S_line_of(SITE, "<item id=\"cost-agreed\""));

	/* Proposal numbers. */
	assert_true(sg_site_number_matches(s, "YM-2026-0031", 2026));
	assert_true(sg_site_number_matches(s, "YM-2026-0031", 0));
	assert_false(sg_site_number_matches(s, "YM-2025-0031", 2026));
	assert_false(sg_site_number_matches(s, "YM-2026-031", 2026));
	assert_false(sg_site_number_matches(s, "YM-2026-00311", 2026));
	assert_false(sg_site_number_matches(s, "XM-2026-0031", 2026));
	assert_false(sg_site_number_matches(s, "YM-2026-00a1", 2026));
	assert_false(sg_site_number_matches(s, NULL, 2026));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_site_checks(void **state)
{
	(void)state;
	const char *lines[] = {
		/* 1 */ "<site lang=\"en\">",
		/* 2 */ "  <vendor><name>Acme</name><name>Acme again</name>"
			"<logo src=\"../secret.png\"/></vendor>",
		/* 3 */ "  <reps>",
		/* 4 */ "    <rep id=\"ann\" name=\"Ann\"/>",
		/* 5 */ "    <rep id=\"ann\" name=\"Ann Two\"/>",
		/* 6 */ "    <rep id=\"Bob\" name=\"Bob\"/>",
		/* 7 */ "  </reps>",
		/* 8 */ "  <proposal-number pattern=\"Q-YYYY\"/>",
		/* 9 */ "  <stages>",
		/* 10 */ "    <stage id=\"first\"><name>First</name>",
		/* 11 */ "      <item id=\"a\"><name>A</name></item>",
		/* 12 */ "      <item id=\"a\"><name>A again</name></item>",
		/* 13 */ "    </stage>",
		/* 14 */ "    <stage id=\"second\"><name>Second</name>",
		/* 15 */ "      <item id=\"a\"><name>A in another stage</name></item>",
		/* 16 */ "      <item id=\"b\"><name>B</name></item>",
		/* 17 */ "    </stage>",
		/* 18 */ "    <stage id=\"first\"><name>First again</name></stage>",
		/* 19 */ "  </stages>",
		/* 20 */ "</site>",
	};
	const char *p = S_write_lines(5, "site.xml", lines, 20);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_site *s = sg_site_load(&a, p, &d);
	assert_non_null(s);
	static const S_expect want[] = {
		{2, "<name> is given twice in en"},
		{2, "logo '../secret.png'"},
		{5, "duplicate rep id ann"},
		{6, "rep id 'Bob'"},
		{8, "has no N"},
		{12, "duplicate checklist item id a (first at line 11)"},
		{15, "duplicate checklist item id a (first at line 11)"},
		{18, "duplicate stage id first"},
	};
	S_assert_exactly(&d, want, sizeof want / sizeof *want);
	for (size_t i = 0; i < d.count; i++)
		if (strstr(d.items[i].message, "rep id 'Bob'"))
			assert_int_equal(d.items[i].col, 10); /* the id attribute */
	assert_string_equal(s->lang, "en");
	assert_int_equal(s->rep_count, 1);
	assert_int_equal(s->stage_count, 2);
	assert_null(s->logo);
	assert_null(s->number_pattern);
	assert_true(sg_site_number_matches(s, "anything", 2026));
	assert_int_equal(s->stages[1].item_count, 1);
	sg_diags_dispose(&d);

	/* Not valid against the schema: not used. */
	sg_diags_init(&d);
	const char *bad[] = {"<site>", "  <reps/>", "</site>"};
	p = S_write_lines(5, "nosite.xml", bad, 3);
	assert_null(sg_site_load(&a, p, &d));
	sg_diags_print(&d, stdout);
	assert_true(d.count >= 1);
	assert_true(d.items[0].line >= 1);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_catalog),
		cmocka_unit_test(test_l10n_fallback),
		cmocka_unit_test(test_catalog_defaults_and_default_lang),
		cmocka_unit_test(test_catalog_cross_checks),
		cmocka_unit_test(test_catalog_near_ids),
		cmocka_unit_test(test_summary_claims),
		cmocka_unit_test(test_policy_tier_checks),
		cmocka_unit_test(test_catalog_unusable_files),
		cmocka_unit_test(test_add_products),
		cmocka_unit_test(test_sample_site),
		cmocka_unit_test(test_site_checks),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
