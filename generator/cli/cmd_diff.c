/*
 * cmd_diff.c - `salesgen diff`: what a change to the content does to every
 * customer's proposal, between two git revisions of the content folder or
 * two folders (diff/diff.h compares, diff/diff_format.h writes).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/fs.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "diff/diff.h"
#include "diff/diff_format.h"
#include "diff/revision.h"
#include "targets/proposal_pdf.h"
#include "targets/themes.h"

static const sg_cli_opt S_table[] = {
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: content)"},
	{.name = "--from", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "compare two folders instead: the old content"},
	{.name = "--to", .arg = "DIR", .values = SG_CLI_DIR, .help = "the new content"},
	{.name = "--format", .arg = "FORMAT", .values = SG_CLI_LIST, .choices = "text|markdown|json",
	 .help = "text (default), markdown (for a pull-request comment) or json (docs/diff.md "
		 "describes it)"},
	{.name = "--fail-on", .arg = "WHAT", .values = SG_CLI_LIST, .choices = "approval",
	 .help = "approval: exit 1 when a changed or added offer needs an approval its file "
		 "does not record"},
	{NULL},
};

const sg_cli_command sg_cli_diff = {
	.name = "diff",
	.summary = "what a change to the content does to every proposal",
	.usage = "[--content DIR] OLD [NEW] [--format FORMAT] [--fail-on approval]\n"
		 "--from DIR --to DIR [--format FORMAT] [--fail-on approval]",
	.about = "Shows what a change to the content does to what each customer and approver\n"
		 "will see: the figures of every proposal old -> new, the approval each offer\n"
		 "needs and whether its file records it, the sentences of each proposal that\n"
		 "change, outputs gained or lost, and sent proposals that would now differ.\n"
		 "OLD and NEW are git revisions of the repository holding the content folder,\n"
		 "read from its object database (nothing is checked out); NEW defaults to the\n"
		 "content folder as it is now.\n",
	.opts = S_table,
	.notes = "The text is coloured when stdout is a terminal and NO_COLOR is not set.\n"
		 "SOURCE_DATE_EPOCH, when set, is the date both sides' proposals are made as of.\n"
		 "\n"
		 "exit status: 0 compared, 1 --fail-on approval and an offer lacks its approval,\n"
		 "2 bad usage, or a revision or folder that cannot be read\n",
	.run = sg_cmd_diff,
};

typedef struct S_opts {
	const char *content, *from, *to, *format, *fail_on;
	const char *revs[2];
	int nrevs;
} S_opts;

/* Reads the arguments into o. Returns 0, 1 after printing the help, -1
 * after a message (bad usage). */
static int S_parse(S_opts *o, int argc, char **argv)
{
	const sg_cli_flag flags[] = {
		{"--content", .value = &o->content},
		{"--from", .value = &o->from},
		{"--to", .value = &o->to},
		{"--format", .value = &o->format},
		{"--fail-on", .value = &o->fail_on},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_diff, .flags = flags,
			    .nonempty = true, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (a[0] == '-' && a[1]) {
			fprintf(stderr, "salesgen diff: unknown option '%s'\n", a);
			return -1;
		}
		if (o->nrevs == 2) {
			fprintf(stderr, "salesgen diff: unexpected argument '%s'\n", a);
			return -1;
		}
		o->revs[o->nrevs++] = a;
	}
	if (args.status != SG_CLI_END)
		return args.status;
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "markdown") != 0 &&
	    strcmp(o->format, "json") != 0) {
		fprintf(stderr, "salesgen diff: --format takes text, markdown or json, not '%s'\n",
			o->format);
		return -1;
	}
	if (o->fail_on && strcmp(o->fail_on, "approval") != 0) {
		fprintf(stderr, "salesgen diff: --fail-on takes approval, not '%s'\n", o->fail_on);
		return -1;
	}
	if (!o->from != !o->to) {
		fprintf(stderr, "salesgen diff: --from and --to go together\n");
		return -1;
	}
	if (o->from && (o->nrevs || o->content)) {
		fprintf(stderr, "salesgen diff: --from and --to compare two folders: no revision "
				"and no --content with them\n");
		return -1;
	}
	if (!o->from && !o->nrevs) {
		fprintf(stderr, "salesgen diff: which revision? (salesgen diff OLD [NEW], or "
				"--from DIR --to DIR)\n");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- sent */

/* The PDF theme of content c as `build` chooses it when no --theme is
 * given: site.xml's theme, else themes/default beside the content when
 * there is one, else the built-in theme (NULL). Heap. */
static char *S_theme_dir(const sg_content *c)
{
	const char *name = c->site && c->site->theme ? c->site->theme : NULL;
	if (!name)
		return sg_build_unnamed_theme_dir(c->dir);
	return sg_build_theme_dir(name, NULL, c->dir);
}

/* sg_diff_sent_fn: makes cu's proposal as of the day s went out, the way
 * `build` does to say whether a sent proposal would differ, and compares
 * it with the file kept under sent/. */
static int S_sent_same(void *arg, const sg_content *c, const sg_customer *cu, const sg_sent *s)
{
	(void)arg;
	sg_diags quiet;
	sg_diags_init(&quiet);
	/* Loaded, or not, the style holds its arena: disposed either way (as
	 * targets/pdf_targets.c does). */
	sg_style style;
	char *theme = S_theme_dir(c);
	bool styled = sg_pdf_style_load(&style, theme, &quiet) == 0;
	char *path = sg_path_join(c->dir, s->file);
	sg_buf sent, again;
	sg_buf_init(&sent);
	sg_buf_init(&again);
	int rc = -1;
	if (styled && sg_file_read(path, (size_t)64 << 20, &sent, &quiet) == 0) {
		sg_proposal_pdf_opts o = {.doc = {.build_date = s->date}, .style = &style};
		if (sg_proposal_produce(&again, c, cu, &o, &quiet) == 0)
			rc = again.len == sent.len && memcmp(again.data, sent.data, sent.len) == 0;
	}
	sg_buf_dispose(&again);
	sg_buf_dispose(&sent);
	free(path);
	free(theme);
	sg_style_dispose(&style);
	sg_diags_dispose(&quiet);
	return rc;
}

/* ---------------------------------------------------------------- the run */

/* Whether the text gets colours: stdout a terminal, NO_COLOR unset
 * (no-color.org). Read here, with the command line, as env.c reads the
 * rest of the environment. */
static bool S_colour(void)
{
	const char *no = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(no && *no);
}

/* Compares the folders from and to into out, in the format asked for.
 * Returns the exit status. */
static int S_compare(const S_opts *o, const char *from, const char *to,
		     const sg_diff_labels *labels, const sg_env *env, sg_buf *out)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	sg_diff_opts dopts = {
		.build_date = env->build_date,
		.threads = cores > 0 ? (int)cores : 1,
		.sent_same = S_sent_same,
	};
	sg_diff *df = sg_diff_compare(from, to, &dopts);
	if (strcmp(o->format, "json") == 0)
		sg_diff_write_json(out, df, labels);
	else if (strcmp(o->format, "markdown") == 0)
		sg_diff_write_markdown(out, df, labels);
	else
		sg_diff_write_text(out, df, labels, S_colour());
	int rc = o->fail_on && sg_diff_unapproved(df) ? 1 : 0;
	sg_diff_free(df);
	return rc;
}

