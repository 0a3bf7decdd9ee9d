/* Unit tests of cost/evaluation.c: each customer of a content evaluated once,
 * a failed cost model kept with its error, approvals and dates decided once,
 * and the same evaluations whatever the number of threads. The fixtures are
 * tests/data/eval/ (a content folder of four customers). */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "cost/evaluation.h"
#include "model/content.h"

#define FIXTURE SG_TEST_DATA "/eval"

static sg_content *S_load(const char *dir)
{
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	if (sg_diags_errors(&d))
		sg_diags_print(&d, stderr);
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_diags_dispose(&d);
	return c;
}

static const sg_eval *S_eval(const sg_content *c, const char *id)
{
	const sg_customer *cu = sg_content_customer(c, id);
	assert_non_null(cu);
	return sg_eval_of(cu);
}

/* The 1-based line of the first needle in the file at path. */
static int S_line_of(const char *path, const char *needle)
{
	char *text = sg_test_read_file(path, NULL);
	assert_non_null(text);
	const char *hit = strstr(text, needle);
	assert_non_null(hit);
	int line = 1;
	for (const char *p = text; p < hit; p++)
		line += *p == '\n';
	free(text);
	return line;
}

static bool S_date_is(sg_date d, int y, int m, int day)
{
	return d.year == y && d.month == m && d.day == day;
}

/* Every customer evaluated once, and found from the customer. */
static void test_once_each(void **state)
{
	(void)state;
	sg_content *c = S_load(FIXTURE);
	assert_int_equal(c->customer_count, 4);
	size_t before = sg_cost_compute_count();
	sg_evals *e = sg_evals_new(c, (sg_date){0}, 1);
	assert_int_equal(sg_evals_count(e), c->customer_count);
	assert_int_equal(sg_cost_compute_count() - before, c->customer_count);
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		assert_non_null(cu->eval);
		assert_ptr_equal(sg_eval_of(cu), cu->eval);
		assert_ptr_equal(cu->eval->cu, cu);
	}
	/* What reads an evaluation computes nothing. */
	before = sg_cost_compute_count();
	const sg_eval *ev = S_eval(c, "a-approved");
	assert_true(ev->ok);
	assert_int_equal(ev->cost.annual, 42231520);
	assert_non_null(sg_eval_renewal_after(ev, (sg_date){2027, 2, 1}));
	assert_int_equal(sg_cost_compute_count(), before);
	sg_evals_free(e);
	for (size_t i = 0; i < c->customer_count; i++)
		assert_null(c->customers[i]->eval);
	sg_content_free(c);
}

/* A cost model that cannot be computed is an evaluation all the same, with
 * the error every consumer reports, at the element at fault. */
static void test_failed_keeps_error(void **state)
{
	(void)state;
	sg_content *c = S_load(FIXTURE);
	sg_evals *e = sg_evals_new(c, (sg_date){0}, 1);
	const sg_eval *ev = S_eval(c, "c-too-large");
	assert_false(ev->ok);
	assert_non_null(ev->error);
	assert_false(ev->approval_missing);
	sg_diags d;
	sg_diags_init(&d);
	sg_eval_report(ev, &d);
	assert_false(sg_eval_warn_approval(ev, &d));
	assert_int_equal(d.count, 1);
	char line[512];
	sg_diag_format(&d.items[0], false, line, sizeof line);
	const char *path = FIXTURE "/customers/c-too-large.xml";
	char want[512];
	snprintf(want, sizeof want,
		 "%s:%d:3: error: cannot compute the cost model: an amount or total is too large "
		 "(a document shows at most 999,999,999,999.99)",
		 path, S_line_of(path, "<offer"));
	assert_string_equal(line, want);
	sg_diags_dispose(&d);
	sg_evals_free(e);
	sg_content_free(c);
}

