/*
 * test_jobs.c - the job pools hand each job's result to the caller once, in
 * the calling thread, as the job ends (from sg_jobs_poll() while the pool
 * runs, or sg_jobs_finish()): also a job whose worker dies.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

#include "engine/jobs.h"

#define S_COUNT 40

/* What the caller saw. */
typedef struct S_seen {
	pthread_t caller;
	pid_t parent;      /* the caller's process */
	bool crash;        /* job 7 kills its worker */
	int taken[S_COUNT];    /* done() calls per job */
	int ok[S_COUNT];       /* of them, with r->ok */
	int problems[S_COUNT]; /* r->d.count */
	size_t order[S_COUNT]; /* the jobs in the order they were handed on */
	size_t n;
	bool other_thread; /* done() was called outside the caller's thread */
} S_seen;

/* Job i makes i bytes; job 7 crashes (in a worker process, that worker
 * dies). */
static void S_run(void *ctx, size_t i, sg_job_result *r)
{
	const S_seen *s = ctx;
	if (i == 7 && s->crash && getpid() != s->parent)
		raise(SIGKILL);
	r->ok = true;
	r->bytes = i;
	memset(r->hash, 'a', SG_SHA256_HEX - 1);
	if (i % 5 == 0)
		sg_warning(&r->d, sg_pos_make("job", (int)i, 1), "a warning of job %zu", i);
}

static void S_name(void *ctx, size_t i, const char **path, const char **source)
{
	(void)ctx;
	(void)i;
	*path = "out";
	*source = NULL;
}

static void S_done(void *ctx, size_t i, sg_job_result *r)
{
	S_seen *s = ctx;
	if (!pthread_equal(pthread_self(), s->caller))
		s->other_thread = true;
	assert_true(i < S_COUNT);
	s->taken[i]++;
	s->ok[i] += r->ok;
	s->problems[i] += (int)r->d.count;
	if (r->ok)
		assert_int_equal(r->bytes, i);
	s->order[s->n++] = i;
}

static sg_jobs S_jobs(S_seen *s, bool processes)
{
	memset(s, 0, sizeof *s);
	s->caller = pthread_self();
	s->parent = getpid();
	return (sg_jobs){
		.jobs = 3,
		.processes = processes,
		.run = S_run,
		.name = S_name,
		.done = S_done,
		.ctx = s,
	};
}

/* Every job's result came back once, in the caller's thread, each with
 * its own problems (one job in five has one). */
static void S_all_once(const S_seen *s)
{
	assert_false(s->other_thread);
	assert_int_equal(s->n, S_COUNT);
	for (size_t i = 0; i < S_COUNT; i++) {
		assert_int_equal(s->taken[i], 1);
		assert_int_equal(s->ok[i], 1);
		assert_int_equal(s->problems[i], i % 5 == 0);
	}
}

static void test_threads(void **state)
{
	(void)state;
	S_seen s;
	sg_jobs j = S_jobs(&s, false);
	assert_int_equal(sg_jobs_run(&j, S_COUNT), 0);
	S_all_once(&s);
}

/* A worker that dies fails its job alone, with a message; the others come
 * back with their own problems. */
static void test_processes(void **state)
{
	(void)state;
	S_seen s;
	sg_jobs j = S_jobs(&s, true);
	s.crash = true;
	assert_int_equal(sg_jobs_run(&j, S_COUNT), 0);
	assert_false(s.other_thread);
	assert_int_equal(s.n, S_COUNT);
	for (size_t i = 0; i < S_COUNT; i++) {
		assert_int_equal(s.taken[i], 1);
		assert_int_equal(s.ok[i], i != 7);
		assert_int_equal(s.problems[i], i == 7 || i % 5 == 0);
	}
}

/* The pool that takes jobs while it runs hands each result on as it ends,
 * from sg_jobs_poll(): all of them come back before sg_jobs_finish(), none
 * held to the end. */
static void S_poll_all(bool processes)
{
	S_seen s;
	sg_jobs j = S_jobs(&s, processes);
	sg_jobs_pool *p = sg_jobs_start(&j, S_COUNT);
	for (size_t i = 0; i < S_COUNT; i++)
		sg_jobs_submit(p, i, true);
	for (int tries = 0; s.n < S_COUNT && tries < 10000; tries++) {
		sg_jobs_poll(p);
		usleep(1000);
	}
	assert_int_equal(s.n, S_COUNT);
	assert_int_equal(sg_jobs_finish(p), 0);
	S_all_once(&s);
}

static void test_pool_poll_threads(void **state)
{
	(void)state;
	S_poll_all(false);
}

static void test_pool_poll_processes(void **state)
{
	(void)state;
	S_poll_all(true);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_processes),
		cmocka_unit_test(test_pool_poll_threads),
		cmocka_unit_test(test_pool_poll_processes),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
