/*
 * fuzz_mustache.c - the Mustache engine: compile and render in both modes.
 *
 * The input is a template, optionally followed by partials in the format of
 * the files in tests/data/mustache:
 *
 *     TEMPLATE
 *     --- partial NAME
 *     TEXT OF PARTIAL NAME
 *
 * A partial named in the template but not in the input is missing (an error
 * in strict mode); one whose name starts with "unreadable" fails as an
 * unreadable file would. The data is fixed and rich: the sample customer's
 * full template view, the vendor, and values of every kind (markup and plain
 * strings with markup characters, numbers at their limits, empty lists,
 * dotted keys, recursive data). The template is compiled and rendered in spec
 * mode with HTML escaping and in strict mode with Markdown escaping.
 */
/* memmem() */
#define _GNU_SOURCE

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "fuzz_support.h"
#include "model/catalog.h"
#include "model/customer.h"
#include "model/site.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "document/mustache.h"

static sg_arena S_arena;
static sg_value *S_data;

static const char S_sep[] = "\n--- partial ";

static void S_str(sg_value *m, const char *key, const char *s, bool markup)
{
	sg_value *v = sg_map_set(&S_arena, m, key, sg_value_str(&S_arena, s));
	v->markup = markup;
}

/* A tree depth levels deep: {name, children: [...]}, for recursive partials. */
static sg_value *S_node(int depth, int index)
{
	sg_value *n = sg_value_map(&S_arena);
	sg_map_set(&S_arena, n, "name", sg_value_str(&S_arena, depth % 2 ? "分部" : "Branch"));
	sg_map_set(&S_arena, n, "index", sg_value_int(&S_arena, index));
	sg_value *kids = sg_map_set(&S_arena, n, "children", sg_value_list(&S_arena));
	for (int i = 0; depth > 0 && i < 2; i++)
		sg_list_push(kids, S_node(depth - 1, i));
	return n;
}

/* The data of the sample customer's review (every field of the table), to
 * which the tests' own values are added. */
static sg_value *S_customer(void)
{
	sg_diags d;
	sg_diags_init(&d);
	char *site_path = sgf_content("site.xml"), *catalog_path = sgf_content("catalog.xml");
	char *customer_path = sgf_content("customers/hengtong-logistics.xml");
	sg_site *site = sg_site_load(&S_arena, site_path, &d);
	sg_catalog *catalog = sg_catalog_load(&S_arena, catalog_path, NULL, &d);
	sg_customer *c = sg_customer_load(&S_arena, customer_path, NULL, &d);
	if (!site || !catalog || !c || sg_customer_resolve(c, site, catalog, &d) ||
	    sg_diags_errors(&d)) {
		sg_diags_print(&d, stderr);
		fprintf(stderr, "fuzz_mustache: the sample content must load\n");
		abort();
	}
	sg_eval ev;
	sg_eval_customer(&ev, c, catalog, (sg_date){0}, &S_arena);
	c->eval = &ev;
	sg_content content = {.site = site, .catalog = catalog};
	sg_view_opts o = {&content, c, c->lang, c->as_of, "review", false};
	sg_value *root = sg_view_build(&S_arena, &o);
	c->eval = NULL;
	free(site_path);
	free(catalog_path);
	free(customer_path);
	sg_diags_dispose(&d);
	return root;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sg_arena_init(&S_arena);
	sg_value *root = S_customer();
	S_str(root, "name", "<b>\"Tom\" & 'Jerry'</b> \\*_`[x](y)", false);
	S_str(root, "html", "<em>已审批</em> &amp;", true);
	S_str(root, "lines", "  one\r\ntwo\nthree\t", false);
	S_str(root, "empty", "", false);
	sg_map_set(&S_arena, root, "zero", sg_value_int(&S_arena, 0));
	sg_map_set(&S_arena, root, "min", sg_value_int(&S_arena, INT64_MIN));
	sg_map_set(&S_arena, root, "max", sg_value_int(&S_arena, INT64_MAX));
	sg_map_set(&S_arena, root, "money", sg_value_dec(&S_arena, -1234567, 2));
	sg_map_set(&S_arena, root, "tiny", sg_value_dec(&S_arena, INT64_MIN, 9));
	sg_map_set(&S_arena, root, "t", sg_value_bool(&S_arena, true));
	sg_map_set(&S_arena, root, "f", sg_value_bool(&S_arena, false));
	sg_map_set(&S_arena, root, "nil", sg_value_null(&S_arena));
	sg_map_set(&S_arena, root, "none", sg_value_list(&S_arena));
	sg_map_set(&S_arena, root, "nomap", sg_value_map(&S_arena));
	sg_value *list = sg_map_set(&S_arena, root, "list", sg_value_list(&S_arena));
	sg_list_push(list, sg_value_int(&S_arena, 1));
	sg_list_push(list, sg_value_str(&S_arena, "二"));
	sg_list_push(list, sg_value_null(&S_arena));
	sg_value *inner = sg_value_list(&S_arena);
	sg_list_push(inner, sg_value_bool(&S_arena, false));
	sg_list_push(list, inner);
	sg_value *m = sg_value_map(&S_arena);
	sg_map_set(&S_arena, m, "name", sg_value_str(&S_arena, "三"));
	sg_list_push(list, m);
	/* a.b.c reachable both by dotted name and by nested sections */
	sg_value *a = sg_map_set(&S_arena, root, "a", sg_value_map(&S_arena));
	sg_value *b = sg_map_set(&S_arena, a, "b", sg_value_map(&S_arena));
	S_str(b, "c", "deep", false);
	S_str(root, "a.b", "a key with a dot", false);
	sg_map_set(&S_arena, root, "node", S_node(4, 0));
	S_data = root;
	return 0;
}

