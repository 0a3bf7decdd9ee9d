/*
 * totalfit.c - the Knuth-Plass search (see totalfit.h for what it does).
 *
 * One pass walks the items left to right with the running sums (width,
 * stretch, shrink) of everything before the current item. Each active break
 * remembers the sums up to the first item of the line that starts there, so
 * a line from it to the current break is a subtraction.
 *
 * The active breaks are kept in one list per line class (the number of lines
 * before the break, held at nwidths - 1, past which every line has the same
 * measure), each in the order the breaks were reached. Breaks of the same
 * class have the same future, so at each legal break the best new break per
 * fitness class is found among the lists that lead to one class and appended
 * to that class's list. The lists are walked from the highest class down, so
 * a new break lands in a list already walked and is not costed against its
 * own position. Along one list the lines to the current break get shorter:
 * the ones that overflow (and leave for good) come first, the ones too loose
 * to count come last, and the walk stops at the first too loose one. That is
 * what keeps the work near the number of items times the lines within
 * tolerance, rather than times every open break.
 *
 * Every break ever reached is kept as a passive record (its item and the
 * record it was reached from), so the best chain is read back at the end
 * without recursion; the lines' figures are then measured again from the
 * items, line by line, so that they do not carry the rounding of long running
 * sums.
 */
#include "layout/totalfit.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define S_NONE ((size_t)-1)
/* Lengths closer than this are equal (points, plus a share of the running
 * sums' size for very long paragraphs). */
#define S_EPSILON 1e-6
/* Stretch or shrink below this is none: dividing by it would overflow. */
#define S_TINY 1e-9
/* The emergency pass's badness for demerits: past INF_BAD, up to this. */
#define S_EMERGENCY_BAD 1e6
/* How much the room a line left short leaves empty weighs against the line
 * being short at all (totalfit.h's passes): its share of the measure to
 * the fourth power, times this. */
#define S_EMPTY_WEIGHT 100.0

typedef struct S_sums {
	double w, y, z; /* width, stretch, shrink */
} S_sums;

/* An active break: a line may start here. */
struct sg_totalfit_active {
	size_t next;	/* the next in the list, S_NONE at its end; free list link */
	size_t passive; /* its record, S_NONE for the paragraph's start */
	size_t pos;	/* the item broken at (0 for the start) */
	size_t start;	/* the first item of the line that starts here */
	size_t cls;	/* lines before it, at most nwidths - 1 */
	double total;	/* the least demerits of the paragraph up to here */
	S_sums after;	/* sums of items [0, start) */
	int fitness;	/* the class of the line that ends here */
	bool flagged;	/* broken at a flagged penalty */
};

/* A break reached: read back at the end. */
struct sg_totalfit_passive {
	size_t pos;
	size_t prev; /* the record of the break before, S_NONE for the start */
};

/* How a line measures. */
typedef struct S_fit {
	double room;	/* the measure less the natural width, points */
	double ratio;
	double badness;
	double excess;	/* points beyond the measure after all shrink, 0 if none */
	bool overfull;
	bool no_stretch; /* short, not ragged, and nothing to stretch */
} S_fit;

/* A candidate new break: the best way found to reach the current break with
 * a line of one fitness class. */
typedef struct S_cand {
	double total;
	size_t passive;
	bool valid;
} S_cand;

/* The state of one pass. */
typedef struct S_pass {
	sg_totalfit *tf;
	const sg_totalfit_item *items;
	size_t n;
	const double *widths;
	size_t nwidths;
	sg_totalfit_params p;
	int number;	 /* 1, 2 or 3 */
	double tolerance; /* largest badness; the emergency pass has none */
	bool emergency;
	size_t nclasses; /* line classes: nwidths, at most n + 1 */
	size_t *head;	 /* the active list of each class */
	size_t *tail;
	size_t lo, hi;	 /* the classes that hold active breaks; SIZE_MAX, S_NONE: none */
	size_t free;	 /* freed active records */
	size_t used;	 /* active records ever handed out this pass */
	size_t nactive;
	size_t npas;
	S_sums tot; /* sums of the items before the current one */
	/* The first line item after a break, and the sums up to it, for the run
	 * of breaks [from, start): they all share it. */
	size_t run_from, run_start;
	S_sums run_sums;
} S_pass;

