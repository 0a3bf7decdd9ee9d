/*
 * site_plan.c - the plan of the site (html.h): every file the site is made
 * of, what each one is made from, and the render of one.
 *
 * What a page reads decides its deps, so that an edit rebuilds exactly the
 * pages it shows on:
 *
 *   every HTML page      site.xml (vendor, language), the theme files its
 *                        template uses (layout, page, partials it names,
 *                        strings), the build date when one of them shows it
 *   playbook, case       its Markdown file; its neighbours' titles (previous
 *                        and next), as a value of its own
 *   lists, tags          the titles, summaries, tags and order of every
 *                        document ("site:docs")
 *   account page         its customer file, the catalog, the build date (it
 *                        counts days from it)
 *   pipeline summary     the count, users and offers of each stage's list
 *                        ("site:pipeline"), the catalog; when it shows the
 *                        customers too (a small pipeline), their files and
 *                        the date days count from
 *   pipeline list page   the files of the customers it shows and their ids
 *                        (one page of a stage's list), the catalog, the
 *                        date days count from
 *   home                 what it shows of the customers ("site:home": their
 *                        number, the first accounts, the events and
 *                        renewals it lists), the titles of the documents
 *                        ("site:docs"), the catalog, the date days count from
 *   price sheet          the catalog
 *   search index         the text of every listed document and customer
 *   (search-index.js,    ("site:search"), the catalog, the theme's strings:
 *   the files of search/) each of its files, since each term shard holds
 *                        terms of every page
 *   CSS, JS, images      the file itself
 *
 * Documents and customers the skip callback leaves out (files with errors)
 * are in no list, so a broken customer fails its own page only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "model/content.h"
#include "render/html/cjk_gaps.h"
#include "render/html/site_int.h"

typedef enum page_type {
	P_DOC, P_LIST, P_TAGS, P_TAG, P_ACCOUNT, P_PIPELINE, P_STAGE, P_PRICES, P_HOME, P_SEARCH,
	P_SEARCH_PART, P_STATIC, P_IMAGE,
} page_type;

/* The theme files one page template uses. */
typedef struct tpl_deps {
	const char *tpl; /* "home" */
	const sg_theme_file **files;
	size_t count, cap;
	bool date; /* some tag names "build" */
} tpl_deps;

typedef struct plan_page {
	sg_site_page pub;
	page_type type;
	int rank; /* which of two pages with one path stays: the lower */
	const tpl_deps *tpl;
	const sg_doc *doc; /* P_DOC: NULL when it could not be loaded */
	const sg_doc *const *docs; /* P_DOC: its list, and where it is in it */
	size_t n, i; /* P_LIST, P_TAG, P_STAGE: i is the page of the list, from 0 */
	bool cases;  /* P_LIST */
	size_t index; /* P_TAG, P_STATIC, P_STAGE (x.stages); P_SEARCH_PART: its file */
	const sg_customer *cu; /* P_ACCOUNT: NULL when it could not be loaded */
	const char *rel;  /* P_DOC, P_ACCOUNT, P_IMAGE: the file in the content folder */
	const char *file; /* P_IMAGE: on disk */
	/* P_DOC: its neighbours; P_STAGE: its rows' ids
	 * (sg_site_pipeline_page_digest) */
	const char *nav;
	size_t nav_len;
} plan_page;

struct sg_site_plan {
	sg_site_opts o;
	sg_theme *theme;
	bool theme_ok;
	sg_site_ctx x; /* what renders copy; x.a is the plan's arena */
	plan_page *pages;
	size_t count, cap;
	tpl_deps **tpls; /* pages point at them: each allocated on its own */
	size_t tpl_count;
	const sg_theme_file **strings; /* the theme's strings files */
	size_t strings_count;
	char **catalog; /* catalog.xml and products/NAME.xml, as they exist */
	size_t catalog_count;
	bool site_xml;
	sg_buf docs;            /* the value "site:docs" */
	const char *today;      /* the value "site:today" */
	const char *options;    /* the value "site:options" */
	const char *pipeline;   /* the value "site:pipeline" */
	const char *home;       /* the value "site:home" */
	size_t term_shards, chunks; /* the search index's files */
	sg_search_index *search;    /* sg_site_search_prepare's, or NULL */
	const char *search_digest;  /* the value "site:search" */
	const char **chunk_digests; /* "site:search:dN" of each page list */
};

