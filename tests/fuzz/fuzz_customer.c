/*
 * fuzz_customer.c - the customer loader, from the XML to the cost model.
 *
 * The input is written to customers/x.xml in a scratch content folder and
 * read as content/customers/ID.xml would be: sg_customer_read(), then
 * sg_customer_resolve() against the sample site and catalog (loaded once),
 * then what `salesgen build` does with a customer that has no error: the
 * template view, its customer-facing copy, and the cost model as JSON.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/json.h"
#include "cost/cost.h"
#include "fuzz_support.h"
#include "model/catalog.h"
#include "model/customer.h"
#include "model/site.h"
#include "model/view.h"

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

/* The cost model as `salesgen build` writes it to output/costs/ID.json. */
static void S_cost(const sg_customer *c, sg_arena *a, sg_buf *out)
{
	sg_cost_input in;
	sg_cost_result r;
	sg_cost_input_from_customer(&in, c, S_catalog);
	if (sg_cost_compute(&in, &r) == 0)
		sg_json_write(sg_cost_view(a, &r), 2, out);
	sg_cost_result_dispose(&r);
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
			sg_value *view = sg_view_customer(&a, c, NULL);
			sg_value *root = sg_value_map(&a);
			sg_map_set(&a, root, "customer", view);
			sg_json_write(sg_view_public(&a, root), 0, &out);
			S_cost(c, &a, &out);
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
