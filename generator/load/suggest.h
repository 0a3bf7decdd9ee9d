/*
 * suggest.h - "did you mean ...?" for a word that is not one of a known list.
 *
 * The distance is Damerau-Levenshtein in its restricted form (optimal string
 * alignment): insertions, deletions, substitutions and swaps of two adjacent
 * characters each cost 1. It counts bytes, so a CJK character counts 3; the
 * lists it is used with (element names, ids, closed word lists) are ASCII.
 */
#ifndef SG_LOAD_SUGGEST_H
#define SG_LOAD_SUGGEST_H

#include <stddef.h>

/* The restricted Damerau-Levenshtein distance between a and b, or a value
 * above 64 when either is longer than 64 bytes (never a near miss). */
int sg_suggest_distance(const char *a, const char *b);

/* The candidate nearest to word that is a plausible misspelling of it: at
 * distance at most 2 and less than half of word's length. Ties go to the
 * earliest candidate. NULL when none is that close, or when word itself is a
 * candidate. */
const char *sg_suggest_best(const char *word, const char *const *candidates, size_t n);

#endif
