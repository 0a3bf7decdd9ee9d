/*
 * fuzz_cost.c - `salesgen cost` with calculator flags.
 *
 * The input is the command line, one argument a line (at most 64), given to
 * sg_cmd_cost() after "cost". cmd_cost.c keeps its flag parser and
 * calculator static, so the command is the entry point: every flag, value,
 * the cost engine and both output formats (table and --json).
 *
 * The command prints, so stdout and stderr point at /dev/null (libFuzzer and
 * the sanitizers write their reports to file descriptor 2, not through the
 * stderr stream). The command also reads customer files: the process works in
 * an empty scratch folder and inputs whose arguments name a path with '/' are
 * skipped, so no file outside it can be reached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "fuzz_support.h"

#define S_MAX_ARGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (chdir(sgf_tmpdir()) < 0) {
		perror("fuzz_cost: chdir");
		abort();
	}
	FILE *null = fopen("/dev/null", "w");
	if (!null) {
		perror("/dev/null");
		abort();
	}
	stdout = null;
	stderr = null;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memchr(data, '/', size) || size > 4096)
		return 0;
	/* One heap string per argument, so ASan sees a read past any of them. */
	char *argv[S_MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = strdup("cost");
	const char *p = (const char *)data, *end = p + size;
	while (p < end && argc <= S_MAX_ARGS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		argv[argc] = malloc(n + 1);
		memcpy(argv[argc], p, n);
		argv[argc++][n] = '\0';
		p += n + 1;
	}
	argv[argc] = NULL;
	sg_env env = {.tmpdir = "/tmp"};
	(void)sg_cmd_cost(argc, argv, &env);
	fflush(stdout);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return 0;
}
