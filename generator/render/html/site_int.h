/*
 * site_int.h - what the files of the site generator share (not public).
 *
 * site_plan.c plans the site and owns the context (sg_site_ctx); site_common.c
 * holds what every page shares. Each page family has its own file that
 * builds the data its template sees and hands it to sg_site_emit():
 * site_docs.c (playbooks, cases, tags, the pager of lists), site_account.c
 * (account pages, a pipeline row), site_pipeline.c (the pipeline's summary
 * and its list per stage), site_prices.c (price sheet), site_home.c (home
 * page).
 * site_chart.c draws the SVG charts, site_search.c gathers the search
 * index's text, site_index.c makes it into shards (site_pinyin.c: pinyin
 * initials),
 * site_format.c formats money, dates and labels.
 *
 * Every string a page shows goes through the template's {{x}} (HTML
 * escaping). The only markup handed to templates is made here (rendered
 * Markdown, SVG charts), and every URL a template sees is built here from
 * safe ids or checked with sg_url_safe().
 */
#ifndef SG_RENDER_HTML_SITE_INT_H
#define SG_RENDER_HTML_SITE_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/value.h"
#include "cost/cost.h"
#include "load/doctree.h"
#include "render/html/html.h"
#include "render/html/theme.h"

/* One page as the search index sees it. */
typedef struct sg_site_entry {
	const char *url;   /* from the site root: "playbooks/x.html" */
	const char *title;
	const char *kind;  /* label of the page's kind, in the page's language */
	const char *lang;
	sg_value *headings; /* list of strings */
	const char *text;   /* plain text, capped */
} sg_site_entry;

/* A tag and the documents that carry it. */
typedef struct sg_site_tag {
	const char *name;
	const char *lang; /* that of the document name was taken from */
	const char *slug;
	const sg_doc **docs;
	size_t count, cap;
} sg_site_tag;

/* The customers of one stage in the pipeline, for its list pages and the
 * summary's figures (sg_site_pipeline_plan). */
typedef struct sg_site_stage_list {
	const sg_stage *stage; /* NULL: the customers without a stage */
	int n;                 /* its number in site.xml, from 1; 0 without */
	const char *first;     /* its first page: "pipeline/ID.html" */
	const sg_customer **customers; /* by id */
	size_t count;
	int64_t users;  /* sg_site_pipeline_users() of each, added */
	size_t offers;  /* customers with an offer */
	sg_fen annual;  /* their offers a year, added */
	bool too_large; /* users or annual would pass 64 bits: not shown */
} sg_site_stage_list;

/* An event or a renewal the home page lists: cu->events[i] or
 * cu->renewals[i]. */
typedef struct sg_site_recent {
	const sg_customer *cu;
	size_t i;
} sg_site_recent;

/* The events and renewals the home page lists, of each. */
enum { SG_SITE_RECENT = 8 };

/* What a page renders with. The plan holds one (its lists in the plan's own
 * arena); each render copies it and gives the copy an arena, diags and an
 * output buffer of its own, so renders share nothing they write. */
typedef struct sg_site_ctx {
	const sg_content *c;
	const sg_site_opts *o;
	const sg_theme *theme;
	sg_diags *d;
	sg_arena a;        /* this render's */
	sg_buf *out;       /* the page's bytes */
	bool failed;       /* a problem that fails this page */
	const char *lang;  /* the site's language */
	sg_date today;     /* opts->today, or the latest as-of date of any customer */

	const sg_doc **playbooks; /* those not skipped, by order, then path */
	size_t playbook_count;
	const sg_doc **cases;
	size_t case_count;
	sg_site_tag *tags; /* sorted by slug */
	size_t tag_count;
	const sg_customer **customers; /* those not skipped, by id */
	size_t customer_count;
	/* The pipeline's lists: one per stage of site.xml in its order, then
	 * one of the customers without a stage when there are any. */
	sg_site_stage_list *stages;
	size_t stage_list_count;
	/* The home page's latest events (up to today, the latest first) and
	 * next renewals (from today on, the first first): sg_site_recent_plan. */
	sg_site_recent events[SG_SITE_RECENT], renewals[SG_SITE_RECENT];
	size_t event_count, renewal_count;
} sg_site_ctx;

/* ---------------------------------------------------------------- common */

/* The data every page starts from: lang, root (the relative path from the
 * page to the site root, "" or "../"), s (the strings of lang), site
 * (vendor name, logo), nav (with the current entry marked), page.title,
 * page.kind, build.date. path is the page's path from the site root. */
sg_value *sg_site_base(sg_site_ctx *x, const char *lang, const char *path, const char *kind,
		       const char *title);

/* Renders pages/TEMPLATE with data, puts the result into the layout as
 * {{{content}}} and appends it to x->out. */
void sg_site_emit(sg_site_ctx *x, const char *tpl, const char *path, sg_value *data);

