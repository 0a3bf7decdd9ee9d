/*
 * diff_markdown.c - a diff as GitHub-flavoured Markdown for a pull- or
 * merge-request comment (diff_format.h): a summary table, then each
 * customer's details folded in <details>, the proposal's sentences in a
 * ```diff block so the forge colours them.
 */
#include "diff/diff_format.h"

#include <string.h>

/* Text in a table cell or a line of prose: the characters Markdown or
 * HTML would read as markup escaped, a | kept inside its cell. */
static void S_text(sg_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#~", *s))
			sg_buf_putc(out, '\\');
		sg_buf_putc(out, *s == '\n' ? ' ' : *s);
	}
}

/* The figure id of c, or NULL. */
static const sg_diff_figure *S_fig(const sg_diff_customer *c, sg_diff_figure_id id)
{
	for (size_t i = 0; i < c->figure_count; i++)
		if (c->figures[i].id == id)
			return &c->figures[i];
	return NULL;
}

/* "¥102,000 → ¥108,000", or empty when the figure did not change. */
static void S_cell_figure(sg_buf *out, const sg_diff_customer *c, sg_diff_figure_id id)
{
	const sg_diff_figure *f = S_fig(c, id);
	if (!f)
		return;
	sg_diff_unit u = sg_diff_figure_unit(id);
	sg_diff_fmt_value(out, u, f->from);
	sg_buf_puts(out, " → ");
	sg_diff_fmt_value(out, u, f->to);
}

static void S_summary_row(sg_buf *out, const sg_diff_customer *c)
{
	sg_buf_puts(out, "| ");
	S_text(out, c->id);
	sg_buf_printf(out, " | %s | ", sg_diff_status_name(c->status));
	S_cell_figure(out, c, SG_DIFF_OFFER_ANNUAL);
	sg_buf_puts(out, " | ");
	S_cell_figure(out, c, SG_DIFF_DISCOUNT);
	sg_buf_puts(out, " | ");
	if (sg_diff_customer_unapproved(c))
		sg_buf_printf(out, "⚠️ needs %s", c->approval_to.missing_role
							? c->approval_to.missing_role
							: "the provincial office");
	else if (c->approval_changed && c->approval_to.need)
		S_text(out, c->approval_to.need);
	sg_buf_puts(out, " | ");
	if (c->text_count) {
		size_t removed, added;
		sg_diff_count_edits(c->text, c->text_count, &removed, &added);
		sg_buf_printf(out, "−%zu +%zu sentences", removed, added);
	}
	if (c->sent)
		sg_buf_printf(out, "%ssent %s differs", c->text_count ? "; " : "", c->sent->number);
	sg_buf_puts(out, " |\n");
}

/* A fence no sentence can close: one backtick more than the longest run
 * in them (at least three). */
static int S_fence(const sg_sentence_edit *e, size_t n)
{
	int longest = 2;
	for (size_t i = 0; i < n; i++) {
		int run = 0;
		for (const char *s = e[i].text; *s; s++) {
			run = *s == '`' ? run + 1 : 0;
			if (run > longest)
				longest = run;
		}
	}
	return longest + 1;
}

static void S_fence_put(sg_buf *out, int n)
{
	for (int i = 0; i < n; i++)
		sg_buf_putc(out, '`');
}

static void S_edits(sg_buf *out, const sg_sentence_edit *e, size_t n)
{
	int fence = S_fence(e, n);
	sg_buf_putc(out, '\n');
	S_fence_put(out, fence);
	sg_buf_puts(out, "diff\n");
	for (size_t i = 0; i < n; i++)
		sg_buf_printf(out, "%c %s\n", e[i].op == SG_SENTENCE_ADDED ? '+' : '-', e[i].text);
	S_fence_put(out, fence);
	sg_buf_putc(out, '\n');
}

