/*
 * cmd_build.c - `salesgen build`: reads the options, loads the content, asks
 * each kind of output (targets/) to declare its targets to the build engine
 * (engine/engine.h), runs it, and reports:
 *
 *   costs/ID.json              targets/cost_targets.h
 *   proposals/, reports/, playbooks/   targets/pdf_targets.h
 *   site/...                   targets/site_targets.h
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/json.h"
#include "base/outguard.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "targets/cost_targets.h"
#include "targets/pdf_targets.h"
#include "targets/themes.h"
#include "engine/engine.h"
#include "engine/build_report.h"
#include "targets/site_targets.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "model/content.h"

/* The most outputs built at once (--jobs). */
#define S_JOBS_MAX 1024

typedef struct S_opts {
	sg_engine_opts e;
	const char *theme;  /* HTML theme; NULL: the built-in default */
	const char *report; /* --report FILE */
	const char *junit;  /* --junit FILE */
	bool report_times;
} S_opts;

/* ---------------------------------------------------------------- options */

/* A number from 0 to max (what says of what, e.g. "seconds"), printed
 * whole: "from 0 to 1048576", never "1.04858e+06". */
static int S_number(const char *flag, const char *s, double max, const char *what,
		    double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0) || v > max) {
		fprintf(stderr, "salesgen build: %s takes a number of %s from 0 to %.0f, not '%s'\n",
			flag, what, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* --only KIND. Returns 0, or -1 after the message. */
static int S_only(const char *kind)
{
	static const char *const kinds[] = {"costs", "proposals", "quotes", "reports", "site",
					    "playbooks"};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 0;
	fprintf(stderr, "salesgen build: --only takes costs, proposals, quotes, reports, playbooks or "
			"site, "
			"not '%s'\n",
		kind);
	return -1;
}

/* --workers KIND. Returns 0, or -1 after the message. */
static int S_workers(const char *kind, sg_jobs_mode *out)
{
	if (strcmp(kind, "threads") == 0) {
		*out = SG_JOBS_THREADS;
	} else if (strcmp(kind, "processes") == 0) {
		*out = SG_JOBS_PROCESSES;
	} else {
		fprintf(stderr, "salesgen build: --workers takes threads or processes, not '%s'\n",
			kind);
		return -1;
	}
	return 0;
}

/* The values of the flags, as written, before they are read. */
typedef struct S_raw {
	const char *only, *jobs, *shard, *budget_time, *budget_memory, *workers;
	const char *loudness; /* --quiet or --verbose, the last given */
	bool report_no_times;
} S_raw;

/* Reads the values of r into o. Returns 0, or -1 after a message. */
static int S_values(S_opts *o, const S_raw *r)
{
	double v;
	const char *why;
	if (r->only && S_only(r->only) != 0)
		return -1;
	o->e.only = r->only ? r->only : o->e.only;
	if (r->jobs && sg_cli_whole_number("salesgen build", "--jobs", r->jobs, 1, S_JOBS_MAX,
					   &o->e.jobs) != 0)
		return -1;
	if (r->shard && sg_shard_parse(&o->e.shard, r->shard, &why) != 0) {
		fprintf(stderr, "salesgen build: --shard '%s': %s\n", r->shard, why);
		return -1;
	}
	if (r->budget_time) {
		if (S_number("--budget-time", r->budget_time, 86400, "seconds", &v) != 0)
			return -1;
		o->e.budget_time = v;
	}
	if (r->budget_memory) {
		if (S_number("--budget-memory", r->budget_memory, 1 << 20, "MiB", &v) != 0)
			return -1;
		o->e.budget_memory = (size_t)(v * 1024 * 1024);
	}
	if (r->workers && S_workers(r->workers, &o->e.mode) != 0)
		return -1;
	if (r->loudness)
		o->e.verbosity = strcmp(r->loudness, "--verbose") == 0 ? 2 : 0;
	if (r->report_no_times)
		o->report_times = false;
	return 0;
}

/* Returns 0, 1 after printing the help, -1 after a message. */
static int S_parse(S_opts *o, int argc, char **argv)
{
	S_raw r = {0};
	const sg_cli_flag flags[] = {
		{"--content", .value = &o->e.content_dir},
		{"--out", .value = &o->e.out_dir},
		{"--theme", .value = &o->theme},
		{"--jobs", .value = &r.jobs},
		{"--only", .value = &r.only},
		{"--customer", .value = &o->e.customer},
		{"--shard", .value = &r.shard},
		{"--strict", .on = &o->e.strict},
		{"--clean", .on = &o->e.clean},
		{"--report", .value = &o->report},
		{"--junit", .value = &o->junit},
		{"--report-no-times", .on = &r.report_no_times},
		{"--budget-time", .value = &r.budget_time},
		{"--budget-memory", .value = &r.budget_memory},
		{"--workers", .value = &r.workers},
		{"--quiet", .as_written = &r.loudness},
		{"--verbose", .as_written = &r.loudness},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_build, .flags = flags, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (a[0] == '-' && a[1]) {
			fprintf(stderr, "salesgen build: unknown or incomplete option '%s'\n", a);
			sg_cli_help(stderr, &sg_cli_build);
		} else {
			fprintf(stderr, "salesgen build: unexpected argument '%s'\n", a);
		}
		return -1;
	}
	if (args.status != SG_CLI_END)
		return args.status;
	return S_values(o, &r);
}

/* ---------------------------------------------------------------- folders */

/* The paths a build writes: the output folder, --report and --junit. None
 * may be an input or lie in a folder the build reads (the content, the
 * theme), and the output folder may not hold one either. Returns 0, or -1
 * with the message printed. */
static int S_check_writes(const S_opts *o, const sg_outguard *g)
{
	if (sg_outguard_refuse(g, "salesgen build", "--out", o->e.out_dir, true) != 0)
		return -1;
	if (o->report && sg_outguard_refuse(g, "salesgen build", "--report", o->report, false) != 0)
		return -1;
	if (o->junit && sg_outguard_refuse(g, "salesgen build", "--junit", o->junit, false) != 0)
		return -1;
	return 0;
}

static int S_write_report(const char *path, const sg_buf *b)
{
	if (sg_file_write_atomic(path, b->data, b->len) != 0) {
		fprintf(stderr, "salesgen build: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The proof that each customer was evaluated once: the evaluations made and
 * the cost models computed in this process (in a thread of the engine too),
 * in the reports and, with --verbose, on stderr. */
static void S_evaluations(sg_engine *e, const sg_evals *evals, int verbosity)
{
	size_t n = sg_evals_count(evals), computed = sg_cost_compute_count();
	sg_engine_count(e, "evaluations", n);
	sg_engine_count(e, "cost_models", computed);
	if (verbosity < 2)
		return;
	if (computed == n)
		fprintf(stderr, "salesgen build: %zu customer%s evaluated once each (%zu cost model%s)\n",
			n, n == 1 ? "" : "s", computed, computed == 1 ? "" : "s");
	else
		fprintf(stderr, "salesgen build: %zu customer%s evaluated, %zu cost model%s computed\n",
			n, n == 1 ? "" : "s", computed, computed == 1 ? "" : "s");
}

/* --theme: a usage error, found before anything is built, when no theme of
 * that name exists. (A theme named by site.xml is the content's problem:
 * reported there, exit 1.) Returns 0, or -1 after the message. */
static int S_check_theme(const S_opts *o)
{
	if (!o->theme || sg_build_theme_exists(o->theme, o->e.content_dir))
		return 0;
	if (!*o->theme)
		fprintf(stderr, "salesgen build: --theme takes a theme name or folder\n");
	else if (strchr(o->theme, '/'))
		fprintf(stderr, "salesgen build: --theme %s: no such folder\n", o->theme);
	else
		fprintf(stderr,
			"salesgen build: --theme %s: no theme '%s': looked for "
			"themes/%s next to the content folder and in the current folder\n",
			o->theme, o->theme, o->theme);
	return -1;
}

/* The PDFs' theme folder: the site's theme, --theme else site.xml's; NULL
 * for the built-in one. Heap. */
static char *S_pdf_theme(const S_opts *o, const sg_content *c)
{
	const char *name = o->theme ? o->theme : c->site && c->site->theme ? c->site->theme : NULL;
	char *dir = sg_build_theme_dir(name ? name : "default", NULL, o->e.content_dir);
	if (dir && !sg_dir_exists(dir) && !name) {
		free(dir); /* no themes/default folder: the built-in one */
		dir = NULL;
	}
	return dir;
}

/* --report and --junit. Returns 0, or 2 when one cannot be written. */
static int S_write_reports(const S_opts *o, sg_engine *e)
{
	int rc = 0;
	sg_buf b;
	sg_buf_init(&b);
	if (o->report) {
		sg_build_report_json(e, o->report_times, &b);
		if (S_write_report(o->report, &b) != 0)
			rc = 2;
	}
	if (o->junit) {
		sg_buf_clear(&b);
		sg_build_report_junit(e, o->report_times, &b);
		if (S_write_report(o->junit, &b) != 0)
			rc = 2;
	}
	sg_buf_dispose(&b);
	return rc;
}

/* Runs the engine and reports: the problems (the loader's in d, the
 * targets' added to them, sorted together), the summary, the evaluations
 * and the report files. Returns the exit status. */
static int S_run(const S_opts *o, sg_engine *e, const sg_evals *evals, sg_diags *d)
{
	sg_diags run_d;
	sg_diags_init(&run_d);
	run_d.warnings_are_errors = o->e.strict;
	int rc = sg_engine_run(e, d, &run_d);
	sg_diags_take(d, &run_d);
	sg_diags_dispose(&run_d);
	sg_diags_sort(d);
	sg_diags_print(d, stderr);
	sg_build_print_summary(e, stderr, o->e.verbosity);
	S_evaluations(e, evals, o->e.verbosity);
	if (S_write_reports(o, e) != 0)
		rc = 2;
	if (rc == 0 && sg_diags_errors(d))
		rc = 1;
	return rc;
}

/* Loads the content, evaluates each customer, declares every target to the
 * engine and runs it. guard holds what the build may not write over; the
 * PDFs' theme joins it here. Returns the exit status. */
static int S_build(S_opts *o, sg_outguard *guard, const sg_env *env)
{
	sg_diags d;
	sg_diags_init(&d);
	d.warnings_are_errors = o->e.strict;
	if (!sg_dir_exists(o->e.content_dir)) {
		/* Without content there is nothing to compare with: stop before
		 * the engine could take every output for one whose source is gone. */
		sg_error(&d, sg_pos_make(o->e.content_dir, 0, 0), "content folder not found");
		sg_diags_print(&d, stderr);
		sg_diags_dispose(&d);
		return 1;
	}
	/* The customers load in as many threads as the build has jobs. */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = o->e.jobs > 0 ? o->e.jobs : cores > 0 ? (int)cores : 1;
	sg_content *c = sg_content_load_threads(o->e.content_dir, threads, &d);
	/* Each customer evaluated once, before the engine runs: every target
	 * reads the evaluation, and forked workers inherit it. */
	sg_evals *evals = sg_evals_new(c, env->build_date, threads);
	o->e.build_date = env->build_date;
	sg_env_warn(env, &d);
	sg_engine *e = sg_engine_new(&o->e);

	size_t matched;
	sg_cost_targets *costs = sg_build_add_costs(e, c, o->e.customer, &matched);
	sg_site_targets *site = sg_build_add_site(e, c, o->theme, &d);
	char *pdf_theme = S_pdf_theme(o, c);
	sg_pdf_targets *pdfs = sg_build_add_pdfs(e, c, pdf_theme, &d);

	int rc = 2; /* until the engine runs: bad usage */
	/* The theme is known now (site.xml may name it): check again with it. */
	if (pdf_theme && sg_dir_exists(pdf_theme)) {
		sg_outguard_folder(guard, pdf_theme, "theme");
		if (S_check_writes(o, guard) != 0)
			goto done;
	}
	if (o->e.customer && !matched) {
		fprintf(stderr, "salesgen build: --customer %s: no customers/%s.xml in %s\n",
			o->e.customer, o->e.customer, o->e.content_dir);
		goto done;
	}
	rc = S_run(o, e, evals, &d);
done:
	sg_engine_free(e);
	sg_pdf_targets_free(pdfs);
	sg_site_targets_free(site);
	free(pdf_theme);
	sg_cost_targets_free(costs);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	return rc;
}

int sg_cmd_build(int argc, char **argv, const sg_env *env)
{
	S_opts o = {
		.e = {.content_dir = "content", .out_dir = "output", .verbosity = 1,
		      .budget_time = SG_BUDGET_TIME_DEFAULT,
		      .budget_memory = SG_BUDGET_MEMORY_DEFAULT},
		.report_times = true,
	};
	int rc = S_parse(&o, argc, argv);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (S_check_theme(&o) != 0)
		return 2;
	o.e.progress_tty = o.e.verbosity == 1 && isatty(STDERR_FILENO);

	sg_outguard guard;
	sg_outguard_init(&guard);
	sg_outguard_folder(&guard, o.e.content_dir, "content");
	rc = S_check_writes(&o, &guard) != 0 ? 2 : S_build(&o, &guard, env);
	sg_outguard_dispose(&guard);
	return rc;
}

static const sg_cli_opt S_table[] = {
	{.name = "--content", .alias = "-c", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: content)"},
	{.name = "--out", .alias = "-o", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the output folder (default: output)"},
	{.name = "--theme", .arg = "NAME", .values = SG_CLI_THEME,
	 .help = "the theme of the site and the PDFs: themes/NAME, or a folder (default: the "
	         "theme attribute of site.xml, else the built-in theme)"},
	{.name = "--jobs", .alias = "-j", .arg = "N",
	 .help = "build N outputs at once, 1 to 1024 (default: the number of cores)"},
	{.name = "--only", .arg = "KIND", .values = SG_CLI_LIST,
	 .choices = "costs|proposals|quotes|reports|playbooks|site",
	 .help = "only one kind of output: costs, proposals, quotes, reports, playbooks or site"},
	{.name = "--customer", .arg = "ID", .values = SG_CLI_CUSTOMER,
	 .help = "only the outputs of one customer"},
	{.name = "--shard", .arg = "K/N",
	 .help = "only the K-th of N stable shares of the outputs (for CI)"},
	{.name = "--strict",
	 .help = "warnings are errors; offers lacking a needed approval fail"},
	{.name = "--clean",
	 .help = "rebuild everything, whatever the manifest says"},
	{.name = "--report", .arg = "FILE", .values = SG_CLI_FILE, .choices = "*.json",
	 .help = "write a JSON report: every output, its status and sources"},
	{.name = "--junit", .arg = "FILE", .values = SG_CLI_FILE, .choices = "*.xml",
	 .help = "write a JUnit XML report: a test case per output (neither FILE may lie in "
	         "the content folder or the theme)"},
	{.name = "--report-no-times",
	 .help = "leave times out of both reports (same bytes every build)"},
	{.name = "--budget-time", .arg = "S",
	 .help = "stop an output that takes longer, 0 to 86400 seconds (default: 20; 0: no "
	         "limit)"},
	{.name = "--budget-memory", .arg = "MIB",
	 .help = "stop an output that needs more memory, 0 to 1048576 MiB (default: 512; 0: "
	         "none)"},
	{.name = "--workers", .arg = "KIND", .values = SG_CLI_LIST, .choices = "threads|processes",
	 .help = "processes (default while a budget is set) or threads (no budgets; default "
	         "with both budgets 0)"},
	{.name = "--quiet", .alias = "-q",
	 .help = "print only problems"},
	{.name = "--verbose", .alias = "-v",
	 .help = "also list every output built, failed or removed, and the customers evaluated "
	         "(each once)"},
	{NULL},
};

const sg_cli_command sg_cli_build = {
	.name = "build",
	.summary = "check the content and build every output",
	.usage = "[--content DIR] [--out DIR] [--theme NAME] [--jobs N] "
		 "[--only costs|proposals|quotes|reports|playbooks|site] [--customer ID] [--shard K/N] "
		 "[--strict] [--clean] [--report FILE] [--junit FILE] [--report-no-times] "
		 "[--budget-time SECONDS] [--budget-memory MIB] [--workers threads|processes] "
		 "[--quiet | --verbose]",
	.about = "Checks the content and brings every output up to date:\n"
		 "  OUT/costs/ID.json          the cost model of each customer (as `salesgen\n"
		 "                             cost --json`)\n"
		 "  OUT/proposals/ID.pdf       each customer's proposal (as `salesgen proposal`)\n"
		 "  OUT/quotes/ID.pdf          each customer's quotation, sealed when\n"
		 "                             its offer is approved\n"
		 "  OUT/reports/review-ID.pdf  each customer's internal project review\n"
		 "  OUT/reports/pipeline.pdf   the internal pipeline report\n"
		 "  OUT/playbooks/NAME.pdf     each playbook as a PDF (as `salesgen pdf`)\n"
		 "  OUT/site/                  the internal HTML site (playbooks, accounts,\n"
		 "                             pipeline, prices)\n"
		 "--only takes these kinds: costs, proposals, quotes, reports, playbooks, site.\n"
		 "Only outputs whose inputs changed since the last build (OUT/.salesgen/manifest)\n"
		 "are built again; outputs whose source is gone are removed.\n",
	.opts = S_table,
	.notes = "SOURCE_DATE_EPOCH, when set, is the build date outputs show; otherwise each\n"
		 "customer's as-of date is used, never the clock.\n"
		 "\n"
		 "Exit status: 0 all built, 1 an output failed or the content has errors (the\n"
		 "rest is still built), 2 bad usage or the output folder cannot be used.\n",
	.run = sg_cmd_build,
};
