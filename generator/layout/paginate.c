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
 * is added here: a heading keeps at least two lines of what follows it
 * (S_keep_after_headings), so that a heading never ends a page with one
 * list item under it.
 *
 * As it goes. A report of a hundred thousand rows is thousands of pages:
 * the flow is paginated while it is made (sg_flow_pump), and a page is made
 * (and given to the caller, who may draw and free it) as soon as nothing
 * that follows can change it, so that only a few pages' items are held at
 * once. The plan is made again over the items not yet on pages each time
 * some more are final; its pages are the same as a plan of the whole flow
 * would make, because a page's end depends only on the items from its
 * first on: a break moves back at most to the start of the keep chain it
 * cuts, never past the page's first item. What is left open at the end of
 * what is known: the last page's rules (the last two pages), a heading
 * whose two lines are not there yet (its keep chain), and a row cut
 * whether the chain after it fits a page (S_cut_here). A page before all
 * three is final.
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

/* Whether a page may not break after v: its own rule or a heading's. */
static bool S_keeps(const sg_vitem *v)
{
	return v->keep || v->hkeep;
}

/* The first item of the keep chain that item h is part of. */
static size_t S_chain_start(const sg_flow *f, size_t h)
{
	while (h > 0 && S_keeps(&f->items[h - 1]))
		h--;
	return h;
}

/* Sets hkeep so that a heading keeps at least S_HEADING_KEEPS lines of
 * what follows it on its page: every item from the heading to the last of
 * those lines keeps with the next. A heading followed by fewer lines before
 * the next heading (a section of one line) keeps what there is, as the
 * blocks already say. Only items [0, settled) are known (all of the flow
 * when final): returns the start of the keep chain of the first heading
 * whose lines are not all there yet (SIZE_MAX: none), what it may still
 * change. */
static size_t S_keep_after_headings(sg_flow *f, size_t settled, bool final)
{
	sg_vitem *it = f->items;
	for (size_t h = f->hscan; h < settled; h++) {
		if (it[h].heading < 0)
			continue;
		/* The heading's own lines, up to the space after it. */
		size_t i = h + 1;
		while (i < settled && it[i].nbox > 0 && it[i].heading < 0 && S_keeps(&it[i - 1]))
			i++;
		size_t lines = 0, end = SIZE_MAX;
		bool known = false;
		for (size_t j = i; j < settled && !known; j++) {
			if (it[j].page_break || it[j].heading >= 0)
				known = true;
			else if (it[j].nbox > 0 && ++lines == S_HEADING_KEEPS)
				known = true, end = j;
		}
		if (!known && !final) {
			f->hscan = h;
			return S_chain_start(f, h);
		}
		for (size_t j = h; end != SIZE_MAX && j < end; j++)
			it[j].hkeep = true;
	}
	f->hscan = settled;
	return SIZE_MAX;
}

/* The header row of table t, and the boxes its box0 counts in. */
static const sg_vitem *S_head(const sg_flow *f, const sg_ftable *t, const sg_box **boxes)
{
	if (t->head_saved) {
		*boxes = t->head_boxes;
		return &t->head_item;
	}
	*boxes = f->boxes;
	return &f->items[t->head - f->dropped];
}

static double S_head_h(const sg_flow *f, const sg_ftable *t)
{
	const sg_box *boxes;
	return S_head(f, t, &boxes)->h;
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
	size_t n;       /* the items planned: [0, n) of the flow */
	bool final;     /* n is the end of the flow */
	double height;  /* of the body */
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
	/* The first page whose end depends on items not planned yet
	 * (S_cut_here), or SIZE_MAX. */
	size_t open;
} S_plan;

static void S_plan_init(S_plan *p, const sg_flow *f, size_t n, bool final, double height)
{
	memset(p, 0, sizeof *p);
	p->f = f;
	p->n = n;
	p->final = final;
	p->height = height;
	p->from = SIZE_MAX;
	p->squeeze = 1;
	p->force = SIZE_MAX;
	p->open = SIZE_MAX;
	p->page = sg_xcalloc(n + 1, sizeof *p->page);
	p->y = sg_xcalloc(n + 1, sizeof *p->y);
	p->above = sg_xcalloc(n + 1, sizeof *p->above);
}

static void S_plan_dispose(S_plan *p)
{
	free(p->page);
	free(p->y);
	free(p->above);
	free(p->pages);
	memset(p, 0, sizeof *p);
}

