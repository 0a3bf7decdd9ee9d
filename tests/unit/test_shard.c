/*
 * test_shard.c - --shard K/N: parsing, stability, a partition of every name.
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

#include "engine/shard.h"

static void test_parse(void **state)
{
	(void)state;
	sg_shard s;
	const char *why;
	assert_int_equal(sg_shard_parse(&s, "2/5", &why), 0);
	assert_int_equal(s.index, 2);
	assert_int_equal(s.count, 5);
	assert_int_equal(sg_shard_parse(&s, "1/1", &why), 0);
	const char *bad[] = {"0/3", "4/3", "1/0", "1", "/3", "1/", "a/b", "1/3x", " 1/3",
			     "-1/3", "1/1000001", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why = NULL;
		assert_int_equal(sg_shard_parse(&s, bad[i], &why), -1);
		assert_non_null(why);
	}
}

/* The hash is FNV-1a 64: fixed values, so shards never move between
 * versions or machines. */
static void test_hash_is_fnv1a(void **state)
{
	(void)state;
	assert_true(sg_shard_hash("") == 0xcbf29ce484222325ULL);
	assert_true(sg_shard_hash("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(sg_shard_hash("foobar") == 0x85944171f73967e8ULL);
}

/* Every name is in exactly one shard of N, and shards are roughly even. */
static void test_partition(void **state)
{
	(void)state;
	for (unsigned n = 1; n <= 7; n++) {
		unsigned count[8] = {0};
		for (int i = 0; i < 3000; i++) {
			char name[64];
			snprintf(name, sizeof name, "costs/customer-%d.json", i);
			int in = 0;
			for (unsigned k = 1; k <= n; k++) {
				sg_shard s = {k, n};
				if (sg_shard_has(s, name)) {
					in++;
					count[k]++;
				}
			}
			assert_int_equal(in, 1);
		}
		for (unsigned k = 1; k <= n; k++)
			assert_true(count[k] > 3000 / n * 8 / 10);
	}
	sg_shard none = {0, 0};
	assert_true(sg_shard_has(none, "anything"));
}

static void test_file_names(void **state)
{
	(void)state;
	char buf[48];
	sg_shard none = {0, 0}, s = {2, 3};
	sg_shard_file(none, "manifest", buf, sizeof buf);
	assert_string_equal(buf, "manifest");
	sg_shard_file(s, "manifest", buf, sizeof buf);
	assert_string_equal(buf, "manifest-2-of-3");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_hash_is_fnv1a),
		cmocka_unit_test(test_partition),
		cmocka_unit_test(test_file_names),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
