/*
 * xml.c - reading content XML safely, with positions, and validating it
 * against the RELAX NG schemas compiled into the binary.
 *
 * Safety comes in layers:
 *  1. the file is read with a size cap and checked to be UTF-8 before libxml2
 *     sees a byte, so the first bad byte is reported with its own line:column;
 *  2. the parser runs without XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
 *     XML_PARSE_DTDVALID and XML_PARSE_HUGE, with XML_PARSE_NONET: nothing
 *     external is ever loaded and libxml2's entity amplification limits stay on;
 *  3. content needs no DTD, so the parser is stopped at the first <!DOCTYPE,
 *     before any entity declaration is read (an internalSubset SAX hook), and
 *     entity resolution is refused through the context's own resolveEntity;
 *  4. after parsing, a document that still has a DTD is refused.
 *
 * Errors: every libxml2 error goes to the caller's sg_diags through a handler
 * stored on the parser context (ctxt->sax->serror, with our state in
 * ctxt->_private) and on the validation context
 * (xmlRelaxNGSetValidStructuredErrors). Nothing is printed. The thread-local
 * structured handler is set too while a call runs, to catch the few errors
 * libxml2 raises without a context; it is restored afterwards. With no global
 * state touched, several threads can parse at once.
 */
#include "load/xml.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/resource.h"
#include "base/utf8.h"
#include "load/suggest.h"

extern const sg_resource sg_schema_files[];

/* ---------------------------------------------------------------- errors */

typedef struct S_state {
	const char *path;
	sg_diags *d;
	int doctype_line; /* > 0 once a DOCTYPE was seen */
	int doctype_col;
	int reported; /* errors added so far */
} S_state;

/* libxml2 messages end in a newline and sometimes carry trailing spaces. */
static void S_add(S_state *st, int line, int col, sg_severity sev, const char *msg)
{
	size_t n = msg ? strlen(msg) : 0;
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '\r'))
		n--;
	sg_pos pos = sg_pos_make(st->path, line > 0 ? line : 0, col > 0 ? col : 0);
	sg_diag_add(st->d, sev, pos, "%.*s", (int)n, n ? msg : "malformed XML");
	if (sev == SG_ERROR)
		st->reported++;
}

static void S_report(S_state *st, const xmlError *err)
{
	if (!err)
		return;
	/* Warnings (e.g. an unknown encoding name) are not worth a user's time
	 * once the bytes are known to be UTF-8. */
	if (err->level == XML_ERR_WARNING)
		return;
	/* Parser errors carry the column in int2; validity errors have none. */
	int col = err->domain == XML_FROM_PARSER ? err->int2 : 0;
	S_add(st, err->line, col, SG_ERROR, err->message);
}

/* ctxt->sax->serror: userData is the parser context itself (libxml2 passes
 * ctxt->userData, which SAX2 needs to be the context), so our state travels
 * in ctxt->_private. */
static void S_parser_error(void *user, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = user;
	if (ctxt && ctxt->_private)
		S_report(ctxt->_private, err);
}

/* The thread-local fallback and the validation handler get the state. */
static void S_state_error(void *user, xmlErrorPtr err)
{
	if (user)
		S_report(user, err);
}

/* The unstructured channel is only used by libxml2 for debugging output;
 * swallow it rather than let it reach stderr. */
static void S_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

typedef struct S_saved {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc generic;
	void *gctx;
} S_saved;

/* xmlStructuredError and friends are per-thread in a threaded libxml2, so
 * setting and restoring them here does not disturb other threads. */
static void S_handlers_push(S_saved *saved, S_state *st)
{
	saved->serror = xmlStructuredError;
	saved->sctx = xmlStructuredErrorContext;
	saved->generic = xmlGenericError;
	saved->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(st, S_state_error);
	xmlSetGenericErrorFunc(NULL, S_silent);
}

static void S_handlers_pop(const S_saved *saved)
{
	xmlSetStructuredErrorFunc(saved->sctx, saved->serror);
	xmlSetGenericErrorFunc(saved->gctx, saved->generic);
}

/* ---------------------------------------------------------------- reading */

/* SAX hook called at `<!DOCTYPE name`, before its internal subset is read:
 * content never needs a DTD, and stopping here means no entity declaration
 * is parsed at all. */
static void S_internal_subset(void *user, const xmlChar *name, const xmlChar *ext_id,
			      const xmlChar *sys_id)
{
	(void)name;
	(void)ext_id;
	(void)sys_id;
	xmlParserCtxtPtr ctxt = user;
	S_state *st = ctxt->_private;
	if (st && !st->doctype_line) {
		st->doctype_line = ctxt->input ? ctxt->input->line : 1;
		st->doctype_col = 0;
	}
	xmlStopParser(ctxt);
}

static xmlParserInputPtr S_no_entity(void *user, const xmlChar *public_id, const xmlChar *system_id)
{
	(void)user;
	(void)public_id;
	(void)system_id;
	return NULL;
}

static pthread_once_t S_init_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
	xmlInitParser();
}

xmlDocPtr sg_xml_read(const char *path, size_t cap, sg_diags *d)
{
	return sg_xml_read_in(NULL, path, cap, d);
}

/* The document in text (len bytes of UTF-8, no more than INT_MAX) read
 * from path: NULL (reported) unless it is well-formed, has a root element
 * and declares no DOCTYPE or entity. */
