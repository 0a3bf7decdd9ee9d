/*
 * fuzz_customer.c - the customer loader, from the XML to the cost model.
 *
 * The input is written to customers/x.xml in a scratch content folder and
 * read as content/customers/ID.xml would be: sg_customer_read(), then
 * sg_customer_resolve() against the sample site and catalog (loaded once),
 * then what `salesgen build` does with a customer that has no error: its
 * evaluation, the template data of a review and of a proposal (the
 * customer-facing fields only), and the cost model as JSON.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/json.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "fuzz_support.h"
#include "model/catalog.h"
#include "model/customer.h"
#include "model/site.h"

static sg_arena S_arena; /* the sample site and catalog, for the whole run */
static const sg_site *S_site;
static const sg_catalog *S_catalog;
static const char *S_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sg_arena_init(&S_arena);
	sg_diags d;
	sg_diags_init(&d);
	char *site = sgf_content("site.xml"), *catalog = sgf_content("catalog.xml");
	S_site = sg_site_load(&S_arena, site, &d);
	S_catalog = sg_catalog_load(&S_arena, catalog, NULL, &d);
	if (!S_site || !S_catalog || sg_diags_errors(&d)) {
		sg_diags_print(&d, stderr);
		fprintf(stderr, "fuzz_customer: the sample site and catalog must load\n");
		abort();
	}
	free(site);
	free(catalog);
	sg_diags_dispose(&d);
	S_path = sgf_tmppath("customers/x.xml");
	return 0;
}

/* The customer evaluated; the data of its review and its proposal; its cost
 * model as `salesgen build` writes it to output/costs/ID.json. */
static void S_views(sg_customer *c, sg_arena *a, sg_buf *out)
{
	sg_eval ev;
	sg_eval_customer(&ev, c, S_catalog, (sg_date){0}, a);
	c->eval = &ev;
	if (ev.ok) {
		sg_content content = {.site = (sg_site *)S_site, .catalog = (sg_catalog *)S_catalog};
		sg_view_opts o = {&content, c, c->lang, c->as_of, "review", false};
		sg_json_write(sg_view_build(a, &o), 0, out);
		o.kind = "proposal";
		o.customer_facing = true;
		sg_json_write(sg_view_build(a, &o), 0, out);
		sg_cost_result r;
		sg_eval_cost(&ev, &r, a);
		sg_json_write(sg_view_cost(a, &r), 2, out);
	}
	c->eval = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgf_write(S_path, data, size);
	sg_arena a;
	sg_diags d;
	sg_buf out;
	sg_arena_init(&a);
	sg_diags_init(&d);
	sg_buf_init(&out);

	bool clean = false;
	sg_customer *c = sg_customer_read(&a, S_path, NULL, &d, &clean);
	if (c) {
		size_t errors = sg_customer_resolve(c, S_site, S_catalog, &d);
		if (clean && errors == 0) {
			S_views(c, &a, &out);
		}
	}
	/* Every message must be printable (positions, arguments). */
	for (size_t i = 0; i < d.count; i++) {
		char line[512];
		sg_diag_format(&d.items[i], false, line, sizeof line);
	}

	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	return 0;
}
