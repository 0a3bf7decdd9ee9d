/*
 * lines.h - what line breaking reads and writes: a paragraph of styled runs
 * (sg_para) in, items placed on lines (sg_lines) out, and the character
 * classes every step of it asks about (clreq's opening and closing marks,
 * an item's kind for base/cjkspace.h).
 *
 * linebreak.h (which includes this header) says how a paragraph is broken
 * and declares the driver; the steps it calls (linerules.c, lineset.c) see
 * only this header and linebreak_int.h, so that they depend on the words
 * and not on the driver.
 */
#ifndef SG_LAYOUT_LINES_H
#define SG_LAYOUT_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/cjkspace.h"
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
	uint8_t punct; /* sg_punct: sg_para.punct when the run was added */
} sg_text_run;

/* How full-width punctuation is set (pdf.yaml's `punctuation`). */
typedef enum sg_punct {
	SG_PUNCT_MAINLAND = 0, /* clreq's mainland compression (the default) */
	SG_PUNCT_NONE = 1,     /* every mark a full em */
} sg_punct;

/* The input: caller-owned, sg_para_init() / sg_para_dispose(). */
typedef struct sg_para {
	sg_buf text; /* the runs' text, concatenated, as given */
	sg_text_run *runs;
	size_t nruns;
	size_t cap;
	uint8_t punct;	/* sg_punct of the runs added from now on (sg_para_init:
			 * mainland) */
	bool hyphenate; /* English: Latin words may be hyphenated when justified */
	bool verbatim;	/* code: spaces as written, no compression, no autospace */
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
	SG_ITEM_AUTOSPACE = 4, /* a space between Han and Latin: a quarter em */
	SG_ITEM_MISSING = 8,   /* no font has a glyph for it */
	SG_ITEM_OBJECT = 32,   /* an inline object: no glyph, drawn by the caller */
	SG_ITEM_HYPHEN = 64,   /* a hyphen ending a hyphenated line: not in the
				* source (src is the next character's) */
	SG_ITEM_BLANK = 128,   /* room and no glyph: an ideographic space, which a
				* font may map to the glyph of U+0020, and copied
				* text would then read as a space */
};

/* The adjustment ratio a justified line is set at, at most: its Han
 * characters 0.09 em apart (0.05 em of stretch a gap), under the tenth of
 * an em past which text extraction (pdftotext) reads a gap as a space, and
 * well under the 0.15 em at which a line reads as letter-spaced. A line
 * that would need more is set at this ratio and left short of the measure. */
#define SG_LINEBREAK_MAX_RATIO 1.8

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
	double advance; /* points: its glyph's advance */
	double x;	/* points from its line's start to where its glyph is drawn
			 * (the glyph's origin; a compressed opening mark's is left
			 * of its ink). Set for the items of a line, [first, end). */
	size_t src;     /* byte offset of the character in sg_para.text */
} sg_item;

typedef struct sg_line {
	size_t first; /* items [first, end) are drawn; trailing spaces are not */
	size_t end;
	size_t next;    /* where the next line starts (after hanging spaces) */
	double width;   /* points from the line's start to the end of its last
			 * item (and hyphen) as set: the measure for a justified
			 * line, less for a ragged one */
	double ratio;   /* how its glue was set: each glue is width + ratio *
			 * stretch (ratio >= 0) or + ratio * shrink; 0 ragged */
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
	bool total_fit; /* the lines were chosen by total fit (else greedily) */
} sg_lines;

void sg_lines_init(sg_lines *l);
void sg_lines_dispose(sg_lines *l);

/* Appends the drawn text of line i to b (a space for each space item, a
 * no-break space as itself, and the hyphen of a hyphenated line). */
void sg_lines_text(const sg_lines *l, size_t i, sg_buf *b);

/* clreq: characters a line must not start with / must not end with. */
bool sg_linebreak_is_closing(uint32_t cp);
bool sg_linebreak_is_opening(uint32_t cp);

/* What item it is for base/cjkspace.h: a curly quote flagged SG_ITEM_CJK
 * is Chinese punctuation and any other one OTHER, as are spaces and
 * inline objects. */
sg_cjk_kind sg_item_kind(const sg_item *it);

#endif
