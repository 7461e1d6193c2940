/*
 * test_names.c - names_index: first match, absent names, empty table.
 */
#include "vmux_test.h"
#include "lib/names.h"

static void test_index(void **state)
{
	static const char *const names[] = {"cpu", "mem", "", "mem", NULL};
	static const char *const none[] = {NULL};

	(void)state;
	assert_int_equal(names_index(names, "cpu"), 0);
	assert_int_equal(names_index(names, "mem"), 1); /* the first */
	assert_int_equal(names_index(names, ""), 2);
	assert_int_equal(names_index(names, "me"), -1);
	assert_int_equal(names_index(names, "CPU"), -1);
	assert_int_equal(names_index(none, "cpu"), -1);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_index))
