#include "layout/linebreak.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "layout/linebreak_int.h"
#include "layout/linememo.h"

#define S_LINE_SEPARATOR 0x2028

/* libunibreak 1.1 builds its tables in init_linebreak(), which is not safe to
 * run twice at once. */
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
	init_linebreak();
}

/* ---- break opportunities ---------------------------------------------- */

static int S_from_unibreak(char b)
{
	return b == LINEBREAK_MUSTBREAK ? SG_BREAK_MUST
	       : b == LINEBREAK_ALLOWBREAK ? SG_BREAK_ALLOW
					   : SG_BREAK_NONE;
}

void sg_linebreak_opportunities(const char *s, size_t len, char *brks)
{
	pthread_once(&S_once, S_init);
	if (len == 0)
		return;
	set_linebreaks_utf8((const utf8_t *)s, len, "zh", brks);
	size_t prev_last = (size_t)-1; /* last byte of the previous character */
	uint32_t prev_cp = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1;
		for (size_t k = i; k + 1 < i + n; k++)
			brks[k] = SG_BREAK_NONE;
		size_t last = i + n - 1;
		brks[last] = (char)S_from_unibreak(brks[last]);
		if (prev_last != (size_t)-1 && brks[prev_last] == SG_BREAK_ALLOW &&
		    (sg_linebreak_is_closing(cp) || sg_linebreak_is_opening(prev_cp)))
			brks[prev_last] = SG_BREAK_NONE;
		prev_last = last;
		prev_cp = cp;
		i += n;
	}
}

/* ---- normalising ------------------------------------------------------ */

static bool S_is_white(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
}

static sg_item *S_push_item(sg_lines *l)
{
	if (l->nitems == l->items_cap) {
		l->items_cap = l->items_cap ? l->items_cap * 2 : 64;
		l->items = sg_xrealloc(l->items, l->items_cap * sizeof *l->items);
	}
	sg_item *it = &l->items[l->nitems++];
	memset(it, 0, sizeof *it);
	return it;
}

static void S_emit(sg_lines *l, uint32_t cp, size_t run, size_t src)
{
	char enc[4];
	size_t n = sg_utf8_encode(cp, enc);
	sg_item *it = S_push_item(l);
	it->cp = cp;
	it->off = (uint32_t)l->text.len;
	it->len = (uint8_t)n;
	it->run = (uint32_t)run;
	it->src = src;
	sg_buf_put(&l->text, enc, n);
}

/* The run holding byte off (runs are contiguous and ordered). */
static size_t S_run_at(const sg_para *p, size_t off, size_t hint)
{
	while (hint + 1 < p->nruns && off >= p->runs[hint].end)
		hint++;
	return hint;
}

/* ---- curly quotes ---------------------------------------------------- */

/* “ ” ‘ ’ serve Chinese and English alike, but Chinese sets them full width
 * (the CJK font's glyphs, as clreq shows them) and English proportional (the
 * Latin font's). The text around a quote decides: an opening quote followed
 * by a CJK character, or a closing quote preceded by one, quotes Chinese. */
static bool S_open_quote(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018;
}

static bool S_close_quote(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019;
}

/* A letter or digit of a Latin-like script: ’ between two of them is an
 * apostrophe (don’t), which closes nothing. */
static bool S_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	return cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7;
}

/* Whether the first character of s[0..len) is CJK, or opening quotes
 * followed by one (they open Chinese text). */
static bool S_starts_cjk(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		if (!S_open_quote(cp))
			return sg_utf8_is_cjk(cp);
		i += n ? n : 1;
	}
	return false;
}

