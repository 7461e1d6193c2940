/*
 * test_table.c - report tables as CSV (quoting, full precision, empty for
 * undefined) and as HTML (escaping, rounding, percentages, row limit).
 */
#include "vmux_test.h"
#include "reports/html.h"
#include "reports/table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct table_col cols[] = {
    {"name", NULL, TABLE_TEXT},
    {"rate", "rate (%)", TABLE_PCT},
    {"n", NULL, TABLE_INT},
};

static struct table *make(void)
{
	struct table *t;

	assert_int_equal(table_create("t", cols, 3, &t), 0);
	assert_int_equal(table_text(t, "a,\"b\" <c>"), 0);
	assert_int_equal(table_num(t, 0.0123456789012), 0);
	assert_int_equal(table_num(t, 3), 0);
	assert_int_equal(table_end_row(t), 0);
	assert_int_equal(table_text(t, " x"), 0);
	assert_int_equal(table_num(t, NAN), 0);
	assert_int_equal(table_num(t, 4), 0);
	assert_int_equal(table_end_row(t), 0);
	return t;
}

static void test_csv(void **state)
{
	char dir[] = "/tmp/vmux_test_table_XXXXXX", path[64], buf[256];
	struct table *t = make();
	FILE *fp;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(table_nrows(t), 2);
	assert_int_equal(table_write_csv(t, dir), 0);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = 0;
	fclose(fp);
	assert_string_equal(buf, "name,rate,n\n"
				 "\"a,\"\"b\"\" <c>\",0.0123456789,3\n"
				 "\" x\",,4\n");
	unlink(path);
	rmdir(dir);
	/* A short row is a bug the table catches. */
	assert_int_equal(table_text(t, "y"), 0);
	assert_int_equal(table_end_row(t), -EINVAL);
	table_destroy(t);
	table_destroy(NULL);
}

static void test_html(void **state)
{
	struct table *t = make();
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	table_write_html(t, fp, 1);
	fclose(fp);
	assert_holds_all(buf, "<th>rate (%)</th>",
			 "<td>a,&quot;b&quot; &lt;c&gt;</td>", "1.23&nbsp;%",
			 "First 1 of 2 rows shown",
			 "<a href=\"t.csv\">t.csv</a>", NULL);
	assert_null(strstr(buf, " x"));
	free(buf);
	fp = open_memstream(&buf, &len);
	table_write_html(t, fp, 0);
	fclose(fp);
	assert_non_null(strstr(buf, "<td class=\"n\">&ndash;</td>"));
	assert_null(strstr(buf, "First"));
	free(buf);
	table_destroy(t);
}

static void test_escape(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	html_p(fp, "concl", "host %s: %d %%", "<a href='x'>&", 5);
	fclose(fp);
	assert_string_equal(buf, "<p class=\"concl\">host &lt;a "
				 "href=&#39;x&#39;&gt;&amp;: 5 %</p>\n");
	free(buf);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_csv), cmocka_unit_test(test_html),
	       cmocka_unit_test(test_escape))
