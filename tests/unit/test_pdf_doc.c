/*
 * test_pdf_doc.c - the document renderer: the same job gives the same bytes,
 * metadata survives in UTF-16, a chart enters the flow as a generated block,
 * and a block name the job does not have is an error at its line.
 */
#include "support.h"

#include <string.h>

#include "base/buf.h"
#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_doc.h"

static const char *S_md = "# 季度报告\n\n本季度华东区签约金额同比增长百分之十八。\n\n"
			  "## 趋势\n\n<!-- salesgen:block trend -->\n\n## 明细\n\n"
			  "| 月份 | 金额 |\n|---|---|\n| 一月 | 12,000 |\n| 二月 | 15,500 |\n";

static size_t S_count(const sg_buf *b, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (size_t i = 0; i + len <= b->len; i++)
		if (memcmp(b->data + i, needle, len) == 0)
			n++;
	return n;
}

static void S_job(sg_pdf_job *job, sg_gen_block *blocks, size_t n, sg_layout *keep)
{
	memset(job, 0, sizeof *job);
	job->markdown = S_md;
	job->len = strlen(S_md);
	job->path = "report.md";
	job->lang = "zh-CN";
	job->cover = true;
	job->title = "季度报告";
	job->author = "华东区";
	job->date = 1767225600;
	job->blocks = blocks;
	job->nblocks = n;
	job->keep_layout = keep != NULL;
	job->layout_out = keep;
}

static void test_chart_and_determinism(void **state)
{
	(void)state;
	sg_pdf_chart *c = sg_pdf_chart_new(SG_PDF_CHART_BAR, "签约金额");
	const char *cats[] = {"一月", "二月", "三月"};
	double a[] = {12, 15.5, 9}, b[] = {10, 11, 14};
	sg_pdf_chart_categories(c, cats, 3);
	sg_pdf_chart_add_series(c, "今年", a, 3, 0);
	sg_pdf_chart_add_series(c, "去年", b, 3, 0);
	sg_pdf_chart_unit(c, "万元");
	sg_gen_block blk = sg_pdf_chart_block(c, "trend");
	sg_diags d;
	sg_diags_init(&d);
	sg_pdf_job job;
	sg_layout l;
	S_job(&job, &blk, 1, &l);
	sg_buf x, y;
	sg_buf_init(&x);
	sg_buf_init(&y);
	assert_int_equal(sg_pdf_render_doc(&x, &job, &d), 0);
	assert_int_equal(d.count, 0);
	/* Six bars and the legend's two swatches are filled boxes. */
	size_t fills = 0, labels = 0;
	for (size_t p = 0; p < l.npages; p++)
		for (size_t i = 0; i < l.pages[p].n; i++) {
			const sg_box *bx = &l.pages[p].boxes[i];
			if (bx->kind == SG_BOX_FILL && (bx->color == 0x1F3A5F || bx->color == 0xE07B39))
				fills++;
			if (bx->kind == SG_BOX_TEXT) {
				sg_buf t;
				sg_buf_init(&t);
				sg_lines_text(&bx->text->lines, bx->line, &t);
				if (strcmp(t.data, "二月") == 0)
					labels++;
				sg_buf_dispose(&t);
			}
		}
	assert_true(fills >= 8);
	assert_int_equal(labels, 2); /* the axis label and the table cell */
	sg_layout_dispose(&l);

	S_job(&job, &blk, 1, NULL);
	assert_int_equal(sg_pdf_render_doc(&y, &job, &d), 0);
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.data, y.data, x.len);
	/* The title as UTF-16BE with a byte order mark: <FEFF5B6358A6...>. */
	assert_true(S_count(&x, "/Title <FEFF5B63") >= 1);
	assert_int_equal(S_count(&x, "/Author <FEFF534E4E1C533A>"), 1);
	sg_buf_dispose(&x);
	sg_buf_dispose(&y);
	sg_diags_dispose(&d);
	sg_pdf_chart_free(c);
}

static void test_unknown_block(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_pdf_job job;
	S_job(&job, NULL, 0, NULL);
	sg_buf x;
	sg_buf_init(&x);
	assert_int_equal(sg_pdf_render_doc(&x, &job, &d), -1);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 7);
	assert_non_null(strstr(d.items[0].message, "trend"));
	sg_buf_dispose(&x);
	sg_diags_dispose(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_and_determinism),
		cmocka_unit_test(test_unknown_block),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	sg_font_cache_clear();
	return rc;
}
