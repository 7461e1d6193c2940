/*
 * cmd_frontier.c - `vmux frontier`: the trade-off a planner picks from.
 * For each policy and each service level P, plan on the training window
 * (sim/plan/plan.h) and replay the plan on the evaluation window
 * (sim/plan/evaluate.h, VMs matched by name): hosts used against out-of-sample
 * overload, one CSV row per (policy, P). The evaluation window is another trace
 * (--eval-trace) or a later window of the same one.
 */
#include "sim/cli/command.h"
#include "sim/cli/fleet_out.h"
#include "sim/cli/frontier_fleet.h"
#include "sim/cli/options.h"
#include "sim/plan/fleet.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "lib/numtext.h"
#include "sim/plan/evaluate.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "lib/stepnote.h"
#include "sim/plan/plan.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fr_args {
	const char *train, *eval;
	struct cli_output out;
	struct cli_hosts hosts;
	struct cli_window tw, ew;
	struct opt_numbers levels;
	unsigned policies; /* 1 << enum plan_policy */
	uint64_t seed;
	struct cli_fleet fleet;
};

/* A point as the table for people shows it: its four rates as the CSV's
 * (NaN: undefined, "-"). */
struct fr_row {
	enum plan_policy policy;
	double p;
	uint64_t hosts;
	double rate[4];
	/* the CSV's unplaced, vms, missing and not_planned */
	uint64_t count[4];
};

struct fr_ctx {
	const struct fr_args *a;
	struct trace *tt, *te; /* te may be tt */
	struct demand *d;
	unsigned mask;
	struct eval_opts eo;
	long *host_of; /* per evaluation-trace VM */
	size_t te_vms; /* te's VMs with data in the evaluation window */
	FILE *fp;
	unsigned *bucket;      /* bucketed: per demand VM */
	struct fr_cover cover; /* the point missing most VMs */
	struct fr_row *rows;   /* the table for people, a row per point */
	size_t nrows, rows_cap;
};

#define A(F, T) OPT_AT(struct fr_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(train, const char *)),
    OPT_INCLUDE(cli_hosts_opts, A(hosts, struct cli_hosts)),
    OPT_INCLUDE(cli_train_opts, A(tw, struct cli_window)),
    OPT_STR("eval-trace", 0, A(eval, const char *), "FILE",
	    OPT_INFILE | OPT_STDIN, "evaluate on FILE (default: TRACE)"),
    OPT_INCLUDE(cli_eval_window_opts, A(ew, struct cli_window)),
    OPT_CHOICE(OPT_ENUM_SET, "policies", A(policies, unsigned), "LIST",
	       plan_policy_names, "policies to sweep (default: all)"),
    OPT_NUM(OPT_NUMBERS, "percentiles", A(levels, struct opt_numbers), "LIST",
	    &cli_percent_range, NULL,
	    "service levels P (default 80,85,90,92.5,95,97.5,99)"),
    OPT_INCLUDE(cli_seed_opts, A(seed, uint64_t)),
    OPT_INCLUDE(cli_fleet_opts, A(fleet, struct cli_fleet)),
    OPT_INCLUDE(cli_output_opts, A(out, struct cli_output)),
    OPT_RELATE(NULL, .needs = "--eval-trace|--eval-from",
	       .why = "--eval-from for a later window of TRACE"),
    OPT_TABLE_END,
};

/*
 * Windows of one trace: the training window ends where the evaluation
 * begins unless --train-to says otherwise, and the two may not overlap
 * (the replay would be in sample, its rates called out of sample).
 */
static int check_windows(const struct opt_cmd *c, struct fr_args *a)
{
	struct cli_window *t = &a->tw;
	const struct cli_window *e = &a->ew;

	if (t->to == INFINITY && t->from < e->from)
		t->to = e->from;
	if (t->from < e->to && e->from < t->to)
		return opt_error(
		    c, a->eval ? "--eval-trace" : NULL,
		    "the training and evaluation windows of "
		    "TRACE overlap (the replay would be in "
		    "sample): end --train-to at or before "
		    "--eval-from, or another trace (--eval-trace)");
	return 0;
}

