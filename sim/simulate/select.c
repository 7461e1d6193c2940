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
#include <string.h>

/* Index of the least of X[0..N), ties to the first. */
static size_t argmin(const double *x, size_t n)
{
	size_t best = 0;

	for (size_t i = 1; i < n; i++)
		if (x[i] < x[best])
			best = i;
	return best;
}

size_t select_mmt(const double *ram, size_t n)
{
	return argmin(ram, n);
}

size_t select_mu(const double *u, size_t n)
{
	return argmin(u, n);
}

/* Householder step on column C (rows C..M) of A (M x P, column-major),
 * applied to the later columns; R's diagonal element into *DIAG. */
static void reflect(double *a, size_t m, size_t p, size_t c, double *diag)
{
	double *v = a + c * m, norm2 = 0;

	for (size_t r = c; r < m; r++)
		norm2 += v[r] * v[r];
	double alpha = v[c] > 0 ? -sqrt(norm2) : sqrt(norm2);

	*diag = alpha;
	if (alpha == 0)
		return;
	v[c] -= alpha; /* v is now the reflector; its norm^2 = -2 alpha v[c] */
	for (size_t j = c + 1; j < p; j++) {
		double *w = a + j * m, dot = 0;

		for (size_t r = c; r < m; r++)
			dot -= w[r] * v[r];
		dot /= alpha * v[c];
		for (size_t r = c; r < m; r++)
			w[r] -= dot * v[r];
	}
}

/* Least-squares coefficients B[0..P) of Y on the factored design A. */
static void solve(const double *a, const double *diag, size_t m, size_t p,
		  const double *y, double *b)
{
	double w[DETECT_HISTORY];

	memcpy(w, y, m * sizeof(*w));
	for (size_t c = 0; c < p; c++) {
		const double *v = a + c * m;
		double dot = 0;

		for (size_t r = c; r < m; r++)
			dot += w[r] * v[r];
		dot /= diag[c] * v[c];
		for (size_t r = c; r < m; r++)
			w[r] += dot * v[r];
	}
	for (size_t c = p; c-- > 0;) {
		w[c] /= diag[c];
		b[c] = w[c];
		for (size_t r = 0; r < c; r++)
			w[r] -= w[c] * a[c * m + r];
	}
}

/* Sum of squared deviations from the mean, updated one value at a time
 * (the running form keeps near-constant series accurate). */
static double second_moment(const double *y, size_t m)
{
	double mean = 0, m2 = 0;

	for (size_t i = 0; i < m; i++) {
		double dev = y[i] - mean, ndev = dev / (double)(i + 1);

		mean += ndev;
		m2 += (double)i * dev * ndev;
	}
	return m2;
}

double select_r2(const double *y, const double *const *x, size_t k, size_t m)
{
	size_t p = k + 1;
	double a[(SELECT_MAX_VMS + 1) * DETECT_HISTORY];
	double q[(SELECT_MAX_VMS + 1) * DETECT_HISTORY];
	double diag[SELECT_MAX_VMS + 1], b[SELECT_MAX_VMS + 1], rss = 0;

	if (m < p || m > DETECT_HISTORY || k > SELECT_MAX_VMS)
		return NAN;
	for (size_t r = 0; r < m; r++) {
		a[r] = 1;
		for (size_t j = 0; j < k; j++)
			a[(j + 1) * m + r] = x[j][r];
	}
	memcpy(q, a, p * m * sizeof(*a));
	for (size_t c = 0; c < p; c++)
		reflect(q, m, p, c, &diag[c]);
	for (size_t c = 0; c < p; c++)
		if (diag[c] == 0)
			return NAN; /* singular design */
	solve(q, diag, m, p, y, b);
	for (size_t r = 0; r < m; r++) {
		double fit = 0;

		for (size_t j = 0; j < p; j++)
			fit += a[j * m + r] * b[j];
		rss += (y[r] - fit) * (y[r] - fit);
	}
	double sst = second_moment(y, m);

	/* A constant Y has no variance to explain: never the maximum. */
	return sst > 0 ? 1 - rss / sst : -1;
}

