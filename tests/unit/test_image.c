/*
 * test_image.c - images decoded by salesgen before they go into a PDF: PNGs of
 * every colour type, bit depth and interlacing to 8-bit pixels; damaged
 * PNGs and JPEGs (cut short at every length, bad CRC, bad compressed data,
 * no palette, no image data, damaged entropy-coded data) refused with the
 * library's words instead of an abort(); the PDF image made from each,
 * with the error at the document's line; and a PNG's own compressed data
 * in the PDF, or its pixels compressed again with PNG's row filters.
 *
 * The test images are written here with libpng and libjpeg, and damaged by
 * hand, so each case says exactly what is wrong with its file.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/image.h"
#include "load/mdparse.h"
#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_png.h"
#include "render/pdf/pdf_ximage.h"

/* ---------------------------------------------------------------- PNGs */

static void S_png_write(png_structp png, png_bytep data, size_t n)
{
	sg_buf_put(png_get_io_ptr(png), (const char *)data, n);
}

static void S_png_flush(png_structp png)
{
	(void)png;
}

/* Sample v (0..255) of pixel (x, y), channel k: every channel different. */
static unsigned S_sample(int x, int y, int k)
{
	return (unsigned)(x * 37 + y * 11 + k * 71) & 0xFF;
}

/* A w x h PNG of colour type color and bit depth depth into out. Samples
 * follow S_sample (scaled to the depth; palette images index a palette of
 * gray levels, the first two of them half and fully transparent). */
