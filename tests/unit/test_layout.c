/*
 * test_layout.c - the layout engine: golden dumps of small documents (line
 * breaks of mixed text, a table across a page break with its header
 * repeated, widow and orphan control, a heading moved to the next page),
 * plus image headers and the PDF style loader.
 *
 * Also: a table row taller than a page cut across pages, and images set
 * inside lines of text; a table too wide for the measure set smaller (or
 * refused when it fits at no size), and titles fitted to the cover's room.
 * Tables and headings swept down the page a line at a time (whatever the
 * lines' exact heights): no row alone on a side of a break, no total row
 * parted from the row before, no short table split, no heading with one
 * list item; a short header whole and a number with its unit.
 *
 * Golden files live in tests/data/layout/NAME.txt; run the test with
 * SG_UPDATE_GOLDEN=1 to rewrite them after a deliberate change (and read
 * the diff before committing it).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "layout/image.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "load/mdparse.h"

/* Lays out the document root on pages with a body of width x height points
 * (top-left corner at 50, 50), images found in base_dir, and returns the
 * dump. */
static char *S_dump_tree(const sg_mdnode *root, const char *lang, double width, double height,
			 int *pages, const char *base_dir)
{
	sg_style s;
	sg_style_init(&s);
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	const sg_fontset *mono = sg_fontset_get("DejaVu Sans Mono", NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	assert_non_null(mono);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &s;
	o.fs = fs;
	o.mono_fs = mono;
	o.lang = lang;
	o.path = "t.md";
	o.base_dir = base_dir;
	o.x = 50;
	o.y = 50;
	o.width = width;
	o.height = height;
	assert_int_equal(sg_layout_markdown(&l, root, &o, &d), 0);
	sg_buf b;
	sg_buf_init(&b);
	sg_layout_dump(&l, &b);
	if (pages)
		*pages = (int)l.npages;
	sg_layout_dispose(&l);
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
	return sg_buf_detach(&b);
}

/* The same for Markdown text. */
static char *S_dump_in(const char *md, const char *lang, double width, double height, int *pages,
		       const char *base_dir)
{
	sg_mdtree *t = sg_mdparse(md, strlen(md), 1);
	char *got = S_dump_tree(t->root, lang, width, height, pages, base_dir);
	sg_mdtree_free(t);
	return got;
}

static char *S_dump(const char *md, const char *lang, double width, double height, int *pages)
{
	return S_dump_in(md, lang, width, height, pages, NULL);
}

static void S_golden(const char *name, const char *got)
{
	char path[512];
	snprintf(path, sizeof path, "%s/layout/%s.txt", SG_TEST_DATA, name);
	if (getenv("SG_UPDATE_GOLDEN")) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
		return;
	}
	size_t len;
	char *want = sg_test_read_file(path, &len);
	if (!want)
		fail_msg("missing golden file %s (run with SG_UPDATE_GOLDEN=1)", path);
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "--- %s differs; got:\n%s", path, got);
		free(want);
		fail_msg("layout differs from %s", path);
	}
	free(want);
}

/* Lines of the dump whose box kind is kind. */
static int S_count(const char *dump, const char *kind, const char *text)
{
	int n = 0;
	for (const char *p = dump; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		char k[16];
		if (sscanf(line, "%*d %15s", k) == 1 && strcmp(k, kind) == 0 &&
		    (!text || strstr(line, text)))
			n++;
		p = e ? e + 1 : p + len;
	}
	return n;
}

static void test_mixed_lines(void **state)
{
	(void)state;
	char *got = S_dump("销售团队在华东区签下了 Hengtong Logistics 的仓储管理系统续约合同，"
			   "金额为 126,000 元（含税），并约定在 Q3 完成 migration。\n"
			   "第二句紧接着上一行，中间不应出现空格。\n\n"
			   "A second paragraph in English with a verylongidentifierthatcannotfitonaline "
			   "inside it.\n",
			   "zh-CN", 200, 600, NULL);
	S_golden("mixed-lines", got);
	/* The soft break between two Han characters became nothing. */
	assert_null(strstr(got, "。 第二句"));
	free(got);
}

static void test_table_across_pages(void **state)
{
	(void)state;
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "| 项目 | Users | 金额 |\n|---|---|---|\n");
	for (int i = 1; i <= 14; i++)
		sg_buf_printf(&md, "| 第 %d 项服务 | %d | %d,000 |\n", i, i * 10, i * 12);
	int pages = 0;
	char *got = S_dump(md.data, "zh-CN", 300, 200, &pages);
	S_golden("table-pages", got);
	assert_true(pages >= 2);
	/* The header row is drawn once on each page. */
	assert_int_equal(S_count(got, "text", "项目"), pages);
	free(got);
	sg_buf_dispose(&md);
}

/* One box of a dump line. */
typedef struct S_dbox {
	int page;
	char kind[16];
	double x, y, w, h;
	char text[160]; /* the rest of the line */
} S_dbox;

