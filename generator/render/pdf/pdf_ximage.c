/*
 * pdf_ximage.c - image XObjects (see pdf_ximage.h).
 *
 * Samples salesgen compresses itself go in as a PNG encoder writes them:
 * each row led by a filter byte and predicted from its neighbours
 * (/Predictor 15), then deflated at SG_PDF_DEFLATE_IMAGE_LEVEL. A logo
 * with an alpha channel (content/images/logo.png, 960 x 256) took 16.9 KB
 * as raw samples at level 1, and takes 7.2 KB so, for a 6.9 KB PNG. Past
 * SG_PDF_DEFLATE_IMAGE_BYTES (a photograph) the level is the fast one of
 * the other binary streams: level 9 took 17 ms for the sample logo's
 * megabyte of samples, and on a photograph the row filters do most of the
 * work.
 */
#include "render/pdf/pdf_ximage.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "render/pdf/pdf_deflate.h"

static int S_paeth(int a, int b, int c)
{
	int p = a + b - c;
	int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

/* PNG filter t's prediction of a byte from the one left of it (a), above
 * it (b) and above that left (c). */
static int S_guess(int t, int a, int b, int c)
{
	switch (t) {
	case 1:
		return a;
	case 2:
		return b;
	case 3:
		return (a + b) / 2;
	case 4:
		return S_paeth(a, b, c);
	default:
		return 0;
	}
}

/* Writes row[0..n) under PNG filter t (0 to 4) into out[0..n): each byte
 * less its prediction from the byte bpp to its left (a), the one above
 * (b, from up; NULL: the first row) and the one above that left (c). */
static void S_filter_row(unsigned char *out, const unsigned char *row, const unsigned char *up,
			 size_t n, size_t bpp, int t)
{
	for (size_t i = 0; i < n; i++) {
		int a = i >= bpp ? row[i - bpp] : 0;
		int b = up ? up[i] : 0;
		int c = up && i >= bpp ? up[i - bpp] : 0;
		out[i] = (unsigned char)(row[i] - S_guess(t, a, b, c));
	}
}

/* The sum of the bytes of row[0..n) taken as signed: the smaller, the
 * better the prediction (the heuristic of libpng and most encoders). */
static unsigned long S_cost(const unsigned char *row, size_t n)
{
	unsigned long sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += row[i] < 128 ? row[i] : 256u - row[i];
	return sum;
}

/* Appends the h rows of n bytes at data (bpp bytes a pixel) to out, each
 * led by its filter byte: filters[y] when filters is given, else the
 * filter of the lowest cost. */
static void S_predict(sg_buf *out, const unsigned char *data, size_t n, int h, size_t bpp,
		      const unsigned char *filters)
{
	unsigned char *try = filters ? NULL : sg_xmalloc(5 * n);
	sg_buf_grow(out, (size_t)h * (n + 1));
	for (int y = 0; y < h; y++) {
		const unsigned char *row = data + (size_t)y * n, *up = y ? row - n : NULL;
		int t = filters ? filters[y] : 0;
		if (!filters) {
			unsigned long best = 0;
			for (int k = 0; k < 5; k++) {
				S_filter_row(try + k * n, row, up, n, bpp, k);
				unsigned long cost = S_cost(try + k * n, n);
				if (k == 0 || cost < best) {
					best = cost;
					t = k;
				}
			}
		}
		unsigned char *o = (unsigned char *)out->data + out->len;
		o[0] = (unsigned char)t;
		if (filters)
			S_filter_row(o + 1, row, up, n, bpp, t);
		else
			memcpy(o + 1, try + t * n, n);
		out->len += n + 1;
	}
	out->data[out->len] = '\0';
	free(try);
}

/* Appends the w x h samples at data, colours a pixel, to z: rows
 * predicted, then deflated. */
static int S_encode(sg_buf *z, const unsigned char *data, int w, int h, int colours,
		    const unsigned char *filters)
{
	sg_buf rows;
	sg_buf_init(&rows);
	S_predict(&rows, data, (size_t)w * (size_t)colours, h, (size_t)colours, filters);
	int level = rows.len <= SG_PDF_DEFLATE_IMAGE_BYTES ? SG_PDF_DEFLATE_IMAGE_LEVEL
							    : sg_pdf_deflate_level();
	int rc = sg_pdf_deflate(z, rows.data, rows.len, level);
	sg_buf_dispose(&rows);
	return rc;
}

int sg_pdf_ximage_encode(sg_pdf_ximage_enc *e, const sg_image_pixels *px,
			 const unsigned char *filters)
{
	memset(e, 0, sizeof *e);
	sg_buf_init(&e->colour);
	sg_buf_init(&e->alpha);
	if (px->width <= 0 || px->height <= 0 || (px->channels != 1 && px->channels != 3) ||
	    !px->data)
		return -1;
	e->width = px->width;
	e->height = px->height;
	e->channels = px->channels;
	e->has_alpha = px->alpha != NULL;
	if ((px->alpha && S_encode(&e->alpha, px->alpha, px->width, px->height, 1, filters) < 0) ||
	    S_encode(&e->colour, px->data, px->width, px->height, px->channels, filters) < 0) {
		sg_pdf_ximage_enc_dispose(e);
		return -1;
	}
	return 0;
}

void sg_pdf_ximage_enc_dispose(sg_pdf_ximage_enc *e)
{
	sg_buf_dispose(&e->colour);
	sg_buf_dispose(&e->alpha);
	memset(e, 0, sizeof *e);
}

/* Writes object num, an image of w x h samples of colours a pixel with the
 * dictionary entries dict: the samples at raw as they are, or z as
 * sg_pdf_ximage_encode made it. */
static int S_image(sg_pdf_file *f, uint32_t num, const char *dict, int w, int h, int colours,
		   const unsigned char *raw, const sg_buf *z)
{
	if (raw)
		return sg_pdf_file_stream(f, num, dict, raw, (size_t)w * colours * (size_t)h, 0);
	sg_buf full;
	sg_buf_init(&full);
	sg_buf_printf(&full,
		      "%s /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors %d"
		      " /BitsPerComponent 8 /Columns %d >>",
		      dict, colours, w);
	int rc = sg_pdf_file_stream(f, num, full.data, z->data, z->len, 0);
	sg_buf_dispose(&full);
	return rc;
}

/* Writes the image of px's size and channels, its samples raw (px given)
 * or compressed (e given). */
static int S_write(sg_pdf_file *f, const sg_image_pixels *px, const sg_pdf_ximage_enc *e,
		   uint32_t *obj)
{
	int w = px ? px->width : e->width, h = px ? px->height : e->height;
	int channels = px ? px->channels : e->channels;
	bool alpha = px ? px->alpha != NULL : e->has_alpha;
	uint32_t mask = 0;
	sg_buf dict;
	sg_buf_init(&dict);
	int rc = -1;
	*obj = 0;
	if (alpha) {
		mask = sg_pdf_file_reserve(f);
		sg_buf_printf(&dict,
			      "/Type /XObject /Subtype /Image /Width %d /Height %d"
			      " /ColorSpace /DeviceGray /BitsPerComponent 8",
			      w, h);
		if (S_image(f, mask, dict.data, w, h, 1, px ? px->alpha : NULL,
			    e ? &e->alpha : NULL) < 0)
			goto cleanup;
		sg_buf_clear(&dict);
	}
	uint32_t num = sg_pdf_file_reserve(f);
	sg_buf_printf(&dict,
		      "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s"
		      " /BitsPerComponent 8",
		      w, h, channels == 1 ? "DeviceGray" : "DeviceRGB");
	if (mask)
		sg_buf_printf(&dict, " /SMask %u 0 R", mask);
	if (S_image(f, num, dict.data, w, h, channels, px ? px->data : NULL,
		    e ? &e->colour : NULL) < 0)
		goto cleanup;
	*obj = num;
	rc = 0;
cleanup:
	sg_buf_dispose(&dict);
	return rc;
}

int sg_pdf_ximage_write(sg_pdf_file *f, const sg_pdf_ximage_enc *e, uint32_t *obj)
{
	return S_write(f, NULL, e, obj);
}

int sg_pdf_ximage_pixels(sg_pdf_file *f, const sg_image_pixels *px, const unsigned char *filters,
			 uint32_t *obj)
{
	*obj = 0;
	if (px->width <= 0 || px->height <= 0 || (px->channels != 1 && px->channels != 3) ||
	    !px->data)
		return -1;
	if (sg_pdf_file_options(f)->uncompressed)
		return S_write(f, px, NULL, obj);
	sg_pdf_ximage_enc e;
	if (sg_pdf_ximage_encode(&e, px, filters) < 0)
		return -1;
	int rc = S_write(f, NULL, &e, obj);
	sg_pdf_ximage_enc_dispose(&e);
	return rc;
}

int sg_pdf_ximage_png(sg_pdf_file *f, const sg_pdf_png *png, uint32_t *obj)
{
	*obj = 0;
	if (png->transparent || png->depth > 8 || (png->color != 0 && png->color != 2 &&
						   png->color != 3))
		return -1;
	sg_buf dict;
	sg_buf_init(&dict);
	sg_buf_printf(&dict, "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace ",
		      png->width, png->height);
	if (png->color == 3) {
		/* Indices past the palette are black, as libpng has them. */
		size_t entries = (size_t)1 << png->depth;
		unsigned char pal[3 * 256] = {0};
		memcpy(pal, png->palette,
		       png->palette_len < 3 * entries ? png->palette_len : 3 * entries);
		sg_buf_printf(&dict, "[/Indexed /DeviceRGB %zu ", entries - 1);
		sg_pdf_put_hex(&dict, pal, 3 * entries);
		sg_buf_putc(&dict, ']');
	} else {
		sg_buf_puts(&dict, png->color == 0 ? "/DeviceGray" : "/DeviceRGB");
	}
	sg_buf_printf(&dict,
		      " /BitsPerComponent %d /Filter /FlateDecode /DecodeParms << /Predictor 15"
		      " /Colors %d /BitsPerComponent %d /Columns %d >>",
		      png->depth, png->channels, png->depth, png->width);
	uint32_t num = sg_pdf_file_reserve(f);
	int rc = sg_pdf_file_stream(f, num, dict.data, png->zdata, png->zlen, 0);
	sg_buf_dispose(&dict);
	if (rc == 0)
		*obj = num;
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