static void S_normalise(sg_lines *l, const sg_para *p)
{
	const char *s = p->text.data;
	size_t len = p->text.len;
	size_t i = 0, run = 0;
	bool have_prev = false; /* an item that white space could follow */
	bool prev_cjk = false; /* CJK, or closing quotes after CJK */
	while (i < len) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1; /* cp is U+FFFD: shown, so the problem is visible */
		run = S_run_at(p, i, run);
		if (!S_is_white(cp)) {
			S_emit(l, cp, run, i);
			have_prev = cp != S_LINE_SEPARATOR;
			prev_cjk = sg_utf8_is_cjk(cp) || (S_close_quote(cp) && prev_cjk);
			i += n;
			continue;
		}
		size_t ws = i, ws_run = run;
		bool newline = false;
		while (i < len) {
			uint32_t c2;
			size_t m = sg_utf8_decode(s + i, len - i, &c2);
			if (m == 0 || !S_is_white(c2))
				break;
			newline = newline || c2 == '\n' || c2 == '\r';
			i += m;
		}
		if (!have_prev || i >= len)
			continue; /* leading or trailing white space */
		uint32_t next_cp;
		sg_utf8_decode(s + i, len - i, &next_cp);
		if (next_cp == S_LINE_SEPARATOR)
			continue;
		if (newline && prev_cjk && S_starts_cjk(s + i, len - i))
			continue; /* a soft break inside Chinese text is no space */
		S_emit(l, ' ', ws_run, ws);
		prev_cjk = false;
	}
}

/* Flags the curly quotes of Chinese text SG_ITEM_CJK, so that they are set
 * in the CJK font: those the rule above picks, and the other quote of the
 * same pair, so that both ends of “2026年” or “Q3 目标” look alike. Items
 * already carry SG_ITEM_CJK for CJK characters. */
static void S_quotes(sg_item *it, size_t n)
{
	size_t nq = 0;
	for (size_t k = 0; k < n; k++)
		if (S_open_quote(it[k].cp) || S_close_quote(it[k].cp))
			nq++;
	if (nq == 0)
		return;
	/* Unmatched opening quotes, double and single apart. */
	size_t *open[2] = {sg_xmalloc(nq * sizeof(size_t)), sg_xmalloc(nq * sizeof(size_t))};
	size_t nopen[2] = {0, 0};
	for (size_t k = 0; k < n; k++) {
		uint32_t cp = it[k].cp;
		int kind = cp == 0x201C || cp == 0x201D ? 0 : 1;
		if (S_open_quote(cp)) {
			size_t m = k + 1;
			while (m < n && S_open_quote(it[m].cp))
				m++;
			if (m < n && (it[m].flags & SG_ITEM_CJK))
				it[k].flags |= SG_ITEM_CJK;
			open[kind][nopen[kind]++] = k;
		} else if (S_close_quote(cp)) {
			if (cp == 0x2019 && k > 0 && k + 1 < n && S_word_char(it[k - 1].cp) &&
			    S_word_char(it[k + 1].cp))
				continue; /* an apostrophe */
			size_t m = k;
			while (m > 0 && S_close_quote(it[m - 1].cp))
				m--;
			if (m > 0 && (it[m - 1].flags & SG_ITEM_CJK))
				it[k].flags |= SG_ITEM_CJK;
			if (nopen[kind] > 0) {
				size_t o = open[kind][--nopen[kind]];
				if ((it[o].flags | it[k].flags) & SG_ITEM_CJK) {
					it[o].flags |= SG_ITEM_CJK;
					it[k].flags |= SG_ITEM_CJK;
				}
			}
		}
	}
	free(open[0]);
	free(open[1]);
}

void sg_linebreak(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
		  bool justify)
{
	sg_linebreak_indent(out, p, fs, width, 0, justify);
}

/* Each item's break opportunity after it (libunibreak, on the normalised
 * text) and what it is: a space, CJK, outside the BMP. */
static void S_classify(sg_lines *out)
{
	/* A table cell is a few words: no allocation for those. */
	char small[256];
	char *brks = out->text.len <= sizeof small ? small : sg_xmalloc(out->text.len);
	sg_linebreak_opportunities(out->text.data, out->text.len, brks);
	for (size_t k = 0; k < out->nitems; k++) {
		sg_item *it = &out->items[k];
		it->brk = (uint8_t)brks[it->off + it->len - 1];
		if (it->cp == ' ' || it->cp == S_LINE_SEPARATOR)
			it->flags |= SG_ITEM_SPACE;
		if (sg_utf8_is_cjk(it->cp))
			it->flags |= SG_ITEM_CJK;
		if (it->cp == 0x3000)
			it->flags |= SG_ITEM_BLANK;
	}
	if (brks != small)
		free(brks);
}

