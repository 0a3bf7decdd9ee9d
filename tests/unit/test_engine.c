/*
 * test_engine.c - the build engine: what rebuilds after which edit, what is
 * removed, atomic and confined writes, failures that stay alone, budgets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

#include "base/alloc.h"
#include "base/fs.h"
#include "engine/engine.h"

static char S_root[256];

/* root/rel, kept until the end of the tests (options hold these). */
static char *S_keep[4096];
static size_t S_kept;

static char *S_at(const char *rel)
{
	char b[512];
	snprintf(b, sizeof b, "%s/%s", S_root, rel);
	assert_true(S_kept < sizeof S_keep / sizeof *S_keep);
	return S_keep[S_kept++] = sg_xstrdup(b);
}

static void S_put(const char *rel, const char *text)
{
	assert_int_equal(sg_file_write_atomic(S_at(rel), text, strlen(text)), 0);
}

static char *S_get(const char *rel)
{
	size_t len;
	return sg_test_read_file(S_at(rel), &len);
}

static int S_setup(void **state)
{
	(void)state;
	snprintf(S_root, sizeof S_root, "%s/sg-engine-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(S_root));
	S_put("in/a.txt", "alpha\n");
	S_put("in/b.txt", "beta\n");
	S_put("in/shared.txt", "shared\n");
	return 0;
}

static int S_teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_root);
	for (size_t i = 0; i < S_kept; i++)
		free(S_keep[i]);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- producers */

/* The output is its inputs' text, concatenated: arg is a NULL-ended list of
 * content paths. */
static int S_concat(const sg_produce *p, sg_buf *out)
{
	const char *const *files = p->arg;
	sg_buf b;
	sg_buf_init(&b);
	int rc = 0;
	for (; *files; files++) {
		char *path = sg_path_join(S_at("in"), *files);
		if (sg_file_read(path, 1 << 20, &b, p->d) != 0)
			rc = -1;
		sg_buf_put(out, b.data, b.len);
		free(path);
	}
	sg_buf_dispose(&b);
	return rc;
}

static int S_fail(const sg_produce *p, sg_buf *out)
{
	(void)out;
	sg_error(p->d, sg_pos_make(p->source, 3, 7), "this one is broken");
	return -1;
}

static int S_sleep(const sg_produce *p, sg_buf *out)
{
	(void)p;
	sleep(30);
	sg_buf_puts(out, "late");
	return 0;
}

static int S_hog(const sg_produce *p, sg_buf *out)
{
	(void)p;
	for (int i = 0; i < 64; i++) {
		char *m = sg_xmalloc(64u << 20);
		memset(m, i, 64u << 20);
		/* leaked on purpose: the worker dies before it matters */
	}
	sg_buf_puts(out, "fat");
	return 0;
}

/* Work that never ends, as a pathological input would give: only the time
 * budget stops it. */
static int S_pathological(const sg_produce *p, sg_buf *out)
{
	(void)p;
	(void)out;
	for (volatile unsigned long i = 0;; i++)
		;
	return 0;
}

/* ---------------------------------------------------------------- a build */

static const char *A[] = {"a.txt", "shared.txt", NULL};
static const char *B[] = {"b.txt", "shared.txt", NULL};
static const char *ALL[] = {"a.txt", "b.txt", "shared.txt", NULL};

typedef struct spec {
	const char *kind, *path, *group;
	const char **files;
	sg_produce_fn fn;
} spec;

static sg_engine_opts S_opts(void)
{
	sg_engine_opts o = {
		.out_dir = S_at("out"),
		.content_dir = S_at("in"),
		.jobs = 2,
		.mode = SG_JOBS_THREADS,
		.verbosity = 0,
	};
	return o;
}

