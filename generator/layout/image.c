#include "layout/image.h"

#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned S_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long S_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

static int S_png(const unsigned char *d, size_t len, int *w, int *h, const char **why)
{
	/* Signature, then the IHDR chunk: length 13, "IHDR", width, height,
	 * bit depth, colour type, compression, filter, interlace. */
	if (len < 33 || memcmp(d + 12, "IHDR", 4) != 0) {
		*why = "a PNG file without its IHDR header";
		return -1;
	}
	unsigned long pw = S_be32(d + 16), ph = S_be32(d + 20);
	if (pw == 0 || ph == 0) {
		*why = "a PNG image of no pixels";
		return -1;
	}
	if (pw > 100000 || ph > 100000 || (double)pw * (double)ph > SG_IMAGE_MAX_PIXELS) {
		*why = "too large (more than 25 million pixels): scale it down";
		return -1;
	}
	/* Any bit depth, colour type and interlacing: the PDF renderer
	 * decodes PNGs itself (sg_image_png_decode). */
	*w = (int)pw;
	*h = (int)ph;
	return 0;
}

static int S_jpeg(const unsigned char *d, size_t len, int *w, int *h, const char **why)
{
	size_t i = 2;
	while (i + 4 <= len) {
		if (d[i] != 0xFF) {
			*why = "a damaged JPEG file";
			return -1;
		}
		unsigned m = d[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			i += 2;
			continue;
		}
		unsigned seglen = S_be16(d + i + 2);
		/* Start-of-frame markers (not DHT C4, JPG C8, DAC CC). */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > len) {
				*why = "a JPEG file cut short";
				return -1;
			}
			if (m != 0xC0 && m != 0xC1 && m != 0xC2) {
				*why = "a kind of JPEG (lossless or arithmetic) the PDF library cannot "
				       "read";
				return -1;
			}
			/* PDF's DCTDecode holds 8-bit samples only, and libjpeg
			 * (which checks a JPEG before it goes in) reads no other. */
			if (d[i + 4] != 8) {
				*why = "a JPEG of other than 8 bits per sample, which the PDF library "
				       "cannot read: save it with 8 bits";
				return -1;
			}
			unsigned ph = S_be16(d + i + 5), pw = S_be16(d + i + 7);
			unsigned comps = d[i + 9 < len ? i + 9 : i + 8];
			if (pw == 0 || ph == 0) {
				*why = "a JPEG image of no pixels";
				return -1;
			}
			if ((double)pw * (double)ph > SG_IMAGE_MAX_PIXELS) {
				*why = "too large (more than 25 million pixels): scale it down";
				return -1;
			}
			if (comps != 1 && comps != 3 && comps != 4) {
				*why = "a JPEG with an unusual number of colour channels";
				return -1;
			}
			*w = (int)pw;
			*h = (int)ph;
			return 0;
		}
		if (m == 0xDA || m == 0xD9)
			break;
		i += 2 + seglen;
	}
	*why = "a JPEG file whose size cannot be read from its header";
	return -1;
}

int sg_image_probe(const unsigned char *d, size_t len, int *type, int *w, int *h,
		   const char **why)
{
	*type = SG_IMAGE_NONE;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		*type = SG_IMAGE_PNG;
		return S_png(d, len, w, h, why);
	}
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
		*type = SG_IMAGE_JPEG;
		return S_jpeg(d, len, w, h, why);
	}
	*why = "not a PNG or JPEG image";
	return -1;
}
