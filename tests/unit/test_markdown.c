/* Unit tests of load/markdown through its public face (load/mdparse.h): the
 * GFM dialect (tables, task lists, strikethrough, autolinks), lines in the
 * file, plain text and titles, as the document tree holds them. */
#include "support.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "load/markdown.h"
#include "load/mdchunk.h"
#include "load/mdparse.h"

static sg_mdtree *parse(const char *text, int first_line)
{
	return sg_mdparse(text, strlen(text), first_line);
}

/* The n-th node (0-based, document order) of the given kind, or NULL. */
static const sg_mdnode *find(const sg_mdtree *t, sg_md_kind kind, int n)
{
	const sg_mdnode *found = NULL;
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while (!found && (ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *cur = sg_mditer_node(&it);
		if (ev == SG_MD_ENTER && sg_mdnode_kind(cur) == kind && n-- == 0)
			found = cur;
	}
	return found;
}

static int count(const sg_mdtree *t, sg_md_kind kind)
{
	int n = 0;
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		n += ev == SG_MD_ENTER && sg_mdnode_kind(sg_mditer_node(&it)) == kind;
	return n;
}

static void test_table(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_mdtree *root = parse("| 版本 | 单价 |\n"
				 "|:-----|-----:|\n"
				 "| 标准版 | 120 |\n"
				 "| 旗舰版 | **260** |\n",
				 1);
	const sg_mdnode *table = find(root, SG_MD_TABLE, 0);
	assert_non_null(table);
	assert_int_equal(sg_mdnode_table_columns(table), 2);
	const uint8_t *align = sg_mdnode_table_alignments(table);
	assert_int_equal(align[0], 'l');
	assert_int_equal(align[1], 'r');
	assert_int_equal(count(root, SG_MD_TABLE_ROW), 3);
	assert_true(sg_mdnode_row_is_header(find(root, SG_MD_TABLE_ROW, 0)));
	assert_false(sg_mdnode_row_is_header(find(root, SG_MD_TABLE_ROW, 1)));
	assert_int_equal(count(root, SG_MD_TABLE_CELL), 6);
	assert_string_equal(sg_mdnode_text(find(root, SG_MD_TABLE_CELL, 5), &a), "260");
	assert_non_null(find(root, SG_MD_STRONG, 0));
	/* Cells of a row are separated by tabs in plain text. */
	assert_string_equal(sg_mdnode_text(find(root, SG_MD_TABLE_ROW, 1), &a), "标准版\t120");
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_TABLE_ROW, 2)), 4);
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

static void test_tasklist(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_mdtree *root = parse("- [x] 确认决策链\n"
				 "- [ ] 演示样机\n"
				 "- [X] 报价审批\n"
				 "- 普通条目\n",
				 1);
	bool checked = false;
	const sg_mdnode *item = find(root, SG_MD_ITEM, 0);
	assert_true(sg_mdnode_task(item, &checked));
	assert_true(checked);
	/* The marker is not part of the text. */
	assert_string_equal(sg_mdnode_text(item, &a), "确认决策链");

	item = find(root, SG_MD_ITEM, 1);
	checked = true;
	assert_true(sg_mdnode_task(item, &checked));
	assert_false(checked);
	assert_string_equal(sg_mdnode_text(item, &a), "演示样机");

	assert_true(sg_mdnode_task(find(root, SG_MD_ITEM, 2), &checked));
	assert_true(checked);

	item = find(root, SG_MD_ITEM, 3);
	checked = true;
	assert_false(sg_mdnode_task(item, &checked));
	assert_false(checked);
	assert_false(sg_mdnode_task(item, NULL));
	assert_false(sg_mdnode_task(find(root, SG_MD_LIST, 0), NULL));
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

static void test_strikethrough(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_mdtree *root = parse("原价 ~~9,600 元~~ 现价 8,160 元\n", 1);
	const sg_mdnode *del = find(root, SG_MD_STRIKETHROUGH, 0);
	assert_non_null(del);
	assert_string_equal(sg_mdnode_text(del, &a), "9,600 元");
	assert_string_equal(sg_mdnode_text(root->root, &a), "原价 9,600 元 现价 8,160 元");
	sg_mdtree_free(root);

	/* One tilde is a range in Chinese text, not a strikethrough. */
	root = parse("周期 3~5 天，规模 10~20 人\n", 1);
	assert_int_equal(count(root, SG_MD_STRIKETHROUGH), 0);
	assert_string_equal(sg_mdnode_text(root->root, &a), "周期 3~5 天，规模 10~20 人");
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

static void test_autolinks(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_mdtree *root = parse("See https://example.com/docs, or www.example.org.\n"
				 "Mail sales@example.com today.\n",
				 1);
	assert_int_equal(count(root, SG_MD_LINK), 3);
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 0)),
			    "https://example.com/docs");
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 1)),
			    "http://www.example.org");
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 2)),
			    "mailto:sales@example.com");
	sg_mdtree_free(root);

	/* Chinese text right after an address is not part of it. */
	root = parse("详见https://example.com/a。然后联系我们\n"
		     "或访问 www.example.cn了解详情，邮件 sales@example.com获取报价\n",
		     1);
	assert_int_equal(count(root, SG_MD_LINK), 3);
	const sg_mdnode *link = find(root, SG_MD_LINK, 0);
	assert_string_equal(sg_mdnode_url(link), "https://example.com/a");
	assert_string_equal(sg_mdnode_text(link, &a), "https://example.com/a");
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 1)),
			    "http://www.example.cn");
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 2)),
			    "mailto:sales@example.com");
	/* No text is lost. */
	assert_string_equal(sg_mdnode_text(root->root, &a),
			    "详见https://example.com/a。然后联系我们 "
			    "或访问 www.example.cn了解详情，邮件 sales@example.com获取报价");
	sg_mdtree_free(root);

	/* Written links are left alone. */
	root = parse("[说明](https://example.com/说明)\n", 1);
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 0)),
			    "https://example.com/说明");
	sg_mdtree_free(root);

	/* So are explicit autolinks: the writer's angle brackets say where it ends. */
	root = parse("> 见 <https://example.com/路径>和 <https://example.com/b>\n", 1);
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 0)),
			    "https://example.com/路径");
	assert_string_equal(sg_mdnode_url(find(root, SG_MD_LINK, 1)),
			    "https://example.com/b");
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

