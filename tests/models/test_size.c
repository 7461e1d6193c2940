/*
 * test_size.c - percentile sizing, mean and peak, and joint sizing of a
 * group against the sum of its members' sizes.
 *
 * Every expected value below is worked by hand in the comment beside it,
 * from the definition in models/size.h: with n intervals at level P, k =
 * floor((100 - P) / 100 * n) intervals may lie above the capacity, so the
 * capacity is the (n - k)-th smallest value. A last test checks the
 * selection against a full sort on seeded random series.
 */
#include "vmux_test.h"
#include "models/rng.h"
#include "models/size.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Intervals of X[0..N) strictly above C. */
static size_t above(const double *x, size_t n, double c)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += x[i] > c;
	return k;
}

static double pct(const double *x, size_t n, double p)
{
	double c = -1;

	assert_int_equal(size_percentile(x, n, p, &c), 0);
	return c;
}

/* 1..20 in a scrambled order (i * 7 mod 20 visits every residue once). */
static void one_to_twenty(double *x)
{
	for (int i = 0; i < 20; i++)
		x[i] = (double)((i * 7) % 20 + 1);
}

static void test_twenty(void **state)
{
	double x[20], before[20];

	(void)state;
	one_to_twenty(x);
	memcpy(before, x, sizeof(x));
	/* P95: k = floor(0.05 * 20) = 1 may exceed: the 2nd largest, 19. */
	assert_close(pct(x, 20, 95), 19, 0);
	assert_int_equal(above(x, 20, 19), 1);
	/* P100: k = 0, the peak. */
	assert_close(pct(x, 20, 100), 20, 0);
	/* P96: k = floor(0.8) = 0, still the peak. */
	assert_close(pct(x, 20, 96), 20, 0);
	/* P90: k = 2 -> 18. P50: k = 10 -> the 10th smallest, 10. */
	assert_close(pct(x, 20, 90), 18, 0);
	assert_close(pct(x, 20, 50), 10, 0);
	assert_int_equal(above(x, 20, 10), 10);
	/* P1: k = floor(19.8) = 19 -> the smallest, 1. */
	assert_close(pct(x, 20, 1), 1, 0);
	/* size_percentile works on a copy. */
	assert_memory_equal(x, before, sizeof(x));
}

static void test_ties(void **state)
{
	/* Sorted: 0 1 2 3 4 7 7 7 7 7. */
	double x[10] = {3, 7, 7, 7, 2, 7, 1, 0, 7, 4};

	(void)state;
	/* P80: k = 2 -> the 8th smallest, 7; ties leave none above it. Any
	 * smaller capacity, e.g. 4, leaves five intervals above. */
	assert_close(pct(x, 10, 80), 7, 0);
	assert_int_equal(above(x, 10, 7), 0);
	assert_int_equal(above(x, 10, 4), 5);
	/* P50: k = 5 -> the 5th smallest, 4. P40: k = 6 -> 3. */
	assert_close(pct(x, 10, 50), 4, 0);
	assert_close(pct(x, 10, 40), 3, 0);
}

static void test_all_equal_and_small(void **state)
{
	double same[7] = {2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5};
	double one = 3.25, two[2] = {9, 4}, c = -1;

	(void)state;
	assert_close(pct(same, 7, 95), 2.5, 0);
	assert_close(pct(same, 7, 1), 2.5, 0);
	/* n = 1: k = floor((100 - P) / 100) = 0 for every P. */
	assert_close(pct(&one, 1, 100), 3.25, 0);
	assert_close(pct(&one, 1, 50), 3.25, 0);
	assert_close(pct(&one, 1, 0.001), 3.25, 0);
	/* n = 2: P50 -> k = 1 -> the smaller; P51 -> k = 0 -> the larger. */
	assert_close(pct(two, 2, 50), 4, 0);
	assert_close(pct(two, 2, 51), 9, 0);
	/* n = 0 sizes to 0. */
	assert_int_equal(size_percentile(NULL, 0, 95, &c), 0);
	assert_close(c, 0, 0);
	assert_close(size_percentile_inplace(NULL, 0, 95), 0, 0);
}

static void test_bad_level(void **state)
{
	double x[3] = {1, 2, 3}, c = 0;

	(void)state;
	assert_int_equal(size_percentile(x, 3, 0, &c), -EINVAL);
	assert_int_equal(size_percentile(x, 3, -5, &c), -EINVAL);
	assert_int_equal(size_percentile(x, 3, 100.0001, &c), -EINVAL);
	assert_int_equal(size_percentile(x, 3, NAN, &c), -EINVAL);
}

