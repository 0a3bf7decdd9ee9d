/* Unit tests of model/doc: loading Markdown documents with and without front
 * matter, the fallback titles, and field validation with lines. Fixtures are
 * in tests/data/markdown/. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include <pthread.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "model/doc.h"

#define FIXTURE(name) SG_TEST_DATA "/markdown/" name

typedef struct fixture {
	sg_arena a;
	sg_diags d;
	sg_doc *docs[64]; /* loaded: disposed at the end (their trees) */
	size_t ndocs;
} fixture;

static int setup(void **state)
{
	static fixture f;
	f.ndocs = 0;
	sg_arena_init(&f.a);
	sg_diags_init(&f.d);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	for (size_t i = 0; i < f->ndocs; i++)
		sg_doc_dispose(f->docs[i]);
	sg_diags_dispose(&f->d);
	sg_arena_dispose(&f->a);
	return 0;
}

/* Asserts that error number i of d is at line:col (col -1: any) and contains
 * part. */
static void expect_error(const sg_diags *d, size_t i, int line, int col, const char *part)
{
	if (i >= d->count || d->items[i].line != line || (col >= 0 && d->items[i].col != col) ||
	    !strstr(d->items[i].message, part)) {
		for (size_t k = 0; k < d->count; k++)
			fprintf(stderr, "  got %s:%d:%d: %s\n", d->items[k].path, d->items[k].line,
				d->items[k].col, d->items[k].message);
		fail_msg("expected error %zu at %d:%d containing '%s'", i, line, col, part);
	}
}

/* sg_doc_load, the document kept for teardown. */
static sg_doc *S_load(fixture *f, const char *path, sg_doc_kind kind, const char *lang,
		      sg_diags *d)
{
	sg_doc *doc = sg_doc_load(&f->a, path, kind, lang, d);
	if (doc && f->ndocs < sizeof f->docs / sizeof *f->docs)
		f->docs[f->ndocs++] = doc;
	return doc;
}

static sg_doc *load_text(fixture *f, const char *name, const char *text, sg_doc_kind kind)
{
	const char *path = sg_test_write_temp(0, name, text);
	assert_non_null(path);
	return S_load(f, path, kind, "zh-CN", &f->d);
}

static void test_full_front_matter(void **state)
{
	fixture *f = *state;
	sg_doc *doc = S_load(f, FIXTURE("playbook-full.md"), SG_DOC_PLAYBOOK, "zh-CN",
				  &f->d);
	assert_int_equal(f->d.count, 0);
	assert_non_null(doc);
	assert_string_equal(doc->slug, "playbook-full");
	assert_int_equal(doc->kind, SG_DOC_PLAYBOOK);
	assert_string_equal(doc->title, "Handling the \"we already own servers\" objection");
	assert_string_equal(doc->lang, "en");
	assert_int_equal(doc->order, 3);
	assert_int_equal(doc->tag_count, 2);
	assert_string_equal(doc->tags[0], "objections");
	assert_string_equal(doc->tags[1], "self-hosted");
	assert_string_equal(doc->summary,
			    "What to say when IT argues the hardware is already paid for.");
	assert_int_equal(doc->audience, SG_AUDIENCE_INTERNAL);
	/* Keys the loader does not know stay in the map for templates. */
	assert_string_equal(sg_map_get(doc->front, "owner")->u.str.s, "li.wei");
	assert_int_equal(sg_map_get(doc->front, "order")->line, 5);
	/* The body starts right after the closing line. */
	assert_int_equal(doc->body_line, 13);
	assert_int_equal(strncmp(doc->body, "# Why sunk cost", 15), 0);
	assert_int_equal(doc->body_len, strlen(doc->body));
	assert_string_equal(doc->pos.path, doc->path);
	assert_int_equal(doc->pos.line, 1);
}

static void test_title_from_heading(void **state)
{
	fixture *f = *state;
	sg_doc *doc = S_load(f, FIXTURE("self-hosted-notes.md"), SG_DOC_PLAYBOOK, "en",
				  &f->d);
	assert_non_null(doc);
	assert_int_equal(f->d.count, 0);
	assert_string_equal(doc->title, "自建邮件系统的隐性成本 要点");
	/* No front matter: an empty map, the site's language, the defaults. */
	assert_non_null(doc->front);
	assert_int_equal(doc->front->kind, SG_VAL_MAP);
	assert_int_equal(doc->front->u.items.count, 0);
	assert_string_equal(doc->lang, "en");
	assert_int_equal(doc->order, 0);
	assert_int_equal(doc->tag_count, 0);
	assert_null(doc->summary);
	assert_int_equal(doc->body_line, 1);
	assert_int_equal(strncmp(doc->body, "这份笔记", strlen("这份笔记")), 0);

	/* A '---' thematic break on line 1 without YAML after it. */
	doc = S_load(f, FIXTURE("thematic-break.md"), SG_DOC_PLAYBOOK, "zh-CN", &f->d);
	assert_non_null(doc);
	assert_int_equal(f->d.count, 0);
	assert_string_equal(doc->title, "分隔线之后的标题");
	assert_int_equal(doc->body_line, 1);
	assert_int_equal(strncmp(doc->body, "---\n", 4), 0);
}

