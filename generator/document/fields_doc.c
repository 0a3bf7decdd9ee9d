/*
 * fields_doc.c - the field `document` and the formatted namespaces of every
 * proposal and report: `offer`, `price_line`, `self_hosted`, `savings`,
 * `renewals`, `next_renewal`, `features`, `cases` (docs/proposals.md).
 *
 * They hold the figures of the cost model and the offer in the forms a
 * document shows, in its language: money "¥102,000" with its other forms,
 * discounts "8.5折", dates "2026年11月20日" and days from the document's date.
 * Each is made from the typed evaluation and from what a customer may see
 * anyway (the offered edition's features, case studies for customers), so all
 * of them are for the customer; the price-line offer is there only when it is
 * made.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document/fields_int.h"
#include "document/proposal.h"
#include "model/customer.h"

/* ---------------------------------------------------------------- helpers */

/* buf's text in the arena, and buf emptied. */
static const char *S_take(const sg_field_ctx *x, sg_buf *b)
{
	const char *s = sg_arena_strndup(x->a, b->data, b->len);
	sg_buf_dispose(b);
	return s;
}

static const char *S_label(const sg_field_ctx *x, const char *prefix, const char *id)
{
	return sg_proposal_label_of(prefix, id, x->lang);
}

static bool S_has_offer(const sg_field_ctx *x, const void *it)
{
	(void)it;
	return x->r->has_offer;
}

static const sg_offer *S_offer_of(const sg_field_ctx *x)
{
	return &x->cu->offer;
}

/* ---------------------------------------------------------------- document */

static void S_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, x->kind);
}

static void S_lang(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, x->lang);
}

static void S_today(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_date(v, x->today);
}

static const sg_field S_document_fields[] = {
	{"document", F_MAP, RAW, CUST, "the document being made", GROUP},
	{"document.kind", F_TEXT, RAW, CUST, "proposal or review", .get = S_kind},
	{"document.lang", F_TEXT, RAW, CUST, "its language: zh-CN or en", .get = S_lang},
	{"document.date", F_DATE, FULL, CUST,
	 "its date: the build date (SOURCE_DATE_EPOCH), else the customer's as-of date",
	 .get = S_today},
};

const sg_field_part sg_fields_document = {S_document_fields,
					  sizeof S_document_fields / sizeof *S_document_fields};

/* ---------------------------------------------------------------- offer */

static void S_product(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_product *p = S_offer_of(x)->product;
	sg_fv_text(v, p ? sg_l10n_get(&p->name, x->lang) : NULL);
}

/* The offered edition's summary, else the product's: the catalog checks
 * that neither promises a feature the edition lacks. */
static void S_product_summary(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_offer *o = S_offer_of(x);
	sg_fv_text(v, o->product ? sg_edition_summary(o->product, o->edition, x->lang) : NULL);
}

static void S_edition(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_edition *e = S_offer_of(x)->edition;
	sg_fv_text(v, e ? sg_l10n_get(&e->name, x->lang) : NULL);
}

static const char *S_unit_id_of(const sg_field_ctx *x)
{
	const sg_edition *e = S_offer_of(x)->edition;
	return e ? e->unit : NULL;
}

static void S_unit(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, S_label(x, "unit", S_unit_id_of(x)));
}

static void S_unit_id(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, S_unit_id_of(x));
}

static const char *S_period_of(const sg_field_ctx *x)
{
	return S_label(x, "period", x->r->period == SG_PERIOD_MONTH ? "month" : "year");
}

static void S_period(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, S_period_of(x));
}

/* "¥120 / 用户 / 年", "CNY 120 per user per year" */
static void S_unit_price_text(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_buf t, b;
	sg_buf_init(&t);
	sg_buf_init(&b);
	sg_fmt_money(&t, x->r->unit_price, x->lang);
	sg_buf_printf(&b, sg_proposal_label("unit_price", x->lang), t.data,
		      S_label(x, "per", S_unit_id_of(x)), S_period_of(x));
	sg_buf_dispose(&t);
	sg_fv_text(v, S_take(x, &b));
}

static void S_has_discount(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->discount < SG_PPM_ONE);
}

static void S_discount_saved(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->list_annual - x->r->offer_annual, 1, 0);
}

static void S_discount_saved_5(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->list_annual - x->r->offer_annual, SG_COST_YEARS, 0);
}

static void S_has_fees(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->fee_count > 0);
}

static void S_has_vat(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->vat_rate > 0);
}

/* ---------------------------------------------------------------- quotation */

/* The quotation's number: the proposal's with "-Q", so that each names the
 * other and a reader sees at once which proposal a quotation belongs to. */
static void S_quote_number(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const char *n = x->cu ? x->cu->offer.number : NULL;
	/* Null without a proposal number, as offer.number is. */
	sg_fv_text(v, n && *n ? sg_arena_printf(x->a, "%s-Q", n) : NULL);
}

/* What the quotation totals: the first year of the price and every
 * one-time fee, each a line of it, summed in fen so the lines add up to it
 * exactly. */
static void S_quote_total(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->offer_annual, 1, x->r->one_time);
}

/* ---------------------------------------------------------------- price line */

static void S_price_line(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_item(v, x->ev && x->ev->price_line_offered ? x->r : NULL);
}

static void S_pl_five_year(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->price_line_annual, SG_COST_YEARS, 0);
}

static void S_pl_five_year_total(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->price_line_annual, SG_COST_YEARS, x->r->one_time);
}

static void S_pl_saved(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->offer_annual - x->r->price_line_annual, 1, 0);
}

static void S_pl_discount_saved(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_scaled(v, x->r->list_annual - x->r->price_line_annual, 1, 0);
}

/* ---------------------------------------------------------------- self-hosted */

