/*
 * options.c - the arguments the commands read alike.
 */
#include "cli/options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sg_cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

static const sg_cli_flag *S_find(const sg_cli_flag *flags, const char *arg)
{
	for (const sg_cli_flag *f = flags; f->name; f++)
		if (strcmp(f->name, arg) == 0)
			return f;
	return NULL;
}

const char *sg_cli_next(sg_cli_args *args)
{
	char **argv = args->argv;
	args->status = SG_CLI_END;
	while (++args->i < args->argc) {
		const char *arg = argv[args->i];
		if (sg_cli_is_help(arg)) {
			fputs(args->usage, stdout);
			args->status = SG_CLI_HELP;
			return NULL;
		}
		const sg_cli_flag *f = S_find(args->flags, arg);
		if (!f)
			return arg;
		if (f->as_written)
			*f->as_written = arg;
		if (f->on)
			*f->on = true;
		if (!f->value)
			continue;
		if (args->i + 1 >= args->argc || (args->nonempty && !argv[args->i + 1][0])) {
			fprintf(stderr, "%s: %s needs a value\n", args->cmd, arg);
			args->status = SG_CLI_BAD;
			return NULL;
		}
		*f->value = argv[++args->i];
	}
	return NULL;
}

int sg_cli_whole_number(const char *cmd, const char *flag, const char *s, int min, int max,
			int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "%s: %s takes a whole number from %d to %d, not '%s'\n", cmd, flag,
			min, max, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}
