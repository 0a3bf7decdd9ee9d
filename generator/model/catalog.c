/*
 * catalog.c - the product catalog from content/catalog.xml and
 * content/products/NAME.xml.
 *
 * The schema (catalog.rng) fixes the shape; this file turns the text into
 * numbers and checks what a schema cannot, reporting each problem at its line
 * and going on, so that one run of `salesgen check` lists them all. A value
 * that is wrong keeps its default (0, or the catalog's) so later stages never
 * see garbage; the errors make the run fail anyway.
 */
#include "model/catalog.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/fs.h"
#include "base/num.h"
#include "load/suggest.h"
#include "load/xml.h"
#include "model/l10n.h"
#include "model/srcmap.h"
#include "model/xmlcheck.h"

#define S_DEFAULT_PRICE_LINE ((sg_fen)100000 * 100)
#define S_DEFAULT_ROUNDING_STEP ((sg_fen)1000 * 100)

typedef struct S_ctx {
	sg_arena *a;
	const char *path; /* in the arena */
	const char *lang;
	sg_diags *d;
	sg_catalog *c;
	sg_srcmap map; /* the file's text: exact line and column of tags */
} S_ctx;

/* Where n's start tag begins (libxml2 knows only the line where it ends). */
static sg_pos S_pos(const S_ctx *x, const xmlNode *n)
{
	return sg_srcmap_element(&x->map, n);
}

/* Where attribute attr of n is written. */
static sg_pos S_apos(const S_ctx *x, const xmlNode *n, const char *attr)
{
	return sg_srcmap_attr(&x->map, n, attr);
}

static size_t S_count(const xmlNode *parent, const char *name)
{
	size_t n = 0;
	for (xmlNodePtr e = sg_xml_child(parent, name); e; e = sg_xml_next(e, name))
		n++;
	return n;
}

/* ---------------------------------------------------------------- values */

/* An id attribute that must be a safe file name. Returns NULL (reported)
 * when missing or unsafe. */
static const char *S_id(S_ctx *x, const xmlNode *n, const char *attr, const char *what)
{
	const char *id = sg_xml_attr(x->a, n, attr);
	const char *why;
	if (!id) {
		sg_error(x->d, S_pos(x, n), "%s has no %s", what, attr);
		return NULL;
	}
	if (!sg_id_is_safe(id, &why)) {
		sg_error(x->d, S_apos(x, n, attr), "%s %s '%s' %s", what, attr, id, why);
		return NULL;
	}
	return id;
}

/* Money in yuan, at most 2 decimals, not negative, into fen. Returns false
 * (reported) when present but wrong; *out is left alone when absent. */
static bool S_money(S_ctx *x, const xmlNode *n, const char *attr, sg_fen *out)
{
	const char *s = sg_xml_attr(x->a, n, attr);
	if (!s)
		return true;
	const char *why;
	int64_t v;
	if (!sg_parse_fixed(s, 2, true, &v, &why)) {
		sg_error(x->d, S_apos(x, n, attr), "%s '%s' %s", attr, s, why);
		return false;
	}
	if (v < 0) {
		sg_error(x->d, S_apos(x, n, attr), "%s '%s' must not be negative", attr, s);
		return false;
	}
	*out = v;
	return true;
}

/* A share between 0 and 1 with up to 6 decimals, into millionths. */
static bool S_share(S_ctx *x, const xmlNode *n, const char *attr, sg_ppm *out)
{
	const char *s = sg_xml_attr(x->a, n, attr);
	if (!s)
		return true;
	const char *why;
	int64_t v;
	if (!sg_parse_fixed(s, 6, true, &v, &why)) {
		sg_error(x->d, S_apos(x, n, attr), "%s '%s' %s", attr, s, why);
		return false;
	}
	if (v < 0 || v > SG_PPM_ONE) {
		sg_error(x->d, S_apos(x, n, attr), "%s '%s' is outside 0..1 (a share: 0.85 is 85%%)",
			 attr, s);
		return false;
	}
	*out = v;
	return true;
}

static void S_bool(S_ctx *x, const xmlNode *n, const char *attr, bool *out)
{
	const char *s = sg_xml_attr(x->a, n, attr);
	const char *why;
	bool v;
	if (!s)
		return;
	if (!sg_parse_bool(s, &v, &why))
		sg_error(x->d, S_apos(x, n, attr), "%s '%s' %s", attr, s, why);
	else
		*out = v;
}

/* The period word names, as the file spells a year and a month ("yearly",
 * "year"). False, *out left alone, for any other word or none. */
