/*
 * test_textwidth.c - textwidth: ASCII, accented letters (one column each,
 * two bytes), combining marks (none), CJK and emoji (two), bytes that are
 * not UTF-8 (one each), control bytes (written \xNN: four); textwidth_pad
 * pads to columns, not bytes; textwidth_put writes a name escaped.
 */
#include "vmux_test.h"
#include "lib/textwidth.h"

#include <stdlib.h>
#include <string.h>

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(textwidth(""), 0);
	assert_int_equal(textwidth("abc"), 3);
	assert_int_equal(textwidth("caf\xc3\xa9"), 4);	/* café */
	assert_int_equal(textwidth("cafe\xcc\x81"), 4); /* e + U+0301 */
	assert_int_equal(textwidth("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本 */
	assert_int_equal(textwidth("\xf0\x9f\x98\x80"), 2); /* U+1F600 */
	assert_int_equal(textwidth("\xe2\x82\xac"), 1);	    /* € */
	/* not UTF-8: a lone continuation byte, a cut sequence, an overlong
	   '/', a surrogate: one column per byte */
	assert_int_equal(textwidth("a\x80z"), 3);
	assert_int_equal(textwidth("\xc3"), 1);
	assert_int_equal(textwidth("\xc0\xaf"), 2);
	assert_int_equal(textwidth("\xed\xa0\x80"), 3);
}

/* S padded to W columns, then '|', is WANT. */
static void padded(const char *s, size_t w, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	textwidth_pad(fp, s, w);
	fputc('|', fp);
	fclose(fp);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_pad(void **state)
{
	(void)state;
	padded("caf\xc3\xa9", 6, "caf\xc3\xa9  |"); /* 2 spaces, not 1 */
	padded("abc", 6, "abc   |");
	padded("abcdefgh", 6, "abcdefgh|"); /* longer: never cut */
	padded("\xe6\x97\xa5", 3, "\xe6\x97\xa5 |");
}

/* A control byte (a tab, a line break, ESC, DEL) is written as \xNN, four
 * columns: a name holding one keeps its row one line, its columns in
 * place. */
static void test_control(void **state)
{
	(void)state;
	assert_int_equal(textwidth("a\tb"), 6);
	assert_int_equal(textwidth("\n\x1b\x7f"), 12);
	padded("a\tb", 8, "a\\x09b  |");
	padded("c\nd\x1b[1m", 12, "c\\x0ad\\x1b[1m|");
}

/* textwidth_put/putn: the one writer of names in human text; N bytes
 * (a NUL inside is a control byte too). */
static void test_put(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	textwidth_put(fp, "a\nb\tc\xc3\xa9");
	fputc('|', fp);
	textwidth_putn(fp, "x\0y\x7fz", 4);
	fclose(fp);
	assert_string_equal(buf, "a\\x0ab\\x09c\xc3\xa9|x\\x00y\\x7f");
	free(buf);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_width), cmocka_unit_test(test_pad),
	       cmocka_unit_test(test_control), cmocka_unit_test(test_put))
