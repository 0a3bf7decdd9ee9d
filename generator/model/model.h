/*
 * model.h - the typed model of a content repository.
 *
 * The loaders (model/customer.c, model/catalog.c, model/site.c, model/content.c)
 * build these structs from the parsed XML and Markdown. Everything lives in the
 * content's arena and is freed with sg_content_free(). Every value a user wrote
 * keeps its source position (sg_pos) so that any later stage can point at it.
 *
 * Money is integer fen (1/100 yuan, sg_fen); shares (discounts, time shares, VAT
 * rates) are integer millionths (sg_ppm: 1000000 is 1.0). No floating point is
 * used for money anywhere in salesgen.
 */
#ifndef SG_MODEL_MODEL_H
#define SG_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/value.h"

typedef int64_t sg_fen;
typedef int64_t sg_ppm;
#define SG_PPM_ONE 1000000
/* The largest count a customer file may give (users, employees, mailboxes,
 * branches): a trillion, so that a pipeline's totals over any number of
 * customers a build can hold stay exact in 64 bits. */
#define SG_COUNT_MAX ((int64_t)1000000000000)

/* ---------------------------------------------------------------- text */

/* A text in several languages: <name>..</name><name lang="en">..</name>. The
 * entry without a lang attribute takes the site's default language. */
typedef struct sg_l10n_item {
	const char *lang; /* "zh-CN", "en" */
	const char *text;
	sg_pos pos;
} sg_l10n_item;

typedef struct sg_l10n {
	sg_l10n_item *items;
	size_t count;
} sg_l10n;

/* The text in lang, else in the first language given, else NULL. */
const char *sg_l10n_get(const sg_l10n *t, const char *lang);

/* ---------------------------------------------------------------- site */

typedef struct sg_rep {
	const char *id;
	const char *name, *name_en;
	const char *title, *title_en;
	const char *phone, *email;
	sg_pos pos;
} sg_rep;

typedef struct sg_stage_item {
	const char *id;
	sg_l10n name;
	sg_pos pos;
} sg_stage_item;

typedef struct sg_stage {
	const char *id;
	sg_l10n name;
	sg_l10n milestone;
	sg_stage_item *items;
	size_t item_count;
	sg_pos pos;
} sg_stage;

typedef struct sg_site {
	const char *path;
	const char *lang;     /* default language of content, "zh-CN" or "en" */
	const char *currency; /* "CNY" */
	sg_l10n vendor_name;
	sg_l10n vendor_address;
	const char *logo; /* path relative to the content folder, or NULL */
	/* The company seal a quotation of an approved offer carries (<seal>):
	 * the text around its ring (NULL: no seal), the line under its star
	 * (NULL: none), its diameter in millimetres (default 42). */
	const char *seal_text, *seal_label;
	double seal_mm;
	/* A seal from a picture (<seal src="images/seal.png">): a PNG, best
	 * with transparency, relative to the content folder, drawn instead of
	 * the vector seal; NULL: none. */
	const char *seal_src;
	const char *phone, *email, *website;
	sg_rep *reps;
	size_t rep_count;
	const char *number_pattern; /* e.g. "YM-YYYY-NNNN", NULL: any */
	sg_pos number_pattern_pos;
	sg_stage *stages; /* in order */
	size_t stage_count;
	sg_pos pos;
	const char *theme; /* the HTML site's theme (a name), or NULL */
	bool raw_html;     /* keep raw HTML of Markdown on the site */
	bool remote_images; /* show images from http(s) addresses on the site
			     * (remote-images, default true) */
} sg_site;

/* ---------------------------------------------------------------- catalog */

typedef enum sg_period { SG_PERIOD_YEAR, SG_PERIOD_MONTH } sg_period;

typedef struct sg_ffab {
	const char *lang;
	const char *feature, *function, *advantage, *benefit;
} sg_ffab;

typedef struct sg_feature {
	const char *id;
	sg_l10n name;
	sg_ffab *ffab; /* one per language */
	size_t ffab_count;
	sg_pos pos;
} sg_feature;