static void S_png(sg_buf *out, int w, int h, int color, int depth, bool interlace)
{
	sg_buf_clear(out);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng cannot write the test image");
	png_set_write_fn(png, out, S_png_write, S_png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, color,
		     interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	if (color == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[256];
		int n = 1 << depth;
		for (int i = 0; i < n; i++)
			pal[i].red = pal[i].green = pal[i].blue = (png_byte)(i * 255 / (n - 1));
		png_set_PLTE(png, info, pal, n);
		png_byte trans[2] = {128, 0};
		png_set_tRNS(png, info, trans, 2, NULL);
	}
	png_write_info(png, info);
	int channels = color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_PALETTE ? 1
		       : color == PNG_COLOR_TYPE_GRAY_ALPHA				? 2
		       : color == PNG_COLOR_TYPE_RGB					? 3
											: 4;
	size_t rowbytes = ((size_t)w * channels * depth + 7) / 8;
	unsigned char *img = calloc((size_t)h, rowbytes);
	png_bytep *rows = malloc((size_t)h * sizeof *rows);
	for (int y = 0; y < h; y++) {
		rows[y] = img + (size_t)y * rowbytes;
		for (int x = 0; x < w; x++)
			for (int k = 0; k < channels; k++) {
				unsigned v = S_sample(x, y, k);
				size_t bit = ((size_t)x * channels + k) * depth;
				if (depth == 16) {
					rows[y][bit / 8] = (png_byte)v;
					rows[y][bit / 8 + 1] = (png_byte)(v ^ 0x5A);
				} else if (depth == 8) {
					rows[y][bit / 8] = (png_byte)v;
				} else {
					unsigned s = v >> (8 - depth);
					rows[y][bit / 8] |= (png_byte)(s << (8 - depth - bit % 8));
				}
			}
	}
	png_write_image(png, rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(rows);
	free(img);
}

/* Every kind of PNG decodes to 8-bit gray or RGB (and alpha where it has
 * any), the same pixels interlaced or not. */
static void test_png_kinds(void **state)
{
	(void)state;
	static const struct {
		int color, depth, channels;
		bool alpha;
	} kinds[] = {
		{PNG_COLOR_TYPE_GRAY, 1, 1, false},	  {PNG_COLOR_TYPE_GRAY, 2, 1, false},
		{PNG_COLOR_TYPE_GRAY, 4, 1, false},	  {PNG_COLOR_TYPE_GRAY, 8, 1, false},
		{PNG_COLOR_TYPE_GRAY, 16, 1, false},	  {PNG_COLOR_TYPE_RGB, 8, 3, false},
		{PNG_COLOR_TYPE_RGB, 16, 3, false},	  {PNG_COLOR_TYPE_PALETTE, 1, 3, true},
		{PNG_COLOR_TYPE_PALETTE, 2, 3, true},	  {PNG_COLOR_TYPE_PALETTE, 4, 3, true},
		{PNG_COLOR_TYPE_PALETTE, 8, 3, true},	  {PNG_COLOR_TYPE_GRAY_ALPHA, 8, 1, true},
		{PNG_COLOR_TYPE_GRAY_ALPHA, 16, 1, true}, {PNG_COLOR_TYPE_RGB_ALPHA, 8, 3, true},
		{PNG_COLOR_TYPE_RGB_ALPHA, 16, 3, true},
	};
	sg_buf a, b;
	sg_buf_init(&a);
	sg_buf_init(&b);
	char why[256];
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		int w = 13, h = 9;
		S_png(&a, w, h, kinds[i].color, kinds[i].depth, false);
		S_png(&b, w, h, kinds[i].color, kinds[i].depth, true);
		sg_image_pixels pa, pb;
		if (sg_image_png_decode(&pa, (const unsigned char *)a.data, a.len, why, sizeof why) <
		    0)
			fail_msg("colour type %d, depth %d: %s", kinds[i].color, kinds[i].depth, why);
		assert_int_equal(sg_image_png_decode(&pb, (const unsigned char *)b.data, b.len, why,
						     sizeof why),
				 0);
		assert_int_equal(pa.width, w);
		assert_int_equal(pa.height, h);
		assert_int_equal(pa.channels, kinds[i].channels);
		assert_int_equal(pa.alpha != NULL, kinds[i].alpha);
		size_t n = (size_t)w * h;
		assert_memory_equal(pa.data, pb.data, n * pa.channels);
		if (pa.alpha)
			assert_memory_equal(pa.alpha, pb.alpha, n);
		/* 8 and 16 bits: the high byte of each sample, as written. */
		if (kinds[i].color != PNG_COLOR_TYPE_PALETTE && kinds[i].depth >= 8) {
			int stored = kinds[i].channels + (kinds[i].alpha ? 1 : 0);
			for (int k = 0; k < pa.channels; k++)
				assert_int_equal(pa.data[(2 * w + 5) * pa.channels + k],
						 S_sample(5, 2, k));
			if (pa.alpha)
				assert_int_equal(pa.alpha[2 * w + 5], S_sample(5, 2, stored - 1));
		}
		/* Palette entries 0 and 1 are half and fully transparent. */
		if (kinds[i].color == PNG_COLOR_TYPE_PALETTE)
			for (size_t p = 0; p < n; p++) {
				unsigned index = S_sample((int)(p % w), (int)(p / w), 0) >>
						 (8 - kinds[i].depth);
				assert_int_equal(pa.alpha[p], index == 0 ? 128 : index == 1 ? 0 : 255);
			}
		sg_image_pixels_dispose(&pa);
		sg_image_pixels_dispose(&pb);
	}
	sg_buf_dispose(&a);
	sg_buf_dispose(&b);
}

static void S_set(sg_buf *b, const char *data, size_t len)
{
	sg_buf_clear(b);
	sg_buf_put(b, data, len);
}

static uint32_t S_be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}

static void S_put32(char *p, uint32_t v)
{
	p[0] = (char)(v >> 24);
	p[1] = (char)(v >> 16);
	p[2] = (char)(v >> 8);
	p[3] = (char)v;
}

/* The offset of the first chunk of type t in the PNG b. */
static size_t S_chunk(const sg_buf *b, const char *t)
{
	for (size_t off = 8; off + 12 <= b->len; off += 12 + S_be32(b->data + off))
		if (memcmp(b->data + off + 4, t, 4) == 0)
			return off;
	fail_msg("no %s chunk", t);
	return 0;
}

/* Sets the CRC of the chunk at off right after its data changed. */
static void S_recrc(sg_buf *b, size_t off)
{
	uint32_t n = S_be32(b->data + off);
	uLong crc = crc32(0, (const Bytef *)b->data + off + 4, n + 4);
	S_put32(b->data + off + 8 + n, (uint32_t)crc);
}

