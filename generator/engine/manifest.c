/*
 * manifest.c - reading and writing the manifest and the stat cache.
 */
#include "engine/manifest.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/alloc.h"
#include "engine/name_index.h"
#include "engine/shard.h"

#define S_MAGIC "salesgen-manifest 1"
#define S_CHANGES_MAGIC "salesgen-manifest-changes 1"

/* ---------------------------------------------------------------- names */

/* A name with its control characters and '%' as %XX. The runs between
 * them go in whole: a manifest at 10,000 customers has half a million
 * names, and a call per byte was a visible share of a one-edit build. */
static void S_put_name(sg_buf *out, const char *s)
{
	const unsigned char *run = (const unsigned char *)s, *p = run;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '%') {
			sg_buf_put(out, run, (size_t)(p - run));
			sg_buf_printf(out, "%%%02X", *p);
			run = p + 1;
		}
	}
	sg_buf_put(out, run, (size_t)(p - run));
}

static int S_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Undoes S_put_name over s[0..n) into the arena; NULL when malformed. */
static const char *S_get_name(sg_arena *a, const char *s, size_t n)
{
	if (n == 0)
		return NULL;
	char *out = sg_arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (i + 2 >= n)
			return NULL;
		int hi = S_hexval((unsigned char)s[i + 1]);
		int lo = S_hexval((unsigned char)s[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return NULL;
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
}

/* 1 for the bytes of a lowercase hex digit. */
static const unsigned char S_hex_digit[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1,
};

/* Whether s[0..n) is a SHA-256 in lowercase hex. Every byte is looked at,
 * with no branch per byte: the manifest and the stat cache have half a
 * million of them at 10,000 customers, and a test and a branch per byte
 * was a third of reading both. */
static bool S_is_hash(const char *s, size_t n)
{
	if (n != SG_SHA256_HEX - 1)
		return false;
	unsigned ok = 1;
	for (size_t i = 0; i < n; i++)
		ok &= S_hex_digit[(unsigned char)s[i]];
	return ok;
}

/* ---------------------------------------------------------------- records */

void sg_manifest_init(sg_manifest *m)
{
	memset(m, 0, sizeof *m);
	sg_arena_init(&m->arena);
	m->sorted = true;
}

/* The whole pages of m's text, through madvise(): advice as given. */
static void S_text_advise(const sg_manifest *m, int advice)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)m->text + page - 1) & ~(page - 1);
	uintptr_t to = ((uintptr_t)m->text + m->text_len) & ~(page - 1);
	if (m->text && page && to > from)
		(void)madvise((void *)from, to - from, advice);
}

static void S_text_free(sg_manifest *m)
{
	if (m->text_mapped && m->text_len)
		munmap(m->text, m->text_len);
	else if (!m->text_mapped)
		free(m->text);
	m->text = NULL;
	m->text_len = 0;
	m->text_mapped = false;
}

void sg_manifest_keep_from_workers(sg_manifest *m)
{
	for (sg_manifest *x = m; x; x = x->overlay) {
		S_text_advise(x, MADV_DONTFORK);
		x->text_kept = true;
	}
}

void sg_manifest_dispose(sg_manifest *m)
{
	/* Back to ordinary memory before it is freed: malloc() may hand it
	 * out again, for what workers need. */
	if (m->text_kept && !m->text_mapped)
		S_text_advise(m, MADV_DOFORK);
	for (size_t i = 0; i < m->count; i++) {
		free(m->entries[i].inputs);
		free(m->entries[i].names);
	}
	free(m->entries);
	free(m->strings);
	S_text_free(m);
	if (m->overlay) {
		sg_manifest_dispose(m->overlay);
		free(m->overlay);
	}
	sg_arena_dispose(&m->arena);
	memset(m, 0, sizeof *m);
}

sg_manifest_entry *sg_manifest_add(sg_manifest *m, const char *path, const char *kind,
				   const char *group, const char *hash, uint64_t size)
{
	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->entries = sg_xrealloc(m->entries, m->cap * sizeof *m->entries);
	}
	if (m->count && strcmp(m->entries[m->count - 1].path, path) >= 0)
		m->sorted = false;
	sg_manifest_entry *e = &m->entries[m->count++];
	memset(e, 0, sizeof *e);
	e->path = sg_arena_strdup(&m->arena, path);
	e->kind = sg_arena_strdup(&m->arena, kind);
	e->group = group ? sg_arena_strdup(&m->arena, group) : NULL;
	snprintf(e->hash, sizeof e->hash, "%s", hash);
	e->size = size;
	e->changed = true;
	return e;
}

