/*
 * size.c - percentile sizing by selection (Hoare's quickselect with a
 * median-of-three pivot, after bracketing the rank by a sample on long
 * series), O(n) expected, no full sort.
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

/* Bracketing a rank before selecting: see select_rank(). */
#define SAMPLE 256	 /* values sampled */
#define MARGIN 16	 /* sample ranks either side: >= 4 sd */
#define BRACKET_MIN 4096 /* below this, quickselect alone */

/*
 * Move the values of x[0..n) in [LO, HI] to the front, keeping the rest
 * behind them; return how many, and in *BELOW how many are < LO.
 * Branch-free: the swap is done for every value, m advances for those in.
 */
static size_t gather(double *x, size_t n, double lo, double hi, size_t *below)
{
	size_t m = 0, b = 0;

	for (size_t i = 0; i < n; i++) {
		double v = x[i];

		x[i] = x[m];
		x[m] = v;
		b += v < lo;
		m += v >= lo && v <= hi;
	}
	*below = b;
	return m;
}

/*
 * Reorder x[0..n) and return its (k+1)-th smallest value. For long series,
 * first bracket it between two values of an evenly spaced sample, found by
 * selection in the sample (Floyd and Rivest's idea): one branch-free pass
 * gathers the values between them, and the selection runs on those few.
 * If the rank falls outside the bracket (an unlucky sample), select over
 * everything: the answer is the same either way, only the time differs.
 */
static double select_rank(double *x, size_t n, size_t k)
{
	double s[SAMPLE], lo = -INFINITY, hi = INFINITY;
	size_t r, a, b, below, m;

	if (n < BRACKET_MIN)
		return select_kth(x, n, k);
	for (size_t j = 0; j < SAMPLE; j++)
		s[j] = x[j * (n / SAMPLE)];
	r = (size_t)((double)k / (double)n * SAMPLE);
	a = r >= MARGIN ? r - MARGIN : 0;
	b = r + MARGIN < SAMPLE ? r + MARGIN : SAMPLE - 1;
	/* select_kth leaves s[a] in place, the larger values after it. */
	if (a > 0)
		lo = select_kth(s, SAMPLE, a);
	if (b < SAMPLE - 1)
		hi = select_kth(s + a, SAMPLE - a, b - a);
	m = gather(x, n, lo, hi, &below);
	if (k >= below && k < below + m)
		return select_kth(x, m, k - below);
	return select_kth(x, n, k);
}

/* Intervals allowed above the capacity; the epsilon absorbs (100-P)/100*n
 * landing a hair below an integer in floating point (e.g. P = 95, n = 20). */
static size_t allowed_above(size_t n, double p)
{
	return (size_t)floor((100.0 - p) / 100.0 * (double)n + 1e-9);
}

size_t size_rank(size_t n, double p)
{
	size_t k = allowed_above(n, p);

	return k >= n ? 0 : n - 1 - k;
}

double size_percentile_inplace(double *x, size_t n, double p)
{
	return n ? select_rank(x, n, size_rank(n, p)) : 0;
}

double size_rank_inplace(double *x, size_t n, size_t k)
{
	return select_rank(x, n, k);
}

double size_percentile_zeros(double *x, size_t m, size_t n, double p)
{
	size_t rank, z = n - m;

	if (n == 0)
		return 0;
	rank = size_rank(n, p);
	/* Ascending, the N - M zeros come first (ties with zeros of X are
	 * the same value). */
	return rank < z ? 0 : select_rank(x, m, rank - z);
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
