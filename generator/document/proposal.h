/*
 * proposal.h - proposals and internal reports, up to the point where they are
 * documents ready to typeset: template data, formatted values, generated
 * blocks, the choice of template, cover fields and the approval watermark.
 *
 * Design note. A document is made in four steps, each testable without a PDF:
 *
 *  1. DATA. The customer's evaluation (cost/evaluation.h) and the content,
 *     as the template data of document/fields.h: one table of fields says
 *     what each holds, in which forms, and who may see it. A
 *     customer-facing document is built from the fields for the customer
 *     only, so nothing internal is in its data, whatever the template asks
 *     for; everything after that (generated tables, the cover) reads that
 *     data only.
 *  2. FORMAT. Figures stay typed until the table's forms turn them into
 *     text in the document's language: `offer.annual` "¥102,000" or
 *     "CNY 102,000", `offer.annual_wan` "10.2万元", `offer.annual_capitals`
 *     "人民币壹拾万零贰仟元整", dates "2026年11月20日" / "20 November 2026",
 *     days until a renewal counted from the build date. docs/templates.md
 *     lists every field (`salesgen fields --markdown`).
 *  3. TEMPLATE. The strict Mustache engine renders the template's Markdown,
 *     which is then parsed, once, into the document model (load/doctree.h).
 *  4. BLOCKS. Block directives in the tree (a fenced block whose info
 *     string is `salesgen NAME`) are replaced by generated nodes (ruled
 *     tables, case studies) or a chart node the PDF renderer draws
 *     (sg_chart), never by Markdown text parsed again.
 *
 * The PDF itself is made in targets/proposal_pdf.h, which hands the tree to
 * the PDF engine (render/pdf/pdf_doc.h).
 */
#ifndef SG_DOCUMENT_PROPOSAL_H
#define SG_DOCUMENT_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/value.h"
#include "cost/cost.h"
#include "load/doctree.h"
#include "cost/evaluation.h"
#include "model/model.h"

/* ---------------------------------------------------------------- options */

typedef struct sg_proposal_opts {
	/* The day documents are dated and relative dates count from: the build
	 * date (SOURCE_DATE_EPOCH). Unset (year 0): each customer's as-of date
	 * (for the pipeline, the latest one). Never the clock. */
	sg_date build_date;
	/* A proposal template by name (proposals/NAME.md), overriding the
	 * choice described at sg_proposal_pick(); NULL: choose. */
	const char *template_name;
	/* The document's language; NULL: the template's, else the customer's. */
	const char *lang;
} sg_proposal_opts;

/* ---------------------------------------------------------------- formats */

/* Money in lang: zh "¥95,000" (fen shown only when there are any:
 * "¥95,000.50"), en "CNY 95,000". Negative amounts, counts, shares and
 * 万 figures below start with a minus sign, U+2212 ("−¥1,500"). */
void sg_fmt_money(sg_buf *out, sg_fen fen, const char *lang);
/* Grouped digits without a currency: "95,000", "13,315.20". */
void sg_fmt_number(sg_buf *out, sg_fen fen);
/* A count with grouped digits: 1300 -> "1,300". Any int64_t, so a count is
 * never scaled into fen to be grouped (which overflowed past 9.2e16). */
void sg_fmt_count(sg_buf *out, int64_t n);
/* In 万 yuan, at most two decimals, rounded half-up: "9.5万元", "42.23万元". */
void sg_fmt_wan(sg_buf *out, sg_fen fen);
/* As contracts write it: "人民币玖万伍仟元整". */
void sg_fmt_capitals(sg_buf *out, sg_fen fen);
/* zh "2026年11月22日", en "22 November 2026"; nothing for an unset date. */
void sg_fmt_date(sg_buf *out, sg_date d, const char *lang);
/* A share of list price as the percentage taken off, at most two decimals
 * (rounded half up): 850000 -> "15%", 825000 -> "17.5%", 785714 ->
 * "21.43%". */
void sg_fmt_percent_off(sg_buf *out, sg_ppm paid);
/* A share as a percentage: 750000 -> "75%", 123456 -> "12.3%". */
void sg_fmt_percent(sg_buf *out, sg_ppm share);
/* A share of list price the Chinese way, at most two decimals (rounded half
 * up): 850000 -> "8.5折", 825000 -> "8.25折", 600000 -> "6折", 785714 ->
 * "7.86折". */
void sg_fmt_zhe(sg_buf *out, sg_ppm paid);
/* A number of years as a sentence writes it: in Chinese in words from 1 to
 * 99 (五, 十二; " 120 " beyond, spaced as digits are among Chinese), in
 * English in digits. */
