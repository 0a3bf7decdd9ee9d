#include "render/pdf/pdf_doc.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/path.h"
#include "base/resource.h"
#include "base/url.h"
#include "base/utf8.h"
#include "layout/toc.h"
#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_hint.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_pages.h"
#include "render/pdf/pdf_writer.h"

extern const sg_resource sg_theme_default_files[];

/* Pages from which a document gives its freed heap back once drawn. */
#define S_TRIM_PAGES 64
/* Pages from which a body is drawn as it is laid out (sg_pdf_job.stream_pages). */
#define S_STREAM_PAGES 64

static double S_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- parts */

/* One document being made: its parts, then its PDF. */
typedef struct S_doc {
	const sg_pdf_job *job;
	const sg_style *s; /* the job's, or own_style */
	sg_style own_style;
	bool has_own_style;
	sg_arena arena; /* the title, when it is the first heading's text */
	const sg_fontset *fs, *hfs, *mfs; /* body, headings, code */
	const sg_fontset *tfs;            /* tables */
	const char *lang, *title, *confidential;
	sg_pos pos0; /* the document's first line, for messages */
	sg_layout cover, toc, body;
	sg_toc tocinfo;
	bool has_cover, has_toc;
	int total;       /* pages, all parts */
	int body_offset; /* physical index of body page 0 */
	char *logo;     /* the style's logo in the content folder (heap) */
	sg_ltext *mark; /* the watermark */
	double mark_size;
	uint32_t mark_obj; /* its form XObject, once made */
	sg_ltext *seal_ring, *seal_label; /* the seal's texts, or NULL */
	int seal_im;                      /* its picture in the body's images, or -1 */
	bool sealed;                      /* a seal, drawn or pictured, is on the page */
	size_t seal_page;                 /* the body page it is drawn on */
	double seal_x, seal_y, seal_d;    /* its centre (PDF space) and diameter */
	double seal_line_top;             /* the top of the date line it sits on (PDF space) */
	/* Per physical page, the first of its boxes that are its running
	 * header and footer (drawn as artifacts); SIZE_MAX: none. */
	size_t *chrome_at;
	sg_pdf_chrome_opts chrome;
	/* A long body (S_body_page): laid out once to count its pages, each
	 * page let go as soon as it is made, then again, each page drawn as
	 * soon as it is made. */
	size_t stream_at; /* pages from which it is; SIZE_MAX: never */
	bool stream;      /* the first layout reached stream_at pages */
	int *node_last;   /* per node of the first layout: its last page, -1: none */
	size_t node_last_n;
	sg_heading *heads; /* the first layout's headings, for links to headings not laid out yet */
	size_t nheads;
	int body_pages;        /* pages of the body */
	sg_pdf_painter *bpt;   /* while the body is laid out again: its painter */
	sg_diags *d;           /* where drawing's problems go */
	/* A long body with a kept count (pdf_hint.h) is laid out once, and
	 * drawn with the count's numbers: */
	const sg_pdf_hint *kept; /* the count, or NULL */
	sg_layout counted;       /* its pages and headings, as a layout's (no pages) */
	const sg_layout *count;  /* where pages and headings are counted: body, or counted */
	sg_diags *body_d;        /* where laying out the body tells its problems */
	bool kept_wrong;         /* the layout found other numbers than the count */
	bool kept_checked;       /* it was laid out and found the same */
	int layouts;             /* times the body was laid out */
	sg_mdtree *empty;        /* the body of a job without one */
	const sg_mdnode *root;   /* the body's tree */
	sg_pdf_file *file;
	sg_pdf_fonts *fonts;
	sg_pdf_content c; /* the page being drawn */
} S_doc;

static double S_body_x(const sg_style *s)
{
	return s->margin_left;
}

static double S_body_w(const sg_style *s)
{
	return s->page_width - s->margin_left - s->margin_right;
}

static double S_body_h(const sg_style *s)
{
	return s->page_height - s->margin_top - s->margin_bottom;
}

static int S_fonts(S_doc *x, sg_pos pos, sg_diags *d)
{
	sg_pdf_fontsets sets;
	int rc = sg_pdf_fontsets_get(x->s, pos, &sets, d);
	x->fs = sets.body;
	x->hfs = sets.heading;
	x->mfs = sets.mono;
	x->tfs = sets.table;
	return rc;
}

/* The heading a link "#anchor" names, or NULL: of the body, or when it is
 * drawn as it is laid out, of its first layout (a heading further on is
 * not laid out yet). */
static const sg_heading *S_anchor(const S_doc *x, const char *target)
{
	if (!target || target[0] != '#')
		return NULL;
	const sg_heading *h = x->stream ? x->heads : x->body.headings;
	size_t n = x->stream ? x->nheads : x->body.nheadings;
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].anchor, target + 1) == 0)
			return &h[i];
	return NULL;
}

/* The link annotation of box b of a page of l into *out, part of its Link
 * element (pt's); false when it goes nowhere (an anchor no heading has, a
 * URI the layout refused). */
