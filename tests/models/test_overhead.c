/*
 * test_overhead.c - reading virtualization overhead factors
 * (models/overhead.h): good files, every kind of bad data (exit 65 with the
 * line), a missing file (-errno), and the shipped literature defaults.
 * Run from the repository root (as tests/run.sh does).
 */
#include "vmux_test.h"
#include "models/overhead.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

/* Write TEXT to a fresh temporary file named in PATH. */
static void write_tmp(const char *text)
{
	strcpy(path, "/tmp/vmux-test-overhead-XXXXXX");
	test_temp_file(path, text, strlen(text));
}

static int load(const char *text, const char *style, double *f, unsigned *found)
{
	int rc;

	write_tmp(text);
	rc = overhead_load(path, style, f, found);
	unlink(path);
	return rc;
}

static void test_good(void **state)
{
	double f[RES_COUNT];
	unsigned found;

	(void)state;
	assert_int_equal(load("resource,factor,style,source\n"
			      "cpu,1.1,full,\"a, quoted source\"\n"
			      "\n"
			      "mem,1.5,full,x\n"
			      "cpu,1.02,hw,y\n",
			      "full", f, &found),
			 0);
	assert_close(f[RES_CPU], 1.1, 0);
	assert_close(f[RES_MEM], 1.5, 0);
	assert_close(f[RES_DISK], 1, 0); /* no row: factor 1 */
	assert_close(f[RES_NET], 1, 0);
	assert_int_equal(found, RES_MASK(RES_CPU) | RES_MASK(RES_MEM));
	assert_int_equal(
	    load("style,resource,factor\r\nhw,net,1.05\r\n", "hw", f, &found),
	    0);
	assert_close(f[RES_NET], 1.05, 0);
	assert_int_equal(found, RES_MASK(RES_NET));
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
	    "style,resource\nfull,cpu\n",		   /* no factor */
	    "style,resource,factor,style\nfull,cpu,1,x\n", /* twice */
	    "style,resource,factor\nfull,gpu,1.1\n",	   /* resource */
	    "style,resource,factor\nfull,cpu,0\n",	   /* not > 0 */
	    "style,resource,factor\nfull,cpu,1.1x\n",	   /* number */
	    "style,resource,factor\nfull,cpu,nan\n",
	    "style,resource,factor\nfull,cpu,1.1\nfull,cpu,1.2\n",
	    "style,resource,factor\nfull,cpu\n",       /* fields */
	    "style,resource,factor\n,cpu,1.1\n",       /* style */
	    "style,resource,factor\nfull,cpu,\"1.1\n", /* quote */
	    "style,resource,factor\nhw,cpu,1.1\n",     /* no full */
	    "",					       /* empty */
	    /* libcsv refuses the record in its middle (a quote inside an
	     * unquoted field): the fields read so far must be freed (the
	     * overhead fuzzer found the leak; ASan runs find it again). */
	    "style,resource,factor,source\nfull,cpu,1.1,x\"y\"\n",
	};
	double f[RES_COUNT];
	unsigned found;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (load(bad[i], "full", f, &found) != -EBADMSG)
			fail_msg("case %zu was accepted: %s", i, bad[i]);
}

/* Load N bytes of DATA (NULs allowed) for style "full" with stderr caught
 * in MSG[0..LEN); the result. */
static int load_bytes(const char *data, size_t n, char *msg, size_t len)
{
	double f[RES_COUNT];
	unsigned found;
	int efd, saved, rc;

	strcpy(path, "/tmp/vmux-test-overhead-XXXXXX");
	test_temp_file(path, data, n);
	saved = test_capture_stderr(&efd);
	rc = overhead_load(path, "full", f, &found);
	test_release_stderr(saved, efd, msg, len);
	unlink(path);
	return rc;
}

/* Issue 16, defects 3 and 8: a NUL byte, a hexadecimal or infinite
 * factor is refused as the trace reader refuses it; a row of the
 * wrong shape names (row) or (extra), never field ''. */
static void test_like_the_trace_reader(void **state)
{
	static const char nul[] = "style,resource,factor\nfull,cpu,1.1\0abc\n";
	static const struct {
		const char *text, *want;
	} cases[] = {
	    {"style,resource,factor\nfull,cpu,0x1p0\n", ":2: field 'factor'"},
	    {"style,resource,factor\nfull,cpu,infinity\n",
	     ":2: field 'factor'"},
	    {"style,resource,factor\nfull,cpu\n", ":2: field '(row)'"},
	    {"style,resource,factor\nfull,cpu,1,2\n", ":2: field '(extra)'"},
	    {"style,resource,factor\nfull,cpu,\"1.1\n", ":2: field '(row)'"},
	    {"", ":1: field '(row)'"},
	};
	char msg[512];

	(void)state;
	assert_int_equal(load_bytes(nul, sizeof(nul) - 1, msg, sizeof(msg)),
			 -EBADMSG);
	assert_non_null(strstr(msg, ":2: field '(row)': NUL byte"));
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc = load_bytes(cases[i].text, strlen(cases[i].text), msg,
				    sizeof(msg));

		if (rc != -EBADMSG || !strstr(msg, cases[i].want))
			fail_msg("case %zu: rc %d, message '%s', wanted '%s'",
				 i, rc, msg, cases[i].want);
	}
}

static void test_missing(void **state)
{
	double f[RES_COUNT];
	unsigned found;

	(void)state;
	assert_int_equal(
	    overhead_load("/nonexistent/overhead.csv", "hw", f, &found),
	    -ENOENT);
}

/* The shipped defaults: every style gives every resource, full > para >= hw
 * for memory (the ordering the literature claims), every factor >= 1. */
static void test_literature(void **state)
{
	static const char *const styles[] = {"full", "para", "hw"};
	double f[3][RES_COUNT];
	unsigned found;

	(void)state;
	for (int s = 0; s < 3; s++) {
		assert_int_equal(overhead_load("models/overhead-literature.csv",
					       styles[s], f[s], &found),
				 0);
		assert_int_equal(found, (1u << RES_COUNT) - 1);
		for (int r = 0; r < RES_COUNT; r++)
			assert_true(f[s][r] >= 1 && f[s][r] < 2);
	}
	assert_close(f[0][RES_MEM], 1.5, 0); /* midpoint of 25-75 % */
	assert_true(f[0][RES_MEM] > f[1][RES_MEM]);
	assert_true(f[1][RES_MEM] >= f[2][RES_MEM]);
}

/* The built-in copy (path NULL) gives the shipped file's factors, style
 * by style, whatever the current directory. */
static void test_builtin(void **state)
{
	static const char *const styles[] = {"full", "para", "hw"};
	double a[RES_COUNT], b[RES_COUNT];
	unsigned fa, fb;

	(void)state;
	for (int s = 0; s < 3; s++) {
		assert_int_equal(overhead_load(NULL, styles[s], a, &fa), 0);
		assert_int_equal(overhead_load("models/overhead-literature.csv",
					       styles[s], b, &fb),
				 0);
		assert_int_equal(fa, fb);
		for (int r = 0; r < RES_COUNT; r++)
			assert_close(a[r], b[r], 0);
	}
	assert_int_equal(overhead_load(NULL, "warp", a, &fa), -EBADMSG);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_good), cmocka_unit_test(test_bad),
	       cmocka_unit_test(test_builtin),
	       cmocka_unit_test(test_like_the_trace_reader),
	       cmocka_unit_test(test_missing),
	       cmocka_unit_test(test_literature))
