/*
 * frontmatter.c - splitting off and parsing the YAML front matter.
 *
 * The YAML is read with libyaml's event API into sg_values by a small
 * recursive descent that is bounded by SG_FRONTMATTER_DEPTH. The event API
 * (rather than yaml_document_t) is used so that an alias is refused when it is
 * met and never expanded, and so that a too deep document is abandoned without
 * building the rest of it.
 */
#include "load/frontmatter.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/buf.h"
#include "base/utf8.h"

/* ---------------------------------------------------------------- splitting */

/* The line starting at off: *end is where its content ends (before "\n" or
 * "\r\n"), the return value where the next line starts (len at the end). */
static size_t S_line(const char *text, size_t len, size_t off, size_t *end)
{
	const char *nl = memchr(text + off, '\n', len - off);
	size_t e = nl ? (size_t)(nl - text) : len;
	*end = e;
	return nl ? e + 1 : len;
}

/* True when text[start..end) is delim followed only by blanks (and a CR). */
static bool S_is_delim(const char *text, size_t start, size_t end, const char *delim)
{
	size_t n = strlen(delim);
	if (end - start < n || memcmp(text + start, delim, n) != 0)
		return false;
	for (size_t i = start + n; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			return false;
	return true;
}

int sg_frontmatter_split(const char *text, size_t len, size_t *body_off, int *body_line,
			 const char **yaml, size_t *yaml_len)
{
	size_t start = 0, end;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;

	size_t boff = start;
	int bline = 1;
	const char *y = NULL;
	size_t ylen = 0;
	int found = 0;

	size_t next = S_line(text, len, start, &end);
	if (S_is_delim(text, start, end, "---") && next > end) {
		size_t yaml_start = next;
		int line = 2;
		for (size_t off = next; off < len; off = next, line++) {
			next = S_line(text, len, off, &end);
			if (S_is_delim(text, off, end, "---") || S_is_delim(text, off, end, "...")) {
				found = 1;
				y = text + yaml_start;
				ylen = off - yaml_start;
				boff = next;
				bline = line + 1;
				break;
			}
		}
	}
	if (body_off)
		*body_off = boff;
	if (body_line)
		*body_line = bline;
	if (yaml)
		*yaml = y;
	if (yaml_len)
		*yaml_len = ylen;
	return found;
}

/* ---------------------------------------------------------------- parsing */

typedef struct S_parser {
	yaml_parser_t yaml;
	sg_arena *a;
	const char *text; /* the YAML block, for reader error offsets */
	size_t len;
	const char *path;
	int first_line; /* file line of the block's first line */
	sg_diags *d;
	int errors; /* problems that did not stop the parse */
} S_parser;

static void S_error_at(S_parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void S_error_at(S_parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sg_diag_vadd(p->d, SG_ERROR, sg_pos_make(p->path, line, col), fmt, ap);
	va_end(ap);
	p->errors++;
}

/* libyaml marks are 0-based and relative to the block; the file's are not. */
static int S_line_of(const S_parser *p, yaml_mark_t m)
{
	return p->first_line + (int)m.line;
}

#define S_ERROR(p, mark, ...) \
	S_error_at((p), S_line_of((p), (mark)), (int)(mark).column + 1, __VA_ARGS__)

/* Reports the error libyaml stopped at. */
static void S_syntax_error(S_parser *p)
{
	const yaml_parser_t *y = &p->yaml;
	const char *problem = y->problem ? y->problem : "unknown error";
	if (y->error == YAML_MEMORY_ERROR) {
		fputs("salesgen: out of memory\n", stderr);
		abort();
	}
	if (y->error == YAML_READER_ERROR) {
		int line, col;
		size_t off = y->problem_offset < p->len ? y->problem_offset : p->len;
		sg_utf8_line_col(p->text, off, &line, &col);
		S_error_at(p, p->first_line + line - 1, col, "invalid YAML in front matter: %s",
			   problem);
		return;
	}
	if (y->context)
		S_ERROR(p, y->problem_mark,
			"invalid YAML in front matter: %s (%s that starts at line %d)", problem,
			y->context, S_line_of(p, y->context_mark));
	else
		S_ERROR(p, y->problem_mark, "invalid YAML in front matter: %s", problem);
}

static int S_next(S_parser *p, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&p->yaml, ev)) {
		S_syntax_error(p);
		return -1;
	}
	return 0;
}

