/*
 * pdf_ximage.h - image XObjects of a PDF file from what the layout's image
 * code gives (layout/image.h): decoded samples, or a checked JPEG.
 *
 * A PNG arrives decoded (8-bit gray or RGB, rows top to bottom) and goes in
 * compressed with FlateDecode; its alpha channel, if any, becomes a soft
 * mask (/SMask), a gray image of its own, compressed too. A JPEG goes in as
 * it is, with DCTDecode: readers decode it. A four-component JPEG is CMYK as
 * Adobe's programs write it, inverted, so its /Decode array turns the
 * components back (what libharu did).
 */
#ifndef SG_RENDER_PDF_PDF_XIMAGE_H
#define SG_RENDER_PDF_PDF_XIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "layout/image.h"
#include "render/pdf/pdf_file.h"

/* Writes px as an image XObject into f and its object number into *obj.
 * Returns 0, or -1 when px is not 1 or 3 channels of a positive size or
 * zlib fails. */
int sg_pdf_ximage_pixels(sg_pdf_file *f, const sg_image_pixels *px, uint32_t *obj);

/* Writes the JPEG data[0..len) of width x height pixels and components (1,
 * 3 or 4, as sg_image_jpeg_check found them) as an image XObject. Returns
 * 0, or -1 for another number of components. */
int sg_pdf_ximage_jpeg(sg_pdf_file *f, const void *data, size_t len, int width, int height,
		       int components, uint32_t *obj);

#endif
