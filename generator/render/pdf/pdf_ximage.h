/*
 * pdf_ximage.h - image XObjects of a PDF file from what the layout's image
 * code gives (layout/image.h): decoded samples, or a checked JPEG.
 *
 * A PNG arrives two ways. A gray, RGB or palette PNG of up to 8 bits a
 * sample without transparency keeps its own compressed image data
 * (pdf_png.h): PDF's FlateDecode with PNG predictors reads it as it is.
 * Any other arrives decoded (8-bit gray or RGB, rows top to bottom) and
 * goes in compressed the way a PNG encoder does it, rows predicted; its
 * alpha channel, if any, becomes a soft mask (/SMask), a gray image of its
 * own, compressed the same way. A JPEG goes in as it is, with DCTDecode:
 * readers decode it. A four-component JPEG is CMYK as Adobe's programs
 * write it, inverted, so its /Decode array turns the components back (what
 * libharu did).
 */
#ifndef SG_RENDER_PDF_PDF_XIMAGE_H
#define SG_RENDER_PDF_PDF_XIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "layout/image.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_png.h"

/* Writes px as an image XObject into f and its object number into *obj.
 * Row y of the colour and of the alpha is predicted with PNG filter
 * filters[y] (0 to 4: a PNG's own choice for its rows, read by
 * sg_pdf_png_read) when filters is given, otherwise with the filter that
 * predicts it best. Returns 0, or -1 when px is not 1 or 3 channels of a
 * positive size or zlib fails. */
int sg_pdf_ximage_pixels(sg_pdf_file *f, const sg_image_pixels *px, const unsigned char *filters,
			 uint32_t *obj);

/* An image's samples compressed as sg_pdf_ximage_pixels does it, to be
 * written into any number of files (a logo into every proposal). */
typedef struct sg_pdf_ximage_enc {
	int width, height;
	int channels;   /* colour: 1 gray, 3 RGB */
	bool has_alpha; /* a soft mask */
	sg_buf colour;  /* the rows, predicted and deflated */
	sg_buf alpha;   /* the same of the alpha */
} sg_pdf_ximage_enc;

/* Compresses px into e (free with sg_pdf_ximage_enc_dispose), rows
 * predicted as sg_pdf_ximage_pixels says. Returns 0, or -1 (e empty) for
 * the pixels sg_pdf_ximage_pixels refuses or when zlib fails. */
int sg_pdf_ximage_encode(sg_pdf_ximage_enc *e, const sg_image_pixels *px,
			 const unsigned char *filters);
void sg_pdf_ximage_enc_dispose(sg_pdf_ximage_enc *e);

/* Writes e as an image XObject (and its soft mask) into f, compressed
 * whatever f's options. Returns 0 with its object number in *obj. */
int sg_pdf_ximage_write(sg_pdf_file *f, const sg_pdf_ximage_enc *e, uint32_t *obj);

/* Writes the PNG png, as sg_pdf_png_read read it, with its own image data
 * as an image XObject: for gray, RGB and palette PNGs of 8 bits a sample or
 * fewer and no transparency. Returns 0, or -1 for other PNGs (nothing is
 * written then) or when zlib fails. */
int sg_pdf_ximage_png(sg_pdf_file *f, const sg_pdf_png *png, uint32_t *obj);

/* Writes the JPEG data[0..len) of width x height pixels and components (1,
 * 3 or 4, as sg_image_jpeg_check found them) as an image XObject. Returns
 * 0, or -1 for another number of components. */
int sg_pdf_ximage_jpeg(sg_pdf_file *f, const void *data, size_t len, int width, int height,
		       int components, uint32_t *obj);

#endif