/* The string of key in lang (sg_theme_string; site_format.c). */
const char *sg_site_str(const sg_site_ctx *x, const char *lang, const char *key);

/* A link from the page at from (path from the root) to target (path from
 * the root): root prefix + target. */
const char *sg_site_href(sg_site_ctx *x, const char *from, const char *target);

/* Small value builders. */
sg_value *sg_site_set_str(sg_site_ctx *x, sg_value *map, const char *key, const char *s);
sg_value *sg_site_set_bool(sg_site_ctx *x, sg_value *map, const char *key, bool b);
sg_value *sg_site_set_int(sg_site_ctx *x, sg_value *map, const char *key, int64_t i);
/* A string already in HTML (made by salesgen): flagged markup. */
sg_value *sg_site_set_html(sg_site_ctx *x, sg_value *map, const char *key, const char *html);

/* ---------------------------------------------------------------- pages */

/* Sorts the documents into x->playbooks and x->cases and gathers the tags
 * (heap arrays in x->tags: freed by sg_site_docs_dispose). skip as in
 * sg_site_opts. Planning only. */
void sg_site_docs_plan(sg_site_ctx *x);
void sg_site_docs_dispose(sg_site_ctx *x);
/* The page of docs[i] (a playbook or case study); doc pages in x->playbooks
 * or x->cases. */
void sg_site_doc_page(sg_site_ctx *x, const sg_doc *const *docs, size_t n, size_t i);
/* A list of documents is shown SG_SITE_LIST_PAGE cards a page: the first
 * page is the list's own file, page K (from 2) is FOLDER/page/K.html. */
enum { SG_SITE_LIST_PAGE = 100 };
size_t sg_site_list_pages(size_t items); /* how many pages, at least 1 */
char *sg_site_list_path(sg_arena *a, const char *first, size_t k); /* k from 0 */
/* The pager of page k of pages (from 0) of the list whose first page is
 * first: data.pagination (page, of, pages with the first, the last and two
 * either side, prev, next), set only when there are two pages or more. */
void sg_site_pagination(sg_site_ctx *x, sg_value *data, const char *first, size_t k,
			size_t pages);
/* The title of page k of a list of n items: "Playbooks (2/5)" from the
 * second page. */
const char *sg_site_paged_title(sg_site_ctx *x, const char *title, size_t k, size_t n);
/* page k of playbooks/ or cases/index.html */
void sg_site_list_page(sg_site_ctx *x, bool cases, size_t k);
void sg_site_tag_page(sg_site_ctx *x, size_t i, size_t k); /* page k of tags/SLUG.html */
void sg_site_tags_page(sg_site_ctx *x);             /* tags/index.html */
/* The output path of a document's page, from the site root. */
const char *sg_site_doc_path(sg_arena *a, const sg_doc *doc);

void sg_site_account_page(sg_site_ctx *x, const sg_customer *cu);
/* The row of cu in a list of the pipeline on the page at from: name, link,
 * users, offer a year, price line, approval, next renewal (its stage is
 * the page's). */
sg_value *sg_site_pipeline_row(sg_site_ctx *x, const sg_customer *cu, const char *from);

/* The users the pipeline counts for cu: the offer's, else its mailboxes. */
int64_t sg_site_pipeline_users(const sg_customer *cu);
/* Sorts x->customers into x->stages and adds up their figures (reads the
 * evaluations). Planning only. */
void sg_site_pipeline_plan(sg_site_ctx *x);
/* What the summary shows of the customers (each list's path, count and
 * totals), and what list page k of x->stages[list] shows of them (its
 * place, the number of pages, the ids of its rows): the values these
 * pages are made from in place of every customer file. In a. */
const char *sg_site_pipeline_digest(sg_arena *a, const sg_site_ctx *x);
const char *sg_site_pipeline_page_digest(sg_arena *a, const sg_site_ctx *x, size_t list,
					 size_t k);
/* A pipeline of at most SG_SITE_PIPELINE_INLINE customers shows them on its
 * summary too, under each stage's figures: a small team should not need a
 * click per stage to see its few customers. The summary then reads their
 * files, as a list page does. */
enum { SG_SITE_PIPELINE_INLINE = 30 };
bool sg_site_pipeline_inline(const sg_site_ctx *x);
void sg_site_pipeline(sg_site_ctx *x); /* pipeline.html: the summary */
/* Page k of the list x->stages[list]: pipeline/ID.html, then
 * pipeline/ID/page/K.html. */
void sg_site_pipeline_list(sg_site_ctx *x, size_t list, size_t k);
void sg_site_prices(sg_site_ctx *x);
void sg_site_home(sg_site_ctx *x);

/* The home page's lists of recent events and upcoming renewals, from
 * x->events and x->renewals. */
