/*
 * plan.h - consolidation plans: which host each VM runs on.
 *
 * A plan is fitted to a demand (sim/plan/demand.h: one window of a trace, per
 * constrained resource, already scaled by any virtualization overhead).
 * Every host has the same capacity cap[r] of each constrained resource r.
 * The service level P (percent) allows a host
 * k = floor((100 - P) / 100 * n) of its n slots with its summed demand above
 * capacity on some resource (sim/plan/pack.h). A VM's own size s_v[r] is its
 * percentile-P size (models/size.h); a VM whose own size exceeds the host
 * on some resource fits on no host and is left unplaced, whatever the
 * policy. Policies (the README gives formulas and sources):
 *   separate  s_v alone, first-fit decreasing on the sum of sizes;
 *   sbp       Gaussian effective size at z = Phi^-1(P / 100);
 *   joint     empirical P-percentile of each host's summed demand, placing
 *             each VM where the host's joint size grows least;
 *   robust    joint and Gaussian checks at an in-sample level calibrated by
 *             cross-validation on held-back blocks of the window.
 * Hosts are numbered 0..nhosts-1 in the order they were opened; every host
 * holds at least one VM.
 */
#ifndef VMUX_PLAN_H
#define VMUX_PLAN_H

#include "sim/plan/demand.h"

#include <stdint.h>

#define PLAN_UNPLACED SIZE_MAX

enum plan_policy {
	PLAN_SEPARATE,
	PLAN_SBP,
	PLAN_JOINT,
	PLAN_ROBUST,
	PLAN_NPOLICY
};

/* What the service level is a promise about (README: planning). */
enum plan_promise {
	PLAN_PROMISE_FLEET, /* overloaded host-slots / all host-slots */
	PLAN_PROMISE_HOST,  /* each host's overloaded slots / its slots */
};

struct plan_opts {
	double p;	       /* service level, percent, in (0, 100) */
	double cap[RES_COUNT]; /* > 0 for each resource in the demand */
	uint64_t seed;	       /* robust: which VMs calibrate a large trace */
	enum plan_promise promise; /* robust: what calibration aims at */
	size_t window; /* robust: most hosts open at once (sim/plan/plan_fit.h;
			* 0: PLAN_FIT_WINDOW, SIZE_MAX: all, exhaustive) */
	unsigned threads; /* robust: threads that plan (plan_threads()) */
	bool cost_apart;  /* robust: pack once more without the keep-apart
			   * rule for hosts_unapart (what the rule costs:
			   * only plan's summary says it; else not packed) */
};

struct plan {
	enum plan_policy policy;
	size_t nvms, nhosts, unplaced;
	size_t *host_of;	 /* per demand VM, or PLAN_UNPLACED */
	double *size[RES_COUNT]; /* per demand VM: own P-size, per resource */
	double level;	/* what the hosts were packed to: percentile (separate,
			 * joint, robust) or z (sbp) */
	double heldout; /* robust: held-out overload estimate at level, as a
			 * fraction; NAN for the other policies */
	double est_lo, est_hi; /* robust: interval for the overload of a later
				* period (README); NAN otherwise */
	double est_mean;       /* robust: mean of the folds at level */
	size_t folds;	       /* robust: held-out folds (0: not calibrated) */
	size_t fold_above;     /* robust: hosts above the target in the */
	size_t fold_hosts;     /* folds at level, of the hosts replayed */
	bool fold_days;	       /* robust: the folds are whole days */
	double fold_secs;      /* robust: a held-out fold's length, s (a
				* day, or the window / ROBUST_FOLDS) */
	size_t lifted;	       /* robust: VMs raised by the trend rule */
	size_t absent;	       /* VMs absent from part of the window, held
				* at their own size there (demand.h) */
	size_t apart;	       /* robust: VMs kept apart as may grow */
	size_t apart_over;     /* robust: of those, VMs whose reservation
				* (pack.h) alone exceeds the host's
				* capacity */
	size_t apart_alone;    /* of apart_over, VMs alone on their host */
	size_t hosts_unapart;  /* robust with VMs kept apart and
				* o->cost_apart: the hosts the same packing
				* takes without the rule; else nhosts */
	double over_lo[RES_COUNT]; /* apart_over VMs' smallest and largest */
	double over_hi[RES_COUNT]; /* reservation above the host (0) */
	bool level_capped; /* robust: even the most cautious level missed */
	size_t cal_vms;	   /* robust: VMs the calibration packed */
};

