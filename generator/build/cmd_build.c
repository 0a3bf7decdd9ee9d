/*
 * cmd_build.c - `salesgen build`: check the content, then write every output.
 *
 * Outputs so far: output/costs/ID.json per customer (the same JSON as
 * `salesgen cost --json`). A customer whose own file has errors gets no new
 * outputs, and its old ones are left as they were; everybody else's are still
 * written, and the exit code is 1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/json.h"
#include "build/commands.h"
#include "build/site_build.h"
#include "cost/cost.h"
#include "model/content.h"

typedef struct build_opts {
	const char *content;
	const char *out;
	bool strict;
	bool quiet;
	const char *only;  /* NULL: every output; "costs" or "site" */
	const char *theme; /* HTML theme; NULL: the built-in default */
} build_opts;

static void S_usage(FILE *f)
{
	fprintf(f, "usage: salesgen build [--content DIR] [--out DIR] [--only costs|site] [--theme NAME]\n"
		   "                     [--strict] [--quiet]\n"
		   "\n"
		   "Checks the content and writes every output:\n"
		   "  OUT/costs/ID.json   the cost model of each customer (as `salesgen cost --json`)\n"
		   "  OUT/site/           the internal HTML site (playbooks, accounts, pipeline, prices)\n"
		   "\n"
		   "  --content DIR   the content folder (default: content)\n"
		   "  --out DIR       the output folder (default: output)\n"
		   "  --only KIND     write only one kind of output: costs or site\n"
		   "  --theme NAME    the site's theme: themes/NAME, or a folder (default: built in)\n"
		   "  --strict        treat warnings as errors\n"
		   "  --quiet         print only problems\n"
		   "\n"
		   "Exit status: 0 all built, 1 problems in content (the rest is still built),\n"
		   "2 bad usage or an output that could not be written.\n");
}

/* True when d holds an error located in path. */
static bool S_has_error_in(const sg_diags *d, const char *path)
{
	for (size_t i = 0; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		bool counts = it->severity == SG_ERROR ||
			      (it->severity == SG_WARNING && d->warnings_are_errors);
		if (counts && it->path && strcmp(it->path, path) == 0)
			return true;
	}
	return false;
}

static int S_write_costs(const sg_content *c, const sg_customer *cu, const char *outdir,
			 sg_diags *d)
{
	sg_cost_input in;
	sg_cost_input_from_customer(&in, cu, c->catalog);
	sg_cost_result r;
	int rc = 0;
	if (sg_cost_compute(&in, &r) != 0) {
		sg_error(d, cu->pos, "cannot compute the cost model: %s", r.error);
		sg_cost_result_dispose(&r);
		return -1;
	}
	sg_arena a;
	sg_arena_init(&a);
	sg_buf json;
	sg_buf_init(&json);
	sg_json_write(sg_cost_view(&a, &r), 2, &json);
	sg_buf_putc(&json, '\n');

	char name[128];
	snprintf(name, sizeof name, "costs/%s.json", cu->id);
	char *path = sg_path_join(outdir, name);
	if (sg_file_write_atomic(path, json.data, json.len) != 0) {
		sg_error(d, sg_pos_make(path, 0, 0), "cannot write: %s", strerror(errno));
		rc = -2;
	}
	free(path);
	sg_buf_dispose(&json);
	sg_arena_dispose(&a);
	sg_cost_result_dispose(&r);
	return rc;
}

int sg_cmd_build(int argc, char **argv)
{
	build_opts o = {.content = "content", .out = "output"};
	static const struct option longs[] = {
		{"content", required_argument, NULL, 'c'}, {"out", required_argument, NULL, 'o'},
		{"strict", no_argument, NULL, 's'},        {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},          {"only", required_argument, NULL, 'O'},
		{"theme", required_argument, NULL, 'T'},   {NULL, 0, NULL, 0},
	};
	optind = 1;
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, "c:o:qh", longs, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o.content = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 's':
			o.strict = true;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'h':
			S_usage(stdout);
			return 0;
		case 'O':
			if (strcmp(optarg, "costs") != 0 && strcmp(optarg, "site") != 0) {
				fprintf(stderr, "salesgen build: --only takes costs or site, not '%s'\n",
					optarg);
				return 2;
			}
			o.only = optarg;
			break;
		case 'T':
			o.theme = optarg;
			break;
		default:
			fprintf(stderr, "salesgen build: unknown or incomplete option '%s'\n",
				argv[optind - 1]);
			S_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "salesgen build: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}

	sg_diags d;
	sg_diags_init(&d);
	d.warnings_are_errors = o.strict;
	sg_content *c = sg_content_load(o.content, &d);

	size_t built = 0, failed = 0;
	bool write_failed = false;
	for (size_t i = 0; (!o.only || strcmp(o.only, "costs") == 0) && i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		if (S_has_error_in(&d, cu->path)) {
			failed++;
			continue;
		}
		int rc = S_write_costs(c, cu, o.out, &d);
		if (rc == 0)
			built++;
		else
			failed++;
		if (rc == -2)
			write_failed = true;
	}

	if ((!o.only || strcmp(o.only, "site") == 0) &&
	    sg_build_site(c, o.out, o.theme, o.quiet, &d) == -2)
		write_failed = true;

	sg_diags_sort(&d);
	sg_diags_print(&d, stderr);
	size_t errors = sg_diags_errors(&d);
	if (!o.quiet)
		fprintf(stderr, "salesgen build: %zu built, %zu failed, %zu error%s\n", built, failed,
			errors, errors == 1 ? "" : "s");
	sg_content_free(c);
	sg_diags_dispose(&d);
	if (write_failed)
		return 2;
	return errors ? 1 : 0;
}
