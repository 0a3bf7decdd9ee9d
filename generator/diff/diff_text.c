/*
 * diff_text.c - a diff for the terminal (diff_format.h): what changed for
 * each customer, a line a figure, the proposal's words as - and + lines.
 */
#include "diff/diff_format.h"

#include <string.h>

/* ANSI colours, or nothing. */
typedef struct S_pen {
	const char *bold, *red, *green, *yellow, *off;
} S_pen;

static void S_edits(sg_buf *out, const S_pen *p, const char *indent, const sg_sentence_edit *e,
		    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool add = e[i].op == SG_SENTENCE_ADDED;
		sg_buf_printf(out, "%s%s%c %s%s\n", indent, add ? p->green : p->red, add ? '+' : '-',
			      e[i].text, p->off);
	}
}

static void S_list(sg_buf *out, const char *what, const char *const *v, size_t n)
{
	if (!n)
		return;
	sg_buf_printf(out, "  %s:", what);
	for (size_t i = 0; i < n; i++)
		sg_buf_printf(out, " %s", v[i]);
	sg_buf_putc(out, '\n');
}

static void S_figures(sg_buf *out, const sg_diff_customer *c)
{
	for (size_t i = 0; i < c->figure_count; i++) {
		const sg_diff_figure *f = &c->figures[i];
		sg_diff_unit u = sg_diff_figure_unit(f->id);
		sg_buf_printf(out, "  %-40s ", sg_diff_figure_label(f->id));
		sg_diff_fmt_value(out, u, f->from);
		sg_buf_puts(out, " → ");
		sg_diff_fmt_value(out, u, f->to);
		size_t at = out->len;
		sg_buf_puts(out, "  (");
		size_t mark = out->len;
		sg_diff_fmt_delta(out, u, f->from, f->to);
		if (out->len == mark)
			sg_buf_truncate(out, at);
		else
			sg_buf_putc(out, ')');
		sg_buf_putc(out, '\n');
	}
}

static void S_customer(sg_buf *out, const sg_diff_customer *c, const S_pen *p)
{
	sg_buf_printf(out, "\n%s%s%s %s (%s)\n", p->bold, c->id, p->off, c->name ? c->name : "",
		      sg_diff_status_name(c->status));
	S_figures(out, c);
	if (c->approval_changed || sg_diff_customer_unapproved(c)) {
		sg_buf_printf(out, "  %sapproval: ", sg_diff_customer_unapproved(c) ? p->yellow : "");
		sg_diff_fmt_approval(out, c);
		sg_buf_printf(out, "%s\n", sg_diff_customer_unapproved(c) ? p->off : "");
	}
	const char *tf = c->template_from, *tt = c->template_to;
	if (tf && tt && strcmp(tf, tt) != 0)
		sg_buf_printf(out, "  proposal template: %s → %s\n", tf, tt);
	if (c->text_error)
		sg_buf_printf(out, "  proposal: cannot be made: %s\n", c->text_error);
	if (c->text_count) {
		size_t removed, added;
		sg_diff_count_edits(c->text, c->text_count, &removed, &added);
		sg_buf_printf(out, "  proposal (%s), sentences: %zu removed, %zu added\n",
			      tt ? tt : "?", removed, added);
		S_edits(out, p, "    ", c->text, c->text_count);
	}
	if (c->sent) {
		char iso[16];
		sg_date_iso(c->sent->date, iso);
		sg_buf_printf(out, "  %ssent proposal %s (%s) would now differ from what was sent%s",
			      p->yellow, c->sent->number, iso, p->off);
		sg_buf_puts(out, c->sent->text_known ? (c->sent->text_count ? ":\n" : " (in layout only)\n")
						     : " (the text sent cannot be recovered)\n");
		S_edits(out, p, "    ", c->sent->text, c->sent->text_count);
	}
	S_list(out, "outputs added", c->outputs_added, c->added_count);
	S_list(out, "outputs removed", c->outputs_removed, c->removed_count);
}

static void S_file(sg_buf *out, const sg_diff_file *f)
{
	sg_buf_printf(out, "%s (%s)", f->path, sg_diff_file_status_name(f->status));
	if (f->customer_count) {
		sg_buf_printf(out, " moves %zu customer%s:", f->customer_count,
			      f->customer_count == 1 ? "" : "s");
		for (size_t i = 0; i < f->customer_count; i++)
			sg_buf_printf(out, " %s", f->customers[i]);
	}
	for (size_t i = 0; i < f->output_count; i++)
		sg_buf_printf(out, "%s %s", i ? "," : " changes", f->outputs[i]);
	sg_buf_putc(out, '\n');
}

void sg_diff_write_text(sg_buf *out, const sg_diff *df, const sg_diff_labels *l, bool colour)
{
	static const S_pen plain = {"", "", "", "", ""};
	static const S_pen ansi = {"\033[1m", "\033[31m", "\033[32m", "\033[33m", "\033[0m"};
	const S_pen *p = colour ? &ansi : &plain;
	sg_buf_printf(out, "%s → %s: %zu of %zu customer%s changed", l->from, l->to,
		      df->customer_count, df->compared, df->compared == 1 ? "" : "s");
	size_t un = sg_diff_unapproved(df);
	if (un)
		sg_buf_printf(out, ", %s%zu lacking an approval%s", p->yellow, un, p->off);
	sg_buf_putc(out, '\n');
	if (df->errors_from || df->errors_to)
		sg_buf_printf(out, "errors in the content (salesgen check shows them): %zu in %s, "
				   "%zu in %s\n",
			      df->errors_from, l->from, df->errors_to, l->to);
	if (df->file_count)
		sg_buf_puts(out, "\n");
	for (size_t i = 0; i < df->file_count; i++)
		S_file(out, &df->files[i]);
	if (df->added_count || df->removed_count)
		sg_buf_putc(out, '\n');
	S_list(out, "outputs added", df->outputs_added, df->added_count);
	S_list(out, "outputs removed", df->outputs_removed, df->removed_count);
	for (size_t i = 0; i < df->customer_count; i++)
		S_customer(out, &df->customers[i], p);
}
