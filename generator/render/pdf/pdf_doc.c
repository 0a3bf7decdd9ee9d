#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_doc_int.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/path.h"
#include "base/resource.h"
#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_hint.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_pages.h"

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

static int S_fonts(sg_pdf_making *x, sg_pos pos, sg_diags *d)
{
	sg_pdf_fontsets sets;
	int rc = sg_pdf_fontsets_get(x->s, pos, &sets, d);
	x->fs = sets.body;
	x->hfs = sets.heading;
	x->mfs = sets.mono;
	x->tfs = sets.table;
	return rc;
}

static const char *S_title(sg_pdf_making *x, const sg_mdnode *root, sg_arena *a)
{
	if (x->job->title && *x->job->title)
		return x->job->title;
	const char *t = root ? sg_mdtree_first_heading_text(root, a) : NULL;
	return t ? t : "";
}

/* ---------------------------------------------------------------- the job */

static void S_body_page(void *arg, sg_layout *l, size_t page);

/* 1. The body; returns what sg_layout_markdown returns. */
static int S_layout_body(sg_pdf_making *x, const sg_mdnode *root, sg_diags *d)
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
static void S_layout_contents(sg_pdf_making *x)
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
static int S_layout_cover(sg_pdf_making *x, sg_diags *d)
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
static void S_chrome(sg_pdf_making *x, sg_layout *l, size_t i, int pi)
{
	x->chrome_at[pi] = l->pages[i].n;
	sg_pdf_chrome(l, i, &x->chrome, pi + 1, x->total);
}

/* With every part laid out, the total is known: the contents' page numbers,
 * and the running header and footer of every page after the cover. */
static void S_number_pages(sg_pdf_making *x)
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
static void S_open_pdf(sg_pdf_making *x, sg_buf *out)
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
static int S_page(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l, size_t i, int pi)
{
	size_t n = l->pages[i].n, at = x->chrome_at[pi];
	pt->page = (size_t)pi;
	sg_pdf_making_seal(x, pt, l, i);
	sg_pdf_paint_boxes(pt, l, i, 0, at < n ? at : n);
	if (at < n) {
		/* The header and footer have no node: artifacts, of pagination. */
		sg_pdf_tags_close(pt);
		pt->artifact = "Pagination";
		sg_pdf_paint_boxes(pt, l, i, at, n);
		pt->artifact = NULL;
	}
	sg_pdf_tags_close(pt);
	sg_pdf_making_watermark(x);
	sg_pdf_page page = {x->s->page_width, x->s->page_height, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&x->c, &page);
	page.links = sg_pdf_making_links(x, pt, l, i, &page.nlinks);
	int rc = sg_pdf_file_page_add(x->file, &page);
	free((void *)page.links);
	sg_pdf_content_reset(&x->c);
	return rc;
}

/* Page i of l is drawn: its boxes go, unless the job keeps the body's
 * layout (a report of ten thousand rows holds over a hundred thousand). */
static void S_page_free(sg_pdf_making *x, sg_layout *l, size_t i)
{
	if (x->job->keep_layout && l == &x->body)
		return;
	sg_layout_page_free(l, i);
}

/* Page i of l, physical page pi, drawn and written with its painter. */
static void S_draw_page(sg_pdf_making *x, sg_pdf_painter *pt, sg_layout *l, size_t i, int pi)
{
	if (S_page(x, pt, l, i, pi) < 0) {
		sg_error(pt->d, x->pos0, "zlib cannot compress page %d", pi + 1);
		pt->errors++;
	}
	sg_pdf_tags_page_done(pt, i);
	S_page_free(x, l, i);
}

static sg_pdf_painter S_painter(sg_pdf_making *x, sg_pdf_tags *tags, sg_diags *d)
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
static int S_draw_part(sg_pdf_making *x, sg_layout *l, int doc, int *pi, sg_diags *d)
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
static void S_outline_done(sg_pdf_making *x)
{
	sg_pdf_making_outline(x);
	if (x->body.nheadings > 0)
		sg_pdf_file_set_page_mode(x->file, SG_PDF_MODE_OUTLINES);
}

/* 4. The pages, part by part, each written once drawn; the bookmarks.
 * Returns the number of errors (images, fonts, compression). */
static int S_draw(sg_pdf_making *x, sg_diags *d)
{
	sg_layout *parts[3] = {&x->cover, &x->toc, &x->body};
	int pi = 0, errors = 0;
	x->mark_obj = sg_pdf_making_watermark_form(x);
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
static void S_note_nodes(sg_pdf_making *x, const sg_layout *l, size_t i)
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
static void S_note_page(sg_pdf_making *x, sg_layout *l, size_t i)
{
	S_note_nodes(x, l, i);
	sg_layout_page_free(l, i);
}

/* Page i of the second layout, physical page body_offset + i: its header
 * and footer, the seal on the last, then drawn and let go. */
static void S_stream_page(sg_pdf_making *x, size_t i)
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
		sg_pdf_making_seal_layout(x, x->d);
	S_draw_page(x, x->bpt, &x->body, i, pi);
}

static void S_body_page(void *arg, sg_layout *l, size_t page)
{
	sg_pdf_making *x = arg;
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
static void S_keep_headings(sg_pdf_making *x)
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
static int S_draw_front(sg_pdf_making *x, int *errors, sg_diags *d)
{
	int pi = 0;
	x->mark_obj = sg_pdf_making_watermark_form(x);
	int doc = sg_pdf_file_struct_add(x->file, 0, "Document", NULL);
	*errors += S_draw_part(x, &x->cover, doc, &pi, d);
	*errors += S_draw_part(x, &x->toc, doc, &pi, d);
	return doc;
}

/* The body laid out, each page drawn as soon as it is made, its structure
 * from tags; problems in the content go to ld. Returns the drawing's
 * errors; *body_rc is what laying out returned. */
static int S_draw_body(sg_pdf_making *x, sg_pdf_tags *tags, sg_diags *ld, sg_diags *d, int *body_rc)
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
static int S_draw_streamed(sg_pdf_making *x, sg_diags *d)
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
static void S_count_kept(sg_pdf_making *x)
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
static int S_draw_kept(sg_pdf_making *x, sg_diags *d, int *body_rc)
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
static int S_lay_out(sg_pdf_making *x, sg_diags *d, int *body_rc)
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
	sg_pdf_making_watermark_layout(x);
	if (!x->stream)
		sg_pdf_making_seal_layout(x, d); /* else on the last page, when it is made again */
	return 0;
}

static void S_doc_init(sg_pdf_making *x, const sg_pdf_job *job)
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
static void S_doc_dispose(sg_pdf_making *x)
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
	sg_pdf_making x;
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
	sg_pdf_making_sign_look(&x);
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
