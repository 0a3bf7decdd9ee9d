#include "base/buf.h"

#include <stddef.h>
#include <stdint.h>
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

void sg_buf_reserve(sg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap) {
		b->data = sg_xrealloc(b->data, need);
	} else {
		b->data = sg_xmalloc(need);
		b->data[0] = '\0';
	}
	b->cap = need;
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

/* ---------------------------------------------------------------- printf without "(null)" */

/* The C types a conversion takes its argument as, after promotion. */
typedef enum S_arg {
	S_ARG_INT,
	S_ARG_LONG,
	S_ARG_LLONG,
	S_ARG_INTMAX,
	S_ARG_SIZE,
	S_ARG_PTRDIFF,
	S_ARG_DOUBLE,
	S_ARG_LDOUBLE,
	S_ARG_STR,
	S_ARG_PTR,
	S_ARG_NONE, /* %% */
	S_ARG_UNKNOWN,
} S_arg;

/* The type of the argument of conversion c with length modifier l (1 l,
 * 2 ll, -1 h or hh, 'j' 'z' 't' 'L', 0 none). */
static S_arg S_arg_of(char c, int l)
{
	switch (c) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'c':
		return l == 1 ? S_ARG_LONG : l == 2 ? S_ARG_LLONG : l == 'j' ? S_ARG_INTMAX
		       : l == 'z' ? S_ARG_SIZE : l == 't' ? S_ARG_PTRDIFF : S_ARG_INT;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		return l == 'L' ? S_ARG_LDOUBLE : S_ARG_DOUBLE;
	case 's':
		return l ? S_ARG_UNKNOWN : S_ARG_STR;
	case 'p':
		return S_ARG_PTR;
	default:
		return S_ARG_UNKNOWN;
	}
}

/* Reads the conversion whose '%' is at *p: moves *p past it, stores in spec
 * (when not NULL, at least 96 bytes) the conversion with any '*' width or
 * precision replaced by its value from ap, and returns the type of its
 * argument (left in ap for the caller to take). */
static S_arg S_conversion(const char **p, va_list *ap, char *spec)
{
	const char *s = *p + 1;
	size_t n = 0;
	if (spec)
		spec[n++] = '%';
	/* Copies the character at s into spec and moves past it. */
#define S_KEEP()                               \
	do {                                   \
		if (spec && n < 80)            \
			spec[n++] = *s;        \
		s++;                           \
	} while (0)
	if (*s == '%') {
		*p = s + 1;
		if (spec) {
			spec[n++] = '%';
			spec[n] = '\0';
		}
		return S_ARG_NONE;
	}
	while (*s && strchr("-+ #0'", *s))
		S_KEEP();
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*s != '.')
				break;
			S_KEEP();
		}
		if (*s == '*') {
			int v = va_arg(*ap, int);
			if (spec && n < 60)
				n += (size_t)snprintf(spec + n, 16, "%d", v);
			s++;
		} else {
			while (*s >= '0' && *s <= '9')
				S_KEEP();
		}
		if (*s == '$')
			return S_ARG_UNKNOWN; /* positional: not used here */
	}
	int l = 0; /* the length modifier, as S_arg_of takes it */
	for (;;) {
		if (*s == 'l')
			l = l == 1 ? 2 : 1;
		else if (*s == 'h')
			l = -1;
		else if (*s == 'j' || *s == 'z' || *s == 't' || *s == 'L')
			l = *s;
		else
			break;
		S_KEEP();
	}
	char c = *s;
	if (!c)
		return S_ARG_UNKNOWN;
	S_KEEP();
	if (spec)
		spec[n] = '\0';
	*p = s;
#undef S_KEEP
	return S_arg_of(c, l);
}

/* Takes the argument of type t from ap; for a string, returns it. */
static const char *S_skip(S_arg t, va_list *ap)
{
	switch (t) {
	case S_ARG_INT: (void)va_arg(*ap, int); break;
	case S_ARG_LONG: (void)va_arg(*ap, long); break;
	case S_ARG_LLONG: (void)va_arg(*ap, long long); break;
	case S_ARG_INTMAX: (void)va_arg(*ap, intmax_t); break;
	case S_ARG_SIZE: (void)va_arg(*ap, size_t); break;
	case S_ARG_PTRDIFF: (void)va_arg(*ap, ptrdiff_t); break;
	case S_ARG_DOUBLE: (void)va_arg(*ap, double); break;
	case S_ARG_LDOUBLE: (void)va_arg(*ap, long double); break;
	case S_ARG_STR: return va_arg(*ap, const char *);
	case S_ARG_PTR: (void)va_arg(*ap, void *); break;
	case S_ARG_NONE: case S_ARG_UNKNOWN: break;
	}
	return NULL;
}

