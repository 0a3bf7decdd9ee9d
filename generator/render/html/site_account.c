/*
 * site_account.c - an account page per customer (segment fit, lifecycle and
 * stage checklist, decision chain, timeline, cost and offer, notes) and a
 * customer's row in the pipeline's lists (site_pipeline.c).
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cost/evaluation.h"
#include "model/customer.h"
#include "render/html/site_int.h"

typedef struct account {
	const sg_customer *cu;
	/* The customer's cost model (r points at own): with its lines for the
	 * account page, without them for the pipeline's rows. */
	const sg_cost_result *r;
	sg_cost_result own;
	bool cost_ok;
	sg_date from; /* what "in N days" counts from */
} account;

/* ---------------------------------------------------------------- labels */

/* The label of an enumerated id ("role.approver"), or the id itself when the
 * theme has none. */
static const char *S_label(sg_site_ctx *x, const char *lang, const char *group, const char *id)
{
	if (!id || !*id)
		return NULL;
	char key[128];
	snprintf(key, sizeof key, "%s.%s", group, id);
	const char *s = sg_site_str(x, lang, key);
	return strcmp(s, key) == 0 ? id : s;
}

static const char *S_approval(sg_site_ctx *x, const char *lang, const sg_cost_approval *ap,
			      const sg_policy *policy)
{
	switch (ap->kind) {
	case SG_APPROVAL_NONE:
		return sg_site_str(x, lang, "approval.none");
	case SG_APPROVAL_ROLE:
		return sg_l10n_get(&ap->role->name, lang) ? sg_l10n_get(&ap->role->name, lang)
							   : ap->role->id;
	case SG_APPROVAL_BEYOND: {
		const char *t = policy ? sg_l10n_get(&policy->beyond, lang) : NULL;
		return t ? t : sg_site_str(x, lang, "approval.beyond");
	}
	default:
		return sg_site_str(x, lang, "approval.unknown");
	}
}

static const char *S_money(sg_site_ctx *x, const char *lang, sg_fen fen)
{
	return sg_site_money(&x->a, fen, x->c->catalog ? x->c->catalog->currency : "CNY", lang);
}

/* A saving in words: "节省 ¥51,176" when the offer costs less than
 * self-hosting, "多支出 ¥35,224" when it costs more; never a negative figure
 * under a heading of savings. */
static const char *S_diff(sg_site_ctx *x, const char *lang, sg_fen saving)
{
	const char *pairs[] = {"amount", S_money(x, lang, saving < 0 ? -saving : saving)};
	return sg_site_fill(x, sg_site_str(x, lang, saving > 0   ? "acct.saves"
						   : saving < 0 ? "acct.costs_more"
								: "acct.even"),
			    pairs, 1);
}

static sg_value *S_row(sg_site_ctx *x, sg_value *list, const char *label, const char *value)
{
	if (!value || !*value)
		return NULL;
	sg_value *r = sg_value_map(&x->a);
	sg_site_set_str(x, r, "label", label);
	sg_site_set_str(x, r, "value", value);
	sg_list_push(list, r);
	return r;
}

/* ---------------------------------------------------------------- pieces */

static const char *S_trait_value(sg_site_ctx *x, const char *lang, const sg_customer *cu,
				 sg_trait_id t)
{
	const sg_traits *tr = &cu->traits;
	switch (t) {
	case SG_TRAIT_SECURITY:
		return sg_arena_printf(&x->a, "%s / %s",
				       S_label(x, lang, "value", sg_level_name(tr->security_sensitivity)),
				       S_label(x, lang, "value", sg_leadership_name(tr->leadership)));
	case SG_TRAIT_CONNECTIVITY:
		return S_label(x, lang, "value", sg_level_name(tr->connectivity_needs));
	case SG_TRAIT_EXTERNAL_MAIL:
		return S_label(x, lang, "value", sg_external_name(tr->external_mail));
	case SG_TRAIT_UNDER_2000: {
		int64_t n = cu->mailboxes ? cu->mailboxes : cu->offer.users;
		return n ? sg_site_count(&x->a, n) : sg_site_str(x, lang, "value.unknown");
	}
	case SG_TRAIT_WEAK_IT:
		return S_label(x, lang, "value", sg_strength_name(tr->it_staff));
	case SG_TRAIT_COLLABORATION:
		return S_label(x, lang, "value", sg_level_name(tr->collaboration_needs));
	case SG_TRAIT_BUDGET:
		return S_label(x, lang, "value", sg_budget_name(tr->budget));
	default:
		return NULL;
	}
}

