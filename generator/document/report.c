/*
 * report.c - internal reports: the project review and the pipeline.
 */
#include <stdlib.h>
#include <string.h>

#include "cost/evaluation.h"
#include "load/mdparse.h"
#include "model/doc.h"
#include "model/customer.h"
#include "document/fields.h"
#include "document/report.h"

static void S_str(sg_arena *a, sg_value *m, const char *key, const char *s)
{
	sg_map_set(a, m, key, s ? sg_value_str_borrow(a, s) : sg_value_null(a));
}

/* See sg_proposal_label_of(): NULL for a NULL id, never a local buffer. */
static const char *S_label(const char *prefix, const char *id, const char *lang)
{
	return sg_proposal_label_of(prefix, id, lang);
}

static const char *S_date(sg_arena *a, sg_date d, const char *lang)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_date(&b, d, lang);
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

/* ---------------------------------------------------------------- review */

const sg_doc *sg_report_template(const sg_content *c, const char *slug, sg_diags *d)
{
	for (size_t i = 0; i < c->doc_count; i++)
		if (c->docs[i]->kind == SG_DOC_REPORT && strcmp(c->docs[i]->slug, slug) == 0)
			return c->docs[i];
	sg_error(d, sg_pos_make(c->dir, 0, 0), "no report template reports/%s.md", slug);
	return NULL;
}

sg_value *sg_report_review_data(sg_arena *a, const sg_content *c, const sg_customer *cu,
				const char *lang, sg_date today, sg_diags *d)
{
	/* Internal: every field of the table, the review's own included. */
	sg_view_opts o = {c, cu, lang, today, "review", false};
	return sg_view_build_checked(a, &o, d);
}

/* ---------------------------------------------------------------- notes */

/* True when text holds a raw insertion of customer.notes: {{{customer.notes}}}
 * or {{&customer.notes}} (spaces allowed inside the tag). */
static bool S_has_notes_tag(const char *text)
{
	const char *name = "customer.notes";
	for (const char *p = text ? strstr(text, name) : NULL; p; p = strstr(p + 1, name)) {
		const char *q = p;
		while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q - text >= 3 && (strncmp(q - 3, "{{{", 3) == 0 || strncmp(q - 3, "{{&", 3) == 0))
			return true;
	}
	return false;
}

/* The level of the heading the template puts the notes under: the last
 * heading before {{{customer.notes}}} (0 when there is none, or no such tag).
 * The template is Markdown with Mustache tags in its text, so its tree (the
 * template's own, kept for every review of the build) has its headings, ATX
 * or setext, and leaves out what is in code. */
static int S_notes_level(const sg_doc *tpl)
{
	const sg_mdtree *t = sg_doc_tree(tpl);
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	int level = 0, found = 0;
	sg_md_event ev;
	while (!found && (ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		if (ev != SG_MD_ENTER)
			continue;
		if (sg_mdnode_kind(n) == SG_MD_HEADING)
			level = sg_mdnode_heading_level(n);
		else if (sg_mdnode_kind(n) == SG_MD_TEXT && S_has_notes_tag(sg_mdnode_literal(n)))
			found = 1;
	}
	sg_doc_tree_release(tpl, t);
	return found ? level : 0;
}

/* Reports have no cover: every page carries the header and the footer, so
 * "internal" is on every page. */
static void S_internal(sg_proposal_doc *doc, const char *lang, const char *title,
		       const char *who)
{
	const char *mark = sg_proposal_label("doc.internal", lang);
	doc->internal = true;
	doc->title = title;
	doc->confidential = mark;
	doc->header = who && !strstr(title, who)
			      ? sg_arena_printf(&doc->arena, "%s · %s · %s", mark, title, who)
			      : sg_arena_printf(&doc->arena, "%s · %s", mark, title);
	doc->subject = title;
}

int sg_report_review_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			     const sg_proposal_opts *o, sg_diags *d)
{
	static const sg_proposal_opts none;
	if (!o)
		o = &none;
	const sg_doc *tpl = sg_report_template(c, "review", d);
	if (!tpl)
		return -1;
	const char *lang = o->lang ? o->lang : tpl->lang;
	doc->lang = sg_arena_strdup(&doc->arena, lang);
	doc->date = sg_date_is_set(o->build_date) ? o->build_date : cu->as_of;
	sg_value *data = sg_report_review_data(&doc->arena, c, cu, lang, doc->date, d);
	if (!data)
		return -1;
	/* The notes' headings nest under the template's heading above them:
	 * written for the account page, where they sit under a heading of
	 * their own, they are inserted here as Markdown under the template's
	 * "附：内部备注", and their "## 拜访记录" would otherwise be its
	 * sibling, not its child. */
	sg_value *notes = sg_value_path(data, "customer.notes");
	if (notes && notes->kind == SG_VAL_STR && notes->markup) {
		const char *md = sg_mdparse_demote(&doc->arena, notes->u.str.s, S_notes_level(tpl));
		if (md != notes->u.str.s) {
			notes = sg_map_set(&doc->arena, sg_map_get(data, "customer"), "notes",
					   sg_value_str_borrow(&doc->arena, md));
			notes->markup = true;
		}
	}
	if (sg_proposal_render(doc, tpl, data, d) != 0)
		return -1;
	const char *title = sg_proposal_front_text(doc, tpl, "title", data, d);
	S_internal(doc, lang, title ? title : tpl->title,
		   cu->short_name ? cu->short_name : cu->name);
	doc->author = c->site ? sg_l10n_get(&c->site->vendor_name, lang) : NULL;
	return 0;
}

