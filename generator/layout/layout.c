#include "layout/layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"

#define S_EPS 1e-6

/* Grows an array to hold one more element. */
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
	for (size_t i = 0; i < l->ntexts; i++) {
		sg_para_dispose(&l->texts[i]->para);
		sg_lines_dispose(&l->texts[i]->lines);
		free(l->texts[i]->attrs);
		free(l->texts[i]->images);
		free(l->texts[i]);
	}
	free(l->texts);
	free(l->headings);
	free(l->images);
	free(l->links);
	sg_arena_dispose(&l->arena);
	memset(l, 0, sizeof *l);
}

sg_ltext *sg_layout_new_text(sg_layout *l, const sg_fontset *fs, sg_pos pos)
{
	sg_ltext *t = sg_xcalloc(1, sizeof *t);
	sg_para_init(&t->para);
	sg_lines_init(&t->lines);
	t->fs = fs;
	t->pos = pos;
	SG_GROW(l->texts, l->ntexts, l->texts_cap);
	l->texts[l->ntexts++] = t;
	return t;
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
	t->images[t->nimages++] = (sg_inline_image){n, image, w, h};
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
	sg_box *b = &p->boxes[p->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	return b;
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
	sg_box *b = &f->boxes[f->nboxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	f->items[f->n - 1].nbox++;
	return b;
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
	sg_box *b = &f->boxes[at];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	return b;
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
				sg_flow_box(f, SG_BOX_IMAGE, x + (it[k].advance - im->w) / 2,
					    y + (h - im->h) / 2, im->w, im->h)
					->index = im->image;
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
} S_pager;

static void S_new_page(S_pager *p)
{
	p->page = sg_layout_add_page(p->l);
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

void sg_flow_paginate(sg_flow *f, sg_layout *l, double x, double top, double height)
{
	S_pager p = {f, l, x, top, height, 0, 0, 0};
	if (f->n == 0) {
		S_new_page(&p);
		return;
	}
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
			/* Break before the earliest item of the keep chain ending
			 * at i, unless the chain began the page or is a table row
			 * that no page could hold whole. */
			size_t j = i;
			while (j > p.first && f->items[j - 1].keep)
				j--;
			if (j == p.first || S_cut_here(f, j, i, height))
				j = i;
			if (j < i)
				S_unplace(&p, mark[j]);
			if (f->items[j - 1].split)
				S_cut_rule(&p, j - 1, yend[j - 1]);
			S_new_page(&p);
			p.first = j;
			i = j;
			continue;
		}
		mark[i] = l->pages[p.page].n;
		if (at_top && v->table >= 0 && !v->table_head) {
			/* A table row that begins a page repeats its header row;
			 * the rest of a row cut by the page keeps its padding. */
			size_t h = f->tables[v->table].head;
			if (h != SIZE_MAX) {
				S_place(&p, h, 0, 0);
				p.y += f->items[h].h;
			}
			if (i > 0 && f->items[i - 1].split)
				p.y += f->tables[v->table].pad;
		}
		S_place(&p, i, p.y + before, before);
		p.y += before + v->h;
		yend[i] = p.y;
		i++;
	}
	free(mark);
	free(yend);
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
	for (size_t p = 0; p < l->npages; p++) {
		const sg_lpage *pg = &l->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const sg_box *b = &pg->boxes[i];
			sg_buf_printf(out, "%zu %s %.1f %.1f %.1f %.1f", p + 1, S_kind_name(b->kind),
				      b->x, b->y, b->w, b->h);
			if (b->kind == SG_BOX_TEXT) {
				sg_buf_puts(out, " ");
				sg_lines_text(&b->text->lines, b->line, out);
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
}
