/*
 * cmd_validate.c - `vmux validate`: run a plan's hosts on real guests and
 * compare what happened with what `vmux evaluate` predicts for the same
 * slots (sim/measure/validate.h has the replay, sim/plan/evaluate.h the
 * prediction). Saving: predicted = 1 - (joint P-size of the host's summed
 * demand) / (sum of the VMs' individual P-sizes); measured = 1 - (P-percentile
 * of the cores the guests actually used per slot) / (the same sum).
 */
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "sim/cli/planmeta.h"
#include "sim/cli/evalcover.h"
#include "lib/csvout.h"
#include "lib/cleanup.h"
#include "lib/error.h"
#include "sim/plan/evaluate.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "lib/numtext.h"
#include "lib/textwidth.h"
#include "sim/plan/hostsize.h"
#include "sim/plan/planfile.h"
#include "sim/plan/planmatch.h"
#include "sim/plan/planterms.h"
#include "sim/measure/validate_runs.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct va_args {
	const char *trace, *plan, *host;
	struct cli_hosts hosts;
	struct cli_window win;
	struct cli_virt virt;
	struct cli_output out;
	double slot_ms, scale, pct, timeout, tol;
	int repeat;
	bool all;
	int monitor_cap; /* index in caps[] */
	int accel;	 /* enum accel_kind */
	double f_cpu;	 /* --virt's cpu factor, else PLAN.meta's, else 1 */
	char style[16];	 /* PLAN.meta's virt, when its factors are taken */
};

/* One host's row of the report. */
struct va_row {
	const char *host;
	size_t vms, slots;
	size_t planned; /* the plan's VMs on the host (VMS of them replayed) */
	size_t absent;	/* of those left out, not in the trace at all */
	double cap, scale;
	double p_over, m_over, p_unmet, m_unmet, p_viol, m_viol;
	double p_save, m_save;
	double lo[3], hi[3]; /* measured overload, unmet, saving: range */
	const struct validate_runs *runs;
};

static const char *const caps[] = {"cgroup", "monitor", NULL};

#define A(F, T) OPT_AT(struct va_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(trace, const char *)),
    OPT_STR("plan", 0, A(plan, const char *), "PLAN",
	    OPT_REQUIRED | OPT_INFILE | OPT_STDIN, "the plan (vm,host CSV)"),
    OPT_INCLUDE(cli_plan_host_cpu_opts, A(hosts, struct cli_hosts)),
    OPT_STR("host", 0, A(host, const char *), "ID", 0,
	    "the host to run (default: the plan's first)",
	    .excludes = "--all-hosts"),
    OPT_BOOL("all-hosts", A(all, bool), "run every host, one after another"),
    OPT_NUM(OPT_NUMBER, "slot-ms", A(slot_ms, double), "MS", OPT_IN(10, 60000),
	    "ms", "real time per trace slot (default 100)"),
    OPT_INCLUDE(cli_window_opts, A(win, struct cli_window)),
    OPT_NUM(OPT_NUMBER, "scale", A(scale, double), "F", OPT_IN(1e-6, 1e6), NULL,
	    "demand and capacity multiplier (default: chosen to\n"
	    "fit this machine, and said so)"),
    OPT_INCLUDE(cli_plan_percentile_opts, A(pct, double)),
    OPT_INCLUDE(cli_virt_opts, A(virt, struct cli_virt)),
    OPT_NUM(OPT_NUMBER, "tolerance", A(tol, double), "T", OPT_IN(0, 0.5), NULL,
	    "relative shortfall counted as met (default 0.05)"),
    OPT_NUM(OPT_DURATION, "timeout", A(timeout, double), "SEC",
	    OPT_IN(0.001, 1e6), "s", "stop a host's replay after SEC"),
    OPT_NUM(OPT_INT, "repeat", A(repeat, int), "N", OPT_IN(1, SPREAD_MAX), NULL,
	    "replay each host N times: medians and ranges\n"
	    "(default 1)"),
    OPT_CHOICE(OPT_ENUM, "cap", A(monitor_cap, int), "HOW", caps,
	       "cgroup (default; vmux's own throttle where none can\n"
	       "be made) or monitor (always vmux's throttle)"),
    OPT_INCLUDE(cli_accel_opts, A(accel, int)),
    OPT_INCLUDE(cli_output_opts, A(out, struct cli_output)),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "validate",
    .about = "Run a plan's host(s) on real guests: one VM per planned VM "
	     "running the duty\nguest, the host's vCPUs capped together at C "
	     "cores (a cgroup), the trace\nreplayed one slot per --slot-ms; "
	     "then measured against predicted.\n",
    .more = "CSV: host,vms,capacity,scale,slots,predicted_overload,"
	    "measured_overload,\npredicted_unmet,measured_unmet,"
	    "predicted_violation,measured_violation,\npredicted_saving,"
	    "measured_saving,\naccel,cap (the backend and how the cap was "
	    "held),runs,reliable_runs,\nmeasured_overload_min,"
	    "measured_overload_max,measured_unmet_min,\nmeasured_unmet_max,"
	    "measured_saving_min,measured_saving_max,contaminated,\nshare,"
	    "others,status (ok or unreliable),\nslot_ms,percentile,"
	    "tolerance,virt,virt_cpu_factor,window_from,window_to (the\n"
	    "run's parameters, the same on every row); a final row "
	    "'total'.\n"
	    "Measured values are medians over the reliable runs. A slot "
	    "whose guests got\nless CPU than the cap allowed while other "
	    "work ran is contaminated and run\nagain; a host with more than "
	    "1 % of its slots still contaminated in every run\nis "
	    "unreliable: said so, exit 75. --percentile defaults to the "
	    "plan's\nPLAN.meta (a conflicting one is exit 2), as "
	    "evaluate's target does.\n",
    .opts = options,
    .stdout_is = "the table (or --csv's rows)",
};

