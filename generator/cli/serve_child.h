/*
 * serve_child.h - where the builds of `salesgen serve` run: a builder
 * process, forked before the server starts any thread, which forks one
 * child per build.
 *
 * Two reasons. Ctrl-C must stop the server at once, even in the middle of a
 * long first build: the builder, its build and the build's workers are a
 * process group of their own, killed together, and nothing of a build
 * outlives it. And a process with threads should not fork: a lock another
 * thread holds at that moment (AddressSanitizer's allocator, for one) stays
 * locked in the child for ever. The builder has no threads when it forks.
 *
 * Each build writes its results to a pipe, a line each:
 *   "S GEN JSON"  the state of a finished engine run, generation GEN
 *   "T DIR"       the theme folder the outputs were made with
 * and the builder ends each build with "D".
 */
#ifndef SG_CLI_SERVE_CHILD_H
#define SG_CLI_SERVE_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/buf.h"
#include "cli/build_run.h"

typedef struct sg_serve_builder {
	pid_t pid;   /* the builder; 0 when there is none */
	int req_fd;  /* where build requests go */
	int res_fd;  /* where the results come from */
	sg_buf in;   /* bytes read, not yet a whole line */
	bool busy;   /* a build is running */
} sg_serve_builder;

/* Forks the builder, which builds o (its after hook is set there) on each
 * request. Call before any thread starts. Returns 0, or -1 with errno. */
int sg_serve_builder_start(sg_serve_builder *b, const sg_build_opts *o, const sg_env *env);

/* Asks for a build whose states are numbered from gen + 1; customer, when
 * not NULL (a safe id), is the one customer whose file changed: its outputs
 * of the first kind (o->first) are built in a pass of their own, before
 * the others. Returns 0, or -1 when the builder is gone. */
int sg_serve_builder_request(sg_serve_builder *b, long gen, const char *customer);

/* Reads what the build wrote and calls line(arg, text) for each whole line
 * but the last (text without its newline, writable). Returns 1 once the
 * build is over, 0 while it runs, -1 when the builder died. */
int sg_serve_builder_read(sg_serve_builder *b, void (*line)(void *arg, char *text), void *arg);

/* Kills the builder with its build and workers, and reaps it. */
void sg_serve_builder_stop(sg_serve_builder *b);

#endif
