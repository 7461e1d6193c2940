/*
 * demand.c - demand views over a trace or a dense matrix (see demand.h).
 * A view holds only per-VM numbers (source index, lift, moments); values
 * are computed from the source each time a VM is read, with the same
 * operations, in the same order, as the dense copies this replaced
 * (source value / scale * factor, then + lift), so they are the same
 * doubles.
 */
#include "sim/plan/demand.h"
#include "models/gauss.h"
#include "models/size.h"
#include "lib/error.h"
#include "lib/pool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct demand_src {
	const struct trace *t;	  /* or NULL: dense */
	double *dense[RES_COUNT]; /* nvms x nslots, dense only */
	size_t nslots;		  /* of the source */
	struct demand *owner;	  /* the demand that frees it */
};

/* A demand over SRC with room for NVMS VMs (vm, moments), no lift. */
static struct demand *alloc_view(struct demand_src *src, size_t nvms,
				 unsigned mask)
{
	struct demand *d = calloc(1, sizeof(*d));
	size_t m = nvms ? nvms : 1;

	if (!d)
		return NULL;
	d->nvms = nvms;
	d->mask = mask;
	d->src = src;
	d->vm = malloc(m * sizeof(*d->vm));
	if (!d->vm)
		goto fail;
	for (int r = 0; r < RES_COUNT; r++) {
		d->factor[r] = 1;
		if (!demand_has(d, r))
			continue;
		d->mean[r] = malloc(m * sizeof(double));
		d->var[r] = malloc(m * sizeof(double));
		if (!d->mean[r] || !d->var[r])
			goto fail;
	}
	return d;
fail:
	demand_destroy(d);
	return NULL;
}

static double lift_of(const struct demand *d, size_t v, int r)
{
	return d->lift ? d->lift[v * RES_COUNT + r] : 0;
}

typedef double v2d __attribute__((vector_size(16)));

/*
 * DST[i] = X[i] / SC * F for i < N, two at a time: each lane is the same
 * IEEE division and product as the plain loop, so the values are
 * identical; the divisions, the cost of reading a VM, run in pairs.
 */
static void scale_floats(const float *x, size_t n, double sc, double f,
			 double *dst)
{
	v2d vs = {sc, sc}, vf = {f, f};
	size_t i = 0;

	for (; i + 2 <= n; i += 2) {
		v2d a = {x[i], x[i + 1]};

		a = a / vs * vf;
		memcpy(dst + i, &a, sizeof(a));
	}
	for (; i < n; i++)
		dst[i] = x[i] / sc * f;
}

/* Source slots [A, A + N) of VM V's R at demand slot OFF on, into DST;
 * the window part [*LO, *HI) that may be non-zero. */
static void read_run(const struct demand *d, int r, size_t v, size_t a,
		     size_t n, size_t off, double *dst, size_t *lo, size_t *hi)
{
	const struct demand_src *s = d->src;
	double f = d->factor[r], sc;
	const float *x;

	if (!s->t) {
		const double *row = s->dense[r] + d->vm[v] * s->nslots + a;

		for (size_t i = 0; i < n; i++)
			dst[off + i] = row[i] * f;
		*lo = off;
		*hi = off + n;
		return;
	}
	x = trace_overlap(s->t, (enum res)r, d->vm[v], a, n, lo, hi, &sc);
	scale_floats(x, *hi - *lo, sc, f, dst + off + *lo);
	*lo += off;
	*hi += off;
}

/*
 * VM V's R over the window: DST[*LO, *HI), 0 elsewhere (before lift). The
 * VM's span is one stretch of source slots, so the parts it has in the
 * runs meet end to end in the window: nothing between them is unwritten.
 */
static void read_span(const struct demand *d, int r, size_t v, double *dst,
		      size_t *lo, size_t *hi)
{
	size_t off = 0, l, h;
	bool any = false;

	*lo = *hi = 0;
	for (int i = 0; i < d->nruns; i++) {
		read_run(d, r, v, d->run_first[i], d->run_len[i], off, dst, &l,
			 &h);
		if (l < h) {
			*lo = any ? *lo : l;
			*hi = h;
			any = true;
		}
		off += d->run_len[i];
	}
}

static double fill_of(const struct demand *d, size_t v, int r)
{
	return d->fill ? d->fill[v * RES_COUNT + r] : 0;
}

