/*
 * test_planfile.c - plan files: reading (hosts in order of first
 * appearance, quoting, extra columns), every bad-data error with its file,
 * line and field, and the writer round trip.
 */
#include "vmux_test.h"
#include "sim/plan/planfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64], msg[512];

/* Write TEXT[0..N) to a fresh temporary file named in PATH. */
static void put_file(const char *text, size_t n)
{
	strcpy(path, "/tmp/vmux_test_plan_XXXXXX");
	test_temp_file(path, text, n);
}

/* planfile_read() of TEXT, with what it printed on stderr in MSG. */
static int read_bytes(const char *text, size_t len, struct planfile **pf)
{
	int errfd, saved, rc;

	put_file(text, len);
	saved = test_capture_stderr(&errfd);
	*pf = NULL;
	rc = planfile_read(path, pf);
	test_release_stderr(saved, errfd, msg, sizeof(msg));
	unlink(path);
	return rc;
}

static int read_text(const char *text, struct planfile **pf)
{
	return read_bytes(text, strlen(text), pf);
}

static void test_read_hosts_in_order(void **state)
{
	struct planfile *pf;
	const size_t *rows;
	size_t n;

	(void)state;
	/* host before vm, an ignored column, a quoted name with a comma and
	 * one with a space, CRLF line ends, no final line end. */
	assert_int_equal(read_text("size_cpu,host,vm\r\n"
				   "0.5,7,a\r\n"
				   "0.25,x y,\"b,c\"\r\n"
				   "1,7,\"d e\"\r\n"
				   "2,3,f",
				   &pf),
			 0);
	assert_int_equal(planfile_nvms(pf), 4);
	assert_int_equal(planfile_nhosts(pf), 3);
	assert_string_equal(planfile_host(pf, 0), "7");
	assert_string_equal(planfile_host(pf, 1), "x y");
	assert_string_equal(planfile_host(pf, 2), "3");
	assert_string_equal(planfile_vm(pf, 1), "b,c");
	assert_string_equal(planfile_vm(pf, 2), "d e");
	assert_int_equal(planfile_vm_host(pf, 2), 0);
	assert_int_equal(planfile_vm_line(pf, 0), 2);
	assert_int_equal(planfile_vm_line(pf, 3), 5);
	rows = planfile_host_rows(pf, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0], 0);
	assert_int_equal(rows[1], 2);
	rows = planfile_host_rows(pf, 2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0], 3);
	planfile_destroy(pf);
	planfile_destroy(NULL);
}

static void test_read_many(void **state)
{
	struct planfile *pf;
	size_t len = 0, n;
	char *text = malloc(20 * 3000 + 16);

	(void)state;
	len += (size_t)sprintf(text, "vm,host\n");
	for (int i = 0; i < 3000; i++)
		len += (size_t)sprintf(text + len, "vm%d,%d\n", i, i % 7);
	assert_int_equal(read_text(text, &pf), 0);
	assert_int_equal(planfile_nvms(pf), 3000);
	assert_int_equal(planfile_nhosts(pf), 7);
	/* 3000 = 7 * 428 + 4: hosts 0..3 hold 429 rows, 4..6 hold 428. */
	planfile_host_rows(pf, 3, &n);
	assert_int_equal(n, 429);
	planfile_host_rows(pf, 4, &n);
	assert_int_equal(n, 428);
	assert_int_equal(planfile_vm_line(pf, 2999), 3001);
	planfile_destroy(pf);
	free(text);
}

/* TEXT must fail with -EBADMSG and print "PATH:WHERE" (WHERE = "LINE:
 * field 'NAME'") followed by REASON somewhere in the message. */
static void expect_bad(const char *text, const char *where, const char *reason)
{
	struct planfile *pf;
	char want[160];

	assert_int_equal(read_text(text, &pf), -EBADMSG);
	assert_null(pf);
	snprintf(want, sizeof(want), "%s:%s", path, where);
	if (strncmp(msg, want, strlen(want)) || !strstr(msg, reason))
		fail_msg("for %s: got \"%s\", wanted \"%s ...%s\"", text, msg,
			 want, reason);
}

