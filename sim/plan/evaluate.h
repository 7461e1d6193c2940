/*
 * evaluate.h - replay a window of a trace through a placement: how often
 * each host is overloaded, how much demand goes unmet, and how often a VM
 * gets less than it asked for.
 *
 * Model. A host has a capacity cap_r per constrained resource r (trace
 * units: cores, MiB, KiB/s; cap_r = 0 means r is not constrained). In slot
 * s its demand is D_r(s) = sum of x_ir(s) over the VMs i it holds. Over a
 * window of S slots:
 *
 *   overloaded on r in slot s   D_r(s) > cap_r * (1 + 2^-23)  (the
 *                               tolerance is the store's precision: a
 *                               value not kept exactly is the float
 *                               nearest the decimal read, within 2^-24
 *                               of it relatively, and so is a sum of
 *                               such values; a slot whose decimal demand
 *                               is exactly the capacity is not over)
 *   overloaded in slot s        overloaded on ANY constrained r
 *   overload_rate               overloaded slots / S
 *   overload_rate on r          slots overloaded on r / S
 *   unmet_fraction on r         sum_s over(r,s) * (D_r(s) - cap_r)
 *                               / sum_s D_r(s)        (0 if no demand)
 *   violation_rate              violated VM-slots / (VMs * S)
 *
 * An overloaded host splits a resource in proportion to demand: VM i gets
 * x_ir * cap_r / D_r(s), i.e. is short of x_ir * (D_r(s) - cap_r) / D_r(s).
 * A VM-slot is violated when the VM is short of something: it asked for
 * x_ir(s) > 0 of a resource r the host is overloaded on in that slot (a VM
 * asking for nothing loses nothing). VMs that exist only in part of the
 * window (the trace holds 0 outside their span) still count S VM-slots.
 *
 * Totals over hosts add the counts and sums, then divide: slots =
 * host-slots, overload_rate = overloaded host-slots / host-slots,
 * unmet_fraction = sum of excess / sum of demand over all hosts,
 * violation_rate = violated VM-slots / VM-slots. A host holding no VM has
 * slots = 0 and undefined rates (NAN).
 */
#ifndef VMUX_EVALUATE_H
#define VMUX_EVALUATE_H

#include "sim/store/trace.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Coverage: when more than this share of a plan's VMs is missing from the
 * evaluation trace, the hosts replayed are not the hosts planned, and
 * `vmux evaluate` says that the evaluation does not cover the plan.
 */
#define EVAL_MAX_MISSING 0.10

/* Relative tolerance of the overload test (see above): FLT_EPSILON, twice
 * the relative error of a value stored as a float (sim/store/trace.h). */
#define EVAL_REL_TOL 0x1p-23

/* What to replay: a window of slots and one host's capacities. */
struct eval_opts {
	size_t first, nslots;  /* slots [first, first + nslots) */
	double cap[RES_COUNT]; /* per host; 0 = resource not constrained */
};

/* Counts and sums for one host or a set of hosts; add with eval_add(). */
struct eval_stats {
	size_t vms;		  /* VMs evaluated */
	size_t slots;		  /* host-slots (0 for an empty host) */
	size_t overloaded;	  /* host-slots overloaded on any r */
	size_t over[RES_COUNT];	  /* host-slots overloaded on r */
	double demand[RES_COUNT]; /* sum of D_r(s) */
	double unmet[RES_COUNT];  /* sum of over(r,s) (D_r(s) - cap_r) */
	size_t vm_slots;	  /* vms * slots */
	size_t violated;	  /* violated VM-slots */
};

/* One VM's outcome on its host (constrained resources only). */
struct eval_vm {
	size_t violated;	  /* slots it got less than it asked */
	double demand[RES_COUNT]; /* sum of x_ir(s) over the window */
	double unmet[RES_COUNT];  /* sum of what the split withheld */
};

/*
 * Check O against T: the window lies inside T, at least one capacity is
 * > 0, every capacity is finite and >= 0, and each constrained resource is
 * in T. -EINVAL otherwise (no message: callers check their options first).
 */
int eval_check(const struct trace *t, const struct eval_opts *o);

/*
 * Evaluate one host holding the N trace VMs VMS[0..N) into *ST (zeroed
 * first). PER_VM, if not NULL, receives N outcomes in the order of VMS.
 * 0, -EINVAL (see eval_check), -ENOMEM.
 */
int eval_host(const struct trace *t, const size_t *vms, size_t n,
	      const struct eval_opts *o, struct eval_stats *st,
	      struct eval_vm *per_vm);

/*
 * Evaluate a whole placement: HOST_OF[v] is the host (0..NHOSTS-1) of trace
 * VM v, or -1 if v is not placed (not evaluated). HOSTS[0..NHOSTS) receives
 * each host's stats, *TOTAL (if not NULL) their sum. 0, -EINVAL, -ENOMEM.
 */
int eval_placement(const struct trace *t, const long *host_of, size_t nhosts,
		   const struct eval_opts *o, struct eval_stats *hosts,
		   struct eval_stats *total);

/* *SUM += *X, field by field. */
void eval_add(struct eval_stats *sum, const struct eval_stats *x);

/* The rates defined above; NAN when slots = 0. */
double eval_overload_rate(const struct eval_stats *s);
double eval_overload_rate_res(const struct eval_stats *s, enum res r);
double eval_unmet_fraction(const struct eval_stats *s, enum res r);
double eval_violation_rate(const struct eval_stats *s);

/*
 * Whether a host overloaded in a share RATE of its slots is above TARGET,
 * a share (100 - P) / 100: more than TARGET, allowing the rounding of
 * (100 - P) / 100 itself (P99.9 gives 0.000999...94, below the 1 slot of
 * 1,000 that the plan allowed, pack_allowed()) and of a rate read back
 * from 10 significant digits. False for a NAN rate (no slot). The one
 * rule of `vmux evaluate` and `vmux report`.
 */
bool eval_above_target(double rate, double target);

#endif
