/* Unit tests of load/frontmatter: finding the YAML block, reading it into
 * values, and every error with its position in the file. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/value.h"
#include "load/frontmatter.h"

/* ---------------------------------------------------------------- helpers */

typedef struct split_result {
	int found;
	size_t body_off;
	int body_line;
	const char *yaml;
	size_t yaml_len;
} split_result;

static split_result split(const char *text)
{
	split_result r;
	r.found = sg_frontmatter_split(text, strlen(text), &r.body_off, &r.body_line, &r.yaml,
				       &r.yaml_len);
	return r;
}

/* Parses yaml as if its first line were line first_line of "doc.md". */
static sg_value *parse(sg_arena *a, sg_diags *d, const char *yaml, int first_line)
{
	return sg_frontmatter_parse(a, yaml, strlen(yaml), "doc.md", first_line, d);
}

/* Asserts that d holds exactly one error, at line:col, whose message contains
 * part. */
static void expect_one_error(const sg_diags *d, int line, int col, const char *part)
{
	if (d->count != 1 || d->items[0].line != line || d->items[0].col != col ||
	    !strstr(d->items[0].message, part)) {
		for (size_t i = 0; i < d->count; i++)
			fprintf(stderr, "  got %d:%d: %s\n", d->items[i].line, d->items[i].col,
				d->items[i].message);
		fail_msg("expected one error at %d:%d containing '%s'", line, col, part);
	}
	assert_string_equal(d->items[0].path, "doc.md");
	assert_int_equal(d->items[0].severity, SG_ERROR);
}

