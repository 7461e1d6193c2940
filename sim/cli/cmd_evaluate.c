/*
 * cmd_evaluate.c - `vmux evaluate`: replay a window of a trace through a
 * plan file and report, per host and in total, overloads, unmet demand and
 * per-VM violations (definitions in sim/plan/evaluate.h). VMs are matched by
 * name; plan VMs missing from the trace and trace VMs missing from the plan
 * are counted and reported, not fatal (unless --strict).
 */
#include "sim/cli/command.h"
#include "sim/cli/evalcover.h"
#include "sim/cli/insample.h"
#include "sim/cli/options.h"
#include "sim/cli/planmeta.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "sim/plan/evaluate.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "lib/stepnote.h"
#include "lib/textwidth.h"
#include "sim/plan/planfile.h"
#include "sim/plan/planmatch.h"
#include "sim/plan/planterms.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTED 5 /* empty hosts named in a warning */

struct ev_args {
	const char *trace, *plan;
	struct cli_hosts hosts;
	struct cli_window win;
	struct cli_virt virt;
	struct cli_output out;
	double step;
	double pct;    /* P: --percentile, else PLAN.meta's, else 95 */
	double target; /* share of slots a host may be overloaded: 1 - P/100 */
	unsigned caps_from_terms; /* RES_MASK of capacities PLAN.meta gave */
	double factor[RES_COUNT]; /* --virt's, else PLAN.meta's, else 1 */
	bool strict;
	bool found; /* PLAN.meta was read into terms */
	struct plan_terms terms;
};

#define A(F, T) OPT_AT(struct ev_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(trace, const char *)),
    OPT_STR("plan", 0, A(plan, const char *), "PLAN",
	    OPT_REQUIRED | OPT_INFILE | OPT_STDIN, "the plan file"),
    OPT_INCLUDE(cli_plan_hosts_opts, A(hosts, struct cli_hosts)),
    OPT_INCLUDE(cli_window_opts, A(win, struct cli_window)),
    OPT_INCLUDE(cli_step_opts, A(step, double)),
    OPT_INCLUDE(cli_plan_percentile_opts, A(pct, double)),
    OPT_BOOL("strict", A(strict, bool),
	     "a VM in only one of PLAN and TRACE is an error (exit 65)"),
    OPT_INCLUDE(cli_virt_opts, A(virt, struct cli_virt)),
    OPT_INCLUDE(cli_output_opts, A(out, struct cli_output)),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "evaluate",
    .about = "Replay a window of TRACE through PLAN (a CSV with vm and host "
	     "columns, as\nwritten by vmux plan) and report per host and in "
	     "total how often hosts are\noverloaded, how much demand goes "
	     "unmet and how often VMs get less than they\nask. VMs are "
	     "matched by name. With --virt, demand is inflated by STYLE's\n"
	     "overhead as vmux plan --virt did: each capacity is divided by "
	     "the factor;\nwithout it, by the factors PLAN.meta records (a "
	     "--virt giving others\nexits 2).\n",
    .more = "Per host, D(s) = summed demand of its VMs in slot s, cap = "
	    "its capacity:\n"
	    "  overload_rate   slots with D(s) > cap on ANY constrained "
	    "resource / slots\n"
	    "  unmet_fraction  sum of (D(s) - cap) over overloaded slots / "
	    "sum of D(s),\n"
	    "                  for cpu (per resource in unmet_R when "
	    "several are given)\n"
	    "  violation_rate  VM-slots where the VM gets less than it asks "
	    "/ VM-slots; an\n"
	    "                  overloaded host splits capacity in proportion "
	    "to demand, so\n"
	    "                  every VM asking for an overloaded resource "
	    "is short\n"
	    "The total row adds host-slots, excess, demand and VM-slots over "
	    "hosts, then\ndivides. Overload allows 2^-23 relative rounding "
	    "(the store's precision).\nA host whose VMs are all missing "
	    "from TRACE has slots 0 and empty rates.\n\n"
	    "CSV columns: host,vms,missing,slots,overload_rate,"
	    "unmet_fraction,\nviolation_rate[,overload_R,unmet_R for each "
	    "constrained resource R when\nseveral are]; last row host = "
	    "total.\n",
    .opts = options,
};