/* The boxes of a dump (at most max). */
static size_t S_boxes(const char *dump, S_dbox *out, size_t max)
{
	size_t n = 0;
	for (const char *p = dump; *p && n < max;) {
		int used = 0;
		S_dbox *b = &out[n];
		const char *e = strchr(p, '\n');
		if (sscanf(p, "%d %15s %lf %lf %lf %lf%n", &b->page, b->kind, &b->x, &b->y, &b->w,
			   &b->h, &used) == 6) {
			size_t len = e ? (size_t)(e - p) - (size_t)used : strlen(p + used);
			snprintf(b->text, sizeof b->text, "%.*s", (int)len, p + used);
			n++;
		}
		p = e ? e + 1 : p + strlen(p);
	}
	return n;
}

static void test_table_tall_row(void **state)
{
	(void)state;
	/* Row 2 holds thirty lines in a body of 200 pt (thirteen lines of
	 * 14.2 pt): it cannot go whole anywhere, so it starts on page 1 under row
	 * 1 and goes on over the next pages, each under the repeated header. */
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "| 序号 | 说明 |\n|---|---|\n| 1 | 只有一行。 |\n| 2 | ");
	for (int i = 1; i <= 30; i++)
		sg_buf_printf(&md, "第%d句：客户去年自建了邮件服务器，运维压力很大。", i);
	sg_buf_puts(&md, " |\n| 3 | 表格最后一行。 |\n");
	int pages = 0;
	char *got = S_dump(md.data, "zh-CN", 300, 200, &pages);
	S_golden("table-tall-row", got);
	assert_true(pages >= 3);
	assert_int_equal(S_count(got, "text", "序号"), pages);
	S_dbox boxes[512];
	size_t n = S_boxes(got, boxes, 512);
	assert_true(n > 40 && n < 512);
	int first_page = 0, last_page = 0;
	for (size_t i = 0; i < n; i++) {
		const S_dbox *b = &boxes[i];
		/* Nothing leaves the body (50..250). */
		if (b->y < 50 - 1e-6 || b->y + b->h > 250 + 1e-6)
			fail_msg("page %d: %s box at y %.1f, height %.1f, outside the body", b->page,
				 b->kind, b->y, b->h);
		if (strcmp(b->kind, "text") == 0 && strstr(b->text, "第1句"))
			first_page = b->page;
		if (strcmp(b->kind, "text") == 0 && strstr(b->text, "第30句"))
			last_page = b->page;
	}
	assert_int_equal(first_page, 1); /* no empty foot on page 1 */
	assert_int_equal(last_page, pages);
	assert_int_equal(S_count(got, "text", "句："), 30); /* every line, once */
	/* Under the repeated header, the rest of the row keeps its padding:
	 * its first line is no closer to the header's rule than row 1's was. */
	double pad1 = 0, pad2 = 0, head_bottom = 0;
	for (size_t i = 0; i < n; i++) {
		const S_dbox *b = &boxes[i];
		if (b->page == 1 && strcmp(b->kind, "fill") == 0)
			head_bottom = b->y + b->h;
		if (b->page == 1 && strcmp(b->kind, "text") == 0 && strstr(b->text, "只有一行"))
			pad1 = b->y - head_bottom;
		if (b->page == 2 && strcmp(b->kind, "text") == 0 && strstr(b->text, "句：") &&
		    pad2 == 0)
			pad2 = b->y - head_bottom;
	}
	assert_true(pad1 > 0);
	assert_true(pad2 > pad1 - 1e-6 && pad2 < pad1 + 1e-6);
	free(got);
	sg_buf_dispose(&md);
}

/* Whether two boxes overlap by more than a hair (touching edges do not). */
static bool S_overlap(const S_dbox *a, const S_dbox *b)
{
	double e = 0.01;
	return a->page == b->page && a->x + a->w > b->x + e && b->x + b->w > a->x + e &&
	       a->y + a->h > b->y + e && b->y + b->h > a->y + e;
}

/* "¥1,038,000.00" */
static void S_money(sg_buf *b, long v)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%ld", v);
	sg_buf_puts(b, "¥");
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			sg_buf_putc(b, ',');
		sg_buf_putc(b, digits[i]);
	}
	sg_buf_puts(b, ".00");
}

/* A price table of nine columns, too wide for the A4 measure at 10.5 pt. */
static void S_price_table(sg_buf *md)
{
	sg_buf_puts(md, "| 产品 | 版本 | 用户数 | 目录单价 | 折扣 | 成交单价 | 年费 | 一次性费用 | "
			"五年合计 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (long u = 500; u <= 2000; u += 500) {
		sg_buf_printf(md, "| 企业邮箱 | 商务版 | %ld | ¥120.00 | 85%% | ¥102.00 | ", u);
		S_money(md, 102 * u);
		sg_buf_puts(md, " | ¥18,000.00 | ");
		S_money(md, 510 * u + 18000);
		sg_buf_puts(md, " |\n");
	}
}

