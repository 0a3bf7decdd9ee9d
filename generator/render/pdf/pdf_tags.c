/*
 * pdf_tags.c - a layout's structure (layout.h: nodes in reading order, each
 * box naming its node) as the structure tree of a tagged PDF, and its
 * content marked as it is drawn.
 *
 * Design note. The layout makes its nodes in reading order, a node after
 * the node it is part of. Their elements are made in that order too, but
 * only when content of a node is drawn, and then with every node before it:
 * so an element's kids (its own marked content and its parts) are in the
 * order a reader meets them even where a part is drawn later than the
 * content around it (a list item's label is drawn after its text; a link's
 * words come between two runs of its paragraph's), and a paragraph that
 * goes on over a page is one element with content on both pages. Nodes
 * nothing was drawn for (an empty table cell) are made at the end, in their
 * place.
 *
 * Memory. A report of ten thousand rows has a hundred thousand elements.
 * Each is ended (written into the file, and let go) once the last page
 * holding its content or its parts' is added and its parts are made: the
 * layout says which page that is before the first page is drawn, or, for a
 * document drawn as it is laid out (pdf_doc.c), a first layout of it did
 * (sg_pdf_tags_init_last).
 *
 * Content. Each box is drawn inside a marked-content sequence of its node's
 * element (/P <</MCID 3>> BDC ... EMC), or of an artifact when it has none
 * (rules, backgrounds, the logo: /Artifact <</Type /Layout>>; the running
 * header and footer: /Pagination). Boxes of the same node that follow each
 * other share one sequence; a line holding a link opens one sequence per
 * piece inside its text object, so that the link's words are the Link
 * element's. The header row a table repeats on each page after the first is
 * an artifact: a reader meets the table's header once, in its one Table
 * element, and knows each cell's column from it (TH /Scope /Column), rather
 * than hear the header again in the middle of the table.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "render/pdf/pdf_int.h"

int sg_pdf_tags_content(const sg_layout *l, const sg_box *b)
{
	if (b->kind == SG_BOX_LINK)
		return b->index >= 0 && (size_t)b->index < l->nlinks ? l->links[b->index].node : 0;
	return b->node;
}

/* The nodes whose structure is made: a layout's, or roles and parents as
 * another build counted them. */
typedef struct S_nodes {
	size_t n;
	const sg_lnode *nodes; /* or: */
	const uint8_t *roles;
	const int *parents;
} S_nodes;

static int S_role(const S_nodes *v, size_t i)
{
	return v->nodes ? v->nodes[i].role : v->roles[i];
}

static int S_parent(const S_nodes *v, size_t i)
{
	return v->nodes ? v->nodes[i].parent : v->parents[i];
}

/* t->last and t->last_part (see pdf_int.h): from known (a page per node,
 * NULL: the pages' boxes), then from each node to the node it is part of
 * (nodes come after it). */
static void S_last_pages(sg_pdf_tags *t, const S_nodes *v, const int *known)
{
	const sg_layout *l = t->l;
	size_t n = v->n;
	t->last = sg_xmalloc((n + 1) * sizeof *t->last);
	t->last_part = sg_xmalloc((n + 1) * sizeof *t->last_part);
	for (size_t i = 0; i < n; i++) {
		t->last[i] = known ? known[i] : -1;
		t->last_part[i] = i;
	}
	for (size_t pi = 0; !known && pi < l->npages; pi++)
		for (size_t k = 0; k < l->pages[pi].n; k++) {
			int node = sg_pdf_tags_content(l, &l->pages[pi].boxes[k]);
			if (node > 0 && (size_t)node <= n)
				t->last[node - 1] = (int)pi;
		}
	for (size_t i = n; i-- > 0;) {
		int up = S_parent(v, i);
		if (up < 1 || (size_t)up > i)
			continue;
		if (t->last[i] > t->last[up - 1])
			t->last[up - 1] = t->last[i];
		if (t->last_part[i] > t->last_part[up - 1])
			t->last_part[up - 1] = t->last_part[i];
	}
}

static void S_init(sg_pdf_tags *t, const sg_layout *l, int parent, const S_nodes *v,
		   const int *known)
{
	size_t n = v->n;
	memset(t, 0, sizeof *t);
	t->l = l;
	t->n = n;
	t->parent = parent;
	t->elems = sg_xcalloc(n + 1, sizeof *t->elems);
	t->first = sg_xcalloc(n + 1, sizeof *t->first);
	t->head = sg_xcalloc(n + 1, sizeof *t->head);
	/* A row is a header row when none of its cells is a data cell. */
	for (size_t i = 0; i < n; i++)
		t->head[i] = S_role(v, i) == SG_ROLE_TR;
	for (size_t i = 0; i < n; i++) {
		int up = S_parent(v, i);
		if (S_role(v, i) == SG_ROLE_TD && up > 0 && (size_t)up <= n)
			t->head[up - 1] = false;
	}
	S_last_pages(t, v, known);
}