typedef struct S_input {
	const char *text;
	size_t len;
} S_input;

/* The partial called name: the text after the line "--- partial NAME" up
 * to the next such line. */
static int S_partial(void *ctx, const char *name, sg_buf *text, sg_buf *path, sg_diags *d)
{
	const S_input *in = ctx;
	if (strncmp(name, "unreadable", 10) == 0) {
		sg_error(d, sg_pos_make(name, 0, 0), "cannot read the partial");
		return -1;
	}
	size_t nlen = strlen(name);
	const char *end = in->text + in->len;
	const char *p = memmem(in->text, in->len, S_sep, sizeof S_sep - 1);
	while (p) {
		const char *nm = p + sizeof S_sep - 1;
		const char *eol = memchr(nm, '\n', (size_t)(end - nm));
		const char *body = eol ? eol + 1 : end;
		const char *next = memmem(body, (size_t)(end - body), S_sep, sizeof S_sep - 1);
		if (eol && (size_t)(eol - nm) == nlen && memcmp(nm, name, nlen) == 0) {
			sg_buf_put(text, body, (size_t)((next ? next : end) - body));
			sg_buf_printf(path, "partial-%s", name);
			return 0;
		}
		p = next;
	}
	return 1;
}

static void S_run(const S_input *in, size_t tlen, sg_template_mode mode, sg_escape_fn escape,
		  int max_depth)
{
	sg_template_opts opts = {.mode = mode, .escape = escape, .partial = S_partial,
				 .partial_ctx = (void *)in, .max_depth = max_depth};
	sg_diags d;
	sg_buf out;
	sg_diags_init(&d);
	sg_buf_init(&out);
	sg_template *t;
	if (sg_template_compile(&t, in->text, tlen, "x.md", &opts, &d) == 0) {
		for (size_t i = 0; sg_template_source(t, i); i++)
			;
		sg_template_render(t, S_data, &out, &d);
		sg_buf_clear(&out);
		sg_template_render(t, NULL, &out, &d);
		sg_template_free(t);
	}
	for (size_t i = 0; i < d.count; i++) {
		char line[512];
		sg_diag_format(&d.items[i], false, line, sizeof line);
	}
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	S_input in = {text, size};
	const char *sep = memmem(text, size, S_sep, sizeof S_sep - 1);
	size_t tlen = sep ? (size_t)(sep - text) + 1 : size; /* keeps its newline */

	S_run(&in, tlen, SG_TEMPLATE_SPEC, NULL, 0);
	S_run(&in, tlen, SG_TEMPLATE_STRICT, sg_escape_markdown, 8);
	free(text);
	return 0;
}
