/* nftw(), fnmatch() */
#define _XOPEN_SOURCE 700

#include "support.h"

#include <fnmatch.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *sg_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	for (;;) {
		if (n + 1024 > cap)
			data = realloc(data, cap *= 2);
		size_t r = fread(data + n, 1, cap - n - 1, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

/* Folders made by sg_test_tmpdir, removed when the test program exits so
 * that a test run leaves nothing behind in TMPDIR. */
static char S_made[64][256];
static int S_made_count;

static int S_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void S_remove_made(void)
{
	for (int i = 0; i < S_made_count; i++)
		nftw(S_made[i], S_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *sg_test_tmpdir(const char *prefix)
{
	if (S_made_count == 64)
		return NULL;
	char *dir = S_made[S_made_count];
	snprintf(dir, sizeof S_made[0], "%s/%s.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		 prefix);
	if (!mkdtemp(dir))
		return NULL;
	if (S_made_count++ == 0)
		atexit(S_remove_made);
	return dir;
}

const char *sg_test_write_temp(int slot, const char *name, const char *text)
{
	static const char *dirs[8];
	static char paths[8][512];
	slot &= 7;
	if (!dirs[slot] && !(dirs[slot] = sg_test_tmpdir("sgtest")))
		return NULL;
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", dirs[slot], name);
	FILE *f = fopen(paths[slot], "wb");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return paths[slot];
}

/* ---------------------------------------------------------------- the runner */

static void S_usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [-f PATTERN]... [--list]\n"
		"  -f, --filter PATTERN  run only the cases whose name matches PATTERN, a shell\n"
		"                        glob over the whole name ('test_lock' is that case,\n"
		"                        '*lock*' every case with lock in its name); more than\n"
		"                        one -f: the cases that match any of them\n"
		"      --list            print the names of the selected cases, run nothing\n"
		"  -h, --help            this text\n",
		prog);
}

static bool S_selected(const char *name, char **patterns, int npatterns)
{
	if (npatterns == 0)
		return true;
	for (int i = 0; i < npatterns; i++)
		if (fnmatch(patterns[i], name, 0) == 0)
			return true;
	return false;
}

int sg_test_run(const struct CMUnitTest *tests, size_t n, int argc, char **argv,
		CMFixtureFunction setup, CMFixtureFunction teardown)
{
	const char *prog = argc > 0 ? argv[0] : "test";
	const char *slash = strrchr(prog, '/');
	if (slash)
		prog = slash + 1;
	/* At most argc patterns; argv stays the caller's. */
	char **patterns = calloc((size_t)argc + 1, sizeof *patterns);
	int npatterns = 0;
	bool list = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-f") == 0 || strcmp(a, "--filter") == 0) {
			if (i + 1 == argc) {
				fprintf(stderr, "%s: %s needs a pattern\n", prog, a);
				free(patterns);
				return 2;
			}
			patterns[npatterns++] = argv[++i];
		} else if (strncmp(a, "--filter=", 9) == 0) {
			patterns[npatterns++] = argv[i] + 9;
		} else if (strcmp(a, "--list") == 0) {
			list = true;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			S_usage(stdout, prog);
			free(patterns);
			return 0;
		} else {
			fprintf(stderr, "%s: unknown argument '%s'\n", prog, a);
			S_usage(stderr, prog);
			free(patterns);
			return 2;
		}
	}

	struct CMUnitTest *chosen = calloc(n ? n : 1, sizeof *chosen);
	size_t nchosen = 0;
	for (size_t i = 0; i < n; i++)
		if (S_selected(tests[i].name, patterns, npatterns))
			chosen[nchosen++] = tests[i];
	int rc;
	if (nchosen == 0) {
		fprintf(stderr, "%s: no case matches", prog);
		for (int i = 0; i < npatterns; i++)
			fprintf(stderr, "%s '%s'", i ? " or" : "", patterns[i]);
		if (npatterns == 1 && !strpbrk(patterns[0], "*?["))
			fprintf(stderr, " (a pattern is a glob over the whole name: '*%s*' "
					"finds it anywhere in a name)",
				patterns[0]);
		fprintf(stderr, "; --list shows the names\n");
		rc = 2;
	} else if (list) {
		for (size_t i = 0; i < nchosen; i++)
			printf("%s\n", chosen[i].name);
		rc = 0;
	} else {
		rc = _cmocka_run_group_tests(prog, chosen, nchosen, setup, teardown);
	}
	free(chosen);
	free(patterns);
	return rc;
}
