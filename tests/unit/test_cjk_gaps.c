/* Unit tests of render/html/cjk_gaps.c: white space between Chinese and
 * other text in a finished page, dropped where base/cjkspace.h says. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "render/html/cjk_gaps.h"

/* html rewritten (after a prefix that must stay as it is), in zh or not;
 * heap. *dropped: the count returned. */
static char *S_gaps(const char *html, bool zh, size_t *dropped)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "前缀 文字 ");
	size_t from = b.len;
	sg_buf_puts(&b, html);
	size_t n = sg_html_cjk_gaps(&b, from, zh);
	if (dropped)
		*dropped = n;
	assert_memory_equal(b.data, "前缀 文字 ", from);
	assert_int_equal(strlen(b.data), b.len);
	char *out = strdup(b.data + from);
	sg_buf_dispose(&b);
	return out;
}

static void S_expect(const char *in, bool zh, const char *want)
{
	char *got = S_gaps(in, zh, NULL);
	if (strcmp(got, want) != 0)
		fail_msg("%s (%s)\n  got  %s\n  want %s", in, zh ? "zh" : "en", got, want);
	free(got);
}

static void test_text(void **state)
{
	(void)state;
	/* Two Han characters, Chinese punctuation on either side. */
	S_expect("按目录价的 8.5折 计算", true, "按目录价的8.5折计算");
	S_expect("方案。 如果", false, "方案。如果");
	S_expect("分档依据：\n   月消费额", false, "分档依据：月消费额");
	S_expect("¥1,000 （含税）", false, "¥1,000（含税）");
	S_expect("Hello， world", false, "Hello，world");
	/* Han and Latin: the browser's gap in a Chinese page; as typed in
	 * another. */
	S_expect("2016 年 与 2026年", true, "2016年与2026年");
	S_expect("使用 IMAP 协议", true, "使用IMAP协议");
	S_expect("for 恒通物流 in Shanghai", false, "for 恒通物流 in Shanghai");
	/* Everything else as written. */
	S_expect("Hello  world, 12 345", true, "Hello  world, 12 345");
	S_expect("下一篇 → 标题", true, "下一篇 → 标题");
	S_expect("“报价” 说明", true, "“报价” 说明");
	S_expect("   开头与结尾   ", true, "   开头与结尾   ");
	/* Character references are the characters they stand for. */
	S_expect("中&#x6587; 字 &amp; 符", true, "中&#x6587;字 &amp; 符");
	S_expect("A &lt; 中", true, "A &lt; 中");
	S_expect("中 &#12290; 文", true, "中&#12290;文");
	S_expect("中&bogus 文", false, "中&bogus 文");
}

static void test_tags(void **state)
{
	(void)state;
	/* Plain inline markup is read across, its tags kept. */
	S_expect("<p><strong>预算优选方案。</strong> 如果</p>", true,
		 "<p><strong>预算优选方案。</strong>如果</p>");
	S_expect("报价 <a href=\"x.html\">方案</a> 说明", true, "报价<a href=\"x.html\">方案</a>说明");
	S_expect("中 <em> <b>文</b></em>", true, "中<em><b>文</b></em>");
	S_expect("<A HREF='a>b'>甲</A> 乙", true, "<A HREF='a>b'>甲</A>乙");
	/* A tag with a class may be a box: the space beside it stays. */
	S_expect("<span class=\"badge\">高层变动</span> 新任", true,
		 "<span class=\"badge\">高层变动</span> 新任");
	S_expect("<a class=\"tag\" href=\"t\">决策链</a> 教练", true,
		 "<a class=\"tag\" href=\"t\">决策链</a> 教练");
	S_expect("硬件折旧 <span class=\"muted\">存储阵列</span>", true,
		 "硬件折旧 <span class=\"muted\">存储阵列</span>");
	/* Any other element ends the text. */
	S_expect("<td>中</td> <td>文</td>", true, "<td>中</td> <td>文</td>");
	S_expect("中<br> 文", true, "中<br> 文");
	S_expect("中 <span>文</span>", true, "中 <span>文</span>");
	S_expect("中 <!-- 注 --> 文", true, "中 <!-- 注 --> 文");
	/* Nothing inside code, pre, script, style, title or svg changes, nor
	 * attributes. */
	S_expect("运行 <code>中 文</code> 命令", true, "运行 <code>中 文</code> 命令");
	S_expect("<pre><code class=\"x\">中 文\n字 符</code></pre>", true,
		 "<pre><code class=\"x\">中 文\n字 符</code></pre>");
	S_expect("<script>var a = '中 文';</script> 字 符", true,
		 "<script>var a = '中 文';</script> 字符");
	S_expect("<title>中 文</title><style>p::before{content:'中 文'}</style>", true,
		 "<title>中 文</title><style>p::before{content:'中 文'}</style>");
	S_expect("<svg><text>中 文</text></svg>", true, "<svg><text>中 文</text></svg>");
	S_expect("<img alt=\"中 文\" title='字 符'>", true, "<img alt=\"中 文\" title='字 符'>");
	/* A stray end tag, a bare '<', and tags cut short. */
	S_expect("中 </strong> 文", true, "中 </strong> 文");
	S_expect("1 < 2 中 文", false, "1 < 2 中文");
	S_expect("中 <b", true, "中 <b");
	S_expect("中 <code>文", true, "中 <code>文");
}

static void test_page_lang(void **state)
{
	(void)state;
	/* The page's <html lang> decides, whatever the caller said. */
	S_expect("<html lang=\"zh-CN\"><p>2016 年</p></html>", false,
		 "<html lang=\"zh-CN\"><p>2016年</p></html>");
	S_expect("<html lang=\"en\"><p>2016 年 中 文</p></html>", true,
		 "<html lang=\"en\"><p>2016 年中文</p></html>");
	size_t n;
	char *got = S_gaps("中 文 字 A", true, &n);
	assert_string_equal(got, "中文字A");
	assert_int_equal(n, 3);
	free(got);
}

/* Deep nesting of inline elements, with and without classes, and a long
 * page: no tag is lost, and each byte is moved a few times only (a
 * quadratic pass would take minutes on the long one). */
static void test_deep_and_long(void **state)
{
	(void)state;
	sg_buf in;
	sg_buf_init(&in);
	for (int i = 0; i < 200; i++)
		sg_buf_puts(&in, i % 3 ? "<b>中 " : "<b class=\"k\">中 ");
	sg_buf_puts(&in, "文");
	for (int i = 0; i < 200; i++)
		sg_buf_puts(&in, "</b> 字");
	size_t n;
	char *got = S_gaps(in.data, true, &n);
	size_t tags_in = 0, tags_out = 0;
	for (const char *p = in.data; *p; p++)
		tags_in += *p == '<';
	for (const char *p = got; *p; p++)
		tags_out += *p == '<';
	assert_int_equal(tags_in, tags_out);
	assert_int_equal(strlen(got) + n, in.len);
	assert_true(n > 100);
	free(got);
	sg_buf_dispose(&in);

	sg_buf big;
	sg_buf_init(&big);
	for (int i = 0; i < 200000; i++)
		sg_buf_puts(&big, "中 <i>");
	size_t len = big.len;
	n = sg_html_cjk_gaps(&big, 0, true);
	assert_int_equal(n, 199999);
	assert_int_equal(big.len, len - 199999);
	sg_buf_dispose(&big);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_page_lang),
		cmocka_unit_test(test_deep_and_long),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
