/*
 * pdf_font.c - a document's fonts, one per face (see pdf_font.h).
 */
#include "render/pdf/pdf_font.h"

#include <stdlib.h>
#include <time.h>

#include "base/alloc.h"

typedef struct S_entry {
	const sg_font_face *face;
	sg_pdf_font *font; /* NULL: the face cannot be embedded (reported) */
} S_entry;

struct sg_pdf_fonts {
	sg_pdf_file *file;
	/* A document uses a handful of faces (body, headings and code, each
	 * Latin and CJK, regular and bold): a list is quicker than a map. */
	S_entry *faces;
	size_t n, cap;
	size_t last; /* the entry found last: text comes in runs of one face */
	sg_pdf_font_stats stats;
};

static double S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

sg_pdf_fonts *sg_pdf_fonts_new(sg_pdf_file *f)
{
	sg_pdf_fonts *pf = sg_xcalloc(1, sizeof *pf);
	pf->file = f;
	return pf;
}

void sg_pdf_fonts_free(sg_pdf_fonts *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->n; i++)
		sg_pdf_font_free(pf->faces[i].font);
	free(pf->faces);
	free(pf);
}

sg_pdf_font *sg_pdf_fonts_get(sg_pdf_fonts *pf, const sg_font_face *face, sg_pos pos,
			      sg_diags *d)
{
	if (pf->last < pf->n && pf->faces[pf->last].face == face)
		return pf->faces[pf->last].font;
	for (size_t i = 0; i < pf->n; i++) {
		if (pf->faces[i].face == face) {
			pf->last = i;
			return pf->faces[i].font;
		}
	}
	char why[256] = "";
	sg_pdf_font *font = sg_pdf_font_new(pf->file, face, why, sizeof why);
	if (!font)
		sg_error(d, pos, "the font %s cannot be embedded: %s", sg_font_face_path(face), why);
	if (pf->n == pf->cap) {
		pf->cap = pf->cap ? 2 * pf->cap : 8;
		pf->faces = sg_xrealloc(pf->faces, pf->cap * sizeof *pf->faces);
	}
	pf->faces[pf->n] = (S_entry){face, font};
	pf->last = pf->n++;
	return font;
}

int sg_pdf_fonts_write(sg_pdf_fonts *pf, sg_pos pos, sg_diags *d)
{
	double t0 = S_now_ms();
	int rc = 0;
	for (size_t i = 0; i < pf->n; i++) {
		sg_pdf_font *font = pf->faces[i].font;
		if (!font)
			continue;
		if (sg_pdf_font_write(font, pos, d) < 0) {
			rc = -1;
			continue;
		}
		sg_pdf_font_info info;
		sg_pdf_font_info_get(font, &info);
		pf->stats.faces++;
		pf->stats.glyphs += info.glyphs;
		pf->stats.font_bytes += info.program_bytes;
	}
	pf->stats.subset_ms += S_now_ms() - t0;
	return rc;
}

void sg_pdf_fonts_stats(const sg_pdf_fonts *pf, sg_pdf_font_stats *out)
{
	*out = pf->stats;
}
