/*
 * manifest.h - what each output was made from: OUT/.salesgen/manifest.
 *
 * One record per output salesgen wrote: its path in the output folder, kind,
 * group (customer), the SHA-256 and size of the bytes written, and the
 * SHA-256 of every input it was made from. A text file, sorted by path, with
 * no times in it: the same build gives the same manifest.
 *
 *     salesgen-manifest 1
 *     O <sha256> <size> <kind> <group or -> <path>
 *     I <sha256> <input name>
 *     I ...
 *
 * Names are written as they are, except '%', control characters and DEL,
 * which are written %XX. A record with no I lines is an output whose last
 * build failed: it is rebuilt next time. A record is proof that salesgen
 * made the file: only such files are ever removed.
 *
 * A build that changes a few records (one edited customer) does not write
 * the whole file again: it writes the records that differ from the
 * manifest's in a CHANGES file beside it (manifest-changes), the same
 * lines with another first line, and an R line per output the manifest
 * names that is no longer there:
 *
 *     salesgen-manifest-changes 1
 *     O ... and its I lines, as above
 *     R <path>
 *
 * Together they are the records; the manifest is written whole again (and
 * the changes file removed) once the changes outgrow a quarter of it. Each
 * record in either file is a true statement (this output, with these
 * bytes, was made from inputs with these hashes), so reading the manifest
 * without its changes file, or with one left from a build killed between
 * the two, only makes outputs be built again.
 *
 * The STAT CACHE (OUT/.salesgen/cache) is separate because it is not
 * deterministic: for each file hashed (inputs and outputs), its size, mtime
 * and inode and the hash, so an unchanged file is not read again. It is only
 * a shortcut; deleting it costs one re-hash of everything.
 */
#ifndef SG_ENGINE_MANIFEST_H
#define SG_ENGINE_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/sha256.h"

typedef struct sg_manifest_input {
	const char *name; /* both interned in the manifest: thousands of */
	const char *hash; /* outputs share the same inputs */
} sg_manifest_input;

typedef struct sg_manifest_entry {
	const char *path;
	const char *kind;
	const char *group; /* NULL: none */
	char hash[SG_SHA256_HEX];
	uint64_t size;
	/* The inputs: input_count of them, in inputs, or, while inputs is NULL,
	 * only in lines (see below). Use sg_manifest_inputs(). */
	sg_manifest_input *inputs;
	size_t input_count, input_cap;
	bool inputs_sorted; /* by name (strcmp): as parsed, when the file had them so */
	/* The record's I lines as the file has them, when they are exactly
	 * what sg_manifest_write() makes of its inputs (well-formed, sorted,
	 * no name needing %XX), else NULL. A build compares a target's inputs
	 * with them and copies them into the next manifest as they are,
	 * without parsing them: at 10,000 customers they are half a million
	 * lines, of which a one-edit build changes a few. They point into the
	 * text of the manifest read (sg_manifest.text), or of the one a record
	 * was copied from (sg_manifest_copy()). */
	const char *lines;
	size_t lines_len;
	char *names; /* the strings of inputs once parsed from lines: heap */
	/* Whether the record may differ from the manifest file's: read from a
	 * changes file, added, or copied from such a record. */
	bool changed;
	bool removed; /* an R line of a changes file */
} sg_manifest_entry;

typedef struct sg_manifest {
	sg_arena arena; /* every string of the manifest */
	sg_manifest_entry *entries;
	size_t count, cap;
	bool sorted;
	sg_arena scratch; /* names while parsing */
	const char **strings; /* interned input names and hashes: open addressing */
	size_t string_count, string_slots;
	char *text; /* the text parsed, which the records' lines point into */
	size_t text_len;
	bool text_mapped; /* text is a file's mapping (munmap), not heap */
	size_t released, release_at; /* sg_manifest_release()'s walk */
	bool changes; /* a changes file's records */
	bool text_kept; /* sg_manifest_keep_from_workers() */
	struct sg_manifest *overlay; /* the changes laid over it (heap), or NULL */
} sg_manifest;

void sg_manifest_init(sg_manifest *m);
void sg_manifest_dispose(sg_manifest *m);

