/*
 * test_layout_links.c - link targets in the PDF layout go through the URL
 * allow-list of base/url.h: a target with another scheme (javascript:,
 * file:, data:, vbscript:), a network share or a disguised one becomes no
 * link at all, its text stays, and a warning names the line.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/url.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "load/mdparse.h"

typedef struct S_run {
	sg_layout l;
	sg_diags d;
	sg_style s;
	sg_mdtree *root;
} S_run;

static void S_lay_out(S_run *r, const char *md)
{
	sg_style_init(&r->s);
	sg_diags_init(&r->d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &r->d);
	assert_non_null(fs);
	r->root = sg_mdparse(md, strlen(md), 1);
	sg_layout_init(&r->l);
	sg_layout_opts o = {0};
	o.style = &r->s;
	o.fs = fs;
	o.lang = "zh-CN";
	o.path = "content/playbooks/x.md";
	assert_int_equal(sg_layout_markdown(&r->l, r->root->root, &o, &r->d), 0);
}

static void S_done(S_run *r)
{
	sg_layout_dispose(&r->l);
	sg_mdtree_free(r->root);
	sg_diags_dispose(&r->d);
	sg_style_dispose(&r->s);
}

static void test_bad_targets_are_text(void **state)
{
	(void)state;
	S_run r;
	S_lay_out(&r, "第一行\n\n"
		      "[脚本](javascript:alert(1)) [文件](file:///etc/passwd)\n"
		      "[共享](\\\\\\\\host\\\\share) [数据](data:text/html,x)\n"
		      "[实体](&#106;avascript:alert(1)) [百分号](javascript%3Aalert(1))\n"
		      "<vbscript:msgbox(1)> [别处](//evil.example/x)\n\n"
		      "[好](https://example.com/) [邮件](mailto:a@b.cn) [相对](other.md) "
		      "[锚](#第一行) <https://example.com/auto>\n");
	/* Only the five good ones are links. */
	assert_int_equal(r.l.nlinks, 5);
	for (size_t i = 0; i < r.l.nlinks; i++)
		if (!strstr("https://example.com/ mailto:a@b.cn other.md #第一行 "
			    "https://example.com/auto",
			    r.l.links[i].target))
			fail_msg("unexpected link target %s", r.l.links[i].target);
	static const char *const want[] = {
		"content/playbooks/x.md:3: warning: link target 'javascript:alert(1)' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:3: warning: link target 'file:///etc/passwd' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:4: warning: link target '\\\\host\\share' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:4: warning: link target 'data:text/html,x' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:5: warning: link target 'javascript:alert(1)' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:5: warning: link target 'javascript%3Aalert(1)' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:6: warning: link target 'vbscript:msgbox(1)' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
		"content/playbooks/x.md:6: warning: link target '//evil.example/x' is not allowed "
		"(only " SG_URL_ALLOWED "): shown as text",
	};
	assert_int_equal(r.d.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < r.d.count; i++) {
		char line[512];
		sg_diag_format(&r.d.items[i], false, line, sizeof line);
		if (strcmp(line, want[i]) != 0)
			fail_msg("diagnostic %zu:\n  got  %s\n  want %s", i, line, want[i]);
	}
	S_done(&r);
}

/* Boxes of kind on every page of r's layout. */
static size_t S_boxes(const S_run *r, sg_box_kind kind)
{
	size_t n = 0;
	for (size_t p = 0; p < r->l.npages; p++)
		for (size_t i = 0; i < r->l.pages[p].n; i++)
			n += r->l.pages[p].boxes[i].kind == kind;
	return n;
}

/* An image at an http(s) address is never looked up (it used to be an
 * error, "not found next to the document"): alone in its paragraph it is a
 * frame that links to it, among text its description as a link; each
 * address is warned about once, at its first image. */
