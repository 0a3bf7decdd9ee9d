/*
 * proposal.c - choosing a template, rendering it, and a customer's proposal
 * ready to typeset (cover fields, watermark, metadata).
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "document/mustache.h"
#include "document/proposal.h"
#include "load/mdparse.h"

void sg_proposal_doc_init(sg_proposal_doc *doc)
{
	memset(doc, 0, sizeof *doc);
	sg_arena_init(&doc->arena);
}

void sg_proposal_doc_dispose(sg_proposal_doc *doc)
{
	sg_mdtree_free(doc->tree);
	sg_arena_dispose(&doc->arena);
	memset(doc, 0, sizeof *doc);
}

/* ---------------------------------------------------------------- choice */

static bool S_front_bool(const sg_doc *t, const char *key)
{
	const sg_value *v = sg_map_get(t->front, key);
	return v && v->kind == SG_VAL_BOOL && v->u.b;
}

static bool S_lists(const sg_doc *t, const char *id)
{
	const sg_value *v = sg_map_get(t->front, "customers");
	if (!v || v->kind != SG_VAL_LIST)
		return false;
	for (const sg_value *it = v->u.items.first; it; it = it->next)
		if (it->kind == SG_VAL_STR && strcmp(it->u.str.s, id) == 0)
			return true;
	return false;
}

const sg_doc *sg_proposal_pick(const sg_content *c, const sg_customer *cu, const char *name,
			       sg_diags *d)
{
	const char *lang = cu->lang ? cu->lang : c->site ? c->site->lang : "zh-CN";
	const sg_doc *listed = NULL, *by_default = NULL, *by_lang = NULL;
	for (size_t i = 0; i < c->doc_count; i++) {
		const sg_doc *t = c->docs[i];
		if (t->kind != SG_DOC_PROPOSAL)
			continue;
		if (name) {
			if (strcmp(t->slug, name) == 0)
				return t;
			continue;
		}
		if (!listed && S_lists(t, cu->id))
			listed = t;
		bool same = t->lang && strcmp(t->lang, lang) == 0;
		if (same && !by_default && S_front_bool(t, "default"))
			by_default = t;
		if (same && !by_lang)
			by_lang = t;
	}
	if (name) {
		sg_error(d, cu->offer.given ? cu->offer.template_pos : cu->pos,
			 "no proposal template named '%s' (proposals/%s.md)", name, name);
		return NULL;
	}
	if (listed)
		return listed;
	if (by_default)
		return by_default;
	if (by_lang)
		return by_lang;
	sg_error(d, cu->pos, "no proposal template in %s for customer '%s' (add proposals/NAME.md "
			     "with lang: %s)",
		 lang, cu->id, lang);
	return NULL;
}

/* ---------------------------------------------------------------- rendering */

/* The template's text with its front matter replaced by blank lines, so
 * that line N of what the engine sees is line N of the file and every
 * message points at the right line. */
static void S_padded(sg_buf *out, const sg_doc *t)
{
	for (int i = 1; i < t->body_line; i++)
		sg_buf_putc(out, '\n');
	sg_buf_put(out, t->body, t->body_len);
}

/* doc's tree from tpl rendered with data, which lives in data_arena (NULL:
 * the caller's to keep): disposed of as soon as the Markdown is made when
 * that has no directive, whose blocks would be made from data. */
