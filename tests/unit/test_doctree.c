/* Unit tests of load/doctree (the document model) and of the parser's turning
 * cmark-gfm's tree into it: every node kind with its fields and lines (the
 * spec-style cases of tests/data/doctree.txt), the walk and its skips, the
 * builders, documents nested far deeper than any recursion could go, plain
 * text, and Markdown written from generated nodes parsing back the same. */
#include "support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "load/doctree.h"
#include "load/mdparse.h"

/* ---------------------------------------------------------------- helpers */

static sg_mdtree *parse(const char *text, int first_line)
{
	return sg_mdparse(text, strlen(text), first_line);
}

/* The dump of the tree under n, as a heap string. */
static char *dump(const sg_mdnode *n, unsigned flags)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_mdnode_dump(n, flags, &b);
	return sg_buf_detach(&b);
}

/* The n-th node (0-based, document order) of kind, or NULL. */
static const sg_mdnode *find(const sg_mdtree *t, sg_md_kind kind, int n)
{
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *c = sg_mditer_node(&it);
		if (ev == SG_MD_ENTER && sg_mdnode_kind(c) == kind && n-- == 0)
			return c;
	}
	return NULL;
}

/* ---------------------------------------------------------------- spec file */

#define FENCE "````````````````````````````````"

typedef struct example {
	int line;
	char *input, *expected;
} example;

/* The examples of a spec-style file (see tests/data/doctree.txt). */
static example *read_spec(const char *path, size_t *count)
{
	size_t len;
	char *text = sg_test_read_file(path, &len);
	assert_non_null(text);
	example *ex = NULL;
	size_t n = 0;
	int state = 0, lineno = 0, start = 0;
	sg_buf in, out;
	sg_buf_init(&in);
	sg_buf_init(&out);
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		lineno++;
		bool fence = ll >= 32 && strncmp(line, FENCE, 32) == 0;
		if (state == 0 && fence) {
			state = 1;
			start = lineno;
			sg_buf_clear(&in);
			sg_buf_clear(&out);
		} else if (state == 1 && ll == 1 && line[0] == '.') {
			state = 2;
		} else if (state == 2 && fence) {
			ex = realloc(ex, (n + 1) * sizeof *ex);
			ex[n].line = start;
			ex[n].input = strdup(in.len ? in.data : "");
			ex[n].expected = strdup(out.len ? out.data : "");
			n++;
			state = 0;
		} else if (state) {
			sg_buf *b = state == 1 ? &in : &out;
			sg_buf_put(b, line, ll);
			sg_buf_putc(b, '\n');
		}
		line = nl ? nl + 1 : NULL;
	}
	assert_int_equal(state, 0);
	sg_buf_dispose(&in);
	sg_buf_dispose(&out);
	free(text);
	*count = n;
	return ex;
}

static void test_spec(void **state)
{
	(void)state;
	size_t n;
	example *ex = read_spec(SG_TEST_DATA "/doctree.txt", &n);
	assert_true(n >= 12);
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		sg_mdtree *t = parse(ex[i].input, 1);
		char *got = dump(t->root, SG_MDDUMP_LINES);
		if (strcmp(got, ex[i].expected) != 0) {
			failed++;
			fprintf(stderr,
				"doctree.txt:%d: example %zu\n--- input\n%s--- expected\n%s--- got\n%s\n",
				ex[i].line, i + 1, ex[i].input, ex[i].expected, got);
		}
		free(got);
		sg_mdtree_free(t);
		free(ex[i].input);
		free(ex[i].expected);
	}
	free(ex);
	assert_int_equal(failed, 0);
}

/* Every kind the parser makes is in the spec file at least once: the
 * conversion of each is tested. */
static void test_spec_covers_every_kind(void **state)
{
	(void)state;
	size_t len;
	char *text = sg_test_read_file(SG_TEST_DATA "/doctree.txt", &len);
	assert_non_null(text);
	static const char *const kinds[] = {
		"document", "block_quote", "list bullet", "list ordered", "item [x]", "item [ ]",
		"code_block", "html_block", "paragraph", "heading", "thematic_break", "table",
		"row header", "cell", "text", "softbreak", "linebreak", "code", "html_inline",
		"emph", "strong", "strikethrough", "link", "image",
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char needle[64];
		snprintf(needle, sizeof needle, "\n  %s", kinds[i]);
		bool found = strstr(text, needle) != NULL;
		for (int depth = 2; !found && depth < 6; depth++) {
			snprintf(needle, sizeof needle, "\n%*s%s", 2 * depth, "", kinds[i]);
			found = strstr(text, needle) != NULL;
		}
		if (!found && strcmp(kinds[i], "document") == 0)
			found = strstr(text, "\ndocument [") != NULL;
		if (!found)
			fail_msg("doctree.txt has no node of kind '%s'", kinds[i]);
	}
	free(text);
}