static size_t S_str_slot(const sg_manifest *m, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	size_t mask = m->string_slots - 1, i = (size_t)h & mask;
	while (m->strings[i] && !(strncmp(m->strings[i], s, n) == 0 && m->strings[i][n] == '\0'))
		i = (i + 1) & mask;
	return i;
}

/* The manifest's one copy of s[0..n). */
static const char *S_string(sg_manifest *m, const char *s, size_t n)
{
	if ((m->string_count + 1) * 2 > m->string_slots) {
		const char **old = m->strings;
		size_t old_slots = m->string_slots;
		m->string_slots = old_slots ? old_slots * 2 : 1024;
		m->strings = sg_xcalloc(m->string_slots, sizeof *m->strings);
		for (size_t i = 0; i < old_slots; i++)
			if (old[i])
				m->strings[S_str_slot(m, old[i], strlen(old[i]))] = old[i];
		free(old);
	}
	size_t i = S_str_slot(m, s, n);
	if (!m->strings[i]) {
		m->strings[i] = sg_arena_strndup(&m->arena, s, n);
		m->string_count++;
	}
	return m->strings[i];
}

void sg_manifest_add_input(sg_manifest *m, sg_manifest_entry *e, const char *name,
			   const char *hash)
{
	sg_manifest_inputs(e);
	e->lines = NULL;
	if (e->input_count == e->input_cap) {
		e->input_cap = e->input_cap ? e->input_cap * 2 : 4;
		e->inputs = sg_xrealloc(e->inputs, e->input_cap * sizeof *e->inputs);
	}
	sg_manifest_input *in = &e->inputs[e->input_count++];
	in->name = S_string(m, name, strlen(name));
	in->hash = S_string(m, hash, strlen(hash));
}

sg_manifest_entry *sg_manifest_copy(sg_manifest *m, const sg_manifest_entry *from,
				    bool with_inputs)
{
	sg_manifest_entry *e =
		sg_manifest_add(m, from->path, from->kind, from->group, from->hash, from->size);
	/* The same record as from's: written to a changes file only when
	 * from's was. */
	e->changed = from->changed || (!with_inputs && from->input_count);
	if (with_inputs && from->lines) {
		e->lines = from->lines;
		e->lines_len = from->lines_len;
		e->input_count = from->input_count;
		e->inputs_sorted = true;
		return e;
	}
	const sg_manifest_input *in = with_inputs ? sg_manifest_inputs(from) : NULL;
	for (size_t i = 0; in && i < from->input_count; i++)
		sg_manifest_add_input(m, e, in[i].name, in[i].hash);
	return e;
}

static int S_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const sg_manifest_entry *)a)->path, ((const sg_manifest_entry *)b)->path);
}

static int S_input_cmp(const void *a, const void *b)
{
	return strcmp(((const sg_manifest_input *)a)->name, ((const sg_manifest_input *)b)->name);
}

static void S_sort(sg_manifest *m)
{
	if (m->sorted)
		return;
	if (m->count > 1)
		qsort(m->entries, m->count, sizeof *m->entries, S_entry_cmp);
	m->sorted = true;
}

/* The record of path in v[0, n), sorted; NULL when none. */
static sg_manifest_entry *S_find_in(sg_manifest_entry *v, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].path, path);
		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const sg_manifest_entry *sg_manifest_find(sg_manifest *m, const char *path)
{
	S_sort(m);
	return S_find_in(m->entries, m->count, path);
}

/* The I lines of a record as they are in the file ("I " HASH " " NAME
 * "\n"): the hash at 2, the name at 67. */
#define S_LINE_NAME (SG_SHA256_HEX + 2)

