/*
 * cost_targets.c - costs/ID.json, one per customer file: the cost model as
 * `salesgen cost --json` prints it.
 *
 * Customers are taken from the files in customers/, not from the loaded
 * model: a customer whose file is broken is left out of the model, yet its
 * output must stay a target (failed, the old file kept), or the engine would
 * remove it as an output whose source is gone.
 */
#include "targets/cost_targets.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fs.h"
#include "base/json.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "model/content.h"

/* Under --strict the cost output of an offer lacking a needed approval
 * fails (sg_eval_warn_approval() warns, and warnings are errors), so CI can
 * block it. */
static int S_produce_cost(const sg_produce *p, sg_buf *out)
{
	const sg_customer *cu = ((const void **)p->arg)[1];
	if (!cu) {
		sg_error(p->d, sg_pos_make(p->source, 0, 0), "the customer could not be loaded");
		return -1;
	}
	const sg_eval *ev = sg_eval_of(cu);
	if (!ev->ok) {
		sg_eval_report(ev, p->d);
		return -1;
	}
	sg_eval_warn_approval(ev, p->d);
	sg_arena a;
	sg_arena_init(&a);
	sg_cost_result r;
	sg_eval_cost(ev, &r, &a);
	sg_json_write(sg_view_cost(&a, &r), 2, out);
	sg_buf_putc(out, '\n');
	sg_arena_dispose(&a);
	return 0;
}

/* The catalog's files, relative to the content folder; has_catalog: whether
 * catalog.xml is there (asked once, not for each of thousands of targets). */
static void S_catalog_inputs(sg_target *t, bool has_catalog, char **products, size_t n)
{
	if (has_catalog)
		sg_target_input_content(t, "catalog.xml");
	for (size_t i = 0; i < n; i++)
		sg_target_input_content(t, products[i]);
}

struct sg_cost_targets {
	const void **args; /* (content, customer) per customer file */
};

sg_cost_targets *sg_build_add_costs(sg_engine *e, const sg_content *c, const char *customer,
				    size_t *matched_out)
{
	sg_cost_targets *ct = sg_xcalloc(1, sizeof *ct);
	const void ***args = &ct->args;
	char *dir = sg_path_join(c->dir, "customers");
	char **files;
	size_t n = sg_dir_list(dir, ".xml", &files);
	char *pdir = sg_path_join(c->dir, "products");
	char **products;
	size_t np = sg_dir_list(pdir, ".xml", &products);
	for (size_t i = 0; i < np; i++) {
		char *rel = sg_path_join("products", strrchr(products[i], '/') + 1);
		free(products[i]);
		products[i] = rel;
	}
	char *cat = sg_path_join(c->dir, "catalog.xml");
	bool has_catalog = sg_file_exists(cat);
	free(cat);
	/* Another --only: the files are still counted for --customer. */
	bool wanted = sg_engine_selects(e, "cost");
	*args = sg_xcalloc(2 * (n && wanted ? n : 1), sizeof **args);
	size_t matched = 0;
	for (size_t i = 0; i < n; i++) {
		char *id = sg_path_stem(files[i]);
		const char *why;
		/* The loader reports an unsafe id; such a file never had
		 * outputs. */
		bool safe = sg_id_is_safe(id, &why);
		matched += safe && customer && strcmp(customer, id) == 0;
		if (!safe || !wanted) {
			free(id);
			continue;
		}
		(*args)[2 * i] = c;
		(*args)[2 * i + 1] = sg_content_customer(c, id);
		char *path = sg_xasprintf("costs/%s.json", id);
		char *rel = sg_xasprintf("customers/%s.xml", id);
		sg_target *t = sg_engine_add(e, "cost", path, S_produce_cost, &(*args)[2 * i]);
		sg_target_group(t, id);
		sg_target_source(t, files[i]);
		sg_target_input_content(t, rel);
		S_catalog_inputs(t, has_catalog, products, np);
		free(rel);
		free(path);
		free(id);
	}
	sg_path_list_free(products, np);
	free(pdir);
	sg_path_list_free(files, n);
	free(dir);
	*matched_out = matched;
	return ct;
}

void sg_cost_targets_free(sg_cost_targets *ct)
{
	if (!ct)
		return;
	free(ct->args);
	free(ct);
}
