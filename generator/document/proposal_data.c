/*
 * proposal_data.c - the data a proposal template sees, and the formatted
 * values beside the raw ones.
 *
 * The firewall: sg_proposal_data() builds the full tree, passes it through
 * sg_view_public(), and from then on reads only the filtered tree. The
 * formatting below takes its numbers from the tree it is given, never from
 * the typed model, so it cannot bring back what the whitelist dropped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cost/evaluation.h"
#include "model/view.h"
#include "document/proposal.h"

typedef struct S_fmt {
	sg_arena *a;
	const char *lang;
	sg_date today;
	sg_buf b;
} S_fmt;

/* ---------------------------------------------------------------- reading */

/* A money value (yuan with any number of decimals, or a whole number) as fen. */
static bool S_fen(const sg_value *v, sg_fen *out)
{
	if (!v)
		return false;
	if (v->kind == SG_VAL_INT)
		return !__builtin_mul_overflow(v->u.i, 100, out);
	if (v->kind != SG_VAL_DEC)
		return false;
	int64_t u = v->u.dec.units;
	int s = v->u.dec.scale;
	for (; s < 2; s++)
		if (__builtin_mul_overflow(u, 10, &u))
			return false;
	for (; s > 2; s--)
		u /= 10;
	*out = u;
	return true;
}

/* A share (decimal) as ppm. */
static bool S_ppm(const sg_value *v, sg_ppm *out)
{
	if (!v)
		return false;
	if (v->kind == SG_VAL_INT)
		return !__builtin_mul_overflow(v->u.i, SG_PPM_ONE, out);
	if (v->kind != SG_VAL_DEC)
		return false;
	int64_t u = v->u.dec.units;
	int s = v->u.dec.scale;
	for (; s < 6; s++)
		if (__builtin_mul_overflow(u, 10, &u))
			return false;
	for (; s > 6; s--)
		u /= 10;
	*out = u;
	return true;
}

static const char *S_str(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	return v && v->kind == SG_VAL_STR ? v->u.str.s : NULL;
}

static sg_date S_date(const sg_value *root, const char *path)
{
	sg_date d = {0, 0, 0};
	const char *s = S_str(root, path);
	if (s)
		sg_date_parse(s, &d);
	return d;
}

/* ---------------------------------------------------------------- writing */

static const char *S_done(S_fmt *f)
{
	char *s = sg_arena_strndup(f->a, f->b.data, f->b.len);
	sg_buf_clear(&f->b);
	return s;
}

static void S_set_str(S_fmt *f, sg_value *m, const char *key, const char *s)
{
	sg_map_set(f->a, m, key, s ? sg_value_str_borrow(f->a, s) : sg_value_null(f->a));
}

static void S_set_bool(S_fmt *f, sg_value *m, const char *key, bool b)
{
	sg_map_set(f->a, m, key, sg_value_bool(f->a, b));
}

/* key: the amount as the document shows it; key_number, key_wan,
 * key_capitals: other forms; key_plain: the plain number (yuan). */
static void S_money(S_fmt *f, sg_value *m, const char *key, sg_fen fen)
{
	char k[96];
	sg_fmt_money(&f->b, fen, f->lang);
	S_set_str(f, m, key, S_done(f));
	snprintf(k, sizeof k, "%s_number", key);
	sg_fmt_number(&f->b, fen);
	S_set_str(f, m, k, S_done(f));
	snprintf(k, sizeof k, "%s_wan", key);
	sg_fmt_wan(&f->b, fen);
	S_set_str(f, m, k, S_done(f));
	snprintf(k, sizeof k, "%s_capitals", key);
	sg_fmt_capitals(&f->b, fen);
	S_set_str(f, m, k, S_done(f));
	snprintf(k, sizeof k, "%s_plain", key);
	sg_map_set(f->a, m, k, sg_value_dec(f->a, fen, 2));
}

/* a x mul + add as key of m, through checked arithmetic. The cost engine
 * keeps every figure far below the 64-bit limit (SG_COST_MAX_AMOUNT), so
 * this does not fail; if it ever did, the key is left out, and a template
 * that asks for it gets an error instead of a wrapped-around figure. */
