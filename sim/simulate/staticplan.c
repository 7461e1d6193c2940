/*
 * staticplan.c - a static vmux plan replayed in the simulator (see
 * staticplan.h).
 */
#include "sim/simulate/staticplan.h"
#include "sim/plan/plan.h"

#include <errno.h>
#include <float.h>
#include <stdbool.h>
#include <stdlib.h>

static struct demand *day_demand(const struct workload *w, bool ram)
{
	size_t n = workload_nvms(w), ns = workload_nsamples(w) - 1;
	unsigned mask = RES_MASK(RES_CPU) | (ram ? RES_MASK(RES_MEM) : 0);
	struct demand *d;

	if (demand_create_dense(n, ns, mask, 0, WORKLOAD_STEP, &d) < 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct vm_type *t =
		    workload_vm_type(workload_type_of(w, i));
		const double *u = workload_series(w, i);
		double *cpu = demand_dense_row(d, RES_CPU, i);
		double *mem = ram ? demand_dense_row(d, RES_MEM, i) : NULL;

		for (size_t k = 0; k < ns; k++) {
			cpu[k] = u[k] * t->mips;
			if (ram)
				mem[k] = t->ram_mb;
		}
	}
	demand_dense_done(d);
	return d;
}

/* The largest host type with hosts (by total MIPS; the catalogue has
 * some) and the host order it implies. */
static const struct host_type *largest(const struct catalogue *cat)
{
	const struct host_type *big = NULL;

	for (size_t i = 0; i < catalogue_ntypes(cat); i++) {
		const struct host_type *t = catalogue_type(cat, i);

		if (t->count &&
		    (!big || t->mips * t->cores > big->mips * big->cores))
			big = t;
	}
	return big;
}

/* INFO from the plan PL on CAT's hosts of type INFO->big. */
static void describe(const struct plan *pl, const struct catalogue *cat,
		     struct staticplan_info *info)
{
	info->big_hosts = 0;
	for (size_t i = 0; i < catalogue_nhosts(cat); i++)
		info->big_hosts += catalogue_host_type(cat, i) == info->big;
	info->need = pl->nhosts;
	info->unplaced = -1;
	for (size_t v = 0; pl->unplaced && v < pl->nvms; v++)
		if (pl->host_of[v] == PLAN_UNPLACED) {
			info->unplaced = (long)v;
			info->cpu = pl->size[RES_CPU][v];
			break;
		}
}

static int map_hosts(const struct plan *pl, const struct catalogue *cat,
		     const struct host_type *big, int *placement)
{
	size_t nh = catalogue_nhosts(cat), k = 0;
	int *host = malloc((pl->nhosts + 1) * sizeof(*host));

	if (!host)
		return -ENOMEM;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nh && k < pl->nhosts; i++)
			if ((catalogue_host_type(cat, i) == big) == (pass == 0))
				host[k++] = (int)i;
	for (size_t v = 0; k == pl->nhosts && v < pl->nvms; v++)
		placement[v] =
		    pl->host_of[v] == PLAN_UNPLACED ? -1 : host[pl->host_of[v]];
	free(host);
	return k == pl->nhosts && pl->unplaced == 0 ? 0 : -ENOSPC;
}

int staticplan_place(const struct workload *w, const struct catalogue *cat,
		     double p, uint64_t seed, bool ram, int *placement,
		     struct staticplan_info *info)
{
	const struct host_type *big = largest(cat);
	struct plan_opts o = {.p = p, .seed = seed};
	struct demand *d = day_demand(w, ram);
	struct plan *pl = NULL;
	int rc;

	if (!d)
		return -ENOMEM;
	o.cap[RES_CPU] = big->mips * big->cores;
	if (ram) /* 0 MB holds no VM: each left unplaced, as one too large
		    (the plan takes no capacity of 0) */
		o.cap[RES_MEM] = big->ram_mb > 0 ? big->ram_mb : DBL_MIN;
	rc = plan_create(PLAN_ROBUST, d, &o, &pl);
	info->big = big;
	if (rc == 0) {
		describe(pl, cat, info);
		rc = map_hosts(pl, cat, big, placement);
	}
	plan_destroy(pl);
	demand_destroy(d);
	return rc;
}
