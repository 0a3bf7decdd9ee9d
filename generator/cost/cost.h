/*
 * cost.h - the cost engine: what self-hosting really costs a customer, what
 * our offer costs, who must approve its discount, and how well the customer
 * fits the self-hosted segment.
 *
 * Pure functions, no I/O. All money is integer fen (sg_fen), all shares are
 * integer millionths (sg_ppm); no floating point is used. Every cost line (a
 * purchase's yearly depreciation, the electricity, one staff member's labour,
 * one renewal) and the offer's annual price is rounded half-up to the fen
 * exactly once; every total is the sum of rounded lines, so the figures a
 * customer adds up by hand match ours to the fen. docs/cost.md states every
 * rule with a worked example.
 *
 * Typical use:
 *
 *   sg_cost_input in;
 *   sg_cost_input_from_customer(&in, customer, catalog);
 *   sg_cost_result r;
 *   if (sg_cost_compute(&in, &r) < 0) ... r.error says why ...
 *   ...
 *   sg_cost_result_dispose(&r);
 *
 * A customer of a loaded content is computed once, by its evaluation
 * (cost/evaluation.h); its figures as JSON and template data are the fields
 * of document/fields.h.
 */
#ifndef SG_COST_COST_H
#define SG_COST_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/value.h"
#include "model/model.h"

/* Hours in the year electricity is counted over (365 x 24). */
#define SG_COST_HOURS_PER_YEAR 8760
/* The "salary x 2" rule: social insurance and office costs double a salary. */
#define SG_COST_LABOUR_FACTOR 2
/* Five-year figures are this many times the annual ones. */
#define SG_COST_YEARS 5
/* The largest amount the engine gives: every figure it computes, five-year
 * totals included, is at most 999,999,999,999.99 (under a trillion yuan). A
 * larger one would not fit the tables and charts of a document, so the engine
 * refuses it at the element that makes it. Keeping every figure this far from
 * the 64-bit limit also lets a document add, subtract and scale them (x 5,
 * or a share in millionths with 128-bit intermediates) without overflow. */
#define SG_COST_MAX_AMOUNT ((sg_fen)99999999999999)
/* Defaults when there is no catalog, or it gives no price line or step. */
#define SG_COST_PRICE_LINE_DEFAULT ((sg_fen)100000 * 100)
#define SG_COST_ROUNDING_STEP_DEFAULT ((sg_fen)1000 * 100)

/* ---------------------------------------------------------------- input */

/* Everything the engine needs, as plain arrays. The calculator fills it from
 * command-line flags, sg_cost_input_from_customer() from the model. Pointers
 * are borrowed: they must outlive the result (which points into them). */
typedef struct sg_cost_input {
	const char *currency; /* NULL: "CNY" */

	/* Self-hosted system. */
	const sg_purchase *hardware; /* each depreciated over its years (>= 1) */
	size_t hardware_count;
	const sg_purchase *software;
	size_t software_count;
	sg_electricity electricity; /* not counted unless given */
	const sg_staff *staff;
	size_t staff_count;
	const sg_renewal *renewals;
	size_t renewal_count;

	/* The offer; everything below is ignored unless has_offer. */
	bool has_offer;
	sg_pos offer_pos; /* the <offer> element, for messages (path NULL: none) */
	int64_t users;        /* units bought, >= 1 */
	sg_fen unit_price;    /* per unit per period */
	sg_period period;     /* SG_PERIOD_MONTH: the list price is x 12 a year */
	sg_ppm discount;      /* share of list paid, 1..SG_PPM_ONE */
	const sg_fee *fees;   /* one-time fees */
	size_t fee_count;
	sg_ppm vat_rate;
	bool prices_include_vat;
	const sg_policy *policy; /* NULL: no policy, approvals are null */

	/* <= 0: the defaults above. */
	sg_fen price_line;
	sg_fen rounding_step;

	/* Segment. */
	int64_t employees; /* 0: unknown */
	int64_t mailboxes; /* 0: unknown (then the offer's users count) */
	const char *industry; /* NULL: unknown */
	const sg_traits *traits; /* NULL or !given: the trait count is unknown */
} sg_cost_input;

