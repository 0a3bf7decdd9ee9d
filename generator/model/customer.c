/*
 * customer.c - content/customers/ID.xml to sg_customer.
 *
 * The schema (load/schemas/customer.rng) has already said which elements and
 * attributes exist and checked the closed word lists; this file converts the
 * values it leaves as text (money, shares, dates, counts) and says precisely
 * what is wrong with one that does not convert. A value that is missing is the
 * schema's to report, so the converters stay silent about absent attributes:
 * that keeps one mistake from being reported twice.
 */
#include "model/customer.h"
#include "model/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/num.h"
#include "base/utf8.h"
#include "load/suggest.h"
#include "load/xml.h"
#include "model/site.h"
#include "model/srcmap.h"
#include "model/xmlcheck.h"

typedef struct S_ctx {
	sg_arena *a;
	const char *path; /* in the arena: positions point at it */
	sg_diags *d;
	sg_srcmap map; /* the file's text, for exact positions */
} S_ctx;

/* ---------------------------------------------------------------- values */

/* Where node's start tag begins. */
static sg_pos S_pos(const S_ctx *x, const xmlNode *node)
{
	return sg_srcmap_element(&x->map, node);
}

/* Where attribute attr of node is written; the element when attr is NULL
 * (a value that is the element's text). */
static sg_pos S_apos(const S_ctx *x, const xmlNode *node, const char *attr)
{
	return attr ? sg_srcmap_attr(&x->map, node, attr) : S_pos(x, node);
}

/* An attribute's value; NULL when absent or blank. A blank value has been
 * reported by the blank-value rule (model/xmlcheck.h), so the converters
 * below take it as absent and do not report it again. */
static const char *S_attr(const S_ctx *x, const xmlNode *node, const char *attr)
{
	const char *v = sg_xml_attr(x->a, node, attr);
	return v && !sg_utf8_blank(v) ? v : NULL;
}

/* The attribute's value, or the element's text when attr is NULL; NULL when
 * absent or blank. */
static const char *S_raw(const S_ctx *x, const xmlNode *node, const char *attr)
{
	if (!node)
		return NULL;
	const char *v = attr ? sg_xml_attr(x->a, node, attr) : sg_xml_text(x->a, node);
	return v && !sg_utf8_blank(v) ? v : NULL;
}

/* What a value is called in a message: the attribute name, or the element's. */
static const char *S_label(const xmlNode *node, const char *attr)
{
	return attr ? attr : (const char *)node->name;
}

/* Reports value s of attr (of the element's text when attr is NULL) as
 * refused; why says what is wrong with it ("must not be negative"). */
static void S_refuse(S_ctx *x, const xmlNode *node, const char *attr, const char *s,
		     const char *why)
{
	sg_error(x->d, S_apos(x, node, attr), "%s '%s' %s", S_label(node, attr), s, why);
}

/* Money in fen: a plain decimal with at most two decimals, not negative. */
static void S_money(S_ctx *x, const xmlNode *node, const char *attr, sg_fen *out)
{
	const char *s = S_raw(x, node, attr), *why;
	int64_t v;
	if (!s)
		return;
	if (!sg_parse_fixed(s, 2, false, &v, &why))
		S_refuse(x, node, attr, s, why);
	else
		*out = v;
}

/* A share of 1 in millionths, 0 to 1 inclusive. */
static void S_share(S_ctx *x, const xmlNode *node, const char *attr, sg_ppm *out)
{
	const char *s = S_raw(x, node, attr), *why;
	int64_t v;
	if (!s)
		return;
	if (!sg_parse_fixed(s, 6, true, &v, &why))
		S_refuse(x, node, attr, s, why);
	else if (v < 0 || v > SG_PPM_ONE)
		S_refuse(x, node, attr, s, "must be between 0 and 1");
	else
		*out = v;
}

/* A whole number of at least min. */
static void S_whole(S_ctx *x, const xmlNode *node, const char *attr, int64_t min, int64_t *out)
{
	const char *s = S_raw(x, node, attr), *why;
	int64_t v;
	if (!s)
		return;
	if (!sg_parse_int(s, true, &v, &why))
		S_refuse(x, node, attr, s, why);
	else if (v < 0 && min >= 0)
		S_refuse(x, node, attr, s, "must not be negative");
	else if (v < min)
		sg_error(x->d, S_apos(x, node, attr), "%s '%s' must be at least %lld",
			 S_label(node, attr), s, (long long)min);
	else
		*out = v;
}

/* A whole number that fits an int. */
static void S_small(S_ctx *x, const xmlNode *node, const char *attr, int64_t min, int64_t max,
		    int *out)
{
	int64_t v = INT64_MIN;
	S_whole(x, node, attr, min, &v);
	if (v == INT64_MIN)
		return;
	if (v > max) {
		sg_error(x->d, S_apos(x, node, attr), "%s '%lld' must be at most %lld", S_label(node, attr),
			 (long long)v, (long long)max);
		return;
	}
	*out = (int)v;
}

static void S_date(S_ctx *x, const xmlNode *node, const char *attr, sg_date *out)
{
	const char *s = S_raw(x, node, attr);
	if (!s)
		return;
	if (!sg_date_parse(s, out))
		S_refuse(x, node, attr, s, "is not a date (write YYYY-MM-DD, e.g. 2026-11-20)");
}

static void S_bool(S_ctx *x, const xmlNode *node, const char *attr, bool *out)
{
	const char *s = S_raw(x, node, attr), *why;
	if (s && !sg_parse_bool(s, out, &why))
		S_refuse(x, node, attr, s, why);
}

