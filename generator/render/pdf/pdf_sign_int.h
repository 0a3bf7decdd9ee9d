/*
 * pdf_sign_int.h - inside the signer: a reader of the PDFs salesgen's own
 * writer makes (pdf_sign_read.c), for pdf_sign.c.
 */
#ifndef SG_RENDER_PDF_PDF_SIGN_INT_H
#define SG_RENDER_PDF_PDF_SIGN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"

/* A file's last cross-reference section and its trailer. */
typedef struct sg_pdf_reader {
	const char *data;
	size_t len;
	size_t xref;       /* where the section starts (startxref) */
	bool stream;       /* an /XRef stream, not a table */
	const char *trailer, *trailer_end; /* the trailer's (or stream's) dictionary */
	size_t root, size;
	size_t count;      /* rows */
	unsigned char *type; /* per object: 0 free, 1 at offset f2, 2 in stream f2 at f3 */
	size_t *f2, *f3;
} sg_pdf_reader;

/* Reads the cross-reference section of data. Returns 0, or -1 when the file
 * is not one the writer made (dispose r either way). */
int sg_pdf_reader_open(sg_pdf_reader *r, const char *data, size_t len);
void sg_pdf_reader_dispose(sg_pdf_reader *r);

/* The text of object num (its dictionary, without "N 0 obj" and "endobj")
 * into out. Returns 0 or -1. */
int sg_pdf_reader_object(const sg_pdf_reader *r, size_t num, sg_buf *out);

/* The first needle in [from, to), or NULL. */
const char *sg_pdf_sign_find(const char *from, const char *to, const char *needle);
/* The whole number after the first key in [from, to) (spaces skipped). */
int sg_pdf_sign_key_num(const char *from, const char *to, const char *key, size_t *out);

#endif
