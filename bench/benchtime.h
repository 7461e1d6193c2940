/*
 * benchtime.h - the clock and the order statistics of the start-up benches
 * (firstbyte, spawn_time): times in nanoseconds of CLOCK_MONOTONIC.
 */
#ifndef VMUX_BENCHTIME_H
#define VMUX_BENCHTIME_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sort V[0..N) ascending, so V[N / 2] is the median. */
static inline void bench_sort(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), bench_cmp);
}

#endif
