/*
 * outguard.h - outputs never touch inputs.
 *
 * Every path a command writes (`-o`, `--out`, `--report`, `--junit`) is
 * checked here before anything is written: it must not be a file the run
 * reads, nor lie inside a folder the run reads (the content folder, the
 * theme); an output folder must not hold such a folder either. Paths are
 * compared after symbolic links and "." and ".." parts are resolved, also
 * when the path does not exist yet (an output to be made): the part that
 * exists is resolved, the rest taken as written. Files are also compared by
 * device and inode, so a hard link to an input counts as the input.
 *
 * Besides the inputs a command names, the files it opens while it works
 * (the images a document shows, its logo, ...) can be recorded as they are
 * read (sg_outguard_track_reads); a check made after the work, just before
 * the write, then covers them too.
 */
#ifndef SG_BASE_OUTGUARD_H
#define SG_BASE_OUTGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sg_outguard_item {
	char *real;       /* resolved absolute path (heap) */
	char *shown;      /* as the user wrote it, for messages (heap) */
	const char *what; /* "the document", "content", "theme" (static) */
	bool folder;      /* a folder whose whole tree is read */
	bool have_id;     /* dev and ino are known (the path exists) */
	uint64_t dev, ino;
} sg_outguard_item;

typedef struct sg_outguard {
	sg_outguard_item *items;
	size_t count, cap;
} sg_outguard;

void sg_outguard_init(sg_outguard *g);
void sg_outguard_dispose(sg_outguard *g);

/* A file the run reads; what says what it is, e.g. "the document" (a
 * static string). path is copied. */
void sg_outguard_input(sg_outguard *g, const char *path, const char *what);
/* A folder the run reads everything in; what names it in messages
 * ("content", "theme": "the content folder content"). */
void sg_outguard_folder(sg_outguard *g, const char *path, const char *what);

/* 0 when salesgen may write path. Else -1 and *why (heap, the caller
 * frees) says why, e.g. "this is an input of the run (the document
 * content/playbooks/x.md): choose another file". folder: path is an output
 * folder (then it must not hold a guarded folder either). The files
 * recorded by sg_outguard_track_reads() are inputs too. */
int sg_outguard_check(const sg_outguard *g, const char *path, bool folder, char **why);

/* sg_outguard_check(), printing "PREFIX: OPTION PATH: why" on stderr when
 * path is refused (OPTION may be NULL for a default path). Returns 0 or -1. */
int sg_outguard_refuse(const sg_outguard *g, const char *prefix, const char *option,
		       const char *path, bool folder);

/* path as an absolute spelling without symbolic links or "." and ".."
 * parts, though its end need not exist: each existing part is resolved
 * (a link at the end too, also one that points nowhere yet), the missing
 * rest is taken as written. Heap; NULL with errno set (ELOOP, or the
 * current folder cannot be named). */
char *sg_outguard_real(const char *path);

/* True when path a is b or lies inside it (both from sg_outguard_real). */
bool sg_outguard_within(const char *a, const char *b);

/* While on, every file opened through sg_outguard_note_read() is recorded
 * as an input of the run. Turning it off forgets them. Process-wide; the
 * recording is thread-safe. */
void sg_outguard_track_reads(bool on);
/* Records the open file fd (read as path) when tracking is on. */
void sg_outguard_note_read(int fd, const char *path);

#endif
