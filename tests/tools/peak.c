/*
 * peak.c - the peak resident set, from /proc/self/status.
 */
#include "peak.h"

#include <stdio.h>

double sg_tool_peak_mib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return 0;
	char line[256];
	double kb = 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %lf", &kb) == 1)
			break;
	fclose(f);
	return kb / 1024;
}
