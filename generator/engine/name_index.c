/*
 * name_index.c - items found by name (see name_index.h).
 */
#include "engine/name_index.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "engine/shard.h"

/* Where name is, or the empty slot where it would go. */
static size_t S_slot(const sg_name_index *x, const char *name, sg_name_at_fn name_at,
		     const void *items)
{
	size_t mask = x->slot_count - 1;
	size_t i = (size_t)sg_shard_hash(name) & mask;
	while (x->slots[i] && strcmp(name_at(items, x->slots[i] - 1), name) != 0)
		i = (i + 1) & mask;
	return i;
}

size_t sg_name_index_find(const sg_name_index *x, const char *name, sg_name_at_fn name_at,
			  const void *items)
{
	return x->slot_count ? x->slots[S_slot(x, name, name_at, items)] : 0;
}

size_t *sg_name_index_slot(sg_name_index *x, const char *name, size_t count,
			   sg_name_at_fn name_at, const void *items)
{
	if ((count + 1) * 2 > x->slot_count) {
		free(x->slots);
		x->slot_count = x->slot_count ? x->slot_count * 2 : 256;
		x->slots = sg_xcalloc(x->slot_count, sizeof *x->slots);
		for (size_t i = 0; i < count; i++)
			x->slots[S_slot(x, name_at(items, i), name_at, items)] = i + 1;
	}
	return &x->slots[S_slot(x, name, name_at, items)];
}

void sg_name_index_dispose(sg_name_index *x)
{
	free(x->slots);
	x->slots = NULL;
	x->slot_count = 0;
}
