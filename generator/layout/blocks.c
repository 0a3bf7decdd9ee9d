/*
 * blocks.c - Markdown blocks into the flow: one switch over the document
 * model's block kinds (load/doctree.h), fed by a walk of the block tree that
 * recurses only into lists and quotes, never more than S_MAX_NESTING deep.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "layout/image.h"
#include "layout/layout_int.h"
#include "load/doctree.h"

#define S_NBSP "\xC2\xA0"
#define S_LSEP "\xE2\x80\xA8"

struct sg_layout_ctx {
	sg_blocks *b;
	double x; /* the block's left edge */
	int node; /* its Figure node */
};

static sg_pos S_pos(sg_blocks *b, const sg_mdnode *n)
{
	return sg_pos_make(b->o->path, sg_mdnode_line(n), 0);
}

/* Space before a block: none as the first block of its container. */
static double S_before(sg_blocks *b, double want)
{
	double r = b->first_block ? 0 : want;
	b->first_block = false;
	return r;
}

/* ---------------------------------------------------------------- images */

/* An image alone in its paragraph: a block of its own, centred, with its
 * alt text as caption. */
static void S_image(sg_blocks *b, const sg_mdnode *img)
{
	if (sg_blocks_remote(b, img)) {
		sg_blocks_remote_block(b, img);
		return;
	}
	int index = sg_blocks_image(b, img);
	if (index < 0)
		return;
	sg_layout *l = b->l;
	sg_pos pos = S_pos(b, img);
	/* 96 pixels to the inch, shrunk to the measure and to 60% of the body
	 * height so that it sits with its text. */
	double pw = l->images[index].width * 0.75, ph = l->images[index].height * 0.75;
	double maxh = b->o->height * 0.6;
	double k = fmin(1.0, fmin(b->width / pw, maxh / ph));
	pw *= k;
	ph *= k;
	sg_buf alt;
	sg_buf_init(&alt);
	sg_mdnode_text_buf(img, &alt);
	/* A figure whose alternate text is its description, shown as its
	 * caption too (a reader that speaks the figure's alternate text skips
	 * what is inside it, so the words are read once). An image without a
	 * description is decoration, an artifact, as HTML takes alt="". */
	int fig = alt.len ? sg_layout_node(l, SG_ROLE_FIGURE, b->node, alt.data) : 0;
	sg_vitem *v = sg_flow_item(b->f, ph, S_before(b, b->s->caption.after));
	sg_box *ib = sg_flow_box(b->f, SG_BOX_IMAGE, b->x + (b->width - pw) / 2, 0, pw, ph);
	ib->index = index;
	ib->node = fig;

	if (alt.len > 0) {
		v->keep = true;
		sg_ltext *t = sg_layout_new_text(l, b->o->fs, pos);
		sg_run_attr a = {b->s->caption.color, 0, -1};
		sg_ltext_add(t, alt.data, alt.len, SG_FONT_REGULAR, b->s->caption.size, NULL, a);
		sg_linebreak(&t->lines, &t->para, t->fs, b->width, false);
		size_t first = sg_flow_text(b->f, t, b->x, b->width, 0, b->s->caption.leading,
					    b->s->caption.before, 'c');
		sg_flow_tag(b->f, first, sg_layout_node(l, SG_ROLE_CAPTION, fig, NULL));
	}
	sg_buf_dispose(&alt);
}

/* ---------------------------------------------------------------- blocks */

static void S_blocks(sg_blocks *b, const sg_mdnode *parent);

static bool S_starts_cjk(const sg_ltext *t)
{
	uint32_t cp = 0;
	size_t i = 0, n = 0;
	/* Opening quotes belong to the text they open: “安全” starts Chinese. */
	do {
		i += n;
		cp = 0;
		if (i < t->para.text.len)
			n = sg_utf8_decode(t->para.text.data + i, t->para.text.len - i, &cp);
	} while (n > 0 && (cp == 0x201C || cp == 0x2018));
	return sg_utf8_is_cjk(cp);
}

/* Whether a paragraph holds images and nothing else but white space: they
 * are then blocks of their own; any text makes them inline images. */
