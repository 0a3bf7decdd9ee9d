/* Unit tests of document/proposal*.c and document/report.c: formats, template
 * data, the firewall, block directives, template errors, approvals, and the
 * PDF producers end to end (bytes only). */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets/pipeline_ahead.h"
#include "targets/proposal_pdf.h"
#include "cost/evaluation.h"
#include "cost/cost.h"
#include "model/content.h"
#include "model/doc.h"
#include "document/fields.h"
#include "document/proposal.h"
#include "document/mustache.h"
#include "document/report.h"
#include "load/mdparse.h"

static sg_content *S_content;
static sg_evals *S_evals;

static int S_setup(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	S_content = sg_content_load(SG_TEST_DATA "/content", &d);
	S_evals = sg_evals_new(S_content, (sg_date){0}, 1);
	int errors = (int)sg_diags_errors(&d);
	if (errors)
		sg_diags_print(&d, stderr);
	sg_diags_dispose(&d);
	return errors || S_content->customer_count == 0;
}

static int S_teardown(void **state)
{
	(void)state;
	sg_evals_free(S_evals);
	sg_content_free(S_content);
	return 0;
}

static const sg_date S_today = {2026, 11, 20};

/* ---------------------------------------------------------------- formats */

#define FMT(call, want)                                                                     \
	do {                                                                                \
		sg_buf b_;                                                                  \
		sg_buf_init(&b_);                                                           \
		call;                                                                       \
		assert_string_equal(b_.data, want);                                         \
		sg_buf_dispose(&b_);                                                        \
	} while (0)

static void test_formats(void **state)
{
	(void)state;
	FMT(sg_fmt_money(&b_, 9500000, "zh-CN"), "¥95,000");
	FMT(sg_fmt_money(&b_, 9500050, "zh-CN"), "¥95,000.50");
	FMT(sg_fmt_money(&b_, 9500000, "en"), "CNY 95,000");
	FMT(sg_fmt_money(&b_, -150000, "en"), "−CNY 1,500");
	/* The minus sign, U+2212, not a hyphen. */
	FMT(sg_fmt_money(&b_, -150050, "zh-CN"), "−¥1,500.50");
	FMT(sg_fmt_number(&b_, -1331520), "−13,315.20");
	FMT(sg_fmt_count(&b_, -1300), "−1,300");
	FMT(sg_fmt_wan(&b_, -9500000), "−9.5万元");
	FMT(sg_fmt_percent(&b_, -749400), "−74.9%");
	FMT(sg_fmt_money(&b_, 0, "zh-CN"), "¥0");
	FMT(sg_fmt_number(&b_, 1331520), "13,315.20");
	FMT(sg_fmt_wan(&b_, 9500000), "9.5万元");
	FMT(sg_fmt_wan(&b_, 10200000), "10.2万元");
	FMT(sg_fmt_wan(&b_, 42231520), "42.23万元");
	FMT(sg_fmt_wan(&b_, 100000000), "100万元");
	FMT(sg_fmt_capitals(&b_, 9500000), "人民币玖万伍仟元整");
	FMT(sg_fmt_capitals(&b_, 9800000), "人民币玖万捌仟元整");
	FMT(sg_fmt_date(&b_, S_today, "zh-CN"), "2026年11月20日");
	FMT(sg_fmt_date(&b_, (sg_date){2026, 11, 22}, "en"), "22 November 2026");
	FMT(sg_fmt_percent_off(&b_, 850000), "15%");
	FMT(sg_fmt_percent_off(&b_, 825000), "17.5%");
	FMT(sg_fmt_zhe(&b_, 850000), "8.5折");
	FMT(sg_fmt_zhe(&b_, 825000), "8.25折");
	FMT(sg_fmt_zhe(&b_, 600000), "6折");
	/* At most two decimals, rounded half up: the price-line share of
	 * 99,000 / 126,000 is 0.785714. */
	FMT(sg_fmt_zhe(&b_, 785714), "7.86折");
	FMT(sg_fmt_percent_off(&b_, 785714), "21.43%");
	FMT(sg_fmt_zhe(&b_, 785450), "7.85折");
	FMT(sg_fmt_zhe(&b_, 785500), "7.86折");
	FMT(sg_fmt_percent_off(&b_, 999999), "0%");
	FMT(sg_fmt_zhe(&b_, 1000000), "10折");
	FMT(sg_fmt_percent(&b_, 749400), "74.9%");
	FMT(sg_fmt_days(&b_, 40, "zh-CN"), "40天后");
	FMT(sg_fmt_days(&b_, 40, "en"), "in 40 days");
	FMT(sg_fmt_days(&b_, -1, "en"), "1 day ago");
	FMT(sg_fmt_days(&b_, 0, "zh-CN"), "今天");
}

/* ---------------------------------------------------------------- data */

static const char *S_text(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	if (!v)
		fail_msg("no %s in the data", path);
	assert_int_equal(v->kind, SG_VAL_STR);
	return v->u.str.s;
}

