/*
 * cmd_report.c - `vmux report`: the consolidation report (HTML page,
 * gnuplot charts, CSV tables) from a trace, a plan and the optional outputs
 * of evaluate, frontier, bench and validate (reports/report.h).
 */
#include "reports/report.h"
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "lib/error.h"
#include "lib/shquote.h"
#include "lib/textwidth.h"
#include "sim/plan/plan.h"
#include "sim/plan/planterms.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the options fill: the report's options, with the windows and the
   host in the shared groups' shapes (copied over after parsing). */
struct report_args {
	struct report_opts o;
	struct cli_window train, eval; /* NAN: not given */
	struct cli_hosts hosts;
	struct opt_strings simulation; /* vmux simulate outputs */
	int promise;		       /* enum plan_promise, -1: not given */
	char seed[24], policy[16];     /* PLAN.meta's, for o.plan_seed */
	char virt[16];		       /* PLAN.meta's, for o.plan_virt */
	char est_scope[8];	       /* PLAN.meta's promise, o.est_scope */
};

#define A(F, T) OPT_AT(struct report_args, F, T)
#define PATH(N, F, ARG, FLAGS, HELP)                                           \
	OPT_STR(N, 0, A(o.F, const char *), ARG, FLAGS, HELP)
static const struct opt options[] = {
    PATH("trace", trace, "TRACE", OPT_REQUIRED | OPT_INFILE | OPT_STDIN,
	 "canonical trace the plan was fitted on"),
    PATH("plan", plan, "PLAN", OPT_REQUIRED | OPT_INFILE | OPT_STDIN,
	 "plan file, vm,host[,...]"),
    OPT_STR(NULL, 'o', A(o.out, const char *), "DIR", OPT_REQUIRED,
	    "the report's folder"),
    PATH("eval", eval, "FILE", OPT_INFILE, "vmux evaluate --csv output"),
    PATH("frontier", frontier, "FILE", OPT_INFILE,
	 "frontier CSV: policy,percentile,hosts,overload_rate,..."),
    PATH("bench", bench, "FILE", OPT_INFILE, "vmux bench --csv output"),
    PATH("validation", validation, "FILE", OPT_INFILE,
	 "vmux validate --csv output"),
    OPT_LIST("simulation", A(simulation, struct opt_strings), "FILE",
	     "vmux simulate result or --timeline CSV (repeatable)",
	     .flags = OPT_INFILE),
    PATH("eval-trace", eval_trace, "T2", OPT_INFILE | OPT_STDIN,
	 "trace of the evaluation window (default: TRACE)"),
    OPT_INCLUDE(cli_train_opts, A(train, struct cli_window)),
    OPT_INCLUDE(cli_eval_window_opts, A(eval, struct cli_window)),
    OPT_INCLUDE(cli_plan_hosts_opts, A(hosts, struct cli_hosts)),
    OPT_INCLUDE(cli_plan_percentile_opts, A(o.percentile, double)),
    OPT_CHOICE(OPT_ENUM, "promise", A(promise, int), "SCOPE",
	       plan_promise_names,
	       "what P promises: fleet or host (default: PLAN.meta's,\n"
	       "else fleet; README: planning)"),
    OPT_NUM(OPT_SIZE, "top", A(o.top, size_t), "N", OPT_IN(1, 1e6), NULL,
	    "hosts drawn over time (default 4)"),
    OPT_NUM(OPT_SIZE, "max-vms", A(o.max_vms, size_t), "N", OPT_IN(2, 1e6),
	    NULL, "VMs in the correlation heat map (default 300)"),
    OPT_NO("no-charts", A(o.charts, bool),
	   "tables and text only (no gnuplot needed)"),
    OPT_TABLE_END,
};

/* The windows and simulation files into the report's options (an empty
   folder name is refused as every empty string option is, when read). */
static int check(const struct opt_cmd *c, void *args)
{
	struct report_args *a = args;

	(void)c;
	a->o.train_from = a->train.from;
	a->o.train_to = a->train.to;
	a->o.eval_from = a->eval.from;
	a->o.eval_to = a->eval.to;
	a->o.simulation = a->simulation.v;
	a->o.nsimulation = a->simulation.n;
	return 0;
}

