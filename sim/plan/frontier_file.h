/*
 * frontier_file.h - frontier shard files: what each bucket of a bucketed
 * `vmux frontier` (sim/cli/frontier_fleet.h) gives at each point (policy,
 * service level), written by `vmux frontier --shard` and read by
 * `vmux merge`. Counts are kept as integers (hosts, counts of slots;
 * demand and unmet demand in FLEET_QUANTUM units), so the frontier rows
 * are the same bytes whether the buckets ran in one process or in shards.
 *
 * Shard file: "vmux-frontier-shard 4", "shard I N", "buckets B",
 * "points K", "seed X", "eval_vms E" (the evaluation trace's VMs), "caps
 * CPU MEM DISK NET" (--host-cpu, --host-mem, --host-disk, --host-net; 0
 * not given), "windows TF TT EF ET" (--train-from, --train-to,
 * --eval-from, --eval-to as the run took them; -inf and inf unbounded),
 * "train_vms T" (the training trace's VMs; all hex floats but T), then
 * one line per (point, held bucket with VMs):
 *   point K POLICY P BUCKET LEVEL HOSTS UNPLACED OVER_IN SLOTS_IN
 *         EV_SLOTS EV_OVER VM_SLOTS VIOLATED DEMAND UNMET EV_VMS MISSING
 * (one tab between fields; P and LEVEL hex floats, P in (0, 100), LEVEL
 * a percentile in (0, 100) or sbp's z, any finite number; the rest
 * decimal integers, none below 0 but DEMAND and UNMET; EV_VMS the
 * bucket's placed VMs in the evaluation trace, MISSING those not in it),
 * and "end". Version 3
 * (no caps, windows, train_vms) is still read, those unknown and not
 * compared; version 2
 * (no eval_vms line, no EV_VMS and MISSING) is still read, coverage
 * unknown (empty fields); version 1 (no seed line either) too, its seed
 * unknown, an empty field.
 */
#ifndef VMUX_FRONTIER_FILE_H
#define VMUX_FRONTIER_FILE_H

#include "lib/resource.h"
#include "sim/plan/plan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define FRONTIER_SHARD_MAGIC "vmux-frontier-shard 4"
#define FRONTIER_SHARD_MAGIC_V3 "vmux-frontier-shard 3"
#define FRONTIER_SHARD_MAGIC_V2 "vmux-frontier-shard 2"
#define FRONTIER_SHARD_MAGIC_V1 "vmux-frontier-shard 1"

/* What one bucket gives at one point. */
struct fr_rec {
	unsigned point, bucket;
	enum plan_policy policy;
	double p, level;
	uint64_t hosts, unplaced, over_in, slots_in;
	uint64_t ev_slots, ev_over, vm_slots, violated;
	int64_t demand, unmet;	  /* cpu, quanta */
	uint64_t ev_vms, missing; /* placed VMs in / not in the evaluation */
};

/* The records of one shard (or of a whole run). */
struct fr_recs {
	const char *name; /* the file read (fr_recs_read's NAME), or NULL */
	unsigned shard, nshards, buckets, npoints;
	uint64_t seed;
	bool has_seed;	   /* false: a version 1 shard file */
	uint64_t eval_vms; /* VMs of the evaluation trace */
	bool has_cover; /* false: eval_vms, ev_vms, missing unknown (v1, 2) */
	/* The options the rows depend on that nothing else here records:
	 * host capacities (0: not given), the windows (--train-from,
	 * --train-to, --eval-from, --eval-to), the training trace's VMs. */
	bool has_terms; /* false: unknown (v1-3) */
	double host_cap[RES_COUNT];
	double win[4];
	uint64_t train_vms;
	size_t n, cap;
	struct fr_rec *r;
};

/* Append R. -ENOMEM. */
int fr_recs_add(struct fr_recs *s, const struct fr_rec *r);
void fr_recs_free(struct fr_recs *s);

/* Write S as a shard file. -EIO. */
int fr_recs_write(FILE *fp, const struct fr_recs *s);
/* Whether LINE (with its '\n') is a frontier shard's first line. */
bool fr_recs_is_magic(const char *line);
/* Read a shard file (NAME for messages: -EBADMSG) into S (zeroed by the
 * caller; fr_recs_free() after, whatever the result). -ENOMEM. */
int fr_recs_read(FILE *fp, const char *name, struct fr_recs *s);

#endif
