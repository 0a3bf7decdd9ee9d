/*
 * hash.c - a quick 64-bit hash of bytes (see hash.h).
 */
#include "base/hash.h"

#include <string.h>

uint64_t sg_hash64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	h = sg_hash64_mix(h ^ 0x9e3779b97f4a7c15ull, len);
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = sg_hash64_mix(h, w);
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = sg_hash64_mix(h, w);
	return h ^ (h >> 32);
}
