/*
 * test_structure.c - the structure the layout gives a document for a tagged
 * PDF (layout/structure.c): a node per heading, paragraph, list item (its
 * label and body), table row and cell, figure, code block, quote and link,
 * made in reading order, and each box naming the node it draws.
 *
 * The dumps (sg_layout_dump_structure) are written out here: a line per
 * node, indented by depth, with the text its boxes show; text of no node
 * (an artifact) would come last as "Artifact: ...".
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "load/mdparse.h"

typedef struct S_doc {
	sg_style s;
	sg_diags d;
	sg_layout l;
	sg_mdtree *tree;
} S_doc;

/* A generated block: a figure of two boxes whose alternate text it sets. */
static double S_block(void *arg, sg_layout_ctx *ctx, double width, double max_height)
{
	(void)arg;
	(void)max_height;
	sg_layout_ctx_box(ctx, SG_BOX_FILL, 0, 0, width / 2, 20);
	sg_layout_ctx_text(ctx, "2026", 9, false, 0, 'l', 0, 30);
	sg_layout_node_alt(sg_layout_ctx_layout(ctx), sg_layout_ctx_node(ctx), "bar chart: 2026 12");
	return 40;
}

/* Lays out md (Chinese) on pages whose body is width x height points. */
static void S_lay_out(S_doc *x, const char *md, double width, double height)
{
	sg_style_init(&x->s);
	sg_diags_init(&x->d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &x->d);
	assert_non_null(fs);
	sg_layout_init(&x->l);
	static const sg_gen_block blocks[] = {{"chart", S_block, NULL}};
	sg_layout_opts o = {0};
	o.style = &x->s;
	o.fs = fs;
	o.lang = "zh-CN";
	o.path = "t.md";
	o.x = 50;
	o.y = 50;
	o.width = width;
	o.height = height;
	o.blocks = blocks;
	o.nblocks = 1;
	x->tree = sg_mdparse(md, strlen(md), 1);
	assert_int_equal(sg_layout_markdown(&x->l, x->tree->root, &o, &x->d), 0);
}

static void S_done(S_doc *x)
{
	sg_layout_dispose(&x->l);
	sg_mdtree_free(x->tree);
	sg_diags_dispose(&x->d);
	sg_style_dispose(&x->s);
}

static char *S_structure(const sg_layout *l)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_layout_dump_structure(l, &b);
	return sg_buf_detach(&b);
}

static void S_expect(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
	assert_string_equal(got, want);
}

/* Every kind of block, in reading order; the list's labels before their
 * bodies although the layout draws a marker after its item's first line;
 * a link's words its own, between the words of its paragraph around it;
 * nothing drawn as an artifact but the rules and backgrounds (no text). */
static void test_every_block(void **state)
{
	(void)state;
	S_doc x;
	S_lay_out(&x,
		  "# 标题\n\n正文第一段，见[说明](https://example.com/a)为准。\n\n"
		  "## 列表\n\n- 甲\n  1. 乙\n  2. 丙\n- [x] 丁\n\n"
		  "| 项目 | 金额 |\n|---|---:|\n| 人工 | 100 |\n| 电费 | |\n\n"
		  "> 引用的话\n\n```\ncode 1\n```\n\n---\n\n<!-- salesgen:block chart -->\n\n"
		  "### 三级\n\n#### 四级\n",
		  400, 700);
	char *got = S_structure(&x.l);
	S_expect(got, "H1: 标题\n"
		      "P: 正文第一段，见 为准。\n"
		      "  Link: 说明\n"
		      "H2: 列表\n"
		      "L\n"
		      "  LI\n"
		      "    Lbl: •\n"
		      "    LBody\n"
		      "      P: 甲\n"
		      "      L\n"
		      "        LI\n"
		      "          Lbl: 1.\n"
		      "          LBody\n"
		      "            P: 乙\n"
		      "        LI\n"
		      "          Lbl: 2.\n"
		      "          LBody\n"
		      "            P: 丙\n"
		      "  LI\n"
		      "    Lbl [\xE2\x98\x91]\n"
		      "    LBody\n"
		      "      P: 丁\n"
		      "Table\n"
		      "  TR\n"
		      "    TH: 项目\n"
		      "    TH: 金额\n"
		      "  TR\n"
		      "    TD: 人工\n"
		      "    TD: 100\n"
		      "  TR\n"
		      "    TD: 电费\n"
		      "    TD\n"
		      "BlockQuote\n"
		      "  P: 引用的话\n"
		      "Code: code 1\n"
		      "Figure [bar chart: 2026 12]: 2026\n"
		      "H3: 三级\n"
		      "H4: 四级\n");
	free(got);
	/* Parents come before their parts. */
	for (size_t i = 0; i < x.l.nnodes; i++)
		assert_true((size_t)x.l.nodes[i].parent <= i);
	S_done(&x);
}

