/*
 * pdf_paint.c - boxes into a page's content stream: text lines with their
 * fonts, colours and decorations, fills, rules, images, checkboxes,
 * polylines.
 *
 * Every chunk of text is placed with a text matrix of its own, so what is
 * drawn is exactly what the layout measured: the layout places every item
 * (sg_item.x), justified or not. Synthetic bold is fill-and-stroke, synthetic
 * slant a skewed text matrix. Each character is shown by its face's glyph
 * for it (pdf_embed.h), characters beyond the BMP too. The glyphs around
 * the quarter em between Han and Latin text are marked with their text
 * (S_copy_spans), so that copied text does not read the gap as a space.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "render/pdf/pdf_int.h"
#include "render/pdf/pdf_textmarks.h"
#include "render/pdf/pdf_writer.h"

#define S_CODE_BG 0xEDF0F3

/* Whether an item is a glyph to show (inline images are boxes of their own). */
static bool S_drawn(const sg_item *it)
{
	return !(it->flags & (SG_ITEM_MISSING | SG_ITEM_OBJECT | SG_ITEM_BLANK));
}

/* Whether a character is drawn at all: controls and the line separator
 * take no glyph, even where a font has one for them. */
static bool S_shown(uint32_t cp)
{
	return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && cp != 0x2028;
}

static const sg_fontset *S_fs(const sg_ltext *t, const sg_item *it)
{
	return sg_text_run_fontset(&t->para.runs[it->run], t->fs);
}

/* Whether b can be shown in the same string as a. A string is placed once and
 * its glyphs follow each other, so an inline image ends it, and so does a
 * character no font has (a box is drawn in its em: pdf_textmarks.h). */
static bool S_same(const sg_ltext *t, const sg_item *a, const sg_item *b)
{
	if ((a->flags | b->flags) & (SG_ITEM_OBJECT | SG_ITEM_MISSING))
		return false;
	if (a->run == b->run)
		return a->slot == b->slot;
	const sg_text_run *ra = &t->para.runs[a->run], *rb = &t->para.runs[b->run];
	const sg_run_attr *aa = &t->attrs[a->run], *ab = &t->attrs[b->run];
	/* A link's words are a piece of their own (its element's, tagged). */
	return a->slot == b->slot && ra->size == rb->size && ra->style == rb->style &&
	       S_fs(t, a) == S_fs(t, b) && aa->color == ab->color && aa->link == ab->link;
}

static void S_state(sg_pdf_content *c, uint32_t font, double size, bool bold, double tc,
		    uint32_t color)
{
	sg_pdf_content_font(c, font, size);
	sg_pdf_content_render_mode(c, bold ? 2 : 0); /* fill then stroke, or fill */
	if (bold) {
		sg_pdf_content_line_width(c, size / 30.0);
		sg_pdf_content_stroke_color(c, color);
	}
	sg_pdf_content_fill_color(c, color);
	sg_pdf_content_char_space(c, tc);
}

/* The end of the chunk of line ln that starts at item i: the items shown by
 * one text operator, at a text matrix of their own. A chunk is items alike
 * by S_same, each drawn the same room (*tc, the character spacing) after
 * the end of the one before it (sg_item.x): a justified run of Chinese is
 * one chunk, and autospace, punctuation compression and word spaces start
 * new ones. So does an item that shows no glyph (an ideographic space, a
 * character no font has), which would otherwise pull the glyphs after it
 * back by its advance. */
static size_t S_chunk_end(const sg_ltext *t, const sg_line *ln, size_t i, double *tc)
{
	const sg_item *it = t->lines.items;
	bool shown = S_drawn(&it[i]) && S_shown(it[i].cp);
	size_t j = i + 1;
	*tc = j < ln->end ? it[j].x - it[i].x - it[i].advance : 0;
	if (fabs(*tc) < 1e-4)
		*tc = 0;
	while (j < ln->end && S_same(t, &it[i], &it[j]) &&
	       fabs(it[j - 1].x + it[j - 1].advance + *tc - it[j].x) < 1e-4 &&
	       (S_drawn(&it[j]) && S_shown(it[j].cp)) == shown)
		j++;
	if (j == i + 1)
		*tc = 0;
	return j;
}

