/*
 * plan_separate.c - first-fit decreasing on own sizes (see
 * plan_separate.h). A host is a vector of summed sizes; nothing about the
 * VMs' timing is used, which is what makes it the baseline.
 */
#include "sim/plan/plan_separate.h"
#include "sim/plan/plan_fit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct bins {
	double *load; /* nhosts x RES_COUNT */
	size_t n, cap;
};

static bool fits(const struct bins *b, size_t h, const struct plan *pl,
		 const struct plan_opts *o, size_t v)
{
	for (int r = 0; r < RES_COUNT; r++)
		if (pl->size[r] &&
		    b->load[h * RES_COUNT + r] + pl->size[r][v] >
			demand_limit(o->cap[r]))
			return false;
	return true;
}

static int open_bin(struct bins *b)
{
	if (b->n == b->cap) {
		size_t n = b->cap ? 2 * b->cap : 64;
		double *p = realloc(b->load, n * RES_COUNT * sizeof(*p));

		if (!p)
			return -ENOMEM;
		b->load = p;
		b->cap = n;
	}
	for (int r = 0; r < RES_COUNT; r++)
		b->load[b->n * RES_COUNT + r] = 0;
	b->n++;
	return 0;
}

static int place(struct bins *b, struct plan *pl, const struct plan_opts *o,
		 size_t v)
{
	size_t h = 0;

	while (h < b->n && !fits(b, h, pl, o, v))
		h++;
	if (h == b->n && open_bin(b) < 0)
		return -ENOMEM;
	for (int r = 0; r < RES_COUNT; r++)
		if (pl->size[r])
			b->load[h * RES_COUNT + r] += pl->size[r][v];
	pl->host_of[v] = h;
	return 0;
}

int plan_separate(const struct demand *d, const struct plan_opts *o,
		  const size_t *todo, size_t n, struct plan *pl)
{
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));
	struct bins b = {0};
	int rc = order && key ? 0 : -ENOMEM;

	if (rc == 0) {
		memcpy(order, todo, n * sizeof(*order));
		plan_fit_own_key(pl, o->cap, key);
		plan_fit_sort(order, n, key);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = place(&b, pl, o, order[i]);
	pl->nhosts = b.n;
	pl->level = o->p;
	free(b.load);
	free(key);
	free(order);
	return rc;
}
