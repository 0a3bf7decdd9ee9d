/*
 * site_pipeline.c - the pipeline: a summary page (pipeline.html: customers,
 * users and offers a year per stage, with their totals) and a list of the
 * customers of each stage, SG_SITE_LIST_PAGE rows a page
 * (pipeline/STAGE.html, pipeline/STAGE/page/K.html).
 *
 * At 10,000 customers one table of every customer was 6.3 MB that a
 * browser is slow to open and the build rewrote whole after any edit. Each
 * list page now shows only its own rows, so the plan gives it only those
 * customers as inputs (site_plan.c): an edit rebuilds the summary and the
 * page that holds the customer, unless it moves the customer to another
 * stage. A small pipeline (SG_SITE_PIPELINE_INLINE) shows its customers on
 * the summary too.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cost/evaluation.h"
#include "render/html/site_int.h"

/* ---------------------------------------------------------------- plan */

/* Adds cu's users and offer a year to l's totals; a total that would pass
 * 64 bits is not shown rather than shown wrong. */
static void S_add(sg_site_stage_list *l, const sg_customer *cu)
{
	const sg_eval *ev = sg_eval_of(cu);
	sg_cost_result r;
	sg_eval_cost(ev, &r, NULL);
	bool offer = ev->ok && r.has_offer;
	if (__builtin_add_overflow(l->users, sg_site_pipeline_users(cu), &l->users))
		l->too_large = true;
	if (offer && __builtin_add_overflow(l->annual, r.offer_annual, &l->annual))
		l->too_large = true;
	l->offers += offer;
}

/* The list of a stage: its first page's path from its id. The customers
 * without a stage go to "_none", which no stage id can be (ids start with a
 * letter or a digit). */
static void S_list_init(sg_site_ctx *x, sg_site_stage_list *l, const sg_stage *st, int n)
{
	memset(l, 0, sizeof *l);
	l->stage = st;
	l->n = n;
	l->first = sg_arena_printf(&x->a, "pipeline/%s.html", st ? st->id : "_none");
}

void sg_site_pipeline_plan(sg_site_ctx *x)
{
	const sg_site *s = x->c->site;
	size_t stages = s ? s->stage_count : 0;
	/* One list per stage, one more for the customers without. */
	sg_site_stage_list *lists = sg_arena_alloc(&x->a, (stages + 1) * sizeof *lists);
	size_t *at = sg_xcalloc(x->customer_count + 1, sizeof *at);
	for (size_t k = 0; k <= stages; k++)
		S_list_init(x, &lists[k], k < stages ? &s->stages[k] : NULL, k < stages ? (int)k + 1 : 0);
	for (size_t i = 0; i < x->customer_count; i++) {
		const sg_customer *cu = x->customers[i];
		size_t k = stages;
		for (size_t j = 0; cu->stage && j < stages; j++)
			if (&s->stages[j] == cu->stage)
				k = j;
		at[i] = k;
		lists[k].count++;
	}
	for (size_t k = 0; k <= stages; k++) {
		lists[k].customers = sg_arena_alloc(&x->a, (lists[k].count + 1) * sizeof(void *));
		lists[k].count = 0;
	}
	/* x->customers is by id: each list is too. */
	for (size_t i = 0; i < x->customer_count; i++) {
		sg_site_stage_list *l = &lists[at[i]];
		l->customers[l->count++] = x->customers[i];
		S_add(l, x->customers[i]);
	}
	free(at);
	x->stages = lists;
	/* The list of customers without a stage only when there are any. */
	x->stage_list_count = stages + (lists[stages].count > 0);
}

const char *sg_site_pipeline_digest(sg_arena *a, const sg_site_ctx *x)
{
	sg_buf b;
	sg_buf_init(&b);
	for (size_t k = 0; k < x->stage_list_count; k++) {
		const sg_site_stage_list *l = &x->stages[k];
		sg_buf_printf(&b, "%s %zu %lld %zu %lld %d\n", l->first, l->count,
			      (long long)l->users, l->offers, (long long)l->annual, l->too_large);
	}
	const char *s = sg_arena_strdup(a, b.data ? b.data : "");
	sg_buf_dispose(&b);
	return s;
}

