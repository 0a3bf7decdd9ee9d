/*
 * font_hb.h - the HarfBuzz objects behind a face, for code that needs outlines.
 *
 * Kept out of font.h so that layout callers do not see HarfBuzz types; only
 * tools that draw glyphs themselves (the glyph-sheet test) include this.
 */
#ifndef SG_LAYOUT_FONT_HB_H
#define SG_LAYOUT_FONT_HB_H

#include <hb.h>

#include "layout/font.h"

/* Borrowed, immutable, valid until sg_font_cache_clear(). */
hb_font_t *sg_font_face_hb_font(const sg_font_face *f);

#endif
