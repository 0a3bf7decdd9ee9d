/*
 * proposal_pdf.h - proposals and internal reports as PDFs: the producers
 * `salesgen build` and `salesgen proposal` call.
 *
 * document/proposal.h and document/report.h make a document ready to typeset
 * (its tree with the generated blocks and charts, cover fields, watermark);
 * this module hands it to the PDF engine (render/pdf/pdf_doc.h), which
 * draws the chart nodes (pdf_chart.h). It sits in targets/ because the
 * document stage may not link the PDF stage.
 *
 * Every producer is pure: it reads the loaded content and its evaluations
 * (cost/evaluation.h, made before any producer runs; read-only) and the
 * fonts and writes bytes, so the build engine may run many at once.
 */
#ifndef SG_TARGETS_PROPOSAL_PDF_H
#define SG_TARGETS_PROPOSAL_PDF_H

#include "base/buf.h"
#include "base/diag.h"
#include "layout/style.h"
#include "render/pdf/pdf_doc.h"
#include "document/proposal.h"
#include "document/quote.h"
#include "document/report.h"

typedef struct sg_proposal_pdf_opts {
	sg_proposal_opts doc;  /* build date, template, language */
	const sg_style *style; /* NULL: the built-in default theme (loaded per call) */
	sg_pdf_stats *stats;   /* filled in when not NULL */
	sg_pdf_sign_look *sign; /* a PDF to be signed: its appearance (pdf_doc.h); NULL: none */
	/* A long body's count kept from the last build, and where to put
	 * this build's (sg_pdf_job.hint, hint_out); NULL: none. */
	const void *hint;
	size_t hint_len;
	sg_buf *hint_out;
} sg_proposal_pdf_opts;

/* output/proposals/ID.pdf: cu's proposal. Returns 0, or -1 with errors in
 * d. A proposal lacking an approval is still made, with the watermark
 * "草稿 · 未审批" / "DRAFT - NOT APPROVED" on every page (not an error: the
 * approval check is sg_eval_check_approvals). o may be NULL. */
int sg_proposal_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			const sg_proposal_pdf_opts *o, sg_diags *d);

/* output/quotes/ID.pdf: cu's quotation (document/quote.h), one page with
 * the seal of site.xml over its foot when the offer is approved; a draft
 * gets the proposal's watermark and no seal. */
int sg_quote_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
		     const sg_proposal_pdf_opts *o, sg_diags *d);

/* output/reports/review-ID.pdf: cu's project review (internal). */
int sg_report_review_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			     const sg_proposal_pdf_opts *o, sg_diags *d);

/* output/reports/pipeline.pdf: every customer (internal). */
int sg_report_pipeline_produce(sg_buf *out, const sg_content *c, const sg_proposal_pdf_opts *o,
			       sg_diags *d);

/* The same of a document prepared already (sg_report_pipeline_prepare()):
 * doc is laid out, its tree freed as soon as it is; the caller disposes of
 * the rest. */
int sg_report_pipeline_produce_doc(sg_buf *out, const sg_content *c,
				   const sg_proposal_pdf_opts *o, sg_proposal_doc *doc,
				   sg_diags *d);

/* Any prepared document as a PDF. */
int sg_proposal_doc_pdf(sg_buf *out, const sg_proposal_doc *doc, const sg_content *c,
			const sg_proposal_pdf_opts *o, sg_diags *d);

#endif
