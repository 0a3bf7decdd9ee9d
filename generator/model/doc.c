/*
 * doc.c - loading one Markdown document: front matter fields, title, body.
 *
 * Every problem of a file is reported before giving up on it, so a user sees
 * all of a document's front matter mistakes in one run.
 */
#include "model/doc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "load/frontmatter.h"
#include "load/mdparse.h"

/* A document's tree and who reads it (see doc.h). */
struct sg_doc_cache {
	pthread_mutex_t lock;
	sg_mdtree *tree;
	int readers;   /* outputs reading it now */
	int expected;  /* outputs still to read it */
	bool counted;  /* its bytes are in S_kept */
};

/* The bytes of the trees kept in this process for later readers. */
static size_t S_kept;
static size_t S_parses; /* sg_doc_tree_parses(), under S_kept_lock */
static pthread_mutex_t S_kept_lock = PTHREAD_MUTEX_INITIALIZER;

/* Counts size bytes as kept, when there is room for them. */
static bool S_reserve(size_t size)
{
	pthread_mutex_lock(&S_kept_lock);
	bool room = S_kept + size <= SG_DOC_TREES_CAP;
	if (room)
		S_kept += size;
	pthread_mutex_unlock(&S_kept_lock);
	return room;
}

/* doc's body parsed, and counted. */
static sg_mdtree *S_parse(const sg_doc *doc)
{
	pthread_mutex_lock(&S_kept_lock);
	S_parses++;
	pthread_mutex_unlock(&S_kept_lock);
	return sg_mdparse(doc->body, doc->body_len, doc->body_line);
}

size_t sg_doc_tree_parses(void)
{
	pthread_mutex_lock(&S_kept_lock);
	size_t n = S_parses;
	pthread_mutex_unlock(&S_kept_lock);
	return n;
}

static void S_unreserve(size_t size)
{
	pthread_mutex_lock(&S_kept_lock);
	S_kept -= size < S_kept ? size : S_kept;
	pthread_mutex_unlock(&S_kept_lock);
}

/* The language assumed when neither the document nor the site names one. */
#define S_FALLBACK_LANG "zh-CN"

typedef struct S_loader {
	sg_arena *a;
	sg_doc *doc;
	sg_diags *d;
} S_loader;

static sg_pos S_pos(const S_loader *l, const sg_value *v)
{
	return sg_pos_make(l->doc->path, v->line, v->col);
}

/* A front matter string: a string, or an integer taken as its digits (so that
 * `title: 2024` works). NULL (absent) for a missing key or a null value;
 * otherwise an error for any other kind. */
static const char *S_string(S_loader *l, const sg_value *v, const char *what)
{
	if (!v || v->kind == SG_VAL_NULL)
		return NULL;
	if (v->kind == SG_VAL_STR)
		return v->u.str.s;
	if (v->kind == SG_VAL_INT) {
		sg_buf b;
		sg_buf_init(&b);
		sg_value_to_text(v, &b);
		const char *s = sg_arena_strndup(l->a, b.data, b.len);
		sg_buf_dispose(&b);
		return s;
	}
	sg_error(l->d, S_pos(l, v), "%s must be a string", what);
	return NULL;
}

static void S_title(S_loader *l, const sg_value *front)
{
	const char *t = S_string(l, sg_map_get(front, "title"), "title");
	if (t && !sg_utf8_blank(t))
		l->doc->title = t;
}

/* The blank-value rule of the XML files (model/xmlcheck.h), for front
 * matter: a string that holds only white space would print as nothing (a
 * title, a subtitle, a case study's customer), so every one is an error at
 * its position, whatever its key. A key with no value at all (`title:`) is
 * null, not blank: it counts as left out. */
static void S_blank_strings(S_loader *l, const sg_value *v, const char *key, int depth)
{
	if (!v || depth > 64)
		return;
	if (v->kind == SG_VAL_STR && sg_utf8_blank(v->u.str.s)) {
		sg_error(l->d, S_pos(l, v), "%s is empty%s", key ? key : "a value",
			 v->u.str.len ? " (only spaces)" : "");
		return;
	}
	if (v->kind != SG_VAL_LIST && v->kind != SG_VAL_MAP)
		return;
	for (const sg_value *c = v->u.items.first; c; c = c->next)
		S_blank_strings(l, c, v->kind == SG_VAL_MAP ? c->key : key, depth + 1);
}

static void S_lang(S_loader *l, const sg_value *front, const char *default_lang)
{
	const sg_value *v = sg_map_get(front, "lang");
	const char *lang = S_string(l, v, "lang");
	if (!lang) {
		l->doc->lang = default_lang ? sg_arena_strdup(l->a, default_lang) : S_FALLBACK_LANG;
		return;
	}
	if (strcmp(lang, "zh-CN") != 0 && strcmp(lang, "en") != 0) {
		sg_error(l->d, S_pos(l, v), "lang must be zh-CN or en, not '%s'", lang);
		return;
	}
	l->doc->lang = lang;
}

