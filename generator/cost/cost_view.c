/*
 * cost_view.c - a cost result as a value tree: the JSON of `salesgen cost
 * --json`, output/costs/ID.json and the data templates see.
 *
 * The fields the issue names come first, in its order, so the JSON reads the
 * same as the documentation; extras follow them. Money is yuan with two
 * decimals, shares have six.
 */
#include "cost/cost.h"

static sg_value *S_money(sg_arena *a, sg_fen fen)
{
	return sg_value_dec(a, fen, 2);
}

static sg_value *S_share(sg_arena *a, sg_ppm ppm)
{
	return sg_value_dec(a, ppm, 6);
}

static sg_value *S_str_or_null(sg_arena *a, const char *s)
{
	return s ? sg_value_str(a, s) : sg_value_null(a);
}

static void S_set(sg_arena *a, sg_value *map, const char *key, sg_value *v)
{
	sg_map_set(a, map, key, v);
}

static const char *S_kind_name(sg_cost_line_kind k)
{
	switch (k) {
	case SG_COST_HARDWARE:
		return "hardware";
	case SG_COST_SOFTWARE:
		return "software";
	case SG_COST_ELECTRICITY:
		return "electricity";
	case SG_COST_LABOUR:
		return "labour";
	case SG_COST_RENEWAL:
		return "renewal";
	}
	return "";
}

static const char *S_renewal_name(sg_renewal_kind k)
{
	switch (k) {
	case SG_RENEWAL_HOSTING:
		return "hosting";
	case SG_RENEWAL_BANDWIDTH:
		return "bandwidth";
	case SG_RENEWAL_LICENCE:
		return "licence";
	case SG_RENEWAL_ANTISPAM:
		return "anti-spam";
	case SG_RENEWAL_OTHER:
		return "other";
	}
	return "other";
}

static sg_value *S_line(sg_arena *a, const sg_cost_line *l)
{
	sg_value *m = sg_value_map(a);
	S_set(a, m, "kind", sg_value_str(a, S_kind_name(l->kind)));
	S_set(a, m, "name", S_str_or_null(a, l->name));
	S_set(a, m, "annual", S_money(a, l->annual));
	switch (l->kind) {
	case SG_COST_HARDWARE:
	case SG_COST_SOFTWARE:
		S_set(a, m, "amount", S_money(a, l->base));
		S_set(a, m, "years", sg_value_int(a, l->years));
		break;
	case SG_COST_ELECTRICITY:
		if (l->watt_hours || l->price_per_kwh) {
			S_set(a, m, "kwh", sg_value_dec(a, l->watt_hours, 3));
			S_set(a, m, "price_per_kwh", sg_value_dec(a, l->price_per_kwh, 4));
		}
		break;
	case SG_COST_LABOUR:
		S_set(a, m, "monthly_salary", S_money(a, l->base));
		S_set(a, m, "share", S_share(a, l->share));
		break;
	case SG_COST_RENEWAL:
		S_set(a, m, "renewal", sg_value_str(a, S_renewal_name(l->renewal)));
		break;
	}
	return m;
}

static sg_value *S_self_hosted(sg_arena *a, const sg_cost_result *r)
{
	sg_value *m = sg_value_map(a);
	S_set(a, m, "hardware", S_money(a, r->hardware));
	S_set(a, m, "software", S_money(a, r->software));
	S_set(a, m, "electricity", S_money(a, r->electricity));
	S_set(a, m, "labour", S_money(a, r->labour));
	S_set(a, m, "renewals", S_money(a, r->renewals));
	S_set(a, m, "annual", S_money(a, r->annual));
	S_set(a, m, "annual_without_labour", S_money(a, r->annual_without_labour));
	S_set(a, m, "five_year", S_money(a, r->five_year));
	S_set(a, m, "five_year_without_labour", S_money(a, r->five_year_without_labour));
	sg_value *lines = sg_value_list(a);
	for (size_t i = 0; i < r->line_count; i++)
		sg_list_push(lines, S_line(a, &r->lines[i]));
	S_set(a, m, "lines", lines);
	return m;
}

static sg_value *S_approval(sg_arena *a, const sg_cost_approval *ap)
{
	return S_str_or_null(a, sg_cost_approval_id(ap));
}

