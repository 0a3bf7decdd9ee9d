/*
 * quote.h - a customer's quotation (报价单), ready to typeset: the one-page
 * document a purchasing department files, made from a template in
 * content/quotes/ and the same data as the proposal.
 *
 * A quotation is a proposal document (document/proposal.h) without a cover:
 * its template is rendered with the proposal's data (the fields for the
 * customer only), and its line items are the block `salesgen quote-items`.
 * Its number is the proposal's with "-Q" (offer.quote_number), its total a
 * year of the price and the one-time fees (offer.quote_total), so that the
 * proposal can name both. An offer lacking an approval gets the proposal's
 * draft watermark and no seal.
 */
#ifndef SG_DOCUMENT_QUOTE_H
#define SG_DOCUMENT_QUOTE_H

#include "document/proposal.h"

/* The quotation template for cu: a template of quotes/ whose front matter
 * lists the customer (`customers: [ID]`), else the one of the customer's
 * language marked `default: true`, else the first of that language. NULL
 * (with an error in d) when there is none. */
const sg_doc *sg_quote_pick(const sg_content *c, const sg_customer *cu, sg_diags *d);

/* The quotation of cu (which must have an offer), ready to typeset, from its
 * evaluation. Returns 0, or -1 with errors in d. doc->draft says when an
 * approval the offer needs is missing (then doc->watermark is set and
 * doc->sealed is false); doc->sealed is true only for an approved offer. */
int sg_quote_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
		     const sg_proposal_opts *o, sg_diags *d);

#endif
