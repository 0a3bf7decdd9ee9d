/* Unit tests of the table of fields (document/fields.h): its shape, lookups,
 * the data walked from it (every key a field of the table, of the field's
 * type and form; a customer's data only customer fields), the cost JSON as a
 * part of it, and the documentation's list. The fixtures are tests/data/eval/
 * (a content folder of four customers and a case study). */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "model/content.h"

#define FIXTURE SG_TEST_DATA "/eval"

static sg_content *S_content;
static sg_evals *S_evals;

static int S_setup(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	S_content = sg_content_load(FIXTURE, &d);
	S_evals = sg_evals_new(S_content, (sg_date){0}, 1);
	int errors = (int)sg_diags_errors(&d);
	if (errors)
		sg_diags_print(&d, stderr);
	sg_diags_dispose(&d);
	return errors || S_content->customer_count != 4;
}

static int S_teardown(void **state)
{
	(void)state;
	sg_evals_free(S_evals);
	sg_content_free(S_content);
	return 0;
}

static const sg_field *S_exact(const char *path)
{
	for (size_t i = 0; i < sg_fields_count(); i++)
		if (strcmp(sg_fields_at(i)->path, path) == 0)
			return sg_fields_at(i);
	return NULL;
}

/* ---------------------------------------------------------------- the table */

/* Paths unique; each field below its parent, the fields of a map or list
 * together after it; nothing for a customer below an internal field; forms
 * that exist for the type; a line for the documentation. */
static void test_shape(void **state)
{
	(void)state;
	size_t n = sg_fields_count();
	assert_true(n > 200);
	for (size_t i = 0; i < n; i++) {
		const sg_field *f = sg_fields_at(i);
		assert_ptr_equal(S_exact(f->path), f);
		assert_true(f->what && *f->what);
		const char *dot = strrchr(f->path, '.');
		if (dot) {
			char parent[256];
			snprintf(parent, sizeof parent, "%.*s", (int)(dot - f->path), f->path);
			const sg_field *p = S_exact(parent);
			if (!p)
				fail_msg("%s: no field %s above it", f->path, parent);
			assert_true(p < f);
			assert_true(p->type == SG_FIELD_MAP || p->type == SG_FIELD_LIST);
			assert_string_not_equal(sg_field_type_name(p), "list of text");
			for (const sg_field *q = p + 1; q < f; q++)
				if (strncmp(q->path, parent, strlen(parent)) != 0 ||
				    q->path[strlen(parent)] != '.')
					fail_msg("%s is not with the other fields of %s", f->path, parent);
			if (p->audience == SG_FIELD_INTERNAL && f->audience == SG_FIELD_CUSTOMER)
				fail_msg("%s is for the customer below internal %s", f->path, parent);
		}
		switch (f->form) {
		case SG_FORM_RAW:
			break;
		case SG_FORM_TEXT:
			assert_true(f->type == SG_FIELD_MONEY || f->type == SG_FIELD_SHARE ||
				    f->type == SG_FIELD_DATE);
			break;
		case SG_FORM_FULL:
			assert_true(f->type == SG_FIELD_MONEY || f->type == SG_FIELD_SHARE ||
				    f->type == SG_FIELD_DATE || f->type == SG_FIELD_COUNT);
			break;
		case SG_FORM_DAYS:
			assert_int_equal(f->type, SG_FIELD_DATE);
			break;
		}
	}
}

