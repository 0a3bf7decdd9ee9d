/*
 * pdf_ximage.c - image XObjects (see pdf_ximage.h).
 */
#include "render/pdf/pdf_ximage.h"

#include "base/buf.h"

int sg_pdf_ximage_pixels(sg_pdf_file *f, const sg_image_pixels *px, uint32_t *obj)
{
	*obj = 0;
	if (px->width <= 0 || px->height <= 0 || (px->channels != 1 && px->channels != 3) ||
	    !px->data)
		return -1;
	size_t n = (size_t)px->width * (size_t)px->height;
	uint32_t mask = 0;
	sg_buf dict;
	sg_buf_init(&dict);
	int rc = -1;
	if (px->alpha) {
		mask = sg_pdf_file_reserve(f);
		sg_buf_printf(&dict,
			      "/Type /XObject /Subtype /Image /Width %d /Height %d"
			      " /ColorSpace /DeviceGray /BitsPerComponent 8",
			      px->width, px->height);
		if (sg_pdf_file_stream(f, mask, dict.data, px->alpha, n, SG_PDF_STREAM_FLATE) < 0)
			goto cleanup;
		sg_buf_clear(&dict);
	}
	uint32_t num = sg_pdf_file_reserve(f);
	sg_buf_printf(&dict,
		      "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s"
		      " /BitsPerComponent 8",
		      px->width, px->height, px->channels == 1 ? "DeviceGray" : "DeviceRGB");
	if (mask)
		sg_buf_printf(&dict, " /SMask %u 0 R", mask);
	if (sg_pdf_file_stream(f, num, dict.data, px->data, n * (size_t)px->channels,
			       SG_PDF_STREAM_FLATE) < 0)
		goto cleanup;
	*obj = num;
	rc = 0;
cleanup:
	sg_buf_dispose(&dict);
	return rc;
}

int sg_pdf_ximage_jpeg(sg_pdf_file *f, const void *data, size_t len, int width, int height,
		       int components, uint32_t *obj)
{
	static const char *const spaces[] = {NULL, "DeviceGray", NULL, "DeviceRGB", "DeviceCMYK"};
	*obj = 0;
	if (components < 1 || components > 4 || !spaces[components] || width <= 0 || height <= 0)
		return -1;
	sg_buf dict;
	sg_buf_init(&dict);
	sg_buf_printf(&dict,
		      "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s"
		      " /BitsPerComponent 8 /Filter /DCTDecode",
		      width, height, spaces[components]);
	if (components == 4)
		sg_buf_puts(&dict, " /Decode [1 0 1 0 1 0 1 0]");
	uint32_t num = sg_pdf_file_reserve(f);
	int rc = sg_pdf_file_stream(f, num, dict.data, data, len, 0);
	sg_buf_dispose(&dict);
	if (rc == 0)
		*obj = num;
	return rc;
}
