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
#include "cli/build_run.h"
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

/* The build's settings (cli/build_run.h), read from the command line. */
typedef sg_build_opts S_opts;

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
		{"--sign", .value = &o->sign_key},
		{"--cert", .value = &o->sign_cert},
		{"--sign-proposals", .on = &o->sign.proposals},
		{"--cache", .value = &o->e.cache_url},
		{"--cache-write", .on = &o->e.cache_write},
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
	/* The shared cache: --cache, else SALESGEN_CACHE ("" on the command line
	 * turns it off); a header such as "Authorization: Bearer TOKEN" comes
	 * from the environment only, so that it is in no command line. */
	if (!o->e.cache_url)
		o->e.cache_url = getenv("SALESGEN_CACHE");
	if (o->e.cache_url && !o->e.cache_url[0])
		o->e.cache_url = NULL;
	o->e.cache_header = getenv("SALESGEN_CACHE_HEADER");
	if (o->e.cache_write && !o->e.cache_url) {
		fprintf(stderr, "salesgen build: --cache-write needs a cache: --cache URL or "
				"SALESGEN_CACHE\n");
		return -1;
	}
	if (o->e.cache_url && strncmp(o->e.cache_url, "http://", 7) != 0 &&
	    strncmp(o->e.cache_url, "https://", 8) != 0) {
		fprintf(stderr, "salesgen build: --cache: the cache's URL must start with http:// "
				"or https://\n");
		return -1;
	}
	return S_values(o, &r);
}

/* ---------------------------------------------------------------- signing */

/* The variable that holds the key's (or the PKCS#12 bundle's) password. */
#define S_PASSWORD_VAR "SALESGEN_SIGN_PASSWORD"

/* --sign KEY [--cert CERT]: reads the key once, before anything is built,
 * so that a wrong password stops the build with nothing written. The key
 * stays in memory only: no message, report or output holds it. Returns 0,
 * or -1 after the message. */
static int S_load_signer(S_opts *o)
{
	if (!o->sign_key) {
		if (o->sign_cert || o->sign.proposals) {
			fprintf(stderr, "salesgen build: %s needs --sign KEY\n",
				o->sign_cert ? "--cert" : "--sign-proposals");
			return -1;
		}
		return 0;
	}
	char *why;
	const char *password = getenv(S_PASSWORD_VAR);
	sg_pdf_signer *s = sg_pdf_signer_load(o->sign_key, o->sign_cert,
					       password && *password ? password : NULL, &why);
	if (!s) {
		fprintf(stderr, "salesgen build: --sign: %s\n", why);
		free(why);
		return -1;
	}
	o->sign.signer = s;
	o->sign.quotations = true;
	return 0;
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
	if (sg_build_check_theme(&o) != 0 || S_load_signer(&o) != 0)
		return 2;
	o.e.progress_tty = o.e.verbosity == 1 && isatty(STDERR_FILENO);

	sg_outguard guard;
	sg_outguard_init(&guard);
	sg_outguard_folder(&guard, o.e.content_dir, "content");
	rc = sg_build_check_writes(&o, &guard) != 0 ? 2 : sg_build_run(&o, &guard, env);
	sg_outguard_dispose(&guard);
	sg_pdf_signer_free((sg_pdf_signer *)o.sign.signer);
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
	{.name = "--sign", .arg = "KEY", .values = SG_CLI_FILE,
	 .help = "sign the quotations (PAdES) with KEY: a PEM private key with --cert, or a "
	         "PKCS#12 bundle; a password comes from SALESGEN_SIGN_PASSWORD"},
	{.name = "--cert", .arg = "CERT", .values = SG_CLI_FILE, .choices = "*.pem",
	 .help = "the PEM certificate of the --sign key"},
	{.name = "--sign-proposals",
	 .help = "sign the proposals too (needs --sign)"},
	{.name = "--cache", .arg = "URL",
	 .help = "take outputs from a shared cache that speaks Bazel's HTTP remote-cache "
	         "protocol (bazel-remote, nginx WebDAV); default: $SALESGEN_CACHE"},
	{.name = "--cache-write",
	 .help = "also store the outputs built here in the shared cache"},
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
		 "[--sign KEY [--cert CERT] [--sign-proposals]] [--cache URL [--cache-write]] "
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
		 "customer's as-of date is used, never the clock. It is also the signing time of\n"
		 "signed PDFs, so that the same inputs give the same bytes (with an RSA key).\n"
		 "\n"
		 "SALESGEN_CACHE is the shared cache's URL when --cache is not given;\n"
		 "SALESGEN_CACHE_HEADER, a header sent with each of its requests (such as\n"
		 "\"Authorization: Bearer TOKEN\"). User and password may be in the URL or in\n"
		 "~/.netrc; no message or report shows them. A cache that is down, slow or\n"
		 "wrong never fails a build: salesgen says so once and builds without it.\n"
		 "\n"
		 "Exit status: 0 all built, 1 an output failed or the content has errors (the\n"
		 "rest is still built), 2 bad usage or the output folder cannot be used.\n",
	.run = sg_cmd_build,
};