/* ---------------------------------------------------------------- pipeline */

typedef struct S_total {
	const char *label;
	int64_t count, users;
	sg_fen annual;
} S_total;

/* What a formatter wrote into b, in a; b emptied for the next. */
static const char *S_take(sg_arena *a, sg_buf *b)
{
	const char *s = sg_arena_strdup(a, b->data);
	sg_buf_clear(b);
	return s;
}

static void S_totals_put(sg_arena *a, sg_value *list, const S_total *t, const char *lang)
{
	sg_value *m = sg_value_map(a);
	sg_buf b;
	sg_buf_init(&b);
	S_str(a, m, "label", t->label);
	/* Written as the users are, so that 25,000 customers and 3,849,916
	 * users in one row read alike. */
	sg_fmt_count(&b, (int64_t)t->count);
	S_str(a, m, "count", S_take(a, &b));
	sg_fmt_count(&b, t->users);
	S_str(a, m, "users", S_take(a, &b));
	sg_fmt_money(&b, t->annual, lang);
	S_str(a, m, "annual", S_take(a, &b));
	sg_fmt_wan(&b, t->annual);
	S_str(a, m, "annual_wan", S_take(a, &b));
	sg_buf_dispose(&b);
	sg_list_push(list, m);
}

/* The next moment to act on: the first renewal still ahead, else the
 * latest event. */
typedef struct S_trig {
	const char *what;  /* the renewal's name, or the kind of event */
	const char *date;  /* formatted */
	const char *when;  /* "41天后", "3 days ago" */
	int64_t days;      /* from today: ahead > 0 */
	bool renewal;
} S_trig;

static S_trig S_trigger(sg_arena *a, const sg_eval *ev, sg_date today, const char *lang)
{
	S_trig t = {sg_proposal_label("none", lang), "", "", 0, false};
	const sg_renewal *next = sg_eval_renewal_after(ev, today);
	sg_date when;
	if (next) {
		t.what = next->name ? next->name
				    : S_label("renewal", sg_renewal_kind_name(next->kind), lang);
		t.renewal = true;
		when = next->due;
	} else if (ev->last_event) {
		const sg_event *e = ev->last_event;
		t.what = S_label("event", e->kind, lang);
		when = e->date;
	} else {
		return t;
	}
	t.days = sg_date_to_days(when) - sg_date_to_days(today);
	t.date = S_date(a, when, lang);
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_days(&b, t.days, lang);
	t.when = S_take(a, &b);
	sg_buf_dispose(&b);
	return t;
}

/* The pipeline's list of triggers: renewals ahead, soonest first, then
 * customers with only past events, latest first. */
typedef struct S_trig_row {
	S_trig t;
	const char *name;
} S_trig_row;