static void test_bad_files(void **state)
{
	(void)state;
	expect_bad("", "1: field 'vm'", "empty file");
	expect_bad("vm,hots\na,0\n", "1: field 'host'",
		   "missing column 'host'");
	expect_bad("name,host\na,0\n", "1: field 'vm'", "missing column 'vm'");
	expect_bad("vm,host,vm\na,0,b\n", "1: field 'vm'", "appears twice");
	/* An empty column name, refused as the trace reader refuses it
	 * (it was taken as an extra column). */
	expect_bad("vm,host,\na,0,\n", "1: field '(empty)'",
		   "empty column name (column 3 of the header)");
	expect_bad("vm,,host\na,1,0\n", "1: field '(empty)'",
		   "empty column name (column 2");
	expect_bad("\"\",vm,host\n1,a,0\n", "1: field '(empty)'",
		   "empty column name (column 1");
	expect_bad("vm,host\n", "2: field 'vm'", "no rows");
	expect_bad("vm,host\na,0\nb,1\n\na,2\n", "5: field 'vm'",
		   "VM 'a' is placed twice (first on line 2)");
	expect_bad("vm,host\na,0\n,1\n", "3: field 'vm'", "empty VM name");
	expect_bad("vm,host\na,0\nb,\"\"\n", "3: field 'host'",
		   "empty host name");
	expect_bad("vm,host\na,0\nb,1,9\n", "3: field '(extra)'",
		   "more fields than the 2 header columns");
	expect_bad("host,vm,size\n0,a,1\n1,b\n", "3: field 'size'",
		   "missing field (the row has 2 fields, the header 3)");
	/* The quote opens on line 3; the rest of the file is swallowed. */
	expect_bad("vm,host\na,0\n\"b,1\nc,2\n", "3: field 'vm'",
		   "unterminated quoted field");
	expect_bad("vm,host\na,0\nb\"c,1\n", "3: field 'vm'", "stray quote");
	/* A row beginning after a quoted line break is named by its first
	 * line. */
	expect_bad("vm,host\n\"a\nb\",0\n\"a\nb\",1\n", "4: field 'vm'",
		   "placed twice (first on line 2)");
}

/* Issue 16, defects 3 and 7: a NUL byte is refused (it used to cut the
 * name short: a\0b was read as a); old Mac line ends (CR only) count as
 * lines, also a CRLF, in messages. */
static void test_nul_and_cr(void **state)
{
	static const char nul[] = "vm,host\na,0\na\0b,1\n";
	struct planfile *pf;

	(void)state;
	assert_int_equal(read_bytes(nul, sizeof(nul) - 1, &pf), -EBADMSG);
	assert_null(pf);
	assert_non_null(strstr(msg, ":3: field '(row)': NUL byte"));
	expect_bad("vm,host\ra,0\rb,1\ra,2\r", "4: field 'vm'",
		   "placed twice (first on line 2)");
	expect_bad("vm,host\r\na,0\r\n\rb,1\na,2\r", "5: field 'vm'",
		   "placed twice (first on line 2)");
}

static void test_missing_file(void **state)
{
	struct planfile *pf = NULL;

	(void)state;
	assert_int_equal(planfile_read("/nonexistent/plan.csv", &pf), -ENOENT);
	assert_null(pf);
}

static void test_write_round_trip(void **state)
{
	static const char *const vm[] = {"plain", "a,b", "q\"uote", " lead",
					 "two\nlines"};
	static const size_t host[] = {0, 1, 0, 2, 1};
	static const char *const names[] = {"size_cpu", "size_mem"};
	static const double extra[] = {0.5, 100,  1.25, 2, 0.125,
				       3,   1e-3, 4,	7, 5};
	struct planfile_table t = {5, vm, host, 2, names, extra};
	struct planfile *pf;
	char out[] = "/tmp/vmux_test_planw_XXXXXX", buf[256];
	FILE *fp;
	int fd = mkstemp(out);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(planfile_write(out, &t), 0);
	fp = fopen(out, "r");
	assert_non_null(fgets(buf, sizeof(buf), fp));
	assert_string_equal(buf, "vm,host,size_cpu,size_mem\n");
	assert_non_null(fgets(buf, sizeof(buf), fp));
	assert_string_equal(buf, "plain,0,0.5,100\n");
	fclose(fp);
	assert_int_equal(planfile_read(out, &pf), 0);
	assert_int_equal(planfile_nvms(pf), 5);
	assert_int_equal(planfile_nhosts(pf), 3);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(planfile_vm(pf, i), vm[i]);
		assert_int_equal(planfile_vm_host(pf, i), host[i]);
	}
	planfile_destroy(pf);
	unlink(out);
}

static void test_write_rejects(void **state)
{
	static const char *const dup[] = {"a", "b", "a"};
	static const char *const empty[] = {"a", ""};
	static const char *const bad_col[] = {"host"};
	static const size_t host[] = {0, 0, 1};
	static const double x[] = {1, 2};
	struct planfile_table t = {3, dup, host, 0, NULL, NULL};
	char out[] = "/tmp/vmux_test_planx_XXXXXX";
	int fd = mkstemp(out);

	(void)state;
	close(fd);
	unlink(out);
	assert_int_equal(planfile_write(out, &t), -EINVAL);
	t = (struct planfile_table){2, empty, host, 0, NULL, NULL};
	assert_int_equal(planfile_write(out, &t), -EINVAL);
	t = (struct planfile_table){2, dup, host, 1, bad_col, x};
	assert_int_equal(planfile_write(out, &t), -EINVAL);
	/* Nothing written on failure. */
	assert_int_equal(access(out, F_OK), -1);
	assert_int_equal(planfile_write("/nonexistent/dir/plan.csv", &t),
			 -EINVAL);
	t.nextra = 0;
	assert_int_equal(planfile_write("/nonexistent/dir/plan.csv", &t),
			 -ENOENT);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_read_hosts_in_order),
	       cmocka_unit_test(test_read_many),
	       cmocka_unit_test(test_bad_files),
	       cmocka_unit_test(test_nul_and_cr),
	       cmocka_unit_test(test_missing_file),
	       cmocka_unit_test(test_write_round_trip),
	       cmocka_unit_test(test_write_rejects))