struct va_ctx {
	const struct va_args *a;
	struct trace *t;
	struct planfile *pf;
	struct planmatch *match;
	struct accel *acc;
	size_t first, nslots;
	/* the host being run: its VMs' cpu over the NPLAY slots with data
	 * (trace_covered) of the window, NPLAY each */
	double *dem;
	size_t nplay;
	double f_cpu, ups, ups_guest;
	struct va_row *rows;
	struct validate_runs *runs; /* per row */
	size_t nrows;
	/* totals */
	struct eval_stats pred;
	struct validate_runs total;
	double ind, joint;
};

static void on_signal(int sig)
{
	(void)sig;
	validate_interrupt();
	cleanup_set_interrupt(NULL); /* a second signal kills at once */
}

/* The trace VMs of plan host H with data in the window; the others are
 * skipped, each said: not in the trace, or in it with no data in the
 * window (it said "not in" a trace that holds it). */
static size_t host_vms(struct va_ctx *c, size_t h, size_t *vms)
{
	size_t n;
	const size_t *rows = planfile_host_rows(c->pf, h, &n);

	for (size_t i = 0; i < n; i++) {
		const char *vm = planfile_vm(c->pf, rows[i]);

		if (c->match->vm_of[rows[i]] >= 0)
			continue;
		error_warn("validate: plan VM '%s' (host %s) %s '%s'; left out",
			   vm, planfile_host(c->pf, h),
			   trace_find(c->t, vm) < 0
			       ? "is not in"
			       : "has no data in the evaluation window of",
			   c->a->trace);
	}
	return planmatch_host(c->match, c->pf, h, vms, NULL);
}

/* The window's cpu of the host's I-th VM. */
static const double *demand(const struct va_ctx *c, size_t i)
{
	return c->dem + i * c->nplay;
}

/* The highest cpu demand of the host's N VMs in any slot played. */
static double peak_demand(const struct va_ctx *c, size_t n)
{
	double peak = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < c->nplay; k++)
			if (demand(c, i)[k] > peak)
				peak = demand(c, i)[k];
	return peak;
}

/* Fit the host on this machine: capacity and each VM's one vCPU. */
static double pick_scale(const struct va_ctx *c, size_t n)
{
	double usable = (double)sysconf(_SC_NPROCESSORS_ONLN) - 0.5, s,
	       peak = peak_demand(c, n);

	if (c->a->scale > 0)
		return c->a->scale;
	s = usable / c->a->hosts.cap[RES_CPU] < 1
		? usable / c->a->hosts.cap[RES_CPU]
		: 1;
	if (peak * s > 0.95)
		s = 0.95 / peak;
	return s;
}

/* Sum of individual P-sizes and the joint P-size of the summed demand. */
static int sizes(const struct va_ctx *c, size_t n, double *ind, double *joint)
{
	const double **rows = malloc((n ? n : 1) * sizeof(*rows));
	int rc = rows ? 0 : -ENOMEM;

	for (size_t i = 0; i < n && rc == 0; i++)
		rows[i] = demand(c, i);
	if (rc == 0)
		rc = hostsize_compute(rows, n, c->nplay, c->a->pct, NULL, ind,
				      joint);
	free(rows);
	return rc;
}

static int predict(struct va_ctx *c, const size_t *vms, size_t n,
		   struct va_row *row, double *ind_out)
{
	struct eval_opts eo = {.first = c->first, .nslots = c->nslots};
	struct eval_stats st;
	double ind = 0, joint = 0;
	int rc;

