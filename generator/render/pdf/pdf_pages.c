/*
 * pdf_pages.c - the pages around the body: the cover, and the running header
 * and footer of every other page.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/confine.h"
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

/* The logo's index in l's images, or -1. */
static int S_logo(sg_layout *l, const sg_pdf_cover_opts *o, sg_diags *d)
{
	char *link = NULL;
	const char *why;
	int im = sg_layout_image(l, o->logo_root, o->logo, &link, &why);
	if (im < 0 && errno == EXDEV) {
		/* At the logo's file: every PDF meets the same problem, which is
		 * then printed once. A path that climbs out is the style's. */
		const char *what = NULL;
		if (!link && o->style->logo)
			what = sg_arena_printf(&l->arena, "cover.logo '%s' of pdf.yaml", o->style->logo);
		sg_confine_error(d, sg_pos_make(o->logo, 0, 0), what, SG_CONFINE_CONTENT, link);
	} else if (im < 0) {
		sg_warning(d, sg_pos_make(o->path, 0, 0),
			   "cover logo %s: %s; the cover is set without it", o->logo,
			   why ? why : strerror(errno));
	}
	free(link);
	return im;
}

/* The height of t's lines at leading. */
static double S_height(const sg_ltext *t, double leading)
{
	double h = 0;
	for (size_t i = 0; i < t->lines.nlines; i++)
		h += t->lines.lines[i].height * leading;
	return h;
}

/* Where a cover text came from, for a warning: pos, else the document. */
static sg_pos S_source(const sg_pdf_cover_opts *o, sg_pos pos)
{
	return pos.path ? pos : sg_pos_make(o->path, 0, 0);
}

/* A field's value: at most SG_COVER_FIELD_LINES lines. */
static sg_ltext *S_field_value(sg_layout *l, const sg_pdf_cover_opts *o, size_t i, double size,
			       double width, sg_diags *d)
{
	const sg_pdf_field *f = &o->fields[i];
	sg_fit fit;
	sg_ltext *v = sg_layout_fit_text(l, o->fs, f->value ? f->value : "", SG_FONT_REGULAR,
					 o->style->body.color, width,
					 SG_COVER_FIELD_LINES * size * 1.6, 1.6, size, size, &fit);
	if (fit.cut)
		sg_warning(d, S_source(o, o->field_pos ? o->field_pos[i] : sg_pos_make(NULL, 0, 0)),
			   "the cover field '%s' (%zu characters) does not fit in %d lines: it is "
			   "cut with an ellipsis after %zu characters",
			   f->label, fit.total, SG_COVER_FIELD_LINES, fit.kept);
	return v;
}

/* The leading of the cover's title, subtitle and field rows; the size of
 * the fields' text and the least height of a field's row. */
#define S_TITLE_LEAD 1.3
#define S_SUBTITLE_LEAD 1.45
#define S_FIELD_LEAD 1.6
#define S_FIELD_SIZE 11.5
#define S_FIELD_ROW (S_FIELD_SIZE * 2.1)

/* The cover's texts, each fitted to its room before any is placed. */
typedef struct S_cover {
	sg_ltext *title, *subtitle; /* subtitle NULL: none */
	double title_h, subtitle_h;
	sg_ltext **labels, **values; /* per field */
	double label_w;              /* the labels' column */
	double fields_h;             /* the rows of fields, all of them */
} S_cover;

/* The logo at the top left, at most half the width across; returns the y
 * under which the texts go. */
static double S_cover_logo(sg_layout *l, size_t pg, const sg_pdf_cover_opts *o, double x,
			   double y, double width, sg_diags *d)
{
	if (!o->logo)
		return y;
	int im = S_logo(l, o, d);
	if (im < 0)
		return y;
	double lh = 42, lw = lh * l->images[im].width / l->images[im].height;
	if (lw > width / 2) {
		lw = width / 2;
		lh = lw * l->images[im].height / l->images[im].width;
	}
	sg_layout_page_box(l, pg, SG_BOX_IMAGE, x, y, lw, lh)->index = im;
	return y + lh + 24;
}

/* The title has the room of SG_COVER_TITLE_LINES lines at its size; a
 * longer one is set smaller, down to SG_COVER_TITLE_MIN_SIZE, then cut. The
 * subtitle is cut after SG_COVER_SUBTITLE_LINES lines. */
