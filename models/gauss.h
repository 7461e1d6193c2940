/*
 * gauss.h - the Gaussian effective size of a group of VMs (stochastic bin
 * packing).
 *
 * A group whose members have means mu_i, standard deviations sigma_i and
 * correlations rho_ij is sized as
 *     sum_i mu_i + z * sqrt(sum_i sum_j rho_ij sigma_i sigma_j)
 *   = sum_i mu_i + z * sqrt(1' Cov 1)
 * with z = Phi^-1(P / 100) for a service level of P percent. 1' Cov 1 is the
 * variance of the group's summed demand, so a group can be grown one member
 * at a time: adding x to a group whose sum is S gives
 *     var(S + x) = var(S) + var(x) + 2 cov(S, x).
 * Moments are those of the series over its n intervals (population form:
 * divide by n, not n - 1). Units are the series'.
 */
#ifndef VMUX_GAUSS_H
#define VMUX_GAUSS_H

#include <stddef.h>

/* z for percentile P in (0, 100): the standard normal quantile P / 100. */
double gauss_z(double p);

/* Mean and population variance of X[0..N); N = 0 gives 0 and 0. */
void gauss_moments(const double *x, size_t n, double *mean, double *var);

/*
 * gauss_moments() of a series of N values that are 0 outside X[LO, HI)
 * (X indexed as the series): the same numbers, bit for bit, in
 * O(HI - LO + log N) instead of O(N).
 */
void gauss_moments_span(const double *x, size_t lo, size_t hi, size_t n,
			double *mean, double *var);

/*
 * S + C + C + ... (K additions of C >= 0 to S >= 0, each rounded, in order):
 * exactly what the loop gives, in O(log K) steps (a run of additions that
 * stays in one binade moves S by the same rounded amount each time).
 */
double gauss_add_repeated(double s, double c, size_t k);

/*
 * X.Y over [LO, HI), summed in GAUSS_LANES partial sums, term i going to
 * sum i mod GAUSS_LANES: a range of terms that are all +0 (one factor 0,
 * the other finite and >= 0) leaves every partial sum as it was, so a dot
 * product over a span gives exactly the one over the whole series.
 */
#define GAUSS_LANES 8
double gauss_dot(const double *x, const double *y, size_t lo, size_t hi);

/*
 * Population covariance of X[0..N) and Y[0..N) whose means are MX and MY:
 * X.Y / N - MX * MY. N = 0 gives 0. gauss_cov_span() when Y is 0 outside
 * [LO, HI) (and X >= 0): the same number.
 */
double gauss_cov(const double *x, const double *y, size_t n, double mx,
		 double my);
double gauss_cov_span(const double *x, const double *y, size_t lo, size_t hi,
		      size_t n, double mx, double my);

/* The effective size MEAN + Z * sqrt(VAR), VAR clamped at 0. */
double gauss_size(double mean, double var, double z);

#endif