static xmlDocPtr S_parse(const char *text, size_t len, const char *path, sg_diags *d)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sg_error(d, sg_pos_make(path, 0, 0), "cannot create an XML parser");
		return NULL;
	}
	S_state st = {.path = path, .d = d};
	ctxt->_private = &st;
	ctxt->sax->serror = S_parser_error;
	ctxt->sax->internalSubset = S_internal_subset;
	ctxt->sax->resolveEntity = S_no_entity;

	S_saved saved;
	S_handlers_push(&saved, &st);
	/* The bytes are known to be UTF-8: say so, and ignore whatever the
	 * declaration claims, so a stray encoding="GBK" cannot garble them. */
	int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
		      XML_PARSE_IGNORE_ENC;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, "UTF-8", options);
	bool well_formed = ctxt->wellFormed && st.reported == 0;
	S_handlers_pop(&saved);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);

	if (st.doctype_line || (doc && doc->intSubset)) {
		int line = st.doctype_line ? st.doctype_line : 1;
		if (!st.doctype_line && doc->intSubset)
			line = (int)xmlGetLineNo((xmlNodePtr)doc->intSubset);
		sg_error(d, sg_pos_make(path, line > 0 ? line : 1, 0),
			 "DOCTYPE and entity declarations are not allowed");
		well_formed = false;
	}
	if (!well_formed || !doc || !xmlDocGetRootElement(doc)) {
		if (well_formed)
			sg_error(d, sg_pos_make(path, 1, 0), "no root element");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

xmlDocPtr sg_xml_read_in(const char *root, const char *path, size_t cap, sg_diags *d)
{
	pthread_once(&S_init_once, S_init);

	sg_buf buf;
	sg_buf_init(&buf);
	xmlDocPtr doc = NULL;
	if (cap > INT_MAX)
		cap = INT_MAX;
	if (sg_confine_read(root, SG_CONFINE_CONTENT, path, cap, &buf, d) != 0)
		goto cleanup;

	size_t bad = sg_utf8_validate(buf.data, buf.len);
	if (bad != SG_UTF8_OK) {
		int line, col;
		sg_utf8_line_col(buf.data, bad, &line, &col);
		sg_error(d, sg_pos_make(path, line, col), "invalid UTF-8 (byte 0x%02X)",
			 (unsigned char)buf.data[bad]);
		goto cleanup;
	}

	doc = S_parse(buf.data, buf.len, path, d);
cleanup:
	sg_buf_dispose(&buf);
	return doc;
}

/* ---------------------------------------------------------------- schemas */

/* Compiled once per process; read-only afterwards. */
static struct {
	xmlRelaxNGPtr *schemas; /* parallel to sg_schema_files */
	xmlDocPtr *docs;        /* the schemas as XML, to name allowed values in messages */
	size_t count;
	char *failure; /* why an embedded schema did not compile (a build bug) */
} S_rng;
static pthread_once_t S_rng_once = PTHREAD_ONCE_INIT;
/* libxml2 does not promise that one compiled RELAX NG schema may be used by
 * several validation contexts at once, so validations take turns; they are
 * quick next to everything else a build does. */
static pthread_mutex_t S_rng_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_rng_compile_error(void *user, xmlErrorPtr err)
{
	sg_buf *why = user;
	if (err && err->level != XML_ERR_WARNING && why->len < 2000)
		sg_buf_printf(why, "%s:%d: %s", err->file ? err->file : "schema", err->line,
			      err->message ? err->message : "error\n");
}

static void S_rng_init(void)
{
	xmlInitParser();
	size_t n = 0;
	while (sg_schema_files[n].name)
		n++;
	S_rng.count = n;
	S_rng.schemas = sg_xcalloc(n ? n : 1, sizeof *S_rng.schemas);
	S_rng.docs = sg_xcalloc(n ? n : 1, sizeof *S_rng.docs);
	sg_buf why;
	sg_buf_init(&why);
	S_saved saved;
	S_state quiet = {0};
	sg_diags sink;
	sg_diags_init(&sink);
	quiet.d = &sink;
	S_handlers_push(&saved, &quiet);
	for (size_t i = 0; i < n; i++) {
		const sg_resource *r = &sg_schema_files[i];
		xmlRelaxNGParserCtxtPtr pc =
			xmlRelaxNGNewMemParserCtxt((const char *)r->data, (int)r->len);
		xmlRelaxNGSetParserStructuredErrors(pc, S_rng_compile_error, &why);
		S_rng.schemas[i] = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (!S_rng.schemas[i])
			sg_buf_printf(&why, "embedded schema %s does not compile\n", r->name);
		S_rng.docs[i] = xmlReadMemory((const char *)r->data, (int)r->len, r->name, NULL,
					      XML_PARSE_NONET);
	}
	S_handlers_pop(&saved);
	sg_diags_dispose(&sink);
	if (why.len)
		S_rng.failure = sg_buf_detach(&why);
	sg_buf_dispose(&why);
}

/* ---------------------------------------------------------------- readable validity errors */

/* libxml2 says only "Error validating value" and "Element x failed to validate
 * attributes" when a word is outside a closed list. The schema itself knows
 * the allowed words, so look them up and say which value is wrong and what
 * would be right. */
typedef struct S_vstate {
	S_state st;
	xmlDocPtr doc;    /* the document being validated */
	xmlDocPtr schema; /* may be NULL */
	int value_error_line; /* the line of the last value error reported */
	bool checked_attrs;   /* attributes already swept after a node-less error */
	int unexpected_line;  /* the line of the last unexpected element reported */
} S_vstate;

static bool S_named(const xmlNode *n, const char *local, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0)
		return false;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"name");
	bool yes = v && strcmp((const char *)v, name) == 0;
	xmlFree(v);
	return yes;
}

/* The first <element name=elem> of the schema, or inside it the first
 * <attribute name=attr> when attr is given. */
static const xmlNode *S_schema_find(const xmlNode *n, const char *elem, const char *attr,
				    bool inside)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!inside && S_named(n, "element", elem)) {
			if (!attr)
				return n;
			const xmlNode *a = S_schema_find(n->children, elem, attr, true);
			if (a)
				return a;
			continue;
		}
		if (inside && S_named(n, "attribute", attr))
			return n;
		if (inside && S_named(n, "element", elem))
			continue; /* a nested element of the same name is another context */
		const xmlNode *r = S_schema_find(n->children, elem, attr, inside);
		if (r)
			return r;
	}
	return NULL;
}