/* ---- inputs made finite ---------------------------------------------- */

static double S_len(double x)
{
	if (!(x > 0)) /* negative, zero or NaN */
		return 0;
	return x < SG_TOTALFIT_MAX_LENGTH ? x : SG_TOTALFIT_MAX_LENGTH;
}

static double S_cost(double c)
{
	if (c != c)
		return 0;
	if (c >= SG_TOTALFIT_INFINITY)
		return SG_TOTALFIT_INFINITY;
	if (c <= -SG_TOTALFIT_INFINITY)
		return -SG_TOTALFIT_INFINITY;
	return c;
}

/* A demerit parameter: finite, at most 1e10 either way. */
static double S_demerit(double d, double dflt)
{
	if (d != d)
		return dflt;
	return d > 1e10 ? 1e10 : d < -1e10 ? -1e10 : d;
}

static bool S_forced(const sg_totalfit_item *it)
{
	return it->kind == SG_TOTALFIT_PENALTY && S_cost(it->cost) <= -SG_TOTALFIT_INFINITY;
}

static double S_width_of_line(const S_pass *ps, size_t cls)
{
	return S_len(ps->widths[cls < ps->nwidths ? cls : ps->nwidths - 1]);
}

static void S_add(S_sums *s, const sg_totalfit_item *it)
{
	if (it->kind == SG_TOTALFIT_BOX) {
		s->w += S_len(it->width);
	} else if (it->kind == SG_TOTALFIT_GLUE) {
		double w = S_len(it->width), z = S_len(it->shrink);
		s->w += w;
		s->y += S_len(it->stretch);
		s->z += z < w ? z : w;
	}
}

/* ---- costs ------------------------------------------------------------- */

void sg_totalfit_params_default(sg_totalfit_params *p)
{
	p->tolerance1 = 100;
	p->tolerance2 = 1000;
	p->flagged_first = false;
	p->line_penalty = 10;
	p->flagged_demerits = 10000;
	p->final_flagged_demerits = 5000;
	p->fitness_demerits = 10000;
	p->max_active = 4096;
	p->emergency_ratio = 0;
	p->emergency_slack = 0;
}

static double S_badness(double r)
{
	double a = fabs(r);
	if (a > 100) /* 100 * 100^3 is far past the cap; do not cube huge numbers */
		return SG_TOTALFIT_INF_BAD;
	double b = 100 * a * a * a;
	return b < SG_TOTALFIT_INF_BAD ? b : SG_TOTALFIT_INF_BAD;
}

/* A line of natural width w, stretch y and shrink z against measure L;
 * ragged: it ends at a forced break. eps is the slack of the sums'
 * rounding. */
static S_fit S_measure(double L, double w, double y, double z, bool ragged, double eps)
{
	S_fit f = {L - w, 0, 0, 0, false, false};
	double room = L - w;
	if (room >= -eps) {
		if (ragged || room <= eps)
			return f;
		if (y > S_TINY) {
			f.ratio = room / y;
			f.badness = S_badness(f.ratio);
		} else {
			f.badness = SG_TOTALFIT_INF_BAD;
			f.no_stretch = true;
		}
		return f;
	}
	if (z > S_TINY && -room <= z + eps) {
		f.ratio = room / z < -1 ? -1 : room / z;
		f.badness = S_badness(f.ratio);
		return f;
	}
	f.overfull = true;
	f.ratio = z > S_TINY ? -1 : 0;
	f.badness = SG_TOTALFIT_INF_BAD;
	f.excess = w - z - L;
	return f;
}

static int S_fitness(const S_fit *f)
{
	if (f->overfull)
		return SG_TOTALFIT_TIGHT;
	/* Badness 12.5 is |r| = 0.5, 100 is r = 1. */
	if (f->ratio < 0)
		return f->badness > 12.5 ? SG_TOTALFIT_TIGHT : SG_TOTALFIT_DECENT;
	if (f->badness > 100)
		return SG_TOTALFIT_VERY_LOOSE;
	return f->badness > 12.5 ? SG_TOTALFIT_LOOSE : SG_TOTALFIT_DECENT;
}

