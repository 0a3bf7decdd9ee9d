/*
 * site_docs.c - the Markdown pages of the site: playbooks (with table of
 * contents, breadcrumbs, previous/next), case studies, and the tag pages.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/url.h"
#include "load/doctree.h"
#include "load/mdparse.h"
#include "model/doc.h"
#include "render/html/markdown_html.h"
#include "render/html/site_int.h"

/* ---------------------------------------------------------------- Markdown */

/* Content links point at content files; the site mirrors the content's
 * folders, so "x.md" becomes "x.html" and "../customers/ID.xml" the account
 * page. Anything with a scheme is left to the URL filter. */
static const char *S_rewrite(void *ctx, const char *url, sg_arena *a)
{
	(void)ctx;
	for (const char *p = url; *p && *p != '/' && *p != '#' && *p != '?'; p++)
		if (*p == ':')
			return url;
	size_t n = strcspn(url, "#?");
	const char *rest = url + n;
	if (n > 3 && strncmp(url + n - 3, ".md", 3) == 0)
		return sg_arena_printf(a, "%.*s.html%s", (int)(n - 3), url, rest);
	const char *cust = "../customers/";
	size_t cl = strlen(cust);
	if (n > cl + 4 && strncmp(url, cust, cl) == 0 && strncmp(url + n - 4, ".xml", 4) == 0)
		return sg_arena_printf(a, "../accounts/%.*s.html%s", (int)(n - cl - 4), url + cl,
				       rest);
	return url;
}

/* The path an image URL names, for the file system: without its query and
 * fragment, %XX decoded and '\\' read as '/', as a browser takes it. NULL for
 * a URL the site does not look up in the content folder: one with a scheme
 * or a host ("//host/x"), both left to the URL filter, or none. Heap. */
static char *S_image_path(const char *url)
{
	size_t n = strcspn(url, "?#");
	bool slash0 = n > 0 && (url[0] == '/' || url[0] == '\\');
	bool slash1 = n > 1 && (url[1] == '/' || url[1] == '\\');
	if (n == 0 || (slash0 && slash1))
		return NULL;
	for (const char *p = url; p < url + n && *p != '/'; p++)
		if (*p == ':')
			return NULL;
	char *out = sg_xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int byte = sg_url_percent(url, n, i);
		if (byte >= 0) {
			*o++ = (char)byte;
			i += 2;
		} else {
			*o++ = url[i] == '\\' ? '/' : url[i];
		}
	}
	*o = '\0';
	return out;
}

/* Every image of root whose URL leads outside the content folder is an error
 * that fails the page. Images that are not there are left to the browser: the
 * site never reads them (only images/ is copied, and read when copied). */
static void S_check_images(sg_site_ctx *x, const sg_mdnode *root, const char *path)
{
	if (!path)
		return;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? sg_xstrndup(path, (size_t)(slash - path)) : sg_xstrdup(".");
	sg_mditer it;
	sg_mditer_init(&it, root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		if (ev != SG_MD_ENTER || sg_mdnode_kind(n) != SG_MD_IMAGE)
			continue;
		const char *url = sg_mdnode_url(n);
		char *rel = url ? S_image_path(url) : NULL;
		if (!rel)
			continue;
		/* A path from the root of the disk is outside, whatever it names:
		 * the site is read from disk, where it would show a file of the
		 * reader's. */
		bool outside = rel[0] == '/';
		char *link = NULL;
		if (!outside) {
			char *file = sg_path_join(dir, rel);
			int fd = sg_confine_open(x->c->dir, file, &link);
			outside = fd < 0 && errno == EXDEV;
			if (fd >= 0)
				close(fd);
			free(file);
		}
		if (outside) {
			char *what = sg_arena_printf(&x->a, "image '%s'", url);
			sg_confine_error(x->d, sg_pos_make(path, sg_mdnode_line(n), 0), what,
					 SG_CONFINE_CONTENT, link);
			x->failed = true;
		}
		free(link);
		free(rel);
	}
	free(dir);
}

const char *sg_site_markdown(sg_site_ctx *x, const char *path, const char *body, size_t len,
			     int first_line, const char *drop_title, int heading_shift,
			     const char *id_prefix, sg_value **toc, const char **text)
{
	sg_mdtree *t = sg_mdparse(body, len, first_line);
	const char *html = sg_site_markdown_tree(x, path, t->root, drop_title, heading_shift,
						 id_prefix, toc, text);
	sg_mdtree_free(t);
	return html;
}

