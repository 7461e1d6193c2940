/*
 * test_gauss.c - Gaussian effective sizes (models/gauss.h) against values
 * computed independently with Python 3 (statistics.NormalDist for the
 * quantiles, numpy.cov(X, bias=True) for population covariances).
 */
#include "vmux_test.h"
#include "models/gauss.h"
#include "models/rng.h"

#include <math.h>
#include <string.h>

/* Three demand series of 8 slots, shared by the tests below. */
static const double x1[8] = {0.2, 0.5, 0.3, 0.7, 0.1, 0.4, 0.6, 0.2};
static const double x2[8] = {0.4, 0.1, 0.5, 0.2, 0.6, 0.3, 0.1, 0.5};
static const double x3[8] = {0.3, 0.3, 0.2, 0.6, 0.2, 0.5, 0.4, 0.1};

static void test_z(void **state)
{
	(void)state;
	/* NormalDist().inv_cdf(p / 100) */
	assert_close(gauss_z(95), 1.6448536269514715, 1e-12);
	assert_close(gauss_z(99), 2.3263478740408408, 1e-12);
	assert_close(gauss_z(80), 0.8416212335729144, 1e-12);
	assert_close(gauss_z(50), 0.0, 1e-15);
	assert_close(gauss_z(5), -1.6448536269514715, 1e-12);
}

static void test_moments(void **state)
{
	double m, v;

	(void)state;
	/* By hand: mean 3/8 = 0.375; sum of squared deviations 0.315, / 8. */
	gauss_moments(x1, 8, &m, &v);
	assert_close(m, 0.375, 1e-15);
	assert_close(v, 0.039375, 1e-15);
	/* A constant series has no spread, even where a one-pass formula
	 * would cancel to a small negative number. */
	gauss_moments((const double[]){1e8 + 0.1, 1e8 + 0.1, 1e8 + 0.1}, 3, &m,
		      &v);
	assert_close(v, 0, 1e-12);
	gauss_moments(x1, 0, &m, &v);
	assert_close(m, 0, 0);
	assert_close(v, 0, 0);
}

static void test_cov(void **state)
{
	(void)state;
	/* numpy.cov(X, bias=True)[0, 1], [0, 2] and [0, 0] */
	assert_close(gauss_cov(x1, x2, 8, 0.375, 0.3375), -0.0315625, 1e-15);
	assert_close(gauss_cov(x1, x3, 8, 0.375, 0.325), 0.024375, 1e-15);
	assert_close(gauss_cov(x1, x1, 8, 0.375, 0.375), 0.039375, 1e-15);
	assert_close(gauss_cov(x1, x2, 0, 0, 0), 0, 0);
}

/* Grow a group one member at a time, as hosts do. */
static void test_group_sizes(void **state)
{
	double s[8], mean = 0, var = 0, m, v;
	const double *xs[3] = {x1, x2, x3};
	/* numpy: sum of means + z * sqrt(sum of the covariance block) */
	const double want[3] = {0.375 + 1.6448536269514715 * 0.1984313483298443,
				0.8649820122461415, 1.3858198447829109};

	(void)state;
	for (int i = 0; i < 8; i++)
		s[i] = 0;
	for (int g = 0; g < 3; g++) {
		gauss_moments(xs[g], 8, &m, &v);
		var += v + 2 * gauss_cov(s, xs[g], 8, mean, m);
		mean += m;
		for (int i = 0; i < 8; i++)
			s[i] += xs[g][i];
		assert_close(gauss_size(mean, var, gauss_z(95)), want[g],
			     1e-12);
	}
}

static void test_size_clamps(void **state)
{
	(void)state;
	assert_close(gauss_size(0.5, 0.04, 2), 0.9, 1e-15);
	/* Rounding can leave a perfectly hedged group at -1e-17. */
	assert_close(gauss_size(1.0, -1e-17, 1.64), 1.0, 0);
}

/* The definition: K rounded additions, one after another. */
static double add_loop(double s, double c, size_t k)
{
	for (size_t i = 0; i < k; i++)
		s += c;
	return s;
}

/*
 * gauss_add_repeated against the loop, bit for bit: random starts and
 * steps over many magnitudes, decimal steps (0.1: no exact binary), steps
 * that tie at some spacing (2^-52 + 2^-53 on 1.0), powers of 2, steps far
 * below half a spacing, and starts of 0 and below the step.
 */
static void test_add_repeated(void **state)
{
	static const double fixed[][2] = {
	    {0, 0.1},	  {1, 0x1p-52 + 0x1p-53},
	    {1, 0x1p-53}, {1, 0x1p-54},
	    {0.3, 0.25},  {0, 1e-310},
	    {5, 0},	  {0, 3.0 / 7},
	    {1e16, 1},
	};
	struct rng rng;

	(void)state;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		for (size_t k = 0; k < 3000; k += 37) {
			double a = gauss_add_repeated(fixed[i][0], fixed[i][1],
						      k),
			       b = add_loop(fixed[i][0], fixed[i][1], k);

			assert_memory_equal(&a, &b, sizeof(a));
		}
	rng_seed(&rng, 17);
	for (int i = 0; i < 20000; i++) {
		double c =
		    ldexp(rng_uniform(&rng), (int)rng_below(&rng, 80) - 40);
		double s = rng_below(&rng, 3) == 0
			       ? 0
			       : ldexp(rng_uniform(&rng),
				       (int)rng_below(&rng, 80) - 40);
		size_t k = (size_t)rng_below(&rng, 9000);
		double a = gauss_add_repeated(s, c, k), b = add_loop(s, c, k);

		assert_memory_equal(&a, &b, sizeof(a));
	}
}

/* Moments of a span: the numbers of the whole series with its zeros. */
static void test_moments_span(void **state)
{
	double x[40] = {0}, m1, v1, m2, v2;

	(void)state;
	for (size_t i = 11; i < 29; i++)
		x[i] = 0.1 * (double)(i % 7) + 0.013;
	gauss_moments(x, 40, &m1, &v1);
	gauss_moments_span(x, 11, 29, 40, &m2, &v2);
	assert_memory_equal(&m1, &m2, sizeof(m1));
	assert_memory_equal(&v1, &v2, sizeof(v1));
	assert_close(gauss_dot(x, x, 0, 40), gauss_dot(x, x, 11, 29), 0);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_z), cmocka_unit_test(test_moments),
	       cmocka_unit_test(test_add_repeated),
	       cmocka_unit_test(test_moments_span), cmocka_unit_test(test_cov),
	       cmocka_unit_test(test_group_sizes),
	       cmocka_unit_test(test_size_clamps))
