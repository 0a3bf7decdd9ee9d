/*
 * fuzz_image.c - image files, from their header to a PDF image.
 *
 * The input is the bytes of an image file. It goes through what the PDF
 * renderer does with a file a document shows: sg_image_probe() (the header
 * the layout reads), sg_image_png_decode() and sg_image_jpeg_check() on the
 * bytes whatever the probe said, sg_pdf_png_read() (a PNG's own data for
 * the PDF), then sg_pdf_image_load() into a file of
 * salesgen's PDF writer (libpng and libjpeg with their errors caught, the
 * writer given pixels or a checked JPEG). Decoding must fail cleanly or
 * give pixels of the size the header gives, and a PDF image is made or
 * refused with one error.
 *
 * Images of more than a megapixel are only probed: decoding them is
 * correct but slow, and the paths are those of small images.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz_support.h"
#include "layout/image.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_png.h"

#define S_MAX_FUZZ_PIXELS (1u << 20)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static unsigned long S_be32(const uint8_t *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	uint8_t *copy = calloc(1, size ? size : 1);
	if (size)
		memcpy(copy, data, size);

	int type, w = 0, h = 0;
	const char *why;
	int probed = sg_image_probe(copy, size, &type, &w, &h, &why);
	if (probed == 0 && (w <= 0 || h <= 0))
		abort();
	/* The size a PNG claims, whatever the probe made of it. */
	bool big = probed == 0 && (unsigned long)w * (unsigned long)h > S_MAX_FUZZ_PIXELS;
	if (size >= 24 && memcmp(copy, "\x89PNG", 4) == 0)
		big = big || (double)S_be32(copy + 16) * (double)S_be32(copy + 20) > S_MAX_FUZZ_PIXELS;
	if (big) {
		free(copy);
		return 0;
	}

	char msg[512] = "";
	sg_image_pixels px;
	if (sg_image_png_decode(&px, copy, size, msg, sizeof msg) == 0) {
		if (probed != 0 || type != SG_IMAGE_PNG || px.width != w || px.height != h ||
		    (px.channels != 1 && px.channels != 3) || !px.data)
			abort(); /* pixels the header does not describe */
		sg_image_pixels_dispose(&px);
	} else if (px.data || !msg[0]) {
		abort(); /* a failure must leave nothing and say why */
	}
	/* The PNG's own image data (pdf_png.h), read whatever libpng made of
	 * the file: refused with nothing kept, or the rows the header gives. */
	sg_pdf_png raw;
	if (sg_pdf_png_read(&raw, copy, size) == 0) {
		if (raw.width <= 0 || raw.height <= 0 || !raw.zdata || !raw.filters ||
		    raw.zlen > size)
			abort();
		for (int y = 0; y < raw.height; y++)
			if (raw.filters[y] > 4)
				abort();
		sg_pdf_png_dispose(&raw);
	} else if (raw.zdata || raw.filters) {
		abort();
	}
	/* A JPEG is checked only once its header passed the probe, as in the
	 * renderer (the probe bounds its size); anything else is refused by
	 * its first bytes. */
	int jw, jh, comps;
	msg[0] = '\0';
	if (probed == 0 || type != SG_IMAGE_JPEG) {
		if (sg_image_jpeg_check(copy, size, &jw, &jh, &comps, msg, sizeof msg) == 0) {
			if (jw != w || jh != h || (comps != 1 && comps != 3 && comps != 4))
				abort();
		} else if (!msg[0]) {
			abort();
		}
	}

	/* What the renderer does: the file as a PDF image, or an error. */
	if (probed == 0) {
		sg_buf out;
		sg_buf_init(&out);
		sg_pdf_file *f = sg_pdf_file_new(&out, NULL);
		sg_diags d;
		sg_diags_init(&d);
		sg_limage im = {"x.png", copy, size, type, w, h, "x", sg_pos_make("x.md", 3, 0)};
		uint32_t obj = 0;
		int rc = sg_pdf_image_load(f, &im, &d, &obj);
		if (rc < 0 && (d.count != 1 || obj != 0))
			abort(); /* a failure is one error */
		if (rc == 0 && (d.count != 0 || obj == 0))
			abort();
		sg_diags_dispose(&d);
		sg_pdf_file_free(f);
		sg_buf_dispose(&out);
	}
	free(copy);
	return 0;
}