static void S_labour_share(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fen annual = x->r->annual, labour = x->r->labour;
	/* labour x 1,000,000 passes 64 bits from 9.2 billion yuan of labour
	 * (it printed -92.2%): the share is taken in 128 bits. */
	sg_ppm share = 0;
	if (annual > 0 && labour >= 0 && labour <= annual)
		share = (sg_ppm)((__int128)labour * SG_PPM_ONE / annual);
	sg_fv_ppm(v, share);
}

static void S_has_labour(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->labour > 0);
}

/* Whether the customer file gives any cost of its system: without one, every
 * figure of the self-hosted cost is a zero nobody measured, and a document
 * says so instead of showing it. */
static void S_self_hosted_given(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_customer *cu = x->cu;
	sg_fv_bool(v, cu ? cu->hardware_count || cu->software_count || cu->electricity.given ||
				   cu->staff_count || cu->renewal_count
			 : x->r->line_count > 0);
}

static void S_has_renewals(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->cu && x->cu->renewal_count > 0);
}

static const char *S_kind_id(const sg_cost_line *l)
{
	return sg_cost_line_kind_name(l->kind);
}

static const char *S_renewal_id(sg_renewal_kind k)
{
	return sg_renewal_kind_name(k);
}

static void S_line_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, S_kind_id(it));
}

static void S_line_label(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "kind", S_kind_id(it)));
}

static void S_line_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_cost_line *l = it;
	const char *name = l->name;
	if (!name && l->kind == SG_COST_RENEWAL)
		name = S_label(x, "renewal", S_renewal_id(l->renewal));
	sg_fv_text(v, name ? name : S_label(x, "kind", S_kind_id(l)));
}

static void S_line_labour(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_bool(v, ((const sg_cost_line *)it)->kind == SG_COST_LABOUR);
}

static void S_line_five_year(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_scaled(v, ((const sg_cost_line *)it)->annual, SG_COST_YEARS, 0);
}

/* A line of a purchase as the purchase it was made from, for the
 * replacement functions of cost.h. */
static sg_purchase S_line_purchase(const sg_cost_line *l)
{
	return (sg_purchase){.name = l->name, .amount = l->base, .years = l->years,
			     .bought = l->bought};
}

static bool S_line_is_purchase(const sg_field_ctx *x, const void *it)
{
	(void)x;
	const sg_cost_line *l = it;
	return l->kind == SG_COST_HARDWARE || l->kind == SG_COST_SOFTWARE;
}

static bool S_line_dated(const sg_field_ctx *x, const void *it)
{
	const sg_cost_line *l = it;
	sg_purchase p = S_line_purchase(l);
	return S_line_is_purchase(x, it) && sg_cost_purchase_age(&p, x->today) >= 0;
}

static void S_line_bought(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_date(v, ((const sg_cost_line *)it)->bought);
}

static void S_line_age(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_purchase p = S_line_purchase(it);
	sg_fv_count(v, sg_cost_purchase_age(&p, x->today));
}

static void S_line_due(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_purchase p = S_line_purchase(it);
	sg_fv_bool(v, S_line_is_purchase(x, it) && sg_cost_purchase_due(&p, x->today));
}

/* ---------------------------------------------------------------- replacement */

/* A purchase past its replacement cycle on the document's date. */
typedef struct S_replace {
	const sg_purchase *p;
	const char *kind; /* hardware or software */
	int age;
} S_replace;

/* The customer's purchases that are due for replacement, hardware first,
 * in the file's order (in x's arena). */
static size_t S_replace_of(const sg_field_ctx *x, S_replace **out)
{
	const sg_customer *cu = x->cu;
	size_t n = 0;
	*out = sg_arena_alloc(x->a, (cu->hardware_count + cu->software_count + 1) * sizeof **out);
	for (int k = 0; k < 2; k++) {
		const sg_purchase *list = k ? cu->software : cu->hardware;
		size_t count = k ? cu->software_count : cu->hardware_count;
		for (size_t i = 0; i < count; i++)
			if (sg_cost_purchase_due(&list[i], x->today))
				(*out)[n++] = (S_replace){&list[i], k ? "software" : "hardware",
							  sg_cost_purchase_age(&list[i], x->today)};
	}
	return n;
}

static void S_replace_list(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_replace *r;
	size_t n = S_replace_of(x, &r);
	sg_fv_list(v, r, n, sizeof *r);
}

static void S_has_replace(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_replace *r;
	sg_fv_bool(v, S_replace_of(x, &r) > 0);
}

static void S_replace_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, ((const S_replace *)it)->p->name);
}

static void S_replace_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, ((const S_replace *)it)->kind);
}

static void S_replace_label(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "kind", ((const S_replace *)it)->kind));
}

static void S_replace_amount(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_fen(v, ((const S_replace *)it)->p->amount);
}

static void S_replace_bought(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_date(v, ((const S_replace *)it)->p->bought);
}

static void S_replace_year(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_count(v, ((const S_replace *)it)->p->bought.year);
}

static void S_replace_age(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_count(v, ((const S_replace *)it)->age);
}

static void S_replace_years(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_count(v, ((const S_replace *)it)->p->years);
}

static void S_replace_cycle(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_years_word(&b, ((const S_replace *)it)->p->years, x->lang);
	sg_fv_text(v, S_take(x, &b));
}

static void S_replace_end(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_date(v, sg_cost_purchase_cycle_end(((const S_replace *)it)->p));
}