/* Writes out to stdout, once every temporary folder is gone (a reader
 * that stops early, as head does, ends the process with SIGPIPE). */
static int S_print(const sg_buf *out, int rc)
{
	fwrite(out->data, 1, out->len, stdout);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "salesgen diff: cannot write the diff\n");
		return 2;
	}
	return rc;
}

/* --from DIR --to DIR. */
static int S_folders(const S_opts *o, const sg_env *env)
{
	const char *dirs[2] = {o->from, o->to};
	for (int i = 0; i < 2; i++)
		if (!sg_dir_exists(dirs[i])) {
			fprintf(stderr, "salesgen diff: %s %s: no such folder\n",
				i ? "--to" : "--from", dirs[i]);
			return 2;
		}
	sg_diff_labels labels = {o->from, o->to};
	sg_buf out;
	sg_buf_init(&out);
	int rc = S_print(&out, S_compare(o, o->from, o->to, &labels, env, &out));
	sg_buf_dispose(&out);
	return rc;
}

/* Ctrl-C, a hang-up or a kill while revisions are written out would leave
 * their temporary folders behind: those signals wait (blocked, for every
 * thread started meanwhile) until the folders are removed, and then take
 * effect as they would have. A diff takes seconds, so the wait is short. */
static void S_hold_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* OLD [NEW]: each revision's content folder written out of the
 * repository into a temporary folder (diff/revision.h says why), NEW
 * without a revision the content folder itself. */
static int S_revisions(const S_opts *o, const sg_env *env)
{
	const char *content = o->content ? o->content : "content";
	if (!sg_dir_exists(content)) {
		fprintf(stderr, "salesgen diff: %s: no such folder (give --content DIR)\n", content);
		return 2;
	}
	sg_buf err, out;
	sg_buf_init(&err);
	sg_buf_init(&out);
	sg_diags d;
	sg_diags_init(&d);
	sg_diff_repo *repo = NULL;
	const char *dirs[2] = {NULL, content};
	int rc = 2;
	sigset_t old;
	S_hold_signals(&old);
	if (sg_diff_repo_open(&repo, content, &err) != 0)
		goto cleanup;
	for (int i = 0; i < o->nrevs; i++)
		if (sg_diff_repo_extract(repo, o->revs[i], &dirs[i], &d, &err) != 0)
			goto cleanup;
	sg_diags_print(&d, stderr);
	sg_diff_labels labels = {o->revs[0], o->nrevs > 1 ? o->revs[1] : "working tree"};
	rc = S_compare(o, dirs[0], dirs[1], &labels, env, &out);
cleanup:
	if (err.len)
		fprintf(stderr, "salesgen diff: %s\n", err.data);
	sg_diff_repo_free(repo);
	sigprocmask(SIG_SETMASK, &old, NULL); /* a signal held meanwhile acts now */
	if (out.len)
		rc = S_print(&out, rc);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_buf_dispose(&err);
	return rc;
}

int sg_cmd_diff(int argc, char **argv, const sg_env *env)
{
	S_opts o = {.format = "text"};
	int rc = S_parse(&o, argc, argv);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (o.from)
		return S_folders(&o, env);
	return S_revisions(&o, env);
}
