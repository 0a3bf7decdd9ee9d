/*
 * options.c - the arguments several commands read alike.
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

int sg_cli_flag_value(const char *cmd, const sg_cli_flag *flags, bool nonempty, int argc,
		      char **argv, int *i)
{
	const char *arg = argv[*i];
	const sg_cli_flag *f = flags;
	while (f->name && strcmp(f->name, arg) != 0)
		f++;
	if (!f->name)
		return 0;
	if (f->as_written)
		*f->as_written = arg;
	if (*i + 1 >= argc || (nonempty && !argv[*i + 1][0])) {
		fprintf(stderr, "%s: %s needs a value\n", cmd, arg);
		return -1;
	}
	*f->value = argv[++*i];
	return 1;
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
