/*
 * cjk_gaps.h - the spaces of a site page between Chinese and other text,
 * made what base/cjkspace.h says they are, once the page is complete.
 *
 * Spaces reach a page from everywhere: the Markdown, content text in the
 * templates' values, and the templates themselves ("权限。 {{x}}"). Fixing
 * each source cannot be complete (a value ends in a Chinese character or
 * not), so the finished page is read once more. In its text a run of white
 * space between two characters is dropped where sg_cjk_gap_between() says
 * SG_GAP_DROP (two Han characters, or Chinese punctuation on either side)
 * and, in a Chinese page, where it says SG_GAP_QUARTER (a Han character
 * beside a Latin letter or digit): there the browser puts the gap itself,
 * the same at every such boundary, typed or not, with the theme's CSS
 * `text-autospace: normal` (docs/themes.md). In a page in another language
 * a space typed between a Chinese name and an English word stays the word
 * space it is. Nothing is ever inserted.
 *
 * The text is read across the tags of plain inline markup (a, b, strong,
 * em, i, u, s, del, ins, mark, q, abbr, cite, dfn, var) when the tag has no
 * class attribute: "<strong>方案。</strong> 如果" loses its space. Any
 * other tag, and one with a class (which a theme may draw as a box, such
 * as a badge beside a name), ends the text on either side, so a space next
 * to it stays. Nothing inside script, style, title, textarea, pre, code,
 * kbd, samp or svg is changed, nor any attribute or comment.
 */
#ifndef SG_RENDER_HTML_CJK_GAPS_H
#define SG_RENDER_HTML_CJK_GAPS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Rewrites html->data[from..len), an HTML page or fragment in UTF-8, in
 * place as above (it only gets shorter). zh: whether the text is Chinese,
 * for the Han|Latin gaps; an <html lang="..."> start tag in the text
 * decides it instead (a lang starting with "zh"). Returns the number of
 * white space runs dropped. */
size_t sg_html_cjk_gaps(sg_buf *html, size_t from, bool zh);

#endif
