/*
 * engine.h - the build engine every output of `salesgen build` goes through.
 *
 * A TARGET is one output file, named by its path relative to the output
 * folder ("costs/hengtong-logistics.json", "proposals/x.pdf"). It has a kind
 * ("cost", "proposal", "report", "page", "asset", "site"), a group (the
 * customer it belongs to, for --customer; NULL for outputs about many), the
 * INPUTS it is made from (content files, theme files, fonts, values such as
 * the build date) and a PRODUCER: a function that returns the output's bytes.
 *
 * Producers never write files. The engine decides what to build (the PLAN:
 * an output is rebuilt when one of its inputs changed since the manifest was
 * written, when it is missing, or when it was changed by hand), runs the
 * producers in parallel, writes each result atomically inside the output
 * folder (never through a symbolic link), removes outputs whose target is
 * gone (only those the manifest says salesgen made), and records what each
 * output was made from in OUT/.salesgen/manifest (manifest.h).
 *
 * Jobs run either in threads of this process or, when a time or memory
 * budget is set (the default), in forked worker processes, so that a
 * document that takes too long or too much memory fails alone, by name,
 * instead of stalling or killing the build (jobs.h).
 *
 * Typical use (cli/cmd_build.c, targets/):
 *
 *     sg_engine *e = sg_engine_new(&opts);
 *     sg_target *t = sg_engine_add(e, "cost", "costs/x.json", produce_cost, cu);
 *     sg_target_group(t, cu->id);
 *     sg_target_input_content(t, "customers/x.xml");
 *     sg_target_input_content(t, "catalog.xml");
 *     ...
 *     // plan, build, remove, manifest; content_diags: the loader's problems
 *     int rc = sg_engine_run(e, &content_diags, &diags);
 *     sg_build_report_json(e, times, &text);   // build_report.h
 *     sg_engine_free(e);
 *
 * Threads: everything a producer reads besides its own arguments (the
 * content model, fonts, themes) must stay read-only while sg_engine_run()
 * runs. Producers run concurrently with each other, each with its own diags
 * and output buffer. A library that needs one-time set-up (cmark-gfm's
 * extension registry) must be set up before the run or under pthread_once.
 */
#ifndef SG_ENGINE_ENGINE_H
#define SG_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/sha256.h"
#include "engine/shard.h"

typedef struct sg_engine sg_engine;
typedef struct sg_target sg_target;

/* What a producer is given. Everything here is read-only to it except d. */
typedef struct sg_produce {
	const char *path;   /* the output, relative to the output folder */
	const char *kind;
	const char *source; /* the target's main source file as given, or NULL */
	void *arg;          /* as given to sg_engine_add() */
	/* The engine's build date (sg_engine_opts: the command line's
	 * SOURCE_DATE_EPOCH as a UTC day); unset (year 0) without it, and then
	 * a producer uses the customer's as-of date: never the clock. A
	 * producer that shows this date must have declared it as an input with
	 * sg_target_input_build_date(). */
	sg_date build_date;
	sg_diags *d; /* this target's problems; an error (or a warning under
		      * --strict) fails the target */
	/* What the last build of this output kept for this one
	 * (sg_target_keeps()): its bytes, kept_len 0 when there are none (or
	 * they cannot be read, or --clean). Any bytes: the producer checks
	 * them, and the output must not depend on them. */
	const void *kept;
	size_t kept_len;
	/* What this build keeps for the next (sg_target_keeps(); NULL
	 * otherwise), empty on entry: written once the output is; left empty,
	 * what was kept is removed. */
	sg_buf *keep;
} sg_produce;

/* Puts the output's bytes into out (empty on entry) and returns 0, or
 * returns -1 after adding at least one error to p->d (the engine adds a
 * generic one if it did not). Must not write files, print, or change shared
 * state; may be called in a thread or a forked process. */
typedef int (*sg_produce_fn)(const sg_produce *p, sg_buf *out);

typedef enum sg_jobs_mode {
	SG_JOBS_AUTO,      /* processes when a budget is set, else threads */
	SG_JOBS_THREADS,   /* in-process threads: no budgets */
	SG_JOBS_PROCESSES, /* forked workers with budgets */
} sg_jobs_mode;

