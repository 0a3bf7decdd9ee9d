/*
 * pdf_writer.h - the page size and margins of salesgen's documents, and a
 * plain writer of paragraphs on A4 pages.
 *
 * sg_pdf_write_paragraphs() sets text without the document model (no
 * Markdown, tables, cover or contents): the unit tests use it to check font
 * subsets, deterministic bytes and the warnings for characters no font has.
 * Its paragraphs are laid out as texts of a layout (layout/layout.h) and
 * drawn by the painter of every document (pdf_int.h) into a file of
 * salesgen's own PDF writer (pdf_file.h), with one font subset per face.
 *
 * Output is deterministic: the document dates come from the options, never
 * from the clock, and the file identifier is a digest of the file's bytes,
 * so the same input gives the same bytes.
 */
#ifndef SG_RENDER_PDF_PDF_WRITER_H
#define SG_RENDER_PDF_PDF_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/font.h"
#include "render/pdf/pdf_font.h"

/* A4 and the margins of a Chinese business document, in points. */
#define SG_PDF_A4_WIDTH 595.276
#define SG_PDF_A4_HEIGHT 841.890
#define SG_PDF_MARGIN_TOP 72.0     /* 2.54 cm */
#define SG_PDF_MARGIN_BOTTOM 72.0  /* 2.54 cm */
#define SG_PDF_MARGIN_SIDE 89.858  /* 3.17 cm */

/* tan(12 degrees): the skew of synthetic italics. */
#define SG_PDF_SLANT 0.2126

typedef struct sg_pdf_para {
	const char *text; /* UTF-8; newlines are soft breaks, U+2028 hard ones */
	sg_font_style style;
	double size; /* points; 0 for the body size */
	sg_pos pos;  /* where the text starts in its source, for warnings */
} sg_pdf_para;

typedef struct sg_pdf_options {
	const char *latin_family; /* NULL: DejaVu Sans */
	const char *cjk_family;   /* NULL: WenQuanYi Micro Hei */
	double body_size;         /* 0: 12 pt */
	double line_spacing;      /* 0: 1.5 */
	bool ragged;              /* no justification */
	int64_t date;             /* Unix seconds for the document dates */
	const char *title;        /* NULL: none */
	const char *author;
	const char *lang;         /* the document's language ("zh-CN"); NULL: none */
} sg_pdf_options;

/* Sets n paragraphs onto A4 pages and writes the PDF into out (cleared
 * first). A character no installed font has is drawn as a hollow box,
 * with a warning at its position. stats may be NULL. Returns 0, or -1 with an error in d (out is
 * then empty). */
int sg_pdf_write_paragraphs(sg_buf *out, const sg_pdf_para *paras, size_t n,
			    const sg_pdf_options *opt, sg_pdf_font_stats *stats, sg_diags *d);

#endif
