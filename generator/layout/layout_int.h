/*
 * layout_int.h - the flow (vertical list) shared by the layout's files.
 */
#ifndef SG_LAYOUT_LAYOUT_INT_H
#define SG_LAYOUT_LAYOUT_INT_H

#include "base/alloc.h"
#include "layout/layout.h"

/* Makes room for one more item in a growable array (n used of cap). */
#define SG_GROW(arr, n, cap)                                                \
	do {                                                                \
		if ((n) == (cap)) {                                         \
			(cap) = (cap) ? (cap) * 2 : 16;                     \
			(arr) = sg_xrealloc((arr), (cap) * sizeof *(arr));  \
		}                                                           \
	} while (0)

/* One vertical item: a line, a table row, an image. Its boxes sit in
 * sg_flow.boxes with y relative to the item's top. */
typedef struct sg_vitem {
	double h;
	double before;     /* space above, dropped at the top of a page */
	bool keep;         /* no page break after this item */
	bool page_break;   /* a page break before this item */
	bool grow_up;      /* FILL boxes reach up over the space above (quote bars) */
	int table;         /* table id, -1 when not a table row */
	bool table_head;   /* the table's header row */
	bool split;        /* the next item goes on with this one's table row:
			    * a page may break between them (a row taller
			    * than a page), closed as sg_ftable says */
	bool hkeep;        /* no page break after it either: a heading keeps
			    * two lines of what follows (paginate.c) */
	size_t box0, nbox; /* boxes [box0, box0 + nbox) of the flow */
	int heading;       /* sg_layout.headings index, -1 */
} sg_vitem;

/* A table of the flow, for the pages it reaches. */
typedef struct sg_ftable {
	size_t head;     /* the item of its header row (repeated on each page), or
			  * SIZE_MAX; counted from the flow's first item ever
			  * (sg_flow.dropped + index) */
	/* The header row, copied once its item has left the flow (its page is
	 * made) while later rows may still repeat it. */
	bool head_saved;
	sg_vitem head_item; /* its boxes are head_boxes[0 .. nbox) */
	sg_box *head_boxes;
	double x, width; /* where it sits */
	double pad;      /* cell padding: kept below the part of a row a page
			  * cuts off and above the rest on the next page */
	uint32_t rule;   /* the rule drawn under a row cut by a page */
} sg_ftable;

/* Called with each page once it is final (see sg_flow_start). */
typedef void (*sg_flow_page_fn)(void *arg, sg_layout *l, size_t page);

/* The flow, made and paginated as it goes (paginate.c): items[0] is the
 * first item of the first page not yet made; the items before it, dropped,
 * are on pages already. */
typedef struct sg_flow {
	sg_vitem *items;
	size_t n, cap;
	sg_box *boxes;
	size_t nboxes, boxes_cap;
	sg_ftable *tables; /* by table id */
	size_t ntables, tables_cap;
	/* Pagination (sg_flow_start): */
	size_t dropped;      /* items before items[0], on pages already */
	sg_layout *l;        /* the pages' layout; NULL: not started */
	double top, height;  /* the body on each page */
	sg_flow_page_fn page_done;
	void *page_arg;
	size_t hscan;        /* items before this (window index) have hkeep decided */
	bool heading_made;   /* a page made already holds a heading */
	bool split_before;   /* the item before items[0] is a row cut by its page */
	size_t planned;      /* f->n at the last plan (sg_flow_pump plans each page's worth) */
	size_t most_alive;   /* the most items held at once, for tests */
} sg_flow;

void sg_flow_init(sg_flow *f);
void sg_flow_dispose(sg_flow *f);
/* A new item (zeroed, table -1, heading -1) whose boxes follow. */
sg_vitem *sg_flow_item(sg_flow *f, double h, double before);
/* A box of the newest item. */
sg_box *sg_flow_box(sg_flow *f, sg_box_kind kind, double x, double y, double w, double h);
/* A box added to an earlier item (a list marker, a quote bar). */
sg_box *sg_flow_box_at(sg_flow *f, size_t item, sg_box_kind kind, double x, double y, double w,
		       double h);
/* A new table id (no header row yet). */
int sg_flow_table(sg_flow *f, double x, double width, double pad, uint32_t rule);

/* Starts paginating f into pages of l, each with a body at top of height
 * h: from now on sg_flow_pump makes the pages that are final, and gives
 * each to page_done (may be NULL) as soon as it is made; page_done may
 * draw the page and free its boxes (sg_layout_page_free). */
void sg_flow_start(sg_flow *f, sg_layout *l, double top, double height,
		   sg_flow_page_fn page_done, void *arg);

