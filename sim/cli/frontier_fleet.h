/*
 * frontier_fleet.h - `vmux frontier --buckets/--shard` and its merge: each
 * point (policy, service level) of the frontier is planned and replayed
 * bucket by bucket (sim/plan/fleet.h), and what each bucket gives is kept
 * as integers (hosts, counts of slots; demand and unmet demand in
 * FLEET_QUANTUM units), so the frontier rows are the same bytes whether
 * the buckets ran in one process or in shards merged by `vmux merge`.
 *
 * The shard files: sim/plan/frontier_file.h.
 */
#ifndef VMUX_FRONTIER_FLEET_H
#define VMUX_FRONTIER_FLEET_H

#include "sim/plan/frontier_file.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The frontier CSV's header (vmux frontier and merge). */
#define FR_CSV_HEADER                                                          \
	"policy,percentile,level,hosts,unplaced,overload_in,"                  \
	"overload_rate,unmet_fraction,violation_rate,seed,vms,missing,"        \
	"not_planned\n"

/*
 * Coverage, as `vmux evaluate` judges it: of a point's plan's (placed) VMs,
 * how many are missing from the evaluation trace. The point missing the
 * largest share is kept; DIFFER when points' shares differ.
 */
struct fr_cover {
	bool known, differ;
	uint64_t planned, missing; /* of the worst point */
	uint64_t absent;	   /* of missing, not in the trace at all (or
				    * EVALCOVER_UNKNOWN) */
	enum plan_policy policy;
	double p;
};

/* Count a point (POLICY at P, VMS evaluated, MISSING, ABSENT of them not
 * in the evaluation trace at all: evalcover_say()) into C. */
void fr_cover_add(struct fr_cover *c, enum plan_policy policy, double p,
		  uint64_t vms, uint64_t missing, uint64_t absent);
/*
 * Above EVAL_MAX_MISSING, warn as vmux evaluate does: "CMD: this
 * evaluation does not cover the plan: ... are not in 'TRACE' ..." (TRACE
 * NULL: "the evaluation trace"), naming the worst point if points differ;
 * WINDOW: the evaluation is a window of TRACE (evalcover_say()).
 */
void fr_cover_warn(const char *cmd, const struct fr_cover *c, const char *trace,
		   bool window);

/*
 * Sum of the records of point K over parts PARTS[0..N) into *T, with
 * *ONE_LEVEL true when they all have the same level; -EINVAL if none, or
 * if their policy or P differ.
 */
int fr_recs_point(const struct fr_recs *parts, size_t n, unsigned k,
		  struct fr_rec *t, bool *one_level);
/* Point T's four rates, as the CSV has them (NaN: undefined, no host-slot
 * or no evaluated slot). */
void fr_rec_rates(const struct fr_rec *t, double x[4]);

/*
 * The frontier CSV (header and one row per point, in point order) of
 * records covering every bucket, from shards 0..n-1 given once each
 * (PARTS[0..N)), each point's coverage counted into *COVER (when every
 * part has it). -EINVAL with *WHY on a mismatch; -ENOMEM.
 */
int fr_recs_csv(const struct fr_recs *parts, size_t n, FILE *out,
		const char **why, struct fr_cover *cover);

#endif