/* Each item's font (the slot of its run's font set that has it, CJK or
 * Latin first as the item is) and advance at its run's size; an object's
 * item is as wide as the object. */
static void S_measure(sg_lines *out, const sg_para *p, const sg_fontset *fs)
{
	for (size_t k = 0; k < out->nitems; k++) {
		sg_item *it = &out->items[k];
		const sg_text_run *r = &p->runs[it->run];
		const sg_fontset *rfs = sg_text_run_fontset(r, fs);
		if (r->object > 0) {
			it->flags |= SG_ITEM_OBJECT;
			it->advance = r->object;
			continue;
		}
		bool missing = false;
		sg_font_script pref = (it->flags & SG_ITEM_CJK) ? SG_FONT_CJK : SG_FONT_LATIN;
		it->slot = (uint8_t)sg_fontset_choose_in(rfs, it->cp, r->style, pref, &missing);
		if (missing && it->cp != S_LINE_SEPARATOR && !(it->flags & SG_ITEM_BLANK))
			it->flags |= SG_ITEM_MISSING;
		if (it->cp != S_LINE_SEPARATOR)
			it->advance = sg_fontset_advance(rfs, it->slot, it->cp, r->size);
		if ((it->flags & SG_ITEM_BLANK) && missing)
			it->advance = r->size; /* an ideographic space is an em */
	}
}

/* Spaces by base/cjkspace.h: a space between two Han characters or beside
 * Chinese punctuation goes (the break it offered stays with the item before
 * it), one between Han and a Latin letter or digit is a quarter em. A
 * no-break space (U+00A0, which binds a number to its unit in a table cell)
 * is taken the same way, and still offers no break. */
static void S_spaces(sg_lines *out)
{
	sg_item *it = out->items;
	size_t n = out->nitems, m = 0;
	for (size_t k = 0; k < n; k++) {
		if ((it[k].cp == ' ' || it[k].cp == 0xA0) && m > 0 && k + 1 < n) {
			sg_cjk_gap g = sg_cjk_gap_between(sg_item_kind(&it[m - 1]),
							  sg_item_kind(&it[k + 1]));
			if (g == SG_GAP_DROP) {
				it[m - 1].brk = it[k].brk;
				continue;
			}
			if (g == SG_GAP_QUARTER)
				it[k].flags |= SG_ITEM_SPACE | SG_ITEM_AUTOSPACE;
		}
		it[m++] = it[k];
	}
	out->nitems = m;
}

/* Breaks p as sg_linebreak_indent() says, every step of it. */
static void S_break(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
		    double indent, bool justify)
{
	sg_buf_clear(&out->text);
	out->nitems = 0;
	out->nlines = 0;
	out->total_fit = false;
	S_normalise(out, p);
	if (out->nitems == 0)
		return;
	S_classify(out);
	S_quotes(out->items, out->nitems);
	if (!p->verbatim)
		S_spaces(out);
	S_measure(out, p, fs);
	out->items[out->nitems - 1].brk = SG_BREAK_MUST;
	/* A table cell is a few words: no allocation for those. */
	sg_lb_aux small[64];
	sg_lb_aux *aux = out->nitems <= 64 ? small : sg_xmalloc(out->nitems * sizeof *aux);
	memset(aux, 0, out->nitems * sizeof *aux);
	sg_lb b = {out, p, fs, aux, width, indent, justify};
	sg_lineset_blanks(&b); /* first: linerules.c measures tokens without them */
	sg_linerules_apply(&b);
	sg_lineset_lines(&b);
	if (aux != small)
		free(aux);
}

void sg_linebreak_indent(sg_lines *out, const sg_para *p, const sg_fontset *fs, double width,
			 double indent, bool justify)
{
	sg_linememo_key k = sg_linememo_key_of(p, fs, width, indent, justify);
	if (sg_linememo_get(&k, out))
		return;
	S_break(out, p, fs, width, indent, justify);
	sg_linememo_put(&k, out);
}
