/*
 * mustache.c - renders compiled templates (see mustache_parse.c for the
 * parser) and the escapers.
 *
 * Rendering walks the node lists with a context stack kept on the C stack:
 * each section pushes its value, partials see the stack as it is. Name
 * lookup follows the specification: the first part of a dotted name is
 * searched from the innermost context outwards, the other parts only inside
 * what the first part found.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "document/mustache_int.h"

/* Errors reported by one render call before it gives up. */
#define MAX_RENDER_ERRORS 100

typedef struct S_ctx {
	const sg_value *v;
	const struct S_ctx *up;
} S_ctx;

typedef struct S_render {
	const sg_template *t;
	sg_buf *out;
	sg_diags *d;
	sg_buf indent;  /* the indentation of the standalone partials we are in */
	sg_buf scratch; /* a value's text before escaping */
	int depth;      /* partials entered */
	size_t start;   /* out->len when rendering began */
	uint64_t steps; /* nodes visited */
	bool failed;
	bool aborted; /* stop rendering: depth exceeded or too many errors */
	/* Tags already reported, so a bad name inside a loop over a thousand
	 * items is reported once. */
	const sg_tnode **seen;
	size_t nseen, capseen;
} S_render;

/* A failed lookup: which part of the name was not found and in what. */
typedef struct S_miss {
	int part;
	const sg_value *parent; /* NULL when the first part failed */
} S_miss;

static const sg_value S_null_value = {.kind = SG_VAL_NULL};

/* ------------------------------------------------------------------ */
/* Escaping                                                           */

void sg_escape_none(const char *s, size_t len, sg_buf *out)
{
	sg_buf_put(out, s, len);
}

void sg_escape_html(const char *s, size_t len, sg_buf *out)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *ent;
		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		default:
			continue;
		}
		sg_buf_put(out, s + run, i - run);
		sg_buf_puts(out, ent);
		run = i + 1;
	}
	sg_buf_put(out, s + run, len - run);
}

static bool S_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whitespace at the edge of a value, as a character reference: CommonMark
 * does not count it as indentation or as a hard line break's spaces. */
static size_t S_md_edge(const char *s, size_t i, size_t len, sg_buf *out)
{
	if (s[i] == '\t') {
		sg_buf_puts(out, "&#9;");
		return 1;
	}
	sg_buf_puts(out, "&#32;");
	return s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
}

void sg_escape_markdown(const char *s, size_t len, sg_buf *out)
{
	size_t lead = 0, trail = len;
	while (lead < len && S_is_blank(s[lead]))
		lead++;
	while (trail > lead && S_is_blank(s[trail - 1]))
		trail--;
	size_t i = 0;
	while (i < lead)
		i += S_md_edge(s, i, lead, out);
	while (i < trail) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n') {
			/* A new line could start a block, so a value never has
			 * one; CRLF becomes one space. */
			sg_buf_putc(out, ' ');
			i += c == '\r' && i + 1 < trail && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) && c != '\0')
			sg_buf_putc(out, '\\');
		sg_buf_putc(out, c);
		i++;
	}
	while (i < len)
		i += S_md_edge(s, i, len, out);
}

/* ------------------------------------------------------------------ */
/* Errors                                                             */

/* True the first time a problem with n is met: the caller reports it then,
 * and the render has failed. A tag in a loop is reported once, not once an
 * item; after MAX_RENDER_ERRORS tags the render gives up. */
static bool S_first_report(S_render *r, const sg_tnode *n)
{
	for (size_t i = 0; i < r->nseen; i++)
		if (r->seen[i] == n)
			return false;
	if (r->nseen == r->capseen) {
		r->capseen = r->capseen ? r->capseen * 2 : 16;
		r->seen = sg_xrealloc(r->seen, r->capseen * sizeof *r->seen);
	}
	r->seen[r->nseen++] = n;
	if (r->nseen >= MAX_RENDER_ERRORS)
		r->aborted = true;
	r->failed = true;
	return true;
}

/* Where tag n of u is, for messages. */
static sg_pos S_at(const sg_tunit *u, const sg_tnode *n)
{
	return sg_pos_make(u->path, n->line, n->col);
}

static const char *S_kind_phrase(const sg_value *v)
{
	switch (v->kind) {
	case SG_VAL_NULL:
		return "null";
	case SG_VAL_BOOL:
		return "a true/false value";
	case SG_VAL_INT:
	case SG_VAL_DEC:
		return "a number";
	case SG_VAL_STR:
		return "text";
	case SG_VAL_LIST:
		return "a list";
	case SG_VAL_MAP:
		return "a map";
	}
	return "a value";
}

/* Edit distance with adjacent transpositions ("nmae" is one step from
 * "name"), or a large number for names too long to bother with. */
static int S_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	size_t la = strlen(a), lb = strlen(b);
	if (la >= MAX || lb >= MAX)
		return 1000;
	int rows[3][MAX + 1];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
		}
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

