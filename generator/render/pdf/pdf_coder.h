/*
 * pdf_coder.h - a stream's bytes coded for the file: at the zlib level the
 * writer chose, or with the literal coder of font programs, through the
 * memo of streams coded before (pdf_memo.h); here, or in a thread of the
 * file's own while the caller draws the next page (pdf_objects.c).
 *
 * A long document (the pipeline report: 730 pages at 10,000 customers)
 * spends a quarter of its time in zlib, on its page content and its object
 * streams, while the build that waits for it has a processor idle. The
 * coder's thread codes the streams in the order they come, a few at most
 * waiting, and the file's bytes are the same as when each stream is coded
 * in its turn (pdf_objects.c puts the objects written meanwhile after
 * it).
 */
#ifndef SG_RENDER_PDF_PDF_CODER_H
#define SG_RENDER_PDF_PDF_CODER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* How a stream is coded: a zlib level (0 to 9), or this for the literal
 * coder (sg_pdf_deflate_literals). */
#define SG_PDF_CODE_LITERALS 100

/* Codes data[0..len) as how says into out (cleared first), or copies the
 * bytes the memo kept from coding the same data the same way. Returns 0, or
 * -1 when zlib fails. */
int sg_pdf_code(sg_buf *out, unsigned how, const void *data, size_t len);

typedef struct sg_pdf_coder sg_pdf_coder;

/* Streams a coder holds at most, started and not yet taken: a page's
 * content and the object streams its structure fills are handed over one
 * after the other, and the caller goes on drawing while they are coded. */
#define SG_PDF_CODER_DEPTH 4

/* A coder with a thread of its own; NULL when the thread cannot start
 * (the caller then codes each stream itself). */
sg_pdf_coder *sg_pdf_coder_new(void);
/* Waits for the streams being coded, ends the thread, frees c (NULL:
 * nothing). */
void sg_pdf_coder_free(sg_pdf_coder *c);

/* Starts coding a copy of data[0..len) in c's thread, after the streams
 * started before it; fewer than SG_PDF_CODER_DEPTH may be waiting to be
 * taken. */
void sg_pdf_coder_start(sg_pdf_coder *c, unsigned how, const void *data, size_t len);
/* Whether the oldest stream not yet taken is coded (false: none, or not
 * yet). Does not wait. */
bool sg_pdf_coder_ready(sg_pdf_coder *c);
/* Waits until the oldest stream not yet taken is coded and takes it: its
 * bytes in *out (c's, until the next start or take), and sg_pdf_code()'s
 * result. One must be waiting. */
int sg_pdf_coder_take(sg_pdf_coder *c, const sg_buf **out);

#endif