static bool S_link(S_doc *x, sg_pdf_painter *pt, const sg_layout *l, const sg_box *b,
		   sg_pdf_link *out)
{
	if (b->kind != SG_BOX_LINK || b->index < 0 || (size_t)b->index >= l->nlinks)
		return false;
	const char *target = l->links[b->index].target;
	double H = x->s->page_height;
	*out = (sg_pdf_link){b->x, H - b->y - b->h, b->x + b->w, H - b->y, NULL, 0, 0, 0, 0, NULL};
	out->elem = sg_pdf_tags_elem(pt, l->links[b->index].node);
	if (target[0] == '#') {
		const sg_heading *h = S_anchor(x, target);
		if (!h)
			return false;
		out->page = (size_t)(h->page + x->body_offset);
		out->top = H - h->y + 6;
		out->contents = h->text; /* where it leads: the heading */
		return true;
	}
	/* Checked again here, where every link annotation is made: the layout
	 * already refused the rest with a warning. */
	if (!*target || !sg_url_safe(target, SG_URL_LINK))
		return false;
	out->uri = target;
	out->contents = target;
	return true;
}

/* The link annotations of page pi of l (heap, *n of them). */
static sg_pdf_link *S_links(S_doc *x, sg_pdf_painter *pt, const sg_layout *l, size_t pi,
			    size_t *n)
{
	const sg_lpage *pg = &l->pages[pi];
	sg_pdf_link *links = NULL;
	*n = 0;
	for (size_t i = 0; i < pg->n; i++) {
		sg_pdf_link k;
		if (!S_link(x, pt, l, &pg->boxes[i], &k))
			continue;
		links = sg_xrealloc(links, (*n + 1) * sizeof *links);
		links[(*n)++] = k;
	}
	return links;
}

/* The bookmarks: the body's headings, three levels deep from its top
 * level, each at its heading ([page /XYZ 0 top null]: the reader keeps its
 * zoom); the top level open. */
static void S_outline(S_doc *x)
{
	int parents[7] = {0};
	int min = 7;
	for (size_t i = 0; i < x->body.nheadings; i++)
		if (x->body.headings[i].level < min)
			min = x->body.headings[i].level;
	for (size_t i = 0; i < x->body.nheadings; i++) {
		const sg_heading *h = &x->body.headings[i];
		int depth = h->level - min; /* 0 .. */
		if (depth > 2)
			continue;
		int parent = 0;
		for (int k = depth - 1; k >= 0 && !parent; k--)
			parent = parents[k];
		parents[depth] = sg_pdf_file_outline_add(
			x->file, parent, h->text, (size_t)(h->page + x->body_offset), 0,
			x->s->page_height - h->y + 6, depth == 0);
		for (int k = depth + 1; k < 7; k++)
			parents[k] = 0;
	}
}

/* The style the watermark w is set in: bold when every character of it has
 * a bold face, else regular. The watermark is filled, never stroked: the
 * strokes of a synthetic bold overlap the fill, and drawn translucent they
 * show every contour of the glyphs. */
static sg_font_style S_watermark_style(const sg_fontset *fs, const char *w)
{
	size_t len = strlen(w);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(w + i, len - i, &cp);
		i += k ? k : 1;
		int slot = sg_fontset_choose(fs, cp, SG_FONT_BOLD, NULL);
		if (sg_fontset_slot(fs, slot)->synthetic_bold)
			return SG_FONT_REGULAR;
	}
	return SG_FONT_BOLD;
}

/* The watermark's text, one line of the heading font, sized to run along
 * about half the page's diagonal (at most 72 pt). */
static void S_watermark_layout(S_doc *x)
{
	const char *w = x->job->watermark;
	if (!w || !*w)
		return;
	/* In the cover's layout, which lives while the pages are drawn (a
	 * long body's first layout does not). */
	sg_ltext *t = sg_layout_new_text(&x->cover, x->hfs, sg_pos_make(x->job->path, 0, 0));
	double W = x->s->page_width, H = x->s->page_height;
	double diag = sqrt(W * W + H * H);
	sg_font_style style = S_watermark_style(x->hfs, w);
	double w10 = sg_fontset_measure(x->hfs, w, strlen(w), style, 10);
	double size = w10 > 0 ? fmin(72, 10 * diag * 0.55 / w10) : 48;
	sg_run_attr a = {x->s->watermark, 0, -1};
	sg_ltext_add(t, w, strlen(w), style, size, NULL, a);
	sg_linebreak(&t->lines, &t->para, t->fs, 1e6, false);
	x->mark = t;
	x->mark_size = size;
}

/* Where a seal of diameter d goes on the last body page: see
 * S_seal_layout. last: the page's last line of text. */
static void S_seal_place(S_doc *x, const sg_box *last, double d)
{
	x->sealed = true;
	x->seal_page = x->body.npages - 1;
	x->seal_d = d;
	x->seal_x = last->x + 0.62 * d;
	x->seal_y = x->s->page_height - (last->y + last->h / 2) + 0.05 * d;
	x->seal_line_top = x->s->page_height - last->y;
	/* Never over the footer: up into the foot's lines when the date is
	 * near the bottom. */
	x->seal_y = fmax(x->seal_y, x->s->margin_bottom + d / 2);
}

/* The seal's texts, set in the heading font, and where it goes: centred a
 * little right of the start of the last line of text of the body's last
 * page (the date of the quotation's foot), so that it covers the date's
 * year and month, and a little above that line, so that it reaches over
 * the vendor's name two lines up and not over the notes above. */