/* ---------------------------------------------------------------- templates */

static void S_add_file(tpl_deps *t, const sg_theme_file *f)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->files[i] == f)
			return;
	if (t->count == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->files = sg_xrealloc(t->files, t->cap * sizeof *t->files);
	}
	t->files[t->count++] = f;
}

static const char *S_find2(const char *s, const char *end, char a, char b)
{
	for (; s + 1 < end; s++)
		if (s[0] == a && s[1] == b)
			return s;
	return NULL;
}

/* Adds f and the partials it names, and notes whether a tag names "build".
 * A template that changes its delimiters cannot be read this simply: then
 * every partial and the date, to be safe. */
static void S_scan(const sg_theme *th, tpl_deps *t, const sg_theme_file *f, int depth)
{
	size_t before = t->count;
	S_add_file(t, f);
	if (t->count == before || depth > 16)
		return; /* seen already */
	const char *s = f->data, *end = f->data + f->len;
	while ((s = S_find2(s, end, '{', '{')) != NULL) {
		const char *e = S_find2(s + 2, end, '}', '}');
		if (!e)
			break;
		const char *p = s + 2;
		while (p < e && (*p == ' ' || *p == '{'))
			p++;
		for (const char *q = p; q + 5 <= e; q++)
			if (memcmp(q, "build", 5) == 0)
				t->date = true;
		if (p < e && *p == '=') {
			t->date = true;
			for (size_t i = 0; i < sg_theme_source_count(th); i++) {
				const sg_theme_file *g = sg_theme_source_at(th, i);
				if (strncmp(g->name, "partials/", 9) == 0)
					S_add_file(t, g);
			}
		} else if (p < e && *p == '>') {
			p++;
			while (p < e && *p == ' ')
				p++;
			const char *q = e;
			while (q > p && q[-1] == ' ')
				q--;
			char *name = sg_xasprintf("partials/%.*s.html", (int)(q - p), p);
			const sg_theme_file *g = sg_theme_source(th, name);
			free(name);
			if (g)
				S_scan(th, t, g, depth + 1);
		}
		s = e + 2;
	}
}

static const tpl_deps *S_tpl(sg_site_plan *p, const char *tpl)
{
	for (size_t i = 0; i < p->tpl_count; i++)
		if (strcmp(p->tpls[i]->tpl, tpl) == 0)
			return p->tpls[i];
	p->tpls = sg_xrealloc(p->tpls, (p->tpl_count + 1) * sizeof *p->tpls);
	tpl_deps *t = p->tpls[p->tpl_count++] = sg_xcalloc(1, sizeof *t);
	t->tpl = tpl;
	const sg_theme_file *f = sg_theme_source(p->theme, "layout.html");
	if (f)
		S_scan(p->theme, t, f, 0);
	char *name = sg_xasprintf("pages/%s.html", tpl);
	f = sg_theme_source(p->theme, name);
	free(name);
	if (f)
		S_scan(p->theme, t, f, 0);
	for (size_t i = 0; i < p->strings_count; i++)
		S_add_file(t, p->strings[i]);
	return t;
}

/* ---------------------------------------------------------------- pages */

static plan_page *S_page(sg_site_plan *p, page_type type, const char *kind, const char *path,
			 const char *tpl)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->pages = sg_xrealloc(p->pages, p->cap * sizeof *p->pages);
	}
	plan_page *pg = &p->pages[p->count++];
	memset(pg, 0, sizeof *pg);
	pg->type = type;
	pg->pub.kind = kind;
	pg->pub.path = sg_arena_strdup(&p->x.a, path);
	pg->tpl = tpl ? S_tpl(p, tpl) : NULL;
	return pg;
}

static int S_cmp_doc_key(const void *a, const void *b)
{
	const sg_doc *p = *(const sg_doc *const *)a, *q = *(const sg_doc *const *)b;
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return strcmp(p->slug, q->slug);
}

