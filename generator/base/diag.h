/*
 * diag.h - problems found in user content, reported GCC style.
 *
 * Every problem in content, templates or flags is collected here rather than
 * printed on the spot, so a run can report all of them and the caller decides
 * the exit code. Printed as `path:line[:col]: error: message`.
 */
#ifndef SG_BASE_DIAG_H
#define SG_BASE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"

/* Where a value came from. line and col are 1-based; 0 means unknown. path is
 * borrowed: it must outlive whatever holds the position (content paths live in
 * the content's arena). */
typedef struct sg_pos {
	const char *path;
	int line;
	int col;
} sg_pos;

typedef enum sg_severity { SG_NOTE, SG_WARNING, SG_ERROR } sg_severity;

typedef struct sg_diag {
	char *path; /* owned copy, may be NULL */
	int line;
	int col;
	sg_severity severity;
	char *message; /* owned */
} sg_diag;

typedef struct sg_diags {
	sg_diag *items;
	size_t count;
	size_t cap;
	bool warnings_are_errors; /* --strict */
} sg_diags;

void sg_diags_init(sg_diags *d);
void sg_diags_dispose(sg_diags *d);

void sg_diag_add(sg_diags *d, sg_severity sev, sg_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with the arguments in ap, for a reporting function of one's own
 * that takes a format (ap is used up). */
void sg_diag_vadd(sg_diags *d, sg_severity sev, sg_pos pos, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
#define sg_error(d, pos, ...) sg_diag_add((d), SG_ERROR, (pos), __VA_ARGS__)
#define sg_warning(d, pos, ...) sg_diag_add((d), SG_WARNING, (pos), __VA_ARGS__)
#define sg_note(d, pos, ...) sg_diag_add((d), SG_NOTE, (pos), __VA_ARGS__)

/* Errors, plus warnings when warnings_are_errors is set. */
size_t sg_diags_errors(const sg_diags *d);
size_t sg_diags_count(const sg_diags *d, sg_severity sev);

/* Moves every item of src to the end of dst; src is left empty. */
void sg_diags_take(sg_diags *dst, sg_diags *src);

/* Sorts by path, line, column and message, so output does not depend on the
 * order files were read in, and drops repeats (sg_diags_unique). */
void sg_diags_sort(sg_diags *d);

/* After sg_diags_sort(): drops items equal to the one before them (same
 * place, severity and message), so a problem that several outputs meet is
 * printed once. */
void sg_diags_unique(sg_diags *d);

/* One line per item: "path:line:col: error: message". */
void sg_diags_print(const sg_diags *d, FILE *out);
/* The line of one item, without the newline, appended to out (whole, however
 * long). */
void sg_diag_format_buf(const sg_diag *item, bool strict, sg_buf *out);
/* The same into a fixed buffer, cut to outsize (tests). */
void sg_diag_format(const sg_diag *item, bool strict, char *out, size_t outsize);

static inline sg_pos sg_pos_make(const char *path, int line, int col)
{
	sg_pos p = {path, line, col};
	return p;
}

#endif
