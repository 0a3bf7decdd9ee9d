/*
 * test_model.c - the customer model and the content-wide checks.
 *
 * The value tests read a customer of the tests' own content folder
 * (tests/data/content, a copy of the sample). The check tests copy its site
 * and catalog into a temporary folder, write a customer made from that one
 * with one edit, and expect one message at the line (found in the edited
 * text, so the tests follow the fixture as it changes) where the edit is.
 */
/* nftw() for removing the temporary folders. */
#define _XOPEN_SOURCE 700

#include "support.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fs.h"
#include "model/content.h"
#include "model/customer.h"
#include "model/srcmap.h"
#include "load/xml.h"

#define SAMPLE SG_TEST_DATA "/content/customers/hengtong-logistics.xml"

/* ---------------------------------------------------------------- helpers */

static void print_diags(const sg_diags *d)
{
	sg_diags_print(d, stderr);
}

/* 1-based line of the first occurrence of needle in text, 0 when absent. */
static int line_of(const char *text, const char *needle)
{
	const char *hit = strstr(text, needle);
	if (!hit)
		return 0;
	int line = 1;
	for (const char *p = text; p < hit; p++)
		line += *p == '\n';
	return line;
}

/* text with the first `from` replaced by `to` (heap); fails the test when
 * from is not in text, so a test cannot pass by editing nothing. */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *hit = strstr(text, from);
	assert_non_null(hit);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	size_t pre = (size_t)(hit - text);
	memcpy(out, text, pre);
	strcpy(out + pre, to);
	strcat(out, hit + strlen(from));
	return out;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void copy_file(const char *from, const char *to)
{
	char *text = sg_test_read_file(from, NULL);
	assert_non_null(text);
	write_file(to, text);
	free(text);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* A fresh content folder with the sample's site.xml and catalog.xml and an
 * empty customers/ folder. */
typedef struct fixture {
	char dir[256];
	char path[512];
} fixture;

static void fixture_make(fixture *f, bool site, bool catalog)
{
	snprintf(f->dir, sizeof f->dir, "%s/sgmodel.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/customers", f->dir);
	assert_int_equal(mkdir(f->path, 0777), 0);
	if (site) {
		snprintf(f->path, sizeof f->path, "%s/site.xml", f->dir);
		copy_file(SG_TEST_DATA "/content/site.xml", f->path);
	}
	if (catalog) {
		snprintf(f->path, sizeof f->path, "%s/catalog.xml", f->dir);
		copy_file(SG_TEST_DATA "/content/catalog.xml", f->path);
	}
}

static const char *fixture_customer(fixture *f, const char *name, const char *text)
{
	snprintf(f->path, sizeof f->path, "%s/customers/%s", f->dir, name);
	write_file(f->path, text);
	return f->path;
}

static void fixture_remove(fixture *f)
{
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The one diagnostic whose message contains what; fails unless there is
 * exactly one. */
static const sg_diag *find_one(const sg_diags *d, const char *what)
{
	const sg_diag *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, what)) {
			found = &d->items[i];
			n++;
		}
	if (n != 1) {
		fprintf(stderr, "expected one message with '%s', got %zu:\n", what, n);
		print_diags(d);
	}
	assert_int_equal(n, 1);
	return found;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Loads a content folder whose customer is the sample with `from` replaced
 * by `to`, and expects exactly `errors` errors, one of them containing
 * `message` at the line of `at` (a text of the edited file). */
static void expect_problem(const char *from, const char *to, const char *at, const char *message,
			   size_t errors)
{
	char *sample = sg_test_read_file(SAMPLE, NULL);
	assert_non_null(sample);
	char *text = replace(sample, from, to);
	int line = line_of(text, at);
	assert_true(line > 0);

	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", text);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	const sg_diag *p = find_one(&d, message);
	if (sg_diags_errors(&d) != errors)
		print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), errors);
	assert_true(ends_with(p->path, "/customers/hengtong-logistics.xml"));
	assert_int_equal(p->line, line);
	/* A customer with an error never reaches the model. */
	assert_int_equal(c->customer_count, 0);
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(text);
	free(sample);
}

/* ---------------------------------------------------------------- values */

