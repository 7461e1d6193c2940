/*
 * cmd_plan.c - `vmux plan`: choose which VMs share a host, from a training
 * window of a trace, under a service level, with one of four policies
 * (sim/plan/plan.h), optionally inflating demand by a virtualization overhead
 * (models/overhead.h). Writes the plan file (sim/plan/planfile.h) and a summary
 * of what the plan promises on the window it was fitted to.
 */
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "sim/cli/fleet_out.h"
#include "sim/cli/plan_cmd.h"
#include "sim/cli/planmeta.h"
#include "sim/plan/fleet.h"
#include "sim/plan/fleet_file.h"
#include "sim/plan/demand.h"
#include "lib/error.h"
#include "sim/store/ingest.h"
#include "lib/filehash.h"
#include "lib/csvout.h"
#include "lib/numtext.h"
#include "sim/store/partition.h"
#include "lib/outfile.h"
#include "sim/plan/plan.h"
#include "sim/plan/plan_fit.h"
#include "sim/plan/plan_robust.h"
#include "sim/plan/hostsize.h"
#include "sim/plan/hosttable.h"
#include "sim/plan/pack.h"
#include "sim/plan/planfile.h"
#include "sim/plan/planterms.h"
#include "models/overhead.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTED 10 /* unplaced VMs named one by one */
#define STR(X) #X
#define XSTR(X) STR(X)
#define EXIT_UNPLACED 1 /* --strict: some VM fits on no host */

struct plan_args {
	const char *trace, *host_table;
	struct filehash *hash; /* of the trace, for the plan's terms, or NULL */
	struct cli_output out; /* -o PLAN, --csv summary */
	struct cli_hosts hosts;
	struct cli_window train;
	struct cli_virt virt;
	double p, step;
	int policy;  /* enum plan_policy */
	int promise; /* enum plan_promise */
	double growth;
	uint64_t seed;
	size_t window; /* 0: every host */
	bool strict;
	struct cli_fleet fleet;
};

/* What run() builds, freed in one place. */
struct plan_run {
	struct trace *t;
	struct demand *d;
	struct plan *pl;
	double factor[RES_COUNT]; /* --virt's x (1 + --growth) */
	double virt[RES_COUNT];	  /* --virt's alone, 1 without it */
	struct plan_opts o;
	const char **nodata; /* VMs with no data in the window (names) */
	size_t nnodata;
};

#define NO_TABLE                                                               \
	"a bucketed plan (--buckets, --shard, MPI) has no per-host table; "    \
	"plan without buckets for it"

/* clang-format off */
#define WINDOW_HELP \
	"at most W hosts open at once in the first fit, the\n" \
	"fullest closed first (default " XSTR(PLAN_FIT_WINDOW) "; 0: every host,\n" \
	"the exhaustive first fit; README: cost model)"
/* clang-format on */
#define A(F, T) OPT_AT(struct plan_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(trace, const char *)),
    OPT_INCLUDE(cli_hosts_opts, A(hosts, struct cli_hosts)),
    OPT_INCLUDE(cli_percentile_opts, A(p, double)),
    OPT_CHOICE(OPT_ENUM, "policy", A(policy, int), "NAME", plan_policy_names,
	       "planning policy (default robust; README: planning)"),
    OPT_CHOICE(OPT_ENUM, "promise", A(promise, int), "SCOPE",
	       plan_promise_names,
	       "what P promises: fleet (default: overloaded host-slots\n"
	       "of all hosts) or host (each host on its own)"),
    OPT_NUM(OPT_NUMBER, "growth", A(growth, double), "G", &opt_nonnegative,
	    NULL, "plan for demand (1 + G) x the trace (default 0)"),
    OPT_STR("host-table", 0, A(host_table, const char *), "FILE", OPT_OUTFILE,
	    "write the per-host table as CSV (host,vms,own_R,\n"
	    "joint_R,cap_R,headroom_R...,overload_in)",
	    .excludes = "--buckets --shard", .why = NO_TABLE),
    /* The older name: `simulate --hosts` reads a host catalogue, and a
       catalogue given here would have been replaced by the table. */
    OPT_STR("hosts", 0, A(host_table, const char *), "FILE", OPT_OUTFILE,
	    "older name of --host-table (writes FILE)",
	    .excludes = "--buckets --shard", .why = NO_TABLE),
    OPT_INCLUDE(cli_train_opts, A(train, struct cli_window)),
    OPT_INCLUDE(cli_step_opts, A(step, double)),
    OPT_INCLUDE(cli_virt_opts, A(virt, struct cli_virt)),
    OPT_INCLUDE(cli_seed_opts, A(seed, uint64_t)),
    OPT_NUM(OPT_SIZE, "window", A(window, size_t), "W", OPT_IN(0, 1e9), NULL,
	    WINDOW_HELP, .only = "--policy=robust",
	    .why = "only robust keeps a window of open hosts"),
    OPT_INCLUDE(cli_fleet_opts, A(fleet, struct cli_fleet)),
    OPT_BOOL("strict", A(strict, bool),
	     "exit 1 if any VM is left unplaced (fits on no host)"),
    OPT_INCLUDE(cli_plan_output_opts, A(out, struct cli_output)),
    /* the host table on standard output, and the summary as CSV too */
    OPT_RELATE("--host-table=-", .excludes = "--csv", .why = CLI_STDOUT_TWICE),
    OPT_RELATE("--hosts=-", .excludes = "--csv", .why = CLI_STDOUT_TWICE),
    OPT_TABLE_END,
};

/* PLAN.meta, beside -o PLAN (a shard has none), replaces no input and
 * not the host table (planmeta.h). */
static int check(const struct opt_cmd *c, void *args)
{
	const struct plan_args *a = args;
	const char *in[] = {a->trace, a->virt.overhead};

	if (a->fleet.nshards)
		return 0;
	return planmeta_check(c, a->out.out, in, 2, a->host_table,
			      "--host-table");
}