typedef struct sg_edition {
	const char *id;
	sg_l10n name;
	sg_l10n summary; /* what it is in a line; none: the product's summary */
	sg_fen unit_price;  /* per unit per period */
	sg_period period;
	const char *unit;   /* "user", "line", ... */
	const char **features; /* feature ids of the product */
	size_t feature_count;
	sg_pos pos;
} sg_edition;

typedef struct sg_role {
	const char *id;
	sg_l10n name;
	sg_pos pos;
} sg_role;

typedef struct sg_tier {
	sg_fen from;    /* list spend per basis period, inclusive lower bound */
	sg_ppm *floors; /* per role of the policy, same order: lowest share it may approve */
	sg_pos pos;
} sg_tier;

typedef struct sg_policy {
	const char *id;
	sg_period basis; /* the spend a tier is chosen by: monthly or yearly list spend */
	sg_role *roles;  /* junior to senior */
	size_t role_count;
	sg_tier *tiers;  /* ascending by from */
	size_t tier_count;
	sg_l10n beyond;  /* what to do when no role may approve */
	sg_pos pos;
} sg_policy;

typedef struct sg_product {
	const char *id;
	const char *kind;
	sg_l10n name;
	sg_l10n summary;
	const sg_policy *policy; /* NULL: no approval policy */
	sg_ppm vat_rate;
	bool prices_include_vat;
	sg_feature *features;
	size_t feature_count;
	sg_edition *editions;
	size_t edition_count;
	sg_pos pos;
} sg_product;

typedef struct sg_catalog {
	const char *path;
	const char *currency;
	sg_ppm vat_rate;
	bool prices_include_vat;
	sg_fen price_line;    /* default 100,000 yuan */
	sg_fen rounding_step; /* default 1,000 yuan */
	sg_policy *policies;
	size_t policy_count;
	sg_product *products;
	size_t product_count;
	sg_pos pos;
} sg_catalog;

const sg_product *sg_catalog_product(const sg_catalog *c, const char *id);
const sg_edition *sg_product_edition(const sg_product *p, const char *id);
const sg_feature *sg_product_feature(const sg_product *p, const char *id);
/* What an edition is, in a line, in lang: its own summary, else the
 * product's; NULL when neither has one. */
const char *sg_edition_summary(const sg_product *p, const sg_edition *e, const char *lang);
/* Where text names name: the first place it contains it, Latin letters
 * compared without case (a feature's name "Open API" in "an open API");
 * NULL when it does not. */
const char *sg_catalog_names(const char *text, const char *name);

/* ---------------------------------------------------------------- customer */

typedef struct sg_purchase {
	const char *name;
	sg_fen amount;
	int years; /* depreciation years, default 5 */
	sg_date bought;
	sg_pos pos;
} sg_purchase;

typedef struct sg_electricity {
	bool given;
	bool as_annual;        /* annual amount given directly */
	sg_fen annual;         /* when as_annual */
	int64_t watts;         /* average draw, when !as_annual */
	int64_t price_per_kwh; /* in 1/10000 yuan, when !as_annual */
	sg_pos pos;
} sg_electricity;

typedef struct sg_staff {
	const char *role;
	sg_fen monthly_salary;
	sg_ppm share; /* of their working time spent on the system */
	sg_pos pos;
} sg_staff;

typedef enum sg_renewal_kind {
	SG_RENEWAL_HOSTING,
	SG_RENEWAL_BANDWIDTH,
	SG_RENEWAL_LICENCE,
	SG_RENEWAL_ANTISPAM,
	SG_RENEWAL_OTHER,
} sg_renewal_kind;

typedef struct sg_renewal {
	sg_renewal_kind kind;
	const char *name;
	sg_fen amount; /* per year */
	sg_date due;
	sg_pos pos;
} sg_renewal;

/* What kind of organisation a customer is: it decides how a document
 * addresses it (贵公司, 贵所, 贵校 ...). 0 when the file does not say. */
