/*
 * peak.h - what the benchmark tools say of their own memory.
 */
#ifndef SG_TOOLS_PEAK_H
#define SG_TOOLS_PEAK_H

/* The peak resident set so far (VmHWM), MiB; 0 where /proc is missing. */
double sg_tool_peak_mib(void);
/* The peak address space so far (VmPeak), MiB: what a memory budget
 * (RLIMIT_AS) limits; 0 where /proc is missing. */
double sg_tool_vm_peak_mib(void);

#endif