/* Every constrained resource in the trace, and a window with slots. */
static int check_trace(const struct trace *t, const struct ev_args *a,
		       struct eval_opts *o)
{
	/* Demand x f over capacity C is overloaded exactly when demand is
	   over C / f, and the unmet fractions agree: divide the capacity. */
	for (int r = 0; r < RES_COUNT; r++) {
		o->cap[r] = a->hosts.cap[r] / a->factor[r];
		if (a->hosts.cap[r] > 0 && !trace_has(t, (enum res)r)) {
			planterms_no_column("evaluate", a->plan,
					    a->caps_from_terms & RES_MASK(r),
					    (enum res)r, a->hosts.cap[r],
					    a->trace);
			return -EBADMSG;
		}
	}
	return trace_window_say(t, a->win.from, a->win.to, "evaluate", "window",
				a->trace, &o->first, &o->nslots);
}

/* Whether --from or --to narrowed the window: a VM of the file with no
 * data in it is then not "missing from" the file. */
static bool windowed(const struct ev_args *a)
{
	return isfinite(a->win.from) || isfinite(a->win.to);
}

/* What goes before "'TRACE'" where a plan VM with no data is said:
 * "the evaluation window of " when windowed, else "". */
static const char *where(const struct ev_args *a)
{
	return windowed(a) ? "the evaluation window of " : "";
}

/* Whether plan row I, missing from the replay, is in T's file all the
 * same (it has no data in the window): said so, not "is not in". */
static bool in_file(const struct trace *t, const struct planfile *pf, long i,
		    const struct ev_args *a)
{
	return windowed(a) && trace_find(t, planfile_vm(pf, (size_t)i)) >= 0;
}

/*
 * The plan's VMs missing from the replay, M->nmissing, as the warning
 * says where they are, around the trace's name: *PRE before it, POST
 * (BUF[N]) after it. Without a window, or when none is in the file,
 * "missing from 'T'"; when none is missing from the file, "in 'T' but
 * with no data in its evaluation window"; when both kinds occur, "with no
 * data in the evaluation window of 'T' (M of them not in it at all)".
 */
static void missing_at(const struct planmatch *m, const struct ev_args *a,
		       const char **pre, char *buf, size_t n)
{
	*pre = "missing from '";
	snprintf(buf, n, "'");
	if (!windowed(a) || m->nabsent == m->nmissing)
		return;
	if (m->nabsent) {
		*pre = "with no data in the evaluation window of '";
		snprintf(buf, n, "' (%zu of them not in it at all)",
			 m->nabsent);
	} else {
		*pre = "in '";
		snprintf(buf, n, "' but with no data in its evaluation window");
	}
}

/* The summary's words for the same count, into BUF[N] ("missing from
 * the trace 3", "in the trace but with no data in the evaluation window
 * 2", "with no data in the evaluation window 5 (2 of them not in the
 * trace at all)"; with a window and none missing, "with no data in the
 * evaluation window 0"). */
static const char *missing_words(const struct planmatch *m,
				 const struct ev_args *a, char *buf, size_t n)
{
	size_t k = m->nmissing, out = m->nabsent;

	if (!windowed(a) || (k && out == k))
		snprintf(buf, n, "missing from the trace %zu", k);
	else if (out)
		snprintf(buf, n,
			 "with no data in the evaluation window %zu (%zu of "
			 "them not in the trace at all)",
			 k, out);
	else
		snprintf(buf, n, "%swith no data in the evaluation window %zu",
			 k ? "in the trace but " : "", k);
	return buf;
}