static void test_title_from_name(void **state)
{
	fixture *f = *state;
	sg_doc *doc = S_load(f, FIXTURE("objection_handling-tips.md"), SG_DOC_PLAYBOOK,
				  NULL, &f->d);
	assert_non_null(doc);
	assert_int_equal(f->d.count, 0);
	assert_string_equal(doc->title, "objection handling tips");
	assert_string_equal(doc->slug, "objection_handling-tips");
	/* Neither the document nor the site names a language. */
	assert_string_equal(doc->lang, "zh-CN");

	/* Front matter without a title still falls back to the heading. */
	doc = load_text(f, "no-title.md", "---\nlang: en\n---\n\nSetext title\n---\n",
			SG_DOC_CASE);
	assert_non_null(doc);
	assert_string_equal(doc->title, "Setext title");
}

static void test_bom_crlf(void **state)
{
	fixture *f = *state;
	sg_doc *doc = S_load(f, FIXTURE("bom-crlf.md"), SG_DOC_CASE, "en", &f->d);
	assert_non_null(doc);
	assert_int_equal(f->d.count, 0);
	assert_string_equal(doc->title, "物流企业迁移案例");
	assert_string_equal(doc->lang, "zh-CN");
	assert_int_equal(doc->order, 7);
	/* A single string is a list of one tag. */
	assert_int_equal(doc->tag_count, 1);
	assert_string_equal(doc->tags[0], "物流");
	assert_int_equal(doc->body_line, 7);
	assert_int_equal(strncmp(doc->body, "# 标题", 8), 0);
}

static void test_audience(void **state)
{
	fixture *f = *state;
	static const struct {
		sg_doc_kind kind;
		sg_audience want;
	} defaults[] = {
		{SG_DOC_PROPOSAL, SG_AUDIENCE_CUSTOMER},
		{SG_DOC_PLAYBOOK, SG_AUDIENCE_INTERNAL},
		{SG_DOC_CASE, SG_AUDIENCE_INTERNAL},
		{SG_DOC_REPORT, SG_AUDIENCE_INTERNAL},
	};
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		sg_doc *doc = load_text(f, "aud.md", "# T\n", defaults[i].kind);
		assert_non_null(doc);
		assert_int_equal(doc->audience, defaults[i].want);
	}
	sg_doc *doc = load_text(f, "aud.md", "---\naudience: customer\n---\n", SG_DOC_CASE);
	assert_int_equal(doc->audience, SG_AUDIENCE_CUSTOMER);
	doc = load_text(f, "aud.md", "---\naudience: internal\n---\n", SG_DOC_PROPOSAL);
	assert_int_equal(doc->audience, SG_AUDIENCE_INTERNAL);
	assert_int_equal(f->d.count, 0);

	assert_null(load_text(f, "aud.md", "---\ntitle: x\naudience: Customer\n---\n",
			      SG_DOC_PROPOSAL));
	expect_error(&f->d, 0, 3, 11, "audience must be customer or internal, not 'Customer'");
}

static void test_lang(void **state)
{
	fixture *f = *state;
	sg_doc *doc = load_text(f, "lang.md", "---\nlang: zh-CN\n---\n", SG_DOC_PLAYBOOK);
	assert_string_equal(doc->lang, "zh-CN");
	assert_null(load_text(f, "lang.md", "---\nlang: zh-cn\n---\n", SG_DOC_PLAYBOOK));
	expect_error(&f->d, 0, 2, 7, "lang must be zh-CN or en, not 'zh-cn'");
	assert_null(load_text(f, "lang.md", "---\nlang: [en]\n---\n", SG_DOC_PLAYBOOK));
	expect_error(&f->d, 1, 2, 7, "lang must be a string");
}

