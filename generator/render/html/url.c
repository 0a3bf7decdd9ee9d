/*
 * url.c - an allow-list of URL schemes, and escaping URLs for attributes.
 */
#include "render/html/url.h"

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

/* Browsers drop leading and trailing C0 controls and spaces. */
static void S_trim(const char **s, size_t *n)
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

bool sg_url_safe(const char *url, sg_url_use use)
{
	if (!url)
		return false;
	const char *s = url;
	size_t n = strlen(url);
	S_trim(&s, &n);

	/* The scheme is what comes before the first ':' when no '/', '?' or
	 * '#' comes first. Browsers remove tabs and newlines anywhere in a URL
	 * ("java\tscript:"), so they are left out of it; anything else that is
	 * not a plain lower or upper case scheme makes the URL refused. */
	char scheme[16];
	size_t k = 0;
	size_t i = 0;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '/' || c == '?' || c == '#')
			return true; /* a path, query or fragment: no scheme */
		if (c == ':')
			break;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (k + 1 >= sizeof scheme)
			return false;
		scheme[k++] = c;
	}
	if (i == n)
		return true; /* a relative path without a colon */
	if (S_lower_eq(scheme, k, "http") || S_lower_eq(scheme, k, "https") ||
	    S_lower_eq(scheme, k, "mailto") || S_lower_eq(scheme, k, "tel"))
		return true;
	if (use == SG_URL_IMAGE && S_lower_eq(scheme, k, "data"))
		return S_data_image(s + i + 1, n - i - 1);
	return false;
}

/* Bytes kept as they are in a URL attribute: RFC 3986's unreserved and
 * reserved characters, and non-ASCII (HTML takes UTF-8 in URLs, so a link to
 * "#价格" or "报价.html" stays readable and matches the id or file name as
 * written; the text is valid UTF-8 by then). */
static bool S_url_char(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)
		return true;
	return c && strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL;
}

static bool S_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void sg_url_escape_attr(sg_buf *out, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = url ? url : "";
	size_t n = strlen(s);
	S_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			sg_buf_puts(out, "&amp;");
		else if (c == '\'')
			sg_buf_puts(out, "&#39;");
		else if (c == '%' && i + 2 < n && S_hex(s[i + 1]) && S_hex(s[i + 2]))
			sg_buf_putc(out, '%');
		else if (c != '%' && S_url_char(c))
			sg_buf_putc(out, c);
		else {
			sg_buf_putc(out, '%');
			sg_buf_putc(out, hex[c >> 4]);
			sg_buf_putc(out, hex[c & 15]);
		}
	}
}

bool sg_url_put_safe(sg_buf *out, const char *url, sg_url_use use)
{
	if (!sg_url_safe(url, use))
		return false;
	sg_url_escape_attr(out, url);
	return true;
}
