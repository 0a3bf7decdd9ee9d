/*
 * pdf_doc_marks.c - what goes on a document's pages beside its body: the
 * link annotations, the bookmarks, the watermark, the seal and the visible
 * signature's place (see pdf_doc_int.h).
 */
#include "render/pdf/pdf_doc_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/path.h"
#include "base/url.h"
#include "base/utf8.h"

/* The heading a link "#anchor" names, or NULL: of the body, or when it is
 * drawn as it is laid out, of its first layout (a heading further on is
 * not laid out yet). */
static const sg_heading *S_anchor(const sg_pdf_making *x, const char *target)
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
static bool S_link(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l, const sg_box *b,
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
sg_pdf_link *sg_pdf_making_links(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l,
				 size_t pi, size_t *n)
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
void sg_pdf_making_outline(sg_pdf_making *x)
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
void sg_pdf_making_watermark_layout(sg_pdf_making *x)
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
static void S_seal_place(sg_pdf_making *x, const sg_box *last, double d)
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
void sg_pdf_making_seal_layout(sg_pdf_making *x, sg_diags *diags)
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
void sg_pdf_making_sign_look(sg_pdf_making *x)
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
void sg_pdf_making_seal(sg_pdf_making *x, sg_pdf_painter *pt, const sg_layout *l, size_t i)
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
uint32_t sg_pdf_making_watermark_form(sg_pdf_making *x)
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
void sg_pdf_making_watermark(sg_pdf_making *x)
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