static sg_value *S_offer(sg_arena *a, const sg_cost_result *r)
{
	sg_value *m = sg_value_map(a);
	bool pl = r->has_price_line_offer;
	S_set(a, m, "users", sg_value_int(a, r->users));
	S_set(a, m, "list_annual", S_money(a, r->list_annual));
	S_set(a, m, "discount", S_share(a, r->discount));
	S_set(a, m, "annual", S_money(a, r->offer_annual));
	S_set(a, m, "five_year", S_money(a, r->offer_five_year));
	S_set(a, m, "approval", S_approval(a, &r->approval));
	S_set(a, m, "price_line", S_money(a, r->price_line));
	S_set(a, m, "over_price_line", sg_value_bool(a, r->over_price_line));
	S_set(a, m, "price_line_annual", pl ? S_money(a, r->price_line_annual) : sg_value_null(a));
	S_set(a, m, "price_line_discount",
	      pl ? S_share(a, r->price_line_discount) : sg_value_null(a));
	S_set(a, m, "price_line_approval",
	      pl ? S_approval(a, &r->price_line_approval) : sg_value_null(a));

	/* Extras. */
	S_set(a, m, "given", sg_value_bool(a, r->has_offer));
	S_set(a, m, "unit_price", S_money(a, r->unit_price));
	S_set(a, m, "period", sg_value_str(a, r->period == SG_PERIOD_MONTH ? "month" : "year"));
	S_set(a, m, "rounding_step", S_money(a, r->rounding_step));
	sg_value *fees = sg_value_list(a);
	for (size_t i = 0; i < r->fee_count; i++) {
		sg_value *f = sg_value_map(a);
		S_set(a, f, "name", S_str_or_null(a, r->fees[i].name));
		S_set(a, f, "amount", S_money(a, r->fees[i].amount));
		sg_list_push(fees, f);
	}
	S_set(a, m, "one_time", fees);
	S_set(a, m, "one_time_total", S_money(a, r->one_time));
	S_set(a, m, "five_year_total", S_money(a, r->offer_five_year_total));
	S_set(a, m, "vat_rate", S_share(a, r->vat_rate));
	S_set(a, m, "prices_include_vat", sg_value_bool(a, r->prices_include_vat));
	S_set(a, m, "vat_contained",
	      r->prices_include_vat ? S_money(a, r->vat) : sg_value_null(a));
	S_set(a, m, "vat_added", r->prices_include_vat ? sg_value_null(a) : S_money(a, r->vat));
	S_set(a, m, "annual_with_vat", S_money(a, r->annual_with_vat));
	const sg_tier *tier = r->approval.tier;
	S_set(a, m, "approval_basis",
	      r->policy ? sg_value_str(a, r->policy->basis == SG_PERIOD_MONTH ? "monthly" : "yearly")
			: sg_value_null(a));
	S_set(a, m, "approval_tier_from", tier ? S_money(a, tier->from) : sg_value_null(a));
	return m;
}

static sg_value *S_savings(sg_arena *a, const sg_cost_result *r)
{
	sg_value *m = sg_value_map(a);
	bool o = r->has_offer;
	S_set(a, m, "annual", o ? S_money(a, r->savings_annual) : sg_value_null(a));
	S_set(a, m, "annual_without_labour",
	      o ? S_money(a, r->savings_annual_without_labour) : sg_value_null(a));
	S_set(a, m, "five_year", o ? S_money(a, r->savings_five_year) : sg_value_null(a));
	S_set(a, m, "five_year_without_labour",
	      o ? S_money(a, r->savings_five_year_without_labour) : sg_value_null(a));
	return m;
}

static sg_value *S_segment(sg_arena *a, const sg_segment *s)
{
	sg_value *m = sg_value_map(a);
	char cls[2] = {s->size_class, 0};
	S_set(a, m, "size_class", s->size_class ? sg_value_str(a, cls) : sg_value_null(a));
	S_set(a, m, "fit", s->fit >= 0 ? sg_value_int(a, s->fit) : sg_value_null(a));
	S_set(a, m, "fit_of", sg_value_int(a, SG_TRAIT_COUNT));
	sg_value *traits = sg_value_list(a);
	for (int i = 0; i < SG_TRAIT_COUNT; i++)
		if (s->fits[i])
			sg_list_push(traits, sg_value_str(a, sg_trait_name((sg_trait_id)i)));
	S_set(a, m, "traits", s->fit >= 0 ? traits : sg_value_null(a));
	S_set(a, m, "typical_industry",
	      s->typical_industry >= 0 ? sg_value_bool(a, s->typical_industry) : sg_value_null(a));
	return m;
}

sg_value *sg_cost_view(sg_arena *a, const sg_cost_result *r)
{
	sg_value *root = sg_value_map(a);
	S_set(a, root, "currency", sg_value_str(a, r->currency ? r->currency : "CNY"));
	S_set(a, root, "self_hosted", S_self_hosted(a, r));
	S_set(a, root, "offer", S_offer(a, r));
	S_set(a, root, "savings", S_savings(a, r));
	S_set(a, root, "segment", S_segment(a, &r->segment));
	return root;
}