static void S_seal_layout(S_doc *x, sg_diags *diags)
{
	const sg_pdf_job *job = x->job;
	bool pic = job->seal_image && *job->seal_image;
	if ((!pic && (!job->seal_text || !*job->seal_text)) || x->body.npages == 0)
		return;
	const sg_lpage *pg = &x->body.pages[x->body.npages - 1];
	const sg_box *last = NULL;
	for (size_t i = 0; i < pg->n; i++)
		if (pg->boxes[i].kind == SG_BOX_TEXT && pg->boxes[i].node)
			last = &pg->boxes[i];
	if (!last)
		return;
	double d = (job->seal_mm > 0 ? job->seal_mm : 42) * 72 / 25.4;
	if (pic) {
		char *link = NULL;
		const char *why = NULL;
		char *file = job->content_dir ? sg_path_join(job->content_dir, job->seal_image)
					       : sg_xstrdup(job->seal_image);
		x->seal_im = sg_layout_image(&x->body, job->content_dir, file, &link, &why);
		free(link);
		free(file);
		if (x->seal_im < 0) {
			/* site.xml's check found it; it changed since, or cannot be
			 * decoded: the quotation goes without a seal. */
			sg_error(diags, sg_pos_make(job->seal_image, 0, 0),
				 "the seal picture cannot be used: %s",
				 why ? why : "no such file in the content folder");
			return;
		}
		S_seal_place(x, last, d);
		return;
	}
	sg_run_attr a = {0, 0, -1};
	sg_font_style style = S_watermark_style(x->hfs, job->seal_text);
	x->seal_ring = sg_layout_new_text(&x->body, x->hfs, sg_pos_make(job->path, 0, 0));
	sg_ltext_add(x->seal_ring, job->seal_text, strlen(job->seal_text), style, 0.13 * d, NULL, a);
	sg_linebreak(&x->seal_ring->lines, &x->seal_ring->para, x->hfs, 1e6, false);
	if (job->seal_label && *job->seal_label) {
		x->seal_label = sg_layout_new_text(&x->body, x->hfs, sg_pos_make(job->path, 0, 0));
		sg_ltext_add(x->seal_label, job->seal_label, strlen(job->seal_label),
			     S_watermark_style(x->hfs, job->seal_label), 0.1 * d, NULL, a);
		sg_linebreak(&x->seal_label->lines, &x->seal_label->para, x->hfs, 1e6, false);
	}
	S_seal_place(x, last, d);
}

/* The visible signature's place and appearance (pdf_sign_look.c). With a
 * seal: right of it, its top level with the top of the date line the seal
 * sits on, so that it reaches down into the empty space under the foot and
 * not up over the signatory's line; clear of the seal's ring, inside the
 * right margin and above the footer; else the signer's default,
 * 60 x 14 mm at the right margin 20 mm up. A box the job gives is kept. */
static void S_sign_look(S_doc *x)
{
	sg_pdf_sign_look *look = x->job->sign;
	if (!look || !look->name)
		return;
	double mm = 72.0 / 25.4, W = x->s->page_width;
	sg_pdf_sign_box *b = &look->box;
	if (b->w <= 0 || b->h <= 0) {
		b->w = 60 * mm;
		b->h = 14 * mm;
		b->x = W - 20 * mm - b->w;
		b->y = 20 * mm;
		if (x->sealed) {
			double right = W - x->s->margin_right;
			b->x = fmin(x->seal_x + x->seal_d / 2 + 4 * mm, right - b->w);
			b->y = fmax(x->seal_line_top - b->h, x->s->margin_bottom);
		}
	}
	look->form = sg_pdf_sign_look_form(x->file, &x->body, x->fs, x->lang, x->pos0, look);
}

/* Draws the seal on its page, under the text as an artifact: black text
 * stays legible through it, as it does through seal ink. */
static void S_seal(S_doc *x, sg_pdf_painter *pt, const sg_layout *l, size_t i)
{
	if (!x->sealed || l != &x->body || i != x->seal_page)
		return;
	if (x->seal_im >= 0) {
		/* The picture seal_d across (its longer side), centred where
		 * the drawn seal would be. */
		const sg_limage *im = &l->images[x->seal_im];
		uint32_t obj = sg_pdf_paint_image(pt, l, x->seal_im);
		if (!obj || im->width <= 0 || im->height <= 0)
			return;
		double k = x->seal_d / fmax(im->width, im->height);
		double w = im->width * k, h = im->height * k;
		sg_pdf_content_artifact_sub(&x->c, "Layout", "Seal");
		sg_pdf_content_image(&x->c, obj, x->seal_x - w / 2, x->seal_y - h / 2, w, h);
		sg_pdf_content_end_marked(&x->c);
		return;
	}
	sg_pdf_content_artifact_sub(&x->c, "Layout", "Seal");
	sg_pdf_seal_draw(&x->c, x->seal_ring, x->seal_label, x->seal_x, x->seal_y, x->seal_d,
			 0xD7141E);
	sg_pdf_content_end_marked(&x->c);
}

/* The watermark's form, drawn by every page: its glyphs' outlines along
 * the page's diagonal, centred. 0: no watermark (or zlib failed). */
