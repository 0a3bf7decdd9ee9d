/*
 * test_mustache.c - the template engine against the official Mustache
 * specification (read from SG_SPEC_DIR when it is there), against our own
 * spec-style cases in tests/data/mustache/NAME.txt, and through its C API.
 */
#include "support.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/value.h"
#include "document/mustache.h"
#include "spec_json.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

/* Partials from a map of name -> text, as the spec files give them. */
static int S_map_partial(void *ctx, const char *name, sg_buf *text, sg_buf *path, sg_diags *d)
{
	(void)d;
	const sg_value *v = sg_map_get(ctx, name);
	if (!v || v->kind != SG_VAL_STR)
		return 1;
	sg_buf_put(text, v->u.str.s, v->u.str.len);
	sg_buf_puts(path, name);
	return 0;
}

/* Shows invisible characters, so a failed comparison can be read. */
static void S_show(const char *label, const char *s, size_t len)
{
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			sg_buf_puts(&b, "\\n");
		else if (s[i] == '\r')
			sg_buf_puts(&b, "\\r");
		else if (s[i] == '\t')
			sg_buf_puts(&b, "\\t");
		else
			sg_buf_putc(&b, s[i]);
	}
	print_message("    %-9s \"%s\"\n", label, b.data);
	sg_buf_dispose(&b);
}

static void S_diags_text(const sg_diags *d, sg_buf *out)
{
	char line[2048];
	for (size_t i = 0; i < d->count; i++) {
		sg_diag_format(&d->items[i], false, line, sizeof line);
		sg_buf_puts(out, line);
		sg_buf_putc(out, '\n');
	}
}

static sg_value *S_json(sg_arena *a, const char *text)
{
	char err[256];
	sg_value *v = sg_test_json_parse(a, text, strlen(text), err, sizeof err);
	if (!v)
		fail_msg("bad JSON in the test: %s", err);
	return v;
}

/* Renders text in mode with data (JSON) and HTML escaping; returns the
 * output and leaves the diagnostics in d. */
