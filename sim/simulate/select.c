/*
 * select.c - VM selection policies (see select.h).
 *
 * The R^2 of MC comes from a Householder QR factorisation of the design
 * [1 | X]: the residual sum of squares is the squared norm of Q'y's tail.
 */
#include "sim/simulate/select.h"
#include "sim/simulate/detect.h"

#include <math.h>
#include <stdbool.h>

size_t select_mmt(const double *ram, size_t n)
{
	size_t best = 0;

	for (size_t i = 1; i < n; i++)
		if (ram[i] < ram[best])
			best = i;
	return best;
}

size_t select_mu(const double *u, size_t n)
{
	size_t best = 0;

	for (size_t i = 1; i < n; i++)
		if (u[i] < u[best])
			best = i;
	return best;
}

/* Householder step on column C (rows C..M) of A (M x P, column-major),
 * applied to the later columns and to Y; false if the column is zero. */
static bool reflect(double *a, size_t m, size_t p, size_t c, double *y)
{
	double *v = a + c * m, norm2 = 0;

	for (size_t r = c; r < m; r++)
		norm2 += v[r] * v[r];
	double alpha = v[c] > 0 ? -sqrt(norm2) : sqrt(norm2);

	if (alpha == 0)
		return false;
	v[c] -= alpha; /* v is now the reflector; its norm^2 = -2 alpha v[c] */
	double scale = alpha * v[c];

	for (size_t j = c + 1; j <= p; j++) {
		double *w = j < p ? a + j * m : y, dot = 0;

		for (size_t r = c; r < m; r++)
			dot += v[r] * w[r];
		dot /= scale;
		for (size_t r = c; r < m; r++)
			w[r] += dot * v[r];
	}
	return true;
}

double select_r2(const double *y, const double *const *x, size_t k, size_t m)
{
	size_t p = k + 1;
	double a[(SELECT_MAX_VMS + 1) * DETECT_HISTORY], w[DETECT_HISTORY];
	double mean = 0, sst = 0, rss = 0;

	if (m < p || m > DETECT_HISTORY || k > SELECT_MAX_VMS)
		return NAN;
	for (size_t r = 0; r < m; r++) {
		a[r] = 1;
		for (size_t j = 0; j < k; j++)
			a[(j + 1) * m + r] = x[j][r];
		w[r] = y[r];
		mean += y[r];
	}
	mean /= (double)m;
	for (size_t r = 0; r < m; r++)
		sst += (y[r] - mean) * (y[r] - mean);
	for (size_t c = 0; c < p; c++)
		if (!reflect(a, m, p, c, w))
			return NAN;
	for (size_t r = p; r < m; r++)
		rss += w[r] * w[r];
	/* A constant Y has no variance to explain: never the maximum. */
	return sst > 0 ? 1 - rss / sst : -1;
}

long select_mc(const double *const *hist, size_t n, size_t m)
{
	const double *x[SELECT_MAX_VMS];
	double best = 0;
	long pick = 0;

	if (n < 2 || n > SELECT_MAX_VMS || m < n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		for (size_t j = 0; j < n; j++)
			if (j != i)
				x[k++] = hist[j];
		double r2 = select_r2(hist[i], x, k, m);

		if (isnan(r2))
			return -1;
		if (r2 > best)
			best = r2, pick = (long)i;
	}
	return pick;
}
