/*
 * urlpath.h - which file of the output folder a request path names, if any.
 *
 * The server hands the raw path of the request line (not yet decoded) to
 * sg_serve_url_path(), which decodes it and refuses anything that could name
 * a file outside the output folder, or inside it but not meant to be served:
 * parts that are "..", "." or start with a dot (".salesgen/manifest"),
 * empty parts ("a//b"), a slash or backslash written as an escape (%2F,
 * %5C), a backslash, a NUL or other control byte, a malformed escape and
 * anything that does not start with "/". What it accepts is a path relative
 * to the folder that can be opened part by part (serve/fileopen.h).
 */
#ifndef SG_SERVE_URLPATH_H
#define SG_SERVE_URLPATH_H

#include <stddef.h>

/* The request path's file: 0 with the relative path in out ("" for "/";
 * "site/" for "/site/": a folder, named with its slash), or -1 when the
 * path is refused (the server answers 403), or -2 when it does not fit in
 * cap bytes (404). raw is the path as sent, without the query. */
int sg_serve_url_path(const char *raw, char *out, size_t cap);

#endif
