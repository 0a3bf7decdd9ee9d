/*
 * proposal_blocks.c - block directives: generated tables, lists and charts.
 *
 * A directive is a fenced code block whose info string is `salesgen NAME`:
 *
 *     ```salesgen cost-table
 *     ```
 *
 * It reads well in any Markdown viewer (it shows as a labelled box) and it
 * cannot be forged by a value: Mustache escapes every backtick a value
 * holds. The lines inside are options, `key: value`. After the template is
 * rendered and parsed, each directive's node is replaced by nodes made from
 * the template's own data (so a customer-facing document's blocks see only
 * the public view): tables, lists, headings and paragraphs of text, or a
 * chart node. They are built the way the parser would have parsed the
 * Markdown a template writer would write for them (a value is one text
 * node, newlines in it read as spaces; a bold cell is strong emphasis around
 * it; a column that is not right-aligned has no alignment), so they lay out
 * exactly as such Markdown does; sg_mdtree_write() writes that Markdown back
 * (sg_proposal_markdown).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "document/mustache.h"
#include "document/proposal.h"
#include "load/doctree.h"

const char *const sg_proposal_directives[] = {
	"cost-table", "offer-table", "savings", "cost-chart", "features", "cases", "renewals",
	"quote-items", NULL,
};

static bool S_known(const char *name, size_t len)
{
	for (size_t i = 0; sg_proposal_directives[i]; i++)
		if (strlen(sg_proposal_directives[i]) == len &&
		    memcmp(sg_proposal_directives[i], name, len) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------- scanning */

typedef struct S_fence {
	char ch;          /* '`' or '~' */
	size_t n;         /* fence length */
	const char *name; /* the directive (not NUL-terminated) */
	size_t name_len;
} S_fence;

/* The end of the line at p (the newline or the end). */
static const char *S_eol(const char *p, const char *end)
{
	const char *q = memchr(p, '\n', (size_t)(end - p));
	return q ? q : end;
}

/* True when line [p, e) opens a fence; *salesgen says whether it is ours. */
static bool S_open(const char *p, const char *e, S_fence *f, bool *salesgen)
{
	int ind = 0;
	while (p < e && *p == ' ' && ind < 4)
		p++, ind++;
	if (ind > 3 || p >= e || (*p != '`' && *p != '~'))
		return false;
	f->ch = *p;
	f->n = 0;
	while (p < e && *p == f->ch)
		p++, f->n++;
	if (f->n < 3)
		return false;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	*salesgen = false;
	if ((size_t)(e - p) >= 8 && memcmp(p, "salesgen", 8) == 0 &&
	    (e - p == 8 || p[8] == ' ' || p[8] == '\t' || p[8] == '\r')) {
		*salesgen = true;
		p += 8;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		f->name = p;
		while (p < e && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		f->name_len = (size_t)(p - f->name);
	}
	return true;
}

static bool S_close(const char *p, const char *e, const S_fence *f)
{
	int ind = 0;
	while (p < e && *p == ' ' && ind < 4)
		p++, ind++;
	size_t n = 0;
	while (p < e && *p == f->ch)
		p++, n++;
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return ind <= 3 && n >= f->n && p == e;
}

typedef struct S_directive {
	const char *start, *end; /* the whole block, its lines included */
	const char *name;
	size_t name_len;
	const char *body, *body_end; /* the option lines */
	int line;                    /* of the opening fence, 1-based */
} S_directive;

/* Calls fn for every directive of text, in order. Returns what fn returned
 * when it was not 0, else 0. */
static int S_scan(const char *text, size_t len,
		  int (*fn)(void *ctx, const S_directive *dv), void *ctx)
{
	const char *p = text, *end = text + len;
	int line = 1;
	while (p < end) {
		const char *e = S_eol(p, end);
		S_fence f = {0, 0, NULL, 0};
		bool ours;
		if (!S_open(p, e, &f, &ours)) {
			p = e < end ? e + 1 : end;
			line++;
			continue;
		}
		S_directive dv = {p, NULL, f.name, f.name_len, e < end ? e + 1 : end, NULL, line};
		const char *q = dv.body;
		int lines = 1;
		while (q < end) {
			const char *qe = S_eol(q, end);
			if (S_close(q, qe, &f)) {
				dv.body_end = q;
				dv.end = qe < end ? qe + 1 : end;
				break;
			}
			q = qe < end ? qe + 1 : end;
			lines++;
		}
		if (!dv.end) { /* unclosed: runs to the end of the document */
			dv.body_end = end;
			dv.end = end;
		}
		if (ours) {
			int rc = fn(ctx, &dv);
			if (rc)
				return rc;
		}
		p = dv.end;
		line += lines + (dv.body_end < end ? 1 : 0);
	}
	return 0;
}

typedef struct S_check_ctx {
	const char *path;
	int first_line;
	sg_diags *d;
	size_t errors;
} S_check_ctx;

static int S_check_one(void *ctx, const S_directive *dv)
{
	S_check_ctx *c = ctx;
	if (!S_known(dv->name, dv->name_len)) {
		sg_buf list;
		sg_buf_init(&list);
		for (size_t i = 0; sg_proposal_directives[i]; i++)
			sg_buf_printf(&list, "%s%s", i ? ", " : "", sg_proposal_directives[i]);
		sg_error(c->d, sg_pos_make(c->path, c->first_line + dv->line - 1, 1),
			 "unknown block directive 'salesgen %.*s' (known: %s)", (int)dv->name_len,
			 dv->name, list.data);
		sg_buf_dispose(&list);
		c->errors++;
	}
	return 0;
}

size_t sg_proposal_check_directives(const char *text, size_t len, const char *path,
				    int first_line, sg_diags *d)
{
	S_check_ctx c = {path, first_line > 0 ? first_line : 1, d, 0};
	S_scan(text, len, S_check_one, &c);
	return c.errors;
}

/* ---------------------------------------------------------------- options */

/* The value of option key in the directive's lines [body, end), or def. */
static const char *S_opt(const char *body, const char *end, const char *key, char *buf,
			 size_t cap, const char *def)
{
	size_t kl = strlen(key);
	for (const char *p = body; p < end;) {
		const char *e = S_eol(p, end);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(e - p) > kl && memcmp(p, key, kl) == 0 && p[kl] == ':') {
			const char *v = p + kl + 1;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			const char *ve = e;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\r' || ve[-1] == '\t'))
				ve--;
			snprintf(buf, cap, "%.*s", (int)(ve - v), v);
			return buf;
		}
		p = e < end ? e + 1 : end;
	}
	return def;
}

