/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 examples and NIST vectors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "base/sha256.h"

static void S_check(const char *msg, size_t len, const char *want)
{
	char got[SG_SHA256_HEX];
	sg_sha256_hex(msg, len, got);
	assert_string_equal(got, want);
}

static void test_fips_vectors(void **state)
{
	(void)state;
	S_check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	S_check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	S_check(two, strlen(two),
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
			   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	S_check(four, strlen(four),
		"cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* One million 'a', fed in uneven pieces: every path through the block
 * buffer is used. */
static void test_million_a_in_pieces(void **state)
{
	(void)state;
	char *a = malloc(1000000);
	memset(a, 'a', 1000000);
	sg_sha256 s;
	sg_sha256_init(&s);
	size_t off = 0, step = 1;
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;
		sg_sha256_update(&s, a + off, n);
		off += n;
		step = step * 7 % 131 + 1;
	}
	uint8_t digest[SG_SHA256_LEN];
	char hex[SG_SHA256_HEX];
	sg_sha256_final(&s, digest);
	sg_sha256_to_hex(digest, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* Lengths around the padding boundary (55, 56, 63, 64 bytes) hash the same
 * in one piece and byte by byte. */
static void test_padding_boundaries(void **state)
{
	(void)state;
	char msg[130];
	for (int i = 0; i < 130; i++)
		msg[i] = (char)('A' + i % 26);
	for (size_t len = 50; len <= 130; len++) {
		char one[SG_SHA256_HEX], bytes[SG_SHA256_HEX];
		sg_sha256_hex(msg, len, one);
		sg_sha256 s;
		sg_sha256_init(&s);
		for (size_t i = 0; i < len; i++)
			sg_sha256_update(&s, msg + i, 1);
		uint8_t digest[SG_SHA256_LEN];
		sg_sha256_final(&s, digest);
		sg_sha256_to_hex(digest, bytes);
		assert_string_equal(one, bytes);
	}
	/* 56 'a': the length no longer fits in the first block. */
	S_check("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 56,
		"b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

static void test_file(void **state)
{
	(void)state;
	const char *path = sg_test_write_temp(0, "abc.txt", "abc");
	char hex[SG_SHA256_HEX];
	assert_int_equal(sg_sha256_file(path, hex), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(sg_sha256_file("/nonexistent/file", hex), -1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_vectors),
		cmocka_unit_test(test_million_a_in_pieces),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_file),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
