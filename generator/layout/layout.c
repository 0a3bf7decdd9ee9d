#include "layout/layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "layout/layout_int.h"


/* ---------------------------------------------------------------- layout */

void sg_layout_init(sg_layout *l)
{
	memset(l, 0, sizeof *l);
	sg_arena_init(&l->arena);
}

/* Frees what text t holds outside its arena. */
static void S_text_dispose(sg_ltext *t)
{
	if (!t->packed) {
		sg_para_dispose(&t->para);
		free(t->attrs);
	}
	sg_lines_dispose(&t->lines);
	free(t->images);
}

static void S_chunk_free(sg_lchunk *c)
{
	for (size_t i = 0; i < c->ntexts; i++)
		S_text_dispose(c->texts[i]);
	free(c->texts);
	sg_arena_dispose(&c->arena);
	free(c);
}

void sg_layout_dispose(sg_layout *l)
{
	for (size_t i = 0; i < l->npages; i++)
		free(l->pages[i].boxes);
	free(l->pages);
	/* The texts themselves live in the arenas. */
	for (size_t i = 0; i < l->ntexts; i++)
		S_text_dispose(l->texts[i]);
	for (size_t i = l->chunk0; i < l->nchunks; i++)
		S_chunk_free(l->chunks[i]);
	free(l->chunks);
	free(l->texts);
	free(l->headings);
	free(l->images);
	free(l->image_slots);
	free(l->links);
	free(l->nodes);
	sg_arena_dispose(&l->arena);
	memset(l, 0, sizeof *l);
}

/* The chunk new texts go into, NULL: l's own arena. A chunk is opened
 * once a page is let go, so a document whose pages are all kept has none. */
static sg_lchunk *S_chunk(sg_layout *l)
{
	if (l->pinned > 0 || l->pages_freed == 0)
		return NULL;
	if (l->nchunks > l->chunk0 && l->chunks[l->nchunks - 1]->item_end == SIZE_MAX)
		return l->chunks[l->nchunks - 1];
	SG_GROW(l->chunks, l->nchunks, l->chunks_cap);
	sg_lchunk *c = sg_xcalloc(1, sizeof *c);
	sg_arena_init(&c->arena);
	c->item_end = c->page = SIZE_MAX;
	l->chunks[l->nchunks++] = c;
	return c;
}

sg_arena *sg_layout_text_arena(sg_layout *l)
{
	sg_lchunk *c = S_chunk(l);
	return c ? &c->arena : &l->arena;
}

void sg_layout_chunk_close(sg_layout *l, size_t item_end)
{
	if (l->nchunks > l->chunk0 && l->chunks[l->nchunks - 1]->item_end == SIZE_MAX)
		l->chunks[l->nchunks - 1]->item_end = item_end;
}

void sg_layout_chunk_page(sg_layout *l, size_t page, size_t item_end)
{
	for (size_t i = l->chunk0; i < l->nchunks; i++) {
		sg_lchunk *c = l->chunks[i];
		if (c->page == SIZE_MAX && c->item_end <= item_end)
			c->page = page;
	}
}

void sg_ltext_warn_missing(const sg_ltext *t, sg_pos pos, sg_diags *d)
{
	for (size_t k = 0; k < t->lines.nitems; k++) {
		const sg_item *it = &t->lines.items[k];
		if (!(it->flags & SG_ITEM_MISSING))
			continue;
		char ch[5] = {0};
		sg_utf8_encode(it->cp, ch);
		sg_warning(d, t->pos.path ? t->pos : pos,
			   "no installed font has a glyph for %s (U+%04X); a box is drawn in its place",
			   ch, it->cp);
	}
}

/* Tells d of the characters no font has in texts [0, n). */
static void S_warn_texts(sg_ltext *const *texts, size_t n, sg_diags *d)
{
	for (size_t i = 0; d && i < n; i++)
		sg_ltext_warn_missing(texts[i], texts[i]->pos, d);
}

void sg_layout_warn_missing(sg_layout *l, sg_diags *d)
{
	S_warn_texts(l->texts, l->ntexts, d);
	for (size_t i = l->chunk0; i < l->nchunks; i++)
		S_warn_texts(l->chunks[i]->texts, l->chunks[i]->ntexts, d);
}

