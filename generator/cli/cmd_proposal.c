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
#include "cli/options.h"
#include "cost/evaluation.h"
#include "targets/proposal_pdf.h"
#include "model/content.h"

typedef struct S_opts {
	const char *file, *out, *content, *theme, *template_name;
	const char *out_flag; /* -o or --out, as written */
	bool review, markdown, pipeline;
} S_opts;

/* Reads the arguments into o. Returns 0, 1 after printing the help, -1
 * after a message (bad usage). */
static int S_parse(S_opts *o, int argc, char **argv)
{
	const sg_cli_flag flags[] = {
		/* which document, in which form */
		{"--review", .on = &o->review},
		{"--pipeline", .on = &o->pipeline},
		{"--markdown", .on = &o->markdown},
		/* where it goes, what it is made from */
		{"--out", .value = &o->out, .as_written = &o->out_flag},
		{"--content", .value = &o->content},
		{"--theme", .value = &o->theme},
		{"--template", .value = &o->template_name},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_proposal, .flags = flags,
			    .nonempty = true, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (a[0] == '-' && a[1]) {
			fprintf(stderr, "salesgen proposal: unknown option '%s'\n", a);
			return -1;
		}
		if (o->file) {
			fprintf(stderr, "salesgen proposal: unexpected argument '%s'\n", a);
			return -1;
		}
		o->file = a;
	}
	if (args.status != SG_CLI_END)
		return args.status;
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

/* ---------------------------------------------------------------- the run */

/* One run: the files it reads and writes, decided before any work, and
 * what it loads and makes. */
typedef struct S_run {
	const S_opts *o;
	char *dir;         /* the content folder */
	char *id;          /* the customer's id, or "pipeline" */
	char *out;         /* the file to write */
	char *theme;       /* the theme's folder; NULL: the built-in one */
	sg_outguard guard; /* what out may not be */
	sg_diags d;
	sg_content *c;
	sg_evals *evals;
	sg_customer *cu; /* NULL for --pipeline */
	sg_style style;
	sg_buf made; /* the PDF, or the Markdown */
} S_run;

/* The content folder, the output and the theme, from the options; the
 * output checked before any work: never over the customer file, nor into
 * the content folder or the theme. Returns 0, or -1 after the message (bad
 * usage); r is then still disposable. */
static int S_decide(S_run *r)
{
	const S_opts *o = r->o;
	if (o->file && !sg_file_exists(o->file)) {
		fprintf(stderr, "salesgen proposal: %s: no such file\n", o->file);
		return -1;
	}
	r->dir = o->content ? sg_xstrdup(o->content) : S_content_of(o->file);
	if (!r->dir || !sg_dir_exists(r->dir)) {
		fprintf(stderr, "salesgen proposal: %s: cannot tell its content folder; give "
				"--content DIR\n",
			o->file);
		return -1;
	}
	r->id = o->file ? sg_path_stem(o->file) : sg_xstrdup("pipeline");
	r->out = o->out ? sg_xstrdup(o->out)
			: sg_xasprintf("%s%s.%s", o->review ? "review-" : "", r->id,
				       o->markdown ? "md" : "pdf");
	if (o->theme)
		r->theme = strchr(o->theme, '/') || sg_dir_exists(o->theme)
				   ? sg_xstrdup(o->theme)
				   : sg_path_join("themes", o->theme);
	if (o->file)
		sg_outguard_input(&r->guard, o->file, "the customer file");
	sg_outguard_folder(&r->guard, r->dir, "content");
	if (r->theme && sg_dir_exists(r->theme))
		sg_outguard_folder(&r->guard, r->theme, "theme");
	return sg_outguard_refuse(&r->guard, "salesgen proposal", o->out_flag, r->out, false);
}

/* Loads the content (each customer evaluated) and finds the customer.
 * Returns 0, or -1 with the problems in r->d. */
static int S_load(S_run *r, const sg_env *env)
{
	const S_opts *o = r->o;
	sg_env_warn(env, &r->d);
	r->c = sg_content_load(r->dir, &r->d);
	r->evals = sg_evals_new(r->c, env->build_date, 1);
	r->cu = o->file ? sg_content_customer(r->c, r->id) : NULL;
	if (!r->cu && !o->pipeline) {
		if (!sg_diags_errors(&r->d))
			sg_error(&r->d, sg_pos_make(o->file, 0, 0), "not a customer of %s", r->dir);
		return -1;
	}
	return 0;
}

/* The document into r->made: the proposal, the review (--review) or the
 * pipeline report (--pipeline), as a PDF or with --markdown as Markdown.
 * Returns 0, or -1 with the problems in r->d. */
static int S_document(S_run *r, const sg_env *env)
{
	const S_opts *o = r->o;
	sg_proposal_pdf_opts po = {
		.doc = {.build_date = env->build_date, .template_name = o->template_name},
		.style = &r->style,
	};
	sg_proposal_doc doc;
	sg_proposal_doc_init(&doc);
	int rc = o->pipeline ? sg_report_pipeline_prepare(&doc, r->c, &po.doc, &r->d)
		 : o->review ? sg_report_review_prepare(&doc, r->c, r->cu, &po.doc, &r->d)
			     : sg_proposal_prepare(&doc, r->c, r->cu, &po.doc, &r->d);
	if (rc == 0 && o->markdown)
		sg_proposal_markdown(&doc, &r->made);
	else if (rc == 0)
		rc = sg_proposal_doc_pdf(&r->made, &doc, r->c, &po, &r->d);
	sg_proposal_doc_dispose(&doc);
	return rc;
}

/* A proposal written as a draft says why: the same note `salesgen check`
 * gives. */
static void S_draft_note(const S_run *r)
{
	if (!r->cu || r->o->review)
		return;
	const sg_eval *ev = sg_eval_of(r->cu);
	if (ev->ok && ev->approval_missing)
		fprintf(stderr, "%s: note: written as a draft: the offer lacks the approval of %s\n",
			r->out,
			ev->missing_role ? ev->missing_role->id
					 : "the provincial office (beyond the policy)");
}

/* Loads, makes the document and writes it. Returns the exit status. */
static int S_make(S_run *r, const sg_env *env)
{
	const S_opts *o = r->o;
	if (S_load(r, env) != 0)
		return 1;
	if (o->theme && !sg_dir_exists(r->theme)) {
		fprintf(stderr, "salesgen proposal: --theme: no folder %s\n", r->theme);
		return 2;
	}
	sg_style_dispose(&r->style);
	if (sg_pdf_style_load(&r->style, r->theme, &r->d) != 0 || S_document(r, env) != 0)
		return 1;
	if (sg_outguard_refuse(&r->guard, "salesgen proposal", o->out_flag, r->out, false) != 0)
		return 2;
	if (sg_file_write_atomic(r->out, r->made.data, r->made.len) != 0) {
		fprintf(stderr, "salesgen proposal: cannot write %s: %s\n", r->out, strerror(errno));
		return 2;
	}
	S_draft_note(r);
	return sg_diags_errors(&r->d) ? 1 : 0;
}

int sg_cmd_proposal(int argc, char **argv, const sg_env *env)
{
	S_opts o;
	memset(&o, 0, sizeof o);
	int rc = S_parse(&o, argc, argv);
	if (rc)
		return rc > 0 ? 0 : 2;
	S_run r = {.o = &o};
	sg_outguard_init(&r.guard);
	sg_diags_init(&r.d);
	sg_style_init(&r.style);
	sg_buf_init(&r.made);
	if (S_decide(&r) != 0) {
		rc = 2;
	} else {
		/* The files read on the way (the other customers, templates,
		 * images) are inputs too: checked again before the write. */
		sg_outguard_track_reads(true);
		rc = S_make(&r, env);
		sg_outguard_track_reads(false);
	}
	sg_outguard_dispose(&r.guard);
	sg_diags_sort(&r.d);
	sg_diags_print(&r.d, stderr);
	free(r.out);
	free(r.theme);
	free(r.id);
	sg_buf_dispose(&r.made);
	sg_style_dispose(&r.style);
	sg_evals_free(r.evals);
	sg_content_free(r.c);
	sg_diags_dispose(&r.d);
	free(r.dir);
	return rc;
}

static const sg_cli_opt S_table[] = {
	{.name = "--out", .alias = "-o", .arg = "FILE", .values = SG_CLI_FILE, .choices = "*.pdf",
	 .help = "the PDF to write (default: ID.pdf, or review-ID.pdf); not an input, nor in "
	         "the content folder or the theme"},
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: the folder above the customers/ folder "
	         "CUSTOMER.xml is in)"},
	{.name = "--theme", .arg = "NAME", .values = SG_CLI_THEME,
	 .help = "the PDF style: themes/NAME/pdf.yaml, or a folder (default: built in)"},
	{.name = "--template", .arg = "NAME",
	 .help = "use proposals/NAME.md instead of the customer's template"},
	{.name = "--review",
	 .help = "make the internal project review (reports/review.md)"},
	{.name = "--pipeline",
	 .help = "make the internal pipeline report (reports/pipeline.md)"},
	{.name = "--markdown",
	 .help = "write the Markdown after templates and blocks instead of the PDF (to see "
	         "what a template produced)"},
	{NULL},
};

const sg_cli_command sg_cli_proposal = {
	.name = "proposal",
	.summary = "one customer's proposal (or review) as a PDF",
	.usage = "CUSTOMER.xml [-o FILE] [--content DIR] [--theme NAME] [--template NAME] "
		 "[--review] [--markdown]\n"
		 "--pipeline --content DIR [-o FILE] [--theme NAME]",
	.about = "Makes the customer's proposal as a PDF from its proposal template\n"
		 "(content/proposals/), the same document `salesgen build` writes to\n"
		 "output/proposals/ID.pdf.\n",
	.opts = S_table,
	.notes = "SOURCE_DATE_EPOCH, when set, is the date the document shows; otherwise the\n"
		 "customer's as-of date, never the clock.\n"
		 "\n"
		 "Exit status: 0 written, 1 problems in the content or template, 2 bad usage\n"
		 "or the file cannot be written.\n",
	.operands = SG_CLI_FILE,
	.operand_choices = "*.xml",
	.run = sg_cmd_proposal,
};
