/*
 * fleet.h - a plan made bucket by bucket, so that one fleet can be planned
 * by many processes (shards of a job array, MPI ranks) and give the same
 * plan whatever their number.
 *
 * Every VM falls in one of B buckets, fixed by its name alone (FNV-1a
 * 64-bit of the name's bytes, mod B). Each bucket is planned on hosts of
 * its own with the chosen policy (sim/plan/plan.h), exactly as if its VMs
 * were the whole trace. Shard i of n holds the buckets b with b % n == i.
 * The plan of the fleet lists bucket 0's hosts first, then bucket 1's, and
 * so on: host ids are the bucket's offset (hosts of the buckets before it)
 * plus its own host id. Since no bucket sees another, the plan depends on
 * B but not on n: one process, n shards merged, or n MPI ranks write the
 * same bytes. The price is hosts: VMs of different buckets never share one
 * (README: fleets, measured).
 *
 * Summary statistics are kept per bucket as integers (counts, and sums of
 * sizes in FLEET_QUANTUM units, each bucket's sum rounded once), so adding
 * them in any grouping gives the same totals; the range of reservations
 * above the host (fleet_part's over_lo, over_hi) is a smallest and a
 * largest, the same in any grouping too.
 */
#ifndef VMUX_FLEET_H
#define VMUX_FLEET_H

#include "sim/plan/demand.h"
#include "sim/plan/plan.h"
#include "sim/plan/planterms.h"

#include <stdint.h>

/*
 * Default bucket count: one bucket per FLEET_VMS_PER_BUCKET VMs of the
 * trace, 1 to FLEET_DEFAULT_MAX_BUCKETS. Each bucket ends on a part-full
 * host (about half a host lost per bucket, measured) and the robust policy
 * calibrates each bucket on its own VMs, so buckets should be large.
 */
#define FLEET_VMS_PER_BUCKET 20000
#define FLEET_DEFAULT_MAX_BUCKETS 64
#define FLEET_MAX_BUCKETS 1048576
/* Sums of sizes are counted in units of 1e-6 (cores, MiB, KiB/s). */
#define FLEET_QUANTUM 1e-6

/* Bucket of NAME among NB (> 0). */
unsigned fleet_bucket(const char *name, unsigned nb);

/* The default bucket count for a trace of NVMS VMs (see above). */
unsigned fleet_default_buckets(size_t nvms);

struct fleet_opts {
	enum plan_policy policy;
	struct plan_opts po;
	size_t first, nslots;	 /* training window: trace slots */
	unsigned mask;		 /* constrained resources */
	const double *factor;	 /* overhead per resource, NULL = 1 */
	unsigned buckets;	 /* B >= 1 */
	unsigned shard, nshards; /* this process holds b % nshards == shard */
};

/* What fleet_opts' shard holds, and what it says about its buckets. */
struct fleet_bucket_stats {
	uint64_t vms, hosts, unplaced;
	uint64_t over;	      /* in-sample overloaded host-slots */
	uint64_t lifted;      /* VMs raised by the trend rule */
	uint64_t absent;      /* VMs absent from part of the window */
	uint64_t nodata;      /* VMs with no data in the window: not planned */
	uint64_t apart;	      /* VMs that may grow, kept apart (plan.h) */
	uint64_t apart_over;  /* of those, reserving more than the host */
	uint64_t apart_alone; /* of apart_over, alone on their host */
	uint64_t unapart;     /* when apart: the hosts the bucket takes
			       * without the keep-apart rule (plan.h
			       * hosts_unapart); else 0 (fleet_totals then
			       * counts its hosts) */
	int64_t ind[RES_COUNT];	  /* sum of placed own sizes, quanta */
	int64_t joint[RES_COUNT]; /* sum of hosts' P-sizes, quanta */
};

/*
 * A VM no host of its bucket can hold (its own size is above the host in
 * RES), for messages: a part keeps the first FLEET_NOFIT_LISTED in bucket,
 * then trace order, as a plain plan names its first ten; the rest are
 * counted only (stats' unplaced).
 */
#define FLEET_NOFIT_LISTED 10
struct fleet_nofit {
	char *vm; /* owned */
	unsigned bucket;
	enum res res;
	double size, cap;
};

/*
 * A VM of a part's buckets with no data in the window (not planned), for
 * the summary: a part keeps the first FLEET_NODATA_LISTED in bucket, then
 * trace order, so a plan names the same ones however it was split; the
 * rest are counted only (stats' nodata).
 */
#define FLEET_NODATA_LISTED 3
struct fleet_nodata {
	char *vm; /* owned */
	unsigned bucket;
};

/*
 * One shard's plan (or a merged whole): rows in plan-file order (bucket,
 * then host, then VM name). Every array is owned.
 */