static void S_consider(const sg_value *map, const char *want, const char **best, int *best_d)
{
	if (!map || map->kind != SG_VAL_MAP)
		return;
	int limit = (int)strlen(want) / 2;
	for (const sg_value *c = map->u.items.first; c; c = c->next) {
		int dist = S_distance(want, c->key);
		if (dist <= 2 && dist <= limit && dist < *best_d) {
			*best = c->key;
			*best_d = dist;
		}
	}
}

static void S_join(sg_buf *b, const sg_tnode *n, int from, int to)
{
	for (int i = from; i < to; i++) {
		if (i > from)
			sg_buf_putc(b, '.');
		sg_buf_puts(b, n->parts[i]);
	}
}

static void S_unknown(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx,
		      const S_miss *m)
{
	if (!S_first_report(r, n))
		return;
	sg_buf msg;
	sg_buf_init(&msg);
	sg_buf_printf(&msg, "unknown name '%s'", n->name);
	if (m->parent && m->parent->kind != SG_VAL_MAP) {
		sg_buf_puts(&msg, " ('");
		S_join(&msg, n, 0, m->part);
		sg_buf_printf(&msg, "' is %s, not a map)", S_kind_phrase(m->parent));
	} else {
		const char *best = NULL;
		int best_d = 1000;
		if (m->parent)
			S_consider(m->parent, n->parts[m->part], &best, &best_d);
		else
			for (const S_ctx *c = ctx; c; c = c->up)
				S_consider(c->v, n->parts[0], &best, &best_d);
		if (best) {
			sg_buf_puts(&msg, " (did you mean '");
			S_join(&msg, n, 0, m->part);
			sg_buf_printf(&msg, "%s%s", m->part ? "." : "", best);
			if (m->part + 1 < n->nparts) {
				sg_buf_putc(&msg, '.');
				S_join(&msg, n, m->part + 1, n->nparts);
			}
			sg_buf_puts(&msg, "'?)");
		}
	}
	sg_error(r->d, S_at(u, n), "%s", msg.data);
	sg_buf_dispose(&msg);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

static const sg_value *S_lookup(const sg_tnode *n, const S_ctx *ctx, S_miss *m)
{
	if (n->nparts == 0)
		return ctx->v;
	const sg_value *v = NULL;
	for (const S_ctx *c = ctx; c && !v; c = c->up)
		v = sg_map_get(c->v, n->parts[0]);
	m->part = 0;
	m->parent = NULL;
	for (int i = 1; v && i < n->nparts; i++) {
		const sg_value *parent = v;
		v = sg_map_get(parent, n->parts[i]);
		m->part = i;
		m->parent = parent;
	}
	return v;
}

static void S_var(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx)
{
	bool strict = r->t->mode == SG_TEMPLATE_STRICT;
	S_miss m;
	const sg_value *v = S_lookup(n, ctx, &m);
	if (!v) {
		if (strict)
			S_unknown(r, u, n, ctx, &m);
		return;
	}
	if (strict && (v->kind == SG_VAL_LIST || v->kind == SG_VAL_MAP)) {
		if (S_first_report(r, n))
			sg_error(r->d, S_at(u, n),
				 "'%s' is %s, not text: use {{#%s}}...{{/%s}} to go into it",
				 n->name, S_kind_phrase(v), n->name, n->name);
		return;
	}
	if (n->raw) {
		/* Raw output is how markup gets into a document, so strict
		 * templates allow it only for values salesgen made as markup. */
		if (!strict || v->markup || v->kind == SG_VAL_NULL)
			sg_value_to_text(v, r->out);
		else if (S_first_report(r, n))
			sg_error(r->d, S_at(u, n),
				 "'%.*s' inserts '%s' unescaped, but it is plain text, not markup: "
				 "use {{%s}}",
				 (int)n->len, n->text, n->name, n->name);
		return;
	}
	/* A value the content does not give prints as nothing, which in a
	 * sentence is an empty slot ("有效期至 。"): strict templates must say
	 * what to show without it. (A raw tag inserts a block of markup, whose
	 * absence leaves no hole in a sentence.) */
	if (strict && v->kind == SG_VAL_NULL) {
		if (S_first_report(r, n))
			sg_error(r->d, S_at(u, n),
				 "'%s' has no value here (the content does not give it), and "
				 "would print as nothing: show it inside {{#%s}}...{{/%s}}",
				 n->name, n->name, n->name);
		return;
	}
	if (v->kind == SG_VAL_STR) {
		r->t->escape(v->u.str.s, v->u.str.len, r->out);
		return;
	}
	sg_buf_clear(&r->scratch);
	sg_value_to_text(v, &r->scratch);
	r->t->escape(r->scratch.data, r->scratch.len, r->out);
}

static void S_nodes(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx);

static void S_section(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx)
{
	S_miss m;
	const sg_value *v = S_lookup(n, ctx, &m);
	if (!v && r->t->mode == SG_TEMPLATE_STRICT) {
		S_unknown(r, u, n, ctx, &m);
		return;
	}
	bool truthy = sg_value_truthy(v);
	if (n->kind == SG_TN_INVERTED) {
		if (!truthy)
			S_nodes(r, u, n->children, ctx);
		return;
	}
	if (!truthy)
		return;
	if (v->kind != SG_VAL_LIST) {
		S_ctx inner = {v, ctx};
		S_nodes(r, u, n->children, &inner);
		return;
	}
	for (const sg_value *item = v->u.items.first; item && !r->aborted; item = item->next) {
		S_ctx inner = {item, ctx};
		S_nodes(r, u, n->children, &inner);
	}
}

static void S_partial(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx)
{
	const sg_tunit *p = n->partial;
	if (!p || p->missing)
		return;
	if (r->depth >= r->t->max_depth) {
		/* Recursive partials over recursive data are allowed, but a
		 * partial that includes itself unconditionally would recurse
		 * until the stack overflows. */
		sg_error(r->d, S_at(u, n),
			 "partial '%s' nested more than %d deep (does it include itself?)",
			 n->name, r->t->max_depth);
		r->failed = true;
		r->aborted = true;
		return;
	}
	size_t old = r->indent.len;
	sg_buf_put(&r->indent, n->indent, n->indent_len);
	r->depth++;
	S_nodes(r, p, p->first, ctx);
	r->depth--;
	sg_buf_truncate(&r->indent, old);
}

/* Sections nested over lists multiply: a few lines of template can ask for
 * more output, or more work, than any document needs. Both are bounded, and
 * passing a bound is an error at the tag where it happened. */
static bool S_over(S_render *r, const sg_tunit *u, const sg_tnode *n)
{
	if (++r->steps <= SG_TEMPLATE_MAX_STEPS && r->out->len - r->start <= SG_TEMPLATE_MAX_OUTPUT)
		return false;
	sg_error(r->d, S_at(u, n),
		 "the template asks for too much: more than %d MB of output or %d million "
		 "steps (sections nested over lists multiply); stopped here",
		 (int)(SG_TEMPLATE_MAX_OUTPUT >> 20), (int)(SG_TEMPLATE_MAX_STEPS / 1000000));
	r->failed = true;
	r->aborted = true;
	return true;
}

static void S_nodes(S_render *r, const sg_tunit *u, const sg_tnode *n, const S_ctx *ctx)
{
	for (; n && !r->aborted && !S_over(r, u, n); n = n->next) {
		switch (n->kind) {
		case SG_TN_TEXT:
			sg_buf_put(r->out, n->text, n->len);
			break;
		case SG_TN_BOL:
			sg_buf_put(r->out, r->indent.data, r->indent.len);
			break;
		case SG_TN_VAR:
			S_var(r, u, n, ctx);
			break;
		case SG_TN_SECTION:
		case SG_TN_INVERTED:
			S_section(r, u, n, ctx);
			break;
		case SG_TN_PARTIAL:
			S_partial(r, u, n, ctx);
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The public face                                                    */

int sg_template_compile(sg_template **out, const char *text, size_t len, const char *path,
			const sg_template_opts *opts, sg_diags *d)
{
	sg_template *t = sg_xcalloc(1, sizeof *t);
	sg_arena_init(&t->arena);
	t->mode = opts ? opts->mode : SG_TEMPLATE_SPEC;
	t->escape = opts && opts->escape ? opts->escape : sg_escape_html;
	t->max_depth = opts && opts->max_depth > 0 ? opts->max_depth : SG_TEMPLATE_MAX_DEPTH;
	if (sg_template_parse(t, text, len, path, opts, d) < 0) {
		sg_template_free(t);
		*out = NULL;
		return -1;
	}
	*out = t;
	return 0;
}

int sg_template_render(const sg_template *t, const sg_value *data, sg_buf *out, sg_diags *d)
{
	S_render r = {.t = t, .out = out, .d = d, .start = out->len};
	sg_buf_init(&r.indent);
	sg_buf_init(&r.scratch);
	S_ctx root = {data ? data : &S_null_value, NULL};
	S_nodes(&r, t->main, t->main->first, &root);
	sg_buf_dispose(&r.indent);
	sg_buf_dispose(&r.scratch);
	free(r.seen);
	return r.failed ? -1 : 0;
}

void sg_template_free(sg_template *t)
{
	if (!t)
		return;
	sg_arena_dispose(&t->arena);
	free(t);
}

const char *sg_template_source(const sg_template *t, size_t i)
{
	if (i == 0)
		return t->main->path;
	for (const sg_tunit *u = t->partials; u; u = u->next) {
		if (u->missing)
			continue;
		if (--i == 0)
			return u->path;
	}
	return NULL;
}

int sg_template_render_string(sg_buf *out, const char *text, size_t len, const char *path,
			      const sg_template_opts *opts, const sg_value *data,
			      sg_diags *d)
{
	sg_template *t;
	if (sg_template_compile(&t, text, len, path, opts, d) < 0)
		return -1;
	int rc = sg_template_render(t, data, out, d);
	sg_template_free(t);
	return rc;
}
