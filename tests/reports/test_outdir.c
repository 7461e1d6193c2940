/*
 * test_outdir.c - the report's folder appears whole or not at all, and
 * only replaces an empty folder or an earlier report.
 */
#include "report_fixture.h"
#include "reports/outdir.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

static char base[64], dir[128];

static bool exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

static void put(const char *d, const char *name)
{
	char p[256];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/%s", d, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs("x\n", fp);
	fclose(fp);
}

static bool has(const char *d, const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", d, name);
	return exists(p);
}

static int setup(void **state)
{
	(void)state;
	if (fx_mkdir(base, "outdir") < 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/report", base);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fx_rmdir(base);
}

static void test_new_and_replace(void **state)
{
	char *tmp;

	(void)state;
	assert_int_equal(outdir_begin(dir, &tmp), 0);
	assert_true(has(tmp, OUTDIR_MARKER));
	put(tmp, "index.html");
	assert_false(exists(dir));
	assert_int_equal(outdir_commit(dir, tmp), 0);
	assert_true(has(dir, "index.html"));
	/* A second report replaces the first whole. */
	assert_int_equal(outdir_begin(dir, &tmp), 0);
	put(tmp, "other.csv");
	assert_int_equal(outdir_commit(dir, tmp), 0);
	assert_true(has(dir, "other.csv"));
	assert_false(has(dir, "index.html"));
	/* An aborted one leaves the last one as it was, and no trace. */
	assert_int_equal(outdir_begin(dir, &tmp), 0);
	put(tmp, "half.png");
	outdir_abort(tmp);
	assert_true(has(dir, "other.csv"));
	assert_false(has(dir, "half.png"));
	outdir_abort(NULL);
}

static void test_refuse_foreign(void **state)
{
	char *tmp = NULL, file[160];
	int rc;

	(void)state;
	/* A folder of someone else's files is never replaced. */
	assert_int_equal(mkdir(dir, 0755), 0);
	put(dir, "thesis.tex");
	rc = fx_quiet(outdir_begin(dir, &tmp));
	assert_int_equal(rc, -EEXIST);
	assert_null(tmp);
	assert_msg("neither empty nor a vmux report");
	assert_true(has(dir, "thesis.tex"));
	/* Nor a file. */
	snprintf(file, sizeof(file), "%s/thesis.tex", dir);
	rc = fx_quiet(outdir_begin(file, &tmp));
	assert_int_equal(rc, -ENOTDIR);
	/* An empty folder is fine. */
	remove(file);
	assert_int_equal(outdir_begin(dir, &tmp), 0);
	assert_int_equal(outdir_commit(dir, tmp), 0);
	assert_true(has(dir, OUTDIR_MARKER));
}

VMUX_TEST_MAIN(cmocka_unit_test_setup_teardown(test_new_and_replace, setup,
					       teardown),
	       cmocka_unit_test_setup_teardown(test_refuse_foreign, setup,
					       teardown))
