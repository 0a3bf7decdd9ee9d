/*
 * pdf_pages.c - the pages around the body: the cover, and the running header
 * and footer of every other page.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "layout/image.h"
#include "render/pdf/pdf_pages.h"

static sg_ltext *S_text(sg_layout *l, const sg_fontset *fs, const char *s, sg_font_style st,
			double size, uint32_t color)
{
	sg_ltext *t = sg_layout_new_text(l, fs, sg_pos_make(NULL, 0, 0));
	sg_run_attr a = {color, 0, -1};
	sg_ltext_add(t, s, strlen(s), st, size, NULL, a);
	return t;
}

/* Replaces {page} and {pages} in a label. */
void sg_pdf_label_format(sg_buf *out, const char *label, int page, int pages)
{
	for (const char *p = label; *p;) {
		if (strncmp(p, "{page}", 6) == 0) {
			sg_buf_printf(out, "%d", page);
			p += 6;
		} else if (strncmp(p, "{pages}", 7) == 0) {
			sg_buf_printf(out, "%d", pages);
			p += 7;
		} else {
			sg_buf_putc(out, *p++);
		}
	}
}

static int S_logo(sg_layout *l, const char *path, sg_diags *d, sg_pos pos)
{
	int type, w, h;
	const char *why;
	if (sg_image_probe_file(path, &type, &w, &h, &why) < 0) {
		sg_warning(d, pos, "cover logo %s: %s; the cover is set without it", path, why);
		return -1;
	}
	if (l->nimages == l->images_cap) {
		l->images_cap = l->images_cap ? l->images_cap * 2 : 4;
		l->images = sg_xrealloc(l->images, l->images_cap * sizeof *l->images);
	}
	sg_limage *im = &l->images[l->nimages];
	im->path = sg_arena_strdup(&l->arena, path);
	im->type = type;
	im->width = w;
	im->height = h;
	im->name = NULL;
	im->pos = sg_pos_make(im->path, 0, 0);
	return (int)l->nimages++;
}

void sg_pdf_cover(sg_layout *l, const sg_pdf_cover_opts *o, sg_diags *d)
{
	const sg_style *s = o->style;
	size_t pg = sg_layout_add_page(l);
	double W = s->page_width, H = s->page_height;
	double x = s->margin_left, width = W - s->margin_left - s->margin_right;

	/* A band of the accent colour across the top edge. */
	sg_layout_page_box(l, pg, SG_BOX_FILL, 0, 0, W, 14)->color = s->accent;

	double y = s->margin_top;
	if (o->logo) {
		int im = S_logo(l, o->logo, d, sg_pos_make(o->path, 0, 0));
		if (im >= 0) {
			double lh = 42, lw = lh * l->images[im].width / l->images[im].height;
			if (lw > width / 2) {
				lw = width / 2;
				lh = lw * l->images[im].height / l->images[im].width;
			}
			sg_layout_page_box(l, pg, SG_BOX_IMAGE, x, y, lw, lh)->index = im;
		}
	}

	/* The title a third of the way down, a short accent rule under it. */
	y = H * 0.34;
	sg_ltext *t = S_text(l, o->heading_fs, o->title, SG_FONT_BOLD, s->cover_title_size,
			     s->accent);
	y = sg_layout_page_text(l, pg, t, x, y, width, 1.3, 'l');
	y += 14;
	sg_box *r = sg_layout_page_box(l, pg, SG_BOX_FILL, x, y, 64, 3.5);
	r->color = s->accent;
	y += 3.5 + 16;
	if (o->subtitle && *o->subtitle) {
		sg_ltext *st = S_text(l, o->fs, o->subtitle, SG_FONT_REGULAR, s->cover_subtitle_size,
				      s->muted);
		y = sg_layout_page_text(l, pg, st, x, y, width, 1.45, 'l');
	}

	/* The fields as a small ruled table in the lower part of the page. */
	if (o->nfields > 0) {
		double size = 11.5, lh = size * 2.1;
		double labw = 0;
		sg_ltext **labs = sg_xcalloc(o->nfields, sizeof *labs);
		for (size_t i = 0; i < o->nfields; i++) {
			labs[i] = S_text(l, o->fs, o->fields[i].label, SG_FONT_REGULAR, size, s->muted);
			sg_linebreak(&labs[i]->lines, &labs[i]->para, o->fs, 1000, false);
			if (labs[i]->lines.nlines > 0)
				labw = fmax(labw, labs[i]->lines.lines[0].width);
		}
		labw = fmin(labw + size * 2, width / 3);
		double fy = fmax(y + 40, H * 0.60);
		double room = H - s->margin_bottom - 30 - fy;
		if (room < lh * (double)o->nfields)
			fy = fmax(y + 20, H - s->margin_bottom - 30 - lh * (double)o->nfields);
		sg_box *top = sg_layout_page_box(l, pg, SG_BOX_RULE, x, fy, width, 0);
		top->color = s->accent;
		top->stroke = 0.8;
		for (size_t i = 0; i < o->nfields; i++) {
			double rowy = fy + 0.3 * size;
			sg_layout_page_text(l, pg, labs[i], x, rowy, labw, 1.6, 'l');
			sg_ltext *v = S_text(l, o->fs, o->fields[i].value ? o->fields[i].value : "",
					     SG_FONT_REGULAR, size, s->body.color);
			double ny = sg_layout_page_text(l, pg, v, x + labw, rowy, width - labw, 1.6,
							'l');
			fy = fmax(ny + 0.3 * size, fy + lh);
			sg_box *rule = sg_layout_page_box(l, pg, SG_BOX_RULE, x, fy, width, 0);
			rule->color = s->rule;
			rule->stroke = 0.4;
		}
		free(labs);
	}

	if (o->confidential && *o->confidential) {
		sg_ltext *c = S_text(l, o->fs, o->confidential, SG_FONT_REGULAR, s->header.size,
				     s->muted);
		sg_layout_page_text(l, pg, c, x, H - s->margin_bottom + 10, width, 1.3, 'c');
	}
}

