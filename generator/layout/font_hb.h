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

/* What the PDF writer prepares once per face and reuses for every document
 * (its subsetting data, render/pdf/pdf_embed.c): made by make(f) on the
 * first call, under the font cache's lock, and returned by every later call
 * whatever make is given; destroy frees it in sg_font_cache_clear(). One
 * object per face: a single user. The object is shared by every thread
 * that sets a document in the face, so what it keeps must be immutable or
 * guarded by its own lock. */
void *sg_font_face_extra(const sg_font_face *f, void *(*make)(const sg_font_face *),
			 void (*destroy)(void *));

#endif
