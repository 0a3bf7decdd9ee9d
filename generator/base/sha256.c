/*
 * sha256.c - SHA-256 as FIPS 180-4 specifies it, byte-order independent.
 */
#include "base/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const uint32_t S_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static uint32_t S_rotr(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void S_block(sg_sha256 *s, const uint8_t *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = S_rotr(w[i - 15], 7) ^ S_rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = S_rotr(w[i - 2], 17) ^ S_rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (S_rotr(e, 6) ^ S_rotr(e, 11) ^ S_rotr(e, 25)) +
			      ((e & f) ^ (~e & g)) + S_k[i] + w[i];
		uint32_t t2 = (S_rotr(a, 2) ^ S_rotr(a, 13) ^ S_rotr(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

void sg_sha256_init(sg_sha256 *s)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(s->h, h0, sizeof h0);
	s->total = 0;
	s->fill = 0;
}

void sg_sha256_update(sg_sha256 *s, const void *data, size_t len)
{
	const uint8_t *p = data;
	s->total += len;
	if (s->fill) {
		size_t take = 64 - s->fill < len ? 64 - s->fill : len;
		memcpy(s->block + s->fill, p, take);
		s->fill += take;
		p += take;
		len -= take;
		if (s->fill < 64)
			return;
		S_block(s, s->block);
		s->fill = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		S_block(s, p);
	memcpy(s->block, p, len);
	s->fill = len;
}

void sg_sha256_final(sg_sha256 *s, uint8_t out[SG_SHA256_LEN])
{
	uint64_t bits = s->total * 8;
	uint8_t pad[72] = {0x80};
	/* 0x80, zeros to 56 mod 64, then the length in bits, big-endian. */
	size_t n = (s->fill < 56 ? 56 - s->fill : 120 - s->fill);
	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (uint8_t)(bits >> (56 - 8 * i));
	uint64_t keep = s->total;
	sg_sha256_update(s, pad, n + 8);
	s->total = keep;
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(s->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)s->h[i];
	}
}

void sg_sha256_to_hex(const uint8_t digest[SG_SHA256_LEN], char out[SG_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < SG_SHA256_LEN; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * SG_SHA256_LEN] = '\0';
}

void sg_sha256_hex(const void *data, size_t len, char out[SG_SHA256_HEX])
{
	sg_sha256 s;
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256_init(&s);
	sg_sha256_update(&s, data, len);
	sg_sha256_final(&s, digest);
	sg_sha256_to_hex(digest, out);
}

int sg_sha256_file(const char *path, char out[SG_SHA256_HEX])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	return sg_sha256_fd(fd, out);
}

int sg_sha256_fd(int fd, char out[SG_SHA256_HEX])
{
	sg_sha256 s;
	sg_sha256_init(&s);
	uint8_t buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		sg_sha256_update(&s, buf, (size_t)n);
	}
	close(fd);
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256_final(&s, digest);
	sg_sha256_to_hex(digest, out);
	return 0;
}
