/*
 * catalog.h - loading the product catalog: content/catalog.xml and
 * content/products/NAME.xml.
 *
 * The loaders validate each file against the embedded schema (catalog.rng),
 * then build the sg_catalog of model.h and check what a schema cannot:
 * duplicate ids, unknown policies, roles and features, money and shares that
 * are not plain numbers or out of range, ids that are not safe file names,
 * and approval tiers that are out of order or give a senior role a shallower
 * floor than a junior one. Every problem goes to d with its file and line.
 */
#ifndef SG_MODEL_CATALOG_H
#define SG_MODEL_CATALOG_H

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

/* The largest catalog or products file read, in bytes. */
#define SG_CATALOG_FILE_CAP (4u * 1024 * 1024)

/* Loads the catalog file at path (root <catalog>). Texts without a lang
 * attribute take default_lang ("zh-CN" when NULL). Everything, path included,
 * is allocated in a. Returns NULL when the file cannot be used (missing, not
 * well-formed, not valid against the schema); a catalog with cross-check errors
 * is still returned, with every problem in d. */
sg_catalog *sg_catalog_load(sg_arena *a, const char *path, const char *default_lang, sg_diags *d);
/* The same for a file of the content folder `folder`, which path must not
 * lead out of (base/confine.h). */
sg_catalog *sg_catalog_load_in(sg_arena *a, const char *folder, const char *path,
			       const char *default_lang, sg_diags *d);

/* An empty catalog with the defaults (CNY, no VAT, price line 100,000 yuan,
 * rounding step 1,000 yuan), for content that has products/NAME.xml but no
 * catalog.xml. */
sg_catalog *sg_catalog_new(sg_arena *a, const char *path);

/* Adds the products of path (root <products> holding <product> elements, or a
 * single <product>) to c. Their policy references resolve against c's
 * policies, their ids must not repeat any product already in c, and they
 * inherit c's VAT rate unless they give their own. Returns 0, or -1 when the
 * file cannot be used (then c is unchanged); problems go to d. */
int sg_catalog_add_products(sg_catalog *c, sg_arena *a, const char *path, const char *default_lang,
			    sg_diags *d);
/* The same for a file of the content folder `folder`. */
int sg_catalog_add_products_in(sg_catalog *c, sg_arena *a, const char *folder, const char *path,
			       const char *default_lang, sg_diags *d);

#endif
