/*
 * pdf_sign_look.c - the visible signature's appearance, drawn while the
 * document is written: a thin box with three lines (what it is, who
 * signed, the date) in the document's language and its body font.
 *
 * Why here and not in the signer (pdf_sign.c): the signature is an
 * incremental update appended after the file is finished, when the
 * document's fonts are subset and closed. Text in a font the update adds
 * would need a font of its own (Helvetica has no Chinese). The outlines of
 * the glyphs, taken from the fonts the layout already holds (pdf_mark.c),
 * need no font at all, and the same inputs give the same paths, so the
 * bytes stay reproducible. The form is written with the document and
 * stays unused until the signature's widget names it.
 */
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_sign.h"
#include "render/pdf/pdf_writer.h"

#define S_INK 0x1A3380    /* the text: a dark blue, as a pen signs */
#define S_FRAME 0x334D99  /* the thin frame */
#define S_SIZE 7.5        /* points */
#define S_LEADING 10.5

/* The three lines in the document's language (heap, the caller frees
 * them). The name is whole here; the box cuts it where it is full. */
static void S_lines(char *out[3], const char *lang, const char *name, sg_date d)
{
	if (lang && strncmp(lang, "zh", 2) == 0) {
		out[0] = sg_xstrdup("数字签名");
		out[1] = sg_xasprintf("签署人：%s", name);
		out[2] = sg_xasprintf("日期：%d年%d月%d日", d.year, d.month, d.day);
	} else {
		out[0] = sg_xstrdup("Digitally signed by");
		out[1] = sg_xstrdup(name);
		out[2] = sg_xasprintf("Date: %04d-%02d-%02d", d.year, d.month, d.day);
	}
}

uint32_t sg_pdf_sign_look_form(sg_pdf_file *f, sg_layout *l, const sg_fontset *fs,
			       const char *lang, sg_pos pos, const sg_pdf_sign_look *look)
{
	double w = look->box.w, h = look->box.h;
	if (!look->name || w <= 0 || h <= 0)
		return 0;
	char *lines[3];
	S_lines(lines, lang, look->name, look->date);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_save(&c);
	sg_pdf_content_stroke_color(&c, S_FRAME);
	sg_pdf_content_line_width(&c, 0.6);
	sg_pdf_content_rect(&c, 0.5, 0.5, w - 1, h - 1);
	sg_pdf_content_stroke(&c);
	sg_pdf_content_restore(&c);
	sg_pdf_content_fill_color(&c, S_INK);
	hb_draw_funcs_t *df = sg_pdf_outline_funcs();
	sg_run_attr a = {S_INK, 0, -1};
	bool any = false;
	for (int i = 0; i < 3; i++) {
		sg_ltext *t = sg_layout_new_text(l, fs, pos);
		sg_ltext_add(t, lines[i], strlen(lines[i]), SG_FONT_REGULAR,
			     S_SIZE, NULL, a);
		sg_linebreak(&t->lines, &t->para, fs, 1e6, false);
		if (t->lines.nlines == 0)
			continue;
		const sg_line *ln = &t->lines.lines[0];
		double y0 = h - 4 - S_SIZE - i * S_LEADING;
		for (size_t k = ln->first; k < ln->end; k++) {
			const sg_item *it = &t->lines.items[k];
			if (it->x + it->advance > w - 8)
				break; /* a name too long for the box is cut, not spilled */
			any |= sg_pdf_outline_item(&c, df, t, it, 1, 0, 5 + it->x, y0);
		}
	}
	if (any)
		sg_pdf_content_fill(&c);
	hb_draw_funcs_destroy(df);
	for (int i = 0; i < 3; i++)
		free(lines[i]);
	sg_buf dict;
	sg_buf_init(&dict);
	sg_buf_puts(&dict, "/Type /XObject /Subtype /Form /BBox [0 0 ");
	sg_pdf_put_num(&dict, w);
	sg_buf_putc(&dict, ' ');
	sg_pdf_put_num(&dict, h);
	sg_buf_putc(&dict, ']');
	uint32_t obj = sg_pdf_file_reserve(f);
	if (sg_pdf_file_stream(f, obj, dict.data, c.ops.data, c.ops.len, SG_PDF_STREAM_TEXT) < 0)
		obj = 0;
	sg_buf_dispose(&dict);
	sg_pdf_content_dispose(&c);
	return obj;
}
