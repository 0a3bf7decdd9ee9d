/*
 * support.h - small helpers shared by the unit tests.
 */
#ifndef SG_TEST_SUPPORT_H
#define SG_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* Reads a whole file into a heap string (free() it); NULL when missing. */
char *sg_test_read_file(const char *path, size_t *len);

/* Writes text to a fresh file under a private temporary directory and returns
 * its path (static storage, valid until the next call with the same slot). */
const char *sg_test_write_temp(int slot, const char *name, const char *text);
/* A new folder PREFIX.XXXXXX under TMPDIR, removed with all it holds when
 * the test program exits (at most 64 a program); NULL on failure. */
const char *sg_test_tmpdir(const char *prefix);

/* The main of every unit test program: runs the cases of tests[0..n) that the
 * command line selects, between the group's setup and teardown (either may
 * be NULL), and returns the exit status for main. The command line:
 *     -f PATTERN, --filter PATTERN   only the cases whose name matches
 *         PATTERN, a shell glob (fnmatch: *, ?, [...]) over the whole name,
 *         so "test_lock" is that case alone and "*lock*" every case that
 *         names lock; given more than once, a case that matches any of them
 *     --list                         print the names of the selected cases,
 *         one a line, and run nothing
 *     -h, --help                     say so
 * Bad usage, and a pattern that matches no case, exit 2 with a message on
 * stderr; otherwise the status is cmocka's (0 when every case passed). */
int sg_test_run(const struct CMUnitTest *tests, size_t n, int argc, char **argv,
		CMFixtureFunction setup, CMFixtureFunction teardown);

#endif
