/*
 * test_stats.c - sizes and correlations on hand-worked series.
 */
#include "vmux_test.h"
#include "reports/stats.h"

#include <errno.h>

/*
 * At the 75th percentile of 4 slots, floor(0.25 * 4) = 1 slot may be above
 * the size: the size is the second largest value.
 *   a = 1 2 3 4 -> 3;  b = 4 3 2 1 -> 3;  a + b = 5 5 5 5 -> 5
 * so s1 + s2 = 6 and s3 = 5 (saving 1/6).
 */
static void test_host_sizes(void **state)
{
	static const double a[] = {1, 2, 3, 4}, b[] = {4, 3, 2, 1};
	static const double d[] = {1, 2, 3, 5}, c[] = {0.5, 0.5, 0.5, 0.5};
	const double *rows[] = {a, b}, *rows2[] = {c, d};
	double size[2], sum, joint;

	(void)state;
	assert_int_equal(stats_host_sizes(rows, 2, 4, 75, size, &sum, &joint),
			 0);
	assert_close(size[0], 3, 0);
	assert_close(size[1], 3, 0);
	assert_close(sum, 6, 0);
	assert_close(joint, 5, 0);
	/* c + d = 1.5 2.5 3.5 5.5 -> 3.5; c -> 0.5, d -> 3: no saving. */
	assert_int_equal(stats_host_sizes(rows2, 2, 4, 75, NULL, &sum, &joint),
			 0);
	assert_close(sum, 3.5, 1e-12);
	assert_close(joint, 3.5, 1e-12);
	/* P = 100 is the peak; no VMs sizes nothing. */
	assert_int_equal(stats_host_sizes(rows, 1, 4, 100, size, &sum, &joint),
			 0);
	assert_close(joint, 4, 0);
	assert_int_equal(stats_host_sizes(rows, 0, 4, 95, NULL, &sum, &joint),
			 0);
	assert_close(sum, 0, 0);
	assert_close(joint, 0, 0);
	assert_int_equal(stats_host_sizes(rows, 2, 4, 0, NULL, &sum, &joint),
			 -EINVAL);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_host_sizes),
	    cmocka_unit_test(test_corr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
