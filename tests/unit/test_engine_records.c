/*
 * test_engine_records.c - the manifest and the changes file a build writes,
 * byte for byte, after builds with built, unchanged, failed, skipped,
 * removed and kept outputs. The goldens in tests/data/engine/ were written
 * by the engine that held a copy of every record to write them
 * (SG_TEST_GOLDEN=write makes them again); the engine now writes them from
 * its targets and the old records as they are streamed, and must give the
 * same bytes, and read them back the same.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "support.h"

#include "base/alloc.h"
#include "base/fs.h"
#include "engine/engine.h"
#include "engine/manifest.h"

static const char *S_root;

/* root/rel, on the heap. */
static char *S_path(const char *rel)
{
	return sg_path_join(S_root, rel);
}

static void S_put(const char *rel, const char *text)
{
	char *p = S_path(rel);
	assert_int_equal(sg_file_write_atomic(p, text, strlen(text)), 0);
	free(p);
}

/* The bytes of rel, or NULL when there is no such file. */
static char *S_get(const char *rel, size_t *len)
{
	char *p = S_path(rel);
	char *text = sg_test_read_file(p, len);
	free(p);
	return text;
}

/* ---------------------------------------------------------------- builds */

/* The output is its inputs' text: arg is a NULL-ended list of content
 * files. */
static int S_concat(const sg_produce *p, sg_buf *out)
{
	sg_buf b;
	sg_buf_init(&b);
	int rc = 0;
	for (const char *const *f = p->arg; *f; f++) {
		char *rel = sg_path_join("in", *f);
		char *path = S_path(rel);
		rc |= sg_file_read(path, 1 << 20, &b, p->d);
		sg_buf_put(out, b.data, b.len);
		free(path);
		free(rel);
	}
	sg_buf_dispose(&b);
	return rc;
}

static int S_fail(const sg_produce *p, sg_buf *out)
{
	(void)out;
	sg_error(p->d, sg_pos_make(p->source, 1, 1), "broken on purpose");
	return -1;
}

typedef struct spec {
	const char *kind, *path, *group;
	const char *const *files;
	sg_produce_fn fn;
} spec;

static const char *const A[] = {"a.txt", "shared.txt", NULL};
static const char *const B[] = {"b.txt", "shared.txt", NULL};
static const char *const C[] = {"c.txt", NULL};
static const char *const E[] = {"e 100%.txt", NULL};
static const char *const SHARED[] = {"shared.txt", NULL};
static const char *const ALL[] = {"a.txt", "b.txt", "c.txt", "e 100%.txt", "shared.txt", NULL};

/* The many outputs made from the shared file alone: enough records that a
 * few changed go to a changes file, not the whole manifest. */
#define S_MANY 40

static void S_add(sg_engine *e, const spec *s)
{
	sg_target *t = sg_engine_add(e, s->kind, s->path, s->fn ? s->fn : S_concat,
				     (void *)s->files);
	sg_target_group(t, s->group);
	sg_target_source(t, s->path);
	for (const char *const *f = s->files; *f; f++)
		sg_target_input_content(t, *f);
}

/* Runs a build of specs[0, n) and the S_MANY others; returns its summary. */
static sg_summary S_build(sg_engine_opts o, const spec *specs, size_t n)
{
	char *out = S_path("out"), *in = S_path("in");
	o.out_dir = out;
	o.content_dir = in;
	o.jobs = 2;
	o.mode = SG_JOBS_THREADS;
	sg_engine *e = sg_engine_new(&o);
	for (size_t i = 0; i < n; i++)
		S_add(e, &specs[i]);
	for (size_t i = 0; i < S_MANY; i++) {
		char path[32];
		snprintf(path, sizeof path, "costs/m%02zu.json", i);
		S_add(e, &(spec){"cost", path, NULL, SHARED, NULL});
	}
	sg_diags d;
	sg_diags_init(&d);
	(void)sg_engine_run(e, NULL, &d);
	sg_diags_dispose(&d);
	sg_summary sum;
	sg_engine_summary(e, &sum);
	sg_engine_free(e);
	free(out);
	free(in);
	return sum;
}

/* ---------------------------------------------------------------- goldens */

/* text with the hashes of the program's own inputs (its version and its
 * bytes, which every record names) made zeros: the goldens must not
 * depend on the binary that runs them. */
static void S_normalize(char *text)
{
	static const char *const own[] = {" :salesgen-binary\n", " :salesgen-version\n"};
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(own[k]);
		for (char *p = text; (p = strstr(p, own[k])); p += n) {
			/* "I " HASH own[k]: the hash is the 64 bytes before. */
			assert_true(p - text >= SG_SHA256_HEX - 1);
			memset(p - (SG_SHA256_HEX - 1), '0', SG_SHA256_HEX - 1);
		}
	}
}

/* Whether the state file rel (in out/.salesgen) is, once normalized, the
 * golden tests/data/engine/name; or, with SG_TEST_GOLDEN=write, writes it
 * there. */
