/*
 * serve_child.c - a build of `salesgen serve` in a child process
 * (serve_child.h).
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/serve_child.h"
#include "serve/server.h"

/* What the child's hook needs. */
typedef struct S_child {
	int fd;
	long gen;
} S_child;

/* Writes all of b to fd (the child's end of the pipe). */
static void S_write_all(int fd, const sg_buf *b)
{
	for (size_t off = 0; off < b->len;) {
		ssize_t n = write(fd, b->data + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		off += (size_t)n;
	}
}

/* The errors of d as text, a line each; warnings stay on the terminal. */
static void S_problems(const sg_diags *d, sg_buf *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		if (it->severity == SG_ERROR ||
		    (d->warnings_are_errors && it->severity == SG_WARNING)) {
			sg_diag_format_buf(it, d->warnings_are_errors, out);
			sg_buf_putc(out, '\n');
		}
	}
}

/* The hook of each engine run, in the child: the state, then the theme. */
static void S_after(void *arg, const sg_engine *e, const sg_diags *d, const char *theme_dir)
{
	S_child *ch = arg;
	size_t count = e ? sg_engine_result_count(e) : 0, n = 0;
	char **changed = sg_xcalloc(count ? count : 1, sizeof *changed);
	for (size_t i = 0; i < count; i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		if (r.status == SG_STATUS_BUILT || r.status == SG_STATUS_REMOVED)
			changed[n++] = (char *)r.path;
	}
	sg_buf problems, line;
	sg_buf_init(&problems);
	sg_buf_init(&line);
	S_problems(d, &problems);
	ch->gen++;
	sg_buf_printf(&line, "S %ld ", ch->gen);
	sg_serve_state_json(ch->gen, sg_diags_errors(d), problems.data, changed, n, &line);
	sg_buf_putc(&line, '\n');
	if (theme_dir && !strchr(theme_dir, '\n'))
		sg_buf_printf(&line, "T %s\n", theme_dir);
	S_write_all(ch->fd, &line);
	sg_buf_dispose(&problems);
	sg_buf_dispose(&line);
	free(changed);
}

/* The child: builds, reports through fd, never returns. */
static void S_child_main(int fd, sg_build_opts o, const sg_env *env, long gen)
{
	/* A process group of its own, workers included: the parent kills all
	 * of it at once. */
	setpgid(0, 0);
	S_child c = {fd, gen};
	o.after = S_after;
	o.after_arg = &c;
	sg_outguard guard;
	sg_outguard_init(&guard);
	sg_outguard_folder(&guard, o.e.content_dir, "content");
	sg_build_run(&o, &guard, env);
	sg_outguard_dispose(&guard);
	fflush(NULL);
	_exit(0);
}

int sg_serve_child_start(sg_serve_child *ch, sg_build_opts o, const sg_env *env, long gen)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		close(p[0]);
		close(p[1]);
		errno = err;
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		S_child_main(p[1], o, env, gen);
	}
	setpgid(pid, pid);
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	*ch = (sg_serve_child){.pid = pid, .fd = p[0], .gen = gen};
	sg_buf_init(&ch->in);
	return 0;
}

/* Hands each whole line of ch->in to line() and keeps the rest. */
static void S_lines(sg_serve_child *ch, void (*line)(void *arg, char *text), void *arg)
{
	size_t start = 0;
	for (char *nl; (nl = memchr(ch->in.data + start, '\n', ch->in.len - start));) {
		*nl = 0;
		line(arg, ch->in.data + start);
		start = (size_t)(nl - ch->in.data) + 1;
	}
	memmove(ch->in.data, ch->in.data + start, ch->in.len - start);
	ch->in.len -= start;
}

/* Reaps the child and forgets it. */
static void S_end(sg_serve_child *ch)
{
	close(ch->fd);
	while (waitpid(ch->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sg_buf_dispose(&ch->in);
	*ch = (sg_serve_child){0};
}

bool sg_serve_child_read(sg_serve_child *ch, void (*line)(void *arg, char *text), void *arg)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(ch->fd, buf, sizeof buf);
		if (n > 0) {
			sg_buf_put(&ch->in, buf, (size_t)n);
			S_lines(ch, line, arg);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return false;
		S_end(ch);
		return true;
	}
}

void sg_serve_child_kill(sg_serve_child *ch)
{
	if (!ch->pid)
		return;
	kill(-ch->pid, SIGKILL);
	kill(ch->pid, SIGKILL);
	S_end(ch);
}
