/*
 * pdf_cff_int.h - reading the parts of a CFF table (Adobe Technical Note
 * #5176), shared by pdf_cff.c (charset), pdf_cff_subset.c (the subsetter)
 * and pdf_cff_charstring.c (Type 2 charstrings, Technical Note #5177).
 *
 * Every read is checked against the table's length: a function that finds
 * an offset, a count or an operand out of bounds returns false (or -1) and
 * reads nothing further, so a malformed font is refused, never overrun.
 */
#ifndef SG_RENDER_PDF_PDF_CFF_INT_H
#define SG_RENDER_PDF_PDF_CFF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* An INDEX: count items whose offsets (offsize bytes each, counted from 1)
 * start at offs; item i is the bytes [data + off[i], data + off[i+1]). */
typedef struct sg_cff_index {
	uint32_t count;
	unsigned offsize;
	size_t offs; /* the offset array */
	size_t data; /* the byte before the first item */
	size_t end;  /* just after the INDEX */
} sg_cff_index;

/* Reads the INDEX at at of p[0..len). Checks the header, the first offset
 * (1) and that the last offset ends inside the table; the offsets between
 * are checked by sg_cff_index_item as items are read. */
bool sg_cff_index_read(const uint8_t *p, size_t len, size_t at, sg_cff_index *out);

/* Item i of ix: its start *at and length *n. False when i >= count or its
 * offsets are out of order or out of the table. */
bool sg_cff_index_item(const uint8_t *p, size_t len, const sg_cff_index *ix, uint32_t i,
		       size_t *at, size_t *n);

/* One DICT entry: an operator with its operands. */
#define SG_CFF_DICT_ARGS 48
typedef struct sg_cff_dict_op {
	int op;      /* 0-21, or 1200 + the second byte of a two-byte (12 x) one */
	size_t start; /* the entry's first operand byte, in the DICT */
	size_t end;   /* just after its operator */
	int nargs;
	int32_t args[SG_CFF_DICT_ARGS]; /* integer operands; a real reads as 0 */
	bool real[SG_CFF_DICT_ARGS];    /* that operand is a real */
} sg_cff_dict_op;

/* The next entry of the DICT d[0..len) from *pos. Returns 1 with *op
 * filled and *pos after it, 0 at the end, -1 when the DICT is malformed
 * (an operand cut short, more than 48 operands, operands with no operator
 * after them). */
int sg_cff_dict_next(const uint8_t *d, size_t len, size_t *pos, sg_cff_dict_op *op);

/* Appends v as a DICT integer operand in its shortest form; or always in
 * five bytes (29 and 32 bits) when fixed, so that a value written later
 * does not change the size of the DICT. */
void sg_cff_put_int(sg_buf *b, int32_t v, bool fixed);
/* Appends a DICT operator (op >= 1200: the two-byte 12 x form). */
void sg_cff_put_op(sg_buf *b, int op);
/* Overwrites the five-byte integer written with fixed at b->data[at]. */
void sg_cff_patch_int(sg_buf *b, size_t at, int32_t v);

/* A subroutine INDEX with the bias its numbers are given with. */
typedef struct sg_cff_subrs {
	const uint8_t *p; /* the table */
	size_t len;
	sg_cff_index ix; /* count 0 when there are none */
	int32_t bias;
} sg_cff_subrs;

/* Fills s for the subroutine INDEX ix of p[0..len). */
void sg_cff_subrs_init(sg_cff_subrs *s, const uint8_t *p, size_t len, const sg_cff_index *ix);

/* The Type 2 charstring cs[0..n) as one charstring without subroutine
 * calls (each callsubr and callgsubr replaced by what it calls) and
 * without hints (hstem, vstem, hstemhm, vstemhm, hintmask and cntrmask with
 * their operands and mask bytes; dotsection), its width kept: appended to
 * out. Returns 0, or -1 (out then holds an unspecified tail) when the
 * charstring is malformed or uses what this does not handle: arithmetic
 * and storage operators, seac-style endchar, a path before its first
 * moveto, calls nested more than 10 deep, more than 48 operands, a result
 * longer than 65,535 bytes. See pdf_cff_charstring.c. */
int sg_cff_charstring_flatten(sg_buf *out, const uint8_t *cs, size_t n,
			      const sg_cff_subrs *global, const sg_cff_subrs *local);

#endif
