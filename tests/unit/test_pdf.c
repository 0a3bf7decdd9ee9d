/*
 * test_pdf.c - paragraphs set into a PDF: subsets embedded, deterministic
 * bytes, PDF 1.7 with XMP metadata, characters beyond the BMP drawn and
 * read back (from a fallback font when the theme's lack them), characters no
 * installed font has drawn as boxes and reported at their position.
 *
 * Whether every glyph is really drawn is checked by tests/e2e/pdf_glyphs.sh,
 * which renders pages; this file checks what can be seen in the bytes.
 */
#include "support.h"

#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/buf.h"
#include "layout/font.h"
#include "render/pdf/pdf_writer.h"

static const char *S_zh =
	"本季度华东区的销售额同比增长百分之十八，主要来自物流与制造两个行业。"
	"恒通物流在三月续签了仓储管理系统的年度合同，并追加了二十个用户许可；"
	"另外两家客户仍在评估阶段，预计下个月给出答复。\n"
	"我们建议在五月前完成报价审批，以便赶上客户的预算周期。";
static const char *S_en =
	"The renewal covers warehouse management, route planning and the customer "
	"portal. Hengtong asked for a 12-month price lock; finance approved a 5% "
	"discount within the regional manager's limit.";

static size_t S_count(const sg_buf *b, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (size_t i = 0; i + len <= b->len; i++)
		if (memcmp(b->data + i, needle, len) == 0)
			n++;
	return n;
}

/* The streams of PDF b inflated, one after the other, into out: what the
 * tests look for in font maps and page contents. */
static void S_inflate_all(const sg_buf *b, sg_buf *out)
{
	sg_buf_clear(out);
	const char *p = b->data, *end = b->data + b->len;
	for (;;) {
		const char *s = NULL;
		for (const char *q = p; q + 7 <= end; q++)
			if (memcmp(q, "stream\n", 7) == 0 && (q == b->data || q[-1] != 'd')) {
				s = q + 7;
				break;
			}
		if (!s)
			break;
		const char *e = NULL;
		for (const char *q = s; q + 10 <= end; q++)
			if (memcmp(q, "\nendstream", 10) == 0) {
				e = q;
				break;
			}
		assert_non_null(e);
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
		/* Not compressed (the XMP metadata): as it is. */
		if (rc != Z_STREAM_END)
			sg_buf_put(out, s, (size_t)(e - s));
		sg_buf_putc(out, '\n');
		p = e + 10;
	}
}

/* Paragraphs enough for about three pages. */
static size_t S_sample(sg_pdf_para *paras, size_t max)
{
	size_t n = 0;
	while (n + 1 < max) {
		sg_font_style en_style = n % 4 == 0 ? SG_FONT_BOLD : SG_FONT_REGULAR;
		paras[n] = (sg_pdf_para){S_zh, SG_FONT_REGULAR, 0, sg_pos_make("a.md", 1, 1)};
		paras[n + 1] = (sg_pdf_para){S_en, en_style, 0, sg_pos_make("a.md", 3, 1)};
		n += 2;
	}
	return n;
}