static int S_trig_cmp(const void *x, const void *y)
{
	const S_trig_row *a = x, *b = y;
	if (a->t.renewal != b->t.renewal)
		return a->t.renewal ? -1 : 1;
	int64_t da = a->t.renewal ? a->t.days : -a->t.days;
	int64_t db = b->t.renewal ? b->t.days : -b->t.days;
	if (da != db)
		return da < db ? -1 : 1;
	/* qsort is not stable: the name keeps equal days in one order. */
	return strcmp(a->name, b->name);
}

/* The pipeline's data as it is built, one customer at a time. */
typedef struct S_pipeline {
	sg_arena *a;
	const sg_content *c;
	const char *lang;
	sg_date today;      /* unset: each customer's as-of date */
	sg_diags *d;
	size_t nstages;     /* the site's */
	S_total *by_stage;  /* a total per stage, then one for customers without */
	S_total by_size[6]; /* size classes A to E, then "not known" */
	S_total total;
	sg_value *rows;     /* pipeline.customers */
	S_trig_row *trig;   /* each customer's next trigger, for pipeline.triggers */
	size_t ntrig;
	bool too_large;     /* a total passed 64 bits (said once, at its customer) */
} S_pipeline;

static void S_pipeline_init(S_pipeline *pl, sg_arena *a, const sg_content *c, const char *lang,
			    sg_date today, sg_diags *d)
{
	*pl = (S_pipeline){.a = a, .c = c, .lang = lang, .today = today, .d = d,
			   .nstages = c->site ? c->site->stage_count : 0};
	pl->by_stage = sg_arena_alloc(a, (pl->nstages + 1) * sizeof *pl->by_stage);
	for (size_t i = 0; i < pl->nstages; i++)
		pl->by_stage[i].label = sg_l10n_get(&c->site->stages[i].name, lang);
	pl->by_stage[pl->nstages].label = sg_proposal_label("stage.none", lang);
	static const char *const classes[6] = {"A", "B", "C", "D", "E", "—"};
	for (int i = 0; i < 6; i++)
		pl->by_size[i].label = classes[i];
	pl->total.label = sg_proposal_label("row.total", lang);
	pl->trig = sg_arena_alloc(a, (c->customer_count + 1) * sizeof *pl->trig);
}

/* cu's stage as an index into pl->by_stage (pl->nstages: none). */
static size_t S_stage_at(const S_pipeline *pl, const sg_customer *cu)
{
	size_t at = pl->nstages;
	for (size_t k = 0; k < pl->nstages; k++)
		if (cu->stage == &pl->c->site->stages[k])
			at = k;
	return at;
}

/* The row's offer: its price a year, where it stands against the price
 * line, and the approval its discount needs against what is recorded. */
static void S_row_offer(const S_pipeline *pl, sg_value *m, const sg_eval *ev,
			const sg_cost_result *r)
{
	sg_arena *a = pl->a;
	const char *lang = pl->lang, *none = sg_proposal_label("none", lang);
	sg_buf b;
	sg_buf_init(&b);
	if (r->has_offer)
		sg_fmt_money(&b, r->offer_annual, lang);
	else
		sg_buf_puts(&b, none);
	S_str(a, m, "annual", S_take(a, &b));
	sg_buf_dispose(&b);
	S_str(a, m, "price_line", sg_proposal_price_line_status(ev, false, lang));
	S_str(a, m, "price_line_short", sg_proposal_price_line_status(ev, true, lang));
	bool miss = ev->approval_missing;
	S_str(a, m, "approval", r->has_offer ? sg_proposal_approval_words(&r->approval, lang) : none);
	sg_map_set(a, m, "approval_missing", sg_value_bool(a, miss));
	S_str(a, m, "approval_status",
	      r->has_offer && r->approval.kind != SG_APPROVAL_NONE
		      ? sg_proposal_label(miss ? "approval.missing" : "approval.recorded", lang)
		      : "");
}

/* The row's next trigger: short in next_trigger (the table has many
 * columns; the date is in the review), in parts in the others. */
static void S_row_trigger(const S_pipeline *pl, sg_value *m, const S_trig *t)
{
	sg_arena *a = pl->a;
	S_str(a, m, "next_trigger",
	      *t->when ? sg_arena_printf(a, "%s%s%s", t->what,
					 sg_proposal_lang_zh(pl->lang) ? "，" : ", ", t->when)
		       : t->what);
	S_str(a, m, "trigger", t->what);
	S_str(a, m, "trigger_date", t->date);
	S_str(a, m, "trigger_in", t->when);
	sg_map_set(a, m, "trigger_renewal", sg_value_bool(a, t->renewal));
}

