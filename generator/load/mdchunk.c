/*
 * mdchunk.c - where a long table's Markdown may be cut (see mdchunk.h).
 *
 * One pass over the lines, knowing only what decides whether a line at the
 * start of a line is at the top level of the document: a blank line before
 * it ends paragraphs, quotes and lists (a line starting with '|' is not
 * indented into a list item); fenced code and the HTML blocks that go on
 * past blank lines (comments, <script>, <pre>, <style>, <textarea>, <?,
 * <!X, CDATA) are followed to their end. Anything unsure is not cut: a
 * document with "]:" anywhere (it may define a link reference, which every
 * piece would need) is never cut, nor a table whose header holds a
 * backslash (which may escape a pipe or itself), nor one whose delimiter
 * row cmark might not take as one.
 */
#include "load/mdchunk.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"

typedef struct S_line {
	const char *s, *e; /* without the newline */
	size_t next;       /* the byte after the newline */
} S_line;

static S_line S_line_at(const char *text, size_t len, size_t at)
{
	const char *s = text + at, *nl = memchr(s, '\n', len - at);
	const char *e = nl ? nl : text + len;
	return (S_line){s, e, (size_t)(e - text) + (nl ? 1 : 0)};
}

static bool S_blank(S_line l)
{
	for (const char *p = l.s; p < l.e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

/* The line after at most three spaces, or NULL when it is indented more. */
static const char *S_lead(S_line l)
{
	const char *p = l.s;
	while (p < l.e && *p == ' ' && p - l.s < 3)
		p++;
	return p < l.e && (*p == ' ' || *p == '\t') ? NULL : p;
}

static bool S_has(S_line l, const char *what)
{
	size_t n = strlen(what);
	for (const char *p = l.s; p + n <= l.e; p++)
		if (strncasecmp(p, what, n) == 0)
			return true;
	return false;
}

static bool S_starts(const char *p, const char *e, const char *what)
{
	size_t n = strlen(what);
	return (size_t)(e - p) >= n && strncasecmp(p, what, n) == 0;
}

/* A fence (three or more ` or ~) at the line's start: its character and
 * length in *ch and *n. */
static bool S_fence(S_line l, char *ch, size_t *n)
{
	const char *p = S_lead(l);
	if (!p || (*p != '`' && *p != '~'))
		return false;
	size_t k = 0;
	while (p + k < l.e && p[k] == *p)
		k++;
	if (k < 3)
		return false;
	*ch = *p;
	*n = k;
	return true;
}

/* What ends the HTML block line l starts, when it can go on past a blank
 * line; NULL when it does not start one, or ends on its own line. */
static const char *S_html_end(S_line l)
{
	static const char *const raw[] = {"<script", "<pre", "<style", "<textarea"};
	static const char *const ends[] = {"</script>", "</pre>", "</style>", "</textarea>"};
	const char *p = S_lead(l), *end = NULL;
	if (!p || *p != '<')
		return NULL;
	for (size_t i = 0; i < 4 && !end; i++)
		if (S_starts(p, l.e, raw[i]))
			end = ends[i];
	if (!end && S_starts(p, l.e, "<!--"))
		end = "-->";
	else if (!end && S_starts(p, l.e, "<![CDATA["))
		end = "]]>";
	else if (!end && S_starts(p, l.e, "<?"))
		end = "?>";
	else if (!end && p + 2 < l.e && p[1] == '!' && p[2] >= 'A' && p[2] <= 'Z')
		end = ">";
	return end && !S_has(l, end) ? end : NULL;
}

/* Whether text may hold a link reference definition ("[label]: ...", in a
 * quote or a list too): anything with "]:" may. */
static bool S_maybe_definition(const char *text, size_t len)
{
	for (const char *p = memchr(text, ']', len); p; p = memchr(p + 1, ']', len - (size_t)(p + 1 - text)))
		if (p + 1 < text + len && p[1] == ':')
			return true;
	return false;
}

/* The cells of a table line: its unescaped pipes, less a leading and a
 * trailing one. */
static size_t S_cells(S_line l)
{
	const char *e = l.e;
	while (e > l.s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	size_t pipes = 0;
	for (const char *p = l.s; p < e; p++)
		if (*p == '|' && (p == l.s || p[-1] != '\\'))
			pipes++;
	size_t cells = pipes + 1;
	if (l.s < e && *l.s == '|')
		cells--;
	if (e - l.s > 1 && e[-1] == '|' && e[-2] != '\\')
		cells--;
	return cells;
}

/* A delimiter row: cells of one or more '-', with a ':' at either end or
 * both, between pipes (the first line's start is one). */
static bool S_delimiter(S_line l)
{
	if (l.s == l.e || *l.s != '|')
		return false;
	const char *p = l.s + 1;
	size_t cells = 0;
	while (p < l.e) {
		while (p < l.e && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p == l.e)
			break; /* after the last pipe */
		if (*p == ':')
			p++;
		size_t dashes = 0;
		while (p < l.e && *p == '-')
			p++, dashes++;
		if (p < l.e && *p == ':')
			p++;
		while (p < l.e && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (dashes == 0 || (p < l.e && *p != '|'))
			return false;
		cells++;
		p += p < l.e;
	}
	return cells > 0;
}

static bool S_row(S_line l)
{
	return l.s < l.e && *l.s == '|';
}

typedef struct S_scan {
	const char *text;
	size_t len, rows;
	sg_mdcut *cuts;
	size_t n, cap;
} S_scan;

/* The table whose header line h starts at byte at (line *line): its cuts.
 * Returns the byte after its last row, *line that byte's line. */
static size_t S_table(S_scan *sc, S_line h, size_t at, int *line)
{
	S_line d = S_line_at(sc->text, sc->len, h.next < sc->len ? h.next : at);
	/* A backslash in the header might escape a pipe or itself: not cut. */
	if (h.next >= sc->len || !S_delimiter(d) || S_cells(d) != S_cells(h) ||
	    memchr(h.s, '\\', (size_t)(h.e - h.s))) {
		(*line)++;
		return h.next;
	}
	size_t pos = d.next, rows = 0;
	*line += 2;
	while (pos < sc->len) {
		S_line r = S_line_at(sc->text, sc->len, pos);
		if (!S_row(r))
			break;
		if (rows > 0 && rows % sc->rows == 0) {
			if (sc->n == sc->cap) {
				sc->cap = sc->cap ? 2 * sc->cap : 16;
				sc->cuts = sg_xrealloc(sc->cuts, sc->cap * sizeof *sc->cuts);
			}
			sc->cuts[sc->n++] = (sg_mdcut){pos, at, d.next - at, *line};
		}
		rows++;
		(*line)++;
		pos = r.next;
	}
	return pos;
}

sg_mdcut *sg_mdchunk_cuts(const char *text, size_t len, size_t rows, size_t *n)
{
	S_scan sc = {text, len, rows ? rows : 1, NULL, 0, 0};
	*n = 0;
	if (S_maybe_definition(text, len))
		return NULL;
	bool blank_before = true;
	char fch = 0;
	size_t flen = 0;
	const char *html_end = NULL;
	int line = 1;
	for (size_t at = 0; at < len;) {
		S_line l = S_line_at(text, len, at);
		char ch;
		size_t k;
		if (flen) {
			/* In fenced code, to a fence as long at least. */
			if (S_fence(l, &ch, &k) && ch == fch && k >= flen)
				flen = 0;
		} else if (html_end) {
			if (S_has(l, html_end))
				html_end = NULL;
		} else if (S_fence(l, &ch, &k)) {
			fch = ch;
			flen = k;
		} else if ((html_end = S_html_end(l)) != NULL) {
		} else if (blank_before && S_row(l)) {
			at = S_table(&sc, l, at, &line);
			blank_before = false;
			continue;
		}
		blank_before = S_blank(l);
		at = l.next;
		line++;
	}
	*n = sc.n;
	return sc.cuts;
}
