/*
 * approval.c - approval as code: which approvals an offer still lacks.
 *
 * A role may approve what any role junior to it may, so an approval by a
 * senior role covers a discount that needed a junior one.
 */
#include <string.h>

#include "cost/cost.h"

/* The rank of a role id in the policy, junior 0; -1 when not a role of it. */
static int S_rank(const sg_policy *p, const char *id)
{
	for (size_t i = 0; p && id && i < p->role_count; i++)
		if (strcmp(p->roles[i].id, id) == 0)
			return (int)i;
	return -1;
}

static bool S_recorded(const sg_offer *o, const sg_policy *p, const sg_role *role)
{
	int need = S_rank(p, role->id);
	for (size_t i = 0; i < o->approval_count; i++)
		if (need >= 0 && S_rank(p, o->approvals[i].role) >= need)
			return true;
	return false;
}

bool sg_cost_price_line_offered(const sg_customer *cu, const sg_cost_result *r)
{
	if (!cu->offer.given || !r->has_offer || !cu->offer.budget_sensitive)
		return false;
	if (!r->has_price_line_offer)
		return false;
	/* Within the policy: someone may approve it (or nobody needs to). */
	sg_approval_kind k = r->price_line_approval.kind;
	return k == SG_APPROVAL_NONE || k == SG_APPROVAL_ROLE;
}

bool sg_cost_approval_missing(const sg_customer *cu, const sg_cost_result *r,
			      const sg_role **role, bool *price_line)
{
	if (role)
		*role = NULL;
	if (price_line)
		*price_line = false;
	if (!cu->offer.given || !r->has_offer)
		return false;
	if (r->approval.kind == SG_APPROVAL_BEYOND)
		return true;
	if (r->approval.kind == SG_APPROVAL_ROLE && r->approval.role &&
	    !S_recorded(&cu->offer, r->policy, r->approval.role)) {
		if (role)
			*role = r->approval.role;
		return true;
	}
	if (sg_cost_price_line_offered(cu, r) && r->price_line_approval.kind == SG_APPROVAL_ROLE &&
	    r->price_line_approval.role &&
	    !S_recorded(&cu->offer, r->policy, r->price_line_approval.role)) {
		if (role)
			*role = r->price_line_approval.role;
		if (price_line)
			*price_line = true;
		return true;
	}
	return false;
}