/* The evaluation window (the table's rule: --eval-trace, or a later
 * window of TRACE) and the training window, of one trace. */
static int check(const struct opt_cmd *c, void *args)
{
	struct fr_args *a = args;

	/* --eval-trace naming TRACE itself is a window of one trace */
	return a->eval && strcmp(a->eval, a->train) ? 0 : check_windows(c, a);
}

static const struct opt_cmd cmd = {
    .name = "frontier",
    .about = "For each policy and service level, plan on the training window "
	     "and replay\nthe plan on the evaluation window: hosts used "
	     "against out-of-sample overload.\nThe evaluation window is all "
	     "of --eval-trace, or (without one) a later\nwindow of TRACE "
	     "from --eval-from, where the training window then ends\n"
	     "(unless --train-to ends it earlier; the two may not "
	     "overlap).\n",
    .more = "CSV: policy,percentile,level,hosts,unplaced,overload_in,"
	    "overload_rate,\nunmet_fraction,violation_rate,seed,vms,missing,"
	    "not_planned (rates are\nfractions; overload_in is in sample; "
	    "seed: --seed; vms: the plan's VMs\nevaluated, missing: those "
	    "not in the evaluation trace, not_planned: its\nVMs not in the "
	    "plan, as vmux evaluate counts them).\n",
    .opts = options,
    .check = check,
    .stdout_is = "the table (or --csv's rows)",
};

static bool bucketed(const struct fr_args *a)
{
	return a->fleet.buckets || a->fleet.nshards;
}

/*
 * The training demand: every VM with data in the window (README: absent
 * is not idle: one with none cannot be sized and is not planned), or
 * (bucketed) those of this shard's buckets, with each one's bucket in
 * c->bucket.
 */
static int load_demand(struct fr_ctx *c, size_t first, size_t n)
{
	struct fr_args *a = (struct fr_args *)c->a;
	size_t m = trace_nvms(c->tt), k = 0;
	bool fleet = bucketed(a);
	unsigned ns = a->fleet.nshards ? a->fleet.nshards : 1;
	size_t *vms = malloc((m ? m : 1) * sizeof(*vms));
	int rc;

	if (fleet && !a->fleet.buckets)
		a->fleet.buckets = fleet_default_buckets(m);
	if (fleet)
		c->bucket = malloc((m ? m : 1) * sizeof(*c->bucket));
	if (!vms || (fleet && !c->bucket)) {
		free(vms);
		return -ENOMEM;
	}
	for (size_t v = 0; v < m; v++) {
		unsigned b =
		    fleet ? fleet_bucket(trace_name(c->tt, v), a->fleet.buckets)
			  : 0;

		if ((fleet && b % ns != a->fleet.shard) ||
		    !trace_present(c->tt, v, first, n))
			continue;
		if (fleet)
			c->bucket[k] = b;
		vms[k++] = v;
	}
	rc = demand_from_trace(c->tt, first, n, c->mask, vms, k, NULL, &c->d);
	free(vms);
	return rc;
}

/* The first of FROM's VMs not in TO (or -1), and how many there are. */
static size_t unmatched(const struct trace *from, const struct trace *to,
			long *first)
{
	size_t n = 0;

	*first = -1;
	for (size_t v = 0; v < trace_nvms(from); v++)
		if (trace_find(to, trace_name(from, v)) < 0 && !n++)
			*first = (long)v;
	return n;
}

/*
 * --eval-trace's VMs are matched by name: those of one trace only are
 * said, as `vmux evaluate` says them (the rates are over the VMs in both;
 * whether that covers the plans, each point's counts say: fr_cover_warn);
 * no VM in common is bad data.
 */
