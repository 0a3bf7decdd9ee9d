/*
 * layout.h - a document (the tree of load/doctree.h) laid out into pages of
 * boxes.
 *
 * Design note. Layout and drawing are separate: the layout engine measures,
 * breaks lines and fills pages, and its result is a list of pages, each a
 * list of boxes (a line of text, a filled or stroked rectangle, a rule, an
 * image, a checkbox, a polyline, a link area). The PDF renderer only draws
 * boxes, so everything about position can be tested without a PDF, by
 * dumping the boxes as text (sg_layout_dump; golden files in
 * tests/data/layout/).
 *
 * It works in two stages, like TeX's vertical list:
 *
 *  1. Blocks become a FLOW: a list of vertical items, each of a fixed height
 *     with its own boxes (one line of a paragraph, one line of a table row,
 *     an image),
 *     the space above it (dropped at the top of a page) and whether a page
 *     may break after it. A heading keeps with what follows; the first and
 *     the last line of a paragraph keep with their neighbours (no orphan or
 *     widow); a table's header row keeps with the first body row, and the
 *     lines of a table row keep together.
 *  2. Pagination fills pages greedily. When an item does not fit, the page
 *     breaks before the earliest item of the chain of "keep" items that ends
 *     with it, unless that chain began the page (then the break is forced)
 *     or is a table row taller than a page (it is cut where it is, rather
 *     than leave the page's foot empty). A table row that starts a page
 *     repeats its table's header row first; a row cut by the page keeps its
 *     cell padding on both sides of the cut and gets a thin rule under it.
 *     A heading keeps two lines of what follows; a last page that only
 *     ends a section is tried once with tighter spacing (paginate.c).
 *
 * Coordinates are points from the top-left corner of the page, y downwards;
 * the renderer turns them into PDF's bottom-up space.
 *
 * Memory. A report may hold a table of a hundred thousand rows, thousands
 * of pages. Its pages are made as the flow is (paginate.c) and given, as
 * soon as each is final, to the caller (sg_layout_opts.page_done), who may
 * draw it and let it go (sg_layout_page_free); the texts made from then on
 * are let go with the pages that show them (sg_lchunk), so a few pages are
 * held at once, not the document. A body row's cells become one text
 * holding only their runs and characters, packed; their lines (some 600
 * bytes a cell) are let go once the row's boxes are made, and whoever
 * reads a box's lines asks for them with sg_ltext_open(), which sets them
 * again, the same, into scratch room. Other texts keep their lines,
 * trimmed to size. The tree is only read: the layout copies what it
 * keeps, and the tree may be shared with other readers (the HTML site) and
 * threads.
 */
#ifndef SG_LAYOUT_LAYOUT_H
#define SG_LAYOUT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/font.h"
#include "layout/linebreak.h"
#include "layout/style.h"
#include "load/doctree.h"

/* Decorations of a run of text (sg_run_attr.deco). */
enum {
	SG_DECO_STRIKE = 1,
	SG_DECO_UNDERLINE = 2,
	SG_DECO_CODE = 4, /* inline code: a light background */
};

typedef struct sg_run_attr {
	uint32_t color;
	uint8_t deco;
	int link; /* index into sg_layout.links, or -1 */
} sg_run_attr;

/* What a part of the document is, for the structure tree of a tagged PDF:
 * the standard structure types of PDF 1.7 salesgen's documents use
 * (sg_srole_name gives each one's name). */
typedef enum sg_srole {
	SG_ROLE_SECT = 0, /* a part of its own: the cover */
	SG_ROLE_H1,       /* headings, H1 + level - 1 */
	SG_ROLE_H2,
	SG_ROLE_H3,
	SG_ROLE_H4,
	SG_ROLE_H5,
	SG_ROLE_H6,
	SG_ROLE_P,
	SG_ROLE_L,     /* a list: LI items, each a label (Lbl: the bullet, */
	SG_ROLE_LI,    /* number or checkbox) and a body (LBody: the */
	SG_ROLE_LBL,   /* item's blocks) */
	SG_ROLE_LBODY,
	SG_ROLE_TABLE, /* TR rows of TH (header) and TD cells */
	SG_ROLE_TR,
	SG_ROLE_TH,
	SG_ROLE_TD,
	SG_ROLE_FIGURE, /* an image or chart, with its alternate text */
	SG_ROLE_CAPTION,
	SG_ROLE_CODE, /* a code block */
	SG_ROLE_BLOCKQUOTE,
	SG_ROLE_LINK, /* the text of a link, and its annotations */
	SG_ROLE_TOC,  /* the contents: TOCI entries, each a Reference to */
	SG_ROLE_TOCI, /* the heading holding a Link */
	SG_ROLE_REFERENCE,
	SG_ROLE_COUNT
} sg_srole;

