/*
 * test_power.c - the SPECpower interpolation and the trapezoid energy,
 * against values worked by hand from the HP ML110 G4 table
 * (86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117 W).
 */
#include "vmux_test.h"

#include "models/power.h"

static const struct power_table g4 = {
    {86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117}};

static void table_points_exact(void **state)
{
	(void)state;
	assert_close(power_at(&g4, 0), 86, 0);
	assert_close(power_at(&g4, 0.3), 96, 1e-12);
	assert_close(power_at(&g4, 1), 117, 0);
}

static void between_points_linear(void **state)
{
	(void)state;
	/* 86 + (89.4 - 86) / 2 */
	assert_close(power_at(&g4, 0.05), 87.7, 1e-12);
	/* 99.5 + (102 - 99.5) / 2 */
	assert_close(power_at(&g4, 0.45), 100.75, 1e-12);
	/* 112 + (114 - 112) * 0.25 */
	assert_close(power_at(&g4, 0.825), 112.5, 1e-12);
}

static void out_of_range_clamped(void **state)
{
	(void)state;
	assert_close(power_at(&g4, 1.0005), 117, 0);
	assert_close(power_at(&g4, -0.1), 86, 0);
}

static void trapezoid(void **state)
{
	(void)state;
	/* (100.75 + 87.7) / 2 * 300 */
	assert_close(power_energy(&g4, 0.45, 0.05, 300), 28267.5, 1e-9);
	assert_close(power_energy(&g4, 1, 1, 10), 1170, 1e-9);
}

VMUX_TEST_MAIN(cmocka_unit_test(table_points_exact),
	       cmocka_unit_test(between_points_linear),
	       cmocka_unit_test(out_of_range_clamped),
	       cmocka_unit_test(trapezoid))
