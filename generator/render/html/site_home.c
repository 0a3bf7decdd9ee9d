/*
 * site_home.c - the home page: where everything is, what happened lately
 * and which renewals come next.
 */
#include "render/html/site_int.h"

#include <stdlib.h>

/* The home page shows the first few of each list and links to the whole:
 * at 10,000 accounts or 100,000 playbooks a page that lists everything is
 * megabytes that no one reads and a browser is slow to open. */
enum { S_HOME_DOCS = 12, S_HOME_ACCOUNTS = 24, S_HOME_TAGS = 60 };

/* The list's length and where the rest is, when it was cut to shown. */
static void S_more(sg_site_ctx *x, sg_value *data, const char *key, size_t total, size_t shown,
		   const char *href)
{
	if (total <= shown)
		return;
	sg_value *m = sg_map_set(&x->a, data, key, sg_value_map(&x->a));
	sg_site_set_int(x, m, "count", (int64_t)total);
	sg_site_set_str(x, m, "href", href);
}

/* The most used tags first, then by name: the tags the cloud keeps when it
 * cannot show all of them. */
static int S_cmp_count(const void *a, const void *b)
{
	const sg_site_tag *const *x = a, *const *y = b;
	if ((*x)->count != (*y)->count)
		return (*x)->count < (*y)->count ? 1 : -1;
	return *x < *y ? -1 : *x > *y;
}

/* Back in the order of x->tags (by name) for the cloud. */
static int S_cmp_place(const void *a, const void *b)
{
	const sg_site_tag *const *x = a, *const *y = b;
	return *x < *y ? -1 : *x > *y;
}

static void S_tag_cloud(sg_site_ctx *x, sg_value *data)
{
	size_t n = x->tag_count;
	const sg_site_tag **order = sg_arena_alloc(&x->a, (n + 1) * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = &x->tags[i];
	if (n > S_HOME_TAGS) {
		qsort(order, n, sizeof *order, S_cmp_count);
		n = S_HOME_TAGS;
		qsort(order, n, sizeof *order, S_cmp_place);
	}
	sg_value *tags = sg_map_set(&x->a, data, "tags", sg_value_list(&x->a));
	for (size_t i = 0; i < n; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "name", order[i]->name);
		sg_site_set_str(x, v, "lang", order[i]->lang);
		sg_site_set_str(x, v, "href",
				sg_site_path_url(&x->a,
						 sg_arena_printf(&x->a, "tags/%s.html", order[i]->slug)));
		sg_site_set_int(x, v, "count", (int64_t)order[i]->count);
		sg_list_push(tags, v);
	}
	S_more(x, data, "more_tags", x->tag_count, n, "tags/index.html");
}

void sg_site_home(sg_site_ctx *x)
{
	const char *lang = x->lang;
	const char *path = "index.html";
	const char *title = sg_site_str(x, lang, "home.title");
	sg_value *data = sg_site_base(x, lang, path, "home", title);
	sg_site_set_str(x, data, "from", sg_site_date(&x->a, x->today));

	sg_value *pbs = sg_map_set(&x->a, data, "playbooks", sg_value_list(&x->a));
	size_t npb = x->playbook_count < S_HOME_DOCS ? x->playbook_count : S_HOME_DOCS;
	for (size_t i = 0; i < npb; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "title", x->playbooks[i]->title);
		sg_site_set_str(x, v, "summary", x->playbooks[i]->summary);
		sg_site_set_str(x, v, "lang", x->playbooks[i]->lang);
		sg_site_set_str(x, v, "href",
				sg_arena_printf(&x->a, "playbooks/%s.html", x->playbooks[i]->slug));
		sg_list_push(pbs, v);
	}
	sg_value *cases = sg_map_set(&x->a, data, "cases", sg_value_list(&x->a));
	size_t ncs = x->case_count < S_HOME_DOCS ? x->case_count : S_HOME_DOCS;
	for (size_t i = 0; i < ncs; i++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "title", x->cases[i]->title);
		sg_site_set_str(x, v, "lang", x->cases[i]->lang);
		sg_site_set_str(x, v, "href",
				sg_arena_printf(&x->a, "cases/%s.html", x->cases[i]->slug));
		sg_list_push(cases, v);
	}
	sg_value *accts = sg_map_set(&x->a, data, "accounts", sg_value_list(&x->a));
	size_t nac = x->customer_count < S_HOME_ACCOUNTS ? x->customer_count : S_HOME_ACCOUNTS;
	for (size_t i = 0; i < nac; i++) {
		const sg_customer *cu = x->customers[i];
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "name", cu->short_name ? cu->short_name : cu->name);
		sg_site_set_str(x, v, "lang", cu->lang);
		sg_site_set_str(x, v, "href", sg_arena_printf(&x->a, "accounts/%s.html", cu->id));
		sg_list_push(accts, v);
	}
	S_more(x, data, "more_playbooks", x->playbook_count, npb, "playbooks/index.html");
	S_more(x, data, "more_cases", x->case_count, ncs, "cases/index.html");
	S_more(x, data, "more_accounts", x->customer_count, nac, "pipeline.html");
	S_tag_cloud(x, data);
	sg_map_set(&x->a, data, "recent", sg_site_account_timeline_all(x, lang));
	sg_site_set_int(x, data, "account_count", (int64_t)x->customer_count);
	sg_site_set_int(x, data, "playbook_count", (int64_t)x->playbook_count);
	sg_site_set_int(x, data, "case_count", (int64_t)x->case_count);
	sg_site_emit(x, "home", path, data);
}
