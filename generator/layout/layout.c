#include "layout/layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"

#define S_EPS 1e-6
#define S_CHROME_ROOM 8

/* ---------------------------------------------------------------- layout */

void sg_layout_init(sg_layout *l)
{
	memset(l, 0, sizeof *l);
	sg_arena_init(&l->arena);
}

void sg_layout_dispose(sg_layout *l)
{
	for (size_t i = 0; i < l->npages; i++)
		free(l->pages[i].boxes);
	free(l->pages);
	/* The texts themselves live in the arena. */
	for (size_t i = 0; i < l->ntexts; i++) {
		sg_ltext *t = l->texts[i];
		if (!t->packed) {
			sg_para_dispose(&t->para);
			free(t->attrs);
		}
		sg_lines_dispose(&t->lines);
		free(t->images);
	}
	free(l->texts);
	free(l->headings);
	free(l->images);
	free(l->image_slots);
	free(l->links);
	free(l->nodes);
	sg_arena_dispose(&l->arena);
	memset(l, 0, sizeof *l);
}

sg_ltext *sg_layout_new_text(sg_layout *l, const sg_fontset *fs, sg_pos pos)
{
	sg_ltext *t = sg_arena_alloc(&l->arena, sizeof *t);
	sg_para_init(&t->para);
	sg_lines_init(&t->lines);
	t->fs = fs;
	t->pos = pos;
	SG_GROW(l->texts, l->ntexts, l->texts_cap);
	l->texts[l->ntexts++] = t;
	return t;
}

/* ---------------------------------------------------------------- texts */

void sg_ltext_scratch_init(sg_ltext_scratch *s)
{
	memset(s, 0, sizeof *s);
	sg_lines_init(&s->t.lines);
	sg_lines_init(&s->part);
}

void sg_ltext_scratch_dispose(sg_ltext_scratch *s)
{
	sg_lines_dispose(&s->t.lines);
	sg_lines_dispose(&s->part);
	free(s->runs);
	memset(s, 0, sizeof *s);
}

void sg_ltext_part_view(const sg_ltext *row, size_t k, sg_ltext *v, sg_text_run **runs,
			size_t *cap)
{
	const sg_lpart *pt = &row->parts[k];
	size_t n = pt->run1 - pt->run0;
	const sg_text_run *r = row->para.runs + pt->run0;
	size_t base = n ? r[0].start : 0, end = n ? r[n - 1].end : 0;
	if (n > *cap) {
		*cap = n;
		*runs = sg_xrealloc(*runs, n * sizeof **runs);
	}
	for (size_t i = 0; i < n; i++) {
		(*runs)[i] = r[i];
		(*runs)[i].start -= base;
		(*runs)[i].end -= base;
	}
	sg_lines lines = v->lines;
	memset(v, 0, sizeof *v);
	v->lines = lines;
	/* cap 0: the text is the row's, never freed nor grown here. */
	v->para.text.data = row->para.text.data + base;
	v->para.text.len = end - base;
	v->para.runs = *runs;
	v->para.nruns = v->para.cap = n;
	v->attrs = row->attrs + pt->run0;
	v->attrs_cap = n;
	v->fs = row->fs;
	v->pos = row->pos;
	v->packed = true;
	v->measure = pt->measure;
}

/* Appends the lines of part k (from, set on its own) to a row's lines. */
static void S_append_part(sg_lines *to, const sg_lines *from, const sg_ltext *row, size_t k)
{
	size_t run0 = row->parts[k].run0;
	size_t base = row->parts[k].run1 > run0 ? row->para.runs[run0].start : 0;
	size_t i0 = to->nitems, t0 = to->text.len;
	if (to->nitems + from->nitems > to->items_cap) {
		to->items_cap = (to->nitems + from->nitems) * 2;
		to->items = sg_xrealloc(to->items, to->items_cap * sizeof *to->items);
	}
	if (to->nlines + from->nlines > to->lines_cap) {
		to->lines_cap = (to->nlines + from->nlines) * 2;
		to->lines = sg_xrealloc(to->lines, to->lines_cap * sizeof *to->lines);
	}
	for (size_t i = 0; i < from->nitems; i++) {
		sg_item *it = &to->items[to->nitems++];
		*it = from->items[i];
		it->run += (uint32_t)run0;
		it->off += (uint32_t)t0;
		it->src += base;
	}
	for (size_t i = 0; i < from->nlines; i++) {
		sg_line *ln = &to->lines[to->nlines++];
		*ln = from->lines[i];
		ln->first += i0;
		ln->end += i0;
		ln->next += i0;
	}
	sg_buf_put(&to->text, from->text.data, from->text.len);
}

