/*
 * cmd_proposal.c - `salesgen proposal CUSTOMER.xml`: one customer's proposal
 * (or its internal review) as a PDF, for a quick preview while writing a
 * template or an offer.
 *
 * The content folder is the one the customer file sits in (customers/ID.xml
 * -> the folder above), or --content. Problems go to stderr GCC style; a
 * proposal that lacks an approval is written all the same, with its
 * watermark, and a note says so.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/outguard.h"
#include "cli/commands.h"
#include "cost/evaluation.h"
#include "targets/proposal_pdf.h"
#include "model/content.h"

static void S_usage(FILE *f)
{
	fprintf(f,
		"usage: salesgen proposal CUSTOMER.xml [-o FILE] [--content DIR] [--theme NAME]\n"
		"                         [--template NAME] [--review] [--markdown]\n"
		"       salesgen proposal --pipeline --content DIR [-o FILE] [--theme NAME]\n"
		"\n"
		"Makes the customer's proposal as a PDF from its proposal template\n"
		"(content/proposals/), the same document `salesgen build` writes to\n"
		"output/proposals/ID.pdf.\n"
		"\n"
		"  -o, --out FILE     the PDF to write (default: ID.pdf, or review-ID.pdf);\n"
		"                     not an input, nor in the content folder or the theme\n"
		"  --content DIR      the content folder (default: the folder above the\n"
		"                     customers/ folder CUSTOMER.xml is in)\n"
		"  --theme NAME       the PDF style: themes/NAME/pdf.yaml, or a folder\n"
		"                     (default: built in)\n"
		"  --template NAME    use proposals/NAME.md instead of the customer's template\n"
		"  --review           make the internal project review (reports/review.md)\n"
		"  --pipeline         make the internal pipeline report (reports/pipeline.md)\n"
		"  --markdown         write the Markdown after templates and blocks instead\n"
		"                     of the PDF (to see what a template produced)\n"
		"  -h, --help         show this help\n"
		"\n"
		"SOURCE_DATE_EPOCH, when set, is the date the document shows; otherwise the\n"
		"customer's as-of date, never the clock.\n"
		"\n"
		"Exit status: 0 written, 1 problems in the content or template, 2 bad usage\n"
		"or the file cannot be written.\n");
}

typedef struct S_opts {
	const char *file, *out, *content, *theme, *template_name;
	const char *out_flag; /* -o or --out, as written */
	bool review, markdown, pipeline;
} S_opts;

static int S_parse(S_opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			S_usage(stdout);
			return 1;
		} else if (strcmp(a, "--review") == 0) {
			o->review = true;
			continue;
		} else if (strcmp(a, "--pipeline") == 0) {
			o->pipeline = true;
			continue;
		} else if (strcmp(a, "--markdown") == 0) {
			o->markdown = true;
			continue;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
			slot = &o->out;
			o->out_flag = a;
		} else if (strcmp(a, "--content") == 0) {
			slot = &o->content;
		} else if (strcmp(a, "--theme") == 0) {
			slot = &o->theme;
		} else if (strcmp(a, "--template") == 0) {
			slot = &o->template_name;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "salesgen proposal: unknown option '%s'\n", a);
			return -1;
		} else if (!o->file) {
			o->file = a;
			continue;
		} else {
			fprintf(stderr, "salesgen proposal: unexpected argument '%s'\n", a);
			return -1;
		}
		if (i + 1 >= argc || !argv[i + 1][0]) {
			fprintf(stderr, "salesgen proposal: %s needs a value\n", a);
			return -1;
		}
		*slot = argv[++i];
	}
	if (o->pipeline && (o->file || !o->content)) {
		fprintf(stderr, "salesgen proposal: --pipeline takes --content DIR, no customer\n");
		return -1;
	}
	if (!o->file && !o->pipeline) {
		fprintf(stderr, "salesgen proposal: which customer? (CUSTOMER.xml)\n");
		return -1;
	}
	return 0;
}

/* customers/ID.xml -> the folder above customers/, written as the user
 * wrote the path so that messages name files the way the user does. */
static char *S_content_of(const char *file)
{
	char *p = sg_xstrdup(file);
	char *slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return NULL;
	}
	*slash = '\0';
	char *base = strrchr(p, '/');
	const char *name = base ? base + 1 : p;
	if (strcmp(name, "customers") != 0) {
		free(p);
		return NULL;
	}
	if (base)
		*base = '\0';
	else
		strcpy(p, ".");
	return p;
}

