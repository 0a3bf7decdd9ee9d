/*
 * test_manifest.c - the manifest's text form and the stat cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "engine/manifest.h"
#include "engine/name_index.h"

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

/* A record whose I lines are as the writer makes them keeps them as read
 * (parsed only when asked for); one with a name written %XX, or unsorted,
 * is parsed. Either way the records, and the text written, are the same. */
static void test_lines_as_read(void **state)
{
	(void)state;
	const char *text = "salesgen-manifest 1\n"
			   "O " H1 " 5 cost x costs/x.json\n"
			   "I " H2 " catalog.xml\n"
			   "I " H3 " customers/x.xml\n"
			   "O " H1 " 6 cost y costs/y.json\n"
			   "I " H2 " odd%0Aname\n"
			   "O " H1 " 7 cost z costs/z.json\n"
			   "I " H2 " b.xml\n"
			   "I " H3 " a.xml\n";
	sg_manifest m;
	sg_manifest_init(&m);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&m, text, strlen(text), "mf", &d), 0);
	assert_int_equal(d.count, 0);
	const sg_manifest_entry *x = sg_manifest_find(&m, "costs/x.json");
	assert_non_null(x->lines);
	assert_int_equal(x->input_count, 2);
	assert_string_equal(sg_manifest_input_hash(x, "customers/x.xml"), H3);
	assert_string_equal(sg_manifest_inputs(x)[0].name, "catalog.xml");
	const sg_manifest_entry *y = sg_manifest_find(&m, "costs/y.json");
	assert_null(y->lines);
	assert_string_equal(sg_manifest_input_hash(y, "odd\nname"), H2);
	const sg_manifest_entry *z = sg_manifest_find(&m, "costs/z.json");
	assert_null(z->lines);
	assert_string_equal(sg_manifest_input_hash(z, "a.xml"), H3);

	/* Copied into another manifest, a record keeps its lines. */
	sg_manifest next;
	sg_manifest_init(&next);
	for (size_t i = 0; i < m.count; i++)
		sg_manifest_copy(&next, &m.entries[i], true);
	sg_buf a, b;
	sg_buf_init(&a);
	sg_buf_init(&b);
	sg_manifest_write(&m, &a);
	sg_manifest_write(&next, &b);
	assert_string_equal(a.data, b.data);
	sg_buf_clear(&b);
	sg_manifest_input_line(&b, "odd\nname", H2);
	assert_string_equal(b.data, "I " H2 " odd%0Aname\n");
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_manifest_dispose(&next);
	sg_manifest_dispose(&m);
	sg_diags_dispose(&d);
}

/* A changes file laid over a manifest: records replaced, added, removed;
 * and the changes of a manifest from a base written back. */