/* ---------------------------------------------------------------- nodes */

typedef struct S_exp {
	sg_mdtree *t;
	sg_mdnode *out; /* the blocks made for the directive go here */
	int line;       /* the directive's line: where the nodes made for it are */
	const char *opts, *opts_end; /* its option lines */
	const sg_value *data;
	const char *lang;
	sg_arena *a;
	sg_chart **charts;
	size_t *ncharts;
	const char *path;
	sg_diags *d;
	int errors;
} S_exp;

static const char *S_s(const sg_value *m, const char *path)
{
	const sg_value *v = sg_value_path(m, path);
	return v && v->kind == SG_VAL_STR ? v->u.str.s : "";
}

static bool S_b(const sg_value *m, const char *path)
{
	const sg_value *v = sg_value_path(m, path);
	return v && v->kind == SG_VAL_BOOL && v->u.b;
}

static sg_mdnode *S_node(S_exp *x, sg_md_kind kind, sg_mdnode *parent)
{
	sg_mdnode *n = sg_mdnode_new(x->t, kind, x->line);
	sg_mdnode_append(parent, n);
	return n;
}

/* A value as text under parent, as the parser reads it escaped
 * (sg_escape_markdown): a line break (LF, CR or CRLF) is a space, as a
 * value never starts a new line. Nothing for "". */
static void S_text(S_exp *x, sg_mdnode *parent, const char *s)
{
	if (!s || !*s)
		return;
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\r' && s[i + 1] == '\n')
			continue;
		sg_buf_putc(&b, s[i] == '\r' || s[i] == '\n' ? ' ' : s[i]);
	}
	sg_mdnode_add_text(x->t, parent, b.data, b.len, x->line);
	sg_buf_dispose(&b);
}

/* Inline text, in strong emphasis when bold (and not empty). */
static void S_inline(S_exp *x, sg_mdnode *parent, const char *s, bool bold)
{
	if (bold && s && *s)
		parent = S_node(x, SG_MD_STRONG, parent);
	S_text(x, parent, s);
}

static void S_para(S_exp *x, const char *s, sg_md_kind span)
{
	sg_mdnode *p = S_node(x, SG_MD_PARAGRAPH, x->out);
	if (span != SG_MD_OTHER && s && *s)
		p = S_node(x, span, p);
	S_text(x, p, s);
}

/* A table with a header row of n columns; align 'r' sets a column flush
 * right, anything else leaves it unaligned (numbers still go right: the
 * layout sees them). */