/* An input with nothing in it: no costs, no offer, default price line. */
void sg_cost_input_init(sg_cost_input *in);

/* Fills in from a customer and the catalog its offer refers to. The offer
 * counts only when it names a product and edition that resolved (c->offer.
 * product and .edition); catalog may be NULL (then there is no policy and the
 * price line is the default). Borrows from c and catalog. */
void sg_cost_input_from_customer(sg_cost_input *in, const sg_customer *c,
				 const sg_catalog *catalog);

/* ---------------------------------------------------------------- result */

typedef enum sg_cost_line_kind {
	SG_COST_HARDWARE,
	SG_COST_SOFTWARE,
	SG_COST_ELECTRICITY,
	SG_COST_LABOUR,
	SG_COST_RENEWAL,
} sg_cost_line_kind;

/* The id of a kind of line, as the JSON and the templates have it:
 * "hardware", "software", "electricity", "labour" or "renewal". */
const char *sg_cost_line_kind_name(sg_cost_line_kind kind);

/* One rounded line of the self-hosted annual cost, in input order: hardware,
 * software, electricity, staff, renewals. */
typedef struct sg_cost_line {
	sg_cost_line_kind kind;
	const char *name; /* borrowed from the input; may be NULL */
	sg_fen annual;    /* per year, rounded to the fen */
	sg_fen base;      /* purchase amount, monthly salary, yearly renewal or
			     electricity annual amount as given */
	int years;        /* purchases: depreciation years, its replacement cycle */
	sg_date bought;   /* purchases: when it was bought; unset when not given */
	sg_ppm share;     /* staff: share of working time */
	int64_t watt_hours; /* electricity from watts: energy a year (Wh) */
	int64_t price_per_kwh; /* electricity from watts: 1/10000 yuan */
	sg_renewal_kind renewal; /* renewals */
} sg_cost_line;

typedef enum sg_approval_kind {
	SG_APPROVAL_UNKNOWN, /* no policy: JSON null */
	SG_APPROVAL_NONE,    /* list price: nobody needs to approve */
	SG_APPROVAL_ROLE,    /* role is the most junior role that may approve */
	SG_APPROVAL_BEYOND,  /* no role of the policy may approve it */
} sg_approval_kind;

typedef struct sg_cost_approval {
	sg_approval_kind kind;
	const sg_role *role; /* when SG_APPROVAL_ROLE */
	const sg_tier *tier; /* the tier the list spend falls in, or NULL */
} sg_cost_approval;

/* The seven traits of a good self-hosted prospect, in the order of the table
 * in docs/cost.md ("The segment"). */
typedef enum sg_trait_id {
	SG_TRAIT_SECURITY,      /* low security sensitivity or progressive leadership */
	SG_TRAIT_CONNECTIVITY,  /* high connectivity and stability needs */
	SG_TRAIT_EXTERNAL_MAIL, /* external mail needs larger than internal */
	SG_TRAIT_UNDER_2000,    /* under 2,000 users (mailboxes) */
	SG_TRAIT_WEAK_IT,       /* weak IT staff */
	SG_TRAIT_COLLABORATION, /* low collaboration needs */
	SG_TRAIT_BUDGET,        /* some or ample budget */
	SG_TRAIT_COUNT
} sg_trait_id;

/* The stable id of a trait ("security-or-leadership", ...). */
const char *sg_trait_name(sg_trait_id t);

typedef struct sg_segment {
	char size_class;          /* 'A'..'E', 0 when employees are unknown */
	int fit;                  /* traits that fit, -1 when traits are unknown */
	bool fits[SG_TRAIT_COUNT];
	int typical_industry;     /* 1 yes, 0 no, -1 industry unknown */
} sg_segment;