static void S_figures(sg_buf *out, const sg_diff_customer *c)
{
	if (!c->figure_count)
		return;
	sg_buf_puts(out, "\n| figure | old | new | difference |\n|---|--:|--:|--:|\n");
	for (size_t i = 0; i < c->figure_count; i++) {
		const sg_diff_figure *f = &c->figures[i];
		sg_diff_unit u = sg_diff_figure_unit(f->id);
		sg_buf_printf(out, "| %s | ", sg_diff_figure_label(f->id));
		sg_diff_fmt_value(out, u, f->from);
		sg_buf_puts(out, " | ");
		sg_diff_fmt_value(out, u, f->to);
		sg_buf_puts(out, " | ");
		sg_diff_fmt_delta(out, u, f->from, f->to);
		sg_buf_puts(out, " |\n");
	}
}

static void S_outputs(sg_buf *out, const char *what, const char *const *v, size_t n)
{
	if (!n)
		return;
	sg_buf_printf(out, "\n%s:", what);
	for (size_t i = 0; i < n; i++) {
		sg_buf_printf(out, "%s `", i ? "," : "");
		sg_buf_puts(out, v[i]);
		sg_buf_putc(out, '`');
	}
	sg_buf_putc(out, '\n');
}

static void S_details(sg_buf *out, const sg_diff_customer *c)
{
	sg_buf_puts(out, "\n<details><summary><b>");
	S_text(out, c->id);
	sg_buf_puts(out, "</b> ");
	S_text(out, c->name);
	sg_buf_printf(out, " (%s)</summary>\n", sg_diff_status_name(c->status));
	S_figures(out, c);
	if (c->approval_changed || sg_diff_customer_unapproved(c)) {
		sg_buf_printf(out, "\n%s**Approval:** ", sg_diff_customer_unapproved(c) ? "⚠️ " : "");
		sg_buf line;
		sg_buf_init(&line);
		sg_diff_fmt_approval(&line, c);
		S_text(out, line.data);
		sg_buf_dispose(&line);
		sg_buf_putc(out, '\n');
	}
	if (c->text_error) {
		sg_buf_puts(out, "\nThe proposal cannot be made: ");
		S_text(out, c->text_error);
		sg_buf_putc(out, '\n');
	}
	if (c->text_count) {
		sg_buf_puts(out, "\n**Proposal");
		if (c->template_to) {
			sg_buf_puts(out, " (");
			S_text(out, c->template_to);
			sg_buf_putc(out, ')');
		}
		sg_buf_puts(out, ":**\n");
		S_edits(out, c->text, c->text_count);
	}
	if (c->sent) {
		char iso[16];
		sg_date_iso(c->sent->date, iso);
		sg_buf_printf(out, "\n**Sent proposal %s** (%s) would now differ from what was sent",
			      c->sent->number, iso);
		sg_buf_puts(out, c->sent->text_known ? (c->sent->text_count ? ":\n" : " (in layout only).\n")
						     : " (the text sent cannot be recovered).\n");
		if (c->sent->text_count)
			S_edits(out, c->sent->text, c->sent->text_count);
	}
	S_outputs(out, "Outputs added", c->outputs_added, c->added_count);
	S_outputs(out, "Outputs removed", c->outputs_removed, c->removed_count);
	sg_buf_puts(out, "\n</details>\n");
}

/* The customers a file moves named in the comment, at most. */
#define S_FILE_CUSTOMERS 40

static void S_files(sg_buf *out, const sg_diff *df)
{
	if (!df->file_count)
		return;
	sg_buf_puts(out, "\n**Outside the customers:**\n\n");
	for (size_t i = 0; i < df->file_count; i++) {
		const sg_diff_file *f = &df->files[i];
		sg_buf_printf(out, "- `%s` %s", f->path, sg_diff_file_status_name(f->status));
		if (f->customer_count)
			sg_buf_printf(out, ": moves %zu customer%s:", f->customer_count,
				      f->customer_count == 1 ? "" : "s");
		/* The rest are in the table and the details. */
		size_t shown = f->customer_count < S_FILE_CUSTOMERS ? f->customer_count
								    : S_FILE_CUSTOMERS;
		for (size_t k = 0; k < shown; k++) {
			sg_buf_puts(out, k ? ", " : " ");
			S_text(out, f->customers[k]);
		}
		if (shown < f->customer_count)
			sg_buf_printf(out, " and %zu more", f->customer_count - shown);
		for (size_t k = 0; k < f->output_count; k++)
			sg_buf_printf(out, "%s `%s`", k ? "," : "; changes", f->outputs[k]);
		sg_buf_putc(out, '\n');
	}
}

