/*
 * test_hostsize.c - a host's individual and joint sizes, and the saving,
 * on hand-worked series.
 */
#include "vmux_test.h"
#include "sim/plan/hostsize.h"

#include <errno.h>
#include <math.h>

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
	assert_int_equal(hostsize_compute(rows, 2, 4, 75, size, &sum, &joint),
			 0);
	assert_close(size[0], 3, 0);
	assert_close(size[1], 3, 0);
	assert_close(sum, 6, 0);
	assert_close(joint, 5, 0);
	/* c + d = 1.5 2.5 3.5 5.5 -> 3.5; c -> 0.5, d -> 3: no saving. */
	assert_int_equal(hostsize_compute(rows2, 2, 4, 75, NULL, &sum, &joint),
			 0);
	assert_close(sum, 3.5, 1e-12);
	assert_close(joint, 3.5, 1e-12);
	/* P = 100 is the peak; no VMs sizes nothing. */
	assert_int_equal(hostsize_compute(rows, 1, 4, 100, size, &sum, &joint),
			 0);
	assert_close(joint, 4, 0);
	assert_int_equal(hostsize_compute(rows, 0, 4, 95, NULL, &sum, &joint),
			 0);
	assert_close(sum, 0, 0);
	assert_close(joint, 0, 0);
	assert_int_equal(hostsize_compute(rows, 2, 4, 0, NULL, &sum, &joint),
			 -EINVAL);
}

/*
 * NaN is absent (no data): a = 1 2 3 4 at P75 -> 3; e = 4 NaN NaN NaN,
 * present in one slot, is sized over it alone -> 4 (over 4 1 0 0 read as
 * no demand it was 1); a + e with NaN as 0 = 5 2 3 4 -> 4. A VM absent
 * throughout sizes 0.
 */
static void test_absent(void **state)
{
	static const double a[] = {1, 2, 3, 4}, e[] = {4, NAN, NAN, NAN},
			    z[] = {NAN, NAN, NAN, NAN};
	const double *rows[] = {a, e, z};
	double size[3], sum, joint;

	(void)state;
	assert_int_equal(hostsize_compute(rows, 3, 4, 75, size, &sum, &joint),
			 0);
	assert_close(size[0], 3, 0);
	assert_close(size[1], 4, 0);
	assert_close(size[2], 0, 0);
	assert_close(sum, 7, 0);
	assert_close(joint, 4, 0);
}

/* 1 - 5 / 6 by hand; no sizes: 0/0, undefined (it was 0), in words. */
static void test_saving(void **state)
{
	char buf[64];

	(void)state;
	assert_close(hostsize_saving(6, 5), 1.0 / 6, 1e-15);
	assert_true(isnan(hostsize_saving(0, 0)));
	assert_close(hostsize_saving(2, 3), -0.5, 1e-15);
	assert_string_equal(hostsize_saving_text(0.125, buf, sizeof(buf)),
			    "saving 12.5%");
	assert_string_equal(hostsize_saving_text(NAN, buf, sizeof(buf)),
			    "saving n/a: no VM needs any capacity");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_host_sizes), cmocka_unit_test(test_absent),
	       cmocka_unit_test(test_saving))
