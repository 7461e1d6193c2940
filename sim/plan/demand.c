/*
 * demand.c - demand matrices copied out of a trace (see demand.h). Each
 * copy owns its rows, so a policy can cut a training window into folds
 * without touching the trace or the other copies.
 */
#include "sim/plan/demand.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct demand *alloc_demand(size_t nvms, size_t nslots, unsigned mask)
{
	struct demand *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->nvms = nvms;
	d->nslots = nslots;
	d->mask = mask;
	d->vm = malloc((nvms ? nvms : 1) * sizeof(*d->vm));
	if (!d->vm)
		goto fail;
	for (int r = 0; r < RES_COUNT; r++) {
		size_t cells = nvms * nslots;

		if (!(mask & RES_MASK(r)))
			continue;
		d->x[r] = malloc((cells ? cells : 1) * sizeof(double));
		if (!d->x[r])
			goto fail;
	}
	return d;
fail:
	demand_destroy(d);
	return NULL;
}

/* Window [FIRST, FIRST + N) of VM's R, times F, into DST (0 outside its
 * span). */
static void copy_row(const struct trace *t, enum res r, size_t vm, size_t first,
		     size_t n, double f, double *dst)
{
	size_t lo, hi;
	double sc;
	const float *x = trace_overlap(t, r, vm, first, n, &lo, &hi, &sc);

	memset(dst, 0, lo * sizeof(*dst));
	for (size_t s = lo; s < hi; s++)
		dst[s] = x[s - lo] / sc * f;
	memset(dst + hi, 0, (n - hi) * sizeof(*dst));
}

/* D's provisioned sizes from T, times FACTOR[r]; prov[r] stays NULL when
 * no VM of D has one. */
static int prov_from_trace(struct demand *d, const struct trace *t,
			   const double *factor)
{
	for (int r = 0; r < RES_COUNT; r++) {
		bool any = false;

		for (size_t v = 0; d->x[r] && v < d->nvms && !any; v++)
			any = trace_provisioned(t, (enum res)r, d->vm[v]) > 0;
		if (!any)
			continue;
		d->prov[r] = malloc(d->nvms * sizeof(double));
		if (!d->prov[r])
			return -ENOMEM;
		for (size_t v = 0; v < d->nvms; v++)
			d->prov[r][v] =
			    trace_provisioned(t, (enum res)r, d->vm[v]) *
			    (factor ? factor[r] : 1);
	}
	return 0;
}

int demand_from_trace(const struct trace *t, size_t first, size_t n,
		      unsigned mask, const size_t *vms, size_t nvms,
		      const double *factor, struct demand **out)
{
	struct demand *d;

	if ((mask & trace_resources(t)) != mask || first + n > trace_nslots(t))
		return -EINVAL;
	if (!vms)
		nvms = trace_nvms(t);
	d = alloc_demand(nvms, n, mask);
	if (!d)
		return -ENOMEM;
	d->start = trace_start(t) + (double)first * trace_step(t);
	d->step = trace_step(t);
	for (size_t v = 0; v < nvms; v++)
		d->vm[v] = vms ? vms[v] : v;
	for (int r = 0; r < RES_COUNT; r++) {
		double f = factor ? factor[r] : 1;

		if (!d->x[r])
			continue;
		for (size_t v = 0; v < nvms; v++)
			copy_row(t, (enum res)r, d->vm[v], first, n, f,
				 d->x[r] + v * n);
	}
	if (prov_from_trace(d, t, factor) < 0) {
		demand_destroy(d);
		return -ENOMEM;
	}
	*out = d;
	return 0;
}

/* Copy the kept slots of one row. */
static void slice_row(const double *src, size_t nslots, size_t first, size_t n,
		      bool keep, double *dst)
{
	if (keep) {
		memcpy(dst, src + first, n * sizeof(*dst));
		return;
	}
	memcpy(dst, src, first * sizeof(*dst));
	memcpy(dst + first, src + first + n,
	       (nslots - first - n) * sizeof(*dst));
}

/* S's provisioned sizes: D's of VM IDX[i] (IDX NULL: the same VMs). */
static int copy_prov(struct demand *s, const struct demand *d,
		     const size_t *idx)
{
	for (int r = 0; r < RES_COUNT; r++) {
		if (!d->prov[r] || !s->x[r])
			continue;
		s->prov[r] = malloc((s->nvms ? s->nvms : 1) * sizeof(double));
		if (!s->prov[r])
			return -ENOMEM;
		for (size_t i = 0; i < s->nvms; i++)
			s->prov[r][i] = d->prov[r][idx ? idx[i] : i];
	}
	return 0;
}

