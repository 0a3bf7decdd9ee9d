/*
 * linerules.c - where a line may break beyond UAX #14 and clreq (step 2 of
 * linebreak.h's design note): a number keeps its unit and a currency its
 * amount, "/" between Han characters holds, the last line of a paragraph
 * holds two Han characters or a whole word; and the breaks a Latin token
 * too long for a line needs, and those of hyphenation.
 *
 * The rules read the items as they are after normalising (one space at
 * most between two characters, spaces beside Chinese dropped), so "700人",
 * "700 人" and "700\n人" look alike here.
 */
#include <string.h>

#include "base/alloc.h"
#include "layout/linebreak_int.h"

#define S_LINE_SEPARATOR 0x2028
/* Words longer than this are not hyphenated (no English word is). */
#define S_HYPH_MAX 64

static bool S_glyph(const sg_item *it)
{
	return !(it->flags & SG_ITEM_SPACE);
}

static bool S_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool S_ascii_letter(uint32_t cp)
{
	return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

static bool S_han(const sg_item *it)
{
	return sg_item_kind(it) == SG_CJK_HAN;
}

/* A letter or digit of a Latin-like script. */
static bool S_alnum(const sg_item *it)
{
	return sg_item_kind(it) == SG_CJK_LATIN;
}

/* The next item after k that is not a plain space (a hard break is not
 * skipped), or n. */
static size_t S_next_glyph(const sg_item *it, size_t n, size_t k)
{
	size_t j = k + 1;
	if (j < n && (it[j].flags & SG_ITEM_SPACE) && it[j].cp != S_LINE_SEPARATOR)
		j++;
	return j;
}

/* Forbids every break from item a up to (not after) item b. */
static void S_hold(sg_item *it, sg_lb_aux *aux, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		if (it[k].brk != SG_BREAK_MUST)
			it[k].brk = SG_BREAK_NONE;
		aux[k].extra = SG_LB_NO_EXTRA;
	}
}

/* ---- numbers ----------------------------------------------------------- */

/* Units written in Latin letters after a number: 50 MB, 3 GHz, 20 ms. */
static const char *const S_units[] = {
	"B",   "KB",  "MB",	"GB",	"TB",  "PB",  "kB",  "bit", "bps",  "Kbps", "Mbps", "Gbps",
	"Hz",  "kHz", "MHz",	"GHz",	"W",   "kW",  "MW",  "kWh", "V",    "A",    "mA",   "mAh",
	"g",   "kg",  "mg",	"t",	"m",   "km",  "cm",  "mm",  "nm",   "ms",   "s",    "min",
	"h",   "px",  "pt",	"dpi",	"ppi", "K",   "M",   "k",   "x",    "fps",  "IOPS", "QPS",
	"TPS", "GiB", "MiB",	"TiB",	"KiB", "L",   "mL",  "m2",  "m3",   "sq",   "ft",   "in",
	"lb",  "oz",  "pcs",	"USD",	"CNY", "RMB", "EUR", "HKD", "days", "hrs",  "yrs",
};

/* Currency codes written before an amount: CNY 86,400. */
static const char *const S_currencies[] = {
	"CNY", "RMB", "USD", "EUR", "GBP", "JPY", "HKD", "TWD", "MOP",
	"SGD", "AUD", "CAD", "CHF", "KRW", "NZD", "INR", "RUB",
};

static bool S_currency_sign(uint32_t cp)
{
	return cp == '$' || cp == 0xA5 || cp == 0xFFE5 || cp == 0x20AC || cp == 0xA3 ||
	       cp == 0x20A9 || cp == 0x20B9;
}

/* Signs that are a number's unit: 99.9 %, 30 ℃. */
static bool S_unit_sign(uint32_t cp)
{
	return cp == '%' || cp == 0xFF05 || cp == 0x2030 || cp == 0x2103 || cp == 0xB0;
}

/* Whether the Latin word at items [k, end) (end: its first non-letter)
 * spells one of words. */