static int check_match(const struct fr_ctx *c)
{
	const char *tp = c->a->train, *ep = c->a->eval;
	long fm, fe;
	size_t miss = unmatched(c->tt, c->te, &fm);
	size_t extra = unmatched(c->te, c->tt, &fe);

	if (miss && miss == trace_nvms(c->tt))
		return error_data(ep, 1, "vm",
				  "no VM of '%s' (%zu VM%s) is in it", tp, miss,
				  miss == 1 ? "" : "s");
	if (miss)
		error_warn("frontier: %zu of the %zu VMs of '%s' missing from "
			   "'%s': planned, not replayed (first '%s')",
			   miss, trace_nvms(c->tt), tp, ep,
			   trace_name(c->tt, (size_t)fm));
	if (extra)
		error_warn("frontier: %zu VM%s of '%s' not in '%s': not "
			   "planned, demand not replayed (first '%s')",
			   extra, extra == 1 ? "" : "s", ep, tp,
			   trace_name(c->te, (size_t)fe));
	return 0;
}

/* T's VMs with data in the window of EO (trace_present). */
static size_t in_window(const struct trace *t, const struct eval_opts *eo)
{
	size_t n = 0;

	for (size_t v = 0; v < trace_nvms(t); v++)
		n += trace_present(t, v, eo->first, eo->nslots);
	return n;
}

/* An evaluation trace of another step than the training trace's: the
 * service level counts training slots, so the out-of-sample rates (over
 * other slots) are not what it promises: said, in lib/stepnote's words,
 * as vmux evaluate says it of a plan's step. */
static void other_step(const struct fr_ctx *c)
{
	double want = trace_step(c->tt), got = trace_step(c->te);

	if (fabs(got - want) <= 1e-6 * want)
		return;
	stepnote_train("frontier", c->a->eval, got, c->a->train, want);
}

/* The training trace into c->tt, and the evaluation trace into c->te
 * (the same one without --eval-trace). */
static int read_traces(struct fr_ctx *c)
{
	const struct fr_args *a = c->a;
	int rc = ingest_file(a->train, NULL, &c->tt, NULL);

	if (rc == 0)
		rc = ingest_step_known(a->train, c->tt, NULL);
	if (rc == 0 && a->eval)
		rc = ingest_file(a->eval, NULL, &c->te, NULL);
	if (rc == 0 && a->eval)
		rc = ingest_step_known(a->eval, c->te, NULL);
	if (rc < 0)
		return rc;
	if (!a->eval)
		c->te = c->tt;
	else if ((rc = check_match(c)) < 0)
		return rc;
	if (a->eval)
		other_step(c);
	return 0;
}

/* Each resource with a host capacity, into c->mask and the evaluation's
 * capacities; a trace without its column is an error. */
static int take_resources(struct fr_ctx *c)
{
	const struct fr_args *a = c->a;

	for (int r = 0; r < RES_COUNT; r++) {
		const char *lacks = !trace_has(c->tt, (enum res)r)   ? a->train
				    : !trace_has(c->te, (enum res)r) ? a->eval
								     : NULL;

		if (!(a->hosts.cap[r] > 0))
			continue;
		if (lacks)
			return error_data(lacks, 1, res_name((enum res)r),
					  "no such column to plan on");
		c->mask |= RES_MASK(r);
		c->eo.cap[r] = a->hosts.cap[r];
	}
	return 0;
}

/* The training demand and the evaluation options. */
static int load(struct fr_ctx *c)
{
	const struct fr_args *a = c->a;
	size_t first, n;
	int rc = read_traces(c);

	if (rc == 0)
		rc = take_resources(c);
	if (rc < 0)
		return rc;
	rc = trace_window_say(c->tt, a->tw.from, a->tw.to, "frontier",
			      "training window", a->train, &first, &n);
	if (rc == 0)
		rc = load_demand(c, first, n);
	if (rc == 0)
		rc = trace_window_say(c->te, a->ew.from, a->ew.to, "frontier",
				      "evaluation window",
				      a->eval ? a->eval : a->train,
				      &c->eo.first, &c->eo.nslots);
	if (rc < 0)
		return rc;
	c->te_vms = in_window(c->te, &c->eo);
	c->host_of = malloc((trace_nvms(c->te) + 1) * sizeof(long));
	return rc == 0 && !c->host_of ? -ENOMEM : rc;
}

