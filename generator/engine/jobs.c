/*
 * jobs.c - the thread pool and the worker-process pool (see jobs.h).
 */
#include "engine/jobs.h"

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

/* ---------------------------------------------------------------- threads */

/* A job's result, from the thread that ran it to the calling thread. */
typedef struct S_ended {
	size_t i;
	sg_job_result r;
	struct S_ended *next;
} S_ended;

typedef struct S_pool {
	const sg_jobs *j;
	size_t count;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next, done;
	S_ended *first, **last; /* the results not yet taken, in the order they ended */
} S_pool;

static void *S_thread(void *arg)
{
	S_pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next < p->count ? p->next++ : p->count;
		pthread_mutex_unlock(&p->lock);
		if (i == p->count)
			return NULL;
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
		pthread_mutex_unlock(&p->lock);
	}
}

/* Hands the results that ended to j->done, outside the lock (held on
 * entry and on return). Returns how many. */
static size_t S_take_ended(S_pool *p)
{
	S_ended *x = p->first;
	p->first = NULL;
	p->last = &p->first;
	pthread_mutex_unlock(&p->lock);
	size_t n = 0;
	while (x) {
		S_ended *next = x->next;
		p->j->done(p->j->ctx, x->i, &x->r);
		sg_jobs_result_dispose(&x->r);
		free(x);
		x = next;
		n++;
	}
	pthread_mutex_lock(&p->lock);
	return n;
}

static int S_run_threads(const sg_jobs *j, size_t count)
{
	S_pool p = {.j = j, .count = count};
	p.last = &p.first;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	int n = j->jobs < 1 ? 1 : j->jobs;
	if ((size_t)n > count)
		n = (int)count;
	pthread_t *threads = sg_xcalloc((size_t)(n ? n : 1), sizeof *threads);
	int started = 0;
	for (; started < n; started++)
		if (pthread_create(&threads[started], NULL, S_thread, &p) != 0)
			break;
	if (started == 0 && count) {
		/* No thread at all: run everything here rather than not at all. */
		S_thread(&p);
	}
	double last = 0;
	size_t taken = 0;
	pthread_mutex_lock(&p.lock);
	while (taken < count) {
		if (!p.first) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += (long)(S_TICK * 1e9);
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&p.changed, &p.lock, &until);
		}
		taken += S_take_ended(&p);
		double now = S_now();
		if (j->progress && now - last >= S_TICK) {
			size_t done = p.done;
			pthread_mutex_unlock(&p.lock);
			j->progress(j->ctx, done, count);
			last = now;
			pthread_mutex_lock(&p.lock);
		}
	}
	pthread_mutex_unlock(&p.lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.changed);
	if (j->progress)
		j->progress(j->ctx, count, count);
	return 0;
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

static int S_spawn(const sg_jobs *j, S_worker *all, int n, S_worker *w)
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
		for (int i = 0; i < n; i++)
			if (all[i].pid > 0 && &all[i] != w) {
				close(all[i].task_fd);
				close(all[i].result_fd);
			}
		close(tp[1]);
		close(rp[0]);
		S_worker_main(j, tp[0], rp[1]);
		_exit(0); /* no atexit handlers, no stdio flush: they are the parent's */
	}
	close(tp[0]);
	close(rp[1]);
	w->pid = pid;
	w->task_fd = tp[1];
	w->result_fd = rp[0];
	w->job = -1;
	w->timed_out = false;
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

/* The process pool while it runs. */
typedef struct S_procs {
	const sg_jobs *j;
	size_t count;           /* jobs */
	S_worker *ws;           /* n workers */
	int n;
	struct pollfd *fds;     /* the busy workers' result pipes, in ws's order */
	size_t next;            /* the next job to hand out */
	size_t done;            /* jobs finished, by their worker or its death */
	sg_buf b;               /* a result's diagnostics, as read */
} S_procs;

/* Starts the workers, each with a job. Returns how many started. */
static int S_start(S_procs *p)
{
	int live = 0;
	for (int i = 0; i < p->n; i++)
		if (S_spawn(p->j, p->ws, p->n, &p->ws[i]) == 0) {
			live++;
			S_dispatch(p->j, &p->ws[i], p->next++);
		}
	return live;
}

/* Before each wait: kills the workers past their time budget and lists the
 * busy workers' result pipes in p->fds. Returns how many, and in *wait how
 * long to wait at most (seconds): a tick, or less when a budget ends
 * sooner. */
static int S_watch(S_procs *p, double *wait)
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