	eo.cap[RES_CPU] = c->a->hosts.cap[RES_CPU] / c->f_cpu;
	rc = eval_host(c->t, vms, n, &eo, &st, NULL);
	if (rc == 0)
		rc = sizes(c, n, &ind, &joint);
	if (rc < 0)
		return rc;
	*ind_out = ind;
	row->p_over = eval_overload_rate(&st);
	row->p_unmet = eval_unmet_fraction(&st, RES_CPU);
	row->p_viol = eval_violation_rate(&st);
	row->p_save = hostsize_saving(ind, joint);
	eval_add(&c->pred, &st);
	c->ind += ind;
	c->joint += joint;
	return 0;
}

/* The row's measured columns from its runs; IND = sum of own sizes. */
static void fill_row(struct va_row *row, const struct validate_runs *v,
		     double ind)
{
	const struct spread *s = v->s;

	row->runs = v;
	row->m_over = s[VM_OVERLOAD].median;
	row->m_unmet = s[VM_UNMET].median;
	row->m_viol = s[VM_VIOLATION].median;
	row->m_save = hostsize_saving(ind, s[VM_USED].median);
	row->lo[0] = s[VM_OVERLOAD].min;
	row->hi[0] = s[VM_OVERLOAD].max;
	row->lo[1] = s[VM_UNMET].min;
	row->hi[1] = s[VM_UNMET].max;
	row->lo[2] = hostsize_saving(ind, s[VM_USED].max);
	row->hi[2] = hostsize_saving(ind, s[VM_USED].min);
}

/* What the machine did besides the guests, and whether it spoiled them. */
static void say_contention(const struct va_row *row, double cap)
{
	const struct validate_runs *v = row->runs;
	size_t rep = 0, cont = 0, slots = 0;

	for (int i = 0; i < v->n; i++) {
		rep += v->run[i].r.repeats;
		cont += v->run[i].r.contaminated;
		slots += v->run[i].r.slots;
	}
	error_line(
	    "validate: host %s: its vCPUs got %.3f cores on average (cap "
	    "%.3f); other processes used %.2f cores, steal %.2f; %zu "
	    "slot run%s repeated for contention, %zu of %zu still "
	    "contaminated; %d of %d run%s reliable",
	    row->host, v->vcpu_cores, cap, v->others, v->steal, rep,
	    rep == 1 ? "" : "s", cont, slots, v->reliable, v->n,
	    v->n == 1 ? "" : "s");
	if (!v->reliable)
		error_msg("validate: host %s: UNRELIABLE: other work on this "
			  "machine starved the guests in %.1f %% of the slots "
			  "even after repeats (they got %.0f %% of the CPU the "
			  "cap entitled them to; other processes used %.2f "
			  "cores): its numbers measure this machine's load, "
			  "not the plan; rerun on a quieter machine",
			  row->host, 100 * v->contaminated, 100 * v->share,
			  v->others);
}

/* A replay past --timeout: the value, and what one replay takes. */
static void say_timeout(const struct va_ctx *c, const struct va_row *row)
{
	double replay_s = (double)c->nplay * c->a->slot_ms / 1000;

	error_msg("validate: host %s: a replay ran past --timeout %g s and was "
		  "stopped; one replay of its %zu slot%s of %g ms (--slot-ms) "
		  "takes %g s at the least%s",
		  row->host, c->a->timeout, c->nplay, c->nplay == 1 ? "" : "s",
		  c->a->slot_ms, replay_s,
		  c->a->timeout < replay_s
		      ? ": raise --timeout above that, or lower --slot-ms or "
			"the window (--from/--to)"
		      : "");
}

static int measure(struct va_ctx *c, size_t n, struct va_row *row, double ind)
{
	const double **dem = calloc(n, sizeof(*dem));
	struct validate_host h = {n, NULL, c->a->hosts.cap[RES_CPU]};
	struct validate_opts o = {
	    .acc = c->acc,
	    .nslots = c->nplay,
	    .slot_s = c->a->slot_ms / 1000,
	    .scale = row->scale,
	    .units_per_core_s = c->ups,
	    .guest_units_per_core_s = c->ups_guest,
	    .retries = 3,
	    .tol = c->a->tol,
	    .timeout_s = c->a->timeout,
	    .monitor_cap = c->a->monitor_cap,
	};
	int rc;

	if (!dem)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		dem[i] = demand(c, i);
	h.demand = dem;
	rc = validate_runs(&o, &h, c->a->repeat, c->a->pct, &c->runs[c->nrows]);
	free(dem);
	if (rc == -ETIMEDOUT)
		say_timeout(c, row);
	if (rc < 0)
		return rc;
	fill_row(row, &c->runs[c->nrows], ind);
	say_contention(row, c->a->hosts.cap[RES_CPU] * row->scale);
	return 0;
}

/*
 * A --scale so small that the busiest slot asks for less than half a work
 * unit (asked as 0) would measure nothing and print numbers anyway (a
 * saving of 100 %): a usage error. A host whose VMs are idle throughout
 * (peak 0) is left to run: its prediction is as empty.
 */