static bool S_word_in(const sg_lines *l, size_t k, size_t end, const char *const *words,
		      size_t nwords)
{
	size_t len = end - k;
	for (size_t w = 0; w < nwords; w++) {
		if (strlen(words[w]) != len)
			continue;
		size_t i = 0;
		while (i < len && l->items[k + i].cp == (unsigned char)words[w][i])
			i++;
		if (i == len)
			return true;
	}
	return false;
}

/* The end of the run of Latin letters (and digits, for m2) from item k. */
static size_t S_word_end(const sg_item *it, size_t n, size_t k)
{
	while (k < n && (S_ascii_letter(it[k].cp) || (it[k].cp >= '0' && it[k].cp <= '9')))
		k++;
	return k;
}

/* No break between a number and its unit (a Han character, a unit sign or
 * a Latin unit word that follows it), nor between a currency sign or code
 * and the amount after it, nor after the 第 of an ordinal (第 3 页). */
static void S_numbers(sg_lb *b)
{
	sg_lines *l = b->out;
	sg_item *it = l->items;
	size_t n = l->nitems;
	for (size_t k = 0; k + 1 < n; k++) {
		if (!S_glyph(&it[k]))
			continue;
		size_t j = S_next_glyph(it, n, k);
		if (j >= n || !S_glyph(&it[j]))
			continue;
		bool hold = false;
		if (S_digit(it[k].cp)) {
			if (S_han(&it[j]) && !S_digit(it[j].cp))
				hold = true;
			else if (S_unit_sign(it[j].cp))
				hold = true;
			else if (S_ascii_letter(it[j].cp)) {
				size_t e = S_word_end(it, n, j);
				size_t nu = sizeof S_units / sizeof *S_units;
				hold = (e == n || !S_alnum(&it[e])) && S_word_in(l, j, e, S_units, nu);
			}
		} else if (S_digit(it[j].cp)) {
			if (S_currency_sign(it[k].cp) || it[k].cp == 0x7B2C /* 第 */) {
				hold = true;
			} else if (S_ascii_letter(it[k].cp)) {
				size_t w = k + 1;
				while (w > 0 && S_ascii_letter(it[w - 1].cp))
					w--;
				hold = (w == 0 || !S_alnum(&it[w - 1])) &&
				       S_word_in(l, w, k + 1, S_currencies,
						 sizeof S_currencies / sizeof *S_currencies);
			}
		}
		if (hold) {
			S_hold(it, b->aux, k, j);
			b->aux[j - 1].unit = true;
		}
	}
}

/* The Han characters after a slash that name a unit, at most. */
#define S_UNIT_CHARS 3

/* 元/千瓦时, 人/天: a slash between Han characters is a unit's: no break
 * before it, and the unit after it (its Han characters, three at most) is
 * one word. A break right after it is offered at a cost, as in a URL. */
static void S_slashes(sg_lb *b)
{
	sg_item *it = b->out->items;
	size_t n = b->out->nitems;
	for (size_t k = 1; k + 1 < n; k++) {
		if ((it[k].cp != '/' && it[k].cp != 0xFF0F) || !S_han(&it[k - 1]) ||
		    !S_han(&it[k + 1]))
			continue;
		size_t e = k + 1;
		while (e + 1 < n && e - k < S_UNIT_CHARS && S_han(&it[e + 1]))
			e++;
		S_hold(it, b->aux, k - 1, e);
		b->aux[k].extra = SG_LB_TOKEN;
	}
}

/* ---- long tokens ------------------------------------------------------- */

/* Whether a break between items a and a + 1 keeps clreq's rules. */
static bool S_clreq_ok(const sg_item *it, size_t a)
{
	return !sg_linebreak_is_closing(it[a + 1].cp) && !sg_linebreak_is_opening(it[a].cp) &&
	       S_glyph(&it[a + 1]);
}

/* How narrow item k can be set: its advance less the blanks of a
 * full-width mark, which a line's shrink may take (lineset.c). */
