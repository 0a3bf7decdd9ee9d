/*
 * pdf_sign.c - the signature's incremental update and its CMS (see
 * pdf_sign.h).
 */
#include "render/pdf/pdf_sign.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "render/pdf/pdf_sign_int.h"

struct sg_pdf_signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain; /* a PKCS#12's other certificates, or NULL */
	char *subject;
	char *name;            /* the subject's common name, for the appearance */
	char fingerprint[65];
};

/* ---- the signer ---------------------------------------------------------- */

static int S_password_cb(char *buf, int size, int rwflag, void *u)
{
	(void)rwflag;
	const char *pw = u;
	if (!pw)
		return -1;
	size_t n = strlen(pw);
	if (n > (size_t)size)
		return -1;
	memcpy(buf, pw, n);
	return (int)n;
}

/* A one-line reason: what, then the file (never its bytes). */
static char *S_why(const char *what, const char *file)
{
	ERR_clear_error();
	return sg_xasprintf("%s: %s", file, what);
}

static void S_names(sg_pdf_signer *s)
{
	X509_NAME *subj = X509_get_subject_name(s->cert);
	BIO *b = BIO_new(BIO_s_mem());
	X509_NAME_print_ex(b, subj, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	char *p;
	long n = BIO_get_mem_data(b, &p);
	s->subject = sg_xstrndup(p, (size_t)n);
	BIO_free(b);
	/* The common name as UTF-8 whatever string type holds it (a
	 * BMPString's bytes are not text). */
	int at = X509_NAME_get_index_by_NID(subj, NID_commonName, -1);
	unsigned char *cn = NULL;
	int cn_len = -1;
	if (at >= 0)
		cn_len = ASN1_STRING_to_UTF8(
			&cn, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, at)));
	s->name = cn_len > 0 ? sg_xstrndup((const char *)cn, (size_t)cn_len)
			     : sg_xstrdup(s->subject);
	OPENSSL_free(cn);
	unsigned char md[32];
	unsigned int mdlen = 0;
	X509_digest(s->cert, EVP_sha256(), md, &mdlen);
	for (unsigned i = 0; i < 32; i++)
		snprintf(s->fingerprint + 2 * i, 3, "%02x", md[i]);
}

/* Reads a PKCS#12 bundle. Returns 0, or -1 with *why. */
static int S_load_p12(sg_pdf_signer *s, const char *file, const char *password, char **why)
{
	BIO *b = BIO_new_file(file, "rb");
	if (!b) {
		*why = S_why("cannot read the PKCS#12 bundle", file);
		return -1;
	}
	PKCS12 *p12 = d2i_PKCS12_bio(b, NULL);
	BIO_free(b);
	if (!p12) {
		*why = S_why("not a PKCS#12 bundle (a PEM key needs its certificate: --cert CERT)", file);
		return -1;
	}
	int ok = PKCS12_parse(p12, password ? password : "", &s->key, &s->cert, &s->chain);
	PKCS12_free(p12);
	if (!ok || !s->key || !s->cert) {
		*why = S_why(password ? "cannot open the PKCS#12 bundle: wrong password "
					"(SALESGEN_SIGN_PASSWORD) or no key and certificate in it"
				      : "cannot open the PKCS#12 bundle: it needs a password "
					"(set SALESGEN_SIGN_PASSWORD)",
			     file);
		return -1;
	}
	return 0;
}

/* Reads PEM files. Returns 0, or -1 with *why. */
static int S_load_pem(sg_pdf_signer *s, const char *key, const char *cert, const char *password,
		      char **why)
{
	BIO *b = BIO_new_file(key, "rb");
	if (!b) {
		*why = S_why("cannot read the key", key);
		return -1;
	}
	s->key = PEM_read_bio_PrivateKey(b, NULL, S_password_cb, (void *)password);
	BIO_free(b);
	if (!s->key) {
		*why = S_why("cannot read the private key: not a PEM key, or it is encrypted and "
			     "SALESGEN_SIGN_PASSWORD is missing or wrong",
			     key);
		return -1;
	}
	b = BIO_new_file(cert, "rb");
	if (!b) {
		*why = S_why("cannot read the certificate", cert);
		return -1;
	}
	s->cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	if (!s->cert) {
		*why = S_why("not a PEM certificate", cert);
		return -1;
	}
	return 0;
}