const sg_ltext *sg_ltext_open(const sg_ltext *t, sg_ltext_scratch *s)
{
	if (!t->released)
		return t;
	if (s->of == t)
		return &s->t;
	sg_lines room = s->t.lines;
	s->t = *t;
	s->t.lines = room;
	/* As the table set it (table.c): ragged, no indent; a row cell by
	 * cell, each at its column's measure. */
	if (!t->parts) {
		sg_linebreak(&s->t.lines, &t->para, t->fs, t->measure, false);
	} else {
		sg_buf_clear(&s->t.lines.text);
		s->t.lines.nitems = s->t.lines.nlines = 0;
		for (size_t k = 0; k < t->nparts; k++) {
			sg_ltext v;
			v.lines = s->part;
			sg_ltext_part_view(t, k, &v, &s->runs, &s->runs_cap);
			sg_linebreak(&v.lines, &v.para, v.fs, v.measure, false);
			S_append_part(&s->t.lines, &v.lines, t, k);
			s->part = v.lines;
		}
	}
	s->of = t;
	return &s->t;
}

void sg_ltext_release(sg_ltext *t, double measure, sg_lines *spare)
{
	sg_lines_dispose(spare);
	*spare = t->lines;
	sg_lines_init(&t->lines);
	t->released = true;
	t->measure = measure;
}

void sg_ltext_pack(sg_layout *l, sg_ltext *t)
{
	if (t->packed)
		return;
	sg_para *p = &t->para;
	size_t runs = p->nruns * sizeof *p->runs, attrs = p->nruns * sizeof *t->attrs;
	/* Runs first: the arena aligns the block for them, and the attributes
	 * (a multiple of 4 bytes) and the text follow without padding. */
	char *m = sg_arena_alloc(&l->arena, runs + attrs + p->text.len + 1);
	if (runs) {
		memcpy(m, p->runs, runs);
		memcpy(m + runs, t->attrs, attrs);
	}
	size_t len = p->text.len;
	memcpy(m + runs + attrs, p->text.data, len);
	free(p->runs);
	free(t->attrs);
	sg_buf_dispose(&p->text);
	p->runs = p->nruns ? (sg_text_run *)(void *)m : NULL;
	p->cap = p->nruns;
	t->attrs = p->nruns ? (sg_run_attr *)(void *)(m + runs) : NULL;
	t->attrs_cap = p->nruns;
	/* cap 0: the buffer is never freed nor grown on its own. */
	p->text.data = m + runs + attrs;
	p->text.len = len;
	t->packed = true;
}

static void *S_fit(void *p, size_t n, size_t size, size_t *cap)
{
	if (*cap == n || !p)
		return p;
	*cap = n;
	if (n == 0) {
		free(p);
		return NULL;
	}
	return sg_xrealloc(p, n * size);
}

static void S_fit_buf(sg_buf *b)
{
	if (b->cap > b->len + 1) {
		b->data = sg_xrealloc(b->data, b->len + 1);
		b->cap = b->len + 1;
	}
}

void sg_ltext_trim(sg_ltext *t)
{
	if (!t->packed) {
		t->para.runs = S_fit(t->para.runs, t->para.nruns, sizeof *t->para.runs,
				     &t->para.cap);
		t->attrs = S_fit(t->attrs, t->para.nruns, sizeof *t->attrs, &t->attrs_cap);
		S_fit_buf(&t->para.text);
	}
	sg_lines *ls = &t->lines;
	ls->items = S_fit(ls->items, ls->nitems, sizeof *ls->items, &ls->items_cap);
	ls->lines = S_fit(ls->lines, ls->nlines, sizeof *ls->lines, &ls->lines_cap);
	S_fit_buf(&ls->text);
}

void sg_ltext_add(sg_ltext *t, const char *s, size_t len, sg_font_style style, double size,
		  const sg_fontset *fs, sg_run_attr attr)
{
	if (len == 0)
		return;
	/* Adjacent runs alike merge, so a line draws in fewer pieces. */
	size_t n = t->para.nruns;
	if (n > 0) {
		const sg_text_run *r = &t->para.runs[n - 1];
		const sg_run_attr *a = &t->attrs[n - 1];
		if (r->object == 0 && r->style == style && r->size == size && r->fs == fs &&
		    a->color == attr.color && a->deco == attr.deco && a->link == attr.link &&
		    r->end == t->para.text.len) {
			sg_buf_put(&t->para.text, s, len);
			t->para.runs[n - 1].end = t->para.text.len;
			return;
		}
	}
	sg_para_add_font(&t->para, s, len, style, size, fs);
	SG_GROW(t->attrs, n, t->attrs_cap);
	t->attrs[n] = attr;
}

void sg_ltext_add_image(sg_ltext *t, int image, double w, double h, double size,
			sg_run_attr attr)
{
	size_t n = t->para.nruns;
	sg_para_add_object(&t->para, w, size);
	SG_GROW(t->attrs, n, t->attrs_cap);
	t->attrs[n] = attr;
	SG_GROW(t->images, t->nimages, t->images_cap);
	t->images[t->nimages++] = (sg_inline_image){n, image, w, h, 0};
}