static uint32_t S_watermark_form(S_doc *x)
{
	if (!x->mark || x->mark->lines.nlines == 0)
		return 0;
	double W = x->s->page_width, H = x->s->page_height;
	double angle = atan2(H, W);
	double ca = cos(angle), sa = sin(angle);
	double w = x->mark->lines.lines[0].width, s = x->mark_size;
	double x0 = W / 2 - w / 2 * ca + 0.35 * s * sa, y0 = H / 2 - w / 2 * sa - 0.35 * s * ca;
	return sg_pdf_mark_form(x->file, x->mark, x0, y0, angle, W, H);
}

/* Draws the watermark over the page in a light, translucent fill, marked
 * as an artifact (pagination, not content). */
static void S_watermark(S_doc *x)
{
	if (!x->mark_obj)
		return;
	sg_pdf_content_artifact_sub(&x->c, "Pagination", "Watermark");
	sg_pdf_content_save(&x->c);
	sg_pdf_content_gstate(&x->c, sg_pdf_file_alpha(x->file, 0.16, 0.16));
	sg_pdf_content_xobject(&x->c, x->mark_obj);
	sg_pdf_content_restore(&x->c);
	sg_pdf_content_end_marked(&x->c);
}

static const char *S_title(S_doc *x, const sg_mdnode *root, sg_arena *a)
{
	if (x->job->title && *x->job->title)
		return x->job->title;
	const char *t = root ? sg_mdtree_first_heading_text(root, a) : NULL;
	return t ? t : "";
}

/* ---------------------------------------------------------------- the job */

static void S_body_page(void *arg, sg_layout *l, size_t page);

/* 1. The body; returns what sg_layout_markdown returns. */
static int S_layout_body(S_doc *x, const sg_mdnode *root, sg_diags *d)
{
	const sg_pdf_job *job = x->job;
	sg_layout_opts lo = {0};
	lo.style = x->s;
	lo.fs = x->fs;
	lo.heading_fs = x->hfs;
	lo.mono_fs = x->mfs;
	lo.table_fs = x->tfs;
	lo.lang = x->lang;
	lo.path = job->path;
	lo.base_dir = job->base_dir;
	lo.content_dir = job->content_dir;
	lo.skip_title = job->cover ? x->title : NULL;
	lo.blocks = job->blocks;
	lo.nblocks = job->nblocks;
	lo.keep_lines = job->keep_layout;
	lo.chart = sg_pdf_chart_layout;
	lo.page_done = S_body_page;
	lo.page_arg = x;
	x->layouts++;
	return sg_layout_markdown(&x->body, root, &lo, d);
}

/* 2. The contents, when the job wants them and the body has headings. */
static void S_layout_contents(S_doc *x)
{
	const sg_style *s = x->s;
	x->has_toc = x->job->toc == SG_PDF_TOC_ALWAYS ||
		     (x->job->toc == SG_PDF_TOC_AUTO && (int)x->count->nheadings >= s->toc_min);
	if (x->count->nheadings == 0)
		x->has_toc = false;
	if (!x->has_toc)
		return;
	sg_toc_opts to = {s, x->fs, x->hfs, sg_style_label(s, x->lang, "contents", "Contents"),
			  S_body_x(s), s->margin_top, S_body_w(s), S_body_h(s)};
	sg_layout_toc(&x->toc, x->count, &to, &x->tocinfo);
}

/* 3. The cover, when the job has one. Returns -1 when it met an error (a
 * logo from outside the content folder): then no PDF is made. */
static int S_layout_cover(S_doc *x, sg_diags *d)
{
	const sg_pdf_job *job = x->job;
	const sg_style *s = x->s;
	x->has_cover = job->cover;
	if (!x->has_cover)
		return 0;
	const char *logo = job->logo, *logo_root = NULL;
	if (!logo && s->logo && job->content_dir) {
		x->logo = sg_path_join(job->content_dir, s->logo);
		logo = sg_file_exists(x->logo) ? x->logo : NULL;
		logo_root = job->content_dir;
	}
	sg_pdf_cover_opts co = {s, x->fs, x->hfs, job->path, x->title, job->subtitle,
				job->fields, job->nfields, logo, logo_root, x->confidential,
				job->title_pos, job->subtitle_pos, job->field_pos};
	size_t errors = sg_diags_count(d, SG_ERROR);
	sg_pdf_cover(&x->cover, &co, d);
	return sg_diags_count(d, SG_ERROR) > errors ? -1 : 0;
}

/* The running header and footer of page i of l, physical page pi. */
static void S_chrome(S_doc *x, sg_layout *l, size_t i, int pi)
{
	x->chrome_at[pi] = l->pages[i].n;
	sg_pdf_chrome(l, i, &x->chrome, pi + 1, x->total);
}

/* With every part laid out, the total is known: the contents' page numbers,
 * and the running header and footer of every page after the cover. */
static void S_number_pages(S_doc *x)
{
	const sg_style *s = x->s;
	int ncover = (int)x->cover.npages, ntoc = (int)x->toc.npages;
	x->total = ncover + ntoc + (int)x->count->npages;
	x->body_offset = ncover + ntoc;
	if (x->has_toc)
		sg_layout_toc_numbers(&x->toc, x->count, &x->tocinfo, x->fs, s, x->body_offset + 1);
	x->body_pages = (int)x->count->npages;
	x->chrome = (sg_pdf_chrome_opts){s, x->fs, x->job->header ? x->job->header : x->title,
					 sg_style_label(s, x->lang, "page", "Page {page} of {pages}"),
					 x->confidential};
	x->chrome_at = sg_xmalloc(((size_t)x->total + 1) * sizeof *x->chrome_at);
	for (int i = 0; i < ncover; i++)
		x->chrome_at[i] = SIZE_MAX;
	for (size_t i = 0; i < x->toc.npages; i++)
		S_chrome(x, &x->toc, i, ncover + (int)i);
	/* A long body's pages get theirs as they are made again. */
	for (size_t i = 0; !x->stream && i < x->body.npages; i++)
		S_chrome(x, &x->body, i, x->body_offset + (int)i);
}

