/*
 * options.h - reading a command's arguments: the pieces the commands
 * (cli/cmd_*.c) read the same way, with the same messages.
 *
 * A command lists its flags in a table and walks its arguments with
 * sg_cli_next(), which takes -h/--help and the flags of the table and hands
 * back every other argument (a file, a flag the table does not hold) for
 * the command to read:
 *
 *     const sg_cli_flag flags[] = {
 *             {"--theme", .value = &theme},
 *             {"--stats", .on = &stats},
 *             {NULL},
 *     };
 *     sg_cli_args args = {"salesgen pdf", flags, false, argc, argv, 0};
 *     int r;
 *     while ((r = sg_cli_next(&args)) == SG_CLI_ARG)
 *             ... argv[args.i] ...
 *     if (r == SG_CLI_HELP) ...
 *
 * Messages start with the command as the user typed it ("salesgen pdf"),
 * go to stderr and are one line; the command then exits 2.
 */
#ifndef SG_CLI_OPTIONS_H
#define SG_CLI_OPTIONS_H

#include <stdbool.h>

/* A flag of a command: one that takes the next argument as its value
 * (value set), or a switch (value NULL). */
typedef struct sg_cli_flag {
	const char *name;        /* as the user types it: "-o", "--theme" */
	const char **value;      /* where its value goes; NULL: a switch */
	const char **as_written; /* NULL, or where the flag itself goes, for
				  * messages that name it as given (-o or --out)
				  * or for switches that undo each other */
	bool *on;                /* NULL, or set to true when given */
} sg_cli_flag;

/* A walk over a command's arguments. */
typedef struct sg_cli_args {
	const char *cmd;          /* "salesgen pdf", for messages */
	const sg_cli_flag *flags; /* ended by a NULL name */
	bool nonempty;            /* an empty value is missing */
	int argc;
	char **argv; /* argv[0] is the command's name */
	int i;       /* the argument read last; start at 0 */
} sg_cli_args;

enum {
	SG_CLI_BAD = -1, /* a flag without its value: the message is printed */
	SG_CLI_END = 0,  /* every argument read */
	SG_CLI_ARG = 1,  /* argv[i] is one the table does not hold */
	SG_CLI_HELP = 2, /* argv[i] is -h or --help */
};

/* Reads arguments on from argv[i + 1]: the flags of the table, until one
 * it does not hold (SG_CLI_ARG), help, a flag without its value ("CMD:
 * FLAG needs a value", SG_CLI_BAD) or the end. A caller that reads the
 * argument after argv[i] itself moves i onto it. */
int sg_cli_next(sg_cli_args *args);

/* Whether arg asks for the command's help: -h or --help. */
bool sg_cli_is_help(const char *arg);

/* Reads s, the value of flag, as a whole number from min to max into *out.
 * Returns 0, or -1 after printing
 * "CMD: FLAG takes a whole number from MIN to MAX, not 'S'". */
int sg_cli_whole_number(const char *cmd, const char *flag, const char *s, int min, int max,
			int *out);

#endif