static double S_min_width(const sg_lb *b, size_t k)
{
	return b->out->items[k].advance - b->aux[k].lb - b->aux[k].rb;
}

/* Whether item k is the comma of a number's thousands (1,327,107): where a
 * number too wide for any line breaks first. */
static bool S_thousands(const sg_item *it, size_t k)
{
	return it[k].cp == ',' && k > 0 && S_digit(it[k - 1].cp) && S_digit(it[k + 1].cp);
}

/* A token's break points, no hyphen added: after - / @ and after a dot
 * followed by a letter or digit (the dots of a domain, not a sentence's,
 * nor the decimal point of a number: 8.2, 1,327,107.20). */
static bool S_token_point(const sg_item *it, size_t k, size_t end)
{
	uint32_t c = it[k].cp;
	if (c == '-' || c == '/' || c == '@')
		return k + 1 < end;
	if (c == '.')
		return k + 1 < end && S_alnum(&it[k + 1]) &&
		       !(k > 0 && S_digit(it[k - 1].cp) && S_digit(it[k + 1].cp));
	return false;
}

/* The items [a, e) that hold no break: if wider than a third of the
 * measure (a URL, an e-mail address: text that leaves a line with a third
 * of it to fill when it moves whole to the next), break points after
 * - / @ . and, in pieces wider than the measure, between any two
 * characters. A group the number rules made (CNY 86,400 计) that no line
 * can hold breaks first where they took a break away, so that a word in
 * it (CNY) breaks only if it is itself too wide. */
static void S_token(sg_lb *b, size_t a, size_t e, double measure)
{
	sg_item *it = b->out->items;
	double w = 0;
	for (size_t k = a; k < e; k++)
		w += S_min_width(b, k);
	if (w > measure)
		for (size_t k = a; k + 1 < e; k++)
			if (b->aux[k].unit && S_clreq_ok(it, k))
				b->aux[k].extra = SG_LB_TOKEN;
	if (w <= measure / 3) {
		/* A phone number may break after a hyphen, dearly: rather that
		 * than a line spread out or left short before it. */
		for (size_t k = a + 1; k + 2 < e; k++)
			if (it[k].cp == '-' && S_digit(it[k - 1].cp) && S_digit(it[k + 1].cp))
				b->aux[k].extra = SG_LB_NUMBER;
		return;
	}
	for (size_t k = a; k + 1 < e; k++)
		if (S_token_point(it, k, e) && S_clreq_ok(it, k))
			b->aux[k].extra = SG_LB_TOKEN;
	size_t p = a;
	while (p < e) {
		size_t q = p;
		double pw = 0;
		while (q < e) {
			pw += S_min_width(b, q);
			if (b->aux[q].extra == SG_LB_TOKEN)
				break;
			q++;
		}
		size_t pe = q < e ? q + 1 : e; /* the piece [p, pe) */
		if (pw > measure)
			for (size_t k = p; k + 1 < pe; k++)
				if (b->aux[k].extra == SG_LB_NO_EXTRA && S_clreq_ok(it, k))
					b->aux[k].extra = S_thousands(it, k) ? SG_LB_TOKEN
									      : SG_LB_CHAR;
		p = pe;
	}
}

/* Tokens are measured against the full measure: one that fits there but
 * not on an indented first line moves to the second line whole. Only the
 * paragraph's first token, which no line but the first can hold, is
 * measured against the first line. */
static void S_tokens(sg_lb *b)
{
	sg_item *it = b->out->items;
	size_t n = b->out->nitems;
	double first = b->width - (b->indent > 0 ? b->indent : 0);
	size_t a = 0;
	for (size_t k = 0; k < n; k++) {
		if (it[k].brk != SG_BREAK_NONE || k + 1 == n) {
			size_t s = a;
			while (s <= k && !S_glyph(&it[s]))
				s++;
			size_t e = k + 1;
			while (e > s && !S_glyph(&it[e - 1]))
				e--;
			if (e > s + 1)
				S_token(b, s, e, s == 0 && first < b->width ? first : b->width);
			a = k + 1;
		}
	}
}

