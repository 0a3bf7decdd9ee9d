/*
 * pdf_image.c - an image file of a layout as an image XObject: a PNG
 * decoded here (layout/image.h, libpng's errors caught) and written as its
 * pixels, a JPEG checked here and written as it is (pdf_ximage.h).
 *
 * Always from the bytes the layout read (and confined to the content
 * folder), never from the file again. A gray, RGB or palette PNG without
 * transparency goes in with its own compressed data; any other as its
 * pixels (16 bits scaled to 8, palettes expanded), its alpha channel or
 * transparent colour a soft mask.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/sha256.h"

#include "layout/image.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_ximage.h"

/* ---- PNGs compressed in this process ------------------------------------

A build sets the same logo into every proposal and report, and a PNG that
must be compressed again (one with transparency) costs about 17 ms for the
sample logo at zlib level 9 (pdf_ximage.c). So what was compressed is kept,
by the SHA-256 of the file, for the documents after it in this process:
S_CACHE_N entries, each of at most S_CACHE_BYTES, the oldest replaced. The
same bytes give the same image: its file was decoded whole once. */

#define S_CACHE_N 8
#define S_CACHE_BYTES ((size_t)1 << 20)

typedef struct S_cached {
	uint8_t key[SG_SHA256_LEN];
	sg_pdf_ximage_enc enc;
	bool used;
} S_cached;

static S_cached S_cache[S_CACHE_N];
static size_t S_cache_next;
static pthread_mutex_t S_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_enc_copy(sg_pdf_ximage_enc *to, const sg_pdf_ximage_enc *from)
{
	*to = *from;
	sg_buf_init(&to->colour);
	sg_buf_init(&to->alpha);
	sg_buf_put(&to->colour, from->colour.data, from->colour.len);
	sg_buf_put(&to->alpha, from->alpha.data, from->alpha.len);
}

/* A copy of the entry of key into *e: true, or false when there is none. */
static bool S_cache_get(const uint8_t key[SG_SHA256_LEN], sg_pdf_ximage_enc *e)
{
	bool found = false;
	pthread_mutex_lock(&S_cache_lock);
	for (size_t i = 0; i < S_CACHE_N && !found; i++)
		if (S_cache[i].used && memcmp(S_cache[i].key, key, SG_SHA256_LEN) == 0) {
			S_enc_copy(e, &S_cache[i].enc);
			found = true;
		}
	pthread_mutex_unlock(&S_cache_lock);
	return found;
}

static void S_cache_put(const uint8_t key[SG_SHA256_LEN], const sg_pdf_ximage_enc *e)
{
	if (e->colour.len + e->alpha.len > S_CACHE_BYTES)
		return;
	pthread_mutex_lock(&S_cache_lock);
	S_cached *c = &S_cache[S_cache_next];
	S_cache_next = (S_cache_next + 1) % S_CACHE_N;
	if (c->used)
		sg_pdf_ximage_enc_dispose(&c->enc);
	memcpy(c->key, key, SG_SHA256_LEN);
	S_enc_copy(&c->enc, e);
	c->used = true;
	pthread_mutex_unlock(&S_cache_lock);
}

/* ---- PNG and JPEG ------------------------------------------------------- */

/* The PNG in file, decoded whole by libpng (which refuses a damaged one),
 * as pdf_ximage.h writes it: its own image data when a PDF can take that as
 * it is, else its pixels compressed again, rows filtered as the PNG has
 * them (or as pdf_ximage.c chooses, when interlaced). */
static int S_png(sg_pdf_file *f, const sg_limage *file, uint32_t *obj, char *why, size_t whylen)
{
	uint8_t key[SG_SHA256_LEN];
	sg_sha256 sha;
	sg_sha256_init(&sha);
	sg_sha256_update(&sha, file->data, file->len);
	sg_sha256_final(&sha, key);
	sg_pdf_ximage_enc e;
	if (S_cache_get(key, &e)) {
		int rc = sg_pdf_ximage_write(f, &e, obj);
		sg_pdf_ximage_enc_dispose(&e);
		return rc;
	}
	sg_image_pixels px;
	if (sg_image_png_decode(&px, file->data, file->len, why, whylen) < 0)
		return -1;
	sg_pdf_png png;
	bool raw = sg_pdf_png_read(&png, file->data, file->len) == 0;
	int rc = raw ? sg_pdf_ximage_png(f, &png, obj) : -1;
	if (rc < 0) {
		rc = sg_pdf_ximage_encode(&e, &px, raw ? png.filters : NULL);
		if (rc == 0) {
			rc = sg_pdf_ximage_write(f, &e, obj);
			S_cache_put(key, &e);
			sg_pdf_ximage_enc_dispose(&e);
		}
	}
	if (rc < 0)
		snprintf(why, whylen, "zlib cannot compress its pixels");
	if (raw)
		sg_pdf_png_dispose(&png);
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
