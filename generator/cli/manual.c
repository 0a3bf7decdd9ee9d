/*
 * manual.c - `salesgen __man`: the manual page, salesgen(1), written from
 * the command table (cli/commands.c) and the sections below that are not
 * about one command. The build runs it to make the page it installs, and
 * docs/salesgen.1 is its output (tests/e2e/cli_table.sh compares them).
 */
#include <string.h>

#include "cli/commands.h"

/* Writes the n bytes of s as roff text: backslashes and hyphens escaped, a
 * line never starting with a control character. */
static void S_put(FILE *out, const char *s, size_t n)
{
	bool line_start = true;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (line_start && (ch == '.' || ch == '\''))
			fputs("\\&", out);
		if (ch == '\\') {
			fputs("\\e", out);
		} else if (ch == '\xc3' && i + 1 < n && s[i + 1] == '\x97') {
			fputs("\\(mu", out); /* U+00D7, the sign in "12 × 2" */
			i++;
		} else if (ch == '-') {
			fputs("\\-", out);
		} else {
			fputc(ch, out);
		}
		line_start = ch == '\n';
	}
}

static void S_puts(FILE *out, const char *s)
{
	S_put(out, s, strlen(s));
}

/* Paragraphs of help text: a blank line starts a new paragraph, lines
 * indented by two spaces (lists, commands to type) are kept as they are. */
static void S_paragraphs(FILE *out, const char *text)
{
	bool nofill = false;
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		bool indented = strncmp(line, "  ", 2) == 0;
		if (indented != nofill) {
			fputs(indented ? ".nf\n" : ".fi\n", out);
			nofill = indented;
		}
		if (n == 0)
			fputs(".PP\n", out);
		else
			S_put(out, line, n), fputc('\n', out);
		line += n + (line[n] == '\n');
	}
	if (nofill)
		fputs(".fi\n", out);
}

static void S_opt(FILE *out, const sg_cli_opt *o)
{
	if (o->group) {
		fputs(".PP\n", out);
		S_puts(out, o->group);
		fputc('\n', out);
	}
	fputs(".TP\n.B ", out);
	if (o->alias) {
		S_puts(out, o->alias);
		fputs(", ", out);
	}
	S_puts(out, o->name);
	if (o->arg) {
		fputs(" \\fI", out);
		S_puts(out, o->arg);
		fputs("\\fR", out);
	}
	fputc('\n', out);
	S_puts(out, o->help);
	fputc('\n', out);
}

static void S_command(FILE *out, const sg_cli_command *c)
{
	fprintf(out, ".SS salesgen %s\n", c->name);
	S_paragraphs(out, c->about);
	for (const sg_cli_opt *o = c->opts; o->name; o++)
		S_opt(out, o);
	if (c->notes) {
		fputs(".PP\n", out);
		S_paragraphs(out, c->notes);
	}
}

static void S_synopsis(FILE *out)
{
	fputs(".SH SYNOPSIS\n", out);
	for (size_t i = 0; sg_cli_commands[i]; i++) {
		const sg_cli_command *c = sg_cli_commands[i];
		if (c->hidden)
			continue;
		for (const char *line = c->usage; *line;) {
			size_t n = strcspn(line, "\n");
			fprintf(out, ".B salesgen %s\n", c->name);
			S_put(out, line, n);
			fputs("\n.br\n", out);
			line += n + (line[n] == '\n');
		}
	}
	fputs(".B salesgen\n\\-\\-help | \\-\\-version\n", out);
}

/* What the page says beyond the commands; roff already. */
static const char S_head[] =
	".\\\" salesgen(1): made by `salesgen __man` from the program's table of\n"
	".\\\" commands (generator/cli/); edit the table, not this file.\n"
	".TH SALESGEN 1 \"\" \"salesgen " SG_VERSION "\" \"User Commands\"\n"
	".nh\n"
	".SH NAME\n"
	"salesgen \\- build sales proposals, reports and a playbook site from content files\n";

static const char S_description[] =
	".SH DESCRIPTION\n"
	".B salesgen\n"
	"reads a content folder (customers, the product catalog and price lists as XML; playbooks,\n"
	"case studies and templates as Markdown) and writes PDF proposals, internal reports and an\n"
	"HTML playbook site. Problems in the content are printed as\n"
	".IR path : line [: column ]:\\ error:\\ message ,\n"
	"all of them in one run.\n"
	".SH COMMANDS\n";

