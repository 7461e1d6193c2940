/*
 * report.h - `vmux report`: one HTML page (charts beside it, every table
 * also as CSV) from a trace, a plan and the optional outputs of evaluate,
 * frontier, bench and validate.
 *
 * Windows. The plan was fitted on the training window of TRACE
 * ([train_from, train_to), default: all of it; the command fills in the
 * window PLAN.meta records). The evaluation window is
 * [eval_from, eval_to) of EVAL_TRACE when that is given (default: all of
 * it), else of TRACE when eval_from or eval_to is given, else the part of
 * TRACE after train_to if there is one; otherwise there is none. Times are
 * seconds, as in the trace. Capacities are cores of cpu.
 */
#ifndef VMUX_REPORT_H
#define VMUX_REPORT_H

#include "lib/resource.h"

#include <stdbool.h>
#include <stddef.h>

struct report_opts {
	const char *trace, *plan;	/* required */
	const char *eval, *frontier;	/* optional CSV inputs, or NULL */
	const char *bench, *validation; /* optional CSV inputs, or NULL */
	const char *eval_trace;		/* NULL: TRACE */
	const char *out;		/* the report's folder */
	const char *command;		/* the command line, for the page */
	double train_from, train_to;	/* NAN = unset */
	bool train_from_terms;		/* the window from PLAN.meta */
	double eval_from, eval_to;	/* NAN = unset */
	double host_cpu;		/* cores per host, > 0 */
	double host_cap[RES_COUNT];	/* other resources per host (mem MiB,
					 * disk and net KiB/s); 0 = not
					 * constrained; [RES_CPU] unused */
	double percentile;		/* service level, (0, 100) */
	const char *promise;		/* its scope: "fleet" or "host" */
	bool from_terms;		/* percentile from PLAN.meta */
	bool pct_given, promise_given;	/* --percentile, --promise given (else
					 * PLAN.meta's or the default) */
	unsigned caps_from_terms;	/* RES_MASK of capacities PLAN.meta
					 * gave; the others were options */
	/* The plan's seed and policy as PLAN.meta records them, or NULL
	   (no PLAN.meta): the page names them */
	const char *plan_seed, *plan_policy;
	/* PLAN.meta's virt when not none (the report replays no overhead),
	   else NULL */
	const char *plan_virt;
	/* PLAN.meta's step, s: the slots the plan's service level counts (0:
	   not recorded, or no PLAN.meta: the training trace's step) */
	double plan_step;
	/* robust's out-of-sample interval as PLAN.meta records it (has_est
	   false: none, another policy or no PLAN.meta): [est_lo, est_hi],
	   fractions, of the statistic of scope est_scope ("fleet": the
	   overload, "host": the share of hosts above the target; "": not
	   recorded) over a later period of est_period s (0: not recorded, a
	   PLAN.meta of an older vmux) */
	bool has_est;
	double est_lo, est_hi, est_period;
	size_t est_folds; /* the folds the interval is drawn from (0: not
			     recorded, an older PLAN.meta) */
	const char *est_scope;
	size_t top;	/* hosts drawn over time, >= 1 */
	size_t max_vms; /* VMs in the heat map, >= 2 */
	bool charts;	/* false: tables only */

	/* vmux simulate outputs (results, timelines), nsimulation of them */
	const char *const *simulation;
	size_t nsimulation;
};

/*
 * Write the report to O->out (see outdir.h: all or nothing). Returns 0 or
 * a negative errno after printing what failed: -EBADMSG (bad input data,
 * FILE:LINE named), -ENODEV (no gnuplot while charts are wanted), -EEXIST
 * (the folder holds something else), -errno for I/O, -EPROTO when gnuplot
 * fails, -ENOMEM.
 */
int report_write(const struct report_opts *o);

#endif
