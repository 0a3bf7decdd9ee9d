/*
 * mustache.h - the Mustache template engine for proposals, reports and themes.
 *
 * A template is compiled once (parsed, partials loaded and compiled, every tag
 * keeping its line and column) and then rendered any number of times against
 * sg_value trees. A compiled template is immutable: rendering it from several
 * threads at once is safe.
 *
 * Two modes:
 * - SG_TEMPLATE_SPEC follows the Mustache specification exactly (HTML themes):
 *   a name that does not resolve renders as nothing, so does a missing partial.
 * - SG_TEMPLATE_STRICT is for content templates (proposals, reports): a name
 *   that does not resolve, a missing partial, a list or map used as text, a
 *   null printed as text (it would leave a hole in a sentence), and a raw tag
 *   ({{{x}}} or {{&x}}) whose value is not flagged `markup` are errors
 *   reported as path:line:col, each tag once.
 *
 * Syntax errors (unclosed tag, unclosed or mismatched section, bad
 * set-delimiter tag, empty or malformed name) are errors in both modes.
 * Lambdas are not supported. See docs/templates.md.
 */
#ifndef SG_DOCUMENT_MUSTACHE_H
#define SG_DOCUMENT_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/value.h"

typedef struct sg_template sg_template;

typedef enum sg_template_mode {
	SG_TEMPLATE_SPEC,   /* the specification's behaviour, for HTML themes */
	SG_TEMPLATE_STRICT, /* unknown names and unsafe raw tags are errors */
} sg_template_mode;

/* Appends s[0..len) to out, escaped for the output language. */
typedef void (*sg_escape_fn)(const char *s, size_t len, sg_buf *out);

/* Loads the partial called name: appends its text to `text` and, optionally,
 * the path used in messages to `path` (left empty, the name is used). Returns
 * 0 when found, 1 when there is no such partial, -1 on an error it has already
 * reported to d (unreadable file, too big): compilation then fails. */
typedef int (*sg_partial_fn)(void *ctx, const char *name, sg_buf *text, sg_buf *path,
			     sg_diags *d);

#define SG_TEMPLATE_MAX_DEPTH 64 /* default bound on nested partials */
/* Bounds on one rendering (an error when passed): its output, and the number
 * of template nodes it visits. A proposal renders to some 20 KB in a few
 * thousand steps. */
#define SG_TEMPLATE_MAX_OUTPUT ((size_t)64 << 20)
#define SG_TEMPLATE_MAX_STEPS 20000000u

typedef struct sg_template_opts {
	sg_template_mode mode;
	sg_escape_fn escape;   /* how {{x}} is escaped; NULL means sg_escape_html */
	sg_partial_fn partial; /* NULL: the template has no partials */
	void *partial_ctx;     /* passed to partial */
	int max_depth;         /* partials nested deeper are an error; 0 means 64 */
	/* A missing partial is an error at its tag in spec mode too: a theme
	 * that names a partial it lacks is a mistake, not optional text. */
	bool missing_partial_error;
} sg_template_opts;

/* Compiles text[0..len) (need not be NUL-terminated; the engine keeps its own
 * copy). path names the template in messages. opts may be NULL (spec mode,
 * HTML escaping, no partials). Every partial the template names, directly or
 * through other partials, is loaded through opts->partial and compiled now,
 * once per name. On success stores a template the caller frees with
 * sg_template_free() and returns 0; on errors (added to d) stores NULL and
 * returns -1. */
int sg_template_compile(sg_template **out, const char *text, size_t len, const char *path,
			const sg_template_opts *opts, sg_diags *d);

/* Renders t with data (NULL is taken as null) and appends the result to out.
 * Returns 0, or -1 after adding errors to d (strict-mode name errors, each tag
 * reported once per call; partials nested too deep). out then holds a partial
 * result the caller should discard. */
int sg_template_render(const sg_template *t, const sg_value *data, sg_buf *out,
		       sg_diags *d);

void sg_template_free(sg_template *t);

/* The files a template is made of: 0 is the template itself, then every
 * partial that was found, in the order they were loaded. NULL past the end. */
const char *sg_template_source(const sg_template *t, size_t i);

/* Compile, render once, free. Same returns as the two calls. */
int sg_template_render_string(sg_buf *out, const char *text, size_t len, const char *path,
			      const sg_template_opts *opts, const sg_value *data,
			      sg_diags *d);

/* HTML escaping as the specification asks: & < > " become entities. */
void sg_escape_html(const char *s, size_t len, sg_buf *out);

/* Escaping for Markdown templates, so a value is always plain text: every
 * ASCII punctuation character gets a backslash (which CommonMark allows
 * before any of them), newlines (CR, LF, CRLF) become spaces, and spaces or
 * tabs at the start or end of the value become character references
 * (&#32; &#9;), so a value can neither start an indented code block nor end a
 * line with a hard break. */
void sg_escape_markdown(const char *s, size_t len, sg_buf *out);

/* No escaping (plain-text outputs). */
void sg_escape_none(const char *s, size_t len, sg_buf *out);

#endif
