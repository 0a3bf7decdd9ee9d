/*
 * cjkspace.h - the space between Chinese and other text: what a gap between
 * two characters becomes, for the PDF layout and the HTML site alike.
 *
 * Design note. Chinese is written without word spaces, and mixed text is set
 * with a quarter em between a Han character and a Latin letter or digit
 * (clreq 3.2.3; ../shared/typesetting.md's "autospace"), whether or not the
 * author typed a space there, and never more. Authors and templates are
 * inconsistent ("2016 年" beside "2026年12月20日", "8.5折 计算"), so the rule
 * looks only at the two characters around a gap:
 *
 *   Han | Han                      the gap is dropped (a stray space)
 *   Chinese punctuation | any      the gap is dropped: the mark's own
 *   any | Chinese punctuation      half em of blank is the space
 *   Han | Latin, Latin | Han       a quarter em, typed space or not
 *   anything else                  kept as the author wrote it
 *
 * "Han" here is every character Chinese text treats as a syllable: the
 * ideographs (extensions beyond the BMP included), kana and hangul, and the
 * full-width letters and digits. "Latin" is a letter or digit of the
 * alphabetic scripts (Latin, Greek, Cyrillic), ASCII digits included.
 * Curly quotes, dashes and the ellipsis are OTHER: they belong to Chinese or
 * to English depending on the text around them, which only the caller knows
 * (the layout sets “ ” full width in Chinese text), so a caller that has
 * decided passes SG_CJK_PUNCT for them.
 */
#ifndef SG_BASE_CJKSPACE_H
#define SG_BASE_CJKSPACE_H

#include <stdint.h>

typedef enum sg_cjk_kind {
	SG_CJK_OTHER, /* spaces, symbols, ASCII punctuation, quotes, dashes */
	SG_CJK_HAN,   /* ideographs, kana, hangul, full-width letters/digits */
	SG_CJK_PUNCT, /* full-width Chinese punctuation: ，。、；：？！（）《》… */
	SG_CJK_LATIN, /* letters and digits of Latin, Greek, Cyrillic */
} sg_cjk_kind;

typedef enum sg_cjk_gap {
	SG_GAP_KEEP,    /* as written: a space stays a space, none stays none */
	SG_GAP_DROP,    /* no space, whatever the source has */
	SG_GAP_QUARTER, /* a quarter em, whatever the source has */
} sg_cjk_gap;

sg_cjk_kind sg_cjk_kind_of(uint32_t cp);

/* What the gap between a character of kind a and the next one, of kind b,
 * becomes (the table above). */
sg_cjk_gap sg_cjk_gap_between(sg_cjk_kind a, sg_cjk_kind b);

#endif
