/*
 * test_cli.c - the command line's table (cli/options.h, cli/commands.c):
 * reading arguments from it, the help printed from it, and the rules every
 * command's entry keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "cli/commands.h"
#include "cli/options.h"

static const sg_cli_opt S_opts[] = {
	{.name = "--out", .alias = "-o", .arg = "FILE", .help = "the file to write"},
	{.name = "--theme", .arg = "NAME", .help = "the theme", .values = SG_CLI_THEME},
	{.name = "--strict", .help = "warnings are errors"},
	{.name = "--field", .arg = "K=V", .help = "read by the command itself"},
	{NULL},
};

static const sg_cli_command S_cmd = {
	.name = "t",
	.summary = "a test",
	.usage = "FILE [-o FILE] [--theme NAME] [--strict] [--field K=V]... [-q NAME]",
	.about = "What it does.\n",
	.opts = S_opts,
};

typedef struct S_got {
	const char *out, *out_flag, *theme;
	bool strict;
} S_got;

/* Walks argv; returns the arguments handed back, separated by spaces. */
static char *S_walk(S_got *g, int argc, char **argv, int *status)
{
	const sg_cli_flag flags[] = {
		{"--out", .value = &g->out, .as_written = &g->out_flag},
		{"--theme", .value = &g->theme},
		{"--strict", .on = &g->strict},
		{NULL},
	};
	sg_cli_args args = {.spec = &S_cmd, .flags = flags, .nonempty = true, .argc = argc,
			    .argv = argv};
	static char back[256];
	back[0] = '\0';
	for (const char *a; (a = sg_cli_next(&args));) {
		strcat(back, back[0] ? " " : "");
		strcat(back, a);
		if (strcmp(a, "--field") == 0 && args.i + 1 < argc) {
			strcat(back, "=");
			strcat(back, argv[++args.i]);
		}
	}
	*status = args.status;
	return back;
}

static void test_reads_the_table(void **state)
{
	(void)state;
	S_got g = {0};
	int status;
	char *argv[] = {"t", "-o", "a.pdf", "file.md", "--theme=dark", "--field", "k=v",
			"--strict", "--strict=yes", "--other"};
	char *back = S_walk(&g, 10, argv, &status);
	assert_int_equal(status, SG_CLI_END);
	/* what the command reads itself: an argument, a flag of the table it
	 * does not bind, a switch given a value, a flag the table lacks */
	assert_string_equal(back, "file.md --field=k=v --strict=yes --other");
	assert_string_equal(g.out, "a.pdf");
	assert_string_equal(g.out_flag, "-o");
	assert_string_equal(g.theme, "dark");
	assert_true(g.strict);

	S_got h = {0};
	char *long_form[] = {"t", "--out", "b.pdf"};
	S_walk(&h, 3, long_form, &status);
	assert_string_equal(h.out_flag, "--out");
	assert_string_equal(h.out, "b.pdf");
}

static void test_missing_value(void **state)
{
	(void)state;
	S_got g = {0};
	int status;
	char *at_end[] = {"t", "--theme"};
	S_walk(&g, 2, at_end, &status);
	assert_int_equal(status, SG_CLI_BAD);
	char *empty[] = {"t", "--theme=", "x"};
	S_walk(&g, 3, empty, &status);
	assert_int_equal(status, SG_CLI_BAD);
}

/* The help of cmd, in a heap string. */
static char *S_help(const sg_cli_command *cmd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	sg_cli_help(f, cmd);
	fclose(f);
	return text;
}

/* Characters (not bytes) in the line at s. */
static size_t S_columns(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cols;
}

static void test_help_layout(void **state)
{
	(void)state;
	char *help = S_help(&S_cmd);
	assert_non_null(strstr(help, "usage: salesgen t FILE [-o FILE]"));
	/* the usage wraps under itself, never inside [...]: "[-q" would fit
	 * on the first line */
	assert_non_null(strstr(help, "[--field K=V]...\n                  [-q NAME]\n"));
	assert_non_null(strstr(help, "\n  -o, --out FILE       the file to write\n"));
	assert_non_null(strstr(help, "\n  --strict             warnings are errors\n"));
	assert_non_null(strstr(help, "\n  -h, --help           show this help\n"));
	free(help);
}

/* Every command of the table: flags spelt --name (an alias -x), a line of
 * help each, lists with their choices, help that fits 79 columns. */
static void test_every_command(void **state)
{
	(void)state;
	for (size_t i = 0; sg_cli_commands[i]; i++) {
		const sg_cli_command *c = sg_cli_commands[i];
		assert_non_null(c->run);
		assert_ptr_equal(sg_cli_command_of(c->name), c);
		assert_true(c->summary && *c->summary);
		for (const sg_cli_opt *o = c->opts; o->name; o++) {
			assert_true(strncmp(o->name, "--", 2) == 0);
			assert_true(!o->alias || (o->alias[0] == '-' && strlen(o->alias) == 2));
			assert_true(o->help && *o->help);
			assert_true(o->values != SG_CLI_LIST || o->choices);
			assert_true(!o->values || o->arg);
			assert_ptr_equal(sg_cli_opt_of(c, o->name), o);
		}
		if (c->hidden)
			continue;
		char *help = S_help(c);
		for (const char *line = help; *line;) {
			size_t n = strcspn(line, "\n");
			if (S_columns(line, n) > 79)
				fail_msg("salesgen %s --help: a line of %zu columns: %.*s", c->name,
					 S_columns(line, n), (int)n, line);
			line += n + (line[n] == '\n');
		}
		free(help);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_the_table),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_help_layout),
		cmocka_unit_test(test_every_command),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
