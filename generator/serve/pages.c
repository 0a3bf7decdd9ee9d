/*
 * pages.c - the proposal pages of the server (pages.h).
 */
#include <stdio.h>
#include <string.h>

#include "serve/inject.h"
#include "serve/pages.h"

/* Everything up to <body>, titled title (escaped). */
static void S_head(const char *title, const char *deps, sg_buf *out)
{
	sg_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
	sg_serve_html_escape(title, strlen(title), out);
	sg_buf_puts(out, "</title>\n");
	if (deps) {
		sg_buf_puts(out, "<meta name=\"sg-deps\" content=\"");
		sg_serve_html_escape(deps, strlen(deps), out);
		sg_buf_puts(out, "\">\n");
	}
	sg_buf_puts(out, "<style>body{margin:0;font:15px/1.4 sans-serif}"
			 "header{padding:.5em 1em;background:#223;color:#fff}"
			 "header a{color:#cde}"
			 "main{display:flex;height:calc(100vh - 2.5em)}"
			 "#pdf{flex:3;border:0}#costs{flex:2;overflow:auto;margin:0;padding:1em;"
			 "background:#f6f6f6;font:13px/1.4 monospace;white-space:pre-wrap}"
			 "</style>\n</head>\n<body>\n");
}

void sg_serve_proposal_page(const char *id, bool has_pdf, const char *costs, size_t len,
			    sg_buf *out)
{
	char deps[600];
	snprintf(deps, sizeof deps, "proposals/%s.pdf costs/%s.json", id, id);
	S_head(id, deps, out);
	sg_buf_puts(out, "<header>proposal of <strong>");
	sg_serve_html_escape(id, strlen(id), out);
	sg_buf_printf(out, "</strong> · <a href=\"/site/accounts/%s.html\">account page</a> · "
			   "<a href=\"/__salesgen/proposal/\">every proposal</a></header>\n<main>\n",
		      id);
	if (has_pdf)
		sg_buf_printf(out, "<iframe id=\"pdf\" title=\"proposal\" "
				   "src=\"/proposals/%s.pdf\"></iframe>\n", id);
	else
		sg_buf_puts(out, "<p id=\"pdf\">No proposal PDF was built for this customer "
				 "(none is due, or its build failed: see the terminal).</p>\n");
	sg_buf_puts(out, "<pre id=\"costs\" aria-label=\"cost model\">");
	if (costs)
		sg_serve_html_escape(costs, len, out);
	else
		sg_buf_puts(out, "No cost model was built for this customer.");
	sg_buf_puts(out, "</pre>\n</main>\n</body>\n</html>\n");
}

void sg_serve_proposal_index(char **ids, size_t n, sg_buf *out)
{
	S_head("proposals", "costs/", out);
	sg_buf_puts(out, "<header>proposals · <a href=\"/site/\">site</a></header>\n<ul>\n");
	for (size_t i = 0; i < n; i++) {
		sg_buf_puts(out, "<li><a href=\"/__salesgen/proposal/");
		sg_serve_html_escape(ids[i], strlen(ids[i]), out);
		sg_buf_puts(out, "\">");
		sg_serve_html_escape(ids[i], strlen(ids[i]), out);
		sg_buf_puts(out, "</a></li>\n");
	}
	sg_buf_puts(out, "</ul>\n</body>\n</html>\n");
}
