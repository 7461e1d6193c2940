/*
 * trace.c - the trace store (see trace.h). One record per VM holding its
 * span, its value arrays (sim/store/fbuf.h, one per resource present) and
 * its provisioned sizes; names interned in an open-addressing hash table
 * (FNV-1a, linear probing, load factor <= 1/2) that grows with the VMs.
 */
#include "sim/store/trace.h"
#include "lib/error.h"
#include "lib/hash.h"
#include "models/size.h"
#include "sim/store/fbuf.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct vmrec {
	char *name;
	size_t first, len, samples;
	float *v[RES_COUNT];	 /* len values each, NULL if absent or len 0 */
	uint8_t dec[RES_COUNT];	 /* value = raw / 10^dec */
	double prov[2];		 /* cpu cores, mem MiB; 0 unknown */
	size_t *absent, nabsent; /* (first, len) runs inside the span */
};

struct trace {
	size_t nvms, cap, nslots, cells;
	double start, step;
	unsigned mask;
	struct vmrec *vm;
	long *hash; /* VM index or -1; hsize slots */
	size_t hsize;
	/* gap[s]: the slots before s that no VM covers (nslots + 1 of them);
	 * NULL when every slot is covered */
	size_t *gap;
};

/* What trace_vals() gives for a VM of no slots. */
static const float no_values[1];

static const double pow10_tab[TRACE_MAX_DEC + 1] = {1e0, 1e1, 1e2, 1e3, 1e4,
						    1e5, 1e6, 1e7, 1e8, 1e9};

int trace_create(size_t nslots, double start, double step, unsigned res_mask,
		 struct trace **out)
{
	struct trace *t;

	if (!(step > 0) || !isfinite(start) ||
	    !(res_mask & RES_MASK(RES_CPU)) || (res_mask >> RES_COUNT))
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->nslots = nslots;
	t->start = start;
	t->step = step;
	t->mask = res_mask;
	if (trace_reserve(t, 8) < 0) {
		trace_destroy(t);
		return -ENOMEM;
	}
	*out = t;
	return 0;
}

void trace_destroy(struct trace *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nvms; i++) {
		for (int r = 0; r < RES_COUNT; r++)
			fbuf_free(t->vm[i].v[r], t->vm[i].len);
		free(t->vm[i].name);
		free(t->vm[i].absent);
	}
	free(t->vm);
	free(t->hash);
	free(t->gap);
	free(t);
}

int trace_set_covered(struct trace *t, uint8_t *covered)
{
	size_t *gap = covered ? malloc((t->nslots + 1) * sizeof(*gap)) : NULL;

	if (covered && !gap) {
		free(covered);
		return -ENOMEM;
	}
	if (gap)
		gap[0] = 0;
	for (size_t s = 0; gap && s < t->nslots; s++)
		gap[s + 1] = gap[s] + !covered[s];
	if (gap && gap[t->nslots] == 0) {
		free(gap);
		gap = NULL; /* all covered: the common case costs nothing */
	}
	free(covered);
	free(t->gap);
	t->gap = gap;
	return 0;
}

bool trace_covered(const struct trace *t, size_t slot)
{
	return !t->gap ||
	       (slot < t->nslots && t->gap[slot + 1] == t->gap[slot]);
}

size_t trace_keep_covered(const struct trace *t, size_t first, size_t n,
			  double *x)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (trace_covered(t, first + i))
			x[k++] = x[i];
	return k;
}

size_t trace_uncovered(const struct trace *t, size_t first, size_t n)
{
	size_t a = first < t->nslots ? first : t->nslots;
	size_t b = first + n < t->nslots ? first + n : t->nslots;

	if (!t->gap)
		return 0;
	/* slots past the grid are covered by nobody */
	return t->gap[b] - t->gap[a] + (n - (b - a));
}

/* The hash slot holding NAME, or the empty slot where it would go. */
static size_t probe(const struct trace *t, const char *name)
{
	size_t i = hash_str(name) & (t->hsize - 1);

	while (t->hash[i] >= 0 && strcmp(t->vm[t->hash[i]].name, name))
		i = (i + 1) & (t->hsize - 1);
	return i;
}

static int rehash(struct trace *t, size_t hsize)
{
	long *h = malloc(hsize * sizeof(*h)), *old = t->hash;

	if (!h)
		return -ENOMEM;
	memset(h, 0xff, hsize * sizeof(*h));
	t->hash = h;
	t->hsize = hsize;
	for (size_t i = 0; i < t->nvms; i++)
		h[probe(t, t->vm[i].name)] = (long)i;
	free(old);
	return 0;
}

