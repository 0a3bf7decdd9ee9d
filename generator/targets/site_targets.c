/*
 * site_targets.c - the HTML site as targets of the build engine: finds the
 * theme, plans the site (render/html/site.h) and adds a target per file,
 * its inputs the plan's deps.
 */
#include "targets/site_targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "model/doc.h"
#include "render/html/html.h"

typedef struct S_arg {
	sg_site_plan *plan;
	size_t index;
} S_arg;

/* A file with a theme problem. Every target that uses it depends on it,
 * so that the engine fails them without running them (the problem is in
 * the content diags, printed once); a problem that is not in one of the
 * theme's files (a missing theme, a missing layout) is an input of every
 * target of the site. */
typedef struct S_error {
	char *path;
	bool global;
} S_error;

struct sg_site_targets {
	sg_site_plan *plan;
	S_arg *args;
	S_error *errors;
	size_t error_count;
};

/* True when d holds an error (or, under --strict, a warning) in path. */
static bool S_skip(const char *path, void *ctx)
{
	const sg_diags *d = ctx;
	for (size_t i = 0; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		bool counts = it->severity == SG_ERROR ||
			      (it->severity == SG_WARNING && d->warnings_are_errors);
		if (counts && it->path && strcmp(it->path, path) == 0)
			return true;
	}
	return false;
}

/* The theme's folder (heap), or NULL for the built-in theme; *missing when
 * a theme was named that does not exist. */
static char *S_theme_dir(const char *content, const char *theme, bool *missing)
{
	*missing = false;
	if (!theme)
		return NULL;
	if (strchr(theme, '/')) {
		*missing = !sg_dir_exists(theme);
		return *missing ? NULL : sg_xstrdup(theme);
	}
	char *parent = sg_path_join(content, "..");
	char *themes = sg_path_join(parent, "themes");
	char *dir = sg_path_join(themes, theme);
	free(parent);
	free(themes);
	if (sg_dir_exists(dir))
		return dir;
	free(dir);
	dir = sg_path_join("themes", theme);
	if (sg_dir_exists(dir))
		return dir;
	free(dir);
	if (strcmp(theme, "default") != 0)
		*missing = true;
	return NULL;
}

static int S_produce(const sg_produce *p, sg_buf *out)
{
	const S_arg *a = p->arg;
	return sg_site_page_render(a->plan, a->index, out, p->d);
}

/* A page of a document to be built reads the document's tree. */
static void S_on_build(void *arg)
{
	const S_arg *a = arg;
	sg_doc_tree_expect(sg_site_page_at(a->plan, a->index)->doc);
}

/* A file of the search index to be built: the index is made here, once, in
 * the engine's thread before any worker starts, so that its many files
 * (search-index.js and search/) share it instead of each making it. */
static void S_on_search(void *arg)
{
	const S_arg *a = arg;
	sg_site_search_prepare(a->plan);
}

typedef struct S_ctx {
	sg_target *t;
	const sg_site_targets *s;
	const char *origin;
	size_t customers; /* customer files read */
} S_ctx;

static void S_error_input(sg_target *t, const char *path)
{
	char *name = sg_xasprintf("theme-error:%s", path);
	sg_target_input_file(t, name, path);
	free(name);
}

static void S_input(void *ctx, const sg_site_dep *dep)
{
	S_ctx *c = ctx;
	sg_target *t = c->t;
	switch (dep->kind) {
	case SG_SITE_DEP_CONTENT:
		sg_target_input_content(t, dep->name);
		c->customers += strncmp(dep->name, "customers/", 10) == 0;
		break;
	case SG_SITE_DEP_VALUE:
		sg_target_input_value(t, dep->name, dep->data, dep->len);
		if (strncmp(dep->name, "theme:", 6) == 0) {
			size_t n = strlen(c->origin);
			for (size_t k = 0; k < c->s->error_count; k++) {
				const char *e = c->s->errors[k].path;
				if (strncmp(e, c->origin, n) == 0 && e[n] == '/' &&
				    strcmp(e + n + 1, dep->name + 6) == 0)
					S_error_input(t, e);
			}
		}
		break;
	case SG_SITE_DEP_BUILD_DATE:
		sg_target_input_build_date(t);
		break;
	}
}

/* Notes the files of the problems d got from index from on; origin is the
 * theme's folder, or NULL when every problem concerns the whole site. */
static void S_errors(sg_site_targets *s, const sg_diags *d, size_t from, const char *origin)
{
	size_t n = origin ? strlen(origin) : 0;
	for (size_t i = from; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		bool counts = it->severity == SG_ERROR ||
			      (it->severity == SG_WARNING && d->warnings_are_errors);
		if (!counts || !it->path)
			continue;
		bool seen = false;
		for (size_t k = 0; k < s->error_count && !seen; k++)
			seen = strcmp(s->errors[k].path, it->path) == 0;
		if (seen)
			continue;
		s->errors = sg_xrealloc(s->errors, (s->error_count + 1) * sizeof *s->errors);
		S_error *e = &s->errors[s->error_count++];
		e->path = sg_xstrdup(it->path);
		/* A theme file's problem is "ORIGIN/NAME" (theme.c). */
		e->global = !origin || !(strncmp(it->path, origin, n) == 0 && it->path[n] == '/');
	}
}