typedef struct sg_cost_result {
	const char *currency;

	/* Self-hosted, per year unless named five_year. */
	sg_cost_line *lines; /* heap, freed by sg_cost_result_dispose */
	size_t line_count;
	sg_fen hardware, software, electricity, labour, renewals;
	sg_fen annual, annual_without_labour;
	sg_fen five_year, five_year_without_labour;

	/* Offer (zeros when !has_offer). */
	bool has_offer;
	int64_t users;
	sg_fen unit_price;
	sg_period period;
	sg_fen list_annual;
	sg_ppm discount;
	sg_fen offer_annual;    /* list x discount, rounded once */
	sg_fen offer_five_year; /* 5 x annual */
	const sg_fee *fees;     /* borrowed from the input */
	size_t fee_count;
	sg_fen one_time;        /* sum of one-time fees */
	sg_fen offer_five_year_total; /* five-year price + one-time fees */
	sg_ppm vat_rate;
	bool prices_include_vat;
	sg_fen vat;            /* VAT contained in (or added to) the annual price */
	sg_fen annual_with_vat; /* the annual price a customer pays, VAT included */
	const sg_policy *policy;
	sg_cost_approval approval;

	/* The price line. */
	sg_fen price_line, rounding_step;
	bool over_price_line;      /* offer_annual >= price_line */
	bool has_price_line_offer; /* over the line and a step fits below it */
	sg_fen price_line_annual;  /* highest step multiple strictly below the line */
	sg_ppm price_line_discount; /* its share of list, rounded to the ppm */
	sg_cost_approval price_line_approval; /* judged on the exact share */

	/* Savings of the offer against self-hosting (negative: the offer costs
	 * more). Five-year savings count the one-time fees against the offer. */
	sg_fen savings_annual, savings_annual_without_labour;
	sg_fen savings_five_year, savings_five_year_without_labour;

	sg_segment segment;

	const char *error; /* static text when sg_cost_compute failed */
	/* The input element whose figure failed (a <hardware>, <staff>, <offer>,
	 * <fee> ...), so the message points at it; path NULL when the input
	 * carries no positions (command-line flags). */
	sg_pos error_pos;
	sg_pos at; /* internal: the element being computed */
} sg_cost_result;

/* Computes everything. Returns 0, or -1 when the input is out of range (a
 * negative amount, depreciation years under 1, a share outside 0..1, a
 * discount outside (0, 1], no users) or a total overflows; then r->error says
 * which, in a few words. Always call sg_cost_result_dispose() afterwards. */
int sg_cost_compute(const sg_cost_input *in, sg_cost_result *r);
void sg_cost_result_dispose(sg_cost_result *r);

/* ---------------------------------------------------------------- kept */

/* The amounts sg_cost_compute() works out (every other figure of a result
 * is copied from its input): what a kept result holds. */
#define SG_COST_KEPT_AMOUNTS(X)                                                               \
	X(hardware) X(software) X(electricity) X(labour) X(renewals) X(annual)                \
	X(annual_without_labour) X(five_year) X(five_year_without_labour) X(list_annual)      \
	X(offer_annual) X(offer_five_year) X(one_time) X(offer_five_year_total) X(vat)        \
	X(annual_with_vat) X(price_line_annual) X(price_line_discount) X(savings_annual)      \
	X(savings_annual_without_labour) X(savings_five_year) X(savings_five_year_without_labour)

/* What else it works out and a kept result holds, each of its own type. */
#define SG_COST_KEPT_OTHERS(X)                                                      \
	X(approval) X(price_line_approval) X(segment) X(has_offer) X(over_price_line) \
	X(has_price_line_offer)

/* A successful result kept small: what sg_cost_compute() worked out,
 * without what it copied from its input (prices, counts, names, the policy)
 * and with only each line's annual amount. sg_cost_unkeep() makes the whole
 * result again from it and the same input, computing nothing. An evaluation
 * keeps one per customer (cost/evaluation.h), at a third of the size of a
 * whole result. */
typedef struct sg_cost_kept {
#define SG_COST_KEPT_FIELD(name) sg_fen name;
	SG_COST_KEPT_AMOUNTS(SG_COST_KEPT_FIELD)
#undef SG_COST_KEPT_FIELD
	/* SG_COST_KEPT_OTHERS: */
	sg_cost_approval approval, price_line_approval;
	sg_segment segment;
	bool has_offer, over_price_line, has_price_line_offer;
	uint32_t line_count;
	const sg_fen *line_annual; /* each line's annual amount, in order */
} sg_cost_kept;

