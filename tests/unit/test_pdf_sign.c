/*
 * test_pdf_sign.c - the arithmetic of a signature's /ByteRange and its
 * placeholder (render/pdf/pdf_sign.h), the check of a byte range that
 * does not cover the file, and a signature made and checked on both kinds of
 * file the writer makes (xref table, xref stream).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "render/pdf/pdf_file.h"
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

/* A signer from a fresh RSA 2048 key and its self-signed certificate with
 * the common name cn (UTF-8) held as a string of type (MBSTRING_ASC,
 * MBSTRING_UTF8, MBSTRING_BMP: OpenSSL converts it), written as PEM files
 * into dir. */
static sg_pdf_signer *S_signer_cn(const char *dir, const char *cn, int type)
{
	EVP_PKEY *key = EVP_RSA_gen(2048);
	X509 *cert = X509_new();
	assert_non_null(key);
	X509_set_version(cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
	X509_gmtime_adj(X509_getm_notBefore(cert), 0);
	X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
	X509_NAME *name = X509_get_subject_name(cert);
	/* Given as UTF-8, stored as type (a BMPString is UTF-16). */
	X509_NAME_ENTRY *ne = NULL;
	ASN1_STRING *str = NULL;
	assert_true(ASN1_mbstring_copy(&str, (const unsigned char *)cn, -1, MBSTRING_UTF8,
				       type == MBSTRING_BMP ? B_ASN1_BMPSTRING
				       : type == MBSTRING_UTF8 ? B_ASN1_UTF8STRING
							       : B_ASN1_PRINTABLESTRING) > 0);
	ne = X509_NAME_ENTRY_create_by_NID(NULL, NID_commonName, str->type, str->data,
					   str->length);
	assert_non_null(ne);
	X509_NAME_add_entry(name, ne, -1, 0);
	X509_NAME_ENTRY_free(ne);
	ASN1_STRING_free(str);
	X509_set_issuer_name(cert, name);
	X509_set_pubkey(cert, key);
	assert_true(X509_sign(cert, key, EVP_sha256()) > 0);
	char kp[512], cp[512];
	snprintf(kp, sizeof kp, "%s/key.pem", dir);
	snprintf(cp, sizeof cp, "%s/cert.pem", dir);
	FILE *f = fopen(kp, "w");
	PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	f = fopen(cp, "w");
	PEM_write_X509(f, cert);
	fclose(f);
	X509_free(cert);
	EVP_PKEY_free(key);
	char *why = NULL;
	sg_pdf_signer *s = sg_pdf_signer_load(kp, cp, NULL, &why);
	assert_null(why);
	assert_non_null(s);
	return s;
}

static sg_pdf_signer *S_signer(const char *dir)
{
	return S_signer_cn(dir, "Unit Test", MBSTRING_ASC);
}

/* A two-page PDF of the writer, with an xref table or (object streams)
 * an xref stream. */
static void S_pdf(sg_buf *out, bool streams)
{
	sg_pdf_file_opts o = {.object_streams = streams, .tagged = streams};
	sg_pdf_file *f = sg_pdf_file_new(out, &o);
	sg_pdf_link link = {.x0 = 10, .y0 = 10, .x1 = 50, .y1 = 20, .uri = "https://example.com/"};
	sg_pdf_page p = {.width = 595.28, .height = 841.89, .ops = "0 0 m 10 10 l S", .len = 15};
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	p.links = &link;
	p.nlinks = 1;
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_file_free(f);
}

/* Signed, either kind of file verifies; its range ends at the file's end;
 * the last page gets the widget beside its link; one changed byte breaks
 * it; the same input signs to the same bytes. */
static void test_sign_round_trip(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("pdf_sign");
	sg_pdf_signer *s = S_signer(dir);
	for (int streams = 0; streams < 2; streams++) {
		sg_buf pdf, again;
		sg_buf_init(&pdf);
		sg_buf_init(&again);
		S_pdf(&pdf, streams);
		S_pdf(&again, streams);
		size_t before = pdf.len;
		sg_pdf_sign_opts o = {.signer = s, .date = {2026, 3, 1}};
		char *why = NULL;
		assert_int_equal(sg_pdf_sign(&pdf, &o, &why), 0);
		assert_null(why);
		assert_true(pdf.len > before + 2 * SG_PDF_SIG_DER_MAX);
		assert_int_equal(sg_pdf_sign(&again, &o, &why), 0);
		assert_int_equal(pdf.len, again.len);
		assert_memory_equal(pdf.data, again.data, pdf.len);
		assert_non_null(strstr(pdf.data + before, streams ? "/Type /XRef" : "\nxref\n"));
		assert_non_null(strstr(pdf.data + before, "/Annots ["));
		sg_pdf_sig_check c;
		sg_pdf_sig_verify(pdf.data, pdf.len, &c);
		assert_int_equal(c.state, SG_PDF_SIG_INTACT);
		assert_string_equal(c.subject, "CN=Unit Test");
		assert_string_equal(c.when, "D:20260301000000Z");
		sg_pdf_sig_check_dispose(&c);
		/* Signing twice is refused, and leaves the file as it was. */
		assert_int_equal(sg_pdf_sign(&again, &o, &why), -1);
		assert_string_equal(why, "the PDF is signed already");
		free(why);
		assert_int_equal(again.len, pdf.len);
		pdf.data[before / 2] ^= 1;
		sg_pdf_sig_verify(pdf.data, pdf.len, &c);
		assert_int_equal(c.state, SG_PDF_SIG_BROKEN);
		sg_pdf_sig_check_dispose(&c);
		sg_buf_dispose(&pdf);
		sg_buf_dispose(&again);
	}
	sg_pdf_signer_free(s);
}

/* Whether the bytes of b hold s (they hold NULs: no strstr). */
static bool S_has(const sg_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return true;
	return false;
}

/* A Chinese common name, as UTF8String or BMPString, is read as UTF-8; the
 * signature names it as a UTF-16 text string; given the document's own
 * appearance form, the widget shows it and no Helvetica is added. */
static void test_sign_chinese_name(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("pdf_sign_zh");
	static const int types[] = {MBSTRING_UTF8, MBSTRING_BMP};
	for (size_t k = 0; k < 2; k++) {
		sg_pdf_signer *s = S_signer_cn(dir, "张伟", types[k]);
		assert_string_equal(sg_pdf_signer_name(s), "张伟");
		sg_buf pdf;
		sg_buf_init(&pdf);
		S_pdf(&pdf, true);
		/* Object 1 stands for the form: the widget only names it. */
		sg_pdf_sign_opts o = {.signer = s, .date = {2026, 11, 20}, .form = 1,
				      .box = {100, 100, 170, 40}};
		char *why = NULL;
		assert_int_equal(sg_pdf_sign(&pdf, &o, &why), 0);
		assert_true(S_has(&pdf, "/Name <FEFF5F204F1F>"));
		assert_true(S_has(&pdf, "/AP << /N 1 0 R >>"));
		assert_true(S_has(&pdf, "/Rect [100.00 100.00 270.00 140.00]"));
		assert_false(S_has(&pdf, "/Helvetica"));
		sg_pdf_sig_check c;
		sg_pdf_sig_verify(pdf.data, pdf.len, &c);
		assert_int_equal(c.state, SG_PDF_SIG_INTACT);
		sg_pdf_sig_check_dispose(&c);
		sg_buf_dispose(&pdf);
		sg_pdf_signer_free(s);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_range_text),
		cmocka_unit_test(test_range_check),
		cmocka_unit_test(test_verify_ranges),
		cmocka_unit_test(test_sign_round_trip),
		cmocka_unit_test(test_sign_chinese_name),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
