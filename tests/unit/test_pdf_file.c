/*
 * test_pdf_file.c - salesgen's own PDF writer: values, objects and the xref
 * table, pages, outline, structure tree, metadata, content operators, fonts
 * (CFF and TrueType subsets) and images.
 *
 * Files are built in memory, most with the uncompressed option so the test
 * reads their dictionaries and streams as text. Every file is checked the
 * way a reader would open it: startxref leads to the xref table, each entry
 * to its "N 0 obj", and every "N 0 R" to an object that exists.
 *
 * The font cases need Debian's fonts-noto-cjk, fonts-dejavu-core and
 * fonts-hanazono; a case whose font is missing says so and is skipped.
 * tests/data/fonts/name-keyed.otf is a small CFF font that is not CID-keyed
 * (its README says how it was made).
 */
/* memmem */
#define _GNU_SOURCE

#include "support.h"
#include "pdf_support.h"

#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "layout/font.h"
#include "layout/font_hb.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_coder.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_deflate.h"
#include "render/pdf/pdf_embed.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_file_int.h"
#include "render/pdf/pdf_ximage.h"

#define S_NOTO_SERIF "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
#define S_NOTO_SANS_BOLD "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
#define S_DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define S_HANA_B "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
#define S_SC 2 /* the Simplified Chinese face of the Noto CJK collections */

/* ---- helpers ------------------------------------------------------------- */

static const char *S_str(void (*put)(sg_buf *, double), double v)
{
	static sg_buf b;
	sg_buf_dispose(&b);
	put(&b, v);
	return b.data;
}

/* The first s in b (which may hold binary stream data), or NULL. */
static const char *S_find(const sg_buf *b, const char *s)
{
	return memmem(b->data, b->len, s, strlen(s));
}

/* Every "N 0 R" in [p, end) has 1 <= N < n. */
static void S_check_refs(const char *p, const char *end, unsigned n)
{
	for (const char *r = memmem(p, (size_t)(end - p), " 0 R", 4); r;
	     r = memmem(r + 1, (size_t)(end - r - 1), " 0 R", 4)) {
		const char *q = r;
		while (q > p && q[-1] >= '0' && q[-1] <= '9')
			q--;
		assert_true(q < r);
		unsigned num = (unsigned)strtoul(q, NULL, 10);
		assert_true(num >= 1 && num < n);
	}
}

/* Checks that b is a PDF a reader can open: the header, startxref pointing
 * at the xref table, each entry at its object, every reference to an
 * object that exists, and the trailer's /Size. Returns the object count. */
static unsigned S_check_file(const sg_buf *b)
{
	assert_true(b->len > 100);
	assert_memory_equal(b->data, "%PDF-1.7\n", 9);
	const char *sx = NULL;
	for (const char *p = S_find(b, "startxref\n"); p;
	     p = memmem(p + 1, b->len - (size_t)(p + 1 - b->data), "startxref\n", 10))
		sx = p;
	assert_non_null(sx);
	size_t xref = strtoul(sx + 10, NULL, 10);
	assert_true(xref < b->len);
	assert_memory_equal(b->data + xref, "xref\n0 ", 7);
	char *end;
	unsigned n = (unsigned)strtoul(b->data + xref + 7, &end, 10);
	assert_true(n > 1);
	const char *e = strchr(end, '\n') + 1;
	assert_memory_equal(e, "0000000000 65535 f \n", 20);
	for (unsigned i = 1; i < n; i++) {
		const char *ent = e + 20 * i;
		assert_memory_equal(ent + 10, " 00000 n \n", 10);
		size_t off = strtoul(ent, NULL, 10);
		char want[32];
		int len = snprintf(want, sizeof want, "%u 0 obj\n", i);
		assert_true(off + (size_t)len < xref);
		assert_memory_equal(b->data + off, want, (size_t)len);
		/* The header or another object ends where it starts. */
		assert_true(off == 15 || memcmp(b->data + off - 7, "endobj\n", 7) == 0);
		/* Every reference in its dictionary (not in stream data) names an
		 * object that exists. */
		const char *end_dict = memmem(b->data + off, xref - off, "\nendobj\n", 8);
		const char *st = memmem(b->data + off, xref - off, ">>\nstream\n", 10);
		if (st && st < end_dict)
			end_dict = st;
		S_check_refs(b->data + off + len, end_dict, n);
	}
	const char *tr = e + 20 * n;
	char size[32];
	snprintf(size, sizeof size, "trailer\n<< /Size %u ", n);
	assert_memory_equal(tr, size, strlen(size));
	S_check_refs(tr, b->data + b->len, n);
	return n;
}

/* The text of object num (from "num 0 obj" to "endobj"), in a static buffer. */
static const char *S_obj(const sg_buf *b, unsigned num)
{
	static sg_buf o;
	char want[32];
	snprintf(want, sizeof want, "\n%u 0 obj\n", num);
	const char *p = S_find(b, want);
	assert_non_null(p);
	const char *q = memmem(p, b->len - (size_t)(p - b->data), "\nendobj\n", 8);
	assert_non_null(q);
	sg_buf_clear(&o);
	sg_buf_put(&o, p + 1, (size_t)(q - p));
	return o.data;
}

static bool S_has(const sg_buf *b, const char *s)
{
	return memmem(b->data, b->len, s, strlen(s)) != NULL;
}

static void S_one_page(sg_pdf_file *f, const char *ops)
{
	sg_pdf_page p = {595.276, 841.89, ops, strlen(ops), NULL, 0, NULL, 0};
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
}

/* ---- values --------------------------------------------------------------- */

/* sg_pdf_deflate_literals makes zlib streams that inflate to the input:
 * nothing, one byte, one byte repeated, every byte, and counts so skewed
 * (doubling from byte to byte) that a plain Huffman code would need codes
 * longer than deflate's 15 bits. */