/* Runs one build of the given targets; returns the engine (to inspect). */
static sg_engine *S_build(const sg_engine_opts *o, const spec *specs, size_t n, int *rc)
{
	sg_diags d;
	sg_diags_init(&d);
	sg_engine *e = sg_engine_new(o);
	for (size_t i = 0; i < n; i++) {
		sg_target *t = sg_engine_add(e, specs[i].kind, specs[i].path,
					     specs[i].fn ? specs[i].fn : S_concat,
					     (void *)specs[i].files);
		sg_target_group(t, specs[i].group);
		sg_target_source(t, specs[i].path);
		for (const char **f = specs[i].files; f && *f; f++)
			sg_target_input_content(t, *f);
	}
	*rc = sg_engine_run(e, NULL, &d);
	if (getenv("SG_TEST_VERBOSE"))
		sg_diags_print(&d, stderr);
	sg_diags_dispose(&d);
	return e;
}

/* The status of path in e's results, or -1 when absent. */
static int S_status(const sg_engine *e, const char *path, const char **why)
{
	for (size_t i = 0; i < sg_engine_result_count(e); i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		if (strcmp(r.path, path) == 0) {
			if (why)
				*why = r.why;
			return (int)r.status;
		}
	}
	return -1;
}

static const spec S_three[] = {
	{"cost", "costs/a.json", "a", A, NULL},
	{"cost", "costs/b.json", "b", B, NULL},
	{"report", "reports/pipeline.txt", NULL, ALL, NULL},
};

static void test_incremental(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	int rc;
	sg_engine *e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_BUILT);
	assert_int_equal(S_status(e, "reports/pipeline.txt", NULL), SG_STATUS_BUILT);
	sg_engine_free(e);
	char *s = S_get("out/costs/a.json");
	assert_string_equal(s, "alpha\nshared\n");
	free(s);

	/* Nothing changed: nothing built. */
	e = S_build(&o, S_three, 3, &rc);
	sg_summary sum;
	sg_engine_summary(e, &sum);
	assert_int_equal(sum.built, 0);
	assert_int_equal(sum.unchanged, 3);
	sg_engine_free(e);

	/* One input edited: its own output and the one that lists all. */
	S_put("in/a.txt", "alpha two\n");
	const char *why;
	e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(S_status(e, "costs/a.json", &why), SG_STATUS_BUILT);
	assert_string_equal(why, "a.txt");
	assert_int_equal(S_status(e, "costs/b.json", NULL), SG_STATUS_UNCHANGED);
	assert_int_equal(S_status(e, "reports/pipeline.txt", NULL), SG_STATUS_BUILT);
	sg_engine_free(e);

	/* The shared input: everything. */
	S_put("in/shared.txt", "shared two\n");
	e = S_build(&o, S_three, 3, &rc);
	sg_engine_summary(e, &sum);
	assert_int_equal(sum.built, 3);
	sg_engine_free(e);

	/* An output changed by hand, and one deleted: rebuilt, and said why. */
	S_put("out/costs/b.json", "hand made\n");
	assert_int_equal(unlink(S_at("out/reports/pipeline.txt")), 0);
	e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(S_status(e, "costs/b.json", &why), SG_STATUS_BUILT);
	assert_string_equal(why, "changed by hand");
	assert_int_equal(S_status(e, "reports/pipeline.txt", &why), SG_STATUS_BUILT);
	assert_string_equal(why, "missing");
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_UNCHANGED);
	sg_engine_free(e);
	s = S_get("out/costs/b.json");
	assert_string_equal(s, "beta\nshared two\n");
	free(s);

	/* --clean: everything again. */
	o.clean = true;
	e = S_build(&o, S_three, 3, &rc);
	sg_engine_summary(e, &sum);
	assert_int_equal(sum.built, 3);
	sg_engine_free(e);
}

/* An output whose inputs are all as recorded but one fewer (a theme file
 * no longer found, a file gone from a listing) is built, and the report
 * names the input it lost: "an input was removed" left a build that
 * rebuilt every PDF (the theme's pdf.yaml left out) to be guessed at. */
static void test_input_left_out(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-left-out");
	int rc;
	sg_engine *e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(rc, 0);
	sg_engine_free(e);
	static const spec fewer[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"cost", "costs/b.json", "b", B, NULL},
		{"report", "reports/pipeline.txt", NULL, A, NULL},
	};
	const char *why;
	e = S_build(&o, fewer, 3, &rc);
	assert_int_equal(S_status(e, "reports/pipeline.txt", &why), SG_STATUS_BUILT);
	assert_string_equal(why, "no longer an input: b.txt");
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_UNCHANGED);
	sg_engine_free(e);
}

