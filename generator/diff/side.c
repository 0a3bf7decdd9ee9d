/*
 * side.c - one side of a comparison: a content folder loaded, each
 * customer evaluated once (cost/evaluation.h, as `build` does) and what it
 * shows read off: the figures, the approval and the proposal's words.
 */
#include "diff/diff_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "document/proposal.h"
#include "load/doctree.h"

/* The record of cu's current offer as sent (as targets/pdf_targets.c
 * finds it), or NULL. */
static const sg_sent *S_sent_now(const sg_customer *cu)
{
	if (!cu->offer.number)
		return NULL;
	for (size_t k = 0; k < cu->sent_count; k++) {
		const sg_sent *s = &cu->sent[k];
		if (s->number && s->file && s->sha256 && strcmp(s->number, cu->offer.number) == 0)
			return s;
	}
	return NULL;
}

static sg_diff_value S_val(int64_t v)
{
	return (sg_diff_value){true, v};
}

/* The figures of an evaluation that computed. */
static void S_figures(sg_diff_view *v, const sg_eval *ev)
{
	sg_cost_result r;
	sg_eval_cost(ev, &r, NULL);
	v->fig[SG_DIFF_SELF_ANNUAL] = S_val(r.annual);
	v->fig[SG_DIFF_SELF_ANNUAL_NO_LABOUR] = S_val(r.annual_without_labour);
	v->fig[SG_DIFF_SELF_FIVE_YEAR] = S_val(r.five_year);
	v->fig[SG_DIFF_SELF_FIVE_YEAR_NO_LABOUR] = S_val(r.five_year_without_labour);
	if (sg_date_is_set(ev->valid_until))
		v->fig[SG_DIFF_VALID_UNTIL] = S_val(sg_date_to_days(ev->valid_until));
	if (!r.has_offer)
		return;
	v->fig[SG_DIFF_OFFER_ANNUAL] = S_val(r.offer_annual);
	v->fig[SG_DIFF_DISCOUNT] = S_val(r.discount);
	v->fig[SG_DIFF_ONE_TIME] = S_val(r.one_time);
	v->fig[SG_DIFF_SAVINGS_ANNUAL] = S_val(r.savings_annual);
	v->fig[SG_DIFF_SAVINGS_ANNUAL_NO_LABOUR] = S_val(r.savings_annual_without_labour);
	v->fig[SG_DIFF_SAVINGS_FIVE_YEAR] = S_val(r.savings_five_year);
	v->fig[SG_DIFF_SAVINGS_FIVE_YEAR_NO_LABOUR] = S_val(r.savings_five_year_without_labour);
	if (ev->price_line_offered)
		v->fig[SG_DIFF_PRICE_LINE] = S_val(r.price_line_annual);

	sg_diff_approval_side *ap = &v->ap;
	ap->offer = true;
	ap->discount = r.discount;
	ap->need = sg_cost_approval_id(&r.approval);
	ap->missing = ev->approval_missing;
	ap->missing_role = ev->missing_role ? ev->missing_role->id : NULL;
	ap->price_line = ev->missing_price_line;
}

/* The approvals the file records, by role. */
static void S_recorded(sg_diff_view *v, sg_arena *a)
{
	const sg_offer *o = &v->cu->offer;
	v->ap.recorded_count = o->approval_count;
	v->ap.recorded = sg_arena_alloc(a, (o->approval_count + 1) * sizeof *v->ap.recorded);
	for (size_t i = 0; i < o->approval_count; i++)
		v->ap.recorded[i] = o->approvals[i].role ? o->approvals[i].role : "";
}

/* The cover of doc as the customer reads it (title, subtitle, each field
 * as "label: value"), then its text: one block a line, a table row a line
 * with its cells joined by " | " (a figure is read with its row). */
static void S_plain(const sg_proposal_doc *doc, sg_buf *b)
{
	if (doc->title)
		sg_buf_printf(b, "%s\n", doc->title);
	if (doc->subtitle)
		sg_buf_printf(b, "%s\n", doc->subtitle);
	for (size_t i = 0; i < doc->nfields; i++)
		sg_buf_printf(b, "%s: %s\n", doc->fields[i].label ? doc->fields[i].label : "",
			      doc->fields[i].value ? doc->fields[i].value : "");
	sg_buf text;
	sg_buf_init(&text);
	sg_mdnode_text_buf(doc->tree->root, &text);
	for (size_t i = 0; i < text.len; i++)
		if (text.data[i] == '\t')
			sg_buf_puts(b, " | ");
		else
			sg_buf_putc(b, text.data[i]);
	sg_buf_dispose(&text);
}