const sg_manifest_input *sg_manifest_inputs(const sg_manifest_entry *e)
{
	if (e->inputs || !e->lines)
		return e->inputs;
	/* Parsed once, into memory of the entry's own: the manifest is the
	 * caller's, const. */
	sg_manifest_entry *w = (sg_manifest_entry *)e;
	w->inputs = sg_xmalloc((e->input_count ? e->input_count : 1) * sizeof *w->inputs);
	w->input_cap = e->input_count;
	/* Each line's hash and name, with their NULs, fit in the line. */
	char *o = w->names = sg_xmalloc(e->lines_len + 1);
	const char *p = e->lines;
	for (size_t i = 0; i < e->input_count; i++) {
		const char *nl = memchr(p, '\n', (size_t)(e->lines + e->lines_len - p));
		size_t n = (size_t)(nl - p) - S_LINE_NAME;
		memcpy(o, p + 2, SG_SHA256_HEX - 1);
		o[SG_SHA256_HEX - 1] = '\0';
		w->inputs[i].hash = o;
		o += SG_SHA256_HEX;
		memcpy(o, p + S_LINE_NAME, n);
		o[n] = '\0';
		w->inputs[i].name = o;
		o += n + 1;
		p = nl + 1;
	}
	return w->inputs;
}

const char *sg_manifest_input_hash(const sg_manifest_entry *e, const char *name)
{
	sg_manifest_inputs(e);
	if (!e->inputs_sorted) {
		for (size_t i = 0; i < e->input_count; i++)
			if (strcmp(e->inputs[i].name, name) == 0)
				return e->inputs[i].hash;
		return NULL;
	}
	/* The pipeline report and the site's lists have an input per customer:
	 * a walk over them for each input would be quadratic. */
	size_t lo = 0, hi = e->input_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(e->inputs[mid].name, name);
		if (c == 0)
			return e->inputs[mid].hash;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---------------------------------------------------------------- text */

void sg_manifest_entry_lines(const sg_manifest_entry *e, sg_buf *out)
{
	if (e->lines) {
		sg_buf_put(out, e->lines, e->lines_len);
		return;
	}
	/* Inputs by name, so the text does not depend on the order a
	 * producer declared them in; sorted in a copy: e is the caller's. */
	const sg_manifest_input *in = e->inputs;
	sg_manifest_input *sorted = NULL;
	if (e->input_count > 1) {
		sorted = sg_xmalloc(e->input_count * sizeof *sorted);
		memcpy(sorted, e->inputs, e->input_count * sizeof *sorted);
		qsort(sorted, e->input_count, sizeof *sorted, S_input_cmp);
		in = sorted;
	}
	for (size_t j = 0; j < e->input_count; j++)
		sg_manifest_input_line(out, in[j].name, in[j].hash);
	free(sorted);
}

/* r's O line and its I lines (src->lines). */
static void S_write_rec(sg_buf *out, const sg_manifest_rec *r, const sg_manifest_source *src)
{
	sg_buf_printf(out, "O %s %" PRIu64 " ", r->hash, r->size);
	S_put_name(out, r->kind);
	sg_buf_putc(out, ' ');
	if (r->group)
		S_put_name(out, r->group);
	else
		sg_buf_putc(out, '-');
	sg_buf_putc(out, ' ');
	S_put_name(out, r->path);
	sg_buf_putc(out, '\n');
	src->lines(src->arg, out);
}

/* The pieces sg_manifest_stream() hands on: some 64 KB, whole records. */
#define S_PIECE ((size_t)64 * 1024)

int sg_manifest_stream_source(const sg_manifest_source *src, sg_sink_fn put, void *sink)
{
	sg_buf piece;
	sg_buf_init(&piece);
	sg_buf_puts(&piece, S_MAGIC "\n");
	int rc = 0;
	sg_manifest_rec r;
	bool more = true;
	while (more && rc == 0) {
		more = src->next(src->arg, &r);
		if (more)
			S_write_rec(&piece, &r, src);
		if (piece.len >= S_PIECE || (!more && piece.len)) {
			rc = put(sink, piece.data, piece.len) == 0 ? 0 : -1;
			sg_buf_clear(&piece);
		}
	}
	sg_buf_dispose(&piece);
	return rc;
}

bool sg_manifest_changes_source(const sg_manifest_source *src, const char *const *base,
				size_t n, sg_buf *out, size_t limit)
{
	sg_buf_puts(out, S_CHANGES_MAGIC "\n");
	size_t k = 0;
	sg_manifest_rec r;
	bool more = true;
	while (more) {
		if (out->len > limit)
			return false;
		more = src->next(src->arg, &r);
		/* The base's outputs before this one that src no longer has. */
		for (; k < n && (!more || strcmp(base[k], r.path) <= 0); k++) {
			if (more && strcmp(base[k], r.path) == 0)
				continue;
			sg_buf_put(out, "R ", 2);
			S_put_name(out, base[k]);
			sg_buf_putc(out, '\n');
		}
		if (more && r.changed)
			S_write_rec(out, &r, src);
	}
	return out->len <= limit;
}

/* A manifest's own records as a source. */
typedef struct S_walk {
	sg_manifest *m;
	size_t i; /* the next record */
} S_walk;

static bool S_walk_next(void *arg, sg_manifest_rec *r)
{
	S_walk *w = arg;
	if (w->i == w->m->count)
		return false;
	const sg_manifest_entry *e = &w->m->entries[w->i++];
	*r = (sg_manifest_rec){e->path, e->kind, e->group, e->hash, e->size, e->changed};
	return true;
}

static void S_walk_lines(void *arg, sg_buf *out)
{
	S_walk *w = arg;
	sg_manifest_entry_lines(&w->m->entries[w->i - 1], out);
}

static sg_manifest_source S_source(sg_manifest *m, S_walk *w)
{
	S_sort(m);
	*w = (S_walk){m, 0};
	return (sg_manifest_source){S_walk_next, S_walk_lines, w};
}

int sg_manifest_stream(sg_manifest *m, sg_sink_fn put, void *sink)
{
	S_walk w;
	sg_manifest_source src = S_source(m, &w);
	return sg_manifest_stream_source(&src, put, sink);
}

static int S_put_buf(void *sink, const void *data, size_t len)
{
	sg_buf_put(sink, data, len);
	return 0;
}

void sg_manifest_write(sg_manifest *m, sg_buf *out)
{
	(void)sg_manifest_stream(m, S_put_buf, out);
}

void sg_manifest_input_line(sg_buf *out, const char *name, const char *hash)
{
	sg_buf_put(out, "I ", 2);
	sg_buf_puts(out, hash);
	sg_buf_putc(out, ' ');
	S_put_name(out, name);
	sg_buf_putc(out, '\n');
}

static void S_entry_free(sg_manifest_entry *e)
{
	free(e->inputs);
	free(e->names);
}

void sg_manifest_overlay(sg_manifest *m, sg_manifest *changes)
{
	S_sort(m);
	size_t base = m->count;
	for (size_t i = 0; i < changes->count; i++) {
		sg_manifest_entry *c = &changes->entries[i];
		sg_manifest_entry *e = S_find_in(m->entries, base, c->path);
		if (!e && c->removed)
			continue;
		if (e) {
			S_entry_free(e);
		} else {
			if (m->count == m->cap) {
				m->cap = m->cap ? m->cap * 2 : 64;
				m->entries = sg_xrealloc(m->entries, m->cap * sizeof *m->entries);
			}
			e = &m->entries[m->count++];
			m->sorted = false;
		}
		/* The record moves, with what it owns; its strings and lines stay
		 * in changes, which m keeps. */
		*e = *c;
		c->inputs = NULL;
		c->names = NULL;
	}
	size_t n = 0;
	for (size_t i = 0; i < m->count; i++)
		if (!m->entries[i].removed)
			m->entries[n++] = m->entries[i];
	m->count = n;
	if (m->overlay) {
		sg_manifest_dispose(m->overlay);
		free(m->overlay);
	}
	m->overlay = changes;
}

void sg_manifest_write_changes(sg_manifest *m, const char *const *base, size_t n, sg_buf *out)
{
	S_walk w;
	sg_manifest_source src = S_source(m, &w);
	(void)sg_manifest_changes_source(&src, base, n, out, SIZE_MAX);
}

/* Splits the next space-separated field off [*p, end). */
static bool S_field(const char **p, const char *end, const char **f, size_t *n)
{
	const char *s = *p;
	const char *sp = memchr(s, ' ', (size_t)(end - s));
	if (!sp)
		return false;
	*f = s;
	*n = (size_t)(sp - s);
	*p = sp + 1;
	return *n > 0;
}

static bool S_parse_line(sg_manifest *m, const char *s, const char *end,
			 sg_manifest_entry **cur)
{
	const char *f;
	size_t n;
	if (end - s < 2 || s[1] != ' ')
		return false;
	const char *p = s + 2;
	if (s[0] == 'R' && m->changes) {
		/* A changes file's record of an output salesgen no longer has. */
		const char *path = S_get_name(&m->arena, p, (size_t)(end - p));
		if (!path)
			return false;
		*cur = sg_manifest_add(m, path, "-", NULL, "", 0);
		(*cur)->removed = true;
		*cur = NULL;
		return true;
	}
	if (s[0] == 'I') {
		if (!*cur || !S_field(&p, end, &f, &n) || !S_is_hash(f, n))
			return false;
		char hash[SG_SHA256_HEX];
		memcpy(hash, f, n);
		hash[n] = '\0';
		const char *name = S_get_name(&m->scratch, p, (size_t)(end - p));
		if (!name)
			return false;
		sg_manifest_add_input(m, *cur, name, hash);
		return true;
	}
	if (s[0] != 'O')
		return false;
	char hash[SG_SHA256_HEX];
	if (!S_field(&p, end, &f, &n) || !S_is_hash(f, n))
		return false;
	memcpy(hash, f, n);
	hash[n] = '\0';
	if (!S_field(&p, end, &f, &n) || n > 20)
		return false;
	char num[24];
	memcpy(num, f, n);
	num[n] = '\0';
	char *e;
	unsigned long long size = strtoull(num, &e, 10);
	if (*e || num[0] == '-')
		return false;
	const char *kind, *group;
	if (!S_field(&p, end, &f, &n) || !(kind = S_get_name(&m->arena, f, n)))
		return false;
	if (!S_field(&p, end, &f, &n) || !(group = S_get_name(&m->arena, f, n)))
		return false;
	if (strcmp(group, "-") == 0)
		group = NULL;
	const char *path = S_get_name(&m->arena, p, (size_t)(end - p));
	if (!path)
		return false;
	*cur = sg_manifest_add(m, path, kind, group, hash, size);
	return true;
}

/* Whether [s, e) is an I line as sg_manifest_write() makes it: a hash and
 * a name that needs no %XX. */
static bool S_plain_line(const char *s, const char *e)
{
	if (e - s <= S_LINE_NAME || s[0] != 'I' || s[1] != ' ' || s[S_LINE_NAME - 1] != ' ' ||
	    !S_is_hash(s + 2, SG_SHA256_HEX - 1))
		return false;
	for (const unsigned char *p = (const unsigned char *)s + S_LINE_NAME; p < (const unsigned char *)e; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '%')
			return false;
	return true;
}

/* strcmp() of two names given with their lengths. */
static int S_name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : an < bn ? -1 : an > bn;
}