static void S_money_scaled(S_fmt *f, sg_value *m, const char *key, sg_fen a, int64_t mul,
			   sg_fen add)
{
	sg_fen v;
	if (__builtin_mul_overflow(a, mul, &v) || __builtin_add_overflow(v, add, &v))
		return;
	S_money(f, m, key, v);
}

/* The money at path of root, if it is there, as key of m. */
static bool S_money_from(S_fmt *f, sg_value *m, const char *key, const sg_value *root,
			 const char *path, sg_fen *out)
{
	sg_fen fen;
	if (!S_fen(sg_value_path(root, path), &fen))
		return false;
	S_money(f, m, key, fen);
	if (out)
		*out = fen;
	return true;
}

/* key: the date in the document's language, key_iso, and key_in_days and
 * key_in (days from today, "40天后") when relative. */
static void S_dates(S_fmt *f, sg_value *m, const char *key, sg_date d, bool relative)
{
	char k[96], iso[11];
	if (!sg_date_is_set(d)) {
		S_set_str(f, m, key, NULL);
		return;
	}
	sg_fmt_date(&f->b, d, f->lang);
	S_set_str(f, m, key, S_done(f));
	snprintf(k, sizeof k, "%s_iso", key);
	sg_date_iso(d, iso);
	sg_map_set(f->a, m, k, sg_value_str(f->a, iso));
	if (!relative || !sg_date_is_set(f->today))
		return;
	int64_t days = sg_date_to_days(d) - sg_date_to_days(f->today);
	snprintf(k, sizeof k, "%s_in_days", key);
	sg_map_set(f->a, m, k, sg_value_int(f->a, days));
	snprintf(k, sizeof k, "%s_in", key);
	sg_fmt_days(&f->b, days, f->lang);
	S_set_str(f, m, k, S_done(f));
}

/* A discount given as the share paid: key "8.5折" (zh) or "15% off" (en),
 * key_percent "15%", key_zhe "8.5折", key_share the plain share. */
static void S_discount(S_fmt *f, sg_value *m, const char *key, sg_ppm paid)
{
	char k[96];
	if (sg_proposal_lang_zh(f->lang)) {
		sg_fmt_zhe(&f->b, paid);
	} else {
		sg_fmt_percent_off(&f->b, paid);
		sg_buf_puts(&f->b, " off");
	}
	S_set_str(f, m, key, S_done(f));
	snprintf(k, sizeof k, "%s_percent", key);
	sg_fmt_percent_off(&f->b, paid);
	S_set_str(f, m, k, S_done(f));
	snprintf(k, sizeof k, "%s_zhe", key);
	sg_fmt_zhe(&f->b, paid);
	S_set_str(f, m, k, S_done(f));
	snprintf(k, sizeof k, "%s_share", key);
	sg_map_set(f->a, m, k, sg_value_dec(f->a, paid, 6));
}

/* The label of "prefix.id" in the document's language: see
 * sg_proposal_label_of(). (Looking up a key built in a local buffer
 * returned that buffer for an id without a label.) */
static const char *S_label(S_fmt *f, const char *prefix, const char *id)
{
	return sg_proposal_label_of(prefix, id, f->lang);
}

static void S_grouped(S_fmt *f, int64_t n)
{
	sg_fmt_count(&f->b, n);
}

/* ---------------------------------------------------------------- namespaces */