static void S_fit_titles(sg_layout *l, const sg_pdf_cover_opts *o, double width, S_cover *c,
			 sg_diags *d)
{
	const sg_style *s = o->style;
	double tsize = s->cover_title_size;
	sg_fit fit;
	c->title = sg_layout_fit_text(l, o->heading_fs, o->title, SG_FONT_BOLD, s->accent, width,
				      SG_COVER_TITLE_LINES * tsize * S_TITLE_LEAD, S_TITLE_LEAD,
				      tsize, fmin(SG_COVER_TITLE_MIN_SIZE, tsize), &fit);
	if (fit.cut)
		sg_warning(d, S_source(o, o->title_pos),
			   "the cover title (%zu characters) does not fit on the cover even at %g pt: "
			   "it is cut with an ellipsis after %zu characters",
			   fit.total, fit.size, fit.kept);
	c->title_h = S_height(c->title, S_TITLE_LEAD);
	if (!o->subtitle || !*o->subtitle)
		return;
	double ssize = s->cover_subtitle_size;
	c->subtitle = sg_layout_fit_text(l, o->fs, o->subtitle, SG_FONT_REGULAR, s->muted, width,
					 SG_COVER_SUBTITLE_LINES * ssize * S_SUBTITLE_LEAD,
					 S_SUBTITLE_LEAD, ssize, ssize, &fit);
	if (fit.cut)
		sg_warning(d, S_source(o, o->subtitle_pos),
			   "the cover subtitle (%zu characters) does not fit in %d lines: it "
			   "is cut with an ellipsis after %zu characters",
			   fit.total, SG_COVER_SUBTITLE_LINES, fit.kept);
	c->subtitle_h = S_height(c->subtitle, S_SUBTITLE_LEAD);
}

/* The fields' labels make a column as wide as the widest (at most a third
 * of the width); the values fill the rest. */
static void S_fit_fields(sg_layout *l, const sg_pdf_cover_opts *o, double width, S_cover *c,
			 sg_diags *d)
{
	const sg_style *s = o->style;
	double size = S_FIELD_SIZE, labw = 0;
	c->labels = sg_xcalloc(o->nfields + 1, sizeof *c->labels);
	c->values = sg_xcalloc(o->nfields + 1, sizeof *c->values);
	for (size_t i = 0; i < o->nfields; i++) {
		sg_ltext *lab =
			S_text(l, o->fs, o->fields[i].label, SG_FONT_REGULAR, size, s->muted);
		sg_linebreak(&lab->lines, &lab->para, o->fs, 1000, false);
		if (lab->lines.nlines > 0)
			labw = fmax(labw, lab->lines.lines[0].width);
		c->labels[i] = lab;
	}
	c->label_w = fmin(labw + size * 2, width / 3);
	for (size_t i = 0; i < o->nfields; i++) {
		c->values[i] = S_field_value(l, o, i, size, width - c->label_w, d);
		c->fields_h += fmax(S_height(c->values[i], S_FIELD_LEAD) + 0.6 * size, S_FIELD_ROW);
	}
}

/* The fields as a small ruled table in the lower part of the page, below y
 * and above bottom when they fit there: for a reader, a table of a row per
 * field, its label the row's header (node: the cover's). */
static void S_place_fields(sg_layout *l, size_t pg, const sg_pdf_cover_opts *o,
			   const S_cover *c, double x, double y, double width, double bottom,
			   int node)
{
	const sg_style *s = o->style;
	double size = S_FIELD_SIZE, labw = c->label_w;
	double fy = fmax(y + 40, s->page_height * 0.60);
	if (bottom - fy < c->fields_h)
		fy = fmax(y + 20, bottom - c->fields_h);
	sg_box *rtop = sg_layout_page_box(l, pg, SG_BOX_RULE, x, fy, width, 0);
	rtop->color = s->accent;
	rtop->stroke = 0.8;
	int table = sg_layout_node(l, SG_ROLE_TABLE, node, NULL);
	for (size_t i = 0; i < o->nfields; i++) {
		double rowy = fy + 0.3 * size;
		int tr = sg_layout_node(l, SG_ROLE_TR, table, NULL);
		size_t at = l->pages[pg].n;
		sg_layout_page_text(l, pg, c->labels[i], x, rowy, labw, S_FIELD_LEAD, 'l');
		sg_layout_page_node(l, pg, at, sg_layout_node(l, SG_ROLE_TH, tr, NULL));
		at = l->pages[pg].n;
		double ny = sg_layout_page_text(l, pg, c->values[i], x + labw, rowy, width - labw,
						S_FIELD_LEAD, 'l');
		sg_layout_page_node(l, pg, at, sg_layout_node(l, SG_ROLE_TD, tr, NULL));
		fy = fmax(ny + 0.3 * size, fy + S_FIELD_ROW);
		sg_box *rule = sg_layout_page_box(l, pg, SG_BOX_RULE, x, fy, width, 0);
		rule->color = s->rule;
		rule->stroke = 0.4;
	}
}