/* A target that is gone: its output removed, its empty folder too; but a
 * file salesgen did not write, or one changed by hand, is left. */
static void test_removal(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-rm");
	const spec four[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"cost", "costs/b.json", "b", B, NULL},
		{"proposal", "proposals/x/a.txt", "a", A, NULL},
		{"report", "reports/pipeline.txt", NULL, ALL, NULL},
	};
	int rc;
	sg_engine_free(S_build(&o, four, 4, &rc));
	S_put("out-rm/costs/mine.json", "not salesgen's\n");
	S_put("out-rm/reports/pipeline.txt", "edited\n"); /* changed by hand */

	/* Same build, without b, the proposal and the pipeline. */
	sg_engine *e = S_build(&o, four, 1, &rc);
	assert_int_equal(S_status(e, "costs/b.json", NULL), SG_STATUS_REMOVED);
	assert_int_equal(S_status(e, "proposals/x/a.txt", NULL), SG_STATUS_REMOVED);
	assert_int_equal(S_status(e, "reports/pipeline.txt", NULL), SG_STATUS_KEPT);
	sg_engine_free(e);
	struct stat st;
	assert_int_equal(stat(S_at("out-rm/costs/b.json"), &st), -1);
	assert_int_equal(stat(S_at("out-rm/proposals"), &st), -1); /* empty folders go */
	assert_int_equal(stat(S_at("out-rm/costs/mine.json"), &st), 0);
	assert_int_equal(stat(S_at("out-rm/reports/pipeline.txt"), &st), 0);
	assert_int_equal(stat(S_at("out-rm/costs/a.json"), &st), 0);
}

/* --only, --customer and --shard never remove or rebuild what is not
 * theirs; shards together build everything once. */
static void test_scope_and_shards(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-scope");
	int rc;
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	S_put("in/b.txt", "beta three\n");
	o.customer = "a";
	sg_engine *e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(S_status(e, "costs/b.json", NULL), SG_STATUS_SKIPPED);
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_UNCHANGED);
	sg_engine_free(e);
	/* --only costs with b's target gone: the report is not touched. */
	o.customer = NULL;
	o.only = "costs";
	e = S_build(&o, S_three, 1, &rc);
	assert_int_equal(S_status(e, "costs/b.json", NULL), SG_STATUS_REMOVED);
	assert_int_equal(S_status(e, "reports/pipeline.txt", NULL), -1);
	sg_engine_free(e);
	struct stat st;
	assert_int_equal(stat(S_at("out-scope/reports/pipeline.txt"), &st), 0);

	/* Shards. */
	o.only = NULL;
	o.out_dir = S_at("out-shards");
	spec many[40];
	char paths[40][32];
	for (int i = 0; i < 40; i++) {
		snprintf(paths[i], sizeof paths[i], "costs/c%02d.json", i);
		many[i] = (spec){"cost", paths[i], NULL, A, NULL};
	}
	int seen[40] = {0};
	for (unsigned k = 1; k <= 3; k++) {
		o.shard = (sg_shard){k, 3};
		e = S_build(&o, many, 40, &rc);
		for (int i = 0; i < 40; i++)
			if (S_status(e, paths[i], NULL) == SG_STATUS_BUILT)
				seen[i]++;
		sg_engine_free(e);
	}
	for (int i = 0; i < 40; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(stat(S_at("out-shards/.salesgen/manifest-2-of-3"), &st), 0);
	/* A shard build of fewer targets removes only its own gone outputs. */
	o.shard = (sg_shard){1, 3};
	e = S_build(&o, many, 1, &rc);
	int mine = 0;
	for (int i = 1; i < 40; i++) {
		sg_shard s1 = {1, 3};
		if (sg_shard_has(s1, paths[i])) {
			mine++;
			assert_int_equal(S_status(e, paths[i], NULL), SG_STATUS_REMOVED);
		} else {
			char rel[64];
			snprintf(rel, sizeof rel, "out-shards/%s", paths[i]);
			assert_int_equal(stat(S_at(rel), &st), 0);
		}
	}
	assert_true(mine > 3);
	sg_engine_free(e);
}