void sg_fmt_years_word(sg_buf *out, int n, const char *lang);
/* Days from today to d as words: zh "40天后" / "今天" / "已过 3 天", en
 * "in 40 days" / "today" / "3 days ago". */
void sg_fmt_days(sg_buf *out, int64_t days, const char *lang);

/* A label of the documents in lang ("zh-CN" or anything else: English) by
 * key: "kind.hardware", "renewal.hosting", "role.approver",
 * "attitude.ally", "stage.none", ...; the key itself when unknown. */
const char *sg_proposal_label(const char *key, const char *lang);
/* The label of "PREFIX.ID" ("unit" and "seat" for "unit.seat"): the label
 * when there is one, else id itself (an edition's own unit, say), NULL when
 * id is NULL. Never a buffer of the caller's: what it returns lives as long
 * as id. */
const char *sg_proposal_label_of(const char *prefix, const char *id, const char *lang);

/* How a document in lang addresses cu: in Chinese the honorific of its kind
 * of organisation (贵公司, 贵所, 贵校, 贵院, 贵行; 贵单位 for a government
 * body, another kind, or when the file gives none), in English its short
 * name (else its name). Never NULL for a customer with a name. */
const char *sg_proposal_you(const sg_customer *cu, const char *lang);
/* cu's kind of organisation in a word of lang: 公司, 律所, 学校, 医院, 银行,
 * 单位; company, firm, school, hospital, bank, organisation. */
const char *sg_proposal_org_word(const sg_customer *cu, const char *lang);

/* True when lang is Chinese. */
bool sg_proposal_lang_zh(const char *lang);

/* A role's name in lang, else its id; NULL for no role. */
const char *sg_proposal_role_name(const sg_role *r, const char *lang);
/* What the approval of a discount needs, in words: the role's name, 无需审批
 * (none), 超出权限 (beyond the policy), or — without a policy. */
const char *sg_proposal_approval_words(const sg_cost_approval *ap, const char *lang);
/* Where ev's offer stands against the price line, in words: 已提供 (the
 * price-line offer is made), 未超十万, 非价格敏感, 超出权限, 无报价; with
 * short_form in at most three characters, for a narrow column. */
const char *sg_proposal_price_line_status(const sg_eval *ev, bool short_form, const char *lang);

/* ---------------------------------------------------------------- data */

/* The data of a proposal for cu: the fields of document/fields.h that are
 * for the customer, as of today in lang. cu's content must be evaluated
 * (cost/evaluation.h); returns NULL (with the error in d) when its cost model
 * could not be computed. */
sg_value *sg_proposal_data(sg_arena *a, const sg_content *c, const sg_customer *cu,
			   const char *lang, sg_date today, sg_diags *d);

/* ---------------------------------------------------------------- blocks */

#define SG_CHART_POINTS 6 /* year 0 (one-time costs) .. year 5 */
#define SG_CHART_SERIES 3

typedef enum sg_chart_kind { SG_CHART_BAR, SG_CHART_LINE } sg_chart_kind;

typedef struct sg_chart_series {
	const char *label;
	uint32_t color; /* 0xRRGGBB */
	sg_fen values[SG_CHART_POINTS];
} sg_chart_series;

/* A chart of cumulative cost: its data, in money. The document shows it as a
 * chart node of its tree (its values in the unit of the text around it);
 * name is how the Markdown of sg_proposal_markdown() marks its place
 * (`<!-- salesgen:block NAME -->`). */
typedef struct sg_chart {
	const char *name;
	sg_chart_kind kind;
	const char *title;
	const char *lang;
	const char *x_labels[SG_CHART_POINTS];
	size_t npoints;
	sg_chart_series series[SG_CHART_SERIES];
	size_t nseries;
	const char *unit_note; /* "单位：万元" */
} sg_chart;

/* Every block directive, for messages and docs. */
extern const char *const sg_proposal_directives[];

/* Checks the directives of a template's text (before Mustache), so a
 * misspelt name is reported at its line in the file (text line 1 is line
 * `first_line` of path). Returns the number of errors. */
size_t sg_proposal_check_directives(const char *text, size_t len, const char *path,
				    int first_line, sg_diags *d);

/* What was made for one directive: the nodes first..last (siblings; NULL
 * when nothing was) now where the directive's lines line..end_line were. */
typedef struct sg_proposal_block {
	int line, end_line;
	const sg_mdnode *first, *last;
} sg_proposal_block;

/* Replaces every directive node of t (a rendered template, parsed) with the
 * nodes made for it, read from data (the same tree the template saw): a
 * chart is also appended to *charts (grown in a). *blocks (in a; may be
 * NULL) says what replaced each directive, in document order. Unknown
 * directives are errors at path. Returns 0 or -1. */
