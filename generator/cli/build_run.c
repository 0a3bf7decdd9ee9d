/*
 * build_run.c - one build, as cli/build_run.h says: shared by `salesgen
 * build` (cmd_build.c) and `salesgen serve` (cmd_serve.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/outguard.h"
#include "cli/build_run.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "engine/build_report.h"
#include "engine/engine.h"
#include "model/content.h"
#include "model/customer_record.h"
#include "targets/cost_targets.h"
#include "targets/pdf_targets.h"
#include "targets/site_targets.h"
#include "targets/themes.h"

typedef sg_build_opts S_opts;

/* ---------------------------------------------------------------- folders */

/* The paths a build writes: the output folder, --report and --junit. None
 * may be an input or lie in a folder the build reads (the content, the
 * theme), and the output folder may not hold one either. Returns 0, or -1
 * with the message printed. */
int sg_build_check_writes(const S_opts *o, const sg_outguard *g)
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
int sg_build_check_theme(const S_opts *o)
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
	if (!name)
		return sg_build_unnamed_theme_dir(o->e.content_dir);
	return sg_build_theme_dir(name, NULL, o->e.content_dir);
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

/* Drops the problems of d past its first n (a first pass's own). */
static void S_diags_cut(sg_diags *d, size_t n)
{
	for (size_t i = n; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	d->count = n;
}

/* Runs the engine and, on the last pass, reports: the problems (the
 * loader's in d, the targets' added to them, sorted together), the summary,
 * the evaluations and the report files. Returns the exit status. */
static int S_run(const S_opts *o, sg_engine *e, const sg_evals *evals, sg_diags *d, bool last)
{
	sg_diags run_d;
	sg_diags_init(&run_d);
	run_d.warnings_are_errors = o->e.strict;
	int rc = sg_engine_run(e, d, &run_d);
	sg_diags_take(d, &run_d);
	sg_diags_dispose(&run_d);
	sg_diags_sort(d);
	if (last) {
		sg_diags_print(d, stderr);
		sg_build_print_summary(e, stderr, o->e.verbosity);
		sg_build_site_search_report(e, stderr, o->e.verbosity);
		S_evaluations(e, evals, o->e.verbosity);
		if (S_write_reports(o, e) != 0)
			rc = 2;
	}
	if (rc == 0 && sg_diags_errors(d))
		rc = 1;
	return rc;
}

/* Whether this is a build after a change to a customer file: some files
 * were decoded from their records and some parsed (new or changed). Not a
 * first build or --clean, which has no records: the report's document made
 * ahead would then only add to the build process's peak, for a tenth of a
 * second of a build of minutes. */
static bool S_changed(const sg_customer_records *records)
{
	size_t reused, fresh;
	sg_customer_records_stats(records, &reused, &fresh);
	return reused > 0 && fresh > 0;
}

/* What the build process does while the outputs are built
 * (sg_engine_while_building()): the customer records saved, and the
 * pipeline report's document prepared ahead let go. */
typedef struct S_meanwhile {
	const sg_customer_records *records;
	sg_pipeline_ahead *ahead;
} S_meanwhile;

/* One run of the engine over the loaded content: declares the targets
 * (only those of kind o->first when not last), runs and calls the hook.
 * Returns the exit status. */
static int S_pass(S_opts *o, sg_engine *given, sg_outguard *guard, sg_content *c,
		  const sg_evals *evals, sg_diags *d, bool last, S_meanwhile *w)
{
	sg_engine_opts eo = o->e;
	if (!last) {
		eo.only = o->first;
		eo.customer = o->first_customer;
		eo.verbosity = 0;
		eo.progress_tty = false;
	}
	sg_engine *e = given ? given : sg_engine_new(&eo);
	size_t matched;
	/* A customer file changed since the last build: the pipeline
	 * report, which lists them all, is to be built, and its
	 * document is made while the targets are declared
	 * (targets/pipeline_ahead.h); joined before the engine forks a worker. */
	sg_pipeline_ahead *ahead = last && w && S_changed(w->records)
					   ? sg_pipeline_ahead_start(e, c, o->e.build_date, o->e.strict)
					   : NULL;
	if (w)
		w->ahead = ahead;
	/* Only the kinds of --only (or of a first pass) are declared: the
	 * engine keeps the records of outputs outside a run's scope as they
	 * are. Declaring the others read their theme, planned the site and
	 * held a target for each of their outputs: at 10,000 customers a
	 * build --only costs declared 50,421 targets to build 10,000. */
	sg_cost_targets *costs = sg_build_add_costs(e, c, o->e.customer, &matched);
	sg_site_targets *site = NULL;
	sg_pdf_targets *pdfs = NULL;
	char *pdf_theme = S_pdf_theme(o, c);
	int rc = 2; /* until the engine runs: bad usage */
	/* The theme is known now (site.xml may name it): check again with it. */
	if (pdf_theme && sg_dir_exists(pdf_theme)) {
		sg_outguard_folder(guard, pdf_theme, "theme");
		if (sg_build_check_writes(o, guard) != 0)
			goto done;
	}
	if (o->e.customer && !matched) {
		fprintf(stderr, "salesgen build: --customer %s: no customers/%s.xml in %s\n",
			o->e.customer, o->e.customer, o->e.content_dir);
		goto done;
	}
	/* The output folder may be written: it is opened and its manifest
	 * read (tens of megabytes at 10,000 customers) while the site and the
	 * PDFs are declared. */
	sg_engine_open_begin(e);
	if (sg_engine_selects(e, "page"))
		site = sg_build_add_site(e, c, o->theme, d);
	bool pdfs_wanted = sg_engine_selects(e, "proposal") || sg_engine_selects(e, "quote") ||
			   sg_engine_selects(e, "report") || sg_engine_selects(e, "playbook");
	if (pdfs_wanted)
		pdfs = sg_build_add_pdfs_signed(e, c, pdf_theme, &o->sign, d);
	sg_pipeline_ahead_join(ahead);
	sg_pdf_targets_ahead(pdfs, ahead);
	rc = S_run(o, e, evals, d, last);
	if (o->after)
		o->after(o->after_arg, e, d, pdf_theme);
done:
	if (!given)
		sg_engine_free(e);
	sg_pdf_targets_free(pdfs);
	sg_site_targets_free(site);
	free(pdf_theme);
	sg_cost_targets_free(costs);
	sg_pipeline_ahead_free(ahead);
	if (w)
		w->ahead = NULL;
	return rc;
}

/* The names of the customers' records among the output folder's: the pack,
 * and the records made since it was written whole. */
#define S_RECORDS "customers"
#define S_RECORDS_DELTA "customers-delta"

/* How many customer files were decoded from their records and how many
 * were parsed and recorded, in the JSON report's summary. */
static void S_count_records(sg_engine *e, const sg_customer_records *records)
{
	size_t reused, fresh;
	sg_customer_records_stats(records, &reused, &fresh);
	sg_engine_count(e, "records_used", reused);
	sg_engine_count(e, "records_made", fresh);
}

static int S_fill_records(void *arg, sg_sink_fn put, void *sink)
{
	return sg_customer_records_stream(arg, put, sink);
}

static int S_fill_delta(void *arg, sg_sink_fn put, void *sink)
{
	return sg_customer_records_stream_delta(arg, put, sink);
}

/* Writes what changed of the records (sg_customer_records_plan()): after
 * one edit the delta, a record or two, not every customer encoded again.
 * The pack is written before its delta is removed: a delta left beside a
 * new pack by a build stopped between the two holds records as true as
 * the pack's (a record's key is its file's bytes). Called while the
 * outputs are built (sg_engine_while_building()): the output folder is open
 * and locked then, and the records do not depend on the outputs. */
static void S_save_records(void *arg, sg_engine *e)
{
	const sg_customer_records *records = arg;
	if (!records)
		return;
	switch (sg_customer_records_plan(records)) {
	case SG_RECORDS_KEEP:
		break;
	case SG_RECORDS_DELTA:
		(void)sg_engine_state_stream(e, S_RECORDS_DELTA, S_fill_delta, (void *)records);
		break;
	case SG_RECORDS_WHOLE:
		if (sg_engine_state_stream(e, S_RECORDS, S_fill_records, (void *)records) == 0)
			(void)sg_engine_state_remove(e, S_RECORDS_DELTA);
		break;
	}
}

static void S_meanwhile_run(void *arg, sg_engine *e)
{
	S_meanwhile *w = arg;
	S_save_records((void *)w->records, e);
	/* The report's job went to its worker before this (it is the first
	 * handed out): the build process needs the document no more. */
	sg_pipeline_ahead_release(w->ahead);
}

/* Loads the content, evaluates each customer, and runs the engine: once,
 * or with o->first, twice. guard holds what the build may not write over;
 * the PDFs' theme joins it here. Returns the exit status. */
int sg_build_run(S_opts *o, sg_outguard *guard, const sg_env *env)
{
	sg_diags d;
	sg_diags_init(&d);
	d.warnings_are_errors = o->e.strict;
	if (!sg_dir_exists(o->e.content_dir)) {
		/* Without content there is nothing to compare with: stop before
		 * the engine could take every output for one whose source is gone. */
		sg_error(&d, sg_pos_make(o->e.content_dir, 0, 0), "content folder not found");
		sg_diags_print(&d, stderr);
		if (o->after)
			o->after(o->after_arg, NULL, &d, NULL);
		sg_diags_dispose(&d);
		return 1;
	}
	/* The customers load in as many threads as the build has jobs. */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = o->e.jobs > 0 ? o->e.jobs : cores > 0 ? (int)cores : 1;
	o->e.build_date = env->build_date;
	/* The engine of the last pass exists before the content is loaded: the
	 * loader hashes the sent proposals through its stat cache, so a sent
	 * PDF that did not change is not read at all, and one that did is read
	 * once. Read only: the output folder is checked against the theme only
	 * once site.xml is loaded. */
	sg_engine *e = sg_engine_new(&o->e);
	sg_engine_preload(e);
	sg_sha256_memo memo;
	sg_engine_memo(e, &memo);
	/* Each customer file's loaded form, kept in the output folder's
	 * records: after one edit only that file is parsed (model/
	 * customer_record.h). --clean reads none, and makes them anew. */
	sg_buf pack;
	sg_buf_init(&pack);
	(void)sg_engine_state_load(e, S_RECORDS, &pack);
	/* The records take the pack's bytes (not two copies of 22 MB at
	 * 10,000 customers) and free them once the content is loaded. */
	sg_customer_records *records = sg_customer_records_take(&pack);
	(void)sg_engine_state_load(e, S_RECORDS_DELTA, &pack);
	sg_customer_records_take_delta(records, &pack);
	sg_content *c = sg_content_load_records(o->e.content_dir, threads, &memo, records, &d);
	S_count_records(e, records);
	/* Each customer evaluated once, before the engine runs: every target
	 * reads the evaluation, and forked workers inherit it. */
	sg_evals *evals = sg_evals_new(c, env->build_date, threads);
	sg_env_warn(env, &d);
	S_meanwhile w = {records, NULL};
	sg_engine_while_building(e, S_meanwhile_run, &w);
	int rc = 0;
	if (o->first && !o->e.only) {
		size_t loaded = d.count;
		rc = S_pass(o, NULL, guard, c, evals, &d, false, NULL);
		S_diags_cut(&d, loaded);
	}
	if (rc != 2)
		rc = S_pass(o, e, guard, c, evals, &d, true, &w);
	sg_buf_dispose(&pack);
	sg_engine_free(e);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_customer_records_free(records);
	sg_diags_dispose(&d);
	return rc;
}
