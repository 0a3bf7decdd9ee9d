/*
 * test_pdf_sign.c - the arithmetic of a signature's /ByteRange and its
 * placeholder (render/pdf/pdf_sign.h), and the check of a byte range that
 * does not cover the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "render/pdf/pdf_sign.h"

/* The range leaves out exactly the '<'...'>' string and covers the rest. */
static void test_range(void **state)
{
	(void)state;
	size_t r[4];
	assert_int_equal(sg_pdf_sig_range(1000, 400, 100, r), 0);
	assert_int_equal(r[0], 0);
	assert_int_equal(r[1], 400);          /* up to the '<' */
	assert_int_equal(r[2], 400 + 100 + 2); /* after the '>' */
	assert_int_equal(r[1] + (r[2] - r[1]) + r[3], 1000);
	assert_int_equal(r[2] + r[3], 1000);
	/* The string at the very end: nothing after it. */
	assert_int_equal(sg_pdf_sig_range(502, 400, 100, r), 0);
	assert_int_equal(r[3], 0);
	/* It does not fit. */
	assert_int_equal(sg_pdf_sig_range(501, 400, 100, r), -1);
	assert_int_equal(sg_pdf_sig_range(10, 11, 0, r), -1);
}

/* The placeholder's text has one width whatever the numbers. */
static void test_range_text(void **state)
{
	(void)state;
	size_t w = sg_pdf_sig_range_width();
	assert_int_equal(w, 3 * SG_PDF_SIG_RANGE_DIGITS + 6);
	char *out = malloc(w + 1);
	size_t small[4] = {0, 1, 2, 3}, large[4] = {0, 9999999999ULL, 9999999999ULL, 0};
	memset(out, '#', w + 1);
	assert_int_equal(sg_pdf_sig_range_put(out, small), 0);
	assert_memory_equal(out, "[0 0000000001 0000000002 0000000003]", w);
	assert_int_equal(out[w], '#'); /* nothing written past it */
	assert_int_equal(sg_pdf_sig_range_put(out, large), 0);
	assert_memory_equal(out, "[0 9999999999 9999999999 0000000000]", w);
	/* Eleven digits do not fit: refused, never a wider text. */
	size_t huge[4] = {0, 10000000000ULL, 10000000002ULL, 5};
	assert_int_equal(sg_pdf_sig_range_put(out, huge), -1);
	size_t offset[4] = {1, 2, 3, 4};
	assert_int_equal(sg_pdf_sig_range_put(out, offset), -1);
	free(out);
}

static void test_range_check(void **state)
{
	(void)state;
	const char *why = NULL;
	size_t whole[4] = {0, 400, 502, 498};
	assert_int_equal(sg_pdf_sig_range_check(1000, whole, &why), 0);
	/* Bytes appended after the signature: the range ends before the file. */
	assert_int_equal(sg_pdf_sig_range_check(1010, whole, &why), -1);
	assert_string_equal(why, "bytes were appended after the signature");
	size_t late[4] = {5, 400, 502, 498};
	assert_int_equal(sg_pdf_sig_range_check(1000, late, &why), -1);
	assert_string_equal(why, "the signature does not cover the start of the file");
	size_t outside[4] = {0, 400, 502, 600};
	assert_int_equal(sg_pdf_sig_range_check(1000, outside, &why), -1);
	size_t crossed[4] = {0, 600, 502, 498};
	assert_int_equal(sg_pdf_sig_range_check(1000, crossed, &why), -1);
}

/* A file with no signature says so; one whose range is cut short is
 * broken, before any CMS is read. */
static void test_verify_ranges(void **state)
{
	(void)state;
	sg_pdf_sig_check c;
	const char *plain = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n";
	sg_pdf_sig_verify(plain, strlen(plain), &c);
	assert_int_equal(c.state, SG_PDF_SIG_NONE);
	sg_pdf_sig_check_dispose(&c);

	char file[200];
	int n = snprintf(file, sizeof file,
			 "%%PDF-1.7\n<< /ByteRange [0 0000000040 0000000046 0000000010] "
			 "/Contents <0000> >>\nappended bytes\n");
	sg_pdf_sig_verify(file, (size_t)n, &c);
	assert_int_equal(c.state, SG_PDF_SIG_BROKEN);
	assert_string_equal(c.why, "bytes were appended after the signature");
	sg_pdf_sig_check_dispose(&c);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_range_text),
		cmocka_unit_test(test_range_check),
		cmocka_unit_test(test_verify_ranges),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