static void test_data_formats(void **state)
{
	(void)state;
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	assert_non_null(cu);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_non_null(v);
	assert_string_equal(S_text(v, "offer.annual"), "¥102,000");
	assert_string_equal(S_text(v, "offer.annual_wan"), "10.2万元");
	assert_string_equal(S_text(v, "offer.annual_capitals"), "人民币壹拾万零贰仟元整");
	assert_string_equal(S_text(v, "offer.discount_zhe"), "8.5折");
	assert_string_equal(S_text(v, "offer.discount_percent"), "15%");
	assert_string_equal(S_text(v, "offer.discount_saved"), "¥18,000");
	assert_string_equal(S_text(v, "offer.valid_until"), "2026年12月20日");
	assert_int_equal(sg_value_path(v, "offer.valid_until_in_days")->u.i, 30);
	assert_string_equal(S_text(v, "self_hosted.annual"), "¥422,315.20");
	assert_string_equal(S_text(v, "savings.five_year"), "¥1,582,576");
	/* Relative dates count from the given day, not the clock. */
	assert_string_equal(S_text(v, "next_renewal.name"), "反垃圾邮件网关服务");
	assert_string_equal(S_text(v, "next_renewal.due_in"), "41天后");
	/* Budget-sensitive and within policy: the price-line offer is made. */
	assert_string_equal(S_text(v, "price_line.annual"), "¥99,000");
	assert_string_equal(S_text(v, "price_line.discount_zhe"), "8.25折");
	/* Features of the business edition, in the document's language. */
	assert_int_equal(sg_value_path(v, "features")->u.items.count, 4);
	sg_value *en = sg_proposal_data(&a, S_content, cu, "en", S_today, &d);
	assert_string_equal(S_text(en, "offer.annual"), "CNY 102,000");
	assert_string_equal(S_text(en, "offer.discount"), "15% off");
	assert_string_equal(S_text(en, "next_renewal.due_in"), "in 41 days");
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* How a document addresses the customer, for every kind of organisation:
 * the honorific in Chinese (贵单位 when the file gives no kind), the short
 * name in English, and the word for the kind; through the functions and
 * through the template data (customer.you, customer.kind_word,
 * customer.kind). */
static void test_honorific_every_kind(void **state)
{
	(void)state;
	static const struct {
		sg_org_kind kind;
		const char *id, *you, *word, *word_en;
	} want[] = {
		{SG_ORG_UNKNOWN, NULL, "贵单位", "单位", "organisation"},
		{SG_ORG_COMPANY, "company", "贵公司", "公司", "company"},
		{SG_ORG_LAW_FIRM, "law-firm", "贵所", "律所", "firm"},
		{SG_ORG_SCHOOL, "school", "贵校", "学校", "school"},
		{SG_ORG_HOSPITAL, "hospital", "贵院", "医院", "hospital"},
		{SG_ORG_BANK, "bank", "贵行", "银行", "bank"},
		{SG_ORG_GOVERNMENT, "government", "贵单位", "单位", "organisation"},
		{SG_ORG_OTHER, "other", "贵单位", "单位", "organisation"},
	};
	assert_int_equal(sizeof want / sizeof *want, SG_ORG_KIND_COUNT);
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	assert_non_null(cu);
	sg_org_kind kept = cu->kind;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		cu->kind = want[i].kind;
		assert_string_equal(sg_proposal_you(cu, "zh-CN"), want[i].you);
		assert_string_equal(sg_proposal_you(cu, "en"), cu->short_name);
		assert_string_equal(sg_proposal_org_word(cu, "zh-CN"), want[i].word);
		assert_string_equal(sg_proposal_org_word(cu, "en"), want[i].word_en);

		sg_arena a;
		sg_arena_init(&a);
		sg_diags d;
		sg_diags_init(&d);
		sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
		assert_non_null(v);
		assert_string_equal(S_text(v, "customer.you"), want[i].you);
		assert_string_equal(S_text(v, "customer.kind_word"), want[i].word);
		const sg_value *k = sg_value_path(v, "customer.kind");
		if (want[i].id)
			assert_string_equal(S_text(v, "customer.kind"), want[i].id);
		else
			assert_true(!k || k->kind == SG_VAL_NULL);
		v = sg_proposal_data(&a, S_content, cu, "en", S_today, &d);
		assert_string_equal(S_text(v, "customer.you"), "恒通物流");
		sg_diags_dispose(&d);
		sg_arena_dispose(&a);
	}
	cu->kind = kept;
}

/* Equipment past its replacement cycle: the basis of its line says the
 * cycle and its age, and the data lists it for the proposal's paragraph;
 * the same equipment a year younger is not due. */
static void test_replacement_due(void **state)
{
	(void)state;
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	assert_non_null(cu);
	assert_true(cu->hardware_count >= 1);
	sg_date kept = cu->hardware[0].bought;
	cu->hardware[0].bought = (sg_date){2019, 5, 15};
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_non_null(v);
	const sg_value *line = sg_value_path(v, "self_hosted.lines")->u.items.first;
	assert_string_equal(S_text(line, "basis"), "¥180,000 ÷ 5 年，按五年更新周期；已用 7 年，到期应更新");
	assert_true(sg_value_path(line, "due")->u.b);
	assert_int_equal(sg_value_path(line, "age")->u.i, 7);
	/* The second piece, bought in 2022, is four years old: not due. */
	const sg_value *second = line->next;
	assert_string_equal(S_text(second, "basis"), "¥95,000 ÷ 5 年，按五年更新周期");
	assert_int_equal(sg_value_path(second, "age")->u.i, 4);
	assert_false(sg_value_path(second, "due")->u.b);
	/* Software without a bought date: no age. */
	const sg_value *sw = second->next;
	assert_string_equal(S_text(sw, "kind"), "software");
	assert_int_equal(sg_value_path(sw, "age")->kind, SG_VAL_NULL);
	assert_true(sg_value_path(v, "self_hosted.has_replace")->u.b);
	const sg_value *rep = sg_value_path(v, "self_hosted.replace");
	assert_int_equal(rep->u.items.count, 1);
	assert_string_equal(S_text(rep->u.items.first, "cycle"), "五");
	assert_string_equal(S_text(rep->u.items.first, "cycle_end"), "2024年5月15日");
	assert_int_equal(sg_value_path(rep->u.items.first, "age")->u.i, 7);

	v = sg_proposal_data(&a, S_content, cu, "en", S_today, &d);
	line = sg_value_path(v, "self_hosted.lines")->u.items.first;
	assert_string_equal(S_text(line, "basis"),
			    "CNY 180,000 / 5 years; 7 years old, due");

	cu->hardware[0].bought = (sg_date){2021, 11, 21};
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	line = sg_value_path(v, "self_hosted.lines")->u.items.first;
	assert_string_equal(S_text(line, "basis"), "¥180,000 ÷ 5 年，按五年更新周期");
	assert_false(sg_value_path(v, "self_hosted.has_replace")->u.b);
	cu->hardware[0].bought = kept;
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_price_line_only_when_budget_sensitive(void **state)
{
	(void)state;
	/* donghai is over the line but not budget-sensitive. */
	sg_customer *cu = sg_content_customer(S_content, "donghai-business-school");
	assert_non_null(cu);
	assert_false(cu->offer.budget_sensitive);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_int_equal(sg_value_path(v, "price_line")->kind, SG_VAL_NULL);
	assert_int_equal(sg_value_path(v, "cost.offer.price_line_annual")->kind, SG_VAL_NULL);
	/* huajun is budget-sensitive, but the price line is beyond policy. */
	cu = sg_content_customer(S_content, "huajun-auto");
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_int_equal(sg_value_path(v, "price_line")->kind, SG_VAL_NULL);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* Every string leaf of a tree, for the firewall test. */
static void S_strings(const sg_value *v, sg_buf *all)
{
	if (v->kind == SG_VAL_MAP || v->kind == SG_VAL_LIST) {
		for (const sg_value *c = v->u.items.first; c; c = c->next)
			S_strings(c, all);
	} else if (v->kind == SG_VAL_STR) {
		sg_buf_puts(all, v->u.str.s);
		sg_buf_putc(all, '\n');
	}
}

/* The proposal data holds nothing from an internal field: contacts, notes,
 * strengths, weaknesses, actions, events, approvals. */
static void test_firewall_data(void **state)
{
	(void)state;
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		sg_arena a;
		sg_arena_init(&a);
		sg_diags d;
		sg_diags_init(&d);
		sg_value *v = sg_proposal_data(&a, S_content, cu, cu->lang, S_today, &d);
		assert_non_null(v);
		sg_buf all;
		sg_buf_init(&all);
		S_strings(v, &all);
		for (size_t k = 0; k < cu->contact_count; k++)
			if (strstr(all.data, cu->contacts[k].name))
				fail_msg("%s: contact %s in the data", cu->id, cu->contacts[k].name);
		for (size_t k = 0; k < cu->weakness_count; k++)
			assert_null(strstr(all.data, cu->weaknesses[k]));
		for (size_t k = 0; k < cu->strength_count; k++)
			assert_null(strstr(all.data, cu->strengths[k]));
		for (size_t k = 0; k < cu->action_count; k++)
			assert_null(strstr(all.data, cu->actions[k].task));
		for (size_t k = 0; k < cu->event_count; k++)
			assert_null(strstr(all.data, cu->events[k].text));
		assert_null(sg_value_path(v, "customer.notes"));
		assert_null(sg_value_path(v, "customer.offer.approvals"));
		assert_null(sg_value_path(v, "customer.offer.budget_sensitive"));
		assert_null(sg_value_path(v, "cost.offer.approval"));
		assert_null(sg_value_path(v, "cost.segment"));
		sg_buf_dispose(&all);
		sg_diags_dispose(&d);
		sg_arena_dispose(&a);
	}
}

/* ---------------------------------------------------------------- templates */

/* A proposal template made on the fly, as the loader would make it. */
static sg_doc S_tpl(const char *path, const char *body, int body_line)
{
	sg_doc t;
	memset(&t, 0, sizeof t);
	t.path = path;
	t.slug = "test";
	t.kind = SG_DOC_PROPOSAL;
	t.lang = "zh-CN";
	t.audience = SG_AUDIENCE_CUSTOMER;
	t.body = body;
	t.body_len = strlen(body);
	t.body_line = body_line;
	return t;
}

static int S_render(const char *body, int body_line, sg_proposal_doc *doc, sg_diags *d)
{
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	sg_value *v = sg_proposal_data(&doc->arena, S_content, cu, "zh-CN", S_today, d);
	doc->lang = "zh-CN";
	sg_doc t = S_tpl("proposals/test.md", body, body_line);
	return sg_proposal_render(doc, &t, v, d);
}

/* The document's Markdown, as `salesgen proposal --markdown` writes it; in
 * the document's arena. */
static const char *S_markdown(sg_proposal_doc *doc)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_proposal_markdown(doc, &b);
	const char *s = sg_arena_strndup(&doc->arena, b.data, b.len);
	sg_buf_dispose(&b);
	return s;
}

