/*
 * cjk_gaps.c - white space between Chinese and other text in a finished
 * page, dropped where base/cjkspace.h says (see cjk_gaps.h).
 *
 * One pass over the bytes, rewriting them in place: text is copied as it
 * is read, and a run of white space that follows a character is remembered
 * (where it was written) until the next character says whether it stays.
 * Between the two there may be inline tags the text is read across; the
 * run is then taken out of what was written since, tags kept. Each byte is
 * moved at most twice, so the pass is linear in the page.
 */
#include "render/html/cjk_gaps.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/cjkspace.h"
#include "base/utf8.h"

#define S_NONE SIZE_MAX

/* Deeper nesting of the inline elements below is read as a boundary. */
#define S_DEPTH 64

/* Plain inline markup the text is read across (when without a class). */
static const char *const S_inline[] = {"a",  "abbr", "b",   "cite", "del", "dfn", "em",
				       "i",  "ins",  "mark", "q",   "s",   "strong", "u",
				       "var"};

/* Elements whose content is left exactly as it is. */
static const char *const S_verbatim[] = {"code", "kbd",   "pre",      "samp",
					 "script", "style", "svg", "textarea", "title"};

typedef struct S_pass {
	char *s;
	size_t r, w, end; /* reading and writing positions, end of the text */
	bool zh;
	bool have;        /* prev is the last character of the text being read */
	sg_cjk_kind prev;
	size_t pend; /* where white space after prev was written, or S_NONE */
	/* The open inline elements: index in S_inline, and whether the tag
	 * had a class (so the text is not read across its end either). */
	struct {
		int name;
		bool opaque;
	} open[S_DEPTH];
	size_t depth; /* may pass S_DEPTH: those are not recorded */
	size_t dropped;
} S_pass;

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool S_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int S_index(const char *const *list, size_t n, const char *name, size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == k && strncasecmp(list[i], name, k) == 0)
			return (int)i;
	return -1;
}

#define S_FIND(list, name, k) S_index(list, sizeof list / sizeof list[0], name, k)

/* The end of the tag starting at s[i] ('<'): just past its '>', quoted
 * attribute values looked through; end when it has none. */
static size_t S_tag_end(const char *s, size_t i, size_t end)
{
	char quote = 0;
	for (i++; i < end; i++) {
		char c = s[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			return i + 1;
		}
	}
	return end;
}

/* The text is cut here: what follows is not read together with what came
 * before, and white space between them stays. */
static void S_boundary(S_pass *p)
{
	p->have = false;
	p->pend = S_NONE;
}

/* Copies s[r..to) to the writing position. */
static void S_copy(S_pass *p, size_t to)
{
	size_t n = to - p->r;
	if (p->w != p->r)
		memmove(p->s + p->w, p->s + p->r, n);
	p->w += n;
	p->r = to;
}

/* Takes the white space out of what was written since p->pend: white
 * space, and the whole tags read across. */
static void S_drop_pending(S_pass *p)
{
	char *s = p->s;
	size_t i = p->pend, j = p->pend;
	while (i < p->w) {
		if (s[i] == '<') {
			size_t e = S_tag_end(s, i, p->w);
			memmove(s + j, s + i, e - i);
			j += e - i;
			i = e;
		} else if (S_space(s[i])) {
			i++;
		} else {
			s[j++] = s[i++];
		}
	}
	p->w = j;
	p->dropped++;
}

/* A character of kind k comes next in the text. */
static void S_char(S_pass *p, sg_cjk_kind k)
{
	if (p->have && p->pend != S_NONE) {
		sg_cjk_gap gap = sg_cjk_gap_between(p->prev, k);
		if (gap == SG_GAP_DROP || (gap == SG_GAP_QUARTER && p->zh))
			S_drop_pending(p);
	}
	p->pend = S_NONE;
	p->have = true;
	p->prev = k;
}

/* The attributes of the start tag s[i..e) (i just past its name): whether
 * it has a class; *zh set from a lang when html is true. */
