/*
 * lineset.c - the measured items of a paragraph as boxes, glue and penalties,
 * broken into lines and placed (steps 3 to 5 of linebreak.h's design note).
 *
 * Every glyph item is a box as wide as its ink allows: a full-width mark
 * without the blank side that may go (sg_lb_aux.lb, rb), which comes back as
 * glue, shrinkable to nothing, unless the pair rule took it for good. What
 * lies between two glyph items (a space item, a quarter em of autospace,
 * the stretch between CJK characters, a mark's blank) is one glue, and a
 * break there is free; where the line may not break, a penalty of
 * SG_TOTALFIT_INFINITY stands before the glue. Two more break points make
 * the blanks a line's fit decides:
 *
 *   closing mark then b:   box(，) glue(blank ...) penalty(0) box(b)
 *     a break at the glue ends the line with the mark's ink (half width), one
 *     at the penalty keeps the blank as glue (full width, or what the line's
 *     shrink leaves of it);
 *   a then opening mark:   box(a) glue(...) box(0) glue(blank) box(（)
 *     a break at the first glue starts the next line with the mark's blank
 *     (the empty box keeps it from being dropped), one at the second with
 *     its ink.
 *
 * The tags (sg_totalfit_item.index) lead back to the items: the box of a
 * glyph item, the glue of a space item; the other pieces have none.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/font_hb.h"
#include "layout/linebreak_int.h"
#include "layout/totalfit.h"

#define S_EPSILON 1e-6
#define S_LINE_SEPARATOR 0x2028

/* Glue between CJK characters: it stretches a twentieth of an em. */
#define S_CJK_STRETCH 0.05
/* Han next to a Latin letter or digit: a quarter em, nearly fixed. */
#define S_AUTOSPACE 0.25
#define S_AUTOSPACE_GIVE 0.015
/* A blank narrower than this (in em) is no blank: the mark is not
 * compressed at all. */
#define S_MIN_BLANK 0.1
/* The most a mark gives up. */
#define S_MAX_BLANK 0.5

/* Penalties of the breaks that are not free (linebreak.h's step 3). */
#define S_COST_LATIN 50.0
#define S_COST_HYPHEN 50.0
#define S_COST_TOKEN 100.0
#define S_COST_NUMBER 500.0
#define S_COST_CHAR 1000.0

/* Tags: which item a piece stands for. */
#define S_NO_TAG ((size_t)-1)
#define S_TAG_GLYPH(k) ((k) * 2)
#define S_TAG_SPACE(k) ((k) * 2 + 1)

/* ---- punctuation ------------------------------------------------------- */

/* A mark whose blank follows its ink: a stop, a closing bracket or quote
 * (clreq's closing marks less the iteration mark 々 and the middle dot). */
static bool S_closing_mark(const sg_item *it)
{
	return (it->flags & SG_ITEM_CJK) && sg_linebreak_is_closing(it->cp) && it->cp != 0x3005 &&
	       it->cp != 0x30FB;
}

static bool S_opening_mark(const sg_item *it)
{
	return (it->flags & SG_ITEM_CJK) && sg_linebreak_is_opening(it->cp);
}

/* The blank of item it before (left) and after (right) its ink, points: what
 * its glyph's extents leave of its advance. */
static void S_ink_blanks(const sg_lb *b, const sg_item *it, double *left, double *right)
{
	*left = *right = 0;
	const sg_fontset *fs = sg_text_run_fontset(&b->p->runs[it->run], b->fs);
	const sg_font_face *face = sg_fontset_slot(fs, it->slot)->face;
	hb_font_t *font = sg_font_face_hb_font(face);
	hb_codepoint_t g;
	hb_glyph_extents_t e;
	if (!hb_font_get_nominal_glyph(font, it->cp, &g) || !hb_font_get_glyph_extents(font, g, &e))
		return;
	hb_position_t adv = hb_font_get_glyph_h_advance(font, g);
	if (adv <= 0 || e.width <= 0)
		return;
	double scale = it->advance / adv;
	*left = e.x_bearing * scale;
	*right = (adv - e.x_bearing - e.width) * scale;
}

/* How much of a blank may go: none when it is too narrow to matter, at
 * most half an em. */
