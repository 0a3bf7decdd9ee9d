/*
 * sha256.h - SHA-256 (FIPS 180-4), for the build manifest.
 *
 * The work is OpenSSL's libcrypto (EVP), which uses the CPU's SHA
 * instructions where there are any: hashing was a fifth to a third of a
 * no-change build with the portable code this replaces. This small API stays
 * so that callers do not see OpenSSL. Incremental: init, update any number
 * of times, final (which must be called: it frees what init took).
 */
#ifndef SG_BASE_SHA256_H
#define SG_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SG_SHA256_LEN 32
/* The hex form: 64 lowercase digits and a NUL. */
#define SG_SHA256_HEX 65

typedef struct sg_sha256 {
	void *ctx; /* an EVP_MD_CTX; NULL when it could not be made (out of memory) */
} sg_sha256;

void sg_sha256_init(sg_sha256 *s);
void sg_sha256_update(sg_sha256 *s, const void *data, size_t len);
/* Writes the digest to out; s must be initialised again before reuse. */
void sg_sha256_final(sg_sha256 *s, uint8_t out[SG_SHA256_LEN]);

/* One call: the digest of data[0..len) as 64 lowercase hex digits. */
void sg_sha256_hex(const void *data, size_t len, char out[SG_SHA256_HEX]);
/* Digest bytes to hex. */
void sg_sha256_to_hex(const uint8_t digest[SG_SHA256_LEN], char out[SG_SHA256_HEX]);

/* The digest of a file's bytes as hex, read in blocks (no size cap: outputs
 * and fonts are hashed too). Returns 0, or -1 with errno set. */
int sg_sha256_file(const char *path, char out[SG_SHA256_HEX]);
/* The same for the file open on fd, read from where it is; closes fd. */
int sg_sha256_fd(int fd, char out[SG_SHA256_HEX]);

/* A memo of file hashes that a caller can offer to code that hashes files
 * (the content loader hashes the sent proposals): the build engine's gives
 * the hash it recorded while the file's size, mtime and inode are the same,
 * and hashes each file at most once per run. fd is open on the file named
 * path; the memo closes it. Returns 0, or -1 with errno set. */
typedef struct sg_sha256_memo {
	int (*fd)(void *ctx, const char *path, int fd, char out[SG_SHA256_HEX]);
	void *ctx;
} sg_sha256_memo;

/* fd's hash through memo, or with sg_sha256_fd() when memo is NULL. */
int sg_sha256_memo_fd(const sg_sha256_memo *memo, const char *path, int fd,
		      char out[SG_SHA256_HEX]);

#endif
