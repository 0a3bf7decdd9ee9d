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

#endif