/* A node of the document's structure. Nodes are made in reading order, each
 * after the node it is part of, and named by id: 1 + its index in
 * sg_layout.nodes; 0 names the document itself (as a parent) or nothing
 * (as a box's node: an artifact). */
typedef struct sg_lnode {
	uint8_t role;    /* sg_srole */
	int parent;      /* the node it is part of, 0: the document */
	const char *alt; /* the alternate text (a figure's), in the layout's arena; NULL: none */
} sg_lnode;

/* An image set inside a line of text (its run is an inline object). */
typedef struct sg_inline_image {
	size_t run;  /* the run of sg_ltext.para */
	int image;   /* index into sg_layout.images */
	double w, h; /* drawn size, points */
	int node;    /* its Figure node (an image with alternate text), 0: decoration */
} sg_inline_image;

/* One cell of a table row set as one text (sg_ltext.parts). */
typedef struct sg_lpart {
	size_t run0, run1; /* its runs, [run0, run1) of the row's paragraph */
	double measure;    /* its column's width: its lines are set ragged to it */
} sg_lpart;

/* A laid-out paragraph: its runs, their attributes and its lines. */
typedef struct sg_ltext {
	sg_para para;
	sg_lines lines;
	const sg_fontset *fs; /* the paragraph's font set (runs may name others) */
	sg_run_attr *attrs;   /* one per run of para */
	size_t attrs_cap;
	sg_inline_image *images; /* the inline images, in run order */
	size_t nimages, images_cap;
	sg_pos pos; /* where the text starts, for messages */
	/* A table cell (or row: parts) lets go of its lines once its boxes are
	 * made: a report of ten thousand rows would otherwise keep every
	 * cell's items (some 600 bytes a cell) until it is drawn. lines is
	 * then empty, and sg_ltext_open() sets them again, the same, at this
	 * measure. */
	bool released;
	double measure;
	bool packed; /* para and attrs live in sg_layout.arena: read only */
	/* A table body row is one released text rather than one per cell (a
	 * text costs some 300 bytes before it holds anything): each part is a
	 * cell, set on its own, and its lines follow the previous cell's, so
	 * a box of the row's cell c shows line (lines of cells before c) + k.
	 * NULL for a paragraph. */
	sg_lpart *parts;
	size_t nparts;
} sg_ltext;

/* Room to set a released text's lines again (sg_ltext_open), reused from
 * one text to the next. */
typedef struct sg_ltext_scratch {
	sg_ltext t;         /* the text last opened, with its lines */
	const sg_ltext *of; /* which text that is */
	sg_lines part;      /* one part's lines (a table row's cell) */
	sg_text_run *runs;  /* one part's runs, from its own text's start */
	size_t runs_cap;
} sg_ltext_scratch;

void sg_ltext_scratch_init(sg_ltext_scratch *s);
void sg_ltext_scratch_dispose(sg_ltext_scratch *s);

/* t with its lines, to read them: t itself, or when t was released a copy
 * in s with the lines set again (valid until the next call with s, and
 * only while t's layout lives). */
const sg_ltext *sg_ltext_open(const sg_ltext *t, sg_ltext_scratch *s);

/* Tells d of each character of t's lines that no font has, at t's
 * position (pos when t has none). */
void sg_ltext_warn_missing(const sg_ltext *t, sg_pos pos, sg_diags *d);

typedef enum sg_box_kind {
	SG_BOX_TEXT,   /* one line of an sg_ltext */
	SG_BOX_FILL,   /* a filled rectangle */
	SG_BOX_RULE,   /* a line from (x, y) to (x + w, y + h) */
	SG_BOX_FRAME,  /* a stroked rectangle */
	SG_BOX_IMAGE,  /* an image scaled into the box */
	SG_BOX_CHECK,  /* a task-list checkbox */
	SG_BOX_PATH,   /* a polyline through pts */
	SG_BOX_LINK,   /* a clickable area */
	SG_BOX_ANCHOR, /* a heading's destination */
} sg_box_kind;

/* A report of ten thousand rows holds over a hundred thousand boxes: the
 * fields only one kind uses share their room. */