static sg_mdnode *S_table(S_exp *x, const char *const *cols, const char *align, size_t n)
{
	sg_mdnode *t = S_node(x, SG_MD_TABLE, x->out);
	uint8_t *al = sg_arena_alloc(&x->t->arena, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		al[i] = align[i] == 'r' ? 'r' : 0;
	t->u.table.ncols = (uint16_t)n;
	t->u.table.align = al;
	sg_mdnode *head = S_node(x, SG_MD_TABLE_ROW, t);
	head->u.header = true;
	for (size_t i = 0; i < n; i++)
		S_text(x, S_node(x, SG_MD_TABLE_CELL, head), cols[i]);
	return t;
}

static sg_mdnode *S_row(S_exp *x, sg_mdnode *table)
{
	return S_node(x, SG_MD_TABLE_ROW, table);
}

/* A table cell, bold when asked. */
static void S_cell(S_exp *x, sg_mdnode *row, const char *s, bool bold)
{
	S_inline(x, S_node(x, SG_MD_TABLE_CELL, row), s, bold);
}

/* The label of key in the document's language (sg_proposal_label()). */
static const char *S_label(const S_exp *x, const char *key)
{
	return sg_proposal_label(key, x->lang);
}

/* ---------------------------------------------------------------- blocks */

static void S_cost_table(S_exp *x)
{
	const sg_value *sh = sg_map_get(x->data, "self_hosted");
	const sg_value *lines = sh ? sg_map_get(sh, "lines") : NULL;
	if (!lines || lines->kind != SG_VAL_LIST || !lines->u.items.count)
		return;
	const char *cols[] = {S_label(x, "col.item"), S_label(x, "col.basis"),
			      S_label(x, "col.annual"), S_label(x, "col.five_year")};
	sg_mdnode *t = S_table(x, cols, "llrr", 4);
	for (int pass = 0; pass < 2; pass++) {
		for (const sg_value *l = lines->u.items.first; l; l = l->next) {
			if (S_b(l, "labour") != (pass == 1))
				continue;
			sg_mdnode *r = S_row(x, t);
			S_cell(x, r, S_s(l, "name"), false);
			S_cell(x, r, S_s(l, "basis"), false);
			S_cell(x, r, S_s(l, "annual"), false);
			S_cell(x, r, S_s(l, "five_year"), false);
		}
		sg_mdnode *r = S_row(x, t);
		if (pass == 0) {
			S_cell(x, r, S_label(x, "row.subtotal_without_labour"), true);
			S_cell(x, r, "", false);
			S_cell(x, r, S_s(sh, "annual_without_labour"), true);
			S_cell(x, r, S_s(sh, "five_year_without_labour"), true);
		} else {
			S_cell(x, r, S_label(x, "row.total_with_labour"), true);
			S_cell(x, r, "", false);
			S_cell(x, r, S_s(sh, "annual"), true);
			S_cell(x, r, S_s(sh, "five_year"), true);
		}
	}
}

/* One row of the offer table: the standard offer and, when made, the
 * price-line offer. */
static void S_offer_row(S_exp *x, sg_mdnode *t, const char *label, const char *a, const char *b,
			bool pl, bool bold)
{
	sg_mdnode *r = S_row(x, t);
	S_cell(x, r, label, bold);
	S_cell(x, r, a, bold);
	if (pl)
		S_cell(x, r, b, bold);
}

/* The discount of the offer (o) and of the price-line offer (p, shown when
 * pl): 8.5折（优惠 15%）in Chinese, 15% off in English; then what it saves. */
static void S_offer_discount_rows(S_exp *x, sg_mdnode *t, const sg_value *o, const sg_value *p,
				  bool pl)
{
	sg_buf b, c;
	sg_buf_init(&b);
	sg_buf_init(&c);
	if (sg_proposal_lang_zh(x->lang)) {
		sg_buf_printf(&b, "%s（%s %s）", S_s(o, "discount_zhe"), "优惠",
			      S_s(o, "discount_percent"));
		if (pl)
			sg_buf_printf(&c, "%s（%s %s）", S_s(p, "discount_zhe"), "优惠",
				      S_s(p, "discount_percent"));
	} else {
		sg_buf_puts(&b, S_s(o, "discount"));
		if (pl)
			sg_buf_puts(&c, S_s(p, "discount"));
	}
	S_offer_row(x, t, S_label(x, "row.discount"), b.data, c.data, pl, false);
	sg_buf_dispose(&b);
	sg_buf_dispose(&c);
	S_offer_row(x, t, S_label(x, "row.discount_saved"), S_s(o, "discount_saved"),
		    S_s(p, "discount_saved"), pl, false);
}

/* A row per one-time fee of the offer o: 一次性费用：NAME, One-time fee: NAME. */
static void S_offer_fee_rows(S_exp *x, sg_mdnode *t, const sg_value *o, bool pl)
{
	const sg_value *fees = sg_map_get(o, "fees");
	const char *sep = sg_proposal_lang_zh(x->lang) ? "：" : ": ";
	sg_buf b;
	sg_buf_init(&b);
	for (const sg_value *fe = fees && fees->kind == SG_VAL_LIST ? fees->u.items.first : NULL;
	     fe; fe = fe->next) {
		sg_buf_clear(&b);
		sg_buf_printf(&b, "%s%s%s", S_label(x, "row.one_time"), sep, S_s(fe, "name"));
		S_offer_row(x, t, b.data, S_s(fe, "amount"), S_s(fe, "amount"), pl, false);
	}
	sg_buf_dispose(&b);
}

/* The offer, row by row, beside the price-line offer when it is made. */
static void S_offer_table(S_exp *x)
{
	const sg_value *o = sg_map_get(x->data, "offer");
	if (!S_b(o, "given"))
		return;
	const sg_value *p = sg_map_get(x->data, "price_line");
	bool pl = p && p->kind == SG_VAL_MAP;
	const char *cols[] = {S_label(x, "col.item"), S_label(x, "col.offer"),
			      S_label(x, "col.price_line")};
	sg_mdnode *t = S_table(x, cols, "lrr", pl ? 3 : 2);
	sg_buf b;
	sg_buf_init(&b);
	/* 云邮企业邮箱（商务版）, as the templates write it (a space
	 * between two Chinese words is dropped), and CloudMail Business Mail
	 * (Business). */
	sg_buf_printf(&b, sg_proposal_lang_zh(x->lang) ? "%s（%s）" : "%s (%s)", S_s(o, "product"),
		      S_s(o, "edition"));
	S_offer_row(x, t, S_label(x, "row.product"), b.data, b.data, pl, false);
	sg_buf_clear(&b);
	sg_buf_printf(&b, "%s %s", S_s(o, "users_text"), S_s(o, "unit"));
	/* Users for mail; lines, domains or rooms are a quantity. */
	const char *unit = S_s(o, "unit_id");
	S_offer_row(x, t,
		    S_label(x, !*unit || strcmp(unit, "user") == 0 ? "row.users" : "row.quantity"),
		    b.data, b.data, pl, false);
	sg_buf_dispose(&b);
	const char *price = S_s(o, "unit_price_text");
	S_offer_row(x, t, S_label(x, "row.unit_price"), price, price, pl, false);
	S_offer_row(x, t, S_label(x, "row.list_annual"), S_s(o, "list_annual"),
		    S_s(o, "list_annual"), pl, false);
	if (S_b(o, "has_discount") || pl)
		S_offer_discount_rows(x, t, o, p, pl);
	S_offer_row(x, t, S_label(x, "row.annual"), S_s(o, "annual"), S_s(p, "annual"), pl, true);
	/* Without one-time fees the five years of service are the total: a
	 * row "with one-time fees" would announce fees there are none of. */
	bool fees = S_b(o, "has_fees");
	S_offer_row(x, t, S_label(x, "row.five_year"), S_s(o, "five_year"), S_s(p, "five_year"),
		    pl, !fees);
	if (!fees)
		return;
	S_offer_fee_rows(x, t, o, pl);
	S_offer_row(x, t, S_label(x, "row.five_year_total"), S_s(o, "five_year_total"),
		    S_s(p, "five_year_total"), pl, true);
}

/* The line items of the quotation: the service a year (list unit price,
 * the discount, what it comes to), then each one-time fee on its own line,
 * then the total; a fee says "one-time" where an edition would be. The total is offer.quote_total, which the cost model sums
 * in fen from the same amounts, so the lines add up to it exactly. */
static void S_quote_items(S_exp *x)
{
	const sg_value *o = sg_map_get(x->data, "offer");
	if (!S_b(o, "given"))
		return;
	bool zh = sg_proposal_lang_zh(x->lang);
	const char *cols[] = {S_label(x, "col.no"),	   S_label(x, "col.product"),
			      S_label(x, "col.edition"),   S_label(x, "col.unit"),
			      S_label(x, "col.quantity"),  S_label(x, "col.unit_price"),
			      S_label(x, "col.discount"),  S_label(x, "col.line_amount")};
	sg_mdnode *t = S_table(x, cols, "clllrrrr", 8);
	const char *none = zh ? "—" : "–";
	sg_buf b;
	sg_buf_init(&b);
	int no = 1;
	sg_mdnode *r = S_row(x, t);
	sg_buf_printf(&b, "%d", no++);
	S_cell(x, r, b.data, false);
	S_cell(x, r, S_s(o, "product"), false);
	S_cell(x, r, S_s(o, "edition"), false);
	sg_buf_clear(&b);
	sg_buf_printf(&b, "%s/%s", S_s(o, "unit"), S_s(o, "period"));
	S_cell(x, r, b.data, false);
	S_cell(x, r, S_s(o, "users_text"), false);
	S_cell(x, r, S_s(o, "unit_price"), false);
	S_cell(x, r,
	       S_b(o, "has_discount") ? S_s(o, zh ? "discount_zhe" : "discount") : none, false);
	S_cell(x, r, S_s(o, "annual"), false);
	const sg_value *fees = sg_map_get(o, "fees");
	for (const sg_value *fe = fees && fees->kind == SG_VAL_LIST ? fees->u.items.first : NULL;
	     fe; fe = fe->next) {
		r = S_row(x, t);
		sg_buf_clear(&b);
		sg_buf_printf(&b, "%d", no++);
		S_cell(x, r, b.data, false);
		S_cell(x, r, S_s(fe, "name"), false);
		S_cell(x, r, S_label(x, "col.one_time"), false);
		S_cell(x, r, S_label(x, "unit.lot"), false);
		S_cell(x, r, "1", false);
		S_cell(x, r, S_s(fe, "amount"), false);
		S_cell(x, r, none, false);
		S_cell(x, r, S_s(fe, "amount"), false);
	}
	sg_buf_dispose(&b);
	r = S_row(x, t);
	S_cell(x, r, "", false);
	S_cell(x, r, S_label(x, "row.quote_total"), true);
	for (int i = 0; i < 5; i++)
		S_cell(x, r, "", false);
	S_cell(x, r, S_s(o, "quote_total"), true);
}

static sg_fen S_fen_of(const sg_value *m, const char *key)
{
	const sg_value *v = sg_map_get(m, key);
	if (!v || v->kind != SG_VAL_DEC || v->u.dec.scale != 2)
		return 0;
	return v->u.dec.units;
}

static void S_savings(S_exp *x)
{
	const sg_value *s = sg_map_get(x->data, "savings");
	const sg_value *sh = sg_map_get(x->data, "self_hosted");
	const sg_value *o = sg_map_get(x->data, "offer");
	/* Against a self-hosted cost the file does not give, every saving
	 * would be the offer's price with a minus sign. */
	if (!S_b(s, "given") || !S_b(sh, "given"))
		return;
	const char *cols[] = {"", S_label(x, "col.self_hosted"), S_label(x, "col.ours"),
			      S_label(x, "col.savings")};
	sg_mdnode *t = S_table(x, cols, "lrrr", 4);
	static const struct {
		const char *row, *self, *ours, *save;
	} rows[] = {
		{"row.annual_with", "annual", "annual", "annual"},
		{"row.annual_without", "annual_without_labour", "annual", "annual_without_labour"},
		{"row.five_with", "five_year", "five_year_total", "five_year"},
		{"row.five_without", "five_year_without_labour", "five_year_total",
		 "five_year_without_labour"},
	};
	/* The difference in words, never in bold: "节省 ¥51,176" where the
	 * offer costs less, "多支出 ¥35,224" where it costs more. A negative
	 * figure under a heading of savings would read as a saving. */
	sg_buf b, k;
	sg_buf_init(&b);
	sg_buf_init(&k);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		sg_mdnode *r = S_row(x, t);
		S_cell(x, r, S_label(x, rows[i].row), false);
		S_cell(x, r, S_s(sh, rows[i].self), false);
		S_cell(x, r, S_s(o, rows[i].ours), false);
		sg_buf_clear(&b);
		sg_buf_clear(&k);
		sg_buf_printf(&k, "%s_positive", rows[i].save);
		bool saves = S_b(s, k.data);
		sg_buf_clear(&k);
		sg_buf_printf(&k, "%s_abs", rows[i].save);
		const char *abs = S_s(s, k.data);
		if (S_fen_of(s, sg_arena_printf(x->a, "%s_plain", rows[i].save)) == 0)
			sg_buf_puts(&b, S_label(x, "savings.even"));
		else
			sg_buf_printf(&b, S_label(x, saves ? "savings.saves" : "savings.costs_more"),
				      abs);
		S_cell(x, r, b.data, false);
	}
	sg_buf_dispose(&k);
	sg_buf_dispose(&b);
}