/* The value that tells a document page's neighbours. */
static void S_nav(sg_site_plan *p, plan_page *pg)
{
	sg_buf b;
	sg_buf_init(&b);
	if (pg->i > 0)
		sg_buf_printf(&b, "prev %s %s\n", pg->docs[pg->i - 1]->slug, pg->docs[pg->i - 1]->title);
	if (pg->i + 1 < pg->n)
		sg_buf_printf(&b, "next %s %s\n", pg->docs[pg->i + 1]->slug, pg->docs[pg->i + 1]->title);
	pg->nav = sg_arena_strndup(&p->x.a, b.data ? b.data : "", b.len);
	pg->nav_len = b.len;
	sg_buf_dispose(&b);
}

/* A page per Markdown file of folder (playbooks or cases), loaded or not. */
static void S_doc_pages(sg_site_plan *p, const char *folder, sg_doc_kind kind,
			const sg_doc **listed, size_t listed_count, sg_diags *d)
{
	const sg_content *c = p->x.c;
	const sg_doc **byslug = sg_xcalloc(c->doc_count + 1, sizeof *byslug);
	size_t nb = 0;
	for (size_t i = 0; i < c->doc_count; i++)
		if (c->docs[i]->kind == kind)
			byslug[nb++] = c->docs[i];
	qsort(byslug, nb, sizeof *byslug, S_cmp_doc_key);

	char *dir = sg_path_join(c->dir, folder);
	char **files;
	size_t n = sg_dir_list(dir, ".md", &files);
	for (size_t f = 0; f < n; f++) {
		char *stem = sg_path_stem(files[f]);
		sg_doc key = {.slug = stem, .kind = kind};
		const sg_doc *kp = &key;
		const sg_doc **hit = nb ? bsearch(&kp, byslug, nb, sizeof *byslug, S_cmp_doc_key) : NULL;
		const sg_doc *doc = hit ? *hit : NULL;
		const char *why;
		if (strcmp(stem, "index") == 0) {
			sg_warning(d, sg_pos_make(doc ? doc->path : files[f], 0, 0),
				   "a document named index.md would take the place of the list of "
				   "%s: it is left out of the site (rename it)",
				   folder);
		} else if (doc || sg_id_is_safe(stem, &why)) {
			char *path = sg_xasprintf("%s/%s.html", folder, stem);
			plan_page *pg = S_page(p, P_DOC, "page", path,
					       kind == SG_DOC_CASE ? "case" : "playbook");
			free(path);
			pg->doc = doc;
			pg->pub.doc = doc;
			pg->rel = sg_arena_printf(&p->x.a, "%s/%s.md", folder, stem);
			pg->pub.source = doc ? doc->path : sg_arena_strdup(&p->x.a, files[f]);
			if (doc) {
				/* Not listed (it has errors): a list of its own. */
				const sg_doc **one = sg_arena_alloc(&p->x.a, sizeof *one);
				one[0] = doc;
				pg->docs = one;
				pg->n = 1;
			}
			for (size_t k = 0; doc && k < listed_count; k++)
				if (listed[k] == doc) {
					pg->docs = listed;
					pg->n = listed_count;
					pg->i = k;
				}
			S_nav(p, pg);
		}
		free(stem);
	}
	sg_path_list_free(files, n);
	free(dir);
	free(byslug);
}

static void S_account_pages(sg_site_plan *p)
{
	const sg_content *c = p->x.c;
	char *dir = sg_path_join(c->dir, "customers");
	char **files;
	size_t n = sg_dir_list(dir, ".xml", &files);
	for (size_t f = 0; f < n; f++) {
		char *id = sg_path_stem(files[f]);
		const char *why;
		if (sg_id_is_safe(id, &why)) {
			char *path = sg_xasprintf("accounts/%s.html", id);
			plan_page *pg = S_page(p, P_ACCOUNT, "page", path, "account");
			free(path);
			pg->cu = sg_content_customer(c, id);
			pg->pub.group = sg_arena_strdup(&p->x.a, id);
			pg->pub.source = pg->cu ? pg->cu->path : sg_arena_strdup(&p->x.a, files[f]);
			pg->rel = sg_arena_printf(&p->x.a, "customers/%s.xml", id);
		}
		free(id);
	}
	sg_path_list_free(files, n);
	free(dir);
}

/* The theme's static files, then the content's images/ (logo, pictures in
 * playbooks), keeping their paths so relative links from Markdown work. */