int trace_reserve(struct trace *t, size_t nvms)
{
	size_t hsize = t->hsize ? t->hsize : 16;
	struct vmrec *v;

	if (nvms > SIZE_MAX / 4 / sizeof(*v))
		return -ENOMEM;
	if (nvms > t->cap) {
		v = realloc(t->vm, nvms * sizeof(*v));
		if (!v)
			return -ENOMEM;
		t->vm = v;
		t->cap = nvms;
	}
	while (hsize < 2 * nvms)
		hsize *= 2;
	return hsize != t->hsize ? rehash(t, hsize) : 0;
}

/* Room for one more VM: the records grow by half. */
static int room(struct trace *t)
{
	if (t->nvms < t->cap && 2 * (t->nvms + 1) <= t->hsize)
		return 0;
	return trace_reserve(t, t->cap + t->cap / 2 + 1);
}

int trace_add_vm_vals(struct trace *t, const char *name, size_t first,
		      size_t len, float *const vals[RES_COUNT], size_t *vm)
{
	struct vmrec *rec;
	size_t i;

	if (first > t->nslots || len > t->nslots - first)
		return -EINVAL;
	if (room(t) < 0)
		return -ENOMEM;
	i = probe(t, name);
	if (t->hash[i] >= 0)
		return -EEXIST;
	rec = &t->vm[t->nvms];
	memset(rec, 0, sizeof(*rec));
	rec->name = strdup(name);
	if (!rec->name)
		return -ENOMEM;
	rec->first = first;
	rec->len = len;
	for (int r = 0; r < RES_COUNT; r++)
		rec->v[r] = (t->mask & RES_MASK(r)) && len ? vals[r] : NULL;
	t->hash[i] = (long)t->nvms;
	t->cells += len;
	if (vm)
		*vm = t->nvms;
	t->nvms++;
	return 0;
}

int trace_add_vm(struct trace *t, const char *name, size_t first, size_t len,
		 size_t *vm)
{
	float *v[RES_COUNT] = {NULL};
	int rc = 0;

	for (int r = 0; r < RES_COUNT && rc == 0; r++)
		if ((t->mask & RES_MASK(r)) && len && !(v[r] = fbuf_alloc(len)))
			rc = -ENOMEM;
	if (rc == 0)
		rc = trace_add_vm_vals(t, name, first, len, v, vm);
	for (int r = 0; r < RES_COUNT && rc < 0; r++)
		fbuf_free(v[r], len);
	return rc;
}

const char *trace_name(const struct trace *t, size_t vm)
{
	return vm < t->nvms ? t->vm[vm].name : "";
}

long trace_find(const struct trace *t, const char *name)
{
	return t->hash[probe(t, name)];
}

size_t trace_nvms(const struct trace *t)
{
	return t->nvms;
}

size_t trace_nslots(const struct trace *t)
{
	return t->nslots;
}

double trace_start(const struct trace *t)
{
	return t->start;
}

double trace_step(const struct trace *t)
{
	return t->step;
}

unsigned trace_resources(const struct trace *t)
{
	return t->mask;
}

bool trace_has(const struct trace *t, enum res r)
{
	return (unsigned)r < RES_COUNT && (t->mask & RES_MASK(r));
}

void trace_span(const struct trace *t, size_t vm, size_t *first, size_t *len)
{
	*first = vm < t->nvms ? t->vm[vm].first : 0;
	*len = vm < t->nvms ? t->vm[vm].len : 0;
}

int trace_set_absent(struct trace *t, size_t vm, const size_t *runs, size_t n)
{
	struct vmrec *v = vm < t->nvms ? &t->vm[vm] : NULL;
	size_t end = v ? v->first : 0, *copy;

	if (!v)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (runs[2 * i] < end || runs[2 * i] >= v->first + v->len ||
		    runs[2 * i + 1] == 0 ||
		    runs[2 * i + 1] > v->first + v->len - runs[2 * i])
			return -EINVAL;
		end = runs[2 * i] + runs[2 * i + 1];
	}
	copy = n ? malloc(2 * n * sizeof(*copy)) : NULL;
	if (n && !copy)
		return -ENOMEM;
	if (n)
		memcpy(copy, runs, 2 * n * sizeof(*copy));
	free(v->absent);
	v->absent = copy;
	v->nabsent = n;
	return 0;
}

size_t trace_absent(const struct trace *t, size_t vm, const size_t **runs)
{
	*runs = vm < t->nvms ? t->vm[vm].absent : NULL;
	return vm < t->nvms ? t->vm[vm].nabsent : 0;
}

bool trace_present(const struct trace *t, size_t vm, size_t first, size_t n)
{
	const size_t *run;
	size_t nr = trace_absent(t, vm, &run), a, len, b;

	trace_span(t, vm, &a, &len);
	b = a + len < first + n ? a + len : first + n;
	a = a > first ? a : first;
	/* [a, b): the span in the window; the absent runs are ascending */
	for (size_t k = 0; k < nr && a < b; k++)
		if (run[2 * k] <= a && a < run[2 * k] + run[2 * k + 1])
			a = run[2 * k] + run[2 * k + 1];
	return a < b;
}