/* How the line was computed, so the customer can check it. */
static void S_line_basis(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_cost_line *l = it;
	sg_buf b, t, p;
	sg_buf_init(&b);
	sg_buf_init(&t);
	sg_buf_init(&p);
	if (l->kind == SG_COST_HARDWARE || l->kind == SG_COST_SOFTWARE) {
		/* The purchase spread over its years is the yearly cost of
		 * buying it again every that many years: the basis says so, and
		 * says when the equipment is already past that cycle. */
		sg_fmt_money(&t, l->base, x->lang);
		sg_buf_printf(&b, sg_proposal_label("basis.depreciation", x->lang), t.data, l->years);
		if (l->years == 1) {
			sg_buf_puts(&b, sg_proposal_label("basis.cycle_one", x->lang));
		} else {
			sg_fmt_years_word(&p, l->years, x->lang);
			sg_buf_printf(&b, sg_proposal_label("basis.cycle", x->lang), p.data);
		}
		sg_purchase pu = {.amount = l->base, .years = l->years, .bought = l->bought};
		if (sg_cost_purchase_due(&pu, x->today))
			sg_buf_printf(&b, sg_proposal_label("basis.due", x->lang),
				      sg_cost_purchase_age(&pu, x->today));
	} else if (l->kind == SG_COST_LABOUR) {
		sg_fmt_money(&t, l->base, x->lang);
		sg_fmt_percent(&p, l->share);
		sg_buf_printf(&b, sg_proposal_label("basis.salary", x->lang), t.data, p.data);
	} else if (l->kind == SG_COST_ELECTRICITY && (l->watt_hours || l->price_per_kwh)) {
		/* The kWh in hundredths, cut (not rounded) as they always were. */
		sg_fmt_number(&t, l->watt_hours / 10);
		sg_value price = {.kind = SG_VAL_DEC, .u.dec = {l->price_per_kwh, 4}};
		sg_value_to_text(&price, &p);
		sg_buf_printf(&b, sg_proposal_label("basis.kwh", x->lang), t.data, p.data);
	} else if (l->kind == SG_COST_RENEWAL) {
		sg_buf_puts(&b, sg_proposal_label("basis.renewal", x->lang));
	} else {
		sg_buf_puts(&b, sg_proposal_label("basis.given", x->lang));
	}
	sg_buf_dispose(&t);
	sg_buf_dispose(&p);
	sg_fv_text(v, S_take(x, &b));
}

/* ---------------------------------------------------------------- savings */

/* The savings of key against the self-hosted figure it is taken from. */
typedef struct S_saving {
	size_t off, base;
} S_saving;

static const S_saving S_savings[] = {
	{offsetof(sg_cost_result, savings_annual), offsetof(sg_cost_result, annual)},
	{offsetof(sg_cost_result, savings_annual_without_labour),
	 offsetof(sg_cost_result, annual_without_labour)},
	{offsetof(sg_cost_result, savings_five_year), offsetof(sg_cost_result, five_year)},
	{offsetof(sg_cost_result, savings_five_year_without_labour),
	 offsetof(sg_cost_result, five_year_without_labour)},
};

static sg_fen S_at(const sg_cost_result *r, size_t off)
{
	sg_fen v;
	memcpy(&v, (const char *)r + off, sizeof v);
	return v;
}

static void S_positive(const sg_field_ctx *x, sg_fv *v, int k)
{
	sg_fv_bool(v, S_at(x->r, S_savings[k].off) > 0);
}

/* The size of the difference without its sign, so that a template can say
 * "costs X more" instead of printing a negative saving. */
static void S_abs(const sg_field_ctx *x, sg_fv *v, int k)
{
	sg_fen s = S_at(x->r, S_savings[k].off);
	sg_fv_fen(v, s < 0 ? -s : s);
}

/* As a share of the self-hosted figure, in 128 bits (a saving of billions
 * times SG_PPM_ONE overflows); left out when there is no such figure. */
static void S_percent(const sg_field_ctx *x, sg_fv *v, int k)
{
	sg_fen s = S_at(x->r, S_savings[k].off), base = S_at(x->r, S_savings[k].base);
	if (base <= 0)
		return;
	__int128 share = (__int128)s * SG_PPM_ONE / base;
	if (share >= INT64_MIN && share <= INT64_MAX)
		sg_fv_ppm(v, (sg_ppm)share);
}

#define S_SAVING_GETTERS(k, suffix)                                                       \
	static void S_positive_##suffix(const sg_field_ctx *x, const void *it, sg_fv *v) \
	{                                                                                 \
		(void)it;                                                                 \
		S_positive(x, v, k);                                                      \
	}                                                                                 \
	static void S_abs_##suffix(const sg_field_ctx *x, const void *it, sg_fv *v)      \
	{                                                                                 \
		(void)it;                                                                 \
		S_abs(x, v, k);                                                           \
	}                                                                                 \
	static void S_percent_##suffix(const sg_field_ctx *x, const void *it, sg_fv *v)  \
	{                                                                                 \
		(void)it;                                                                 \
		S_percent(x, v, k);                                                       \
	}
S_SAVING_GETTERS(0, a)
S_SAVING_GETTERS(1, al)
S_SAVING_GETTERS(2, f)
S_SAVING_GETTERS(3, fl)

static void S_savings_given(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->has_offer);
}

/* ---------------------------------------------------------------- renewals */

static void S_renewal_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_renewal *r = it;
	sg_fv_text(v, r->name ? r->name : S_label(x, "renewal", S_renewal_id(r->kind)));
}

static void S_renewal_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, S_renewal_id(((const sg_renewal *)it)->kind));
}

static void S_renewal_label(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "renewal", S_renewal_id(((const sg_renewal *)it)->kind)));
}

static void S_renewal_ahead(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_date due = ((const sg_renewal *)it)->due;
	sg_fv_bool(v, sg_date_is_set(due) && sg_date_is_set(x->today) &&
			      sg_date_cmp(due, x->today) >= 0);
}

/* The first renewal still ahead of the document's date: a copy of its
 * entry in renewals. */
static void S_next_renewal(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_item(v, sg_date_is_set(x->today) ? sg_eval_renewal_after(x->ev, x->today) : NULL);
}

/* ---------------------------------------------------------------- features */

typedef struct S_feature {
	const sg_feature *ft;
	const sg_ffab *ff; /* in the document's language, else the first */
} S_feature;