/* The document's first heading when it is an h1 saying drop_title (which
 * the page template shows as the page's h1), or NULL. */
static const sg_mdnode *S_title_heading(const sg_mdnode *root, const char *drop_title)
{
	const sg_mdnode *first = sg_mdnode_first_child(root), *dropped = NULL;
	if (!drop_title || !first || sg_mdnode_kind(first) != SG_MD_HEADING ||
	    sg_mdnode_heading_level(first) != 1)
		return NULL;
	sg_buf t;
	sg_buf_init(&t);
	sg_mdnode_text_buf(first, &t);
	while (t.len && (t.data[t.len - 1] == ' ' || t.data[t.len - 1] == '\n'))
		sg_buf_truncate(&t, t.len - 1);
	if (strcmp(t.data, drop_title) == 0)
		dropped = first;
	sg_buf_dispose(&t);
	return dropped;
}

/* The table of contents for the page template: one map per heading. */
static sg_value *S_toc(sg_site_ctx *x, const sg_html_toc_entry *entries, size_t count)
{
	sg_value *toc = sg_value_list(&x->a);
	for (size_t i = 0; i < count; i++) {
		sg_value *e = sg_value_map(&x->a);
		sg_site_set_int(x, e, "level", entries[i].level);
		sg_site_set_str(x, e, "id", entries[i].id);
		sg_site_set_str(x, e, "text", entries[i].text);
		sg_site_set_bool(x, e, "sub", entries[i].level > 2);
		sg_list_push(toc, e);
	}
	return toc;
}

/* The plain text of the document without the dropped title, block by
 * block as for the whole. In x's arena. */
static const char *S_plain_text(sg_site_ctx *x, const sg_mdnode *root, const sg_mdnode *dropped)
{
	sg_buf t;
	sg_buf_init(&t);
	for (const sg_mdnode *n = sg_mdnode_first_child(root); n; n = sg_mdnode_next(n)) {
		if (n == dropped)
			continue;
		if (t.len && t.data[t.len - 1] != '\n')
			sg_buf_putc(&t, '\n');
		sg_mdnode_text_buf(n, &t);
	}
	const char *text = sg_arena_strdup(&x->a, t.data);
	sg_buf_dispose(&t);
	return text;
}

const char *sg_site_markdown_tree(sg_site_ctx *x, const char *path, const sg_mdnode *root,
				  const char *drop_title, int heading_shift, const char *id_prefix,
				  sg_value **toc, const char **text)
{
	S_check_images(x, root, path);
	/* The page template shows the title as the page's h1: the heading is
	 * left out (the tree is shared: it stays). */
	const sg_mdnode *dropped = S_title_heading(root, drop_title);
	/* A page has one h1 (its title): any h1 left in the body moves down. */
	if (heading_shift == 0) {
		for (const sg_mdnode *n = sg_mdnode_first_child(root); n; n = sg_mdnode_next(n))
			if (n != dropped && sg_mdnode_kind(n) == SG_MD_HEADING &&
			    sg_mdnode_heading_level(n) == 1)
				heading_shift = 1;
	}
	sg_html_opts opts = {
		.allow_raw_html = x->o->allow_raw_html,
		.no_remote_images = x->o->no_remote_images,
		.id_prefix = id_prefix,
		.heading_shift = heading_shift,
		.rewrite_link = S_rewrite,
		.ctx = x,
		.skip = dropped,
	};
	sg_buf out;
	sg_buf_init(&out);
	sg_html_toc_entry *entries = NULL;
	size_t count = 0;
	sg_html_markdown(&out, root, &opts, &x->a, &entries, &count);
	if (toc)
		*toc = S_toc(x, entries, count);
	if (text)
		*text = S_plain_text(x, root, dropped);
	const char *html = sg_arena_strdup(&x->a, out.data);
	sg_buf_dispose(&out);
	return html;
}

/* ---------------------------------------------------------------- helpers */

static int S_cmp_order(const void *a, const void *b)
{
	const sg_doc *p = *(const sg_doc *const *)a, *q = *(const sg_doc *const *)b;
	if (p->order != q->order)
		return p->order < q->order ? -1 : 1;
	return strcmp(p->path, q->path);
}

