/*
 * xmlcheck.c - schema validation plus the blank-value rule, with positions.
 */
#include "model/xmlcheck.h"

#include <stdbool.h>

#include "load/xml.h"
#include "model/srcmap.h"

typedef struct S_ctx {
	const char *root; /* the folder the file must not lead out of, or NULL */
	const char *path;
	size_t cap;
	sg_diags *d;
	sg_srcmap map;
	bool mapped; /* map read (on the first blank value) */
} S_ctx;

static void S_blank(void *user, const xmlNode *node, const char *attr, const char *value)
{
	S_ctx *x = user;
	if (!x->mapped) {
		sg_srcmap_init(&x->map, x->root, x->path, x->cap);
		x->mapped = true;
	}
	const char *what = *value ? " (only spaces)" : "";
	if (attr)
		sg_error(x->d, sg_srcmap_attr(&x->map, node, attr),
			 "attribute %s of <%s> is empty%s", attr, (const char *)node->name, what);
	else
		sg_error(x->d, sg_srcmap_text(&x->map, node), "<%s> is empty%s",
			 (const char *)node->name, what);
}

int sg_xmlcheck_validate(xmlDocPtr doc, const char *schema, const char *root, const char *path,
			 size_t cap, sg_diags *d)
{
	int rc = sg_xml_validate(doc, schema, path, d);
	S_ctx x = {.root = root, .path = path, .cap = cap, .d = d};
	if (sg_xml_find_blank(doc, schema, S_blank, &x) > 0)
		rc = -1;
	if (x.mapped)
		sg_srcmap_dispose(&x.map);
	return rc;
}