typedef enum sg_org_kind {
	SG_ORG_UNKNOWN,
	SG_ORG_COMPANY,
	SG_ORG_LAW_FIRM,
	SG_ORG_SCHOOL,
	SG_ORG_HOSPITAL,
	SG_ORG_BANK,
	SG_ORG_GOVERNMENT,
	SG_ORG_OTHER,
	SG_ORG_KIND_COUNT
} sg_org_kind;

/* The seven traits of a good self-hosted prospect (docs/content.md). Each is 0 when
 * the content does not say. */
typedef enum sg_level { SG_LEVEL_UNKNOWN, SG_LEVEL_LOW, SG_LEVEL_MEDIUM, SG_LEVEL_HIGH } sg_level;
typedef enum sg_leadership { SG_LEAD_UNKNOWN, SG_LEAD_PROGRESSIVE, SG_LEAD_CONSERVATIVE } sg_leadership;
typedef enum sg_external { SG_EXT_UNKNOWN, SG_EXT_LARGER, SG_EXT_SIMILAR, SG_EXT_SMALLER } sg_external;
typedef enum sg_strength { SG_IT_UNKNOWN, SG_IT_WEAK, SG_IT_ADEQUATE, SG_IT_STRONG } sg_strength;
typedef enum sg_budget { SG_BUDGET_UNKNOWN, SG_BUDGET_NONE, SG_BUDGET_SOME, SG_BUDGET_AMPLE } sg_budget;

typedef struct sg_traits {
	sg_level security_sensitivity;
	sg_leadership leadership;
	sg_level connectivity_needs;
	sg_external external_mail; /* external mail needs compared with internal */
	sg_strength it_staff;
	sg_level collaboration_needs;
	sg_budget budget;
	bool given; /* a <traits> element was present */
	sg_pos pos;
} sg_traits;

typedef struct sg_contact {
	const char *name, *title;
	const char *role;     /* approver, decision-maker, evaluator, advisor, gatekeeper */
	const char *attitude; /* opponent, non-supporter, acceptor, supporter, sympathiser, ally */
	bool coach;
	const char *phone, *email;
	sg_pos pos;
} sg_contact;

typedef struct sg_event {
	sg_date date;
	const char *kind; /* ip-blacklisted, management-change, ipo, key-staff-leaving, ... */
	const char *text;
	sg_pos pos;
} sg_event;

typedef struct sg_action {
	const char *task, *owner, *checkpoint;
	sg_date date;
	sg_pos pos;
} sg_action;

typedef struct sg_fee {
	const char *name;
	sg_fen amount;
	sg_pos pos;
} sg_fee;

typedef struct sg_approval {
	const char *role; /* a role id of the product's policy */
	const char *name;
	sg_date date;
	sg_pos pos;
} sg_approval;

typedef struct sg_offer {
	bool given;
	const char *product_id, *edition_id;
	const sg_product *product; /* resolved, NULL when unknown */
	const sg_edition *edition;
	int64_t users;
	sg_ppm discount; /* share of list price paid, 1000000 = list */
	sg_date date;
	int valid_days;
	sg_date valid_until; /* date + valid_days; unset when either is */
	bool budget_sensitive;
	const char *number;
	const char *template_name; /* proposal template the customer names, or NULL */
	sg_fee *fees;
	size_t fee_count;
	sg_approval *approvals;
	size_t approval_count;
	sg_pos pos;
	/* Where each reference is written, for messages about it. */
	sg_pos product_pos, edition_pos, number_pos, template_pos;
} sg_offer;

/* A proposal or quotation sent to the customer (<sent>): its PDF is kept
 * under the content folder and the build copies it instead of regenerating
 * it. A quotation's record has the quotation's number (the proposal's with
 * "-Q"). */
typedef struct sg_sent {
	const char *number; /* the offer's proposal (or quotation) number when it was sent */
	sg_date date;       /* the date printed on it */
	const char *sha256; /* 64 lower-case hex digits */
	const char *file;   /* relative to the content folder: sent/NUMBER.pdf */
	sg_pos pos, file_pos;
} sg_sent;

/* Defined by the cost stage (cost/evaluation.h). */
struct sg_eval;

