/*
 * site.h - the internal HTML site: playbooks, case studies, tag pages, an
 * account page per customer, the pipeline, the price sheet, client-side
 * search. Written to one folder (output/site/), every link relative, so the
 * site works opened straight from disk or from any static web server.
 *
 * The site is INTERNAL: account pages show decision chains, approvals and
 * notes. It is for the sales team only, never for customers.
 *
 * Output is deterministic: the same content, theme and date give the same
 * bytes. No clock is read; "in N days" counts from opts->today or, when that
 * is unset, from each customer's as-of date.
 */
#ifndef SG_RENDER_HTML_SITE_H
#define SG_RENDER_HTML_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/diag.h"
#include "model/model.h"

typedef struct sg_site_opts {
	const char *out_dir;   /* the site's folder (output/site); created when missing */
	const char *theme_dir; /* a theme folder; NULL: the built-in default theme */
	sg_date today;         /* the build date (SOURCE_DATE_EPOCH); unset: see above */
	bool allow_raw_html;   /* keep raw HTML of Markdown (default: dropped) */
	/* Customers to leave out (for example those whose own file has errors);
	 * NULL keeps everybody. */
	bool (*skip_customer)(const sg_customer *c, void *ctx);
	void *skip_ctx;
} sg_site_opts;

typedef struct sg_site_stats {
	size_t pages;    /* HTML pages written */
	size_t files;    /* other files written: CSS, JS, images, the search index */
	size_t accounts; /* account pages */
} sg_site_stats;

/* Builds the whole site of c into o->out_dir. Problems (theme errors,
 * customers whose cost cannot be computed, files that cannot be written) go
 * to d; pages that can be built still are. Returns 0, -1 when there were
 * problems in the content or theme, -2 when a file could not be written.
 * stats may be NULL. */
int sg_site_build(const sg_content *c, const sg_site_opts *o, sg_diags *d, sg_site_stats *stats);

#endif
