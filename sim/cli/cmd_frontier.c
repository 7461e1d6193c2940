/*
 * cmd_frontier.c - `vmux frontier`: the trade-off a planner picks from.
 * For each policy and each service level P, plan on the training window
 * (sim/plan/plan.h) and replay the plan on the evaluation window (sim/plan/evaluate.h,
 * VMs matched by name): hosts used against out-of-sample overload, one CSV
 * row per (policy, P). The evaluation window is another trace
 * (--eval-trace) or a later window of the same one.
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "sim/plan/evaluate.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "sim/plan/plan.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEVELS 32

struct fr_args {
	const char *train, *eval, *out;
	double cap[RES_COUNT];
	double t0, t1, e0, e1;
	double levels[MAX_LEVELS];
	int nlevels;
	unsigned policies; /* 1 << enum plan_policy */
	uint64_t seed;
	bool csv;
};

struct fr_ctx {
	const struct fr_args *a;
	struct trace *tt, *te; /* te may be tt */
	struct demand *d;
	unsigned mask;
	struct eval_opts eo;
	long *host_of; /* per evaluation-trace VM */
	FILE *fp;
};

static void usage(FILE *fp)
{
	fprintf(
	    fp,
	    "usage: vmux frontier TRACE --host-cpu C [options]\n\n"
	    "For each policy and service level, plan on the training window "
	    "and replay\nthe plan on the evaluation window: hosts used "
	    "against out-of-sample overload.\n\n"
	    "  --host-cpu C          cores per host (required)\n"
	    "  --host-mem M          MiB per host (mem must fit too)\n"
	    "  --train-from T0, --train-to T1   training window of TRACE "
	    "(default: all)\n"
	    "  --eval-trace FILE     evaluate on FILE (default: TRACE)\n"
	    "  --eval-from T2, --eval-to T3     evaluation window (default: "
	    "all of the\n"
	    "                        evaluation trace; with no --eval-trace "
	    "give --eval-from)\n"
	    "  --policies LIST       from separate,sbp,joint,robust "
	    "(default: all)\n"
	    "  --percentiles LIST    service levels P (default "
	    "80,85,90,92.5,95,97.5,99)\n"
	    "  --seed X              the robust policy's seed (default 1)\n"
	    "  --csv                 CSV on standard output (default: a "
	    "table)\n"
	    "  -o FILE               CSV to FILE\n"
	    "  -h, --help            this help\n\n"
	    "CSV: policy,percentile,level,hosts,unplaced,overload_in,"
	    "overload_rate,\nunmet_fraction,violation_rate (rates are "
	    "fractions; overload_in is in sample).\n");
}

static int num(const char *opt, const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	if (end == s || *end || !isfinite(*out))
		return error_usage("frontier",
				   "option '%s': '%s' is not a "
				   "number",
				   opt, s);
	return 0;
}

static int parse_levels(struct fr_args *a, const char *arg)
{
	char buf[512], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", arg);
	a->nlevels = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		double p;

		if (a->nlevels == MAX_LEVELS || num("--percentiles", tok, &p))
			return error_usage("frontier",
					   "option '--percentiles':"
					   " up to %d numbers",
					   MAX_LEVELS);
		if (!(p > 0 && p < 100))
			return error_usage("frontier",
					   "option '--percentiles':"
					   " %g is not in (0, 100)",
					   p);
		a->levels[a->nlevels++] = p;
	}
	return a->nlevels ? 0
			  : error_usage("frontier", "option "
						    "'--percentiles': empty");
}

static int parse_policies(struct fr_args *a, const char *arg)
{
	char buf[128], *tok, *save = NULL;
	enum plan_policy p;

	snprintf(buf, sizeof(buf), "%s", arg);
	a->policies = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (plan_policy_parse(tok, &p) < 0)
			return error_usage("frontier",
					   "option '--policies': "
					   "unknown policy '%s'",
					   tok);
		a->policies |= 1u << p;
	}
	return a->policies ? 0
			   : error_usage("frontier", "option "
						     "'--policies': empty");
}

