/*
 * test_strv.c - strv_free: owned strings and their array in one call
 * (leaks and double frees show under make check-asan).
 */
#include "vmux_test.h"
#include "lib/strv.h"

#include <stdlib.h>
#include <string.h>

static void test_frees_all(void **state)
{
	char **v = calloc(3, sizeof(*v));

	(void)state;
	assert_non_null(v);
	v[0] = strdup("a");
	v[2] = strdup("c"); /* v[1] stays NULL: a slot not filled yet */
	strv_free(v, 3);
	strv_free(NULL, 5);
	v = malloc(sizeof(*v)); /* no strings */
	assert_non_null(v);
	strv_free(v, 0);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_frees_all))