static void test_sample_values(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_customer *c = sg_customer_load(&a, SAMPLE, NULL, &d);
	print_diags(&d);
	assert_int_equal(d.count, 0);
	assert_non_null(c);
	char *text = sg_test_read_file(SAMPLE, NULL);

	assert_string_equal(c->id, "hengtong-logistics");
	assert_string_equal(c->lang, "zh-CN");
	assert_string_equal(c->industry, "logistics");
	assert_int_equal(c->kind, SG_ORG_UNKNOWN); /* the fixture gives none */
	assert_int_equal(c->as_of.year, 2026);
	assert_int_equal(c->employees, 1300);
	assert_int_equal(c->mailboxes, 1000);
	assert_int_equal(c->branches, 14);
	assert_string_equal(c->owner_id, "zhang-wei");
	assert_null(c->owner); /* resolved only against a site */
	assert_true(c->current.given);
	assert_string_equal(c->current.product, "IMail");
	assert_int_equal(c->current.year_built, 2016);
	assert_false(c->current.licensed);

	/* Purchases: money in fen, years defaulting to 5. */
	assert_int_equal(c->hardware_count, 2);
	assert_int_equal(c->hardware[0].amount, 18000000);
	assert_int_equal(c->hardware[0].years, 5);
	assert_int_equal(c->hardware[0].bought.month, 4);
	assert_int_equal(c->hardware[1].amount, 9500000);
	assert_int_equal(c->hardware[1].years, 5);
	assert_int_equal(c->software_count, 1);
	assert_int_equal(c->software[0].amount, 6000000);
	assert_int_equal(c->hardware[1].pos.line, line_of(text, "存储阵列"));

	/* Electricity: watts and a tariff in 1/10000 yuan. */
	assert_true(c->electricity.given);
	assert_false(c->electricity.as_annual);
	assert_int_equal(c->electricity.watts, 1600);
	assert_int_equal(c->electricity.price_per_kwh, 9500);
	assert_int_equal(c->electricity.pos.line, line_of(text, "<electricity"));

	assert_int_equal(c->staff_count, 2);
	assert_int_equal(c->staff[0].monthly_salary, 1300000);
	assert_int_equal(c->staff[0].share, 600000);
	assert_int_equal(c->staff[1].monthly_salary, 1100000);
	assert_int_equal(c->staff[1].share, 200000);

	assert_int_equal(c->renewal_count, 3);
	assert_int_equal(c->renewals[0].kind, SG_RENEWAL_HOSTING);
	assert_int_equal(c->renewals[0].amount, 3600000);
	assert_int_equal(c->renewals[0].due.year, 2027);
	assert_int_equal(c->renewals[0].due.month, 1);
	assert_int_equal(c->renewals[0].due.day, 31);
	assert_int_equal(c->renewals[1].kind, SG_RENEWAL_BANDWIDTH);
	assert_int_equal(c->renewals[1].due.month, 3);
	assert_int_equal(c->renewals[1].due.day, 15);
	assert_int_equal(c->renewals[2].kind, SG_RENEWAL_ANTISPAM);
	assert_int_equal(c->renewals[2].amount, 1800000);
	assert_int_equal(c->renewals[2].due.year, 2026);
	assert_string_equal(sg_renewal_kind_name(c->renewals[2].kind), "anti-spam");

	assert_true(c->traits.given);
	assert_int_equal(c->traits.security_sensitivity, SG_LEVEL_LOW);
	assert_int_equal(c->traits.leadership, SG_LEAD_PROGRESSIVE);
	assert_int_equal(c->traits.connectivity_needs, SG_LEVEL_HIGH);
	assert_int_equal(c->traits.external_mail, SG_EXT_LARGER);
	assert_int_equal(c->traits.it_staff, SG_IT_WEAK);
	assert_int_equal(c->traits.collaboration_needs, SG_LEVEL_LOW);
	assert_int_equal(c->traits.budget, SG_BUDGET_SOME);

	assert_string_equal(c->lifecycle, "sales");
	assert_null(c->relationship);
	assert_string_equal(c->stage_id, "solution-confirmation");
	assert_int_equal(c->done_count, 6);
	assert_string_equal(c->done[3], "coach-found");
	assert_int_equal(c->done_pos[3].line, line_of(text, "\"coach-found\""));

	assert_int_equal(c->contact_count, 4);
	assert_string_equal(c->contacts[0].role, "decision-maker");
	assert_true(c->contacts[1].coach);
	assert_string_equal(c->contacts[1].attitude, "ally");
	assert_false(c->contacts[2].coach);
	assert_int_equal(c->event_count, 2);
	assert_string_equal(c->events[0].kind, "ip-blacklisted");
	assert_int_equal(c->events[0].date.month, 8);
	assert_int_equal(c->strength_count, 2);
	assert_int_equal(c->weakness_count, 2);
	assert_int_equal(c->action_count, 2);
	assert_string_equal(c->actions[1].owner, "李娜");
	assert_int_equal(c->actions[1].date.day, 5);

	const sg_offer *o = &c->offer;
	assert_true(o->given);
	assert_string_equal(o->product_id, "mail");
	assert_string_equal(o->edition_id, "business");
	assert_int_equal(o->users, 1000);
	assert_int_equal(o->discount, 850000);
	assert_int_equal(o->valid_days, 30);
	assert_true(o->budget_sensitive);
	assert_string_equal(o->number, "YM-2026-0031");
	assert_int_equal(o->number_pos.line, line_of(text, "number=\"YM-2026-0031\""));
	assert_int_equal(o->pos.line, line_of(text, "<offer"));
	assert_int_equal(o->fee_count, 2);
	assert_int_equal(o->fees[0].amount, 1500000);
	assert_int_equal(o->fees[1].amount, 400000);
	assert_int_equal(o->approval_count, 2);
	assert_string_equal(o->approvals[1].role, "branch-marketing-director");
	assert_int_equal(o->approvals[1].date.day, 19);

	assert_non_null(c->notes);
	assert_true(strncmp(c->notes, "## ", 3) == 0);
	assert_int_equal(c->notes_pos.line, line_of(text, "<notes>") + 1);

	free(text);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* The optional forms: electricity as an annual bill, a relationship phase,
 * a staff share left out (1), a template named by the offer. */
static void test_optional_forms(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *t1 = replace(sample, "watts=\"1600\" price-per-kwh=\"0.95\"", "annual=\"13315.20\"");
	char *t2 = replace(t1, "<lifecycle>sales", "<lifecycle relationship=\"growth\">relationship");
	char *t3 = replace(t2, " share=\"0.2\"", "");
	char *t4 = replace(t3, "number=\"YM-2026-0031\"", "number=\"YM-2026-0031\" template=\"standard\"");
	const char *path = sg_test_write_temp(0, "hengtong-logistics.xml", t4);

	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_customer *c = sg_customer_load(&a, path, "en", &d);
	print_diags(&d);
	assert_int_equal(d.count, 0);
	assert_non_null(c);
	assert_true(c->electricity.as_annual);
	assert_int_equal(c->electricity.annual, 1331520);
	assert_string_equal(c->lifecycle, "relationship");
	assert_string_equal(c->relationship, "growth");
	assert_int_equal(c->staff[1].share, SG_PPM_ONE);
	assert_string_equal(c->offer.template_name, "standard");
	assert_string_equal(c->lang, "zh-CN"); /* the file's own, not the default */
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	free(t4), free(t3), free(t2), free(t1), free(sample);
}

/* The kind attribute: every word of the schema reads as its kind, and the names read
 * back; a word outside the list is the schema's error at its line. */
static void test_org_kind(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	static const char *const words[] = {"company", "law-firm", "school", "hospital",
					    "bank",    "government", "other"};
	for (int k = 1; k < SG_ORG_KIND_COUNT; k++) {
		char to[128];
		snprintf(to, sizeof to, "as-of=\"2026-11-20\" kind=\"%s\"", words[k - 1]);
		char *text = replace(sample, "as-of=\"2026-11-20\"", to);
		const char *path = sg_test_write_temp(0, "hengtong-logistics.xml", text);
		sg_arena a;
		sg_arena_init(&a);
		sg_diags d;
		sg_diags_init(&d);
		sg_customer *c = sg_customer_load(&a, path, NULL, &d);
		print_diags(&d);
		assert_non_null(c);
		assert_int_equal(c->kind, k);
		assert_string_equal(sg_org_kind_name(c->kind), words[k - 1]);
		sg_diags_dispose(&d);
		sg_arena_dispose(&a);
		free(text);
	}
	assert_null(sg_org_kind_name(SG_ORG_UNKNOWN));
	free(sample);
	expect_problem("as-of=\"2026-11-20\"", "as-of=\"2026-11-20\" kind=\"firm\"", "<customer",
		       "<customer kind=\"firm\">: 'firm' is not one of the allowed values: company, "
		       "law-firm, school, hospital, bank, government, other",
		       1);
}

/* as-of: an error at the customer's line when it has an offer, a warning
 * when it has none (its review is undated), nothing more when it is there
 * but not a date (that is reported once, as such). */
static void test_as_of_needed(void **state)
{
	(void)state;
	expect_problem(" as-of=\"2026-11-20\"", "", "<customer",
		       "a customer with an offer needs as-of, the day its figures describe", 1);
	expect_problem("as-of=\"2026-11-20\"", "as-of=\"20.11.2026\"", "<customer",
		       "as-of '20.11.2026' is not a date", 1);

	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *t1 = replace(sample, " as-of=\"2026-11-20\"", "");
	const char *from = strstr(t1, "  <offer ");
	const char *to = strstr(t1, "</offer>");
	assert_non_null(from);
	assert_non_null(to);
	char *t2 = malloc(strlen(t1) + 1);
	snprintf(t2, strlen(t1) + 1, "%.*s%s", (int)(from - t1), t1, to + strlen("</offer>"));
	const char *path = sg_test_write_temp(0, "hengtong-logistics.xml", t2);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_customer *c = sg_customer_load(&a, path, NULL, &d);
	assert_non_null(c);
	assert_false(c->offer.given);
	assert_int_equal(sg_diags_errors(&d), 0);
	const sg_diag *w = find_one(&d, "no as-of, the day the file's figures describe");
	assert_int_equal(w->severity, SG_WARNING);
	assert_int_equal(w->line, line_of(t2, "<customer"));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	free(t2), free(t1), free(sample);
}

/* <concerns>: ids separated by spaces, each of the closed list, read in
 * order and once; an unknown one is an error naming it at the element. */
static void test_concerns(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *text = replace(sample, "<self-hosted>",
			     "<concerns>stability\n    rbl stability</concerns>\n  <self-hosted>");
	const char *path = sg_test_write_temp(0, "hengtong-logistics.xml", text);
	sg_arena a;
	sg_arena_init(&a);
	sg_diags d;
	sg_diags_init(&d);
	sg_customer *c = sg_customer_load(&a, path, NULL, &d);
	print_diags(&d);
	assert_non_null(c);
	assert_int_equal(c->concern_count, 2);
	assert_string_equal(c->concerns[0], "stability");
	assert_string_equal(c->concerns[1], "rbl");
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	free(text);
	free(sample);
	expect_problem("<self-hosted>", "<concerns>rbl uptime</concerns>\n  <self-hosted>",
		       "<concerns>", "unknown concern 'uptime' (one of: confidentiality, ", 1);
}

/* ---------------------------------------------------------------- the sample content */

static void test_sample_content(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(SG_TEST_DATA "/content", &d);
	print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), 0);
	assert_non_null(c->site);
	assert_non_null(c->catalog);
	assert_true(c->customer_count >= 1);
	for (size_t i = 1; i < c->customer_count; i++)
		assert_true(strcmp(c->customers[i - 1]->id, c->customers[i]->id) < 0);
	for (size_t i = 1; i < c->file_count; i++)
		assert_true(strcmp(c->files[i - 1], c->files[i]) < 0);

	sg_customer *h = sg_content_customer(c, "hengtong-logistics");
	assert_non_null(h);
	assert_null(sg_content_customer(c, "no-such-customer"));
	assert_non_null(h->owner);
	assert_string_equal(h->owner->id, "zhang-wei");
	assert_non_null(h->stage);
	assert_string_equal(h->stage->id, "solution-confirmation");
	assert_non_null(h->offer.product);
	assert_non_null(h->offer.edition);
	assert_int_equal(h->offer.edition->unit_price, 12000);

	bool site = false, customer = false;
	for (size_t i = 0; i < c->file_count; i++) {
		site |= strcmp(c->files[i], "site.xml") == 0;
		customer |= strcmp(c->files[i], "customers/hengtong-logistics.xml") == 0;
	}
	assert_true(site && customer);
	sg_content_free(c);
	sg_diags_dispose(&d);
}

