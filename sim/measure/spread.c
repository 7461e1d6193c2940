/*
 * spread.c - see spread.h.
 */
#include "sim/measure/spread.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double spread_median(double *x, int n)
{
	if (n <= 0)
		return 0;
	qsort(x, (size_t)n, sizeof(*x), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

void spread_of(double *x, int n, struct spread *s)
{
	double dev[SPREAD_MAX], floor_;
	int m = n < SPREAD_MAX ? n : SPREAD_MAX;

	s->n = n;
	s->median = spread_median(x, n);
	s->min = x[0];
	s->max = x[n - 1];
	for (int i = 0; i < m; i++)
		dev[i] = fabs(x[i] - s->median);
	s->mad = spread_median(dev, m);
	s->rel_mad = s->median != 0 ? s->mad / fabs(s->median) : 0;
	floor_ = 0.01 * fabs(s->median);
	s->outliers = 0;
	for (int i = 0; i < n; i++)
		s->outliers += fabs(x[i] - s->median) >
			       3 * (s->mad > floor_ ? s->mad : floor_);
}
