/* Unit tests of render/html/markdown_html and render/html/url: the
 * spec-style cases in tests/data/markdown-html.txt, the options, the table
 * of contents, URL safety, and the sample playbooks. */
#include "support.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/url.h"
#include "load/frontmatter.h"
#include "load/mdparse.h"
#include "render/html/markdown_html.h"
#include "render/html/sanitize.h"
#include "render/html/escape.h"

/* Renders md with options o; returns a heap string. */
static char *render_opts(const char *md, const sg_html_opts *o, sg_html_toc_entry **toc,
			 size_t *ntoc, sg_arena *a)
{
	sg_mdtree *root = sg_mdparse(md, strlen(md), 1);
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_html_markdown(&out, root->root, o, a, toc, ntoc), 0);
	sg_mdtree_free(root);
	return sg_buf_detach(&out);
}

static char *render(const char *md)
{
	sg_arena a;
	sg_arena_init(&a);
	char *html = render_opts(md, NULL, NULL, NULL, &a);
	sg_arena_dispose(&a);
	return html;
}

/* ---------------------------------------------------------------- spec file */

#define FENCE "````````````````````````````````"

typedef struct example {
	int line;
	char *input, *expected;
} example;

/* The examples of a spec-style file (see tests/data/markdown-html.txt). */
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
			ex[n].input = strdup(in.data);
			/* Expected output ends with the block's newline. */
			ex[n].expected = strdup(out.data);
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

/* What salesgen writes passes the sanitiser unchanged, byte for byte: with
 * raw-html="true", a page without raw HTML is the page without the
 * option. */
static void check_sanitize_keeps(const char *html, const char *name)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_html_sanitize(&b, html, strlen(html));
	if (strcmp(b.data, html) != 0)
		fail_msg("%s: the sanitiser changed salesgen's own markup\n--- in\n%s--- out\n%s",
			 name, html, b.data);
	sg_buf_dispose(&b);
}

static void test_spec(void **state)
{
	(void)state;
	size_t n;
	example *ex = read_spec(SG_TEST_DATA "/markdown-html.txt", &n);
	assert_true(n >= 30);
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char *got = render(ex[i].input);
		char name[64];
		snprintf(name, sizeof name, "markdown-html.txt:%d", ex[i].line);
		check_sanitize_keeps(got, name);
		if (strcmp(got, ex[i].expected) != 0) {
			failed++;
			fprintf(stderr,
				"markdown-html.txt:%d: example %zu\n--- input\n%s--- expected\n%s--- "
				"got\n%s\n",
				ex[i].line, i + 1, ex[i].input, ex[i].expected, got);
		}
		free(got);
		free(ex[i].input);
		free(ex[i].expected);
	}
	free(ex);
	fprintf(stderr, "markdown-html.txt: %zu examples, %d failed\n", n, failed);
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------- options */

static void test_toc_and_ids(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_html_toc_entry *toc;
	size_t n;
	sg_html_opts o = {.id_prefix = "pb-", .heading_shift = 1};
	char *html = render_opts("# 安全性顾虑\n\n## 概述\n\n## 概述\n\n###### 深\n\n## 概述-2\n", &o,
				 &toc, &n, &a);
	assert_int_equal(n, 5);
	assert_int_equal(toc[0].level, 2);
	assert_string_equal(toc[0].id, "pb-安全性顾虑");
	assert_string_equal(toc[0].text, "安全性顾虑");
	assert_string_equal(toc[1].id, "pb-概述");
	assert_string_equal(toc[2].id, "pb-概述-2");
	assert_int_equal(toc[3].level, 6); /* 6 + 1 is clamped */
	/* A heading whose own id is taken by a numbered duplicate. */
	assert_string_equal(toc[4].id, "pb-概述-2-2");
	assert_non_null(strstr(html, "<h2 id=\"pb-安全性顾虑\">安全性顾虑</h2>"));
	assert_non_null(strstr(html, "<h6 id=\"pb-深\">深</h6>"));
	free(html);

	/* No headings: an empty list; toc pointers may be NULL. */
	html = render_opts("正文\n", NULL, &toc, &n, &a);
	assert_int_equal(n, 0);
	assert_null(toc);
	free(html);
	html = render_opts("# 标题\n", NULL, NULL, NULL, &a);
	assert_string_equal(html, "<h1 id=\"标题\">标题</h1>\n");
	free(html);
	sg_arena_dispose(&a);
}

