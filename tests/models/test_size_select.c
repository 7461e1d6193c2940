/*
 * test_size_select.c - percentile sizing of long series (4,096 values and
 * more), where models/size.c brackets the rank with a sample of 256
 * evenly spaced values before selecting: the answer must be the one a full
 * sort gives, whatever the sample hits or misses.
 *
 * Expected values are s[n - 1 - k] of the series sorted by qsort, with
 * k = floor((100 - P) / 100 * n) as models/size.h defines.
 */
#include "vmux_test.h"
#include "models/rng.h"
#include "models/size.h"

#include <stdlib.h>
#include <string.h>

static const double levels[] = {100, 99.9, 99, 95, 90, 50, 10, 1, 0.01};
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Every level of X[0..N) against the sorted copy; X is left unchanged. */
static void check_levels(const double *x, size_t n)
{
	double *s = malloc(n * sizeof(*s)), *w = malloc(n * sizeof(*w));

	assert_true(s && w);
	memcpy(s, x, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	for (size_t l = 0; l < NLEVELS; l++) {
		size_t k = (size_t)((100 - levels[l]) / 100 * (double)n + 1e-9);
		double c;

		if (k >= n)
			k = n - 1;
		memcpy(w, x, n * sizeof(*w));
		c = size_percentile_inplace(w, n, levels[l]);
		if (c != s[n - 1 - k])
			fail_msg("n %zu P%g: got %.17g, sorted %.17g", n,
				 levels[l], c, s[n - 1 - k]);
		/* The in-place form only permutes. */
		qsort(w, n, sizeof(*w), cmp_double);
		assert_memory_equal(w, s, n * sizeof(*w));
	}
	free(s);
	free(w);
}

static void test_random(void **state)
{
	struct rng r;
	size_t n;

	(void)state;
	rng_seed(&r, 7);
	for (int round = 0; round < 24; round++) {
		uint64_t range = round % 3 == 0 ? 4 : 1000000; /* ties or not */
		double *x;

		n = 4096 + (size_t)rng_below(&r, 30000);
		x = malloc(n * sizeof(*x));
		assert_non_null(x);
		for (size_t i = 0; i < n; i++)
			x[i] = (double)rng_below(&r, range) / 16;
		check_levels(x, n);
		free(x);
	}
}

/* A daily cycle with noise, as traces look: the evenly spaced sample
 * meets the period. */
static void test_periodic(void **state)
{
	const size_t n = 8640;
	double *x = malloc(n * sizeof(*x));
	struct rng r;

	(void)state;
	assert_non_null(x);
	rng_seed(&r, 8);
	for (size_t i = 0; i < n; i++)
		x[i] =
		    1 + cos(2 * M_PI * (double)i / 288) + 0.1 * rng_normal(&r);
	check_levels(x, n);
	/* The same, sampled exactly on the period's peaks. */
	for (size_t i = 0; i < n; i++)
		x[i] = i % (n / 256) == 0 ? 100 : (double)(i % 97);
	check_levels(x, n);
	free(x);
}

/*
 * Samples that lie: every sampled position (multiples of n / 256) holds
 * the smallest or the largest value, so the bracket misses the rank and
 * the full selection must take over.
 */
static void test_misleading_sample(void **state)
{
	const size_t n = 256 * 40;
	double *x = malloc(n * sizeof(*x));

	(void)state;
	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = i % 40 == 0 ? -1 : (double)(i * 7919 % n);
	check_levels(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = i % 40 == 0 ? 1e9 : (double)(i * 7919 % n);
	check_levels(x, n);
	free(x);
}

static void test_shapes(void **state)
{
	const size_t n = 5000;
	double *x = malloc(n * sizeof(*x));

	(void)state;
	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)i; /* ascending */
	check_levels(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)(n - i); /* descending */
	check_levels(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = 2.5; /* all equal */
	check_levels(x, n);
	for (size_t i = 0; i < n; i++)
		x[i] = i < n / 20 ? 8 : 0; /* mostly idle, 5 % at the peak */
	check_levels(x, n);
	free(x);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_random), cmocka_unit_test(test_periodic),
	       cmocka_unit_test(test_misleading_sample),
	       cmocka_unit_test(test_shapes))
