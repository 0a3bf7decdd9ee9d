/*
 * arena.h - a bump allocator freed in one call.
 *
 * One arena holds everything loaded for one content tree or one document: model
 * values, strings, template data. Nothing allocated from an arena is freed on its
 * own; sg_arena_dispose() releases it all.
 */
#ifndef SG_BASE_ARENA_H
#define SG_BASE_ARENA_H

#include <stddef.h>

typedef struct sg_arena_block sg_arena_block;

typedef struct sg_arena {
	sg_arena_block *head; /* newest block first */
	size_t used;          /* bytes handed out, for statistics */
} sg_arena;

void sg_arena_init(sg_arena *a);
void sg_arena_dispose(sg_arena *a);

/* Moves every block of src into dst (src is left empty): what was allocated
 * from src now lives as long as dst. For arenas filled in worker threads. */
void sg_arena_adopt(sg_arena *dst, sg_arena *src);

/* Zeroed memory, aligned for any type; never NULL. */
void *sg_arena_alloc(sg_arena *a, size_t size);
char *sg_arena_strdup(sg_arena *a, const char *s);
char *sg_arena_strndup(sg_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *sg_arena_printf(sg_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