sg_pdf_signer *sg_pdf_signer_load(const char *key, const char *cert, const char *password,
				  char **why)
{
	*why = NULL;
	sg_pdf_signer *s = sg_xcalloc(1, sizeof *s);
	int rc = cert ? S_load_pem(s, key, cert, password, why) : S_load_p12(s, key, password, why);
	if (rc == 0 && X509_check_private_key(s->cert, s->key) != 1) {
		*why = S_why("the key does not match the certificate", cert ? cert : key);
		rc = -1;
	}
	if (rc != 0) {
		sg_pdf_signer_free(s);
		return NULL;
	}
	S_names(s);
	return s;
}

void sg_pdf_signer_free(sg_pdf_signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	free(s->subject);
	free(s->name);
	free(s);
}

const char *sg_pdf_signer_name(const sg_pdf_signer *s)
{
	return s->name;
}

const char *sg_pdf_signer_subject(const sg_pdf_signer *s)
{
	return s->subject;
}

const char *sg_pdf_signer_fingerprint(const sg_pdf_signer *s)
{
	return s->fingerprint;
}

/* ---- the byte range ------------------------------------------------------ */

int sg_pdf_sig_range(size_t file_len, size_t contents_at, size_t hex_len, size_t range[4])
{
	if (contents_at > file_len || hex_len + 2 > file_len - contents_at)
		return -1;
	range[0] = 0;
	range[1] = contents_at;
	range[2] = contents_at + hex_len + 2;
	range[3] = file_len - range[2];
	return 0;
}

size_t sg_pdf_sig_range_width(void)
{
	return 3 * SG_PDF_SIG_RANGE_DIGITS + 6; /* "[0 " "N N N" "]" */
}

int sg_pdf_sig_range_put(char *out, const size_t range[4])
{
	char tmp[128];
	for (int i = 1; i < 4; i++)
		if (range[i] >= 10000000000ULL)
			return -1;
	int n = snprintf(tmp, sizeof tmp, "[0 %0*zu %0*zu %0*zu]", SG_PDF_SIG_RANGE_DIGITS,
			 range[1], SG_PDF_SIG_RANGE_DIGITS, range[2], SG_PDF_SIG_RANGE_DIGITS,
			 range[3]);
	if (n < 0 || (size_t)n != sg_pdf_sig_range_width() || range[0] != 0)
		return -1;
	memcpy(out, tmp, (size_t)n);
	return 0;
}

int sg_pdf_sig_range_check(size_t file_len, const size_t range[4], const char **why)
{
	if (range[0] != 0) {
		*why = "the signature does not cover the start of the file";
		return -1;
	}
	if (range[1] > file_len || range[2] < range[1] || range[2] > file_len) {
		*why = "the signature's byte range lies outside the file";
		return -1;
	}
	if (range[3] != file_len - range[2]) {
		*why = range[2] + range[3] < file_len
			       ? "bytes were appended after the signature"
			       : "the signature's byte range lies outside the file";
		return -1;
	}
	return 0;
}

/* ---- the update ---------------------------------------------------------- */

/* The default box: 60 x 14 mm at the right margin (20 mm), 20 mm up, above the footer. */
static sg_pdf_sign_box S_box(const sg_pdf_sign_box *b, double page_w)
{
	if (b->w > 0 && b->h > 0)
		return *b;
	double mm = 72.0 / 25.4;
	return (sg_pdf_sign_box){page_w - 20 * mm - 60 * mm, 20 * mm, 60 * mm, 14 * mm};
}

