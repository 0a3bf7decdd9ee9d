/*
 * site.c - content/site.xml: the vendor, the reps, the proposal-number
 * pattern and the project stages with their checklists.
 *
 * The schema (site.rng) fixes the shape; this file checks the ids (safe file
 * names, no duplicates: reps and stages across the site, checklist items
 * across all stages, because a customer's <done item="..."/> names an item
 * without its stage) and reports each problem at its line.
 */
#include "model/site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/path.h"
#include "load/xml.h"
#include "model/l10n.h"
#include "model/srcmap.h"
#include "model/xmlcheck.h"

typedef struct S_ctx {
	sg_arena *a;
	const char *path; /* in the arena */
	sg_diags *d;
	sg_site *s;
	sg_srcmap map; /* the file's text: exact line and column of tags */
} S_ctx;

static size_t S_count(const xmlNode *parent, const char *name)
{
	size_t n = 0;
	for (xmlNodePtr e = sg_xml_child(parent, name); e; e = sg_xml_next(e, name))
		n++;
	return n;
}

static const char *S_id(S_ctx *x, const xmlNode *n, const char *what)
{
	const char *id = sg_xml_attr(x->a, n, "id");
	const char *why;
	if (!id) {
		sg_error(x->d, sg_srcmap_element(&x->map, n), "%s has no id", what);
		return NULL;
	}
	if (!sg_id_is_safe(id, &why)) {
		sg_error(x->d, sg_srcmap_attr(&x->map, n, "id"), "%s id '%s' %s", what, id, why);
		return NULL;
	}
	return id;
}

/* Text of an optional child element, NULL when absent or empty. */
static const char *S_child_text(S_ctx *x, const xmlNode *parent, const char *name)
{
	xmlNodePtr e = sg_xml_child(parent, name);
	if (!e)
		return NULL;
	const char *t = sg_xml_text(x->a, e);
	return *t ? t : NULL;
}

/* Whether the seal picture src (relative to the content folder, the folder
 * of site.xml) is a PNG file inside it: NULL, or what is wrong. The file is
 * read again when a quotation is drawn; this check puts a wrong path or a
 * file of another kind at site.xml's line, once, rather than at each
 * quotation. */
static const char *S_seal_png(S_ctx *x, const char *src)
{
	if (!*src || src[0] == '/' || strstr(src, ".."))
		return "must be a path inside the content folder";
	const char *slash = strrchr(x->path, '/');
	char *dir = slash ? sg_xstrndup(x->path, (size_t)(slash - x->path)) : sg_xstrdup(".");
	char *file = sg_path_join(dir, src);
	int fd = sg_confine_open(dir, file, NULL);
	free(file);
	free(dir);
	if (fd < 0)
		return errno == EXDEV ? "leads outside the content folder"
				      : "cannot be read: no such file in the content folder";
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	unsigned char head[8];
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, sig, sizeof sig) != 0)
		return "is not a PNG image (a seal picture is a PNG, with transparency)";
	return NULL;
}

/* <seal text="..." label="..." size="MM"/>: drawn as vector paths
 * (render/pdf/pdf_seal.c); <seal src="images/seal.png" size="MM"/>: a
 * picture of the seal, drawn at the same place and size. A seal is from 20
 * to 60 mm across: 42 mm, the common size of a company's, when size is not
 * given. */
static void S_seal(S_ctx *x, const xmlNode *ve)
{
	sg_site *s = x->s;
	xmlNodePtr e = sg_xml_child(ve, "seal");
	s->seal_mm = 42;
	if (!e)
		return;
	s->seal_text = sg_xml_attr(x->a, e, "text");
	s->seal_label = sg_xml_attr(x->a, e, "label");
	if (s->seal_text && !*s->seal_text)
		s->seal_text = NULL;
	const char *src = sg_xml_attr(x->a, e, "src");
	if (src) {
		const char *why = S_seal_png(x, src);
		if (why) {
			sg_error(x->d, sg_srcmap_attr(&x->map, e, "src"), "seal '%s' %s", src, why);
			s->seal_text = NULL;
			return;
		}
		s->seal_src = src;
	} else if (!s->seal_text) {
		sg_error(x->d, sg_srcmap_element(&x->map, e),
			 "seal needs text (a seal drawn by salesgen) or src (a PNG picture of it)");
		return;
	}
	const char *size = sg_xml_attr(x->a, e, "size");
	if (!size)
		return;
	char *end;
	double mm = strtod(size, &end);
	if (end == size || *end || !(mm >= 20 && mm <= 60)) {
		sg_error(x->d, sg_srcmap_element(&x->map, e),
			 "seal size '%s' must be a number of millimetres from 20 to 60 (a company "
			 "seal is 42)",
			 size);
		s->seal_text = NULL;
		s->seal_src = NULL;
		return;
	}
	s->seal_mm = mm;
}

