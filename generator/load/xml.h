/*
 * xml.h - reading content XML safely, with positions.
 *
 * Content XML is parsed with no network access, no external entities, no DTD
 * loading and bounded entity expansion, and with XML_PARSE_BIG_LINES so line
 * numbers stay right in large files. Schemas (RELAX NG) are compiled into the
 * binary from generator/load/schemas/.
 */
#ifndef SG_LOAD_XML_H
#define SG_LOAD_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/diag.h"

/* Reads and parses path. Refuses files over cap bytes, invalid UTF-8 (with the
 * line and column of the first bad byte), DTDs that declare external entities
 * and any entity expansion beyond a small bound. Every problem goes to d with
 * its position. Returns NULL on failure; free the result with xmlFreeDoc(). */
xmlDocPtr sg_xml_read(const char *path, size_t cap, sg_diags *d);
/* The same for a file of the content folder root: path must not lead out of
 * it (base/confine.h); one that does is an error at path. root NULL: as
 * sg_xml_read(), for a file named on the command line. */
xmlDocPtr sg_xml_read_in(const char *root, const char *path, size_t cap, sg_diags *d);

/* Validates doc against the embedded schema `schema` ("customer.rng",
 * "catalog.rng", "site.rng"). Every violation is reported at its line. Returns
 * 0 when valid, -1 otherwise. */
int sg_xml_validate(xmlDocPtr doc, const char *schema, const char *path, sg_diags *d);

/* The words the embedded schema `schema` allows for the text of the first
 * <element name=elem> it declares or, with attr, for that element's
 * attribute attr: its <value>s (through <ref>s), separated by ", ", as a
 * heap string the caller frees. NULL when the schema, the element or the
 * attribute is not there or holds no closed list. Lets messages and
 * scaffolds (`salesgen new`) list the choices from the schema itself. */
char *sg_xml_schema_values(const char *schema, const char *elem, const char *attr);

/* Called for each blank value sg_xml_find_blank() finds: attr is the
 * attribute's name, or NULL for the element's own text; value is what is
 * written (only white space, maybe ""). */
typedef void (*sg_xml_blank_fn)(void *ctx, const xmlNode *node, const char *attr,
				const char *value);

/* The rule that no text value may be blank: walks doc alongside the embedded
 * schema `schema` and calls fn for every element text and attribute value the
 * schema types as free text (<text/>) that holds only white space. A value
 * the schema marks sg:blank="allowed" is skipped, and so are values whose
 * element the schema does not know (validation reports those). Call it after
 * sg_xml_validate(). Returns the number of blank values found. */
size_t sg_xml_find_blank(xmlDocPtr doc, const char *schema, sg_xml_blank_fn fn, void *ctx);

/* The position of node in path (line from libxml2; col 0). */
sg_pos sg_xml_pos(const char *path, const xmlNode *node);

/* Element children by name: first, then next sibling of the same name. */
xmlNodePtr sg_xml_child(const xmlNode *parent, const char *name);
xmlNodePtr sg_xml_next(const xmlNode *node, const char *name);

/* An attribute's value copied into the arena, or NULL when absent. */
const char *sg_xml_attr(sg_arena *a, const xmlNode *node, const char *name);
/* The element's text content, trimmed of surrounding white space, in the
 * arena; "" for an empty element. */
const char *sg_xml_text(sg_arena *a, const xmlNode *node);
/* The element's text exactly as written (CDATA included), in the arena. */
const char *sg_xml_text_raw(sg_arena *a, const xmlNode *node);

#endif
