/* Unit tests of load/cjk_emphasis and load/cjk_quotes, the passes over
 * cmark's tree: the spec-style cases in tests/data/cjk-emphasis.txt and
 * tests/data/smart-punct.txt, CommonMark left alone for text without CJK,
 * text kept whatever the passes do, escapes, and the sample playbooks. */
#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "load/cjk_emphasis.h"
#include "load/cjk_quotes.h"
#include "load/frontmatter.h"
#include "load/markdown.h"

/* ---------------------------------------------------------------- helpers */

/* cmark-gfm with salesgen's options and extensions, without the pass. */
static cmark_node *raw_parse(const char *text, size_t len)
{
	static const char *const exts[] = {"table", "tasklist", "strikethrough", "autolink"};
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(SG_MARKDOWN_OPTIONS);
	for (size_t i = 0; i < 4; i++)
		cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, text, len);
	cmark_node *root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

/* The text of the tree under root: literals of text and code spans, line
 * breaks as spaces, a newline between blocks. */
static void text_of(cmark_node *root, sg_buf *out)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			sg_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sg_buf_putc(out, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (out->len)
				sg_buf_putc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static char *html_of(cmark_node *root)
{
	return cmark_render_html(root, CMARK_OPT_DEFAULT, NULL);
}

static char *render(const char *md)
{
	cmark_node *root = sg_markdown_parse(md, strlen(md), 1);
	char *html = html_of(root);
	sg_markdown_free(root);
	return html;
}

static char *render_raw(const char *md)
{
	cmark_node *root = raw_parse(md, strlen(md));
	char *html = html_of(root);
	cmark_node_free(root);
	return html;
}

static bool has_cjk(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, n - i, &cp);
		if (k && sg_utf8_is_cjk(cp))
			return true;
		i += k ? k : 1;
	}
	return false;
}

/* ---------------------------------------------------------------- spec file */

typedef struct example {
	int line; /* of the opening fence */
	char *input, *expected;
} example;

#define FENCE "````````````````````````````````"

/* Reads the examples of a spec-style file: a fence line ending in
 * "example", the input, a line ".", the expected output, a fence line.
 * "→" in either part stands for a tab. */
static example *read_spec(const char *path, size_t *count)
{
	size_t len;
	char *text = sg_test_read_file(path, &len);
	assert_non_null(text);
	example *ex = NULL;
	size_t n = 0;
	int state = 0, lineno = 0; /* 0 prose, 1 input, 2 expected */
	sg_buf in, out;
	sg_buf_init(&in);
	sg_buf_init(&out);
	int start = 0;
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
			ex[n].input = strdup(in.data);
			ex[n].expected = strdup(out.data);
			n++;
			state = 0;
		} else if (state) {
			sg_buf *b = state == 1 ? &in : &out;
			for (size_t i = 0; i < ll; i++) {
				if (i + 3 <= ll && memcmp(line + i, "\xE2\x86\x92", 3) == 0) {
					sg_buf_putc(b, '\t');
					i += 2;
				} else {
					sg_buf_putc(b, line[i]);
				}
			}
			sg_buf_putc(b, '\n');
		}
		line = nl ? nl + 1 : NULL;
	}
	assert_int_equal(state, 0); /* no example left open */
	sg_buf_dispose(&in);
	sg_buf_dispose(&out);
	free(text);
	*count = n;
	return ex;
}

static void free_spec(example *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ex[i].input);
		free(ex[i].expected);
	}
	free(ex);
}

/* Runs every example of the spec file name (under tests/data/); returns
 * how many there were. */
static size_t run_spec(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", SG_TEST_DATA, name);
	size_t n;
	example *ex = read_spec(path, &n);
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char *got = render(ex[i].input);
		if (strcmp(got, ex[i].expected) != 0) {
			failed++;
			fprintf(stderr, "%s:%d: example %zu\n--- input\n%s--- expected\n%s--- got\n%s\n",
				name, ex[i].line, i + 1, ex[i].input, ex[i].expected, got);
		}
		free(got);
	}
	fprintf(stderr, "%s: %zu examples, %d failed\n", name, n, failed);
	free_spec(ex, n);
	assert_int_equal(failed, 0);
	return n;
}

static void test_spec(void **state)
{
	(void)state;
	assert_true(run_spec("cjk-emphasis.txt") >= 40);
}

/* Smart punctuation, and quotes next to Chinese text (cjk_quotes.h). */
static void test_spec_smart(void **state)
{
	(void)state;
	assert_true(run_spec("smart-punct.txt") >= 15);
}

/* ---------------------------------------------------------------- CommonMark kept */