/* Map the plan's hosts (over D) onto the evaluation trace's VMs, by name;
 * a VM with no data in the evaluation window is not in it (missing), as
 * vmux evaluate counts it (planmatch_window). */
static void map_hosts(struct fr_ctx *c, const struct demand *d,
		      const struct plan *pl)
{
	for (size_t v = 0; v < trace_nvms(c->te); v++)
		c->host_of[v] = -1;
	for (size_t v = 0; v < pl->nvms; v++) {
		long e = trace_find(c->te, trace_name(c->tt, d->vm[v]));

		if (e >= 0 && pl->host_of[v] != PLAN_UNPLACED &&
		    trace_present(c->te, (size_t)e, c->eo.first, c->eo.nslots))
			c->host_of[e] = (long)pl->host_of[v];
	}
}

/* PL's placed VMs not in the evaluation trace at all (of those missing
 * from its window: evalcover_say()). */
static uint64_t absent_vms(const struct fr_ctx *c, const struct plan *pl)
{
	uint64_t n = 0;

	for (size_t v = 0; v < pl->nvms; v++)
		n += pl->host_of[v] != PLAN_UNPLACED &&
		     trace_find(c->te, trace_name(c->tt, c->d->vm[v])) < 0;
	return n;
}

/* R as a row of the table for people. */
static int add_row(struct fr_ctx *c, const struct fr_row *r)
{
	if (grow_array((void **)&c->rows, &c->rows_cap, c->nrows + 1,
		       sizeof(*c->rows), 16))
		return -ENOMEM;
	c->rows[c->nrows++] = *r;
	return 0;
}

/* One CSV row: the point, its four RATES (NaN: undefined, an empty
 * field), the seed and the coverage: the plan's VMs evaluated (VMS),
 * those missing from the evaluation trace, its VMs not in the plan; and
 * the point's row of the table for people. */
static int write_point(struct fr_ctx *c, enum plan_policy pol, double p,
		       const struct plan *pl, const double *rates, size_t vms)
{
	size_t missing = pl->nvms - pl->unplaced - vms;
	char level[32]; /* as PLAN.meta has it: it reads back exactly */
	struct fr_row r = {
	    .policy = pol,
	    .p = p,
	    .hosts = pl->nhosts,
	    .count = {pl->unplaced, vms, missing, c->te_vms - vms}};

	fprintf(c->fp, "%s,%g,%s,%zu,%zu", plan_policy_name(pol), p,
		numtext_exact(level, sizeof(level), pl->level), pl->nhosts,
		pl->unplaced);
	for (int i = 0; i < 4; i++) {
		fputc(',', c->fp);
		csvout_rate(c->fp, rates[i]);
	}
	fprintf(c->fp, ",%" PRIu64 ",%zu,%zu,%zu\n", c->a->seed, vms, missing,
		c->te_vms - vms);
	fr_cover_add(&c->cover, pol, p, vms, missing, absent_vms(c, pl));
	memcpy(r.rate, rates, sizeof(r.rate));
	return add_row(c, &r);
}

static int point(struct fr_ctx *c, enum plan_policy pol, double p)
{
	struct plan_opts po = {.p = p, .seed = c->a->seed};
	struct eval_stats *hosts = NULL, total;
	struct plan_summary sum;
	struct plan *pl = NULL;
	int rc;

	memcpy(po.cap, c->a->hosts.cap, sizeof(po.cap));
	rc = plan_create(pol, c->d, &po, &pl);
	if (rc == 0)
		rc = plan_summarize(pl, c->d, &po, &sum);
	if (rc == 0) {
		hosts = calloc(pl->nhosts + 1, sizeof(*hosts));
		rc = hosts ? 0 : -ENOMEM;
	}
	if (rc == 0) {
		map_hosts(c, c->d, pl);
		rc = eval_placement(c->te, c->host_of, pl->nhosts, &c->eo,
				    hosts, &total);
	}
	if (rc == 0)
		rc = write_point(
		    c, pol, p, pl,
		    (const double[4]){sum.overload, eval_overload_rate(&total),
				      eval_unmet_fraction(&total, RES_CPU),
				      eval_violation_rate(&total)},
		    total.vms);
	free(hosts);
	plan_destroy(pl);
	return rc;
}

