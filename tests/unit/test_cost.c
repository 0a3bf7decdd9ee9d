/*
 * test_cost.c - the cost engine, rule by rule (docs/cost.md).
 *
 * Amounts are written in fen (Y(x) turns yuan into fen) and shares in
 * millionths, as the engine sees them.
 */
#include "support.h"

#include <string.h>

#include "base/json.h"
#include "cost/cost.h"
#include "document/fields.h"

#define Y(x) ((sg_fen)(x) * 100)
#define PPM(x) ((sg_ppm)(x))

/* ---------------------------------------------------------------- fixtures */

/* The catalog's standard policy: monthly basis, three roles, the tiers of
 * domain.md. */
static sg_role S_roles[3] = {
	{.id = "account-manager"},
	{.id = "branch-marketing-director"},
	{.id = "branch-manager"},
};
static sg_ppm S_floors[6][3] = {
	{1000000, 1000000, 1000000}, {900000, 850000, 800000}, {850000, 800000, 750000},
	{800000, 750000, 700000},    {750000, 700000, 650000}, {700000, 650000, 600000},
};
static sg_tier S_tiers[6] = {
	{.from = Y(0), .floors = S_floors[0]},     {.from = Y(300), .floors = S_floors[1]},
	{.from = Y(500), .floors = S_floors[2]},   {.from = Y(1000), .floors = S_floors[3]},
	{.from = Y(5000), .floors = S_floors[4]},  {.from = Y(10000), .floors = S_floors[5]},
};
static sg_policy S_policy = {
	.id = "standard",
	.basis = SG_PERIOD_MONTH,
	.roles = S_roles,
	.role_count = 3,
	.tiers = S_tiers,
	.tier_count = 6,
};

/* content/customers/hengtong-logistics.xml, typed in. */
static sg_purchase S_hw[] = {{.name = "servers", .amount = Y(180000), .years = 5},
			     {.name = "storage", .amount = Y(95000), .years = 5}};
static sg_purchase S_sw[] = {{.name = "licence", .amount = Y(60000), .years = 5}};
static sg_staff S_staff[] = {{.role = "admin", .monthly_salary = Y(13000), .share = 600000},
			     {.role = "network", .monthly_salary = Y(11000), .share = 200000}};
static sg_renewal S_renew[] = {
	{.kind = SG_RENEWAL_HOSTING, .name = "hosting", .amount = Y(36000)},
	{.kind = SG_RENEWAL_BANDWIDTH, .name = "bandwidth", .amount = Y(48000)},
	{.kind = SG_RENEWAL_ANTISPAM, .name = "anti-spam", .amount = Y(18000)},
};
static sg_fee S_fees[] = {{.name = "migration", .amount = Y(15000)},
			  {.name = "training", .amount = Y(4000)}};
static sg_traits S_traits = {
	.security_sensitivity = SG_LEVEL_LOW,
	.leadership = SG_LEAD_PROGRESSIVE,
	.connectivity_needs = SG_LEVEL_HIGH,
	.external_mail = SG_EXT_LARGER,
	.it_staff = SG_IT_WEAK,
	.collaboration_needs = SG_LEVEL_LOW,
	.budget = SG_BUDGET_SOME,
	.given = true,
};

static void S_hengtong(sg_cost_input *in)
{
	sg_cost_input_init(in);
	in->hardware = S_hw;
	in->hardware_count = 2;
	in->software = S_sw;
	in->software_count = 1;
	in->electricity = (sg_electricity){.given = true, .watts = 1600, .price_per_kwh = 9500};
	in->staff = S_staff;
	in->staff_count = 2;
	in->renewals = S_renew;
	in->renewal_count = 3;
	in->has_offer = true;
	in->users = 1000;
	in->unit_price = Y(120);
	in->period = SG_PERIOD_YEAR;
	in->discount = 850000;
	in->fees = S_fees;
	in->fee_count = 2;
	in->vat_rate = 60000;
	in->prices_include_vat = true;
	in->policy = &S_policy;
	in->employees = 1300;
	in->mailboxes = 1000;
	in->industry = "logistics";
	in->traits = &S_traits;
}

/* An offer of list price list_yuan a year at discount, under S_policy. */
static void S_offer_only(sg_cost_input *in, sg_fen list, sg_ppm discount)
{
	sg_cost_input_init(in);
	in->has_offer = true;
	in->users = 1;
	in->unit_price = list;
	in->discount = discount;
	in->policy = &S_policy;
}

static const char *S_approval(const sg_cost_input *in)
{
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(in, &r), 0);
	const char *id = sg_cost_approval_id(&r.approval);
	sg_cost_result_dispose(&r);
	return id;
}

/* ---------------------------------------------------------------- the sample */