static bool S_only_images(const sg_mdnode *n)
{
	bool image = false;
	for (const sg_mdnode *c = sg_mdnode_first_child(n); c; c = sg_mdnode_next(c)) {
		switch (sg_mdnode_kind(c)) {
		case SG_MD_IMAGE:
			image = true;
			break;
		case SG_MD_SOFTBREAK:
		case SG_MD_LINEBREAK:
			break;
		case SG_MD_TEXT:
			for (const char *p = sg_mdnode_literal(c); *p; p++)
				if (*p != ' ' && *p != '\t')
					return false;
			break;
		default:
			return false;
		}
	}
	return image;
}

static void S_paragraph(sg_blocks *b, const sg_mdnode *n)
{
	if (S_only_images(n)) {
		for (const sg_mdnode *c = sg_mdnode_first_child(n); c; c = sg_mdnode_next(c))
			if (sg_mdnode_kind(c) == SG_MD_IMAGE)
				S_image(b, c);
		return;
	}
	const sg_block_style *bs = &b->s->body;
	uint32_t color = b->quote_depth ? b->s->quote_text : bs->color;
	sg_ltext *t = sg_layout_new_text(b->l, b->o->fs, S_pos(b, n));
	/* Made first: its links and images are parts of it. */
	int node = sg_layout_node(b->l, SG_ROLE_P, b->node, NULL), outer = b->node;
	b->node = node;
	sg_blocks_inlines(b, t, n, SG_FONT_REGULAR, bs->size, color);
	b->node = outer;
	/* The paragraph's spacing: Chinese text is indented and set without
	 * space between paragraphs, English text the other way round. */
	double lead = bs->size * bs->leading;
	double gap = b->zh ? 0 : b->s->para_gap_en * lead;
	if (b->list_depth > 0)
		gap = b->in_tight_list ? 0 : b->s->para_gap_en * lead;
	double indent = 0;
	if (b->zh && b->list_depth == 0 && b->quote_depth == 0 && S_starts_cjk(t))
		indent = b->s->indent_zh * bs->size;
	double before = S_before(b, gap);
	if (t->para.text.len > 0) {
		/* English is hyphenated where that sets its lines better. */
		t->para.hyphenate = !b->zh;
		sg_linebreak_indent(&t->lines, &t->para, t->fs, b->width, indent, true);
		size_t first = sg_flow_text(b->f, t, b->x, b->width, indent, bs->leading, before, 'l');
		sg_flow_tag(b->f, first, node);
	}
}

static const char *S_slug(sg_blocks *b, const char *text)
{
	sg_buf s;
	sg_buf_init(&s);
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = sg_utf8_decode(text + i, len - i, &cp);
		if (n == 0)
			n = 1;
		if (cp < 0x80) {
			char c = (char)cp;
			if (c >= 'A' && c <= 'Z')
				sg_buf_putc(&s, c - 'A' + 'a');
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
				 c == '_')
				sg_buf_putc(&s, c);
			else if (c == ' ')
				sg_buf_putc(&s, '-');
		} else if (!(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFF00 && cp <= 0xFF0F) &&
			   !(cp >= 0xFF1A && cp <= 0xFF20)) {
			sg_buf_put(&s, text + i, n); /* letters of other scripts stay */
		}
		i += n;
	}
	/* Unique: a second "intro" is "intro-1", as GitHub does. */
	const char *base = sg_arena_strdup(&b->l->arena, s.data);
	const char *r = base;
	for (int k = 1;; k++) {
		bool taken = false;
		for (size_t i = 0; i < b->l->nheadings; i++)
			if (b->l->headings[i].anchor && strcmp(b->l->headings[i].anchor, r) == 0)
				taken = true;
		if (!taken)
			break;
		r = sg_arena_printf(&b->l->arena, "%s-%d", base, k);
	}
	sg_buf_dispose(&s);
	return r;
}

