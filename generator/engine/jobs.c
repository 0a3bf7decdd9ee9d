/*
 * jobs.c - the thread pool and the worker-process pool (see jobs.h).
 */
#include "engine/jobs.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"

/* AddressSanitizer reserves terabytes of address space up front, so an
 * address-space limit would fail every allocation: no memory budget there. */
#if defined(__SANITIZE_ADDRESS__)
#define S_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S_ASAN 1
#endif
#endif
#ifndef S_ASAN
#define S_ASAN 0
#endif

/* How often progress is reported, at most. */
#define S_TICK 0.1

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int sg_jobs_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 1024 ? 1024 : (int)n;
}

void sg_jobs_result_dispose(sg_job_result *r)
{
	sg_diags_dispose(&r->d);
}

/* ---------------------------------------------------------------- messages */

/* A result travels from a worker as a fixed header and then its diagnostics:
 * severity, line, column, path (length, bytes; length -1 for none),
 * message. Both ends are the same binary, so the header goes as it is. */
typedef struct S_header {
	uint32_t index;
	uint32_t ok;
	uint64_t bytes;
	double seconds;
	char hash[SG_SHA256_HEX];
	sg_stat_key key;
	uint32_t diag_len;
} S_header;

static void S_put_i32(sg_buf *b, int32_t v)
{
	sg_buf_put(b, &v, sizeof v);
}

static void S_put_str(sg_buf *b, const char *s)
{
	S_put_i32(b, s ? (int32_t)strlen(s) : -1);
	if (s)
		sg_buf_put(b, s, strlen(s));
}

static bool S_get_i32(const char **p, const char *end, int32_t *v)
{
	if ((size_t)(end - *p) < sizeof *v)
		return false;
	memcpy(v, *p, sizeof *v);
	*p += sizeof *v;
	return true;
}

static bool S_get_str(const char **p, const char *end, char **s)
{
	int32_t n;
	*s = NULL;
	if (!S_get_i32(p, end, &n))
		return false;
	if (n < 0)
		return true;
	if ((size_t)(end - *p) < (size_t)n)
		return false;
	*s = sg_xstrndup(*p, (size_t)n);
	*p += n;
	return true;
}

static void S_encode_diags(const sg_diags *d, sg_buf *b)
{
	for (size_t i = 0; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		S_put_i32(b, (int32_t)it->severity);
		S_put_i32(b, it->line);
		S_put_i32(b, it->col);
		S_put_str(b, it->path);
		S_put_str(b, it->message);
	}
}

static void S_decode_diags(const char *p, const char *end, sg_diags *d)
{
	while (p < end) {
		int32_t sev, line, col;
		char *path, *msg;
		if (!S_get_i32(&p, end, &sev) || !S_get_i32(&p, end, &line) ||
		    !S_get_i32(&p, end, &col) || !S_get_str(&p, end, &path))
			return;
		if (!S_get_str(&p, end, &msg)) {
			free(path);
			return;
		}
		sg_diag_add(d, (sg_severity)sev, sg_pos_make(path, line, col), "%s", msg ? msg : "");
		free(path);
		free(msg);
	}
}