static const xmlNode *S_schema_define(const xmlDoc *schema, const char *name)
{
	const xmlNode *root = xmlDocGetRootElement(schema);
	for (const xmlNode *n = root ? root->children : NULL; n; n = n->next)
		if (S_named(n, "define", name))
			return n;
	return NULL;
}

/* Appends the <value> words below n (following <ref>s to their <define>s),
 * comma-separated; false when none. Sets *hit when word is among them. */
static bool S_schema_values(const xmlDoc *schema, const xmlNode *n, sg_buf *out, bool *hit,
			    const char *word, int depth)
{
	bool any = false;
	if (depth > 8)
		return false;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *kind = (const char *)n->name;
		if (strcmp(kind, "element") == 0 || strcmp(kind, "attribute") == 0)
			continue;
		if (strcmp(kind, "ref") == 0) {
			xmlChar *ref = xmlGetProp(n, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			if (def)
				any |= S_schema_values(schema, def->children, out, hit, word,
						       depth + 1);
			xmlFree(ref);
			continue;
		}
		if (strcmp(kind, "value") == 0) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t) {
				if (out->len)
					sg_buf_puts(out, ", ");
				sg_buf_puts(out, (const char *)t);
				if (word && strcmp((const char *)t, word) == 0)
					*hit = true;
				any = true;
				xmlFree(t);
			}
			continue;
		}
		any |= S_schema_values(schema, n->children, out, hit, word, depth);
	}
	return any;
}

/* Into hint: "; did you mean 'x'?" (quote is the mark around x, e.g. "'" or
 * "\"") when a word of list (words separated by ", ") is a near miss for
 * word; nothing otherwise. */
static void S_hint_from_list(sg_buf *hint, const char *word, const char *list, const char *open,
			     const char *close)
{
	const char *words[64];
	char copy[2048];
	size_t n = 0;
	snprintf(copy, sizeof copy, "%s", list);
	for (char *w = copy; w && *w && n < 64;) {
		words[n++] = w;
		char *sep = strstr(w, ", ");
		if (sep) {
			*sep = '\0';
			w = sep + 2;
		} else {
			w = NULL;
		}
	}
	const char *near = sg_suggest_best(word, words, n);
	if (near)
		sg_buf_printf(hint, "; did you mean %s%s%s?", open, near, close);
}

static void S_value_error(S_vstate *vs, const xmlError *err, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	xmlChar *text = xmlNodeGetContent(node);
	const char *word = text ? (const char *)text : "";
	while (*word == ' ' || *word == '\n' || *word == '\t' || *word == '\r')
		word++;
	sg_buf list;
	sg_buf_init(&list);
	const xmlNode *def = vs->schema ? S_schema_find(xmlDocGetRootElement(vs->schema), name,
						       NULL, false)
					: NULL;
	bool hit = false;
	if (def && S_schema_values(vs->schema, def->children, &list, &hit, NULL, 0)) {
		sg_buf hint;
		sg_buf_init(&hint);
		S_hint_from_list(&hint, word, list.data, "'", "'");
		sg_error(vs->st.d, sg_pos_make(vs->st.path, err->line, 0),
			 "<%s> '%s' is not one of the allowed values: %s%s", name, word, list.data,
			 hint.data);
		sg_buf_dispose(&hint);
	} else
		sg_error(vs->st.d, sg_pos_make(vs->st.path, err->line, 0),
			 "<%s> has a value the schema does not allow: '%s'", name, word);
	vs->st.reported++;
	vs->value_error_line = err->line;
	sg_buf_dispose(&list);
	xmlFree(text);
}

/* Checks attribute attr of node against its closed list in the schema; when
 * the value is outside it, reports that (if report) and returns true. */
static bool S_attribute_bad(S_vstate *vs, const xmlNode *node, const char *attr, int line,
			    bool report)
{
	if (!vs->schema)
		return false;
	const xmlNode *def = S_schema_find(xmlDocGetRootElement(vs->schema),
					   (const char *)node->name, attr, false);
	if (!def)
		return false;
	xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
	sg_buf list;
	sg_buf_init(&list);
	bool hit = false;
	bool bad = v && S_schema_values(vs->schema, def->children, &list, &hit, (const char *)v, 0) &&
		   !hit;
	if (bad && report) {
		sg_buf hint;
		sg_buf_init(&hint);
		S_hint_from_list(&hint, (const char *)v, list.data, "'", "'");
		sg_error(vs->st.d, sg_pos_make(vs->st.path, line, 0),
			 "<%s %s=\"%s\">: '%s' is not one of the allowed values: %s%s",
			 (const char *)node->name, attr, (char *)v, (char *)v, list.data, hint.data);
		sg_buf_dispose(&hint);
		vs->st.reported++;
	}
	sg_buf_dispose(&list);
	xmlFree(v);
	return bad;
}

static int S_node_line(const xmlNode *node, int fallback)
{
	long line = fallback > 0 ? fallback : xmlGetLineNo(node);
	return line > 0 && line < INT_MAX ? (int)line : 0;
}

/* The attributes the schema defines on element def: their names, and whether
 * each is required (not under <optional>, <zeroOrMore> or <choice>). */
typedef struct S_attr_def {
	const char *name;
	bool required;
} S_attr_def;

