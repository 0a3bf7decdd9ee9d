/*
 * pdf_font.h - the fonts of one PDF document: subsets embedded into libharu.
 *
 * Design note. While a document is laid out, every character it will draw is
 * recorded against the source face that draws it (sg_pdf_fonts_use). Before
 * the first page is drawn, sg_pdf_fonts_embed() makes one HarfBuzz subset per
 * face holding just those characters, renumbered compactly, and loads it into
 * the HPDF_Doc. libhpdf 2.3.0 reads fonts only from a path, so the subset goes
 * into a memfd ("/proc/self/fd/N"), or a private temporary file unlinked at
 * once where memfd is missing; libharu keeps its own descriptor open until the
 * document is freed and reads the glyphs again when it saves.
 *
 * Why subset at all: libhpdf 2.3.0 loses composite glyph components numbered
 * 32,768 or above, and most Han characters of WenQuanYi Micro Hei are such
 * composites, so the whole font prints them blank. The subset has a few
 * hundred glyphs, which also makes embedding fast and the file small.
 *
 * Text is shown with libharu's "UTF-8" encoder: codes are UCS-2, the CID of a
 * character is its code point, and the Type0 font's CIDToGIDMap turns it into
 * the subset's glyph. libharu's own ToUnicode stream is an identity cidrange
 * that poppler warns about and other readers may ignore, so it is rewritten
 * here as a real bfrange map of exactly the embedded characters: copy and
 * paste give the right text back. Characters outside the BMP cannot be encoded
 * at all; callers report them (sg_font_find_outside_bmp) and leave them out.
 */
#ifndef SG_RENDER_PDF_PDF_FONT_H
#define SG_RENDER_PDF_PDF_FONT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/font.h"

typedef struct sg_pdf_fonts sg_pdf_fonts;

/* Per document; free with sg_pdf_fonts_free() after HPDF_Free(). */
sg_pdf_fonts *sg_pdf_fonts_new(const sg_fontset *fs);
void sg_pdf_fonts_free(sg_pdf_fonts *pf);

/* Records that slot draws cp. Code points outside the BMP are ignored (they
 * cannot be shown); so are controls and spaces other than U+0020. */
void sg_pdf_fonts_use(sg_pdf_fonts *pf, int slot, uint32_t cp);

/* More font sets for the same document (headings, a monospace family): a
 * face shared by several sets is embedded once. Returns the set's index, or
 * -1 when too many sets are in use or the fonts are already embedded. */
int sg_pdf_fonts_add_set(sg_pdf_fonts *pf, const sg_fontset *fs);
/* sg_pdf_fonts_use / _get for the slot of a set added with
 * sg_pdf_fonts_add_set (fs NULL: the document's first set). */
void sg_pdf_fonts_use_in(sg_pdf_fonts *pf, const sg_fontset *fs, int slot, uint32_t cp);
HPDF_Font sg_pdf_fonts_get_in(const sg_pdf_fonts *pf, const sg_fontset *fs, int slot);

/* For tests only: embed the source fonts whole instead of subsets, the way
 * that loses glyphs in libhpdf 2.3.0. */
void sg_pdf_fonts_set_whole(sg_pdf_fonts *pf, bool whole);

/* Builds and loads one font per used face (needs HPDF_UseUTFEncodings on
 * doc). Call once, after all sg_pdf_fonts_use calls and before drawing. On
 * failure adds an error at pos to d and returns -1. */
int sg_pdf_fonts_embed(sg_pdf_fonts *pf, HPDF_Doc doc, sg_pos pos, sg_diags *d);

/* The font of a slot after sg_pdf_fonts_embed; NULL when the slot's face drew
 * nothing. */
HPDF_Font sg_pdf_fonts_get(const sg_pdf_fonts *pf, int slot);

/* Appends to out the string to pass to HPDF_Page_ShowText to show the UTF-8
 * text s[0..len) with the slot's font of set fs (NULL: the document's first
 * set), after sg_pdf_fonts_embed. Subsets are shown by glyph number (see
 * sg_font_face_subset_coded), so the string is not the text itself; the
 * font's ToUnicode map gives the text back to readers. */
void sg_pdf_fonts_put(const sg_pdf_fonts *pf, const sg_fontset *fs, int slot, const char *s,
		      size_t len, sg_buf *out);

typedef struct sg_pdf_font_stats {
	int faces;           /* fonts embedded */
	size_t glyphs;       /* characters embedded, all faces */
	size_t font_bytes;   /* subset font programs before libharu compresses them */
	double subset_ms;    /* HarfBuzz subsetting */
	double load_ms;      /* libharu parsing the subsets */
} sg_pdf_font_stats;

void sg_pdf_fonts_stats(const sg_pdf_fonts *pf, sg_pdf_font_stats *out);

#endif
