/*
 * options.c - reading a command's arguments from its table, and its help.
 */
#include "cli/options.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The column where a flag's description starts in the help, and the
 * width lines are wrapped to. */
#define S_HELP_COLUMN 23
#define S_WIDTH 79

bool sg_cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

const sg_cli_opt *sg_cli_opt_of(const sg_cli_command *cmd, const char *name)
{
	for (const sg_cli_opt *o = cmd->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0 || (o->alias && strcmp(o->alias, name) == 0))
			return o;
	return NULL;
}

static const sg_cli_flag *S_bound(const sg_cli_flag *flags, const char *name)
{
	for (const sg_cli_flag *f = flags; f && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* The table's flag arg names, written "--flag" or "--flag=VALUE" (then
 * *joined points at VALUE), when the command binds it; else NULL. */
static const sg_cli_opt *S_opt_of(const sg_cli_args *args, const char *arg, const char **joined)
{
	char name[64];
	const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	if (n >= sizeof name)
		return NULL;
	memcpy(name, arg, n);
	name[n] = '\0';
	const sg_cli_opt *o = sg_cli_opt_of(args->spec, name);
	if (!o || !S_bound(args->flags, o->name) || (eq && !o->arg))
		return NULL;
	*joined = eq ? eq + 1 : NULL;
	return o;
}

const char *sg_cli_next(sg_cli_args *args)
{
	char **argv = args->argv;
	args->status = SG_CLI_END;
	/* A flag a command binds must be in its table: the table is what
	 * --help, the manual page and the completions show. */
	for (const sg_cli_flag *f = args->flags; f && f->name; f++)
		assert(sg_cli_opt_of(args->spec, f->name) && "flag missing from the table");
	while (++args->i < args->argc) {
		const char *arg = argv[args->i];
		if (sg_cli_is_help(arg)) {
			sg_cli_help(stdout, args->spec);
			args->status = SG_CLI_HELP;
			return NULL;
		}
		const char *joined = NULL;
		const sg_cli_opt *o = S_opt_of(args, arg, &joined);
		if (!o)
			return arg;
		const sg_cli_flag *f = S_bound(args->flags, o->name);
		if (f->as_written)
			*f->as_written = o->alias && strcmp(arg, o->alias) == 0 ? o->alias : o->name;
		if (f->on)
			*f->on = true;
		if (!o->arg)
			continue;
		const char *v = joined;
		if (!v && args->i + 1 < args->argc)
			v = argv[++args->i];
		if (!v || (args->nonempty && !v[0])) {
			fprintf(stderr, "salesgen %s: %s needs a value\n", args->spec->name,
				joined ? o->name : arg);
			args->status = SG_CLI_BAD;
			return NULL;
		}
		if (f->value)
			*f->value = v;
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

/* ---------------------------------------------------------------- help */

/* The length of the word at w: up to a space, or with brackets (usage
 * lines), up to a space outside [...], so "[--only KIND]" stays whole. */
static size_t S_word(const char *w, const char *end, bool brackets)
{
	int depth = 0;
	const char *p = w;
	for (; p < end && (*p != ' ' || depth > 0); p++) {
		if (brackets && *p == '[')
			depth++;
		else if (brackets && *p == ']' && depth > 0)
			depth--;
	}
	return (size_t)(p - w);
}

/* Prints the n bytes of text from column col (the cursor is there),
 * wrapped at S_WIDTH, continuation lines indented to indent. */
static void S_wrap(FILE *out, const char *text, size_t n, size_t col, size_t indent,
		   bool brackets)
{
	const char *end = text + n;
	bool first = true;
	for (const char *w = text; w < end;) {
		if (*w == ' ') {
			w++;
			continue;
		}
		size_t len = S_word(w, end, brackets);
		if (!first && col + 1 + len > S_WIDTH) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(w, 1, len, out);
		col += len;
		w += len;
		first = false;
	}
	fputc('\n', out);
}

void sg_cli_usage(FILE *out, const sg_cli_command *cmd)
{
	const char *line = cmd->usage;
	bool first = true;
	do {
		size_t n = strcspn(line, "\n");
		int col = fprintf(out, "%s salesgen %s ", first ? "usage:" : "      ", cmd->name);
		S_wrap(out, line, n, (size_t)col, (size_t)col, true);
		line += n;
		first = false;
	} while (*line && *++line);
}

/* "  -o, --out FILE", padded to the description's column or on a line of
 * its own when longer. */
static void S_opt_help(FILE *out, const sg_cli_opt *o)
{
	int n = fprintf(out, "  %s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "",
			o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	if (n + 1 > S_HELP_COLUMN)
		fprintf(out, "\n%*s", S_HELP_COLUMN, "");
	else
		fprintf(out, "%*s", S_HELP_COLUMN - n, "");
	S_wrap(out, o->help, strlen(o->help), S_HELP_COLUMN, S_HELP_COLUMN, false);
}

void sg_cli_help(FILE *out, const sg_cli_command *cmd)
{
	sg_cli_usage(out, cmd);
	fprintf(out, "\n%s", cmd->about);
	fprintf(out, "\noptions:\n");
	const sg_cli_opt help = {.name = "--help", .alias = "-h", .help = "show this help"};
	bool helped = false;
	for (const sg_cli_opt *o = cmd->opts; o && o->name; o++) {
		if (o->group) {
			/* --help closes the command's own flags, before a group */
			if (!helped)
				S_opt_help(out, &help);
			helped = true;
			fputc('\n', out);
			S_wrap(out, o->group, strlen(o->group), 0, 0, false);
		}
		S_opt_help(out, o);
	}
	if (!helped)
		S_opt_help(out, &help);
	if (cmd->notes)
		fprintf(out, "\n%s", cmd->notes);
}
