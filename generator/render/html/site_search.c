/*
 * site_search.c - the text of every page for the search index.
 *
 * Each entry holds the page's title, headings and plain text; site_index.c
 * turns them into the index's terms and cuts it into shards.
 *
 * The index is made once from every document and customer, in the
 * engine's thread before the workers start and so outside any budget, and
 * it must never take long on one bad file: its text comes from a
 * scan of the Markdown source in linear time (sg_site_search_text), not from
 * cmark-gfm, which takes seconds on some pathological inputs. Such a file
 * fails its own page, within its budget, and the index is still built.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "render/html/site_int.h"

/* Search text kept per page: enough for whole playbooks, small enough that
 * the index of a thousand pages stays a few megabytes. */
#define SITE_TEXT_CAP 24000

/* How far a link's destination or a tag may reach for its closing mark. */
#define S_REACH 2048

/* ---------------------------------------------------------------- text */

static bool S_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool S_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static bool S_punct(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !S_alnum(c);
}

/* The bytes the inline scan read on this thread (sg_site_search_steps): a
 * few per byte of input whatever the input, or the scan is not linear. */
static _Thread_local size_t S_steps;

size_t sg_site_search_steps(void)
{
	return S_steps;
}

/* The next c at or after from in [.., end), remembered so that the scans of
 * one line never cover a byte twice: a line of "](" pairs stays linear. */
typedef struct S_next {
	char c;
	const char *at;   /* the c found, or end */
	const char *seen; /* scanned up to here */
} S_next;

static const char *S_find(S_next *n, const char *from, const char *end)
{
	if (n->at && n->at >= from)
		return n->at;
	const char *p = n->seen && n->seen > from ? n->seen : from;
	const char *start = p;
	while (p < end && *p != n->c)
		p++;
	S_steps += (size_t)(p - start);
	n->seen = p;
	n->at = p;
	return p;
}

/* A few entities: the ones writers type. Returns the bytes consumed, or 0. */
static size_t S_entity(const char *p, const char *end, sg_buf *out)
{
	static const struct {
		const char *name, *text;
	} named[] = {{"amp;", "&"}, {"lt;", "<"},  {"gt;", ">"},
		     {"quot;", "\""}, {"nbsp;", " "}, {"apos;", "'"}};
	const char *s = p + 1;
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t n = strlen(named[i].name);
		if ((size_t)(end - s) >= n && memcmp(s, named[i].name, n) == 0) {
			sg_buf_puts(out, named[i].text);
			return n + 1;
		}
	}
	if (s < end && *s == '#') {
		bool hex = s + 1 < end && (s[1] == 'x' || s[1] == 'X');
		const char *q = s + 1 + hex;
		uint32_t cp = 0;
		int digits = 0;
		for (; q < end && digits < 7; q++, digits++) {
			int v = *q >= '0' && *q <= '9'             ? *q - '0'
				: hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
				: hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10
								 : -1;
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (digits && q < end && *q == ';' && cp > 0 && cp <= 0x10FFFF &&
		    !(cp >= 0xD800 && cp <= 0xDFFF)) {
			char u[4];
			sg_buf_put(out, u, sg_utf8_encode(cp, u));
			return (size_t)(q + 1 - p);
		}
	}
	return 0;
}

/* The bytes S_inline looks at; everything else is copied in runs. */
static bool S_special(unsigned char c)
{
	switch (c) {
	case '\\': case '`': case '*': case '~': case '_': case '!':
	case '[': case ']': case '<': case '&': case '|':
		return true;
	default:
		return false;
	}
}

/* A scan of one line's inlines: its ends, and the closing marks found so
 * far. */
typedef struct S_inline_scan {
	const char *start, *end;
	S_next close_paren, close_angle, close_bracket;
	sg_buf *out;
} S_inline_scan;

/* After the ']' at p: past "(destination)" or "[reference]" when it closes
 * within S_REACH, else past the ']'. */