static void S_files(sg_site_plan *p)
{
	for (size_t i = 0; i < sg_theme_file_count(p->theme); i++) {
		plan_page *pg = S_page(p, P_STATIC, "asset", sg_theme_file_at(p->theme, i)->name, NULL);
		pg->index = i;
		pg->rank = 2;
	}
	char *dir = sg_path_join(p->x.c->dir, "images");
	char **files;
	size_t n = sg_dir_list(dir, "", &files);
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(files[i], '/') + 1;
		char *rel = sg_path_join("images", base);
		plan_page *pg = S_page(p, P_IMAGE, "asset", rel, NULL);
		pg->rank = 1;
		pg->rel = pg->pub.path;
		pg->file = sg_arena_strdup(&p->x.a, files[i]);
		pg->pub.source = pg->file;
		free(rel);
	}
	sg_path_list_free(files, n);
	free(dir);
}

static int S_cmp_page(const void *a, const void *b)
{
	const plan_page *p = a, *q = b;
	int c = strcmp(p->pub.path, q->pub.path);
	return c ? c : p->rank - q->rank;
}

/* One page per path: a page salesgen makes wins over a content image, and
 * an image over a theme's static file of the same name. */
static void S_dedupe(sg_site_plan *p, sg_diags *d)
{
	qsort(p->pages, p->count, sizeof *p->pages, S_cmp_page);
	size_t k = 0;
	for (size_t i = 0; i < p->count; i++) {
		if (k && strcmp(p->pages[k - 1].pub.path, p->pages[i].pub.path) == 0) {
			const plan_page *lost = &p->pages[i];
			const char *from = lost->type == P_IMAGE
						   ? lost->file
						   : sg_arena_printf(&p->x.a, "%s/static/%s",
								     sg_theme_origin(p->theme),
								     lost->pub.path);
			sg_warning(d, sg_pos_make(from, 0, 0),
				   "left out of the site: salesgen makes site/%s itself", lost->pub.path);
			continue;
		}
		p->pages[k++] = p->pages[i];
	}
	p->count = k;
}

/* ---------------------------------------------------------------- values */

static void S_values(sg_site_plan *p)
{
	sg_site_ctx *x = &p->x;
	const sg_doc **groups[2] = {x->playbooks, x->cases};
	size_t counts[2] = {x->playbook_count, x->case_count};
	for (int g = 0; g < 2; g++)
		for (size_t i = 0; i < counts[g]; i++) {
			const sg_doc *doc = groups[g][i];
			sg_buf_printf(&p->docs, "%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s", g ? "case" : "playbook",
				      doc->slug, doc->order, doc->lang ? doc->lang : "",
				      doc->title ? doc->title : "", doc->summary ? doc->summary : "");
			for (size_t t = 0; t < doc->tag_count; t++)
				sg_buf_printf(&p->docs, "\x1f%s", doc->tags[t]);
			sg_buf_putc(&p->docs, '\n');
		}
	p->today = sg_date_is_set(x->today) ? sg_site_date(&x->a, x->today) : "none";
	p->pipeline = sg_site_pipeline_digest(&x->a, x);
	p->home = sg_site_home_digest(&x->a, x);
	/* The settings every page is rendered with: a change makes them
	 * all again. */
	p->options = p->o.allow_raw_html ? (p->o.no_remote_images ? "raw-html no-remote-images"
								 : "raw-html")
					 : (p->o.no_remote_images ? "no-remote-images" : "");

	const sg_content *c = x->c;
	char *f = sg_path_join(c->dir, "site.xml");
	p->site_xml = sg_file_exists(f);
	free(f);
	f = sg_path_join(c->dir, "catalog.xml");
	bool cat = sg_file_exists(f);
	free(f);
	char *dir = sg_path_join(c->dir, "products");
	char **files;
	size_t n = sg_dir_list(dir, ".xml", &files);
	p->catalog = sg_xcalloc(n + 1, sizeof *p->catalog);
	if (cat)
		p->catalog[p->catalog_count++] = sg_xstrdup("catalog.xml");
	for (size_t i = 0; i < n; i++)
		p->catalog[p->catalog_count++] = sg_path_join("products", strrchr(files[i], '/') + 1);
	sg_path_list_free(files, n);
	free(dir);
}

/* ---------------------------------------------------------------- plan */

static int S_cmp_customer(const void *a, const void *b)
{
	const sg_customer *p = *(const sg_customer *const *)a, *q = *(const sg_customer *const *)b;
	return strcmp(p->id, q->id);
}

