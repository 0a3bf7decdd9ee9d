/*
 * fields_review.c - the field `review`: what the project review of a customer
 * adds, for the team only (reports/review.md): the decision chain with role
 * and attitude in words, the coach, events and actions, the stage checklist,
 * the approval the offer needs against what the file records (from the
 * customer's evaluation), and the segment.
 */
#include <string.h>

#include "document/fields_int.h"
#include "document/proposal.h"

static const char *S_label(const sg_field_ctx *x, const char *prefix, const char *id)
{
	return sg_proposal_label_of(prefix, id, x->lang);
}

/* ---------------------------------------------------------------- people */

static void S_contact_role(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "role", ((const sg_contact *)it)->role));
}

static void S_contact_attitude(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "attitude", ((const sg_contact *)it)->attitude));
}

static void S_coach_mark(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, ((const sg_contact *)it)->coach ? sg_proposal_label("yes", x->lang) : "");
}

/* Whether there is a row for a table's header to head: a review shows a
 * sentence instead of a table with no rows. */
static void S_has_contacts(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->cu->contact_count > 0);
}

static void S_has_actions(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->cu->action_count > 0);
}

static void S_coach(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_contact *coach = NULL;
	for (size_t i = 0; i < x->cu->contact_count && !coach; i++)
		if (x->cu->contacts[i].coach)
			coach = &x->cu->contacts[i];
	sg_fv_item(v, coach);
}

static void S_event_kind(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_text(v, S_label(x, "event", ((const sg_event *)it)->kind));
}

static void S_lifecycle(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, S_label(x, "lifecycle", x->cu->lifecycle));
}

static void S_industry(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, S_label(x, "industry", x->cu->industry));
}

/* ---------------------------------------------------------------- stage */

static void S_stage_name(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_stage *st = x->cu->stage;
	sg_fv_text(v, st ? sg_l10n_get(&st->name, x->lang) : sg_proposal_label("stage.none", x->lang));
}

static void S_stage_milestone(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_stage *st = x->cu->stage;
	sg_fv_text(v, st ? sg_l10n_get(&st->milestone, x->lang) : NULL);
}

static void S_stage_items(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_stage *st = x->cu->stage;
	sg_fv_list(v, st ? st->items : NULL, st ? st->item_count : 0, sizeof *st->items);
}

static bool S_done(const sg_customer *cu, const char *id)
{
	for (size_t k = 0; k < cu->done_count; k++)
		if (strcmp(cu->done[k], id) == 0)
			return true;
	return false;
}

static void S_item_done(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	sg_fv_bool(v, S_done(x->cu, ((const sg_stage_item *)it)->id));
}

static void S_done_count(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_stage *st = x->cu->stage;
	int64_t n = 0;
	for (size_t i = 0; st && i < st->item_count; i++)
		n += S_done(x->cu, st->items[i].id);
	sg_fv_count(v, n);
}

static void S_item_count(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_count(v, x->cu->stage ? (int64_t)x->cu->stage->item_count : 0);
}

/* The place of the stage in the site's list, from 1; 0 without a stage. */
static void S_stage_number(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_site *site = x->c ? x->c->site : NULL;
	int64_t number = 0;
	for (size_t i = 0; x->cu->stage && site && i < site->stage_count; i++)
		if (&site->stages[i] == x->cu->stage)
			number = (int64_t)i + 1;
	sg_fv_count(v, number);
}

static void S_stage_of(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_site *site = x->c ? x->c->site : NULL;
	sg_fv_count(v, site ? (int64_t)site->stage_count : 0);
}

/* ---------------------------------------------------------------- approval */

static void S_needed(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, sg_proposal_approval_words(&x->r->approval, x->lang));
}

static void S_none(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->r->approval.kind == SG_APPROVAL_NONE);
}

/* The role of a recorded approval in words, when it is a role of the policy. */
static void S_recorded_role(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	const sg_approval *ap = it;
	const sg_policy *p = x->r->policy;
	const sg_role *role = NULL;
	for (size_t i = 0; p && ap->role && i < p->role_count && !role; i++)
		if (strcmp(p->roles[i].id, ap->role) == 0)
			role = &p->roles[i];
	sg_fv_text(v, role ? sg_proposal_role_name(role, x->lang) : ap->role);
}

