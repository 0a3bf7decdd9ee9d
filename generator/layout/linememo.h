/*
 * linememo.h - paragraphs broken once per process (sg_linebreak_indent).
 *
 * Design note. Breaking a paragraph into lines is a third of a proposal's
 * time, and most of what a proposal breaks was broken before: the
 * template's fixed text and table cells repeat in every document, and the
 * PDF renderer breaks each text again as it draws it (sg_ltext_open). Line
 * breaking is a function of the paragraph (its text, runs and options),
 * the font set, the measure, the indent and justification, so the memo
 * keeps the lines of recent paragraphs under all of those and hands them
 * back: the same lines, item for item, as breaking again would give.
 *
 * A paragraph is found by a 64-bit hash and then compared field by field
 * and byte for byte. Font sets are compared by address: they live as long
 * as the process, until sg_font_cache_clear(), which empties the memo
 * (sg_font_cache_generation). At most SG_LINEMEMO_BYTES are kept; the least
 * recently used paragraphs go first. Shared by the threads of a process
 * (one lock).
 */
#ifndef SG_LAYOUT_LINEMEMO_H
#define SG_LAYOUT_LINEMEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/lines.h"

/* What the memo holds at most, bytes. */
#define SG_LINEMEMO_BYTES ((size_t)8 << 20)

/* A paragraph to break, as sg_linebreak_indent() is given it (borrowed). */
typedef struct sg_linememo_key {
	const sg_para *p;
	const sg_fontset *fs;
	double width, indent;
	bool justify;
	uint64_t hash;
} sg_linememo_key;

/* The key of breaking p in fs to width with indent. */
sg_linememo_key sg_linememo_key_of(const sg_para *p, const sg_fontset *fs, double width,
				   double indent, bool justify);

/* Replaces out's content with the lines kept for k and returns true;
 * false (out untouched) when none are kept. */
bool sg_linememo_get(const sg_linememo_key *k, sg_lines *out);

/* Keeps a copy of l as the lines of k. */
void sg_linememo_put(const sg_linememo_key *k, const sg_lines *l);

/* Lookups that found their lines, and lookups in all. */
void sg_linememo_counts(uint64_t *hits, uint64_t *lookups);

#endif
