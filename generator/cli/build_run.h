/*
 * build_run.h - one build: load the content, evaluate each customer, declare
 * every output to the build engine, run it and report. `salesgen build`
 * runs it once; `salesgen serve` runs it again after every change, into
 * the same output folder, so that the manifest makes each run after the
 * first build only what the change touched.
 */
#ifndef SG_CLI_BUILD_RUN_H
#define SG_CLI_BUILD_RUN_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/outguard.h"
#include "cli/env.h"
#include "engine/engine.h"
#include "targets/pdf_targets.h"

/* Called once the engine has run, before anything is freed: e holds the
 * results (engine.h; NULL when the content folder is gone and nothing
 * was built), d every problem of the run, sorted; theme_dir is the
 * folder of the theme the outputs were made with (NULL: the built-in one). */
typedef void (*sg_build_hook)(void *arg, const sg_engine *e, const sg_diags *d,
			      const char *theme_dir);

typedef struct sg_build_opts {
	sg_engine_opts e;
	const char *theme;  /* HTML theme; NULL: the built-in default */
	const char *report; /* --report FILE */
	const char *junit;  /* --junit FILE */
	bool report_times;
	sg_build_hook after; /* NULL, or called after the engine ran */
	void *after_arg;
	/* NULL, or a kind of output ("site") built first, in an engine run of
	 * its own whose results go to after (nothing printed) before the rest
	 * is built: the pages a preview shows are ready sooner. */
	const char *first;
	/* NULL, or with first: that pass builds only this customer's outputs
	 * (its account page), and the second pass the rest. */
	const char *first_customer;
	const char *sign_key, *sign_cert; /* --sign KEY, --cert CERT */
	sg_pdf_targets_sign sign;         /* .signer read once, before the build */
} sg_build_opts;

/* --theme: a usage error, found before anything is built, when no theme of
 * that name exists. Returns 0, or -1 after the message. */
int sg_build_check_theme(const sg_build_opts *o);

/* The paths a build writes (the output folder, --report, --junit) against
 * what guard says may not be written. Returns 0, or -1 after the message. */
int sg_build_check_writes(const sg_build_opts *o, const sg_outguard *g);

/* Builds: problems and the summary go to stderr (as `salesgen build`
 * prints them), then o->after is called (twice with o->first). guard holds what the build may
 * not write over; the PDFs' theme joins it. Returns the exit status of
 * `salesgen build`: 0 all built, 1 a content problem or a failed output,
 * 2 the output folder (or a report file) cannot be used. */
int sg_build_run(sg_build_opts *o, sg_outguard *guard, const sg_env *env);

#endif