/* An enumeration: the index of the word in names, else miss. The schema
 * lists the same words, so a miss only happens when validation has already
 * failed and said so; it is not reported twice. */
static int S_enum(const char *s, const char *const *names, int count, int miss)
{
	for (int i = 0; s && i < count; i++)
		if (names[i] && strcmp(s, names[i]) == 0)
			return i;
	return miss;
}

static size_t S_count(const xmlNode *parent, const char *name)
{
	size_t n = 0;
	for (xmlNode *c = parent ? sg_xml_child(parent, name) : NULL; c; c = sg_xml_next(c, name))
		n++;
	return n;
}

#define S_ALLOC(x, n, type) ((type *)sg_arena_alloc((x)->a, ((n) ? (n) : 1) * sizeof(type)))

/* ---------------------------------------------------------------- enum names */

/* An enumeration's names as the XML writes them (table, which S_ENUM reads)
 * and its public name function: a value's entry, NULL for a value out of
 * range (and for 0, "not given", in most). */
#define S_NAMES(function, type, table, ...)                                     \
	static const char *const table[] = __VA_ARGS__;                         \
	const char *function(type v)                                            \
	{                                                                       \
		size_t n = sizeof table / sizeof *table;                        \
		return (int)v >= 0 && (size_t)v < n ? table[v] : NULL;          \
	}
S_NAMES(sg_renewal_kind_name, sg_renewal_kind, S_renewal_names,
	{"hosting", "bandwidth", "licence", "anti-spam", "other"})
S_NAMES(sg_level_name, sg_level, S_level_names, {NULL, "low", "medium", "high"})
S_NAMES(sg_leadership_name, sg_leadership, S_leadership_names,
	{NULL, "progressive", "conservative"})
S_NAMES(sg_external_name, sg_external, S_external_names, {NULL, "larger", "similar", "smaller"})
S_NAMES(sg_strength_name, sg_strength, S_strength_names, {NULL, "weak", "adequate", "strong"})
S_NAMES(sg_budget_name, sg_budget, S_budget_names, {NULL, "none", "some", "ample"})
S_NAMES(sg_org_kind_name, sg_org_kind, S_org_kind_names,
	{NULL, "company", "law-firm", "school", "hospital", "bank", "government", "other"})

#define S_ENUM(s, table, miss) S_enum((s), (table), (int)(sizeof table / sizeof *table), (miss))

/* ---------------------------------------------------------------- sections */

/* The offer's users: a count more than 0, small enough for the totals a
 * document shows. */
static void S_users(S_ctx *x, const xmlNode *e, int64_t *out)
{
	const char *users = S_attr(x, e, "users"), *why;
	int64_t v;
	if (!users)
		return;
	if (!sg_parse_int(users, true, &v, &why))
		S_refuse(x, e, "users", users, why);
	else if (v <= 0)
		S_refuse(x, e, "users", users, "must be more than 0");
	else if (v > SG_COUNT_MAX)
		sg_error(x->d, S_apos(x, e, "users"),
			 "users '%s' is more than %lld, the largest count whose totals a "
			 "document can show",
			 users, (long long)SG_COUNT_MAX);
	else
		*out = v;
}

/* A share in millionths as the shortest decimal: 800000 is "0.8". */
static void S_ppm_put(sg_buf *b, int64_t v)
{
	char frac[8];
	snprintf(frac, sizeof frac, "%06lld", (long long)(v % SG_PPM_ONE));
	size_t n = strlen(frac);
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	sg_buf_printf(b, "%lld%s%s", (long long)(v / SG_PPM_ONE), n ? "." : "", frac);
}

/* How a discount written as a percentage ("80%", "80％") or in 折 ("8折",
 * "8.5折", "85折") is written here, as a hint after why, into b; false when
 * s is neither. A discount is the share of the list price that is paid
 * (docs/content.md), so 8折 is 0.8, and "80%" may mean either 80% of the
 * price (0.8) or 80% off (0.2): both are said. */
static bool S_discount_meant(const char *s, sg_buf *b)
{
	static const char pct_full[] = "\xef\xbc\x85", zhe[] = "\xe6\x8a\x98";
	size_t len = strlen(s), unit = 0;
	bool pct = false;
	if (len > 1 && s[len - 1] == '%')
		unit = 1, pct = true;
	else if (len > 3 && strcmp(s + len - 3, pct_full) == 0)
		unit = 3, pct = true;
	else if (len > 3 && strcmp(s + len - 3, zhe) == 0)
		unit = 3;
	if (!unit)
		return false;
	char num[32];
	if (len - unit >= sizeof num)
		return false;
	memcpy(num, s, len - unit);
	num[len - unit] = '\0';
	int64_t v;
	const char *why;
	if (!sg_parse_fixed(num, 4, false, &v, &why))
		return false;
	if (pct) {
		/* v is the percentage in 1/10000: as a share, v millionths. */
		if (v <= 0 || v > 100 * 10000)
			return false;
		sg_buf_puts(b, ": write ");
		S_ppm_put(b, v);
		sg_buf_printf(b, " for %s%% of the list price (", num);
		S_ppm_put(b, v * 10);
		sg_buf_puts(b, "折)");
		if (v < SG_PPM_ONE) {
			sg_buf_puts(b, ", or ");
			S_ppm_put(b, SG_PPM_ONE - v);
			sg_buf_printf(b, " for %s off", s);
		}
		return true;
	}
	/* 8折 and 8.5折 are tenths paid; 85折 is 8.5折. */
	int64_t ppm;
	if (v > 0 && v < 10 * 10000)
		ppm = v * 10;
	else if (v >= 10 * 10000 && v < 100 * 10000 && v % 10000 == 0)
		ppm = v;
	else
		return false;
	sg_buf_puts(b, ": write ");
	S_ppm_put(b, ppm);
	sg_buf_printf(b, " (%s: ", s);
	S_ppm_put(b, ppm * 100);
	sg_buf_puts(b, "% of the list price is paid)");
	return true;
}

