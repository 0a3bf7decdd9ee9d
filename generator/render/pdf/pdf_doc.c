#include "render/pdf/pdf_doc.h"

#include <hpdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/resource.h"
#include "base/url.h"
#include "base/utf8.h"
#include "layout/toc.h"
#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_pages.h"
#include "render/pdf/pdf_writer.h"

extern const sg_resource sg_theme_default_files[];

static double S_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- text strings */

int sg_pdf_set_text(HPDF_Doc doc, HPDF_Dict dict, const char *key, const char *s)
{
	size_t len = strlen(s);
	unsigned char *u = sg_xmalloc(2 + len * 4);
	size_t n = 0;
	u[n++] = 0xFE;
	u[n++] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		i += k;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			u[n++] = (unsigned char)(hi >> 8);
			u[n++] = (unsigned char)hi;
			u[n++] = (unsigned char)(lo >> 8);
			u[n++] = (unsigned char)lo;
		} else {
			u[n++] = (unsigned char)(cp >> 8);
			u[n++] = (unsigned char)cp;
		}
	}
	/* A binary object is written as a hexadecimal string, which with the
	 * byte order mark is a UTF-16BE text string. */
	HPDF_Binary bin = HPDF_Binary_New(doc->mmgr, u, (HPDF_UINT)n);
	free(u);
	if (!bin)
		return -1;
	return HPDF_Dict_Add(dict, key, bin) == HPDF_OK ? 0 : -1;
}

static bool S_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void S_info(HPDF_Doc doc, HPDF_InfoType type, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	HPDF_SetInfoAttr(doc, type, S_ascii(v) ? v : "-");
	if (!S_ascii(v) && doc->info)
		sg_pdf_set_text(doc, doc->info, key, v);
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
	HPDF_Doc doc;
	HPDF_MMgr mmgr;   /* doc's */
	HPDF_Page *pages; /* total of them */
	sg_pdf_fonts *pf;
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

/* Where the style names a family: a family that is not installed is the
 * theme's problem, reported once at its pdf.yaml line rather than in every
 * document (pos, when the family is a default). */
static sg_pos S_at(sg_pos at, sg_pos pos)
{
	return at.path ? at : pos;
}

static int S_fonts(S_doc *x, sg_pos pos, sg_diags *d)
{
	const sg_style *s = x->s;
	sg_pos cjk = S_at(s->font_cjk_at, pos);
	x->fs = sg_fontset_get_at(s->font_latin, S_at(s->font_latin_at, pos), s->font_cjk, cjk, d);
	x->hfs = sg_fontset_get_at(s->font_heading_latin, S_at(s->font_heading_latin_at, pos),
				   s->font_heading_cjk, S_at(s->font_heading_cjk_at, pos), d);
	x->mfs = sg_fontset_get_at(s->font_mono, S_at(s->font_mono_at, pos), s->font_cjk, cjk, d);
	return x->fs && x->hfs && x->mfs ? 0 : -1;
}

/* The heading a link "#anchor" names, or NULL. */
static const sg_heading *S_anchor(const sg_layout *body, const char *target)
{
	if (!target || target[0] != '#')
		return NULL;
	for (size_t i = 0; i < body->nheadings; i++)
		if (strcmp(body->headings[i].anchor, target + 1) == 0)
			return &body->headings[i];
	return NULL;
}

/* Where heading h of the body is, at its page's physical index. */
static HPDF_Destination S_dest(S_doc *x, const sg_heading *h)
{
	HPDF_Page p = x->pages[h->page + x->body_offset];
	HPDF_Destination dst = HPDF_Page_CreateDestination(p);
	double top = x->s->page_height - h->y + 6;
	/* [page /XYZ left top null]: a null zoom keeps the reader's zoom, which
	 * HPDF_Destination_SetXYZ cannot write. */
	HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)top, 1);
	HPDF_Array arr = (HPDF_Array)dst;
	HPDF_Array_Clear(arr);
	HPDF_Array_Add(arr, p);
	HPDF_Array_AddName(arr, "XYZ");
	HPDF_Array_AddReal(arr, 0);
	HPDF_Array_AddReal(arr, (HPDF_REAL)top);
	HPDF_Array_Add(arr, HPDF_Null_New(x->mmgr));
	return dst;
}

