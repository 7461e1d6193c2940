/*
 * samples.c - per-VM sample buffers of the ingest (see samples.h).
 *
 * A VM's arrays hold grid indices [base, base + cap); [kmin, kmax] is the
 * part in use, NaN in cpu where no sample yet (outside it, and in the
 * other resources where cpu is NaN, anything). Every array of a VM has
 * the same base and cap.
 */
#include "sim/store/samples.h"
#include "sim/store/fbuf.h"
#include "sim/store/trace.h"
#include "lib/grow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ODD 2		 /* internal: keep the row aside */
#define EXACT 16777216.0 /* 2^24: raw floats below are exact integers */
#define WHOLE_MAX 9007199254740992.0 /* 2^53 */

struct enc {
	uint8_t dec; /* raw = value * 10^dec */
	bool plain;  /* raw = the float nearest to the value */
	float max;   /* largest raw so far */
};

struct vmbuf {
	double t0, g; /* the VM's grid t0 + k*g; g 0 until a second time */
	int64_t base, kmin, kmax;
	size_t cap, n; /* floats per array; samples in them */
	bool whole;    /* t0 and g in whole seconds: exact integer steps */
	struct enc enc[RES_COUNT];
	float *v[RES_COUNT];
};

struct odd {
	double t, v[RES_COUNT];
	unsigned long line;
	uint32_t vm;
};

struct samples {
	unsigned mask;
	struct vmbuf *vm;
	size_t nvms, cap;
	struct odd *odd;
	size_t nodd, oddcap;
	size_t *odd_at; /* VM v's odd samples: [odd_at[v], odd_at[v + 1]) */
	double cells;	/* grid indices spanned by all VMs' arrays */
};

int samples_create(unsigned mask, struct samples **out)
{
	struct samples *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->mask = mask | RES_MASK(RES_CPU);
	*out = s;
	return 0;
}

static void free_arrays(struct vmbuf *b)
{
	for (int r = 0; r < RES_COUNT; r++) {
		fbuf_free(b->v[r], b->cap);
		b->v[r] = NULL;
	}
}

void samples_destroy(struct samples *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nvms; i++)
		free_arrays(&s->vm[i]);
	free(s->vm);
	free(s->odd);
	free(s->odd_at);
	free(s);
}

