/*
 * mustache_parse.c - compiles Mustache text into the node lists of
 * mustache_int.h.
 *
 * One pass over the source finds tags with the current delimiters. The
 * specification's "standalone" rule (a section, inverted, closing, comment,
 * partial or set-delimiter tag alone on its line, apart from spaces and tabs,
 * takes the whole line with it) is decided from the raw source around each
 * tag: any other tag on the same line contains delimiter characters, which
 * are never whitespace, so looking back to the previous newline and ahead to
 * the next one is enough.
 *
 * Partials are compiled here too, iteratively through a work list rather
 * than recursively, so a chain of partials cannot grow the C stack and a
 * partial that includes itself is compiled once.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "document/mustache_int.h"

#define NOT_FOUND ((size_t)-1)

typedef struct S_work_item {
	sg_tnode *node; /* a PARTIAL node to resolve */
	sg_tunit *unit; /* the text it sits in, for messages */
} S_work_item;

typedef struct S_work {
	S_work_item *items;
	size_t count, cap;
} S_work;

typedef struct S_open {
	sg_tnode *node;   /* the open section */
	sg_tnode **after; /* where nodes go once it is closed */
} S_open;

typedef struct S_parser {
	sg_template *t;
	sg_tunit *u;
	const char *src; /* the arena copy */
	size_t len;
	const char *open, *close; /* current delimiters */
	size_t open_len, close_len;
	sg_tnode **tail; /* where the next node goes */
	S_open stack[SG_TEMPLATE_MAX_NESTING];
	int depth;
	/* Position cursor: tags are met in source order, so line counting
	 * only ever moves forward. */
	size_t cur_off;
	int cur_line;
	size_t cur_line_start;
	S_work *work;
	sg_diags *d;
} S_parser;

static bool S_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t S_find(const S_parser *P, size_t from, const char *needle, size_t nlen)
{
	/* memmem() is a GNU extension; delimiters are short, so this is enough. */
	while (from < P->len && P->len - from >= nlen) {
		const char *hit = memchr(P->src + from, needle[0], P->len - from);
		if (!hit)
			return NOT_FOUND;
		size_t off = (size_t)(hit - P->src);
		if (P->len - off < nlen)
			return NOT_FOUND;
		if (memcmp(hit, needle, nlen) == 0)
			return off;
		from = off + 1;
	}
	return NOT_FOUND;
}

static sg_pos S_pos(S_parser *P, size_t off)
{
	assert(off >= P->cur_off);
	for (; P->cur_off < off; P->cur_off++) {
		if (P->src[P->cur_off] == '\n') {
			P->cur_line++;
			P->cur_line_start = P->cur_off + 1;
		}
	}
	int col = 1;
	for (size_t i = P->cur_line_start; i < off; i++)
		col += ((unsigned char)P->src[i] & 0xC0) != 0x80;
	return sg_pos_make(P->u->path, P->cur_line, col);
}

static sg_tnode *S_add(S_parser *P, sg_tnode_kind kind)
{
	sg_tnode *n = sg_arena_alloc(&P->t->arena, sizeof *n);
	n->kind = kind;
	*P->tail = n;
	P->tail = &n->next;
	return n;
}

static bool S_line_is_empty(const S_parser *P, size_t off)
{
	return P->src[off] == '\n' ||
	       (P->src[off] == '\r' && off + 1 < P->len && P->src[off + 1] == '\n');
}

/* Text [a, b) as one node per line, with a BOL node before every line that
 * starts here and is not empty. */
static void S_text(S_parser *P, size_t a, size_t b)
{
	while (a < b) {
		if ((a == 0 || P->src[a - 1] == '\n') && !S_line_is_empty(P, a))
			S_add(P, SG_TN_BOL);
		const char *nl = memchr(P->src + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - P->src) + 1 : b;
		sg_tnode *n = S_add(P, SG_TN_TEXT);
		n->text = P->src + a;
		n->len = e - a;
		a = e;
	}
}

/* Is the tag [ts, te) alone on its line? If so, *ls is where its line starts
 * and *after is just past the line's end (or the end of the source). */