long sg_diff_side_text(const sg_diff_side *s, const sg_customer *cu, sg_date day, sg_arena *a,
		       const char ***out, const char **why)
{
	sg_proposal_opts po = {.build_date = day};
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	sg_diags d;
	sg_diags_init(&d);
	long n = -1;
	*out = NULL;
	if (sg_proposal_prepare(&doc, s->c, cu, &po, &d) == 0 && doc.tree) {
		sg_buf b;
		sg_buf_init(&b);
		S_plain(&doc, &b);
		n = (long)sg_sentences_split(b.data, b.len, a, out);
		sg_buf_dispose(&b);
	} else {
		sg_buf msg;
		sg_buf_init(&msg);
		for (size_t i = 0; i < d.count && !msg.len; i++)
			if (d.items[i].severity == SG_ERROR)
				sg_buf_puts(&msg, d.items[i].message);
		*why = sg_arena_strdup(a, msg.len ? msg.data : "the proposal cannot be made");
		sg_buf_dispose(&msg);
	}
	sg_diags_dispose(&d);
	sg_proposal_doc_dispose(&doc);
	return n;
}

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether something cu's proposal reads changed: a file every proposal
 * may read, or its own. (Else the same build date makes the same words on
 * both sides, and a diff of a thousand customers makes none of them.) */
static bool S_reads_change(const sg_diff_changed *ch, const sg_customer *cu)
{
	if (!ch || ch->shared)
		return true;
	char rel[128];
	snprintf(rel, sizeof rel, "customers/%s.xml", cu->id);
	const char *key = rel;
	return ch->customer_count &&
	       bsearch(&key, ch->customers, ch->customer_count, sizeof *ch->customers, S_cmp_str);
}

/* The view of customer cu, its strings in a. */
static void S_view(const sg_diff_side *s, sg_diff_view *v, const sg_customer *cu, sg_arena *a)
{
	memset(v, 0, sizeof *v);
	v->cu = cu;
	const sg_eval *ev = sg_eval_of(cu);
	if (ev && ev->ok)
		S_figures(v, ev);
	S_recorded(v, a);
	v->proposal = cu->offer.given;
	if (!v->proposal)
		return;
	v->sent = S_sent_now(cu);
	sg_diags quiet;
	sg_diags_init(&quiet);
	const sg_doc *tpl = sg_proposal_pick(s->c, cu, NULL, &quiet);
	sg_diags_dispose(&quiet);
	v->tpl = tpl ? tpl->slug : NULL;
	if (!S_reads_change(s->changed, cu)) {
		v->text_skipped = true;
		return;
	}
	long n = sg_diff_side_text(s, cu, s->build_date, a, &v->text, &v->text_error);
	v->text_count = n > 0 ? (size_t)n : 0;
}

/* The views of every step-th customer from first, made in a thread of
 * their own with an arena of their own (adopted by the side's once all
 * are made). Making the proposals is most of a diff's time. */
typedef struct S_part {
	const sg_diff_side *s;
	size_t first, step;
	sg_arena arena;
} S_part;

static void *S_run(void *arg)
{
	S_part *p = arg;
	const sg_content *c = p->s->c;
	for (size_t i = p->first; i < c->customer_count; i += p->step)
		S_view(p->s, &p->s->views[i], c->customers[i], &p->arena);
	return NULL;
}

/* Below this many customers threads are not worth starting. */
#define S_PARALLEL_MIN 64
#define S_THREADS_MAX 16

static void S_views(sg_diff_side *s, int threads)
{
	if (threads > S_THREADS_MAX)
		threads = S_THREADS_MAX;
	if (threads < 1 || s->c->customer_count < S_PARALLEL_MIN)
		threads = 1;
	S_part parts[S_THREADS_MAX];
	pthread_t tid[S_THREADS_MAX];
	int started = 0;
	for (int t = 0; t < threads; t++) {
		parts[t] = (S_part){s, (size_t)t, (size_t)threads, {0}};
		sg_arena_init(&parts[t].arena);
	}
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, S_run, &parts[t]) != 0)
			break;
		started = t;
	}
	/* The parts of threads that could not start are made here. */
	for (int t = started + 1; t < threads; t++)
		S_run(&parts[t]);
	S_run(&parts[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (int t = 0; t < threads; t++)
		sg_arena_adopt(&s->a, &parts[t].arena);
}

void sg_diff_side_load(sg_diff_side *s, const char *dir, const sg_diff_opts *o,
		       const sg_diff_changed *changed)
{
	memset(s, 0, sizeof *s);
	s->dir = dir;
	s->changed = changed;
	s->build_date = o->build_date;
	sg_diags_init(&s->d);
	sg_arena_init(&s->a);
	int threads = o->threads > 0 ? o->threads : 1;
	s->c = sg_content_load_threads(dir, threads, &s->d);
	s->evals = sg_evals_new(s->c, o->build_date, threads);
	size_t n = s->c->customer_count;
	s->views = sg_arena_alloc(&s->a, (n ? n : 1) * sizeof *s->views);
	S_views(s, threads);
}

void sg_diff_side_dispose(sg_diff_side *s)
{
	sg_evals_free(s->evals);
	sg_content_free(s->c);
	sg_arena_dispose(&s->a);
	sg_diags_dispose(&s->d);
}
