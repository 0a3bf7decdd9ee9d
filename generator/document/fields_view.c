/*
 * fields_view.c - template data made by walking the table of fields.
 *
 * Each field's typed value is got (read at its offset or computed) and only
 * here turned into values a template sees, by its form: a money field in
 * full form becomes five keys, a date in days form four, and so on. A field
 * not for the customer is skipped, with everything below it, when the view
 * is for a customer: that is the firewall.
 */
#include <string.h>

#include "document/fields_int.h"
#include "document/proposal.h"

typedef struct S_walk {
	sg_field_ctx x;
	sg_buf b; /* scratch for formatted text */
} S_walk;

/* ---------------------------------------------------------------- values */

static const void *S_base(const sg_field_ctx *x, const sg_field *f, const void *item)
{
	switch (f->src) {
	case SG_SRC_CUSTOMER: return x->cu;
	case SG_SRC_OFFER: return x->cu ? &x->cu->offer : NULL;
	case SG_SRC_COST: return x->r;
	case SG_SRC_EVAL: return x->ev;
	default: return item;
	}
}

static int64_t S_int_at(const char *p, size_t size)
{
	if (size == sizeof(int)) {
		int i;
		memcpy(&i, p, sizeof i);
		return i;
	}
	int64_t n;
	memcpy(&n, p, sizeof n);
	return n;
}

/* The value of f read at its offset in the object it names (item by
 * default), typed. */
static void S_read_at(const sg_field_ctx *x, const sg_field *f, const void *item, sg_fv *v)
{
	const char *base = S_base(x, f, item);
	if (!base)
		return; /* nothing to read it from (a vendor without site.xml) */
	const char *p = base + f->off;
	const void *ptr;
	size_t count;
	switch (f->type) {
	case SG_FIELD_MONEY:
	case SG_FIELD_SHARE:
	case SG_FIELD_COUNT:
		sg_fv_count(v, S_int_at(p, f->size));
		break;
	case SG_FIELD_DATE:
		v->state = SG_FV_SET;
		memcpy(&v->u.date, p, sizeof v->u.date);
		break;
	case SG_FIELD_TEXT:
		if (f->flags & SG_FF_L10N) {
			sg_fv_text(v, sg_l10n_get((const sg_l10n *)p, x->lang));
		} else {
			memcpy(&ptr, p, sizeof ptr);
			sg_fv_text(v, ptr);
		}
		break;
	case SG_FIELD_BOOL:
		sg_fv_bool(v, *(const bool *)p);
		break;
	case SG_FIELD_MAP:
		if (f->flags & SG_FF_PTR) {
			memcpy(&ptr, p, sizeof ptr);
			sg_fv_item(v, ptr);
		} else {
			sg_fv_item(v, p);
		}
		break;
	case SG_FIELD_LIST:
		memcpy(&ptr, p, sizeof ptr);
		memcpy(&count, base + f->count_off, sizeof count);
		sg_fv_list(v, ptr, count, f->stride);
		break;
	case SG_FIELD_NUMBER:
		break; /* needs its places: always a getter */
	}
}

/* The value of f in item, typed: absent when f is not shown, null when it
 * is not known. */
static void S_get(const sg_field_ctx *x, const sg_field *f, const void *item, sg_fv *v)
{
	memset(v, 0, sizeof *v);
	if (f->shown && !f->shown(x, item))
		return;
	if (f->known && !f->known(x, item)) {
		v->state = SG_FV_NULL;
		return;
	}
	if (f->get) {
		f->get(x, item, v);
	} else if (f->type == SG_FIELD_MAP && !f->size) {
		/* A group: its fields read the same item. */
		v->state = SG_FV_SET;
		v->u.item = item;
	} else {
		S_read_at(x, f, item, v);
	}
	if ((f->flags & SG_FF_ZERO_NULL) && v->state == SG_FV_SET && v->u.n == 0)
		v->state = SG_FV_NULL;
}

/* ---------------------------------------------------------------- forms */

static const char *S_text(S_walk *w)
{
	const char *s = sg_arena_strndup(w->x.a, w->b.data, w->b.len);
	sg_buf_clear(&w->b);
	return s;
}

static void S_set(S_walk *w, sg_value *m, const char *key, const char *suffix, sg_value *v)
{
	char k[128];
	snprintf(k, sizeof k, "%s%s", key, suffix);
	sg_map_set(w->x.a, m, k, v);
}

static void S_set_text(S_walk *w, sg_value *m, const char *key, const char *suffix)
{
	S_set(w, m, key, suffix, sg_value_str_borrow(w->x.a, S_text(w)));
}

/* A discount given as the share paid: key "8.5折" (zh) or "15% off" (en),
 * key_percent "15%", key_zhe "8.5折", key_share the plain share. */