static void test_deflate_literals(void **state)
{
	(void)state;
	size_t cap = 1 << 20;
	unsigned char *in = malloc(cap), *back = malloc(cap);
	size_t lens[6] = {0, 1, 1000, 256 * 40, 0, 0};
	for (int k = 0; k < 6; k++) {
		size_t n = lens[k];
		if (k == 1)
			in[0] = 0;
		else if (k == 2)
			memset(in, 'x', n);
		else if (k == 3)
			for (size_t i = 0; i < n; i++)
				in[i] = (unsigned char)(i * 7 + i / 256);
		else if (k == 4) {
			/* byte b appears about 2^(b/2) times, for b < 38. */
			for (int b = 0; b < 38 && n < cap / 2; b++)
				for (size_t r = 0; r < ((size_t)1 << (b / 2)); r++)
					in[n++] = (unsigned char)b;
		} else if (k == 5) {
			uint32_t x = 12345;
			for (; n < 200000; n++) {
				x = x * 1103515245u + 12345u;
				in[n] = (unsigned char)((x >> 16) % 40 + (x >> 30) * 60);
			}
		}
		sg_buf z;
		sg_buf_init(&z);
		sg_buf_puts(&z, "kept");
		assert_int_equal(sg_pdf_deflate_literals(&z, in, n), 0);
		assert_memory_equal(z.data, "kept", 4);
		uLongf got = cap;
		assert_int_equal(uncompress(back, &got, (const Bytef *)z.data + 4, z.len - 4), Z_OK);
		assert_int_equal(got, n);
		if (n)
			assert_memory_equal(back, in, n);
		sg_buf_dispose(&z);
	}
	free(in);
	free(back);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_string_equal(S_str(sg_pdf_put_num, 0), "0");
	assert_string_equal(S_str(sg_pdf_put_num, -0.0), "0");
	assert_string_equal(S_str(sg_pdf_put_num, -0.00001), "0");
	assert_string_equal(S_str(sg_pdf_put_num, 12), "12");
	assert_string_equal(S_str(sg_pdf_put_num, -2.25), "-2.25");
	assert_string_equal(S_str(sg_pdf_put_num, 595.276), "595.276");
	assert_string_equal(S_str(sg_pdf_put_num, 0.123456), "0.1235");
	assert_string_equal(S_str(sg_pdf_put_num, 1.99999), "2");
	assert_string_equal(S_str(sg_pdf_put_num, 0.05), "0.05");
	assert_string_equal(S_str(sg_pdf_put_num, 1e12), "1000000000");
	assert_string_equal(S_str(sg_pdf_put_num, 0.0 / 0.0), "0");
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_put_numd(&b, 612.7929, 2);
	assert_string_equal(b.data, "612.79");
	sg_buf_dispose(&b);
}

/* sg_pdf_adler32 is zlib's Adler-32: every length around the 16-byte blocks
 * and the reductions (5,552 bytes), all-0xFF bytes (the largest sums),
 * from any start and continued from any checksum. */
static void test_adler32(void **state)
{
	(void)state;
	size_t cap = 3 * 5552 + 100;
	unsigned char *in = malloc(cap);
	uint32_t x = 1;
	for (size_t i = 0; i < cap; i++) {
		x = x * 1103515245u + 12345u;
		in[i] = (unsigned char)(x >> 23);
	}
	const size_t lens[] = {0, 1, 15, 16, 17, 31, 33, 5551, 5552, 5553, 5552 + 16, 2 * 5552 + 7,
			       cap - 3};
	for (int fill = 0; fill < 2; fill++) {
		if (fill)
			memset(in, 0xFF, cap);
		for (size_t k = 0; k < sizeof lens / sizeof *lens; k++) {
			for (size_t at = 0; at < 3; at++) {
				size_t n = lens[k];
				uLong want = adler32_z(1, in + at, n);
				assert_int_equal(sg_pdf_adler32(1, in + at, n), want);
				uLong more = adler32_z(want, in, 100);
				assert_int_equal(sg_pdf_adler32((uint32_t)want, in, 100), more);
			}
		}
	}
	free(in);
}

static void test_names_and_strings(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_put_name(&b, "A B/#(x)");
	assert_string_equal(b.data, "/A#20B#2F#23#28x#29");
	sg_buf_clear(&b);
	sg_pdf_put_string(&b, "a(b)\\c\n\xE7", 8);
	assert_string_equal(b.data, "(a\\(b\\)\\\\c\\012\\347)");
	sg_buf_clear(&b);
	sg_pdf_put_text(&b, "Plain (1)");
	assert_string_equal(b.data, "(Plain \\(1\\))");
	sg_buf_clear(&b);
	sg_pdf_put_text(&b, "王A");
	assert_string_equal(b.data, "<FEFF738B0041>");
	sg_buf_clear(&b);
	sg_pdf_put_text(&b, "𠀀\xFF");
	assert_string_equal(b.data, "<FEFFD840DC00FFFD>");
	sg_buf_clear(&b);
	sg_pdf_put_hex(&b, "\x01\xAB", 2);
	assert_string_equal(b.data, "<01AB>");
	sg_buf_clear(&b);
	sg_pdf_put_date(&b, 1767225600 + 3723);
	assert_string_equal(b.data, "(D:20260101010203Z)");
	sg_buf_dispose(&b);
}

/* ---- files ------------------------------------------------------------------ */

/* A small file of two pages with a link each way, a web link, an outline
 * and metadata; title may vary. */
static void S_small(sg_buf *out, const char *title, bool uncompressed)
{
	sg_pdf_file_opts o = {.date = 1767225600, .uncompressed = uncompressed};
	sg_pdf_file *f = sg_pdf_file_new(out, &o);
	sg_pdf_file_set_info(f, SG_PDF_INFO_TITLE, title);
	sg_pdf_file_set_info(f, SG_PDF_INFO_AUTHOR, "王明");
	sg_pdf_file_set_lang(f, "zh-CN");
	sg_pdf_file_set_page_mode(f, SG_PDF_MODE_OUTLINES);
	sg_pdf_link l1[2] = {{10, 10, 100, 30, NULL, 1, 0, 800, 0, NULL},
			     {10, 40, 100, 60, "https://example.com/?q=(1)", 0, 0, 0, 0, NULL}};
	sg_pdf_page p = {595.276, 841.89, "0 0 10 10 re f\n", 15, NULL, 0, l1, 2};
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	sg_pdf_link l2 = {10, 10, 100, 30, NULL, 0, 0, 841.89, 0, NULL};
	sg_pdf_page p2 = {595.276, 841.89, "1 0 0 RG 0 0 m 5 5 l S\n", 23, NULL, 0, &l2, 1};
	assert_int_equal(sg_pdf_file_page_add(f, &p2), 0);
	int a = sg_pdf_file_outline_add(f, 0, "第一章", 0, 0, 800, true);
	sg_pdf_file_outline_add(f, a, "1.1", 0, 0, 700, false);
	int a2 = sg_pdf_file_outline_add(f, a, "1.2", 1, 0, 600, false);
	sg_pdf_file_outline_add(f, a2, "1.2.1", 1, 0, 500, true);
	sg_pdf_file_outline_add(f, 0, "第二章", 1, 0, 800, true);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_file_free(f);
}

