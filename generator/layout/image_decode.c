/*
 * image_decode.c - PNG pixels with libpng, and a JPEG checked with libjpeg,
 * both with their errors caught (see image.h for why).
 *
 * Both libraries report an error through a callback that must not return;
 * each callback here writes the library's words into the caller's buffer
 * and jumps back to the setjmp of the function that started the decoding.
 * What the decoding allocates is held in a heap context rather than in
 * local variables, which a longjmp may leave with stale values.
 */
#include "layout/image.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "base/alloc.h"

/* Width and height larger than any image the pixel cap lets through. */
#define S_MAX_SIDE 100000

static bool S_too_large(unsigned long w, unsigned long h)
{
	return w > S_MAX_SIDE || h > S_MAX_SIDE || (double)w * (double)h > SG_IMAGE_MAX_PIXELS;
}

static const char S_large[] = "too large (more than 25 million pixels): scale it down";

void sg_image_pixels_dispose(sg_image_pixels *px)
{
	free(px->data);
	free(px->alpha);
	memset(px, 0, sizeof *px);
}

/* ---------------------------------------------------------------- PNG */

typedef struct S_png {
	jmp_buf jmp;
	const unsigned char *data;
	size_t len, off;
	char *why;
	size_t whylen;
	png_bytep *rows;
	unsigned char *pix;
	unsigned char *alpha;
} S_png;

static void S_png_error(png_structp png, png_const_charp msg)
{
	S_png *c = png_get_error_ptr(png);
	snprintf(c->why, c->whylen, "corrupt PNG (%s)", msg);
	longjmp(c->jmp, 1);
}

/* A warning (an ancillary chunk with a bad CRC, an odd colour profile)
 * leaves the pixels readable; libpng's own handler would print it. */
static void S_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void S_png_read(png_structp png, png_bytep out, size_t n)
{
	S_png *c = png_get_io_ptr(png);
	if (n > c->len - c->off)
		png_error(png, "the file is cut short");
	memcpy(out, c->data + c->off, n);
	c->off += n;
}

/* Asks libpng for every image as 8-bit gray or RGB, with or without alpha,
 * not interlaced. */
static void S_png_to_8bit(png_structp png, png_infop info, int depth, int color)
{
	if (color == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (color == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	if (depth == 16)
		png_set_scale_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
}

/* The pixels of the w by h image, as S_png_to_8bit made them, into c->pix
 * (c->rows points at each row). Returns the channels per pixel. */
static int S_png_read_pixels(png_structp png, png_infop info, S_png *c, png_uint_32 w,
			     png_uint_32 h)
{
	int ch = png_get_channels(png, info);
	size_t rowbytes = png_get_rowbytes(png, info);
	if (ch < 1 || ch > 4 || png_get_bit_depth(png, info) != 8 || rowbytes != (size_t)w * ch)
		png_error(png, "an unexpected pixel format after conversion");
	c->pix = sg_xmalloc(rowbytes * h);
	c->rows = sg_xmalloc(h * sizeof *c->rows);
	for (png_uint_32 y = 0; y < h; y++)
		c->rows[y] = c->pix + y * rowbytes;
	png_read_image(png, c->rows);
	return ch;
}

/* Gray+alpha and RGBA (ch 2 or 4) pixels of c: the colour packed in place,
 * the alpha apart in c->alpha. Returns the colour channels. */
static int S_png_split_alpha(S_png *c, size_t n, int ch)
{
	int colour = ch == 2 || ch == 4 ? ch - 1 : ch;
	if (colour == ch)
		return ch;
	c->alpha = sg_xmalloc(n);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < colour; k++)
			c->pix[i * colour + k] = c->pix[i * ch + k];
		c->alpha[i] = c->pix[i * ch + colour];
	}
	return colour;
}

int sg_image_png_decode(sg_image_pixels *out, const unsigned char *data, size_t len, char *why,
			size_t whylen)
{
	memset(out, 0, sizeof *out);
	if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
		snprintf(why, whylen, "not a PNG or JPEG image");
		return -1;
	}
	S_png *c = sg_xcalloc(1, sizeof *c);
	c->data = data;
	c->len = len;
	c->why = why;
	c->whylen = whylen;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c, S_png_error,
						 S_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		/* Out of memory, or a libpng that is not the one built against. */
		snprintf(why, whylen, "libpng cannot start");
		png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
		free(c);
		return -1;
	}
	if (setjmp(c->jmp)) {
		png_destroy_read_struct(&png, &info, NULL);
		free(c->rows);
		free(c->pix);
		free(c->alpha);
		free(c);
		return -1;
	}
	png_set_read_fn(png, c, S_png_read);
	png_set_user_limits(png, S_MAX_SIDE, S_MAX_SIDE);
	png_read_info(png, info);

	png_uint_32 w, h;
	int depth, color;
	png_get_IHDR(png, info, &w, &h, &depth, &color, NULL, NULL, NULL);
	if (S_too_large(w, h)) {
		snprintf(why, whylen, "%s", S_large);
		longjmp(c->jmp, 1);
	}
	S_png_to_8bit(png, info, depth, color);
	int ch = S_png_read_pixels(png, info, c, w, h);
	out->width = (int)w;
	out->height = (int)h;
	out->channels = S_png_split_alpha(c, (size_t)w * h, ch);
	out->data = c->pix;
	out->alpha = c->alpha;
	png_destroy_read_struct(&png, &info, NULL);
	free(c->rows);
	free(c);
	return 0;
}