static void S_vendor(S_ctx *x, const xmlNode *ve)
{
	sg_site *s = x->s;
	if (!ve)
		return;
	sg_l10n_read(&s->vendor_name, x->a, ve, "name", s->lang, x->path, x->d);
	sg_l10n_read(&s->vendor_address, x->a, ve, "address", s->lang, x->path, x->d);
	xmlNodePtr logo = sg_xml_child(ve, "logo");
	if (logo) {
		s->logo = sg_xml_attr(x->a, logo, "src");
		/* The logo is copied into outputs: keep it inside the content folder. */
		if (s->logo && (s->logo[0] == '/' || strstr(s->logo, "..") || !*s->logo)) {
			sg_error(x->d, sg_srcmap_element(&x->map, logo),
				 "logo '%s' must be a path inside the content folder", s->logo);
			s->logo = NULL;
		}
	}
	S_seal(x, ve);
	s->phone = S_child_text(x, ve, "phone");
	s->email = S_child_text(x, ve, "email");
	s->website = S_child_text(x, ve, "website");
}

static void S_reps(S_ctx *x, const xmlNode *re)
{
	sg_site *s = x->s;
	s->reps = sg_arena_alloc(x->a, (S_count(re, "rep") + 1) * sizeof *s->reps);
	for (xmlNodePtr e = sg_xml_child(re, "rep"); e; e = sg_xml_next(e, "rep")) {
		const char *id = S_id(x, e, "rep");
		if (!id)
			continue;
		sg_pos pos = sg_srcmap_element(&x->map, e);
		const sg_rep *dup = sg_site_rep(s, id);
		if (dup) {
			sg_error(x->d, pos, "duplicate rep id %s (first at line %d)", id, dup->pos.line);
			continue;
		}
		sg_rep *r = &s->reps[s->rep_count++];
		r->id = id;
		r->pos = pos;
		r->name = sg_xml_attr(x->a, e, "name");
		if (!r->name || !*r->name) {
			sg_error(x->d, pos, "rep %s has no name", id);
			r->name = id;
		}
		r->name_en = sg_xml_attr(x->a, e, "name-en");
		r->title = sg_xml_attr(x->a, e, "title");
		r->title_en = sg_xml_attr(x->a, e, "title-en");
		r->phone = sg_xml_attr(x->a, e, "phone");
		r->email = sg_xml_attr(x->a, e, "email");
	}
}

/* Finds an item id in every stage loaded so far. */
static const sg_stage_item *S_any_item(const sg_site *s, const char *id)
{
	for (size_t i = 0; i < s->stage_count; i++) {
		const sg_stage_item *it = sg_stage_item_find(&s->stages[i], id);
		if (it)
			return it;
	}
	return NULL;
}

static void S_stage(S_ctx *x, const xmlNode *se)
{
	sg_site *s = x->s;
	const char *id = S_id(x, se, "stage");
	if (!id)
		return;
	sg_pos pos = sg_srcmap_element(&x->map, se);
	const sg_stage *dup = sg_site_stage(s, id);
	if (dup) {
		sg_error(x->d, pos, "duplicate stage id %s (first at line %d)", id, dup->pos.line);
		return;
	}
	sg_stage *st = &s->stages[s->stage_count];
	st->id = id;
	st->pos = pos;
	sg_l10n_read(&st->name, x->a, se, "name", s->lang, x->path, x->d);
	sg_l10n_read(&st->milestone, x->a, se, "milestone", s->lang, x->path, x->d);
	st->items = sg_arena_alloc(x->a, (S_count(se, "item") + 1) * sizeof *st->items);
	for (xmlNodePtr e = sg_xml_child(se, "item"); e; e = sg_xml_next(e, "item")) {
		const char *iid = S_id(x, e, "checklist item");
		if (!iid)
			continue;
		sg_pos ipos = sg_srcmap_element(&x->map, e);
		const sg_stage_item *prev = sg_stage_item_find(st, iid);
		if (!prev)
			prev = S_any_item(s, iid);
		if (prev) {
			sg_error(x->d, ipos, "duplicate checklist item id %s (first at line %d)", iid,
				 prev->pos.line);
			continue;
		}
		sg_stage_item *it = &st->items[st->item_count++];
		it->id = iid;
		it->pos = ipos;
		sg_l10n_read(&it->name, x->a, e, "name", s->lang, x->path, x->d);
	}
	s->stage_count++;
}

/* A pattern needs something that varies, or every proposal gets one number. */
static void S_pattern(S_ctx *x, const xmlNode *pe)
{
	sg_site *s = x->s;
	const char *pat = sg_xml_attr(x->a, pe, "pattern");
	s->number_pattern_pos = sg_srcmap_element(&x->map, pe);
	if (!pat || !*pat) {
		sg_error(x->d, s->number_pattern_pos, "proposal-number pattern is empty");
		return;
	}
	if (!strchr(pat, 'N')) {
		sg_error(x->d, s->number_pattern_pos,
			 "proposal-number pattern '%s' has no N (a digit that makes each number "
			 "different)",
			 pat);
		return;
	}
	s->number_pattern = pat;
}