/* Whether cu meets trait t: 1 yes, 0 no, -1 not known. A trait is judged on
 * its own values, so a customer without <traits> still meets "under 2,000
 * users" by its mailboxes, and a trait the file leaves out is unknown, not
 * failed. (The fit count of cost.h counts traits only when <traits> is
 * given; this is what the page shows beside each.) */
static int S_trait_verdict(const sg_customer *cu, sg_trait_id t)
{
	const sg_traits *tr = &cu->traits;
	switch (t) {
	case SG_TRAIT_SECURITY:
		if (tr->security_sensitivity == SG_LEVEL_LOW || tr->leadership == SG_LEAD_PROGRESSIVE)
			return 1;
		return tr->security_sensitivity && tr->leadership ? 0 : -1;
	case SG_TRAIT_CONNECTIVITY:
		return tr->connectivity_needs ? tr->connectivity_needs == SG_LEVEL_HIGH : -1;
	case SG_TRAIT_EXTERNAL_MAIL:
		return tr->external_mail ? tr->external_mail == SG_EXT_LARGER : -1;
	case SG_TRAIT_UNDER_2000: {
		int64_t n = cu->mailboxes ? cu->mailboxes : cu->offer.users;
		return n > 0 ? n < 2000 : -1;
	}
	case SG_TRAIT_WEAK_IT:
		return tr->it_staff ? tr->it_staff == SG_IT_WEAK : -1;
	case SG_TRAIT_COLLABORATION:
		return tr->collaboration_needs ? tr->collaboration_needs == SG_LEVEL_LOW : -1;
	case SG_TRAIT_BUDGET:
		return tr->budget ? tr->budget == SG_BUDGET_SOME || tr->budget == SG_BUDGET_AMPLE : -1;
	default:
		return -1;
	}
}

static sg_value *S_segment(sg_site_ctx *x, const char *lang, const account *ac)
{
	const sg_customer *cu = ac->cu;
	const sg_segment *sg = &ac->r->segment;
	sg_value *v = sg_value_map(&x->a);
	if (sg->size_class) {
		char cls[2] = {sg->size_class, 0};
		sg_site_set_str(x, v, "size_class", cls);
		sg_site_set_str(x, v, "size_label", S_label(x, lang, "size", cls));
	}
	sg_site_set_bool(x, v, "known", sg->fit >= 0);
	sg_site_set_int(x, v, "fit", sg->fit < 0 ? 0 : sg->fit);
	sg_site_set_int(x, v, "of", SG_TRAIT_COUNT);
	sg_site_set_bool(x, v, "good", sg->fit >= 5);
	if (sg->typical_industry >= 0)
		sg_site_set_bool(x, v, "typical_industry", sg->typical_industry == 1);
	sg_value *traits = sg_map_set(&x->a, v, "traits", sg_value_list(&x->a));
	for (int t = 0; t < SG_TRAIT_COUNT; t++) {
		sg_value *row = sg_value_map(&x->a);
		sg_site_set_str(x, row, "label", S_label(x, lang, "trait", sg_trait_name(t)));
		int verdict = S_trait_verdict(cu, (sg_trait_id)t);
		sg_site_set_str(x, row, "value", sg->fit >= 0 || t == SG_TRAIT_UNDER_2000
							? S_trait_value(x, lang, cu, t)
							: sg_site_str(x, lang, "value.unknown"));
		sg_site_set_bool(x, row, "fits", verdict == 1);
		sg_site_set_str(x, row, "class", verdict > 0 ? "yes" : verdict == 0 ? "no" : "unknown");
		sg_site_set_str(x, row, "mark",
				sg_site_str(x, lang, verdict > 0    ? "fit.mark_yes"
						     : verdict == 0 ? "fit.mark_no"
								    : "fit.mark_unknown"));
		sg_site_set_str(x, row, "verdict",
				sg_site_str(x, lang, verdict > 0    ? "fit.yes"
						     : verdict == 0 ? "fit.no"
								    : "fit.unknown"));
		sg_list_push(traits, row);
	}
	return v;
}

static bool S_done(const sg_customer *cu, const char *item)
{
	for (size_t i = 0; i < cu->done_count; i++)
		if (strcmp(cu->done[i], item) == 0)
			return true;
	return false;
}

