#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"

void sg_diags_init(sg_diags *d)
{
	memset(d, 0, sizeof *d);
}

void sg_diags_dispose(sg_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

static void S_push(sg_diags *d, sg_diag item)
{
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = sg_xrealloc(d->items, d->cap * sizeof *d->items);
	}
	d->items[d->count++] = item;
}

void sg_diag_add(sg_diags *d, sg_severity sev, sg_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sg_diag_vadd(d, sev, pos, fmt, ap);
	va_end(ap);
}

void sg_diag_vadd(sg_diags *d, sg_severity sev, sg_pos pos, const char *fmt, va_list ap)
{
	sg_buf msg;
	sg_buf_init(&msg);
	sg_buf_vprintf(&msg, fmt, ap);
	sg_diag item = {
		.path = pos.path ? sg_xstrdup(pos.path) : NULL,
		.line = pos.line,
		.col = pos.col,
		.severity = sev,
		.message = sg_buf_detach(&msg),
	};
	S_push(d, item);
}

size_t sg_diags_count(const sg_diags *d, sg_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += d->items[i].severity == sev;
	return n;
}

size_t sg_diags_errors(const sg_diags *d)
{
	size_t n = sg_diags_count(d, SG_ERROR);
	if (d->warnings_are_errors)
		n += sg_diags_count(d, SG_WARNING);
	return n;
}

void sg_diags_take(sg_diags *dst, sg_diags *src)
{
	for (size_t i = 0; i < src->count; i++)
		S_push(dst, src->items[i]);
	free(src->items);
	src->items = NULL;
	src->count = src->cap = 0;
}

static int S_cmp(const sg_diag *a, const sg_diag *b)
{
	const char *pa = a->path ? a->path : "";
	const char *pb = b->path ? b->path : "";
	int c = strcmp(pa, pb);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->message, b->message);
}

void sg_diags_unique(sg_diags *d);

void sg_diags_sort(sg_diags *d)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < d->count; i++) {
		sg_diag item = d->items[i];
		size_t j = i;
		while (j > 0 && S_cmp(&d->items[j - 1], &item) > 0) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = item;
	}
	sg_diags_unique(d);
}

void sg_diags_unique(sg_diags *d)
{
	size_t out = 0;
	for (size_t i = 0; i < d->count; i++) {
		sg_diag *it = &d->items[i];
		if (out > 0) {
			const sg_diag *prev = &d->items[out - 1];
			if (S_cmp(prev, it) == 0 && prev->severity == it->severity) {
				free(it->path);
				free(it->message);
				continue;
			}
		}
		d->items[out++] = *it;
	}
	d->count = out;
}

static const char *S_label(sg_severity sev, bool strict)
{
	switch (sev) {
	case SG_ERROR:
		return "error";
	case SG_WARNING:
		return strict ? "error" : "warning";
	case SG_NOTE:
		return "note";
	}
	return "error";
}

void sg_diag_format_buf(const sg_diag *item, bool strict, sg_buf *out)
{
	const char *label = S_label(item->severity, strict);
	if (!item->path)
		sg_buf_printf(out, "salesgen: %s: %s", label, item->message);
	else if (item->line > 0 && item->col > 0)
		sg_buf_printf(out, "%s:%d:%d: %s: %s", item->path, item->line, item->col, label,
			      item->message);
	else if (item->line > 0)
		sg_buf_printf(out, "%s:%d: %s: %s", item->path, item->line, label, item->message);
	else
		sg_buf_printf(out, "%s: %s: %s", item->path, label, item->message);
}

void sg_diag_format(const sg_diag *item, bool strict, char *out, size_t outsize)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_diag_format_buf(item, strict, &b);
	snprintf(out, outsize, "%s", b.data);
	sg_buf_dispose(&b);
}

void sg_diags_print(const sg_diags *d, FILE *out)
{
	/* Whole lines however long the path and the message: never cut. */
	sg_buf line;
	sg_buf_init(&line);
	for (size_t i = 0; i < d->count; i++) {
		sg_buf_clear(&line);
		sg_diag_format_buf(&d->items[i], d->warnings_are_errors, &line);
		fprintf(out, "%s\n", line.data);
	}
	sg_buf_dispose(&line);
}