/* A comment is cut to fit: GitHub refuses one over 65,536 characters (a
 * byte is at most a character), GitLab's notes go to a million. The
 * summary rows stop at half of it, the details at the rest. */
#define S_COMMENT_MAX 60000
#define S_TABLE_MAX (S_COMMENT_MAX / 2)

/* Whether c goes in pass (0: offers lacking an approval, shown first so a
 * cut comment never hides them; 1: the others). */
static bool S_in_pass(const sg_diff_customer *c, int pass)
{
	return sg_diff_customer_unapproved(c) == (pass == 0);
}

static void S_summary(sg_buf *out, const sg_diff *df, size_t start)
{
	if (!df->customer_count)
		return;
	sg_buf_puts(out, "\n| customer | change | offer, a year | discount | approval | "
			 "proposal |\n|---|---|--:|--:|---|---|\n");
	size_t left = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < df->customer_count; i++) {
			if (!S_in_pass(&df->customers[i], pass))
				continue;
			if (out->len - start > S_TABLE_MAX)
				left++;
			else
				S_summary_row(out, &df->customers[i]);
		}
	if (left)
		sg_buf_printf(out, "\n… and %zu more customer%s: the text or JSON of `salesgen diff` "
				   "lists every one.\n",
			      left, left == 1 ? "" : "s");
}

static void S_all_details(sg_buf *out, const sg_diff *df, size_t start)
{
	size_t left = 0;
	sg_buf one;
	sg_buf_init(&one);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < df->customer_count; i++) {
			if (!S_in_pass(&df->customers[i], pass))
				continue;
			sg_buf_clear(&one);
			S_details(&one, &df->customers[i]);
			/* 512: room for the line that says what was left out. */
			if (out->len - start + one.len > S_COMMENT_MAX - 512)
				left++;
			else
				sg_buf_put(out, one.data, one.len);
		}
	sg_buf_dispose(&one);
	if (left)
		sg_buf_printf(out, "\nThe details of %zu more customer%s are left out to keep this "
				   "comment within what a forge takes: the text or JSON of `salesgen "
				   "diff` has them.\n",
			      left, left == 1 ? "" : "s");
}

void sg_diff_write_markdown(sg_buf *out, const sg_diff *df, const sg_diff_labels *l)
{
	size_t start = out->len;
	sg_buf_puts(out, "### salesgen diff: ");
	S_text(out, l->from);
	sg_buf_puts(out, " → ");
	S_text(out, l->to);
	sg_buf_printf(out, "\n\n%zu of %zu customer%s changed", df->customer_count, df->compared,
		      df->compared == 1 ? "" : "s");
	size_t un = sg_diff_unapproved(df);
	if (un)
		sg_buf_printf(out, "; ⚠️ %zu offer%s lack%s a needed approval", un, un == 1 ? "" : "s",
			      un == 1 ? "s" : "");
	sg_buf_puts(out, ".\n");
	if (df->errors_from || df->errors_to)
		sg_buf_printf(out, "\nThe content has errors (`salesgen check` shows them): %zu "
				   "before, %zu after.\n",
			      df->errors_from, df->errors_to);
	S_summary(out, df, start);
	S_files(out, df);
	S_outputs(out, "\nOutputs added", df->outputs_added, df->added_count);
	S_outputs(out, "\nOutputs removed", df->outputs_removed, df->removed_count);
	S_all_details(out, df, start);
}
