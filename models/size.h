/*
 * size.h - sizing a demand series: the capacity that meets a service level.
 *
 * Percentile sizing at level P (0 < P <= 100): the smallest capacity c such
 * that at most floor((100 - P) / 100 * n) of the n intervals have demand
 * above c. For P = 100 that is the peak. Units are those of the series.
 */
#ifndef VMUX_SIZE_H
#define VMUX_SIZE_H

#include <stddef.h>

/*
 * Capacity of X[0..N) at percentile P into *OUT. N = 0 gives 0. Uses a
 * scratch copy (X is not modified). -EINVAL for P outside (0, 100],
 * -ENOMEM.
 */
int size_percentile(const double *x, size_t n, double p, double *out);

/*
 * The same, reordering X in place (no allocation): for callers that size
 * many series and own a scratch buffer.
 */
double size_percentile_inplace(double *x, size_t n, double p);

/*
 * Which value sizes N values at P: the RANK-th smallest (from 0), for
 * callers that select it themselves. N > 0.
 */
size_t size_rank(size_t n, double p);

/*
 * The (K+1)-th smallest of X[0..N) (K < N), reordering X in place: the
 * selection percentile sizing uses, for callers that need another rank.
 */
double size_rank_inplace(double *x, size_t n, size_t k);

/*
 * size_percentile_inplace() of a series of N values of which X[0..M) are
 * given and the other N - M are 0 (X's values are >= 0): a VM's span of a
 * window it does not fill. Reorders X. O(M).
 */
double size_percentile_zeros(double *x, size_t m, size_t n, double p);

/* Mean and peak of X[0..N). */
void size_mean_peak(const double *x, size_t n, double *mean, double *peak);

#endif
