/*
 * test_grow.c - grow_array: capacities worked by hand (doubling from the
 * minimum until NEED fits), contents kept, overflow refused.
 */
#include "vmux_test.h"
#include "lib/grow.h"

#include <errno.h>
#include <stdint.h>

static void test_doubles_from_min(void **state)
{
	int *a = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(grow_array((void **)&a, &cap, 0, sizeof(*a), 4), 0);
	assert_int_equal(cap, 0); /* nothing needed, nothing allocated */
	assert_null(a);
	assert_int_equal(grow_array((void **)&a, &cap, 5, sizeof(*a), 4), 0);
	assert_int_equal(cap, 8); /* 4 -> 8 */
	for (int i = 0; i < 8; i++)
		a[i] = 10 * i;
	assert_int_equal(grow_array((void **)&a, &cap, 8, sizeof(*a), 4), 0);
	assert_int_equal(cap, 8); /* fits: unchanged */
	assert_int_equal(grow_array((void **)&a, &cap, 33, sizeof(*a), 4), 0);
	assert_int_equal(cap, 64); /* 8 -> 16 -> 32 -> 64 */
	for (int i = 0; i < 8; i++)
		assert_int_equal(a[i], 10 * i);
	free(a);
}

static void test_overflow(void **state)
{
	char *a = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(grow_array((void **)&a, &cap, SIZE_MAX, 1, 16),
			 -ENOMEM);
	assert_int_equal(grow_array((void **)&a, &cap, 2, SIZE_MAX / 2 + 1, 1),
			 -ENOMEM);
	assert_int_equal(cap, 0);
	assert_null(a);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_doubles_from_min),
	       cmocka_unit_test(test_overflow))
