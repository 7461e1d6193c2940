/*
 * detect.c - the overload detectors (see detect.h).
 */
#include "sim/simulate/detect.h"

#include <math.h>
#include <string.h>

#define MIN_IQR_MAD 12
#define LR_WINDOW 10

/*
 * Reorder X[0..N) so that X[K] is the (K+1)-th smallest, the values before
 * it no larger and those after it no smaller; return it. Quickselect with
 * a median-of-three pivot: the histories are at most DETECT_HISTORY long,
 * and the detectors need two order statistics, not a sorted copy (a rank's
 * value is the same whichever way it is found).
 */
static double kth(double *x, size_t n, size_t k)
{
	long lo = 0, hi = (long)n - 1, kk = (long)k;

	while (lo < hi) {
		double a = x[lo], b = x[lo + (hi - lo) / 2], c = x[hi];
		double p = a < b ? (b < c   ? b
				    : a < c ? c
					    : a)
				 : (a < c   ? a
				    : b < c ? c
					    : b);
		long i = lo, j = hi;

		do {
			while (x[i] < p)
				i++;
			while (p < x[j])
				j--;
			if (i <= j) {
				double t = x[i];

				x[i++] = x[j];
				x[j--] = t;
			}
		} while (i <= j);
		if (j < kk)
			lo = i;
		if (kk < i)
			hi = j;
	}
	return x[k];
}

/* The largest of X[0..N), N >= 1. */
static double top(const double *x, size_t n)
{
	double m = x[0];

	for (size_t i = 1; i < n; i++)
		if (x[i] > m)
			m = x[i];
	return m;
}

double detect_iqr(double *x, size_t n)
{
	/* Java's Math.round: floor(v + 0.5). */
	size_t q1 = (size_t)floor(0.25 * (double)(n + 1) + 0.5) - 1;
	size_t q3 = (size_t)floor(0.75 * (double)(n + 1) + 0.5) - 1;
	double hi;

	if (q3 >= n)
		q3 = n - 1;
	hi = kth(x, n, q3);
	/* x[0..q3) now holds the q3 smallest values, Q1's rank among them */
	return hi - (q1 < q3 ? kth(x, q3, q1) : hi);
}

/* Median of X[0..N) (N >= 1), reordering X. */
static double median(double *x, size_t n)
{
	double m = kth(x, n, n / 2);

	return n % 2 ? m : (top(x, n / 2) + m) / 2;
}

double detect_mad(double *x, size_t n)
{
	double med = median(x, n);

	for (size_t i = 0; i < n; i++)
		x[i] = fabs(x[i] - med);
	return median(x, n);
}

double detect_ols_at(const double *y, size_t n, double x)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;

	for (size_t i = 0; i < n; i++) {
		double xi = (double)(i + 1);

		sx += xi;
		sy += y[i];
		sxx += xi * xi;
		sxy += xi * y[i];
	}
	double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
	double icept = (sy - slope * sx) / n;

	return icept + slope * x;
}

static bool lr(const struct detector *d, double u_req, const double *h,
	       size_t n, double intervals)
{
	double y[LR_WINDOW];

	if (n < LR_WINDOW)
		return u_req > DETECT_FALLBACK;
	for (size_t i = 0; i < LR_WINDOW; i++)
		y[i] = h[LR_WINDOW - 1 - i];
	return d->param * detect_ols_at(y, LR_WINDOW, LR_WINDOW + intervals) >=
	       1;
}

bool detect_overloaded(const struct detector *d, double u_req, const double *h,
		       size_t n, double intervals)
{
	double x[DETECT_HISTORY];

	if (n > DETECT_HISTORY)
		n = DETECT_HISTORY;
	switch (d->kind) {
	case DETECT_THR:
		return u_req > d->param;
	case DETECT_IQR:
	case DETECT_MAD:
		if (n < MIN_IQR_MAD)
			return u_req > DETECT_FALLBACK;
		memcpy(x, h, n * sizeof(*x));
		return u_req > 1 - d->param * (d->kind == DETECT_IQR
						   ? detect_iqr(x, n)
						   : detect_mad(x, n));
	case DETECT_LR:
	case DETECT_LRR:
		return lr(d, u_req, h, n, intervals);
	}
	return false;
}