static int S_render(sg_buf *out, sg_diags *d, sg_template_mode mode, sg_escape_fn esc,
		    const char *text, const char *json)
{
	sg_arena a;
	sg_arena_init(&a);
	sg_template_opts opts = {.mode = mode, .escape = esc};
	int rc = sg_template_render_string(out, text, strlen(text), "t.md", &opts,
					   S_json(&a, json), d);
	sg_arena_dispose(&a);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The official specification                                         */

static void test_spec_file(void **state)
{
	const char *file = *state;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.json", SG_SPEC_DIR, file);
	size_t len;
	char *text = sg_test_read_file(path, &len);
	if (!text) {
		print_message("SKIPPED: the Mustache specification is not at %s "
			      "(set SG_SPEC_DIR to check %s.json)\n",
			      path, file);
		skip();
		return;
	}
	sg_arena a;
	sg_arena_init(&a);
	char err[256];
	sg_value *root = sg_test_json_parse(&a, text, len, err, sizeof err);
	free(text);
	if (!root)
		fail_msg("%s: %s", path, err);
	sg_value *tests = sg_map_get(root, "tests");
	assert_non_null(tests);
	int cases = 0, failures = 0;
	for (sg_value *t = tests->u.items.first; t; t = t->next) {
		const sg_value *name = sg_map_get(t, "name");
		const sg_value *tmpl = sg_map_get(t, "template");
		const sg_value *expected = sg_map_get(t, "expected");
		assert_true(name && tmpl && expected);
		sg_template_opts opts = {
			.mode = SG_TEMPLATE_SPEC,
			.partial = S_map_partial,
			.partial_ctx = sg_map_get(t, "partials"),
		};
		sg_diags d;
		sg_diags_init(&d);
		sg_buf out;
		sg_buf_init(&out);
		int rc = sg_template_render_string(&out, tmpl->u.str.s, tmpl->u.str.len, file,
						   &opts, sg_map_get(t, "data"), &d);
		cases++;
		if (rc != 0 || out.len != expected->u.str.len ||
		    memcmp(out.data, expected->u.str.s, out.len) != 0) {
			failures++;
			print_message("FAILED %s: %s\n", file, name->u.str.s);
			S_show("template", tmpl->u.str.s, tmpl->u.str.len);
			S_show("expected", expected->u.str.s, expected->u.str.len);
			S_show("got", out.data, out.len);
			sg_diags_print(&d, stderr);
		}
		sg_buf_dispose(&out);
		sg_diags_dispose(&d);
	}
	sg_arena_dispose(&a);
	print_message("%s.json: %d of %d cases pass\n", file, cases - failures, cases);
	assert_true(cases > 0);
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* Our own cases: tests/data/mustache/NAME.txt                           */

typedef struct S_case {
	char name[256];
	int line; /* of its "===" line */
	sg_template_mode mode;
	sg_escape_fn escape;
	char path[256];
	char markup[256]; /* a top-level key whose value gets the markup flag */
	sg_buf tmpl, data, expected, error;
	bool has_tmpl, has_expected, has_error;
	sg_arena arena;
	sg_value *partials;
} S_case;

/* Copies src into dst[size], cut short if need be (test names and paths). */
static void S_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void S_case_init(S_case *c, const char *name, int line)
{
	memset(c, 0, sizeof *c);
	S_copy(c->name, sizeof c->name, name);
	c->line = line;
	c->escape = sg_escape_html;
	snprintf(c->path, sizeof c->path, "template.md");
	sg_buf_init(&c->tmpl);
	sg_buf_init(&c->data);
	sg_buf_init(&c->expected);
	sg_buf_init(&c->error);
	sg_arena_init(&c->arena);
	c->partials = sg_value_map(&c->arena);
}

static void S_case_dispose(S_case *c)
{
	sg_buf_dispose(&c->tmpl);
	sg_buf_dispose(&c->data);
	sg_buf_dispose(&c->expected);
	sg_buf_dispose(&c->error);
	sg_arena_dispose(&c->arena);
}

/* Runs one case; returns false (after printing why) when it fails. */
static bool S_case_run(S_case *c, const char *file)
{
	char err[256];
	const char *json = c->data.len ? c->data.data : "{}";
	sg_value *data = sg_test_json_parse(&c->arena, json, strlen(json), err, sizeof err);
	if (!data || !c->has_tmpl || c->has_expected == c->has_error) {
		print_message("%s:%d: bad case '%s': %s\n", file, c->line, c->name,
			      !data ? err : "it needs a template and one of expected or error");
		return false;
	}
	if (c->markup[0]) {
		sg_value *m = sg_map_get(data, c->markup);
		if (!m) {
			print_message("%s:%d: no key '%s' to mark\n", file, c->line, c->markup);
			return false;
		}
		m->markup = true;
	}
	sg_template_opts opts = {
		.mode = c->mode,
		.escape = c->escape,
		.partial = S_map_partial,
		.partial_ctx = c->partials,
	};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf out, diags;
	sg_buf_init(&out);
	sg_buf_init(&diags);
	int rc = sg_template_render_string(&out, c->tmpl.data, c->tmpl.len, c->path, &opts, data,
					   &d);
	S_diags_text(&d, &diags);
	bool ok;
	if (c->has_error)
		ok = rc != 0 && strcmp(diags.data, c->error.data) == 0;
	else
		ok = rc == 0 && d.count == 0 && out.len == c->expected.len &&
		     memcmp(out.data, c->expected.data, out.len) == 0;
	if (!ok) {
		print_message("FAILED %s:%d: %s\n", file, c->line, c->name);
		S_show("template", c->tmpl.data, c->tmpl.len);
		if (c->has_error)
			S_show("expected", c->error.data, c->error.len);
		else
			S_show("expected", c->expected.data, c->expected.len);
		S_show("got", out.data, out.len);
		S_show("messages", diags.data, diags.len);
	}
	sg_buf_dispose(&out);
	sg_buf_dispose(&diags);
	sg_diags_dispose(&d);
	return ok;
}

/* Ends the block being read: empty lines at its end separate cases; a last
 * line "\ No newline at end" takes the newline before it. */
static void S_block_end(sg_buf *block)
{
	while (block->len >= 2 && block->data[block->len - 1] == '\n' &&
	       block->data[block->len - 2] == '\n')
		sg_buf_truncate(block, block->len - 1);
	static const char nonl[] = "\n\\ No newline at end\n";
	size_t nn = sizeof nonl - 1;
	if (block->len >= nn && strcmp(block->data + block->len - nn, nonl) == 0)
		sg_buf_truncate(block, block->len - nn);
	if (block->len == 1 && block->data[0] == '\n')
		sg_buf_clear(block);
}

typedef struct S_reader {
	const char *file;
	S_case c;
	bool in_case;
	sg_buf *block; /* the block being read, if any */
	sg_buf partial;
	char partial_name[256];
	int failures, count;
} S_reader;

static void S_close_block(S_reader *r)
{
	if (!r->block)
		return;
	S_block_end(r->block);
	if (r->block == &r->partial) {
		sg_map_set(&r->c.arena, r->c.partials, r->partial_name,
			   sg_value_strn(&r->c.arena, r->partial.data, r->partial.len));
		sg_buf_clear(&r->partial);
	}
	r->block = NULL;
}

static void S_close_case(S_reader *r)
{
	S_close_block(r);
	if (!r->in_case)
		return;
	r->count++;
	r->failures += !S_case_run(&r->c, r->file);
	S_case_dispose(&r->c);
	r->in_case = false;
}

static void S_line(S_reader *r, const char *p, size_t n, int lineno)
{
	char line[1024];
	snprintf(line, sizeof line, "%.*s", (int)n, p);
	if (strncmp(line, "=== ", 4) == 0) {
		S_close_case(r);
		S_case_init(&r->c, line + 4, lineno);
		r->in_case = true;
		return;
	}
	if (!r->in_case)
		return; /* the comments at the top */
	if (strncmp(line, "--- ", 4) == 0) {
		S_close_block(r);
		const char *what = line + 4;
		S_case *c = &r->c;
		if (strcmp(what, "template") == 0) {
			r->block = &c->tmpl;
			c->has_tmpl = true;
		} else if (strcmp(what, "data") == 0) {
			r->block = &c->data;
		} else if (strcmp(what, "expected") == 0) {
			r->block = &c->expected;
			c->has_expected = true;
		} else if (strcmp(what, "error") == 0) {
			r->block = &c->error;
			c->has_error = true;
		} else if (strncmp(what, "partial ", 8) == 0) {
			S_copy(r->partial_name, sizeof r->partial_name, what + 8);
			r->block = &r->partial;
		} else {
			fail_msg("%s:%d: unknown block '%s'", r->file, lineno, what);
		}
		return;
	}
	if (r->block) {
		sg_buf_put(r->block, p, n);
		sg_buf_putc(r->block, '\n');
	} else if (strcmp(line, "mode: strict") == 0) {
		r->c.mode = SG_TEMPLATE_STRICT;
	} else if (strcmp(line, "mode: spec") == 0) {
		r->c.mode = SG_TEMPLATE_SPEC;
	} else if (strcmp(line, "escape: markdown") == 0) {
		r->c.escape = sg_escape_markdown;
	} else if (strcmp(line, "escape: html") == 0) {
		r->c.escape = sg_escape_html;
	} else if (strcmp(line, "escape: none") == 0) {
		r->c.escape = sg_escape_none;
	} else if (strncmp(line, "path: ", 6) == 0) {
		S_copy(r->c.path, sizeof r->c.path, line + 6);
	} else if (strncmp(line, "markup: ", 8) == 0) {
		S_copy(r->c.markup, sizeof r->c.markup, line + 8);
	} else if (n > 0) {
		fail_msg("%s:%d: unknown setting '%s'", r->file, lineno, line);
	}
}

/* Runs every case of one file (the format is described at the top of each
 * file). Returns the number of failed cases and adds the number run to
 * *count. */
static int S_case_file(const char *path, const char *file, int *count)
{
	size_t len;
	char *text = sg_test_read_file(path, &len);
	if (!text)
		fail_msg("cannot read %s", path);
	S_reader r = {.file = file};
	sg_buf_init(&r.partial);
	int lineno = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		S_line(&r, p, n, ++lineno);
		p += n + (nl ? 1 : 0);
	}
	S_close_case(&r);
	sg_buf_dispose(&r.partial);
	free(text);
	*count += r.count;
	return r.failures;
}

static int S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_case_files(void **state)
{
	(void)state;
	const char *dir = SG_TEST_DATA "/mustache";
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	char *names[256];
	size_t count = 0;
	for (struct dirent *e; (e = readdir(dh)) && count < 256;) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0)
			names[count++] = strdup(e->d_name);
	}
	closedir(dh);
	qsort(names, count, sizeof *names, S_strcmp);
	int cases = 0, failures = 0;
	for (size_t i = 0; i < count; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		int before = cases;
		failures += S_case_file(path, names[i], &cases);
		print_message("%s: %d cases\n", names[i], cases - before);
		free(names[i]);
	}
	assert_true(count >= 3);
	assert_true(cases >= 40);
	assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------------ */
