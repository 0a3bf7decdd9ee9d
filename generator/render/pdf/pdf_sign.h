/*
 * pdf_sign.h - PAdES baseline (B-B) signatures of finished PDFs, and their
 * check.
 *
 * Design note. A PDF is signed after it is written, by an incremental
 * update appended to its bytes: the catalog again with an /AcroForm, the
 * last page again with a signature widget in its /Annots, the widget's
 * appearance (a small box with the signer's name and the date: the form
 * the document's writer drew, sg_pdf_sign_look, else one of its own), the
 * signature dictionary (/Type /Sig /SubFilter /ETSI.CAdES.detached) and a
 * new cross-reference section of the file's own kind (table or stream)
 * whose trailer points back at the old one with /Prev. The dictionary's
 * /Contents is a hex string of fixed size, zero padded, written before the
 * signature is known; /ByteRange then names every byte of the file but
 * that string, and the CMS detached signature (OpenSSL libcrypto) over those
 * bytes is written into it. Nothing follows it but the end of the file.
 *
 * Reproducible bytes: the signing time is the date given (the build date),
 * written as /M only (PAdES: the CMS has no signingTime attribute; its signed
 * attributes are contentType, messageDigest and the ESS
 * signingCertificateV2), and an RSA key signs with PKCS#1 v1.5, which has no
 * randomness: the same file, key and date give the same signed bytes. An
 * ECDSA signature differs every time (OpenSSL 3.0 has no deterministic
 * ECDSA).
 *
 * The file is read by a small reader of what salesgen's own writer makes
 * (render/pdf/pdf_file.c): one cross-reference section, plain objects or
 * objects in /ObjStm streams. Another producer's PDF may be refused.
 */
#ifndef SG_RENDER_PDF_PDF_SIGN_H
#define SG_RENDER_PDF_PDF_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/date.h"

/* The bytes of DER the signature may take; /Contents holds twice as many
 * hex digits. */
#define SG_PDF_SIG_DER_MAX 8192
/* Width of each number of the /ByteRange placeholder. */
#define SG_PDF_SIG_RANGE_DIGITS 10

/* A private key and its certificate (and a PKCS#12's chain), read once. */
typedef struct sg_pdf_signer sg_pdf_signer;

/* Reads the signer from key and cert (PEM files; the key may be encrypted
 * with password), or from key alone when cert is NULL: a PKCS#12 bundle
 * opened with password (NULL: none). Returns the signer, or NULL with a
 * one-line reason in *why (heap, the caller frees it; it never holds key
 * material or the password). */
sg_pdf_signer *sg_pdf_signer_load(const char *key, const char *cert, const char *password,
				  char **why);
void sg_pdf_signer_free(sg_pdf_signer *s);

/* The signer's certificate subject, one line ("CN=...,O=..."). */
const char *sg_pdf_signer_subject(const sg_pdf_signer *s);
/* The signer's certificate's common name as UTF-8 ("张伟"), else its
 * subject. */
const char *sg_pdf_signer_name(const sg_pdf_signer *s);
/* The SHA-256 of the signer's certificate (DER), 64 hex digits: what a
 * build records so that another certificate rebuilds the signed PDFs. */
const char *sg_pdf_signer_fingerprint(const sg_pdf_signer *s);

/* Where the visible signature goes, in points from the page's lower left
 * corner. The default (w == 0): 60 mm by 14 mm at the right margin, its
 * foot 20 mm above the page's foot (clear of the running footer). */
typedef struct sg_pdf_sign_box {
	double x, y, w, h;
} sg_pdf_sign_box;

/* The visible signature as the document's writer draws it (pdf_doc.h's
 * job.sign): the signer's name is known before the PDF is written, so its
 * appearance is set there, in the document's language and its own fonts
 * (the glyphs' outlines, so that any name shows), as a form XObject the
 * file holds unused until the signature's widget names it. */
typedef struct sg_pdf_sign_look {
	const char *name;    /* in: the signer's name, UTF-8 (sg_pdf_signer_name) */
	sg_date date;        /* in: the date it shows, the signing date */
	sg_pdf_sign_box box; /* in: where it goes (w 0: the writer's choice); out: where */
	uint32_t form;       /* out: the form's object number; 0: none was made */
} sg_pdf_sign_look;

typedef struct sg_pdf_sign_opts {
	const sg_pdf_signer *signer;
	sg_date date;        /* the signing time: the build date, at 00:00 UTC */
	sg_pdf_sign_box box; /* on the last page */
	/* The appearance already in the file, box.w by box.h (sg_pdf_sign_look);
	 * 0: the signer draws its own, in Helvetica (non-ASCII shows as '?'). */
	uint32_t form;
} sg_pdf_sign_opts;

/* Signs the finished PDF in pdf by appending an incremental update.
 * Returns 0, or -1 with *why set (heap) and pdf as it was. */
int sg_pdf_sign(sg_buf *pdf, const sg_pdf_sign_opts *o, char **why);

/* ---- the byte range ------------------------------------------------------ */

/* The /ByteRange of a file of file_len bytes whose /Contents string, '<'
 * and '>' included, starts at contents_at and is hex_len + 2 bytes long.
 * Returns 0, or -1 when the string does not fit in the file. */
int sg_pdf_sig_range(size_t file_len, size_t contents_at, size_t hex_len, size_t range[4]);

/* Writes range as the placeholder's text, "[0 0000001234 ...]", exactly
 * sg_pdf_sig_range_width() bytes, into out (no NUL). Returns 0, or -1 when a
 * number has more than SG_PDF_SIG_RANGE_DIGITS digits. */
int sg_pdf_sig_range_put(char *out, const size_t range[4]);
size_t sg_pdf_sig_range_width(void);

/* Whether range covers a file of file_len bytes whole but one hole that
 * starts after the first range and ends where the second starts: 0, or -1
 * with *why ("the signature covers only part of the file", ...). */
int sg_pdf_sig_range_check(size_t file_len, const size_t range[4], const char **why);

/* ---- checking ------------------------------------------------------------ */

typedef enum sg_pdf_sig_state {
	SG_PDF_SIG_NONE,   /* the file holds no signature */
	SG_PDF_SIG_INTACT, /* covers the whole file, and the CMS verifies */
	SG_PDF_SIG_BROKEN, /* why says what fails */
} sg_pdf_sig_state;

typedef struct sg_pdf_sig_check {
	sg_pdf_sig_state state;
	char *why;     /* BROKEN: a one-line reason (heap) */
	char *subject; /* the signer's certificate subject, when it could be read (heap) */
	char *when;    /* the /M date as written, "D:20260301000000Z" (heap), or NULL */
} sg_pdf_sig_check;

/* Checks the last signature of the file data: that its /ByteRange covers
 * the whole file but its /Contents, and that the CMS signature in it
 * verifies over those bytes with the certificate it carries (the
 * certificate itself is not checked against any trust store). */
void sg_pdf_sig_verify(const void *data, size_t len, sg_pdf_sig_check *out);
void sg_pdf_sig_check_dispose(sg_pdf_sig_check *c);

#endif
