/*
 * view.c - the model as value trees for templates, and the customer whitelist.
 */
#include "model/view.h"

#include <string.h>

#include "base/buf.h"
#include "model/customer.h"

/* ---------------------------------------------------------------- whitelist */

/* Every path a customer may ever see. Anything not listed here is internal:
 * the decision chain and attitudes, approvals and roles, trait verdicts,
 * strengths and weaknesses, next actions, events, lifecycle and stage, the
 * budget-sensitive flag, licence status, internal notes. Keep this list short
 * and explicit; docs/content.md mirrors it. */
static const char *const S_public[] = {
	/* who the customer is */
	"customer.id",
	"customer.name",
	"customer.short_name",
	"customer.lang",
	"customer.industry",
	"customer.employees",
	"customer.mailboxes",
	"customer.branches",
	"customer.address",
	"customer.as_of",
	"customer.owner.*",
	"customer.current.product",
	"customer.current.version",
	"customer.current.year_built",
	/* the cost inputs: the customer must be able to check the numbers */
	"customer.hardware.*",
	"customer.software.*",
	"customer.electricity.*",
	"customer.staff.*",
	"customer.renewals.*",
	/* the offer, without approvals or the budget-sensitive flag */
	"customer.offer.given",
	"customer.offer.product.*",
	"customer.offer.edition.*",
	"customer.offer.users",
	"customer.offer.discount",
	"customer.offer.date",
	"customer.offer.valid_days",
	"customer.offer.valid_until",
	"customer.offer.number",
	"customer.offer.fees.*",
	/* the cost model's results, minus approvals and the segment */
	"cost.currency",
	"cost.self_hosted.*",
	"cost.offer.users",
	"cost.offer.unit_price",
	"cost.offer.period",
	"cost.offer.list_annual",
	"cost.offer.discount",
	"cost.offer.annual",
	"cost.offer.five_year",
	"cost.offer.given",
	"cost.offer.rounding_step",
	"cost.offer.one_time.*",
	"cost.offer.one_time_total",
	"cost.offer.five_year_total",
	"cost.offer.vat_rate",
	"cost.offer.prices_include_vat",
	"cost.offer.vat_contained",
	"cost.offer.vat_added",
	"cost.offer.annual_with_vat",
	"cost.offer.price_line",
	"cost.offer.over_price_line",
	"cost.offer.price_line_annual",
	"cost.offer.price_line_discount",
	"cost.savings.*",
	/* who we are */
	"vendor.*",
	"document.*",
};

bool sg_view_path_is_public(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof S_public / sizeof *S_public; i++) {
		const char *p = S_public[i];
		size_t pn = strlen(p);
		if (pn >= 2 && p[pn - 1] == '*' && p[pn - 2] == '.') {
			/* "a.b.*" admits "a.b" and everything below it */
			size_t stem = pn - 2;
			if (n >= stem && strncmp(path, p, stem) == 0 &&
			    (path[stem] == '\0' || path[stem] == '.'))
				return true;
		} else if (n == pn && memcmp(path, p, n) == 0) {
			return true;
		}
	}
	return false;
}

/* True when some whitelisted path lies below prefix, so a map at prefix must
 * be kept (with only its public children). */
static bool S_prefix_of_public(const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < sizeof S_public / sizeof *S_public; i++)
		if (strncmp(S_public[i], prefix, n) == 0 && S_public[i][n] == '.')
			return true;
	return false;
}

static sg_value *S_copy(sg_arena *a, const sg_value *v, sg_buf *path);

/* path holds the dotted path of v ("customer.hardware"); it grows and
 * shrinks back as the walk goes down and up, whatever the depth. */
static sg_value *S_copy_children(sg_arena *a, const sg_value *v, sg_buf *path)
{
	if (v->kind == SG_VAL_LIST) {
		/* List items are transparent: they share the list's path. */
		sg_value *out = sg_value_list(a);
		for (const sg_value *c = v->u.items.first; c; c = c->next) {
			sg_value *cc = S_copy(a, c, path);
			if (cc)
				sg_list_push(out, cc);
		}
		return out;
	}
	sg_value *out = sg_value_map(a);
	size_t len = path->len;
	for (const sg_value *c = v->u.items.first; c; c = c->next) {
		if (len)
			sg_buf_putc(path, '.');
		sg_buf_puts(path, c->key);
		sg_value *cc = S_copy(a, c, path);
		sg_buf_truncate(path, len);
		if (cc)
			sg_map_set(a, out, c->key, cc);
	}
	return out;
}