/* s as a PDF literal string of printable ASCII (others become '?': the
 * appearance's font is Helvetica, WinAnsi). */
static void S_ascii_string(sg_buf *b, const char *s)
{
	sg_buf_putc(b, '(');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80) {
			while ((p[1] & 0xC0) == 0x80)
				p++;
			sg_buf_putc(b, '?');
		} else if (*p == '(' || *p == ')' || *p == '\\') {
			sg_buf_putc(b, '\\');
			sg_buf_putc(b, (char)*p);
		} else if (*p >= 0x20) {
			sg_buf_putc(b, (char)*p);
		}
	}
	sg_buf_putc(b, ')');
}

/* s as a PDF text string: a literal of its bytes when all are printable
 * ASCII, else UTF-16BE with its byte order mark, in hex. */
static void S_text_string(sg_buf *b, const char *s)
{
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		ascii &= *p >= 0x20 && *p < 0x80;
	if (ascii) {
		S_ascii_string(b, s);
		return;
	}
	sg_buf_puts(b, "<FEFF");
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		i += k;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			sg_buf_printf(b, "%04X%04X", 0xD800 + (unsigned)(cp >> 10),
				      0xDC00 + (unsigned)(cp & 0x3FF));
		} else {
			sg_buf_printf(b, "%04X", (unsigned)cp);
		}
	}
	sg_buf_putc(b, '>');
}

/* The dictionary text d (from "<<" to its last ">>") with extra inserted
 * before the closing ">>". Returns 0 or -1. */
static int S_dict_add(sg_buf *out, const sg_buf *d, const char *extra)
{
	size_t end = d->len;
	while (end > 0 && (d->data[end - 1] == '\n' || d->data[end - 1] == ' '))
		end--;
	if (end < 4 || memcmp(d->data, "<<", 2) != 0 || memcmp(d->data + end - 2, ">>", 2) != 0)
		return -1;
	sg_buf_put(out, d->data, end - 2);
	sg_buf_puts(out, extra);
	sg_buf_puts(out, ">>");
	return 0;
}

/* What the update writes: its objects' numbers and offsets. */
typedef struct S_update {
	size_t nums[8], offs[8];
	int n;
} S_update;

static void S_obj_begin(sg_buf *b, S_update *u, size_t num)
{
	u->nums[u->n] = num;
	u->offs[u->n] = b->len;
	u->n++;
	sg_buf_printf(b, "%zu 0 obj\n", num);
}

/* The last page's object number, from the catalog's page tree (one /Pages
 * node, as the writer makes). */
static int S_last_page(const sg_pdf_reader *r, const sg_buf *catalog, size_t *page)
{
	size_t pages;
	if (sg_pdf_sign_key_num(catalog->data, catalog->data + catalog->len, "/Pages", &pages) != 0)
		return -1;
	sg_buf t;
	sg_buf_init(&t);
	int rc = -1;
	if (sg_pdf_reader_object(r, pages, &t) != 0)
		goto done;
	const char *k = sg_pdf_sign_find(t.data, t.data + t.len, "/Kids [");
	const char *e = k ? memchr(k, ']', (size_t)(t.data + t.len - k)) : NULL;
	if (!e)
		goto done;
	/* The last "N 0 R" before ']'. */
	const char *p = e;
	while (p > k && (p[-1] == ' ' || p[-1] == 'R' || p[-1] == '\n'))
		p--;
	while (p > k && p[-1] == '0')
		p--; /* the generation */
	while (p > k && p[-1] == ' ')
		p--;
	while (p > k && p[-1] >= '0' && p[-1] <= '9')
		p--;
	rc = sg_pdf_sign_key_num(p, e, "", page);
done:
	sg_buf_dispose(&t);
	return rc;
}