static void S_heading(sg_blocks *b, const sg_mdnode *n)
{
	int level = sg_mdnode_heading_level(n);
	if (level < 1 || level > 6)
		level = 6;
	const sg_block_style *hs = &b->s->h[level - 1];
	sg_buf plain;
	sg_buf_init(&plain);
	sg_mdnode_text_buf(n, &plain);
	if (level == 1 && b->o->skip_title && b->l->nheadings == 0 &&
	    b->f->dropped + b->f->n == 0 && strcmp(plain.data, b->o->skip_title) == 0) {
		sg_buf_dispose(&plain);
		return; /* the cover already shows it */
	}
	sg_ltext *t = sg_layout_new_text(b->l, b->o->heading_fs, S_pos(b, n));
	int node = sg_layout_node(b->l, (sg_srole)(SG_ROLE_H1 + level - 1), b->node, NULL);
	int outer = b->node;
	b->node = node;
	sg_blocks_inlines(b, t, n, hs->bold ? SG_FONT_BOLD : SG_FONT_REGULAR, hs->size, hs->color);
	b->node = outer;
	sg_linebreak(&t->lines, &t->para, t->fs, b->width, false);
	double before = S_before(b, hs->before);

	SG_GROW(b->l->headings, b->l->nheadings, b->l->headings_cap);
	size_t hi = b->l->nheadings;
	sg_heading *h = &b->l->headings[hi];
	h->level = level;
	h->text = sg_arena_strdup(&b->l->arena, plain.data);
	h->anchor = NULL;
	h->anchor = S_slug(b, plain.data);
	b->l->nheadings++;
	sg_buf_dispose(&plain);

	size_t first = b->f->n;
	if (t->lines.nlines == 0)
		sg_flow_item(b->f, hs->size * hs->leading, before);
	else
		sg_flow_text(b->f, t, b->x, b->width, 0, hs->leading, before, 'l');
	sg_flow_tag(b->f, first, node);
	for (size_t i = first; i < b->f->n; i++)
		b->f->items[i].keep = true; /* never the last line of a page */
	b->f->items[first].heading = (int)hi;
	sg_flow_box_at(b->f, first, SG_BOX_ANCHOR, b->x, 0, b->width, 0)->index = (int)hi;
	if (level == 1) {
		sg_vitem *last = &b->f->items[b->f->n - 1];
		sg_box *r = sg_flow_box_at(b->f, b->f->n - 1, SG_BOX_RULE, b->x, last->h + 2,
					   b->width, 0);
		r->color = b->s->accent;
		r->stroke = 0.8;
	}
	b->first_block = false;
	/* The space after a heading goes before the next block. */
	sg_vitem *spacer = sg_flow_item(b->f, hs->after, 0);
	spacer->keep = true;
	b->first_block = true;
}

/* A code block's text, lit without its trailing newlines, to s as the
 * layout keeps its spacing: lines end in hard breaks, runs of spaces and
 * indentation become no-break spaces. An empty block is one space. */
static void S_code_text(sg_buf *s, const char *lit)
{
	size_t len = strlen(lit);
	while (len > 0 && lit[len - 1] == '\n')
		len--;
	bool bol = true;
	for (size_t i = 0; i < len; i++) {
		char c = lit[i];
		if (c == '\n') {
			sg_buf_puts(s, S_LSEP);
			bol = true;
			continue;
		}
		if (c == '\t') {
			sg_buf_puts(s, S_NBSP S_NBSP S_NBSP S_NBSP);
			continue;
		}
		if (c == ' ' && (bol || (i + 1 < len && lit[i + 1] == ' ') ||
				 (i > 0 && lit[i - 1] == ' '))) {
			sg_buf_puts(s, S_NBSP);
			continue;
		}
		bol = false;
		sg_buf_putc(s, c);
	}
	if (s->len == 0)
		sg_buf_puts(s, S_NBSP);
}

/* The code block's shading behind its items [first, last], which get pad
 * above the first line and below the last. */