static void test_changes(void **state)
{
	(void)state;
	const char *base = "salesgen-manifest 1\n"
			   "O " H1 " 5 cost a costs/a.json\n"
			   "I " H2 " a.xml\n"
			   "O " H1 " 5 cost b costs/b.json\n"
			   "I " H2 " b.xml\n"
			   "O " H1 " 5 cost c costs/c.json\n"
			   "I " H2 " c.xml\n";
	const char *changes = "salesgen-manifest-changes 1\n"
			      "O " H3 " 6 cost b costs/b.json\n"
			      "I " H3 " b.xml\n"
			      "R costs/c.json\n"
			      "O " H3 " 6 cost d costs/d.json\n"
			      "I " H3 " d.xml\n";
	sg_manifest m;
	sg_manifest_init(&m);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&m, base, strlen(base), "mf", &d), 0);
	const char *paths[] = {"costs/a.json", "costs/b.json", "costs/c.json"};
	sg_manifest *c = sg_xmalloc(sizeof *c);
	sg_manifest_init(c);
	sg_buf text;
	sg_buf_init(&text);
	sg_buf_puts(&text, changes);
	/* Not a manifest's changes without its first line. */
	assert_int_equal(sg_manifest_parse(c, changes, strlen(changes), "ch", &d), -1);
	sg_manifest_dispose(c);
	sg_manifest_init(c);
	assert_int_equal(sg_manifest_parse_changes(c, &text, "ch", &d), 0);
	assert_int_equal(d.count, 0);
	sg_manifest_overlay(&m, c);
	assert_int_equal(m.count, 3);
	assert_string_equal(sg_manifest_input_hash(sg_manifest_find(&m, "costs/b.json"), "b.xml"), H3);
	assert_null(sg_manifest_find(&m, "costs/c.json"));
	assert_non_null(sg_manifest_find(&m, "costs/d.json"));
	assert_false(sg_manifest_find(&m, "costs/a.json")->changed);
	assert_true(sg_manifest_find(&m, "costs/d.json")->changed);

	/* Written against the base: the same changes. */
	sg_manifest next;
	sg_manifest_init(&next);
	for (size_t i = 0; i < m.count; i++)
		sg_manifest_copy(&next, &m.entries[i], true);
	sg_buf_clear(&text);
	sg_manifest_write_changes(&next, paths, 3, &text);
	assert_string_equal(text.data, "salesgen-manifest-changes 1\n"
				       "O " H3 " 6 cost b costs/b.json\n"
				       "I " H3 " b.xml\n"
				       "R costs/c.json\n"
				       "O " H3 " 6 cost d costs/d.json\n"
				       "I " H3 " d.xml\n");
	sg_buf_dispose(&text);
	sg_manifest_dispose(&next);
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

	/* Marks: only a record with that stat key, lost when put anew, never
	 * written. */
	sg_stat_key moved = k;
	moved.ino = 44;
	assert_false(sg_stat_cache_mark(c, "in:content/a.xml", &moved));
	assert_false(sg_stat_cache_mark(c, "in:nowhere", &k));
	assert_null(sg_stat_cache_marked(c, "in:content/a.xml"));
	assert_true(sg_stat_cache_mark(c, "in:content/a.xml", &k));
	assert_string_equal(sg_stat_cache_marked(c, "in:content/a.xml"), H3);
	assert_null(sg_stat_cache_marked(c, "out:f1"));
	sg_stat_cache_put(c, "in:content/a.xml", &k, H3); /* the same: still marked */
	assert_string_equal(sg_stat_cache_marked(c, "in:content/a.xml"), H3);
	sg_stat_cache_put(c, "out:f1", &k, H1);
	assert_true(sg_stat_cache_mark(c, "out:f1", &k));
	sg_stat_cache_put(c, "out:f1", &k, H2); /* another hash: the mark goes */
	assert_null(sg_stat_cache_marked(c, "out:f1"));

	sg_buf b;
	sg_buf_init(&b);
	sg_stat_cache_write(c, &b);
	sg_stat_cache *r = sg_stat_cache_new();
	sg_stat_cache_parse(r, b.data, b.len);
	assert_string_equal(sg_stat_cache_get(r, "in:content/a.xml", &k), H3);
	assert_null(sg_stat_cache_marked(r, "in:content/a.xml"));
	assert_string_equal(sg_stat_cache_get(r, "out:f999", &k), H2);
	/* Garbage lines are skipped. */
	sg_stat_cache_parse(r, "junk\n" H1 " x y z w p\n", strlen("junk\n" H1 " x y z w p\n"));
	assert_null(sg_stat_cache_get(r, "p", &k));
	sg_buf_dispose(&b);
	sg_stat_cache_free(c);
	sg_stat_cache_free(r);
}

/* What a stream handed on. */
typedef struct pieces {
	sg_buf bytes;
	size_t count, refuse_at; /* refuse piece refuse_at (1: the first); 0: none */
} pieces;

static int put_piece(void *arg, const void *data, size_t len)
{
	pieces *p = arg;
	if (++p->count == p->refuse_at)
		return -1;
	/* Whole records: a piece ends with a line, and the next starts one. */
	assert_int_equal(((const char *)data)[len - 1], '\n');
	sg_buf_put(&p->bytes, data, len);
	return 0;
}

/* A manifest streamed in pieces (sg_manifest_stream) is the text written
 * whole, record by record, and so is the stat cache (sg_stat_cache_stream);
 * a sink that refuses a piece stops them. */
