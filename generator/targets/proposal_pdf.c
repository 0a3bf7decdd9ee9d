/*
 * proposal_pdf.c - prepared proposals and reports handed to the PDF engine.
 */
#include "targets/proposal_pdf.h"

#include <stdio.h>
#include <string.h>

#include "render/pdf/pdf_chart.h"

int sg_proposal_doc_pdf(sg_buf *out, const sg_proposal_doc *doc, const sg_content *c,
			const sg_proposal_pdf_opts *o, sg_diags *d)
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
	/* Charts: values in 万元, so the axis reads like the text around it. */
	sg_pdf_chart *charts[16];
	sg_gen_block blocks[16];
	size_t nblocks = 0;
	for (size_t i = 0; i < doc->ncharts && nblocks < 16; i++) {
		const sg_chart *ch = &doc->charts[i];
		/* 万元 in Chinese, thousands of yuan in English. */
		double div = sg_proposal_lang_zh(ch->lang) ? 1e6 : 1e5;
		/* The unit goes in the title: a unit label of its own would crowd
		 * the legend above the plot. */
		char title[256];
		snprintf(title, sizeof title, sg_proposal_lang_zh(ch->lang) ? "%s（%s）" : "%s (%s)",
			 ch->title, ch->unit_note);
		sg_pdf_chart *pc = sg_pdf_chart_new(ch->kind == SG_CHART_LINE ? SG_PDF_CHART_LINE
									       : SG_PDF_CHART_BAR,
						    title);
		/* Lower than the engine's default: the chart restates the
		 * savings table above it, and a proposal should stay within a
		 * few pages. */
		sg_pdf_chart_height(pc, 160);
		sg_pdf_chart_categories(pc, ch->x_labels, ch->npoints);
		for (size_t s = 0; s < ch->nseries; s++) {
			double v[SG_CHART_POINTS];
			for (size_t k = 0; k < ch->npoints; k++)
				v[k] = (double)ch->series[s].values[k] / div;
			sg_pdf_chart_add_series(pc, ch->series[s].label, v, ch->npoints,
						ch->series[s].color);
		}
		charts[nblocks] = pc;
		blocks[nblocks] = sg_pdf_chart_block(pc, ch->name);
		nblocks++;
	}

	sg_pdf_job job;
	memset(&job, 0, sizeof job);
	job.markdown = doc->markdown;
	job.len = doc->len;
	job.path = doc->path;
	job.first_line = 1; /* the template's front matter is kept as blank lines */
	job.base_dir = c->dir;
	job.content_dir = c->dir;
	job.style = style;
	job.lang = doc->lang;
	job.cover = !doc->internal;
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
	job.date = sg_date_is_set(doc->date) ? sg_date_to_days(doc->date) * 86400 : 0;
	job.blocks = blocks;
	job.nblocks = nblocks;
	job.stats = o ? o->stats : NULL;
	int rc = sg_pdf_render_doc(out, &job, d);
	for (size_t i = 0; i < nblocks; i++)
		sg_pdf_chart_free(charts[i]);
	if (style == &own)
		sg_style_dispose(&own);
	return rc;
}

int sg_proposal_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			const sg_proposal_pdf_opts *o, sg_diags *d)
{
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int rc = sg_proposal_prepare(&doc, c, cu, o ? &o->doc : NULL, d);
	if (rc == 0)
		rc = sg_proposal_doc_pdf(out, &doc, c, o, d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}

int sg_report_review_produce(sg_buf *out, const sg_content *c, const sg_customer *cu,
			     const sg_proposal_pdf_opts *o, sg_diags *d)
{
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int rc = sg_report_review_prepare(&doc, c, cu, o ? &o->doc : NULL, d);
	if (rc == 0)
		rc = sg_proposal_doc_pdf(out, &doc, c, o, d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}

int sg_report_pipeline_produce(sg_buf *out, const sg_content *c, const sg_proposal_pdf_opts *o,
			       sg_diags *d)
{
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int rc = sg_report_pipeline_prepare(&doc, c, o ? &o->doc : NULL, d);
	if (rc == 0)
		rc = sg_proposal_doc_pdf(out, &doc, c, o, d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}
