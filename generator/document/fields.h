/*
 * fields.h - every field a document template can use, in one table, and the
 * data templates see, built from it.
 *
 * Each field of the table has a dotted path ("offer.annual"), a type (money,
 * share, date, count, number, text, bool, list, map), a form (how a value
 * becomes template data: raw, or formatted for the document's language), an
 * audience (the customer, or the team only), a line that says what it holds,
 * and how to get its typed value from the customer, its evaluation
 * (cost/evaluation.h) or the content. From that one table come:
 *
 *   - the data of every proposal and report (sg_view_build()): figures stay
 *     typed (sg_fen, sg_ppm, sg_date, counts) until the field's form turns
 *     them into text in the document's language;
 *   - the firewall: a customer-facing document is built from the fields
 *     whose audience is the customer and from no other, so an internal
 *     field cannot reach it whatever its template asks for;
 *   - the cost model as JSON (sg_view_cost(): `salesgen cost --json` and
 *     output/costs/ID.json are the table's `cost` fields);
 *   - the list of fields in docs/templates.md (sg_fields_markdown(), printed
 *     by `salesgen fields --markdown`; a test compares the two).
 *
 * The table is in depth-first order: the fields of a map or of the items of
 * a list follow it, and a path's last part is its key in the data. Keys are
 * in the table's order, which is the order of the JSON.
 */
#ifndef SG_DOCUMENT_FIELDS_H
#define SG_DOCUMENT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/value.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "model/model.h"

typedef enum sg_field_type {
	SG_FIELD_MONEY,  /* sg_fen */
	SG_FIELD_SHARE,  /* sg_ppm: a discount, a share of time, a rate */
	SG_FIELD_DATE,   /* sg_date */
	SG_FIELD_COUNT,  /* a whole number */
	SG_FIELD_NUMBER, /* a decimal with fixed places (kWh, price per kWh) */
	SG_FIELD_TEXT,
	SG_FIELD_BOOL,
	SG_FIELD_LIST,   /* of maps (the fields below it), or of texts */
	SG_FIELD_MAP,
} sg_field_type;

/* How a value becomes template data. */
typedef enum sg_field_form {
	/* As `salesgen cost --json` has it: money in yuan with two decimals,
	 * shares with six, dates as 2026-11-20, counts as numbers. */
	SG_FORM_RAW,
	/* One text in the document's language: money "¥102,000", a share
	 * "6%", a date "2026年11月20日" ("" when there is none). */
	SG_FORM_TEXT,
	/* The text and its sibling forms: money x "¥102,000", x_number
	 * "102,000", x_wan "10.2万元", x_capitals "人民币壹拾万零贰仟元整",
	 * x_plain 102000; a discount x "8.5折" / "15% off", x_percent "15%",
	 * x_zhe "8.5折", x_share 0.85; a date x "2026年11月20日", x_iso
	 * "2026-11-20"; a count x 1000, x_text "1,000". */
	SG_FORM_FULL,
	/* A date's full forms and x_in_days, x_in ("40天后", "in 40 days"),
	 * counted from the document's date. */
	SG_FORM_DAYS,
} sg_field_form;

typedef enum sg_field_audience {
	SG_FIELD_CUSTOMER, /* may reach a customer-facing document */
	SG_FIELD_INTERNAL, /* internal documents only */
} sg_field_audience;

/* What a field's value is made from (fields_int.h). */
typedef struct sg_field_ctx sg_field_ctx;
typedef struct sg_fv sg_fv;

typedef struct sg_field {
	const char *path;
	sg_field_type type;
	sg_field_form form;
	sg_field_audience audience;
	const char *what; /* one line, for the documentation */

	/* How to get the value (fields_int.h): computed by get, or read at off
	 * (size bytes) of the object src names; a list reads its array there
	 * and its count at count_off, stride bytes an element. */
	void (*get)(const sg_field_ctx *x, const void *item, sg_fv *out);
	int src;
	size_t off, size, count_off, stride;
	/* NULL, or when it says false, the field is left out (shown) or null
	 * (known). */
	bool (*shown)(const sg_field_ctx *x, const void *item);
	bool (*known)(const sg_field_ctx *x, const void *item);
	unsigned flags; /* SG_FF_... of fields_int.h */
} sg_field;

/* The table, in order. */
size_t sg_fields_count(void);
const sg_field *sg_fields_at(size_t i);

/* The field at path, or NULL. A key of a field's form ("offer.annual_wan",
 * "offer.date_iso") finds the field itself ("offer.annual", "offer.date"). */
const sg_field *sg_field_find(const char *path);

/* True when path (a field, a key of a field's form, or a path inside a list
 * item) may reach a customer: it and every field above it are for the
 * customer. */
bool sg_field_is_public(const char *path);

/* The name of a type ("money") and of a form ("formatted"); the words the
 * documentation uses. */
const char *sg_field_type_name(const sg_field *f);
const char *sg_field_form_name(sg_field_form form);

/* The documentation's list of fields, as Markdown: a table per top-level
 * name, each row path, type, audience and what. docs/templates.md holds
 * exactly this between its markers (`salesgen fields --markdown`). */
void sg_fields_markdown(sg_buf *out);

/* ---------------------------------------------------------------- views */

typedef struct sg_view_opts {
	const sg_content *c;
	const sg_customer *cu; /* with its evaluation, which must have succeeded */
	const char *lang;      /* the document's language */
	sg_date today;         /* the document's date; relative dates count from it */
	const char *kind;      /* document.kind: "proposal", "review" */
	/* Only the fields whose audience is the customer (and every field above
	 * them): the firewall of customer-facing documents. */
	bool customer_facing;
} sg_view_opts;

/* The data a document template sees, in a: every field of the table (those
 * for the customer only, when customer_facing), made from o->cu, its
 * evaluation and o->c. */
sg_value *sg_view_build(sg_arena *a, const sg_view_opts *o);

/* sg_view_build(), after checking o->cu's evaluation: NULL, with its error
 * in d, when the customer's cost model could not be computed. */
sg_value *sg_view_build_checked(sg_arena *a, const sg_view_opts *o, sg_diags *d);

/* The vendor (site.xml) in lang, as the table's `vendor` map. */
sg_value *sg_view_vendor(sg_arena *a, const sg_content *c, const char *lang);

/* A cost result as the table's `cost` map: the JSON of `salesgen cost
 * --json` and output/costs/ID.json (docs/cost.md lists the fields). */
sg_value *sg_view_cost(sg_arena *a, const sg_cost_result *r);

#endif
