/*
 * pdf_mdoc.h - a Markdown document of the content (a playbook, say) as a
 * PDF: the front matter gives the title, subtitle, language and cover
 * fields. Used by `salesgen pdf` and by `salesgen build` for
 * output/playbooks/NAME.pdf.
 */
#ifndef SG_RENDER_PDF_PDF_MDOC_H
#define SG_RENDER_PDF_PDF_MDOC_H

#include <stdint.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "model/model.h"
#include "render/pdf/pdf_doc.h"

typedef struct sg_pdf_mdoc_opts {
	const sg_style *style;   /* NULL: the built-in defaults */
	const char *content_dir; /* images and the cover logo; may be NULL */
	/* The date shown on the cover and written as the PDF's dates when the
	 * front matter gives none ("date: YYYY-MM-DD", which comes first): the
	 * build date (SOURCE_DATE_EPOCH). Unset too: no date is shown and the
	 * PDF dates are fallback. */
	sg_date date;
	int64_t fallback_time;   /* Unix seconds when no date is known */
	const char *watermark;   /* NULL: none */
	const sg_pdf_field *extra; /* more cover fields, after the document's */
	size_t nextra;
	sg_pdf_toc toc;
	bool no_cover;
	sg_pdf_stats *stats;     /* may be NULL */
} sg_pdf_mdoc_opts;

/* Sets doc (from sg_doc_load) as a PDF into out. Cover fields from the
 * front matter, labelled in the document's language: customer, number,
 * author, version, date. Returns 0, or -1 with errors in d. Thread-safe. */
int sg_pdf_render_mdoc(sg_buf *out, const sg_doc *doc, const sg_pdf_mdoc_opts *o, sg_diags *d);

#endif
