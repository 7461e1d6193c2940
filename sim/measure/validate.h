/*
 * validate.h - replay one planned host on real guests: one VM per planned
 * VM, each running the `duty` guest, all vCPU threads capped together at
 * the host's capacity, the trace's slots stepped through in real time.
 *
 * Units. Demand is in cores (the trace's cpu). A "work unit" is one call of
 * work_unit() (vmm/guest/work.h); validate_calibrate() measures how many a
 * guest vCPU does per second on this machine. In slot k, VM v is asked for
 * u = round(d_v(k) * scale * units_per_core_s * slot_s) units (a demand
 * worth less than half a unit is asked as 0 and counts as met: it is below
 * the timing resolution). Capacity is cap * scale cores of CPU bandwidth.
 *
 * Measured, per slot: VM v is short when it delivered fewer than
 * u * (1 - tol) - 1 units by the slot's end (work left over is dropped at
 * the boundary); the host is overloaded when the sum delivered falls short
 * of the sum asked by the same rule. Unmet = sum of (asked - delivered)
 * over asked, counted only in overloaded slots (below the tolerance a
 * shortfall is timing jitter, not a capacity shortage).
 */
#ifndef VMUX_VALIDATE_H
#define VMUX_VALIDATE_H

#include "vmm/accel.h"

#include <stdbool.h>
#include <stddef.h>

struct validate_opts {
	struct accel *acc;
	size_t nslots;
	double slot_s;		 /* real seconds per slot */
	double scale;		 /* demand and capacity multiplier */
	double units_per_core_s; /* native, from validate_calibrate_native */
	double guest_units_per_core_s; /* validate_calibrate; 0: native */
	double tol;	   /* relative shortfall tolerated (e.g. 0.03) */
	double timeout_s;  /* whole replay; <= 0: none */
	const char *guest; /* "duty" unless testing faults */
	bool monitor_cap;  /* use vmux's own throttle, not a cgroup */
	int retries;	   /* runs again of a contaminated slot (see below) */
};

struct validate_host {
	size_t nvms;
	const double *const *demand; /* per VM, nslots cores */
	double cap;		     /* cores, before scaling */
};

struct validate_result {
	size_t slots, vms;
	size_t overloaded; /* measured overloaded slots */
	size_t vm_slots, violated;
	double asked, delivered; /* units over the run */
	double unmet;		 /* units short in overloaded slots */
	double *used;	      /* per slot: cores delivered, unscaled (owned) */
	double cpu_s, wall_s; /* CPU time the vCPU threads got; wall time */
	char enforcement[96]; /* how the cap was held */
	/* Contention (see below). */
	size_t contaminated; /* slots still contaminated when counted */
	size_t repeats;	     /* slot runs repeated for contamination */
	double starved_cpu, starved_entitled; /* CPU s in those slots */
	double others, steal; /* CPU s other processes / the hypervisor took */
	double delay_s;	      /* run-queue delay of the vCPUs, summed */
};

/*
 * Contention. Per slot run, the vCPU threads' CPU time is set against
 * what the cap entitled them to on a machine of their own (the cap shared
 * equally among the VMs still busy, at most a core each); other
 * processes' CPU and steal come from /proc/stat, run-queue delay from
 * schedstat. A slot run in which a guest fell short while its vCPUs got
 * less than their entitlement (beyond the tolerance and one cap period)
 * and other work ran is contaminated: the shortfall was not the plan's;
 * so is one where the cap could serve all that was asked and a guest fell
 * short at all while other work ran.
 * It is run again, up to o->retries times (and half the slot count in
 * all); its last run counts, contaminated or not, and is counted in
 * R->contaminated. Contamination can only add overload, so the measured
 * overload is off by at most R->contaminated / R->slots.
 */

/*
 * Replay H under O into *R (free R->used with validate_result_free).
 * 0; -EINTR if stopped by a signal (validate_interrupt); -ETIMEDOUT past
 * the timeout; -EIO if a guest failed (message printed). The cap is a
 * cgroup where the machine allows one, else vmux's own throttle (a
 * warning says so; R->enforcement names the one used). Every VM,
 * thread and cgroup is gone when it returns.
 */
int validate_run(const struct validate_opts *o, const struct validate_host *h,
		 struct validate_result *r);
void validate_result_free(struct validate_result *r);

/*
 * Work units a guest vCPU does per second of the CPU time it gets,
 * uncapped: the fastest of three 0.2 s runs of the duty guest. Counting
 * CPU time, not wall time, keeps other load on the machine out of it.
 * -errno.
 */
int validate_calibrate(struct accel *acc, double *units_per_core_s);

/*
 * The same natively, on the calling thread (per second of its CPU time):
 * the trace's demand was
 * recorded on real machines, so `vmux validate` converts cores to units at
 * this rate and the guests' virtualization overhead shows as extra load.
 */
int validate_calibrate_native(double *units_per_core_s);

/*
 * The CPU seconds VMs needing NEED[0..N) seconds each (reordered) get in
 * S seconds when C cores are shared equally among the VMs still busy, none
 * faster than one core (each has one vCPU): what a cap of C entitles them
 * to on a machine of their own.
 */
double validate_entitled(double *need, size_t n, double c, double s);

/* Async-signal-safe: make a running validate_run stop at the next slot. */
void validate_interrupt(void);

#endif