static void test_hengtong(void **state)
{
	(void)state;
	sg_cost_input in;
	S_hengtong(&in);
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_null(r.error);
	assert_int_equal(r.hardware, Y(55000));
	assert_int_equal(r.software, Y(12000));
	assert_int_equal(r.electricity, 1331520);
	assert_int_equal(r.labour, Y(240000));
	assert_int_equal(r.renewals, Y(102000));
	assert_int_equal(r.annual, 42231520);
	assert_int_equal(r.annual_without_labour, 42231520 - Y(240000));
	assert_int_equal(r.five_year, 5 * 42231520);
	assert_int_equal(r.five_year_without_labour, 5 * (42231520 - Y(240000)));
	assert_int_equal(r.line_count, 2 + 1 + 1 + 2 + 3);

	assert_true(r.has_offer);
	assert_int_equal(r.list_annual, Y(120000));
	assert_int_equal(r.offer_annual, Y(102000));
	assert_int_equal(r.offer_five_year, Y(510000));
	assert_int_equal(r.one_time, Y(19000));
	assert_int_equal(r.offer_five_year_total, Y(529000));
	assert_int_equal(r.approval.kind, SG_APPROVAL_ROLE);
	assert_string_equal(sg_cost_approval_id(&r.approval), "account-manager");
	assert_int_equal(r.approval.tier->from, Y(10000));

	/* VAT contained in 102,000 at 6%: 102000 - 102000/1.06 = 5773.584.. */
	assert_int_equal(r.vat, 577358);
	assert_int_equal(r.annual_with_vat, Y(102000));

	assert_true(r.over_price_line);
	assert_true(r.has_price_line_offer);
	assert_int_equal(r.price_line_annual, Y(99000));
	assert_int_equal(r.price_line_discount, 825000);
	assert_string_equal(sg_cost_approval_id(&r.price_line_approval), "account-manager");

	assert_int_equal(r.savings_annual, 42231520 - Y(102000));
	assert_int_equal(r.savings_annual_without_labour, 42231520 - Y(240000) - Y(102000));
	assert_int_equal(r.savings_five_year, 5 * 42231520 - Y(529000));
	assert_int_equal(r.savings_five_year_without_labour,
			 5 * (42231520 - Y(240000)) - Y(529000));

	assert_int_equal(r.segment.size_class, 'A');
	assert_int_equal(r.segment.fit, 7);
	assert_int_equal(r.segment.typical_industry, 1);
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- rounding */

static void test_rounding_per_line(void **state)
{
	(void)state;
	/* 100,000 over 3 years is 33,333.333..: 33,333.33 a year. Three such
	 * purchases total 99,999.99 (sum of rounded lines), not 100,000.00. */
	sg_purchase p[3] = {{.amount = Y(100000), .years = 3},
			    {.amount = Y(100000), .years = 3},
			    {.amount = Y(100000), .years = 3}};
	sg_cost_input in;
	sg_cost_input_init(&in);
	in.hardware = p;
	in.hardware_count = 3;
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.lines[0].annual, 3333333);
	assert_int_equal(r.hardware, 9999999);
	assert_int_equal(r.annual, 9999999);
	sg_cost_result_dispose(&r);

	/* Half a fen rounds up: 0.05 over 2 years is 0.025 -> 0.03; 0.03 over
	 * 2 is 0.015 -> 0.02; 0.01 over 3 is 0.0033 -> 0.00. */
	sg_purchase h[3] = {{.amount = 5, .years = 2}, {.amount = 3, .years = 2},
			    {.amount = 1, .years = 3}};
	in.hardware = h;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.lines[0].annual, 3);
	assert_int_equal(r.lines[1].annual, 2);
	assert_int_equal(r.lines[2].annual, 0);
	assert_int_equal(r.hardware, 5);
	sg_cost_result_dispose(&r);
}

static void test_electricity(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_input_init(&in);
	sg_cost_result r;

	/* 1 W at 1 yuan/kWh: 8.76 kWh -> 8.76 yuan exactly. */
	in.electricity = (sg_electricity){.given = true, .watts = 1, .price_per_kwh = 10000};
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 876);
	assert_int_equal(r.lines[0].watt_hours, 8760);
	sg_cost_result_dispose(&r);

	/* 1 W at 0.5678 yuan: 4.973928 -> 4.97 (down). */
	in.electricity.price_per_kwh = 5678;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 497);
	sg_cost_result_dispose(&r);

	/* 3 W at 0.0057: 26.28 kWh x 0.0057 = 0.149796 -> 0.15 (up). */
	in.electricity = (sg_electricity){.given = true, .watts = 3, .price_per_kwh = 57};
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 15);
	sg_cost_result_dispose(&r);

	/* Exactly half a fen: 1 W x 8.76 kWh x 0.0625 = 0.5475 -> 0.55. */
	in.electricity = (sg_electricity){.given = true, .watts = 1, .price_per_kwh = 625};
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 55);
	sg_cost_result_dispose(&r);

	/* Given as an annual amount: taken as it is. */
	in.electricity = (sg_electricity){.given = true, .as_annual = true, .annual = 1234567};
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 1234567);
	sg_cost_result_dispose(&r);

	/* Not given: no line at all. */
	in.electricity = (sg_electricity){.given = false, .watts = 1000, .price_per_kwh = 10000};
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.electricity, 0);
	assert_int_equal(r.line_count, 0);
	sg_cost_result_dispose(&r);
}