static void S_golden(const char *rel, const char *name)
{
	char state[128];
	snprintf(state, sizeof state, "out/.salesgen/%s", rel);
	size_t len;
	char *text = S_get(state, &len);
	assert_non_null(text);
	S_normalize(text);
	char *golden = sg_path_join(SG_TEST_DATA "/engine", name);
	const char *mode = getenv("SG_TEST_GOLDEN");
	if (mode && strcmp(mode, "write") == 0) {
		assert_int_equal(sg_file_write_atomic(golden, text, len), 0);
	} else {
		size_t glen;
		char *want = sg_test_read_file(golden, &glen);
		assert_non_null(want);
		if (glen != len || memcmp(want, text, len) != 0)
			fail_msg("%s is not %s (%zu bytes, %zu wanted)", state, golden, len, glen);
		free(want);
	}
	free(golden);
	free(text);
}

/* m written: text[0, len). */
static void S_assert_writes(sg_manifest *m, const char *text, size_t len)
{
	sg_buf again;
	sg_buf_init(&again);
	sg_manifest_write(m, &again);
	assert_int_equal(again.len, len);
	assert_memory_equal(again.data, text, len);
	sg_buf_dispose(&again);
}

/* The manifest rel read and written again: the same bytes; read as a
 * build reads it (mapped, its pages released as walks pass them), the same
 * again, twice. */
static void S_read_back(const char *rel)
{
	char state[128];
	snprintf(state, sizeof state, "out/.salesgen/%s", rel);
	size_t len;
	char *text = S_get(state, &len);
	assert_non_null(text);
	sg_manifest m;
	sg_manifest_init(&m);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_manifest_parse(&m, text, len, state, &d), 0);
	S_assert_writes(&m, text, len);
	sg_manifest_dispose(&m);

	char *path = S_path(state);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(map != MAP_FAILED);
	close(fd);
	sg_manifest_init(&m);
	assert_int_equal(sg_manifest_parse_mapped(&m, map, len, state, &d), 0);
	assert_true(m.text_mapped);
	for (int i = 0; i < 2; i++) {
		for (size_t k = 0; k < m.count; k++)
			sg_manifest_release(&m, m.entries[k].lines);
		sg_manifest_release(&m, m.text + m.text_len);
		S_assert_writes(&m, text, len);
	}
	assert_int_equal(d.count, 0);
	sg_manifest_dispose(&m);
	sg_diags_dispose(&d);
	free(path);
	free(text);
}

/* ---------------------------------------------------------------- tests */

static int S_setup(void **state)
{
	(void)state;
	S_root = sg_test_tmpdir("sg-engine-records");
	assert_non_null(S_root);
	S_put("in/a.txt", "alpha\n");
	S_put("in/b.txt", "beta\n");
	S_put("in/c.txt", "gamma\n");
	S_put("in/e 100%.txt", "a name written %XX\n");
	S_put("in/shared.txt", "shared\n");
	return 0;
}

static void test_records(void **state)
{
	(void)state;
	/* 1. A first build: every output built, the manifest written whole. */
	const spec first[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"cost", "costs/b.json", "b", B, NULL},
		{"cost", "costs/c.json", "c", C, NULL},
		{"cost", "costs/e.json", "e%", E, NULL},
		{"proposal", "proposals/a.txt", "a", A, NULL},
		{"report", "reports/list.txt", NULL, ALL, NULL},
	};
	sg_engine_opts o = {0};
	sg_summary s = S_build(o, first, 6);
	assert_int_equal(s.built, 6 + S_MANY);
	S_golden("manifest", "manifest-1");
	S_read_back("manifest");

	/* 2. --only costs, after two edits: a built, b failed (its record kept
	 * without inputs), c gone (removed), e unchanged, n new; the list
	 * skipped and the proposal out of scope: both records kept as they
	 * were. A few changes: a changes file, the manifest as it was. */
	S_put("in/a.txt", "alpha two\n");
	S_put("in/b.txt", "beta two\n");
	const spec second[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"cost", "costs/b.json", "b", B, S_fail},
		{"cost", "costs/e.json", "e%", E, NULL},
		{"cost", "costs/n.json", "n", SHARED, NULL},
		{"report", "reports/list.txt", NULL, ALL, NULL},
	};
	o.only = "costs";
	s = S_build(o, second, 5);
	assert_int_equal(s.built, 2);
	assert_int_equal(s.failed, 1);
	assert_int_equal(s.removed, 1);
	S_golden("manifest", "manifest-1");
	S_golden("manifest-changes", "manifest-2.changes");

	/* Read back: nothing to build but b, which failed before. */
	const spec fixed[] = {
		second[0], {"cost", "costs/b.json", "b", B, NULL}, second[2], second[3], second[4],
	};
	s = S_build(o, fixed, 5);
	assert_int_equal(s.built, 1);
	assert_int_equal(s.unchanged, 3 + S_MANY);
	S_golden("manifest-changes", "manifest-3.changes");

	/* 3. Everything but e (the shared file edited), the proposal's target
	 * gone: the changes outgrow a quarter of the manifest, which is
	 * written whole. */
	o.only = NULL;
	S_put("in/shared.txt", "shared two\n");
	s = S_build(o, fixed, 5);
	assert_int_equal(s.built, 4 + S_MANY);
	assert_int_equal(s.removed, 1);
	size_t len;
	assert_null(S_get("out/.salesgen/manifest-changes", &len));
	S_golden("manifest", "manifest-4");
	S_read_back("manifest");
	s = S_build(o, fixed, 5);
	assert_int_equal(s.built, 0);
	S_golden("manifest", "manifest-4");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, NULL);
}
