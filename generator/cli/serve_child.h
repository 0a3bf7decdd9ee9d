/*
 * serve_child.h - each build of `salesgen serve` runs in a child process of
 * its own, so that Ctrl-C can stop the server at once, even in the middle
 * of a long first build: the child (with its build workers, in a process
 * group of their own) is killed, and nothing of the build outlives it.
 *
 * The child writes its results to a pipe, a line each:
 *   "S GEN JSON"  the state of a finished engine run, generation GEN
 *   "T DIR"       the theme folder the outputs were made with
 * and ends when the build is over.
 */
#ifndef SG_CLI_SERVE_CHILD_H
#define SG_CLI_SERVE_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/buf.h"
#include "cli/build_run.h"

typedef struct sg_serve_child {
	pid_t pid; /* 0: no build running */
	int fd;    /* the read end of the pipe */
	sg_buf in; /* bytes read, not yet a whole line */
	long gen;  /* the generation the child's first state follows */
} sg_serve_child;

/* Starts a build of o (its after hook is set here) in a child process;
 * its states are numbered from gen + 1. Returns 0, or -1 with errno. */
int sg_serve_child_start(sg_serve_child *ch, sg_build_opts o, const sg_env *env, long gen);

/* Reads what the child wrote and calls line(arg, text) for each whole
 * line (text without its newline, writable). Returns true once the child
 * has ended (it is then reaped and ch reset). */
bool sg_serve_child_read(sg_serve_child *ch, void (*line)(void *arg, char *text), void *arg);

/* Kills the running build, workers included, and reaps it. */
void sg_serve_child_kill(sg_serve_child *ch);

#endif