static double S_usable(double blank, double em)
{
	if (blank < S_MIN_BLANK * em)
		return 0;
	return blank < S_MAX_BLANK * em ? blank : S_MAX_BLANK * em;
}

void sg_lineset_blanks(sg_lb *b)
{
	if (b->p->verbatim)
		return;
	sg_item *it = b->out->items;
	sg_lb_aux *aux = b->aux;
	size_t n = b->out->nitems;
	for (size_t k = 0; k < n; k++) {
		bool closing = S_closing_mark(&it[k]), opening = S_opening_mark(&it[k]);
		if ((!closing && !opening) || b->p->runs[it[k].run].punct == SG_PUNCT_NONE)
			continue;
		double left, right, em = sg_lb_em(b, &it[k]);
		S_ink_blanks(b, &it[k], &left, &right);
		if (closing)
			aux[k].rb = S_usable(right, em);
		else
			aux[k].lb = S_usable(left, em);
	}
	/* Of two adjacent marks, one is set half width (clreq 3.1.6): a
	 * closing mark or stop before any mark loses its trailing blank, an
	 * opening mark after an opening mark its leading one. */
	for (size_t k = 0; k + 1 < n; k++) {
		const sg_item *a = &it[k], *c = &it[k + 1];
		bool c_mark = S_closing_mark(c) || S_opening_mark(c);
		if (aux[k].rb > 0 && c_mark)
			aux[k].rfix = true;
		else if (S_opening_mark(a) && aux[k + 1].lb > 0)
			aux[k + 1].lfix = true;
	}
}

/* ---- the glue model ---------------------------------------------------- */

typedef struct S_model {
	sg_totalfit_item *v;
	size_t n, cap;
	sg_totalfit_item small[256];
} S_model;

static void S_put(S_model *m, sg_totalfit_item t)
{
	if (m->n == m->cap) {
		size_t cap = m->cap * 2;
		if (m->v == m->small) {
			m->v = sg_xmalloc(cap * sizeof *m->v);
			memcpy(m->v, m->small, m->n * sizeof *m->v);
		} else {
			m->v = sg_xrealloc(m->v, cap * sizeof *m->v);
		}
		m->cap = cap;
	}
	m->v[m->n++] = t;
}

/* The blank a mark keeps as glue (not taken by the pair rule). */
static double S_lglue(const sg_lb_aux *a)
{
	return a->lfix ? 0 : a->lb;
}

static double S_rglue(const sg_lb_aux *a)
{
	return a->rfix ? 0 : a->rb;
}

/* The width of a hyphen after item it, in its run's Latin face. */
static double S_hyphen_width(const sg_lb *b, const sg_item *it)
{
	const sg_text_run *r = &b->p->runs[it->run];
	const sg_fontset *fs = sg_text_run_fontset(r, b->fs);
	int slot = sg_fontset_choose_in(fs, '-', r->style, SG_FONT_LATIN, NULL);
	return sg_fontset_advance(fs, slot, '-', r->size);
}

/* Whether item it is an inline object as wide as the measure (an image set
 * in the text at full width): it stands on a line of its own, and the line
 * before it ends there as a paragraph's last line does, ragged, rather
 * than spread out to fill. */
static bool S_alone(const sg_lb *b, const sg_item *it)
{
	return (it->flags & SG_ITEM_OBJECT) && it->advance >= b->width - S_EPSILON;
}

/* What lies between glyph items a and c, with the space item s between them
 * (S_NO_TAG: none). */