static void test_table_shrinks(void **state)
{
	(void)state;
	/* At 10.5 pt its numbers would be broken in the middle; it is set
	 * smaller instead, every cell on one line, nothing overprinted. */
	sg_buf md;
	sg_buf_init(&md);
	S_price_table(&md);
	char *got = S_dump(md.data, "zh-CN", 415.6, 700, NULL);
	S_golden("table-shrinks", got);
	S_dbox boxes[256];
	size_t n = S_boxes(got, boxes, 256);
	size_t texts = 0;
	for (size_t i = 0; i < n; i++) {
		const S_dbox *a = &boxes[i];
		if (strcmp(a->kind, "text") != 0)
			continue;
		texts++;
		/* Lines of 7 to 10.5 pt at 1.35 (14.2 pt at the style's size). */
		if (a->h < 7 * 1.35 - 0.05 || a->h > 10.4 * 1.35)
			fail_msg("a line %.1f pt tall: the table was not set smaller", a->h);
		if (a->x < 50 - 1e-6 || a->x + a->w > 50 + 415.6 + 1e-6)
			fail_msg("'%s' runs out of the measure", a->text);
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(boxes[j].kind, "text") == 0 && S_overlap(a, &boxes[j]))
				fail_msg("'%s' overprints '%s'", a->text, boxes[j].text);
	}
	assert_int_equal(texts, 9 * 5); /* one line a cell */
	assert_int_equal(S_count(got, "text", "企业邮箱"), 4);
	assert_int_equal(S_count(got, "text", "¥1,038,000.00"), 1);
	free(got);
	sg_buf_dispose(&md);
}

static void test_table_too_wide(void **state)
{
	(void)state;
	/* 5,000 columns fit at no size: an error at the table's line, at once. */
	sg_buf md;
	sg_buf_init(&md);
	sg_buf_puts(&md, "Before.\n\n|");
	for (int c = 0; c < 5000; c++)
		sg_buf_printf(&md, " c%d |", c);
	sg_buf_puts(&md, "\n|");
	for (int c = 0; c < 5000; c++)
		sg_buf_puts(&md, "---|");
	sg_buf_puts(&md, "\n|");
	for (int c = 0; c < 5000; c++)
		sg_buf_printf(&md, " %d |", c);
	sg_buf_puts(&md, "\n");
	sg_style s;
	sg_style_init(&s);
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	sg_mdtree *root = sg_mdparse(md.data, md.len, 1);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &s;
	o.fs = fs;
	o.lang = "en";
	o.path = "t.md";
	assert_int_equal(sg_layout_markdown(&l, root->root, &o, &d), -1);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, SG_ERROR);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].message, "table has 5000 columns; at most 21 fit the page "
						 "width at 7 pt (split it or turn it into a list)");
	sg_layout_dispose(&l);
	sg_mdtree_free(root);
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
	sg_buf_dispose(&md);
}

/* The drawn text of the lines of t, one after the other. */
static void S_text_of(const sg_ltext *t, sg_buf *out)
{
	for (size_t i = 0; i < t->lines.nlines; i++)
		sg_lines_text(&t->lines, i, out);
}

static void test_fit_title(void **state)
{
	(void)state;
	/* Titles set as the cover sets them (415.6 pt wide, four lines of 26
	 * pt at 1.3, down to 16 pt): a short one as it is, a long one smaller,
	 * one of 600 characters cut at 16 pt (Chinese between characters,
	 * Latin after a word). */
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	sg_buf zh600, en600;
	sg_buf_init(&zh600);
	sg_buf_init(&en600);
	for (int i = 0; i < 100; i++)
		sg_buf_puts(&zh600, "恒通物流集团");
	for (int i = 0; i < 22; i++)
		sg_buf_puts(&en600, "Harbourline Trading Company ");
	const char *titles[] = {
		"恒通物流企业邮箱托管服务方案",
		"华东区大型制造业集团企业邮箱迁移与统一通信平台建设项目：自建邮件系统成本核算、托管方案"
		"比选、数据迁移演练与分阶段实施计划（含十万元以内的预算优选方案）",
		zh600.data,
		en600.data,
	};
	sg_layout l;
	sg_layout_init(&l);
	sg_fit fit[4];
	for (int i = 0; i < 4; i++) {
		size_t pg = sg_layout_add_page(&l);
		sg_ltext *t = sg_layout_fit_text(&l, fs, titles[i], SG_FONT_BOLD, 0x1F3A5F, 415.6,
						 4 * 26 * 1.3, 1.3, 26, 16, &fit[i]);
		double bottom = sg_layout_page_text(&l, pg, t, 89.9, 286, 415.6, 1.3, 'l');
		assert_true(bottom <= 286 + 4 * 26 * 1.3 + 1e-6);
		assert_int_equal(t->lines.nlines, fit[i].lines);
		sg_buf all;
		sg_buf_init(&all);
		S_text_of(t, &all);
		if (fit[i].cut) {
			/* Ends in the ellipsis, after a whole word in Latin. */
			assert_true(all.len > 3);
			assert_string_equal(all.data + all.len - 3, "\xE2\x80\xA6");
			if (i == 3) {
				/* The last word before the ellipsis is whole. */
				all.data[all.len - 3] = '\0';
				const char *w = strrchr(all.data, ' ');
				w = w ? w + 1 : all.data;
				if (strcmp(w, "Harbourline") != 0 && strcmp(w, "Trading") != 0 &&
				    strcmp(w, "Company") != 0)
					fail_msg("the cut leaves '%s' before the ellipsis", w);
			}
		}
		sg_buf_dispose(&all);
	}
	assert_true(fit[0].size == 26 && !fit[0].cut && fit[0].lines == 1);
	assert_true(fit[1].size < 26 && fit[1].size > 16 && !fit[1].cut);
	assert_true(fit[2].size == 16 && fit[2].cut && fit[2].lines == 6);
	assert_int_equal(fit[2].total, 600);
	assert_true(fit[2].kept > 100 && fit[2].kept < 200);
	assert_true(fit[3].size == 16 && fit[3].cut && fit[3].lines == 6);
	sg_buf dump;
	sg_buf_init(&dump);
	sg_layout_dump(&l, &dump);
	S_golden("fit-title", dump.data);
	S_dbox boxes[64];
	size_t n = S_boxes(dump.data, boxes, 64);
	for (size_t i = 0; i < n; i++)
		if (boxes[i].x < 89.9 - 1e-6 || boxes[i].x + boxes[i].w > 89.9 + 415.6 + 1e-6)
			fail_msg("'%s' runs out of the measure", boxes[i].text);
	sg_buf_dispose(&dump);
	sg_layout_dispose(&l);
	sg_buf_dispose(&zh600);
	sg_buf_dispose(&en600);
	sg_diags_dispose(&d);
}