/* Fatal mismatches: nothing in common, or anything with --strict. */
static int match_check(const struct trace *t, const struct planfile *pf,
		       const struct planmatch *m, const struct ev_args *a)
{
	long i = m->first_missing;

	if (m->nmissing == planfile_nvms(pf))
		return error_data(
		    a->plan, planfile_vm_line(pf, 0), "vm",
		    "no VM of the plan (%zu VM%s) %s %s'%s' (is it "
		    "the plan of another trace?)",
		    m->nmissing, m->nmissing == 1 ? "" : "s",
		    windowed(a) ? "has data in" : "is in", where(a), a->trace);
	if (a->strict && i >= 0)
		return error_data(
		    a->plan, planfile_vm_line(pf, (size_t)i), "vm",
		    "VM '%s' %s %s'%s' (--strict)", planfile_vm(pf, (size_t)i),
		    in_file(t, pf, i, a) ? "has no data in" : "is not in",
		    in_file(t, pf, i, a) ? where(a) : "", a->trace);
	if (a->strict && m->first_unplanned >= 0) {
		error_msg("evaluate: VM '%s' of '%s' is not in the plan '%s' "
			  "(--strict)",
			  trace_name(t, (size_t)m->first_unplanned), a->trace,
			  a->plan);
		return -EBADMSG;
	}
	return 0;
}

static void warn_mismatch(const struct trace *t, const struct planfile *pf,
			  const struct planmatch *m, const struct ev_args *a)
{
	size_t empty = 0, n;
	const char *none = windowed(a) ? "none with data in" : "none in", *pre;
	char post[64];

	missing_at(m, a, &pre, post, sizeof(post));
	if (m->nmissing)
		error_warn("evaluate: %zu VM%s of the plan %s%s%s: counted as "
			   "missing, not evaluated (first '%s', %s:%lu)",
			   m->nmissing, m->nmissing == 1 ? "" : "s", pre,
			   a->trace, post,
			   planfile_vm(pf, (size_t)m->first_missing), a->plan,
			   planfile_vm_line(pf, (size_t)m->first_missing));
	if (m->nunplanned)
		error_warn("evaluate: %zu VM%s %s'%s' not in the plan: "
			   "demand not evaluated (first '%s')",
			   m->nunplanned, m->nunplanned == 1 ? "" : "s",
			   windowed(a)
			       ? "with data in the evaluation window of "
			       : "of ",
			   a->trace, trace_name(t, (size_t)m->first_unplanned));
	for (size_t h = 0; h < planfile_nhosts(pf); h++) {
		const size_t *rows = planfile_host_rows(pf, h, &n);

		if (m->missing[h] < n)
			continue;
		if (empty++ < MAX_LISTED)
			error_warn("evaluate: host '%s' (%s:%lu) has %zu VM%s, "
				   "%s %s'%s': slots = 0",
				   planfile_host(pf, h), a->plan,
				   planfile_vm_line(pf, rows[0]), n,
				   n == 1 ? "" : "s", none, where(a), a->trace);
	}
	if (empty > MAX_LISTED)
		error_warn(
		    "evaluate: ... and %zu more host%s with no VM "
		    "%s %s'%s'",
		    empty - MAX_LISTED, empty - MAX_LISTED == 1 ? "" : "s",
		    windowed(a) ? "with data in" : "in", where(a), a->trace);
}

/* ",value" (10 significant digits: a rate of one slot in 10^9 is not
 * written as 0), or "," alone when undefined. */
static void put_rate(FILE *fp, double x)
{
	if (isnan(x))
		fputc(',', fp);
	else
		fprintf(fp, ",%.10g", x);
}

static int nconstrained(const double *cap)
{
	int n = 0;

	for (int r = 0; r < RES_COUNT; r++)
		n += cap[r] > 0;
	return n;
}

static void csv_row(FILE *fp, const char *host, const struct eval_stats *s,
		    size_t missing, const double *cap)
{
	csvout_field(fp, host);
	fprintf(fp, ",%zu,%zu,%zu", s->vms, missing, s->slots);
	put_rate(fp, eval_overload_rate(s));
	put_rate(fp, eval_unmet_fraction(s, RES_CPU));
	put_rate(fp, eval_violation_rate(s));
	for (int r = 0; nconstrained(cap) > 1 && r < RES_COUNT; r++) {
		if (!(cap[r] > 0))
			continue;
		put_rate(fp, eval_overload_rate_res(s, (enum res)r));
		put_rate(fp, eval_unmet_fraction(s, (enum res)r));
	}
	fputc('\n', fp);
}

