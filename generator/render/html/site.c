/*
 * site.c - drives the site build: loads the theme, runs each page family,
 * renders every page into the layout and writes it, copies static files.
 */
#include "render/html/site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "render/html/site_int.h"
#include "render/html/url.h"

/* Search text kept per page: enough for whole playbooks, small enough that
 * the index of a thousand pages stays a few megabytes. */
#define SITE_TEXT_CAP 24000

/* ---------------------------------------------------------------- values */

sg_value *sg_site_set_str(site_ctx *x, sg_value *map, const char *key, const char *s)
{
	return sg_map_set(&x->a, map, key, s ? sg_value_str(&x->a, s) : sg_value_null(&x->a));
}

sg_value *sg_site_set_bool(site_ctx *x, sg_value *map, const char *key, bool b)
{
	return sg_map_set(&x->a, map, key, sg_value_bool(&x->a, b));
}

sg_value *sg_site_set_int(site_ctx *x, sg_value *map, const char *key, int64_t i)
{
	return sg_map_set(&x->a, map, key, sg_value_int(&x->a, i));
}

sg_value *sg_site_set_html(site_ctx *x, sg_value *map, const char *key, const char *html)
{
	sg_value *v = sg_value_str(&x->a, html ? html : "");
	v->markup = true;
	return sg_map_set(&x->a, map, key, v);
}

const char *sg_site_str(const site_ctx *x, const char *lang, const char *key)
{
	return sg_theme_string(x->theme, lang, key);
}

/* "" for a page at the root, "../" one folder down, ... */
static const char *S_root(site_ctx *x, const char *path)
{
	sg_buf b;
	sg_buf_init(&b);
	for (const char *p = path; *p; p++)
		if (*p == '/')
			sg_buf_puts(&b, "../");
	const char *r = sg_arena_strdup(&x->a, b.data);
	sg_buf_dispose(&b);
	return r;
}

const char *sg_site_href(site_ctx *x, const char *from, const char *target)
{
	return sg_arena_printf(&x->a, "%s%s", S_root(x, from), target);
}

/* ---------------------------------------------------------------- base */

static const struct {
	const char *kind, *label, *target;
} S_nav[] = {
	{"home", "nav.home", "index.html"},
	{"playbooks", "nav.playbooks", "playbooks/index.html"},
	{"cases", "nav.cases", "cases/index.html"},
	{"pipeline", "nav.pipeline", "pipeline.html"},
	{"prices", "nav.prices", "prices.html"},
	{"tags", "nav.tags", "tags/index.html"},
};

/* Which navigation entry a page belongs to. */
static const char *S_section(const char *kind)
{
	if (strcmp(kind, "playbook") == 0)
		return "playbooks";
	if (strcmp(kind, "case") == 0)
		return "cases";
	if (strcmp(kind, "account") == 0)
		return "pipeline";
	if (strcmp(kind, "tag") == 0)
		return "tags";
	return kind;
}

sg_value *sg_site_base(site_ctx *x, const char *lang, const char *path, const char *kind,
		       const char *title)
{
	sg_arena *a = &x->a;
	sg_value *v = sg_value_map(a);
	const char *root = S_root(x, path);
	sg_site_set_str(x, v, "lang", lang);
	sg_site_set_str(x, v, "root", root);
	/* The theme's table, shared by every page: a new map node that points at
	 * the table's items, because sg_map_set links the node it is given into
	 * the map and the table itself must not be linked into many. Read only. */
	sg_value *strings = sg_value_map(a);
	strings->u.items = sg_theme_strings(x->theme, lang)->u.items;
	sg_map_set(a, v, "s", strings);

	sg_value *site = sg_map_set(a, v, "site", sg_value_map(a));
	const sg_site *s = x->c->site;
	const char *vendor = s ? sg_l10n_get(&s->vendor_name, lang) : NULL;
	sg_site_set_str(x, site, "name", vendor ? vendor : sg_site_str(x, lang, "site.title"));
	if (s && s->logo && sg_url_safe(s->logo, SG_URL_IMAGE) && !strstr(s->logo, ".."))
		sg_site_set_str(x, site, "logo", sg_arena_printf(a, "%s%s", root, s->logo));
	if (s && s->website && sg_url_safe(s->website, SG_URL_LINK) &&
	    (strncmp(s->website, "https://", 8) == 0 || strncmp(s->website, "http://", 7) == 0))
		sg_site_set_str(x, site, "website", s->website);
	sg_site_set_str(x, site, "search_index", sg_arena_printf(a, "%ssearch-index.js", root));

	sg_value *nav = sg_map_set(a, v, "nav", sg_value_list(a));
	const char *section = S_section(kind);
	for (size_t i = 0; i < sizeof S_nav / sizeof S_nav[0]; i++) {
		sg_value *item = sg_value_map(a);
		sg_site_set_str(x, item, "label", sg_site_str(x, lang, S_nav[i].label));
		sg_site_set_str(x, item, "href", sg_arena_printf(a, "%s%s", root, S_nav[i].target));
		sg_site_set_bool(x, item, "current", strcmp(section, S_nav[i].kind) == 0);
		sg_list_push(nav, item);
	}

	sg_value *page = sg_map_set(a, v, "page", sg_value_map(a));
	sg_site_set_str(x, page, "title", title);
	sg_site_set_str(x, page, "kind", kind);
	sg_site_set_str(x, page, "path", path);
	sg_value *build = sg_map_set(a, v, "build", sg_value_map(a));
	/* Only a real build date (SOURCE_DATE_EPOCH): a date made up from as-of
	 * dates is not when the site was built. */
	sg_site_set_str(x, build, "date",
			sg_date_is_set(x->o->today) ? sg_site_date(a, x->o->today) : NULL);
	return v;
}