static void test_find(void **state)
{
	(void)state;
	const sg_field *annual = sg_field_find("offer.annual");
	assert_non_null(annual);
	assert_int_equal(annual->type, SG_FIELD_MONEY);
	assert_int_equal(annual->form, SG_FORM_FULL);
	assert_ptr_equal(sg_field_find("offer.annual_wan"), annual);
	assert_ptr_equal(sg_field_find("offer.annual_plain"), annual);
	assert_ptr_equal(sg_field_find("offer.valid_until_in_days"), sg_field_find("offer.valid_until"));
	assert_ptr_equal(sg_field_find("offer.discount_zhe"), sg_field_find("offer.discount"));
	assert_ptr_equal(sg_field_find("offer.users_text"), sg_field_find("offer.users"));
	/* Raw fields have no other forms; no made-up keys. */
	assert_null(sg_field_find("cost.offer.annual_wan"));
	assert_null(sg_field_find("customer.as_of_iso"));
	assert_null(sg_field_find("offer.annual_bogus"));
	assert_null(sg_field_find("offer.date_in"));

	assert_true(sg_field_is_public("customer.name"));
	assert_true(sg_field_is_public("customer.offer.users"));
	assert_true(sg_field_is_public("customer.hardware"));
	assert_true(sg_field_is_public("offer.annual_wan"));
	assert_true(sg_field_is_public("price_line.discount_zhe"));
	assert_true(sg_field_is_public("vendor"));
	/* Not all of it is for the customer. */
	assert_false(sg_field_is_public("customer"));
	assert_false(sg_field_is_public("customer.offer"));
	assert_false(sg_field_is_public("cost.offer"));
	assert_false(sg_field_is_public("customer.offer.approvals.role"));
	assert_false(sg_field_is_public("cost.offer.approval"));
	assert_false(sg_field_is_public("cost.segment.fit"));
	assert_false(sg_field_is_public("review.approval.missing"));
	assert_false(sg_field_is_public("customer.notes"));
	assert_false(sg_field_is_public("nothing.here"));
}

/* ---------------------------------------------------------------- the data */

/* The kind of value a field's own key holds (not null). */
static void S_check_kind(const char *path, const sg_field *f, const sg_value *v)
{
	sg_value_kind want;
	int scale = -1;
	switch (f->type) {
	case SG_FIELD_MAP: want = SG_VAL_MAP; break;
	case SG_FIELD_LIST: want = SG_VAL_LIST; break;
	case SG_FIELD_TEXT: want = SG_VAL_STR; break;
	case SG_FIELD_BOOL: want = SG_VAL_BOOL; break;
	case SG_FIELD_COUNT: want = SG_VAL_INT; break;
	case SG_FIELD_NUMBER: want = SG_VAL_DEC; break;
	case SG_FIELD_DATE: want = SG_VAL_STR; break;
	case SG_FIELD_MONEY:
		want = f->form == SG_FORM_RAW ? SG_VAL_DEC : SG_VAL_STR;
		scale = f->form == SG_FORM_RAW ? 2 : -1;
		break;
	case SG_FIELD_SHARE:
		want = f->form == SG_FORM_RAW ? SG_VAL_DEC : SG_VAL_STR;
		scale = f->form == SG_FORM_RAW ? 6 : -1;
		break;
	default: want = SG_VAL_NULL; break;
	}
	if (v->kind != want)
		fail_msg("%s: value of kind %d, the field (%s) wants %d", path, v->kind,
			 sg_field_type_name(f), want);
	if (scale >= 0 && v->u.dec.scale != scale)
		fail_msg("%s: %d decimals, not %d", path, v->u.dec.scale, scale);
	if (f->type == SG_FIELD_DATE && f->form == SG_FORM_RAW)
		assert_int_equal(v->u.str.len, 10); /* 2026-11-20 */
}

typedef struct S_seen {
	bool *seen; /* per field of the table */
	bool customer_facing;
} S_seen;

/* Every key of v (at path) is a field of the table or a key of a field's
 * form; in a customer's data, a field for the customer, as is every field
 * above it. List items are transparent. */
