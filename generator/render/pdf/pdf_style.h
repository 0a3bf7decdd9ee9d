/*
 * pdf_style.h - a theme's pdf.yaml over the layout's style (layout/style.h
 * holds the style and its defaults; docs/themes.md lists the keys).
 */
#ifndef SG_RENDER_PDF_PDF_STYLE_H
#define SG_RENDER_PDF_PDF_STYLE_H

#include <stddef.h>

#include "base/diag.h"
#include "layout/style.h"

/* The style of a theme: <dir>/pdf.yaml over the defaults, or with dir NULL
 * the built-in default theme's pdf.yaml. The file must not lead out of dir
 * (base/confine.h). Returns 0, or -1 with the problems
 * in d (out is then still usable: the defaults and what could be read). */
int sg_pdf_style_load(sg_style *out, const char *dir, sg_diags *d);

/* Applies the YAML text[0..len) (a pdf.yaml, whose first line is line 1 of
 * path) over s. Problems go to d with their line; returns 0, or -1 when
 * there was any (s then holds whatever was read before). Unknown keys are
 * errors, so a misspelt key does not pass silently. */
int sg_pdf_style_load_yaml(sg_style *s, const char *text, size_t len, const char *path,
			   sg_diags *d);

#endif
