/*
 * test_spread.c - the summary of repeated measurements (median, range,
 * MAD, outliers) and the CPU a cap entitles a host's VMs to
 * (validate_entitled), on cases worked out by hand below.
 */
#include "vmux_test.h"
#include "sim/measure/spread.h"
#include "sim/measure/validate.h"

/*
 * 1, 2, 3, 4, 100: median 3, range 1..100; deviations 2, 1, 0, 1, 97 ->
 * MAD 1 (1/3 of the median); only 100 lies beyond 3 MADs.
 */
static void test_spread_outlier(void **state)
{
	double x[] = {4, 100, 1, 3, 2};
	struct spread s;

	(void)state;
	spread_of(x, 5, &s);
	assert_int_equal(s.n, 5);
	assert_close(s.median, 3, 1e-12);
	assert_close(s.min, 1, 1e-12);
	assert_close(s.max, 100, 1e-12);
	assert_close(s.mad, 1, 1e-12);
	assert_close(s.rel_mad, 1.0 / 3, 1e-12);
	assert_int_equal(s.outliers, 1);
}

/* Identical runs: no spread, no outlier (the 1 % floor). Two runs: mean. */
static void test_spread_flat(void **state)
{
	double same[] = {5, 5, 5}, two[] = {4, 2};
	struct spread s;

	(void)state;
	spread_of(same, 3, &s);
	assert_close(s.mad, 0, 1e-12);
	assert_int_equal(s.outliers, 0);
	spread_of(two, 2, &s);
	assert_close(s.median, 3, 1e-12);
	assert_close(s.mad, 1, 1e-12);
	assert_int_equal(s.outliers, 0);
}

/*
 * Cap 1 core, 1 s: 0.2 + 0.3 s of need fit (0.5); two VMs of 0.8 s share
 * the core (1.0). Cap 1.5: two VMs of 2 s get 0.75 core each (1.5); 0.1
 * and 5 s: both at 0.75 until the small one is done at 0.1333 s, then the
 * big one alone at its one-core limit for 0.8667 s: 0.1 + 0.1 + 0.8667.
 */
static void test_entitled(void **state)
{
	double a[] = {0.3, 0.2}, b[] = {0.8, 0.8}, c[] = {2, 2}, d[] = {5, 0.1};

	(void)state;
	assert_close(validate_entitled(a, 2, 1, 1), 0.5, 1e-12);
	assert_close(validate_entitled(b, 2, 1, 1), 1.0, 1e-12);
	assert_close(validate_entitled(c, 2, 1.5, 1), 1.5, 1e-12);
	assert_close(validate_entitled(d, 2, 1.5, 1),
		     0.1 + 0.1 + (1 - 0.1 / 0.75), 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spread_outlier),
	    cmocka_unit_test(test_spread_flat),
	    cmocka_unit_test(test_entitled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
