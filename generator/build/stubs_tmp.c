/* Temporary: replaced as each command lands. */
#include <stdio.h>

#include "build/commands.h"

int sg_cmd_check(int argc, char **argv)
{
	(void)argc, (void)argv;
	fprintf(stderr, "salesgen check: not built yet\n");
	return 2;
}

int sg_cmd_cost(int argc, char **argv)
{
	(void)argc, (void)argv;
	fprintf(stderr, "salesgen cost: not built yet\n");
	return 2;
}

int sg_cmd_build(int argc, char **argv)
{
	(void)argc, (void)argv;
	fprintf(stderr, "salesgen build: not built yet\n");
	return 2;
}