/*
 * R^2 of every column on the others at once (the variance inflation
 * identity R^2_i = 1 - 1 / (G_ii (G^-1)_ii), G the centred Gram matrix),
 * into R2. False when G is too near singular to trust (the caller then
 * fits each column exactly).
 */
static bool r2_all(const double *const *hist, size_t n, size_t m, double *r2)
{
	double g[SELECT_MAX_VMS][SELECT_MAX_VMS], mean[SELECT_MAX_VMS];
	double inv[SELECT_MAX_VMS];

	for (size_t i = 0; i < n; i++) {
		double sq = 0, dev = 0;

		mean[i] = 0;
		for (size_t r = 0; r < m; r++) {
			mean[i] += hist[i][r];
			sq += hist[i][r] * hist[i][r];
		}
		mean[i] /= (double)m;
		for (size_t r = 0; r < m; r++)
			dev += (hist[i][r] - mean[i]) * (hist[i][r] - mean[i]);
		/* A (nearly) constant history is collinear with the
		 * intercept: only the exact fits say what the reference's
		 * regression makes of that. */
		if (!(dev > 1e-12 * sq))
			return false;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j <= i; j++) {
			double sum = 0;

			for (size_t r = 0; r < m; r++)
				sum += (hist[i][r] - mean[i]) *
				       (hist[j][r] - mean[j]);
			g[i][j] = g[j][i] = sum;
		}
	/* Cholesky G = L L' in the lower triangle of a copy. */
	double l[SELECT_MAX_VMS][SELECT_MAX_VMS];

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j <= i; j++) {
			double sum = g[i][j];

			for (size_t k = 0; k < j; k++)
				sum -= l[i][k] * l[j][k];
			if (i == j) {
				if (!(sum > 1e-6 * g[i][i]) || g[i][i] <= 0)
					return false;
				l[i][i] = sqrt(sum);
			} else {
				l[i][j] = sum / l[j][j];
			}
		}
	/* (G^-1)_ii = || L^-1 e_i ||^2 */
	for (size_t i = 0; i < n; i++) {
		double x[SELECT_MAX_VMS], norm = 0;

		for (size_t r = 0; r < n; r++) {
			double sum = r == i ? 1 : 0;

			for (size_t k = 0; k < r; k++)
				sum -= l[r][k] * x[k];
			x[r] = sum / l[r][r];
			norm += x[r] * x[r];
		}
		inv[i] = norm;
	}
	for (size_t i = 0; i < n; i++)
		r2[i] = 1 - 1 / (g[i][i] * inv[i]);
	return true;
}

/* The exact fit of column I on the others (select_r2). */
static double r2_one(const double *const *hist, size_t n, size_t m, size_t i)
{
	const double *x[SELECT_MAX_VMS];
	size_t k = 0;

	for (size_t j = 0; j < n; j++)
		if (j != i)
			x[k++] = hist[j];
	return select_r2(hist[i], x, k, m);
}

/*
 * The exact path: every column fitted by QR, as the reference does; -1 if
 * any design is singular.
 */
static long mc_exact(const double *const *hist, size_t n, size_t m)
{
	double best = 0;
	long pick = 0;

	for (size_t i = 0; i < n; i++) {
		double r2 = r2_one(hist, n, m, i);

		if (isnan(r2))
			return -1;
		if (r2 > best)
			best = r2, pick = (long)i;
	}
	return pick;
}

long select_mc(const double *const *hist, size_t n, size_t m)
{
	double r2[SELECT_MAX_VMS], top = -INFINITY, best = 0;
	long pick = -1;

	if (n < 2 || n > SELECT_MAX_VMS || m < n)
		return -1;
	if (!r2_all(hist, n, m, r2))
		return mc_exact(hist, n, m);
	for (size_t i = 0; i < n; i++)
		if (r2[i] > top)
			top = r2[i];
	/* Only columns within reach of the top can win: fit those exactly,
	 * so near-ties break as the exact fits order them. */
	for (size_t i = 0; i < n; i++) {
		if (r2[i] < top - 1e-3)
			continue;
		double r = r2_one(hist, n, m, i);

		if (isnan(r))
			return mc_exact(hist, n, m);
		if (r > best || (pick < 0 && !(r > best) && best == 0 && r > 0))
			best = r, pick = (long)i;
	}
	return pick < 0 ? 0 : pick;
}