static void S_schema_attrs(const xmlDoc *schema, const xmlNode *n, bool optional, S_attr_def *out,
			   size_t *count, size_t cap, int depth)
{
	if (depth > 8)
		return;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *kind = (const char *)n->name;
		if (strcmp(kind, "element") == 0)
			continue;
		if (strcmp(kind, "attribute") == 0) {
			xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
			if (name && *count < cap) {
				/* Names live as long as the schema document. */
				for (xmlAttr *a = n->properties; a; a = a->next)
					if (strcmp((const char *)a->name, "name") == 0 && a->children)
						out[*count].name = (const char *)a->children->content;
				out[*count].required = !optional;
				(*count)++;
			}
			xmlFree(name);
			continue;
		}
		if (strcmp(kind, "ref") == 0) {
			xmlChar *ref = xmlGetProp(n, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			if (def)
				S_schema_attrs(schema, def->children, optional, out, count, cap,
					       depth + 1);
			xmlFree(ref);
			continue;
		}
		bool opt = optional || strcmp(kind, "optional") == 0 ||
			   strcmp(kind, "zeroOrMore") == 0 || strcmp(kind, "choice") == 0;
		S_schema_attrs(schema, n->children, opt, out, count, cap, depth);
	}
}

/* Says exactly what is wrong with node's attributes: a required one missing,
 * one the schema does not know, or a word outside a closed list. Returns the
 * number of problems reported. */
static int S_check_attributes(S_vstate *vs, const xmlNode *node)
{
	if (!vs->schema)
		return 0;
	const xmlNode *def = S_schema_find(xmlDocGetRootElement(vs->schema),
					   (const char *)node->name, NULL, false);
	if (!def)
		return 0;
	S_attr_def attrs[32];
	size_t n = 0;
	S_schema_attrs(vs->schema, def->children, false, attrs, &n, 32, 0);
	int line = S_node_line(node, 0), found = 0;
	for (size_t i = 0; i < n; i++) {
		if (attrs[i].required && !xmlHasProp(node, (const xmlChar *)attrs[i].name)) {
			sg_error(vs->st.d, sg_pos_make(vs->st.path, line, 0),
				 "<%s> lacks the required attribute %s", (const char *)node->name,
				 attrs[i].name);
			found++;
		}
	}
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = strcmp(attrs[i].name, (const char *)a->name) == 0;
		if (!known && !a->ns) {
			const char *names[32];
			for (size_t i = 0; i < n; i++)
				names[i] = attrs[i].name;
			const char *near = sg_suggest_best((const char *)a->name, names, n);
			sg_error(vs->st.d, sg_pos_make(vs->st.path, line, 0),
				 "<%s> has an attribute this file kind does not know: %s%s%s%s",
				 (const char *)node->name, (const char *)a->name,
				 near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
			found++;
		} else if (known && S_attribute_bad(vs, node, (const char *)a->name, line, true)) {
			found++;
		}
	}
	vs->st.reported += found;
	return found;
}

/* Every element named name in the tree below n, checked as above. */
static int S_check_attributes_named(S_vstate *vs, const xmlNode *n, const char *name)
{
	int found = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			found += S_check_attributes(vs, n);
		found += S_check_attributes_named(vs, n->children, name);
	}
	return found;
}

/* libxml2's "Element x failed to validate attributes", for element node
 * (NULL when err names none). libxml2 often gives neither the node nor the
 * line here: the element(s) are found and what is wrong said. A bad
 * closed-list word also gets an "Invalid attribute" error, so it is said
 * only once. */
static void S_attributes_error(S_vstate *vs, xmlErrorPtr err, const xmlNode *node)
{
	const char *msg = err->message;
	char name[128];
	/* err->node may be a child of the element the message names. */
	if (node && sscanf(msg, "Element %127s failed", name) == 1) {
		while (node && !(node->type == XML_ELEMENT_NODE &&
				 strcmp((const char *)node->name, name) == 0))
			node = node->parent;
	}
	if (node) {
		if (S_check_attributes(vs, node) == 0) {
			for (const xmlAttr *a = node->properties; a; a = a->next)
				if (S_attribute_bad(vs, node, (const char *)a->name, 0, false))
					return;
			S_report(&vs->st, err);
		}
		return;
	}
	if (sscanf(msg, "Element %127s failed", name) == 1 && vs->doc && !vs->checked_attrs) {
		vs->checked_attrs = true; /* one sweep finds every such element */
		if (S_check_attributes_named(vs, xmlDocGetRootElement(vs->doc), name))
			return;
	} else if (vs->checked_attrs) {
		return;
	}
	S_report(&vs->st, err);
}

/* libxml2's "Invalid attribute attr for element" on element node: said as
 * what is wrong with its value, or as an attribute the file kind does not
 * know. Returns false, saying nothing, when it is neither. */
