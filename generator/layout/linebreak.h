/*
 * linebreak.h - breaking a paragraph of mixed Chinese and Latin text into lines.
 *
 * Design note. A paragraph is a list of styled runs (text, style, size). Laying
 * it out takes these steps (linebreak.c, then linerules.c and lineset.c):
 *
 * 1. Normalise white space. Markdown leaves soft line breaks in the text; a
 *    run of white space holding one becomes nothing when the characters on both
 *    sides are CJK (Chinese is written without spaces, so a newline in the
 *    source must not become one; a curly quote of Chinese text counts as
 *    CJK here) and a single space otherwise. Other runs of white space
 *    collapse to one space. U+2028 (LINE SEPARATOR) is a hard break. Then
 *    base/cjkspace.h decides what each space becomes: dropped between two Han
 *    characters or beside Chinese punctuation (a typing slip or a template's
 *    seam), a quarter em between Han and a Latin letter or digit
 *    (SG_ITEM_AUTOSPACE), a word space otherwise. Where Han meets a Latin
 *    letter or digit without a space, the quarter em is there all the same
 *    (as room between the two items, not as a character: copied text gains
 *    no space). A verbatim paragraph (code) keeps every space as written.
 *    An ideographic space (U+3000) is an em of room and draws nothing
 *    (SG_ITEM_BLANK): fonts give it the glyph of U+0020, and copied text
 *    would read it as a space between Han characters.
 * 2. Find break opportunities: Unicode UAX #14 from libunibreak with the
 *    language "zh", then the prohibitions of W3C's clreq enforced on top: no
 *    break before closing punctuation (，。、；：？！）」』》 ” ’ and their kin), none
 *    after opening punctuation (（「『《 “ ‘ and their kin). Checked against
 *    Debian's libunibreak 1.1: with "zh" it already forbids every one of these
 *    breaks, so the layer changes nothing today; it stays so the rules hold
 *    whatever the library's tables or the language tag become. Then our own
 *    rules (linerules.c): a number keeps its unit (700元, 0.95 元, 50 MB,
 *    99.9%), a currency code or sign its amount (CNY 86,400) and 第 its
 *    number; "/" between Han characters (元/千瓦时) holds, with the unit
 *    after it; and the paragraph's last line holds at least two Han
 *    characters, or its last Latin word whole (no break between the last
 *    two such units, nor inside the last word).
 * 3. Build the glue model (lineset.c), Knuth and Plass's boxes, glue and
 *    penalties (totalfit.h), with the widths the fonts give:
 *      - every character is a box; between two characters either of which is
 *        CJK, glue of no width that stretches by 0.05 em (justification
 *        spreads Chinese only a little: a twentieth of an em at r = 1);
 *      - a Latin word space is glue(space, space/2, space/3); a Han/Latin
 *        boundary is a quarter em (glue(0.25 em, 0.015 em, 0.015 em)),
 *        whether or not the source had a space there;
 *      - full-width punctuation (mainland scheme, clreq 3.1.6): a mark's blank
 *        side is found from its glyph's ink (the font decides: ，。）」 have
 *        it on the right, （「 on the left; only what is blank is ever taken
 *        away, at most half an em). Of two adjacent marks one loses its blank
 *        for good: a closing mark or stop its trailing blank before another
 *        mark (），。” ”（), an opening mark its leading blank after an
 *        opening mark (《「). Every other blank is glue that shrinks to
 *        nothing: punctuation compression is the first shrink. A line
 *        ending after a closing mark or stop may drop its trailing blank or
 *        keep it, and a line starting with an opening mark may start with
 *        its ink or with its blank: the line's fit decides; the last line
 *        of a paragraph ends at its mark's ink. `none` keeps every mark a
 *        full em;
 *      - a break is free at glue; elsewhere it is a penalty: 50 after a
 *        hyphen or where UAX #14 allows one inside a Latin token, 50
 *        flagged with the hyphen's width at a hyphenation point (libhyphen,
 *        en-US patterns, only for justified paragraphs whose language is
 *        English: sg_para.hyphenate), forbidden where step 2 forbids one. A
 *        run of Latin characters with no break that is wider than a third of
 *        the measure (a URL, an e-mail address) may break after - / @ . at a
 *        cost of 100 (no hyphen added; not at a decimal point), and a piece
 *        wider than the measure between any two of its characters, at
 *        1,000 (after a thousands comma at 100). The measure here is the
 *        full one, not an indented first line's, but for a paragraph's
 *        first token; a group that the number rules hold together (CNY
 *        86,400 计) and that no line holds breaks first where they took a
 *        break away (at 100), so that a word in it (CNY) is split only
 *        when it is itself wider than the measure. A shorter one moves
 *        to the next line whole, but for a phone number, which may break
 *        after a hyphen between digits at 500: dearer than a loose line,
 *        cheaper than one left short;
 *      - an inline object as wide as the measure (an image at full width)
 *        stands on a line of its own: the breaks around it are forced, so
 *        the line before it ends ragged, as a paragraph does.
 * 4. Choose the breaks: justified paragraphs of up to SG_TOTALFIT_GREEDY_ITEMS
 *    pieces (boxes, glue, penalties) by total fit (sg_totalfit_break, TeX's
 *    parameters), so that no line is spread while its neighbours are tight;
 *    longer ones and ragged text (headings, table cells, the cover)
 *    greedily: each line takes as much as fits, with all its shrink, up to
 *    the last free break that fits (else the last one of cost below 1,000,
 *    else any); when that free break would leave the line less than 60%
 *    full, a later one of cost below 1,000 that fits is taken instead (邮 |
 *    箱 zhang.wei@, not a line of 箱 alone before an address). Every line but the last of the paragraph (or one ending in
 *    a hard break) is justified: its glue set by the line's adjustment
 *    ratio, which is held to SG_LINEBREAK_MAX_RATIO: a line that would need
 *    more is left short rather than letter-spaced, and total fit is told so
 *    (sg_totalfit_params.emergency_ratio), so that when some line cannot be
 *    set well it weighs the lines left short (above all the room they
 *    leave empty: no nearly empty line in a paragraph's middle) rather
 *    than spread the looseness over good ones.
 * 5. Place: each item gets its x on its line (sg_item.x: where its glyph is
 *    drawn), so the renderer draws exactly what was measured and decides
 *    nothing. A line broken at a hyphenation point ends with a hyphen item
 *    (SG_ITEM_HYPHEN) that is not in the source.
 *
 * Items are code points; each knows its font slot and advance. The curly
 * quotes “ ” ‘ ’ take their font from the text around them (clreq): an
 * opening quote followed by a CJK character or a closing quote preceded by
 * one, and the other quote of its pair, is set full width in the CJK font and
 * flagged SG_ITEM_CJK (they are then Chinese punctuation for every rule
 * above); other quotes (English text, apostrophes) stay in the Latin font.
 */
#ifndef SG_LAYOUT_LINEBREAK_H
#define SG_LAYOUT_LINEBREAK_H

#include "layout/lines.h"

/* Breaks p into lines of at most width points (justify false leaves every
 * line ragged, and breaks greedily). Any earlier content of out is
 * replaced. */
void sg_linebreak(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
		  bool justify);

/* The same with the first line indent points shorter (a Chinese paragraph's
 * first-line indent); the caller draws that line indent points to the right. */
void sg_linebreak_indent(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
			 double indent, bool justify);

/* The break opportunities alone, one per byte of s like libunibreak's (the
 * value at a character's last byte says whether a line may end after it;
 * other bytes hold SG_BREAK_NONE): UAX #14 for "zh" plus the clreq rules.
 * brks must hold len bytes. Exposed for tests. */
void sg_linebreak_opportunities(const char *s, size_t len, char *brks);

#endif