/* A PNG header (all the layout reads) of w x h pixels, written as name in
 * the directory of the temporary files of slot 5; returns that directory. */
static const char *S_png(const char *name, unsigned w, unsigned h, char *dir, size_t dirlen)
{
	const char *p = sg_test_write_temp(5, name, "");
	assert_non_null(p);
	unsigned char png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
				 'I', 'H', 'D', 'R', 0, 0, (unsigned char)(w >> 8), (unsigned char)w,
				 0, 0, (unsigned char)(h >> 8), (unsigned char)h, 8, 2, 0, 0, 0};
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	fwrite(png, 1, sizeof png, fp);
	fclose(fp);
	snprintf(dir, dirlen, "%s", p);
	*strrchr(dir, '/') = '\0';
	return dir;
}

static void test_inline_images(void **state)
{
	(void)state;
	char dir[512];
	S_png("icon.png", 40, 30, dir, sizeof dir);
	S_png("wide.png", 400, 20, dir, sizeof dir);
	/* Two images among text, one alone in its paragraph, one in a cell. */
	char *got = S_dump_in("点击右上角的 ![帮助](icon.png) 图标打开帮助，标志 ![标志](wide.png) "
			      "也可以放在一行文字中间，它会跟着文字一起折行。\n\n"
			      "![单独的图片](icon.png)\n\n"
			      "| 状态 | 说明 |\n|---|---|\n| ![ok](icon.png) 已审批 | 在政策以内 |\n",
			      "zh-CN", 200, 600, NULL, dir);
	S_golden("inline-images", got);
	S_dbox boxes[128];
	size_t n = S_boxes(got, boxes, 128);
	const S_dbox *img[8];
	size_t nimg = 0;
	for (size_t i = 0; i < n && nimg < 8; i++)
		if (strcmp(boxes[i].kind, "image") == 0)
			img[nimg++] = &boxes[i];
	assert_int_equal(nimg, 4);
	/* Inline: as tall as the body text (12 pt), the aspect ratio kept,
	 * and inside the box of a line of text. */
	const int inl[3] = {0, 1, 3};
	for (int k = 0; k < 3; k++) {
		const S_dbox *im = img[inl[k]];
		/* 12 pt in the body, 10.5 in the table; the wide one is
		 * narrowed to the measure. */
		double h = k == 2 ? 10.5 : k == 1 ? 10 : 12;
		assert_true(im->h > h - 1e-6 && im->h < h + 1e-6);
		bool in_line = false;
		for (size_t i = 0; i < n; i++) {
			const S_dbox *t = &boxes[i];
			if (strcmp(t->kind, "text") == 0 && im->y >= t->y - 1e-6 &&
			    im->y + im->h <= t->y + t->h + 1e-6 && im->x >= t->x - 1e-6 &&
			    im->x + im->w <= t->x + t->w + 1e-6)
				in_line = true;
		}
		if (!in_line)
			fail_msg("inline image %d at %.1f,%.1f is in no line of text", k + 1, im->x,
				 im->y);
	}
	assert_true(img[0]->w > img[0]->h * 4 / 3 - 0.05 && img[0]->w < img[0]->h * 4 / 3 + 0.05);
	assert_true(img[1]->w > img[1]->h * 20 - 0.5 && img[1]->w < img[1]->h * 20 + 0.5);
	/* The image alone is a block: centred, at its own size (40 x 30 px at
	 * 96 dpi: 30 x 22.5 pt). */
	assert_true(img[2]->w > 29.9 && img[2]->w < 30.1);
	assert_true(img[2]->x > 50 + 85 - 0.1 && img[2]->x < 50 + 85 + 0.1);
	/* The paragraph's text comes back whole around the images. */
	assert_int_equal(S_count(got, "text", "图标打开帮"), 1);
	free(got);
}

