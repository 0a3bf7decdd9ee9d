/*
 * font.h - the fonts a document is set in: found by family, parsed once, measured.
 *
 * Design note. A document names two families: a Latin one (DejaVu Sans, say) and
 * a CJK one (WenQuanYi Micro Hei). Together they form a font set of eight slots,
 * script x style (regular, bold, italic, bold italic). Each slot points at a
 * source face found through fontconfig, asking for TrueType outlines (the
 * PDF writer also embeds CFF, render/pdf/pdf_embed.h, but the themes' faces
 * are TrueType for now); a style the family lacks reuses the regular face
 * and is flagged for synthetic bold or slant, drawn by the PDF renderer.
 *
 * Parsing a font is the expensive part (WenQuanYi is a 5 MB collection with
 * 49,531 glyphs), so every source face is parsed once per process and kept in a
 * cache guarded by a mutex; font sets are cached the same way. Both are
 * immutable once made, and HarfBuzz objects are safe to read from several
 * threads, so documents laid out in parallel share them without locks.
 *
 * Per character, Han ideographs, kana, CJK punctuation and full-width forms go
 * to the CJK font and everything else to the Latin font; when the preferred
 * font has no glyph the other one is tried. The curly quotes “ ” ‘ ’ need
 * context: the line breaker sets those of Chinese text in the CJK font (full
 * width) and those of English in the Latin one (sg_fontset_choose_in).
 * Widths are the fonts' horizontal advances (hmtx) without kerning: exactly
 * the widths the PDF's fonts give their glyphs, so measured lines and drawn
 * lines agree.
 */
#ifndef SG_LAYOUT_FONT_H
#define SG_LAYOUT_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"

typedef enum sg_font_style {
	SG_FONT_REGULAR = 0,
	SG_FONT_BOLD = 1,
	SG_FONT_ITALIC = 2,
	SG_FONT_BOLD_ITALIC = 3,
} sg_font_style;

typedef enum sg_font_script { SG_FONT_LATIN = 0, SG_FONT_CJK = 1 } sg_font_script;

/* A font set has script * 4 + style slots. */
#define SG_FONT_SLOTS 8

#define SG_FONT_DEFAULT_SANS "DejaVu Sans"
#define SG_FONT_DEFAULT_SERIF "DejaVu Serif"
#define SG_FONT_DEFAULT_CJK "WenQuanYi Micro Hei"

/* One face of one font file, parsed once per process; never freed by callers. */
typedef struct sg_font_face sg_font_face;

typedef struct sg_font_slot {
	const sg_font_face *face;
	bool synthetic_bold;  /* the family has no bold face: fill and stroke */
	bool synthetic_slant; /* the family has no italic face: skew the text */
} sg_font_slot;

typedef struct sg_fontset sg_fontset;

/* The font set of a Latin and a CJK family (NULL picks the defaults). Lookups
 * are cached for the life of the process, so the result is shared and must not
 * be freed. Safe to call from several threads. On failure (a family fontconfig
 * does not know, or one without TrueType outlines) adds an error at pos to d
 * and returns NULL. */
const sg_fontset *sg_fontset_get(const char *latin_family, const char *cjk_family, sg_pos pos,
				 sg_diags *d);
/* The same with the position of each family (where the theme names it). */
const sg_fontset *sg_fontset_get_at(const char *latin_family, sg_pos latin_pos,
				    const char *cjk_family, sg_pos cjk_pos, sg_diags *d);

static inline int sg_font_slot_index(sg_font_script script, sg_font_style style)
{
	return (int)script * 4 + (int)style;
}

const sg_font_slot *sg_fontset_slot(const sg_fontset *fs, int slot);

/* True for the characters set in the CJK font by preference. */
bool sg_font_prefers_cjk(uint32_t cp);

/* The slot that draws cp in style: the preferred script's font when it has the
 * glyph, else the other one's. When neither has it, returns the preferred slot
 * and sets *missing (which may be NULL) to true. */
int sg_fontset_choose(const sg_fontset *fs, uint32_t cp, sg_font_style style, bool *missing);
/* The same with the script preferred given by the caller, which knows the
 * context (a curly quote inside Chinese text is set in the CJK font). */
int sg_fontset_choose_in(const sg_fontset *fs, uint32_t cp, sg_font_style style,
			 sg_font_script pref, bool *missing);

/* The advance of cp in slot's face at size points (0 when the face has no
 * glyph for it). */
double sg_fontset_advance(const sg_fontset *fs, int slot, uint32_t cp, double size);

/* The width in points of UTF-8 text set in style at size, each character in
 * the face sg_fontset_choose picks. */
double sg_fontset_measure(const sg_fontset *fs, const char *s, size_t len, sg_font_style style,
			  double size);

/* The face's file, the index of the face within a collection, its family and
 * style names as fontconfig reports them, its glyph count and units per em. */
const char *sg_font_face_path(const sg_font_face *f);
unsigned sg_font_face_index(const sg_font_face *f);
const char *sg_font_face_family(const sg_font_face *f);
const char *sg_font_face_style(const sg_font_face *f);
unsigned sg_font_face_glyph_count(const sg_font_face *f);
unsigned sg_font_face_upem(const sg_font_face *f);

bool sg_font_face_has_glyph(const sg_font_face *f, uint32_t cp);
/* Advance of cp at size points; 0 when the face has no glyph. */
double sg_font_face_advance(const sg_font_face *f, uint32_t cp, double size);

/* Loads one font file directly, bypassing fontconfig (tests and tools). The
 * face is cached like the others. NULL when the file cannot be parsed. */
const sg_font_face *sg_font_face_load(const char *path, unsigned index);

/* Frees every cached face and font set. Only for the end of a process (leak
 * checkers): nothing may use a font afterwards. */
void sg_font_cache_clear(void);

#endif
