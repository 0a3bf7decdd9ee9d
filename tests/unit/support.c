#include "support.h"

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

const char *sg_test_write_temp(int slot, const char *name, const char *text)
{
	static char dirs[8][256];
	static char paths[8][512];
	slot &= 7;
	if (!dirs[slot][0]) {
		snprintf(dirs[slot], sizeof dirs[slot], "%s/sgtest.XXXXXX",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dirs[slot]))
			return NULL;
	}
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", dirs[slot], name);
	FILE *f = fopen(paths[slot], "wb");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return paths[slot];
}