/* ---------------------------------------------------------------- output */

void sg_site_write(site_ctx *x, const char *path, const char *data, size_t len)
{
	char *full = sg_path_join(x->o->out_dir, path);
	if (sg_file_write_atomic(full, data, len) != 0) {
		sg_error(x->d, sg_pos_make(sg_arena_strdup(&x->a, full), 0, 0), "cannot write: %s",
			 strerror(errno));
		x->write_failed = true;
	} else {
		x->stats.files++;
	}
	free(full);
}

static void S_add_entry(site_ctx *x, const site_entry *e)
{
	if (x->entry_count == x->entry_cap) {
		x->entry_cap = x->entry_cap ? x->entry_cap * 2 : 64;
		x->entries = sg_xrealloc(x->entries, x->entry_cap * sizeof *x->entries);
	}
	site_entry *to = &x->entries[x->entry_count++];
	*to = *e;
	if (to->text && strlen(to->text) > SITE_TEXT_CAP) {
		size_t n = SITE_TEXT_CAP;
		while (n > 0 && ((unsigned char)to->text[n] & 0xC0) == 0x80)
			n--; /* never cut a character in two */
		to->text = sg_arena_strndup(&x->a, to->text, n);
	}
}

void sg_site_emit(site_ctx *x, const char *tpl, const char *path, sg_value *data,
		  const site_entry *entry)
{
	char name[128];
	snprintf(name, sizeof name, "pages/%s", tpl);
	const sg_template *page = sg_theme_template(x->theme, name);
	const sg_template *layout = sg_theme_template(x->theme, "layout");
	if (!page) {
		sg_error(x->d, sg_pos_make(sg_theme_origin(x->theme), 0, 0),
			 "theme has no %s.html (needed for %s)", name, path);
		x->content_failed = true;
		return;
	}
	sg_buf body, html;
	sg_buf_init(&body);
	sg_buf_init(&html);
	if (sg_template_render(page, data, &body, x->d) == 0) {
		sg_site_set_html(x, data, "content", body.data);
		if (sg_template_render(layout, data, &html, x->d) == 0) {
			size_t before = x->stats.files;
			sg_site_write(x, path, html.data, html.len);
			if (x->stats.files > before) {
				x->stats.files--;
				x->stats.pages++;
			}
			if (entry)
				S_add_entry(x, entry);
		} else {
			x->content_failed = true;
		}
	} else {
		x->content_failed = true;
	}
	sg_buf_dispose(&body);
	sg_buf_dispose(&html);
}

/* The theme's static/ folder, then the content's images/ (logo, pictures in
 * playbooks), keeping their paths so relative links from Markdown work. */
static void S_copy_static(site_ctx *x)
{
	for (size_t i = 0; i < sg_theme_file_count(x->theme); i++) {
		const sg_theme_file *f = sg_theme_file_at(x->theme, i);
		sg_site_write(x, f->name, f->data, f->len);
	}
	char *dir = sg_path_join(x->c->dir, "images");
	char **files;
	size_t n = sg_dir_list(dir, "", &files);
	sg_buf b;
	sg_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(files[i], '/') + 1;
		if (sg_file_read(files[i], SG_FILE_CAP_DEFAULT, &b, x->d) != 0) {
			x->content_failed = true;
			continue;
		}
		char *to = sg_path_join("images", base);
		sg_site_write(x, to, b.data, b.len);
		free(to);
	}
	sg_buf_dispose(&b);
	sg_path_list_free(files, n);
	free(dir);
}

static int S_cmp_customer(const void *a, const void *b)
{
	const sg_customer *p = *(const sg_customer *const *)a, *q = *(const sg_customer *const *)b;
	return strcmp(p->id, q->id);
}

int sg_site_build(const sg_content *c, const sg_site_opts *o, sg_diags *d, sg_site_stats *stats)
{
	site_ctx x = {.c = c, .o = o, .d = d};
	sg_arena_init(&x.a);
	if (stats)
		memset(stats, 0, sizeof *stats);
	sg_theme *theme;
	if (sg_theme_load(&theme, o->theme_dir, d) != 0) {
		sg_arena_dispose(&x.a);
		return -1;
	}
	x.theme = theme;
	x.lang = c->site && c->site->lang ? c->site->lang : "zh-CN";

	x.customers = sg_arena_alloc(&x.a, (c->customer_count + 1) * sizeof *x.customers);
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		if (o->skip_customer && o->skip_customer(cu, o->skip_ctx))
			continue;
		x.customers[x.customer_count++] = cu;
	}
	qsort(x.customers, x.customer_count, sizeof *x.customers, S_cmp_customer);

	/* The date "in N days" counts from: the build date when given, else
	 * (for pages about several customers) the latest as-of date. */
	x.today = o->today;
	if (!sg_date_is_set(x.today))
		for (size_t i = 0; i < x.customer_count; i++)
			if (sg_date_cmp(x.customers[i]->as_of, x.today) > 0)
				x.today = x.customers[i]->as_of;

	if (sg_mkdir_p(o->out_dir) != 0) {
		sg_error(d, sg_pos_make(o->out_dir, 0, 0), "cannot create the site folder: %s",
			 strerror(errno));
		x.write_failed = true;
	} else {
		S_copy_static(&x);
		sg_site_docs(&x);
		sg_site_accounts(&x);
		sg_site_prices(&x);
		sg_site_home(&x);
		sg_site_search_write(&x);
	}

	if (stats)
		*stats = x.stats;
	int rc = x.write_failed ? -2 : x.content_failed ? -1 : 0;
	for (size_t i = 0; i < x.tag_count; i++)
		free(x.tags[i].docs);
	free(x.tags);
	free(x.entries);
	sg_theme_free(theme);
	sg_arena_dispose(&x.a);
	return rc;
}
