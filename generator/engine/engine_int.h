/*
 * engine_int.h - what engine.c (targets, inputs, results), engine_run.c
 * (the plan and the run) and engine_state.c (the files in OUT/.salesgen)
 * share. Not public: producers see engine.h only.
 */
#ifndef SG_ENGINE_ENGINE_INT_H
#define SG_ENGINE_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sha256.h"
#include "base/strpool.h"
#include "engine/engine.h"
#include "engine/jobs.h"
#include "engine/manifest.h"
#include "engine/name_index.h"
#include "engine/outdir.h"
#include "engine/build_report.h"
#include "engine/remote_cache.h"

/* An input, one for every target that names it (engine.c interns them). */
typedef struct sg_eng_input {
	char *name;     /* as in the manifest and the report */
	char *path;     /* a file on disk; NULL for a value */
	const char *root; /* the content folder, for a content file: path stays in it */
	unsigned char *value; /* a value's bytes (path NULL) */
	size_t value_len;
	bool hashed;    /* hash (and missing, outside, has_error) worked out */
	bool missing;   /* a file that could not be read */
	bool outside;   /* a content file that leads outside the content folder */
	char *link;     /* outside: the link it leaves through (base/confine.h), or NULL */
	bool has_error; /* the content loader reported an error in it */
	bool tolerant;  /* a file of a listing: its errors do not fail the target */
	char hash[SG_SHA256_HEX];
	/* Its line in a manifest record (sg_manifest_input_line()), once
	 * hashed: a target whose record's lines are its inputs' lines in name
	 * order is compared with one memcmp() per input. Heap. */
	char *line;
	size_t line_len;
	size_t rank; /* its place among the inputs sorted by name */
} sg_eng_input;

/* A target is held for every output of a build (some 500,000 at 100,000
 * customers), so it is kept small: its kind is interned, its group and
 * source packed and shared with the target declared before it when the
 * same (a customer's proposal, quotation and review), its inputs are 32-bit
 * indexes, and the shared cache's key is made only with a cache. */
struct sg_target {
	sg_engine *engine;
	char *path;                        /* heap */
	const char *kind, *group, *source; /* in e->strings */
	sg_produce_fn fn;
	void *arg;
	uint32_t *inputs; /* indexes into e->inputs */
	uint32_t input_count, input_cap;
	uint32_t at; /* its index in e->targets once sorted: its job's number */
	double budget_time;
	size_t budget_memory;
	double weight;  /* sg_target_weight(), or 0 */
	size_t listed;  /* sg_target_input_listed() calls */
	void (*on_build)(void *arg); /* sg_target_on_build() */
	bool keeps;                  /* sg_target_keeps() */
	/* Its record in the old manifest (NULL: none), found while planning:
	 * the old manifest is not changed until it is written. */
	const sg_manifest_entry *rec;
	bool selected;
	sg_target_status status;
	const char *why;
	char *why_text;      /* why, when made for t (heap), or NULL */
	sg_diags diags;      /* problems found while planning or building */
	/* The SHA-256 of the output written (status BUILT): with bytes, its
	 * record in the next manifest, which is written from the targets. */
	uint8_t hash[SG_SHA256_LEN];
	uint64_t bytes;
	double seconds;
	const char *cache;   /* sg_result.cache (static) */
	char *cache_key; /* its action key (heap), when there is a cache */
};

/* An output of the old manifest whose target is gone. */
typedef struct sg_eng_gone {
	const char *path, *kind, *group;
	sg_target_status status; /* REMOVED or KEPT */
	sg_diags diags;
} sg_eng_gone;

/* The shard's manifest and stat cache, as the run found them
 * (sg_engine_open()). */
typedef struct sg_eng_state {
	char manifest[48], cache[48]; /* their names in the state folder */
	char changes[48];             /* the manifest's changes file (manifest.h) */
	bool had_changes;             /* there was one */
	/* The outputs the manifest file names (its records' paths, sorted,
	 * before its changes were laid over it): what a changes file is
	 * written against. */
	const char **base;
	size_t base_count;
	char *manifest_path;          /* OUT/.salesgen/NAME, for messages */
	/* For each record of old (by index) whose target is gone: what the
	 * next manifest keeps of it (SG_ENG_KEEP_...); the records of targets
	 * are the targets' own. NULL: none is kept. */
	unsigned char *keep;
	/* Whether the stat cache was read from its file: a build that changed
	 * nothing in it (sg_stat_cache_changed()) leaves the file as it is.
	 * (The manifest read, old.text, is compared with the new one for the
	 * same purpose: tens of megabytes not written again.) */
	bool cache_read;
	sg_manifest old;
} sg_eng_state;

/* What the next manifest keeps of an old record whose target is gone. */
enum {
	SG_ENG_KEEP_NONE = 0, /* nothing: removed, gone, or not salesgen's bytes */
	SG_ENG_KEEP_ALL,      /* the record: outside this run's scope */
	SG_ENG_KEEP_BARE      /* the record without inputs: its removal failed */
};

/* One result: a target, or an output whose target is gone. */
typedef struct sg_eng_row {
	const char *path;
	sg_target *t;   /* or NULL */
	sg_eng_gone *g; /* or NULL */
} sg_eng_row;