sg_value *sg_site_account_timeline_all(sg_site_ctx *x, const char *lang);
/* Chooses x->events and x->renewals among every customer's, by date, then
 * customer id, then place in the file. Planning only. */
void sg_site_recent_plan(sg_site_ctx *x);
/* What the home page shows of the customers (their number, the first
 * accounts, the chosen events and renewals): the value it is made from in
 * place of every customer file. In a. */
const char *sg_site_home_digest(sg_arena *a, const sg_site_ctx *x);

/* The search entry of the price sheet. */
void sg_site_prices_entry(sg_site_ctx *x, sg_site_entry *e);

/* Renders Markdown for a page; path is the content file it comes from, for
 * messages and as the place its images' relative URLs start from. An image
 * whose URL leads outside the content folder (base/confine.h) is an error at
 * its line that fails the page. heading_shift and id_prefix as in
 * sg_html_opts; drop_title removes a first h1 whose text equals it. Fills
 * *toc (list of {level, id, text}), *text (plain text) and returns the HTML
 * (in x->a). */
const char *sg_site_markdown(sg_site_ctx *x, const char *path, const char *body, size_t len,
			     int first_line, const char *drop_title, int heading_shift,
			     const char *id_prefix, sg_value **toc, const char **text);
/* The same for a document already parsed (root, only read: the tree may be
 * shared with other outputs and threads; a dropped title is skipped). */
const char *sg_site_markdown_tree(sg_site_ctx *x, const char *path, const sg_mdnode *root,
				  const char *drop_title, int heading_shift, const char *id_prefix,
				  sg_value **toc, const char **text);

/* ---------------------------------------------------------------- charts */

typedef struct sg_site_series {
	const char *label;
	sg_fen start; /* at year 0 */
	sg_fen per_year;
	const char *css; /* class of the line: "s1", "s2", "s3" */
} sg_site_series;

/* An inline SVG line chart of cumulative cost over years 0..years: axes
 * with labels, one line per series (the legend is the page's, in HTML);
 * role="img" with <title> and <desc>. Returns markup in a, or NULL when a
 * value is negative or past twice SG_COST_MAX_AMOUNT (which a cost result
 * never gives). */
const char *sg_site_chart(sg_arena *a, const char *title, const char *desc, const char *x_label,
			  const char *y_label, const sg_site_series *s, size_t n, int years);

/* ---------------------------------------------------------------- search */

/* The search index in shards (site_index.c says what each file holds). */
typedef struct sg_search_index sg_search_index;

/* Pages a page list (search/dN.js) holds. */
#define SG_SEARCH_CHUNK 32
/* The size a term shard is planned to have, and a site's most shards. */
#define SG_SEARCH_SHARD_BYTES 65536
#define SG_SEARCH_SHARDS_MAX 8192
/* Bytes of index per 100 bytes of text, to plan the number of shards. */
#define SG_SEARCH_INDEX_PER_TEXT 50
/* The digits of postings: a number's last digit from the first 32, the
 * others from the last 32. */
#define SG_SEARCH_DIGITS "abcdefghijklmnopqrstuvwxyz6789-_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
/* Where a term is in a page: a posting's fields. */
#define SG_SEARCH_BODY 1u
#define SG_SEARCH_HEADING 2u
#define SG_SEARCH_TITLE 4u

/* Builds the index of every playbook, case study and account page, and the
 * price sheet, cut into term_shards term shards and chunks page lists
 * (sg_site_search_files). Free with sg_search_index_free. */
sg_search_index *sg_site_search_build(sg_site_ctx *x, size_t term_shards, size_t chunks);
/* The files the index of x will have: term shards and page lists, fixed
 * when the site is planned. */
void sg_site_search_files(const sg_site_ctx *x, size_t *term_shards, size_t *chunks);

/* A digest of everything of the pages the index holds (documents' and
 * customers' text, titles, languages, order), made in a few milliseconds
 * per hundred megabytes: the input of the index's files, so that each of
 * the many shards need not list every content file as an input of its
 * own. Hex, in a. *chunk gets one such digest per page list (chunks of
 * them: search/dN.js holds its own pages only, so an edit of one page
 * makes one page list again, not all). The price sheet's entry comes from
 * the catalog, the kinds' labels from the theme's strings: inputs of
 * their own. */
const char *sg_site_search_digest(sg_arena *a, const sg_site_ctx *x, size_t chunks,
				  const char ***chunk);

/* An empty index of term_shards shards and chunks page lists. */
sg_search_index *sg_search_index_new(size_t term_shards, size_t chunks);
void sg_search_index_free(sg_search_index *ix);
/* Adds a page (the next number): its title, headings and e->text. */
void sg_search_index_add(sg_search_index *ix, const sg_site_entry *e);
/* Writes the files: file 0 is the manifest (search-index.js), then the term
 * shards search/t0.js ..., then the page lists search/d0.js .... */