/* The chart node of ch, in the tree's arena: amounts in 万元 in Chinese,
 * thousands of yuan in English, so the axis reads like the text around it;
 * the unit in the title (a unit label of its own would crowd the legend
 * above the plot); lower than a renderer's default, as the chart restates
 * the savings table above it and a proposal should stay within a few
 * pages. */
static void S_chart_node(S_exp *x, const sg_chart *ch)
{
	sg_arena *a = &x->t->arena;
	bool zh = sg_proposal_lang_zh(ch->lang);
	double div = zh ? 1e6 : 1e5;
	char title[256];
	snprintf(title, sizeof title, zh ? "%s（%s）" : "%s (%s)", ch->title, ch->unit_note);
	sg_mdchart *mc = sg_arena_alloc(a, sizeof *mc);
	mc->name = sg_arena_strdup(a, ch->name);
	mc->kind = ch->kind == SG_CHART_LINE ? SG_MDCHART_LINE : SG_MDCHART_BAR;
	mc->title = sg_arena_strdup(a, title);
	mc->height = 160;
	const char **cats = sg_arena_alloc(a, (ch->npoints + 1) * sizeof *cats);
	for (size_t i = 0; i < ch->npoints; i++)
		cats[i] = sg_arena_strdup(a, ch->x_labels[i]);
	mc->categories = cats;
	mc->ncategories = ch->npoints;
	sg_mdchart_series *ser = sg_arena_alloc(a, (ch->nseries + 1) * sizeof *ser);
	for (size_t s = 0; s < ch->nseries; s++) {
		double *v = sg_arena_alloc(a, (ch->npoints + 1) * sizeof *v);
		for (size_t k = 0; k < ch->npoints; k++)
			v[k] = (double)ch->series[s].values[k] / div;
		ser[s] = (sg_mdchart_series){sg_arena_strdup(a, ch->series[s].label),
					     ch->series[s].color, v};
	}
	mc->series = ser;
	mc->nseries = ch->nseries;
	S_node(x, SG_MD_CHART, x->out)->u.chart = mc;
}