static void S_offer(S_fmt *f, sg_value *root)
{
	sg_value *o = sg_map_set(f->a, root, "offer", sg_value_map(f->a));
	const sg_value *given = sg_value_path(root, "cost.offer.given");
	bool has = given && given->kind == SG_VAL_BOOL && given->u.b;
	S_set_bool(f, o, "given", has);
	if (!has)
		return;
	S_set_str(f, o, "product", S_str(root, "customer.offer.product.name"));
	S_set_str(f, o, "product_summary", S_str(root, "customer.offer.product.summary"));
	S_set_str(f, o, "edition", S_str(root, "customer.offer.edition.name"));
	S_set_str(f, o, "unit", S_label(f, "unit", S_str(root, "customer.offer.edition.unit")));
	S_set_str(f, o, "unit_id", S_str(root, "customer.offer.edition.unit"));
	const sg_value *users = sg_value_path(root, "cost.offer.users");
	if (users && users->kind == SG_VAL_INT) {
		sg_map_set(f->a, o, "users", sg_value_int(f->a, users->u.i));
		S_grouped(f, users->u.i);
		S_set_str(f, o, "users_text", S_done(f));
	}
	sg_fen unit_price;
	const char *period = S_label(f, "period", S_str(root, "cost.offer.period"));
	S_set_str(f, o, "period", period);
	if (S_money_from(f, o, "unit_price", root, "cost.offer.unit_price", &unit_price)) {
		/* "¥120 / 用户 / 年", "CNY 120 per user per year" */
		sg_buf t;
		sg_buf_init(&t);
		sg_fmt_money(&t, unit_price, f->lang);
		sg_buf_printf(&f->b, sg_proposal_label("unit_price", f->lang), t.data,
			      S_label(f, "per", S_str(root, "customer.offer.edition.unit")), period);
		sg_buf_dispose(&t);
		S_set_str(f, o, "unit_price_text", S_done(f));
	}
	sg_fen list = 0, annual = 0;
	S_money_from(f, o, "list_annual", root, "cost.offer.list_annual", &list);
	S_money_from(f, o, "annual", root, "cost.offer.annual", &annual);
	S_money_from(f, o, "five_year", root, "cost.offer.five_year", NULL);
	S_money_from(f, o, "one_time_total", root, "cost.offer.one_time_total", NULL);
	S_money_from(f, o, "five_year_total", root, "cost.offer.five_year_total", NULL);
	S_money_from(f, o, "annual_with_vat", root, "cost.offer.annual_with_vat", NULL);
	sg_fen vat;
	if (S_money_from(f, o, "vat", root, "cost.offer.vat_contained", &vat))
		S_set_bool(f, o, "vat_included", true);
	else if (S_money_from(f, o, "vat", root, "cost.offer.vat_added", &vat))
		S_set_bool(f, o, "vat_included", false);
	sg_ppm share;
	if (S_ppm(sg_value_path(root, "cost.offer.vat_rate"), &share)) {
		sg_fmt_percent(&f->b, share);
		S_set_str(f, o, "vat_rate", S_done(f));
	}
	if (S_ppm(sg_value_path(root, "cost.offer.discount"), &share)) {
		S_discount(f, o, "discount", share);
		S_set_bool(f, o, "has_discount", share < SG_PPM_ONE);
		S_money_scaled(f, o, "discount_saved", list - annual, 1, 0);
		S_money_scaled(f, o, "discount_saved_five_year", list - annual, SG_COST_YEARS, 0);
	}
	sg_value *fees = sg_map_set(f->a, o, "fees", sg_value_list(f->a));
	const sg_value *src = sg_value_path(root, "cost.offer.one_time");
	for (const sg_value *it = src && src->kind == SG_VAL_LIST ? src->u.items.first : NULL; it;
	     it = it->next) {
		sg_value *fe = sg_value_map(f->a);
		S_set_str(f, fe, "name", S_str(it, "name"));
		S_money_from(f, fe, "amount", it, "amount", NULL);
		sg_list_push(fees, fe);
	}
	S_set_bool(f, o, "has_fees", fees->u.items.count > 0);
	S_set_str(f, o, "number", S_str(root, "customer.offer.number"));
	S_dates(f, o, "date", S_date(root, "customer.offer.date"), false);
	S_dates(f, o, "valid_until", S_date(root, "customer.offer.valid_until"), true);
	const sg_value *vd = sg_value_path(root, "customer.offer.valid_days");
	if (vd)
		sg_map_set(f->a, o, "valid_days", sg_value_int(f->a, vd->kind == SG_VAL_INT ? vd->u.i : 0));
	const sg_value *over = sg_value_path(root, "cost.offer.over_price_line");
	S_set_bool(f, o, "over_price_line", over && over->kind == SG_VAL_BOOL && over->u.b);
}

