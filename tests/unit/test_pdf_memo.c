/*
 * test_pdf_memo.c - work kept between documents: coded streams
 * (pdf_memo.h) and each face's subsets (sg_pdf_faceprep_find / keep).
 *
 * What is kept must come back byte for byte, only for the very input it
 * was made from, and a document made from kept work must be the document
 * made without it. The subset cases need Debian's fonts-dejavu-core and
 * fonts-noto-cjk; a case whose font is missing says so and is skipped.
 */
#include "support.h"
#include "pdf_support.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "layout/font.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_embed.h"
#include "render/pdf/pdf_faceprep.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_memo.h"

#define S_DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define S_NOTO_SERIF "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
#define S_SC 2 /* the Simplified Chinese face of the Noto CJK collections */

static void test_stream_memo(void **state)
{
	(void)state;
	sg_pdf_memo_clear();
	char in[300], other[300];
	for (size_t i = 0; i < sizeof in; i++) {
		in[i] = (char)('a' + i % 26);
		other[i] = in[i];
	}
	other[299] = '!';
	sg_buf out;
	sg_buf_init(&out);
	sg_pdf_memo_key k = sg_pdf_memo_key_of(3, in, sizeof in);
	assert_false(sg_pdf_memo_get(&k, &out));
	sg_pdf_memo_put(&k, "CODED", 5);
	sg_buf_puts(&out, "kept:");
	assert_true(sg_pdf_memo_get(&k, &out));
	assert_string_equal(out.data, "kept:CODED");
	/* Another coding of the same bytes, or other bytes of the same
	 * length (differing in the last one), are not what was kept. */
	sg_pdf_memo_key k4 = sg_pdf_memo_key_of(4, in, sizeof in);
	sg_pdf_memo_key ko = sg_pdf_memo_key_of(3, other, sizeof other);
	sg_pdf_memo_key kshort = sg_pdf_memo_key_of(3, in, sizeof in - 1);
	assert_false(sg_pdf_memo_get(&k4, &out));
	assert_false(sg_pdf_memo_get(&ko, &out));
	assert_false(sg_pdf_memo_get(&kshort, &out));
	/* A collision of hashes is compared away. */
	ko.hash = k.hash;
	assert_false(sg_pdf_memo_get(&ko, &out));
	/* Small streams are not worth keeping. */
	sg_pdf_memo_key tiny = sg_pdf_memo_key_of(3, in, 10);
	sg_pdf_memo_put(&tiny, "T", 1);
	assert_false(sg_pdf_memo_get(&tiny, &out));
	uint64_t hits, lookups;
	sg_pdf_memo_counts(&hits, &lookups);
	assert_int_equal(hits, 1);
	assert_int_equal(lookups, 6); /* tiny is not looked up */
	sg_pdf_memo_clear();
	assert_false(sg_pdf_memo_get(&k, &out));
	assert_string_equal(out.data, "kept:CODED");
	sg_buf_dispose(&out);
}

/* A page of text 400 points wide, each line "line N of text" (compressed
 * content: the stream the memo keeps). */
static void S_text_file(sg_buf *b, int lines, bool uncompressed)
{
	sg_pdf_file_opts o = {.uncompressed = uncompressed};
	sg_pdf_file *f = sg_pdf_file_new(b, &o);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	for (int i = 0; i < lines; i++) {
		sg_pdf_content_rect(&c, 10, 10 + i, 100 + i, 5);
		sg_pdf_content_fill(&c);
	}
	sg_pdf_page p = {400, 400, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&c, &p);
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_file_free(f);
	sg_pdf_content_dispose(&c);
}

static void test_streams_of_files(void **state)
{
	(void)state;
	sg_pdf_memo_clear();
	sg_buf a, b, c, u;
	sg_buf_init(&a);
	sg_buf_init(&b);
	sg_buf_init(&c);
	sg_buf_init(&u);
	S_text_file(&a, 40, false);
	uint64_t hits, lookups, hits0;
	sg_pdf_memo_counts(&hits0, &lookups);
	S_text_file(&b, 40, false);
	sg_pdf_memo_counts(&hits, &lookups);
	/* The page's content came from the memo: the same file. */
	assert_true(hits > hits0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Other content is coded anew; an uncompressed file codes nothing. */
	S_text_file(&c, 41, false);
	assert_true(c.len != a.len || memcmp(a.data, c.data, a.len) != 0);
	sg_pdf_memo_counts(&hits0, &lookups);
	S_text_file(&u, 40, true);
	sg_pdf_memo_counts(&hits, &lookups);
	assert_int_equal(hits, hits0);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_buf_dispose(&c);
	sg_buf_dispose(&u);
}

static const sg_font_face *S_face(const char *path, unsigned index)
{
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is not installed (Debian fonts-dejavu-core, "
			      "fonts-noto-cjk)\n",
			      path);
		return NULL;
	}
	const sg_font_face *f = sg_font_face_load(path, index);
	assert_non_null(f);
	return f;
}

