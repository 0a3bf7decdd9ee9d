/*
 * urlpath.c - a request path to a file of the output folder (urlpath.h).
 */
#include <stdbool.h>
#include <string.h>

#include "serve/urlpath.h"

/* The value of a hex digit, or -1. */
static int S_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether the part out[start..end) may be served: not empty, not "." or
 * "..", no leading dot (dot files and the build's .salesgen/ folder). */
static bool S_part_ok(const char *out, size_t start, size_t end)
{
	return end > start && out[start] != '.';
}

/* Decodes raw into out, checking each part as it ends. Returns 0, -1
 * refused, -2 too long. */
static int S_decode(const char *raw, char *out, size_t cap)
{
	size_t n = 0, part = 0;
	for (const char *p = raw + 1;; p++) {
		int c = (unsigned char)*p;
		if (c == '/' || c == 0) {
			/* A trailing slash names a folder: its last part is empty. */
			if (!S_part_ok(out, part, n) && !(c == 0 && n == part && n > 0 && out[n - 1] == '/'))
				return n == 0 && c == 0 ? 0 : -1;
			if (c == 0)
				break;
		} else if (c == '%') {
			int hi = S_hex(p[1]), lo = hi < 0 ? -1 : S_hex(p[2]);
			if (lo < 0)
				return -1;
			c = hi * 16 + lo;
			p += 2;
			/* An escaped slash is never a separator: refuse it, as
			 * the backslash and control bytes below. */
			if (c == '/')
				return -1;
		}
		if (c == '\\' || c < 0x20 || c == 0x7f)
			return -1;
		if (n + 1 >= cap)
			return -2;
		out[n++] = (char)c;
		if (c == '/')
			part = n;
	}
	out[n] = 0;
	return 0;
}

int sg_serve_url_path(const char *raw, char *out, size_t cap)
{
	if (cap == 0)
		return -2;
	out[0] = 0;
	if (!raw || raw[0] != '/')
		return -1;
	int rc = S_decode(raw, out, cap);
	if (rc != 0)
		out[0] = 0;
	return rc;
}