static void S_code_background(sg_blocks *b, size_t first, size_t last, double pad)
{
	for (size_t i = first; i <= last; i++) {
		sg_vitem *v = &b->f->items[i];
		if (i == first) {
			for (size_t k = v->box0; k < v->box0 + v->nbox; k++) {
				b->f->boxes[k].y += pad;
				b->f->boxes[k].baseline += pad;
			}
			v->h += pad;
		}
		if (i == last)
			v->h += pad;
		/* The background first, so the text is drawn over it. */
		sg_box *bg = sg_flow_box_at(b->f, i, SG_BOX_FILL, b->x, 0, b->width, v->h);
		bg->color = b->s->code_bg;
		/* Move it to the front of the item's boxes. */
		sg_box tmp = *bg;
		sg_box *front = &b->f->boxes[v->box0];
		memmove(front + 1, front, (size_t)(bg - front) * sizeof *bg);
		*front = tmp;
	}
}

static void S_code(sg_blocks *b, const sg_mdnode *n)
{
	const sg_block_style *cs = &b->s->code;
	sg_buf s;
	sg_buf_init(&s);
	S_code_text(&s, sg_mdnode_literal(n));
	sg_ltext *t = sg_layout_new_text(b->l, b->o->mono_fs, S_pos(b, n));
	sg_run_attr a = {cs->color, 0, -1};
	sg_ltext_add(t, s.data, s.len, SG_FONT_REGULAR, cs->size, NULL, a);
	sg_buf_dispose(&s);
	t->para.verbatim = true; /* code keeps its spaces and its marks' widths */
	double inset = 8;
	sg_linebreak(&t->lines, &t->para, t->fs, b->width - 2 * inset, false);
	size_t first = sg_flow_text(b->f, t, b->x + inset, b->width - 2 * inset, 0, cs->leading,
				    S_before(b, cs->before), 'l');
	sg_flow_tag(b->f, first, sg_layout_node(b->l, SG_ROLE_CODE, b->node, NULL));
	S_code_background(b, first, b->f->n - 1, cs->size * 0.6);
	b->first_block = false;
	sg_flow_item(b->f, cs->after, 0);
}

static void S_rule(sg_blocks *b)
{
	double lh = b->s->body.size * b->s->body.leading;
	sg_flow_item(b->f, lh, S_before(b, 0));
	sg_box *r = sg_flow_box(b->f, SG_BOX_RULE, b->x + b->width * 0.25, lh / 2, b->width * 0.5, 0);
	r->color = b->s->rule;
	r->stroke = 0.6;
}

/* A marker (bullet, number or checkbox) in front of the first line of the
 * item that begins at flow item `first`. */
static void S_marker(sg_blocks *b, size_t first, const char *text, int task, bool checked,
		     int lbl)
{
	if (first >= b->f->n)
		return;
	sg_vitem *v = &b->f->items[first];
	double baseline = v->h * 0.5 + b->s->body.size * 0.35, size = b->s->body.size;
	for (size_t k = v->box0; k < v->box0 + v->nbox; k++) {
		if (b->f->boxes[k].kind == SG_BOX_TEXT) {
			const sg_box *tb = &b->f->boxes[k];
			baseline = tb->baseline;
			size = tb->text->lines.lines[tb->line].height;
			break;
		}
	}
	double right = b->x - size * 0.45;
	if (task) {
		double s = size * 0.72;
		sg_box *c = sg_flow_box_at(b->f, first, SG_BOX_CHECK, right - s, baseline - s * 0.9, s,
					   s);
		c->checked = checked;
		c->color = b->s->body.color;
		c->stroke = 0.6;
		c->node = lbl;
		/* The label says what the box shows: ☑ or ☐. */
		sg_layout_node_alt(b->l, lbl, checked ? "\xE2\x98\x91" : "\xE2\x98\x90");
		return;
	}
	sg_ltext *t = sg_layout_new_text(b->l, b->o->fs, sg_pos_make(b->o->path, 0, 0));
	sg_run_attr a = {b->quote_depth ? b->s->quote_text : b->s->body.color, 0, -1};
	sg_ltext_add(t, text, strlen(text), SG_FONT_REGULAR, size, NULL, a);
	sg_linebreak(&t->lines, &t->para, t->fs, 1000, false);
	if (t->lines.nlines == 0)
		return;
	double w = t->lines.lines[0].width;
	sg_box *tb = sg_flow_box_at(b->f, first, SG_BOX_TEXT, right - w, baseline - size * 0.85, w,
				    size * 1.2);
	tb->text = t;
	tb->line = 0;
	tb->baseline = baseline;
	tb->node = lbl;
}