static void test_dialect(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	/* Raw HTML stays in the tree (renderers drop it); no tagfilter. */
	sg_mdtree *root = parse("<div>块</div>\n\n段落 <b>粗</b> ![示意图](a.png) `代码`\n"
				 "第二行\\\n第三行\n\n脚注[^1]\n",
				 1);
	const sg_mdnode *html = find(root, SG_MD_HTML_BLOCK, 0);
	assert_non_null(html);
	assert_string_equal(sg_mdnode_literal(html), "<div>块</div>\n");
	assert_int_equal(count(root, SG_MD_HTML_INLINE), 2);
	/* Plain text: raw HTML dropped, image by its alt text, breaks as spaces. */
	assert_string_equal(sg_mdnode_text(find(root, SG_MD_PARAGRAPH, 0), &a),
			    "段落 粗 示意图 代码 第二行 第三行");
	/* Footnotes are off: a reference stays text (and "[^1]: x" would be
	 * an ordinary link reference definition). */
	assert_string_equal(sg_mdnode_text(find(root, SG_MD_PARAGRAPH, 1), &a), "脚注[^1]");
	assert_int_equal(count(root, SG_MD_OTHER), 0);
	/* Blocks are separated by newlines; the HTML block gives nothing. */
	assert_string_equal(sg_mdnode_text(root->root, &a), "段落 粗 示意图 代码 第二行 第三行\n脚注[^1]");
	sg_mdtree_free(root);

	/* Smart punctuation is on, outside code and escapes. */
	root = parse("\"quoted\" -- text... `\"code\" --` \\\"kept\\\"\n", 1);
	assert_string_equal(sg_mdnode_text(root->root, &a),
			    "“quoted” – text… \"code\" -- \"kept\"");
	sg_mdtree_free(root);

	/* Code blocks keep their text, without the final newline. */
	root = parse("```\nline 1\nline 2\n```\n", 1);
	assert_string_equal(sg_mdnode_text(root->root, &a), "line 1\nline 2");
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

static void test_lines(void **state)
{
	(void)state;
	/* Body line 1 is file line 6 (after five lines of front matter). */
	sg_mdtree *root = parse("intro\n\n## 第二节\n\n- item\n", 6);
	assert_int_equal(sg_mdnode_line(root->root), 6);
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_HEADING, 0)), 8);
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_ITEM, 0)), 10);
	assert_int_equal(sg_mdnode_end_line(find(root, SG_MD_PARAGRAPH, 0)), 6);
	/* Text nodes of a paragraph know their line too. */
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_TEXT, 1)), 8);
	sg_mdtree_free(root);

	root = parse("# a\n", 1);
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_HEADING, 0)), 1);
	sg_mdtree_free(root);
	/* A nonsense first line is taken as 1. */
	root = parse("# a\n", 0);
	assert_int_equal(sg_mdnode_line(find(root, SG_MD_HEADING, 0)), 1);
	sg_mdtree_free(root);
}