typedef struct sg_box {
	sg_box_kind kind;
	uint32_t color;
	double x, y, w, h; /* top-left corner and size, points */
	double stroke;     /* line width: RULE, FRAME, PATH, CHECK */
	double baseline;   /* TEXT: from the top of the page */
	union {
		const sg_ltext *text; /* TEXT (read its lines through sg_ltext_open) */
		const double *pts;    /* PATH: x, y pairs relative to the box's (x, y) */
	};
	union {
		size_t line; /* TEXT: the line of text */
		size_t npts; /* PATH */
	};
	int index;    /* IMAGE: sg_layout.images; LINK: links; ANCHOR: headings */
	/* The structure node whose content the box draws (sg_lnode id); 0:
	 * none, the box is an artifact (a rule, a background, page furniture).
	 * A link box has none: its link (index) names its node. */
	int node;
	bool checked; /* CHECK */
	bool dotted;  /* RULE: a dotted line (leaders) */
} sg_box;

typedef struct sg_lpage {
	sg_box *boxes;
	size_t n, cap;
} sg_lpage;

typedef struct sg_heading {
	int level; /* 1..6 as written */
	const char *text;
	const char *anchor; /* GitHub-style slug, unique in the document */
	int page;           /* 0-based page of the layout */
	double y;
} sg_heading;

typedef struct sg_limage {
	const char *path; /* resolved file, for messages */
	const unsigned char *data; /* the file's bytes, read once (in the arena) */
	size_t len;
	int type;         /* SG_IMAGE_PNG or SG_IMAGE_JPEG (layout/image.h) */
	int width, height; /* pixels */
	/* For the renderer's messages, which come after the Markdown tree is
	 * gone: the image as the document names it (NULL: not named in the
	 * document, as the cover logo) and where the document does. */
	const char *name;
	sg_pos pos;
} sg_limage;

typedef struct sg_link {
	const char *target; /* a URI, or "#anchor" for a heading of the document */
	int node;           /* its Link node, 0: none */
} sg_link;

/* A block made by the caller rather than written in Markdown, inserted
 * where the Markdown says `<!-- salesgen:block NAME -->`. add() appends the
 * block's boxes relative to its own top-left corner through sg_layout_ctx_box
 * / sg_layout_ctx_text and returns its height; it must not exceed max_height
 * (the body's height). A chart node of the tree (SG_MD_CHART) is laid out
 * the same way, by sg_layout_opts.chart. */
typedef struct sg_layout_ctx sg_layout_ctx;
typedef struct sg_gen_block {
	const char *name;
	double (*add)(void *arg, sg_layout_ctx *ctx, double width, double max_height);
	void *arg;
} sg_gen_block;

/* Texts of a body whose pages are let go as they are drawn: made in
 * chunks, each let go with its texts once the pages that show them are
 * (layout.c). */
typedef struct sg_lchunk {
	sg_arena arena; /* its texts, and what they hold */
	sg_ltext **texts;
	size_t ntexts, texts_cap;
	size_t item_end; /* no flow item from this one on shows its texts; SIZE_MAX: open */
	size_t page;     /* the last page that shows them, once made; SIZE_MAX: not yet */
} sg_lchunk;

typedef struct sg_layout {
	sg_arena arena;
	sg_lpage *pages;
	size_t npages, pages_cap;
	sg_ltext **texts; /* owned */
	size_t ntexts, texts_cap;
	sg_heading *headings;
	size_t nheadings, headings_cap;
	sg_limage *images;
	size_t nimages, images_cap;
	/* The images by path (open addressing, index + 1; 0 is empty): a file
	 * shown many times is read, and embedded, once. */
	size_t *image_slots;
	size_t image_slots_cap;
	sg_link *links;
	size_t nlinks, links_cap;
	/* How the texts made from now on set full-width punctuation
	 * (sg_punct; sg_layout_init: mainland). */
	uint8_t punct;
	sg_lnode *nodes; /* the structure, in reading order (node id i is nodes[i - 1]) */
	size_t nnodes, nodes_cap;
	/* The most items of the body's flow held at once while it was laid
	 * out: a few pages' worth when its pages are made as it goes. */
	size_t most_items;
	/* Once a page is let go (sg_layout_page_free), the texts made from
	 * then on are in chunks, let go in turn (see sg_lchunk); a table's
	 * header row, repeated on every page it reaches, is pinned (in
	 * arena, to the end). */
	sg_lchunk **chunks; /* [chunk0, nchunks) alive */
	size_t chunk0, nchunks, chunks_cap;
	int pinned;          /* > 0: new texts go into arena */
	size_t pages_freed;  /* pages [0, pages_freed) are let go */
	size_t texts_made;   /* every text made, for tests */
	size_t most_texts;   /* the most texts alive at once, for tests */
	sg_diags *warn;      /* where a text let go tells of its missing glyphs (NULL: nowhere) */
} sg_layout;

