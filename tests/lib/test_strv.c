/*
 * test_strv.c - strv_free: owned strings and their array in one call
 * (leaks and double frees show under make check-asan); strv_join: each
 * string through its writer, the separator between two, none around.
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

/* A writer that brackets its string, so the test sees each call. */
static void bracket(FILE *fp, const char *s)
{
	fprintf(fp, "[%s]", s);
}

static void test_join(void **state)
{
	const char *const v[] = {"a", "", "b c"};
	char *s;

	(void)state;
	s = strv_join(v, 3, ',', bracket);
	assert_string_equal(s, "[a],[],[b c]");
	free(s);
	s = strv_join(v, 1, ' ', bracket);
	assert_string_equal(s, "[a]");
	free(s);
	s = strv_join(v, 0, ' ', bracket);
	assert_string_equal(s, "");
	free(s);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_frees_all), cmocka_unit_test(test_join))