const char *sg_site_doc_path(sg_arena *a, const sg_doc *doc)
{
	return sg_arena_printf(a, "%s/%s.html", doc->kind == SG_DOC_CASE ? "cases" : "playbooks",
			       doc->slug);
}

static const char *S_doc_path(sg_site_ctx *x, const sg_doc *doc)
{
	return sg_site_doc_path(&x->a, doc);
}

/* The tag of slug name, made when new: its name (and so its language) is
 * that of the first document that has it. */
static sg_site_tag *S_tag(sg_site_ctx *x, const char *name, const char *lang, size_t *cap)
{
	const char *slug = sg_site_tag_slug(&x->a, name);
	for (size_t i = 0; i < x->tag_count; i++)
		if (strcmp(x->tags[i].slug, slug) == 0)
			return &x->tags[i];
	if (x->tag_count == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		x->tags = sg_xrealloc(x->tags, *cap * sizeof *x->tags);
	}
	sg_site_tag *t = &x->tags[x->tag_count++];
	memset(t, 0, sizeof *t);
	t->name = name;
	t->lang = lang;
	t->slug = slug;
	return t;
}

static int S_cmp_tag(const void *a, const void *b)
{
	return strcmp(((const sg_site_tag *)a)->slug, ((const sg_site_tag *)b)->slug);
}

/* {name, lang, href} for every tag of doc, linked from the page at from.
 * The lang of every item a page lists is the language of its text, so that
 * a theme can mark an English title on a Chinese page (<a lang="en">). */
static sg_value *S_tags(sg_site_ctx *x, const sg_doc *doc, const char *from)
{
	sg_value *list = sg_value_list(&x->a);
	for (size_t i = 0; i < doc->tag_count; i++) {
		sg_value *t = sg_value_map(&x->a);
		sg_site_set_str(x, t, "name", doc->tags[i]);
		sg_site_set_str(x, t, "lang", doc->lang);
		const char *slug = sg_site_tag_slug(&x->a, doc->tags[i]);
		sg_site_set_str(x, t, "href",
				sg_site_href(x, from,
					     sg_site_path_url(&x->a, sg_arena_printf(&x->a, "tags/%s.html",
										     slug))));
		sg_list_push(list, t);
	}
	return list;
}

/* A card for lists: title, href, summary, tags, lang. */
static sg_value *S_card(sg_site_ctx *x, const sg_doc *doc, const char *from)
{
	sg_value *v = sg_value_map(&x->a);
	sg_site_set_str(x, v, "title", doc->title);
	sg_site_set_str(x, v, "href", sg_site_href(x, from, S_doc_path(x, doc)));
	sg_site_set_str(x, v, "summary", doc->summary);
	sg_site_set_str(x, v, "lang", doc->lang);
	sg_site_set_str(x, v, "kind",
			sg_site_str(x, x->lang, doc->kind == SG_DOC_CASE ? "kind.case" : "kind.playbook"));
	sg_map_set(&x->a, v, "tags", S_tags(x, doc, from));
	sg_site_set_bool(x, v, "has_tags", doc->tag_count > 0);
	return v;
}

static sg_value *S_crumb(sg_site_ctx *x, sg_value *list, const char *label, const char *href)
{
	sg_value *c = sg_value_map(&x->a);
	sg_site_set_str(x, c, "label", label);
	sg_site_set_str(x, c, "href", href);
	sg_list_push(list, c);
	return c;
}

/* Case-study facts from the front matter, as label/value rows. */
static sg_value *S_case_facts(sg_site_ctx *x, const sg_doc *doc)
{
	static const char *const keys[] = {"industry", "users", "previous_system", "cycle", "price",
					   "problems"};
	sg_value *rows = sg_value_list(&x->a);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const sg_value *v = sg_map_get(doc->front, keys[i]);
		if (!v || v->kind == SG_VAL_NULL || v->kind == SG_VAL_MAP)
			continue;
		sg_buf b;
		sg_buf_init(&b);
		if (v->kind == SG_VAL_LIST) {
			for (const sg_value *it = v->u.items.first; it; it = it->next) {
				if (b.len)
					sg_buf_puts(&b, sg_site_str(x, doc->lang, "list_sep"));
				sg_value_to_text(it, &b);
			}
		} else if (strcmp(keys[i], "industry") == 0 && v->kind == SG_VAL_STR) {
			char key[96];
			snprintf(key, sizeof key, "industry.%s", v->u.str.s);
			const char *label = sg_site_str(x, doc->lang, key);
			sg_buf_puts(&b, strcmp(label, key) == 0 ? v->u.str.s : label);
		} else {
			sg_value_to_text(v, &b);
		}
		if (b.len) {
			char key[96];
			snprintf(key, sizeof key, "case.%s", keys[i]);
			sg_value *row = sg_value_map(&x->a);
			sg_site_set_str(x, row, "label", sg_site_str(x, doc->lang, key));
			sg_site_set_str(x, row, "value", b.data);
			sg_list_push(rows, row);
		}
		sg_buf_dispose(&b);
	}
	return rows;
}