static const char *S_after_bracket(S_inline_scan *sc, const char *p)
{
	const char *end = sc->end;
	if (p + 1 < end && (p[1] == '(' || p[1] == '[')) {
		S_next *n = p[1] == '(' ? &sc->close_paren : &sc->close_bracket;
		const char *q = S_find(n, p + 2, end);
		if (q < end && q - p <= S_REACH)
			return q + 1;
	}
	return p + 1;
}

/* A tag or autolink at the '<' at p: returns the end of it, having written
 * the address of an autolink (a tag shows nothing), or NULL when there is
 * none. */
static const char *S_angle(S_inline_scan *sc, const char *p)
{
	const char *end = sc->end;
	if (p + 1 >= end || !(S_alnum((unsigned char)p[1]) || p[1] == '/' || p[1] == '!'))
		return NULL;
	const char *q = S_find(&sc->close_angle, p + 1, end);
	if (q >= end || q - p > S_REACH)
		return NULL;
	S_steps += 3 * (size_t)(q - p);
	bool autolink = memchr(p, ':', (size_t)(q - p)) || memchr(p, '@', (size_t)(q - p));
	bool space = false;
	for (const char *r = p; r < q && !space; r++)
		space = *r == ' ';
	if (autolink && !space)
		sg_buf_put(sc->out, p + 1, (size_t)(q - p - 1));
	return q + 1;
}

/* The byte at p, one S_special names: writes what it shows and returns
 * where the scan goes on. */
static const char *S_mark(S_inline_scan *sc, const char *p)
{
	const char *end = sc->end;
	sg_buf *out = sc->out;
	switch (*p) {
	case '\\':
		if (p + 1 < end && S_punct((unsigned char)p[1]))
			sg_buf_putc(out, p[1]);
		return p + 2;
	case '`':
	case '*':
	case '~':
	case '[':
		return p + 1;
	case '_':
		/* snake_case keeps its underscores, as in CommonMark. */
		if (p > sc->start && S_alnum((unsigned char)p[-1]) && p + 1 < end &&
		    S_alnum((unsigned char)p[1]))
			sg_buf_putc(out, '_');
		return p + 1;
	case '!':
		if (p + 1 < end && p[1] == '[')
			return p + 1;
		break;
	case ']':
		return S_after_bracket(sc, p);
	case '<': {
		const char *next = S_angle(sc, p);
		if (next)
			return next;
		break;
	}
	case '&': {
		size_t n = S_entity(p, end, out);
		if (n)
			return p + n;
		break;
	}
	case '|':
		sg_buf_putc(out, ' '); /* between table cells */
		return p + 1;
	default:
		break;
	}
	sg_buf_putc(out, *p);
	return p + 1;
}

/* The text of one line's inlines, without their marks. */
static void S_inline(const char *p, const char *end, sg_buf *out)
{
	S_inline_scan sc = {p, end, {')', NULL, NULL}, {'>', NULL, NULL}, {']', NULL, NULL}, out};
	while (p < end) {
		const char *run = p;
		while (p < end && !S_special((unsigned char)*p))
			p++;
		S_steps += (size_t)(p - run) + 1;
		if (p > run)
			sg_buf_put(out, run, (size_t)(p - run));
		if (p == end)
			break;
		p = S_mark(&sc, p);
	}
}

/* The length of a run of ch at p (at most end). */
static size_t S_run(const char *p, const char *end, char ch)
{
	size_t n = 0;
	while (p + n < end && p[n] == ch)
		n++;
	return n;
}

static const char *S_skip_blank(const char *p, const char *end)
{
	while (p < end && S_blank(*p))
		p++;
	return p;
}

/* True when [p, end) is a thematic break: three or more of one of - * _,
 * with blanks between. */
static bool S_break(const char *p, const char *end)
{
	char ch = 0;
	int n = 0;
	for (; p < end; p++) {
		if (S_blank(*p))
			continue;
		if (*p != '-' && *p != '*' && *p != '_')
			return false;
		if (ch && *p != ch)
			return false;
		ch = *p;
		n++;
	}
	return n >= 3;
}