/* The offer's discount: the share of list price paid, more than 0 and at
 * most 1. */
static void S_discount(S_ctx *x, const xmlNode *e, sg_ppm *out)
{
	const char *discount = S_attr(x, e, "discount"), *why;
	int64_t v;
	if (!discount)
		return;
	if (!sg_parse_fixed(discount, 6, true, &v, &why)) {
		sg_buf meant;
		sg_buf_init(&meant);
		/* "8折" is not a number because of its 折, whatever the parser's
		 * first complaint. */
		if (S_discount_meant(discount, &meant))
			why = "is not a number";
		sg_error(x->d, S_apos(x, e, "discount"), "discount '%s' %s%s", discount, why,
			 meant.data);
		sg_buf_dispose(&meant);
	} else if (v <= 0 || v > SG_PPM_ONE) {
		/* A whole number from 2 to 100 is most likely a percentage with
		 * its % left out: say both readings, as for "85%". */
		sg_buf meant;
		sg_buf_init(&meant);
		if (v % SG_PPM_ONE == 0 && v >= 2 * SG_PPM_ONE && v <= 100 * SG_PPM_ONE) {
			char pct[16];
			snprintf(pct, sizeof pct, "%lld%%", (long long)(v / SG_PPM_ONE));
			S_discount_meant(pct, &meant);
		}
		sg_error(x->d, S_apos(x, e, "discount"),
			 "discount '%s' must be more than 0 and at most 1 (the share of list price "
			 "paid: 0.85 is 15%% off)%s",
			 discount, meant.data);
		sg_buf_dispose(&meant);
	} else {
		*out = v;
	}
}

/* The offer's date and the days it is valid. The day it ends is computed
 * here, where a day past 9999-12-31 can be blamed on the attributes that
 * make it, rather than printed as nothing. */
static void S_validity(S_ctx *x, const xmlNode *e, sg_offer *o)
{
	S_date(x, e, "date", &o->date);
	S_small(x, e, "valid-days", 1, 3660, &o->valid_days);
	if (sg_date_is_set(o->date) && o->valid_days > 0 &&
	    !sg_date_add_days_checked(o->date, o->valid_days, &o->valid_until)) {
		char iso[11];
		sg_date_iso(o->date, iso);
		sg_error(x->d, S_apos(x, e, "valid-days"),
			 "valid-days '%d' from the offer's date %s runs past 9999-12-31, the last "
			 "date a document can show",
			 o->valid_days, iso);
	}
}

static void S_purchases(S_ctx *x, const xmlNode *parent, const char *name, sg_purchase **out,
			size_t *count)
{
	size_t n = S_count(parent, name);
	sg_purchase *list = S_ALLOC(x, n, sg_purchase);
	size_t i = 0;
	for (xmlNode *e = parent ? sg_xml_child(parent, name) : NULL; e; e = sg_xml_next(e, name)) {
		sg_purchase *p = &list[i++];
		p->name = S_attr(x, e, "name");
		p->years = 5;
		p->pos = S_pos(x, e);
		S_money(x, e, "amount", &p->amount);
		S_small(x, e, "years", 1, 100, &p->years);
		S_date(x, e, "bought", &p->bought);
	}
	*out = list;
	*count = n;
}

static void S_electricity(S_ctx *x, const xmlNode *e, sg_electricity *out)
{
	if (!e)
		return;
	out->given = true;
	out->pos = S_pos(x, e);
	if (xmlHasProp(e, (const xmlChar *)"annual")) {
		out->as_annual = true;
		S_money(x, e, "annual", &out->annual);
		return;
	}
	S_whole(x, e, "watts", 0, &out->watts);
	const char *s = S_attr(x, e, "price-per-kwh"), *why;
	int64_t v;
	if (s && !sg_parse_fixed(s, 4, false, &v, &why))
		sg_error(x->d, S_apos(x, e, "price-per-kwh"), "price-per-kwh '%s' %s", s, why);
	else if (s)
		out->price_per_kwh = v;
}

static void S_self_hosted(S_ctx *x, const xmlNode *sh, sg_customer *c)
{
	S_purchases(x, sh, "hardware", &c->hardware, &c->hardware_count);
	S_purchases(x, sh, "software", &c->software, &c->software_count);
	S_electricity(x, sh ? sg_xml_child(sh, "electricity") : NULL, &c->electricity);

	c->staff_count = S_count(sh, "staff");
	c->staff = S_ALLOC(x, c->staff_count, sg_staff);
	size_t i = 0;
	for (xmlNode *e = sh ? sg_xml_child(sh, "staff") : NULL; e; e = sg_xml_next(e, "staff")) {
		sg_staff *s = &c->staff[i++];
		s->role = S_attr(x, e, "role");
		s->share = SG_PPM_ONE;
		s->pos = S_pos(x, e);
		S_money(x, e, "monthly-salary", &s->monthly_salary);
		S_share(x, e, "share", &s->share);
	}

	c->renewal_count = S_count(sh, "renewal");
	c->renewals = S_ALLOC(x, c->renewal_count, sg_renewal);
	i = 0;
	for (xmlNode *e = sh ? sg_xml_child(sh, "renewal") : NULL; e; e = sg_xml_next(e, "renewal")) {
		sg_renewal *r = &c->renewals[i++];
		r->kind = (sg_renewal_kind)S_ENUM(S_attr(x, e, "kind"), S_renewal_names,
						  SG_RENEWAL_OTHER);
		r->name = S_attr(x, e, "name");
		r->pos = S_pos(x, e);
		S_money(x, e, "amount", &r->amount);
		S_date(x, e, "due", &r->due);
	}
}