/* The smallest size a table is set at to fit the measure (table.c): a
 * table whose columns do not fit even at this size is an error. A theme's
 * table size below it is never shrunk. */
#define SG_TABLE_MIN_SIZE 7.0

/* What to lay out a document with. */
typedef struct sg_layout_opts {
	const sg_style *style;
	const sg_fontset *fs;         /* body */
	const sg_fontset *heading_fs; /* headings (NULL: fs) */
	const sg_fontset *mono_fs;    /* code (NULL: fs) */
	const sg_fontset *table_fs;   /* tables (NULL: fs) */
	const char *lang;             /* "zh-CN", "en", ...: indent and spacing */
	const char *path;             /* the Markdown file, for messages */
	const char *base_dir;         /* images: relative to this folder ... */
	const char *content_dir;      /* ... or to this one (may be NULL) */
	const char *skip_title;       /* drop a first level-1 heading with this text */
	const sg_gen_block *blocks;
	size_t nblocks;
	/* The body area on each page, points from the top-left corner; 0 for
	 * the style's page minus its margins. */
	double x, y, width, height;
	/* Keep every text's lines, for a caller that reads sg_ltext.lines
	 * directly rather than through sg_ltext_open. */
	bool keep_lines;
	/* Lays out a chart node like a generated block (see sg_gen_block),
	 * with chart_arg; NULL: charts are left out, with an error. The
	 * layout draws no chart itself: that is the renderer's (pdf_chart.h). */
	double (*chart)(void *arg, sg_layout_ctx *ctx, const sg_mdchart *chart, double width,
			double max_height);
	void *chart_arg;
	/* Called with each page of the body as soon as it is final, before
	 * the rest is laid out (pages are made as the flow is: paginate.c);
	 * it may draw the page and free its boxes (sg_layout_page_free), so
	 * that a document of thousands of pages holds only a few at once.
	 * The page's headings have their page; a link to a later heading
	 * does not know its page yet. NULL: every page is kept. */
	void (*page_done)(void *arg, sg_layout *l, size_t page);
	void *page_arg;
} sg_layout_opts;

void sg_layout_init(sg_layout *l);
void sg_layout_dispose(sg_layout *l);

/* Lays out the document under root (a DOCUMENT node, only read) into l,
 * which must be freshly initialised. Problems in the content (an image that is
 * missing or not an image, a character no font has) go to d with their
 * line; returns -1 when there was an error (the layout is then whatever
 * could be done). */
int sg_layout_markdown(sg_layout *l, const sg_mdnode *root, const sg_layout_opts *o,
		       sg_diags *d);

/* ---- building blocks, for the engine itself and generated blocks ------- */

/* A new paragraph owned by l, set in fs (runs may name others). */
sg_ltext *sg_layout_new_text(sg_layout *l, const sg_fontset *fs, sg_pos pos);
/* Appends a run. */
void sg_ltext_add(sg_ltext *t, const char *s, size_t len, sg_font_style style, double size,
		  const sg_fontset *fs, sg_run_attr attr);
/* Reads the image file at path, which must not lead out of the folder root
 * (base/confine.h; root NULL: anywhere), checks its header (layout/image.h)
 * and adds it to l's images with its bytes, which the PDF is then made from.
 * Returns its index, or -1 with errno set: ENOENT when there is no such
 * file, EXDEV when path leads outside root (*link as sg_confine_open() sets
 * it), and *why (static text) saying what is wrong with a file that is
 * there but cannot be used. A path read before gives the index it got
 * then: a file shown many times is read and embedded once. */
int sg_layout_image(sg_layout *l, const char *root, const char *path, char **link,
		    const char **why);
/* Appends image (an index into sg_layout.images) drawn w x h points inside
 * a line of text of size points: an unbreakable box of the line, centred on
 * the line's height. */
void sg_ltext_add_image(sg_ltext *t, int image, double w, double h, double size,
			sg_run_attr attr);

/* Inside a generated block: the layout, the style and the fonts. */
sg_layout *sg_layout_ctx_layout(sg_layout_ctx *c);
const sg_layout_opts *sg_layout_ctx_opts(sg_layout_ctx *c);
/* Adds a box to the block (coordinates relative to the block's top left). */
sg_box *sg_layout_ctx_box(sg_layout_ctx *c, sg_box_kind kind, double x, double y, double w,
			  double h);
