/*
 * style.h - how a PDF looks: page, fonts, sizes, spacing, colours, labels.
 *
 * A theme's pdf.yaml fills an sg_style (docs/themes.md, "PDF"; it is read by
 * the PDF renderer, render/pdf/pdf_style.h). Every field has a default
 * (sg_style_init): the conventions of a Chinese business
 * document, A4 with margins of 2.54 cm top and bottom and 3.17 cm left and
 * right, body text in 小四 (12 pt) at 1.5 lines in a Song (Ming) face,
 * headings and tables in a Hei face, headings bold, Chinese emphasis in Kai.
 * pdf.yaml only names what it changes.
 *
 * Lengths in pdf.yaml are numbers in points or strings with a unit ("2.54cm",
 * "10.5pt", "20mm", "1in"); colours are "#RRGGBB". Unknown keys are errors,
 * so a misspelt key does not pass silently.
 */
#ifndef SG_LAYOUT_STYLE_H
#define SG_LAYOUT_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"
#include "layout/font.h"

/* The look of one kind of block. */
typedef struct sg_block_style {
	double size;    /* points */
	double leading; /* line height as a multiple of size */
	double before;  /* space above, points (dropped at the top of a page) */
	double after;   /* space below, points */
	uint32_t color; /* 0xRRGGBB */
	bool bold;
} sg_block_style;

typedef struct sg_style {
	sg_arena arena; /* strings of the style */
	double page_width, page_height;
	double margin_top, margin_bottom, margin_left, margin_right;
	double header_offset; /* header baseline above the body's top, points */
	double footer_offset; /* footer baseline below the body's bottom */

	/* Families, found with fontconfig. */
	const char *font_latin, *font_cjk;                 /* body */
	const char *font_heading_latin, *font_heading_cjk; /* headings, cover */
	const char *font_mono;                             /* code (Latin part) */
	/* Where pdf.yaml names each of them, so that a family that is not
	 * installed is reported there (path NULL: the default). */
	sg_pos font_latin_at, font_cjk_at, font_heading_latin_at, font_heading_cjk_at, font_mono_at;
	/* Tables' families and the Kai family of Chinese emphasis, with where
	 * pdf.yaml names them. */
	const char *font_table_latin, *font_table_cjk, *font_kai;
	sg_pos font_table_latin_at, font_table_cjk_at, font_kai_at;
	/* How *emphasis* in Chinese is set: in font_kai, or upright with a dot
	 * under each Han character (pdf.yaml's emphasis_cjk: kai or dots). */
	sg_font_emphasis emphasis_cjk;
	sg_pos emphasis_cjk_at;

	sg_block_style body;
	sg_block_style h[6];
	sg_block_style code;
	sg_block_style table;
	sg_block_style header; /* running header and footer */
	sg_block_style toc;
	sg_block_style caption; /* image captions (alt text) */

	double indent_zh;    /* first-line indent of Chinese paragraphs, in characters */
	double para_gap_en;  /* space between English paragraphs, in lines */
	double list_indent;  /* per level, points */
	double quote_indent; /* points */
	double table_pad_x, table_pad_y;
	int punct; /* full-width punctuation: SG_PUNCT_* of lines.h */

	uint32_t accent;        /* heading rules, cover band */
	uint32_t rule;          /* thematic breaks, header and footer rules */
	uint32_t muted;         /* header and footer text, captions */
	uint32_t link;
	uint32_t code_bg;
	uint32_t quote_bar;
	uint32_t quote_text;
	uint32_t table_head_bg;
	uint32_t table_rule;
	uint32_t watermark;

	int toc_depth;   /* heading levels in the contents (1..6) */
	int toc_min;     /* headings needed before a contents page is made (auto) */
	const char *logo; /* cover logo: a path relative to the content folder, or NULL */
	double cover_title_size;
	double cover_subtitle_size;

	/* labels.LANG.KEY: "page", "contents", "confidential", and cover field
	 * names ("customer", "date", ...). */
	sg_value *labels;
} sg_style;

/* The defaults described above. Dispose with sg_style_dispose(). */
void sg_style_init(sg_style *s);
void sg_style_dispose(sg_style *s);

/* The label key in lang ("zh-CN", "zh", "en", ...): the exact language, then
 * its first subtag's family ("zh" for "zh-TW"), then "en"; fallback when none
 * has it. */
const char *sg_style_label(const sg_style *s, const char *lang, const char *key,
			   const char *fallback);

/* True when lang is Chinese (its first subtag is "zh"). */
bool sg_style_lang_is_zh(const char *lang);

/* "2.54cm" -> 72.0. Returns false when s is not a length. */
bool sg_style_parse_length(const char *s, double *out);

#endif