/* A plain decimal integer without leading zeros that fits int64. */
static bool S_as_int(const char *s, size_t n, int64_t *out)
{
	size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
	if (i == n || n - i > 19)
		return false;
	if (s[i] == '0' && n - i > 1)
		return false;
	for (size_t j = i; j < n; j++)
		if (s[j] < '0' || s[j] > '9')
			return false;
	errno = 0;
	long long v = strtoll(s, NULL, 10);
	if (errno == ERANGE)
		return false;
	*out = (int64_t)v;
	return true;
}

static bool S_is(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(*words, s, n) == 0)
			return true;
	return false;
}

/* Resolves a scalar by the YAML 1.2 core schema, for plain scalars only. */
static sg_value *S_scalar(S_parser *p, const yaml_event_t *ev)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	int64_t i;

	if (!ev->data.scalar.plain_implicit)
		return sg_value_strn(p->a, s, n);
	if (S_is(s, n, nulls))
		return sg_value_null(p->a);
	if (S_is(s, n, trues))
		return sg_value_bool(p->a, true);
	if (S_is(s, n, falses))
		return sg_value_bool(p->a, false);
	if (S_as_int(s, n, &i))
		return sg_value_int(p->a, i);
	return sg_value_strn(p->a, s, n);
}

/* Anchors and tags are refused but do not stop the parse. */
static void S_check_props(S_parser *p, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	bool scalar = false;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		scalar = true;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor)
		S_ERROR(p, ev->start_mark, "anchors (&%s) are not allowed in front matter",
			(const char *)anchor);
	/* "!" is the non-specific tag of a quoted scalar: it changes nothing. */
	if (tag && !(scalar && (strcmp((const char *)tag, "tag:yaml.org,2002:str") == 0 ||
				strcmp((const char *)tag, "!") == 0)))
		S_ERROR(p, ev->start_mark,
			"YAML tag '%s' is not supported in front matter (only !!str is)",
			(const char *)tag);
}

static sg_value *S_node(S_parser *p, yaml_event_t *ev, int depth);

static sg_value *S_sequence(S_parser *p, sg_value *list, int depth)
{
	yaml_event_t ev;
	for (;;) {
		if (S_next(p, &ev) < 0)
			return NULL;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return list;
		}
		sg_value *item = S_node(p, &ev, depth + 1);
		if (!item)
			return NULL;
		sg_list_push(list, item);
	}
}

static sg_value *S_mapping(S_parser *p, sg_value *map, int depth)
{
	yaml_event_t ev;
	for (;;) {
		if (S_next(p, &ev) < 0)
			return NULL;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return map;
		}

		const char *key = NULL;
		yaml_mark_t key_mark = ev.start_mark;
		if (ev.type == YAML_SCALAR_EVENT) {
			S_check_props(p, &ev);
			key = sg_arena_strndup(p->a, (const char *)ev.data.scalar.value,
					       ev.data.scalar.length);
			yaml_event_delete(&ev);
		} else {
			/* Parse the key anyway, so that the rest can be checked. */
			bool alias = ev.type == YAML_ALIAS_EVENT;
			if (!S_node(p, &ev, depth + 1))
				return NULL;
			if (!alias)
				S_ERROR(p, key_mark,
					"a front matter key must be a plain name, not a list or map");
		}

		if (S_next(p, &ev) < 0)
			return NULL;
		sg_value *v = S_node(p, &ev, depth + 1);
		if (!v)
			return NULL;
		if (!key)
			continue;
		const sg_value *first = sg_map_get(map, key);
		if (first)
			S_ERROR(p, key_mark, "duplicate key '%s' (first given at line %d)", key,
				first->line);
		else
			sg_map_set(p->a, map, key, v);
	}
}

/* Builds the value that starts with ev (which it deletes) at nesting level
 * depth. NULL when the parse had to stop. */
