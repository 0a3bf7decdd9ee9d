/*
 * pipeline_ahead.h - the pipeline report's document prepared ahead, in a
 * thread, while the build declares its targets.
 *
 * After one edit at 10,000 customers the pipeline report is the build's
 * longest output, and a third of it is making its document: a row of
 * data per customer, the template's Markdown, the parsed tree. That needs
 * only the loaded content and the build date, so it is done while the
 * build process declares its other targets (on one core: the second is
 * idle then). The thread is joined before the engine runs, so no worker is
 * forked while it runs; the worker that builds the report inherits the
 * document and typesets it (pdf_targets.c). The PDF is the same bytes:
 * the same function makes the same document from the same content, and its
 * messages are told with the report's, first, as they are when it is made
 * in the worker.
 */
#ifndef SG_TARGETS_PIPELINE_AHEAD_H
#define SG_TARGETS_PIPELINE_AHEAD_H

#include <stdbool.h>

#include "base/date.h"
#include "base/diag.h"
#include "document/proposal.h"
#include "engine/engine.h"
#include "model/content.h"

/* The report's path among the outputs. */
#define SG_PIPELINE_PATH "reports/pipeline.pdf"

typedef struct sg_pipeline_ahead sg_pipeline_ahead;

/* Starts preparing the report's document of c as of build_date (strict:
 * warnings count as errors, as in the build) when e's run would build it,
 * in a thread; NULL when it is not this run's business or the thread cannot
 * start. The caller must join it before any worker is forked. */
sg_pipeline_ahead *sg_pipeline_ahead_start(const sg_engine *e, const sg_content *c,
					   sg_date build_date, bool strict);
/* Waits for the document (NULL: nothing). */
void sg_pipeline_ahead_join(sg_pipeline_ahead *a);
/* Lets the document go when it was not taken (NULL: nothing): the build
 * process calls it once the report's job went to its worker, which has its
 * own copy; a worker in a thread that had not taken it yet then makes it
 * again. */
void sg_pipeline_ahead_release(sg_pipeline_ahead *a);
/* Joins and frees a, and the document if it was not taken (NULL: nothing). */
void sg_pipeline_ahead_free(sg_pipeline_ahead *a);

/* Takes the prepared document (once; a joined a) when it was made as of
 * build_date: *doc is then its (the caller disposes of it), its messages
 * go into d and *rc is what preparing it returned. False: prepare it. */
bool sg_pipeline_ahead_take(sg_pipeline_ahead *a, sg_date build_date, sg_proposal_doc *doc,
			    sg_diags *d, int *rc);

#endif