/* Items of a line whose arrays fit on the stack (S_line): 15 bytes each. */
#define S_SMALL_LINE 128

/* A line being drawn: where it starts, its direction, and the x of each of
 * its items along it (xs[n]: its end). */
typedef struct S_line {
	sg_pdf_painter *p;
	const sg_ltext *t;
	const sg_line *ln;
	const sg_item *items; /* the line's first item */
	size_t n;
	double *xs;
	uint32_t *gids;  /* per item of the line: the glyph it shows, 0 none (S_glyph) */
	uint16_t *codes; /* room for n */
	uint8_t *spans;  /* per item of the line: S_SPAN_* */
	double x0, y0, ca, sa;
} S_line;

/* An item's part in a span of copied text (S_copy_spans). */
enum { S_SPAN_OPEN = 1, S_SPAN_CLOSE = 2 };

/* The node item it of the line being drawn is content of: its link's, when
 * it is a link's word in a tagged box, else the box's. */
static int S_item_node(const S_line *sl, const sg_item *it)
{
	const sg_pdf_painter *p = sl->p;
	int link = sl->t->attrs[it->run].link;
	if (!p->tags || p->node <= 0 || link < 0 || (size_t)link >= p->tags->l->nlinks)
		return p->node;
	int node = p->tags->l->links[link].node;
	return node > 0 ? node : p->node;
}

/* Whether the line holds content of more than one node (a link's words). */
static bool S_mixed(const S_line *sl)
{
	if (!sl->p->tags)
		return false;
	for (size_t k = 0; k < sl->n; k++)
		if (S_item_node(sl, &sl->items[k]) != sl->p->node)
			return true;
	return false;
}

/* The backgrounds of inline code, under the text (level lines only): an
 * artifact. */
static void S_code_backgrounds(const S_line *sl)
{
	const sg_ltext *t = sl->t;
	sg_pdf_content *c = sl->p->c;
	for (size_t k = 0; k < sl->n; k++) {
		const sg_item *i = &sl->items[k];
		if (!(t->attrs[i->run].deco & SG_DECO_CODE))
			continue;
		sg_pdf_tags_mark(sl->p, 0);
		size_t j = k;
		while (j + 1 < sl->n && (t->attrs[sl->items[j + 1].run].deco & SG_DECO_CODE))
			j++;
		double size = t->para.runs[i->run].size;
		sg_pdf_content_fill_color(c, S_CODE_BG);
		sg_pdf_content_rect(c, sl->x0 + sl->xs[k] - 1.5, sl->y0 - size * 0.3,
				    sl->xs[j + 1] - sl->xs[k] + 3, size * 1.25);
		sg_pdf_content_fill(c);
		k = j;
	}
}

/* Whether items [i, j) show a glyph: a font is made only for a face that
 * draws something. */
static bool S_any_shown(const sg_item *it, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (S_drawn(&it[k]) && S_shown(it[k].cp))
			return true;
	return false;
}

/* The glyph item it shows in the face of its slot: the one the layout
 * measured (sg_font_slot_glyph); 0 when it shows none. */
static uint32_t S_gid(const S_line *sl, const sg_item *it)
{
	if (!S_drawn(it) || !S_shown(it->cp))
		return 0;
	const sg_font_slot *slot = sg_fontset_slot(S_fs(sl->t, it), it->slot);
	return sg_font_slot_glyph(slot, it->cp);
}

/* Whether item it of the line shows a glyph (what S_codes gives a code):
 * asked several times an item, so looked up once (sl->gids). */
static bool S_glyph(const S_line *sl, const sg_item *it)
{
	return sl->gids[it - sl->items] != 0;
}

/* The codes of items [i, j) of the line in font, the face of their slot;
 * their number. */
