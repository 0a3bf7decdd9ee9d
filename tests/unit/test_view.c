/* Unit tests of the template data (document/fields.h): the view of a customer
 * and the firewall that keeps internal fields away from customer-facing
 * documents. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "model/content.h"

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

/* The data of an internal document (every field), and of a customer-facing
 * one. */
static sg_value *S_view(sg_arena *a, const sg_customer *c, bool customer_facing)
{
	sg_view_opts o = {S_content, c, c->lang, c->as_of, "proposal", customer_facing};
	return sg_view_build(a, &o);
}

static sg_value *S_full(sg_arena *a, const sg_customer *c)
{
	return S_view(a, c, false);
}

typedef struct leaf {
	char path[256];
	const char *text;
} leaf;

static void S_leaves(const sg_value *v, char *path, size_t len, leaf **out, size_t *n)
{
	if (v->kind == SG_VAL_MAP || v->kind == SG_VAL_LIST) {
		for (const sg_value *c = v->u.items.first; c; c = c->next) {
			size_t nl = len;
			if (v->kind == SG_VAL_MAP) {
				nl += (size_t)snprintf(path + len, 256 - len, "%s%s", len ? "." : "",
						       c->key);
			}
			S_leaves(c, path, nl, out, n);
			path[len] = '\0';
		}
		return;
	}
	if (v->kind != SG_VAL_STR || v->u.str.len < 2)
		return;
	*out = realloc(*out, (*n + 1) * sizeof **out);
	snprintf((*out)[*n].path, sizeof(*out)[*n].path, "%s", path);
	(*out)[*n].text = v->u.str.s;
	(*n)++;
}

/* Every text that sits only at internal paths of the full view must be absent
 * from the public view's JSON. Texts that also sit at a public path (a rep's
 * name that is also an action owner, say) are legitimately visible. */
static void test_no_internal_text_reaches_public(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t i = 0; i < S_content->customer_count; i++) {
		sg_arena a;
		sg_arena_init(&a);
		sg_value *full = S_full(&a, S_content->customers[i]);
		sg_value *pub = S_view(&a, S_content->customers[i], true);

		leaf *leaves = NULL, *shown = NULL;
		size_t n = 0, ns = 0;
		char path[256] = "";
		S_leaves(full, path, 0, &leaves, &n);
		S_leaves(pub, path, 0, &shown, &ns);
		for (size_t k = 0; k < ns; k++)
			if (!sg_field_is_public(shown[k].path))
				fail_msg("%s: %s is not whitelisted but is in the public view",
					 S_content->customers[i]->id, shown[k].path);
		bool *is_public = calloc(n + 1, sizeof *is_public);
		for (size_t k = 0; k < n; k++)
			is_public[k] = sg_field_is_public(leaves[k].path);
		for (size_t k = 0; k < n; k++) {
			if (is_public[k])
				continue;
			bool also_public = false;
			for (size_t j = 0; j < n && !also_public; j++)
				also_public = is_public[j] && strstr(leaves[j].text, leaves[k].text);
			if (also_public)
				continue;
			for (size_t j = 0; j < ns; j++)
				if (strstr(shown[j].text, leaves[k].text))
					fail_msg("%s: internal %s = \"%s\" reaches the public view",
						 S_content->customers[i]->id, leaves[k].path,
						 leaves[k].text);
			checked++;
		}
		free(is_public);
		free(shown);
		free(leaves);
		sg_arena_dispose(&a);
	}
	assert_true(checked > 100); /* the sample fills every internal field */
}

static void test_public_view_shape(void **state)
{
	(void)state;
	sg_customer *c = sg_content_customer(S_content, "hengtong-logistics");
	assert_non_null(c);
	sg_arena a;
	sg_arena_init(&a);
	sg_value *full = S_full(&a, c);
	sg_value *pub = S_view(&a, c, true);

	/* Kept. */
	assert_string_equal(sg_value_path(pub, "customer.name")->u.str.s, "恒通物流集团有限公司");
	assert_int_equal(sg_value_path(pub, "cost.offer.annual")->u.dec.units, 10200000);
	assert_non_null(sg_value_path(pub, "cost.self_hosted.labour"));
	assert_non_null(sg_value_path(pub, "customer.offer.number"));
	assert_non_null(sg_value_path(pub, "customer.owner.phone"));
	assert_non_null(sg_value_path(pub, "vendor.name"));
	sg_value *hw = sg_value_path(pub, "customer.hardware");
	assert_int_equal(hw->u.items.count, 2);
	assert_non_null(sg_map_get(hw->u.items.first, "amount"));

	/* Gone. */
	const char *internal[] = {
		"customer.contacts",      "customer.notes",          "customer.traits",
		"customer.strengths",     "customer.weaknesses",     "customer.actions",
		"customer.events",        "customer.stage",          "customer.lifecycle",
		"customer.offer.approvals", "customer.offer.budget_sensitive",
		"customer.current.licensed", "cost.offer.approval",  "cost.offer.price_line_approval",
		"cost.offer.approval_tier_from", "cost.segment",
	};
	for (size_t i = 0; i < sizeof internal / sizeof *internal; i++) {
		assert_non_null(sg_value_path(full, internal[i]));
		if (sg_value_path(pub, internal[i]))
			fail_msg("%s is in the public view", internal[i]);
	}
	/* Internal notes are Markdown the team wrote: markup, but internal. */
	assert_true(sg_value_path(full, "customer.notes")->markup);
	sg_arena_dispose(&a);
}

static void test_path_rules(void **state)
{
	(void)state;
	assert_true(sg_field_is_public("customer.name"));
	assert_true(sg_field_is_public("customer.hardware"));
	assert_true(sg_field_is_public("customer.hardware.amount"));
	assert_true(sg_field_is_public("vendor"));
	assert_false(sg_field_is_public("customer"));
	assert_false(sg_field_is_public("customer.name2"));
	assert_false(sg_field_is_public("customer.hardwareX"));
	assert_false(sg_field_is_public("customer.contacts.name"));
	assert_false(sg_field_is_public("customer.offer.approvals.role"));
	assert_false(sg_field_is_public("anything.new"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_rules),
		cmocka_unit_test(test_public_view_shape),
		cmocka_unit_test(test_no_internal_text_reaches_public),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, S_teardown);
}