static void test_stream(void **state)
{
	(void)state;
	sg_manifest m;
	sg_manifest_init(&m);
	for (int i = 3000; i > 0; i--) {
		char path[64], input[64];
		snprintf(path, sizeof path, "costs/c%05d.json", i);
		snprintf(input, sizeof input, "customers/c%05d.xml", i);
		sg_manifest_entry *e = sg_manifest_add(&m, path, "cost", path + 6, H1, 10);
		sg_manifest_add_input(&m, e, input, H2);
		sg_manifest_add_input(&m, e, "catalog.xml", H3);
	}
	sg_buf whole;
	sg_buf_init(&whole);
	sg_manifest_write(&m, &whole);
	assert_true(whole.len > 3 * 65536);
	pieces p = {.refuse_at = 0};
	sg_buf_init(&p.bytes);
	assert_int_equal(sg_manifest_stream(&m, put_piece, &p), 0);
	assert_true(p.count > 3);
	assert_int_equal(p.bytes.len, whole.len);
	assert_memory_equal(p.bytes.data, whole.data, whole.len);
	pieces bad = {.refuse_at = 2};
	sg_buf_init(&bad.bytes);
	assert_int_equal(sg_manifest_stream(&m, put_piece, &bad), -1);
	assert_int_equal(bad.count, 2);
	sg_buf_dispose(&bad.bytes);
	sg_buf_dispose(&p.bytes);

	/* The stat cache's text the same way. */
	sg_stat_cache *c = sg_stat_cache_new();
	sg_stat_key k = {100, 1700000000, 5, 42};
	for (int i = 0; i < 3000; i++) {
		char name[64];
		snprintf(name, sizeof name, "out:costs/c%05d.json", i);
		sg_stat_cache_put(c, name, &k, H2);
	}
	sg_buf_clear(&whole);
	sg_stat_cache_write(c, &whole);
	assert_true(whole.len > 3 * 65536);
	pieces q = {.refuse_at = 0};
	sg_buf_init(&q.bytes);
	assert_int_equal(sg_stat_cache_stream(c, put_piece, &q), 0);
	assert_true(q.count > 3);
	assert_int_equal(q.bytes.len, whole.len);
	assert_memory_equal(q.bytes.data, whole.data, whole.len);
	pieces no = {.refuse_at = 1};
	sg_buf_init(&no.bytes);
	assert_int_equal(sg_stat_cache_stream(c, put_piece, &no), -1);
	assert_int_equal(no.count, 1);
	sg_buf_dispose(&no.bytes);
	sg_buf_dispose(&q.bytes);
	sg_stat_cache_free(c);
	sg_buf_dispose(&whole);
	sg_manifest_dispose(&m);
}

static const char *S_name_at(const void *items, size_t i)
{
	return ((char *const *)items)[i];
}

/* The name index finds every name it was given, at its index, and no
 * other, through its growing (item by item, and reserved at once) and
 * when asked again for a name it has. */
static void test_name_index(void **state)
{
	(void)state;
	enum { N = 20000 };
	char **names = sg_xcalloc(N, sizeof *names);
	sg_name_index x = {0};
	assert_int_equal(sg_name_index_find(&x, "none", S_name_at, names), 0);
	size_t count = 0;
	for (size_t i = 0; i < N; i++) {
		if (i == N / 2)
			sg_name_index_reserve(&x, N);
		char name[64];
		snprintf(name, sizeof name, "customers/c-%05zu.xml", (i * 7919) % N);
		size_t *slot = sg_name_index_slot(&x, name, count, S_name_at, names);
		assert_int_equal(*slot, 0);
		names[count] = sg_xstrdup(name);
		*slot = ++count;
	}
	for (size_t i = 0; i < N; i++) {
		size_t at = sg_name_index_find(&x, names[i], S_name_at, names);
		assert_int_equal(at, i + 1);
		size_t *again = sg_name_index_slot(&x, names[i], count, S_name_at, names);
		assert_int_equal(*again, i + 1);
	}
	assert_int_equal(sg_name_index_find(&x, "customers/c-20000.xml", S_name_at, names), 0);
	assert_int_equal(sg_name_index_find(&x, "", S_name_at, names), 0);
	sg_name_index_dispose(&x);
	for (size_t i = 0; i < N; i++)
		free(names[i]);
	free(names);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_lines_as_read),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_stat_cache),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_name_index),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