typedef struct sg_engine_opts {
	const char *out_dir;     /* the output folder (created when missing) */
	const char *content_dir; /* inputs named with sg_target_input_content() */
	int jobs;                /* workers; 0: the number of online cores */
	sg_jobs_mode mode;
	double budget_time;      /* seconds per target; 0: none */
	size_t budget_memory;    /* bytes per target above the loaded content; 0: none */
	sg_shard shard;          /* {0,0}: every target */
	const char *only;        /* "costs", "proposals", "reports", "site"; NULL: all */
	const char *customer;    /* build only this group; NULL: all */
	bool clean;              /* rebuild everything (ignores the manifest) */
	bool strict;             /* warnings are errors */
	/* Progress on stderr: 0 quiet, 1 normal, 2 verbose (a line per output). */
	int verbosity;
	bool progress_tty;       /* draw a one-line bar (stderr is a terminal) */
	/* The date outputs show (the command line's SOURCE_DATE_EPOCH, as a UTC
	 * day); unset (year 0): each producer uses its customer's as-of date. */
	sg_date build_date;
	/* A shared cache of outputs (engine/remote_cache.h): the URL before
	 * /ac/ and /cas/, or NULL; a header sent with each request (NULL:
	 * none); whether outputs built here are stored in it. */
	const char *cache_url;
	const char *cache_header;
	bool cache_write;
} sg_engine_opts;

/* The documented defaults of the budgets. */
#define SG_BUDGET_TIME_DEFAULT 20.0
#define SG_BUDGET_MEMORY_DEFAULT ((size_t)512 * 1024 * 1024)
/* What a target's budgets grow by for each file it lists
 * (sg_target_input_listed()), when the budget is not 0 (none): an output
 * that lists every customer needs time and memory in proportion to them, and
 * a budget fit for one customer's proposal would stop it at a size no input
 * is wrong at. The pipeline report needs about 3.5 KiB and, on a loaded core,
 * 0.2 ms a customer; the allowance is twice that and more. */
#define SG_BUDGET_TIME_PER_LISTED 0.0005
#define SG_BUDGET_MEMORY_PER_LISTED ((size_t)8 * 1024)
/* A new engine; copies what it needs from o. Never NULL. */
sg_engine *sg_engine_new(const sg_engine_opts *o);
void sg_engine_free(sg_engine *e);

/* The build date producers see (unset without SOURCE_DATE_EPOCH). */
sg_date sg_engine_build_date(const sg_engine *e);

/* Adds a target: the output file path (relative to the output folder; a path
 * that is absolute, holds "..", "." or empty parts, or starts with ".salesgen"
 * is refused when the engine runs: the target fails). kind and path are
 * copied. arg is handed to fn and must stay valid and unchanged until the
 * run is over. Adding two targets with one path is a programmer error. */
sg_target *sg_engine_add(sg_engine *e, const char *kind, const char *path, sg_produce_fn fn,
			 void *arg);
/* The customer (or other group) a target belongs to: --customer builds
 * only that group's targets. Copied. */
void sg_target_group(sg_target *t, const char *group);
/* The main source file (a path as given, e.g. "content/customers/x.xml"):
 * named in messages about the target, such as a worker killed by its budget.
 * Copied. Not an input by itself. */
void sg_target_source(sg_target *t, const char *path);

/* Inputs. Each is identified by a name that appears in the manifest and the
 * report; the same name given to many targets is hashed once.
 *
 * A content file, rel relative to the content folder ("customers/x.xml"):
 * named by rel. When the content loader reported an error in that file, the
 * target fails without running its producer and its old output stays. */
void sg_target_input_content(sg_target *t, const char *rel);

/* A content file that t reads as one of many (the pipeline report lists every
 * customer): named "list:" + rel. Its changes rebuild t, but an error in it
 * does not fail t, which is then made from the files that load. */
void sg_target_input_listed(sg_target *t, const char *rel);
/* Any other file (a theme template, a font): name as it should appear
 * ("theme:layout.html", "font:wqy-microhei.ttc") and its path on disk. */
void sg_target_input_file(sg_target *t, const char *name, const char *path);
/* A value: bytes that are not in a file (a built-in theme file, a setting). */
void sg_target_input_value(sg_target *t, const char *name, const void *data, size_t len);
/* The build date (SOURCE_DATE_EPOCH): declare it when the output shows
 * dates that come from it. */
void sg_target_input_build_date(sg_target *t);