int samples_add_vm(struct samples *s)
{
	if (s->nvms == s->cap) {
		size_t cap = s->cap ? s->cap + s->cap / 2 : 64;
		struct vmbuf *v = realloc(s->vm, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->vm = v;
		s->cap = cap;
	}
	memset(&s->vm[s->nvms++], 0, sizeof(struct vmbuf));
	return 0;
}

size_t samples_nvms(const struct samples *s)
{
	return s->nvms;
}

static bool whole(double t)
{
	return t < WHOLE_MAX && t == floor(t);
}

/*
 * Raw float for value X in an array A of encoding E whose cells [FROM,
 * TO) are in use: a value with more decimals raises the scale (the cells
 * are multiplied, exactly), one that cannot be exact gives it up (the
 * cells become the nearest floats).
 */
static float encode(struct enc *e, float *a, size_t from, size_t to, double x)
{
	unsigned d = e->dec;
	float raw;

	if (e->plain)
		return (float)x;
	while (d <= TRACE_MAX_DEC && !trace_exact(x, d, &raw))
		d++;
	if (d > e->dec && d <= TRACE_MAX_DEC &&
	    e->max * trace_pow10(d - e->dec) < EXACT) {
		float f = (float)trace_pow10(d - e->dec);

		for (size_t i = from; i < to; i++)
			a[i] *= f;
		e->max *= f;
		e->dec = (uint8_t)d;
	} else if (d > e->dec) {
		double sc = trace_pow10(e->dec);

		for (size_t i = from; i < to; i++)
			a[i] = (float)(a[i] / sc);
		e->plain = true;
		e->dec = 0;
		return (float)x;
	}
	if (raw > e->max)
		e->max = raw;
	return raw;
}

/*
 * encode() for V: its decimal form gives the raw value at once when it
 * has no more decimals than the scale (trace_exact() at that scale would
 * find the same: M * 10^(dec - K) is exact, and so is dividing it back).
 */
static float encode_num(struct enc *e, float *a, size_t from, size_t to,
			const struct rows_num *v)
{
	static const uint32_t p10[] = {1,	  10,	     100,     1000,
				       10000,	  100000,    1000000, 10000000,
				       100000000, 1000000000};

	if (!e->plain && v->m >= 0 && v->k <= e->dec) {
		uint64_t raw = (uint64_t)v->m * p10[e->dec - v->k];

		if (raw < (uint64_t)EXACT) {
			if ((float)raw > e->max)
				e->max = (float)raw;
			return (float)raw;
		}
	}
	return encode(e, a, from, to, v->x);
}

/* Resize every array of B to CAP floats; -ENOMEM leaves B as it was. */
static int resize(const struct samples *s, struct vmbuf *b, size_t cap)
{
	float *p[RES_COUNT] = {NULL};
	int r;

	for (r = 0; r < RES_COUNT; r++) {
		if (!(s->mask & RES_MASK(r)))
			continue;
		p[r] = fbuf_resize(b->v[r], b->cap, cap);
		if (!p[r])
			break;
		b->v[r] = p[r];
	}
	if (r == RES_COUNT) {
		b->cap = cap;
		return 0;
	}
	while (r-- > 0) /* back to the old size: shrinking does not fail */
		if (p[r])
			b->v[r] = fbuf_resize(p[r], cap, b->cap);
	return -ENOMEM;
}

/* Move the cells in use of every array so that index K sits at BASE. */
static void rebase(const struct samples *s, struct vmbuf *b, int64_t base)
{
	size_t n = (size_t)(b->kmax - b->kmin + 1);

	for (int r = 0; r < RES_COUNT; r++)
		if (s->mask & RES_MASK(r))
			memmove(b->v[r] + (b->kmin - base),
				b->v[r] + (b->kmin - b->base),
				n * sizeof(float));
	b->base = base;
}

static void nan_fill(float *a, int64_t from, int64_t to)
{
	for (int64_t i = from; i < to; i++)
		a[i] = NAN;
}

/* Stretch B's cells in use to take index K (within the budget), the
 * slots added counted into *CELLS (the store's count, or a thread's). */
static int reach(const struct samples *s, struct vmbuf *b, int64_t k,
		 double budget, double *cells)
{
	int64_t lo = k < b->kmin ? k : b->kmin, hi = k > b->kmax ? k : b->kmax;
	double grow = (double)(hi - lo) - (double)(b->kmax - b->kmin);

	if (grow == 0)
		return 0;
	if (*cells + grow > budget)
		return ODD;
	if (lo < b->base || hi >= b->base + (int64_t)b->cap) {
		size_t span = (size_t)(hi - lo + 1);
		size_t cap = span + span / 8 + 4;

		cap = cap > b->cap ? cap : b->cap;
		if (resize(s, b, cap) < 0)
			return -ENOMEM;
		rebase(s, b, k < b->kmin ? hi - (int64_t)cap + 1 : lo);
	}
	if (k < b->kmin)
		nan_fill(b->v[RES_CPU], k + 1 - b->base, b->kmin - b->base);
	else
		nan_fill(b->v[RES_CPU], b->kmax + 1 - b->base, k - b->base);
	b->kmin = lo;
	b->kmax = hi;
	*cells += grow;
	return 0;
}

/*
 * Spread the N cells from index 0 of every array of B M apart (cell i to
 * i * M), NaN in cpu between; the arrays hold (N - 1) * M + 1 cells.
 */
static void spread(const struct samples *s, struct vmbuf *b, size_t n,
		   int64_t m)
{
	float *cpu = b->v[RES_CPU];

	for (size_t i = n - 1; i > 0; i--) {
		size_t to = i * (size_t)m;

		for (int r = 0; r < RES_COUNT; r++)
			if (s->mask & RES_MASK(r))
				b->v[r][to] = b->v[r][i];
		nan_fill(cpu, (int64_t)(to - (size_t)m + 1), (int64_t)to);
	}
}

/* A finer grid for B, in whole seconds: gap g / M. */
static int refine(struct samples *s, struct vmbuf *b, int64_t m, double budget)
{
	size_t n = (size_t)(b->kmax - b->kmin + 1);
	size_t spanned = (n - 1) * (size_t)m + 1;
	size_t cap = spanned + spanned / 8 + 4;

	if (s->cells + (double)(spanned - n) > budget)
		return ODD;
	rebase(s, b, b->kmin);
	if (cap > b->cap && resize(s, b, cap) < 0)
		return -ENOMEM;
	spread(s, b, n, m);
	b->kmin *= m;
	b->kmax = b->kmin + (int64_t)spanned - 1;
	b->base = b->kmin;
	b->g /= (double)m;
	s->cells += (double)(spanned - n);
	return 0;
}

static int64_t gcd(int64_t a, int64_t b)
{
	while (b) {
		int64_t r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/* Grid index of time T in B (which has a sample), refining if need be. */
static int index_of(struct samples *s, struct vmbuf *b, double t, int64_t *k,
		    double budget)
{
	if (b->whole && whole(t)) {
		int64_t d = (int64_t)t - (int64_t)b->t0, g = (int64_t)b->g;
		int64_t a = d < 0 ? -d : d;

		if (g && d == (b->kmax + 1) * g) { /* the next one, mostly */
			*k = b->kmax + 1;
			return 0;
		}
		if (g == 0 && d != 0)
			b->g = (double)(g = a);
		if (g && d % g) {
			int rc = refine(s, b, g / gcd(g, a), budget);

			if (rc)
				return rc;
			g = (int64_t)b->g;
		}
		*k = g ? d / g : 0;
		return 0;
	}
	if (b->g == 0 && t != b->t0) {
		*k = t > b->t0 ? 1 : -1;
		if (b->t0 + (double)*k * fabs(t - b->t0) != t)
			return ODD;
		b->g = fabs(t - b->t0);
		b->whole = false;
		return 0;
	}
	if (b->g == 0) {
		*k = 0;
		return 0;
	}
	double q = (t - b->t0) / b->g;

	if (!(fabs(q) < 4e15))
		return ODD;
	*k = (int64_t)nearbyint(q);
	return b->t0 + (double)*k * b->g == t ? 0 : ODD;
}

/* V into B's cell K, which is in use. */
static void store(struct samples *s, struct vmbuf *b, int64_t k,
		  const struct rows_num *v)
{
	int64_t in = k - b->base;

	for (int r = 0; r < RES_COUNT; r++)
		if (s->mask & RES_MASK(r))
			b->v[r][in] = encode_num(
			    &b->enc[r], b->v[r], (size_t)(b->kmin - b->base),
			    (size_t)(b->kmax - b->base + 1), &v[r]);
	b->n++;
}

int samples_append(struct samples *s, uint32_t vm, size_t m,
		   const uint32_t *idx, const struct rows_num *v, int nv,
		   const enum res *res)
{
	return samples_append_apart(s, vm, m, idx, v, nv, res, &s->cells);
}

int samples_append_apart(struct samples *s, uint32_t vm, size_t m,
			 const uint32_t *idx, const struct rows_num *v, int nv,
			 const enum res *res, double *cells)
{
	struct vmbuf *b = &s->vm[vm];
	int64_t k = b->kmax + 1, last = b->kmax + (int64_t)m;

	if (last < b->base + (int64_t)b->cap) {
		b->kmax = last;
		*cells += (double)m;
	} else if (reach(s, b, last, INFINITY, cells) < 0) {
		return -ENOMEM;
	}
	for (int c = 0; c < nv; c++) {
		struct enc *e = &b->enc[res[c]];
		float *a = b->v[res[c]];
		size_t from = (size_t)(b->kmin - b->base);
		size_t at = (size_t)(k - b->base);

		for (size_t j = 0; j < m; j++, at++)
			a[at] = encode_num(e, a, from, at,
					   &v[(size_t)idx[j] * (size_t)nv + c]);
	}
	b->n += m;
	return 0;
}

static int add_odd(struct samples *s, uint32_t vm, double t,
		   const struct rows_num *v, unsigned long line)
{
	struct odd *o;

	if (grow_array((void **)&s->odd, &s->oddcap, s->nodd + 1,
		       sizeof(*s->odd), 64) < 0)
		return -ENOMEM;
	o = &s->odd[s->nodd++];
	o->t = t;
	for (int r = 0; r < RES_COUNT; r++)
		o->v[r] = v[r].x;
	o->line = line;
	o->vm = vm;
	return 0;
}

/* VM's first sample: the anchor of its grid. */
static int first(const struct samples *s, struct vmbuf *b, double t)
{
	b->t0 = t;
	b->whole = whole(t);
	b->cap = 4;
	for (int r = 0; r < RES_COUNT; r++)
		if ((s->mask & RES_MASK(r)) && !(b->v[r] = fbuf_alloc(4)))
			return -ENOMEM;
	return 0;
}

bool samples_run_even(const struct samples *s, uint32_t vm, double t, int64_t g,
		      size_t m)
{
	const struct vmbuf *b = &s->vm[vm];
	int64_t t0, gap, k0; /* as in samples_run_simple() */

	if (b->n == 0) /* one time, or M at the gap G > 0 */
		return true;
	if (!b->whole || (b->n > 1 && b->g <= 0))
		return false;
	t0 = (int64_t)b->t0;
	gap = b->n == 1 ? (int64_t)t - t0 : (int64_t)b->g;
	k0 = b->n == 1 ? 1 : b->kmax + 1;
	return gap > 0 && (int64_t)t - t0 == k0 * gap && (m == 1 || g == gap);
}

bool samples_run_simple(const struct samples *s, uint32_t vm, const double *t,
			size_t m)
{
	const struct vmbuf *b = &s->vm[vm];
	int64_t t0, g, k0; /* sample j goes to t0 + (k0 + j) * g */

	for (size_t j = 0; j < m; j++)
		if (!whole(t[j]))
			return false;
	if (b->n == 0 && m == 1)
		return true;
	if (b->n == 0) {
		t0 = (int64_t)t[0];
		g = (int64_t)t[1] - t0;
		k0 = 0;
	} else {
		if (!b->whole || (b->n > 1 && b->g <= 0))
			return false;
		t0 = (int64_t)b->t0;
		g = b->n == 1 ? (int64_t)t[0] - t0 : (int64_t)b->g;
		k0 = b->n == 1 ? 1 : b->kmax + 1;
	}
	if (g <= 0)
		return false;
	for (size_t j = 0; j < m; j++)
		if ((int64_t)t[j] - t0 != (k0 + (int64_t)j) * g)
			return false;
	return true;
}

double samples_cells(const struct samples *s)
{
	return s->cells;
}

void samples_add_cells(struct samples *s, double cells)
{
	s->cells += cells;
}

void samples_prefetch(const struct samples *s, uint32_t vm, int stage)
{
	const struct vmbuf *b = &s->vm[vm];

	if (stage == 0) {
		__builtin_prefetch(b, 1);
		__builtin_prefetch((const char *)b + sizeof(*b) - 1, 1);
		return;
	}
	for (int r = 0; r < RES_COUNT; r++)
		if (b->v[r])
			__builtin_prefetch(b->v[r] + (b->kmax + 1 - b->base),
					   1);
}

int samples_put(struct samples *s, uint32_t vm, double t,
		const struct rows_num *v, unsigned long line, double budget)
{
	struct vmbuf *b = &s->vm[vm];
	int64_t k = 0;
	int rc = b->n ? index_of(s, b, t, &k, budget) : first(s, b, t);

	if (rc == 0 && b->n && k >= b->kmin && k <= b->kmax &&
	    !isnan(b->v[RES_CPU][k - b->base]))
		return SAMPLES_DUP;
	if (rc == 0 && b->n)
		rc = reach(s, b, k, budget, &s->cells);
	else if (rc == 0)
		s->cells += 1;
	if (rc == ODD)
		return add_odd(s, vm, t, v, line);
	if (rc < 0)
		return rc;
	store(s, b, k, v);
	return 0;
}

static int cmp_odd(const void *pa, const void *pb)
{
	const struct odd *a = pa, *b = pb;

	if (a->vm != b->vm)
		return a->vm < b->vm ? -1 : 1;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

int samples_finish(struct samples *s)
{
	if (!s->nodd)
		return 0;
	qsort(s->odd, s->nodd, sizeof(*s->odd), cmp_odd);
	s->odd_at = calloc(s->nvms + 1, sizeof(*s->odd_at));
	if (!s->odd_at)
		return -ENOMEM;
	for (size_t i = 0; i < s->nodd; i++)
		s->odd_at[s->odd[i].vm + 1]++;
	for (size_t v = 0; v < s->nvms; v++)
		s->odd_at[v + 1] += s->odd_at[v];
	return 0;
}

static size_t odd_begin(const struct samples *s, uint32_t vm)
{
	return s->odd_at ? s->odd_at[vm] : 0;
}

static size_t odd_end(const struct samples *s, uint32_t vm)
{
	return s->odd_at ? s->odd_at[vm + 1] : 0;
}

size_t samples_count(const struct samples *s, uint32_t vm)
{
	return s->vm[vm].n + odd_end(s, vm) - odd_begin(s, vm);
}

static double time_of(const struct vmbuf *b, int64_t k)
{
	if (b->whole)
		return (double)((int64_t)b->t0 + k * (int64_t)b->g);
	return b->t0 + (double)k * b->g;
}

void samples_iter(const struct samples *s, uint32_t vm, struct samples_iter *it)
{
	it->s = s;
	it->vm = vm;
	it->k = s->vm[vm].kmin;
	it->odd = odd_begin(s, vm);
	it->end = odd_end(s, vm);
}

bool samples_next(struct samples_iter *it, double *t, unsigned long *line)
{
	const struct vmbuf *b = &it->s->vm[it->vm];
	const struct odd *o = it->odd < it->end ? &it->s->odd[it->odd] : NULL;
	bool dense;

	while (b->n && it->k <= b->kmax &&
	       isnan(b->v[RES_CPU][it->k - b->base]))
		it->k++;
	dense = b->n && it->k <= b->kmax;
	if (dense && (!o || time_of(b, it->k) <= o->t)) {
		*t = time_of(b, it->k++);
		*line = 0;
		return true;
	}
	if (!o)
		return false;
	*t = o->t;
	*line = o->line;
	it->odd++;
	return true;
}

bool samples_regular(const struct samples *s, uint32_t vm, double *t0,
		     double *g, size_t *n)
{
	const struct vmbuf *b = &s->vm[vm];

	if (!b->whole || odd_end(s, vm) > odd_begin(s, vm) ||
	    b->n != (size_t)(b->kmax - b->kmin + 1))
		return false;
	*t0 = time_of(b, b->kmin);
	*g = b->g;
	*n = b->n;
	return true;
}

/*
 * The fast hand-over: every sample on B's grid in whole seconds, a whole
 * number M of slots apart, so the arrays become the row in place. False
 * if it does not apply (nothing changed then).
 */
static int take_in_place(const struct samples *s, struct vmbuf *b, double start,
			 double step, size_t len)
{
	double off = time_of(b, b->kmin) - start;
	size_t n = (size_t)(b->kmax - b->kmin + 1);
	int64_t m = b->g > 0 ? (int64_t)(b->g / step) : 1;

	if (!b->whole || !whole(step) || !whole(start) || step < 1 ||
	    fmod(off, step) != 0 || fmod(b->g, step) != 0 ||
	    (n - 1) * (size_t)m + 1 != len)
		return 1;
	rebase(s, b, b->kmin);
	if (len > b->cap && resize(s, b, len) < 0)
		return -ENOMEM;
	if (m > 1)
		spread(s, b, n, m);
	if (len < b->cap)
		resize(s, b, len); /* shrinking does not fail */
	return 0;
}

/* The general hand-over: every sample placed by its time. */
static int take_by_time(const struct samples *s, uint32_t vm, double start,
			double step, size_t first, float *out[RES_COUNT],
			size_t len)
{
	struct vmbuf *b = &s->vm[vm];
	struct enc enc[RES_COUNT];

	memcpy(enc, b->enc, sizeof(enc));
	for (int r = 0; r < RES_COUNT; r++)
		if ((s->mask & RES_MASK(r)) && !(out[r] = fbuf_alloc(len)))
			return -ENOMEM;
	nan_fill(out[RES_CPU], 0, (int64_t)len);
	for (int64_t k = b->kmin; b->n && k <= b->kmax; k++) {
		size_t at = (size_t)nearbyint((time_of(b, k) - start) / step);

		if (isnan(b->v[RES_CPU][k - b->base]))
			continue;
		for (int r = 0; r < RES_COUNT; r++)
			if (out[r])
				out[r][at - first] = b->v[r][k - b->base];
	}
	for (size_t i = odd_begin(s, vm); i < odd_end(s, vm); i++) {
		const struct odd *o = &s->odd[i];
		size_t at = (size_t)nearbyint((o->t - start) / step) - first;

		for (int r = 0; r < RES_COUNT; r++)
			if (out[r])
				out[r][at] =
				    encode(&enc[r], out[r], 0, len, o->v[r]);
	}
	memcpy(b->enc, enc, sizeof(enc));
	return 0;
}

int samples_take(struct samples *s, uint32_t vm, double start, double step,
		 size_t first, size_t len, float *out[RES_COUNT],
		 unsigned dec[RES_COUNT])
{
	struct vmbuf *b = &s->vm[vm];
	int rc = 1;

	memset(out, 0, RES_COUNT * sizeof(*out));
	if (odd_end(s, vm) == odd_begin(s, vm))
		rc = take_in_place(s, b, start, step, len);
	if (rc == 0)
		for (int r = 0; r < RES_COUNT; r++) {
			out[r] = b->v[r];
			b->v[r] = NULL;
		}
	else if (rc > 0)
		rc = take_by_time(s, vm, start, step, first, out, len);
	for (int r = 0; r < RES_COUNT; r++)
		dec[r] = b->enc[r].plain ? 0 : b->enc[r].dec;
	free_arrays(b);
	if (rc < 0)
		for (int r = 0; r < RES_COUNT; r++) {
			fbuf_free(out[r], len);
			out[r] = NULL;
		}
	return rc;
}
