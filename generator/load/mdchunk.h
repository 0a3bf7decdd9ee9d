/*
 * mdchunk.h - where a long table's Markdown may be cut, so that cmark
 * parses it a piece at a time (markdown.c).
 *
 * cmark keeps the whole document until it is finished: a report's table of
 * a hundred thousand rows is some 4 KB of cmark's nodes a row, held at once
 * (bench/README.md, "100,000 customers"). A table at the top level of the
 * document whose every line starts with '|' is cut every few thousand rows;
 * each piece after the first is parsed with the table's header and
 * delimiter lines before it, and its rows join the table of the piece
 * before. Only where that is the same document: a table after a blank line
 * (not in a list, a quote, a fenced code block or an HTML block), whose
 * header and delimiter rows have as many cells, in a document with no link
 * reference definitions (which a piece would not see).
 */
#ifndef SG_LOAD_MDCHUNK_H
#define SG_LOAD_MDCHUNK_H

#include <stddef.h>

/* A cut: the piece from `at` on goes on with the table whose header and
 * delimiter lines are text[head, head + head_len) (newlines included). */
typedef struct sg_mdcut {
	size_t at;   /* the byte where the piece starts: a row's line */
	size_t head; /* the table's header line */
	size_t head_len;
	int line; /* the line of text (1-based) that starts at `at` */
} sg_mdcut;

/* The cuts of text[0, len), one every `rows` rows of each table that may be
 * cut (see the top), in order; *n of them (heap, NULL when none). */
sg_mdcut *sg_mdchunk_cuts(const char *text, size_t len, size_t rows, size_t *n);

#endif