static void test_labour(void **state)
{
	(void)state;
	/* salary x 12 x 2 x share, each person rounded on their own. */
	sg_staff s[3] = {{.monthly_salary = Y(10000), .share = 1000000},
			 {.monthly_salary = Y(10000), .share = 0},
			 {.monthly_salary = 1001, .share = 333333}};
	sg_cost_input in;
	sg_cost_input_init(&in);
	in.staff = s;
	in.staff_count = 3;
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.lines[0].annual, Y(240000));
	assert_int_equal(r.lines[1].annual, 0);
	/* 10.01 x 24 = 240.24; x 0.333333 = 80.0799..; -> 80.08 */
	assert_int_equal(r.lines[2].annual, 8008);
	assert_int_equal(r.labour, Y(240000) + 8008);
	assert_int_equal(r.annual, r.labour);
	assert_int_equal(r.annual_without_labour, 0);
	assert_int_equal(r.five_year, 5 * r.labour);
	assert_int_equal(r.five_year_without_labour, 0);
	sg_cost_result_dispose(&r);
}

static void test_totals_and_five_year(void **state)
{
	(void)state;
	sg_purchase hw[] = {{.amount = 100, .years = 3}}; /* 0.333 -> 0.33 */
	sg_purchase sw[] = {{.amount = 200, .years = 3}}; /* 0.666 -> 0.67 */
	sg_staff st[] = {{.monthly_salary = 1, .share = 500000}}; /* 0.24 x .5 = 0.12 */
	sg_renewal rn[] = {{.amount = 7}, {.amount = 11}};
	sg_cost_input in;
	sg_cost_input_init(&in);
	in.hardware = hw, in.hardware_count = 1;
	in.software = sw, in.software_count = 1;
	in.staff = st, in.staff_count = 1;
	in.renewals = rn, in.renewal_count = 2;
	in.electricity = (sg_electricity){.given = true, .as_annual = true, .annual = 5};
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.hardware, 33);
	assert_int_equal(r.software, 67);
	assert_int_equal(r.labour, 12);
	assert_int_equal(r.renewals, 18);
	assert_int_equal(r.annual_without_labour, 33 + 67 + 5 + 18);
	assert_int_equal(r.annual, 33 + 67 + 5 + 18 + 12);
	assert_int_equal(r.five_year, 5 * r.annual);
	assert_int_equal(r.five_year_without_labour, 5 * r.annual_without_labour);
	/* Lines in order: hardware, software, electricity, labour, renewals. */
	assert_int_equal(r.line_count, 6);
	assert_int_equal(r.lines[0].kind, SG_COST_HARDWARE);
	assert_int_equal(r.lines[1].kind, SG_COST_SOFTWARE);
	assert_int_equal(r.lines[2].kind, SG_COST_ELECTRICITY);
	assert_int_equal(r.lines[3].kind, SG_COST_LABOUR);
	assert_int_equal(r.lines[4].kind, SG_COST_RENEWAL);
	assert_false(r.has_offer);
	assert_int_equal(r.savings_annual, 0);
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- the offer */

static void test_offer_price(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_result r;
	/* Monthly editions are x 12; the annual price is rounded once. */
	S_offer_only(&in, 333, 850000);
	in.users = 7;
	in.period = SG_PERIOD_MONTH;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.list_annual, 7 * 333 * 12);
	/* 27972 x 0.85 = 23776.2 -> 23776 */
	assert_int_equal(r.offer_annual, 23776);
	assert_int_equal(r.offer_five_year, 5 * 23776);
	sg_cost_result_dispose(&r);

	/* 0.5 fen rounds up: 1.01 x 0.5 = 0.505 -> 0.51. */
	S_offer_only(&in, 101, 500000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.offer_annual, 51);
	sg_cost_result_dispose(&r);

	/* VAT added when prices exclude it. */
	S_offer_only(&in, Y(1000), 1000000);
	in.vat_rate = 130000;
	in.prices_include_vat = false;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.vat, Y(130));
	assert_int_equal(r.annual_with_vat, Y(1130));
	sg_cost_result_dispose(&r);

	/* VAT contained: 1060 at 6% holds exactly 60. */
	in.unit_price = Y(1060);
	in.vat_rate = 60000;
	in.prices_include_vat = true;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.vat, Y(60));
	assert_int_equal(r.annual_with_vat, Y(1060));
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- approval */

