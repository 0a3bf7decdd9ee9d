/*
 * pdf_font.c - a document's fonts, one per face (see pdf_font.h).
 */
#include "render/pdf/pdf_font.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/utf8.h"

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

/* ---- the font sets of a style ------------------------------------------ */

/* Where the style names a family: a family that is not installed is the
 * theme's problem, reported once at its pdf.yaml line rather than in every
 * document (pos, when the family is a default). */
static sg_pos S_at(sg_pos at, sg_pos pos)
{
	return at.path ? at : pos;
}

/* Where s names family first, in the order its keys are listed; pos when
 * no key names it (a default). */
static sg_pos S_named_at(const sg_style *s, const char *family, sg_pos pos)
{
	const struct {
		const char *name;
		sg_pos at;
	} keys[] = {
		{s->font_latin, s->font_latin_at},
		{s->font_cjk, s->font_cjk_at},
		{s->font_heading_latin, s->font_heading_latin_at},
		{s->font_heading_cjk, s->font_heading_cjk_at},
		{s->font_mono, s->font_mono_at},
		{s->font_table_latin, s->font_table_latin_at},
		{s->font_table_cjk, s->font_table_cjk_at},
		{s->font_kai, s->font_kai_at},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (keys[i].name && keys[i].at.path && strcmp(keys[i].name, family) == 0)
			return keys[i].at;
	return pos;
}

static const sg_fontset *S_set(const sg_style *s, const char *latin, sg_pos latin_at,
			       const char *cjk, sg_pos cjk_at, sg_pos pos, sg_diags *d)
{
	sg_fontset_spec spec = {latin,
				cjk,
				s->font_kai,
				s->emphasis_cjk,
				S_at(latin_at, pos),
				S_at(cjk_at, pos),
				S_at(s->font_kai_at, S_at(s->emphasis_cjk_at, pos))};
	return sg_fontset_get_spec(&spec, d);
}

/* A warning for each family of the sets whose bold is stroked, once per
 * family. */
static void S_warn_fake_bold(const sg_style *s, const sg_fontset *const *sets, size_t n,
			     sg_pos pos, sg_diags *d)
{
	const char *warned[4 * SG_FONT_SLOTS];
	size_t nwarned = 0;
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < SG_FONT_SLOTS; k++) {
			const sg_font_slot *slot = sg_fontset_slot(sets[i], k);
			if (!slot->synthetic_bold || !slot->family)
				continue;
			bool seen = false;
			for (size_t j = 0; j < nwarned && !seen; j++)
				seen = strcmp(warned[j], slot->family) == 0;
			if (seen)
				continue;
			warned[nwarned++] = slot->family;
			sg_warning(d, S_named_at(s, slot->family, pos),
				   "font family \"%s\" has no bold face: its bold is drawn by "
				   "stroking the outlines",
				   slot->family);
		}
	}
}

int sg_pdf_fontsets_get(const sg_style *s, sg_pos pos, sg_pdf_fontsets *out, sg_diags *d)
{
	out->body = S_set(s, s->font_latin, s->font_latin_at, s->font_cjk, s->font_cjk_at, pos, d);
	out->heading = S_set(s, s->font_heading_latin, s->font_heading_latin_at,
			     s->font_heading_cjk, s->font_heading_cjk_at, pos, d);
	out->mono = S_set(s, s->font_mono, s->font_mono_at, s->font_cjk, s->font_cjk_at, pos, d);
	out->table = S_set(s, s->font_table_latin, s->font_table_latin_at, s->font_table_cjk,
			   s->font_table_cjk_at, pos, d);
	if (!out->body || !out->heading || !out->mono || !out->table)
		return -1;
	const sg_fontset *sets[] = {out->body, out->heading, out->table, out->mono};
	S_warn_fake_bold(s, sets, 4, pos, d);
	return 0;
}

void sg_pdf_warn_missing(const sg_layout *l, sg_pos pos, sg_diags *d)
{
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t i = 0; i < l->ntexts; i++)
		sg_ltext_warn_missing(sg_ltext_open(l->texts[i], &sc), pos, d);
	sg_ltext_scratch_dispose(&sc);
}