static void S_gap(S_model *m, const sg_lb *b, size_t a, size_t s, size_t c)
{
	const sg_item *it = b->out->items;
	const sg_item *ia = &it[a], *ic = &it[c];
	const sg_lb_aux *aa = &b->aux[a], *ac = &b->aux[c];
	double ea = sg_lb_em(b, ia), ec = sg_lb_em(b, ic), em = ea > ec ? ea : ec;
	double han_em = sg_item_kind(ia) == SG_CJK_HAN ? ea : ec;
	double rb = S_rglue(aa), lb = S_lglue(ac);
	double base = 0, st = 0, sh = 0;
	bool autospace = false;
	if (s != S_NO_TAG) {
		autospace = (it[s].flags & SG_ITEM_AUTOSPACE) != 0;
		if (!autospace) {
			base = it[s].advance;
			st = base / 2;
			sh = base / 3;
		}
	} else if (!b->p->verbatim &&
		   sg_cjk_gap_between(sg_item_kind(ia), sg_item_kind(ic)) == SG_GAP_QUARTER) {
		autospace = true;
	} else if ((ia->flags | ic->flags) & SG_ITEM_CJK) {
		st = S_CJK_STRETCH * em;
	}
	if (autospace) {
		base = S_AUTOSPACE * han_em;
		st = sh = S_AUTOSPACE_GIVE * han_em;
	}
	size_t tag = s != S_NO_TAG ? S_TAG_SPACE(s) : S_NO_TAG;
	bool glue = rb > 0 || lb > 0 || base > 0 || st > 0;
	int brk = s != S_NO_TAG ? it[s].brk : ia->brk;
	if (brk == SG_BREAK_ALLOW && (S_alone(b, ia) || S_alone(b, ic)))
		brk = SG_BREAK_MUST;
	uint8_t extra = aa->extra;
	if (s != S_NO_TAG && b->aux[s].extra > extra)
		extra = b->aux[s].extra;

	if (brk == SG_BREAK_MUST) { /* a paragraph separator, a full-width image */
		S_put(m, sg_totalfit_penalty(0, -SG_TOTALFIT_INFINITY, false, tag));
		return;
	}
	if (brk == SG_BREAK_ALLOW && glue) {
		S_put(m, sg_totalfit_glue(rb + base, st, rb + sh, tag));
		if (rb > 0)
			S_put(m, sg_totalfit_penalty(0, 0, false, S_NO_TAG));
		if (lb > 0) {
			S_put(m, sg_totalfit_box(0, S_NO_TAG));
			S_put(m, sg_totalfit_glue(lb, 0, lb, S_NO_TAG));
		}
		return;
	}
	if (brk == SG_BREAK_ALLOW) /* inside a Latin token: after - or / */
		S_put(m, sg_totalfit_penalty(0, S_COST_LATIN, ia->cp == '-', S_NO_TAG));
	else if (extra == SG_LB_HYPHEN)
		S_put(m, sg_totalfit_penalty(S_hyphen_width(b, ia), S_COST_HYPHEN, true, S_NO_TAG));
	else if (extra == SG_LB_TOKEN)
		S_put(m, sg_totalfit_penalty(0, S_COST_TOKEN, false, S_NO_TAG));
	else if (extra == SG_LB_NUMBER)
		S_put(m, sg_totalfit_penalty(0, S_COST_NUMBER, false, S_NO_TAG));
	else if (extra == SG_LB_CHAR)
		S_put(m, sg_totalfit_penalty(0, S_COST_CHAR, false, S_NO_TAG));
	else if (glue)
		S_put(m, sg_totalfit_penalty(0, SG_TOTALFIT_INFINITY, false, S_NO_TAG));
	if (glue)
		S_put(m, sg_totalfit_glue(rb + base + lb, st, rb + sh + lb, tag));
}

/* The box of glyph item k: its advance less the blanks that may go. */
static sg_totalfit_item S_box(const sg_lb *b, size_t k)
{
	const sg_item *it = &b->out->items[k];
	return sg_totalfit_box(it->advance - b->aux[k].lb - b->aux[k].rb, S_TAG_GLYPH(k));
}

static bool S_is_separator(const sg_item *it)
{
	return it->cp == S_LINE_SEPARATOR;
}