static void test_file_structure(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	S_small(&b, "Title", true);
	S_check_file(&b);
	/* The catalog, the page tree and the pages. */
	assert_true(S_has(&b, "/Type /Catalog /Pages 1 0 R /Outlines "));
	assert_true(S_has(&b, "/PageMode /UseOutlines /Lang (zh-CN)"
			      " /ViewerPreferences << /DisplayDocTitle true >>"));
	assert_false(S_has(&b, "/MarkInfo")); /* not tagged */
	/* Page 2's number was reserved when page 1's link pointed at it. */
	unsigned p2 = 0;
	const char *tree = S_obj(&b, 1);
	assert_int_equal(sscanf(tree, "1 0 obj\n<< /Type /Pages /Kids [2 0 R %u 0 R] /Count 2 >>", &p2),
			 1);
	assert_true(p2 > 3);
	const char *page = S_obj(&b, 2);
	assert_non_null(strstr(page, "/Type /Page /Parent 1 0 R /MediaBox [0 0 595.276 841.89]"));
	assert_non_null(strstr(page, "/Annots ["));
	/* Links: a destination on a later page, a URI with its parentheses
	 * escaped. */
	char dest[64];
	snprintf(dest, sizeof dest, "/Dest [%u 0 R /XYZ 0 800 null]", p2);
	assert_true(S_has(&b, dest));
	assert_true(S_has(&b, "/A << /S /URI /URI (https://example.com/?q=\\(1\\)) >>"));
	assert_true(S_has(&b, "/Dest [2 0 R /XYZ 0 841.89 null]"));
	/* The content as it was given, uncompressed. */
	assert_true(S_has(&b, "<< /Length 15 >>\nstream\n0 0 10 10 re f\n\nendstream"));
	sg_buf_dispose(&b);
}

static void test_outline_counts(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	S_small(&b, "Title", true);
	/* Shown at the top level: 第一章 (open: 1.1 and 1.2 below it; 1.2 is
	 * closed, so 1.2.1 is hidden) and 第二章: 4 items. */
	assert_true(S_has(&b, "/Type /Outlines /First "));
	assert_true(S_has(&b, " /Count 4 >>"));
	/* 第一章 shows 2; 1.2, closed, hides 1. */
	assert_true(S_has(&b, "<FEFF7B2C4E007AE0>"));
	assert_true(S_has(&b, " /Count 2 /Dest "));
	assert_true(S_has(&b, " /Count -1 /Dest "));
	/* Items without children have no /Count. */
	const char *p = S_find(&b, "/Title (1.1)");
	assert_non_null(p);
	const char *end = strstr(p, ">>");
	assert_null(memmem(p, (size_t)(end - p), "/Count", 6));
	sg_buf_dispose(&b);
}

static void test_reproducible_and_id(void **state)
{
	(void)state;
	sg_buf a, b, c;
	sg_buf_init(&a);
	sg_buf_init(&b);
	sg_buf_init(&c);
	S_small(&a, "Title", false);
	S_small(&b, "Title", false);
	S_small(&c, "Title 2", false);
	S_check_file(&a);
	S_check_file(&c);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	const char *ida = S_find(&a, "/ID [<"), *idc = S_find(&c, "/ID [<");
	assert_non_null(ida);
	assert_non_null(idc);
	/* Two equal halves of 16 bytes, different for different content. */
	assert_memory_equal(ida + 6, ida + 6 + 34, 32);
	assert_memory_not_equal(ida, idc, 6 + 32);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_buf_dispose(&c);
}

static void test_metadata(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	S_small(&b, "A & B <C> \"q\"", true);
	/* The Info dictionary and the XMP packet say the same, each escaped
	 * its own way. */
	assert_true(S_has(&b, "/Title (A & B <C> \"q\")"));
	assert_true(S_has(&b, "/Author <FEFF738B660E>"));
	assert_true(S_has(&b, "/Producer (salesgen "));
	assert_true(S_has(&b, "/CreationDate (D:20260101000000Z) /ModDate (D:20260101000000Z)"));
	assert_true(S_has(&b, "/Type /Metadata /Subtype /XML"));
	assert_true(S_has(&b, "<rdf:li xml:lang=\"x-default\">A &amp; B &lt;C&gt; &quot;q&quot;"
			      "</rdf:li>"));
	assert_true(S_has(&b, "<dc:creator><rdf:Seq><rdf:li>王明</rdf:li></rdf:Seq></dc:creator>"));
	assert_true(S_has(&b, "<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>"));
	assert_true(S_has(&b, "<xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate>"));
	assert_true(S_has(&b, "<pdf:Producer>salesgen "));
	assert_true(S_has(&b, " /Metadata "));
	sg_buf_dispose(&b);
	/* A control character cannot be in XML 1.0: dropped, the packet
	 * still well formed. */
	sg_buf_init(&b);
	S_small(&b, "x\x01y", true);
	assert_true(S_has(&b, "x-default\">xy</rdf:li>"));
	sg_buf_dispose(&b);
}

