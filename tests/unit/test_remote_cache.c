/*
 * test_remote_cache.c - the shared cache's action keys, records (Bazel
 * ActionResult) and the check of fetched bytes.
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

#include "base/buf.h"
#include "base/diag.h"
#include "engine/remote_cache.h"

#define H1 "1111111111111111111111111111111111111111111111111111111111111111"
#define H2 "2222222222222222222222222222222222222222222222222222222222222222"

static void S_key(const char *version, const char *kind, const char *path,
		  sg_remote_cache_input *in, size_t n, char out[SG_SHA256_HEX])
{
	sg_remote_cache_key(version, kind, path, in, n, out);
}

/* The key does not depend on the order inputs were declared in, and
 * changes with every part of the action. */
static void test_key(void **state)
{
	(void)state;
	sg_remote_cache_input a[] = {{"catalog.xml", H1}, {"customers/x.xml", H2}};
	sg_remote_cache_input b[] = {{"customers/x.xml", H2}, {"catalog.xml", H1}};
	char ka[SG_SHA256_HEX], kb[SG_SHA256_HEX], k[SG_SHA256_HEX];
	S_key("salesgen 1.0", "cost", "costs/x.json", a, 2, ka);
	S_key("salesgen 1.0", "cost", "costs/x.json", b, 2, kb);
	assert_string_equal(ka, kb);
	assert_int_equal(strlen(ka), 64);
	/* The same text every time and on every machine: a fixed value. */
	sg_remote_cache_input c[] = {{"catalog.xml", H1}};
	S_key("v", "cost", "costs/x.json", c, 1, k);
	char want[SG_SHA256_HEX];
	sg_sha256_hex("salesgen-action 1\n1:v\n4:cost\n12:costs/x.json\n1 inputs\n11:catalog.xml\n"
		      "64:" H1 "\n",
		      strlen("salesgen-action 1\n1:v\n4:cost\n12:costs/x.json\n1 inputs\n"
			     "11:catalog.xml\n64:" H1 "\n"),
		      want);
	assert_string_equal(k, want);

	sg_remote_cache_input d[] = {{"catalog.xml", H2}, {"customers/x.xml", H2}};
	S_key("salesgen 1.0", "cost", "costs/x.json", d, 2, k);
	assert_string_not_equal(k, ka); /* an input's hash */
	S_key("salesgen 1.1", "cost", "costs/x.json", a, 2, k);
	assert_string_not_equal(k, ka); /* the version */
	S_key("salesgen 1.0", "proposal", "costs/x.json", a, 2, k);
	assert_string_not_equal(k, ka); /* the kind */
	S_key("salesgen 1.0", "cost", "costs/y.json", a, 2, k);
	assert_string_not_equal(k, ka); /* the path */
	S_key("salesgen 1.0", "cost", "costs/x.json", a, 1, k);
	assert_string_not_equal(k, ka); /* one input fewer */
	/* Names cannot run into each other: "a b" + "c" is not "a" + "b c". */
	sg_remote_cache_input e1[] = {{"a\n1:b", H1}}, e2[] = {{"a", H1}};
	S_key("v", "k", "p", e1, 1, ka);
	S_key("v", "k", "p", e2, 1, kb);
	assert_string_not_equal(ka, kb);
}

/* A record written is read back the same, notes and warnings with it;
 * errors are never stored. */
static void test_record_round_trip(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_note(&d, sg_pos_make("customers/x.xml", 93, 3), "kept as sent; 100%% the same");
	sg_warning(&d, sg_pos_make("a\tb.md", 1, 0), "two\nlines");
	sg_error(&d, sg_pos_make("x", 1, 1), "never stored");
	sg_buf b;
	sg_buf_init(&b);
	sg_remote_cache_record_encode("proposals/x.pdf", H1, 123456789, &d, &b);
	sg_remote_cache_record r;
	assert_int_equal(sg_remote_cache_record_decode(b.data, b.len, &r), 0);
	assert_string_equal(r.path, "proposals/x.pdf");
	assert_string_equal(r.hash, H1);
	assert_true(r.size == 123456789);
	sg_diags back;
	sg_diags_init(&back);
	assert_int_equal(sg_remote_cache_diags_read(r.diags.data, r.diags.len, &back), 0);
	assert_int_equal(back.count, 2);
	assert_int_equal(back.items[0].severity, SG_NOTE);
	assert_string_equal(back.items[0].path, "customers/x.xml");
	assert_int_equal(back.items[0].line, 93);
	assert_int_equal(back.items[0].col, 3);
	assert_string_equal(back.items[0].message, "kept as sent; 100% the same");
	assert_int_equal(back.items[1].severity, SG_WARNING);
	assert_string_equal(back.items[1].path, "a\tb.md");
	assert_string_equal(back.items[1].message, "two\nlines");
	sg_diags_dispose(&back);
	sg_buf_dispose(&r.diags);
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
}