static int check_scale(const struct va_ctx *c, size_t n,
		       const struct va_row *row)
{
	double peak = peak_demand(c, n),
	       units = peak * row->scale * c->ups * c->a->slot_ms / 1000;

	if (peak <= 0 || units >= 0.5)
		return 0;
	return error_usage("validate",
			   "option '--scale': at %g host %s's busiest slot "
			   "asks for %.3g work units (its peak %g cores x "
			   "%g x %.0f units per core-second x %g ms), and "
			   "less than half a unit is asked as 0: nothing "
			   "would be measured; raise --scale or --slot-ms",
			   row->scale, row->host, units, peak, row->scale,
			   c->ups, c->a->slot_ms);
}

/* Whether --from or --to narrowed the window: a VM of the file may have
   no data in it (evaluate's rule). */
static bool windowed(const struct va_args *a)
{
	return isfinite(a->win.from) || isfinite(a->win.to);
}

/* Said on FP after LEAD if ROW lost more of its plan VMs than evaluate
   allows (evalcover.h). */
static void host_cover(FILE *fp, const char *lead, const struct va_ctx *c,
		       const struct va_row *row)
{
	evalcover_say_of(
	    fp, lead, row->host, windowed(c->a), row->planned - row->vms,
	    row->absent, row->planned, c->a->trace,
	    ": the host replayed is lighter than the host planned");
}

/* Said on FP after LEAD, with --all-hosts over a plan of several hosts,
   if the plan lost more of its VMs than evaluate allows. */
static void plan_cover(FILE *fp, const char *lead, const struct va_ctx *c)
{
	if (c->a->all && planfile_nhosts(c->pf) > 1)
		evalcover_say_of(fp, lead, NULL, windowed(c->a),
				 c->match->nmissing, c->match->nabsent,
				 planfile_nvms(c->pf), c->a->trace, "");
}

/*
 * The VMs of ROW's plan host left out, counted, into LEFT[N] (" (2 of its
 * 3 plan VMs left out: ...)", "" when none is): where they are, as the
 * coverage notes tell it (evalcover.c): not in the trace, in it but with
 * no data in the window, or both (it said "no data in the evaluation
 * window" of VMs not in the file at all).
 */
static void left_out(const struct va_ctx *c, const struct va_row *row,
		     char *left, size_t n)
{
	size_t k = row->planned - row->vms, out = row->absent;
	char why[96];

	*left = '\0';
	if (!k)
		return;
	if (!windowed(c->a) || out == k)
		snprintf(why, sizeof(why), "not in the trace");
	else if (!out)
		snprintf(why, sizeof(why),
			 "in the trace but no data in the evaluation window");
	else
		snprintf(why, sizeof(why),
			 "no data in the evaluation window, %zu of them not "
			 "in the trace at all",
			 out);
	snprintf(left, n, " (%zu of its %zu plan VMs left out: %s)", k,
		 row->planned, why);
}

/* The host's line; VMs of the plan left out (no data) are counted. */
static void say_host(const struct va_ctx *c, const struct va_row *row)
{
	char left[192];

	left_out(c, row, left, sizeof(left));
	error_line("validate: host %s: %zu VM%s%s, %zu slot%s of %g ms, "
		   "capacity %g core%s replayed at scale %.4g (%.3f cores)",
		   row->host, row->vms, row->vms == 1 ? "" : "s", left,
		   c->nplay, c->nplay == 1 ? "" : "s", c->a->slot_ms, row->cap,
		   row->cap == 1 ? "" : "s", row->scale, row->cap * row->scale);
}

/* Host H has no VM with data in the window: nothing to replay (it
 * crashed). With --all-hosts it is skipped, said; else exit 65. */
static int no_vm(const struct va_ctx *c, size_t h)
{
	size_t n;

	planfile_host_rows(c->pf, h, &n);
	if (c->a->all) {
		error_warn("validate: host '%s': none of its %zu VM%s has data "
			   "in the evaluation window of '%s': not replayed",
			   planfile_host(c->pf, h), n, n == 1 ? "" : "s",
			   c->a->trace);
		return 0;
	}
	error_msg("validate: host '%s': none of its %zu VM%s has data in the "
		  "evaluation window of '%s' (not in it, or absent there): "
		  "nothing to replay",
		  planfile_host(c->pf, h), n, n == 1 ? "" : "s", c->a->trace);
	return -EBADMSG;
}

/* How many of plan host H's VMs are not in the trace at all. */
static size_t host_absent(const struct va_ctx *c, size_t h)
{
	size_t nrows, n = 0;
	const size_t *rows = planfile_host_rows(c->pf, h, &nrows);

	for (size_t i = 0; i < nrows; i++)
		n += trace_find(c->t, planfile_vm(c->pf, rows[i])) < 0;
	return n;
}