static void test_finish_refuses_dangling(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	/* A reserved object never written. */
	sg_pdf_file *f = sg_pdf_file_new(&b, NULL);
	S_one_page(f, "");
	sg_pdf_file_reserve(f);
	assert_int_equal(sg_pdf_file_finish(f), -1);
	sg_pdf_file_free(f);
	/* A bookmark to a page never added. */
	f = sg_pdf_file_new(&b, NULL);
	S_one_page(f, "");
	sg_pdf_file_outline_add(f, 0, "x", 3, 0, 0, true);
	assert_int_equal(sg_pdf_file_finish(f), -1);
	sg_pdf_file_free(f);
	/* No page at all. */
	f = sg_pdf_file_new(&b, NULL);
	assert_int_equal(sg_pdf_file_finish(f), -1);
	sg_pdf_file_free(f);
	/* The same with the page: fine. */
	f = sg_pdf_file_new(&b, NULL);
	S_one_page(f, "");
	assert_int_equal(sg_pdf_file_finish(f), 0);
	S_check_file(&b);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

static void test_alpha_shared(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file *f = sg_pdf_file_new(&b, NULL);
	uint32_t a = sg_pdf_file_alpha(f, 0.16, 0.16);
	assert_int_equal(sg_pdf_file_alpha(f, 0.16, 0.16), a);
	assert_int_not_equal(sg_pdf_file_alpha(f, 0.5, 1), a);
	assert_true(S_has(&b, "<< /Type /ExtGState /ca 0.16 /CA 0.16 >>"));
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

/* A file whose date nobody knows says nothing of its date: no
 * CreationDate, no ModDate, no xmp dates, and never 1970. */
static void test_no_date(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.date = 0, .uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	sg_pdf_file_set_info(f, SG_PDF_INFO_TITLE, "无日期");
	S_one_page(f, "");
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_file_free(f);
	S_check_file(&b);
	assert_false(S_has(&b, "/CreationDate"));
	assert_false(S_has(&b, "/ModDate"));
	assert_false(S_has(&b, "xmp:CreateDate"));
	assert_false(S_has(&b, "1970"));
	assert_true(S_has(&b, "/Title"));
	sg_buf_dispose(&b);
}

/* ---- tagged -------------------------------------------------------------------- */

static void test_structure_tree(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.date = 0, .tagged = true, .uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL);
	int h1 = sg_pdf_file_struct_add(f, doc, "H1", NULL);
	int p = sg_pdf_file_struct_add(f, doc, "P", NULL);
	int fig = sg_pdf_file_struct_add(f, doc, "Figure", "图表");
	int link = sg_pdf_file_struct_add(f, p, "Link", NULL);
	assert_int_equal(sg_pdf_file_struct_mcid(f, h1, 0), 0);
	assert_int_equal(sg_pdf_file_struct_mcid(f, p, 0), 1);
	assert_int_equal(sg_pdf_file_struct_mcid(f, link, 0), 2);
	/* A paragraph that goes on over the page: ids start again. */
	assert_int_equal(sg_pdf_file_struct_mcid(f, p, 1), 0);
	assert_int_equal(sg_pdf_file_struct_mcid(f, fig, 1), 1);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_tag(&c, "H1", 0);
	sg_pdf_content_end_marked(&c);
	sg_pdf_content_artifact(&c, "Pagination");
	sg_pdf_content_end_marked(&c);
	assert_string_equal(c.ops.data,
			    "/H1 <</MCID 0>> BDC\nEMC\n/Artifact <</Type /Pagination>> BDC\nEMC\n");
	sg_pdf_link l = {0, 0, 10, 10, "https://example.com", 0, 0, 0, link, "示例"};
	sg_pdf_page pg = {100, 100, c.ops.data, c.ops.len, NULL, 0, &l, 1};
	assert_int_equal(sg_pdf_file_page_add(f, &pg), 0);
	S_one_page(f, "");
	assert_int_equal(sg_pdf_file_finish(f), 0);
	S_check_file(&b);
	assert_true(S_has(&b, "/MarkInfo << /Marked true >> /StructTreeRoot "));
	/* The annotation's key comes first (it is written before its page). */
	assert_true(S_has(&b, "/StructParent 0 >>"));
	assert_true(S_has(&b, "/StructParents 1 /Tabs /S"));
	assert_true(S_has(&b, "/StructParents 2 /Tabs /S"));
	assert_true(S_has(&b, "/ParentTreeNextKey 3 >>"));
	assert_true(S_has(&b, "/S /Figure /P "));
	assert_true(S_has(&b, "/Alt <FEFF56FE8868>"));
	assert_true(S_has(&b, "/Type /OBJR /Pg "));
	assert_true(S_has(&b, "/Contents <FEFF793A4F8B> /P ")); /* the link's description */
	/* The paragraph: two pieces on two pages and the link inside it. Its
	 * page is that of its first piece, which is then a bare MCID; the
	 * piece on the other page names its page. */
	const char *ps = S_find(&b, "/S /P /P ");
	assert_non_null(ps);
	unsigned lk, pg0, pg1, parent;
	assert_int_equal(sscanf(ps,
				"/S /P /P %u 0 R /Pg %u 0 R /K [%u 0 R 1 << /Type /MCR /Pg %u 0 R"
				" /MCID 0 >>]",
				&parent, &pg0, &lk, &pg1),
			 4);
	assert_non_null(strstr(S_obj(&b, pg0), "/Type /Page "));
	assert_int_not_equal(pg1, pg0);
	assert_null(strstr(b.data, "/Type /StructElem")); /* optional, left out */
	/* Parent tree: page 0's ids 0, 1, 2 are H1, P, Link; page 1's 0, 1 are
	 * P, Figure. The elements are written before the tree, as they end. */
	const char *nums = S_find(&b, "<< /Nums [");
	assert_non_null(nums);
	unsigned e1 = 0, e2, e3, e4, e5;
	const char *k0 = strstr(nums, "\n0 ");
	assert_non_null(k0);
	assert_int_equal(sscanf(k0, "\n0 %u 0 R", &e5), 1); /* the link annotation */
	const char *k1 = strstr(nums, "\n1 [");
	assert_non_null(k1);
	assert_int_equal(sscanf(k1, "\n1 [%u 0 R %u 0 R %u 0 R]", &e2, &e3, &e4), 3);
	assert_int_equal(e4, e5);
	const char *k2 = strstr(nums, "\n2 [");
	assert_non_null(k2);
	assert_int_equal(sscanf(k2, "\n2 [%u 0 R %u 0 R]", &e1, &e4), 2);
	assert_int_equal(e1, e3); /* the paragraph again */
	assert_non_null(strstr(S_obj(&b, e2), "/S /H1"));
	assert_non_null(strstr(S_obj(&b, e3), "/S /P "));
	assert_non_null(strstr(S_obj(&b, e4), "/S /Figure"));
	assert_non_null(strstr(S_obj(&b, e5), "/S /Link"));
	assert_int_equal(lk, e5);
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

/* An element ended (sg_pdf_file_struct_end) is written at once and lets
 * go of its kids: one ended after its page is in the file before the file
 * is finished, its parent (never ended) after; what is added to it later is
 * dropped, and the file is whole. */
static void test_structure_end(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.tagged = true, .uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL);
	int p = sg_pdf_file_struct_add(f, doc, "P", NULL);
	assert_int_equal(sg_pdf_file_struct_mcid(f, p, 0), 0);
	S_one_page(f, "/P <</MCID 0>> BDC\nEMC\n");
	assert_false(S_has(&b, "/S /P "));
	sg_pdf_file_struct_end(f, p);
	assert_true(S_has(&b, "/S /P "));
	assert_false(S_has(&b, "/S /Document"));
	size_t at_end = b.len;
	sg_pdf_file_struct_attrs(f, p, "<< /O /Layout >>"); /* dropped */
	sg_pdf_file_struct_end(f, p);                        /* nothing */
	assert_int_equal(b.len, at_end);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	S_check_file(&b);
	const char *ps = S_find(&b, "/S /P ");
	assert_non_null(ps);
	assert_null(strstr(ps + 1, "/S /P "));
	assert_false(S_has(&b, "/O /Layout"));
	assert_true(S_has(&b, "/S /Document"));
	unsigned parent, pg, kid;
	assert_int_equal(sscanf(ps, "/S /P /P %u 0 R /Pg %u 0 R /K %u >>", &parent, &pg, &kid), 3);
	assert_non_null(strstr(S_obj(&b, parent), "/S /Document"));
	assert_int_equal(kid, 0);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

/* A big-endian number of n bytes. */
static unsigned long S_be(const unsigned char *p, int n)
{
	unsigned long v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* With object streams: every object but the streams (300 elements, a
 * link annotation, the page ...) goes into object streams, the elements
 * into their own (250 and the rest) and the others into a third, the xref is a stream whose rows
 * (uncompressed here: no predictor) lead to every object, in the file or in
 * its object stream at its index, and whose dictionary is the trailer's. */
static void test_object_streams(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.tagged = true, .uncompressed = true, .object_streams = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL);
	int th = sg_pdf_file_struct_add(f, doc, "TH", NULL);
	sg_pdf_file_struct_attrs(f, th, "<< /O /Table /Scope /Column >>");
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	int para = 0;
	for (int i = 0; i < 297; i++) {
		para = sg_pdf_file_struct_add(f, doc, "P", NULL);
		sg_pdf_content_tag(&c, "P", sg_pdf_file_struct_mcid(f, para, 0));
		sg_pdf_content_end_marked(&c);
	}
	int link = sg_pdf_file_struct_add(f, para, "Link", NULL);
	sg_pdf_content_tag(&c, "Link", sg_pdf_file_struct_mcid(f, link, 0));
	sg_pdf_content_end_marked(&c);
	sg_pdf_link l = {0, 0, 10, 10, "https://example.com", 0, 0, 0, link, NULL};
	sg_pdf_page pg = {100, 100, c.ops.data, c.ops.len, NULL, 0, &l, 1};
	assert_int_equal(sg_pdf_file_page_add(f, &pg), 0);
	sg_pdf_content_dispose(&c);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_file_free(f);

	assert_null(S_find(&b, "\nxref\n"));
	const char *sx = b.data + b.len;
	while (sx > b.data && memcmp(sx, "startxref\n", 10) != 0)
		sx--;
	size_t xref = strtoul(sx + 10, NULL, 10);
	unsigned num, size;
	assert_int_equal(sscanf(b.data + xref, "%u 0 obj\n<< /Type /XRef /Size %u /W [1 4 2] /Root ",
				&num, &size),
			 2);
	assert_int_equal(size, num + 1);
	const char *dict = b.data + xref;
	assert_non_null(strstr(dict, " /ID [<"));
	const unsigned char *rows =
		(const unsigned char *)strstr(dict, ">>\nstream\n") + strlen(">>\nstream\n");
	assert_int_equal(S_be(rows, 1), 0); /* object 0: free */
	int packed = 0, streams = 0;
	for (unsigned i = 1; i < size; i++) {
		const unsigned char *r = rows + 7 * i;
		char want[32];
		int len = snprintf(want, sizeof want, "%u 0 obj\n", i);
		if (r[0] == 1) {
			assert_memory_equal(b.data + S_be(r + 1, 4), want, (size_t)len);
			continue;
		}
		assert_int_equal(r[0], 2);
		packed++;
		/* Its stream is in the file, lists it at its index, and its value
		 * is a dictionary. */
		unsigned long stm = S_be(r + 1, 4), at = S_be(r + 5, 2);
		assert_int_equal(rows[7 * stm], 1);
		const char *so = b.data + S_be(rows + 7 * stm + 1, 4);
		unsigned n, first;
		assert_int_equal(sscanf(strchr(so, '\n') + 1, "<< /Type /ObjStm /N %u /First %u", &n, &first),
				 2);
		assert_true(at < n);
		const char *data = strstr(so, ">>\nstream\n") + strlen(">>\nstream\n");
		const char *p = data;
		unsigned obj = 0, off = 0;
		for (unsigned long k = 0; k <= at; k++) {
			assert_int_equal(sscanf(p, "%u %u %n", &obj, &off, &len), 2);
			p += len;
		}
		assert_int_equal(obj, i);
		assert_memory_equal(data + first + off, "<<", 2);
		if (at == 0)
			streams++;
	}
	/* The 300 elements in streams of their own (250 and 50), the rest
	 * in a third. */
	assert_int_equal(streams, 3);
	/* Every object but the streams: the root, the parent tree, 300
	 * elements, the annotation, the page, the page tree, the catalog and
	 * the document information. */
	assert_int_equal(packed, 307);
	assert_non_null(S_find(&b, "<< /Type /Annot /Subtype /Link "));
	assert_non_null(S_find(&b, "/S /TH /P "));
	assert_non_null(S_find(&b, " /A << /O /Table /Scope /Column >>"));
	sg_buf_dispose(&b);
}

/* A long tagged file of o's options: 60 pages whose content (tens of KB,
 * the last few short) has a paragraph per line, each element ended on its
 * page (so that object streams fill and are written between the pages), a
 * link on every page, and with aside, its streams coded in the file's
 * thread (sg_pdf_file_code_aside). Returns how many streams were coded
 * aside. */
static int S_long_file(sg_buf *b, sg_pdf_file_opts o, bool aside)
{
	sg_pdf_file *f = sg_pdf_file_new(b, &o);
	if (aside)
		sg_pdf_file_code_aside(f);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL), asides = 0;
	for (size_t page = 0; page < 60; page++) {
		sg_pdf_content c;
		sg_pdf_content_init(&c);
		int lines = page < 55 ? 40 + (int)page * 7 : 2;
		int para = 0;
		for (int i = 0; i < lines; i++) {
			para = sg_pdf_file_struct_add(f, doc, "P", NULL);
			sg_pdf_content_tag(&c, "P", sg_pdf_file_struct_mcid(f, para, page));
			sg_buf_printf(&c.ops, "BT 1 0 0 1 %d %d Tm (row %zu.%d of %d) Tj ET\n",
				      i % 17, 800 - i, page, i * 7919 % 1009, lines);
			sg_pdf_content_end_marked(&c);
			if (i + 1 < lines)
				sg_pdf_file_struct_end(f, para);
		}
		int link = sg_pdf_file_struct_add(f, para, "Link", NULL);
		sg_pdf_content_tag(&c, "Link", sg_pdf_file_struct_mcid(f, link, page));
		sg_pdf_content_end_marked(&c);
		sg_pdf_link l = {0, 0, 10, 10, "https://example.com", 0, 0, 0, link, NULL};
		sg_pdf_page pg = {595, 842, c.ops.data, c.ops.len, NULL, 0, &l, 1};
		assert_int_equal(sg_pdf_file_page_add(f, &pg), 0);
		sg_pdf_file_struct_end(f, link);
		sg_pdf_file_struct_end(f, para);
		asides += f->naside != 0;
		sg_pdf_content_dispose(&c);
	}
	assert_true(sg_pdf_file_outline_add(f, 0, "Start", 0, 0, 842, true) > 0);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	assert_null(f->coder);
	sg_pdf_file_free(f);
	return asides;
}

/* The coder gives the streams back in the order they were started, each
 * as sg_pdf_code() codes it, however many are waiting; ready says whether
 * the oldest is coded; freed with streams not taken, it ends. */
static void test_coder_order(void **state)
{
	(void)state;
	sg_pdf_coder *c = sg_pdf_coder_new();
	assert_non_null(c);
	assert_false(sg_pdf_coder_ready(c));
	sg_buf in[SG_PDF_CODER_DEPTH], want;
	sg_buf_init(&want);
	for (int round = 0; round < 3; round++) {
		for (size_t k = 0; k < SG_PDF_CODER_DEPTH; k++) {
			sg_buf_init(&in[k]);
			for (size_t i = 0; i < 3000 + 500 * k; i++)
				sg_buf_printf(&in[k], "%zu ", (i * 31 + k * 7 + (size_t)round) % 97);
			sg_pdf_coder_start(c, k % 2 ? 1 : 6, in[k].data, in[k].len);
		}
		for (size_t k = 0; k < SG_PDF_CODER_DEPTH; k++) {
			const sg_buf *got;
			assert_int_equal(sg_pdf_coder_take(c, &got), 0);
			assert_int_equal(sg_pdf_code(&want, k % 2 ? 1 : 6, in[k].data, in[k].len), 0);
			assert_int_equal(got->len, want.len);
			assert_memory_equal(got->data, want.data, want.len);
			sg_buf_dispose(&in[k]);
		}
		assert_false(sg_pdf_coder_ready(c));
	}
	sg_buf_dispose(&want);
	sg_pdf_coder_start(c, 3, "left to the end", 15);
	sg_pdf_coder_start(c, SG_PDF_CODE_LITERALS, "and this", 8);
	sg_pdf_coder_free(c);
}

/* Streams coded in the file's thread make the same bytes as streams coded
 * in their turn: with object streams, the objects written while a page's
 * content was coded (its links, its elements, object streams filled
 * meanwhile) come after it at offsets that lead to them; without, the xref
 * table leads to each object. An uncompressed file codes nothing aside. */
static void test_code_aside(void **state)
{
	(void)state;
	sg_pdf_file_opts kinds[] = {{.tagged = true, .object_streams = true},
				    {.tagged = true},
				    {.tagged = true, .uncompressed = true}};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		sg_buf turn, aside;
		sg_buf_init(&turn);
		sg_buf_init(&aside);
		assert_int_equal(S_long_file(&turn, kinds[k], false), 0);
		int n = S_long_file(&aside, kinds[k], true);
		if (kinds[k].uncompressed) {
			assert_int_equal(n, 0);
			S_check_file(&aside);
		} else {
			assert_true(n >= 50);
		}
		if (k == 1)
			S_check_file(&aside);
		assert_int_equal(aside.len, turn.len);
		assert_memory_equal(aside.data, turn.data, turn.len);
		sg_buf_dispose(&turn);
		sg_buf_dispose(&aside);
	}
}

