/*
 * diff_int.h - inside the diff: one side of a comparison (a content folder
 * loaded and evaluated, and what each customer shows), shared by side.c
 * and compare.c.
 */
#ifndef SG_DIFF_DIFF_INT_H
#define SG_DIFF_DIFF_INT_H

#include "cost/evaluation.h"
#include "diff/diff.h"
#include "model/content.h"

/* What one customer shows on one side. */
typedef struct sg_diff_view {
	const sg_customer *cu;
	sg_diff_value fig[SG_DIFF_FIGURE_COUNT];
	sg_diff_approval_side ap;
	bool proposal;        /* it has a proposal (an offer) */
	const char *tpl;      /* the proposal template's slug, NULL without one */
	const char **text;    /* the proposal's words, in sentences */
	size_t text_count;
	const char *text_error; /* why the proposal cannot be made, or NULL */
	bool text_skipped;      /* not made: nothing it reads changed */
	const sg_sent *sent;  /* the record of the current offer as sent, or NULL */
} sg_diff_view;

typedef struct sg_diff_side {
	const char *dir;
	sg_content *c;
	sg_evals *evals;
	sg_diags d;
	sg_arena a;          /* views and their text */
	sg_diff_view *views; /* one per customer of c, in its order */
	sg_date build_date;
	const struct sg_diff_changed *changed; /* which proposals to make */
} sg_diff_side;

/* What changed between the two folders, known before either is loaded:
 * a proposal is made only when something it reads changed. */
typedef struct sg_diff_changed {
	bool shared;         /* a file outside customers/ that proposals read */
	char **customers;    /* customers/ID.xml files that differ, sorted */
	size_t customer_count;
} sg_diff_changed;

/* Loads dir, evaluates every customer and makes each one's view: its
 * figures, its approval and, when changed says something it reads changed
 * (changed borrowed for the side's life), its proposal's words. Never
 * fails: what does not load is left out, with its errors in s->d. Dispose
 * with sg_diff_side_dispose(). */
void sg_diff_side_load(sg_diff_side *s, const char *dir, const sg_diff_opts *o,
		       const sg_diff_changed *changed);
void sg_diff_side_dispose(sg_diff_side *s);

/* The words of cu's proposal (a customer of s) made as of day, in
 * sentences in a. Returns the count, or -1 when it cannot be made (then
 * *why, in a, says why). */
long sg_diff_side_text(const sg_diff_side *s, const sg_customer *cu, sg_date day, sg_arena *a,
		       const char ***out, const char **why);

#endif
