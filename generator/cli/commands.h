/*
 * commands.h - the salesgen subcommands.
 *
 * Each takes the arguments after its own name (argv[0] is the command name) and
 * returns the process exit code: 0 success, 1 problems in content, 2 bad usage.
 */
#ifndef SG_CLI_COMMANDS_H
#define SG_CLI_COMMANDS_H

int sg_cmd_check(int argc, char **argv);
int sg_cmd_cost(int argc, char **argv);
int sg_cmd_build(int argc, char **argv);
int sg_cmd_proposal(int argc, char **argv);
int sg_cmd_pdf(int argc, char **argv);

#endif