static void write_csv(FILE *fp, const struct planfile *pf,
		      const struct planmatch *m, const struct eval_stats *hosts,
		      const struct eval_stats *total, const double *cap)
{
	fputs("host,vms,missing,slots,overload_rate,unmet_fraction,"
	      "violation_rate",
	      fp);
	for (int r = 0; nconstrained(cap) > 1 && r < RES_COUNT; r++)
		if (cap[r] > 0)
			fprintf(fp, ",overload_%s,unmet_%s",
				res_name((enum res)r), res_name((enum res)r));
	fputc('\n', fp);
	for (size_t h = 0; h < planfile_nhosts(pf); h++)
		csv_row(fp, planfile_host(pf, h), &hosts[h], m->missing[h],
			cap);
	csv_row(fp, "total", total, m->nmissing, cap);
}

/* The host with the highest overload rate not yet listed (-1 if none). */
static long worst_host(const struct eval_stats *hosts, size_t n,
		       const bool *listed)
{
	long best = -1;

	for (size_t h = 0; h < n; h++) {
		if (listed[h] || !hosts[h].overloaded)
			continue;
		if (best < 0 || eval_overload_rate(&hosts[h]) >
				    eval_overload_rate(&hosts[best]))
			best = (long)h;
	}
	return best;
}

static void human_worst(FILE *fp, const struct planfile *pf,
			const struct eval_stats *hosts)
{
	size_t n = planfile_nhosts(pf), over = 0;
	bool *listed = calloc(n, sizeof(bool));
	long h;

	for (size_t k = 0; k < n; k++)
		over += hosts[k].overloaded > 0;
	fprintf(fp, "hosts overloaded at least once: %zu of %zu", over, n);
	for (int k = 0;
	     listed && k < 3 && (h = worst_host(hosts, n, listed)) >= 0; k++) {
		listed[h] = true;
		fprintf(fp, "%s host ", k ? "," : "; worst:");
		textwidth_put(fp, planfile_host(pf, (size_t)h));
		fprintf(fp, " %.1f %%", 100 * eval_overload_rate(&hosts[h]));
	}
	fputc('\n', fp);
	free(listed);
}

/* Hosts above the target, and the hosts that lost none of their VMs. */
static void human_coverage(FILE *fp, const struct planfile *pf,
			   const struct planmatch *m,
			   const struct eval_stats *hosts, double target)
{
	size_t n = planfile_nhosts(pf), above = 0, whole = 0, evald = 0;
	struct eval_stats full = {0};

	for (size_t h = 0; h < n; h++) {
		if (!hosts[h].slots)
			continue;
		evald++;
		above +=
		    eval_above_target(eval_overload_rate(&hosts[h]), target);
		if (m->missing[h] == 0) {
			whole++;
			eval_add(&full, &hosts[h]);
		}
	}
	fprintf(fp, "hosts above the %g %% target: %zu of %zu evaluated\n",
		100 * target, above, evald);
	if (m->nmissing)
		fprintf(fp,
			"hosts with all their VMs present: %zu of %zu, "
			"overloaded %.2f %% of their host-slots\n",
			whole, n, whole ? 100 * eval_overload_rate(&full) : 0);
}

/* True (and said on FP) when too many plan VMs are missing. */
static bool not_covered(FILE *fp, const struct planfile *pf,
			const struct planmatch *m, const struct ev_args *a)
{
	return evalcover_say(
	    fp,
	    fp == stderr ? "vmux: warning: evaluate: " : "NOTE: ", m->nmissing,
	    m->nabsent, planfile_nvms(pf), a->trace, windowed(a), "");
}

