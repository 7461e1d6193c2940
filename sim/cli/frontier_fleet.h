/*
 * frontier_fleet.h - `vmux frontier --buckets/--shard` and its merge: each
 * point (policy, service level) of the frontier is planned and replayed
 * bucket by bucket (sim/plan/fleet.h), and what each bucket gives is kept
 * as integers (hosts, counts of slots; demand and unmet demand in
 * FLEET_QUANTUM units), so the frontier rows are the same bytes whether
 * the buckets ran in one process or in shards merged by `vmux merge`.
 *
 * Shard file: "vmux-frontier-shard 2", "shard I N", "buckets B",
 * "points K", "seed X", then one line per (point, held bucket with VMs):
 *   point K POLICY P BUCKET LEVEL HOSTS UNPLACED OVER_IN SLOTS_IN
 *         EV_SLOTS EV_OVER VM_SLOTS VIOLATED DEMAND UNMET
 * (tab-separated; P and LEVEL hex floats), and "end". Version 1 (before
 * the seed line) is still read: its seed is unknown, an empty field.
 */
#ifndef VMUX_FRONTIER_FLEET_H
#define VMUX_FRONTIER_FLEET_H

#include "sim/plan/plan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define FRONTIER_SHARD_MAGIC "vmux-frontier-shard 2"
#define FRONTIER_SHARD_MAGIC_V1 "vmux-frontier-shard 1"

/* What one bucket gives at one point. */
struct fr_rec {
	unsigned point, bucket;
	enum plan_policy policy;
	double p, level;
	uint64_t hosts, unplaced, over_in, slots_in;
	uint64_t ev_slots, ev_over, vm_slots, violated;
	int64_t demand, unmet; /* cpu, quanta */
};

/* The records of one shard (or of a whole run). */
struct fr_recs {
	unsigned shard, nshards, buckets, npoints;
	uint64_t seed;
	bool has_seed; /* false: a version 1 shard file */
	size_t n, cap;
	struct fr_rec *r;
};

/* Append R. -ENOMEM. */
int fr_recs_add(struct fr_recs *s, const struct fr_rec *r);
void fr_recs_free(struct fr_recs *s);

/* Write S as a shard file. -EIO. */
int fr_recs_write(FILE *fp, const struct fr_recs *s);
/* Read a shard file (NAME for messages: -EBADMSG). -ENOMEM. */
bool fr_recs_is_magic(const char *line);
int fr_recs_read(FILE *fp, const char *name, struct fr_recs *s);

/*
 * The frontier CSV (header and one row per point, in point order) of
 * records covering every bucket, from shards 0..n-1 given once each
 * (PARTS[0..N)). -EINVAL with *WHY on a mismatch; -ENOMEM.
 */
int fr_recs_csv(const struct fr_recs *parts, size_t n, FILE *out,
		const char **why);

#endif
