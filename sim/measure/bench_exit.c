/*
 * bench_exit.c - the exit micro-benchmark: the `exit` guest does N exits of
 * one kind in a loop and times them with the TSC; the row's per_op_ns is
 * the round trip of one exit, and the row's headline (bench.h:
 * bench_add_per_exit): the native loop is a reference, not a baseline.
 * Variants: pio (a port write the monitor handles, PORT_MARK), mmio (a store to
 * the monitor's null MMIO page), cpuid (an exit the kernel handles without
 * returning to user space). The native side runs the same loop with what the
 * operation costs on the host: a plain store for pio and mmio, a real CPUID for
 * cpuid (which on a host that is itself a guest traps to the hypervisor below).
 */
#include "sim/measure/bench_work.h"

#include <cpuid.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int mode; /* prog_exit.c's mode */
} variants[] = {{"pio", 0}, {"mmio", 1}, {"cpuid", 2}};

static volatile uint32_t sink;

static double native_loop(int mode, uint64_t n)
{
	unsigned a, bx, c, d;
	double t0 = bench_now();

	for (uint64_t i = 0; i < n; i++) {
		if (mode == 2)
			__cpuid(0, a, bx, c, d);
		else
			sink = (uint32_t)i;
	}
	(void)a;
	(void)bx;
	(void)c;
	(void)d;
	return bench_now() - t0;
}

static int one_variant(struct bench *b, int v, uint64_t n)
{
	double nat[BENCH_MAX_REPEAT], gst[BENCH_MAX_REPEAT];
	double ex[BENCH_MAX_REPEAT];
	struct abi_kv kv[2] = {{"mode", (uint64_t)variants[v].mode},
			       {"iters", n}};
	struct bench_guest g = {.guest = "exit",
				.style = BENCH_HW,
				.kv = kv,
				.nkv = 2,
				.tsc_key = "tsc"};
	int rc;

	bench_progress("exit hw %s: %d run%s of %llu exit%s", variants[v].name,
		       b->repeat, b->repeat == 1 ? "" : "s",
		       (unsigned long long)n, n == 1 ? "" : "s");
	/* Warm-up: one unrecorded pair (caches, page faults, frequency). */
	nat[0] = native_loop(variants[v].mode, n);
	rc = bench_run_guest(b, &g, &gst[0], &ex[0]);
	if (rc < 0)
		return rc;
	for (int i = 0; i < b->repeat; i++) {
		nat[i] = native_loop(variants[v].mode, n);
		rc = bench_run_guest(b, &g, &gst[i], &ex[i]);
		if (rc < 0)
			return rc;
	}
	return bench_add_per_exit(b, variants[v].name, nat, gst, ex, b->repeat,
				  (double)n);
}

int bench_exit(struct bench *b)
{
	uint64_t n = b->quick ? 5000 : 40000;
	int rc = 0;

	for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
		rc = one_variant(b, (int)v, n);
		if (rc < 0)
			break;
	}
	return rc;
}
