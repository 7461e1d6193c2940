/*
 * x86_tsc.h - the time-stamp counter as a clock: guests time their loops
 * in TSC cycles (rdtsc needs no exit), the host converts with the rate it
 * measures against CLOCK_MONOTONIC. Guests see the host's TSC rate (KVM
 * offsets the counter but does not scale it unless told to).
 */
#ifndef VMUX_X86_TSC_H
#define VMUX_X86_TSC_H

#include <stdint.h>

uint64_t x86_tsc_read(void);
/*
 * TSC cycles per nanosecond, measured once (about 20 ms) and cached.
 * Thread-safe after the first call.
 */
double x86_tsc_per_ns(void);

#endif
