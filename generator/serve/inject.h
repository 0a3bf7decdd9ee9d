/*
 * inject.h - what the server adds to each HTML page it serves (never to
 * the file itself): the live-reload script, which also shows the overlay
 * of problems while the content has some (serve/live.c).
 */
#ifndef SG_SERVE_INJECT_H
#define SG_SERVE_INJECT_H

#include <stddef.h>

#include "base/buf.h"

/* The script tag every page gets. */
#define SG_SERVE_SCRIPT_TAG "<script src=\"/__salesgen/live.js\"></script>"

/* Writes html (len bytes) to out with snippet inserted: before the first
 * </head> (in any case), else just after the first <body ...> tag, else at
 * the start. The page's own bytes are otherwise copied unchanged. */
void sg_serve_inject(const char *html, size_t len, const char *snippet, sg_buf *out);

/* Appends text to out with &, <, >, " and ' written as character
 * references, for text and attribute values. */
void sg_serve_html_escape(const char *text, size_t len, sg_buf *out);

#endif
