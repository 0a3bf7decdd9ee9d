/*
 * pdf_hint.h - what the count of a long body found (pdf_doc.c, "long
 * bodies"), kept between builds so that the next build of the same
 * document lays its body out once.
 *
 * A body of 64 pages or more is laid out a first time to count: its pages
 * ("Page N of M"), its headings' pages and places (the contents, links to
 * headings further on) and the last page showing each structure node (when
 * the node's element can be written and let go). A COUNT is those numbers,
 * with each node's role and parent, which decide the same; made from a
 * layout, it is written as bytes that the caller keeps beside the output.
 * Given those bytes, the next build draws each page as it lays the body
 * out, with the kept numbers, and checks at the end that the count it makes
 * is the same bytes: if it is not (a row grew, a page was added), what it
 * drew is thrown away and the body is counted and laid out again as
 * without them. The bytes are never trusted further: they are checked
 * whole (they end with the SHA-256 of the rest) and field by field before
 * they are used, and the output does not depend on them.
 *
 * The form: "salesgen-pdf-count 1\n", then varints (LEB128): the pages, the
 * headings (level, page, y as the bits of a double in 8 bytes
 * little-endian, text and anchor each as a length and bytes), the nodes
 * (role as a byte, the node's id less its parent's, its last page less the
 * node before's, zigzag), then the SHA-256 of all that.
 */
#ifndef SG_RENDER_PDF_PDF_HINT_H
#define SG_RENDER_PDF_PDF_HINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "layout/layout.h"

/* A count read back from its bytes. */
typedef struct sg_pdf_hint {
	int pages;          /* the body's pages, >= 1 */
	sg_heading *heads;  /* its headings, in order (strings in arena) */
	size_t nheads;
	size_t nnodes;      /* its structure nodes, per node: */
	uint8_t *roles;     /* its role (sg_srole) */
	int *parents;       /* its parent's id, 0: the document; < its own id */
	int *last;          /* the last page showing its content, -1: none */
	sg_arena arena;     /* the headings' strings */
} sg_pdf_hint;

/* Appends to out the count of body l, laid out whole or page by page:
 * l->npages, l->headings, l->nodes (role and parent), and last[i], the
 * last page showing node i + 1 (nlast of them; the nodes past them have
 * none). */
void sg_pdf_hint_write(sg_buf *out, const sg_layout *l, const int *last, size_t nlast);

/* Reads the count in data into *h (sg_pdf_hint_dispose frees it, also
 * after a failure). Returns 0, or -1 when data is not a whole count of this
 * form: cut short, any byte changed, a value out of its range. */
int sg_pdf_hint_read(sg_pdf_hint *h, const void *data, size_t len);

void sg_pdf_hint_dispose(sg_pdf_hint *h);

#endif
