/*
 * test_pdf_doc.c - the document renderer: the same job gives the same bytes,
 * metadata survives in UTF-16, a chart enters the flow as a generated block
 * and as a chart node of the tree (the same bytes), and a block name the job
 * does not have is an error at its line; a cover whose every text is far
 * too long keeps them all on the page; a theme's pdf.yaml over the defaults;
 * PDF 1.7 with XMP metadata and /Lang; running heads and the watermark as
 * artifacts, the watermark drawn without text; a long document drawn page
 * by page as it is laid out is the same file as one laid out whole, with
 * only a few pages of its flow and texts held at once; given the count a
 * build before kept, it is laid out once, the same file, and a count that
 * is wrong or damaged changes nothing.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/sha256.h"
#include "load/mdparse.h"
#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_font.h"
#include "render/pdf/pdf_hint.h"
#include "render/pdf/pdf_pages.h"

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

/* The streams of PDF b inflated (the uncompressed ones as they are), one
 * after the other, into out. */
static void S_inflate_all(const sg_buf *b, sg_buf *out)
{
	sg_buf_clear(out);
	const char *p = b->data, *end = b->data + b->len;
	for (;;) {
		const char *s = NULL, *e = NULL;
		for (const char *q = p; q + 7 <= end && !s; q++)
			if (memcmp(q, "stream\n", 7) == 0 && q > b->data && q[-1] != 'd')
				s = q + 7;
		for (const char *q = s; s && q + 10 <= end && !e; q++)
			if (memcmp(q, "\nendstream", 10) == 0)
				e = q;
		if (!s || !e)
			break;
		z_stream z;
		memset(&z, 0, sizeof z);
		assert_int_equal(inflateInit(&z), Z_OK);
		z.next_in = (Bytef *)s;
		z.avail_in = (uInt)(e - s);
		int rc;
		do {
			sg_buf_grow(out, 65536);
			z.next_out = (Bytef *)out->data + out->len;
			z.avail_out = 65536;
			rc = inflate(&z, Z_NO_FLUSH);
			out->len = (size_t)((char *)z.next_out - out->data);
		} while (rc == Z_OK);
		inflateEnd(&z);
		if (rc != Z_STREAM_END)
			sg_buf_put(out, s, (size_t)(e - s));
		sg_buf_putc(out, '\n');
		p = e + 10;
	}
}

static void S_job(sg_pdf_job *job, const sg_mdtree *t, sg_gen_block *blocks, size_t n,
		  sg_layout *keep)
{
	memset(job, 0, sizeof *job);
	job->body = t->root;
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
	sg_mdtree *tree = sg_mdparse(S_md, strlen(S_md), 1);
	sg_pdf_job job;
	sg_layout l;
	S_job(&job, tree, &blk, 1, &l);
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

	S_job(&job, tree, &blk, 1, NULL);
	assert_int_equal(sg_pdf_render_doc(&y, &job, &d), 0);
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.data, y.data, x.len);

	/* The same chart as a chart node where the comment was: the same
	 * bytes, with no generated block. */
	const sg_mdnode *mark = NULL;
	for (const sg_mdnode *n = sg_mdnode_first_child(tree->root); n; n = sg_mdnode_next(n))
		if (sg_mdnode_kind(n) == SG_MD_HTML_BLOCK)
			mark = n;
	assert_non_null(mark);
	const sg_mdchart_series series[] = {{"今年", 0, a}, {"去年", 0, b}};
	const sg_mdchart chart = {"trend", SG_MDCHART_BAR, "签约金额", "万元", 0, cats, 3,
				  series, 2};
	sg_mdnode *node = sg_mdnode_new(tree, SG_MD_CHART, sg_mdnode_line(mark));
	node->u.chart = &chart;
	sg_mdnode_insert_before((sg_mdnode *)mark, node);
	sg_mdnode_unlink((sg_mdnode *)mark);
	sg_buf z;
	sg_buf_init(&z);
	S_job(&job, tree, NULL, 0, NULL);
	assert_int_equal(sg_pdf_render_doc(&z, &job, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(z.len, x.len);
	assert_memory_equal(z.data, x.data, x.len);
	sg_buf_dispose(&z);
	sg_mdtree_free(tree);
	/* The title as UTF-16BE with a byte order mark: <FEFF5B6358A6...>
	 * (the dictionaries are in object streams, inflated into y). */
	S_inflate_all(&x, &y);
	assert_true(S_count(&y, "/Title <FEFF5B63") >= 1);
	assert_int_equal(S_count(&y, "/Author <FEFF534E4E1C533A>"), 1);
	/* PDF 1.7; the XMP metadata holds the title and author too, the
	 * catalog the language, and readers show the title. */
	assert_memory_equal(x.data, "%PDF-1.7\n", 9);
	assert_int_equal(S_count(&y, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">季度报告"
				     "</rdf:li></rdf:Alt></dc:title>"),
			 1);
	assert_int_equal(S_count(&y, "<dc:creator><rdf:Seq><rdf:li>华东区</rdf:li>"), 1);
	assert_int_equal(S_count(&y, "/Lang (zh-CN)"), 1);
	assert_int_equal(S_count(&y, "/DisplayDocTitle true"), 1);
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
	sg_mdtree *t = sg_mdparse(S_md, strlen(S_md), 1);
	sg_pdf_job job;
	S_job(&job, t, NULL, 0, NULL);
	sg_buf x;
	sg_buf_init(&x);
	assert_int_equal(sg_pdf_render_doc(&x, &job, &d), -1);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 7);
	assert_non_null(strstr(d.items[0].message, "trend"));
	sg_buf_dispose(&x);
	sg_mdtree_free(t);
	sg_diags_dispose(&d);
}

