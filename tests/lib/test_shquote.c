/*
 * test_shquote.c - words for a POSIX shell: safe words as they are, any
 * other in single quotes (a quote inside as '\''), written by hand from
 * POSIX's Shell Command Language 2.2 (quoting) and 2.6 (expansions).
 */
#include "vmux_test.h"
#include "lib/shquote.h"

static void test_line(void **state)
{
	char *argv[] = {"report",
			"--trace",
			"with space/d 1.csv",
			"",
			"it's",
			"$HOME",
			"~",
			"a*b",
			"#x",
			"\xc3\xa9",
			"--x=a,b:c@d%e+f",
			"line\nbreak"};
	char *s = shquote_line("vmux", 12, argv);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "vmux report --trace 'with space/d 1.csv' '' "
			       "'it'\\''s' '$HOME' '~' 'a*b' '#x' "
			       "'\xc3\xa9' --x=a,b:c@d%e+f 'line\nbreak'");
	free(s);
	s = shquote_line("vmux", 0, NULL);
	assert_non_null(s);
	assert_string_equal(s, "vmux");
	free(s);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_line))