/* Whether VM V of D reads non-zero outside its span: lifted or filled. */
static bool widened(const struct demand *d, size_t v)
{
	for (int r = 0; r < RES_COUNT; r++)
		if (demand_has(d, r) &&
		    (lift_of(d, v, r) > 0 || fill_of(d, v, r) > 0))
			return true;
	return false;
}

/*
 * X[t] = VAL at the window slots t where VM V was absent inside its span
 * (trace_absent: gaps the ingest set to 0); how many there are.
 */
static size_t set_absent(const struct demand *d, size_t v, double *x,
			 double val)
{
	const size_t *gap;
	size_t n = d->src->t ? trace_absent(d->src->t, d->vm[v], &gap) : 0;
	size_t count = 0, off = 0;

	for (int i = 0; n && i < d->nruns; off += d->run_len[i], i++) {
		size_t rf = d->run_first[i], re = rf + d->run_len[i];

		for (size_t k = 0; k < n; k++) {
			size_t a = gap[2 * k] > rf ? gap[2 * k] : rf;
			size_t b = gap[2 * k] + gap[2 * k + 1];

			for (b = b < re ? b : re; a < b; a++, count++)
				x[off + a - rf] = val;
		}
	}
	return count;
}

/* Row X of VM V's R read over its span [L, H): its fill outside the span
 * and where it was absent inside, its lift everywhere. */
static void widen(const struct demand *d, size_t v, int r, double *x, size_t l,
		  size_t h)
{
	double lift = lift_of(d, v, r), fill = fill_of(d, v, r);

	for (size_t t = 0; t < l; t++)
		x[t] = fill;
	for (size_t t = h; t < d->nslots; t++)
		x[t] = fill;
	if (fill > 0)
		set_absent(d, v, x, fill);
	for (size_t t = 0; lift > 0 && t < d->nslots; t++)
		x[t] += lift;
}

void demand_vm(const struct demand *d, size_t v, double *const *dst, size_t *lo,
	       size_t *hi)
{
	size_t l = 0, h = 0;
	bool whole = widened(d, v); /* non-zero everywhere: the whole window */

	for (int r = 0; r < RES_COUNT; r++) {
		if (!demand_has(d, r))
			continue;
		read_span(d, r, v, dst[r], &l, &h);
		if (whole)
			widen(d, v, r, dst[r], l, h);
	}
	*lo = whole ? 0 : l;
	*hi = whole ? d->nslots : h;
}

const char *demand_name(const struct demand *d, size_t v)
{
	return d->src->t ? trace_name(d->src->t, d->vm[v]) : NULL;
}

void demand_read(const struct demand *d, int r, size_t v, double *dst)
{
	size_t lo, hi;

	memset(dst, 0, d->nslots * sizeof(double));
	read_span(d, r, v, dst, &lo, &hi);
	widen(d, v, r, dst, lo, hi);
}

/* Scratch rows for demand_vm over D: one block, freed by free(rows[c]). */
static int scratch_rows(const struct demand *d, double **rows)
{
	double *p =
	    malloc((d->nslots ? d->nslots : 1) * RES_COUNT * sizeof(double));

	if (!p)
		return -ENOMEM;
	for (int r = 0; r < RES_COUNT; r++)
		rows[r] = p + (size_t)r * (d->nslots ? d->nslots : 1);
	return 0;
}

struct each {
	const struct demand *d;
	demand_each_fn fn;
	void *ctx;
};

/* Range I of demand_each(), with scratch rows of its own. */
static int each_task(void *arg, size_t i)
{
	const struct each *e = arg;
	size_t from = i * DEMAND_EACH_VMS, to = e->d->nvms;
	double *rows[RES_COUNT];
	int rc = scratch_rows(e->d, rows);

	if (rc < 0)
		return rc;
	if (to - from > DEMAND_EACH_VMS)
		to = from + DEMAND_EACH_VMS;
	rc = e->fn(e->d, from, to, rows, e->ctx);
	free(rows[0]);
	return rc;
}

int demand_each(const struct demand *d, struct pool *pool, demand_each_fn fn,
		void *ctx)
{
	struct each e = {d, fn, ctx};

	return pool_run(pool, (d->nvms + DEMAND_EACH_VMS - 1) / DEMAND_EACH_VMS,
			each_task, &e);
}

struct moments_of {
	struct demand *d; /* the demand whose moments are written */
	bool only_widened;
};

/* demand_each(): the moments of VMs [FROM, TO) (only_widened: those
 * lifted or filled). */
