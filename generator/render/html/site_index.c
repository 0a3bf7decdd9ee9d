/*
 * site_index.c - the search index as shards: an inverted index of every
 * page's terms, cut by term into files small enough that a query loads only
 * what it needs.
 *
 * A site of ten thousand pages has an index of tens of megabytes, which no
 * browser should load for one query. So the index is many scripts:
 *
 *   search-index.js   the manifest: how many pages, and the first term of
 *                     each term shard (the shards hold ranges of terms in
 *                     code point order, so a term, or the terms a prefix
 *                     starts, are in one shard or a few neighbours)
 *   search/tN.js      term shard N: its terms, each with the pages that have
 *                     it and where (title, heading, text)
 *   search/dN.js      page list N: title, address, kind, language and the
 *                     start of the text of SG_SEARCH_CHUNK pages
 *
 * Each sets a property of window.SG_SEARCH_PARTS (scripts, not data fetched:
 * browsers refuse fetch() on pages opened from disk). The number of files is
 * fixed when the site is planned (the build engine needs its targets before
 * any is made), from the size of the text; the terms are then cut into that
 * many shards of about equal size.
 *
 * Terms: words of letters and digits, ASCII in lower case; for Chinese,
 * which has no spaces, each Han character and each pair of neighbouring
 * ones (a query of several characters looks up its pairs); and, in titles
 * and headings, the pinyin initials of each run of Han characters and their
 * tails ("jjfa", "jfa", "fa" for 解决方案).
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "render/html/site_int.h"

/* ---------------------------------------------------------------- terms */

/* Longest word kept, in bytes: longer ones are cut (a prefix still finds
 * them). */
#define S_WORD_MAX 32
/* Pinyin initials kept of one run of Han characters, and tails of them. */
#define S_PINYIN_MAX 24
#define S_PINYIN_TAILS 8

/* Characters searched by n-grams: Han (the Unified Ideographs, Extension A,
 * compatibility ideographs, Extensions B and later), kana and hangul. */
static bool S_ngram(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) ||
	       (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

/* Letters and digits of words: ASCII ones, and letters of other scripts
 * (Latin with accents, Greek, Cyrillic ...), but not punctuation, symbols or
 * the full-width forms. */
static bool S_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || S_ngram(cp))
		return false;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE00 && cp <= 0xFFFF) || cp >= 0x1F000)
		return false;
	return true;
}

/* One run of Han characters' pinyin initials, and their tails, as terms. */
static void S_pinyin(const char *run, size_t n, sg_search_term_fn fn, void *ctx)
{
	for (size_t i = 0; n >= 2 && i < S_PINYIN_TAILS && n - i >= 2; i++)
		fn(ctx, run + i, n - i);
}

