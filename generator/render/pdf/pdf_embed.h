/*
 * pdf_embed.h - a face of the layout's fonts as a Type0 (Identity-H) font
 * of a PDF file: a HarfBuzz subset of just the glyphs shown, its widths and
 * a ToUnicode map that gives the text back.
 *
 * Design note. The caller names glyphs by their number in the source face
 * (what HarfBuzz's cmap lookup or shaping gives), with the text each one
 * stands for, and gets back the two-byte code to show it with
 * (sg_pdf_font_glyph). The code is fixed at that moment and never depends
 * on the subset made later, so pages can be written as they are drawn and
 * the font is subset once, after the last page (sg_pdf_font_write). The two
 * kinds of outlines get there differently:
 *
 *   TrueType (glyf): the code is the source glyph number. The subset is
 *   renumbered compactly (small: no empty slots for the glyphs left out),
 *   and a CIDToGIDMap stream maps each code to the subset's glyph, from
 *   HarfBuzz's subset plan. A FontFile2 under a CIDFontType2.
 *
 *   CFF (OpenType "CFF "): the code is the glyph's CID. For a CID-keyed CFF
 *   (Noto Sans/Serif CJK, Adobe-Identity-0) that is the CID in the font's
 *   charset (pdf_cff.h). The subset is made by pdf_cff_subset.c, which
 *   keeps each glyph's CID in the subset's charset and numbers the glyphs
 *   compactly in CID order, and drops hints and subroutines: for 500
 *   characters of Noto Serif CJK SC, 1 ms and 112 KB where hb-subset took
 *   8 ms and 142 KB (with its hints and subroutines; 112 KB without).
 *   When it refuses a font (one it cannot read, or a charstring using
 *   operators CID-keyed fonts have no use for), HarfBuzz makes the subset,
 *   which also keeps the CIDs: checked with fontTools on a subset of
 *   NotoSerifCJK-Regular.ttc (face 2, SC), glyphs 34, 1405, 20246 and
 *   26208 became glyphs 1-4 named cid00034, cid01405, cid20246 and
 *   cid26208, while RETAIN_GIDS would keep 63,029 mostly empty glyphs
 *   (698 KB for 4 characters). A reader maps the shown CID through the
 *   subset's charset to the right glyph, and sg_pdf_font_write() reads
 *   that charset back and refuses a subset in which a CID moved. (Noto
 *   CJK's CIDs equal its glyph numbers, but nothing here counts on it.)
 *   The bare CFF table goes in as FontFile3 /Subtype /CIDFontType0C under
 *   a CIDFontType0. A CFF that is not CID-keyed (a Latin OpenType font)
 *   has no charset of CIDs: a reader uses the CID as the glyph number, so
 *   HarfBuzz subsets it with RETAIN_GIDS, which costs a few bytes per glyph
 *   the font has (Latin fonts have few).
 *
 * Either way the caller's glyph numbers go in and codes come out, the same
 * calls for both. The subset drops the layout tables (GSUB, GPOS, ...): a
 * PDF draws the glyphs it is given, and keeping GSUB would make HarfBuzz
 * add every alternate the shown glyphs can turn into.
 *
 * Widths (/W) are the source face's advances in thousandths of an em, with
 * the commonest one as /DW and runs of consecutive codes as one entry. The
 * ToUnicode CMap maps each code to the UTF-16 of its text: characters
 * beyond the BMP as surrogate pairs, a ligature to all of its characters.
 * The subset's name is six capital letters from a SHA-256 of the face's
 * PostScript name and the glyphs shown, then "+" and that name: the same
 * glyphs give the same name.
 */
#ifndef SG_RENDER_PDF_PDF_EMBED_H
#define SG_RENDER_PDF_PDF_EMBED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "layout/font.h"
#include "render/pdf/pdf_file.h"

typedef struct sg_pdf_font sg_pdf_font;

/* A font of file f drawn from face; reserves its object (sg_pdf_font_obj)
 * at once so pages can name it before it is written. NULL when the face has
 * neither TrueType nor CFF outlines (a CFF2 variable font, a bitmap font):
 * the message in why[0..whylen). Free with sg_pdf_font_free(). */
sg_pdf_font *sg_pdf_font_new(sg_pdf_file *f, const sg_font_face *face, char *why,
			     size_t whylen);
void sg_pdf_font_free(sg_pdf_font *pf);

/* The Type0 font's object number, for sg_pdf_content_font(). */
uint32_t sg_pdf_font_obj(const sg_pdf_font *pf);
/* True when the face has CFF outlines (FontFile3). */
bool sg_pdf_font_is_cff(const sg_pdf_font *pf);

/* Makes sg_pdf_font_write subset a CID-keyed CFF face with HarfBuzz, as it
 * does every other face, rather than with pdf_cff_subset.c: for tests and
 * measurements that compare the two. */
void sg_pdf_font_use_harfbuzz(sg_pdf_font *pf);

/* Records that glyph gid of the source face is shown, standing for the UTF-8
 * text[0..len) (one character, several for a ligature, none: len 0), and
 * returns the code that shows it. A glyph keeps the text it was first given.
 * A gid the face does not have shows as .notdef (code 0). */
uint16_t sg_pdf_font_glyph(sg_pdf_font *pf, uint32_t gid, const char *text, size_t len);

/* The code of the face's glyph for character cp, recorded as standing for
 * cp; false (and *code 0) when the face has no glyph for it. */
bool sg_pdf_font_char(sg_pdf_font *pf, uint32_t cp, uint16_t *code);

/* The codes of the characters of UTF-8 s[0..len), each by the face's cmap,
 * into codes (room for len entries); characters the face lacks are left
 * out. Returns the number of codes. */
size_t sg_pdf_font_encode(sg_pdf_font *pf, const char *s, size_t len, uint16_t *codes);

/* The advance of the glyph of code in thousandths of an em (what /W says). */
double sg_pdf_font_width(const sg_pdf_font *pf, uint16_t code);

/* Subsets the face to the glyphs recorded and writes the font's objects
 * into its file. Call once, after the last page that shows the font and
 * before sg_pdf_file_finish(). Returns 0, or -1 with an error at pos in d
 * (HarfBuzz cannot subset the face, or the subset numbers its CIDs
 * otherwise than the source). A font that showed nothing is written too
 * (with .notdef alone), so pages may name it freely. */
int sg_pdf_font_write(sg_pdf_font *pf, sg_pos pos, sg_diags *d);

typedef struct sg_pdf_font_info {
	size_t glyphs;        /* glyphs shown (codes recorded) */
	size_t program_bytes; /* the subset font program, before compression */
	size_t file_bytes;    /* all of the font's objects in the file */
	bool own_cff;         /* the CFF subset is pdf_cff_subset.c's, not HarfBuzz's */
} sg_pdf_font_info;

/* After sg_pdf_font_write. */
void sg_pdf_font_info_get(const sg_pdf_font *pf, sg_pdf_font_info *out);

#endif
