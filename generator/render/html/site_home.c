/*
 * site_home.c - the home page: where everything is, what happened lately
 * and which renewals come next.
 */
#include "render/html/site_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "model/customer.h"

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

/* ---------------------------------------------------------------- plan */

typedef struct recent_key {
	sg_date date;
	sg_site_recent r;
} recent_key;

/* By date, then customer id, then place in the customer's file: an order
 * with no ties, so the lists do not depend on how they were gathered. */
static int S_cmp_recent(const recent_key *p, const recent_key *q)
{
	int c = sg_date_cmp(p->date, q->date);
	if (!c)
		c = strcmp(p->r.cu->id, q->r.cu->id);
	return c ? c : (p->r.i > q->r.i) - (p->r.i < q->r.i);
}

/* Keeps in top (*n of at most SG_SITE_RECENT, best first) the best items
 * seen so far; latest: the latest are best, else the earliest. One pass
 * over every customer's items, without sorting them all. */
static void S_keep(recent_key *top, size_t *n, recent_key k, bool latest)
{
	size_t at = *n;
	while (at > 0 && (latest ? S_cmp_recent(&k, &top[at - 1]) > 0
				 : S_cmp_recent(&k, &top[at - 1]) < 0))
		at--;
	if (at >= SG_SITE_RECENT)
		return;
	size_t last = *n < SG_SITE_RECENT ? *n : SG_SITE_RECENT - 1;
	memmove(&top[at + 1], &top[at], (last - at) * sizeof *top);
	top[at] = k;
	if (*n < SG_SITE_RECENT)
		(*n)++;
}

void sg_site_recent_plan(sg_site_ctx *x)
{
	recent_key ev[SG_SITE_RECENT], rn[SG_SITE_RECENT];
	size_t ne = 0, nr = 0;
	for (size_t i = 0; i < x->customer_count; i++) {
		const sg_customer *cu = x->customers[i];
		for (size_t k = 0; k < cu->event_count; k++)
			if (sg_date_cmp(cu->events[k].date, x->today) <= 0)
				S_keep(ev, &ne, (recent_key){cu->events[k].date, {cu, k}}, true);
		for (size_t k = 0; k < cu->renewal_count; k++) {
			sg_date due = cu->renewals[k].due;
			if (sg_date_is_set(due) && sg_date_cmp(due, x->today) >= 0)
				S_keep(rn, &nr, (recent_key){due, {cu, k}}, false);
		}
	}
	for (size_t k = 0; k < ne; k++)
		x->events[k] = ev[k].r;
	for (size_t k = 0; k < nr; k++)
		x->renewals[k] = rn[k].r;
	x->event_count = ne;
	x->renewal_count = nr;
}

const char *sg_site_home_digest(sg_arena *a, const sg_site_ctx *x)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_printf(&b, "%zu customers\n", x->customer_count);
	for (size_t i = 0; i < x->customer_count && i < S_HOME_ACCOUNTS; i++) {
		const sg_customer *cu = x->customers[i];
		sg_buf_printf(&b, "account %s\x1f%s\x1f%s\x1f%s\n", cu->id, cu->name ? cu->name : "",
			      cu->short_name ? cu->short_name : "", cu->lang ? cu->lang : "");
	}
	for (size_t k = 0; k < x->event_count; k++) {
		const sg_customer *cu = x->events[k].cu;
		const sg_event *e = &cu->events[x->events[k].i];
		sg_buf_printf(&b, "event %s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\n", cu->id,
			      sg_site_date(a, e->date), e->kind ? e->kind : "", e->text ? e->text : "",
			      cu->name ? cu->name : "", cu->short_name ? cu->short_name : "",
			      cu->lang ? cu->lang : "");
	}
	for (size_t k = 0; k < x->renewal_count; k++) {
		const sg_customer *cu = x->renewals[k].cu;
		const sg_renewal *r = &cu->renewals[x->renewals[k].i];
		sg_buf_printf(&b, "renewal %s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\n", cu->id,
			      sg_site_date(a, r->due), sg_renewal_kind_name(r->kind),
			      r->name ? r->name : "", (long long)r->amount, cu->name ? cu->name : "",
			      cu->short_name ? cu->short_name : "", cu->lang ? cu->lang : "");
	}
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

/* ---------------------------------------------------------------- page */

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