static int sweep(struct fr_ctx *c)
{
	int rc = 0;

	fputs(FR_CSV_HEADER, c->fp);
	for (int pol = 0; pol < PLAN_NPOLICY && rc == 0; pol++) {
		if (!(c->a->policies & (1u << pol)))
			continue;
		fprintf(stderr, "frontier: %s at %d level%s\n",
			plan_policy_name((enum plan_policy)pol),
			(int)c->a->levels.n, c->a->levels.n == 1 ? "" : "s");
		for (int i = 0; i < (int)c->a->levels.n && rc == 0; i++)
			rc = point(c, (enum plan_policy)pol, c->a->levels.v[i]);
	}
	return rc;
}

/* What plan PL of SUB (in-sample SUM) gave in TOTAL, as integers in R. */
static void record(struct fr_rec *r, const struct plan *pl,
		   const struct demand *sub, const struct plan_summary *sum,
		   const struct eval_stats *total)
{
	r->level = pl->level;
	r->hosts = pl->nhosts;
	r->unplaced = pl->unplaced;
	r->slots_in = pl->nhosts * sub->nslots;
	r->over_in =
	    isnan(sum->overload)
		? 0
		: (uint64_t)llround(sum->overload * (double)r->slots_in);
	r->ev_slots = total->slots;
	r->ev_over = total->overloaded;
	r->vm_slots = total->vm_slots;
	r->violated = total->violated;
	r->demand = llround(total->demand[RES_CPU] / FLEET_QUANTUM);
	r->unmet = llround(total->unmet[RES_CPU] / FLEET_QUANTUM);
	r->ev_vms = total->vms;
	r->missing = pl->nvms - pl->unplaced - total->vms;
}

/* Plan bucket B's VMs (SUB) at point K and replay them: one record. */
static int bucket_point(struct fr_ctx *c, const struct demand *sub, unsigned b,
			unsigned k, enum plan_policy pol, double p,
			struct fr_recs *out)
{
	struct plan_opts po = {.p = p, .seed = c->a->seed};
	struct eval_stats *hosts = NULL, total;
	struct plan_summary sum;
	struct plan *pl = NULL;
	struct fr_rec r = {.point = k, .bucket = b, .policy = pol, .p = p};
	int rc;

	memcpy(po.cap, c->a->hosts.cap, sizeof(po.cap));
	rc = plan_create(pol, sub, &po, &pl);
	if (rc == 0)
		rc = plan_summarize(pl, sub, &po, &sum);
	if (rc == 0 && !(hosts = calloc(pl->nhosts + 1, sizeof(*hosts))))
		rc = -ENOMEM;
	if (rc == 0) {
		map_hosts(c, sub, pl);
		rc = eval_placement(c->te, c->host_of, pl->nhosts, &c->eo,
				    hosts, &total);
	}
	if (rc == 0) {
		record(&r, pl, sub, &sum, &total);
		rc = fr_recs_add(out, &r);
	}
	free(hosts);
	plan_destroy(pl);
	return rc;
}

/* Every point of bucket B (whose VMs are IDX[0..N) of c->d). */
static int bucket_sweep(struct fr_ctx *c, unsigned b, const size_t *idx,
			size_t n, struct fr_recs *out)
{
	struct demand *sub = NULL;
	unsigned k = 0;
	int rc = demand_select(c->d, idx, n, &sub);

	for (int pol = 0; pol < PLAN_NPOLICY && rc == 0; pol++) {
		if (!(c->a->policies & (1u << pol)))
			continue;
		for (size_t i = 0; i < c->a->levels.n && rc == 0; i++)
			rc = bucket_point(c, sub, b, k++, (enum plan_policy)pol,
					  c->a->levels.v[i], out);
	}
	demand_destroy(sub);
	return rc;
}