/* 4. The PDF file with its metadata. */
static void S_open_pdf(S_doc *x, sg_buf *out)
{
	const sg_pdf_job *job = x->job;
	/* Tagged: a structure tree for screen readers and reflow (pdf_tags.c). */
	sg_pdf_file_opts fo = {.date = job->date, .tagged = true, .object_streams = true};
	x->file = sg_pdf_file_new(out, &fo);
	sg_pdf_file_set_info(x->file, SG_PDF_INFO_TITLE, x->title);
	sg_pdf_file_set_info(x->file, SG_PDF_INFO_AUTHOR, job->author);
	sg_pdf_file_set_info(x->file, SG_PDF_INFO_SUBJECT, job->subject);
	sg_pdf_file_set_info(x->file, SG_PDF_INFO_KEYWORDS, job->keywords);
	/* The catalog's language, for screen readers and search. */
	sg_pdf_file_set_lang(x->file, x->lang);
	x->fonts = sg_pdf_fonts_new(x->file);
	sg_pdf_content_init(&x->c);
}

/* Physical page pi, page i of part l: its boxes, the running header and
 * footer as an artifact, the watermark over them, then the page with its
 * links into the file. Returns -1 when zlib fails. */
static int S_page(S_doc *x, sg_pdf_painter *pt, const sg_layout *l, size_t i, int pi)
{
	size_t n = l->pages[i].n, at = x->chrome_at[pi];
	pt->page = (size_t)pi;
	S_seal(x, pt, l, i);
	sg_pdf_paint_boxes(pt, l, i, 0, at < n ? at : n);
	if (at < n) {
		/* The header and footer have no node: artifacts, of pagination. */
		sg_pdf_tags_close(pt);
		pt->artifact = "Pagination";
		sg_pdf_paint_boxes(pt, l, i, at, n);
		pt->artifact = NULL;
	}
	sg_pdf_tags_close(pt);
	S_watermark(x);
	sg_pdf_page page = {x->s->page_width, x->s->page_height, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&x->c, &page);
	page.links = S_links(x, pt, l, i, &page.nlinks);
	int rc = sg_pdf_file_page_add(x->file, &page);
	free((void *)page.links);
	sg_pdf_content_reset(&x->c);
	return rc;
}

/* Page i of l is drawn: its boxes go, unless the job keeps the body's
 * layout (a report of ten thousand rows holds over a hundred thousand). */
static void S_page_free(S_doc *x, sg_layout *l, size_t i)
{
	if (x->job->keep_layout && l == &x->body)
		return;
	sg_layout_page_free(l, i);
}

/* Page i of l, physical page pi, drawn and written with its painter. */
static void S_draw_page(S_doc *x, sg_pdf_painter *pt, sg_layout *l, size_t i, int pi)
{
	if (S_page(x, pt, l, i, pi) < 0) {
		sg_error(pt->d, x->pos0, "zlib cannot compress page %d", pi + 1);
		pt->errors++;
	}
	sg_pdf_tags_page_done(pt, i);
	S_page_free(x, l, i);
}

static sg_pdf_painter S_painter(S_doc *x, sg_pdf_tags *tags, sg_diags *d)
{
	return (sg_pdf_painter){x->file, x->fonts, &x->c, x->s->page_height, NULL, 0, d,
				x->job->path, 0, tags, 0, NULL, 0, 0};
}

/* The structure is ended and the painter's images let go: returns the
 * painter's errors. */
static int S_part_done(sg_pdf_painter *pt)
{
	sg_pdf_tags_finish(pt);
	free(pt->images);
	return pt->errors;
}

/* Part l, whose first page is physical page *pi, drawn (*pi moves on past
 * it), its top nodes parts of element doc. Returns its errors. */
static int S_draw_part(S_doc *x, sg_layout *l, int doc, int *pi, sg_diags *d)
{
	/* Images are per layout: a painter each. */
	sg_pdf_tags tags;
	sg_pdf_tags_init(&tags, l, doc);
	sg_pdf_painter pt = S_painter(x, &tags, d);
	for (size_t i = 0; i < l->npages; i++, (*pi)++)
		S_draw_page(x, &pt, l, i, *pi);
	return S_part_done(&pt);
}

/* The bookmarks, once every page is drawn. */
static void S_outline_done(S_doc *x)
{
	S_outline(x);
	if (x->body.nheadings > 0)
		sg_pdf_file_set_page_mode(x->file, SG_PDF_MODE_OUTLINES);
}

/* 4. The pages, part by part, each written once drawn; the bookmarks.
 * Returns the number of errors (images, fonts, compression). */