static int parse_opt(struct fr_args *a, int c, const char *arg)
{
	double x;
	int rc;

	switch (c) {
	case 'C':
	case 'M':
		rc = num(c == 'C' ? "--host-cpu" : "--host-mem", arg, &x);
		if (rc == 0 && !(x > 0))
			rc =
			    error_usage("frontier", "option '%s': must be > 0",
					c == 'C' ? "--host-cpu" : "--host-mem");
		a->cap[c == 'C' ? RES_CPU : RES_MEM] = x;
		return rc;
	case 'a':
		return num("--train-from", arg, &a->t0);
	case 'b':
		return num("--train-to", arg, &a->t1);
	case 'c':
		return num("--eval-from", arg, &a->e0);
	case 'd':
		return num("--eval-to", arg, &a->e1);
	case 'E':
		a->eval = arg;
		return 0;
	case 'p':
		return parse_policies(a, arg);
	case 'P':
		return parse_levels(a, arg);
	case 's':
		rc = num("--seed", arg, &x);
		a->seed = (uint64_t)x;
		return rc;
	case 'v':
		a->csv = true;
		return 0;
	case 'o':
		a->out = arg;
		return 0;
	}
	return VMUX_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct fr_args *a)
{
	static const struct option opts[] = {
	    {"host-cpu", 1, NULL, 'C'},
	    {"host-mem", 1, NULL, 'M'},
	    {"train-from", 1, NULL, 'a'},
	    {"train-to", 1, NULL, 'b'},
	    {"eval-from", 1, NULL, 'c'},
	    {"eval-to", 1, NULL, 'd'},
	    {"eval-trace", 1, NULL, 'E'},
	    {"policies", 1, NULL, 'p'},
	    {"percentiles", 1, NULL, 'P'},
	    {"seed", 1, NULL, 's'},
	    {"csv", 0, NULL, 'v'},
	    {"help", 0, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return -1;
		}
		if ((rc = parse_opt(a, c, optarg)))
			return rc;
	}
	if (optind != argc - 1)
		return error_usage("frontier", "one TRACE expected");
	if (!(a->cap[RES_CPU] > 0))
		return error_usage("frontier", "--host-cpu is required");
	if (!a->eval && !isfinite(a->e0))
		return error_usage("frontier",
				   "give --eval-trace, or "
				   "--eval-from for a later window of TRACE");
	a->train = argv[optind];
	return 0;
}

/* The training demand and the evaluation options. */
static int load(struct fr_ctx *c)
{
	const struct fr_args *a = c->a;
	size_t first, n;
	int rc = ingest_file(a->train, NULL, &c->tt, NULL);

	if (rc == 0)
		rc = a->eval ? ingest_file(a->eval, NULL, &c->te, NULL) : 0;
	if (rc < 0)
		return rc;
	if (!a->eval)
		c->te = c->tt;
	for (int r = 0; r < RES_COUNT; r++)
		if (a->cap[r] > 0) {
			if (!trace_has(c->tt, (enum res)r) ||
			    !trace_has(c->te, (enum res)r))
				return error_data(
				    trace_has(c->tt, (enum res)r)
					? a->eval
					: a->train,
				    1, res_name((enum res)r),
				    "no such column to plan on");
			c->mask |= RES_MASK(r);
			c->eo.cap[r] = a->cap[r];
		}
	if (trace_window(c->tt, a->t0, a->t1, &first, &n) < 0)
		return error_data(a->train, 1, "time",
				  "the training window "
				  "holds no slot");
	rc = demand_from_trace(c->tt, first, n, c->mask, NULL, 0, NULL, &c->d);
	if (rc == 0 &&
	    trace_window(c->te, a->e0, a->e1, &c->eo.first, &c->eo.nslots) < 0)
		return error_data(a->eval ? a->eval : a->train, 1, "time",
				  "the evaluation window holds no slot");
	c->host_of = malloc((trace_nvms(c->te) + 1) * sizeof(long));
	return rc == 0 && !c->host_of ? -ENOMEM : rc;
}

/* Map the plan's hosts onto the evaluation trace's VMs, by name. */
static void map_hosts(struct fr_ctx *c, const struct plan *pl)
{
	for (size_t v = 0; v < trace_nvms(c->te); v++)
		c->host_of[v] = -1;
	for (size_t v = 0; v < pl->nvms; v++) {
		long e = trace_find(c->te, trace_name(c->tt, c->d->vm[v]));

		if (e >= 0 && pl->host_of[v] != PLAN_UNPLACED)
			c->host_of[e] = (long)pl->host_of[v];
	}
}