void sg_pdf_cover(sg_layout *l, const sg_pdf_cover_opts *o, sg_diags *d)
{
	const sg_style *s = o->style;
	size_t pg = sg_layout_add_page(l);
	double W = s->page_width, H = s->page_height;
	double x = s->margin_left, width = W - s->margin_left - s->margin_right;

	/* A band of the accent colour across the top edge. */
	sg_layout_page_box(l, pg, SG_BOX_FILL, 0, 0, W, 14)->color = s->accent;
	/* The logo, if any: the texts may move up as far as under it. */
	double top = S_cover_logo(l, pg, o, x, s->margin_top, width, d);

	/* Every text is fitted to its room first (the order the texts are
	 * made in is the order their glyphs are embedded in: kept as it
	 * was), then placed. */
	S_cover c = {0};
	S_fit_titles(l, o, width, &c, d);
	S_fit_fields(l, o, width, &c, d);
	double bottom = H - s->margin_bottom - 30; /* the fields end above this */

	/* The title a third of the way down, a short accent rule under it;
	 * higher when what follows would not fit under it. */
	double after_title = 14 + 3.5 + 16;
	double y = H * 0.34;
	double need =
		c.title_h + after_title + c.subtitle_h + (o->nfields > 0 ? 20 + c.fields_h : 0);
	if (y + need > bottom)
		y = fmax(top, bottom - need);
	/* For a reader: a part of its own, the title its heading; the logo,
	 * the band and the rules are decoration (artifacts). */
	int sect = sg_layout_node(l, SG_ROLE_SECT, 0, NULL);
	size_t at = l->pages[pg].n;
	y = sg_layout_page_text(l, pg, c.title, x, y, width, S_TITLE_LEAD, 'l');
	sg_layout_page_node(l, pg, at, sg_layout_node(l, SG_ROLE_H1, sect, NULL));
	y += 14;
	sg_layout_page_box(l, pg, SG_BOX_FILL, x, y, 64, 3.5)->color = s->accent;
	y += 3.5 + 16;
	if (c.subtitle) {
		at = l->pages[pg].n;
		y = sg_layout_page_text(l, pg, c.subtitle, x, y, width, S_SUBTITLE_LEAD, 'l');
		sg_layout_page_node(l, pg, at, sg_layout_node(l, SG_ROLE_P, sect, NULL));
	}
	if (o->nfields > 0)
		S_place_fields(l, pg, o, &c, x, y, width, bottom, sect);
	free(c.labels);
	free(c.values);

	if (o->confidential && *o->confidential) {
		/* One line: a long customer name is cut, as in the footer. */
		sg_ltext *ct = sg_layout_fit_text(l, o->fs, o->confidential, SG_FONT_REGULAR,
						  s->muted, width, s->header.size * 1.3, 1.3,
						  s->header.size, s->header.size, NULL);
		at = l->pages[pg].n;
		sg_layout_page_text(l, pg, ct, x, H - s->margin_bottom + 10, width, 1.3, 'c');
		sg_layout_page_node(l, pg, at, sg_layout_node(l, SG_ROLE_P, sect, NULL));
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
		/* One line: a long customer name is cut with an ellipsis. */
		double cw = width - pw - size * 2;
		sg_ltext *ct = sg_layout_fit_text(l, o->fs, o->confidential, SG_FONT_REGULAR, c, cw,
						  size * s->header.leading, s->header.leading, size,
						  size, NULL);
		sg_layout_page_text(l, pg, ct, x, fy, cw, s->header.leading, 'l');
	}
}