typedef struct sg_customer {
	const char *path;
	const char *id;
	const char *lang; /* zh-CN or en */
	sg_date as_of;
	const char *name, *short_name;
	sg_pos name_pos, short_name_pos; /* their elements (path NULL: absent) */
	const char *industry;
	sg_org_kind kind; /* <kind>; SG_ORG_UNKNOWN when not given */
	int64_t employees, mailboxes, branches;
	const char *address;
	const char *owner_id;
	const sg_rep *owner; /* resolved, NULL when unknown */
	sg_pos owner_pos;    /* its rep attribute */
	struct {
		bool given;
		const char *product, *version;
		int year_built;
		bool licensed;
		sg_pos pos;
	} current;
	const char **concerns; /* <concerns>: ids of the closed list (model/cases.h) */
	size_t concern_count;
	sg_pos concerns_pos;
	sg_purchase *hardware;
	size_t hardware_count;
	sg_purchase *software;
	size_t software_count;
	sg_electricity electricity;
	sg_staff *staff;
	size_t staff_count;
	sg_renewal *renewals;
	size_t renewal_count;
	sg_traits traits;
	const char *lifecycle;    /* potential, sales, relationship, lost */
	const char *relationship; /* new, growth, stable, decline, problem, no-value */
	const char *stage_id;
	const sg_stage *stage; /* resolved */
	const char **done;     /* checklist item ids */
	sg_pos *done_pos;      /* where each done item is written */
	size_t done_count;
	sg_pos stage_pos;      /* the stage attribute of <project> */
	sg_contact *contacts;
	size_t contact_count;
	sg_event *events;
	size_t event_count;
	const char **strengths;
	size_t strength_count;
	const char **weaknesses;
	size_t weakness_count;
	sg_action *actions;
	size_t action_count;
	sg_offer offer;
	sg_sent *sent; /* in file order */
	size_t sent_count;
	const char *notes; /* Markdown, internal */
	sg_pos notes_pos;
	sg_pos pos;
	/* What the outputs decide about this customer (cost/evaluation.h): set
	 * once the content is evaluated, NULL before. The model never reads it,
	 * and knows its type only by name. */
	const struct sg_eval *eval;
} sg_customer;

/* ---------------------------------------------------------------- documents */

typedef enum sg_doc_kind {
	SG_DOC_PLAYBOOK,
	SG_DOC_CASE,
	SG_DOC_PROPOSAL, /* proposal template */
	SG_DOC_REPORT,   /* report template */
	SG_DOC_QUOTE,    /* quotation template (quotes/) */
} sg_doc_kind;

typedef enum sg_audience { SG_AUDIENCE_INTERNAL, SG_AUDIENCE_CUSTOMER } sg_audience;

/* A Markdown file with optional YAML front matter. */
typedef struct sg_doc {
	const char *path;
	const char *slug; /* file name without extension */
	sg_doc_kind kind;
	const char *title; /* front matter, else first heading, else file name */
	const char *lang;  /* front matter, else the site's */
	int order;         /* front matter "order", else 0 */
	const char **tags;
	size_t tag_count;
	const char *summary;
	sg_audience audience;
	sg_value *front;   /* the whole front matter as a map (never NULL) */
	const char *body;  /* the Markdown after the front matter */
	size_t body_len;
	int body_line;     /* line in the file where body starts (1-based) */
	sg_pos pos;
	/* The body parsed into the document model, kept for the outputs that
	 * read it: read it through sg_doc_tree() (model/doc.h). NULL for a
	 * document not made by sg_doc_load(): each reader then parses. */
	struct sg_doc_cache *cache;
} sg_doc;

/* ---------------------------------------------------------------- content */

typedef struct sg_content {
	sg_arena arena;
	const char *dir;
	sg_site *site;       /* NULL when content/site.xml is missing or broken */
	sg_catalog *catalog; /* NULL when there is no catalog */
	sg_customer **customers; /* sorted by id */
	size_t customer_count;
	sg_doc **docs; /* every Markdown document, sorted by kind then path */
	size_t doc_count;
	char **files; /* every file read, relative to dir, sorted */
	size_t file_count;
} sg_content;

#endif