static int S_draw(S_doc *x, sg_diags *d)
{
	sg_layout *parts[3] = {&x->cover, &x->toc, &x->body};
	int pi = 0, errors = 0;
	x->mark_obj = S_watermark_form(x);
	/* One document: the cover, the contents and the body are its parts. */
	int doc = sg_pdf_file_struct_add(x->file, 0, "Document", NULL);
	for (int k = 0; k < 3; k++)
		errors += S_draw_part(x, parts[k], doc, &pi, d);
	S_outline_done(x);
	return errors;
}

/* ---------------------------------------------------------------- long bodies */

/* A long body (a report of thousands of pages) is never held whole: its
 * pages are made as its flow is (layout/paginate.c), and each is given to
 * S_body_page as soon as it is final. The first layout keeps each page
 * until the body reaches stream_at pages (a short body is then drawn as
 * it always was); from there on it notes, for the structure tree, which
 * nodes each page shows, and lets the page go. It leaves the number of
 * pages ("Page N of M", the contents' numbers) and where each heading is
 * (links to headings further on). The body is then laid out again, the
 * same, and each page drawn as soon as it is made, and let go: the file
 * is the one a whole layout makes, for about twice the layout's time.
 * What the first layout found is the body's COUNT (pdf_hint.h), which the
 * caller may keep for the next build of the document: given it, the body
 * is laid out once, each page drawn with the count's numbers, and the
 * count that layout makes must be the same bytes, else the file is thrown
 * away and made again the two-layout way (S_draw_kept). */

/* Page i of l: the nodes it shows, for the count. */
static void S_note_nodes(S_doc *x, const sg_layout *l, size_t i)
{
	if (x->node_last_n < l->nnodes) {
		x->node_last = sg_xrealloc(x->node_last, l->nnodes * sizeof *x->node_last);
		for (size_t k = x->node_last_n; k < l->nnodes; k++)
			x->node_last[k] = -1;
		x->node_last_n = l->nnodes;
	}
	const sg_lpage *pg = &l->pages[i];
	for (size_t k = 0; k < pg->n; k++) {
		int node = sg_pdf_tags_content(l, &pg->boxes[k]);
		if (node > 0 && (size_t)node <= l->nnodes)
			x->node_last[node - 1] = (int)i;
	}
}

/* Page i of the first layout l: the nodes it shows, then its boxes go. */
static void S_note_page(S_doc *x, sg_layout *l, size_t i)
{
	S_note_nodes(x, l, i);
	sg_layout_page_free(l, i);
}

/* Page i of the second layout, physical page body_offset + i: its header
 * and footer, the seal on the last, then drawn and let go. */
static void S_stream_page(S_doc *x, size_t i)
{
	int pi = x->body_offset + (int)i;
	if (x->kept)
		S_note_nodes(x, &x->body, i);
	if ((int)i >= x->body_pages) {
		/* A page past the kept count: the count was wrong, and the file
		 * is thrown away. */
		x->kept_wrong = true;
		sg_layout_page_free(&x->body, i);
		return;
	}
	S_chrome(x, &x->body, i, pi);
	if ((int)i + 1 == x->body_pages)
		S_seal_layout(x, x->d);
	S_draw_page(x, x->bpt, &x->body, i, pi);
}

static void S_body_page(void *arg, sg_layout *l, size_t page)
{
	S_doc *x = arg;
	if (x->bpt) {
		S_stream_page(x, page);
		return;
	}
	if (!x->stream && l->npages >= x->stream_at) {
		x->stream = true;
		for (size_t i = 0; i < page; i++)
			S_note_page(x, l, i);
	}
	if (x->stream)
		S_note_page(x, l, page);
}

/* The first layout's headings, copied: links to a heading further on are
 * made before the second layout reaches it. */
static void S_keep_headings(S_doc *x)
{
	x->nheads = x->body.nheadings;
	x->heads = sg_arena_alloc(&x->arena, (x->nheads ? x->nheads : 1) * sizeof *x->heads);
	for (size_t i = 0; i < x->nheads; i++) {
		x->heads[i] = x->body.headings[i];
		x->heads[i].text = sg_arena_strdup(&x->arena, x->heads[i].text);
		x->heads[i].anchor = sg_arena_strdup(&x->arena, x->heads[i].anchor);
	}
}

/* The watermark's form, then the cover and the contents drawn; returns
 * the Document element, of which the body's nodes are parts. */
static int S_draw_front(S_doc *x, int *errors, sg_diags *d)
{
	int pi = 0;
	x->mark_obj = S_watermark_form(x);
	int doc = sg_pdf_file_struct_add(x->file, 0, "Document", NULL);
	*errors += S_draw_part(x, &x->cover, doc, &pi, d);
	*errors += S_draw_part(x, &x->toc, doc, &pi, d);
	return doc;
}

/* The body laid out, each page drawn as soon as it is made, its structure
 * from tags; problems in the content go to ld. Returns the drawing's
 * errors; *body_rc is what laying out returned. */
static int S_draw_body(S_doc *x, sg_pdf_tags *tags, sg_diags *ld, sg_diags *d, int *body_rc)
{
	tags->l = &x->body;
	sg_pdf_painter pt = S_painter(x, tags, d);
	x->bpt = &pt;
	x->d = d;
	*body_rc = S_layout_body(x, x->root, ld);
	x->bpt = NULL;
	return S_part_done(&pt);
}

