/*
 * vmux_test.h - what every cmocka test includes: cmocka itself and
 * assert_close(), since cmocka 1.1.5 has no assert_double_equal.
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
#define assert_close(a, b, tol)                                               \
	do {                                                                  \
		double a_ = (a), b_ = (b), t_ = (tol);                        \
		if (!(fabs(a_ - b_) <= t_))                                   \
			fail_msg("%s = %.12g, expected %.12g (+/- %g)", #a,   \
				 a_, b_, t_);                                 \
	} while (0)

#endif