static int S_render(sg_proposal_doc *doc, const sg_doc *tpl, const sg_value *data,
		    sg_arena *data_arena, sg_diags *d)
{
	if (sg_proposal_check_directives(tpl->body, tpl->body_len, tpl->path, tpl->body_line, d))
		return -1;
	sg_buf text, md;
	sg_buf_init(&text);
	sg_buf_init(&md);
	S_padded(&text, tpl);
	sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT, .escape = sg_escape_markdown};
	int rc = sg_template_render_string(&md, text.data, text.len, tpl->path, &opts, data, d);
	sg_buf_dispose(&text);
	if (data_arena && (rc != 0 || !strstr(md.data, "salesgen:"))) {
		/* A report's data (a row per customer) goes before the
		 * parser's nodes come. */
		sg_arena_dispose(data_arena);
		data_arena = NULL;
		data = NULL;
	}
	if (rc == 0) {
		/* Parsed once; the blocks are made into the tree. */
		sg_mdtree_free(doc->tree);
		doc->tree = sg_mdparse(md.data, md.len, 1);
		rc = sg_proposal_expand(doc->tree, data, doc->lang, &doc->arena, &doc->charts,
					&doc->ncharts, &doc->blocks, &doc->nblocks, tpl->path, d);
	}
	if (data_arena)
		sg_arena_dispose(data_arena);
	if (rc == 0) {
		doc->rendered = sg_arena_strndup(&doc->arena, md.data, md.len);
		doc->rendered_len = md.len;
		doc->path = tpl->path;
	}
	sg_buf_dispose(&md);
	return rc;
}

int sg_proposal_render(sg_proposal_doc *doc, const sg_doc *tpl, const sg_value *data,
		       sg_diags *d)
{
	return S_render(doc, tpl, data, NULL, d);
}

int sg_proposal_render_dispose(sg_proposal_doc *doc, const sg_doc *tpl, const sg_value *data,
			       sg_arena *data_arena, sg_diags *d)
{
	return S_render(doc, tpl, data, data_arena, d);
}

void sg_proposal_markdown(const sg_proposal_doc *doc, sg_buf *out)
{
	const char *p = doc->rendered ? doc->rendered : "", *end = p + doc->rendered_len;
	int line = 1; /* of p */
	for (size_t i = 0; i < doc->nblocks; i++) {
		const sg_proposal_block *b = &doc->blocks[i];
		/* Up to the directive's first line, then past its last. */
		while (p < end && line < b->line) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *next = nl ? nl + 1 : end;
			sg_buf_put(out, p, (size_t)(next - p));
			p = next;
			line++;
		}
		if (b->first)
			sg_mdtree_write(out, b->first, b->last, sg_escape_markdown);
		while (p < end && line <= b->end_line) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			line++;
		}
	}
	sg_buf_put(out, p, (size_t)(end - p));
}

const char *sg_proposal_front_text(sg_proposal_doc *doc, const sg_doc *tpl, const char *key,
				   const sg_value *data, sg_diags *d)
{
	const sg_value *v = sg_map_get(tpl->front, key);
	if (!v || v->kind != SG_VAL_STR)
		return NULL;
	sg_buf text, out;
	sg_buf_init(&text);
	sg_buf_init(&out);
	for (int i = 1; i < v->line; i++)
		sg_buf_putc(&text, '\n');
	sg_buf_puts(&text, v->u.str.s);
	sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT, .escape = sg_escape_none};
	const char *s = NULL;
	if (sg_template_render_string(&out, text.data, text.len, tpl->path, &opts, data, d) == 0) {
		const char *p = out.data;
		while (*p == '\n' || *p == ' ')
			p++;
		s = sg_arena_strdup(&doc->arena, p);
	}
	sg_buf_dispose(&text);
	sg_buf_dispose(&out);
	return s;
}

/* ---------------------------------------------------------------- proposal */

sg_value *sg_proposal_data(sg_arena *a, const sg_content *c, const sg_customer *cu,
			   const char *lang, sg_date today, sg_diags *d)
{
	/* The firewall: the fields for the customer, and no other. */
	sg_view_opts o = {c, cu, lang, today, "proposal", true};
	return sg_view_build_checked(a, &o, d);
}

static const char *S_path_str(const sg_value *root, const char *path)
{
	const sg_value *v = sg_value_path(root, path);
	return v && v->kind == SG_VAL_STR && v->u.str.len ? v->u.str.s : NULL;
}

static void S_field(sg_proposal_doc *doc, const char *label, const char *value)
{
	if (!value || !*value || doc->nfields >= sizeof doc->fields / sizeof *doc->fields)
		return;
	doc->fields[doc->nfields].label = label;
	doc->fields[doc->nfields].value = value;
	doc->nfields++;
}

/* Where a cover text comes from: the customer's <short-name> or <name>
 * when that makes up most of it (a name of six hundred characters is what
 * makes a title too long, not the template), else fallback. */
