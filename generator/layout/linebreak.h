/*
 * linebreak.h - breaking a paragraph of mixed Chinese and Latin text into lines.
 *
 * Design note. A paragraph is a list of styled runs (text, style, size). Laying
 * it out takes three steps:
 *
 * 1. Normalise white space. Markdown leaves soft line breaks in the text; a
 *    run of white space holding one becomes nothing when the characters on both
 *    sides are CJK (Chinese is written without spaces, so a newline in the
 *    source must not become one; a curly quote of Chinese text counts as
 *    CJK here) and a single space otherwise. Other runs of
 *    white space collapse to one space. U+2028 (LINE SEPARATOR) is a hard break.
 * 2. Find break opportunities: Unicode UAX #14 from libunibreak with the
 *    language "zh", then the prohibitions of W3C's clreq enforced on top: no
 *    break before closing punctuation (，。、；：？！）」』》 ” ’ and their kin), none
 *    after opening punctuation (（「『《 “ ‘ and their kin). Checked against
 *    Debian's libunibreak 1.1: with "zh" it already forbids every one of these
 *    breaks (it treats the curly quotes as opening and closing marks there),
 *    so the layer changes nothing today; it stays so the rules hold whatever
 *    the library's tables or the language tag become, and S_cut (a word wider
 *    than the line) obeys the same rules.
 * 3. Fill lines greedily: take each unbreakable segment while it fits, spaces
 *    at the end of a line hang (they are not counted and not drawn), a segment
 *    wider than the whole line is cut at any character. Every line but the
 *    last of the paragraph (or one ending in a hard break) is justified: the
 *    extra room is shared equally among the gaps after spaces and between CJK
 *    characters (and where CJK meets Latin).
 *
 * Items are code points; each knows its font slot and advance, so the renderer
 * draws exactly what was measured. The curly quotes “ ” ‘ ’ take their font
 * from the text around them (clreq): an opening quote followed by a CJK
 * character or a closing quote preceded by one, and the other quote of its
 * pair, is set full width in the CJK font and flagged SG_ITEM_CJK; other
 * quotes (English text, apostrophes) stay in the Latin font.
 */
#ifndef SG_LAYOUT_LINEBREAK_H
#define SG_LAYOUT_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "layout/font.h"

/* One styled run of the input. */
typedef struct sg_text_run {
	size_t start; /* byte range in sg_para.text */
	size_t end;
	sg_font_style style;
	double size; /* points */
	/* The font set of this run (inline code in a monospace family, say);
	 * NULL: the one given to sg_linebreak(). Item slots index this set. */
	const sg_fontset *fs;
	/* > 0: the run is an inline object (an image) this many points wide,
	 * which the caller draws: one U+FFFC in the text, one unbreakable
	 * item (SG_ITEM_OBJECT) with this advance. */
	double object;
} sg_text_run;

/* The input: caller-owned, sg_para_init() / sg_para_dispose(). */
typedef struct sg_para {
	sg_buf text; /* the runs' text, concatenated, as given */
	sg_text_run *runs;
	size_t nruns;
	size_t cap;
} sg_para;

void sg_para_init(sg_para *p);
void sg_para_dispose(sg_para *p);
void sg_para_clear(sg_para *p);
/* Appends UTF-8 text (copied) in style at size points. */
void sg_para_add(sg_para *p, const char *text, size_t len, sg_font_style style, double size);
/* The same, set in font set fs instead of the paragraph's (NULL: the
 * paragraph's). */
void sg_para_add_font(sg_para *p, const char *text, size_t len, sg_font_style style, double size,
		      const sg_fontset *fs);
/* Appends an inline object width points wide, in a line of text of size
 * points (sg_text_run.object). */
void sg_para_add_object(sg_para *p, double width, double size);
/* The font set run r is measured with, given the paragraph's. */
static inline const sg_fontset *sg_text_run_fontset(const sg_text_run *r, const sg_fontset *fs)
{
	return r->fs ? r->fs : fs;
}

enum {
	SG_ITEM_SPACE = 1,     /* a (collapsed) space */
	SG_ITEM_CJK = 2,       /* set without word spaces */
	SG_ITEM_GAP = 4,       /* justification stretch goes after this item */
	SG_ITEM_MISSING = 8,   /* no font has a glyph for it */
	SG_ITEM_OBJECT = 32,   /* an inline object: no glyph, drawn by the caller */
};

enum { SG_BREAK_NONE = 0, SG_BREAK_ALLOW = 1, SG_BREAK_MUST = 2 };

/* One code point of the normalised text. */
typedef struct sg_item {
	uint32_t cp;
	uint32_t off;   /* byte offset in sg_lines.text */
	uint8_t len;    /* its UTF-8 length */
	uint8_t slot;   /* font slot (sg_fontset_choose) */
	uint8_t brk;    /* SG_BREAK_* after this item */
	uint8_t flags;  /* SG_ITEM_* */
	uint32_t run;   /* index of the input run it came from */
	double advance; /* points */
	size_t src;     /* byte offset of the character in sg_para.text */
} sg_item;

typedef struct sg_line {
	size_t first; /* items [first, end) are drawn; trailing spaces are not */
	size_t end;
	size_t next;    /* where the next line starts (after hanging spaces) */
	double width;   /* natural width, points */
	int gaps;       /* items with SG_ITEM_GAP in the line */
	double stretch; /* extra room per gap; 0 for a ragged (last) line */
	double height;  /* the largest size in the line, points */
	bool hard;      /* ends at a hard break or the end of the paragraph */
	bool overfull;  /* wider than the measure even so (only when a single
			 * unbreakable pair does not fit) */
} sg_line;

/* The output: caller-owned, sg_lines_init() / sg_lines_dispose(). */
typedef struct sg_lines {
	sg_buf text; /* the normalised text */
	sg_item *items;
	size_t nitems;
	sg_line *lines;
	size_t nlines;
	size_t items_cap;
	size_t lines_cap;
} sg_lines;

void sg_lines_init(sg_lines *l);
void sg_lines_dispose(sg_lines *l);

/* Breaks p into lines of at most width points (justify false leaves every
 * line ragged). Any earlier content of out is replaced. */
void sg_linebreak(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
		  bool justify);

/* The same with the first line indent points shorter (a Chinese paragraph's
 * first-line indent); the caller draws that line indent points to the right. */
void sg_linebreak_indent(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
			 double indent, bool justify);

/* Appends the drawn text of line i to b (a space for each space item). */
void sg_lines_text(const sg_lines *l, size_t i, sg_buf *b);

/* The break opportunities alone, one per byte of s like libunibreak's (the
 * value at a character's last byte says whether a line may end after it;
 * other bytes hold SG_BREAK_NONE): UAX #14 for "zh" plus the clreq rules.
 * brks must hold len bytes. Exposed for tests. */
void sg_linebreak_opportunities(const char *s, size_t len, char *brks);

/* clreq: characters a line must not start with / must not end with. */
bool sg_linebreak_is_closing(uint32_t cp);
bool sg_linebreak_is_opening(uint32_t cp);

#endif
