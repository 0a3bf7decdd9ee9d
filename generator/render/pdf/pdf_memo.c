/*
 * pdf_memo.c - streams coded once per process (see pdf_memo.h).
 *
 * A few hundred entries at most, so a lookup is a scan of an array of
 * hashes: a proposal looks up some forty streams, and a scan of 512
 * entries costs a microsecond or two, against 50 to 500 for coding one.
 */
#include "render/pdf/pdf_memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hash.h"

/* Entries at most, and the smallest input kept: below, the copies would
 * cost about what coding does. */
#define S_MAX 512
#define S_MIN_LEN 128

typedef struct S_entry {
	uint64_t hash;
	unsigned how;
	size_t len, clen;
	char *bytes;   /* the input, then the output: len + clen */
	uint64_t used; /* S_clock when last put or found */
} S_entry;

static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static S_entry S_entries[S_MAX];
static size_t S_n;
static size_t S_bytes; /* of every entry's input and output */
static uint64_t S_clock, S_hits, S_lookups;

/* Bytes hashed at each end of a stream, and the step between the 8-byte
 * words hashed in between: a font program is 50 to 150 KB, and hashing all
 * of it cost as much as finding the entry saved on a miss. An entry is
 * compared byte for byte before it is used, so streams that differ only
 * where the hash did not look cost a comparison, not a wrong stream. */
#define S_ENDS 2048
#define S_STEP 256

static uint64_t S_hash(unsigned how, const unsigned char *p, size_t len)
{
	if (len <= 4 * S_ENDS)
		return sg_hash64(how, p, len);
	uint64_t h = sg_hash64(how, p, S_ENDS);
	h = sg_hash64(h, p + len - S_ENDS, S_ENDS);
	for (size_t i = S_ENDS; i + 8 <= len - S_ENDS; i += S_STEP) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = sg_hash64_mix(h, w);
	}
	return h;
}

sg_pdf_memo_key sg_pdf_memo_key_of(unsigned how, const void *data, size_t len)
{
	return (sg_pdf_memo_key){how, data, len, S_hash(how, data, len)};
}

static S_entry *S_find(const sg_pdf_memo_key *k)
{
	for (size_t i = 0; i < S_n; i++) {
		S_entry *e = &S_entries[i];
		if (e->hash == k->hash && e->len == k->len && e->how == k->how &&
		    memcmp(e->bytes, k->data, k->len) == 0)
			return e;
	}
	return NULL;
}

bool sg_pdf_memo_get(const sg_pdf_memo_key *k, sg_buf *out)
{
	if (k->len < S_MIN_LEN)
		return false;
	pthread_mutex_lock(&S_lock);
	S_lookups++;
	S_entry *e = S_find(k);
	if (e) {
		S_hits++;
		e->used = ++S_clock;
		sg_buf_put(out, e->bytes + e->len, e->clen);
	}
	pthread_mutex_unlock(&S_lock);
	return e != NULL;
}

static void S_drop(size_t i)
{
	S_bytes -= S_entries[i].len + S_entries[i].clen;
	free(S_entries[i].bytes);
	S_entries[i] = S_entries[--S_n];
}

/* Drops the least recently used entry. */
static void S_evict(void)
{
	size_t old = 0;
	for (size_t i = 1; i < S_n; i++)
		if (S_entries[i].used < S_entries[old].used)
			old = i;
	S_drop(old);
}

void sg_pdf_memo_put(const sg_pdf_memo_key *k, const void *coded, size_t clen)
{
	size_t size = k->len + clen;
	if (k->len < S_MIN_LEN || size > SG_PDF_MEMO_BYTES / 4)
		return;
	char *bytes = sg_xmalloc(size);
	memcpy(bytes, k->data, k->len);
	memcpy(bytes + k->len, coded, clen);
	pthread_mutex_lock(&S_lock);
	if (S_find(k)) {
		/* Another thread coded it meanwhile. */
		pthread_mutex_unlock(&S_lock);
		free(bytes);
		return;
	}
	while (S_n > 0 && (S_n == S_MAX || S_bytes + size > SG_PDF_MEMO_BYTES))
		S_evict();
	S_entries[S_n++] = (S_entry){k->hash, k->how, k->len, clen, bytes, ++S_clock};
	S_bytes += size;
	pthread_mutex_unlock(&S_lock);
}

void sg_pdf_memo_clear(void)
{
	pthread_mutex_lock(&S_lock);
	while (S_n > 0)
		S_drop(S_n - 1);
	S_hits = S_lookups = 0;
	pthread_mutex_unlock(&S_lock);
}

void sg_pdf_memo_counts(uint64_t *hits, uint64_t *lookups)
{
	pthread_mutex_lock(&S_lock);
	*hits = S_hits;
	*lookups = S_lookups;
	pthread_mutex_unlock(&S_lock);
}
