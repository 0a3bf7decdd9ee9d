/*
 * site_common.c - what every page shares: the data each page starts from (language,
 * strings, navigation, vendor, build date), links between pages, and the
 * theme's layout around each page. The plan and the pages: site_plan.c.
 */
#include "render/html/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "render/html/site_int.h"
#include "render/html/escape.h"

/* ---------------------------------------------------------------- values */

sg_value *sg_site_set_str(sg_site_ctx *x, sg_value *map, const char *key, const char *s)
{
	return sg_map_set(&x->a, map, key, s ? sg_value_str(&x->a, s) : sg_value_null(&x->a));
}

sg_value *sg_site_set_bool(sg_site_ctx *x, sg_value *map, const char *key, bool b)
{
	return sg_map_set(&x->a, map, key, sg_value_bool(&x->a, b));
}

sg_value *sg_site_set_int(sg_site_ctx *x, sg_value *map, const char *key, int64_t i)
{
	return sg_map_set(&x->a, map, key, sg_value_int(&x->a, i));
}

sg_value *sg_site_set_html(sg_site_ctx *x, sg_value *map, const char *key, const char *html)
{
	sg_value *v = sg_value_str(&x->a, html ? html : "");
	v->markup = true;
	return sg_map_set(&x->a, map, key, v);
}

/* "" for a page at the root, "../" one folder down, ... */
static const char *S_root(sg_site_ctx *x, const char *path)
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

const char *sg_site_href(sg_site_ctx *x, const char *from, const char *target)
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
	if (strcmp(kind, "account") == 0 || strcmp(kind, "stage") == 0)
		return "pipeline";
	if (strcmp(kind, "tag") == 0)
		return "tags";
	return kind;
}

sg_value *sg_site_base(sg_site_ctx *x, const char *lang, const char *path, const char *kind,
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

void sg_site_emit(sg_site_ctx *x, const char *tpl, const char *path, sg_value *data)
{
	char *name = sg_xasprintf("pages/%s", tpl);
	const sg_template *page = sg_theme_template(x->theme, name);
	const sg_template *layout = sg_theme_template(x->theme, "layout");
	if (!page || !layout) {
		sg_error(x->d, sg_pos_make(sg_theme_origin(x->theme), 0, 0),
			 "theme has no %s.html (needed for %s)", page ? "layout" : name, path);
		x->failed = true;
		free(name);
		return;
	}
	free(name);
	sg_buf body;
	sg_buf_init(&body);
	if (sg_template_render(page, data, &body, x->d) == 0) {
		sg_site_set_html(x, data, "content", body.data);
		if (sg_template_render(layout, data, x->out, x->d) != 0)
			x->failed = true;
	} else {
		x->failed = true;
	}
	sg_buf_dispose(&body);
}

int64_t sg_site_pipeline_users(const sg_customer *cu)
{
	return cu->offer.given && cu->offer.users ? cu->offer.users : cu->mailboxes;
}
