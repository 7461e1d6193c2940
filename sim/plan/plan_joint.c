/*
 * plan_joint.c - joint percentile sizing with least-growth selection (see
 * plan_joint.h). Admission is exact on the window: the host's slots above
 * capacity are counted, not estimated.
 */
#include "sim/plan/plan_joint.h"
#include "sim/plan/plan_fit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int plan_joint(const struct demand *d, const struct plan_opts *o,
	       const size_t *todo, size_t n, struct plan *pl)
{
	struct plan_fit_rule rule = {.empirical = true, .grow_p = o->p};
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));
	int rc = order && key ? 0 : -ENOMEM;

	if (rc == 0) {
		memcpy(order, todo, n * sizeof(*order));
		plan_fit_own_key(pl, o->cap, key);
		plan_fit_sort_vms(order, n, key, d);
		rc = plan_fit_plan(d, o->cap, o->p, order, n, &rule, pl);
	}
	pl->level = o->p;
	free(key);
	free(order);
	return rc;
}
