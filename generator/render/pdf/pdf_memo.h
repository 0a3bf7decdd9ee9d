/*
 * pdf_memo.h - streams coded once per process (pdf_objects.c).
 *
 * Design note. A build makes hundreds of documents from one template, and
 * many of their streams come out byte for byte the same in every one: the
 * subset of a face that shows only the template's fixed text, its
 * ToUnicode map, a page of fixed terms. Of the 200 proposals of
 * bench/proposals (gen_customers.py), 46% of the coded bytes of font
 * programs, 56% of ToUnicode maps and 27% of page content had been coded
 * before in the same run. The memo keeps the coded bytes of recent streams
 * by their bytes and how they were coded, and hands them back: coding is
 * deterministic, so the file is the same as if it had been coded again.
 *
 * An entry is found by a 64-bit hash of (a sample of) the input and then
 * compared byte for byte, so a hash collision costs time, never a wrong
 * stream. Entries hold their input and output, at most SG_PDF_MEMO_BYTES in
 * all; the least recently used go first. The memo is shared by the threads of a process
 * (one lock).
 */
#ifndef SG_RENDER_PDF_PDF_MEMO_H
#define SG_RENDER_PDF_PDF_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* What the memo holds at most: inputs and outputs, bytes. */
#define SG_PDF_MEMO_BYTES ((size_t)8 << 20)

/* A stream to look up: how it is coded (any number the caller keeps
 * distinct for distinct codings, such as a zlib level), its bytes and
 * their hash. The bytes are borrowed. */
typedef struct sg_pdf_memo_key {
	unsigned how;
	const void *data;
	size_t len;
	uint64_t hash;
} sg_pdf_memo_key;

/* The key of data[0..len) coded by how. */
sg_pdf_memo_key sg_pdf_memo_key_of(unsigned how, const void *data, size_t len);

/* Appends the bytes kept for k to out and returns true; false (out as it
 * was) when the memo does not hold k. */
bool sg_pdf_memo_get(const sg_pdf_memo_key *k, sg_buf *out);

/* Keeps coded[0..clen) as what k codes to (copies of both), unless it is
 * too small to be worth keeping or too large for the memo. */
void sg_pdf_memo_put(const sg_pdf_memo_key *k, const void *coded, size_t clen);

/* Forgets everything (tests; the memo is otherwise freed with the
 * process). */
void sg_pdf_memo_clear(void);

/* Lookups that found their stream, and lookups in all, since the start. */
void sg_pdf_memo_counts(uint64_t *hits, uint64_t *lookups);

#endif