/* ---- the active lists ---------------------------------------------------- */

/* Active breaks are kept in one list per line class, each in the order the
 * breaks were reached (earliest item first): new breaks go at the tail. Along
 * one class the lines to the current break get shorter, so the ones that
 * overflow come first and the ones too loose to count come last. */

static size_t S_act_new(S_pass *ps)
{
	sg_totalfit *tf = ps->tf;
	size_t k;
	if (ps->free != S_NONE) {
		k = ps->free;
		ps->free = tf->act[k].next;
	} else {
		if (ps->used == tf->act_cap) {
			tf->act_cap = tf->act_cap ? tf->act_cap * 2 : 64;
			tf->act = sg_xrealloc(tf->act, tf->act_cap * sizeof *tf->act);
		}
		k = ps->used++;
	}
	ps->nactive++;
	if (ps->nactive > tf->stats.max_active)
		tf->stats.max_active = ps->nactive;
	return k;
}

/* Appends active k to the list of class c. */
static void S_act_append(S_pass *ps, size_t c, size_t k)
{
	sg_totalfit *tf = ps->tf;
	tf->act[k].next = S_NONE;
	if (ps->tail[c] == S_NONE)
		ps->head[c] = k;
	else
		tf->act[ps->tail[c]].next = k;
	ps->tail[c] = k;
	if (c < ps->lo)
		ps->lo = c;
	if (c > ps->hi || ps->hi == S_NONE)
		ps->hi = c;
}

/* Unlinks active k of class c (prev before it, S_NONE: k is the head) and
 * frees it. */
static void S_act_remove(S_pass *ps, size_t c, size_t prev, size_t k)
{
	sg_totalfit *tf = ps->tf;
	size_t next = tf->act[k].next;
	if (prev == S_NONE)
		ps->head[c] = next;
	else
		tf->act[prev].next = next;
	if (ps->tail[c] == k)
		ps->tail[c] = prev;
	tf->act[k].next = ps->free;
	ps->free = k;
	ps->nactive--;
}

/* Narrows [lo, hi] to the classes that hold active breaks. */
static void S_classes_trim(S_pass *ps)
{
	if (ps->nactive == 0) {
		ps->lo = SIZE_MAX;
		ps->hi = S_NONE;
		return;
	}
	while (ps->head[ps->lo] == S_NONE)
		ps->lo++;
	while (ps->head[ps->hi] == S_NONE)
		ps->hi--;
}

static size_t S_passive_new(S_pass *ps, size_t pos, size_t prev)
{
	sg_totalfit *tf = ps->tf;
	if (ps->npas == tf->pas_cap) {
		tf->pas_cap = tf->pas_cap ? tf->pas_cap * 2 : 64;
		tf->pas = sg_xrealloc(tf->pas, tf->pas_cap * sizeof *tf->pas);
	}
	tf->pas[ps->npas].pos = pos;
	tf->pas[ps->npas].prev = prev;
	return ps->npas++;
}

/* The first item of a line that starts after a break at b, and the sums of
 * the items before it, into *sums: the glue and penalties after b are
 * dropped up to a box, a forced break or the end. */
static size_t S_line_start(S_pass *ps, size_t b, S_sums *sums)
{
	if (b < ps->run_from || b >= ps->run_start) {
		S_sums s = ps->tot;
		size_t j = b;
		while (j < ps->n) {
			const sg_totalfit_item *it = &ps->items[j];
			if (it->kind == SG_TOTALFIT_BOX || (j > b && S_forced(it)))
				break;
			S_add(&s, it);
			j++;
		}
		ps->run_from = b;
		ps->run_start = j;
		ps->run_sums = s;
	}
	*sums = ps->run_sums;
	return ps->run_start;
}

/* Adds a new active break at b, at the tail of class c, for each fitness
 * class of the candidates, and clears them. */