/* ROW of plan host H, N of its VMs replayed, before the replay. */
static void start_row(const struct va_ctx *c, size_t h, size_t n,
		      struct va_row *row)
{
	memset(row, 0, sizeof(*row));
	row->host = planfile_host(c->pf, h);
	row->vms = n;
	planfile_host_rows(c->pf, h, &row->planned);
	row->absent = host_absent(c, h);
	row->slots = c->nplay;
	row->cap = c->a->hosts.cap[RES_CPU];
	row->scale = pick_scale(c, n);
}

static int run_host(struct va_ctx *c, size_t h)
{
	size_t *vms = calloc(planfile_nvms(c->pf), sizeof(*vms)), n;
	struct va_row *row = &c->rows[c->nrows];
	double ind = 0;
	int rc;

	if (!vms)
		return -ENOMEM;
	n = host_vms(c, h, vms);
	if (!n) {
		free(vms);
		return no_vm(c, h);
	}
	/* Slots no VM has data for are not played (as evaluate leaves them
	 * out of its rates, so the prediction is over the same slots). */
	c->dem = trace_read_covered(c->t, RES_CPU, vms, n, c->first, c->nslots,
				    &c->nplay);
	if (!c->dem) {
		free(vms);
		return -ENOMEM;
	}
	start_row(c, h, n, row);
	say_host(c, row);
	host_cover(stderr, "vmux: warning: validate: ", c, row);
	rc = n ? check_scale(c, n, row) : 0;
	if (rc == 0 && n)
		rc = predict(c, vms, n, row, &ind);
	if (rc == 0 && n)
		rc = measure(c, n, row, ind);
	if (rc == 0)
		c->nrows++;
	free(c->dem);
	c->dem = NULL;
	free(vms);
	return rc;
}

static void total_row(struct va_ctx *c, struct va_row *t)
{
	const struct validate_runs *sets[c->nrows ? c->nrows : 1];

	for (size_t i = 0; i < c->nrows; i++)
		sets[i] = &c->runs[i];
	validate_runs_total(sets, c->nrows, &c->total);
	memset(t, 0, sizeof(*t));
	t->host = "total";
	/* The hosts' common scale; 0 when they were replayed at different
	   ones. */
	t->scale = c->nrows ? c->rows[0].scale : 0;
	for (size_t i = 0; i < c->nrows; i++) {
		t->vms += c->rows[i].vms;
		if (c->rows[i].scale != t->scale)
			t->scale = 0;
	}
	t->slots = c->total.n ? c->total.run[0].r.slots : 0;
	t->cap = c->a->hosts.cap[RES_CPU];
	t->p_over = eval_overload_rate(&c->pred);
	t->p_unmet = eval_unmet_fraction(&c->pred, RES_CPU);
	t->p_viol = eval_violation_rate(&c->pred);
	t->p_save = hostsize_saving(c->ind, c->joint);
	fill_row(t, &c->total, c->ind);
}

static const char *enforcement(const struct va_ctx *c)
{
	return c->nrows ? c->runs[0].run[0].r.enforcement : "";
}

/* The window played, [*FROM, *TO) in seconds: its slots' times. */
static void window_times(const struct va_ctx *c, double *from, double *to)
{
	double step = trace_step(c->t);

	*from = trace_start(c->t) + (double)c->first * step;
	*to = *from + (double)c->nslots * step;
}

/* The run's parameters that determine its numbers, ending a CSV row. */
static void csv_terms(FILE *fp, const struct va_ctx *c)
{
	const struct va_args *a = c->a;
	double from, to;

	window_times(c, &from, &to);
	fprintf(fp, "%.10g,%.10g,%.10g,", a->slot_ms, a->pct, a->tol);
	csvout_field(fp, a->virt.virt ? a->virt.virt : "none");
	fprintf(fp, ",%.10g,%.17g,%.17g\n", c->f_cpu, from, to);
}

/* "A,B", two savings, each empty where undefined (hostsize_saving). */
static void put_saving(FILE *fp, double a, double b)
{
	csvout_rate(fp, a);
	fputc(',', fp);
	csvout_rate(fp, b);
}

/*
 * A row; accel and cap say which backend ran and how the cap was held,
 * then the runs, the measured ranges and the contention (see .more).
 */
