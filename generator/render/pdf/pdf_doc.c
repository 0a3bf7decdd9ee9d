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

typedef struct S_doc {
	const sg_pdf_job *job;
	const sg_style *s;
	const sg_fontset *fs, *hfs, *mfs;
	sg_layout cover, toc, body;
	sg_toc tocinfo;
	bool has_cover, has_toc;
	char *logo;
	sg_ltext *mark; /* the watermark */
	HPDF_MMgr mmgr;
	double mark_size;
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

static HPDF_Destination S_dest(S_doc *x, HPDF_Page *pages, int offset, const sg_heading *h)
{
	HPDF_Page p = pages[h->page + offset];
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

static void S_links(S_doc *x, HPDF_Page page, const sg_layout *l, size_t pi, HPDF_Page *pages,
		    int body_offset)
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
				a = HPDF_Page_CreateLinkAnnot(page, r, S_dest(x, pages, body_offset, h));
		} else if (*target && sg_url_safe(target, SG_URL_LINK)) {
			/* Checked again here, where every link annotation is made:
			 * the layout already refused the rest with a warning. */
			a = HPDF_Page_CreateURILinkAnnot(page, r, target);
		}
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

static void S_outline(S_doc *x, HPDF_Doc doc, HPDF_Page *pages, int offset)
{
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
		HPDF_Outline_SetDestination(o, S_dest(x, pages, offset, h));
		HPDF_Outline_SetOpened(o, depth == 0 ? HPDF_TRUE : HPDF_FALSE);
		parents[depth] = o;
		for (int k = depth + 1; k < 7; k++)
			parents[k] = NULL;
	}
}

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