/* A failing producer fails its own output only; the old file stays, and the
 * output is tried again next time. */
static void test_failure_alone(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-fail");
	int rc;
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	spec broken[3];
	memcpy(broken, S_three, sizeof broken);
	broken[0].fn = S_fail;
	S_put("in/a.txt", "alpha three\n");
	sg_engine *e = S_build(&o, broken, 3, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, "reports/pipeline.txt", NULL), SG_STATUS_BUILT);
	sg_result r;
	sg_engine_result(e, 0, &r);
	assert_string_equal(r.path, "costs/a.json");
	assert_int_equal(r.diags->count, 1);
	assert_int_equal(r.diags->items[0].line, 3);
	sg_engine_free(e);
	char *s = S_get("out-fail/costs/a.json");
	assert_non_null(strstr(s, "alpha\n") ? s : strstr(s, "alpha two"));
	assert_null(strstr(s, "three"));
	free(s);
	/* Fixed: rebuilt although its inputs did not change since. */
	e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(rc, 0);
	const char *why;
	assert_int_equal(S_status(e, "costs/a.json", &why), SG_STATUS_BUILT);
	assert_string_equal(why, "failed before");
	sg_engine_free(e);
}

/* Outputs stay in the output folder: no escaping path, no symbolic link
 * followed, no temporary file left. */