static void test_first_heading(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_mdtree *root = parse("前言段落。\n\n# 私有化部署的 *真实* 成本 `TCO`\n\n## 其次\n", 1);
	assert_string_equal(sg_mdtree_first_heading_text(root->root, &a), "私有化部署的 真实 成本 TCO");
	sg_mdtree_free(root);

	/* Setext, with a link and a trailing hash-less line. */
	root = parse("Objection [handling](x.md)\n==========\n", 1);
	assert_string_equal(sg_mdtree_first_heading_text(root->root, &a), "Objection handling");
	sg_mdtree_free(root);

	/* An empty heading is skipped; a heading in a quote counts. */
	root = parse("#\n\n> ### 引用里的标题 \n", 1);
	assert_string_equal(sg_mdtree_first_heading_text(root->root, &a), "引用里的标题");
	sg_mdtree_free(root);

	root = parse("没有标题，只有段落。\n\n- 列表\n", 1);
	assert_null(sg_mdtree_first_heading_text(root->root, &a));
	sg_mdtree_free(root);

	root = parse("", 1);
	assert_null(sg_mdtree_first_heading_text(root->root, &a));
	sg_mdtree_free(root);
	sg_arena_dispose(&a);
}

/* Parses from several threads at once: the first parse registers the
 * extensions, which must happen exactly once. */
static void *parse_in_thread(void *arg)
{
	(void)arg;
	intptr_t ok = 1;
	for (int i = 0; i < 50; i++) {
		sg_mdtree *root = parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n", 1);
		bool checked = false;
		if (!find(root, SG_MD_TABLE, 0) ||
		    !sg_mdnode_task(find(root, SG_MD_ITEM, 0), &checked) || !checked)
			ok = 0;
		sg_mdtree_free(root);
	}
	return (void *)ok;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, parse_in_thread, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *ok;
		pthread_join(t[i], &ok);
		assert_true(ok == (void *)1);
	}
}

/* Strikethroughs and autolinks parsed in several threads at once are all
 * found: cmark-gfm clears a global table of inline characters when a parse
 * ends, which cost a document parsed meanwhile in another thread the rest
 * of its strikethroughs and autolinks (see markdown.c). */
static const char *S_spans_doc;

static void *parse_spans_in_thread(void *arg)
{
	(void)arg;
	intptr_t ok = 1;
	for (int i = 0; i < 20 && ok; i++) {
		sg_mdtree *root = parse(S_spans_doc, 1);
		int strike = count(root, SG_MD_STRIKETHROUGH), links = count(root, SG_MD_LINK);
		ok = strike == 2000 && links == 2000;
		sg_mdtree_free(root);
	}
	return (void *)ok;
}

static void test_threads_inlines(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	for (int i = 0; i < 2000; i++)
		sg_buf_puts(&b, "Some ~~struck~~ text, see https://example.com/a for more.\n\n");
	S_spans_doc = b.data;
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, parse_spans_in_thread, NULL), 0);
	int bad = 0;
	for (int i = 0; i < 4; i++) {
		void *ok;
		pthread_join(t[i], &ok);
		bad += ok != (void *)1;
	}
	assert_int_equal(bad, 0);
	sg_buf_dispose(&b);
}

/* A page of n links shaped like a newsletter's: paragraphs of eight, each a
 * bare www. address cut before Chinese text (the links whose writing is
 * looked up; cmark-gfm 0.29 gives a bare https:// address after text no line,
 * so that one is never looked up), an explicit <...> autolink and an inline
 * link, on lines of their own
 * and many to a line, in lists and block quotes. */
static char *links_page(int n)
{
	sg_buf b;
	sg_buf_init(&b);
	for (int i = 0; i < n; i += 8) {
		for (int j = i; j < i + 8 && j < n; j++) {
			const char *lead = (i / 8) % 3 == 0 ? "" : (i / 8) % 3 == 1 ? "- " : "> ";
			if (j % 2 == 0)
				sg_buf_printf(&b, "%s详见 www.example.com/a/%d。然后 <https://e.com/%d>",
					      lead, j, j);
			else
				sg_buf_printf(&b, "%s[第%d篇](https://example.com/c/%d)", lead, j, j);
			sg_buf_puts(&b, (i / 8) % 3 == 0 ? " " : "\n");
		}
		sg_buf_puts(&b, "\n\n");
	}
	return sg_buf_detach(&b);
}

static size_t autolink_work(int links)
{
	char *text = links_page(links);
	size_t before = sg_markdown_autolink_work();
	sg_mdtree *t = parse(text, 1);
	size_t work = sg_markdown_autolink_work() - before;
	/* The pass ran: every other link is a cut bare address. */
	assert_int_equal(count(t, SG_MD_LINK), links + links / 2);
	sg_mdtree_free(t);
	free(text);
	return work;
}