/* How long t takes to build, against an ordinary output (1). The run
 * starts the targets it builds heaviest first, then in path order, so that
 * a long one (the pipeline report, which lists every customer) starts at
 * once and runs beside the many short ones instead of last and alone, with
 * the other workers idle. Unset (0): 1 plus the number of files t lists
 * (sg_target_input_listed()). */
void sg_target_weight(sg_target *t, double weight);

/* Whether a target of kind is of this run's --only (always true without
 * it). A caller may leave out the targets of a kind not selected: the run
 * would skip them, and it keeps the manifest's records of outputs outside
 * its scope as they are. Their outputs are then not in the results. */
bool sg_engine_selects(const sg_engine *e, const char *kind);
/* Whether the output path, of kind and group (NULL: none), is this run's
 * business (--only, --customer, --shard). */
bool sg_engine_selects_output(const sg_engine *e, const char *path, const char *kind,
			      const char *group);

/* t's producer keeps bytes from one build of its output for the next
 * (sg_produce.kept and keep): what saves it work, never what makes the
 * output. They are kept in OUT/.salesgen/k-HASH (HASH: the first 16 hex
 * digits of the SHA-256 of t's path), written atomically by the job that
 * wrote the output, once it did; neither an output nor an input, so the
 * manifest does not name them. */
void sg_target_keeps(sg_target *t);

/* Budgets of this target instead of the engine's (0: keep the engine's). */
void sg_target_budget(sg_target *t, double seconds, size_t bytes);

/* Calls fn(arg) (arg as given to sg_engine_add()) when the run plans to
 * build t, in the thread that runs the engine, before t is handed to the
 * workers (and before the worker process that builds it is forked): a
 * producer's data can then know how many outputs of this run will read it.
 * The heaviest targets (a weight above 1, sg_target_weight()) are planned
 * first and start building while the others are planned: their calls come
 * first, and with worker threads other outputs may be building while fn
 * runs (a job reads what its own target's fn made, not a later one's).
 * Never called for a target that is skipped, unchanged or failed at once. */
void sg_target_on_build(sg_target *t, void (*fn)(void *arg));

/* Opens the output folder and reads its manifest and stat cache. Problems
 * go to d. Returns 0, or 2 when the output folder cannot be used (the run
 * then returns 2 at once). sg_engine_run() does it when it was not done. */
int sg_engine_open(sg_engine *e, sg_diags *d);

/* Starts sg_engine_open() in a thread of its own, so that the output
 * folder's manifest is read while the caller declares its targets (the
 * declarations touch none of it): sg_engine_open(), or the run, waits for
 * it and hands its problems to d. Only once the caller knows the output
 * folder may be written; the state files (sg_engine_state_*()) wait for
 * sg_engine_open() too. Without a thread, the open is done then. */
void sg_engine_open_begin(sg_engine *e);

/* Reads the output folder's stat cache, if there is one, without writing
 * anything or checking the folder (the run does both): a caller can then
 * hash files through the engine's memo before the run, and a file that did
 * not change is not read. A cache that cannot be read is none. */
void sg_engine_preload(sg_engine *e);

/* The engine's memo of file hashes (base/sha256.h), valid while e is: a
 * file hashed through it is not hashed again by the run, and a file whose
 * size, mtime and inode are those of the stat cache's record is not read at
 * all (with the records of sg_engine_preload() or sg_engine_open()). The
 * caller hands it only regular files it opened inside the content folder
 * (base/confine.h), named as the content inputs are (the content folder
 * joined with the relative path): the run then does not open such an input
 * again, and takes the hash of the file as the caller read it. */
void sg_engine_memo(sg_engine *e, sg_sha256_memo *out);

/* The caller's own records between builds (a cache of what its loader
 * made, say): the file OUT/.salesgen/x-NAME (x-NAME-K-of-N for a shard),
 * name being up to 16 lower-case letters, digits and '-'. The engine neither reads nor checks what is in
 * it: the caller must, since anything may be there.
 *
 * _load reads it into out (cleared first), read only and through no
 * symbolic link; it may be called before the run. Returns 0, or -1 when
 * there is none, it cannot be read, or the build is --clean (which ignores
 * the output folder's records).
 *
 * _save writes it atomically; only once the output folder is open and
 * locked (after sg_engine_open() or sg_engine_run()). Returns 0, or -1
 * with errno set. */