/* ---------------------------------------------------------------- JPEG */

/* Progressive scans each pass over the whole image: a file of a few
 * kilobytes with thousands of them would keep a worker busy for minutes.
 * Encoders write about ten. */
#define S_MAX_SCANS 100

typedef struct S_jpeg {
	struct jpeg_error_mgr err; /* first: libjpeg's err pointer is this */
	struct jpeg_progress_mgr progress;
	struct jpeg_decompress_struct info;
	jmp_buf jmp;
	char *why;
	size_t whylen;
	unsigned char *row;
} S_jpeg;

static void S_jpeg_fail(j_common_ptr info)
{
	S_jpeg *c = (S_jpeg *)info->err;
	char msg[JMSG_LENGTH_MAX];
	info->err->format_message(info, msg);
	snprintf(c->why, c->whylen, "corrupt JPEG (%s)", msg);
	longjmp(c->jmp, 1);
}

/* Level -1 is a warning: libjpeg's way of saying the data is damaged and
 * it carried on with grey blocks or a made-up end. A damaged image is
 * refused, except for what does not touch the pixels. Trace messages
 * (levels 0 and up) are dropped. */
static void S_jpeg_message(j_common_ptr info, int level)
{
	if (level >= 0)
		return;
	switch (info->err->msg_code) {
	case JWRN_JFIF_MAJOR:  /* a newer JFIF version */
	case JWRN_ADOBE_XFORM: /* an unknown colour transform code */
	case JWRN_BOGUS_ICC:   /* a colour profile, which is not used */
		return;
	default:
		S_jpeg_fail(info);
	}
}

static void S_jpeg_progress(j_common_ptr info)
{
	S_jpeg *c = (S_jpeg *)info->err;
	if (c->info.input_scan_number > S_MAX_SCANS) {
		snprintf(c->why, c->whylen, "corrupt JPEG (more than %d scans)", S_MAX_SCANS);
		longjmp(c->jmp, 1);
	}
}

int sg_image_jpeg_check(const unsigned char *data, size_t len, int *width, int *height,
			int *components, char *why, size_t whylen)
{
	if (len < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF) {
		snprintf(why, whylen, "not a PNG or JPEG image");
		return -1;
	}
	S_jpeg *c = sg_xcalloc(1, sizeof *c);
	c->why = why;
	c->whylen = whylen;
	c->info.err = jpeg_std_error(&c->err);
	c->err.error_exit = S_jpeg_fail;
	c->err.emit_message = S_jpeg_message;
	if (setjmp(c->jmp)) {
		jpeg_destroy_decompress(&c->info);
		free(c->row);
		free(c);
		return -1;
	}
	jpeg_create_decompress(&c->info);
	c->progress.progress_monitor = S_jpeg_progress;
	c->info.progress = &c->progress;
	jpeg_mem_src(&c->info, data, (unsigned long)len);
	jpeg_read_header(&c->info, TRUE);
	if (S_too_large(c->info.image_width, c->info.image_height)) {
		snprintf(why, whylen, "%s", S_large);
		longjmp(c->jmp, 1);
	}
	/* PDF's DCTDecode reads Huffman-coded JPEG only. */
	if (c->info.arith_code) {
		snprintf(why, whylen,
			 "a kind of JPEG (lossless or arithmetic) the PDF library cannot read");
		longjmp(c->jmp, 1);
	}
	/* Every coefficient is still decoded at an eighth of the size, so
	 * damage anywhere is found, at a fraction of the work. */
	c->info.scale_num = 1;
	c->info.scale_denom = 8;
	c->info.dct_method = JDCT_IFAST;
	c->info.do_fancy_upsampling = FALSE;
	jpeg_start_decompress(&c->info);
	c->row = sg_xmalloc((size_t)c->info.output_width * c->info.output_components);
	JSAMPROW rows[1] = {c->row};
	while (c->info.output_scanline < c->info.output_height)
		jpeg_read_scanlines(&c->info, rows, 1);
	jpeg_finish_decompress(&c->info);
	if (c->info.num_components != 1 && c->info.num_components != 3 &&
	    c->info.num_components != 4) {
		snprintf(why, whylen, "a JPEG with an unusual number of colour channels");
		longjmp(c->jmp, 1);
	}
	*width = (int)c->info.image_width;
	*height = (int)c->info.image_height;
	*components = c->info.num_components;
	jpeg_destroy_decompress(&c->info);
	free(c->row);
	free(c);
	return 0;
}