static void test_widow_orphan(void **state)
{
	(void)state;
	/* Filler that leaves room for exactly one more line, then a paragraph
	 * of several lines: its first line must not stay alone at the foot. */
	char *got = S_dump("甲\n\n乙\n\n丙\n\n丁\n\n"
			   "这一段文字足够长，在较窄的版心里会折成好几行，用来检验孤行控制是否有效，"
			   "也就是段落的第一行不会独自留在页面底部，最后一行也不会独自出现在下一页的顶部。",
			   "zh-CN", 160, 90, NULL);
	S_golden("widow-orphan", got);
	/* Every page holds at least two lines of the long paragraph, or none. */
	int counts[8] = {0};
	for (const char *p = got; *p;) {
		int page;
		char kind[16];
		if (sscanf(p, "%d %15s", &page, kind) == 2 && strcmp(kind, "text") == 0 &&
		    page < 8 && strlen(p) > 40)
			counts[page]++;
		const char *e = strchr(p, '\n');
		p = e ? e + 1 : p + strlen(p);
	}
	for (int i = 1; i < 8; i++)
		assert_true(counts[i] == 0 || counts[i] >= 2);
	free(got);
}

static void test_heading_moves(void **state)
{
	(void)state;
	/* The heading would fit as the last line of page 1; it moves. */
	char *got = S_dump("First paragraph.\n\nSecond paragraph.\n\nThird.\n\n## Next section\n\n"
			   "Body of the next section, which follows its heading.\n",
			   "en", 300, 110, NULL);
	S_golden("heading-moves", got);
	const char *h = strstr(got, "text");
	assert_non_null(h);
	const char *sec = strstr(got, "Next section");
	assert_non_null(sec);
	/* The heading's line starts with page 2. */
	const char *bol = sec;
	while (bol > got && bol[-1] != '\n')
		bol--;
	assert_int_equal(bol[0], '2');
	free(got);
}

static void test_lists_and_code(void **state)
{
	(void)state;
	char *got = S_dump("- 一级\n  - 二级\n    - 三级\n      1. 四级编号\n- [x] 已完成\n- [ ] 未完成\n\n"
			   "```\nint  x = 1;\n    return x;\n```\n",
			   "zh-CN", 300, 600, NULL);
	S_golden("lists-code", got);
	assert_int_equal(S_count(got, "check", "[x]"), 1);
	assert_int_equal(S_count(got, "check", "[ ]"), 1);
	free(got);
}

static void test_image_probe(void **state)
{
	(void)state;
	int type, w, h;
	const char *why;
	unsigned char png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
				 'I', 'H', 'D', 'R', 0, 0, 0, 40, 0, 0, 0, 30, 8, 6, 0, 0, 0};
	assert_int_equal(sg_image_probe(png, sizeof png, &type, &w, &h, &why), 0);
	assert_int_equal(type, SG_IMAGE_PNG);
	assert_int_equal(w, 40);
	assert_int_equal(h, 30);
	/* 20000 x 20000 is refused before any decoding. */
	png[17] = 0;
	png[18] = 0x4E;
	png[19] = 0x20;
	png[21] = 0;
	png[22] = 0x4E;
	png[23] = 0x20;
	assert_int_equal(sg_image_probe(png, sizeof png, &type, &w, &h, &why), -1);
	assert_non_null(strstr(why, "too large"));
	assert_int_equal(sg_image_probe((const unsigned char *)"hello", 5, &type, &w, &h, &why), -1);
	unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8,
			       0, 20, 0, 50, 3, 1, 0x22, 0};
	assert_int_equal(sg_image_probe(jpg, sizeof jpg, &type, &w, &h, &why), 0);
	assert_int_equal(type, SG_IMAGE_JPEG);
	assert_int_equal(w, 50);
	assert_int_equal(h, 20);
	/* 12 bits per sample: neither PDF nor libjpeg read them. */
	jpg[12] = 12;
	assert_int_equal(sg_image_probe(jpg, sizeof jpg, &type, &w, &h, &why), -1);
	assert_non_null(strstr(why, "8 bits per sample"));
	/* 16-bit and interlaced PNGs are decoded like the others now. */
	png[18] = png[22] = 0;
	png[19] = 40;
	png[23] = 30;
	png[24] = 16;
	png[28] = 1;
	assert_int_equal(sg_image_probe(png, sizeof png, &type, &w, &h, &why), 0);
}

/* Lays out md and describes the runs of its first text: each run's text,
 * then ':' and its marks (i italic, b bold, s struck, k in a link), runs
 * separated by '|'. *nlinks gets the layout's link count. */
