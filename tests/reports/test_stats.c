/*
 * test_stats.c - correlations on hand-worked series.
 */
#include "vmux_test.h"
#include "reports/stats.h"

#include <errno.h>

/*
 * corr(a, d) by hand: deviations a = -1.5 -.5 .5 1.5, d = -1.75 -.75 .25
 * 2.25; sum of products 6.5, sums of squares 5 and 8.75, so r =
 * 6.5 / sqrt(43.75) = 0.982708... ; b = 5 - a, so corr(a, b) = -1 and
 * corr(b, d) = -0.982708; c is constant: no correlation.
 */
static void test_corr(void **state)
{
	static const double a[] = {1, 2, 3, 4}, b[] = {4, 3, 2, 1};
	static const double c[] = {0.5, 0.5, 0.5, 0.5}, d[] = {1, 2, 3, 5};
	const double *rows[] = {a, b, c, d};
	double m[16], r = 6.5 / sqrt(43.75);
	size_t host[] = {0, 0, 1, 1};
	struct stats_corr_means cm;

	(void)state;
	assert_int_equal(stats_corr(rows, 4, 4, m), 0);
	assert_close(m[0 * 4 + 0], 1, 0);
	assert_close(m[0 * 4 + 1], -1, 1e-12);
	assert_close(m[0 * 4 + 3], r, 1e-12);
	assert_close(m[3 * 4 + 0], r, 1e-12);
	assert_close(m[1 * 4 + 3], -r, 1e-12);
	assert_true(isnan(m[2 * 4 + 2]));
	assert_true(isnan(m[0 * 4 + 2]));
	assert_true(isnan(m[2 * 4 + 3]));
	/* Within hosts: (a, b) = -1 only, (c, d) undefined. Between: (a, d)
	 * and (b, d) average 0; (a, c), (b, c) undefined. */
	stats_corr_means(m, 4, host, &cm);
	assert_int_equal(cm.nwithin, 1);
	assert_close(cm.within, -1, 1e-12);
	assert_int_equal(cm.nbetween, 2);
	assert_close(cm.between, 0, 1e-12);
	/* One VM per host: nothing within. */
	host[1] = 2;
	host[3] = 3;
	stats_corr_means(m, 4, host, &cm);
	assert_int_equal(cm.nwithin, 0);
	assert_true(isnan(cm.within));
	/* Fewer than two slots: nothing is defined. */
	assert_int_equal(stats_corr(rows, 2, 1, m), 0);
	assert_true(isnan(m[1]));
}

VMUX_TEST_MAIN(cmocka_unit_test(test_corr))
