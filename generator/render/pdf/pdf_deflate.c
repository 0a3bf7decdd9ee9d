/*
 * pdf_deflate.c - the zlib levels of the PDF's streams (pdf_objects.c
 * compresses every stream at sg_pdf_deflate_level(), or at
 * SG_PDF_DEFLATE_TEXT_LEVEL when it is PDF text; pdf_ximage.c its images at
 * SG_PDF_DEFLATE_IMAGE_LEVEL).
 *
 * Font programs (most of a file) barely compress at any level: the Noto CJK
 * subsets of a sample proposal lose 14.7% at level 1, 15.4% at level 9,
 * and level 6 takes 30% more time than level 1 for 0.9% of them. So they
 * stayed at level 1, until they got a coder of their own (below).
 *
 * PDF text compresses well and repays a higher level. On bench/pdf's
 * doc0001.md (5 pages) the page content, object streams and ToUnicode maps
 * take 21.9 KB at level 1, 18.8 KB at level 6, 18.5 KB at level 9. Level 6
 * costs 4 million instructions more per document than level 1 (6% of its
 * 67 million, counted with callgrind); level 9 more again, and far more on
 * repetitive text such as a long table, so 6 it was. Z_FILTERED saves 2.6% more on page
 * content but loses 17% on ToUnicode maps: the default strategy for all.
 * Since the font programs stopped costing most of the time (below), the
 * text's level was the next cost: on a sample proposal's 14 text streams
 * (167 KB) level 6 makes 28.5 KB, level 3 32.1 KB and level 1 33.5 KB,
 * level 3 in 60% of level 6's time. So 3: a proposal 3.4 KB larger, 12%
 * more proposals a second (issue 17; bench/README.md, "Proposals").
 *
 * The output is plain zlib at any level, and as deterministic: the same
 * input gives the same bytes.
 *
 * Font programs have a coder of their own (sg_pdf_deflate_literals). In a
 * proposal's Noto CJK subsets zlib's level 1 found little to match (14.7%
 * off, 8.7% of it from coding the bytes alone, as Z_HUFFMAN_ONLY does)
 * yet took a third of the time of the whole document: its match search
 * runs over every byte. Coding the bytes alone with a Huffman code made for
 * them is two passes of table lookups, twenty times quicker than level 1,
 * for 7% more bytes of font (about 11 KB of a proposal's 195).
 */
#include "render/pdf/pdf_deflate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int sg_pdf_deflate_level(void)
{
	return SG_PDF_DEFLATE_LEVEL;
}

int sg_pdf_deflate(sg_buf *out, const void *data, size_t len, int level)
{
	uLong bound = compressBound((uLong)len);
	sg_buf_grow(out, bound);
	uLongf got = bound;
	if (compress2((Bytef *)out->data + out->len, &got, data, (uLong)len, level) != Z_OK)
		return -1;
	out->len += got;
	out->data[out->len] = '\0';
	return 0;
}

/* ---- a literal-only deflate stream ------------------------------------------
 * RFC 1950 (zlib) around one RFC 1951 block with dynamic Huffman codes: a
 * code for the 256 byte values and end-of-block made from their counts in
 * the data, and no matches (the distance code has two unused codes of one
 * bit, as zlib writes it for such a block). */

#define S_LITS 257 /* the bytes and end-of-block */

/* Bits into a buffer, least significant first. */
typedef struct S_bits {
	unsigned char *p;
	uint64_t acc;
	unsigned n;
} S_bits;

static void S_put(S_bits *b, uint32_t v, unsigned n)
{
	b->acc |= (uint64_t)v << b->n;
	b->n += n;
	if (b->n >= 32) {
		for (int i = 0; i < 4; i++)
			*b->p++ = (unsigned char)(b->acc >> (8 * i));
		b->acc >>= 32;
		b->n -= 32;
	}
}

/* Writes out the last bits, padded with zeros to a whole byte. */
static void S_flush(S_bits *b)
{
	while (b->n > 0) {
		*b->p++ = (unsigned char)b->acc;
		b->acc >>= 8;
		b->n = b->n > 8 ? b->n - 8 : 0;
	}
}

/* The lengths of a Huffman code of at most maxbits bits for the n symbols
 * of counts freq (0: not coded), at least two of them coded. Ties go to
 * the lower symbol, so the code depends on the counts alone. */