static size_t S_codes(const S_line *sl, sg_pdf_font *font, size_t i, size_t j)
{
	const sg_item *it = sl->t->lines.items;
	size_t n = 0;
	for (size_t k = i; k < j; k++) {
		uint32_t gid = sl->gids[k - sl->ln->first];
		if (gid == 0)
			continue;
		char u[4];
		sl->codes[n++] = sg_pdf_font_glyph(font, gid, u, sg_utf8_encode(it[k].cp, u));
	}
	return n;
}

/* Whether item it is drawn with a slanted text matrix (Latin letters of
 * emphasis in a face without italics). */
static bool S_slanted(const S_line *sl, const sg_item *it)
{
	return sg_fontset_slot(S_fs(sl->t, it), it->slot)->synthetic_slant;
}

/* Takes out the spans of sl->spans that poppler would part from the glyph
 * before them: it gives the span the size of the text matrix at its end,
 * and takes a slanted matrix's height for another size, which starts a new
 * word (and a space may come between the words, "盗 版"). So a span whose
 * last glyph is slanted and the glyph before it not, or the other way
 * round, is left out. Whether any span is left. */
static bool S_drop_slanted(const S_line *sl)
{
	bool any = false;
	size_t before = SIZE_MAX; /* the last glyph before the span */
	for (size_t k = 0; k < sl->n; k++) {
		if (!(sl->spans[k] & S_SPAN_OPEN)) {
			if (S_glyph(sl, &sl->items[k]))
				before = k;
			continue;
		}
		size_t end = k;
		while (end < sl->n && !(sl->spans[end] & S_SPAN_CLOSE))
			end++;
		if (end == sl->n) /* cannot be: every span is closed */
			break;
		if (before != SIZE_MAX &&
		    S_slanted(sl, &sl->items[before]) != S_slanted(sl, &sl->items[end])) {
			sl->spans[k] &= (uint8_t)~S_SPAN_OPEN;
			sl->spans[end] &= (uint8_t)~S_SPAN_CLOSE;
		} else {
			any = true;
		}
		before = end;
		k = end;
	}
	return any;
}

/* Joins spans of sl->spans that at most S_JOIN glyphs part, set solid
 * (no space, nothing else between them) and content of one element: each
 * span ends a piece of the element's content (S_show_spans), and a date
 * such as 2026年11月20日 would otherwise be three ("2026年1", "1月2",
 * "0日"). What poppler gives such a span is its text spread evenly over its
 * extent, as one word: the same text. */
#define S_JOIN 2

static void S_join_spans(const S_line *sl)
{
	size_t end = SIZE_MAX; /* the close of the last span */
	for (size_t k = 0; k < sl->n; k++) {
		if (sl->spans[k] & S_SPAN_CLOSE) {
			end = k;
			continue;
		}
		if (!(sl->spans[k] & S_SPAN_OPEN) || end == SIZE_MAX)
			continue;
		bool solid = k - end - 1 <= S_JOIN;
		for (size_t j = end + 1; solid && j <= k; j++)
			solid = S_glyph(sl, &sl->items[j]) &&
				!(sl->items[j].flags & SG_ITEM_SPACE) &&
				S_item_node(sl, &sl->items[j]) == S_item_node(sl, &sl->items[end]);
		if (solid) {
			sl->spans[end] &= (uint8_t)~S_SPAN_CLOSE;
			sl->spans[k] &= (uint8_t)~S_SPAN_OPEN;
		}
		end = SIZE_MAX;
	}
}