static bool S_standalone(const S_parser *P, size_t ts, size_t te, size_t *ls, size_t *after)
{
	size_t i = ts;
	while (i > 0 && (P->src[i - 1] == ' ' || P->src[i - 1] == '\t'))
		i--;
	if (i > 0 && P->src[i - 1] != '\n')
		return false;
	size_t j = te;
	while (j < P->len && (P->src[j] == ' ' || P->src[j] == '\t'))
		j++;
	if (j == P->len)
		*after = j;
	else if (P->src[j] == '\n')
		*after = j + 1;
	else if (P->src[j] == '\r' && j + 1 < P->len && P->src[j + 1] == '\n')
		*after = j + 2;
	else
		return false;
	*ls = i;
	return true;
}

/* The tag's text for messages, shortened if a long comment or a runaway tag
 * would make the message unreadable. */
static int S_shown(size_t len)
{
	return len > 60 ? 60 : (int)len;
}

/* Reads the name in [cs, ce) into n. Dotted names are split unless this is a
 * partial. Returns -1 after reporting a malformed name. */
static int S_name(S_parser *P, sg_tnode *n, size_t cs, size_t ce, bool dotted, sg_pos pos)
{
	const char *s = P->src;
	while (cs < ce && S_is_space(s[cs]))
		cs++;
	while (ce > cs && S_is_space(s[ce - 1]))
		ce--;
	if (cs == ce) {
		sg_error(P->d, pos, "empty tag '%.*s': a name is missing", S_shown(n->len),
			 n->text);
		return -1;
	}
	for (size_t i = cs; i < ce; i++) {
		if (S_is_space(s[i])) {
			sg_error(P->d, pos, "bad name '%.*s' in tag '%.*s': names contain no spaces",
				 (int)(ce - cs), s + cs, S_shown(n->len), n->text);
			return -1;
		}
	}
	n->name = sg_arena_strndup(&P->t->arena, s + cs, ce - cs);
	if (!dotted || strcmp(n->name, ".") == 0)
		return 0;
	int count = 1;
	for (size_t i = cs; i < ce; i++)
		count += s[i] == '.';
	n->parts = sg_arena_alloc(&P->t->arena, (size_t)count * sizeof *n->parts);
	size_t start = cs;
	for (size_t i = cs; i <= ce; i++) {
		if (i < ce && s[i] != '.')
			continue;
		if (i == start) {
			sg_error(P->d, pos, "bad name '%s': a dotted name has an empty part", n->name);
			return -1;
		}
		n->parts[n->nparts++] = sg_arena_strndup(&P->t->arena, s + start, i - start);
		start = i + 1;
	}
	return 0;
}

/* A tag found in the source. */
typedef struct S_found {
	char sigil;     /* '!', '=', '#', '^', '/', '>', '{', '&'; '\0' for a variable */
	size_t ts, te;  /* the whole tag, delimiters included */
	size_t cs, ce;  /* its content: after the sigil, before any closing '}' or '=' */
	sg_pos pos;     /* of ts */
} S_found;

/* {{=<% %>=}}: the content of tag f holds the two new delimiters. */
static int S_set_delimiters(S_parser *P, const S_found *f)
{
	const char *s = P->src;
	size_t cs = f->cs, ce = f->ce;
	while (cs < ce && S_is_space(s[cs]))
		cs++;
	while (ce > cs && S_is_space(s[ce - 1]))
		ce--;
	size_t a_end = cs;
	while (a_end < ce && !S_is_space(s[a_end]))
		a_end++;
	size_t b = a_end;
	while (b < ce && S_is_space(s[b]))
		b++;
	bool ok = a_end > cs && b < ce;
	for (size_t i = cs; ok && i < ce; i++) {
		if (s[i] == '=' || (i >= b && S_is_space(s[i])))
			ok = false;
	}
	if (!ok) {
		sg_error(P->d, f->pos,
			 "bad set-delimiter tag '%.*s': expected two delimiters without spaces "
			 "or '=', like {{=<%% %%>=}}",
			 S_shown(f->te - f->ts), s + f->ts);
		return -1;
	}
	P->open = s + cs;
	P->open_len = a_end - cs;
	P->close = s + b;
	P->close_len = ce - b;
	return 0;
}

