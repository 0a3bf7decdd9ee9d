/*
 * diff_format.c - the values, differences and approval lines the writers of
 * diff_format.h share.
 */
#include "diff/diff_format.h"

#include <inttypes.h>
#include <string.h>

#include "base/date.h"
#include "document/proposal.h"

void sg_diff_count_edits(const sg_sentence_edit *e, size_t n, size_t *removed, size_t *added)
{
	*removed = *added = 0;
	for (size_t i = 0; i < n; i++)
		*(e[i].op == SG_SENTENCE_ADDED ? added : removed) += 1;
}

const char *sg_diff_status_name(sg_diff_status s)
{
	return s == SG_DIFF_ADDED     ? "added"
	       : s == SG_DIFF_REMOVED ? "removed"
	       : s == SG_DIFF_BROKEN  ? "broken"
				      : "changed";
}

const char *sg_diff_file_status_name(sg_diff_file_status s)
{
	return s == SG_DIFF_FILE_ADDED ? "added" : s == SG_DIFF_FILE_REMOVED ? "removed" : "changed";
}

/* A share paid as the percentage off, "15 %" (the space as the issue of
 * approvals writes it, so "15 %" reads apart from the figures around it). */
static void S_off(sg_buf *out, sg_ppm paid)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_percent_off(&b, paid);
	if (b.len && b.data[b.len - 1] == '%')
		sg_buf_truncate(&b, b.len - 1);
	sg_buf_printf(out, "%s %%", b.data);
	sg_buf_dispose(&b);
}

void sg_diff_fmt_value(sg_buf *out, sg_diff_unit unit, sg_diff_value v)
{
	if (!v.set) {
		sg_buf_puts(out, "—");
		return;
	}
	if (unit == SG_DIFF_MONEY) {
		sg_fmt_money(out, v.v, "zh-CN");
	} else if (unit == SG_DIFF_SHARE) {
		S_off(out, v.v);
	} else {
		char iso[16];
		sg_date_iso(sg_date_from_days(v.v), iso);
		sg_buf_puts(out, iso);
	}
}

void sg_diff_fmt_delta(sg_buf *out, sg_diff_unit unit, sg_diff_value from, sg_diff_value to)
{
	if (!from.set || !to.set)
		return;
	int64_t d = to.v - from.v;
	/* A discount is shown as the share taken off: its difference is the
	 * other way round, in percentage points. */
	if (unit == SG_DIFF_SHARE)
		d = -d;
	sg_buf_puts(out, d < 0 ? "−" : "+");
	int64_t m = d < 0 ? -d : d;
	if (unit == SG_DIFF_MONEY) {
		sg_fmt_money(out, m, "zh-CN");
	} else if (unit == SG_DIFF_SHARE) {
		sg_buf b;
		sg_buf_init(&b);
		sg_fmt_percent(&b, m);
		if (b.len && b.data[b.len - 1] == '%')
			sg_buf_truncate(&b, b.len - 1);
		sg_buf_printf(out, "%s pts", b.data);
		sg_buf_dispose(&b);
	} else {
		sg_buf_printf(out, "%" PRId64 " day%s", m, m == 1 ? "" : "s");
	}
}

/* What the role needed means, in words. */
static void S_need(sg_buf *out, const sg_diff_approval_side *a)
{
	if (!a->need)
		sg_buf_puts(out, "no approval policy");
	else if (strcmp(a->need, "none") == 0)
		sg_buf_puts(out, "no approval (list price)");
	else if (strcmp(a->need, "beyond-policy") == 0)
		sg_buf_puts(out, "beyond the policy (no role may approve it)");
	else
		sg_buf_puts(out, a->need);
}

static bool S_need_same(const sg_diff_approval_side *a, const sg_diff_approval_side *b)
{
	return a->need == b->need || (a->need && b->need && strcmp(a->need, b->need) == 0);
}

void sg_diff_fmt_approval(sg_buf *out, const sg_diff_customer *c)
{
	const sg_diff_approval_side *f = &c->approval_from, *t = &c->approval_to;
	if (!t->offer) {
		sg_buf_puts(out, f->offer ? "no offer any more" : "no offer");
		return;
	}
	sg_buf_puts(out, "discount ");
	if (f->offer && f->discount != t->discount) {
		S_off(out, f->discount);
		sg_buf_puts(out, " → ");
	}
	S_off(out, t->discount);
	sg_buf_puts(out, f->offer && S_need_same(f, t) ? ": still needs " : ": now needs ");
	S_need(out, t);
	sg_buf_puts(out, "; recorded: ");
	for (size_t i = 0; i < t->recorded_count; i++)
		sg_buf_printf(out, "%s%s", i ? ", " : "", t->recorded[i]);
	if (!t->recorded_count)
		sg_buf_puts(out, "none");
	if (t->missing && t->missing_role)
		sg_buf_printf(out, " (not covered: needs %s%s)", t->missing_role,
			      t->price_line ? " for the price-line offer" : "");
	else if (t->missing)
		sg_buf_puts(out, " (not covered: file with the provincial office)");
	else if (f->offer && f->missing)
		sg_buf_puts(out, " (now covered)");
}
