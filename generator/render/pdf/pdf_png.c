/*
 * pdf_png.c - a PNG's chunks walked and its image data checked (see
 * pdf_png.h).
 */
#include "render/pdf/pdf_png.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "layout/image.h"

static uint32_t S_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The samples a pixel of colour type color, with bit depth depth, has; 0
 * for a combination the PNG specification does not allow. */
static int S_channels(int color, int depth)
{
	bool low = depth == 1 || depth == 2 || depth == 4;
	switch (color) {
	case 0:
		return low || depth == 8 || depth == 16 ? 1 : 0;
	case 3:
		return low || depth == 8 ? 1 : 0;
	case 2:
	case 4:
	case 6:
		return depth == 8 || depth == 16 ? (color == 2 ? 3 : color == 4 ? 2 : 4) : 0;
	default:
		return 0;
	}
}

/* The header from IHDR's 13 bytes at p; -1 for interlaced or odd images. */
static int S_header(sg_pdf_png *png, const unsigned char *p)
{
	uint32_t w = S_be32(p), h = S_be32(p + 4);
	if (w == 0 || h == 0 || w > 100000 || h > 100000 ||
	    (double)w * (double)h > SG_IMAGE_MAX_PIXELS)
		return -1;
	/* Compression, filter method, interlace: only 0 (deflate, the five
	 * row filters, not interlaced) is read here. */
	if (p[10] != 0 || p[11] != 0 || p[12] != 0)
		return -1;
	png->width = (int)w;
	png->height = (int)h;
	png->depth = p[8];
	png->color = p[9];
	png->channels = S_channels(png->color, png->depth);
	return png->channels ? 0 : -1;
}

/* Walks the chunks of d[0..len): IHDR first, the palette, a tRNS, and the
 * IDAT chunks (one run of them), whose data is joined into z. */
static int S_chunks(sg_pdf_png *png, const unsigned char *d, size_t len, sg_buf *z)
{
	bool header = false, in_idat = false, idat_done = false;
	for (size_t off = 8; off + 12 <= len;) {
		uint32_t n = S_be32(d + off);
		if (n > len - off - 12)
			return -1;
		const unsigned char *type = d + off + 4, *p = d + off + 8;
		if (!header) {
			if (memcmp(type, "IHDR", 4) != 0 || n != 13 || S_header(png, p) < 0)
				return -1;
			header = true;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			if (idat_done)
				return -1;
			sg_buf_put(z, p, n);
			in_idat = true;
		} else {
			idat_done = in_idat;
			if (memcmp(type, "PLTE", 4) == 0) {
				png->palette = p;
				png->palette_len = n;
			} else if (memcmp(type, "tRNS", 4) == 0) {
				png->transparent = true;
			} else if (memcmp(type, "IEND", 4) == 0) {
				break;
			}
		}
		off += 12 + n;
	}
	if (!header || z->len == 0)
		return -1;
	if (png->color == 3 && (!png->palette || png->palette_len == 0 ||
				png->palette_len % 3 != 0 || png->palette_len > 3 * 256))
		return -1;
	return 0;
}

/* Inflates z, keeping the filter byte of each row: the stream must hold
 * the rows exactly and end (its Adler-32 checked). Sets png->zlen to the
 * bytes of z the stream takes. */
static int S_rows(sg_pdf_png *png, const sg_buf *z)
{
	size_t bits = (size_t)png->width * (size_t)png->channels * (size_t)png->depth;
	size_t stride = 1 + (bits + 7) / 8;
	size_t total = stride * (size_t)png->height;
	z_stream s;
	memset(&s, 0, sizeof s);
	if (inflateInit(&s) != Z_OK)
		return -1;
	png->filters = sg_xmalloc((size_t)png->height);
	unsigned char out[16384];
	s.next_in = (Bytef *)z->data;
	s.avail_in = (uInt)z->len;
	size_t pos = 0;
	int rc = Z_OK, bad = 0;
	while (rc == Z_OK && !bad) {
		s.next_out = out;
		s.avail_out = sizeof out;
		rc = inflate(&s, Z_NO_FLUSH);
		size_t got = sizeof out - s.avail_out;
		if (got > total - pos) {
			bad = 1; /* more than the rows */
			break;
		}
		/* The row starts in [pos, pos + got). */
		for (size_t k = (pos + stride - 1) / stride * stride; k < pos + got; k += stride) {
			unsigned char t = out[k - pos];
			png->filters[k / stride] = t;
			bad |= t > 4;
		}
		pos += got;
	}
	png->zlen = s.total_in;
	inflateEnd(&s);
	return rc == Z_STREAM_END && !bad && pos == total ? 0 : -1;
}

int sg_pdf_png_read(sg_pdf_png *png, const unsigned char *data, size_t len)
{
	memset(png, 0, sizeof *png);
	if (len < 8 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0)
		return -1;
	sg_buf z;
	sg_buf_init(&z);
	int rc = -1;
	if (S_chunks(png, data, len, &z) < 0 || z.len > UINT32_MAX || S_rows(png, &z) < 0)
		goto cleanup;
	png->zdata = (unsigned char *)sg_buf_detach(&z);
	rc = 0;
cleanup:
	sg_buf_dispose(&z);
	if (rc < 0)
		sg_pdf_png_dispose(png);
	return rc;
}

void sg_pdf_png_dispose(sg_pdf_png *png)
{
	free(png->zdata);
	free(png->filters);
	memset(png, 0, sizeof *png);
}