int sg_cmd_proposal(int argc, char **argv, const sg_env *env)
{
	S_opts o;
	memset(&o, 0, sizeof o);
	int pr = S_parse(&o, argc, argv);
	if (pr)
		return pr > 0 ? 0 : 2;
	if (o.file && !sg_file_exists(o.file)) {
		fprintf(stderr, "salesgen proposal: %s: no such file\n", o.file);
		return 2;
	}
	char *dir = o.content ? sg_xstrdup(o.content) : S_content_of(o.file);
	if (!dir || !sg_dir_exists(dir)) {
		fprintf(stderr, "salesgen proposal: %s: cannot tell its content folder; give "
				"--content DIR\n",
			o.file);
		free(dir);
		return 2;
	}

	char *id = o.file ? sg_path_stem(o.file) : sg_xstrdup("pipeline");
	char *out = o.out ? sg_xstrdup(o.out)
			  : sg_xasprintf("%s%s.%s", o.review ? "review-" : "", id,
					 o.markdown ? "md" : "pdf");
	char *theme = NULL;
	if (o.theme)
		theme = strchr(o.theme, '/') || sg_dir_exists(o.theme) ? sg_xstrdup(o.theme)
								       : sg_path_join("themes", o.theme);
	/* Checked before any work: never over the customer file, nor into the
	 * content folder or the theme. The files read on the way (the other
	 * customers, templates, images) are inputs too: checked again before
	 * the write. */
	sg_outguard guard;
	sg_outguard_init(&guard);
	if (o.file)
		sg_outguard_input(&guard, o.file, "the customer file");
	sg_outguard_folder(&guard, dir, "content");
	if (theme && sg_dir_exists(theme))
		sg_outguard_folder(&guard, theme, "theme");
	if (sg_outguard_refuse(&guard, "salesgen proposal", o.out_flag, out, false) != 0) {
		sg_outguard_dispose(&guard);
		free(theme);
		free(out);
		free(id);
		free(dir);
		return 2;
	}
	sg_outguard_track_reads(true);

	int rc = 1;
	sg_diags d;
	sg_diags_init(&d);
	sg_env_warn(env, &d);
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, env->build_date, 1);
	sg_style style;
	sg_style_init(&style);
	sg_buf pdf;
	sg_buf_init(&pdf);
	sg_customer *cu = o.file ? sg_content_customer(c, id) : NULL;
	if (!cu && !o.pipeline) {
		if (!sg_diags_errors(&d))
			sg_error(&d, sg_pos_make(o.file, 0, 0), "not a customer of %s", dir);
		goto done;
	}
	if (o.theme) {
		if (!sg_dir_exists(theme)) {
			fprintf(stderr, "salesgen proposal: --theme: no folder %s\n", theme);
			rc = 2;
			goto done;
		}
	}
	sg_style_dispose(&style);
	if (sg_pdf_style_load(&style, theme, &d) != 0)
		goto done;

	sg_proposal_pdf_opts po = {
		.doc = {.build_date = env->build_date, .template_name = o.template_name},
		.style = &style,
	};
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int r = o.pipeline ? sg_report_pipeline_prepare(&doc, c, &po.doc, &d)
		: o.review ? sg_report_review_prepare(&doc, c, cu, &po.doc, &d)
			   : sg_proposal_prepare(&doc, c, cu, &po.doc, &d);
	if (r == 0 && o.markdown)
		sg_proposal_markdown(&doc, &pdf);
	else if (r == 0)
		r = sg_proposal_doc_pdf(&pdf, &doc, c, &po, &d);
	sg_proposal_doc_dispose(&doc);
	if (r != 0)
		goto done;
	if (sg_outguard_refuse(&guard, "salesgen proposal", o.out_flag, out, false) != 0) {
		rc = 2;
		goto done;
	}
	if (sg_file_write_atomic(out, pdf.data, pdf.len) != 0) {
		fprintf(stderr, "salesgen proposal: cannot write %s: %s\n", out, strerror(errno));
		rc = 2;
		goto done;
	}
	rc = sg_diags_errors(&d) ? 1 : 0;
	if (cu && !o.review) {
		/* The same note `salesgen check` gives, so the preview says why it is
		 * a draft. */
		const sg_eval *ev = sg_eval_of(cu);
		if (ev->ok && ev->approval_missing)
			fprintf(stderr, "%s: note: written as a draft: the offer lacks the approval "
					"of %s\n",
				out, ev->missing_role ? ev->missing_role->id
						      : "the provincial office (beyond the policy)");
	}
done:
	sg_outguard_track_reads(false);
	sg_outguard_dispose(&guard);
	sg_diags_sort(&d);
	sg_diags_print(&d, stderr);
	free(out);
	free(theme);
	free(id);
	sg_buf_dispose(&pdf);
	sg_style_dispose(&style);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	free(dir);
	return rc;
}
