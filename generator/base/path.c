/*
 * path.c - joining and taking apart path names, as text (no file system).
 */
#include "base/path.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

char *sg_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	while (la > 1 && a[la - 1] == '/')
		la--;
	size_t n = la + strlen(b) + 2;
	char *p = sg_xmalloc(n);
	snprintf(p, n, "%.*s/%s", (int)la, a, b);
	return p;
}

char *sg_path_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return sg_xstrndup(base, n);
}