/* The bucketed frontier of this shard's buckets into OUT. */
static int sweep_fleet(struct fr_ctx *c, struct fr_recs *out)
{
	const struct fr_args *a = c->a;
	size_t n = c->d->nvms, *idx = malloc((n ? n : 1) * sizeof(*idx));
	int rc = idx ? 0 : -ENOMEM;

	out->shard = a->fleet.shard;
	out->nshards = a->fleet.nshards ? a->fleet.nshards : 1;
	out->buckets = a->fleet.buckets;
	out->seed = a->seed;
	out->has_seed = true;
	out->eval_vms = c->te_vms;
	out->has_cover = true;
	out->has_terms = true;
	memcpy(out->host_cap, a->hosts.cap, sizeof(out->host_cap));
	out->win[0] = a->tw.from;
	out->win[1] = a->tw.to;
	out->win[2] = a->ew.from;
	out->win[3] = a->ew.to;
	out->train_vms = trace_nvms(c->tt);
	out->npoints = 0;
	for (int pol = 0; pol < PLAN_NPOLICY; pol++)
		if (a->policies & (1u << pol))
			out->npoints += (unsigned)a->levels.n;
	for (unsigned b = a->fleet.shard; rc == 0 && b < a->fleet.buckets;
	     b += out->nshards) {
		size_t m = 0;

		for (size_t v = 0; v < n; v++)
			if (c->bucket[v] == b)
				idx[m++] = v;
		if (m)
			rc = bucket_sweep(c, b, idx, m, out);
	}
	free(idx);
	return rc;
}

/* The table's rows of the bucketed frontier RECS (one part, all
 * buckets), summed over the buckets as its CSV is. */
static int add_fleet_rows(struct fr_ctx *c, const struct fr_recs *recs)
{
	int rc = 0;

	for (unsigned k = 0; k < recs->npoints && rc == 0; k++) {
		struct fr_rec t;
		struct fr_row r;
		bool one;

		rc = fr_recs_point(recs, 1, k, &t, &one);
		if (rc == 0) {
			r = (struct fr_row){
			    .policy = t.policy,
			    .p = t.p,
			    .hosts = t.hosts,
			    .count = {t.unplaced, t.ev_vms, t.missing,
				      recs->eval_vms - t.ev_vms}};
			fr_rec_rates(&t, r.rate);
			rc = add_row(c, &r);
		}
	}
	return rc;
}

/* Bucketed: the shard file, or the CSV of all buckets into c->fp. */
static int run_fleet(struct fr_ctx *c, bool *shard_written)
{
	struct fr_recs recs = {0};
	const char *why;
	int rc = sweep_fleet(c, &recs);

	*shard_written = false;
	if (rc == 0 && c->a->fleet.nshards) {
		struct outfile *of = NULL;

		rc = outfile_open(c->a->out.out ? c->a->out.out : "-", &of);
		if (rc == 0)
			rc = fr_recs_write(outfile_fp(of), &recs);
		rc = rc == 0 ? outfile_commit(of) : (outfile_abort(of), rc);
		*shard_written = true;
	} else if (rc == 0) {
		rc = fr_recs_csv(&recs, 1, c->fp, &why, &c->cover);
		if (rc == 0)
			rc = add_fleet_rows(c, &recs);
	}
	fr_recs_free(&recs);
	return rc;
}

/* A rate as a percentage of WIDTH columns (DIGITS decimals), or "-"
 * when undefined (NaN: an empty field in the CSV). */
static void pct(double x, int width, int digits)
{
	if (isfinite(x))
		printf(" %*.*f%%", width, digits, 100 * x);
	else
		printf(" %*s", width + 1, "-");
}

/* The CSV's names of fr_row's counts, the table's headers. */
static const char *const count_names[4] = {"unplaced", "vms", "missing",
					   "not_planned"};

