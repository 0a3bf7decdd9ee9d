/*
 * quote.c - choosing a quotation template and a customer's quotation ready
 * to typeset (see quote.h).
 */
#include <string.h>

#include "document/quote.h"

static bool S_front_bool(const sg_doc *t, const char *key)
{
	const sg_value *v = sg_map_get(t->front, key);
	return v && v->kind == SG_VAL_BOOL && v->u.b;
}

static bool S_lists(const sg_doc *t, const char *id)
{
	const sg_value *v = sg_map_get(t->front, "customers");
	if (!v || v->kind != SG_VAL_LIST)
		return false;
	for (const sg_value *it = v->u.items.first; it; it = it->next)
		if (it->kind == SG_VAL_STR && strcmp(it->u.str.s, id) == 0)
			return true;
	return false;
}

const sg_doc *sg_quote_pick(const sg_content *c, const sg_customer *cu, sg_diags *d)
{
	const char *lang = cu->lang ? cu->lang : c->site ? c->site->lang : "zh-CN";
	const sg_doc *listed = NULL, *by_default = NULL, *by_lang = NULL;
	for (size_t i = 0; i < c->doc_count; i++) {
		const sg_doc *t = c->docs[i];
		if (t->kind != SG_DOC_QUOTE)
			continue;
		if (!listed && S_lists(t, cu->id))
			listed = t;
		bool same = t->lang && strcmp(t->lang, lang) == 0;
		if (same && !by_default && S_front_bool(t, "default"))
			by_default = t;
		if (same && !by_lang)
			by_lang = t;
	}
	if (listed)
		return listed;
	if (by_default)
		return by_default;
	if (by_lang)
		return by_lang;
	sg_error(d, cu->pos,
		 "no quotation template in %s for customer '%s' (add quotes/NAME.md with lang: %s)",
		 lang, cu->id, lang);
	return NULL;
}

static const char *S_path_str(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	return v && v->kind == SG_VAL_STR && v->u.str.len ? v->u.str.s : NULL;
}

int sg_quote_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
		     const sg_proposal_opts *o, sg_diags *d)
{
	static const sg_proposal_opts none;
	if (!o)
		o = &none;
	const sg_doc *tpl = sg_quote_pick(c, cu, d);
	if (!tpl)
		return -1;
	if (tpl->audience != SG_AUDIENCE_CUSTOMER) {
		sg_error(d, tpl->pos, "a quotation template must have audience: customer");
		return -1;
	}
	if (sg_proposal_check_features(tpl, cu, d))
		return -1;
	const char *lang = o->lang ? o->lang : tpl->lang ? tpl->lang : cu->lang;
	doc->lang = sg_arena_strdup(&doc->arena, lang);
	doc->date = sg_date_is_set(o->build_date) ? o->build_date : cu->as_of;
	doc->quote = true;

	sg_value *data = sg_proposal_data(&doc->arena, c, cu, lang, doc->date, d);
	if (!data)
		return -1;
	if (sg_proposal_render(doc, tpl, data, d) != 0)
		return -1;
	const char *title = sg_proposal_front_text(doc, tpl, "title", data, d);
	doc->title = title ? title : tpl->title;
	const char *number = S_path_str(data, "offer.quote_number");
	doc->header = number ? sg_arena_printf(&doc->arena, "%s · %s", doc->title, number)
			     : doc->title;
	/* A quotation's foot is its signatory and seal, not a line about
	 * whom it was written for. */
	doc->confidential = "";
	doc->author = S_path_str(data, "vendor.name");
	doc->subject = doc->title;
	doc->keywords = number;
	if (sg_eval_of(cu)->approval_missing) {
		doc->draft = true;
		doc->watermark = sg_proposal_label("doc.watermark", lang);
	}
	doc->sealed = !doc->draft;
	return 0;
}
