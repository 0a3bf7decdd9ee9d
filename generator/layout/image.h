/*
 * image.h - what an image file is, read from its header alone.
 *
 * libharu trusts what it is given: a file that is not a PNG crashes or
 * fails deep inside it, and a 20000 x 20000 PNG is decoded into 1.6 GB of
 * memory. So the layout engine reads the header first, refuses what is not
 * a PNG or a baseline/progressive JPEG and what is larger than
 * SG_IMAGE_MAX_PIXELS, and only then hands the file to libharu.
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

#endif