/* The features of the offered edition, from the catalog (in x's arena). */
static size_t S_features_of(const sg_field_ctx *x, S_feature **out)
{
	const sg_offer *o = S_offer_of(x);
	const sg_catalog *cat = x->c ? x->c->catalog : NULL;
	const sg_product *p = o->given && cat && o->product_id
				      ? sg_catalog_product(cat, o->product_id)
				      : NULL;
	const sg_edition *e = p && o->edition_id ? sg_product_edition(p, o->edition_id) : NULL;
	size_t n = 0;
	*out = sg_arena_alloc(x->a, ((e ? e->feature_count : 0) + 1) * sizeof **out);
	for (size_t i = 0; e && i < e->feature_count; i++) {
		const sg_feature *ft = sg_product_feature(p, e->features[i]);
		if (!ft)
			continue;
		const sg_ffab *ff = NULL;
		for (size_t k = 0; k < ft->ffab_count && !ff; k++)
			if (ft->ffab[k].lang && x->lang && strcmp(ft->ffab[k].lang, x->lang) == 0)
				ff = &ft->ffab[k];
		if (!ff && ft->ffab_count)
			ff = &ft->ffab[0];
		(*out)[n++] = (S_feature){ft, ff};
	}
	return n;
}

static void S_features(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_feature *f;
	size_t n = S_features_of(x, &f);
	sg_fv_list(v, f, n, sizeof *f);
}

static void S_has_features(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_feature *f;
	sg_fv_bool(v, S_features_of(x, &f) > 0);
}

static void S_feature_id(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, ((const S_feature *)it)->ft->id);
}

static void S_feature_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, sg_l10n_get(&((const S_feature *)it)->ft->name, x->lang));
}

#define S_FFAB(fn, member)                                               \
	static void fn(const sg_field_ctx *x, const void *it, sg_fv *v)  \
	{                                                                \
		(void)x;                                                 \
		const sg_ffab *ff = ((const S_feature *)it)->ff;         \
		sg_fv_text(v, ff ? ff->member : NULL);                   \
	}
S_FFAB(S_ffab_feature, feature)
S_FFAB(S_ffab_function, function)
S_FFAB(S_ffab_advantage, advantage)
S_FFAB(S_ffab_benefit, benefit)

/* ---------------------------------------------------------------- cases */

typedef struct S_case {
	const sg_doc *doc;
	int score;        /* 0 same industry, 1 similar size, 2 a shared concern
			     only, 3 none of these: lower first */
	int shared;       /* how many of the customer's concerns it answers */
	int64_t distance; /* how far its size is from the customer's: nearer first */
	bool similar;     /* half to twice the customer's size */
} S_case;

static int S_case_cmp(const void *x, const void *y)
{
	const S_case *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (a->shared != b->shared)
		return a->shared > b->shared ? -1 : 1;
	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	return strcmp(a->doc->slug, b->doc->slug);
}

/* The ratio of the larger to the smaller of two sizes, in thousandths, to
 * sort by: 1000 for the same size, 2000 for half or twice. Unknown sizes are
 * far. (A double: sizes as large as an int64 would overflow a product.) */
static int64_t S_size_distance(int64_t a, int64_t b)
{
	if (a <= 0 || b <= 0)
		return INT64_MAX;
	double r = a > b ? (double)a / (double)b : (double)b / (double)a;
	return r < 9e15 ? (int64_t)(r * 1000) : INT64_MAX;
}

/* Half to twice the size, exactly (larger - smaller <= smaller cannot
 * overflow where larger <= 2 x smaller could). */
static bool S_size_similar(int64_t a, int64_t b)
{
	if (a <= 0 || b <= 0)
		return false;
	return a > b ? a - b <= b : b - a <= a;
}

/* The customer's concerns that the case study doc answers (its front
 * matter's `concerns`), in the customer's order, into out (room for the
 * customer's count); returns how many. */
static size_t S_shared(const sg_customer *cu, const sg_doc *doc, const char **out)
{
	const sg_value *cs = sg_map_get(doc->front, "concerns");
	size_t n = 0;
	for (size_t i = 0; i < cu->concern_count; i++) {
		bool found = false;
		for (const sg_value *c = cs && cs->kind == SG_VAL_LIST ? cs->u.items.first : NULL;
		     c && !found; c = c->next)
			found = c->kind == SG_VAL_STR && strcmp(c->u.str.s, cu->concerns[i]) == 0;
		if (found) {
			if (out)
				out[n] = cu->concerns[i];
			n++;
		}
	}
	return n;
}

/* Case studies for customers, in the document's language only: a case the
 * reader cannot read is no evidence, and a proposal in one language must not
 * switch to another halfway. Those of the customer's industry come first,
 * then those of a similar size (half to twice its users), then those that
 * answer one of the customer's stated concerns (<concerns>); in each group
 * those that answer more of its concerns first, then the nearest in size.
 * When no case of the language matches any way, every case of the language
 * is offered instead, nearest in size first, and *matched is false so that
 * the template can introduce them as other customers rather than customers
 * like this one. Made once per document (x->memo). */