/* The spans of copied text of the line, into sl->spans; whether there are
 * any. The quarter em between Han and a Latin letter or digit is room, not
 * a character, and text extraction reads a gap as a space or not by its
 * own measure: poppler's pdftotext (22.12) takes one wider than about a
 * tenth of an em for a space ("2026 年"), and may take the gap of a typed
 * space, drawn as the space glyph, for none ("1年"), depending on the other
 * gaps of the line. So the glyphs on either side of such a gap, with the
 * typed space between them if there is one, are shown inside a span whose
 * ActualText is their characters: poppler adds it as one piece over the
 * span's extent, and copied text reads as the source was written, "2026年"
 * and "2016 年". A glyph with such a gap on both sides ("第 3 页") makes
 * one span of three. The glyphs are drawn as before, and their boxes in
 * readers that do not apply ActualText (mupdf 1.21) are their own. A span
 * is content of one element: a link's word next to the box's other text is
 * left as it is, and so are some next to slanted glyphs (S_drop_slanted). */
static bool S_copy_spans(const S_line *sl)
{
	memset(sl->spans, 0, sl->n);
	if (sl->t->para.verbatim)
		return false;
	size_t prev = SIZE_MAX; /* the last glyph before k */
	bool open = false, any = false;
	for (size_t k = 0; k < sl->n; k++) {
		const sg_item *it = &sl->items[k];
		if (it->flags & SG_ITEM_AUTOSPACE)
			continue; /* a typed space in the gap is part of its span */
		if (!S_glyph(sl, it)) {
			/* An ideographic space, an image: a gap of its own. */
			prev = SIZE_MAX;
			open = false;
			continue;
		}
		bool gap = false;
		if (prev != SIZE_MAX) {
			const sg_item *ip = &sl->items[prev];
			gap = sg_cjk_gap_between(sg_item_kind(ip), sg_item_kind(it)) ==
				      SG_GAP_QUARTER &&
			      S_item_node(sl, ip) == S_item_node(sl, it);
		}
		if (gap) {
			if (open)
				sl->spans[prev] &= (uint8_t)~S_SPAN_CLOSE;
			else
				sl->spans[prev] |= S_SPAN_OPEN;
			sl->spans[k] |= S_SPAN_CLOSE;
			open = any = true;
		} else {
			open = false;
		}
		prev = k;
	}
	if (!any)
		return false;
	S_join_spans(sl);
	return S_drop_slanted(sl);
}

/* The ActualText of the span that opens at item k: its glyphs' characters
 * and the typed space between them. */
static void S_span_text(const S_line *sl, size_t k, sg_buf *b)
{
	sg_buf_clear(b);
	for (; k < sl->n; k++) {
		const sg_item *it = &sl->items[k];
		if (!S_glyph(sl, it) && !(it->flags & SG_ITEM_AUTOSPACE))
			continue;
		/* A no-break space (a number bound to its unit) copies as a
		 * space, as its glyph, the space's, does elsewhere. */
		char u[4];
		sg_buf_put(b, u, (size_t)sg_utf8_encode(it->cp == 0xA0 ? ' ' : it->cp, u));
		if (sl->spans[k] & S_SPAN_CLOSE)
			break;
	}
}

/* Shows n codes of the line, content of node: marked as such when the
 * line marks its pieces inside its text object (inner). */
static void S_put(const S_line *sl, bool inner, int node, const uint16_t *codes, size_t n)
{
	if (n == 0)
		return;
	if (inner)
		sg_pdf_tags_mark(sl->p, node);
	sg_pdf_content_show(sl->p->c, codes, n);
}

/* Shows the glyphs of items [i, j) of the line, content of node (codes:
 * theirs, from S_codes), opening and closing the spans of copied text among
 * them; *open is whether a span is open. A span is nested in the element's
 * sequence, which it ends: poppler (22.12) takes any EMC inside an
 * element's sequence for the sequence's own, and would lose the element's
 * text after the span, so the sequence is closed with the span and the
 * element's content goes on in a new one. */