static void S_walk(S_seen *s, const sg_value *v, char *path, size_t len)
{
	if (v->kind == SG_VAL_LIST) {
		for (const sg_value *c = v->u.items.first; c; c = c->next)
			S_walk(s, c, path, len);
		return;
	}
	if (v->kind != SG_VAL_MAP)
		return;
	for (const sg_value *c = v->u.items.first; c; c = c->next) {
		size_t n = len + (size_t)snprintf(path + len, 256 - len, "%s%s", len ? "." : "", c->key);
		const sg_field *f = sg_field_find(path);
		if (!f)
			fail_msg("%s is in the data but not in the table", path);
		for (size_t i = 0; i < sg_fields_count(); i++)
			if (sg_fields_at(i) == f)
				s->seen[i] = true;
		if (s->customer_facing && !sg_field_is_public(path) &&
		    f->type != SG_FIELD_MAP && f->type != SG_FIELD_LIST)
			fail_msg("%s is in a customer's data but is not for the customer", path);
		if (s->customer_facing && f->audience != SG_FIELD_CUSTOMER)
			fail_msg("%s is in a customer's data but is internal", path);
		if (strcmp(f->path, path) == 0 && c->kind != SG_VAL_NULL)
			S_check_kind(path, f, c);
		S_walk(s, c, path, n);
		path[len] = '\0';
	}
}

static void test_data_is_the_table(void **state)
{
	(void)state;
	bool *seen = calloc(sg_fields_count(), sizeof *seen);
	static const char *const langs[] = {"zh-CN", "en"};
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		if (!sg_eval_of(cu)->ok)
			continue;
		for (int l = 0; l < 2; l++) {
			for (int facing = 0; facing < 2; facing++) {
				sg_arena a;
				sg_arena_init(&a);
				sg_view_opts o = {S_content, cu, langs[l], (sg_date){2026, 11, 20},
						  facing ? "proposal" : "review", facing};
				sg_value *data = sg_view_build(&a, &o);
				S_seen s = {seen, facing};
				char path[256] = "";
				S_walk(&s, data, path, 0);
				sg_arena_dispose(&a);
			}
		}
	}
	/* The fixtures give every field a value: a field the walk never makes
	 * would be a field nobody can use. */
	size_t unseen = 0;
	for (size_t i = 0; i < sg_fields_count(); i++) {
		const char *p = sg_fields_at(i)->path;
		if (!seen[i]) {
			fprintf(stderr, "%s is in no customer's data\n", p);
			unseen++;
		}
	}
	assert_int_equal(unseen, 0);
	free(seen);
}

/* A customer's data holds its proposal's formatted figures, in the forms
 * the table gives them. */