static char *S_runs(const char *md, size_t *nlinks)
{
	sg_style s;
	sg_style_init(&s);
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	sg_mdtree *root = sg_mdparse(md, strlen(md), 1);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &s;
	o.fs = fs;
	o.mono_fs = fs;
	o.lang = "en";
	o.path = "t.md";
	o.x = 50;
	o.y = 50;
	o.width = 400;
	o.height = 600;
	assert_int_equal(sg_layout_markdown(&l, root->root, &o, &d), 0);
	assert_true(l.ntexts > 0);
	const sg_ltext *t = l.texts[0];
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < t->para.nruns; i++) {
		const sg_text_run *r = &t->para.runs[i];
		const sg_run_attr *a = &t->attrs[i];
		if (i > 0)
			sg_buf_putc(&b, '|');
		sg_buf_put(&b, t->para.text.data + r->start, r->end - r->start);
		sg_buf_printf(&b, ":%s%s%s%s", r->style & SG_FONT_ITALIC ? "i" : "",
			      r->style & SG_FONT_BOLD ? "b" : "", a->deco & SG_DECO_STRIKE ? "s" : "",
			      a->link >= 0 ? "k" : "");
	}
	*nlinks = l.nlinks;
	sg_layout_dispose(&l);
	sg_mdtree_free(root);
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
	return sg_buf_detach(&b);
}

/* Emphasis, strong, strikethrough and links set their styles on what they
 * hold, nested any way, and give them back at their end. */
static void test_inline_styles(void **state)
{
	(void)state;
	size_t nlinks;
	char *got = S_runs("a *b **c ~~d [e](u) f~~ g** h* i [j *k*](v) l\n", &nlinks);
	assert_string_equal(got, "a :|b :i|c :ib|d :ibs|e:ibsk| f:ibs| g:ib| h:i| i :|j :k|k:ik| "
				 "l:");
	assert_int_equal(nlinks, 2);
	free(got);
}

/* Inlines nested 60,000 deep (a document of a few hundred kilobytes, under
 * the size cap) are laid out without recursion on the C stack: emphasis,
 * strong, strikethrough, and a link around them. The innermost text has
 * every mark of the spans around it. (Emphasis with a link at every level
 * is not tried at this depth: cmark-gfm's own parser takes time quadratic
 * in it, see tests/fuzz/README.md.) */
static void test_deep_inlines(void **state)
{
	(void)state;
	static const struct {
		const char *open, *close, *marks;
		size_t links;
	} kinds[] = {
		{"*a ", "*", "i", 0},
		{"**a ", "**", "b", 0},
		{"~~a ", "~~b", "s", 0},
		{"[*a ", "*](u)", "ik", 1},
	};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		sg_buf md;
		sg_buf_init(&md);
		for (int i = 0; i < 60000; i++)
			sg_buf_puts(&md, kinds[k].open);
		sg_buf_puts(&md, "x");
		for (int i = 0; i < 60000; i++)
			sg_buf_puts(&md, kinds[k].close);
		sg_buf_putc(&md, '\n');
		size_t nlinks;
		char *got = S_runs(md.data, &nlinks);
		/* Every "a" was set, and the run holding "x" (no mark letter is
		 * an "a" or an "x") has the marks of all the spans around it. */
		size_t as = 0;
		for (const char *c = got; *c; c++)
			as += *c == 'a';
		assert_int_equal(as, 60000);
		const char *x = strchr(got, 'x');
		assert_non_null(x);
		const char *marks = strchr(x, ':') + 1;
		size_t n = strcspn(marks, "|");
		if (n != strlen(kinds[k].marks) || strncmp(marks, kinds[k].marks, n) != 0)
			fail_msg("%s...: the innermost text is marked '%.*s', not '%s'", kinds[k].open,
				 (int)n, marks, kinds[k].marks);
		assert_int_equal(nlinks, kinds[k].links);
		free(got);
		sg_buf_dispose(&md);
	}
}

/* A cost table built as nodes, the way the document stage builds its
 * generated tables (document/proposal_blocks.c), lays out exactly like the
 * Markdown a writer would give for it: box for box. */
static void S_cell(sg_mdtree *t, sg_mdnode *row, const char *text, bool bold)
{
	sg_mdnode *cell = sg_mdnode_new(t, SG_MD_TABLE_CELL, 3);
	sg_mdnode_append(row, cell);
	if (bold) {
		sg_mdnode *strong = sg_mdnode_new(t, SG_MD_STRONG, 3);
		sg_mdnode_append(cell, strong);
		cell = strong;
	}
	if (*text)
		sg_mdnode_add_text(t, cell, text, strlen(text), 3);
}

