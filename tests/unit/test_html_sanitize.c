/* Unit tests of render/html/sanitize: raw HTML reduced to an allow-list.
 *
 * Every output is read back by a strict checker (inert_problem below) that
 * accepts only the shape sg_html_sanitize promises: tags and attributes of
 * the allow-list, every attribute value in double quotes with no quote or
 * angle bracket inside, no '<' or '>' in text, every element closed in
 * order, and href/src/cite values the URL allow-list takes. Markup of that
 * shape is tokenised by a browser exactly as written, so what the checker
 * accepts cannot run anything. The vectors are the issue's three attacks and
 * the usual suspects of XSS filter evasion lists. */
#include "support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/url.h"
#include "load/mdparse.h"
#include "render/html/markdown_html.h"
#include "render/html/sanitize.h"

/* ---------------------------------------------------------------- checker */

static const char *const S_ok_elems[] = {
	"a",      "abbr",   "b",     "bdi",     "bdo",     "blockquote", "br",   "caption",
	"cite",   "code",   "col",   "colgroup", "dd",     "del",        "details", "dfn",
	"div",    "dl",     "dt",    "em",      "figcaption", "figure",  "h1",   "h2",
	"h3",     "h4",     "h5",    "h6",      "hr",      "i",          "img",  "input",
	"ins",    "kbd",    "label", "li",      "mark",    "ol",         "p",    "pre",
	"q",      "rp",     "rt",    "ruby",    "s",       "samp",       "small", "span",
	"strong", "sub",    "summary", "sup",   "table",   "tbody",      "td",   "tfoot",
	"th",     "thead",  "time",  "tr",      "u",       "ul",         "var",  "wbr",
};
static const char *const S_void_elems[] = {"br", "col", "hr", "img", "input", "wbr"};
static const char *const S_ok_attrs[] = {
	"id",   "class",  "title",  "lang",    "dir",      "aria-label", "href",  "src",
	"alt",  "width",  "height", "loading", "cite",     "datetime",   "colspan", "rowspan",
	"scope", "span",  "start",  "reversed", "type",    "value",      "open",  "checked",
	"disabled",
};

static bool in(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}
#define IN(list, s, len) in(list, sizeof list / sizeof list[0], s, len)

static bool lower_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* An attribute value as a browser reads it (known_ref() holds for every
 * '&' in it). */
static char *decode(const char *s, size_t n)
{
	static const struct {
		const char *ref, *ch;
	} refs[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	char *out = malloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		bool done = false;
		for (size_t r = 0; r < sizeof refs / sizeof refs[0] && !done; r++) {
			size_t rl = strlen(refs[r].ref);
			if (i + rl <= n && memcmp(s + i, refs[r].ref, rl) == 0) {
				out[k++] = refs[r].ch[0];
				i += rl;
				done = true;
			}
		}
		if (!done)
			out[k++] = s[i++];
	}
	out[k] = '\0';
	return out;
}

static char S_problem[512];

/* True when the '&' at s starts one of the references salesgen writes:
 * any other (&#106;, &colon;) would be decoded by a browser into something
 * the checker did not see. */
static bool known_ref(const char *s)
{
	static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
	for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++)
		if (strncmp(s, refs[r], strlen(refs[r])) == 0)
			return true;
	return false;
}

