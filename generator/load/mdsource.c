/*
 * mdsource.c - lining up cmark's literals with their source (see the header).
 */
#include "load/mdsource.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"

void sg_mdsource_init(sg_mdsource *s, const char *src, size_t len)
{
	*s = (sg_mdsource){.src = src, .len = src ? len : 0};
	if (!src)
		return;
	size_t cap = 64;
	s->lines = sg_xmalloc(cap * sizeof *s->lines);
	size_t start = 0;
	for (size_t i = 0; i <= s->len; i++) {
		bool end = i == s->len || src[i] == '\n' || src[i] == '\r';
		if (!end)
			continue;
		if (2 * s->nlines + 2 > cap) {
			cap *= 2;
			s->lines = sg_xrealloc(s->lines, cap * sizeof *s->lines);
		}
		s->lines[2 * s->nlines] = start;
		s->lines[2 * s->nlines + 1] = i;
		s->nlines++;
		if (i < s->len && src[i] == '\r' && i + 1 < s->len && src[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

void sg_mdsource_dispose(sg_mdsource *s)
{
	free(s->lines);
	s->lines = NULL;
	s->nlines = 0;
}

bool sg_mdsource_line(const sg_mdsource *s, int line, const char **p, size_t *n)
{
	if (!s->src || line < 1 || (size_t)line > s->nlines)
		return false;
	size_t start = s->lines[2 * line - 2];
	*p = s->src + start;
	*n = s->lines[2 * line - 1] - start;
	return true;
}

static bool S_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool S_ascii_punct(int c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
	       (c >= 0x7B && c <= 0x7E);
}

size_t sg_mdsource_entity_len(const char *s, size_t n)
{
	size_t i = 1;
	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
		if (hex)
			i++;
		size_t d = i;
		while (i < n && i - d < 8 &&
		       ((s[i] >= '0' && s[i] <= '9') ||
			(hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))))
			i++;
		if (i == d)
			return 0;
	} else {
		if (!S_alpha(s[1]))
			return 0;
		while (i < n && i < 40 && (S_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
			i++;
	}
	return i < n && s[i] == ';' ? i + 1 : 0;
}

/* What cmark-gfm's smart punctuation (CMARK_OPT_SMART) makes of the source
 * at raw[0..rn) when it makes the character at lit[0..ln): the number of
 * source bytes it takes, or 0 when it is not that. */
static size_t S_smart(const char *raw, size_t rn, const char *lit, size_t ln)
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{"\"", "\xE2\x80\x9C"},  /* “ */
		{"\"", "\xE2\x80\x9D"},  /* ” */
		{"'", "\xE2\x80\x98"},   /* ‘ */
		{"'", "\xE2\x80\x99"},   /* ’ */
		{"---", "\xE2\x80\x94"}, /* — */
		{"--", "\xE2\x80\x93"},  /* – */
		{"...", "\xE2\x80\xA6"}, /* … */
	};
	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++) {
		size_t fn = strlen(map[k].from);
		if (rn >= fn && ln >= 3 && memcmp(raw, map[k].from, fn) == 0 &&
		    memcmp(lit, map[k].to, 3) == 0)
			return fn;
	}
	return 0;
}

bool sg_mdsource_align(const char *raw, size_t rn, const char *lit, size_t ln,
		       unsigned char *how)
{
	size_t i = 0, j = 0;
	while (j < ln) {
		if (i >= rn)
			goto fail;
		char r = raw[i];
		if (r == '\\' && i + 1 < rn && S_ascii_punct((unsigned char)raw[i + 1]) &&
		    lit[j] == raw[i + 1]) {
			how[j++] = SG_MDSRC_OTHER;
			i += 2;
			continue;
		}
		size_t e = r == '&' ? sg_mdsource_entity_len(raw + i, rn - i) : 0;
		if (e && !(ln - j >= e && memcmp(lit + j, raw + i, e) == 0)) {
			/* A reference cmark decoded: one code point in the literal. */
			uint32_t cp;
			size_t k = sg_utf8_decode(lit + j, ln - j, &cp);
			for (size_t m = 0; m < (k ? k : 1) && j < ln; m++)
				how[j++] = SG_MDSRC_OTHER;
			i += e;
			continue;
		}
		if (r == lit[j]) {
			how[j++] = SG_MDSRC_ASIS;
			i++;
			continue;
		}
		size_t s = S_smart(raw + i, rn - i, lit + j, ln - j);
		if (!s)
			goto fail;
		for (int m = 0; m < 3; m++)
			how[j++] = SG_MDSRC_SMART;
		i += s;
	}
	while (i < rn && (raw[i] == ' ' || raw[i] == '\t'))
		i++;
	if (i == rn)
		return true;
fail:
	memset(how, SG_MDSRC_OTHER, ln);
	return false;
}

bool sg_mdsource_text(const sg_mdsource *s, cmark_node *t, const char *lit, size_t ln,
		      unsigned char *how)
{
	int line = cmark_node_get_start_line(t);
	int sc = cmark_node_get_start_column(t), ec = cmark_node_get_end_column(t);
	const char *p;
	size_t pn;
	if (line != cmark_node_get_end_line(t) || sc < 1 || ec < sc ||
	    !sg_mdsource_line(s, line, &p, &pn) || (size_t)ec > pn) {
		memset(how, SG_MDSRC_OTHER, ln);
		return false;
	}
	return sg_mdsource_align(p + sc - 1, (size_t)(ec - sc + 1), lit, ln, how);
}