/* The I lines of record r, from s on, when they are all as
 * sg_manifest_write() makes them (sorted by name): noted in r without
 * being parsed (sg_manifest_entry.lines), and the number of lines
 * returned. 0 (and r untouched) when there is none or one is not: they
 * are then parsed line by line. */
static size_t S_plain_lines(sg_manifest_entry *r, const char *s, const char *end)
{
	size_t n = 0;
	const char *p = s, *prev = NULL;
	size_t prev_len = 0;
	while (p < end && *p == 'I') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || !S_plain_line(p, nl))
			return 0;
		const char *name = p + S_LINE_NAME;
		size_t len = (size_t)(nl - name);
		if (prev && S_name_cmp(prev, prev_len, name, len) >= 0)
			return 0;
		prev = name;
		prev_len = len;
		n++;
		p = nl + 1;
	}
	if (n) {
		r->lines = s;
		r->lines_len = (size_t)(p - s);
		r->input_count = n;
	}
	return n;
}

/* Parses m->text. */
static int S_parse(sg_manifest *m, const char *path, sg_diags *d)
{
	const char *text = m->text, *end = text + m->text_len;
	const char *nl = memchr(text, '\n', m->text_len);
	const char *magic = m->changes ? S_CHANGES_MAGIC : S_MAGIC;
	if (!nl || (size_t)(nl - text) != strlen(magic) || memcmp(text, magic, strlen(magic)))
		return -1;
	sg_manifest_entry *cur = NULL;
	int line = 1;
	for (const char *s = nl + 1; s < end;) {
		line++;
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		if (e > s && !S_parse_line(m, s, e, &cur)) {
			sg_warning(d, sg_pos_make(path, line, 0),
				   "manifest line not understood (ignored)");
			/* Inputs after a broken record must not attach to the one
			 * before it. */
			cur = NULL;
		}
		s = e + 1;
		/* A mapped text is not held whole while it is parsed either. */
		sg_manifest_release(m, s < end ? s : end);
		/* A record just begun: its lines whole, when they are plain. */
		if (cur && cur->input_count == 0 && !cur->lines) {
			size_t n = S_plain_lines(cur, s, end);
			if (n) {
				line += (int)n;
				s = cur->lines + cur->lines_len;
				cur = NULL;
			}
		}
	}
	sg_arena_dispose(&m->scratch);
	/* Written sorted by name; checked, since the file may be edited. */
	for (size_t i = 0; i < m->count; i++) {
		sg_manifest_entry *r = &m->entries[i];
		r->changed = m->changes;
		r->inputs_sorted = true;
		for (size_t k = 1; !r->lines && k < r->input_count && r->inputs_sorted; k++)
			r->inputs_sorted = strcmp(r->inputs[k - 1].name, r->inputs[k].name) < 0;
	}
	return 0;
}

