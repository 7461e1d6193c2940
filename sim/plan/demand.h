/*
 * demand.h - the demand a plan is fitted to or checked against: for each
 * constrained resource and VM, one value per slot of a window, scaled by
 * the virtualization overhead factor of that resource.
 *
 * A demand is a view, not a copy: over a trace (sim/store/trace.h), whose
 * VMs keep their own spans of 32-bit values, or over a dense matrix it owns
 * (demand_create_dense). Its window is up to DEMAND_MAX_RUNS runs of the
 * source's slots, back to back: a window over a trace leaves out the slots
 * no VM covers (trace_covered: the missing days between non-consecutive
 * days), and a slice that leaves out a block splits a run. Each VM's values are
 * produced when asked for (demand_vm, demand_read): source value times the
 * factor, plus the VM's trend lift if it has one; 0 outside the VM's span
 * and where it was absent inside (or the VM's fill there:
 * demand_fill_absent).
 * So memory follows the readings, not VMs x slots, and a VM is read only
 * over the slots it lives. Slices and selections share the source: it must
 * outlive them.
 *
 * Each VM's mean and population variance per resource (models/gauss.h) are
 * computed once when a demand is made, over its span (the slots outside
 * it add 0 to the sum and the mean's square to the sum of squares).
 *
 * Units are the trace's (cpu cores, mem MiB, disk and net KiB/s). VM v of a
 * demand is VM vm[v] of its source. Invariants: every value is finite and
 * >= 0. prov[r], when non-NULL (r in mask), holds each VM's provisioned
 * size of r (cores, MiB; 0 = unknown), scaled like its demand; slices and
 * selections carry it. Fields after `prov` are private to demand.c.
 */
#ifndef VMUX_DEMAND_H
#define VMUX_DEMAND_H

#include "sim/plan/evaluate.h"
#include "sim/store/trace.h"

#include <stdbool.h>

struct pool;
struct demand_src; /* what the values are read from (private) */

#define DEMAND_MAX_RUNS 64

struct demand {
	size_t nvms, nslots;
	unsigned mask;		 /* RES_MASK bits of the resources */
	size_t *vm;		 /* index of each VM in the source */
	double start, step;	 /* time of slot 0 and slot length, s */
	double end;		 /* time the window's last slot ends, s */
	double *prov[RES_COUNT]; /* per VM, or NULL (none known) */
	struct demand_src *src;
	int nruns; /* the window: source slots */
	size_t run_first[DEMAND_MAX_RUNS], run_len[DEMAND_MAX_RUNS];
	double factor[RES_COUNT];
	double *lift;		 /* nvms x RES_COUNT, or NULL (none) */
	double *fill;		 /* nvms x RES_COUNT, or NULL (none) */
	double *mean[RES_COUNT]; /* per VM, for each resource in mask */
	double *var[RES_COUNT];	 /* per VM, for each resource in mask */
};

/*
 * A view of the covered slots among [FIRST, FIRST + N) of the resources in
 * MASK (all present in T) for the NVMS trace VMs VMS[] (NULL: every VM in
 * order), each value times FACTOR[r] (NULL: 1). T must outlive it. -EINVAL
 * if a resource is missing; -EBADMSG, with a message, if no slot of the
 * window is covered or the covered ones form more than DEMAND_MAX_RUNS
 * runs; -ENOMEM.
 */
int demand_from_trace(const struct trace *t, size_t first, size_t n,
		      unsigned mask, const size_t *vms, size_t nvms,
		      const double *factor, struct demand **out);

/* The slots between D's first and last source slot that its window
 * leaves out: slots no VM covers (trace_covered), or the block a slice
 * held out; 0 for a window of one run. */
size_t demand_left_out(const struct demand *d);

/*
 * A demand over a dense NVMS x NSLOTS matrix per resource of MASK that it
 * owns, every value 0: fill the rows with demand_dense_row(), then call
 * demand_dense_done() before any other use. VM v is source VM v. -ENOMEM.
 */