/* Examples without CJK render exactly as cmark-gfm alone renders them. */
static void test_spec_latin_is_commonmark(void **state)
{
	(void)state;
	size_t n;
	example *ex = read_spec(SG_TEST_DATA "/cjk-emphasis.txt", &n);
	int checked = 0;
	for (size_t i = 0; i < n; i++) {
		if (has_cjk(ex[i].input))
			continue;
		char *raw = render_raw(ex[i].input);
		assert_string_equal(raw, ex[i].expected);
		free(raw);
		checked++;
	}
	assert_true(checked >= 5);
	free_spec(ex, n);
}

/* Every string of up to 6 characters over an alphabet of delimiters,
 * letters, spaces and punctuation: the pass changes nothing. */
static void test_exhaustive_latin(void **state)
{
	(void)state;
	static const char alpha[] = "*_a .";
	const int k = 5, maxlen = 6;
	char s[8];
	int total = 0;
	for (int len = 1; len <= maxlen; len++) {
		int combos = 1;
		for (int i = 0; i < len; i++)
			combos *= k;
		for (int c = 0; c < combos; c++) {
			int v = c;
			for (int i = 0; i < len; i++, v /= k)
				s[i] = alpha[v % k];
			s[len] = '\0';
			char *a = render(s), *b = render_raw(s);
			if (strcmp(a, b) != 0)
				fail_msg("'%s': pass gives %s, CommonMark %s", s, a, b);
			free(a);
			free(b);
			total++;
		}
	}
	assert_int_equal(total, 5 + 25 + 125 + 625 + 3125 + 15625);
}

/* ---------------------------------------------------------------- text kept */

static void strip_delims(sg_buf *b)
{
	size_t j = 0;
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] != '*' && b->data[i] != '_')
			b->data[j++] = b->data[i];
	sg_buf_truncate(b, j);
}

static int count_literal_delims(cmark_node *root)
{
	int n = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_TEXT)
			continue;
		for (const char *p = cmark_node_get_literal(cur); *p; p++)
			n += *p == '*' || *p == '_';
	}
	cmark_iter_free(it);
	return n;
}

static uint32_t S_rand_state = 12345;
static uint32_t next_rand(void)
{
	S_rand_state = S_rand_state * 1103515245u + 12345u;
	return S_rand_state >> 8;
}

/* Random mixtures of delimiters, CJK and Latin text, punctuation, code spans,
 * links and escapes: whatever the pass pairs, the text (all but the
 * delimiters) is what cmark-gfm alone gives, and nothing crashes (run this
 * under the sanitizers). */
static void test_random_text_kept(void **state)
{
	(void)state;
	static const char *const tok[] = {
		"*", "**", "***", "_", "__", "中", "。", "，", "“", "”", "a", " ", "\n", "`",
		"[", "](u)", "\\*", "\\_", "（", "）", "~~", "&ast;", "&#42;", "!", "文", "b",
		"\n- ", "\n> ", "\n| x |\n|---|\n| ", "：", "字"};
	const size_t ntok = sizeof tok / sizeof tok[0];
	sg_buf md, t1, t2;
	sg_buf_init(&md);
	sg_buf_init(&t1);
	sg_buf_init(&t2);
	int changed = 0;
	for (int round = 0; round < 8000; round++) {
		sg_buf_clear(&md);
		int len = 1 + (int)(next_rand() % 40);
		for (int i = 0; i < len; i++)
			sg_buf_puts(&md, tok[next_rand() % ntok]);
		cmark_node *ours = sg_markdown_parse(md.data, md.len, 1);
		cmark_node *raw = raw_parse(md.data, md.len);
		sg_buf_clear(&t1);
		sg_buf_clear(&t2);
		text_of(ours, &t1);
		text_of(raw, &t2);
		strip_delims(&t1);
		strip_delims(&t2);
		if (strcmp(t1.data, t2.data) != 0)
			fail_msg("text changed for \"%s\": \"%s\" vs \"%s\"", md.data, t1.data,
				 t2.data);
		/* Never more delimiters left as text than cmark-gfm leaves. */
		if (count_literal_delims(ours) > count_literal_delims(raw))
			fail_msg("more literal delimiters after the pass for \"%s\"", md.data);
		char *h1 = html_of(ours), *h2 = html_of(raw);
		if (strcmp(h1, h2) != 0 && getenv("SG_SHOW") && changed < 40)
			fprintf(stderr, "IN %s\nRAW %sOUR %s\n", md.data, h2, h1);
		changed += strcmp(h1, h2) != 0;
		free(h1);
		free(h2);
		sg_markdown_free(ours);
		cmark_node_free(raw);
	}
	/* The mixtures are CJK-heavy: the pass must have had work to do. */
	fprintf(stderr, "random mixtures: %d of 8000 changed by the pass\n", changed);
	assert_true(changed > 40);
	sg_buf_dispose(&md);
	sg_buf_dispose(&t1);
	sg_buf_dispose(&t2);
}