/* Orders DER encodings as a SET OF's members (X.690 11.6). */
static int S_der_cmp(const void *a, const void *b)
{
	const sg_buf *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->data, y->data, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Takes the signingTime attribute out of the signed si and signs its
 * attributes again with key: the signature covers the DER of the SET OF
 * attributes (RFC 5652 5.4). Returns 0 or -1. */
static int S_drop_signing_time(CMS_SignerInfo *si, EVP_PKEY *key)
{
	int loc = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	if (loc < 0)
		return 0;
	X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, loc));
	int n = CMS_signed_get_attr_count(si), rc = -1;
	if (n <= 0)
		return -1;
	sg_buf *attrs = sg_xcalloc((size_t)n, sizeof *attrs);
	sg_buf set;
	sg_buf_init(&set);
	size_t body = 0;
	for (int i = 0; i < n; i++) {
		unsigned char *der = NULL;
		int len = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
		sg_buf_init(&attrs[i]);
		if (len <= 0)
			goto done;
		sg_buf_put(&attrs[i], der, (size_t)len);
		OPENSSL_free(der);
		body += (size_t)len;
	}
	qsort(attrs, (size_t)n, sizeof *attrs, S_der_cmp);
	sg_buf_putc(&set, 0x31);
	if (body < 0x80) {
		sg_buf_putc(&set, (char)body);
	} else {
		int bytes = body > 0xFFFF ? 3 : body > 0xFF ? 2 : 1;
		sg_buf_putc(&set, (char)(0x80 | bytes));
		for (int k = bytes - 1; k >= 0; k--)
			sg_buf_putc(&set, (char)(body >> (8 * k)));
	}
	for (int i = 0; i < n; i++)
		sg_buf_put(&set, attrs[i].data, attrs[i].len);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t siglen = 0;
	unsigned char *sig = NULL;
	if (ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) == 1 &&
	    EVP_DigestSign(ctx, NULL, &siglen, (unsigned char *)set.data, set.len) == 1) {
		sig = sg_xmalloc(siglen);
		if (EVP_DigestSign(ctx, sig, &siglen, (unsigned char *)set.data, set.len) == 1 &&
		    ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)siglen) == 1)
			rc = 0;
	}
	free(sig);
	EVP_MD_CTX_free(ctx);
done:
	for (int i = 0; i < n; i++)
		sg_buf_dispose(&attrs[i]);
	free(attrs);
	sg_buf_dispose(&set);
	return rc;
}

/* The signature's CMS over the two ranges of data: DER into der. */
static int S_cms(const sg_pdf_signer *s, const sg_date *date, const char *data,
		 const size_t range[4], sg_buf *der, char **why)
{
	int rc = -1;
	unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_PARTIAL;
	BIO *in = BIO_new(BIO_s_mem());
	BIO_write(in, data, (int)range[1]);
	BIO_write(in, data + range[2], (int)range[3]);
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, s->chain, NULL, flags);
	CMS_SignerInfo *si =
		cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(), flags) : NULL;
	ESS_SIGNING_CERT_V2 *sc = NULL;
	ASN1_TIME *t = NULL;
	unsigned char *scder = NULL;
	if (!si)
		goto done;
	/* ESS signingCertificateV2, which PAdES requires. */
	sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), s->cert, NULL, 0);
	int sclen = sc ? i2d_ESS_SIGNING_CERT_V2(sc, &scder) : -1;
	if (sclen <= 0 || !CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2,
						      V_ASN1_SEQUENCE, scder, sclen))
		goto done;
	/* CMS_final() adds a signingTime from the clock unless one is there:
	 * give it the build date, then take it out again (PAdES puts the
	 * signing time in /M only) and sign the attributes left. */
	struct tm tm = {.tm_year = date->year - 1900, .tm_mon = date->month - 1,
			.tm_mday = date->day};
	t = ASN1_TIME_set(NULL, timegm(&tm));
	if (!t || !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1))
		goto done;
	if (CMS_final(cms, in, NULL, flags) != 1 || S_drop_signing_time(si, s->key) != 0)
		goto done;
	unsigned char *out = NULL;
	int n = i2d_CMS_ContentInfo(cms, &out);
	if (n <= 0)
		goto done;
	sg_buf_put(der, out, (size_t)n);
	OPENSSL_free(out);
	rc = 0;