/* True when [p, end) is a table's delimiter row: |, -, : and blanks only,
 * with a - and a |. */
static bool S_delimiter_row(const char *p, const char *end)
{
	bool dash = false, bar = false;
	for (; p < end; p++) {
		if (*p == '-')
			dash = true;
		else if (*p == '|')
			bar = true;
		else if (*p != ':' && !S_blank(*p))
			return false;
	}
	return dash && bar;
}

/* Strips block quotes, a list marker and a task box from the line. */
static const char *S_containers(const char *p, const char *end)
{
	for (;;) {
		p = S_skip_blank(p, end);
		if (p < end && *p == '>') {
			p++;
			continue;
		}
		break;
	}
	const char *q = p;
	if (q < end && (*q == '-' || *q == '*' || *q == '+') && (q + 1 == end || S_blank(q[1]))) {
		q++;
	} else {
		size_t digits = 0;
		while (q + digits < end && digits < 10 && q[digits] >= '0' && q[digits] <= '9')
			digits++;
		if (digits && q + digits < end && (q[digits] == '.' || q[digits] == ')') &&
		    (q + digits + 1 == end || S_blank(q[digits + 1])))
			q += digits + 1;
		else
			return p;
	}
	q = S_skip_blank(q, end);
	if (end - q >= 3 && q[0] == '[' && (q[1] == ' ' || q[1] == 'x' || q[1] == 'X') && q[2] == ']' &&
	    (end - q == 3 || S_blank(q[3])))
		q += 3;
	return S_skip_blank(q, end);
}

/* Trims trailing blanks. */
static void S_trim(sg_buf *b, size_t from)
{
	while (b->len > from && (S_blank(b->data[b->len - 1]) || b->data[b->len - 1] == '\n'))
		sg_buf_truncate(b, b->len - 1);
}

static void S_heading(sg_arena *a, sg_value *headings, const char *s, size_t n)
{
	if (headings)
		sg_list_push(headings, sg_value_str(a, sg_arena_strndup(a, s, n)));
}

/* A scan of Markdown source for its text, line by line. */
typedef struct S_text_scan {
	sg_buf *out;
	sg_arena *a;
	const char *drop_title;
	sg_value *headings;
	char fence; /* the open code fence's character, or 0 */
	size_t fence_len;
	bool first_block; /* no block yet */
	size_t para;      /* where the previous line's paragraph text starts in out,
			   * or SIZE_MAX */
} S_text_scan;

/* A line inside a code fence: copied, unless it closes the fence. */
static void S_fenced_line(S_text_scan *sc, const char *line, const char *le)
{
	const char *q = S_skip_blank(line, le);
	size_t n = S_run(q, le, sc->fence);
	if (n >= sc->fence_len && S_skip_blank(q + n, le) == le) {
		sc->fence = 0;
	} else {
		sg_buf_put(sc->out, line, (size_t)(le - line));
		sg_buf_putc(sc->out, '\n');
	}
}

/* A heading of hashes '#' at q: its text, without the closing hashes, and a
 * heading of the page; but not the document's title, which the page shows
 * as its own. */
static void S_atx_heading(S_text_scan *sc, const char *q, const char *le, size_t hashes)
{
	sg_buf *out = sc->out;
	const char *s = S_skip_blank(q + hashes, le), *e = le;
	while (e > s && S_blank(e[-1]))
		e--;
	const char *h = e;
	while (h > s && h[-1] == '#')
		h--;
	if (h == s || S_blank(h[-1]))
		e = h; /* the closing #s */
	size_t from = out->len;
	S_inline(s, e, out);
	S_trim(out, from);
	if (sc->first_block && hashes == 1 && sc->drop_title &&
	    strlen(sc->drop_title) == out->len - from &&
	    memcmp(out->data + from, sc->drop_title, out->len - from) == 0) {
		sg_buf_truncate(out, from); /* the page shows it as its title */
	} else {
		S_heading(sc->a, sc->headings, out->data + from, out->len - from);
		sg_buf_putc(out, '\n');
	}
	sc->first_block = false;
}

