/*
 * test_escape.c - bytes replaced through a table (lib/escape.h), against
 * texts worked out by hand: replaced bytes, kept bytes, a byte above 127,
 * an empty string; one-line values (escape_line_put/undo) both ways,
 * and the escapes undo refuses.
 */
#include "vmux_test.h"
#include "lib/escape.h"

#include <errno.h>
#include <string.h>

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

/* IN written on one line is WANT, and undone gives IN again. */
static void line(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	escape_line_put(fp, in);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(buf, want);
	assert_int_equal(escape_line_undo(buf), 0);
	assert_string_equal(buf, in);
	free(buf);
}

static void test_line(void **state)
{
	char bad1[] = "a\\x\\", bad2[] = "C:\\tmp\\x.csv", ok[] = "a\\\\x";

	(void)state;
	line("a\nb.csv", "a\\nb.csv");
	line("t\tr\rb\\s", "t\\tr\\rb\\\\s");
	line("\\t", "\\\\t"); /* a backslash then t: not a tab */
	line("", "");
	assert_int_equal(escape_line_undo(bad1), -EINVAL); /* \\x, a lone \\ */
	assert_string_equal(bad1, "a\\x\\");		   /* unchanged */
	assert_int_equal(escape_line_undo(bad2), -EINVAL); /* a raw path: \\x */
	assert_int_equal(escape_line_undo(ok), 0);	   /* \\\\ then x */
	assert_string_equal(ok, "a\\x");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_escape), cmocka_unit_test(test_line))
