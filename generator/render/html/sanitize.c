/*
 * sanitize.c - raw HTML through libxml2's HTML parser and an allow-list,
 * written out again by us (see sanitize.h for the lists).
 *
 * Why a parser and not a filter over the text: whether "onerror=" is an
 * attribute or part of a quoted value, and whether "&#106;avascript:" is a
 * script URL, depends on how a browser tokenises the whole fragment. A
 * filter that reads the pieces one by one always disagrees with the browser
 * somewhere. Here the only markup in the output is markup this file writes,
 * from a tree, so the browser rebuilds that same tree: libxml2 may read
 * broken HTML differently from a browser, but whatever it reads becomes
 * allow-listed elements with escaped text and attribute values.
 */
#include "render/html/sanitize.h"

#include <pthread.h>
#include <stdbool.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/url.h"
#include "base/utf8.h"
#include "render/html/escape.h"

/* ---------------------------------------------------------------- the lists */

enum {
	S_VOID = 1,     /* no content, no end tag */
	S_DROP = 2,     /* dropped with everything inside it */
	S_CHECKBOX = 4, /* input: kept only as type="checkbox", always disabled */
};

typedef struct S_elem {
	const char *name;
	unsigned flags;
	const char *attrs; /* its own attributes besides S_global, ' '-separated */
} S_elem;

/* In alphabetical order (for the reader; lookup is linear). */
static const S_elem S_elems[] = {
	{"a", 0, "href"},
	{"abbr", 0, ""},
	{"applet", S_DROP, ""},
	{"b", 0, ""},
	{"base", S_DROP, ""},
	{"bdi", 0, ""},
	{"bdo", 0, ""},
	{"blockquote", 0, "cite"},
	{"br", S_VOID, ""},
	{"caption", 0, ""},
	{"cite", 0, ""},
	{"code", 0, ""},
	{"col", S_VOID, "span"},
	{"colgroup", 0, "span"},
	{"dd", 0, ""},
	{"del", 0, "cite datetime"},
	{"details", 0, "open"},
	{"dfn", 0, ""},
	{"div", 0, ""},
	{"dl", 0, ""},
	{"dt", 0, ""},
	{"em", 0, ""},
	{"embed", S_DROP, ""},
	{"figcaption", 0, ""},
	{"figure", 0, ""},
	{"frame", S_DROP, ""},
	{"frameset", S_DROP, ""},
	{"h1", 0, ""},
	{"h2", 0, ""},
	{"h3", 0, ""},
	{"h4", 0, ""},
	{"h5", 0, ""},
	{"h6", 0, ""},
	{"hr", S_VOID, ""},
	{"i", 0, ""},
	{"iframe", S_DROP, ""},
	{"img", S_VOID, "src alt width height loading"},
	{"input", S_VOID | S_CHECKBOX, "checked"},
	{"ins", 0, "cite datetime"},
	{"kbd", 0, ""},
	{"label", 0, ""},
	{"li", 0, "value"},
	{"link", S_DROP, ""},
	{"mark", 0, ""},
	{"math", S_DROP, ""},
	{"meta", S_DROP, ""},
	{"noembed", S_DROP, ""},
	{"noframes", S_DROP, ""},
	{"noscript", S_DROP, ""},
	{"object", S_DROP, ""},
	{"ol", 0, "start reversed type"},
	{"p", 0, ""},
	{"pre", 0, ""},
	{"q", 0, "cite"},
	{"rp", 0, ""},
	{"rt", 0, ""},
	{"ruby", 0, ""},
	{"s", 0, ""},
	{"samp", 0, ""},
	{"script", S_DROP, ""},
	{"select", S_DROP, ""},
	{"small", 0, ""},
	{"span", 0, ""},
	{"strong", 0, ""},
	{"style", S_DROP, ""},
	{"sub", 0, ""},
	{"summary", 0, ""},
	{"sup", 0, ""},
	{"svg", S_DROP, ""},
	{"table", 0, ""},
	{"tbody", 0, ""},
	{"td", 0, "colspan rowspan"},
	{"template", S_DROP, ""},
	{"textarea", S_DROP, ""},
	{"tfoot", 0, ""},
	{"th", 0, "colspan rowspan scope"},
	{"thead", 0, ""},
	{"time", 0, "datetime"},
	{"title", S_DROP, ""},
	{"tr", 0, ""},
	{"u", 0, ""},
	{"ul", 0, ""},
	{"var", 0, ""},
	{"wbr", S_VOID, ""},
};

/* Attributes every kept element may have. */
static const char S_global[] = "id class title lang dir aria-label";