/* ---------------------------------------------------------------- lines */

static void test_lines(void **state)
{
	(void)state;
	/* Body line 1 is file line 6 (after five lines of front matter). */
	sg_mdtree *t = parse("intro\n\n## 第二节\n\n- item\n  more\n", 6);
	assert_int_equal(sg_mdnode_line(t->root), 6);
	assert_int_equal(sg_mdnode_line(find(t, SG_MD_HEADING, 0)), 8);
	assert_int_equal(sg_mdnode_line(find(t, SG_MD_ITEM, 0)), 10);
	assert_int_equal(sg_mdnode_end_line(find(t, SG_MD_ITEM, 0)), 11);
	assert_int_equal(sg_mdnode_end_line(find(t, SG_MD_PARAGRAPH, 0)), 6);
	sg_mdtree_free(t);
	/* A nonsense first line is taken as 1. */
	t = parse("# a\n", 0);
	assert_int_equal(sg_mdnode_line(find(t, SG_MD_HEADING, 0)), 1);
	sg_mdtree_free(t);
	/* Nothing at all is an empty document. */
	t = sg_mdparse(NULL, 0, 1);
	assert_int_equal(sg_mdnode_kind(t->root), SG_MD_DOCUMENT);
	assert_null(sg_mdnode_first_child(t->root));
	sg_mdtree_free(t);
}

/* ---------------------------------------------------------------- walks */

static void test_walk(void **state)
{
	(void)state;
	sg_mdtree *t = parse("# T\n\n- a *b*\n\n```\nc\n```\n", 1);
	sg_buf b;
	sg_buf_init(&b);
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	static const char *const names[] = {"other", "document", "quote", "list", "item", "code_block",
					    "html", "para", "heading", "hr", "table", "row", "cell",
					    "chart", "text", "soft", "hard", "code", "html_inline",
					    "emph", "strong", "del", "link", "image"};
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		sg_buf_printf(&b, "%s%s ", ev == SG_MD_ENTER ? "+" : "-",
			      names[sg_mdnode_kind(sg_mditer_node(&it))]);
	/* Leaves are entered only; containers are left too. */
	assert_string_equal(b.data, "+document +heading +text -heading +list +item +para +text +emph "
				    "+text -emph -para -item -list +code_block -document ");

	/* Skipping a node entered leaves out what is under it, and its exit. */
	sg_buf_clear(&b);
	sg_mditer_init(&it, t->root);
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		sg_buf_printf(&b, "%s%s ", ev == SG_MD_ENTER ? "+" : "-", names[sg_mdnode_kind(n)]);
		if (ev == SG_MD_ENTER && sg_mdnode_kind(n) == SG_MD_LIST)
			sg_mditer_skip(&it);
	}
	assert_string_equal(b.data, "+document +heading +text -heading +list +code_block -document ");

	/* A walk of a subtree stays in it; an empty container is left at once. */
	sg_buf_clear(&b);
	sg_mdnode *empty = sg_mdnode_new(t, SG_MD_BLOCK_QUOTE, 0);
	sg_mditer_init(&it, empty);
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		sg_buf_printf(&b, "%s%s ", ev == SG_MD_ENTER ? "+" : "-",
			      names[sg_mdnode_kind(sg_mditer_node(&it))]);
	assert_string_equal(b.data, "+quote -quote ");
	sg_buf_clear(&b);
	sg_mditer_init(&it, find(t, SG_MD_EMPH, 0));
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		sg_buf_printf(&b, "%s%s ", ev == SG_MD_ENTER ? "+" : "-",
			      names[sg_mdnode_kind(sg_mditer_node(&it))]);
	assert_string_equal(b.data, "+emph +text -emph ");
	sg_buf_dispose(&b);
	sg_mdtree_free(t);
}

/* ---------------------------------------------------------------- builders */

