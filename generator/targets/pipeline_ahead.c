/*
 * pipeline_ahead.c - the pipeline report's document prepared ahead (see
 * pipeline_ahead.h).
 */
#include "targets/pipeline_ahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "document/report.h"

struct sg_pipeline_ahead {
	const sg_content *c;
	sg_date date;
	pthread_t thread;
	bool joined;
	pthread_mutex_t lock; /* taken: workers in threads build outputs at once */
	bool taken;
	sg_proposal_doc doc;
	sg_diags d;
	int rc;
};

static void *S_prepare(void *arg)
{
	sg_pipeline_ahead *a = arg;
	sg_proposal_opts o = {.build_date = a->date};
	a->rc = sg_report_pipeline_prepare(&a->doc, a->c, &o, &a->d);
	return NULL;
}

sg_pipeline_ahead *sg_pipeline_ahead_start(const sg_engine *e, const sg_content *c,
					   sg_date build_date, bool strict)
{
	if (!sg_engine_selects_output(e, SG_PIPELINE_PATH, "report", NULL))
		return NULL;
	sg_pipeline_ahead *a = sg_xcalloc(1, sizeof *a);
	a->c = c;
	a->date = build_date;
	sg_proposal_doc_init(&a->doc);
	sg_diags_init(&a->d);
	a->d.warnings_are_errors = strict;
	pthread_mutex_init(&a->lock, NULL);
	if (pthread_create(&a->thread, NULL, S_prepare, a) != 0) {
		pthread_mutex_destroy(&a->lock);
		sg_proposal_doc_dispose(&a->doc);
		free(a);
		return NULL;
	}
	return a;
}

void sg_pipeline_ahead_join(sg_pipeline_ahead *a)
{
	if (a && !a->joined) {
		pthread_join(a->thread, NULL);
		a->joined = true;
	}
}

void sg_pipeline_ahead_release(sg_pipeline_ahead *a)
{
	if (!a)
		return;
	sg_pipeline_ahead_join(a);
	pthread_mutex_lock(&a->lock);
	if (!a->taken)
		sg_proposal_doc_dispose(&a->doc);
	a->taken = true;
	pthread_mutex_unlock(&a->lock);
}

void sg_pipeline_ahead_free(sg_pipeline_ahead *a)
{
	if (!a)
		return;
	sg_pipeline_ahead_release(a);
	sg_diags_dispose(&a->d);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

bool sg_pipeline_ahead_take(sg_pipeline_ahead *a, sg_date build_date, sg_proposal_doc *doc,
			    sg_diags *d, int *rc)
{
	if (!a || !a->joined || sg_date_cmp(a->date, build_date) != 0)
		return false;
	pthread_mutex_lock(&a->lock);
	bool mine = !a->taken;
	a->taken = true;
	pthread_mutex_unlock(&a->lock);
	if (!mine)
		return false;
	*doc = a->doc;
	sg_diags_take(d, &a->d);
	*rc = a->rc;
	return true;
}