static const struct opt_cmd cmd = {
    .name = "report",
    .about = "Write DIR/index.html: the plan's multiplexing gain, its "
	     "out-of-sample\nevaluation, demand over time on the busiest "
	     "hosts, the frontier, the VMs'\ncorrelation, the "
	     "virtualization overhead and the validation on real guests,\n"
	     "each with a chart (gnuplot, PNG beside the page), the text that "
	     "explains it\nand its table (also as CSV beside the page). A "
	     "section whose input is absent\nsays so. DIR is written whole "
	     "or not at all; an existing DIR is replaced\nonly if it is "
	     "empty or an earlier report. Without --eval-trace or\n"
	     "--eval-from/to, the part of TRACE after --train-to is the "
	     "evaluation window;\nan evaluation window of TRACE may not "
	     "overlap the window the plan was\nfitted on (PLAN.meta).\n",
    .more = "Needs gnuplot (apt-get install gnuplot-nox; $GNUPLOT overrides "
	    "the one on\n$PATH) unless --no-charts. Sizes are cpu "
	    "percentile sizes on the training\nwindow; overloads follow "
	    "vmux evaluate; capacities, percentile and promise\ndefault to "
	    "PLAN.meta (a conflicting option is exit 2), and so does the "
	    "training\nwindow where neither --train-from nor --train-to is "
	    "given. Exit 65 names\nFILE:LINE of bad input.\n",
    .opts = options,
    .check = check,
};

/*
 * The training window the plan was fitted on, from its terms, where the
 * command line gave no bound: a plan fitted on the first day of a trace
 * is reported on that day, with the rest as its evaluation window.
 */
static void train_window(struct report_args *a, const struct plan_terms *t,
			 bool found)
{
	if (!found || !isnan(a->o.train_from) || !isnan(a->o.train_to) ||
	    !(t->train_to > t->train_from))
		return;
	a->o.train_from = t->train_from;
	a->o.train_to = t->train_to;
	a->o.train_from_terms = true;
}

/*
 * The evaluation window of TRACE itself, [*FROM, *TO) s, and the option
 * that set it; NULL when the evaluation is of another trace or there is
 * none (report.c's eval_window() picks the window the same way).
 */
static const char *own_eval(const struct report_args *a, double *from,
			    double *to)
{
	const struct report_opts *o = &a->o;

	*from = -INFINITY;
	*to = INFINITY;
	if (o->eval_trace && strcmp(o->eval_trace, o->trace))
		return NULL;
	if (!isnan(o->eval_from) || !isnan(o->eval_to)) {
		*from = isnan(o->eval_from) ? -INFINITY : o->eval_from;
		*to = isnan(o->eval_to) ? INFINITY : o->eval_to;
		return !isnan(o->eval_from) ? "--eval-from" : "--eval-to";
	}
	if (o->eval_trace)
		return "--eval-trace";
	*from = o->train_to;
	return isnan(o->train_to) ? NULL : "--train-to";
}

/*
 * An evaluation window of the trace the plan was fitted to that overlaps
 * the window it was fitted on (T's) is not out of sample: refused, as
 * frontier refuses overlapping windows (the page called it "out of
 * sample" and judged the promise on data the plan had seen). 0 or 2.
 */
static int in_sample(const struct report_args *a, const struct plan_terms *t,
		     bool found)
{
	double from, to;
	const char *opt = own_eval(a, &from, &to);

	if (!found || !opt || !(t->train_to > t->train_from) ||
	    !(from < t->train_to && to > t->train_from))
		return 0;
	return opt_error(&cmd, opt,
			 "the evaluation window [%.15g, %.15g) s of '%s' "
			 "overlaps the training window the plan was fitted "
			 "on, [%.15g, %.15g) s (%s.meta): its replay would be "
			 "in sample; evaluate from %.15g s on, or another "
			 "trace (--eval-trace)",
			 from, to, a->o.trace, t->train_from, t->train_to,
			 a->o.plan, t->train_to);
}

/* A plan packed with overhead (PLAN.meta's virt): the report, which has
 * no --virt, replays the demand as measured; said, and on the page. */
