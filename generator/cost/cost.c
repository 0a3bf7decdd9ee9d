/*
 * cost.c - the self-hosted cost, the offer, its approval and the price line.
 *
 * Every multiplication and sum is checked for overflow: the inputs come from
 * people's files and flags, and a wrapped total would be a wrong number in a
 * proposal rather than a crash. The first problem is kept in r->error and the
 * rest of the computation goes on with zeros, so the code reads straight.
 */
#include "cost/cost.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/num.h"

static const char S_too_large[] =
	"an amount or total is too large (a document shows at most 999,999,999,999.99)";

/* Keeps the first problem, and the element being computed when it arose. */
static int64_t S_fail(sg_cost_result *r, const char *why)
{
	if (!r->error) {
		r->error = why;
		r->error_pos = r->at;
	}
	return 0;
}

/* v, when a document can show it (see SG_COST_MAX_AMOUNT); else a failure. */
static int64_t S_cap(sg_cost_result *r, int64_t v)
{
	if (v > SG_COST_MAX_AMOUNT || v < -SG_COST_MAX_AMOUNT)
		return S_fail(r, S_too_large);
	return v;
}

/* S_add(r, a, b), S_sub, S_mul: a + b, a - b, a x b; 0 and a failure when
 * it does not fit in 64 bits. */