/* The chunks whose last page is let go are let go. */
static void S_chunks_free(sg_layout *l)
{
	while (l->chunk0 < l->nchunks && l->chunks[l->chunk0]->page < l->pages_freed) {
		sg_lchunk *c = l->chunks[l->chunk0++];
		S_warn_texts(c->texts, c->ntexts, l->warn);
		S_chunk_free(c);
	}
}

sg_ltext *sg_layout_new_text(sg_layout *l, const sg_fontset *fs, sg_pos pos)
{
	sg_lchunk *c = S_chunk(l);
	sg_ltext *t = sg_arena_alloc(c ? &c->arena : &l->arena, sizeof *t);
	sg_para_init(&t->para);
	t->para.punct = l->punct;
	sg_lines_init(&t->lines);
	t->fs = fs;
	t->pos = pos;
	if (c) {
		SG_GROW(c->texts, c->ntexts, c->texts_cap);
		c->texts[c->ntexts++] = t;
	} else {
		SG_GROW(l->texts, l->ntexts, l->texts_cap);
		l->texts[l->ntexts++] = t;
	}
	l->texts_made++;
	size_t alive = l->ntexts;
	for (size_t i = l->chunk0; i < l->nchunks; i++)
		alive += l->chunks[i]->ntexts;
	if (alive > l->most_texts)
		l->most_texts = alive;
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
	char *m = sg_arena_alloc(sg_layout_text_arena(l), runs + attrs + p->text.len + 1);
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

void sg_layout_page_free(sg_layout *l, size_t page)
{
	sg_lpage *pg = &l->pages[page];
	free(pg->boxes);
	*pg = (sg_lpage){0};
	if (page == l->pages_freed) {
		l->pages_freed++;
		S_chunks_free(l);
	}
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
	double room = width - indent - ln->width;
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
	for (size_t k = 0; k < f->ntables; k++)
		free(f->tables[k].head_boxes);
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
	f->tables[f->ntables] =
		(sg_ftable){.head = SIZE_MAX, .x = x, .width = width, .pad = pad, .rule = rule};
	return (int)f->ntables++;
}

void sg_flow_link_boxes(sg_flow *f, const sg_ltext *t, size_t li, double x, double y, double h)
{
	const sg_line *ln = &t->lines.lines[li];
	const sg_item *it = t->lines.items;
	int cur = -1;
	double start = 0, x0 = x;
	for (size_t k = ln->first; k <= ln->end; k++) {
		int link = k < ln->end ? t->attrs[it[k].run].link : -1;
		if (link != cur) {
			if (cur >= 0)
				sg_flow_box(f, SG_BOX_LINK, start, y, x - start, h)->index = cur;
			cur = link;
			start = k < ln->end ? x0 + it[k].x : x;
		}
		if (k < ln->end)
			x = x0 + it[k].x + it[k].advance;
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
							 x + it[k].x + (it[k].advance - im->w) / 2,
							 y + (h - im->h) / 2, im->w, im->h);
				ib->index = im->image;
				ib->node = im->node;
				break;
			}
		}
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
		sg_box *b = sg_flow_box(f, SG_BOX_TEXT, lx, 0, ln->width, lh);
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
	/* A piece that holds no break, from its first glyph to the end of
	 * its last, as the line sets it: the quarter em between a number and
	 * its unit counts, and the spaces around the piece do not. */
	size_t first = SIZE_MAX, last = 0;
	for (size_t k = 0; k < l->nitems; k++) {
		const sg_item *it = &l->items[k];
		if (!(it->flags & SG_ITEM_SPACE)) {
			if (first == SIZE_MAX)
				first = k;
			last = k;
		}
		if (it->brk != SG_BREAK_NONE || k + 1 == l->nitems) {
			if (first != SIZE_MAX) {
				const sg_item *a = &l->items[first], *b = &l->items[last];
				double seg = b->x + b->advance - a->x;
				if (seg > *min)
					*min = seg;
			}
			first = SIZE_MAX;
		}
	}
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
