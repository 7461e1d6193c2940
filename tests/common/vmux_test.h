/*
 * vmux_test.h - what every cmocka test includes: cmocka itself and
 * assert_close(), since cmocka 1.1.5 has no assert_double_equal, and a
 * table-driven check of the parsers of text into numbers, a check that a
 * text holds a list of strings, temporary input files, what a call
 * prints on stderr, and the test program's main().
 */
#ifndef VMUX_TEST_H
#define VMUX_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* Fail unless |a - b| <= tol (absolute), printing both values. */
#define assert_close(a, b, tol)                                                \
	do {                                                                   \
		double a_ = (a), b_ = (b), t_ = (tol);                         \
		if (!(fabs(a_ - b_) <= t_))                                    \
			fail_msg("%s = %.12g, expected %.12g (+/- %g)", #a,    \
				 a_, b_, t_);                                  \
	} while (0)

/* A parser case: TEXT gives RC, and when RC is 0 the value WANT exactly. */
struct parse_case {
	const char *text;
	int rc;
	double want;
};

/* Check PARSE over the N CASES. */
static inline void assert_parses(int (*parse)(const char *, double *),
				 const struct parse_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct parse_case *c = &cases[i];
		double x = 0;
		int rc = parse(c->text, &x);

		if (rc != c->rc)
			fail_msg("'%s': returned %d, expected %d", c->text, rc,
				 c->rc);
		if (c->rc == 0 && x != c->want)
			fail_msg("'%s' = %.12g, expected %.12g", c->text, x,
				 c->want);
	}
}

/*
 * Write LEN bytes of TEXT to a new temporary file made from PATH, a
 * mkstemp() template ending in XXXXXX that becomes the file's path.
 */
static inline void test_temp_file(char *path, const char *text, size_t len)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/*
 * Redirect stderr to a new (already unlinked) temporary file *ERRFD;
 * returns the saved descriptor for test_release_stderr().
 */
static inline int test_capture_stderr(int *errfd)
{
	char errpath[] = "/tmp/vmux_test_err_XXXXXX";
	int saved = dup(2);

	*errfd = mkstemp(errpath);
	assert_true(*errfd >= 0 && saved >= 0);
	unlink(errpath);
	fflush(stderr);
	dup2(*errfd, 2);
	return saved;
}

/* Restore stderr; what was printed goes to BUF (SIZE bytes, with NUL). */
static inline void test_release_stderr(int saved, int errfd, char *buf,
				       size_t size)
{
	ssize_t n;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(errfd, buf, size - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(errfd);
}

#define PARSE_CASES(c) (c), sizeof(c) / sizeof((c)[0])

/* Fail unless TEXT holds each of the strings that follow, up to a NULL. */
static inline void assert_holds_all(const char *text, ...)
{
	const char *want;
	va_list ap;

	va_start(ap, text);
	while ((want = va_arg(ap, const char *)))
		if (!strstr(text, want))
			fail_msg("'%s' not found in:\n%s", want, text);
	va_end(ap);
}

/*
 * The test program's main(): the listed tests (cmocka_unit_test(f), ...)
 * as one group without setup or teardown. A program with a group setup
 * writes its own main().
 */
#define VMUX_TEST_MAIN(...)                                                    \
	int main(void)                                                         \
	{                                                                      \
		const struct CMUnitTest tests[] = {__VA_ARGS__};               \
		return cmocka_run_group_tests(tests, NULL, NULL);              \
	}

#endif