static const struct opt_cmd cmd = {
    .name = "plan",
    .about = "Choose which VMs share a host so that each host's summed demand "
	     "stays within\nits capacity in all but (100-P)% of the slots of "
	     "the training window.\n",
    .more = "Summary CSV columns: policy,vms,hosts,sum_individual,sum_joint,"
	    "saving,\nunplaced,percentile,level,overload_in,"
	    "overload_heldout,slots,seed,virt,promise,\n"
	    "estimate_lo,estimate_hi,folds,no_data (cpu), then\n"
	    "R_sum_individual,R_sum_joint,R_saving for each other "
	    "constrained resource R,\nthen " FLEET_OUT_APART_COLS
	    ".\nA VM whose own size is above the host "
	    "is not in the plan; it is named on\nstandard error and "
	    "counted as unplaced (exit 1 with --strict). With --buckets\n"
	    "or --shard the summary columns are\n" FLEET_OUT_CSV_DOC ".\n",
    .opts = options,
    .check = check,
};

/* The constrained resources, all present in the trace. */
static int check_resources(const struct trace *t, const struct plan_args *a,
			   unsigned *mask)
{
	*mask = 0;
	for (int r = 0; r < RES_COUNT; r++) {
		enum res res = (enum res)r;

		if (!(a->hosts.cap[r] > 0))
			continue;
		if (!trace_has(t, res)) {
			error_msg("plan: option '--host-%s': '%s' has no '%s' "
				  "column",
				  res_name(res), a->trace, res_name(res));
			return -EBADMSG;
		}
		*mask |= RES_MASK(r);
	}
	return 0;
}

/* Overhead factors of --virt into VIRT, 1 without it, and times 1 +
 * --growth into FACTOR. */
static int load_factors(const struct plan_args *a, unsigned mask,
			double *factor, double *virt)
{
	unsigned found;
	int rc = cli_virt_factors(&a->virt, virt, &found);

	for (int r = 0; r < RES_COUNT; r++)
		factor[r] = virt[r] * (1 + a->growth);
	if (rc == 0 && a->virt.virt && (mask & ~found))
		error_warn("plan: '%s' gives no '%s' factor for a constrained "
			   "resource; those keep factor 1",
			   a->virt.overhead ? a->virt.overhead
					    : OVERHEAD_BUILTIN,
			   a->virt.virt);
	return rc;
}

/*
 * Warn about VMs with no demand at all in the window (placed as zeros):
 * by their means, since every value is >= 0 (demand.h), a mean is 0 only
 * when every value is (the smallest value a trace holds, a float, over
 * any window is far above the smallest double).
 */
static void warn_idle(const struct demand *d, const char *path)
{
	size_t idle = 0;

	for (size_t v = 0; v < d->nvms; v++) {
		bool any = false;

		for (int r = 0; r < RES_COUNT && !any; r++)
			any = demand_has(d, r) && d->mean[r][v] > 0;
		idle += !any;
	}
	if (idle)
		error_warn("plan: %zu VM%s of '%s' with no demand in the "
			   "training window, planned as zero demand",
			   idle, idle == 1 ? "" : "s", path);
}

/*
 * Say the N VMs NAME[] with no data at all in the window (README: absent
 * is not idle): they cannot be sized, so they are left out of the plan;
 * not a placement failure (--strict ignores them).
 */
static void warn_nodata(const char *const *name, size_t n, const char *path)
{
	char list[256] = "";
	FILE *fp = n ? fmemopen(list, sizeof(list), "w") : NULL;

	if (fp) {
		fleet_out_nodata_list(fp, name, n);
		fclose(fp);
	}
	if (n)
		error_warn("plan: %zu VM%s of '%s' with no data in the "
			   "training window: not planned%s",
			   n, n == 1 ? "" : "s", path, list);
}

/*
 * Name the VMs whose constrained resource R looks unmeasured (trace.h:
 * 0 where the VM uses CPU): the plan cannot constrain what it never saw.
 */
static void warn_unmeasured(const struct trace *t, const struct demand *d,
			    const char *path)
{
	for (int r = RES_CPU + 1; r < RES_COUNT; r++) {
		size_t n = 0, first = 0;

		for (size_t v = 0; demand_has(d, r) && v < d->nvms; v++)
			if (trace_unmeasured(t, (enum res)r, d->vm[v]) &&
			    n++ == 0)
				first = d->vm[v];
		if (n)
			error_warn("plan: %zu VM%s of '%s' with no %s data (0 "
				   "in at least half the slots with CPU use; "
				   "first '%s'): --host-%s does not "
				   "constrain %s",
				   n, n == 1 ? "" : "s", path,
				   res_name((enum res)r), trace_name(t, first),
				   res_name((enum res)r),
				   n == 1 ? "it" : "them");
	}
}

/*
 * Ingest and check: the training window's slots, the resources. Ranks of C
 * read a part each and keep the VMs of their buckets, of *BUCKETS (0: the
 * default for the trace, set).
 */
static int load_trace(const struct plan_args *a, const struct plan_comm *c,
		      unsigned *buckets, struct plan_run *pr, size_t *first,
		      size_t *n, unsigned *mask)
{
	struct ingest_opts io = {.step = a->step};
	int rc = c && c->ingest ? partition_ingest(a->trace, buckets,
						   fleet_default_buckets,
						   c->ingest, &io, &pr->t)
				: ingest_file(a->trace, &io, &pr->t, NULL);

	if (rc == 0)
		rc = ingest_step_known(a->trace, pr->t, &io);
	if (rc == 0)
		rc = check_resources(pr->t, a, mask);
	if (rc == 0)
		rc = trace_window_say(pr->t, a->train.from, a->train.to, "plan",
				      "training window", a->trace, first, n);
	if (rc == 0)
		rc = load_factors(a, *mask, pr->factor, pr->virt);
	return rc;
}