static sg_value *S_node(S_parser *p, yaml_event_t *ev, int depth)
{
	sg_value *v = NULL;
	yaml_mark_t m = ev->start_mark;

	S_check_props(p, ev);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		/* Never expanded: one alias can stand for a huge tree. */
		S_ERROR(p, m, "aliases (*%s) are not allowed in front matter",
			(const char *)ev->data.alias.anchor);
		v = sg_value_null(p->a);
		break;
	case YAML_SCALAR_EVENT:
		v = S_scalar(p, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (depth > SG_FRONTMATTER_DEPTH) {
			S_ERROR(p, m, "front matter is nested deeper than %d levels",
				SG_FRONTMATTER_DEPTH);
			yaml_event_delete(ev);
			return NULL;
		}
		v = ev->type == YAML_SEQUENCE_START_EVENT ? sg_value_list(p->a) : sg_value_map(p->a);
		break;
	default:
		/* libyaml only sends these four where a node is expected. */
		S_ERROR(p, m, "invalid YAML in front matter: unexpected event %d", (int)ev->type);
		yaml_event_delete(ev);
		return NULL;
	}
	v->line = S_line_of(p, m);
	v->col = (int)m.column + 1;

	yaml_event_type_t type = ev->type;
	yaml_event_delete(ev);
	if (type == YAML_SEQUENCE_START_EVENT)
		return S_sequence(p, v, depth);
	if (type == YAML_MAPPING_START_EVENT)
		return S_mapping(p, v, depth);
	return v;
}

/* The stream: nothing at all (an empty map), or exactly one document whose
 * root is a mapping. */
static sg_value *S_stream(S_parser *p)
{
	yaml_event_t ev;
	sg_value *root = NULL;

	if (S_next(p, &ev) < 0)
		return NULL;
	yaml_event_delete(&ev); /* stream start */
	if (S_next(p, &ev) < 0)
		return NULL;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		root = sg_value_map(p->a);
		root->line = p->first_line;
		root->col = 1;
		return root;
	}
	yaml_event_delete(&ev); /* document start */

	if (S_next(p, &ev) < 0)
		return NULL;
	yaml_mark_t m = ev.start_mark;
	root = S_node(p, &ev, 1);
	if (!root)
		return NULL;
	if (root->kind != SG_VAL_MAP)
		S_ERROR(p, m,
			"front matter must be a YAML mapping of keys to values (a file that "
			"opens with a '---' thematic break must start with a blank line)");

	if (S_next(p, &ev) < 0)
		return NULL;
	yaml_event_delete(&ev); /* document end */
	if (S_next(p, &ev) < 0)
		return NULL;
	if (ev.type != YAML_STREAM_END_EVENT)
		S_ERROR(p, ev.start_mark, "front matter holds more than one YAML document");
	yaml_event_delete(&ev);
	return root;
}

sg_value *sg_frontmatter_parse(sg_arena *a, const char *yaml, size_t len, const char *path,
			       int first_line, sg_diags *d)
{
	S_parser p = {.a = a, .text = yaml, .len = len, .path = path,
		      .first_line = first_line, .d = d};

	if (len > SG_FRONTMATTER_CAP) {
		sg_error(d, sg_pos_make(path, first_line, 1),
			 "front matter is larger than %u bytes", SG_FRONTMATTER_CAP);
		return NULL;
	}
	size_t bad = sg_utf8_validate(yaml, len);
	if (bad != SG_UTF8_OK) {
		int line, col;
		sg_utf8_line_col(yaml, bad, &line, &col);
		sg_error(d, sg_pos_make(path, first_line + line - 1, col), "invalid UTF-8");
		return NULL;
	}

	if (!yaml_parser_initialize(&p.yaml)) {
		fputs("salesgen: out of memory\n", stderr);
		abort();
	}
	yaml_parser_set_encoding(&p.yaml, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p.yaml, (const unsigned char *)yaml, len);
	sg_value *root = S_stream(&p);
	yaml_parser_delete(&p.yaml);
	return p.errors ? NULL : root;
}
