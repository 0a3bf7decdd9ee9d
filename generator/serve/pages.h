/*
 * pages.h - the pages the server makes itself, beside the site's.
 */
#ifndef SG_SERVE_PAGES_H
#define SG_SERVE_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* The proposal page of customer id (/__salesgen/proposal/ID): the PDF
 * (proposals/ID.pdf, when has_pdf) beside the cost model it was made from,
 * costs (len bytes: the JSON of costs/ID.json; NULL when there is none),
 * shown as text. Names both files in <meta name="sg-deps">, so that the
 * page reloads when either is built again. id must be a safe id
 * (sg_id_is_safe). */
void sg_serve_proposal_page(const char *id, bool has_pdf, const char *costs, size_t len,
			    sg_buf *out);

/* The page of every proposal (/__salesgen/proposal/): ids, n of them. */
void sg_serve_proposal_index(char **ids, size_t n, sg_buf *out);

#endif
