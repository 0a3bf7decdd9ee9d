/*
 * options.h - reading a command's arguments: the pieces the commands
 * (cli/cmd_*.c) read the same way, with the same messages.
 *
 * A command lists its flags in a table and walks its arguments with
 * sg_cli_next(), which answers -h/--help with the command's usage, reads
 * the flags of the table and hands back every other argument (a file, a
 * flag the table does not hold) for the command to read:
 *
 *     const sg_cli_flag flags[] = {
 *             {"--theme", .value = &theme},
 *             {"--stats", .on = &stats},
 *             {NULL},
 *     };
 *     sg_cli_args args = {.cmd = "salesgen pdf", .usage = S_usage,
 *                         .flags = flags, .argc = argc, .argv = argv};
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

/* How a walk over the arguments ended; also what a command's parser
 * returns (0 read, 1 help given, -1 bad usage). */
enum {
	SG_CLI_BAD = -1, /* a flag without its value: the message is printed */
	SG_CLI_END = 0,  /* every argument read */
	SG_CLI_HELP = 1, /* -h or --help: the usage is printed */
};

/* A walk over a command's arguments. */
typedef struct sg_cli_args {
	const char *cmd;          /* "salesgen pdf", for messages */
	const char *usage;        /* the help, printed on stdout for -h */
	const sg_cli_flag *flags; /* ended by a NULL name */
	bool nonempty;            /* an empty value is missing */
	int argc;
	char **argv; /* argv[0] is the command's name */
	int i;       /* the argument read last; start at 0 */
	int status;  /* SG_CLI_END, HELP or BAD once the walk has ended */
} sg_cli_args;

/* Reads arguments on from argv[i + 1]: the flags of the table, until one
 * it does not hold, which it returns (at argv[i]). Returns NULL, with
 * status set, at the end, after help (the usage printed) or after a flag
 * without its value ("CMD: FLAG needs a value"). A caller that reads the
 * argument after argv[i] itself moves i onto it. */
const char *sg_cli_next(sg_cli_args *args);

/* Whether arg asks for the command's help: -h or --help. */
bool sg_cli_is_help(const char *arg);

/* Reads s, the value of flag, as a whole number from min to max into *out.
 * Returns 0, or -1 after printing
 * "CMD: FLAG takes a whole number from MIN to MAX, not 'S'". */
int sg_cli_whole_number(const char *cmd, const char *flag, const char *s, int min, int max,
			int *out);

#endif
