/*
 * alloc.h - allocation that never returns NULL.
 *
 * Out of memory is not a condition salesgen can recover from in a useful way, so
 * every allocation goes through these wrappers, which print one line and abort.
 * Callers therefore never check the result for NULL.
 */
#ifndef SG_BASE_ALLOC_H
#define SG_BASE_ALLOC_H

#include <stddef.h>

void *sg_xmalloc(size_t size);
void *sg_xcalloc(size_t count, size_t size);
void *sg_xrealloc(void *ptr, size_t size);
char *sg_xstrdup(const char *s);
char *sg_xstrndup(const char *s, size_t n);
/* printf into a new heap string of the length it needs (paths and names of
 * any length: no fixed-size buffer that could cut them). */
char *sg_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