static void test_approval_tiers(void **state)
{
	(void)state;
	sg_cost_input in;
	/* List price needs nobody, in any tier. */
	S_offer_only(&in, Y(120000), 1000000);
	assert_string_equal(S_approval(&in), "none");
	S_offer_only(&in, Y(100), 1000000);
	assert_string_equal(S_approval(&in), "none");

	/* Under 300 a month every floor is list: any discount is beyond. */
	S_offer_only(&in, Y(299) * 12, 999999);
	assert_string_equal(S_approval(&in), "beyond-policy");

	/* 300 a month exactly is the 300 tier (inclusive lower bound); one fen
	 * a year less is still the first tier. */
	S_offer_only(&in, Y(300) * 12, 900000);
	assert_string_equal(S_approval(&in), "account-manager");
	S_offer_only(&in, Y(300) * 12 - 1, 900000);
	assert_string_equal(S_approval(&in), "beyond-policy");

	/* Floors are inclusive: exactly the floor is allowed, a millionth
	 * under it is the next role. */
	S_offer_only(&in, Y(300) * 12, 899999);
	assert_string_equal(S_approval(&in), "branch-marketing-director");
	S_offer_only(&in, Y(300) * 12, 850000);
	assert_string_equal(S_approval(&in), "branch-marketing-director");
	S_offer_only(&in, Y(300) * 12, 849999);
	assert_string_equal(S_approval(&in), "branch-manager");
	S_offer_only(&in, Y(300) * 12, 800000);
	assert_string_equal(S_approval(&in), "branch-manager");
	S_offer_only(&in, Y(300) * 12, 799999);
	assert_string_equal(S_approval(&in), "beyond-policy");

	/* Each tier boundary, checked with its account-manager floor. */
	struct {
		sg_fen monthly;
		sg_ppm am, bmd, bm;
	} b[] = {{Y(500), 850000, 800000, 750000},   {Y(1000), 800000, 750000, 700000},
		 {Y(5000), 750000, 700000, 650000},  {Y(10000), 700000, 650000, 600000},
		 {Y(999999), 700000, 650000, 600000}};
	for (size_t i = 0; i < sizeof b / sizeof *b; i++) {
		S_offer_only(&in, b[i].monthly * 12, b[i].am);
		assert_string_equal(S_approval(&in), "account-manager");
		S_offer_only(&in, b[i].monthly * 12, b[i].am - 1);
		assert_string_equal(S_approval(&in), "branch-marketing-director");
		S_offer_only(&in, b[i].monthly * 12, b[i].bmd - 1);
		assert_string_equal(S_approval(&in), "branch-manager");
		S_offer_only(&in, b[i].monthly * 12, b[i].bm - 1);
		assert_string_equal(S_approval(&in), "beyond-policy");
		/* Just under a boundary the previous tier's stricter floor applies
		 * (the last row is inside the top tier, not at a boundary). */
		if (i + 1 < sizeof b / sizeof *b) {
			S_offer_only(&in, b[i].monthly * 12 - 1, b[i].am);
			assert_string_equal(S_approval(&in), "branch-marketing-director");
		}
	}

	/* 9,999.99 a month (119,999.88 a year) is not rounded into the 10,000
	 * tier: 0.72 needs the branch marketing director there. */
	S_offer_only(&in, 999999 * 12, 720000);
	assert_string_equal(S_approval(&in), "branch-marketing-director");
	S_offer_only(&in, Y(10000) * 12, 720000);
	assert_string_equal(S_approval(&in), "account-manager");
}

static void test_approval_yearly_basis_and_null(void **state)
{
	(void)state;
	sg_policy yearly = S_policy;
	yearly.basis = SG_PERIOD_YEAR;
	sg_cost_input in;
	/* On a yearly basis 3,600 a year sits in the 1,000..5,000 tier. */
	S_offer_only(&in, Y(3600), 800000);
	in.policy = &yearly;
	assert_string_equal(S_approval(&in), "account-manager");
	in.policy = &S_policy; /* monthly: 300 a month, floor 0.90 */
	assert_string_equal(S_approval(&in), "branch-manager");

	/* No policy: unknown (null), at list price too. */
	in.policy = NULL;
	assert_null(S_approval(&in));
	in.discount = 1000000;
	assert_null(S_approval(&in));

	/* A policy whose first tier starts above the spend: list price is
	 * "none", anything else is beyond it. */
	sg_policy high = S_policy;
	high.tiers = &S_tiers[1];
	high.tier_count = 5;
	S_offer_only(&in, Y(100), 1000000);
	in.policy = &high;
	assert_string_equal(S_approval(&in), "none");
	in.discount = 990000;
	assert_string_equal(S_approval(&in), "beyond-policy");
}

/* ---------------------------------------------------------------- price line */

