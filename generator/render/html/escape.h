/*
 * escape.h - text and URLs from content escaped for HTML.
 *
 * Whether a URL may be used at all is decided by the allow-list shared with
 * the PDFs, sg_url_safe() in base/url.h; this adds the escaping for HTML.
 */
#ifndef SG_RENDER_HTML_ESCAPE_H
#define SG_RENDER_HTML_ESCAPE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/url.h"

/* Appends s[0..len) to out escaped for HTML text and attribute values
 * (& < > " and '). */
void sg_html_escape(sg_buf *out, const char *s, size_t len);

/* Appends url to out for a double-quoted attribute value: leading and
 * trailing spaces and controls dropped, spaces, controls, '"', '<', '>', '\',
 * '^', '`', '{', '|', '}' and a '%' not followed by two hex digits
 * percent-encoded, '&' and '\'' escaped as character references. Non-ASCII
 * (UTF-8) is kept as it is. Does not check safety: call sg_url_safe()
 * first. */
void sg_url_escape_attr(sg_buf *out, const char *url);

/* Both: appends the escaped url and returns true, or appends nothing and
 * returns false when url is not safe. */
bool sg_url_put_safe(sg_buf *out, const char *url, sg_url_use use);

#endif