static int S_trait(S_ctx *x, const xmlNode *traits, const char *name, const char *const *names,
		   int count)
{
	xmlNode *e = sg_xml_child(traits, name);
	return e ? S_enum(sg_xml_text(x->a, e), names, count, 0) : 0;
}

#define S_TRAIT(x, t, name, table) S_trait((x), (t), (name), (table), \
					   (int)(sizeof table / sizeof *table))

static void S_traits(S_ctx *x, const xmlNode *t, sg_traits *out)
{
	if (!t)
		return;
	out->given = true;
	out->pos = S_pos(x, t);
	out->security_sensitivity = S_TRAIT(x, t, "security-sensitivity", S_level_names);
	out->leadership = S_TRAIT(x, t, "leadership", S_leadership_names);
	out->connectivity_needs = S_TRAIT(x, t, "connectivity-needs", S_level_names);
	out->external_mail = S_TRAIT(x, t, "external-mail", S_external_names);
	out->it_staff = S_TRAIT(x, t, "it-staff", S_strength_names);
	out->collaboration_needs = S_TRAIT(x, t, "collaboration-needs", S_level_names);
	out->budget = S_TRAIT(x, t, "budget", S_budget_names);
}

static void S_lifecycle(S_ctx *x, const xmlNode *e, sg_customer *c)
{
	if (!e)
		return;
	c->lifecycle = sg_xml_text(x->a, e);
	c->relationship = S_attr(x, e, "relationship");
	if (c->relationship && strcmp(c->lifecycle, "relationship") != 0)
		sg_error(x->d, S_pos(x, e),
			 "relationship phase '%s' is given but the lifecycle is '%s' (only a customer "
			 "in the relationship stage has a phase)",
			 c->relationship, c->lifecycle);
}

static void S_project(S_ctx *x, const xmlNode *e, sg_customer *c)
{
	if (!e)
		return;
	c->stage_id = S_attr(x, e, "stage");
	c->stage_pos = S_apos(x, e, "stage");
	c->done_count = S_count(e, "done");
	c->done = S_ALLOC(x, c->done_count, const char *);
	c->done_pos = S_ALLOC(x, c->done_count, sg_pos);
	size_t i = 0;
	for (xmlNode *d = sg_xml_child(e, "done"); d; d = sg_xml_next(d, "done"), i++) {
		const char *item = S_attr(x, d, "item");
		c->done[i] = item ? item : "";
		c->done_pos[i] = S_apos(x, d, "item");
	}
}

static void S_contacts(S_ctx *x, const xmlNode *chain, sg_customer *c)
{
	c->contact_count = S_count(chain, "contact");
	c->contacts = S_ALLOC(x, c->contact_count, sg_contact);
	size_t i = 0;
	for (xmlNode *e = chain ? sg_xml_child(chain, "contact") : NULL; e;
	     e = sg_xml_next(e, "contact")) {
		sg_contact *p = &c->contacts[i++];
		p->name = S_attr(x, e, "name");
		p->title = S_attr(x, e, "title");
		p->role = S_attr(x, e, "role");
		p->attitude = S_attr(x, e, "attitude");
		p->phone = S_attr(x, e, "phone");
		p->email = S_attr(x, e, "email");
		p->pos = S_pos(x, e);
		S_bool(x, e, "coach", &p->coach);
	}
}

static void S_events(S_ctx *x, const xmlNode *events, sg_customer *c)
{
	c->event_count = S_count(events, "event");
	c->events = S_ALLOC(x, c->event_count, sg_event);
	size_t i = 0;
	for (xmlNode *e = events ? sg_xml_child(events, "event") : NULL; e;
	     e = sg_xml_next(e, "event")) {
		sg_event *ev = &c->events[i++];
		ev->kind = S_attr(x, e, "kind");
		ev->text = sg_xml_text(x->a, e);
		ev->pos = S_pos(x, e);
		S_date(x, e, "date", &ev->date);
	}
}

static const char **S_items(S_ctx *x, const xmlNode *list, size_t *count)
{
	*count = S_count(list, "item");
	const char **out = S_ALLOC(x, *count, const char *);
	size_t i = 0;
	for (xmlNode *e = list ? sg_xml_child(list, "item") : NULL; e; e = sg_xml_next(e, "item"))
		out[i++] = sg_xml_text(x->a, e);
	return out;
}

static void S_actions(S_ctx *x, const xmlNode *list, sg_customer *c)
{
	c->action_count = S_count(list, "action");
	c->actions = S_ALLOC(x, c->action_count, sg_action);
	size_t i = 0;
	for (xmlNode *e = list ? sg_xml_child(list, "action") : NULL; e;
	     e = sg_xml_next(e, "action")) {
		sg_action *ac = &c->actions[i++];
		ac->task = sg_xml_text(x->a, e);
		ac->owner = S_attr(x, e, "owner");
		ac->checkpoint = S_attr(x, e, "checkpoint");
		ac->pos = S_pos(x, e);
		S_date(x, e, "date", &ac->date);
	}
}

