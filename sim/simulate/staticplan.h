/*
 * staticplan.h - vmux's static plan as a placement for the simulator
 * (SIM_STATIC): the day's CPU demand in MIPS (utilisation x VM size) and
 * each VM's RAM (if RAM constrains), planned by sim/plan (robust policy,
 * percentile P) on hosts the size of the catalogue's largest type; plan host k
 * becomes the k-th host of that type, then of the others, in index order. The
 * plan is fitted to the whole day it is replayed on (hindsight), so it shows
 * the best a static placement can do.
 */
#ifndef VMUX_STATICPLAN_H
#define VMUX_STATICPLAN_H

#include "sim/simulate/catalogue.h"
#include "sim/simulate/workload.h"

#include <stdbool.h>
#include <stdint.h>

/* What the plan needed of the catalogue, for messages. */
struct staticplan_info {
	const struct host_type *big; /* the largest type, planned for */
	size_t big_hosts;	     /* hosts of that type in the catalogue */
	size_t need;		     /* hosts the plan uses */
	long unplaced;		     /* the first VM no host holds, or -1 */
	double cpu;		     /* its planned size, MIPS */
};

/* Host index of each of W's VMs into PLACEMENT (nvms entries), and *INFO.
 * -ENOSPC if a VM fits on no host (INFO->unplaced) or the plan needs more
 * hosts than CAT has (INFO->need), -ENOMEM. */
int staticplan_place(const struct workload *w, const struct catalogue *cat,
		     double p, uint64_t seed, bool ram, int *placement,
		     struct staticplan_info *info);

#endif