/* The customers the site shows (those o->skip does not leave out), by id,
 * and the date "in N days" counts from: the build date when given, else
 * (for pages about several customers) the latest as-of date. */
static void S_customers(sg_site_ctx *x, const sg_content *c, const sg_site_opts *o)
{
	x->customers = sg_arena_alloc(&x->a, (c->customer_count + 1) * sizeof *x->customers);
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		if (o->skip && o->skip(cu->path, o->skip_ctx))
			continue;
		x->customers[x->customer_count++] = cu;
	}
	qsort(x->customers, x->customer_count, sizeof *x->customers, S_cmp_customer);
	x->today = o->today;
	if (!sg_date_is_set(x->today))
		for (size_t i = 0; i < x->customer_count; i++)
			if (sg_date_cmp(x->customers[i]->as_of, x->today) > 0)
				x->today = x->customers[i]->as_of;
}

/* The pages of the list of playbooks or of case studies. */
static void S_list_pages(sg_site_plan *p, const char *first, size_t n, bool cases)
{
	for (size_t k = 0; k < sg_site_list_pages(n); k++) {
		plan_page *pg = S_page(p, P_LIST, "page", sg_site_list_path(&p->x.a, first, k), "list");
		pg->cases = cases;
		pg->i = k;
	}
}

/* The pages of each stage's list in the pipeline. */
static void S_stage_pages(sg_site_plan *p)
{
	sg_site_ctx *x = &p->x;
	for (size_t l = 0; l < x->stage_list_count; l++)
		for (size_t k = 0; k < sg_site_list_pages(x->stages[l].count); k++) {
			const char *path = sg_site_list_path(&x->a, x->stages[l].first, k);
			plan_page *pg = S_page(p, P_STAGE, "page", path, "stage");
			pg->index = l;
			pg->i = k;
			pg->nav = sg_site_pipeline_page_digest(&x->a, x, l, k);
			pg->nav_len = strlen(pg->nav);
		}
}

/* Every page of the site, then the static files and images, one per path
 * (S_dedupe). */
static void S_pages(sg_site_plan *p, sg_diags *d)
{
	sg_site_ctx *x = &p->x;
	S_doc_pages(p, "playbooks", SG_DOC_PLAYBOOK, x->playbooks, x->playbook_count, d);
	S_doc_pages(p, "cases", SG_DOC_CASE, x->cases, x->case_count, d);
	S_list_pages(p, "playbooks/index.html", x->playbook_count, false);
	S_list_pages(p, "cases/index.html", x->case_count, true);
	S_page(p, P_TAGS, "page", "tags/index.html", "tags");
	for (size_t i = 0; i < x->tag_count; i++) {
		const char *first = sg_arena_printf(&x->a, "tags/%s.html", x->tags[i].slug);
		for (size_t k = 0; k < sg_site_list_pages(x->tags[i].count); k++) {
			plan_page *pg = S_page(p, P_TAG, "page",
					       sg_site_list_path(&x->a, first, k), "tag");
			pg->index = i;
			pg->i = k;
		}
	}
	S_account_pages(p);
	S_page(p, P_PIPELINE, "page", "pipeline.html", "pipeline");
	S_stage_pages(p);
	S_page(p, P_PRICES, "page", "prices.html", "prices");
	S_page(p, P_HOME, "page", "index.html", "home");
	S_page(p, P_SEARCH, "asset", "search-index.js", NULL)->pub.search = true;
	sg_site_search_files(x, &p->term_shards, &p->chunks);
	p->search_digest = sg_site_search_digest(&x->a, x, p->chunks, &p->chunk_digests);
	for (size_t i = 0; i < p->term_shards + p->chunks; i++) {
		char *path = i < p->term_shards
				     ? sg_xasprintf("search/t%zu.js", i)
				     : sg_xasprintf("search/d%zu.js", i - p->term_shards);
		plan_page *pg = S_page(p, P_SEARCH_PART, "asset", path, NULL);
		pg->index = 1 + i;
		pg->pub.search = true;
		free(path);
	}
	S_files(p);
	S_dedupe(p, d);
}

