#include "model/cases.h"

#include <string.h>

#include "load/suggest.h"

static const char *const S_industries[] = {
	"law",           "logistics",  "foreign-trade", "group-subsidiary", "heavy-industry",
	"software-outsourcing", "education", "finance", "securities", "manufacturing",
	"automotive",    "apparel",    "retail",        "healthcare",       "government",
	"energy",        "internet",   "real-estate",   "other",
};

bool sg_industry_known(const char *id)
{
	for (size_t i = 0; id && i < sizeof S_industries / sizeof *S_industries; i++)
		if (strcmp(id, S_industries[i]) == 0)
			return true;
	return false;
}

const char *sg_industry_list(void)
{
	return "law, logistics, foreign-trade, group-subsidiary, heavy-industry, "
	       "software-outsourcing, education, finance, securities, manufacturing, automotive, "
	       "apparel, retail, healthcare, government, energy, internet, real-estate, other";
}

static const char *const S_concerns[] = {
	"confidentiality", "overseas-mail", "spam",        "rbl",          "stability",
	"connectivity",    "maintenance",   "integration", "mailbox-size", "service",
};

bool sg_concern_known(const char *id)
{
	for (size_t i = 0; id && i < sizeof S_concerns / sizeof *S_concerns; i++)
		if (strcmp(id, S_concerns[i]) == 0)
			return true;
	return false;
}

const char *sg_concern_list(void)
{
	return "confidentiality, overseas-mail, spam, rbl, stability, connectivity, maintenance, "
	       "integration, mailbox-size, service";
}

const char *sg_concern_near(const char *id)
{
	return id ? sg_suggest_best(id, S_concerns, sizeof S_concerns / sizeof *S_concerns) : NULL;
}

static sg_pos S_at(const sg_doc *doc, const sg_value *v)
{
	if (v && v->line)
		return sg_pos_make(doc->path, v->line, v->col);
	return sg_pos_make(doc->path, 1, 0);
}

size_t sg_case_check(const sg_doc *doc, sg_diags *d)
{
	size_t errors = 0;
	const sg_value *ind = sg_map_get(doc->front, "industry");
	if (!ind || ind->kind == SG_VAL_NULL) {
		sg_error(d, S_at(doc, NULL), "a case study needs 'industry' in its front matter");
		errors++;
	} else if (ind->kind != SG_VAL_STR || !sg_industry_known(ind->u.str.s)) {
		sg_error(d, S_at(doc, ind), "unknown industry%s%s%s (one of: %s)",
			 ind->kind == SG_VAL_STR ? " '" : "",
			 ind->kind == SG_VAL_STR ? ind->u.str.s : "",
			 ind->kind == SG_VAL_STR ? "'" : "", sg_industry_list());
		errors++;
	}
	const sg_value *users = sg_map_get(doc->front, "users");
	if (!users || users->kind == SG_VAL_NULL) {
		sg_error(d, S_at(doc, NULL), "a case study needs 'users' in its front matter");
		errors++;
	} else if (users->kind != SG_VAL_INT || users->u.i < 1) {
		sg_error(d, S_at(doc, users), "users must be a whole number of at least 1");
		errors++;
	}
	static const char *const texts[] = {"previous_system", "cycle", "price"};
	for (size_t i = 0; i < 3; i++) {
		const sg_value *v = sg_map_get(doc->front, texts[i]);
		if (v && v->kind != SG_VAL_NULL && v->kind != SG_VAL_STR && v->kind != SG_VAL_INT &&
		    v->kind != SG_VAL_DEC) {
			sg_error(d, S_at(doc, v), "%s must be a text", texts[i]);
			errors++;
		}
	}
	const sg_value *problems = sg_map_get(doc->front, "problems");
	if (problems && problems->kind != SG_VAL_NULL) {
		bool ok = problems->kind == SG_VAL_LIST;
		for (const sg_value *p = ok ? problems->u.items.first : NULL; p; p = p->next)
			ok = ok && p->kind == SG_VAL_STR;
		if (!ok) {
			sg_error(d, S_at(doc, problems), "problems must be a list of texts");
			errors++;
		}
	}
	const sg_value *concerns = sg_map_get(doc->front, "concerns");
	if (concerns && concerns->kind != SG_VAL_NULL) {
		if (concerns->kind != SG_VAL_LIST) {
			sg_error(d, S_at(doc, concerns),
				 "concerns must be a list of concerns, e.g. [rbl, stability] (one of: %s)",
				 sg_concern_list());
			errors++;
		}
		for (const sg_value *c = concerns->kind == SG_VAL_LIST ? concerns->u.items.first : NULL;
		     c; c = c->next) {
			if (c->kind == SG_VAL_STR && sg_concern_known(c->u.str.s))
				continue;
			const char *near = c->kind == SG_VAL_STR ? sg_concern_near(c->u.str.s) : NULL;
			sg_error(d, S_at(doc, c->line ? c : concerns),
				 "unknown concern%s%s%s (one of: %s)%s%s%s",
				 c->kind == SG_VAL_STR ? " '" : "", c->kind == SG_VAL_STR ? c->u.str.s : "",
				 c->kind == SG_VAL_STR ? "'" : "", sg_concern_list(),
				 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
			errors++;
		}
	}
	return errors;
}
