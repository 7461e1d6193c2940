/*
 * bench_work.h - the benchmark's workloads, each adding its rows to a
 * struct bench (sim/measure/bench.h) for the styles selected there. Every one
 * runs the same code natively and in a guest; 0 or -errno (a guest failed).
 */
#ifndef VMUX_BENCH_WORK_H
#define VMUX_BENCH_WORK_H

#include "sim/measure/bench.h"

/* Exits: ns per port-I/O exit (pio), MMIO exit (mmio), CPUID (cpuid). */
int bench_exit(struct bench *b);
/* The core four and the compute baseline (bench_core.c). */
int bench_cpu(struct bench *b);
int bench_priv(struct bench *b);
int bench_mem(struct bench *b);
int bench_disk(struct bench *b);
int bench_net(struct bench *b);

#endif