void sg_site_search_terms(const char *s, size_t len, bool pinyin, sg_search_term_fn fn, void *ctx)
{
	char word[S_WORD_MAX + 4], initials[S_PINYIN_MAX];
	size_t wn = 0, pn = 0;
	const char *prev = NULL; /* the n-gram character before, in s */
	size_t prev_n = 0;
	size_t i = 0;
	while (i <= len) {
		uint32_t cp = 0;
		size_t n = 0;
		if (i < len) {
			n = sg_utf8_decode(s + i, len - i, &cp);
			if (!n) {
				n = 1;
				cp = 0xFFFD;
			}
		}
		bool w = i < len && S_word(cp), g = i < len && S_ngram(cp);
		if (w) {
			if (wn + n <= S_WORD_MAX) {
				for (size_t k = 0; k < n; k++) {
					char c = s[i + k];
					word[wn++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
				}
			}
		} else if (wn) {
			fn(ctx, word, wn);
			wn = 0;
		}
		if (g) {
			fn(ctx, s + i, n);
			if (prev)
				fn(ctx, prev, prev_n + n);
			prev = s + i;
			prev_n = n;
			char c = pinyin ? sg_site_pinyin_initial(cp) : 0;
			if (c && pn < S_PINYIN_MAX)
				initials[pn++] = c;
			else if (!c && pn) {
				S_pinyin(initials, pn, fn, ctx);
				pn = 0;
			}
		} else {
			prev = NULL;
			if (pn) {
				S_pinyin(initials, pn, fn, ctx);
				pn = 0;
			}
		}
		i += n ? n : 1;
	}
}

/* ---------------------------------------------------------------- shards */

size_t sg_site_search_shard(uint64_t before, uint64_t total, size_t shards)
{
	if (shards <= 1 || total == 0)
		return 0;
	uint64_t k = before * shards / total;
	return k < shards ? (size_t)k : shards - 1;
}

size_t sg_site_search_term_shards(uint64_t text_bytes)
{
	/* About what a byte of text costs in the index: 12 bytes in 100 on
	 * the synthetic pages of bench/site (a small vocabulary), 200 on the
	 * sample content (few pages, each word on one page). Planning for 50
	 * keeps the shards of real text, between the two, small enough for
	 * the budget of a query (see bench/README.md). */
	uint64_t want = text_bytes * SG_SEARCH_INDEX_PER_TEXT / 100 / SG_SEARCH_SHARD_BYTES;
	size_t n = 1;
	while (n < want && n < SG_SEARCH_SHARDS_MAX)
		n *= 2;
	return n;
}

/* ---------------------------------------------------------------- index */

typedef struct S_term {
	uint32_t off, len; /* the term's bytes in ix->chars */
	uint32_t hash;
	int32_t last;      /* the page of the posting not yet written, or -1 */
	int32_t prev;      /* the page of the last posting written, or -1 */
	unsigned fields;   /* of the posting not yet written */
	sg_buf post;       /* postings written (S_post) */
} S_term;

struct sg_search_index {
	size_t term_shards, chunks;
	sg_buf chars;  /* every term's bytes */
	S_term *terms; /* in order of first sight */
	size_t count, cap;
	uint32_t *slots; /* hash table: term index + 1, 0 empty */
	size_t slot_count;
	int32_t doc;     /* the page being added */
	unsigned field;  /* the field being added */
	sg_buf *docs;    /* page lists, one per chunk */
	size_t doc_count;
	sg_buf *files;   /* made by sg_search_index_finish */
	size_t file_count;
};

sg_search_index *sg_search_index_new(size_t term_shards, size_t chunks)
{
	sg_search_index *ix = sg_xcalloc(1, sizeof *ix);
	ix->term_shards = term_shards ? term_shards : 1;
	ix->chunks = chunks ? chunks : 1;
	sg_buf_init(&ix->chars);
	ix->slot_count = 1024;
	ix->slots = sg_xcalloc(ix->slot_count, sizeof *ix->slots);
	ix->docs = sg_xcalloc(ix->chunks, sizeof *ix->docs);
	for (size_t i = 0; i < ix->chunks; i++)
		sg_buf_init(&ix->docs[i]);
	return ix;
}

void sg_search_index_free(sg_search_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->count; i++)
		sg_buf_dispose(&ix->terms[i].post);
	free(ix->terms);
	free(ix->slots);
	sg_buf_dispose(&ix->chars);
	for (size_t i = 0; i < ix->chunks; i++)
		sg_buf_dispose(&ix->docs[i]);
	free(ix->docs);
	for (size_t i = 0; i < ix->file_count; i++)
		sg_buf_dispose(&ix->files[i]);
	free(ix->files);
	free(ix);
}