/* The three series of ch, cumulative from year first: self-hosted with and
 * without labour (sh), and our offer with its one-time fees (o). Checked:
 * the cost engine keeps every figure under SG_COST_MAX_AMOUNT, but a chart
 * must never show a total that wrapped around. Returns -1 after an error. */
static int S_chart_series(S_exp *x, sg_chart *ch, const sg_value *sh, const sg_value *o,
			  size_t first)
{
	sg_fen with = S_fen_of(sh, "annual_plain");
	sg_fen without = S_fen_of(sh, "annual_without_labour_plain");
	sg_fen ours = S_fen_of(o, "annual_plain"), once = S_fen_of(o, "one_time_total_plain");
	ch->nseries = 3;
	ch->series[0] = (sg_chart_series){S_label(x, "chart.with_labour"), 0xC0504D, {0}};
	ch->series[1] = (sg_chart_series){S_label(x, "chart.without_labour"), 0xE6A23C, {0}};
	ch->series[2] = (sg_chart_series){S_label(x, "chart.offer"), 0x2F6FB2, {0}};
	for (size_t i = 0; i < ch->npoints; i++) {
		int64_t year = (int64_t)(i + first);
		sg_fen v[3];
		if (__builtin_mul_overflow(with, year, &v[0]) ||
		    __builtin_mul_overflow(without, year, &v[1]) ||
		    __builtin_mul_overflow(ours, year, &v[2]) ||
		    __builtin_add_overflow(v[2], once, &v[2])) {
			sg_error(x->d, sg_pos_make(x->path, 0, 0),
				 "cost-chart: a five-year total is too large to draw");
			x->errors++;
			return -1;
		}
		for (int k = 0; k < 3; k++)
			ch->series[k].values[i] = v[k];
	}
	return 0;
}