/* ---------------------------------------------------------------- each check */

static void test_bad_money(void **state)
{
	(void)state;
	expect_problem("amount=\"180000\"", "amount=\"12,000\"", "12,000",
		       "amount '12,000' has a thousands separator", 1);
	expect_problem("amount=\"95000\"", "amount=\"-95000\"", "-95000",
		       "amount '-95000' must not be negative", 1);
	expect_problem("amount=\"4000\"", "amount=\"40.005\"", "40.005",
		       "amount '40.005' has more than 2 decimals", 1);
	expect_problem("monthly-salary=\"13000\"", "monthly-salary=\"1.3e4\"", "1.3e4",
		       "monthly-salary '1.3e4' uses an exponent", 1);
}

static void test_bad_numbers(void **state)
{
	(void)state;
	expect_problem("share=\"0.6\"", "share=\"1.5\"", "1.5", "share '1.5' must be between 0 and 1",
		       1);
	expect_problem("<employees>1300", "<employees>1,300", "<employees>",
		       "employees '1,300' has a thousands separator", 1);
	expect_problem("years=\"5\"", "years=\"0\"", "years=\"0\"", "years '0' must be at least 1", 1);
	expect_problem("price-per-kwh=\"0.95\"", "price-per-kwh=\"0.95125\"", "0.95125",
		       "price-per-kwh '0.95125' has more than 4 decimals", 1);
	expect_problem("users=\"1000\"", "users=\"0\"", "users=", "users '0' must be more than 0", 1);
	expect_problem("discount=\"0.85\"", "discount=\"1.2\"", "discount=",
		       "discount '1.2' must be more than 0 and at most 1", 1);
	expect_problem("discount=\"0.85\"", "discount=\"0\"", "discount=",
		       "discount '0' must be more than 0 and at most 1", 1);
	expect_problem("due=\"2027-01-31\"", "due=\"2027-02-30\"", "2027-02-30",
		       "due '2027-02-30' is not a date", 1);
}

