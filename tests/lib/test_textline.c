/*
 * test_textline.c - line ends and why a getline() loop stopped
 * (lib/textline.h): ends worked out by hand for "\n", "\r\n" and a lone
 * "\r"; a byte order mark only when it is whole; textline_stop() at a real end
 * of file, on a read error (a directory opened as a file) and when getline()
 * runs out of memory (a child under RLIMIT_AS reading /dev/zero, which has no
 * line end).
 */
#include "vmux_test.h"
#include "lib/textline.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_end(void **state)
{
	const char *s = "ab\r\ncd\ref\n";

	(void)state;
	assert_ptr_equal(textline_end(s, 10), s + 3);
	assert_ptr_equal(textline_end(s + 4, 6), s + 6);
	assert_ptr_equal(textline_end(s + 7, 3), s + 9);
	assert_null(textline_end("abc", 3));
	/* a block ending in '\r': the '\r' ends the line, and a block
	 * opening with the '\n' of that "\r\n" has it as a tail */
	assert_ptr_equal(textline_end(s, 3), s + 2);
	assert_true(textline_crlf_tail(true, s + 3, 7));
	assert_false(textline_crlf_tail(false, s + 3, 7));
	assert_false(textline_crlf_tail(true, s + 4, 6));
}

/* A UTF-8 byte order mark is EF BB BF: only all three, only first. */
static void test_bom(void **state)
{
	(void)state;
	assert_int_equal(textline_bom("\xef\xbb\xbftime,vm", 10), 3);
	assert_int_equal(textline_bom("\xef\xbb\xbf", 3), 3);
	assert_int_equal(textline_bom("\xef\xbb", 2), 0); /* cut short */
	assert_int_equal(textline_bom("\xef\xbb\xbe", 3), 0);
	assert_int_equal(textline_bom("time,\xef\xbb\xbf", 8), 0);
	assert_int_equal(textline_bom("", 0), 0);
}

/* Drain FP with getline(); return textline_stop()'s verdict. */
static int drain(FILE *fp)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc;

	while (getline(&buf, &cap, fp) >= 0)
		;
	rc = textline_stop(fp);
	free(buf);
	return rc;
}

static void test_stop_eof_and_error(void **state)
{
	char text[] = "one\ntwo\n";
	FILE *fp = fmemopen(text, strlen(text), "r");

	(void)state;
	assert_non_null(fp);
	assert_int_equal(drain(fp), 0);
	fclose(fp);
	fp = fopen("/", "r"); /* read(2) on a directory: EISDIR */
	assert_non_null(fp);
	assert_int_equal(drain(fp), -EIO);
	fclose(fp);
}

static void test_stop_enomem(void **state)
{
	int status;
	pid_t pid;

	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	/* ASan's shadow memory does not fit under an address-space limit */
	skip();
#endif
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit lim = {256 << 20, 256 << 20};
		FILE *fp = fopen("/dev/zero", "r");

		if (!fp || setrlimit(RLIMIT_AS, &lim))
			_exit(2);
		_exit(drain(fp) == -ENOMEM ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_end), cmocka_unit_test(test_bom),
	       cmocka_unit_test(test_stop_eof_and_error),
	       cmocka_unit_test(test_stop_enomem))