/* The link annotations of page pi of l, drawn on page. */
static void S_links(S_doc *x, HPDF_Page page, const sg_layout *l, size_t pi)
{
	const sg_lpage *pg = &l->pages[pi];
	double H = x->s->page_height;
	for (size_t i = 0; i < pg->n; i++) {
		const sg_box *b = &pg->boxes[i];
		if (b->kind != SG_BOX_LINK || b->index < 0 || (size_t)b->index >= l->nlinks)
			continue;
		const char *target = l->links[b->index].target;
		HPDF_Rect r = {(HPDF_REAL)b->x, (HPDF_REAL)(H - b->y - b->h), (HPDF_REAL)(b->x + b->w),
			       (HPDF_REAL)(H - b->y)};
		HPDF_Annotation a = NULL;
		if (target[0] == '#') {
			const sg_heading *h = S_anchor(&x->body, target);
			if (h)
				a = HPDF_Page_CreateLinkAnnot(page, r, S_dest(x, h));
		} else if (*target && sg_url_safe(target, SG_URL_LINK)) {
			/* Checked again here, where every link annotation is made:
			 * the layout already refused the rest with a warning. */
			a = HPDF_Page_CreateURILinkAnnot(page, r, target);
		}
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

/* The bookmarks: the body's headings, three levels deep from its top level. */
static void S_outline(S_doc *x)
{
	HPDF_Doc doc = x->doc;
	HPDF_Outline parents[7] = {NULL};
	int min = 7;
	for (size_t i = 0; i < x->body.nheadings; i++)
		if (x->body.headings[i].level < min)
			min = x->body.headings[i].level;
	for (size_t i = 0; i < x->body.nheadings; i++) {
		const sg_heading *h = &x->body.headings[i];
		int depth = h->level - min; /* 0 .. */
		if (depth > 2)
			continue;
		HPDF_Outline parent = NULL;
		for (int k = depth - 1; k >= 0 && !parent; k--)
			parent = parents[k];
		HPDF_Outline o = HPDF_CreateOutline(doc, parent, "-", NULL);
		if (!o)
			continue;
		sg_pdf_set_text(doc, (HPDF_Dict)o, "Title", h->text);
		HPDF_Outline_SetDestination(o, S_dest(x, h));
		HPDF_Outline_SetOpened(o, depth == 0 ? HPDF_TRUE : HPDF_FALSE);
		parents[depth] = o;
		for (int k = depth + 1; k < 7; k++)
			parents[k] = NULL;
	}
}

/* The watermark's text, one line in bold of the heading font, sized to
 * run along about half the page's diagonal (at most 72 pt). */
static void S_watermark_layout(S_doc *x)
{
	const char *w = x->job->watermark;
	if (!w || !*w)
		return;
	sg_ltext *t = sg_layout_new_text(&x->body, x->hfs, sg_pos_make(x->job->path, 0, 0));
	double W = x->s->page_width, H = x->s->page_height;
	double diag = sqrt(W * W + H * H);
	double w10 = sg_fontset_measure(x->hfs, w, strlen(w), SG_FONT_BOLD, 10);
	double size = w10 > 0 ? fmin(72, 10 * diag * 0.55 / w10) : 48;
	sg_run_attr a = {x->s->watermark, 0, -1};
	sg_ltext_add(t, w, strlen(w), SG_FONT_BOLD, size, NULL, a);
	sg_linebreak(&t->lines, &t->para, t->fs, 1e6, false);
	x->mark = t;
	x->mark_size = size;
}

/* Draws the watermark faintly across page, centred on its diagonal. */
static void S_watermark(S_doc *x, HPDF_Page page)
{
	if (!x->mark || x->mark->lines.nlines == 0)
		return;
	double W = x->s->page_width, H = x->s->page_height;
	double angle = atan2(H, W);
	double ca = cos(angle), sa = sin(angle);
	double w = x->mark->lines.lines[0].width, s = x->mark_size;
	HPDF_ExtGState gs = HPDF_CreateExtGState(x->doc);
	HPDF_ExtGState_SetAlphaFill(gs, 0.16f);
	HPDF_ExtGState_SetAlphaStroke(gs, 0.16f);
	HPDF_Page_GSave(page);
	HPDF_Page_SetExtGState(page, gs);
	double x0 = W / 2 - w / 2 * ca + 0.35 * s * sa, y0 = H / 2 - w / 2 * sa - 0.35 * s * ca;
	sg_pdf_paint_line(page, x->pf, x->mark, 0, x0, y0, angle);
	HPDF_Page_GRestore(page);
}

static const char *S_title(S_doc *x, const sg_mdnode *root, sg_arena *a)
{
	if (x->job->title && *x->job->title)
		return x->job->title;
	const char *t = root ? sg_mdtree_first_heading_text(root, a) : NULL;
	return t ? t : "";
}

/* ---------------------------------------------------------------- the job */

/* 1. The body; returns what sg_layout_markdown returns. */
static int S_layout_body(S_doc *x, const sg_mdnode *root, sg_diags *d)
{
	const sg_pdf_job *job = x->job;
	sg_layout_opts lo = {0};
	lo.style = x->s;
	lo.fs = x->fs;
	lo.heading_fs = x->hfs;
	lo.mono_fs = x->mfs;
	lo.lang = x->lang;
	lo.path = job->path;
	lo.base_dir = job->base_dir;
	lo.content_dir = job->content_dir;
	lo.skip_title = job->cover ? x->title : NULL;
	lo.blocks = job->blocks;
	lo.nblocks = job->nblocks;
	lo.keep_lines = job->keep_layout;
	lo.chart = sg_pdf_chart_layout;
	return sg_layout_markdown(&x->body, root, &lo, d);
}

/* 2. The contents, when the job wants them and the body has headings. */
static void S_layout_contents(S_doc *x)
{
	const sg_style *s = x->s;
	x->has_toc = x->job->toc == SG_PDF_TOC_ALWAYS ||
		     (x->job->toc == SG_PDF_TOC_AUTO && (int)x->body.nheadings >= s->toc_min);
	if (x->body.nheadings == 0)
		x->has_toc = false;
	if (!x->has_toc)
		return;
	sg_toc_opts to = {s, x->fs, x->hfs, sg_style_label(s, x->lang, "contents", "Contents"),
			  S_body_x(s), s->margin_top, S_body_w(s), S_body_h(s)};
	sg_layout_toc(&x->toc, &x->body, &to, &x->tocinfo);
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

/* With every part laid out, the total is known: the contents' page numbers,
 * and the running header and footer of every page after the cover. */
static void S_number_pages(S_doc *x)
{
	const sg_style *s = x->s;
	int ncover = (int)x->cover.npages, ntoc = (int)x->toc.npages;
	x->total = ncover + ntoc + (int)x->body.npages;
	x->body_offset = ncover + ntoc;
	if (x->has_toc)
		sg_layout_toc_numbers(&x->toc, &x->body, &x->tocinfo, x->fs, s, x->body_offset + 1);
	sg_pdf_chrome_opts ch = {s, x->fs, x->job->header ? x->job->header : x->title,
				 sg_style_label(s, x->lang, "page", "Page {page} of {pages}"),
				 x->confidential};
	for (size_t i = 0; i < x->toc.npages; i++)
		sg_pdf_chrome(&x->toc, i, &ch, ncover + (int)i + 1, x->total);
	for (size_t i = 0; i < x->body.npages; i++)
		sg_pdf_chrome(&x->body, i, &ch, x->body_offset + (int)i + 1, x->total);
}

/* 4. The PDF document with its metadata and one font subset per face that
 * the parts use. Returns -1 after an error. */
static int S_open_pdf(S_doc *x, sg_diags *d)
{
	const sg_pdf_job *job = x->job;
	x->pf = sg_pdf_fonts_new(x->fs);
	sg_pdf_fonts_add_set(x->pf, x->hfs);
	sg_pdf_fonts_add_set(x->pf, x->mfs);
	sg_pdf_use_layout(x->pf, &x->cover);
	sg_pdf_use_layout(x->pf, &x->toc);
	sg_pdf_use_layout(x->pf, &x->body);
	x->doc = sg_pdf_doc_new(job->date);
	if (!x->doc) {
		sg_error(d, x->pos0, "the PDF library cannot create a document");
		return -1;
	}
	HPDF_Doc doc = x->doc;
	S_info(doc, HPDF_INFO_TITLE, "Title", x->title);
	S_info(doc, HPDF_INFO_AUTHOR, "Author", job->author);
	S_info(doc, HPDF_INFO_SUBJECT, "Subject", job->subject);
	S_info(doc, HPDF_INFO_KEYWORDS, "Keywords", job->keywords);
	x->mmgr = doc->mmgr;
	if (sg_pdf_fonts_embed(x->pf, doc, x->pos0, d) < 0)
		return -1;
	/* The catalog's language, for screen readers and search. */
	HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, x->lang, NULL));
	return 0;
}

/* Then the pages, part by part, each compressed once drawn; the bookmarks.
 * Returns the number of errors (images, compression). */
static int S_draw(S_doc *x, sg_diags *d)
{
	const sg_style *s = x->s;
	x->pages = sg_xcalloc((size_t)x->total + 1, sizeof *x->pages);
	for (int i = 0; i < x->total; i++) {
		x->pages[i] = HPDF_AddPage(x->doc);
		HPDF_Page_SetWidth(x->pages[i], (HPDF_REAL)s->page_width);
		HPDF_Page_SetHeight(x->pages[i], (HPDF_REAL)s->page_height);
	}
	const sg_layout *parts[3] = {&x->cover, &x->toc, &x->body};
	int pi = 0, errors = 0;
	for (int k = 0; k < 3; k++) {
		/* Images are per layout: a painter each. */
		sg_pdf_painter pt = {x->doc, x->pf, s->page_height, NULL, 0, d, x->job->path, 0};
		for (size_t i = 0; i < parts[k]->npages; i++, pi++) {
			HPDF_Page page = x->pages[pi];
			sg_pdf_paint_page(&pt, page, parts[k], i);
			S_links(x, page, parts[k], i);
			S_watermark(x, page);
			if (sg_pdf_page_pack(page) < 0) {
				sg_error(d, x->pos0, "zlib cannot compress page %d", pi + 1);
				pt.errors++;
			}
		}
		free(pt.images);
		errors += pt.errors;
	}
	S_outline(x);
	if (x->body.nheadings > 0)
		HPDF_SetPageMode(x->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	return errors;
}

/* Steps 1 to 3: every part laid out, and the pages numbered. Returns -1
 * when the document must not be made (an error on the cover); *body_rc is
 * what laying out the body returned. */
static int S_lay_out(S_doc *x, sg_diags *d, int *body_rc)
{
	const sg_pdf_job *job = x->job;
	/* A job without a body sets an empty document. */
	sg_mdtree *empty = job->body ? NULL : sg_mdtree_new();
	const sg_mdnode *root = job->body ? job->body : empty->root;
	x->title = S_title(x, root, &x->arena);
	x->confidential = job->confidential
				  ? job->confidential
				  : sg_style_label(x->s, x->lang, "confidential", NULL);
	*body_rc = S_layout_body(x, root, d);
	sg_mdtree_free(empty);
	S_layout_contents(x);
	if (S_layout_cover(x, d) < 0)
		return -1;
	S_number_pages(x);
	S_watermark_layout(x);
	return 0;
}

static void S_doc_init(S_doc *x, const sg_pdf_job *job)
{
	memset(x, 0, sizeof *x);
	x->job = job;
	x->has_own_style = !job->style;
	if (x->has_own_style)
		sg_style_init(&x->own_style);
	x->s = job->style ? job->style : &x->own_style;
	x->pos0 = sg_pos_make(job->path, job->first_line > 0 ? job->first_line : 1, 0);
	x->lang = job->lang ? job->lang : "zh-CN";
	sg_layout_init(&x->cover);
	sg_layout_init(&x->toc);
	sg_layout_init(&x->body);
	x->cover.punct = x->toc.punct = x->body.punct = (uint8_t)x->s->punct;
	sg_arena_init(&x->arena);
}

/* Frees all but the body's layout when the job keeps it. */
static void S_doc_dispose(S_doc *x)
{
	if (x->doc)
		HPDF_Free(x->doc);
	if (x->pf)
		sg_pdf_fonts_free(x->pf);
	free(x->pages);
	free(x->logo);
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

int sg_pdf_render_doc(sg_buf *out, const sg_pdf_job *job, sg_diags *d)
{
	double t0 = S_ms();
	sg_buf_clear(out);
	S_doc x;
	S_doc_init(&x, job);
	int rc = -1, body_rc = 0;
	if (S_fonts(&x, x.pos0, d) < 0 || S_lay_out(&x, d, &body_rc) < 0)
		goto cleanup;
	double t1 = S_ms();

	if (S_open_pdf(&x, d) < 0)
		goto cleanup;
	int errors = S_draw(&x, d);
	/* Drawn: the layout goes before the file is put together. */
	if (!job->keep_layout)
		sg_layout_dispose(&x.body);
	if (HPDF_GetError(x.doc) != HPDF_OK) {
		sg_error(d, x.pos0, "the PDF library failed while drawing (error %04X)",
			 (unsigned)HPDF_GetError(x.doc));
		goto cleanup;
	}
	double t2 = S_ms();
	if (sg_pdf_doc_save(x.doc, out) < 0) {
		sg_error(d, x.pos0, "the PDF library cannot save the document (error %04X)",
			 (unsigned)HPDF_GetError(x.doc));
		goto cleanup;
	}
	if (job->stats) {
		job->stats->pages = x.total;
		sg_pdf_fonts_stats(x.pf, &job->stats->fonts);
		job->stats->layout_ms = t1 - t0;
		job->stats->draw_ms = t2 - t1;
		job->stats->save_ms = S_ms() - t2;
	}
	rc = body_rc < 0 || errors ? -1 : 0;
cleanup:
	S_doc_dispose(&x);
	return rc;
}