/* The blank-value rule: any text value of the schema that holds only white
 * space (ASCII, no-break, ideographic) is one error, at the value, and the
 * converters do not report it a second time. */
static void test_blank_values(void **state)
{
	(void)state;
	expect_problem("<name>恒通物流集团有限公司</name>", "<name>   </name>", "<name>",
		       "<name> is empty (only spaces)", 1);
	expect_problem("<short-name>恒通物流</short-name>", "<short-name>\u00a0\u3000</short-name>",
		       "<short-name>", "<short-name> is empty (only spaces)", 1);
	expect_problem("<address>上海市浦东新区航津路 1888 号</address>", "<address/>", "<address",
		       "<address> is empty", 1);
	expect_problem("amount=\"95000\"", "amount=\"  \"", "amount=\"  \"",
		       "attribute amount of <hardware> is empty (only spaces)", 1);
	expect_problem("<contact name=\"陈国栋\"", "<contact name=\"\"", "<contact name=\"\"",
		       "attribute name of <contact> is empty", 1);
	expect_problem("<employees>1300</employees>", "<employees> </employees>", "<employees>",
		       "<employees> is empty (only spaces)", 1);
	expect_problem("users=\"1000\"", "users=\"\t\"", "users=", "attribute users of <offer> is empty",
		       1);
	/* The column is where the text starts. */
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *text = replace(sample, "<name>恒通物流集团有限公司</name>", "<name>   </name>");
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", text);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	const sg_diag *p = find_one(&d, "<name> is empty");
	assert_int_equal(p->line, 5);
	assert_int_equal(p->col, 9);
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(text);
	free(sample);
}