/* cost-chart: the cumulative cost of self-hosting against the offer, as
 * bars from year 1 or (type: line) a line from signing. */
static void S_chart(S_exp *x)
{
	const sg_value *sh = sg_map_get(x->data, "self_hosted");
	const sg_value *o = sg_map_get(x->data, "offer");
	if (!sh || !S_b(o, "given") || !S_b(sh, "given"))
		return;
	char buf[32];
	const char *type = S_opt(x->opts, x->opts_end, "type", buf, sizeof buf, "bar");
	sg_chart ch;
	memset(&ch, 0, sizeof ch);
	if (strcmp(type, "line") == 0) {
		ch.kind = SG_CHART_LINE;
	} else if (strcmp(type, "bar") != 0) {
		sg_error(x->d, sg_pos_make(x->path, 0, 0),
			 "cost-chart: type must be bar or line, not '%s'", type);
		x->errors++;
		return;
	}
	ch.lang = x->lang;
	ch.title = S_label(x, "chart.title");
	ch.unit_note = S_label(x, "chart.unit");
	/* Bars start at year 1; a line starts at signing (one-time fees only). */
	size_t first = ch.kind == SG_CHART_LINE ? 0 : 1;
	ch.npoints = SG_CHART_POINTS - first;
	for (size_t i = 0; i < ch.npoints; i++) {
		int year = (int)(i + first);
		ch.x_labels[i] = year == 0 ? S_label(x, "chart.year0")
					   : sg_arena_printf(x->a, S_label(x, "chart.year"), year);
	}
	if (S_chart_series(x, &ch, sh, o, first) < 0)
		return;
	ch.name = sg_arena_printf(x->a, "chart%zu", *x->ncharts + 1);
	sg_chart *grown = sg_arena_alloc(x->a, (*x->ncharts + 1) * sizeof *grown);
	if (*x->ncharts)
		memcpy(grown, *x->charts, *x->ncharts * sizeof *grown);
	grown[*x->ncharts] = ch;
	*x->charts = grown;
	(*x->ncharts)++;
	S_chart_node(x, &ch);
}

