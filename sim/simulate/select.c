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

double select_mu_key(double u, double mips, bool rounded)
{
	return rounded ? u * mips / mips : u;
}

/* Householder step on column C (rows C..M) of A (M x P, column-major),
 * applied to the later columns; R's diagonal element into *DIAG. The later
 * columns' dot products run side by side (each still summed in row order):
 * independent chains, not one chain after another. */
static void reflect(double *a, size_t m, size_t p, size_t c, double *diag)
{
	double *v = a + c * m, norm2 = 0, dot[SELECT_MAX_VMS + 1];

	for (size_t r = c; r < m; r++)
		norm2 += v[r] * v[r];
	double alpha = v[c] > 0 ? -sqrt(norm2) : sqrt(norm2);

	*diag = alpha;
	if (alpha == 0)
		return;
	v[c] -= alpha; /* v is now the reflector; its norm^2 = -2 alpha v[c] */
	for (size_t j = c + 1; j < p; j++)
		dot[j] = 0;
	for (size_t r = c; r < m; r++)
		for (size_t j = c + 1; j < p; j++)
			dot[j] -= a[j * m + r] * v[r];
	for (size_t j = c + 1; j < p; j++) {
		double *w = a + j * m, f = dot[j] / (alpha * v[c]);

		for (size_t r = c; r < m; r++)
			w[r] -= f * v[r];
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
	double fit[DETECT_HISTORY];

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
	for (size_t r = 0; r < m; r++)
		fit[r] = 0;
	for (size_t j = 0; j < p; j++)
		for (size_t r = 0; r < m; r++)
			fit[r] += a[j * m + r] * b[j];
	for (size_t r = 0; r < m; r++)
		rss += (y[r] - fit[r]) * (y[r] - fit[r]);
	double sst = second_moment(y, m);

	/* A constant Y has no variance to explain: never the maximum. */
	return sst > 0 ? 1 - rss / sst : -1;
}

/* Columns of the centred histories, with room for a block of 4 past the
 * last VM (zeros: they only fill a block). */
#define CCOLS (SELECT_MAX_VMS + 4)

/* The columns of C (C[r][i], r < M, i < N): the histories less their
 * means, all columns side by side; false if one is (nearly) constant. */
static bool centre(const double *const *hist, size_t n, size_t m,
		   double c[][CCOLS])
{
	double mean[SELECT_MAX_VMS], sq[SELECT_MAX_VMS], dev[SELECT_MAX_VMS];

	for (size_t i = 0; i < n; i++)
		mean[i] = sq[i] = dev[i] = 0;
	for (size_t r = 0; r < m; r++)
		for (size_t i = 0; i < n; i++) {
			mean[i] += hist[i][r];
			sq[i] += hist[i][r] * hist[i][r];
		}
	for (size_t i = 0; i < n; i++)
		mean[i] /= (double)m;
	for (size_t r = 0; r < m; r++)
		for (size_t i = 0; i < n; i++) {
			c[r][i] = hist[i][r] - mean[i];
			dev[i] += c[r][i] * c[r][i];
		}
	/* A (nearly) constant history is collinear with the intercept: only
	 * the exact fits say what the reference's regression makes of that. */
	for (size_t i = 0; i < n; i++)
		if (!(dev[i] > 1e-12 * sq[i]))
			return false;
	return true;
}

/* Cholesky G = L L' (N x N, lower triangle of L); false if G is too near
 * singular to trust. */
static bool cholesky(double g[][SELECT_MAX_VMS], size_t n,
		     double l[][SELECT_MAX_VMS])
{
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
	return true;
}

/*
 * INV[i] = (G^-1)_ii = || L^-1 e_i ||^2 for every i, by forward
 * substitution of all the unit vectors at once: x[r][i] is row r of
 * L^-1 e_i (0 above row i, and the zeros leave every sum unchanged, so
 * they are skipped); each sum runs in the order one solve alone takes.
 */
static void inverse_diag(double l[][SELECT_MAX_VMS], size_t n, double *inv)
{
	double x[SELECT_MAX_VMS][SELECT_MAX_VMS], s[SELECT_MAX_VMS];

	for (size_t i = 0; i < n; i++)
		inv[i] = 0;
	for (size_t r = 0; r < n; r++) {
		for (size_t i = 0; i <= r; i++)
			s[i] = r == i ? 1 : 0;
		for (size_t k = 0; k < r; k++)
			for (size_t i = 0; i <= k; i++)
				s[i] -= l[r][k] * x[k][i];
		for (size_t i = 0; i <= r; i++) {
			x[r][i] = s[i] / l[r][r];
			inv[i] += x[r][i] * x[r][i];
		}
	}
}

/*
 * G = C'C (N x N) for the centred columns C[r][i], r < M: each entry a
 * sum over r in order, four entries of a row side by side in registers
 * (independent chains, not one after another).
 */
static void gram(double c[][CCOLS], size_t n, size_t m,
		 double g[][SELECT_MAX_VMS])
{
	for (size_t r = 0; r < m; r++)
		for (size_t k = n; k < n + 4; k++)
			c[r][k] = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j <= i; j += 4) {
			double s[4] = {0, 0, 0, 0};

			for (size_t r = 0; r < m; r++) {
				s[0] += c[r][i] * c[r][j];
				s[1] += c[r][i] * c[r][j + 1];
				s[2] += c[r][i] * c[r][j + 2];
				s[3] += c[r][i] * c[r][j + 3];
			}
			for (size_t k = j; k <= i && k < j + 4; k++)
				g[i][k] = s[k - j];
		}
		for (size_t j = 0; j < i; j++)
			g[j][i] = g[i][j];
	}
}

/*
 * R^2 of every column on the others at once (the variance inflation
 * identity R^2_i = 1 - 1 / (G_ii (G^-1)_ii), G the centred Gram matrix),
 * into R2. False when G is too near singular to trust (the caller then
 * fits each column exactly).
 */
static bool r2_all(const double *const *hist, size_t n, size_t m, double *r2)
{
	double c[DETECT_HISTORY][CCOLS];
	double g[SELECT_MAX_VMS][SELECT_MAX_VMS],
	    l[SELECT_MAX_VMS][SELECT_MAX_VMS];
	double inv[SELECT_MAX_VMS];

	if (!centre(hist, n, m, c))
		return false;
	gram(c, n, m, g);
	if (!cholesky(g, n, l))
		return false;
	inverse_diag(l, n, inv);
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
	long pick = -1, lead = 0;
	size_t near = 0;

	if (n < 2 || n > SELECT_MAX_VMS || m < n)
		return -1;
	if (!r2_all(hist, n, m, r2))
		return mc_exact(hist, n, m);
	for (size_t i = 0; i < n; i++)
		if (r2[i] > top)
			top = r2[i], lead = (long)i;
	for (size_t i = 0; i < n; i++)
		near += !(r2[i] < top - 1e-3);
	/* A lone column within reach wins as it is when the screen puts it
	 * clearly above 0: r2_all found the Gram matrix well conditioned, so
	 * no design is singular, and the exact fit differs from the screen by
	 * rounding only (far below the margin), above 0 as well. */
	if (near == 1 && top > 1e-6)
		return lead;
	/* Else only columns within reach of the top can win: fit those
	 * exactly, so near-ties break as the exact fits order them. */
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
