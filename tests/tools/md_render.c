/*
 * md_render.c - GitHub-flavoured Markdown from stdin to HTML on stdout, as
 * cmark-gfm renders a pull-request comment (tables, strikethrough,
 * autolinks, the tag filter). tests/e2e/diff.sh reads the HTML of
 * `salesgen diff --format markdown` with it when no cmark-gfm program is
 * installed. Exit 1 when the input is not UTF-8 or cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

int main(void)
{
	size_t cap = 1 << 16, len = 0;
	char *text = malloc(cap);
	for (size_t n; text && (n = fread(text + len, 1, cap - len, stdin)) > 0;) {
		len += n;
		if (len == cap)
			text = realloc(text, cap *= 2);
	}
	if (!text || ferror(stdin))
		return 1;
	cmark_gfm_core_extensions_ensure_registered();
	int opts = CMARK_OPT_VALIDATE_UTF8;
	cmark_parser *p = cmark_parser_new(opts);
	const char *exts[] = {"table", "strikethrough", "autolink", "tagfilter"};
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(p));
	fputs(html, stdout);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	free(text);
	return 0;
}