static void csv_row(FILE *fp, const struct va_ctx *c, const struct va_row *r)
{
	const struct validate_runs *v = r->runs;

	csvout_field(fp, r->host);
	fprintf(fp, ",%zu,%g,%.6g,%zu,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,",
		r->vms, r->cap, r->scale, r->slots, r->p_over, r->m_over,
		r->p_unmet, r->m_unmet, r->p_viol, r->m_viol);
	put_saving(fp, r->p_save, r->m_save); /* empty where undefined */
	fprintf(fp, ",%s,", accel_name(c->acc));
	csvout_field(fp, enforcement(c));
	fprintf(fp, ",%d,%d,%.10g,%.10g,%.10g,%.10g,", v->n, v->reliable,
		r->lo[0], r->hi[0], r->lo[1], r->hi[1]);
	put_saving(fp, r->lo[2], r->hi[2]);
	fprintf(fp, ",%.10g,%.4f,%.3f,%s,", v->contaminated, v->share,
		v->others, v->reliable ? "ok" : "unreliable");
	csv_terms(fp, c);
}

static void write_csv(struct va_ctx *c, FILE *fp)
{
	struct va_row t;

	fprintf(fp, "host,vms,capacity,scale,slots,predicted_overload,"
		    "measured_overload,predicted_unmet,measured_unmet,"
		    "predicted_violation,measured_violation,predicted_saving,"
		    "measured_saving,accel,cap,runs,reliable_runs,"
		    "measured_overload_min,measured_overload_max,"
		    "measured_unmet_min,measured_unmet_max,measured_saving_min,"
		    "measured_saving_max,contaminated,share,others,status,"
		    "slot_ms,percentile,tolerance,virt,virt_cpu_factor,"
		    "window_from,window_to\n");
	for (size_t i = 0; i < c->nrows; i++)
		csv_row(fp, c, &c->rows[i]);
	total_row(c, &t);
	csv_row(fp, c, &t);
}

/* The host column's width: 8, or the longest host name (a hand-written
 * plan may name hosts "rack1-node12"). */
static size_t host_width(const struct va_ctx *c)
{
	size_t w = 8;

	for (size_t i = 0; i < c->nrows; i++)
		if (textwidth(c->rows[i].host) > w)
			w = textwidth(c->rows[i].host);
	return w < 255 ? w : 255;
}

/* Saving X as " 12.3%" (7 wide), or "    n/a" where undefined (a note
 * says why: save_note). */
static const char *save_text(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "%7s", "n/a");
	else
		snprintf(buf, n, "%6.1f%%", numtext_zero(100 * x, 1));
	return buf;
}

/* Why R's predicted saving is n/a, when it is. */
static void save_note(FILE *fp, const struct va_row *r)
{
	if (isnan(r->p_save))
		fprintf(fp, "NOTE: host %s: saving " HOSTSIZE_SAVING_NA "\n",
			r->host);
}

/* Medians; with --repeat the ranges below; UNRELIABLE where so. W: the
 * host column's width. */
static void human_row(FILE *fp, const struct va_row *r, size_t w)
{
	const struct validate_runs *v = r->runs;
	char ps[16], ms[16];

	textwidth_pad(fp, r->host, w);
	fprintf(
	    fp,
	    " %4zu %6zu  %6.2f%% %6.2f%% %+6.2f  %6.2f%% %6.2f%% "
	    "%+6.2f  %6.2f%% %6.2f%%  %s %s%s\n",
	    r->vms, r->slots, 100 * r->p_over, 100 * r->m_over,
	    numtext_zero(100 * (r->m_over - r->p_over), 2), 100 * r->p_unmet,
	    100 * r->m_unmet, numtext_zero(100 * (r->m_unmet - r->p_unmet), 2),
	    100 * r->p_viol, 100 * r->m_viol, save_text(r->p_save, ps, 16),
	    save_text(r->m_save, ms, 16), v->reliable ? "" : "  UNRELIABLE");
	if (v->n <= 1)
		return;
	fprintf(fp, "%*s %d runs (%d reliable): overload ", (int)w, "", v->n,
		v->reliable);
	numtext_range(fp, 100 * r->lo[0], 100 * r->hi[0], 2, "%");
	fputs(", unmet ", fp);
	numtext_range(fp, 100 * r->lo[1], 100 * r->hi[1], 2, "%");
	fputs(", saving ", fp);
	if (isnan(r->lo[2]))
		fputs("n/a", fp);
	else
		numtext_range(fp, 100 * r->lo[2], 100 * r->hi[2], 1, "%");
	fputc('\n', fp);
}

