/*
 * input.c - the cost input of a customer in the content model.
 */
#include "cost/cost.h"

void sg_cost_input_from_customer(sg_cost_input *in, const sg_customer *c,
				 const sg_catalog *catalog)
{
	sg_cost_input_init(in);
	in->currency = catalog && catalog->currency ? catalog->currency : NULL;
	in->hardware = c->hardware;
	in->hardware_count = c->hardware_count;
	in->software = c->software;
	in->software_count = c->software_count;
	in->electricity = c->electricity;
	in->staff = c->staff;
	in->staff_count = c->staff_count;
	in->renewals = c->renewals;
	in->renewal_count = c->renewal_count;
	if (catalog) {
		in->price_line = catalog->price_line;
		in->rounding_step = catalog->rounding_step;
	}

	const sg_offer *o = &c->offer;
	/* An offer whose product or edition did not resolve is an error that
	 * `salesgen check` reports; here it simply has no price. */
	if (o->given && o->product && o->edition) {
		in->has_offer = true;
		in->offer_pos = o->pos;
		in->users = o->users;
		in->unit_price = o->edition->unit_price;
		in->period = o->edition->period;
		in->discount = o->discount;
		in->fees = o->fees;
		in->fee_count = o->fee_count;
		/* The loader gives each product the catalog's VAT rate unless it
		 * states its own. */
		in->vat_rate = o->product->vat_rate;
		in->prices_include_vat = o->product->prices_include_vat;
		in->policy = catalog ? o->product->policy : NULL;
	}

	in->employees = c->employees;
	in->mailboxes = c->mailboxes;
	in->industry = c->industry;
	in->traits = &c->traits;
}
