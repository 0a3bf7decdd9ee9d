/*
 * font.h - the fonts a document is set in: found by family, parsed once, measured.
 *
 * Design note. A document names two families: a Latin one (Noto Serif CJK SC's
 * own Latin letters, DejaVu Sans, ...) and a CJK one (Noto Serif CJK SC,
 * WenQuanYi Micro Hei). Together they form a font set of eight slots, script x
 * style (regular, bold, italic, bold italic). Each slot points at a source face
 * found through fontconfig: TrueType (glyf) or CFF outlines, a face of a
 * collection (.ttc, .otc) picked by its family name; the PDF writer embeds
 * either (render/pdf/pdf_embed.h). A bold the family lacks reuses the regular
 * face and is flagged for synthetic bold (filled and stroked by the PDF
 * renderer, which warns of it: render/pdf/pdf_font.h); a Latin italic the
 * family lacks is flagged for a slant.
 *
 * Chinese is never slanted. The CJK italic slots (what Markdown's *emphasis*
 * asks for) are either a Kai face (SG_FONT_EMPH_KAI: LXGW WenKai by default,
 * its bold for bold emphasis) or the upright faces flagged emphasis_dots
 * (SG_FONT_EMPH_DOTS), under whose Han characters the renderer draws a dot
 * (着重号). A character of Chinese text is never given a slanted slot: when
 * the Kai face lacks it, the upright face draws it.
 *
 * Parsing a font is the expensive part (WenQuanYi is a 5 MB collection with
 * 49,531 glyphs; the files are mapped, not read), so every source face is
 * parsed once per process and kept in a cache guarded by a mutex; font sets
 * are cached the same way. Both are immutable once made (but for the fallback
 * slots, appended under the mutex), and HarfBuzz objects are safe to read from
 * several threads, so documents laid out in parallel share them without locks.
 * Each face also keeps what its cmap and hmtx say of each BMP character once
 * asked (a table of 65,536 atomic entries, 512 KB of address space a face,
 * touched only where characters are), since a document asks for the same
 * few hundred characters thousands of times.
 *
 * Per character, Han ideographs, kana, CJK punctuation and full-width forms go
 * to the CJK font and everything else to the Latin font; when the preferred
 * font has no glyph the other one is tried. The curly quotes “ ” ‘ ’ need
 * context: the line breaker sets those of Chinese text in the CJK font (full
 * width) and those of English in the Latin one (sg_fontset_choose_in).
 * A character neither family has is looked for along a fallback chain:
 * the fonts fontconfig ranks for the CJK family and Chinese (FcFontSort),
 * those with TrueType or CFF outlines whose character set has it (HanaMinB for
 * CJK Extension B, say); the face found becomes a fallback slot of the set,
 * upright and regular whatever the style asked. A character no installed font
 * has is missing: it measures one em, the hollow box the renderer draws in its
 * place. Invisible characters (controls, default-ignorable ones such as
 * U+200B or the variation selectors) that no font has take no room and are
 * not missing.
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

/* A font set has script * 4 + style slots, then up to SG_FONT_FALLBACKS
 * fallback slots (faces of the fallback chain, added as characters need
 * them). */
#define SG_FONT_SLOTS 8
#define SG_FONT_FALLBACKS 16

#define SG_FONT_DEFAULT_SANS "DejaVu Sans"
#define SG_FONT_DEFAULT_SERIF "DejaVu Serif"
#define SG_FONT_DEFAULT_CJK "WenQuanYi Micro Hei"
#define SG_FONT_DEFAULT_KAI "LXGW WenKai"

/* How Chinese emphasis (the italic style) is set. */
typedef enum sg_font_emphasis {
	SG_FONT_EMPH_KAI = 0,  /* in a Kai face */
	SG_FONT_EMPH_DOTS = 1, /* upright, a dot under each Han character */
} sg_font_emphasis;

/* One face of one font file, parsed once per process; never freed by callers. */
typedef struct sg_font_face sg_font_face;

/* How many characters a slot of Latin text may draw in the Latin forms of
 * its face (sg_font_slot_glyph). */
#define SG_FONT_LATIN_FORMS 5

