/*
 * commands.h - the salesgen subcommands and their tables (cli/options.h).
 *
 * Each takes the arguments after its own name (argv[0] is the command name)
 * and the environment main() read (cli/env.h), and returns the process exit
 * code: 0 success, 1 problems in content, 2 bad usage.
 *
 * A command joins the command line in three steps: its cmd_NAME.c defines
 * its table, `const sg_cli_command sg_cli_NAME = {...}` with .run = its
 * function, and reads its arguments with sg_cli_next() (.spec =
 * &sg_cli_NAME); this header declares the function and the table; and
 * cli/commands.c adds &sg_cli_NAME to sg_cli_commands. `salesgen --help`,
 * the command's --help, the manual page, the completions and the test of
 * docs/cli.md then follow.
 */
#ifndef SG_CLI_COMMANDS_H
#define SG_CLI_COMMANDS_H

#include "cli/env.h"
#include "cli/options.h"

int sg_cmd_check(int argc, char **argv, const sg_env *env);
int sg_cmd_cost(int argc, char **argv, const sg_env *env);
int sg_cmd_build(int argc, char **argv, const sg_env *env);
int sg_cmd_proposal(int argc, char **argv, const sg_env *env);
int sg_cmd_pdf(int argc, char **argv, const sg_env *env);
int sg_cmd_fields(int argc, char **argv, const sg_env *env);
int sg_cmd_init(int argc, char **argv, const sg_env *env);
int sg_cmd_new(int argc, char **argv, const sg_env *env);
int sg_cmd_diff(int argc, char **argv, const sg_env *env);
int sg_cmd_serve(int argc, char **argv, const sg_env *env);
int sg_cmd_verify(int argc, char **argv, const sg_env *env);

/* The commands' tables (cli/options.h), each in its cmd_NAME.c. */
extern const sg_cli_command sg_cli_build;
extern const sg_cli_command sg_cli_check;
extern const sg_cli_command sg_cli_cost;
extern const sg_cli_command sg_cli_proposal;
extern const sg_cli_command sg_cli_pdf;
extern const sg_cli_command sg_cli_fields;
extern const sg_cli_command sg_cli_init;
extern const sg_cli_command sg_cli_new;
extern const sg_cli_command sg_cli_diff;
extern const sg_cli_command sg_cli_serve;
extern const sg_cli_command sg_cli_verify;
extern const sg_cli_command sg_cli_completion;
extern const sg_cli_command sg_cli_complete;
extern const sg_cli_command sg_cli_man;

/* Every command, in the order `salesgen --help` lists them; NULL ends it. */
extern const sg_cli_command *const sg_cli_commands[];

/* The command named name, or NULL. */
const sg_cli_command *sg_cli_command_of(const char *name);

/* Prints `salesgen --help`: the usage and the visible commands. */
void sg_cli_main_usage(FILE *out);

#endif
