/*
 * pdf_doc.h - a whole PDF document from a document tree (load/doctree.h):
 * cover, contents, body, running header and footer, bookmarks, links,
 * metadata, watermark.
 *
 * Design note. sg_pdf_render_doc() is pure: it reads the job, its tree (only
 * read, so it may be shared with other outputs and threads), the fonts
 * (cached per process, read-only) and the image files the document names,
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
 *   4. the pages are drawn and written one by one into salesgen's PDF
 *      writer (pdf_file.h), each with its links; a font is made for each
 *      face when a page first shows it, and its glyphs are recorded as
 *      they are shown;
 *   5. after the last page, one subset per face is embedded, and the
 *      bookmarks, metadata and cross-reference table close the file.
 *
 * A long body (64 pages or more: the pipeline report at 100,000 customers
 * is 6,971) is never held whole: step 1 makes each page as soon as it is
 * final and lets it go, noting only which structure nodes it shows; after
 * steps 2 and 3, step 4 lays the body out again, the same, drawing each
 * page as soon as it is made. The file is byte for byte the one a whole
 * layout makes, for a second layout's time (pdf_doc.c, "long bodies").
 * What the first layout found can be kept by the caller (hint_out) and
 * given to the next build of the same document (hint): that build lays
 * the body out once, drawing with the kept numbers, and falls back to the
 * two layouts when they turn out wrong (pdf_hint.h).
 *
 * The PDF is 1.7, with XMP metadata beside the document information
 * (title, author, subject, keywords), the document's language as /Lang and
 * a viewer that shows the title rather than the file name. It is tagged:
 * a structure tree (Document; the cover a Sect; the contents a TOC; the
 * body's headings, paragraphs, lists, tables, figures with alternate text,
 * code, quotes and links) made from the layout's nodes in reading order
 * (pdf_tags.c), every drawn thing inside a marked-content sequence of its
 * element or an artifact, link annotations parts of their Link elements.
 * The structure tree's objects go into object streams, so tagging costs a
 * proposal some 3% of its size. The running header and footer and the
 * watermark are artifacts of pagination; rules, backgrounds, the logo and
 * a table's header row repeated on later pages artifacts too. The watermark is the outlines of its glyphs, filled light
 * and never stroked, and no text: copied or extracted text leaves it out
 * (pdf_mark.c).
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
#include "render/pdf/pdf_sign.h"
#include "render/pdf/pdf_font.h"
#include "render/pdf/pdf_style.h"

/* A cover field: "客户" / "恒通物流". */
typedef struct sg_pdf_field {
	const char *label;
	const char *value;
} sg_pdf_field;

typedef enum sg_pdf_toc { SG_PDF_TOC_AUTO = 0, SG_PDF_TOC_NEVER, SG_PDF_TOC_ALWAYS } sg_pdf_toc;

typedef struct sg_pdf_stats {
	int pages;
	sg_pdf_font_stats fonts;
	double layout_ms; /* the tree laid out, all parts */
	double draw_ms;   /* pages drawn, compressed and written */
	double save_ms;   /* fonts subset and written, the file closed */
	/* The body was long: laid out once to count its pages, then again,
	 * each page drawn as soon as it was made (layout_ms is the first
	 * layout, draw_ms the second with the drawing). */
	bool streamed;
	size_t most_items; /* the most items of the body's flow held at once */
	/* Times the body was laid out: 1 for a short body, or a long one
	 * drawn with a kept count that was right (then layout_ms is the cover's
	 * and the contents', draw_ms the body's one layout with the drawing);
	 * 2 for a long one counted first; 3 after a kept count that was
	 * wrong. */
	int layouts;
	bool kept;  /* a kept count was given and was right */
} sg_pdf_stats;

/* Everything one document needs. Strings are UTF-8 and borrowed. */
typedef struct sg_pdf_job {
	const sg_mdnode *body; /* the document (a DOCUMENT node): its lines are path's */
	const char *path;      /* the source, for messages */
	int first_line;        /* line of path where the body starts (0: 1) */
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
	const char *watermark;    /* e.g. "草稿 · 未审批"; NULL: none */
	/* A seal (a quotation's; pdf_seal.c): the text around its ring and
	 * the line under its star, its diameter in millimetres. Drawn on the
	 * last page, centred over the start of the body's last line of text
	 * (the date of the foot) and reaching up over the lines above it (the
	 * vendor's name). seal_text NULL: no seal. */
	const char *seal_text, *seal_label;
	double seal_mm;
	/* A picture of the seal instead (a PNG with transparency, a path
	 * relative to content_dir), drawn seal_mm across at the same place;
	 * NULL: the vector seal of seal_text, if any. */
	const char *seal_image;
	int64_t date;             /* Unix seconds for the PDF dates */
	/* A document to be signed (render/pdf/pdf_sign.h): its appearance is
	 * drawn into the file, on the right of the seal's date line when there
	 * is a seal, else at the signer's default place; sign->box and
	 * sign->form say where and which object. NULL: not signed. */
	sg_pdf_sign_look *sign;

	/* Blocks the Markdown places with <!-- salesgen:block NAME --> (chart
	 * nodes of the tree need none: they are drawn by pdf_chart.h). */
	const sg_gen_block *blocks;
	size_t nblocks;

	sg_pdf_stats *stats; /* filled in when not NULL */
	/* Called once body is no longer read: every part laid out, before the
	 * first page is drawn, so the caller may free its tree (the pipeline
	 * report's, a row per customer, is a quarter of its memory while the
	 * pages are drawn); for a body drawn as it is laid out again
	 * (stream_pages), once it is drawn. NULL: nothing is called. */
	void (*laid_out)(void *arg);
	void *laid_out_arg;
	/* A body of this many pages or more is drawn page by page as it is
	 * laid out (a second time: the first counts the pages), so that only
	 * a few pages are held at once; 0: 64. The file is the same. */
	size_t stream_pages;
	/* A long body's count as the last build of this document kept it
	 * (pdf_hint.h: hint_out's bytes then), or NULL: when it is still right,
	 * the body is laid out once instead of twice. Any bytes: a count that
	 * does not read, or that the layout finds wrong, is left aside, and
	 * the file is the same either way. */
	const void *hint;
	size_t hint_len;
	/* Filled with this document's count when its body is long (emptied
	 * first; left empty for a short body), for the caller to keep and give
	 * as hint next time. NULL: not wanted. */
	sg_buf *hint_out;
	bool keep_layout;    /* tests: keep the body layout in *layout_out (never streamed) */
	sg_layout *layout_out;
} sg_pdf_job;

/* Sets the job's document into out (cleared first). Problems in the content
 * go to d with their line (images, missing glyphs as warnings); returns 0,
 * or -1 after adding an error. After an error in the content out still
 * holds the document as far as it could be drawn; when the file itself
 * could not be made, out is empty. */
int sg_pdf_render_doc(sg_buf *out, const sg_pdf_job *job, sg_diags *d);

#endif