static void S_watermark(S_doc *x, HPDF_Doc doc, HPDF_Page page, const sg_pdf_fonts *pf)
{
	if (!x->mark || x->mark->lines.nlines == 0)
		return;
	double W = x->s->page_width, H = x->s->page_height;
	double angle = atan2(H, W);
	double ca = cos(angle), sa = sin(angle);
	double w = x->mark->lines.lines[0].width, s = x->mark_size;
	HPDF_ExtGState gs = HPDF_CreateExtGState(doc);
	HPDF_ExtGState_SetAlphaFill(gs, 0.16f);
	HPDF_ExtGState_SetAlphaStroke(gs, 0.16f);
	HPDF_Page_GSave(page);
	HPDF_Page_SetExtGState(page, gs);
	double x0 = W / 2 - w / 2 * ca + 0.35 * s * sa, y0 = H / 2 - w / 2 * sa - 0.35 * s * ca;
	sg_pdf_paint_line(page, pf, x->mark, 0, x0, y0, angle);
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

int sg_pdf_render_doc(sg_buf *out, const sg_pdf_job *job, sg_diags *d)
{
	double t0 = S_ms();
	sg_buf_clear(out);
	S_doc x;
	memset(&x, 0, sizeof x);
	x.job = job;
	sg_style defstyle;
	bool own_style = !job->style;
	if (own_style)
		sg_style_init(&defstyle);
	x.s = job->style ? job->style : &defstyle;
	const sg_style *s = x.s;
	sg_pos pos0 = sg_pos_make(job->path, job->first_line > 0 ? job->first_line : 1, 0);
	sg_layout_init(&x.cover);
	sg_layout_init(&x.toc);
	sg_layout_init(&x.body);
	sg_arena arena;
	sg_arena_init(&arena);
	HPDF_Doc doc = NULL;
	HPDF_Page *pages = NULL;
	sg_pdf_fonts *pf = NULL;
	int rc = -1;
	const char *lang = job->lang ? job->lang : "zh-CN";

	if (S_fonts(&x, pos0, d) < 0)
		goto cleanup;
	/* A job without a body sets an empty document. */
	sg_mdtree *empty = job->body ? NULL : sg_mdtree_new();
	const sg_mdnode *root = job->body ? job->body : empty->root;
	const char *title = S_title(&x, root, &arena);
	const char *confidential = job->confidential
					   ? job->confidential
					   : sg_style_label(s, lang, "confidential", NULL);

	/* 1. The body. */
	sg_layout_opts lo = {0};
	lo.style = s;
	lo.fs = x.fs;
	lo.heading_fs = x.hfs;
	lo.mono_fs = x.mfs;
	lo.lang = lang;
	lo.path = job->path;
	lo.base_dir = job->base_dir;
	lo.content_dir = job->content_dir;
	lo.skip_title = job->cover ? title : NULL;
	lo.blocks = job->blocks;
	lo.nblocks = job->nblocks;
	lo.keep_lines = job->keep_layout;
	lo.chart = sg_pdf_chart_layout;
	int lrc = sg_layout_markdown(&x.body, root, &lo, d);
	sg_mdtree_free(empty);

	/* 2. The contents. */
	x.has_cover = job->cover;
	x.has_toc = job->toc == SG_PDF_TOC_ALWAYS ||
		    (job->toc == SG_PDF_TOC_AUTO && (int)x.body.nheadings >= s->toc_min);
	if (x.body.nheadings == 0)
		x.has_toc = false;
	if (x.has_toc) {
		sg_toc_opts to = {s, x.fs, x.hfs, sg_style_label(s, lang, "contents", "Contents"),
				  S_body_x(s), s->margin_top, S_body_w(s), S_body_h(s)};
		sg_layout_toc(&x.toc, &x.body, &to, &x.tocinfo);
	}
	/* 3. The cover, and the numbers. */
	if (x.has_cover) {
		const char *logo = job->logo, *logo_root = NULL;
		if (!logo && s->logo && job->content_dir) {
			x.logo = sg_path_join(job->content_dir, s->logo);
			logo = sg_file_exists(x.logo) ? x.logo : NULL;
			logo_root = job->content_dir;
		}
		sg_pdf_cover_opts co = {s, x.fs, x.hfs, job->path, title, job->subtitle,
					job->fields, job->nfields, logo, logo_root, confidential,
					job->title_pos, job->subtitle_pos, job->field_pos};
		/* A logo from outside the content folder is an error: no PDF. */
		size_t errors = sg_diags_count(d, SG_ERROR);
		sg_pdf_cover(&x.cover, &co, d);
		if (sg_diags_count(d, SG_ERROR) > errors)
			goto cleanup;
	}
	int ncover = (int)x.cover.npages, ntoc = (int)x.toc.npages;
	int total = ncover + ntoc + (int)x.body.npages;
	int body_offset = ncover + ntoc; /* physical index of body page 0 */
	if (x.has_toc)
		sg_layout_toc_numbers(&x.toc, &x.body, &x.tocinfo, x.fs, s, body_offset + 1);
	sg_pdf_chrome_opts ch = {s, x.fs, job->header ? job->header : title,
				 sg_style_label(s, lang, "page", "Page {page} of {pages}"),
				 confidential};
	for (size_t i = 0; i < x.toc.npages; i++)
		sg_pdf_chrome(&x.toc, i, &ch, ncover + (int)i + 1, total);
	for (size_t i = 0; i < x.body.npages; i++)
		sg_pdf_chrome(&x.body, i, &ch, body_offset + (int)i + 1, total);
	S_watermark_layout(&x);
	double t1 = S_ms();

	/* 4. Fonts, then pages. */
	pf = sg_pdf_fonts_new(x.fs);
	sg_pdf_fonts_add_set(pf, x.hfs);
	sg_pdf_fonts_add_set(pf, x.mfs);
	sg_pdf_use_layout(pf, &x.cover);
	sg_pdf_use_layout(pf, &x.toc);
	sg_pdf_use_layout(pf, &x.body);
	doc = sg_pdf_doc_new(job->date);
	if (!doc) {
		sg_error(d, pos0, "the PDF library cannot create a document");
		goto cleanup;
	}
	S_info(doc, HPDF_INFO_TITLE, "Title", title);
	S_info(doc, HPDF_INFO_AUTHOR, "Author", job->author);
	S_info(doc, HPDF_INFO_SUBJECT, "Subject", job->subject);
	S_info(doc, HPDF_INFO_KEYWORDS, "Keywords", job->keywords);
	x.mmgr = doc->mmgr;
	if (sg_pdf_fonts_embed(pf, doc, pos0, d) < 0)
		goto cleanup;
	/* The catalog's language, for screen readers and search. */
	HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, lang, NULL));

	pages = sg_xcalloc((size_t)total + 1, sizeof *pages);
	for (int i = 0; i < total; i++) {
		pages[i] = HPDF_AddPage(doc);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)s->page_width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)s->page_height);
	}
	sg_pdf_painter pt = {doc, pf, s->page_height, NULL, 0, d, job->path, 0};
	const sg_layout *parts[3] = {&x.cover, &x.toc, &x.body};
	int pi = 0;
	for (int k = 0; k < 3; k++) {
		sg_pdf_painter ppt = pt;
		ppt.images = NULL;
		ppt.nimages = 0;
		for (size_t i = 0; i < parts[k]->npages; i++, pi++) {
			sg_pdf_paint_page(&ppt, pages[pi], parts[k], i);
			S_links(&x, pages[pi], parts[k], i, pages, body_offset);
			S_watermark(&x, doc, pages[pi], pf);
			if (sg_pdf_page_pack(pages[pi]) < 0) {
				sg_error(d, pos0, "zlib cannot compress page %d", pi + 1);
				ppt.errors++;
			}
		}
		free(ppt.images);
		pt.errors += ppt.errors;
	}
	S_outline(&x, doc, pages, body_offset);
	if (x.body.nheadings > 0)
		HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE);
	/* Drawn: the layout goes before the file is put together. */
	if (!job->keep_layout)
		sg_layout_dispose(&x.body);
	if (HPDF_GetError(doc) != HPDF_OK) {
		sg_error(d, pos0, "the PDF library failed while drawing (error %04X)",
			 (unsigned)HPDF_GetError(doc));
		goto cleanup;
	}
	double t2 = S_ms();
	if (sg_pdf_doc_save(doc, out) < 0) {
		sg_error(d, pos0, "the PDF library cannot save the document (error %04X)",
			 (unsigned)HPDF_GetError(doc));
		goto cleanup;
	}
	if (job->stats) {
		job->stats->pages = total;
		sg_pdf_fonts_stats(pf, &job->stats->fonts);
		job->stats->layout_ms = t1 - t0;
		job->stats->draw_ms = t2 - t1;
		job->stats->save_ms = S_ms() - t2;
	}
	rc = lrc < 0 || pt.errors ? -1 : 0;
cleanup:
	if (doc)
		HPDF_Free(doc);
	if (pf)
		sg_pdf_fonts_free(pf);
	free(pages);
	free(x.logo);
	sg_layout_dispose(&x.cover);
	sg_layout_dispose(&x.toc);
	if (job->keep_layout && job->layout_out)
		*job->layout_out = x.body;
	else
		sg_layout_dispose(&x.body);
	sg_arena_dispose(&arena);
	if (own_style)
		sg_style_dispose(&defstyle);
	return rc;
}