/* The n-th node of kind in doc's tree (document order), or NULL. */
static const sg_mdnode *S_find(const sg_proposal_doc *doc, sg_md_kind kind, int n)
{
	sg_mditer it;
	sg_mditer_init(&it, doc->tree->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *c = sg_mditer_node(&it);
		if (ev == SG_MD_ENTER && sg_mdnode_kind(c) == kind && n-- == 0)
			return c;
	}
	return NULL;
}

static bool S_has_diag(const sg_diags *d, int line, const char *text)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].line == line && d->items[i].path &&
		    strcmp(d->items[i].path, "proposals/test.md") == 0 &&
		    strstr(d->items[i].message, text))
			return true;
	return false;
}

static void test_internal_field_is_an_error_at_its_line(void **state)
{
	(void)state;
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	/* The body starts at line 5 of the file (after the front matter). */
	int rc = S_render("# {{customer.name}}\n\n{{#customer.contacts}}{{name}}{{/customer.contacts}}\n"
			  "{{customer.notes}}\n",
			  5, &doc, &d);
	assert_int_equal(rc, -1);
	assert_true(S_has_diag(&d, 7, "customer.contacts"));
	assert_true(S_has_diag(&d, 8, "customer.notes"));
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
}

static void test_directives(void **state)
{
	(void)state;
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	int rc = S_render("Text.\n\n```salesgen cost-table\n```\n\n```salesgen offer-table\n```\n\n"
			  "```salesgen cost-chart\ntype: line\n```\n\n```python\nx = 1\n```\n",
			  1, &doc, &d);
	if (rc)
		sg_diags_print(&d, stderr);
	assert_int_equal(rc, 0);
	/* The cost table: every line, and the totals with and without labour. */
	assert_non_null(strstr(S_markdown(&doc), "| 邮件服务器（两台，双机热备） |"));
	assert_non_null(strstr(S_markdown(&doc), "**¥182\\,315\\.20**"));
	assert_non_null(strstr(S_markdown(&doc), "**¥422\\,315\\.20**"));
	/* The offer table with its price-line column. */
	assert_non_null(strstr(S_markdown(&doc), "| 预算优选方案 |"));
	assert_non_null(strstr(S_markdown(&doc), "**¥99\\,000**"));
	/* A chart becomes a block for the PDF engine; other fences stay. */
	assert_non_null(strstr(S_markdown(&doc), "<!-- salesgen:block chart1 -->"));
	assert_int_equal(doc.ncharts, 1);
	assert_int_equal(doc.charts[0].kind, SG_CHART_LINE);
	assert_int_equal(doc.charts[0].npoints, 6);
	assert_int_equal(doc.charts[0].series[0].values[5], 42231520 * 5);
	assert_int_equal(doc.charts[0].series[2].values[0], 1900000); /* one-time fees */
	assert_non_null(strstr(S_markdown(&doc), "```python\nx = 1\n```"));
	assert_null(strstr(S_markdown(&doc), "salesgen cost-table"));
	/* In the tree: three tables, a chart node with its values in 万元 (a
	 * line from year 0), the other code block; no directive left. */
	assert_non_null(S_find(&doc, SG_MD_TABLE, 1));
	const sg_mdnode *chart = S_find(&doc, SG_MD_CHART, 0);
	assert_non_null(chart);
	const sg_mdchart *c = sg_mdnode_chart(chart);
	assert_int_equal(c->kind, SG_MDCHART_LINE);
	assert_int_equal(c->ncategories, 6);
	assert_true(c->series[0].values[5] > 211.15 && c->series[0].values[5] < 211.16);
	assert_int_equal(sg_mdnode_line(chart), 9); /* the directive's line */
	const sg_mdnode *code = S_find(&doc, SG_MD_CODE_BLOCK, 0);
	assert_string_equal(sg_mdnode_code_info(code), "python");
	assert_null(S_find(&doc, SG_MD_CODE_BLOCK, 1));
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
}

