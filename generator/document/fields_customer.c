/*
 * fields_customer.c - the fields `customer` (the customer file) and `vendor`
 * (site.xml), as written: ids, amounts in yuan, dates as 2026-11-20.
 *
 * What a customer may see is marked CUST; everything else is internal: the
 * decision chain and attitudes, approvals, trait values, strengths and
 * weaknesses, next actions, events, lifecycle and stage, the budget-sensitive
 * flag, licence status and the internal notes.
 */
#include <string.h>

#include "document/fields_int.h"
#include "document/proposal.h"
#include "model/customer.h"

/* ---------------------------------------------------------------- getters */

static bool S_en(const sg_field_ctx *x)
{
	return x->lang && strcmp(x->lang, "en") == 0;
}

static void S_customer(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_item(v, x->cu);
}

static void S_short_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_customer *c = it;
	sg_fv_text(v, c->short_name ? c->short_name : c->name);
}

static void S_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, sg_org_kind_name(((const sg_customer *)it)->kind));
}

static void S_you(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, sg_proposal_you(it, x->lang));
}

static void S_kind_word(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, sg_proposal_org_word(it, x->lang));
}

static void S_rep_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_rep *r = it;
	sg_fv_text(v, S_en(x) && r->name_en ? r->name_en : r->name);
}

static void S_rep_title(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_rep *r = it;
	sg_fv_text(v, S_en(x) && r->title_en ? r->title_en : r->title);
}

static void S_price_per_kwh(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	const sg_electricity *e = it;
	v->state = SG_FV_SET;
	v->u.dec.units = e->price_per_kwh;
	v->u.dec.scale = 4;
}

static void S_renewal_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, sg_renewal_kind_name(((const sg_renewal *)it)->kind));
}

#define S_TRAIT(fn, member, namer)                                               \
	static void fn(const sg_field_ctx *x, const void *it, sg_fv *v)          \
	{                                                                        \
		(void)x;                                                         \
		sg_fv_text(v, namer(((const sg_customer *)it)->traits.member)); \
	}
S_TRAIT(S_security, security_sensitivity, sg_level_name)
S_TRAIT(S_leadership, leadership, sg_leadership_name)
S_TRAIT(S_connectivity, connectivity_needs, sg_level_name)
S_TRAIT(S_external, external_mail, sg_external_name)
S_TRAIT(S_it_staff, it_staff, sg_strength_name)
S_TRAIT(S_collaboration, collaboration_needs, sg_level_name)
S_TRAIT(S_budget, budget, sg_budget_name)

static bool S_done(const sg_customer *c, const char *item)
{
	for (size_t i = 0; i < c->done_count; i++)
		if (strcmp(c->done[i], item) == 0)
			return true;
	return false;
}

static void S_item_done(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_bool(v, S_done(x->cu, ((const sg_stage_item *)it)->id));
}

static void S_done_count(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_stage *st = it;
	int64_t n = 0;
	for (size_t i = 0; i < st->item_count; i++)
		n += S_done(x->cu, st->items[i].id);
	sg_fv_count(v, n);
}

static void S_product_text(const sg_field_ctx *x, const void *it, sg_fv *v, bool summary)
{
	const sg_product *p = ((const sg_offer *)it)->product;
	sg_fv_text(v, sg_l10n_get(summary ? &p->summary : &p->name, x->lang));
}

static void S_product_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	S_product_text(x, it, v, false);
}

static void S_product_summary(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	S_product_text(x, it, v, true);
}

static void S_edition_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, sg_l10n_get(&((const sg_offer *)it)->edition->name, x->lang));
}

static void S_edition_summary(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_offer *o = it;
	sg_fv_text(v, sg_edition_summary(o->product, o->edition, x->lang));
}

static void S_edition_unit(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)x;
	sg_fv_text(v, ((const sg_offer *)it)->edition->unit);
}

static void S_vendor(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	/* Without a site.xml the map is there, empty. */
	v->state = SG_FV_SET;
	v->u.item = x->c ? x->c->site : NULL;
}

/* ---------------------------------------------------------------- conditions */

static bool S_current(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_customer *)it)->current.given;
}

static bool S_el_annual(const sg_field_ctx *x, const void *it)
{
	(void)x;
	const sg_electricity *e = it;
	return e->given && e->as_annual;
}

static bool S_el_watts(const sg_field_ctx *x, const void *it)
{
	(void)x;
	const sg_electricity *e = it;
	return e->given && !e->as_annual;
}

static bool S_traits(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_customer *)it)->traits.given;
}

static bool S_offer(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_offer *)it)->given;
}