int sg_proposal_expand(sg_mdtree *t, const sg_value *data, const char *lang, sg_arena *a,
		       sg_chart **charts, size_t *ncharts, sg_proposal_block **blocks,
		       size_t *nblocks, const char *path, sg_diags *d);

/* ---------------------------------------------------------------- documents */

typedef struct sg_proposal_field {
	const char *label;
	const char *value;
} sg_proposal_field;

/* A document ready to typeset. Everything lives in arena, but the tree
 * (freed by sg_proposal_doc_dispose()). */
typedef struct sg_proposal_doc {
	sg_arena arena;
	sg_mdtree *tree;      /* the document, after templates and blocks */
	/* The Markdown the template rendered, before its blocks were made
	 * (line N is line N of the template), and what was made for them:
	 * for sg_proposal_markdown(). */
	const char *rendered;
	size_t rendered_len;
	sg_proposal_block *blocks;
	size_t nblocks;
	const char *path;     /* the template, for messages (line 1 is its line 1) */
	const char *lang;
	bool internal;        /* a report: "内部资料 / INTERNAL" on every page */
	const char *title, *subtitle, *header;
	const char *confidential; /* footer line, NULL: the style's */
	sg_proposal_field fields[8]; /* cover */
	size_t nfields;
	/* Where the title, subtitle and fields come from, for the warning
	 * when one is too long for the cover (path NULL: the template). */
	sg_pos title_pos, subtitle_pos, field_pos[8];
	const char *watermark; /* "草稿 · 未审批" when an approval is missing */
	bool draft;
	bool quote;  /* a quotation (document/quote.h): no cover */
	bool sealed; /* a quotation of an approved offer: the seal is drawn */
	const char *author, *subject, *keywords;
	sg_date date; /* the document's date */
	sg_chart *charts;
	size_t ncharts;
} sg_proposal_doc;

void sg_proposal_doc_init(sg_proposal_doc *doc);
void sg_proposal_doc_dispose(sg_proposal_doc *doc);

/* The proposal template for cu: the one its offer names, else a template
 * whose front matter lists the customer (`customers: [ID]`), else the one of
 * the customer's language marked `default: true`, else the first of that
 * language. NULL (with an error in d) when there is none. */
const sg_doc *sg_proposal_pick(const sg_content *c, const sg_customer *cu, const char *name,
			       sg_diags *d);

/* The names of features of cu's offered product that its edition lacks,
 * where tpl's text writes them (outside {{! comments }}; Latin letters in any
 * case): each an error at its line and column, as the proposal would
 * promise what the customer is not buying. sg_proposal_prepare() checks its
 * template so; `salesgen check` checks every customer's. Returns the number
 * of errors. */
size_t sg_proposal_check_features(const sg_doc *tpl, const sg_customer *cu, sg_diags *d);

/* Renders a template (a proposal or report sg_doc) with data into doc's
 * tree: checks directives, renders strictly, parses the result once and
 * makes its blocks. */
int sg_proposal_render(sg_proposal_doc *doc, const sg_doc *tpl, const sg_value *data,
		       sg_diags *d);
/* The same with data living in data_arena, which this disposes of (in any
 * case): before the Markdown is parsed when it has no directive, so that a
 * report's data and its parsed Markdown are never held at once. */
int sg_proposal_render_dispose(sg_proposal_doc *doc, const sg_doc *tpl, const sg_value *data,
			       sg_arena *data_arena, sg_diags *d);

/* Appends doc's Markdown to out: what the template rendered, with each
 * directive's lines replaced by the Markdown of what was made for it
 * (sg_mdtree_write, escaped as template values are): what `salesgen
 * proposal --markdown` writes. */
void sg_proposal_markdown(const sg_proposal_doc *doc, sg_buf *out);

/* A front matter text of the template (title, subtitle) rendered as plain
 * text with data, so a title may name the customer; in doc's arena. NULL
 * when the template has no such text or it has an error (then in d). */
const char *sg_proposal_front_text(sg_proposal_doc *doc, const sg_doc *tpl, const char *key,
				   const sg_value *data, sg_diags *d);

/* The proposal of cu, ready to typeset, from its evaluation (the content
 * must be evaluated: cost/evaluation.h). Returns 0, or -1 with errors in d
 * (no template, a template error, no cost model). A draft is not an error:
 * doc->draft and doc->watermark say so (sg_cost_approval_missing decides;
 * the price-line offer is in the data only when sg_cost_price_line_offered
 * says it is made). */
int sg_proposal_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			const sg_proposal_opts *o, sg_diags *d);

#endif
