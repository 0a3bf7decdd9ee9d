/*
 * sentences.c - sentences of a text, and an LCS diff of two lists of them.
 */
#include "diff/sentences.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* ---------------------------------------------------------------- split */

/* The length of the full stop, exclamation or question mark of a Chinese
 * sentence at s (。！？), else 0. */
static size_t S_cjk_mark(const unsigned char *s, size_t left)
{
	if (left < 3)
		return 0;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x82)
		return 3; /* 。 */
	if (s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x81 || s[2] == 0x9F))
		return 3; /* ！ ？ */
	return 0;
}

/* The length of a closing quote or bracket, or another mark, at s that
 * stays with the sentence before it, else 0. */
static size_t S_closer(const unsigned char *s, size_t left)
{
	if (strchr(")]\"'.!?", s[0]) && s[0])
		return 1;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9D || s[2] == 0x99))
		return 3; /* ” ’ */
	if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && (s[2] == 0x8D || s[2] == 0x8F))
		return 3; /* 」 』 */
	if (left >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x89)
		return 3; /* ） */
	return S_cjk_mark(s, left);
}

static bool S_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Where the sentence starting at i ends: just past its mark and what stays
 * with it, at a line end or tab, or at len. */
static size_t S_end(const unsigned char *s, size_t len, size_t i)
{
	while (i < len) {
		if (s[i] == '\n')
			return i;
		size_t m = S_cjk_mark(s + i, len - i);
		bool latin = !m && (s[i] == '.' || s[i] == '!' || s[i] == '?');
		if (!m && !latin) {
			i++;
			continue;
		}
		i += m ? m : 1;
		for (size_t c; i < len && (c = S_closer(s + i, len - i)); i += c)
			;
		if (m || i == len || S_space(s[i]))
			return i;
	}
	return len;
}

size_t sg_sentences_split(const char *text, size_t len, sg_arena *a, const char ***out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t count = 0, cap = 0;
	const char **items = NULL;
	for (size_t i = 0; i < len;) {
		size_t end = S_end(s, len, i);
		size_t from = i, to = end;
		while (from < to && S_space(s[from]))
			from++;
		while (to > from && S_space(s[to - 1]))
			to--;
		if (from < to) {
			if (count == cap) {
				cap = cap ? 2 * cap : 16;
				items = sg_xrealloc(items, cap * sizeof *items);
			}
			items[count++] = sg_arena_strndup(a, text + from, to - from);
		}
		i = end < len && s[end] == '\n' ? end + 1 : end;
	}
	*out = sg_arena_alloc(a, (count ? count : 1) * sizeof **out);
	if (count)
		memcpy(*out, items, count * sizeof *items);
	free(items);
	return count;
}

/* ---------------------------------------------------------------- diff */

/* FNV-1a: sentences are compared by hash first. */
static uint64_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static uint64_t *S_hashes(const char *const *v, size_t n)
{
	uint64_t *h = sg_xmalloc((n ? n : 1) * sizeof *h);
	for (size_t i = 0; i < n; i++)
		h[i] = S_hash(v[i]);
	return h;
}

/* The edits of one diff, grown on the heap, moved into the arena at the
 * end. */
typedef struct S_edits {
	sg_sentence_edit *items;
	size_t count, cap;
} S_edits;

static void S_push(S_edits *e, sg_sentence_op op, const char *text)
{
	if (e->count == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->items = sg_xrealloc(e->items, e->cap * sizeof *e->items);
	}
	e->items[e->count++] = (sg_sentence_edit){op, text};
}

/* The middle parts a[0..na) and b[0..nb), which share no first or last
 * sentence: an LCS table of suffixes, walked from the start (a removal is
 * taken before an addition when both keep the LCS), or, past the work
 * allowed, all of a removed then all of b added. */
static void S_middle(S_edits *e, const char *const *a, const uint64_t *ha, size_t na,
		     const char *const *b, const uint64_t *hb, size_t nb)
{
	size_t w = nb + 1;
	if (na == 0 || nb == 0 || (na + 1) > SG_SENTENCES_LCS_MAX / w) {
		for (size_t i = 0; i < na; i++)
			S_push(e, SG_SENTENCE_REMOVED, a[i]);
		for (size_t j = 0; j < nb; j++)
			S_push(e, SG_SENTENCE_ADDED, b[j]);
		return;
	}
	uint32_t *L = sg_xcalloc((na + 1) * w, sizeof *L);
#define S_EQ(i, j) (ha[i] == hb[j] && strcmp(a[i], b[j]) == 0)
	for (size_t i = na; i-- > 0;)
		for (size_t j = nb; j-- > 0;)
			L[i * w + j] = S_EQ(i, j) ? L[(i + 1) * w + j + 1] + 1
				       : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j]
										: L[i * w + j + 1];
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && S_EQ(i, j)) {
			i++, j++;
		} else if (j == nb || (i < na && L[(i + 1) * w + j] >= L[i * w + j + 1])) {
			S_push(e, SG_SENTENCE_REMOVED, a[i++]);
		} else {
			S_push(e, SG_SENTENCE_ADDED, b[j++]);
		}
	}
#undef S_EQ
	free(L);
}

size_t sg_sentences_diff(const char *const *a, size_t na, const char *const *b, size_t nb,
			 sg_arena *ar, sg_sentence_edit **out)
{
	uint64_t *ha = S_hashes(a, na), *hb = S_hashes(b, nb);
	size_t head = 0, tail = 0;
	while (head < na && head < nb && ha[head] == hb[head] && strcmp(a[head], b[head]) == 0)
		head++;
	while (tail < na - head && tail < nb - head && ha[na - 1 - tail] == hb[nb - 1 - tail] &&
	       strcmp(a[na - 1 - tail], b[nb - 1 - tail]) == 0)
		tail++;
	S_edits e = {0};
	S_middle(&e, a + head, ha + head, na - head - tail, b + head, hb + head,
		 nb - head - tail);
	free(ha);
	free(hb);
	*out = NULL;
	if (e.count) {
		*out = sg_arena_alloc(ar, e.count * sizeof **out);
		memcpy(*out, e.items, e.count * sizeof *e.items);
	}
	free(e.items);
	return e.count;
}
