/*
 * cost_table.c - the cost model as `salesgen cost` prints it without --json:
 * a table for a terminal, sections of rows with a label, a figure aligned on
 * the right and a note.
 */
#include "cli/cost_table.h"

#include <stdio.h>

#include "cost/money.h"

/* A whole number with the separators of money: "1,200". */
static void S_count_text(sg_buf *b, int64_t n)
{
	sg_buf tmp;
	sg_buf_init(&tmp);
	sg_money_format(&tmp, n * 100);
	sg_buf_put(b, tmp.data, tmp.len - 3); /* drop ".00" */
	sg_buf_dispose(&tmp);
}

/* Appends "." and the decimals of frac (scale digits) without trailing
 * zeros; nothing when frac is 0. */
static void S_trimmed(sg_buf *b, int64_t frac, int scale)
{
	char d[16];
	snprintf(d, sizeof d, "%0*lld", scale, (long long)frac);
	int n = scale;
	while (n > 0 && d[n - 1] == '0')
		n--;
	if (n)
		sg_buf_printf(b, ".%.*s", n, d);
}

/* One row: a label, a right-aligned figure, then free text (names in any
 * script go last so that their width cannot break the columns). */
static void S_row(sg_buf *out, const char *label, const char *figure, const char *note)
{
	sg_buf_printf(out, "  %-27s %16s", label, figure);
	if (note && *note)
		sg_buf_printf(out, "  %s", note);
	sg_buf_putc(out, '\n');
}

static void S_money_row(sg_buf *out, const char *label, sg_fen v, const char *note)
{
	sg_buf f;
	sg_buf_init(&f);
	sg_money_format(&f, v);
	S_row(out, label, f.data, note);
	sg_buf_dispose(&f);
}

static void S_line_row(sg_buf *out, const sg_cost_line *l)
{
	static const char *const kinds[] = {"hardware", "software", "electricity", "labour",
					    "renewal"};
	sg_buf note;
	sg_buf_init(&note);
	switch (l->kind) {
	case SG_COST_HARDWARE:
	case SG_COST_SOFTWARE:
		sg_money_format(&note, l->base);
		sg_buf_printf(&note, " / %d years", l->years);
		break;
	case SG_COST_ELECTRICITY:
		if (l->watt_hours || l->price_per_kwh) {
			/* kWh to three decimals and the price to four, with
			 * the zeros that say nothing dropped. */
			S_count_text(&note, l->watt_hours / 1000);
			if (l->watt_hours % 1000)
				S_trimmed(&note, l->watt_hours % 1000, 3);
			sg_buf_puts(&note, " kWh × ");
			sg_buf_printf(&note, "%lld", (long long)(l->price_per_kwh / 10000));
			S_trimmed(&note, l->price_per_kwh % 10000, 4);
			sg_buf_puts(&note, " a kWh");
		} else {
			sg_buf_puts(&note, "as given");
		}
		break;
	case SG_COST_LABOUR:
		sg_money_format(&note, l->base);
		sg_buf_puts(&note, " × 12 × 2 × ");
		sg_share_format(&note, l->share);
		break;
	case SG_COST_RENEWAL:
		/* The calculator's renewals have neither a kind nor a name. */
		if (l->renewal != SG_RENEWAL_OTHER || l->name)
			sg_buf_puts(&note, sg_renewal_kind_name(l->renewal));
		break;
	}
	if (l->name)
		sg_buf_printf(&note, "  %s", l->name);
	S_money_row(out, kinds[l->kind], l->annual, note.data);
	sg_buf_dispose(&note);
}

static void S_approval_text(sg_buf *b, const sg_cost_approval *a)
{
	const char *id = sg_cost_approval_id(a);
	sg_buf_puts(b, id ? id : "- (no policy)");
}

/* The self-hosted system's cost: a row per line, then the totals. */
static void S_self_hosted(sg_buf *out, const sg_cost_result *r)
{
	sg_buf_printf(out, "Self-hosted cost, %s a year\n", r->currency);
	for (size_t i = 0; i < r->line_count; i++)
		S_line_row(out, &r->lines[i]);
	if (r->line_count)
		sg_buf_puts(out, "\n");
	S_money_row(out, "Hardware", r->hardware, NULL);
	S_money_row(out, "Software", r->software, NULL);
	S_money_row(out, "Electricity", r->electricity, NULL);
	S_money_row(out, "Labour", r->labour, NULL);
	S_money_row(out, "Renewals", r->renewals, NULL);
	S_money_row(out, "Annual", r->annual, NULL);
	S_money_row(out, "Annual without labour", r->annual_without_labour, NULL);
	S_money_row(out, "Five years", r->five_year, NULL);
	S_money_row(out, "Five years without labour", r->five_year_without_labour, NULL);
}

/* The number of users and what each pays, a year or a month. */
static void S_users_row(sg_buf *out, const sg_cost_result *r)
{
	sg_buf users, note;
	sg_buf_init(&users);
	sg_buf_init(&note);
	S_count_text(&users, r->users);
	sg_buf_puts(&note, "x ");
	sg_money_format(&note, r->unit_price);
	sg_buf_puts(&note, r->period == SG_PERIOD_MONTH ? " a month" : " a year");
	S_row(out, "Users", users.data, note.data);
	sg_buf_dispose(&note);
	sg_buf_dispose(&users);
}

