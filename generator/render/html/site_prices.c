/*
 * site_prices.c - the price sheet: every product of the catalog with its
 * editions and prices, which edition has which feature, the features told as
 * FFAB (feature, function, advantage, benefit), and the discount-approval
 * table of its policy.
 */
#include <string.h>

#include "document/proposal.h"
#include "render/html/site_int.h"

static const char *S_money(sg_site_ctx *x, const char *lang, sg_fen fen)
{
	return sg_site_money(&x->a, fen, x->c->catalog->currency, lang);
}

static const sg_ffab *S_ffab(const sg_feature *f, const char *lang)
{
	for (size_t i = 0; i < f->ffab_count; i++)
		if (f->ffab[i].lang && strcmp(f->ffab[i].lang, lang) == 0)
			return &f->ffab[i];
	return f->ffab_count ? &f->ffab[0] : NULL;
}

static bool S_has(const sg_edition *e, const char *feature)
{
	for (size_t i = 0; i < e->feature_count; i++)
		if (strcmp(e->features[i], feature) == 0)
			return true;
	return false;
}

static sg_value *S_policy(sg_site_ctx *x, const char *lang, const sg_policy *p)
{
	sg_value *v = sg_value_map(&x->a);
	sg_site_set_str(x, v, "basis", sg_site_str(x, lang, p->basis == SG_PERIOD_MONTH
								    ? "prices.basis_month"
								    : "prices.basis_year"));
	sg_value *roles = sg_map_set(&x->a, v, "roles", sg_value_list(&x->a));
	for (size_t i = 0; i < p->role_count; i++)
		sg_list_push(roles, sg_value_str(&x->a, sg_l10n_get(&p->roles[i].name, lang)
								? sg_l10n_get(&p->roles[i].name, lang)
								: p->roles[i].id));
	sg_value *tiers = sg_map_set(&x->a, v, "tiers", sg_value_list(&x->a));
	for (size_t i = 0; i < p->tier_count; i++) {
		const sg_tier *t = &p->tiers[i];
		sg_value *row = sg_value_map(&x->a);
		const char *from = S_money(x, lang, t->from);
		const char *range;
		if (i + 1 < p->tier_count) {
			const char *pairs[] = {"from", from, "to", S_money(x, lang, p->tiers[i + 1].from)};
			range = sg_site_fill(x, sg_site_str(x, lang, "prices.range"), pairs, 2);
		} else {
			const char *pairs[] = {"from", from};
			range = sg_site_fill(x, sg_site_str(x, lang, "prices.range_open"), pairs, 1);
		}
		sg_site_set_str(x, row, "range", range);
		sg_value *floors = sg_map_set(&x->a, row, "floors", sg_value_list(&x->a));
		for (size_t r = 0; r < p->role_count; r++) {
			sg_ppm f = t->floors[r];
			sg_value *cell = sg_value_map(&x->a);
			/* A floor is a discount: 8.5折 in Chinese, as documents
			 * write discounts; a share of list in English, as the
			 * note above the table says. */
			sg_site_set_str(x, cell, "value",
					f >= SG_PPM_ONE ? sg_site_str(x, lang, "prices.list_only")
					: sg_proposal_lang_zh(lang) ? sg_site_discount(&x->a, f, lang)
								    : sg_site_percent(&x->a, f));
			sg_site_set_bool(x, cell, "list", f >= SG_PPM_ONE);
			sg_list_push(floors, cell);
		}
		sg_list_push(tiers, row);
	}
	sg_site_set_str(x, v, "beyond", sg_l10n_get(&p->beyond, lang));
	return v;
}

/* The product's editions, each with its price per unit and period. */
static sg_value *S_editions(sg_site_ctx *x, const char *lang, const sg_product *p)
{
	sg_value *eds = sg_value_list(&x->a);
	for (size_t i = 0; i < p->edition_count; i++) {
		const sg_edition *e = &p->editions[i];
		sg_value *row = sg_value_map(&x->a);
		sg_site_set_str(x, row, "name", sg_l10n_get(&e->name, lang));
		sg_site_set_str(x, row, "price", S_money(x, lang, e->unit_price));
		char key[96];
		snprintf(key, sizeof key, "unit.%s", e->unit ? e->unit : "user");
		const char *unit = sg_site_str(x, lang, key);
		const char *pairs[] = {"unit", strcmp(unit, key) == 0 ? e->unit : unit, "period",
				       sg_site_str(x, lang, e->period == SG_PERIOD_MONTH ? "period.month"
										 : "period.year")};
		sg_site_set_str(x, row, "per", sg_site_fill(x, sg_site_str(x, lang, "prices.per"), pairs, 2));
		sg_site_set_int(x, row, "fen", e->unit_price);
		sg_list_push(eds, row);
	}
	return eds;
}

