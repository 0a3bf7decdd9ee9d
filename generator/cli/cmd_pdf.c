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
#include <sys/stat.h>
#include <time.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/outguard.h"
#include "cli/commands.h"
#include "targets/themes.h"
#include "layout/font.h"
#include "model/doc.h"
#include "render/pdf/pdf_mdoc.h"

static const char S_usage[] =
	"usage: salesgen pdf FILE.md [-o OUT.pdf] [--theme NAME] [--content DIR] [OPTIONS]\n"
	"\n"
	"Sets a Markdown file (a playbook, a note) as a PDF: a cover with the title,\n"
	"the summary and the front matter's customer, number, author and date; a\n"
	"table of contents when there are enough headings; running header and\n"
	"footer with page numbers; bookmarks and links.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE    the PDF to write (default: FILE with .pdf; for a FILE\n"
	"                       in the content folder, NAME.pdf in the current folder).\n"
	"                       It must not be an input, nor lie in the content folder\n"
	"                       or the theme\n"
	"  --theme NAME         the theme: THEMES/NAME/pdf.yaml (default: default;\n"
	"                       a NAME with a '/' is a folder)\n"
	"  --themes DIR         the themes folder (default: themes/ next to the\n"
	"                       content folder)\n"
	"  --content DIR        the content folder: images and the cover logo are\n"
	"                       found there (default: the folder above FILE's, when it\n"
	"                       holds site.xml, else ./content when it exists)\n"
	"  --lang LANG          the document's language when its front matter has none\n"
	"                       (default zh-CN)\n"
	"  --field LABEL=VALUE  another cover field (may repeat)\n"
	"  --watermark TEXT     a watermark across every page\n"
	"  --toc, --no-toc      force the table of contents on or off\n"
	"  --no-cover           no cover page\n"
	"  --stats              print timings and sizes on stderr\n"
	"  --repeat N           set the document N more times in this process and\n"
	"                       print the mean time (benchmarks: fonts already parsed)\n"
	"  --help               this text\n"
	"\n"
	"Dates: SOURCE_DATE_EPOCH when set, else the front matter's date, else today.\n";

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

