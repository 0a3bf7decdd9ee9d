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

typedef struct S_pool {
	const sg_jobs *j;
	size_t count;
	sg_job_result *results;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next, done;
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
		sg_job_result *r = &p->results[i];
		sg_diags_init(&r->d);
		p->j->run(p->j->ctx, i, r);
		r->done = true;
		pthread_mutex_lock(&p->lock);
		p->done++;
		pthread_cond_signal(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

static int S_run_threads(const sg_jobs *j, size_t count, sg_job_result *results)
{
	S_pool p = {.j = j, .count = count, .results = results};
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
	pthread_mutex_lock(&p.lock);
	while (p.done < count) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += (long)(S_TICK * 1e9);
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p.changed, &p.lock, &until);
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

static int S_run_processes(const sg_jobs *j, size_t count, sg_job_result *results)
{
	int n = j->jobs < 1 ? 1 : j->jobs;
	if ((size_t)n > count)
		n = (int)count;
	if (n == 0)
		return 0;
	S_worker *ws = sg_xcalloc((size_t)n, sizeof *ws);
	struct pollfd *fds = sg_xcalloc((size_t)n, sizeof *fds);
	/* A worker gone mid-write must not kill the parent. */
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	size_t next = 0, done = 0;
	int live = 0;
	int rc = 0;
	for (int i = 0; i < n; i++)
		if (S_spawn(j, ws, n, &ws[i]) == 0) {
			live++;
			S_dispatch(j, &ws[i], next++);
		}
	if (live == 0) {
		rc = -1;
		goto out;
	}
	sg_buf b;
	sg_buf_init(&b);
	double last = 0;
	while (done < count) {
		double now = S_now();
		double wait = S_TICK;
		int nfds = 0;
		for (int i = 0; i < n; i++) {
			if (ws[i].pid <= 0 || ws[i].job < 0)
				continue;
			if (ws[i].limit > 0 && !ws[i].timed_out) {
				double left = ws[i].started + ws[i].limit - now;
				if (left <= 0) {
					ws[i].timed_out = true;
					kill(ws[i].pid, SIGKILL);
				} else if (left < wait) {
					wait = left;
				}
			}
			fds[nfds].fd = ws[i].result_fd;
			fds[nfds].events = POLLIN;
			fds[nfds].revents = 0;
			nfds++;
		}
		if (nfds == 0)
			break; /* no worker left and none can be started */
		int pr = poll(fds, (nfds_t)nfds, (int)(wait * 1000) + 1);
		if (pr < 0 && errno != EINTR)
			break;
		for (int i = 0, k = 0; pr > 0 && i < n; i++) {
			if (ws[i].pid <= 0 || ws[i].job < 0)
				continue;
			short ev = fds[k++].revents;
			if (!ev)
				continue;
			S_worker *w = &ws[i];
			S_header h;
			bool got = S_read_full(w->result_fd, &h, sizeof h) == 0 &&
				   h.index == (uint32_t)w->job;
			if (got) {
				sg_buf_clear(&b);
				sg_buf_grow(&b, h.diag_len);
				got = S_read_full(w->result_fd, b.data, h.diag_len) == 0;
			}
			sg_job_result *r = &results[w->job];
			if (got) {
				sg_diags_init(&r->d);
				S_decode_diags(b.data, b.data + h.diag_len, &r->d);
				r->done = true;
				r->ok = h.ok != 0;
				r->bytes = h.bytes;
				r->seconds = h.seconds;
				memcpy(r->hash, h.hash, sizeof r->hash);
				r->hash[SG_SHA256_HEX - 1] = '\0';
				r->key = h.key;
				done++;
				if (next < count)
					S_dispatch(j, w, next++);
				else
					w->job = -1;
				continue;
			}
			/* The worker is gone: reap it, fail its job, replace it. */
			int status = 0;
			kill(w->pid, SIGKILL);
			while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
				;
			S_died(j, w, status, r);
			done++;
			S_close_worker(w);
			if (next < count && S_spawn(j, ws, n, w) == 0)
				S_dispatch(j, w, next++);
		}
		now = S_now();
		if (j->progress && now - last >= S_TICK) {
			j->progress(j->ctx, done, count);
			last = now;
		}
	}
	sg_buf_dispose(&b);
	/* Jobs never handed out because no worker could be started. */
	for (size_t i = 0; i < count; i++)
		if (!results[i].done && !results[i].d.items && results[i].d.count == 0 &&
		    (long)i >= (long)next) {
			sg_diags_init(&results[i].d);
			const char *path, *source;
			j->name(j->ctx, i, &path, &source);
			sg_error(&results[i].d, sg_pos_make(source ? source : path, 0, 0),
				 "building %s: no worker process could be started", path);
		}
	if (j->progress)
		j->progress(j->ctx, count, count);
out:
	for (int i = 0; i < n; i++) {
		if (ws[i].pid <= 0)
			continue;
		uint32_t stop = UINT32_MAX;
		(void)S_write_full(ws[i].task_fd, &stop, sizeof stop);
	}
	for (int i = 0; i < n; i++) {
		if (ws[i].pid <= 0)
			continue;
		int status;
		close(ws[i].task_fd);
		while (waitpid(ws[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		close(ws[i].result_fd);
	}
	signal(SIGPIPE, old_pipe);
	free(fds);
	free(ws);
	return rc;
}

int sg_jobs_run(const sg_jobs *j, size_t count, sg_job_result *results)
{
	if (count == 0)
		return 0;
	return j->processes ? S_run_processes(j, count, results) : S_run_threads(j, count, results);
}
