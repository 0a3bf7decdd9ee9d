/*
 * paginate.c - the flow (layout_int.h) broken into pages.
 *
 * Design note. Pagination is planned first and drawn after: S_plan decides
 * on which page and at what height each item goes, without touching the
 * layout, so that a plan can be made again with other spacing; S_emit then
 * copies the items' boxes onto the pages of the plan.
 *
 * The plan fills pages greedily. When an item does not fit, the page breaks
 * before the earliest item of the chain of "keep" items that ends with it,
 * unless that chain began the page (then the break is forced) or is a table
 * row taller than a page (it is cut where it is, rather than leave the
 * page's foot empty). A table row that starts a page repeats its table's
 * header row first; a row cut by the page keeps its cell padding on both
 * sides of the cut and gets a thin rule under it. A space (an item without
 * boxes) that does not fit ends the page: it is never carried to the top
 * of the next.
 *
 * The keep flags come from the blocks (a paragraph's first two and last two
 * lines, a heading with its first line, a table's rows: table.c); one rule
 * is added here, where the whole flow is seen: a heading keeps at least two
 * lines of what follows it (S_keep_after_headings), so that a heading never
 * ends a page with one list item under it.
 *
 * The last page. When the last page holds no heading, it only ends the
 * section the pages before began: a list's last items, a paragraph's last
 * lines. The plan is then tried once more with the vertical spaces (the
 * room above blocks, the spaces after headings, lists and tables) of the
 * last two pages shrunk by as much as it takes for them to fit on one page,
 * but never below half their size (S_MIN_SQUEEZE). When the new plan has a
 * page fewer, it is kept. When it has not, and the last section began on
 * the page before with less than a third of a page there, the section
 * starts the last page instead (its heading and first lines leave a gap at
 * the foot of the page before rather than the last page holding only the
 * section's end), if it fits there; otherwise the first plan stands.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"

#define S_EPS 1e-6
#define S_CHROME_ROOM 8
/* The vertical spaces of the last two pages may shrink to this share of
 * their size so that the last page's few lines join the page before. */
#define S_MIN_SQUEEZE 0.5
/* Lines of what follows a heading that stay on its page. */
#define S_HEADING_KEEPS 2

/* ---------------------------------------------------------------- rules */

/* Whether item v is a space: no boxes, no forced break. */
static bool S_is_space(const sg_vitem *v)
{
	return v->nbox == 0 && !v->page_break;
}

/* Adds to keep (one flag per item, the items' own) that a heading keeps at
 * least S_HEADING_KEEPS lines of what follows it on its page: every item
 * from the heading to the last of those lines keeps with the next. A
 * heading followed by fewer lines before the next heading (a section of one
 * line) keeps what there is, as the blocks already say. */
static void S_keep_after_headings(const sg_flow *f, bool *keep)
{
	const sg_vitem *it = f->items;
	for (size_t h = 0; h < f->n; h++) {
		if (it[h].heading < 0)
			continue;
		/* The heading's own lines, up to the space after it. */
		size_t i = h + 1;
		while (i < f->n && it[i].nbox > 0 && it[i].heading < 0 && keep[i - 1])
			i++;
		size_t lines = 0, end = SIZE_MAX;
		for (size_t j = i; j < f->n; j++) {
			if (it[j].page_break || it[j].heading >= 0)
				break;
			if (it[j].nbox > 0 && ++lines == S_HEADING_KEEPS) {
				end = j;
				break;
			}
		}
		for (size_t j = h; end != SIZE_MAX && j < end; j++)
			keep[j] = true;
	}
}

/* ---------------------------------------------------------------- the plan */

/* A page of the plan. */
typedef struct S_page {
	size_t first;    /* its first item */
	bool head;       /* the table header row repeated above it */
	bool cut;        /* it ends inside a table row: a rule at cut_y */
	double cut_y;    /* from the body's top */
	size_t cut_item; /* the item the cut follows */
} S_page;

typedef struct S_plan {
	const sg_flow *f;
	const bool *keep; /* per item: the flow's keep flags and the rules' */
	double height;    /* of the body */
	/* Spaces of items from `from` on are set `squeeze` times their size. */
	size_t from;
	double squeeze;
	size_t force; /* a page starts with this item (SIZE_MAX: none) */
	/* The plan: per item its page and top (from the body's top), and the
	 * space set above it; the pages. */
	size_t *page;
	double *y;
	double *above;
	S_page *pages;
	size_t npages, pages_cap;
} S_plan;