static sg_value *S_copy_all(sg_arena *a, const sg_value *v)
{
	sg_value *out;
	switch (v->kind) {
	case SG_VAL_LIST:
	case SG_VAL_MAP:
		out = v->kind == SG_VAL_LIST ? sg_value_list(a) : sg_value_map(a);
		for (const sg_value *c = v->u.items.first; c; c = c->next) {
			sg_value *cc = S_copy_all(a, c);
			if (v->kind == SG_VAL_LIST)
				sg_list_push(out, cc);
			else
				sg_map_set(a, out, c->key, cc);
		}
		break;
	default:
		out = sg_arena_alloc(a, sizeof *out);
		*out = *v;
		out->key = NULL;
		out->next = NULL;
		break;
	}
	out->markup = v->markup;
	return out;
}

static sg_value *S_copy(sg_arena *a, const sg_value *v, sg_buf *path)
{
	if (path->len && sg_view_path_is_public(path->data))
		return S_copy_all(a, v);
	bool container = v->kind == SG_VAL_MAP || v->kind == SG_VAL_LIST;
	if (!container || (path->len && !S_prefix_of_public(path->data)))
		return NULL;
	return S_copy_children(a, v, path);
}

sg_value *sg_view_public(sg_arena *a, const sg_value *root)
{
	if (!root || root->kind != SG_VAL_MAP)
		return sg_value_map(a);
	sg_buf path;
	sg_buf_init(&path);
	sg_value *out = S_copy_children(a, root, &path);
	sg_buf_dispose(&path);
	return out;
}

/* ---------------------------------------------------------------- builders */

static void S_str(sg_arena *a, sg_value *m, const char *key, const char *s)
{
	sg_map_set(a, m, key, s ? sg_value_str_borrow(a, s) : sg_value_null(a));
}

static void S_int(sg_arena *a, sg_value *m, const char *key, int64_t i)
{
	sg_map_set(a, m, key, sg_value_int(a, i));
}

static void S_count(sg_arena *a, sg_value *m, const char *key, int64_t n)
{
	sg_map_set(a, m, key, n > 0 ? sg_value_int(a, n) : sg_value_null(a));
}

static void S_fen(sg_arena *a, sg_value *m, const char *key, sg_fen f)
{
	sg_map_set(a, m, key, sg_value_dec(a, f, 2));
}

static void S_bool(sg_arena *a, sg_value *m, const char *key, bool b)
{
	sg_map_set(a, m, key, sg_value_bool(a, b));
}

static void S_date(sg_arena *a, sg_value *m, const char *key, sg_date d)
{
	if (!sg_date_is_set(d)) {
		sg_map_set(a, m, key, sg_value_null(a));
		return;
	}
	char iso[11];
	sg_date_iso(d, iso);
	sg_map_set(a, m, key, sg_value_str(a, iso));
}

static void S_l10n(sg_arena *a, sg_value *m, const char *key, const sg_l10n *t, const char *lang)
{
	S_str(a, m, key, sg_l10n_get(t, lang));
}

static sg_value *S_strings(sg_arena *a, const char *const *items, size_t n)
{
	sg_value *l = sg_value_list(a);
	for (size_t i = 0; i < n; i++)
		sg_list_push(l, sg_value_str_borrow(a, items[i]));
	return l;
}

static sg_value *S_purchases(sg_arena *a, const sg_purchase *p, size_t n)
{
	sg_value *l = sg_value_list(a);
	for (size_t i = 0; i < n; i++) {
		sg_value *m = sg_value_map(a);
		S_str(a, m, "name", p[i].name);
		S_fen(a, m, "amount", p[i].amount);
		S_int(a, m, "years", p[i].years);
		S_date(a, m, "bought", p[i].bought);
		sg_list_push(l, m);
	}
	return l;
}

static sg_value *S_rep(sg_arena *a, const sg_rep *r, bool en)
{
	if (!r)
		return sg_value_null(a);
	sg_value *m = sg_value_map(a);
	S_str(a, m, "id", r->id);
	S_str(a, m, "name", en && r->name_en ? r->name_en : r->name);
	S_str(a, m, "title", en && r->title_en ? r->title_en : r->title);
	S_str(a, m, "phone", r->phone);
	S_str(a, m, "email", r->email);
	return m;
}

static bool S_done(const sg_customer *c, const char *item)
{
	for (size_t i = 0; i < c->done_count; i++)
		if (strcmp(c->done[i], item) == 0)
			return true;
	return false;
}