static void test_field_types(void **state)
{
	fixture *f = *state;
	/* Every wrong field is reported, each at its own line. */
	assert_null(S_load(f, FIXTURE("case-bad-fields.md"), SG_DOC_CASE, "zh-CN", &f->d));
	assert_int_equal(f->d.count, 5);
	sg_diags_sort(&f->d);
	assert_non_null(strstr(f->d.items[0].path, "case-bad-fields.md"));
	expect_error(&f->d, 0, 2, 8, "title must be a string");
	expect_error(&f->d, 1, 3, 7, "lang must be zh-CN or en");
	expect_error(&f->d, 2, 4, 8, "order must be a whole number");
	expect_error(&f->d, 3, 5, 7, "tags must be a list of strings");
	expect_error(&f->d, 4, 7, 11, "audience must be customer or internal");
}

static void test_field_values(void **state)
{
	fixture *f = *state;
	/* Numbers are accepted where text is expected. */
	sg_doc *doc = load_text(f, "v.md", "---\ntitle: 2024\ntags: [2024, 年度]\norder: -2\n---\n",
				SG_DOC_REPORT);
	assert_non_null(doc);
	assert_string_equal(doc->title, "2024");
	assert_int_equal(doc->tag_count, 2);
	assert_string_equal(doc->tags[0], "2024");
	assert_int_equal(doc->order, -2);
	/* Null means absent. */
	doc = load_text(f, "v.md", "---\ntitle:\nsummary: ~\ntags:\n---\n# 标题\n", SG_DOC_REPORT);
	assert_non_null(doc);
	assert_string_equal(doc->title, "标题");
	assert_null(doc->summary);
	assert_int_equal(doc->tag_count, 0);
	assert_int_equal(f->d.count, 0);

	assert_null(load_text(f, "v.md", "---\ntags:\n  - ok\n  - {k: v}\n  - true\n---\n",
			      SG_DOC_REPORT));
	assert_int_equal(f->d.count, 2);
	expect_error(&f->d, 0, 4, 5, "tags must be a list of strings");
	expect_error(&f->d, 1, 5, 5, "tags must be a list of strings");
	assert_null(load_text(f, "v.md", "---\norder: 99999999999\n---\n", SG_DOC_REPORT));
	expect_error(&f->d, 2, 2, 8, "order must be a whole number");
	assert_null(load_text(f, "v.md", "---\nsummary: false\n---\n", SG_DOC_REPORT));
	expect_error(&f->d, 3, 2, 10, "summary must be a string");
}

static void test_errors(void **state)
{
	fixture *f = *state;
	/* YAML errors are at the file's line, not the block's. */
	assert_null(load_text(f, "e.md", "---\ntitle: a\ntags: [x, y\n---\nbody\n", SG_DOC_PLAYBOOK));
	assert_int_equal(f->d.count, 1);
	/* libyaml notices the missing ']' where the block ends: the closing line. */
	expect_error(&f->d, 0, 4, 1, "flow sequence that starts at line 3");

	assert_null(load_text(f, "e.md", "---\na: &x 1\n---\n", SG_DOC_PLAYBOOK));
	expect_error(&f->d, 1, 2, 4, "anchors");

	/* Invalid UTF-8 in the body, at its line and column (in characters). */
	assert_null(load_text(f, "e.md", "---\ntitle: t\n---\n正文\n第二行\xC3(\n",
			      SG_DOC_PLAYBOOK));
	expect_error(&f->d, 2, 5, 4, "invalid UTF-8");

	/* And in the front matter. */
	assert_null(load_text(f, "e.md", "---\ntitle: \xE4\xB8\n---\n", SG_DOC_PLAYBOOK));
	expect_error(&f->d, 3, 2, 8, "invalid UTF-8");

	/* A missing file. */
	size_t before = f->d.count;
	assert_null(S_load(f, FIXTURE("does-not-exist.md"), SG_DOC_PLAYBOOK, "zh-CN",
				&f->d));
	assert_int_equal(f->d.count, before + 1);
	assert_non_null(strstr(f->d.items[before].path, "does-not-exist.md"));
}

/* A front matter string of only spaces is an error at it, whatever its key:
 * it would print as nothing (a title, a subtitle, a case's customer). A key
 * with no value (`title:`) is null, which counts as left out. */