static void test_raw_html_option(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	const char *md = "<div class=\"note\">注意</div>\n\n文字 <kbd>Ctrl</kbd> 键\n";
	char *off = render_opts(md, NULL, NULL, NULL, &a);
	assert_string_equal(off, "<p>文字 Ctrl 键</p>\n");
	sg_html_opts o = {.allow_raw_html = true};
	char *on = render_opts(md, &o, NULL, NULL, &a);
	assert_string_equal(on, "<div class=\"note\">注意</div>\n<p>文字 <kbd>Ctrl</kbd> 键</p>\n");
	free(off);
	free(on);
	sg_arena_dispose(&a);
}

static const char *rewrite_md(void *ctx, const char *url, sg_arena *a)
{
	(*(int *)ctx)++;
	const char *dot = strstr(url, ".md");
	if (!dot || strchr(url, ':'))
		return url;
	if (strcmp(url, "evil.md") == 0)
		return "javascript:alert(1)";
	return sg_arena_printf(a, "%.*s.html%s", (int)(dot - url), url, dot + 3);
}

static void test_rewrite_link(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	int calls = 0;
	sg_html_opts o = {.rewrite_link = rewrite_md, .ctx = &calls};
	char *html = render_opts("[报价](pricing.md#折扣) [外部](https://example.com/a.md) "
				 "[坏](evil.md) ![图](img/a.png)\n",
				 &o, NULL, NULL, &a);
	assert_string_equal(html, "<p><a href=\"pricing.html#折扣\">报价</a> "
				  "<a href=\"https://example.com/a.md\">外部</a> 坏 "
				  "<img src=\"img/a.png\" alt=\"图\" loading=\"lazy\"></p>\n");
	assert_int_equal(calls, 4); /* images are rewritten too */
	free(html);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- URLs */

static void test_url_safe(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		bool link, image;
	} cases[] = {
		{"https://example.com/", true, true},
		{"HTTP://EXAMPLE.COM", true, true},
		{"mailto:a@b.cn", true, true},
		{"tel:+86 10 1234", true, true},
		{"other.html", true, true},
		{"../img/a.png", true, true},
		{"#价格", true, true},
		{"?q=1", true, true},
		{"", true, true},
		{"a/b:c", true, true},
		{"javascript:alert(1)", false, false},
		{"JaVaScRiPt:alert(1)", false, false},
		{" javascript:alert(1)", false, false},
		{"\x01\x02javascript:alert(1)", false, false},
		{"java\tscript:alert(1)", false, false},
		{"java\nscript:alert(1)", false, false},
		{"java\rscript:alert(1)", false, false},
		{"jav\x01script:alert(1)", false, false},
		{"javascript :alert(1)", false, false},
		{"vbscript:msgbox(1)", false, false},
		{"VBScript:msgbox(1)", false, false},
		{"data:text/html,<script>alert(1)</script>", false, false},
		{"data:image/png;base64,AAAA", false, true},
		{"DATA:IMAGE/JPEG;base64,AAAA", false, true},
		{"data:image/gif,x", false, true},
		{"data:image/webp;base64,AAAA", false, true},
		{"data:image/svg+xml;base64,PHN2Zz4=", false, false},
		{"data:image/pngx;base64,AAAA", false, false},
		{"file:///etc/passwd", false, false},
		{"ftp://example.com", false, false},
		{"c:\\windows", false, false},
		{"\xEF\xBD\x8A\xEF\xBD\x81vascript:alert(1)", false, false}, /* full-width "ja" */
		/* a long relative name is not a long scheme */
		{"pricing-and-approvals.html", true, true},
		{"a-very-long-file-name-indeed.md#价格", true, true},
		{"averyveryverylongscheme:x", false, false},
		/* percent escapes in the scheme or its colon */
		{"%6Aavascript:alert(1)", false, false},
		{"javascript%3Aalert(1)", false, false},
		{"javascript%3aalert(1)", false, false},
		{"https%3A//example.com", true, true},
		{"a%2Fb:c", true, true},
		/* another host without a scheme, a network share */
		{"//evil.example/x", false, false},
		{"\\\\host\\share", false, false},
		{"\\/host", false, false},
		{"/\\host", false, false},
		{"/\t/host", false, false},
		{"%2F%2Fhost", false, false},
		{"/ok/path", true, true},
		{"/a:b", true, true},
		{"\\windows\\path.md", false, false},
		{"docs\\win.md", true, true},
		{"FILE:///etc/passwd", false, false},
		{"fi\tle:///etc/passwd", false, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (sg_url_safe(cases[i].url, SG_URL_LINK) != cases[i].link)
			fail_msg("case %zu: link '%s'", i, cases[i].url);
		if (sg_url_safe(cases[i].url, SG_URL_IMAGE) != cases[i].image)
			fail_msg("case %zu: image '%s'", i, cases[i].url);
	}
	assert_false(sg_url_safe(NULL, SG_URL_LINK));
}

/* An image on the web: an absolute http or https address, nothing else. */
static void test_url_is_remote(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		bool remote;
	} cases[] = {
		{"https://example.com/a.png", true},
		{"http://example.com/a.png", true},
		{"HTTPS://EXAMPLE.COM/A.PNG", true},
		{"  https://example.com/a.png\n", true},
		{"https://", false},
		{"http:/example.com/a.png", false},
		{"//example.com/a.png", false},
		{"ftp://example.com/a.png", false},
		{"data:image/png;base64,AAAA", false},
		{"../images/logo.png", false},
		{"images/https://x.png", false},
		{"", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (sg_url_is_remote(cases[i].url) != cases[i].remote)
			fail_msg("case %zu: '%s'", i, cases[i].url);
	assert_false(sg_url_is_remote(NULL));
}

/* remote-images="false": no <img> for an image on the web, a link to it
 * instead (the text alone inside a link); other images stay. */
static void test_no_remote_images(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	const char *md = "![架构图](https://example.com/a.png \"图一\")\n\n"
			 "行内 ![](http://example.com/b.svg) 与 [![徽章](https://example.com/c.svg)]"
			 "(https://example.com/) 及 ![本地](img/d.png)\n";
	char *on = render_opts(md, NULL, NULL, NULL, &a);
	assert_string_equal(on, "<p><img src=\"https://example.com/a.png\" alt=\"架构图\" "
				"title=\"图一\" loading=\"lazy\"></p>\n"
				"<p>行内 <img src=\"http://example.com/b.svg\" alt=\"\" loading=\"lazy\"> "
				"与 <a href=\"https://example.com/\"><img src=\"https://example.com/c.svg\" "
				"alt=\"徽章\" loading=\"lazy\"></a> "
				"及 <img src=\"img/d.png\" alt=\"本地\" loading=\"lazy\"></p>\n");
	sg_html_opts o = {.no_remote_images = true};
	char *off = render_opts(md, &o, NULL, NULL, &a);
	static const char want[] =
		"<p><a class=\"remote-image\" href=\"https://example.com/a.png\" "
		"title=\"图一\">架构图</a></p>\n"
		"<p>行内 <a class=\"remote-image\" href=\"http://example.com/b.svg\">"
		"http://example.com/b.svg</a> "
		"与 <a href=\"https://example.com/\">徽章</a> "
		"及 <img src=\"img/d.png\" alt=\"本地\" loading=\"lazy\"></p>\n";
	assert_string_equal(off, want);
	check_sanitize_keeps(off, "no_remote_images");
	/* Raw HTML images too, when raw HTML is kept. */
	o.allow_raw_html = true;
	char *raw = render_opts("<img src=\"HTTPS://example.com/r.png\" alt=\"原始\"> "
				"<img src=\"local.png\" alt=\"本地\">\n",
				&o, NULL, NULL, &a);
	assert_string_equal(raw, "<p><a class=\"remote-image\" href=\"HTTPS://example.com/r.png\">"
				 "原始</a> <img src=\"local.png\" alt=\"本地\"></p>\n");
	free(on);
	free(off);
	free(raw);
	sg_arena_dispose(&a);
}

static void test_url_escape(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_url_escape_attr(&b, "  https://x.cn/a b?q=\"1\"&r=<2>%20%zz'#价格\n");
	assert_string_equal(b.data,
			    "https://x.cn/a%20b?q=%221%22&amp;r=%3C2%3E%20%25zz&#39;#价格");
	sg_buf_clear(&b);
	assert_false(sg_url_put_safe(&b, "javascript:x", SG_URL_LINK));
	assert_int_equal(b.len, 0);
	assert_true(sg_url_put_safe(&b, "a\\b{c}|d^e`f", SG_URL_LINK));
	assert_string_equal(b.data, "a%5Cb%7Bc%7D%7Cd%5Ee%60f");
	sg_buf_dispose(&b);
}

/* ---------------------------------------------------------------- hostile input */

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

static void test_hostile_input_is_inert(void **state)
{
	(void)state;
	const char *md =
		"<script>alert(1)</script>\n\n"
		"<img src=x onerror=alert(1)>\n\n"
		"文字<script>alert(2)</script><a href=\"javascript:x\">y</a>\n\n"
		"[a](javascript:alert(1)) [b](%20javascript:alert(1)) "
		"[c](&#x6A;avascript:alert(1)) [d](jAvAsCrIpT&colon;alert(1))\n\n"
		"![x\" onerror=\"alert(1)](a.png) ![y](javascript:alert(1) \"t\\\" onload=\\\"x\")\n\n"
		"[e](<https://example.com/\"onmouseover=\"alert(1)>)\n\n"
		"```js\" onclick=\"x\n</code><script>x</script>\n```\n\n"
		"# <script>标题</script> \"引号\"\n\n"
		"| <b>表</b> |\n|---|\n| <iframe src=javascript:x> |\n";
	char *html = render(md);
	assert_false(contains_ci(html, "<script"));
	assert_false(contains_ci(html, "javascript:"));
	assert_false(contains_ci(html, "<iframe"));
	assert_false(contains_ci(html, "<img src=x"));
	assert_false(contains_ci(html, "onerror=\""));
	assert_false(contains_ci(html, " onmouseover="));
	assert_false(contains_ci(html, " onclick="));
	assert_false(contains_ci(html, " onload="));
	assert_false(contains_ci(html, "<b>"));
	/* The text of refused links is kept. */
	assert_non_null(strstr(html, "<p>a b c d</p>"));
	free(html);
}

/* ---------------------------------------------------------------- samples */

/* A small well-formedness check: every element opened is closed in order
 * (void elements aside), attribute values are quoted, and ids are unique. */
static void check_well_formed(const char *html, const char *name)
{
	static const char *const voids[] = {"br", "hr", "img", "input"};
	char stack[64][16];
	int depth = 0;
	char ids[256][128];
	int nids = 0;
	for (const char *p = html; (p = strchr(p, '<'));) {
		const char *end = strchr(p, '>');
		assert_non_null(end);
		bool closing = p[1] == '/';
		const char *t = p + 1 + closing;
		size_t tl = 0;
		while (isalnum((unsigned char)t[tl]))
			tl++;
		assert_true(tl > 0 && tl < 16);
		char tag[16];
		memcpy(tag, t, tl);
		tag[tl] = '\0';
		for (const char *q = t + tl; q < end; q++)
			if (*q == '=')
				assert_true(q[1] == '"');
		const char *id = strstr(t, " id=\"");
		if (!closing && id && id < end) {
			id += 5;
			size_t il = (size_t)(strchr(id, '"') - id);
			assert_true(il < 128 && nids < 256);
			memcpy(ids[nids], id, il);
			ids[nids][il] = '\0';
			for (int i = 0; i < nids; i++)
				if (strcmp(ids[i], ids[nids]) == 0)
					fail_msg("%s: duplicate id %s", name, ids[i]);
			nids++;
		}
		bool is_void = false;
		for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
			is_void |= strcmp(tag, voids[i]) == 0;
		if (closing) {
			assert_true(depth > 0);
			if (strcmp(stack[depth - 1], tag) != 0)
				fail_msg("%s: </%s> closes <%s>", name, tag, stack[depth - 1]);
			depth--;
		} else if (!is_void) {
			assert_true(depth < 64);
			strcpy(stack[depth++], tag);
		}
		p = end + 1;
	}
	if (depth != 0)
		fail_msg("%s: <%s> left open", name, stack[depth - 1]);
}

static void test_sample_playbooks(void **state)
{
	(void)state;
	const char *dir = SG_TEST_DATA "/content/playbooks";
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int files = 0;
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
		sg_mdtree *root = sg_mdparse(text + off, len - off, line);
		sg_arena a;
		sg_arena_init(&a);
		sg_buf out, again;
		sg_buf_init(&out);
		sg_buf_init(&again);
		sg_html_toc_entry *toc;
		size_t ntoc;
		sg_html_opts o = {.heading_shift = 1};
		sg_html_markdown(&out, root->root, &o, &a, &toc, &ntoc);
		sg_html_markdown(&again, root->root, &o, &a, NULL, NULL);
		assert_string_equal(out.data, again.data); /* deterministic */
		check_well_formed(out.data, e->d_name);
		check_sanitize_keeps(out.data, e->d_name);
		sg_buf_clear(&again);
		o.allow_raw_html = true;
		sg_html_markdown(&again, root->root, &o, &a, NULL, NULL);
		assert_string_equal(out.data, again.data);
		assert_true(ntoc > 0);
		assert_null(strstr(out.data, "<h1"));
		/* The writer's emphasis all became markup: no asterisk is left
		 * outside code. */
		bool in_code = false;
		for (const char *p = out.data; *p; p++) {
			if (strncmp(p, "<code", 5) == 0)
				in_code = true;
			else if (strncmp(p, "</code>", 7) == 0)
				in_code = false;
			else if (*p == '*' && !in_code)
				fail_msg("%s: literal '*' at %.40s", e->d_name, p);
		}
		sg_buf_dispose(&out);
		sg_buf_dispose(&again);
		sg_arena_dispose(&a);
		sg_mdtree_free(root);
		free(text);
		files++;
	}
	closedir(d);
	assert_true(files > 0);
}

/* With raw HTML allowed, harmless markup is kept and what can run is left
 * out (the many attacks are in test_html_sanitize.c). */
static void test_raw_html_allowed_but_inert(void **state)
{
	(void)state;
	const char *md = "按 <kbd>Ctrl</kbd> 键。\n\n<div onclick=\"x()\">危险</div>\n";
	sg_mdtree *root = sg_mdparse(md, strlen(md), 1);
	sg_html_opts o = {.allow_raw_html = true};
	sg_arena a;
	sg_arena_init(&a);
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_html_markdown(&out, root->root, &o, &a, NULL, NULL), 0);
	assert_string_equal(out.data, "<p>按 <kbd>Ctrl</kbd> 键。</p>\n<div>危险</div>\n");
	sg_buf_clear(&out);
	o.allow_raw_html = false;
	assert_int_equal(sg_html_markdown(&out, root->root, &o, &a, NULL, NULL), 0);
	assert_string_equal(out.data, "<p>按 Ctrl 键。</p>\n");
	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
	sg_mdtree_free(root);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_toc_and_ids),
		cmocka_unit_test(test_raw_html_option),
		cmocka_unit_test(test_url_is_remote),
		cmocka_unit_test(test_no_remote_images),
		cmocka_unit_test(test_rewrite_link),
		cmocka_unit_test(test_url_safe),
		cmocka_unit_test(test_url_escape),
		cmocka_unit_test(test_hostile_input_is_inert),
		cmocka_unit_test(test_sample_playbooks),
		cmocka_unit_test(test_raw_html_allowed_but_inert),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
