/*
 * image_remote.c - an image on the web, shown in a PDF as a link to it.
 *
 * salesgen never touches the network, so a Markdown image whose address is
 * http(s) is never downloaded (it used to fail the whole PDF as "not found
 * next to the document"). In its place the PDF shows what the reader needs
 * to go and look: an image alone in its paragraph becomes a small frame,
 * centred where the picture would stand, holding its description (the alt
 * text) in the caption style and its address under it in the link colour,
 * the whole frame one link; an image among text becomes its description
 * (or, without one, its address) as a link. Each address is warned about
 * once per document, at its first image.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "base/url.h"
#include "layout/layout_int.h"
#include "load/doctree.h"

#define S_LSEP "\xE2\x80\xA8"

/* An address longer than this many bytes is shown cut, with "…" after it
 * (the link still leads to all of it): a frame holds a few lines, not a
 * page of a data dump. */
#define S_SHOWN_MAX 200

/* The addresses already warned about in a document: a set of strings by
 * open addressing, in the layout's arena (it goes with the layout). */
struct sg_remote_seen {
	const char **slot;
	size_t cap, n;
};

static size_t S_hash(const char *s)
{
	size_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static const char **S_find(struct sg_remote_seen *set, const char *url)
{
	size_t mask = set->cap - 1;
	for (size_t i = S_hash(url) & mask;; i = (i + 1) & mask)
		if (!set->slot[i] || strcmp(set->slot[i], url) == 0)
			return &set->slot[i];
}

/* Adds url to the set of b's document; true when it was not there yet. */
static bool S_first_time(sg_blocks *b, const char *url)
{
	sg_arena *a = &b->l->arena;
	struct sg_remote_seen *set = b->remote_seen;
	if (!set) {
		set = b->remote_seen = sg_arena_alloc(a, sizeof *set);
		set->cap = 16;
		set->n = 0;
		set->slot = sg_arena_alloc(a, set->cap * sizeof *set->slot);
		memset(set->slot, 0, set->cap * sizeof *set->slot);
	}
	const char **at = S_find(set, url);
	if (*at)
		return false;
	if (2 * (set->n + 1) > set->cap) {
		/* At most half full; the old table stays in the arena, which
		 * at most doubles what the set holds. */
		const char **old = set->slot;
		size_t n = set->cap;
		set->cap *= 2;
		set->slot = sg_arena_alloc(a, set->cap * sizeof *set->slot);
		memset(set->slot, 0, set->cap * sizeof *set->slot);
		for (size_t i = 0; i < n; i++)
			if (old[i])
				*S_find(set, old[i]) = old[i];
		at = S_find(set, url);
	}
	*at = sg_arena_strdup(a, url);
	set->n++;
	return true;
}

bool sg_blocks_remote(sg_blocks *b, const sg_mdnode *img)
{
	const char *url = sg_mdnode_url(img);
	if (!sg_url_is_remote(url) || !sg_url_safe(url, SG_URL_LINK))
		return false;
	if (S_first_time(b, url)) {
		sg_buf shown;
		sg_buf_init(&shown);
		sg_url_for_message(&shown, url);
		sg_warning(b->d, sg_pos_make(b->o->path, sg_mdnode_line(img), 0),
			   "remote image '%s' is shown as a link (salesgen never downloads images)",
			   shown.data);
		sg_buf_dispose(&shown);
	}
	return true;
}

/* A new link of the layout to url, part of b's current node: its index in
 * sg_layout.links. */
static int S_link(sg_blocks *b, const char *url)
{
	sg_layout *l = b->l;
	SG_GROW(l->links, l->nlinks, l->links_cap);
	l->links[l->nlinks].target = sg_arena_strdup(&l->arena, url);
	l->links[l->nlinks].node = sg_layout_node(l, SG_ROLE_LINK, b->node, NULL);
	return (int)l->nlinks++;
}

/* url as the frame shows it: at most S_SHOWN_MAX bytes, cut between
 * characters, then "…". */
static void S_shown(sg_buf *out, const char *url)
{
	size_t n = strlen(url);
	if (n <= S_SHOWN_MAX) {
		sg_buf_put(out, url, n);
		return;
	}
	size_t cut = S_SHOWN_MAX;
	while (cut > 0 && ((unsigned char)url[cut] & 0xC0) == 0x80)
		cut--;
	sg_buf_put(out, url, cut);
	sg_buf_puts(out, "\xE2\x80\xA6");
}

/* A line of the frame (kind SG_BOX_FRAME or SG_BOX_RULE) on item i. */
static void S_rule(sg_blocks *b, size_t i, sg_box_kind kind, double x, double y, double w,
		   double h)
{
	sg_box *r = sg_flow_box_at(b->f, i, kind, x, y, w, h);
	r->color = b->s->table_rule;
	r->stroke = 0.5;
}

void sg_blocks_remote_block(sg_blocks *b, const sg_mdnode *img)
{
	sg_layout *l = b->l;
	const sg_block_style *cs = &b->s->caption;
	const char *url = sg_mdnode_url(img);
	/* For a reader: a paragraph that is one link, its words the link's. */
	int outer = b->node;
	b->node = sg_layout_node(l, SG_ROLE_P, outer, NULL);
	int link = S_link(b, url);
	b->node = outer;

	/* The description, then the address on a line of its own: plain
	 * runs, the frame is the link. */
	sg_ltext *t = sg_layout_new_text(l, b->o->fs, sg_pos_make(b->o->path, sg_mdnode_line(img), 0));
	sg_buf s;
	sg_buf_init(&s);
	sg_mdnode_text_buf(img, &s);
	sg_run_attr plain = {cs->color, 0, -1}, addr = {b->s->link, 0, -1};
	if (s.len > 0) {
		sg_ltext_add(t, s.data, s.len, SG_FONT_REGULAR, cs->size, NULL, plain);
		sg_ltext_add(t, S_LSEP, 3, SG_FONT_REGULAR, cs->size, NULL, plain);
	}
	sg_buf_clear(&s);
	S_shown(&s, url);
	sg_ltext_add(t, s.data, s.len, SG_FONT_REGULAR, cs->size * 0.9, NULL, addr);
	sg_buf_dispose(&s);

	double hpad = cs->size * 0.8, vpad = cs->size * 0.5;
	double inner = b->width - 2 * hpad;
	if (inner < cs->size)
		inner = cs->size;
	sg_linebreak(&t->lines, &t->para, t->fs, inner, false);
	double widest = 0;
	for (size_t i = 0; i < t->lines.nlines; i++)
		if (t->lines.lines[i].width > widest)
			widest = t->lines.lines[i].width;
	double fw = widest + 2 * hpad < b->width ? widest + 2 * hpad : b->width;
	double fx = b->x + (b->width - fw) / 2;

	/* Padding above and below as items of their own, so that the frame
	 * keeps it at the top of a page too; every item keeps with the next,
	 * so the frame is never cut by a page. */
	double before = b->first_block ? 0 : cs->after;
	b->first_block = false;
	size_t first = b->f->n;
	sg_flow_item(b->f, vpad, before);
	sg_flow_text(b->f, t, b->x + hpad, inner, 0, cs->leading, 0, 'c');
	sg_flow_tag(b->f, first, l->links[link].node);
	sg_flow_item(b->f, vpad, 0);
	double h = 0;
	for (size_t i = first; i < b->f->n; i++) {
		h += b->f->items[i].h;
		b->f->items[i].keep = i + 1 < b->f->n;
	}
	if (h <= b->o->height) {
		/* It fits a page, and its items keep together: one frame. */
		S_rule(b, first, SG_BOX_FRAME, fx, 0, fw, h);
		sg_flow_box_at(b->f, first, SG_BOX_LINK, fx, 0, fw, h)->index = link;
	} else {
		/* A description longer than a page: the frame is drawn item by
		 * item (its sides on each, its top and bottom on the first and
		 * last), so that it is open where a page cuts it rather than
		 * drawn past the page's foot. */
		for (size_t i = first; i < b->f->n; i++) {
			double ih = b->f->items[i].h;
			S_rule(b, i, SG_BOX_RULE, fx, 0, 0, ih);
			S_rule(b, i, SG_BOX_RULE, fx + fw, 0, 0, ih);
			if (i == first)
				S_rule(b, i, SG_BOX_RULE, fx, 0, fw, 0);
			if (i + 1 == b->f->n)
				S_rule(b, i, SG_BOX_RULE, fx, ih, fw, 0);
			sg_flow_box_at(b->f, i, SG_BOX_LINK, fx, 0, fw, ih)->index = link;
		}
	}

	/* As much room below the frame as above it: Chinese paragraphs have
	 * no space between them, so the text after would touch the frame;
	 * an English paragraph brings its own gap. */
	double lead = b->s->body.size * b->s->body.leading;
	double gap = b->zh && b->list_depth == 0 ? 0 : b->s->para_gap_en * lead;
	if (cs->after > gap)
		sg_flow_item(b->f, cs->after - gap, 0);
}

void sg_blocks_remote_inline(sg_blocks *b, sg_ltext *t, const sg_mdnode *img,
			     sg_font_style style, double size, sg_run_attr a)
{
	const char *url = sg_mdnode_url(img);
	sg_buf s;
	sg_buf_init(&s);
	sg_mdnode_text_buf(img, &s);
	if (s.len == 0)
		S_shown(&s, url);
	/* Inside a link (a badge: [![...](https://...)](target)) it leads
	 * where that link leads. */
	sg_run_attr la = {b->s->link, a.deco, a.link >= 0 ? a.link : S_link(b, url)};
	sg_ltext_add(t, s.data, s.len, style, size, NULL, la);
	sg_buf_dispose(&s);
}