/* b made a box of kind, its top-left corner at (x, y), w by h; every other
 * field zero. */
static sg_box *S_box_init(sg_box *b, sg_box_kind kind, double x, double y, double w, double h)
{
	*b = (sg_box){.kind = kind, .x = x, .y = y, .w = w, .h = h};
	return b;
}

size_t sg_layout_add_page(sg_layout *l)
{
	SG_GROW(l->pages, l->npages, l->pages_cap);
	memset(&l->pages[l->npages], 0, sizeof *l->pages);
	return l->npages++;
}

sg_box *sg_layout_page_box(sg_layout *l, size_t page, sg_box_kind kind, double x, double y,
			   double w, double h)
{
	sg_lpage *p = &l->pages[page];
	SG_GROW(p->boxes, p->n, p->cap);
	return S_box_init(&p->boxes[p->n++], kind, x, y, w, h);
}

static double S_align_x(const sg_line *ln, double x, double width, double indent, char align)
{
	double room = width - indent - ln->width - ln->stretch * ln->gaps;
	if (align == 'r')
		return x + indent + room;
	if (align == 'c')
		return x + indent + room / 2;
	return x + indent;
}

/* Where a line's baseline sits in its box: the middle of a CJK glyph (about
 * 0.38 em above the baseline) at the middle of the line. */
static double S_baseline(double top, double lh, double size)
{
	return top + lh / 2 + size * 0.35;
}

double sg_layout_page_text(sg_layout *l, size_t page, sg_ltext *t, double x, double top,
			   double width, double leading, char align)
{
	sg_linebreak(&t->lines, &t->para, t->fs, width, false);
	double y = top;
	for (size_t i = 0; i < t->lines.nlines; i++) {
		const sg_line *ln = &t->lines.lines[i];
		double lh = ln->height * leading;
		sg_box *b = sg_layout_page_box(l, page, SG_BOX_TEXT, S_align_x(ln, x, width, 0, align),
					       y, ln->width, lh);
		b->text = t;
		b->line = i;
		b->baseline = S_baseline(y, lh, ln->height);
		y += lh;
	}
	/* Set for good: a running header and footer on each of a thousand
	 * pages need not keep room to grow. */
	sg_ltext_trim(t);
	return y;
}

/* ---------------------------------------------------------------- flow */

void sg_flow_init(sg_flow *f)
{
	memset(f, 0, sizeof *f);
}

void sg_flow_dispose(sg_flow *f)
{
	free(f->items);
	free(f->boxes);
	free(f->tables);
	memset(f, 0, sizeof *f);
}

sg_vitem *sg_flow_item(sg_flow *f, double h, double before)
{
	SG_GROW(f->items, f->n, f->cap);
	sg_vitem *it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->h = h;
	it->before = before;
	it->table = -1;
	it->heading = -1;
	it->box0 = f->nboxes;
	return it;
}

sg_box *sg_flow_box(sg_flow *f, sg_box_kind kind, double x, double y, double w, double h)
{
	SG_GROW(f->boxes, f->nboxes, f->boxes_cap);
	f->items[f->n - 1].nbox++;
	return S_box_init(&f->boxes[f->nboxes++], kind, x, y, w, h);
}

sg_box *sg_flow_box_at(sg_flow *f, size_t item, sg_box_kind kind, double x, double y, double w,
		       double h)
{
	SG_GROW(f->boxes, f->nboxes, f->boxes_cap);
	sg_vitem *v = &f->items[item];
	size_t at = v->box0 + v->nbox;
	memmove(&f->boxes[at + 1], &f->boxes[at], (f->nboxes - at) * sizeof *f->boxes);
	f->nboxes++;
	v->nbox++;
	for (size_t k = item + 1; k < f->n; k++)
		f->items[k].box0++;
	return S_box_init(&f->boxes[at], kind, x, y, w, h);
}

int sg_flow_table(sg_flow *f, double x, double width, double pad, uint32_t rule)
{
	SG_GROW(f->tables, f->ntables, f->tables_cap);
	f->tables[f->ntables] = (sg_ftable){SIZE_MAX, x, width, pad, rule};
	return (int)f->ntables++;
}

void sg_flow_link_boxes(sg_flow *f, const sg_ltext *t, size_t li, double x, double y, double h)
{
	const sg_line *ln = &t->lines.lines[li];
	const sg_item *it = t->lines.items;
	int cur = -1;
	double start = 0;
	for (size_t k = ln->first; k <= ln->end; k++) {
		int link = k < ln->end ? t->attrs[it[k].run].link : -1;
		if (link != cur) {
			if (cur >= 0)
				sg_flow_box(f, SG_BOX_LINK, start, y, x - start, h)->index = cur;
			cur = link;
			start = x;
		}
		if (k < ln->end) {
			x += it[k].advance;
			if (it[k].flags & SG_ITEM_GAP)
				x += ln->stretch;
		}
	}
}

