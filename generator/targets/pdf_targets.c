/*
 * pdf_targets.c - the PDF outputs as targets of the build engine (see
 * pdf_targets.h): a target per playbook, two per customer file (its
 * proposal, when it has an offer, and its review) and the pipeline, each
 * with the content files it reads.
 */
#include "targets/pdf_targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/sha256.h"
#include "targets/proposal_pdf.h"
#include "layout/style.h"
#include "model/content.h"
#include "model/doc.h"
#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_mdoc.h"

/* A sent proposal is read whole; no proposal comes near this. */
#define SG_SENT_CAP ((size_t)64 * 1024 * 1024)

/* S_SENT, S_SENT_QUOTE: a proposal, a quotation kept as it was sent. */
typedef enum S_kind {
	S_PLAYBOOK,
	S_PROPOSAL,
	S_REVIEW,
	S_PIPELINE,
	S_SENT,
	S_QUOTE,
	S_SENT_QUOTE
} S_kind;

typedef struct S_arg {
	const sg_pdf_targets *p;
	S_kind kind;
	const sg_doc *doc;       /* S_PLAYBOOK */
	const sg_customer *cu;   /* S_PROPOSAL, S_REVIEW, S_SENT: NULL when it did not load */
	const sg_sent *sent;     /* S_SENT, S_SENT_QUOTE: the record of the PDF that went out */
} S_arg;

/* A range of p->rel: the files of one content subfolder, in path order. */
typedef struct S_range {
	size_t from, to;
} S_range;

struct sg_pdf_targets {
	sg_style style;
	bool style_ok;
	const sg_content *c;
	char *style_file; /* theme_dir/pdf.yaml when it exists */
	S_arg *args;      /* the engine holds pointers into it */
	size_t count, cap;
	char **rel;       /* content files, relative: customers, catalog, templates */
	size_t rel_count;
	S_range customers, products, proposals, cases, reports, quotes;
	sg_pdf_targets_sign sign; /* signer NULL: nothing is signed */
	/* Whether the logo is a file inside the content folder, and whether
	 * site.xml and catalog.xml are there: -1 until first asked, then
	 * asked once for all targets (tens of thousands at 10,000
	 * customers, each of which looked again). */
	int logo_inside, has_site, has_catalog;
	sg_pipeline_ahead *ahead; /* the pipeline report's document, or NULL */
};

/* ---------------------------------------------------------------- producing */

/* A sent proposal or quotation: the output is the PDF that went out, byte
 * for byte; the document is made again as of the day it was sent, only to
 * say whether the content, templates or theme have since moved away from
 * it. */
static int S_produce_sent(sg_buf *out, const sg_pdf_targets *p, const S_arg *a,
			  sg_proposal_pdf_opts *o, sg_diags *d)
{
	const sg_sent *s = a->sent;
	bool quote = a->kind == S_SENT_QUOTE;
	const char *what = quote ? "quotation" : "proposal";
	char *path = sg_path_join(p->c->dir, s->file);
	int rc = sg_confine_read(p->c->dir, SG_CONFINE_CONTENT, path, SG_SENT_CAP, out, d);
	if (rc < 0) {
		free(path);
		return -1;
	}
	char hex[SG_SHA256_HEX];
	sg_sha256_hex(out->data, out->len, hex);
	if (strcmp(hex, s->sha256) != 0) {
		sg_error(d, s->pos, "%s is not the %s that was sent: its SHA-256 is %s", path, what,
			 hex);
		free(path);
		return -1;
	}
	sg_buf again;
	sg_buf_init(&again);
	sg_diags quiet;
	sg_diags_init(&quiet);
	o->doc.build_date = s->date;
	int again_rc = quote ? sg_quote_produce(&again, p->c, a->cu, o, &quiet)
			     : sg_proposal_produce(&again, p->c, a->cu, o, &quiet);
	if (again_rc < 0)
		sg_note(d, s->pos,
			"%s %s is kept as sent; making it again now fails (build it without "
			"the <sent> record to see why)",
			what, s->number);
	else if (again.len == out->len && memcmp(again.data, out->data, out->len) == 0)
		sg_note(d, s->pos, "%s %s is kept as sent; made again now it is the same", what,
			s->number);
	else
		sg_note(d, s->pos,
			"%s %s is kept as sent; made again now it would differ (the customer, "
			"catalog, templates or theme changed since %04d-%02d-%02d)",
			what, s->number, s->date.year, s->date.month, s->date.day);
	sg_diags_dispose(&quiet);
	sg_buf_dispose(&again);
	free(path);
	return 0;
}