static bool S_invalid_attribute(S_vstate *vs, xmlErrorPtr err, const xmlNode *node,
				const char *attr)
{
	int line = S_node_line(node, err->line);
	if (S_attribute_bad(vs, node, attr, line, !vs->checked_attrs))
		return true;
	if (vs->schema && !S_schema_find(xmlDocGetRootElement(vs->schema),
					 (const char *)node->name, attr, false)) {
		S_attr_def attrs[32];
		size_t n = 0;
		const xmlNode *def = S_schema_find(xmlDocGetRootElement(vs->schema),
						   (const char *)node->name, NULL, false);
		if (def)
			S_schema_attrs(vs->schema, def->children, false, attrs, &n, 32, 0);
		const char *names[32];
		for (size_t i = 0; i < n; i++)
			names[i] = attrs[i].name;
		const char *near = sg_suggest_best(attr, names, n);
		sg_error(vs->st.d, sg_pos_make(vs->st.path, line, 0),
			 "<%s> has an attribute this file kind does not know: %s%s%s%s",
			 (const char *)node->name, attr, near ? "; did you mean " : "",
			 near ? near : "", near ? "?" : "");
		vs->st.reported++;
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- element order */

static const xmlNode *S_schema_child(const xmlDoc *schema, const xmlNode *pat, const char *kind,
				     const char *name, int depth);

/* The schema pattern of element node, found down the path from the root
 * element, so that an element name used in two places (<feature> of a
 * product and of an FFAB) gets its own. Falls back to the first element of
 * that name when the path cannot be followed. */
static const xmlNode *S_schema_pattern_of(const xmlDoc *schema, const xmlNode *node)
{
	const xmlNode *chain[64];
	size_t n = 0;
	for (const xmlNode *e = node; e && e->type == XML_ELEMENT_NODE && n < 64; e = e->parent)
		chain[n++] = e;
	const xmlNode *grammar = xmlDocGetRootElement(schema);
	const xmlNode *pat = NULL;
	for (const xmlNode *g = grammar ? grammar->children : NULL; g && !pat; g = g->next)
		if (g->type == XML_ELEMENT_NODE && strcmp((const char *)g->name, "start") == 0)
			pat = g;
	while (pat && n > 0) {
		n--;
		pat = S_schema_child(schema, pat, "element", (const char *)chain[n]->name, 0);
	}
	if (pat)
		return pat;
	return S_schema_find(grammar, (const char *)node->name, NULL, false);
}

/* One child element a schema pattern allows, in the schema's order. */
typedef struct S_kid {
	const char *name; /* lives as long as the schema document */
	bool optional;	  /* under <optional>, <zeroOrMore> or <choice> */
	bool repeats;	  /* under <zeroOrMore> or <oneOrMore> */
} S_kid;

/* The child elements of the element pattern whose children start at n, in
 * order, following <ref>s; never inside a child element (its children are
 * its own). */
static void S_schema_kids(const xmlDoc *schema, const xmlNode *n, bool optional, bool repeats,
			  S_kid *out, size_t *count, size_t cap, int depth)
{
	if (depth > 16)
		return;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *kind = (const char *)n->name;
		if (strcmp(kind, "element") == 0) {
			for (xmlAttr *a = n->properties; a; a = a->next)
				if (strcmp((const char *)a->name, "name") == 0 && a->children &&
				    *count < cap) {
					out[*count].name = (const char *)a->children->content;
					out[*count].optional = optional;
					out[*count].repeats = repeats;
					(*count)++;
				}
			continue;
		}
		if (strcmp(kind, "attribute") == 0)
			continue;
		if (strcmp(kind, "ref") == 0) {
			xmlChar *ref = xmlGetProp(n, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			xmlFree(ref);
			if (def)
				S_schema_kids(schema, def->children, optional, repeats, out, count, cap,
					      depth + 1);
			continue;
		}
		bool opt = optional || strcmp(kind, "optional") == 0 ||
			   strcmp(kind, "zeroOrMore") == 0 || strcmp(kind, "choice") == 0;
		bool rep = repeats || strcmp(kind, "zeroOrMore") == 0 ||
			   strcmp(kind, "oneOrMore") == 0;
		S_schema_kids(schema, n->children, opt, rep, out, count, cap, depth);
	}
}

static long S_kid_index(const S_kid *kids, size_t n, size_t from, const char *name)
{
	for (size_t i = from; i < n; i++)
		if (strcmp(kids[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Says why element bad may not stand where it does, from the schema's list
 * of its parent's children: a required element missing before it, an
 * element out of order, or one the parent does not have (with the elements
 * allowed at that point and a near miss). Returns false, saying nothing,
 * when the schema does not explain it. */
static bool S_explain_unexpected(S_vstate *vs, const xmlNode *bad, int line)
{
	const xmlNode *parent = bad ? bad->parent : NULL;
	if (!vs->schema || !parent || parent->type != XML_ELEMENT_NODE)
		return false;
	const char *pname = (const char *)parent->name, *bname = (const char *)bad->name;
	const xmlNode *def = S_schema_pattern_of(vs->schema, parent);
	if (!def)
		return false;
	S_kid kids[64];
	size_t n = 0;
	S_schema_kids(vs->schema, def->children, false, false, kids, &n, 64, 0);
	size_t p = 0;
	bool met = false; /* kids[p] repeats and has been seen: no longer needed */
	const char *last = NULL; /* the element matched before bad */
	sg_pos pos = sg_pos_make(vs->st.path, line, 0);
	for (const xmlNode *e = parent->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *ename = (const char *)e->name;
		long j = S_kid_index(kids, n, p, ename);
		if (e != bad && j >= 0) {
			met = kids[j].repeats;
			p = met ? (size_t)j : (size_t)j + 1;
			last = ename;
			continue;
		}
		if (j >= 0) {
			for (size_t r = p; r < (size_t)j; r++)
				if (!kids[r].optional && !(r == p && met)) {
					sg_error(vs->st.d, pos, "<%s> needs <%s> before <%s>", pname,
						 kids[r].name, bname);
					return true;
				}
			return false;
		}
		if (S_kid_index(kids, n, 0, ename) >= 0) {
			if (last)
				sg_error(vs->st.d, pos,
					 "<%s> is out of order: in <%s> it comes before <%s> "
					 "(docs/content.md gives the order)",
					 bname, pname, last);
			else
				sg_error(vs->st.d, pos, "<%s> may appear only once in <%s>", bname,
					 pname);
			return true;
		}
		/* Unknown here: the elements that may come next, up to the first
		 * required one. */
		sg_buf allowed;
		sg_buf_init(&allowed);
		for (size_t k = p; k < n; k++) {
			sg_buf_printf(&allowed, "%s<%s>", allowed.len ? ", " : "", kids[k].name);
			if (!kids[k].optional && !(k == p && met))
				break;
		}
		const char *names[64];
		for (size_t k = 0; k < n; k++)
			names[k] = kids[k].name;
		const char *near = sg_suggest_best(bname, names, n);
		sg_buf hint;
		sg_buf_init(&hint);
		if (near)
			sg_buf_printf(&hint, "; did you mean <%s>?", near);
		if (allowed.len)
			sg_error(vs->st.d, pos, "<%s> has no element <%s>%s (allowed here: %s)", pname,
				 bname, hint.data, allowed.data);
		else if (n == 0)
			sg_error(vs->st.d, pos, "<%s> has no element <%s>%s (it holds text only)",
				 pname, bname, hint.data);
		else
			sg_error(vs->st.d, pos, "<%s> has no element <%s>%s (nothing more may follow)",
				 pname, bname, hint.data);
		sg_buf_dispose(&hint);
		sg_buf_dispose(&allowed);
		return true;
	}
	return false;
}

/* libxml2's "Expecting an element X, got nothing" at element parent (X
 * often left empty): the first required child the schema still wants after
 * the children written, from the schema. Returns false, saying nothing,
 * when the schema does not explain it. */
static bool S_explain_missing(S_vstate *vs, const xmlNode *parent, int line)
{
	if (!vs->schema || !parent || parent->type != XML_ELEMENT_NODE)
		return false;
	const char *pname = (const char *)parent->name;
	const xmlNode *def = S_schema_pattern_of(vs->schema, parent);
	if (!def)
		return false;
	S_kid kids[64];
	size_t n = 0;
	S_schema_kids(vs->schema, def->children, false, false, kids, &n, 64, 0);
	size_t p = 0;
	bool met = false;
	const char *last = NULL;
	for (const xmlNode *e = parent->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		long j = S_kid_index(kids, n, p, (const char *)e->name);
		if (j < 0)
			return false; /* another problem: reported on its own */
		met = kids[j].repeats;
		p = met ? (size_t)j : (size_t)j + 1;
		last = (const char *)e->name;
	}
	for (size_t r = p; r < n; r++)
		if (!kids[r].optional && !(r == p && met)) {
			sg_pos pos = sg_pos_make(vs->st.path, line, 0);
			if (last)
				sg_error(vs->st.d, pos, "<%s> needs <%s> after <%s>", pname,
					 kids[r].name, last);
			else
				sg_error(vs->st.d, pos, "<%s> needs <%s>", pname, kids[r].name);
			return true;
		}
	return false;
}

static void S_validity_error(void *user, xmlErrorPtr err)
{
	S_vstate *vs = user;
	if (!vs || !err || err->level == XML_ERR_WARNING)
		return;
	const xmlNode *node = err->node;
	const char *msg = err->message ? err->message : "";
	bool is_elem = node && node->type == XML_ELEMENT_NODE;
	if (is_elem && strstr(msg, "Error validating value")) {
		S_value_error(vs, err, node);
		return;
	}
	if (is_elem && strstr(msg, "failed to validate content") &&
	    vs->value_error_line == err->line)
		return; /* the value error above already says it */
	if (strstr(msg, "failed to validate attributes")) {
		S_attributes_error(vs, err, is_elem ? node : NULL);
		return;
	}
	char what[128], where[128];
	if (sscanf(msg, "Did not expect element %127s there", what) == 1) {
		vs->unexpected_line = err->line;
		if (is_elem && strcmp((const char *)node->name, what) == 0 &&
		    S_explain_unexpected(vs, node, S_node_line(node, err->line))) {
			vs->st.reported++;
			return;
		}
		sg_error(vs->st.d, sg_pos_make(vs->st.path, err->line, 0),
			 "element <%s> is not expected here: unknown, misspelt, or out of order "
			 "(docs/content.md gives the order)",
			 what);
		vs->st.reported++;
		vs->unexpected_line = err->line;
		return;
	}
	if (is_elem && strncmp(msg, "Expecting an element ", 21) == 0 &&
	    strstr(msg, "got nothing") && S_explain_missing(vs, node, S_node_line(node, err->line))) {
		vs->st.reported++;
		return;
	}
	if (sscanf(msg, "Element %127s has extra content: %127s", where, what) == 2 &&
	    vs->unexpected_line == err->line)
		return; /* said just above */
	char attr[128];
	if (is_elem && sscanf(msg, "Invalid attribute %127s for element", attr) == 1 &&
	    S_invalid_attribute(vs, err, node, attr))
		return;
	S_report(&vs->st, err);
}

int sg_xml_validate(xmlDocPtr doc, const char *schema, const char *path, sg_diags *d)
{
	pthread_once(&S_rng_once, S_rng_init);
	xmlRelaxNGPtr rng = NULL;
	xmlDocPtr schema_doc = NULL;
	for (size_t i = 0; i < S_rng.count; i++)
		if (strcmp(sg_schema_files[i].name, schema) == 0) {
			rng = S_rng.schemas[i];
			schema_doc = S_rng.docs[i];
		}
	if (!rng) {
		sg_error(d, sg_pos_make(path, 0, 0), "internal error: schema %s is not available%s%s",
			 schema, S_rng.failure ? ": " : "", S_rng.failure ? S_rng.failure : "");
		return -1;
	}

	S_vstate vs = {.st = {.path = path, .d = d}, .doc = doc, .schema = schema_doc};
	S_state st_unused = {.path = path, .d = d};
	S_saved saved;
	pthread_mutex_lock(&S_rng_lock);
	S_handlers_push(&saved, &st_unused);
	/* Some validity errors come through the thread's fallback handler. */
	xmlSetStructuredErrorFunc(&vs, S_validity_error);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, S_validity_error, &vs);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	S_handlers_pop(&saved);
	pthread_mutex_unlock(&S_rng_lock);

	int reported = vs.st.reported + st_unused.reported;
	if (rc != 0 && reported == 0)
		sg_error(d, sg_pos_make(path, 0, 0), "does not match schema %s", schema);
	return rc == 0 && reported == 0 ? 0 : -1;
}

char *sg_xml_schema_values(const char *schema, const char *elem, const char *attr)
{
	pthread_once(&S_rng_once, S_rng_init);
	const xmlDoc *sdoc = NULL;
	for (size_t i = 0; i < S_rng.count; i++)
		if (strcmp(sg_schema_files[i].name, schema) == 0)
			sdoc = S_rng.docs[i];
	const xmlNode *root = sdoc ? xmlDocGetRootElement(sdoc) : NULL;
	const xmlNode *n = root ? S_schema_find(root, elem, attr, false) : NULL;
	if (!n)
		return NULL;
	sg_buf out;
	sg_buf_init(&out);
	bool hit = false;
	if (!S_schema_values(sdoc, n->children, &out, &hit, NULL, 0)) {
		sg_buf_dispose(&out);
		return NULL;
	}
	return sg_buf_detach(&out);
}

/* ---------------------------------------------------------------- access */

sg_pos sg_xml_pos(const char *path, const xmlNode *node)
{
	long line = node ? xmlGetLineNo(node) : 0;
	if (line < 0 || line > INT_MAX)
		line = 0;
	return sg_pos_make(path, (int)line, 0);
}

static bool S_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr sg_xml_child(const xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (S_is(n, name))
			return n;
	return NULL;
}

xmlNodePtr sg_xml_next(const xmlNode *node, const char *name)
{
	if (!node)
		return NULL;
	for (xmlNodePtr n = node->next; n; n = n->next)
		if (S_is(n, name))
			return n;
	return NULL;
}

const char *sg_xml_attr(sg_arena *a, const xmlNode *node, const char *name)
{
	if (!node)
		return NULL;
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *copy = sg_arena_strdup(a, (const char *)v);
	xmlFree(v);
	return copy;
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *sg_xml_text(sg_arena *a, const xmlNode *node)
{
	if (!node)
		return sg_arena_strdup(a, "");
	xmlChar *v = xmlNodeGetContent(node);
	if (!v)
		return sg_arena_strdup(a, "");
	const char *s = (const char *)v;
	size_t len = strlen(s);
	size_t start = 0;
	while (start < len && S_space(s[start]))
		start++;
	while (len > start && S_space(s[len - 1]))
		len--;
	char *copy = sg_arena_strndup(a, s + start, len - start);
	xmlFree(v);
	return copy;
}

const char *sg_xml_text_raw(sg_arena *a, const xmlNode *node)
{
	if (!node)
		return sg_arena_strdup(a, "");
	xmlChar *v = xmlNodeGetContent(node);
	if (!v)
		return sg_arena_strdup(a, "");
	char *copy = sg_arena_strdup(a, (const char *)v);
	xmlFree(v);
	return copy;
}

/* ---------------------------------------------------------------- blank values */

/* The namespace of salesgen's own annotations in the schemas. */
#define S_SG_NS "urn:salesgen:schema"

/* The schema pattern for a child `kind` ("element" or "attribute") named
 * name of the element whose pattern is pat: searched through groups,
 * choices, optionals and <ref>s, never inside another element or attribute
 * (their children belong to them). NULL when the schema has none. */
static const xmlNode *S_schema_child(const xmlDoc *schema, const xmlNode *pat, const char *kind,
				     const char *name, int depth)
{
	if (depth > 16)
		return NULL;
	for (const xmlNode *n = pat ? pat->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *k = (const char *)n->name;
		if (strcmp(k, kind) == 0 && S_named(n, kind, name))
			return n;
		if (strcmp(k, "element") == 0 || strcmp(k, "attribute") == 0)
			continue;
		const xmlNode *r = NULL;
		if (strcmp(k, "ref") == 0) {
			xmlChar *ref = xmlGetProp(n, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			xmlFree(ref);
			r = def ? S_schema_child(schema, def, kind, name, depth + 1) : NULL;
		} else {
			r = S_schema_child(schema, n, kind, name, depth + 1);
		}
		if (r)
			return r;
	}
	return NULL;
}

/* Does the pattern pat (an element or attribute) hold free text? */
static bool S_schema_text(const xmlDoc *schema, const xmlNode *pat, int depth)
{
	if (depth > 16)
		return false;
	for (const xmlNode *n = pat ? pat->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *k = (const char *)n->name;
		if (strcmp(k, "text") == 0)
			return true;
		if (strcmp(k, "element") == 0 || strcmp(k, "attribute") == 0)
			continue;
		if (strcmp(k, "ref") == 0) {
			xmlChar *ref = xmlGetProp(n, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			xmlFree(ref);
			if (def && S_schema_text(schema, def, depth + 1))
				return true;
		} else if (S_schema_text(schema, n, depth + 1)) {
			return true;
		}
	}
	return false;
}

static bool S_blank_allowed(const xmlNode *pat)
{
	xmlChar *v = xmlGetNsProp(pat, (const xmlChar *)"blank", (const xmlChar *)S_SG_NS);
	bool yes = v && strcmp((const char *)v, "allowed") == 0;
	xmlFree(v);
	return yes;
}

/* The blank-value check runs on every element of every file a build reads,
 * and finding a child's pattern walks the schema through groups and <ref>s
 * (each <ref> a search of the <define>s by name). So each schema's element
 * and attribute patterns are indexed once per process: per pattern, whether
 * it holds free text, whether blank is allowed, and its children in the
 * order S_schema_child would find them, each pointing at its own entry. */
typedef struct S_bkid {
	bool attribute;	  /* an <attribute>, else an <element> */
	const char *name; /* lives as long as the schema document */
	size_t pat;	  /* the child's entry in S_bindex.pats */
} S_bkid;

typedef struct S_bpat {
	const xmlNode *node;
	bool text;	     /* S_schema_text */
	bool blank_allowed; /* S_blank_allowed */
	S_bkid *kids;
	size_t nkids;
} S_bpat;

typedef struct S_bindex {
	S_bpat *pats;
	size_t count, cap;
	size_t root; /* the pattern of the root element; SIZE_MAX when none */
} S_bindex;

static S_bindex *S_bindexes; /* parallel to S_rng.docs */
static pthread_once_t S_bindex_once = PTHREAD_ONCE_INIT;

static size_t S_bindex_add(S_bindex *ix, const xmlDoc *schema, const xmlNode *node);

/* Appends to pat's kids the named <element>s and <attribute>s found below n
 * as S_schema_child searches them (same order, same depth limit), the first
 * of a kind and name only, since that is the one S_schema_child returns. */
static void S_bindex_kids(S_bindex *ix, const xmlDoc *schema, size_t pat, const xmlNode *n,
			  int depth)
{
	if (depth > 16)
		return;
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *k = (const char *)c->name;
		bool attribute = strcmp(k, "attribute") == 0;
		if (attribute || strcmp(k, "element") == 0) {
			xmlChar *v = xmlGetProp(c, (const xmlChar *)"name");
			if (!v)
				continue;
			bool seen = false;
			for (size_t i = 0; i < ix->pats[pat].nkids && !seen; i++)
				seen = ix->pats[pat].kids[i].attribute == attribute &&
				       strcmp(ix->pats[pat].kids[i].name, (const char *)v) == 0;
			if (seen) {
				xmlFree(v);
				continue;
			}
			char *name = sg_xstrdup((const char *)v); /* kept for the process */
			xmlFree(v);
			size_t child = S_bindex_add(ix, schema, c);
			S_bpat *p = &ix->pats[pat];
			p->kids = sg_xrealloc(p->kids, (p->nkids + 1) * sizeof *p->kids);
			p->kids[p->nkids++] = (S_bkid){attribute, name, child};
			continue;
		}
		if (strcmp(k, "ref") == 0) {
			xmlChar *ref = xmlGetProp(c, (const xmlChar *)"name");
			const xmlNode *def = ref ? S_schema_define(schema, (const char *)ref) : NULL;
			xmlFree(ref);
			if (def)
				S_bindex_kids(ix, schema, pat, def, depth + 1);
		} else {
			S_bindex_kids(ix, schema, pat, c, depth + 1);
		}
	}
}

/* The entry of pattern node, made (with its children's) when new. An entry
 * is added before its children are looked for, so a pattern that contains
 * itself through a <ref> ends the recursion. */
static size_t S_bindex_add(S_bindex *ix, const xmlDoc *schema, const xmlNode *node)
{
	for (size_t i = 0; i < ix->count; i++)
		if (ix->pats[i].node == node)
			return i;
	if (ix->count == ix->cap) {
		ix->cap = ix->cap ? 2 * ix->cap : 64;
		ix->pats = sg_xrealloc(ix->pats, ix->cap * sizeof *ix->pats);
	}
	size_t at = ix->count++;
	ix->pats[at] = (S_bpat){.node = node,
				.text = S_schema_text(schema, node, 0),
				.blank_allowed = S_blank_allowed(node)};
	S_bindex_kids(ix, schema, at, node, 0);
	return at;
}

static void S_bindex_init(void)
{
	S_bindexes = sg_xcalloc(S_rng.count ? S_rng.count : 1, sizeof *S_bindexes);
	for (size_t i = 0; i < S_rng.count; i++) {
		S_bindex *ix = &S_bindexes[i];
		ix->root = SIZE_MAX;
		const xmlNode *grammar = S_rng.docs[i] ? xmlDocGetRootElement(S_rng.docs[i]) : NULL;
		const xmlNode *start = NULL;
		for (const xmlNode *n = grammar ? grammar->children : NULL; n && !start; n = n->next)
			if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "start") == 0)
				start = n;
		if (start)
			ix->root = S_bindex_add(ix, S_rng.docs[i], start);
	}
}

static const S_bpat *S_bindex_kid(const S_bindex *ix, const S_bpat *p, bool attribute,
				  const char *name)
{
	for (size_t i = 0; i < p->nkids; i++)
		if (p->kids[i].attribute == attribute && strcmp(p->kids[i].name, name) == 0)
			return &ix->pats[p->kids[i].pat];
	return NULL;
}

typedef struct S_blank_walk {
	const S_bindex *ix;
	sg_xml_blank_fn fn;
	void *ctx;
	size_t found;
} S_blank_walk;

static void S_blank_element(S_blank_walk *w, const xmlNode *node, const S_bpat *pat, int depth)
{
	if (depth > 256)
		return;
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		if (a->ns)
			continue;
		const char *name = (const char *)a->name;
		const S_bpat *ap = S_bindex_kid(w->ix, pat, true, name);
		if (!ap || ap->blank_allowed || !ap->text)
			continue;
		xmlChar *v = xmlGetNoNsProp(node, a->name);
		if (v && sg_utf8_blank((const char *)v)) {
			w->fn(w->ctx, node, name, (const char *)v);
			w->found++;
		}
		xmlFree(v);
	}
	bool has_children = false;
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		has_children = true;
		const S_bpat *cp = S_bindex_kid(w->ix, pat, false, (const char *)c->name);
		if (cp)
			S_blank_element(w, c, cp, depth + 1);
	}
	if (!has_children && !pat->blank_allowed && pat->text) {
		xmlChar *v = xmlNodeGetContent(node);
		if (sg_utf8_blank((const char *)v)) {
			w->fn(w->ctx, node, NULL, v ? (const char *)v : "");
			w->found++;
		}
		xmlFree(v);
	}
}

size_t sg_xml_find_blank(xmlDocPtr doc, const char *schema, sg_xml_blank_fn fn, void *ctx)
{
	pthread_once(&S_rng_once, S_rng_init);
	pthread_once(&S_bindex_once, S_bindex_init);
	const S_bindex *ix = NULL;
	for (size_t i = 0; i < S_rng.count; i++)
		if (strcmp(sg_schema_files[i].name, schema) == 0)
			ix = &S_bindexes[i];
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || !ix || ix->root == SIZE_MAX)
		return 0;
	const S_bpat *pat = S_bindex_kid(ix, &ix->pats[ix->root], false, (const char *)root->name);
	if (!pat)
		return 0;
	S_blank_walk w = {ix, fn, ctx, 0};
	S_blank_element(&w, root, pat, 0);
	return w.found;
}