/* Empty notes are allowed (the schema says sg:blank="allowed"): no notes. */
static void test_blank_notes_allowed(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	const char *open = strstr(sample, "<notes>");
	const char *close = strstr(sample, "</notes>");
	assert_true(open && close);
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_put(&b, sample, (size_t)(open - sample));
	sg_buf_puts(&b, "<notes>  </notes>");
	sg_buf_puts(&b, close + strlen("</notes>"));
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", b.data);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	if (sg_diags_errors(&d))
		print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), 0);
	assert_int_equal(c->customer_count, 1);
	assert_null(c->customers[0]->notes);
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	sg_buf_dispose(&b);
	free(sample);
}

/* Dates and counts that a document cannot show are errors at their value. */
static void test_values_past_showing(void **state)
{
	(void)state;
	expect_problem("date=\"2026-11-20\" valid-days=\"30\"",
		       "date=\"9999-12-31\" valid-days=\"30\"", "valid-days",
		       "valid-days '30' from the offer's date 9999-12-31 runs past 9999-12-31", 2);
	expect_problem("users=\"1000\"", "users=\"1000000000001\"", "users=",
		       "users '1000000000001' is more than 1000000000000", 1);
	expect_problem("<mailboxes>1000</mailboxes>", "<mailboxes>1000000000001</mailboxes>",
		       "<mailboxes>", "mailboxes '1000000000001' is more than 1000000000000", 1);
}

/* A discount written as a percentage or in 折 gets the form that was meant
 * (a share of the list price paid); a misspelt id gets "did you mean". */
static void test_messages_say_how_to_fix(void **state)
{
	(void)state;
	expect_problem("discount=\"0.85\"", "discount=\"80%\"", "discount=",
		       "discount '80%' is not a number: write 0.8 for 80% of the list price (8折), "
		       "or 0.2 for 80% off",
		       1);
	expect_problem("discount=\"0.85\"", "discount=\"8折\"", "discount=",
		       "discount '8折' is not a number: write 0.8 (8折: 80% of the list price is "
		       "paid)",
		       1);
	expect_problem("discount=\"0.85\"", "discount=\"85折\"", "discount=",
		       "discount '85折' is not a number: write 0.85 (85折: 85% of the list price "
		       "is paid)",
		       1);
	expect_problem("discount=\"0.85\"", "discount=\"8.5折\"", "discount=", "write 0.85 (",
		       1);
	expect_problem("discount=\"0.85\"", "discount=\"85\"", "discount=",
		       "discount '85' must be more than 0 and at most 1 (the share of list price "
		       "paid: 0.85 is 15% off): write 0.85 for 85% of the list price (8.5折), or 0.15 "
		       "for 85% off",
		       1);
	expect_problem("discount=\"0.85\"", "discount=\"100%\"", "discount=",
		       "discount '100%' is not a number: write 1 for 100% of the list price (10折)",
		       1);
	expect_problem("product=\"mail\"", "product=\"mial\"", "<offer",
		       "unknown product 'mial' in the offer (the catalog has: mail, office-bundle); "
		       "did you mean 'mail'?",
		       1);
	expect_problem("edition=\"business\"", "edition=\"busines\"", "<offer",
		       "did you mean 'business'?", 1);
	expect_problem("item=\"tech-demo\"", "item=\"tech-dmeo\"", "tech-dmeo",
		       "unknown checklist item 'tech-dmeo' (no stage of site.xml lists it); did you "
		       "mean 'tech-demo'?",
		       1);
}

