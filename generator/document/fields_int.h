/*
 * fields_int.h - what the files of the field table share (not public).
 *
 * fields.c assembles the table from the parts the other files define, one per
 * namespace: fields_customer.c (customer, vendor), fields_cost.c (cost),
 * fields_doc.c (document and the formatted namespaces of proposals),
 * fields_review.c (review). fields_view.c walks it into template data.
 *
 * A field's value is got in one of two ways:
 *
 *   - read at an offset: .src names the object (the item of the map or list
 *     the field sits in, by default; or the customer, its offer, its cost
 *     result or its evaluation), .off and .size where the value lies. A map
 *     read this way is the struct at that offset (SG_FF_PTR: a pointer to
 *     it, NULL being null) and is the item of the fields below it; a list
 *     is the array at .off with its count at .count_off.
 *   - computed by .get, which fills an sg_fv.
 *
 * A map with neither is a group: the fields below it see its own item.
 */
#ifndef SG_DOCUMENT_FIELDS_INT_H
#define SG_DOCUMENT_FIELDS_INT_H

#include <stddef.h>

#include "document/fields.h"

/* Where a value read at an offset lies. */
enum {
	SG_SRC_ITEM,     /* the item of the enclosing map or list */
	SG_SRC_CUSTOMER, /* the customer */
	SG_SRC_OFFER,    /* the customer's offer */
	SG_SRC_COST,     /* its cost result */
	SG_SRC_EVAL,     /* its evaluation */
};

/* Flags. */
#define SG_FF_PTR 1u       /* a map read through a pointer (NULL: null) */
#define SG_FF_L10N 2u      /* a text read as an sg_l10n, in the document's language */
#define SG_FF_ZERO_NULL 4u /* a count of 0 is null: "not given" */
#define SG_FF_MARKUP 8u    /* a text written in Markdown by the team */
#define SG_FF_TEXTS 16u    /* a list of texts (const char *), not of maps */

/* What one view works out once and several fields read (the case studies
 * chosen for the customer): fields_doc.c fills it in when first asked. */
typedef struct sg_field_memo {
	bool cases_made;
	const void *cases;
	size_t case_count;
	bool cases_matched;
} sg_field_memo;

struct sg_field_ctx {
	sg_arena *a;
	const sg_content *c;          /* NULL for a bare cost result */
	const sg_customer *cu;        /* NULL for a bare cost result */
	const sg_eval *ev;            /* NULL for a bare cost result */
	const sg_cost_result *r;
	const char *lang;
	sg_date today;
	const char *kind;
	bool customer_facing;
	sg_field_memo *memo; /* this view's */
};

typedef enum sg_fv_state { SG_FV_ABSENT, SG_FV_NULL, SG_FV_SET } sg_fv_state;

/* A typed value. */
struct sg_fv {
	sg_fv_state state;
	union {
		sg_fen fen;   /* money */
		sg_ppm ppm;   /* share */
		sg_date date;
		int64_t n;    /* count */
		struct {
			int64_t units;
			int scale;
		} dec;        /* number */
		const char *s; /* text */
		bool b;
		const void *item; /* map: what the fields below it read */
		struct {
			const void *first;
			size_t count, stride;
		} list;
	} u;
};

/* The parts of the table, each a top-level name and every field below it. */
typedef struct sg_field_part {
	const sg_field *fields;
	size_t count;
} sg_field_part;

extern const sg_field_part sg_fields_customer, sg_fields_vendor, sg_fields_cost,
	sg_fields_document, sg_fields_review, sg_fields_formatted;

/* The parts in the order of the data (fields.c). */
extern const sg_field_part *const sg_field_parts[];
extern const size_t sg_field_part_count;

/* ---------------------------------------------------------------- writing a table */

/* Short names for the table's rows. */
#define F_MONEY SG_FIELD_MONEY
#define F_SHARE SG_FIELD_SHARE
#define F_DATE SG_FIELD_DATE
#define F_COUNT SG_FIELD_COUNT
#define F_NUMBER SG_FIELD_NUMBER
#define F_TEXT SG_FIELD_TEXT
#define F_BOOL SG_FIELD_BOOL
#define F_LIST SG_FIELD_LIST
#define F_MAP SG_FIELD_MAP
#define RAW SG_FORM_RAW
#define TEXT SG_FORM_TEXT
#define FULL SG_FORM_FULL
#define DAYS SG_FORM_DAYS
#define CUST SG_FIELD_CUSTOMER
#define INTL SG_FIELD_INTERNAL

/* A map that only groups fields: those below it read the same item. */
#define GROUP .src = SG_SRC_ITEM
/* The value is member m of a T. */
#define AT(T, m) .off = offsetof(T, m), .size = sizeof(((T *)0)->m)
/* The list is the array m of a T with its count in n. */
#define ARRAY(T, m, n) \
	.off = offsetof(T, m), .count_off = offsetof(T, n), .stride = sizeof(*((T *)0)->m)

/* Values for getters. */
static inline void sg_fv_text(sg_fv *v, const char *s)
{
	v->state = s ? SG_FV_SET : SG_FV_NULL;
	v->u.s = s;
}

/* sg_fv_fen(v, x), sg_fv_ppm, sg_fv_count, sg_fv_bool, sg_fv_date: v is x. */
#define SG_FV_SETTER(name, type, member)                  \
	static inline void sg_fv_##name(sg_fv *v, type x) \
	{                                                 \
		v->state = SG_FV_SET;                     \
		v->u.member = x;                          \
	}
SG_FV_SETTER(fen, sg_fen, fen)
SG_FV_SETTER(ppm, sg_ppm, ppm)
SG_FV_SETTER(count, int64_t, n)
SG_FV_SETTER(bool, bool, b)
SG_FV_SETTER(date, sg_date, date)
#undef SG_FV_SETTER

static inline void sg_fv_item(sg_fv *v, const void *item)
{
	v->state = item ? SG_FV_SET : SG_FV_NULL;
	v->u.item = item;
}
static inline void sg_fv_list(sg_fv *v, const void *first, size_t count, size_t stride)
{
	v->state = SG_FV_SET;
	v->u.list.first = first;
	v->u.list.count = count;
	v->u.list.stride = stride;
}

/* Getters of a segment (the item: cost/cost.h's sg_segment), which both
 * `cost.segment` and `review.segment` show (fields_cost.c): its size class,
 * null when not known; how many traits fit, null when not known; how many
 * traits there are. */
void sg_field_get_size_class(const sg_field_ctx *x, const void *segment, sg_fv *v);
void sg_field_get_fit(const sg_field_ctx *x, const void *segment, sg_fv *v);
void sg_field_get_fit_of(const sg_field_ctx *x, const void *segment, sg_fv *v);

/* a x mul + add, checked: false (the field left out) if it does not fit. The
 * cost engine keeps every figure far below the limit (SG_COST_MAX_AMOUNT), so
 * this never fails in practice; if it did, a template that asks for the field
 * gets an error instead of a wrapped-around figure. */
static inline bool sg_fv_scaled(sg_fv *v, sg_fen a, int64_t mul, sg_fen add)
{
	sg_fen r;
	if (__builtin_mul_overflow(a, mul, &r) || __builtin_add_overflow(r, add, &r))
		return false;
	sg_fv_fen(v, r);
	return true;
}

#endif