static size_t S_cases_of(const sg_field_ctx *x, const S_case **out, bool *matched_out)
{
	sg_field_memo *m = x->memo;
	if (m->cases_made) {
		*out = m->cases;
		*matched_out = m->cases_matched;
		return m->case_count;
	}
	const sg_content *c = x->c;
	const sg_customer *cu = x->cu;
	const char *industry = cu->industry;
	int64_t users = cu->mailboxes > 0 ? cu->mailboxes : 0;
	if (users <= 0)
		users = x->r->users;
	S_case *found = sg_arena_alloc(x->a, (c ? c->doc_count : 0) * sizeof *found + 1);
	size_t n = 0;
	bool matched = false;
	for (size_t i = 0; c && i < c->doc_count; i++) {
		const sg_doc *d = c->docs[i];
		if (d->kind != SG_DOC_CASE || d->audience != SG_AUDIENCE_CUSTOMER)
			continue;
		if (!d->lang || !x->lang || strcmp(d->lang, x->lang) != 0)
			continue;
		const sg_value *ind = sg_map_get(d->front, "industry");
		const sg_value *cv = sg_map_get(d->front, "users");
		bool same = industry && ind && ind->kind == SG_VAL_STR &&
			    strcmp(ind->u.str.s, industry) == 0;
		int64_t cu_users = cv && cv->kind == SG_VAL_INT ? cv->u.i : 0;
		bool similar = S_size_similar(users, cu_users);
		int shared = (int)S_shared(cu, d, NULL);
		found[n].doc = d;
		found[n].score = same ? 0 : similar ? 1 : shared ? 2 : 3;
		found[n].shared = shared;
		found[n].distance = S_size_distance(users, cu_users);
		found[n].similar = similar;
		matched |= same || similar || shared;
		n++;
	}
	/* Keep only the matches when there are any. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!matched || found[i].score < 3)
			found[kept++] = found[i];
	n = kept;
	qsort(found, n, sizeof *found, S_case_cmp);
	m->cases_made = true;
	m->cases = found;
	m->case_count = n;
	m->cases_matched = matched;
	*out = found;
	*matched_out = matched;
	return n;
}

static void S_cases(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const S_case *cs;
	bool matched;
	size_t n = S_cases_of(x, &cs, &matched);
	sg_fv_list(v, cs, n, sizeof *cs);
}

static void S_has_cases(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const S_case *cs;
	bool matched;
	sg_fv_bool(v, S_cases_of(x, &cs, &matched) > 0);
}

static void S_cases_matched(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const S_case *cs;
	bool matched;
	S_cases_of(x, &cs, &matched);
	sg_fv_bool(v, matched);
}

static const sg_doc *S_case_doc(const void *it)
{
	return ((const S_case *)it)->doc;
}

static void S_case_id(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, S_case_doc(it)->slug);
}

static void S_case_title(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, S_case_doc(it)->title);
}

static void S_case_summary(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, S_case_doc(it)->summary);
}

#define S_FRONT(fn, key)                                                     \
	static void fn(const sg_field_ctx *x, const void *it, sg_fv *v)      \
	{                                                                    \
		(void)x;                                                     \
		const sg_value *f = sg_map_get(S_case_doc(it)->front, key); \
		sg_fv_text(v, f && f->kind == SG_VAL_STR ? f->u.str.s : NULL); \
	}
S_FRONT(S_case_previous, "previous_system")
S_FRONT(S_case_cycle, "cycle")
S_FRONT(S_case_price, "price")

static void S_case_users(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_value *u = sg_map_get(S_case_doc(it)->front, "users");
	if (u && u->kind == SG_VAL_INT)
		sg_fv_count(v, u->u.i);
}

static void S_case_same(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_bool(v, ((const S_case *)it)->score == 0);
}

static void S_case_similar(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_bool(v, ((const S_case *)it)->similar);
}

static void S_case_match(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	static const char *const match[] = {"industry", "size", "concern", "other"};
	sg_fv_text(v, match[((const S_case *)it)->score]);
}

/* The customer's concerns the case answers, in words joined the language's
 * way ("系统稳定性、海外邮件收发"); null when it answers none. */
static const char *S_shared_words(const sg_field_ctx *x, const S_case *c)
{
	const char **ids = sg_arena_alloc(x->a, (x->cu->concern_count + 1) * sizeof *ids);
	size_t n = S_shared(x->cu, c->doc, ids);
	if (!n)
		return NULL;
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sg_buf_puts(&b, sg_proposal_label("list.sep", x->lang));
		sg_buf_puts(&b, S_label(x, "concern", ids[i]));
	}
	return S_take(x, &b);
}

static void S_case_shared(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_shared_words(x, it));
}

/* What the case has in common with the customer, in words: 同行业；规模相近；
 * 同样关注系统稳定性. Null when nothing (the cases offered when none
 * matches). */
static void S_case_in_common(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const S_case *c = it;
	sg_buf b;
	sg_buf_init(&b);
	const char *sep = sg_proposal_label("list.sep2", x->lang);
	if (c->score == 0)
		sg_buf_puts(&b, sg_proposal_label("case.same_industry", x->lang));
	if (c->similar)
		sg_buf_printf(&b, "%s%s", b.len ? sep : "",
			      sg_proposal_label("case.similar_size", x->lang));
	const char *shared = S_shared_words(x, c);
	if (shared) {
		sg_buf_puts(&b, b.len ? sep : "");
		sg_buf_printf(&b, sg_proposal_label("case.same_concern", x->lang), shared);
	}
	if (!b.len) {
		sg_buf_dispose(&b);
		sg_fv_text(v, NULL);
		return;
	}
	sg_fv_text(v, S_take(x, &b));
}

/* Whether every case offered is of the customer's industry (all), none is
 * (none), or every one is of a similar size: what a sentence introducing
 * them may claim. */
static void S_cases_all(const sg_field_ctx *x, sg_fv *v, int what)
{
	const S_case *cs;
	bool matched;
	size_t n = S_cases_of(x, &cs, &matched);
	bool all = n > 0;
	for (size_t i = 0; i < n; i++)
		all = all && (what == 0   ? cs[i].score == 0
			      : what == 1 ? cs[i].score != 0
					  : cs[i].similar);
	sg_fv_bool(v, all);
}

static void S_cases_same_industry(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_cases_all(x, v, 0);
}

static void S_cases_other_industries(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_cases_all(x, v, 1);
}

static void S_cases_similar_size(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	S_cases_all(x, v, 2);
}

/* ---------------------------------------------------------------- the table */

