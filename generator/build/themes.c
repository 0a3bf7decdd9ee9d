#include "build/themes.h"

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
	if (!base && sg_dir_exists("themes"))
		base = sg_xstrdup("themes");
	if (!base)
		return NULL;
	char *dir = sg_path_join(base, name);
	free(base);
	return dir;
}