/* Whether two boxes overlap by more than a hair (touching edges do not); a
 * rule (no height) overlaps a box it crosses. */
static bool S_overlap(const sg_box *a, const sg_box *b)
{
	double e = 0.01;
	return a->x + a->w > b->x + e && b->x + b->w > a->x + e && a->y + a->h > b->y + e &&
	       b->y + b->h > a->y + e;
}

static void test_cover_long_texts(void **state)
{
	(void)state;
	/* A title, subtitle, eight fields and a footer line of 600 characters
	 * each: everything stays on the page, nothing overprints, and each
	 * cut says where its text came from. */
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	sg_style s;
	sg_style_init(&s);
	sg_buf zh, en;
	sg_buf_init(&zh);
	sg_buf_init(&en);
	for (int i = 0; i < 100; i++)
		sg_buf_puts(&zh, "恒通物流集团");
	for (int i = 0; i < 60; i++)
		sg_buf_puts(&en, "Harbourline Trading ");
	sg_pdf_field fields[8];
	sg_pos field_pos[8];
	for (int i = 0; i < 8; i++) {
		fields[i].label = i % 2 ? "Customer" : "客户";
		fields[i].value = i % 2 ? en.data : zh.data;
		field_pos[i] = sg_pos_make("c.xml", 10 + i, 3);
	}
	sg_pdf_cover_opts o = {&s, fs, fs, "t.md", zh.data, en.data, fields, 8, NULL, NULL, zh.data,
			       sg_pos_make("c.xml", 6, 3), sg_pos_make("t.md", 3, 0), field_pos};
	sg_layout l;
	sg_layout_init(&l);
	sg_pdf_cover(&l, &o, &d);
	assert_int_equal(l.npages, 1);
	const sg_lpage *pg = &l.pages[0];
	size_t texts = 0;
	for (size_t i = 0; i < pg->n; i++) {
		const sg_box *a = &pg->boxes[i];
		if (a->x < -1e-6 || a->y < -1e-6 || a->x + a->w > s.page_width + 1e-6 ||
		    a->y + a->h > s.page_height - s.margin_bottom + 30)
			fail_msg("a box of kind %d at %.1f,%.1f (%.1f x %.1f) leaves the page", a->kind,
				 a->x, a->y, a->w, a->h);
		if (a->kind != SG_BOX_TEXT)
			continue;
		texts++;
		for (size_t j = 0; j < pg->n; j++)
			if (j != i && pg->boxes[j].kind != SG_BOX_IMAGE && S_overlap(a, &pg->boxes[j]))
				fail_msg("text at %.1f,%.1f overlaps a box of kind %d at %.1f,%.1f", a->x,
					 a->y, pg->boxes[j].kind, pg->boxes[j].x, pg->boxes[j].y);
	}
	/* Six lines of title, three of subtitle, two a field, one footer. */
	assert_int_equal(texts, 6 + 3 + 8 * 3 + 1);
	assert_int_equal(d.count, 1 + 1 + 8);
	sg_diags_sort(&d);
	assert_string_equal(d.items[0].path, "c.xml");
	assert_int_equal(d.items[0].line, 6);
	assert_non_null(strstr(d.items[0].message, "the cover title (600 characters) does not fit "
						    "on the cover even at 16 pt: it is cut with an "
						    "ellipsis after"));
	assert_int_equal(d.items[1].line, 10);
	assert_non_null(strstr(d.items[1].message, "the cover field '客户' (600 characters) "
						    "does not fit in 2 lines"));
	assert_string_equal(d.items[9].path, "t.md");
	assert_int_equal(d.items[9].line, 3);
	assert_non_null(strstr(d.items[9].message, "the cover subtitle (1200 characters) does not "
						    "fit in 3 lines"));
	sg_layout_dispose(&l);
	sg_style_dispose(&s);
	sg_buf_dispose(&zh);
	sg_buf_dispose(&en);
	sg_diags_dispose(&d);
}

