/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Caller-owned: sg_buf_init() before use, sg_buf_dispose() after. data is never
 * NULL once initialised, so it can be printed without a check.
 */
#ifndef SG_BASE_BUF_H
#define SG_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sg_buf {
	char *data; /* len bytes, then a NUL */
	size_t len;
	size_t cap; /* bytes allocated, 0 while data points at a static "" */
} sg_buf;

void sg_buf_init(sg_buf *b);
void sg_buf_dispose(sg_buf *b);
void sg_buf_clear(sg_buf *b);
void sg_buf_grow(sg_buf *b, size_t extra);
/* Room for exactly extra more bytes (and the NUL), where sg_buf_grow()
 * may take twice what it needs: for a large buffer whose size is known. */
void sg_buf_reserve(sg_buf *b, size_t extra);
void sg_buf_put(sg_buf *b, const void *data, size_t len);
void sg_buf_puts(sg_buf *b, const char *s);
void sg_buf_putc(sg_buf *b, int c);
/* v in decimal, without printf (for files of many numbers). */
void sg_buf_put_u64(sg_buf *b, uint64_t v);
void sg_buf_printf(sg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* printf into b. Never prints "(null)": a NULL given for a %s is a
 * programming error (a value the model may lack reached a message or a
 * document unchecked), so debug builds stop there with the format on
 * stderr; release builds print nothing in its place. */
void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap);
void sg_buf_truncate(sg_buf *b, size_t len);
/* The number (1-based) of the first %s conversion of fmt whose argument in
 * ap is NULL, or 0 when there is none (or fmt uses a conversion this does
 * not know, such as positional arguments). ap is not consumed. */
int sg_fmt_null_arg(const char *fmt, va_list ap);

/* Called with a format and the number of its NULL string argument: debug
 * builds print both and abort; release builds return (the caller then
 * prints nothing in its place). */
void sg_fmt_null_refuse(const char *fmt, int arg);

/* Hands the heap string to the caller (free() it) and leaves b empty. */
char *sg_buf_detach(sg_buf *b);

/* Where bytes written piece by piece go (a file, a buffer): called with
 * each piece in order; returns 0, or -1 to stop the writer (which then
 * returns -1 at once). */
typedef int (*sg_sink_fn)(void *sink, const void *data, size_t len);

#endif