static void S_png_refused(const sg_buf *b, const char *want)
{
	sg_image_pixels px;
	char why[256];
	assert_int_equal(sg_image_png_decode(&px, (const unsigned char *)b->data, b->len, why,
					     sizeof why),
			 -1);
	if (!strstr(why, want))
		fail_msg("'%s' instead of '%s'", why, want);
	assert_null(px.data);
}

/* A damaged PNG is refused with libpng's words, never an abort(). */
static void test_png_damaged(void **state)
{
	(void)state;
	sg_buf good, b;
	sg_buf_init(&good);
	sg_buf_init(&b);
	S_png(&good, 40, 30, PNG_COLOR_TYPE_RGB_ALPHA, 8, false);
	size_t idat = S_chunk(&good, "IDAT"), iend = S_chunk(&good, "IEND");

	/* Cut short at every length: refused (or, from the end of the image
	 * data on, read whole); libpng itself never stops the process. */
	for (size_t n = 0; n < good.len; n++) {
		sg_image_pixels px;
		char why[256];
		int rc = sg_image_png_decode(&px, (const unsigned char *)good.data, n, why, sizeof why);
		if (n < iend) {
			assert_int_equal(rc, -1);
			if (n >= 8 && !strstr(why, "corrupt PNG ("))
				fail_msg("cut at %zu: %s", n, why);
		}
		if (rc == 0)
			sg_image_pixels_dispose(&px);
	}
	S_set(&b, good.data, idat + 20);
	S_png_refused(&b, "corrupt PNG (the file is cut short)");

	/* A wrong CRC. */
	S_set(&b, good.data, good.len);
	b.data[idat + 8 + S_be32(b.data + idat)] ^= 0x55;
	S_png_refused(&b, "corrupt PNG (IDAT: CRC error)");

	/* Compressed data that does not inflate, with a right CRC. */
	S_set(&b, good.data, good.len);
	memset(b.data + idat + 10, 0xFF, 8);
	S_recrc(&b, idat);
	S_png_refused(&b, "corrupt PNG (IDAT: ");

	/* Image data of no bytes. */
	S_set(&b, good.data, idat);
	sg_buf_put(&b, "\0\0\0\0IDAT\x35\xaf\x06\x1e", 12);
	sg_buf_put(&b, good.data + iend, good.len - iend);
	S_png_refused(&b, "corrupt PNG (Not enough image data)");

	/* A palette image without its palette. */
	S_png(&good, 8, 8, PNG_COLOR_TYPE_PALETTE, 8, false);
	size_t plte = S_chunk(&good, "PLTE");
	S_set(&b, good.data, plte);
	size_t after = plte + 12 + S_be32(good.data + plte);
	sg_buf_put(&b, good.data + after, good.len - after);
	S_png_refused(&b, "corrupt PNG (");

	/* Sizes the pixel cap refuses, before any pixel is decoded. */
	S_png(&good, 8, 8, PNG_COLOR_TYPE_GRAY, 8, false);
	S_put32(good.data + 16, 20000);
	S_put32(good.data + 20, 20000);
	S_recrc(&good, 8);
	S_png_refused(&good, "too large");
	S_png_refused(&(sg_buf){.data = (char *)"hello", .len = 5}, "not a PNG");
	sg_buf_dispose(&good);
	sg_buf_dispose(&b);
}

/* ---------------------------------------------------------------- JPEGs */

