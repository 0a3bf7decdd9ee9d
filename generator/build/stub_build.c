/* Placeholder until the real command lands (delete this file then). */
#include <stdio.h>

#include "build/commands.h"

int sg_cmd_build(int argc, char **argv)
{
	(void)argc, (void)argv;
	fprintf(stderr, "salesgen build: not built yet\n");
	return 2;
}