static sg_value *S_stage(sg_site_ctx *x, const char *lang, const sg_customer *cu)
{
	sg_value *v = sg_value_map(&x->a);
	sg_site_set_str(x, v, "lifecycle", S_label(x, lang, "lifecycle", cu->lifecycle));
	sg_site_set_str(x, v, "relationship", S_label(x, lang, "relationship", cu->relationship));
	/* Null rather than absent: Mustache would look an absent name up in the
	 * enclosing sections and find the customer's name. */
	sg_site_set_str(x, v, "name", NULL);
	sg_site_set_str(x, v, "milestone", NULL);
	const sg_site *s = x->c->site;
	if (!s || !cu->stage)
		return v;
	sg_value *steps = sg_map_set(&x->a, v, "steps", sg_value_list(&x->a));
	bool past = true;
	for (size_t i = 0; i < s->stage_count; i++) {
		const sg_stage *st = &s->stages[i];
		bool current = st == cu->stage;
		sg_value *step = sg_value_map(&x->a);
		sg_site_set_int(x, step, "n", (int64_t)i + 1);
		sg_site_set_str(x, step, "name", sg_l10n_get(&st->name, lang));
		sg_site_set_bool(x, step, "current", current);
		sg_site_set_bool(x, step, "past", past && !current);
		if (current)
			past = false;
		sg_list_push(steps, step);
	}
	const sg_stage *st = cu->stage;
	sg_site_set_str(x, v, "name", sg_l10n_get(&st->name, lang));
	sg_site_set_str(x, v, "milestone", sg_l10n_get(&st->milestone, lang));
	sg_value *items = sg_map_set(&x->a, v, "checklist", sg_value_list(&x->a));
	int done = 0;
	for (size_t i = 0; i < st->item_count; i++) {
		sg_value *it = sg_value_map(&x->a);
		bool d = S_done(cu, st->items[i].id);
		done += d;
		sg_site_set_str(x, it, "name", sg_l10n_get(&st->items[i].name, lang));
		sg_site_set_bool(x, it, "done", d);
		sg_list_push(items, it);
	}
	sg_site_set_int(x, v, "done", done);
	sg_site_set_int(x, v, "total", (int64_t)st->item_count);
	return v;
}

static sg_value *S_contacts(sg_site_ctx *x, const char *lang, const sg_customer *cu)
{
	sg_value *list = sg_value_list(&x->a);
	for (size_t i = 0; i < cu->contact_count; i++) {
		const sg_contact *ct = &cu->contacts[i];
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "name", ct->name);
		sg_site_set_str(x, v, "title", ct->title);
		sg_site_set_str(x, v, "role", S_label(x, lang, "role", ct->role));
		sg_site_set_str(x, v, "attitude", S_label(x, lang, "attitude", ct->attitude));
		/* A class name for the attitude badge: only known ids reach HTML. */
		static const char *const known[] = {"opponent", "non-supporter", "acceptor",
						    "supporter", "sympathiser", "ally"};
		for (size_t k = 0; ct->attitude && k < 6; k++)
			if (strcmp(ct->attitude, known[k]) == 0)
				sg_site_set_str(x, v, "attitude_id", known[k]);
		sg_site_set_bool(x, v, "coach", ct->coach);
		sg_list_push(list, v);
	}
	return list;
}

typedef struct tl_item {
	sg_date date;
	sg_value *v;
} tl_item;

static int S_cmp_tl(const void *a, const void *b)
{
	const tl_item *p = a, *q = b;
	int c = sg_date_cmp(p->date, q->date);
	return c ? c : (p < q ? -1 : p > q);
}

/* The day each dated purchase completes its replacement cycle, a sales
 * trigger like a renewal: past it, the customer must buy the equipment
 * again or move (docs/cost.md). */
static size_t S_replacements(sg_site_ctx *x, const char *lang, const account *ac, tl_item *items)
{
	const sg_customer *cu = ac->cu;
	size_t k = 0;
	for (int h = 0; h < 2; h++) {
		const sg_purchase *list = h ? cu->software : cu->hardware;
		size_t count = h ? cu->software_count : cu->hardware_count;
		for (size_t i = 0; i < count; i++) {
			sg_date end = sg_cost_purchase_cycle_end(&list[i]);
			if (!sg_date_is_set(end))
				continue;
			sg_value *v = sg_value_map(&x->a);
			sg_site_set_str(x, v, "date", sg_site_date(&x->a, end));
			sg_site_set_str(x, v, "label", sg_site_str(x, lang, "acct.replacement"));
			sg_site_set_str(x, v, "text", list[i].name);
			sg_site_set_str(x, v, "amount", S_money(x, lang, list[i].amount));
			sg_site_set_str(x, v, "when", sg_site_days(x, lang, end, ac->from));
			sg_site_set_bool(x, v, "future", sg_date_cmp(end, ac->from) >= 0);
			sg_site_set_bool(x, v, "renewal", true);
			items[k++] = (tl_item){end, v};
		}
	}
	return k;
}