/* The pipeline report, of the document prepared ahead when there is one. */
static int S_pipeline(const sg_produce *pr, const sg_pdf_targets *p, sg_proposal_pdf_opts *o,
		      sg_buf *out)
{
	sg_proposal_doc doc;
	int rc;
	if (!sg_pipeline_ahead_take(p->ahead, pr->build_date, &doc, pr->d, &rc))
		return sg_report_pipeline_produce(out, p->c, o, pr->d);
	if (rc == 0)
		rc = sg_report_pipeline_produce_doc(out, p->c, o, &doc, pr->d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}

/* Makes a's PDF into out; look: its signature's appearance, or NULL. */
static int S_make(const sg_produce *pr, sg_buf *out, sg_pdf_sign_look *look)
{
	const S_arg *a = pr->arg;
	const sg_pdf_targets *p = a->p;
	if (a->kind == S_PLAYBOOK) {
		sg_pdf_mdoc_opts o = {
			.style = &p->style,
			.content_dir = p->c->dir,
			/* The build date when SOURCE_DATE_EPOCH gives one (else it
			 * is unset), else the front matter's date; the PDF's own
			 * dates are then fixed, never the clock. */
			.date = pr->build_date,
			.fallback_time = 0,
		};
		return sg_pdf_render_mdoc(out, a->doc, &o, pr->d);
	}
	sg_proposal_pdf_opts o = {.style = &p->style, .sign = look};
	o.doc.build_date = pr->build_date;
	if (a->kind == S_PIPELINE) {
		/* Hundreds of pages: laid out once with what the last build
		 * counted (pdf_doc.h). */
		o.hint = pr->kept;
		o.hint_len = pr->kept_len;
		o.hint_out = pr->keep;
		return S_pipeline(pr, p, &o, out);
	}
	if (!a->cu) {
		sg_error(pr->d, sg_pos_make(pr->source, 0, 0), "the customer could not be loaded");
		return -1;
	}
	if (a->kind == S_PROPOSAL)
		return sg_proposal_produce(out, p->c, a->cu, &o, pr->d);
	if (a->kind == S_SENT || a->kind == S_SENT_QUOTE)
		return S_produce_sent(out, p, a, &o, pr->d);
	if (a->kind == S_QUOTE)
		return sg_quote_produce(out, p->c, a->cu, &o, pr->d);
	return sg_report_review_produce(out, p->c, a->cu, &o, pr->d);
}

/* Whether the build signs PDFs of kind: the one list of the kinds
 * --sign (quotations) and --sign-proposals reach. A sent proposal is
 * never signed again: it is kept byte for byte. */
static bool S_signs(const sg_pdf_targets *p, S_kind kind)
{
	if (!p->sign.signer)
		return false;
	switch (kind) {
	case S_PROPOSAL:
		return p->sign.proposals;
	case S_QUOTE:
		return p->sign.quotations;
	default:
		return false;
	}
}

/* The signing date: the build date, else the customer's as-of date (the
 * date the document shows), else none. */
static sg_date S_sign_date(const sg_produce *pr, const S_arg *a)
{
	if (sg_date_is_set(pr->build_date))
		return pr->build_date;
	if (a->cu && sg_date_is_set(a->cu->as_of))
		return a->cu->as_of;
	return (sg_date){0};
}

/* Makes the PDF, then signs it when its kind is signed. The visible
 * signature goes where --sign's box says, else where the document's writer
 * puts it (beside a quotation's seal, else bottom right above the footer),
 * drawn there in the document's language and fonts. */
static int S_produce(const sg_produce *pr, sg_buf *out)
{
	const S_arg *a = pr->arg;
	bool signs = S_signs(a->p, a->kind);
	sg_pdf_sign_look look = {.box = a->p->sign.box};
	if (signs) {
		look.name = sg_pdf_signer_name(a->p->sign.signer);
		look.date = S_sign_date(pr, a);
	}
	int rc = S_make(pr, out, signs ? &look : NULL);
	if (rc < 0 || !signs)
		return rc;
	sg_pdf_sign_opts o = {.signer = a->p->sign.signer, .date = look.date,
			      .box = look.box, .form = look.form};
	if (!sg_date_is_set(o.date)) {
		sg_error(pr->d, sg_pos_make(pr->source, 0, 0),
			 "cannot sign: no build date (set SOURCE_DATE_EPOCH)");
		return -1;
	}
	char *why;
	if (sg_pdf_sign(out, &o, &why) != 0) {
		sg_error(pr->d, sg_pos_make(pr->source, 0, 0), "cannot sign the PDF: %s", why);
		free(why);
		return -1;
	}
	return rc;
}

/* A playbook's PDF to be built reads the playbook's tree, a review the
 * review template's. */
static void S_on_build(void *arg)
{
	const S_arg *a = arg;
	if (a->kind == S_PLAYBOOK) {
		sg_doc_tree_expect(a->doc);
		return;
	}
	const sg_content *c = a->p->c;
	for (size_t i = 0; a->kind == S_REVIEW && i < c->doc_count; i++)
		if (c->docs[i]->kind == SG_DOC_REPORT && strcmp(c->docs[i]->slug, "review") == 0)
			sg_doc_tree_expect(c->docs[i]);
}

/* ---------------------------------------------------------------- inputs */

static sg_target *S_add(sg_pdf_targets *p, sg_engine *e, S_kind kind, const char *path,
			const sg_doc *doc, const sg_customer *cu)
{
	p->args[p->count] = (S_arg){p, kind, doc, cu, NULL};
	static const char *const kinds[] = {"playbook", "proposal", "report", "report",
					    "proposal", "quote",    "quote"};
	sg_target *t = sg_engine_add(e, kinds[kind], path, S_produce, &p->args[p->count]);
	if (kind == S_PLAYBOOK || kind == S_REVIEW)
		sg_target_on_build(t, S_on_build);
	p->count++;
	if (S_signs(p, kind)) {
		/* The certificate and what is signed, never the key. */
		char *v = sg_xasprintf("%s %d", sg_pdf_signer_fingerprint(p->sign.signer), kind);
		sg_target_input_value(t, "signature", v, strlen(v));
		free(v);
	}
	/* A quotation shows the seal's picture (the path was checked with
	 * site.xml). */
	if ((kind == S_QUOTE || kind == S_SENT_QUOTE) && p->c->site && p->c->site->seal_src)
		sg_target_input_content(t, p->c->site->seal_src);
	if (p->style_file)
		sg_target_input_file(t, "theme:pdf.yaml", p->style_file);
	if (p->style.logo && p->logo_inside < 0) {
		/* A logo outside the content folder is no input: the PDF then
		 * says which setting or link leads out (render/pdf/pdf_pages.c). */
		char *logo = sg_path_join(p->c->dir, p->style.logo);
		int fd = sg_confine_open(p->c->dir, logo, NULL);
		p->logo_inside = fd >= 0;
		if (fd >= 0)
			close(fd);
		free(logo);
	}
	if (p->style.logo && p->logo_inside > 0)
		sg_target_input_content(t, p->style.logo);
	return t;
}

/* The content files under sub ending in suffix, relative ("cases/a.md"),
 * appended to p->rel; returns where they are. */
static S_range S_list(sg_pdf_targets *p, const char *sub, const char *suffix)
{
	S_range r = {p->rel_count, p->rel_count};
	char *dir = sg_path_join(p->c->dir, sub);
	char **files;
	size_t n = sg_dir_list(dir, suffix, &files);
	p->rel = sg_xrealloc(p->rel, (p->rel_count + n + 1) * sizeof *p->rel);
	for (size_t i = 0; i < n; i++)
		p->rel[p->rel_count++] = sg_path_join(sub, strrchr(files[i], '/') + 1);
	sg_path_list_free(files, n);
	free(dir);
	r.to = p->rel_count;
	return r;
}

/* Every content file of range r whose path starts with prefix. (Per range,
 * not over every file: with thousands of customers a walk over all of them
 * for each target made adding targets quadratic.) */
static void S_inputs(const sg_pdf_targets *p, sg_target *t, S_range r, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = r.from; i < r.to; i++)
		if (strncmp(p->rel[i], prefix, n) == 0)
			sg_target_input_content(t, p->rel[i]);
}