/* A record of Bazel's own shape (fields salesgen does not write, such as
 * exit_code = 4 and is_executable = 4 of the file) reads too. */
static void test_record_foreign_fields(void **state)
{
	(void)state;
	/* Digest { hash = H2, size_bytes = 5 } */
	sg_buf dg, f, r;
	sg_buf_init(&dg);
	sg_buf_init(&f);
	sg_buf_init(&r);
	sg_buf_put(&dg, "\x0a\x40", 2);
	sg_buf_puts(&dg, H2);
	sg_buf_put(&dg, "\x10\x05", 2);
	/* OutputFile { path = "a", digest, is_executable = true } */
	sg_buf_put(&f, "\x0a\x01" "a" "\x12", 4);
	sg_buf_putc(&f, (int)dg.len);
	sg_buf_put(&f, dg.data, dg.len);
	sg_buf_put(&f, "\x20\x01", 2);
	/* ActionResult { exit_code = 0, output_files = [f] } */
	sg_buf_put(&r, "\x20\x00\x12", 3);
	sg_buf_putc(&r, (int)f.len);
	sg_buf_put(&r, f.data, f.len);
	sg_remote_cache_record rec;
	assert_int_equal(sg_remote_cache_record_decode(r.data, r.len, &rec), 0);
	assert_string_equal(rec.path, "a");
	assert_string_equal(rec.hash, H2);
	assert_true(rec.size == 5);
	sg_buf_dispose(&rec.diags);
	sg_buf_dispose(&dg);
	sg_buf_dispose(&f);
	sg_buf_dispose(&r);
}

/* What is not a record of one output is refused: garbage, every cut of a
 * good record, two output files, a hash that is not one. */
static void test_record_refused(void **state)
{
	(void)state;
	sg_remote_cache_record r;
	assert_int_equal(sg_remote_cache_record_decode("", 0, &r), -1);
	sg_buf_dispose(&r.diags);
	assert_int_equal(sg_remote_cache_record_decode("<html>404</html>", 16, &r), -1);
	sg_buf_dispose(&r.diags);
	sg_buf b;
	sg_buf_init(&b);
	sg_remote_cache_record_encode("p", H1, 7, NULL, &b);
	for (size_t cut = 1; cut < b.len; cut++) {
		assert_int_equal(sg_remote_cache_record_decode(b.data, cut, &r), -1);
		sg_buf_dispose(&r.diags);
	}
	sg_buf two;
	sg_buf_init(&two);
	sg_buf_put(&two, b.data, b.len);
	sg_buf_put(&two, b.data, b.len);
	assert_int_equal(sg_remote_cache_record_decode(two.data, two.len, &r), -1);
	sg_buf_dispose(&r.diags);
	sg_buf_clear(&b);
	sg_remote_cache_record_encode("p", "ABCDEF", 7, NULL, &b);
	assert_int_equal(sg_remote_cache_record_decode(b.data, b.len, &r), -1);
	sg_buf_dispose(&r.diags);
	assert_int_equal(sg_remote_cache_diags_read("X\t1\t1\t-\tm\n", 10, NULL), -1);
	sg_buf_dispose(&two);
	sg_buf_dispose(&b);
}

/* Fetched bytes are taken only with the recorded size and SHA-256. */
static void test_verify(void **state)
{
	(void)state;
	sg_remote_cache_record r = {.size = 3};
	sg_sha256_hex("abc", 3, r.hash);
	assert_true(sg_remote_cache_verify(&r, "abc", 3));
	assert_false(sg_remote_cache_verify(&r, "abd", 3));
	assert_false(sg_remote_cache_verify(&r, "abcd", 4));
	assert_false(sg_remote_cache_verify(&r, "ab", 2));
	r.size = 4;
	assert_false(sg_remote_cache_verify(&r, "abc", 3));
}

/* Messages show the URL without user and password. */
static void test_shown(void **state)
{
	(void)state;
	char s[256];
	sg_remote_cache_shown("https://ci:tok@cache.example.com:8080/salesgen", s, sizeof s);
	assert_string_equal(s, "https://cache.example.com:8080/salesgen");
	sg_remote_cache_shown("http://u@h/", s, sizeof s);
	assert_string_equal(s, "http://h/");
	sg_remote_cache_shown("http://h/a@b", s, sizeof s);
	assert_string_equal(s, "http://h/a@b");
	sg_remote_cache_shown("http://a:b@c@h", s, sizeof s);
	assert_string_equal(s, "http://h");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_record_foreign_fields),
		cmocka_unit_test(test_record_refused),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_shown),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