/* Parses yaml (first line 2), expecting failure with one error. */
static void expect_parse_error(const char *yaml, int line, int col, const char *part)
{
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	assert_null(parse(&a, &d, yaml, 2));
	expect_one_error(&d, line, col, part);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- splitting */

static void test_split_none(void **state)
{
	(void)state;
	split_result r = split("# 标题\n\n正文。\n");
	assert_int_equal(r.found, 0);
	assert_int_equal(r.body_off, 0);
	assert_int_equal(r.body_line, 1);
	assert_null(r.yaml);
	assert_int_equal(r.yaml_len, 0);

	r = split("");
	assert_int_equal(r.found, 0);
	assert_int_equal(r.body_off, 0);

	/* A byte order mark alone is skipped. */
	r = split("\xEF\xBB\xBF# Title\n");
	assert_int_equal(r.found, 0);
	assert_int_equal(r.body_off, 3);
	assert_int_equal(r.body_line, 1);

	/* Front matter only counts on the very first line. */
	r = split("\n---\ntitle: x\n---\n");
	assert_int_equal(r.found, 0);
	assert_int_equal(r.body_off, 0);

	/* Four dashes are a thematic break, not a delimiter. */
	r = split("----\ntitle: x\n----\n");
	assert_int_equal(r.found, 0);

	/* Outputs may be NULL. */
	assert_int_equal(sg_frontmatter_split("---\n---\n", 8, NULL, NULL, NULL, NULL), 1);
}

static void test_split_basic(void **state)
{
	(void)state;
	const char *text = "---\ntitle: 迁移方案\norder: 2\n---\n# 正文\n";
	split_result r = split(text);
	assert_int_equal(r.found, 1);
	assert_int_equal(r.yaml_len, strlen("title: 迁移方案\norder: 2\n"));
	assert_memory_equal(r.yaml, "title: 迁移方案\norder: 2\n", r.yaml_len);
	assert_ptr_equal(r.yaml, text + 4);
	assert_string_equal(text + r.body_off, "# 正文\n");
	assert_int_equal(r.body_line, 5);
}

static void test_split_bom_crlf(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\nbody\r\n";
	split_result r = split(text);
	assert_int_equal(r.found, 1);
	assert_memory_equal(r.yaml, "title: a\r\n", r.yaml_len);
	assert_string_equal(text + r.body_off, "body\r\n");
	assert_int_equal(r.body_line, 4);

	/* Trailing blanks on the delimiters are allowed. */
	r = split("--- \t\nk: v\n---  \nbody");
	assert_int_equal(r.found, 1);
	assert_memory_equal(r.yaml, "k: v\n", r.yaml_len);
	assert_int_equal(r.body_line, 4);
}

static void test_split_terminators(void **state)
{
	(void)state;
	/* YAML's document end marker closes it too. */
	const char *text = "---\nk: v\n...\nafter\n";
	split_result r = split(text);
	assert_int_equal(r.found, 1);
	assert_memory_equal(r.yaml, "k: v\n", r.yaml_len);
	assert_string_equal(text + r.body_off, "after\n");

	/* Closing line at the end of the file, without a newline. */
	text = "---\nk: v\n---";
	r = split(text);
	assert_int_equal(r.found, 1);
	assert_int_equal(r.body_off, strlen(text));
	assert_int_equal(r.body_line, 4);

	/* Empty front matter. */
	r = split("---\n---\nbody\n");
	assert_int_equal(r.found, 1);
	assert_int_equal(r.yaml_len, 0);
	assert_int_equal(r.body_line, 3);
}

static void test_split_thematic_break(void **state)
{
	(void)state;
	/* A file that opens with a thematic break and never closes a YAML block
	 * is all body. */
	const char *text = "---\n\n正文第一段。\n\n更多内容。\n";
	split_result r = split(text);
	assert_int_equal(r.found, 0);
	assert_int_equal(r.body_off, 0);
	assert_int_equal(r.body_line, 1);

	r = split("---");
	assert_int_equal(r.found, 0);
	r = split("---\n");
	assert_int_equal(r.found, 0);
}

/* ---------------------------------------------------------------- values */

static void test_parse_types(void **state)
{
	(void)state;
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	const char *yaml = "title: 华东区 邮件系统 方案\n"
			   "order: 3\n"
			   "neg: -42\n"
			   "plus: +7\n"
			   "zip: 007\n"
			   "big: 99999999999999999999\n"
			   "ratio: 1.5\n"
			   "quoted: \"123\"\n"
			   "forced: !!str 456\n"
			   "yes_word: yes\n"
			   "t1: true\n"
			   "t2: TRUE\n"
			   "f1: False\n"
			   "qbool: 'true'\n"
			   "n1: ~\n"
			   "n2: null\n"
			   "n3:\n"
			   "tags: [迁移, 私有化]\n"
			   "block:\n"
			   "  - one\n"
			   "  - 2\n"
			   "nested:\n"
			   "  inner:\n"
			   "    key: value\n";
	sg_value *v = parse(&a, &d, yaml, 2);
	assert_int_equal(d.count, 0);
	assert_non_null(v);
	assert_int_equal(v->kind, SG_VAL_MAP);

	sg_value *x = sg_map_get(v, "title");
	assert_int_equal(x->kind, SG_VAL_STR);
	assert_string_equal(x->u.str.s, "华东区 邮件系统 方案");
	x = sg_map_get(v, "order");
	assert_int_equal(x->kind, SG_VAL_INT);
	assert_int_equal(x->u.i, 3);
	assert_int_equal(sg_map_get(v, "neg")->u.i, -42);
	assert_int_equal(sg_map_get(v, "plus")->u.i, 7);
	/* Leading zeros, overflow and decimals stay text. */
	assert_int_equal(sg_map_get(v, "zip")->kind, SG_VAL_STR);
	assert_string_equal(sg_map_get(v, "zip")->u.str.s, "007");
	assert_int_equal(sg_map_get(v, "big")->kind, SG_VAL_STR);
	assert_int_equal(sg_map_get(v, "ratio")->kind, SG_VAL_STR);
	assert_int_equal(sg_map_get(v, "quoted")->kind, SG_VAL_STR);
	assert_string_equal(sg_map_get(v, "forced")->u.str.s, "456");
	assert_int_equal(sg_map_get(v, "forced")->kind, SG_VAL_STR);
	/* YAML 1.1's yes/no are not booleans here. */
	assert_int_equal(sg_map_get(v, "yes_word")->kind, SG_VAL_STR);
	assert_int_equal(sg_map_get(v, "t1")->kind, SG_VAL_BOOL);
	assert_true(sg_map_get(v, "t1")->u.b);
	assert_true(sg_map_get(v, "t2")->u.b);
	assert_int_equal(sg_map_get(v, "f1")->kind, SG_VAL_BOOL);
	assert_false(sg_map_get(v, "f1")->u.b);
	assert_int_equal(sg_map_get(v, "qbool")->kind, SG_VAL_STR);
	assert_int_equal(sg_map_get(v, "n1")->kind, SG_VAL_NULL);
	assert_int_equal(sg_map_get(v, "n2")->kind, SG_VAL_NULL);
	assert_int_equal(sg_map_get(v, "n3")->kind, SG_VAL_NULL);

	x = sg_map_get(v, "tags");
	assert_int_equal(x->kind, SG_VAL_LIST);
	assert_int_equal(x->u.items.count, 2);
	assert_string_equal(x->u.items.first->u.str.s, "迁移");
	assert_string_equal(x->u.items.last->u.str.s, "私有化");
	x = sg_map_get(v, "block");
	assert_int_equal(x->u.items.count, 2);
	assert_int_equal(x->u.items.last->kind, SG_VAL_INT);
	x = sg_value_path(v, "nested.inner.key");
	assert_non_null(x);
	assert_string_equal(x->u.str.s, "value");

	/* Keys keep the order they were written in. */
	assert_string_equal(v->u.items.first->key, "title");
	assert_string_equal(v->u.items.last->key, "nested");
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_parse_positions(void **state)
{
	(void)state;
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	/* CRLF line ends; the block starts on line 2 of the file. */
	sg_value *v = parse(&a, &d, "title: 方案\r\ntags:\r\n  - 甲\r\n  - 乙\r\n", 2);
	assert_int_equal(d.count, 0);
	sg_value *t = sg_map_get(v, "title");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->col, 8);
	assert_string_equal(t->u.str.s, "方案"); /* no CR left in values */
	sg_value *tags = sg_map_get(v, "tags");
	assert_int_equal(tags->line, 4);
	assert_int_equal(tags->u.items.last->line, 5);
	assert_int_equal(tags->u.items.last->col, 5);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_parse_empty(void **state)
{
	(void)state;
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	sg_value *v = parse(&a, &d, "", 2);
	assert_non_null(v);
	assert_int_equal(v->kind, SG_VAL_MAP);
	assert_int_equal(v->u.items.count, 0);
	v = parse(&a, &d, "# only a comment\n\n", 2);
	assert_non_null(v);
	assert_int_equal(v->kind, SG_VAL_MAP);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- errors */

static void test_error_syntax(void **state)
{
	(void)state;
	/* The unclosed flow sequence on the block's line 2 is the file's line 3. */
	expect_parse_error("title: a\ntags: [a, b\nsummary: c\n", 4, 8, "invalid YAML");
	/* A tab for indentation. */
	expect_parse_error("title: a\n\tbad: b\n", 3, 1, "invalid YAML");
	/* "key: value: more" */
	expect_parse_error("a: b: c\n", 2, 5, "mapping values are not allowed");
	/* The offset is the caller's: a block starting at line 10. */
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	assert_null(parse(&a, &d, "a: b: c\n", 10));
	expect_one_error(&d, 10, 5, "invalid YAML");
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_error_root(void **state)
{
	(void)state;
	expect_parse_error("just a sentence\n", 2, 1, "must be a YAML mapping");
	expect_parse_error("- a\n- b\n", 2, 1, "must be a YAML mapping");
	expect_parse_error("a: 1\n--- \nb: 2\n", 3, 1, "more than one YAML document");
}

static void test_error_keys(void **state)
{
	(void)state;
	expect_parse_error("title: a\nsummary: b\ntitle: c\n", 4, 1,
			   "duplicate key 'title' (first given at line 2)");
	expect_parse_error("nested:\n  k: 1\n  k: 2\n", 4, 3, "duplicate key 'k'");
	expect_parse_error("? [a, b]\n: c\n", 2, 3, "must be a plain name");
	expect_parse_error("title: !!int 3\n", 2, 8, "tag");
}

static void test_error_aliases(void **state)
{
	(void)state;
	/* Both the anchor and the alias are refused, each where it is. */
	sg_arena a;
	sg_diags d;
	sg_arena_init(&a);
	sg_diags_init(&d);
	assert_null(parse(&a, &d, "a: &x [1, 2]\nb: *x\n", 2));
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	assert_non_null(strstr(d.items[0].message, "anchors (&x)"));
	assert_int_equal(d.items[1].line, 3);
	assert_int_equal(d.items[1].col, 4);
	assert_non_null(strstr(d.items[1].message, "aliases (*x)"));
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);

	/* The classic expansion bomb fails fast, at its first anchor. */
	sg_arena_init(&a);
	sg_diags_init(&d);
	const char *bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n"
			   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n"
			   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
			   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\n";
	assert_null(parse(&a, &d, bomb, 2));
	assert_true(d.count >= 1);
	assert_non_null(strstr(d.items[0].message, "anchors"));
	assert_true(a.used < 64 * 1024);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);

	expect_parse_error("? *x\n: 1\n", 2, 3, "aliases (*x)");
}

static void nested(sg_buf *b, int levels)
{
	sg_buf_clear(b);
	sg_buf_puts(b, "k: ");
	for (int i = 1; i < levels; i++)
		sg_buf_putc(b, '[');
	sg_buf_putc(b, '1');
	for (int i = 1; i < levels; i++)
		sg_buf_putc(b, ']');
	sg_buf_putc(b, '\n');
}

static void test_error_depth(void **state)
{
	(void)state;
	sg_arena a;
	sg_diags d;
	sg_buf b;
	sg_arena_init(&a);
	sg_diags_init(&d);
	sg_buf_init(&b);

	/* The root map is level 1: 31 lists inside it make 32 levels. */
	nested(&b, SG_FRONTMATTER_DEPTH);
	sg_value *v = parse(&a, &d, b.data, 2);
	assert_non_null(v);
	assert_int_equal(d.count, 0);
	int depth = 0;
	for (const sg_value *x = sg_map_get(v, "k"); x && x->kind == SG_VAL_LIST;
	     x = x->u.items.first)
		depth++;
	assert_int_equal(depth, SG_FRONTMATTER_DEPTH - 1);

	/* One more is refused where the 33rd level opens (column 4 + 31). */
	nested(&b, SG_FRONTMATTER_DEPTH + 1);
	assert_null(parse(&a, &d, b.data, 2));
	expect_one_error(&d, 2, 4 + SG_FRONTMATTER_DEPTH - 1, "deeper than 32");

	/* A very deep document is abandoned early, not built. */
	sg_diags_dispose(&d);
	sg_diags_init(&d);
	nested(&b, 20000);
	size_t used = a.used;
	assert_null(parse(&a, &d, b.data, 2));
	assert_int_equal(d.count, 1);
	assert_true(a.used - used < 16 * 1024);

	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_error_utf8_and_size(void **state)
{
	(void)state;
	/* The stray byte is the 4th character of the block's second line. */
	expect_parse_error("title: 好\nsummary: x\xff\n", 3, 11, "invalid UTF-8");
	/* A control character libyaml refuses, at its place. */
	expect_parse_error("title: a\x01\n", 2, 9, "invalid YAML");

	sg_buf b;
	sg_buf_init(&b);
	while (b.len <= SG_FRONTMATTER_CAP)
		sg_buf_puts(&b, "# filler comment line of the front matter\n");
	expect_parse_error(b.data, 2, 1, "larger than");
	sg_buf_dispose(&b);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_none),
		cmocka_unit_test(test_split_basic),
		cmocka_unit_test(test_split_bom_crlf),
		cmocka_unit_test(test_split_terminators),
		cmocka_unit_test(test_split_thematic_break),
		cmocka_unit_test(test_parse_types),
		cmocka_unit_test(test_parse_positions),
		cmocka_unit_test(test_parse_empty),
		cmocka_unit_test(test_error_syntax),
		cmocka_unit_test(test_error_root),
		cmocka_unit_test(test_error_keys),
		cmocka_unit_test(test_error_aliases),
		cmocka_unit_test(test_error_depth),
		cmocka_unit_test(test_error_utf8_and_size),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
