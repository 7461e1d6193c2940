/*
 * test_csvlist.c - names given as one CSV record: split, unquoted and
 * trimmed as the canonical trace's vm field (the expected lists written
 * by hand from README's "The canonical trace"), faults named, repeats
 * found, and the record written back.
 */
#include "vmux_test.h"
#include "lib/csvlist.h"

#include <errno.h>

/* TEXT splits into the NULL-terminated WANT. */
static void splits(const char *text, const char *const *want)
{
	struct csvlist l;
	const char *why = NULL;
	size_t n = 0;

	assert_int_equal(csvlist_split(text, &l, &why), 0);
	assert_null(why);
	while (want[n])
		n++;
	assert_int_equal(l.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l.v[i], want[i]);
	csvlist_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

static void test_split(void **state)
{
	(void)state;
	splits("a", (const char *const[]){"a", NULL});
	splits("a,b c", (const char *const[]){"a", "b c", NULL});
	splits("\"web,eu\",b c", (const char *const[]){"web,eu", "b c", NULL});
	splits("\xc3\xa9, b c", (const char *const[]){"\xc3\xa9", "b c", NULL});
	splits(" a\t,\tb  ", (const char *const[]){"a", "b", NULL});
	splits("\" lead\" , \"trail \"",
	       (const char *const[]){" lead", "trail ", NULL});
	splits("\"say \"\"hi\"\"\",\"line\nbreak\"",
	       (const char *const[]){"say \"hi\"", "line\nbreak", NULL});
	splits("a,a", (const char *const[]){"a", "a", NULL}); /* repeats kept */
}

/* TEXT is refused with -EINVAL and WHY. */
static void refused(const char *text, const char *why)
{
	struct csvlist l;
	const char *got = NULL;

	assert_int_equal(csvlist_split(text, &l, &got), -EINVAL);
	assert_non_null(got);
	assert_string_equal(got, why);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

static void test_refused(void **state)
{
	(void)state;
	refused("", "no name");
	refused(",", "an empty name");
	refused("a,,b", "an empty name");
	refused("a, ", "an empty name");
	refused("a,\"\"", "an empty name");
	refused("\"web,eu", "a quoted name without its closing quote");
	refused("a\nb", "a line break outside quotes");
	refused("a,b\n", "a line break outside quotes");
	refused("\r\na", "a line break outside quotes");
}

/* The name an earlier one repeats, first in TEXT's order. */
static const char *repeat(const char *text, struct csvlist *l)
{
	const char *why;
	int err = 1;
	const char *r;

	assert_int_equal(csvlist_split(text, l, &why), 0);
	r = csvlist_repeated(l, &err);
	assert_int_equal(err, 0);
	return r;
}

static void test_repeated(void **state)
{
	struct csvlist l;

	(void)state;
	assert_null(repeat("a", &l));
	csvlist_free(&l);
	assert_null(repeat("a,b,\"a \",A", &l));
	csvlist_free(&l);
	assert_string_equal(repeat("a, a", &l), "a");
	csvlist_free(&l);
	/* c's second copy comes before b's: c is named. */
	assert_string_equal(repeat("b,c,\"c\",x,b", &l), "c");
	csvlist_free(&l);
}

static void test_join(void **state)
{
	struct csvlist l;
	const char *why;
	char *s;

	(void)state;
	assert_int_equal(
	    csvlist_split(" b c ,\"web,eu\", \" lead\",\"q\"\"\"", &l, &why),
	    0);
	s = csvlist_join(&l);
	assert_non_null(s);
	assert_string_equal(s, "b c,\"web,eu\",\" lead\",\"q\"\"\"");
	csvlist_free(&l);
	assert_int_equal(csvlist_split(s, &l, &why), 0); /* reads back */
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[3], "q\"");
	csvlist_free(&l);
	free(s);
}

/*
 * One record split in place at a separator, as the importers read a line:
 * fields trimmed, quotes RFC 4180 (strict: a quote left open, text after
 * a closing quote, a quote inside an unquoted field are faults, named with
 * the field's number from 1); empty fields are "".
 */
static void test_fields(void **state)
{
	char semi[] = " a ;\tb;;c\t";
	char quoted[] = "\"m,1\" ,\" a \"\"b\"\"\",\"\",7";
	char open[] = "1,\"m_1", after[] = "\"m_1\"x,2", inside[] = "1,a\"b";
	char cr[] = "1,a\rb", crq[] = "\"a\rb\"", empty[] = "";
	char *f[3];
	const char *why;
	size_t n, at;

	(void)state;
	assert_int_equal(csvlist_fields(semi, ';', f, 3, &n, &at, &why), 0);
	assert_int_equal(n, 4);
	assert_string_equal(f[0], "a");
	assert_string_equal(f[1], "b");
	assert_string_equal(f[2], "");
	assert_int_equal(csvlist_fields(quoted, ',', f, 3, &n, &at, &why), 0);
	assert_int_equal(n, 4);
	assert_string_equal(f[0], "m,1");
	assert_string_equal(f[1], " a \"b\"");
	assert_string_equal(f[2], "");
	assert_int_equal(csvlist_fields(crq, ',', f, 3, &n, &at, &why), 0);
	assert_string_equal(f[0], "a\rb");
	assert_int_equal(csvlist_fields(empty, ',', f, 3, &n, &at, &why), 0);
	assert_int_equal(n, 1);
	assert_string_equal(f[0], "");
	assert_int_equal(csvlist_fields(open, ',', f, 3, &n, &at, &why),
			 -EINVAL);
	assert_int_equal(at, 2);
	assert_string_equal(why, "a quote left open");
	assert_int_equal(csvlist_fields(after, ',', f, 3, &n, &at, &why),
			 -EINVAL);
	assert_int_equal(at, 1);
	assert_string_equal(why, "text after its closing quote");
	assert_int_equal(csvlist_fields(inside, ',', f, 3, &n, &at, &why),
			 -EINVAL);
	assert_int_equal(at, 2);
	assert_string_equal(why, "a quote inside an unquoted field");
	assert_int_equal(csvlist_fields(cr, ',', f, 3, &n, &at, &why), -EINVAL);
	assert_int_equal(at, 2);
	assert_string_equal(why, "a line break outside quotes");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_split), cmocka_unit_test(test_refused),
	       cmocka_unit_test(test_repeated), cmocka_unit_test(test_join),
	       cmocka_unit_test(test_fields))
