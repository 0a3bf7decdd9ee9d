/*
 * site_targets.h - the HTML site in `salesgen build`: every file of the site
 * (each page, the search index, CSS, JS and images) is a target of the
 * build engine, with the inputs it is made from (render/html/site.h).
 */
#ifndef SG_TARGETS_SITE_TARGETS_H
#define SG_TARGETS_SITE_TARGETS_H

#include <stdio.h>

#include "base/diag.h"
#include "engine/engine.h"
#include "model/model.h"

typedef struct sg_site_targets sg_site_targets;

/* Adds the site's targets (OUT/site/...) to e. theme is the --theme option:
 * NULL (then the theme attribute of site.xml, else the built-in default
 * theme), a folder path (it contains a '/'), or a name looked up as
 * themes/NAME next to the content folder, then in the current folder
 * ("default" falls back to the built-in theme).
 *
 * d holds the content loader's problems and is the list the engine is run
 * with as content_diags: customers and documents with an error in their own
 * file are left out of the pages that list many (their own pages fail), and
 * theme problems are added to it, each once; every target of the site then
 * depends on the file in error, so the whole site fails with its old files
 * kept. The build date is the engine's (SOURCE_DATE_EPOCH), else each
 * customer's as-of date: never the clock.
 *
 * The result holds what the targets point at: free it after the run. */
sg_site_targets *sg_build_add_site(sg_engine *e, const sg_content *c, const char *theme,
				   sg_diags *d);
void sg_site_targets_free(sg_site_targets *s);

/* After a run of e: the size of the site's search index (search-index.js and
 * the files of search/, built or unchanged) as counts of the reports
 * (search_index_bytes, search_index_files, search_index_largest) and, when
 * verbosity is 2 or more, a line on err. Nothing when the run made or kept
 * no file of the index (--only costs, say). */
void sg_build_site_search_report(sg_engine *e, FILE *err, int verbosity);

#endif
