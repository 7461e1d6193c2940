/*
 * plan_joint.h - joint sizing on the empirical percentile of each host's
 * summed demand, with correlation-aware selection.
 *
 * A host holds a set G of VMs when at most k = floor((100 - P) / 100 * n)
 * of its n slots have sum_{i in G} x_i[r](t) > cap[r] for some resource r,
 * i.e. its joint percentile-P size fits. In the spirit of Meng et al.
 * (ICAC 2010, "Efficient resource provisioning in compute clouds via VM
 * multiplexing"), which pair VMs whose demand patterns complement each
 * other, each VM (in decreasing order of max_r s_v[r] / cap[r]) goes, among
 * the first PLAN_FIT_CANDIDATES hosts that admit it, to the one whose
 * joint P-size grows least (summed over resources relative to capacity):
 * the host whose peaks its own peaks miss.
 */
#ifndef VMUX_PLAN_JOINT_H
#define VMUX_PLAN_JOINT_H

#include "sim/plan/plan.h"

/*
 * Place TODO[0..N) (VMs of D that fit a host alone; PL->size filled) into
 * PL: host_of, nhosts, level = P. -ENOMEM.
 */
int plan_joint(const struct demand *d, const struct plan_opts *o,
	       const size_t *todo, size_t n, struct plan *pl);

#endif
