/*
 * suggest.c - near misses for "did you mean ...?".
 */
#include "load/suggest.h"

#include <string.h>

#define S_MAX 64

int sg_suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > S_MAX || lb > S_MAX)
		return S_MAX + 1;
	/* Three rows suffice: the swap looks two rows back. */
	int rows[3][S_MAX + 1];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (prev[j - 1] + cost < best)
				best = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
		}
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *sg_suggest_best(const char *word, const char *const *candidates, size_t n)
{
	if (!word || !*word)
		return NULL;
	size_t len = strlen(word);
	const char *best = NULL;
	int best_d = 3;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		int d = sg_suggest_distance(word, candidates[i]);
		if (d == 0)
			return NULL;
		/* "less than half the word": 2*d < len */
		if (d < best_d && (size_t)(2 * d) < len) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}
