/*
 * fleet_out.h - what `vmux plan --buckets/--shard`, `vmux merge` and
 * vmux-mpi print and write for a bucketed plan (sim/plan/fleet.h): the
 * summary (from the buckets' integer statistics, so every way of splitting
 * the work prints the same), shard files, and the plan.
 */
#ifndef VMUX_FLEET_OUT_H
#define VMUX_FLEET_OUT_H

#include "sim/plan/fleet.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * Summary of P to FP: human lines, or CSV (CSV = true) with the columns
 * FLEET_OUT_CSV_DOC. T: totals (fleet_totals()).
 */
/* "  N VMs absent from part of the window: ...", and that the saving
 * includes their absence, when N is not 0. */
void fleet_out_absent_note(FILE *fp, uint64_t n);
/*
 * "  N VMs with no data in the training window: not planned (first 'a',
 * 'b', ...)", when N is not 0; NAME[0..NNAMED) the VMs to name (the
 * first FLEET_OUT_NODATA_NAMED; a bucketed plan's are its part's,
 * fleet_nodata), none when NNAMED is 0 or fewer than that (a merge of
 * shard files that did not carry them). fleet_out_nodata_list: the
 * parenthesis alone, for N VMs.
 */
#define FLEET_OUT_NODATA_NAMED FLEET_NODATA_LISTED
void fleet_out_nodata_note(FILE *fp, uint64_t n, const char *const *name,
			   size_t nnamed);
void fleet_out_nodata_list(FILE *fp, const char *const *name, size_t n);
/* "  N VMs packed at their demand raised by the trend rule; ...", when N
 * is not 0 (TABLE: a host table is shown too). */
void fleet_out_lifted_note(FILE *fp, uint64_t n, bool table);
/*
 * The lines on VMs kept apart as may grow (plan.h apart), plain or
 * bucketed (the same words): fleet_out_may_grow ends the in-sample
 * overload's line, "; N VMs may grow (kept apart where two could outgrow
 * a host)"; fleet_out_over_note says, when N is not 0, that N of them
 * reserve more than the host's CAP on their own (LO, HI: the smallest and
 * largest reservation per resource, 0 where none), ALONE of them alone on
 * their host; fleet_out_unapart_note what keeping APART VMs apart cost,
 * when HOSTS is more than UNAPART, the hosts packed without the rule.
 */
void fleet_out_may_grow(FILE *fp, uint64_t n);
void fleet_out_over_note(FILE *fp, uint64_t n, uint64_t alone, const double *lo,
			 const double *hi, const double *cap);
void fleet_out_unapart_note(FILE *fp, uint64_t apart, uint64_t unapart,
			    uint64_t hosts);
void fleet_out_summary(FILE *fp, const struct fleet_part *p,
		       const struct fleet_bucket_stats *t, bool csv);

/* ",X" for a plan's sum of sizes SUM, plain or bucketed (the same
 * digits): rounded once to FLEET_QUANTUM, then in its fewest digits, so
 * the plain summary CSV writes what `--buckets 1` writes (123459.2, where
 * %.6g wrote 123459). */
void fleet_out_put_sum(FILE *fp, double sum);

/* The promise line of a plan's summary, plain or bucketed (the same
 * words): what P promises under PROMISE. */
void fleet_out_promise(FILE *fp, enum plan_promise promise, double p);

#define FLEET_OUT_CSV_DOC                                                      \
	"policy,vms,hosts,sum_individual,sum_joint,saving,unplaced,"           \
	"percentile,\noverload_in,slots,buckets,shard,shards,seed,no_data "    \
	"(cpu), "                                                              \
	"then\nR_sum_individual,R_sum_joint,R_saving for each other "          \
	"constrained resource R,\nthen " FLEET_OUT_APART_COLS

/*
 * The last columns of every summary CSV, plain or bucketed: the VMs kept
 * apart as may grow, of them those whose reservation alone exceeds the
 * host, of those the ones alone on their host, and the hosts the same VMs
 * take packed without the keep-apart rule. fleet_out_apart_csv() writes
 * them (",A,O,L,U"), or empty fields when KNOWN is false (merged from
 * shard files before the apart lines).
 */
#define FLEET_OUT_APART_COLS                                                   \
	"may_grow_vms,may_grow_over_host,may_grow_alone,hosts_without_apart"
void fleet_out_apart_csv(FILE *fp, bool known, uint64_t apart, uint64_t over,
			 uint64_t alone, uint64_t unapart);

/*
 * Parse --shard S ("I/N", 0 <= I < N <= FLEET_MAX_BUCKETS) into *I, *N:
 * NULL, or what is wrong with S (for an option callback).
 */
const char *fleet_out_parse_shard(const char *s, unsigned *i, unsigned *n);

/* The VMs of P no host holds, on standard error as a plain plan names
 * them (the first FLEET_NOFIT_LISTED; T->unplaced counts the rest). */
void fleet_out_nofit(const struct fleet_part *p,
		     const struct fleet_bucket_stats *t);

/*
 * A plan that places none of its VMs (every one fits on no host) is not
 * written: fleet_out_none_placed() says whether totals T are such, and
 * fleet_out_say_none_placed() says so on standard error, WHY being the
 * reason ("" to point at the VMs named above). The command exits 1.
 */
#define FLEET_OUT_EXIT_NONE 1
bool fleet_out_none_placed(const struct fleet_bucket_stats *t);
void fleet_out_say_none_placed(uint64_t unplaced, const char *why);

/* "  in-sample overload X% of host-slots" (no newline), or "n/a (no
 * host)" for X when RATE is NaN. */
void fleet_out_overload(FILE *fp, double rate);

/* "; virt V; growth G" on the in-sample overload's line, plain or
 * bucketed (the same words): VIRT the --virt style ("none" without it),
 * GROWTH --growth. */
void fleet_out_virt_growth(FILE *fp, const char *virt, double growth);

/*
 * The end of a resource's sums line, plain or bucketed (the same words):
 * " [with overhead and G% growth]", " [with overhead]", " [with G%
 * growth]" or nothing, then the newline. VIRT: --virt's factor of the
 * resource is not 1; GROWTH: --growth.
 */
void fleet_out_scaled_by(FILE *fp, bool virt, double growth);

/* Write P as a shard file to PATH ("-" = stdout), atomically. -errno. */
int fleet_out_shard(const struct fleet_part *p, const char *path);

/* Read the shard file PATH. -EBADMSG (message printed), -errno. */
int fleet_out_read(const char *path, struct fleet_part **out);

#endif