static bool S_period(const char *word, const char *year, const char *month, sg_period *out)
{
	if (word && strcmp(word, year) == 0)
		*out = SG_PERIOD_YEAR;
	else if (word && strcmp(word, month) == 0)
		*out = SG_PERIOD_MONTH;
	else
		return false;
	return true;
}

/* "; did you mean 'x'?" when the id at offset `off` of one of the n items
 * of `stride` bytes from base is a near miss for word (load/suggest.h),
 * else "". Every item's id is a const char * at that offset. */
static const char *S_near(S_ctx *x, const char *word, const void *base, size_t n, size_t stride,
			  size_t off)
{
	const char **names = sg_arena_alloc(x->a, (n ? n : 1) * sizeof *names);
	for (size_t i = 0; i < n; i++)
		memcpy(&names[i], (const char *)base + i * stride + off, sizeof names[i]);
	const char *near = word ? sg_suggest_best(word, names, n) : NULL;
	if (!near)
		return "";
	size_t len = strlen(near) + 24;
	char *s = sg_arena_alloc(x->a, len);
	snprintf(s, len, "; did you mean '%s'?", near);
	return s;
}

/* ---------------------------------------------------------------- policies */

static int S_role_index(const sg_policy *p, const char *id)
{
	for (size_t i = 0; i < p->role_count; i++)
		if (strcmp(p->roles[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Adds the tier; false when its from is missing or not a number. */
static bool S_tier(S_ctx *x, sg_policy *p, const xmlNode *te)
{
	sg_tier *t = &p->tiers[p->tier_count];
	t->pos = S_pos(x, te);
	t->floors = sg_arena_alloc(x->a, (p->role_count ? p->role_count : 1) * sizeof *t->floors);
	/* seen: a floor is written for the role; valid: and its share parsed. */
	bool *seen = sg_arena_alloc(x->a, (p->role_count ? p->role_count : 1) * sizeof *seen);
	bool *valid = sg_arena_alloc(x->a, (p->role_count ? p->role_count : 1) * sizeof *valid);
	bool from_ok = sg_xml_attr(x->a, te, "from") != NULL;
	if (!from_ok)
		sg_error(x->d, t->pos, "tier has no from (its lowest list spend)");
	from_ok = S_money(x, te, "from", &t->from) && from_ok;

	for (xmlNodePtr f = sg_xml_child(te, "floor"); f; f = sg_xml_next(f, "floor")) {
		sg_pos fpos = S_pos(x, f);
		const char *role = sg_xml_attr(x->a, f, "role");
		int r = role ? S_role_index(p, role) : -1;
		if (r < 0) {
			sg_error(x->d, S_apos(x, f, "role"),
				 "floor for unknown role '%s' (policy %s has no such role)%s",
				 role ? role : "", p->id,
				 S_near(x, role, p->roles, p->role_count, sizeof *p->roles,
					offsetof(sg_role, id)));
			continue;
		}
		if (seen[r]) {
			sg_error(x->d, fpos, "second floor for role %s in this tier", role);
			continue;
		}
		if (!sg_xml_attr(x->a, f, "share"))
			sg_error(x->d, fpos, "floor has no share");
		sg_ppm share = SG_PPM_ONE;
		seen[r] = true;
		valid[r] = S_share(x, f, "share", &share) && sg_xml_attr(x->a, f, "share");
		t->floors[r] = share;
	}
	for (size_t r = 0; r < p->role_count; r++) {
		if (!seen[r]) {
			/* Reported once; list price keeps the model usable. */
			sg_error(x->d, t->pos, "tier from %lld.%02lld gives no floor for role %s",
				 (long long)(t->from / 100), (long long)(t->from % 100), p->roles[r].id);
			t->floors[r] = SG_PPM_ONE;
		}
	}
	/* Seniority means the authority to go at least as deep. */
	for (size_t r = 1; r < p->role_count; r++) {
		if (valid[r] && valid[r - 1] && t->floors[r] > t->floors[r - 1])
			sg_error(x->d, t->pos,
				 "role %s is senior to %s but may approve less: its floor %lld.%06lld "
				 "is above %lld.%06lld (roles go from junior to senior)",
				 p->roles[r].id, p->roles[r - 1].id,
				 (long long)(t->floors[r] / SG_PPM_ONE),
				 (long long)(t->floors[r] % SG_PPM_ONE),
				 (long long)(t->floors[r - 1] / SG_PPM_ONE),
				 (long long)(t->floors[r - 1] % SG_PPM_ONE));
	}
	p->tier_count++;
	return from_ok;
}

/* The policy's roles, from junior to senior; a role without an id or
 * with one already given is left out (reported). */
static void S_roles(S_ctx *x, sg_policy *p, const xmlNode *pe)
{
	p->roles = sg_arena_alloc(x->a, (S_count(pe, "role") + 1) * sizeof *p->roles);
	for (xmlNodePtr re = sg_xml_child(pe, "role"); re; re = sg_xml_next(re, "role")) {
		const char *rid = S_id(x, re, "id", "role");
		if (!rid)
			continue;
		int dup = S_role_index(p, rid);
		if (dup >= 0) {
			sg_error(x->d, S_pos(x, re), "duplicate role id %s (first at line %d)", rid,
				 p->roles[dup].pos.line);
			continue;
		}
		sg_role *r = &p->roles[p->role_count++];
		r->id = rid;
		r->pos = S_pos(x, re);
		sg_l10n_read(&r->name, x->a, re, "name", x->lang, x->path, x->d);
	}
}

/* The policy's tiers: the first from 0, each from above the previous. */
static void S_tiers(S_ctx *x, sg_policy *p, const xmlNode *pe)
{
	p->tiers = sg_arena_alloc(x->a, (S_count(pe, "tier") + 1) * sizeof *p->tiers);
	bool prev_ok = false;
	for (xmlNodePtr te = sg_xml_child(pe, "tier"); te; te = sg_xml_next(te, "tier")) {
		bool ok = S_tier(x, p, te);
		size_t k = p->tier_count - 1;
		if (ok && k == 0 && p->tiers[0].from != 0)
			sg_error(x->d, p->tiers[0].pos,
				 "the first tier must start from 0, so that every spend has a tier");
		bool check = ok && prev_ok;
		prev_ok = ok;
		if (check && p->tiers[k].from <= p->tiers[k - 1].from) {
			sg_error(x->d, p->tiers[k].pos,
				 "duplicate or out-of-order tier: from must be above the previous "
				 "tier's (line %d); list tiers in ascending order",
				 p->tiers[k - 1].pos.line);
		}
	}
}

static void S_policy(S_ctx *x, const xmlNode *pe)
{
	sg_catalog *c = x->c;
	sg_pos pos = S_pos(x, pe);
	const char *id = S_id(x, pe, "id", "approval policy");
	if (!id)
		return;
	for (size_t i = 0; i < c->policy_count; i++) {
		if (strcmp(c->policies[i].id, id) == 0) {
			sg_error(x->d, pos, "duplicate approval policy id %s (first at line %d)", id,
				 c->policies[i].pos.line);
			return;
		}
	}
	sg_policy *p = &c->policies[c->policy_count++];
	p->id = id;
	p->pos = pos;
	if (!S_period(sg_xml_attr(x->a, pe, "basis"), "yearly", "monthly", &p->basis))
		sg_error(x->d, pos, "approval policy %s: basis must be monthly or yearly", id);

	S_roles(x, p, pe);
	if (p->role_count == 0)
		sg_error(x->d, pos, "approval policy %s has no roles", id);

	S_tiers(x, p, pe);
	if (p->tier_count == 0)
		sg_error(x->d, pos, "approval policy %s has no tiers", id);
	sg_l10n_read(&p->beyond, x->a, pe, "beyond", x->lang, x->path, x->d);
}

/* ---------------------------------------------------------------- products */

static void S_feature(S_ctx *x, sg_product *p, const xmlNode *fe)
{
	const char *id = S_id(x, fe, "id", "feature");
	if (!id)
		return;
	const sg_feature *dup = sg_product_feature(p, id);
	if (dup) {
		sg_error(x->d, S_pos(x, fe), "duplicate feature id %s in product %s (first at line %d)",
			 id, p->id, dup->pos.line);
		return;
	}
	sg_feature *f = &p->features[p->feature_count++];
	f->id = id;
	f->pos = S_pos(x, fe);
	sg_l10n_read(&f->name, x->a, fe, "name", x->lang, x->path, x->d);
	f->ffab = sg_arena_alloc(x->a, (S_count(fe, "ffab") + 1) * sizeof *f->ffab);
	for (xmlNodePtr e = sg_xml_child(fe, "ffab"); e; e = sg_xml_next(e, "ffab")) {
		const char *lang = sg_xml_attr(x->a, e, "lang");
		if (!lang)
			lang = x->lang;
		bool seen = false;
		for (size_t i = 0; i < f->ffab_count; i++)
			seen |= strcmp(f->ffab[i].lang, lang) == 0;
		if (seen) {
			sg_error(x->d, S_pos(x, e), "feature %s has a second <ffab> in %s", id, lang);
			continue;
		}
		sg_ffab *ff = &f->ffab[f->ffab_count++];
		ff->lang = lang;
		ff->feature = sg_xml_text(x->a, sg_xml_child(e, "feature"));
		ff->function = sg_xml_text(x->a, sg_xml_child(e, "function"));
		ff->advantage = sg_xml_text(x->a, sg_xml_child(e, "advantage"));
		ff->benefit = sg_xml_text(x->a, sg_xml_child(e, "benefit"));
	}
}

/* The edition's <features> list: white-space separated feature ids. */
static void S_edition_features(S_ctx *x, const sg_product *p, sg_edition *ed, const xmlNode *le)
{
	const char *list = sg_xml_text(x->a, le);
	size_t max = 1;
	for (const char *s = list; *s; s++)
		max += *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
	ed->features = sg_arena_alloc(x->a, max * sizeof *ed->features);
	const char *s = list;
	while (*s) {
		size_t n = strcspn(s, " \t\r\n");
		if (n == 0) {
			s++;
			continue;
		}
		const char *id = sg_arena_strndup(x->a, s, n);
		s += n;
		if (!sg_product_feature(p, id)) {
			sg_error(x->d, S_pos(x, le),
				 "edition %s lists unknown feature '%s' (product %s has no such "
				 "<feature>)%s",
				 ed->id, id, p->id,
				 S_near(x, id, p->features, p->feature_count, sizeof *p->features,
					offsetof(sg_feature, id)));
			continue;
		}
		bool dup = false;
		for (size_t i = 0; i < ed->feature_count; i++)
			dup |= strcmp(ed->features[i], id) == 0;
		if (dup) {
			sg_error(x->d, S_pos(x, le), "edition %s lists feature %s twice", ed->id, id);
			continue;
		}
		ed->features[ed->feature_count++] = id;
	}
}

static void S_edition(S_ctx *x, sg_product *p, const xmlNode *ee)
{
	const char *id = S_id(x, ee, "id", "edition");
	if (!id)
		return;
	const sg_edition *dup = sg_product_edition(p, id);
	if (dup) {
		sg_error(x->d, S_pos(x, ee), "duplicate edition id %s in product %s (first at line %d)",
			 id, p->id, dup->pos.line);
		return;
	}
	sg_edition *ed = &p->editions[p->edition_count++];
	ed->id = id;
	ed->pos = S_pos(x, ee);
	sg_l10n_read(&ed->name, x->a, ee, "name", x->lang, x->path, x->d);
	sg_l10n_read(&ed->summary, x->a, ee, "summary", x->lang, x->path, x->d);
	if (!sg_xml_attr(x->a, ee, "unit-price"))
		sg_error(x->d, ed->pos, "edition %s has no unit-price", id);
	S_money(x, ee, "unit-price", &ed->unit_price);
	if (!S_period(sg_xml_attr(x->a, ee, "period"), "year", "month", &ed->period))
		sg_error(x->d, S_apos(x, ee, "period"), "edition %s: period must be year or month",
			 id);
	ed->unit = sg_xml_attr(x->a, ee, "unit");
	if (!ed->unit || !*ed->unit)
		ed->unit = "user";
	xmlNodePtr le = sg_xml_child(ee, "features");
	if (le)
		S_edition_features(x, p, ed, le);
}

/* A summary shown for an edition (its own, else the product's) must not
 * promise a feature the edition does not have: each text that names one of
 * the product's other features (any of its names, any language; Latin
 * letters in any case) is an error at the text. */
static void S_summary_claims(S_ctx *x, const sg_product *p, const sg_edition *ed)
{
	const sg_l10n *sum = ed->summary.count ? &ed->summary : &p->summary;
	for (size_t f = 0; f < p->feature_count; f++) {
		const sg_feature *ft = &p->features[f];
		bool has = false;
		for (size_t i = 0; i < ed->feature_count && !has; i++)
			has = strcmp(ed->features[i], ft->id) == 0;
		if (has)
			continue;
		for (size_t s = 0; s < sum->count; s++)
			for (size_t n = 0; n < ft->name.count; n++) {
				const char *name = ft->name.items[n].text;
				if (!name || !*name || !sg_catalog_names(sum->items[s].text, name))
					continue;
				sg_error(x->d, sum->items[s].pos,
					 "the summary %s names the feature '%s' (%s), which edition %s "
					 "of product %s does not have%s",
					 sum == &ed->summary ? "of this edition" : "of the product", name,
					 ft->id, ed->id, p->id,
					 sum == &ed->summary
						 ? ""
						 : ": give the edition a <summary> of its own");
				n = ft->name.count;
			}
	}
}

/* Fills *p from pe; false when the product has no usable id. */
static bool S_product(S_ctx *x, sg_product *p, const xmlNode *pe)
{
	memset(p, 0, sizeof *p);
	p->id = S_id(x, pe, "id", "product");
	if (!p->id)
		return false;
	p->pos = S_pos(x, pe);
	p->kind = sg_xml_attr(x->a, pe, "kind");
	if (!p->kind || !*p->kind) {
		sg_error(x->d, p->pos, "product %s has no kind", p->id);
		p->kind = "";
	}
	sg_l10n_read(&p->name, x->a, pe, "name", x->lang, x->path, x->d);
	sg_l10n_read(&p->summary, x->a, pe, "summary", x->lang, x->path, x->d);

	const char *policy = sg_xml_attr(x->a, pe, "policy");
	if (policy) {
		for (size_t i = 0; i < x->c->policy_count && !p->policy; i++)
			if (strcmp(x->c->policies[i].id, policy) == 0)
				p->policy = &x->c->policies[i];
		if (!p->policy)
			sg_error(x->d, S_apos(x, pe, "policy"),
				 "product %s names unknown approval policy '%s'%s", p->id, policy,
				 S_near(x, policy, x->c->policies, x->c->policy_count,
					sizeof *x->c->policies, offsetof(sg_policy, id)));
	}
	p->vat_rate = x->c->vat_rate;
	S_share(x, pe, "vat-rate", &p->vat_rate);
	p->prices_include_vat = x->c->prices_include_vat;
	S_bool(x, pe, "prices-include-vat", &p->prices_include_vat);

	p->features = sg_arena_alloc(x->a, (S_count(pe, "feature") + 1) * sizeof *p->features);
	for (xmlNodePtr e = sg_xml_child(pe, "feature"); e; e = sg_xml_next(e, "feature"))
		S_feature(x, p, e);
	p->editions = sg_arena_alloc(x->a, (S_count(pe, "edition") + 1) * sizeof *p->editions);
	for (xmlNodePtr e = sg_xml_child(pe, "edition"); e; e = sg_xml_next(e, "edition"))
		S_edition(x, p, e);
	if (p->edition_count == 0)
		sg_error(x->d, p->pos, "product %s has no editions", p->id);
	for (size_t i = 0; i < p->edition_count; i++)
		S_summary_claims(x, p, &p->editions[i]);
	return true;
}

/* Appends the <product> elements among list (or list itself when it is one)
 * to x->c, growing the array in the arena. */
static void S_products(S_ctx *x, const xmlNode *list, bool single)
{
	sg_catalog *c = x->c;
	size_t n = single ? 1 : S_count(list, "product");
	if (n == 0)
		return;
	sg_product *all = sg_arena_alloc(x->a, (c->product_count + n) * sizeof *all);
	if (c->product_count)
		memcpy(all, c->products, c->product_count * sizeof *all);
	c->products = all;
	xmlNodePtr pe = single ? (xmlNodePtr)list : sg_xml_child(list, "product");
	for (; pe; pe = single ? NULL : sg_xml_next(pe, "product")) {
		sg_product *p = &c->products[c->product_count];
		if (!S_product(x, p, pe))
			continue;
		const sg_product *dup = sg_catalog_product(c, p->id);
		if (dup) {
			sg_error(x->d, p->pos, "duplicate product id %s (first at %s:%d)", p->id,
				 dup->pos.path, dup->pos.line);
			continue;
		}
		c->product_count++;
	}
}

/* ---------------------------------------------------------------- files */

static xmlDocPtr S_open(const char *folder, const char *path, sg_diags *d)
{
	xmlDocPtr doc = sg_xml_read_in(folder, path, SG_CATALOG_FILE_CAP, d);
	if (doc && sg_xmlcheck_validate(doc, "catalog.rng", folder, path, SG_CATALOG_FILE_CAP, d) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

sg_catalog *sg_catalog_new(sg_arena *a, const char *path)
{
	sg_catalog *c = sg_arena_alloc(a, sizeof *c);
	c->path = path ? sg_arena_strdup(a, path) : NULL;
	c->currency = "CNY";
	c->price_line = S_DEFAULT_PRICE_LINE;
	c->rounding_step = S_DEFAULT_ROUNDING_STEP;
	c->pos = sg_pos_make(c->path, 0, 0);
	return c;
}

/* The attributes and children of <catalog>. */
static void S_catalog(S_ctx *x, const xmlNode *root)
{
	sg_catalog *c = x->c;
	c->pos = S_pos(x, root);
	const char *cur = sg_xml_attr(x->a, root, "currency");
	if (cur) {
		bool ok = strlen(cur) == 3;
		for (int i = 0; ok && i < 3; i++)
			ok = cur[i] >= 'A' && cur[i] <= 'Z';
		if (!ok)
			sg_error(x->d, S_apos(x, root, "currency"),
				 "currency '%s' is not an ISO 4217 code such as CNY", cur);
		else
			c->currency = cur;
	}
	S_share(x, root, "vat-rate", &c->vat_rate);
	S_bool(x, root, "prices-include-vat", &c->prices_include_vat);
	S_money(x, root, "price-line", &c->price_line);
	S_money(x, root, "rounding-step", &c->rounding_step);
	if (c->price_line == 0) {
		sg_error(x->d, S_apos(x, root, "price-line"), "price-line must be above 0");
		c->price_line = S_DEFAULT_PRICE_LINE;
	}
	if (c->rounding_step == 0) {
		sg_error(x->d, S_apos(x, root, "rounding-step"), "rounding-step must be above 0");
		c->rounding_step = S_DEFAULT_ROUNDING_STEP;
	}
	if (c->rounding_step >= c->price_line)
		sg_error(x->d, S_apos(x, root, "rounding-step"),
			 "rounding-step must be below price-line");

	c->policies = sg_arena_alloc(x->a, (S_count(root, "approval-policy") + 1) *
						   sizeof *c->policies);
	for (xmlNodePtr e = sg_xml_child(root, "approval-policy"); e;
	     e = sg_xml_next(e, "approval-policy"))
		S_policy(x, e);
	S_products(x, root, false);
}

sg_catalog *sg_catalog_load(sg_arena *a, const char *path, const char *default_lang, sg_diags *d)
{
	return sg_catalog_load_in(a, NULL, path, default_lang, d);
}

sg_catalog *sg_catalog_load_in(sg_arena *a, const char *folder, const char *path,
			       const char *default_lang, sg_diags *d)
{
	xmlDocPtr doc = S_open(folder, path, d);
	if (!doc)
		return NULL;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	sg_catalog *c = NULL;
	if (strcmp((const char *)root->name, "catalog") != 0) {
		sg_error(d, sg_xml_pos(path, root),
			 "the catalog's root element must be <catalog>, not <%s> (products of their "
			 "own go in products/NAME.xml)",
			 (const char *)root->name);
	} else {
		c = sg_catalog_new(a, path);
		S_ctx x = {a, c->path, default_lang ? default_lang : "zh-CN", d, c, {0}};
		sg_srcmap_init(&x.map, folder, x.path, SG_CATALOG_FILE_CAP);
		S_catalog(&x, root);
		sg_srcmap_dispose(&x.map);
	}
	xmlFreeDoc(doc);
	return c;
}

int sg_catalog_add_products(sg_catalog *c, sg_arena *a, const char *path, const char *default_lang,
			    sg_diags *d)
{
	return sg_catalog_add_products_in(c, a, NULL, path, default_lang, d);
}

int sg_catalog_add_products_in(sg_catalog *c, sg_arena *a, const char *folder, const char *path,
			       const char *default_lang, sg_diags *d)
{
	xmlDocPtr doc = S_open(folder, path, d);
	if (!doc)
		return -1;
	int rc = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *name = (const char *)root->name;
	bool single = strcmp(name, "product") == 0;
	if (!single && strcmp(name, "products") != 0) {
		sg_error(d, sg_xml_pos(path, root),
			 "a products file's root element must be <products> or <product>, not <%s>",
			 name);
		rc = -1;
	} else {
		S_ctx x = {a, sg_arena_strdup(a, path), default_lang ? default_lang : "zh-CN", d, c,
			   {0}};
		sg_srcmap_init(&x.map, folder, x.path, SG_CATALOG_FILE_CAP);
		S_products(&x, root, single);
		sg_srcmap_dispose(&x.map);
	}
	xmlFreeDoc(doc);
	return rc;
}
