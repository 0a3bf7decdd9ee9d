/*
 * strpool.h - strings interned into an arena: one copy of each.
 *
 * A loaded content holds many strings that repeat from one customer to the
 * next (roles, attitudes, stages, checklist items, product and rep names):
 * a pool keeps one copy of each, packed byte by byte (the arena's own
 * allocations are rounded to 16 bytes). The strings live in the arena the
 * pool was made with; the pool itself is only the table that finds them,
 * and may be freed once nothing more is interned.
 */
#ifndef SG_BASE_STRPOOL_H
#define SG_BASE_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct sg_strpool sg_strpool;

/* A pool whose strings go into a (which must outlive every string). */
sg_strpool *sg_strpool_new(sg_arena *a);
/* Frees the table; the strings stay in the arena. NULL is allowed. */
void sg_strpool_free(sg_strpool *p);

/* The pool's copy of the len bytes at s (which need not be NUL-terminated;
 * the copy is), made on the first call with those bytes. Once the pool
 * holds 65,536 strings, a string it does not hold is copied each time (so
 * that its table stays small whatever is interned). */
const char *sg_strpool_intern(sg_strpool *p, const char *s, size_t len);

/* A copy of the len bytes at s (NUL-terminated), packed with the pool's
 * strings but not interned: for strings that may repeat only next to each
 * other, which the caller finds itself, without a table entry each. */
const char *sg_strpool_copy(sg_strpool *p, const char *s, size_t len);

/* The hash the pool finds strings by (FNV-1a), for other tables of
 * strings. */
uint32_t sg_str_hash(const char *s, size_t len);

/* Bytes of strings held (each once, with its NUL), for statistics. */
size_t sg_strpool_bytes(const sg_strpool *p);

#endif
