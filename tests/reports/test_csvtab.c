/*
 * test_csvtab.c - the report's CSV reader: fields, quoting, lines, numbers,
 * and each bad-data error with its FILE:LINE and field.
 */
#include "report_fixture.h"
#include "reports/csvtab.h"

#include <errno.h>
#include <math.h>

/* csvtab_read() of LEN bytes of TEXT with REQUIRED, stderr captured in
   fx_msg. */
static int read_bytes(const char *text, size_t len, const char *const *required,
		      struct csvtab **t)
{
	*t = NULL;
	fx_input(text, len);
	return fx_remove(fx_quiet(csvtab_read(fx_path, required, t)));
}

static int read_text(const char *text, const char *const *required,
		     struct csvtab **t)
{
	return read_bytes(text, strlen(text), required, t);
}

static void test_fields_and_lines(void **state)
{
	static const char *const req[] = {"b", "a", NULL};
	struct csvtab *t;

	(void)state;
	/* Quoted comma, doubled quote, a quoted line break (the next row
	 * begins two lines later), a blank line, CRLF, no final newline. */
	assert_int_equal(read_text("a,b,c\r\n"
				   "1,\"x,y\",\"say \"\"hi\"\"\"\r\n"
				   "2,\"two\nlines\",z\r\n"
				   "\r\n"
				   " 3 ,w,",
				   req, &t),
			 0);
	assert_int_equal(csvtab_ncols(t), 3);
	assert_int_equal(csvtab_nrows(t), 3);
	assert_int_equal(csvtab_col(t, "c"), 2);
	assert_int_equal(csvtab_col(t, "nope"), -1);
	assert_string_equal(csvtab_str(t, 0, 1), "x,y");
	assert_string_equal(csvtab_str(t, 0, 2), "say \"hi\"");
	assert_string_equal(csvtab_str(t, 1, 1), "two\nlines");
	assert_string_equal(csvtab_str(t, 2, 0), "3");
	assert_string_equal(csvtab_str(t, 2, 2), "");
	assert_string_equal(csvtab_str(t, 2, -1), "");
	assert_int_equal(csvtab_line(t, 0), 2);
	assert_int_equal(csvtab_line(t, 1), 3);
	assert_int_equal(csvtab_line(t, 2), 6);
	assert_string_equal(csvtab_colname(t, 1), "b");
	csvtab_destroy(t);
}

/* Every CSV the report reads (evaluate, frontier, bench, validate,
   simulate outputs) comes through csvtab: a NUL byte is refused (libcsv
   alone would read "a\0b" as "a"), and a lone CR ends a line in the
   messages' line numbers, as in the plan reader. */
static void test_nul_and_cr(void **state)
{
	static const char nul[] = "host,x\n1,2\na\0b,3\n";
	struct csvtab *t;

	(void)state;
	assert_int_equal(read_bytes(nul, sizeof(nul) - 1, NULL, &t), -EBADMSG);
	assert_null(t);
	assert_msg(":3: field '(row)': NUL byte");
	assert_int_equal(read_text("host,x\r1,2\r3,4\r\n5,6\r", NULL, &t), 0);
	assert_int_equal(csvtab_nrows(t), 3);
	assert_int_equal(csvtab_line(t, 0), 2);
	assert_int_equal(csvtab_line(t, 1), 3);
	assert_int_equal(csvtab_line(t, 2), 4);
	assert_string_equal(csvtab_str(t, 2, 1), "6");
	csvtab_destroy(t);
	assert_int_equal(read_text("host,x\r1,2\r\r3\r", NULL, &t), -EBADMSG);
	assert_msg(":4: field 'x': missing field");
}

/* Numbers are decimal (lib/numtext), as every other vmux input: strtod
   took hex ("0x1p-2" read 0.25), and "nan" was refused for a number
   though vmux frontier wrote it for an undefined rate before it wrote an
   empty field; it reads as that empty field. */
