/*
 * fields_cost.c - the field `cost`: the cost model's result, as `salesgen cost
 * --json` and output/costs/ID.json print it (docs/cost.md).
 *
 * The fields docs/cost.md names come first, in its order, so the JSON reads
 * like the documentation; extras follow them. Approvals and the segment are
 * internal; so are the price-line figures of a customer to whom the
 * price-line offer is not made (not in a proposal's data at all).
 */
#include "document/fields_int.h"
#include "model/customer.h"

/* ---------------------------------------------------------------- getters */

static void S_cost(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_item(v, x->r);
}

static void S_currency(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_cost_result *r = it;
	sg_fv_text(v, r->currency ? r->currency : "CNY");
}

static void S_line_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, sg_cost_line_kind_name(((const sg_cost_line *)it)->kind));
}

static void S_kwh(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	v->state = SG_FV_SET;
	v->u.dec.units = ((const sg_cost_line *)it)->watt_hours;
	v->u.dec.scale = 3;
}

static void S_price_per_kwh(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	v->state = SG_FV_SET;
	v->u.dec.units = ((const sg_cost_line *)it)->price_per_kwh;
	v->u.dec.scale = 4;
}

static void S_renewal(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const char *name = sg_renewal_kind_name(((const sg_cost_line *)it)->renewal);
	sg_fv_text(v, name ? name : "other");
}

static void S_approval(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, sg_cost_approval_id(&((const sg_cost_result *)it)->approval));
}

static void S_price_line_approval(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, sg_cost_approval_id(&((const sg_cost_result *)it)->price_line_approval));
}

static void S_period(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, ((const sg_cost_result *)it)->period == SG_PERIOD_MONTH ? "month" : "year");
}

static void S_basis(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_policy *p = ((const sg_cost_result *)it)->policy;
	sg_fv_text(v, p ? p->basis == SG_PERIOD_MONTH ? "monthly" : "yearly" : NULL);
}

static void S_tier_from(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_tier *t = ((const sg_cost_result *)it)->approval.tier;
	if (t)
		sg_fv_fen(v, t->from);
	else
		v->state = SG_FV_NULL;
}

/* The segment's getters, which review.segment uses too (fields_int.h). */
void sg_field_get_size_class(const sg_field_ctx *x, const void *segment, sg_fv *v)
{
	char c = ((const sg_segment *)segment)->size_class;
	char cls[2] = {c, 0};
	sg_fv_text(v, c ? sg_arena_strdup(x->a, cls) : NULL);
}

void sg_field_get_fit(const sg_field_ctx *x, const void *segment, sg_fv *v)
{
	(void)x;
	int fit = ((const sg_segment *)segment)->fit;
	if (fit >= 0)
		sg_fv_count(v, fit);
	else
		v->state = SG_FV_NULL;
}

void sg_field_get_fit_of(const sg_field_ctx *x, const void *segment, sg_fv *v)
{
	(void)x;
	(void)segment;
	sg_fv_count(v, SG_TRAIT_COUNT);
}

static void S_traits(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_segment *s = it;
	if (s->fit < 0) {
		v->state = SG_FV_NULL;
		return;
	}
	const char **names = sg_arena_alloc(x->a, SG_TRAIT_COUNT * sizeof *names);
	size_t n = 0;
	for (int i = 0; i < SG_TRAIT_COUNT; i++)
		if (s->fits[i])
			names[n++] = sg_trait_name((sg_trait_id)i);
	sg_fv_list(v, names, n, sizeof *names);
}

static void S_typical(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	int t = ((const sg_segment *)it)->typical_industry;
	if (t >= 0)
		sg_fv_bool(v, t != 0);
	else
		v->state = SG_FV_NULL;
}

/* ---------------------------------------------------------------- conditions */

static bool S_purchase(const sg_field_ctx *x, const void *it)
{
	(void)x;
	sg_cost_line_kind k = ((const sg_cost_line *)it)->kind;
	return k == SG_COST_HARDWARE || k == SG_COST_SOFTWARE;
}

static bool S_metered(const sg_field_ctx *x, const void *it)
{
	(void)x;
	const sg_cost_line *l = it;
	return l->kind == SG_COST_ELECTRICITY && (l->watt_hours || l->price_per_kwh);
}

static bool S_labour(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_cost_line *)it)->kind == SG_COST_LABOUR;
}

static bool S_renewal_line(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_cost_line *)it)->kind == SG_COST_RENEWAL;
}

static bool S_has_offer(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_cost_result *)it)->has_offer;
}

static bool S_has_price_line(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_cost_result *)it)->has_price_line_offer;
}

/* A price-line offer that is not made is not in a customer's data at all. */
static bool S_price_line_shown(const sg_field_ctx *x, const void *it)
{
	return S_has_price_line(x, it) &&
	       (!x->customer_facing || (x->ev && x->ev->price_line_offered));
}