static void S_offer(S_ctx *x, const xmlNode *e, sg_offer *o)
{
	o->discount = SG_PPM_ONE;
	if (!e)
		return;
	o->given = true;
	o->pos = S_pos(x, e);
	o->product_id = S_attr(x, e, "product");
	o->edition_id = S_attr(x, e, "edition");
	o->number = S_attr(x, e, "number");
	o->template_name = S_attr(x, e, "template");
	o->product_pos = S_apos(x, e, "product");
	o->edition_pos = S_apos(x, e, "edition");
	o->number_pos = o->number ? S_apos(x, e, "number") : o->pos;
	o->template_pos = o->template_name ? S_apos(x, e, "template") : o->pos;
	S_users(x, e, &o->users);
	S_discount(x, e, &o->discount);
	S_validity(x, e, o);
	S_bool(x, e, "budget-sensitive", &o->budget_sensitive);

	o->fee_count = S_count(e, "fee");
	o->fees = S_ALLOC(x, o->fee_count, sg_fee);
	size_t i = 0;
	for (xmlNode *f = sg_xml_child(e, "fee"); f; f = sg_xml_next(f, "fee")) {
		sg_fee *fee = &o->fees[i++];
		fee->name = S_attr(x, f, "name");
		fee->pos = S_pos(x, f);
		S_money(x, f, "amount", &fee->amount);
	}
	o->approval_count = S_count(e, "approval");
	o->approvals = S_ALLOC(x, o->approval_count, sg_approval);
	i = 0;
	for (xmlNode *f = sg_xml_child(e, "approval"); f; f = sg_xml_next(f, "approval")) {
		sg_approval *ap = &o->approvals[i++];
		ap->role = S_attr(x, f, "role");
		ap->name = S_attr(x, f, "name");
		ap->pos = S_pos(x, f);
		S_date(x, f, "date", &ap->date);
	}
}

/* A file name made of letters, digits, '.', '-' and '_' (proposal numbers
 * are often upper case), not starting with a dot, at most 100 bytes. */
static bool S_plain_name(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= 100 && s[0] != '.' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* Sent proposals: the number, the date, a well-formed SHA-256 and a file
 * under sent/ (whether the file is there and matches is checked once the
 * content folder is known, in content.c). */
static void S_sent(S_ctx *x, const xmlNode *root, sg_customer *c)
{
	c->sent_count = S_count(root, "sent");
	c->sent = S_ALLOC(x, c->sent_count, sg_sent);
	size_t i = 0;
	for (xmlNode *e = sg_xml_child(root, "sent"); e; e = sg_xml_next(e, "sent")) {
		sg_sent *s = &c->sent[i++];
		s->pos = S_pos(x, e);
		s->number = S_attr(x, e, "number");
		S_date(x, e, "date", &s->date);
		const char *sha = S_attr(x, e, "sha256");
		if (sha) {
			char *low = sg_arena_strdup(x->a, sha);
			size_t n = 0;
			for (char *p = low; *p; p++, n++)
				if (*p >= 'A' && *p <= 'F')
					*p = (char)(*p - 'A' + 'a');
			if (n != 64 || strspn(low, "0123456789abcdef") != 64)
				sg_error(x->d, S_apos(x, e, "sha256"),
					 "sha256 '%s' is not a SHA-256 (64 hexadecimal digits, as "
					 "sha256sum prints it)",
					 sha);
			else
				s->sha256 = low;
		}
		const char *file = S_attr(x, e, "file");
		s->file_pos = file ? S_apos(x, e, "file") : s->pos;
		if (file) {
			const char *name = strncmp(file, "sent/", 5) == 0 ? file + 5 : NULL;
			if (!name || !S_plain_name(name) || strlen(name) < 5 ||
			    strcmp(name + strlen(name) - 4, ".pdf") != 0)
				sg_error(x->d, s->file_pos,
					 "sent file '%s' must be a PDF directly in the sent/ folder "
					 "(sent/NAME.pdf)",
					 file);
			else
				s->file = file;
		} else if (s->number) {
			if (!S_plain_name(s->number))
				sg_error(x->d, S_apos(x, e, "number"),
					 "proposal number '%s' cannot name a file (letters, digits, "
					 "'.', '-' and '_' only): give the file with "
					 "file=\"sent/NAME.pdf\"",
					 s->number);
			else
				s->file = sg_arena_printf(x->a, "sent/%s.pdf", s->number);
		}
		for (size_t k = 0; k + 1 < i; k++)
			if (s->number && c->sent[k].number &&
			    strcmp(s->number, c->sent[k].number) == 0)
				sg_error(x->d, S_apos(x, e, "number"),
					 "proposal %s is recorded as sent twice (also at line %d)",
					 s->number, c->sent[k].pos.line);
	}
}

/* Notes are Markdown in a CDATA section: drop the blank lines around it, and
 * move the position to the line where the text starts so that a later
 * Markdown message can point into the file. */
static void S_notes(S_ctx *x, const xmlNode *e, sg_customer *c)
{
	if (!e)
		return;
	const char *raw = sg_xml_text_raw(x->a, e);
	c->notes_pos = S_pos(x, e);
	if (sg_utf8_blank(raw))
		return; /* empty notes are allowed, and are no notes */
	const char *start = raw, *p = raw;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p != '\n')
			break;
		start = ++p;
		c->notes_pos.line++;
	}
	size_t n = strlen(start);
	while (n && (start[n - 1] == ' ' || start[n - 1] == '\t' || start[n - 1] == '\n' ||
		     start[n - 1] == '\r'))
		n--;
	c->notes = sg_arena_strndup(x->a, start, n);
}

