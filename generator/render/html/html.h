/*
 * html.h - the internal HTML site: playbooks, case studies, tag pages, an
 * account page per customer, the pipeline, the price sheet, client-side
 * search. Written to one folder (output/site/), every link relative, so the
 * site works opened straight from disk or from any static web server.
 *
 * The site is INTERNAL: account pages show decision chains, approvals and
 * notes. It is for the sales team only, never for customers.
 *
 * The site is built page by page. sg_site_plan_new() loads the theme and
 * works out every file of the site (a PAGE: an HTML page, the search index,
 * a CSS, JS or image file) and what each is made from (its DEPS: content
 * files, theme files, values such as the list of documents, the build
 * date). sg_site_page_render() then makes one page's bytes, reading only the
 * plan, which stays read-only: pages may be rendered at the same time in
 * threads or in forked processes, in any order. The build engine turns each
 * page into a target of its own (targets/site_targets.c).
 *
 * Output is deterministic: the same content, theme and date give the same
 * bytes. No clock is read; "in N days" counts from opts->today or, when that
 * is unset, from each customer's as-of date.
 */
#ifndef SG_RENDER_HTML_HTML_H
#define SG_RENDER_HTML_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "model/model.h"

typedef struct sg_site_opts {
	const char *theme_dir; /* a theme folder; NULL: the built-in default theme */
	sg_date today;         /* the build date (SOURCE_DATE_EPOCH); unset: see above */
	bool allow_raw_html;   /* keep raw HTML of Markdown (default: dropped) */
	bool no_remote_images; /* images at http(s) addresses become links to
				* them (default: shown, as <img>) */
	/* Content files whose customer or document is left out of the pages
	 * that list many (for example files the loader found errors in); path
	 * as the model holds it (sg_customer.path, sg_doc.path). NULL keeps
	 * everybody. Their own pages are still planned (and fail, by their
	 * deps). */
	bool (*skip)(const char *path, void *ctx);
	void *skip_ctx;
} sg_site_opts;

typedef struct sg_site_plan sg_site_plan;

/* One file of the site. */
typedef struct sg_site_page {
	const char *path;   /* from the site's root: "accounts/x.html", "assets/site.css" */
	const char *kind;   /* "page" (HTML) or "asset" (anything else) */
	const char *group;  /* the customer id of an account page; else NULL */
	const char *source; /* the main source file as loaded, or NULL */
	/* The document the page shows (a playbook's, a case study's), whose
	 * tree it reads (model/doc.h); NULL for other pages. */
	const sg_doc *doc;
	/* A file of the search index (search-index.js and the files of search/): all are
	 * written from one index, made once by sg_site_search_prepare(). */
	bool search;
} sg_site_page;

/* What a page is made from. */
typedef enum sg_site_dep_kind {
	SG_SITE_DEP_CONTENT,    /* name: a file relative to the content folder */
	SG_SITE_DEP_VALUE,      /* name ("theme:layout.html", "site:docs") and bytes */
	SG_SITE_DEP_BUILD_DATE, /* the page shows the build date */
} sg_site_dep_kind;

typedef struct sg_site_dep {
	sg_site_dep_kind kind;
	const char *name;
	const void *data; /* VALUE only */
	size_t len;
} sg_site_dep;

typedef void (*sg_site_dep_fn)(void *ctx, const sg_site_dep *dep);

/* Plans the site of c, whose customers must be evaluated (cost/evaluation.h:
 * the account and pipeline pages read the evaluations): loads the theme (o->theme_dir), sorts documents,
 * tags and customers, lists the pages and their deps. Theme problems go to
 * d with their file and line, and -1 is returned; the plan is still stored
 * when the theme's files could be read, else NULL. Then the pages whose
 * templates compiled can still be rendered; the others fail (the caller
 * should keep them from running: their deps name the theme files, and the
 * problems name the file in error). Returns 0 with a plan otherwise. o is
 * copied. */
int sg_site_plan_new(sg_site_plan **out, const sg_content *c, const sg_site_opts *o,
		     sg_diags *d);
void sg_site_plan_free(sg_site_plan *p);

/* The theme's folder as problems name it ("themes/acme"), or
 * "(built-in default theme)": a dep "theme:NAME" is the file ORIGIN/NAME. */
const char *sg_site_plan_theme_origin(const sg_site_plan *p);

/* The pages, sorted by path. */
size_t sg_site_page_count(const sg_site_plan *p);
const sg_site_page *sg_site_page_at(const sg_site_plan *p, size_t i);

/* Calls fn with every dep of page i. The data of values stays valid while
 * the plan lives. */
void sg_site_page_deps(const sg_site_plan *p, size_t i, sg_site_dep_fn fn, void *ctx);

/* Appends page i's bytes to out. Problems go to d. Returns 0, or -1 when
 * the page cannot be made (an error in d). Reads the plan only. */
int sg_site_page_render(const sg_site_plan *p, size_t i, sg_buf *out, sg_diags *d);

/* Makes the search index every file of it is written from, once: call it
 * before rendering those files in threads or forked workers, which then
 * share it (read-only). Without it each file's render makes the index
 * again for itself. */
void sg_site_search_prepare(sg_site_plan *p);

/* Renders every page of a plan into the folder dir (created when missing),
 * one file at a time: for tests and tools; `salesgen build` goes through
 * the engine instead. Returns 0, or -1 after a problem (in d); the pages
 * that could be made are written all the same. */
int sg_site_write_all(const sg_site_plan *p, const char *dir, sg_diags *d);

#endif
