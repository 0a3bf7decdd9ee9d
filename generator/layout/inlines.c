/*
 * inlines.c - a Markdown paragraph's inline nodes (text, code, emphasis,
 * links) as styled runs of a layout text; used by paragraphs, headings and
 * table cells alike.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/url.h"
#include "layout/layout_int.h"
#include "load/doctree.h"

#define S_LSEP "\xE2\x80\xA8"

/* ---------------------------------------------------------------- inlines */

typedef struct S_inl {
	sg_font_style style;
	double size;
	uint32_t color;
	uint8_t deco;
	int link;
} S_inl;

/* The link of node n: its index in sg_layout.links, or -1 when its target
 * is not allowed (sg_url_safe), after a warning at the node: a PDF reader
 * would follow a javascript:, file: or network-share target as readily as a
 * web link, so the link's text stays, as text. */
static int S_add_link(sg_blocks *b, const sg_mdnode *n)
{
	const char *url = sg_mdnode_url(n);
	if (!url)
		url = "";
	if (!sg_url_safe(url, SG_URL_LINK)) {
		sg_buf shown;
		sg_buf_init(&shown);
		sg_url_for_message(&shown, url);
		sg_warning(b->d, sg_pos_make(b->o->path, sg_mdnode_line(n), 0),
			   "link target '%s' is not allowed (only " SG_URL_ALLOWED
			   "): shown as text",
			   shown.data);
		sg_buf_dispose(&shown);
		return -1;
	}
	sg_layout *l = b->l;
	SG_GROW(l->links, l->nlinks, l->links_cap);
	l->links[l->nlinks].target = sg_arena_strdup(&l->arena, url);
	/* A part of the text it is in: its words and its annotations. */
	l->links[l->nlinks].node = sg_layout_node(l, SG_ROLE_LINK, b->node, NULL);
	return (int)l->nlinks++;
}

/* An image among text (an icon, a logo in a sentence) is as tall as the
 * text's em, the height of a Chinese character, so that the lines keep
 * their spacing; narrower than the measure whatever its shape. An image
 * alone in its paragraph is a block instead (blocks.c). */
static void S_inline_image(sg_blocks *b, sg_ltext *t, const sg_mdnode *n, double size,
			   sg_run_attr a)
{
	int index = sg_blocks_image(b, n);
	if (index < 0)
		return;
	const sg_limage *im = &b->l->images[index];
	double h = size, w = h * im->width / im->height;
	if (w > b->width) {
		w = b->width;
		h = w * im->height / im->width;
	}
	sg_ltext_add_image(t, index, w, h, size, a);
	/* With a description it is a figure of the text; without, decoration. */
	sg_buf alt;
	sg_buf_init(&alt);
	sg_mdnode_text_buf(n, &alt);
	if (alt.len > 0)
		t->images[t->nimages - 1].node = sg_layout_node(b->l, SG_ROLE_FIGURE, b->node, alt.data);
	sg_buf_dispose(&alt);
}

/* The inline tree is as deep as the writer nests emphasis and links, and
 * 60,000 nested "*a " fit in a document under the size cap: so the walk is
 * the tree's iterator with the open spans' styles on a heap stack, never a
 * recursion on the C stack. */
static void S_inlines(sg_blocks *b, sg_ltext *t, const sg_mdnode *parent, S_inl st)
{
	S_inl *open = NULL; /* the styles outside each open span, innermost last */
	size_t nopen = 0, capopen = 0;
	sg_mditer it;
	sg_mditer_init(&it, parent);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		if (n == parent)
			continue;
		if (ev == SG_MD_EXIT) {
			/* Only the spans below were entered: every other node is
			 * left at once, so its exit is never seen here. */
			st = open[--nopen];
			continue;
		}
		sg_run_attr a = {st.color, st.deco, st.link};
		const char *lit = sg_mdnode_literal(n);
		S_inl in = st;
		switch (sg_mdnode_kind(n)) {
		case SG_MD_TEXT:
			sg_ltext_add(t, lit, strlen(lit), st.style, st.size, NULL, a);
			continue;
		case SG_MD_SOFTBREAK:
			sg_ltext_add(t, "\n", 1, st.style, st.size, NULL, a);
			continue;
		case SG_MD_LINEBREAK:
			sg_ltext_add(t, S_LSEP, 3, st.style, st.size, NULL, a);
			continue;
		case SG_MD_CODE:
			a.deco |= SG_DECO_CODE;
			a.color = b->s->code.color;
			sg_ltext_add(t, lit, strlen(lit), st.style & SG_FONT_BOLD, st.size * 0.9,
				     b->o->mono_fs, a);
			continue;
		case SG_MD_EMPH:
			in.style |= SG_FONT_ITALIC;
			break;
		case SG_MD_STRONG:
			in.style |= SG_FONT_BOLD;
			break;
		case SG_MD_STRIKETHROUGH:
			in.deco |= SG_DECO_STRIKE;
			break;
		case SG_MD_LINK:
			in.link = S_add_link(b, n);
			in.color = in.link >= 0 ? b->s->link : st.color;
			break;
		case SG_MD_IMAGE:
			if (sg_blocks_remote(b, n))
				sg_blocks_remote_inline(b, t, n, st.style, st.size, a);
			else
				S_inline_image(b, t, n, st.size, a);
			/* Its description is not shown: skip it. */
			sg_mditer_skip(&it);
			continue;
		default:
			/* Raw HTML is dropped, with whatever is inside it. */
			sg_mditer_skip(&it);
			continue;
		}
		/* A span: its children are set in its style until its exit. */
		SG_GROW(open, nopen, capopen);
		open[nopen++] = st;
		st = in;
	}
	free(open);
}

void sg_blocks_inlines(sg_blocks *b, sg_ltext *t, const sg_mdnode *parent, sg_font_style style,
		       double size, uint32_t color)
{
	S_inl st = {style, size, color, 0, -1};
	S_inlines(b, t, parent, st);
}