/* ---------------------------------------------------------------- the file */

/* as-of is the day a customer's documents are dated by (unless a build date
 * is given) and the day relative dates count from. A proposal without it
 * would carry no date and count nothing, so a customer with an offer must
 * give it; one without an offer gets a warning, as its review is undated.
 * A value that is there but not a date has been reported already. */
static void S_as_of(S_ctx *x, const xmlNode *root, sg_customer *c)
{
	if (sg_date_is_set(c->as_of) || S_raw(x, root, "as-of"))
		return;
	if (c->offer.given)
		sg_error(x->d, c->pos,
			 "a customer with an offer needs as-of, the day its figures describe "
			 "(as-of=\"2026-11-20\"): its proposal is dated by it and counts the days "
			 "to renewals and to the end of the offer from it");
	else
		sg_warning(x->d, c->pos,
			   "no as-of, the day the file's figures describe (as-of=\"2026-11-20\"): "
			   "the customer's review is undated unless the build has a date "
			   "(SOURCE_DATE_EPOCH)");
}

static void S_identity(S_ctx *x, const xmlNode *root, sg_customer *c)
{
	sg_pos pos = S_apos(x, root, "id");
	c->id = S_attr(x, root, "id");
	if (!c->id)
		return;
	const char *why;
	if (!sg_id_is_safe(c->id, &why)) {
		sg_error(x->d, pos, "customer id '%s' is not a safe file name: it %s", c->id, why);
		return;
	}
	char *stem = sg_path_stem(x->path);
	if (strcmp(stem, c->id) != 0)
		sg_error(x->d, pos,
			 "customer id '%s' does not match the file name: a customer's id is its "
			 "file name without .xml ('%s' here)",
			 c->id, stem);
	free(stem);
}

/* A count: a whole number from 0 to SG_COUNT_MAX. */
static void S_count_of(S_ctx *x, const xmlNode *node, const char *attr, int64_t *out)
{
	int64_t v = -1;
	S_whole(x, node, attr, 0, &v);
	if (v > SG_COUNT_MAX)
		sg_error(x->d, S_apos(x, node, attr),
			 "%s '%lld' is more than %lld, the largest count whose totals a document "
			 "can show",
			 S_label(node, attr), (long long)v, (long long)SG_COUNT_MAX);
	else if (v >= 0)
		*out = v;
}

static void S_counts(S_ctx *x, const xmlNode *root, sg_customer *c)
{
	xmlNode *e;
	if ((e = sg_xml_child(root, "employees")))
		S_count_of(x, e, NULL, &c->employees);
	if ((e = sg_xml_child(root, "mailboxes")))
		S_count_of(x, e, NULL, &c->mailboxes);
	if ((e = sg_xml_child(root, "branches")))
		S_count_of(x, e, NULL, &c->branches);
}

static void S_current(S_ctx *x, const xmlNode *e, sg_customer *c)
{
	if (!e)
		return;
	c->current.given = true;
	c->current.pos = S_pos(x, e);
	c->current.product = S_attr(x, e, "product");
	c->current.version = S_attr(x, e, "version");
	S_small(x, e, "year-built", 1900, 9999, &c->current.year_built);
	S_bool(x, e, "licensed", &c->current.licensed);
}

/* <concerns>: ids separated by white space, each of the closed list; an
 * unknown one is an error naming it, and is left out. */
static void S_concerns(S_ctx *x, const xmlNode *e, sg_customer *c)
{
	if (!e)
		return;
	c->concerns_pos = S_pos(x, e);
	const char *text = sg_xml_text(x->a, e);
	size_t n = 0;
	for (const char *p = text; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		n++;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
	}
	c->concerns = S_ALLOC(x, n, const char *);
	for (const char *p = text; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		const char *id = sg_arena_strndup(x->a, start, (size_t)(p - start));
		if (!sg_concern_known(id)) {
			const char *near = sg_concern_near(id);
			sg_error(x->d, c->concerns_pos, "unknown concern '%s' (one of: %s)%s%s%s", id,
				 sg_concern_list(), near ? "; did you mean '" : "", near ? near : "",
				 near ? "'?" : "");
			continue;
		}
		bool twice = false;
		for (size_t i = 0; i < c->concern_count && !twice; i++)
			twice = strcmp(c->concerns[i], id) == 0;
		if (!twice)
			c->concerns[c->concern_count++] = id;
	}
}

static const char *S_text_of(S_ctx *x, const xmlNode *root, const char *name)
{
	xmlNode *e = sg_xml_child(root, name);
	return e ? sg_xml_text(x->a, e) : NULL;
}

/* Where <name> and <short-name> are written: a cover names them when a
 * title made from them is too long (render/pdf/pdf_pages.c). */
static void S_name_pos(const S_ctx *x, const xmlNode *root, sg_customer *c)
{
	xmlNode *e = sg_xml_child(root, "name");
	if (e)
		c->name_pos = S_pos(x, e);
	e = sg_xml_child(root, "short-name");
	if (e)
		c->short_name_pos = S_pos(x, e);
}

sg_customer *sg_customer_read(sg_arena *a, const char *path, const char *default_lang,
			      sg_diags *d, bool *clean)
{
	return sg_customer_read_in(a, NULL, path, default_lang, d, clean);
}