/* ---- hyphenation ------------------------------------------------------- */

/* The hyphenation points of the English words of a justified paragraph:
 * runs of five or more ASCII letters between characters that are neither
 * letters nor digits, not all capitals (an acronym, a product's name), and
 * not part of an address or a path. */
static void S_hyphenate(sg_lb *b)
{
	sg_item *it = b->out->items;
	size_t n = b->out->nitems;
	char word[S_HYPH_MAX];
	bool points[S_HYPH_MAX];
	for (size_t k = 0; k < n;) {
		if (!S_ascii_letter(it[k].cp)) {
			k++;
			continue;
		}
		size_t e = k;
		while (e < n && S_ascii_letter(it[e].cp))
			e++;
		size_t len = e - k;
		bool ok = len >= 5 && len <= S_HYPH_MAX;
		if (k > 0 && (S_alnum(&it[k - 1]) || it[k - 1].cp == '/' || it[k - 1].cp == '@' ||
			      it[k - 1].cp == '.' || it[k - 1].cp == '_'))
			ok = false;
		if (e < n && (S_alnum(&it[e]) || it[e].cp == '/' || it[e].cp == '@' ||
			      it[e].cp == '_' ||
			      (it[e].cp == '.' && e + 1 < n && S_alnum(&it[e + 1]))))
			ok = false;
		size_t caps = 0;
		for (size_t i = 0; ok && i < len; i++) {
			word[i] = (char)it[k + i].cp;
			caps += it[k + i].cp < 'a';
			if (it[k + i].brk != SG_BREAK_NONE && i + 1 < len)
				ok = false;
		}
		if (ok && caps > 1)
			ok = false;
		if (ok && sg_linehyph_points(word, len, points))
			for (size_t i = 0; i + 1 < len; i++)
				if (points[i] && b->aux[k + i].extra == SG_LB_NO_EXTRA)
					b->aux[k + i].extra = SG_LB_HYPHEN;
		k = e;
	}
}

/* ---- the last line ----------------------------------------------------- */

/* The paragraph (or the part before a hard break) that ends before item e:
 * its last line holds at least two Han characters, or its last Latin word
 * whole. */
static void S_last_line(sg_lb *b, size_t from, size_t e)
{
	sg_item *it = b->out->items;
	size_t u = e;
	while (u > from && !S_han(&it[u - 1]) && !S_alnum(&it[u - 1]))
		u--;
	if (u == from)
		return;
	u--; /* the last Han character or Latin letter or digit */
	if (S_han(&it[u])) {
		size_t v = u;
		while (v > from && !S_han(&it[v - 1]) && !S_alnum(&it[v - 1]) &&
		       it[v - 1].brk != SG_BREAK_MUST)
			v--;
		if (v > from)
			S_hold(it, b->aux, v - 1, u);
		return;
	}
	/* A Latin word: from the last space or CJK character. */
	size_t w = u;
	double width = it[u].advance;
	while (w > from && S_glyph(&it[w - 1]) && !(it[w - 1].flags & SG_ITEM_CJK)) {
		w--;
		width += it[w].advance;
	}
	if (width <= b->width - b->indent) /* unless no line could hold it */
		S_hold(it, b->aux, w, u);
}

static void S_last_lines(sg_lb *b)
{
	sg_item *it = b->out->items;
	size_t n = b->out->nitems, from = 0;
	for (size_t k = 0; k < n; k++) {
		if (it[k].cp == S_LINE_SEPARATOR || k + 1 == n) {
			S_last_line(b, from, it[k].cp == S_LINE_SEPARATOR ? k : n);
			from = k + 1;
		}
	}
}

void sg_linerules_apply(sg_lb *b)
{
	S_numbers(b);
	S_slashes(b);
	/* Hyphenation points first: a word too wide for a line then breaks
	 * at them before it breaks anywhere. */
	if (b->p->hyphenate && b->justify)
		S_hyphenate(b);
	S_tokens(b);
	S_last_lines(b);
}