static bool S_product(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_offer *)it)->product != NULL;
}

static bool S_edition(const sg_field_ctx *x, const void *it)
{
	(void)x;
	return ((const sg_offer *)it)->edition != NULL;
}

/* ---------------------------------------------------------------- customer */

static const sg_field S_customer_fields[] = {
	{"customer", F_MAP, RAW, CUST, "the customer, as customers/ID.xml says", .get = S_customer},
	{"customer.id", F_TEXT, RAW, CUST, "its id, the name of its file", AT(sg_customer, id)},
	{"customer.name", F_TEXT, RAW, CUST, "its full name", AT(sg_customer, name)},
	{"customer.short_name", F_TEXT, RAW, CUST, "its short name, else its name",
	 .get = S_short_name},
	{"customer.lang", F_TEXT, RAW, CUST, "its language: zh-CN or en", AT(sg_customer, lang)},
	{"customer.industry", F_TEXT, RAW, CUST, "its industry, as an id (logistics, ...)",
	 AT(sg_customer, industry)},
	{"customer.kind", F_TEXT, RAW, CUST,
	 "its kind of organisation: company, law-firm, school, hospital, bank, government or "
	 "other; null when not given",
	 .get = S_kind},
	{"customer.you", F_TEXT, RAW, CUST,
	 "how a document addresses it: 贵公司, 贵所, 贵校, 贵院, 贵行, else 贵单位 (by its kind); "
	 "in English its short name",
	 .get = S_you},
	{"customer.kind_word", F_TEXT, RAW, CUST,
	 "its kind in a word: 公司, 律所, 学校, 医院, 银行, 单位; company, firm, school, hospital, "
	 "bank, organisation",
	 .get = S_kind_word},
	{"customer.employees", F_COUNT, FULL, CUST, "its headcount; null when not given",
	 AT(sg_customer, employees), .flags = SG_FF_ZERO_NULL},
	{"customer.mailboxes", F_COUNT, FULL, CUST, "its mailboxes; null when not given",
	 AT(sg_customer, mailboxes), .flags = SG_FF_ZERO_NULL},
	{"customer.branches", F_COUNT, FULL, CUST, "its branches; null when not given",
	 AT(sg_customer, branches), .flags = SG_FF_ZERO_NULL},
	{"customer.address", F_TEXT, RAW, CUST, "its address", AT(sg_customer, address)},
	{"customer.as_of", F_DATE, RAW, CUST, "the day the file's figures are as of",
	 AT(sg_customer, as_of)},
	{"customer.owner", F_MAP, RAW, CUST,
	 "the rep who owns the account, in the document's language; null when none",
	 AT(sg_customer, owner), .flags = SG_FF_PTR},
	{"customer.owner.id", F_TEXT, RAW, CUST, "the rep's id", AT(sg_rep, id)},
	{"customer.owner.name", F_TEXT, RAW, CUST, "the rep's name", .get = S_rep_name},
	{"customer.owner.title", F_TEXT, RAW, CUST, "the rep's title", .get = S_rep_title},
	{"customer.owner.phone", F_TEXT, RAW, CUST, "the rep's phone", AT(sg_rep, phone)},
	{"customer.owner.email", F_TEXT, RAW, CUST, "the rep's e-mail", AT(sg_rep, email)},
	{"customer.current", F_MAP, RAW, CUST,
	 "the system the customer runs now; every key is there, null when not given", GROUP},
	{"customer.current.product", F_TEXT, RAW, CUST, "its product",
	 AT(sg_customer, current.product), .known = S_current},
	{"customer.current.version", F_TEXT, RAW, CUST, "its version",
	 AT(sg_customer, current.version), .known = S_current},
	{"customer.current.year_built", F_COUNT, RAW, CUST, "the year it was built",
	 AT(sg_customer, current.year_built), .known = S_current, .flags = SG_FF_ZERO_NULL},
	{"customer.current.licensed", F_BOOL, RAW, INTL,
	 "whether it is licensed; only when the system is given",
	 AT(sg_customer, current.licensed), .shown = S_current},
	{"customer.concerns", F_LIST, RAW, CUST,
	 "what it worries about, as ids (confidentiality, overseas-mail, rbl, ...); case studies "
	 "that answer one come first",
	 ARRAY(sg_customer, concerns, concern_count), .flags = SG_FF_TEXTS},
	{"customer.hardware", F_LIST, RAW, CUST, "the hardware of the self-hosted system",
	 ARRAY(sg_customer, hardware, hardware_count)},
	{"customer.hardware.name", F_TEXT, RAW, CUST, "what it is", AT(sg_purchase, name)},
	{"customer.hardware.amount", F_MONEY, RAW, CUST, "what it cost", AT(sg_purchase, amount)},
	{"customer.hardware.years", F_COUNT, RAW, CUST, "the years it is written off over",
	 AT(sg_purchase, years)},
	{"customer.hardware.bought", F_DATE, RAW, CUST, "when it was bought",
	 AT(sg_purchase, bought)},
	{"customer.software", F_LIST, RAW, CUST, "the software of the self-hosted system",
	 ARRAY(sg_customer, software, software_count)},
	{"customer.software.name", F_TEXT, RAW, CUST, "what it is", AT(sg_purchase, name)},
	{"customer.software.amount", F_MONEY, RAW, CUST, "what it cost", AT(sg_purchase, amount)},
	{"customer.software.years", F_COUNT, RAW, CUST, "the years it is written off over",
	 AT(sg_purchase, years)},
	{"customer.software.bought", F_DATE, RAW, CUST, "when it was bought",
	 AT(sg_purchase, bought)},
	{"customer.electricity", F_MAP, RAW, CUST,
	 "the system's electricity: annual, or watts and price_per_kwh; empty when not given",
	 AT(sg_customer, electricity)},
	{"customer.electricity.annual", F_MONEY, RAW, CUST, "the amount a year, when given so",
	 AT(sg_electricity, annual), .shown = S_el_annual},
	{"customer.electricity.watts", F_COUNT, RAW, CUST, "the average draw in watts",
	 AT(sg_electricity, watts), .shown = S_el_watts},
	{"customer.electricity.price_per_kwh", F_NUMBER, RAW, CUST, "yuan per kWh",
	 .get = S_price_per_kwh, .shown = S_el_watts},
	{"customer.staff", F_LIST, RAW, CUST, "the staff who run the system",
	 ARRAY(sg_customer, staff, staff_count)},
	{"customer.staff.role", F_TEXT, RAW, CUST, "what they do", AT(sg_staff, role)},
	{"customer.staff.monthly_salary", F_MONEY, RAW, CUST, "the monthly salary",
	 AT(sg_staff, monthly_salary)},
	{"customer.staff.share", F_SHARE, RAW, CUST, "the share of their time the system takes",
	 AT(sg_staff, share)},
	{"customer.renewals", F_LIST, RAW, CUST, "what the system renews every year",
	 ARRAY(sg_customer, renewals, renewal_count)},
	{"customer.renewals.kind", F_TEXT, RAW, CUST,
	 "hosting, bandwidth, licence, anti-spam or other", .get = S_renewal_kind},
	{"customer.renewals.name", F_TEXT, RAW, CUST, "its name", AT(sg_renewal, name)},
	{"customer.renewals.amount", F_MONEY, RAW, CUST, "the amount a year",
	 AT(sg_renewal, amount)},
	{"customer.renewals.due", F_DATE, RAW, CUST, "when it is next due", AT(sg_renewal, due)},
	{"customer.traits", F_MAP, RAW, INTL,
	 "the seven trait values of the self-hosted segment; empty when not given", GROUP},
	{"customer.traits.security_sensitivity", F_TEXT, RAW, INTL, "low, medium or high",
	 .get = S_security, .shown = S_traits},
	{"customer.traits.leadership", F_TEXT, RAW, INTL, "progressive or conservative",
	 .get = S_leadership, .shown = S_traits},
	{"customer.traits.connectivity_needs", F_TEXT, RAW, INTL, "low, medium or high",
	 .get = S_connectivity, .shown = S_traits},
	{"customer.traits.external_mail", F_TEXT, RAW, INTL,
	 "external mail against internal: larger, similar or smaller", .get = S_external,
	 .shown = S_traits},
	{"customer.traits.it_staff", F_TEXT, RAW, INTL, "weak, adequate or strong",
	 .get = S_it_staff, .shown = S_traits},
	{"customer.traits.collaboration_needs", F_TEXT, RAW, INTL, "low, medium or high",
	 .get = S_collaboration, .shown = S_traits},
	{"customer.traits.budget", F_TEXT, RAW, INTL, "none, some or ample", .get = S_budget,
	 .shown = S_traits},
	{"customer.lifecycle", F_TEXT, RAW, INTL, "potential, sales, relationship or lost",
	 AT(sg_customer, lifecycle)},
	{"customer.relationship", F_TEXT, RAW, INTL,
	 "new, growth, stable, decline, problem or no-value", AT(sg_customer, relationship)},
	{"customer.stage", F_MAP, RAW, INTL, "the project stage and its checklist; null when none",
	 AT(sg_customer, stage), .flags = SG_FF_PTR},
	{"customer.stage.id", F_TEXT, RAW, INTL, "the stage's id", AT(sg_stage, id)},
	{"customer.stage.name", F_TEXT, RAW, INTL, "its name", AT(sg_stage, name),
	 .flags = SG_FF_L10N},
	{"customer.stage.milestone", F_TEXT, RAW, INTL, "the milestone that ends it",
	 AT(sg_stage, milestone), .flags = SG_FF_L10N},
	{"customer.stage.items", F_LIST, RAW, INTL, "its checklist",
	 ARRAY(sg_stage, items, item_count)},
	{"customer.stage.items.id", F_TEXT, RAW, INTL, "the item's id", AT(sg_stage_item, id)},
	{"customer.stage.items.name", F_TEXT, RAW, INTL, "what to do", AT(sg_stage_item, name),
	 .flags = SG_FF_L10N},
	{"customer.stage.items.done", F_BOOL, RAW, INTL, "whether it is done",
	 .get = S_item_done},
	{"customer.stage.done_count", F_COUNT, RAW, INTL, "the items done", .get = S_done_count},
	{"customer.stage.item_count", F_COUNT, RAW, INTL, "the items of the stage",
	 AT(sg_stage, item_count)},
	{"customer.contacts", F_LIST, RAW, INTL, "the decision chain",
	 ARRAY(sg_customer, contacts, contact_count)},
	{"customer.contacts.name", F_TEXT, RAW, INTL, "the contact's name", AT(sg_contact, name)},
	{"customer.contacts.title", F_TEXT, RAW, INTL, "their title", AT(sg_contact, title)},
	{"customer.contacts.role", F_TEXT, RAW, INTL,
	 "approver, decision-maker, evaluator, advisor or gatekeeper", AT(sg_contact, role)},
	{"customer.contacts.attitude", F_TEXT, RAW, INTL,
	 "opponent, non-supporter, acceptor, supporter, sympathiser or ally",
	 AT(sg_contact, attitude)},
	{"customer.contacts.coach", F_BOOL, RAW, INTL, "whether they coach us",
	 AT(sg_contact, coach)},
	{"customer.contacts.phone", F_TEXT, RAW, INTL, "their phone", AT(sg_contact, phone)},
	{"customer.contacts.email", F_TEXT, RAW, INTL, "their e-mail", AT(sg_contact, email)},
	{"customer.events", F_LIST, RAW, INTL, "what happened at the customer",
	 ARRAY(sg_customer, events, event_count)},
	{"customer.events.date", F_DATE, RAW, INTL, "when", AT(sg_event, date)},
	{"customer.events.kind", F_TEXT, RAW, INTL, "what kind of event (ip-blacklisted, ...)",
	 AT(sg_event, kind)},
	{"customer.events.text", F_TEXT, RAW, INTL, "what happened", AT(sg_event, text)},
	{"customer.strengths", F_LIST, RAW, INTL, "our strengths at this customer",
	 ARRAY(sg_customer, strengths, strength_count), .flags = SG_FF_TEXTS},
	{"customer.weaknesses", F_LIST, RAW, INTL, "our weaknesses at this customer",
	 ARRAY(sg_customer, weaknesses, weakness_count), .flags = SG_FF_TEXTS},
	{"customer.actions", F_LIST, RAW, INTL, "the next actions",
	 ARRAY(sg_customer, actions, action_count)},
	{"customer.actions.task", F_TEXT, RAW, INTL, "what to do", AT(sg_action, task)},
	{"customer.actions.owner", F_TEXT, RAW, INTL, "who does it", AT(sg_action, owner)},
	{"customer.actions.date", F_DATE, RAW, INTL, "by when", AT(sg_action, date)},
	{"customer.actions.checkpoint", F_TEXT, RAW, INTL, "how we know it is done",
	 AT(sg_action, checkpoint)},
	{"customer.offer", F_MAP, RAW, CUST,
	 "the offer as the customer file writes it; only given when there is none",
	 AT(sg_customer, offer)},
	{"customer.offer.given", F_BOOL, RAW, CUST, "whether there is an offer",
	 AT(sg_offer, given)},
	{"customer.offer.product", F_MAP, RAW, CUST, "the product offered", .shown = S_offer},
	{"customer.offer.product.id", F_TEXT, RAW, CUST, "its id", AT(sg_offer, product_id)},
	{"customer.offer.product.name", F_TEXT, RAW, CUST, "its name", .get = S_product_name,
	 .shown = S_product},
	{"customer.offer.product.summary", F_TEXT, RAW, CUST, "what it is, in a line",
	 .get = S_product_summary, .shown = S_product},
	{"customer.offer.edition", F_MAP, RAW, CUST, "the edition offered", .shown = S_offer},
	{"customer.offer.edition.id", F_TEXT, RAW, CUST, "its id", AT(sg_offer, edition_id)},
	{"customer.offer.edition.name", F_TEXT, RAW, CUST, "its name", .get = S_edition_name,
	 .shown = S_edition},
	{"customer.offer.edition.summary", F_TEXT, RAW, CUST,
	 "what it is, in a line: its own summary, else the product's",
	 .get = S_edition_summary, .shown = S_edition},
	{"customer.offer.edition.unit", F_TEXT, RAW, CUST,
	 "what is counted: user, line, domain, room", .get = S_edition_unit, .shown = S_edition},
	{"customer.offer.users", F_COUNT, RAW, CUST, "the units offered", AT(sg_offer, users),
	 .shown = S_offer},
	{"customer.offer.discount", F_SHARE, RAW, CUST, "the share of list price paid",
	 AT(sg_offer, discount), .shown = S_offer},
	{"customer.offer.date", F_DATE, RAW, CUST, "the day of the offer", AT(sg_offer, date),
	 .shown = S_offer},
	{"customer.offer.valid_days", F_COUNT, RAW, CUST, "the days it is valid",
	 AT(sg_offer, valid_days), .shown = S_offer},
	{"customer.offer.valid_until", F_DATE, RAW, CUST, "the last day it is valid",
	 AT(sg_offer, valid_until), .shown = S_offer},
	{"customer.offer.number", F_TEXT, RAW, CUST, "the proposal number", AT(sg_offer, number),
	 .shown = S_offer},
	{"customer.offer.budget_sensitive", F_BOOL, RAW, INTL,
	 "whether the price-line offer may be made", AT(sg_offer, budget_sensitive),
	 .shown = S_offer},
	{"customer.offer.template", F_TEXT, RAW, INTL, "the proposal template it names",
	 AT(sg_offer, template_name), .shown = S_offer},
	{"customer.offer.fees", F_LIST, RAW, CUST, "the one-time fees",
	 ARRAY(sg_offer, fees, fee_count), .shown = S_offer},
	{"customer.offer.fees.name", F_TEXT, RAW, CUST, "what the fee is for", AT(sg_fee, name)},
	{"customer.offer.fees.amount", F_MONEY, RAW, CUST, "the amount", AT(sg_fee, amount)},
	{"customer.offer.approvals", F_LIST, RAW, INTL, "the approvals the file records",
	 ARRAY(sg_offer, approvals, approval_count), .shown = S_offer},
	{"customer.offer.approvals.role", F_TEXT, RAW, INTL, "the role that approved",
	 AT(sg_approval, role)},
	{"customer.offer.approvals.name", F_TEXT, RAW, INTL, "who approved",
	 AT(sg_approval, name)},
	{"customer.offer.approvals.date", F_DATE, RAW, INTL, "when", AT(sg_approval, date)},
	{"customer.notes", F_TEXT, RAW, INTL,
	 "the internal notes, Markdown (so {{{customer.notes}}} is allowed in reports)",
	 AT(sg_customer, notes), .flags = SG_FF_MARKUP},
};

const sg_field_part sg_fields_customer = {S_customer_fields,
					  sizeof S_customer_fields / sizeof *S_customer_fields};

/* ---------------------------------------------------------------- vendor */

static const sg_field S_vendor_fields[] = {
	{"vendor", F_MAP, RAW, CUST, "who we are (site.xml), in the document's language",
	 .get = S_vendor},
	{"vendor.name", F_TEXT, RAW, CUST, "our name", AT(sg_site, vendor_name),
	 .flags = SG_FF_L10N},
	{"vendor.address", F_TEXT, RAW, CUST, "our address", AT(sg_site, vendor_address),
	 .flags = SG_FF_L10N},
	{"vendor.phone", F_TEXT, RAW, CUST, "our phone", AT(sg_site, phone)},
	{"vendor.email", F_TEXT, RAW, CUST, "our e-mail", AT(sg_site, email)},
	{"vendor.website", F_TEXT, RAW, CUST, "our website", AT(sg_site, website)},
	{"vendor.logo", F_TEXT, RAW, CUST, "our logo, a path in the content folder",
	 AT(sg_site, logo)},
};

const sg_field_part sg_fields_vendor = {S_vendor_fields,
					sizeof S_vendor_fields / sizeof *S_vendor_fields};