static void test_generated_table(void **state)
{
	(void)state;
	static const char *const rows[][4] = {
		{"项目", "计算依据", "每年", "五年合计"},
		{"邮件服务器（两台，双机热备）", "¥180,000 ÷ 5 年", "¥36,000", "¥180,000"},
		{"电费", "14,016 千瓦时 × 0.95 元", "¥13,315.20", "¥66,576"},
		{"小计（不含人工）", "", "¥182,315.20", "¥911,576"},
	};
	sg_mdtree *t = sg_mdtree_new();
	sg_mdnode *p = sg_mdnode_new(t, SG_MD_PARAGRAPH, 1);
	sg_mdnode_append(t->root, p);
	sg_mdnode_add_text(t, p, "下表逐项列出。", strlen("下表逐项列出。"), 1);
	sg_mdnode *table = sg_mdnode_new(t, SG_MD_TABLE, 3);
	static const uint8_t align[] = {0, 0, 'r', 'r'};
	table->u.table.ncols = 4;
	table->u.table.align = align;
	sg_mdnode_append(t->root, table);
	for (int r = 0; r < 4; r++) {
		sg_mdnode *row = sg_mdnode_new(t, SG_MD_TABLE_ROW, 3);
		row->u.header = r == 0;
		sg_mdnode_append(table, row);
		for (int c = 0; c < 4; c++)
			S_cell(t, row, rows[r][c], r == 3 && c != 1);
	}
	const char *md = "下表逐项列出。\n\n"
			 "| 项目 | 计算依据 | 每年 | 五年合计 |\n"
			 "| --- | --- | ---: | ---: |\n"
			 "| 邮件服务器（两台，双机热备） | ¥180\\,000 ÷ 5 年 | ¥36\\,000 | ¥180\\,000 |\n"
			 "| 电费 | 14\\,016 千瓦时 × 0\\.95 元 | ¥13\\,315\\.20 | ¥66\\,576 |\n"
			 "| **小计（不含人工）** |  | **¥182\\,315\\.20** | **¥911\\,576** |\n";
	char *want = S_dump(md, "zh-CN", 420, 600, NULL);
	char *got = S_dump_tree(t->root, "zh-CN", 420, 600, NULL, NULL);
	assert_string_equal(got, want);
	assert_non_null(strstr(got, "¥182,315.20"));
	free(want);
	free(got);
	sg_mdtree_free(t);
}

/* ---- page breaks and columns of tables, swept down the page */

/* Markdown of k filler lines (one paragraph, hard breaks), then md: as k
 * goes from 0 up, what follows moves down the page a line at a time. */
static void S_after_lines(sg_buf *out, int k, const char *md)
{
	sg_buf_clear(out);
	for (int i = 1; i <= k; i++)
		sg_buf_printf(out, "Filler line %d.%s", i, i < k ? "\\\n" : "\n\n");
	sg_buf_puts(out, md);
}

/* The pages of the text boxes of dump that hold text, one bit per page
 * (bit p - 1 for page p). */
static unsigned S_pages_with(const char *dump, const char *text)
{
	unsigned pages = 0;
	for (const char *p = dump; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		int page;
		char kind[16];
		if (sscanf(line, "%d %15s", &page, kind) == 2 && strcmp(kind, "text") == 0 &&
		    strstr(line, text) && page >= 1 && page <= 32)
			pages |= 1u << (page - 1);
		p = e ? e + 1 : p + len;
	}
	return pages;
}

/* The A4 body of the default style. */
#define S_BODY_W 415.3
#define S_BODY_H 697.9

static void test_table_rows_at_breaks(void **state)
{
	(void)state;
	/* A table of twelve body rows, the last a total in bold, with 0 to 40
	 * lines above it: wherever the page breaks it, at least two rows stand
	 * on each side, and the total stays with the row before it. */
	sg_buf table, md;
	sg_buf_init(&table);
	sg_buf_init(&md);
	sg_buf_puts(&table, "| 项目 | 计算依据 | 每年 |\n|---|---|---:|\n");
	for (int r = 1; r <= 11; r++)
		sg_buf_printf(&table, "| 行%02d | 每年续费 | ¥%d,000 |\n", r, r * 3);
	sg_buf_puts(&table, "| **合计** | | **¥198,000** |\n");
	int split = 0;
	for (int k = 0; k <= 40; k++) {
		S_after_lines(&md, k, table.data);
		char *got = S_dump(md.data, "zh-CN", S_BODY_W, S_BODY_H, NULL);
		unsigned first = S_pages_with(got, "行01"), second = S_pages_with(got, "行02");
		unsigned last = S_pages_with(got, "行11"), total = S_pages_with(got, "合计");
		if (first != second || last != total)
			fail_msg("%d lines above: a row alone at a break (pages %x %x ... %x %x)", k,
				 first, second, last, total);
		split += first != total;
		free(got);
	}
	assert_true(split > 0); /* the sweep did break the table */
	sg_buf_dispose(&table);
	sg_buf_dispose(&md);
}