/* Parses text (the file's contents) into m (which must be empty), keeping
 * a copy of it. A line that does not parse is a warning at its line in d
 * (path names the file); the records read so far are kept. Returns 0, or
 * -1 when the file is not a manifest at all (m is then left empty). */
int sg_manifest_parse(sg_manifest *m, const char *text, size_t len, const char *path,
		      sg_diags *d);
/* The same, taking text's bytes instead of copying them: text is left
 * empty. */
int sg_manifest_parse_buf(sg_manifest *m, sg_buf *text, const char *path, sg_diags *d);
/* The same, taking a read-only mapping of the file (len bytes from mmap();
 * NULL when len is 0): m unmaps it when disposed, or at once when it is not
 * a manifest. Reading a manifest of tens of megabytes into the heap cost a
 * zeroed page and a copy for each of its pages. Its pages leave the
 * resident set as it is parsed, and come back from the file as records are
 * compared and written, walking it from the start (sg_manifest_release()):
 * a manifest of 100,000 customers is some 560 MB, which a build held whole
 * from its start to its end. */
int sg_manifest_parse_mapped(sg_manifest *m, const char *text, size_t len, const char *path,
			     sg_diags *d);

/* Tells m that a walk of its records (in path order, which is the text's)
 * has reached upto (a pointer into its text, else nothing is done): the
 * pages of a mapped text before it leave the resident set. Reading them
 * again is correct, only slower; a walk from the start again (upto back
 * before the last) releases from the start. */
void sg_manifest_release(sg_manifest *m, const char *upto);

/* The same for a changes file (see above), into m, which must be empty. */
int sg_manifest_parse_changes(sg_manifest *m, sg_buf *text, const char *path, sg_diags *d);
/* Lays the records of changes (parsed by sg_manifest_parse_changes(), on
 * the heap) over m's: each replaces m's record of its path, an R line
 * drops it. m takes changes, which it frees. */
void sg_manifest_overlay(sg_manifest *m, sg_manifest *changes);
/* Appends to out m's changes from a manifest file whose records are those
 * of the paths base[0, n) (sorted): its records that may differ
 * (sg_manifest_entry.changed) and an R line for each path of base that m
 * does not have. */
void sg_manifest_write_changes(sg_manifest *m, const char *const *base, size_t n,
			       sg_buf *out);

/* Keeps the pages of m's text (and its changes') out of processes forked
 * from now on until m is disposed of (MADV_DONTFORK): the build's workers
 * never read the manifest, and inheriting tens of megabytes only made
 * each look that much larger (its resident set counts them). */
void sg_manifest_keep_from_workers(sg_manifest *m);

/* e's inputs (e->input_count of them), parsed from its lines on the first
 * call. Not for two threads at once. */
const sg_manifest_input *sg_manifest_inputs(const sg_manifest_entry *e);

/* Appends to out the I line that sg_manifest_write() writes for an input
 * called name with hash hash ("I HASH NAME\n"). */
void sg_manifest_input_line(sg_buf *out, const char *name, const char *hash);

/* Appends e's I lines as sg_manifest_write() writes them: its lines as
 * read, or its inputs sorted by name. */
void sg_manifest_entry_lines(const sg_manifest_entry *e, sg_buf *out);

/* A record to be written, as a source (below) gives it. */
typedef struct sg_manifest_rec {
	const char *path, *kind, *group; /* group NULL: none */
	const char *hash;                /* SHA-256, hex */
	uint64_t size;
	bool changed; /* as sg_manifest_entry.changed: goes to a changes file */
} sg_manifest_rec;

/* Records given one at a time, sorted by path, to be written as they come:
 * a build writes its next manifest from its targets and the old records
 * this way, never holding a second copy of them (engine_state.c). A
 * source may be walked once; make another to walk again. */
typedef struct sg_manifest_source {
	/* The next record into *r: true, or false after the last. */
	bool (*next)(void *arg, sg_manifest_rec *r);
	/* Appends the I lines of the record next gave last, sorted by name
	 * (each as sg_manifest_input_line() makes it). */
	void (*lines)(void *arg, sg_buf *out);
	void *arg;
} sg_manifest_source;

