/*
 * pdf_faceprep.h - what embedding a face needs of it, prepared once per
 * process and shared by every document set in the face (pdf_embed.c).
 *
 * Design note. A build makes hundreds of documents with the same four or
 * five faces, each embedding a subset of every face it shows. Per document
 * that used to mean: reading the CFF table's charset (65,535 glyphs of Noto
 * CJK), flattening the same few hundred charstrings again, and HarfBuzz
 * planning each TrueType subset (LXGW WenKai's emphasis) over the whole
 * 15 MB face, 5 ms for the thirty-odd glyphs a proposal shows in it. Now
 * the charset is read once, the flattened charstrings are kept
 * (sg_cff_cache), and a TrueType face subset many times is handed to
 * HarfBuzz preprocessed (hb_subset_preprocess: its tables parsed and its
 * mappings made once, 0.1 ms a subset afterwards, the same bytes). The
 * first SG_PDF_PLAIN_SUBSETS subsets of a face use the face as it is:
 * preprocessing takes 0.1 to 0.2 s and some 30 MB, which a process making
 * a few PDFs would not recover.
 *
 * Most documents of a build show the same glyphs of some faces (those
 * that set only the template's fixed text: headings, table captions, the
 * emphasis face), so the last SG_PDF_SUBSETS_KEPT subsets of each face are
 * kept by the glyphs they were made for and handed back whole: no subset
 * is made, nor a check of it (sg_pdf_faceprep_find / keep). In the 200
 * proposals of bench/proposals, LXGW WenKai shows 6 sets of glyphs and
 * Noto Sans CJK 8 and 24, against Noto Serif CJK's 184 (the body text).
 *
 * The preparation hangs on the face (sg_font_face_extra), lives as long as
 * the face, and is shared by threads: its fields are set once when it is
 * made, but for the cache, which has its own lock, and the preprocessed
 * face and the kept subsets, made and used under prep's lock.
 */
#ifndef SG_RENDER_PDF_PDF_FACEPREP_H
#define SG_RENDER_PDF_PDF_FACEPREP_H

#include <hb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "layout/font.h"
#include "render/pdf/pdf_cff.h"

/* A subset made before (sg_pdf_faceprep_find): the source glyphs it was
 * made for, in the order given, and what came of them. */
typedef struct sg_pdf_subset_kept {
	uint32_t *gids;   /* n source glyphs, then n subset glyphs (TrueType) */
	size_t n;
	unsigned how;     /* the caller's way of subsetting (own CFF or HarfBuzz) */
	unsigned made;    /* the caller's note on how it came out */
	char *prog;       /* the font program */
	size_t len;
	uint64_t used;    /* the faceprep's clock when last made or found */
} sg_pdf_subset_kept;

/* Subsets kept per face: the faces that show only a template's fixed text
 * (headings, table captions, the emphasis face) repeat theirs in every
 * document. */
#define SG_PDF_SUBSETS_KEPT 8

/* HarfBuzz subsets of a face made from the face as it is, before the face
 * is preprocessed: preprocessing LXGW WenKai costs about what 24 to 38 of
 * its subsets do unprocessed (0.12 to 0.19 s against 5 ms), so a process
 * that makes fewer never pays it, and one that makes more pays at most
 * twice the least it could have. */
#define SG_PDF_PLAIN_SUBSETS 24

typedef struct sg_pdf_faceprep {
	bool cff;          /* the face has a CFF table */
	bool glyf;         /* the face has TrueType outlines */
	bool cff_ok;       /* cff and sg_cff_read could read it into cffi */
	sg_cff_info cffi;  /* what sg_cff_read found: CID-keyed or not, the charset */
	sg_cff_cache *cs;  /* a CID-keyed CFF's flattened charstrings; else NULL */
	pthread_mutex_t lock; /* guards what follows */
	unsigned hb_subsets;  /* HarfBuzz subsets begun */
	hb_face_t *pre;       /* the face preprocessed, after SG_PDF_PLAIN_SUBSETS */
	sg_pdf_subset_kept kept[SG_PDF_SUBSETS_KEPT];
	uint64_t clock;
} sg_pdf_faceprep;

/* The preparation of face, made on the first call; never NULL. */
sg_pdf_faceprep *sg_pdf_faceprep_get(const sg_font_face *face);

/* Runs make(source, arg) with the face HarfBuzz should subset: the face
 * itself the first SG_PDF_PLAIN_SUBSETS times, the preprocessed face
 * afterwards (under the prep's lock: a preprocessed face keeps caches
 * HarfBuzz fills as it subsets). Returns what make returns. */
void *sg_pdf_faceprep_subset(sg_pdf_faceprep *fp, hb_face_t *face,
			     void *(*make)(hb_face_t *source, void *arg), void *arg);

/* The subset made before for the n source glyphs gids (in that order)
 * the way how: appends its program to prog, puts the subset glyph of each
 * source glyph into newgid (n entries) and the note kept with it into
 * *made, and returns true; false when none is kept. */
bool sg_pdf_faceprep_find(sg_pdf_faceprep *fp, const uint32_t *gids, size_t n, unsigned how,
			  sg_buf *prog, uint32_t *newgid, unsigned *made);

/* Keeps the subset made for gids (as above): its program prog[0..len),
 * newgid (n entries) and made, copied, in place of the one least recently
 * used. */
void sg_pdf_faceprep_keep(sg_pdf_faceprep *fp, const uint32_t *gids, size_t n, unsigned how,
			  const char *prog, size_t len, const uint32_t *newgid, unsigned made);

#endif