/* 4, for a long body: the cover and the contents drawn, then the body laid
 * out again, each page drawn as it is made. Returns the number of errors;
 * problems in the content were told by the first layout. */
static int S_draw_streamed(S_doc *x, sg_diags *d)
{
	int errors = 0, rc;
	S_keep_headings(x); /* the contents' links read them */
	int doc = S_draw_front(x, &errors, d);
	sg_pdf_tags tags;
	sg_pdf_tags_init_last(&tags, &x->body, doc, x->node_last);
	if (x->job->hint_out)
		sg_pdf_hint_write(x->job->hint_out, &x->body, x->node_last, x->node_last_n);
	sg_layout_dispose(&x->body);
	sg_layout_init(&x->body);
	x->body.punct = (uint8_t)x->s->punct;
	sg_diags quiet;
	sg_diags_init(&quiet);
	errors += S_draw_body(x, &tags, &quiet, d, &rc);
	sg_diags_dispose(&quiet);
	S_outline_done(x);
	return errors;
}

/* 1, for a long body with a kept count: not laid out yet, its pages and
 * headings are the count's. */
static void S_count_kept(S_doc *x)
{
	const sg_pdf_hint *h = x->kept;
	x->counted.npages = (size_t)h->pages;
	x->counted.headings = h->heads;
	x->counted.nheadings = h->nheads;
	x->count = &x->counted;
	x->heads = h->heads; /* links to headings further on */
	x->nheads = h->nheads;
	x->stream = true;
}

/* 4, for a long body with a kept count: the cover and the contents drawn,
 * then the body laid out once, each page drawn as it is made with the
 * count's numbers, and the count it makes compared with the kept one
 * (x->kept_wrong when it is not the same bytes; the file is then thrown
 * away). Returns the number of errors. */
static int S_draw_kept(S_doc *x, sg_diags *d, int *body_rc)
{
	const sg_pdf_hint *h = x->kept;
	int errors = 0;
	int doc = S_draw_front(x, &errors, d);
	sg_pdf_tags tags;
	sg_pdf_tags_init_kept(&tags, &x->body, doc, h->nnodes, h->roles, h->parents, h->last);
	errors += S_draw_body(x, &tags, x->body_d, d, body_rc);
	sg_buf now;
	sg_buf_init(&now);
	sg_pdf_hint_write(&now, &x->body, x->node_last, x->node_last_n);
	if (now.len != x->job->hint_len || memcmp(now.data, x->job->hint, now.len) != 0)
		x->kept_wrong = true;
	x->kept_checked = !x->kept_wrong;
	if (x->kept_checked) {
		S_outline_done(x);
		if (x->job->hint_out)
			sg_buf_put(x->job->hint_out, now.data, now.len);
	}
	sg_buf_dispose(&now);
	return errors;
}

/* Steps 1 to 3: every part laid out, and the pages numbered. Returns -1
 * when the document must not be made (an error on the cover); *body_rc is
 * what laying out the body returned. */
static int S_lay_out(S_doc *x, sg_diags *d, int *body_rc)
{
	const sg_pdf_job *job = x->job;
	/* A job without a body sets an empty document. */
	x->empty = job->body ? NULL : sg_mdtree_new();
	x->root = job->body ? job->body : x->empty->root;
	x->title = S_title(x, x->root, &x->arena);
	x->confidential = job->confidential
				  ? job->confidential
				  : sg_style_label(x->s, x->lang, "confidential", NULL);
	if (x->kept)
		S_count_kept(x);
	else
		*body_rc = S_layout_body(x, x->root, d);
	S_layout_contents(x);
	if (S_layout_cover(x, d) < 0)
		return -1;
	sg_pdf_warn_missing(&x->cover, x->pos0, d);
	S_number_pages(x);
	S_watermark_layout(x);
	if (!x->stream)
		S_seal_layout(x, d); /* else on the last page, when it is made again */
	return 0;
}

static void S_doc_init(S_doc *x, const sg_pdf_job *job)
{
	memset(x, 0, sizeof *x);
	x->job = job;
	x->seal_im = -1;
	x->has_own_style = !job->style;
	if (x->has_own_style)
		sg_style_init(&x->own_style);
	x->s = job->style ? job->style : &x->own_style;
	x->pos0 = sg_pos_make(job->path, job->first_line > 0 ? job->first_line : 1, 0);
	x->lang = job->lang ? job->lang : "zh-CN";
	x->stream_at = job->keep_layout	    ? SIZE_MAX
		       : job->stream_pages ? job->stream_pages
					    : S_STREAM_PAGES;
	sg_layout_init(&x->cover);
	sg_layout_init(&x->toc);
	sg_layout_init(&x->body);
	x->cover.punct = x->toc.punct = x->body.punct = (uint8_t)x->s->punct;
	x->count = &x->body;
	sg_arena_init(&x->arena);
}

/* Frees all but the body's layout when the job keeps it. */
static void S_doc_dispose(S_doc *x)
{
	sg_pdf_fonts_free(x->fonts);
	sg_pdf_file_free(x->file);
	sg_pdf_content_dispose(&x->c);
	free(x->chrome_at);
	free(x->node_last);
	free(x->logo);
	sg_mdtree_free(x->empty);
	sg_layout_dispose(&x->cover);
	sg_layout_dispose(&x->toc);
	if (x->job->keep_layout && x->job->layout_out)
		*x->job->layout_out = x->body;
	else
		sg_layout_dispose(&x->body);
	sg_arena_dispose(&x->arena);
	if (x->has_own_style)
		sg_style_dispose(&x->own_style);
}

