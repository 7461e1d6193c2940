/*
 * validate_runs.h - one planned host replayed N times (validate.h) and
 * what the runs say together: per metric the median and the range over
 * the runs that can be trusted, and why the others cannot.
 *
 * A run is reliable when at most VALIDATE_MAX_CONTAMINATED of its slots
 * were still contaminated after their repeats (validate.h): contamination
 * only adds overload, so such a run's measured overload is off by at most
 * that much. Unreliable runs are left out of the medians; when no run is
 * reliable the medians are over all runs and the host is marked
 * unreliable. Metrics are fractions: overload = overloaded slots / slots,
 * unmet = units short in overloaded slots / units asked, violation =
 * VM-slots short / VM-slots, used_p = the P-percentile of the cores the
 * guests used per slot (for the saving).
 */
#ifndef VMUX_VALIDATE_RUNS_H
#define VMUX_VALIDATE_RUNS_H

#include "sim/measure/spread.h"
#include "sim/measure/validate.h"

#define VALIDATE_MAX_CONTAMINATED 0.01

enum validate_metric { VM_OVERLOAD, VM_UNMET, VM_VIOLATION, VM_USED, VM_N };

/* One run's sums (used freed) and its metrics. */
struct validate_run {
	struct validate_result r;
	double m[VM_N];
	bool reliable;
};

struct validate_runs {
	int n, reliable; /* runs, reliable runs */
	struct validate_run run[SPREAD_MAX];
	struct spread s[VM_N]; /* over the reliable runs (all if none) */
	double contaminated;   /* the worst run's contaminated fraction */
	double share; /* CPU received / entitled in contaminated slots */
	double others, steal; /* cores, mean over the runs */
	double vcpu_cores;    /* what the vCPUs got, mean over the runs */
};

/*
 * Replay H under O N times (1 <= N <= SPREAD_MAX) into *OUT, the
 * P-percentile for used_p. Stops at the first failing run: its -errno
 * (validate_run's).
 */
int validate_runs(const struct validate_opts *o, const struct validate_host *h,
		  int n, double p, struct validate_runs *out);

/*
 * Sum run I of each of SETS[0..NSETS) (hosts replayed in turn) into
 * *OUT's run I, for every I < min n, and summarize as above; used_p is
 * summed across the sets (the saving's numerator adds host by host).
 */
void validate_runs_total(const struct validate_runs *const *sets, size_t nsets,
			 struct validate_runs *out);

#endif
