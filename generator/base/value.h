/*
 * value.h - a small dynamic value tree: the data templates and JSON see.
 *
 * The model is typed C structs; when a template or a JSON writer needs it, a
 * "view" of it is built as a tree of these values (see document/fields.h). Values
 * live in an arena and are never freed alone. Maps keep insertion order, so
 * JSON output and iteration are deterministic.
 */
#ifndef SG_BASE_VALUE_H
#define SG_BASE_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

typedef enum sg_value_kind {
	SG_VAL_NULL,
	SG_VAL_BOOL,
	SG_VAL_INT,
	SG_VAL_DEC, /* fixed point: units / 10^scale, e.g. fen as (9500000, 2) */
	SG_VAL_STR,
	SG_VAL_LIST,
	SG_VAL_MAP,
} sg_value_kind;

typedef struct sg_value sg_value;
struct sg_value {
	sg_value_kind kind;
	union {
		bool b;
		int64_t i;
		struct {
			int64_t units;
			int scale; /* 0..9 */
		} dec;
		struct {
			const char *s; /* NUL-terminated, may contain any UTF-8 */
			size_t len;
		} str;
		struct {
			sg_value *first; /* children, linked through next */
			sg_value *last;
			size_t count;
		} items;
	} u;
	/* A string already in the output's markup language (made by salesgen, or a
	 * Markdown field a template may show as Markdown): the only kind of value a
	 * strict template may insert raw with {{{x}}}. */
	bool markup;
	const char *key; /* the child's key when it sits in a map */
	sg_value *next;  /* next sibling in a list or map */
	/* Where the value was written (1-based line and column in the file), for
	 * values read from a file such as YAML front matter; 0 when unknown. */
	int line;
	int col;
};

sg_value *sg_value_null(sg_arena *a);
sg_value *sg_value_bool(sg_arena *a, bool b);
sg_value *sg_value_int(sg_arena *a, int64_t i);
sg_value *sg_value_dec(sg_arena *a, int64_t units, int scale);
/* Copies s into the arena. */
sg_value *sg_value_str(sg_arena *a, const char *s);
sg_value *sg_value_strn(sg_arena *a, const char *s, size_t len);
/* Does not copy: s must live as long as the arena. */
sg_value *sg_value_str_borrow(sg_arena *a, const char *s);
sg_value *sg_value_list(sg_arena *a);
sg_value *sg_value_map(sg_arena *a);

/* Appends v (which must not already sit in a list or map). */
void sg_list_push(sg_value *list, sg_value *v);
/* Sets key to v, replacing an existing entry of that key in place. The key is
 * copied into the arena. Returns v. */
sg_value *sg_map_set(sg_arena *a, sg_value *map, const char *key, sg_value *v);
/* NULL when map is not a map or has no such key. */
sg_value *sg_map_get(const sg_value *map, const char *key);
/* Follows a dotted path ("offer.annual"); NULL when any step is missing. */
sg_value *sg_value_path(const sg_value *root, const char *dotted);

/* Mustache truthiness: null, false, empty list and empty string are false. */
bool sg_value_truthy(const sg_value *v);

/* The text a template interpolates: numbers in plain decimal form (no
 * grouping, trailing zeros of a decimal dropped), booleans "true"/"false",
 * null as "". Lists and maps give "". */
void sg_value_to_text(const sg_value *v, sg_buf *out);

#endif
