/*
 * pdf_font.h - the fonts of one PDF document: a font of the file
 * (pdf_embed.h) for each face its pages show.
 *
 * Design note. The layout names a face by font set and slot, and several
 * sets of one document (body, headings, code) share faces; each face
 * becomes one Type0 font, whichever set reaches it. A font is made when a
 * page first shows its face. The code that shows a glyph is fixed when the
 * glyph is first shown (pdf_embed.h: the glyph's number or CID in the
 * source face), so each page is written as soon as it is drawn, and
 * sg_pdf_fonts_write() subsets every face once, after the last page.
 * Nothing is collected before the pages are drawn.
 */
#ifndef SG_RENDER_PDF_PDF_FONT_H
#define SG_RENDER_PDF_PDF_FONT_H

#include <stddef.h>

#include "base/diag.h"
#include "layout/font.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "render/pdf/pdf_embed.h"
#include "render/pdf/pdf_file.h"

typedef struct sg_pdf_fonts sg_pdf_fonts;

/* The font sets a document in style s is set in. */
typedef struct sg_pdf_fontsets {
	const sg_fontset *body;    /* fonts.latin, fonts.cjk */
	const sg_fontset *heading; /* fonts.heading_latin, fonts.heading_cjk */
	const sg_fontset *mono;    /* fonts.mono, fonts.cjk */
	const sg_fontset *table;   /* fonts.table_latin, fonts.table_cjk */
} sg_pdf_fontsets;

/* Looks up the font sets of style s, each with its Chinese emphasis
 * (emphasis_cjk, fonts.kai). A family that is not installed is an error
 * where pdf.yaml names it (at pos for a default); a family without a bold
 * face, whose bold is stroked, is a warning there, once per family. Returns
 * 0, or -1 after an error (out is then partly NULL). */
int sg_pdf_fontsets_get(const sg_style *s, sg_pos pos, sg_pdf_fontsets *out, sg_diags *d);

/* A warning for each character of l's texts that no installed font has
 * (drawn as a box: pdf_textmarks.h), at its text's position, or at pos for
 * a text without one (a cover's title and fields). For the parts of a
 * document the Markdown layout does not warn about itself. */
void sg_pdf_warn_missing(const sg_layout *l, sg_pos pos, sg_diags *d);

/* The fonts of file f; free with sg_pdf_fonts_free() (f may be freed
 * before or after). */
sg_pdf_fonts *sg_pdf_fonts_new(sg_pdf_file *f);
void sg_pdf_fonts_free(sg_pdf_fonts *pf);

/* The font that shows face, made on first use. NULL when the face cannot
 * be embedded (pdf_embed.h: neither TrueType nor CFF outlines), after an
 * error at pos in d the first time. */
sg_pdf_font *sg_pdf_fonts_get(sg_pdf_fonts *pf, const sg_font_face *face, sg_pos pos,
			      sg_diags *d);

/* Subsets and writes every font made; call once, after the last page and
 * before sg_pdf_file_finish(). Returns 0, or -1 after an error at pos in d
 * (pdf_embed.h: sg_pdf_font_write). */
int sg_pdf_fonts_write(sg_pdf_fonts *pf, sg_pos pos, sg_diags *d);

typedef struct sg_pdf_font_stats {
	int faces;         /* fonts embedded */
	size_t glyphs;     /* glyphs embedded, all faces */
	size_t font_bytes; /* the subset font programs, before compression */
	double subset_ms;  /* subsetting the faces and writing their objects */
} sg_pdf_font_stats;

/* After sg_pdf_fonts_write. */
void sg_pdf_fonts_stats(const sg_pdf_fonts *pf, sg_pdf_font_stats *out);

#endif