#define R(m) .src = SG_SRC_COST, AT(sg_cost_result, m)
#define RENEWAL_FIELDS(p)                                                                   \
	{p ".name", F_TEXT, RAW, CUST, "its name, else the label of its kind",              \
	 .get = S_renewal_name},                                                            \
		{p ".kind", F_TEXT, RAW, CUST, "hosting, bandwidth, licence, anti-spam or other", \
		 .get = S_renewal_kind},                                                    \
		{p ".kind_label", F_TEXT, RAW, CUST, "its kind, in words",                  \
		 .get = S_renewal_label},                                                   \
		{p ".amount", F_MONEY, FULL, CUST, "the amount a year", AT(sg_renewal, amount)}, \
		{p ".due", F_DATE, DAYS, CUST, "when it is next due", AT(sg_renewal, due)},  \
		{p ".ahead", F_BOOL, RAW, CUST, "due on or after the document's date",      \
		 .get = S_renewal_ahead}
#define SAVING(k, member, suffix, what)                                                      \
	{"savings." k, F_MONEY, FULL, CUST, what, R(member), .shown = S_has_offer},          \
		{"savings." k "_positive", F_BOOL, RAW, CUST, "whether it saves at all",     \
		 .get = S_positive_##suffix, .shown = S_has_offer},                          \
		{"savings." k "_abs", F_MONEY, FULL, CUST,                                   \
		 "the difference without its sign: \"costs ¥30,500 more\"",                  \
		 .get = S_abs_##suffix, .shown = S_has_offer},                               \
		{"savings." k "_percent", F_SHARE, TEXT, CUST,                               \
		 "as a share of the self-hosted cost; left out when there is none",         \
		 .get = S_percent_##suffix, .shown = S_has_offer}

static const sg_field S_formatted_fields[] = {
	{"offer", F_MAP, RAW, CUST,
	 "the offer, formatted; only given when there is none (or its product is unknown)", GROUP},
	{"offer.given", F_BOOL, RAW, CUST, "whether there is an offer", R(has_offer)},
	{"offer.product", F_TEXT, RAW, CUST, "the product's name", .get = S_product,
	 .shown = S_has_offer},
	{"offer.product_summary", F_TEXT, RAW, CUST,
	 "what the offered edition is, in a line: its summary in the catalog, else the product's",
	 .get = S_product_summary, .shown = S_has_offer},
	{"offer.edition", F_TEXT, RAW, CUST, "the edition's name", .get = S_edition,
	 .shown = S_has_offer},
	{"offer.unit", F_TEXT, RAW, CUST, "what is counted, in words (用户, lines)",
	 .get = S_unit, .shown = S_has_offer},
	{"offer.unit_id", F_TEXT, RAW, CUST, "what is counted: user, line, domain, room",
	 .get = S_unit_id, .shown = S_has_offer},
	{"offer.users", F_COUNT, FULL, CUST, "the units offered", R(users), .shown = S_has_offer},
	{"offer.period", F_TEXT, RAW, CUST, "the price's period, in words (年, year)",
	 .get = S_period, .shown = S_has_offer},
	{"offer.unit_price", F_MONEY, FULL, CUST, "the price of a unit a period", R(unit_price),
	 .shown = S_has_offer},
	{"offer.unit_price_text", F_TEXT, RAW, CUST, "\"¥120 / 用户 / 年\"",
	 .get = S_unit_price_text, .shown = S_has_offer},
	{"offer.list_annual", F_MONEY, FULL, CUST, "the list price a year", R(list_annual),
	 .shown = S_has_offer},
	{"offer.annual", F_MONEY, FULL, CUST, "the price a year", R(offer_annual),
	 .shown = S_has_offer},
	{"offer.five_year", F_MONEY, FULL, CUST, "five years of the price", R(offer_five_year),
	 .shown = S_has_offer},
	{"offer.one_time_total", F_MONEY, FULL, CUST, "the one-time fees together", R(one_time),
	 .shown = S_has_offer},
	{"offer.five_year_total", F_MONEY, FULL, CUST,
	 "five years of the price and the one-time fees", R(offer_five_year_total),
	 .shown = S_has_offer},
	{"offer.annual_with_vat", F_MONEY, FULL, CUST, "what the customer pays a year",
	 R(annual_with_vat), .shown = S_has_offer},
	{"offer.vat", F_MONEY, FULL, CUST, "the VAT in (or added to) the price a year", R(vat),
	 .shown = S_has_offer},
	{"offer.vat_included", F_BOOL, RAW, CUST, "whether the price includes it",
	 R(prices_include_vat), .shown = S_has_offer},
	{"offer.vat_rate", F_SHARE, TEXT, CUST, "the VAT rate: 6%", R(vat_rate),
	 .shown = S_has_offer},
	{"offer.has_vat", F_BOOL, RAW, CUST, "whether VAT applies (its rate is above 0)",
	 .get = S_has_vat, .shown = S_has_offer},
	{"offer.discount", F_SHARE, FULL, CUST, "the discount: 8.5折 (zh), 15% off (en)",
	 R(discount), .shown = S_has_offer},
	{"offer.has_discount", F_BOOL, RAW, CUST, "the price is below list price",
	 .get = S_has_discount, .shown = S_has_offer},
	{"offer.discount_saved", F_MONEY, FULL, CUST, "what the discount saves a year",
	 .get = S_discount_saved, .shown = S_has_offer},
	{"offer.discount_saved_five_year", F_MONEY, FULL, CUST,
	 "what the discount saves in five years", .get = S_discount_saved_5,
	 .shown = S_has_offer},
	{"offer.fees", F_LIST, RAW, CUST, "the one-time fees",
	 .src = SG_SRC_COST, ARRAY(sg_cost_result, fees, fee_count), .shown = S_has_offer},
	{"offer.fees.name", F_TEXT, RAW, CUST, "what the fee is for", AT(sg_fee, name)},
	{"offer.fees.amount", F_MONEY, FULL, CUST, "the amount", AT(sg_fee, amount)},
	{"offer.has_fees", F_BOOL, RAW, CUST, "whether there are any", .get = S_has_fees,
	 .shown = S_has_offer},
	{"offer.number", F_TEXT, RAW, CUST, "the proposal number", .src = SG_SRC_OFFER,
	 AT(sg_offer, number), .shown = S_has_offer},
	{"offer.date", F_DATE, FULL, CUST, "the day of the offer", .src = SG_SRC_EVAL,
	 AT(sg_eval, offer_date), .shown = S_has_offer},
	{"offer.valid_until", F_DATE, DAYS, CUST, "the last day it is valid", .src = SG_SRC_EVAL,
	 AT(sg_eval, valid_until), .shown = S_has_offer},
	{"offer.valid_days", F_COUNT, RAW, CUST, "the days it is valid", .src = SG_SRC_OFFER,
	 AT(sg_offer, valid_days), .shown = S_has_offer},
	{"offer.over_price_line", F_BOOL, RAW, CUST, "the price is at or over the price line",
	 R(over_price_line), .shown = S_has_offer},
	{"offer.quote_number", F_TEXT, RAW, CUST,
	 "the quotation's number (quotes/ID.pdf): the proposal number and -Q",
	 .get = S_quote_number, .shown = S_has_offer},
	{"offer.quote_total", F_MONEY, FULL, CUST,
	 "what the quotation totals: a year of the price and the one-time fees",
	 .get = S_quote_total, .shown = S_has_offer},

	{"price_line", F_MAP, RAW, CUST,
	 "the price-line offer, only when it is made (docs/proposals.md), else null",
	 .get = S_price_line},
	{"price_line.line", F_MONEY, FULL, CUST, "the line: 100,000 yuan", R(price_line)},
	{"price_line.annual", F_MONEY, FULL, CUST, "the price-line price a year",
	 R(price_line_annual)},
	{"price_line.five_year", F_MONEY, FULL, CUST, "five years of it", .get = S_pl_five_year},
	{"price_line.five_year_total", F_MONEY, FULL, CUST, "five years and the one-time fees",
	 .get = S_pl_five_year_total},
	{"price_line.saved", F_MONEY, FULL, CUST, "how much less than the offer it is a year",
	 .get = S_pl_saved},
	{"price_line.discount_saved", F_MONEY, FULL, CUST, "what its discount saves a year",
	 .get = S_pl_discount_saved},
	{"price_line.discount", F_SHARE, FULL, CUST, "its discount", R(price_line_discount)},

	{"self_hosted", F_MAP, RAW, CUST, "what the self-hosted system costs, formatted", GROUP},
	{"self_hosted.given", F_BOOL, RAW, CUST,
	 "whether the customer file gives any of its costs (else every figure below is 0)",
	 .get = S_self_hosted_given},
	{"self_hosted.hardware", F_MONEY, FULL, CUST, "hardware written off, a year",
	 R(hardware)},
	{"self_hosted.software", F_MONEY, FULL, CUST, "software written off, a year",
	 R(software)},
	{"self_hosted.electricity", F_MONEY, FULL, CUST, "electricity, a year", R(electricity)},
	{"self_hosted.labour", F_MONEY, FULL, CUST, "labour, a year", R(labour)},
	{"self_hosted.renewals", F_MONEY, FULL, CUST, "renewals, a year", R(renewals)},
	{"self_hosted.annual", F_MONEY, FULL, CUST, "the total a year", R(annual)},
	{"self_hosted.annual_without_labour", F_MONEY, FULL, CUST, "a year without labour",
	 R(annual_without_labour)},
	{"self_hosted.five_year", F_MONEY, FULL, CUST, "five years", R(five_year)},
	{"self_hosted.five_year_without_labour", F_MONEY, FULL, CUST, "five years without labour",
	 R(five_year_without_labour)},
	{"self_hosted.labour_share", F_SHARE, TEXT, CUST, "labour's share of the annual cost",
	 .get = S_labour_share},
	{"self_hosted.has_labour", F_BOOL, RAW, CUST, "whether there is any labour",
	 .get = S_has_labour},
	{"self_hosted.has_renewals", F_BOOL, RAW, CUST, "whether it renews anything every year",
	 .get = S_has_renewals},
	{"self_hosted.lines", F_LIST, RAW, CUST, "every line of the yearly cost",
	 .src = SG_SRC_COST, ARRAY(sg_cost_result, lines, line_count)},
	{"self_hosted.lines.kind", F_TEXT, RAW, CUST,
	 "hardware, software, electricity, labour or renewal", .get = S_line_kind},
	{"self_hosted.lines.label", F_TEXT, RAW, CUST, "its kind, in words", .get = S_line_label},
	{"self_hosted.lines.name", F_TEXT, RAW, CUST, "its name, else a label",
	 .get = S_line_name},
	{"self_hosted.lines.labour", F_BOOL, RAW, CUST, "whether it is labour",
	 .get = S_line_labour},
	{"self_hosted.lines.annual", F_MONEY, FULL, CUST, "the line a year",
	 AT(sg_cost_line, annual)},
	{"self_hosted.lines.five_year", F_MONEY, FULL, CUST, "five years of it",
	 .get = S_line_five_year},
	{"self_hosted.lines.basis", F_TEXT, RAW, CUST,
	 "how it was computed: ¥180,000 ÷ 5 年，按五年更新周期; 月薪 ¥13,000 × 12 × 2 × 60%",
	 .get = S_line_basis},
	{"self_hosted.lines.bought", F_DATE, FULL, CUST,
	 "hardware, software: when it was bought; null when not given", .get = S_line_bought,
	 .shown = S_line_is_purchase},
	{"self_hosted.lines.age", F_COUNT, RAW, CUST,
	 "hardware, software: its whole years in use on the document's date; null when not known",
	 .get = S_line_age, .known = S_line_dated},
	{"self_hosted.lines.due", F_BOOL, RAW, CUST,
	 "in use for its years or more: due for replacement", .get = S_line_due},
	{"self_hosted.replace", F_LIST, RAW, CUST,
	 "the hardware and software past their replacement cycle on the document's date "
	 "(docs/cost.md)",
	 .get = S_replace_list},
	{"self_hosted.replace.name", F_TEXT, RAW, CUST, "what it is", .get = S_replace_name},
	{"self_hosted.replace.kind", F_TEXT, RAW, CUST, "hardware or software",
	 .get = S_replace_kind},
	{"self_hosted.replace.kind_label", F_TEXT, RAW, CUST, "its kind, in words",
	 .get = S_replace_label},
	{"self_hosted.replace.amount", F_MONEY, FULL, CUST, "what it cost",
	 .get = S_replace_amount},
	{"self_hosted.replace.bought", F_DATE, FULL, CUST, "when it was bought",
	 .get = S_replace_bought},
	{"self_hosted.replace.bought_year", F_COUNT, RAW, CUST, "the year it was bought",
	 .get = S_replace_year},
	{"self_hosted.replace.age", F_COUNT, RAW, CUST, "its whole years in use",
	 .get = S_replace_age},
	{"self_hosted.replace.years", F_COUNT, RAW, CUST, "its replacement cycle, in years",
	 .get = S_replace_years},
	{"self_hosted.replace.cycle", F_TEXT, RAW, CUST, "the cycle as a sentence says it: 五, 5",
	 .get = S_replace_cycle},
	{"self_hosted.replace.cycle_end", F_DATE, FULL, CUST,
	 "the day it completed its cycle (bought plus its years)", .get = S_replace_end},
	{"self_hosted.has_replace", F_BOOL, RAW, CUST, "whether anything is due for replacement",
	 .get = S_has_replace},

	{"savings", F_MAP, RAW, CUST, "the offer against self-hosting, formatted", GROUP},
	SAVING("annual", savings_annual, a, "a year (negative when the offer costs more)"),
	SAVING("annual_without_labour", savings_annual_without_labour, al,
	       "a year, without labour"),
	SAVING("five_year", savings_five_year, f, "five years, with the one-time fees"),
	SAVING("five_year_without_labour", savings_five_year_without_labour, fl,
	       "five years, without labour"),
	{"savings.given", F_BOOL, RAW, CUST, "whether there is an offer to compare",
	 .get = S_savings_given},

	{"renewals", F_LIST, RAW, CUST, "the self-hosted system's renewals, with days to go",
	 .src = SG_SRC_CUSTOMER, ARRAY(sg_customer, renewals, renewal_count)},
	RENEWAL_FIELDS("renewals"),
	{"next_renewal", F_MAP, RAW, CUST,
	 "the first renewal still ahead (the same fields), or null", .get = S_next_renewal},
	RENEWAL_FIELDS("next_renewal"),

	{"features", F_LIST, RAW, CUST, "the offered edition's features (FFAB)",
	 .get = S_features},
	{"features.id", F_TEXT, RAW, CUST, "the feature's id", .get = S_feature_id},
	{"features.name", F_TEXT, RAW, CUST, "its name", .get = S_feature_name},
	{"features.feature", F_TEXT, RAW, CUST, "feature", .get = S_ffab_feature},
	{"features.function", F_TEXT, RAW, CUST, "function", .get = S_ffab_function},
	{"features.advantage", F_TEXT, RAW, CUST, "advantage", .get = S_ffab_advantage},
	{"features.benefit", F_TEXT, RAW, CUST, "benefit", .get = S_ffab_benefit},
	{"has_features", F_BOOL, RAW, CUST, "whether it has any", .get = S_has_features},

	{"cases", F_LIST, RAW, CUST,
	 "case studies for customers in the document's language (docs/proposals.md)",
	 .get = S_cases},
	{"cases.id", F_TEXT, RAW, CUST, "the case's file name", .get = S_case_id},
	{"cases.title", F_TEXT, RAW, CUST, "its title", .get = S_case_title},
	{"cases.summary", F_TEXT, RAW, CUST, "its summary", .get = S_case_summary},
	{"cases.previous_system", F_TEXT, RAW, CUST, "the system the customer had",
	 .get = S_case_previous},
	{"cases.cycle", F_TEXT, RAW, CUST, "how long the customer took to decide",
	 .get = S_case_cycle},
	{"cases.price", F_TEXT, RAW, CUST, "what it paid, as the case says", .get = S_case_price},
	{"cases.users", F_COUNT, FULL, CUST, "its users, when the case gives them",
	 .get = S_case_users},
	{"cases.same_industry", F_BOOL, RAW, CUST, "of the customer's industry",
	 .get = S_case_same},
	{"cases.similar_size", F_BOOL, RAW, CUST, "half to twice the customer's size",
	 .get = S_case_similar},
	{"cases.match", F_TEXT, RAW, CUST,
	 "why it was chosen: industry, size, concern (it answers one the customer stated) or other",
	 .get = S_case_match},
	{"cases.shared_concerns", F_TEXT, RAW, CUST,
	 "the customer's concerns it answers, in words (系统稳定性); null when none",
	 .get = S_case_shared},
	{"cases.in_common", F_TEXT, RAW, CUST,
	 "what it has in common with the customer, in words: 同行业；规模相近；同样关注系统稳定性; "
	 "null when nothing",
	 .get = S_case_in_common},
	{"has_cases", F_BOOL, RAW, CUST, "whether there are any", .get = S_has_cases},
	{"cases_matched", F_BOOL, RAW, CUST,
	 "false when none matches and every case of the language is listed instead",
	 .get = S_cases_matched},
	{"cases_same_industry", F_BOOL, RAW, CUST,
	 "every case listed is of the customer's industry", .get = S_cases_same_industry},
	{"cases_other_industries", F_BOOL, RAW, CUST,
	 "no case listed is of the customer's industry", .get = S_cases_other_industries},
	{"cases_similar_size", F_BOOL, RAW, CUST,
	 "every case listed is of a similar size (half to twice the customer's)",
	 .get = S_cases_similar_size},
};

const sg_field_part sg_fields_formatted = {S_formatted_fields,
					   sizeof S_formatted_fields / sizeof *S_formatted_fields};
