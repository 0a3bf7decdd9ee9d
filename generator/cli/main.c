/*
 * main.c - reads the command name and hands over to it.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "layout/font.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, const sg_env *env);
	const char *summary;
} S_commands[] = {
	{"build", sg_cmd_build, "check the content and build every output"},
	{"check", sg_cmd_check, "load and validate the content, report every problem"},
	{"cost", sg_cmd_cost, "the cost model for one customer, or as a calculator"},
	{"proposal", sg_cmd_proposal, "one customer's proposal (or review) as a PDF"},
	{"pdf", sg_cmd_pdf, "set one Markdown file as a PDF"},
	{"fields", sg_cmd_fields, "every field a document template can use"},
	{"init", sg_cmd_init, "make a new content folder to start from"},
	{"new", sg_cmd_new, "add a customer, playbook or case study to the content"},
	{"serve", sg_cmd_serve, "preview the site and PDFs, rebuilt and reloaded on each save"},
};

static void S_usage(FILE *out)
{
	fprintf(out, "usage: salesgen COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof S_commands / sizeof *S_commands; i++)
		fprintf(out, "  %-8s %s\n", S_commands[i].name, S_commands[i].summary);
	fprintf(out, "\n'salesgen COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		S_usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		S_usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("salesgen %s\n", SG_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof S_commands / sizeof *S_commands; i++)
		if (strcmp(cmd, S_commands[i].name) == 0) {
			/* The environment is read here, once, and handed down. */
			sg_env env;
			sg_env_read(&env);
			int rc = S_commands[i].run(argc - 1, argv + 1, &env);
			/* Fonts (and fontconfig) are loaded once per process and kept
			 * for every document: free them here, once, so that leak
			 * checkers see a clean exit. Forked build workers end with
			 * _exit and keep theirs (tests/valgrind.supp). */
			sg_font_cache_clear();
			return rc;
		}
	fprintf(stderr, "salesgen: unknown command '%s'\n", cmd);
	S_usage(stderr);
	return 2;
}
