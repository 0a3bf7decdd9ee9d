/*
 * fs.h - files: capped reads, atomic writes, directory listing, safe names.
 */
#ifndef SG_BASE_FS_H
#define SG_BASE_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/path.h"

/* The default cap on any content file: larger files are refused, not read. */
#define SG_FILE_CAP_DEFAULT (8u * 1024 * 1024)

/* Reads path into out (cleared first). Refuses files over cap bytes and
 * anything that is not a regular file. On failure adds an error at path to d
 * and returns -1. */
int sg_file_read(const char *path, size_t cap, sg_buf *out, sg_diags *d);

/* Writes data to path through a temporary file in the same directory and a
 * rename, so readers see the old file or the new one, never a partial one.
 * Creates missing parent directories. Returns 0, or -1 with errno set. */
int sg_file_write_atomic(const char *path, const void *data, size_t len);

/* mkdir -p. Returns 0 or -1 with errno set. */
int sg_mkdir_p(const char *path);

bool sg_file_exists(const char *path);
bool sg_dir_exists(const char *path);

/* Lists the regular files in dir whose names end in suffix (e.g. ".xml"),
 * sorted by name, as heap strings "dir/name". Hidden files are skipped.
 * Returns the count (0 when dir is missing); free with sg_path_list_free.
 * A symbolic link to a regular file is listed, even one that leads out of
 * the content folder: every content file is then read through
 * base/confine.h, which refuses it with an error naming the file and the
 * link. Leaving it out of the list would make the file silently missing
 * from every output, with nothing to say why. */
size_t sg_dir_list(const char *dir, const char *suffix, char ***out);
void sg_path_list_free(char **list, size_t n);


/* An id usable as a file name on every platform: 1..64 of [a-z0-9._-],
 * starting with a letter or digit, no "..", not a Windows reserved name. On
 * failure *why says what is wrong. */
bool sg_id_is_safe(const char *id, const char **why);

#endif
