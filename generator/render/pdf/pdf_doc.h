/*
 * pdf_doc.h - a whole PDF document from Markdown: cover, contents, body,
 * running header and footer, bookmarks, links, metadata, watermark.
 *
 * Design note. sg_pdf_render_doc() is pure: it reads the job, the fonts
 * (cached per process, read-only) and the image files the Markdown names,
 * and writes bytes. Several documents may be set at once in threads.
 *
 * The order of work follows from what depends on what:
 *   1. the body is laid out (layout/layout.h): its page count and the page
 *      of each heading are then known;
 *   2. the contents are laid out: their length depends only on the number
 *      of headings and the width of their titles, never on page numbers
 *      (the numbers get a column of fixed width), so one pass is enough;
 *   3. with the cover, the total is known: page numbers, "page X of Y" and
 *      the contents' numbers are set;
 *   4. every character of every page is known, so one font subset per face
 *      is embedded; then the pages are drawn, bookmarks and links added.
 *
 * Pages are numbered physically: the cover is page 1 (it shows no header or
 * footer), so "page X of Y" agrees with what a PDF viewer shows.
 */
#ifndef SG_RENDER_PDF_PDF_DOC_H
#define SG_RENDER_PDF_PDF_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "render/pdf/pdf_font.h"

/* A cover field: "客户" / "恒通物流". */
typedef struct sg_pdf_field {
	const char *label;
	const char *value;
} sg_pdf_field;

typedef enum sg_pdf_toc { SG_PDF_TOC_AUTO = 0, SG_PDF_TOC_NEVER, SG_PDF_TOC_ALWAYS } sg_pdf_toc;

typedef struct sg_pdf_stats {
	int pages;
	sg_pdf_font_stats fonts;
	double layout_ms; /* Markdown parsed and laid out, all parts */
	double draw_ms;   /* fonts embedded, pages drawn */
	double save_ms;   /* libharu writing (and compressing) the file */
} sg_pdf_stats;

/* Everything one document needs. Strings are UTF-8 and borrowed. */
typedef struct sg_pdf_job {
	const char *markdown; /* the body, after templates; need not end in NUL */
	size_t len;
	const char *path;     /* the source, for messages */
	int first_line;       /* line of path where markdown starts (0: 1) */
	const char *base_dir; /* images are looked up here, */
	const char *content_dir; /* then here (either may be NULL) */
	const sg_style *style;
	const char *lang; /* "zh-CN", "en", ...: labels, indent, spacing */

	bool cover;
	const char *title;    /* cover, header, metadata (NULL: the first heading) */
	const char *subtitle; /* NULL: none */
	/* Where the title and subtitle come from, named when one is too long
	 * for the cover (path NULL: the document, path). */
	sg_pos title_pos, subtitle_pos;
	const sg_pdf_field *fields; /* shown on the cover in this order */
	size_t nfields;
	const sg_pos *field_pos; /* where each field's value comes from, or NULL */
	const char *logo;     /* a path; NULL: the style's logo, relative to content_dir */
	sg_pdf_toc toc;

	const char *header;       /* running header; NULL: the title */
	const char *confidential; /* footer line; NULL: the style's label; "": none */

	const char *author, *subject, *keywords; /* metadata (may be NULL) */
	const char *watermark;    /* e.g. "草稿 - 未审批"; NULL: none */
	int64_t date;             /* Unix seconds for the PDF dates */

	const sg_gen_block *blocks; /* generated blocks (charts, tables) */
	size_t nblocks;

	sg_pdf_stats *stats; /* filled in when not NULL */
	bool keep_layout;    /* tests: keep the body layout in *layout_out */
	sg_layout *layout_out;
} sg_pdf_job;

/* Sets the job's document into out (cleared first). Problems in the content
 * go to d with their line (images, missing glyphs as warnings); returns 0,
 * or -1 after adding an error. */
int sg_pdf_render_doc(sg_buf *out, const sg_pdf_job *job, sg_diags *d);

/* The style of a theme: <dir>/pdf.yaml over the defaults, or with dir NULL
 * the built-in default theme's pdf.yaml. The file must not lead out of dir
 * (base/confine.h). Returns 0, or -1 with the problems
 * in d (out is then still usable: the defaults and what could be read). */
int sg_pdf_style_load(sg_style *out, const char *dir, sg_diags *d);

/* Writes s as a PDF text string (UTF-16BE with a byte order mark) into the
 * dictionary entry key of dict: libharu's UTF-8 encoder cannot write
 * non-ASCII metadata or bookmark titles. */
int sg_pdf_set_text(HPDF_Doc doc, HPDF_Dict dict, const char *key, const char *s);

#endif
