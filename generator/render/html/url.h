/*
 * url.h - making URLs from content safe to put in HTML.
 *
 * Content may hold any link at all, and a site page holds internal data, so
 * only a small set of schemes survives: http, https, mailto, tel, relative
 * paths and fragments. javascript:, vbscript:, data: (except raster images in
 * an <img src>) and any other scheme are refused, however they are disguised:
 * leading white space or control characters, mixed case, tabs or newlines
 * inside the scheme (browsers strip them), or percent-escaped scheme
 * characters. Entities are already decoded by cmark, so "&#106;avascript:"
 * arrives as "javascript:".
 */
#ifndef SG_RENDER_HTML_URL_H
#define SG_RENDER_HTML_URL_H

#include <stdbool.h>

#include "base/buf.h"

typedef enum sg_url_use {
	SG_URL_LINK,  /* <a href> and the like */
	SG_URL_IMAGE, /* <img src>: also data:image/png|jpeg|gif|webp */
} sg_url_use;

/* True when url may be used as a link (or image source). */
bool sg_url_safe(const char *url, sg_url_use use);

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