/* Ingest, check, and cut the training demand. */
/* The VMs of PR's trace with data in slots [FIRST, FIRST + N) into
 * VMS (*NVMS), the names of the others into PR's nodata list. */
static int split_nodata(struct plan_run *pr, size_t first, size_t n,
			size_t *vms, size_t *nvms)
{
	size_t m = trace_nvms(pr->t);

	pr->nodata = malloc((m ? m : 1) * sizeof(*pr->nodata));
	if (!pr->nodata)
		return -ENOMEM;
	*nvms = 0;
	for (size_t v = 0; v < m; v++)
		if (trace_present(pr->t, v, first, n))
			vms[(*nvms)++] = v;
		else
			pr->nodata[pr->nnodata++] = trace_name(pr->t, v);
	return 0;
}

/* The training demand of the VMs with data in the window. */
static int load(const struct plan_args *a, struct plan_run *pr)
{
	size_t first, n, nvms = 0, *vms = NULL;
	unsigned mask;
	int rc = load_trace(a, NULL, NULL, pr, &first, &n, &mask);

	if (rc == 0 && !(vms = malloc((trace_nvms(pr->t) + 1) * sizeof(*vms))))
		rc = -ENOMEM;
	if (rc == 0)
		rc = split_nodata(pr, first, n, vms, &nvms);
	if (rc == 0)
		rc = demand_from_trace(pr->t, first, n, mask, vms, nvms,
				       pr->factor, &pr->d);
	free(vms);
	if (rc == 0) {
		warn_nodata(pr->nodata, pr->nnodata, a->trace);
		warn_idle(pr->d, a->trace);
		warn_unmeasured(pr->t, pr->d, a->trace);
	}
	return rc;
}

/* Name the VMs no host can hold, on standard error. */
static void report_unplaced(const struct plan_run *pr)
{
	const struct plan *pl = pr->pl;
	size_t listed = 0;

	for (size_t v = 0; v < pl->nvms && pl->unplaced; v++) {
		if (pl->host_of[v] != PLAN_UNPLACED || listed++ >= MAX_LISTED)
			continue;
		for (int r = 0; r < RES_COUNT; r++)
			if (pl->size[r] &&
			    pl->size[r][v] > demand_limit(pr->o.cap[r])) {
				error_msg(
				    "plan: VM '%s' fits on no host: its "
				    "%s size at P%g is %.6g, the host has "
				    "%g",
				    trace_name(pr->t, pr->d->vm[v]),
				    res_name((enum res)r), pr->o.p,
				    pl->size[r][v], pr->o.cap[r]);
				break;
			}
	}
	if (listed > MAX_LISTED)
		error_msg("plan: ... and no host for %zu more VM%s",
			  listed - MAX_LISTED,
			  listed - MAX_LISTED == 1 ? "" : "s");
}

/* Why no VM of PR fits, into BUF: every VM above the host on one
 * resource, or "" (each above on some resource: named above). */
static void why_none(const struct plan_run *pr, char *buf, size_t len)
{
	const struct plan *pl = pr->pl;

	buf[0] = 0;
	for (int r = 0; r < RES_COUNT && pl->nvms; r++) {
		double least = INFINITY;

		if (!pl->size[r])
			continue;
		for (size_t v = 0; v < pl->nvms; v++)
			least = fmin(least, pl->size[r][v]);
		if (least > demand_limit(pr->o.cap[r])) {
			snprintf(buf, len,
				 "the smallest %s size at P%g is %.6g, the "
				 "host has %g",
				 res_name((enum res)r), pr->o.p, least,
				 pr->o.cap[r]);
			return;
		}
	}
}

/* The placed VMs of PR by host, then name, into ROWS. -ENOMEM. */
static int sorted_rows(const struct plan_run *pr, size_t *rows)
{
	size_t n = pr->pl->nvms;
	const char **name = malloc((n ? n : 1) * sizeof(*name));
	int rc;

	if (!name)
		return -ENOMEM;
	for (size_t v = 0; v < n; v++)
		name[v] = trace_name(pr->t, pr->d->vm[v]);
	rc = plan_rows(pr->pl, name, rows);
	free(name);
	return rc;
}

/* The terms of PR's plan into *T: planterms_fill's, with --virt's factors
 * and the count of VMs with no data. */
static int fill_terms(const struct plan_run *pr, const struct plan_args *a,
		      struct plan_terms *t)
{
	int rc = planterms_fill(t, pr->pl, pr->d, &pr->o, a->trace, a->hash,
				a->virt.virt, a->growth);

	planterms_virt_factors(t, pr->virt);
	t->nodata = pr->nnodata;
	return rc;
}

/* The M rows ROWS of PR's plan into VM, HOST and EXTRA (NE sizes a row,
 * one per resource planned). */
static void fill_rows(const struct plan_run *pr, const size_t *rows, size_t m,
		      const char **vm, size_t *host, double *extra, size_t ne)
{
	const struct plan *pl = pr->pl;

	for (size_t row = 0; row < m; row++) {
		size_t v = rows[row];

		vm[row] = trace_name(pr->t, pr->d->vm[v]);
		host[row] = pl->host_of[v];
		for (int r = 0, j = 0; r < RES_COUNT; r++)
			if (pl->size[r])
				extra[row * ne + j++] = pl->size[r][v];
	}
}

/* Rows of the plan file: placed VMs, by host, then name (not the trace's
 * order, which may be any); the terms go to PATH.meta. */