sg_customer *sg_customer_read_in(sg_arena *a, const char *folder, const char *path,
				 const char *default_lang, sg_diags *d, bool *clean)
{
	size_t errors_before = sg_diags_count(d, SG_ERROR);
	if (clean)
		*clean = false;
	xmlDocPtr doc = sg_xml_read_in(folder, path, SG_CUSTOMER_CAP, d);
	if (!doc)
		return NULL;
	S_ctx x = {a, sg_arena_strdup(a, path), d, {0}};
	sg_srcmap_init(&x.map, folder, x.path, SG_CUSTOMER_CAP);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "customer") != 0) {
		sg_error(d, root ? S_pos(&x, root) : sg_pos_make(x.path, 0, 0),
			 "expected a <customer> element at the top of a customer file");
		xmlFreeDoc(doc);
		sg_srcmap_dispose(&x.map);
		return NULL;
	}
	/* Validation failing does not stop the walk: the values the schema does not
	 * look at may hold more mistakes, and one run should show them all. */
	sg_xmlcheck_validate(doc, "customer.rng", folder, x.path, SG_CUSTOMER_CAP, d);

	sg_customer *c = sg_arena_alloc(a, sizeof *c);
	c->path = x.path;
	c->pos = S_pos(&x, root);
	S_identity(&x, root, c);
	const char *lang = S_attr(&x, root, "lang");
	c->lang = lang ? lang : default_lang ? sg_arena_strdup(a, default_lang) : "zh-CN";
	S_date(&x, root, "as-of", &c->as_of);

	c->name = S_text_of(&x, root, "name");
	c->short_name = S_text_of(&x, root, "short-name");
	c->industry = S_text_of(&x, root, "industry");
	c->kind = (sg_org_kind)S_ENUM(S_attr(&x, root, "kind"), S_org_kind_names, SG_ORG_UNKNOWN);
	c->address = S_text_of(&x, root, "address");
	S_counts(&x, root, c);
	xmlNode *owner = sg_xml_child(root, "owner");
	if (owner) {
		c->owner_id = S_attr(&x, owner, "rep");
		c->owner_pos = S_apos(&x, owner, "rep");
	}
	S_current(&x, sg_xml_child(root, "current-system"), c);
	S_concerns(&x, sg_xml_child(root, "concerns"), c);
	S_self_hosted(&x, sg_xml_child(root, "self-hosted"), c);
	S_traits(&x, sg_xml_child(root, "traits"), &c->traits);
	S_lifecycle(&x, sg_xml_child(root, "lifecycle"), c);
	S_project(&x, sg_xml_child(root, "project"), c);
	S_contacts(&x, sg_xml_child(root, "decision-chain"), c);
	S_events(&x, sg_xml_child(root, "events"), c);
	c->strengths = S_items(&x, sg_xml_child(root, "strengths"), &c->strength_count);
	c->weaknesses = S_items(&x, sg_xml_child(root, "weaknesses"), &c->weakness_count);
	S_actions(&x, sg_xml_child(root, "next-actions"), c);
	S_offer(&x, sg_xml_child(root, "offer"), &c->offer);
	S_as_of(&x, root, c);
	S_sent(&x, root, c);
	S_notes(&x, sg_xml_child(root, "notes"), c);
	S_name_pos(&x, root, c);

	xmlFreeDoc(doc);
	sg_srcmap_dispose(&x.map);
	if (clean)
		*clean = sg_diags_count(d, SG_ERROR) == errors_before;
	return c;
}

sg_customer *sg_customer_load(sg_arena *a, const char *path, const char *default_lang,
			      sg_diags *d)
{
	bool clean;
	sg_customer *c = sg_customer_read(a, path, default_lang, d, &clean);
	return clean ? c : NULL;
}

/* ---------------------------------------------------------------- references */

/* "a, b, c": the ids a message offers as the ones that exist. */
static const char *S_known(sg_arena *a, size_t count, const char *(*get)(const void *, size_t),
			   const void *list)
{
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < count; i++)
		sg_buf_printf(&b, "%s%s", i ? ", " : "", get(list, i));
	const char *s = sg_arena_strdup(a, count ? b.data : "none");
	sg_buf_dispose(&b);
	return s;
}

/* "; did you mean 'x'?" when an entry of list is a near miss for word
 * (load/suggest.h), else "". */