static void S_price_line(S_fmt *f, sg_value *root)
{
	sg_fen pl, annual, once = 0;
	if (!S_fen(sg_value_path(root, "cost.offer.price_line_annual"), &pl) ||
	    !S_fen(sg_value_path(root, "cost.offer.annual"), &annual)) {
		sg_map_set(f->a, root, "price_line", sg_value_null(f->a));
		return;
	}
	S_fen(sg_value_path(root, "cost.offer.one_time_total"), &once);
	sg_fen list = 0;
	S_fen(sg_value_path(root, "cost.offer.list_annual"), &list);
	sg_value *m = sg_map_set(f->a, root, "price_line", sg_value_map(f->a));
	S_money_from(f, m, "line", root, "cost.offer.price_line", NULL);
	S_money(f, m, "annual", pl);
	S_money_scaled(f, m, "five_year", pl, SG_COST_YEARS, 0);
	S_money_scaled(f, m, "five_year_total", pl, SG_COST_YEARS, once);
	S_money_scaled(f, m, "saved", annual - pl, 1, 0);
	S_money_scaled(f, m, "discount_saved", list - pl, 1, 0);
	sg_ppm share;
	if (S_ppm(sg_value_path(root, "cost.offer.price_line_discount"), &share))
		S_discount(f, m, "discount", share);
}

static void S_self_hosted(S_fmt *f, sg_value *root)
{
	sg_value *m = sg_map_set(f->a, root, "self_hosted", sg_value_map(f->a));
	static const char *const keys[] = {"hardware", "software", "electricity", "labour",
					   "renewals", "annual", "annual_without_labour",
					   "five_year", "five_year_without_labour"};
	char path[96];
	sg_fen annual = 0, labour = 0;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		snprintf(path, sizeof path, "cost.self_hosted.%s", keys[i]);
		sg_fen v = 0;
		S_money_from(f, m, keys[i], root, path, &v);
		if (strcmp(keys[i], "annual") == 0)
			annual = v;
		else if (strcmp(keys[i], "labour") == 0)
			labour = v;
	}
	/* labour x 1,000,000 passes 64 bits from 9.2 billion yuan of labour
	 * (it printed -92.2%): the share is taken in 128 bits. */
	sg_ppm labour_share = 0;
	if (annual > 0 && labour >= 0 && labour <= annual)
		labour_share = (sg_ppm)((__int128)labour * SG_PPM_ONE / annual);
	sg_fmt_percent(&f->b, labour_share);
	S_set_str(f, m, "labour_share", S_done(f));
	S_set_bool(f, m, "has_labour", labour > 0);

	sg_value *lines = sg_map_set(f->a, m, "lines", sg_value_list(f->a));
	const sg_value *src = sg_value_path(root, "cost.self_hosted.lines");
	for (const sg_value *it = src && src->kind == SG_VAL_LIST ? src->u.items.first : NULL; it;
	     it = it->next) {
		const char *kind = S_str(it, "kind");
		sg_value *l = sg_value_map(f->a);
		S_set_str(f, l, "kind", kind);
		S_set_str(f, l, "label", S_label(f, "kind", kind));
		const char *name = S_str(it, "name");
		if (!name && kind && strcmp(kind, "renewal") == 0)
			name = S_label(f, "renewal", S_str(it, "renewal"));
		S_set_str(f, l, "name", name ? name : S_label(f, "kind", kind));
		S_set_bool(f, l, "labour", kind && strcmp(kind, "labour") == 0);
		sg_fen v = 0, base;
		S_money_from(f, l, "annual", it, "annual", &v);
		S_money_scaled(f, l, "five_year", v, SG_COST_YEARS, 0);
		/* How the line was computed, so the customer can check it. */
		const sg_value *years = sg_value_path(it, "years");
		sg_ppm share;
		if (S_fen(sg_value_path(it, "amount"), &base) && years && years->kind == SG_VAL_INT) {
			sg_buf t;
			sg_buf_init(&t);
			sg_fmt_money(&t, base, f->lang);
			sg_buf_printf(&f->b, sg_proposal_label("basis.depreciation", f->lang), t.data,
				      (int)years->u.i);
			sg_buf_dispose(&t);
		} else if (S_fen(sg_value_path(it, "monthly_salary"), &base) &&
			   S_ppm(sg_value_path(it, "share"), &share)) {
			sg_buf t, p;
			sg_buf_init(&t);
			sg_buf_init(&p);
			sg_fmt_money(&t, base, f->lang);
			sg_fmt_percent(&p, share);
			sg_buf_printf(&f->b, sg_proposal_label("basis.salary", f->lang), t.data, p.data);
			sg_buf_dispose(&t);
			sg_buf_dispose(&p);
		} else if (S_fen(sg_value_path(it, "kwh"), &base)) {
			sg_buf k, p;
			sg_buf_init(&k);
			sg_buf_init(&p);
			sg_fmt_number(&k, base);
			sg_value_to_text(sg_value_path(it, "price_per_kwh"), &p);
			sg_buf_printf(&f->b, sg_proposal_label("basis.kwh", f->lang), k.data, p.data);
			sg_buf_dispose(&k);
			sg_buf_dispose(&p);
		} else if (kind && strcmp(kind, "renewal") == 0) {
			sg_buf_puts(&f->b, sg_proposal_label("basis.renewal", f->lang));
		} else {
			sg_buf_puts(&f->b, sg_proposal_label("basis.given", f->lang));
		}
		S_set_str(f, l, "basis", S_done(f));
		sg_list_push(lines, l);
	}
}