static int write_plan(const struct plan_run *pr, const struct plan_args *a)
{
	const struct plan *pl = pr->pl;
	struct plan_terms terms;
	size_t m = pl->nvms - pl->unplaced, ne = 0;
	const char **vm = malloc((m ? m : 1) * sizeof(*vm));
	size_t *host = malloc((m ? m : 1) * sizeof(*host));
	double *extra = malloc((m ? m : 1) * RES_COUNT * sizeof(*extra));
	static const char *const names[RES_COUNT] = {"size_cpu", "size_mem",
						     "size_disk", "size_net"};
	size_t *rows = malloc((m ? m : 1) * sizeof(*rows));
	const char *en[RES_COUNT];
	int rc = vm && host && extra && rows ? sorted_rows(pr, rows) : -ENOMEM;

	if (rc == 0)
		rc = fill_terms(pr, a, &terms);
	for (int r = 0; r < RES_COUNT; r++)
		if (pl->size[r])
			en[ne++] = names[r];
	if (rc == 0)
		fill_rows(pr, rows, m, vm, host, extra, ne);
	if (rc == 0)
		rc = planfile_write_terms(
		    a->out.out,
		    &(struct planfile_table){m, vm, host, ne, en, extra},
		    &terms);
	free(rows);
	free(vm);
	free(host);
	free(extra);
	return rc;
}

/* ",X", the saving of INDIVIDUAL to JOINT: an empty cell where it is
 * undefined (hostsize_saving). */
static void put_saving(FILE *fp, double individual, double joint)
{
	fputc(',', fp);
	csvout_rate(fp, hostsize_saving(individual, joint));
}

/* The summary CSV's header: three columns more for each resource but
 * cpu that PL sizes. */
static void write_csv_header(FILE *fp, const struct plan *pl)
{
	fprintf(fp, "policy,vms,hosts,sum_individual,sum_joint,saving,unplaced,"
		    "percentile,level,overload_in,overload_heldout,slots,seed,"
		    "virt,promise,estimate_lo,estimate_hi,folds,no_data");
	for (int r = RES_CPU + 1; r < RES_COUNT; r++)
		if (pl->size[r])
			fprintf(fp, ",%s_sum_individual,%s_sum_joint,%s_saving",
				res_name((enum res)r), res_name((enum res)r),
				res_name((enum res)r));
	fputs("," FLEET_OUT_APART_COLS "\n", fp);
}

/* The summary row's columns after no_data: each resource but cpu that
 * PL sizes, then the VMs kept apart (fleet_out_apart_csv()). */
static void write_csv_tail(FILE *fp, const struct plan *pl,
			   const struct plan_summary *s)
{
	for (int r = RES_CPU + 1; r < RES_COUNT; r++) {
		if (!pl->size[r])
			continue;
		fleet_out_put_sum(fp, s->sum_individual[r]);
		fleet_out_put_sum(fp, s->sum_joint[r]);
		put_saving(fp, s->sum_individual[r], s->sum_joint[r]);
	}
	fleet_out_apart_csv(fp, true, pl->apart, pl->apart_over,
			    pl->apart_alone,
			    pl->apart ? pl->hosts_unapart : pl->nhosts);
	fputc('\n', fp);
}

static void write_csv(FILE *fp, const struct plan_run *pr,
		      const struct plan_args *a, const struct plan_summary *s)
{
	const struct plan *pl = pr->pl;
	char level[32];

	write_csv_header(fp, pl);
	fprintf(fp, "%s,%zu,%zu", plan_policy_name(pl->policy), s->vms,
		s->hosts);
	fleet_out_put_sum(fp, s->sum_individual[RES_CPU]);
	fleet_out_put_sum(fp, s->sum_joint[RES_CPU]);
	/* the level as PLAN.meta has it: it reads back exactly */
	put_saving(fp, s->sum_individual[RES_CPU], s->sum_joint[RES_CPU]);
	fprintf(fp, ",%zu,%g,%s,", s->unplaced, a->p,
		numtext_exact(level, sizeof(level), pl->level));
	csvout_rate(fp, s->overload);
	fputc(',', fp);
	if (isnan(pl->heldout))
		fprintf(fp, ",");
	else
		fprintf(fp, "%.10g,", pl->heldout);
	fprintf(fp, "%zu,%" PRIu64 ",%s,%s,", pr->d->nslots, a->seed,
		a->virt.virt ? a->virt.virt : "none",
		plan_promise_name(pr->o.promise));
	if (isnan(pl->est_lo))
		fprintf(fp, ",,%zu", pl->folds);
	else
		fprintf(fp, "%.10g,%.10g,%zu", pl->est_lo, pl->est_hi,
			pl->folds);
	fprintf(fp, ",%zu", pr->nnodata);
	write_csv_tail(fp, pl, s);
}

/* A held-out fold of PL as "day", or its length as "6-h block",
 * "30-min block" (into BUF[N]). */
static const char *fold_period(const struct plan *pl, char *buf, size_t n)
{
	return plan_robust_period(pl->fold_secs, buf, n);
}

/* The out-of-sample estimate of PL (HOST: in host scope) and its interval,
 * of a later PER; a fleet interval of [0, 0] is the t interval of folds
 * all at 0, not certainty: what the clean folds bound, beside it. */
static void write_estimate(FILE *fp, const struct plan *pl, bool host,
			   const char *per)
{
	char clean[192];

	fprintf(fp,
		"  out-of-sample estimate: %s %.2f%%, %g%% interval "
		"[%.2f%%, %.2f%%] of a later %s like the held-out ones\n",
		host ? "share of hosts above the target" : "overload",
		100 * pl->est_mean, 100 * ROBUST_INTERVAL, 100 * pl->est_lo,
		100 * pl->est_hi, per);
	if (!host && pl->est_hi == 0)
		fprintf(fp, "  %s\n",
			plan_robust_clean_text(pl->folds, pl->fold_secs, clean,
					       sizeof(clean)));
}