/* Attributes written as their name alone when present. */
static const char S_boolean[] = "open checked reversed";

/* The word of list (' '-separated) that name is, in any ASCII case, or
 * NULL; *k is its length. */
static const char *S_word(const char *list, const char *name, size_t *k)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		*k = e ? (size_t)(e - p) : strlen(p);
		if (*k == n && strncasecmp(p, name, n) == 0)
			return p;
		p += *k;
		while (*p == ' ')
			p++;
	}
	return NULL;
}

static bool S_in_list(const char *list, const char *name)
{
	size_t k;
	return S_word(list, name, &k) != NULL;
}

static const S_elem *S_find(const xmlChar *name)
{
	for (size_t i = 0; name && i < sizeof S_elems / sizeof S_elems[0]; i++)
		if (strcasecmp(S_elems[i].name, (const char *)name) == 0)
			return &S_elems[i];
	return NULL;
}

/* The attribute's value as libxml2 decoded it: "" for a name alone.
 * Free with xmlFree(). */
static xmlChar *S_value(xmlAttrPtr a)
{
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	return v ? v : xmlStrdup(BAD_CAST "");
}

static bool S_is_checkbox(xmlNodePtr n)
{
	xmlChar *type = NULL;
	for (xmlAttrPtr a = n->properties; a && !type; a = a->next)
		if (strcasecmp((const char *)a->name, "type") == 0)
			type = S_value(a);
	/* Exactly, in any case, as browsers compare it: "checkbox " is a
	 * text box. */
	bool ok = type && strcasecmp((const char *)type, "checkbox") == 0;
	xmlFree(type);
	return ok;
}

/* What becomes of element n: its entry when it is written (NULL when it is
 * not), and in *descend whether its content is walked. */
static const S_elem *S_rule(xmlNodePtr n, bool *descend)
{
	const S_elem *e = S_find(n->name);
	*descend = true;
	if (!e)
		return NULL; /* unknown or not allowed: its content stays */
	if (e->flags & S_DROP) {
		*descend = false;
		return NULL;
	}
	if ((e->flags & S_CHECKBOX) && !S_is_checkbox(n)) {
		*descend = false;
		return NULL;
	}
	if (e->flags & S_VOID)
		*descend = false;
	return e;
}

/* ---------------------------------------------------------------- writing */

static void S_attr(sg_buf *out, const S_elem *e, xmlAttrPtr a)
{
	const char *name = (const char *)a->name;
	size_t k;
	/* The name written is the list's, never bytes of the input. */
	const char *word = S_word(S_global, name, &k);
	if (!word)
		word = S_word(e->attrs, name, &k);
	if (!word)
		return;
	xmlChar *v = S_value(a);
	const char *value = (const char *)v;
	bool url = S_in_list("href src cite", name);
	if (url && !sg_url_safe(value, strcasecmp(name, "src") == 0 ? SG_URL_IMAGE : SG_URL_LINK))
		goto cleanup;
	sg_buf_putc(out, ' ');
	sg_buf_put(out, word, k);
	if (S_in_list(S_boolean, name))
		goto cleanup;
	sg_buf_puts(out, "=\"");
	if (url)
		sg_url_escape_attr(out, value);
	else
		sg_html_escape(out, value, strlen(value));
	sg_buf_putc(out, '"');
cleanup:
	xmlFree(v);
}

static void S_start(sg_buf *out, xmlNodePtr n, const S_elem *e)
{
	sg_buf_putc(out, '<');
	sg_buf_puts(out, e->name);
	if (e->flags & S_CHECKBOX) {
		/* A box that can be ticked would be a form control. */
		sg_buf_puts(out, " type=\"checkbox\" disabled");
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (strcasecmp((const char *)a->name, "checked") == 0) {
				sg_buf_puts(out, " checked");
				break;
			}
		}
	}
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if ((e->flags & S_CHECKBOX) && S_in_list("type disabled checked", (const char *)a->name))
			continue;
		S_attr(out, e, a);
	}
	sg_buf_putc(out, '>');
}

static void S_end(sg_buf *out, xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	bool descend;
	const S_elem *e = S_rule(n, &descend);
	if (e && !(e->flags & S_VOID)) {
		sg_buf_puts(out, "</");
		sg_buf_puts(out, e->name);
		sg_buf_putc(out, '>');
	}
}

/* The value of n's attribute name (any case), or NULL. Free with
 * xmlFree(). */
static xmlChar *S_attr_value(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return S_value(a);
	return NULL;
}

