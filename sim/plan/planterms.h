/*
 * planterms.h - the terms a plan was made under, kept beside the plan file
 * as PLAN.meta: one `key=value` line each, so that plan.csv stays a plain
 * CSV and later commands replay the plan at the capacities it was packed
 * for.
 *
 * Keys written (README: planning, "Plan files"): host_cpu, host_mem,
 * host_disk, host_net (capacity per host; absent = not constrained),
 * percentile, promise (fleet | host), applies_to (what the percentile
 * counts), policy, level (the in-sample level packed to), estimate_lo,
 * estimate_hi (robust's out-of-sample interval, fractions, of the promise's
 * statistic), estimate_period (the period the interval is of: a held-out
 * fold's length, s; absent from older vmux's files), train_from,
 * train_to (seconds, [from, to)), slots, step, trace, trace_size,
 * trace_sha256, seed, virt, virt_factor_cpu, virt_factor_mem,
 * virt_factor_disk, virt_factor_net (the factor --virt applied to each
 * constrained resource; absent with virt=none and from older vmux's
 * files), growth, trend_lifted_vms, absent_vms,
 * no_data_vms, may_grow_vms (counts of VMs), window, vmux_version, vmux_build
 * (the commit built from, lib/version.h), plan_sha256 (SHA-256 of the plan file
 * itself: a PLAN.meta left from another run is recognised and ignored). Unknown
 * keys are ignored when reading, so later versions may add keys.
 */
#ifndef VMUX_PLANTERMS_H
#define VMUX_PLANTERMS_H

#include "lib/resource.h"
#include "lib/filehash.h"
#include "lib/sha256.h"
#include "sim/plan/plan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PLANTERMS_STR 256
#define PLANTERMS_UNKNOWN SIZE_MAX /* a count not recorded (not written) */

struct plan_terms {
	double cap[RES_COUNT]; /* per host; 0 = not constrained */
	double percentile;     /* P: the service level, percent */
	char promise[8];       /* "fleet" or "host" */
	char policy[16];
	double level;	       /* in-sample level packed to (NAN: none) */
	double est_lo, est_hi; /* out-of-sample interval (NAN: none) */
	double est_period;     /* s: the period the interval is of (NAN: none,
				* or not recorded: older vmux) */
	size_t est_folds;      /* the held-out folds the interval is drawn
				* from (0: none, or not recorded: older vmux) */
	double train_from, train_to; /* seconds */
	size_t slots;
	double step;
	char trace[PLANTERMS_STR]; /* file name as given */
	uint64_t trace_size;	   /* bytes; 0 with no hash (standard input) */
	char trace_sha256[SHA256_HEX_LEN + 1]; /* "" if not hashed */
	uint64_t seed;
	char virt[16];
	double virt_factor[RES_COUNT]; /* --virt's factor per constrained
					* resource; 0: not recorded (virt
					* none, or older vmux) */
	double growth; /* demand planned for = trace x (1 + growth) */
	size_t lifted; /* VMs raised by the trend rule, or PLANTERMS_UNKNOWN
			* (older vmux, merged older shard files) */
	size_t absent; /* VMs planned at their own size where absent, or
			* PLANTERMS_UNKNOWN (older vmux, merged older shard
			* files) */
	size_t nodata; /* VMs with no data in the window, not planned, or
			* PLANTERMS_UNKNOWN (older vmux, older shard files) */
	size_t apart;  /* VMs that may grow, kept apart (plan.h), or
			* PLANTERMS_UNKNOWN (older vmux, older shard files) */
	size_t window; /* robust: most hosts open at once, 0: every host;
			* PLANTERMS_UNKNOWN for other policies */
	char version[32];
	char build[64]; /* vmux_build; "" when not recorded (older vmux) */
};

/*
 * The training window: its first slot's time, the time its last slot
 * ends, its slots and step (s). SLOTS counts the slots with data, so
 * start + slots x step < end when some had none (trace_covered).
 */
struct planterms_window {
	double start, end;
	size_t slots;
	double step;
};

/* An empty set of terms (no capacity, NAN level, interval and period,
 * lifted PLANTERMS_UNKNOWN). */
void planterms_clear(struct plan_terms *t);

/*
 * The terms every plan has, for POLICY under O over the resources of
 * MASK, fitted to window W of TRACE (as planterms_fill below); level and
 * interval NAN, lifted PLANTERMS_UNKNOWN: what a bucketed plan records,
 * whose buckets calibrate each on its own. -errno as planterms_fill.
 */
int planterms_fill_base(struct plan_terms *t, const struct plan_opts *o,
			unsigned mask, enum plan_policy policy,
			const struct planterms_window *w, const char *trace,
			struct filehash *hash, const char *virt, double growth);

/*
 * Fill *T with the terms of PL, fitted under O to D, a window of the trace
 * file TRACE ("-": standard input), demand inflated by the overhead of
 * VIRT (NULL: none) and by 1 + GROWTH. TRACE's size and digest are HASH's
 * (lib/filehash.h: started on TRACE by the caller, waited for here; NULL:
 * none recorded): -errno (path printed) if it could not be read.
 */
int planterms_fill(struct plan_terms *t, const struct plan *pl,
		   const struct demand *d, const struct plan_opts *o,
		   const char *trace, struct filehash *hash, const char *virt,
		   double growth);

/* Record F[r], the factor of --virt for each resource, for the
 * resources T constrains; nothing when T's virt is none. */
void planterms_virt_factors(struct plan_terms *t, const double *f);

/* Write T's key=value lines, then plan_sha256=PLAN_SHA256 unless it is
 * NULL, to FP. */