static void S_flush(S_pass *ps, S_cand *cand, size_t c, size_t b, bool flagged)
{
	sg_totalfit *tf = ps->tf;
	double best = 0;
	bool any = false;
	for (int fc = 0; fc < 4; fc++)
		if (cand[fc].valid && (!any || cand[fc].total < best)) {
			best = cand[fc].total;
			any = true;
		}
	for (int fc = 0; fc < 4; fc++) {
		if (!cand[fc].valid)
			continue;
		cand[fc].valid = false;
		/* A class this much worse than the best can never catch up: the
		 * fitness demerits are all the class can save later. */
		if (cand[fc].total > best + ps->p.fitness_demerits)
			continue;
		size_t k = S_act_new(ps);
		struct sg_totalfit_active *a = &tf->act[k];
		a->passive = S_passive_new(ps, b, cand[fc].passive);
		a->pos = b;
		a->start = S_line_start(ps, b, &a->after);
		a->cls = c;
		a->total = cand[fc].total;
		a->fitness = fc;
		a->flagged = flagged;
		S_act_append(ps, c, k);
		tf->stats.nodes++;
	}
}

/* Drops the oldest active breaks (earliest items) beyond max_active: the
 * heads of the class lists. */
static void S_cap(S_pass *ps)
{
	sg_totalfit *tf = ps->tf;
	while (ps->nactive > ps->p.max_active) {
		size_t oldest = S_NONE;
		for (size_t c = ps->lo; c <= ps->hi; c++) {
			size_t k = ps->head[c];
			if (k == S_NONE)
				continue;
			if (oldest == S_NONE || tf->act[k].pos < tf->act[ps->head[oldest]].pos)
				oldest = c;
		}
		S_act_remove(ps, oldest, S_NONE, ps->head[oldest]);
		S_classes_trim(ps);
		tf->stats.dropped++;
	}
}

/* ---- one legal break ----------------------------------------------------- */

/* The legal break being tried. */
typedef struct S_brk {
	size_t b;	/* its item; n for the paragraph's end */
	double cost;	/* a penalty's, 0 at glue */
	double pw;	/* a penalty's width, 0 at glue */
	bool flagged;
	bool forced;
	bool final;	/* the paragraph's last break */
	double eps;	/* the slack of the running sums */
} S_brk;

/* In the emergency pass: the active break whose line to b overflows least,
 * kept in case every one of them leaves the list at b. */
typedef struct S_dying {
	bool valid;
	double excess, total;
	size_t passive, cls;
} S_dying;

/* The demerits of line f from active a to break k; *fc gets its class. */
static double S_demerits(const S_pass *ps, const struct sg_totalfit_active *a, const S_fit *f,
			 const S_brk *k, int *fc)
{
	const sg_totalfit_params *p = &ps->p;
	double bad = f->badness, empty = 0;
	double R = p->emergency_ratio;
	double L = S_width_of_line(ps, a->cls);
	if (ps->emergency && R > 0 && !f->overfull && f->room > 0 &&
	    (f->no_stretch || f->ratio > R) && L > S_TINY) {
		/* Set at R, the rest of the line left empty. */
		double unfilled = f->no_stretch ? f->room : f->room * (1 - R / f->ratio);
		bad = 100 * R * R * R;
		if (unfilled > p->emergency_slack)
			empty = SG_TOTALFIT_INF_BAD * SG_TOTALFIT_INF_BAD *
				(1 + S_EMPTY_WEIGHT * (unfilled / L) * (unfilled / L) *
					     (unfilled / L) * (unfilled / L));
	} else if (ps->emergency && (f->no_stretch || bad >= SG_TOTALFIT_INF_BAD)) {
		/* Past INF_BAD the emergency pass still tells loose from looser;
		 * beyond r = 1e3 the cap holds anyway (and r^3 could overflow). */
		double r = fabs(f->ratio);
		double e = f->no_stretch || r > 1e3 ? S_EMERGENCY_BAD : 100 * r * r * r;
		bad = e < S_EMERGENCY_BAD ? e : S_EMERGENCY_BAD;
	}
	double d = (p->line_penalty + bad) * (p->line_penalty + bad) + empty;
	if (k->cost > 0)
		d += k->cost * k->cost;
	else if (k->cost < 0 && !k->forced)
		d -= k->cost * k->cost;
	if (k->final && a->flagged)
		d += p->final_flagged_demerits;
	else if (k->flagged && a->flagged)
		d += p->flagged_demerits;
	*fc = S_fitness(f);
	if (abs(*fc - a->fitness) > 1)
		d += p->fitness_demerits;
	return d;
}

