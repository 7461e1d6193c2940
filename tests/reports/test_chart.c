/*
 * test_chart.c - finding gnuplot (and saying how to install it), quoting
 * strings for its scripts, running it on a chart and reporting its errors.
 * The runs are skipped where gnuplot is not installed.
 */
#include "report_fixture.h"
#include "reports/chart.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

static void test_find(void **state)
{
	char *gp = NULL, *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	int rc;

	(void)state;
	setenv("GNUPLOT", "/nonexistent/gnuplot", 1);
	rc = fx_quiet(chart_find_gnuplot(&gp));
	assert_int_equal(rc, -ENODEV);
	assert_null(gp);
	assert_msg("apt-get install gnuplot-nox");
	assert_msg("--no-charts");
	unsetenv("GNUPLOT");
	setenv("PATH", "/nonexistent", 1);
	rc = fx_quiet(chart_find_gnuplot(&gp));
	assert_int_equal(rc, -ENODEV);
	assert_msg("not on $PATH");
	if (path)
		setenv("PATH", path, 1);
	free(path);
}

static void test_quote(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	chart_str(fp, "it's 5%\nok");
	fputc(' ', fp);
	chart_tic(fp, "it's 5%");
	fclose(fp);
	assert_string_equal(buf, "'it''s 5% ok' 'it''s 5%%'");
	free(buf);
}

static char dir[64];

static int setup(void **state)
{
	(void)state;
	return fx_mkdir(dir, "chart");
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmdir(dir);
}

static void test_run(void **state)
{
	char *gp, png[128], sig[8];
	struct chart *c;
	FILE *fp;
	int rc;

	(void)state;
	rc = fx_quiet(chart_find_gnuplot(&gp));
	if (rc == -ENODEV)
		skip();
	assert_int_equal(chart_begin(gp, dir, "ok", 320, 200, &c), 0);
	fputs("plot x*x title 'it''s fine'\n", chart_fp(c));
	assert_int_equal(chart_finish(c), 0);
	snprintf(png, sizeof(png), "%s/ok.png", dir);
	fp = fopen(png, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(sig, 1, 8, fp), 8);
	fclose(fp);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
	/* A script gnuplot rejects: its message, and -EPROTO. */
	assert_int_equal(chart_begin(gp, dir, "bad", 320, 200, &c), 0);
	fputs("plot 'no-such-file.dat' using 1:2\n", chart_fp(c));
	rc = fx_quiet(chart_finish(c));
	assert_int_equal(rc, -EPROTO);
	assert_msg("gnuplot failed on");
	assert_msg("bad.gp");
	free(gp);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_find), cmocka_unit_test(test_quote),
	       cmocka_unit_test_setup_teardown(test_run, setup, teardown))
