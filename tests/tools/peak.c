/*
 * peak.c - the peak resident set, from /proc/self/status.
 */
#include "peak.h"

#include <stdio.h>

/* The line "NAME: N kB" of /proc/self/status, in MiB. */
static double S_status_mib(const char *name)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return 0;
	char line[256], want[32];
	snprintf(want, sizeof want, "%s: %%lf", name);
	double kb = 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, want, &kb) == 1)
			break;
	fclose(f);
	return kb / 1024;
}

double sg_tool_peak_mib(void)
{
	return S_status_mib("VmHWM");
}

double sg_tool_vm_peak_mib(void)
{
	return S_status_mib("VmPeak");
}