/* What a plan promises on the window it was fitted to. */
struct plan_summary {
	size_t vms, hosts, unplaced;
	double sum_individual[RES_COUNT]; /* sum of placed VMs' own sizes */
	double sum_joint[RES_COUNT];	  /* sum of hosts' P-sizes */
	double overload; /* overloaded host-slots / host-slots; NaN when
			    there is none (no host) */
};

/* The policies' names in enum order, NULL-terminated: the one list
 * (option tables and help text use it). */
extern const char *const plan_policy_names[PLAN_NPOLICY + 1];

/*
 * One row of the per-host table (plan_hosts): what a capacity planner reads
 * first. headroom[r] = 1 - joint[r] / cap[r] (negative when the joint size
 * is above capacity, which the service level allows up to P).
 */
struct plan_host {
	size_t vms;
	double own[RES_COUNT];	    /* sum of its VMs' own P-sizes */
	double joint[RES_COUNT];    /* P-size of its summed demand */
	double headroom[RES_COUNT]; /* 1 - joint / cap */
	double overload;	    /* overloaded slots / slots, in sample */
};

/*
 * Fill HOSTS[0..PL->nhosts) for PL over D (the demand it was fitted to).
 * Resources not in D are 0. -ENOMEM.
 */
int plan_hosts(const struct plan *pl, const struct demand *d,
	       const struct plan_opts *o, struct plan_host *hosts);

/*
 * The threads planning under O uses: O->threads if not 0, else
 * $VMUX_THREADS if it is a whole number in [1, PLAN_MAX_THREADS] (for
 * tests that compare the plans of 1 and N threads; anything else is
 * ignored), else one per online CPU. The plan is the same for any number.
 */
#define PLAN_MAX_THREADS 256
unsigned plan_threads(const struct plan_opts *o);

/* "separate", "sbp", "joint", "robust". */
const char *plan_policy_name(enum plan_policy p);
/* Parse a policy name; -EINVAL if unknown. */
int plan_policy_parse(const char *name, enum plan_policy *out);
/* The promise scopes' names in enum order, NULL-terminated. */
extern const char *const plan_promise_names[];
/* "fleet", "host". */
const char *plan_promise_name(enum plan_promise p);
/* Parse a promise scope; -EINVAL if unknown. */
int plan_promise_parse(const char *name, enum plan_promise *out);

/*
 * Plan D's VMs under O with POLICY into *OUT (plan_destroy it). D and O are
 * only read. -EINVAL for P outside (0, 100) or a capacity not > 0, -ENOMEM.
 */
int plan_create(enum plan_policy policy, const struct demand *d,
		const struct plan_opts *o, struct plan **out);
/* Free PL. NULL is a no-op. */
void plan_destroy(struct plan *pl);

/*
 * The placed VMs of PL ordered by host, then by NAME (one per VM of PL;
 * byte order), the plan file's row order, into ROWS (nvms - unplaced
 * entries): the same rows whatever the order of the trace's rows. -ENOMEM.
 */
int plan_rows(const struct plan *pl, const char *const *name, size_t *rows);

/* Fill *S for PL over D (the demand it was fitted to). -ENOMEM. */
int plan_summarize(const struct plan *pl, const struct demand *d,
		   const struct plan_opts *o, struct plan_summary *s);

#endif
