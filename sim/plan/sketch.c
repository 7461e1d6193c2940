/*
 * sketch.c - low-rank sketches of demand rows (see sketch.h). The basis is
 * k rows of nslots doubles; projections are k dot products over the row's
 * span (models/gauss.h gauss_dot).
 */
#include "sim/plan/sketch.h"
#include "models/gauss.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#define DAY 86400.0
#define DROP 1e-6  /* a vector keeping less of its norm is dependent */
#define SLACK 16.0 /* rounding margin, in units of (m + 2)(n + k) eps */

struct sketch {
	size_t n, k;
	double *b; /* k x n */
};

/* Orthonormalise row K of S's basis against rows 0..K-1; keep it (k++)
 * unless it was (nearly) in their span. */
static void add_vector(struct sketch *s)
{
	double *v = s->b + s->k * s->n, before, after;

	before = sqrt(gauss_dot(v, v, 0, s->n));
	for (int pass = 0; pass < 2; pass++)
		for (size_t j = 0; j < s->k; j++) {
			const double *u = s->b + j * s->n;
			double c = gauss_dot(u, v, 0, s->n);

			for (size_t t = 0; t < s->n; t++)
				v[t] -= c * u[t];
		}
	after = sqrt(gauss_dot(v, v, 0, s->n));
	if (!(after > DROP * before))
		return;
	for (size_t t = 0; t < s->n; t++)
		v[t] /= after;
	s->k++;
}

/* Candidate cos (PHASE 0) or sin (PHASE 1) of PERIOD slots into the next
 * row, then orthonormalised. */
static void add_wave(struct sketch *s, double period, int phase)
{
	double *v = s->b + s->k * s->n;

	for (size_t t = 0; t < s->n; t++) {
		double a = 2 * M_PI * (double)t / period;

		v[t] = phase ? sin(a) : cos(a);
	}
	add_vector(s);
}

static void build(struct sketch *s, double step)
{
	double day = step > 0 ? DAY / step : 0;

	for (size_t t = 0; t < s->n; t++)
		s->b[t] = 1;
	add_vector(s);
	for (int j = 1;
	     day <= (double)s->n && j <= SKETCH_DAY_HARMONICS && day / j >= 2;
	     j++)
		for (int ph = 0; ph < 2; ph++)
			add_wave(s, day / j, ph);
	for (int m = 1; m <= SKETCH_WINDOW_HARMONICS && (double)s->n / m >= 2;
	     m++)
		for (int ph = 0; ph < 2; ph++)
			add_wave(s, (double)s->n / m, ph);
}

int sketch_create(size_t nslots, double step, struct sketch **out)
{
	size_t kmax = 1 + 2 * (SKETCH_DAY_HARMONICS + SKETCH_WINDOW_HARMONICS);
	struct sketch *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->n = nslots;
	s->b = malloc((nslots ? kmax * nslots : 1) * sizeof(double));
	if (!s->b) {
		free(s);
		return -ENOMEM;
	}
	if (nslots)
		build(s, step);
	*out = s;
	return 0;
}

void sketch_destroy(struct sketch *s)
{
	if (!s)
		return;
	free(s->b);
	free(s);
}

size_t sketch_rank(const struct sketch *s)
{
	return s->k;
}

void sketch_project(const struct sketch *s, const double *x, size_t lo,
		    size_t hi, double *p, double *norm2)
{
	for (size_t j = 0; j < s->k; j++)
		p[j] = gauss_dot(s->b + j * s->n, x, lo, hi);
	*norm2 = gauss_dot(x, x, lo, hi);
}

/* Squared norm of the residual of a row of squared norm N2 and sketch P,
 * rounded up by REL of N2. */
static double resid2(const struct sketch *s, const double *p, double n2,
		     double rel)
{
	double r2 = n2 - gauss_dot(p, p, 0, s->k);

	return (r2 > 0 ? r2 : 0) + rel * n2;
}

void sketch_dot_bounds(const struct sketch *s, const double *px, double nx2,
		       size_t mx, const double *py, double ny2, size_t my,
		       double *lo, double *hi)
{
	double rel =
	    SLACK * (double)(mx + my + 2) * (double)(s->n + s->k) * DBL_EPSILON;
	double c = gauss_dot(px, py, 0, s->k);
	double w = sqrt(resid2(s, px, nx2, rel) * resid2(s, py, ny2, rel)) +
		   rel * sqrt(nx2 * ny2);

	*lo = c - w > 0 ? c - w : 0;
	*hi = c + w;
}