static void test_bad_references(void **state)
{
	(void)state;
	expect_problem("edition=\"business\"", "edition=\"gold\"", "edition=",
		       "unknown edition 'gold' of product 'mail'", 1);
	expect_problem("product=\"mail\"", "product=\"fax\"", "product=\"fax\"",
		       "unknown product 'fax'", 1);
	expect_problem("rep=\"zhang-wei\"", "rep=\"nobody\"", "rep=", "unknown rep 'nobody'", 1);
	expect_problem("stage=\"solution-confirmation\"", "stage=\"closing\"", "stage=",
		       "unknown stage 'closing'", 1);
	expect_problem("item=\"coach-found\"", "item=\"coach-hired\"", "coach-hired",
		       "unknown checklist item 'coach-hired'", 1);
	expect_problem("role=\"branch-marketing-director\"", "role=\"ceo\"", "role=\"ceo\"",
		       "approval role 'ceo' is not a role", 1);
	expect_problem("number=\"YM-2026-0031\"", "number=\"YM-2025-0031\"", "number=",
		       "proposal number 'YM-2025-0031' does not match", 1);
	expect_problem("number=\"YM-2026-0031\"", "number=\"YM-2026-31\"", "number=",
		       "proposal number 'YM-2026-31' does not match", 1);
	expect_problem("number=\"YM-2026-0031\"", "number=\"YM-2026-0031\" template=\"nope\"",
		       "template=", "unknown proposal template 'nope'", 1);
}

static void test_bad_ids(void **state)
{
	(void)state;
	expect_problem("id=\"hengtong-logistics\"", "id=\"hengtong..logistics\"", "<customer",
		       "customer id 'hengtong..logistics' is not a safe file name", 1);
	expect_problem("id=\"hengtong-logistics\"", "id=\"hengtong\"", "<customer",
		       "customer id 'hengtong' does not match the file name", 1);
}

static void test_schema_and_values_together(void **state)
{
	(void)state;
	/* A schema error does not hide a bad value elsewhere in the file. */
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *t1 = replace(sample, "<traits>", "<traits><colour>red</colour>");
	char *text = replace(t1, "amount=\"36000\"", "amount=\"36,000\"");
	expect_problem("<traits>", "<traits><colour>red</colour>", "<colour>", "colour", 1);
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", text);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	assert_int_equal(find_one(&d, "amount '36,000'")->line, line_of(text, "36,000"));
	assert_true(find_one(&d, "<traits> has no element <colour>")->line ==
		    line_of(text, "<colour>"));
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(text), free(t1), free(sample);
}

static void test_relationship_phase(void **state)
{
	(void)state;
	expect_problem("<lifecycle>sales", "<lifecycle relationship=\"growth\">sales", "<lifecycle",
		       "relationship phase 'growth' is given but the lifecycle is 'sales'", 1);
}

static void test_duplicates(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	/* second.xml repeats the proposal number; third.xml claims the id of
	 * hengtong-logistics (and so also differs from its file name). */
	char *second = replace(sample, "id=\"hengtong-logistics\"", "id=\"second\"");
	char *third = replace(sample, "YM-2026-0031", "YM-2026-0032");
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", sample);
	fixture_customer(&f, "second.xml", second);
	fixture_customer(&f, "third.xml", third);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	if (sg_diags_errors(&d) != 3)
		print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), 3);
	const sg_diag *p = find_one(&d, "duplicate proposal number 'YM-2026-0031'");
	assert_true(ends_with(p->path, "/customers/second.xml"));
	assert_int_equal(p->line, line_of(second, "number="));
	assert_non_null(strstr(p->message, "hengtong-logistics.xml:"));
	p = find_one(&d, "duplicate customer id 'hengtong-logistics'");
	assert_true(ends_with(p->path, "/customers/third.xml"));
	assert_int_equal(p->line, line_of(third, "<customer"));
	p = find_one(&d, "does not match the file name");
	assert_true(ends_with(p->path, "/customers/third.xml"));
	/* Only the customer without a problem is in the model. */
	assert_int_equal(c->customer_count, 1);
	assert_string_equal(c->customers[0]->id, "hengtong-logistics");
	assert_int_equal(c->file_count, 5);
	assert_string_equal(c->files[0], "catalog.xml");
	assert_string_equal(c->files[1], "customers/hengtong-logistics.xml");
	assert_string_equal(c->files[4], "site.xml");
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(third), free(second), free(sample);
}

/* Reading customers in threads gives the same model and the same messages,
 * in the same order, as reading them one by one. */