static sg_pos S_text_pos(const sg_customer *cu, const char *text, sg_pos fallback)
{
	if (!text)
		return fallback;
	size_t len = strlen(text);
	if (cu->short_name && *cu->short_name && strstr(text, cu->short_name) &&
	    2 * strlen(cu->short_name) > len)
		return cu->short_name_pos;
	if (cu->name && *cu->name && strstr(text, cu->name) && 2 * strlen(cu->name) > len)
		return cu->name_pos;
	return fallback;
}

/* The line of the template's front matter key, else the template. */
static sg_pos S_front_pos(const sg_doc *tpl, const char *key)
{
	const sg_value *v = sg_map_get(tpl->front, key);
	return sg_pos_make(tpl->path, v ? v->line : 0, 0);
}

/* The cover's fields, the running header, the footer line and the PDF's
 * metadata, read from the public data like everything else. */
static void S_cover(sg_proposal_doc *doc, const sg_value *data, const char *lang)
{
	S_field(doc, sg_proposal_label("doc.customer", lang), S_path_str(data, "customer.name"));
	S_field(doc, sg_proposal_label("doc.number", lang), S_path_str(data, "offer.number"));
	S_field(doc, sg_proposal_label("doc.date", lang), S_path_str(data, "document.date"));
	S_field(doc, sg_proposal_label("doc.valid_until", lang),
		S_path_str(data, "offer.valid_until"));
	S_field(doc, sg_proposal_label("doc.prepared_by", lang), S_path_str(data, "vendor.name"));
	const char *rep = S_path_str(data, "customer.owner.name");
	const char *phone = S_path_str(data, "customer.owner.phone");
	if (rep)
		S_field(doc, sg_proposal_label("doc.contact", lang),
			phone ? sg_arena_printf(&doc->arena, "%s  %s", rep, phone) : rep);
	const char *short_name = S_path_str(data, "customer.short_name");
	/* The running header names the customer once: the title usually does. */
	doc->header = short_name && !strstr(doc->title, short_name)
			      ? sg_arena_printf(&doc->arena, "%s · %s", short_name, doc->title)
			      : doc->title;
	/* The customer's name is never blank (model/xmlcheck.h); without one there
	 * is no line rather than "本方案专为编制". */
	const char *for_name = short_name ? short_name : S_path_str(data, "customer.name");
	doc->confidential = for_name ? sg_arena_printf(&doc->arena,
						       sg_proposal_label("doc.for", lang), for_name)
				     : NULL;
	doc->author = S_path_str(data, "vendor.name");
	doc->subject = doc->title;
	doc->keywords = S_path_str(data, "offer.number");
}