static void S_work_push(S_work *w, sg_tnode *n, sg_tunit *u)
{
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->items = sg_xrealloc(w->items, w->cap * sizeof *w->items);
	}
	w->items[w->count].node = n;
	w->items[w->count].unit = u;
	w->count++;
}

/* ---------------------------------------------------------------- tags */

/* {{/name}}: closes the innermost open section, which must be name's.
 * tmp is the tag as written. */
static int S_close_section(S_parser *P, sg_tnode *tmp, const S_found *f)
{
	if (S_name(P, tmp, f->cs, f->ce, true, f->pos) < 0)
		return -1;
	if (P->depth == 0) {
		sg_error(P->d, f->pos, "'%.*s' closes a section that is not open",
			 S_shown(tmp->len), tmp->text);
		return -1;
	}
	S_open *top = &P->stack[P->depth - 1];
	if (strcmp(top->node->name, tmp->name) != 0) {
		sg_error(P->d, f->pos,
			 "'%.*s' does not close section '%s' (opened at line %d, column %d)",
			 S_shown(tmp->len), tmp->text, top->node->name, top->node->line,
			 top->node->col);
		return -1;
	}
	P->tail = top->after;
	P->depth--;
	return 0;
}

/* {{#name}} or {{^name}}: the section's node, or NULL after an error. */
static sg_tnode *S_section_tag(S_parser *P, sg_tnode *tmp, const S_found *f)
{
	if (P->depth == SG_TEMPLATE_MAX_NESTING) {
		sg_error(P->d, f->pos, "sections nested more than %d deep",
			 SG_TEMPLATE_MAX_NESTING);
		return NULL;
	}
	if (S_name(P, tmp, f->cs, f->ce, true, f->pos) < 0)
		return NULL;
	return S_add(P, f->sigil == '#' ? SG_TN_SECTION : SG_TN_INVERTED);
}

/* {{>name}}: the partial's node, queued to be compiled, or NULL after an
 * error. A standalone partial's indentation (from ls, where its line
 * starts) goes before every line of the partial. */
static sg_tnode *S_partial_tag(S_parser *P, sg_tnode *tmp, const S_found *f, bool standalone,
			       size_t ls)
{
	if (S_name(P, tmp, f->cs, f->ce, false, f->pos) < 0)
		return NULL;
	if (tmp->name[0] == '*') {
		sg_error(P->d, f->pos, "'%.*s': dynamic partial names are not supported",
			 S_shown(tmp->len), tmp->text);
		return NULL;
	}
	sg_tnode *n = S_add(P, SG_TN_PARTIAL);
	if (standalone) {
		n->indent = P->src + ls;
		n->indent_len = f->ts - ls;
	}
	S_work_push(P->work, n, P->u);
	return n;
}

/* {{name}}, {{{name}}} or {{&name}}: the variable's node, or NULL after an
 * error. */
static sg_tnode *S_var_tag(S_parser *P, sg_tnode *tmp, const S_found *f)
{
	if (S_name(P, tmp, f->cs, f->ce, true, f->pos) < 0)
		return NULL;
	/* Names never start with these; a tag that does is the specification's
	 * optional inheritance module, which would otherwise print nothing
	 * without a word in spec mode. */
	if (f->sigil == '\0' && (tmp->name[0] == '<' || tmp->name[0] == '$')) {
		sg_error(P->d, f->pos,
			 "'%.*s': template inheritance ({{<parent}}, {{$block}}) is not supported",
			 S_shown(tmp->len), tmp->text);
		return NULL;
	}
	sg_tnode *n = S_add(P, SG_TN_VAR);
	n->raw = f->sigil == '{' || f->sigil == '&';
	return n;
}

/* Compiles tag f (standalone: alone on its line, which starts at ls).
 * Returns -1 on an error. */