/* --repeat N: a whole number of runs, 0 to 100000. */
static int S_repeat(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 100000) {
		fprintf(stderr, "salesgen pdf: --repeat takes a whole number from 0 to 100000, not "
				"'%s'\n",
			s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int sg_cmd_pdf(int argc, char **argv, const sg_env *env)
{
	const char *file = NULL, *outpath = NULL, *outflag = NULL, *theme = "default";
	const char *themes = NULL;
	const char *content = NULL, *lang = "zh-CN", *watermark = NULL;
	bool stats_flag = false;
	const char *repeat_s = NULL;
	sg_pdf_mdoc_opts o;
	memset(&o, 0, sizeof o);
	sg_pdf_field *extra = sg_xcalloc((size_t)argc + 1, sizeof *extra);
	size_t nextra = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
#define S_VALUE(flag, var)                                                                 \
	if (strcmp(a, flag) == 0) {                                                        \
		if (!has_next) {                                                           \
			fprintf(stderr, "salesgen pdf: %s needs a value\n", flag);         \
			free(extra);                                                       \
			return 2;                                                          \
		}                                                                          \
		var = argv[++i];                                                           \
		continue;                                                                  \
	}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(S_usage, stdout);
			free(extra);
			return 0;
		}
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			outflag = a;
		S_VALUE("-o", outpath)
		S_VALUE("--output", outpath)
		S_VALUE("--theme", theme)
		S_VALUE("--themes", themes)
		S_VALUE("--content", content)
		S_VALUE("--lang", lang)
		S_VALUE("--watermark", watermark)
		S_VALUE("--repeat", repeat_s)
		if (strcmp(a, "--field") == 0 && has_next) {
			char *kv = argv[++i];
			char *eq = strchr(kv, '=');
			if (!eq || eq == kv) {
				fprintf(stderr, "salesgen pdf: --field wants LABEL=VALUE, not '%s'\n",
					kv);
				free(extra);
				return 2;
			}
			*eq = '\0';
			extra[nextra++] = (sg_pdf_field){kv, eq + 1};
			continue;
		}
		if (strcmp(a, "--toc") == 0) {
			o.toc = SG_PDF_TOC_ALWAYS;
			continue;
		}
		if (strcmp(a, "--no-toc") == 0) {
			o.toc = SG_PDF_TOC_NEVER;
			continue;
		}
		if (strcmp(a, "--no-cover") == 0) {
			o.no_cover = true;
			continue;
		}
		if (strcmp(a, "--stats") == 0) {
			stats_flag = true;
			continue;
		}
#undef S_VALUE
		if (a[0] == '-' || file) {
			fprintf(stderr, "salesgen pdf: unexpected argument '%s'\n%s", a, S_usage);
			free(extra);
			return 2;
		}
		file = a;
	}
	if (!file) {
		fputs(S_usage, stderr);
		free(extra);
		return 2;
	}
	int repeat = 0;
	if (repeat_s && S_repeat(repeat_s, &repeat) != 0) {
		free(extra);
		return 2;
	}

	int rc = 1;
	sg_diags d;
	sg_diags_init(&d);
	sg_arena arena;
	sg_arena_init(&arena);
	sg_doc *doc = NULL;
	sg_style style;
	sg_buf pdf;
	sg_buf_init(&pdf);
	char *content_dir = content ? sg_xstrdup(content) : S_find_content(file);
	char *theme_dir = sg_build_theme_dir(theme, themes, content_dir);
	char *out = NULL;
	sg_outguard guard;
	sg_outguard_init(&guard);
	if (theme_dir && !sg_dir_exists(theme_dir)) {
		if (strcmp(theme, "default") == 0) {
			free(theme_dir); /* the built-in default */
			theme_dir = NULL;
		} else {
			fprintf(stderr, "salesgen pdf: no theme folder %s\n", theme_dir);
			rc = 2;
			sg_style_init(&style);
			goto cleanup;
		}
	} else if (!theme_dir && strcmp(theme, "default") != 0) {
		fprintf(stderr, "salesgen pdf: no themes folder to find '%s' in (use --themes)\n",
			theme);
		rc = 2;
		sg_style_init(&style);
		goto cleanup;
	}
	/* Where the PDF goes is decided, and checked, before any work: never
	 * over the document, nor into the content folder or the theme. */
	sg_outguard_input(&guard, file, "the document");
	if (content_dir && sg_dir_exists(content_dir))
		sg_outguard_folder(&guard, content_dir, "content");
	if (theme_dir)
		sg_outguard_folder(&guard, theme_dir, "theme");
	out = outpath ? sg_xstrdup(outpath) : S_default_out(file, &guard);
	if (sg_outguard_refuse(&guard, "salesgen pdf", outflag, out, false) != 0) {
		rc = 2;
		sg_style_init(&style);
		goto cleanup;
	}
	/* The files read on the way (images, the logo) are inputs too. */
	sg_outguard_track_reads(true);
	if (sg_pdf_style_load(&style, theme_dir, &d) < 0)
		goto cleanup;

	/* The file is parsed once, when it is set (with --repeat, once per run,
	 * as each document of a build is). */
	doc = sg_doc_load(&arena, file, SG_DOC_PLAYBOOK, lang, &d);
	if (!doc || sg_diags_errors(&d) > 0)
		goto cleanup;
	sg_env_warn(env, &d);
	o.date = env->build_date;
	o.style = &style;
	o.content_dir = content_dir;
	o.fallback_time = (int64_t)time(NULL); /* only when no date is given */
	o.watermark = watermark;
	o.extra = extra;
	o.nextra = nextra;
	sg_pdf_stats st;
	o.stats = &st;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (sg_pdf_render_mdoc(&pdf, doc, &o, &d) < 0 || sg_diags_errors(&d) > 0)
		goto cleanup;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (repeat_s) {
		int n = repeat;
		sg_buf again;
		sg_buf_init(&again);
		struct timespec r0, r1;
		clock_gettime(CLOCK_MONOTONIC, &r0);
		for (int i = 0; i < n; i++)
			sg_pdf_render_mdoc(&again, doc, &o, &d);
		clock_gettime(CLOCK_MONOTONIC, &r1);
		double ms = ((double)(r1.tv_sec - r0.tv_sec) * 1e3 +
			     (double)(r1.tv_nsec - r0.tv_nsec) / 1e6) / (n > 0 ? n : 1);
		fprintf(stderr, "%s: %d more runs, %.2f ms per document (%.1f documents/s)\n", file,
			n, ms, ms > 0 ? 1000 / ms : 0);
		sg_buf_dispose(&again);
	}
	if (sg_outguard_refuse(&guard, "salesgen pdf", outflag, out, false) != 0) {
		rc = 2;
		goto cleanup;
	}
	if (sg_file_write_atomic(out, pdf.data, pdf.len) < 0) {
		fprintf(stderr, "salesgen pdf: cannot write %s: %s\n", out, strerror(errno));
		goto cleanup;
	}
	if (stats_flag)
		fprintf(stderr,
			"%s: %d pages, %zu KB, %.1f ms (layout %.1f, fonts and drawing %.1f, "
			"saving %.1f); %d fonts, %zu glyphs, subsets %.1f ms, libharu loading them %.1f ms\n",
			out, st.pages, pdf.len / 1024,
			(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
			st.layout_ms, st.draw_ms, st.save_ms, st.fonts.faces, st.fonts.glyphs,
			st.fonts.subset_ms, st.fonts.load_ms);
	rc = 0;
cleanup:
	sg_outguard_track_reads(false);
	sg_outguard_dispose(&guard);
	sg_diags_sort(&d);
	sg_diags_print(&d, stderr);
	sg_buf_dispose(&pdf);
	sg_style_dispose(&style);
	sg_doc_dispose(doc);
	sg_arena_dispose(&arena);
	free(content_dir);
	free(theme_dir);
	free(out);
	free(extra);
	sg_diags_dispose(&d);
	/* A command runs once per process: free the font caches so that leak
	 * checkers see a clean exit. */
	sg_font_cache_clear();
	return rc;
}
