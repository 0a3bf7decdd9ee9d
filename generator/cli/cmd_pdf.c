/*
 * cmd_pdf.c - `salesgen pdf FILE.md`: one Markdown file set as a PDF.
 *
 * Exit codes: 0 written, 1 problems in the content (nothing is written),
 * 2 bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/outguard.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "targets/themes.h"
#include "model/doc.h"
#include "render/pdf/pdf_mdoc.h"

static char *S_dirname(const char *path)
{
	char *d = sg_xstrdup(path);
	char *slash = strrchr(d, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(d, ".");
	return d;
}

/* The folder above dir, spelt as the user would name it in messages:
 * "content/playbooks" -> "content", "notes" -> ".", "." -> "..",
 * "a/.." -> "a/../..". Heap. */
static char *S_parent(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *last = slash ? slash + 1 : dir;
	if (strcmp(dir, ".") == 0)
		return sg_xstrdup("..");
	if (!*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return sg_path_join(dir, "..");
	if (!slash)
		return sg_xstrdup(".");
	if (slash == dir)
		return sg_xstrdup("/");
	return sg_xstrndup(dir, (size_t)(slash - dir));
}

/* The content folder when not given: the folder above the file's when it
 * holds site.xml (content/playbooks/x.md), else ./content. */
static char *S_find_content(const char *file)
{
	char *dir = S_dirname(file);
	char *up = S_parent(dir);
	char *site = sg_path_join(up, "site.xml");
	bool found = sg_file_exists(site);
	free(site);
	free(dir);
	if (found)
		return up;
	free(up);
	if (sg_dir_exists("content"))
		return sg_xstrdup("content");
	return NULL;
}

/* The PDF's path when -o is not given: FILE with .pdf, unless that lies
 * where salesgen never writes (a playbook's folder in the content): then
 * NAME.pdf in the current folder. Heap. */
static char *S_default_out(const char *file, const sg_outguard *g)
{
	size_t n = strlen(file);
	char *out = sg_xmalloc(n + 5);
	memcpy(out, file, n + 1);
	if (n > 3 && strcmp(out + n - 3, ".md") == 0)
		out[n - 3] = '\0';
	strcat(out, ".pdf");
	char *why;
	if (sg_outguard_check(g, out, false, &why) == 0)
		return out;
	free(why);
	const char *slash = strrchr(out, '/');
	char *here = sg_xstrdup(slash ? slash + 1 : out);
	free(out);
	return here;
}

/* ---------------------------------------------------------------- options */

typedef struct S_opts {
	const char *file;
	const char *out, *out_flag; /* -o or --output, as written */
	const char *theme, *themes, *content, *lang;
	const char *repeat_text;    /* --repeat as given; NULL: no benchmark */
	int repeat;
	const char *toc; /* the last of --toc and --no-toc given, or NULL */
	bool stats;
	/* --watermark, --no-cover, the table of contents and the --field
	 * list; the rest is filled in when the document is set. */
	sg_pdf_mdoc_opts doc;
	sg_pdf_field *fields; /* heap, room for one per argument */
} S_opts;

/* --field LABEL=VALUE: kv is cut at the '=' into a cover field. Returns 0,
 * or -1 after the message. */
static int S_field(S_opts *o, char *kv)
{
	char *eq = strchr(kv, '=');
	if (!eq || eq == kv) {
		fprintf(stderr, "salesgen pdf: --field wants LABEL=VALUE, not '%s'\n", kv);
		return -1;
	}
	*eq = '\0';
	o->fields[o->doc.nextra++] = (sg_pdf_field){kv, eq + 1};
	return 0;
}

/* Reads the arguments into o. Returns 0, 1 after printing the help, -1
 * after a message (bad usage). */
static int S_parse(S_opts *o, int argc, char **argv)
{
	const sg_cli_flag flags[] = {
		{"--output", .value = &o->out, .as_written = &o->out_flag},
		{"--theme", .value = &o->theme},
		{"--themes", .value = &o->themes},
		{"--content", .value = &o->content},
		{"--lang", .value = &o->lang},
		{"--watermark", .value = &o->doc.watermark},
		{"--repeat", .value = &o->repeat_text},
		{"--toc", .as_written = &o->toc},
		{"--no-toc", .as_written = &o->toc},
		{"--no-cover", .on = &o->doc.no_cover},
		{"--stats", .on = &o->stats},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_pdf, .flags = flags, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (strcmp(a, "--field") == 0 && args.i + 1 < argc) {
			if (S_field(o, argv[++args.i]) != 0)
				return -1;
		} else if (a[0] == '-' || o->file) {
			fprintf(stderr, "salesgen pdf: unexpected argument '%s'\n", a);
			sg_cli_help(stderr, &sg_cli_pdf);
			return -1;
		} else {
			o->file = a;
		}
	}
	if (args.status != SG_CLI_END)
		return args.status;
	if (!o->file) {
		sg_cli_help(stderr, &sg_cli_pdf);
		return -1;
	}
	if (o->toc)
		o->doc.toc = strcmp(o->toc, "--toc") == 0 ? SG_PDF_TOC_ALWAYS : SG_PDF_TOC_NEVER;
	if (o->repeat_text && sg_cli_whole_number("salesgen pdf", "--repeat", o->repeat_text, 0,
						   100000, &o->repeat) != 0)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- the run */

/* One run: the folders it reads and the file it writes, decided before
 * any work, and what it makes. */
typedef struct S_run {
	const S_opts *o;
	char *content_dir;  /* images and the cover logo; NULL: none */
	char *theme_dir;    /* NULL: the built-in default theme */
	char *out;          /* the PDF to write */
	sg_outguard guard;  /* what out may not be */
	sg_diags d;
	sg_buf pdf;
	sg_pdf_stats stats; /* of the last setting */
	double ms;          /* how long the first setting took */
} S_run;

static void S_run_init(S_run *r, const S_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->content_dir = o->content ? sg_xstrdup(o->content) : S_find_content(o->file);
	sg_outguard_init(&r->guard);
	sg_diags_init(&r->d);
	sg_buf_init(&r->pdf);
}

/* Prints the problems and frees what the run holds. */
static void S_run_dispose(S_run *r)
{
	sg_outguard_track_reads(false);
	sg_outguard_dispose(&r->guard);
	sg_diags_sort(&r->d);
	sg_diags_print(&r->d, stderr);
	sg_buf_dispose(&r->pdf);
	free(r->content_dir);
	free(r->theme_dir);
	free(r->out);
	sg_diags_dispose(&r->d);
}

/* The theme's folder from --theme and --themes; none for a "default" that
 * no folder holds (the built-in theme). Returns 0, or -1 after the message
 * (bad usage). */
static int S_decide_theme(S_run *r)
{
	const char *theme = r->o->theme;
	bool is_default = strcmp(theme, "default") == 0;
	char *dir = sg_build_theme_dir(theme, r->o->themes, r->content_dir);
	if (dir && !sg_dir_exists(dir)) {
		if (!is_default) {
			fprintf(stderr, "salesgen pdf: no theme folder %s\n", dir);
			free(dir);
			return -1;
		}
		free(dir); /* the built-in default */
		dir = NULL;
	} else if (!dir && !is_default) {
		fprintf(stderr, "salesgen pdf: no themes folder to find '%s' in (use --themes)\n",
			theme);
		return -1;
	}
	r->theme_dir = dir;
	return 0;
}

/* Where the PDF goes, decided and checked before any work: never over the
 * document, nor into the content folder or the theme. Returns 0, or -1
 * after the message (bad usage). */
static int S_decide_out(S_run *r)
{
	const S_opts *o = r->o;
	sg_outguard_input(&r->guard, o->file, "the document");
	if (r->content_dir && sg_dir_exists(r->content_dir))
		sg_outguard_folder(&r->guard, r->content_dir, "content");
	if (r->theme_dir)
		sg_outguard_folder(&r->guard, r->theme_dir, "theme");
	r->out = o->out ? sg_xstrdup(o->out) : S_default_out(o->file, &r->guard);
	return sg_outguard_refuse(&r->guard, "salesgen pdf", o->out_flag, r->out, false);
}

static double S_ms_between(const struct timespec *from, const struct timespec *to)
{
	return (double)(to->tv_sec - from->tv_sec) * 1e3 +
	       (double)(to->tv_nsec - from->tv_nsec) / 1e6;
}

/* --repeat N: sets doc N more times (each parsing the body again, as each
 * document of a build does) and prints the mean time. */
static void S_benchmark(S_run *r, const sg_doc *doc, const sg_pdf_mdoc_opts *mo)
{
	int n = r->o->repeat;
	sg_buf again;
	sg_buf_init(&again);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < n; i++)
		sg_pdf_render_mdoc(&again, doc, mo, &r->d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = S_ms_between(&t0, &t1) / (n > 0 ? n : 1);
	fprintf(stderr, "%s: %d more runs, %.2f ms per document (%.1f documents/s)\n", r->o->file,
		n, ms, ms > 0 ? 1000 / ms : 0);
	sg_buf_dispose(&again);
}

/* Sets the document as a PDF into r->pdf with the theme's style, timed
 * (and with --repeat, set again as a benchmark). Returns 0, or -1 with the
 * problems in r->d. */
static int S_set(S_run *r, const sg_env *env)
{
	const S_opts *o = r->o;
	int rc = -1;
	sg_arena arena;
	sg_arena_init(&arena);
	sg_doc *doc = NULL;
	sg_style style;
	if (sg_pdf_style_load(&style, r->theme_dir, &r->d) < 0)
		goto cleanup;
	/* The front matter is read here; the body is parsed when it is set. */
	doc = sg_doc_load(&arena, o->file, SG_DOC_PLAYBOOK, o->lang, &r->d);
	if (!doc || sg_diags_errors(&r->d) > 0)
		goto cleanup;
	sg_env_warn(env, &r->d);
	sg_pdf_mdoc_opts mo = o->doc;
	mo.date = env->build_date;
	mo.style = &style;
	mo.content_dir = r->content_dir;
	mo.fallback_time = (int64_t)time(NULL); /* only when no date is given */
	mo.extra = o->fields;
	mo.stats = &r->stats;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (sg_pdf_render_mdoc(&r->pdf, doc, &mo, &r->d) < 0 || sg_diags_errors(&r->d) > 0)
		goto cleanup;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->ms = S_ms_between(&t0, &t1);
	if (o->repeat_text)
		S_benchmark(r, doc, &mo);
	rc = 0;
cleanup:
	sg_style_dispose(&style);
	sg_doc_dispose(doc);
	sg_arena_dispose(&arena);
	return rc;
}

/* --stats: sizes and timings of the PDF written. */
static void S_print_stats(const S_run *r)
{
	const sg_pdf_stats *st = &r->stats;
	fprintf(stderr,
		"%s: %d pages, %zu KB, %.1f ms (layout %.1f, drawing and writing the pages %.1f, "
		"fonts and the end of the file %.1f); %d fonts, %zu glyphs, %zu KB of font "
		"programs, subsets %.1f ms\n",
		r->out, st->pages, r->pdf.len / 1024, r->ms, st->layout_ms, st->draw_ms,
		st->save_ms, st->fonts.faces, st->fonts.glyphs, st->fonts.font_bytes / 1024,
		st->fonts.subset_ms);
	if (st->streamed)
		fprintf(stderr, "%s: drawn page by page as laid out (laid out twice; %zu flow items "
			"held at most)\n", r->out, st->most_items);
}

/* Sets the document and writes it where S_decide_out said. Returns the
 * exit status. */
static int S_make(S_run *r, const sg_env *env)
{
	/* The files read on the way (images, the logo) are inputs too. */
	sg_outguard_track_reads(true);
	if (S_set(r, env) != 0)
		return 1;
	if (sg_outguard_refuse(&r->guard, "salesgen pdf", r->o->out_flag, r->out, false) != 0)
		return 2;
	if (sg_file_write_atomic(r->out, r->pdf.data, r->pdf.len) < 0) {
		fprintf(stderr, "salesgen pdf: cannot write %s: %s\n", r->out, strerror(errno));
		return 1;
	}
	if (r->o->stats)
		S_print_stats(r);
	return 0;
}

int sg_cmd_pdf(int argc, char **argv, const sg_env *env)
{
	S_opts o = {.theme = "default", .lang = "zh-CN"};
	o.fields = sg_xcalloc((size_t)argc + 1, sizeof *o.fields);
	int rc = S_parse(&o, argc, argv);
	if (rc != 0) {
		free(o.fields);
		return rc > 0 ? 0 : 2;
	}
	S_run r;
	S_run_init(&r, &o);
	if (S_decide_theme(&r) != 0 || S_decide_out(&r) != 0)
		rc = 2;
	else
		rc = S_make(&r, env);
	S_run_dispose(&r);
	free(o.fields);
	return rc;
}

static const sg_cli_opt S_table[] = {
	{.name = "--output", .alias = "-o", .arg = "FILE", .values = SG_CLI_FILE, .choices = "*.pdf",
	 .help = "the PDF to write (default: FILE with .pdf; for a FILE in the content folder, "
	         "NAME.pdf in the current folder). It must not be an input, nor lie in the content "
	         "folder or the theme"},
	{.name = "--theme", .arg = "NAME", .values = SG_CLI_THEME,
	 .help = "the theme: THEMES/NAME/pdf.yaml (default: default; a NAME with a '/' is a "
	         "folder)"},
	{.name = "--themes", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the themes folder (default: themes/ next to the content folder)"},
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder: images and the cover logo are found there (default: the "
	         "folder above FILE's, when it holds site.xml, else ./content when it exists)"},
	{.name = "--lang", .arg = "LANG",
	 .help = "the document's language when its front matter has none (default zh-CN)"},
	{.name = "--field", .arg = "LABEL=VALUE",
	 .help = "another cover field (may repeat)"},
	{.name = "--watermark", .arg = "TEXT",
	 .help = "a watermark across every page"},
	{.name = "--toc",
	 .help = "force the table of contents on"},
	{.name = "--no-toc",
	 .help = "force the table of contents off"},
	{.name = "--no-cover",
	 .help = "no cover page"},
	{.name = "--stats",
	 .help = "print timings and sizes on stderr"},
	{.name = "--repeat", .arg = "N",
	 .help = "set the document N more times in this process and print the mean time "
	         "(benchmarks: fonts already parsed)"},
	{NULL},
};

const sg_cli_command sg_cli_pdf = {
	.name = "pdf",
	.summary = "set one Markdown file as a PDF",
	.usage = "FILE.md [-o OUT.pdf] [--theme NAME] [--content DIR] [OPTIONS]",
	.about = "Sets a Markdown file (a playbook, a note) as a PDF: a cover with the title,\n"
		 "the summary and the front matter's customer, number, author and date; a\n"
		 "table of contents when there are enough headings; running header and\n"
		 "footer with page numbers; bookmarks and links.\n",
	.opts = S_table,
	.notes = "Dates: the front matter's date, else SOURCE_DATE_EPOCH, else today.\n",
	.operands = SG_CLI_FILE,
	.operand_choices = "*.md",
	.run = sg_cmd_pdf,
};