static void test_builders(void **state)
{
	(void)state;
	sg_mdtree *t = sg_mdtree_new();
	sg_mdnode *p = sg_mdnode_new(t, SG_MD_PARAGRAPH, 3);
	sg_mdnode_append(t->root, p);
	char word[] = "b";
	sg_mdnode *b = sg_mdnode_add_text(t, p, word, 1, 3);
	word[0] = 'x'; /* the node holds a copy */
	sg_mdnode *a = sg_mdnode_new(t, SG_MD_STRONG, 3);
	sg_mdnode_insert_before(b, a);
	sg_mdnode_add_text(t, a, "a", 1, 3);
	sg_mdnode *c = sg_mdnode_add_text(t, p, "c", 1, 3);
	char *got = dump(t->root, 0);
	assert_string_equal(got, "document\n  paragraph\n    strong\n      text \"a\"\n"
				 "    text \"b\"\n    text \"c\"\n");
	free(got);
	assert_ptr_equal(sg_mdnode_first_child(p), a);
	assert_ptr_equal(sg_mdnode_last_child(p), c);
	assert_ptr_equal(sg_mdnode_prev(b), a);
	assert_ptr_equal(sg_mdnode_parent(b), p);
	/* Merged, adjacent texts read as one. */
	got = dump(t->root, SG_MDDUMP_MERGE);
	assert_string_equal(got, "document\n  paragraph\n    strong\n      text \"a\"\n"
				 "    text \"bc\"\n");
	free(got);
	sg_mdnode_unlink(a);
	sg_mdnode_unlink(c);
	assert_ptr_equal(sg_mdnode_first_child(p), b);
	assert_ptr_equal(sg_mdnode_last_child(p), b);
	assert_null(sg_mdnode_prev(b));
	assert_null(sg_mdnode_next(b));
	assert_null(sg_mdnode_parent(a));
	/* Defaults: a list starts at 1, a link's address and title are "". */
	sg_mdnode *l = sg_mdnode_new(t, SG_MD_LIST, 0);
	assert_int_equal(sg_mdnode_list_start(l), 1);
	sg_mdnode *k = sg_mdnode_new(t, SG_MD_LINK, 0);
	assert_string_equal(sg_mdnode_url(k), "");
	assert_string_equal(sg_mdnode_title(k), "");
	assert_string_equal(sg_mdnode_literal(k), "");
	assert_null(sg_mdnode_chart(k));
	assert_true(sg_mdtree_size(t) > 0);
	sg_mdtree_free(t);
}

/* ---------------------------------------------------------------- depth */

/* Far deeper than the C stack would take recursion: a walk, the plain
 * text and freeing are all loops. */
static void test_deep_nesting(void **state)
{
	(void)state;
	enum { DEPTH = 1000000 };
	sg_mdtree *t = sg_mdtree_new();
	sg_mdnode *p = sg_mdnode_new(t, SG_MD_PARAGRAPH, 1), *at = p;
	sg_mdnode_append(t->root, p);
	for (int i = 0; i < DEPTH; i++) {
		sg_mdnode *e = sg_mdnode_new(t, i % 2 ? SG_MD_STRONG : SG_MD_EMPH, 1);
		sg_mdnode_append(at, e);
		at = e;
	}
	sg_mdnode_add_text(t, at, "深", strlen("深"), 1);
	size_t enters = 0, exits = 0;
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		ev == SG_MD_ENTER ? enters++ : exits++;
	assert_int_equal(enters, DEPTH + 3);
	assert_int_equal(exits, DEPTH + 2);
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_mdnode_text(t->root, &a), "深");
	sg_mdtree_free(t);

	/* Parsed: 10,000 nested quotes and emphasis 20,000 deep. */
	sg_buf md;
	sg_buf_init(&md);
	for (int i = 0; i < 10000; i++)
		sg_buf_puts(&md, "> ");
	sg_buf_puts(&md, "# 深处\n\n");
	for (int i = 0; i < 20000; i++)
		sg_buf_puts(&md, "*a ");
	for (int i = 0; i < 20000; i++)
		sg_buf_puts(&md, "b*");
	sg_buf_putc(&md, '\n');
	t = sg_mdparse(md.data, md.len, 1);
	size_t quotes = 0, emph = 0;
	sg_mditer_init(&it, t->root);
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		sg_md_kind k = sg_mdnode_kind(sg_mditer_node(&it));
		quotes += ev == SG_MD_ENTER && k == SG_MD_BLOCK_QUOTE;
		emph += ev == SG_MD_ENTER && (k == SG_MD_EMPH || k == SG_MD_STRONG);
	}
	assert_int_equal(quotes, 10000);
	assert_true(emph >= 10000);
	assert_string_equal(sg_mdtree_first_heading_text(t->root, &a), "深处");
	sg_mdtree_free(t);
	sg_buf_dispose(&md);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- writing */

