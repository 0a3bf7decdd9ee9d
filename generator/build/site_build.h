/*
 * site_build.h - the HTML site step of `salesgen build`.
 */
#ifndef SG_BUILD_SITE_BUILD_H
#define SG_BUILD_SITE_BUILD_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/model.h"

/* Builds OUT/site from c. theme is NULL (the built-in default theme), a
 * folder path (it contains a '/'), or a name looked up as themes/NAME next
 * to the content folder, then in the current folder ("default" falls back
 * to the built-in theme). The build date is SOURCE_DATE_EPOCH when set,
 * else each customer's as-of date: never the clock. Customers with an error
 * in their own file (already in d) are left out. Prints one summary line to
 * stderr unless quiet. Returns 0, -1 after problems in content or theme
 * (added to d), -2 when a file could not be written. */
int sg_build_site(const sg_content *c, const char *out, const char *theme, bool quiet,
		  sg_diags *d);

#endif