static void test_deterministic(void **state)
{
	(void)state;
	sg_pdf_para paras[24];
	size_t n = S_sample(paras, 24);
	sg_pdf_options opt = {0};
	opt.date = 1767225600; /* 2026-01-01 */
	opt.title = "Quarterly review";
	sg_diags d;
	sg_diags_init(&d);
	sg_buf a, b;
	sg_buf_init(&a);
	sg_buf_init(&b);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sg_pdf_font_stats st;
	assert_int_equal(sg_pdf_write_paragraphs(&a, paras, n, &opt, &st, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(d.count, 0);
	assert_int_equal(sg_pdf_write_paragraphs(&b, paras, n, &opt, NULL, &d), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);

	assert_memory_equal(a.data, "%PDF-1.7\n", 9);
	assert_non_null(strstr(a.data + a.len - 8, "%%EOF"));
	assert_int_equal(S_count(&a, "/FontFile2"), 3); /* DejaVu, DejaVu Bold, WenQuanYi */
	assert_true(S_count(&a, "/CreationDate (D:20260101000000Z") == 1);
	/* The title in the document information and the XMP metadata, and
	 * shown by readers instead of the file name. */
	assert_int_equal(S_count(&a, "/Title (Quarterly review)"), 1);
	assert_int_equal(S_count(&a, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Quarterly "
				     "review</rdf:li></rdf:Alt></dc:title>"),
			 1);
	assert_int_equal(S_count(&a, "/ViewerPreferences << /DisplayDocTitle true >>"), 1);
	/* Not tagged (yet): no structure is claimed. */
	assert_int_equal(S_count(&a, "/MarkInfo"), 0);
	assert_int_equal(st.faces, 3);
	assert_true(st.glyphs > 100);
	/* Subsets: kilobytes, not the megabytes of the source fonts. */
	assert_true(st.font_bytes < 150 * 1024);
	assert_true(a.len < 150 * 1024);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("%zu paragraphs: %zu bytes, fonts %zu bytes (%zu glyphs), subsets %.1f ms, "
		      "whole document %.1f ms\n",
		      n, a.len, st.font_bytes, st.glyphs, st.subset_ms, ms);

	/* A different date gives different bytes: the date is not the clock's. */
	opt.date += 86400;
	assert_int_equal(sg_pdf_write_paragraphs(&b, paras, n, &opt, NULL, &d), 0);
	assert_true(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	assert_true(S_count(&b, "/CreationDate (D:20260102000000Z") == 1);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
}

static void test_pages(void **state)
{
	(void)state;
	sg_pdf_para paras[24];
	size_t n = S_sample(paras, 24);
	sg_pdf_options opt = {0};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf a;
	sg_buf_init(&a);
	assert_int_equal(sg_pdf_write_paragraphs(&a, paras, n, &opt, NULL, &d), 0);
	/* The page tree's /Count (after its /Kids): 24 paragraphs of 4 to 5
	 * lines at 18 pt in a 698 pt body make three pages. */
	assert_int_equal(S_count(&a, "] /Count 3 >>"), 1);
	assert_int_equal(sg_pdf_write_paragraphs(&a, paras, 2, &opt, NULL, &d), 0);
	assert_int_equal(S_count(&a, "] /Count 1 >>"), 1);
	/* No paragraphs still makes a valid one-page document. */
	assert_int_equal(sg_pdf_write_paragraphs(&a, paras, 0, &opt, NULL, &d), 0);
	assert_int_equal(S_count(&a, "] /Count 1 >>"), 1);
	assert_int_equal(d.count, 0);
	sg_buf_dispose(&a);
	sg_diags_dispose(&d);
}

static void test_unshowable_characters(void **state)
{
	(void)state;
	/* U+30000 (CJK Extension G, beyond the BMP, in no installed font) at
	 * column 2 of a paragraph that starts at line 5, column 3; a
	 * private-use character no font has on its second line; a zero-width
	 * space, which no font of the set has but nothing is missing. */
	sg_pdf_para p = {"张\xF0\xB0\x80\x80三\n第二行 \xEE\x84\xA3\xE2\x80\x8B", SG_FONT_REGULAR,
			 0, sg_pos_make("people.md", 5, 3)};
	sg_pdf_options opt = {0};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf a, x;
	sg_buf_init(&a);
	sg_buf_init(&x);
	assert_int_equal(sg_pdf_write_paragraphs(&a, &p, 1, &opt, NULL, &d), 0);
	assert_int_equal(sg_diags_count(&d, SG_WARNING), 2);
	assert_string_equal(d.items[0].path, "people.md");
	assert_int_equal(d.items[0].line, 5);
	assert_int_equal(d.items[0].col, 4);
	assert_string_equal(d.items[0].message, "no installed font has a glyph for \xF0\xB0\x80\x80 "
						 "(U+30000); a box is drawn in its place");
	assert_int_equal(d.items[1].line, 6);
	assert_int_equal(d.items[1].col, 5);
	assert_non_null(strstr(d.items[1].message, "U+E123"));
	/* Two hollow boxes are stroked, each closed ("h S"). */
	S_inflate_all(&a, &x);
	assert_int_equal(S_count(&x, "h\nS\n"), 2);
	sg_buf_dispose(&a);
	sg_buf_dispose(&x);
	sg_diags_dispose(&d);
}

/* Characters beyond the BMP are glyphs like any other when a font has them
 * (HanaMinA has CJK Extension B): drawn, and read back through ToUnicode as
 * surrogate pairs; the title and author keep them too. */
static void test_beyond_bmp(void **state)
{
	(void)state;
	/* A𠀀B 王𪚥明: U+20000 and U+2A6A5. */
	sg_pdf_para p = {"A\xF0\xA0\x80\x80" "B \xE7\x8E\x8B\xF0\xAA\x9A\xA5\xE6\x98\x8E",
			 SG_FONT_REGULAR, 0, sg_pos_make("names.md", 1, 1)};
	sg_pdf_options opt = {0};
	opt.cjk_family = "HanaMinA";
	opt.title = "\xE7\x8E\x8B\xF0\xAA\x9A\xA5\xE6\x98\x8E";
	opt.lang = "zh-CN";
	sg_diags d;
	sg_diags_init(&d);
	sg_buf a, x;
	sg_buf_init(&a);
	sg_buf_init(&x);
	sg_pdf_font_stats st;
	assert_int_equal(sg_pdf_write_paragraphs(&a, &p, 1, &opt, &st, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(st.faces, 2); /* DejaVu Sans, HanaMinA */
	assert_int_equal(st.glyphs, 7); /* A B space, 王 明, and the two beyond the BMP */
	S_inflate_all(&a, &x);
	/* ToUnicode: each glyph to its character, as UTF-16 surrogate pairs. */
	assert_int_equal(S_count(&x, "<D840DC00>"), 1);
	assert_int_equal(S_count(&x, "<D869DEA5>"), 1);
	/* The title as UTF-16BE (with the pair) and UTF-8 in the XMP. */
	assert_int_equal(S_count(&a, "/Title <FEFF738BD869DEA5660E>"), 1);
	assert_int_equal(S_count(&x, "<rdf:li xml:lang=\"x-default\">\xE7\x8E\x8B\xF0\xAA\x9A\xA5"
				     "\xE6\x98\x8E</rdf:li>"),
			 1);
	assert_int_equal(S_count(&a, "/Lang (zh-CN)"), 1);
	assert_int_equal(S_count(&x, "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>"), 1);

	/* Without a theme font that has them, the fallback chain finds a font
	 * that does (fonts-hanazono): drawn and read back the same, no
	 * warning. */
	opt.cjk_family = NULL;
	assert_int_equal(sg_pdf_write_paragraphs(&a, &p, 1, &opt, &st, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(st.faces, 3); /* DejaVu Sans, WenQuanYi (王 明), the fallback */
	S_inflate_all(&a, &x);
	assert_int_equal(S_count(&x, "<D840DC00>"), 1);
	assert_int_equal(S_count(&x, "<D869DEA5>"), 1);
	sg_buf_dispose(&a);
	sg_buf_dispose(&x);
	sg_diags_dispose(&d);
}

static void test_unknown_font(void **state)
{
	(void)state;
	sg_pdf_para p = {"x", SG_FONT_REGULAR, 0, sg_pos_make("theme.yaml", 2, 1)};
	sg_pdf_options opt = {0};
	opt.cjk_family = "Missing CJK Family";
	sg_diags d;
	sg_diags_init(&d);
	sg_buf a;
	sg_buf_init(&a);
	assert_int_equal(sg_pdf_write_paragraphs(&a, &p, 1, &opt, NULL, &d), -1);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_non_null(strstr(d.items[0].message, "Missing CJK Family"));
	sg_buf_dispose(&a);
	sg_diags_dispose(&d);
}

static int S_teardown(void **state)
{
	(void)state;
	sg_font_cache_clear();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_unshowable_characters),
		cmocka_unit_test(test_beyond_bmp),
		cmocka_unit_test(test_unknown_font),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}