static void test_rounding_edge(void **state)
{
	double *x = malloc(1000 * sizeof(*x));

	(void)state;
	assert_non_null(x);
	for (int i = 0; i < 1000; i++)
		x[i] = (double)((i * 317) % 1000); /* 0..999, scrambled */
	/* P99.9 over 1000: (100 - 99.9) / 100 * 1000 is 0.99999999999994 in
	 * doubles, but k = 1 is meant: the 2nd largest, 998. */
	assert_close(pct(x, 1000, 99.9), 998, 0);
	/* P99 -> k = 10 -> 989. */
	assert_close(pct(x, 1000, 99), 989, 0);
	/* The in-place form gives the same and permutes X. */
	assert_close(size_percentile_inplace(x, 1000, 99), 989, 0);
	free(x);
}

static void test_mean_peak(void **state)
{
	double x[4] = {1, 2, 3, 6}, z[3] = {0, 0, 0}, mean, peak;

	(void)state;
	size_mean_peak(x, 4, &mean, &peak); /* 12 / 4 = 3, peak 6 */
	assert_close(mean, 3, 1e-15);
	assert_close(peak, 6, 0);
	size_mean_peak(z, 3, &mean, &peak);
	assert_close(mean, 0, 0);
	assert_close(peak, 0, 0);
	size_mean_peak(NULL, 0, &mean, &peak);
	assert_close(mean, 0, 0);
	assert_close(peak, 0, 0);
}

/*
 * Two anti-correlated VMs over n = 10 intervals:
 *   x = 8 1 7 2 9 1 6 2 8 1   sorted 1 1 1 2 2 6 7 8 8 9
 *   y = 1 7 2 8 0 9 2 6 1 7   sorted 0 1 1 2 2 6 7 7 8 9
 *   x+y = 9 8 9 10 9 10 8 8 9 8   sorted 8 8 8 8 9 9 9 9 10 10
 * P90: k = 1, the 9th smallest: s_x = 8, s_y = 8, joint = 10;
 *   sum of individual sizes 16, saving = 1 - 10/16 = 0.375.
 * P100 (peaks): 9 + 9 = 18 alone, 10 together: saving 1 - 10/18 = 4/9.
 * P50: k = 5, the 5th smallest: s_x = 2, s_y = 2, joint = 9: here sizing
 *   together costs more (saving 1 - 9/4 = -1.25): percentile sizing is not
 *   subadditive, which the planner must not assume.
 */
static void test_group_anticorrelated(void **state)
{
	static const double x[10] = {8, 1, 7, 2, 9, 1, 6, 2, 8, 1};
	static const double y[10] = {1, 7, 2, 8, 0, 9, 2, 6, 1, 7};
	static const struct {
		double p, sx, sy, joint;
	} want[] = {{90, 8, 8, 10}, {100, 9, 9, 10}, {50, 2, 2, 9}};
	double sum[10];

	(void)state;
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		double sx = pct(x, 10, want[k].p), sy = pct(y, 10, want[k].p);
		double joint;

		for (int i = 0; i < 10; i++)
			sum[i] = x[i] + y[i];
		joint = size_percentile_inplace(sum, 10, want[k].p);
		assert_close(sx, want[k].sx, 0);
		assert_close(sy, want[k].sy, 0);
		assert_close(joint, want[k].joint, 0);
	}
	/* The savings as vmux size prints them. */
	assert_close(1 - 10.0 / (8 + 8), 0.375, 1e-15);
	assert_close(1 - 10.0 / (9 + 9), 4.0 / 9, 1e-15);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Selection agrees with a full sort, on series with and without ties. */
static void test_against_sort(void **state)
{
	static const double levels[] = {100, 99.9, 99, 95, 90, 50, 5, 0.1};
	double *x = malloc(5000 * sizeof(*x)), *s = malloc(5000 * sizeof(*s));
	struct rng r;

	(void)state;
	assert_true(x && s);
	rng_seed(&r, 42);
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)rng_below(&r, round < 100 ? 50 : 5000);
		uint64_t range = round % 2 ? 5 : 1000000; /* many ties, few */

		for (size_t i = 0; i < n; i++)
			x[i] = (double)rng_below(&r, range) / 8;
		memcpy(s, x, n * sizeof(*s));
		qsort(s, n, sizeof(*s), cmp_double);
		for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]);
		     l++) {
			size_t k =
			    (size_t)((100 - levels[l]) / 100 * (double)n +
				     1e-9);
			double c = pct(x, n, levels[l]);

			if (k >= n)
				k = n - 1;
			assert_close(c, s[n - 1 - k], 0);
			assert_true(above(x, n, c) <= k);
		}
	}
	free(x);
	free(s);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_twenty), cmocka_unit_test(test_ties),
	       cmocka_unit_test(test_all_equal_and_small),
	       cmocka_unit_test(test_bad_level),
	       cmocka_unit_test(test_rounding_edge),
	       cmocka_unit_test(test_mean_peak),
	       cmocka_unit_test(test_group_anticorrelated),
	       cmocka_unit_test(test_against_sort))
