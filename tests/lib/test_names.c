/*
 * test_names.c - names_index: first match, absent names, empty table;
 * names_of_mask: set bits' names in table order, cut to the buffer.
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

static void test_of_mask(void **state)
{
	static const char *const names[] = {"cpu", "priv", "mem", NULL};
	char buf[32], small[5];

	(void)state;
	assert_string_equal(names_of_mask(names, 0x5, ", ", buf, sizeof(buf)),
			    "cpu, mem");
	assert_string_equal(names_of_mask(names, 0x2, ",", buf, sizeof(buf)),
			    "priv");
	/* bits past the table name nothing */
	assert_string_equal(names_of_mask(names, 0x8, ",", buf, sizeof(buf)),
			    "");
	assert_string_equal(
	    names_of_mask(names, 0x7, ",", small, sizeof(small)), "cpu,");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_index), cmocka_unit_test(test_of_mask))
