/*
 * hash.h - a quick 64-bit hash of bytes, for the memos that find work done
 * before (render/pdf/pdf_memo.c, layout/linememo.c). Not for anything an
 * attacker chooses: the memos compare what they find byte for byte, so a
 * collision costs time, never a wrong answer.
 */
#ifndef SG_BASE_HASH_H
#define SG_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of data[0..len) continued from h (start with any seed, 0 will
 * do): eight bytes a step. */
uint64_t sg_hash64(uint64_t h, const void *data, size_t len);

/* h with the 64-bit value v mixed in. */
static inline uint64_t sg_hash64_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0xff51afd7ed558ccdull;
	return h ^ (h >> 29);
}

#endif