static uint32_t S_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void S_rehash(sg_search_index *ix)
{
	size_t n = ix->slot_count * 2;
	uint32_t *slots = sg_xcalloc(n, sizeof *slots);
	for (size_t i = 0; i < ix->count; i++) {
		size_t k = ix->terms[i].hash & (n - 1);
		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(ix->slots);
	ix->slots = slots;
	ix->slot_count = n;
}

/* A posting as base-32 digits, the most significant first: the last digit
 * from the first half of SG_SEARCH_DIGITS, the others from the second, so
 * that a reader knows where a number ends. v is the gap from the page of
 * the previous posting (or the page + 1) times 8, plus the fields. */
static void S_post(S_term *t)
{
	static const char digits[] = SG_SEARCH_DIGITS;
	uint64_t v = (uint64_t)(t->last - t->prev) * 8 + t->fields;
	char tmp[16];
	size_t n = 0;
	tmp[n++] = digits[v & 31];
	for (v >>= 5; v; v >>= 5)
		tmp[n++] = digits[32 + (v & 31)];
	while (n)
		sg_buf_putc(&t->post, tmp[--n]);
	t->prev = t->last;
}

static void S_add_term(void *ctx, const char *s, size_t n)
{
	sg_search_index *ix = ctx;
	uint32_t h = S_hash(s, n);
	size_t k = h & (ix->slot_count - 1);
	S_term *t = NULL;
	for (; ix->slots[k]; k = (k + 1) & (ix->slot_count - 1)) {
		S_term *c = &ix->terms[ix->slots[k] - 1];
		if (c->hash == h && c->len == n && memcmp(ix->chars.data + c->off, s, n) == 0) {
			t = c;
			break;
		}
	}
	if (!t) {
		if (ix->count == ix->cap) {
			ix->cap = ix->cap ? ix->cap * 2 : 1024;
			ix->terms = sg_xrealloc(ix->terms, ix->cap * sizeof *ix->terms);
		}
		t = &ix->terms[ix->count];
		*t = (S_term){(uint32_t)ix->chars.len, (uint32_t)n, h, -1, -1, 0, {0}};
		sg_buf_init(&t->post);
		sg_buf_put(&ix->chars, s, n);
		ix->slots[k] = (uint32_t)++ix->count;
		if (ix->count * 2 > ix->slot_count)
			S_rehash(ix);
	}
	if (t->last != ix->doc) {
		if (t->last >= 0)
			S_post(t);
		t->last = ix->doc;
		t->fields = 0;
	}
	t->fields |= ix->field;
}

static void S_field(sg_search_index *ix, const char *s, unsigned field)
{
	if (!s)
		return;
	ix->field = field;
	sg_site_search_terms(s, strlen(s), field != SG_SEARCH_BODY, S_add_term, ix);
}

/* The start of the text shown under a result: about 160 bytes, not cutting
 * a character in two. */
static size_t S_snippet(const char *text)
{
	size_t n = strlen(text);
	if (n <= 160)
		return n;
	n = 160;
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void sg_search_index_add(sg_search_index *ix, const sg_site_entry *e)
{
	ix->doc = (int32_t)ix->doc_count;
	S_field(ix, e->title, SG_SEARCH_TITLE);
	for (const sg_value *h = e->headings ? e->headings->u.items.first : NULL; h; h = h->next)
		S_field(ix, h->u.str.s, SG_SEARCH_HEADING);
	S_field(ix, e->text, SG_SEARCH_BODY);

	size_t chunk = ix->doc_count / SG_SEARCH_CHUNK;
	if (chunk >= ix->chunks)
		chunk = ix->chunks - 1; /* more pages than planned: never, but safe */
	sg_buf *out = &ix->docs[chunk];
	if (out->len)
		sg_buf_puts(out, ",\n");
	sg_buf_puts(out, "{\"t\":");
	sg_site_js_string(out, e->title ? e->title : "");
	sg_buf_puts(out, ",\"u\":");
	sg_site_js_string(out, e->url);
	sg_buf_puts(out, ",\"k\":");
	sg_site_js_string(out, e->kind);
	sg_buf_puts(out, ",\"l\":");
	sg_site_js_string(out, e->lang);
	const char *text = e->text ? e->text : "";
	char *snip = sg_xasprintf("%.*s", (int)S_snippet(text), text);
	sg_buf_puts(out, ",\"x\":");
	sg_site_js_string(out, snip);
	free(snip);
	sg_buf_putc(out, '}');
	ix->doc_count++;
}

/* The index whose terms qsort orders (qsort passes no context). */
static _Thread_local const sg_search_index *S_sort_ix;

static int S_cmp_term(const void *a, const void *b)
{
	const S_term *p = &S_sort_ix->terms[*(const uint32_t *)a];
	const S_term *q = &S_sort_ix->terms[*(const uint32_t *)b];
	size_t n = p->len < q->len ? p->len : q->len;
	int c = memcmp(S_sort_ix->chars.data + p->off, S_sort_ix->chars.data + q->off, n);
	return c ? c : (p->len > q->len) - (p->len < q->len);
}

/* A term as a JavaScript string (its bytes are valid UTF-8 but need not end
 * in a NUL). */
static void S_term_string(sg_buf *out, const sg_search_index *ix, const S_term *t)
{
	char *s = sg_xasprintf("%.*s", (int)t->len, ix->chars.data + t->off);
	sg_site_js_string(out, s);
	free(s);
}

static void S_open(sg_buf *out, const char *name)
{
	sg_buf_printf(out, "/* salesgen search index, part %s */\n"
			   "(window.SG_SEARCH_PARTS = window.SG_SEARCH_PARTS || {})[\"%s\"] = [",
		      name, name);
}

void sg_search_index_finish(sg_search_index *ix)
{
	/* The order of terms, and each one's size in its shard. */
	uint32_t *order = sg_xcalloc(ix->count + 1, sizeof *order);
	uint64_t total = 0;
	for (size_t i = 0; i < ix->count; i++) {
		S_term *t = &ix->terms[i];
		if (t->last >= 0)
			S_post(t);
		order[i] = (uint32_t)i;
		total += t->len + t->post.len + 6;
	}
	S_sort_ix = ix;
	qsort(order, ix->count, sizeof *order, S_cmp_term);
	S_sort_ix = NULL;

	ix->file_count = 1 + ix->term_shards + ix->chunks;
	ix->files = sg_xcalloc(ix->file_count, sizeof *ix->files);
	for (size_t i = 0; i < ix->file_count; i++)
		sg_buf_init(&ix->files[i]);
	/* first[k]: the first term of shard k, or none (an empty shard). */
	const S_term **first = sg_xcalloc(ix->term_shards, sizeof *first);
	for (size_t k = 0; k < ix->term_shards; k++) {
		char name[32];
		snprintf(name, sizeof name, "t%zu", k);
		S_open(&ix->files[1 + k], name);
	}
	uint64_t before = 0;
	for (size_t i = 0; i < ix->count; i++) {
		const S_term *t = &ix->terms[order[i]];
		size_t k = sg_site_search_shard(before, total, ix->term_shards);
		before += t->len + t->post.len + 6;
		sg_buf *out = &ix->files[1 + k];
		if (first[k])
			sg_buf_puts(out, ",\n");
		else
			first[k] = t;
		S_term_string(out, ix, t);
		sg_buf_putc(out, ',');
		sg_buf_putc(out, '"');
		sg_buf_put(out, t->post.data, t->post.len);
		sg_buf_putc(out, '"');
	}
	for (size_t k = 0; k < ix->term_shards; k++)
		sg_buf_puts(&ix->files[1 + k], "];\n");
	for (size_t c = 0; c < ix->chunks; c++) {
		char name[32];
		snprintf(name, sizeof name, "d%zu", c);
		sg_buf *out = &ix->files[1 + ix->term_shards + c];
		S_open(out, name);
		sg_buf_put(out, ix->docs[c].data ? ix->docs[c].data : "", ix->docs[c].len);
		sg_buf_puts(out, "];\n");
	}

	sg_buf *m = &ix->files[0];
	sg_buf_printf(m,
		      "/* The site's search index, made by salesgen build: the pages and the\n"
		      " * first term of each part; the parts are in search/. */\n"
		      "window.SG_SEARCH = {\"version\":1,\"dir\":\"search/\",\"docs\":%zu,"
		      "\"chunk\":%d,\"digits\":\"%s\",\"terms\":[",
		      ix->doc_count, SG_SEARCH_CHUNK, SG_SEARCH_DIGITS);
	for (size_t k = 0; k < ix->term_shards; k++) {
		if (k)
			sg_buf_putc(m, ',');
		if (first[k])
			S_term_string(m, ix, first[k]);
		else
			sg_buf_puts(m, "null");
	}
	sg_buf_puts(m, "]};\n");
	free(first);
	free(order);
	/* Only the files are read from now on. */
	for (size_t i = 0; i < ix->count; i++)
		sg_buf_dispose(&ix->terms[i].post);
	free(ix->terms);
	ix->terms = NULL;
	ix->count = ix->cap = 0;
	free(ix->slots);
	ix->slots = NULL;
	sg_buf_dispose(&ix->chars);
	for (size_t i = 0; i < ix->chunks; i++)
		sg_buf_dispose(&ix->docs[i]);
}

size_t sg_search_index_file_count(const sg_search_index *ix)
{
	return ix->file_count;
}

const sg_buf *sg_search_index_file(const sg_search_index *ix, size_t i)
{
	return i < ix->file_count ? &ix->files[i] : NULL;
}
