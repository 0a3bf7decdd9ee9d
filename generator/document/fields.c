/*
 * fields.c - the table of fields assembled from its parts, looked up by path,
 * and printed as the documentation's list (see fields.h).
 */
#include <string.h>

#include "document/fields_int.h"

/* In the order of the data: a proposal's tree has its top-level names in
 * this order, a review's too. */
const sg_field_part *const sg_field_parts[] = {
	&sg_fields_customer, &sg_fields_cost,   &sg_fields_vendor,
	&sg_fields_document, &sg_fields_review, &sg_fields_formatted,
};
const size_t sg_field_part_count = sizeof sg_field_parts / sizeof *sg_field_parts;

size_t sg_fields_count(void)
{
	size_t n = 0;
	for (size_t p = 0; p < sg_field_part_count; p++)
		n += sg_field_parts[p]->count;
	return n;
}

const sg_field *sg_fields_at(size_t i)
{
	for (size_t p = 0; p < sg_field_part_count; p++) {
		if (i < sg_field_parts[p]->count)
			return &sg_field_parts[p]->fields[i];
		i -= sg_field_parts[p]->count;
	}
	return NULL;
}

/* ---------------------------------------------------------------- lookup */

/* The keys a form adds beside the field's own. */
static const char *const S_money_keys[] = {"_number", "_wan", "_capitals", "_plain", NULL};
static const char *const S_share_keys[] = {"_percent", "_zhe", "_share", NULL};
static const char *const S_date_keys[] = {"_iso", NULL};
static const char *const S_days_keys[] = {"_iso", "_in_days", "_in", NULL};
static const char *const S_count_keys[] = {"_text", NULL};

static const char *const *S_form_keys(const sg_field *f)
{
	if (f->form == SG_FORM_DAYS)
		return S_days_keys;
	if (f->form != SG_FORM_FULL)
		return NULL;
	switch (f->type) {
	case SG_FIELD_MONEY: return S_money_keys;
	case SG_FIELD_SHARE: return S_share_keys;
	case SG_FIELD_DATE: return S_date_keys;
	case SG_FIELD_COUNT: return S_count_keys;
	default: return NULL;
	}
}

static const sg_field *S_exact(const char *path, size_t len)
{
	for (size_t p = 0; p < sg_field_part_count; p++)
		for (size_t i = 0; i < sg_field_parts[p]->count; i++) {
			const char *fp = sg_field_parts[p]->fields[i].path;
			if (strncmp(fp, path, len) == 0 && fp[len] == '\0')
				return &sg_field_parts[p]->fields[i];
		}
	return NULL;
}

const sg_field *sg_field_find(const char *path)
{
	size_t len = strlen(path);
	const sg_field *f = S_exact(path, len);
	if (f)
		return f;
	/* A key of a form: the field it belongs to. */
	for (const char *u = strchr(path, '_'); u; u = strchr(u + 1, '_')) {
		const sg_field *base = S_exact(path, (size_t)(u - path));
		const char *const *keys = base ? S_form_keys(base) : NULL;
		for (size_t k = 0; keys && keys[k]; k++)
			if (strcmp(u, keys[k]) == 0)
				return base;
	}
	return NULL;
}

bool sg_field_is_public(const char *path)
{
	const sg_field *f = sg_field_find(path);
	if (!f || f->audience != SG_FIELD_CUSTOMER)
		return false;
	/* Every field above it... */
	for (const char *dot = strchr(f->path, '.'); dot; dot = strchr(dot + 1, '.')) {
		const sg_field *up = S_exact(f->path, (size_t)(dot - f->path));
		if (up && up->audience != SG_FIELD_CUSTOMER)
			return false;
	}
	/* ...and below it. */
	size_t n = strlen(f->path);
	for (size_t i = 0; i < sg_fields_count(); i++) {
		const sg_field *g = sg_fields_at(i);
		if (strncmp(g->path, f->path, n) == 0 && g->path[n] == '.' &&
		    g->audience != SG_FIELD_CUSTOMER)
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- words */

const char *sg_field_type_name(const sg_field *f)
{
	switch (f->type) {
	case SG_FIELD_MONEY: return "money";
	case SG_FIELD_SHARE: return "share";
	case SG_FIELD_DATE: return "date";
	case SG_FIELD_COUNT: return "count";
	case SG_FIELD_NUMBER: return "number";
	case SG_FIELD_TEXT: return "text";
	case SG_FIELD_BOOL: return "bool";
	case SG_FIELD_LIST: return f->flags & SG_FF_TEXTS ? "list of text" : "list";
	case SG_FIELD_MAP: return "map";
	}
	return "";
}

const char *sg_field_form_name(sg_field_form form)
{
	switch (form) {
	case SG_FORM_RAW: return "";
	case SG_FORM_TEXT: return "as text";
	case SG_FORM_FULL: return "formatted";
	case SG_FORM_DAYS: return "formatted, days";
	}
	return "";
}

/* ---------------------------------------------------------------- the docs */

/* Text for a table cell: a '|' would end the cell. */
static void S_cell(sg_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			sg_buf_putc(out, '\\');
		sg_buf_putc(out, *s);
	}
}

void sg_fields_markdown(sg_buf *out)
{
	const char *top = NULL;
	size_t top_len = 0;
	for (size_t i = 0; i < sg_fields_count(); i++) {
		const sg_field *f = sg_fields_at(i);
		const char *dot = strchr(f->path, '.');
		size_t len = dot ? (size_t)(dot - f->path) : strlen(f->path);
		/* A table per top-level name; has_features and the like go with
		 * the list before them. */
		bool flag = !dot && f->type == SG_FIELD_BOOL && top;
		if (!flag && (!top || len != top_len || strncmp(top, f->path, len) != 0)) {
			top = f->path;
			top_len = len;
			sg_buf_printf(out, "%s#### `%.*s`\n\n", i ? "\n" : "", (int)len, f->path);
			sg_buf_puts(out, "| field | type | audience | what |\n|---|---|---|---|\n");
		}
		sg_buf_printf(out, "| `%s` | %s", f->path, sg_field_type_name(f));
		if (f->form != SG_FORM_RAW)
			sg_buf_printf(out, ", %s", sg_field_form_name(f->form));
		sg_buf_printf(out, " | %s | ",
			      f->audience == SG_FIELD_CUSTOMER ? "customer" : "internal");
		S_cell(out, f->what);
		sg_buf_puts(out, " |\n");
	}
}