int sg_manifest_parse(sg_manifest *m, const char *text, size_t len, const char *path,
		      sg_diags *d)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_put(&b, text, len);
	return sg_manifest_parse_buf(m, &b, path, d);
}

int sg_manifest_parse_changes(sg_manifest *m, sg_buf *text, const char *path, sg_diags *d)
{
	m->changes = true;
	return sg_manifest_parse_buf(m, text, path, d);
}

int sg_manifest_parse_buf(sg_manifest *m, sg_buf *text, const char *path, sg_diags *d)
{
	m->text_len = text->len;
	if (text->cap) {
		m->text = text->data;
		sg_buf_init(text);
	} else {
		m->text = sg_xmalloc(1);
		m->text[0] = '\0';
	}
	int rc = S_parse(m, path, d);
	if (rc != 0)
		S_text_free(m);
	return rc;
}

/* How far a walk goes before the pages behind it are released: not a
 * system call per record. */
#define S_RELEASE_STEP ((size_t)1 << 20)

void sg_manifest_release(sg_manifest *m, const char *upto)
{
	uintptr_t p = (uintptr_t)upto, t = (uintptr_t)m->text;
	if (!m->text_mapped || p < t || p > t + m->text_len)
		return;
	size_t at = (size_t)(p - t);
	if (at < m->release_at)
		m->released = 0; /* a walk from the start again */
	m->release_at = at;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t to = page ? at & ~(page - 1) : 0;
	if (to < m->released + S_RELEASE_STEP && at != m->text_len)
		return;
	if (to > m->released)
		(void)madvise(m->text + m->released, to - m->released, MADV_DONTNEED);
	m->released = to;
}