/* ---------------------------------------------------------------- the API */

static void test_count_and_source(void **state)
{
	(void)state;
	const char *md = "这是**重要的。**后面，*斜体。*文字\n";
	cmark_node *root = raw_parse(md, strlen(md));
	assert_int_equal(sg_cjk_emphasis_fix(root, md, strlen(md)), 2);
	char *html = html_of(root);
	assert_string_equal(html, "<p>这是<strong>重要的。</strong>后面，<em>斜体。</em>文字</p>\n");
	free(html);
	/* A second run finds nothing left to pair. */
	assert_int_equal(sg_cjk_emphasis_fix(root, md, strlen(md)), 0);
	cmark_node_free(root);

	/* Only the source tells an escaped asterisk from a delimiter. */
	const char *esc = "\\*\\*重要。\\*\\*后面\n";
	root = raw_parse(esc, strlen(esc));
	assert_int_equal(sg_cjk_emphasis_fix(root, esc, strlen(esc)), 0);
	cmark_node_free(root);
	root = raw_parse(esc, strlen(esc));
	assert_int_equal(sg_cjk_emphasis_fix(root, NULL, 0), 1);
	cmark_node_free(root);

	/* The source is also needed where an escape and a delimiter share a
	 * line inside a list item (positions are checked, not trusted). */
	const char *mixed = "- 甲\\*乙\n  这是**重要的。**后面 \\_x\n";
	root = raw_parse(mixed, strlen(mixed));
	assert_int_equal(sg_cjk_emphasis_fix(root, mixed, strlen(mixed)), 1);
	html = html_of(root);
	assert_string_equal(html, "<ul>\n<li>甲*乙\n这是<strong>重要的。</strong>后面 _x</li>\n</ul>\n");
	free(html);
	cmark_node_free(root);

	/* User data is left free for the renderers. */
	root = sg_markdown_parse(md, strlen(md), 1);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (cur != root)
			assert_null(cmark_node_get_user_data(cur));
	}
	cmark_iter_free(it);
	sg_markdown_free(root);
}

/* ---------------------------------------------------------------- quotes */

static void test_quotes_api(void **state)
{
	(void)state;
	/* cmark closes both quotes; the pass opens the first. */
	const char *md = "他说\"你好\"然后\n";
	cmark_node *root = raw_parse(md, strlen(md));
	assert_int_equal(sg_cjk_quotes_fix(root, md, strlen(md)), 1);
	char *html = html_of(root);
	assert_string_equal(html, "<p>他说“你好”然后</p>\n");
	free(html);
	/* A second run finds nothing to change. */
	assert_int_equal(sg_cjk_quotes_fix(root, md, strlen(md)), 0);
	cmark_node_free(root);

	/* Only the source tells a quote typed curly from one made from a
	 * straight quote: typed, it is kept, and without the source it is
	 * taken for smart punctuation's. */
	const char *typed = "他说”你好”然后\n";
	root = raw_parse(typed, strlen(typed));
	assert_int_equal(sg_cjk_quotes_fix(root, typed, strlen(typed)), 0);
	cmark_node_free(root);
	root = raw_parse(typed, strlen(typed));
	assert_int_equal(sg_cjk_quotes_fix(root, NULL, 0), 1);
	cmark_node_free(root);

	/* A typed quote and straight ones on one line of a list item: the
	 * text is lined up with its line in the source. */
	const char *mixed = "- 甲“乙”丙\"丁\"戊\n";
	root = sg_markdown_parse(mixed, strlen(mixed), 1);
	html = html_of(root);
	assert_string_equal(html, "<ul>\n<li>甲“乙”丙“丁”戊</li>\n</ul>\n");
	free(html);
	sg_markdown_free(root);
}

/* The text with every curly quote made straight again. */
static void fold_quotes(sg_buf *b)
{
	size_t j = 0;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];
		if (c == 0xE2 && i + 2 < b->len && (unsigned char)b->data[i + 1] == 0x80) {
			unsigned char d = (unsigned char)b->data[i + 2];
			if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D) {
				b->data[j++] = d >= 0x9C ? '"' : '\'';
				i += 2;
				continue;
			}
		}
		b->data[j++] = (char)c;
	}
	sg_buf_truncate(b, j);
}

