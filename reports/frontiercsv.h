/*
 * frontiercsv.h - a frontier: for each policy, hosts used against the
 * out-of-sample overload rate over a range of service levels (`vmux
 * frontier` writes it; any CSV with these columns will do).
 *
 * Columns (any order; others ignored): policy, hosts, overload_rate, and
 * optionally percentile, unmet_fraction, violation_rate, seed (the seed
 * the point was planned with, as `vmux frontier` writes it), unplaced
 * (the VMs its plan left out, above a host on their own) and the
 * coverage vms, missing, not_planned (the point's plan's VMs evaluated,
 * those missing from the evaluation trace, the trace's VMs not in the
 * plan, as `vmux evaluate` counts them). Rates are fractions in [0, 1];
 * hosts a whole number, 0 a point with no plan (`vmux frontier` writes one
 * where no VM fits on a host) whose rates, over nothing, are empty (NAN)
 * and which is never a policy's best; percentile in (0, 100); seed a decimal
 * integer in [0, 2^64 - 1], kept as written; the counts whole numbers
 * (unplaced empty or absent: unknown), the coverage's all three or none
 * (a CSV of an older vmux, or of shards of one: the coverage is then
 * unknown, not 0).
 * Invariants: at least one row; policies are numbered 0..npolicies-1 in
 * order of first appearance.
 */
#ifndef VMUX_FRONTIERCSV_H
#define VMUX_FRONTIERCSV_H

#include <stdbool.h>
#include <stddef.h>

struct csvtab;

struct frontiercsv_row {
	const char *policy; /* owned by the table */
	size_t policy_id;   /* index into frontiercsv.policy */
	unsigned long line;
	size_t hosts;
	const char *seed;		   /* "" when absent */
	double percentile;		   /* NAN when absent */
	double overload, unmet, violation; /* NAN if absent (overload: only
					      with 0 hosts) */
	bool unplaced_known;		   /* false: no unplaced column, or
					      empty */
	size_t unplaced;		   /* VMs its plan left out */
	bool cover;			   /* false: vms, missing, not_planned
					      unknown */
	size_t vms, missing, not_planned;
};

struct frontiercsv {
	struct csvtab *tab;
	size_t nrows, npolicies;
	struct frontiercsv_row *row;
	const char **policy; /* npolicies names */
};

/*
 * Read PATH into *OUT (free with frontiercsv_destroy). Bad data prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; -errno for I/O;
 * -ENOMEM.
 */
int frontiercsv_read(const char *path, struct frontiercsv **out);
/* Free F. NULL is a no-op. */
void frontiercsv_destroy(struct frontiercsv *f);

/* The number of points with no host (no plan). */
size_t frontiercsv_noplan(const struct frontiercsv *f);

/*
 * Whether point A is a better plan than B: fewer VMs unplaced (a plan
 * that leaves more out hosts fewer VMs: its hosts are not comparable;
 * unknown counts as 0), then fewer hosts, then a lower overload.
 */
bool frontiercsv_better(const struct frontiercsv_row *a,
			const struct frontiercsv_row *b);

/*
 * The best row (frontiercsv_better) of policy POLICY_ID whose overload is
 * at most TARGET (a fraction; ties: the first; a point with no host is
 * none), or NULL if none meets it.
 */
const struct frontiercsv_row *frontiercsv_best(const struct frontiercsv *f,
					       size_t policy_id, double target);

#endif