/* Hands job i's result r to the caller, and disposes of it. */
static void S_hand_on(S_procs *p, size_t i, sg_job_result *r)
{
	p->j->done(p->j->ctx, i, r);
	sg_jobs_result_dispose(r);
	p->done++;
}

/* Reads the result of w's job and hands it on. False when the worker is
 * gone (or what it sent is not that job's result). */
static bool S_read_result(S_procs *p, S_worker *w)
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
	S_hand_on(p, (size_t)w->job, &r);
	return true;
}

/* w is gone: reaps it, fails its job (S_died) and starts a worker in its
 * place with the next job, if one is left. */
static void S_replace(S_procs *p, S_worker *w)
{
	int status = 0;
	kill(w->pid, SIGKILL);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	sg_job_result r;
	memset(&r, 0, sizeof r);
	S_died(p->j, w, status, &r);
	S_hand_on(p, (size_t)w->job, &r);
	S_close_worker(w);
	if (p->next < p->count && S_spawn(p->j, p->ws, p->n, w) == 0)
		S_dispatch(p->j, w, p->next++);
}

/* The jobs never handed out because no worker could be started fail: each
 * says so when said is true (some workers ran), else says nothing (none
 * did: the caller says it once). */
static void S_fail_unstarted(S_procs *p, bool said)
{
	for (size_t i = p->next; i < p->count; i++) {
		sg_job_result r;
		memset(&r, 0, sizeof r);
		sg_diags_init(&r.d);
		const char *path, *source;
		p->j->name(p->j->ctx, i, &path, &source);
		if (said)
			sg_error(&r.d, sg_pos_make(source ? source : path, 0, 0),
				 "building %s: no worker process could be started", path);
		S_hand_on(p, i, &r);
	}
	p->next = p->count;
}

/* Hands out the jobs and takes their results until every job is done or
 * no worker is left. */
static void S_loop(S_procs *p)
{
	const sg_jobs *j = p->j;
	double last = 0;
	while (p->done < p->count) {
		double wait;
		int nfds = S_watch(p, &wait);
		if (nfds == 0)
			break; /* no worker left and none can be started */
		int pr = poll(p->fds, (nfds_t)nfds, (int)(wait * 1000) + 1);
		if (pr < 0 && errno != EINTR)
			break;
		for (int i = 0, k = 0; pr > 0 && i < p->n; i++) {
			S_worker *w = &p->ws[i];
			if (w->pid <= 0 || w->job < 0)
				continue;
			if (!p->fds[k++].revents)
				continue;
			if (!S_read_result(p, w))
				S_replace(p, w);
			else if (p->next < p->count)
				S_dispatch(j, w, p->next++);
			else
				w->job = -1;
		}
		double now = S_now();
		if (j->progress && now - last >= S_TICK) {
			j->progress(j->ctx, p->done, p->count);
			last = now;
		}
	}
	S_fail_unstarted(p, true);
	if (j->progress)
		j->progress(j->ctx, p->count, p->count);
}

/* Asks every worker left to stop, and waits for each. */
static void S_stop(S_procs *p)
{
	for (int i = 0; i < p->n; i++) {
		if (p->ws[i].pid <= 0)
			continue;
		uint32_t stop = UINT32_MAX;
		(void)S_write_full(p->ws[i].task_fd, &stop, sizeof stop);
	}
	for (int i = 0; i < p->n; i++) {
		if (p->ws[i].pid <= 0)
			continue;
		int status;
		close(p->ws[i].task_fd);
		while (waitpid(p->ws[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		close(p->ws[i].result_fd);
	}
}

static int S_run_processes(const sg_jobs *j, size_t count)
{
	int n = j->jobs < 1 ? 1 : j->jobs;
	if ((size_t)n > count)
		n = (int)count;
	if (n == 0)
		return 0;
	S_procs p = {.j = j, .count = count, .n = n};
	p.ws = sg_xcalloc((size_t)n, sizeof *p.ws);
	p.fds = sg_xcalloc((size_t)n, sizeof *p.fds);
	sg_buf_init(&p.b);
	/* A worker gone mid-write must not kill the parent. */
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	int rc = 0, err = 0;
	if (S_start(&p) > 0) {
		S_loop(&p);
	} else {
		err = errno;
		S_fail_unstarted(&p, false);
		rc = -1;
	}
	S_stop(&p);
	signal(SIGPIPE, old_pipe);
	sg_buf_dispose(&p.b);
	free(p.fds);
	free(p.ws);
	if (rc)
		errno = err; /* why the workers did not start */
	return rc;
}

int sg_jobs_run(const sg_jobs *j, size_t count)
{
	if (count == 0)
		return 0;
	return j->processes ? S_run_processes(j, count) : S_run_threads(j, count);
}
