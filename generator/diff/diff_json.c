/*
 * diff_json.c - a diff as JSON (diff_format.h); docs/diff.schema.json is
 * its schema and docs/diff.md says what each member means. Money is in
 * fen, shares in millionths of the list price paid, dates YYYY-MM-DD.
 */
#include "diff/diff_format.h"

#include <inttypes.h>
#include <string.h>

#include "base/date.h"
#include "base/json.h"

static void S_str(sg_buf *out, const char *s)
{
	if (s)
		sg_json_write_string(s, strlen(s), out);
	else
		sg_buf_puts(out, "null");
}

static void S_strs(sg_buf *out, const char *const *v, size_t n)
{
	sg_buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sg_buf_putc(out, ',');
		S_str(out, v[i]);
	}
	sg_buf_putc(out, ']');
}

static void S_value(sg_buf *out, sg_diff_unit u, sg_diff_value v)
{
	if (!v.set) {
		sg_buf_puts(out, "null");
	} else if (u == SG_DIFF_DATE) {
		char iso[16];
		sg_date_iso(sg_date_from_days(v.v), iso);
		S_str(out, iso);
	} else {
		sg_buf_printf(out, "%" PRId64, v.v);
	}
}

static void S_figures(sg_buf *out, const sg_diff_customer *c)
{
	static const char *const units[] = {"money", "share", "date"};
	sg_buf_puts(out, "\"figures\":[");
	for (size_t i = 0; i < c->figure_count; i++) {
		const sg_diff_figure *f = &c->figures[i];
		sg_diff_unit u = sg_diff_figure_unit(f->id);
		sg_buf_printf(out, "%s{\"key\":\"%s\",\"label\":", i ? "," : "",
			      sg_diff_figure_key(f->id));
		S_str(out, sg_diff_figure_label(f->id));
		sg_buf_printf(out, ",\"unit\":\"%s\",\"from\":", units[u]);
		S_value(out, u, f->from);
		sg_buf_puts(out, ",\"to\":");
		S_value(out, u, f->to);
		sg_buf_puts(out, ",\"difference\":");
		if (f->from.set && f->to.set)
			sg_buf_printf(out, "%" PRId64, f->to.v - f->from.v);
		else
			sg_buf_puts(out, "null");
		sg_buf_putc(out, '}');
	}
	sg_buf_puts(out, "],");
}

static void S_approval_side(sg_buf *out, const sg_diff_approval_side *a)
{
	if (!a->offer) {
		sg_buf_puts(out, "null");
		return;
	}
	sg_buf_printf(out, "{\"discount\":%" PRId64 ",\"needs\":", a->discount);
	S_str(out, a->need);
	sg_buf_puts(out, ",\"recorded\":");
	S_strs(out, a->recorded, a->recorded_count);
	sg_buf_printf(out, ",\"missing\":%s,\"missing_role\":", a->missing ? "true" : "false");
	S_str(out, a->missing_role);
	sg_buf_printf(out, ",\"price_line\":%s}", a->price_line ? "true" : "false");
}

static void S_edits(sg_buf *out, const sg_sentence_edit *e, size_t n)
{
	sg_buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		sg_buf_printf(out, "%s{\"op\":\"%s\",\"text\":", i ? "," : "",
			      e[i].op == SG_SENTENCE_ADDED ? "added" : "removed");
		S_str(out, e[i].text);
		sg_buf_putc(out, '}');
	}
	sg_buf_putc(out, ']');
}

static void S_sent(sg_buf *out, const sg_diff_sent *s)
{
	if (!s) {
		sg_buf_puts(out, "null");
		return;
	}
	char iso[16];
	sg_date_iso(s->date, iso);
	sg_buf_puts(out, "{\"number\":");
	S_str(out, s->number);
	sg_buf_printf(out, ",\"date\":\"%s\",\"file\":", iso);
	S_str(out, s->file);
	sg_buf_printf(out, ",\"text_known\":%s,\"sentences\":", s->text_known ? "true" : "false");
	S_edits(out, s->text, s->text_count);
	sg_buf_putc(out, '}');
}

