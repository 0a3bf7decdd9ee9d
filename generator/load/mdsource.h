/*
 * mdsource.h - what a literal of cmark's tree was written as in the source.
 *
 * The passes over cmark's tree (cjk_emphasis.h, cjk_quotes.h) need to know
 * more about a text node's characters than cmark keeps: whether a '*' was a
 * delimiter or an escaped "\*", whether a curly quote was typed as such or
 * made by smart punctuation from a straight one. Only the source says, so a
 * text node's literal is lined up with the source text its positions give.
 *
 * Internal to load/, like markdown.h.
 */
#ifndef SG_LOAD_MDSOURCE_H
#define SG_LOAD_MDSOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

/* The source of a parse, with its lines indexed once. */
typedef struct sg_mdsource {
	const char *src; /* NULL: unknown (every lookup fails) */
	size_t len;
	size_t *lines; /* start and end offset of each line: line l is lines[2l-2..2l-1] */
	size_t nlines;
} sg_mdsource;

/* Indexes the lines of src[0..len) (src may be NULL); src must outlive s.
 * Dispose of s with sg_mdsource_dispose(). */
void sg_mdsource_init(sg_mdsource *s, const char *src, size_t len);
void sg_mdsource_dispose(sg_mdsource *s);

/* Line `line` (1-based, cmark's numbering) without its end of line; false
 * when there is no such line. */
bool sg_mdsource_line(const sg_mdsource *s, int line, const char **p, size_t *n);

/* Length of the entity or numeric character reference at s[0..n) ("&amp;",
 * "&#42;"), or 0 when there is none. */
size_t sg_mdsource_entity_len(const char *s, size_t n);

/* How a byte of a literal was written (sg_mdsource_align). */
enum {
	SG_MDSRC_OTHER = 0, /* escaped ("\*") or a character reference ("&ast;") */
	SG_MDSRC_ASIS = 1,  /* the same byte in the source */
	SG_MDSRC_SMART = 2, /* smart punctuation's: a curly quote from a straight
			     * one, a dash from "--" or "---", "…" from "..." */
};

/* Lines up the literal lit[0..ln) of a text node with the source text
 * raw[0..rn) it was parsed from, and says in how[0..ln) how each of its
 * bytes was written (SG_MDSRC_*). Returns false when the two do not line up
 * (how is then all SG_MDSRC_OTHER): better to know nothing than something
 * wrong. */
bool sg_mdsource_align(const char *raw, size_t rn, const char *lit, size_t ln,
		       unsigned char *how);

/* The same for text node t, whose literal is lit[0..ln), from its position
 * in s; false (how all SG_MDSRC_OTHER) when t spans several lines, has no
 * position, or does not line up. */
bool sg_mdsource_text(const sg_mdsource *s, cmark_node *t, const char *lit, size_t ln,
		      unsigned char *how);

#endif