static void S_discount(S_walk *w, sg_value *m, const char *key, sg_ppm paid)
{
	if (sg_proposal_lang_zh(w->x.lang)) {
		sg_fmt_zhe(&w->b, paid);
	} else {
		sg_fmt_percent_off(&w->b, paid);
		sg_buf_puts(&w->b, " off");
	}
	S_set_text(w, m, key, "");
	sg_fmt_percent_off(&w->b, paid);
	S_set_text(w, m, key, "_percent");
	sg_fmt_zhe(&w->b, paid);
	S_set_text(w, m, key, "_zhe");
	S_set(w, m, key, "_share", sg_value_dec(w->x.a, paid, 6));
}

/* key: the date in the document's language, key_iso, and with days
 * key_in_days and key_in, counted from the document's date when it has one. */
static void S_date(S_walk *w, sg_value *m, const char *key, sg_field_form form, sg_date d)
{
	sg_arena *a = w->x.a;
	char iso[11];
	if (form == SG_FORM_RAW || form == SG_FORM_TEXT) {
		if (form == SG_FORM_TEXT) {
			sg_fmt_date(&w->b, d, w->x.lang);
			S_set_text(w, m, key, "");
		} else if (sg_date_is_set(d)) {
			sg_date_iso(d, iso);
			S_set(w, m, key, "", sg_value_str(a, iso));
		} else {
			S_set(w, m, key, "", sg_value_null(a));
		}
		return;
	}
	if (!sg_date_is_set(d)) {
		S_set(w, m, key, "", sg_value_null(a));
		return;
	}
	sg_fmt_date(&w->b, d, w->x.lang);
	S_set_text(w, m, key, "");
	sg_date_iso(d, iso);
	S_set(w, m, key, "_iso", sg_value_str(a, iso));
	if (form != SG_FORM_DAYS || !sg_date_is_set(w->x.today))
		return;
	int64_t days = sg_date_to_days(d) - sg_date_to_days(w->x.today);
	S_set(w, m, key, "_in_days", sg_value_int(a, days));
	sg_fmt_days(&w->b, days, w->x.lang);
	S_set_text(w, m, key, "_in");
}

/* Money: raw, the number in yuan; text, key as the document shows it; full,
 * key and key_number, key_wan, key_capitals (other forms) and key_plain
 * (the number). */
static void S_money(S_walk *w, sg_value *m, const char *key, sg_field_form form, sg_fen fen)
{
	if (form == SG_FORM_RAW) {
		S_set(w, m, key, "", sg_value_dec(w->x.a, fen, 2));
		return;
	}
	sg_fmt_money(&w->b, fen, w->x.lang);
	S_set_text(w, m, key, "");
	if (form == SG_FORM_TEXT)
		return;
	static const struct {
		const char *suffix;
		void (*fmt)(sg_buf *out, sg_fen fen);
	} forms[] = {
		{"_number", sg_fmt_number},
		{"_wan", sg_fmt_wan},
		{"_capitals", sg_fmt_capitals},
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		forms[i].fmt(&w->b, fen);
		S_set_text(w, m, key, forms[i].suffix);
	}
	S_set(w, m, key, "_plain", sg_value_dec(w->x.a, fen, 2));
}

/* The value of a field that is neither a map nor a list, in its form. */
static void S_scalar(S_walk *w, sg_value *m, const sg_field *f, const char *key, const sg_fv *v)
{
	sg_arena *a = w->x.a;
	switch (f->type) {
	case SG_FIELD_MONEY:
		S_money(w, m, key, f->form, v->u.fen);
		break;
	case SG_FIELD_SHARE:
		if (f->form == SG_FORM_RAW) {
			S_set(w, m, key, "", sg_value_dec(a, v->u.ppm, 6));
		} else if (f->form == SG_FORM_TEXT) {
			sg_fmt_percent(&w->b, v->u.ppm);
			S_set_text(w, m, key, "");
		} else {
			S_discount(w, m, key, v->u.ppm);
		}
		break;
	case SG_FIELD_DATE:
		S_date(w, m, key, f->form, v->u.date);
		break;
	case SG_FIELD_COUNT:
		S_set(w, m, key, "", sg_value_int(a, v->u.n));
		if (f->form == SG_FORM_FULL) {
			sg_fmt_count(&w->b, v->u.n);
			S_set_text(w, m, key, "_text");
		}
		break;
	case SG_FIELD_NUMBER:
		S_set(w, m, key, "", sg_value_dec(a, v->u.dec.units, v->u.dec.scale));
		break;
	case SG_FIELD_TEXT: {
		sg_value *s = sg_value_str_borrow(a, v->u.s);
		s->markup = (f->flags & SG_FF_MARKUP) != 0;
		S_set(w, m, key, "", s);
		break;
	}
	case SG_FIELD_BOOL:
		S_set(w, m, key, "", sg_value_bool(a, v->u.b));
		break;
	case SG_FIELD_LIST:
	case SG_FIELD_MAP:
		break;
	}
}

/* ---------------------------------------------------------------- the walk */

