/*
 * site_build.c - the HTML site step of `salesgen build`: finds the theme,
 * works out the build date, and runs the site generator.
 */
#include "build/site_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "render/html/site.h"

/* True when d holds an error (or, under --strict, a warning) in path. */
static bool S_skip(const sg_customer *cu, void *ctx)
{
	const sg_diags *d = ctx;
	for (size_t i = 0; i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		bool counts = it->severity == SG_ERROR ||
			      (it->severity == SG_WARNING && d->warnings_are_errors);
		if (counts && it->path && strcmp(it->path, cu->path) == 0)
			return true;
	}
	return false;
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org) as a date; unset otherwise. */
static sg_date S_build_date(sg_diags *d)
{
	sg_date none = {0, 0, 0};
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return none;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		sg_warning(d, sg_pos_make("SOURCE_DATE_EPOCH", 0, 0),
			   "not a number of seconds: '%s' (ignored)", s);
		return none;
	}
	return sg_date_from_unix(v);
}

/* The theme's folder (heap), or NULL for the built-in theme. */
static char *S_theme_dir(const char *content, const char *theme, bool *missing)
{
	*missing = false;
	if (!theme)
		return NULL;
	if (strchr(theme, '/'))
		return sg_xstrdup(theme);
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

int sg_build_site(const sg_content *c, const char *out, const char *theme, bool quiet,
		  sg_diags *d)
{
	bool missing;
	char *theme_dir = S_theme_dir(c->dir, theme, &missing);
	if (missing) {
		sg_error(d, sg_pos_make("--theme", 0, 0),
			 "no theme '%s': looked for themes/%s next to the content folder and in "
			 "the current folder",
			 theme, theme);
		return -1;
	}
	char *site_dir = sg_path_join(out, "site");
	sg_site_opts o = {
		.out_dir = site_dir,
		.theme_dir = theme_dir,
		.today = S_build_date(d),
		.skip_customer = S_skip,
		.skip_ctx = d,
	};
	sg_site_stats st;
	int rc = sg_site_build(c, &o, d, &st);
	if (!quiet)
		fprintf(stderr, "salesgen build: site: %zu pages (%zu accounts) in %s\n", st.pages,
			st.accounts, site_dir);
	free(site_dir);
	free(theme_dir);
	return rc;
}
