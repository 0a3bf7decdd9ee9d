/*
 * options.h - reading a command's arguments: the pieces more than one
 * command (cli/cmd_*.c) parses the same way, with the same messages.
 *
 * Each message starts with the command as the user typed it ("salesgen
 * pdf"), goes to stderr, and is one line; the caller exits 2.
 */
#ifndef SG_CLI_OPTIONS_H
#define SG_CLI_OPTIONS_H

#include <stdbool.h>

/* A flag that takes the next argument as its value. */
typedef struct sg_cli_flag {
	const char *name;        /* as the user types it: "-o", "--theme" */
	const char **value;      /* where its value goes */
	const char **as_written; /* NULL, or where the flag itself goes (for
				  * messages that name it as given, -o or --out) */
} sg_cli_flag;

/* Whether arg asks for the command's help: -h or --help. */
bool sg_cli_is_help(const char *arg);

/* Reads argv[*i] when it is one of flags (an array ended by a NULL name):
 * stores the argument after it as its value, moves *i onto that argument
 * and returns 1. When no argument follows, or an empty one does and
 * nonempty is set, prints "CMD: FLAG needs a value" and returns -1.
 * Returns 0, changing nothing, when argv[*i] is none of flags. */
int sg_cli_flag_value(const char *cmd, const sg_cli_flag *flags, bool nonempty, int argc,
		      char **argv, int *i);

/* Reads s, the value of flag, as a whole number from min to max into *out.
 * Returns 0, or -1 after printing
 * "CMD: FLAG takes a whole number from MIN to MAX, not 'S'". */
int sg_cli_whole_number(const char *cmd, const char *flag, const char *s, int min, int max,
			int *out);

#endif