static void test_price_line(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_result r;

	/* Exactly at the line counts as over it. */
	S_offer_only(&in, Y(100000), 1000000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_true(r.over_price_line);
	assert_true(r.has_price_line_offer);
	assert_int_equal(r.price_line_annual, Y(99000));
	assert_int_equal(r.price_line_discount, 990000);
	assert_string_equal(sg_cost_approval_id(&r.price_line_approval), "account-manager");
	sg_cost_result_dispose(&r);

	/* One fen under: not over, nothing proposed. */
	S_offer_only(&in, Y(100000) - 1, 1000000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_false(r.over_price_line);
	assert_false(r.has_price_line_offer);
	assert_int_equal(r.price_line_annual, 0);
	assert_int_equal(r.price_line_approval.kind, SG_APPROVAL_UNKNOWN);
	sg_cost_result_dispose(&r);

	/* Strictly below a line that is itself a multiple of the step; a step
	 * that does not divide the line goes to the highest multiple below. */
	S_offer_only(&in, Y(200000), 1000000);
	in.price_line = Y(150000);
	in.rounding_step = Y(7000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.price_line_annual, Y(147000));
	sg_cost_result_dispose(&r);
	in.rounding_step = Y(5000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.price_line_annual, Y(145000));
	sg_cost_result_dispose(&r);
	in.rounding_step = 1; /* one fen */
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.price_line_annual, Y(150000) - 1);
	sg_cost_result_dispose(&r);

	/* Its approval is judged on the exact share, not the rounded one:
	 * 99,000 / 141,428.58 = 0.69999997.. shows as 0.700000 but is under the
	 * account manager's 0.70 floor of the top tier, so the branch marketing
	 * director must approve it. */
	S_offer_only(&in, 14142858, 1000000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.price_line_annual, Y(99000));
	assert_int_equal(r.price_line_discount, 700000);
	assert_string_equal(sg_cost_approval_id(&r.price_line_approval),
			    "branch-marketing-director");
	sg_cost_result_dispose(&r);

	/* A line deep enough below list is beyond policy; without a policy the
	 * approval is unknown. */
	S_offer_only(&in, Y(200000), 1000000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_string_equal(sg_cost_approval_id(&r.price_line_approval), "beyond-policy");
	sg_cost_result_dispose(&r);
	in.policy = NULL;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_true(r.has_price_line_offer);
	assert_null(sg_cost_approval_id(&r.price_line_approval));
	sg_cost_result_dispose(&r);

	/* The defaults: 100,000 and 1,000 when the input gives none. */
	assert_int_equal(r.price_line, SG_COST_PRICE_LINE_DEFAULT);
	assert_int_equal(r.rounding_step, SG_COST_ROUNDING_STEP_DEFAULT);

	/* A step as large as the line leaves nothing strictly below. */
	S_offer_only(&in, Y(200000), 1000000);
	in.rounding_step = Y(100000);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_true(r.over_price_line);
	assert_false(r.has_price_line_offer);
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- savings */

/* Depreciation is the yearly cost of buying the equipment again every its
 * years: the law firm's servers of 190,000 bought on 2019-05-15 cost 38,000
 * a year whatever their age, are 7 years old on 2026-11-20 and were due for
 * replacement on 2024-05-15. */
static void test_replacement(void **state)
{
	(void)state;
	sg_purchase p = {.name = "Exchange", .amount = Y(190000), .years = 5,
			 .bought = {2019, 5, 15}};
	sg_date today = {2026, 11, 20};
	assert_int_equal(sg_cost_purchase_age(&p, today), 7);
	assert_true(sg_cost_purchase_due(&p, today));
	sg_date end = sg_cost_purchase_cycle_end(&p);
	assert_int_equal(end.year, 2024);
	assert_int_equal(end.month, 5);
	assert_int_equal(end.day, 15);
	/* Whole years: one day short of the fifth year is four. */
	assert_int_equal(sg_cost_purchase_age(&p, (sg_date){2024, 5, 14}), 4);
	assert_false(sg_cost_purchase_due(&p, (sg_date){2024, 5, 14}));
	assert_int_equal(sg_cost_purchase_age(&p, (sg_date){2024, 5, 15}), 5);
	assert_true(sg_cost_purchase_due(&p, (sg_date){2024, 5, 15}));
	/* Unknown: no bought date, no today, bought after today. */
	sg_purchase undated = {.amount = Y(1000), .years = 5};
	assert_int_equal(sg_cost_purchase_age(&undated, today), -1);
	assert_false(sg_cost_purchase_due(&undated, today));
	assert_false(sg_date_is_set(sg_cost_purchase_cycle_end(&undated)));
	assert_int_equal(sg_cost_purchase_age(&p, (sg_date){0, 0, 0}), -1);
	assert_int_equal(sg_cost_purchase_age(&p, (sg_date){2019, 5, 14}), -1);
	/* 29 February plus four years is a 29 February, plus one a 28th. */
	sg_purchase leap = {.amount = Y(1000), .years = 4, .bought = {2024, 2, 29}};
	assert_int_equal(sg_cost_purchase_cycle_end(&leap).day, 29);
	leap.years = 1;
	assert_int_equal(sg_cost_purchase_cycle_end(&leap).day, 28);
	leap.bought.year = 9999;
	assert_false(sg_date_is_set(sg_cost_purchase_cycle_end(&leap)));

	/* The yearly figure does not depend on the age, and the line keeps
	 * the date for the documents. */
	sg_cost_input in;
	sg_cost_input_init(&in);
	in.hardware = &p;
	in.hardware_count = 1;
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.hardware, Y(38000));
	assert_int_equal(r.lines[0].bought.year, 2019);
	sg_cost_result_dispose(&r);
}

static void test_savings(void **state)
{
	(void)state;
	sg_staff st[] = {{.monthly_salary = Y(5000), .share = 500000}}; /* 60,000 */
	sg_renewal rn[] = {{.amount = Y(30000)}};
	sg_fee fees[] = {{.amount = Y(8000)}};
	sg_cost_input in;
	S_offer_only(&in, Y(50000), 1000000);
	in.staff = st, in.staff_count = 1;
	in.renewals = rn, in.renewal_count = 1;
	in.fees = fees, in.fee_count = 1;
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.savings_annual, Y(90000) - Y(50000));
	/* Without labour the offer costs more: a negative saving. */
	assert_int_equal(r.savings_annual_without_labour, Y(30000) - Y(50000));
	/* Five years: 450,000 against 5 x 50,000 + 8,000 of one-time fees. */
	assert_int_equal(r.savings_five_year, Y(450000) - Y(258000));
	assert_int_equal(r.savings_five_year_without_labour, Y(150000) - Y(258000));
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- segment */

static void test_size_class(void **state)
{
	(void)state;
	assert_int_equal(sg_cost_size_class(0), 0);
	assert_int_equal(sg_cost_size_class(-5), 0);
	assert_int_equal(sg_cost_size_class(1), 'E');
	assert_int_equal(sg_cost_size_class(9), 'E');
	assert_int_equal(sg_cost_size_class(10), 'D');
	assert_int_equal(sg_cost_size_class(99), 'D');
	assert_int_equal(sg_cost_size_class(100), 'C');
	assert_int_equal(sg_cost_size_class(499), 'C');
	assert_int_equal(sg_cost_size_class(500), 'B');
	assert_int_equal(sg_cost_size_class(999), 'B');
	assert_int_equal(sg_cost_size_class(1000), 'A');
	assert_int_equal(sg_cost_size_class(250000), 'A');
}

static void test_traits(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_input_init(&in);
	sg_segment s;

	/* No traits: unknown, whatever else is known. */
	in.mailboxes = 100;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, -1);
	sg_traits t = {.given = true};
	in.traits = &t;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 1); /* only the user count */
	assert_true(s.fits[SG_TRAIT_UNDER_2000]);

	/* Security: low sensitivity OR progressive leadership, one trait. */
	t.security_sensitivity = SG_LEVEL_LOW;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 2);
	t.leadership = SG_LEAD_PROGRESSIVE;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 2);
	t.security_sensitivity = SG_LEVEL_HIGH;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 2);
	assert_true(s.fits[SG_TRAIT_SECURITY]);
	t.leadership = SG_LEAD_CONSERVATIVE;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 1);
	assert_false(s.fits[SG_TRAIT_SECURITY]);

	/* Each of the others, one at a time, with the values that do not fit. */
	t.connectivity_needs = SG_LEVEL_MEDIUM;
	t.external_mail = SG_EXT_SIMILAR;
	t.it_staff = SG_IT_ADEQUATE;
	t.collaboration_needs = SG_LEVEL_HIGH;
	t.budget = SG_BUDGET_NONE;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 1);
	t.connectivity_needs = SG_LEVEL_HIGH;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 2);
	assert_true(s.fits[SG_TRAIT_CONNECTIVITY]);
	t.external_mail = SG_EXT_LARGER;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 3);
	t.it_staff = SG_IT_WEAK;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 4);
	t.collaboration_needs = SG_LEVEL_LOW;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 5);
	t.budget = SG_BUDGET_SOME;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 6);
	t.budget = SG_BUDGET_AMPLE;
	t.security_sensitivity = SG_LEVEL_LOW;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.fit, 7);

	/* Users: under 2,000; unknown mailboxes fall back to the offer's users. */
	in.mailboxes = 1999;
	sg_cost_segment(&in, 0, &s);
	assert_true(s.fits[SG_TRAIT_UNDER_2000]);
	in.mailboxes = 2000;
	sg_cost_segment(&in, 0, &s);
	assert_false(s.fits[SG_TRAIT_UNDER_2000]);
	assert_int_equal(s.fit, 6);
	in.mailboxes = 0;
	sg_cost_segment(&in, 0, &s);
	assert_false(s.fits[SG_TRAIT_UNDER_2000]);
	sg_cost_segment(&in, 1500, &s);
	assert_true(s.fits[SG_TRAIT_UNDER_2000]);
	assert_string_equal(sg_trait_name(SG_TRAIT_UNDER_2000), "under-2000-users");
}