/* The watermark is drawn on every page as the outlines of its glyphs in a
 * form XObject, marked as an artifact, and adds no glyph to the fonts: it
 * is no text. The running header and footer are artifacts too. */
static void test_watermark(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_mdtree *tree = sg_mdparse(S_md, strlen(S_md), 1);
	sg_pdf_job job;
	S_job(&job, tree, NULL, 0, NULL);
	job.title = "季度报告";
	sg_pdf_stats plain, marked;
	sg_buf a, b, x;
	sg_buf_init(&a);
	sg_buf_init(&b);
	sg_buf_init(&x);
	/* The trend block is not given: an error, and the document made all
	 * the same, without it. */
	job.stats = &plain;
	assert_int_equal(sg_pdf_render_doc(&a, &job, &d), -1);
	job.stats = &marked;
	job.watermark = "草稿 · 未审批";
	assert_int_equal(sg_pdf_render_doc(&b, &job, &d), -1);
	assert_true(a.len > 0 && b.len > a.len);
	assert_true(marked.pages >= 2);
	assert_int_equal(marked.pages, plain.pages);
	assert_int_equal(marked.fonts.glyphs, plain.fonts.glyphs);
	assert_int_equal(marked.fonts.faces, plain.fonts.faces);
	S_inflate_all(&b, &x);
	size_t pages = (size_t)marked.pages;
	assert_int_equal(S_count(&x, "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\nq\n"),
			 pages);
	assert_int_equal(S_count(&b, "/Subtype /Form"), 1);
	/* A light fill, not stroked: the outlines are filled, with no text. */
	assert_int_equal(S_count(&x, "/ca 0.16 /CA 0.16"), 1);
	const char *form = strstr(x.data, "0.851 0.3255 0.3098 rg\n");
	assert_non_null(form);
	assert_null(strstr(form, " S\n"));
	/* The cover has no running header and footer; every other page has. */
	assert_int_equal(S_count(&x, "/Artifact <</Type /Pagination>> BDC"), pages - 1);
	S_inflate_all(&a, &x);
	assert_int_equal(S_count(&x, "/Subtype /Watermark"), 0);
	sg_mdtree_free(tree);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_buf_dispose(&x);
	sg_diags_dispose(&d);
}

/* A theme's pdf.yaml over the defaults (render/pdf/pdf_style.c), and its
 * problems at their lines. */