void sg_flow_object_boxes(sg_flow *f, const sg_ltext *t, size_t li, double x, double y, double h)
{
	if (t->nimages == 0)
		return;
	const sg_line *ln = &t->lines.lines[li];
	const sg_item *it = t->lines.items;
	for (size_t k = ln->first; k < ln->end; k++) {
		if (it[k].flags & SG_ITEM_OBJECT) {
			for (size_t m = 0; m < t->nimages; m++) {
				const sg_inline_image *im = &t->images[m];
				if (im->run != it[k].run)
					continue;
				sg_box *ib = sg_flow_box(f, SG_BOX_IMAGE,
							 x + (it[k].advance - im->w) / 2,
							 y + (h - im->h) / 2, im->w, im->h);
				ib->index = im->image;
				ib->node = im->node;
				break;
			}
		}
		x += it[k].advance;
		if (it[k].flags & SG_ITEM_GAP)
			x += ln->stretch;
	}
}

size_t sg_flow_text(sg_flow *f, const sg_ltext *t, double x, double width, double indent,
		    double leading, double before, char align)
{
	size_t first = f->n;
	size_t n = t->lines.nlines;
	for (size_t i = 0; i < n; i++) {
		const sg_line *ln = &t->lines.lines[i];
		double lh = ln->height * leading;
		sg_vitem *v = sg_flow_item(f, lh, i == 0 ? before : 0);
		double in = i == 0 ? indent : 0;
		double lx = S_align_x(ln, x, width, in, align);
		sg_box *b = sg_flow_box(f, SG_BOX_TEXT, lx, 0, ln->width + ln->stretch * ln->gaps, lh);
		b->text = t;
		b->line = i;
		b->baseline = S_baseline(0, lh, ln->height);
		/* No orphan (first line alone at a page's foot), no widow (last
		 * line alone at a page's head). */
		v->keep = n >= 2 && (i == 0 || i == n - 2);
		sg_flow_link_boxes(f, t, i, lx, 0, lh);
		sg_flow_object_boxes(f, t, i, lx, 0, lh);
	}
	return first;
}

void sg_ltext_widths(const sg_ltext *t, double *min, double *max)
{
	*min = *max = 0;
	const sg_lines *l = &t->lines;
	for (size_t i = 0; i < l->nlines; i++) {
		if (l->lines[i].width > *max)
			*max = l->lines[i].width;
	}
	double seg = 0;
	for (size_t k = 0; k < l->nitems; k++) {
		const sg_item *it = &l->items[k];
		if (!(it->flags & SG_ITEM_SPACE))
			seg += it->advance;
		if (it->brk != SG_BREAK_NONE || k + 1 == l->nitems) {
			if (seg > *min)
				*min = seg;
			seg = 0;
		}
	}
}

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

/* ---------------------------------------------------------------- dump */

static const char *S_kind_name(sg_box_kind k)
{
	switch (k) {
	case SG_BOX_TEXT: return "text";
	case SG_BOX_FILL: return "fill";
	case SG_BOX_RULE: return "rule";
	case SG_BOX_FRAME: return "frame";
	case SG_BOX_IMAGE: return "image";
	case SG_BOX_CHECK: return "check";
	case SG_BOX_PATH: return "path";
	case SG_BOX_LINK: return "link";
	case SG_BOX_ANCHOR: return "anchor";
	}
	return "?";
}

void sg_layout_dump(const sg_layout *l, sg_buf *out)
{
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t p = 0; p < l->npages; p++) {
		const sg_lpage *pg = &l->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const sg_box *b = &pg->boxes[i];
			sg_buf_printf(out, "%zu %s %.1f %.1f %.1f %.1f", p + 1, S_kind_name(b->kind),
				      b->x, b->y, b->w, b->h);
			if (b->kind == SG_BOX_TEXT) {
				sg_buf_puts(out, " ");
				sg_lines_text(&sg_ltext_open(b->text, &sc)->lines, b->line, out);
			} else if (b->kind == SG_BOX_CHECK) {
				sg_buf_puts(out, b->checked ? " [x]" : " [ ]");
			} else if (b->kind == SG_BOX_LINK) {
				sg_buf_printf(out, " %s", l->links[b->index].target);
			} else if (b->kind == SG_BOX_ANCHOR) {
				sg_buf_printf(out, " #%s", l->headings[b->index].anchor);
			}
			sg_buf_putc(out, '\n');
		}
	}
	sg_ltext_scratch_dispose(&sc);
}