/* Issue 17: checking whether a link was written as <...> once counted lines
 * from the start of the page for every link, which is quadratic in the
 * page's size (minutes for a long newsletter). The work it does, counted
 * rather than timed, must grow about as the page: a page of ten times the
 * links may cost ten times the work, plus a sort's logarithm, not a hundred. */
static void test_autolink_check_is_linear(void **state)
{
	(void)state;
	size_t small = autolink_work(1000), big = autolink_work(10000);
	assert_true(small > 0);
	assert_true(big < 20 * small);
}

/* A long table is parsed a piece at a time (load/mdchunk.h): the same tree,
 * lines and all, as parsed whole; and never cut inside fenced code, an
 * HTML comment, a list, or a document with a link reference definition. */
static char *S_long_doc(bool refdef)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "# 总表\n\n说明：见下表。\n\n| 客户 | 说明 | 金额 |\n|:---|---|---:|\n");
	for (int i = 1; i <= 50; i++)
		sg_buf_printf(&b, "| 客户 %d | **重点** “新签” `a\\|b` https://example.com/%d | %d,000 |\n",
			      i, i, i);
	sg_buf_puts(&b, "\n```\n\n| a | b |\n|---|---|\n");
	for (int i = 0; i < 20; i++)
		sg_buf_puts(&b, "| 代码 | 里 |\n");
	sg_buf_puts(&b, "```\n\n<!-- 注释\n\n| a | b |\n|---|---|\n");
	for (int i = 0; i < 20; i++)
		sg_buf_puts(&b, "| 注释 | 里 |\n");
	sg_buf_puts(&b, "-->\n\n- 列表\n\n  | a | b |\n  |---|---|\n");
	for (int i = 0; i < 20; i++)
		sg_buf_puts(&b, "  | 列表 | 里 |\n");
	sg_buf_puts(&b, "\n| 只有 | 表头 |\n|---|\n| x | y |\n\n| 第二 | 表 |\n|---|---|\n");
	for (int i = 1; i <= 30; i++)
		sg_buf_printf(&b, "| %d | _二_ |\n", i);
	sg_buf_puts(&b, "不带竖线的一行\n| 又一行 | x |\n\n| a \\\\| b |\n|---|---|\n");
	for (int i = 0; i < 20; i++)
		sg_buf_puts(&b, "| 反斜杠 | 里 |\n");
	sg_buf_puts(&b, "\n| a | b |\n| --- | |\n");
	for (int i = 0; i < 20; i++)
		sg_buf_puts(&b, "| 空分隔 | 里 |\n");
	sg_buf_puts(&b, "\n完。\n");
	if (refdef)
		sg_buf_puts(&b, "\n> [ref]: https://example.com\n");
	return b.data;
}

static void S_dump_parse(const char *md, size_t rows, sg_buf *out)
{
	sg_markdown_set_chunk_rows(rows);
	sg_mdtree *t = sg_mdparse(md, strlen(md), 7);
	sg_buf_clear(out);
	sg_mdnode_dump(t->root, SG_MDDUMP_LINES, out);
	sg_mdtree_free(t);
	sg_markdown_set_chunk_rows(0);
}

static void test_long_table_in_pieces(void **state)
{
	(void)state;
	for (int refdef = 0; refdef < 2; refdef++) {
		char *md = S_long_doc(refdef);
		size_t n = 0;
		sg_mdcut *cuts = sg_mdchunk_cuts(md, strlen(md), 7, &n);
		/* 50 rows: cut after 7, 14, ... 49; 30 rows: after 7 ... 28, up to
		 * the line without a pipe; nothing in the code, the comment, the
		 * list, the table whose delimiter row does not match, the one
		 * whose header has a backslash, the one with an empty delimiter
		 * cell; nothing at all with a reference definition, in a quote. */
		assert_int_equal(n, refdef ? 0 : 7 + 4);
		free(cuts);
		sg_buf whole, pieces;
		sg_buf_init(&whole);
		sg_buf_init(&pieces);
		S_dump_parse(md, 100000, &whole);
		S_dump_parse(md, 7, &pieces);
		assert_string_equal(pieces.data, whole.data);
		sg_buf_dispose(&whole);
		sg_buf_dispose(&pieces);
		free(md);
	}
}

int main(int argc, char **argv)
{
	/* Runs first so that registration really races. */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_threads_inlines),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_tasklist),
		cmocka_unit_test(test_strikethrough),
		cmocka_unit_test(test_autolinks),
		cmocka_unit_test(test_autolink_check_is_linear),
		cmocka_unit_test(test_dialect),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_first_heading),
		cmocka_unit_test(test_long_table_in_pieces),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