sg_site *sg_site_load(sg_arena *a, const char *path, sg_diags *d)
{
	return sg_site_load_in(a, NULL, path, d);
}

sg_site *sg_site_load_in(sg_arena *a, const char *folder, const char *path, sg_diags *d)
{
	xmlDocPtr doc = sg_xml_read_in(folder, path, SG_SITE_FILE_CAP, d);
	if (!doc)
		return NULL;
	sg_site *s = NULL;
	if (sg_xmlcheck_validate(doc, "site.rng", folder, path, SG_SITE_FILE_CAP, d) != 0)
		goto cleanup;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	s = sg_arena_alloc(a, sizeof *s);
	s->path = sg_arena_strdup(a, path);
	S_ctx x = {a, s->path, d, s, {0}};
	sg_srcmap_init(&x.map, folder, x.path, SG_SITE_FILE_CAP);
	s->pos = sg_srcmap_element(&x.map, root);
	s->lang = sg_xml_attr(a, root, "lang");
	if (!s->lang)
		s->lang = "zh-CN";
	s->currency = sg_xml_attr(a, root, "currency");
	if (!s->currency)
		s->currency = "CNY";
	/* The site's HTML theme: a name, looked up as themes/NAME by the build,
	 * never a path (a content file must not point outside its repository). */
	s->theme = sg_xml_attr(a, root, "theme");
	const char *why;
	if (s->theme && !sg_id_is_safe(s->theme, &why)) {
		sg_error(d, s->pos, "theme '%s' must be the name of a folder in themes/: %s",
			 s->theme, why);
		s->theme = NULL;
	}

	const char *raw = sg_xml_attr(a, root, "raw-html");
	s->raw_html = raw && strcmp(raw, "true") == 0;
	const char *remote = sg_xml_attr(a, root, "remote-images");
	s->remote_images = !remote || strcmp(remote, "false") != 0;

	S_vendor(&x, sg_xml_child(root, "vendor"));
	xmlNodePtr reps = sg_xml_child(root, "reps");
	if (reps)
		S_reps(&x, reps);
	xmlNodePtr pat = sg_xml_child(root, "proposal-number");
	if (pat)
		S_pattern(&x, pat);
	xmlNodePtr stages = sg_xml_child(root, "stages");
	s->stages = sg_arena_alloc(a, (S_count(stages, "stage") + 1) * sizeof *s->stages);
	for (xmlNodePtr e = sg_xml_child(stages, "stage"); e; e = sg_xml_next(e, "stage"))
		S_stage(&x, e);
	sg_srcmap_dispose(&x.map);
cleanup:
	xmlFreeDoc(doc);
	return s;
}

const sg_rep *sg_site_rep(const sg_site *s, const char *id)
{
	if (!s || !id)
		return NULL;
	for (size_t i = 0; i < s->rep_count; i++)
		if (strcmp(s->reps[i].id, id) == 0)
			return &s->reps[i];
	return NULL;
}

const sg_stage *sg_site_stage(const sg_site *s, const char *id)
{
	if (!s || !id)
		return NULL;
	for (size_t i = 0; i < s->stage_count; i++)
		if (strcmp(s->stages[i].id, id) == 0)
			return &s->stages[i];
	return NULL;
}

const sg_stage_item *sg_stage_item_find(const sg_stage *st, const char *id)
{
	if (!st || !id)
		return NULL;
	for (size_t i = 0; i < st->item_count; i++)
		if (strcmp(st->items[i].id, id) == 0)
			return &st->items[i];
	return NULL;
}

bool sg_site_number_matches(const sg_site *s, const char *number, int year)
{
	if (!s || !s->number_pattern)
		return true;
	if (!number)
		return false;
	const char *p = s->number_pattern;
	const char *n = number;
	while (*p) {
		size_t ys = strspn(p, "Y");
		if (ys == 4) {
			char want[8];
			if (year > 0)
				snprintf(want, sizeof want, "%04d", year % 10000);
			for (int i = 0; i < 4; i++) {
				if (n[i] < '0' || n[i] > '9')
					return false;
				if (year > 0 && n[i] != want[i])
					return false;
			}
			p += 4;
			n += 4;
			continue;
		}
		if (ys > 0) { /* a run of Y that is not a year stands for itself */
			if (strncmp(n, p, ys) != 0)
				return false;
			p += ys;
			n += ys;
			continue;
		}
		if (*p == 'N') {
			if (*n < '0' || *n > '9')
				return false;
		} else if (*n != *p) {
			return false;
		}
		p++;
		n++;
	}
	return *n == '\0';
}
