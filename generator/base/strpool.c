/*
 * strpool.c - interned strings (strpool.h): an open-addressing table of
 * the strings, which are packed into chunks taken from the arena.
 */
#include "base/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* Strings are packed into chunks of this size; a longer one gets an arena
 * allocation of its own. */
#define S_CHUNK 4096
/* The most strings the table finds; later new ones are copied, packed, but
 * not interned. What repeats is met early (the roles and stages of the
 * first customers), while a content of 100,000 customers whose names are
 * all their own would otherwise hold a table of millions of strings, tens
 * of MB, while it loads: now at most 2 MB. */
#define S_MAX_STRINGS 65536

typedef struct S_slot {
	const char *s; /* NULL: empty */
	uint32_t len;
	uint32_t hash;
} S_slot;

struct sg_strpool {
	sg_arena *a;
	S_slot *table;
	size_t size, count; /* size: a power of two */
	char *chunk;        /* free bytes of the current chunk */
	size_t left;
	size_t bytes;
};

sg_strpool *sg_strpool_new(sg_arena *a)
{
	sg_strpool *p = sg_xcalloc(1, sizeof *p);
	p->a = a;
	p->size = 256;
	p->table = sg_xcalloc(p->size, sizeof *p->table);
	return p;
}

void sg_strpool_free(sg_strpool *p)
{
	if (!p)
		return;
	free(p->table);
	free(p);
}

/* FNV-1a: strings are short, and any spread will do. */
uint32_t sg_str_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void S_grow(sg_strpool *p)
{
	size_t size = p->size * 2;
	S_slot *t = sg_xcalloc(size, sizeof *t);
	for (size_t i = 0; i < p->size; i++) {
		if (!p->table[i].s)
			continue;
		size_t h = p->table[i].hash & (size - 1);
		while (t[h].s)
			h = (h + 1) & (size - 1);
		t[h] = p->table[i];
	}
	free(p->table);
	p->table = t;
	p->size = size;
}

/* Room for n bytes, packed. */
static char *S_room(sg_strpool *p, size_t n)
{
	if (n > S_CHUNK / 4)
		return sg_arena_alloc(p->a, n);
	if (p->left < n) {
		p->chunk = sg_arena_alloc(p->a, S_CHUNK);
		p->left = S_CHUNK;
	}
	char *s = p->chunk;
	p->chunk += n;
	p->left -= n;
	return s;
}

/* A copy of the len bytes at s, packed, not in the table. */
static const char *S_copy(sg_strpool *p, const char *s, size_t len)
{
	char *copy = S_room(p, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->bytes += len + 1;
	return copy;
}

const char *sg_strpool_copy(sg_strpool *p, const char *s, size_t len)
{
	return S_copy(p, s, len);
}

const char *sg_strpool_intern(sg_strpool *p, const char *s, size_t len)
{
	if (len >= UINT32_MAX) /* too long for the table (never in a content) */
		return S_copy(p, s, len);
	uint32_t hash = sg_str_hash(s, len);
	size_t h = hash & (p->size - 1);
	for (; p->table[h].s; h = (h + 1) & (p->size - 1)) {
		const S_slot *e = &p->table[h];
		if (e->hash == hash && e->len == len && memcmp(e->s, s, len) == 0)
			return e->s;
	}
	const char *copy = S_copy(p, s, len);
	if (p->count == S_MAX_STRINGS)
		return copy;
	p->table[h] = (S_slot){copy, (uint32_t)len, hash};
	/* At most three quarters full. */
	if (++p->count * 4 > p->size * 3)
		S_grow(p);
	return copy;
}

size_t sg_strpool_bytes(const sg_strpool *p)
{
	return p->bytes;
}
