/*
 * detect.h - host overload detectors of Beloglazov & Buyya (CCPE 2012), as
 * CloudSim 3.0.3 implements them.
 *
 * Inputs: u_req, the host's requested CPU (sum of its VMs' current requests
 * over the host's capacity, not capped at 1); H[0..n), the host's
 * utilisation history (element-wise sum of its VMs' histories scaled to the
 * host, most recent first, trailing zeros trimmed); and the number of
 * scheduling intervals a migration off the host takes (LR's horizon).
 *
 *   THR(t)  overloaded iff u_req > t
 *   IQR(s)  n >= 12: u_req > 1 - s * (Q3 - Q1), quartiles by rank rule
 *   MAD(s)  n >= 12: u_req > 1 - s * median(|H - median(H)|)
 *   LR(s)   n >= 10: s * (OLS line through the 10 most recent values at
 *           x = 1..10, oldest first, evaluated at 10 + intervals) >= 1
 *   LRR(s)  the same as LR (CloudSim never applies the robust weights)
 * With too short a history the adaptive detectors fall back to THR(0.7).
 */
#ifndef VMUX_DETECT_H
#define VMUX_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#define DETECT_HISTORY 30 /* values kept per VM */
#define DETECT_FALLBACK 0.7

enum detect_kind { DETECT_THR, DETECT_IQR, DETECT_MAD, DETECT_LR, DETECT_LRR };

struct detector {
	enum detect_kind kind;
	double param; /* threshold or safety parameter */
};

bool detect_overloaded(const struct detector *d, double u_req, const double *h,
		       size_t n, double intervals);

/*
 * Inter-quartile range of X[0..N) (1 <= N <= DETECT_HISTORY), CloudSim's
 * rule: sorted x, Q1 = x[round(0.25 (N+1)) - 1], Q3 = x[round(0.75 (N+1))
 * - 1], rounding halves up. X is sorted in place.
 */
double detect_iqr(double *x, size_t n);
/* Median absolute deviation of X[0..N) (1 <= N <= DETECT_HISTORY); X is
 * sorted in place. */
double detect_mad(double *x, size_t n);
/* Least-squares line through (i + 1, Y[i]), i < N, evaluated at X. */
double detect_ols_at(const double *y, size_t n, double x);

#endif
