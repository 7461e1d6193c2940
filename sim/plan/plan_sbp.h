/*
 * plan_sbp.h - stochastic bin packing with Gaussian effective sizes.
 *
 * A host holds a set G of VMs when, for every constrained resource r,
 *     sum_{i in G} mu_i + z * sqrt(sum_{i,j in G} rho_ij sigma_i sigma_j)
 *         <= cap[r],   z = Phi^-1(P / 100)
 * (models/gauss.h; the double sum is the variance of G's summed demand,
 * grown one member at a time with BLAS dot products). VMs go first-fit in
 * decreasing order of max_r (mu + z sigma) / cap[r].
 */
#ifndef VMUX_PLAN_SBP_H
#define VMUX_PLAN_SBP_H

#include "sim/plan/plan.h"

/*
 * Place TODO[0..N) (VMs of D that fit a host alone) into PL: host_of,
 * nhosts, level = z. -ENOMEM.
 */
int plan_sbp(const struct demand *d, const struct plan_opts *o,
	     const size_t *todo, size_t n, struct plan *pl);

#endif