/* Costs the lines from the active breaks of class c to break k: the
 * feasible ones become candidates, the ones that can reach no further
 * leave the list. Returns how many left. */
static size_t S_walk_class(S_pass *ps, size_t c, const S_brk *k, S_cand *cand, S_dying *dying)
{
	sg_totalfit *tf = ps->tf;
	double L = S_width_of_line(ps, c);
	size_t removed = 0;
	size_t prev = S_NONE;
	size_t at = ps->head[c];
	while (at != S_NONE) {
		struct sg_totalfit_active *a = &tf->act[at];
		size_t next = a->next;
		if (a->start > k->b) {
			/* b is among the glue dropped after a's break: no line. */
			prev = at;
			at = next;
			continue;
		}
		tf->stats.evaluations++;
		double w = ps->tot.w - a->after.w;
		double y = ps->tot.y - a->after.y;
		double z = ps->tot.z - a->after.z;
		S_fit f = S_measure(L, w + k->pw, y, z, k->forced, k->eps);
		bool dead = k->forced || w - z > L + k->eps;
		bool too_loose = !ps->emergency && !f.overfull && f.badness > ps->tolerance;
		if (!f.overfull && !too_loose) {
			int fc;
			double total = a->total + S_demerits(ps, a, &f, k, &fc);
			if (!cand[fc].valid || total < cand[fc].total) {
				cand[fc].valid = true;
				cand[fc].total = total;
				cand[fc].passive = a->passive;
			}
		}
		if (dead) {
			if (ps->emergency && f.overfull &&
			    (!dying->valid || f.excess < dying->excess - k->eps ||
			     (f.excess <= dying->excess + k->eps && a->total < dying->total))) {
				dying->valid = true;
				dying->excess = f.excess;
				dying->total = a->total;
				dying->passive = a->passive;
				dying->cls = c;
			}
			S_act_remove(ps, c, prev, at);
			removed++;
		} else {
			prev = at;
		}
		/* The breaks after a in this class give shorter lines still: too
		 * loose as well, and none of them overflows. */
		if (too_loose)
			break;
		at = next;
	}
	return removed;
}

/* Lines from every active break to a break at item b (b == n: the end),
 * where a penalty of cost and width pw, flagged or not, is; final: the
 * paragraph's last break. */
static void S_try(S_pass *ps, size_t b, double cost, double pw, bool flagged, bool final)
{
	S_brk k = {b, cost, pw, flagged, cost <= -SG_TOTALFIT_INFINITY, final,
		   S_EPSILON + 1e-12 * ps->tot.w};
	size_t last_cls = ps->nclasses - 1;
	S_cand cand[4];
	memset(cand, 0, sizeof cand);
	S_dying dying;
	memset(&dying, 0, sizeof dying);
	size_t key = S_NONE; /* the class of the breaks the candidates make */
	size_t before = ps->nactive;
	size_t removed = 0;

	ps->tf->stats.breakpoints++;
	/* Classes from the highest down: the new breaks of class c + 1 go to a
	 * list this break has walked already. */
	for (size_t c = ps->hi; c != S_NONE && c >= ps->lo; c--) {
		size_t next_cls = c < last_cls ? c + 1 : last_cls;
		if (next_cls != key) {
			if (key != S_NONE)
				S_flush(ps, cand, key, b, flagged);
			key = next_cls;
		}
		removed += S_walk_class(ps, c, &k, cand, &dying);
	}
	if (key != S_NONE)
		S_flush(ps, cand, key, b, flagged);
	bool made = ps->nactive + removed > before;
	if (ps->emergency && !made && ps->nactive == 0 && dying.valid) {
		/* Nothing reaches b and nothing is left open: the least overfull
		 * line it is, so that there is always a way on. */
		double d = ps->p.line_penalty + S_EMERGENCY_BAD;
		cand[SG_TOTALFIT_TIGHT].valid = true;
		cand[SG_TOTALFIT_TIGHT].total = dying.total + d * d;
		cand[SG_TOTALFIT_TIGHT].passive = dying.passive;
		S_flush(ps, cand, dying.cls < last_cls ? dying.cls + 1 : last_cls, b, flagged);
	}
	S_classes_trim(ps);
	if (ps->nactive > ps->p.max_active)
		S_cap(ps);
}