done:
	if (rc != 0) {
		unsigned long e = ERR_peek_last_error();
		char msg[256] = "unknown error";
		if (e)
			ERR_error_string_n(e, msg, sizeof msg);
		*why = sg_xasprintf("cannot make the CMS signature: %s", msg);
	}
	ERR_clear_error();
	OPENSSL_free(scder);
	ASN1_TIME_free(t);
	ESS_SIGNING_CERT_V2_free(sc);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return rc;
}

/* The new cross-reference section of the update u at b's end, of the
 * file's kind, and the trailer: /Prev the old section. */
static void S_xref(sg_buf *b, const sg_pdf_reader *r, S_update *u, size_t size)
{
	/* Rows in number order. */
	for (int i = 1; i < u->n; i++)
		for (int k = i; k > 0 && u->nums[k - 1] > u->nums[k]; k--) {
			size_t n = u->nums[k], o = u->offs[k];
			u->nums[k] = u->nums[k - 1], u->offs[k] = u->offs[k - 1];
			u->nums[k - 1] = n, u->offs[k - 1] = o;
		}
	sg_buf tail;
	sg_buf_init(&tail);
	sg_buf_printf(&tail, "/Size %zu /Root %zu 0 R", size, r->root);
	size_t info;
	if (sg_pdf_sign_key_num(r->trailer, r->trailer_end, "/Info", &info) == 0)
		sg_buf_printf(&tail, " /Info %zu 0 R", info);
	const char *id = sg_pdf_sign_find(r->trailer, r->trailer_end, "/ID [");
	const char *id_end = id ? memchr(id, ']', (size_t)(r->trailer_end - id)) : NULL;
	if (id_end) {
		sg_buf_putc(&tail, ' ');
		sg_buf_put(&tail, id, (size_t)(id_end - id + 1));
	}
	sg_buf_printf(&tail, " /Prev %zu", r->xref);
	size_t xref = b->len;
	if (!r->stream) {
		sg_buf_puts(b, "xref\n");
		for (int i = 0; i < u->n; i++)
			sg_buf_printf(b, "%zu 1\n%010zu 00000 n \n", u->nums[i], u->offs[i]);
		sg_buf_printf(b, "trailer\n<< %s >>\n", tail.data);
	} else {
		/* The stream itself is the last object, numbered size - 1. */
		sg_buf idx, rows;
		sg_buf_init(&idx);
		sg_buf_init(&rows);
		u->nums[u->n] = size - 1;
		u->offs[u->n] = xref;
		for (int i = 0; i <= u->n; i++) {
			sg_buf_printf(&idx, "%s%zu 1", i ? " " : "", u->nums[i]);
			unsigned char row[7] = {1, (unsigned char)(u->offs[i] >> 24),
						(unsigned char)(u->offs[i] >> 16),
						(unsigned char)(u->offs[i] >> 8), (unsigned char)u->offs[i],
						0, 0};
			sg_buf_put(&rows, row, 7);
		}
		sg_buf_printf(b, "%zu 0 obj\n<< /Type /XRef %s /W [1 4 2] /Index [%s] /Length %zu "
				 ">>\nstream\n",
			      size - 1, tail.data, idx.data, rows.len);
		sg_buf_put(b, rows.data, rows.len);
		sg_buf_puts(b, "\nendstream\nendobj\n");
		sg_buf_dispose(&idx);
		sg_buf_dispose(&rows);
	}
	sg_buf_printf(b, "startxref\n%zu\n%%%%EOF\n", xref);
	sg_buf_dispose(&tail);
}