static void test_threads(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	fixture f;
	fixture_make(&f, true, true);
	char name[64], id[64], number[32];
	for (int i = 0; i < 150; i++) {
		snprintf(id, sizeof id, "id=\"c%03d\"", i);
		snprintf(name, sizeof name, "c%03d.xml", i);
		snprintf(number, sizeof number, "YM-2026-%04d", 100 + i);
		char *t1 = replace(sample, "id=\"hengtong-logistics\"", id);
		/* Every tenth has a bad amount, every fifteenth a duplicate number. */
		char *t2 = replace(t1, "YM-2026-0031", i % 15 == 14 ? "YM-2026-0100" : number);
		char *t3 = i % 10 == 3 ? replace(t2, "amount=\"36000\"", "amount=\"36,000\"") : NULL;
		fixture_customer(&f, name, t3 ? t3 : t2);
		free(t3), free(t2), free(t1);
	}
	sg_diags d1, d4;
	sg_diags_init(&d1);
	sg_diags_init(&d4);
	sg_content *c1 = sg_content_load_threads(f.dir, 1, &d1);
	sg_content *c4 = sg_content_load_threads(f.dir, 4, &d4);
	assert_int_equal(c1->customer_count, c4->customer_count);
	assert_int_equal(c1->customer_count, 150 - 10 - 15);
	for (size_t i = 0; i < c1->customer_count; i++) {
		assert_string_equal(c1->customers[i]->id, c4->customers[i]->id);
		assert_string_equal(c1->customers[i]->name, c4->customers[i]->name);
		assert_int_equal(c1->customers[i]->offer.users, c4->customers[i]->offer.users);
	}
	assert_int_equal(d1.count, d4.count);
	assert_int_equal(sg_diags_errors(&d1), 25);
	for (size_t i = 0; i < d1.count; i++) {
		assert_string_equal(d1.items[i].path, d4.items[i].path);
		assert_int_equal(d1.items[i].line, d4.items[i].line);
		assert_string_equal(d1.items[i].message, d4.items[i].message);
	}
	sg_content_free(c1);
	sg_content_free(c4);
	sg_diags_dispose(&d1);
	sg_diags_dispose(&d4);
	fixture_remove(&f);
	free(sample);
}

/* <sent> records: read, checked, and a file that is not the one sent is an
 * error at the record. */
static void test_sent(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *text = replace(sample, "</offer>",
			     "</offer>\n<sent number=\"YM-2026-0031\" date=\"2026-11-20\" "
			     "sha256=\"2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824\"/>\n"
			     "<sent number=\"YM-2026-0030\" date=\"2026-10-01\" sha256=\"12\" "
			     "file=\"sent/../x.pdf\"/>");
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "hengtong-logistics.xml", text);
	char path[512];
	snprintf(path, sizeof path, "%s/sent", f.dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/sent/YM-2026-0031.pdf", f.dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("hello", fp); /* sha256("hello") is the one recorded above */
	fclose(fp);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	const sg_diag *p = find_one(&d, "sha256 '12' is not a SHA-256");
	assert_int_equal(p->line, line_of(text, "sha256=\"12\""));
	find_one(&d, "sent file 'sent/../x.pdf' must be a PDF directly in the sent/ folder");
	assert_int_equal(sg_diags_errors(&d), 2);
	/* The same text with only the good record: it loads, lower-cased. */
	sg_content_free(c);
	sg_diags_dispose(&d);
	char *good = replace(text, "<sent number=\"YM-2026-0030\" date=\"2026-10-01\" sha256=\"12\" "
				   "file=\"sent/../x.pdf\"/>", "");
	fixture_customer(&f, "hengtong-logistics.xml", good);
	sg_diags_init(&d);
	c = sg_content_load(f.dir, &d);
	assert_int_equal(sg_diags_errors(&d), 0);
	const sg_customer *cu = sg_content_customer(c, "hengtong-logistics");
	assert_non_null(cu);
	assert_int_equal(cu->sent_count, 1);
	assert_string_equal(cu->sent[0].file, "sent/YM-2026-0031.pdf");
	assert_string_equal(cu->sent[0].sha256,
			    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
	assert_int_equal(cu->sent[0].date.month, 11);
	sg_content_free(c);
	sg_diags_dispose(&d);
	/* A changed byte: an error at the record, and the customer is left out. */
	fp = fopen(path, "a");
	fputs("!", fp);
	fclose(fp);
	sg_diags_init(&d);
	c = sg_content_load(f.dir, &d);
	p = find_one(&d, "is not the proposal that was sent");
	assert_int_equal(p->line, line_of(good, "<sent "));
	assert_null(sg_content_customer(c, "hengtong-logistics"));
	sg_content_free(c);
	sg_diags_dispose(&d);
	unlink(path);
	snprintf(path, sizeof path, "%s/sent", f.dir);
	rmdir(path);
	fixture_remove(&f);
	free(good), free(text), free(sample);
}

static void test_folders(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);

	/* No folder at all. */
	sg_content *c = sg_content_load(SG_TEST_DATA "/no-such-content-folder", &d);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_true(ends_with(d.items[0].path, "/no-such-content-folder"));
	assert_non_null(strstr(d.items[0].message, "not found"));
	assert_int_equal(c->customer_count, 0);
	sg_content_free(c);
	sg_diags_dispose(&d);

	/* A folder with nothing in it. */
	fixture f;
	fixture_make(&f, false, false);
	c = sg_content_load(f.dir, &d);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_non_null(strstr(d.items[0].message, "empty"));
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);

	/* No site.xml: said once, and the rest still loads. */
	char *sample = sg_test_read_file(SAMPLE, NULL);
	fixture_make(&f, false, true);
	fixture_customer(&f, "hengtong-logistics.xml", sample);
	c = sg_content_load(f.dir, &d);
	if (sg_diags_errors(&d) != 1)
		print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_true(ends_with(d.items[0].path, "/site.xml"));
	assert_null(c->site);
	assert_non_null(c->catalog);
	assert_int_equal(c->customer_count, 1);
	assert_non_null(c->customers[0]->offer.edition);
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);

	/* No catalog. */
	fixture_make(&f, true, false);
	fixture_customer(&f, "hengtong-logistics.xml", sample);
	c = sg_content_load(f.dir, &d);
	if (sg_diags_errors(&d) != 1)
		print_diags(&d);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_true(ends_with(d.items[0].path, "/catalog.xml"));
	assert_null(c->catalog);
	assert_int_equal(c->customer_count, 1);
	assert_non_null(c->customers[0]->owner);
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(sample);
}