void sg_pdf_tags_init(sg_pdf_tags *t, const sg_layout *l, int parent)
{
	S_nodes v = {l->nnodes, l->nodes, NULL, NULL};
	S_init(t, l, parent, &v, NULL);
}

void sg_pdf_tags_init_last(sg_pdf_tags *t, const sg_layout *l, int parent, const int *last)
{
	S_nodes v = {l->nnodes, l->nodes, NULL, NULL};
	S_init(t, l, parent, &v, last);
}

void sg_pdf_tags_init_kept(sg_pdf_tags *t, const sg_layout *l, int parent, size_t n,
			   const uint8_t *roles, const int *parents, const int *last)
{
	S_nodes v = {n, NULL, roles, parents};
	S_init(t, l, parent, &v, last);
}

/* The nodes both the layout drawn and the tags' arrays hold. */
static size_t S_known(const sg_pdf_tags *t)
{
	return t->l->nnodes < t->n ? t->l->nnodes : t->n;
}

/* Makes the element of node index i (its parent's is made already). */
static void S_make(sg_pdf_painter *p, sg_pdf_tags *t, size_t i)
{
	const sg_lnode *n = &t->l->nodes[i];
	int parent = n->parent > 0 ? t->elems[n->parent - 1] : t->parent;
	int e = sg_pdf_file_struct_add(p->file, parent, sg_srole_name((sg_srole)n->role), n->alt);
	/* A header cell heads its column in a header row (a table's first
	 * row), else its row (the cover's label beside its value). */
	if (n->role == SG_ROLE_TH)
		sg_pdf_file_struct_attrs(p->file, e,
					 n->parent > 0 && t->head[n->parent - 1]
						 ? "<< /O /Table /Scope /Column >>"
						 : "<< /O /Table /Scope /Row >>");
	t->elems[i] = e;
	if (t->nopen == t->open_cap) {
		t->open_cap = t->open_cap ? 2 * t->open_cap : 16;
		t->open = sg_xrealloc(t->open, t->open_cap * sizeof *t->open);
	}
	t->open[t->nopen++] = i;
}

void sg_pdf_tags_page_done(sg_pdf_painter *p, size_t pi)
{
	sg_pdf_tags *t = p->tags;
	if (!t)
		return;
	size_t kept = 0;
	for (size_t k = 0; k < t->nopen; k++) {
		size_t i = t->open[k];
		if (t->last[i] <= (int)pi && t->last_part[i] < t->made)
			sg_pdf_file_struct_end(p->file, t->elems[i]);
		else
			t->open[kept++] = i;
	}
	t->nopen = kept;
}

int sg_pdf_tags_elem(sg_pdf_painter *p, int node)
{
	sg_pdf_tags *t = p->tags;
	if (!t || node < 1 || (size_t)node > S_known(t))
		return 0;
	while (t->made < (size_t)node)
		S_make(p, t, t->made++);
	return t->elems[node - 1];
}

void sg_pdf_tags_finish(sg_pdf_painter *p)
{
	sg_pdf_tags *t = p->tags;
	if (!t)
		return;
	sg_pdf_tags_elem(p, (int)S_known(t));
	for (size_t k = 0; k < t->nopen; k++)
		sg_pdf_file_struct_end(p->file, t->elems[t->open[k]]);
	free(t->open);
	free(t->last);
	free(t->last_part);
	free(t->elems);
	free(t->first);
	free(t->head);
	memset(t, 0, sizeof *t);
}

int sg_pdf_tags_box_node(sg_pdf_painter *p, const sg_box *b)
{
	sg_pdf_tags *t = p->tags;
	if (!t || b->node < 1 || (size_t)b->node > S_known(t))
		return 0;
	if (t->l->nodes[b->node - 1].role == SG_ROLE_TH) {
		size_t *first = &t->first[b->node - 1];
		if (*first == 0)
			*first = p->page + 1;
		else if (*first != p->page + 1)
			return -1; /* the header row again, on a later page */
	}
	return b->node;
}

void sg_pdf_tags_close(sg_pdf_painter *p)
{
	if (p->tags && p->open != 0)
		sg_pdf_content_end_marked(p->c);
	p->open = 0;
}

void sg_pdf_tags_mark(sg_pdf_painter *p, int node)
{
	sg_pdf_tags *t = p->tags;
	if (!t)
		return;
	if (node > 0 && (size_t)node > S_known(t))
		node = 0;
	/* -1: an artifact of the layout's kind, -2: of pagination. */
	int want = node > 0 ? node : node < 0 ? -2 : -1;
	if (p->open == want)
		return;
	sg_pdf_tags_close(p);
	if (want > 0) {
		int e = sg_pdf_tags_elem(p, node);
		int mcid = sg_pdf_file_struct_mcid(p->file, e, p->page);
		sg_pdf_content_tag(p->c, sg_srole_name((sg_srole)t->l->nodes[node - 1].role), mcid);
	} else {
		sg_pdf_content_artifact(p->c, want == -2	  ? "Pagination"
					      : p->artifact ? p->artifact
							    : "Layout");
	}
	p->open = want;
}