static bool S_attrs(S_pass *p, size_t i, size_t e, bool html)
{
	const char *s = p->s;
	bool cls = false;
	while (i < e) {
		while (i < e && (S_space(s[i]) || s[i] == '/'))
			i++;
		size_t n0 = i;
		while (i < e && !S_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
			i++;
		size_t nk = i - n0;
		if (nk == 0)
			break;
		while (i < e && S_space(s[i]))
			i++;
		size_t v0 = i, vk = 0;
		if (i < e && s[i] == '=') {
			i++;
			while (i < e && S_space(s[i]))
				i++;
			if (i < e && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				v0 = i;
				while (i < e && s[i] != q)
					i++;
				vk = i - v0;
				i++;
			} else {
				v0 = i;
				while (i < e && !S_space(s[i]) && s[i] != '>')
					i++;
				vk = i - v0;
			}
		}
		if (nk == 5 && strncasecmp(s + n0, "class", 5) == 0)
			cls = true;
		if (html && nk == 4 && strncasecmp(s + n0, "lang", 4) == 0)
			p->zh = vk >= 2 && strncasecmp(s + v0, "zh", 2) == 0;
	}
	return cls;
}

/* Past the end tag of a verbatim element named s[n0..n0+nk), from r on
 * (or to the end of the text). */
static size_t S_verbatim_end(const S_pass *p, size_t r, size_t n0, size_t nk)
{
	const char *s = p->s;
	for (size_t i = r; i + 2 + nk <= p->end; i++) {
		if (s[i] == '<' && s[i + 1] == '/' && strncasecmp(s + i + 2, s + n0, nk) == 0 &&
		    (i + 2 + nk == p->end || !S_alnum(s[i + 2 + nk])))
			return S_tag_end(s, i, p->end);
	}
	return p->end;
}

/* The tag, comment or declaration at s[r] ('<'). */
static void S_tag(S_pass *p)
{
	const char *s = p->s;
	size_t r = p->r;
	if (p->end - r >= 4 && memcmp(s + r, "<!--", 4) == 0) {
		const char *e = NULL;
		for (size_t i = r + 4; i + 3 <= p->end && !e; i++)
			if (memcmp(s + i, "-->", 3) == 0)
				e = s + i + 3;
		S_boundary(p);
		S_copy(p, e ? (size_t)(e - s) : p->end);
		return;
	}
	bool closing = r + 1 < p->end && s[r + 1] == '/';
	size_t n0 = r + 1 + closing, i = n0;
	while (i < p->end && S_alnum(s[i]))
		i++;
	size_t nk = i - n0, e = S_tag_end(s, r, p->end);
	if (nk == 0 && !closing && r + 1 < p->end && s[r + 1] != '!' && s[r + 1] != '?') {
		/* A '<' that starts no tag is a character (in text it is
		 * written "&lt;", but a page is not obliged). */
		S_char(p, SG_CJK_OTHER);
		S_copy(p, r + 1);
		return;
	}
	int inl = S_FIND(S_inline, s + n0, nk);
	if (closing) {
		bool across = false;
		if (inl >= 0 && p->depth > S_DEPTH) {
			p->depth--;
		} else if (inl >= 0 && p->depth > 0 && p->open[p->depth - 1].name == inl) {
			p->depth--;
			across = !p->open[p->depth].opaque;
		}
		if (!across)
			S_boundary(p);
		S_copy(p, e);
		return;
	}
	bool cls = nk ? S_attrs(p, i, e, nk == 4 && strncasecmp(s + n0, "html", 4) == 0) : false;
	bool self_closing = e >= 2 && s[e - 2] == '/';
	if (inl >= 0 && !self_closing) {
		if (p->depth < S_DEPTH) {
			p->open[p->depth].name = inl;
			p->open[p->depth].opaque = cls;
		}
		p->depth++;
		if (cls)
			S_boundary(p);
		S_copy(p, e);
		return;
	}
	S_boundary(p);
	if (S_FIND(S_verbatim, s + n0, nk) >= 0 && !self_closing)
		e = S_verbatim_end(p, e, n0, nk);
	S_copy(p, e);
}

/* The character reference at s[r] ('&'), as the character it stands for;
 * a named one counts as other text. */
static void S_reference(S_pass *p)
{
	const char *s = p->s;
	size_t i = p->r + 1;
	while (i < p->end && i - p->r < 32 && (S_alnum(s[i]) || s[i] == '#'))
		i++;
	if (i >= p->end || s[i] != ';') {
		S_char(p, SG_CJK_OTHER);
		S_copy(p, p->r + 1);
		return;
	}
	uint32_t cp = 0;
	if (s[p->r + 1] == '#') {
		bool hex = p->r + 2 < i && (s[p->r + 2] == 'x' || s[p->r + 2] == 'X');
		for (size_t k = p->r + 2 + hex; k < i && cp <= 0x10FFFF; k++) {
			char c = s[k];
			int d = c >= '0' && c <= '9'   ? c - '0'
				: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
				: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
							      : -1;
			if (d < 0) {
				cp = 0;
				break;
			}
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		}
	}
	S_char(p, sg_cjk_kind_of(cp));
	S_copy(p, i + 1);
}

size_t sg_html_cjk_gaps(sg_buf *html, size_t from, bool zh)
{
	if (!html || from >= html->len)
		return 0;
	S_pass p = {.s = html->data, .r = from, .w = from, .end = html->len, .zh = zh,
		    .pend = S_NONE};
	while (p.r < p.end) {
		char c = p.s[p.r];
		if (c == '<') {
			S_tag(&p);
		} else if (c == '&') {
			S_reference(&p);
		} else if (S_space(c)) {
			if (p.have && p.pend == S_NONE)
				p.pend = p.w;
			S_copy(&p, p.r + 1);
		} else {
			uint32_t cp = 0;
			size_t k = sg_utf8_decode(p.s + p.r, p.end - p.r, &cp);
			if (k == 0) {
				k = 1;
				cp = 0xFFFD;
			}
			S_char(&p, sg_cjk_kind_of(cp));
			S_copy(&p, p.r + k);
		}
	}
	sg_buf_truncate(html, p.w);
	return p.dropped;
}