int demand_slice(const struct demand *d, size_t first, size_t n, bool keep,
		 struct demand **out)
{
	size_t m = keep ? n : d->nslots - n;
	struct demand *s;

	if (first + n > d->nslots)
		return -EINVAL;
	s = alloc_demand(d->nvms, m, d->mask);
	if (!s)
		return -ENOMEM;
	s->step = d->step;
	s->start = d->start + (keep ? (double)first * d->step : 0);
	memcpy(s->vm, d->vm, d->nvms * sizeof(*s->vm));
	for (int r = 0; r < RES_COUNT; r++)
		for (size_t v = 0; s->x[r] && v < d->nvms; v++)
			slice_row(d->x[r] + v * d->nslots, d->nslots, first, n,
				  keep, s->x[r] + v * m);
	if (copy_prov(s, d, NULL) < 0) {
		demand_destroy(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

int demand_select(const struct demand *d, const size_t *idx, size_t n,
		  struct demand **out)
{
	size_t slots = d->nslots;
	struct demand *s;

	for (size_t i = 0; i < n; i++)
		if (idx[i] >= d->nvms)
			return -EINVAL;
	s = alloc_demand(n, slots, d->mask);
	if (!s)
		return -ENOMEM;
	s->start = d->start;
	s->step = d->step;
	for (size_t i = 0; i < n; i++) {
		s->vm[i] = d->vm[idx[i]];
		for (int r = 0; r < RES_COUNT; r++)
			if (s->x[r])
				memcpy(s->x[r] + i * slots,
				       d->x[r] + idx[i] * slots,
				       slots * sizeof(double));
	}
	if (copy_prov(s, d, idx) < 0) {
		demand_destroy(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

void demand_destroy(struct demand *d)
{
	if (!d)
		return;
	for (int r = 0; r < RES_COUNT; r++) {
		free(d->x[r]);
		free(d->prov[r]);
	}
	free(d->vm);
	free(d);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of X[0..N), using SCRATCH (N doubles). */
static double median(const double *x, size_t n, double *scratch)
{
	memcpy(scratch, x, n * sizeof(*x));
	qsort(scratch, n, sizeof(*scratch), cmp_double);
	return n % 2 ? scratch[n / 2]
		     : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
}

/* The lift of one row over NDAYS days of PER slots (0: no trend). */
static double row_lift(const double *x, size_t ndays, size_t per,
		       double *scratch)
{
	double m[64], mean = 0, sxx = 0, sxy = 0, sse = 0, b, c;

	for (size_t k = 0; k < ndays; k++) {
		m[k] = median(x + k * per, per, scratch);
		mean += m[k] / (double)ndays;
	}
	c = (double)(ndays - 1) / 2;
	for (size_t k = 0; k < ndays; k++) {
		sxx += ((double)k - c) * ((double)k - c);
		sxy += ((double)k - c) * (m[k] - mean);
	}
	b = sxy / sxx;
	for (size_t k = 0; k < ndays; k++) {
		double e = m[k] - mean - b * ((double)k - c);

		sse += e * e;
	}
	if (!(b > 0) ||
	    b < DEMAND_TREND_T * sqrt(sse / (double)(ndays - 2) / sxx))
		return 0;
	return b * (double)(ndays + 1) / 2;
}

void demand_lift_trends(struct demand *d, double day, size_t *lifted)
{
	size_t per = d->step > 0 ? (size_t)(day / d->step + 0.5) : 0;
	size_t ndays = per ? d->nslots / per : 0;

	double *scratch;

	*lifted = 0;
	if (ndays < DEMAND_TREND_DAYS ||
	    !(scratch = malloc(per * sizeof(double))))
		return;
	if (ndays > 64)
		ndays = 64;
	for (size_t v = 0; v < d->nvms; v++) {
		bool any = false;

		for (int r = 0; r < RES_COUNT; r++) {
			double *x = d->x[r] ? d->x[r] + v * d->nslots : NULL;
			double lift = x ? row_lift(x, ndays, per, scratch) : 0;

			for (size_t t = 0; lift > 0 && t < d->nslots; t++)
				x[t] += lift;
			any = any || lift > 0;
		}
		*lifted += any;
	}
	free(scratch);
}
