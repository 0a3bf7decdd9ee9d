/*
 * outdir.h - writing inside the output folder, and only there.
 *
 * Every output path is relative to the output folder and is checked twice:
 * by its spelling (no absolute path, no "." or ".." parts, nothing under
 * .salesgen/) and on disk: the folders on the way are opened one by one with
 * O_NOFOLLOW, so a symbolic link planted in the output folder is never
 * followed, and an existing output that is a symbolic link is refused rather
 * than written through.
 *
 * Writes go to a temporary file in OUT/.salesgen/tmp (tmp-K-of-N for a
 * shard) and are renamed into place, so a build killed at any moment leaves
 * each output either complete and old or complete and new, and leaves no
 * half-written file next to the outputs; leftovers in the temporary folder
 * are removed by the next build of the same shard. (When the target folder
 * is on another file system, the temporary file is made next to the output
 * instead.) Files are not fsync'ed: the rename protects against a killed
 * process, not against a power cut.
 *
 * All functions here are safe to call from several threads at once.
 */
#ifndef SG_ENGINE_OUTDIR_H
#define SG_ENGINE_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/sha256.h"
#include "engine/manifest.h"
#include "engine/shard.h"

#define SG_STATE_DIR ".salesgen"

typedef struct sg_outdir_last sg_outdir_last;

typedef struct sg_outdir {
	const char *path; /* as given, for messages */
	int fd;           /* the output folder */
	int state_fd;     /* OUT/.salesgen */
	int tmp_fd;       /* OUT/.salesgen/tmp or tmp-K-of-N */
	int lock_fd;      /* OUT/.salesgen/lock or lock-K-of-N, flock()ed */
	/* The folder of the last output stat'ed (sg_outdir_stat()), kept open:
	 * outputs are planned in path order, so most stats need one call
	 * instead of an open per folder on the way. NULL: none yet. */
	sg_outdir_last *last;
} sg_outdir;

/* Opens (creating when missing) the output folder, its state folder and the
 * shard's temporary folder, takes the shard's lock (another build of the
 * same shard in the same folder is refused) and empties the temporary
 * folder. On failure adds an
 * error at path to d and returns -1. */
int sg_outdir_open(sg_outdir *o, const char *path, sg_shard shard, sg_diags *d);
/* Closes the folders (removing the empty temporary folder). */
void sg_outdir_close(sg_outdir *o);

/* True when rel is an acceptable output path; else *why says why. */
bool sg_outdir_path_ok(const char *rel, const char **why);

/* Writes data to rel atomically. Returns 0, or -1 with *why set (a static
 * string or strerror's). */
int sg_outdir_write(const sg_outdir *o, const char *rel, const void *data, size_t len,
		    const char **why);

/* The stat key of rel when it is a regular file reached without symbolic
 * links. Returns 0 or -1 (missing, or not a plain file). */
int sg_outdir_stat(const sg_outdir *o, const char *rel, sg_stat_key *k);
/* The SHA-256 of rel's bytes (same conditions); fills k too. */
int sg_outdir_hash(const sg_outdir *o, const char *rel, char hash[SG_SHA256_HEX],
		   sg_stat_key *k);
/* Deletes rel (a regular file, reached without symbolic links) and then the
 * folders above it that became empty. Returns 0 or -1 with errno set. */
/* Appends the bytes of rel (a regular file reached without symbolic links)
 * to out. Returns 0, or -1 with errno set. */
int sg_outdir_read(const sg_outdir *o, const char *rel, sg_buf *out);

int sg_outdir_remove(const sg_outdir *o, const char *rel);
/* Ensures rel is a folder inside the output folder (creating it), reached
 * without symbolic links. For steps. Returns 0 or -1 with *why set. */
int sg_outdir_mkdir(const sg_outdir *o, const char *rel, const char **why);

/* Files of the state folder (manifest, cache): read (a missing file reads
 * as empty and returns 1) and written atomically. */
int sg_outdir_state_read(const sg_outdir *o, const char *name, sg_buf *out);
int sg_outdir_state_write(const sg_outdir *o, const char *name, const void *data, size_t len);
/* The same file mapped read-only (mmap()): *text, *len (NULL and 0 when it
 * is empty) and 0; 1 when there is no such file; -1 with errno set. State
 * files are replaced by a rename, never written in place, so the mapping
 * stays what was read. */
int sg_outdir_state_map(const sg_outdir *o, const char *name, const char **text, size_t *len);
/* The same, the bytes handed to put by fill(arg, put, sink) as it makes
 * them: a large file is never held whole. A fill that returns nonzero
 * leaves the old file as it was (-1, errno EIO unless set). */
typedef int (*sg_fill_fn)(void *arg, sg_sink_fn put, void *sink);
int sg_outdir_state_stream(const sg_outdir *o, const char *name, sg_fill_fn fill, void *arg);
/* Removes a file of the state folder. Returns 0 (also when there was
 * none), or -1 with errno set. */
int sg_outdir_state_remove(const sg_outdir *o, const char *name);
/* Appends what is left of the open file fd to out, in one buffer of its
 * size when it is a regular file. Returns 0, or -1 with errno set. */
int sg_outdir_read_fd(int fd, sg_buf *out);

/* The key of an open file's stat. */
struct stat;
void sg_stat_key_from(sg_stat_key *k, const struct stat *st);

#endif