#define S_CHECKED(op)                                                   \
	static int64_t S_##op(sg_cost_result *r, int64_t a, int64_t b) \
	{                                                               \
		int64_t s;                                              \
		if (__builtin_##op##_overflow(a, b, &s))                \
			return S_fail(r, S_too_large);                  \
		return s;                                               \
	}
S_CHECKED(add)
S_CHECKED(sub)
S_CHECKED(mul)
#undef S_CHECKED

/* a x b / div, rounded half-up to the unit: the one rounding of a line. */
static int64_t S_muldiv(sg_cost_result *r, int64_t a, int64_t b, int64_t div)
{
	int64_t out;
	if (!sg_muldiv_round(a, b, div, &out))
		return S_fail(r, S_too_large);
	return out;
}

const char *sg_cost_line_kind_name(sg_cost_line_kind kind)
{
	static const char *const names[] = {"hardware", "software", "electricity", "labour",
					    "renewal"};
	return names[kind];
}

static sg_cost_line *S_line(sg_cost_result *r, sg_cost_line_kind kind, const char *name,
			    sg_fen base)
{
	sg_cost_line *l = &r->lines[r->line_count++];
	l->kind = kind;
	l->name = name;
	l->base = base;
	return l;
}

/* ---------------------------------------------------------------- self-hosted */

/* Adds a line to the running yearly total of the self-hosted cost. The
 * largest figure made from it is the five-year total, so a line that takes
 * that past what a document shows fails at its own element. */
static void S_running(sg_cost_result *r, sg_fen *running, sg_fen annual)
{
	*running = S_add(r, *running, annual);
	S_cap(r, S_mul(r, *running, SG_COST_YEARS));
}

static sg_fen S_purchases(sg_cost_result *r, sg_cost_line_kind kind, const sg_purchase *p,
			  size_t n, sg_fen *running)
{
	sg_fen total = 0;
	for (size_t i = 0; i < n; i++) {
		r->at = p[i].pos;
		if (p[i].amount < 0)
			S_fail(r, "a purchase amount is negative");
		if (p[i].years < 1) {
			S_fail(r, "depreciation years must be 1 or more");
			continue;
		}
		sg_cost_line *l = S_line(r, kind, p[i].name, p[i].amount);
		l->years = p[i].years;
		l->bought = p[i].bought;
		l->annual = S_muldiv(r, p[i].amount, 1, p[i].years);
		total = S_add(r, total, l->annual);
		S_running(r, running, l->annual);
	}
	return total;
}

static sg_fen S_electricity(sg_cost_result *r, const sg_electricity *e, sg_fen *running)
{
	if (!e->given)
		return 0;
	r->at = e->pos;
	if (e->as_annual) {
		if (e->annual < 0)
			S_fail(r, "the electricity amount is negative");
		sg_cost_line *l = S_line(r, SG_COST_ELECTRICITY, NULL, e->annual);
		l->annual = e->annual;
		S_running(r, running, l->annual);
		return l->annual;
	}
	if (e->watts < 0 || e->price_per_kwh < 0)
		S_fail(r, "the electricity draw or price is negative");
	sg_cost_line *l = S_line(r, SG_COST_ELECTRICITY, NULL, 0);
	l->watt_hours = S_mul(r, e->watts, SG_COST_HOURS_PER_YEAR);
	l->price_per_kwh = e->price_per_kwh;
	/* Wh x (price / 10000 yuan per kWh) / 1000 Wh per kWh x 100 fen per yuan. */
	l->annual = S_muldiv(r, l->watt_hours, e->price_per_kwh, 100000);
	l->base = l->annual;
	S_running(r, running, l->annual);
	return l->annual;
}

static sg_fen S_labour(sg_cost_result *r, const sg_staff *s, size_t n, sg_fen *running)
{
	sg_fen total = 0;
	for (size_t i = 0; i < n; i++) {
		r->at = s[i].pos;
		if (s[i].monthly_salary < 0)
			S_fail(r, "a salary is negative");
		if (s[i].share < 0 || s[i].share > SG_PPM_ONE)
			S_fail(r, "a share of time is outside 0..1");
		sg_cost_line *l = S_line(r, SG_COST_LABOUR, s[i].role, s[i].monthly_salary);
		l->share = s[i].share;
		sg_fen yearly = S_mul(r, s[i].monthly_salary, 12 * SG_COST_LABOUR_FACTOR);
		l->annual = S_muldiv(r, yearly, s[i].share, SG_PPM_ONE);
		total = S_add(r, total, l->annual);
		S_running(r, running, l->annual);
	}
	return total;
}

static sg_fen S_renewals(sg_cost_result *r, const sg_renewal *rn, size_t n, sg_fen *running)
{
	sg_fen total = 0;
	for (size_t i = 0; i < n; i++) {
		r->at = rn[i].pos;
		if (rn[i].amount < 0)
			S_fail(r, "a renewal amount is negative");
		sg_cost_line *l = S_line(r, SG_COST_RENEWAL, rn[i].name, rn[i].amount);
		l->renewal = rn[i].kind;
		l->annual = rn[i].amount;
		total = S_add(r, total, l->annual);
		S_running(r, running, l->annual);
	}
	return total;
}

static void S_self_hosted(const sg_cost_input *in, sg_cost_result *r)
{
	size_t cap = in->hardware_count + in->software_count + 1 + in->staff_count +
		     in->renewal_count;
	r->lines = sg_xcalloc(cap, sizeof *r->lines);
	sg_fen running = 0;
	r->hardware = S_purchases(r, SG_COST_HARDWARE, in->hardware, in->hardware_count, &running);
	r->software = S_purchases(r, SG_COST_SOFTWARE, in->software, in->software_count, &running);
	r->electricity = S_electricity(r, &in->electricity, &running);
	r->labour = S_labour(r, in->staff, in->staff_count, &running);
	r->renewals = S_renewals(r, in->renewals, in->renewal_count, &running);
	r->at = (sg_pos){0};

	r->annual_without_labour =
		S_add(r, S_add(r, S_add(r, r->hardware, r->software), r->electricity), r->renewals);
	r->annual = S_add(r, r->annual_without_labour, r->labour);
	r->five_year = S_mul(r, r->annual, SG_COST_YEARS);
	r->five_year_without_labour = S_mul(r, r->annual_without_labour, SG_COST_YEARS);
}

/* ---------------------------------------------------------------- approval */

/* The tier the list spend falls in: the last one whose lower bound
 * (inclusive) is at or below the spend on the policy's basis. A monthly basis
 * compares from x 12 with the annual list price, so a spend of 9,999.99 a
 * month never rounds up into the 10,000 tier. */
static const sg_tier *S_tier(const sg_policy *p, sg_fen list_annual)
{
	const sg_tier *best = NULL;
	for (size_t i = 0; i < p->tier_count; i++) {
		const sg_tier *t = &p->tiers[i];
		__int128 from = (__int128)t->from * (p->basis == SG_PERIOD_MONTH ? 12 : 1);
		if (from <= list_annual && (!best || t->from >= best->from))
			best = t;
	}
	return best;
}

sg_cost_approval sg_cost_approval_for(const sg_policy *policy, sg_fen list_annual, int64_t paid,
				      int64_t of)
{
	sg_cost_approval a = {SG_APPROVAL_UNKNOWN, NULL, NULL};
	if (!policy)
		return a;
	a.tier = S_tier(policy, list_annual);
	if (paid >= of) {
		a.kind = SG_APPROVAL_NONE;
		return a;
	}
	a.kind = SG_APPROVAL_BEYOND;
	if (!a.tier || of <= 0)
		return a;
	/* floor <= paid / of, in integers: floor x of <= paid x 1,000,000. */
	for (size_t i = 0; i < policy->role_count; i++) {
		if ((__int128)a.tier->floors[i] * of <= (__int128)paid * SG_PPM_ONE) {
			a.kind = SG_APPROVAL_ROLE;
			a.role = &policy->roles[i];
			return a;
		}
	}
	return a;
}

const char *sg_cost_approval_id(const sg_cost_approval *a)
{
	switch (a->kind) {
	case SG_APPROVAL_UNKNOWN:
		return NULL;
	case SG_APPROVAL_NONE:
		return "none";
	case SG_APPROVAL_ROLE:
		return a->role->id;
	case SG_APPROVAL_BEYOND:
		return "beyond-policy";
	}
	return NULL;
}

/* ---------------------------------------------------------------- offer */

/* Whether the offer's input can be priced; else the first problem is in r. */
static bool S_offer_valid(const sg_cost_input *in, sg_cost_result *r)
{
	r->at = in->offer_pos;
	if (in->users < 1)
		S_fail(r, "the offer needs at least one user");
	if (in->unit_price < 0)
		S_fail(r, "the unit price is negative");
	if (in->discount <= 0 || in->discount > SG_PPM_ONE)
		S_fail(r, "the discount must be more than 0 and at most 1");
	if (in->vat_rate < 0 || in->vat_rate > SG_PPM_ONE)
		S_fail(r, "the VAT rate is outside 0..1");
	return !r->error;
}

/* The one-time fees together. Each fee is checked at its own element
 * against the largest figure it joins: five years at list price and the
 * fees. */
static void S_fees(const sg_cost_input *in, sg_cost_result *r)
{
	r->fees = in->fees;
	r->fee_count = in->fee_count;
	for (size_t i = 0; i < in->fee_count; i++) {
		r->at = in->fees[i].pos;
		if (in->fees[i].amount < 0)
			S_fail(r, "a one-time fee is negative");
		r->one_time = S_add(r, r->one_time, in->fees[i].amount);
		S_cap(r, S_add(r, S_mul(r, r->list_annual, SG_COST_YEARS), r->one_time));
	}
	r->at = in->offer_pos;
}

/* The VAT of the price a year: inside a gross price, or added to a net
 * one. */
static void S_vat(const sg_cost_input *in, sg_cost_result *r)
{
	r->vat_rate = in->vat_rate;
	r->prices_include_vat = in->prices_include_vat;
	if (in->prices_include_vat) {
		/* The VAT inside a gross price: annual - annual / (1 + rate). */
		sg_fen net = S_muldiv(r, r->offer_annual, SG_PPM_ONE, SG_PPM_ONE + in->vat_rate);
		r->vat = r->offer_annual - net;
		r->annual_with_vat = r->offer_annual;
	} else {
		r->vat = S_muldiv(r, r->offer_annual, in->vat_rate, SG_PPM_ONE);
		r->annual_with_vat = S_add(r, r->offer_annual, r->vat);
	}
}

/* The price line: a price just under a round figure sells far more easily
 * than one at or over it (docs/cost.md, "The price line"). An offer at
 * or over it gets a price-line offer, rounded down below the line, with the
 * approval that needs. */
static void S_price_line(const sg_cost_input *in, sg_cost_result *r)
{
	r->over_price_line = r->offer_annual >= r->price_line;
	if (!r->over_price_line)
		return;
	sg_fen below = (r->price_line - 1) / r->rounding_step * r->rounding_step;
	if (below <= 0 || r->list_annual <= 0)
		return;
	r->has_price_line_offer = true;
	r->price_line_annual = below;
	r->price_line_discount = S_muldiv(r, below, SG_PPM_ONE, r->list_annual);
	r->price_line_approval = sg_cost_approval_for(in->policy, r->list_annual, below,
						      r->list_annual);
}

static void S_offer(const sg_cost_input *in, sg_cost_result *r)
{
	r->price_line = in->price_line > 0 ? in->price_line : SG_COST_PRICE_LINE_DEFAULT;
	r->rounding_step = in->rounding_step > 0 ? in->rounding_step : SG_COST_ROUNDING_STEP_DEFAULT;
	r->discount = SG_PPM_ONE;
	if (!in->has_offer || !S_offer_valid(in, r))
		return;
	r->has_offer = true;
	r->users = in->users;
	r->unit_price = in->unit_price;
	r->period = in->period;
	r->discount = in->discount;
	r->policy = in->policy;
	r->list_annual = S_mul(r, S_mul(r, in->users, in->unit_price),
			       in->period == SG_PERIOD_MONTH ? 12 : 1);
	/* Five years at list price bounds every figure of the offer (the
	 * five-year discount saved is the largest a document shows). */
	S_cap(r, S_mul(r, r->list_annual, SG_COST_YEARS));
	r->offer_annual = S_muldiv(r, r->list_annual, in->discount, SG_PPM_ONE);
	r->offer_five_year = S_mul(r, r->offer_annual, SG_COST_YEARS);
	S_fees(in, r);
	r->offer_five_year_total = S_add(r, r->offer_five_year, r->one_time);
	S_vat(in, r);
	r->approval = sg_cost_approval_for(in->policy, r->list_annual, in->discount, SG_PPM_ONE);
	S_price_line(in, r);
}

/* ---------------------------------------------------------------- all */

/* Every computation in this process, from any thread. */
static atomic_size_t S_computed;

size_t sg_cost_compute_count(void)
{
	return atomic_load_explicit(&S_computed, memory_order_relaxed);
}

int sg_cost_compute(const sg_cost_input *in, sg_cost_result *r)
{
	atomic_fetch_add_explicit(&S_computed, 1, memory_order_relaxed);
	memset(r, 0, sizeof *r);
	r->currency = in->currency ? in->currency : "CNY";
	S_self_hosted(in, r);
	S_offer(in, r);
	if (r->has_offer) {
		r->savings_annual = S_sub(r, r->annual, r->offer_annual);
		r->savings_annual_without_labour = S_sub(r, r->annual_without_labour, r->offer_annual);
		r->savings_five_year = S_sub(r, r->five_year, r->offer_five_year_total);
		r->savings_five_year_without_labour =
			S_sub(r, r->five_year_without_labour, r->offer_five_year_total);
	}
	sg_cost_segment(in, r->has_offer ? r->users : 0, &r->segment);
	return r->error ? -1 : 0;
}

void sg_cost_report(sg_diags *d, const sg_cost_result *r, sg_pos fallback)
{
	sg_error(d, r->error_pos.path ? r->error_pos : fallback, "cannot compute the cost model: %s",
		 r->error ? r->error : S_too_large);
}

void sg_cost_result_dispose(sg_cost_result *r)
{
	free(r->lines);
	r->lines = NULL;
	r->line_count = 0;
}

/* ---------------------------------------------------------------- kept */

void sg_cost_keep(sg_cost_kept *k, const sg_cost_result *r, sg_arena *a)
{
	memset(k, 0, sizeof *k);
#define S_KEEP(name) k->name = r->name;
	SG_COST_KEPT_AMOUNTS(S_KEEP)
	SG_COST_KEPT_OTHERS(S_KEEP)
#undef S_KEEP
	k->line_count = (uint32_t)r->line_count;
	sg_fen *annual = sg_arena_alloc(a, (r->line_count + 1) * sizeof *annual);
	for (size_t i = 0; i < r->line_count; i++)
		annual[i] = r->lines[i].annual;
	k->line_annual = annual;
}

/* The line of a purchase, as S_purchases() makes it. */
static sg_cost_line S_purchase_line(sg_cost_line_kind kind, const sg_purchase *p, sg_fen annual)
{
	return (sg_cost_line){.kind = kind, .name = p->name, .base = p->amount, .years = p->years,
			      .bought = p->bought, .annual = annual};
}

/* The lines of a successful computation of in, in S_self_hosted()'s order,
 * each as its maker made it: every element of the input gave one. */
static void S_lines(const sg_cost_input *in, const sg_fen *annual, sg_cost_line *out)
{
	size_t k = 0;
	for (size_t i = 0; i < in->hardware_count; i++, k++)
		out[k] = S_purchase_line(SG_COST_HARDWARE, &in->hardware[i], annual[k]);
	for (size_t i = 0; i < in->software_count; i++, k++)
		out[k] = S_purchase_line(SG_COST_SOFTWARE, &in->software[i], annual[k]);
	const sg_electricity *e = &in->electricity;
	if (e->given) {
		sg_cost_line *l = &out[k];
		*l = (sg_cost_line){.kind = SG_COST_ELECTRICITY, .annual = annual[k]};
		if (e->as_annual) {
			l->base = e->annual;
		} else {
			/* Cannot overflow: the computation that made annual[k] did it. */
			l->watt_hours = e->watts * SG_COST_HOURS_PER_YEAR;
			l->price_per_kwh = e->price_per_kwh;
			l->base = annual[k];
		}
		k++;
	}
	for (size_t i = 0; i < in->staff_count; i++, k++)
		out[k] = (sg_cost_line){.kind = SG_COST_LABOUR, .name = in->staff[i].role,
					.base = in->staff[i].monthly_salary,
					.share = in->staff[i].share, .annual = annual[k]};
	for (size_t i = 0; i < in->renewal_count; i++, k++)
		out[k] = (sg_cost_line){.kind = SG_COST_RENEWAL, .name = in->renewals[i].name,
					.base = in->renewals[i].amount,
					.renewal = in->renewals[i].kind, .annual = annual[k]};
}

void sg_cost_unkeep(sg_cost_result *r, const sg_cost_kept *k, const sg_cost_input *in,
		    sg_cost_line *lines)
{
	/* What sg_cost_compute() copies from its input, as it copies it... */
	memset(r, 0, sizeof *r);
	r->currency = in->currency ? in->currency : "CNY";
	r->price_line = in->price_line > 0 ? in->price_line : SG_COST_PRICE_LINE_DEFAULT;
	r->rounding_step = in->rounding_step > 0 ? in->rounding_step : SG_COST_ROUNDING_STEP_DEFAULT;
	r->discount = SG_PPM_ONE;
	if (k->has_offer) {
		r->users = in->users;
		r->unit_price = in->unit_price;
		r->period = in->period;
		r->discount = in->discount;
		r->policy = in->policy;
		r->fees = in->fees;
		r->fee_count = in->fee_count;
		r->vat_rate = in->vat_rate;
		r->prices_include_vat = in->prices_include_vat;
	}
	/* ...and what it worked out. */
#define S_UNKEEP(name) r->name = k->name;
	SG_COST_KEPT_AMOUNTS(S_UNKEEP)
	SG_COST_KEPT_OTHERS(S_UNKEEP)
#undef S_UNKEEP
	if (lines) {
		S_lines(in, k->line_annual, lines);
		r->lines = lines;
		r->line_count = k->line_count;
	}
}

void sg_cost_input_init(sg_cost_input *in)
{
	memset(in, 0, sizeof *in);
	in->discount = SG_PPM_ONE;
	in->period = SG_PERIOD_YEAR;
}