/* With SG_SANITIZE_NO_REMOTE_IMAGES, an <img> whose source is on the web
 * is written as markdown_html.c writes such a Markdown image: a link to the
 * address with the description (else the address) as its text, or the text
 * alone inside a link. True when n was written so. */
static bool S_remote_img(sg_buf *out, xmlNodePtr n)
{
	if (strcasecmp((const char *)n->name, "img") != 0)
		return false;
	xmlChar *src = S_attr_value(n, "src");
	bool remote = src && sg_url_is_remote((const char *)src) &&
		      sg_url_safe((const char *)src, SG_URL_LINK);
	if (remote) {
		bool link = true;
		for (xmlNodePtr p = n->parent; p && link; p = p->parent)
			if (p->type == XML_ELEMENT_NODE && strcasecmp((const char *)p->name, "a") == 0)
				link = false;
		xmlChar *alt = S_attr_value(n, "alt");
		const char *text = alt && *alt ? (const char *)alt : (const char *)src;
		if (link) {
			sg_buf_puts(out, "<a class=\"remote-image\" href=\"");
			sg_url_escape_attr(out, (const char *)src);
			sg_buf_puts(out, "\">");
		}
		sg_html_escape(out, text, strlen(text));
		if (link)
			sg_buf_puts(out, "</a>");
		xmlFree(alt);
	}
	xmlFree(src);
	return remote;
}

/* Writes the nodes from first on, and their descendants, in document order.
 * A loop rather than recursion: raw HTML can nest as deep as it likes. */
static void S_walk(sg_buf *out, xmlNodePtr first, xmlNodePtr stop, unsigned flags)
{
	xmlNodePtr n = first;
	while (n) {
		bool descend = false;
		if (n->type == XML_TEXT_NODE && n->content) {
			const char *t = (const char *)n->content;
			sg_html_escape(out, t, strlen(t));
		} else if (n->type == XML_ELEMENT_NODE) {
			const S_elem *e = S_rule(n, &descend);
			if (e && !((flags & SG_SANITIZE_NO_REMOTE_IMAGES) && S_remote_img(out, n)))
				S_start(out, n, e);
		}
		/* Anything else (comments, processing instructions, a doctype)
		 * is left out. */
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		S_end(out, n);
		while (!n->next) {
			n = n->parent;
			if (!n || n == stop)
				return;
			S_end(out, n);
		}
		n = n->next;
	}
}

/* ---------------------------------------------------------------- parsing */

static void S_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void S_silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
	xmlInitParser();
}

/* The text libxml2 parses: a body to put the fragment in (so that leading
 * text gets no implied <p>), then the fragment with NUL and invalid UTF-8
 * replaced by U+FFFD, as browsers do (libxml2 would otherwise stop at a NUL
 * or read the rest as Latin-1). */
static void S_input(sg_buf *in, const char *html, size_t len)
{
	sg_buf_puts(in, "<html><body>");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(html + i, len - i, &cp);
		if (k == 0 || cp == 0) {
			sg_buf_puts(in, "\xEF\xBF\xBD");
			i += k ? k : 1;
		} else {
			sg_buf_put(in, html + i, k);
			i += k;
		}
	}
}

void sg_html_sanitize(sg_buf *out, const char *html, size_t len)
{
	sg_html_sanitize_with(out, html, len, 0);
}

void sg_html_sanitize_with(sg_buf *out, const char *html, size_t len, unsigned flags)
{
	pthread_once(&S_once, S_init);
	if (len > INT_MAX / 2) {
		/* More than libxml2 takes in one piece: shown as text. */
		sg_html_escape(out, html, len);
		return;
	}
	sg_buf in;
	sg_buf_init(&in);
	S_input(&in, html ? html : "", html ? len : 0);

	/* Quiet: a broken fragment is what this is for, not an error. The
	 * handlers are per thread in libxml2, and put back afterwards. */
	xmlStructuredErrorFunc serror = xmlStructuredError;
	void *sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc gerror = xmlGenericError;
	void *gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, S_silent_structured);
	xmlSetGenericErrorFunc(NULL, S_silent);

	/* XML_PARSE_HUGE: past 256 levels libxml2 would stop and lose the
	 * rest of the document. The encoding is fixed: a <meta charset> in
	 * the fragment must not change how it is read. */
	int opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		   HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
	htmlDocPtr doc = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8", opts);

	xmlSetStructuredErrorFunc(sctx, serror);
	xmlSetGenericErrorFunc(gctx, gerror);

	if (doc) {
		S_walk(out, doc->children, (xmlNodePtr)doc, flags);
		xmlFreeDoc(doc);
	}
	sg_buf_dispose(&in);
}