/* The discount in words: 无 without an offer, 无折扣 at list price, else
 * "8.5折" (zh) or "15%" (taken off). */
static const char *S_discount_words(sg_arena *a, const sg_cost_result *r, const char *lang)
{
	sg_buf b;
	sg_buf_init(&b);
	if (!r->has_offer)
		sg_buf_puts(&b, sg_proposal_label("none", lang));
	else if (r->discount >= SG_PPM_ONE)
		sg_buf_puts(&b, sg_proposal_label("discount.none", lang));
	else if (sg_proposal_lang_zh(lang))
		sg_fmt_zhe(&b, r->discount);
	else
		sg_fmt_percent_off(&b, r->discount);
	const char *s = S_take(a, &b);
	sg_buf_dispose(&b);
	return s;
}

/* Adds a customer's users and price a year to the totals of its stage
 * (index at), of its size class and of all. Checked: a total that wrapped
 * around would be a wrong figure, so the first customer that makes one too
 * large is named. */
static void S_pipeline_add(S_pipeline *pl, const sg_customer *cu, size_t at, int size,
			   int64_t users, sg_fen annual)
{
	S_total *ts[3] = {&pl->by_stage[at], &pl->by_size[size], &pl->total};
	bool over = false;
	for (int k = 0; k < 3; k++) {
		ts[k]->count++;
		if (__builtin_add_overflow(ts[k]->users, users, &ts[k]->users) ||
		    __builtin_add_overflow(ts[k]->annual, annual, &ts[k]->annual))
			over = true;
	}
	if (over && !pl->too_large)
		sg_error(pl->d, cu->pos,
			 "the pipeline's totals of users or yearly prices, with this customer, are "
			 "too large to show");
	pl->too_large = pl->too_large || over;
}

/* Adds cu (of stage index at) to the pipeline: its row, its next trigger
 * and its figures in the totals. A customer whose cost model could not be
 * computed is reported and left out. */
static void S_pipeline_customer(S_pipeline *pl, const sg_customer *cu, size_t at)
{
	const sg_eval *ev = sg_eval_of(cu);
	if (!ev->ok) {
		sg_eval_report(ev, pl->d);
		return;
	}
	sg_cost_result r; /* no lines needed */
	sg_eval_cost(ev, &r, NULL);
	sg_arena *a = pl->a;
	const char *name = cu->short_name ? cu->short_name : cu->name;
	char cls[2] = {r.segment.size_class, 0};
	int64_t users = r.has_offer ? r.users : cu->mailboxes;
	sg_value *m = sg_value_map(a);
	S_str(a, m, "id", cu->id);
	S_str(a, m, "name", name);
	S_str(a, m, "stage", pl->by_stage[at].label);
	S_str(a, m, "size_class", cls[0] ? sg_arena_strdup(a, cls) : "—");
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_count(&b, users);
	S_str(a, m, "users", S_take(a, &b));
	sg_buf_dispose(&b);
	S_row_offer(pl, m, ev, &r);
	S_trig t = S_trigger(a, ev, sg_date_is_set(pl->today) ? pl->today : cu->as_of, pl->lang);
	S_row_trigger(pl, m, &t);
	S_str(a, m, "discount", S_discount_words(a, &r, pl->lang));
	if (pl->ntrig < pl->c->customer_count)
		pl->trig[pl->ntrig++] = (S_trig_row){t, name};
	sg_list_push(pl->rows, m);
	S_pipeline_add(pl, cu, at, cls[0] ? cls[0] - 'A' : 5, users,
		       r.has_offer ? r.offer_annual : 0);
}

/* pipeline.triggers: the customers with a date to act on, in S_trig_cmp()'s
 * order. */
static void S_pipeline_triggers(S_pipeline *pl, sg_value *p)
{
	sg_arena *a = pl->a;
	qsort(pl->trig, pl->ntrig, sizeof *pl->trig, S_trig_cmp);
	sg_value *list = sg_map_set(a, p, "triggers", sg_value_list(a));
	for (size_t i = 0; i < pl->ntrig; i++) {
		const S_trig_row *row = &pl->trig[i];
		if (!*row->t.when)
			continue;
		sg_value *m = sg_value_map(a);
		S_str(a, m, "name", row->name);
		S_str(a, m, "trigger", row->t.what);
		S_str(a, m, "date", row->t.date);
		S_str(a, m, "due_in", row->t.when);
		sg_map_set(a, m, "renewal", sg_value_bool(a, row->t.renewal));
		sg_list_push(list, m);
	}
}

