/*
 * complete.c - `salesgen completion bash|zsh`: the shell completion scripts,
 * printed from the command table (cli/commands.c), and `salesgen
 * __complete`, which the scripts call for what only the content knows (the
 * customers' ids, the themes) and the tests call for the table itself.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/path.h"
#include "cli/commands.h"

/* ---------------------------------------------------------------- bash */

/* The call of _salesgen_values that completes a value of this kind. */
static void S_bash_values(FILE *out, sg_cli_values v, const char *choices)
{
	static const char *const kinds[] = {
		[SG_CLI_TEXT] = "text",		[SG_CLI_FILE] = "file",
		[SG_CLI_DIR] = "dir",		[SG_CLI_CUSTOMER] = "customer",
		[SG_CLI_THEME] = "theme",	[SG_CLI_LIST] = "list",
	};
	fprintf(out, "_salesgen_values %s '%s'", kinds[v], choices ? choices : "");
}

static const char S_bash_head[] =
	"# bash completion for salesgen: made by `salesgen completion bash` from the\n"
	"# program's table of commands and options.\n"
	"\n"
	"# Completes the word being typed as a value of kind $1 ($2: a pattern\n"
	"# or a|b|c list).\n"
	"_salesgen_values() {\n"
	"\tlocal IFS=$'\\n'\n"
	"\tcase $1 in\n"
	"\tfile)\n"
	"\t\tCOMPREPLY=($(compgen -d -- \"$cur\"))\n"
	"\t\tCOMPREPLY+=($(compgen -f -X \"!${2:-*}\" -- \"$cur\"));;\n"
	"\tdir) COMPREPLY=($(compgen -d -- \"$cur\"));;\n"
	"\tlist) COMPREPLY=($(compgen -W \"${2//|/$'\\n'}\" -- \"$cur\"));;\n"
	"\tcustomer | theme)\n"
	"\t\tCOMPREPLY=($(compgen -W \"$(\"$bin\" __complete \"$1\" \"$content\" "
	"2>/dev/null)\" -- \"$cur\"))\n"
	"\t\t[[ $1 == theme ]] && COMPREPLY+=($(compgen -d -- \"$cur\"));;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_salesgen() {\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	"\tlocal bin=${COMP_WORDS[0]} content=content i\n"
	"\tCOMPREPLY=()\n"
	"\tfor ((i = 2; i + 1 < COMP_CWORD; i++)); do\n"
	"\t\t[[ ${COMP_WORDS[i]} == --content ]] && content=${COMP_WORDS[i + 1]}\n"
	"\tdone\n";

/* One command's case: the value after a flag, a flag, an argument. */
static void S_bash_command(FILE *out, const sg_cli_command *c)
{
	fprintf(out, "\t%s)\n\t\tcase $prev in\n", c->name);
	for (const sg_cli_opt *o = c->opts; o->name; o++) {
		if (!o->arg)
			continue;
		fprintf(out, "\t\t%s%s%s) ", o->name, o->alias ? " | " : "", o->alias ? o->alias : "");
		S_bash_values(out, o->values, o->choices);
		fprintf(out, "; return;;\n");
	}
	fprintf(out, "\t\tesac\n\t\tif [[ $cur == -* ]]; then\n\t\t\tCOMPREPLY=($(compgen -W '");
	for (const sg_cli_opt *o = c->opts; o->name; o++)
		fprintf(out, "%s%s%s ", o->name, o->alias ? " " : "", o->alias ? o->alias : "");
	fprintf(out, "--help' -- \"$cur\"))\n\t\telse\n\t\t\t");
	if (c->operands == SG_CLI_TEXT && !c->operand_choices)
		fprintf(out, ":");
	else
		S_bash_values(out, c->operands, c->operand_choices);
	fprintf(out, "\n\t\tfi;;\n");
}

static void S_bash(FILE *out)
{
	fputs(S_bash_head, out);
	fprintf(out, "\tif ((COMP_CWORD == 1)); then\n\t\tCOMPREPLY=($(compgen -W '");
	for (size_t i = 0; sg_cli_commands[i]; i++)
		if (!sg_cli_commands[i]->hidden)
			fprintf(out, "%s ", sg_cli_commands[i]->name);
	fprintf(out, "--help --version' -- \"$cur\"))\n\t\treturn\n\tfi\n");
	fprintf(out, "\tcase ${COMP_WORDS[1]} in\n");
	for (size_t i = 0; sg_cli_commands[i]; i++)
		if (!sg_cli_commands[i]->hidden)
			S_bash_command(out, sg_cli_commands[i]);
	fprintf(out, "\tesac\n}\n\ncomplete -o filenames -F _salesgen salesgen\n");
}

