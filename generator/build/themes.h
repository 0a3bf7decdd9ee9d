/*
 * themes.h - where a theme named on the command line lives.
 */
#ifndef SG_BUILD_THEMES_H
#define SG_BUILD_THEMES_H

/* The folder of theme name: name itself when it holds a '/', else
 * THEMES/name where THEMES is themes (when given), else themes/ beside the
 * content folder, else ./themes. NULL when no themes folder exists (the
 * caller then uses the built-in default theme, if name is "default").
 * Heap string. */
char *sg_build_theme_dir(const char *name, const char *themes, const char *content);

#endif
