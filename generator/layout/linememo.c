/*
 * linememo.c - paragraphs broken once per process (see linememo.h).
 *
 * Entries are chained in a hash table of fixed size and kept in a list
 * from the most recently used to the least; each is one allocation: the
 * entry, then its runs, items, lines, the paragraph's text and the lines'
 * text.
 */
#include "layout/linememo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hash.h"

#define S_BUCKETS 65536 /* a power of two: a table cell is an entry */

typedef struct S_entry S_entry;
struct S_entry {
	uint64_t hash;
	S_entry *chain;        /* the next entry of its bucket */
	S_entry *newer, *older; /* the list by use */
	size_t bytes;          /* of the whole allocation */
	/* the key */
	const sg_fontset *fs;
	double width, indent;
	bool justify, hyphenate, verbatim;
	uint8_t punct;
	size_t textlen, nruns;
	sg_text_run *runs;
	char *text;
	/* the lines */
	size_t ltextlen, nitems, nlines;
	bool total_fit;
	sg_item *items;
	sg_line *lines;
	char *ltext;
};

static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static S_entry *S_table[S_BUCKETS];
static S_entry *S_newest, *S_oldest;
static size_t S_bytes;
static unsigned S_generation; /* sg_font_cache_generation() of the entries */
static uint64_t S_hits, S_lookups;

static uint64_t S_bits(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	return u;
}

sg_linememo_key sg_linememo_key_of(const sg_para *p, const sg_fontset *fs, double width,
				   double indent, bool justify)
{
	uint64_t h = sg_hash64((uintptr_t)fs, p->text.data, p->text.len);
	for (size_t i = 0; i < p->nruns; i++) {
		const sg_text_run *r = &p->runs[i];
		h = sg_hash64_mix(h, r->start ^ (uint64_t)r->end << 32);
		h = sg_hash64_mix(h, (uint64_t)r->style << 8 ^ r->punct);
		h = sg_hash64_mix(h, S_bits(r->size) ^ S_bits(r->object) >> 1);
		h = sg_hash64_mix(h, (uintptr_t)r->fs);
	}
	h = sg_hash64_mix(h, S_bits(width));
	h = sg_hash64_mix(h, S_bits(indent));
	h = sg_hash64_mix(h, (uint64_t)justify | (uint64_t)p->hyphenate << 1 |
				 (uint64_t)p->verbatim << 2 | (uint64_t)p->punct << 8);
	return (sg_linememo_key){p, fs, width, indent, justify, h};
}

static bool S_same_run(const sg_text_run *a, const sg_text_run *b)
{
	return a->start == b->start && a->end == b->end && a->style == b->style &&
	       S_bits(a->size) == S_bits(b->size) && a->fs == b->fs &&
	       S_bits(a->object) == S_bits(b->object) && a->punct == b->punct;
}

static bool S_same(const S_entry *e, const sg_linememo_key *k)
{
	const sg_para *p = k->p;
	if (e->hash != k->hash || e->fs != k->fs || S_bits(e->width) != S_bits(k->width) ||
	    S_bits(e->indent) != S_bits(k->indent) || e->justify != k->justify ||
	    e->hyphenate != p->hyphenate || e->verbatim != p->verbatim || e->punct != p->punct ||
	    e->textlen != p->text.len || e->nruns != p->nruns)
		return false;
	for (size_t i = 0; i < e->nruns; i++)
		if (!S_same_run(&e->runs[i], &p->runs[i]))
			return false;
	return memcmp(e->text, p->text.data, e->textlen) == 0;
}

static void S_unlist(S_entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		S_newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		S_oldest = e->newer;
}

static void S_list_first(S_entry *e)
{
	e->newer = NULL;
	e->older = S_newest;
	if (S_newest)
		S_newest->newer = e;
	S_newest = e;
	if (!S_oldest)
		S_oldest = e;
}

static void S_drop(S_entry *e)
{
	S_entry **at = &S_table[e->hash & (S_BUCKETS - 1)];
	while (*at != e)
		at = &(*at)->chain;
	*at = e->chain;
	S_unlist(e);
	S_bytes -= e->bytes;
	free(e);
}

/* Empties the memo when the font sets it knows may be gone. Under S_lock. */
static void S_check_generation(void)
{
	unsigned g = sg_font_cache_generation();
	if (g == S_generation)
		return;
	while (S_oldest)
		S_drop(S_oldest);
	S_generation = g;
}