/* robust's calibration: the level packed to and the out-of-sample
 * interval, of a later period as long as a held-out fold (a 6-h block of
 * a one-day window is not the day a reader takes it for), or why there
 * is none (nothing placed, too short a window). */
static void write_calibration(FILE *fp, const struct plan *pl,
			      const struct plan_opts *o)
{
	bool host = o->promise == PLAN_PROMISE_HOST;
	char per[48];

	if (isnan(pl->heldout) && pl->unplaced == pl->nvms) {
		fprintf(fp,
			"  no VM placed: nothing to calibrate, packed at P%g\n",
			o->p);
		return;
	}
	if (isnan(pl->heldout)) {
		fprintf(fp,
			"  window too short to hold back %d blocks: packed "
			"at P%g, not calibrated\n",
			ROBUST_FOLDS, o->p);
		return;
	}
	fold_period(pl, per, sizeof(per));
	/* 3 digits (P96.9 for 96.9140625), but a level above 99.9 (a P
	   that high, packed as it is) in full: 99.95 is not P100 */
	fprintf(fp,
		"  packed at in-sample level P%.*g, calibrated on %zu held-out "
		"%s%s (%zu VM%s)%s\n",
		pl->level > 99.9 ? 6 : 3, pl->level, pl->folds,
		pl->fold_days ? "day" : per, pl->folds == 1 ? "" : "s",
		pl->cal_vms, pl->cal_vms == 1 ? "" : "s",
		pl->level_capped ? ", above the target even at the most "
				   "cautious level"
				 : "");
	write_estimate(fp, pl, host, per);
}

/* The lines about the level the hosts were packed to and the promise. */
static void write_level(FILE *fp, const struct plan *pl,
			const struct plan_opts *o)
{
	if (pl->policy == PLAN_SBP)
		fprintf(fp, "  Gaussian effective sizes at z = %.4f\n",
			pl->level);
	fleet_out_promise(fp, o->promise, o->p);
	if (pl->policy == PLAN_ROBUST)
		write_calibration(fp, pl, o);
}

/* The slots of D's window no VM has data for (demand.h), if any. */
static void gaps_note(FILE *fp, const struct demand *d)
{
	size_t u = demand_left_out(d);

	if (u)
		fprintf(fp,
			"  %zu slot%s between without data from any VM "
			"(missing days): left out\n",
			u, u == 1 ? "" : "s");
}

static void write_human(FILE *fp, const struct plan_run *pr,
			const struct plan_args *a, const struct plan_summary *s)
{
	const struct plan *pl = pr->pl;
	char sv[64];

	fprintf(fp,
		"%s: %zu VM%s on %zu host%s, %zu unplaced; service level "
		"P%g over %zu slot%s of %g s\n",
		plan_policy_name(pl->policy), s->vms, s->vms == 1 ? "" : "s",
		s->hosts, s->hosts == 1 ? "" : "s", s->unplaced, a->p,
		pr->d->nslots, pr->d->nslots == 1 ? "" : "s", pr->d->step);
	gaps_note(fp, pr->d);
	for (int r = 0; r < RES_COUNT; r++) {
		if (!pl->size[r])
			continue;
		fprintf(
		    fp,
		    "  %s: sum of own sizes %.4f %s, sum of host joint sizes "
		    "%.4f %s (%s)",
		    res_name((enum res)r), s->sum_individual[r],
		    res_unit((enum res)r), s->sum_joint[r],
		    res_unit((enum res)r),
		    hostsize_saving_text(
			hostsize_saving(s->sum_individual[r], s->sum_joint[r]),
			sv, sizeof(sv)));
		fleet_out_scaled_by(fp, pr->virt[r] != 1, a->growth);
	}
	write_level(fp, pl, &pr->o);
	fleet_out_overload(fp, s->overload);
	fprintf(fp, "; seed %" PRIu64, a->seed);
	fleet_out_virt_growth(fp, a->virt.virt ? a->virt.virt : "none",
			      a->growth);
	fprintf(fp, "; trend rule raised %zu VM%s", pl->lifted,
		pl->lifted == 1 ? "" : "s");
	fleet_out_may_grow(fp, pl->apart);
	fleet_out_over_note(fp, pl->apart_over, pl->apart_alone, pl->over_lo,
			    pl->over_hi, pr->o.cap);
	fleet_out_unapart_note(fp, pl->apart, pl->hosts_unapart, pl->nhosts);
	fleet_out_absent_note(fp, pl->absent);
	fleet_out_nodata_note(fp, pr->nnodata, pr->nodata, pr->nnodata);
	fleet_out_lifted_note(fp, pl->lifted, true);
}

/* The per-host table: after the human summary, and as CSV to
 * --host-table. */
static int write_hosts(FILE *human, const struct plan_run *pr,
		       const struct plan_args *a, struct outfile **table)
{
	size_t n = pr->pl->nhosts;
	struct plan_host *h = malloc((n ? n : 1) * sizeof(*h));
	struct outfile *of = NULL;
	int rc = h ? plan_hosts(pr->pl, pr->d, &pr->o, h) : -ENOMEM;

	if (rc == 0 && human)
		rc = hosttable_write_top(human, h, n, pr->d->mask, pr->o.cap,
					 HOSTTABLE_TOP);
	if (rc == 0 && a->host_table)
		rc = outfile_open(a->host_table, &of);
	if (rc == 0 && of)
		hosttable_write(outfile_fp(of), true, h, n, pr->d->mask,
				pr->o.cap);
	*table = of; /* committed with the plan */
	free(h);
	return rc;
}