static int S_tag(S_parser *P, const S_found *f, bool standalone, size_t ls)
{
	sg_tnode tmp = {.text = P->src + f->ts, .len = f->te - f->ts};
	sg_tnode *n;
	switch (f->sigil) {
	case '!':
		return 0;
	case '=':
		return S_set_delimiters(P, f);
	case '/':
		return S_close_section(P, &tmp, f);
	case '#':
	case '^':
		n = S_section_tag(P, &tmp, f);
		break;
	case '>':
		n = S_partial_tag(P, &tmp, f, standalone, ls);
		break;
	default:
		n = S_var_tag(P, &tmp, f);
		break;
	}
	if (!n)
		return -1;
	n->line = f->pos.line;
	n->col = f->pos.col;
	n->text = tmp.text;
	n->len = tmp.len;
	n->name = tmp.name;
	n->parts = tmp.parts;
	n->nparts = tmp.nparts;
	if (n->kind == SG_TN_SECTION || n->kind == SG_TN_INVERTED) {
		P->stack[P->depth].node = n;
		P->stack[P->depth].after = P->tail;
		P->depth++;
		P->tail = &n->children;
	}
	return 0;
}

/* ---------------------------------------------------------------- one text */

/* {{{x}}} and {{=a b=}}: the closing brace or equals sign sits just inside
 * the closing delimiter, and the content of f is made to leave it out.
 * Returns -1 after reporting a tag without it. */
static int S_inner_close(S_parser *P, S_found *f)
{
	const char *s = P->src;
	/* {{{x}}}: the first "}}" may be the name's closing brace and half the
	 * closing delimiter. */
	if (f->sigil == '{' && !(f->ce > f->cs && s[f->ce - 1] == '}') && s[f->ce] == '}' &&
	    f->ce + 1 + P->close_len <= P->len &&
	    memcmp(s + f->ce + 1, P->close, P->close_len) == 0)
		f->ce++;
	f->te = f->ce + P->close_len;
	char want = f->sigil == '{' ? '}' : '=';
	if (f->ce > f->cs && s[f->ce - 1] == want) {
		f->ce--;
		return 0;
	}
	if (f->sigil == '{')
		sg_error(P->d, f->pos, "unclosed tag: '%.*s%c' needs '%c%.*s' to close it",
			 (int)P->open_len, P->open, f->sigil, want, (int)P->close_len, P->close);
	else
		sg_error(P->d, f->pos, "bad set-delimiter tag '%.*s': it must end with '=%.*s'",
			 S_shown(f->te - f->ts), s + f->ts, (int)P->close_len, P->close);
	return -1;
}

/* The next tag at or after from, with the current delimiters, into *f.
 * Returns 1, 0 when there is none, or -1 after reporting one that is not
 * closed. */
static int S_next_tag(S_parser *P, size_t from, S_found *f)
{
	const char *s = P->src;
	f->ts = S_find(P, from, P->open, P->open_len);
	if (f->ts == NOT_FOUND)
		return 0;
	f->pos = S_pos(P, f->ts);
	size_t c = f->ts + P->open_len;
	f->sigil = c < P->len && s[c] && strchr("!=#^/>{&", s[c]) ? s[c] : '\0';
	f->cs = f->sigil ? c + 1 : c;
	f->ce = S_find(P, f->cs, P->close, P->close_len);
	if (f->ce == NOT_FOUND) {
		sg_error(P->d, f->pos, "unclosed tag: no '%.*s' after this '%.*s'",
			 (int)P->close_len, P->close, (int)P->open_len, P->open);
		return -1;
	}
	if (f->sigil == '{' || f->sigil == '=')
		return S_inner_close(P, f) < 0 ? -1 : 1;
	f->te = f->ce + P->close_len;
	return 1;
}

