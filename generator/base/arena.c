#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include <stdlib.h>

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct sg_arena_block {
	sg_arena_block *next;
	size_t size; /* usable bytes in data */
	size_t off;  /* first free byte */
	_Alignas(ALIGN) unsigned char data[];
};

void sg_arena_init(sg_arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void sg_arena_dispose(sg_arena *a)
{
	sg_arena_block *b = a->head;
	while (b) {
		sg_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

void sg_arena_adopt(sg_arena *dst, sg_arena *src)
{
	if (!src->head)
		return;
	/* Behind dst's current block, so dst keeps bumping where it was. */
	sg_arena_block *tail = src->head;
	while (tail->next)
		tail = tail->next;
	if (dst->head) {
		tail->next = dst->head->next;
		dst->head->next = src->head;
	} else {
		dst->head = src->head;
	}
	dst->used += src->used;
	src->head = NULL;
	src->used = 0;
}

void *sg_arena_alloc(sg_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	sg_arena_block *b = a->head;
	if (!b || b->size - b->off < size) {
		/* A large request gets a block of its own, kept behind the current one
		 * so the current block's free space is not wasted. */
		size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
		sg_arena_block *nb = sg_xmalloc(sizeof *nb + cap);
		nb->size = cap;
		nb->off = 0;
		if (b && cap == size) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->off;
	b->off += size;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *sg_arena_strndup(sg_arena *a, const char *s, size_t n)
{
	char *p = sg_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sg_arena_strdup(sg_arena *a, const char *s)
{
	return sg_arena_strndup(a, s, strlen(s));
}

char *sg_arena_printf(sg_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (sg_fmt_null_arg(fmt, ap)) {
		/* Never "(null)": sg_buf_vprintf refuses it. */
		sg_buf b;
		sg_buf_init(&b);
		sg_buf_vprintf(&b, fmt, ap);
		va_end(ap);
		char *s = sg_arena_strndup(a, b.data, b.len);
		sg_buf_dispose(&b);
		return s;
	}
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = sg_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
