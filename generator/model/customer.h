/*
 * customer.h - one customer file (content/customers/ID.xml) as an sg_customer.
 *
 * Loading is in two steps so that one run can report every problem:
 * sg_customer_read() parses, validates against customer.rng and converts each
 * value (money, shares, dates, counts) with its position; sg_customer_resolve()
 * then ties the customer to the site and the catalog (owner rep, stage and
 * checklist items, product, edition, approval roles, proposal number).
 * model/content.c does both for every customer and adds the checks that need
 * all customers at once (duplicate ids and proposal numbers).
 */
#ifndef SG_MODEL_CUSTOMER_H
#define SG_MODEL_CUSTOMER_H

#include <stdbool.h>

#include "model/model.h"

/* Customer files larger than this are refused unread. */
#define SG_CUSTOMER_CAP (1024u * 1024)

/* Reads path and builds the customer in a. Defaults: lang default_lang when
 * the file gives none (NULL: "zh-CN"), depreciation years 5, staff share 1,
 * offer discount 1 (list price). The id must be a safe file name and equal the
 * file name without ".xml".
 *
 * Every problem goes to d at its line; a bad value does not stop the rest of
 * the file from being read. Returns NULL only when the file cannot be read or
 * parsed at all; otherwise the customer, with values that failed to convert
 * left at their defaults. *clean (when not NULL) is set to true when the file
 * gave no error at all. */
sg_customer *sg_customer_read(sg_arena *a, const char *path, const char *default_lang,
			      sg_diags *d, bool *clean);
/* The same for a file of the content folder `folder`, which path must not
 * lead out of (base/confine.h). */
sg_customer *sg_customer_read_in(sg_arena *a, const char *folder, const char *path,
				 const char *default_lang, sg_diags *d, bool *clean);

/* sg_customer_read() for callers that want only usable customers: NULL unless
 * the file was read without any error. */
sg_customer *sg_customer_load(sg_arena *a, const char *path, const char *default_lang,
			      sg_diags *d);

/* Resolves c's references against site and catalog (either may be NULL, in
 * which case the checks that need it are skipped): owner rep, project stage,
 * checklist items (unknown: error; of a later stage than the project's:
 * warning), offer product and edition, approval roles against the product's
 * policy, and the proposal number against the site's pattern. Sets c->owner,
 * c->stage, c->offer.product and c->offer.edition when they resolve. Returns
 * the number of errors added to d. */
size_t sg_customer_resolve(sg_customer *c, const sg_site *site, const sg_catalog *catalog,
			   sg_diags *d);

/* Names of the enumerations, as written in the XML ("anti-spam", "weak"). */
const char *sg_renewal_kind_name(sg_renewal_kind k);
const char *sg_level_name(sg_level v);
const char *sg_leadership_name(sg_leadership v);
const char *sg_external_name(sg_external v);
const char *sg_strength_name(sg_strength v);
const char *sg_budget_name(sg_budget v);
/* "company", "law-firm", "school", "hospital", "bank", "government", "other";
 * NULL for SG_ORG_UNKNOWN. */
const char *sg_org_kind_name(sg_org_kind v);

#endif