static void S_show_spans(const S_line *sl, bool inner, int node, size_t i, size_t j, size_t n,
			 bool *open, sg_buf *text)
{
	sg_pdf_painter *p = sl->p;
	const sg_item *base = sl->t->lines.items;
	size_t from = 0, at = 0;
	for (size_t k = i; k < j && at < n; k++) {
		const sg_item *it = &base[k];
		if (!S_glyph(sl, it))
			continue;
		uint8_t sp = sl->spans[it - sl->items];
		if ((sp & S_SPAN_OPEN) && !*open) {
			S_put(sl, inner, node, sl->codes + from, at - from);
			from = at;
			if (inner)
				sg_pdf_tags_mark(p, node);
			S_span_text(sl, (size_t)(it - sl->items), text);
			sg_pdf_content_actual_text(p->c, text->data);
			*open = true;
		}
		at++;
		if ((sp & S_SPAN_CLOSE) && *open) {
			S_put(sl, inner, node, sl->codes + from, at - from);
			from = at;
			sg_pdf_content_end_marked(p->c);
			sg_pdf_tags_close(p);
			*open = false;
		}
	}
	S_put(sl, inner, node, sl->codes + from, n - from);
}

/* The glyphs, chunk by chunk: the box's content, and a link's words its
 * link's. A line with spans of copied text or a link's words marks its
 * pieces inside its text object (which a sequence must not cross). */
static void S_show_text(const S_line *sl)
{
	const sg_ltext *t = sl->t;
	const sg_line *ln = sl->ln;
	const sg_item *it = t->lines.items;
	sg_pdf_painter *p = sl->p;
	sg_pdf_content *c = p->c;
	bool spans = S_copy_spans(sl), open = false;
	bool inner = S_mixed(sl) || (spans && p->tags);
	sg_buf text;
	sg_buf_init(&text);
	if (inner)
		sg_pdf_tags_close(p);
	else
		sg_pdf_tags_mark(p, p->node);
	sg_pdf_content_begin_text(c);
	for (size_t i = ln->first, j; i < ln->end; i = j) {
		double tc;
		j = S_chunk_end(t, ln, i, &tc);
		if (!S_any_shown(it, i, j))
			continue; /* an inline image, or characters no font has */
		const sg_font_slot *slot = sg_fontset_slot(S_fs(t, &it[i]), it[i].slot);
		sg_pdf_font *font = sg_pdf_fonts_get(p->fonts, slot->face, t->pos, p->d);
		if (!font) {
			p->errors++;
			continue;
		}
		size_t n = S_codes(sl, font, i, j);
		if (n == 0)
			continue;
		const sg_text_run *r = &t->para.runs[it[i].run];
		S_state(c, sg_pdf_font_obj(font), r->size, slot->synthetic_bold, tc,
			t->attrs[it[i].run].color);
		double s = slot->synthetic_slant ? SG_PDF_SLANT : 0;
		double dx = sl->xs[i - ln->first], ca = sl->ca, sa = sl->sa;
		sg_pdf_content_text_matrix(c, ca, sa, s * ca - sa, s * sa + ca, sl->x0 + dx * ca,
					   sl->y0 + dx * sa);
		S_show_spans(sl, inner, S_item_node(sl, &it[i]), i, j, n, &open, &text);
	}
	if (open) /* a glyph that failed to be drawn ended it */
		sg_pdf_content_end_marked(c);
	if (inner)
		sg_pdf_tags_close(p);
	sg_pdf_content_end_text(c);
	sg_buf_dispose(&text);
}

/* Strikethrough and underline, over the text (level lines only). */
static void S_decorations(const S_line *sl)
{
	const sg_ltext *t = sl->t;
	sg_pdf_content *c = sl->p->c;
	for (size_t k = 0; k < sl->n; k++) {
		const sg_item *ik = &sl->items[k];
		uint8_t dk = t->attrs[ik->run].deco & (SG_DECO_STRIKE | SG_DECO_UNDERLINE);
		if (!dk)
			continue;
		size_t j = k;
		while (j + 1 < sl->n && (t->attrs[sl->items[j + 1].run].deco & dk) == dk)
			j++;
		double size = t->para.runs[ik->run].size;
		double yy = dk & SG_DECO_STRIKE ? sl->y0 + size * 0.3 : sl->y0 - size * 0.12;
		sg_pdf_tags_mark(sl->p, 0);
		sg_pdf_content_stroke_color(c, t->attrs[ik->run].color);
		sg_pdf_content_line_width(c, size / 16);
		sg_pdf_content_move_to(c, sl->x0 + sl->xs[k], yy);
		sg_pdf_content_line_to(c, sl->x0 + sl->xs[j + 1], yy);
		sg_pdf_content_stroke(c);
		k = j;
	}
}