static void test_short_table_moves_whole(void **state)
{
	(void)state;
	/* A 2 x 2 matrix and a table of five rows, each shorter than a third
	 * of the body: never split, wherever they fall. */
	static const char *const tables[] = {
		"|  | 满足个人需求 | 不满足个人需求 |\n|---|---|---|\n"
		"| **满足组织需求** | 伙伴 | 供应商 |\n| **不满足组织需求** | 朋友 | 局外人 |\n",
		"| | Self-hosted | Hosted |\n|---|---:|---:|\n| Year 1 | CNY 146,100 | CNY 30,600 |\n"
		"| Year 2 | CNY 59,700 | CNY 30,600 |\n| Year 3 | CNY 730,500 | CNY 159,000 |\n"
		"| Year 4 | CNY 298,500 | CNY 159,000 |\n| Year 5 | CNY 1,461,000 | CNY 312,000 |\n",
	};
	static const char *const firsts[] = {"伙伴", "Year 1"}, *const lasts[] = {"局外人", "Year 5"};
	sg_buf md;
	sg_buf_init(&md);
	for (size_t t = 0; t < 2; t++) {
		for (int k = 0; k <= 40; k++) {
			S_after_lines(&md, k, tables[t]);
			char *got = S_dump(md.data, "zh-CN", S_BODY_W, S_BODY_H, NULL);
			if (S_pages_with(got, firsts[t]) != S_pages_with(got, lasts[t]))
				fail_msg("table %zu, %d lines above: split", t, k);
			free(got);
		}
	}
	sg_buf_dispose(&md);
}

static void test_heading_keeps_list(void **state)
{
	(void)state;
	/* A heading and a list of one-line items: the heading is never left
	 * at a page's foot with one item under it. */
	sg_buf md;
	sg_buf_init(&md);
	for (int k = 0; k <= 40; k++) {
		S_after_lines(&md, k,
			      "## 八、下一步\n\n1. 试用：开通试用账号；\n2. 迁移方案：确定割接时间；\n"
			      "3. 商务确认：报价有效期至年底；\n4. 启动迁移：签约后启动。\n");
		char *got = S_dump(md.data, "zh-CN", S_BODY_W, S_BODY_H, NULL);
		unsigned h = S_pages_with(got, "八、下一步");
		if (h != S_pages_with(got, "试用") || h != S_pages_with(got, "迁移方案"))
			fail_msg("%d lines above: the heading keeps fewer than two items", k);
		free(got);
	}
	sg_buf_dispose(&md);
}

static void test_table_columns(void **state)
{
	(void)state;
	/* Headers that fit and numbers kept with their units: "检查点" on
	 * one line though the text columns beside it are long; "0.95 元" on
	 * one line wherever the cell's text breaks. */
	sg_buf md, text;
	sg_buf_init(&md);
	sg_buf_init(&text);
	int pages = 0;
	for (int i = 0; i < 8; i++)
		sg_buf_puts(&text, "自建邮件系统的支出分散在多个预算科目里，单看任何一项都不大，"
				   "合在一起才是真实成本。");
	sg_buf_printf(&md, "| 任务 | 说明 | 检查点 |\n|---|---|---|\n| %s | %s | "
			   "财务部经理认可成本口径并签字确认 |\n\n",
		      text.data, text.data);
	sg_buf_puts(&md, "| 项目 | 计算依据 | 每年 | 五年合计 |\n|---|---|---:|---:|\n");
	for (int k = 0; k < 14; k++) {
		sg_buf_puts(&md, "| 邮件服务器（两台，双机热备） | ");
		for (int i = 0; i < k; i++)
			sg_buf_puts(&md, "按");
		sg_buf_puts(&md, "14,016 千瓦时 × 0.95 元 | ¥13,315.20 | ¥66,576 |\n");
	}
	char *got = S_dump(md.data, "zh-CN", S_BODY_W, S_BODY_H, &pages);
	S_dbox boxes[1024];
	size_t n = S_boxes(got, boxes, 1024);
	int heads = 0, units = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(boxes[i].kind, "text") != 0)
			continue;
		heads += strcmp(boxes[i].text, " 检查点") == 0;
		if (strcmp(boxes[i].text, " 检") == 0 || strcmp(boxes[i].text, " 检查") == 0)
			fail_msg("the header 检查点 is broken");
		if (strstr(boxes[i].text, "0.95")) {
			if (!strstr(boxes[i].text, "0.95\xC2\xA0元"))
				fail_msg("'0.95' parted from its unit: '%s'", boxes[i].text);
			units++;
		}
	}
	assert_true(heads >= 1 && heads <= pages); /* whole, on each page it reaches */
	assert_int_equal(units, 14);
	free(got);
	sg_buf_dispose(&md);
	sg_buf_dispose(&text);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mixed_lines),    cmocka_unit_test(test_table_across_pages),
		cmocka_unit_test(test_widow_orphan),   cmocka_unit_test(test_heading_moves),
		cmocka_unit_test(test_lists_and_code), cmocka_unit_test(test_image_probe),
		cmocka_unit_test(test_table_tall_row),
		cmocka_unit_test(test_inline_images), cmocka_unit_test(test_table_shrinks),
		cmocka_unit_test(test_table_too_wide), cmocka_unit_test(test_fit_title),
		cmocka_unit_test(test_inline_styles), cmocka_unit_test(test_deep_inlines),
		cmocka_unit_test(test_generated_table),
		cmocka_unit_test(test_table_rows_at_breaks),
		cmocka_unit_test(test_short_table_moves_whole),
		cmocka_unit_test(test_heading_keeps_list),
		cmocka_unit_test(test_table_columns),
	};
	int rc = sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
	sg_font_cache_clear();
	return rc;
}
