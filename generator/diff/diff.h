/*
 * diff.h - what a change to the content does to what customers and
 * approvers see: two content folders (two revisions of one) loaded,
 * evaluated and compared customer by customer.
 *
 * For each customer: the figures of its proposal old -> new (typed: money
 * in fen, shares in ppm, dates), the approval its offer needs and whether
 * the file records it, the words of its proposal compared by sentence
 * (diff/sentences.h), the outputs it gains or loses, and a sent proposal
 * that would now differ from what went out. Changes to files outside the
 * customers (the catalog, a template) are traced to the customers and
 * proposals they move. Everything stays typed until a formatter
 * (diff/diff_format.h) writes it for the terminal, Markdown or JSON.
 *
 * Typical use:
 *
 *   sg_diff_opts o = {.build_date = date};
 *   sg_diff *df = sg_diff_compare("old/content", "content", &o);
 *   ... df->customers[i] ...
 *   sg_diff_free(df);
 */
#ifndef SG_DIFF_DIFF_H
#define SG_DIFF_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "diff/sentences.h"
#include "model/model.h"

/* ---------------------------------------------------------------- figures */

/* The figures of a customer compared, in the order they are shown. */
typedef enum sg_diff_figure_id {
	SG_DIFF_SELF_ANNUAL,                /* self-hosted, a year, with labour */
	SG_DIFF_SELF_ANNUAL_NO_LABOUR,
	SG_DIFF_SELF_FIVE_YEAR,
	SG_DIFF_SELF_FIVE_YEAR_NO_LABOUR,
	SG_DIFF_OFFER_ANNUAL,               /* the offer, a year */
	SG_DIFF_DISCOUNT,                   /* share of list paid */
	SG_DIFF_ONE_TIME,                   /* one-time fees */
	SG_DIFF_SAVINGS_ANNUAL,
	SG_DIFF_SAVINGS_ANNUAL_NO_LABOUR,
	SG_DIFF_SAVINGS_FIVE_YEAR,
	SG_DIFF_SAVINGS_FIVE_YEAR_NO_LABOUR,
	SG_DIFF_PRICE_LINE,                 /* the price-line offer a year, when made */
	SG_DIFF_VALID_UNTIL,                /* the end of the offer's validity */
	SG_DIFF_FIGURE_COUNT
} sg_diff_figure_id;

typedef enum sg_diff_unit {
	SG_DIFF_MONEY, /* fen */
	SG_DIFF_SHARE, /* ppm of list price paid */
	SG_DIFF_DATE,  /* days since 1970-01-01 */
} sg_diff_unit;

/* The key of a figure in the JSON ("self_hosted.annual"), its label in
 * English ("yearly self-hosted cost") and its unit. */
const char *sg_diff_figure_key(sg_diff_figure_id id);
const char *sg_diff_figure_label(sg_diff_figure_id id);
sg_diff_unit sg_diff_figure_unit(sg_diff_figure_id id);

/* A figure on one side; unset when that side has none (no offer, no
 * price-line offer, no validity). */
typedef struct sg_diff_value {
	bool set;
	int64_t v;
} sg_diff_value;

/* A figure that changed. */
typedef struct sg_diff_figure {
	sg_diff_figure_id id;
	sg_diff_value from, to;
} sg_diff_figure;

/* ---------------------------------------------------------------- approval */

/* The approval of an offer on one side. */
typedef struct sg_diff_approval_side {
	bool offer;       /* the side has an offer with a cost model */
	sg_ppm discount;  /* share of list price paid */
	const char *need; /* the role that must approve the discount (its id),
			   * "none", "beyond-policy", or NULL without a policy */
	bool missing;     /* the file lacks a needed approval */
	const char *missing_role; /* the role still needed; NULL: beyond the
				   * policy (when missing) */
	bool price_line;  /* it is the price-line offer that lacks it */
	const char **recorded; /* the roles of the file's <approval> lines */
	size_t recorded_count;
} sg_diff_approval_side;

/* ---------------------------------------------------------------- customers */

typedef enum sg_diff_status {
	SG_DIFF_CHANGED, /* in both, something a reader sees changed */
	SG_DIFF_ADDED,   /* only in the new content */
	SG_DIFF_REMOVED, /* only in the old */
	SG_DIFF_BROKEN,  /* its file is in both, but does not load in one:
			  * text_error says which */
} sg_diff_status;

