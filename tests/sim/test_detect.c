/*
 * test_detect.c - the overload detectors on hand-worked histories: THR's
 * strict threshold, IQR's rank rule for quartiles (halves rounded up, so
 * n = 13 takes x[3] and x[10], not banker's x[10]/x[9]), MAD with odd and
 * even counts, LR's least-squares forecast, and each fallback to THR(0.7);
 * IQR and MAD (found by rank counting) against their definitions on
 * sorted copies of random histories, ties and every length up to the
 * window, and the detectors' verdicts (some settled by the range alone)
 * against thresholds made from those.
 */
#include "vmux_test.h"

#include "models/rng.h"
#include "sim/simulate/detect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void thr(void **state)
{
	struct detector d = {DETECT_THR, 0.8};

	(void)state;
	assert_true(detect_overloaded(&d, 0.81, NULL, 0, 1));
	assert_false(detect_overloaded(&d, 0.8, NULL, 0, 1));
}

static void iqr_rank_rule(void **state)
{
	/* 0..12 shuffled: sorted x[k] = k; Q1 = x[round(3.5) - 1] = x[3],
	 * Q3 = x[round(10.5) - 1] = x[10]: IQR = 7. */
	double x[13] = {7, 3, 12, 0, 9, 1, 11, 5, 2, 10, 4, 8, 6};
	/* n = 12: 0.25 * 13 = 3.25 -> x[2]; 0.75 * 13 = 9.75 -> x[9]. */
	double y[12] = {11, 0, 10, 1, 9, 2, 8, 3, 7, 4, 6, 5};

	(void)state;
	assert_close(detect_iqr(x, 13), 7, 0);
	assert_close(detect_iqr(y, 12), 7, 0);
}

static void iqr_detector(void **state)
{
	/* 0.50 .. 0.61: Q1 = 0.52, Q3 = 0.59, IQR 0.07; threshold
	 * 1 - 1.5 * 0.07 = 0.895. */
	double h[12];
	struct detector d = {DETECT_IQR, 1.5};

	(void)state;
	for (int i = 0; i < 12; i++)
		h[i] = 0.61 - 0.01 * i;
	assert_true(detect_overloaded(&d, 0.9, h, 12, 1));
	assert_false(detect_overloaded(&d, 0.89, h, 12, 1));
	/* 11 values: fallback THR(0.7). */
	assert_true(detect_overloaded(&d, 0.71, h, 11, 1));
	assert_false(detect_overloaded(&d, 0.69, h, 11, 1));
}

static void mad(void **state)
{
	/* median 3, deviations 2 1 0 1 97 -> 1 */
	double odd[5] = {4, 100, 1, 3, 2};
	/* median 2.5, deviations 1.5 .5 .5 1.5 -> (0.5 + 1.5) / 2 */
	double even[4] = {3, 1, 4, 2};
	double h[12];
	struct detector d = {DETECT_MAD, 2.5};

	(void)state;
	assert_close(detect_mad(odd, 5), 1, 0);
	assert_close(detect_mad(even, 4), 1, 0);
	/* six 0.5 and six 0.6: median 0.55, every deviation 0.05, MAD 0.05,
	 * threshold 1 - 2.5 * 0.05 = 0.875 */
	for (int i = 0; i < 12; i++)
		h[i] = i % 2 ? 0.5 : 0.6;
	assert_true(detect_overloaded(&d, 0.88, h, 12, 1));
	assert_false(detect_overloaded(&d, 0.87, h, 12, 1));
}

static void lr(void **state)
{
	double up[10], flat[10];
	struct detector d = {DETECT_LR, 1.2};

	(void)state;
	/* Oldest first y = 0.1 x (x = 1..10) is stored most recent first.
	 * Forecast at 11: 1.1; 1.2 * 1.1 >= 1. */
	for (int i = 0; i < 10; i++) {
		up[i] = 0.1 * (10 - i);
		flat[i] = 0.05 * (10 - i);
	}
	assert_close(detect_ols_at((double[]){0.1, 0.2, 0.3}, 3, 4), 0.4,
		     1e-12);
	assert_true(detect_overloaded(&d, 0, up, 10, 1));
	/* 0.05 x: forecast 0.55, 1.2 * 0.55 = 0.66 < 1, whatever u_req */
	assert_false(detect_overloaded(&d, 5, flat, 10, 1));
	/* two intervals ahead: x = 12, 0.6 * 1.2 = 0.72 */
	assert_false(detect_overloaded(&d, 5, flat, 10, 2));
	/* 9 values: THR(0.7) on the current request */
	assert_true(detect_overloaded(&d, 0.71, up, 9, 1));
	d.kind = DETECT_LRR;
	assert_true(detect_overloaded(&d, 0, up, 10, 1));
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of sorted S[0..N). */
static double sorted_median(const double *s, size_t n)
{
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* The detectors' verdicts on history X against thresholds made from the
 * reference IQR and MAD, for requests all around them (far below, at,
 * just either side, above 1). */
static void verdicts(struct rng *r, const double *x, size_t n, double iqr,
		     double mad)
{
	for (int k = 0; k < 2; k++) {
		struct detector d = {k ? DETECT_MAD : DETECT_IQR,
				     0.5 + 2 * rng_uniform(r)};
		double t = 1 - d.param * (k ? mad : iqr);
		double u[] = {0,
			      t - 0.3,
			      nextafter(t, 0),
			      t,
			      nextafter(t, 2),
			      t + 0.3,
			      1,
			      1.1,
			      rng_uniform(r) * 1.2};

		for (size_t j = 0; j < sizeof(u) / sizeof(u[0]); j++)
			assert_true(detect_overloaded(&d, u[j], x, n, 1) ==
				    (u[j] > t));
	}
}

static void selection_matches_sorting(void **state)
{
	struct rng r;
	double x[DETECT_HISTORY], s[DETECT_HISTORY], w[DETECT_HISTORY];

	(void)state;
	rng_seed(&r, 7);
	for (int round = 0; round < 3000; round++) {
		size_t n = 2 + round % (DETECT_HISTORY - 1);
		/* few distinct values in some rounds: ties in every rank */
		unsigned levels = round % 3 ? 1000 : 4;

		for (size_t i = 0; i < n; i++)
			x[i] = (double)rng_below(&r, levels) / levels;
		memcpy(s, x, n * sizeof(*s));
		qsort(s, n, sizeof(*s), by_value);
		size_t q1 = (size_t)floor(0.25 * (double)(n + 1) + 0.5) - 1;
		size_t q3 = (size_t)floor(0.75 * (double)(n + 1) + 0.5) - 1;

		double iqr = s[q3] - s[q1], med = sorted_median(s, n);

		memcpy(w, x, n * sizeof(*w));
		assert_true(detect_iqr(w, n) == iqr);
		for (size_t i = 0; i < n; i++)
			s[i] = fabs(s[i] - med);
		qsort(s, n, sizeof(*s), by_value);
		memcpy(w, x, n * sizeof(*w));
		assert_true(detect_mad(w, n) == sorted_median(s, n));
		if (n >= 12)
			verdicts(&r, x, n, iqr, sorted_median(s, n));
	}
}

VMUX_TEST_MAIN(cmocka_unit_test(thr), cmocka_unit_test(iqr_rank_rule),
	       cmocka_unit_test(iqr_detector), cmocka_unit_test(mad),
	       cmocka_unit_test(lr),
	       cmocka_unit_test(selection_matches_sorting))
