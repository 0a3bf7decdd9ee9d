/*
 * options.h - the command line's one table, and reading a command's
 * arguments from it.
 *
 * Each command describes itself in an sg_cli_command (its name, usage
 * lines, what it does, its flags with their values and what those values
 * complete to). The same description parses the arguments (sg_cli_next),
 * prints `--help` (sg_cli_help), and is read by `salesgen completion` and
 * the manual page (cli/complete.c, cli/manual.c); cli/commands.c lists the
 * commands. A command binds the flags it reads to its own variables:
 *
 *     const sg_cli_flag flags[] = {
 *             {"--theme", .value = &theme},
 *             {"--stats", .on = &stats},
 *             {NULL},
 *     };
 *     sg_cli_args args = {.spec = &sg_cli_pdf, .flags = flags,
 *                         .argc = argc, .argv = argv};
 *     for (const char *a; (a = sg_cli_next(&args));)
 *             ... a, at argv[args.i] ...
 *     if (args.status != SG_CLI_END)
 *             return args.status;
 *
 * Messages start with the command as the user typed it ("salesgen pdf"),
 * go to stderr and are one line; the command then exits 2.
 */
#ifndef SG_CLI_OPTIONS_H
#define SG_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/env.h"

/* What a flag's value (or a command's argument) is, for completion. */
typedef enum sg_cli_values {
	SG_CLI_TEXT = 0,   /* anything: nothing to complete */
	SG_CLI_FILE,       /* a file; choices: a pattern such as "*.xml", or NULL */
	SG_CLI_DIR,        /* a folder */
	SG_CLI_CUSTOMER,   /* a customer id: customers/ID.xml of the content */
	SG_CLI_THEME,      /* a theme: a folder of themes/, or a folder */
	SG_CLI_LIST,       /* one of choices, written "a|b|c" */
} sg_cli_values;

/* A flag of a command, as the user reads about it. */
typedef struct sg_cli_opt {
	const char *name;     /* "--out"; NULL ends the table */
	const char *alias;    /* NULL, or a short form: "-o" */
	const char *arg;      /* the value's name in the help ("DIR"); NULL: a switch */
	const char *help;     /* what it does: one sentence, wrapped when printed */
	sg_cli_values values; /* what the value completes to */
	const char *choices;  /* SG_CLI_LIST: "a|b|c"; SG_CLI_FILE: a pattern */
	const char *group;    /* NULL, or a heading printed before this flag */
} sg_cli_opt;

/* A command: everything its help, the manual page and the completions say. */
typedef struct sg_cli_command {
	const char *name;     /* "build" */
	const char *summary;  /* one line for `salesgen --help` */
	const char *usage;    /* forms after "salesgen NAME ", one a line */
	const char *about;    /* what it does: paragraphs, lines of at most 79 */
	const sg_cli_opt *opts;
	const char *notes;    /* NULL, or paragraphs after the flags */
	sg_cli_values operands;      /* what its other arguments complete to */
	const char *operand_choices; /* as sg_cli_opt.choices */
	int (*run)(int argc, char **argv, const sg_env *env);
	bool hidden;          /* for tools (the completion scripts): no help */
} sg_cli_command;

/* Where a command keeps the flags it reads: each name one of its table's
 * (the long name; the alias is read as the same flag). */
typedef struct sg_cli_flag {
	const char *name;        /* "--theme", as in the table */
	const char **value;      /* where its value goes; NULL: a switch */
	const char **as_written; /* NULL, or where the flag itself goes, for
				  * messages that name it as given (-o or --out)
				  * or for switches that undo each other */
	bool *on;                /* NULL, or set to true when given */
} sg_cli_flag;

/* How a walk over the arguments ended; also what a command's parser
 * returns (0 read, 1 help given, -1 bad usage). */
enum {
	SG_CLI_BAD = -1, /* a flag without its value: the message is printed */
	SG_CLI_END = 0,  /* every argument read */
	SG_CLI_HELP = 1, /* -h or --help: the usage is printed */
};

/* A walk over a command's arguments. */
typedef struct sg_cli_args {
	const sg_cli_command *spec; /* the command's table */
	const sg_cli_flag *flags;   /* the flags it binds, ended by a NULL name */
	bool nonempty;              /* an empty value is missing */
	int argc;
	char **argv; /* argv[0] is the command's name */
	int i;       /* the argument read last; start at 0 */
	int status;  /* SG_CLI_END, HELP or BAD once the walk has ended */
} sg_cli_args;

/* Reads arguments on from argv[i + 1]: the bound flags of the table
 * ("--flag VALUE" or "--flag=VALUE"), until an argument that is not one,
 * which it returns (at argv[i]) for the command to read. Returns NULL, with
 * status set, at the end, after help (printed on stdout) or after a flag
 * without its value ("salesgen CMD: FLAG needs a value"). A caller that
 * reads the argument after argv[i] itself moves i onto it. */
const char *sg_cli_next(sg_cli_args *args);

/* The flag of cmd named name (its long name or its alias), or NULL. */
const sg_cli_opt *sg_cli_opt_of(const sg_cli_command *cmd, const char *name);

/* Prints cmd's help: usage, what it does, its flags, notes. */
void sg_cli_help(FILE *out, const sg_cli_command *cmd);

/* Prints the usage lines only ("usage: salesgen CMD ..."), for messages. */
void sg_cli_usage(FILE *out, const sg_cli_command *cmd);

/* Whether arg asks for the command's help: -h or --help. */
bool sg_cli_is_help(const char *arg);

/* Reads s, the value of flag, as a whole number from min to max into *out.
 * Returns 0, or -1 after printing
 * "CMD: FLAG takes a whole number from MIN to MAX, not 'S'". */
int sg_cli_whole_number(const char *cmd, const char *flag, const char *s, int min, int max,
			int *out);

#endif
