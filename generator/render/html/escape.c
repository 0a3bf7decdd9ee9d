/*
 * escape.c - text escaped for HTML, and URLs for HTML attributes.
 */
#include "render/html/escape.h"

#include <string.h>

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

void sg_html_escape(sg_buf *out, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sg_buf_put(out, s + run, i - run);
		sg_buf_puts(out, rep);
		run = i + 1;
	}
	sg_buf_put(out, s + run, len - run);
}

void sg_url_escape_attr(sg_buf *out, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = url ? url : "";
	size_t n = strlen(s);
	sg_url_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			sg_buf_puts(out, "&amp;");
		else if (c == '\'')
			sg_buf_puts(out, "&#39;");
		else if (sg_url_percent(s, n, i) >= 0)
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
