/*
 * plan_separate.h - the baseline policy: every VM sized alone.
 *
 * Each VM v takes its own percentile-P size s_v[r] of every constrained
 * resource (plan.h), and a host holds a set of VMs when, for every r,
 * sum of s_v[r] <= cap[r]. VMs go first-fit in decreasing order of
 * max_r s_v[r] / cap[r] (first-fit decreasing, vector form).
 */
#ifndef VMUX_PLAN_SEPARATE_H
#define VMUX_PLAN_SEPARATE_H

#include "sim/plan/plan.h"

/*
 * Place TODO[0..N) (VMs of D that fit a host alone; PL->size filled) into
 * PL: host_of, nhosts, level = P. -ENOMEM.
 */
int plan_separate(const struct demand *d, const struct plan_opts *o,
		  const size_t *todo, size_t n, struct plan *pl);

#endif