static const char S_tail[] =
	".SH BUILD\n"
	"Only outputs whose inputs changed since the last build are made again. Each output's inputs\n"
	"(content files, theme files, fonts, the build date where shown, the salesgen version and\n"
	"program) are recorded with their SHA\\-256 in\n"
	".IR OUT /.salesgen/manifest .\n"
	"An output changed by hand or deleted is made again. Outputs whose source is gone are removed\n"
	"when the manifest says salesgen wrote them and their bytes, read again, still have the hash\n"
	"it recorded; any other file is kept, with a warning that names it.\n"
	".PP\n"
	"Every output is written to a temporary file and renamed into place, so a build killed at any\n"
	"moment leaves each output complete, old or new. Outputs are written only inside the output\n"
	"folder; symbolic links found there are never followed. No path salesgen writes\n"
	"(\\-o, \\-\\-out, \\-\\-report, \\-\\-junit) may be an input of the run or lie inside the content\n"
	"folder or the theme, after symbolic links and .. are resolved: such a path is refused with\n"
	"exit status 2 before anything is written.\n"
	".PP\n"
	"Files are read only from inside the content folder (and a theme's files only from inside\n"
	"the theme's folder): a symbolic link that stays inside works, one that leads outside, or an\n"
	"image path that climbs out with\n"
	".B ..\n"
	"or starts at the root of the disk, is an error at the file or the image's line, and the file\n"
	"is never opened.\n"
	".PP\n"
	"A customer whose file has an error fails its own outputs, whose old files stay; everything\n"
	"else is built and the exit status is 1.\n"
	".SH ENVIRONMENT\n"
	".TP\n"
	".B SOURCE_DATE_EPOCH\n"
	"The build date shown in outputs, in seconds since 1970 (UTC). Without it, each customer's\n"
	"as\\-of date is used; the clock never is.\n"
	".SH EXIT STATUS\n"
	".TP\n"
	".B 0\n"
	"Done, no errors.\n"
	".TP\n"
	".B 1\n"
	"Problems in the content, or an output failed; with\n"
	".BR build ,\n"
	"the rest was built.\n"
	".TP\n"
	".B 2\n"
	"Bad usage, or an output that could not be written.\n"
	".SH FILES\n"
	".TP\n"
	".IR OUT /.salesgen/manifest \", \" manifest\\-K\\-of\\-N\n"
	"What each output was made from.\n"
	".TP\n"
	".IR OUT /.salesgen/cache\n"
	"Sizes and times of hashed files, to skip hashing them again; safe to delete.\n"
	".SH EXAMPLES\n"
	".nf\n"
	"salesgen init my\\-content\n"
	"salesgen new customer acme \\-\\-content my\\-content \\-\\-product mail \\-\\-users 200\n"
	"salesgen check\n"
	"salesgen build \\-\\-jobs 4 \\-\\-report report.json\n"
	"salesgen build \\-\\-only playbooks\n"
	"salesgen build \\-\\-shard 2/4 \\-\\-strict \\-\\-junit junit.xml\n"
	"salesgen proposal content/customers/hengtong\\-logistics.xml \\-o proposal.pdf\n"
	"salesgen pdf content/playbooks/objection\\-handling.md\n"
	"salesgen cost content/customers/hengtong\\-logistics.xml \\-\\-json\n"
	"source <(salesgen completion bash)\n"
	".fi\n"
	".SH SEE ALSO\n"
	"The documents\n"
	".IR docs/cli.md ,\n"
	".IR docs/ci.md ,\n"
	".I docs/content.md\n"
	"and\n"
	".I docs/cost.md\n"
	"in the source tree.\n";

static int S_man(int argc, char **argv, const sg_env *env)
{
	(void)env;
	if (argc > 1) {
		fprintf(stderr, "salesgen __man: unexpected argument '%s'\n", argv[1]);
		return 2;
	}
	fputs(S_head, stdout);
	S_synopsis(stdout);
	fputs(S_description, stdout);
	for (size_t i = 0; sg_cli_commands[i]; i++)
		if (!sg_cli_commands[i]->hidden)
			S_command(stdout, sg_cli_commands[i]);
	fputs(S_tail, stdout);
	return 0;
}

static const sg_cli_opt S_no_opts[] = {{NULL}};

const sg_cli_command sg_cli_man = {
	.name = "__man",
	.summary = "the manual page, salesgen(1), in roff",
	.usage = "",
	.about = "",
	.opts = S_no_opts,
	.run = S_man,
	.hidden = true,
};