/* The VAT in the offer's prices, or added to them. */
static void S_vat_rows(sg_buf *out, const sg_cost_result *r)
{
	sg_buf rate;
	sg_buf_init(&rate);
	sg_buf_puts(&rate, "rate ");
	sg_share_format(&rate, r->vat_rate);
	if (r->prices_include_vat) {
		S_money_row(out, "VAT contained", r->vat, rate.data);
	} else {
		S_money_row(out, "VAT added", r->vat, rate.data);
		S_money_row(out, "Annual price with VAT", r->annual_with_vat, NULL);
	}
	sg_buf_dispose(&rate);
}

/* Who approves the discount, from which tier; then the price line and the
 * offer at it. */
static void S_approval_rows(sg_buf *out, const sg_cost_result *r)
{
	sg_buf t, note;
	sg_buf_init(&t);
	sg_buf_init(&note);
	S_approval_text(&t, &r->approval);
	if (r->approval.tier) {
		sg_buf_puts(&note, "tier from ");
		sg_money_format(&note, r->approval.tier->from);
		sg_buf_puts(&note, r->policy->basis == SG_PERIOD_MONTH ? " a month" : " a year");
	}
	S_row(out, "Approval", t.data, note.data);
	S_money_row(out, "Price line", r->price_line,
		    r->over_price_line ? "the offer is at or over it" : "the offer is under it");
	if (r->has_price_line_offer) {
		sg_buf_clear(&t);
		sg_buf_puts(&t, "discount ");
		sg_share_format(&t, r->price_line_discount);
		sg_buf_puts(&t, ", approval ");
		S_approval_text(&t, &r->price_line_approval);
		S_money_row(out, "Price-line offer", r->price_line_annual, t.data);
	}
	sg_buf_dispose(&note);
	sg_buf_dispose(&t);
}

/* The offer and what it saves against self-hosting. */
static void S_offer(sg_buf *out, const sg_cost_result *r)
{
	sg_buf_puts(out, "\nOffer\n");
	if (!r->has_offer) {
		sg_buf_puts(out, "  (no offer)\n");
		return;
	}
	S_users_row(out, r);
	S_money_row(out, "List price a year", r->list_annual, NULL);
	sg_buf discount;
	sg_buf_init(&discount);
	sg_share_format(&discount, r->discount);
	S_row(out, "Discount (share paid)", discount.data, NULL);
	sg_buf_dispose(&discount);
	S_money_row(out, "Annual price", r->offer_annual, NULL);
	S_money_row(out, "Five-year price", r->offer_five_year, NULL);
	if (r->fee_count) {
		S_money_row(out, "One-time fees", r->one_time, NULL);
		S_money_row(out, "Five years with fees", r->offer_five_year_total, NULL);
	}
	if (r->vat_rate)
		S_vat_rows(out, r);
	S_approval_rows(out, r);

	sg_buf_puts(out, "\nSavings against self-hosting\n");
	S_money_row(out, "Per year", r->savings_annual, NULL);
	S_money_row(out, "Per year without labour", r->savings_annual_without_labour, NULL);
	S_money_row(out, "Five years", r->savings_five_year,
		    r->fee_count ? "one-time fees counted" : NULL);
	S_money_row(out, "Five years without labour", r->savings_five_year_without_labour, NULL);
}

/* The customer's segment, when anything of it is known. */
static void S_segment(sg_buf *out, const sg_segment *s)
{
	if (!s->size_class && s->fit < 0 && s->typical_industry < 0)
		return;
	sg_buf_puts(out, "\nSegment\n");
	char cls[2] = {s->size_class ? s->size_class : '-', 0};
	S_row(out, "Size class", cls, NULL);
	sg_buf fit, traits;
	sg_buf_init(&fit);
	sg_buf_init(&traits);
	if (s->fit >= 0) {
		sg_buf_printf(&fit, "%d of %d", s->fit, SG_TRAIT_COUNT);
		for (int i = 0; i < SG_TRAIT_COUNT; i++)
			if (s->fits[i])
				sg_buf_printf(&traits, "%s%s", traits.len ? ", " : "",
					      sg_trait_name((sg_trait_id)i));
	} else {
		sg_buf_puts(&fit, "-");
	}
	S_row(out, "Traits that fit", fit.data, traits.data);
	sg_buf_dispose(&traits);
	sg_buf_dispose(&fit);
	S_row(out, "Typical industry",
	      s->typical_industry < 0 ? "-" : s->typical_industry ? "yes" : "no", NULL);
}

void sg_cost_table_format(sg_buf *out, const sg_cost_result *r, const sg_customer *cu)
{
	if (cu)
		sg_buf_printf(out, "%s (%s)\n\n", cu->name ? cu->name : cu->id, cu->id);
	S_self_hosted(out, r);
	S_offer(out, r);
	S_segment(out, &r->segment);
}