static void test_blank_strings(void **state)
{
	fixture *f = *state;
	assert_null(load_text(f, "b.md", "---\ntitle: \"   \"\nsubtitle: ''\ntags: [a, \"\u3000\"]\n---\nbody\n",
			      SG_DOC_PLAYBOOK));
	assert_int_equal(f->d.count, 3);
	expect_error(&f->d, 0, 2, 8, "title is empty (only spaces)");
	expect_error(&f->d, 1, 3, 11, "subtitle is empty");
	expect_error(&f->d, 2, 4, 11, "tags is empty (only spaces)");
	sg_doc *doc = load_text(f, "b.md", "---\ntitle:\n---\n# 标题\n", SG_DOC_PLAYBOOK);
	assert_non_null(doc);
	assert_int_equal(f->d.count, 3);
	assert_string_equal(doc->title, "标题");
}

/* ---------------------------------------------------------------- the tree */

/* A document is parsed once for the outputs that read it: kept while more
 * are expected, freed after the last; readers at the same time share it. */
static void test_tree_once(void **state)
{
	fixture *f = *state;
	sg_doc *doc = load_text(f, "t.md", "---\ntitle: 标题\n---\n# 标题\n\n正文。\n",
				SG_DOC_PLAYBOOK);
	assert_non_null(doc);
	size_t parses = sg_doc_tree_parses();
	/* Two outputs planned (a PDF and a page): one parse. */
	sg_doc_tree_expect(doc);
	sg_doc_tree_expect(doc);
	const sg_mdtree *t1 = sg_doc_tree(doc);
	assert_string_equal(sg_mdtree_first_heading_text(t1->root, &f->a), "标题");
	assert_int_equal(sg_mdnode_line(sg_mdnode_first_child(t1->root)), 4); /* the file's */
	sg_doc_tree_release(doc, t1);
	const sg_mdtree *t2 = sg_doc_tree(doc);
	assert_ptr_equal(t2, t1);
	sg_doc_tree_release(doc, t2);
	assert_int_equal(sg_doc_tree_parses(), parses + 1);
	/* None expected: each reader parses, two at once share. */
	t1 = sg_doc_tree(doc);
	t2 = sg_doc_tree(doc);
	assert_ptr_equal(t2, t1);
	sg_doc_tree_release(doc, t1);
	sg_doc_tree_release(doc, t2);
	assert_int_equal(sg_doc_tree_parses(), parses + 2);
	t1 = sg_doc_tree(doc);
	sg_doc_tree_release(doc, t1);
	assert_int_equal(sg_doc_tree_parses(), parses + 3);

	/* A title from the first heading parses as the document loads, and
	 * the outputs use that tree. */
	parses = sg_doc_tree_parses();
	doc = load_text(f, "h.md", "# 来自标题\n\n正文。\n", SG_DOC_PLAYBOOK);
	assert_string_equal(doc->title, "来自标题");
	assert_int_equal(sg_doc_tree_parses(), parses + 1);
	sg_doc_tree_expect(doc);
	t1 = sg_doc_tree(doc);
	sg_doc_tree_release(doc, t1);
	assert_int_equal(sg_doc_tree_parses(), parses + 1);

	/* A document made by hand (no loader) parses for each reader. */
	sg_doc hand;
	memset(&hand, 0, sizeof hand);
	hand.body = "# x\n";
	hand.body_len = 4;
	hand.body_line = 1;
	t1 = sg_doc_tree(&hand);
	assert_non_null(sg_mdnode_first_child(t1->root));
	sg_doc_tree_release(&hand, t1);
}

static const sg_doc *S_shared_doc;

static void *S_read_tree(void *arg)
{
	(void)arg;
	const sg_mdtree *t = sg_doc_tree(S_shared_doc);
	return (void *)t;
}

/* Threads asking at once get one tree, parsed once. */
static void test_tree_threads(void **state)
{
	fixture *f = *state;
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "---\ntitle: 表\n---\n"); /* not parsed as it loads */
	for (int i = 0; i < 2000; i++)
		sg_buf_puts(&md, "| a | **b** |\n|---|---|\n| 1 | 2 |\n\n");
	sg_doc *doc = load_text(f, "big.md", md.data, SG_DOC_PLAYBOOK);
	sg_buf_dispose(&md);
	S_shared_doc = doc;
	size_t parses = sg_doc_tree_parses();
	pthread_t t[4];
	void *got[4];
	for (int i = 0; i < 4; i++)
		sg_doc_tree_expect(doc);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, S_read_tree, NULL), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], &got[i]);
	for (int i = 1; i < 4; i++)
		assert_ptr_equal(got[i], got[0]);
	assert_int_equal(sg_doc_tree_parses(), parses + 1);
	for (int i = 0; i < 4; i++)
		sg_doc_tree_release(doc, got[i]);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_front_matter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_from_heading, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_from_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audience, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_threads, setup, teardown),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