static void write_human(struct va_ctx *c, FILE *fp)
{
	size_t w = host_width(c);
	struct va_row t;

	fprintf(fp,
		"validated on %s, CPU cap by %s\n"
		"work units: %.0f per native core-second, %.0f per guest "
		"vCPU-second (guest/native %.3f)\n",
		accel_name(c->acc), enforcement(c), c->ups, c->ups_guest,
		c->ups_guest / c->ups);
	if (c->a->virt.virt)
		fprintf(fp,
			"prediction includes --virt %s: cpu demand x %.4f\n",
			c->a->virt.virt, c->f_cpu);
	textwidth_pad(fp, "host", w);
	/* the last column unpadded: no line ends in spaces */
	fprintf(fp, " %4s %6s  %-22s  %-22s  %-15s  %s\n", "vms", "slots",
		"overload pred/meas/pp", "unmet pred/meas/pp", "violation p/m",
		"saving p/m");
	for (size_t i = 0; i < c->nrows; i++)
		human_row(fp, &c->rows[i], w);
	total_row(c, &t);
	human_row(fp, &t, w);
	for (size_t i = 0; i < c->nrows; i++)
		host_cover(fp, "NOTE: ", c, &c->rows[i]);
	for (size_t i = 0; i < c->nrows; i++)
		save_note(fp, &c->rows[i]);
	plan_cover(fp, "NOTE: ", c);
}

static int output(struct va_ctx *c)
{
	struct outfile *of;
	int rc;

	if (c->a->out.csv)
		write_csv(c, stdout);
	else
		write_human(c, stdout);
	if (!c->a->out.out)
		return 0;
	rc = outfile_open(c->a->out.out, &of);
	if (rc < 0)
		return rc;
	write_csv(c, outfile_fp(of));
	return outfile_commit(of);
}

static int load(struct va_ctx *c)
{
	const struct va_args *a = c->a;
	int rc = planfile_read(a->plan, &c->pf);

	if (rc == 0)
		rc = ingest_file(a->trace, NULL, &c->t, NULL);
	if (rc < 0)
		return rc;
	if (!trace_has(c->t, RES_CPU))
		return error_data(a->trace, 1, "cpu",
				  "the trace has no cpu "
				  "column to replay");
	rc = trace_window_say(c->t, a->win.from, a->win.to, "validate",
			      "window", a->trace, &c->first, &c->nslots);
	/* a VM with no data in the window is not replayed, as evaluate */
	if (rc == 0)
		rc = planmatch_window(c->pf, c->t, c->first, c->nslots,
				      &c->match);
	if (rc < 0)
		return rc;
	c->f_cpu = a->f_cpu;
	c->rows = calloc(planfile_nhosts(c->pf), sizeof(*c->rows));
	c->runs = calloc(planfile_nhosts(c->pf), sizeof(*c->runs));
	return c->rows && c->runs ? 0 : -ENOMEM;
}

/* Up to HOSTS_NAMED of the plan's host names, ", "-separated, into BUF
 * (N bytes), "and K more" after them. */
#define HOSTS_NAMED 5
static void some_hosts(const struct planfile *pf, char *buf, size_t n)
{
	size_t nh = planfile_nhosts(pf), len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nh && i < HOSTS_NAMED && len < n; i++)
		len += snprintf(buf + len, n - len, "%s'%s'", i ? ", " : "",
				planfile_host(pf, i));
	if (nh > HOSTS_NAMED && len < n)
		snprintf(buf + len, n - len, " and %zu more", nh - HOSTS_NAMED);
}

/* The host index for --host, or the first. A host the plan lacks is a
 * usage error (VMUX_EXIT_USAGE) naming some of the plan's hosts. */
static int pick_host(const struct va_ctx *c, size_t *h)
{
	char hosts[512];

	for (*h = 0; c->a->host && *h < planfile_nhosts(c->pf); (*h)++)
		if (!strcmp(planfile_host(c->pf, *h), c->a->host))
			return 0;
	if (!c->a->host) {
		*h = 0;
		return 0;
	}
	some_hosts(c->pf, hosts, sizeof(hosts));
	return error_usage("validate",
			   "option '--host': no host '%s' in plan '%s' (its "
			   "hosts: %s)",
			   c->a->host, c->a->plan, hosts);
}

/*
 * What would leave nothing to replay is found before any guest is started
 * (the accelerator opened and calibrated, seconds on tcg): no VM of the
 * plan with data in the window, refused as evaluate refuses it, and,
 * without --all-hosts, host H with none (no_vm()).
 */
static int nothing_to_play(const struct va_ctx *c, size_t h)
{
	size_t n = planfile_nvms(c->pf), nrows;
	const size_t *rows;

	if (c->match->nmissing == n)
		return error_data(
		    c->a->plan, planfile_vm_line(c->pf, 0), "vm",
		    "no VM of the plan (%zu VM%s) %s %s'%s' (is it the plan "
		    "of another trace?)",
		    n, n == 1 ? "" : "s",
		    windowed(c->a) ? "has data in" : "is in",
		    windowed(c->a) ? "the evaluation window of " : "",
		    c->a->trace);
	if (c->a->all)
		return 0;
	rows = planfile_host_rows(c->pf, h, &nrows);
	for (size_t i = 0; i < nrows; i++)
		if (c->match->vm_of[rows[i]] >= 0)
			return 0;
	return no_vm(c, h);
}