/* The C API                                                          */

static void test_compile_once_render_many(void **state)
{
	(void)state;
	const char *text = "{{#rows}}<li>{{name}}: {{n}}</li>{{/rows}}";
	sg_template *t;
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_template_compile(&t, text, strlen(text), "list.html", NULL, &d), 0);
	sg_arena a;
	sg_arena_init(&a);
	sg_buf out;
	sg_buf_init(&out);
	for (int i = 0; i < 2000; i++) {
		sg_value *root = sg_value_map(&a);
		sg_value *rows = sg_map_set(&a, root, "rows", sg_value_list(&a));
		sg_value *row = sg_value_map(&a);
		sg_map_set(&a, row, "name", sg_value_str(&a, i % 2 ? "A&B" : "<x>"));
		sg_map_set(&a, row, "n", sg_value_int(&a, i));
		sg_list_push(rows, row);
		sg_buf_clear(&out);
		assert_int_equal(sg_template_render(t, root, &out, &d), 0);
		char want[128];
		snprintf(want, sizeof want, "<li>%s: %d</li>", i % 2 ? "A&amp;B" : "&lt;x&gt;",
			 i);
		assert_string_equal(out.data, want);
	}
	assert_int_equal(d.count, 0);
	/* The text given to compile may go away: the template keeps a copy. */
	char *copy = strdup("[{{x}}]");
	sg_template *t2;
	assert_int_equal(sg_template_compile(&t2, copy, strlen(copy), "c", NULL, &d), 0);
	memset(copy, 'z', strlen(copy));
	free(copy);
	sg_value *root = sg_value_map(&a);
	sg_map_set(&a, root, "x", sg_value_dec(&a, 1210, 3));
	sg_buf_clear(&out);
	assert_int_equal(sg_template_render(t2, root, &out, &d), 0);
	assert_string_equal(out.data, "[1.21]");
	/* NULL data is null: "." renders as nothing. */
	sg_buf_clear(&out);
	assert_int_equal(sg_template_render(t2, NULL, &out, &d), 0);
	assert_string_equal(out.data, "[]");
	sg_template_free(t2);
	sg_template_free(t);
	sg_template_free(NULL);
	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
	sg_diags_dispose(&d);
}

