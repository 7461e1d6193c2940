/*
 * size.c - percentile sizing by selection (Hoare's quickselect with a
 * median-of-three pivot), O(n) expected, no full sort.
 *
 * With n intervals and level P, k = floor((100 - P) / 100 * n) intervals may
 * exceed the capacity, so the capacity is the (n - k)-th smallest value
 * (1-based): exactly k values lie strictly above it only when it is not
 * tied, and ties only make fewer values exceed it, which the definition
 * allows. Any smaller c would leave at least k + 1 values above it.
 */
#include "models/size.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/* Median of x[lo], x[mid], x[hi], moved to x[lo]. */
static void pivot_to_front(double *x, size_t lo, size_t hi)
{
	size_t mid = lo + (hi - lo) / 2;

	if (x[mid] < x[lo])
		swap(&x[mid], &x[lo]);
	if (x[hi] < x[lo])
		swap(&x[hi], &x[lo]);
	if (x[hi] < x[mid])
		swap(&x[hi], &x[mid]);
	swap(&x[lo], &x[mid]);
}

/* Reorder x[0..n) so that x[k] is the (k+1)-th smallest; return it. */
static double select_kth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (hi > lo) {
		size_t i = lo, j = hi + 1;
		double p;

		pivot_to_front(x, lo, hi);
		p = x[lo];
		for (;;) {
			while (x[++i] < p && i < hi)
				;
			while (p < x[--j])
				;
			if (i >= j)
				break;
			swap(&x[i], &x[j]);
		}
		swap(&x[lo], &x[j]);
		if (j == k)
			return x[k];
		if (j < k)
			lo = j + 1;
		else
			hi = j - 1;
	}
	return x[k];
}

/* Intervals allowed above the capacity; the epsilon absorbs (100-P)/100*n
 * landing a hair below an integer in floating point (e.g. P = 95, n = 20). */
static size_t allowed_above(size_t n, double p)
{
	return (size_t)floor((100.0 - p) / 100.0 * (double)n + 1e-9);
}

double size_percentile_inplace(double *x, size_t n, double p)
{
	size_t k;

	if (n == 0)
		return 0;
	k = allowed_above(n, p);
	if (k >= n)
		k = n - 1;
	return select_kth(x, n, n - 1 - k);
}

int size_percentile(const double *x, size_t n, double p, double *out)
{
	double *tmp;

	if (!(p > 0 && p <= 100))
		return -EINVAL;
	if (n == 0) {
		*out = 0;
		return 0;
	}
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return -ENOMEM;
	memcpy(tmp, x, n * sizeof(*tmp));
	*out = size_percentile_inplace(tmp, n, p);
	free(tmp);
	return 0;
}

void size_mean_peak(const double *x, size_t n, double *mean, double *peak)
{
	double sum = 0, top = 0;

	for (size_t i = 0; i < n; i++) {
		sum += x[i];
		if (x[i] > top)
			top = x[i];
	}
	*mean = n ? sum / (double)n : 0;
	*peak = top;
}