static void test_style(void **state)
{
	(void)state;
	sg_style s;
	sg_style_init(&s);
	sg_diags d;
	sg_diags_init(&d);
	const char *y = "page:\n  margins: {top: 2cm, left: 30mm}\nbody: {size: 10.5pt}\n"
			"colors: {accent: \"#102030\"}\nlabels:\n  en: {page: \"p. {page}\"}\n";
	assert_int_equal(sg_pdf_style_load_yaml(&s, y, strlen(y), "pdf.yaml", &d), 0);
	assert_true(s.margin_top > 56.6 && s.margin_top < 56.8);
	assert_true(s.margin_left > 85.0 && s.margin_left < 85.1);
	assert_true(s.body.size == 10.5);
	assert_int_equal(s.accent, 0x102030);
	assert_string_equal(sg_style_label(&s, "en-GB", "page", "x"), "p. {page}");
	assert_string_equal(sg_style_label(&s, "en", "contents", "Contents"), "Contents");
	const char *bad = "body: {size: big}\npage:\n  colour: red\n";
	assert_int_equal(sg_pdf_style_load_yaml(&s, bad, strlen(bad), "pdf.yaml", &d), -1);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[1].line, 3); /* the unknown key, at its line */
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
}

/* A long document: a heading, a link to a heading further on, a table of
 * rows rows, a paragraph, a second heading (the job adds a watermark,
 * contents and a seal). */
static char *S_long_md(size_t rows)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "# 客户总表\n\n先看[结语](#结语)。\n\n| 序号 | 客户 | 金额 |\n|---:|---|---:|\n");
	for (size_t i = 1; i <= rows; i++)
		sg_buf_printf(&b, "| %zu | 客户 %zu 号，华东区 | %zu,%03zu |\n", i, i, i % 97, i % 1000);
	sg_buf_puts(&b, "| **合计** | | **1,000** |\n\n本表按签约日期排列。\n\n## 结语\n\n完。\n");
	return b.data;
}

/* A job for the long document S_long_md(3000) (its text in *md, the tree
 * returned), with contents, a watermark and a seal on its last page (laid
 * out when that page is made). */
static sg_mdtree *S_long_job(sg_pdf_job *job, char **md)
{
	*md = S_long_md(3000);
	sg_mdtree *tree = sg_mdparse(*md, strlen(*md), 1);
	S_job(job, tree, NULL, 0, NULL);
	job->toc = SG_PDF_TOC_ALWAYS;
	job->watermark = "草稿";
	job->seal_text = "华东区销售部";
	return tree;
}

static void test_long_document_streamed(void **state)
{
	(void)state;
	char *md;
	sg_pdf_job job;
	sg_mdtree *tree = S_long_job(&job, &md);
	sg_diags d;
	sg_diags_init(&d);
	sg_pdf_stats whole = {0}, streamed = {0};
	sg_buf x, y;
	sg_buf_init(&x);
	sg_buf_init(&y);
	/* Laid out whole, every page held until it is drawn ... */
	job.stream_pages = 100000;
	job.stats = &whole;
	assert_int_equal(sg_pdf_render_doc(&x, &job, &d), 0);
	assert_false(whole.streamed);
	assert_true(whole.pages > 60);
	/* ... and page by page from the second: the same bytes. */
	job.stream_pages = 2;
	job.stats = &streamed;
	assert_int_equal(sg_pdf_render_doc(&y, &job, &d), 0);
	assert_int_equal(d.count, 0);
	assert_true(streamed.streamed);
	assert_int_equal(streamed.pages, whole.pages);
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.data, y.data, x.len);
	/* A page holds some forty rows, an item each: the flow holds the pages
	 * not yet final and what came since the last plan, not the table. */
	assert_true(streamed.most_items < 300);
	/* The default: 64 pages and more. */
	job.stream_pages = 0;
	assert_int_equal(sg_pdf_render_doc(&y, &job, &d), 0);
	assert_true(streamed.streamed);
	assert_memory_equal(x.data, y.data, x.len);
	sg_buf_dispose(&x);
	sg_buf_dispose(&y);
	sg_diags_dispose(&d);
	sg_mdtree_free(tree);
	free(md);
}

/* job's document with the count hint (len bytes, NULL: none) into out,
 * which must be the bytes want; returns the times the body was laid out. */