static void S_jpeg(sg_buf *out, int w, int h, int comps, bool progressive)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	unsigned char *mem = NULL;
	unsigned long len = 0;
	jpeg_mem_dest(&c, &mem, &len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = comps;
	c.in_color_space = comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = malloc((size_t)w * comps);
	while (c.next_scanline < c.image_height) {
		for (int x = 0; x < w; x++)
			for (int k = 0; k < comps; k++)
				row[x * comps + k] = (unsigned char)S_sample(x, (int)c.next_scanline, k);
		JSAMPROW rows[1] = {row};
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	S_set(out, (const char *)mem, len);
	free(mem);
	free(row);
}

static void test_jpeg(void **state)
{
	(void)state;
	sg_buf good, b;
	sg_buf_init(&good);
	sg_buf_init(&b);
	int w, h, comps;
	char why[256];
	for (int prog = 0; prog < 2; prog++)
		for (int ch = 1; ch <= 3; ch += 2) {
			S_jpeg(&good, 50, 20, ch, prog);
			assert_int_equal(sg_image_jpeg_check((const unsigned char *)good.data, good.len,
							     &w, &h, &comps, why, sizeof why),
					 0);
			assert_int_equal(w, 50);
			assert_int_equal(h, 20);
			assert_int_equal(comps, ch);
		}

	/* Cut short anywhere before its end marker: refused. */
	S_jpeg(&good, 50, 20, 3, false);
	for (size_t n = 0; n + 2 < good.len; n++) {
		int rc = sg_image_jpeg_check((const unsigned char *)good.data, n, &w, &h, &comps, why,
					     sizeof why);
		if (rc != -1)
			fail_msg("cut at %zu of %zu: accepted", n, good.len);
	}
	assert_int_equal(sg_image_jpeg_check((const unsigned char *)good.data, good.len - 2, &w,
					     &h, &comps, why, sizeof why),
			 -1);
	assert_string_equal(why, "corrupt JPEG (Premature end of JPEG file)");

	/* A restart marker in the middle of the entropy-coded data. */
	S_set(&b, good.data, good.len);
	b.data[b.len - 10] = (char)0xFF;
	b.data[b.len - 9] = (char)0xD3;
	assert_int_equal(sg_image_jpeg_check((const unsigned char *)b.data, b.len, &w, &h, &comps,
					     why, sizeof why),
			 -1);
	if (strncmp(why, "corrupt JPEG (", 14) != 0)
		fail_msg("%s", why);
	sg_buf_dispose(&good);
	sg_buf_dispose(&b);
}

/* ---------------------------------------------------------------- PDF images */

/* Whether the bytes of b (a PDF: compressed streams hold NULs) hold s. */
static bool S_has(const sg_buf *b, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i + len <= b->len; i++)
		if (memcmp(b->data + i, s, len) == 0)
			return true;
	return false;
}

/* A file's image made into a PDF image, or the error at the document line
 * that refers to it (or at the file, for the cover logo). */
static void test_pdf_image(void **state)
{
	(void)state;
	const char *path = "content/images/x.png";
	sg_buf png;
	sg_buf_init(&png);
	S_png(&png, 40, 30, PNG_COLOR_TYPE_RGB_ALPHA, 8, true);

	sg_buf file;
	sg_buf_init(&file);
	sg_pdf_file *f = sg_pdf_file_new(&file, NULL);
	uint32_t obj = 0;
	sg_diags d;
	sg_diags_init(&d);
	/* The image as the layout read it (layout/image_ref.c): its bytes. */
	sg_limage im = {path, (const unsigned char *)png.data, png.len, SG_IMAGE_PNG, 40, 30,
			"../images/x.png", sg_pos_make("content/playbooks/x.md", 12, 0)};
	assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), 0);
	assert_true(obj > 0);
	/* The image and its soft mask, the alpha channel: 40 x 30 each. */
	assert_true(S_has(&file, "/Subtype /Image /Width 40 /Height 30 /ColorSpace /DeviceRGB"));
	assert_true(S_has(&file, "/Width 40 /Height 30 /ColorSpace /DeviceGray"));
	assert_true(S_has(&file, " /SMask "));
	assert_int_equal(d.count, 0);

	/* Cut short: the document's line and the image as it names it. */
	im.len = png.len / 2;
	size_t before = file.len;
	assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), -1);
	assert_int_equal(obj, 0);
	assert_int_equal(file.len, before); /* nothing written */
	assert_int_equal(d.count, 1);
	char line[512];
	sg_diag_format(&d.items[0], false, line, sizeof line);
	assert_string_equal(line, "content/playbooks/x.md:12: error: image '../images/x.png': "
				  "corrupt PNG (the file is cut short)");
	/* The cover logo: the error is the file's. */
	im.name = NULL;
	im.pos = sg_pos_make(path, 0, 0);
	assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), -1);
	sg_diag_format(&d.items[1], false, line, sizeof line);
	assert_string_equal(line, "content/images/x.png: error: corrupt PNG (the file is cut short)");

	/* A JPEG is embedded as it is, a damaged one refused. */
	sg_buf jpg;
	sg_buf_init(&jpg);
	S_jpeg(&jpg, 50, 20, 3, true);
	im.path = "content/images/x.jpg";
	im.pos = sg_pos_make(im.path, 0, 0);
	im.type = SG_IMAGE_JPEG;
	im.data = (const unsigned char *)jpg.data;
	for (int cut = 0; cut < 2; cut++) {
		im.len = cut ? jpg.len - 40 : jpg.len;
		assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), cut ? -1 : 0);
		assert_true(cut ? obj == 0 : obj > 0);
		if (!cut)
			assert_true(S_has(&file, "/Width 50 /Height 20 /ColorSpace /DeviceRGB "
						      "/BitsPerComponent 8 /Filter /DCTDecode"));
	}
	sg_diag_format(&d.items[2], false, line, sizeof line);
	assert_string_equal(line,
			    "content/images/x.jpg: error: corrupt JPEG (Premature end of JPEG file)");
	sg_pdf_file_free(f);
	sg_buf_dispose(&file);
	sg_diags_dispose(&d);
	sg_buf_dispose(&png);
	sg_buf_dispose(&jpg);
}