static void S_build(S_model *m, const sg_lb *b)
{
	const sg_item *it = b->out->items;
	size_t n = b->out->nitems;
	size_t k = 0;
	/* A paragraph that starts with an opening mark starts with its blank;
	 * hard breaks first are lines of their own. */
	while (k < n && S_is_separator(&it[k])) {
		S_put(m, sg_totalfit_penalty(0, -SG_TOTALFIT_INFINITY, false, S_TAG_SPACE(k)));
		k++;
	}
	if (k < n && S_lglue(&b->aux[k]) > 0) {
		double lb = S_lglue(&b->aux[k]);
		S_put(m, sg_totalfit_glue(lb, 0, lb, S_NO_TAG));
	}
	while (k < n) {
		S_put(m, S_box(b, k));
		size_t j = k + 1, s = S_NO_TAG;
		if (j < n && (it[j].flags & SG_ITEM_SPACE) && !S_is_separator(&it[j]))
			s = j++;
		if (j < n && S_is_separator(&it[j])) {
			/* A line ends at its ink before a hard break (a glue there
			 * would be a break of its own, before an empty line). */
			while (j < n && S_is_separator(&it[j])) {
				S_put(m, sg_totalfit_penalty(0, -SG_TOTALFIT_INFINITY, false,
							     S_TAG_SPACE(j)));
				j++;
			}
			if (j < n && S_lglue(&b->aux[j]) > 0) {
				double lb = S_lglue(&b->aux[j]);
				S_put(m, sg_totalfit_box(0, S_NO_TAG));
				S_put(m, sg_totalfit_glue(lb, 0, lb, S_NO_TAG));
			}
			k = j;
			continue;
		}
		if (j >= n)
			break; /* the paragraph ends at the ink of its last mark */
		S_gap(m, b, k, s, j);
		k = j;
	}
}

/* ---- breaking ---------------------------------------------------------- */

static bool S_forced(const sg_totalfit_item *t)
{
	return t->kind == SG_TOTALFIT_PENALTY && t->cost <= -SG_TOTALFIT_INFINITY;
}

/* The first item of the line after a break at item e (totalfit.h's rule:
 * glue and penalties after a break go, up to a box or a forced break). */
static size_t S_after(const sg_totalfit_item *v, size_t n, size_t e)
{
	size_t s = e + (e < n);
	while (s < n && v[s].kind != SG_TOTALFIT_BOX && !S_forced(&v[s]))
		s++;
	return s;
}

typedef struct S_sums {
	double w, y, z;
} S_sums;

/* How a line of natural width w, stretch y and shrink z is set in measure
 * L: stretched when justified and not its paragraph's last (ragged),
 * shrunk when too wide. */
static void S_fit(sg_totalfit_line *ln, double L, S_sums s, bool justify, bool ragged)
{
	ln->width = L;
	ln->natural = s.w;
	ln->ratio = 0;
	ln->overfull = false;
	ln->excess = 0;
	if (s.w > L + S_EPSILON) {
		if (s.z > S_EPSILON)
			ln->ratio = fmax(-1, (L - s.w) / s.z);
		if (s.w - s.z > L + S_EPSILON) {
			ln->overfull = true;
			ln->excess = s.w - s.z - L;
		}
	} else if (justify && !ragged && s.y > S_EPSILON) {
		ln->ratio = (L - s.w) / s.y;
	}
}

/* A line into the result, growing it. */
static sg_totalfit_line *S_line(sg_totalfit *tf)
{
	if (tf->nlines == tf->lines_cap) {
		tf->lines_cap = tf->lines_cap ? tf->lines_cap * 2 : 16;
		tf->lines = sg_xrealloc(tf->lines, tf->lines_cap * sizeof *tf->lines);
	}
	sg_totalfit_line *ln = &tf->lines[tf->nlines++];
	memset(ln, 0, sizeof *ln);
	return ln;
}

/* How much a break costs, for the greedy breaker: 0 free (glue, or a break
 * UAX #14 offers inside a word), 1 dear (a long token's, a phone number's),
 * 2 a last resort (between any two characters of a token too wide). */
static int S_tier(const sg_totalfit_item *t)
{
	if (t->kind != SG_TOTALFIT_PENALTY || t->cost <= S_COST_LATIN)
		return 0;
	return t->cost < S_COST_CHAR ? 1 : 2;
}

/* Each line takes what fits with all its shrink, up to the last free break
 * that fits (else the last dear one, else any); a line that nothing fits on
 * ends at its first break, overfull. A line that the last free break would
 * leave less than S_GREEDY_SHORT full ends at a later dear break instead
 * (inside an address or a phone number, never inside a word that fits). */
#define S_GREEDY_SHORT 0.6

