/*
 * pdf_writer.h - a minimal PDF writer: paragraphs set on A4 pages.
 *
 * Design note. This proves the pipeline end to end before the full engine
 * (Markdown blocks, tables, cover, contents, running headers) exists: lay out
 * every paragraph first (line breaking needs only the font set), so the set of
 * characters each face draws is known; then embed one subset per face; then
 * draw. Drawing places every chunk of text itself with a text matrix, so what
 * is drawn is exactly what was measured; justified lines put their extra room
 * after spaces and between CJK characters (as character spacing where a chunk
 * is all gaps). Synthetic bold is fill-and-stroke, synthetic slant a skewed
 * text matrix.
 *
 * Output is deterministic: the document dates come from the options, never
 * from the clock, and libharu writes no file ID without encryption, so the
 * same input gives the same bytes.
 */
#ifndef SG_RENDER_PDF_PDF_WRITER_H
#define SG_RENDER_PDF_PDF_WRITER_H

#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/font.h"
#include "layout/linebreak.h"
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
	bool whole_fonts; /* tests only: embed whole fonts (loses glyphs) */
} sg_pdf_options;

/* Sets n paragraphs onto A4 pages and writes the PDF into out (cleared
 * first). Characters no font has, or outside the BMP, are left out with a
 * warning at their position. stats may be NULL. Returns 0, or -1 with an
 * error in d. */
int sg_pdf_write_paragraphs(sg_buf *out, const sg_pdf_para *paras, size_t n,
			    const sg_pdf_options *opt, sg_pdf_font_stats *stats, sg_diags *d);

/* Creates an HPDF_Doc set up the way salesgen's PDFs are: full compression,
 * the UTF-8 encoder, creation and modification dates from date (Unix seconds)
 * rather than the clock. NULL when libharu cannot allocate it. */
HPDF_Doc sg_pdf_doc_new(int64_t date);

/* Saves doc into out (cleared first). Returns 0 or -1. */
int sg_pdf_doc_save(HPDF_Doc doc, sg_buf *out);

/* Compresses the contents of page, drawn to the end, now rather than when
 * the document is saved: libharu would keep every page's operators
 * uncompressed until then (some 25 MB for a report of 900 pages). The
 * saved file is the same, byte for byte. Nothing may be drawn on the page
 * afterwards (libharu reports an error if it is). Returns 0, or -1 when
 * zlib fails (the page is then left as it was). */
int sg_pdf_page_pack(HPDF_Page page);

/* Draws line i of l with its left end at (x, baseline) in points, justified
 * by the line's stretch. Text is shown with the fonts of pf. */
void sg_pdf_draw_line(HPDF_Page page, const sg_pdf_fonts *pf, const sg_para *p, const sg_lines *l,
		      size_t i, double x, double baseline);

#endif