int sg_manifest_parse_mapped(sg_manifest *m, const char *text, size_t len, const char *path,
			     sg_diags *d)
{
	if (len == 0)
		return -1; /* not even the first line */
	/* Only read: S_parse() and the records never write into the text. */
	m->text = (char *)text;
	m->text_len = len;
	m->text_mapped = true;
	int rc = S_parse(m, path, d);
	if (rc != 0)
		S_text_free(m);
	else
		sg_manifest_release(m, m->text + m->text_len);
	return rc;
}

/* ---------------------------------------------------------------- stat cache */

/* A record per file hashed: some 800,000 in a full build at 100,000
 * customers (inputs and outputs), so the hash is kept in its 32 bytes, not
 * its 65 of hex, and the path in the cache's arena (80 bytes and the path,
 * where they were 112 and a heap string). */
typedef struct S_stat_entry {
	const char *path; /* in the cache's arena */
	sg_stat_key key;
	uint8_t hash[SG_SHA256_LEN];
	bool marked; /* sg_stat_cache_mark() (in the struct's padding) */
} S_stat_entry;

struct sg_stat_cache {
	S_stat_entry *items;
	size_t count, cap;
	sg_arena names;      /* the paths */
	sg_name_index paths; /* items by path */
	bool changed;        /* sg_stat_cache_changed() */
	char hex[SG_SHA256_HEX]; /* the hash last asked for, in hex */
};