static void test_escape_html(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_escape_html("a&b<c>d\"e'f", 11, &b);
	assert_string_equal(b.data, "a&amp;b&lt;c&gt;d&quot;e'f");
	sg_buf_clear(&b);
	sg_escape_html("", 0, &b);
	assert_string_equal(b.data, "");
	sg_buf_clear(&b);
	sg_escape_none("<&>", 3, &b);
	assert_string_equal(b.data, "<&>");
	sg_buf_dispose(&b);
}

static void test_escape_markdown(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain text 中文", "plain text 中文"},
		{"# Title", "\\# Title"},
		{"1. first", "1\\. first"},
		{"- item", "\\- item"},
		{"*bold* _em_ `code`", "\\*bold\\* \\_em\\_ \\`code\\`"},
		{"<b>x</b>", "\\<b\\>x\\<\\/b\\>"},
		{"[link](http://x)", "\\[link\\]\\(http\\:\\/\\/x\\)"},
		{"a\nb\r\nc\rd", "a b c d"},
		{"  indented", "&#32;&#32;indented"},
		{"\tx\t", "&#9;x&#9;"},
		{"end  ", "end&#32;&#32;"},
		{"\n# x", "&#32;\\# x"},
		{"   ", "&#32;&#32;&#32;"},
		{"\\", "\\\\"},
		{"100%", "100\\%"},
		{"&amp;", "\\&amp\\;"},
		{"！（全角）", "！（全角）"},
	};
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sg_buf_clear(&b);
		sg_escape_markdown(cases[i].in, strlen(cases[i].in), &b);
		assert_string_equal(b.data, cases[i].out);
	}
	sg_buf_dispose(&b);
}