/* pipeline.by_stage and by_size (the stages and size classes that have
 * customers) and pipeline.total. */
static void S_pipeline_totals(const S_pipeline *pl, sg_value *p)
{
	sg_arena *a = pl->a;
	sg_value *ls = sg_map_set(a, p, "by_stage", sg_value_list(a));
	for (size_t s = 0; s <= pl->nstages; s++)
		if (pl->by_stage[s].count)
			S_totals_put(a, ls, &pl->by_stage[s], pl->lang);
	sg_value *lz = sg_map_set(a, p, "by_size", sg_value_list(a));
	for (int s = 0; s < 6; s++)
		if (pl->by_size[s].count)
			S_totals_put(a, lz, &pl->by_size[s], pl->lang);
	sg_value *lt = sg_value_list(a);
	S_totals_put(a, lt, &pl->total, pl->lang);
	sg_map_set(a, p, "total", lt->u.items.first);
	lt->u.items.first->next = NULL;
}

sg_value *sg_report_pipeline_data(sg_arena *a, const sg_content *c, const char *lang,
				  sg_date today, sg_diags *d)
{
	S_pipeline pl;
	S_pipeline_init(&pl, a, c, lang, today, d);
	sg_value *root = sg_value_map(a);
	sg_value *p = sg_map_set(a, root, "pipeline", sg_value_map(a));
	pl.rows = sg_map_set(a, p, "customers", sg_value_list(a));
	/* In stage order, then by id (the content's order). */
	for (size_t s = 0; s <= pl.nstages; s++)
		for (size_t i = 0; i < c->customer_count; i++)
			if (S_stage_at(&pl, c->customers[i]) == s)
				S_pipeline_customer(&pl, c->customers[i], s);
	S_pipeline_triggers(&pl, p);
	if (pl.too_large)
		return NULL;
	S_pipeline_totals(&pl, p);
	sg_map_set(a, root, "vendor", sg_view_vendor(a, c, lang));
	sg_value *doc = sg_map_set(a, root, "document", sg_value_map(a));
	sg_map_set(a, doc, "kind", sg_value_str(a, "pipeline"));
	S_str(a, doc, "date", S_date(a, today, lang));
	S_str(a, doc, "lang", lang);
	return root;
}

int sg_report_pipeline_prepare(sg_proposal_doc *doc, const sg_content *c,
			       const sg_proposal_opts *o, sg_diags *d)
{
	static const sg_proposal_opts none;
	if (!o)
		o = &none;
	const sg_doc *tpl = sg_report_template(c, "pipeline", d);
	if (!tpl)
		return -1;
	const char *lang = o->lang ? o->lang : tpl->lang;
	doc->lang = sg_arena_strdup(&doc->arena, lang);
	/* The latest as-of date of the customers when there is no build date. */
	sg_date today = o->build_date;
	for (size_t i = 0; !sg_date_is_set(o->build_date) && i < c->customer_count; i++)
		if (sg_date_cmp(c->customers[i]->as_of, today) > 0)
			today = c->customers[i]->as_of;
	doc->date = today;
	/* The data (a row per customer: tens of megabytes at 10,000 customers)
	 * lives in a scratch arena, freed once the Markdown and the title are
	 * made, so that it is gone before the report is typeset. */
	sg_arena scratch;
	sg_arena_init(&scratch);
	sg_value *data = sg_report_pipeline_data(&scratch, c, lang, today, d);
	if (!data) {
		sg_arena_dispose(&scratch);
		return -1;
	}
	/* The title first: rendering disposes of the data. */
	const char *title = sg_proposal_front_text(doc, tpl, "title", data, d);
	if (sg_proposal_render_dispose(doc, tpl, data, &scratch, d) != 0)
		return -1;
	S_internal(doc, lang, title ? title : tpl->title, NULL);
	doc->author = c->site ? sg_l10n_get(&c->site->vendor_name, lang) : NULL;
	return 0;
}