static void test_confined(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-link");
	S_put("outside/victim.txt", "keep me\n");
	assert_int_equal(sg_mkdir_p(S_at("out-link/costs")), 0);
	assert_int_equal(symlink(S_at("outside/victim.txt"), S_at("out-link/costs/a.json")), 0);
	assert_int_equal(symlink(S_at("outside"), S_at("out-link/linked")), 0);
	const spec bad[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"cost", "linked/b.json", "b", B, NULL},
		{"cost", "../escape.json", NULL, A, NULL},
		{"cost", ".salesgen/manifest", NULL, A, NULL},
		{"report", "reports/ok.txt", NULL, ALL, NULL},
	};
	int rc;
	sg_engine *e = S_build(&o, bad, 5, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, "linked/b.json", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, "../escape.json", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, ".salesgen/manifest", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, "reports/ok.txt", NULL), SG_STATUS_BUILT);
	sg_engine_free(e);
	char *s = S_get("outside/victim.txt");
	assert_string_equal(s, "keep me\n");
	free(s);
	struct stat st;
	assert_int_equal(stat(S_at("outside/b.json"), &st), -1);
	assert_int_equal(stat(S_at("escape.json"), &st), -1);
	assert_int_equal(lstat(S_at("out-link/costs/a.json"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* The temporary folder is empty after a build. */
	char **left;
	size_t n = sg_dir_list(S_at("out-link/.salesgen/tmp"), "", &left);
	sg_path_list_free(left, n);
	assert_int_equal(n, 0);
}

/* Threads and processes give the same bytes and the same results. */
static void test_threads_and_processes(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	int rc;
	o.out_dir = S_at("out-t");
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	o.out_dir = S_at("out-p");
	o.mode = SG_JOBS_PROCESSES;
	o.budget_time = 10;
	sg_engine *e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(rc, 0);
	sg_summary s;
	sg_engine_summary(e, &s);
	assert_true(s.processes);
	assert_int_equal(s.built, 3);
	sg_engine_free(e);
	const char *files[] = {"costs/a.json", "costs/b.json", "reports/pipeline.txt",
			       ".salesgen/manifest"};
	for (size_t i = 0; i < 4; i++) {
		char t[64], p[64];
		snprintf(t, sizeof t, "out-t/%s", files[i]);
		snprintf(p, sizeof p, "out-p/%s", files[i]);
		char *x = S_get(t), *y = S_get(p);
		assert_non_null(x);
		assert_non_null(y);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
}

/* A producer that never ends, one that eats memory and a pathological
 * Markdown file each fail alone, by name, within their budget. */
static void test_budgets(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-budget");
	o.mode = SG_JOBS_PROCESSES;
	o.budget_time = 1.0;
	o.budget_memory = 256u << 20;
	const spec specs[] = {
		{"cost", "costs/a.json", "a", A, NULL},
		{"proposal", "proposals/slow.pdf", "slow", NULL, S_sleep},
		{"proposal", "proposals/fat.pdf", "fat", NULL, S_hog},
		{"page", "site/notes.html", "md", NULL, S_pathological},
		{"cost", "costs/b.json", "b", B, NULL},
	};
	int rc;
	sg_engine *e = S_build(&o, specs, 5, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(S_status(e, "costs/a.json", NULL), SG_STATUS_BUILT);
	assert_int_equal(S_status(e, "costs/b.json", NULL), SG_STATUS_BUILT);
	assert_int_equal(S_status(e, "proposals/slow.pdf", NULL), SG_STATUS_FAILED);
	assert_int_equal(S_status(e, "site/notes.html", NULL), SG_STATUS_FAILED);
#if !defined(__SANITIZE_ADDRESS__)
	assert_int_equal(S_status(e, "proposals/fat.pdf", NULL), SG_STATUS_FAILED);
#endif
	for (size_t i = 0; i < sg_engine_result_count(e); i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		if (strcmp(r.path, "proposals/slow.pdf") == 0 ||
		    strcmp(r.path, "site/notes.html") == 0) {
			assert_int_equal(r.diags->count, 1);
			assert_string_equal(r.diags->items[0].path, r.path);
			assert_non_null(strstr(r.diags->items[0].message, "time budget"));
			assert_non_null(strstr(r.diags->items[0].message, r.path));
		}
	}
	sg_engine_free(e);
#if !defined(__SANITIZE_ADDRESS__)
	/* A budget that is not a whole number of MiB is said as it was given,
	 * in MiB. */
	o.out_dir = S_at("out-budget-small");
	o.budget_memory = 512u << 10;
	sg_diags d;
	sg_diags_init(&d);
	e = sg_engine_new(&o);
	sg_engine_add(e, "proposal", "proposals/fat.pdf", S_hog, NULL);
	assert_int_equal(sg_engine_run(e, NULL, &d), 1);
	bool said = false;
	for (size_t i = 0; i < d.count; i++)
		said = said || strstr(d.items[i].message, "over its memory budget of 0.5 MiB");
	assert_true(said);
	sg_engine_free(e);
	sg_diags_dispose(&d);
#endif
}

/* 48 MiB of fresh address space (malloc could take it from the free heap
 * the worker inherited), touched; stops as an allocator out of memory does. */
static int S_hog48(const sg_produce *p, sg_buf *out)
{
	(void)p;
	size_t len = (size_t)48 << 20;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		abort();
	memset(m, 1, len);
	munmap(m, len);
	sg_buf_puts(out, "48");
	return 0;
}

/* An output that lists many files has a budget that grows with them: 4,096
 * listed files give 32 MiB more (SG_BUDGET_MEMORY_PER_LISTED), enough for a
 * job of 48 MiB that a 32 MiB budget stops in an output that lists none. */
static void test_listed_budget(void **state)
{
	(void)state;
#if !defined(__SANITIZE_ADDRESS__)
	enum { LISTED = 4096 };
	assert_int_equal(LISTED * SG_BUDGET_MEMORY_PER_LISTED, 32u << 20);
	for (int i = 0; i < LISTED; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/in/many/%04d.txt", S_root, i);
		assert_int_equal(sg_file_write_atomic(path, "x\n", 2), 0);
	}
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-listed-budget");
	o.mode = SG_JOBS_PROCESSES;
	o.budget_memory = 32u << 20;
	sg_diags d;
	sg_diags_init(&d);
	sg_engine *e = sg_engine_new(&o);
	sg_target *list = sg_engine_add(e, "report", "reports/list.txt", S_hog48, NULL);
	for (int i = 0; i < LISTED; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "many/%04d.txt", i);
		sg_target_input_listed(list, rel);
	}
	sg_engine_add(e, "report", "reports/alone.txt", S_hog48, NULL);
	assert_int_equal(sg_engine_run(e, NULL, &d), 1);
	assert_int_equal(S_status(e, "reports/list.txt", NULL), SG_STATUS_BUILT);
	assert_int_equal(S_status(e, "reports/alone.txt", NULL), SG_STATUS_FAILED);
	bool said = false;
	for (size_t i = 0; i < d.count; i++)
		said = said || strstr(d.items[i].message, "over its memory budget of 32 MiB");
	assert_true(said);
	sg_engine_free(e);
	sg_diags_dispose(&d);
#endif
}

/* A second build of the same shard into the same folder, while one runs,
 * stops at once rather than sweep the first one's temporary files. */
static void test_lock(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-lock");
	int rc;
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	assert_int_equal(rc, 0);
	int fd = open(S_at("out-lock/.salesgen/lock"), O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	assert_int_equal(rc, 2);
	/* Another shard has its own lock. */
	o.shard = (sg_shard){1, 2};
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	assert_int_equal(rc, 0);
	close(fd);
	o.shard = (sg_shard){0, 0};
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	assert_int_equal(rc, 0);
}

/* The manifest and the stat cache are files in the output folder, which a
 * restored CI cache can bring back from anywhere: a record naming a file of
 * the user's, with a cached hash made to match the file's size, time and
 * inode, still does not get it deleted. Only bytes read now that have the
 * recorded hash do. */
static void test_forged_records(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-forged");
	int rc;
	sg_engine_free(S_build(&o, S_three, 3, &rc));
	assert_int_equal(rc, 0);
	S_put("out-forged/costs/mine.json", "the user's own file\n");
	const char *forged = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct stat st;
	assert_int_equal(stat(S_at("out-forged/costs/mine.json"), &st), 0);
	FILE *f = fopen(S_at("out-forged/.salesgen/manifest"), "a");
	assert_non_null(f);
	fprintf(f, "O %s %lld cost mine costs/mine.json\nI %s a.txt\n", forged,
		(long long)st.st_size, forged);
	fclose(f);
	f = fopen(S_at("out-forged/.salesgen/cache"), "a");
	assert_non_null(f);
	fprintf(f, "%s %lld %lld %lld %llu out:costs/mine.json\n", forged, (long long)st.st_size,
		(long long)st.st_mtim.tv_sec, (long long)st.st_mtim.tv_nsec,
		(unsigned long long)st.st_ino);
	fclose(f);

	sg_engine *e = S_build(&o, S_three, 3, &rc);
	assert_int_equal(S_status(e, "costs/mine.json", NULL), SG_STATUS_KEPT);
	sg_engine_free(e);
	char *text = S_get("out-forged/costs/mine.json");
	assert_non_null(text);
	assert_string_equal(text, "the user's own file\n");
	free(text);
}

/* ---------------------------------------------------------------- changes */

#define S_MANY 40

/* S_MANY outputs, costs/cNN.json made from cNN.txt, and a list made from
 * all of them: the first n. */
static sg_engine *S_build_many(const sg_engine_opts *o, size_t n, int *rc)
{
	static char names[S_MANY][32], paths[S_MANY][40];
	static const char *files[S_MANY][2], *all[S_MANY + 1];
	spec specs[S_MANY + 1];
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "c%02zu.txt", i);
		snprintf(paths[i], sizeof paths[i], "costs/c%02zu.json", i);
		files[i][0] = all[i] = names[i];
		files[i][1] = NULL;
		specs[i] = (spec){"cost", paths[i], NULL, files[i], NULL};
	}
	all[n] = NULL;
	specs[n] = (spec){"report", "reports/list.txt", NULL, all, NULL};
	return S_build(o, specs, n + 1, rc);
}

/* The bytes of rel, or NULL when it is missing; *len its length. */
static char *S_get_len(const char *rel, size_t *len)
{
	return sg_test_read_file(S_at(rel), len);
}

static void S_assert_built(sg_engine *e, size_t built)
{
	sg_summary sum;
	sg_engine_summary(e, &sum);
	assert_int_equal(sum.built, built);
	assert_int_equal(sum.failed, 0);
	sg_engine_free(e);
}

/* After one edit among many outputs, the manifest stays as it was and
 * its changes go to manifest-changes; the records read back are the
 * manifest's with the changes laid over it. A changes file that is broken,
 * or left from before the manifest was written whole (a build killed
 * between the two), only makes outputs be built again: never one that is
 * out of date kept. */
static void test_manifest_changes(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-changes");
	char rel[64];
	for (size_t i = 0; i < S_MANY; i++) {
		snprintf(rel, sizeof rel, "in/c%02zu.txt", i);
		S_put(rel, "one\n");
	}
	int rc;
	S_assert_built(S_build_many(&o, S_MANY, &rc), S_MANY + 1);
	size_t len, len2;
	char *manifest = S_get_len("out-changes/.salesgen/manifest", &len);
	assert_non_null(manifest);
	assert_null(S_get_len("out-changes/.salesgen/manifest-changes", &len2));

	/* One edit: two outputs, written as changes; the manifest as it was. */
	S_put("in/c07.txt", "two\n");
	S_assert_built(S_build_many(&o, S_MANY, &rc), 2);
	char *now = S_get_len("out-changes/.salesgen/manifest", &len2);
	assert_true(len2 == len && memcmp(now, manifest, len) == 0);
	free(now);
	char *changes = S_get_len("out-changes/.salesgen/manifest-changes", &len2);
	assert_non_null(changes);
	assert_non_null(strstr(changes, " costs/c07.json\n"));
	assert_null(strstr(changes, " costs/c08.json\n"));
	S_assert_built(S_build_many(&o, S_MANY, &rc), 0);

	/* A target gone: its output removed, and an R line for it. */
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 1);
	char *text = S_get_len("out-changes/.salesgen/manifest-changes", &len2);
	assert_non_null(strstr(text, "\nR costs/c39.json\n"));
	free(text);
	assert_int_equal(access(S_at("out-changes/costs/c39.json"), F_OK), -1);
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 0);

	/* A broken changes file: the manifest alone; what changed since is
	 * built again. */
	S_put("out-changes/.salesgen/manifest-changes", "nonsense\n");
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 2);
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 0);

	/* Changes past a quarter of the manifest: written whole, no changes. */
	for (size_t i = 0; i < S_MANY / 2; i++) {
		snprintf(rel, sizeof rel, "in/c%02zu.txt", i);
		S_put(rel, "three\n");
	}
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), S_MANY / 2 + 1);
	assert_null(S_get_len("out-changes/.salesgen/manifest-changes", &len2));

	/* The changes of before, as a build killed after writing the manifest
	 * whole would leave them: outputs built again, none left stale. */
	S_put("out-changes/.salesgen/manifest-changes", changes);
	S_put("in/c07.txt", "four\n");
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 2);
	text = S_get("out-changes/costs/c07.json");
	assert_string_equal(text, "four\n");
	free(text);
	text = S_get("out-changes/costs/c05.json");
	assert_string_equal(text, "three\n");
	free(text);
	S_assert_built(S_build_many(&o, S_MANY - 1, &rc), 0);
	free(changes);
	free(manifest);
}