static const char *S_near(sg_arena *a, const char *word, size_t count,
			  const char *(*get)(const void *, size_t), const void *list)
{
	const char **names = sg_arena_alloc(a, (count ? count : 1) * sizeof *names);
	for (size_t i = 0; i < count; i++)
		names[i] = get(list, i);
	const char *near = sg_suggest_best(word, names, count);
	if (!near)
		return "";
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_printf(&b, "; did you mean '%s'?", near);
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

static const char *S_rep_id(const void *l, size_t i)
{
	return ((const sg_rep *)l)[i].id;
}
static const char *S_stage_id(const void *l, size_t i)
{
	return ((const sg_stage *)l)[i].id;
}
static const char *S_product_id(const void *l, size_t i)
{
	return ((const sg_product *)l)[i].id;
}
static const char *S_edition_id(const void *l, size_t i)
{
	return ((const sg_edition *)l)[i].id;
}
static const char *S_role_id(const void *l, size_t i)
{
	return ((const sg_role *)l)[i].id;
}

/* The index of the stage that lists checklist item id, or -1. */
static long S_item_stage(const sg_site *site, const char *id)
{
	for (size_t s = 0; s < site->stage_count; s++)
		for (size_t i = 0; i < site->stages[s].item_count; i++)
			if (site->stages[s].items[i].id && strcmp(site->stages[s].items[i].id, id) == 0)
				return (long)s;
	return -1;
}

static void S_resolve_site(sg_customer *c, const sg_site *site, sg_arena *a, sg_diags *d)
{
	if (c->owner_id) {
		c->owner = sg_site_rep(site, c->owner_id);
		if (!c->owner)
			sg_error(d, c->owner_pos, "unknown rep '%s' (site.xml has: %s)%s", c->owner_id,
				 S_known(a, site->rep_count, S_rep_id, site->reps),
				 S_near(a, c->owner_id, site->rep_count, S_rep_id, site->reps));
	}
	long current = -1;
	if (c->stage_id) {
		c->stage = sg_site_stage(site, c->stage_id);
		if (c->stage)
			current = (long)(c->stage - site->stages);
		if (!c->stage)
			sg_error(d, c->stage_pos, "unknown stage '%s' (site.xml has: %s)%s", c->stage_id,
				 S_known(a, site->stage_count, S_stage_id, site->stages),
				 S_near(a, c->stage_id, site->stage_count, S_stage_id, site->stages));
	}
	for (size_t i = 0; i < c->done_count; i++) {
		long s = S_item_stage(site, c->done[i]);
		if (s < 0) {
			size_t n = 0;
			for (size_t t = 0; t < site->stage_count; t++)
				n += site->stages[t].item_count;
			const char **ids = sg_arena_alloc(a, (n ? n : 1) * sizeof *ids);
			n = 0;
			for (size_t t = 0; t < site->stage_count; t++)
				for (size_t k = 0; k < site->stages[t].item_count; k++)
					if (site->stages[t].items[k].id)
						ids[n++] = site->stages[t].items[k].id;
			const char *near = sg_suggest_best(c->done[i], ids, n);
			sg_error(d, c->done_pos[i],
				 "unknown checklist item '%s' (no stage of site.xml lists it)%s%s%s",
				 c->done[i], near ? "; did you mean '" : "", near ? near : "",
				 near ? "'?" : "");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->done[j], c->done[i]) == 0)
				sg_warning(d, c->done_pos[i], "checklist item '%s' is marked done twice",
					   c->done[i]);
		if (current >= 0 && s > current)
			sg_warning(d, c->done_pos[i],
				   "checklist item '%s' belongs to stage '%s', which comes after the "
				   "project's stage '%s'",
				   c->done[i], site->stages[s].id, c->stage_id);
	}
	const sg_offer *o = &c->offer;
	if (o->given && o->number &&
	    !sg_site_number_matches(site, o->number, o->date.year)) {
		if (o->date.year)
			sg_error(d, o->number_pos,
				 "proposal number '%s' does not match the pattern '%s' of site.xml "
				 "(YYYY is the offer's year, %d; N is a digit)",
				 o->number, site->number_pattern, o->date.year);
		else
			sg_error(d, o->number_pos,
				 "proposal number '%s' does not match the pattern '%s' of site.xml "
				 "(YYYY is a year, N is a digit)",
				 o->number, site->number_pattern);
	}
}

static void S_resolve_catalog(sg_customer *c, const sg_catalog *cat, sg_arena *a, sg_diags *d)
{
	sg_offer *o = &c->offer;
	if (!o->given || !o->product_id)
		return;
	o->product = sg_catalog_product(cat, o->product_id);
	if (!o->product) {
		sg_error(d, o->product_pos,
			 "unknown product '%s' in the offer (the catalog has: %s)%s", o->product_id,
			 S_known(a, cat->product_count, S_product_id, cat->products),
			 S_near(a, o->product_id, cat->product_count, S_product_id, cat->products));
		return;
	}
	const sg_product *p = o->product;
	if (o->edition_id) {
		o->edition = sg_product_edition(p, o->edition_id);
		if (!o->edition)
			sg_error(d, o->edition_pos,
				 "unknown edition '%s' of product '%s' (it has: %s)%s", o->edition_id,
				 p->id, S_known(a, p->edition_count, S_edition_id, p->editions),
				 S_near(a, o->edition_id, p->edition_count, S_edition_id, p->editions));
	}
	for (size_t i = 0; i < o->approval_count; i++) {
		const sg_approval *ap = &o->approvals[i];
		if (!ap->role)
			continue;
		if (!p->policy) {
			sg_error(d, ap->pos,
				 "approval by role '%s', but product '%s' has no approval policy",
				 ap->role, p->id);
			continue;
		}
		bool found = false;
		for (size_t r = 0; r < p->policy->role_count && !found; r++)
			found = p->policy->roles[r].id && strcmp(p->policy->roles[r].id, ap->role) == 0;
		if (!found)
			sg_error(d, ap->pos,
				 "approval role '%s' is not a role of policy '%s' of product '%s' "
				 "(roles: %s)%s",
				 ap->role, p->policy->id, p->id,
				 S_known(a, p->policy->role_count, S_role_id, p->policy->roles),
				 S_near(a, ap->role, p->policy->role_count, S_role_id,
					p->policy->roles));
	}
}

size_t sg_customer_resolve(sg_customer *c, const sg_site *site, const sg_catalog *catalog,
			   sg_diags *d)
{
	size_t before = sg_diags_count(d, SG_ERROR);
	/* The lists of known ids in messages need a scratch arena. */
	sg_arena scratch;
	sg_arena_init(&scratch);
	if (site)
		S_resolve_site(c, site, &scratch, d);
	if (catalog)
		S_resolve_catalog(c, catalog, &scratch, d);
	sg_arena_dispose(&scratch);
	return sg_diags_count(d, SG_ERROR) - before;
}