/* Whether the content folder holds name (asked once: *known). */
static bool S_has(const sg_pdf_targets *p, const char *name, int *known)
{
	if (*known < 0) {
		char *file = sg_path_join(p->c->dir, name);
		*known = sg_file_exists(file);
		free(file);
	}
	return *known > 0;
}

static void S_common_inputs(sg_pdf_targets *p, sg_target *t)
{
	if (S_has(p, "site.xml", &p->has_site))
		sg_target_input_content(t, "site.xml");
	if (S_has(p, "catalog.xml", &p->has_catalog))
		sg_target_input_content(t, "catalog.xml");
	S_inputs(p, t, p->products, "products/");
	sg_target_input_build_date(t);
}

/* ---------------------------------------------------------------- targets */

/* The record of the customer's current offer as sent, if it went out. */
static const sg_sent *S_sent_now(const sg_customer *cu)
{
	if (!cu || !cu->offer.number)
		return NULL;
	for (size_t k = 0; k < cu->sent_count; k++) {
		const sg_sent *s = &cu->sent[k];
		if (s->number && s->file && s->sha256 && strcmp(s->number, cu->offer.number) == 0)
			return s;
	}
	return NULL;
}

/* The record of the current offer's quotation as sent, or NULL: a <sent>
 * whose number is the quotation's, the proposal's with "-Q"
 * (offer.quote_number, document/fields_doc.c). */
