/*
 * pdf_image.c - an image file of a layout as an image XObject: a PNG
 * decoded here (layout/image.h, libpng's errors caught) and written as its
 * pixels, a JPEG checked here and written as it is (pdf_ximage.h).
 *
 * Always from the bytes the layout read (and confined to the content
 * folder), never from the file again. 8-bit gray and RGB PNGs go in as
 * they are, palettes and 1, 2 and 4-bit gray expanded to 8 bits; an alpha
 * channel, or a transparent colour, becomes a soft mask.
 */
#include <stdio.h>

#include "layout/image.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_ximage.h"

static int S_png(sg_pdf_file *f, const sg_limage *file, uint32_t *obj, char *why, size_t whylen)
{
	sg_image_pixels px;
	if (sg_image_png_decode(&px, file->data, file->len, why, whylen) < 0)
		return -1;
	int rc = sg_pdf_ximage_pixels(f, &px, obj);
	if (rc < 0)
		snprintf(why, whylen, "zlib cannot compress its pixels");
	sg_image_pixels_dispose(&px);
	return rc;
}

static int S_jpeg(sg_pdf_file *f, const sg_limage *file, uint32_t *obj, char *why,
		  size_t whylen)
{
	int w, h, comps;
	if (sg_image_jpeg_check(file->data, file->len, &w, &h, &comps, why, whylen) < 0)
		return -1;
	if (sg_pdf_ximage_jpeg(f, file->data, file->len, w, h, comps, obj) < 0) {
		snprintf(why, whylen, "a JPEG of %d colour components, which a PDF cannot show",
			 comps);
		return -1;
	}
	return 0;
}

int sg_pdf_image_load(sg_pdf_file *f, const sg_limage *im, sg_diags *d, uint32_t *obj)
{
	char why[512] = "";
	*obj = 0;
	int rc = im->type == SG_IMAGE_PNG ? S_png(f, im, obj, why, sizeof why)
					  : S_jpeg(f, im, obj, why, sizeof why);
	if (rc < 0) {
		if (im->name)
			sg_error(d, im->pos, "image '%s': %s", im->name, why);
		else
			sg_error(d, im->pos, "%s", why);
	}
	return rc;
}