/* Appends the text of every node under n; fails on any node that is not
 * text inside the one paragraph, so a value that became Markdown is caught. */
static void S_collect_text(cmark_node *n, sg_buf *out, const char *value)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (type == CMARK_NODE_TEXT) {
			sg_buf_puts(out, cmark_node_get_literal(c));
		} else if (type == CMARK_NODE_SOFTBREAK) {
			sg_buf_putc(out, '\n');
		} else {
			fail_msg("value \"%s\" became a %s node", value, cmark_node_get_type_string(c));
		}
	}
}

/* The promise of markdown escaping, checked with the Markdown parser the
 * project uses (cmark-gfm with the GFM extensions): any value put at the
 * start of a line, in the middle of one, or in a table cell, reads back as
 * exactly its own text. */
static void test_markdown_escape_with_cmark(void **state)
{
	(void)state;
	static const char *const values[] = {
		"# heading", "1. one", "2) two", "- dash", "+ plus", "* star", "> quote",
		"    code", "\tcode", "```fence", "~~~fence", "---", "===", "***",
		"<div>html</div>", "<!-- c -->", "[x](http://a.b)", "![i](x.png)", "**b**",
		"~~s~~", "`c`", "a | b", "- [ ] task", "[^1]", "&amp; &#42;", "line\n# two",
		"end with spaces  ", "http://example.com/x", "www.example.com", "\\*",
		"| a | b |", "中文：“引号”【括号】", "[ref]: http://x", "<http://x>",
		"_under_", "a\r\n\r\nb",
	};
	static const char *const frames[] = {"{{v}}\n", "text {{v}} text\n",
					     "| h |\n| - |\n| {{v}} |\n"};
	cmark_gfm_core_extensions_ensure_registered();
	for (size_t f = 0; f < sizeof frames / sizeof frames[0]; f++) {
		for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
			sg_arena a;
			sg_arena_init(&a);
			sg_value *root = sg_value_map(&a);
			sg_map_set(&a, root, "v", sg_value_str(&a, values[i]));
			sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT,
						 .escape = sg_escape_markdown};
			sg_diags d;
			sg_diags_init(&d);
			sg_buf md;
			sg_buf_init(&md);
			assert_int_equal(sg_template_render_string(&md, frames[f], strlen(frames[f]),
								   "f.md", &opts, root, &d),
					 0);
			cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
			const char *exts[] = {"table", "strikethrough", "autolink", "tasklist"};
			for (int e = 0; e < 4; e++)
				cmark_parser_attach_syntax_extension(
					p, cmark_find_syntax_extension(exts[e]));
			cmark_parser_feed(p, md.data, md.len);
			cmark_node *doc = cmark_parser_finish(p);
			/* The block that holds the value: a paragraph, or the
			 * table's body cell. */
			cmark_node *block = cmark_node_first_child(doc);
			assert_non_null(block);
			assert_null(cmark_node_next(block));
			if (f == 2) {
				assert_string_equal(cmark_node_get_type_string(block), "table");
				block = cmark_node_first_child(cmark_node_last_child(block));
			} else {
				assert_int_equal(cmark_node_get_type(block), CMARK_NODE_PARAGRAPH);
			}
			sg_buf got, want;
			sg_buf_init(&got);
			sg_buf_init(&want);
			S_collect_text(block, &got, values[i]);
			/* What the reader sees: the value with line breaks as
			 * spaces, inside the frame's own text. */
			const char *v = values[i];
			if (f == 1)
				sg_buf_puts(&want, "text ");
			for (size_t k = 0; v[k]; k++) {
				if (v[k] == '\r' && v[k + 1] == '\n')
					continue;
				sg_buf_putc(&want, v[k] == '\n' || v[k] == '\r' ? ' ' : v[k]);
			}
			if (f == 1)
				sg_buf_puts(&want, " text");
			assert_string_equal(got.data, want.data);
			sg_buf_dispose(&got);
			sg_buf_dispose(&want);
			cmark_node_free(doc);
			cmark_parser_free(p);
			sg_buf_dispose(&md);
			sg_diags_dispose(&d);
			sg_arena_dispose(&a);
		}
	}
}