static int moments_range(const struct demand *d, size_t from, size_t to,
			 double *const *rows, void *arg)
{
	const struct moments_of *m = arg;
	size_t lo, hi;

	for (size_t v = from; v < to; v++) {
		if (m->only_widened && !widened(d, v))
			continue;
		demand_vm(d, v, rows, &lo, &hi);
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r))
				gauss_moments_span(rows[r], lo, hi, d->nslots,
						   &m->d->mean[r][v],
						   &m->d->var[r][v]);
	}
	return 0;
}

/* The moments of D's VMs (ONLY_WIDENED: those lifted or filled), on
 * POOL's threads. */
static int moments(struct demand *d, struct pool *pool, bool only_widened)
{
	struct moments_of m = {d, only_widened};

	return demand_each(d, pool, moments_range, &m);
}

/* D's provisioned sizes from T, times FACTOR[r]; prov[r] stays NULL when
 * no VM of D has one. */
static int prov_from_trace(struct demand *d, const struct trace *t,
			   const double *factor)
{
	for (int r = 0; r < RES_COUNT; r++) {
		bool any = false;

		for (size_t v = 0; demand_has(d, r) && v < d->nvms && !any; v++)
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

#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)
#define RUNS_TEXT NUMBER_TEXT(DEMAND_MAX_RUNS)

/* Report the window [FIRST, FIRST + N) of T that cannot be a demand. */
static int window_error(const struct trace *t, size_t first, size_t n,
			const char *why)
{
	error_msg("the window %.17g s to %.17g s %s",
		  trace_start(t) + (double)first * trace_step(t),
		  trace_start(t) + (double)(first + n) * trace_step(t), why);
	return -EBADMSG;
}

/* D's window: the runs of covered slots among [FIRST, FIRST + N) of T. */
static int covered_runs(struct demand *d, const struct trace *t, size_t first,
			size_t n)
{
	d->nruns = 0;
	d->nslots = 0;
	for (size_t s = first; s < first + n; s++) {
		if (!trace_covered(t, s))
			continue;
		if (d->nruns &&
		    d->run_first[d->nruns - 1] + d->run_len[d->nruns - 1] ==
			s) {
			d->run_len[d->nruns - 1]++;
		} else if (d->nruns == DEMAND_MAX_RUNS) {
			return window_error(t, first, n,
					    "has more than " RUNS_TEXT
					    " stretches of slots with data "
					    "between slots without");
		} else {
			d->run_first[d->nruns] = s;
			d->run_len[d->nruns++] = 1;
		}
		d->nslots++;
	}
	if (!d->nslots)
		return window_error(t, first, n, "has no slot with data");
	d->start = trace_start(t) + (double)d->run_first[0] * d->step;
	d->end = trace_start(t) + (double)(d->run_first[d->nruns - 1] +
					   d->run_len[d->nruns - 1]) *
				      d->step;
	return 0;
}

int demand_from_trace(const struct trace *t, size_t first, size_t n,
		      unsigned mask, const size_t *vms, size_t nvms,
		      const double *factor, struct demand **out)
{
	struct demand_src *src;
	struct demand *d;

	if ((mask & trace_resources(t)) != mask || first + n > trace_nslots(t))
		return -EINVAL;
	if (!vms)
		nvms = trace_nvms(t);
	src = calloc(1, sizeof(*src));
	d = src ? alloc_view(src, nvms, mask) : NULL;
	if (!d) {
		free(src);
		return -ENOMEM;
	}
	src->t = t;
	src->nslots = trace_nslots(t);
	src->owner = d;
	d->step = trace_step(t);
	if (covered_runs(d, t, first, n) < 0) {
		demand_destroy(d);
		return -EBADMSG;
	}
	for (size_t v = 0; v < nvms; v++)
		d->vm[v] = vms ? vms[v] : v;
	for (int r = 0; factor && r < RES_COUNT; r++)
		d->factor[r] = factor[r];
	if (moments(d, NULL, false) < 0) {
		demand_destroy(d);
		return -ENOMEM;
	}
	if (prov_from_trace(d, t, factor) < 0) {
		demand_destroy(d);
		return -ENOMEM;
	}
	*out = d;
	return 0;
}

size_t demand_left_out(const struct demand *d)
{
	int last = d->nruns - 1;

	return last < 0 ? 0
			: d->run_first[last] + d->run_len[last] -
			      d->run_first[0] - d->nslots;
}

int demand_create_dense(size_t nvms, size_t nslots, unsigned mask, double start,
			double step, struct demand **out)
{
	struct demand_src *src = calloc(1, sizeof(*src));
	struct demand *d = src ? alloc_view(src, nvms, mask) : NULL;

	if (!d) {
		free(src);
		return -ENOMEM;
	}
	src->nslots = nslots;
	src->owner = d;
	d->nslots = d->run_len[0] = nslots;
	d->nruns = 1;
	d->start = start;
	d->step = step;
	d->end = start + (double)nslots * step;
	for (size_t v = 0; v < nvms; v++)
		d->vm[v] = v;
	for (int r = 0; r < RES_COUNT; r++) {
		if (!demand_has(d, r))
			continue;
		src->dense[r] = calloc(nvms * nslots + 1, sizeof(double));
		if (!src->dense[r]) {
			demand_destroy(d);
			return -ENOMEM;
		}
	}
	*out = d;
	return 0;
}

double *demand_dense_row(struct demand *d, int r, size_t v)
{
	return d->src->dense[r] + v * d->src->nslots;
}

void demand_dense_done(struct demand *d)
{
	/* Out of memory leaves the moments of a partial pass: use the
	 * dense rows directly instead, which needs no scratch. */
	if (moments(d, NULL, false) == 0)
		return;
	for (size_t v = 0; v < d->nvms; v++)
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r))
				gauss_moments(demand_dense_row(d, r, v),
					      d->nslots, &d->mean[r][v],
					      &d->var[r][v]);
}

