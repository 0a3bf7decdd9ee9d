/*
 * evaluation.c - each customer evaluated once (see evaluation.h).
 */
#include "cost/evaluation.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* ---------------------------------------------------------------- one customer */

static const sg_renewal *S_renewal_after(const sg_customer *cu, sg_date day)
{
	const sg_renewal *best = NULL;
	for (size_t i = 0; i < cu->renewal_count; i++) {
		const sg_renewal *r = &cu->renewals[i];
		if (!sg_date_is_set(r->due) || sg_date_cmp(r->due, day) < 0)
			continue;
		if (!best || sg_date_cmp(r->due, best->due) < 0)
			best = r;
	}
	return best;
}

int sg_eval_customer(sg_eval *ev, const sg_customer *cu, const sg_catalog *catalog,
		     sg_date build_date, sg_arena *a)
{
	memset(ev, 0, sizeof *ev);
	ev->cu = cu;
	ev->catalog = catalog;
	sg_cost_input in;
	sg_cost_input_from_customer(&in, cu, catalog);
	sg_cost_result r;
	ev->ok = sg_cost_compute(&in, &r) == 0;
	if (!ev->ok) {
		ev->error = r.error;
		ev->error_pos = r.error_pos;
		sg_cost_result_dispose(&r);
		return -1;
	}
	sg_cost_keep(&ev->cost, &r, a);
	ev->price_line_offered = sg_cost_price_line_offered(cu, &r);
	ev->approval_missing =
		sg_cost_approval_missing(cu, &r, &ev->missing_role, &ev->missing_price_line);
	sg_cost_result_dispose(&r);

	ev->from = sg_date_is_set(build_date) ? build_date : cu->as_of;
	ev->as_of = cu->as_of;
	if (cu->offer.given) {
		ev->offer_date = cu->offer.date;
		ev->valid_until = cu->offer.valid_until;
	}
	ev->next_renewal = S_renewal_after(cu, ev->from);
	ev->last_event = cu->event_count ? &cu->events[cu->event_count - 1] : NULL;
	return 0;
}

void sg_eval_cost(const sg_eval *ev, sg_cost_result *r, sg_arena *a)
{
	if (!ev->ok) {
		memset(r, 0, sizeof *r);
		r->error = ev->error;
		r->error_pos = ev->error_pos;
		return;
	}
	sg_cost_input in;
	sg_cost_input_from_customer(&in, ev->cu, ev->catalog);
	sg_cost_line *lines =
		a ? sg_arena_alloc(a, (ev->cost.line_count + 1) * sizeof *lines) : NULL;
	sg_cost_unkeep(r, &ev->cost, &in, lines);
}

void sg_eval_report(const sg_eval *ev, sg_diags *d)
{
	sg_cost_result r;
	sg_eval_cost(ev, &r, NULL);
	sg_cost_report(d, &r, ev->cu->pos);
}

bool sg_eval_warn_approval(const sg_eval *ev, sg_diags *d)
{
	if (!ev->ok || !ev->approval_missing)
		return false;
	const sg_customer *cu = ev->cu;
	if (!ev->missing_role)
		sg_warning(d, cu->offer.pos,
			   "the offer's discount is beyond the approval policy: no role may "
			   "approve it, so its proposal is a draft");
	else
		/* The line to add, ready to paste: who approved and when only the
		 * user knows. */
		sg_warning(d, cu->offer.pos,
			   "the offer's %s needs the approval of %s (or someone senior), which "
			   "the file does not record: its proposal is a draft; once it is "
			   "approved, add to the <offer>: <approval role=\"%s\" name=\"WHO\" "
			   "date=\"YYYY-MM-DD\"/>",
			   ev->missing_price_line ? "price-line discount" : "discount",
			   ev->missing_role->id, ev->missing_role->id);
	return true;
}

const sg_renewal *sg_eval_renewal_after(const sg_eval *ev, sg_date day)
{
	if (ev->ok && sg_date_cmp(day, ev->from) == 0)
		return ev->next_renewal;
	return S_renewal_after(ev->cu, day);
}

const sg_eval *sg_eval_of(const sg_customer *cu)
{
	/* A consumer that reaches a customer of a content nobody evaluated is
	 * a programming error: every command evaluates right after loading. */
	assert(cu->eval);
	return cu->eval;
}

size_t sg_eval_check_approvals(const sg_content *c, sg_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < c->customer_count; i++)
		n += sg_eval_warn_approval(sg_eval_of(c->customers[i]), d);
	return n;
}

/* ---------------------------------------------------------------- a content */

struct sg_evals {
	sg_content *c;
	sg_eval *items; /* parallel to c->customers */
	size_t count;
	sg_arena arena; /* what they keep of every customer's lines */
};

/* Customers are independent and their evaluations are kept per index, so
 * threads change nothing but the time. Each thread takes every step-th
 * customer from first, as the loader does. */
typedef struct S_part {
	sg_evals *e;
	sg_date build_date;
	size_t first, step;
	sg_arena arena; /* this thread's: adopted by e's when it is done */
} S_part;

static void *S_run(void *arg)
{
	S_part *p = arg;
	const sg_content *c = p->e->c;
	for (size_t i = p->first; i < p->e->count; i += p->step)
		sg_eval_customer(&p->e->items[i], c->customers[i], c->catalog, p->build_date,
				 &p->arena);
	return NULL;
}

/* Below this many customers threads are not worth starting. */
#define S_PARALLEL_MIN 256
#define S_THREADS_MAX 16

sg_evals *sg_evals_new(sg_content *c, sg_date build_date, int threads)
{
	sg_evals *e = sg_xcalloc(1, sizeof *e);
	e->c = c;
	e->count = c->customer_count;
	e->items = sg_xcalloc(e->count ? e->count : 1, sizeof *e->items);
	sg_arena_init(&e->arena);
	if (threads > S_THREADS_MAX)
		threads = S_THREADS_MAX;
	if (threads < 1 || e->count < S_PARALLEL_MIN)
		threads = 1;
	S_part parts[S_THREADS_MAX];
	pthread_t tid[S_THREADS_MAX];
	int started = 0;
	for (int t = 0; t < threads; t++) {
		parts[t] = (S_part){e, build_date, (size_t)t, (size_t)threads, {0}};
		sg_arena_init(&parts[t].arena);
	}
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, S_run, &parts[t]) != 0)
			break;
		started = t;
	}
	/* The parts of threads that could not start are done here. */
	for (int t = started + 1; t < threads; t++)
		S_run(&parts[t]);
	S_run(&parts[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (int t = 0; t < threads; t++)
		sg_arena_adopt(&e->arena, &parts[t].arena);
	for (size_t i = 0; i < e->count; i++)
		c->customers[i]->eval = &e->items[i];
	return e;
}

size_t sg_evals_count(const sg_evals *e)
{
	return e ? e->count : 0;
}

void sg_evals_free(sg_evals *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->count; i++)
		if (e->c->customers[i]->eval == &e->items[i])
			e->c->customers[i]->eval = NULL;
	sg_arena_dispose(&e->arena);
	free(e->items);
	free(e);
}