/* The characters (not bytes) from line to at, for a column. */
static int S_col(const char *line, const char *at)
{
	int col = 1;
	for (const char *p = line; p < at; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	return col;
}

/* Whether p starts with name, Latin letters compared without case. */
static bool S_starts(const char *p, const char *name)
{
	for (; *name; p++, name++) {
		char a = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		char b = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name;
		if (!*p || a != b)
			return false;
	}
	return true;
}

/* Whether edition ed has the feature ft. */
static bool S_edition_has(const sg_edition *ed, const sg_feature *ft)
{
	for (size_t i = 0; i < ed->feature_count; i++)
		if (strcmp(ed->features[i], ft->id) == 0)
			return true;
	return false;
}

/* If p starts the name of one of the lacking features (those of the
 * product the edition lacks, found once per template, not at every byte:
 * a diff of a thousand customers spent a third of its time here), that
 * feature and (in *name) the name; else NULL. */
static const sg_feature *S_lacking_at(const sg_feature *const *lacking, size_t nlacking,
				      const char *p, const char **name)
{
	for (size_t f = 0; f < nlacking; f++) {
		const sg_feature *ft = lacking[f];
		for (size_t n = 0; n < ft->name.count; n++) {
			const char *nm = ft->name.items[n].text;
			if (nm && *nm && S_starts(p, nm)) {
				*name = nm;
				return ft;
			}
		}
	}
	return NULL;
}

size_t sg_proposal_check_features(const sg_doc *tpl, const sg_customer *cu, sg_diags *d)
{
	const sg_offer *o = &cu->offer;
	if (!tpl || !o->given || !o->product || !o->edition || !tpl->body)
		return 0;
	const sg_product *pr = o->product;
	const sg_feature **lacking = sg_xcalloc(pr->feature_count + 1, sizeof *lacking);
	size_t nlacking = 0;
	for (size_t f = 0; f < pr->feature_count; f++)
		if (!S_edition_has(o->edition, &pr->features[f]))
			lacking[nlacking++] = &pr->features[f];
	size_t errors = 0;
	const char *s = tpl->body, *end = s + tpl->body_len, *line = s;
	int lineno = tpl->body_line > 0 ? tpl->body_line : 1;
	for (const char *p = s; nlacking && p < end; p++) {
		if (*p == '\n') {
			line = p + 1;
			lineno++;
			continue;
		}
		/* A comment is a note to the next writer, never printed. */
		if (p + 2 < end && memcmp(p, "{{!", 3) == 0) {
			const char *close = strstr(p, "}}");
			for (const char *q = p; close && q < close; q++)
				if (*q == '\n') {
					line = q + 1;
					lineno++;
				}
			p = close ? close + 1 : end;
			continue;
		}
		const char *name;
		const sg_feature *ft = S_lacking_at(lacking, nlacking, p, &name);
		if (!ft)
			continue;
		sg_error(d, sg_pos_make(tpl->path, lineno, S_col(line, p)),
			 "the template names the feature '%s' (%s), which the %s edition offered to %s "
			 "does not have: a proposal must not promise it (show features with "
			 "{{#features}}, which lists the edition's own)",
			 name, ft->id, o->edition->id, cu->id);
		errors++;
		p += strlen(name) - 1;
	}
	free(lacking);
	return errors;
}

int sg_proposal_prepare(sg_proposal_doc *doc, const sg_content *c, const sg_customer *cu,
			const sg_proposal_opts *o, sg_diags *d)
{
	static const sg_proposal_opts none;
	if (!o)
		o = &none;
	const char *name = o->template_name ? o->template_name
					    : cu->offer.given ? cu->offer.template_name : NULL;
	const sg_doc *tpl = sg_proposal_pick(c, cu, name, d);
	if (!tpl)
		return -1;
	if (sg_proposal_check_features(tpl, cu, d))
		return -1;
	if (tpl->audience != SG_AUDIENCE_CUSTOMER) {
		sg_error(d, tpl->pos, "a proposal template must have audience: customer");
		return -1;
	}
	/* The template's text is in one language: formatted values follow it. */
	const char *lang = o->lang ? o->lang : tpl->lang ? tpl->lang : cu->lang;
	doc->lang = sg_arena_strdup(&doc->arena, lang);
	doc->date = sg_date_is_set(o->build_date) ? o->build_date : cu->as_of;

	sg_value *data = sg_proposal_data(&doc->arena, c, cu, lang, doc->date, d);
	if (!data)
		return -1;
	if (sg_proposal_render(doc, tpl, data, d) != 0)
		return -1;

	const char *title = sg_proposal_front_text(doc, tpl, "title", data, d);
	doc->title = title ? title : tpl->title;
	doc->subtitle = sg_proposal_front_text(doc, tpl, "subtitle", data, d);
	S_cover(doc, data, lang);
	doc->title_pos = S_text_pos(cu, doc->title, S_front_pos(tpl, "title"));
	doc->subtitle_pos = S_text_pos(cu, doc->subtitle, S_front_pos(tpl, "subtitle"));
	for (size_t i = 0; i < doc->nfields; i++)
		doc->field_pos[i] = S_text_pos(cu, doc->fields[i].value, sg_pos_make(NULL, 0, 0));

	/* Approval as code: built anyway, but marked on every page. */
	if (sg_eval_of(cu)->approval_missing) {
		doc->draft = true;
		doc->watermark = sg_proposal_label("doc.watermark", lang);
	}
	return 0;
}
