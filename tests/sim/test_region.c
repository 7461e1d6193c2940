/*
 * test_region.c - the bump allocator: aligned, increasing allocations
 * inside the reservation, NULL when full, ownership, and memory given back
 * front to back in whole huge pages (observable: anonymous memory given
 * back reads as zero when touched again).
 */
#include "vmux_test.h"
#include "sim/store/region.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define MIB ((size_t)1 << 20)

static void test_alloc(void **state)
{
	struct region *rg;
	char *prev = NULL, *p;
	size_t total = 0;

	(void)state;
	assert_int_equal(region_create(3 * MIB, &rg), 0);
	/* 3 MiB round up to 4 MiB (two huge pages). */
	for (size_t size = 1;; size = size * 3 + 1) {
		p = region_alloc(rg, size);
		if (!p)
			break;
		assert_int_equal((uintptr_t)p % 64, 0);
		assert_true(prev == NULL || p > prev);
		assert_true(region_owns(rg, p));
		assert_true(region_owns(rg, p + size - 1));
		memset(p, 0xab, size);
		prev = p;
		total += size;
	}
	assert_true(total <= 4 * MIB);
	assert_true(total > MIB);
	assert_non_null(region_alloc(rg, 1)); /* small ones still fit */
	assert_null(region_alloc(rg, 4 * MIB));
	assert_null(region_alloc(rg, SIZE_MAX));
	assert_false(region_owns(rg, &total));
	assert_false(region_owns(NULL, &total));
	region_destroy(rg);
	region_destroy(NULL);
	region_release_below(NULL, &total);
}

/* Only whole huge pages below the mark go; later memory keeps its data. */
static void test_release(void **state)
{
	struct region *rg;
	unsigned char *a, *b;

	(void)state;
	assert_int_equal(region_create(8 * MIB, &rg), 0);
	a = region_alloc(rg, 3 * MIB);
	b = region_alloc(rg, 3 * MIB);
	assert_true(a && b);
	memset(a, 1, 3 * MIB);
	memset(b, 2, 3 * MIB);
	region_release_below(rg, a + 3 * MIB); /* the end of A */
	/* A's first 2 MiB (one huge page) are gone, its third MiB shares a
	 * huge page with B and stays. */
	assert_int_equal(a[0], 0);
	assert_int_equal(a[2 * MIB - 1], 0);
	assert_int_equal(a[2 * MIB], 1);
	assert_int_equal(b[0], 2);
	assert_int_equal(b[3 * MIB - 1], 2);
	/* Releasing less than before changes nothing. */
	a[0] = 7;
	region_release_below(rg, a + MIB);
	assert_int_equal(a[0], 7);
	region_destroy(rg);
}

static void test_too_big(void **state)
{
	struct region *rg = NULL;

	(void)state;
	assert_int_equal(region_create(SIZE_MAX, &rg), -ENOMEM);
	assert_null(rg);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_alloc), cmocka_unit_test(test_release),
	       cmocka_unit_test(test_too_big))