void planterms_write(FILE *fp, const struct plan_terms *t,
		     const char *plan_sha256);

/*
 * One key=value LINE into T (what planterms_read does per line; unknown
 * keys and plan_sha256 skipped). A bad line is "FILE:LINENO: field 'KEY':
 * reason", -EBADMSG.
 */
int planterms_set(struct plan_terms *t, const char *line, const char *file,
		  unsigned long lineno);

/*
 * 0 if A and B record the same terms, else -EINVAL with the first
 * difference as "KEY=A vs KEY=B" in WHY[N].
 */
int planterms_compare(const struct plan_terms *a, const struct plan_terms *b,
		      char *why, size_t n);

/*
 * Read the terms of the plan file PLAN from PLAN.meta into *T. *FOUND is
 * false (and 0 returned) when there is no PLAN.meta, or it was written for
 * another version of PLAN (plan_sha256 differs: a warning says so). A line
 * that is not key=value, holds a NUL byte or a bad number, a percentile
 * outside (0, 100) or a promise other than fleet or host is "FILE:LINE:
 * field 'KEY': reason", -EBADMSG; an unreadable file -errno with its path.
 */
int planterms_read(const char *plan, struct plan_terms *t, bool *found);

/*
 * The capacities to replay PLAN at, from its terms T as planterms_read
 * gave them (FOUND: it found any). CAP[r] holds what the command line
 * gave (0 = not given); where T records a capacity the command line did
 * not give, it is filled in. Returns 0, or VMUX_EXIT_USAGE (2), having
 * printed "CMD: option '--host-R' V conflicts with the plan's host_R=W
 * (PLAN.meta)", when both give one and they differ. A resource given on
 * the command line that the plan was not packed for is kept, with a
 * warning. With no cpu capacity from either, VMUX_EXIT_USAGE naming
 * '--host-cpu' as required; for a plan read from standard input (PLAN
 * "-", which has no PLAN.meta) the message names the options that give
 * its terms instead: "--host-cpu" followed by TERMS_OPTS (CMD's own, e.g.
 * " and --percentile").
 */
int planterms_caps(const char *cmd, const char *plan,
		   const struct plan_terms *t, bool found, double *cap,
		   const char *terms_opts);

/*
 * Say that TRACE has no column for resource R, which the replay of PLAN
 * constrains at CAP: "CMD: the plan 'PLAN' was packed for R (host_R=CAP,
 * PLAN.meta), but 'TRACE' has no 'R' column" when the capacity came from
 * PLAN.meta (FROM_TERMS), else "CMD: option '--host-R': 'TRACE' has no
 * 'R' column" (the option the user gave).
 */
void planterms_no_column(const char *cmd, const char *plan, bool from_terms,
			 enum res r, double cap, const char *trace);

/*
 * For a command that replays cpu alone (validate): when CAP (filled by
 * planterms_caps) constrains another resource, a note "CMD: the plan
 * 'PLAN' was packed for mem too (host_mem=M, PLAN.meta): the guests
 * replay cpu alone, ..." so that its cpu rates are not read as the plan's.
 */
void planterms_cpu_only(const char *cmd, const char *plan, const double *cap);

/*
 * The service level to replay PLAN at, from T and FOUND by the same rule
 * as the capacities: *P is the command line's percentile (NAN: not given)
 * and *PROMISE its scope (an enum plan_promise, -1: not given); what T
 * records and the command line did not give is filled in, and what neither
 * gives is P = 95, promise fleet. *FROM_TERMS (may be NULL) says whether
 * the terms gave the percentile. Returns 0, or VMUX_EXIT_USAGE (2),
 * having printed "CMD: option '--percentile' V conflicts with the plan's
 * percentile=W (PLAN.meta)" (or '--promise'), when both give one and they
 * differ.
 */
int planterms_level(const char *cmd, const char *plan,
		    const struct plan_terms *t, bool found, double *p,
		    int *promise, bool *from_terms);

/*
 * Warn when PLAN is replayed under another overhead style than it was
 * packed under: VIRT is the command line's --virt (NULL: none), T and
 * FOUND the plan's terms. "CMD: the plan 'PLAN' was packed with
 * virt=full (PLAN.meta) and is replayed with virt=none: ...". A plan
 * without terms, or recording none where none is given, says nothing.
 */
void planterms_virt(const char *cmd, const char *plan,
		    const struct plan_terms *t, bool found, const char *virt);

/* Whether T (FOUND: read) records the overhead factors its plan was made
 * with: virt_factor_R terms, or virt=none (factor 1 for each resource). */
bool planterms_has_factors(const struct plan_terms *t, bool found);

/* The command line's --virt STYLE and --overhead FILE (NULL: not given). */
struct planterms_virt_given {
	const char *virt, *overhead;
};

/*
 * The overhead factors to replay PLAN with, by the rule of the capacities.
 * F[r] holds the command line's (1 each without --virt), G its options.
 * When T records the plan's factors (planterms_has_factors), a command
 * line without --virt takes them (1 for a resource the plan was not packed
 * for), and one whose factor differs from the plan's for a resource of
 * MASK (those the command applies) is VMUX_EXIT_USAGE (2), having printed
 * "CMD: --virt full gives cpu factor 1.04 but the plan 'PLAN' was made
 * with virt=para, cpu factor 1.02 (PLAN.meta): ...". A plan without them
 * keeps F, warned by planterms_virt() when the styles differ. Returns 0
 * or VMUX_EXIT_USAGE.
 */
int planterms_factors(const char *cmd, const char *plan,
		      const struct plan_terms *t, bool found, unsigned mask,
		      const struct planterms_virt_given *g, double *f);

#endif