void sg_pdf_chrome(sg_layout *l, size_t pg, const sg_pdf_chrome_opts *o, int page, int pages)
{
	const sg_style *s = o->style;
	double x = s->margin_left, width = s->page_width - s->margin_left - s->margin_right;
	double size = s->header.size, lh = size * s->header.leading;
	uint32_t c = s->header.color;

	/* Header: the title flush left on a rule above the body. */
	double hy = s->margin_top - s->header_offset - lh;
	if (o->header && *o->header) {
		sg_ltext *t = S_text(l, o->fs, o->header, SG_FONT_REGULAR, size, c);
		sg_linebreak(&t->lines, &t->para, t->fs, width, false);
		/* One line only: a long title is cut with an ellipsis. */
		if (t->lines.nlines > 1) {
			const sg_line *ln = &t->lines.lines[0];
			size_t end = ln->end > ln->first + 2 ? ln->end - 2 : ln->end;
			const sg_item *last = &t->lines.items[end - 1];
			sg_buf cut;
			sg_buf_init(&cut);
			sg_buf_put(&cut, t->lines.text.data, last->off + last->len);
			sg_buf_puts(&cut, "\xE2\x80\xA6");
			t = S_text(l, o->fs, cut.data, SG_FONT_REGULAR, size, c);
			sg_buf_dispose(&cut);
		}
		sg_layout_page_text(l, pg, t, x, hy, width, s->header.leading, 'l');
	}
	sg_box *hr = sg_layout_page_box(l, pg, SG_BOX_RULE, x, hy + lh + 2, width, 0);
	hr->color = s->rule;
	hr->stroke = 0.5;

	/* Footer: a rule, the confidentiality line left, the page right. */
	double fy = s->page_height - s->margin_bottom + s->footer_offset - lh;
	sg_box *fr = sg_layout_page_box(l, pg, SG_BOX_RULE, x, fy - 2, width, 0);
	fr->color = s->rule;
	fr->stroke = 0.5;
	sg_buf b;
	sg_buf_init(&b);
	sg_pdf_label_format(&b, o->page_label, page, pages);
	sg_ltext *pt = S_text(l, o->fs, b.data, SG_FONT_REGULAR, size, c);
	sg_buf_dispose(&b);
	sg_linebreak(&pt->lines, &pt->para, pt->fs, width, false);
	double pw = pt->lines.nlines ? pt->lines.lines[0].width : 0;
	sg_layout_page_text(l, pg, pt, x + width - pw - 1, fy, pw + 1, s->header.leading, 'r');
	if (o->confidential && *o->confidential) {
		sg_ltext *ct = S_text(l, o->fs, o->confidential, SG_FONT_REGULAR, size, c);
		sg_layout_page_text(l, pg, ct, x, fy, width - pw - size * 2, s->header.leading, 'l');
	}
}