static size_t S_count(const sg_buf *b, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (size_t i = 0; i + len <= b->len; i++)
		if (memcmp(b->data + i, needle, len) == 0)
			n++;
	return n;
}

/* A document that shows one file a thousand times holds one image (and its
 * soft mask); a damaged file shown twice fails the document with one error,
 * at the first line that shows it. */
static void test_pdf_same_file(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("sg-image");
	assert_non_null(dir);
	char path[512];
	snprintf(path, sizeof path, "%s/x.png", dir);
	sg_buf png, md, out;
	sg_buf_init(&png);
	sg_buf_init(&md);
	sg_buf_init(&out);
	S_png(&png, 40, 30, PNG_COLOR_TYPE_RGB_ALPHA, 8, false);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fwrite(png.data, 1, png.len, fp);
	fclose(fp);
	sg_buf_puts(&md, "# Logos\n\n");
	for (int i = 0; i < 1000; i++)
		sg_buf_puts(&md, "![logo](x.png) ");
	sg_buf_puts(&md, "\n\nAnd once more:\n\n![logo](x.png)\n");
	sg_mdtree *tree = sg_mdparse(md.data, md.len, 1);
	sg_pdf_job job;
	memset(&job, 0, sizeof job);
	job.body = tree->root;
	job.path = "logos.md";
	job.base_dir = dir;
	job.lang = "en";
	job.date = 1767225600;
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_pdf_render_doc(&out, &job, &d), 0);
	assert_int_equal(S_count(&out, "/Subtype /Image"), 2);
	assert_int_equal(S_count(&out, "/SMask "), 1);

	assert_int_equal(truncate(path, (off_t)png.len - 30), 0);
	assert_int_equal(sg_pdf_render_doc(&out, &job, &d), -1);
	sg_diags_sort(&d);
	assert_int_equal(d.count, 1);
	char line[512];
	sg_diag_format(&d.items[0], false, line, sizeof line);
	assert_string_equal(line, "logos.md:3: error: image 'x.png': corrupt PNG (the file is cut "
				  "short)");
	sg_diags_dispose(&d);
	sg_mdtree_free(tree);
	sg_buf_dispose(&png);
	sg_buf_dispose(&md);
	sg_buf_dispose(&out);
}

/* ---------------------------------------------------------------- PNG data in PDFs */

/* Undoes PNG's row filters: rows of n bytes (bpp a pixel), each led by its
 * filter byte, at in; the samples to out. */
