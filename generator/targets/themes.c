/*
 * themes.c - where a theme named on the command line lives (see themes.h).
 */
#include "targets/themes.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"

char *sg_build_theme_dir(const char *name, const char *themes, const char *content)
{
	if (strchr(name, '/'))
		return sg_xstrdup(name);
	char *base = themes ? sg_xstrdup(themes) : NULL;
	if (!base && content) {
		char *up = sg_path_join(content, "..");
		base = sg_path_join(up, "themes");
		free(up);
		if (!sg_dir_exists(base)) {
			free(base);
			base = NULL;
		}
	}
	if (base && !themes) {
		/* Without the theme there, the current folder's themes/ may have
		 * it: the site looks in both (sg_build_theme_exists). */
		char *dir = sg_path_join(base, name);
		char *here = sg_path_join("themes", name);
		if (!sg_dir_exists(dir) && sg_dir_exists(here)) {
			free(base);
			base = NULL;
		}
		free(here);
		free(dir);
	}
	if (!base && sg_dir_exists("themes"))
		base = sg_xstrdup("themes");
	if (!base)
		return NULL;
	char *dir = sg_path_join(base, name);
	free(base);
	return dir;
}

bool sg_build_theme_exists(const char *name, const char *content)
{
	if (!*name)
		return false;
	if (strchr(name, '/'))
		return sg_dir_exists(name);
	if (strcmp(name, "default") == 0)
		return true;
	/* The site's lookup (site_targets.c): beside the content folder, then in
	 * the current folder. */
	bool found = false;
	if (content) {
		char *up = sg_path_join(content, "..");
		char *themes = sg_path_join(up, "themes");
		char *dir = sg_path_join(themes, name);
		found = sg_dir_exists(dir);
		free(dir);
		free(themes);
		free(up);
	}
	if (!found) {
		char *dir = sg_path_join("themes", name);
		found = sg_dir_exists(dir);
		free(dir);
	}
	return found;
}

char *sg_build_unnamed_theme_dir(const char *content)
{
	if (!content)
		return NULL;
	char *up = sg_path_join(content, "..");
	char *dir = sg_path_join(up, "themes/default");
	free(up);
	if (sg_dir_exists(dir))
		return dir;
	free(dir);
	return NULL;
}
