/*
 * plan_sbp.c - stochastic bin packing (see plan_sbp.h). Only the Gaussian
 * rule admits a VM: the empirical count is not consulted, so this policy
 * shows what the normal approximation alone promises.
 */
#include "sim/plan/plan_sbp.h"
#include "sim/plan/plan_fit.h"
#include "models/gauss.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int plan_sbp(const struct demand *d, const struct plan_opts *o,
	     const size_t *todo, size_t n, struct plan *pl)
{
	struct plan_fit_rule rule = {.gauss = true, .z = gauss_z(o->p)};
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));
	int rc = order && key ? 0 : -ENOMEM;

	if (rc == 0) {
		memcpy(order, todo, n * sizeof(*order));
		plan_fit_gauss_key(d, o->cap, rule.z, key);
		plan_fit_sort_vms(order, n, key, d);
		rc = plan_fit_plan(d, o->cap, o->p, order, n, &rule, pl);
	}
	pl->level = rule.z;
	free(key);
	free(order);
	return rc;
}
