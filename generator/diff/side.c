/*
 * side.c - one side of a comparison: a content folder loaded, each
 * customer evaluated once (cost/evaluation.h, as `build` does) and what it
 * shows read off: the figures, the approval and the proposal's words.
 */
#include "diff/diff_int.h"

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

/* The view of customer cu. */
static void S_view(sg_diff_side *s, sg_diff_view *v, const sg_customer *cu)
{
	memset(v, 0, sizeof *v);
	v->cu = cu;
	const sg_eval *ev = sg_eval_of(cu);
	if (ev && ev->ok)
		S_figures(v, ev);
	S_recorded(v, &s->a);
	v->proposal = cu->offer.given;
	if (!v->proposal)
		return;
	v->sent = S_sent_now(cu);
	sg_diags quiet;
	sg_diags_init(&quiet);
	const sg_doc *tpl = sg_proposal_pick(s->c, cu, NULL, &quiet);
	sg_diags_dispose(&quiet);
	v->tpl = tpl ? tpl->slug : NULL;
	long n = sg_diff_side_text(s, cu, s->build_date, &s->a, &v->text, &v->text_error);
	v->text_count = n > 0 ? (size_t)n : 0;
}

void sg_diff_side_load(sg_diff_side *s, const char *dir, const sg_diff_opts *o)
{
	memset(s, 0, sizeof *s);
	s->dir = dir;
	s->build_date = o->build_date;
	sg_diags_init(&s->d);
	sg_arena_init(&s->a);
	int threads = o->threads > 0 ? o->threads : 1;
	s->c = sg_content_load_threads(dir, threads, &s->d);
	s->evals = sg_evals_new(s->c, o->build_date, threads);
	size_t n = s->c->customer_count;
	s->views = sg_arena_alloc(&s->a, (n ? n : 1) * sizeof *s->views);
	for (size_t i = 0; i < n; i++)
		S_view(s, &s->views[i], s->c->customers[i]);
}

void sg_diff_side_dispose(sg_diff_side *s)
{
	sg_evals_free(s->evals);
	sg_content_free(s->c);
	sg_arena_dispose(&s->a);
	sg_diags_dispose(&s->d);
}