/* Events, renewals and replacements of one customer, by date. */
static sg_value *S_timeline(sg_site_ctx *x, const char *lang, const account *ac)
{
	const sg_customer *cu = ac->cu;
	size_t n = cu->event_count + cu->renewal_count + cu->hardware_count + cu->software_count;
	tl_item *items = sg_xcalloc(n + 1, sizeof *items);
	size_t k = 0;
	for (size_t i = 0; i < cu->event_count; i++) {
		const sg_event *e = &cu->events[i];
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "date", sg_site_date(&x->a, e->date));
		sg_site_set_str(x, v, "label", S_label(x, lang, "event", e->kind));
		sg_site_set_str(x, v, "text", e->text);
		sg_site_set_str(x, v, "when", sg_site_days(x, lang, e->date, ac->from));
		sg_site_set_bool(x, v, "future", sg_date_cmp(e->date, ac->from) > 0);
		sg_site_set_bool(x, v, "renewal", false);
		sg_site_set_str(x, v, "amount", NULL);
		items[k++] = (tl_item){e->date, v};
	}
	for (size_t i = 0; i < cu->renewal_count; i++) {
		const sg_renewal *r = &cu->renewals[i];
		if (!sg_date_is_set(r->due))
			continue;
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_str(x, v, "date", sg_site_date(&x->a, r->due));
		sg_site_set_str(x, v, "label",
				S_label(x, lang, "renewal", sg_renewal_kind_name(r->kind)));
		sg_site_set_str(x, v, "text", r->name);
		sg_site_set_str(x, v, "amount", S_money(x, lang, r->amount));
		sg_site_set_str(x, v, "when", sg_site_days(x, lang, r->due, ac->from));
		sg_site_set_bool(x, v, "future", sg_date_cmp(r->due, ac->from) >= 0);
		sg_site_set_bool(x, v, "renewal", true);
		items[k++] = (tl_item){r->due, v};
	}
	k += S_replacements(x, lang, ac, items + k);
	qsort(items, k, sizeof *items, S_cmp_tl);
	sg_value *list = sg_value_list(&x->a);
	for (size_t i = 0; i < k; i++)
		sg_list_push(list, items[i].v);
	free(items);
	return list;
}

static const char *S_line_label(sg_site_ctx *x, const char *lang, sg_cost_line_kind k)
{
	static const char *const ids[] = {"hardware", "software", "electricity", "labour", "renewal"};
	return S_label(x, lang, "cost", ids[k]);
}

/* The approvals an offer has been granted, each by its role's name. */
static sg_value *S_granted(sg_site_ctx *x, const char *lang, const sg_cost_result *r,
			   const sg_offer *of)
{
	sg_value *granted = sg_value_list(&x->a);
	for (size_t i = 0; i < of->approval_count; i++) {
		const sg_approval *ap = &of->approvals[i];
		sg_value *g = sg_value_map(&x->a);
		const sg_role *role = NULL;
		for (size_t k = 0; r->policy && k < r->policy->role_count; k++)
			if (strcmp(r->policy->roles[k].id, ap->role) == 0)
				role = &r->policy->roles[k];
		sg_site_set_str(x, g, "role", role ? sg_l10n_get(&role->name, lang) : ap->role);
		sg_site_set_str(x, g, "name", ap->name);
		sg_site_set_str(x, g, "date", sg_site_date(&x->a, ap->date));
		sg_list_push(granted, g);
	}
	return granted;
}

/* The price line: where the offer stands and what to do about it, into o. */
static void S_line_advice(sg_site_ctx *x, const char *lang, const sg_cost_result *r, sg_value *o)
{
	const char *line = S_money(x, lang, r->price_line);
	sg_site_set_bool(x, o, "over_line", r->over_price_line);
	const char *advice;
	/* Under the line by more than a fifth of it, the line does not bear
	 * on the offer: "¥80,800 to spare" under it for a ¥19,200 offer is
	 * true and useless. */
	if (!r->over_price_line && r->offer_annual < r->price_line - r->price_line / 5) {
		sg_site_set_str(x, o, "line_advice", NULL);
		return;
	}
	if (!r->over_price_line) {
		const char *pairs[] = {"line", line, "gap", S_money(x, lang, r->price_line - r->offer_annual)};
		advice = sg_site_fill(x, sg_site_str(x, lang, "line.under"), pairs, 2);
	} else if (r->has_price_line_offer) {
		const char *pairs[] = {"line",  line,
				       "price", S_money(x, lang, r->price_line_annual),
				       "share", sg_site_discount(&x->a, r->price_line_discount, lang),
				       "role",  S_approval(x, lang, &r->price_line_approval, r->policy)};
		advice = sg_site_fill(x, sg_site_str(x, lang, "line.over"), pairs, 4);
	} else {
		const char *pairs[] = {"line", line};
		advice = sg_site_fill(x, sg_site_str(x, lang, "line.over_no_step"), pairs, 1);
	}
	sg_site_set_str(x, o, "line_advice", advice);
}

