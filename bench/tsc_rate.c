/*
 * tsc_rate.c - prints the time-stamp counter's rate as vmux measures it
 * (x86_tsc_per_ns, against CLOCK_MONOTONIC over about 20 ms), so that a
 * benchmark script can turn guest TSC cycles into nanoseconds. Guests under
 * KVM, vmux's or QEMU's, read the host's TSC unscaled.
 *
 *   tsc_rate            prints "tsc_per_ns X"
 */
#include "vmm/x86_tsc.h"

#include <stdio.h>

int main(void)
{
	printf("tsc_per_ns %.6f\n", x86_tsc_per_ns());
	return 0;
}