/* Whether the line (after its containers, at q) is a link reference
 * definition, which shows nothing. */
static bool S_link_definition(const char *q, const char *le)
{
	if (*q != '[')
		return false;
	const char *r = q + 1;
	while (r < le && *r != ']' && *r != '[')
		r++;
	return r + 1 < le && *r == ']' && r[1] == ':';
}

/* One line of the source, [line, le). */
static void S_line(S_text_scan *sc, const char *line, const char *le)
{
	if (sc->fence) {
		S_fenced_line(sc, line, le);
		return;
	}
	sg_buf *out = sc->out;
	const char *q = S_containers(line, le);
	if (q == le) {
		sc->para = SIZE_MAX;
		return;
	}
	/* A setext underline makes the line before a heading. */
	if (sc->para != SIZE_MAX && (*q == '=' || *q == '-') &&
	    S_skip_blank(q + S_run(q, le, *q), le) == le) {
		size_t from = sc->para;
		S_trim(out, from);
		S_heading(sc->a, sc->headings, out->data + from, out->len - from);
		sg_buf_putc(out, '\n');
		sc->para = SIZE_MAX;
		return;
	}
	sc->para = SIZE_MAX;
	if ((*q == '`' || *q == '~') && S_run(q, le, *q) >= 3) {
		sc->fence = *q;
		sc->fence_len = S_run(q, le, *q);
		sc->first_block = false;
		return;
	}
	if (S_break(q, le) || S_delimiter_row(q, le))
		return;
	size_t hashes = S_run(q, le, '#');
	if (hashes >= 1 && hashes <= 6 && (q + hashes == le || S_blank(q[hashes]))) {
		S_atx_heading(sc, q, le, hashes);
		return;
	}
	if (S_link_definition(q, le))
		return;
	sc->first_block = false;
	size_t from = out->len;
	S_inline(q, le, out);
	S_trim(out, from);
	if (out->len > from) {
		sc->para = from;
		sg_buf_putc(out, '\n');
	}
}

/* sg_site_search_text, appending to out. */
static void S_text(sg_buf *out, sg_arena *a, const char *md, size_t len, const char *drop_title,
		   sg_value *headings)
{
	const char *p = md ? md : "", *end = p + (md ? len : 0);
	S_text_scan sc = {out, a, drop_title, headings, 0, 0, true, SIZE_MAX};
	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		if (!le)
			le = end;
		S_line(&sc, p, le);
		p = le < end ? le + 1 : end;
	}
}

const char *sg_site_search_text(sg_arena *a, const char *md, size_t len, const char *drop_title,
				sg_value *headings)
{
	sg_buf out;
	sg_buf_init(&out);
	S_text(&out, a, md, len, drop_title, headings);
	const char *s = sg_arena_strndup(a, out.data ? out.data : "", out.len);
	sg_buf_dispose(&out);
	return s;
}

/* Runs of white space become one space: the text is for matching, and
 * newlines and indentation only make the index bigger. Capped first, never
 * cutting a character in two. Into to, cleared first. */
static void S_squeeze(sg_buf *to, const char *s, size_t n)
{
	if (n > SITE_TEXT_CAP) {
		n = SITE_TEXT_CAP;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	sg_buf_clear(to);
	sg_buf_grow(to, n + 1);
	char *out = to->data, *o = out;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = c;
	}
	*o = '\0';
	to->len = (size_t)(o - out);
}

/* The index is built entry by entry; each entry's text is made in two
 * scratch buffers used again for the next, so memory holds the index once,
 * not every page's text as well. */
typedef struct S_index {
	sg_site_ctx *x;
	sg_search_index *ix;
	sg_buf text, squeezed;
} S_index;

