/*
 * cjk_emphasis.h - emphasis the way Chinese is written.
 *
 * CommonMark decides whether a run of '*' may open or close emphasis from
 * the characters on either side ("flanking"), rules made for languages with
 * spaces between words. Chinese has none and puts full-width punctuation
 * inside the emphasis, so "这是**重要的。**后面" is left as literal asterisks
 * (the closing run follows punctuation and precedes a letter: not
 * right-flanking). cmark-gfm pairs '*' and '_' in its core, before any
 * extension sees them, so this pass runs over the parsed tree instead.
 */
#ifndef SG_LOAD_CJK_EMPHASIS_H
#define SG_LOAD_CJK_EMPHASIS_H

#include <cmark-gfm.h>

/* Re-pairs the '*' and '_' delimiter runs cmark left as literal text in
 * every paragraph, heading and table cell under root, when a run touches a
 * CJK character or CJK punctuation, wrapping what lies between an opener and
 * its closer in an emphasis or strong node (across inline siblings such as
 * code spans or links, never across blocks). Text without CJK next to the
 * delimiters is left exactly as CommonMark parsed it. '_' is only paired
 * when CJK is on the outer side of the run and the other side is not an
 * ASCII letter or digit, so snake_case names stay literal.
 *
 * Returns the number of emphasis and strong nodes made. */
int sg_cjk_emphasis_fix(cmark_node *root);

#endif
