/*
 * test_pdf_tags.c - a layout's structure made into a tagged file's
 * structure tree (render/pdf/pdf_tags.c), with layouts made by hand so that
 * what is drawn where is known exactly: elements in reading order even when
 * a part is drawn before the part before it, a node that nothing draws made
 * in its place, a paragraph over two pages one element, a table's header
 * drawn again on a later page an artifact, boxes without a node artifacts.
 *
 * The file is written uncompressed and without object streams, so its
 * objects are read as text.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "layout/layout.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_int.h"

/* A filled square of node `node` on page pg of l (no text: no fonts). */
static void S_fill(sg_layout *l, size_t pg, double y, int node)
{
	sg_layout_page_box(l, pg, SG_BOX_FILL, 10, y, 5, 5)->node = node;
}

/* Draws every page of l into a tagged file (uncompressed) in out; the
 * content streams of the pages, one after the other, go to ops. */
static void S_draw(const sg_layout *l, sg_buf *out, sg_buf *ops)
{
	sg_pdf_file_opts o = {.tagged = true, .uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(out, &o);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_tags tags;
	sg_pdf_tags_init(&tags, l, doc);
	sg_pdf_painter p = {f, NULL, &c, 100, NULL, 0, NULL, "t.md", 0, &tags, 0, NULL, 0, 0};
	for (size_t i = 0; i < l->npages; i++) {
		p.page = i;
		sg_pdf_paint_boxes(&p, l, i, 0, l->pages[i].n);
		sg_pdf_tags_close(&p);
		sg_buf_printf(ops, "page %zu:\n%s", i, c.ops.data ? c.ops.data : "");
		sg_pdf_page pg = {100, 100, NULL, 0, NULL, 0, NULL, 0};
		sg_pdf_content_page(&c, &pg);
		assert_int_equal(sg_pdf_file_page_add(f, &pg), 0);
		sg_pdf_content_reset(&c);
	}
	sg_pdf_tags_finish(&p);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
}

/* Where the element of type `type` (the n-th of them, from 0) starts in
 * b: at its "<< /S". */
static const char *S_at(const sg_buf *b, const char *type, int n)
{
	char want[64];
	snprintf(want, sizeof want, "<< /S /%s /P ", type);
	const char *p = b->data;
	for (int k = 0; k <= n; k++) {
		p = strstr(k ? p + 1 : p, want);
		assert_non_null(p);
	}
	return p;
}

/* Its dictionary: a static copy, up to the end of its object. */
static const char *S_elem(const sg_buf *b, const char *type, int n)
{
	static char one[512];
	const char *p = S_at(b, type, n);
	const char *e = strstr(p, "\nendobj");
	assert_non_null(e);
	snprintf(one, sizeof one, "%.*s", (int)(e - p), p);
	return one;
}

/* Its object number. */
static unsigned S_num(const sg_buf *b, const char *type, int n)
{
	const char *at = S_at(b, type, n);
	while (at > b->data && memcmp(at, " 0 obj\n", 7) != 0)
		at--;
	while (at > b->data && at[-1] >= '0' && at[-1] <= '9')
		at--;
	return (unsigned)strtoul(at, NULL, 10);
}

/* A list item whose label is drawn after its body's paragraph (as the
 * layout draws a marker): the item's kids are still label, then body. */
static void test_label_before_body(void **state)
{
	(void)state;
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_add_page(&l);
	int list = sg_layout_node(&l, SG_ROLE_L, 0, NULL);
	int li = sg_layout_node(&l, SG_ROLE_LI, list, NULL);
	int lbl = sg_layout_node(&l, SG_ROLE_LBL, li, NULL);
	int body = sg_layout_node(&l, SG_ROLE_LBODY, li, NULL);
	int para = sg_layout_node(&l, SG_ROLE_P, body, NULL);
	S_fill(&l, 0, 10, para);
	S_fill(&l, 0, 10, lbl);
	sg_buf out, ops;
	sg_buf_init(&out);
	sg_buf_init(&ops);
	S_draw(&l, &out, &ops);
	char want[64];
	snprintf(want, sizeof want, "/K [%u 0 R %u 0 R]", S_num(&out, "Lbl", 0),
		 S_num(&out, "LBody", 0));
	assert_non_null(strstr(S_elem(&out, "LI", 0), want));
	/* The paragraph's content first (MCID 0), the label's second. */
	assert_non_null(strstr(S_elem(&out, "P", 0), "/K 0"));
	assert_non_null(strstr(S_elem(&out, "Lbl", 0), "/K 1"));
	assert_non_null(strstr(ops.data, "/P <</MCID 0>> BDC\n0 0 0 rg\n10 85 5 5 re\nf\nEMC\n"
					 "/Lbl <</MCID 1>> BDC\n0 0 0 rg\n10 85 5 5 re\nf\nEMC\n"));
	sg_buf_dispose(&out);
	sg_buf_dispose(&ops);
	sg_layout_dispose(&l);
}

/* A row whose first cell nothing draws (an empty cell) and whose second is
 * drawn: both cells are elements, in their order; a node after the last
 * drawn one (an empty last cell) is made at the end, in its place. */
static void test_empty_cells_in_place(void **state)
{
	(void)state;
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_add_page(&l);
	int table = sg_layout_node(&l, SG_ROLE_TABLE, 0, NULL);
	int tr = sg_layout_node(&l, SG_ROLE_TR, table, NULL);
	sg_layout_node(&l, SG_ROLE_TD, tr, NULL);
	int td2 = sg_layout_node(&l, SG_ROLE_TD, tr, NULL);
	sg_layout_node(&l, SG_ROLE_TD, tr, NULL);
	S_fill(&l, 0, 10, td2);
	sg_buf out, ops;
	sg_buf_init(&out);
	sg_buf_init(&ops);
	S_draw(&l, &out, &ops);
	char want[64];
	snprintf(want, sizeof want, "/K [%u 0 R %u 0 R %u 0 R]", S_num(&out, "TD", 0),
		 S_num(&out, "TD", 1), S_num(&out, "TD", 2));
	assert_non_null(strstr(S_elem(&out, "TR", 0), want));
	assert_null(strstr(S_elem(&out, "TD", 0), "/K"));
	assert_non_null(strstr(S_elem(&out, "TD", 1), "/K 0"));
	assert_null(strstr(S_elem(&out, "TD", 2), "/K"));
	sg_buf_dispose(&out);
	sg_buf_dispose(&ops);
	sg_layout_dispose(&l);
}

/* A paragraph over two pages is one element with content on both; the
 * header cell drawn again on the second page is an artifact there (one
 * MCID in all); a box without a node is an artifact of the layout. */
static void test_pages(void **state)
{
	(void)state;
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_add_page(&l);
	sg_layout_add_page(&l);
	int para = sg_layout_node(&l, SG_ROLE_P, 0, NULL);
	int table = sg_layout_node(&l, SG_ROLE_TABLE, 0, NULL);
	int head = sg_layout_node(&l, SG_ROLE_TR, table, NULL);
	int th = sg_layout_node(&l, SG_ROLE_TH, head, NULL);
	int row = sg_layout_node(&l, SG_ROLE_TR, table, NULL);
	int td = sg_layout_node(&l, SG_ROLE_TD, row, NULL);
	S_fill(&l, 0, 10, para);
	S_fill(&l, 0, 20, 0); /* a rule, say */
	S_fill(&l, 0, 30, th);
	S_fill(&l, 1, 10, para);
	S_fill(&l, 1, 20, th); /* the header again */
	S_fill(&l, 1, 30, td);
	sg_buf out, ops;
	sg_buf_init(&out);
	sg_buf_init(&ops);
	S_draw(&l, &out, &ops);
	const char *p = S_elem(&out, "P", 0);
	unsigned pg0, pg1;
	assert_int_equal(sscanf(strstr(p, "/Pg "), "/Pg %u 0 R /K [0 << /Type /MCR /Pg %u 0 R /MCID 0 >>]",
				&pg0, &pg1),
			 2);
	assert_int_not_equal(pg0, pg1);
	assert_non_null(strstr(S_elem(&out, "TH", 0), "/K 1"));
	assert_non_null(strstr(S_elem(&out, "TH", 0), "/A << /O /Table /Scope /Column >>"));
	assert_non_null(strstr(S_elem(&out, "TD", 0), "/K 1"));
	const char *second = strstr(ops.data, "page 1:\n");
	assert_non_null(second);
	assert_non_null(strstr(ops.data, "EMC\n/Artifact <</Type /Layout>> BDC\n"));
	assert_non_null(strstr(second, "EMC\n/Artifact <</Type /Pagination>> BDC\n"));
	assert_null(strstr(second, "/TH <<"));
	sg_buf_dispose(&out);
	sg_buf_dispose(&ops);
	sg_layout_dispose(&l);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_before_body),
		cmocka_unit_test(test_empty_cells_in_place),
		cmocka_unit_test(test_pages),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
