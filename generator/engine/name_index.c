/*
 * name_index.c - items found by name (see name_index.h).
 *
 * Linear probing over a power-of-two table at most half full. Each slot
 * keeps its name's hash beside the item's index: a probe compares names
 * only when the hashes agree, and growing places every item again from its
 * hash alone. At 100,000 customers the stat cache reads 600,000 names at a
 * build's start, and comparing each probe's name (an item, then its string,
 * two reads far apart in memory) and hashing every name again at each
 * doubling were most of that.
 */
#include "engine/name_index.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "engine/shard.h"

static uint32_t S_hash(const char *name)
{
	uint64_t h = sg_shard_hash(name);
	return (uint32_t)(h ^ h >> 32);
}

/* Where name (of hash h) is, or the empty slot where it would go. */
static size_t S_slot(const sg_name_index *x, const char *name, uint32_t h, sg_name_at_fn name_at,
		     const void *items)
{
	size_t mask = x->slot_count - 1;
	size_t i = h & mask;
	while (x->slots[i] &&
	       (x->hashes[i] != h || strcmp(name_at(items, x->slots[i] - 1), name) != 0))
		i = (i + 1) & mask;
	return i;
}

size_t sg_name_index_find(const sg_name_index *x, const char *name, sg_name_at_fn name_at,
			  const void *items)
{
	return x->slot_count ? x->slots[S_slot(x, name, S_hash(name), name_at, items)] : 0;
}

/* A table of n slots (a power of two) holding what x holds. */
static void S_grow(sg_name_index *x, size_t n)
{
	size_t *slots = sg_xcalloc(n, sizeof *slots);
	uint32_t *hashes = sg_xmalloc(n * sizeof *hashes);
	for (size_t k = 0; k < x->slot_count; k++) {
		if (!x->slots[k])
			continue;
		/* The names are all different: an empty slot is where it goes. */
		size_t i = x->hashes[k] & (n - 1);
		while (slots[i])
			i = (i + 1) & (n - 1);
		slots[i] = x->slots[k];
		hashes[i] = x->hashes[k];
	}
	free(x->slots);
	free(x->hashes);
	x->slots = slots;
	x->hashes = hashes;
	x->slot_count = n;
}

void sg_name_index_reserve(sg_name_index *x, size_t count)
{
	size_t n = x->slot_count ? x->slot_count : 256;
	while ((count + 1) * 2 > n)
		n *= 2;
	if (n != x->slot_count)
		S_grow(x, n);
}

size_t *sg_name_index_slot(sg_name_index *x, const char *name, size_t count,
			   sg_name_at_fn name_at, const void *items)
{
	sg_name_index_reserve(x, count);
	uint32_t h = S_hash(name);
	size_t i = S_slot(x, name, h, name_at, items);
	/* A new name's hash goes with the slot the caller fills; a slot left
	 * empty ignores it. */
	x->hashes[i] = h;
	return &x->slots[i];
}

void sg_name_index_dispose(sg_name_index *x)
{
	free(x->slots);
	free(x->hashes);
	x->slots = NULL;
	x->hashes = NULL;
	x->slot_count = 0;
}
