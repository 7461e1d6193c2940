/*
 * stats.h - the numbers the report computes from the trace itself: the
 * correlation structure of its VMs (a host's sizes: sim/plan/hostsize.h).
 * Correlations are Pearson's, over the same slots for every VM.
 */
#ifndef VMUX_STATS_H
#define VMUX_STATS_H

#include <stddef.h>

/*
 * Pearson correlation of every pair of rows ROWS[0..N) (LEN values each)
 * into OUT[i * N + j], symmetric, 1 on the diagonal. A row that does not
 * vary (or LEN < 2) has no correlation: NAN in its row and column, its
 * diagonal included. -ENOMEM.
 */
int stats_corr(const double *const *rows, size_t n, size_t len, double *out);

/* Mean correlations of a matrix by group (e.g. the host of each VM). */
struct stats_corr_means {
	double within, between;	  /* NAN when there is no such pair */
	size_t nwithin, nbetween; /* pairs i < j with a defined correlation */
};

/*
 * Average the off-diagonal entries of the N x N matrix C over the pairs
 * i < j with the same GROUP[i] == GROUP[j] (within) and the others
 * (between), skipping NAN entries.
 */
void stats_corr_means(const double *c, size_t n, const size_t *group,
		      struct stats_corr_means *out);

#endif