static void test_industry(void **state)
{
	(void)state;
	const char *yes[] = {"law", "logistics", "foreign-trade", "group-subsidiary",
			     "heavy-industry", "software-outsourcing"};
	for (size_t i = 0; i < 6; i++)
		assert_true(sg_cost_typical_industry(yes[i]));
	assert_false(sg_cost_typical_industry("finance"));
	assert_false(sg_cost_typical_industry("Logistics"));
	assert_false(sg_cost_typical_industry(NULL));
	sg_cost_input in;
	sg_cost_input_init(&in);
	sg_segment s;
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.typical_industry, -1);
	in.industry = "education";
	sg_cost_segment(&in, 0, &s);
	assert_int_equal(s.typical_industry, 0);
}

/* ---------------------------------------------------------------- errors */

static void test_bad_input(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_result r;
	sg_purchase p[] = {{.amount = Y(100), .years = 0}};
	sg_cost_input_init(&in);
	in.hardware = p, in.hardware_count = 1;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_non_null(r.error);
	sg_cost_result_dispose(&r);

	p[0].years = 5;
	p[0].amount = -1;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);

	S_offer_only(&in, Y(100), 1000001);
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);
	S_offer_only(&in, Y(100), 0);
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);
	S_offer_only(&in, Y(100), 900000);
	in.users = 0;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);

	sg_staff st[] = {{.monthly_salary = Y(1), .share = 1000001}};
	sg_cost_input_init(&in);
	in.staff = st, in.staff_count = 1;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);

	/* Overflow is refused, not wrapped. */
	sg_renewal rn[] = {{.amount = INT64_MAX}, {.amount = 1}};
	sg_cost_input_init(&in);
	in.renewals = rn, in.renewal_count = 2;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_string_equal(r.error,
			    "an amount or total is too large (a document shows at most 999,999,999,999.99)");
	sg_cost_result_dispose(&r);
	in.renewal_count = 1; /* fits, but five years of it does not */
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	sg_cost_result_dispose(&r);
}