/* The front matter's text of key, or NULL (a list or map is no text). */
static const char *S_front_text(sg_site_ctx *x, const sg_doc *doc, const char *key)
{
	const sg_value *v = sg_map_get(doc->front, key);
	if (!v || v->kind == SG_VAL_NULL || v->kind == SG_VAL_LIST || v->kind == SG_VAL_MAP)
		return NULL;
	sg_buf b;
	sg_buf_init(&b);
	sg_value_to_text(v, &b);
	const char *s = b.len ? sg_arena_strdup(&x->a, b.data) : NULL;
	sg_buf_dispose(&b);
	return s;
}

/* ---------------------------------------------------------------- pages */

void sg_site_doc_page(sg_site_ctx *x, const sg_doc *const *docs, size_t n, size_t i)
{
	const sg_doc *doc = docs[i];
	bool is_case = doc->kind == SG_DOC_CASE;
	const char *path = S_doc_path(x, doc);
	sg_value *data = sg_site_base(x, doc->lang, path, is_case ? "case" : "playbook", doc->title);
	sg_value *v = sg_map_set(&x->a, data, "doc", sg_value_map(&x->a));
	sg_site_set_str(x, v, "title", doc->title);
	sg_site_set_str(x, v, "summary", doc->summary);
	sg_map_set(&x->a, v, "tags", S_tags(x, doc, path));
	sg_site_set_bool(x, v, "has_tags", doc->tag_count > 0);
	/* Who wrote it, when, which version: what its PDF's cover shows. */
	sg_site_set_str(x, v, "author", S_front_text(x, doc, "author"));
	sg_site_set_str(x, v, "date", S_front_text(x, doc, "date"));
	sg_site_set_str(x, v, "version", S_front_text(x, doc, "version"));

	sg_value *toc;
	/* The document's one tree, shared with its PDF. */
	const sg_mdtree *tree = sg_doc_tree(doc);
	const char *html = sg_site_markdown_tree(x, doc->path, tree->root, doc->title, 0, NULL,
						 &toc, NULL);
	sg_doc_tree_release(doc, tree);
	sg_site_set_html(x, v, "body", html);
	sg_map_set(&x->a, v, "toc", toc);
	sg_site_set_bool(x, v, "has_toc", toc->u.items.count >= 2);
	if (is_case)
		sg_map_set(&x->a, v, "facts", S_case_facts(x, doc));

	sg_value *crumbs = sg_map_set(&x->a, v, "breadcrumbs", sg_value_list(&x->a));
	S_crumb(x, crumbs, sg_site_str(x, doc->lang, "nav.home"), sg_site_href(x, path, "index.html"));
	S_crumb(x, crumbs, sg_site_str(x, doc->lang, is_case ? "nav.cases" : "nav.playbooks"),
		"index.html");

	if (i > 0) {
		sg_value *p = sg_map_set(&x->a, v, "prev", sg_value_map(&x->a));
		sg_site_set_str(x, p, "title", docs[i - 1]->title);
		sg_site_set_str(x, p, "lang", docs[i - 1]->lang);
		sg_site_set_str(x, p, "href", sg_site_href(x, path, S_doc_path(x, docs[i - 1])));
	}
	if (i + 1 < n) {
		sg_value *p = sg_map_set(&x->a, v, "next", sg_value_map(&x->a));
		sg_site_set_str(x, p, "title", docs[i + 1]->title);
		sg_site_set_str(x, p, "lang", docs[i + 1]->lang);
		sg_site_set_str(x, p, "href", sg_site_href(x, path, S_doc_path(x, docs[i + 1])));
	}

	sg_site_emit(x, is_case ? "case" : "playbook", path, data);
}