/* An output folder that cannot be used says which of its files and why. */
/* ---------------------------------------------------------------- order */

/* Appends the output's path to order.log (in a thread or in a worker), then
 * makes it as S_concat does. */
static int S_logged(const sg_produce *p, sg_buf *out)
{
	char line[256];
	int n = snprintf(line, sizeof line, "%s\n", p->path);
	int fd = open(S_at("order.log"), O_WRONLY | O_CREAT | O_APPEND, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, line, (size_t)n), n);
	close(fd);
	return S_concat(p, out);
}

/* The jobs start heaviest first, then by path: an output that lists every
 * file (or says it is heavy) starts before the short ones whose paths sort
 * ahead of it, instead of last and alone. Path order alone (as before)
 * started it last. */
static void test_heaviest_first(void **state)
{
	(void)state;
	static const char *const paths[] = {
		"a/1.txt", "a/2.txt", "reports/list.txt", "site/heavy.txt", "site/list.txt",
	};
	for (int round = 0; round < 2; round++) {
		sg_engine_opts o = S_opts();
		o.out_dir = S_at(round ? "out-order-p" : "out-order-t");
		o.jobs = 1; /* one worker: the order the jobs start in, one by one */
		o.mode = round ? SG_JOBS_PROCESSES : SG_JOBS_THREADS;
		unlink(S_at("order.log"));
		sg_diags d;
		sg_diags_init(&d);
		sg_engine *e = sg_engine_new(&o);
		for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
			sg_target *t = sg_engine_add(e, "report", paths[i], S_logged, (void *)A);
			sg_target_input_content(t, "a.txt");
			if (strstr(paths[i], "list")) {
				/* reports/list.txt lists three files, site/list.txt two */
				sg_target_input_listed(t, "a.txt");
				sg_target_input_listed(t, "b.txt");
				if (paths[i][0] == 'r')
					sg_target_input_listed(t, "shared.txt");
			}
			if (strstr(paths[i], "heavy"))
				sg_target_weight(t, 100);
		}
		assert_int_equal(sg_engine_run(e, NULL, &d), 0);
		sg_diags_dispose(&d);
		char *log = S_get("order.log");
		assert_string_equal(log, "site/heavy.txt\nreports/list.txt\nsite/list.txt\n"
					 "a/1.txt\na/2.txt\n");
		free(log);
		/* The results stay in path order. */
		sg_result r;
		sg_engine_result(e, 0, &r);
		assert_string_equal(r.path, "a/1.txt");
		sg_engine_result(e, 4, &r);
		assert_string_equal(r.path, "site/list.txt");
		sg_engine_free(e);
	}
}