int sg_site_plan_new(sg_site_plan **out, const sg_content *c, const sg_site_opts *o, sg_diags *d)
{
	*out = NULL;
	sg_theme *theme;
	int rc = sg_theme_load_files(&theme, o->theme_dir, d);
	if (!theme)
		return -1;
	sg_site_plan *p = sg_xcalloc(1, sizeof *p);
	p->o = *o;
	p->theme = theme;
	p->theme_ok = rc == 0;
	sg_buf_init(&p->docs);
	sg_site_ctx *x = &p->x;
	x->c = c;
	x->o = &p->o;
	x->theme = theme;
	sg_arena_init(&x->a);
	x->lang = c->site && c->site->lang ? c->site->lang : "zh-CN";
	for (size_t i = 0; i < sg_theme_source_count(theme); i++) {
		const sg_theme_file *f = sg_theme_source_at(theme, i);
		if (strncmp(f->name, "strings/", 8) == 0) {
			p->strings = sg_xrealloc(p->strings, (p->strings_count + 1) * sizeof *p->strings);
			p->strings[p->strings_count++] = f;
		}
	}
	S_customers(x, c, o);
	sg_site_pipeline_plan(x);
	sg_site_recent_plan(x);
	sg_site_docs_plan(x);
	S_values(p);
	S_pages(p, d);
	*out = p;
	return p->theme_ok ? 0 : -1;
}

void sg_site_plan_free(sg_site_plan *p)
{
	if (!p)
		return;
	sg_site_docs_dispose(&p->x);
	sg_search_index_free(p->search);
	for (size_t i = 0; i < p->tpl_count; i++) {
		free(p->tpls[i]->files);
		free(p->tpls[i]);
	}
	free(p->tpls);
	free(p->pages);
	free(p->strings);
	for (size_t i = 0; i < p->catalog_count; i++)
		free(p->catalog[i]);
	free(p->catalog);
	sg_buf_dispose(&p->docs);
	sg_theme_free(p->theme);
	sg_arena_dispose(&p->x.a);
	free(p);
}

const char *sg_site_plan_theme_origin(const sg_site_plan *p)
{
	return sg_theme_origin(p->theme);
}

size_t sg_site_page_count(const sg_site_plan *p)
{
	return p->count;
}

const sg_site_page *sg_site_page_at(const sg_site_plan *p, size_t i)
{
	return i < p->count ? &p->pages[i].pub : NULL;
}

/* ---------------------------------------------------------------- deps */

typedef struct dep_out {
	sg_site_dep_fn fn;
	void *ctx;
} dep_out;

static void S_content(const dep_out *o, const char *rel)
{
	sg_site_dep d = {SG_SITE_DEP_CONTENT, rel, NULL, 0};
	o->fn(o->ctx, &d);
}

static void S_value(const dep_out *o, const char *name, const void *data, size_t len)
{
	sg_site_dep d = {SG_SITE_DEP_VALUE, name, data, len};
	o->fn(o->ctx, &d);
}

static void S_theme_value(const dep_out *o, const sg_theme_file *f)
{
	char *name = sg_xasprintf("theme:%s", f->name);
	S_value(o, name, f->data, f->len);
	free(name);
}

static void S_date(const dep_out *o)
{
	sg_site_dep d = {SG_SITE_DEP_BUILD_DATE, ":build-date", NULL, 0};
	o->fn(o->ctx, &d);
}

static void S_catalog(const sg_site_plan *p, const dep_out *o)
{
	for (size_t i = 0; i < p->catalog_count; i++)
		S_content(o, p->catalog[i]);
}

/* The files of the customers from..to (at most) of a stage's list. */
static void S_stage_rows(const sg_site_stage_list *l, size_t from, size_t to, const dep_out *o)
{
	for (size_t k = from; k < l->count && k < to; k++) {
		char *rel = sg_xasprintf("customers/%s.xml", l->customers[k]->id);
		S_content(o, rel);
		free(rel);
	}
}