/* The offer: its figures, fees, approvals and the price-line advice. */
static sg_value *S_offer(sg_site_ctx *x, const char *lang, const account *ac)
{
	const sg_cost_result *r = ac->r;
	const sg_offer *of = &ac->cu->offer;
	sg_value *o = sg_value_map(&x->a);
	sg_site_set_str(x, o, "product", of->product ? sg_l10n_get(&of->product->name, lang) : NULL);
	sg_site_set_str(x, o, "edition", of->edition ? sg_l10n_get(&of->edition->name, lang) : NULL);
	sg_site_set_int(x, o, "users", r->users);
	sg_site_set_str(x, o, "unit_price", S_money(x, lang, r->unit_price));
	sg_site_set_str(x, o, "list_annual", S_money(x, lang, r->list_annual));
	sg_site_set_str(x, o, "discount", sg_site_discount(&x->a, r->discount, lang));
	sg_site_set_bool(x, o, "has_discount", r->discount < SG_PPM_ONE);
	sg_site_set_bool(x, o, "has_fees", of->fee_count > 0);
	sg_site_set_str(x, o, "annual", S_money(x, lang, r->offer_annual));
	sg_site_set_str(x, o, "five_year", S_money(x, lang, r->offer_five_year));
	sg_site_set_str(x, o, "one_time", S_money(x, lang, r->one_time));
	sg_site_set_str(x, o, "five_year_total", S_money(x, lang, r->offer_five_year_total));
	sg_site_set_str(x, o, "savings_five_year", S_diff(x, lang, r->savings_five_year));
	sg_site_set_str(x, o, "savings_five_year_without_labour",
			S_diff(x, lang, r->savings_five_year_without_labour));
	sg_site_set_str(x, o, "number", of->number);
	sg_site_set_str(x, o, "date", sg_site_date(&x->a, of->date));
	sg_site_set_bool(x, o, "budget_sensitive", of->budget_sensitive);
	sg_site_set_str(x, o, "approval", S_approval(x, lang, &r->approval, r->policy));
	sg_site_set_bool(x, o, "beyond", r->approval.kind == SG_APPROVAL_BEYOND);
	sg_value *fees = sg_map_set(&x->a, o, "fees", sg_value_list(&x->a));
	for (size_t i = 0; i < of->fee_count; i++) {
		sg_value *f = sg_value_map(&x->a);
		sg_site_set_str(x, f, "name", of->fees[i].name);
		sg_site_set_str(x, f, "amount", S_money(x, lang, of->fees[i].amount));
		sg_list_push(fees, f);
	}
	sg_map_set(&x->a, o, "approvals", S_granted(x, lang, r, of));
	S_line_advice(x, lang, r, o);
	return o;
}

/* Whether the customer file gives any cost of its own system. */
static bool S_self_hosted_given(const sg_customer *cu)
{
	return cu->hardware_count || cu->software_count || cu->electricity.given ||
	       cu->staff_count || cu->renewal_count;
}

/* The cost summary, and the offer when there is one. */
static sg_value *S_cost(sg_site_ctx *x, const char *lang, const account *ac)
{
	const sg_cost_result *r = ac->r;
	sg_value *v = sg_value_map(&x->a);
	/* Without a cost of the customer's own system every figure would be a
	 * zero nobody measured, and the savings the offer's price with a minus
	 * sign: the page says the figures are missing instead. */
	sg_site_set_bool(x, v, "given", S_self_hosted_given(ac->cu));
	sg_value *lines = sg_map_set(&x->a, v, "lines", sg_value_list(&x->a));
	for (size_t i = 0; i < r->line_count; i++) {
		sg_value *l = sg_value_map(&x->a);
		sg_site_set_str(x, l, "kind", S_line_label(x, lang, r->lines[i].kind));
		sg_site_set_str(x, l, "name", r->lines[i].name);
		sg_site_set_str(x, l, "annual", S_money(x, lang, r->lines[i].annual));
		sg_list_push(lines, l);
	}
	sg_site_set_str(x, v, "annual", S_money(x, lang, r->annual));
	sg_site_set_str(x, v, "annual_without_labour", S_money(x, lang, r->annual_without_labour));
	sg_site_set_str(x, v, "five_year", S_money(x, lang, r->five_year));
	sg_site_set_str(x, v, "five_year_without_labour", S_money(x, lang, r->five_year_without_labour));
	if (r->has_offer)
		sg_map_set(&x->a, v, "offer", S_offer(x, lang, ac));
	return v;
}