static void S_order(S_loader *l, const sg_value *front)
{
	const sg_value *v = sg_map_get(front, "order");
	if (!v || v->kind == SG_VAL_NULL)
		return;
	if (v->kind != SG_VAL_INT || v->u.i < -1000000000 || v->u.i > 1000000000) {
		sg_error(l->d, S_pos(l, v), "order must be a whole number");
		return;
	}
	l->doc->order = (int)v->u.i;
}

static void S_tags(S_loader *l, const sg_value *front)
{
	const sg_value *v = sg_map_get(front, "tags");
	if (!v || v->kind == SG_VAL_NULL)
		return;
	if (v->kind == SG_VAL_STR || v->kind == SG_VAL_INT) {
		l->doc->tags = sg_arena_alloc(l->a, sizeof *l->doc->tags);
		l->doc->tags[0] = S_string(l, v, "tags");
		l->doc->tag_count = 1;
		return;
	}
	if (v->kind != SG_VAL_LIST) {
		sg_error(l->d, S_pos(l, v), "tags must be a list of strings");
		return;
	}
	l->doc->tags = sg_arena_alloc(l->a, (v->u.items.count + 1) * sizeof *l->doc->tags);
	for (const sg_value *t = v->u.items.first; t; t = t->next) {
		if (t->kind != SG_VAL_STR && t->kind != SG_VAL_INT) {
			sg_error(l->d, S_pos(l, t), "tags must be a list of strings");
			continue;
		}
		l->doc->tags[l->doc->tag_count++] = S_string(l, t, "tags");
	}
}

static void S_audience(S_loader *l, const sg_value *front)
{
	const sg_value *v = sg_map_get(front, "audience");
	const char *aud = S_string(l, v, "audience");
	l->doc->audience =
		l->doc->kind == SG_DOC_PROPOSAL || l->doc->kind == SG_DOC_QUOTE ? SG_AUDIENCE_CUSTOMER : SG_AUDIENCE_INTERNAL;
	if (!aud)
		return;
	if (strcmp(aud, "customer") == 0)
		l->doc->audience = SG_AUDIENCE_CUSTOMER;
	else if (strcmp(aud, "internal") == 0)
		l->doc->audience = SG_AUDIENCE_INTERNAL;
	else
		sg_error(l->d, S_pos(l, v), "audience must be customer or internal, not '%s'", aud);
}