/* Plans the site into s->plan with the theme named by theme (else by
 * site.xml), and notes the files of the theme's problems (added to d) in
 * s->errors. s->plan stays NULL when the theme folder cannot be read. */
static void S_plan_site(sg_site_targets *s, sg_engine *e, const sg_content *c,
			const char *theme, sg_diags *d)
{
	size_t before = d->count;
	sg_pos where = sg_pos_make("--theme", 0, 0);
	if (!theme && c->site && c->site->theme) {
		theme = c->site->theme;
		where = c->site->pos;
	}
	bool missing;
	char *dir = S_theme_dir(c->dir, theme, &missing);
	if (missing)
		sg_error(d, where,
			 "no theme '%s': looked for themes/%s next to the content folder and in "
			 "the current folder",
			 theme, theme);
	sg_site_opts o = {
		.theme_dir = dir,
		.today = sg_engine_build_date(e),
		.allow_raw_html = c->site && c->site->raw_html,
		.no_remote_images = c->site && !c->site->remote_images,
		.skip = S_skip,
		.skip_ctx = d,
	};
	/* A missing theme still plans the site (with the built-in theme's file
	 * names), so that its targets fail and keep their old files rather
	 * than being removed as outputs whose source is gone. */
	int rc = sg_site_plan_new(&s->plan, c, &o, d);
	if (rc != 0 && !s->plan) {
		o.theme_dir = NULL;
		sg_site_plan_new(&s->plan, c, &o, d);
	}
	free(dir);
	if (s->plan && (missing || rc != 0))
		S_errors(s, d, before, missing ? NULL : sg_site_plan_theme_origin(s->plan));
}

/* The target of the site's file i, made from the plan's deps; origin is
 * the theme's folder. */
static void S_add_page(sg_site_targets *s, sg_engine *e, size_t i, const char *origin)
{
	const sg_site_page *pg = sg_site_page_at(s->plan, i);
	s->args[i] = (S_arg){s->plan, i};
	char *path = sg_path_join("site", pg->path);
	sg_target *t = sg_engine_add(e, pg->kind, path, S_produce, &s->args[i]);
	free(path);
	if (pg->doc)
		sg_target_on_build(t, S_on_build);
	if (pg->search)
		sg_target_on_build(t, S_on_search);
	if (pg->group)
		sg_target_group(t, pg->group);
	if (pg->source)
		sg_target_source(t, pg->source);
	for (size_t k = 0; k < s->error_count; k++)
		if (s->errors[k].global)
			S_error_input(t, s->errors[k].path);
	S_ctx ctx = {t, s, origin, 0};
	sg_site_page_deps(s->plan, i, S_input, &ctx);
	/* A page that reads several customers (a page of a stage's list in
	 * the pipeline, 100 rows) takes longer than a page of one: started
	 * first, it runs beside the short pages. The summary, the home page
	 * and the search index read values of what they show instead. */
	if (ctx.customers > 1)
		sg_target_weight(t, (double)ctx.customers);
}

sg_site_targets *sg_build_add_site(sg_engine *e, const sg_content *c, const char *theme,
				   sg_diags *d)
{
	sg_site_targets *s = sg_xcalloc(1, sizeof *s);
	S_plan_site(s, e, c, theme, d);
	if (!s->plan) {
		/* The theme folder could not even be read: the problem is in d;
		 * nothing of the site can be planned. */
		return s;
	}
	const char *origin = sg_site_plan_theme_origin(s->plan);
	size_t n = sg_site_page_count(s->plan);
	s->args = sg_xcalloc(n ? n : 1, sizeof *s->args);
	for (size_t i = 0; i < n; i++)
		S_add_page(s, e, i, origin);
	return s;
}

void sg_site_targets_free(sg_site_targets *s)
{
	if (!s)
		return;
	sg_site_plan_free(s->plan);
	free(s->args);
	for (size_t i = 0; i < s->error_count; i++)
		free(s->errors[i].path);
	free(s->errors);
	free(s);
}

void sg_build_site_search_report(sg_engine *e, FILE *err, int verbosity)
{
	size_t total = 0, files = 0, largest = 0;
	for (size_t i = 0; i < sg_engine_result_count(e); i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		bool ours = strcmp(r.path, "site/search-index.js") == 0 ||
			    strncmp(r.path, "site/search/", 12) == 0;
		if (!ours || (r.status != SG_STATUS_BUILT && r.status != SG_STATUS_UNCHANGED))
			continue;
		files++;
		total += r.bytes;
		if (r.bytes > largest)
			largest = r.bytes;
	}
	if (!files)
		return;
	sg_engine_count(e, "search_index_bytes", total);
	sg_engine_count(e, "search_index_files", files);
	sg_engine_count(e, "search_index_largest", largest);
	if (verbosity >= 2)
		fprintf(err, "salesgen build: search index: %zu bytes in %zu files, the largest %zu bytes\n",
			total, files, largest);
}
