/*
 * image.h - what an image file is, read from its header alone; and its
 * pixels, decoded with the errors of damaged files caught.
 *
 * The PDF writer (render/pdf/pdf_ximage.h) embeds what it is given, and a
 * 20000 x 20000 PNG would be decoded into 1.6 GB of memory. So the layout
 * engine reads the header first and refuses what is not a PNG or a
 * baseline/progressive JPEG and what is larger than SG_IMAGE_MAX_PIXELS.
 *
 * A damaged PNG must fail its document, never the build: libpng reports an
 * error by jumping out of the decoder, and a decoder that does not catch the
 * jump lets libpng call abort(), which takes the whole build with it in
 * --workers threads (libharu, the PDF library salesgen used before its own
 * writer, did). So sg_image_png_decode() decodes a PNG here, with libpng's
 * errors caught, and the PDF writer is given the pixels. A JPEG goes into
 * the PDF as it is (PDF viewers decode it), after sg_image_jpeg_check() has
 * decoded it once with libjpeg, so that a damaged one is refused rather
 * than embedded.
 */
#ifndef SG_LAYOUT_IMAGE_H
#define SG_LAYOUT_IMAGE_H

#include <stddef.h>

enum { SG_IMAGE_NONE = 0, SG_IMAGE_PNG = 1, SG_IMAGE_JPEG = 2 };

/* Images with more pixels than this are refused (about 25 megapixels: a
 * 5000 x 5000 photograph; a 20000 x 20000 one is not). */
#define SG_IMAGE_MAX_PIXELS (25u * 1000 * 1000)

/* Image files larger than this are refused without being read: a document's
 * picture or a logo is far smaller, and each is held in memory while its PDF
 * is made. */
#define SG_IMAGE_FILE_CAP ((size_t)32 * 1024 * 1024)

/* Reads the type and pixel size of the image in data[0..len) (the start of
 * the file is enough: 64 KB covers any JPEG header in practice). Returns 0,
 * or -1 with a reason in *why (static text). */
int sg_image_probe(const unsigned char *data, size_t len, int *type, int *width, int *height,
		   const char **why);

/* An image's pixels: 8 bits a sample, rows top to bottom, no padding. */
typedef struct sg_image_pixels {
	int width, height;
	int channels;         /* 1: gray, 3: RGB */
	unsigned char *data;  /* width * height * channels bytes, heap */
	unsigned char *alpha; /* width * height bytes, heap; NULL: opaque */
} sg_image_pixels;

/* Decodes the PNG in data[0..len): every colour type, bit depth and
 * interlacing becomes 8-bit gray or RGB, and an alpha channel, a palette's
 * transparent entries or a transparent colour become alpha. Returns 0 with
 * out filled (free it with sg_image_pixels_dispose), or -1 with out empty
 * and the reason in why[0..whylen): "corrupt PNG (libpng's words)", or the
 * probe's reasons. It never aborts and prints nothing. */
int sg_image_png_decode(sg_image_pixels *out, const unsigned char *data, size_t len, char *why,
			size_t whylen);

void sg_image_pixels_dispose(sg_image_pixels *px);

/* Decodes the JPEG in data[0..len) once, to know that all of it can be: a
 * file cut short, damaged entropy-coded data or markers, and what libjpeg
 * only warns about (premature end, bad Huffman codes, extraneous bytes) are
 * refused. Returns 0 with its size and number of components (1, 3 or 4), or
 * -1 with "corrupt JPEG (libjpeg's words)" or the probe's reasons in why. */
int sg_image_jpeg_check(const unsigned char *data, size_t len, int *width, int *height,
			int *components, char *why, size_t whylen);

#endif
