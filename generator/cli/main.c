/*
 * main.c - reads the command name and hands over to it.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "layout/font.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		sg_cli_main_usage(stderr);
		return 2;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		sg_cli_main_usage(stdout);
		return 0;
	}
	if (strcmp(name, "--version") == 0) {
		printf("salesgen %s\n", SG_VERSION);
		return 0;
	}
	const sg_cli_command *cmd = sg_cli_command_of(name);
	if (!cmd) {
		fprintf(stderr, "salesgen: unknown command '%s'\n", name);
		sg_cli_main_usage(stderr);
		return 2;
	}
	/* The environment is read here, once, and handed down. */
	sg_env env;
	sg_env_read(&env);
	int rc = cmd->run(argc - 1, argv + 1, &env);
	/* Fonts (and fontconfig) are loaded once per process and kept for
	 * every document: free them here, once, so that leak checkers see a
	 * clean exit. Forked build workers end with _exit and keep theirs
	 * (tests/valgrind.supp). */
	sg_font_cache_clear();
	return rc;
}