static void S_greedy(sg_totalfit *tf, const sg_totalfit_item *v, size_t n, const double *widths,
		     size_t nwidths, bool justify)
{
	tf->nlines = 0;
	size_t pos = 0;
	while (pos < n || tf->nlines == 0) {
		double L = widths[tf->nlines < nwidths ? tf->nlines : nwidths - 1];
		S_sums s = {0, 0, 0}, best_s[3], end_s = s;
		size_t best[3] = {S_NO_TAG, S_NO_TAG, S_NO_TAG}, end = S_NO_TAG;
		bool any = false;
		size_t j;
		for (j = pos; j < n; j++) {
			const sg_totalfit_item *t = &v[j];
			bool legal =
				(t->kind == SG_TOTALFIT_GLUE && j > 0 &&
				 v[j - 1].kind == SG_TOTALFIT_BOX) ||
				(t->kind == SG_TOTALFIT_PENALTY && t->cost < SG_TOTALFIT_INFINITY);
			if (legal && j > pos) {
				S_sums at = s;
				if (t->kind == SG_TOTALFIT_PENALTY)
					at.w += t->width;
				bool fits = at.w - at.z <= L + S_EPSILON;
				if (fits) {
					best[S_tier(t)] = j;
					best_s[S_tier(t)] = at;
				}
				if (S_forced(t) || !fits) {
					if (!any || (S_forced(t) && fits)) {
						end = j;
						end_s = at;
					}
					break;
				}
				any = true;
			} else if (S_forced(t)) {
				end = j; /* a forced break first: an empty line */
				end_s = s;
				break;
			}
			if (t->kind == SG_TOTALFIT_BOX) {
				s.w += t->width;
			} else if (t->kind == SG_TOTALFIT_GLUE) {
				s.w += t->width;
				s.y += t->stretch;
				s.z += t->shrink;
			}
		}
		if (end == S_NO_TAG) {
			if (j == n && (s.w - s.z <= L + S_EPSILON || !any)) {
				end = n;
				end_s = s;
			} else {
				int tier = best[0] != S_NO_TAG ? 0 : best[1] != S_NO_TAG ? 1 : 2;
				/* A dear break rather than a line left less than
				 * S_GREEDY_SHORT full at the last free one (邮箱 |
				 * zhang.wei@ rather than a line of 箱 alone). */
				if (tier == 0 && best[1] != S_NO_TAG && best[1] > best[0] &&
				    best_s[0].w < S_GREEDY_SHORT * L)
					tier = 1;
				end = best[tier];
				end_s = best_s[tier];
			}
		}
		sg_totalfit_line *ln = S_line(tf);
		ln->start = pos;
		ln->end = end;
		S_fit(ln, L, end_s, justify, end == n || S_forced(&v[end]));
		if (ln->overfull)
			tf->stats.overfull++;
		if (end >= n)
			break;
		pos = S_after(v, n, end);
		if (pos >= n && !S_forced(&v[end]))
			break;
	}
}

/* ---- placing ----------------------------------------------------------- */

/* A hyphen ending line li (its last item e - 1), to be inserted. */
typedef struct S_hyphen {
	size_t line;
	double x, width;
} S_hyphen;

/* Whether glue t is a space between words (typed, not an autospace). */
static bool S_word_space(const sg_lb *b, const sg_totalfit_item *t)
{
	return t->kind == SG_TOTALFIT_GLUE && t->index != S_NO_TAG && (t->index & 1) &&
	       !(b->out->items[t->index / 2].flags & SG_ITEM_AUTOSPACE);
}

/* A line of line tl that would be set looser than SG_LINEBREAK_MAX_RATIO
 * (ratio r) keeps every gap between Chinese characters at that limit, and
 * its word spaces take the rest when that adds at most S_WORD_EXTRA_MAX em
 * to each, so that a justified line of English (a narrow list item, a long
 * word after it) still reaches the margin: what each word space's stretch
 * gets on top of the limit. 0 for a line without word spaces, or one that
 * would open a hole between two words (a line of Chinese with one English
 * name, short because an amount after it cannot be split): it stays short. */
#define S_WORD_EXTRA_MAX 0.6

