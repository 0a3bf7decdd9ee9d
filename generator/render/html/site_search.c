/*
 * site_search.c - the search index, written at build time as a script.
 *
 * Browsers refuse fetch() and XMLHttpRequest on file:// pages, so the index
 * is a script that assigns a global (window.SG_SEARCH_INDEX) and that the
 * page loads with a <script> element. Each entry holds the page's title,
 * headings and plain text; the theme's JS matches the query as a substring
 * (after folding case), which is what Chinese needs: it has no spaces
 * between words, so there is nothing to split on.
 */
#include <string.h>

#include "base/json.h"
#include "render/html/site_int.h"

/* Runs of white space become one space: the text is for matching, and
 * newlines and indentation only make the index bigger. */
static sg_value *S_squeeze(sg_arena *a, const char *s)
{
	sg_buf b;
	sg_buf_init(&b);
	bool space = false;
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			sg_buf_putc(&b, ' ');
		space = false;
		sg_buf_putc(&b, *p);
	}
	sg_value *v = sg_value_str(a, b.data);
	sg_buf_dispose(&b);
	return v;
}

void sg_site_search_write(site_ctx *x)
{
	sg_arena *a = &x->a;
	sg_value *list = sg_value_list(a);
	for (size_t i = 0; i < x->entry_count; i++) {
		const site_entry *e = &x->entries[i];
		sg_value *v = sg_value_map(a);
		sg_site_set_str(x, v, "t", e->title);
		sg_site_set_str(x, v, "u", e->url);
		sg_site_set_str(x, v, "k", e->kind);
		sg_site_set_str(x, v, "l", e->lang);
		sg_map_set(a, v, "h", e->headings ? e->headings : sg_value_list(a));
		sg_map_set(a, v, "x", S_squeeze(a, e->text));
		sg_list_push(list, v);
	}
	sg_buf js;
	sg_buf_init(&js);
	sg_buf_puts(&js, "/* The site's search index, made by salesgen build. */\n"
			 "window.SG_SEARCH_INDEX = ");
	sg_json_write(list, 0, &js);
	sg_buf_puts(&js, ";\n");
	sg_site_write(x, "search-index.js", js.data, js.len);
	sg_buf_dispose(&js);
}