/* ---------------------------------------------------------------- zsh */

/* Writes s for a single-quoted zsh word, inside an _arguments spec: the
 * quote escaped, and the characters that end the part s is in: brackets in
 * an explanation ([...]), colons in a message (:NAME:). */
static void S_zsh_put(FILE *out, const char *s, const char *special)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else if (strchr(special, *s))
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

/* The action that completes a value of this kind. */
static void S_zsh_action(FILE *out, sg_cli_values v, const char *choices)
{
	switch (v) {
	case SG_CLI_TEXT: fputs(" ", out); break;
	case SG_CLI_DIR: fputs("_files -/", out); break;
	case SG_CLI_CUSTOMER: fputs("_salesgen_content customer", out); break;
	case SG_CLI_THEME: fputs("_salesgen_content theme", out); break;
	case SG_CLI_FILE:
		if (choices)
			fprintf(out, "_files -g \"%s\"", choices);
		else
			fputs("_files", out);
		break;
	case SG_CLI_LIST:
		fputc('(', out);
		for (const char *p = choices; *p; p++)
			fputc(*p == '|' ? ' ' : *p, out);
		fputc(')', out);
		break;
	}
}

static void S_zsh_opt(FILE *out, const sg_cli_opt *o)
{
	fputs("\t\t\t", out);
	if (o->alias)
		fprintf(out, "{%s,%s}", o->alias, o->name);
	else
		fputs(o->name, out);
	fputs("'[", out);
	S_zsh_put(out, o->help, "[]");
	fputs("]", out);
	if (o->arg) {
		fputc(':', out);
		S_zsh_put(out, o->arg, ":");
		fputc(':', out);
		S_zsh_action(out, o->values, o->choices);
	}
	fputs("' \\\n", out);
}

static const char S_zsh_head[] =
	"#compdef salesgen\n"
	"# zsh completion for salesgen: made by `salesgen completion zsh` from the\n"
	"# program's table of commands and options.\n"
	"\n"
	"# Completes a customer id or a theme (the last argument; _arguments puts\n"
	"# compadd's options before it) of the content folder given with\n"
	"# --content (default: content).\n"
	"_salesgen_content() {\n"
	"\tlocal what=${@[-1]} content=content i\n"
	"\tfor ((i = 1; i < CURRENT - 1; i++)); do\n"
	"\t\t[[ $words[i] == --content ]] && content=$words[i+1]\n"
	"\tdone\n"
	"\tlocal -a found\n"
	"\tfound=(${(f)\"$($_salesgen_bin __complete $what $content 2>/dev/null)\"})\n"
	"\tcompadd \"${@[1,-2]}\" -a found\n"
	"\t[[ $what == theme ]] && _files -/\n"
	"}\n"
	"\n"
	"_salesgen() {\n"
	"\tlocal _salesgen_bin=$words[1] curcontext=$curcontext state line\n"
	"\t_arguments -C '1:command:->command' '*::argument:->argument'\n"
	"\tcase $state in\n"
	"\tcommand)\n"
	"\t\tlocal -a commands\n"
	"\t\tcommands=(\n";

static void S_zsh(FILE *out)
{
	fputs(S_zsh_head, out);
	for (size_t i = 0; sg_cli_commands[i]; i++) {
		const sg_cli_command *c = sg_cli_commands[i];
		if (c->hidden)
			continue;
		fprintf(out, "\t\t\t'%s:", c->name);
		S_zsh_put(out, c->summary, "");
		fputs("'\n", out);
	}
	fputs("\t\t)\n\t\t_describe -t commands command commands;;\n", out);
	fputs("\targument)\n\t\tcase $words[1] in\n", out);
	for (size_t i = 0; sg_cli_commands[i]; i++) {
		const sg_cli_command *c = sg_cli_commands[i];
		if (c->hidden)
			continue;
		fprintf(out, "\t\t%s) _arguments \\\n", c->name);
		for (const sg_cli_opt *o = c->opts; o->name; o++)
			S_zsh_opt(out, o);
		fputs("\t\t\t{-h,--help}'[show this help]'", out);
		if (c->operands != SG_CLI_TEXT) {
			fputs(" \\\n\t\t\t'*:argument:", out);
			S_zsh_action(out, c->operands, c->operand_choices);
			fputc('\'', out);
		}
		fputs(";;\n", out);
	}
	fputs("\t\tesac;;\n\tesac\n}\n\n_salesgen \"$@\"\n", out);
}

