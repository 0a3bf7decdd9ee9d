/*
 * test_manifest.c - the manifest's text form and the stat cache.
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

#include "base/buf.h"
#include "engine/manifest.h"

#define H1 "1111111111111111111111111111111111111111111111111111111111111111"
#define H2 "2222222222222222222222222222222222222222222222222222222222222222"
#define H3 "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"

/* Written sorted by path with inputs sorted by name, whatever the order
 * they were added in; read back the same. */
static void test_round_trip(void **state)
{
	(void)state;
	sg_manifest m;
	sg_manifest_init(&m);
	sg_manifest_entry *e = sg_manifest_add(&m, "site/index.html", "site", NULL, H1, 10);
	sg_manifest_add_input(&m, e, "playbooks/b.md", H2);
	e = sg_manifest_add(&m, "costs/a b%.json", "cost", "a", H3, 1234);
	sg_manifest_add_input(&m, e, "customers/a.xml", H1);
	sg_manifest_add_input(&m, e, "catalog.xml", H2);
	sg_manifest_add_input(&m, e, "odd\nname", H3);
	sg_buf b;
	sg_buf_init(&b);
	sg_manifest_write(&m, &b);
	const char *want = "salesgen-manifest 1\n"
			   "O " H3 " 1234 cost a costs/a b%25.json\n"
			   "I " H2 " catalog.xml\n"
			   "I " H1 " customers/a.xml\n"
			   "I " H3 " odd%0Aname\n"
			   "O " H1 " 10 site - site/index.html\n"
			   "I " H2 " playbooks/b.md\n";
	assert_string_equal(b.data, want);

	sg_manifest r;
	sg_manifest_init(&r);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&r, b.data, b.len, "manifest", &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(r.count, 2);
	const sg_manifest_entry *x = sg_manifest_find(&r, "costs/a b%.json");
	assert_non_null(x);
	assert_string_equal(x->kind, "cost");
	assert_string_equal(x->group, "a");
	assert_int_equal(x->size, 1234);
	assert_string_equal(x->hash, H3);
	assert_int_equal(x->input_count, 3);
	assert_string_equal(sg_manifest_input_hash(x, "odd\nname"), H3);
	assert_null(sg_manifest_input_hash(x, "nope"));
	x = sg_manifest_find(&r, "site/index.html");
	assert_non_null(x);
	assert_null(x->group);
	assert_null(sg_manifest_find(&r, "costs/zzz.json"));

	sg_buf b2;
	sg_buf_init(&b2);
	sg_manifest_write(&r, &b2);
	assert_string_equal(b2.data, want);
	sg_buf_dispose(&b);
	sg_buf_dispose(&b2);
	sg_manifest_dispose(&m);
	sg_manifest_dispose(&r);
	sg_diags_dispose(&d);
}

/* A damaged line is a warning at its line; the inputs after a broken
 * record do not attach to the record before it. */
static void test_damaged(void **state)
{
	(void)state;
	const char *text = "salesgen-manifest 1\n"
			   "O " H1 " 5 cost x costs/x.json\n"
			   "I " H2 " customers/x.xml\n"
			   "O nothex 5 cost y costs/y.json\n"
			   "I " H2 " customers/y.xml\n"
			   "I short catalog.xml\n"
			   "Z what\n";
	sg_manifest m;
	sg_manifest_init(&m);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&m, text, strlen(text), "mf", &d), 0);
	assert_int_equal(m.count, 1);
	assert_int_equal(m.entries[0].input_count, 1);
	assert_true(d.count >= 3);
	assert_int_equal(d.items[0].line, 4);
	sg_manifest_dispose(&m);
	sg_diags_dispose(&d);

	sg_manifest_init(&m);
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&m, "hello\n", 6, "mf", &d), -1);
	assert_int_equal(m.count, 0);
	sg_manifest_dispose(&m);
	sg_diags_dispose(&d);
}

static void test_stat_cache(void **state)
{
	(void)state;
	sg_stat_cache *c = sg_stat_cache_new();
	sg_stat_key k = {100, 1700000000, 5, 42};
	sg_stat_cache_put(c, "in:content/a.xml", &k, H1);
	for (int i = 0; i < 1000; i++) {
		char name[32];
		snprintf(name, sizeof name, "out:f%d", i);
		sg_stat_cache_put(c, name, &k, H2);
	}
	assert_string_equal(sg_stat_cache_get(c, "in:content/a.xml", &k), H1);
	sg_stat_key other = k;
	other.mtime_nsec = 6;
	assert_null(sg_stat_cache_get(c, "in:content/a.xml", &other));
	other = k;
	other.ino = 43;
	assert_null(sg_stat_cache_get(c, "in:content/a.xml", &other));
	assert_null(sg_stat_cache_get(c, "in:missing", &k));
	sg_stat_cache_put(c, "in:content/a.xml", &k, H3); /* replaced */

	sg_buf b;
	sg_buf_init(&b);
	sg_stat_cache_write(c, &b);
	sg_stat_cache *r = sg_stat_cache_new();
	sg_stat_cache_parse(r, b.data, b.len);
	assert_string_equal(sg_stat_cache_get(r, "in:content/a.xml", &k), H3);
	assert_string_equal(sg_stat_cache_get(r, "out:f999", &k), H2);
	/* Garbage lines are skipped. */
	sg_stat_cache_parse(r, "junk\n" H1 " x y z w p\n", strlen("junk\n" H1 " x y z w p\n"));
	assert_null(sg_stat_cache_get(r, "p", &k));
	sg_buf_dispose(&b);
	sg_stat_cache_free(c);
	sg_stat_cache_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_stat_cache),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