/* A proposal once sent (<sent>) that, made again from the new content as
 * of the day it was sent, would not be the file that went out. */
typedef struct sg_diff_sent {
	const char *number; /* the proposal number */
	sg_date date;       /* when it was sent */
	const char *file;   /* relative to the content folder */
	/* What was sent, in sentences, is known when the old content made on
	 * that day gives the very file sent: then text is the diff from it. */
	bool text_known;
	sg_sentence_edit *text;
	size_t text_count;
} sg_diff_sent;

typedef struct sg_diff_customer {
	const char *id;
	const char *name; /* the new side's, else the old */
	sg_diff_status status;
	bool customer_file_changed; /* customers/ID.xml differs */
	/* The figures that changed (none for a customer added or removed). */
	sg_diff_figure *figures;
	size_t figure_count;
	sg_diff_approval_side approval_from, approval_to;
	bool approval_changed; /* the role needed, or whether it is recorded */
	/* The proposal's words: the template each side uses (its slug; NULL
	 * without a proposal) and the sentences removed and added. */
	const char *template_from, *template_to;
	sg_sentence_edit *text;
	size_t text_count;
	const char *text_error; /* a side's proposal cannot be made: why */
	/* Outputs of this customer gained or lost ("proposals/ID.pdf"). */
	const char **outputs_added, **outputs_removed;
	size_t added_count, removed_count;
	sg_diff_sent *sent; /* NULL: none that would differ */
} sg_diff_customer;

/* ---------------------------------------------------------------- files */

typedef enum sg_diff_file_status {
	SG_DIFF_FILE_CHANGED,
	SG_DIFF_FILE_ADDED,
	SG_DIFF_FILE_REMOVED,
} sg_diff_file_status;

/* A file outside customers/ that differs, and what it moves: for the site,
 * catalog and products the customers whose figures or approval change,
 * for a proposal template or case study the customers whose proposal's
 * words change, for a playbook or report template its outputs. */
typedef struct sg_diff_file {
	const char *path; /* relative to the content folder */
	sg_diff_file_status status;
	const char **customers; /* ids */
	size_t customer_count;
	const char **outputs;
	size_t output_count;
} sg_diff_file;

/* ---------------------------------------------------------------- the diff */

/* Says whether the proposal of cu (of c) made as of the day s went out is
 * that file, byte for byte: 1 yes, 0 no, -1 it cannot be made or read.
 * Making a PDF is beyond this stage: the caller supplies it. */
typedef int (*sg_diff_sent_fn)(void *arg, const sg_content *c, const sg_customer *cu,
			       const sg_sent *s);

typedef struct sg_diff_opts {
	sg_date build_date; /* unset: each customer's as-of date (as build) */
	int threads;        /* loading and evaluating; <= 0: 1 */
	sg_diff_sent_fn sent_same; /* NULL: sent proposals are not checked */
	void *sent_arg;
} sg_diff_opts;

typedef struct sg_diff {
	sg_arena arena;
	/* The customers with a change, by id. */
	sg_diff_customer *customers;
	size_t customer_count;
	size_t compared; /* customers in either content */
	/* Files outside customers/ that differ, by path. */
	sg_diff_file *files;
	size_t file_count;
	/* Outputs of no customer gained or lost (playbooks). */
	const char **outputs_added, **outputs_removed;
	size_t added_count, removed_count;
	/* Errors in each content: how many (check shows them), so a reader
	 * knows a side did not load whole. */
	size_t errors_from, errors_to;
} sg_diff;

/* Loads and evaluates the content folders from and to, and compares them.
 * Never NULL: a folder that is missing or broken compares as the content
 * that loads from it (its errors counted). Free with sg_diff_free(). */
sg_diff *sg_diff_compare(const char *from, const char *to, const sg_diff_opts *o);
void sg_diff_free(sg_diff *df);

/* True when cu in the new content needs an approval its file does not
 * record (what `--fail-on approval` fails on). */
bool sg_diff_customer_unapproved(const sg_diff_customer *cu);
/* How many customers of df need an approval their file does not record,
 * among those that changed. */
size_t sg_diff_unapproved(const sg_diff *df);

#endif