/* Whether s ends in sentence punctuation already. */
static bool S_ends_sentence(const char *s)
{
	size_t n = strlen(s);
	if (n && strchr(".!?", s[n - 1]))
		return true;
	static const char *const zh[] = {"。", "！", "？", "；"};
	for (size_t i = 0; i < 4; i++) {
		size_t k = strlen(zh[i]);
		if (n >= k && memcmp(s + n - k, zh[i], k) == 0)
			return true;
	}
	return false;
}

/* Two texts of one table cell: joined by a full-width semicolon in Chinese;
 * in English as two sentences, since each starts with a capital letter. */
static void S_join(sg_buf *b, const char *first, const char *second, bool zh)
{
	sg_buf_puts(b, first);
	if (*first && *second)
		sg_buf_puts(b, zh ? "；" : S_ends_sentence(first) ? " " : ". ");
	sg_buf_puts(b, second);
	if (!zh && b->len && !S_ends_sentence(b->data))
		sg_buf_putc(b, '.');
}

static void S_features(S_exp *x)
{
	const sg_value *fs = sg_map_get(x->data, "features");
	if (!fs || fs->kind != SG_VAL_LIST || !fs->u.items.count)
		return;
	char buf[32];
	const char *style = S_opt(x->opts, x->opts_end, "style", buf, sizeof buf, "table");
	bool zh = sg_proposal_lang_zh(x->lang);
	if (strcmp(style, "list") == 0) {
		/* Each feature's name in bold, then its four points as a tight
		 * list. */
		for (const sg_value *f = fs->u.items.first; f; f = f->next) {
			S_para(x, S_s(f, "name"), SG_MD_STRONG);
			sg_mdnode *list = S_node(x, SG_MD_LIST, x->out);
			list->u.list.tight = true;
			static const char *const k[] = {"feature", "function", "advantage", "benefit"};
			for (size_t i = 0; i < 4; i++) {
				sg_mdnode *item = S_node(x, SG_MD_ITEM, list);
				/* "- " and nothing is an empty item. */
				if (*S_s(f, k[i]))
					S_text(x, S_node(x, SG_MD_PARAGRAPH, item), S_s(f, k[i]));
			}
		}
		return;
	}
	const char *cols[] = {S_label(x, "col.feature"), S_label(x, "col.what"),
			      S_label(x, "col.benefit")};
	sg_mdnode *t = S_table(x, cols, "lll", 3);
	sg_buf b;
	sg_buf_init(&b);
	for (const sg_value *f = fs->u.items.first; f; f = f->next) {
		sg_mdnode *r = S_row(x, t);
		S_cell(x, r, S_s(f, "name"), true);
		sg_buf_clear(&b);
		S_join(&b, S_s(f, "feature"), S_s(f, "function"), zh);
		S_cell(x, r, b.data, false);
		sg_buf_clear(&b);
		S_join(&b, S_s(f, "advantage"), S_s(f, "benefit"), zh);
		S_cell(x, r, b.data, false);
	}
	sg_buf_dispose(&b);
}

/* Each case as a third-level heading (kept with what follows it, and in the
 * PDF's bookmarks), its summary, and a line of facts in emphasis. */
static void S_cases(S_exp *x)
{
	const sg_value *cs = sg_map_get(x->data, "cases");
	if (!cs || cs->kind != SG_VAL_LIST)
		return;
	char buf[32];
	long limit = strtol(S_opt(x->opts, x->opts_end, "limit", buf, sizeof buf, "3"), NULL, 10);
	bool zh = sg_proposal_lang_zh(x->lang);
	const char *gap = zh ? "　" : " · ";
	long n = 0;
	for (const sg_value *c = cs->u.items.first; c && n < limit; c = c->next, n++) {
		sg_mdnode *h = S_node(x, SG_MD_HEADING, x->out);
		h->u.level = 3;
		S_text(x, h, S_s(c, "title"));
		if (*S_s(c, "summary"))
			S_para(x, S_s(c, "summary"), SG_MD_OTHER);
		/* The facts in one short line; the labels hold the wording. */
		sg_buf b;
		sg_buf_init(&b);
		/* What it has in common with the customer first: the reason it is
		 * here, and what the sentence above it may not claim for all. */
		if (*S_s(c, "in_common")) {
			sg_buf_printf(&b, S_label(x, "case.in_common"), S_s(c, "in_common"));
			sg_buf_puts(&b, gap);
		}
		sg_buf_printf(&b, S_label(x, "case.users"), S_s(c, "users_text"));
		if (*S_s(c, "previous_system")) {
			sg_buf_puts(&b, gap);
			sg_buf_printf(&b, S_label(x, "case.previous"), S_s(c, "previous_system"));
		}
		if (*S_s(c, "cycle")) {
			sg_buf_puts(&b, gap);
			sg_buf_printf(&b, S_label(x, "case.cycle"), S_s(c, "cycle"));
		}
		S_para(x, b.data, SG_MD_EMPH);
		sg_buf_dispose(&b);
	}
}

