/*
 * pdf_targets.h - the PDF outputs of `salesgen build` as engine targets:
 *
 *   playbooks/NAME.pdf        every playbook, for teams that train on paper
 *   proposals/ID.pdf          every customer with an offer (customer-facing)
 *   reports/review-ID.pdf     every customer's project review (internal)
 *   reports/pipeline.pdf      every customer in one table (internal)
 *   quotes/ID.pdf             every customer with an offer: its quotation
 *
 * Each target declares what it is made from, so an edit rebuilds only the
 * documents that read the edited file.
 */
#ifndef SG_TARGETS_PDF_TARGETS_H
#define SG_TARGETS_PDF_TARGETS_H

#include "engine/engine.h"
#include "model/model.h"
#include "render/pdf/pdf_sign.h"
#include "targets/pipeline_ahead.h"

typedef struct sg_pdf_targets sg_pdf_targets;

/* Adds the targets above for c, styled by theme_dir/pdf.yaml (theme_dir
 * NULL: the built-in default). A broken style is reported in d and no PDF
 * target is added. The result holds what the targets point at: free it after
 * the engine has run. */
sg_pdf_targets *sg_build_add_pdfs(sg_engine *e, const sg_content *c, const char *theme_dir,
				  sg_diags *d);
void sg_pdf_targets_free(sg_pdf_targets *p);

/* The pipeline report is made from a's document (targets/pipeline_ahead.h)
 * when a has it; a (joined) outlives p's targets' run. */
void sg_pdf_targets_ahead(sg_pdf_targets *p, sg_pipeline_ahead *a);

/* Which PDFs a build signs (salesgen build --sign), and with what. A kind of
 * document joins the list in pdf_targets.c's S_signs(): proposals follow
 * .proposals, quotations (quotes/ID.pdf) .quotations. */
typedef struct sg_pdf_targets_sign {
	const sg_pdf_signer *signer; /* NULL: nothing is signed */
	bool proposals;              /* --sign-proposals */
	bool quotations;             /* --sign */
	sg_pdf_sign_box box;         /* where the visible signature goes; w 0: the default */
} sg_pdf_targets_sign;

/* As sg_build_add_pdfs(), and the targets sign (a post-step of each)
 * the kinds sign names. The signer's certificate and the kinds signed are
 * inputs of those targets: another certificate builds them again. sign is
 * copied; its signer must outlive the engine's run. */
sg_pdf_targets *sg_build_add_pdfs_signed(sg_engine *e, const sg_content *c,
					 const char *theme_dir, const sg_pdf_targets_sign *sign,
					 sg_diags *d);

#endif