static void test_strict_errors_once_per_tag(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *root = sg_value_map(&a);
	sg_value *items = sg_map_set(&a, root, "items", sg_value_list(&a));
	for (int i = 0; i < 1000; i++) {
		sg_value *it = sg_value_map(&a);
		sg_map_set(&a, it, "name", sg_value_int(&a, i));
		sg_list_push(items, it);
	}
	const char *text = "{{#items}}{{nmae}}{{name}}{{/items}}\n{{#items}}{{x}}{{/items}}";
	sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_template_render_string(&out, text, strlen(text), "loop.md", &opts,
						   root, &d),
			 -1);
	assert_int_equal(d.count, 2);
	sg_buf msgs;
	sg_buf_init(&msgs);
	S_diags_text(&d, &msgs);
	assert_string_equal(msgs.data,
			    "loop.md:1:11: error: unknown name 'nmae' (did you mean 'name'?)\n"
			    "loop.md:2:11: error: unknown name 'x'\n");
	sg_buf_dispose(&msgs);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static int S_failing_partial(void *ctx, const char *name, sg_buf *text, sg_buf *path,
			     sg_diags *d)
{
	(void)ctx;
	(void)text;
	(void)path;
	sg_error(d, sg_pos_make(name, 0, 0), "cannot read the partial");
	return -1;
}

static void test_partials_api(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *parts = S_json(&a, "{\"head\": \"<h>{{>foot}}\", \"foot\": \"<f>\", "
				     "\"self\": \"[{{>self}}]\"}");
	sg_template_opts opts = {.partial = S_map_partial, .partial_ctx = parts};
	sg_diags d;
	sg_diags_init(&d);
	sg_template *t;
	const char *text = "{{>head}}{{>foot}}{{#no}}{{>nope}}{{/no}}";
	assert_int_equal(sg_template_compile(&t, text, strlen(text), "main", &opts, &d), 0);
	/* Each partial is loaded once, missing ones are not sources. */
	assert_string_equal(sg_template_source(t, 0), "main");
	assert_string_equal(sg_template_source(t, 1), "head");
	assert_string_equal(sg_template_source(t, 2), "foot");
	assert_null(sg_template_source(t, 3));
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_template_render(t, NULL, &out, &d), 0);
	assert_string_equal(out.data, "<h><f><f>");
	sg_template_free(t);

	/* A bound on depth set in the options. */
	opts.max_depth = 3;
	sg_buf_clear(&out);
	assert_int_equal(sg_template_render_string(&out, "{{>self}}", 9, "main", &opts, NULL, &d),
			 -1);
	assert_string_equal(out.data, "[[[");
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
			    "partial 'self' nested more than 3 deep (does it include itself?)");
	assert_string_equal(d.items[0].path, "self");

	/* A callback that fails makes compilation fail. */
	sg_diags_dispose(&d);
	sg_diags_init(&d);
	opts.partial = S_failing_partial;
	assert_int_equal(sg_template_compile(&t, "{{>x}}", 6, "main", &opts, &d), -1);
	assert_null(t);
	assert_int_equal(d.count, 1);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_strict_markup_values(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *root = sg_value_map(&a);
	sg_value *m = sg_map_set(&a, root, "table", sg_value_str(&a, "| a |\n| - |"));
	m->markup = true;
	sg_map_set(&a, root, "note", sg_value_str(&a, "*hi*"));
	sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT, .escape = sg_escape_markdown};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf out;
	sg_buf_init(&out);
	const char *ok = "{{{table}}}\n{{&table}}\n{{table}}";
	assert_int_equal(sg_template_render_string(&out, ok, strlen(ok), "m.md", &opts, root, &d),
			 0);
	assert_string_equal(out.data, "| a |\n| - |\n| a |\n| - |\n\\| a \\| \\| \\- \\|");
	sg_buf_clear(&out);
	assert_int_equal(sg_template_render_string(&out, "{{{note}}}", 10, "m.md", &opts, root, &d),
			 -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "'{{{note}}}' inserts 'note' unescaped, but it is "
						 "plain text, not markup: use {{note}}");
	/* The same tag in spec mode is raw, as the specification says. */
	sg_diags_dispose(&d);
	sg_diags_init(&d);
	sg_buf_clear(&out);
	assert_int_equal(S_render(&out, &d, SG_TEMPLATE_SPEC, NULL, "{{{x}}}", "{\"x\": \"*<b>\"}"),
			 0);
	assert_string_equal(out.data, "*<b>");
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