/* A state file streamed (sg_engine_state_stream): the pieces in order, read
 * back whole; a fill that fails leaves the file as it was. */
static int S_fill_three(void *arg, sg_sink_fn put, void *sink)
{
	const char *fail = arg;
	if (put(sink, "one ", 4) != 0 || put(sink, "two ", 4) != 0)
		return -1;
	return fail ? -1 : put(sink, "three", 5);
}

static void test_state_stream(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-stream");
	sg_diags d;
	sg_diags_init(&d);
	sg_engine *e = sg_engine_new(&o);
	assert_int_not_equal(sg_engine_state_stream(e, "notes", S_fill_three, NULL), 0);
	assert_int_equal(sg_engine_open(e, &d), 0);
	assert_int_equal(sg_engine_state_stream(e, "notes", S_fill_three, NULL), 0);
	sg_buf b;
	sg_buf_init(&b);
	assert_int_equal(sg_engine_state_load(e, "notes", &b), 0);
	assert_int_equal(b.len, 13);
	assert_memory_equal(b.data, "one two three", 13);
	assert_int_equal(sg_engine_state_stream(e, "notes", S_fill_three, "fail"), -1);
	assert_int_equal(sg_engine_state_load(e, "notes", &b), 0);
	assert_int_equal(b.len, 13);
	assert_memory_equal(b.data, "one two three", 13);
	sg_buf_dispose(&b);
	sg_engine_free(e);
	sg_diags_dispose(&d);
}