static const sg_sent *S_sent_quote_now(const sg_customer *cu)
{
	if (!cu || !cu->offer.number || !*cu->offer.number)
		return NULL;
	size_t n = strlen(cu->offer.number);
	for (size_t k = 0; k < cu->sent_count; k++) {
		const sg_sent *s = &cu->sent[k];
		if (s->number && s->file && s->sha256 && strlen(s->number) == n + 2 &&
		    strncmp(s->number, cu->offer.number, n) == 0 && strcmp(s->number + n, "-Q") == 0)
			return s;
	}
	return NULL;
}

/* theme_dir/pdf.yaml when it exists (heap), else NULL. */
static char *S_style_file(const char *theme_dir)
{
	if (!theme_dir)
		return NULL;
	char *file = sg_path_join(theme_dir, "pdf.yaml");
	if (sg_file_exists(file))
		return file;
	free(file);
	return NULL;
}

/* playbooks/NAME.pdf: every playbook. */
static void S_add_playbooks(sg_pdf_targets *p, sg_engine *e)
{
	const sg_content *c = p->c;
	for (size_t i = 0; i < c->doc_count && sg_engine_selects(e, "playbook"); i++) {
		const sg_doc *doc = c->docs[i];
		if (doc->kind != SG_DOC_PLAYBOOK)
			continue;
		char *path = sg_xasprintf("playbooks/%s.pdf", doc->slug);
		sg_target *t = S_add(p, e, S_PLAYBOOK, path, doc, NULL);
		free(path);
		sg_target_source(t, doc->path);
		path = sg_xasprintf("playbooks/%s.md", doc->slug);
		sg_target_input_content(t, path);
		free(path);
		if (sg_date_is_set(sg_engine_build_date(e)))
			sg_target_input_build_date(t);
	}
}

/* A customer file whose targets are being added. */
typedef struct S_customer_file {
	const char *rel;       /* relative to the content folder */
	char *id;
	char *source;          /* the file as given, for messages */
	const sg_customer *cu; /* NULL when the file did not load */
} S_customer_file;

/* A target of the customer of f, made from f, from the sent proposal when
 * sent is not NULL, and from what every PDF reads. */
static sg_target *S_add_customer_pdf(sg_pdf_targets *p, sg_engine *e, S_kind kind,
				     const char *path, const S_customer_file *f,
				     const sg_sent *sent)
{
	sg_target *t = S_add(p, e, kind, path, NULL, f->cu);
	p->args[p->count - 1].sent = sent;
	sg_target_group(t, f->id);
	sg_target_source(t, f->source);
	sg_target_input_content(t, f->rel);
	if (sent)
		sg_target_input_content(t, sent->file);
	S_common_inputs(p, t);
	return t;
}

/* proposals/ID.pdf and quotes/ID.pdf, when the customer has an offer (or
 * did not load), and reports/review-ID.pdf of the customer file rel. */