size_t sg_site_list_pages(size_t items)
{
	return items ? (items + SG_SITE_LIST_PAGE - 1) / SG_SITE_LIST_PAGE : 1;
}

/* "playbooks/index.html" -> "playbooks/page/3.html"; "tags/q4.html" ->
 * "tags/q4/page/3.html": a folder of its own, so no document or tag name
 * can be the same file. */
char *sg_site_list_path(sg_arena *a, const char *first, size_t k)
{
	if (k == 0)
		return sg_arena_strdup(a, first);
	const char *slash = strrchr(first, '/');
	const char *dot = strrchr(first, '.');
	if (!dot || dot < slash)
		dot = first + strlen(first);
	size_t dir = slash ? (size_t)(slash - first) : 0;
	if (strcmp(slash ? slash + 1 : first, "index.html") == 0)
		return sg_arena_printf(a, "%.*s/page/%zu.html", (int)dir, first, k + 1);
	return sg_arena_printf(a, "%.*s/page/%zu.html", (int)(dot - first), first, k + 1);
}

void sg_site_pagination(sg_site_ctx *x, sg_value *data, const char *first, size_t k,
			size_t pages)
{
	if (pages < 2)
		return;
	const char *path = sg_site_list_path(&x->a, first, k);
	sg_value *pg = sg_map_set(&x->a, data, "pagination", sg_value_map(&x->a));
	sg_site_set_int(x, pg, "page", (int64_t)k + 1);
	sg_site_set_int(x, pg, "of", (int64_t)pages);
	/* The first, the last and the two on either side of this one, with a
	 * gap where pages are left out: a thousand pages do not each link to
	 * every other. */
	sg_value *all = sg_map_set(&x->a, pg, "pages", sg_value_list(&x->a));
	size_t from = k > 2 ? k - 2 : 0, to = k + 2 < pages - 1 ? k + 2 : pages - 1;
	for (size_t j = 0; j < pages; j++) {
		if (j != 0 && j != pages - 1 && (j < from || j > to)) {
			if (j == 1 || j == to + 1) {
				sg_value *gap = sg_value_map(&x->a);
				sg_site_set_bool(x, gap, "gap", true);
				sg_list_push(all, gap);
			}
			j = j < from ? from - 1 : pages - 2;
			continue;
		}
		sg_value *v = sg_value_map(&x->a);
		sg_site_set_int(x, v, "n", (int64_t)j + 1);
		sg_site_set_str(x, v, "href",
				sg_site_href(x, path, sg_site_list_path(&x->a, first, j)));
		sg_site_set_bool(x, v, "current", j == k);
		sg_list_push(all, v);
	}
	if (k > 0)
		sg_site_set_str(x, pg, "prev",
				sg_site_href(x, path, sg_site_list_path(&x->a, first, k - 1)));
	if (k + 1 < pages)
		sg_site_set_str(x, pg, "next",
				sg_site_href(x, path, sg_site_list_path(&x->a, first, k + 1)));
}

/* Page k of the cards of docs[0..n): its cards and links to the other
 * pages. */
static void S_card_page(sg_site_ctx *x, sg_value *data, const sg_doc *const *docs, size_t n,
			const char *first, size_t k)
{
	const char *path = sg_site_list_path(&x->a, first, k);
	sg_value *list = sg_map_set(&x->a, data, "items", sg_value_list(&x->a));
	for (size_t i = k * SG_SITE_LIST_PAGE; i < n && i < (k + 1) * SG_SITE_LIST_PAGE; i++)
		sg_list_push(list, S_card(x, docs[i], path));
	sg_site_pagination(x, data, first, k, sg_site_list_pages(n));
}

const char *sg_site_paged_title(sg_site_ctx *x, const char *title, size_t k, size_t n)
{
	if (k == 0)
		return title;
	return sg_arena_printf(&x->a, "%s (%zu/%zu)", title, k + 1, sg_site_list_pages(n));
}

void sg_site_list_page(sg_site_ctx *x, bool cases, size_t k)
{
	const sg_doc **docs = cases ? x->cases : x->playbooks;
	size_t n = cases ? x->case_count : x->playbook_count;
	const char *first = cases ? "cases/index.html" : "playbooks/index.html";
	const char *path = sg_site_list_path(&x->a, first, k);
	const char *title = sg_site_paged_title(
		x, sg_site_str(x, x->lang, cases ? "nav.cases" : "nav.playbooks"), k, n);
	sg_value *data = sg_site_base(x, x->lang, path, cases ? "cases" : "playbooks", title);
	S_card_page(x, data, docs, n, first, k);
	sg_site_set_str(x, data, "intro",
			sg_site_str(x, x->lang, cases ? "intro.cases" : "intro.playbooks"));
	sg_site_emit(x, "list", path, data);
}

