/*
 * demand.h - the demand a plan is fitted to or checked against: for each
 * constrained resource, a dense VMs x slots matrix (row-major, one
 * contiguous row per VM), copied out of a trace window and scaled by the
 * virtualization overhead factor of that resource.
 *
 * Units are the trace's (cpu cores, mem MiB, disk and net KiB/s). VM v of a
 * demand is VM vm[v] of the trace it came from. Invariants: every value is
 * finite and >= 0; x[r] is non-NULL exactly for the resources in mask.
 * prov[r], when non-NULL (r in mask), holds each VM's provisioned size of r
 * (cores, MiB; 0 = unknown), scaled like its demand; slices and selections
 * carry it.
 */
#ifndef VMUX_DEMAND_H
#define VMUX_DEMAND_H

#include "sim/plan/evaluate.h"
#include "sim/store/trace.h"

#include <stdbool.h>

struct demand {
	size_t nvms, nslots;
	unsigned mask;		 /* RES_MASK bits of the resources */
	double *x[RES_COUNT];	 /* nvms x nslots each, or NULL */
	double *prov[RES_COUNT]; /* per VM, or NULL (none known) */
	size_t *vm;		 /* index of each VM in the trace */
	double start, step;	 /* time of slot 0 and slot length, s */
};

/*
 * Copy slots [FIRST, FIRST + N) of the resources in MASK (all present in T)
 * for the NVMS trace VMs VMS[] (NULL: every VM in order), each value times
 * FACTOR[r] (NULL: 1). -EINVAL if a resource is missing, -ENOMEM.
 */
int demand_from_trace(const struct trace *t, size_t first, size_t n,
		      unsigned mask, const size_t *vms, size_t nvms,
		      const double *factor, struct demand **out);

/*
 * Copy D's slots [FIRST, FIRST + N) (KEEP = true), or every slot but those
 * (KEEP = false), into a new demand over the same VMs. -EINVAL if the
 * range is not inside D, -ENOMEM.
 */
int demand_slice(const struct demand *d, size_t first, size_t n, bool keep,
		 struct demand **out);

/*
 * Copy the rows of D's VMs IDX[0..N) (indices into D, in that order) into a
 * new demand over all of D's slots; its vm[] maps to the same trace VMs.
 * -EINVAL for an index out of range, -ENOMEM.
 */
int demand_select(const struct demand *d, const size_t *idx, size_t n,
		  struct demand **out);

/* Row of VM V for resource R. */
static inline const double *demand_row(const struct demand *d, int r, size_t v)
{
	return d->x[r] + v * d->nslots;
}

/*
 * The largest summed demand that is not "above" capacity CAP: sums of
 * decimal values land a few ulps off (0.1 + 0.2 + 0.7 > 1 in binary), which
 * must not count as an overload. Planning uses evaluation's rule
 * (sim/plan/evaluate.h), so a plan evaluated on its own window shows the
 * overload it was packed to.
 */
static inline double demand_limit(double cap)
{
	return cap * (1 + EVAL_REL_TOL);
}

/*
 * Trend rule ("keep apart what may grow"; README: planning). Over a window
 * of D >= DEMAND_TREND_DAYS whole days of DAY seconds, a VM's resource r
 * has daily medians m_1..m_D (a median, so hours a VM was absent, held
 * as 0, do not fake a trend); their least-squares slope b (per day) with
 * standard error se. When b > 0 and b >= DEMAND_TREND_T * se (a rise the
 * day-to-day noise does not explain), every slot of that row is raised by
 * b * (D + 1) / 2: the fitted line's value one day past the window minus
 * the window's mean of the medians, so the VM is packed at the level it is
 * heading for and two growing VMs are not stacked as if they stayed small.
 * Shorter windows are left alone (within a day, a rise is the daily cycle). The
 * number of VMs raised on any resource goes into *LIFTED.
 */
#define DEMAND_TREND_DAYS 3
#define DEMAND_TREND_T 2.0
void demand_lift_trends(struct demand *d, double day, size_t *lifted);

/* Free D. NULL is a no-op. */
void demand_destroy(struct demand *d);

#endif
