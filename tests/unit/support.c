/* nftw() */
#define _XOPEN_SOURCE 700

#include "support.h"

#include <ftw.h>
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