/* Compiles text into u: its text and tags in order, sections as children. */
static int S_parse_unit(sg_template *t, sg_tunit *u, const char *text, size_t len, S_work *work,
			sg_diags *d)
{
	char *copy = sg_arena_alloc(&t->arena, len + 1);
	if (len)
		memcpy(copy, text, len);
	S_parser P = {
		.t = t,
		.u = u,
		.src = copy,
		.len = len,
		.open = "{{",
		.open_len = 2,
		.close = "}}",
		.close_len = 2,
		.tail = &u->first,
		.cur_line = 1,
		.work = work,
		.d = d,
	};
	size_t text_start = 0;
	S_found f;
	int found;
	while ((found = S_next_tag(&P, text_start, &f)) > 0) {
		size_t ls = f.ts, after = f.te;
		bool standalone = f.sigil && strchr("!=#^/>", f.sigil) &&
				  S_standalone(&P, f.ts, f.te, &ls, &after);
		S_text(&P, text_start, standalone ? ls : f.ts);
		if (!standalone && (f.ts == 0 || copy[f.ts - 1] == '\n'))
			S_add(&P, SG_TN_BOL);
		if (S_tag(&P, &f, standalone, ls) < 0)
			return -1;
		text_start = standalone ? after : f.te;
	}
	if (found < 0)
		return -1;
	S_text(&P, text_start, len);
	if (P.depth > 0) {
		const sg_tnode *open = P.stack[P.depth - 1].node;
		sg_error(d, sg_pos_make(u->path, open->line, open->col),
			 "section '%s' is never closed (no %.*s/%s%.*s before the end)", open->name,
			 (int)P.open_len, P.open, open->name, (int)P.close_len, P.close);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- partials */

static sg_tunit *S_new_unit(sg_template *t, const char *path, const char *name)
{
	sg_tunit *u = sg_arena_alloc(&t->arena, sizeof *u);
	u->path = sg_arena_strdup(&t->arena, path ? path : "<template>");
	u->name = name;
	return u;
}

static sg_tunit *S_find_partial(const sg_template *t, const char *name)
{
	for (sg_tunit *u = t->partials; u; u = u->next)
		if (strcmp(u->name, name) == 0)
			return u;
	return NULL;
}

/* Loads and compiles the partial called name; a unit marked missing when
 * there is none. Returns -1 when loading or compiling it failed. */
static int S_load_partial(sg_template *t, sg_tunit **out, const char *name,
			  const sg_template_opts *opts, S_work *work, sg_diags *d)
{
	sg_tunit *u = S_new_unit(t, name, name);
	if (t->partials_tail)
		t->partials_tail->next = u;
	else
		t->partials = u;
	t->partials_tail = u;
	*out = u;
	if (!opts || !opts->partial) {
		u->missing = true;
		return 0;
	}
	sg_buf text, path;
	sg_buf_init(&text);
	sg_buf_init(&path);
	int rc = opts->partial(opts->partial_ctx, name, &text, &path, d);
	if (rc > 0) {
		u->missing = true;
		rc = 0;
	} else if (rc == 0) {
		if (path.len)
			u->path = sg_arena_strndup(&t->arena, path.data, path.len);
		rc = S_parse_unit(t, u, text.data, text.len, work, d);
	}
	sg_buf_dispose(&text);
	sg_buf_dispose(&path);
	return rc < 0 ? -1 : 0;
}

int sg_template_parse(sg_template *t, const char *text, size_t len, const char *path,
		      const sg_template_opts *opts, sg_diags *d)
{
	S_work work = {0};
	bool failed = false;
	t->main = S_new_unit(t, path, NULL);
	if (S_parse_unit(t, t->main, text, len, &work, d) < 0)
		failed = true;
	/* The list grows while it is walked: each partial compiled adds its
	 * own partial tags. Every problem is reported, not only the first. */
	for (size_t i = 0; i < work.count; i++) {
		sg_tnode *n = work.items[i].node;
		sg_tunit *u = S_find_partial(t, n->name);
		if (!u && S_load_partial(t, &u, n->name, opts, &work, d) < 0)
			failed = true;
		n->partial = u;
		if (u->missing && (t->mode == SG_TEMPLATE_STRICT ||
				   (opts && opts->missing_partial_error))) {
			sg_error(d, sg_pos_make(work.items[i].unit->path, n->line, n->col),
				 "no partial named '%s'", n->name);
			failed = true;
		}
	}
	free(work.items);
	return failed ? -1 : 0;
}
