/*
 * view.h - the model as templates see it, and the whitelist that keeps
 * internal fields away from customers.
 *
 * A view is an sg_value tree built from the typed model. Internal documents
 * (account pages, review reports) get the whole view. Everything a customer
 * will read is made from sg_view_public(), which copies only the paths listed
 * in the whitelist (model/view.c: S_public) and drops everything else — so a
 * field added to the model later is internal until someone decides otherwise,
 * and no template, theme or partial can reach past the whitelist.
 *
 * Paths are dotted map keys from the root ("customer.offer.users"); list items
 * are transparent ("customer.hardware.name" is the name of every hardware
 * item). A whitelist entry ending in ".*" admits the whole subtree.
 */
#ifndef SG_MODEL_VIEW_H
#define SG_MODEL_VIEW_H

#include <stdbool.h>

#include "model/model.h"

/* The customer as a map, every field (internal ones included), texts in lang
 * (NULL: the customer's). Keys are documented in docs/templates.md. */
sg_value *sg_view_customer(sg_arena *a, const sg_customer *c, const char *lang);

/* The vendor of the site: name, address, phone, email, website, logo. */
sg_value *sg_view_vendor(sg_arena *a, const sg_site *s, const char *lang);

/* A deep copy of root holding only whitelisted paths. */
sg_value *sg_view_public(sg_arena *a, const sg_value *root);

/* True when path (dotted, as above) may reach a customer. */
bool sg_view_path_is_public(const char *path);

#endif