/* ---- a pass ------------------------------------------------------------ */

/* Runs one pass; the passive record of the best break at the end, or
 * S_NONE when the pass found no way through. */
static size_t S_run(S_pass *ps)
{
	sg_totalfit *tf = ps->tf;
	ps->free = S_NONE;
	ps->used = ps->nactive = ps->npas = 0;
	for (size_t c = 0; c < ps->nclasses; c++)
		ps->head[c] = ps->tail[c] = S_NONE;
	ps->lo = SIZE_MAX;
	ps->hi = S_NONE;
	memset(&ps->tot, 0, sizeof ps->tot);
	ps->run_from = ps->run_start = 0;

	size_t k = S_act_new(ps);
	struct sg_totalfit_active *a = &tf->act[k];
	memset(a, 0, sizeof *a);
	a->passive = S_NONE;
	a->fitness = SG_TOTALFIT_DECENT;
	S_act_append(ps, 0, k);

	const sg_totalfit_item *items = ps->items;
	size_t n = ps->n;
	bool ends_forced = S_forced(&items[n - 1]);
	for (size_t i = 0; i < n; i++) {
		const sg_totalfit_item *it = &items[i];
		if (it->kind == SG_TOTALFIT_GLUE) {
			if (i > 0 && items[i - 1].kind == SG_TOTALFIT_BOX)
				S_try(ps, i, 0, 0, false, false);
		} else if (it->kind == SG_TOTALFIT_PENALTY) {
			double c = S_cost(it->cost);
			bool skip = c >= SG_TOTALFIT_INFINITY ||
				    (it->flagged && ps->number == 1 && !ps->p.flagged_first);
			if (!skip)
				S_try(ps, i, c, S_len(it->width), it->flagged,
				      i == n - 1 && c <= -SG_TOTALFIT_INFINITY);
		}
		if (ps->nactive == 0)
			return S_NONE;
		S_add(&ps->tot, it);
	}
	if (!ends_forced)
		S_try(ps, n, -SG_TOTALFIT_INFINITY, 0, false, true);
	/* Only breaks at the end are left: the forced break closed the rest. */
	size_t best = S_NONE;
	for (size_t c = ps->lo; ps->nactive > 0 && c <= ps->hi; c++)
		for (k = ps->head[c]; k != S_NONE; k = tf->act[k].next)
			if (best == S_NONE || tf->act[k].total < tf->act[best].total)
				best = k;
	return best == S_NONE ? S_NONE : tf->act[best].passive;
}

/* ---- the result ---------------------------------------------------------- */

