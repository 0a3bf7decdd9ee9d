/*
 * name_index.h - items found by name: open addressing over an array the
 * caller keeps, each item named by a string. The engine's inputs and the
 * stat cache's files are looked up through one.
 */
#ifndef SG_ENGINE_NAME_INDEX_H
#define SG_ENGINE_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* The name of item i of items. */
typedef const char *(*sg_name_at_fn)(const void *items, size_t i);

typedef struct sg_name_index {
	size_t *slots;     /* an item's index + 1; 0: empty */
	uint32_t *hashes;  /* per slot, its name's hash: most probes end on it,
			    * without reading the name, and growing reads no name */
	size_t slot_count; /* a power of two; 0 before the first item */
} sg_name_index;

/* The index + 1 of the item called name, or 0 when there is none. */
size_t sg_name_index_find(const sg_name_index *x, const char *name, sg_name_at_fn name_at,
			  const void *items);

/* The slot of name, among the count items there are: it holds name's
 * index + 1, or 0 when name is new; then the caller adds the item and
 * stores count + 1 there. Grows the index first, so that it stays at most
 * half full with one more item. The pointer is valid until the next call. */
size_t *sg_name_index_slot(sg_name_index *x, const char *name, size_t count,
			   sg_name_at_fn name_at, const void *items);

/* Makes room for count items at once (the stat cache knows how many it
 * reads): the index is then not grown item by item. */
void sg_name_index_reserve(sg_name_index *x, size_t count);

void sg_name_index_dispose(sg_name_index *x);

#endif
