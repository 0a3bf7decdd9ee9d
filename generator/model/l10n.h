/*
 * l10n.h - reading texts in several languages from content XML, for the
 * model loaders (catalog, site, customer).
 *
 * A text is written as repeated elements, one per language:
 *   <name>云邮企业邮箱</name><name lang="en">CloudMail Business Mail</name>
 * The element without a lang attribute is in the default language.
 */
#ifndef SG_MODEL_L10N_H
#define SG_MODEL_L10N_H

#include "base/arena.h"
#include "base/diag.h"
#include "load/xml.h"
#include "model/model.h"

/* Fills out from every child element of parent named name. A language given
 * twice, or an empty text, is reported to d at its line (the first text of a
 * language wins). default_lang NULL means "zh-CN". Returns the number of
 * texts kept. */
size_t sg_l10n_read(sg_l10n *out, sg_arena *a, const xmlNode *parent, const char *name,
		    const char *default_lang, const char *path, sg_diags *d);

#endif