static sg_value *S_stage(sg_arena *a, const sg_customer *c, const char *lang)
{
	if (!c->stage)
		return sg_value_null(a);
	const sg_stage *st = c->stage;
	sg_value *m = sg_value_map(a);
	S_str(a, m, "id", st->id);
	S_l10n(a, m, "name", &st->name, lang);
	S_l10n(a, m, "milestone", &st->milestone, lang);
	sg_value *items = sg_map_set(a, m, "items", sg_value_list(a));
	size_t done = 0;
	for (size_t i = 0; i < st->item_count; i++) {
		sg_value *it = sg_value_map(a);
		bool d = S_done(c, st->items[i].id);
		done += d;
		S_str(a, it, "id", st->items[i].id);
		S_l10n(a, it, "name", &st->items[i].name, lang);
		S_bool(a, it, "done", d);
		sg_list_push(items, it);
	}
	S_int(a, m, "done_count", (int64_t)done);
	S_int(a, m, "item_count", (int64_t)st->item_count);
	return m;
}

static sg_value *S_offer(sg_arena *a, const sg_offer *o, const char *lang)
{
	sg_value *m = sg_value_map(a);
	S_bool(a, m, "given", o->given);
	if (!o->given)
		return m;
	sg_value *p = sg_map_set(a, m, "product", sg_value_map(a));
	S_str(a, p, "id", o->product_id);
	if (o->product) {
		S_l10n(a, p, "name", &o->product->name, lang);
		S_l10n(a, p, "summary", &o->product->summary, lang);
	}
	sg_value *e = sg_map_set(a, m, "edition", sg_value_map(a));
	S_str(a, e, "id", o->edition_id);
	if (o->edition) {
		S_l10n(a, e, "name", &o->edition->name, lang);
		S_str(a, e, "unit", o->edition->unit);
	}
	S_int(a, m, "users", o->users);
	sg_map_set(a, m, "discount", sg_value_dec(a, o->discount, 6));
	S_date(a, m, "date", o->date);
	S_int(a, m, "valid_days", o->valid_days);
	S_date(a, m, "valid_until", o->valid_until);
	S_str(a, m, "number", o->number);
	S_bool(a, m, "budget_sensitive", o->budget_sensitive);
	S_str(a, m, "template", o->template_name);
	sg_value *fees = sg_map_set(a, m, "fees", sg_value_list(a));
	for (size_t i = 0; i < o->fee_count; i++) {
		sg_value *f = sg_value_map(a);
		S_str(a, f, "name", o->fees[i].name);
		S_fen(a, f, "amount", o->fees[i].amount);
		sg_list_push(fees, f);
	}
	sg_value *aps = sg_map_set(a, m, "approvals", sg_value_list(a));
	for (size_t i = 0; i < o->approval_count; i++) {
		sg_value *ap = sg_value_map(a);
		S_str(a, ap, "role", o->approvals[i].role);
		S_str(a, ap, "name", o->approvals[i].name);
		S_date(a, ap, "date", o->approvals[i].date);
		sg_list_push(aps, ap);
	}
	return m;
}