/* The summary, and the host table's temporary file into *TABLE. */
static int summarize(const struct plan_run *pr, const struct plan_args *a,
		     struct outfile **table)
{
	struct plan_summary s;
	bool plan_on_stdout = a->out.out && !strcmp(a->out.out, "-");
	bool table_on_stdout = a->host_table && !strcmp(a->host_table, "-");
	FILE *human = plan_on_stdout || table_on_stdout ? stderr : stdout;
	int rc = plan_summarize(pr->pl, pr->d, &pr->o, &s);

	if (rc < 0)
		return rc;
	if (a->out.csv)
		write_csv(stdout, pr, a, &s);
	else
		write_human(human, pr, a, &s);
	rc = write_hosts(a->out.csv ? NULL : human, pr, a, table);
	return rc == 0 ? outfile_check_stdout() : rc;
}

/* Whether the plan of PR placed none of its VMs (there were some): then
 * there is no plan file, and the command exits 1. */
static bool none_placed(const struct plan_run *pr)
{
	return pr->pl->nvms && pr->pl->unplaced == pr->pl->nvms;
}

/*
 * The summary, the plan (-o) and the host table (--host-table). The
 * summary first, so that a failure printing it leaves the old plan file;
 * after the plan only when both go to standard output. The host table,
 * flushed before the plan is written, is renamed into place only once the
 * plan is: all or nothing.
 */
static int write_outputs(const struct plan_run *pr, const struct plan_args *a)
{
	bool plan_on_stdout = a->out.out && !strcmp(a->out.out, "-");
	struct outfile *table = NULL;
	int rc = plan_on_stdout ? 0 : summarize(pr, a, &table);

	if (rc == 0 && none_placed(pr)) {
		char why[160];

		if (plan_on_stdout)
			rc = summarize(pr, a, &table);
		outfile_abort(table);
		why_none(pr, why, sizeof(why));
		fleet_out_say_none_placed(pr->pl->unplaced, why);
		return rc;
	}

	if (rc == 0 && table)
		rc = outfile_flush(table);
	if (rc == 0 && a->out.out)
		rc = write_plan(pr, a);
	if (rc == 0 && plan_on_stdout)
		rc = summarize(pr, a, &table);
	if (rc == 0 && table)
		return outfile_commit(table);
	outfile_abort(table);
	return rc;
}

/* Even the most cautious level missed the target: said with what the
 * estimate is of (the statistic, of a held-out fold's period). */
static void capped_warning(const struct plan *pl, const struct plan_args *a)
{
	char per[48];

	error_warn("plan: robust: even at level P%g the held-out estimate "
		   "of a %s's %s is %.2f%%, above the %g%% target: the "
		   "promise may not hold out of sample",
		   pl->level, fold_period(pl, per, sizeof(per)),
		   a->promise == PLAN_PROMISE_HOST
		       ? "share of hosts above the target"
		       : "overload",
		   100 * pl->heldout, 100 - a->p);
}

/* *UNPLACED: how many VMs fit on no host; *NONE: whether that is every
 * one (no plan written). */
static int run_one(const struct plan_args *a, size_t *unplaced, bool *none)
{
	struct plan_run pr = {
	    .o = {.p = a->p,
		  .seed = a->seed,
		  .promise = (enum plan_promise)a->promise,
		  .window = a->window ? a->window : SIZE_MAX,
		  .cost_apart = true}}; /* the summary says it */
	int rc = load(a, &pr);

	memcpy(pr.o.cap, a->hosts.cap, sizeof(pr.o.cap));
	if (rc == 0)
		rc = plan_create((enum plan_policy)a->policy, pr.d, &pr.o,
				 &pr.pl);
	if (rc == 0 && pr.pl->level_capped)
		capped_warning(pr.pl, a);
	if (rc == 0)
		report_unplaced(&pr);
	if (rc == 0)
		rc = write_outputs(&pr, a);
	if (rc == 0) {
		*unplaced = pr.pl->unplaced;
		*none = none_placed(&pr);
	}
	plan_destroy(pr.pl);
	demand_destroy(pr.d);
	free(pr.nodata);
	trace_destroy(pr.t);
	return rc;
}

/* W: the slots with data of T's slots [FIRST, FIRST + N), as each
 * bucket's demand holds them (sim/plan/demand.h). */
static void covered_window(const struct trace *t, size_t first, size_t n,
			   struct planterms_window *w)
{
	size_t a = first, b = first + n;

	while (a < b && !trace_covered(t, a))
		a++;
	while (b > a && !trace_covered(t, b - 1))
		b--;
	w->step = trace_step(t);
	w->start = trace_start(t) + (double)a * w->step;
	w->end = trace_start(t) + (double)b * w->step;
	w->slots = n - trace_uncovered(t, first, n);
}

/*
 * The terms of a bucketed plan (no level or interval: each bucket
 * calibrates on its own) into a new *OUT. -errno. The trace's hash is
 * a->hash, made by the last rank of C alone (hashes()); fleet_root() gives
 * the others' terms its hash.
 */