/* ---------------------------------------------------------------- commands */

static int S_completion(int argc, char **argv, const sg_env *env)
{
	(void)env;
	sg_cli_args args = {.spec = &sg_cli_completion, .argc = argc, .argv = argv};
	const char *shell = NULL;
	for (const char *a; (a = sg_cli_next(&args));) {
		if (shell || (strcmp(a, "bash") != 0 && strcmp(a, "zsh") != 0)) {
			fprintf(stderr, "salesgen completion: unknown argument '%s': bash or zsh\n",
				a);
			return 2;
		}
		shell = a;
	}
	if (args.status != SG_CLI_END)
		return args.status == SG_CLI_HELP ? 0 : 2;
	if (!shell) {
		fprintf(stderr, "salesgen completion: which shell? bash or zsh\n");
		return 2;
	}
	if (strcmp(shell, "bash") == 0)
		S_bash(stdout);
	else
		S_zsh(stdout);
	return 0;
}

static const sg_cli_opt S_no_opts[] = {{NULL}};

const sg_cli_command sg_cli_completion = {
	.name = "completion",
	.summary = "print the bash or zsh completion script",
	.usage = "bash|zsh",
	.about = "Prints the shell's completion script for salesgen: commands, their options\n"
		 "and the options' values (folders, files, fixed choices, and the customers\n"
		 "and themes of the content folder). To use it for the current shell:\n"
		 "  source <(salesgen completion bash)\n"
		 "`cmake --install` puts both scripts where bash-completion and zsh find them.\n",
	.opts = S_no_opts,
	.operands = SG_CLI_LIST,
	.operand_choices = "bash|zsh",
	.run = S_completion,
};

/* ---------------------------------------------------------------- __complete */

/* The customers' ids: customers/ID.xml of the content folder. */
static void S_customers(const char *content)
{
	char *dir = sg_path_join(content, "customers");
	char **files;
	size_t n = sg_dir_list(dir, ".xml", &files);
	for (size_t i = 0; i < n; i++) {
		const char *name = strrchr(files[i], '/') + 1;
		printf("%.*s\n", (int)(strlen(name) - 4), name);
	}
	sg_path_list_free(files, n);
	free(dir);
}

/* The folders of dir, one a line. */
static void S_folders(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *path = sg_path_join(dir, e->d_name);
		if (sg_dir_exists(path))
			printf("%s\n", e->d_name);
		free(path);
	}
	closedir(d);
}

/* `salesgen __complete WHAT [ARG]`: one word a line, for the scripts and
 * the tests. Exit 2 for a WHAT it does not know. */
static int S_complete(int argc, char **argv, const sg_env *env)
{
	(void)env;
	const char *what = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : NULL;
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; sg_cli_commands[i]; i++)
			if (!sg_cli_commands[i]->hidden)
				printf("%s\n", sg_cli_commands[i]->name);
	} else if (strcmp(what, "flags") == 0 && arg && sg_cli_command_of(arg)) {
		for (const sg_cli_opt *o = sg_cli_command_of(arg)->opts; o->name; o++)
			printf("%s\n", o->name);
	} else if (strcmp(what, "customer") == 0) {
		S_customers(arg ? arg : "content");
	} else if (strcmp(what, "theme") == 0) {
		/* themes/ next to the content folder, as build looks for them */
		char *up = sg_path_join(arg ? arg : "content", "../themes");
		S_folders(up);
		free(up);
	} else {
		fprintf(stderr, "salesgen __complete: commands, flags CMD, customer DIR or "
				"theme DIR\n");
		return 2;
	}
	return 0;
}

const sg_cli_command sg_cli_complete = {
	.name = "__complete",
	.summary = "words for the completion scripts",
	.usage = "commands | flags CMD | customer DIR | theme DIR",
	.about = "",
	.opts = S_no_opts,
	.run = S_complete,
	.hidden = true,
};
