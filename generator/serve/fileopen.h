/*
 * fileopen.h - opening a file of the output folder without following a
 * symbolic link anywhere on the way: a link inside the output folder that
 * points outside it (or anywhere) is never served.
 */
#ifndef SG_SERVE_FILEOPEN_H
#define SG_SERVE_FILEOPEN_H

#include <sys/stat.h>

/* Opens rel (a path sg_serve_url_path() accepted, without a trailing
 * slash) under the folder rootfd, each part with O_NOFOLLOW. Returns the
 * descriptor of a regular file, its status in *st; or -EISDIR when rel is
 * a folder; or another negative errno (-ENOENT, -ELOOP for a link, -EACCES
 * for anything that is neither a file nor a folder). */
int sg_serve_open(int rootfd, const char *rel, struct stat *st);

#endif
