/*
 * pdf_faceprep.c - a face's subsetting data, made once (see pdf_faceprep.h).
 */
#include "render/pdf/pdf_faceprep.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/font_hb.h"

static bool S_has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;
	hb_blob_destroy(b);
	return has;
}

static void *S_make(const sg_font_face *face)
{
	sg_pdf_faceprep *fp = sg_xcalloc(1, sizeof *fp);
	hb_face_t *hb = hb_font_get_face(sg_font_face_hb_font(face));
	pthread_mutex_init(&fp->lock, NULL);
	fp->cff = S_has_table(hb, HB_TAG('C', 'F', 'F', ' '));
	fp->glyf = S_has_table(hb, HB_TAG('g', 'l', 'y', 'f'));
	if (fp->cff) {
		hb_blob_t *b = hb_face_reference_table(hb, HB_TAG('C', 'F', 'F', ' '));
		unsigned len;
		const char *data = hb_blob_get_data(b, &len);
		fp->cff_ok = sg_cff_read(&fp->cffi, (const uint8_t *)data, len) == 0;
		hb_blob_destroy(b);
		if (fp->cff_ok && fp->cffi.cid_keyed)
			fp->cs = sg_cff_cache_new(fp->cffi.glyphs);
	}
	return fp;
}

static void S_free(void *p)
{
	sg_pdf_faceprep *fp = p;
	sg_cff_info_dispose(&fp->cffi);
	sg_cff_cache_free(fp->cs);
	if (fp->pre)
		hb_face_destroy(fp->pre);
	for (int i = 0; i < SG_PDF_SUBSETS_KEPT; i++) {
		free(fp->kept[i].gids);
		free(fp->kept[i].prog);
	}
	pthread_mutex_destroy(&fp->lock);
	free(fp);
}

sg_pdf_faceprep *sg_pdf_faceprep_get(const sg_font_face *face)
{
	return sg_font_face_extra(face, S_make, S_free);
}

void *sg_pdf_faceprep_subset(sg_pdf_faceprep *fp, hb_face_t *face,
			     void *(*make)(hb_face_t *source, void *arg), void *arg)
{
	pthread_mutex_lock(&fp->lock);
	bool plain = fp->hb_subsets++ < SG_PDF_PLAIN_SUBSETS;
	if (plain) {
		/* Subsets of the face as it is run unlocked. */
		pthread_mutex_unlock(&fp->lock);
		return make(face, arg);
	}
	if (!fp->pre) {
		fp->pre = hb_subset_preprocess(face);
		if (fp->pre && hb_face_get_glyph_count(fp->pre) != hb_face_get_glyph_count(face)) {
			hb_face_destroy(fp->pre);
			fp->pre = NULL;
		}
	}
	void *r = make(fp->pre ? fp->pre : face, arg);
	pthread_mutex_unlock(&fp->lock);
	return r;
}

/* The kept subset for gids made the way how, or NULL; under fp's lock. */
static sg_pdf_subset_kept *S_kept(sg_pdf_faceprep *fp, const uint32_t *gids, size_t n,
				  unsigned how)
{
	for (int i = 0; i < SG_PDF_SUBSETS_KEPT; i++) {
		sg_pdf_subset_kept *k = &fp->kept[i];
		if (k->prog && k->n == n && k->how == how &&
		    memcmp(k->gids, gids, n * sizeof *gids) == 0)
			return k;
	}
	return NULL;
}

bool sg_pdf_faceprep_find(sg_pdf_faceprep *fp, const uint32_t *gids, size_t n, unsigned how,
			  sg_buf *prog, uint32_t *newgid, unsigned *made)
{
	pthread_mutex_lock(&fp->lock);
	sg_pdf_subset_kept *k = S_kept(fp, gids, n, how);
	if (k) {
		k->used = ++fp->clock;
		sg_buf_put(prog, k->prog, k->len);
		memcpy(newgid, k->gids + n, n * sizeof *newgid);
		*made = k->made;
	}
	pthread_mutex_unlock(&fp->lock);
	return k != NULL;
}

void sg_pdf_faceprep_keep(sg_pdf_faceprep *fp, const uint32_t *gids, size_t n, unsigned how,
			  const char *prog, size_t len, const uint32_t *newgid, unsigned made)
{
	pthread_mutex_lock(&fp->lock);
	if (!S_kept(fp, gids, n, how)) {
		sg_pdf_subset_kept *k = &fp->kept[0];
		for (int i = 1; i < SG_PDF_SUBSETS_KEPT && k->prog; i++)
			if (!fp->kept[i].prog || fp->kept[i].used < k->used)
				k = &fp->kept[i];
		free(k->gids);
		free(k->prog);
		k->gids = sg_xmalloc((2 * n + 1) * sizeof *k->gids);
		memcpy(k->gids, gids, n * sizeof *gids);
		memcpy(k->gids + n, newgid, n * sizeof *newgid);
		k->n = n;
		k->how = how;
		k->made = made;
		k->prog = sg_xmalloc(len + 1);
		memcpy(k->prog, prog, len);
		k->len = len;
		k->used = ++fp->clock;
	}
	pthread_mutex_unlock(&fp->lock);
}