/* A money cell of the Markdown ("¥102\\,000", "**¥121\\,000**", "¥1\\,234\\.50")
 * in fen; -1 when the cell holds no amount. */
static sg_fen S_cell_fen(const char *s, const char *end)
{
	sg_fen yuan = 0, fen = 0;
	int frac = -1;
	bool any = false;
	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9') {
			any = true;
			if (frac < 0)
				yuan = yuan * 10 + (*s - '0');
			else if (frac < 2)
				fen = fen * 10 + (*s - '0'), frac++;
		} else if (*s == '.' && any) {
			frac = 0;
		}
	}
	if (frac == 1)
		fen *= 10;
	return any ? yuan * 100 + fen : -1;
}

/* The quotation's line items of every customer with an offer: the lines'
 * amounts add up to the total row exactly, and the total is a year of the
 * price and the one-time fees, each fee a line of its own. */
static void test_quote_items(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		if (!cu->offer.given)
			continue;
		sg_proposal_doc doc;
		sg_proposal_doc_init(&doc);
		sg_diags d;
		sg_diags_init(&d);
		sg_value *v = sg_proposal_data(&doc.arena, S_content, cu, "zh-CN", S_today, &d);
		assert_non_null(v);
		doc.lang = "zh-CN";
		sg_doc t = S_tpl("quotes/test.md", "```salesgen quote-items\n```\n", 1);
		t.kind = SG_DOC_QUOTE;
		assert_int_equal(sg_proposal_render(&doc, &t, v, &d), 0);
		const char *md = S_markdown(&doc);
		sg_fen sum = 0, total = -1;
		size_t lines = 0;
		for (const char *l = md; *l;) {
			const char *nl = strchr(l, '\n');
			const char *end = nl ? nl : l + strlen(l);
			const char *last = end;
			while (last > l && last[-1] != '|')
				last--;
			const char *cell = last - 1; /* the last cell: the amount */
			while (cell > l && cell[-1] != '|')
				cell--;
			if (l[0] == '|' && last - l > 2) {
				sg_fen amount = S_cell_fen(cell, last - 1);
				if (l[1] == ' ' && l[2] >= '1' && l[2] <= '9') {
					assert_true(amount >= 0);
					sum += amount;
					lines++;
				} else if (strstr(l, "合计") && strstr(l, "合计") < end) {
					total = amount;
				}
			}
			l = nl ? nl + 1 : end;
		}
		sg_cost_result r;
		sg_arena a;
		sg_arena_init(&a);
		sg_eval_cost(sg_eval_of(cu), &r, &a);
		assert_int_equal(lines, 1 + r.fee_count);
		assert_int_equal(total, sum);
		assert_int_equal(total, r.offer_annual + r.one_time);
		sg_arena_dispose(&a);
		sg_diags_dispose(&d);
		sg_proposal_doc_dispose(&doc);
		checked++;
	}
	assert_true(checked >= 3);
}

static void test_unknown_directive(void **state)
{
	(void)state;
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	int rc = S_render("Text.\n\n```salesgen cost-tabel\n```\n", 3, &doc, &d);
	assert_int_equal(rc, -1);
	assert_true(S_has_diag(&d, 5, "unknown block directive 'salesgen cost-tabel'"));
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
}

/* A value cannot forge a directive or a block marker. */
static void test_values_cannot_forge_blocks(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *data = sg_value_map(&a);
	sg_map_set(&a, data, "x", sg_value_str(&a, "```salesgen cost-chart\n```"));
	sg_map_set(&a, data, "y", sg_value_str(&a, "<!-- salesgen:block chart1 -->"));
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	doc.lang = "zh-CN";
	sg_diags d;
	sg_diags_init(&d);
	sg_doc t = S_tpl("proposals/test.md", "{{x}}\n\n{{y}}\n", 1);
	assert_int_equal(sg_proposal_render(&doc, &t, data, &d), 0);
	assert_int_equal(doc.ncharts, 0);
	assert_null(strstr(S_markdown(&doc), "<!--"));
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- approvals */

static void test_approvals(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	size_t n = sg_eval_check_approvals(S_content, &d);
	assert_int_equal(n, 1); /* huajun-auto lacks its branch manager */
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, SG_WARNING);
	assert_non_null(strstr(d.items[0].path, "huajun-auto.xml"));
	assert_int_equal(d.items[0].line, sg_content_customer(S_content, "huajun-auto")->offer.pos.line);
	assert_non_null(strstr(d.items[0].message, "branch-manager"));
	sg_diags_dispose(&d);

	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		sg_proposal_doc doc;
		sg_proposal_doc_init(&doc);
		sg_diags_init(&d);
		assert_int_equal(sg_proposal_prepare(&doc, S_content, cu, NULL, &d), 0);
		bool want = strcmp(cu->id, "huajun-auto") == 0;
		assert_int_equal(doc.draft, want);
		if (want)
			assert_string_equal(doc.watermark, "草稿 · 未审批");
		else
			assert_null(doc.watermark);
		sg_diags_dispose(&d);
		sg_proposal_doc_dispose(&doc);
	}
}

/* An approval by a more senior role covers a junior one; removing the
 * approvals of hengtong makes its proposal a draft. */