/* Adds an entry whose text is ix->text. */
static void S_entry(S_index *ix, sg_site_entry *e)
{
	S_squeeze(&ix->squeezed, ix->text.data ? ix->text.data : "", ix->text.len);
	e->text = ix->squeezed.data;
	sg_search_index_add(ix->ix, e);
}

static void S_doc_entries(S_index *ix, const sg_doc *const *docs, size_t n)
{
	sg_site_ctx *x = ix->x;
	for (size_t i = 0; i < n; i++) {
		const sg_doc *doc = docs[i];
		bool is_case = doc->kind == SG_DOC_CASE;
		/* Headings in an arena of their own, freed with the entry. */
		sg_arena a;
		sg_arena_init(&a);
		sg_value *heads = sg_value_list(&a);
		sg_buf_clear(&ix->text);
		if (doc->summary) {
			sg_buf_puts(&ix->text, doc->summary);
			sg_buf_putc(&ix->text, '\n');
		}
		S_text(&ix->text, &a, doc->body, doc->body_len, doc->title, heads);
		sg_site_entry e = {
			.url = sg_site_doc_path(&a, doc),
			.title = doc->title,
			/* In the entry's language, like the title: a result is
			 * one piece of text in one language (lang="l"). */
			.kind = sg_site_str(x, doc->lang, is_case ? "kind.case" : "kind.playbook"),
			.lang = doc->lang,
			.headings = heads,
		};
		S_entry(ix, &e);
		sg_arena_dispose(&a);
	}
}

void sg_site_search_files(const sg_site_ctx *x, size_t *term_shards, size_t *chunks)
{
	uint64_t n = 0;
	const sg_doc *const *groups[2] = {x->playbooks, x->cases};
	size_t counts[2] = {x->playbook_count, x->case_count};
	for (int g = 0; g < 2; g++)
		for (size_t i = 0; i < counts[g]; i++) {
			const sg_doc *doc = groups[g][i];
			size_t len = doc->body_len + (doc->summary ? strlen(doc->summary) : 0);
			n += 64 + (len < SITE_TEXT_CAP ? len : SITE_TEXT_CAP);
		}
	for (size_t i = 0; i < x->customer_count; i++) {
		size_t notes = x->customers[i]->notes ? strlen(x->customers[i]->notes) : 0;
		n += 64 + (notes < SITE_TEXT_CAP ? notes : SITE_TEXT_CAP);
	}
	*term_shards = sg_site_search_term_shards(n);
	size_t pages = x->playbook_count + x->case_count + x->customer_count + 1;
	*chunks = (pages + SG_SEARCH_CHUNK - 1) / SG_SEARCH_CHUNK;
}

sg_search_index *sg_site_search_build(sg_site_ctx *x, size_t term_shards, size_t chunks)
{
	S_index ix = {.x = x, .ix = sg_search_index_new(term_shards, chunks)};
	sg_buf_init(&ix.text);
	sg_buf_init(&ix.squeezed);
	S_doc_entries(&ix, x->playbooks, x->playbook_count);
	S_doc_entries(&ix, x->cases, x->case_count);
	for (size_t i = 0; i < x->customer_count; i++) {
		const sg_customer *cu = x->customers[i];
		sg_arena a;
		sg_arena_init(&a);
		sg_value *heads = sg_value_list(&a);
		if (cu->short_name)
			sg_list_push(heads, sg_value_str(&a, cu->short_name));
		sg_buf_clear(&ix.text);
		if (cu->notes)
			S_text(&ix.text, &a, cu->notes, strlen(cu->notes), NULL, NULL);
		sg_site_entry e = {
			.url = sg_arena_printf(&a, "accounts/%s.html", cu->id),
			.title = cu->name,
			.kind = sg_site_str(x, cu->lang, "kind.account"),
			.lang = cu->lang,
			.headings = heads,
		};
		S_entry(&ix, &e);
		sg_arena_dispose(&a);
	}
	sg_site_entry prices;
	sg_site_prices_entry(x, &prices);
	sg_buf_clear(&ix.text);
	sg_buf_puts(&ix.text, prices.text);
	S_entry(&ix, &prices);
	sg_buf_dispose(&ix.text);
	sg_buf_dispose(&ix.squeezed);
	sg_search_index_finish(ix.ix);
	return ix.ix;
}