/* What a page reads by its kind, beyond what every page reads. */
static void S_type_deps(const sg_site_plan *p, const plan_page *pg, dep_out *o)
{
	const char *docs = p->docs.data ? p->docs.data : "";
	switch (pg->type) {
	case P_DOC: {
		S_content(o, pg->rel);
		char *name = sg_xasprintf("site:nav:%s", pg->pub.path);
		S_value(o, name, pg->nav, pg->nav_len);
		free(name);
		break;
	}
	case P_LIST:
	case P_TAGS:
	case P_TAG:
		S_value(o, "site:docs", docs, p->docs.len);
		break;
	case P_ACCOUNT:
		S_content(o, pg->rel);
		S_catalog(p, o);
		S_date(o);
		if (pg->cu && !sg_date_is_set(p->o.today) && !sg_date_is_set(pg->cu->as_of))
			S_value(o, "site:today", p->today, strlen(p->today));
		break;
	case P_HOME:
		/* What it shows, not every customer: an edit of a customer it
		 * does not show leaves it as it was. */
		S_value(o, "site:docs", docs, p->docs.len);
		S_value(o, "site:home", p->home, strlen(p->home));
		S_catalog(p, o);
		S_date(o);
		S_value(o, "site:today", p->today, strlen(p->today));
		break;
	case P_PIPELINE:
		/* The figures, not the customers: an edit that leaves them as
		 * they were leaves the summary too; unless the pipeline is small
		 * enough that the summary shows them. */
		S_value(o, "site:pipeline", p->pipeline, strlen(p->pipeline));
		S_catalog(p, o);
		if (sg_site_pipeline_inline(&p->x)) {
			for (size_t l = 0; l < p->x.stage_list_count; l++)
				S_stage_rows(&p->x.stages[l], 0, p->x.stages[l].count, o);
			S_date(o);
			S_value(o, "site:today", p->today, strlen(p->today));
		}
		break;
	case P_STAGE: {
		S_stage_rows(&p->x.stages[pg->index], pg->i * SG_SITE_LIST_PAGE,
			     (pg->i + 1) * SG_SITE_LIST_PAGE, o);
		char *name = sg_xasprintf("site:pipeline:%s", pg->pub.path);
		S_value(o, name, pg->nav, pg->nav_len);
		free(name);
		S_catalog(p, o);
		S_date(o);
		S_value(o, "site:today", p->today, strlen(p->today));
		break;
	}
	case P_PRICES:
		S_catalog(p, o);
		break;
	case P_SEARCH:
		S_value(o, "site:docs", docs, p->docs.len);
		/* fall through */
	case P_SEARCH_PART:
		/* The index reads every page, but its files list them as one
		 * value: thousands of shards with every content file each would
		 * make the build's records quadratic, and the manifest with them
		 * would make the whole index again (S_on_search) after an edit
		 * that changes nothing it holds. */
		for (size_t k = 0; k < p->strings_count; k++)
			S_theme_value(o, p->strings[k]);
		if (pg->type == P_SEARCH_PART && pg->index > p->term_shards) {
			/* A page list: its own pages'. */
			size_t c = pg->index - 1 - p->term_shards;
			char *name = sg_xasprintf("site:search:d%zu", c);
			S_value(o, name, p->chunk_digests[c], strlen(p->chunk_digests[c]));
			free(name);
		} else {
			S_value(o, "site:search", p->search_digest, strlen(p->search_digest));
		}
		S_catalog(p, o);
		break;
	default:
		break;
	}
}

void sg_site_page_deps(const sg_site_plan *p, size_t i, sg_site_dep_fn fn, void *ctx)
{
	const plan_page *pg = &p->pages[i];
	dep_out o = {fn, ctx};
	if (pg->type == P_STATIC) {
		char *name = sg_xasprintf("theme:static/%s", pg->pub.path);
		const sg_theme_file *f = sg_theme_file_at(p->theme, pg->index);
		S_value(&o, name, f->data, f->len);
		free(name);
		return;
	}
	if (pg->type == P_IMAGE) {
		S_content(&o, pg->rel);
		return;
	}
	if (p->site_xml)
		S_content(&o, "site.xml");
	S_value(&o, "site:options", p->options, strlen(p->options));
	if (pg->tpl) {
		for (size_t k = 0; k < pg->tpl->count; k++)
			S_theme_value(&o, pg->tpl->files[k]);
		if (pg->tpl->date)
			S_date(&o);
	}
	S_type_deps(p, pg, &o);
}

/* ---------------------------------------------------------------- render */

/* Builds the search index of the plan's pages into a fresh sg_site_ctx. */
static sg_search_index *S_search_build(const sg_site_plan *p, sg_diags *d)
{
	sg_site_ctx x = p->x;
	sg_arena_init(&x.a);
	x.d = d;
	x.out = NULL;
	x.failed = false;
	sg_search_index *ix = sg_site_search_build(&x, p->term_shards, p->chunks);
	sg_arena_dispose(&x.a);
	return ix;
}

