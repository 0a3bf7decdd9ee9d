#include "base/value.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static sg_value *S_new(sg_arena *a, sg_value_kind kind)
{
	sg_value *v = sg_arena_alloc(a, sizeof *v);
	v->kind = kind;
	return v;
}

sg_value *sg_value_null(sg_arena *a)
{
	return S_new(a, SG_VAL_NULL);
}

sg_value *sg_value_bool(sg_arena *a, bool b)
{
	sg_value *v = S_new(a, SG_VAL_BOOL);
	v->u.b = b;
	return v;
}

sg_value *sg_value_int(sg_arena *a, int64_t i)
{
	sg_value *v = S_new(a, SG_VAL_INT);
	v->u.i = i;
	return v;
}

sg_value *sg_value_dec(sg_arena *a, int64_t units, int scale)
{
	sg_value *v = S_new(a, SG_VAL_DEC);
	v->u.dec.units = units;
	v->u.dec.scale = scale < 0 ? 0 : scale > 9 ? 9 : scale;
	return v;
}

sg_value *sg_value_strn(sg_arena *a, const char *s, size_t len)
{
	sg_value *v = S_new(a, SG_VAL_STR);
	v->u.str.s = sg_arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

sg_value *sg_value_str(sg_arena *a, const char *s)
{
	return sg_value_strn(a, s ? s : "", s ? strlen(s) : 0);
}

sg_value *sg_value_str_borrow(sg_arena *a, const char *s)
{
	sg_value *v = S_new(a, SG_VAL_STR);
	v->u.str.s = s ? s : "";
	v->u.str.len = s ? strlen(s) : 0;
	return v;
}

sg_value *sg_value_list(sg_arena *a)
{
	return S_new(a, SG_VAL_LIST);
}

sg_value *sg_value_map(sg_arena *a)
{
	return S_new(a, SG_VAL_MAP);
}

static void S_append(sg_value *parent, sg_value *v)
{
	v->next = NULL;
	if (parent->u.items.last)
		parent->u.items.last->next = v;
	else
		parent->u.items.first = v;
	parent->u.items.last = v;
	parent->u.items.count++;
}

void sg_list_push(sg_value *list, sg_value *v)
{
	if (list->kind == SG_VAL_LIST)
		S_append(list, v);
}

sg_value *sg_map_set(sg_arena *a, sg_value *map, const char *key, sg_value *v)
{
	if (map->kind != SG_VAL_MAP)
		return v;
	sg_value *prev = NULL;
	for (sg_value *c = map->u.items.first; c; prev = c, c = c->next) {
		if (strcmp(c->key, key) == 0) {
			v->key = c->key;
			v->next = c->next;
			if (prev)
				prev->next = v;
			else
				map->u.items.first = v;
			if (map->u.items.last == c)
				map->u.items.last = v;
			return v;
		}
	}
	v->key = sg_arena_strdup(a, key);
	S_append(map, v);
	return v;
}

sg_value *sg_map_get(const sg_value *map, const char *key)
{
	if (!map || map->kind != SG_VAL_MAP)
		return NULL;
	for (sg_value *c = map->u.items.first; c; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

sg_value *sg_value_path(const sg_value *root, const char *dotted)
{
	const sg_value *v = root;
	const char *p = dotted;
	char part[256];
	while (v && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n == 0 || n >= sizeof part)
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		v = sg_map_get(v, part);
		p += n + (dot ? 1 : 0);
	}
	return (sg_value *)v;
}

bool sg_value_truthy(const sg_value *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case SG_VAL_NULL:
		return false;
	case SG_VAL_BOOL:
		return v->u.b;
	case SG_VAL_INT:
	case SG_VAL_DEC:
		return true;
	case SG_VAL_STR:
		return v->u.str.len > 0;
	case SG_VAL_LIST:
		return v->u.items.count > 0;
	case SG_VAL_MAP:
		return true;
	}
	return false;
}

static void S_dec_text(int64_t units, int scale, sg_buf *out)
{
	if (scale == 0) {
		sg_buf_printf(out, "%" PRId64, units);
		return;
	}
	uint64_t mag = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
	uint64_t pow = 1;
	for (int i = 0; i < scale; i++)
		pow *= 10;
	uint64_t whole = mag / pow, frac = mag % pow;
	if (units < 0)
		sg_buf_putc(out, '-');
	sg_buf_printf(out, "%" PRIu64, whole);
	if (frac) {
		char digits[16];
		snprintf(digits, sizeof digits, "%0*" PRIu64, scale, frac);
		size_t n = strlen(digits);
		while (n > 0 && digits[n - 1] == '0')
			n--;
		sg_buf_putc(out, '.');
		sg_buf_put(out, digits, n);
	}
}

void sg_value_to_text(const sg_value *v, sg_buf *out)
{
	if (!v)
		return;
	switch (v->kind) {
	case SG_VAL_NULL:
	case SG_VAL_LIST:
	case SG_VAL_MAP:
		return;
	case SG_VAL_BOOL:
		sg_buf_puts(out, v->u.b ? "true" : "false");
		return;
	case SG_VAL_INT:
		sg_buf_printf(out, "%" PRId64, v->u.i);
		return;
	case SG_VAL_DEC:
		S_dec_text(v->u.dec.units, v->u.dec.scale, out);
		return;
	case SG_VAL_STR:
		sg_buf_put(out, v->u.str.s, v->u.str.len);
		return;
	}
}
