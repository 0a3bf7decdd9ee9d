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
#include <getopt.h>
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

static void S_usage(FILE *f)
{
	fprintf(f,
		"usage: salesgen build [--content DIR] [--out DIR] [--theme NAME] [--jobs N]\n"
		"                      [--only costs|proposals|reports|site] [--customer ID]\n"
		"                      [--shard K/N] [--strict] [--clean] [--report FILE]\n"
		"                      [--junit FILE] [--report-no-times] [--budget-time SECONDS]\n"
		"                      [--budget-memory MIB] [--workers threads|processes]\n"
		"                      [--quiet | --verbose]\n"
		"\n"
		"Checks the content and brings every output up to date:\n"
		"  OUT/costs/ID.json   the cost model of each customer (as `salesgen cost --json`)\n"
		"  OUT/site/           the internal HTML site (playbooks, accounts, pipeline, prices)\n"
		"Only outputs whose inputs changed since the last build (OUT/.salesgen/manifest)\n"
		"are built again; outputs whose source is gone are removed.\n"
		"\n"
		"  --content DIR        the content folder (default: content)\n"
		"  --out DIR            the output folder (default: output)\n"
		"  --theme NAME         the theme of the site and the PDFs: themes/NAME, or a\n"
		"                       folder (default: the theme attribute of site.xml, else\n"
		"                       the built-in theme)\n"
		"  --jobs N             build N outputs at once, 1 to 1024 (default: the number\n"
		"                       of cores)\n"
		"  --only KIND          only one kind of output: costs, proposals, reports,\n"
		"                       playbooks or site\n"
		"  --customer ID        only the outputs of one customer\n"
		"  --shard K/N          only the K-th of N stable shares of the outputs (for CI)\n"
		"  --strict             warnings are errors; offers lacking a needed approval fail\n"
		"  --clean              rebuild everything, whatever the manifest says\n"
		"  --report FILE        write a JSON report: every output, its status and sources\n"
		"  --junit FILE         write a JUnit XML report: a test case per output\n"
		"                       (neither FILE may lie in the content folder or the theme)\n"
		"  --report-no-times    leave times out of both reports (same bytes every build)\n"
		"  --budget-time S      stop an output that takes longer, 0 to 86400 seconds\n"
		"                       (default: 20; 0: no limit)\n"
		"  --budget-memory MIB  stop an output that needs more memory, 0 to 1048576 MiB\n"
		"                       (default: 512; 0: none)\n"
		"  --workers KIND       processes (default while a budget is set) or threads\n"
		"                       (no budgets; default with both budgets 0)\n"
		"  --quiet              print only problems\n"
		"  --verbose            also list every output built, failed or removed, and\n"
		"                       the customers evaluated (each once)\n"
		"\n"
		"SOURCE_DATE_EPOCH, when set, is the build date outputs show; otherwise each\n"
		"customer's as-of date is used, never the clock.\n"
		"\n"
		"Exit status: 0 all built, 1 an output failed or the content has errors (the rest\n"
		"is still built), 2 bad usage or the output folder cannot be used.\n");
}

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
	static const char *const kinds[] = {"costs", "proposals", "reports", "site", "playbooks"};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 0;
	fprintf(stderr, "salesgen build: --only takes costs, proposals, reports, playbooks or site, "
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

enum { O_REPORT = 256, O_JUNIT, O_NOTIMES, O_BTIME, O_BMEM, O_WORKERS, O_CUSTOMER, O_SHARD,
       O_CLEAN };

static const struct option S_longs[] = {
	{"content", required_argument, NULL, 'c'},
	{"out", required_argument, NULL, 'o'},
	{"strict", no_argument, NULL, 's'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"only", required_argument, NULL, 'O'},
	{"theme", required_argument, NULL, 'T'},
	{"jobs", required_argument, NULL, 'j'},
	{"customer", required_argument, NULL, O_CUSTOMER},
	{"shard", required_argument, NULL, O_SHARD},
	{"clean", no_argument, NULL, O_CLEAN},
	{"report", required_argument, NULL, O_REPORT},
	{"junit", required_argument, NULL, O_JUNIT},
	{"report-no-times", no_argument, NULL, O_NOTIMES},
	{"budget-time", required_argument, NULL, O_BTIME},
	{"budget-memory", required_argument, NULL, O_BMEM},
	{"workers", required_argument, NULL, O_WORKERS},
	{NULL, 0, NULL, 0},
};

/* One option from getopt_long: ch, its value arg, and the argument as
 * written for the message about an unknown one. Returns 0, 1 after
 * printing the help, -1 after a message. */
static int S_option(S_opts *o, int ch, const char *arg, const char *as_written)
{
	double v;
	const char *why;
	switch (ch) {
	case 'c': o->e.content_dir = arg; break;
	case 'o': o->e.out_dir = arg; break;
	case 's': o->e.strict = true; break;
	case 'q': o->e.verbosity = 0; break;
	case 'v': o->e.verbosity = 2; break;
	case 'T': o->theme = arg; break;
	case O_CUSTOMER: o->e.customer = arg; break;
	case O_CLEAN: o->e.clean = true; break;
	case O_REPORT: o->report = arg; break;
	case O_JUNIT: o->junit = arg; break;
	case O_NOTIMES: o->report_times = false; break;
	case 'h':
		S_usage(stdout);
		return 1;
	case 'O':
		if (S_only(arg) != 0)
			return -1;
		o->e.only = arg;
		break;
	case 'j':
		return sg_cli_whole_number("salesgen build", "--jobs", arg, 1, S_JOBS_MAX,
					   &o->e.jobs);
	case O_SHARD:
		if (sg_shard_parse(&o->e.shard, arg, &why) != 0) {
			fprintf(stderr, "salesgen build: --shard '%s': %s\n", arg, why);
			return -1;
		}
		break;
	case O_BTIME:
		if (S_number("--budget-time", arg, 86400, "seconds", &v) != 0)
			return -1;
		o->e.budget_time = v;
		break;
	case O_BMEM:
		if (S_number("--budget-memory", arg, 1 << 20, "MiB", &v) != 0)
			return -1;
		o->e.budget_memory = (size_t)(v * 1024 * 1024);
		break;
	case O_WORKERS:
		return S_workers(arg, &o->e.mode);
	default:
		fprintf(stderr, "salesgen build: unknown or incomplete option '%s'\n", as_written);
		S_usage(stderr);
		return -1;
	}
	return 0;
}

/* Returns 0, 1 after printing the help, -1 after a message. */
static int S_parse(S_opts *o, int argc, char **argv)
{
	optind = 1;
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, "c:o:qvhj:", S_longs, NULL)) != -1) {
		int rc = S_option(o, ch, optarg, argv[optind - 1]);
		if (rc != 0)
			return rc;
	}
	if (optind < argc) {
		fprintf(stderr, "salesgen build: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
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
	if (sg_build_check_theme(&o) != 0)
		return 2;
	o.e.progress_tty = o.e.verbosity == 1 && isatty(STDERR_FILENO);

	sg_outguard guard;
	sg_outguard_init(&guard);
	sg_outguard_folder(&guard, o.e.content_dir, "content");
	rc = sg_build_check_writes(&o, &guard) != 0 ? 2 : sg_build_run(&o, &guard, env);
	sg_outguard_dispose(&guard);
	return rc;
}