static void S_plan_init(S_plan *p, const sg_flow *f, const bool *keep, double height)
{
	memset(p, 0, sizeof *p);
	p->f = f;
	p->keep = keep;
	p->height = height;
	p->from = SIZE_MAX;
	p->squeeze = 1;
	p->force = SIZE_MAX;
	p->page = sg_xcalloc(f->n + 1, sizeof *p->page);
	p->y = sg_xcalloc(f->n + 1, sizeof *p->y);
	p->above = sg_xcalloc(f->n + 1, sizeof *p->above);
}

static void S_plan_dispose(S_plan *p)
{
	free(p->page);
	free(p->y);
	free(p->above);
	free(p->pages);
	memset(p, 0, sizeof *p);
}

/* Item i's space above and its height, as the plan sets them. */
static double S_before(const S_plan *p, size_t i)
{
	double b = p->f->items[i].before;
	return i >= p->from ? b * p->squeeze : b;
}

static double S_height(const S_plan *p, size_t i)
{
	const sg_vitem *v = &p->f->items[i];
	return i >= p->from && S_is_space(v) ? v->h * p->squeeze : v->h;
}

/* The room item v needs below it on a page: a table row that may be cut
 * after it keeps its cell padding there. */
static double S_cut_room(const sg_flow *f, const sg_vitem *v)
{
	return v->split ? f->tables[v->table].pad : 0;
}

/* Whether the keep chain that starts at item j and has reached item i,
 * which does not fit, is better cut before i than moved to the next page:
 * when it is one table's, holds a row cut between i - 1 and i, and would
 * not fit on a page of its own either (a row taller than a page). Moving it
 * would only leave this page's foot empty. */
static bool S_cut_here(const S_plan *p, size_t j, size_t i)
{
	const sg_flow *f = p->f;
	const sg_vitem *it = f->items;
	int table = it[j].table;
	if (table < 0 || !it[i - 1].split)
		return false;
	double h = 0;
	for (size_t e = j; e < f->n; e++) {
		if (it[e].table != table)
			return false;
		h += it[e].h + (e > j ? it[e].before : 0);
		if (!p->keep[e])
			break;
	}
	size_t head = f->tables[table].head;
	if (!it[j].table_head && head != SIZE_MAX)
		h += it[head].h;
	return h > p->height + S_EPS;
}

static void S_plan_page(S_plan *p, size_t first)
{
	SG_GROW(p->pages, p->npages, p->pages_cap);
	p->pages[p->npages++] = (S_page){first, false, false, 0, 0};
}

/* Item i does not fit on the current page, whose items end at the heights
 * yend: a new page, which starts at the earliest item of the keep chain
 * ending at i, unless the chain began the page or is a table row that no
 * page could hold whole. Returns the item the new page starts with. */
static size_t S_plan_break(S_plan *p, size_t i, const double *yend)
{
	const sg_flow *f = p->f;
	S_page *pg = &p->pages[p->npages - 1];
	size_t j = i;
	while (j > pg->first && p->keep[j - 1])
		j--;
	if (j == pg->first || S_cut_here(p, j, i))
		j = i;
	if (f->items[j - 1].split) {
		pg->cut = true;
		pg->cut_item = j - 1;
		pg->cut_y = yend[j - 1] + f->tables[f->items[j - 1].table].pad;
	}
	S_plan_page(p, j);
	return j;
}

/* Plans the pages of the whole flow (p->from and p->squeeze say how its
 * spaces are set). */
static void S_plan_run(S_plan *p)
{
	const sg_flow *f = p->f;
	double *yend = sg_xcalloc(f->n + 1, sizeof *yend);
	p->npages = 0;
	S_plan_page(p, 0);
	double y = 0;
	size_t i = 0;
	while (i < f->n) {
		const sg_vitem *v = &f->items[i];
		S_page *pg = &p->pages[p->npages - 1];
		bool at_top = i == pg->first;
		if (at_top)
			y = 0;
		if ((v->page_break || i == p->force) && !at_top) {
			S_plan_page(p, i);
			continue;
		}
		double before = at_top ? 0 : S_before(p, i), h = S_height(p, i);
		if (!at_top && y + before + h + S_cut_room(f, v) > p->height + S_EPS) {
			if (S_is_space(v) && !p->keep[i]) {
				/* A space at the foot of a page ends it. */
				p->page[i] = p->npages - 1;
				p->y[i] = y;
				p->above[i] = 0;
				y = yend[i] = p->height;
				i++;
				continue;
			}
			i = S_plan_break(p, i, yend);
			continue;
		}
		if (at_top && v->table >= 0 && !v->table_head) {
			/* The table's header row is repeated above the row, and
			 * the rest of a row cut by the page keeps its padding. */
			const sg_ftable *t = &f->tables[v->table];
			if (t->head != SIZE_MAX) {
				pg->head = true;
				y += f->items[t->head].h;
			}
			if (i > 0 && f->items[i - 1].split)
				y += t->pad;
		}
		p->page[i] = p->npages - 1;
		p->y[i] = y + before;
		p->above[i] = before;
		y += before + h;
		yend[i] = y;
		i++;
	}
	free(yend);
}

