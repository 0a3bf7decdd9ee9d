/*
 * url.c - the allow-list of URL schemes shared by the site and the PDFs.
 */
#include "base/url.h"

#include <string.h>

static bool S_lower_eq(const char *a, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return false;
	}
	return true;
}

void sg_url_trim(const char **s, size_t *n)
{
	while (*n > 0 && (unsigned char)(*s)[0] <= 0x20) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (unsigned char)(*s)[*n - 1] <= 0x20)
		(*n)--;
}

/* A raster image as a data: URL: "image/png;base64,..." and the like.
 * SVG is not among them: it can carry scripts. */
static bool S_data_image(const char *rest, size_t n)
{
	static const char *const types[] = {"image/png", "image/jpeg", "image/gif", "image/webp"};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t k = strlen(types[i]);
		if (n > k && S_lower_eq(rest, k, types[i]) && (rest[k] == ';' || rest[k] == ','))
			return true;
	}
	return false;
}

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

int sg_url_percent(const char *s, size_t n, size_t i)
{
	if (s[i] != '%' || i + 2 >= n)
		return -1;
	int hi = S_hex(s[i + 1]), lo = S_hex(s[i + 2]);
	return hi >= 0 && lo >= 0 ? hi * 16 + lo : -1;
}

/* The byte at s[*i] with a percent escape decoded (and *i moved past it):
 * some readers decode "%3A" before they look for a scheme. */
static char S_char(const char *s, size_t n, size_t *i)
{
	int v = sg_url_percent(s, n, *i);
	if (v < 0)
		return s[*i];
	*i += 2;
	return (char)v;
}

static bool S_slash(char c)
{
	return c == '/' || c == '\\';
}

bool sg_url_safe(const char *url, sg_url_use use)
{
	if (!url)
		return false;
	const char *s = url;
	size_t n = strlen(url);
	sg_url_trim(&s, &n);

	/* The scheme is what comes before the first ':' when no '/', '\', '?'
	 * or '#' comes first. Browsers remove tabs and newlines anywhere in a
	 * URL ("java\tscript:"), so they are left out of it; anything else that
	 * is not a plain lower or upper case scheme makes the URL refused. */
	char scheme[16];
	size_t k = 0;
	size_t i = 0;
	int slashes = 0; /* leading '/' or '\' */
	bool lead = true;
	for (; i < n; i++) {
		char c = S_char(s, n, &i);
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (lead && S_slash(c)) {
			/* "//host" and "\\host": another host, or a network
			 * share; "\dir": a Windows path, which a PDF reader
			 * opens as a file. */
			if (++slashes == 2 || c == '\\')
				return false;
			continue;
		}
		lead = false;
		if (S_slash(c) || c == '?' || c == '#')
			return true; /* a path, query or fragment: no scheme */
		if (c == ':')
			break;
		/* A longer scheme is none of ours: k at the end refuses it. */
		if (k < sizeof scheme)
			scheme[k] = c;
		k++;
	}
	if (i >= n)
		return true; /* a relative path without a colon */
	if (slashes)
		return true; /* "/a:b": a path */
	if (k >= sizeof scheme)
		return false;
	if (S_lower_eq(scheme, k, "http") || S_lower_eq(scheme, k, "https") ||
	    S_lower_eq(scheme, k, "mailto") || S_lower_eq(scheme, k, "tel"))
		return true;
	if (use == SG_URL_IMAGE && S_lower_eq(scheme, k, "data") && s[i] == ':')
		return S_data_image(s + i + 1, n - i - 1);
	return false;
}

bool sg_url_is_remote(const char *url)
{
	if (!url)
		return false;
	const char *s = url;
	size_t n = strlen(url);
	sg_url_trim(&s, &n);
	return (n > 7 && S_lower_eq(s, 7, "http://")) || (n > 8 && S_lower_eq(s, 8, "https://"));
}

void sg_url_for_message(sg_buf *out, const char *url)
{
	size_t n = url ? strlen(url) : 0, i = 0, start = out->len;
	while (i < n && out->len - start < 100) {
		unsigned char c = (unsigned char)url[i];
		if (c < 0x20 || c == 0x7f) {
			sg_buf_printf(out, "\\x%02X", c);
			i++;
			continue;
		}
		size_t k = 1;
		while (i + k < n && ((unsigned char)url[i + k] & 0xC0) == 0x80)
			k++;
		sg_buf_put(out, url + i, k);
		i += k;
	}
	if (i < n)
		sg_buf_puts(out, "...");
}
