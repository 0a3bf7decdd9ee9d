/*
 * jobs.h - running N jobs on a pool of threads or of worker processes.
 *
 * THREADS: N threads take job indexes from a shared counter (the queue is
 * that counter: nothing waits in memory) and each runs one job at a time, so
 * at most N documents are in memory at once.
 *
 * PROCESSES: N workers forked from this process once the content is loaded
 * (they share it copy-on-write). The parent hands out one job index at a time
 * over a pipe and reads back the result over another. Each job runs under a
 * memory budget (RLIMIT_AS set to the worker's current size plus the budget)
 * and a time budget the parent enforces: a worker still busy when its time
 * is up is killed. A worker that dies fails only the job it was running,
 * with a message that names the job, and is replaced by a new one. Jobs that
 * never finish cannot stall the build, and a job that eats all memory cannot
 * take the build down.
 *
 * Each result is handed to the caller as its job ends, in the calling
 * thread (from sg_jobs_poll() or sg_jobs_finish(), never from a worker
 * thread), and not kept: a build of half a million outputs does not hold
 * half a million results (and their messages) until the last job ends. The
 * caller puts each where its output goes, so what it makes of them does not
 * depend on N nor on the order the jobs ended in.
 */
#ifndef SG_ENGINE_JOBS_H
#define SG_ENGINE_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/sha256.h"
#include "engine/manifest.h"

typedef struct sg_job_result {
	bool done;      /* the job ran to its end (built or failed on its own) */
	bool ok;        /* it made its output */
	uint64_t bytes; /* the output's size */
	double seconds;
	char hash[SG_SHA256_HEX]; /* the output's SHA-256 */
	sg_stat_key key;          /* the output's stat after writing */
	sg_diags d;               /* the job's problems */
} sg_job_result;

typedef struct sg_jobs {
	int jobs;       /* workers, >= 1 */
	bool processes; /* forked workers instead of threads */
	/* Runs job i, filling r (r->d is initialised). Called in a thread or in
	 * a worker process. */
	void (*run)(void *ctx, size_t i, sg_job_result *r);
	/* The budgets of job i: seconds (0: none) and bytes (0: none). Processes
	 * only. */
	void (*budget)(void *ctx, size_t i, double *seconds, size_t *bytes);
	/* The name of job i in messages and where they point: the output path,
	 * and the source file or NULL. */
	void (*name)(void *ctx, size_t i, const char **path, const char **source);
	/* Called in the calling thread as jobs finish (done of total), never more
	 * than about ten times a second, and once at the end. May be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	/* Takes the result r of job i, in the calling thread (in
	 * sg_jobs_poll() or sg_jobs_finish()), once for every job submitted,
	 * as it ends (or fails without running), in the order they end. r is
	 * disposed of when it returns: keep its problems with
	 * sg_diags_take(). */
	void (*done)(void *ctx, size_t i, sg_job_result *r);
	void *ctx;
} sg_jobs;

/* Runs jobs 0..count-1, each result handed to j->done. Returns 0, or -1
 * when the pool could not start at all (errno says why): nothing ran, and
 * each job was handed to j->done as failed, with no problem of its own.
 * The same as sg_jobs_start(), a submit of each job and sg_jobs_finish(). */
int sg_jobs_run(const sg_jobs *j, size_t count);

/* A pool that takes jobs while it runs: the caller hands a job over as soon
 * as it knows it is to run (a long one starts while the caller still works
 * out the others) and waits for them all at the end. */
typedef struct sg_jobs_pool sg_jobs_pool;

/* A pool for jobs 0..cap-1, whose results go to j->done. No thread or
 * process starts before the first job is submitted. Free it with
 * sg_jobs_finish(). */
sg_jobs_pool *sg_jobs_start(const sg_jobs *j, size_t cap);

/* Hands job i over (each i < cap at most once). It starts at once when a
 * worker is free for it or one more may start (up to j->jobs), else as soon
 * as one is free; jobs start in the order they were submitted, but that a
 * job any worker may run (any) goes to an old worker (one that must not run
 * the next job in turn: sg_jobs_renew()) rather than wait. A worker process
 * may be forked here, in the calling thread: no other thread of the caller
 * may then hold a lock the job takes. */
void sg_jobs_submit(sg_jobs_pool *p, size_t i, bool any);

/* Hands the results that came back to j->done and the waiting jobs to the
 * workers free for them, without waiting and without forking: safe while
 * other threads of the caller run. Kills a worker past its time budget. */
void sg_jobs_poll(sg_jobs_pool *p);

/* Processes: the caller's memory changed since the workers were forked
 * (e.g. data made for the jobs submitted next), so the jobs submitted from
 * now on, but those submitted with any, run only in workers forked from now
 * on: a worker forked before that has no such job left to run ends (after
 * its job), and another is forked in its place (here or when needed, as in
 * sg_jobs_submit()). Threads share the memory: nothing. */
void sg_jobs_renew(sg_jobs_pool *p);

/* Waits until every job submitted is done (each handed to j->done and
 * progress reported as they end), stops the workers and frees p. Returns 0,
 * or -1 when jobs were submitted but no worker could ever start (nothing
 * ran, each job was handed to j->done as failed with no problem of its
 * own; errno says why). */
int sg_jobs_finish(sg_jobs_pool *p);

void sg_jobs_result_dispose(sg_job_result *r);

/* The number of online cores (at least 1). */
int sg_jobs_cores(void);

#endif
