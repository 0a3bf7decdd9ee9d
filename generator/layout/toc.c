/*
 * toc.c - the table of contents: entries laid out first, page numbers set
 * once the document's length is known (their column has a fixed width, so
 * the numbers cannot change the layout).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"
#include "layout/toc.h"

static void S_link_to(sg_layout *l, sg_box *b, const char *anchor, int node)
{
	if (l->nlinks == l->links_cap) {
		l->links_cap = l->links_cap ? l->links_cap * 2 : 16;
		l->links = sg_xrealloc(l->links, l->links_cap * sizeof *l->links);
	}
	l->links[l->nlinks].target = sg_arena_printf(&l->arena, "#%s", anchor);
	l->links[l->nlinks].node = node;
	b->index = (int)l->nlinks++;
}

/* The contents' title, set like a level-1 heading and kept with the first
 * entry. */
static void S_title(sg_flow *f, sg_layout *out, const sg_toc_opts *o)
{
	const sg_block_style *hs = &o->style->h[0];
	sg_ltext *tt = sg_layout_new_text(out, o->heading_fs, sg_pos_make(NULL, 0, 0));
	sg_run_attr ta = {hs->color, 0, -1};
	sg_ltext_add(tt, o->title, strlen(o->title), hs->bold ? SG_FONT_BOLD : SG_FONT_REGULAR,
		     hs->size, NULL, ta);
	sg_linebreak(&tt->lines, &tt->para, tt->fs, o->width, false);
	sg_flow_text(f, tt, o->x, o->width, 0, hs->leading, 0, 'l');
	sg_flow_tag(f, 0, sg_layout_node(out, SG_ROLE_H1, 0, NULL));
	f->items[f->n - 1].keep = true;
	sg_flow_item(f, hs->after * 2, 0)->keep = true;
}

/* The entry for heading h (index i among the body's headings), depth levels
 * below the top one: its text indented by its depth, never split across
 * pages, under a link box that marks it as heading i's (index -i - 2) until
 * the pages are known. first: the first entry of the list. Returns the
 * flow item of its last line. */
static size_t S_entry(sg_flow *f, sg_layout *out, const sg_toc_opts *o, const sg_heading *h,
		      size_t i, int depth, bool first, int node)
{
	const sg_block_style *cs = &o->style->toc;
	double numw = cs->size * 2.6; /* room for "888" and the gap before it */
	double indent = depth * cs->size * 2;
	bool top = depth == 0;
	sg_ltext *t = sg_layout_new_text(out, o->fs, sg_pos_make(NULL, 0, 0));
	sg_run_attr a = {cs->color, 0, -1};
	sg_ltext_add(t, h->text, strlen(h->text), top ? SG_FONT_BOLD : SG_FONT_REGULAR,
		     top ? cs->size : cs->size * 0.95, NULL, a);
	double w = o->width - indent - numw;
	sg_linebreak(&t->lines, &t->para, t->fs, w, false);
	double before = top && !first ? cs->size * 0.5 : 0;
	size_t item0 = sg_flow_text(f, t, o->x + indent, w, 0, cs->leading, before, 'l');
	sg_flow_tag(f, item0, node);
	for (size_t k = item0; k + 1 < f->n; k++)
		f->items[k].keep = true;
	sg_vitem *last = &f->items[f->n - 1];
	sg_flow_box(f, SG_BOX_LINK, o->x + indent, 0, o->width - indent, last->h)->index =
		-(int)i - 2;
	f->items[item0].heading = -1;
	return f->n - 1;
}

/* Once the entries are on pages: where each one is, read from its link box
 * (the last text box before that box is the entry's last line), and its
 * link made a real one, to its heading. */
