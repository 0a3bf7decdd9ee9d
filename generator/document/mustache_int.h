/*
 * mustache_int.h - the compiled form of a template, shared by the parser
 * (mustache_parse.c) and the renderer (mustache.c). Not for other modules.
 *
 * A compiled text is a linked list of nodes; sections own a child list. All
 * of it, the copied source included, lives in the template's one arena, and
 * text nodes point into that copy.
 */
#ifndef SG_DOCUMENT_MUSTACHE_INT_H
#define SG_DOCUMENT_MUSTACHE_INT_H

#include <stdbool.h>

#include "base/arena.h"
#include "document/mustache.h"

/* Sections nested deeper than this in one text are refused when compiling;
 * with the partial depth bound it keeps rendering's recursion small. */
#define SG_TEMPLATE_MAX_NESTING 50

typedef enum sg_tnode_kind {
	SG_TN_TEXT,
	/* The start of a line of the source that has content. Emits the
	 * current partial indentation, which is how a standalone partial's
	 * indentation reaches every line of the partial without re-parsing. */
	SG_TN_BOL,
	SG_TN_VAR,
	SG_TN_SECTION,
	SG_TN_INVERTED,
	SG_TN_PARTIAL,
} sg_tnode_kind;

typedef struct sg_tunit sg_tunit;
typedef struct sg_tnode sg_tnode;

struct sg_tnode {
	sg_tnode_kind kind;
	int line, col;     /* of the tag's opening delimiter (1-based, code points) */
	const char *text;  /* TEXT: the text; tags: the tag as written */
	size_t len;        /* bytes of text */
	const char *name;  /* tags: the trimmed name, NUL-terminated */
	const char **parts; /* VAR and sections: the dotted name split */
	int nparts;         /* 0 for the implicit iterator "." */
	bool raw;           /* VAR: {{{x}}} or {{&x}} */
	const char *indent; /* PARTIAL: whitespace before a standalone tag */
	size_t indent_len;
	const sg_tunit *partial; /* PARTIAL: resolved when compiling */
	sg_tnode *children;      /* sections: the body */
	sg_tnode *next;
};

/* One compiled text: the template itself or one partial. */
struct sg_tunit {
	const char *path; /* for messages */
	const char *name; /* the partial's name; NULL for the template */
	bool missing;     /* a partial the callback did not find (spec mode) */
	sg_tnode *first;
	sg_tunit *next; /* the template's list of partials */
};

struct sg_template {
	sg_arena arena;
	sg_template_mode mode;
	sg_escape_fn escape;
	int max_depth;
	sg_tunit *main;
	sg_tunit *partials; /* each name once, in load order */
	sg_tunit *partials_tail;
};

/* Parses the template's main text and every partial it reaches into t.
 * Returns 0 or -1 after reporting to d. */
int sg_template_parse(sg_template *t, const char *text, size_t len, const char *path,
		      const sg_template_opts *opts, sg_diags *d);

#endif