static void test_deep_nesting_is_refused(void **state)
{
	(void)state;
	sg_buf text;
	sg_buf_init(&text);
	for (int i = 0; i < 60; i++)
		sg_buf_puts(&text, "{{#a}}");
	sg_diags d;
	sg_diags_init(&d);
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(S_render(&out, &d, SG_TEMPLATE_SPEC, NULL, text.data, "{}"), -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "sections nested more than 50 deep");
	assert_int_equal(d.items[0].col, 301);
	sg_buf_dispose(&out);
	sg_buf_dispose(&text);
	sg_diags_dispose(&d);
}

/* Sections nested over a list multiply: 100 items nested five deep would be
 * 10^10 renderings. The engine stops at its bound with an error at a tag. */
static void test_output_bomb_is_bounded(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *root = sg_value_map(&a);
	sg_value *items = sg_map_set(&a, root, "l", sg_value_list(&a));
	for (int i = 0; i < 100; i++)
		sg_list_push(items, root);
	const char *text = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}x{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	sg_template_opts opts = {.mode = SG_TEMPLATE_SPEC};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_template_render_string(&out, text, strlen(text), "bomb.md", &opts,
						   root, &d),
			 -1);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "the template asks for too much"));
	assert_true(out.len <= SG_TEMPLATE_MAX_OUTPUT + 1024);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
}

int main(int argc, char **argv)
{
	/* One test per specification file, named after it. */
	const struct CMUnitTest tests[] = {
		{"spec_comments", test_spec_file, NULL, NULL, (void *)"comments"},
		{"spec_delimiters", test_spec_file, NULL, NULL, (void *)"delimiters"},
		{"spec_interpolation", test_spec_file, NULL, NULL, (void *)"interpolation"},
		{"spec_inverted", test_spec_file, NULL, NULL, (void *)"inverted"},
		{"spec_partials", test_spec_file, NULL, NULL, (void *)"partials"},
		{"spec_sections", test_spec_file, NULL, NULL, (void *)"sections"},
		cmocka_unit_test(test_case_files),
		cmocka_unit_test(test_compile_once_render_many),
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_escape_markdown),
		cmocka_unit_test(test_markdown_escape_with_cmark),
		cmocka_unit_test(test_strict_errors_once_per_tag),
		cmocka_unit_test(test_partials_api),
		cmocka_unit_test(test_strict_markup_values),
		cmocka_unit_test(test_deep_nesting_is_refused),
		cmocka_unit_test(test_output_bomb_is_bounded),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