static void test_unusable_folder(void **state)
{
	(void)state;
	sg_engine_opts o = S_opts();
	o.out_dir = S_at("out-unusable");
	/* Works as root too: a folder where the lock file goes. */
	char *lock = S_at("out-unusable/.salesgen/lock");
	assert_int_equal(sg_mkdir_p(lock), 0);
	sg_diags d;
	sg_diags_init(&d);
	sg_engine *e = sg_engine_new(&o);
	assert_int_equal(sg_engine_run(e, NULL, &d), 2);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "cannot write the output folder: "));
	assert_non_null(strstr(d.items[0].message, ".salesgen/lock: it is a folder, not a file"));
	sg_engine_free(e);
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_input_left_out),
		cmocka_unit_test(test_removal),
		cmocka_unit_test(test_scope_and_shards),
		cmocka_unit_test(test_failure_alone),
		cmocka_unit_test(test_confined),
		cmocka_unit_test(test_threads_and_processes),
		cmocka_unit_test(test_budgets),
		cmocka_unit_test(test_listed_budget),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_forged_records),
		cmocka_unit_test(test_manifest_changes),
		cmocka_unit_test(test_unusable_folder),
		cmocka_unit_test(test_state_stream),
		cmocka_unit_test(test_heaviest_first),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, S_teardown);
}