/* Lists and quotes nested deeper than this are refused: each level narrows
 * the text by an indent (the page is gone after about twenty) and a quote
 * draws a bar beside every line of everything inside it, so depth d costs d^2
 * boxes; 10,000 levels would need gigabytes. Deeper is an error at the node. */
#define S_MAX_NESTING 32

static bool S_too_deep(sg_blocks *b, const sg_mdnode *n)
{
	if (b->list_depth + b->quote_depth < S_MAX_NESTING)
		return false;
	sg_error(b->d, S_pos(b, n), "lists and block quotes nested more than %d deep",
		 S_MAX_NESTING);
	b->errors++;
	return true;
}

static void S_list(sg_blocks *b, const sg_mdnode *n)
{
	if (S_too_deep(b, n))
		return;
	bool ordered = sg_mdnode_list_ordered(n);
	int num = sg_mdnode_list_start(n);
	bool tight = sg_mdnode_list_tight(n);
	bool saved_tight = b->in_tight_list;
	double lead = b->s->body.size * b->s->body.leading;
	double item_gap = tight ? lead * 0.15 : b->s->para_gap_en * lead;
	double indent = b->s->list_indent;
	if (ordered) {
		/* Room for the widest number. */
		int last = num;
		for (const sg_mdnode *c = sg_mdnode_first_child(n); c; c = sg_mdnode_next(c))
			last++;
		if (last >= 10)
			indent += b->s->body.size * 0.3;
	}
	double list_before = b->list_depth > 0 ? item_gap : (b->zh ? lead * 0.2 : b->s->para_gap_en * lead);
	int list = sg_layout_node(b->l, SG_ROLE_L, b->node, NULL), outer = b->node;
	b->list_depth++;
	b->in_tight_list = tight;
	b->x += indent;
	b->width -= indent;
	static const char *bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};
	bool firstitem = true;
	for (const sg_mdnode *it = sg_mdnode_first_child(n); it; it = sg_mdnode_next(it), num++) {
		double before = S_before(b, firstitem ? list_before : item_gap);
		firstitem = false;
		size_t first = b->f->n;
		b->first_block = true;
		/* An item: its label (the marker), then its body (its blocks). */
		int li = sg_layout_node(b->l, SG_ROLE_LI, list, NULL);
		int lbl = sg_layout_node(b->l, SG_ROLE_LBL, li, NULL);
		b->node = sg_layout_node(b->l, SG_ROLE_LBODY, li, NULL);
		if (!sg_mdnode_first_child(it))
			sg_flow_item(b->f, lead, before);
		else {
			S_blocks(b, it);
			if (first < b->f->n)
				b->f->items[first].before = before;
		}
		b->node = outer;
		bool checked = false;
		int task = sg_mdnode_task(it, &checked);
		char numtxt[16];
		snprintf(numtxt, sizeof numtxt, "%d.", num);
		S_marker(b, first, ordered ? numtxt : bullets[(b->list_depth - 1) % 3], task, checked,
			 lbl);
		b->first_block = false;
	}
	b->x -= indent;
	b->width += indent;
	b->list_depth--;
	b->in_tight_list = saved_tight;
	if (b->list_depth == 0) {
		/* Space after a list before the next paragraph. */
		sg_flow_item(b->f, b->zh ? lead * 0.2 : 0, 0);
	}
}

