/*
 * structure.c - the document's structure beside its boxes: nodes made in
 * reading order (a heading, a paragraph, a list item, a table cell ...),
 * each box naming the node it draws, for the structure tree of a tagged PDF
 * (render/pdf/pdf_tags.c). A box that names none is an artifact: rules,
 * backgrounds, running heads.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/layout_int.h"

static const char *const S_names[SG_ROLE_COUNT] = {
	[SG_ROLE_SECT] = "Sect",	   [SG_ROLE_H1] = "H1",
	[SG_ROLE_H2] = "H2",		   [SG_ROLE_H3] = "H3",
	[SG_ROLE_H4] = "H4",		   [SG_ROLE_H5] = "H5",
	[SG_ROLE_H6] = "H6",		   [SG_ROLE_P] = "P",
	[SG_ROLE_L] = "L",		   [SG_ROLE_LI] = "LI",
	[SG_ROLE_LBL] = "Lbl",		   [SG_ROLE_LBODY] = "LBody",
	[SG_ROLE_TABLE] = "Table",	   [SG_ROLE_TR] = "TR",
	[SG_ROLE_TH] = "TH",		   [SG_ROLE_TD] = "TD",
	[SG_ROLE_FIGURE] = "Figure",	   [SG_ROLE_CAPTION] = "Caption",
	[SG_ROLE_CODE] = "Code",	   [SG_ROLE_BLOCKQUOTE] = "BlockQuote",
	[SG_ROLE_LINK] = "Link",	   [SG_ROLE_TOC] = "TOC",
	[SG_ROLE_TOCI] = "TOCI",	   [SG_ROLE_REFERENCE] = "Reference",
};

const char *sg_srole_name(sg_srole role)
{
	return (int)role >= 0 && role < SG_ROLE_COUNT ? S_names[role] : "Span";
}

int sg_layout_node(sg_layout *l, sg_srole role, int parent, const char *alt)
{
	SG_GROW(l->nodes, l->nnodes, l->nodes_cap);
	sg_lnode *n = &l->nodes[l->nnodes++];
	n->role = (uint8_t)role;
	/* A parent comes before its parts: anything else would make a cycle. */
	n->parent = parent > 0 && (size_t)parent < l->nnodes ? parent : 0;
	n->alt = alt ? sg_arena_strdup(&l->arena, alt) : NULL;
	return (int)l->nnodes;
}

void sg_layout_node_alt(sg_layout *l, int node, const char *alt)
{
	if (node < 1 || (size_t)node > l->nnodes)
		return;
	l->nodes[node - 1].alt = alt ? sg_arena_strdup(&l->arena, alt) : NULL;
}

void sg_layout_page_node(sg_layout *l, size_t page, size_t from, int node)
{
	if (page >= l->npages)
		return;
	sg_lpage *pg = &l->pages[page];
	for (size_t i = from; i < pg->n; i++)
		if (pg->boxes[i].kind == SG_BOX_TEXT && pg->boxes[i].node == 0)
			pg->boxes[i].node = node;
}

void sg_flow_tag(sg_flow *f, size_t item0, int node)
{
	for (size_t i = item0; i < f->n; i++) {
		const sg_vitem *v = &f->items[i];
		for (size_t k = v->box0; k < v->box0 + v->nbox; k++)
			if (f->boxes[k].kind == SG_BOX_TEXT && f->boxes[k].node == 0)
				f->boxes[k].node = node;
	}
}

/* ---------------------------------------------------------------- dump */

/* The node an item of text t drawn by a box of node `node` belongs to: its
 * link's, when it is a link's text. */
static int S_item_node(const sg_layout *l, const sg_ltext *t, const sg_item *it, int node)
{
	int link = t->attrs[it->run].link;
	if (node > 0 && link >= 0 && (size_t)link < l->nlinks && l->links[link].node > 0)
		return l->links[link].node;
	return node;
}

/* Appends the text of line li of t, item by item, to the text of the node
 * each item belongs to (texts[0]: the artifacts'). */
static void S_line_text(const sg_layout *l, const sg_ltext *t, size_t li, int node, sg_buf *texts)
{
	const sg_line *ln = &t->lines.lines[li];
	int last = -1;
	for (size_t k = ln->first; k < ln->end; k++) {
		const sg_item *it = &t->lines.items[k];
		if (it->flags & SG_ITEM_OBJECT)
			continue;
		int n = S_item_node(l, t, it, node);
		sg_buf *b = &texts[n];
		/* Each line, and each piece of a line, starts after a space. */
		if (n != last && b->len > 0)
			sg_buf_putc(b, ' ');
		last = n;
		if (it->flags & SG_ITEM_SPACE)
			sg_buf_putc(b, ' ');
		else
			sg_buf_put(b, t->lines.text.data + it->off, it->len);
	}
}

void sg_layout_dump_structure(const sg_layout *l, sg_buf *out)
{
	size_t n = l->nnodes;
	sg_buf *texts = sg_xcalloc(n + 1, sizeof *texts);
	int *depth = sg_xcalloc(n + 1, sizeof *depth);
	for (size_t i = 0; i <= n; i++)
		sg_buf_init(&texts[i]);
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t p = 0; p < l->npages; p++) {
		const sg_lpage *pg = &l->pages[p];
		for (size_t i = 0; i < pg->n; i++) {
			const sg_box *b = &pg->boxes[i];
			int node = b->node > 0 && (size_t)b->node <= n ? b->node : 0;
			if (b->kind == SG_BOX_TEXT)
				S_line_text(l, sg_ltext_open(b->text, &sc), b->line, node, texts);
			else if (b->kind == SG_BOX_IMAGE && node)
				sg_buf_puts(&texts[node], texts[node].len ? " (image)" : "(image)");
		}
	}
	sg_ltext_scratch_dispose(&sc);
	for (size_t i = 1; i <= n; i++) {
		const sg_lnode *nd = &l->nodes[i - 1];
		depth[i] = nd->parent ? depth[nd->parent] + 1 : 0;
		for (int k = 0; k < depth[i]; k++)
			sg_buf_puts(out, "  ");
		sg_buf_puts(out, sg_srole_name((sg_srole)nd->role));
		if (nd->alt)
			sg_buf_printf(out, " [%s]", nd->alt);
		if (texts[i].len)
			sg_buf_printf(out, ": %s", texts[i].data);
		sg_buf_putc(out, '\n');
	}
	if (texts[0].len)
		sg_buf_printf(out, "Artifact: %s\n", texts[0].data);
	for (size_t i = 0; i <= n; i++)
		sg_buf_dispose(&texts[i]);
	free(texts);
	free(depth);
}
