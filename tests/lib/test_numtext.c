/*
 * test_numtext.c - numtext: a negative value that rounds to zero at the
 * precision written is 0.0, not -0.0 (others as they are); a range is
 * "LO UNIT to HI UNIT", unambiguous with negative bounds; an exact value
 * takes the fewest digits that read back as it (two values never share
 * a text), -0 written 0; a number read is decimal text, the whole of
 * it: no hex, inf, nan or blank (strtod takes each; values by hand).
 */
#include "vmux_test.h"
#include "lib/numtext.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void test_zero(void **state)
{
	char s[32];

	(void)state;
	snprintf(s, sizeof(s), "%.1f", numtext_zero(-0.04, 1));
	assert_string_equal(s, "0.0");
	snprintf(s, sizeof(s), "%.1f", numtext_zero(-0.0, 1));
	assert_string_equal(s, "0.0");
	snprintf(s, sizeof(s), "%.2f", numtext_zero(-0.004, 2));
	assert_string_equal(s, "0.00");
	snprintf(s, sizeof(s), "%.1f", numtext_zero(-0.06, 1));
	assert_string_equal(s, "-0.1");
	snprintf(s, sizeof(s), "%.2f", numtext_zero(-0.04, 2));
	assert_string_equal(s, "-0.04");
	assert_true(numtext_zero(3.5, 1) == 3.5);
	assert_true(isnan(numtext_zero(NAN, 1)));
}

static char *range(double lo, double hi, int prec, const char *unit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	numtext_range(fp, lo, hi, prec, unit);
	fclose(fp);
	return buf;
}

static void test_range(void **state)
{
	char *s;

	(void)state;
	s = range(-0.2, -0.1, 1, "%");
	assert_string_equal(s, "-0.2 % to -0.1 %");
	free(s);
	s = range(-0.01, -0.02, 1, "%");
	assert_string_equal(s, "0.0 % to 0.0 %");
	free(s);
	s = range(0, 1.234, 2, "");
	assert_string_equal(s, "0.00 to 1.23");
	free(s);
}

static void test_exact(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
	    {0.8, "0.8"},
	    {0.80000001, "0.80000001"},
	    {95, "95"},
	    {99.9999999, "99.9999999"},
	    {1.0000001, "1.0000001"},
	    {-0.0, "0"},
	    {1e-300, "1e-300"},
	    {0.1 + 0.2, "0.30000000000000004"},
	    {2.5, "2.5"},
	    {1.0 / 3, "0.3333333333333333"},
	};
	char s[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(numtext_exact(s, sizeof(s), cases[i].v),
				    cases[i].text);
		assert_true(strtod(s, NULL) == cases[i].v);
	}
}

static void test_parse(void **state)
{
	static const struct parse_case cases[] = {
	    {"3", 0, 3},
	    {"0.75", 0, 0.75},
	    {"-.5", 0, -0.5},
	    {"+2.", 0, 2},
	    {"2.5e1", 0, 25},
	    {"25E-1", 0, 2.5},
	    {"1e+2", 0, 100},
	    {"007", 0, 7},
	    {"0x1.8p-1", -EINVAL, 0},
	    {"0x10", -EINVAL, 0},
	    {"0X1P3", -EINVAL, 0},
	    {"inf", -EINVAL, 0},
	    {"-infinity", -EINVAL, 0},
	    {"nan", -EINVAL, 0},
	    {"NAN(1)", -EINVAL, 0},
	    {" 1", -EINVAL, 0},
	    {"1 ", -EINVAL, 0},
	    {"\t1", -EINVAL, 0},
	    {"1\n", -EINVAL, 0},
	    {"", -EINVAL, 0},
	    {".", -EINVAL, 0},
	    {"-", -EINVAL, 0},
	    {"e5", -EINVAL, 0},
	    {".e5", -EINVAL, 0},
	    {"1e", -EINVAL, 0},
	    {"1e+", -EINVAL, 0},
	    {"--1", -EINVAL, 0},
	    {"1.2.3", -EINVAL, 0},
	    {"1,5", -EINVAL, 0},
	    {"5m", -EINVAL, 0},
	};
	double x = 0;

	(void)state;
	assert_parses(numtext_parse, PARSE_CASES(cases));
	/* past a double's range: the value as strtod gives it */
	assert_int_equal(numtext_parse("1e999", &x), 0);
	assert_true(isinf(x) && x > 0);
	assert_int_equal(numtext_parse("-1e999", &x), 0);
	assert_true(isinf(x) && x < 0);
}

/* As a float: the fewest digits (6 to 9) that read back as the float. */
static void test_fewest_float(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
	    {(float)0.7, "0.7"},  /* not 0.699999988 */
	    {1048576, "1048576"}, /* not 1.04858e+06 */
	    {(float)1048576.5, "1048576.5"},
	    {(float)123456789, "1.2345679e+08"}, /* reads back as it */
	    {0.25, "0.25"},
	};
	char s[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(
		    numtext_fewest(s, sizeof(s), cases[i].v, true),
		    cases[i].text);
	/* as a double it is numtext_exact */
	assert_string_equal(numtext_fewest(s, sizeof(s), 1048581.25, false),
			    "1048581.25");
}

/* A length of time in the largest unit it reaches, by hand: 6 h, 30 min,
 * 40 s, an hour and a half 1.5 h, 59 s in s, 3599 s 59.98.. min. */
static void test_time_unit(void **state)
{
	double v;

	(void)state;
	assert_string_equal(numtext_time_unit(21600, &v), "h");
	assert_close(v, 6, 0);
	assert_string_equal(numtext_time_unit(5400, &v), "h");
	assert_close(v, 1.5, 0);
	assert_string_equal(numtext_time_unit(1800, &v), "min");
	assert_close(v, 30, 0);
	assert_string_equal(numtext_time_unit(3599, &v), "min");
	assert_close(v, 3599.0 / 60, 1e-15);
	assert_string_equal(numtext_time_unit(59, &v), "s");
	assert_close(v, 59, 0);
	assert_string_equal(numtext_time_unit(40, &v), "s");
	assert_close(v, 40, 0);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_zero), cmocka_unit_test(test_range),
	       cmocka_unit_test(test_exact), cmocka_unit_test(test_parse),
	       cmocka_unit_test(test_fewest_float),
	       cmocka_unit_test(test_time_unit))