size_t trace_cells(const struct trace *t)
{
	return t->cells;
}

const float *trace_vals(const struct trace *t, enum res r, size_t vm)
{
	if (!trace_has(t, r) || vm >= t->nvms)
		return NULL;
	return t->vm[vm].len ? t->vm[vm].v[r] : no_values;
}

float *trace_vals_mut(struct trace *t, enum res r, size_t vm)
{
	return trace_has(t, r) && vm < t->nvms ? t->vm[vm].v[r] : NULL;
}

double trace_scale(const struct trace *t, enum res r, size_t vm)
{
	return trace_has(t, r) && vm < t->nvms ? pow10_tab[t->vm[vm].dec[r]]
					       : 1;
}

void trace_set_scale(struct trace *t, enum res r, size_t vm, unsigned d)
{
	if (trace_has(t, r) && vm < t->nvms && d <= TRACE_MAX_DEC)
		t->vm[vm].dec[r] = (uint8_t)d;
}

double trace_pow10(unsigned d)
{
	return pow10_tab[d];
}

bool trace_exact(double x, unsigned d, float *raw)
{
	double n = nearbyint(x * pow10_tab[d]);

	if (!(n < 16777216.0) || n / pow10_tab[d] != x)
		return false;
	*raw = (float)n;
	return true;
}

unsigned trace_encode(const double *x, size_t n, float *raw)
{
	for (unsigned d = 0; d <= TRACE_MAX_DEC; d++) {
		size_t i = 0;

		while (i < n && trace_exact(x[i], d, &raw[i]))
			i++;
		if (i == n)
			return d;
	}
	for (size_t i = 0; i < n; i++)
		raw[i] = (float)x[i];
	return 0;
}

double trace_value(const struct trace *t, enum res r, size_t vm, size_t slot)
{
	const struct vmrec *v;

	if (!trace_has(t, r) || vm >= t->nvms)
		return 0;
	v = &t->vm[vm];
	if (slot < v->first || slot - v->first >= v->len)
		return 0;
	return v->v[r][slot - v->first] / pow10_tab[v->dec[r]];
}

const float *trace_overlap(const struct trace *t, enum res r, size_t vm,
			   size_t first, size_t count, size_t *lo, size_t *hi,
			   double *scale)
{
	const struct vmrec *v;
	size_t a, b;

	*lo = *hi = 0;
	*scale = 1;
	if (!trace_has(t, r) || vm >= t->nvms)
		return NULL;
	v = &t->vm[vm];
	*scale = pow10_tab[v->dec[r]];
	a = v->first > first ? v->first : first;
	b = v->first + v->len < first + count ? v->first + v->len
					      : first + count;
	if (a >= b)
		return no_values;
	*lo = a - first;
	*hi = b - first;
	return v->v[r] + (a - v->first);
}

void trace_read(const struct trace *t, enum res r, size_t vm, size_t first,
		size_t count, double *dst)
{
	size_t lo, hi;
	double sc;
	const float *x = trace_overlap(t, r, vm, first, count, &lo, &hi, &sc);

	memset(dst, 0, lo * sizeof(*dst));
	for (size_t i = lo; i < hi; i++)
		dst[i] = x[i - lo] / sc;
	memset(dst + hi, 0, (count - hi) * sizeof(*dst));
}

void trace_mean_peak(const struct trace *t, enum res r, size_t vm, size_t first,
		     size_t count, double *mean, double *peak)
{
	size_t lo, hi;
	double sc, sum = 0, top = 0;
	const float *x = trace_overlap(t, r, vm, first, count, &lo, &hi, &sc);

	for (size_t i = 0; i < hi - lo; i++) {
		double v = x[i] / sc;

		sum += v;
		if (v > top)
			top = v;
	}
	count -= trace_uncovered(t, first, count);
	*mean = count ? sum / (double)count : 0;
	*peak = top;
}

static uint32_t bits(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

/*
 * The RANK-th smallest (from 0) of X[0..N) and ZEROS more zeros: floats
 * >= 0 order as their bit patterns, selected 11, 11 and 10 bits at a time.
 */
static float select_raw(const float *x, size_t n, size_t zeros, size_t rank)
{
	static const int shift[3] = {21, 10, 0}, width[3] = {11, 11, 10};
	uint32_t prefix = 0, mask = 0;
	size_t count[2048];
	float out;

	for (int p = 0; p < 3; p++) {
		uint32_t m = (1u << width[p]) - 1;
		size_t b = 0;

		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++) {
			uint32_t u = bits(x[i]);

			if ((u & mask) == prefix)
				count[(u >> shift[p]) & m]++;
		}
		if (prefix == 0)
			count[0] += zeros;
		while (rank >= count[b])
			rank -= count[b++];
		prefix |= (uint32_t)b << shift[p];
		mask |= m << shift[p];
	}
	memcpy(&out, &prefix, sizeof(out));
	return out;
}

