/*
 * pdf_deflate.h - the zlib levels of the PDF streams (see pdf_deflate.c).
 */
#ifndef SG_RENDER_PDF_PDF_DEFLATE_H
#define SG_RENDER_PDF_PDF_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* zlib's fastest level, for binary data (CIDToGIDMaps; font programs have
 * their own coder, sg_pdf_deflate_literals): a few percent larger, three
 * times less time. */
#define SG_PDF_DEFLATE_LEVEL 1

/* PDF text: page content, object streams, ToUnicode maps (see
 * pdf_deflate.c). */
#define SG_PDF_DEFLATE_TEXT_LEVEL 3

/* Images salesgen compresses itself (a PNG with transparency, split into
 * colour and mask): see pdf_deflate.c. */
#define SG_PDF_DEFLATE_IMAGE_LEVEL 9
/* ... up to this many bytes of samples (a logo); beyond, the level of
 * binary data. */
#define SG_PDF_DEFLATE_IMAGE_BYTES ((size_t)1 << 20)

/* The level in force. */
int sg_pdf_deflate_level(void);

/* Appends data[0..len) compressed at level (0 to 9, zlib format) to out.
 * Returns 0, or -1 when zlib fails (out is then as it was). */
int sg_pdf_deflate(sg_buf *out, const void *data, size_t len, int level);

/* Appends data[0..len) as a zlib stream whose one block codes each byte
 * with a Huffman code made for the data, without looking for repeats: for
 * font programs (see pdf_deflate.c). Returns 0. */
int sg_pdf_deflate_literals(sg_buf *out, const void *data, size_t len);

/* The Adler-32 of data[0..len) continued from adler (1 to start): what
 * zlib's adler32_z gives, sooner. */
uint32_t sg_pdf_adler32(uint32_t adler, const void *data, size_t len);

#endif
