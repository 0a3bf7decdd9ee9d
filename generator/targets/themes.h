/*
 * themes.h - where a theme named on the command line lives.
 */
#ifndef SG_TARGETS_THEMES_H
#define SG_TARGETS_THEMES_H

#include <stdbool.h>

/* The folder of theme name: name itself when it holds a '/', else
 * THEMES/name where THEMES is themes (when given), else themes/ beside the
 * content folder (unless only ./themes holds name), else ./themes. NULL when
 * no themes folder exists (the caller then uses the built-in default theme,
 * if name is "default"). The folder may not exist. Heap string. */
char *sg_build_theme_dir(const char *name, const char *themes, const char *content);

/* True when the theme name given on the command line exists where `build`
 * looks for it: the folder name when it holds a '/', else themes/name beside
 * the content folder or in the current folder; "default" always (without a
 * themes/default folder it is the built-in theme). */
bool sg_build_theme_exists(const char *name, const char *content);

/* The PDFs' theme when none is named (no --theme, no theme in site.xml):
 * themes/default beside the content folder when it exists, else NULL for
 * the built-in theme. Never the current folder's: the same content must
 * make the same PDFs wherever the build is started from. Heap string. */
char *sg_build_unnamed_theme_dir(const char *content);

#endif