static void S_customer(sg_buf *out, const sg_diff_customer *c)
{
	sg_buf_puts(out, "{\"id\":");
	S_str(out, c->id);
	sg_buf_puts(out, ",\"name\":");
	S_str(out, c->name);
	sg_buf_printf(out, ",\"status\":\"%s\",\"customer_file_changed\":%s,",
		      sg_diff_status_name(c->status), c->customer_file_changed ? "true" : "false");
	S_figures(out, c);
	sg_buf_printf(out, "\"approval\":{\"changed\":%s,\"unapproved\":%s,\"line\":",
		      c->approval_changed ? "true" : "false",
		      sg_diff_customer_unapproved(c) ? "true" : "false");
	sg_buf line;
	sg_buf_init(&line);
	sg_diff_fmt_approval(&line, c);
	S_str(out, line.data);
	sg_buf_dispose(&line);
	sg_buf_puts(out, ",\"from\":");
	S_approval_side(out, &c->approval_from);
	sg_buf_puts(out, ",\"to\":");
	S_approval_side(out, &c->approval_to);
	sg_buf_puts(out, "},\"proposal\":{\"template_from\":");
	S_str(out, c->template_from);
	sg_buf_puts(out, ",\"template_to\":");
	S_str(out, c->template_to);
	sg_buf_puts(out, ",\"error\":");
	S_str(out, c->text_error);
	sg_buf_puts(out, ",\"sentences\":");
	S_edits(out, c->text, c->text_count);
	sg_buf_puts(out, "},\"outputs\":{\"added\":");
	S_strs(out, c->outputs_added, c->added_count);
	sg_buf_puts(out, ",\"removed\":");
	S_strs(out, c->outputs_removed, c->removed_count);
	sg_buf_puts(out, "},\"sent\":");
	S_sent(out, c->sent);
	sg_buf_putc(out, '}');
}

static void S_file(sg_buf *out, const sg_diff_file *f)
{
	sg_buf_puts(out, "{\"path\":");
	S_str(out, f->path);
	sg_buf_printf(out, ",\"status\":\"%s\",\"customers\":", sg_diff_file_status_name(f->status));
	S_strs(out, f->customers, f->customer_count);
	sg_buf_puts(out, ",\"outputs\":");
	S_strs(out, f->outputs, f->output_count);
	sg_buf_putc(out, '}');
}

void sg_diff_write_json(sg_buf *out, const sg_diff *df, const sg_diff_labels *l)
{
	sg_buf_puts(out, "{\"version\":1,\"from\":");
	S_str(out, l->from);
	sg_buf_puts(out, ",\"to\":");
	S_str(out, l->to);
	sg_buf_printf(out, ",\"compared\":%zu,\"changed\":%zu,\"unapproved\":%zu,"
			   "\"errors\":{\"from\":%zu,\"to\":%zu},\n\"files\":[",
		      df->compared, df->customer_count, sg_diff_unapproved(df), df->errors_from,
		      df->errors_to);
	for (size_t i = 0; i < df->file_count; i++) {
		sg_buf_puts(out, i ? ",\n" : "\n");
		S_file(out, &df->files[i]);
	}
	sg_buf_puts(out, "],\n\"outputs\":{\"added\":");
	S_strs(out, df->outputs_added, df->added_count);
	sg_buf_puts(out, ",\"removed\":");
	S_strs(out, df->outputs_removed, df->removed_count);
	sg_buf_puts(out, "},\n\"customers\":[");
	for (size_t i = 0; i < df->customer_count; i++) {
		sg_buf_puts(out, i ? ",\n" : "\n");
		S_customer(out, &df->customers[i]);
	}
	sg_buf_puts(out, "]}\n");
}
