/*
 * plan_separate.c - first-fit decreasing on own sizes (see
 * plan_separate.h). A host is a vector of summed sizes; nothing about the
 * VMs' timing is used, which is what makes it the baseline. The first host
 * with room is found through a min-tree over the hosts' loads
 * (sim/plan/hostidx.h), which gives exactly the host a scan in host order
 * gives, in O(log hosts) instead of O(hosts).
 */
#include "sim/plan/plan_separate.h"
#include "sim/plan/hostidx.h"
#include "sim/plan/plan_fit.h"
#include "lib/grow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct bins {
	struct hostidx *ix;
	int res[RES_COUNT], nres; /* constrained resources */
	double limit[RES_COUNT];  /* per constrained resource */
	double *load;		  /* nhosts x nres */
	size_t cap;
};

static int open_bin(struct bins *b, size_t *h)
{
	double zero[RES_COUNT] = {0};
	size_t n = hostidx_count(b->ix);

	if (grow_array((void **)&b->load, &b->cap, n + 1,
		       (size_t)b->nres * sizeof(*b->load), 64))
		return -ENOMEM;
	memset(b->load + n * (size_t)b->nres, 0,
	       (size_t)b->nres * sizeof(double));
	return hostidx_push(b->ix, zero, h);
}

static int place(struct bins *b, struct plan *pl, size_t v)
{
	double x[RES_COUNT];
	double *load;
	size_t h;
	int rc;

	for (int i = 0; i < b->nres; i++)
		x[i] = pl->size[b->res[i]][v];
	h = hostidx_first(b->ix, 0, x, b->limit);
	if (h == HOSTIDX_NONE && (rc = open_bin(b, &h)) < 0)
		return rc;
	load = b->load + h * (size_t)b->nres;
	for (int i = 0; i < b->nres; i++)
		load[i] += x[i];
	hostidx_set(b->ix, h, load);
	pl->host_of[v] = h;
	return 0;
}

static int bins_init(struct bins *b, const struct plan *pl,
		     const struct plan_opts *o)
{
	for (int r = 0; r < RES_COUNT; r++)
		if (pl->size[r]) {
			b->limit[b->nres] = demand_limit(o->cap[r]);
			b->res[b->nres++] = r;
		}
	return hostidx_create(b->nres, &b->ix);
}

int plan_separate(const struct demand *d, const struct plan_opts *o,
		  const size_t *todo, size_t n, struct plan *pl)
{
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));
	struct bins b = {0};
	int rc = order && key ? bins_init(&b, pl, o) : -ENOMEM;

	if (rc == 0) {
		memcpy(order, todo, n * sizeof(*order));
		plan_fit_own_key(pl, o->cap, key);
		plan_fit_sort_vms(order, n, key, d);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = place(&b, pl, order[i]);
	pl->nhosts = b.ix ? hostidx_count(b.ix) : 0;
	pl->level = o->p;
	hostidx_destroy(b.ix);
	free(b.load);
	free(key);
	free(order);
	return rc;
}
