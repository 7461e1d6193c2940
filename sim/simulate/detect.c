/*
 * detect.c - the overload detectors (see detect.h).
 */
#include "sim/simulate/detect.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MIN_IQR_MAD 12
#define LR_WINDOW 10

/* A history padded to an even length with +inf (which ranks last). */
#define PADDED (DETECT_HISTORY + 1)

#ifdef __SSE2__
/* How many of X[0..M) (M even, 16-byte aligned) are < V and <= V. */
static void counts(const double *x, size_t m, double v, size_t *lt, size_t *le)
{
	__m128d b = _mm_set1_pd(v);
	__m128i l = _mm_setzero_si128(), e = _mm_setzero_si128();
	long long cl[2], ce[2];

	/* a true comparison is all ones: -1 as an integer */
	for (size_t j = 0; j < m; j += 2) {
		__m128d a = _mm_load_pd(x + j);

		l = _mm_sub_epi64(l, _mm_castpd_si128(_mm_cmplt_pd(a, b)));
		e = _mm_sub_epi64(e, _mm_castpd_si128(_mm_cmple_pd(a, b)));
	}
	_mm_storeu_si128((__m128i *)cl, l);
	_mm_storeu_si128((__m128i *)ce, e);
	*lt = (size_t)(cl[0] + cl[1]);
	*le = (size_t)(ce[0] + ce[1]);
}
#else
static void counts(const double *x, size_t m, double v, size_t *lt, size_t *le)
{
	*lt = *le = 0;
	for (size_t j = 0; j < m; j++) {
		*lt += x[j] < v;
		*le += x[j] <= v;
	}
}
#endif

/*
 * Sort X[0..N) (N <= DETECT_HISTORY) by rank: each value is written to
 * the ranks from the count of smaller values to the count of values no
 * larger (ties share theirs). Counting is branch-free; on so few values it
 * beats a comparison sort's (or a selection's) mispredicted branches.
 */
static void sort_small(double *x, size_t n)
{
	_Alignas(16) double in[PADDED];
	size_t m = (n + 1) & ~(size_t)1, lt, le;

	memcpy(in, x, n * sizeof(*x));
	in[m - 1] = n < m ? INFINITY : in[m - 1];
	for (size_t i = 0; i < n; i++) {
		counts(in, m, in[i], &lt, &le);
		for (le = le > n ? n : le; lt < le; lt++)
			x[lt] = in[i];
	}
}

static double median_sorted(const double *x, size_t n)
{
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

double detect_iqr(double *x, size_t n)
{
	/* Java's Math.round: floor(v + 0.5). */
	size_t q1 = (size_t)floor(0.25 * (double)(n + 1) + 0.5) - 1;
	size_t q3 = (size_t)floor(0.75 * (double)(n + 1) + 0.5) - 1;

	sort_small(x, n);
	return x[q3 < n ? q3 : n - 1] - x[q1];
}

/*
 * The deviations |x - med| of sorted X are two sorted runs outwards from
 * the middle (med - x below it, x - med above: the same values, as
 * rounding is symmetric): merged, their middle is the MAD.
 */
double detect_mad(double *x, size_t n)
{
	long i = (long)(n / 2) - 1, j = (long)(n / 2);
	double med, d = 0, prev = 0;

	sort_small(x, n);
	med = median_sorted(x, n);
	for (size_t c = 0; c <= n / 2; c++) {
		double lo = i >= 0 ? med - x[i] : INFINITY;
		double hi = (size_t)j < n ? x[j] - med : INFINITY;
		bool left = lo < hi;

		prev = d;
		d = left ? lo : hi;
		i -= left;
		j += !left;
	}
	return n % 2 ? d : (prev + d) / 2;
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

/*
 * IQR and MAD lie between 0 and the range of the history (every rank and
 * every deviation from the median does), so with S >= 0 the threshold
 * 1 - S * stat lies in [1 - S * range, 1], rounding being monotone: a
 * request above 1 is overloaded and one at most 1 - S * range is not,
 * without sorting. 1 / 0 when so settled, -1 when the statistic decides.
 */
static int settled(double s, double u_req, const double *h, size_t n)
{
	double lo = h[0], hi = h[0];

	if (!(s >= 0))
		return -1;
	if (u_req > 1)
		return 1;
	for (size_t i = 1; i < n; i++) {
		lo = h[i] < lo ? h[i] : lo;
		hi = h[i] > hi ? h[i] : hi;
	}
	return u_req <= 1 - s * (hi - lo) ? 0 : -1;
}

bool detect_overloaded(const struct detector *d, double u_req, const double *h,
		       size_t n, double intervals)
{
	double x[DETECT_HISTORY];
	int known;

	if (n > DETECT_HISTORY)
		n = DETECT_HISTORY;
	switch (d->kind) {
	case DETECT_THR:
		return u_req > d->param;
	case DETECT_IQR:
	case DETECT_MAD:
		if (n < MIN_IQR_MAD)
			return u_req > DETECT_FALLBACK;
		if ((known = settled(d->param, u_req, h, n)) >= 0)
			return known;
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