static S_entry *S_find(const sg_linememo_key *k)
{
	for (S_entry *e = S_table[k->hash & (S_BUCKETS - 1)]; e; e = e->chain)
		if (S_same(e, k))
			return e;
	return NULL;
}

/* Makes room for n elements of size in *v, whose room is *cap. */
static void S_reserve(void **v, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return;
	*v = sg_xrealloc(*v, n * size);
	*cap = n;
}

bool sg_linememo_get(const sg_linememo_key *k, sg_lines *out)
{
	pthread_mutex_lock(&S_lock);
	S_check_generation();
	S_lookups++;
	S_entry *e = S_find(k);
	if (e) {
		S_hits++;
		S_unlist(e);
		S_list_first(e);
		sg_buf_clear(&out->text);
		sg_buf_put(&out->text, e->ltext, e->ltextlen);
		S_reserve((void **)&out->items, &out->items_cap, e->nitems, sizeof *e->items);
		S_reserve((void **)&out->lines, &out->lines_cap, e->nlines, sizeof *e->lines);
		if (e->nitems)
			memcpy(out->items, e->items, e->nitems * sizeof *e->items);
		if (e->nlines)
			memcpy(out->lines, e->lines, e->nlines * sizeof *e->lines);
		out->nitems = e->nitems;
		out->nlines = e->nlines;
		out->total_fit = e->total_fit;
	}
	pthread_mutex_unlock(&S_lock);
	return e != NULL;
}

/* A new entry holding copies of k and l, not yet in the table. */
static S_entry *S_make(const sg_linememo_key *k, const sg_lines *l)
{
	const sg_para *p = k->p;
	size_t runs = p->nruns * sizeof *p->runs, items = l->nitems * sizeof *l->items;
	size_t lines = l->nlines * sizeof *l->lines;
	size_t bytes = sizeof(S_entry) + runs + items + lines + p->text.len + l->text.len;
	S_entry *e = sg_xmalloc(bytes);
	*e = (S_entry){.hash = k->hash,
		       .bytes = bytes,
		       .fs = k->fs,
		       .width = k->width,
		       .indent = k->indent,
		       .justify = k->justify,
		       .hyphenate = p->hyphenate,
		       .verbatim = p->verbatim,
		       .punct = p->punct,
		       .textlen = p->text.len,
		       .nruns = p->nruns,
		       .ltextlen = l->text.len,
		       .nitems = l->nitems,
		       .nlines = l->nlines,
		       .total_fit = l->total_fit};
	char *at = (char *)(e + 1);
	e->runs = (sg_text_run *)at;
	e->items = (sg_item *)(at += runs);
	e->lines = (sg_line *)(at += items);
	e->text = at += lines;
	e->ltext = at + p->text.len;
	if (runs)
		memcpy(e->runs, p->runs, runs);
	if (items)
		memcpy(e->items, l->items, items);
	if (lines)
		memcpy(e->lines, l->lines, lines);
	memcpy(e->text, p->text.data, p->text.len);
	memcpy(e->ltext, l->text.data, l->text.len);
	return e;
}

void sg_linememo_put(const sg_linememo_key *k, const sg_lines *l)
{
	S_entry *e = S_make(k, l);
	if (e->bytes > SG_LINEMEMO_BYTES / 16) {
		free(e);
		return;
	}
	pthread_mutex_lock(&S_lock);
	S_check_generation();
	if (S_find(k)) {
		/* Another thread broke it meanwhile. */
		pthread_mutex_unlock(&S_lock);
		free(e);
		return;
	}
	while (S_oldest && S_bytes + e->bytes > SG_LINEMEMO_BYTES)
		S_drop(S_oldest);
	S_entry **bucket = &S_table[k->hash & (S_BUCKETS - 1)];
	e->chain = *bucket;
	*bucket = e;
	S_list_first(e);
	S_bytes += e->bytes;
	pthread_mutex_unlock(&S_lock);
}

void sg_linememo_counts(uint64_t *hits, uint64_t *lookups)
{
	pthread_mutex_lock(&S_lock);
	*hits = S_hits;
	*lookups = S_lookups;
	pthread_mutex_unlock(&S_lock);
}