void sg_search_index_finish(sg_search_index *ix);
size_t sg_search_index_file_count(const sg_search_index *ix);
const sg_buf *sg_search_index_file(const sg_search_index *ix, size_t i);

typedef void (*sg_search_term_fn)(void *ctx, const char *term, size_t len);
/* Calls fn with each term of s[0..len): each word of letters and digits
 * (ASCII letters in lower case; at most 32 bytes, cut at a character), each
 * Han character (also kana, hangul) and each pair of neighbours; and when
 * pinyin, for each run of two or more Han characters that have a reading,
 * the first letters of their readings and up to 7 tails of two or more
 * letters ("jjfa", "jfa", "fa"). A term may come more than once. */
void sg_site_search_terms(const char *s, size_t len, bool pinyin, sg_search_term_fn fn, void *ctx);
/* The first letter ('a'..'z') of the first Mandarin reading of cp, or 0
 * (site_pinyin.c, from the Unihan table). */
char sg_site_pinyin_initial(uint32_t cp);
/* The shard of a term when the terms before it, in code point order, take
 * before bytes of total: the terms are cut into shards of about equal
 * size, in order. */
size_t sg_site_search_shard(uint64_t before, uint64_t total, size_t shards);
/* The term shards planned for text_bytes of text (capped per page): a power
 * of two, so that a site that grows a little keeps its number. */
size_t sg_site_search_term_shards(uint64_t text_bytes);

/* Search text of Markdown, in linear time whatever the input (the index is
 * made from every document at once, so one pathological file must not stall
 * it; cmark-gfm 0.29 is quadratic on some inputs): the text of every block
 * without the marks of emphasis, links, code, lists, quotes and tables, one
 * line per line of source. When headings is a list, the text of every ATX or
 * one-line setext heading is pushed to it, except a first level-1 heading
 * whose text is drop_title. In a. */
const char *sg_site_search_text(sg_arena *a, const char *md, size_t len, const char *drop_title,
				sg_value *headings);
/* How many bytes sg_site_search_text has read on this thread so far in its
 * scan of inlines (each byte it passes, and each byte it reads ahead for a
 * closing mark): the unit test that keeps it linear compares the count with
 * the input's length. */
size_t sg_site_search_steps(void);

/* s as a JavaScript string literal inside a script element: JSON, with
 * "</" written "<\/" and U+2028 and U+2029 escaped, so no content can end
 * the script or break the string. Appends to out. */
void sg_site_js_string(sg_buf *out, const char *s);

/* ---------------------------------------------------------------- formats */

/* Money as the documents of lang write it (document/proposal.h), so that a
 * figure reads the same on the site as in the PDF: CNY "¥102,000" in
 * Chinese, "CNY 102,000" in English, fen only when there are any
 * ("¥13,315.20"); another currency "1,234,567.89 USD". Negative with a minus
 * sign (U+2212): "−¥1.50". In the arena. */
const char *sg_site_money(sg_arena *a, sg_fen fen, const char *currency, const char *lang);
/* "85%" / "82.5%" for a share (a rate, a share of time). */
const char *sg_site_percent(sg_arena *a, sg_ppm share);
/* A discount as the documents of lang write it: "8.5折" in Chinese, "15% off"
 * in English, at most two decimals (document/proposal.h). */
const char *sg_site_discount(sg_arena *a, sg_ppm paid, const char *lang);
/* A count with grouped digits: "1,300". */
const char *sg_site_count(sg_arena *a, int64_t n);
/* "2026-11-20". */
const char *sg_site_date(sg_arena *a, sg_date d);
/* "in 12 days" / "3 days ago" / "today" in lang. */
const char *sg_site_days(sg_site_ctx *x, const char *lang, sg_date when, sg_date from);
/* The file name (without .html) of a tag's page: the tag itself, so that
 * its address reads as the tag does: its words (letters, digits, Chinese
 * and any other UTF-8) joined by '-', ASCII letters in lower case, at most
 * 48 bytes: "Objection handling" is objection-handling, "RBL 黑名单" is
 * rbl-黑名单. A tag with nothing that can name a file ("---"), and "index"
 * (the list of tags), is "t-" and 8 hex digits of a hash of the tag. */
const char *sg_site_tag_slug(sg_arena *a, const char *tag);
/* A relative path as a link writes it: UTF-8 bytes, spaces, controls, '%',
 * '"', '#' and '?' percent-encoded ("tags/%E9%BB%91.html"), the rest as it
 * is. */
const char *sg_site_path_url(sg_arena *a, const char *path);
/* pattern with each {key} replaced by its value: pairs holds n key/value
 * pairs ("line", "¥100,000.00", ...). A value may be NULL (empty). */
const char *sg_site_fill(sg_site_ctx *x, const char *pattern, const char *const *pairs, size_t n);

#endif