/* The page's /MediaBox width, or A4's. */
static double S_page_width(const sg_buf *page)
{
	const char *m = sg_pdf_sign_find(page->data, page->data + page->len, "/MediaBox [");
	double x0, y0, x1, y1;
	if (m && sscanf(m, "/MediaBox [%lf %lf %lf %lf", &x0, &y0, &x1, &y1) == 4 && x1 > x0)
		return x1 - x0;
	return 595.28;
}

/* Writes the update's objects (all but the xref) to b. */
static int S_objects(sg_buf *b, const sg_pdf_reader *r, const sg_pdf_sign_opts *o,
		     S_update *u, size_t *contents_at, size_t *range_at, char **why)
{
	size_t page, n = r->size;
	size_t sig = n, widget = n + 1, ap = n + 2, font = n + 3;
	sg_buf cat, pg, t;
	sg_buf_init(&cat);
	sg_buf_init(&pg);
	sg_buf_init(&t);
	int rc = -1;
	if (sg_pdf_reader_object(r, r->root, &cat) != 0 || S_last_page(r, &cat, &page) != 0 ||
	    sg_pdf_reader_object(r, page, &pg) != 0) {
		*why = sg_xstrdup("cannot read the PDF's catalog or pages");
		goto done;
	}
	if (sg_pdf_sign_find(cat.data, cat.data + cat.len, "/AcroForm")) {
		*why = sg_xstrdup("the PDF already has a form or a signature");
		goto done;
	}
	/* The catalog again, with the form. */
	S_obj_begin(b, u, r->root);
	sg_buf_clear(&t);
	sg_buf_printf(&t, " /AcroForm << /Fields [%zu 0 R] /SigFlags 3 >> ", widget);
	if (S_dict_add(b, &cat, t.data) != 0)
		goto bad;
	sg_buf_puts(b, "\nendobj\n");
	/* The last page again, with the widget among its annotations. */
	S_obj_begin(b, u, page);
	const char *annots = sg_pdf_sign_find(pg.data, pg.data + pg.len, "/Annots [");
	if (annots) {
		size_t at = (size_t)(annots - pg.data) + strlen("/Annots [");
		sg_buf_put(b, pg.data, at);
		sg_buf_printf(b, "%zu 0 R ", widget);
		sg_buf_put(b, pg.data + at, pg.len - at);
	} else {
		sg_buf_clear(&t);
		sg_buf_printf(&t, " /Annots [%zu 0 R] ", widget);
		if (S_dict_add(b, &pg, t.data) != 0)
			goto bad;
	}
	sg_buf_puts(b, "\nendobj\n");

	char when[32];
	snprintf(when, sizeof when, "D:%04d%02d%02d000000Z", o->date.year, o->date.month,
		 o->date.day);
	/* The signature dictionary: /Contents and /ByteRange filled in later. */
	S_obj_begin(b, u, sig);
	sg_buf_puts(b, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
		       "/ByteRange ");
	*range_at = b->len;
	for (size_t i = 0; i < sg_pdf_sig_range_width(); i++)
		sg_buf_putc(b, ' ');
	sg_buf_puts(b, " /Contents ");
	*contents_at = b->len;
	sg_buf_putc(b, '<');
	for (size_t i = 0; i < 2 * SG_PDF_SIG_DER_MAX; i++)
		sg_buf_putc(b, '0');
	sg_buf_printf(b, "> /M (%s) /Name ", when);
	S_text_string(b, o->signer->name);
	sg_buf_puts(b, " >>\nendobj\n");

	sg_pdf_sign_box box = S_box(&o->box, S_page_width(&pg));
	S_obj_begin(b, u, widget);
	sg_buf_printf(b, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %zu 0 R "
			 "/F 132 /P %zu 0 R /Rect [%.2f %.2f %.2f %.2f] /AP << /N %zu 0 R >> >>\n"
			 "endobj\n",
		      sig, page, box.x, box.y, box.x + box.w, box.y + box.h, o->form ? o->form : ap);
	if (o->form) {
		rc = 0;
		goto done;
	}
	/* The appearance: a thin box, the signer's name and the date. */
	sg_buf_clear(&t);
	sg_buf_printf(&t, "q 0.2 0.3 0.6 RG 0.6 w 0.5 0.5 %.2f %.2f re S Q\n"
			  "BT 0.1 0.2 0.5 rg /Helv 7 Tf 4 %.2f Td (Digitally signed by) Tj "
			  "0 -10 Td ",
		      box.w - 1, box.h - 1, box.h - 12);
	S_ascii_string(&t, o->signer->name);
	sg_buf_printf(&t, " Tj 0 -10 Td (Date: %04d-%02d-%02d) Tj ET\n", o->date.year,
		      o->date.month, o->date.day);
	S_obj_begin(b, u, ap);
	sg_buf_printf(b, "<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << "
			 "/Font << /Helv %zu 0 R >> >> /Length %zu >>\nstream\n",
		      box.w, box.h, font, t.len);
	sg_buf_put(b, t.data, t.len);
	sg_buf_puts(b, "\nendstream\nendobj\n");
	S_obj_begin(b, u, font);
	sg_buf_puts(b, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
		       "/WinAnsiEncoding >>\nendobj\n");
	rc = 0;
	goto done;
bad:
	*why = sg_xstrdup("cannot read the PDF's catalog or pages");
done:
	sg_buf_dispose(&cat);
	sg_buf_dispose(&pg);
	sg_buf_dispose(&t);
	return rc;
}

