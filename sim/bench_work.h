/*
 * bench_work.h - the benchmark's workloads, each adding its rows to a
 * struct bench (sim/bench.h) for the styles selected there. Every one runs
 * the same code natively and in a guest; 0 or -errno (a guest failed).
 */
#ifndef VMUX_BENCH_WORK_H
#define VMUX_BENCH_WORK_H

#include "sim/bench.h"

/* Exits: ns per port-I/O exit (pio), MMIO exit (mmio), CPUID (cpuid). */
int bench_exit(struct bench *b);

#endif