/* S's per-VM arrays for N VMs, as D has them (lifts, fills, provisioned
 * sizes); -ENOMEM. */
static int alloc_per_vm(struct demand *s, const struct demand *d, size_t n)
{
	size_t m = n ? n : 1;

	if ((d->lift && !(s->lift = malloc(m * RES_COUNT * sizeof(double)))) ||
	    (d->fill && !(s->fill = malloc(m * RES_COUNT * sizeof(double)))))
		return -ENOMEM;
	for (int r = 0; r < RES_COUNT; r++)
		if (d->prov[r] && demand_has(d, r) &&
		    !(s->prov[r] = malloc(m * sizeof(double))))
			return -ENOMEM;
	return 0;
}

/* VM I of S is VM J of D: its source VM, lifts, fills, sizes, moments. */
static void copy_vm(struct demand *s, size_t i, const struct demand *d,
		    size_t j)
{
	s->vm[i] = d->vm[j];
	for (int r = 0; r < RES_COUNT; r++) {
		if (s->prov[r])
			s->prov[r][i] = d->prov[r][j];
		if (s->lift)
			s->lift[i * RES_COUNT + r] = d->lift[j * RES_COUNT + r];
		if (s->fill)
			s->fill[i * RES_COUNT + r] = d->fill[j * RES_COUNT + r];
		if (demand_has(d, r)) {
			s->mean[r][i] = d->mean[r][j];
			s->var[r][i] = d->var[r][j];
		}
	}
}

/* A view of D's VMs IDX (NULL: all) with D's window, lifts, fills,
 * moments and provisioned sizes. */