typedef struct sg_font_slot {
	const sg_font_face *face;
	/* For a slot of Latin text in a CJK face: the glyphs of its Latin forms
	 * of the curly quotes and the ellipsis, 0 where the face has none (or
	 * where the form is the nominal glyph). */
	uint32_t latin_form[SG_FONT_LATIN_FORMS];
	bool synthetic_bold;  /* the family has no bold face: fill and stroke */
	bool synthetic_slant; /* the family has no italic face: skew the text */
	bool emphasis_dots;   /* Chinese emphasis: a dot under each Han character */
	/* The family the slot was asked for (the set's Latin, CJK or Kai
	 * family, as named); NULL for a fallback slot. */
	const char *family;
} sg_font_slot;

typedef struct sg_fontset sg_fontset;

/* What a font set is made of, and where each family is named (a theme's
 * pdf.yaml line), for the messages. */
typedef struct sg_fontset_spec {
	const char *latin; /* NULL or "": SG_FONT_DEFAULT_SANS */
	const char *cjk;   /* NULL or "": SG_FONT_DEFAULT_CJK */
	const char *kai;   /* with SG_FONT_EMPH_KAI; NULL or "": SG_FONT_DEFAULT_KAI */
	sg_font_emphasis emphasis;
	sg_pos latin_at, cjk_at, kai_at;
} sg_fontset_spec;

/* The font set spec describes. Lookups are cached for the life of the
 * process, so the result is shared and must not be freed. Safe to call from
 * several threads. On failure (a family fontconfig does not know, or one
 * with neither TrueType nor CFF outlines) adds an error at the family's
 * position to d and returns NULL. */
const sg_fontset *sg_fontset_get_spec(const sg_fontset_spec *spec, sg_diags *d);

/* The font set of a Latin and a CJK family (NULL picks the defaults), with
 * Chinese emphasis in dots, errors at pos. */
const sg_fontset *sg_fontset_get(const char *latin_family, const char *cjk_family, sg_pos pos,
				 sg_diags *d);
/* The same with the position of each family (where the theme names it). */
const sg_fontset *sg_fontset_get_at(const char *latin_family, sg_pos latin_pos,
				    const char *cjk_family, sg_pos cjk_pos, sg_diags *d);

static inline int sg_font_slot_index(sg_font_script script, sg_font_style style)
{
	return (int)script * 4 + (int)style;
}

/* Slot number slot of fs: one of the SG_FONT_SLOTS, or a fallback slot a
 * choice returned. */
const sg_font_slot *sg_fontset_slot(const sg_fontset *fs, int slot);

/* True for the characters set in the CJK font by preference. */
bool sg_font_prefers_cjk(uint32_t cp);

/* Whether cp is drawn with a glyph: false for controls, the line and
 * paragraph separators and the default-ignorable code points (U+00AD, U+200B
 * to U+200F, U+2060 to U+206F, the variation selectors, U+FEFF, ...), which
 * take no room when no font has them. */
bool sg_font_char_visible(uint32_t cp);

/* The slot that draws cp in style: the preferred script's font when it has the
 * glyph, else the other one's; for an italic style the upright faces next
 * (never a slanted slot for a character of Chinese text); then the fallback
 * chain. When no font has it, returns the preferred slot and sets *missing
 * (which may be NULL) to true, unless cp is not visible
 * (sg_font_char_visible). */
int sg_fontset_choose(const sg_fontset *fs, uint32_t cp, sg_font_style style, bool *missing);
/* The same with the script preferred given by the caller, which knows the
 * context (a curly quote inside Chinese text is set in the CJK font). */
int sg_fontset_choose_in(const sg_fontset *fs, uint32_t cp, sg_font_style style,
			 sg_font_script pref, bool *missing);

/* The glyph slot draws cp with, 0 when its face has none: the face's nominal
 * glyph, except that a slot of Latin text in a CJK face (Noto CJK sets Latin
 * in its own letters) draws the curly quotes and the ellipsis in their Latin
 * forms. A CJK face maps them to full-width glyphs, right in Chinese text
 * and wrong in English ("customer’ s"); its `pwid` feature holds the
 * proportional ones. The layout measures and the renderer draws this
 * glyph. */
uint32_t sg_font_slot_glyph(const sg_font_slot *slot, uint32_t cp);

/* The advance of cp in slot's face at size points. When the face has no
 * glyph for it: one em (size), the width of the box drawn in its place, or 0
 * for a character that is not visible. */
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

/* How many times sg_font_cache_clear() has run: what is kept by font set
 * (layout/linememo.c) is stale once it changes, since a font set made
 * afterwards may have a freed one's address. */
unsigned sg_font_cache_generation(void);

#endif
