/*
 * commands.c - the list of commands: the one place a command is added.
 */
#include "cli/commands.h"

#include <string.h>

const sg_cli_command *const sg_cli_commands[] = {
	&sg_cli_build,
	&sg_cli_check,
	&sg_cli_cost,
	&sg_cli_proposal,
	&sg_cli_pdf,
	&sg_cli_fields,
	&sg_cli_init,
	&sg_cli_new,
	&sg_cli_diff,
	&sg_cli_serve,
	&sg_cli_verify,
	&sg_cli_completion,
	/* tools the completion scripts and the build call; not listed */
	&sg_cli_complete,
	&sg_cli_man,
	NULL,
};

const sg_cli_command *sg_cli_command_of(const char *name)
{
	for (size_t i = 0; sg_cli_commands[i]; i++)
		if (strcmp(sg_cli_commands[i]->name, name) == 0)
			return sg_cli_commands[i];
	return NULL;
}

void sg_cli_main_usage(FILE *out)
{
	fprintf(out, "usage: salesgen COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; sg_cli_commands[i]; i++)
		if (!sg_cli_commands[i]->hidden)
			fprintf(out, "  %-10s %s\n", sg_cli_commands[i]->name,
				sg_cli_commands[i]->summary);
	fprintf(out, "\n'salesgen COMMAND --help' describes a command's options.\n");
}