static int fleet_terms(const struct plan_args *a, const struct fleet_opts *fo,
		       const struct plan_run *pr, struct plan_terms **out)
{
	struct planterms_window w;
	int rc;

	covered_window(pr->t, fo->first, fo->nslots, &w);
	*out = malloc(sizeof(**out));
	if (!*out)
		return -ENOMEM;
	rc = planterms_fill_base(*out, &fo->po, fo->mask, fo->policy, &w,
				 a->trace, a->hash, a->virt.virt, a->growth);
	planterms_virt_factors(*out, pr->virt);
	if (rc < 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* Phase NAME of a rank's work has ended (ingest.h: struct ingest_comm's
 * phase). */
static void mark(const struct plan_comm *c, const char *name)
{
	if (c && c->ingest && c->ingest->phase)
		c->ingest->phase(c->ingest->ctx, name);
}

/* warn_nodata() for the VMs of IN's buckets. -ENOMEM. */
static int warn_fleet_nodata(const struct trace *t,
			     const struct fleet_input *in, const char *path)
{
	const size_t *vms;
	size_t n = fleet_input_nodata(in, &vms);
	const char **name = malloc((n ? n : 1) * sizeof(*name));

	if (!name)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		name[i] = trace_name(t, vms[i]);
	warn_nodata(name, n, path);
	free(name);
	return 0;
}

/* This process's shard of a bucketed plan: load, keep its VMs, plan. */
static int fleet_part(const struct plan_args *a, const struct plan_comm *c,
		      struct fleet_opts *fo, struct fleet_part **out)
{
	struct plan_run pr = {0};
	struct plan_terms *terms = NULL;
	struct fleet_input *in = NULL;
	int rc = load_trace(a, c, &fo->buckets, &pr, &fo->first, &fo->nslots,
			    &fo->mask);

	fo->factor = pr.factor;
	if (rc == 0 && !fo->buckets)
		fo->buckets = fleet_default_buckets(trace_nvms(pr.t));
	mark(c, "check");
	if (rc == 0)
		rc = fleet_load(pr.t, fo, &in);
	if (rc == 0) /* of this process's buckets, as the plain plan */
		rc = warn_fleet_nodata(pr.t, in, a->trace);
	if (rc == 0) {
		warn_idle(fleet_input_demand(in), a->trace);
		warn_unmeasured(pr.t, fleet_input_demand(in), a->trace);
	}
	if (rc == 0)
		rc = fleet_terms(a, fo, &pr, &terms);
	mark(c, "demand");
	if (rc == 0)
		rc = fleet_plan(in, fo, out);
	mark(c, "place");
	if (rc == 0)
		(*out)->terms = terms;
	else
		free(terms);
	fleet_input_destroy(in);
	trace_destroy(pr.t); /* after the demand: a view of it */
	return rc;
}

/* The summary of P, on stderr when the plan itself goes to stdout. */
static int fleet_summary(const struct plan_args *a, const struct fleet_part *p)
{
	struct fleet_bucket_stats t;
	bool plan_on_stdout = a->out.out && !strcmp(a->out.out, "-");

	fleet_totals(p, &t);
	fleet_out_nofit(p, &t);
	fleet_out_summary(plan_on_stdout && !a->out.csv ? stderr : stdout, p,
			  &t, a->out.csv);
	return outfile_check_stdout();
}

/* Parts of every rank (rank 0) parsed from the gathered bytes. */
static int parse_parts(const char *all, const size_t *lens, int n,
		       struct fleet_part **parts)
{
	int rc = 0;

	for (int r = 0; r < n && rc == 0; r++) {
		FILE *fp = fmemopen((void *)all, lens[r] ? lens[r] : 1, "r");
		char name[32];

		snprintf(name, sizeof(name), "rank %d", r);
		rc = fp ? fleet_file_read(fp, name, &parts[r]) : -ENOMEM;
		if (fp)
			fclose(fp);
		all += lens[r];
	}
	return rc;
}

/* Rank 0: merge the parts (the last rank's hash of the trace in every
 * one's terms: fleet_terms()), check the reduced totals, write. */
static int fleet_root(const struct plan_args *a, struct fleet_part **parts,
		      int n, const int64_t *sum)
{
	const struct plan_terms *h = parts[n - 1]->terms;
	struct fleet_part *m = NULL;
	struct fleet_bucket_stats t;
	const char *why;
	int rc;

	for (int r = 0; h && r < n - 1; r++)
		if (parts[r]->terms) {
			memcpy(parts[r]->terms->trace_sha256, h->trace_sha256,
			       sizeof(h->trace_sha256));
			parts[r]->terms->trace_size = h->trace_size;
		}
	rc = fleet_merge(parts, (size_t)n, &m, &why);

	if (rc == -EINVAL)
		error_msg("plan: ranks disagree: %s", why);
	if (rc == 0) {
		fleet_totals(m, &t);
		if (memcmp(&t, sum, sizeof(t)))
			rc = -EPROTO;
	}
	if (rc == 0 && a->out.out && !fleet_out_none_placed(&t))
		rc = fleet_write_plan(m, a->out.out);
	if (rc == 0)
		rc = fleet_summary(a, m);
	if (rc == 0 && fleet_out_none_placed(&t))
		fleet_out_say_none_placed(t.unplaced, "");
	fleet_part_destroy(m);
	return rc;
}

/* The totals travel as an array of 64-bit integers. */
_Static_assert(sizeof(struct fleet_bucket_stats) % sizeof(int64_t) == 0,
	       "fleet_bucket_stats is not a run of 64-bit integers");

/* Part P as a fleet file's text, in *BUF (*LEN bytes). */
static int serialise(const struct fleet_part *p, char **buf, size_t *len)
{
	FILE *fp = open_memstream(buf, len);
	int rc = fp ? fleet_file_write(fp, p) : -ENOMEM;

	if (fp && (fclose(fp) || !*buf) && rc == 0) /* !buf: see planfile.c */
		rc = -ENOMEM;
	return rc;
}

/*
 * Every rank's part to rank 0, totals summed as integers (on every rank:
 * *UNPLACED, the whole plan's, for --strict); RC is this rank's result so
 * far. Every rank makes the same calls whatever happened.
 */
static int fleet_meet(const struct plan_args *a, const struct fleet_part *p,
		      const struct plan_comm *c, int rc, size_t *unplaced,
		      bool *none)
{
	struct fleet_bucket_stats t = {0}, sum;
	struct fleet_part **parts = NULL;
	size_t len = 0, *lens = calloc((size_t)c->size, sizeof(*lens));
	char *buf = NULL, *all = NULL;

	if (rc == 0)
		rc = lens ? serialise(p, &buf, &len) : -ENOMEM;
	if (rc == 0)
		fleet_totals(p, &t);
	mark(c, "serialise");
	rc = c->agree(rc);
	if (rc == 0)
		rc = c->sum((const int64_t *)&t, (int64_t *)&sum,
			    sizeof(t) / sizeof(int64_t));
	if (rc == 0)
		rc = c->gather(buf, len, &all, lens);
	mark(c, "gather");
	if (rc == 0 && c->rank == 0) {
		parts = calloc((size_t)c->size, sizeof(*parts));
		rc = parts ? parse_parts(all, lens, c->size, parts) : -ENOMEM;
		if (rc == 0)
			rc = fleet_root(a, parts, c->size, (int64_t *)&sum);
	}
	mark(c, "merge+write");
	for (int r = 0; parts && r < c->size; r++)
		fleet_part_destroy(parts[r]);
	free(parts);
	free(all);
	free(buf);
	free(lens);
	rc = c->agree(rc);
	if (rc == 0) {
		*unplaced = (size_t)sum.unplaced;
		*none = fleet_out_none_placed(&sum);
	}
	return rc;
}

/*
 * A bucketed plan: this process alone (all buckets), a shard of a job
 * array (its buckets, to a shard file), or an MPI rank (COMM).
 */
static int run_fleet(const struct plan_args *a, const struct plan_comm *c,
		     size_t *unplaced, bool *none)
{
	struct fleet_bucket_stats t;
	struct fleet_opts fo = {
	    .policy = (enum plan_policy)a->policy,
	    .po = {.p = a->p,
		   .seed = a->seed,
		   .promise = (enum plan_promise)a->promise,
		   .window = a->window ? a->window : SIZE_MAX,
		   /* MPI: one thread a rank, the ranks share the cores */
		   .threads = c ? 1 : 0,
		   .cost_apart = true},
	    .buckets = a->fleet.buckets, /* 0: the default */
	    .shard = c ? (unsigned)c->rank : a->fleet.shard,
	    .nshards = c		  ? (unsigned)c->size
		       : a->fleet.nshards ? a->fleet.nshards
					  : 1};
	struct fleet_part *p = NULL;
	int rc;

	memcpy(fo.po.cap, a->hosts.cap, sizeof(fo.po.cap));
	rc = fleet_part(a, c, &fo, &p);
	if (rc == 0 && !c) {
		fleet_totals(p, &t);
		*unplaced = (size_t)t.unplaced;
		/* a shard with no host is fine: merge judges the whole */
		*none = !a->fleet.nshards && fleet_out_none_placed(&t);
	}
	if (c)
		rc = fleet_meet(a, p, c, rc, unplaced, none);
	else if (rc == 0 && a->out.out && !*none)
		rc = a->fleet.nshards ? fleet_out_shard(p, a->out.out)
				      : fleet_write_plan(p, a->out.out);
	if (rc == 0 && !c)
		rc = fleet_summary(a, p);
	if (rc == 0 && *none)
		fleet_out_say_none_placed(t.unplaced, "");
	fleet_part_destroy(p);
	return rc;
}

/*
 * Whether this process hashes the trace for the plan's terms: a file (not
 * standard input), and a plan written (one plan) or the bucketed plan's
 * terms made (fleet_terms()) by the only process or the last rank (a
 * serial pass over the whole file, which each rank would repeat; not
 * rank 0, which merges and writes at the end).
 */
static bool hashes(const struct plan_args *a, const struct plan_comm *c,
		   bool fleet)
{
	if (!strcmp(a->trace, "-"))
		return false;
	return fleet ? !c || c->rank == c->size - 1 : a->out.out != NULL;
}

/*
 * A large trace is hashed on a thread of its own while it is read and
 * planned (lib/filehash.h), unless planning runs on one thread
 * (VMUX_THREADS=1, or an MPI rank: the ranks share the cores) or needs no
 * hash.
 */
static int run(struct plan_args *a, const struct plan_comm *c, size_t *unplaced,
	       bool *none)
{
	bool fleet = c || a->fleet.buckets || a->fleet.nshards;
	struct plan_opts po = {0};
	int rc = 0;

	if (hashes(a, c, fleet))
		rc = filehash_start(a->trace,
				    !c && plan_threads(&po) > 1
					? FILEHASH_THREAD_MIN
					: UINT64_MAX,
				    &a->hash);
	if (rc == 0)
		rc = fleet ? run_fleet(a, c, unplaced, none)
			   : run_one(a, unplaced, none);
	filehash_destroy(a->hash);
	a->hash = NULL;
	return rc;
}

int plan_command(int argc, char **argv, const struct plan_comm *comm)
{
	struct plan_args a = {.p = 95,
			      .train = CLI_WINDOW_ALL,
			      .policy = PLAN_ROBUST,
			      .seed = 1,
			      .window = PLAN_FIT_WINDOW};
	size_t unplaced = 0;
	bool none = false;
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	if (comm && a.fleet.nshards) /* the ranks are the shards */
		return opt_error(&cmd, "--shard",
				 "the MPI ranks are the shards: leave it out");
	if (comm && a.host_table)
		return opt_error(&cmd, "--host-table", NO_TABLE);
	rc = run(&a, comm, &unplaced, &none);
	if (rc == 0 && none)
		return FLEET_OUT_EXIT_NONE;
	if (rc == 0 && a.strict && unplaced) {
		/* every rank exits 1; rank 0, which names the VMs, says it */
		if (!comm || comm->rank == 0)
			error_msg("plan: no host for %zu VM%s (--strict)",
				  unplaced, unplaced == 1 ? "" : "s");
		return EXIT_UNPLACED;
	}
	return error_exit_code(rc);
}

static int plan_main(int argc, char **argv)
{
	return plan_command(argc, argv, NULL);
}

const struct command cmd_plan = {
    "plan", "choose which VMs share a host under a service level", plan_main,
    &cmd};