struct sg_engine {
	sg_engine_opts o;
	char *out_dir, *content_dir, *only, *customer, *cache_url, *cache_header;
	sg_date build_date;
	char version[64];
	sg_target **targets;
	size_t count, cap;
	/* The targets' kinds (interned), groups and sources (packed); the
	 * group and source last given, for the next target of that customer. */
	sg_arena strings;
	sg_strpool *pool;
	const char *last_group, *last_source;
	sg_eng_input *inputs;
	size_t input_count, input_cap;
	sg_name_index names; /* inputs by name */
	size_t *by_rank;     /* the inputs' indexes sorted by name (sg_eng_input.rank) */
	size_t *order;       /* scratch: a target's inputs' ranks */
	size_t order_cap;
	int exe_readable; /* /proc/self/exe: 0 not asked yet, 1 yes, -1 no */
	sg_eng_gone *gone;
	size_t gone_count, gone_cap;
	sg_outdir out;
	sg_stat_cache *cache;
	/* Files hashed in this run that were changed too recently for the
	 * stat cache (S_RACY_SECONDS): known for this run only. The content
	 * files hashed through the memo (sg_engine_memo()) in this run, opened
	 * inside the content folder by the loader, have their record in one of
	 * the two marked (sg_stat_cache_mark()): the plan takes their hashes
	 * from there instead of opening them again. (A cache of their own held
	 * each a second time: 20 MB at 100,000 customers.) */
	sg_stat_cache *fresh;
	sg_buf key;          /* scratch: a stat cache name, while planning */
	struct sg_eng_stats *stats; /* the outputs' stats, while planning (engine_run.c) */
	struct sg_eng_stores *stores; /* outputs for the shared cache, while building (engine_run.c) */
	size_t hashed;       /* files read to be hashed in this run */
	pthread_mutex_t memo_lock; /* the memo may be called from threads */
	int open_rc;         /* sg_engine_open(): 0 not yet, 1 open, -1 failed */
	pthread_t opener;    /* sg_engine_open_begin()'s thread, while opening */
	bool opening;
	sg_diags open_d;     /* its problems, for sg_engine_open() */
	bool preloaded;      /* the stat cache was read by sg_engine_preload() */
	sg_eng_state st;
	sg_remote_cache *remote; /* --cache, or NULL */
	bool remote_warned;      /* its failure was said */
	const sg_diags *content_diags;
	sg_progress progress;
	sg_summary summary;
	bool ran;
	sg_eng_row *rows; /* the results, sorted by path */
	/* The input names of the result last asked for (sg_engine_result()):
	 * one array for all, not one per target held to the end of the run. */
	const char **result_names;
	size_t result_names_cap;
	size_t row_count;
	sg_target **build; /* the targets being built, in the order they start */
	size_t early;      /* build[0, early) started while the others were planned */
	void (*while_building)(void *arg, sg_engine *e); /* sg_engine_while_building() */
	void *while_arg;
};

/* engine_state.c: the ranks of t's inputs in name order (the order of a
 * manifest record's lines) in e->order[0, t->input_count). */
void sg_eng_order_inputs(sg_engine *e, const sg_target *t);
/* engine_state.c: waits for sg_engine_open_begin()'s thread, if there is
 * one, its problems into d (NULL: dropped). */
void sg_eng_open_end(sg_engine *e, sg_diags *d);

/* engine.c: the name of input i of items (an sg_eng_input array), for
 * e->names. */
const char *sg_eng_input_name(const void *items, size_t i);

/* engine_state.c: the old manifest (with its changes laid over it) into
 * st->old and the stat cache into e->cache, problems into d; and, at the
 * end of the run, the next manifest written from e's targets (sorted by
 * path) and st->old's records (as st->keep says), and the stat cache (each
 * only when it changed), and st disposed of. */
void sg_eng_read_state(sg_engine *e, sg_eng_state *st, sg_diags *d);
/* What the last build of t kept for this one (sg_target_keeps) into out:
 * left empty when there is none, it cannot be read, or under --clean. */
void sg_eng_kept_read(const sg_engine *e, const sg_target *t, sg_buf *out);
/* Keeps keep for the next build of t (removes what was kept when keep is
 * empty). Failing only costs the next build time: not reported. */
void sg_eng_kept_write(const sg_engine *e, const sg_target *t, const sg_buf *keep);
void sg_eng_write_state(sg_engine *e, sg_eng_state *st, sg_diags *d);

/* engine.c: the monotonic clock, in seconds. */
double sg_eng_now(void);
/* engine.c: t was built (or taken from the shared cache) with the bytes of
 * SHA-256 hash (hex): its record in the next manifest. */
void sg_eng_record(sg_target *t, const char *hash);

/* engine_remote.c: the shared cache. Takes from it what it has of
 * e->build[0, *n) (checked, written), leaving in e->build the *n still to
 * build. */
void sg_eng_fetch(sg_engine *e, size_t *n);
/* engine_remote.c: the outputs waiting to be stored (e->stores), t's bytes
 * and record queued once it is built (with --cache-write), and the last
 * sent and e->stores freed at the end of the build. */
struct sg_eng_stores *sg_eng_stores_new(void);
void sg_eng_store(sg_engine *e, sg_target *t, const sg_job_result *r);
void sg_eng_stores_end(sg_engine *e);

#endif