static void S_unfilter(unsigned char *out, const unsigned char *in, size_t n, int h, size_t bpp)
{
	for (int y = 0; y < h; y++) {
		const unsigned char *row = in + (size_t)y * (n + 1) + 1;
		unsigned char *o = out + (size_t)y * n, *up = y ? o - n : NULL;
		int t = row[-1];
		assert_in_range(t, 0, 4);
		for (size_t i = 0; i < n; i++) {
			int a = i >= bpp ? o[i - bpp] : 0, b = up ? up[i] : 0;
			int c = up && i >= bpp ? up[i - bpp] : 0, p = 0;
			if (t == 1)
				p = a;
			else if (t == 2)
				p = b;
			else if (t == 3)
				p = (a + b) / 2;
			else if (t == 4) {
				int e = a + b - c, pa = abs(e - a), pb = abs(e - b), pc = abs(e - c);
				p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			o[i] = (unsigned char)(row[i] + p);
		}
	}
}

/* z, compressed rows of w pixels of bpp bytes, h rows, gives back want. */
static void S_rows_are(const sg_buf *z, int w, int h, size_t bpp, const unsigned char *want)
{
	size_t n = (size_t)w * bpp;
	uLongf len = (uLongf)((n + 1) * (size_t)h);
	unsigned char *rows = malloc(len), *px = malloc(n * (size_t)h);
	uLongf got = len;
	assert_int_equal(uncompress(rows, &got, (const Bytef *)z->data, (uLong)z->len), Z_OK);
	assert_int_equal(got, len);
	S_unfilter(px, rows, n, h, bpp);
	assert_memory_equal(px, want, n * (size_t)h);
	free(rows);
	free(px);
}

/* A non-interlaced PNG's own data goes into the PDF as it is when the PDF
 * can read it so (gray, RGB, no transparency, up to 8 bits); any other is
 * compressed again with PNG's row filters, which give back its pixels. */
static void test_pdf_png_data(void **state)
{
	(void)state;
	static const struct {
		int color, depth;
		bool raw; /* its own data */
	} kinds[] = {
		{PNG_COLOR_TYPE_GRAY, 1, true},		{PNG_COLOR_TYPE_GRAY, 4, true},
		{PNG_COLOR_TYPE_GRAY, 8, true},		{PNG_COLOR_TYPE_GRAY, 16, false},
		{PNG_COLOR_TYPE_RGB, 8, true},		{PNG_COLOR_TYPE_RGB, 16, false},
		{PNG_COLOR_TYPE_PALETTE, 4, false},	{PNG_COLOR_TYPE_GRAY_ALPHA, 8, false},
		{PNG_COLOR_TYPE_RGB_ALPHA, 8, false},
	};
	sg_buf b, file;
	sg_buf_init(&b);
	sg_buf_init(&file);
	char why[256];
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		int w = 13, h = 9;
		S_png(&b, w, h, kinds[i].color, kinds[i].depth, true);
		sg_pdf_png png;
		assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), -1);
		S_png(&b, w, h, kinds[i].color, kinds[i].depth, false);
		assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), 0);
		assert_int_equal(png.width, w);
		assert_int_equal(png.height, h);
		assert_true(png.zlen > 0 && png.zlen < b.len);

		sg_buf_clear(&file);
		sg_pdf_file *f = sg_pdf_file_new(&file, NULL);
		uint32_t obj = 0;
		assert_int_equal(sg_pdf_ximage_png(f, &png, &obj), kinds[i].raw ? 0 : -1);
		if (kinds[i].raw) {
			char want[128];
			snprintf(want, sizeof want,
				 "/DecodeParms << /Predictor 15 /Colors %d /BitsPerComponent %d"
				 " /Columns 13 >> /Length %zu >>\nstream\n",
				 kinds[i].color == PNG_COLOR_TYPE_RGB ? 3 : 1, kinds[i].depth,
				 png.zlen);
			assert_true(S_has(&file, want));
			assert_memory_equal(strstr(file.data, "stream\n") + 7, png.zdata, png.zlen);
		} else {
			assert_int_equal(obj, 0);
			assert_int_equal(file.len, 15); /* the header alone */
		}
		/* Compressed again, rows filtered as the PNG has them, as
		 * chosen, or all with one filter: the same pixels. */
		sg_image_pixels px;
		assert_int_equal(sg_image_png_decode(&px, (const unsigned char *)b.data, b.len, why,
						     sizeof why),
				 0);
		for (int t = -2; t <= 4; t++) {
			unsigned char each[9];
			memset(each, t, sizeof each);
			const unsigned char *filters = t == -2 ? png.filters : t == -1 ? NULL : each;
			sg_pdf_ximage_enc e;
			assert_int_equal(sg_pdf_ximage_encode(&e, &px, filters), 0);
			S_rows_are(&e.colour, w, h, (size_t)px.channels, px.data);
			assert_int_equal(e.has_alpha, px.alpha != NULL);
			if (px.alpha)
				S_rows_are(&e.alpha, w, h, 1, px.alpha);
			sg_pdf_ximage_enc_dispose(&e);
		}
		sg_image_pixels_dispose(&px);
		sg_pdf_file_free(f);
		sg_pdf_png_dispose(&png);
	}

	/* Image data that ends early, or holds more than the rows, is not
	 * copied (libpng still decodes what it can of the rows). */
	S_png(&b, 13, 9, PNG_COLOR_TYPE_RGB, 8, false);
	size_t idat = S_chunk(&b, "IDAT");
	uint32_t n = S_be32(b.data + idat);
	sg_pdf_png png;
	S_put32(b.data + 16, 13);
	S_put32(b.data + 20, 8); /* IHDR: one row fewer */
	S_recrc(&b, 8);
	assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), -1);
	S_put32(b.data + 20, 10); /* one row more */
	S_recrc(&b, 8);
	assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), -1);
	S_put32(b.data + 20, 9);
	S_recrc(&b, 8);
	assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), 0);
	sg_pdf_png_dispose(&png);
	b.data[idat + 8 + n - 2] ^= 0x40; /* the Adler-32 */
	S_recrc(&b, idat);
	assert_int_equal(sg_pdf_png_read(&png, (const unsigned char *)b.data, b.len), -1);
	assert_null(png.zdata);
	sg_buf_dispose(&b);
	sg_buf_dispose(&file);
}