int sg_pdf_sign(sg_buf *pdf, const sg_pdf_sign_opts *o, char **why)
{
	*why = NULL;
	sg_pdf_reader r;
	size_t old = pdf->len;
	/* A second signature would need the first one's update read too. */
	if (sg_pdf_sign_find(pdf->data, pdf->data + pdf->len, "/ByteRange [")) {
		*why = sg_xstrdup("the PDF is signed already");
		return -1;
	}
	if (sg_pdf_reader_open(&r, pdf->data, pdf->len) != 0) {
		sg_pdf_reader_dispose(&r);
		*why = sg_xstrdup("not a PDF salesgen can sign (its cross-reference is unreadable)");
		return -1;
	}
	/* The update goes to its own buffer: r points into pdf. */
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_put(&b, pdf->data, pdf->len);
	if (b.data[b.len - 1] != '\n')
		sg_buf_putc(&b, '\n');
	S_update u = {0};
	size_t contents_at, range_at, range[4];
	sg_buf der;
	sg_buf_init(&der);
	int rc = -1;
	if (S_objects(&b, &r, o, &u, &contents_at, &range_at, why) != 0)
		goto done;
	S_xref(&b, &r, &u, r.size + 4 + (r.stream ? 1 : 0));
	if (sg_pdf_sig_range(b.len, contents_at, 2 * SG_PDF_SIG_DER_MAX, range) != 0 ||
	    sg_pdf_sig_range_put(b.data + range_at, range) != 0) {
		*why = sg_xstrdup("the PDF is too large to sign");
		goto done;
	}
	if (S_cms(o->signer, &o->date, b.data, range, &der, why) != 0)
		goto done;
	if (der.len > SG_PDF_SIG_DER_MAX) {
		*why = sg_xasprintf("the signature takes %zu bytes, more than the %d reserved",
				    der.len, SG_PDF_SIG_DER_MAX);
		goto done;
	}
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < der.len; i++) {
		unsigned char c = (unsigned char)der.data[i];
		b.data[contents_at + 1 + 2 * i] = hex[c >> 4];
		b.data[contents_at + 2 + 2 * i] = hex[c & 15];
	}
	rc = 0;
done:
	sg_pdf_reader_dispose(&r);
	if (rc == 0) {
		sg_buf_clear(pdf);
		sg_buf_put(pdf, b.data, b.len);
	} else {
		pdf->len = old;
	}
	sg_buf_dispose(&b);
	sg_buf_dispose(&der);
	return rc;
}