const char *sg_site_pipeline_page_digest(sg_arena *a, const sg_site_ctx *x, size_t list,
					 size_t k)
{
	const sg_site_stage_list *l = &x->stages[list];
	sg_buf b;
	sg_buf_init(&b);
	/* Its place and the number of pages (the pager), not the stage's count:
	 * a customer added at the end of the stage rebuilds the last page only;
	 * and the number of lists, which it links (with or without _none). */
	sg_buf_printf(&b, "%zu of %zu, %zu lists\n", k, sg_site_list_pages(l->count),
		      x->stage_list_count);
	for (size_t i = k * SG_SITE_LIST_PAGE; i < l->count && i < (k + 1) * SG_SITE_LIST_PAGE; i++)
		sg_buf_printf(&b, "%s\n", l->customers[i]->id);
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

bool sg_site_pipeline_inline(const sg_site_ctx *x)
{
	size_t n = 0;
	for (size_t k = 0; k < x->stage_list_count; k++)
		n += x->stages[k].count;
	return n <= SG_SITE_PIPELINE_INLINE;
}

/* ---------------------------------------------------------------- pages */

static const char *S_list_name(sg_site_ctx *x, const sg_site_stage_list *l)
{
	return l->stage ? sg_l10n_get(&l->stage->name, x->lang) : sg_site_str(x, x->lang, "pipe.no_stage");
}

/* The figures of a list or of the total into v: text, grouped digits. */
static void S_figures(sg_site_ctx *x, sg_value *v, size_t count, int64_t users, size_t offers,
		      sg_fen annual, bool too_large)
{
	const char *cur = x->c->catalog ? x->c->catalog->currency : "CNY";
	sg_site_set_str(x, v, "count", sg_site_count(&x->a, (int64_t)count));
	sg_site_set_str(x, v, "users", too_large ? NULL : sg_site_count(&x->a, users));
	sg_site_set_str(x, v, "offers", sg_site_count(&x->a, (int64_t)offers));
	sg_site_set_str(x, v, "annual", too_large ? NULL : sg_site_money(&x->a, annual, cur, x->lang));
}

/* The rows of l on the summary at path, and what their table needs: the
 * stage's name for its caption, an id for its heading. */
static void S_inline_rows(sg_site_ctx *x, sg_value *v, const sg_site_stage_list *l,
			  const char *path)
{
	sg_site_set_str(x, v, "stage", S_list_name(x, l));
	sg_site_set_str(x, v, "id", l->stage ? l->stage->id : "_none");
	sg_site_set_bool(x, v, "has_rows", l->count > 0);
	sg_value *rows = sg_map_set(&x->a, v, "rows", sg_value_list(&x->a));
	for (size_t i = 0; i < l->count; i++)
		sg_list_push(rows, sg_site_pipeline_row(x, l->customers[i], path));
}

void sg_site_pipeline(sg_site_ctx *x)
{
	const char *lang = x->lang;
	const char *path = "pipeline.html";
	sg_value *data = sg_site_base(x, lang, path, "pipeline", sg_site_str(x, lang, "nav.pipeline"));
	bool inline_rows = sg_site_pipeline_inline(x);
	sg_site_set_bool(x, data, "inline", inline_rows);
	sg_value *rows = sg_map_set(&x->a, data, "stages", sg_value_list(&x->a));
	size_t count = 0, offers = 0;
	int64_t users = 0;
	sg_fen annual = 0;
	bool too_large = false;
	for (size_t k = 0; k < x->stage_list_count; k++) {
		const sg_site_stage_list *l = &x->stages[k];
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_int(x, v, "n", l->n);
		sg_site_set_bool(x, v, "staged", l->stage != NULL);
		sg_site_set_str(x, v, "name", S_list_name(x, l));
		sg_site_set_str(x, v, "href", l->first);
		S_figures(x, v, l->count, l->users, l->offers, l->annual, l->too_large);
		if (inline_rows)
			S_inline_rows(x, v, l, path);
		sg_list_push(rows, v);
		count += l->count;
		offers += l->offers;
		too_large |= l->too_large || __builtin_add_overflow(users, l->users, &users) ||
			     __builtin_add_overflow(annual, l->annual, &annual);
	}
	S_figures(x, sg_map_set(&x->a, data, "total", sg_value_map(&x->a)), count, users, offers,
		  annual, too_large);
	sg_site_emit(x, "pipeline", path, data);
}

/* Every stage's list as a link from path, this one marked: to move between
 * stages without going back. */
static sg_value *S_stage_links(sg_site_ctx *x, const char *path, size_t list)
{
	sg_value *links = sg_value_list(&x->a);
	for (size_t k = 0; k < x->stage_list_count; k++) {
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_int(x, v, "n", x->stages[k].n);
		sg_site_set_bool(x, v, "staged", x->stages[k].stage != NULL);
		sg_site_set_str(x, v, "name", S_list_name(x, &x->stages[k]));
		sg_site_set_str(x, v, "href", sg_site_href(x, path, x->stages[k].first));
		sg_site_set_bool(x, v, "current", k == list);
		sg_list_push(links, v);
	}
	return links;
}

void sg_site_pipeline_list(sg_site_ctx *x, size_t list, size_t k)
{
	const char *lang = x->lang;
	const sg_site_stage_list *l = &x->stages[list];
	const char *path = sg_site_list_path(&x->a, l->first, k);
	const char *name = S_list_name(x, l);
	sg_value *data = sg_site_base(x, lang, path, "stage", sg_site_paged_title(x, name, k, l->count));
	sg_site_set_str(x, data, "stage", name);
	sg_site_set_int(x, data, "stage_n", l->n);
	sg_site_set_bool(x, data, "staged", l->stage != NULL);
	sg_site_set_str(x, data, "from", sg_site_date(&x->a, x->today));
	sg_map_set(&x->a, data, "stage_links", S_stage_links(x, path, list));
	size_t from = k * SG_SITE_LIST_PAGE, to = from + SG_SITE_LIST_PAGE;
	if (to > l->count)
		to = l->count;
	/* "Rows 201-300": where this page is in the stage (the stage's count
	 * is on the summary: here it would make every page of the stage
	 * depend on every customer of it). */
	const char *pairs[] = {"from", sg_site_count(&x->a, (int64_t)from + 1),
			       "to", sg_site_count(&x->a, (int64_t)to)};
	if (l->count)
		sg_site_set_str(x, data, "range", sg_site_fill(x, sg_site_str(x, lang, "pipe.range"),
							       pairs, 2));
	sg_site_set_bool(x, data, "has_rows", from < to);
	sg_value *rows = sg_map_set(&x->a, data, "rows", sg_value_list(&x->a));
	for (size_t i = from; i < to; i++)
		sg_list_push(rows, sg_site_pipeline_row(x, l->customers[i], path));
	sg_site_pagination(x, data, l->first, k, sg_site_list_pages(l->count));
	sg_site_emit(x, "stage", path, data);
}
