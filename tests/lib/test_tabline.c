/*
 * test_tabline.c - tab-separated records (lib/tabline.h) on texts worked
 * by hand: fields split at tabs only, an empty field, the last line
 * without a newline, the end of the file, a NUL byte, too many fields,
 * and numbers taken whole (a blank or a sign where none belongs is not a
 * number: a shard's "shard\t 0" was read as 0 by strtoull).
 */
#include "vmux_test.h"
#include "lib/tabline.h"

#include <errno.h>
#include <string.h>

static FILE *text(const char *s, size_t n)
{
	FILE *fp = fmemopen((void *)s, n, "r");

	assert_non_null(fp);
	return fp;
}

static void test_split(void **state)
{
	static const char s[] = "a\tb c\t\nlast";
	struct tabline r = {
	    .fp = text(s, sizeof(s) - 1), .name = "f", .max = 3};

	(void)state;
	assert_int_equal(tabline_next(&r, "end", NULL), 0);
	assert_int_equal(r.line, 1);
	assert_int_equal(r.nf, 3);
	assert_string_equal(r.f[0], "a");
	assert_string_equal(r.f[1], "b c");
	assert_string_equal(r.f[2], "");
	assert_int_equal(tabline_next(&r, "end", NULL), 0);
	assert_int_equal(r.nf, 1);
	assert_string_equal(r.f[0], "last");
	assert_int_equal(tabline_next(&r, "end", NULL), -EBADMSG);
	assert_int_equal(r.line, 3);
	tabline_free(&r);
	fclose(r.fp);
}

static void test_bad_lines(void **state)
{
	static const char s[] = "a\tb\tc\nx\0y\n";
	struct tabline r = {
	    .fp = text(s, sizeof(s) - 1), .name = "f", .max = 2};

	(void)state;
	assert_int_equal(tabline_next(&r, "end", NULL), -EBADMSG);
	assert_int_equal(tabline_next(&r, "end", "what"), -EBADMSG);
	tabline_free(&r);
	fclose(r.fp);
}

static void test_numbers(void **state)
{
	static const char s[] =
	    "7\t 7\t+7\t-7\t7x\t\t0x1p-2\t 1\t-3\tinf\t18446744073709551616\n";
	struct tabline r = {
	    .fp = text(s, sizeof(s) - 1), .name = "f", .max = 11};
	uint64_t u;
	int64_t i;
	double d;

	(void)state;
	assert_int_equal(tabline_next(&r, "end", NULL), 0);
	assert_true(tabline_u64(&r, 0, 7, &u));
	assert_int_equal(u, 7);
	assert_false(tabline_u64(&r, 0, 6, &u)); /* above MAX */
	assert_false(tabline_u64(&r, 1, 9, &u)); /* a blank */
	assert_false(tabline_u64(&r, 2, 9, &u)); /* a sign */
	assert_false(tabline_u64(&r, 3, 9, &u));
	assert_false(tabline_u64(&r, 4, 9, &u));	   /* more after it */
	assert_false(tabline_u64(&r, 5, 9, &u));	   /* empty */
	assert_false(tabline_u64(&r, 10, UINT64_MAX, &u)); /* 2^64 */
	assert_true(tabline_i64(&r, 3, &i));
	assert_int_equal(i, -7);
	assert_false(tabline_i64(&r, 2, &i));
	assert_true(tabline_num(&r, 6, &d));
	assert_true(d == 0.25);
	assert_false(tabline_num(&r, 7, &d)); /* a blank */
	assert_false(tabline_num(&r, 5, &d));
	assert_true(tabline_num(&r, 8, &d));
	assert_true(d == -3);
	assert_true(tabline_num(&r, 9, &d)); /* the caller judges inf */
	tabline_free(&r);
	fclose(r.fp);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_split), cmocka_unit_test(test_bad_lines),
	       cmocka_unit_test(test_numbers))
