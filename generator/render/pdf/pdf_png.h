/*
 * pdf_png.h - a PNG's image data as the file holds it, for image XObjects
 * that keep the PNG's own compression (pdf_ximage.h).
 *
 * A PNG's pixels are a zlib stream of rows, each row led by a byte naming
 * its filter (a prediction from the pixels left of it and above it). PDF's
 * FlateDecode with /Predictor 15 reads exactly that, so a non-interlaced
 * PNG whose samples a PDF image can hold as they are (gray, RGB, a palette;
 * no transparency) goes into the PDF with its IDAT data unchanged: no
 * compression work, and no larger than the PNG. sg_pdf_png_read() walks
 * the chunks and inflates the stream once, to know that it is whole: the
 * number of rows, their filter bytes and the stream's end. The PNG has
 * been decoded with libpng before (layout/image.h), which gives the error
 * of a damaged file; this is the second check of what is copied.
 */
#ifndef SG_RENDER_PDF_PDF_PNG_H
#define SG_RENDER_PDF_PDF_PNG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sg_pdf_png {
	int width, height;
	int depth;         /* bits a sample: 1, 2, 4, 8 or 16 */
	int color;         /* PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA */
	int channels;      /* samples a pixel: 1, 3, 1, 2, 4 for the types above */
	bool transparent;  /* a tRNS chunk */
	const unsigned char *palette; /* PLTE's data in the file; NULL: none */
	size_t palette_len;           /* bytes: 3 a colour */
	unsigned char *zdata;         /* the IDAT chunks' data joined, up to the end of the
				       * zlib stream; heap */
	size_t zlen;
	unsigned char *filters; /* height bytes: each row's filter type (0 to 4); heap */
} sg_pdf_png;

/* Reads the non-interlaced PNG data[0..len). Returns 0 with png filled
 * (free with sg_pdf_png_dispose), or -1 with png empty for an interlaced
 * PNG and for anything unexpected (a damaged or cut stream, a row filter
 * above 4, a missing palette). */
int sg_pdf_png_read(sg_pdf_png *png, const unsigned char *data, size_t len);

void sg_pdf_png_dispose(sg_pdf_png *png);

#endif
