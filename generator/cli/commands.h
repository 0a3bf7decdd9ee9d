/*
 * commands.h - the salesgen subcommands.
 *
 * Each takes the arguments after its own name (argv[0] is the command name)
 * and the environment main() read (cli/env.h), and returns the process exit
 * code: 0 success, 1 problems in content, 2 bad usage.
 */
#ifndef SG_CLI_COMMANDS_H
#define SG_CLI_COMMANDS_H

#include "cli/env.h"

int sg_cmd_check(int argc, char **argv, const sg_env *env);
int sg_cmd_cost(int argc, char **argv, const sg_env *env);
int sg_cmd_build(int argc, char **argv, const sg_env *env);
int sg_cmd_proposal(int argc, char **argv, const sg_env *env);
int sg_cmd_pdf(int argc, char **argv, const sg_env *env);
int sg_cmd_fields(int argc, char **argv, const sg_env *env);
int sg_cmd_init(int argc, char **argv, const sg_env *env);
int sg_cmd_new(int argc, char **argv, const sg_env *env);
int sg_cmd_serve(int argc, char **argv, const sg_env *env);

#endif