static const char *S_chart(sg_site_ctx *x, sg_value *v, const char *lang, const account *ac)
{
	const sg_cost_result *r = ac->r;
	sg_site_series s[3] = {
		{sg_site_str(x, lang, "chart.with_labour"), 0, r->annual, "s1"},
		{sg_site_str(x, lang, "chart.without_labour"), 0, r->annual_without_labour, "s2"},
		{sg_site_str(x, lang, "chart.offer"), r->one_time, r->offer_annual, "s3"},
	};
	const char *desc;
	if (r->has_offer) {
		const char *pairs[] = {"with", S_money(x, lang, r->five_year),
				       "without", S_money(x, lang, r->five_year_without_labour),
				       "offer", S_money(x, lang, r->offer_five_year_total)};
		desc = sg_site_fill(x, sg_site_str(x, lang, "chart.desc"), pairs, 3);
	} else {
		const char *pairs[] = {"with", S_money(x, lang, r->five_year),
				       "without", S_money(x, lang, r->five_year_without_labour)};
		desc = sg_site_fill(x, sg_site_str(x, lang, "chart.desc_no_offer"), pairs, 2);
	}
	sg_value *legend = sg_value_list(&x->a);
	for (size_t i = 0; i < (r->has_offer ? 3u : 2u); i++) {
		sg_value *l = sg_value_map(&x->a);
		sg_site_set_str(x, l, "label", s[i].label);
		sg_site_set_str(x, l, "css", s[i].css);
		sg_list_push(legend, l);
	}
	sg_map_set(&x->a, v, "chart_legend", legend);
	/* The caption says what this chart shows: where the offer's line
	 * starts depends on its one-time fees. */
	sg_site_set_str(x, v, "chart_caption",
			sg_site_str(x, lang, !r->has_offer      ? "chart.caption_no_offer"
					     : r->one_time > 0 ? "chart.caption"
							       : "chart.caption_no_fees"));
	return sg_site_chart(&x->a, sg_site_str(x, lang, "chart.title"), desc,
			     sg_site_str(x, lang, "chart.x"), sg_site_str(x, lang, "chart.y"), s,
			     r->has_offer ? 3 : 2, SG_COST_YEARS);
}

static sg_value *S_strings(sg_site_ctx *x, const char **items, size_t n)
{
	sg_value *l = sg_value_list(&x->a);
	for (size_t i = 0; i < n; i++)
		sg_list_push(l, sg_value_str(&x->a, items[i]));
	return l;
}

/* ---------------------------------------------------------------- pages */

/* Home, then the pipeline, each as a link from path. */
static sg_value *S_breadcrumbs(sg_site_ctx *x, const char *lang, const char *path)
{
	sg_value *crumbs = sg_value_list(&x->a);
	const char *crumb[2][2] = {{"nav.home", "index.html"}, {"nav.pipeline", "pipeline.html"}};
	for (int i = 0; i < 2; i++) {
		sg_value *c = sg_value_map(&x->a);
		sg_site_set_str(x, c, "label", sg_site_str(x, lang, crumb[i][0]));
		sg_site_set_str(x, c, "href", sg_site_href(x, path, crumb[i][1]));
		sg_list_push(crumbs, c);
	}
	return crumbs;
}

/* n as text with grouped digits, or NULL when it is 0 (not given). */
static const char *S_count(sg_site_ctx *x, int64_t n)
{
	return n ? sg_site_count(&x->a, n) : NULL;
}

/* The customer's facts, each a label and a value; those without a value
 * are left out. */
static sg_value *S_facts(sg_site_ctx *x, const char *lang, const sg_customer *cu)
{
	sg_value *facts = sg_value_list(&x->a);
	S_row(x, facts, sg_site_str(x, lang, "acct.industry"), S_label(x, lang, "industry", cu->industry));
	if (cu->employees)
		S_row(x, facts, sg_site_str(x, lang, "acct.employees"), S_count(x, cu->employees));
	if (cu->mailboxes)
		S_row(x, facts, sg_site_str(x, lang, "acct.mailboxes"), S_count(x, cu->mailboxes));
	if (cu->branches)
		S_row(x, facts, sg_site_str(x, lang, "acct.branches"), S_count(x, cu->branches));
	S_row(x, facts, sg_site_str(x, lang, "acct.address"), cu->address);
	if (cu->owner) {
		bool en = strcmp(lang, "en") == 0;
		const char *name = en && cu->owner->name_en ? cu->owner->name_en : cu->owner->name;
		const char *title = en && cu->owner->title_en ? cu->owner->title_en : cu->owner->title;
		S_row(x, facts, sg_site_str(x, lang, "acct.owner"),
		      title ? sg_arena_printf(&x->a, "%s%s%s%s", name, sg_site_str(x, lang, "lparen"),
					      title, sg_site_str(x, lang, "rparen"))
			    : name);
	}
	if (cu->current.given)
		S_row(x, facts, sg_site_str(x, lang, "acct.current"),
		      cu->current.version ? sg_arena_printf(&x->a, "%s %s", cu->current.product,
							    cu->current.version)
					  : cu->current.product);
	return facts;
}