static void S_missing_role(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_eval *ev = x->ev;
	sg_fv_text(v, !ev->approval_missing ? NULL
		      : ev->missing_role   ? sg_proposal_role_name(ev->missing_role, x->lang)
					   : sg_proposal_label("approval.beyond", x->lang));
}

static void S_missing_price_line(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_bool(v, x->ev->approval_missing && x->ev->missing_price_line);
}

static void S_beyond(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	const sg_policy *p = x->r->policy;
	sg_fv_text(v, p && x->r->approval.kind == SG_APPROVAL_BEYOND ? sg_l10n_get(&p->beyond, x->lang)
								     : NULL);
}

static void S_price_line(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, sg_proposal_price_line_status(x->ev, false, x->lang));
}

static void S_price_line_needed(const sg_field_ctx *x, const void *it, sg_fv *v)
{
	(void)it;
	sg_fv_text(v, x->r->has_price_line_offer
			      ? sg_proposal_approval_words(&x->r->price_line_approval, x->lang)
			      : NULL);
}

/* ---------------------------------------------------------------- the table */

static const sg_field S_fields[] = {
	{"review", F_MAP, RAW, INTL, "what the project review adds (reports/review.md)", GROUP},
	{"review.contacts", F_LIST, RAW, INTL, "the decision chain, in words",
	 .src = SG_SRC_CUSTOMER, ARRAY(sg_customer, contacts, contact_count)},
	{"review.contacts.name", F_TEXT, RAW, INTL, "the contact's name", AT(sg_contact, name)},
	{"review.contacts.title", F_TEXT, RAW, INTL, "their title", AT(sg_contact, title)},
	{"review.contacts.role", F_TEXT, RAW, INTL, "their role in words (批准人, ...)",
	 .get = S_contact_role},
	{"review.contacts.attitude", F_TEXT, RAW, INTL, "their attitude in words (支持者, ...)",
	 .get = S_contact_attitude},
	{"review.contacts.coach", F_BOOL, RAW, INTL, "whether they coach us",
	 AT(sg_contact, coach)},
	{"review.contacts.coach_mark", F_TEXT, RAW, INTL, "是 / yes for the coach, else empty",
	 .get = S_coach_mark},
	{"review.coach", F_MAP, RAW, INTL, "the coach, or null", .get = S_coach},
	{"review.coach.name", F_TEXT, RAW, INTL, "their name", AT(sg_contact, name)},
	{"review.coach.title", F_TEXT, RAW, INTL, "their title", AT(sg_contact, title)},
	{"review.events", F_LIST, RAW, INTL, "what happened at the customer",
	 .src = SG_SRC_CUSTOMER, ARRAY(sg_customer, events, event_count)},
	{"review.events.date", F_DATE, TEXT, INTL, "when", AT(sg_event, date)},
	{"review.events.kind", F_TEXT, RAW, INTL, "the kind of event, in words",
	 .get = S_event_kind},
	{"review.events.text", F_TEXT, RAW, INTL, "what happened", AT(sg_event, text)},
	{"review.actions", F_LIST, RAW, INTL, "the next actions", .src = SG_SRC_CUSTOMER,
	 ARRAY(sg_customer, actions, action_count)},
	{"review.actions.task", F_TEXT, RAW, INTL, "what to do", AT(sg_action, task)},
	{"review.actions.owner", F_TEXT, RAW, INTL, "who does it", AT(sg_action, owner)},
	{"review.actions.date", F_DATE, TEXT, INTL, "by when", AT(sg_action, date)},
	{"review.actions.checkpoint", F_TEXT, RAW, INTL, "how we know it is done",
	 AT(sg_action, checkpoint)},
	{"review.has_contacts", F_BOOL, RAW, INTL, "whether the decision chain has anyone",
	 .get = S_has_contacts},
	{"review.has_actions", F_BOOL, RAW, INTL, "whether there are next actions",
	 .get = S_has_actions},
	{"review.lifecycle", F_TEXT, RAW, INTL, "the lifecycle, in words", .get = S_lifecycle},
	{"review.industry", F_TEXT, RAW, INTL, "the industry, in words (物流, Foreign trade)",
	 .get = S_industry},
	{"review.stage", F_MAP, RAW, INTL, "the stage and its checklist", GROUP},
	{"review.stage.name", F_TEXT, RAW, INTL, "its name (未设定 without one)",
	 .get = S_stage_name},
	{"review.stage.milestone", F_TEXT, RAW, INTL, "the milestone that ends it",
	 .get = S_stage_milestone},
	{"review.stage.items", F_LIST, RAW, INTL, "its checklist", .get = S_stage_items},
	{"review.stage.items.name", F_TEXT, RAW, INTL, "what to do", AT(sg_stage_item, name),
	 .flags = SG_FF_L10N},
	{"review.stage.items.done", F_BOOL, RAW, INTL, "whether it is done", .get = S_item_done},
	{"review.stage.done_count", F_COUNT, RAW, INTL, "the items done", .get = S_done_count},
	{"review.stage.item_count", F_COUNT, RAW, INTL, "the items of the stage",
	 .get = S_item_count},
	{"review.stage.number", F_COUNT, RAW, INTL, "its place among the stages, from 1",
	 .get = S_stage_number},
	{"review.stage.of", F_COUNT, RAW, INTL, "how many stages there are", .get = S_stage_of},
	{"review.approval", F_MAP, RAW, INTL,
	 "the approval the offer needs and what the file records", GROUP},
	{"review.approval.needed", F_TEXT, RAW, INTL, "a role's name, 无需审批 or 超出权限",
	 .get = S_needed},
	{"review.approval.none", F_BOOL, RAW, INTL, "no approval is needed", .get = S_none},
	{"review.approval.recorded", F_LIST, RAW, INTL, "the approvals the file records",
	 .src = SG_SRC_OFFER, ARRAY(sg_offer, approvals, approval_count)},
	{"review.approval.recorded.role", F_TEXT, RAW, INTL, "the role, in words",
	 .get = S_recorded_role},
	{"review.approval.recorded.name", F_TEXT, RAW, INTL, "who approved",
	 AT(sg_approval, name)},
	{"review.approval.recorded.date", F_DATE, TEXT, INTL, "when", AT(sg_approval, date)},
	{"review.approval.missing", F_BOOL, RAW, INTL, "an approval the offer needs is missing",
	 .src = SG_SRC_EVAL, AT(sg_eval, approval_missing)},
	{"review.approval.missing_role", F_TEXT, RAW, INTL,
	 "the role still needed (超出权限 beyond the policy); null when none is missing",
	 .get = S_missing_role},
	{"review.approval.missing_price_line", F_BOOL, RAW, INTL,
	 "it is the price-line offer that lacks it", .get = S_missing_price_line},
	{"review.approval.beyond", F_TEXT, RAW, INTL,
	 "what to do beyond the policy, as the policy says; null otherwise", .get = S_beyond},
	{"review.approval.price_line", F_TEXT, RAW, INTL,
	 "the price-line status: 已提供, 未超十万, 非价格敏感, 超出权限, 无报价",
	 .get = S_price_line},
	{"review.approval.price_line_needed", F_TEXT, RAW, INTL,
	 "the approval the price-line offer needs; null when there is none",
	 .get = S_price_line_needed},
	{"review.approval.price_line_offered", F_BOOL, RAW, INTL,
	 "whether the price-line offer is made", .src = SG_SRC_EVAL,
	 AT(sg_eval, price_line_offered)},
	{"review.segment", F_MAP, RAW, INTL, "the customer's fit with the self-hosted segment",
	 .src = SG_SRC_COST, AT(sg_cost_result, segment)},
	{"review.segment.size_class", F_TEXT, RAW, INTL, "A to E; null when not known",
	 .get = sg_field_get_size_class},
	{"review.segment.fit", F_COUNT, RAW, INTL, "the traits that fit; null when not known",
	 .get = sg_field_get_fit},
	{"review.segment.fit_of", F_COUNT, RAW, INTL, "7", .get = sg_field_get_fit_of},
};

const sg_field_part sg_fields_review = {S_fields, sizeof S_fields / sizeof *S_fields};