/* sg_manifest_stream() and sg_manifest_write_changes() of the records src
 * gives: the same bytes as for a manifest that held them. The changes stop
 * once out holds more than limit bytes, which returns false (out is then
 * not all of them): a build whose changes outgrow a quarter of the
 * manifest writes it whole, and made its whole text as changes first. */
int sg_manifest_stream_source(const sg_manifest_source *src, sg_sink_fn put, void *sink);
bool sg_manifest_changes_source(const sg_manifest_source *src, const char *const *base,
				size_t n, sg_buf *out, size_t limit);

/* Appends the manifest, sorted by path, to out. */
void sg_manifest_write(sg_manifest *m, sg_buf *out);
/* The same bytes handed to put(sink, ...) in pieces of some 64 KB (whole
 * records) as they are made: a manifest of tens of megabytes is never held
 * whole. Returns 0, or -1 as soon as put does. */
int sg_manifest_stream(sg_manifest *m, sg_sink_fn put, void *sink);

/* Adds a record (strings copied; group may be NULL) and returns it; add its
 * inputs with sg_manifest_add_input(). */
sg_manifest_entry *sg_manifest_add(sg_manifest *m, const char *path, const char *kind,
				   const char *group, const char *hash, uint64_t size);
void sg_manifest_add_input(sg_manifest *m, sg_manifest_entry *e, const char *name,
			   const char *hash);
/* Copies a record of another manifest into m. Its lines (see
 * sg_manifest_entry) are shared, not copied: the manifest from belongs to
 * must stay until m is written and disposed of. */
sg_manifest_entry *sg_manifest_copy(sg_manifest *m, const sg_manifest_entry *from,
				    bool with_inputs);

/* The record of path, or NULL. Sorts m first if needed; the pointer is valid
 * until the next add. */
const sg_manifest_entry *sg_manifest_find(sg_manifest *m, const char *path);
/* The hash of input name in e, or NULL. */
const char *sg_manifest_input_hash(const sg_manifest_entry *e, const char *name);

/* ---------------------------------------------------------------- stat cache */

typedef struct sg_stat_key {
	uint64_t size;
	int64_t mtime_sec;
	int64_t mtime_nsec;
	uint64_t ino;
} sg_stat_key;

/* The hashes the cache gives (sg_stat_cache_get(), _hash(), _marked())
 * are in a buffer of the cache's own: valid until the next call on it. */
typedef struct sg_stat_cache sg_stat_cache;

sg_stat_cache *sg_stat_cache_new(void);
void sg_stat_cache_free(sg_stat_cache *c);
/* Reads the cache file's text; lines that do not parse are skipped. */
void sg_stat_cache_parse(sg_stat_cache *c, const char *text, size_t len);
/* The cached hash of path when its stat key is still k, else NULL. */
const char *sg_stat_cache_get(const sg_stat_cache *c, const char *path, const sg_stat_key *k);
/* Records (or replaces) path. */
void sg_stat_cache_put(sg_stat_cache *c, const char *path, const sg_stat_key *k,
		       const char *hash);
/* Appends the cache as text, sorted by path. */
void sg_stat_cache_write(const sg_stat_cache *c, sg_buf *out);
/* The same bytes handed to put(sink, ...) in pieces of some 64 KB (whole
 * lines): at 100,000 customers the text is tens of megabytes. Returns 0,
 * or -1 as soon as put does. */
int sg_stat_cache_stream(const sg_stat_cache *c, sg_sink_fn put, void *sink);
/* Whether a record was added or changed since the cache was made or last
 * parsed: a cache that was not is not written again. */
bool sg_stat_cache_changed(const sg_stat_cache *c);
/* The hash recorded for path, whatever its stat key, or NULL. */
const char *sg_stat_cache_hash(const sg_stat_cache *c, const char *path);
/* Marks the record of path, when its stat key is k, as a file hashed in
 * this run (by the loader: sg_engine_memo()); returns whether there was one
 * to mark. A mark is not written, and a record put again loses it. */
bool sg_stat_cache_mark(sg_stat_cache *c, const char *path, const sg_stat_key *k);
/* The hash of path when its record is marked, else NULL. */
const char *sg_stat_cache_marked(const sg_stat_cache *c, const char *path);

#endif