static struct demand *view_of(const struct demand *d, const size_t *idx,
			      size_t n)
{
	struct demand *s = alloc_view(d->src, n, d->mask);

	if (!s)
		return NULL;
	s->nslots = d->nslots;
	s->start = d->start;
	s->step = d->step;
	s->nruns = d->nruns;
	memcpy(s->run_first, d->run_first, sizeof(s->run_first));
	memcpy(s->run_len, d->run_len, sizeof(s->run_len));
	s->end = d->end;
	memcpy(s->factor, d->factor, sizeof(s->factor));
	if (alloc_per_vm(s, d, n) < 0) {
		demand_destroy(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		copy_vm(s, i, d, idx ? idx[i] : i);
	return s;
}

/* Append D's window slots [A, A + N) as source runs to S's runs. */
static int add_runs(const struct demand *d, size_t a, size_t n,
		    struct demand *s, int *nruns)
{
	for (int i = 0; i < d->nruns && n > 0; i++) {
		size_t len = d->run_len[i], take;

		if (a >= len) {
			a -= len;
			continue;
		}
		take = len - a < n ? len - a : n;
		if (*nruns > 0 &&
		    s->run_first[*nruns - 1] + s->run_len[*nruns - 1] ==
			d->run_first[i] + a) {
			s->run_len[*nruns - 1] += take;
		} else {
			if (*nruns == DEMAND_MAX_RUNS)
				return -EINVAL;
			s->run_first[*nruns] = d->run_first[i] + a;
			s->run_len[(*nruns)++] = take;
		}
		a = 0;
		n -= take;
	}
	return 0;
}

/* S's start and end, a slice of D kept: the times of its source slots. */
static void slice_times(const struct demand *d, struct demand *s)
{
	double src0 = d->start - (double)d->run_first[0] * d->step;

	s->start = src0 + (double)s->run_first[0] * d->step;
	s->end = src0 + (double)(s->run_first[s->nruns - 1] +
				 s->run_len[s->nruns - 1]) *
			    d->step;
}

int demand_slice(const struct demand *d, size_t first, size_t n, bool keep,
		 struct demand **out)
{
	struct demand *s;
	int nruns = 0, rc;

	if (first + n > d->nslots)
		return -EINVAL;
	s = view_of(d, NULL, d->nvms);
	if (!s)
		return -ENOMEM;
	if (keep) {
		rc = add_runs(d, first, n, s, &nruns);
	} else {
		rc = add_runs(d, 0, first, s, &nruns);
		if (rc == 0)
			rc = add_runs(d, first + n, d->nslots - first - n, s,
				      &nruns);
	}
	s->nruns = nruns;
	s->nslots = 0;
	for (int i = 0; i < nruns; i++)
		s->nslots += s->run_len[i];
	if (rc == 0 && keep && nruns)
		slice_times(d, s);
	free(s->fill); /* drawn from D's window, not this one's */
	s->fill = NULL;
	/* The whole window again, unfilled: the moments copied are the same. */
	if (rc == 0 && (s->nslots != d->nslots || d->fill))
		rc = moments(s, NULL, false);
	if (rc < 0) {
		demand_destroy(s);
		return rc;
	}
	*out = s;
	return 0;
}

int demand_select(const struct demand *d, const size_t *idx, size_t n,
		  struct demand **out)
{
	struct demand *s;

	for (size_t i = 0; i < n; i++)
		if (idx[i] >= d->nvms)
			return -EINVAL;
	s = view_of(d, idx, n);
	if (!s)
		return -ENOMEM;
	*out = s;
	return 0;
}

void demand_destroy(struct demand *d)
{
	if (!d)
		return;
	for (int r = 0; r < RES_COUNT; r++) {
		free(d->mean[r]);
		free(d->var[r]);
		free(d->prov[r]);
	}
	if (d->src && d->src->owner == d) {
		for (int r = 0; r < RES_COUNT; r++)
			free(d->src->dense[r]);
		free(d->src);
	}
	free(d->lift);
	free(d->fill);
	free(d->vm);
	free(d);
}

/* Order statistic I (0-based, ascending) of X[0..M) and Z zeros below. */
static double rank_with_zeros(double *x, size_t m, size_t z, size_t i)
{
	return i < z ? 0 : size_rank_inplace(x, m, i - z);
}

/*
 * Order statistic K - 1 (K >= 1) of X[0..M) and Z zeros below, where HI
 * is order statistic K and X holds the same values (in any order) as when
 * HI was found: HI if at most K - 1 - Z values of X are below HI, else the
 * largest of those. One pass instead of a second selection; the same
 * value a sort gives (values are >= 0).
 */
static double rank_below(const double *x, size_t m, size_t z, size_t k,
			 double hi)
{
	size_t below = 0;
	double top = 0;

	if (k - 1 < z)
		return 0;
	for (size_t i = 0; i < m; i++) {
		if (x[i] < hi) {
			below++;
			top = x[i] > top ? x[i] : top;
		}
	}
	return k - 1 - z >= below ? hi : top;
}

/*
 * Median of window slots [A, A + PER) of a row whose values are X[LO, HI)
 * and 0 elsewhere, using SCRATCH (PER doubles): order statistics, so the
 * same value a sort of the slots gives.
 */
static double day_median(const double *x, size_t lo, size_t hi, size_t a,
			 size_t per, double *scratch)
{
	size_t l = lo > a ? lo : a, h = hi < a + per ? hi : a + per;
	size_t m = h > l ? h - l : 0, z = per - m;
	double hi_mid;

	memcpy(scratch, x + l, m * sizeof(*x));
	hi_mid = rank_with_zeros(scratch, m, z, per / 2);
	if (per % 2)
		return hi_mid;
	return (rank_below(scratch, m, z, per / 2, hi_mid) + hi_mid) / 2;
}

/* The lift of one row over NDAYS days of PER slots (0: no trend). */
static double row_lift(const double *x, size_t lo, size_t hi, size_t ndays,
		       size_t per, double *scratch)
{
	double m[64], mean = 0, sxx = 0, sxy = 0, sse = 0, b, c;

	for (size_t k = 0; k < ndays; k++) {
		m[k] = day_median(x, lo, hi, k * per, per, scratch);
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

struct lifts_of {
	size_t ndays, per;
	double *lift; /* nvms x RES_COUNT */
};

/* demand_each(): the lifts of VMs [FROM, TO) into LIFT. */
static int lifts_range(const struct demand *d, size_t from, size_t to,
		       double *const *rows, void *arg)
{
	const struct lifts_of *l = arg;
	double *scratch = malloc(l->per * sizeof(double));
	size_t lo, hi;

	if (!scratch)
		return -ENOMEM;
	for (size_t v = from; v < to; v++) {
		demand_vm(d, v, rows, &lo, &hi);
		for (int r = 0; r < RES_COUNT; r++)
			l->lift[v * RES_COUNT + r] =
			    demand_has(d, r)
				? row_lift(rows[r], lo, hi, l->ndays, l->per,
					   scratch)
				: 0;
	}
	free(scratch);
	return 0;
}

/* How many VMs of D have a value > 0 in LIFT (nvms x RES_COUNT) on some
 * resource. */
static size_t count_set(const struct demand *d, const double *lift)
{
	size_t n = 0;

	for (size_t v = 0; v < d->nvms; v++) {
		bool any = false;

		for (int r = 0; r < RES_COUNT; r++)
			any = any || lift[v * RES_COUNT + r] > 0;
		n += any;
	}
	return n;
}

int demand_lift_trends(struct demand *d, double day, struct pool *pool,
		       size_t *lifted)
{
	size_t per = d->step > 0 ? (size_t)(day / d->step + 0.5) : 0;
	struct lifts_of l = {per ? d->nslots / per : 0, per, NULL};
	int rc;

	*lifted = 0;
	if (l.ndays < DEMAND_TREND_DAYS)
		return 0;
	if (l.ndays > 64)
		l.ndays = 64;
	l.lift = malloc((d->nvms ? d->nvms : 1) * RES_COUNT * sizeof(double));
	if (!l.lift)
		return -ENOMEM;
	rc = demand_each(d, pool, lifts_range, &l);
	if (rc < 0) {
		free(l.lift);
		return rc;
	}
	*lifted = count_set(d, l.lift);
	d->lift = l.lift;
	return moments(d, pool, true);
}

struct fills_of {
	double p;
	double *fill; /* nvms x RES_COUNT */
};

/* Percentile-P size of X[LO, HI) leaving out its NaNs (absent slots),
 * which it overwrites. */
static double present_size(double *x, size_t lo, size_t hi, double p)
{
	size_t k = 0;

	for (size_t t = lo; t < hi; t++)
		if (!isnan(x[t]))
			x[lo + k++] = x[t];
	return k ? size_percentile_inplace(x + lo, k, p) : 0;
}

/* demand_each(): the fills of VMs [FROM, TO) whose span leaves part of
 * the window without data. */
static int fills_range(const struct demand *d, size_t from, size_t to,
		       double *const *rows, void *arg)
{
	const struct fills_of *f = arg;
	size_t lo, hi, gone;

	for (size_t v = from; v < to; v++)
		for (int r = 0; r < RES_COUNT; r++) {
			if (!demand_has(d, r))
				continue;
			read_span(d, r, v, rows[r], &lo, &hi);
			gone = set_absent(d, v, rows[r], NAN);
			if (lo < hi && (lo > 0 || hi < d->nslots || gone))
				f->fill[v * RES_COUNT + r] =
				    present_size(rows[r], lo, hi, f->p);
		}
	return 0;
}

int demand_fill_absent(struct demand *d, double p, struct pool *pool, size_t *n)
{
	struct fills_of f = {p, NULL};
	int rc;

	*n = 0;
	free(d->fill);
	d->fill = NULL;
	f.fill = calloc((d->nvms ? d->nvms : 1) * RES_COUNT, sizeof(double));
	if (!f.fill)
		return -ENOMEM;
	rc = demand_each(d, pool, fills_range, &f);
	if (rc == 0)
		*n = count_set(d, f.fill);
	if (rc < 0 || *n == 0) {
		free(f.fill);
		return rc;
	}
	d->fill = f.fill;
	return moments(d, pool, true);
}
