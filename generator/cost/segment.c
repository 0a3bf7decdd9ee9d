/*
 * segment.c - how well a customer fits the self-hosted segment: size class,
 * the seven traits and the typical industries (docs/cost.md, "The segment").
 */
#include "cost/cost.h"

#include <string.h>

/* Users at or over this count are past the 100,000 yuan psychological line
 * whatever the unit price, so they do not fit the segment. */
#define S_USERS_LIMIT 2000

static const char *const S_trait_names[SG_TRAIT_COUNT] = {
	"security-or-leadership", "connectivity", "external-mail", "under-2000-users",
	"weak-it-staff",          "low-collaboration", "budget",
};

/* The ids of the closed industry list (docs/content.md) that make a typical
 * target: law firms, logistics, foreign trade, satellite companies of large
 * groups, heavy industry, software outsourcing. */
static const char *const S_typical[] = {
	"law", "logistics", "foreign-trade", "group-subsidiary", "heavy-industry",
	"software-outsourcing",
};

const char *sg_trait_name(sg_trait_id t)
{
	return (unsigned)t < SG_TRAIT_COUNT ? S_trait_names[t] : "";
}

char sg_cost_size_class(int64_t employees)
{
	if (employees >= 1000)
		return 'A';
	if (employees >= 500)
		return 'B';
	if (employees >= 100)
		return 'C';
	if (employees >= 10)
		return 'D';
	if (employees >= 1)
		return 'E';
	return 0;
}

bool sg_cost_typical_industry(const char *industry)
{
	if (!industry)
		return false;
	for (size_t i = 0; i < sizeof S_typical / sizeof *S_typical; i++)
		if (strcmp(industry, S_typical[i]) == 0)
			return true;
	return false;
}

void sg_cost_segment(const sg_cost_input *in, int64_t offer_users, sg_segment *s)
{
	memset(s, 0, sizeof *s);
	s->size_class = sg_cost_size_class(in->employees);
	s->typical_industry = in->industry && *in->industry ? sg_cost_typical_industry(in->industry)
							    : -1;
	const sg_traits *t = in->traits;
	if (!t || !t->given) {
		s->fit = -1;
		return;
	}
	/* The mailbox count is the user count; a customer that does not give it
	 * is judged by the users of its offer. */
	int64_t users = in->mailboxes > 0 ? in->mailboxes : offer_users;
	s->fits[SG_TRAIT_SECURITY] =
		t->security_sensitivity == SG_LEVEL_LOW || t->leadership == SG_LEAD_PROGRESSIVE;
	s->fits[SG_TRAIT_CONNECTIVITY] = t->connectivity_needs == SG_LEVEL_HIGH;
	s->fits[SG_TRAIT_EXTERNAL_MAIL] = t->external_mail == SG_EXT_LARGER;
	s->fits[SG_TRAIT_UNDER_2000] = users >= 1 && users < S_USERS_LIMIT;
	s->fits[SG_TRAIT_WEAK_IT] = t->it_staff == SG_IT_WEAK;
	s->fits[SG_TRAIT_COLLABORATION] = t->collaboration_needs == SG_LEVEL_LOW;
	s->fits[SG_TRAIT_BUDGET] = t->budget == SG_BUDGET_SOME || t->budget == SG_BUDGET_AMPLE;
	for (int i = 0; i < SG_TRAIT_COUNT; i++)
		s->fit += s->fits[i];
}
