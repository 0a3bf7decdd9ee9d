/*
 * evaluation.h - one evaluation per customer: what the outputs decide about a
 * customer (its cost model, the approval its offer needs and whether the file
 * records it, the price-line offer, the segment, the dates that matter),
 * computed once after the content loads and read by every consumer: `check`,
 * `build` (cost outputs, proposals, reviews, the pipeline report, the site's
 * account and pipeline pages), `proposal` and `cost`.
 *
 * Before, each consumer ran the cost model again (nine times per customer in
 * one build) and handed the figures on as strings. Now the evaluations are
 * made before the build engine runs, so forked workers inherit them and none
 * computes one again; sg_cost_compute_count() proves it.
 *
 * Typical use:
 *
 *   sg_content *c = sg_content_load(dir, &d);
 *   sg_evals *ev = sg_evals_new(c, build_date, threads);
 *   ... c->customers[i]->eval is that customer's evaluation ...
 *   sg_evals_free(ev);          (before sg_content_free(c))
 *   sg_content_free(c);
 */
#ifndef SG_COST_EVALUATION_H
#define SG_COST_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/diag.h"
#include "cost/cost.h"
#include "model/model.h"

typedef struct sg_eval {
	const sg_customer *cu;
	const sg_catalog *catalog; /* it was evaluated against */
	/* Whether its cost model could be computed. If so, the model is kept
	 * small in cost (a build holds the evaluation of every customer, and its
	 * workers inherit them all) and sg_eval_cost() gives the whole result;
	 * if not, error and error_pos say why, sg_eval_report() reports it the
	 * way every consumer always has, and nothing else below is set. */
	bool ok;
	sg_cost_kept cost;
	const char *error;
	sg_pos error_pos;

	/* Approval as code (cost/approval.c), decided on the result. */
	bool price_line_offered;       /* sg_cost_price_line_offered() */
	bool approval_missing;         /* sg_cost_approval_missing() */
	const sg_role *missing_role;   /* the role still needed; NULL: beyond the policy */
	bool missing_price_line;       /* it is the price-line discount that lacks it */

	/* The dates that matter. from is the day relative dates ("in 40 days")
	 * count from: the build date, else the customer's as-of date. */
	sg_date from;
	sg_date as_of;
	sg_date offer_date;  /* unset without an offer */
	sg_date valid_until; /* the end of the offer's validity; unset when not known */
	/* The next moment to act on: the first renewal due on or after from,
	 * else the latest event (the last one written); both NULL: none. */
	const sg_renewal *next_renewal;
	const sg_event *last_event;
} sg_eval;

/* Evaluates cu against catalog (may be NULL), with relative dates counted
 * from build_date (unset: cu's as-of date). ev borrows from cu and catalog;
 * what it keeps of the cost model's lines goes into a. Returns 0, or -1
 * when the cost model cannot be computed (ev->ok false). */
int sg_eval_customer(sg_eval *ev, const sg_customer *cu, const sg_catalog *catalog,
		     sg_date build_date, sg_arena *a);

/* The cost model of ev as sg_cost_compute() made it, from what ev keeps and
 * the customer: nothing is computed. Its lines are made again in a; with a
 * NULL, for readers of the totals only, it has none (line_count 0). A
 * failed evaluation gives a result with only error and error_pos. r
 * borrows from ev, its customer and a. */
void sg_eval_cost(const sg_eval *ev, sg_cost_result *r, sg_arena *a);

/* Reports a failed evaluation as each consumer always has: "cannot compute
 * the cost model: WHY" at the element at fault, else at the customer. */
void sg_eval_report(const sg_eval *ev, sg_diags *d);

/* A warning (an error under --strict) at the offer's line when the offer
 * lacks a needed approval: what `salesgen check` says and what fails a cost
 * output under `build --strict`. Returns true when it warned. */
bool sg_eval_warn_approval(const sg_eval *ev, sg_diags *d);

/* The first renewal of ev's customer due on or after day (any dated renewal
 * when day is unset), the earliest first, the first written on a tie; NULL
 * when none. The evaluation's own when day is its from, else looked up. */
const sg_renewal *sg_eval_renewal_after(const sg_eval *ev, sg_date day);

/* ---------------------------------------------------------------- a content */

typedef struct sg_evals sg_evals;

/* Evaluates every customer of c in up to threads threads (the result does
 * not depend on threads) and points each customer's eval at its evaluation.
 * Failed evaluations are kept with their error, not reported: each consumer
 * reports them where it always has. Never returns NULL. Free with
 * sg_evals_free() before the content. */
sg_evals *sg_evals_new(sg_content *c, sg_date build_date, int threads);
/* The number of customers evaluated. */
size_t sg_evals_count(const sg_evals *e);
/* Clears the customers' eval pointers and frees the evaluations. */
void sg_evals_free(sg_evals *e);

/* The evaluation of cu (made by sg_evals_new()); never NULL for a customer
 * of an evaluated content. */
const sg_eval *sg_eval_of(const sg_customer *cu);

/* A warning (an error under --strict) at the offer's line for every customer
 * of c whose offer lacks a needed approval: what `salesgen check --strict`
 * fails on, so CI can block unapproved quotes. Reads the customers'
 * evaluations. Returns how many. */
size_t sg_eval_check_approvals(const sg_content *c, sg_diags *d);

#endif