void sg_pdf_paint_line(sg_pdf_painter *p, const sg_ltext *t, size_t li, double x0, double y0,
		       double angle)
{
	const sg_line *ln = &t->lines.lines[li];
	S_line sl = {p,	   t,	 ln, t->lines.items + ln->first, ln->end - ln->first, NULL, NULL,
		     NULL, NULL, x0, y0, cos(angle), sin(angle)};
	if (sl.n == 0)
		return;
	/* The line's arrays in one block: on the stack for a line of text. */
	size_t each = sizeof *sl.xs + sizeof *sl.gids + sizeof *sl.codes + sizeof *sl.spans;
	double small[S_SMALL_LINE * 2 + 1];
	size_t need = sl.n * each + sizeof *sl.xs;
	void *block = need <= sizeof small ? small : sg_xmalloc(need);
	sl.xs = block;
	sl.gids = (uint32_t *)(sl.xs + sl.n + 1);
	sl.codes = (uint16_t *)(sl.gids + sl.n);
	sl.spans = (uint8_t *)(sl.codes + sl.n);
	for (size_t k = 0; k < sl.n; k++) {
		sl.xs[k] = sl.items[k].x;
		sl.gids[k] = S_gid(&sl, &sl.items[k]);
	}
	sl.xs[sl.n] = sl.items[sl.n - 1].x + sl.items[sl.n - 1].advance;
	if (angle == 0)
		S_code_backgrounds(&sl);
	S_show_text(&sl);
	/* Emphasis dots and missing characters' boxes: drawings, artifacts. */
	if (p->tags && sg_pdf_text_marks_any(t, ln))
		sg_pdf_tags_mark(p, 0);
	sg_pdf_text_marks(p->c, t, ln, sl.xs, x0, y0, sl.ca, sl.sa);
	if (angle == 0)
		S_decorations(&sl);
	if (block != small)
		free(block);
}

/* The XObject of image index of l, written on first use; 0 when it could
 * not be made (reported once). */
static uint32_t S_image(sg_pdf_painter *p, const sg_layout *l, int index)
{
	if (index < 0 || (size_t)index >= l->nimages)
		return 0;
	if (p->nimages < l->nimages) {
		p->images = sg_xrealloc(p->images, l->nimages * sizeof *p->images);
		memset(p->images + p->nimages, 0, (l->nimages - p->nimages) * sizeof *p->images);
		p->nimages = l->nimages;
	}
	/* A file shown many times is one image of the layout (sg_layout_image),
	 * so it is decoded, and embedded, once. */
	if (!p->images[index] &&
	    sg_pdf_image_load(p->file, &l->images[index], p->d, &p->images[index]) < 0) {
		p->images[index] = SG_PDF_IMAGE_FAILED;
		p->errors++;
	}
	return p->images[index] == SG_PDF_IMAGE_FAILED ? 0 : p->images[index];
}

uint32_t sg_pdf_paint_image(sg_pdf_painter *p, const sg_layout *l, int index)
{
	return S_image(p, l, index);
}

/* A rule (a line from the box's top left to its bottom right) or a frame
 * (the box's outline), solid or dotted. H: the page height. */