/* The window's slots no VM has data for, if any: left out of the rates. */
static void uncovered_note(FILE *fp, const struct trace *t, size_t first,
			   size_t n)
{
	size_t u = trace_uncovered(t, first, n);

	if (u)
		fprintf(fp,
			"  %zu of them without data from any VM (missing "
			"days): left out, the rates are over the other %zu\n",
			u, n - u);
}

/* The VMs evaluated and not: with a window, a VM of the file may have no
 * data in it, so the counts are of the window's VMs, and say so. */
static void counts_line(FILE *fp, const struct planmatch *m,
			const struct eval_stats *total, const struct ev_args *a)
{
	char miss[96];

	fprintf(fp, "VMs evaluated %zu (present in both), %s, %s %zu\n",
		total->vms, missing_words(m, a, miss, sizeof(miss)),
		windowed(a) ? "with data in the evaluation window but not "
			      "planned"
			    : "in the trace but not planned",
		m->nunplanned);
}

static void write_human(FILE *fp, const struct trace *t,
			const struct planfile *pf, const struct planmatch *m,
			const struct eval_stats *hosts,
			const struct eval_stats *total,
			const struct eval_opts *o, const struct ev_args *a)
{
	fputs("plan ", fp);
	textwidth_put(fp, planfile_path(pf));
	fprintf(fp,
		": %zu host%s, %zu VM%s; trace: %zu slot%s of %g s "
		"from %.0f s\n",
		planfile_nhosts(pf), planfile_nhosts(pf) == 1 ? "" : "s",
		planfile_nvms(pf), planfile_nvms(pf) == 1 ? "" : "s", o->nslots,
		o->nslots == 1 ? "" : "s", trace_step(t),
		trace_start(t) + (double)o->first * trace_step(t));
	uncovered_note(fp, t, o->first, o->nslots);
	counts_line(fp, m, total, a);
	not_covered(fp, pf, m, a);
	/* The count beside the share: at fleet scale a few overloaded
	   host-slots are 0.00 % */
	fprintf(fp,
		"host-slots %zu: overloaded %zu (%.2f %%), VM-slots violated "
		"%.2f %%\n",
		total->slots, total->overloaded,
		100 * eval_overload_rate(total),
		100 * eval_violation_rate(total));
	for (int r = 0; r < RES_COUNT; r++)
		if (o->cap[r] > 0)
			fprintf(fp,
				"  %-4s capacity %g: overloaded %.2f %% of "
				"host-slots, unmet %.3f %% of demand\n",
				res_name((enum res)r), o->cap[r],
				100 *
				    eval_overload_rate_res(total, (enum res)r),
				100 * eval_unmet_fraction(total, (enum res)r));
	human_worst(fp, pf, hosts);
	human_coverage(fp, pf, m, hosts, a->target);
}

static int write_evaluation(const struct ev_args *a, const struct trace *t,
			    const struct planfile *pf,
			    const struct planmatch *m,
			    const struct eval_opts *o)
{
	size_t nh = planfile_nhosts(pf);
	struct eval_stats *hosts = calloc(nh, sizeof(*hosts)), total;
	struct outfile *of = NULL;
	int rc = hosts ? 0 : -ENOMEM;

	if (rc == 0)
		rc = eval_placement(t, m->host_of, nh, o, hosts, &total);
	if (rc == 0)
		rc = outfile_open(a->out.out ? a->out.out : "-", &of);
	if (rc == 0 && a->out.csv) {
		write_csv(outfile_fp(of), pf, m, hosts, &total, o->cap);
		not_covered(stderr, pf, m, a);
	} else if (rc == 0) {
		write_human(outfile_fp(of), t, pf, m, hosts, &total, o, a);
	}
	if (rc == 0)
		rc = outfile_commit(of);
	free(hosts);
	return rc;
}

/* A trace of another step than the plan's (PLAN.meta's step): its
 * service level counted slots of that step, so the rates replayed here
 * are not what it promises: said, in lib/stepnote's words. */