static double S_word_extra(const sg_lb *b, const sg_totalfit_item *v, size_t nv,
			   const sg_totalfit_line *tl, double r)
{
	double all = 0, words = 0;
	size_t nwords = 0;
	for (size_t j = tl->start; j < tl->end && j < nv; j++) {
		if (v[j].kind != SG_TOTALFIT_GLUE)
			continue;
		all += v[j].stretch;
		if (S_word_space(b, &v[j])) {
			words += v[j].stretch;
			nwords++;
		}
	}
	if (words <= 0)
		return 0;
	double rest = (r - SG_LINEBREAK_MAX_RATIO) * all;
	if (rest > S_WORD_EXTRA_MAX * b->p->runs[0].size * (double)nwords)
		return 0;
	return rest / words;
}

/* The height of a line of items [first, end): its largest size; an empty
 * line takes the size of the item after it, or of the paragraph's last. */
static double S_line_height(const sg_lb *b, size_t first, size_t end)
{
	const sg_item *it = b->out->items;
	size_t n = b->out->nitems;
	double h = 0;
	for (size_t k = first; k < end; k++) {
		double size = b->p->runs[it[k].run].size;
		if (size > h)
			h = size;
	}
	if (h == 0 && first < n)
		h = b->p->runs[it[first].run].size;
	else if (h == 0 && n > 0)
		h = b->p->runs[it[n - 1].run].size;
	return h;
}

/* Sets out->lines from the solver's lines over the model v: each item's x,
 * each line's extent, width, height; notes the hyphens to add. Returns how
 * many (into *hy, grown). */
static size_t S_place(const sg_lb *b, const sg_totalfit *tf, const sg_totalfit_item *v,
		      size_t nv, S_hyphen **hy)
{
	sg_lines *out = b->out;
	sg_item *it = out->items;
	size_t n = out->nitems, nh = 0, cap = 0;
	for (size_t k = 0; k < n; k++)
		it[k].x = 0;
	if (out->lines_cap < tf->nlines) {
		out->lines_cap = tf->nlines;
		out->lines = sg_xrealloc(out->lines, out->lines_cap * sizeof *out->lines);
	}
	out->nlines = tf->nlines;
	size_t prev_next = 0;
	for (size_t li = 0; li < tf->nlines; li++) {
		const sg_totalfit_line *tl = &tf->lines[li];
		sg_line *ln = &out->lines[li];
		memset(ln, 0, sizeof *ln);
		double r = tl->ratio;
		bool last = tl->end >= nv || S_forced(&v[tl->end]);
		double word = 0; /* what each word space's stretch gives beyond r */
		if (r > SG_LINEBREAK_MAX_RATIO) {
			if (!last)
				word = S_word_extra(b, v, nv, tl, r);
			r = SG_LINEBREAK_MAX_RATIO;
		}
		double x = 0;
		size_t first = S_NO_TAG, end = S_NO_TAG;
		for (size_t j = tl->start; j < tl->end && j < nv; j++) {
			const sg_totalfit_item *t = &v[j];
			size_t tag = t->index;
			if (tag != S_NO_TAG && first == S_NO_TAG)
				first = tag / 2;
			if (t->kind == SG_TOTALFIT_BOX) {
				if (tag != S_NO_TAG) {
					size_t k = tag / 2;
					it[k].x = x - b->aux[k].lb;
					end = k + 1;
				}
				x += t->width;
			} else if (t->kind == SG_TOTALFIT_GLUE) {
				if (tag != S_NO_TAG)
					it[tag / 2].x = x;
				x += t->width + (r >= 0 ? r * t->stretch : r * t->shrink);
				if (S_word_space(b, t))
					x += word * t->stretch;
			}
		}
		if (first == S_NO_TAG) {
			/* An empty line: a hard break right after another. */
			first = tl->end < nv && v[tl->end].index != S_NO_TAG ? v[tl->end].index / 2
									      : prev_next;
		}
		if (end == S_NO_TAG || end < first)
			end = first;
		if (!last && v[tl->end].kind == SG_TOTALFIT_PENALTY && v[tl->end].width > 0) {
			/* A hyphenation point: a hyphen follows the last item. */
			if (nh == cap) {
				cap = cap ? cap * 2 : 8;
				*hy = sg_xrealloc(*hy, cap * sizeof **hy);
			}
			(*hy)[nh++] = (S_hyphen){li, x, v[tl->end].width};
			x += v[tl->end].width;
		}
		ln->first = first;
		ln->end = end;
		ln->width = x;
		ln->ratio = last ? 0 : r;
		ln->hard = last;
		ln->overfull = tl->overfull;
		ln->height = S_line_height(b, first, end);
		if (li > 0)
			out->lines[li - 1].next = first;
		prev_next = end;
	}
	if (out->nlines > 0)
		out->lines[out->nlines - 1].next = n;
	return nh;
}