static void S_savings(S_fmt *f, sg_value *root)
{
	sg_value *m = sg_map_set(f->a, root, "savings", sg_value_map(f->a));
	static const struct {
		const char *key, *base;
	} k[] = {
		{"annual", "annual"},
		{"annual_without_labour", "annual_without_labour"},
		{"five_year", "five_year"},
		{"five_year_without_labour", "five_year_without_labour"},
	};
	bool any = false;
	for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
		char path[96], key[96];
		sg_fen v, base;
		snprintf(path, sizeof path, "cost.savings.%s", k[i].key);
		if (!S_money_from(f, m, k[i].key, root, path, &v))
			continue;
		any = true;
		snprintf(key, sizeof key, "%s_positive", k[i].key);
		S_set_bool(f, m, key, v > 0);
		/* The size of the difference without its sign, so that a template
		 * can say "costs X more" instead of printing a negative saving. */
		snprintf(key, sizeof key, "%s_abs", k[i].key);
		S_money(f, m, key, v < 0 ? -v : v);
		snprintf(path, sizeof path, "cost.self_hosted.%s", k[i].base);
		/* In 128 bits: a saving of billions times SG_PPM_ONE overflows. */
		__int128 share = 0;
		if (S_fen(sg_value_path(root, path), &base) && base > 0 &&
		    (share = (__int128)v * SG_PPM_ONE / base) >= INT64_MIN && share <= INT64_MAX) {
			snprintf(key, sizeof key, "%s_percent", k[i].key);
			sg_fmt_percent(&f->b, (sg_ppm)share);
			S_set_str(f, m, key, S_done(f));
		}
	}
	S_set_bool(f, m, "given", any);
}

static sg_value *S_renewal(S_fmt *f, const sg_value *it, sg_date *due)
{
	sg_value *r = sg_value_map(f->a);
	const char *kind = S_str(it, "kind");
	S_set_str(f, r, "name", S_str(it, "name") ? S_str(it, "name") : S_label(f, "renewal", kind));
	S_set_str(f, r, "kind", kind);
	S_set_str(f, r, "kind_label", S_label(f, "renewal", kind));
	S_money_from(f, r, "amount", it, "amount", NULL);
	*due = S_date(it, "due");
	S_dates(f, r, "due", *due, true);
	bool ahead = sg_date_is_set(*due) && sg_date_is_set(f->today) &&
		     sg_date_cmp(*due, f->today) >= 0;
	S_set_bool(f, r, "ahead", ahead);
	return r;
}

/* Renewals with their due dates counted from today; next_renewal is the
 * first one still ahead. */
static void S_renewals(S_fmt *f, sg_value *root)
{
	sg_value *list = sg_map_set(f->a, root, "renewals", sg_value_list(f->a));
	const sg_value *src = sg_value_path(root, "customer.renewals");
	const sg_value *next = NULL;
	sg_date next_due = {0, 0, 0}, due;
	for (const sg_value *it = src && src->kind == SG_VAL_LIST ? src->u.items.first : NULL; it;
	     it = it->next) {
		sg_list_push(list, S_renewal(f, it, &due));
		bool ahead = sg_date_is_set(due) && sg_date_is_set(f->today) &&
			     sg_date_cmp(due, f->today) >= 0;
		if (ahead && (!next || sg_date_cmp(due, next_due) < 0)) {
			next = it;
			next_due = due;
		}
	}
	/* A value sits in one place only: the next renewal is a copy. */
	sg_map_set(f->a, root, "next_renewal", next ? S_renewal(f, next, &due) : sg_value_null(f->a));
}

