/*
 * env.h - what salesgen takes from its environment, read once by main() and
 * handed to the command: nothing below the command line calls getenv().
 */
#ifndef SG_CLI_ENV_H
#define SG_CLI_ENV_H

#include "base/date.h"
#include "base/diag.h"

typedef struct sg_env {
	/* SOURCE_DATE_EPOCH as a UTC day: the build date documents show and
	 * relative dates count from. Unset (year 0) when the variable is not
	 * set or cannot be used; then each customer's as-of date is used,
	 * never the clock. */
	sg_date build_date;
	/* The variable as set but unusable, with why ("not a number of
	 * seconds", "a day after 9999-12-31 ..."); NULL when it was fine or
	 * absent. A command that dates documents says so once. */
	const char *build_date_problem;
	const char *build_date_text; /* the variable's value, for that message */
	/* The folder for temporary files: TMPDIR when set to an absolute
	 * path, else /tmp (`salesgen serve` builds into a folder made there). */
	const char *tmpdir;
} sg_env;

/* Reads the environment into env. */
void sg_env_read(sg_env *env);

/* Adds the build date's problem, if any, to d as a warning at
 * "SOURCE_DATE_EPOCH". */
void sg_env_warn(const sg_env *env, sg_diags *d);

#endif