static void test_malformed_and_utf8(void **state)
{
	(void)state;
	char *sample = sg_test_read_file(SAMPLE, NULL);
	char *broken = replace(sample, "</short-name>", "</short-nam>");
	char *bad_utf8 = replace(sample, "存储阵列", "\xff\xfe");
	char *b_id = replace(bad_utf8, "id=\"hengtong-logistics\"", "id=\"b\"");
	char *a_id = replace(broken, "id=\"hengtong-logistics\"", "id=\"a\"");
	fixture f;
	fixture_make(&f, true, true);
	fixture_customer(&f, "a.xml", a_id);
	fixture_customer(&f, "b.xml", b_id);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(f.dir, &d);
	sg_diags_sort(&d);
	assert_true(sg_diags_errors(&d) >= 2);
	bool saw_a = false, saw_b = false;
	for (size_t i = 0; i < d.count; i++) {
		if (ends_with(d.items[i].path, "/a.xml") &&
		    d.items[i].line == line_of(a_id, "</short-nam>"))
			saw_a = true;
		if (ends_with(d.items[i].path, "/b.xml") && d.items[i].line == line_of(b_id, "\xff") &&
		    strstr(d.items[i].message, "UTF-8"))
			saw_b = true;
	}
	if (!saw_a || !saw_b)
		print_diags(&d);
	assert_true(saw_a);
	assert_true(saw_b);
	assert_int_equal(c->customer_count, 0);
	assert_int_equal(c->file_count, 4); /* read, even though unusable */
	sg_content_free(c);
	sg_diags_dispose(&d);
	fixture_remove(&f);
	free(a_id), free(b_id), free(bad_utf8), free(broken), free(sample);
}

/* The attribute locator behind the exact positions: a start tag over
 * several lines (libxml2 gives the line of its end), several elements on one
 * line, and a '>' inside an attribute value. */
static void test_srcmap(void **state)
{
	(void)state;
	const char *text = "<r>\n"
			   "  <a x=\"1\"\n"
			   "     y=\"2>\" z='3'/>\n"
			   "  <b k=\"1\"/><b k=\"2\"/><b\n"
			   "  k=\"3\"/>\n"
			   "</r>\n";
	const char *path = sg_test_write_temp(1, "map.xml", text);
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(path, 4096, &d);
	assert_non_null(doc);
	sg_srcmap m;
	sg_srcmap_init(&m, NULL, path, 4096);
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *a = sg_xml_child(root, "a");
	sg_pos p = sg_srcmap_element(&m, a);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 3);
	p = sg_srcmap_attr(&m, a, "x");
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 6);
	p = sg_srcmap_attr(&m, a, "z");
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 13);
	p = sg_srcmap_attr(&m, a, "missing"); /* falls back to the tag */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 3);
	xmlNode *b1 = sg_xml_child(root, "b");
	xmlNode *b2 = sg_xml_next(b1, "b");
	xmlNode *b3 = sg_xml_next(b2, "b");
	assert_int_equal(sg_srcmap_attr(&m, b1, "k").col, 6);
	assert_int_equal(sg_srcmap_attr(&m, b2, "k").col, 16);
	p = sg_srcmap_attr(&m, b3, "k");
	assert_int_equal(p.line, 5);
	assert_int_equal(p.col, 3);
	assert_int_equal(sg_srcmap_element(&m, b3).line, 4);
	sg_srcmap_dispose(&m);
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_values),
		cmocka_unit_test(test_optional_forms),
		cmocka_unit_test(test_org_kind),
		cmocka_unit_test(test_as_of_needed),
		cmocka_unit_test(test_concerns),
		cmocka_unit_test(test_sample_content),
		cmocka_unit_test(test_bad_money),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_blank_values),
		cmocka_unit_test(test_blank_notes_allowed),
		cmocka_unit_test(test_values_past_showing),
		cmocka_unit_test(test_bad_references),
		cmocka_unit_test(test_messages_say_how_to_fix),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_schema_and_values_together),
		cmocka_unit_test(test_relationship_phase),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_sent),
		cmocka_unit_test(test_folders),
		cmocka_unit_test(test_malformed_and_utf8),
		cmocka_unit_test(test_srcmap),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