static void S_paint_stroke(sg_pdf_content *c, const sg_box *b, double H)
{
	sg_pdf_content_stroke_color(c, b->color);
	sg_pdf_content_line_width(c, b->stroke > 0 ? b->stroke : 0.5);
	if (b->dotted) {
		static const double dots[2] = {1, 3};
		sg_pdf_content_line_cap(c, 1);
		sg_pdf_content_dash(c, dots, 2, 0);
	}
	if (b->kind == SG_BOX_RULE) {
		sg_pdf_content_move_to(c, b->x, H - b->y);
		sg_pdf_content_line_to(c, b->x + b->w, H - b->y - b->h);
	} else {
		sg_pdf_content_rect(c, b->x, H - b->y - b->h, b->w, b->h);
	}
	sg_pdf_content_stroke(c);
	if (b->dotted) {
		sg_pdf_content_dash(c, NULL, 0, 0);
		sg_pdf_content_line_cap(c, 0);
	}
}

/* A checkbox: a square, with a tick when checked. */
static void S_paint_check(sg_pdf_content *c, const sg_box *b, double H)
{
	double x = b->x, y = H - b->y - b->h, s = b->w;
	sg_pdf_content_stroke_color(c, b->color);
	sg_pdf_content_line_width(c, b->stroke > 0 ? b->stroke : 0.6);
	sg_pdf_content_rect(c, x, y, s, s);
	sg_pdf_content_stroke(c);
	if (!b->checked)
		return;
	sg_pdf_content_line_width(c, s / 7);
	sg_pdf_content_move_to(c, x + s * 0.2, y + s * 0.5);
	sg_pdf_content_line_to(c, x + s * 0.42, y + s * 0.22);
	sg_pdf_content_line_to(c, x + s * 0.82, y + s * 0.8);
	sg_pdf_content_stroke(c);
}

/* A polyline through the box's points (relative to its top left). */
static void S_paint_path(sg_pdf_content *c, const sg_box *b, double H)
{
	if (b->npts < 2)
		return;
	sg_pdf_content_stroke_color(c, b->color);
	sg_pdf_content_line_width(c, b->stroke > 0 ? b->stroke : 1);
	sg_pdf_content_line_join(c, 1);
	for (size_t k = 0; k < b->npts; k++) {
		double px = b->x + b->pts[2 * k], py = H - b->y - b->pts[2 * k + 1];
		if (k == 0)
			sg_pdf_content_move_to(c, px, py);
		else
			sg_pdf_content_line_to(c, px, py);
	}
	sg_pdf_content_stroke(c);
	sg_pdf_content_line_join(c, 0);
}

void sg_pdf_paint_boxes(sg_pdf_painter *p, const sg_layout *l, size_t pi, size_t first,
			size_t end)
{
	const sg_lpage *pg = &l->pages[pi];
	sg_pdf_content *c = p->c;
	double H = p->page_h;
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t i = first; i < end && i < pg->n; i++) {
		const sg_box *b = &pg->boxes[i];
		/* Marked: a text line marks its pieces itself. */
		p->node = sg_pdf_tags_box_node(p, b);
		if (b->kind != SG_BOX_TEXT && b->kind != SG_BOX_LINK && b->kind != SG_BOX_ANCHOR)
			sg_pdf_tags_mark(p, p->node);
		switch (b->kind) {
		case SG_BOX_TEXT:
			sg_pdf_paint_line(p, sg_ltext_open(b->text, &sc), b->line, b->x,
					  H - b->baseline, 0);
			break;
		case SG_BOX_FILL:
			sg_pdf_content_fill_color(c, b->color);
			sg_pdf_content_rect(c, b->x, H - b->y - b->h, b->w, b->h);
			sg_pdf_content_fill(c);
			break;
		case SG_BOX_RULE:
		case SG_BOX_FRAME: S_paint_stroke(c, b, H); break;
		case SG_BOX_IMAGE: {
			uint32_t im = S_image(p, l, b->index);
			if (im)
				sg_pdf_content_image(c, im, b->x, H - b->y - b->h, b->w, b->h);
			break;
		}
		case SG_BOX_CHECK: S_paint_check(c, b, H); break;
		case SG_BOX_PATH: S_paint_path(c, b, H); break;
		case SG_BOX_LINK:
		case SG_BOX_ANCHOR:
			break; /* annotations and destinations: pdf_doc.c */
		}
	}
	sg_ltext_scratch_dispose(&sc);
}
