/*
 * plan_fit.h - first-fit decreasing over hosts being filled (sim/plan/pack.h),
 * with the admission rules the policies combine.
 *
 * VMs are taken in the order given (policies sort them by decreasing size
 * with plan_fit_sort). Each goes on the first open host that admits it, or,
 * with a growth level set, on the host among the first PLAN_FIT_CANDIDATES
 * admitting ones whose joint size grows least; a VM no host admits opens a
 * new host of its own (callers have already set aside VMs too big for a
 * host alone). A host admits VM v when its mean demand plus v's fits and,
 * where enabled, its slots above capacity with v stay within the pack's
 * allowance (empirical), its Gaussian effective size with v fits (gauss)
 * and v and the host's VMs that may grow could not together outgrow it
 * (apart).
 *
 * Bounded search (window W > 0): at most W hosts are open; when a VM
 * opens host W + 1, the open host with the least Gaussian room (the
 * smallest min over resources of (limit - mean - z sd) / capacity of its
 * summed demand; ties: the lowest index) is closed and takes no VM after.
 * So each VM is tried on at most W hosts, not on every host of a large
 * fleet, and the packing is linear in VMs. A plan that never has more than
 * W hosts is exactly the unbounded first fit's.
 *
 * Levelling (level, with gauss): after the last VM, VMs move from the
 * open hosts with the least Gaussian room to the one with the most, one
 * at a time while a move raises the smaller room of the two, so the
 * plan's spare room is spread over its hosts instead of being left on the
 * last one opened (plan_fit.c, level_hosts). Same hosts, same rules met;
 * VMs that may grow do not move.
 */
#ifndef VMUX_PLAN_FIT_H
#define VMUX_PLAN_FIT_H

#include "sim/plan/pack.h"
#include "sim/plan/plan.h"

#include <stdbool.h>

/* Hosts compared by the least-growth choice (Meng et al. in spirit). */
#define PLAN_FIT_CANDIDATES 8
/* The robust policy's window (bounded search, above). */
#define PLAN_FIT_WINDOW 128

/* The window plan_opts' WINDOW means: WINDOW itself, PLAN_FIT_WINDOW for
 * 0, and 0 (every host open: the exhaustive search) for SIZE_MAX. */
size_t plan_fit_window(size_t window);

struct plan_fit_rule {
	bool empirical; /* count slots above capacity against the allowance */
	bool gauss;	/* Gaussian effective size at z must fit */
	double z;
	double grow_p; /* > 0: least growth of the percentile-grow_p size */
	bool apart;    /* keep apart what may grow (pack_apart_fits) */
	size_t window; /* > 0: at most this many hosts open (see above) */
	bool level;    /* level the open hosts' room at the end (above) */
};

/*
 * Sort IDX[0..N) by decreasing KEY[IDX[i]], ties by increasing index, so
 * the result does not depend on the sort algorithm.
 */
void plan_fit_sort(size_t *idx, size_t n, const double *key);

/*
 * The same for VMs of D (NULL: no names): ties by name (byte order), then
 * index, so that
 * a plan does not depend on the order of the trace's rows (two VMs of one
 * size were placed in the order the trace first named them).
 */
void plan_fit_sort_vms(size_t *idx, size_t n, const double *key,
		       const struct demand *d);

/* Place ORDER[0..N) into PK under RULE. -ENOMEM. */
int plan_fit(struct pack *pk, const size_t *order, size_t n,
	     const struct plan_fit_rule *rule);

/* KEY[v] = max over resources of PL->size[r][v] / CAP[r], for every VM. */
void plan_fit_own_key(const struct plan *pl, const double *cap, double *key);

/*
 * KEY[v] = max over resources of (mu + Z sigma) / CAP[r], the Gaussian
 * effective size of VM v alone relative to the host, for every VM of D.
 */
void plan_fit_gauss_key(const struct demand *d, const double *cap, double z,
			double *key);

/*
 * Pack ORDER[0..N) of D under RULE on hosts of capacity CAP that allow the
 * slots above capacity of level P_ALLOW (pack_allowed), and record the
 * hosts in PL (host_of of those VMs, nhosts). -ENOMEM.
 */
int plan_fit_plan(const struct demand *d, const double *cap, double p_allow,
		  const size_t *order, size_t n,
		  const struct plan_fit_rule *rule, struct plan *pl);

#endif
