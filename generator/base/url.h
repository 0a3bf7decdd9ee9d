/*
 * url.h - which link targets from content may be followed.
 *
 * One allow-list for every output: the site's links and images, raw HTML
 * kept on the site, and the link annotations of the PDFs. Content may hold
 * any link at all, and both the site and the PDFs hold internal data, so
 * only http, https, mailto, tel and relative references (paths, queries,
 * fragments) survive. javascript:, vbscript:, file:, data: (except raster
 * images in an image source) and any other scheme are refused, however they
 * are disguised: leading or trailing white space and control characters,
 * mixed case, tabs or newlines inside the scheme (browsers strip them),
 * percent-escaped scheme characters or colon. A reference to another host
 * without a scheme ("//host/x"), and a Windows path ("\\host\share", a
 * network share, or "\dir\file", which readers open as files) are refused
 * too: a URL that starts with two slashes or with a backslash.
 *
 * Character references are decoded before a URL gets here (cmark does it for
 * Markdown, libxml2 for raw HTML), so "&#106;avascript:" arrives as
 * "javascript:".
 */
#ifndef SG_BASE_URL_H
#define SG_BASE_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

typedef enum sg_url_use {
	SG_URL_LINK,  /* <a href>, a PDF link annotation */
	SG_URL_IMAGE, /* <img src>: also data:image/png|jpeg|gif|webp */
} sg_url_use;

/* The allowed kinds, for messages: "... (only SG_URL_ALLOWED): ...". */
#define SG_URL_ALLOWED "http, https, mailto, tel and relative links"

/* True when url may be used as a link (or image source). NULL is refused. */
bool sg_url_safe(const char *url, sg_url_use use);

/* True when url (leading and trailing white space aside) is an absolute
 * http or https address, in any case ("HTTPS://"): an image there is on the
 * web. salesgen never downloads one: a PDF shows it as a link, and the site
 * as site.xml says (docs/content.md). */
bool sg_url_is_remote(const char *url);

/* Appends url to out as a message shows it: control characters as \xHH,
 * at most about 100 bytes (cut between characters, "..." after), so that a
 * long data: URL or a newline cannot spoil the message's line. */
void sg_url_for_message(sg_buf *out, const char *url);

/* Drops the leading and trailing C0 controls and spaces of the n bytes at
 * *s, as browsers do with a URL: moves *s on and shortens *n. */
void sg_url_trim(const char **s, size_t *n);

/* The byte the percent escape at s[i] ("%3A") stands for, or -1 when s[i]
 * does not start one (n is the length of s). */
int sg_url_percent(const char *s, size_t n, size_t i);

#endif
