/*
 * markdown_html.h - a document tree (load/doctree.h) to HTML5.
 *
 * salesgen's own walk over the tree, only reading it (the PDF of the same
 * document may walk it at the same time), not cmark's HTML writer: the site
 * needs heading ids and a table of contents, link rewriting, URL filtering,
 * accessible task-list checkboxes, tables that scroll on narrow screens, and
 * no raw HTML unless the site allows it (and then only what sanitize.h
 * allows).
 *
 * Output is deterministic: the same tree and options give the same bytes.
 * All text is escaped for HTML; every URL goes through sg_url_safe() (see
 * base/url.h), and a link or image whose URL is refused is rendered as its text
 * (an image: as its alt text).
 */
#ifndef SG_RENDER_HTML_MARKDOWN_HTML_H
#define SG_RENDER_HTML_MARKDOWN_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "load/doctree.h"

/* One heading of the document, in document order. */
typedef struct sg_html_toc_entry {
	int level;        /* 1..6, after heading_shift (clamped to 6) */
	const char *id;   /* the id attribute given to the heading, with id_prefix */
	const char *text; /* the heading's plain text, not escaped */
} sg_html_toc_entry;

typedef struct sg_html_opts {
	bool allow_raw_html;   /* site setting; default false: raw HTML blocks/inlines
				* dropped; true: kept, then sanitised (see below) */
	bool no_remote_images; /* site setting; default false: an image at an
				* http(s) address is an <img>; true: a link to
				* its address (see below) */
	const char *id_prefix; /* prefix for heading ids, may be NULL */
	int heading_shift;     /* added to heading levels (1: the page's h1 is its title) */
	/* Link rewriting, e.g. other-playbook.md -> other-playbook.html; may be
	 * NULL. Called with every link and image URL before the safety check;
	 * returns the URL to use (url itself when unchanged, or a string in a),
	 * never NULL. The result is checked by sg_url_safe() all the same. */
	const char *(*rewrite_link)(void *ctx, const char *url, sg_arena *a);
	void *ctx; /* passed to rewrite_link */
	const sg_mdnode *skip; /* a node left out (a title the page shows), or NULL */
} sg_html_opts;

/* Appends root (a document, or any block) to out as HTML5. o may be NULL for
 * the defaults (all zero). Fills *toc (array in a, may be NULL when there are
 * no headings) and *toc_count with the headings; toc and toc_count may be
 * NULL when the caller does not want them.
 *
 * Heading ids are unique within one call, made from the heading's plain
 * text the way GitHub does it: ASCII letters in lower case; letters and
 * digits of any script (CJK included), '-' and '_' kept as they are; a run
 * of white space becomes one '-'; punctuation (ASCII, CJK and full-width)
 * is dropped. So "安全性顾虑" -> id="安全性顾虑", "一、安全性" -> "一安全性",
 * "Step 1: Set up" -> "step-1-set-up". A repeated id gets "-2", "-3", ...;
 * one with nothing left becomes "section". id_prefix goes in front of each.
 *
 * With allow_raw_html, raw HTML blocks and inlines are kept, and the whole
 * fragment (salesgen's markup and the raw HTML together) is then reduced
 * to an allow-list by sg_html_sanitize() (sanitize.h): a raw tag left open
 * is closed at the end of the fragment, and nothing that can run is kept.
 * Without it they are dropped and the output is not parsed again.
 *
 * With no_remote_images, an image whose URL is an http(s) address
 * (sg_url_is_remote) is written as a link to that address,
 * <a class="remote-image" href="URL">, its text the image's description or,
 * without one, the address; inside a link, as the text alone. Raw HTML
 * images at such addresses are treated the same by the sanitiser.
 *
 * Also: a soft line break between two CJK characters is dropped (a space
 * would show between ideographs); task items become <li class="task"> with a
 * disabled checkbox inside a <label> holding the item's first paragraph (its
 * accessible name), in a <ul class="task-list">; tables are wrapped in
 * <div class="table-wrap"> and aligned with class="align-left|center|right";
 * images get loading="lazy". URLs keep UTF-8 as it is ("#价格"), so the
 * href of a link to a heading is the heading's id.
 *
 * Returns 0 (the renderer has no failure of its own; the int is for
 * symmetry with the other renderers). Strings live in a. */
int sg_html_markdown(sg_buf *out, const sg_mdnode *root, const sg_html_opts *o, sg_arena *a,
		     sg_html_toc_entry **toc, size_t *toc_count);


#endif