/* The FFAB of the offered edition's features, from the catalog. */
static void S_features(S_fmt *f, sg_value *root, const sg_content *c)
{
	sg_value *list = sg_map_set(f->a, root, "features", sg_value_list(f->a));
	const char *pid = S_str(root, "customer.offer.product.id");
	const char *eid = S_str(root, "customer.offer.edition.id");
	const sg_product *p = c && c->catalog && pid ? sg_catalog_product(c->catalog, pid) : NULL;
	const sg_edition *e = p && eid ? sg_product_edition(p, eid) : NULL;
	for (size_t i = 0; e && i < e->feature_count; i++) {
		const sg_feature *ft = sg_product_feature(p, e->features[i]);
		if (!ft)
			continue;
		const sg_ffab *ff = NULL;
		for (size_t k = 0; k < ft->ffab_count && !ff; k++)
			if (ft->ffab[k].lang && f->lang && strcmp(ft->ffab[k].lang, f->lang) == 0)
				ff = &ft->ffab[k];
		if (!ff && ft->ffab_count)
			ff = &ft->ffab[0];
		sg_value *m = sg_value_map(f->a);
		S_set_str(f, m, "id", ft->id);
		S_set_str(f, m, "name", sg_l10n_get(&ft->name, f->lang));
		S_set_str(f, m, "feature", ff ? ff->feature : NULL);
		S_set_str(f, m, "function", ff ? ff->function : NULL);
		S_set_str(f, m, "advantage", ff ? ff->advantage : NULL);
		S_set_str(f, m, "benefit", ff ? ff->benefit : NULL);
		sg_list_push(list, m);
	}
	S_set_bool(f, root, "has_features", list->u.items.count > 0);
}

typedef struct S_case {
	const sg_doc *doc;
	int score;        /* 0 same industry, 1 similar size, 2 neither: lower first */
	int64_t distance; /* how far its size is from the customer's: nearer first */
	bool similar;     /* half to twice the customer's size */
} S_case;