/* ---- content ----------------------------------------------------------------- */

static void test_content_operators(void **state)
{
	(void)state;
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_save(&c);
	sg_pdf_content_transform(&c, 1, 0, 0, 1, 10.5, -0.00001);
	sg_pdf_content_fill_color(&c, 0xFF8000);
	sg_pdf_content_stroke_gray(&c, 0.5);
	sg_pdf_content_line_width(&c, 0.4);
	double dash[2] = {1, 3};
	sg_pdf_content_dash(&c, dash, 2, 0);
	sg_pdf_content_rect(&c, 0, 0, 20, 10);
	sg_pdf_content_fill_stroke(&c);
	sg_pdf_content_begin_text(&c);
	sg_pdf_content_font(&c, 12, 10.5);
	sg_pdf_content_font(&c, 12, 10.5); /* already set: left out */
	sg_pdf_content_char_space(&c, 0);   /* the initial value: left out */
	sg_pdf_content_char_space(&c, 0.25);
	sg_pdf_content_render_mode(&c, 2);
	sg_pdf_content_text_matrix(&c, 1, 0, 0.2126, 1, 72, 700);
	uint16_t codes[3] = {0x0041, 0x738B, 0xFFFF};
	sg_pdf_content_show(&c, codes, 3);
	double adj[3] = {0, -250, 0};
	sg_pdf_content_show_adjusted(&c, codes, adj, 3);
	sg_pdf_content_end_text(&c);
	sg_pdf_content_restore(&c);
	/* Restored: the font must be set again. */
	sg_pdf_content_font(&c, 12, 10.5);
	sg_pdf_content_restore(&c); /* nothing saved: ignored */
	sg_pdf_content_image(&c, 30, 1, 2, 3, 4);
	sg_pdf_content_gstate(&c, 7);
	assert_string_equal(c.ops.data, "q\n"
					"1 0 0 1 10.5 0 cm\n"
					"1 0.502 0 rg\n"
					"0.5 G\n"
					"0.4 w\n"
					"[1 3] 0 d\n"
					"0 0 20 10 re\n"
					"B\n"
					"BT\n"
					"/F12 10.5 Tf\n"
					"0.25 Tc\n"
					"2 Tr\n"
					"1 0 0.2126 1 72 700 Tm\n"
					"<0041738BFFFF> Tj\n"
					"[<0041738B>-250<FFFF>] TJ\n"
					"ET\n"
					"Q\n"
					"/F12 10.5 Tf\n"
					"q\n"
					"3 0 0 4 1 2 cm\n"
					"/X30 Do\n"
					"Q\n"
					"/GS7 gs\n");
	/* Each resource once, in the order named. */
	assert_int_equal(c.nres, 3);
	assert_int_equal(c.res[0].kind, SG_PDF_RES_FONT);
	assert_int_equal(c.res[1].kind, SG_PDF_RES_XOBJECT);
	assert_int_equal(c.res[2].kind, SG_PDF_RES_EXTGSTATE);
	sg_pdf_content_dispose(&c);
}