/* A paragraph that goes on over the page is one node, drawn on both. */
static void test_paragraph_over_pages(void **state)
{
	(void)state;
	sg_buf md;
	sg_buf_init(&md);
	for (int i = 0; i < 40; i++)
		sg_buf_puts(&md, "这一段很长，要分成两页来排，");
	sg_buf_puts(&md, "完。\n\n后一段。\n");
	S_doc x;
	S_lay_out(&x, md.data, 300, 200);
	assert_true(x.l.npages >= 2);
	assert_int_equal(x.l.nnodes, 2);
	int pages_of_first = 0;
	for (size_t p = 0; p < x.l.npages; p++) {
		bool here = false;
		for (size_t i = 0; i < x.l.pages[p].n; i++) {
			const sg_box *b = &x.l.pages[p].boxes[i];
			assert_true(b->kind != SG_BOX_TEXT || b->node > 0);
			here = here || b->node == 1;
		}
		pages_of_first += here;
	}
	assert_true(pages_of_first >= 2);
	assert_int_equal(x.l.nodes[0].role, SG_ROLE_P);
	S_done(&x);
	sg_buf_dispose(&md);
}

/* A table over pages: one Table node, its header cells once however often
 * the header is drawn (the repeats name the same nodes; pdf_tags.c makes
 * them artifacts), a row per TR. */
static void test_table_over_pages(void **state)
{
	(void)state;
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "| 名称 | 数量 |\n|---|---:|\n");
	for (int i = 0; i < 60; i++)
		sg_buf_printf(&md, "| 第 %d 行 | %d |\n", i, i);
	S_doc x;
	S_lay_out(&x, md.data, 300, 200);
	assert_true(x.l.npages >= 3);
	int tables = 0, rows = 0, heads = 0, cells = 0;
	for (size_t i = 0; i < x.l.nnodes; i++) {
		tables += x.l.nodes[i].role == SG_ROLE_TABLE;
		rows += x.l.nodes[i].role == SG_ROLE_TR;
		heads += x.l.nodes[i].role == SG_ROLE_TH;
		cells += x.l.nodes[i].role == SG_ROLE_TD;
	}
	assert_int_equal(tables, 1);
	assert_int_equal(rows, 61);
	assert_int_equal(heads, 2);
	assert_int_equal(cells, 120);
	/* Every page after the first draws the header's cells again. */
	for (size_t p = 1; p < x.l.npages; p++) {
		int th = 0;
		for (size_t i = 0; i < x.l.pages[p].n; i++) {
			const sg_box *b = &x.l.pages[p].boxes[i];
			th += b->node > 0 && x.l.nodes[b->node - 1].role == SG_ROLE_TH;
		}
		assert_int_equal(th, 2);
	}
	S_done(&x);
	sg_buf_dispose(&md);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_block),
		cmocka_unit_test(test_paragraph_over_pages),
		cmocka_unit_test(test_table_over_pages),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
