/*
 * x86_tsc.c - see x86_tsc.h. The rate is the slope over 20 ms between two
 * (TSC, monotonic) pairs, each pair taken as close together as possible
 * (the tightest of a few tries), so a preemption does not skew it.
 */
#include "vmm/x86_tsc.h"

#include <time.h>

uint64_t x86_tsc_read(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* A (tsc, ns) pair read together: the try with the smallest TSC gap. */
static void pair(uint64_t *tsc, uint64_t *ns)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < 8; i++) {
		uint64_t a = x86_tsc_read(), t = now_ns(), b = x86_tsc_read();

		if (b - a < best) {
			best = b - a;
			*tsc = a + (b - a) / 2;
			*ns = t;
		}
	}
}

double x86_tsc_per_ns(void)
{
	static double rate;
	struct timespec d = {0, 20000000};
	uint64_t t0, n0, t1, n1;

	if (rate > 0)
		return rate;
	pair(&t0, &n0);
	nanosleep(&d, NULL);
	pair(&t1, &n1);
	rate = (double)(t1 - t0) / (double)(n1 - n0);
	return rate;
}
