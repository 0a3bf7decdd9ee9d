/*
 * fuzz_catalog.c - the catalog, products and site loaders.
 *
 * The input is written to a scratch file and given to every loader of a
 * content folder's shared XML: sg_catalog_load() (root <catalog>),
 * sg_catalog_add_products() (root <products> or <product>, into both an empty
 * catalog and the one just loaded, so id clashes and policy references are
 * reached) and sg_site_load() (root <site>). The loaders whose root does not
 * match refuse the file at schema validation.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "fuzz_support.h"
#include "model/catalog.h"
#include "model/site.h"

static const char *S_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	S_path = sgf_tmppath("catalog.xml");
	return 0;
}

static void S_site(const sg_site *s)
{
	/* What customers ask of a site: reps, stages, and proposal numbers. */
	(void)sg_site_rep(s, "zhang-wei");
	const sg_stage *st = sg_site_stage(s, "technical-promotion");
	if (st)
		(void)sg_stage_item_find(st, "tech-demo");
	(void)sg_site_number_matches(s, "YM-2026-0001", 2026);
	(void)sg_site_number_matches(s, "YM-2026-0001", 0);
	(void)sg_site_number_matches(s, "", 1999);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgf_write(S_path, data, size);
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);

	sg_catalog *c = sg_catalog_load(&a, S_path, NULL, &d);
	sg_catalog *empty = sg_catalog_new(&a, S_path);
	if (sg_catalog_add_products(empty, &a, S_path, "en", &d) == 0 && c)
		sg_catalog_add_products(c, &a, S_path, NULL, &d);
	sg_site *s = sg_site_load(&a, S_path, &d);
	if (s)
		S_site(s);
	for (size_t i = 0; i < d.count; i++) {
		char line[512];
		sg_diag_format(&d.items[i], false, line, sizeof line);
	}

	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	return 0;
}