void sg_site_search_prepare(sg_site_plan *p)
{
	if (!p->search) {
		sg_diags d;
		sg_diags_init(&d);
		p->search = S_search_build(p, &d);
		sg_diags_dispose(&d);
	}
}

/* A file of the search index: from the index sg_site_search_prepare made,
 * else from one made for this file alone (tests, sg_site_write_all). */
static int S_search_render(const sg_site_plan *p, const plan_page *pg, sg_buf *out, sg_diags *d)
{
	sg_search_index *own = p->search ? NULL : S_search_build(p, d);
	const sg_search_index *ix = p->search ? p->search : own;
	const sg_buf *b = sg_search_index_file(ix, pg->type == P_SEARCH ? 0 : pg->index);
	if (b && b->len)
		sg_buf_put(out, b->data, b->len);
	sg_search_index_free(own);
	return sg_diags_errors(d) ? -1 : 0;
}

int sg_site_page_render(const sg_site_plan *p, size_t i, sg_buf *out, sg_diags *d)
{
	const plan_page *pg = &p->pages[i];
	if (pg->type == P_STATIC) {
		const sg_theme_file *f = sg_theme_file_at(p->theme, pg->index);
		sg_buf_put(out, f->data, f->len);
		return 0;
	}
	if (pg->type == P_IMAGE)
		return sg_confine_read(p->x.c->dir, SG_CONFINE_CONTENT, pg->file, SG_FILE_CAP_DEFAULT,
				       out, d) == 0
			       ? 0
			       : -1;
	if (pg->type == P_SEARCH || pg->type == P_SEARCH_PART)
		return S_search_render(p, pg, out, d);
	sg_site_ctx x = p->x;
	sg_arena_init(&x.a);
	x.d = d;
	x.out = out;
	x.failed = false;
	size_t start = out->len;
	switch (pg->type) {
	case P_DOC:
		if (pg->doc)
			sg_site_doc_page(&x, pg->docs, pg->n, pg->i);
		else
			sg_error(d, sg_pos_make(pg->pub.source, 0, 0), "the document could not be loaded");
		break;
	case P_LIST: sg_site_list_page(&x, pg->cases, pg->i); break;
	case P_TAGS: sg_site_tags_page(&x); break;
	case P_TAG: sg_site_tag_page(&x, pg->index, pg->i); break;
	case P_ACCOUNT:
		if (pg->cu)
			sg_site_account_page(&x, pg->cu);
		else
			sg_error(d, sg_pos_make(pg->pub.source, 0, 0), "the customer could not be loaded");
		break;
	case P_PIPELINE: sg_site_pipeline(&x); break;
	case P_STAGE: sg_site_pipeline_list(&x, pg->index, pg->i); break;
	case P_PRICES: sg_site_prices(&x); break;
	case P_HOME: sg_site_home(&x); break;
	default: break;
	}
	/* Spaces between Chinese and other text, as the PDFs have them, from
	 * whichever source they came (cjk_gaps.h); the page's <html lang>
	 * says whether it is Chinese. */
	if (strcmp(pg->pub.kind, "page") == 0)
		sg_html_cjk_gaps(out, start, false);
	sg_arena_dispose(&x.a);
	return x.failed || sg_diags_errors(d) ? -1 : 0;
}

int sg_site_write_all(const sg_site_plan *p, const char *dir, sg_diags *d)
{
	int rc = 0;
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < p->count; i++) {
		sg_diags pd;
		sg_diags_init(&pd);
		pd.warnings_are_errors = d->warnings_are_errors;
		sg_buf_clear(&b);
		int r = sg_site_page_render(p, i, &b, &pd);
		sg_diags_take(d, &pd);
		sg_diags_dispose(&pd);
		if (r != 0) {
			rc = -1;
			continue;
		}
		char *full = sg_path_join(dir, p->pages[i].pub.path);
		if (sg_file_write_atomic(full, b.data, b.len) != 0) {
			sg_error(d, sg_pos_make(p->pages[i].pub.path, 0, 0), "cannot write %s", full);
			rc = -1;
		}
		free(full);
	}
	sg_buf_dispose(&b);
	return rc;
}