/* Whether the plan's last page holds no heading while an earlier page
 * does: it only ends a section that began before it. A page that starts at
 * a forced break is as the author wants it. */
static bool S_last_page_is_tail(const S_plan *p)
{
	if (p->npages < 2)
		return false;
	const sg_vitem *it = p->f->items;
	size_t last = p->pages[p->npages - 1].first;
	if (it[last].page_break)
		return false;
	bool before = false;
	for (size_t i = 0; i < p->f->n; i++) {
		if (it[i].heading < 0)
			continue;
		if (i >= last)
			return false;
		before = true;
	}
	return before;
}

/* The share of their size the spaces of the last two pages of p would have
 * to shrink to for those pages' items to fit on one, or 0 when that takes
 * more than S_MIN_SQUEEZE allows. */
static double S_tail_squeeze(const S_plan *p)
{
	const sg_flow *f = p->f;
	size_t from = p->pages[p->npages - 2].first;
	size_t end = f->n;
	while (end > from && S_is_space(&f->items[end - 1]))
		end--; /* spaces at the foot are dropped anyway */
	double fixed = 0, spaces = 0;
	const sg_vitem *v0 = &f->items[from];
	if (v0->table >= 0 && !v0->table_head) {
		const sg_ftable *t = &f->tables[v0->table];
		if (t->head != SIZE_MAX)
			fixed += f->items[t->head].h;
		if (from > 0 && f->items[from - 1].split)
			fixed += t->pad;
	}
	for (size_t i = from; i < end; i++) {
		const sg_vitem *v = &f->items[i];
		if (i > from)
			spaces += v->before;
		if (S_is_space(v))
			spaces += v->h;
		else
			fixed += v->h;
	}
	double over = fixed + spaces - p->height;
	if (spaces <= 0 || over > spaces * (1 - S_MIN_SQUEEZE))
		return 0;
	/* A hair more than it takes, against rounding. */
	return over <= 0 ? 1 : 1 - over / spaces - 1e-4;
}

/* The first item of the last heading before the plan's last page, when
 * it is on the page before that and less than a third of a page from its
 * foot; else SIZE_MAX. */
static size_t S_last_section(const S_plan *p)
{
	const sg_vitem *it = p->f->items;
	size_t prev = p->pages[p->npages - 2].first, last = p->pages[p->npages - 1].first;
	size_t h = last;
	while (h > prev && it[h - 1].heading < 0)
		h--;
	if (h <= prev + 1)
		return SIZE_MAX; /* no heading there, or it starts the page */
	h--;
	double y = p->y[last - 1] + S_height(p, last - 1);
	return y - p->y[h] < p->height / 3 ? h : SIZE_MAX;
}

/* The plan p made again with `from`, `squeeze` and `force` as given,
 * replacing p when it has no more pages than p, or (fewer) fewer. */
static bool S_replan(S_plan *p, size_t from, double squeeze, size_t force, bool fewer)
{
	S_plan q;
	S_plan_init(&q, p->f, p->keep, p->height);
	q.from = from;
	q.squeeze = squeeze;
	q.force = force;
	S_plan_run(&q);
	bool better = fewer ? q.npages < p->npages : q.npages <= p->npages;
	if (better) {
		S_plan_dispose(p);
		*p = q;
	} else {
		S_plan_dispose(&q);
	}
	return better;
}

/* The last page when it holds only the end of a section: see the top. */
static void S_tail(S_plan *p)
{
	if (!S_last_page_is_tail(p))
		return;
	double k = S_tail_squeeze(p);
	if (k > 0 && S_replan(p, p->pages[p->npages - 2].first, k, SIZE_MAX, true))
		return;
	size_t h = S_last_section(p);
	if (h != SIZE_MAX)
		S_replan(p, SIZE_MAX, 1, h, false);
}

/* ---------------------------------------------------------------- emit */

typedef struct S_emitter {
	const sg_flow *f;
	sg_layout *l;
	double top;
	size_t page; /* of the layout */
} S_emitter;

