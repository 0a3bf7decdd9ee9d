/*
 * site_home.c - the home page: where everything is, what happened lately
 * and which renewals come next.
 */
#include "render/html/site_int.h"

void sg_site_home(sg_site_ctx *x)
{
	const char *lang = x->lang;
	const char *path = "index.html";
	const char *title = sg_site_str(x, lang, "home.title");
	sg_value *data = sg_site_base(x, lang, path, "home", title);
	sg_site_set_str(x, data, "from", sg_site_date(&x->a, x->today));

	sg_value *pbs = sg_map_set(&x->a, data, "playbooks", sg_value_list(&x->a));
	for (size_t i = 0; i < x->playbook_count; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "title", x->playbooks[i]->title);
		sg_site_set_str(x, v, "summary", x->playbooks[i]->summary);
		sg_site_set_str(x, v, "lang", x->playbooks[i]->lang);
		sg_site_set_str(x, v, "href",
				sg_arena_printf(&x->a, "playbooks/%s.html", x->playbooks[i]->slug));
		sg_list_push(pbs, v);
	}
	sg_value *cases = sg_map_set(&x->a, data, "cases", sg_value_list(&x->a));
	for (size_t i = 0; i < x->case_count; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "title", x->cases[i]->title);
		sg_site_set_str(x, v, "lang", x->cases[i]->lang);
		sg_site_set_str(x, v, "href",
				sg_arena_printf(&x->a, "cases/%s.html", x->cases[i]->slug));
		sg_list_push(cases, v);
	}
	sg_value *accts = sg_map_set(&x->a, data, "accounts", sg_value_list(&x->a));
	for (size_t i = 0; i < x->customer_count; i++) {
		const sg_customer *cu = x->customers[i];
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "name", cu->short_name ? cu->short_name : cu->name);
		sg_site_set_str(x, v, "lang", cu->lang);
		sg_site_set_str(x, v, "href", sg_arena_printf(&x->a, "accounts/%s.html", cu->id));
		sg_list_push(accts, v);
	}
	sg_value *tags = sg_map_set(&x->a, data, "tags", sg_value_list(&x->a));
	for (size_t i = 0; i < x->tag_count; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "name", x->tags[i].name);
		sg_site_set_str(x, v, "lang", x->tags[i].lang);
		sg_site_set_str(x, v, "href",
				sg_site_path_url(&x->a,
						 sg_arena_printf(&x->a, "tags/%s.html", x->tags[i].slug)));
		sg_site_set_int(x, v, "count", (int64_t)x->tags[i].count);
		sg_list_push(tags, v);
	}
	sg_map_set(&x->a, data, "recent", sg_site_account_timeline_all(x, lang));
	sg_site_set_int(x, data, "account_count", (int64_t)x->customer_count);
	sg_site_set_int(x, data, "playbook_count", (int64_t)x->playbook_count);
	sg_site_set_int(x, data, "case_count", (int64_t)x->case_count);
	sg_site_emit(x, "home", path, data);
}