/* Keeps r (a successful result) in k; the annual amounts of its lines go
 * into a. */
void sg_cost_keep(sg_cost_kept *k, const sg_cost_result *r, sg_arena *a);

/* The whole result k was kept from, from the same input in: every figure
 * as sg_cost_compute() set it. Its lines are made again in lines (room for
 * k->line_count of them); with lines NULL the result has none (line_count
 * 0), for readers of its totals. r borrows from in, k and lines. */
void sg_cost_unkeep(sg_cost_result *r, const sg_cost_kept *k, const sg_cost_input *in,
		    sg_cost_line *lines);

/* How many times sg_cost_compute() ran in this process, in every thread: a
 * build proves with it that each customer's cost model was computed once
 * (cost/evaluation.h). */
size_t sg_cost_compute_count(void);

/* Reports a failed computation: "cannot compute the cost model: WHY" at
 * r->error_pos, or at fallback (the customer) when the result has none. */
void sg_cost_report(sg_diags *d, const sg_cost_result *r, sg_pos fallback);

/* ---------------------------------------------------------------- pieces */

/* The approval needed to sell at a share paid/of of the list price (exact:
 * compared in integers, never rounded) when the list price is list_annual a
 * year: the most junior role whose floor in the tier of that list spend is at
 * or below the share. paid >= of is list price ("none"); no tier or no role
 * low enough is "beyond-policy"; no policy is unknown (null). For a discount
 * in ppm pass (discount, SG_PPM_ONE); for a price, (price, list_annual). */
sg_cost_approval sg_cost_approval_for(const sg_policy *policy, sg_fen list_annual, int64_t paid,
				      int64_t of);

/* The size class of a headcount: 'A' (1000+) .. 'E' (1-9), 0 when < 1. */
char sg_cost_size_class(int64_t employees);

/* True for the six typical target industries of the self-hosted segment. */
bool sg_cost_typical_industry(const char *industry);

/* Fills s from the segment fields of in. */
void sg_cost_segment(const sg_cost_input *in, int64_t offer_users, sg_segment *s);

/* "account-manager", "none", "beyond-policy", or NULL for SG_APPROVAL_UNKNOWN. */
const char *sg_cost_approval_id(const sg_cost_approval *a);

/* ---------------------------------------------------------------- replacement */

/* Depreciation over a purchase's years is what keeping the system costs a
 * year: the equipment is bought again every that many years, and each year
 * carries its share. A purchase that has been in use for its years or more
 * is therefore due for replacement (cost/replacement.c): a reason for the
 * customer to decide now, before paying for it again. */

/* The whole years p has been in use on day today, from its bought date; -1
 * when either date is unknown or p was bought after today. */
int sg_cost_purchase_age(const sg_purchase *p, sg_date today);
/* The day p completes its replacement cycle: bought plus its years (29
 * February becoming 28 February in a common year); unset when bought is
 * unknown or the day would pass 9999-12-31. */
sg_date sg_cost_purchase_cycle_end(const sg_purchase *p);
/* True when p has been in use for its depreciation years or more on day
 * today. */
bool sg_cost_purchase_due(const sg_purchase *p, sg_date today);

/* ---------------------------------------------------------------- approvals */

/* Approval as code (cost/approval.c). The price-line offer is made only to a
 * customer whose offer is budget-sensitive, when the offer is over the line
 * and some role of the policy may approve the price-line discount. */
bool sg_cost_price_line_offered(const sg_customer *cu, const sg_cost_result *r);

/* True when cu's offer needs an approval its file does not record: the
 * discount's (or the offered price-line discount's) role, or someone senior
 * to it, is not among the offer's approvals, or no role may approve the
 * discount at all. Then *role (when not NULL) is the role still needed, NULL
 * for a discount beyond the policy, and *price_line (when not NULL) says
 * whether it is the price-line offer that lacks it. */
bool sg_cost_approval_missing(const sg_customer *cu, const sg_cost_result *r,
			      const sg_role **role, bool *price_line);

#endif