/* A page lists each resource its content names once. */
static void test_content_page_resources(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	uint32_t gs = sg_pdf_file_alpha(f, 0.5, 0.5);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_gstate(&c, gs);
	sg_pdf_content_gstate(&c, gs);
	sg_pdf_page p = {100, 200, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&c, &p);
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	S_check_file(&b);
	char want[80];
	snprintf(want, sizeof want, "/Resources << /ExtGState << /GS%u %u 0 R >> >>", gs, gs);
	assert_true(S_has(&b, want));
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

/* ---- fonts ---------------------------------------------------------------------- */

static const sg_font_face *S_font(const char *path, unsigned index)
{
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is not installed (Debian fonts-noto-cjk, "
			      "fonts-dejavu-core, fonts-hanazono)\n",
			      path);
		return NULL;
	}
	const sg_font_face *f = sg_font_face_load(path, index);
	assert_non_null(f);
	return f;
}

static uint32_t S_gid(const sg_font_face *face, uint32_t cp)
{
	hb_codepoint_t g = 0;
	assert_true(hb_font_get_nominal_glyph(sg_font_face_hb_font(face), cp, &g));
	return g;
}

/* The file of one font showing the given characters. */
static sg_pdf_font *S_font_file(sg_buf *b, sg_pdf_file **fp, const sg_font_face *face,
				const char *text, uint16_t *codes, size_t *n)
{
	sg_pdf_file_opts o = {.uncompressed = true};
	*fp = sg_pdf_file_new(b, &o);
	char why[128];
	sg_pdf_font *pf = sg_pdf_font_new(*fp, face, why, sizeof why);
	assert_non_null(pf);
	*n = sg_pdf_font_encode(pf, text, strlen(text), codes);
	return pf;
}