static void S_quote(sg_blocks *b, const sg_mdnode *n)
{
	if (S_too_deep(b, n))
		return;
	double lead = b->s->body.size * b->s->body.leading;
	double before = S_before(b, lead * 0.4);
	size_t first = b->f->n;
	double bar_x = b->x + 2;
	int outer = b->node;
	b->node = sg_layout_node(b->l, SG_ROLE_BLOCKQUOTE, outer, NULL);
	b->quote_depth++;
	b->x += b->s->quote_indent;
	b->width -= b->s->quote_indent;
	b->first_block = true;
	S_blocks(b, n);
	b->node = outer;
	b->x -= b->s->quote_indent;
	b->width += b->s->quote_indent;
	b->quote_depth--;
	if (first < b->f->n)
		b->f->items[first].before = before;
	for (size_t i = first; i < b->f->n; i++) {
		sg_vitem *v = &b->f->items[i];
		v->grow_up = i > first;
		sg_box *bar = sg_flow_box_at(b->f, i, SG_BOX_FILL, bar_x, 0, 2.5, v->h);
		bar->color = b->s->quote_bar;
	}
	b->first_block = false;
	sg_flow_item(b->f, lead * 0.4, 0);
}

/* A block the caller lays out: with add (a generated block), or with the
 * chart function when chart is not NULL. One flow item as tall as it says,
 * with a table's space above and below. */
static void S_generated(sg_blocks *b, double (*add)(void *, sg_layout_ctx *, double, double),
			void *arg, const sg_mdchart *chart)
{
	sg_vitem *v = sg_flow_item(b->f, 0, S_before(b, b->s->table.before));
	size_t vi = b->f->n - 1;
	/* A figure, all of it: a chart's labels are read in its alternate
	 * text, which the block sets (sg_layout_ctx_node). */
	sg_layout_ctx ctx = {b, b->x, sg_layout_node(b->l, SG_ROLE_FIGURE, b->node, NULL)};
	double h = chart ? b->o->chart(arg, &ctx, chart, b->width, b->o->height)
			 : add(arg, &ctx, b->width, b->o->height);
	v = &b->f->items[vi];
	v->h = fmin(h, b->o->height);
	for (size_t k = v->box0; k < v->box0 + v->nbox; k++)
		if (b->f->boxes[k].node == 0 && b->f->boxes[k].kind != SG_BOX_LINK)
			b->f->boxes[k].node = ctx.node;
	sg_flow_item(b->f, b->s->table.after, 0);
}

/* `<!-- salesgen:block NAME -->` and `<!-- salesgen:pagebreak -->`. */
static void S_html(sg_blocks *b, const sg_mdnode *n)
{
	const char *lit = sg_mdnode_literal(n);
	const char *p = strstr(lit, "<!--");
	if (!p)
		return;
	p += 4;
	while (*p == ' ')
		p++;
	if (strncmp(p, "salesgen:pagebreak", 18) == 0) {
		sg_flow_item(b->f, 0, 0)->page_break = true;
		b->first_block = true;
		return;
	}
	if (strncmp(p, "salesgen:block ", 15) != 0)
		return;
	p += 15;
	while (*p == ' ')
		p++;
	size_t len = 0;
	while (p[len] && p[len] != ' ' && p[len] != '-')
		len++;
	for (size_t i = 0; i < b->o->nblocks; i++) {
		const sg_gen_block *g = &b->o->blocks[i];
		if (strlen(g->name) != len || strncmp(g->name, p, len) != 0)
			continue;
		S_generated(b, g->add, g->arg, NULL);
		return;
	}
	sg_error(b->d, S_pos(b, n), "no generated block named '%.*s'", (int)len, p);
	b->errors++;
}

/* A chart node: drawn by the caller's chart function, like a generated
 * block. */
static void S_chart(sg_blocks *b, const sg_mdnode *n)
{
	const sg_mdchart *c = sg_mdnode_chart(n);
	if (!c)
		return;
	if (!b->o->chart) {
		sg_error(b->d, S_pos(b, n), "this document cannot show a chart");
		b->errors++;
		return;
	}
	S_generated(b, NULL, b->o->chart_arg, c);
}

