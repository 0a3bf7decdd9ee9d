#include "render/pdf/pdf_writer.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_int.h"

/* ---- paragraphs onto pages ---------------------------------------------- */

static void S_warn_items(const sg_pdf_para *pp, const sg_para *p, const sg_lines *l,
			 sg_diags *d)
{
	for (size_t k = 0; k < l->nitems; k++) {
		const sg_item *it = &l->items[k];
		if (!(it->flags & SG_ITEM_MISSING))
			continue;
		int line, col;
		sg_utf8_line_col(p->text.data, it->src, &line, &col);
		sg_pos pos = pp->pos;
		if (pos.line > 0) {
			if (line == 1 && pos.col > 0)
				col += pos.col - 1;
			pos.line += line - 1;
			pos.col = col;
		}
		char ch[5] = {0};
		sg_utf8_encode(it->cp, ch);
		sg_warning(d, pos,
			   "no installed font has a glyph for %s (U+%04X); a box is drawn in its place",
			   ch, it->cp);
	}
}

/* Each paragraph as a text of l, broken into lines at the body's measure;
 * what it cannot show is reported. */
static void S_set_paragraphs(sg_layout *l, const sg_fontset *fs, const sg_pdf_para *paras,
			     size_t n, const sg_pdf_options *opt, double body, sg_diags *d)
{
	double measure = SG_PDF_A4_WIDTH - 2 * SG_PDF_MARGIN_SIDE;
	sg_run_attr black = {0x000000, 0, -1};
	for (size_t i = 0; i < n; i++) {
		sg_ltext *t = sg_layout_new_text(l, fs, paras[i].pos);
		double size = paras[i].size > 0 ? paras[i].size : body;
		sg_ltext_add(t, paras[i].text, strlen(paras[i].text), paras[i].style, size, NULL,
			     black);
		sg_linebreak(&t->lines, &t->para, fs, measure, !opt->ragged);
		S_warn_items(&paras[i], &t->para, &t->lines, d);
	}
}

/* Writes the page p has drawn and empties it for the next. */
static int S_page_out(sg_pdf_painter *p)
{
	sg_pdf_page page = {SG_PDF_A4_WIDTH, SG_PDF_A4_HEIGHT, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(p->c, &page);
	int rc = sg_pdf_file_page_add(p->file, &page);
	sg_pdf_content_reset(p->c);
	return rc;
}

/* Draws the texts of l line by line down A4 pages, a new page when the next
 * line does not fit; at least one page. Returns 0, or -1 when zlib fails. */
static int S_draw_pages(sg_pdf_painter *p, const sg_layout *l, double body, double spacing)
{
	bool open = false;
	double top = SG_PDF_A4_HEIGHT - SG_PDF_MARGIN_TOP;
	double cursor = 0;
	for (size_t i = 0; i < l->ntexts; i++) {
		const sg_ltext *t = l->texts[i];
		for (size_t k = 0; k < t->lines.nlines; k++) {
			double size = t->lines.lines[k].height > 0 ? t->lines.lines[k].height : body;
			double lh = size * spacing;
			if (!open || cursor - lh < SG_PDF_MARGIN_BOTTOM - 1e-6) {
				if (open && S_page_out(p) < 0)
					return -1;
				open = true;
				cursor = top;
			}
			/* Centre the band from baseline-descender to cap height in
			 * the line's height. */
			double baseline = cursor - lh / 2 - size * 0.35;
			sg_pdf_paint_line(p, t, k, SG_PDF_MARGIN_SIDE, baseline, 0);
			cursor -= lh;
		}
		cursor -= body * spacing / 2; /* paragraph spacing */
	}
	return S_page_out(p);
}

int sg_pdf_write_paragraphs(sg_buf *out, const sg_pdf_para *paras, size_t n,
			    const sg_pdf_options *opt, sg_pdf_font_stats *stats, sg_diags *d)
{
	sg_buf_clear(out);
	if (stats)
		memset(stats, 0, sizeof *stats);
	sg_pos pos0 = n > 0 ? paras[0].pos : sg_pos_make(NULL, 0, 0);
	const sg_fontset *fs = sg_fontset_get(opt->latin_family, opt->cjk_family, pos0, d);
	if (!fs)
		return -1;
	double body = opt->body_size > 0 ? opt->body_size : 12.0;
	double spacing = opt->line_spacing > 0 ? opt->line_spacing : 1.5;
	sg_layout l;
	sg_layout_init(&l);
	S_set_paragraphs(&l, fs, paras, n, opt, body, d);

	sg_pdf_file_opts fo = {.date = opt->date};
	sg_pdf_file *f = sg_pdf_file_new(out, &fo);
	sg_pdf_file_set_info(f, SG_PDF_INFO_TITLE, opt->title);
	sg_pdf_file_set_info(f, SG_PDF_INFO_AUTHOR, opt->author);
	sg_pdf_file_set_lang(f, opt->lang);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_painter p = {f, sg_pdf_fonts_new(f), &c, SG_PDF_A4_HEIGHT, NULL, 0, d, pos0.path,
			    0, NULL, 0, NULL, 0, 0}; /* untagged */
	int rc = -1;
	if (S_draw_pages(&p, &l, body, spacing) < 0) {
		sg_error(d, pos0, "zlib cannot compress a page");
		goto cleanup;
	}
	if (p.errors || sg_pdf_fonts_write(p.fonts, pos0, d) < 0)
		goto cleanup;
	if (sg_pdf_file_finish(f) < 0) {
		sg_error(d, pos0, "the PDF file cannot be finished (zlib failed)");
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (stats)
		sg_pdf_fonts_stats(p.fonts, stats);
	if (rc < 0)
		sg_buf_clear(out);
	sg_pdf_fonts_free(p.fonts);
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	free(p.images);
	sg_layout_dispose(&l);
	return rc;
}