static void test_approval_seniority(void **state)
{
	(void)state;
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	sg_cost_input in;
	sg_cost_input_from_customer(&in, cu, S_content->catalog);
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_false(sg_cost_approval_missing(cu, &r, NULL, NULL));
	sg_approval *saved = cu->offer.approvals;
	size_t count = cu->offer.approval_count;
	cu->offer.approval_count = 0;
	const sg_role *role;
	assert_true(sg_cost_approval_missing(cu, &r, &role, NULL));
	assert_string_equal(role->id, "account-manager");
	/* Only the branch marketing director: senior enough. */
	cu->offer.approvals = &saved[1];
	cu->offer.approval_count = 1;
	assert_false(sg_cost_approval_missing(cu, &r, NULL, NULL));
	cu->offer.approvals = saved;
	cu->offer.approval_count = count;
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- cases */

static const sg_value *S_list(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	if (!v || v->kind != SG_VAL_LIST)
		fail_msg("no list %s in the data", path);
	return v;
}

static bool S_flag(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	if (!v || v->kind != SG_VAL_BOOL)
		fail_msg("no flag %s in the data", path);
	return v->u.b;
}

/* Case studies come only in the document's language: the industry's first,
 * then those of a similar size, nearest first; when none matches, every
 * case of the language, nearest in size first, with cases_matched false. */
static void test_cases_by_language(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);

	/* Harbourline: foreign trade, 300 mailboxes, in English. */
	sg_customer *cu = sg_content_customer(S_content, "harbourline-trading");
	sg_value *v = sg_proposal_data(&a, S_content, cu, "en", S_today, &d);
	const sg_value *cs = S_list(v, "cases");
	assert_true(S_flag(v, "has_cases"));
	assert_true(S_flag(v, "cases_matched"));
	assert_int_equal(cs->u.items.count, 3);
	static const char *const want[] = {"import-export-umail-en", "apparel-postfix-en",
					   "futures-imail-en"};
	size_t i = 0;
	for (const sg_value *c = cs->u.items.first; c; c = c->next, i++) {
		assert_string_equal(S_text(c, "id"), want[i]);
		for (const char *p = S_text(c, "title"); *p; p++)
			if ((unsigned char)*p >= 0x80)
				fail_msg("a case of an English proposal has a non-ASCII title: %s",
					 S_text(c, "title"));
	}
	assert_string_equal(S_text(cs->u.items.first, "match"), "industry");
	assert_string_equal(S_text(cs->u.items.first->next, "match"), "size");

	/* The same customer in Chinese gets the Chinese cases only. */
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	cs = S_list(v, "cases");
	assert_true(cs->u.items.count >= 1);
	assert_string_equal(S_text(cs->u.items.first, "id"), "import-export-umail");
	for (const sg_value *c = cs->u.items.first; c; c = c->next)
		assert_null(strstr(S_text(c, "id"), "-en"));

	/* An automaker of 4,000 mailboxes in English: no English case of its
	 * industry or size, so every English case, nearest in size first. */
	cu = sg_content_customer(S_content, "huajun-auto");
	v = sg_proposal_data(&a, S_content, cu, "en", S_today, &d);
	cs = S_list(v, "cases");
	assert_true(S_flag(v, "has_cases"));
	assert_false(S_flag(v, "cases_matched"));
	assert_int_equal(cs->u.items.count, 3);
	assert_string_equal(S_text(cs->u.items.first, "id"), "futures-imail-en");
	assert_string_equal(S_text(cs->u.items.first, "match"), "other");
	/* In Chinese it has a case of its own industry. */
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_true(S_flag(v, "cases_matched"));
	assert_string_equal(S_text(S_list(v, "cases")->u.items.first, "id"), "automaker-oracle");

	/* A language without any case study: none, and the template says so. */
	v = sg_proposal_data(&a, S_content, cu, "de", S_today, &d);
	assert_false(S_flag(v, "has_cases"));
	assert_int_equal(S_list(v, "cases")->u.items.count, 0);

	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* A bundle of lines, not mail: no features, a quantity of lines, and a
 * template of its own; negative savings also come without their sign. */
/* A law firm of 210 mailboxes that worries about confidentiality and
 * stability (hengtong's file, changed in memory): no case of its industry,
 * so the cases of a similar size come first, the one that answers its
 * concern (stability) first among them, then a case of another size that
 * answers it too; the data says which claims hold for all of them (other
 * industries: yes; all of a similar size: no), and each case what it has in
 * common. With the customer's industry, its own case leads and every case
 * listed is of that industry only when all are. */
static void test_cases_relevance(void **state)
{
	(void)state;
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	assert_non_null(cu);
	sg_customer kept = *cu;
	static const char *concerns[] = {"confidentiality", "stability"};
	cu->industry = "law";
	cu->mailboxes = 210;
	cu->concerns = concerns;
	cu->concern_count = 2;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	const sg_value *cs = S_list(v, "cases");
	static const char *const want[] = {"import-export-umail", "apparel-postfix",
					   "futures-imail", "automaker-oracle"};
	static const char *const common[] = {"规模相近；同样关注系统稳定性", "规模相近", "规模相近",
					     "同样关注系统稳定性"};
	assert_int_equal(cs->u.items.count, 4);
	size_t i = 0;
	for (const sg_value *c = cs->u.items.first; c; c = c->next, i++) {
		assert_string_equal(S_text(c, "id"), want[i]);
		assert_string_equal(S_text(c, "in_common"), common[i]);
		assert_false(S_flag(c, "same_industry"));
	}
	assert_string_equal(S_text(cs->u.items.first, "shared_concerns"), "系统稳定性");
	assert_string_equal(S_text(cs->u.items.first->next->next->next, "match"), "concern");
	assert_true(S_flag(v, "cases_matched"));
	assert_true(S_flag(v, "cases_other_industries"));
	assert_false(S_flag(v, "cases_same_industry"));
	assert_false(S_flag(v, "cases_similar_size"));

	/* Without the concern, only the cases of a similar size: all of
	 * them, so the sentence may say so. */
	cu->concern_count = 1;
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_int_equal(S_list(v, "cases")->u.items.count, 3);
	assert_true(S_flag(v, "cases_similar_size"));
	const sg_value *sc = sg_value_path(S_list(v, "cases")->u.items.first, "shared_concerns");
	assert_true(!sc || sc->kind == SG_VAL_NULL);

	/* A securities firm: its own case first, then others; not all of its
	 * industry. */
	cu->industry = "securities";
	cu->mailboxes = 4000;
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	cs = S_list(v, "cases");
	assert_string_equal(S_text(cs->u.items.first, "id"), "securities-domino");
	assert_string_equal(S_text(cs->u.items.first, "in_common"), "同行业；规模相近");
	assert_false(S_flag(v, "cases_same_industry"));
	assert_false(S_flag(v, "cases_other_industries"));

	*cu = kept;
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* A template that names a feature the offered edition lacks is an error at
 * each name (any language, any case), but not in a comment; the same
 * template for an edition that has it is fine. */
static void test_template_names_feature(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	const char *text = "---\ntitle: x\nlang: zh-CN\naudience: customer\n---\n"
			   "{{! 海外专线中继 only for business }}\n"
			   "标准版不含海外专线中继。\n"
			   "Our overseas RELAY and the open api.\n";
	const char *path = sg_test_write_temp(0, "tpl.md", text);
	sg_doc *tpl = sg_doc_load(&a, path, SG_DOC_PROPOSAL, "zh-CN", &d);
	assert_non_null(tpl);
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	const sg_edition *kept = cu->offer.edition;
	assert_int_equal(sg_proposal_check_features(tpl, cu, &d), 0); /* business */
	cu->offer.edition = sg_product_edition(cu->offer.product, "standard");
	assert_int_equal(sg_proposal_check_features(tpl, cu, &d), 3);
	assert_int_equal(d.items[0].line, 7);
	assert_int_equal(d.items[0].col, 6);
	assert_non_null(strstr(d.items[0].message, "the template names the feature '海外专线中继' "
						   "(relay), which the standard edition offered to "
						   "hengtong-logistics does not have"));
	assert_int_equal(d.items[1].line, 8);
	assert_int_equal(d.items[1].col, 5);
	assert_non_null(strstr(d.items[1].message, "'Overseas relay' (relay)"));
	assert_int_equal(d.items[2].col, 28);
	assert_non_null(strstr(d.items[2].message, "'Open API' (api)"));
	cu->offer.edition = kept;
	sg_doc_dispose(tpl);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_bundle_offer(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_customer *cu = sg_content_customer(S_content, "jinxiu-apparel");
	sg_value *v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_false(S_flag(v, "has_features"));
	assert_string_equal(S_text(v, "offer.unit_id"), "line");
	assert_string_equal(S_text(v, "savings.five_year_without_labour"), "−¥30,500");
	assert_string_equal(S_text(v, "savings.five_year_without_labour_abs"), "¥30,500");
	assert_false(S_flag(v, "savings.five_year_without_labour_positive"));
	const sg_doc *t = sg_proposal_pick(S_content, cu, NULL, &d);
	assert_string_equal(t->slug, "bundle");

	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_proposal_opts o = {.build_date = S_today};
	assert_int_equal(sg_proposal_prepare(&doc, S_content, cu, &o, &d), 0);
	assert_non_null(strstr(S_markdown(&doc), "| 数量 |"));
	assert_null(strstr(S_markdown(&doc), "| 用户数 |"));
	/* The header names the customer once. */
	assert_string_equal(doc.header, doc.title);
	sg_proposal_doc_dispose(&doc);

	cu = sg_content_customer(S_content, "hengtong-logistics");
	v = sg_proposal_data(&a, S_content, cu, "zh-CN", S_today, &d);
	assert_true(S_flag(v, "has_features"));
	assert_string_equal(S_text(v, "offer.unit_id"), "user");
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- choice */

static void test_template_choice(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	const sg_doc *t = sg_proposal_pick(S_content, sg_content_customer(S_content, "hengtong-logistics"),
					   NULL, &d);
	assert_string_equal(t->lang, "zh-CN");
	t = sg_proposal_pick(S_content, sg_content_customer(S_content, "harbourline-trading"), NULL,
			     &d);
	assert_string_equal(t->lang, "en");
	t = sg_proposal_pick(S_content, sg_content_customer(S_content, "hengtong-logistics"),
			     "standard-en", &d);
	assert_string_equal(t->slug, "standard-en");
	assert_int_equal(d.count, 0);
	assert_null(sg_proposal_pick(S_content, sg_content_customer(S_content, "hengtong-logistics"),
				     "nope", &d));
	assert_int_equal(d.count, 1);
	sg_diags_dispose(&d);
}

/* ---------------------------------------------------------------- reports */

static void test_reports(void **state)
{
	(void)state;
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	sg_proposal_opts o = {.build_date = S_today};
	assert_int_equal(sg_report_review_prepare(&doc, S_content,
						  sg_content_customer(S_content, "huajun-auto"), &o, &d),
			 0);
	assert_true(doc.internal);
	assert_non_null(strstr(doc.confidential, "INTERNAL"));
	assert_non_null(strstr(S_markdown(&doc), "董晓光"));   /* the coach */
	assert_non_null(strstr(S_markdown(&doc), "分公司经理")); /* the approval it needs */
	sg_proposal_doc_dispose(&doc);

	sg_proposal_doc_init(&doc);
	assert_int_equal(sg_report_pipeline_prepare(&doc, S_content, &o, &d), 0);
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		const char *name = cu->short_name ? cu->short_name : cu->name;
		sg_buf esc;
		sg_buf_init(&esc);
		sg_escape_markdown(name, strlen(name), &esc);
		if (!strstr(S_markdown(&doc), esc.data))
			fail_msg("the pipeline lacks %s", name);
		sg_buf_dispose(&esc);
	}
	/* The triggers, soonest first: two renewals due in 41 days lead. */
	assert_non_null(strstr(S_markdown(&doc), "41天后"));
	const char *first = strstr(S_markdown(&doc), "## 下一个触发点");
	assert_non_null(first);
	const char *d41 = strstr(first, "41天后"), *d87 = strstr(first, "87天后");
	assert_true(d41 && d87 && d41 < d87);
	if (sg_diags_errors(&d))
		sg_diags_print(&d, stderr);
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
}

/* The pipeline's totals are checked: two offers of more than half of
 * INT64_MAX users each pass 64 bits together, an error at the customer whose
 * offer takes the total past, said once, and no data. */
static void test_pipeline_totals_too_large(void **state)
{
	(void)state;
	sg_customer *big[2] = {S_content->customers[0], S_content->customers[1]};
	int64_t was[2];
	for (int i = 0; i < 2; i++) {
		was[i] = big[i]->offer.users;
		big[i]->offer.users = INT64_MAX / 2 + 1;
	}
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	assert_null(sg_report_pipeline_data(&a, S_content, "zh-CN", S_today, &d));
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "the pipeline's totals of users or yearly prices, "
						"with this customer, are too large to show");
	assert_true(strcmp(d.items[0].path, big[0]->pos.path) == 0 ||
		    strcmp(d.items[0].path, big[1]->pos.path) == 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	for (int i = 0; i < 2; i++)
		big[i]->offer.users = was[i];
}

/* The pipeline's counts of customers are written as its counts of users
 * are (sg_fmt_count: 25,000), not as bare integers beside them. */
static void test_pipeline_counts_text(void **state)
{
	(void)state;
	sg_customer *cu = S_content->customers[0];
	int64_t was = cu->offer.users;
	cu->offer.users = 1234567;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_value *p = sg_report_pipeline_data(&a, S_content, "zh-CN", S_today, &d);
	assert_non_null(p);
	const sg_value *total = sg_map_get(sg_map_get(p, "pipeline"), "total");
	assert_non_null(total);
	const sg_value *count = sg_map_get(total, "count"), *users = sg_map_get(total, "users");
	assert_true(count && count->kind == SG_VAL_STR && users && users->kind == SG_VAL_STR);
	char want[32];
	snprintf(want, sizeof want, "%zu", S_content->customer_count);
	assert_string_equal(count->u.str.s, want);
	assert_non_null(strchr(users->u.str.s, ',')); /* over a million: grouped */
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	cu->offer.users = was;
}

/* The notes' headings nest under the review's "## 附：内部备注": the notes
 * start at "##" (as on the account page), so each heading goes one level
 * down in the review; code stays as written, headings inside quotes and
 * lists move too, a setext heading is written again as ATX, and none goes
 * below level 6. */
static void test_review_notes_headings(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_proposal_opts o = {.build_date = S_today};
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	const sg_customer *hengtong = sg_content_customer(S_content, "hengtong-logistics");
	assert_int_equal(sg_report_review_prepare(&doc, S_content, hengtong, &o, &d), 0);
	const char *appendix = strstr(S_markdown(&doc), "\n## 附：内部备注\n");
	assert_non_null(appendix);
	assert_non_null(strstr(appendix, "\n### 拜访记录\n"));
	assert_null(strstr(S_markdown(&doc), "\n## 拜访记录"));
	/* The customer's own notes are left as they are (the site shows them). */
	assert_non_null(strstr(hengtong->notes, "## 拜访记录"));
	assert_null(strstr(hengtong->notes, "### 拜访记录"));
	sg_proposal_doc_dispose(&doc);

	sg_customer cu = *hengtong;
	cu.notes = "# 总览\n\n正文。\n\n## 拜访记录\n\n```\n## 代码里的井号\n```\n\n"
		   "> ## 引用里的标题\n\n- ## 列表里的标题\n\n设定**标题**\n另一行\n---\n\n"
		   "##### 五级\n\n###### 六级 ######\n";
	sg_proposal_doc_init(&doc);
	assert_int_equal(sg_report_review_prepare(&doc, S_content, &cu, &o, &d), 0);
	appendix = strstr(S_markdown(&doc), "\n## 附：内部备注\n");
	assert_non_null(appendix);
	static const char *const want[] = {
		"\n### 总览\n",                    /* the highest becomes level 3 */
		"\n#### 拜访记录\n",               /* the rest keep their distance */
		"\n## 代码里的井号\n",             /* code stays */
		"\n> #### 引用里的标题\n",         /* in a quote */
		"\n- #### 列表里的标题\n",         /* in a list */
		"\n#### 设定**标题** 另一行\n",    /* setext, as ATX, on one line */
		"\n###### 五级\n",                 /* level 6 at most */
		"\n###### 六级 ######\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(appendix, want[i]))
			fail_msg("the review's notes lack %s:\n%s", want[i], appendix);
	assert_null(strstr(appendix, "\n---\n"));
	sg_proposal_doc_dispose(&doc);

	/* Notes whose headings already sit below the appendix stay as written. */
	cu.notes = "### 拜访记录\n\n正文。\n";
	sg_proposal_doc_init(&doc);
	assert_int_equal(sg_report_review_prepare(&doc, S_content, &cu, &o, &d), 0);
	assert_non_null(strstr(S_markdown(&doc), "\n### 拜访记录\n\n正文。"));
	sg_proposal_doc_dispose(&doc);
	if (sg_diags_errors(&d))
		sg_diags_print(&d, stderr);
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
}

/* ---------------------------------------------------------------- generated nodes */

/* t with each `<!-- salesgen:block NAME -->` of the Markdown replaced by the
 * chart node of doc named NAME, as it was before the Markdown was written. */
static void S_charts_back(sg_mdtree *t, const sg_proposal_doc *doc)
{
	sg_mdnode *next;
	for (sg_mdnode *n = sg_mdnode_first_child(t->root); n; n = next) {
		next = sg_mdnode_next(n);
		if (sg_mdnode_kind(n) != SG_MD_HTML_BLOCK)
			continue;
		for (int k = 0; S_find(doc, SG_MD_CHART, k); k++) {
			const sg_mdchart *c = sg_mdnode_chart(S_find(doc, SG_MD_CHART, k));
			char mark[96];
			snprintf(mark, sizeof mark, "<!-- salesgen:block %s -->\n", c->name);
			if (strcmp(sg_mdnode_literal(n), mark) != 0)
				continue;
			sg_mdnode *chart = sg_mdnode_new(t, SG_MD_CHART, sg_mdnode_line(n));
			chart->u.chart = c;
			sg_mdnode_insert_before(n, chart);
			sg_mdnode_unlink(n);
			break;
		}
	}
}

/* doc's tree is what the Markdown md parses into, node for node, and it
 * sets the same PDF byte for byte. */
static void S_check_same(sg_proposal_doc *doc, const char *md, const char *what)
{
	sg_mdtree *back = sg_mdparse(md, strlen(md), 1);
	S_charts_back(back, doc);
	sg_buf want, got;
	sg_buf_init(&want);
	sg_buf_init(&got);
	sg_mdnode_dump(doc->tree->root, SG_MDDUMP_MERGE, &want);
	sg_mdnode_dump(back->root, SG_MDDUMP_MERGE, &got);
	if (strcmp(want.data, got.data) != 0)
		fail_msg("%s: the generated nodes differ from their Markdown parsed\n--- made\n%s"
			 "--- parsed\n%s",
			 what, want.data, got.data);
	sg_buf_clear(&want);
	sg_buf_clear(&got);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_proposal_doc_pdf(&want, doc, S_content, NULL, &d), 0);
	sg_mdtree *made = doc->tree;
	doc->tree = back;
	assert_int_equal(sg_proposal_doc_pdf(&got, doc, S_content, NULL, &d), 0);
	doc->tree = made;
	if (want.len != got.len || memcmp(want.data, got.data, want.len) != 0)
		fail_msg("%s: the PDF of the generated nodes differs from their Markdown's", what);
	sg_diags_dispose(&d);
	sg_buf_dispose(&want);
	sg_buf_dispose(&got);
	sg_mdtree_free(back);
}

/* The generated tables, lists and headings are built the way the parser
 * builds them from the Markdown they replaced: a template with every
 * directive gives the Markdown the text-making expansion gave (kept in
 * tests/data/proposal/blocks-expanded.md), byte for byte, and its tree is
 * that Markdown's tree, and lays out to the same PDF. */
static void test_generated_nodes_golden(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_doc *tpl = sg_doc_load(&a, SG_TEST_DATA "/proposal/blocks.md", SG_DOC_PROPOSAL, "zh-CN",
				  &d);
	assert_non_null(tpl);
	size_t len;
	char *want = sg_test_read_file(SG_TEST_DATA "/proposal/blocks-expanded.md", &len);
	assert_non_null(want);
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	doc.lang = "zh-CN";
	sg_customer *cu = sg_content_customer(S_content, "hengtong-logistics");
	sg_value *v = sg_proposal_data(&doc.arena, S_content, cu, "zh-CN", S_today, &d);
	assert_int_equal(sg_proposal_render(&doc, tpl, v, &d), 0);
	assert_string_equal(S_markdown(&doc), want);
	/* Every directive was made into something. */
	for (size_t i = 0; i < doc.nblocks; i++)
		assert_non_null(doc.blocks[i].first);
	assert_int_equal(doc.nblocks, 8);
	S_check_same(&doc, want, "blocks.md");
	free(want);
	sg_proposal_doc_dispose(&doc);
	sg_doc_dispose(tpl);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* The same for every document of the sample content, against its own
 * Markdown: what `--markdown` shows is what is typeset. */
static void S_check_generated(sg_proposal_doc *doc, const char *what)
{
	S_check_same(doc, S_markdown(doc), what);
}

static void test_generated_nodes_are_their_markdown(void **state)
{
	(void)state;
	sg_proposal_opts o = {.build_date = S_today};
	size_t checked = 0;
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		for (int review = 0; review < 2; review++) {
			sg_proposal_doc doc;
			sg_proposal_doc_init(&doc);
			sg_diags d;
			sg_diags_init(&d);
			int rc = review ? sg_report_review_prepare(&doc, S_content, cu, &o, &d)
					: sg_proposal_prepare(&doc, S_content, cu, &o, &d);
			if (rc == 0) {
				S_check_generated(&doc, cu->id);
				checked++;
			}
			sg_diags_dispose(&d);
			sg_proposal_doc_dispose(&doc);
		}
	}
	/* Every sample customer has a proposal and a review; the standard
	 * templates use every directive (the bundle one's renewals too). */
	assert_int_equal(checked, 2 * S_content->customer_count);
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_report_pipeline_prepare(&doc, S_content, &o, &d), 0);
	S_check_generated(&doc, "pipeline");
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
}

/* The pipeline report from its document prepared ahead, in a thread
 * (targets/pipeline_ahead.h), is the same PDF with the same messages as
 * the one made from the content at once; the document is taken once, and
 * not at all for another build date; a run whose scope leaves the report
 * out prepares nothing. */
static void test_pipeline_ahead(void **state)
{
	(void)state;
	sg_engine_opts eo = {.out_dir = sg_test_tmpdir("sgahead")};
	sg_engine *e = sg_engine_new(&eo);
	sg_pipeline_ahead *a = sg_pipeline_ahead_start(e, S_content, S_today, false);
	assert_non_null(a);
	sg_pipeline_ahead_join(a);
	sg_proposal_pdf_opts o = {.doc = {.build_date = S_today}};
	sg_proposal_doc doc;
	sg_diags d_ahead, d_now;
	sg_diags_init(&d_ahead);
	sg_diags_init(&d_now);
	int rc = -1;
	sg_date other = {2026, 11, 21};
	assert_false(sg_pipeline_ahead_take(a, other, &doc, &d_ahead, &rc));
	assert_true(sg_pipeline_ahead_take(a, S_today, &doc, &d_ahead, &rc));
	assert_int_equal(rc, 0);
	assert_false(sg_pipeline_ahead_take(a, S_today, &doc, &d_ahead, &rc));
	sg_buf ahead, now;
	sg_buf_init(&ahead);
	sg_buf_init(&now);
	assert_int_equal(sg_report_pipeline_produce_doc(&ahead, S_content, &o, &doc, &d_ahead), 0);
	sg_proposal_doc_dispose(&doc);
	assert_int_equal(sg_report_pipeline_produce(&now, S_content, &o, &d_now), 0);
	assert_true(now.len > 1000);
	assert_int_equal(ahead.len, now.len);
	assert_memory_equal(ahead.data, now.data, now.len);
	assert_int_equal(d_ahead.count, d_now.count);
	for (size_t i = 0; i < d_now.count; i++)
		assert_string_equal(d_ahead.items[i].message, d_now.items[i].message);
	sg_pipeline_ahead_free(a);
	/* Freed without being taken: the document goes with it. */
	a = sg_pipeline_ahead_start(e, S_content, S_today, false);
	assert_non_null(a);
	sg_pipeline_ahead_free(a);
	sg_engine_free(e);
	eo.only = "costs";
	e = sg_engine_new(&eo);
	assert_null(sg_pipeline_ahead_start(e, S_content, S_today, false));
	sg_engine_free(e);
	sg_buf_dispose(&ahead);
	sg_buf_dispose(&now);
	sg_diags_dispose(&d_ahead);
	sg_diags_dispose(&d_now);
}

/* The producers make PDFs (the e2e tests read them with poppler). */
static void test_produce_pdf(void **state)
{
	(void)state;
	sg_buf out;
	sg_buf_init(&out);
	sg_diags d;
	sg_diags_init(&d);
	sg_proposal_pdf_opts o = {.doc = {.build_date = S_today}};
	assert_int_equal(sg_proposal_produce(&out, S_content,
					     sg_content_customer(S_content, "hengtong-logistics"), &o,
					     &d),
			 0);
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "%PDF-", 5);
	/* Deterministic: the same bytes twice. */
	sg_buf again;
	sg_buf_init(&again);
	assert_int_equal(sg_proposal_produce(&again, S_content,
					     sg_content_customer(S_content, "hengtong-logistics"), &o,
					     &d),
			 0);
	assert_int_equal(again.len, out.len);
	assert_memory_equal(again.data, out.data, out.len);
	sg_buf_dispose(&again);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_data_formats),
		cmocka_unit_test(test_honorific_every_kind),
		cmocka_unit_test(test_replacement_due),
		cmocka_unit_test(test_price_line_only_when_budget_sensitive),
		cmocka_unit_test(test_firewall_data),
		cmocka_unit_test(test_internal_field_is_an_error_at_its_line),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_quote_items),
		cmocka_unit_test(test_unknown_directive),
		cmocka_unit_test(test_values_cannot_forge_blocks),
		cmocka_unit_test(test_approvals),
		cmocka_unit_test(test_approval_seniority),
		cmocka_unit_test(test_cases_by_language),
		cmocka_unit_test(test_cases_relevance),
		cmocka_unit_test(test_template_names_feature),
		cmocka_unit_test(test_bundle_offer),
		cmocka_unit_test(test_template_choice),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_pipeline_totals_too_large),
		cmocka_unit_test(test_pipeline_counts_text),
		cmocka_unit_test(test_pipeline_ahead),
		cmocka_unit_test(test_review_notes_headings),
		cmocka_unit_test(test_produce_pdf),
		cmocka_unit_test(test_generated_nodes_are_their_markdown),
		cmocka_unit_test(test_generated_nodes_golden),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, S_teardown);
}
