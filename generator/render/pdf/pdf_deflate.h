/*
 * pdf_deflate.h - the zlib level of the PDF streams (see pdf_deflate.c).
 */
#ifndef SG_RENDER_PDF_PDF_DEFLATE_H
#define SG_RENDER_PDF_PDF_DEFLATE_H

/* zlib's fastest level: a few percent larger files, three times less time. */
#define SG_PDF_DEFLATE_LEVEL 1

/* The level in force. */
int sg_pdf_deflate_level(void);

#endif
