/*
 * gauss.c - Gaussian effective sizes (see gauss.h). The covariance of a VM
 * with a host's summed demand is one BLAS dot product over the slots; the
 * host keeps the variance of its sum, so checking a candidate costs one
 * pass over the slots whatever the host holds.
 */
#include "models/gauss.h"

#include <cblas.h>
#include <gsl/gsl_cdf.h>
#include <limits.h>
#include <math.h>

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

double gauss_cov(const double *x, const double *y, size_t n, double mx,
		 double my)
{
	double dot = 0;

	if (n == 0)
		return 0;
	/* BLAS takes int lengths: feed longer series in chunks. */
	for (size_t i = 0; i < n; i += INT_MAX) {
		size_t len = n - i < INT_MAX ? n - i : INT_MAX;

		dot += cblas_ddot((int)len, x + i, 1, y + i, 1);
	}
	return dot / (double)n - mx * my;
}

double gauss_size(double mean, double var, double z)
{
	return mean + z * sqrt(var > 0 ? var : 0);
}