/* Two 64-bit lanes of a fast hash over words of 8 bytes: not for secrets,
 * only to tell whether the index's text changed (sg_site_search_digest). */
static void S_mix(uint64_t h[2], const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t len = n;
	for (;;) {
		uint64_t w = 0;
		size_t k = n < 8 ? n : 8;
		memcpy(&w, p, k);
		h[0] = (h[0] ^ w) * 0x9E3779B97F4A7C15ull;
		h[0] ^= h[0] >> 29;
		h[1] = (h[1] + w) * 0xC2B2AE3D27D4EB4Full;
		h[1] ^= h[1] >> 31;
		if (n <= 8)
			break;
		p += 8;
		n -= 8;
	}
	h[0] = (h[0] ^ len) * 0xFF51AFD7ED558CCDull;
	h[1] = (h[1] + len) * 0xC4CEB9FE1A85EC53ull;
}

static void S_mix_str(uint64_t h[2], const char *s)
{
	S_mix(h, s ? s : "", s ? strlen(s) : 0);
}

/* Mixes page (its number in the index) into the digest of the whole and
 * into that of its page list; the price sheet, the last page, is the
 * catalog's (an input of every file of the index). */
typedef struct S_digests {
	uint64_t all[2];
	uint64_t (*chunk)[2];
	size_t chunks;
	size_t page;
} S_digests;

static void S_digest_str(S_digests *g, const char *s)
{
	size_t c = g->page / SG_SEARCH_CHUNK;
	S_mix_str(g->all, s);
	S_mix_str(g->chunk[c < g->chunks ? c : g->chunks - 1], s);
}

static void S_digest_mem(S_digests *g, const void *data, size_t n)
{
	size_t c = g->page / SG_SEARCH_CHUNK;
	S_mix(g->all, data, n);
	S_mix(g->chunk[c < g->chunks ? c : g->chunks - 1], data, n);
}

static const char *S_hex(sg_arena *a, const uint64_t h[2])
{
	return sg_arena_printf(a, "%016llx%016llx", (unsigned long long)h[0],
			       (unsigned long long)h[1]);
}

const char *sg_site_search_digest(sg_arena *a, const sg_site_ctx *x, size_t chunks,
				  const char ***chunk)
{
	S_digests g = {.all = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull},
		       .chunks = chunks ? chunks : 1};
	g.chunk = sg_xcalloc(g.chunks, sizeof *g.chunk);
	for (size_t c = 0; c < g.chunks; c++)
		memcpy(g.chunk[c], g.all, sizeof g.all);
	const sg_doc *const *groups[2] = {x->playbooks, x->cases};
	size_t counts[2] = {x->playbook_count, x->case_count};
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++, g.page++) {
			const sg_doc *doc = groups[k][i];
			S_digest_mem(&g, &k, sizeof k);
			S_digest_str(&g, doc->slug);
			S_digest_str(&g, doc->title);
			S_digest_str(&g, doc->lang);
			S_digest_str(&g, doc->summary);
			S_digest_mem(&g, doc->body ? doc->body : "", doc->body ? doc->body_len : 0);
		}
	for (size_t i = 0; i < x->customer_count; i++, g.page++) {
		const sg_customer *cu = x->customers[i];
		S_digest_str(&g, cu->id);
		S_digest_str(&g, cu->name);
		S_digest_str(&g, cu->short_name);
		S_digest_str(&g, cu->lang);
		S_digest_str(&g, cu->notes);
	}
	*chunk = sg_arena_alloc(a, g.chunks * sizeof **chunk);
	for (size_t c = 0; c < g.chunks; c++)
		(*chunk)[c] = S_hex(a, g.chunk[c]);
	free(g.chunk);
	return S_hex(a, g.all);
}
