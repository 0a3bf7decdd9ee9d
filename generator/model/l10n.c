/*
 * l10n.c - texts in several languages, and the small lookups of model.h.
 */
#include "model/l10n.h"

#include <string.h>

const char *sg_l10n_get(const sg_l10n *t, const char *lang)
{
	if (!t || t->count == 0)
		return NULL;
	if (lang)
		for (size_t i = 0; i < t->count; i++)
			if (t->items[i].lang && strcmp(t->items[i].lang, lang) == 0)
				return t->items[i].text;
	return t->items[0].text;
}

size_t sg_l10n_read(sg_l10n *out, sg_arena *a, const xmlNode *parent, const char *name,
		    const char *default_lang, const char *path, sg_diags *d)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	for (xmlNodePtr e = sg_xml_child(parent, name); e; e = sg_xml_next(e, name))
		n++;
	if (n == 0)
		return 0;
	out->items = sg_arena_alloc(a, n * sizeof *out->items);
	for (xmlNodePtr e = sg_xml_child(parent, name); e; e = sg_xml_next(e, name)) {
		sg_pos pos = sg_xml_pos(path, e);
		const char *lang = sg_xml_attr(a, e, "lang");
		if (!lang)
			lang = default_lang ? default_lang : "zh-CN";
		const char *text = sg_xml_text(a, e);
		if (!*text) {
			sg_error(d, pos, "<%s> is empty", name);
			continue;
		}
		bool seen = false;
		for (size_t i = 0; i < out->count && !seen; i++)
			seen = strcmp(out->items[i].lang, lang) == 0;
		if (seen) {
			sg_error(d, pos, "<%s> is given twice in %s (add lang=\"...\" to one of them)",
				 name, lang);
			continue;
		}
		out->items[out->count++] = (sg_l10n_item){.lang = lang, .text = text, .pos = pos};
	}
	return out->count;
}

const sg_product *sg_catalog_product(const sg_catalog *c, const char *id)
{
	if (!c || !id)
		return NULL;
	for (size_t i = 0; i < c->product_count; i++)
		if (strcmp(c->products[i].id, id) == 0)
			return &c->products[i];
	return NULL;
}

const sg_edition *sg_product_edition(const sg_product *p, const char *id)
{
	if (!p || !id)
		return NULL;
	for (size_t i = 0; i < p->edition_count; i++)
		if (strcmp(p->editions[i].id, id) == 0)
			return &p->editions[i];
	return NULL;
}

const sg_feature *sg_product_feature(const sg_product *p, const char *id)
{
	if (!p || !id)
		return NULL;
	for (size_t i = 0; i < p->feature_count; i++)
		if (strcmp(p->features[i].id, id) == 0)
			return &p->features[i];
	return NULL;
}

const char *sg_edition_summary(const sg_product *p, const sg_edition *e, const char *lang)
{
	const char *s = e && e->summary.count ? sg_l10n_get(&e->summary, lang) : NULL;
	return s ? s : p ? sg_l10n_get(&p->summary, lang) : NULL;
}

static char S_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

const char *sg_catalog_names(const char *text, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (!text || !n)
		return NULL;
	for (const char *p = text; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && S_lower(p[i]) == S_lower(name[i]))
			i++;
		if (i == n)
			return p;
	}
	return NULL;
}
