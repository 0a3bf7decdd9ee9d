/*
 * env.c - the environment, read once.
 */
#include "cli/env.h"

#include <errno.h>
#include <stdlib.h>

void sg_env_read(sg_env *env)
{
	*env = (sg_env){{0, 0, 0}, NULL, NULL, "/tmp"};
	const char *tmp = getenv("TMPDIR");
	if (tmp && tmp[0] == '/')
		env->tmpdir = tmp;
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return;
	env->build_date_text = s;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		env->build_date_problem = "not a number of seconds";
		return;
	}
	if (!sg_date_from_unix_checked(v, &env->build_date))
		env->build_date_problem = "a day after 9999-12-31, which no document can show";
}

void sg_env_warn(const sg_env *env, sg_diags *d)
{
	if (env->build_date_problem)
		sg_warning(d, sg_pos_make("SOURCE_DATE_EPOCH", 0, 0), "'%s' is %s (ignored)",
			   env->build_date_text, env->build_date_problem);
}