/* NULL when html has the shape described at the top, else what is wrong. */
static const char *inert_problem(const char *html)
{
	size_t cap = 64, depth = 0;
	const char **stack = malloc(cap * sizeof *stack);
	size_t *lens = malloc(cap * sizeof *lens);
	const char *p = html, *bad = NULL;
#define BAD(...)                                                                   \
	do {                                                                       \
		snprintf(S_problem, sizeof S_problem, __VA_ARGS__);                \
		bad = S_problem;                                                   \
		goto done;                                                         \
	} while (0)
	while (*p) {
		if (*p == '>')
			BAD("a bare '>' in text at %.40s", p);
		if (*p == '&' && !known_ref(p))
			BAD("a character reference salesgen does not write at %.40s", p);
		if (*p != '<') {
			p++;
			continue;
		}
		const char *tag = p++;
		bool end = *p == '/';
		if (end)
			p++;
		const char *name = p;
		while (lower_word(*p))
			p++;
		size_t nl = (size_t)(p - name);
		if (!IN(S_ok_elems, name, nl))
			BAD("element not on the list at %.40s", tag);
		if (end) {
			if (*p != '>')
				BAD("end tag with more in it at %.40s", tag);
			if (depth == 0 || lens[depth - 1] != nl || memcmp(stack[depth - 1], name, nl))
				BAD("end tag that closes something else at %.40s", tag);
			depth--;
			p++;
			continue;
		}
		while (*p == ' ') {
			const char *an = ++p;
			while (lower_word(*p))
				p++;
			size_t al = (size_t)(p - an);
			if (!IN(S_ok_attrs, an, al) || (al > 2 && an[0] == 'o' && an[1] == 'n'))
				BAD("attribute not on the list at %.40s", an);
			if (*p != '=')
				continue;
			if (p[1] != '"')
				BAD("attribute value not in double quotes at %.40s", an);
			const char *v = p + 2;
			const char *ve = v;
			while (*ve && !strchr("\"'<>", *ve))
				ve++;
			if (*ve != '"')
				BAD("a quote or bracket inside an attribute value at %.40s", an);
			for (const char *q = v; q < ve; q++)
				if (*q == '&' && !known_ref(q))
					BAD("a character reference salesgen does not write at %.40s", q);
			bool url = (al == 4 && !memcmp(an, "href", 4)) ||
				   (al == 3 && !memcmp(an, "src", 3)) ||
				   (al == 4 && !memcmp(an, "cite", 4));
			if (url) {
				char *d = decode(v, (size_t)(ve - v));
				bool ok = sg_url_safe(d, an[0] == 's' ? SG_URL_IMAGE : SG_URL_LINK);
				free(d);
				if (!ok)
					BAD("a URL the allow-list refuses at %.60s", an);
			}
			p = ve + 1;
		}
		if (*p != '>')
			BAD("start tag not closed by '>' at %.40s", tag);
		p++;
		if (IN(S_void_elems, name, nl))
			continue;
		if (depth == cap) {
			cap *= 2;
			stack = realloc(stack, cap * sizeof *stack);
			lens = realloc(lens, cap * sizeof *lens);
		}
		stack[depth] = name;
		lens[depth++] = nl;
	}
	if (depth)
		BAD("<%.*s> left open", (int)lens[depth - 1], stack[depth - 1]);
#undef BAD
done:
	free(stack);
	free(lens);
	return bad;
}

/* ---------------------------------------------------------------- helpers */

static char *sanitize_n(const char *html, size_t len)
{
	sg_buf out;
	sg_buf_init(&out);
	sg_html_sanitize(&out, html, len);
	return sg_buf_detach(&out);
}

static char *sanitize(const char *html)
{
	return sanitize_n(html, strlen(html));
}

/* Markdown rendered with raw HTML allowed, the way the site does it. */
static char *render_raw(const char *md)
{
	sg_mdtree *root = sg_mdparse(md, strlen(md), 1);
	sg_arena a;
	sg_arena_init(&a);
	sg_buf out;
	sg_buf_init(&out);
	sg_html_opts o = {.allow_raw_html = true};
	assert_int_equal(sg_html_markdown(&out, root->root, &o, &a, NULL, NULL), 0);
	sg_arena_dispose(&a);
	sg_mdtree_free(root);
	return sg_buf_detach(&out);
}

static void expect(const char *in, const char *want)
{
	char *got = sanitize(in);
	if (strcmp(got, want) != 0)
		fail_msg("sanitize(%s)\n  got  %s\n  want %s", in, got, want);
	const char *why = inert_problem(got);
	if (why)
		fail_msg("sanitize(%s) = %s: %s", in, got, why);
	free(got);
}

/* ---------------------------------------------------------------- the checker itself */

/* The checker must be able to fail: it refuses what the old blacklist let
 * through (taken from its output). */