static void S_read_back(sg_layout *out, const sg_layout *body, sg_toc *toc)
{
	size_t k = 0;
	for (size_t p = 0; p < out->npages; p++) {
		sg_lpage *pg = &out->pages[p];
		for (size_t b = 0; b < pg->n; b++) {
			sg_box *bx = &pg->boxes[b];
			if (bx->kind != SG_BOX_LINK || bx->index > -2 || k >= toc->n)
				continue;
			sg_toc_entry *en = &toc->entries[k++];
			en->page = p;
			en->top = bx->y;
			en->h = bx->h;
			for (size_t q = b; q-- > 0;) {
				if (pg->boxes[q].kind == SG_BOX_TEXT) {
					en->text_end = pg->boxes[q].x + pg->boxes[q].w;
					en->baseline = pg->boxes[q].baseline;
					break;
				}
			}
			S_link_to(out, bx, body->headings[en->heading].anchor, en->node);
		}
	}
}

int sg_layout_toc(sg_layout *out, const sg_layout *body, const sg_toc_opts *o, sg_toc *toc)
{
	memset(toc, 0, sizeof *toc);
	int min = 7;
	for (size_t i = 0; i < body->nheadings; i++)
		if (body->headings[i].level < min)
			min = body->headings[i].level;
	int max = min + o->style->toc_depth - 1;
	size_t n = 0;
	for (size_t i = 0; i < body->nheadings; i++)
		if (body->headings[i].level <= max)
			n++;
	toc->entries = sg_arena_alloc(&out->arena, (n ? n : 1) * sizeof *toc->entries);

	sg_flow f;
	sg_flow_init(&f);
	S_title(&f, out, o);
	/* The contents: an item per entry, which refers to its heading by a
	 * link (its title and its page number). */
	int list = sg_layout_node(out, SG_ROLE_TOC, 0, NULL);
	for (size_t i = 0; i < body->nheadings; i++) {
		const sg_heading *h = &body->headings[i];
		if (h->level > max)
			continue;
		sg_toc_entry *en = &toc->entries[toc->n++];
		en->heading = i;
		int item = sg_layout_node(out, SG_ROLE_TOCI, list, NULL);
		int ref = sg_layout_node(out, SG_ROLE_REFERENCE, item, NULL);
		en->node = sg_layout_node(out, SG_ROLE_LINK, ref, NULL);
		en->item = S_entry(&f, out, o, h, i, h->level - min, en == toc->entries, en->node);
	}
	sg_flow_paginate(&f, out, o->x, o->y, o->height);
	sg_flow_dispose(&f);
	S_read_back(out, body, toc);
	toc->right = o->x + o->width;
	toc->size = o->style->toc.size;
	return 0;
}

void sg_layout_toc_numbers(sg_layout *out, const sg_layout *body, const sg_toc *toc,
			   const sg_fontset *fs, const sg_style *s, int page_offset)
{
	for (size_t i = 0; i < toc->n; i++) {
		const sg_toc_entry *en = &toc->entries[i];
		const sg_heading *h = &body->headings[en->heading];
		char num[16];
		snprintf(num, sizeof num, "%d", h->page + page_offset);
		sg_ltext *t = sg_layout_new_text(out, fs, sg_pos_make(NULL, 0, 0));
		sg_run_attr a = {s->toc.color, 0, -1};
		sg_ltext_add(t, num, strlen(num), SG_FONT_REGULAR, toc->size, NULL, a);
		sg_linebreak(&t->lines, &t->para, t->fs, 1000, false);
		double w = t->lines.lines[0].width;
		sg_box *b = sg_layout_page_box(out, en->page, SG_BOX_TEXT, toc->right - w, en->top, w,
					       en->h);
		b->text = t;
		b->line = 0;
		b->baseline = en->baseline;
		b->node = en->node;
		/* A dotted leader from the title to the number. */
		double x0 = en->text_end + toc->size * 0.6, x1 = toc->right - w - toc->size * 0.6;
		if (x1 > x0) {
			sg_box *r = sg_layout_page_box(out, en->page, SG_BOX_RULE, x0,
						       en->baseline - 0.5, x1 - x0, 0);
			r->color = s->muted;
			r->stroke = 0.9;
			r->dotted = true;
		}
	}
}
