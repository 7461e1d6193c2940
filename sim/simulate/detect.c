/*
 * detect.c - the overload detectors (see detect.h).
 */
#include "sim/simulate/detect.h"

#include <math.h>
#include <string.h>

#define MIN_IQR_MAD 12
#define LR_WINDOW 10

/* Insertion sort: the histories are at most DETECT_HISTORY long, where it
 * beats qsort's call overhead several times over. */
static void sort(double *x, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double v = x[i];
		size_t j = i;

		for (; j > 0 && x[j - 1] > v; j--)
			x[j] = x[j - 1];
		x[j] = v;
	}
}

double detect_iqr(double *x, size_t n)
{
	sort(x, n);
	/* Java's Math.round: floor(v + 0.5). */
	long q1 = (long)floor(0.25 * (double)(n + 1) + 0.5) - 1;
	long q3 = (long)floor(0.75 * (double)(n + 1) + 0.5) - 1;

	return x[q3] - x[q1];
}

static double median_sorted(const double *x, size_t n)
{
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

double detect_mad(double *x, size_t n)
{
	sort(x, n);
	double med = median_sorted(x, n);

	for (size_t i = 0; i < n; i++)
		x[i] = fabs(x[i] - med);
	sort(x, n);
	return median_sorted(x, n);
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