static void test_numbers(void **state)
{
	struct csvtab *t;
	/* Each bad field with its message: row, column, upper bound. */
	static const struct {
		size_t row;
		int col;
		double hi;
		const char *msg;
	} bad[] = {
	    {0, 1, 1, ":2: field 'y': empty: a number is required"},
	    {1, 1, 1, ":3: field 'y': 'abc' is not a decimal number"},
	    {1, 0, 1, ":3: field 'x': 7 is outside [0, 1]"},
	    {2, 0, 1e9, ":4: field 'x': '1e400' is not a finite number"},
	    {3, 1, 1, ":5: field 'y': 'nan' (undefined): a number is required"},
	    {4, 0, 1, ":6: field 'x': '0x1p-2' is not a decimal number"},
	    {4, 1, 1, ":6: field 'y': 'inf' is not a decimal number"},
	    {5, 0, 1, ":7: field 'x': '-nan' is not a decimal number"},
	    {5, 1, 1, ":7: field 'y': 'NAN' is not a decimal number"},
	};
	double v;
	size_t n;

	(void)state;
	assert_int_equal(read_text("x,y\n0.25,\n7,abc\n1e400,-1\n2.5,nan\n"
				   "0x1p-2,inf\n-nan,NAN\n.5e-1,1E0\n",
				   NULL, &t),
			 0);
	assert_int_equal(csvtab_num(t, 0, 0, 0, 1, false, &v), 0);
	assert_close(v, 0.25, 0);
	assert_int_equal(csvtab_num(t, 0, 1, 0, 1, true, &v), 0);
	assert_true(isnan(v));
	assert_int_equal(csvtab_num(t, 3, 1, 0, 1, true, &v), 0);
	assert_true(isnan(v));
	assert_int_equal(csvtab_num(t, 6, 0, 0, 1, false, &v), 0);
	assert_close(v, 0.05, 0);
	assert_int_equal(csvtab_num(t, 6, 1, 0, 1, false, &v), 0);
	assert_close(v, 1, 0);
	assert_int_equal(csvtab_count(t, 1, 0, 10, &n), 0);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(fx_quiet(csvtab_num(t, bad[i].row, bad[i].col,
						     0, bad[i].hi, false, &v)),
				 -EBADMSG);
		assert_msg(bad[i].msg);
	}
	assert_int_equal(fx_quiet(csvtab_count(t, 3, 0, 10, &n)), -EBADMSG);
	assert_msg(":5: field 'x': 2.5 is not a whole number");
	assert_int_equal(fx_quiet(csvtab_count(t, 4, 0, 10, &n)), -EBADMSG);
	assert_msg(":6: field 'x': '0x1p-2' is not a decimal number");
	csvtab_destroy(t);
}

static void test_bad_data(void **state)
{
	static const char *const req[] = {"host", NULL};
	static const struct {
		const char *text, *msg;
	} cases[] = {
	    {"", ":1: field '(header)': empty file"},
	    {"host,x\n", ":2: field 'host': no rows after the header"},
	    {"x,y\n1,2\n", ":1: field 'host': missing column 'host'"},
	    {"host,x,host\n1,2,3\n", ":1: field 'host': column 'host' "
				     "appears twice"},
	    {"host,,x\n1,2,3\n", ":1: field '(header)': column 2 has an "
				 "empty name"},
	    {"host,x\n1,2\n3\n", ":3: field 'x': missing field (the row has "
				 "1 field, the header 2)"},
	    {"host,x\n1,2\n3,4,5\n", ":3: field '(extra)': more fields"},
	    {"host,x\n1,2\n3,a\"b\n", ":3: field 'x': stray quote"},
	    {"host,x\n1,2\n\n3,\"open\n4,5\n", ":4: field 'x': unterminated "
					       "quoted field"},
	};
	struct csvtab *t;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(read_text(cases[i].text, req, &t), -EBADMSG);
		assert_null(t);
		assert_msg(fx_path);
		assert_msg(cases[i].msg);
	}
}

static void test_check_total(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
	    {"host\na\nb\ntotal\n", NULL},
	    {"host\ntotal\n", ":2: field 'host': no rows before the total"},
	    {"host\na\nb\n", ":3: field 'host': the last row must be the "
			     "'total' row (found 'b')"},
	    {"host\na\ntotal\nb\ntotal\n", ":3: field 'host': the 'total' row "
					   "must be the last"},
	    {"host\na\n\"\"\ntotal\n", ":3: field 'host': empty host name"},
	    {"host\na\nb\na\ntotal\n", ":4: field 'host': 'a' appears twice "
				       "(first on line 2)"},
	};
	struct csvtab *t;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc;

		assert_int_equal(read_text(cases[i].text, NULL, &t), 0);
		rc = fx_quiet(csvtab_check_total(t, "host"));
		csvtab_destroy(t);
		if (!cases[i].msg) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -EBADMSG);
		assert_msg(cases[i].msg);
	}
}

static void test_missing_file(void **state)
{
	struct csvtab *t = NULL;
	int rc;

	(void)state;
	rc = fx_quiet(csvtab_read("/nonexistent/vmux/x.csv", NULL, &t));
	assert_int_equal(rc, -ENOENT);
	assert_null(t);
	assert_msg("cannot open '/nonexistent/vmux/x.csv'");
	csvtab_destroy(NULL);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_fields_and_lines),
	       cmocka_unit_test(test_nul_and_cr),
	       cmocka_unit_test(test_numbers), cmocka_unit_test(test_bad_data),
	       cmocka_unit_test(test_check_total),
	       cmocka_unit_test(test_missing_file))