struct fleet_part {
	const char *name; /* the shard file read, for messages, or NULL (not
			   * owned) */
	unsigned buckets, shard, nshards;
	enum plan_policy policy;
	double p;
	size_t nslots;
	unsigned mask; /* resources with a size column, in enum order */
	size_t nrows;
	char **vm;
	unsigned *bucket;
	size_t *host; /* within its bucket */
	double *size; /* nrows x popcount(mask) */
	struct fleet_bucket_stats
	    *stats;		  /* per bucket (all B; zero if not held) */
	struct plan_terms *terms; /* the plan's terms, or NULL (none) */
	bool lifted_unknown;	  /* from a shard file before stats' lifted
				   * and absent */
	bool nodata_unknown;	  /* from a shard file before stats' nodata */
	struct fleet_nofit nofit[FLEET_NOFIT_LISTED];
	size_t nnofit;
	struct fleet_nodata nodata[FLEET_NODATA_LISTED];
	size_t nnodata;
	bool nodata_unnamed; /* from a shard file before the nodata lines */
	bool apart_unknown;  /* from a shard file before the apart lines */
	/* The apart_over VMs' smallest and largest reservation of each
	 * resource, over the part's buckets (0: none; plan.h over_lo). */
	double over_lo[RES_COUNT], over_hi[RES_COUNT];
};

/* The demand and names of the VMs a shard holds. */
struct fleet_input;

/*
 * The training window of the VMs O's shard holds that have data there
 * (trace order; fleet_input_nodata: the others), a view of
 * T (which must outlive it), with their names. -EINVAL for a bad shard or
 * bucket count, -ENOMEM.
 */
int fleet_load(const struct trace *t, const struct fleet_opts *o,
	       struct fleet_input **out);
void fleet_input_destroy(struct fleet_input *in);
size_t fleet_input_nvms(const struct fleet_input *in);
/* The training demand IN holds (its vm[] index the trace's VMs). */
const struct demand *fleet_input_demand(const struct fleet_input *in);
/*
 * The trace VMs of IN's shard with no data in the window (no slot of
 * their span there, or absent in all of it: trace_present), trace order,
 * in bucket, then trace order, into *VMS; how many. They cannot be sized
 * and are not planned (README: absent is not idle); each bucket's stats
 * count its own, and the part names the first (fleet_nodata).
 */
size_t fleet_input_nodata(const struct fleet_input *in, const size_t **vms);

/* Plan every bucket IN holds into a new part. -ENOMEM. */
int fleet_plan(const struct fleet_input *in, const struct fleet_opts *o,
	       struct fleet_part **out);

/* An empty part with room for NROWS rows. -ENOMEM. */
int fleet_part_alloc(size_t nrows, unsigned buckets, struct fleet_part **out);
/* Free P. NULL is a no-op. */
void fleet_part_destroy(struct fleet_part *p);

/*
 * Combine the parts of shards 0..n-1 (each exactly once, in any order; all
 * of the same buckets, policy, level, slots and resources, and the same
 * terms or none) into one part of shard 0 of 1, with those terms. On a
 * mismatch or a missing or repeated shard, *WHY says what (for terms, the
 * first key that differs and both values; the text lives until the next
 * call) and -EINVAL is returned; -ENOMEM.
 */
int fleet_merge(struct fleet_part *const *parts, size_t n,
		struct fleet_part **out, const char **why);

/*
 * "the number of shard files (FILES) is not the shards' n (NSHARDS)": why
 * a merge of FILES files, the first of which says NSHARDS shards, cannot
 * be whole. The text lives until the next call in this thread.
 */
const char *fleet_count_why(size_t files, unsigned nshards);

/* Append a VM with no data in the window to P's list (unless full).
 * -ENOMEM. */
int fleet_nodata_add(struct fleet_part *p, const char *vm, unsigned bucket);

/* Append a VM that fits on no host to P's list (unless full). -ENOMEM. */
int fleet_nofit_add(struct fleet_part *p, const char *vm, unsigned bucket,
		    enum res res, double size, double cap);

/* Fold a bucket's range of reservations above the host (plan.h over_lo,
 * over_hi; 0: none) into P's. */
void fleet_over_add(struct fleet_part *p, const double *lo, const double *hi);

/* Totals over all buckets of P's stats (unapart: each bucket's hosts
 * where none was kept apart). */
void fleet_totals(const struct fleet_part *p, struct fleet_bucket_stats *t);

/*
 * Write P (shard 0 of 1, from fleet_merge() or fleet_plan() unsharded) as
 * a plan file with global host ids (sim/plan/planfile.h), and P's terms,
 * if any, as PATH.meta. -errno.
 */
int fleet_write_plan(const struct fleet_part *p, const char *path);

#endif