/* Adds the hyphen items of hy (in line order) after the lines' last items. */
static void S_add_hyphens(sg_lb *b, const S_hyphen *hy, size_t nh)
{
	sg_lines *out = b->out;
	size_t n = out->nitems;
	if (n + nh > out->items_cap) {
		out->items_cap = n + nh;
		out->items = sg_xrealloc(out->items, out->items_cap * sizeof *out->items);
	}
	sg_item *it = out->items;
	/* From the back: items after the h-th hyphen move h places on. */
	size_t src = n, dst = n + nh;
	for (size_t h = nh; h-- > 0;) {
		sg_line *ln = &out->lines[hy[h].line];
		size_t at = ln->end; /* the hyphen goes before item `at` */
		while (src > at)
			it[--dst] = it[--src];
		sg_item *hyph = &it[--dst];
		const sg_item *prev = &it[at - 1];
		const sg_text_run *r = &b->p->runs[prev->run];
		const sg_fontset *fs = sg_text_run_fontset(r, b->fs);
		memset(hyph, 0, sizeof *hyph);
		hyph->cp = '-';
		hyph->off = (uint32_t)out->text.len;
		hyph->len = 1;
		hyph->run = prev->run;
		hyph->slot = (uint8_t)sg_fontset_choose_in(fs, '-', r->style, SG_FONT_LATIN, NULL);
		hyph->flags = SG_ITEM_HYPHEN;
		hyph->advance = hy[h].width;
		hyph->x = hy[h].x;
		hyph->src = at < n ? it[dst + 1].src : b->p->text.len;
		sg_buf_putc(&out->text, '-');
	}
	out->nitems = n + nh;
	/* The lines' indices, hyphens before them counted. */
	size_t h = 0;
	for (size_t li = 0; li < out->nlines; li++) {
		sg_line *ln = &out->lines[li];
		ln->first += h;
		ln->end += h;
		if (h < nh && hy[h].line == li) {
			ln->end++;
			h++;
		}
		ln->next += h;
	}
}

void sg_lineset_lines(sg_lb *b)
{
	S_model m;
	m.v = m.small;
	m.n = 0;
	m.cap = sizeof m.small / sizeof *m.small;
	S_build(&m, b);

	double widths[2] = {b->width - b->indent, b->width};
	size_t nwidths = b->indent != 0 ? 2 : 1;
	sg_totalfit tf;
	sg_totalfit_init(&tf);
	b->out->total_fit = b->justify && m.n <= SG_TOTALFIT_GREEDY_ITEMS;
	if (b->out->total_fit) {
		/* Lines are never set looser than SG_LINEBREAK_MAX_RATIO, so
		 * one far past it is no worse than one a little past: the
		 * emergency pass does not spoil good lines to spare it. */
		sg_totalfit_params tp;
		sg_totalfit_params_default(&tp);
		tp.emergency_ratio = SG_LINEBREAK_MAX_RATIO;
		tp.emergency_slack = b->p->runs[0].size / 2; /* half an em */
		sg_totalfit_break(&tf, m.v, m.n, widths + (nwidths == 1), nwidths, &tp);
	}
	else
		S_greedy(&tf, m.v, m.n, widths + (nwidths == 1), nwidths, b->justify);

	S_hyphen *hy = NULL;
	size_t nh = S_place(b, &tf, m.v, m.n, &hy);
	if (nh > 0)
		S_add_hyphens(b, hy, nh);
	free(hy);
	sg_totalfit_dispose(&tf);
	if (m.v != m.small)
		free(m.v);
}
