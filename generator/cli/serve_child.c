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

/* A build, in a child of the builder: reports through fd, never returns. */
static void S_child_main(int fd, sg_build_opts o, const sg_env *env, long gen,
			 const char *customer)
{
	S_child c = {fd, gen};
	o.first_customer = *customer ? customer : NULL;
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

/* The builder: a build per request read from req, each in a child of its
 * own, "D" after each. Ends when the server closes req. */
static void S_builder_main(int req, int res, const sg_build_opts *o, const sg_env *env)
{
	setpgid(0, 0);
	char line[300];
	FILE *in = fdopen(req, "r");
	while (in && fgets(line, sizeof line, in)) {
		/* "GEN [CUSTOMER]\n" */
		char *customer;
		long gen = strtol(line, &customer, 10);
		customer += strspn(customer, " ");
		customer[strcspn(customer, "\n")] = 0;
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0)
			S_child_main(res, *o, env, gen, customer);
		while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		if (write(res, "D\n", 2) != 2)
			break;
	}
	_exit(0);
}

int sg_serve_builder_start(sg_serve_builder *b, const sg_build_opts *o, const sg_env *env)
{
	int req[2], res[2];
	if (pipe2(req, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(res, O_CLOEXEC) != 0) {
		close(req[0]);
		close(req[1]);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(req[1]);
		close(res[0]);
		S_builder_main(req[0], res[1], o, env);
	}
	int err = errno;
	close(req[0]);
	close(res[1]);
	if (pid < 0) {
		close(req[1]);
		close(res[0]);
		errno = err;
		return -1;
	}
	setpgid(pid, pid);
	fcntl(res[0], F_SETFL, O_NONBLOCK);
	*b = (sg_serve_builder){.pid = pid, .req_fd = req[1], .res_fd = res[0]};
	sg_buf_init(&b->in);
	return 0;
}

int sg_serve_builder_request(sg_serve_builder *b, long gen, const char *customer)
{
	char line[300];
	int n = snprintf(line, sizeof line, "%ld %s\n", gen, customer ? customer : "");
	if (!b->pid || n >= (int)sizeof line || write(b->req_fd, line, (size_t)n) != n)
		return -1;
	b->busy = true;
	return 0;
}

/* Hands each whole line of b->in to line(), but "D", and keeps the rest.
 * Returns whether "D" came. */
static bool S_lines(sg_serve_builder *b, void (*line)(void *arg, char *text), void *arg)
{
	size_t start = 0;
	bool done = false;
	for (char *nl; (nl = memchr(b->in.data + start, '\n', b->in.len - start));) {
		*nl = 0;
		if (strcmp(b->in.data + start, "D") == 0)
			done = true;
		else
			line(arg, b->in.data + start);
		start = (size_t)(nl - b->in.data) + 1;
	}
	memmove(b->in.data, b->in.data + start, b->in.len - start);
	b->in.len -= start;
	return done;
}

int sg_serve_builder_read(sg_serve_builder *b, void (*line)(void *arg, char *text), void *arg)
{
	char buf[65536];
	bool done = false;
	for (;;) {
		ssize_t n = read(b->res_fd, buf, sizeof buf);
		if (n > 0) {
			sg_buf_put(&b->in, buf, (size_t)n);
			done |= S_lines(b, line, arg);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		return -1; /* the builder is gone */
	}
	if (done)
		b->busy = false;
	return done ? 1 : 0;
}

void sg_serve_builder_stop(sg_serve_builder *b)
{
	if (!b->pid)
		return;
	kill(-b->pid, SIGKILL);
	kill(b->pid, SIGKILL);
	close(b->req_fd);
	close(b->res_fd);
	while (waitpid(b->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sg_buf_dispose(&b->in);
	*b = (sg_serve_builder){0};
}