sg_stat_cache *sg_stat_cache_new(void)
{
	sg_stat_cache *c = sg_xcalloc(1, sizeof(sg_stat_cache));
	sg_arena_init(&c->names);
	return c;
}

void sg_stat_cache_free(sg_stat_cache *c)
{
	if (!c)
		return;
	free(c->items);
	sg_arena_dispose(&c->names);
	sg_name_index_dispose(&c->paths);
	free(c);
}

/* hex (a SHA-256 in hex, as every caller gives it) into its bytes. */
static void S_unhex(const char *hex, uint8_t out[SG_SHA256_LEN])
{
	for (size_t i = 0; i < SG_SHA256_LEN; i++)
		out[i] = (uint8_t)(((unsigned)S_hexval((unsigned char)hex[2 * i]) & 15) << 4 |
				   ((unsigned)S_hexval((unsigned char)hex[2 * i + 1]) & 15));
}

/* e's hash in hex, in c's buffer: valid until the next call on c. */
static const char *S_hex(const sg_stat_cache *c, const S_stat_entry *e)
{
	/* The cache is the caller's, const; the buffer is scratch. */
	char *hex = ((sg_stat_cache *)c)->hex;
	sg_sha256_to_hex(e->hash, hex);
	return hex;
}

static const char *S_entry_path(const void *items, size_t i)
{
	return ((const S_stat_entry *)items)[i].path;
}

const char *sg_stat_cache_get(const sg_stat_cache *c, const char *path, const sg_stat_key *k)
{
	size_t s = sg_name_index_find(&c->paths, path, S_entry_path, c->items);
	if (!s)
		return NULL;
	const S_stat_entry *e = &c->items[s - 1];
	if (e->key.size != k->size || e->key.mtime_sec != k->mtime_sec ||
	    e->key.mtime_nsec != k->mtime_nsec || e->key.ino != k->ino)
		return NULL;
	return S_hex(c, e);
}

void sg_stat_cache_put(sg_stat_cache *c, const char *path, const sg_stat_key *k,
		       const char *hash)
{
	size_t *slot = sg_name_index_slot(&c->paths, path, c->count, S_entry_path, c->items);
	uint8_t bytes[SG_SHA256_LEN];
	S_unhex(hash, bytes);
	S_stat_entry *e;
	if (*slot) {
		e = &c->items[*slot - 1];
		if (memcmp(&e->key, k, sizeof *k) == 0 && memcmp(e->hash, bytes, sizeof bytes) == 0)
			return;
	} else {
		if (c->count == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->items = sg_xrealloc(c->items, c->cap * sizeof *c->items);
		}
		e = &c->items[c->count];
		e->path = sg_arena_strdup(&c->names, path);
		*slot = ++c->count;
	}
	e->key = *k;
	memcpy(e->hash, bytes, sizeof bytes);
	e->marked = false;
	c->changed = true;
}

bool sg_stat_cache_mark(sg_stat_cache *c, const char *path, const sg_stat_key *k)
{
	size_t s = sg_name_index_find(&c->paths, path, S_entry_path, c->items);
	if (!s || memcmp(&c->items[s - 1].key, k, sizeof *k) != 0)
		return false;
	c->items[s - 1].marked = true;
	return true;
}

const char *sg_stat_cache_marked(const sg_stat_cache *c, const char *path)
{
	size_t s = sg_name_index_find(&c->paths, path, S_entry_path, c->items);
	return s && c->items[s - 1].marked ? S_hex(c, &c->items[s - 1]) : NULL;
}

bool sg_stat_cache_changed(const sg_stat_cache *c)
{
	return c->changed;
}

const char *sg_stat_cache_hash(const sg_stat_cache *c, const char *path)
{
	size_t s = sg_name_index_find(&c->paths, path, S_entry_path, c->items);
	return s ? S_hex(c, &c->items[s - 1]) : NULL;
}

/* s[0..n) as a number of up to 19 decimal digits (what fits in 63 bits),
 * into *v: strtoull() after a copy, for 240,000 numbers at 10,000
 * customers, was a tenth of reading the cache. A time before 1970
 * (written -N) does not parse: that file is hashed again. */
