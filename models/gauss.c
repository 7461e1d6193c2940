/*
 * gauss.c - Gaussian effective sizes (see gauss.h). The covariance of a VM
 * with a host's summed demand is one dot product over the slots the VM
 * lives; the host keeps the variance of its sum, so checking a candidate
 * costs one pass over those slots whatever the host holds. The dot product
 * is ours, not BLAS's: its order of summation is fixed by slot index, so
 * skipping the slots where the VM is 0 changes nothing, and a plan does
 * not depend on the BLAS kernel the machine's CPU selects.
 */
#include "models/gauss.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

double gauss_z(double p)
{
	return gsl_cdf_ugaussian_Pinv(p / 100.0);
}

void gauss_moments(const double *x, size_t n, double *mean, double *var)
{
	double s = 0, ss = 0, m;

	for (size_t i = 0; i < n; i++)
		s += x[i];
	m = n ? s / (double)n : 0;
	/* Two passes: the one-pass formula cancels badly for steady series. */
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	*mean = m;
	*var = n ? ss / (double)n : 0;
}

/*
 * One step of gauss_add_repeated() that may take many additions at once:
 * while S stays in its binade [2^(e-1), 2^e) of spacing u, each addition
 * of C rounds to S + D with D = C rounded to a multiple of u (no tie), so
 * M additions give S + M D exactly. Returns the additions taken (0: take
 * one by hand: a tie, the step out of the binade, or S near underflow).
 */
static size_t add_run(double *s, double c, size_t k)
{
	double u, q, j;
	uint64_t room, inc, m;
	int e;

	if (*s < c || *s < 0x1p-1000)
		return 0;
	frexp(*s, &e);
	u = ldexp(1.0, e - 53);
	q = c / u; /* exact: u is a power of 2 */
	j = floor(q);
	if (q - j == 0.5)
		return 0;
	inc = (uint64_t)(q - j > 0.5 ? j + 1 : j);
	if (inc == 0)
		return k; /* C below half a spacing: S never moves again */
	room = (uint64_t)((ldexp(1.0, e) - *s) / u); /* exact (Sterbenz) */
	m = (room - 1) / inc; /* S + m D <= 2^e - u: inside the binade */
	if (m > k)
		m = k;
	*s += (double)(m * inc) * u;
	return (size_t)m;
}

double gauss_add_repeated(double s, double c, size_t k)
{
	while (k > 0 && c > 0) {
		size_t m = add_run(&s, c, k);

		if (m == 0) {
			s += c;
			m = 1;
		}
		k -= m;
	}
	return s;
}

void gauss_moments_span(const double *x, size_t lo, size_t hi, size_t n,
			double *mean, double *var)
{
	double s = 0, ss, m;

	for (size_t i = lo; i < hi; i++)
		s += x[i];
	m = n ? s / (double)n : 0;
	/* The slots before the span, the span, the slots after, in order:
	 * each slot outside adds (0 - m)^2 = m * m. */
	ss = gauss_add_repeated(0, m * m, lo);
	for (size_t i = lo; i < hi; i++)
		ss += (x[i] - m) * (x[i] - m);
	ss = gauss_add_repeated(ss, m * m, n - hi);
	*mean = m;
	*var = n ? ss / (double)n : 0;
}

typedef double v2d __attribute__((vector_size(16)));

static v2d load2(const double *p)
{
	v2d v;

	memcpy(&v, p, sizeof(v));
	return v;
}

double gauss_dot(const double *x, const double *y, size_t lo, size_t hi)
{
	double acc[GAUSS_LANES] = {0};
	v2d a0, a1, a2, a3;
	size_t i = lo;

	for (; i < hi && i % GAUSS_LANES; i++)
		acc[i % GAUSS_LANES] += x[i] * y[i];
	/* Lanes 2j and 2j + 1 in aj: the same sums, two at a time. */
	a0 = load2(acc);
	a1 = load2(acc + 2);
	a2 = load2(acc + 4);
	a3 = load2(acc + 6);
	for (; i + GAUSS_LANES <= hi; i += GAUSS_LANES) {
		a0 += load2(x + i) * load2(y + i);
		a1 += load2(x + i + 2) * load2(y + i + 2);
		a2 += load2(x + i + 4) * load2(y + i + 4);
		a3 += load2(x + i + 6) * load2(y + i + 6);
	}
	memcpy(acc, &a0, sizeof(a0));
	memcpy(acc + 2, &a1, sizeof(a1));
	memcpy(acc + 4, &a2, sizeof(a2));
	memcpy(acc + 6, &a3, sizeof(a3));
	for (; i < hi; i++)
		acc[i % GAUSS_LANES] += x[i] * y[i];
	return ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
	       ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

double gauss_cov_span(const double *x, const double *y, size_t lo, size_t hi,
		      size_t n, double mx, double my)
{
	if (n == 0)
		return 0;
	return gauss_dot(x, y, lo, hi) / (double)n - mx * my;
}

double gauss_cov(const double *x, const double *y, size_t n, double mx,
		 double my)
{
	return gauss_cov_span(x, y, 0, n, n, mx, my);
}

double gauss_size(double mean, double var, double z)
{
	return mean + z * sqrt(var > 0 ? var : 0);
}