static int point(struct fr_ctx *c, enum plan_policy pol, double p)
{
	struct plan_opts po = {.p = p, .seed = c->a->seed};
	struct eval_stats *hosts = NULL, total;
	struct plan_summary sum;
	struct plan *pl = NULL;
	int rc;

	memcpy(po.cap, c->a->cap, sizeof(po.cap));
	rc = plan_create(pol, c->d, &po, &pl);
	if (rc == 0)
		rc = plan_summarize(pl, c->d, &po, &sum);
	if (rc == 0) {
		hosts = calloc(pl->nhosts + 1, sizeof(*hosts));
		rc = hosts ? 0 : -ENOMEM;
	}
	if (rc == 0) {
		map_hosts(c, pl);
		rc = eval_placement(c->te, c->host_of, pl->nhosts, &c->eo,
				    hosts, &total);
	}
	if (rc == 0)
		fprintf(c->fp, "%s,%g,%.6g,%zu,%zu,%.6f,%.6f,%.6f,%.6f\n",
			plan_policy_name(pol), p, pl->level, pl->nhosts,
			pl->unplaced, sum.overload, eval_overload_rate(&total),
			eval_unmet_fraction(&total, RES_CPU),
			eval_violation_rate(&total));
	free(hosts);
	plan_destroy(pl);
	return rc;
}

#define HEADER                                                                 \
	"policy,percentile,level,hosts,unplaced,overload_in,"                  \
	"overload_rate,unmet_fraction,violation_rate\n"

static int sweep(struct fr_ctx *c)
{
	int rc = 0;

	fputs(HEADER, c->fp);
	for (int pol = 0; pol < PLAN_NPOLICY && rc == 0; pol++) {
		if (!(c->a->policies & (1u << pol)))
			continue;
		fprintf(stderr, "frontier: %s at %d levels\n",
			plan_policy_name((enum plan_policy)pol), c->a->nlevels);
		for (int i = 0; i < c->a->nlevels && rc == 0; i++)
			rc = point(c, (enum plan_policy)pol, c->a->levels[i]);
	}
	return rc;
}

/* The CSV as a table for people. */
static void human(const char *csv)
{
	char pol[32];
	double p, lvl, in, over, unmet, viol;
	size_t hosts, unpl;
	const char *l = strchr(csv, '\n');

	printf("%-9s %7s %6s %9s %12s %9s %10s\n", "policy", "P", "hosts",
	       "in-sample", "out-of-sample", "unmet", "violated");
	while (l &&
	       sscanf(l + 1, "%31[^,],%lf,%lf,%zu,%zu,%lf,%lf,%lf,%lf", pol, &p,
		      &lvl, &hosts, &unpl, &in, &over, &unmet, &viol) == 9) {
		printf("%-9s %7g %6zu %8.2f%% %11.2f%% %8.3f%% %9.2f%%\n", pol,
		       p, hosts, 100 * in, 100 * over, 100 * unmet, 100 * viol);
		l = strchr(l + 1, '\n');
	}
}

static int output(const struct fr_args *a, const char *csv, size_t len)
{
	struct outfile *of;
	int rc;

	if (a->csv)
		fwrite(csv, 1, len, stdout);
	else
		human(csv);
	if (!a->out)
		return 0;
	rc = outfile_open(a->out, &of);
	if (rc < 0)
		return rc;
	fwrite(csv, 1, len, outfile_fp(of));
	return outfile_commit(of);
}

static int frontier_main(int argc, char **argv)
{
	struct fr_args a = {.t0 = -INFINITY,
			    .t1 = INFINITY,
			    .e0 = NAN,
			    .e1 = INFINITY,
			    .levels = {80, 85, 90, 92.5, 95, 97.5, 99},
			    .nlevels = 7,
			    .policies = (1u << PLAN_NPOLICY) - 1,
			    .seed = 1};
	struct fr_ctx c = {.a = &a};
	char *csv = NULL;
	size_t len = 0;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!isfinite(a.e0))
		a.e0 = -INFINITY;
	c.fp = open_memstream(&csv, &len);
	rc = c.fp ? load(&c) : -ENOMEM;
	if (rc == 0)
		rc = sweep(&c);
	if (c.fp)
		fclose(c.fp);
	if (rc == 0)
		rc = output(&a, csv, len);
	free(csv);
	free(c.host_of);
	demand_destroy(c.d);
	if (c.te != c.tt)
		trace_destroy(c.te);
	trace_destroy(c.tt);
	return rc < 0 ? error_exit_code(rc) : 0;
}

const struct command cmd_frontier = {
    "frontier", "hosts used against out-of-sample overload, per policy",
    frontier_main};