static void S_code_lengths(const uint32_t *freq, int n, unsigned maxbits, uint8_t *len)
{
	uint64_t w[2 * S_LITS];
	int sym[S_LITS], parent[2 * S_LITS];
	uint32_t f[S_LITS];
	memcpy(f, freq, (size_t)n * sizeof *f);
	for (;;) {
		int m = 0;
		for (int i = 0; i < n; i++)
			if (f[i])
				sym[m++] = i;
		/* Leaves by weight (then symbol): an insertion sort, n <= 257. */
		for (int i = 1; i < m; i++) {
			int v = sym[i], j = i;
			while (j > 0 && (f[sym[j - 1]] > f[v] ||
					 (f[sym[j - 1]] == f[v] && sym[j - 1] > v))) {
				sym[j] = sym[j - 1];
				j--;
			}
			sym[j] = v;
		}
		/* Two queues: leaves 0..m-1 sorted, internal nodes m.. made in
		 * order of weight. */
		for (int i = 0; i < m; i++)
			w[i] = f[sym[i]];
		int leaf = 0, node = m, made = m;
		for (int k = 0; k < m - 1; k++) {
			int pick[2];
			for (int t = 0; t < 2; t++) {
				if (leaf < m && (node >= made || w[leaf] <= w[node]))
					pick[t] = leaf++;
				else
					pick[t] = node++;
			}
			w[made] = w[pick[0]] + w[pick[1]];
			parent[pick[0]] = parent[pick[1]] = made;
			made++;
		}
		/* Depths from the root (the last node made) down. */
		int depth[2 * S_LITS];
		depth[made - 1] = 0;
		for (int i = made - 2; i >= 0; i--)
			depth[i] = depth[parent[i]] + 1;
		unsigned longest = 0;
		memset(len, 0, (size_t)n);
		for (int i = 0; i < m; i++) {
			len[sym[i]] = (uint8_t)depth[i];
			if ((unsigned)depth[i] > longest)
				longest = (unsigned)depth[i];
		}
		if (longest <= maxbits)
			return;
		/* Too long: flatten the counts and make it again. */
		for (int i = 0; i < n; i++)
			if (f[i])
				f[i] = f[i] / 2 + 1;
	}
}

/* The canonical codes of lengths len (RFC 1951, 3.2.2), bit-reversed for
 * writing least significant bit first. */
static void S_codes(const uint8_t *len, int n, uint16_t *code)
{
	unsigned count[16] = {0}, next[16];
	for (int i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	unsigned c = 0;
	for (int b = 1; b < 16; b++) {
		c = (c + count[b - 1]) << 1;
		next[b] = c;
	}
	for (int i = 0; i < n; i++) {
		if (!len[i])
			continue;
		unsigned v = next[len[i]]++, r = 0;
		for (unsigned k = 0; k < len[i]; k++)
			r |= ((v >> k) & 1) << (len[i] - 1 - k);
		code[i] = (uint16_t)r;
	}
}

int sg_pdf_deflate_literals(sg_buf *out, const void *data, size_t len)
{
	const unsigned char *d = data;
	uint32_t freq[S_LITS] = {0};
	for (size_t i = 0; i < len; i++)
		freq[d[i]]++;
	freq[256] = 1;
	/* At least two codes, as zlib makes them. */
	if (len == 0)
		freq[0] = 1;
	uint8_t lens[S_LITS + 2];
	uint16_t codes[S_LITS];
	S_code_lengths(freq, S_LITS, 15, lens);
	S_codes(lens, S_LITS, codes);
	lens[S_LITS] = lens[S_LITS + 1] = 1; /* two distance codes, unused */

	/* The code lengths, run-length coded: 16 repeats the last 3 to 6
	 * times, 17 and 18 give 3 to 10 and 11 to 138 zeros. */
	uint8_t rle[S_LITS + 2], extra[S_LITS + 2];
	int nr = 0;
	for (int i = 0; i < S_LITS + 2;) {
		int run = 1;
		while (i + run < S_LITS + 2 && lens[i + run] == lens[i])
			run++;
		if (lens[i] == 0 && run >= 3) {
			run = run > 138 ? 138 : run;
			rle[nr] = run >= 11 ? 18 : 17;
			extra[nr++] = (uint8_t)(run >= 11 ? run - 11 : run - 3);
		} else if (lens[i] != 0 && run >= 4) {
			rle[nr] = lens[i];
			extra[nr++] = 0;
			run = run - 1 > 6 ? 7 : run;
			rle[nr] = 16;
			extra[nr++] = (uint8_t)(run - 1 - 3);
		} else {
			run = 1;
			rle[nr] = lens[i];
			extra[nr++] = 0;
		}
		i += run;
	}
	uint32_t cfreq[19] = {0};
	for (int i = 0; i < nr; i++)
		cfreq[rle[i]]++;
	int used = 0;
	for (int i = 0; i < 19; i++)
		used += cfreq[i] != 0;
	if (used < 2)
		cfreq[cfreq[0] ? 1 : 0]++;
	uint8_t clen[19];
	uint16_t ccode[19];
	S_code_lengths(cfreq, 19, 7, clen);
	S_codes(clen, 19, ccode);
	static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
					  11, 4, 12, 3, 13, 2, 14, 1, 15};
	int hclen = 19;
	while (hclen > 4 && clen[order[hclen - 1]] == 0)
		hclen--;

	/* At most 15 bits a byte, the header and the trailer. */
	sg_buf_grow(out, len * 2 + 1024);
	S_bits b = {(unsigned char *)out->data + out->len, 0, 0};
	unsigned char *start = b.p;
	S_put(&b, 0x78, 8);
	S_put(&b, 0x01, 8);
	S_put(&b, 1, 1); /* the last block */
	S_put(&b, 2, 2); /* dynamic codes */
	S_put(&b, S_LITS - 257, 5);
	S_put(&b, 2 - 1, 5);
	S_put(&b, (uint32_t)(hclen - 4), 4);
	for (int i = 0; i < hclen; i++)
		S_put(&b, clen[order[i]], 3);
	static const uint8_t xbits[19] = {[16] = 2, [17] = 3, [18] = 7};
	for (int i = 0; i < nr; i++) {
		S_put(&b, ccode[rle[i]], clen[rle[i]]);
		if (xbits[rle[i]])
			S_put(&b, extra[i], xbits[rle[i]]);
	}
	/* The bytes: S_put by hand, the bit buffer kept in registers. */
	uint32_t sym[256];
	for (int i = 0; i < 256; i++)
		sym[i] = (uint32_t)codes[i] | (uint32_t)lens[i] << 16;
	uint64_t acc = b.acc;
	unsigned nb = b.n;
	unsigned char *o = b.p;
	for (size_t i = 0; i < len; i++) {
		uint32_t c = sym[d[i]];
		acc |= (uint64_t)(c & 0xFFFF) << nb;
		nb += c >> 16;
		if (nb >= 32) {
			o[0] = (unsigned char)acc;
			o[1] = (unsigned char)(acc >> 8);
			o[2] = (unsigned char)(acc >> 16);
			o[3] = (unsigned char)(acc >> 24);
			o += 4;
			acc >>= 32;
			nb -= 32;
		}
	}
	b.acc = acc;
	b.n = nb;
	b.p = o;
	S_put(&b, codes[256], lens[256]);
	S_flush(&b);
	uint32_t ad = sg_pdf_adler32(1, d, len);
	for (int i = 3; i >= 0; i--)
		*b.p++ = (unsigned char)(ad >> (8 * i));
	out->len += (size_t)(b.p - start);
	out->data[out->len] = '\0';
	return 0;
}