static void packed_virt(struct report_args *a, const struct plan_terms *t)
{
	if (!t->virt[0] || !strcmp(t->virt, "none"))
		return;
	snprintf(a->virt, sizeof(a->virt), "%s", t->virt);
	a->o.plan_virt = a->virt;
	error_warn("report: the plan '%s' was packed with virt=%s (%s.meta); "
		   "this report replays the demand as measured, with no "
		   "overhead: its sizes and overloads are not the plan's "
		   "(vmux evaluate%s%s replays it as planned)",
		   a->o.plan, t->virt, a->o.plan,
		   planterms_has_factors(t, true) ? "" : " --virt ",
		   planterms_has_factors(t, true) ? "" : t->virt);
}

/* robust's out-of-sample interval, its scope and period, from T. */
static void estimate(struct report_args *a, const struct plan_terms *t)
{
	if (isnan(t->est_lo) || isnan(t->est_hi))
		return;
	a->o.has_est = true;
	a->o.est_lo = t->est_lo;
	a->o.est_hi = t->est_hi;
	a->o.est_period = isnan(t->est_period) ? 0 : t->est_period;
	a->o.est_folds = t->est_folds;
	snprintf(a->est_scope, sizeof(a->est_scope), "%s", t->promise);
	a->o.est_scope = a->est_scope;
}

/* The options that give a plan's terms where it has no PLAN.meta
 * (read from standard input), after --host-cpu. */
#define TERMS_OPTS                                                             \
	", --host-mem, --host-disk, --host-net, --percentile and --promise"

/* The plan's terms (read once) fill in capacities, the level and the
 * training window. */
static int terms(struct report_args *a)
{
	struct plan_terms t;
	bool found;
	int rc = planterms_read(a->o.plan, &t, &found);

	if (rc == 0)
		rc = planterms_caps("report", a->o.plan, &t, found,
				    a->hosts.cap, TERMS_OPTS);
	a->o.pct_given = !isnan(a->o.percentile);
	a->o.promise_given = a->promise >= 0;
	if (rc == 0)
		rc = planterms_level("report", a->o.plan, &t, found,
				     &a->o.percentile, &a->promise,
				     &a->o.from_terms);
	if (rc == 0)
		train_window(a, &t, found);
	if (rc == 0)
		rc = in_sample(a, &t, found);
	for (int r = 0; rc == 0 && found && r < RES_COUNT; r++)
		if (t.cap[r] > 0)
			a->o.caps_from_terms |= RES_MASK(r);
	if (rc == 0 && found) {
		snprintf(a->seed, sizeof(a->seed), "%" PRIu64, t.seed);
		snprintf(a->policy, sizeof(a->policy), "%s", t.policy);
		a->o.plan_seed = a->seed;
		a->o.plan_policy = a->policy;
		a->o.plan_step = t.step;
	}
	if (rc == 0 && found)
		packed_virt(a, &t);
	if (rc == 0 && found)
		estimate(a, &t);
	return rc;
}

/* The report of A, read from the command line ARGV; ARGV is also the
 * page's command line. */
static int report(int argc, char **argv, struct report_args *a)
{
	char *cmdline;
	int rc = terms(a);

	if (rc)
		return rc > 0 ? rc : error_exit_code(rc);
	a->o.promise = plan_promise_name((enum plan_promise)a->promise);
	a->o.host_cpu = a->hosts.cap[RES_CPU];
	memcpy(a->o.host_cap, a->hosts.cap, sizeof(a->o.host_cap));
	/* The page's command line as sh reads it: pasted, it runs again. */
	cmdline = shquote_line("vmux", argc, argv);
	if (!cmdline)
		return error_exit_code(-ENOMEM);
	a->o.command = cmdline;
	rc = report_write(&a->o);
	free(cmdline);
	if (rc == 0) { /* the folder's name as every name in human text */
		textwidth_put(stdout, a->o.out);
		fputs("/index.html\n", stdout);
	}
	return error_exit_code(rc);
}

static int report_main(int argc, char **argv)
{
	struct report_args a = {
	    .o = {.percentile = NAN, .top = 4, .max_vms = 300, .charts = true},
	    .train = {NAN, NAN},
	    .eval = {NAN, NAN},
	    .promise = -1};
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	rc = rc ? opt_status(rc) : report(argc, argv, &a);
	opt_strings_free(&a.simulation); /* filled even when parsing fails */
	return rc;
}

const struct command cmd_report = {
    "report", "write the consolidation report: HTML, charts, CSV tables",
    report_main, &cmd};
