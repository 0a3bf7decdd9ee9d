/*
 * pdf_image.c - an image file as a PDF image: a PNG decoded here and given
 * to libharu as pixels, a JPEG checked here and embedded as it is.
 *
 * libharu's own PNG loader aborts the process on a damaged file (see
 * layout/image.h), so it is never used. For an 8-bit gray or RGB PNG, with
 * or without an alpha channel, the objects made here are the ones it made,
 * key for key, so that documents it set well come out byte for byte the
 * same (a sent proposal must): the image, its colour compressed, then its
 * soft mask, not compressed. Other PNGs differ from what libharu made:
 * palettes and 1, 2 and 4-bit gray are expanded to 8 bits, and a
 * transparent colour becomes a soft mask (libharu dropped it).
 */
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "layout/image.h"
#include "render/pdf/pdf_int.h"

/* The alpha channel as an image of its own, made the way libharu made a
 * PNG's (its keys in that order, its stream not compressed), and set as the
 * soft mask of image. */
static int S_smask(HPDF_Doc doc, HPDF_Image image, const sg_image_pixels *px)
{
	HPDF_Dict m = HPDF_DictStream_New(doc->mmgr, doc->xref);
	if (!m)
		return -1;
	m->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	HPDF_STATUS rc = HPDF_Dict_AddName(m, "Type", "XObject");
	rc += HPDF_Dict_AddName(m, "Subtype", "Image");
	rc += HPDF_Dict_AddNumber(m, "Width", (HPDF_UINT)px->width);
	rc += HPDF_Dict_AddNumber(m, "Height", (HPDF_UINT)px->height);
	rc += HPDF_Dict_AddName(m, "ColorSpace", "DeviceGray");
	rc += HPDF_Dict_AddNumber(m, "BitsPerComponent", 8);
	if (rc != HPDF_OK)
		return -1;
	if (HPDF_Stream_Write(m->stream, px->alpha, (HPDF_UINT)px->width * (HPDF_UINT)px->height) !=
	    HPDF_OK)
		return -1;
	return HPDF_Image_AddSMask(image, m) == HPDF_OK ? 0 : -1;
}

static HPDF_Image S_png(HPDF_Doc doc, const sg_limage *file, char *why, size_t whylen)
{
	sg_image_pixels px;
	if (sg_image_png_decode(&px, (const unsigned char *)file->data, file->len, why, whylen) < 0)
		return NULL;
	HPDF_Image image = HPDF_LoadRawImageFromMem(
		doc, px.data, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
		px.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	if (image && px.alpha && S_smask(doc, image, &px) < 0)
		image = NULL;
	if (!image)
		snprintf(why, whylen, "the PDF library cannot take its pixels (error %04X)",
			 (unsigned)HPDF_GetError(doc));
	sg_image_pixels_dispose(&px);
	return image;
}

static HPDF_Image S_jpeg(HPDF_Doc doc, const sg_limage *file, char *why, size_t whylen)
{
	int w, h, comps;
	if (sg_image_jpeg_check((const unsigned char *)file->data, file->len, &w, &h, &comps, why,
				whylen) < 0)
		return NULL;
	/* libharu reads the size from the markers itself, more simply than
	 * libjpeg (no fill bytes): what it finds must be what was checked. */
	HPDF_Image image = HPDF_LoadJpegImageFromMem(doc, (const HPDF_BYTE *)file->data,
						     (HPDF_UINT)file->len);
	if (!image) {
		snprintf(why, whylen, "the PDF library cannot read this JPEG (error %04X)",
			 (unsigned)HPDF_GetError(doc));
		return NULL;
	}
	if (HPDF_Image_GetWidth(image) != (HPDF_UINT)w ||
	    HPDF_Image_GetHeight(image) != (HPDF_UINT)h) {
		snprintf(why, whylen,
			 "the PDF library reads this JPEG's size wrongly: save it again with "
			 "another program");
		return NULL;
	}
	return image;
}

HPDF_Image sg_pdf_image_load(HPDF_Doc doc, const sg_limage *im, sg_diags *d)
{
	char why[512] = "";
	HPDF_Image image = NULL;
	/* From the bytes the layout read (and checked to lie inside the
	 * content folder), never from the file again. */
	if (im->type == SG_IMAGE_PNG)
		image = S_png(doc, im, why, sizeof why);
	else
		image = S_jpeg(doc, im, why, sizeof why);
	if (!image) {
		HPDF_ResetError(doc);
		if (im->name)
			sg_error(d, im->pos, "image '%s': %s", im->name, why);
		else
			sg_error(d, im->pos, "%s", why);
	}
	return image;
}