static void test_remote_images(void **state)
{
	(void)state;
	S_run r;
	S_lay_out(&r, "第一段。\n\n"
		      "![架构图](https://example.com/a.png)\n\n"
		      "行内 ![徽章](http://example.com/b.svg) 与 ![](HTTPS://example.com/c.png) 和 "
		      "![徽章](http://example.com/b.svg)。\n\n"
		      "![架构图](https://example.com/a.png)\n\n"
		      "[![在链接里](https://example.com/d.png)](https://example.com/)\n");
	static const char *const want[] = {
		"content/playbooks/x.md:3: warning: remote image 'https://example.com/a.png' is "
		"shown as a link (salesgen never downloads images)",
		"content/playbooks/x.md:5: warning: remote image 'http://example.com/b.svg' is "
		"shown as a link (salesgen never downloads images)",
		"content/playbooks/x.md:5: warning: remote image 'HTTPS://example.com/c.png' is "
		"shown as a link (salesgen never downloads images)",
		"content/playbooks/x.md:9: warning: remote image 'https://example.com/d.png' is "
		"shown as a link (salesgen never downloads images)",
	};
	assert_int_equal(sg_diags_errors(&r.d), 0);
	assert_int_equal(r.d.count, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < r.d.count; i++) {
		char line[512];
		sg_diag_format(&r.d.items[i], false, line, sizeof line);
		if (strcmp(line, want[i]) != 0)
			fail_msg("diagnostic %zu:\n  got  %s\n  want %s", i, line, want[i]);
	}
	/* Nothing is read: no image in the layout. Two frames, each one link;
	 * the three inline ones are links of their own, the one inside a
	 * link leads where that link does. */
	assert_int_equal(r.l.nimages, 0);
	assert_int_equal(S_boxes(&r, SG_BOX_IMAGE), 0);
	assert_int_equal(S_boxes(&r, SG_BOX_FRAME), 2);
	static const char *const targets[] = {
		"https://example.com/a.png", "http://example.com/b.svg", "HTTPS://example.com/c.png",
		"http://example.com/b.svg",  "https://example.com/a.png", "https://example.com/",
	};
	assert_int_equal(r.l.nlinks, sizeof targets / sizeof targets[0]);
	for (size_t i = 0; i < r.l.nlinks; i++)
		assert_string_equal(r.l.links[i].target, targets[i]);
	S_done(&r);
}

/* A description longer than a page: the frame goes over the pages as its
 * text does, open where a page cuts it, never drawn past a page's foot. */
static void test_remote_image_longer_than_a_page(void **state)
{
	(void)state;
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "![");
	for (int i = 0; i < 3000; i++)
		sg_buf_puts(&md, "很长的说明");
	sg_buf_puts(&md, "](https://example.com/a.png)\n\n后文\n");
	S_run r;
	S_lay_out(&r, md.data);
	sg_buf_dispose(&md);
	assert_int_equal(sg_diags_errors(&r.d), 0);
	assert_true(r.l.npages >= 3);
	assert_int_equal(S_boxes(&r, SG_BOX_FRAME), 0);
	size_t links = 0;
	for (size_t p = 0; p < r.l.npages; p++)
		for (size_t i = 0; i < r.l.pages[p].n; i++) {
			const sg_box *bx = &r.l.pages[p].boxes[i];
			if (bx->kind != SG_BOX_RULE && bx->kind != SG_BOX_LINK)
				continue;
			if (bx->y < r.s.margin_top - 0.01 ||
			    bx->y + bx->h > r.s.page_height - r.s.margin_bottom + 0.01)
				fail_msg("page %zu: a box of the frame at %g..%g", p + 1, bx->y,
					 bx->y + bx->h);
			links += bx->kind == SG_BOX_LINK;
		}
	assert_true(links > 40); /* a link on every line */
	S_done(&r);
}

/* A long or multi-line target is shown on one line of the message. */
static void test_message_shape(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_url_for_message(&b, "java\tscript:\nalert(1)");
	assert_string_equal(b.data, "java\\x09script:\\x0Aalert(1)");
	sg_buf_clear(&b);
	char long_url[400] = "data:text/html,";
	for (int i = 0; i < 100; i++)
		strcat(long_url, "中");
	sg_url_for_message(&b, long_url);
	assert_true(b.len <= 103 + 3);
	assert_string_equal(b.data + b.len - 3, "...");
	sg_buf_dispose(&b);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_targets_are_text),
		cmocka_unit_test(test_message_shape),
		cmocka_unit_test(test_remote_images),
		cmocka_unit_test(test_remote_image_longer_than_a_page),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