/* A figure past what a document shows (SG_COST_MAX_AMOUNT) is refused, and
 * the failure names the element that made it: the chart of a 17-digit
 * purchase over 100 years overflowed its coordinates. */
static void test_max_amount(void **state)
{
	(void)state;
	sg_cost_input in;
	sg_cost_result r;
	sg_purchase hw[] = {
		{.amount = Y(180000), .years = 5, .pos = sg_pos_make("c.xml", 17, 5)},
		{.amount = (sg_fen)9000000000000000000, .years = 100, .pos = sg_pos_make("c.xml", 18, 5)},
	};
	sg_cost_input_init(&in);
	in.hardware = hw, in.hardware_count = 2;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_non_null(r.error_pos.path);
	assert_string_equal(r.error_pos.path, "c.xml");
	assert_int_equal(r.error_pos.line, 18);
	sg_cost_result_dispose(&r);

	/* Five years of the yearly total is the largest figure: at the ceiling
	 * it is fine, one fen a year more is not, and the renewal that passes
	 * it is the one named. */
	sg_renewal rn[] = {
		{.amount = SG_COST_MAX_AMOUNT / 5 - 1, .pos = sg_pos_make("c.xml", 23, 5)},
		{.amount = 1, .pos = sg_pos_make("c.xml", 24, 5)},
		{.amount = 1, .pos = sg_pos_make("c.xml", 25, 5)},
	};
	sg_cost_input_init(&in);
	in.renewals = rn, in.renewal_count = 2;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	assert_int_equal(r.five_year, SG_COST_MAX_AMOUNT / 5 * 5);
	sg_cost_result_dispose(&r);
	in.renewal_count = 3;
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_int_equal(r.error_pos.line, 25);
	sg_cost_result_dispose(&r);

	/* The offer: a trillion users at 100 a year, at the <offer>. */
	S_offer_only(&in, Y(100), 1000000);
	in.users = 1000000000000;
	in.offer_pos = sg_pos_make("c.xml", 74, 3);
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_int_equal(r.error_pos.line, 74);
	sg_diags d;
	sg_diags_init(&d);
	sg_cost_report(&d, &r, sg_pos_make("c.xml", 4, 1));
	char line[512];
	sg_diag_format(&d.items[0], false, line, sizeof line);
	assert_string_equal(line, "c.xml:74:3: error: cannot compute the cost model: an amount or "
				  "total is too large (a document shows at most 999,999,999,999.99)");
	sg_diags_dispose(&d);
	sg_cost_result_dispose(&r);

	/* Without positions (command-line flags): the fallback. */
	in.offer_pos = (sg_pos){0};
	assert_int_equal(sg_cost_compute(&in, &r), -1);
	assert_null(r.error_pos.path);
	sg_cost_result_dispose(&r);
}

/* ---------------------------------------------------------------- view */