double trace_percentile(const struct trace *t, enum res r, size_t vm,
			size_t first, size_t count, double p)
{
	size_t lo, hi;
	double sc;
	const float *x = trace_overlap(t, r, vm, first, count, &lo, &hi, &sc);
	/* Uncovered slots are zeros of every VM, the least values: leaving
	 * them out moves the rank past as many zeros. */
	size_t u = trace_uncovered(t, first, count);

	if (count == u)
		return 0;
	return select_raw(x, hi - lo, count - (hi - lo),
			  size_rank(count - u, p) + u) /
	       sc;
}

double *trace_read_rows(const struct trace *t, enum res r, const size_t *vms,
			size_t n, size_t first, size_t count)
{
	size_t cells = n * count;
	double *x;

	if (count && n > SIZE_MAX / sizeof(double) / count)
		return NULL;
	x = malloc(cells ? cells * sizeof(double) : 1);
	for (size_t i = 0; x && i < n; i++)
		trace_read(t, r, vms[i], first, count, x + i * count);
	return x;
}

double *trace_read_covered(const struct trace *t, enum res r, const size_t *vms,
			   size_t n, size_t first, size_t count, size_t *kept)
{
	double *x = trace_read_rows(t, r, vms, n, first, count);

	*kept = count - trace_uncovered(t, first, count);
	/* row i moves down to i x kept: never past where it is read */
	for (size_t i = 0; x && *kept < count && i < n; i++) {
		trace_keep_covered(t, first, count, x + i * count);
		memmove(x + i * *kept, x + i * count, *kept * sizeof(*x));
	}
	return x;
}

size_t trace_samples(const struct trace *t, size_t vm)
{
	return vm < t->nvms ? t->vm[vm].samples : 0;
}

void trace_set_samples(struct trace *t, size_t vm, size_t n)
{
	if (vm < t->nvms)
		t->vm[vm].samples = n;
}

double trace_provisioned(const struct trace *t, enum res r, size_t vm)
{
	if (vm >= t->nvms || (r != RES_CPU && r != RES_MEM))
		return 0;
	return t->vm[vm].prov[r == RES_MEM];
}

void trace_set_provisioned(struct trace *t, enum res r, size_t vm, double x)
{
	if (vm < t->nvms && (r == RES_CPU || r == RES_MEM))
		t->vm[vm].prov[r == RES_MEM] = x;
}

int trace_window(const struct trace *t, double t0, double t1, size_t *first,
		 size_t *count)
{
	double a = ceil((t0 - t->start) / t->step - 1e-9);
	double b = ceil((t1 - t->start) / t->step - 1e-9);

	if (a < 0)
		a = 0;
	if (b > (double)t->nslots)
		b = (double)t->nslots;
	if (!(b > a) ||
	    trace_uncovered(t, (size_t)a, (size_t)(b - a)) == (size_t)(b - a))
		return -ERANGE;
	*first = (size_t)a;
	*count = (size_t)(b - a);
	return 0;
}

int trace_window_say(const struct trace *t, double t0, double t1,
		     const char *who, const char *what, const char *path,
		     size_t *first, size_t *count)
{
	size_t a = 0, b = t->nslots;

	if (trace_window(t, t0, t1, first, count) == 0)
		return 0;
	while (a < b && !trace_covered(t, a))
		a++;
	while (b > a && !trace_covered(t, b - 1))
		b--;
	error_msg("%s: the %s [%.17g, %.17g) s holds no slot with data "
		  "in '%s' (its data runs from %.17g s to %.17g s)",
		  who, what, t0, t1, path, t->start + (double)a * t->step,
		  t->start + (double)b * t->step);
	return -EBADMSG;
}

double trace_limit(enum res r)
{
	return r == RES_CPU ? TRACE_MAX_CPU : 1e12;
}

bool trace_unmeasured(const struct trace *t, enum res r, size_t vm)
{
	const float *cpu = trace_vals(t, RES_CPU, vm),
		    *x = trace_vals(t, r, vm);
	size_t running = 0, zero = 0, n = vm < t->nvms ? t->vm[vm].len : 0;

	if (r == RES_CPU || !cpu || !x)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!(cpu[i] > 0))
			continue;
		running++;
		zero += x[i] == 0;
	}
	return running &&
	       (double)zero >= TRACE_UNMEASURED_SHARE * (double)running;
}
