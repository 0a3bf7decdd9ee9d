/*
 * pdf_textmarks.h - what a line of text draws besides its glyphs: the dots
 * of Chinese emphasis and the boxes in place of characters no font has.
 *
 * Design note. Chinese emphasis in dots (着重号, layout/font.h:
 * SG_FONT_EMPH_DOTS) is a slot flag: the characters keep their upright
 * face, and a round dot is centred under each Han character, a quarter em
 * below the baseline, below the face's descent and above the next line
 * (punctuation, Latin letters and digits get none, as clreq describes).
 * A character that no installed font can draw was measured one em wide
 * (sg_fontset_advance); a hollow box of that em is drawn in its place, in
 * the text's colour, so that it is seen to be missing rather than lost.
 * The layout has warned about it (an error under --strict).
 */
#ifndef SG_RENDER_PDF_PDF_TEXTMARKS_H
#define SG_RENDER_PDF_PDF_TEXTMARKS_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/layout.h"
#include "render/pdf/pdf_content.h"

/* Whether cp is a Han character (an ideograph of the unified, extension or
 * compatibility blocks, or 〇): what takes an emphasis dot. */
bool sg_pdf_is_han(uint32_t cp);

/* Draws the emphasis dots and the missing characters' boxes of line ln of
 * t into c: the line starts at (x0, y0) on its baseline and runs along
 * (ca, sa) (cos and sin of its angle); xs[k] is the position along the line
 * of its k-th item (items [ln->first, ln->end)). Draws nothing when the
 * line has neither. */
void sg_pdf_text_marks(sg_pdf_content *c, const sg_ltext *t, const sg_line *ln,
		       const double *xs, double x0, double y0, double ca, double sa);

/* Whether sg_pdf_text_marks draws anything for line ln of t (a tagged
 * page marks what it draws as an artifact first). */
bool sg_pdf_text_marks_any(const sg_ltext *t, const sg_line *ln);

#endif