/* Random mixtures of straight, escaped, typed and referenced quotes with
 * CJK and Latin text, emphasis, code, lists and tables: the pass changes
 * only which way quotes turn, nothing crashes (run this under the
 * sanitizers), and text without a straight quote is left as cmark made
 * it. */
static void test_random_quotes(void **state)
{
	(void)state;
	static const char *const tok[] = {
		"\"", "'", "\\\"", "\\'", "“", "”", "‘", "’", "&ldquo;", "&#8217;", "中", "文",
		"。", "，", "：", "a", "b", " ", "\n", "*", "**", "`", "--", "...", "\n- ",
		"\n> ", "\n| x |\n|---|\n| ", "[", "](u)", "s"};
	const size_t ntok = sizeof tok / sizeof tok[0];
	sg_buf md, t1, t2;
	sg_buf_init(&md);
	sg_buf_init(&t1);
	sg_buf_init(&t2);
	int changed = 0;
	for (int round = 0; round < 8000; round++) {
		sg_buf_clear(&md);
		int len = 1 + (int)(next_rand() % 40);
		for (int i = 0; i < len; i++)
			sg_buf_puts(&md, tok[next_rand() % ntok]);
		cmark_node *ours = raw_parse(md.data, md.len);
		cmark_node *raw = raw_parse(md.data, md.len);
		int n = sg_cjk_quotes_fix(ours, md.data, md.len);
		sg_buf_clear(&t1);
		sg_buf_clear(&t2);
		text_of(ours, &t1);
		text_of(raw, &t2);
		if (n == 0 && strcmp(t1.data, t2.data) != 0)
			fail_msg("text changed with no quote changed for \"%s\"", md.data);
		bool straight = strchr(md.data, '"') || strchr(md.data, '\'');
		if (!straight && n != 0)
			fail_msg("quotes changed without a straight one in \"%s\"", md.data);
		fold_quotes(&t1);
		fold_quotes(&t2);
		if (strcmp(t1.data, t2.data) != 0)
			fail_msg("text changed for \"%s\": \"%s\" vs \"%s\"", md.data, t1.data,
				 t2.data);
		changed += n > 0;
		sg_markdown_free(ours);
		cmark_node_free(raw);
	}
	fprintf(stderr, "random mixtures: %d of 8000 changed by the quotes pass\n", changed);
	assert_true(changed > 40);
	sg_buf_dispose(&md);
	sg_buf_dispose(&t1);
	sg_buf_dispose(&t2);
}

/* ---------------------------------------------------------------- samples */

static int count_literal_stars(cmark_node *root)
{
	int n = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cur) != CMARK_NODE_TEXT)
			continue;
		for (const char *p = cmark_node_get_literal(cur); *p; p++)
			n += *p == '*';
	}
	cmark_iter_free(it);
	return n;
}

/* The sample playbooks use Chinese emphasis throughout: count the asterisks
 * left as text (code spans aside) with cmark-gfm alone and after the pass.
 * Every one left must be one the writer escaped. */
static void test_sample_playbooks(void **state)
{
	(void)state;
	const char *dir = SG_TEST_DATA "/content/playbooks";
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int files = 0, before = 0, after = 0, escaped = 0;
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name);
		if (nl < 4 || strcmp(e->d_name + nl - 3, ".md") != 0)
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len, off;
		int line;
		char *text = sg_test_read_file(path, &len);
		assert_non_null(text);
		sg_frontmatter_split(text, len, &off, &line, NULL, NULL);
		cmark_node *raw = raw_parse(text + off, len - off);
		cmark_node *ours = sg_markdown_parse(text + off, len - off, line);
		int b = count_literal_stars(raw), a = count_literal_stars(ours), esc = 0;
		for (size_t i = off; i + 1 < len; i++)
			esc += text[i] == '\\' && text[i + 1] == '*';
		fprintf(stderr, "%-28s literal '*' before %3d, after %3d (escaped %d)\n",
			e->d_name, b, a, esc);
		before += b;
		after += a;
		escaped += esc;
		files++;
		cmark_node_free(raw);
		sg_markdown_free(ours);
		free(text);
	}
	closedir(d);
	fprintf(stderr, "%d playbooks: literal '*' before %d, after %d\n", files, before, after);
	assert_true(files > 0);
	assert_int_equal(after, escaped);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_spec_smart),
		cmocka_unit_test(test_quotes_api),
		cmocka_unit_test(test_random_quotes),
		cmocka_unit_test(test_spec_latin_is_commonmark),
		cmocka_unit_test(test_exhaustive_latin),
		cmocka_unit_test(test_random_text_kept),
		cmocka_unit_test(test_count_and_source),
		cmocka_unit_test(test_sample_playbooks),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