static int S_write_full(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Reads exactly len bytes; -1 at end of file or on error. */
static int S_read_full(int fd, void *data, size_t len)
{
	char *p = data;
	while (len) {
		ssize_t r = read(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* ---------------------------------------------------------------- workers */

typedef struct S_worker {
	pid_t pid;        /* 0: none */
	int task_fd;      /* parent -> worker: job indexes */
	int result_fd;    /* worker -> parent: results */
	long job;         /* running, or -1 */
	double started;   /* when the job was handed out */
	double limit;     /* its time budget, 0: none */
	bool timed_out;   /* the parent killed it for its time budget */
	unsigned gen;     /* the pool's generation when it was forked */
} S_worker;

/* The worker's address space now, in bytes (0 when unknown). */
static size_t S_vm_size(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	unsigned long pages = 0;
	int n = fscanf(f, "%lu", &pages);
	fclose(f);
	return n == 1 ? pages * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

static void S_set_memory(size_t budget)
{
	if (S_ASAN)
		return;
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) != 0)
		return;
	if (budget == 0) {
		rl.rlim_cur = rl.rlim_max;
	} else {
		size_t vm = S_vm_size();
		if (vm == 0)
			return;
		rlim_t want = (rlim_t)(vm + budget);
		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max ? rl.rlim_max : want;
	}
	setrlimit(RLIMIT_AS, &rl);
}

static void S_worker_main(const sg_jobs *j, int task_fd, int result_fd)
{
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	sg_buf b;
	sg_buf_init(&b);
	for (;;) {
		uint32_t idx;
		if (S_read_full(task_fd, &idx, sizeof idx) != 0 || idx == UINT32_MAX)
			break;
		double secs = 0;
		size_t bytes = 0;
		if (j->budget)
			j->budget(j->ctx, idx, &secs, &bytes);
		sg_job_result r;
		memset(&r, 0, sizeof r);
		sg_diags_init(&r.d);
		S_set_memory(bytes);
		j->run(j->ctx, idx, &r);
		S_set_memory(0);

		sg_buf_clear(&b);
		S_encode_diags(&r.d, &b);
		S_header h;
		memset(&h, 0, sizeof h);
		h.index = idx;
		h.ok = r.ok;
		h.bytes = r.bytes;
		h.seconds = r.seconds;
		memcpy(h.hash, r.hash, sizeof h.hash);
		h.key = r.key;
		h.diag_len = (uint32_t)b.len;
		sg_jobs_result_dispose(&r);
		if (S_write_full(result_fd, &h, sizeof h) != 0 ||
		    S_write_full(result_fd, b.data, b.len) != 0)
			break;
	}
	sg_buf_dispose(&b);
}

/* pipe() with close-on-exec on both ends (pipe2 is not POSIX). */
static int S_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* ---------------------------------------------------------------- the pool */

/* A job's result, from the thread that ran it to the calling thread. */
typedef struct S_ended {
	size_t i;
	sg_job_result r;
	struct S_ended *next;
} S_ended;

struct sg_jobs_pool {
	const sg_jobs *j;
	size_t cap;
	/* The jobs submitted, in order: [head, tail) are not handed out yet
	 * but those taken[k] (handed to an old worker out of turn). gen[k]:
	 * the generation queue[k] needs (sg_jobs_renew()), 0 for any. */
	size_t *queue;
	unsigned *gen;
	bool *taken;
	size_t head, tail;
	size_t done;            /* jobs finished, by their worker or its death */
	unsigned generation;
	int n;                  /* workers at most */
	bool started_any;       /* a worker (thread or process) ever started */
	int err;                /* errno of the last worker that could not start */
	bool processes;
	/* threads */
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a job ended */
	pthread_cond_t more;    /* a job was submitted, or the pool closes */
	bool closing;
	S_ended *first, **last; /* the results not yet handed on, in the order they ended */
	size_t handed;          /* results handed to j->done */
	pthread_t *threads;
	int nthreads;
	/* processes */
	S_worker *ws;           /* n slots, pid 0 when empty */
	struct pollfd *fds;     /* the busy workers' result pipes, in ws's order */
	sg_buf b;               /* a result's diagnostics, as read */
	pid_t *retired;         /* workers told to stop, not reaped yet */
	size_t nretired;
	void (*old_pipe)(int);
};

/* ---------------------------------------------------------------- threads */

/* Hands job i's result r to the caller, and disposes of it. */
static void S_hand_on(sg_jobs_pool *p, size_t i, sg_job_result *r)
{
	p->j->done(p->j->ctx, i, r);
	sg_jobs_result_dispose(r);
}

static void *S_thread(void *arg)
{
	sg_jobs_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->head == p->tail && !p->closing)
			pthread_cond_wait(&p->more, &p->lock);
		if (p->head == p->tail)
			break;
		size_t i = p->queue[p->head++];
		pthread_mutex_unlock(&p->lock);
		S_ended *x = sg_xcalloc(1, sizeof *x);
		x->i = i;
		sg_diags_init(&x->r.d);
		p->j->run(p->j->ctx, i, &x->r);
		x->r.done = true;
		pthread_mutex_lock(&p->lock);
		*p->last = x;
		p->last = &x->next;
		p->done++;
		pthread_cond_signal(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Hands the results that ended to j->done, in the calling thread and
 * outside the lock (held on entry and on return). */
static void S_take_ended(sg_jobs_pool *p)
{
	S_ended *x = p->first;
	p->first = NULL;
	p->last = &p->first;
	pthread_mutex_unlock(&p->lock);
	size_t n = 0;
	while (x) {
		S_ended *next = x->next;
		S_hand_on(p, x->i, &x->r);
		free(x);
		x = next;
		n++;
	}
	pthread_mutex_lock(&p->lock);
	p->handed += n;
}

/* A thread more for each job submitted, up to n. */
static void S_threads_submit(sg_jobs_pool *p, size_t i)
{
	pthread_mutex_lock(&p->lock);
	p->queue[p->tail++] = i;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
	if (p->nthreads < p->n) {
		if (pthread_create(&p->threads[p->nthreads], NULL, S_thread, p) == 0) {
			p->nthreads++;
			p->started_any = true;
		}
	}
}

static void S_threads_finish(sg_jobs_pool *p)
{
	const sg_jobs *j = p->j;
	pthread_mutex_lock(&p->lock);
	p->closing = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	if (p->nthreads == 0) {
		/* No thread at all: run everything here rather than not at all. */
		S_thread(p);
	}
	double last = 0;
	pthread_mutex_lock(&p->lock);
	while (p->handed < p->tail) {
		if (!p->first) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += (long)(S_TICK * 1e9);
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&p->changed, &p->lock, &until);
		}
		S_take_ended(p);
		double now = S_now();
		if (j->progress && now - last >= S_TICK) {
			size_t done = p->done;
			pthread_mutex_unlock(&p->lock);
			j->progress(j->ctx, done, p->tail);
			last = now;
			pthread_mutex_lock(&p->lock);
		}
	}
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
}

/* ---------------------------------------------------------------- processes */

static int S_spawn(sg_jobs_pool *p, S_worker *w)
{
	int tp[2], rp[2];
	if (S_pipe(tp) != 0)
		return -1;
	if (S_pipe(rp) != 0) {
		close(tp[0]);
		close(tp[1]);
		return -1;
	}
	fflush(NULL); /* or the worker's exit could print the parent's buffers */
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		close(tp[0]);
		close(tp[1]);
		close(rp[0]);
		close(rp[1]);
		errno = err;
		return -1;
	}
	if (pid == 0) {
		/* The other workers' pipes: holding them would hide their deaths. */
		for (int i = 0; i < p->n; i++)
			if (p->ws[i].pid > 0 && &p->ws[i] != w) {
				close(p->ws[i].task_fd);
				close(p->ws[i].result_fd);
			}
		close(tp[1]);
		close(rp[0]);
		S_worker_main(p->j, tp[0], rp[1]);
		_exit(0); /* no atexit handlers, no stdio flush: they are the parent's */
	}
	close(tp[0]);
	close(rp[1]);
	w->pid = pid;
	w->task_fd = tp[1];
	w->result_fd = rp[0];
	w->job = -1;
	w->timed_out = false;
	w->gen = p->generation;
	p->started_any = true;
	return 0;
}

static void S_dispatch(const sg_jobs *j, S_worker *w, size_t i)
{
	uint32_t idx = (uint32_t)i;
	w->job = (long)i;
	w->started = S_now();
	w->limit = 0;
	w->timed_out = false;
	size_t bytes = 0;
	if (j->budget)
		j->budget(j->ctx, i, &w->limit, &bytes);
	/* A failed write shows up as the worker's death on the result pipe. */
	(void)S_write_full(w->task_fd, &idx, sizeof idx);
}

/* bytes as MiB for a message: "512", "0.5", "1048576" (never "1.04858e+06"). */
static void S_mib(char out[32], size_t bytes)
{
	snprintf(out, 32, "%.2f", (double)bytes / (1024.0 * 1024.0));
	char *end = out + strlen(out);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		end[-1] = '\0';
}

/* The job of a worker that died: a failure that names it and says why. */
static void S_died(const sg_jobs *j, S_worker *w, int status, sg_job_result *r)
{
	const char *path = NULL, *source = NULL;
	j->name(j->ctx, (size_t)w->job, &path, &source);
	sg_pos pos = sg_pos_make(source ? source : path, 0, 0);
	double secs = 0;
	size_t bytes = 0;
	if (j->budget)
		j->budget(j->ctx, (size_t)w->job, &secs, &bytes);
	sg_diags_init(&r->d);
	r->seconds = S_now() - w->started;
	if (w->timed_out)
		sg_error(&r->d, pos,
			 "building %s took longer than its time budget of %g s (--budget-time): "
			 "stopped",
			 path, secs);
	else if (WIFSIGNALED(status) && bytes && !S_ASAN) {
		char mib[32];
		S_mib(mib, bytes);
		sg_error(&r->d, pos,
			 "building %s stopped on signal %d (%s): over its memory budget of %s MiB "
			 "(--budget-memory), or a crash",
			 path, WTERMSIG(status), strsignal(WTERMSIG(status)), mib);
	}
	else if (WIFSIGNALED(status))
		sg_error(&r->d, pos, "building %s crashed: signal %d (%s)", path,
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		sg_error(&r->d, pos, "building %s: the worker process exited with status %d", path,
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	r->done = false;
	r->ok = false;
}

static void S_close_worker(S_worker *w)
{
	close(w->task_fd);
	close(w->result_fd);
	w->pid = 0;
	w->job = -1;
}

/* Tells an idle worker to stop; it is reaped in sg_jobs_finish(), so that
 * the parent does not wait here for a process to end. */
static void S_retire(sg_jobs_pool *p, S_worker *w)
{
	uint32_t stop = UINT32_MAX;
	(void)S_write_full(w->task_fd, &stop, sizeof stop);
	p->retired[p->nretired++] = w->pid;
	S_close_worker(w);
}

/* The next waiting job w may run (by its generation), taken off the
 * queue; -1 when none may, -2 when none waits. The first waiting job in
 * turn, else the first one that may run in any worker (an old worker is not
 * forked again while such jobs wait). */
static long S_next_for(sg_jobs_pool *p, const S_worker *w)
{
	while (p->head < p->tail && p->taken[p->head])
		p->head++;
	if (p->head == p->tail)
		return -2;
	if (p->gen[p->head] <= w->gen)
		return (long)p->queue[p->head++];
	for (size_t k = p->head + 1; k < p->tail; k++)
		if (!p->taken[k] && p->gen[k] <= w->gen) {
			p->taken[k] = true;
			return (long)p->queue[k];
		}
	return -1;
}

/* Hands the waiting jobs to the idle workers, in order; a worker forked
 * before the generation of every waiting job is retired instead. With
 * may_fork, empty slots get a new worker while jobs wait. */
static void S_hand_out(sg_jobs_pool *p, bool may_fork)
{
	for (int i = 0; i < p->n && p->head < p->tail; i++) {
		S_worker *w = &p->ws[i];
		if (w->pid <= 0 || w->job >= 0)
			continue;
		long job = S_next_for(p, w);
		if (job == -2)
			break;
		if (job < 0)
			S_retire(p, w);
		else
			S_dispatch(p->j, w, (size_t)job);
	}
	for (int i = 0; may_fork && i < p->n; i++) {
		while (p->head < p->tail && p->taken[p->head])
			p->head++;
		if (p->head == p->tail)
			break;
		S_worker *w = &p->ws[i];
		if (w->pid > 0)
			continue;
		if (S_spawn(p, w) != 0) {
			p->err = errno;
			break;
		}
		S_dispatch(p->j, w, p->queue[p->head++]);
	}
}

/* Before each wait: kills the workers past their time budget and lists the
 * busy workers' result pipes in p->fds. Returns how many, and in *wait how
 * long to wait at most (seconds): a tick, or less when a budget ends
 * sooner. */
static int S_watch(sg_jobs_pool *p, double *wait)
{
	double now = S_now();
	int nfds = 0;
	*wait = S_TICK;
	for (int i = 0; i < p->n; i++) {
		S_worker *w = &p->ws[i];
		if (w->pid <= 0 || w->job < 0)
			continue;
		if (w->limit > 0 && !w->timed_out) {
			double left = w->started + w->limit - now;
			if (left <= 0) {
				w->timed_out = true;
				kill(w->pid, SIGKILL);
			} else if (left < *wait) {
				*wait = left;
			}
		}
		p->fds[nfds].fd = w->result_fd;
		p->fds[nfds].events = POLLIN;
		p->fds[nfds].revents = 0;
		nfds++;
	}
	return nfds;
}

/* Reads the result of w's job and hands it on. False when the worker is
 * gone (or what it sent is not that job's result). */
static bool S_read_result(sg_jobs_pool *p, S_worker *w)
{
	S_header h;
	bool got = S_read_full(w->result_fd, &h, sizeof h) == 0 && h.index == (uint32_t)w->job;
	if (got) {
		sg_buf_clear(&p->b);
		sg_buf_grow(&p->b, h.diag_len);
		got = S_read_full(w->result_fd, p->b.data, h.diag_len) == 0;
	}
	if (!got)
		return false;
	sg_job_result r;
	memset(&r, 0, sizeof r);
	sg_diags_init(&r.d);
	S_decode_diags(p->b.data, p->b.data + h.diag_len, &r.d);
	r.done = true;
	r.ok = h.ok != 0;
	r.bytes = h.bytes;
	r.seconds = h.seconds;
	memcpy(r.hash, h.hash, sizeof r.hash);
	r.hash[SG_SHA256_HEX - 1] = '\0';
	r.key = h.key;
	size_t i = (size_t)w->job;
	w->job = -1;
	p->done++;
	S_hand_on(p, i, &r);
	return true;
}

/* w is gone: reaps it and fails its job (S_died); its slot is empty. */
static void S_lost(sg_jobs_pool *p, S_worker *w)
{
	int status = 0;
	kill(w->pid, SIGKILL);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	sg_job_result r;
	memset(&r, 0, sizeof r);
	S_died(p->j, w, status, &r);
	size_t i = (size_t)w->job;
	S_close_worker(w);
	p->done++;
	S_hand_on(p, i, &r);
}

/* Waits up to the next tick (0: not at all) for results, takes them and
 * hands out the waiting jobs. False when no worker is busy. */
static bool S_collect(sg_jobs_pool *p, bool block, bool may_fork)
{
	double wait;
	int nfds = S_watch(p, &wait);
	if (nfds == 0)
		return false;
	int pr = poll(p->fds, (nfds_t)nfds, block ? (int)(wait * 1000) + 1 : 0);
	for (int i = 0, k = 0; pr > 0 && i < p->n; i++) {
		S_worker *w = &p->ws[i];
		if (w->pid <= 0 || w->job < 0)
			continue;
		if (p->fds[k++].revents && !S_read_result(p, w))
			S_lost(p, w);
	}
	S_hand_out(p, may_fork);
	return true;
}

/* The jobs never handed out because no worker could be started fail: each
 * says so when said is true (some workers ran), else says nothing (none
 * did: the caller says it once). */
static void S_fail_unstarted(sg_jobs_pool *p, bool said)
{
	for (; p->head < p->tail; p->head++) {
		if (p->taken[p->head])
			continue;
		size_t i = p->queue[p->head];
		sg_job_result r;
		memset(&r, 0, sizeof r);
		sg_diags_init(&r.d);
		const char *path, *source;
		p->j->name(p->j->ctx, i, &path, &source);
		if (said)
			sg_error(&r.d, sg_pos_make(source ? source : path, 0, 0),
				 "building %s: no worker process could be started", path);
		p->done++;
		S_hand_on(p, i, &r);
	}
}

/* Asks every worker left to stop, and waits for each, and for the ones
 * retired before. */
static void S_stop(sg_jobs_pool *p)
{
	for (int i = 0; i < p->n; i++)
		if (p->ws[i].pid > 0)
			S_retire(p, &p->ws[i]);
	for (size_t i = 0; i < p->nretired; i++) {
		int status;
		while (waitpid(p->retired[i], &status, 0) < 0 && errno == EINTR)
			;
	}
}

static void S_processes_finish(sg_jobs_pool *p)
{
	const sg_jobs *j = p->j;
	double last = 0;
	for (;;) {
		S_hand_out(p, true);
		if (p->done >= p->tail || !S_collect(p, true, true))
			break;
		double now = S_now();
		if (j->progress && now - last >= S_TICK) {
			j->progress(j->ctx, p->done, p->tail);
			last = now;
		}
	}
	S_fail_unstarted(p, p->started_any);
	S_stop(p);
	signal(SIGPIPE, p->old_pipe);
}

/* ---------------------------------------------------------------- the API */

sg_jobs_pool *sg_jobs_start(const sg_jobs *j, size_t cap)
{
	sg_jobs_pool *p = sg_xcalloc(1, sizeof *p);
	p->j = j;
	p->cap = cap;
	p->last = &p->first;
	p->queue = sg_xcalloc(cap ? cap : 1, sizeof *p->queue);
	p->gen = sg_xcalloc(cap ? cap : 1, sizeof *p->gen);
	p->taken = sg_xcalloc(cap ? cap : 1, sizeof *p->taken);
	p->n = j->jobs < 1 ? 1 : j->jobs;
	p->processes = j->processes;
	if (p->processes) {
		p->ws = sg_xcalloc((size_t)p->n, sizeof *p->ws);
		p->fds = sg_xcalloc((size_t)p->n, sizeof *p->fds);
		/* Each worker is retired at most once, and one is forked for
		 * each retired or lost at most once per job. */
		p->retired = sg_xcalloc(cap + (size_t)p->n + 1, sizeof *p->retired);
		sg_buf_init(&p->b);
		/* A worker gone mid-write must not kill the parent. */
		p->old_pipe = signal(SIGPIPE, SIG_IGN);
	} else {
		pthread_mutex_init(&p->lock, NULL);
		pthread_cond_init(&p->changed, NULL);
		pthread_cond_init(&p->more, NULL);
		p->threads = sg_xcalloc((size_t)p->n, sizeof *p->threads);
	}
	return p;
}

void sg_jobs_submit(sg_jobs_pool *p, size_t i, bool any)
{
	assert(i < p->cap && p->tail < p->cap);
	if (!p->processes) {
		S_threads_submit(p, i);
		return;
	}
	p->gen[p->tail] = any ? 0 : p->generation;
	p->queue[p->tail++] = i;
	S_hand_out(p, true);
}

void sg_jobs_poll(sg_jobs_pool *p)
{
	if (p->processes) {
		(void)S_collect(p, false, false);
		return;
	}
	pthread_mutex_lock(&p->lock);
	S_take_ended(p);
	pthread_mutex_unlock(&p->lock);
}

void sg_jobs_renew(sg_jobs_pool *p)
{
	if (!p->processes)
		return;
	p->generation++;
	S_hand_out(p, true);
}

int sg_jobs_finish(sg_jobs_pool *p)
{
	const sg_jobs *j = p->j;
	if (p->processes)
		S_processes_finish(p);
	else
		S_threads_finish(p);
	int rc = p->tail && !p->started_any && p->processes ? -1 : 0;
	if (j->progress && p->tail)
		j->progress(j->ctx, p->tail, p->tail);
	if (p->processes) {
		sg_buf_dispose(&p->b);
		free(p->fds);
		free(p->ws);
		free(p->retired);
	} else {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->changed);
		pthread_cond_destroy(&p->more);
		free(p->threads);
	}
	int err = p->err;
	free(p->queue);
	free(p->gen);
	free(p->taken);
	free(p);
	if (rc != 0)
		errno = err;
	return rc;
}

int sg_jobs_run(const sg_jobs *j, size_t count)
{
	if (count == 0)
		return 0;
	sg_jobs_pool *p = sg_jobs_start(j, count);
	for (size_t i = 0; i < count; i++)
		sg_jobs_submit(p, i, true);
	return sg_jobs_finish(p);
}