/* One try at the job: with a kept count (t->kept), the body's problems go
 * to t->body_d and t->wrong says whether the count was; t->layouts counts
 * the body's layouts of every try. */
typedef struct S_try {
	const sg_pdf_hint *kept;
	sg_diags *body_d;
	bool wrong;
	int layouts;
} S_try;

static int S_render(sg_buf *out, const sg_pdf_job *job, S_try *t, sg_diags *d)
{
	double t0 = S_ms();
	sg_buf_clear(out);
	if (job->hint_out)
		sg_buf_clear(job->hint_out);
	S_doc x;
	S_doc_init(&x, job);
	x.kept = t->kept;
	x.body_d = t->body_d;
	int rc = -1, body_rc = 0;
	bool made = false;
	if (S_fonts(&x, x.pos0, d) < 0 || S_lay_out(&x, d, &body_rc) < 0)
		goto cleanup;
	double t1 = S_ms();
	/* A long body is laid out again while it is drawn. */
	if (job->laid_out && !x.stream)
		job->laid_out(job->laid_out_arg);

	S_open_pdf(&x, out);
	/* A long document's streams compressed beside its drawing. */
	if (x.stream)
		sg_pdf_file_code_aside(x.file);
	int errors = x.kept     ? S_draw_kept(&x, d, &body_rc)
		     : x.stream ? S_draw_streamed(&x, d)
				: S_draw(&x, d);
	/* A wrong count: the file is thrown away, the tree still needed. */
	if (x.kept_wrong)
		goto cleanup;
	if (job->laid_out && x.stream)
		job->laid_out(job->laid_out_arg);
	S_sign_look(&x);
	size_t most_items = x.body.most_items;
	/* Drawn: the layout goes before the fonts are made. */
	if (!job->keep_layout)
		sg_layout_dispose(&x.body);
#ifdef __GLIBC__
	/* A long document's layout leaves the heap full of holes that the
	 * file's large buffers (mapped on their own) cannot use: given back,
	 * so that they are not added on top of it (the pipeline report at
	 * 10,000 customers: 11 MiB less at its peak). */
	if (x.total >= S_TRIM_PAGES)
		malloc_trim(0);
#endif
	double t2 = S_ms();
	if (sg_pdf_fonts_write(x.fonts, x.pos0, d) < 0)
		goto cleanup;
	if (sg_pdf_file_finish(x.file) < 0) {
		sg_error(d, x.pos0, "the PDF file cannot be finished (zlib failed)");
		goto cleanup;
	}
	if (job->stats) {
		job->stats->pages = x.total;
		sg_pdf_fonts_stats(x.fonts, &job->stats->fonts);
		job->stats->layout_ms = t1 - t0;
		job->stats->draw_ms = t2 - t1;
		job->stats->save_ms = S_ms() - t2;
		job->stats->streamed = x.stream;
		job->stats->most_items = most_items;
		job->stats->layouts = t->layouts + x.layouts;
		job->stats->kept = x.kept != NULL;
	}
	rc = body_rc < 0 || errors ? -1 : 0;
	made = true;
cleanup:
	/* What could be drawn is kept even after an error in the content; a
	 * file that could not be finished is not. */
	if (!made)
		sg_buf_clear(out);
	/* A count found wrong, or a try stopped before the body was laid out
	 * (an error on the cover: the body's problems, told first without a
	 * count, are not told yet): the job is done again without it. */
	t->wrong = x.kept && !x.kept_checked;
	t->layouts += x.layouts;
	S_doc_dispose(&x);
	return rc;
}

/* The count job->hint keeps into *h when the body it counted was long. */
static int S_kept_count(const sg_pdf_job *job, sg_pdf_hint *h)
{
	size_t at = job->stream_pages ? job->stream_pages : S_STREAM_PAGES;
	if (sg_pdf_hint_read(h, job->hint, job->hint_len) < 0 || job->keep_layout ||
	    (size_t)h->pages < at) {
		sg_pdf_hint_dispose(h);
		return -1;
	}
	return 0;
}

int sg_pdf_render_doc(sg_buf *out, const sg_pdf_job *job, sg_diags *d)
{
	S_try t = {0};
	sg_pdf_hint h;
	if (job->hint && S_kept_count(job, &h) == 0) {
		/* The problems in the order the two layouts tell them: the
		 * body's, then the cover's and the drawing's. */
		sg_diags body_d, rest;
		sg_diags_init(&body_d);
		sg_diags_init(&rest);
		body_d.warnings_are_errors = rest.warnings_are_errors = d->warnings_are_errors;
		t.kept = &h;
		t.body_d = &body_d;
		int rc = S_render(out, job, &t, &rest);
		sg_pdf_hint_dispose(&h);
		if (!t.wrong) {
			sg_diags_take(d, &body_d);
			sg_diags_take(d, &rest);
		}
		sg_diags_dispose(&body_d);
		sg_diags_dispose(&rest);
		if (!t.wrong)
			return rc;
		t.kept = NULL;
		t.body_d = NULL;
	}
	return S_render(out, job, &t, d);
}
