#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

static char S_empty[1];

void sg_buf_init(sg_buf *b)
{
	b->data = S_empty;
	b->len = 0;
	b->cap = 0;
}

void sg_buf_dispose(sg_buf *b)
{
	if (b->cap)
		free(b->data);
	sg_buf_init(b);
}

void sg_buf_clear(sg_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void sg_buf_grow(sg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (b->cap) {
		b->data = sg_xrealloc(b->data, cap);
	} else {
		b->data = sg_xmalloc(cap);
		b->data[0] = '\0';
	}
	b->cap = cap;
}

void sg_buf_put(sg_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	sg_buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void sg_buf_puts(sg_buf *b, const char *s)
{
	sg_buf_put(b, s, strlen(s));
}

void sg_buf_putc(sg_buf *b, int c)
{
	char ch = (char)c;
	sg_buf_put(b, &ch, 1);
}

void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	sg_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sg_buf_printf(sg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void sg_buf_truncate(sg_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

char *sg_buf_detach(sg_buf *b)
{
	char *s = b->cap ? b->data : sg_xstrdup("");
	sg_buf_init(b);
	return s;
}
