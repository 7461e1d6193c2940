/*
 * step.c - the step detected from the samples (see step.h).
 */
#include "sim/store/step.h"
#include "sim/store/samples.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

int64_t step_key(double gap)
{
	return llround(gap * 1e6);
}

void step_add_key(struct step_hist *g, int64_t k, size_t n)
{
	for (int i = 0; i < g->n; i++)
		if (g->key[i] == k) {
			g->count[i] += n;
			return;
		}
	if (g->n < STEP_KEYS) {
		g->key[g->n] = k;
		g->count[g->n++] = n;
	}
}

void step_add(struct step_hist *g, double gap, size_t n)
{
	step_add_key(g, step_key(gap), n);
}

/* The gaps between VM's consecutive samples. */
static void vm_gaps(const struct samples *s, uint32_t vm, struct step_hist *g)
{
	struct samples_iter it;
	double t, prev = NAN, t0, gap;
	unsigned long line;
	size_t n;

	if (samples_regular(s, vm, &t0, &gap, &n)) {
		if (n > 1)
			step_add(g, gap, n - 1);
		return;
	}
	samples_iter(s, vm, &it);
	while (samples_next(&it, &t, &line)) {
		if (!isnan(prev))
			step_add(g, t - prev, 1);
		prev = t;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void step_time_gaps(double *t, size_t n, struct step_hist *g)
{
	qsort(t, n, sizeof(*t), cmp_double);
	for (size_t i = 1; i < n; i++)
		if (t[i] != t[i - 1])
			step_add(g, t[i] - t[i - 1], 1);
}

/* No VM has two samples: the gaps between consecutive distinct times. */
static int time_gaps(const struct reader *in, struct step_hist *g)
{
	double *t = malloc((in->nvms ? in->nvms : 1) * sizeof(*t));
	struct samples_iter it;
	unsigned long line;

	if (!t)
		return -ENOMEM;
	for (uint32_t v = 0; v < in->nvms; v++) {
		samples_iter(in->smp, v, &it);
		samples_next(&it, &t[v], &line);
	}
	step_time_gaps(t, in->nvms, g);
	free(t);
	return 0;
}

double step_best(const struct step_hist *g)
{
	int best = -1;

	for (int i = 0; i < g->n; i++)
		if (best < 0 || g->count[i] > g->count[best])
			best = i;
	return best < 0 ? 0 : (double)g->key[best] / 1e6;
}

int step_detect(const struct reader *in, double *step)
{
	struct step_hist g = {.n = 0};

	for (uint32_t v = 0; v < in->nvms && g.n < STEP_KEYS; v++)
		vm_gaps(in->smp, v, &g);
	if (g.n == 0 && time_gaps(in, &g) < 0)
		return -ENOMEM;
	*step = step_best(&g);
	return 0;
}