static void test_checker_refuses(void **state)
{
	(void)state;
	const char *bad[] = {
		"<img title=\">\" src=x onerror=alert(1)>",
		"<a href=\"&#106;avascript:alert(1)\">x</a>",
		"<details open title=\"\n<p><a href=\"http://a/ontoggle=alert(1)//\">x</a></p>",
		"<p>a > b</p>",
		"<script>x</script>",
		"<a href=\"javascript:x\">y</a>",
		"<p class='x'>y</p>",
		"<b>x",
		"<b><i>x</b></i>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (!inert_problem(bad[i]))
			fail_msg("the checker took %s", bad[i]);
	assert_null(inert_problem("<p class=\"a\">x &amp; y<br><img src=\"a.png\" alt=\"\"></p>"));
}

/* ---------------------------------------------------------------- the issue */

static void test_issue_attacks(void **state)
{
	(void)state;
	/* A '>' inside a quoted value does not end the tag, nor hide the
	 * handler after it. */
	expect("<img title=\">\" src=x onerror=alert(1)>", "<img title=\"&gt;\" src=\"x\">");
	/* Character references are decoded before the URL is checked. */
	expect("<a href=\"&#106;avascript:alert(1)\">链接</a>", "<a>链接</a>");

	/* An unclosed tag cannot swallow the markup salesgen writes after it:
	 * the whole fragment is one tree, closed at its end, and the generated
	 * link's URL, read as attributes, becomes nothing that runs. */
	char *html = render_raw("<details open title=\"\n\n[看](http://a/ontoggle=alert(1)//)\n");
	const char *why = inert_problem(html);
	if (why)
		fail_msg("%s: %s", html, why);
	assert_non_null(strstr(html, "<details open"));
	assert_non_null(strstr(html, "</details>"));
	free(html);

	/* The same three through the Markdown renderer, one document. */
	html = render_raw("按 <kbd>Ctrl</kbd> 键。\n\n<img title=\">\" src=x onerror=alert(1)>\n\n"
			  "<a href=\"&#106;avascript:alert(1)\">链接</a>\n\n<details open title=\"\n\n"
			  "[看](http://a/ontoggle=alert(1)//)\n");
	why = inert_problem(html);
	if (why)
		fail_msg("%s: %s", html, why);
	assert_non_null(strstr(html, "<kbd>Ctrl</kbd>"));
	assert_null(strstr(html, "avascript"));
	free(html);
}

/* ---------------------------------------------------------------- what is kept */

static void test_kept_and_dropped(void **state)
{
	(void)state;
	expect("<kbd>Ctrl</kbd>", "<kbd>Ctrl</kbd>");
	expect("<details><summary>更多</summary>内容</details>",
	       "<details><summary>更多</summary>内容</details>");
	expect("<p onclick=\"x()\" class=\"note\" style=\"color:red\">注意</p>",
	       "<p class=\"note\">注意</p>");
	expect("<DIV CLASS=a ID=b Title='c \"d\"'>x</DIV>",
	       "<div class=\"a\" id=\"b\" title=\"c &quot;d&quot;\">x</div>");
	expect("<table border=1><tr><td colspan=2 rowspan=\"3\" bgcolor=red>x</td></tr></table>",
	       "<table><tr><td colspan=\"2\" rowspan=\"3\">x</td></tr></table>");
	expect("<a href=\"https://example.com/a b?x=1&y=2\" target=_blank>x</a>",
	       "<a href=\"https://example.com/a%20b?x=1&amp;y=2\">x</a>");
	expect("<a href=\"mailto:a@b.cn\">m</a> <a href=\"#价格\">p</a>",
	       "<a href=\"mailto:a@b.cn\">m</a> <a href=\"#价格\">p</a>");
	expect("<img src=\"data:image/png;base64,AAAA\" alt=图>",
	       "<img src=\"data:image/png;base64,AAAA\" alt=\"图\">");
	expect("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=x>", "<img alt=\"x\">");
	/* Not on the list but harmless: the element goes, its content stays. */
	expect("<font color=red>红</font><center>中</center><x-y>自定义</x-y>", "红中自定义");
	expect("<form action=\"https://x\"><p>问</p><input name=q><button>提交</button></form>",
	       "<p>问</p>提交");
	/* Dropped with what is inside. */
	expect("前<script>alert(1)</script><style>p{}</style>后", "前后");
	/* A task list's checkbox, and only that: never one that can be ticked. */
	expect("<input type=checkbox checked onclick=alert(1)>",
	       "<input type=\"checkbox\" disabled checked>");
	expect("<input type=text value=x><input type=image src=x><input type=\"checkbox \">", "");
	/* Tags left open are closed at the end of the fragment. */
	expect("<b><i>粗斜", "<b><i>粗斜</i></b>");
	expect("<details open title=\"", "<details open title=\"\"></details>");
	/* Text comes out escaped, as salesgen escapes it. */
	expect("1 < 2 & 3 > 2 \"'", "1 &lt; 2 &amp; 3 &gt; 2 &quot;&#39;");
	expect("", "");
}

/* ---------------------------------------------------------------- vectors */

static void check_vector(const char *v, size_t len)
{
	char *html = sanitize_n(v, len);
	const char *why = inert_problem(html);
	if (why)
		fail_msg("sanitize(%s) = %s: %s", v, html, why);
	free(html);
	if (len != strlen(v))
		return; /* NUL inside: Markdown never has one */
	/* In a Markdown document, as a block and inline, with generated
	 * markup (a link, emphasis, a table) after it. */
	char *md = malloc(2 * len + 200);
	snprintf(md, 2 * len + 200, "%s\n\n文字 %s 文字\n\n[看](http://a/ontoggle=alert(1)//) *强调*\n\n"
				  "| a |\n|---|\n| b |\n",
		 v, v);
	html = render_raw(md);
	why = inert_problem(html);
	if (why)
		fail_msg("markdown with %s = %s: %s", v, html, why);
	free(html);
	free(md);
}

static void test_xss_vectors(void **state)
{
	(void)state;
	static const char *const vectors[] = {
		/* script elements */
		"<script>alert(1)</script>",
		"<SCRIPT SRC=//x.example/x.js></SCRIPT>",
		"<ScRiPt>alert(1)</sCrIpT>",
		"<scr<script>ipt>alert(1)</script>",
		"<script/xss src=x.js></script>",
		"<<script>alert(1)//<</script>",
		"<script>alert(1)",
		"\"><script>alert(1)</script>",
		/* event handlers in all quoting styles */
		"<img src=x onerror=alert(1)>",
		"<img src=\"x\" onerror=\"alert(1)\">",
		"<img src='x' onerror='alert(1)'>",
		"<img src=`x` onerror=`alert(1)`>",
		"<IMG SRC=x OnErRoR=alert(1)>",
		"<img src=x onerror\n=alert(1)>",
		"<img src=x onerror =  alert(1)>",
		"<img/src=x/onerror=alert(1)>",
		"<img src=x onerror=alert(1)//",
		"<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
		"<img src=x:alert(1) onerror=eval(src)>",
		"<img \"\"\"><script>alert(1)</script>\">",
		"<img title='>' src=x onerror=alert(1)>",
		"<img title=\"a'b\" src=x onerror=alert(1)>",
		"<div title=\"a' onclick='alert(1)\">x</div>",
		"<div title='a\" onclick=\"alert(1)'>x</div>",
		"<a title=\"\\\"><img src=x onerror=alert(1)>\">x</a>",
		/* an unquoted value ends at '>': the rest is text */
		"<a title=x>y onclick=alert(1)>z</a>",
		"<p/onclick=alert(1)>x</p>",
		"<body onload=alert(1)>",
		"<html onmouseover=alert(1)>",
		"<details open ontoggle=alert(1)>",
		"<input onfocus=alert(1) autofocus>",
		"<input type=checkbox onclick=alert(1)>",
		"<marquee onstart=alert(1)>x</marquee>",
		"<x onclick=alert(1)>x</x>",
		"<a href=x onmouseover=\"alert(1)\" title='a\"b'>x</a>",
		"<div id=x tabindex=1 onfocus=alert(1) autofocus>x</div>",
		/* script URLs */
		"<a href=\"javascript:alert(1)\">x</a>",
		"<a href=javascript:alert(1)>x</a>",
		"<a href=\" javascript:alert(1)\">x</a>",
		"<a href=\"&#x20;&#x09;javascript:alert(1)\">x</a>",
		"<a href=\"&#106;avascript:alert(1)\">x</a>",
		"<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
		"<a href=\"&#0000106&#0000097vascript:alert(1)\">x</a>",
		"<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
		"<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
		"<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
		"<a href=\"&#14;javascript:alert(1)\">x</a>",
		"<a href=\"JaVaScRiPt:alert(1)\">x</a>",
		"<a href=\"javascript&colon;alert(1)\">x</a>",
		"<a href=\"javas&Tab;cript:alert(1)\">x</a>",
		"<a href=\"%6Aavascript:alert(1)\">x</a>",
		"<a href=\"javascript%3Aalert(1)\">x</a>",
		"<a href=\"vbscript:msgbox(1)\">x</a>",
		"<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
		"<a href=\"file:///etc/passwd\">x</a>",
		"<a href=\"\\\\host\\share\">x</a>",
		"<a href=\"//evil.example/\">x</a>",
		"<a href=\"javascript:alert(1)",
		"<img src=\"javascript:alert(1)\">",
		"<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
		"<img srcset=\"javascript:alert(1) 1x\">",
		"<blockquote cite=\"javascript:alert(1)\">x</blockquote>",
		"<video poster=javascript:alert(1)><source src=x onerror=alert(1)></video>",
		"<isindex action=javascript:alert(1) type=image>",
		/* svg and math */
		"<svg onload=alert(1)>",
		"<svg><script>alert(1)</script></svg>",
		"<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
		"<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
		"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
		"<math href=\"javascript:alert(1)\">click</math>",
		"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
		/* frames, plug-ins, forms, head elements, styles */
		"<iframe src=\"javascript:alert(1)\"></iframe>",
		"<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
		"<object data=\"javascript:alert(1)\"></object>",
		"<embed src=\"javascript:alert(1)\">",
		"<form action=\"javascript:alert(1)\"><button>x</button></form>",
		"<button formaction=javascript:alert(1)>x</button>",
		"<base href=\"javascript:/\">",
		"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
		"<meta charset=\"UTF-7\">+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
		"<link rel=import href=x>",
		"<style>@import 'x';</style>",
		"<div style=\"background:url(javascript:alert(1))\">x</div>",
		"<div style=\"width:expression(alert(1))\">x</div>",
		"<template><img src=x onerror=alert(1)></template>",
		/* comments, CDATA, processing instructions */
		"<!--<img src=x onerror=alert(1)>-->",
		"<!-- --><script>alert(1)</script>",
		"<!--><img src=x onerror=alert(1)>-->",
		"<!---><img src=x onerror=alert(1)>-->",
		"<!--!><img src=x onerror=alert(1)>-->",
		"<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
		"<!-- <a href=\"--><img src=x onerror=alert(1)>\"> -->",
		"<![CDATA[<img src=x onerror=alert(1)>]]>",
		"<?xml-stylesheet href=\"javascript:alert(1)\"?>",
		"<!DOCTYPE html><img src=x onerror=alert(1)>",
		/* raw-text and escaping elements */
		"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
		"<title><img src=x onerror=alert(1)></title>",
		"<textarea><img src=x onerror=alert(1)></textarea>",
		"<xmp><img src=x onerror=alert(1)></xmp>",
		"<plaintext><img src=x onerror=alert(1)>",
		"<style><img src=x onerror=alert(1)></style>",
		"<select><option><img src=x onerror=alert(1)></select>",
		"<table><caption><img src=x onerror=alert(1)></table>",
		/* broken tags */
		"<img src=x onerror=alert(1) ",
		"<a href=\"https://ok.example/\" ",
		"<details open title=\"",
		"<div title=\"x",
		"<<img src=x onerror=alert(1)>>",
		"</img src=x onerror=alert(1)>",
		"<img src=x onerror=alert(1)/>",
		"<a\thref=\"javascript:alert(1)\">x</a>",
		"<a\nhref\n=\njavascript:alert(1)>x</a>",
		"<div><p><b><i><a href=x>",
	};
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
		check_vector(vectors[i], strlen(vectors[i]));

	/* NUL bytes: read as U+FFFD, as browsers do; nothing after them is
	 * lost and nothing before them escapes. */
	static const char nul1[] = "<img src=x\0 onerror=alert(1)>after";
	static const char nul2[] = "<a href=\"java\0script:alert(1)\">x</a>";
	static const char nul3[] = "<scr\0ipt>alert(1)</script>";
	static const char nul4[] = "\0<img src=x onerror=alert(1)>";
	check_vector(nul1, sizeof nul1 - 1);
	check_vector(nul2, sizeof nul2 - 1);
	check_vector(nul3, sizeof nul3 - 1);
	check_vector(nul4, sizeof nul4 - 1);
	char *html = sanitize_n(nul1, sizeof nul1 - 1);
	assert_non_null(strstr(html, "after"));
	free(html);
	/* Invalid UTF-8 becomes U+FFFD; the Chinese after it is read as UTF-8. */
	html = sanitize("<b>\xFF\xC0中文</b>");
	assert_string_equal(html, "<b>\xEF\xBF\xBD\xEF\xBF\xBD中文</b>");
	free(html);
}

/* Nesting as deep as one likes: no stack overflow, nothing lost (libxml2
 * alone stops at 256 levels and drops the rest). */
static void test_deep_nesting(void **state)
{
	(void)state;
	const size_t n = 100000;
	sg_buf in;
	sg_buf_init(&in);
	for (size_t i = 0; i < n; i++)
		sg_buf_puts(&in, i % 2 ? "<span>" : "<div>");
	sg_buf_puts(&in, "深<script>alert(1)</script>");
	for (size_t i = 0; i < 300; i++)
		sg_buf_puts(&in, "<b>");
	sg_buf_puts(&in, "之后");
	char *html = sanitize_n(in.data, in.len);
	assert_null(inert_problem(html));
	assert_non_null(strstr(html, "深"));
	assert_non_null(strstr(html, "之后"));
	assert_null(strstr(html, "alert"));
	free(html);
	sg_buf_dispose(&in);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_refuses),
		cmocka_unit_test(test_issue_attacks),
		cmocka_unit_test(test_kept_and_dropped),
		cmocka_unit_test(test_xss_vectors),
		cmocka_unit_test(test_deep_nesting),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