/* Sets text (UTF-8, one style) at (x, baseline) relative to the block,
 * aligned 'l', 'c' or 'r' on x, never wrapped; returns its width. */
double sg_layout_ctx_text(sg_layout_ctx *c, const char *s, double size, bool bold,
			  uint32_t color, char align, double x, double baseline);

/* ---- pages, outside the body (cover, contents, header and footer) ----- */

/* Appends an empty page and returns its index. */
size_t sg_layout_add_page(sg_layout *l);
/* Lets go of page's boxes (drawn): the page stays, empty. Once every page
 * up to it is let go, so are the chunks of texts only they showed. */
void sg_layout_page_free(sg_layout *l, size_t page);
/* The arena the next text of l goes into, with what it holds: l's own, or
 * its newest chunk's. */
sg_arena *sg_layout_text_arena(sg_layout *l);
/* The texts made so far are shown by no flow item from item_end on (an
 * index counted from the flow's first item): the chunk they are in is
 * closed (new texts start a new one). */
void sg_layout_chunk_close(sg_layout *l, size_t item_end);
/* Page `page` is made, holding flow items up to item_end: the closed
 * chunks shown by no later item know it is their last page. */
void sg_layout_chunk_page(sg_layout *l, size_t page, size_t item_end);
/* Tells d of the characters no font has in l's texts still alive. */
void sg_layout_warn_missing(sg_layout *l, sg_diags *d);
sg_box *sg_layout_page_box(sg_layout *l, size_t page, sg_box_kind kind, double x, double y,
			   double w, double h);
/* Lays out text on one page within width (wrapped, ragged unless justify)
 * with the first baseline at baseline, aligned 'l', 'c' or 'r'; returns the
 * y below its last line. */
double sg_layout_page_text(sg_layout *l, size_t page, sg_ltext *t, double x, double top,
			   double width, double leading, char align);

/* How sg_layout_fit_text set a text. */
typedef struct sg_fit {
	double size;  /* the size it is set at, points */
	size_t lines; /* how many lines it takes */
	bool cut;     /* cut short, with an ellipsis */
	size_t kept;  /* characters shown (before the ellipsis when cut) */
	size_t total; /* characters of the text */
} sg_fit;

/* A new text of l holding s (UTF-8, one style and colour) broken into
 * lines of width that fit max_height, each line size * leading tall: at
 * size when they fit, else at the largest size that fits stepping down a
 * point at a time to min_size; at min_size, cut after the last character
 * the box holds, with "…" in its place (fit.c). Its lines are set, as
 * sg_layout_page_text sets them again at the same width. *out (may be NULL)
 * says how. */
sg_ltext *sg_layout_fit_text(sg_layout *l, const sg_fontset *fs, const char *s,
			     sg_font_style style, uint32_t color, double width, double max_height,
			     double leading, double size, double min_size, sg_fit *out);

/* ---- structure (structure.c) ------------------------------------------ */

/* The name of a role as PDF's standard structure type: "H1", "LBody". */
const char *sg_srole_name(sg_srole role);

/* A new node of l's structure, part of parent (a node id, 0: the
 * document), with alternate text alt (copied; NULL: none). Returns its id.
 * Nodes must be made in reading order. */
int sg_layout_node(sg_layout *l, sg_srole role, int parent, const char *alt);

/* Sets the alternate text of node id (copied). */
void sg_layout_node_alt(sg_layout *l, int node, const char *alt);

/* Gives the text boxes [from, end) of page that have no node the node
 * `node`: what sg_layout_page_text set there. */
void sg_layout_page_node(sg_layout *l, size_t page, size_t from, int node);

/* Inside a generated block: its Figure node, whose alternate text the block
 * sets with sg_layout_node_alt (a chart's, from its data). */
int sg_layout_ctx_node(sg_layout_ctx *c);

/* The structure of l as text for tests: a line per node, indented by depth,
 * with its role, its alternate text in [brackets], and the text its boxes
 * show in reading order ("P: ..."); then the artifacts' text, if any, as
 * "Artifact: ...". */
void sg_layout_dump_structure(const sg_layout *l, sg_buf *out);

/* A text dump of the layout for golden tests: one line per box,
 * "page kind x y w h [text]", lengths rounded to 0.1 pt. */
void sg_layout_dump(const sg_layout *l, sg_buf *out);

#endif
