/*
 * sha256.c - SHA-256 through OpenSSL's libcrypto (EVP digests).
 */
#include "base/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

/* The digest, fetched once: EVP_sha256() would look the implementation up
 * again at every init, under a lock, which costs more than hashing a small
 * value. */
static EVP_MD *S_md;
static pthread_once_t S_md_once = PTHREAD_ONCE_INIT;

static void S_fetch(void)
{
	S_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *S_sha256(void)
{
	pthread_once(&S_md_once, S_fetch);
	if (!S_md) {
		/* Only a libcrypto without its default provider gets here: no
		 * hash is no build. */
		fputs("salesgen: internal error: libcrypto has no SHA-256\n", stderr);
		abort();
	}
	return S_md;
}

static void S_oom(void)
{
	fputs("salesgen: out of memory\n", stderr);
	abort();
}

void sg_sha256_init(sg_sha256 *s)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || EVP_DigestInit_ex(c, S_sha256(), NULL) != 1)
		S_oom();
	s->ctx = c;
}

void sg_sha256_update(sg_sha256 *s, const void *data, size_t len)
{
	if (len && EVP_DigestUpdate(s->ctx, data, len) != 1)
		S_oom();
}

void sg_sha256_final(sg_sha256 *s, uint8_t out[SG_SHA256_LEN])
{
	unsigned int n = 0;
	if (EVP_DigestFinal_ex(s->ctx, out, &n) != 1 || n != SG_SHA256_LEN)
		S_oom();
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void sg_sha256_to_hex(const uint8_t digest[SG_SHA256_LEN], char out[SG_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < SG_SHA256_LEN; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * SG_SHA256_LEN] = '\0';
}

void sg_sha256_hex(const void *data, size_t len, char out[SG_SHA256_HEX])
{
	uint8_t digest[SG_SHA256_LEN];
	unsigned int n = 0;
	if (EVP_Digest(data, len, digest, &n, S_sha256(), NULL) != 1 || n != SG_SHA256_LEN)
		S_oom();
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
			uint8_t digest[SG_SHA256_LEN];
			sg_sha256_final(&s, digest);
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

int sg_sha256_memo_fd(const sg_sha256_memo *memo, const char *path, int fd,
		      char out[SG_SHA256_HEX])
{
	if (memo && memo->fd)
		return memo->fd(memo->ctx, path, fd, out);
	return sg_sha256_fd(fd, out);
}