sg_value *sg_view_customer(sg_arena *a, const sg_customer *c, const char *lang)
{
	if (!lang)
		lang = c->lang;
	bool en = lang && strcmp(lang, "en") == 0;
	sg_value *m = sg_value_map(a);
	S_str(a, m, "id", c->id);
	S_str(a, m, "name", c->name);
	S_str(a, m, "short_name", c->short_name ? c->short_name : c->name);
	S_str(a, m, "lang", c->lang);
	S_str(a, m, "industry", c->industry);
	/* 0 is how the model says a count was not given (as the site and the
	 * cost engine read it): null, so that no document prints "0 个邮箱". */
	S_count(a, m, "employees", c->employees);
	S_count(a, m, "mailboxes", c->mailboxes);
	S_count(a, m, "branches", c->branches);
	S_str(a, m, "address", c->address);
	S_date(a, m, "as_of", c->as_of);
	sg_map_set(a, m, "owner", S_rep(a, c->owner, en));

	/* Every key is there, null when not given, so a template can ask
	 * {{#customer.current.product}} of a customer without the element. */
	sg_value *cur = sg_map_set(a, m, "current", sg_value_map(a));
	S_str(a, cur, "product", c->current.given ? c->current.product : NULL);
	S_str(a, cur, "version", c->current.given ? c->current.version : NULL);
	S_count(a, cur, "year_built", c->current.given ? c->current.year_built : 0);
	if (c->current.given)
		S_bool(a, cur, "licensed", c->current.licensed);

	sg_map_set(a, m, "hardware", S_purchases(a, c->hardware, c->hardware_count));
	sg_map_set(a, m, "software", S_purchases(a, c->software, c->software_count));
	sg_value *el = sg_map_set(a, m, "electricity", sg_value_map(a));
	if (c->electricity.given) {
		if (c->electricity.as_annual) {
			S_fen(a, el, "annual", c->electricity.annual);
		} else {
			S_int(a, el, "watts", c->electricity.watts);
			sg_map_set(a, el, "price_per_kwh",
				   sg_value_dec(a, c->electricity.price_per_kwh, 4));
		}
	}
	sg_value *staff = sg_map_set(a, m, "staff", sg_value_list(a));
	for (size_t i = 0; i < c->staff_count; i++) {
		sg_value *s = sg_value_map(a);
		S_str(a, s, "role", c->staff[i].role);
		S_fen(a, s, "monthly_salary", c->staff[i].monthly_salary);
		sg_map_set(a, s, "share", sg_value_dec(a, c->staff[i].share, 6));
		sg_list_push(staff, s);
	}
	sg_value *ren = sg_map_set(a, m, "renewals", sg_value_list(a));
	for (size_t i = 0; i < c->renewal_count; i++) {
		sg_value *r = sg_value_map(a);
		S_str(a, r, "kind", sg_renewal_kind_name(c->renewals[i].kind));
		S_str(a, r, "name", c->renewals[i].name);
		S_fen(a, r, "amount", c->renewals[i].amount);
		S_date(a, r, "due", c->renewals[i].due);
		sg_list_push(ren, r);
	}

	/* ---- internal from here on (see S_public) ---- */
	sg_value *tr = sg_map_set(a, m, "traits", sg_value_map(a));
	if (c->traits.given) {
		S_str(a, tr, "security_sensitivity", sg_level_name(c->traits.security_sensitivity));
		S_str(a, tr, "leadership", sg_leadership_name(c->traits.leadership));
		S_str(a, tr, "connectivity_needs", sg_level_name(c->traits.connectivity_needs));
		S_str(a, tr, "external_mail", sg_external_name(c->traits.external_mail));
		S_str(a, tr, "it_staff", sg_strength_name(c->traits.it_staff));
		S_str(a, tr, "collaboration_needs", sg_level_name(c->traits.collaboration_needs));
		S_str(a, tr, "budget", sg_budget_name(c->traits.budget));
	}
	S_str(a, m, "lifecycle", c->lifecycle);
	S_str(a, m, "relationship", c->relationship);
	sg_map_set(a, m, "stage", S_stage(a, c, lang));

	sg_value *contacts = sg_map_set(a, m, "contacts", sg_value_list(a));
	for (size_t i = 0; i < c->contact_count; i++) {
		const sg_contact *k = &c->contacts[i];
		sg_value *x = sg_value_map(a);
		S_str(a, x, "name", k->name);
		S_str(a, x, "title", k->title);
		S_str(a, x, "role", k->role);
		S_str(a, x, "attitude", k->attitude);
		S_bool(a, x, "coach", k->coach);
		S_str(a, x, "phone", k->phone);
		S_str(a, x, "email", k->email);
		sg_list_push(contacts, x);
	}
	sg_value *events = sg_map_set(a, m, "events", sg_value_list(a));
	for (size_t i = 0; i < c->event_count; i++) {
		sg_value *x = sg_value_map(a);
		S_date(a, x, "date", c->events[i].date);
		S_str(a, x, "kind", c->events[i].kind);
		S_str(a, x, "text", c->events[i].text);
		sg_list_push(events, x);
	}
	sg_map_set(a, m, "strengths", S_strings(a, c->strengths, c->strength_count));
	sg_map_set(a, m, "weaknesses", S_strings(a, c->weaknesses, c->weakness_count));
	sg_value *actions = sg_map_set(a, m, "actions", sg_value_list(a));
	for (size_t i = 0; i < c->action_count; i++) {
		sg_value *x = sg_value_map(a);
		S_str(a, x, "task", c->actions[i].task);
		S_str(a, x, "owner", c->actions[i].owner);
		S_date(a, x, "date", c->actions[i].date);
		S_str(a, x, "checkpoint", c->actions[i].checkpoint);
		sg_list_push(actions, x);
	}
	sg_map_set(a, m, "offer", S_offer(a, &c->offer, lang));
	sg_value *notes = sg_map_set(a, m, "notes", c->notes ? sg_value_str_borrow(a, c->notes)
							     : sg_value_null(a));
	notes->markup = c->notes != NULL; /* Markdown written by the team */
	return m;
}

sg_value *sg_view_vendor(sg_arena *a, const sg_site *s, const char *lang)
{
	sg_value *m = sg_value_map(a);
	if (!s)
		return m;
	S_l10n(a, m, "name", &s->vendor_name, lang);
	S_l10n(a, m, "address", &s->vendor_address, lang);
	S_str(a, m, "phone", s->phone);
	S_str(a, m, "email", s->email);
	S_str(a, m, "website", s->website);
	S_str(a, m, "logo", s->logo);
	return m;
}