/* The next actions, each with when it is due. */
static sg_value *S_actions(sg_site_ctx *x, const char *lang, const account *ac)
{
	const sg_customer *cu = ac->cu;
	sg_value *actions = sg_value_list(&x->a);
	for (size_t i = 0; i < cu->action_count; i++) {
		const sg_action *an = &cu->actions[i];
		sg_value *a = sg_value_map(&x->a);
		sg_site_set_str(x, a, "task", an->task);
		sg_site_set_str(x, a, "owner", an->owner);
		sg_site_set_str(x, a, "checkpoint", an->checkpoint);
		sg_site_set_str(x, a, "date", sg_site_date(&x->a, an->date));
		sg_site_set_str(x, a, "when", sg_site_days(x, lang, an->date, ac->from));
		sg_list_push(actions, a);
	}
	return actions;
}

static void S_account_page(sg_site_ctx *x, const account *ac)
{
	const sg_customer *cu = ac->cu;
	const char *lang = cu->lang;
	const char *path = sg_arena_printf(&x->a, "accounts/%s.html", cu->id);
	sg_value *data = sg_site_base(x, lang, path, "account", cu->name);
	sg_value *v = sg_map_set(&x->a, data, "acct", sg_value_map(&x->a));
	sg_site_set_str(x, v, "id", cu->id);
	sg_site_set_str(x, v, "name", cu->name);
	sg_site_set_str(x, v, "short_name", cu->short_name);
	sg_site_set_str(x, v, "as_of", sg_site_date(&x->a, cu->as_of));
	sg_site_set_str(x, v, "from", sg_site_date(&x->a, ac->from));
	sg_map_set(&x->a, v, "breadcrumbs", S_breadcrumbs(x, lang, path));
	sg_map_set(&x->a, v, "facts", S_facts(x, lang, cu));
	sg_map_set(&x->a, v, "stage", S_stage(x, lang, cu));
	sg_map_set(&x->a, v, "contacts", S_contacts(x, lang, cu));
	sg_map_set(&x->a, v, "timeline", S_timeline(x, lang, ac));
	sg_map_set(&x->a, v, "strengths", S_strings(x, cu->strengths, cu->strength_count));
	sg_map_set(&x->a, v, "weaknesses", S_strings(x, cu->weaknesses, cu->weakness_count));
	sg_map_set(&x->a, v, "actions", S_actions(x, lang, ac));
	if (ac->cost_ok) {
		sg_map_set(&x->a, v, "segment", S_segment(x, lang, ac));
		sg_map_set(&x->a, v, "cost", S_cost(x, lang, ac));
		sg_site_set_html(x, v, "chart", S_chart(x, v, lang, ac));
	}
	if (cu->notes) {
		sg_value *toc;
		const char *html = sg_site_markdown(x, cu->path, cu->notes, strlen(cu->notes),
						    cu->notes_pos.line, NULL, 1, "notes-", &toc, NULL);
		sg_site_set_html(x, v, "notes", html);
	}
	if (cu->offer.given) {
		sg_value *p = sg_map_set(&x->a, v, "proposal", sg_value_map(&x->a));
		sg_site_set_str(x, p, "href",
				sg_site_href(x, path, sg_arena_printf(&x->a, "../proposals/%s.pdf", cu->id)));
		sg_site_set_str(x, p, "number", cu->offer.number);
	}
	sg_site_emit(x, "account", path, data);
}