static bool S_vat_contained(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_cost_result *)it)->prices_include_vat;
}

static bool S_vat_added(const sg_field_ctx *x, const void *it)
{
	return !S_vat_contained(x, it);
}

/* ---------------------------------------------------------------- cost */

#define R(m) AT(sg_cost_result, m)
#define L(m) AT(sg_cost_line, m)

static const sg_field S_fields[] = {
	{"cost", F_MAP, RAW, CUST, "the cost model of the customer, as `salesgen cost --json` has it",
	 .get = S_cost},
	{"cost.currency", F_TEXT, RAW, CUST, "the catalog's currency: CNY", .get = S_currency},
	{"cost.self_hosted", F_MAP, RAW, CUST, "what the self-hosted system costs", GROUP},
	{"cost.self_hosted.hardware", F_MONEY, RAW, CUST, "hardware written off, a year",
	 R(hardware)},
	{"cost.self_hosted.software", F_MONEY, RAW, CUST, "software written off, a year",
	 R(software)},
	{"cost.self_hosted.electricity", F_MONEY, RAW, CUST, "electricity, a year",
	 R(electricity)},
	{"cost.self_hosted.labour", F_MONEY, RAW, CUST, "labour (salary × 2), a year", R(labour)},
	{"cost.self_hosted.renewals", F_MONEY, RAW, CUST, "renewals, a year", R(renewals)},
	{"cost.self_hosted.annual", F_MONEY, RAW, CUST, "the total a year", R(annual)},
	{"cost.self_hosted.annual_without_labour", F_MONEY, RAW, CUST,
	 "the total a year without labour", R(annual_without_labour)},
	{"cost.self_hosted.five_year", F_MONEY, RAW, CUST, "five years", R(five_year)},
	{"cost.self_hosted.five_year_without_labour", F_MONEY, RAW, CUST,
	 "five years without labour", R(five_year_without_labour)},
	{"cost.self_hosted.lines", F_LIST, RAW, CUST, "every line of the yearly cost, in input order",
	 ARRAY(sg_cost_result, lines, line_count)},
	{"cost.self_hosted.lines.kind", F_TEXT, RAW, CUST,
	 "hardware, software, electricity, labour or renewal", .get = S_line_kind},
	{"cost.self_hosted.lines.name", F_TEXT, RAW, CUST, "its name, or null", L(name)},
	{"cost.self_hosted.lines.annual", F_MONEY, RAW, CUST, "the line a year", L(annual)},
	{"cost.self_hosted.lines.amount", F_MONEY, RAW, CUST, "hardware, software: what it cost",
	 L(base), .shown = S_purchase},
	{"cost.self_hosted.lines.years", F_COUNT, RAW, CUST,
	 "hardware, software: the years it is written off over", L(years), .shown = S_purchase},
	{"cost.self_hosted.lines.kwh", F_NUMBER, RAW, CUST, "electricity: kWh a year",
	 .get = S_kwh, .shown = S_metered},
	{"cost.self_hosted.lines.price_per_kwh", F_NUMBER, RAW, CUST, "electricity: yuan per kWh",
	 .get = S_price_per_kwh, .shown = S_metered},
	{"cost.self_hosted.lines.monthly_salary", F_MONEY, RAW, CUST, "labour: the monthly salary",
	 L(base), .shown = S_labour},
	{"cost.self_hosted.lines.share", F_SHARE, RAW, CUST, "labour: the share of time",
	 L(share), .shown = S_labour},
	{"cost.self_hosted.lines.renewal", F_TEXT, RAW, CUST,
	 "renewals: hosting, bandwidth, licence, anti-spam or other", .get = S_renewal,
	 .shown = S_renewal_line},
	{"cost.offer", F_MAP, RAW, CUST, "our offer; zeros when there is none (given is false)", GROUP},
	{"cost.offer.users", F_COUNT, RAW, CUST, "units bought", R(users)},
	{"cost.offer.list_annual", F_MONEY, RAW, CUST, "the list price a year", R(list_annual)},
	{"cost.offer.discount", F_SHARE, RAW, CUST, "the share of list price paid", R(discount)},
	{"cost.offer.annual", F_MONEY, RAW, CUST, "the price a year", R(offer_annual)},
	{"cost.offer.five_year", F_MONEY, RAW, CUST, "five years of the price", R(offer_five_year)},
	{"cost.offer.approval", F_TEXT, RAW, INTL,
	 "the most junior role that may approve the discount, none, beyond-policy, or null "
	 "without a policy",
	 .get = S_approval},
	{"cost.offer.price_line", F_MONEY, RAW, CUST, "the price line (100,000 yuan)",
	 R(price_line)},
	{"cost.offer.over_price_line", F_BOOL, RAW, CUST, "the price is at or over the line",
	 R(over_price_line)},
	{"cost.offer.price_line_annual", F_MONEY, RAW, CUST,
	 "the price-line offer a year; null when there is none (or, for a customer, when it "
	 "is not made)",
	 R(price_line_annual), .known = S_price_line_shown},
	{"cost.offer.price_line_discount", F_SHARE, RAW, CUST, "its share of list price",
	 R(price_line_discount), .known = S_price_line_shown},
	{"cost.offer.price_line_approval", F_TEXT, RAW, INTL, "the approval it needs",
	 .get = S_price_line_approval, .known = S_has_price_line},
	{"cost.offer.given", F_BOOL, RAW, CUST, "whether there is an offer", R(has_offer)},
	{"cost.offer.unit_price", F_MONEY, RAW, CUST, "the price of a unit a period",
	 R(unit_price)},
	{"cost.offer.period", F_TEXT, RAW, CUST, "month or year", .get = S_period},
	{"cost.offer.rounding_step", F_MONEY, RAW, CUST,
	 "the step the price-line offer is rounded down to", R(rounding_step)},
	{"cost.offer.one_time", F_LIST, RAW, CUST, "the one-time fees",
	 ARRAY(sg_cost_result, fees, fee_count)},
	{"cost.offer.one_time.name", F_TEXT, RAW, CUST, "what the fee is for", AT(sg_fee, name)},
	{"cost.offer.one_time.amount", F_MONEY, RAW, CUST, "the amount", AT(sg_fee, amount)},
	{"cost.offer.one_time_total", F_MONEY, RAW, CUST, "the one-time fees together",
	 R(one_time)},
	{"cost.offer.five_year_total", F_MONEY, RAW, CUST,
	 "five years of the price and the one-time fees", R(offer_five_year_total)},
	{"cost.offer.vat_rate", F_SHARE, RAW, CUST, "the VAT rate", R(vat_rate)},
	{"cost.offer.prices_include_vat", F_BOOL, RAW, CUST, "whether prices include VAT",
	 R(prices_include_vat)},
	{"cost.offer.vat_contained", F_MONEY, RAW, CUST,
	 "the VAT in the price a year; null when it is added", R(vat),
	 .known = S_vat_contained},
	{"cost.offer.vat_added", F_MONEY, RAW, CUST,
	 "the VAT added to the price a year; null when it is contained", R(vat),
	 .known = S_vat_added},
	{"cost.offer.annual_with_vat", F_MONEY, RAW, CUST, "what the customer pays a year",
	 R(annual_with_vat)},
	{"cost.offer.approval_basis", F_TEXT, RAW, INTL,
	 "monthly or yearly: the spend the policy's tiers go by", .get = S_basis},
	{"cost.offer.approval_tier_from", F_MONEY, RAW, INTL, "where the tier of the spend starts",
	 .get = S_tier_from},
	{"cost.savings", F_MAP, RAW, CUST,
	 "the offer against self-hosting (negative: the offer costs more); each null without "
	 "an offer", GROUP},
	{"cost.savings.annual", F_MONEY, RAW, CUST, "a year", R(savings_annual),
	 .known = S_has_offer},
	{"cost.savings.annual_without_labour", F_MONEY, RAW, CUST, "a year, without labour",
	 R(savings_annual_without_labour), .known = S_has_offer},
	{"cost.savings.five_year", F_MONEY, RAW, CUST, "five years, with the one-time fees",
	 R(savings_five_year), .known = S_has_offer},
	{"cost.savings.five_year_without_labour", F_MONEY, RAW, CUST,
	 "five years, without labour", R(savings_five_year_without_labour),
	 .known = S_has_offer},
	{"cost.segment", F_MAP, RAW, INTL, "how well the customer fits the self-hosted segment",
	 R(segment)},
	{"cost.segment.size_class", F_TEXT, RAW, INTL,
	 "A (1,000+ employees) to E (1-9); null when not known", .get = sg_field_get_size_class},
	{"cost.segment.fit", F_COUNT, RAW, INTL, "how many of the seven traits fit",
	 .get = sg_field_get_fit},
	{"cost.segment.fit_of", F_COUNT, RAW, INTL, "7", .get = sg_field_get_fit_of},
	{"cost.segment.traits", F_LIST, RAW, INTL, "the ids of the traits that fit",
	 .get = S_traits, .flags = SG_FF_TEXTS},
	{"cost.segment.typical_industry", F_BOOL, RAW, INTL,
	 "one of the six typical industries; null when not known", .get = S_typical},
};

const sg_field_part sg_fields_cost = {S_fields, sizeof S_fields / sizeof *S_fields};