static bool S_decimal(const char *s, size_t n, unsigned long long *v)
{
	if (n == 0 || n > 19)
		return false;
	unsigned long long x = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d > 9)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

void sg_stat_cache_parse(sg_stat_cache *c, const char *text, size_t len)
{
	bool changed = c->changed;
	const char *end = text + len;
	size_t lines = 0;
	for (const char *s = text; s < end && (s = memchr(s, '\n', (size_t)(end - s))); s++)
		lines++;
	/* Room for them all at once: not grown a doubling at a time. */
	sg_name_index_reserve(&c->paths, c->count + lines + 1);
	if (c->cap < c->count + lines + 1) {
		c->cap = c->count + lines + 1;
		c->items = sg_xrealloc(c->items, c->cap * sizeof *c->items);
	}
	sg_arena a;
	sg_arena_init(&a);
	for (const char *s = text; s < end;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		const char *p = s, *f;
		size_t n;
		char hash[SG_SHA256_HEX];
		sg_stat_key k;
		unsigned long long v[4];
		bool ok = S_field(&p, e, &f, &n) && S_is_hash(f, n);
		if (ok) {
			memcpy(hash, f, n);
			hash[n] = '\0';
		}
		for (int i = 0; ok && i < 4; i++)
			ok = S_field(&p, e, &f, &n) && S_decimal(f, n, &v[i]);
		const char *path = ok ? S_get_name(&a, p, (size_t)(e - p)) : NULL;
		if (path) {
			k.size = v[0];
			k.mtime_sec = (int64_t)v[1];
			k.mtime_nsec = (int64_t)v[2];
			k.ino = v[3];
			sg_stat_cache_put(c, path, &k, hash);
		}
		s = e + 1;
	}
	sg_arena_dispose(&a);
	/* What the file holds is no change to it. */
	c->changed = changed;
}

/* " " and v in decimal (the stat cache has tens of thousands of lines:
 * printf for each number was most of writing it). */
static void S_put_u64(sg_buf *out, uint64_t v)
{
	sg_buf_putc(out, ' ');
	sg_buf_put_u64(out, v);
}

static void S_put_i64(sg_buf *out, int64_t v)
{
	if (v >= 0) {
		S_put_u64(out, (uint64_t)v);
		return;
	}
	sg_buf_put(out, " -", 2);
	char tmp[24];
	size_t n = sizeof tmp;
	uint64_t u = (uint64_t)0 - (uint64_t)v;
	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	sg_buf_put(out, tmp + n, sizeof tmp - n);
}

static int S_stat_cmp(const void *a, const void *b)
{
	return strcmp((*(S_stat_entry *const *)a)->path, (*(S_stat_entry *const *)b)->path);
}

int sg_stat_cache_stream(const sg_stat_cache *c, sg_sink_fn put, void *sink)
{
	S_stat_entry **order = sg_xmalloc((c->count ? c->count : 1) * sizeof *order);
	for (size_t i = 0; i < c->count; i++)
		order[i] = &c->items[i];
	qsort(order, c->count, sizeof *order, S_stat_cmp);
	sg_buf piece;
	sg_buf_init(&piece);
	int rc = 0;
	for (size_t i = 0; i < c->count && rc == 0; i++) {
		const S_stat_entry *e = order[i];
		sg_buf_puts(&piece, S_hex(c, e));
		S_put_u64(&piece, e->key.size);
		S_put_i64(&piece, e->key.mtime_sec);
		S_put_i64(&piece, e->key.mtime_nsec);
		S_put_u64(&piece, e->key.ino);
		sg_buf_putc(&piece, ' ');
		S_put_name(&piece, e->path);
		sg_buf_putc(&piece, '\n');
		if (piece.len >= S_PIECE || i + 1 == c->count) {
			rc = put(sink, piece.data, piece.len) == 0 ? 0 : -1;
			sg_buf_clear(&piece);
		}
	}
	sg_buf_dispose(&piece);
	free(order);
	return rc;
}

void sg_stat_cache_write(const sg_stat_cache *c, sg_buf *out)
{
	(void)sg_stat_cache_stream(c, S_put_buf, out);
}