/* Whether the item before item i is a table row cut by its page. */
static bool S_split_before(const S_plan *p, size_t i)
{
	return i > 0 ? p->f->items[i - 1].split : p->f->split_before;
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
 * would only leave this page's foot empty. A chain that runs past the
 * items planned and fits a page so far leaves the page open. */
static bool S_cut_here(S_plan *p, size_t j, size_t i)
{
	const sg_flow *f = p->f;
	const sg_vitem *it = f->items;
	int table = it[j].table;
	if (table < 0 || !it[i - 1].split)
		return false;
	double h = 0;
	bool ended = p->final;
	for (size_t e = j; e < p->n; e++) {
		if (it[e].table != table)
			return false;
		h += it[e].h + (e > j ? it[e].before : 0);
		if (!S_keeps(&it[e])) {
			ended = true;
			break;
		}
	}
	const sg_ftable *t = &f->tables[table];
	if (!it[j].table_head && t->head != SIZE_MAX)
		h += S_head_h(f, t);
	bool cut = h > p->height + S_EPS;
	if (!cut && !ended && p->npages - 1 < p->open)
		p->open = p->npages - 1;
	return cut;
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
	while (j > pg->first && S_keeps(&f->items[j - 1]))
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

/* Plans the pages of the items (p->from and p->squeeze say how their
 * spaces are set). */
static void S_plan_run(S_plan *p)
{
	const sg_flow *f = p->f;
	double *yend = sg_xcalloc(p->n + 1, sizeof *yend);
	p->npages = 0;
	p->open = SIZE_MAX;
	S_plan_page(p, 0);
	double y = 0;
	size_t i = 0;
	while (i < p->n) {
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
			if (S_is_space(v) && !S_keeps(v)) {
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
				y += S_head_h(f, t);
			}
			if (S_split_before(p, i))
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
	bool before = p->f->heading_made;
	for (size_t i = 0; i < p->n; i++) {
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
	size_t end = p->n;
	while (end > from && S_is_space(&f->items[end - 1]))
		end--; /* spaces at the foot are dropped anyway */
	double fixed = 0, spaces = 0;
	const sg_vitem *v0 = &f->items[from];
	if (v0->table >= 0 && !v0->table_head) {
		const sg_ftable *t = &f->tables[v0->table];
		if (t->head != SIZE_MAX)
			fixed += S_head_h(f, t);
		if (S_split_before(p, from))
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
	S_plan_init(&q, p->f, p->n, p->final, p->height);
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

/* Item v's boxes (boxes[v->box0 ...]) on page pg of l, its top y from the
 * body's top, with `above` of space set above it. */
static void S_place(sg_flow *f, size_t pg, const sg_vitem *v, const sg_box *boxes, double y,
		    double above)
{
	sg_layout *l = f->l;
	double top = f->top;
	for (size_t k = v->box0; k < v->box0 + v->nbox; k++) {
		const sg_box *src = &boxes[k];
		sg_box *b = sg_layout_page_box(l, pg, src->kind, 0, 0, 0, 0);
		*b = *src;
		b->y = top + y + src->y;
		if (src->kind == SG_BOX_TEXT)
			b->baseline = top + y + src->baseline;
		if (v->grow_up && src->kind == SG_BOX_FILL && above > 0) {
			b->y -= above;
			b->h += above;
		}
	}
	if (v->heading >= 0) {
		sg_heading *h = &l->headings[v->heading];
		h->page = (int)pg;
		h->y = top + y;
		f->heading_made = true;
	}
}

/* Page k of the plan into the layout, then to the caller. */
static void S_emit(const S_plan *p, sg_flow *f, size_t k)
{
	const S_page *pg = &p->pages[k];
	size_t end = k + 1 < p->npages ? p->pages[k + 1].first : p->n;
	size_t page = sg_layout_add_page(f->l);
	if (pg->head) {
		const sg_box *boxes;
		const sg_vitem *h = S_head(f, &f->tables[f->items[pg->first].table], &boxes);
		S_place(f, page, h, boxes, 0, 0);
	}
	for (size_t i = pg->first; i < end; i++)
		if (p->page[i] == k)
			S_place(f, page, &f->items[i], f->boxes, p->y[i], p->above[i]);
	if (pg->cut) {
		const sg_ftable *t = &f->tables[f->items[pg->cut_item].table];
		sg_box *r = sg_layout_page_box(f->l, page, SG_BOX_RULE, t->x, f->top + pg->cut_y,
					       t->width, 0);
		r->color = t->rule;
		r->stroke = 0.35;
	}
	S_fit_page(&f->l->pages[page]);
	sg_layout_chunk_page(f->l, page, f->dropped + end);
	if (f->page_done)
		f->page_done(f->page_arg, f->l, page);
}

/* The header rows of the tables among the first n items, copied: later
 * rows of their tables may still repeat them. */
static void S_save_heads(sg_flow *f, size_t n)
{
	for (size_t k = 0; k < f->ntables; k++) {
		sg_ftable *t = &f->tables[k];
		if (t->head_saved || t->head == SIZE_MAX || t->head >= f->dropped + n)
			continue;
		const sg_vitem *v = &f->items[t->head - f->dropped];
		t->head_item = *v;
		t->head_item.box0 = 0;
		t->head_boxes = sg_xmalloc((v->nbox ? v->nbox : 1) * sizeof *t->head_boxes);
		memcpy(t->head_boxes, &f->boxes[v->box0], v->nbox * sizeof *t->head_boxes);
		t->head_saved = true;
	}
}

/* The first n items are on pages: they leave the flow, with their boxes. */
static void S_drop(sg_flow *f, size_t n)
{
	if (n == 0)
		return;
	S_save_heads(f, n);
	f->split_before = f->items[n - 1].split;
	size_t nb = n < f->n ? f->items[n].box0 : f->nboxes;
	memmove(f->items, f->items + n, (f->n - n) * sizeof *f->items);
	memmove(f->boxes, f->boxes + nb, (f->nboxes - nb) * sizeof *f->boxes);
	f->n -= n;
	f->nboxes -= nb;
	for (size_t i = 0; i < f->n; i++)
		f->items[i].box0 -= nb;
	f->dropped += n;
	f->hscan = f->hscan > n ? f->hscan - n : 0;
	f->planned = f->planned > n ? f->planned - n : 0;
}

/* ---------------------------------------------------------------- pumping */

void sg_flow_start(sg_flow *f, sg_layout *l, double top, double height,
		   sg_flow_page_fn page_done, void *arg)
{
	f->l = l;
	f->top = top;
	f->height = height;
	f->page_done = page_done;
	f->page_arg = arg;
}

/* How many more final items sg_flow_pump waits for before it plans again:
 * about a page's worth of table rows, so that the plan of the few pages
 * not yet made is made about once a page. */
#define S_PUMP_EVERY 48

/* Plans items [0, settled) and makes the pages that are final (all of
 * them when final). */
static void S_pages(sg_flow *f, size_t settled, bool final)
{
	if (f->n > f->most_alive)
		f->most_alive = f->n;
	size_t open_at = S_keep_after_headings(f, settled, final);
	S_plan plan;
	S_plan_init(&plan, f, settled, final, f->height);
	S_plan_run(&plan);
	size_t make = 0;
	if (final) {
		S_tail(&plan);
		make = plan.npages;
	} else {
		/* Page k is final when two pages follow it, the page after it
		 * starts before anything still open, and its own end is known. */
		while (make + 2 < plan.npages && plan.pages[make + 1].first <= open_at &&
		       make < plan.open)
			make++;
	}
	/* Every text made so far is shown by items made so far. */
	if (!final)
		sg_layout_chunk_close(f->l, f->dropped + f->n);
	for (size_t k = 0; k < make; k++)
		S_emit(&plan, f, k);
	f->planned = settled; /* S_drop moves it with the items */
	S_drop(f, make < plan.npages ? plan.pages[make].first : f->n);
	S_plan_dispose(&plan);
}

void sg_flow_pump(sg_flow *f, size_t settled)
{
	if (!f->l || settled < f->planned + S_PUMP_EVERY)
		return;
	S_pages(f, settled, false);
}

void sg_flow_paginate(sg_flow *f, sg_layout *l, double x, double top, double height)
{
	(void)x;
	if (!f->l)
		sg_flow_start(f, l, top, height, NULL, NULL);
	if (f->n == 0) {
		/* An empty document is one empty page. */
		if (f->dropped == 0) {
			size_t page = sg_layout_add_page(l);
			if (f->page_done)
				f->page_done(f->page_arg, l, page);
		}
		return;
	}
	S_pages(f, f->n, true);
}