/* The pipeline's row of ac, linked from the page at from. */
static sg_value *S_pipeline_row(sg_site_ctx *x, const account *ac, const char *from)
{
	const char *lang = x->lang;
	const sg_customer *cu = ac->cu;
	sg_value *r = sg_value_map(&x->a);
	sg_site_set_str(x, r, "name", cu->short_name ? cu->short_name : cu->name);
	sg_site_set_str(x, r, "lang", cu->lang);
	sg_site_set_str(x, r, "href",
			sg_site_href(x, from, sg_arena_printf(&x->a, "accounts/%s.html", cu->id)));
	int64_t users = sg_site_pipeline_users(cu);
	sg_site_set_int(x, r, "users", users);
	sg_site_set_str(x, r, "users_text", users ? sg_site_count(&x->a, users) : NULL);
	bool offer = ac->cost_ok && ac->r->has_offer;
	sg_site_set_bool(x, r, "has_offer", offer);
	if (offer) {
		sg_site_set_str(x, r, "annual", S_money(x, lang, ac->r->offer_annual));
		sg_site_set_int(x, r, "annual_fen", ac->r->offer_annual);
		sg_site_set_bool(x, r, "over_line", ac->r->over_price_line);
		sg_site_set_str(x, r, "line",
				sg_site_str(x, lang, ac->r->over_price_line ? "line.over_short"
									  : "line.under_short"));
		sg_site_set_str(x, r, "approval", S_approval(x, lang, &ac->r->approval, ac->r->policy));
	}
	sg_site_set_str(x, r, "next_date", NULL);
	const sg_renewal *next = sg_eval_renewal_after(sg_eval_of(cu), x->today);
	if (next) {
		sg_site_set_str(x, r, "next_date", sg_site_date(&x->a, next->due));
		/* The renewal's own name is in the customer's language; the
		 * label of its kind, the page's. */
		sg_site_set_str(x, r, "next_what",
				next->name ? next->name
					   : S_label(x, lang, "renewal", sg_renewal_kind_name(next->kind)));
		sg_site_set_str(x, r, "next_lang", next->name ? cu->lang : lang);
		sg_site_set_str(x, r, "next_when", sg_site_days(x, lang, next->due, x->today));
	}
	return r;
}

/* ---------------------------------------------------------------- home */

/* The home page's items of one list (sg_site_recent_plan chose them), each
 * with its date, how far it is, its customer and what happens. */
static sg_value *S_recent_list(sg_site_ctx *x, const char *lang, const sg_site_recent *items,
			       size_t n, bool renewals)
{
	sg_value *list = sg_value_list(&x->a);
	for (size_t k = 0; k < n; k++) {
		const sg_customer *cu = items[k].cu;
		sg_value *v = sg_value_map(&x->a);
		sg_date date;
		if (renewals) {
			const sg_renewal *r = &cu->renewals[items[k].i];
			date = r->due;
			sg_site_set_str(x, v, "label",
					S_label(x, lang, "renewal", sg_renewal_kind_name(r->kind)));
			sg_site_set_str(x, v, "text", r->name);
			sg_site_set_str(x, v, "amount", S_money(x, lang, r->amount));
		} else {
			const sg_event *e = &cu->events[items[k].i];
			date = e->date;
			sg_site_set_str(x, v, "label", S_label(x, lang, "event", e->kind));
			sg_site_set_str(x, v, "text", e->text);
		}
		sg_site_set_str(x, v, "date", sg_site_date(&x->a, date));
		sg_site_set_str(x, v, "when", sg_site_days(x, lang, date, x->today));
		sg_site_set_str(x, v, "customer", cu->short_name ? cu->short_name : cu->name);
		/* The customer's name and text are in its language, the label in
		 * the page's. */
		sg_site_set_str(x, v, "lang", cu->lang);
		sg_site_set_str(x, v, "href", sg_arena_printf(&x->a, "accounts/%s.html", cu->id));
		sg_list_push(list, v);
	}
	return list;
}

sg_value *sg_site_account_timeline_all(sg_site_ctx *x, const char *lang)
{
	sg_value *v = sg_value_map(&x->a);
	sg_map_set(&x->a, v, "events", S_recent_list(x, lang, x->events, x->event_count, false));
	sg_map_set(&x->a, v, "renewals",
		   S_recent_list(x, lang, x->renewals, x->renewal_count, true));
	return v;
}

/* The account of cu: its evaluation's cost model and the date "in N days"
 * counts from. A cost model that could not be computed is an error of the
 * page when report is set (the account page), and a row without offer
 * otherwise (the pages that list every customer: the customer's own page
 * fails, not them). */
static void S_account(sg_site_ctx *x, account *ac, const sg_customer *cu, bool report)
{
	memset(ac, 0, sizeof *ac);
	ac->cu = cu;
	ac->from = sg_date_is_set(x->o->today) ? x->o->today : cu->as_of;
	if (!sg_date_is_set(ac->from))
		ac->from = x->today;
	const sg_eval *ev = sg_eval_of(cu);
	sg_eval_cost(ev, &ac->own, report ? &x->a : NULL);
	ac->r = &ac->own;
	if (ev->ok) {
		ac->cost_ok = true;
	} else if (report) {
		sg_eval_report(ev, x->d);
		x->failed = true;
	}
}

void sg_site_account_page(sg_site_ctx *x, const sg_customer *cu)
{
	account ac;
	S_account(x, &ac, cu, true);
	S_account_page(x, &ac);
}

sg_value *sg_site_pipeline_row(sg_site_ctx *x, const sg_customer *cu, const char *from)
{
	account ac;
	S_account(x, &ac, cu, false);
	return S_pipeline_row(x, &ac, from);
}