static int S_case_cmp(const void *x, const void *y)
{
	const S_case *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
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

/* Case studies for customers, in the document's language only: a case the
 * reader cannot read is no evidence, and a proposal in one language must not
 * switch to another halfway. Those of the customer's industry come first,
 * then those of a similar size (half to twice its users), each group nearest
 * in size first. When no case of the language matches either way, every case
 * of the language is offered instead, nearest in size first, and
 * cases_matched is false so that the template can introduce them as other
 * customers rather than customers like this one. */
static void S_cases(S_fmt *f, sg_value *root, const sg_content *c)
{
	sg_value *list = sg_map_set(f->a, root, "cases", sg_value_list(f->a));
	const char *industry = S_str(root, "customer.industry");
	int64_t users = 0;
	const sg_value *u = sg_value_path(root, "customer.mailboxes");
	if (u && u->kind == SG_VAL_INT)
		users = u->u.i;
	u = sg_value_path(root, "cost.offer.users");
	if (users <= 0 && u && u->kind == SG_VAL_INT)
		users = u->u.i;
	S_case *found = sg_arena_alloc(f->a, (c ? c->doc_count : 0) * sizeof *found + 1);
	size_t n = 0;
	bool matched = false;
	for (size_t i = 0; c && i < c->doc_count; i++) {
		const sg_doc *d = c->docs[i];
		if (d->kind != SG_DOC_CASE || d->audience != SG_AUDIENCE_CUSTOMER)
			continue;
		if (!d->lang || !f->lang || strcmp(d->lang, f->lang) != 0)
			continue;
		const sg_value *ind = sg_map_get(d->front, "industry");
		const sg_value *cu = sg_map_get(d->front, "users");
		bool same = industry && ind && ind->kind == SG_VAL_STR &&
			    strcmp(ind->u.str.s, industry) == 0;
		int64_t cu_users = cu && cu->kind == SG_VAL_INT ? cu->u.i : 0;
		int64_t dist = S_size_distance(users, cu_users);
		bool similar = S_size_similar(users, cu_users);
		found[n].doc = d;
		found[n].score = same ? 0 : similar ? 1 : 2;
		found[n].distance = dist;
		found[n].similar = similar;
		matched |= same || similar;
		n++;
	}
	/* Keep only the matches when there are any. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!matched || found[i].score < 2)
			found[kept++] = found[i];
	n = kept;
	qsort(found, n, sizeof *found, S_case_cmp);
	S_set_bool(f, root, "has_cases", n > 0);
	S_set_bool(f, root, "cases_matched", matched);
	static const char *const match[] = {"industry", "size", "other"};
	for (size_t i = 0; i < n; i++) {
		const sg_doc *d = found[i].doc;
		sg_value *m = sg_value_map(f->a);
		S_set_str(f, m, "id", d->slug);
		S_set_str(f, m, "title", d->title);
		S_set_str(f, m, "summary", d->summary);
		static const char *const keys[] = {"previous_system", "cycle", "price"};
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			const sg_value *v = sg_map_get(d->front, keys[k]);
			S_set_str(f, m, keys[k], v && v->kind == SG_VAL_STR ? v->u.str.s : NULL);
		}
		const sg_value *cu = sg_map_get(d->front, "users");
		if (cu && cu->kind == SG_VAL_INT) {
			sg_map_set(f->a, m, "users", sg_value_int(f->a, cu->u.i));
			S_grouped(f, cu->u.i);
			S_set_str(f, m, "users_text", S_done(f));
		}
		S_set_bool(f, m, "same_industry", found[i].score == 0);
		S_set_bool(f, m, "similar_size", found[i].similar);
		S_set_str(f, m, "match", match[found[i].score]);
		sg_list_push(list, m);
	}
}

static void S_document(S_fmt *f, sg_value *root)
{
	sg_value *m = sg_map_get(root, "document");
	if (!m || m->kind != SG_VAL_MAP)
		m = sg_map_set(f->a, root, "document", sg_value_map(f->a));
	S_set_str(f, m, "lang", f->lang);
	S_dates(f, m, "date", f->today, false);
}

void sg_proposal_format(sg_arena *a, sg_value *root, const sg_content *c, const char *lang,
			sg_date today)
{
	S_fmt f = {a, lang, today, {0}};
	sg_buf_init(&f.b);
	S_document(&f, root);
	S_offer(&f, root);
	S_price_line(&f, root);
	S_self_hosted(&f, root);
	S_savings(&f, root);
	S_renewals(&f, root);
	S_features(&f, root, c);
	S_cases(&f, root, c);
	sg_buf_dispose(&f.b);
}

/* ---------------------------------------------------------------- the data */

sg_value *sg_proposal_data(sg_arena *a, const sg_content *c, const sg_customer *cu,
			   const char *lang, sg_date today, sg_diags *d)
{
	const sg_eval *ev = sg_eval_of(cu);
	if (!ev->ok) {
		sg_eval_report(ev, d);
		return NULL;
	}
	sg_value *full = sg_value_map(a);
	sg_map_set(a, full, "customer", sg_view_customer(a, cu, lang));
	sg_value *cost = sg_map_set(a, full, "cost", sg_cost_view(a, &ev->cost));
	if (!ev->price_line_offered) {
		/* Not offered to this customer: not in its data at all. */
		sg_value *o = sg_map_get(cost, "offer");
		sg_map_set(a, o, "price_line_annual", sg_value_null(a));
		sg_map_set(a, o, "price_line_discount", sg_value_null(a));
	}
	sg_map_set(a, full, "vendor", sg_view_vendor(a, c->site, lang));
	sg_value *doc = sg_map_set(a, full, "document", sg_value_map(a));
	sg_map_set(a, doc, "kind", sg_value_str(a, "proposal"));

	/* The firewall: everything below reads only the filtered tree. */
	sg_value *pub = sg_view_public(a, full);
	sg_proposal_format(a, pub, c, lang, today);
	return pub;
}
