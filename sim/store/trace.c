/*
 * trace.c - the trace store (see trace.h). One allocation per resource
 * matrix; names interned in an open-addressing hash table (FNV-1a, linear
 * probing, load factor <= 1/2).
 */
#include "sim/store/trace.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct trace {
	size_t nvms, nslots;
	double start, step;
	unsigned mask;
	double *m[RES_COUNT];
	char **names;
	size_t *samples;
	long *hash; /* VM index or -1; hsize slots */
	size_t hsize;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static int alloc_matrices(struct trace *t)
{
	for (int r = 0; r < RES_COUNT; r++) {
		if (!(t->mask & RES_MASK(r)))
			continue;
		size_t n = t->nvms * t->nslots;

		t->m[r] = calloc(n ? n : 1, sizeof(double));
		if (!t->m[r])
			return -ENOMEM;
	}
	return 0;
}

int trace_create(size_t nvms, size_t nslots, double start, double step,
		 unsigned res_mask, struct trace **out)
{
	struct trace *t;

	if (!(step > 0) || !isfinite(start) ||
	    !(res_mask & RES_MASK(RES_CPU)) || (res_mask >> RES_COUNT) ||
	    (nslots && nvms > SIZE_MAX / nslots / 8))
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->nvms = nvms;
	t->nslots = nslots;
	t->start = start;
	t->step = step;
	t->mask = res_mask;
	t->hsize = 16;
	while (t->hsize < 2 * nvms)
		t->hsize *= 2;
	t->names = calloc(nvms ? nvms : 1, sizeof(*t->names));
	t->samples = calloc(nvms ? nvms : 1, sizeof(*t->samples));
	t->hash = malloc(t->hsize * sizeof(*t->hash));
	if (!t->names || !t->samples || !t->hash || alloc_matrices(t) < 0) {
		trace_destroy(t);
		return -ENOMEM;
	}
	memset(t->hash, 0xff, t->hsize * sizeof(*t->hash));
	*out = t;
	return 0;
}

void trace_destroy(struct trace *t)
{
	if (!t)
		return;
	for (int r = 0; r < RES_COUNT; r++)
		free(t->m[r]);
	if (t->names)
		for (size_t i = 0; i < t->nvms; i++)
			free(t->names[i]);
	free(t->names);
	free(t->samples);
	free(t->hash);
	free(t);
}

/* The hash slot holding NAME, or the empty slot where it would go. */
static size_t probe(const struct trace *t, const char *name)
{
	size_t i = fnv1a(name) & (t->hsize - 1);

	while (t->hash[i] >= 0 && strcmp(t->names[t->hash[i]], name))
		i = (i + 1) & (t->hsize - 1);
	return i;
}

int trace_set_name(struct trace *t, size_t vm, const char *name)
{
	size_t i;
	char *copy;

	if (vm >= t->nvms || t->names[vm])
		return -EINVAL;
	i = probe(t, name);
	if (t->hash[i] >= 0)
		return -EEXIST;
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	t->names[vm] = copy;
	t->hash[i] = (long)vm;
	return 0;
}

const char *trace_name(const struct trace *t, size_t vm)
{
	return vm < t->nvms && t->names[vm] ? t->names[vm] : "";
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

double *trace_row(struct trace *t, enum res r, size_t vm)
{
	if (!trace_has(t, r) || vm >= t->nvms)
		return NULL;
	return t->m[r] + vm * t->nslots;
}

const double *trace_crow(const struct trace *t, enum res r, size_t vm)
{
	return trace_row((struct trace *)t, r, vm);
}

size_t trace_samples(const struct trace *t, size_t vm)
{
	return vm < t->nvms ? t->samples[vm] : 0;
}

void trace_set_samples(struct trace *t, size_t vm, size_t n)
{
	if (vm < t->nvms)
		t->samples[vm] = n;
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
	if (!(b > a))
		return -ERANGE;
	*first = (size_t)a;
	*count = (size_t)(b - a);
	return 0;
}

double trace_limit(enum res r)
{
	return r == RES_CPU ? 1e6 : 1e12;
}

bool trace_unmeasured(const struct trace *t, enum res r, size_t vm)
{
	const double *cpu = trace_crow(t, RES_CPU, vm),
		     *x = trace_crow(t, r, vm);
	size_t running = 0, zero = 0;

	if (r == RES_CPU || !cpu || !x)
		return false;
	for (size_t i = 0; i < t->nslots; i++) {
		if (!(cpu[i] > 0))
			continue;
		running++;
		zero += x[i] == 0;
	}
	return running &&
	       (double)zero >= TRACE_UNMEASURED_SHARE * (double)running;
}