/* A PNG compressed again is kept for the next file of the process (the
 * logo of every proposal of a build): the second file gets the same
 * bytes, and a damaged copy of it is still refused. */
static void test_pdf_image_kept(void **state)
{
	(void)state;
	sg_buf png, f1, f2;
	sg_buf_init(&png);
	sg_buf_init(&f1);
	sg_buf_init(&f2);
	S_png(&png, 31, 17, PNG_COLOR_TYPE_RGB_ALPHA, 8, false);
	sg_limage im = {"content/images/k.png", (const unsigned char *)png.data, png.len,
			SG_IMAGE_PNG, 31, 17, NULL, sg_pos_make("content/images/k.png", 0, 0)};
	sg_diags d;
	sg_diags_init(&d);
	sg_buf *out[2] = {&f1, &f2};
	for (int i = 0; i < 2; i++) {
		sg_pdf_file *f = sg_pdf_file_new(out[i], NULL);
		uint32_t obj = 0;
		assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), 0);
		sg_pdf_file_free(f);
	}
	assert_true(S_has(&f1, "/DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8"
			       " /Columns 31 >>"));
	assert_int_equal(f1.len, f2.len);
	assert_memory_equal(f1.data, f2.data, f1.len);
	png.data[png.len - 20] ^= 1; /* in IDAT: another file, decoded anew */
	sg_pdf_file *f = sg_pdf_file_new(&f1, NULL);
	uint32_t obj = 0;
	assert_int_equal(sg_pdf_image_load(f, &im, &d, &obj), -1);
	assert_int_equal(d.count, 1);
	sg_pdf_file_free(f);
	sg_diags_dispose(&d);
	sg_buf_dispose(&png);
	sg_buf_dispose(&f1);
	sg_buf_dispose(&f2);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_kinds),
		cmocka_unit_test(test_png_damaged),
		cmocka_unit_test(test_jpeg),
		cmocka_unit_test(test_pdf_image),
		cmocka_unit_test(test_pdf_same_file),
		cmocka_unit_test(test_pdf_png_data),
		cmocka_unit_test(test_pdf_image_kept),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