static int run(struct va_ctx *c)
{
	size_t h = 0;
	int rc = load(c);

	if (rc == 0)
		rc = pick_host(c, &h);
	if (rc == 0)
		rc = nothing_to_play(c, h);
	if (rc == 0)
		rc = accel_open((enum accel_kind)c->a->accel, NULL, false,
				&c->acc);
	if (rc == 0)
		rc = validate_calibrate_native(&c->ups);
	if (rc == 0)
		rc = validate_calibrate(c->acc, &c->ups_guest);
	if (rc != 0) /* > 0: a usage error's exit status */
		return rc;
	plan_cover(stderr, "vmux: warning: validate: ", c);
	if (c->a->all)
		for (h = 0; h < planfile_nhosts(c->pf) && rc == 0; h++)
			rc = run_host(c, h);
	else
		rc = run_host(c, h);
	if (rc == 0 && !c->nrows) {
		error_msg("validate: no host of '%s' has a VM with data in the "
			  "evaluation window of '%s': nothing to replay",
			  c->a->plan, c->a->trace);
		rc = -EBADMSG;
	}
	if (rc == 0)
		rc = output(c);
	/* Rows written (marked); the exit says a host was unreliable. */
	for (size_t i = 0; rc == 0 && i <= c->nrows; i++)
		if (!(i < c->nrows ? &c->runs[i] : &c->total)->reliable)
			rc = -EAGAIN;
	return rc;
}

static int finish(int rc)
{
	if (rc == -EINTR) {
		error_msg("validate: interrupted; every guest and cgroup was "
			  "cleaned up");
		return 128 + (cleanup_signal() ? cleanup_signal() : SIGINT);
	}
	if (rc == -ETIMEDOUT) {
		error_msg("validate: every guest and cgroup was cleaned up");
		return 1;
	}
	if (rc == -EIO)
		return 1;
	if (rc == -EAGAIN)
		return VMUX_EXIT_TEMPFAIL;
	return rc < 0 ? error_exit_code(rc) : rc; /* > 0: an exit status */
}

/* The options that give a plan's terms where it has no PLAN.meta
 * (read from standard input), after --host-cpu. */
#define TERMS_OPTS ", --percentile, --virt and --overhead"

/* --virt's cpu factor, or the plan's (T, FOUND) without it; its style
 * then in A->virt (a conflicting factor is a usage error). */
static int factors(struct va_args *a, const struct plan_terms *t, bool found)
{
	struct planterms_virt_given g = {a->virt.virt, a->virt.overhead};
	double f[RES_COUNT];
	unsigned got;
	int rc = cli_virt_factors(&a->virt, f, &got);

	if (rc == 0)
		rc = planterms_factors("validate", a->plan, t, found,
				       RES_MASK(RES_CPU), &g, f);
	if (rc == 0 && !a->virt.virt && planterms_has_factors(t, found) &&
	    strcmp(t->virt, "none")) {
		snprintf(a->style, sizeof(a->style), "%s", t->virt);
		a->virt.virt = a->style;
	}
	a->f_cpu = f[RES_CPU];
	return rc;
}

/* The capacities, the service level and the overhead from the plan's
 * terms where the command line gave none (a conflicting one is a usage
 * error). */
static int terms(struct va_args *a)
{
	struct plan_terms t;
	bool found;
	int promise = -1; /* validate judges no promise */
	int rc = planterms_read(a->plan, &t, &found);

	if (rc == 0)
		rc = planterms_caps("validate", a->plan, &t, found,
				    a->hosts.cap, TERMS_OPTS);
	if (rc == 0)
		rc = planterms_level("validate", a->plan, &t, found, &a->pct,
				     &promise, NULL);
	if (rc == 0)
		rc = factors(a, &t, found);
	if (rc == 0)
		planterms_cpu_only("validate", a->plan, a->hosts.cap);
	return rc;
}

static int validate_main(int argc, char **argv)
{
	struct va_args a = {.slot_ms = 100,
			    .win = CLI_WINDOW_ALL,
			    .pct = NAN,
			    .tol = 0.05,
			    .repeat = 1};
	struct va_ctx c = {.a = &a};
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	rc = planmeta_check_read(&cmd, a.plan, a.out.out, "-o");
	if (rc == 0)
		rc = terms(&a);
	if (rc)
		return rc > 0 ? rc : error_exit_code(rc);
	cleanup_set_interrupt(on_signal);
	rc = run(&c);
	accel_close(c.acc);
	free(c.rows);
	free(c.runs);
	planmatch_destroy(c.match);
	trace_destroy(c.t);
	planfile_destroy(c.pf);
	return finish(rc);
}

const struct command cmd_validate = {
    "validate", "run a plan's hosts on real guests, measured vs predicted",
    validate_main, &cmd};