static void other_step(const struct trace *t, const struct ev_args *a)
{
	double want = a->found ? a->terms.step : 0, got = trace_step(t);

	if (!(want > 0) || fabs(got - want) <= 1e-6 * want)
		return;
	stepnote_plan("evaluate", a->trace, got, a->plan, want);
}

/* A window of the very trace the plan was fitted on that overlaps its
 * training window is in sample: said (insample.h). */
static void in_sample(const struct trace *t, const struct eval_opts *o,
		      const struct ev_args *a)
{
	double from = trace_start(t) + (double)o->first * trace_step(t);

	if (a->found)
		insample_say("evaluate", &a->terms, a->plan, a->trace, from,
			     from + (double)o->nslots * trace_step(t));
}

static int run(const struct ev_args *a)
{
	struct ingest_opts io = {.step = a->step};
	struct planfile *pf = NULL;
	struct trace *t = NULL;
	struct planmatch *m = NULL;
	struct eval_opts o = {0};
	int rc;

	/* The plan first: a bad plan fails before a large trace is read. */
	rc = planfile_read(a->plan, &pf);
	if (rc == 0)
		rc = ingest_file(a->trace, &io, &t, NULL);
	if (rc == 0)
		rc = ingest_step_known(a->trace, t, &io);
	if (rc == 0)
		rc = check_trace(t, a, &o);
	if (rc == 0) {
		other_step(t, a);
		in_sample(t, &o, a);
	}
	if (rc == 0)
		rc = planmatch_window(pf, t, o.first, o.nslots, &m);
	if (rc == 0)
		rc = match_check(t, pf, m, a);
	if (rc == 0) {
		warn_mismatch(t, pf, m, a);
		rc = write_evaluation(a, t, pf, m, &o);
	}
	planmatch_destroy(m);
	trace_destroy(t);
	planfile_destroy(pf);
	return rc;
}

/* The options that give a plan's terms where it has no PLAN.meta
 * (read from standard input), after --host-cpu. */
#define TERMS_OPTS                                                             \
	", --host-mem, --host-disk, --host-net, --percentile, --virt and "     \
	"--overhead"

/* Capacities, overhead factors and the target from the plan's terms, by
 * planterms_level's rule for the level (P95 without either). */
static int plan_terms(struct ev_args *a)
{
	struct plan_terms t;
	struct planterms_virt_given g = {a->virt.virt, a->virt.overhead};
	bool found = false;
	int promise = -1; /* evaluate judges hosts alone: not asked */
	unsigned got;
	int rc = cli_virt_factors(&a->virt, a->factor, &got);

	if (rc == 0)
		rc = planterms_read(a->plan, &t, &found);

	a->found = rc == 0 && found;
	if (a->found)
		a->terms = t;

	if (rc == 0)
		rc = planterms_caps("evaluate", a->plan, &t, found,
				    a->hosts.cap, TERMS_OPTS);
	for (int r = 0; rc == 0 && found && r < RES_COUNT; r++)
		if (t.cap[r] > 0)
			a->caps_from_terms |= RES_MASK(r);
	if (rc == 0)
		rc = planterms_factors("evaluate", a->plan, &t, found,
				       RES_MASK(RES_COUNT) - 1, &g, a->factor);
	if (rc == 0)
		rc = planterms_level("evaluate", a->plan, &t, found, &a->pct,
				     &promise, NULL);
	a->target = (100 - a->pct) / 100;
	return rc;
}

static int evaluate_main(int argc, char **argv)
{
	struct ev_args a = {.win = CLI_WINDOW_ALL, .pct = NAN};
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	rc = planmeta_check_read(&cmd, a.plan, a.out.out, "-o");
	if (rc == 0)
		rc = plan_terms(&a);
	if (rc)
		return rc > 0 ? rc : error_exit_code(rc);
	if (a.out.out)
		a.out.csv = true;
	return error_exit_code(run(&a));
}

const struct command cmd_evaluate = {
    "evaluate",
    "replay a trace window through a plan: overloads, unmet "
    "demand, violations",
    evaluate_main, &cmd};
