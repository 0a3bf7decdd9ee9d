/*
 * sanitize.h - raw HTML from content, reduced to an allow-list.
 *
 * When site.xml says raw-html="true", a document's rendered HTML (the
 * Markdown's own markup and the raw HTML written in it, together) goes
 * through sg_html_sanitize() before a template sees it. The fragment is
 * parsed as one tree by libxml2's HTML parser and salesgen writes the tree
 * out again itself: only the elements and attributes listed below, every
 * element closed inside the fragment, every text and attribute value
 * escaped. Nothing of the input is copied through as markup, so no quoting
 * trick, unclosed tag or character reference can make the output mean more
 * than the tree it was written from.
 *
 * Kept (with their content): a abbr b bdi bdo blockquote br caption cite
 * code col colgroup dd del details dfn div dl dt em figcaption figure h1-h6
 * hr i img ins kbd label li mark ol p pre q rp rt ruby s samp small span
 * strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr,
 * and input only as a disabled checkbox (a task list's box).
 *
 * Dropped with their content: script style template iframe frame frameset
 * noframes object embed applet svg math noscript noembed textarea select
 * title base meta link. Comments, processing instructions and doctype are
 * dropped. Any other element (form, button, font, video, an unknown name,
 * ...) is dropped but its content kept, checked the same way.
 *
 * Attributes kept: on every kept element id, class, title, lang, dir and
 * aria-label; besides, a: href; img: src alt width height loading;
 * blockquote, q: cite; del, ins: cite datetime; time: datetime; td: colspan
 * rowspan; th: colspan rowspan scope; col, colgroup: span; ol: start
 * reversed type; li: value; details: open; input: checked. Every other
 * attribute is dropped: event handlers (on...), style, srcset, action,
 * formaction, xlink:href, target, name, ... href, src and cite are kept only
 * when sg_url_safe() accepts their value (after libxml2 decoded character
 * references), as links (src: as an image source).
 */
#ifndef SG_RENDER_HTML_SANITIZE_H
#define SG_RENDER_HTML_SANITIZE_H

#include <stddef.h>

#include "base/buf.h"

/* Appends html[0..len), an HTML fragment in UTF-8 (invalid bytes and NUL
 * become U+FFFD), to out reduced to the allow-list above. The output is
 * deterministic. Markup that already keeps to the list and is written the
 * way salesgen writes it (attributes in double quotes, text escaped with
 * sg_html_escape(), URLs with sg_url_escape_attr()) comes out byte for byte
 * as it went in. Never fails: out of memory aborts. */
void sg_html_sanitize(sg_buf *out, const char *html, size_t len);

/* What sg_html_sanitize_with() may do besides. */
enum {
	/* An <img> whose src is an http(s) address (sg_url_is_remote) is
	 * written as a link to it, <a class="remote-image" href="SRC">ALT</a>
	 * (the address as text when there is no alt), or as the text alone
	 * inside a link: the site.xml setting remote-images="false". */
	SG_SANITIZE_NO_REMOTE_IMAGES = 1,
};

/* sg_html_sanitize() with flags, a combination of the values above. */
void sg_html_sanitize_with(sg_buf *out, const char *html, size_t len, unsigned flags);

#endif
