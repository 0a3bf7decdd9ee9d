/*
 * diff_format.h - a diff (diff.h) written for a reader: the terminal,
 * Markdown for a pull-request comment, or JSON for tools (its schema is
 * docs/diff.schema.json, described in docs/diff.md).
 */
#ifndef SG_DIFF_DIFF_FORMAT_H
#define SG_DIFF_DIFF_FORMAT_H

#include <stdbool.h>

#include "base/buf.h"
#include "diff/diff.h"

/* What the two sides are called: "HEAD~1", "working tree", a folder. */
typedef struct sg_diff_labels {
	const char *from, *to;
} sg_diff_labels;

/* For the terminal: a summary line, the files outside customers and what
 * they move, then each customer's changes; ANSI colours when colour. */
void sg_diff_write_text(sg_buf *out, const sg_diff *df, const sg_diff_labels *l, bool colour);

/* GitHub-flavoured Markdown: a heading, a summary table of the customers,
 * the files outside customers, then each customer's details folded in a
 * <details> element. */
void sg_diff_write_markdown(sg_buf *out, const sg_diff *df, const sg_diff_labels *l);

/* JSON, as docs/diff.schema.json describes it. */
void sg_diff_write_json(sg_buf *out, const sg_diff *df, const sg_diff_labels *l);

/* ------------------------------------------------ pieces the writers share */

/* A figure's value in words: money "¥95,000", a discount as the share
 * taken off "15 %", a date "2026-12-20"; "—" when unset. */
void sg_diff_fmt_value(sg_buf *out, sg_diff_unit unit, sg_diff_value v);
/* The difference to - from, signed: "+¥6,000", "−7 pts", "+30 days";
 * nothing when either is unset. */
void sg_diff_fmt_delta(sg_buf *out, sg_diff_unit unit, sg_diff_value from, sg_diff_value to);
/* The approval of c in a line: "discount 15 % → 22 %: now needs
 * branch-manager; recorded: account-manager (not covered)". */
void sg_diff_fmt_approval(sg_buf *out, const sg_diff_customer *c);
/* How many of the n edits e remove a sentence, and how many add one. */
void sg_diff_count_edits(const sg_sentence_edit *e, size_t n, size_t *removed, size_t *added);
/* "changed", "added", "removed". */
const char *sg_diff_status_name(sg_diff_status s);
const char *sg_diff_file_status_name(sg_diff_file_status s);

#endif