static void S_result(sg_totalfit *tf, const S_pass *ps, size_t last)
{
	size_t m = 0;
	for (size_t r = last; r != S_NONE; r = tf->pas[r].prev)
		m++;
	if (m > tf->lines_cap) {
		tf->lines_cap = m;
		tf->lines = sg_xrealloc(tf->lines, m * sizeof *tf->lines);
	}
	tf->nlines = m;
	size_t k = m;
	for (size_t r = last; r != S_NONE; r = tf->pas[r].prev)
		tf->lines[--k].end = tf->pas[r].pos;

	const sg_totalfit_item *items = ps->items;
	size_t n = ps->n;
	size_t start = 0;
	for (k = 0; k < m; k++) {
		sg_totalfit_line *ln = &tf->lines[k];
		size_t end = ln->end;
		S_sums s = {0, 0, 0};
		for (size_t j = start; j < end; j++)
			S_add(&s, &items[j]);
		bool ragged = end == n || S_forced(&items[end]);
		double pw = end < n && items[end].kind == SG_TOTALFIT_PENALTY
				    ? S_len(items[end].width)
				    : 0;
		ln->start = start;
		ln->width = S_width_of_line(ps, k);
		ln->natural = s.w + pw;
		S_fit f = S_measure(ln->width, ln->natural, s.y, s.z, ragged, S_EPSILON);
		ln->ratio = f.ratio;
		ln->badness = f.badness;
		ln->fitness = S_fitness(&f);
		ln->overfull = f.overfull;
		ln->excess = f.excess;
		if (f.overfull)
			tf->stats.overfull++;
		/* The next line starts after the glue and penalties dropped here. */
		start = end;
		while (start < n) {
			const sg_totalfit_item *it = &items[start];
			if (it->kind == SG_TOTALFIT_BOX || (start > end && S_forced(it)))
				break;
			start++;
		}
	}
}

/* ---- the public face ------------------------------------------------------ */

void sg_totalfit_init(sg_totalfit *tf)
{
	memset(tf, 0, sizeof *tf);
}

void sg_totalfit_dispose(sg_totalfit *tf)
{
	free(tf->lines);
	free(tf->act);
	free(tf->pas);
	free(tf->classes);
	memset(tf, 0, sizeof *tf);
}

void sg_totalfit_break(sg_totalfit *tf, const sg_totalfit_item *items, size_t n,
		       const double *widths, size_t nwidths, const sg_totalfit_params *params)
{
	assert(widths != NULL && nwidths >= 1);
	memset(&tf->stats, 0, sizeof tf->stats);
	tf->nlines = 0;
	if (n == 0)
		return;

	S_pass ps;
	memset(&ps, 0, sizeof ps);
	ps.tf = tf;
	ps.items = items;
	ps.n = n;
	ps.widths = widths;
	ps.nwidths = nwidths;
	ps.nclasses = nwidths < n + 1 ? nwidths : n + 1;
	if (tf->classes_cap < ps.nclasses) {
		tf->classes_cap = ps.nclasses;
		tf->classes = sg_xrealloc(tf->classes, 2 * ps.nclasses * sizeof *tf->classes);
	}
	ps.head = tf->classes;
	ps.tail = tf->classes + ps.nclasses;
	sg_totalfit_params dflt;
	sg_totalfit_params_default(&dflt);
	ps.p = params ? *params : dflt;
	ps.p.line_penalty = S_demerit(ps.p.line_penalty, dflt.line_penalty);
	ps.p.flagged_demerits = S_demerit(ps.p.flagged_demerits, dflt.flagged_demerits);
	ps.p.final_flagged_demerits =
		S_demerit(ps.p.final_flagged_demerits, dflt.final_flagged_demerits);
	ps.p.fitness_demerits = S_demerit(ps.p.fitness_demerits, dflt.fitness_demerits);
	if (ps.p.fitness_demerits < 0)
		ps.p.fitness_demerits = 0;
	if (ps.p.max_active < 4)
		ps.p.max_active = 4;
	if (!(ps.p.emergency_ratio > 0 && ps.p.emergency_ratio <= 100)) /* NaN too */
		ps.p.emergency_ratio = 0;
	ps.p.emergency_slack = S_len(ps.p.emergency_slack);

	size_t last = S_NONE;
	for (int pass = 1; pass <= 3 && last == S_NONE; pass++) {
		double tol = pass == 1 ? ps.p.tolerance1 : ps.p.tolerance2;
		if (pass < 3 && !(tol >= 0)) /* negative or NaN: skip the pass */
			continue;
		ps.number = pass;
		ps.emergency = pass == 3;
		ps.tolerance = tol;
		last = S_run(&ps);
		tf->stats.pass = pass;
	}
	assert(last != S_NONE); /* the emergency pass always gets through */
	S_result(tf, &ps, last);
}
