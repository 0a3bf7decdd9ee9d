/*
 * xmlcheck.h - the checks every content XML file passes before its values
 * are read: the schema, and the rule that no text value is blank.
 *
 * A name of only spaces passes a schema that says "text", yet prints as
 * nothing: "本方案专为编制" on every page of a proposal. So every value the
 * schema types as free text, in every XML file (customers, catalog, products,
 * site), must hold something other than white space; the schema can exempt a
 * value with sg:blank="allowed". One rule here, not a check per field.
 */
#ifndef SG_MODEL_XMLCHECK_H
#define SG_MODEL_XMLCHECK_H

#include <stddef.h>

#include <libxml/tree.h>

#include "base/diag.h"

/* Validates doc (read from path) against the embedded schema `schema`, then
 * reports each blank text value at its exact position: an element's text
 * where the text starts, an attribute at its name. The file is read again
 * (at most cap bytes, inside the folder root unless it is NULL) only when
 * there is a blank value to place. Returns 0
 * when the file passes both, -1 otherwise (everything reported to d). */
int sg_xmlcheck_validate(xmlDocPtr doc, const char *schema, const char *root, const char *path,
			 size_t cap, sg_diags *d);

#endif