static void test_forms(void **state)
{
	(void)state;
	const sg_customer *cu = sg_content_customer(S_content, "a-approved");
	sg_arena a;
	sg_arena_init(&a);
	sg_view_opts o = {S_content, cu, "zh-CN", (sg_date){2026, 11, 20}, "proposal", true};
	sg_value *v = sg_view_build(&a, &o);
	static const char *const want[][2] = {
		{"offer.annual", "¥102,000"},
		{"offer.annual_number", "102,000"},
		{"offer.annual_wan", "10.2万元"},
		{"offer.annual_capitals", "人民币壹拾万零贰仟元整"},
		{"offer.discount", "8.5折"},
		{"offer.discount_percent", "15%"},
		{"offer.users_text", "1,000"},
		{"offer.vat_rate", "6%"},
		{"offer.valid_until", "2026年12月20日"},
		{"offer.valid_until_iso", "2026-12-20"},
		{"offer.valid_until_in", "30天后"},
		{"price_line.annual", "¥99,000"},
		{"document.date", "2026年11月20日"},
		{"next_renewal.due_in", "41天后"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const sg_value *x = sg_value_path(v, want[i][0]);
		if (!x || x->kind != SG_VAL_STR || strcmp(x->u.str.s, want[i][1]) != 0)
			fail_msg("%s is not \"%s\"", want[i][0], want[i][1]);
	}
	assert_int_equal(sg_value_path(v, "offer.annual_plain")->u.dec.units, 10200000);
	assert_int_equal(sg_value_path(v, "offer.valid_until_in_days")->u.i, 30);
	/* Internal: not there at all. */
	assert_null(sg_value_path(v, "review"));
	assert_null(sg_value_path(v, "cost.segment"));
	assert_null(sg_value_path(v, "customer.notes"));
	sg_arena_dispose(&a);
}

/* The cost JSON is the table's `cost`, as in an internal document's data,
 * and the same as that of the cost model computed afresh: an evaluation
 * keeps every figure and makes its lines again exactly. */
static void test_cost_json(void **state)
{
	(void)state;
	for (size_t i = 0; i < S_content->customer_count; i++) {
		const sg_customer *cu = S_content->customers[i];
		const sg_eval *ev = sg_eval_of(cu);
		if (!ev->ok)
			continue;
		sg_arena a;
		sg_arena_init(&a);
		sg_buf x, y, z;
		sg_buf_init(&x);
		sg_buf_init(&y);
		sg_buf_init(&z);
		sg_cost_result kept, fresh;
		sg_eval_cost(ev, &kept, &a);
		sg_json_write(sg_view_cost(&a, &kept), 2, &x);
		sg_view_opts o = {S_content, cu, cu->lang, cu->as_of, "review", false};
		sg_json_write(sg_map_get(sg_view_build(&a, &o), "cost"), 2, &y);
		assert_string_equal(x.data, y.data);
		sg_cost_input in;
		sg_cost_input_from_customer(&in, cu, S_content->catalog);
		assert_int_equal(sg_cost_compute(&in, &fresh), 0);
		sg_json_write(sg_view_cost(&a, &fresh), 2, &z);
		assert_string_equal(x.data, z.data);
		assert_int_equal(kept.line_count, fresh.line_count);
		for (size_t k = 0; k < kept.line_count; k++) {
			const sg_cost_line *p = &kept.lines[k], *q = &fresh.lines[k];
			assert_int_equal(p->kind, q->kind);
			assert_ptr_equal(p->name, q->name);
			assert_int_equal(p->annual, q->annual);
			assert_int_equal(p->base, q->base);
			assert_int_equal(p->years, q->years);
			assert_int_equal(p->share, q->share);
			assert_int_equal(p->watt_hours, q->watt_hours);
			assert_int_equal(p->price_per_kwh, q->price_per_kwh);
			assert_int_equal(p->renewal, q->renewal);
		}
		sg_cost_result_dispose(&fresh);
		sg_buf_dispose(&x);
		sg_buf_dispose(&y);
		sg_buf_dispose(&z);
		sg_arena_dispose(&a);
	}
	/* Without an offer: no price line, and the offer's figures left out. */
	const sg_customer *none = sg_content_customer(S_content, "d-no-offer");
	sg_arena a;
	sg_arena_init(&a);
	sg_view_opts o = {S_content, none, "en", none->as_of, "proposal", true};
	sg_value *v = sg_view_build(&a, &o);
	assert_int_equal(sg_value_path(v, "price_line")->kind, SG_VAL_NULL);
	assert_int_equal(sg_value_path(v, "cost.offer.price_line_annual")->kind, SG_VAL_NULL);
	assert_false(sg_value_path(v, "offer.given")->u.b);
	assert_null(sg_value_path(v, "offer.annual"));
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- the docs */

static void test_markdown(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_fields_markdown(&b);
	size_t rows = 0;
	for (const char *p = strstr(b.data, "\n| `"); p; p = strstr(p + 1, "\n| `"))
		rows++;
	assert_int_equal(rows, sg_fields_count());
	for (size_t i = 0; i < sg_fields_count(); i++) {
		const sg_field *f = sg_fields_at(i);
		char row[300];
		snprintf(row, sizeof row, "\n| `%s` | %s", f->path, sg_field_type_name(f));
		const char *hit = strstr(b.data, row);
		if (!hit)
			fail_msg("%s is not listed", f->path);
		const char *end = strchr(hit + 1, '\n');
		char audience[32];
		snprintf(audience, sizeof audience, " | %s | ",
			 f->audience == SG_FIELD_CUSTOMER ? "customer" : "internal");
		const char *a = strstr(hit, audience);
		assert_true(a && a < end);
	}
	sg_buf_dispose(&b);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_data_is_the_table),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_cost_json),
		cmocka_unit_test(test_markdown),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, S_teardown);
}
