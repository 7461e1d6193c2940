/*
 * spread.h - what repeated measurements of one quantity say together: the
 * median, the extremes, and a dispersion figure that one wild run does not
 * move much (the median absolute deviation, relative to the median), plus
 * how many runs lie far out (outliers: more than 3 MADs from the median,
 * once the MAD is above a floor of 1 % of the median, so identical runs
 * have none).
 */
#ifndef VMUX_SPREAD_H
#define VMUX_SPREAD_H

#define SPREAD_MAX 64

struct spread {
	int n;
	double median, min, max;
	double mad;	/* median absolute deviation, same unit */
	double rel_mad; /* mad / |median|; 0 when the median is 0 */
	int outliers;
};

/* Summarize X[0..N) (1 <= N <= SPREAD_MAX; X is reordered) into *S. */
void spread_of(double *x, int n, struct spread *s);

/* Median of X[0..N) (reorders X); 0 for N = 0. */
double spread_median(double *x, int n);

#endif