/* Each count column's width in W: its header's, or its widest number's. */
static void count_widths(const struct fr_ctx *c, int *w)
{
	char buf[24];

	for (int k = 0; k < 4; k++) {
		w[k] = (int)strlen(count_names[k]);
		for (size_t i = 0; i < c->nrows; i++) {
			int n = snprintf(buf, sizeof(buf), "%" PRIu64,
					 c->rows[i].count[k]);

			w[k] = n > w[k] ? n : w[k];
		}
	}
}

/* The points as a table for people; an undefined rate is "-". The
 * counts say how much of each plan the rates cover, as the CSV's. */
static void human(const struct fr_ctx *c)
{
	int w[4];

	count_widths(c, w);
	printf("%-9s %7s %6s %9s %12s %9s %10s", "policy", "P", "hosts",
	       "in-sample", "out-of-sample", "unmet", "violated");
	for (int k = 0; k < 4; k++)
		printf(" %*s", w[k], count_names[k]);
	putchar('\n');
	for (size_t i = 0; i < c->nrows; i++) {
		const struct fr_row *r = &c->rows[i];

		printf("%-9s %7g %6" PRIu64, plan_policy_name(r->policy), r->p,
		       r->hosts);
		pct(r->rate[0], 8, 2);
		pct(r->rate[1], 11, 2);
		pct(r->rate[2], 8, 3);
		pct(r->rate[3], 9, 2);
		for (int k = 0; k < 4; k++)
			printf(" %*" PRIu64, w[k], r->count[k]);
		putchar('\n');
	}
	puts("unplaced: VMs above a host on their own; vms: placed VMs "
	     "evaluated;\nmissing: placed VMs not in the evaluation trace; "
	     "not_planned: the evaluation\ntrace's VMs not in the plan");
	printf("seed %" PRIu64 "\n", c->a->seed);
}

static int output(const struct fr_ctx *c, const char *csv, size_t len)
{
	const struct fr_args *a = c->a;
	struct outfile *of;
	int rc;

	if (a->out.csv)
		fwrite(csv, 1, len, stdout);
	else
		human(c);
	if (!a->out.out)
		return 0;
	rc = outfile_open(a->out.out, &of);
	if (rc < 0)
		return rc;
	fwrite(csv, 1, len, outfile_fp(of));
	return outfile_commit(of);
}

static int frontier_main(int argc, char **argv)
{
	struct fr_args a = {.tw = CLI_WINDOW_ALL,
			    .ew = CLI_WINDOW_ALL,
			    .levels = {7, {80, 85, 90, 92.5, 95, 97.5, 99}},
			    .policies = (1u << PLAN_NPOLICY) - 1,
			    .seed = 1};
	struct fr_ctx c = {.a = &a};
	char *csv = NULL;
	size_t len = 0;
	bool shard_written = false;
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	c.fp = open_memstream(&csv, &len);
	rc = c.fp ? load(&c) : -ENOMEM;
	if (rc == 0)
		rc = bucketed(&a) ? run_fleet(&c, &shard_written) : sweep(&c);
	/* A failed write to the memory stream (or glibc's fclose leaving CSV
	 * NULL after its last realloc failed) is out of memory. */
	if (c.fp && (outfile_fclose(c.fp) || !csv) && rc == 0)
		rc = -ENOMEM;
	if (rc == 0 && !shard_written)
		fr_cover_warn("frontier", &c.cover, a.eval ? a.eval : a.train,
			      isfinite(a.ew.from) || isfinite(a.ew.to));
	if (rc == 0 && !shard_written)
		rc = output(&c, csv, len);
	free(csv);
	free(c.bucket);
	free(c.rows);
	free(c.host_of);
	demand_destroy(c.d);
	if (c.te != c.tt)
		trace_destroy(c.te);
	trace_destroy(c.tt);
	return rc < 0 ? error_exit_code(rc) : 0;
}

const struct command cmd_frontier = {
    "frontier", "hosts used against out-of-sample overload, per policy",
    frontier_main, &cmd};
