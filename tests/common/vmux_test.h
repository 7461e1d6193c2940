/*
 * vmux_test.h - what every cmocka test includes: cmocka itself and
 * assert_close(), since cmocka 1.1.5 has no assert_double_equal, and a
 * table-driven check of the parsers of text into numbers.
 */
#ifndef VMUX_TEST_H
#define VMUX_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

#define PARSE_CASES(c) (c), sizeof(c) / sizeof((c)[0])

#endif