/* "objection-handling_v2" -> "objection handling v2". */
static const char *S_title_from_name(sg_arena *a, const char *slug)
{
	char *t = sg_arena_strdup(a, slug);
	for (char *p = t; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	return t;
}

sg_doc *sg_doc_load(sg_arena *a, const char *path, sg_doc_kind kind, const char *default_lang,
		    sg_diags *d)
{
	return sg_doc_load_in(a, NULL, path, kind, default_lang, d);
}

/* A copy in a of file (disposed here), which the document's body points
 * into for as long as it lives. NULL (reported at path) when it is not
 * UTF-8. */
static char *S_text_copy(sg_arena *a, const char *path, sg_buf *file, sg_diags *d)
{
	size_t bad = sg_utf8_validate(file->data, file->len);
	char *text = NULL;
	if (bad != SG_UTF8_OK) {
		int line, col;
		sg_utf8_line_col(file->data, bad, &line, &col);
		sg_error(d, sg_pos_make(path, line, col), "invalid UTF-8");
	} else {
		text = sg_arena_strndup(a, file->data, file->len);
	}
	sg_buf_dispose(file);
	return text;
}

/* The front matter of text (len bytes) as doc->front, an empty map when it
 * has none, and the rest as doc->body. -1 when the front matter does not
 * parse (reported). */
static int S_split(sg_arena *a, sg_doc *doc, const char *text, size_t len, sg_diags *d)
{
	const char *yaml;
	size_t yaml_len, body_off;
	int body_line;
	doc->front = NULL;
	if (sg_frontmatter_split(text, len, &body_off, &body_line, &yaml, &yaml_len)) {
		doc->front = sg_frontmatter_parse(a, yaml, yaml_len, doc->path, 2, d);
		if (!doc->front)
			return -1;
	} else {
		doc->front = sg_value_map(a);
	}
	doc->body = text + body_off;
	doc->body_len = len - body_off;
	doc->body_line = body_line;
	return 0;
}

/* A title for a document whose front matter gives none: its first heading
 * (the body parsed now, and the tree kept for the outputs, planned later,
 * while there is room), else its file name. */
static void S_title_from_body(sg_arena *a, sg_doc *doc)
{
	sg_mdtree *t = S_parse(doc);
	doc->title = sg_mdtree_first_heading_text(t->root, a);
	if (S_reserve(sg_mdtree_size(t))) {
		doc->cache->tree = t;
		doc->cache->counted = true;
	} else {
		sg_mdtree_free(t);
	}
	if (!doc->title)
		doc->title = S_title_from_name(a, doc->slug);
}

sg_doc *sg_doc_load_in(sg_arena *a, const char *folder, const char *path, sg_doc_kind kind,
		       const char *default_lang, sg_diags *d)
{
	size_t errors = sg_diags_errors(d);
	sg_buf file;
	sg_buf_init(&file);
	if (sg_confine_read(folder, SG_CONFINE_CONTENT, path, SG_FILE_CAP_DEFAULT, &file, d) < 0) {
		sg_buf_dispose(&file);
		return NULL;
	}

	sg_doc *doc = sg_arena_alloc(a, sizeof *doc);
	doc->path = sg_arena_strdup(a, path);
	doc->pos = sg_pos_make(doc->path, 1, 0);
	doc->kind = kind;
	char *stem = sg_path_stem(path);
	doc->slug = sg_arena_strdup(a, stem);
	free(stem);

	size_t len = file.len;
	char *text = S_text_copy(a, doc->path, &file, d);
	if (!text || S_split(a, doc, text, len, d) != 0)
		return NULL;

	S_loader l = {a, doc, d};
	S_blank_strings(&l, doc->front, NULL, 0);
	S_title(&l, doc->front);
	S_lang(&l, doc->front, default_lang);
	S_order(&l, doc->front);
	S_tags(&l, doc->front);
	S_audience(&l, doc->front);
	const sg_value *summary = sg_map_get(doc->front, "summary");
	doc->summary = S_string(&l, summary, "summary");

	doc->cache = sg_arena_alloc(a, sizeof *doc->cache);
	pthread_mutex_init(&doc->cache->lock, NULL);
	if (!doc->title)
		S_title_from_body(a, doc);

	if (sg_diags_errors(d) > errors) {
		sg_doc_dispose(doc);
		return NULL;
	}
	return doc;
}

/* ---------------------------------------------------------------- the tree */

void sg_doc_tree_expect(const sg_doc *doc)
{
	if (!doc || !doc->cache)
		return;
	pthread_mutex_lock(&doc->cache->lock);
	doc->cache->expected++;
	pthread_mutex_unlock(&doc->cache->lock);
}

const sg_mdtree *sg_doc_tree(const sg_doc *doc)
{
	struct sg_doc_cache *c = doc->cache;
	if (!c)
		return S_parse(doc);
	/* Parsed under the document's lock: a second reader waits for the
	 * first one's tree rather than parse it too. */
	pthread_mutex_lock(&c->lock);
	if (!c->tree)
		c->tree = S_parse(doc);
	c->readers++;
	if (c->expected > 0)
		c->expected--;
	sg_mdtree *t = c->tree;
	pthread_mutex_unlock(&c->lock);
	return t;
}

void sg_doc_tree_release(const sg_doc *doc, const sg_mdtree *t)
{
	struct sg_doc_cache *c = doc ? doc->cache : NULL;
	if (!c) {
		sg_mdtree_free((sg_mdtree *)t);
		return;
	}
	pthread_mutex_lock(&c->lock);
	if (c->tree != t) {
		/* Not the document's (a caller's mistake, or a tree parsed
		 * for a document made by hand): it is the caller's to free. */
		pthread_mutex_unlock(&c->lock);
		sg_mdtree_free((sg_mdtree *)t);
		return;
	}
	if (c->readers > 0)
		c->readers--;
	if (c->readers == 0) {
		/* Kept for the readers to come, when it fits. */
		if (c->expected > 0 && !c->counted)
			c->counted = S_reserve(sg_mdtree_size(c->tree));
		if (c->expected == 0 || !c->counted) {
			if (c->counted)
				S_unreserve(sg_mdtree_size(c->tree));
			c->counted = false;
			sg_mdtree_free(c->tree);
			c->tree = NULL;
		}
	}
	pthread_mutex_unlock(&c->lock);
}

void sg_doc_dispose(sg_doc *doc)
{
	if (!doc || !doc->cache)
		return;
	struct sg_doc_cache *c = doc->cache;
	if (c->tree) {
		if (c->counted)
			S_unreserve(sg_mdtree_size(c->tree));
		sg_mdtree_free(c->tree);
	}
	pthread_mutex_destroy(&c->lock);
	doc->cache = NULL;
}