/* The end of the fields below fields[i] (they follow it, their paths
 * starting with its path and a dot), at most to. */
static size_t S_end(const sg_field *fields, size_t i, size_t to)
{
	size_t n = strlen(fields[i].path), k = i + 1;
	while (k < to && strncmp(fields[k].path, fields[i].path, n) == 0 &&
	       fields[k].path[n] == '.')
		k++;
	return k;
}

static void S_fields(S_walk *w, const sg_field *fields, size_t from, size_t to, sg_value *map,
		     const void *item);

static void S_field(S_walk *w, const sg_field *fields, size_t i, size_t end, sg_value *map,
		    const void *item)
{
	const sg_field *f = &fields[i];
	if (w->x.customer_facing && f->audience != SG_FIELD_CUSTOMER)
		return;
	sg_fv v;
	S_get(&w->x, f, item, &v);
	if (v.state == SG_FV_ABSENT)
		return;
	const char *dot = strrchr(f->path, '.');
	const char *key = dot ? dot + 1 : f->path;
	sg_arena *a = w->x.a;
	if (v.state == SG_FV_NULL) {
		sg_map_set(a, map, key, sg_value_null(a));
		return;
	}
	if (f->type == SG_FIELD_MAP) {
		sg_value *m = sg_map_set(a, map, key, sg_value_map(a));
		S_fields(w, fields, i + 1, end, m, v.u.item);
		return;
	}
	if (f->type != SG_FIELD_LIST) {
		S_scalar(w, map, f, key, &v);
		return;
	}
	sg_value *list = sg_map_set(a, map, key, sg_value_list(a));
	const char *p = v.u.list.first;
	for (size_t k = 0; k < v.u.list.count; k++, p += v.u.list.stride) {
		if (f->flags & SG_FF_TEXTS) {
			const char *s;
			memcpy(&s, p, sizeof s);
			sg_list_push(list, s ? sg_value_str_borrow(a, s) : sg_value_null(a));
			continue;
		}
		sg_value *m = sg_value_map(a);
		S_fields(w, fields, i + 1, end, m, p);
		sg_list_push(list, m);
	}
}

/* Every field of fields[from..to) that is not below another of them. */
static void S_fields(S_walk *w, const sg_field *fields, size_t from, size_t to, sg_value *map,
		     const void *item)
{
	for (size_t i = from; i < to;) {
		size_t end = S_end(fields, i, to);
		S_field(w, fields, i, end, map, item);
		i = end;
	}
}

static void S_walk_init(S_walk *w, sg_arena *a, sg_field_memo *memo)
{
	memset(w, 0, sizeof *w);
	w->x.a = a;
	w->x.memo = memo;
	memset(memo, 0, sizeof *memo);
	sg_buf_init(&w->b);
}

/* ---------------------------------------------------------------- views */

sg_value *sg_view_build(sg_arena *a, const sg_view_opts *o)
{
	S_walk w;
	sg_field_memo memo;
	S_walk_init(&w, a, &memo);
	w.x.c = o->c;
	w.x.cu = o->cu;
	w.x.ev = sg_eval_of(o->cu);
	sg_cost_result r;
	sg_eval_cost(w.x.ev, &r, a);
	w.x.r = &r;
	w.x.lang = o->lang;
	w.x.today = o->today;
	w.x.kind = o->kind;
	w.x.customer_facing = o->customer_facing;
	sg_value *root = sg_value_map(a);
	for (size_t p = 0; p < sg_field_part_count; p++)
		S_fields(&w, sg_field_parts[p]->fields, 0, sg_field_parts[p]->count, root, NULL);
	sg_buf_dispose(&w.b);
	return root;
}

sg_value *sg_view_build_checked(sg_arena *a, const sg_view_opts *o, sg_diags *d)
{
	const sg_eval *ev = sg_eval_of(o->cu);
	if (!ev->ok) {
		sg_eval_report(ev, d);
		return NULL;
	}
	return sg_view_build(a, o);
}

/* The fields below the first of part (its top-level name), into a map. */
static sg_value *S_one(S_walk *w, const sg_field_part *part, const void *item)
{
	sg_value *m = sg_value_map(w->x.a);
	S_fields(w, part->fields, 1, part->count, m, item);
	sg_buf_dispose(&w->b);
	return m;
}

sg_value *sg_view_cost(sg_arena *a, const sg_cost_result *r)
{
	S_walk w;
	sg_field_memo memo;
	S_walk_init(&w, a, &memo);
	w.x.r = r;
	return S_one(&w, &sg_fields_cost, r);
}

sg_value *sg_view_vendor(sg_arena *a, const sg_content *c, const char *lang)
{
	S_walk w;
	sg_field_memo memo;
	S_walk_init(&w, a, &memo);
	w.x.c = c;
	w.x.lang = lang;
	return S_one(&w, &sg_fields_vendor, c ? c->site : NULL);
}