/* A page's boxes at their number, with room for the running header and
 * footer that the renderer adds (five boxes: pdf_pages.c): a report of a
 * thousand pages would otherwise keep a third of its boxes' room empty. */
static void S_fit_page(sg_lpage *pg)
{
	if (pg->cap > pg->n + S_CHROME_ROOM) {
		pg->cap = pg->n + S_CHROME_ROOM;
		pg->boxes = sg_xrealloc(pg->boxes, pg->cap * sizeof *pg->boxes);
	}
}

/* Item i's boxes on the page, its top y from the body's top, with
 * `above` of space set above it. */
static void S_place(S_emitter *e, size_t i, double y, double above)
{
	const sg_vitem *v = &e->f->items[i];
	for (size_t k = v->box0; k < v->box0 + v->nbox; k++) {
		const sg_box *src = &e->f->boxes[k];
		sg_box *b = sg_layout_page_box(e->l, e->page, src->kind, 0, 0, 0, 0);
		*b = *src;
		b->y = e->top + y + src->y;
		if (src->kind == SG_BOX_TEXT)
			b->baseline = e->top + y + src->baseline;
		if (v->grow_up && src->kind == SG_BOX_FILL && above > 0) {
			b->y -= above;
			b->h += above;
		}
	}
	if (v->heading >= 0) {
		sg_heading *h = &e->l->headings[v->heading];
		h->page = (int)e->page;
		h->y = e->top + y;
	}
}

/* Lets go of the flow's items from item n on, and of their boxes: their
 * pages are made. */
static void S_flow_cut(sg_flow *f, size_t n)
{
	if (n == 0 || n >= f->n)
		return;
	size_t nb = f->items[n].box0;
	f->n = f->cap = n;
	f->items = sg_xrealloc(f->items, n * sizeof *f->items);
	if (nb > 0) {
		f->nboxes = f->boxes_cap = nb;
		f->boxes = sg_xrealloc(f->boxes, nb * sizeof *f->boxes);
	}
}

/* The plan's pages into l, the last first: once a page is made, the
 * flow's items from its first on (and their boxes) are let go, as the
 * pages before it need only items before it (a repeated header row is its
 * table's first), so that a report of thousands of pages never holds its
 * boxes twice. */
static void S_emit(const S_plan *p, sg_flow *f, sg_layout *l, double top)
{
	S_emitter e = {f, l, top, 0};
	size_t page0 = l->npages;
	for (size_t k = 0; k < p->npages; k++)
		sg_layout_add_page(l);
	for (size_t k = p->npages; k-- > 0;) {
		const S_page *pg = &p->pages[k];
		size_t end = k + 1 < p->npages ? p->pages[k + 1].first : f->n;
		e.page = page0 + k;
		if (pg->head)
			S_place(&e, f->tables[f->items[pg->first].table].head, 0, 0);
		for (size_t i = pg->first; i < end; i++)
			if (p->page[i] == k)
				S_place(&e, i, p->y[i], p->above[i]);
		if (pg->cut) {
			const sg_ftable *t = &f->tables[f->items[pg->cut_item].table];
			sg_box *r = sg_layout_page_box(l, e.page, SG_BOX_RULE, t->x, top + pg->cut_y,
						       t->width, 0);
			r->color = t->rule;
			r->stroke = 0.35;
		}
		S_fit_page(&l->pages[e.page]);
		S_flow_cut(f, pg->first);
	}
}

/* The flow is complete: its arrays give back their spare room (up to half
 * of them) before the pages take copies of its boxes. */
static void S_flow_trim(sg_flow *f)
{
	if (f->boxes_cap > f->nboxes && f->nboxes > 0) {
		f->boxes = sg_xrealloc(f->boxes, f->nboxes * sizeof *f->boxes);
		f->boxes_cap = f->nboxes;
	}
	if (f->cap > f->n) {
		f->items = sg_xrealloc(f->items, f->n * sizeof *f->items);
		f->cap = f->n;
	}
}

void sg_flow_paginate(sg_flow *f, sg_layout *l, double x, double top, double height)
{
	(void)x;
	if (f->n == 0) {
		sg_layout_add_page(l);
		return;
	}
	S_flow_trim(f);
	bool *keep = sg_xcalloc(f->n, sizeof *keep);
	for (size_t i = 0; i < f->n; i++)
		keep[i] = f->items[i].keep;
	S_keep_after_headings(f, keep);
	S_plan plan;
	S_plan_init(&plan, f, keep, height);
	S_plan_run(&plan);
	S_tail(&plan);
	S_emit(&plan, f, l, top);
	S_plan_dispose(&plan);
	free(keep);
}