/* The items [0, settled) of f are final (nothing is added to them or
 * changed): the pages that no later item can change are made, and their
 * items leave the flow. A page is final once the items reach two pages
 * past it (the last page's rules move only the last two), and no keep rule
 * still waiting for items reaches back into it. Indices into f->items
 * held across a pump are then wrong: only call it where none is held. */
void sg_flow_pump(sg_flow *f, size_t settled);

/* Breaks the rest of the flow into pages of l, each with a body at (x, y)
 * of height h (as sg_flow_start said, when it was called). */
void sg_flow_paginate(sg_flow *f, sg_layout *l, double x, double y, double h);

/* The lines of t (already broken) as flow items: one per line, at x, with
 * width for alignment, leading as a multiple of each line's height; keeps
 * the first two and last two lines together (no orphan, no widow). indent
 * is the first line's indent. Returns the index of the first item. */
size_t sg_flow_text(sg_flow *f, const sg_ltext *t, double x, double width, double indent,
		    double leading, double before, char align);

/* Gives the text boxes of items [item0, f->n) that have no node the node
 * `node` (structure.c). */
void sg_flow_tag(sg_flow *f, size_t item0, int node);

/* Link boxes of line li of t drawn at x (relative y top, height h). */
void sg_flow_link_boxes(sg_flow *f, const sg_ltext *t, size_t li, double x, double y, double h);

/* Image boxes of the inline images of line li of t drawn at x (relative y
 * top, height h: each image is centred on it). */
void sg_flow_object_boxes(sg_flow *f, const sg_ltext *t, size_t li, double x, double y, double h);

/* Lets go of t's lines, which were set ragged at measure (the table's
 * way; sg_ltext_open sets them again): their room goes to spare, for the
 * next text to reuse. */
void sg_ltext_release(sg_ltext *t, double measure, sg_lines *spare);

/* Sets v up to read part k of a table row's text (sg_ltext.parts) as a
 * paragraph of its own: its runs (copied into *runs, grown to *cap, from
 * the start of its text), attributes, text and measure. v's lines are left
 * as they are. */
void sg_ltext_part_view(const sg_ltext *row, size_t k, sg_ltext *v, sg_text_run **runs,
			size_t *cap);

/* Moves t's runs, attributes and text into l's arena at their exact size:
 * t's paragraph is final (nothing is added to it afterwards). */
void sg_ltext_pack(sg_layout *l, sg_ltext *t);

/* Shrinks t's arrays to what they hold: t is set for good. */
void sg_ltext_trim(sg_ltext *t);

/* Natural and minimum widths of t (broken already at a huge width): the
 * widest line and the widest unbreakable piece. */
void sg_ltext_widths(const sg_ltext *t, double *min, double *max);

/* Lays out a GFM table node into the flow (table.c). */
struct sg_blocks;
void sg_blocks_table(struct sg_blocks *b, const sg_mdnode *table);

/* The block walker's state (blocks.c), shared with table.c. */
typedef struct sg_blocks {
	sg_layout *l;
	sg_flow *f;
	const sg_layout_opts *o;
	const sg_mdnode *root;
	const sg_style *s;
	sg_diags *d;
	double x, width;  /* the current measure */
	int list_depth;
	int quote_depth;
	bool in_tight_list;
	bool zh;
	bool first_block; /* no space before the first block of a container */
	int errors;
	/* The addresses of remote images warned about (image_remote.c), in
	 * the layout's arena; NULL until the first. */
	struct sg_remote_seen *remote_seen;
	int node; /* the structure node new blocks are part of (0: the document) */
} sg_blocks;

/* Finds, checks and records the image of an image node: its index in
 * sg_layout.images, or -1 after an error at the node. */
int sg_blocks_image(sg_blocks *b, const sg_mdnode *img);

/* True when img is an image on the web (an http or https address, which
 * salesgen never downloads): it is then shown by one of the two below
 * rather than looked up, after a warning at its line, once per address in
 * the document (image_remote.c). */
bool sg_blocks_remote(sg_blocks *b, const sg_mdnode *img);
/* A remote image alone in its paragraph: a frame with its description and
 * its address, the frame a link to the address. */
void sg_blocks_remote_block(sg_blocks *b, const sg_mdnode *img);
/* A remote image among text: its description (its address when it has
 * none) as a link, added to t in style and size. */
void sg_blocks_remote_inline(sg_blocks *b, sg_ltext *t, const sg_mdnode *img,
			     sg_font_style style, double size, sg_run_attr a);

/* Builds the runs of an inline container (paragraph, heading, cell) into t;
 * images become inline images as tall as the text. */
void sg_blocks_inlines(sg_blocks *b, sg_ltext *t, const sg_mdnode *parent, sg_font_style style,
		       double size, uint32_t color);

#endif