static void S_escape(const char *s, size_t len, sg_buf *out)
{
	/* What a template value gets (document/mustache.c), in short: every
	 * ASCII punctuation character behind a backslash. */
	for (size_t i = 0; i < len; i++) {
		if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i]))
			sg_buf_putc(out, '\\');
		sg_buf_putc(out, s[i]);
	}
}

/* Generated nodes written as Markdown parse back into the same tree: the
 * Markdown `salesgen proposal --markdown` shows is the document. */
static void test_write_parses_back(void **state)
{
	(void)state;
	sg_mdtree *t = sg_mdtree_new();
	sg_mdnode *h = sg_mdnode_new(t, SG_MD_HEADING, 0);
	h->u.level = 3;
	sg_mdnode_append(t->root, h);
	sg_mdnode_add_text(t, h, "案例 *一*", strlen("案例 *一*"), 0);
	sg_mdnode *p = sg_mdnode_new(t, SG_MD_PARAGRAPH, 0);
	sg_mdnode_append(t->root, p);
	sg_mdnode *em = sg_mdnode_new(t, SG_MD_EMPH, 0);
	sg_mdnode_append(p, em);
	sg_mdnode_add_text(t, em, "用户数：3,000 人", strlen("用户数：3,000 人"), 0);
	sg_mdnode *list = sg_mdnode_new(t, SG_MD_LIST, 0);
	list->u.list.tight = true;
	sg_mdnode_append(t->root, list);
	for (int i = 0; i < 3; i++) {
		sg_mdnode *item = sg_mdnode_new(t, SG_MD_ITEM, 0);
		sg_mdnode_append(list, item);
		if (i == 1)
			continue; /* an empty item */
		sg_mdnode *ip = sg_mdnode_new(t, SG_MD_PARAGRAPH, 0);
		sg_mdnode_append(item, ip);
		sg_mdnode_add_text(t, ip, i ? "1. [x] 不是任务" : "a|b", i ? strlen("1. [x] 不是任务") : 3, 0);
	}
	sg_mdnode *table = sg_mdnode_new(t, SG_MD_TABLE, 0);
	static const uint8_t align[] = {0, 'r'};
	table->u.table.ncols = 2;
	table->u.table.align = align;
	sg_mdnode_append(t->root, table);
	for (int r = 0; r < 2; r++) {
		sg_mdnode *row = sg_mdnode_new(t, SG_MD_TABLE_ROW, 0);
		row->u.header = r == 0;
		sg_mdnode_append(table, row);
		sg_mdnode *c0 = sg_mdnode_new(t, SG_MD_TABLE_CELL, 0);
		sg_mdnode_append(row, c0);
		if (r)
			sg_mdnode_add_text(t, c0, "合计", strlen("合计"), 0);
		sg_mdnode *c1 = sg_mdnode_new(t, SG_MD_TABLE_CELL, 0);
		sg_mdnode_append(row, c1);
		sg_mdnode *strong = sg_mdnode_new(t, SG_MD_STRONG, 0);
		sg_mdnode_append(c1, strong);
		sg_mdnode_add_text(t, strong, "¥182,315.20", strlen("¥182,315.20"), 0);
	}
	sg_buf md;
	sg_buf_init(&md);
	sg_mdtree_write(&md, sg_mdnode_first_child(t->root), NULL, S_escape);
	assert_string_equal(md.data, "\n### 案例 \\*一\\*\n"
				     "\n*用户数：3\\,000 人*\n"
				     "\n- a\\|b\n- \n- 1\\. \\[x\\] 不是任务\n"
				     "\n|  | **¥182\\,315\\.20** |\n| --- | ---: |\n"
				     "| 合计 | **¥182\\,315\\.20** |\n\n");
	sg_mdtree *back = sg_mdparse(md.data, md.len, 1);
	char *want = dump(t->root, SG_MDDUMP_MERGE), *got = dump(back->root, SG_MDDUMP_MERGE);
	assert_string_equal(got, want);
	free(want);
	free(got);
	sg_mdtree_free(back);
	sg_buf_dispose(&md);
	sg_mdtree_free(t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_spec_covers_every_kind),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_builders),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_write_parses_back),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
