/*
 * inject.c - the live-reload script in served pages (inject.h).
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "serve/inject.h"

/* The first occurrence of needle (lower case) in s[0..n), in any case, or
 * NULL. */
static const char *S_find_nocase(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (strncasecmp(s + i, needle, m) == 0)
			return s + i;
	return NULL;
}

/* Where the snippet goes: the offset in html. */
static size_t S_place(const char *html, size_t len)
{
	const char *at = S_find_nocase(html, len, "</head");
	if (at)
		return (size_t)(at - html);
	/* "<body" followed by '>' or white space, not "<bodyx". */
	for (const char *p = html; (p = S_find_nocase(p, len - (size_t)(p - html), "<body"));
	     p += 5) {
		size_t rest = len - (size_t)(p - html);
		if (rest > 5 && (p[5] == '>' || strchr(" \t\r\n/", p[5]))) {
			const char *gt = memchr(p, '>', rest);
			return gt ? (size_t)(gt + 1 - html) : 0;
		}
	}
	return 0;
}

void sg_serve_inject(const char *html, size_t len, const char *snippet, sg_buf *out)
{
	size_t at = S_place(html, len);
	sg_buf_put(out, html, at);
	sg_buf_puts(out, snippet);
	sg_buf_put(out, html + at, len - at);
}

void sg_serve_html_escape(const char *text, size_t len, sg_buf *out)
{
	for (size_t i = 0; i < len; i++) {
		switch (text[i]) {
		case '&': sg_buf_puts(out, "&amp;"); break;
		case '<': sg_buf_puts(out, "&lt;"); break;
		case '>': sg_buf_puts(out, "&gt;"); break;
		case '"': sg_buf_puts(out, "&quot;"); break;
		case '\'': sg_buf_puts(out, "&#39;"); break;
		default: sg_buf_putc(out, text[i]);
		}
	}
}
