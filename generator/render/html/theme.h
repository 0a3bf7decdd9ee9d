/*
 * theme.h - an HTML theme: page templates, partials, label strings and the
 * static files (CSS, JS, images) copied next to the pages.
 *
 * A theme is a folder (docs/themes.md):
 *
 *   layout.html            the frame of every page; the page's own HTML is in
 *                          {{{content}}}
 *   pages/NAME.html        one template per kind of page (home, playbook, ...)
 *   partials/NAME.html     pieces shared by pages: {{> NAME}}
 *   strings/LANG.yaml      labels in one language (zh-CN.yaml, en.yaml): a YAML
 *                          map, nested maps allowed, seen by templates as {{s.KEY}}
 *   static/...             copied as is into the site's root folder
 *
 * Every template is compiled once, at load, in the Mustache engine's spec
 * mode with HTML escaping: {{x}} can never insert markup. The default theme
 * is also compiled into the binary, so salesgen needs no data files to build
 * a site.
 */
#ifndef SG_RENDER_HTML_THEME_H
#define SG_RENDER_HTML_THEME_H

#include <stddef.h>

#include "base/diag.h"
#include "base/value.h"
#include "document/mustache.h"

typedef struct sg_theme sg_theme;

/* One file of the theme's static/ folder; name is relative to static/. */
typedef struct sg_theme_file {
	const char *name;
	const char *data;
	size_t len;
} sg_theme_file;

/* Theme files larger than this are refused, and so are themes with more than
 * SG_THEME_MAX_FILES files: a theme is a few dozen small files. */
#define SG_THEME_FILE_CAP (4u * 1024 * 1024)
#define SG_THEME_MAX_FILES 2000

/* Loads the theme in folder dir (NULL: the built-in default theme), compiles
 * layout.html and every pages/NAME.html, and parses every strings/LANG.yaml.
 * Hidden files are skipped. A symbolic link is read as the file it points to
 * when that lies inside dir; one that leads out of dir is an error at the
 * link (base/confine.h): its file is never read. Problems (missing layout,
 * template syntax errors, bad YAML) go to d with their file and line. On
 * success stores a theme freed with sg_theme_free() and returns 0; otherwise
 * stores NULL and returns -1. */
int sg_theme_load(sg_theme **out, const char *dir, sg_diags *d);
/* As sg_theme_load(), but a theme whose folder could be read is stored even
 * when its templates or strings have errors or links that lead out of it
 * were left out (returning -1 all the same):
 * its files can still be listed, for example to keep the outputs they made.
 * Its templates may then be missing. Stores NULL when the folder itself
 * could not be read. */
int sg_theme_load_files(sg_theme **out, const char *dir, sg_diags *d);
void sg_theme_free(sg_theme *t);

/* Where the theme came from: its folder, or "(built-in default theme)". */
const char *sg_theme_origin(const sg_theme *t);

/* The compiled "layout.html" or "pages/NAME.html" (pass "layout" or
 * "pages/NAME"), or NULL when the theme has no such template. */
const sg_template *sg_theme_template(const sg_theme *t, const char *name);

/* The string table of lang: strings/LANG.yaml, else strings/en.yaml, else the
 * first table; an empty map when the theme has none. Owned by the theme. */
const sg_value *sg_theme_strings(const sg_theme *t, const char *lang);

/* The string at dotted key in lang's table (with the same fallbacks, key by
 * key), or key itself when no table has it, so a missing label shows up as
 * its key rather than as nothing. */
const char *sg_theme_string(const sg_theme *t, const char *lang, const char *key);

/* Every file of the theme (templates, partials, strings, static files),
 * sorted by name, names relative to the theme's folder ("layout.html",
 * "static/assets/site.css"): what outputs made with the theme depend on. */
size_t sg_theme_source_count(const sg_theme *t);
const sg_theme_file *sg_theme_source_at(const sg_theme *t, size_t i);
/* The file of that name, or NULL. */
const sg_theme_file *sg_theme_source(const sg_theme *t, const char *name);

/* The static files, sorted by name. */
size_t sg_theme_file_count(const sg_theme *t);
const sg_theme_file *sg_theme_file_at(const sg_theme *t, size_t i);

#endif
