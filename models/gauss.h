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
 * Population covariance of X[0..N) and Y[0..N) whose means are MX and MY:
 * X.Y / N - MX * MY, the dot product through cblas_ddot. N = 0 gives 0.
 */
double gauss_cov(const double *x, const double *y, size_t n, double mx,
		 double my);

/* The effective size MEAN + Z * sqrt(VAR), VAR clamped at 0. */
double gauss_size(double mean, double var, double z);

#endif
