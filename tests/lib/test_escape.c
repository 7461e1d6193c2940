/*
 * test_escape.c - bytes replaced through a table (lib/escape.h), against
 * texts worked out by hand: replaced bytes, kept bytes, a byte above 127,
 * an empty string.
 */
#include "vmux_test.h"
#include "lib/escape.h"

static const char *const t[256] = {
    ['&'] = "&amp;", ['\n'] = "\\n", [0xe9] = "e'"};

static void check(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	escape_put(fp, in, t);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_escape(void **state)
{
	(void)state;
	check("a&b\nc", "a&amp;b\\nc");
	check("plain", "plain");
	check("caf\xe9", "cafe'");
	check("", "");
	check("&&", "&amp;&amp;");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_escape))
