/*
 * test_sketch.c - low-rank sketches (sim/plan/sketch.h): the rank of the
 * basis, and the interval on a dot product against numpy (python3, numpy
 * 1.24: the same rows; the basis as an SVD of the same candidate vectors,
 * rank by singular values above 1e-6 of the largest; "mid" = Qx . Qy,
 * "half" = |x - QQ'x| |y - QQ'y|).
 */
#include "vmux_test.h"
#include "sim/plan/sketch.h"

#define N 2016 /* 7 days of 300 s */
#define DAYS 288.0

static double row_a(size_t t)
{
	return 2 + cos(2 * M_PI * (double)t / DAYS) +
	       0.3 * sin(2 * M_PI * 3 * (double)t / DAYS) +
	       0.2 * (double)((t * 37) % 11) / 11;
}

static double row_b(size_t t)
{
	return 1 + 0.5 * cos(2 * M_PI * ((double)t - 40) / DAYS) +
	       0.1 * (double)((t * 53) % 7) / 7;
}

/* Lives slots [300, 1500) only. */
static double row_c(size_t t)
{
	return 0.8 + 0.4 * sin(2 * M_PI * (double)t / DAYS) +
	       0.15 * (double)((t * 29) % 5) / 5;
}

/* Day harmonics 1..12 and window harmonics 1..8, duplicates dropped. */
static void test_rank(void **state)
{
	struct sketch *s;

	(void)state;
	assert_int_equal(sketch_create(N, 300, &s), 0);
	assert_int_equal(sketch_rank(s), 39); /* window m = 7 is the day */
	sketch_destroy(s);
	assert_int_equal(sketch_create(288, 300, &s), 0);
	assert_int_equal(sketch_rank(s), 25); /* one day: window = day */
	sketch_destroy(s);
	assert_int_equal(sketch_create(100, 0, &s), 0);
	assert_int_equal(sketch_rank(s), 17); /* no day */
	sketch_destroy(s);
	sketch_destroy(NULL);
}

/* The interval from sketches of X and Y is numpy's mid +/- half (plus a
 * rounding margin of 1e-6 relative) and holds the exact DOT. */
static void check(const struct sketch *s, const double *px, double nx2,
		  size_t mx, const double *py, double ny2, double dot,
		  double mid, double half)
{
	double lo, hi;

	sketch_dot_bounds(s, px, nx2, mx, py, ny2, 1, &lo, &hi);
	assert_true(lo <= dot && dot <= hi);
	assert_close((lo + hi) / 2, mid, 1e-9 * mid);
	assert_close((hi - lo) / 2, half, 1e-6 * sqrt(nx2 * ny2) + 1e-6 * half);
}

static void test_bounds(void **state)
{
	static double a[N], b[N], c[N], ab[N];
	double pa[64], pb[64], pc[64], pab[64], na, nb, nc, nab, d;
	struct sketch *s;

	(void)state;
	for (size_t t = 0; t < N; t++) {
		a[t] = row_a(t);
		b[t] = row_b(t);
		c[t] = t >= 300 && t < 1500 ? row_c(t) : 0;
	}
	assert_int_equal(sketch_create(N, 300, &s), 0);
	sketch_project(s, a, 0, N, pa, &na);
	sketch_project(s, b, 0, N, pb, &nb);
	sketch_project(s, c, 300, 1500, pc, &nc);
	check(s, pa, na, 1, pb, nb, 4719.8243243607576, 4719.8180905945228,
	      3.3121614463974471);
	check(s, pa, na, 1, pc, nc, 2227.6572933199541, 2227.746071289554,
	      15.333237389826536);
	/* a + b kept as a host does: sketches added, the squared norm from
	 * the exact dot product. */
	d = 0;
	for (size_t t = 0; t < N; t++)
		d += a[t] * b[t];
	for (size_t j = 0; j < sketch_rank(s); j++)
		pab[j] = pa[j] + pb[j];
	nab = na + 2 * d + nb;
	check(s, pab, nab, 2, pc, nc, 3431.2561890259212, 3431.3725339866219,
	      17.13450885232713);
	/* and as one row: the same */
	for (size_t t = 0; t < N; t++)
		ab[t] = a[t] + b[t];
	sketch_project(s, ab, 0, N, pab, &nab);
	check(s, pab, nab, 1, pc, nc, 3431.2561890259212, 3431.3725339866219,
	      17.13450885232713);
	sketch_destroy(s);
}

/* Rows the basis holds exactly: the interval is the dot product up to the
 * rounding margin (1 + cos, 2 - sin of a day: 1.5 n by hand, n = 288). */
static void test_exact_rows(void **state)
{
	double x[288], y[288], px[64], py[64], nx, ny, lo, hi;
	struct sketch *s;

	(void)state;
	for (size_t t = 0; t < 288; t++) {
		x[t] = 1 + cos(2 * M_PI * (double)t / 288);
		y[t] = 2 - sin(2 * M_PI * (double)t / 288);
	}
	assert_int_equal(sketch_create(288, 300, &s), 0);
	sketch_project(s, x, 0, 288, px, &nx);
	sketch_project(s, y, 0, 288, py, &ny);
	assert_close(nx, 1.5 * 288, 1e-9);
	sketch_dot_bounds(s, px, nx, 1, py, ny, 1, &lo, &hi);
	/* x.y = 2n + 0 - 0 - 0 = 576 */
	assert_true(lo <= 576 && 576 <= hi);
	assert_true(hi - lo < 1e-5 * 576);
	sketch_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rank),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_exact_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