/* The approval an offer lacks, decided once, and said as `check` says it. */
static void test_approval(void **state)
{
	(void)state;
	sg_content *c = S_load(FIXTURE);
	sg_evals *e = sg_evals_new(c, (sg_date){0}, 1);

	const sg_eval *ok = S_eval(c, "a-approved");
	assert_false(ok->approval_missing);
	assert_true(ok->price_line_offered); /* budget-sensitive, over the line */
	sg_cost_result r;
	sg_eval_cost(ok, &r, NULL);
	assert_int_equal(ok->price_line_offered, sg_cost_price_line_offered(ok->cu, &r));

	const sg_eval *un = S_eval(c, "b-unapproved");
	assert_true(un->approval_missing);
	assert_non_null(un->missing_role);
	assert_string_equal(un->missing_role->id, "account-manager");
	assert_false(un->missing_price_line);
	sg_diags d;
	sg_diags_init(&d);
	assert_true(sg_eval_warn_approval(un, &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, SG_WARNING);
	assert_int_equal(d.items[0].line, un->cu->offer.pos.line);
	assert_string_equal(d.items[0].message,
			    "the offer's discount needs the approval of account-manager (or someone "
			    "senior), which the file does not record: its proposal is a draft; once "
			    "it is approved, add to the <offer>: <approval role=\"account-manager\" "
			    "name=\"WHO\" date=\"YYYY-MM-DD\"/>");
	sg_diags_dispose(&d);

	const sg_eval *none = S_eval(c, "d-no-offer");
	assert_true(none->ok);
	assert_false(none->cost.has_offer);
	assert_false(none->approval_missing);
	assert_false(none->price_line_offered);
	assert_false(sg_date_is_set(none->offer_date));

	/* `check`: one customer lacks an approval. */
	sg_diags_init(&d);
	assert_int_equal(sg_eval_check_approvals(c, &d), 1);
	sg_diags_dispose(&d);
	sg_evals_free(e);
	sg_content_free(c);
}

/* Relative dates count from the build date, else the as-of date; the next
 * renewal and the latest event are found once. */
static void test_dates(void **state)
{
	(void)state;
	sg_content *c = S_load(FIXTURE);
	sg_evals *e = sg_evals_new(c, (sg_date){0}, 1);
	const sg_eval *ev = S_eval(c, "a-approved");
	assert_true(S_date_is(ev->from, 2026, 11, 20)); /* the as-of date */
	assert_true(S_date_is(ev->as_of, 2026, 11, 20));
	assert_true(S_date_is(ev->offer_date, 2026, 11, 20));
	assert_true(S_date_is(ev->valid_until, 2026, 12, 20));
	assert_non_null(ev->next_renewal);
	assert_true(S_date_is(ev->next_renewal->due, 2026, 12, 31)); /* the earliest ahead */
	assert_non_null(ev->last_event);
	assert_string_equal(ev->last_event->kind, "key-staff-leaving");
	/* Another day is looked up; the evaluation's own is kept. */
	const sg_renewal *r = sg_eval_renewal_after(ev, (sg_date){2027, 2, 1});
	assert_true(S_date_is(r->due, 2027, 3, 15));
	assert_null(sg_eval_renewal_after(ev, (sg_date){2027, 4, 1}));
	assert_ptr_equal(sg_eval_renewal_after(ev, ev->from), ev->next_renewal);
	sg_evals_free(e);

	/* With a build date, from it. */
	e = sg_evals_new(c, (sg_date){2027, 2, 1}, 1);
	ev = S_eval(c, "a-approved");
	assert_true(S_date_is(ev->from, 2027, 2, 1));
	assert_true(S_date_is(ev->next_renewal->due, 2027, 3, 15));
	sg_evals_free(e);
	sg_content_free(c);
}

static void S_write(const char *dir, const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* text with its first `from` replaced by `to` (heap). */
static char *S_replace(const char *text, const char *from, const char *to)
{
	const char *hit = strstr(text, from);
	assert_non_null(hit);
	size_t pre = (size_t)(hit - text), n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	memcpy(out, text, pre);
	strcpy(out + pre, to);
	strcat(out, hit + strlen(from));
	return out;
}

/* Evaluations in four threads are those made in one. */
static void test_threads(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("eval");
	assert_non_null(dir);
	char sub[1024];
	snprintf(sub, sizeof sub, "%s/customers", dir);
	assert_int_equal(sg_mkdir_p(sub), 0);
	static const char *const shared[] = {"site.xml", "catalog.xml"};
	for (size_t i = 0; i < 2; i++) {
		char from[512];
		snprintf(from, sizeof from, "%s/%s", FIXTURE, shared[i]);
		char *text = sg_test_read_file(from, NULL);
		assert_non_null(text);
		S_write(dir, shared[i], text);
		free(text);
	}
	char *sample = sg_test_read_file(FIXTURE "/customers/b-unapproved.xml", NULL);
	enum { N = 300 };
	for (int i = 0; i < N; i++) {
		char id[64], number[64], users[64], name[64];
		snprintf(id, sizeof id, "id=\"c%03d\"", i);
		snprintf(number, sizeof number, "YM-2026-%04d", 1000 + i);
		/* Users and discounts vary, so approvals and prices do; every
		 * fiftieth cannot be computed at all. */
		snprintf(users, sizeof users, " users=\"%d\"", 100 + 13 * i);
		char *t1 = S_replace(sample, "id=\"b-unapproved\"", id);
		char *t2 = S_replace(t1, "YM-2026-0102", number);
		char *t3 = S_replace(t2, " users=\"1000\"", i % 50 == 7 ? " users=\"900000000000\"" : users);
		char *t4 = S_replace(t3, " discount=\"0.85\"", i % 3 ? " discount=\"0.85\"" : " discount=\"1\"");
		snprintf(name, sizeof name, "customers/c%03d.xml", i);
		S_write(dir, name, t4);
		free(t4), free(t3), free(t2), free(t1);
	}
	free(sample);

	sg_content *c1 = S_load(dir), *c4 = S_load(dir);
	assert_int_equal(c1->customer_count, N);
	size_t before = sg_cost_compute_count();
	sg_evals *e1 = sg_evals_new(c1, (sg_date){0}, 1);
	assert_int_equal(sg_cost_compute_count() - before, N);
	before = sg_cost_compute_count();
	sg_evals *e4 = sg_evals_new(c4, (sg_date){0}, 4);
	assert_int_equal(sg_cost_compute_count() - before, N);
	size_t failed = 0, missing = 0;
	for (size_t i = 0; i < N; i++) {
		const sg_eval *a = sg_eval_of(c1->customers[i]), *b = sg_eval_of(c4->customers[i]);
		assert_string_equal(a->cu->id, b->cu->id);
		assert_int_equal(a->ok, b->ok);
		failed += !a->ok;
		if (!a->ok) {
			assert_string_equal(a->error, b->error);
			assert_int_equal(a->error_pos.line, b->error_pos.line);
			continue;
		}
		assert_int_equal(a->cost.annual, b->cost.annual);
		assert_int_equal(a->cost.offer_annual, b->cost.offer_annual);
		assert_int_equal(a->cost.approval.kind, b->cost.approval.kind);
		assert_int_equal(a->approval_missing, b->approval_missing);
		assert_int_equal(a->price_line_offered, b->price_line_offered);
		assert_true((a->missing_role == NULL) == (b->missing_role == NULL));
		if (a->missing_role)
			assert_string_equal(a->missing_role->id, b->missing_role->id);
		missing += a->approval_missing;
	}
	assert_int_equal(failed, N / 50);
	assert_true(missing > 0 && missing < N - failed); /* the users made a difference */
	sg_evals_free(e1);
	sg_evals_free(e4);
	sg_content_free(c1);
	sg_content_free(c4);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_each),
		cmocka_unit_test(test_failed_keeps_error),
		cmocka_unit_test(test_approval),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_threads),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
