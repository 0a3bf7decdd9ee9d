/*
 * proposal_pdf.c - prepared proposals and reports handed to the PDF engine.
 */
#include "targets/proposal_pdf.h"

#include <string.h>

/* The layout copies what it keeps of the tree: freed before the pages are
 * drawn. */
static void S_drop_tree(void *arg)
{
	sg_proposal_doc *doc = arg;
	sg_mdtree_free(doc->tree);
	doc->tree = NULL;
}

/* doc as a PDF; with owned (doc itself), its tree is freed once laid out. */
static int S_doc_pdf(sg_buf *out, const sg_proposal_doc *doc, sg_proposal_doc *owned,
		     const sg_content *c, const sg_proposal_pdf_opts *o, sg_diags *d);

int sg_proposal_doc_pdf(sg_buf *out, const sg_proposal_doc *doc, const sg_content *c,
			const sg_proposal_pdf_opts *o, sg_diags *d)
{
	return S_doc_pdf(out, doc, NULL, c, o, d);
}

static int S_doc_pdf(sg_buf *out, const sg_proposal_doc *doc, sg_proposal_doc *owned,
		     const sg_content *c, const sg_proposal_pdf_opts *o, sg_diags *d)
{
	sg_style own;
	const sg_style *style = o ? o->style : NULL;
	if (!style) {
		sg_pdf_style_load(&own, NULL, d);
		style = &own;
	}
	sg_pdf_field fields[sizeof doc->fields / sizeof *doc->fields];
	for (size_t i = 0; i < doc->nfields; i++) {
		fields[i].label = doc->fields[i].label;
		fields[i].value = doc->fields[i].value;
	}
	sg_pdf_job job;
	memset(&job, 0, sizeof job);
	/* The tree with its generated blocks: charts are chart nodes. */
	job.body = doc->tree ? doc->tree->root : NULL;
	job.path = doc->path;
	job.first_line = 1; /* the template's front matter is kept as blank lines */
	job.base_dir = c->dir;
	job.content_dir = c->dir;
	job.style = style;
	job.lang = doc->lang;
	job.cover = !doc->internal && !doc->quote;
	job.title = doc->title;
	job.subtitle = doc->subtitle;
	job.fields = fields;
	job.nfields = doc->nfields;
	job.title_pos = doc->title_pos;
	job.subtitle_pos = doc->subtitle_pos;
	job.field_pos = doc->field_pos;
	job.toc = SG_PDF_TOC_NEVER;
	job.header = doc->header;
	job.confidential = doc->confidential;
	job.author = doc->author;
	job.subject = doc->subject;
	job.keywords = doc->keywords;
	job.watermark = doc->watermark;
	/* The seal only on a quotation whose offer has every approval it
	 * needs; never on a proposal, report or playbook. */
	if (doc->quote && doc->sealed && c->site && (c->site->seal_text || c->site->seal_src)) {
		job.seal_image = c->site->seal_src;
		job.seal_text = c->site->seal_text;
		job.seal_label = c->site->seal_label;
		job.seal_mm = c->site->seal_mm;
	}
	job.date = sg_date_is_set(doc->date) ? sg_date_to_days(doc->date) * 86400 : 0;
	job.stats = o ? o->stats : NULL;
	job.sign = o ? o->sign : NULL;
	job.hint = o ? o->hint : NULL;
	job.hint_len = o ? o->hint_len : 0;
	job.hint_out = o ? o->hint_out : NULL;
	if (owned) {
		job.laid_out = S_drop_tree;
		job.laid_out_arg = owned;
	}
	int rc = sg_pdf_render_doc(out, &job, d);
	if (style == &own)
		sg_style_dispose(&own);
	return rc;
}

/* How a producer prepares its document (document/proposal.h, report.h);
 * cu is NULL for the pipeline. */
typedef int (*S_prepare_fn)(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			    const sg_proposal_opts *o, sg_diags *d);

static int S_pipeline_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			      const sg_proposal_opts *o, sg_diags *d)
{
	(void)cu;
	return sg_report_pipeline_prepare(doc, c, o, d);
}

/* The document prepare makes, as a PDF. */
static int S_produce(S_prepare_fn prepare, sg_buf *out, const sg_content *c,
		     const sg_customer *cu, const sg_proposal_pdf_opts *o, sg_diags *d)
{
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int rc = prepare(&doc, c, cu, o ? &o->doc : NULL, d);
	if (rc == 0)
		rc = S_doc_pdf(out, &doc, &doc, c, o, d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}

int sg_proposal_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			const sg_proposal_pdf_opts *o, sg_diags *d)
{
	return S_produce(sg_proposal_prepare, out, c, cu, o, d);
}

int sg_quote_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
		     const sg_proposal_pdf_opts *o, sg_diags *d)
{
	return S_produce(sg_quote_prepare, out, c, cu, o, d);
}

int sg_report_review_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			     const sg_proposal_pdf_opts *o, sg_diags *d)
{
	return S_produce(sg_report_review_prepare, out, c, cu, o, d);
}

int sg_report_pipeline_produce(sg_buf *out, const sg_content *c, const sg_proposal_pdf_opts *o,
			       sg_diags *d)
{
	return S_produce(S_pipeline_prepare, out, c, NULL, o, d);
}

int sg_report_pipeline_produce_doc(sg_buf *out, const sg_content *c,
				   const sg_proposal_pdf_opts *o, sg_proposal_doc *doc,
				   sg_diags *d)
{
	return S_doc_pdf(out, doc, doc, c, o, d);
}