static void S_finish_font(sg_buf *b, sg_pdf_file *f, sg_pdf_font *pf, const uint16_t *codes,
			  size_t n)
{
	sg_test_pdf_font_page(f, pf, codes, n);
	S_check_file(b);
}

/* The font of "王明。A" in Noto Serif CJK SC, its subset made by pdf_cff_subset.c
 * or, when harfbuzz, by HarfBuzz. */
static void S_font_cff(bool harfbuzz)
{
	const sg_font_face *face = S_font(S_NOTO_SERIF, S_SC);
	if (!face)
		skip();
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file *f;
	uint16_t codes[8];
	size_t n;
	sg_pdf_font *pf = S_font_file(&b, &f, face, "王明。A", codes, &n);
	assert_true(sg_pdf_font_is_cff(pf));
	if (harfbuzz)
		sg_pdf_font_use_harfbuzz(pf);
	assert_int_equal(n, 4);
	/* The codes are the source's CIDs: Noto's charset gives glyph g the
	 * CID g, so the code is the glyph number of the source face. */
	assert_int_equal(codes[0], S_gid(face, 0x738B));
	assert_int_equal(codes[1], S_gid(face, 0x660E));
	assert_int_equal(codes[3], S_gid(face, 'A'));
	assert_int_equal(codes[0], 26208);
	S_finish_font(&b, f, pf, codes, n);
	sg_pdf_font_info info;
	sg_pdf_font_info_get(pf, &info);
	assert_int_equal(info.own_cff, !harfbuzz);
	assert_true(S_has(&b, "/Subtype /CIDFontType0 /BaseFont /"));
	assert_true(S_has(&b, "+NotoSerifCJKsc-Regular /CIDSystemInfo"));
	assert_true(S_has(&b, "/FontFile3 "));
	assert_true(S_has(&b, "/Subtype /CIDFontType0C"));
	assert_true(S_has(&b, "/Encoding /Identity-H"));
	assert_false(S_has(&b, "/CIDToGIDMap"));
	assert_false(S_has(&b, "/FontFile2"));
	/* Han characters are 1000 wide: the default; the Latin A is listed. */
	assert_true(S_has(&b, "/DW 1000 /W ["));
	assert_true(S_has(&b, "\n34 ["));
	/* ToUnicode: each code to its character. */
	assert_true(S_has(&b, "<6660> <738B>"));
	assert_true(S_has(&b, "<4F16> <660E>"));
	assert_true(S_has(&b, "<0022> <0041>"));
	/* The embedded CFF keeps exactly those CIDs in its charset. */
	const char *ff = S_find(&b, "/Subtype /CIDFontType0C /Length ");
	assert_non_null(ff);
	size_t len = strtoul(ff + strlen("/Subtype /CIDFontType0C /Length "), NULL, 10);
	const uint8_t *cff = (const uint8_t *)strstr(ff, "stream\n") + 7;
	sg_cff_info ci;
	assert_int_equal(sg_cff_read(&ci, cff, len), 0);
	assert_true(ci.cid_keyed);
	/* .notdef and the four, in CID order; HarfBuzz may add a glyph for
	 * a variation sequence (a second full stop of Noto's). */
	if (harfbuzz)
		assert_true(ci.glyphs >= 5 && ci.glyphs <= 6);
	else
		assert_int_equal(ci.glyphs, 5);
	uint32_t want[5] = {0, 34, 1405, 20246, 26208};
	for (uint32_t g = 0; g < 5; g++)
		assert_int_equal(sg_cff_cid(&ci, g), want[g]);
	sg_cff_info_dispose(&ci);
	sg_pdf_font_free(pf);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

static void test_font_cff(void **state)
{
	(void)state;
	S_font_cff(false);
}

/* The path a CID-keyed font takes when pdf_cff_subset.c refuses it. */
static void test_font_cff_harfbuzz(void **state)
{
	(void)state;
	S_font_cff(true);
}

static void test_font_cff_bold_reproducible(void **state)
{
	(void)state;
	const sg_font_face *face = S_font(S_NOTO_SANS_BOLD, S_SC);
	if (!face)
		skip();
	sg_buf a, b;
	sg_buf_init(&a);
	sg_buf_init(&b);
	for (int k = 0; k < 2; k++) {
		sg_pdf_file *f;
		uint16_t codes[16];
		size_t n;
		sg_pdf_font *pf = S_font_file(k ? &b : &a, &f, face, "粗体标题", codes, &n);
		S_finish_font(k ? &b : &a, f, pf, codes, n);
		sg_pdf_font_free(pf);
		sg_pdf_file_free(f);
	}
	assert_true(S_has(&a, "+NotoSansCJKsc-Bold"));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
}

/* A CFF that is not CID-keyed: a reader takes the code for the glyph
 * number, so the subset keeps the source's numbers (RETAIN_GIDS) and the
 * codes are the source glyphs. */
static void test_font_cff_name_keyed(void **state)
{
	(void)state;
	const sg_font_face *face = S_font(SG_TEST_DATA "/fonts/name-keyed.otf", 0);
	assert_non_null(face);
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file *f;
	uint16_t codes[8];
	size_t n;
	sg_pdf_font *pf = S_font_file(&b, &f, face, "ro", codes, &n);
	assert_true(sg_pdf_font_is_cff(pf));
	assert_int_equal(n, 2);
	/* .notdef H W d e l o r space: r is glyph 7, o glyph 6. */
	assert_int_equal(codes[0], 7);
	assert_int_equal(codes[1], 6);
	S_finish_font(&b, f, pf, codes, n);
	assert_true(S_has(&b, "+TestNameKeyed-Regular"));
	assert_true(S_has(&b, "/Subtype /CIDFontType0C"));
	const char *ff = S_find(&b, "/Subtype /CIDFontType0C /Length ");
	assert_non_null(ff);
	size_t len = strtoul(ff + strlen("/Subtype /CIDFontType0C /Length "), NULL, 10);
	const uint8_t *cff = (const uint8_t *)strstr(ff, "stream\n") + 7;
	sg_cff_info ci;
	assert_int_equal(sg_cff_read(&ci, cff, len), 0);
	assert_false(ci.cid_keyed);
	assert_true(ci.glyphs >= 8); /* glyph 7 is still glyph 7 */
	sg_cff_info_dispose(&ci);
	assert_true(S_has(&b, "<0006> <006F>"));
	assert_true(S_has(&b, "<0007> <0072>"));
	sg_pdf_font_free(pf);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

static void test_font_truetype(void **state)
{
	(void)state;
	const sg_font_face *face = S_font(S_DEJAVU, 0);
	if (!face)
		skip();
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file *f;
	uint16_t codes[8];
	size_t n;
	sg_pdf_font *pf = S_font_file(&b, &f, face, "AB z", codes, &n);
	assert_false(sg_pdf_font_is_cff(pf));
	assert_int_equal(n, 4);
	/* The code is the source glyph number. */
	assert_int_equal(codes[0], S_gid(face, 'A'));
	assert_int_equal(codes[3], S_gid(face, 'z'));
	/* A ligature glyph stands for two letters. */
	uint32_t fi = S_gid(face, 0xFB01);
	codes[n++] = sg_pdf_font_glyph(pf, fi, "fi", 2);
	assert_int_equal(codes[n - 1], fi);
	/* Widths in thousandths of an em, from DejaVu's 2048 units. */
	assert_true(sg_pdf_font_width(pf, codes[0]) > 684.07 &&
		    sg_pdf_font_width(pf, codes[0]) < 684.09);
	S_finish_font(&b, f, pf, codes, n);
	assert_true(S_has(&b, "/Subtype /CIDFontType2 /BaseFont /"));
	assert_true(S_has(&b, "+DejaVuSans /CIDSystemInfo"));
	assert_true(S_has(&b, "/FontFile2 "));
	assert_true(S_has(&b, "/CIDToGIDMap "));
	assert_true(S_has(&b, "/Length1 "));
	char want[64];
	snprintf(want, sizeof want, "<%04X> <00660069>", fi);
	assert_true(S_has(&b, want));
	/* A, B: one range of consecutive codes and characters. */
	assert_true(S_has(&b, "<0024> <0025> <0041>"));
	/* The CIDToGIDMap maps each code to a glyph of the compact subset: 5
	 * glyphs and .notdef, so numbers 1 to 5, at two bytes per code. */
	const char *map = S_find(&b, "/CIDToGIDMap ");
	unsigned mapobj = (unsigned)strtoul(map + 13, NULL, 10);
	const char *m = S_obj(&b, mapobj);
	size_t len = strtoul(strstr(m, "/Length ") + 8, NULL, 10);
	assert_int_equal(len, 2 * ((size_t)fi + 1));
	const unsigned char *data = (const unsigned char *)strstr(m, "stream\n") + 7;
	/* Each used code to its own glyph of the subset, nothing else. */
	unsigned seen = 0, glyphs[8] = {0};
	for (size_t c = 0; c < len / 2; c++) {
		unsigned g = (unsigned)data[2 * c] << 8 | data[2 * c + 1];
		if (g) {
			assert_true(seen < 5);
			for (unsigned k = 0; k < seen; k++)
				assert_int_not_equal(glyphs[k], g);
			glyphs[seen++] = g;
		}
	}
	assert_int_equal(seen, 5);
	sg_pdf_font_free(pf);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

static void test_font_beyond_bmp(void **state)
{
	(void)state;
	const sg_font_face *face = S_font(S_HANA_B, 0);
	if (!face)
		skip();
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file *f;
	uint16_t codes[8];
	size_t n;
	sg_pdf_font *pf = S_font_file(&b, &f, face, "𠀀𪚥", codes, &n);
	assert_int_equal(n, 2);
	assert_int_not_equal(codes[0], 0);
	S_finish_font(&b, f, pf, codes, n);
	/* Surrogate pairs in ToUnicode. */
	char want[64];
	snprintf(want, sizeof want, "<%04X> <D840DC00>", codes[0]);
	assert_true(S_has(&b, want));
	snprintf(want, sizeof want, "<%04X> <D869DEA5>", codes[1]);
	assert_true(S_has(&b, want));
	sg_pdf_font_free(pf);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
}

/* ---- images ------------------------------------------------------------------------ */

static void test_images(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_file_opts o = {.uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&b, &o);
	unsigned char rgb[2 * 3 * 3] = {0}, alpha[2 * 3] = {255, 128, 0, 1, 2, 3};
	sg_image_pixels px = {2, 3, 3, rgb, alpha};
	uint32_t im, jp, bad;
	assert_int_equal(sg_pdf_ximage_pixels(f, &px, NULL, &im), 0);
	sg_image_pixels gray = {2, 3, 1, rgb, NULL};
	uint32_t g;
	assert_int_equal(sg_pdf_ximage_pixels(f, &gray, NULL, &g), 0);
	sg_image_pixels two = {2, 3, 2, rgb, NULL};
	assert_int_equal(sg_pdf_ximage_pixels(f, &two, NULL, &bad), -1);
	assert_int_equal(sg_pdf_ximage_jpeg(f, "\xFF\xD8\xFF\xD9", 4, 7, 5, 4, &jp), 0);
	assert_int_equal(sg_pdf_ximage_jpeg(f, "\xFF\xD8", 2, 7, 5, 2, &bad), -1);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_image(&c, im, 0, 0, 10, 10);
	sg_pdf_content_image(&c, g, 0, 0, 10, 10);
	sg_pdf_content_image(&c, jp, 0, 0, 10, 10);
	sg_pdf_page p = {100, 100, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&c, &p);
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	S_check_file(&b);
	const char *o1 = S_obj(&b, im);
	assert_non_null(strstr(o1, "/Width 2 /Height 3 /ColorSpace /DeviceRGB /BitsPerComponent 8"
				   " /SMask "));
	assert_non_null(strstr(o1, "/Length 18 >>"));
	assert_non_null(strstr(S_obj(&b, g), "/ColorSpace /DeviceGray"));
	assert_true(S_has(&b, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 6 >>\nstream\n"
			      "\xFF\x80\x00\x01\x02\x03"));
	const char *o3 = S_obj(&b, jp);
	assert_non_null(strstr(o3, "/Width 7 /Height 5 /ColorSpace /DeviceCMYK /BitsPerComponent 8"
				   " /Filter /DCTDecode /Decode [1 0 1 0 1 0 1 0] /Length 4 >>"));
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	sg_buf_dispose(&b);
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
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_deflate_literals),
		cmocka_unit_test(test_adler32),
		cmocka_unit_test(test_names_and_strings),
		cmocka_unit_test(test_file_structure),
		cmocka_unit_test(test_no_date),
		cmocka_unit_test(test_outline_counts),
		cmocka_unit_test(test_reproducible_and_id),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_finish_refuses_dangling),
		cmocka_unit_test(test_alpha_shared),
		cmocka_unit_test(test_structure_tree),
		cmocka_unit_test(test_structure_end),
		cmocka_unit_test(test_object_streams),
		cmocka_unit_test(test_code_aside),
		cmocka_unit_test(test_coder_order),
		cmocka_unit_test(test_content_operators),
		cmocka_unit_test(test_content_page_resources),
		cmocka_unit_test(test_font_cff),
		cmocka_unit_test(test_font_cff_harfbuzz),
		cmocka_unit_test(test_font_cff_bold_reproducible),
		cmocka_unit_test(test_font_cff_name_keyed),
		cmocka_unit_test(test_font_truetype),
		cmocka_unit_test(test_font_beyond_bmp),
		cmocka_unit_test(test_images),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}
