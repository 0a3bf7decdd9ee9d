/*
 * site.h - loading content/site.xml: the vendor, its reps, how proposal
 * numbers look and the project stages with their checklists.
 */
#ifndef SG_MODEL_SITE_H
#define SG_MODEL_SITE_H

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

/* The largest site file read, in bytes. */
#define SG_SITE_FILE_CAP (1u * 1024 * 1024)

/* Loads the site file at path, validated against the embedded site.rng.
 * Everything, path included, is allocated in a. Returns NULL when the file
 * cannot be used (missing, not well-formed, not valid); a site with duplicate
 * or unsafe rep, stage or checklist item ids is still returned, with every
 * problem in d at its line. lang defaults to "zh-CN" and currency to "CNY". */
sg_site *sg_site_load(sg_arena *a, const char *path, sg_diags *d);
/* The same for the site file of the content folder `folder`, which path must
 * not lead out of (base/confine.h). */
sg_site *sg_site_load_in(sg_arena *a, const char *folder, const char *path, sg_diags *d);

/* The rep, stage or checklist item with that id, or NULL. */
const sg_rep *sg_site_rep(const sg_site *s, const char *id);
const sg_stage *sg_site_stage(const sg_site *s, const char *id);
const sg_stage_item *sg_stage_item_find(const sg_stage *st, const char *id);

/* True when number matches the site's proposal-number pattern: in the
 * pattern, YYYY (a run of exactly four Y) stands for the offer's year, or any
 * four digits when year is 0; N stands for any digit; every other character,
 * a lone Y included ("YM-YYYY-NNNN"), stands for itself. Always true when the
 * site gives no pattern. */
bool sg_site_number_matches(const sg_site *s, const char *number, int year);

#endif