int demand_create_dense(size_t nvms, size_t nslots, unsigned mask, double start,
			double step, struct demand **out);
/* Row of VM V for R of a dense demand (nslots values, writable). */
double *demand_dense_row(struct demand *d, int r, size_t v);
/* The moments of a dense demand, once its rows are filled. */
void demand_dense_done(struct demand *d);

/*
 * A view of D's slots [FIRST, FIRST + N) (KEEP = true), or of every slot
 * but those (KEEP = false), over the same VMs, with D's lifts but not its
 * fills (a fill is drawn from a window's own slots: a fold fills its own
 * fitting part). -EINVAL if the range is not inside D, -ENOMEM.
 */
int demand_slice(const struct demand *d, size_t first, size_t n, bool keep,
		 struct demand **out);

/*
 * A view of D's VMs IDX[0..N) (indices into D, in that order) over all of
 * D's slots; its vm[] maps to the same source VMs. -EINVAL for an index
 * out of range, -ENOMEM.
 */
int demand_select(const struct demand *d, const size_t *idx, size_t n,
		  struct demand **out);

/*
 * VM V's values of every resource in D's mask over the slots where some
 * may be non-zero: DST[r][*LO .. *HI) (each DST[r] has room for nslots);
 * every other slot is 0 for every resource. *LO == *HI if V demands
 * nothing in the window. O(*HI - *LO).
 */
void demand_vm(const struct demand *d, size_t v, double *const *dst, size_t *lo,
	       size_t *hi);

/* All nslots values of VM V for R into DST. */
void demand_read(const struct demand *d, int r, size_t v, double *dst);

/*
 * Absent is not idle (README: planning). A VM whose span covers only part
 * of D's window (it started late, left early, or is present on some of
 * the days) has no data in the rest; a static plan for a later period, in
 * which every planned VM runs, must not read those slots as no demand:
 * two VMs present at different times would look perfectly complementary
 * and share a host they would overload together. Each such VM of D then
 * reads, outside its span and where it was absent inside it (the ingest's
 * gaps, trace_absent), its own percentile-P size of each resource over the
 * slots it has data (models/size.h), before any lift; its moments follow.
 * A VM with no slot of data in the window stays 0 (vmux plan and
 * frontier leave such VMs out: trace_present). *N: the VMs filled.
 * The VMs are shared by POOL's threads (NULL: none). -ENOMEM.
 */
int demand_fill_absent(struct demand *d, double p, struct pool *pool,
		       size_t *n);

/* VM V's name in D's trace, or NULL for a dense demand (no names). */
const char *demand_name(const struct demand *d, size_t v);

/* Whether R is one of D's resources. */
static inline bool demand_has(const struct demand *d, int r)
{
	return d->mask & RES_MASK(r);
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
 * number of VMs raised on any resource goes into *LIFTED. D must not be
 * lifted already. The VMs are shared by POOL's threads (NULL: none), the
 * result the same. -ENOMEM.
 */
#define DEMAND_TREND_DAYS 3
#define DEMAND_TREND_T 2.0
int demand_lift_trends(struct demand *d, double day, struct pool *pool,
		       size_t *lifted);

/*
 * FN(D, FROM, TO, ROWS, CTX) over D's VMs in consecutive ranges
 * [FROM, TO) of DEMAND_EACH_VMS (the last shorter), the ranges run on
 * POOL's threads (NULL: in the caller, in order), each with scratch ROWS
 * of its own (ROWS[r] has room for nslots, r in D's mask), for work that
 * writes only its own VMs' results: the outcome is the same for any
 * number of threads. 0, -ENOMEM, or FN's error (lib/pool.h: the lowest
 * range's).
 */
#define DEMAND_EACH_VMS 4096
typedef int (*demand_each_fn)(const struct demand *d, size_t from, size_t to,
			      double *const *rows, void *ctx);
int demand_each(const struct demand *d, struct pool *pool, demand_each_fn fn,
		void *ctx);

/* Free D (not its source, unless it owns a dense one). NULL is a no-op. */
void demand_destroy(struct demand *d);

#endif
