#include "layout/lines.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* ---- input ------------------------------------------------------------ */

void sg_para_init(sg_para *p)
{
	memset(p, 0, sizeof *p);
	sg_buf_init(&p->text);
}

void sg_para_dispose(sg_para *p)
{
	sg_buf_dispose(&p->text);
	free(p->runs);
	memset(p, 0, sizeof *p);
}

void sg_para_clear(sg_para *p)
{
	sg_buf_clear(&p->text);
	p->nruns = 0;
}

void sg_para_add(sg_para *p, const char *text, size_t len, sg_font_style style, double size)
{
	sg_para_add_font(p, text, len, style, size, NULL);
}

void sg_para_add_font(sg_para *p, const char *text, size_t len, sg_font_style style, double size,
		      const sg_fontset *fs)
{
	if (len == 0)
		return;
	if (p->nruns == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->runs = sg_xrealloc(p->runs, p->cap * sizeof *p->runs);
	}
	sg_text_run *r = &p->runs[p->nruns++];
	r->start = p->text.len;
	sg_buf_put(&p->text, text, len);
	r->end = p->text.len;
	r->style = style;
	r->size = size;
	r->fs = fs;
	r->object = 0;
	r->punct = p->punct;
}

void sg_para_add_object(sg_para *p, double width, double size)
{
	sg_para_add_font(p, "\xEF\xBF\xBC", 3, SG_FONT_REGULAR, size, NULL);
	p->runs[p->nruns - 1].object = width;
}

/* ---- clreq ------------------------------------------------------------ */

bool sg_linebreak_is_closing(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: /* ， */
	case 0x3002: /* 。 */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0xFF1F: /* ？ */
	case 0xFF01: /* ！ */
	case 0xFF09: /* ） */
	case 0xFF3D: /* ］ */
	case 0xFF5D: /* ｝ */
	case 0xFF0E: /* ． */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0x300B: /* 》 */
	case 0x3009: /* 〉 */
	case 0x3011: /* 】 */
	case 0x3015: /* 〕 */
	case 0x3017: /* 〗 */
	case 0x3019: /* 〙 */
	case 0x301B: /* 〛 */
	case 0x2019: /* ’ */
	case 0x201D: /* ” */
	case 0x30FB: /* ・ */
	case 0x3005: /* 々 */
		return true;
	default:
		return false;
	}
}

bool sg_linebreak_is_opening(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: /* （ */
	case 0xFF3B: /* ［ */
	case 0xFF5B: /* ｛ */
	case 0x300C: /* 「 */
	case 0x300E: /* 『 */
	case 0x300A: /* 《 */
	case 0x3008: /* 〈 */
	case 0x3010: /* 【 */
	case 0x3014: /* 〔 */
	case 0x3016: /* 〖 */
	case 0x3018: /* 〘 */
	case 0x301A: /* 〚 */
	case 0x2018: /* ‘ */
	case 0x201C: /* “ */
		return true;
	default:
		return false;
	}
}

/* ---- output ----------------------------------------------------------- */

void sg_lines_init(sg_lines *l)
{
	memset(l, 0, sizeof *l);
	sg_buf_init(&l->text);
}

void sg_lines_dispose(sg_lines *l)
{
	sg_buf_dispose(&l->text);
	free(l->items);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

void sg_lines_text(const sg_lines *l, size_t i, sg_buf *b)
{
	const sg_line *ln = &l->lines[i];
	for (size_t k = ln->first; k < ln->end; k++) {
		const sg_item *it = &l->items[k];
		if (it->flags & SG_ITEM_SPACE && it->cp != 0xA0)
			sg_buf_putc(b, ' ');
		else
			sg_buf_put(b, l->text.data + it->off, it->len);
	}
}

/* A curly quote: its item says whether it quotes Chinese (SG_ITEM_CJK). */
static bool S_curly_quote(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0x201D || cp == 0x2019;
}

sg_cjk_kind sg_item_kind(const sg_item *it)
{
	if (it->flags & (SG_ITEM_SPACE | SG_ITEM_OBJECT))
		return SG_CJK_OTHER;
	if (S_curly_quote(it->cp))
		return (it->flags & SG_ITEM_CJK) ? SG_CJK_PUNCT : SG_CJK_OTHER;
	return sg_cjk_kind_of(it->cp);
}