static sg_value *S_product(sg_site_ctx *x, const char *lang, const sg_product *p)
{
	sg_value *v = sg_value_map(&x->a);
	sg_site_set_str(x, v, "id", p->id);
	sg_site_set_str(x, v, "name", sg_l10n_get(&p->name, lang));
	sg_site_set_str(x, v, "summary", sg_l10n_get(&p->summary, lang));
	sg_site_set_str(x, v, "vat", sg_site_percent(&x->a, p->vat_rate));
	sg_site_set_bool(x, v, "includes_vat", p->prices_include_vat);

	sg_map_set(&x->a, v, "editions", S_editions(x, lang, p));

	sg_site_set_bool(x, v, "has_features", p->feature_count > 0);
	sg_site_set_str(x, v, "summary", sg_l10n_get(&p->summary, lang));
	if (p->feature_count) {
		/* Which edition has which feature: one row per feature. */
		sg_value *heads = sg_map_set(&x->a, v, "edition_names", sg_value_list(&x->a));
		for (size_t i = 0; i < p->edition_count; i++)
			sg_list_push(heads, sg_value_str(&x->a, sg_l10n_get(&p->editions[i].name, lang)));
		sg_value *matrix = sg_map_set(&x->a, v, "matrix", sg_value_list(&x->a));
		sg_value *feats = sg_map_set(&x->a, v, "features", sg_value_list(&x->a));
		for (size_t f = 0; f < p->feature_count; f++) {
			const sg_feature *ft = &p->features[f];
			sg_value *row = sg_value_map(&x->a);
			sg_site_set_str(x, row, "name", sg_l10n_get(&ft->name, lang));
			sg_value *cells = sg_map_set(&x->a, row, "cells", sg_value_list(&x->a));
			for (size_t i = 0; i < p->edition_count; i++) {
				sg_value *c = sg_value_map(&x->a);
				sg_site_set_bool(x, c, "has", S_has(&p->editions[i], ft->id));
				sg_list_push(cells, c);
			}
			sg_list_push(matrix, row);

			sg_value *fv = sg_value_map(&x->a);
			sg_site_set_str(x, fv, "name", sg_l10n_get(&ft->name, lang));
			const sg_ffab *ff = S_ffab(ft, lang);
			if (ff) {
				sg_site_set_str(x, fv, "feature", ff->feature);
				sg_site_set_str(x, fv, "function", ff->function);
				sg_site_set_str(x, fv, "advantage", ff->advantage);
				sg_site_set_str(x, fv, "benefit", ff->benefit);
			}
			sg_list_push(feats, fv);
		}
	}
	sg_map_set(&x->a, v, "policy",
		   p->policy ? S_policy(x, lang, p->policy) : sg_value_null(&x->a));
	return v;
}

void sg_site_prices(sg_site_ctx *x)
{
	const sg_catalog *cat = x->c->catalog;
	const char *lang = x->lang;
	const char *path = "prices.html";
	sg_value *data = sg_site_base(x, lang, path, "prices", sg_site_str(x, lang, "nav.prices"));
	sg_value *list = sg_map_set(&x->a, data, "products", sg_value_list(&x->a));
	if (cat) {
		sg_site_set_str(x, data, "price_line", S_money(x, lang, cat->price_line));
		for (size_t i = 0; i < cat->product_count; i++)
			sg_list_push(list, S_product(x, lang, &cat->products[i]));
	}
	sg_site_emit(x, "prices", path, data);
}

void sg_site_prices_entry(sg_site_ctx *x, sg_site_entry *entry)
{
	const sg_catalog *cat = x->c->catalog;
	const char *lang = x->lang;
	sg_value *heads = sg_value_list(&x->a);
	sg_buf text;
	sg_buf_init(&text);
	for (size_t i = 0; cat && i < cat->product_count; i++) {
		const sg_product *p = &cat->products[i];
		const char *name = sg_l10n_get(&p->name, lang);
		if (name)
			sg_list_push(heads, sg_value_str(&x->a, name));
		const char *sum = sg_l10n_get(&p->summary, lang);
		if (sum)
			sg_buf_printf(&text, "%s\n", sum);
		for (size_t e = 0; e < p->edition_count; e++)
			if (sg_l10n_get(&p->editions[e].name, lang))
				sg_buf_printf(&text, "%s\n", sg_l10n_get(&p->editions[e].name, lang));
		for (size_t f = 0; f < p->feature_count; f++)
			if (sg_l10n_get(&p->features[f].name, lang))
				sg_buf_printf(&text, "%s\n", sg_l10n_get(&p->features[f].name, lang));
	}
	*entry = (sg_site_entry){
		.url = "prices.html",
		.title = sg_site_str(x, lang, "nav.prices"),
		.kind = sg_site_str(x, lang, "kind.prices"),
		.lang = lang,
		.headings = heads,
		.text = sg_arena_strdup(&x->a, text.data),
	};
	sg_buf_dispose(&text);
}