static void S_renewals(S_exp *x)
{
	const sg_value *rs = sg_map_get(x->data, "renewals");
	if (!rs || rs->kind != SG_VAL_LIST || !rs->u.items.count)
		return;
	const char *cols[] = {S_label(x, "col.item"), S_label(x, "col.amount"),
			      S_label(x, "col.due"), S_label(x, "col.when")};
	sg_mdnode *t = S_table(x, cols, "lrll", 4);
	for (const sg_value *r = rs->u.items.first; r; r = r->next) {
		sg_mdnode *row = S_row(x, t);
		S_cell(x, row, S_s(r, "name"), false);
		S_cell(x, row, S_s(r, "amount"), false);
		S_cell(x, row, S_s(r, "due"), false);
		S_cell(x, row, S_s(r, "due_in"), false);
	}
}

/* ---------------------------------------------------------------- expansion */

/* The directive name of a code block's info string ("salesgen NAME"), or
 * NULL when the block is no directive. */
static const char *S_directive_name(const sg_mdnode *n, size_t *len)
{
	if (sg_mdnode_kind(n) != SG_MD_CODE_BLOCK)
		return NULL;
	const char *p = sg_mdnode_code_info(n);
	if (strncmp(p, "salesgen", 8) != 0 || (p[8] && !strchr(" \t\r", p[8])))
		return NULL;
	p += 8;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t k = 0;
	while (p[k] && !strchr(" \t\r", p[k]))
		k++;
	*len = k;
	return p;
}

/* Makes the blocks of directive n into x->out. */
static void S_expand_one(S_exp *x, const sg_mdnode *n, const char *dname, size_t dlen)
{
	char name[32];
	snprintf(name, sizeof name, "%.*s", (int)(dlen < 31 ? dlen : 31), dname);
	x->line = sg_mdnode_line(n);
	x->opts = sg_mdnode_literal(n);
	x->opts_end = x->opts + strlen(x->opts);
	if (strcmp(name, "cost-table") == 0)
		S_cost_table(x);
	else if (strcmp(name, "offer-table") == 0)
		S_offer_table(x);
	else if (strcmp(name, "savings") == 0)
		S_savings(x);
	else if (strcmp(name, "cost-chart") == 0)
		S_chart(x);
	else if (strcmp(name, "features") == 0)
		S_features(x);
	else if (strcmp(name, "cases") == 0)
		S_cases(x);
	else if (strcmp(name, "renewals") == 0)
		S_renewals(x);
	else if (strcmp(name, "quote-items") == 0)
		S_quote_items(x);
	else {
		sg_error(x->d, sg_pos_make(x->path, 0, 0), "unknown block directive 'salesgen %s'",
			 name);
		x->errors++;
	}
}

int sg_proposal_expand(sg_mdtree *t, const sg_value *data, const char *lang, sg_arena *a,
		       sg_chart **charts, size_t *ncharts, sg_proposal_block **blocks,
		       size_t *nblocks, const char *path, sg_diags *d)
{
	S_exp x = {t, NULL, 0, NULL, NULL, data, lang, a, charts, ncharts, path, d, 0};
	/* The directives first, in document order: the tree changes after. */
	const sg_mdnode **found = NULL;
	size_t n = 0, cap = 0;
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *c = sg_mditer_node(&it);
		size_t len;
		if (ev != SG_MD_ENTER || !S_directive_name(c, &len))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			found = sg_xrealloc(found, cap * sizeof *found);
		}
		found[n++] = c;
	}
	sg_proposal_block *made = n ? sg_arena_alloc(a, n * sizeof *made) : NULL;
	for (size_t i = 0; i < n; i++) {
		sg_mdnode *dv = (sg_mdnode *)found[i];
		size_t len;
		const char *name = S_directive_name(dv, &len);
		/* Made in a holder of their own, then moved where the directive
		 * was. */
		x.out = sg_mdnode_new(t, SG_MD_DOCUMENT, 0);
		S_expand_one(&x, dv, name, len);
		made[i] = (sg_proposal_block){sg_mdnode_line(dv), sg_mdnode_end_line(dv),
					      x.out->first, x.out->last};
		sg_mdnode *b, *next;
		for (b = x.out->first; b; b = next) {
			next = b->next;
			sg_mdnode_unlink(b);
			sg_mdnode_insert_before(dv, b);
		}
		sg_mdnode_unlink(dv);
	}
	free(found);
	if (blocks) {
		*blocks = made;
		*nblocks = n;
	}
	return x.errors ? -1 : 0;
}