static void test_view_json(void **state)
{
	(void)state;
	sg_cost_input in;
	S_hengtong(&in);
	sg_cost_result r;
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	sg_arena a;
	sg_arena_init(&a);
	sg_value *v = sg_view_cost(&a, &r);
	sg_buf out;
	sg_buf_init(&out);
	sg_json_write(sg_map_get(v, "self_hosted"), 0, &out);
	assert_non_null(strstr(out.data, "{\"hardware\":55000,\"software\":12000,"
					 "\"electricity\":13315.2,\"labour\":240000,"
					 "\"renewals\":102000,\"annual\":422315.2,"
					 "\"annual_without_labour\":182315.2,"
					 "\"five_year\":2111576,\"five_year_without_labour\":911576,"));
	sg_buf_clear(&out);
	sg_json_write(sg_map_get(v, "offer"), 0, &out);
	assert_non_null(strstr(out.data, "{\"users\":1000,\"list_annual\":120000,"
					 "\"discount\":0.85,\"annual\":102000,\"five_year\":510000,"
					 "\"approval\":\"account-manager\",\"price_line\":100000,"
					 "\"over_price_line\":true,\"price_line_annual\":99000,"
					 "\"price_line_discount\":0.825,"
					 "\"price_line_approval\":\"account-manager\","));
	assert_non_null(strstr(out.data, "\"vat_contained\":5773.58,\"vat_added\":null"));
	sg_buf_clear(&out);
	sg_json_write(sg_map_get(v, "savings"), 0, &out);
	assert_string_equal(out.data, "{\"annual\":320315.2,\"annual_without_labour\":80315.2,"
				      "\"five_year\":1582576,\"five_year_without_labour\":382576}");
	sg_buf_clear(&out);
	sg_json_write(sg_map_get(v, "segment"), 0, &out);
	assert_string_equal(out.data,
			    "{\"size_class\":\"A\",\"fit\":7,\"fit_of\":7,\"traits\":["
			    "\"security-or-leadership\",\"connectivity\",\"external-mail\","
			    "\"under-2000-users\",\"weak-it-staff\",\"low-collaboration\","
			    "\"budget\"],\"typical_industry\":true}");
	/* Keys in the documented order. */
	const char *keys[] = {"currency", "self_hosted", "offer", "savings", "segment"};
	size_t i = 0;
	for (sg_value *c = v->u.items.first; c; c = c->next, i++)
		assert_string_equal(c->key, keys[i]);
	assert_int_equal(i, 5);
	sg_cost_result_dispose(&r);

	/* Without an offer or a policy: nulls where the issue shows them, and
	 * a discount of 1.0. */
	sg_cost_input_init(&in);
	assert_int_equal(sg_cost_compute(&in, &r), 0);
	v = sg_view_cost(&a, &r);
	sg_buf_clear(&out);
	sg_json_write(v, 0, &out);
	assert_non_null(strstr(out.data, "\"discount\":1.0,"));
	assert_non_null(strstr(out.data, "\"approval\":null,\"price_line\":100000,"
					 "\"over_price_line\":false,\"price_line_annual\":null,"
					 "\"price_line_discount\":null,\"price_line_approval\":null"));
	assert_non_null(strstr(out.data, "\"segment\":{\"size_class\":null,\"fit\":null,"
					 "\"fit_of\":7,"));
	sg_cost_result_dispose(&r);
	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- kept */

/* A kept result made whole again is the result, line by line and figure by
 * figure (its JSON), for inputs with every kind of line, with and without an
 * offer, a policy or VAT included; without room for lines, the totals. */
static void S_roundtrip(const sg_cost_input *in)
{
	sg_cost_result r, back, totals;
	assert_int_equal(sg_cost_compute(in, &r), 0);
	sg_arena a;
	sg_arena_init(&a);
	sg_cost_kept k;
	sg_cost_keep(&k, &r, &a);
	sg_cost_line lines[16];
	assert_true(r.line_count <= 16);
	sg_cost_unkeep(&back, &k, in, lines);
	sg_buf x, y;
	sg_buf_init(&x);
	sg_buf_init(&y);
	sg_json_write(sg_view_cost(&a, &r), 0, &x);
	sg_json_write(sg_view_cost(&a, &back), 0, &y);
	assert_string_equal(x.data, y.data);
	assert_int_equal(back.line_count, r.line_count);
	for (size_t i = 0; i < r.line_count; i++) {
		const sg_cost_line *p = &back.lines[i], *q = &r.lines[i];
		assert_int_equal(p->kind, q->kind);
		assert_ptr_equal(p->name, q->name);
		assert_int_equal(p->annual, q->annual);
		assert_int_equal(p->base, q->base);
		assert_int_equal(p->years, q->years);
		assert_int_equal(p->share, q->share);
		assert_int_equal(p->watt_hours, q->watt_hours);
		assert_int_equal(p->price_per_kwh, q->price_per_kwh);
		assert_int_equal(p->renewal, q->renewal);
	}
	assert_ptr_equal(back.policy, r.policy);
	assert_ptr_equal(back.fees, r.fees);
	assert_ptr_equal(back.approval.role, r.approval.role);
	assert_ptr_equal(back.approval.tier, r.approval.tier);
	sg_cost_unkeep(&totals, &k, in, NULL);
	assert_null(totals.lines);
	assert_int_equal(totals.line_count, 0);
	assert_int_equal(totals.annual, r.annual);
	assert_int_equal(totals.savings_five_year, r.savings_five_year);
	sg_buf_dispose(&x);
	sg_buf_dispose(&y);
	sg_arena_dispose(&a);
	sg_cost_result_dispose(&r);
}

static void test_kept(void **state)
{
	(void)state;
	sg_cost_input in;
	S_hengtong(&in);
	S_roundtrip(&in);
	in.prices_include_vat = false;
	in.electricity = (sg_electricity){.given = true, .as_annual = true, .annual = 1234567};
	in.period = SG_PERIOD_MONTH;
	S_roundtrip(&in);
	in.policy = NULL;
	in.discount = 300000;
	S_roundtrip(&in);
	in.has_offer = false;
	S_roundtrip(&in);
	S_offer_only(&in, Y(150000), 800000);
	S_roundtrip(&in);
	sg_cost_input_init(&in);
	S_roundtrip(&in);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hengtong),
		cmocka_unit_test(test_rounding_per_line),
		cmocka_unit_test(test_electricity),
		cmocka_unit_test(test_labour),
		cmocka_unit_test(test_totals_and_five_year),
		cmocka_unit_test(test_offer_price),
		cmocka_unit_test(test_approval_tiers),
		cmocka_unit_test(test_approval_yearly_basis_and_null),
		cmocka_unit_test(test_price_line),
		cmocka_unit_test(test_replacement),
		cmocka_unit_test(test_savings),
		cmocka_unit_test(test_size_class),
		cmocka_unit_test(test_traits),
		cmocka_unit_test(test_industry),
		cmocka_unit_test(test_bad_input), cmocka_unit_test(test_max_amount),
		cmocka_unit_test(test_view_json),
		cmocka_unit_test(test_kept),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}
