/*
 * paginate.c - the flow (layout_int.h) broken into pages.
 *
 * Pages are filled greedily. When an item does not fit, the page breaks
 * before the earliest item of the chain of "keep" items that ends with it,
 * unless that chain began the page (then the break is forced) or is a table
 * row taller than a page (it is cut where it is, rather than leave the
 * page's foot empty). A table row that starts a page repeats its table's
 * header row first; a row cut by the page keeps its cell padding on both
 * sides of the cut and gets a thin rule under it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"

#define S_EPS 1e-6
#define S_CHROME_ROOM 8

/* ---------------------------------------------------------------- pages */

typedef struct S_pager {
	sg_flow *f;
	sg_layout *l;
	double x, top, height;
	size_t page;
	double y; /* used height on the page */
	size_t first; /* first item on the page */
	bool started; /* page is one of this flow's */
} S_pager;

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

/* Closes the current page (it gets no more boxes) and starts the next. */
static void S_new_page(S_pager *p)
{
	if (p->started)
		S_fit_page(&p->l->pages[p->page]);
	p->page = sg_layout_add_page(p->l);
	p->started = true;
	p->y = 0;
}

static void S_place(S_pager *p, size_t i, double y, double applied_before)
{
	const sg_vitem *v = &p->f->items[i];
	for (size_t k = v->box0; k < v->box0 + v->nbox; k++) {
		const sg_box *src = &p->f->boxes[k];
		sg_box *b = sg_layout_page_box(p->l, p->page, src->kind, 0, 0, 0, 0);
		*b = *src;
		b->y = p->top + y + src->y;
		if (src->kind == SG_BOX_TEXT)
			b->baseline = p->top + y + src->baseline;
		if (v->grow_up && src->kind == SG_BOX_FILL && applied_before > 0) {
			b->y -= applied_before;
			b->h += applied_before;
		}
	}
	if (v->heading >= 0) {
		sg_heading *h = &p->l->headings[v->heading];
		h->page = (int)p->page;
		h->y = p->top + y;
	}
}

/* Removes the boxes of items placed from item `from` on (they move to the
 * next page): every box placed after the first of them. */
static void S_unplace(S_pager *p, size_t nboxes_before)
{
	p->l->pages[p->page].n = nboxes_before;
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
static bool S_cut_here(const sg_flow *f, size_t j, size_t i, double height)
{
	const sg_vitem *it = f->items;
	int table = it[j].table;
	if (table < 0 || !it[i - 1].split)
		return false;
	double h = 0;
	for (size_t e = j; e < f->n; e++) {
		if (it[e].table != table)
			return false;
		h += it[e].h + (e > j ? it[e].before : 0);
		if (!it[e].keep)
			break;
	}
	size_t head = f->tables[table].head;
	if (!it[j].table_head && head != SIZE_MAX)
		h += it[head].h;
	return h > height + S_EPS;
}

/* The page breaks inside a table row, after item i which ends at y: a thin
 * rule under the cell padding closes the table on this page. */
static void S_cut_rule(S_pager *p, size_t i, double y)
{
	const sg_ftable *t = &p->f->tables[p->f->items[i].table];
	sg_box *r = sg_layout_page_box(p->l, p->page, SG_BOX_RULE, t->x, p->top + y + t->pad,
				       t->width, 0);
	r->color = t->rule;
	r->stroke = 0.35;
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

/* Item i does not fit on the page: a new page, which starts at the earliest
 * item of the keep chain ending at i, unless the chain began the page or is
 * a table row that no page could hold whole. mark and yend are
 * sg_flow_paginate's. Returns the item the new page starts with. */
static size_t S_break_before(S_pager *p, size_t i, const size_t *mark, const double *yend)
{
	sg_flow *f = p->f;
	size_t j = i;
	while (j > p->first && f->items[j - 1].keep)
		j--;
	if (j == p->first || S_cut_here(f, j, i, p->height))
		j = i;
	if (j < i)
		S_unplace(p, mark[j]);
	if (f->items[j - 1].split)
		S_cut_rule(p, j - 1, yend[j - 1]);
	S_new_page(p);
	p->first = j;
	return j;
}

/* Item i, a table body row, begins a page: the table's header row is
 * repeated above it, and the rest of a row cut by the page keeps its
 * padding. */
static void S_repeat_head(S_pager *p, size_t i)
{
	sg_flow *f = p->f;
	const sg_ftable *t = &f->tables[f->items[i].table];
	if (t->head != SIZE_MAX) {
		S_place(p, t->head, 0, 0);
		p->y += f->items[t->head].h;
	}
	if (i > 0 && f->items[i - 1].split)
		p->y += t->pad;
}

void sg_flow_paginate(sg_flow *f, sg_layout *l, double x, double top, double height)
{
	S_pager p = {f, l, x, top, height, 0, 0, 0, false};
	if (f->n == 0) {
		S_new_page(&p);
		return;
	}
	S_flow_trim(f);
	/* Per item placed on the current page: the page's box count before it
	 * (to undo the placement) and the height used after it. */
	size_t *mark = sg_xcalloc(f->n + 1, sizeof *mark);
	double *yend = sg_xcalloc(f->n + 1, sizeof *yend);
	S_new_page(&p);
	p.first = 0;
	size_t i = 0;
	while (i < f->n) {
		const sg_vitem *v = &f->items[i];
		bool at_top = i == p.first;
		if (v->page_break && !at_top) {
			S_new_page(&p);
			p.first = i;
			continue;
		}
		double before = at_top ? 0 : v->before;
		if (!at_top && p.y + before + v->h + S_cut_room(f, v) > height + S_EPS) {
			i = S_break_before(&p, i, mark, yend);
			continue;
		}
		mark[i] = l->pages[p.page].n;
		if (at_top && v->table >= 0 && !v->table_head)
			S_repeat_head(&p, i);
		S_place(&p, i, p.y + before, before);
		p.y += before + v->h;
		yend[i] = p.y;
		i++;
	}
	free(mark);
	free(yend);
	S_fit_page(&l->pages[p.page]);
}