/* A file of one page showing text in face (compressed). */
static void S_font_file(sg_buf *b, const sg_font_face *face, const char *text)
{
	sg_pdf_file_opts o = {0};
	sg_pdf_file *f = sg_pdf_file_new(b, &o);
	char why[128];
	sg_pdf_font *pf = sg_pdf_font_new(f, face, why, sizeof why);
	assert_non_null(pf);
	uint16_t codes[64];
	size_t n = sg_pdf_font_encode(pf, text, strlen(text), codes);
	sg_test_pdf_font_page(f, pf, codes, n);
	sg_pdf_font_free(pf);
	sg_pdf_file_free(f);
}

/* Files showing the same glyphs of face twice make one subset: the second
 * file is the first, byte for byte; other glyphs make another. */
static void S_subset_once(const sg_font_face *face, const char *text, const char *other)
{
	sg_pdf_faceprep *fp = sg_pdf_faceprep_get(face);
	sg_buf a, b, c;
	sg_buf_init(&a);
	sg_buf_init(&b);
	sg_buf_init(&c);
	S_font_file(&a, face, text);
	unsigned made = fp->hb_subsets;
	/* The memo would hand back the coded program even if the subset were
	 * made again: without it, only the kept subset can. */
	sg_pdf_memo_clear();
	S_font_file(&b, face, text);
	assert_int_equal(fp->hb_subsets, made);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	S_font_file(&c, face, other);
	assert_true(c.len != a.len || memcmp(a.data, c.data, a.len) != 0);
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
	sg_buf_dispose(&c);
}

static void test_subsets_truetype(void **state)
{
	(void)state;
	const sg_font_face *face = S_face(S_DEJAVU, 0);
	if (!face)
		skip();
	S_subset_once(face, "Kept subsets", "Other glyphs");
}

static void test_subsets_cff(void **state)
{
	(void)state;
	const sg_font_face *face = S_face(S_NOTO_SERIF, S_SC);
	if (!face)
		skip();
	S_subset_once(face, "Kept subsets 王明", "Other glyphs 李华");
}

/* The kept subsets of a face: found only for the same glyphs in the same
 * order and made the same way; the least recently used goes first. */
static void test_subsets_kept(void **state)
{
	(void)state;
	const sg_font_face *face = S_face(S_DEJAVU, 0);
	if (!face)
		skip();
	sg_pdf_faceprep *fp = sg_pdf_faceprep_get(face);
	/* how 77: no subset pdf_embed.c makes is kept that way. */
	const unsigned how = 77;
	uint32_t gids[SG_PDF_SUBSETS_KEPT + 1][2], newgid[2] = {5, 6}, got[2];
	sg_buf prog;
	sg_buf_init(&prog);
	unsigned made = 0;
	for (uint32_t i = 0; i <= SG_PDF_SUBSETS_KEPT; i++) {
		gids[i][0] = 100 + i;
		gids[i][1] = 200 + i;
		char p[16];
		int len = snprintf(p, sizeof p, "program %u", i);
		sg_pdf_faceprep_keep(fp, gids[i], 2, how, p, (size_t)len, newgid, i);
		if (i == 1) {
			/* The first, used again: the second is now the oldest. */
			assert_true(sg_pdf_faceprep_find(fp, gids[0], 2, how, &prog, got, &made));
			assert_string_equal(prog.data, "program 0");
			assert_memory_equal(got, newgid, sizeof got);
			sg_buf_clear(&prog);
		}
	}
	assert_false(sg_pdf_faceprep_find(fp, gids[1], 2, how, &prog, got, &made));
	assert_true(sg_pdf_faceprep_find(fp, gids[0], 2, how, &prog, got, &made));
	assert_int_equal(made, 0);
	sg_buf_clear(&prog);
	assert_true(sg_pdf_faceprep_find(fp, gids[SG_PDF_SUBSETS_KEPT], 2, how, &prog, got, &made));
	assert_string_equal(prog.data, "program 8");
	assert_int_equal(made, SG_PDF_SUBSETS_KEPT);
	/* Another order, another way, fewer glyphs: not kept. */
	uint32_t swapped[2] = {gids[0][1], gids[0][0]};
	assert_false(sg_pdf_faceprep_find(fp, swapped, 2, how, &prog, got, &made));
	assert_false(sg_pdf_faceprep_find(fp, gids[0], 2, how + 1, &prog, got, &made));
	assert_false(sg_pdf_faceprep_find(fp, gids[0], 1, how, &prog, got, &made));
	sg_buf_dispose(&prog);
}

static int S_teardown(void **state)
{
	(void)state;
	sg_pdf_memo_clear();
	sg_font_cache_clear();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream_memo),
		cmocka_unit_test(test_streams_of_files),
		cmocka_unit_test(test_subsets_truetype),
		cmocka_unit_test(test_subsets_cff),
		cmocka_unit_test(test_subsets_kept),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}