/* ---- checking ------------------------------------------------------------ */

static void S_broken(sg_pdf_sig_check *c, char *why)
{
	c->state = SG_PDF_SIG_BROKEN;
	c->why = why;
}

void sg_pdf_sig_verify(const void *data, size_t len, sg_pdf_sig_check *c)
{
	memset(c, 0, sizeof *c);
	const char *d = data, *end = d + len, *br = NULL;
	/* The last signature dictionary's /ByteRange. */
	for (const char *p = d; (p = sg_pdf_sign_find(p, end, "/ByteRange [")); p++)
		br = p;
	if (!br) {
		c->state = SG_PDF_SIG_NONE;
		return;
	}
	size_t range[4];
	const char *p = br + strlen("/ByteRange [");
	for (int i = 0; i < 4; i++) {
		if (sg_pdf_sign_key_num(p, end, "", &range[i]) != 0) {
			S_broken(c, sg_xstrdup("the signature's /ByteRange is unreadable"));
			return;
		}
		while (p < end && (*p == ' ' || *p == '\n'))
			p++;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	const char *why;
	if (sg_pdf_sig_range_check(len, range, &why) != 0) {
		S_broken(c, sg_xstrdup(why));
		return;
	}
	const char *m = sg_pdf_sign_find(br, end, "/M (D:");
	const char *me = m ? memchr(m, ')', (size_t)(end - m)) : NULL;
	if (me)
		c->when = sg_xstrndup(m + 4, (size_t)(me - m - 4));
	const char *hex = d + range[1];
	size_t hn = range[2] - range[1];
	if (hn < 2 || hex[0] != '<' || hex[hn - 1] != '>') {
		S_broken(c, sg_xstrdup("the signature's /ByteRange does not leave out exactly its "
				       "/Contents"));
		return;
	}
	unsigned char *der = sg_xmalloc(hn / 2 + 1);
	size_t dn = 0;
	for (size_t i = 1; i + 1 < hn - 1; i += 2) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char h = hex[i + k];
			int x = h >= '0' && h <= '9' ? h - '0' : h >= 'A' && h <= 'F' ? h - 'A' + 10
				: h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
			if (x < 0) {
				free(der);
				S_broken(c, sg_xstrdup("the signature's /Contents is not hex"));
				return;
			}
			v = v * 16 + x;
		}
		der[dn++] = (unsigned char)v;
	}
	const unsigned char *dp = der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &dp, (long)dn);
	free(der);
	if (!cms) {
		ERR_clear_error();
		S_broken(c, sg_xstrdup("the signature's /Contents is not a CMS signature"));
		return;
	}
	BIO *in = BIO_new(BIO_s_mem());
	BIO_write(in, d, (int)range[1]);
	BIO_write(in, d + range[2], (int)range[3]);
	X509_STORE *store = X509_STORE_new();
	int ok = CMS_verify(cms, NULL, store, in, NULL,
			    CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
	STACK_OF(X509) *signers = CMS_get0_signers(cms);
	if (signers && sk_X509_num(signers) > 0) {
		BIO *nb = BIO_new(BIO_s_mem());
		X509_NAME_print_ex(nb, X509_get_subject_name(sk_X509_value(signers, 0)), 0,
				   XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
		char *np;
		long nl = BIO_get_mem_data(nb, &np);
		c->subject = sg_xstrndup(np, (size_t)nl);
		BIO_free(nb);
	}
	sk_X509_free(signers);
	if (ok == 1)
		c->state = SG_PDF_SIG_INTACT;
	else
		S_broken(c, sg_xstrdup("the signed bytes have changed: the signature does not "
				       "match them"));
	ERR_clear_error();
	X509_STORE_free(store);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
}

void sg_pdf_sig_check_dispose(sg_pdf_sig_check *c)
{
	free(c->why);
	free(c->subject);
	free(c->when);
}