static void S_add_customer(sg_pdf_targets *p, sg_engine *e, const char *rel)
{
	S_customer_file f = {rel, sg_path_stem(rel), NULL, NULL};
	const char *why;
	if (!sg_id_is_safe(f.id, &why)) {
		free(f.id); /* the loader reports it; such a file never had outputs */
		return;
	}
	f.cu = sg_content_customer(p->c, f.id);
	f.source = sg_path_join(p->c->dir, rel);
	if ((!f.cu || f.cu->offer.given) && sg_engine_selects(e, "proposal")) {
		char *path = sg_xasprintf("proposals/%s.pdf", f.id);
		const sg_sent *sent = S_sent_now(f.cu);
		sg_target *t = S_add_customer_pdf(p, e, sent ? S_SENT : S_PROPOSAL, path, &f, sent);
		free(path);
		S_inputs(p, t, p->proposals, "proposals/");
		S_inputs(p, t, p->cases, "cases/");
	}
	/* quotes/ID.pdf beside the proposal: for a customer that did not
	 * load too, so that it fails and keeps the quotation built before. */
	if ((!f.cu || f.cu->offer.given) && sg_engine_selects(e, "quote")) {
		char *path = sg_xasprintf("quotes/%s.pdf", f.id);
		const sg_sent *sent = S_sent_quote_now(f.cu);
		sg_target *t =
			S_add_customer_pdf(p, e, sent ? S_SENT_QUOTE : S_QUOTE, path, &f, sent);
		free(path);
		S_inputs(p, t, p->quotes, "quotes/");
	}
	if (sg_engine_selects(e, "report")) {
		char *path = sg_xasprintf("reports/review-%s.pdf", f.id);
		sg_target *t = S_add_customer_pdf(p, e, S_REVIEW, path, &f, NULL);
		free(path);
		S_inputs(p, t, p->reports, "reports/review");
	}
	free(f.source);
	free(f.id);
}

/* reports/pipeline.pdf: one broken customer leaves it made from the
 * others. */
static void S_add_pipeline(sg_pdf_targets *p, sg_engine *e)
{
	if (!sg_engine_selects(e, "report"))
		return;
	sg_target *t = S_add(p, e, S_PIPELINE, "reports/pipeline.pdf", NULL, NULL);
	S_common_inputs(p, t);
	for (size_t i = p->customers.from; i < p->customers.to; i++)
		sg_target_input_listed(t, p->rel[i]);
	S_inputs(p, t, p->reports, "reports/pipeline");
	sg_target_keeps(t); /* its count of pages, for the next build */
}

sg_pdf_targets *sg_build_add_pdfs(sg_engine *e, const sg_content *c, const char *theme_dir,
				  sg_diags *d)
{
	return sg_build_add_pdfs_signed(e, c, theme_dir, NULL, d);
}

sg_pdf_targets *sg_build_add_pdfs_signed(sg_engine *e, const sg_content *c,
					 const char *theme_dir, const sg_pdf_targets_sign *sign,
					 sg_diags *d)
{
	sg_pdf_targets *p = sg_xcalloc(1, sizeof *p);
	p->logo_inside = p->has_site = p->has_catalog = -1;
	p->c = c;
	if (sign)
		p->sign = *sign;
	p->style_ok = sg_pdf_style_load(&p->style, theme_dir, d) == 0;
	if (!p->style_ok)
		return p;
	p->style_file = S_style_file(theme_dir);
	p->customers = S_list(p, "customers", ".xml");
	p->products = S_list(p, "products", ".xml");
	p->proposals = S_list(p, "proposals", ".md");
	p->cases = S_list(p, "cases", ".md");
	p->reports = S_list(p, "reports", ".md");
	p->quotes = S_list(p, "quotes", ".md");
	size_t customers = p->customers.to - p->customers.from;
	p->cap = c->doc_count + 3 * customers + 1;
	p->args = sg_xcalloc(p->cap, sizeof *p->args);

	S_add_playbooks(p, e);
	/* Customers from their files, not the model: a broken customer keeps
	 * its targets (which fail and keep their old outputs). */
	for (size_t i = p->customers.from; i < p->customers.to; i++)
		S_add_customer(p, e, p->rel[i]);
	S_add_pipeline(p, e);
	return p;
}

void sg_pdf_targets_ahead(sg_pdf_targets *p, sg_pipeline_ahead *a)
{
	if (p)
		p->ahead = a;
}

void sg_pdf_targets_free(sg_pdf_targets *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->rel_count; i++)
		free(p->rel[i]);
	free(p->rel);
	free(p->args);
	free(p->style_file);
	/* Loaded, or not, by sg_pdf_style_load(): its arena is there either way. */
	sg_style_dispose(&p->style);
	free(p);
}
