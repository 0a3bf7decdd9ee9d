/*
 * sentences.h - a text cut into sentences, and the sentences two texts do
 * not share, found as a longest common subsequence.
 *
 * A proposal's words are compared by sentence, not by line or word: a
 * template edit then shows the sentence it changed, whole, in every proposal
 * it touches, and a figure that moved shows the sentence around it.
 */
#ifndef SG_DIFF_SENTENCES_H
#define SG_DIFF_SENTENCES_H

#include <stddef.h>

#include "base/arena.h"

/* Cuts text (len bytes of UTF-8) into sentences, in a: after 。！？ and
 * after . ! ? followed by white space or the end (so 1,000.50 and e.g. in a
 * word stay whole), and at every line end (a heading, a list item and a
 * line of a table are sentences of their own). Closing quotes and brackets
 * right after the mark stay with its sentence. Each sentence is trimmed of
 * white space; empty ones are left out. Returns the count; *out (in a) holds
 * them. */
size_t sg_sentences_split(const char *text, size_t len, sg_arena *a, const char ***out);

typedef enum sg_sentence_op {
	SG_SENTENCE_SAME,    /* in both texts */
	SG_SENTENCE_REMOVED, /* only in the old text */
	SG_SENTENCE_ADDED,   /* only in the new text */
} sg_sentence_op;

typedef struct sg_sentence_edit {
	sg_sentence_op op;
	const char *text; /* borrowed from the texts compared */
} sg_sentence_edit;

/* The edits that make b (nb sentences) of a (na): a longest common
 * subsequence of the two, the sentences outside it removed (from a) or
 * added (from b), in text order, a run of removals before the additions
 * that replace it. Only the removals and additions are kept (what both
 * share is left out). Past SG_SENTENCES_LCS_MAX cells of work after the
 * shared start and end, what lies between is taken as all removed, then
 * all added (correct, if not the shortest). Returns the count; *out is in
 * ar (NULL when the texts are the same). */
size_t sg_sentences_diff(const char *const *a, size_t na, const char *const *b, size_t nb,
			 sg_arena *ar, sg_sentence_edit **out);

/* The work the diff allows itself, in cells of the LCS table. */
#define SG_SENTENCES_LCS_MAX ((size_t)16 * 1024 * 1024)

#endif
