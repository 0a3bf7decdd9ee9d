/*
 * replay_main.c - runs a fuzz target over saved inputs, without libFuzzer.
 *
 *   replay_NAME PATH...
 *
 * Each PATH is a file or a folder of files (hidden files skipped; a missing
 * folder is skipped, as git keeps no empty folders). Every input is passed to
 * LLVMFuzzerTestOneInput once; a crash, an abort or a sanitizer report fails
 * the ctest test. Prints how many inputs ran.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "fuzz_support.h"

/* Bigger than any input the fuzzers are run with. */
#define S_CAP (16u * 1024 * 1024)

static int S_run_file(const char *path)
{
	sg_buf b;
	sg_diags d;
	sg_buf_init(&b);
	sg_diags_init(&d);
	int rc = sg_file_read(path, S_CAP, &b, &d);
	if (rc < 0)
		sg_diags_print(&d, stderr);
	else
		LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
	sg_diags_dispose(&d);
	sg_buf_dispose(&b);
	return rc;
}

static int S_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of inputs run, or -1 on an unreadable one. */
static long S_run_dir(const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return errno == ENOENT ? 0 : -1;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.')
			continue;
		char **grown = realloc(names, (n + 1) * sizeof *names);
		if (!grown)
			abort();
		names = grown;
		names[n++] = sg_path_join(dir, e->d_name);
	}
	closedir(dh);
	/* Sorted, so a failure names the same input on every machine. */
	if (n)
		qsort(names, n, sizeof *names, S_cmp);
	long count = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (S_run_file(names[i]) < 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	/* Absolute paths first: a target may change the working folder. */
	char **abs = calloc((size_t)argc, sizeof *abs);
	if (!abs)
		abort();
	for (int i = 1; i < argc; i++)
		if ((abs[i] = realpath(argv[i], NULL)))
			argv[i] = abs[i];
	LLVMFuzzerInitialize(&argc, &argv);
	long total = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		long n;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			n = S_run_dir(argv[i]);
		else if (stat(argv[i], &st) != 0 && errno == ENOENT)
			n = 0;
		else
			n = S_run_file(argv[i]) < 0 ? -1 : 1;
		if (n < 0)
			rc = 1;
		else
			total += n;
	}
	/* To the descriptor: a target may point the stdout stream elsewhere. */
	dprintf(1, "%s: %ld inputs replayed\n", argv[0], total);
	for (int i = 1; i < argc; i++)
		free(abs[i]);
	free(abs);
	return rc;
}