int sg_fmt_null_arg(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int k = 0, found = 0;
	for (const char *p = fmt; *p && !found;) {
		if (*p != '%') {
			p++;
			continue;
		}
		S_arg t = S_conversion(&p, &aq, NULL);
		if (t == S_ARG_UNKNOWN)
			break;
		if (t == S_ARG_NONE)
			continue;
		k++;
		if (t == S_ARG_STR && !S_skip(t, &aq))
			found = k;
		else if (t != S_ARG_STR)
			S_skip(t, &aq);
	}
	va_end(aq);
	return found;
}

/* Appends one conversion (spec, its argument taken from ap). */
static void S_one(sg_buf *b, const char *spec, S_arg t, va_list *ap)
{
	char small[128];
	int n = 0;
#define S_FMT(type)                                                               \
	do {                                                                      \
		type v_ = va_arg(*ap, type);                                      \
		n = snprintf(small, sizeof small, spec, v_);                      \
		if (n >= (int)sizeof small) {                                     \
			sg_buf_grow(b, (size_t)n);                                \
			snprintf(b->data + b->len, (size_t)n + 1, spec, v_);      \
			b->len += (size_t)n;                                      \
			return;                                                   \
		}                                                                 \
	} while (0)
	switch (t) {
	case S_ARG_INT: S_FMT(int); break;
	case S_ARG_LONG: S_FMT(long); break;
	case S_ARG_LLONG: S_FMT(long long); break;
	case S_ARG_INTMAX: S_FMT(intmax_t); break;
	case S_ARG_SIZE: S_FMT(size_t); break;
	case S_ARG_PTRDIFF: S_FMT(ptrdiff_t); break;
	case S_ARG_DOUBLE: S_FMT(double); break;
	case S_ARG_LDOUBLE: S_FMT(long double); break;
	case S_ARG_PTR: S_FMT(void *); break;
	case S_ARG_STR: {
		const char *v = va_arg(*ap, const char *);
		const char *s = v ? v : "";
		n = snprintf(small, sizeof small, spec, s);
		if (n >= (int)sizeof small) {
			sg_buf_grow(b, (size_t)n);
			snprintf(b->data + b->len, (size_t)n + 1, spec, s);
			b->len += (size_t)n;
			return;
		}
		break;
	}
	case S_ARG_NONE:
		sg_buf_putc(b, '%');
		return;
	case S_ARG_UNKNOWN:
		return;
	}
#undef S_FMT
	if (n > 0)
		sg_buf_put(b, small, (size_t)n);
}

/* printf, one conversion at a time, with "" for a NULL string. */
static void S_vprintf_safe(sg_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	for (const char *p = fmt; *p;) {
		const char *lit = p;
		while (*p && *p != '%')
			p++;
		sg_buf_put(b, lit, (size_t)(p - lit));
		if (!*p)
			break;
		char spec[96];
		S_arg t = S_conversion(&p, &aq, spec);
		if (t == S_ARG_UNKNOWN)
			break;
		S_one(b, spec, t, &aq);
	}
	va_end(aq);
}

void sg_fmt_null_refuse(const char *fmt, int arg)
{
#ifndef NDEBUG
	fprintf(stderr,
		"salesgen: internal error: NULL given for string %d of the format \"%s\" "
		"(it would print as \"(null)\")\n",
		arg, fmt);
	abort();
#else
	(void)fmt;
	(void)arg;
#endif
}

void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap)
{
	int null_arg = sg_fmt_null_arg(fmt, ap);
	if (null_arg) {
		sg_fmt_null_refuse(fmt, null_arg);
		S_vprintf_safe(b, fmt, ap);
		return;
	}
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

void sg_buf_put_u64(sg_buf *b, uint64_t v)
{
	char tmp[24];
	size_t n = sizeof tmp;
	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sg_buf_put(b, tmp + n, sizeof tmp - n);
}