/* ---- Adler-32 ------------------------------------------------------------------
 *
 * zlib's adler32_z adds a byte at a time: over a proposal's font programs
 * and then the whole file (its /ID) it was 3% of the time. With SSE2 (every
 * x86-64) 16 bytes are added at a time: the plain sum with SAD against
 * zero, the weighted sum (each byte counted once for every byte after it
 * in the block, and itself) with multiply-adds, and the sums of the
 * blocks before each block kept apart and weighted by 16 at the end.
 * The same checksum, so the same bytes. */

#define S_ADLER_BASE 65521u
/* zlib's NMAX: the most bytes summed before the sums must be reduced. */
#define S_ADLER_NMAX 5552

#if defined(__SSE2__)
static uint32_t S_sum32(__m128i v)
{
	v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
	v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
	return (uint32_t)_mm_cvtsi128_si32(v);
}

/* Adds the blocks of 16 bytes of p[0..n) (n a multiple of 16, at most
 * S_ADLER_NMAX) to *a and *b, reduced. */
static void S_adler_blocks(uint32_t *a, uint32_t *b, const unsigned char *p, size_t n)
{
	const __m128i zero = _mm_setzero_si128();
	const __m128i w1 = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
	const __m128i w2 = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
	__m128i s1 = zero, before = zero, s2 = zero;
	for (size_t i = 0; i < n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		before = _mm_add_epi32(before, s1);
		s1 = _mm_add_epi32(s1, _mm_sad_epu8(x, zero));
		s2 = _mm_add_epi32(s2, _mm_madd_epi16(_mm_unpacklo_epi8(x, zero), w1));
		s2 = _mm_add_epi32(s2, _mm_madd_epi16(_mm_unpackhi_epi8(x, zero), w2));
	}
	uint64_t sb = (uint64_t)*b + (uint64_t)*a * n;
	sb += 16 * (uint64_t)S_sum32(before) + S_sum32(s2);
	*a = (uint32_t)(((uint64_t)*a + S_sum32(s1)) % S_ADLER_BASE);
	*b = (uint32_t)(sb % S_ADLER_BASE);
}
#endif

uint32_t sg_pdf_adler32(uint32_t adler, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t a = adler & 0xffff, b = adler >> 16;
#if defined(__SSE2__)
	while (len >= 16) {
		size_t n = (len < S_ADLER_NMAX ? len : S_ADLER_NMAX) & ~(size_t)15;
		S_adler_blocks(&a, &b, p, n);
		p += n;
		len -= n;
	}
#endif
	while (len > 0) {
		size_t n = len < S_ADLER_NMAX ? len : S_ADLER_NMAX;
		len -= n;
		for (; n > 0; n--) {
			a += *p++;
			b += a;
		}
		a %= S_ADLER_BASE;
		b %= S_ADLER_BASE;
	}
	return b << 16 | a;
}