static int S_render_kept(sg_pdf_job *job, const void *hint, size_t len, const sg_buf *want)
{
	sg_pdf_stats st = {0};
	sg_buf out, count;
	sg_buf_init(&out);
	sg_buf_init(&count);
	sg_diags d;
	sg_diags_init(&d);
	job->hint = hint;
	job->hint_len = len;
	job->hint_out = &count;
	job->stats = &st;
	assert_int_equal(sg_pdf_render_doc(&out, job, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(out.len, want->len);
	assert_memory_equal(out.data, want->data, want->len);
	/* Whatever it was given, the count it gives is the document's. */
	assert_true(count.len > 0);
	assert_true(st.streamed);
	assert_true(st.most_items < 300);
	assert_int_equal(st.kept, st.layouts == 1);
	job->stats = NULL; /* they go with this frame */
	job->hint_out = NULL;
	sg_buf_dispose(&out);
	sg_buf_dispose(&count);
	sg_diags_dispose(&d);
	return st.layouts;
}

/* The count of the long document of rows rows, its last heading last. */
static void S_count_of(size_t rows, const char *last, sg_buf *count)
{
	char *md = S_long_md(rows);
	if (last)
		memcpy(strstr(md, "## 结语\n\n完"), last, strlen(last));
	sg_mdtree *tree = sg_mdparse(md, strlen(md), 1);
	sg_diags d;
	sg_diags_init(&d);
	sg_pdf_job job;
	S_job(&job, tree, NULL, 0, NULL);
	job.toc = SG_PDF_TOC_ALWAYS;
	job.stream_pages = 2;
	job.hint_out = count;
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_pdf_render_doc(&out, &job, &d), 0);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_mdtree_free(tree);
	free(md);
}

/* A long document given the count the last build of it kept is laid out
 * once, and is the same file; a count that is wrong (another document's:
 * more pages, fewer, another heading) or that does not read (cut short,
 * a byte changed, empty, not a count) makes it laid out as without one,
 * the same file again, and no message. */
static void test_long_document_kept_count(void **state)
{
	(void)state;
	char *md;
	sg_pdf_job job;
	sg_mdtree *tree = S_long_job(&job, &md);
	sg_diags d;
	sg_diags_init(&d);
	job.stream_pages = 2;
	sg_pdf_stats st = {0};
	sg_buf want, count;
	sg_buf_init(&want);
	sg_buf_init(&count);
	job.stats = &st;
	job.hint_out = &count;
	assert_int_equal(sg_pdf_render_doc(&want, &job, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(st.layouts, 2);
	assert_false(st.kept);
	assert_true(count.len > 0);

	/* Right: once. */
	assert_int_equal(S_render_kept(&job, count.data, count.len, &want), 1);
	/* Wrong: once, then twice more, the first try thrown away. */
	sg_buf other;
	sg_buf_init(&other);
	S_count_of(3100, NULL, &other);
	assert_int_equal(S_render_kept(&job, other.data, other.len, &want), 3);
	sg_buf_clear(&other);
	S_count_of(2900, NULL, &other);
	assert_int_equal(S_render_kept(&job, other.data, other.len, &want), 3);
	sg_buf_clear(&other);
	S_count_of(3000, "## 结论\n\n完", &other); /* the same pages, a heading's text not */
	assert_int_equal(other.len, count.len);
	assert_memory_not_equal(other.data, count.data, count.len);
	assert_int_equal(S_render_kept(&job, other.data, other.len, &want), 3);
	/* Not a count: left aside. */
	assert_int_equal(S_render_kept(&job, count.data, count.len - 1, &want), 2);
	assert_int_equal(S_render_kept(&job, count.data, 30, &want), 2);
	assert_int_equal(S_render_kept(&job, "", 0, &want), 2);
	assert_int_equal(S_render_kept(&job, "salesgen-pdf-count 1\n", 21, &want), 2);
	sg_buf_clear(&other);
	sg_buf_put(&other, count.data, count.len);
	other.data[count.len / 2] ^= 0x10;
	assert_int_equal(S_render_kept(&job, other.data, other.len, &want), 2);
	/* The problems of the content, told the same with a count. */
	char *bad = S_long_md(3000);
	bad = sg_xrealloc(bad, strlen(bad) + 64);
	strcat(bad, "\n![图](missing.png)\n");
	sg_mdtree *badtree = sg_mdparse(bad, strlen(bad), 1);
	job.body = badtree->root;
	sg_buf_clear(&count);
	job.hint = NULL;
	job.hint_out = &count;
	job.stats = &st;
	sg_buf told, again;
	sg_buf_init(&told);
	sg_buf_init(&again);
	sg_diags d1, d2;
	sg_diags_init(&d1);
	sg_diags_init(&d2);
	sg_pdf_render_doc(&other, &job, &d1);
	assert_true(d1.count > 0);
	job.hint = count.data;
	job.hint_len = count.len;
	job.hint_out = NULL;
	sg_pdf_render_doc(&want, &job, &d2);
	assert_int_equal(st.layouts, 1);
	assert_int_equal(d1.count, d2.count);
	for (size_t i = 0; i < d1.count; i++) {
		sg_diag_format_buf(&d1.items[i], false, &told);
		sg_diag_format_buf(&d2.items[i], false, &again);
	}
	assert_string_equal(told.data, again.data);
	assert_int_equal(want.len, other.len);
	assert_memory_equal(want.data, other.data, other.len);
	sg_buf_dispose(&told);
	sg_buf_dispose(&again);
	sg_diags_dispose(&d1);
	sg_diags_dispose(&d2);
	sg_mdtree_free(badtree);
	free(bad);
	job.body = tree->root;
	sg_buf_clear(&count);
	job.hint = NULL;
	job.hint_out = &count;
	assert_int_equal(sg_pdf_render_doc(&want, &job, &d), 0);

	/* A short document has no count, and a count is not used for it. */
	job.stream_pages = 100000;
	sg_buf whole;
	sg_buf_init(&whole);
	job.hint = NULL;
	job.hint_out = &other;
	assert_int_equal(sg_pdf_render_doc(&whole, &job, &d), 0);
	assert_int_equal(other.len, 0);
	job.hint = count.data;
	job.hint_len = count.len;
	job.stats = &st;
	assert_int_equal(sg_pdf_render_doc(&want, &job, &d), 0);
	assert_int_equal(st.layouts, 1);
	assert_false(st.kept);
	assert_int_equal(want.len, whole.len);
	assert_memory_equal(want.data, whole.data, whole.len);
	sg_buf_dispose(&whole);
	sg_buf_dispose(&other);
	sg_buf_dispose(&want);
	sg_buf_dispose(&count);
	sg_diags_dispose(&d);
	sg_mdtree_free(tree);
	free(md);
}

/* A count's bytes: any part of them cut off, or any byte changed, and
 * they do not read; with a byte changed and the SHA-256 at the end made
 * again, they read or not, and a document given them is the same file. */
static void S_reseal(sg_buf *b)
{
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256 s;
	sg_sha256_init(&s);
	sg_sha256_update(&s, b->data, b->len - SG_SHA256_LEN);
	sg_sha256_final(&s, digest);
	memcpy(b->data + b->len - SG_SHA256_LEN, digest, SG_SHA256_LEN);
}

static void test_count_bytes(void **state)
{
	(void)state;
	sg_buf count, b;
	sg_buf_init(&count);
	sg_buf_init(&b);
	S_count_of(3000, NULL, &count);
	sg_pdf_hint h;
	assert_int_equal(sg_pdf_hint_read(&h, count.data, count.len), 0);
	assert_true(h.pages > 60 && h.nheads == 2 && h.nnodes > 3000);
	sg_pdf_hint_dispose(&h);
	for (size_t n = 0; n < count.len; n += 1 + n / 8) {
		assert_int_equal(sg_pdf_hint_read(&h, count.data, n), -1);
		sg_pdf_hint_dispose(&h);
	}
	size_t read = 0;
	for (size_t i = 0; i < count.len; i += 7) {
		sg_buf_clear(&b);
		sg_buf_put(&b, count.data, count.len);
		b.data[i] ^= 0x5a;
		assert_int_equal(sg_pdf_hint_read(&h, b.data, b.len), -1);
		sg_pdf_hint_dispose(&h);
		if (i + SG_SHA256_LEN >= count.len)
			continue;
		S_reseal(&b);
		read += sg_pdf_hint_read(&h, b.data, b.len) == 0;
		sg_pdf_hint_dispose(&h);
	}
	assert_true(read > 0); /* a changed page or place still reads */
	/* Such counts, each given to the document: the same file. */
	char *md = S_long_md(3000);
	sg_mdtree *tree = sg_mdparse(md, strlen(md), 1);
	sg_pdf_job job;
	S_job(&job, tree, NULL, 0, NULL);
	job.toc = SG_PDF_TOC_ALWAYS;
	job.stream_pages = 2;
	sg_buf want;
	sg_buf_init(&want);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_pdf_render_doc(&want, &job, &d), 0);
	size_t at[] = {30, 200, count.len / 2, count.len - 40};
	for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
		sg_buf_clear(&b);
		sg_buf_put(&b, count.data, count.len);
		b.data[at[k]] ^= 0x01;
		S_reseal(&b);
		S_render_kept(&job, b.data, b.len, &want);
	}
	sg_buf_dispose(&want);
	sg_diags_dispose(&d);
	sg_mdtree_free(tree);
	free(md);
	sg_buf_dispose(&b);
	sg_buf_dispose(&count);
}

/* The layout alone, each page let go as soon as it is made: the texts
 * alive at once stay a few pages' worth, and every page, read as it is
 * made, is the page a layout holding them all makes. */
typedef struct S_pages {
	sg_buf *dumps; /* per page, as made */
	size_t n;
} S_pages;

static void S_page_dump(const sg_layout *l, size_t page, sg_buf *out)
{
	sg_layout one = *l;
	one.pages = (sg_lpage *)&l->pages[page];
	one.npages = 1;
	sg_layout_dump(&one, out);
}

static void S_take_page(void *arg, sg_layout *l, size_t page)
{
	S_pages *p = arg;
	p->dumps = realloc(p->dumps, (page + 1) * sizeof *p->dumps);
	sg_buf_init(&p->dumps[page]);
	S_page_dump(l, page, &p->dumps[page]);
	p->n = page + 1;
	sg_layout_page_free(l, page);
}

static void test_long_layout_bounded(void **state)
{
	(void)state;
	char *md = S_long_md(3000);
	sg_mdtree *tree = sg_mdparse(md, strlen(md), 1);
	sg_style s;
	sg_style_init(&s);
	sg_diags d;
	sg_diags_init(&d);
	sg_pdf_fontsets sets;
	assert_int_equal(sg_pdf_fontsets_get(&s, sg_pos_make("t.md", 1, 0), &sets, &d), 0);
	sg_layout_opts o = {.style = &s, .fs = sets.body, .heading_fs = sets.heading,
			    .lang = "zh-CN", .path = "t.md"};
	sg_layout whole, streamed;
	sg_layout_init(&whole);
	assert_int_equal(sg_layout_markdown(&whole, tree->root, &o, &d), 0);
	S_pages got = {0};
	o.page_done = S_take_page;
	o.page_arg = &got;
	sg_layout_init(&streamed);
	assert_int_equal(sg_layout_markdown(&streamed, tree->root, &o, &d), 0);
	assert_int_equal(got.n, whole.npages);
	assert_true(whole.npages > 60);
	for (size_t p = 0; p < got.n; p++) {
		sg_buf w;
		sg_buf_init(&w);
		S_page_dump(&whole, p, &w);
		assert_string_equal(got.dumps[p].data, w.data);
		sg_buf_dispose(&w);
		sg_buf_dispose(&got.dumps[p]);
	}
	/* Over 3,000 texts made, a few pages' worth alive at once. */
	assert_true(streamed.texts_made > 3000);
	assert_true(streamed.most_texts < 400);
	assert_true(whole.most_texts > 3000);
	assert_true(streamed.most_items < 300);
	free(got.dumps);
	sg_layout_dispose(&whole);
	sg_layout_dispose(&streamed);
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
	sg_mdtree_free(tree);
	free(md);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_and_determinism),
		cmocka_unit_test(test_unknown_block),
		cmocka_unit_test(test_cover_long_texts),
		cmocka_unit_test(test_watermark),
		cmocka_unit_test(test_style),
		cmocka_unit_test(test_long_document_streamed),
		cmocka_unit_test(test_long_document_kept_count),
		cmocka_unit_test(test_count_bytes),
		cmocka_unit_test(test_long_layout_bounded),
	};
	int rc = sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
	sg_font_cache_clear();
	return rc;
}