void sg_site_tags_page(sg_site_ctx *x)
{
	const char *index = "tags/index.html";
	sg_value *data = sg_site_base(x, x->lang, index, "tags", sg_site_str(x, x->lang, "nav.tags"));
	sg_value *all = sg_map_set(&x->a, data, "tags", sg_value_list(&x->a));
	for (size_t i = 0; i < x->tag_count; i++) {
		const sg_site_tag *t = &x->tags[i];
		sg_value *item = sg_value_map(&x->a);
		sg_site_set_str(x, item, "name", t->name);
		sg_site_set_str(x, item, "lang", t->lang);
		sg_site_set_str(x, item, "href",
				sg_site_path_url(&x->a, sg_arena_printf(&x->a, "%s.html", t->slug)));
		sg_site_set_int(x, item, "count", (int64_t)t->count);
		sg_list_push(all, item);
	}
	sg_site_emit(x, "tags", index, data);
}

void sg_site_tag_page(sg_site_ctx *x, size_t i, size_t k)
{
	const sg_site_tag *t = &x->tags[i];
	const char *first = sg_arena_printf(&x->a, "tags/%s.html", t->slug);
	const char *path = sg_site_list_path(&x->a, first, k);
	const char *title = sg_site_paged_title(
		x, sg_arena_printf(&x->a, "%s%s", sg_site_str(x, x->lang, "tag.title_prefix"), t->name),
		k, t->count);
	sg_value *page = sg_site_base(x, x->lang, path, "tag", title);
	sg_site_set_str(x, page, "tag", t->name);
	sg_site_set_str(x, page, "tag_lang", t->lang);
	S_card_page(x, page, t->docs, t->count, first, k);
	sg_site_emit(x, "tag", path, page);
}

void sg_site_docs_plan(sg_site_ctx *x)
{
	const sg_content *c = x->c;
	x->playbooks = sg_arena_alloc(&x->a, (c->doc_count + 1) * sizeof *x->playbooks);
	x->cases = sg_arena_alloc(&x->a, (c->doc_count + 1) * sizeof *x->cases);
	for (size_t i = 0; i < c->doc_count; i++) {
		const sg_doc *doc = c->docs[i];
		if (x->o->skip && x->o->skip(doc->path, x->o->skip_ctx))
			continue;
		/* A document named index would take the list's place. */
		if (strcmp(doc->slug, "index") == 0)
			continue;
		if (doc->kind == SG_DOC_PLAYBOOK)
			x->playbooks[x->playbook_count++] = doc;
		else if (doc->kind == SG_DOC_CASE)
			x->cases[x->case_count++] = doc;
	}
	qsort(x->playbooks, x->playbook_count, sizeof *x->playbooks, S_cmp_order);
	qsort(x->cases, x->case_count, sizeof *x->cases, S_cmp_order);

	size_t cap = 0;
	const sg_doc **groups[2] = {x->playbooks, x->cases};
	size_t counts[2] = {x->playbook_count, x->case_count};
	for (int g = 0; g < 2; g++)
		for (size_t i = 0; i < counts[g]; i++)
			for (size_t k = 0; k < groups[g][i]->tag_count; k++) {
				sg_site_tag *t = S_tag(x, groups[g][i]->tags[k], groups[g][i]->lang,
						    &cap);
				if (t->count && t->docs[t->count - 1] == groups[g][i])
					continue; /* the same tag twice on one document */
				if (t->count == t->cap) {
					t->cap = t->cap ? t->cap * 2 : 8;
					t->docs = sg_xrealloc(t->docs, t->cap * sizeof *t->docs);
				}
				t->docs[t->count++] = groups[g][i];
			}
	if (x->tag_count > 1)
		qsort(x->tags, x->tag_count, sizeof *x->tags, S_cmp_tag);
}

void sg_site_docs_dispose(sg_site_ctx *x)
{
	for (size_t i = 0; i < x->tag_count; i++)
		free(x->tags[i].docs);
	free(x->tags);
	x->tags = NULL;
	x->tag_count = 0;
}