int sg_engine_state_load(sg_engine *e, const char *name, sg_buf *out);
int sg_engine_state_save(sg_engine *e, const char *name, const void *data, size_t len);
/* As _save, the bytes handed to put by fill(arg, put, sink) as it makes
 * them, so that a large state is never held whole; a fill that returns
 * nonzero leaves the old file. */
int sg_engine_state_stream(sg_engine *e, const char *name,
			   int (*fill)(void *arg, sg_sink_fn put, void *sink), void *arg);
/* Removes it, as _save writes it. Returns 0 (also when there was none), or
 * -1 with errno set. */
int sg_engine_state_remove(sg_engine *e, const char *name);

/* Calls fn(arg, e) once in the run, in the thread that runs the engine,
 * once every output to build has been handed to the workers and before
 * their results are taken (also when nothing is built; never when the
 * output folder cannot be used): the caller's work that does not depend on
 * the outputs (its own state, sg_engine_state_stream()) is done while they
 * are built instead of after. */
void sg_engine_while_building(sg_engine *e, void (*fn)(void *arg, sg_engine *e), void *arg);

/* Plans, builds, removes stale outputs and writes the manifest. Every
 * problem goes to d (problems of targets are added after the run, so their
 * order does not depend on the jobs). content_diags, when not NULL, holds
 * the problems the content loader found: a target with an input file that
 * has an error there fails without running. Returns 0 when every target was
 * built or unchanged, 1 when a target failed, 2 when the output folder
 * itself could not be used (nothing was built). */
int sg_engine_run(sg_engine *e, const sg_diags *content_diags, sg_diags *d);

/* ---------------------------------------------------------------- results */

typedef enum sg_target_status {
	SG_STATUS_SKIPPED,   /* not selected (--only, --customer, --shard) */
	SG_STATUS_UNCHANGED, /* inputs and output as the manifest says */
	SG_STATUS_BUILT,
	SG_STATUS_FAILED,    /* the old output, if any, is left as it was */
	SG_STATUS_REMOVED,   /* its target is gone; the output was deleted */
	SG_STATUS_KEPT,      /* its target is gone but the file was changed by hand */
} sg_target_status;

const char *sg_target_status_name(sg_target_status s);

/* One output as the reports see it, after sg_engine_run(). */
typedef struct sg_result {
	const char *path;
	const char *kind;
	const char *group;         /* or NULL */
	sg_target_status status;
	const char *const *inputs; /* input names */
	size_t input_count;
	double seconds;            /* producer and write; 0 when not built */
	size_t bytes;              /* the output's size (also when unchanged) */
	const sg_diags *diags;     /* this output's problems */
	const char *why;           /* for built: what changed ("customers/x.xml",
				    * "missing", "changed by hand", "--clean",
				    * "new"); NULL otherwise */
	/* With a shared cache, for built: "cache" (taken from it), "stored"
	 * (built here and stored), "built" (built here, not stored) or "bad"
	 * (its entry was refused, built here); NULL otherwise. */
	const char *cache;
} sg_result;

/* A count the caller reports about its run (sg_engine_count()). */
typedef struct sg_summary_count {
	const char *name; /* static: a JSON key */
	size_t n;
} sg_summary_count;
#define SG_SUMMARY_COUNTS 8

typedef struct sg_summary {
	size_t built, unchanged, failed, removed, kept, skipped;
	double seconds; /* the whole run */
	int jobs;
	bool processes;
	size_t hashed;  /* files read to be hashed (inputs, outputs, memo) */
	size_t cached;  /* built outputs taken from the shared cache */
	sg_summary_count counts[SG_SUMMARY_COUNTS]; /* in the order first given */
	size_t count_count;
} sg_summary;

/* Adds to the summary a count of the caller's own (the product's: how many
 * customers it evaluated, say), written into the JSON report's summary
 * under name after the engine's counts. name must be static; giving a name
 * again replaces its count; past SG_SUMMARY_COUNTS names it is ignored. */
void sg_engine_count(sg_engine *e, const char *name, size_t n);

/* The results, sorted by path: every target (also skipped ones) and every
 * output removed or kept because its target is gone. A result's inputs are
 * valid until the next sg_engine_result() call (one array for all: at
 * 100,000 customers an array per target held some 50 MB to the end). */
size_t sg_engine_result_count(const sg_engine *e);
void sg_engine_result(const sg_engine *e, size_t i, sg_result *out);
void sg_engine_summary(const sg_engine *e, sg_summary *out);

#endif