static void S_blocks(sg_blocks *b, const sg_mdnode *parent)
{
	const sg_mdnode *next;
	for (const sg_mdnode *n = sg_mdnode_first_child(parent); n; n = next) {
		next = sg_mdnode_next(n);
		switch (sg_mdnode_kind(n)) {
		case SG_MD_PARAGRAPH: S_paragraph(b, n); break;
		case SG_MD_HEADING: S_heading(b, n); break;
		case SG_MD_LIST: S_list(b, n); break;
		case SG_MD_BLOCK_QUOTE: S_quote(b, n); break;
		case SG_MD_CODE_BLOCK: S_code(b, n); break;
		case SG_MD_THEMATIC_BREAK: S_rule(b); break;
		case SG_MD_TABLE: sg_blocks_table(b, n); break;
		case SG_MD_HTML_BLOCK: S_html(b, n); break;
		case SG_MD_CHART: S_chart(b, n); break;
		default: break;
		}
		/* Between two blocks of the document nothing holds an item:
		 * the pages that are final are made. */
		if (parent == b->root)
			sg_flow_pump(b->f, b->f->n);
	}
}

/* ---------------------------------------------------------------- entry */

int sg_layout_markdown(sg_layout *l, const sg_mdnode *root, const sg_layout_opts *o0,
		       sg_diags *d)
{
	sg_layout_opts o = *o0;
	const sg_style *s = o.style;
	l->punct = (uint8_t)s->punct;
	if (o.width <= 0) {
		o.x = s->margin_left;
		o.y = s->margin_top;
		o.width = s->page_width - s->margin_left - s->margin_right;
		o.height = s->page_height - s->margin_top - s->margin_bottom;
	}
	if (!o.heading_fs)
		o.heading_fs = o.fs;
	if (!o.mono_fs)
		o.mono_fs = o.fs;
	if (!o.table_fs)
		o.table_fs = o.fs;
	sg_flow f;
	sg_flow_init(&f);
	sg_blocks b;
	memset(&b, 0, sizeof b);
	b.l = l;
	b.f = &f;
	b.o = &o;
	b.root = root;
	b.s = s;
	b.d = d;
	b.x = o.x;
	b.width = o.width;
	b.zh = sg_style_lang_is_zh(o.lang);
	b.first_block = true;
	sg_flow_start(&f, l, o.y, o.height, o.page_done, o.page_arg);
	l->warn = d;
	S_blocks(&b, root);
	sg_flow_paginate(&f, l, o.x, o.y, o.height);
	l->most_items = f.most_alive;
	sg_flow_dispose(&f);
	sg_layout_warn_missing(l, d);
	l->warn = NULL;
	for (size_t i = 0; i < l->ntexts; i++)
		sg_ltext_trim(l->texts[i]);
	return b.errors ? -1 : 0;
}

/* ---------------------------------------------------------------- generated */

sg_layout *sg_layout_ctx_layout(sg_layout_ctx *c)
{
	return c->b->l;
}

const sg_layout_opts *sg_layout_ctx_opts(sg_layout_ctx *c)
{
	return c->b->o;
}

int sg_layout_ctx_node(sg_layout_ctx *c)
{
	return c->node;
}

sg_box *sg_layout_ctx_box(sg_layout_ctx *c, sg_box_kind kind, double x, double y, double w,
			  double h)
{
	return sg_flow_box(c->b->f, kind, c->x + x, y, w, h);
}

double sg_layout_ctx_text(sg_layout_ctx *c, const char *s, double size, bool bold,
			  uint32_t color, char align, double x, double baseline)
{
	sg_ltext *t = sg_layout_new_text(c->b->l, c->b->o->fs, sg_pos_make(c->b->o->path, 0, 0));
	sg_run_attr a = {color, 0, -1};
	sg_ltext_add(t, s, strlen(s), bold ? SG_FONT_BOLD : SG_FONT_REGULAR, size, NULL, a);
	sg_linebreak(&t->lines, &t->para, t->fs, 1e6, false);
	if (t->lines.nlines == 0)
		return 0;
	double w = t->lines.lines[0].width;
	double lx = align == 'r' ? x - w : align == 'c' ? x - w / 2 : x;
	sg_box *b = sg_flow_box(c->b->f, SG_BOX_TEXT, c->x + lx, baseline - size * 0.85, w,
				size * 1.2);
	b->text = t;
	b->line = 0;
	b->baseline = baseline;
	return w;
}
