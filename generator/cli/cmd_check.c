/*
 * cmd_check.c - `salesgen check`: load the whole content folder and report
 * every problem, GCC style, so that editors and CI logs can jump to them.
 *
 * Problems go to stdout (they are the command's output: a clean run prints
 * nothing there); the one-line summary goes to stderr.
 */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "model/content.h"
#include "document/mustache.h"
#include "document/proposal.h"

static const char *S_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Proposal and report templates are compiled (not rendered: that needs a
 * customer) so that a syntax error such as an unclosed tag is reported by
 * check at its line and column, not only later by build, once per customer. */
static void S_check_templates(const sg_content *c, sg_diags *d)
{
	for (size_t i = 0; i < c->doc_count; i++) {
		const sg_doc *t = c->docs[i];
		if (t->kind != SG_DOC_PROPOSAL && t->kind != SG_DOC_REPORT && t->kind != SG_DOC_QUOTE)
			continue;
		sg_proposal_check_directives(t->body, t->body_len, t->path, t->body_line, d);
		sg_buf text;
		sg_buf_init(&text);
		/* Blank lines in place of the front matter keep lines true. */
		for (int l = 1; l < t->body_line; l++)
			sg_buf_putc(&text, '\n');
		sg_buf_put(&text, t->body, t->body_len);
		sg_template_opts opts = {.mode = SG_TEMPLATE_STRICT, .escape = sg_escape_markdown};
		sg_template *tpl;
		if (sg_template_compile(&tpl, text.data, text.len, t->path, &opts, d) == 0)
			sg_template_free(tpl);
		sg_buf_dispose(&text);
	}
}

/* Amounts that are each valid can still add up past what the cost model
 * holds (billions of users at billions each): build fails such a customer's
 * outputs, so check says so too. */
static void S_check_costs(const sg_content *c, sg_diags *d)
{
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_eval *ev = sg_eval_of(c->customers[i]);
		if (!ev->ok)
			sg_eval_report(ev, d);
	}
}

/* A proposal must not promise a feature the offered edition lacks: each
 * customer's template is read for the names of the others, as build does
 * before it makes the proposal. Which template a customer gets is build's
 * to report when there is none. */
static void S_check_features(const sg_content *c, sg_diags *d)
{
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		if (!cu->offer.given || !cu->offer.product || !cu->offer.edition)
			continue;
		sg_diags quiet;
		sg_diags_init(&quiet);
		const sg_doc *tpl = sg_proposal_pick(c, cu, cu->offer.template_name, &quiet);
		sg_diags_dispose(&quiet);
		sg_proposal_check_features(tpl, cu, d);
	}
}

int sg_cmd_check(int argc, char **argv, const sg_env *env)
{
	const char *dir = "content";
	bool strict = false;
	const sg_cli_flag flags[] = {
		{"--content", .value = &dir},
		{"--strict", .on = &strict},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_check, .flags = flags, .nonempty = true,
			    .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		fprintf(stderr, "salesgen check: unknown argument '%s'\n", a);
		sg_cli_help(stderr, &sg_cli_check);
		return 2;
	}
	if (args.status != SG_CLI_END)
		return args.status == SG_CLI_HELP ? 0 : 2;

	sg_diags d;
	sg_diags_init(&d);
	d.warnings_are_errors = strict;
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, env->build_date, 1);
	/* Approval as code: an offer lacking a needed approval is a warning,
	 * an error under --strict, so CI can block unapproved quotes. */
	sg_eval_check_approvals(c, &d);
	S_check_costs(c, &d);
	S_check_templates(c, &d);
	S_check_features(c, &d);
	sg_diags_sort(&d);
	sg_diags_print(&d, stdout);
	fflush(stdout);

	size_t errors = sg_diags_errors(&d);
	size_t warnings = strict ? 0 : sg_diags_count(&d, SG_WARNING);
	fprintf(stderr, "%zu %s, %zu %s in %zu %s\n", errors, S_plural(errors, "error", "errors"),
		warnings, S_plural(warnings, "warning", "warnings"), c->file_count,
		S_plural(c->file_count, "file", "files"));
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	return errors ? 1 : 0;
}

static const sg_cli_opt S_table[] = {
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: ./content)"},
	{.name = "--strict",
	 .help = "count warnings as errors (an offer lacking a needed approval among them)"},
	{NULL},
};

const sg_cli_command sg_cli_check = {
	.name = "check",
	.summary = "load and validate the content, report every problem",
	.usage = "[--content DIR] [--strict]",
	.about = "Loads every file of the content folder, validates it against the schemas and\n"
		 "checks the references between files. Prints each problem as\n"
		 "PATH:LINE[:COLUMN]: error: MESSAGE and a summary line on stderr.\n",
	.opts = S_table,
	.notes = "exit status: 0 no errors, 1 errors found, 2 bad usage\n",
	.run = sg_cmd_check,
};
