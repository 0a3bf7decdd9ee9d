/*
 * report.h - the internal reports: a customer's project review and the
 * pipeline of every customer, ready to typeset (see document/proposal.h).
 *
 * Reports are for the team: their templates (content/reports/NAME.md) say
 * `audience: internal` and see the full view of the model, every internal
 * field included, plus the formatted namespaces of proposals and a `review`
 * or `pipeline` namespace made for them (docs/proposals.md). Every page of
 * a report says "内部资料 / INTERNAL".
 *
 * Every customer's figures come from its evaluation (cost/evaluation.h):
 * the content must be evaluated first.
 */
#ifndef SG_DOCUMENT_REPORT_H
#define SG_DOCUMENT_REPORT_H

#include "document/proposal.h"

/* The data of cu's review: customer (full view), cost, vendor, document,
 * the formatted namespaces, and `review` (decision chain with role and
 * attitude labels, the coach, events, the stage checklist, the approval the
 * offer needs and what is recorded, next actions, the segment). */
sg_value *sg_report_review_data(sg_arena *a, const sg_content *c, const sg_customer *cu,
				const char *lang, sg_date today, sg_diags *d);

/* The data of the pipeline: `pipeline.customers` (one row each, in stage
 * order: stage, users, offer per year, price-line status, approval needed,
 * next trigger, discount), `pipeline.triggers` (the customers with a date to
 * act on, renewals ahead first), `pipeline.by_stage`, `pipeline.by_size`,
 * `pipeline.total`, `vendor` and `document`. NULL (with an error in d) when
 * the totals would pass 64 bits. */
sg_value *sg_report_pipeline_data(sg_arena *a, const sg_content *c, const char *lang,
				  sg_date today, sg_diags *d);

/* reports/review.md for cu, ready to typeset. Returns 0 or -1 (errors in d). */
int sg_report_review_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			     const sg_proposal_opts *o, sg_diags *d);

/* reports/pipeline.md, ready to typeset. */
int sg_report_pipeline_prepare(sg_proposal_doc *doc, const sg_content *c,
			       const sg_proposal_opts *o, sg_diags *d);

/* The report template called slug (reports/SLUG.md), or NULL with an error. */
const sg_doc *sg_report_template(const sg_content *c, const char *slug, sg_diags *d);

#endif
