/*
 * replacement.c - how old a purchase of the self-hosted system is, and when
 * it is due for replacement (cost.h, "replacement").
 */
#include "cost/cost.h"

int sg_cost_purchase_age(const sg_purchase *p, sg_date today)
{
	sg_date b = p->bought;
	if (!sg_date_is_set(b) || !sg_date_is_set(today) || sg_date_cmp(b, today) > 0)
		return -1;
	int age = today.year - b.year;
	if (today.month < b.month || (today.month == b.month && today.day < b.day))
		age--;
	return age;
}

sg_date sg_cost_purchase_cycle_end(const sg_purchase *p)
{
	sg_date end = {0, 0, 0};
	if (!sg_date_is_set(p->bought) || p->years < 1 ||
	    p->bought.year > SG_DATE_MAX_YEAR - p->years)
		return end;
	end = p->bought;
	end.year += p->years;
	if (end.month == 2 && end.day == 29 && !sg_date_valid(end))
		end.day = 28;
	return end;
}

bool sg_cost_purchase_due(const sg_purchase *p, sg_date today)
{
	int age = sg_cost_purchase_age(p, today);
	return age >= 0 && p->years >= 1 && age >= p->years;
}
