/*
 * section_evaluation.c - the plan on a window it was not fitted to: per
 * host and in total, overloaded slots, unmet demand and short VM-slots, as
 * `vmux evaluate` measured them (--eval) and, where the report has the
 * evaluation window itself, as recomputed here with the same model
 * (sim/plan/evaluate.h), so the two can be checked against each other.
 */
#include "lib/numtext.h"
#include "lib/stepnote.h"
#include "reports/evalcsv.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One host's outcome, from --eval or recomputed. */
struct outcome {
	double overload, unmet, violation, slots;
};

static struct outcome from_csv(const struct evalcsv_row *e)
{
	return (struct outcome){e->overload, e->unmet, e->violation,
				(double)e->slots};
}

static struct outcome from_stats(const struct eval_stats *s)
{
	return (struct outcome){eval_overload_rate(s),
				eval_unmet_fraction(s, RES_CPU),
				eval_violation_rate(s), (double)s->slots};
}

/* Host H's outcome: --eval's row, else recomputed; NAN if neither. */
static struct outcome host_outcome(const struct report *r, size_t h)
{
	if (r->ev)
		return r->host[h].ev ? from_csv(r->host[h].ev)
				     : (struct outcome){NAN, NAN, NAN, NAN};
	return from_stats(&r->host[h].eval);
}

static struct outcome total_outcome(const struct report *r)
{
	struct eval_stats sum = {0};

	if (r->ev)
		return from_csv(&r->ev->total);
	for (size_t h = 0; h < r->nhosts; h++)
		eval_add(&sum, &r->host[h].eval);
	return from_stats(&sum);
}

static const struct table_col cols[] = {
    {"host", NULL, TABLE_TEXT},
    {"vms", NULL, TABLE_INT},
    {"slots", NULL, TABLE_INT},
    {"overload_rate", "over capacity", TABLE_PCT},
    {"unmet_fraction", "demand unmet", TABLE_PCT},
    {"violation_rate", "VM-slots short", TABLE_PCT},
    {"recomputed_overload", "over capacity (recomputed)", TABLE_PCT},
    {"train_overload", "over capacity (training)", TABLE_PCT},
};

static int row(struct table *t, const char *host, double vms, struct outcome o,
	       double recomputed, double train)
{
	int rc = table_text(t, host);

	rc = rc ? rc : table_num(t, vms);
	rc = rc ? rc : table_num(t, o.slots);
	rc = rc ? rc : table_num(t, o.overload);
	rc = rc ? rc : table_num(t, o.unmet);
	rc = rc ? rc : table_num(t, o.violation);
	rc = rc ? rc : table_num(t, recomputed);
	rc = rc ? rc : table_num(t, train);
	return rc ? rc : table_end_row(t);
}

static int table(struct report *r)
{
	struct eval_stats ev = {0}, tr = {0};
	struct table *t;
	int rc = table_create("evaluation", cols, 8, &t);

	for (size_t h = 0; rc == 0 && h < r->nhosts; h++) {
		const struct report_host *x = &r->host[h];

		eval_add(&ev, &x->eval);
		eval_add(&tr, &x->train);
		rc = row(t, x->name,
			 x->ev ? (double)x->ev->vms : (double)x->neval,
			 host_outcome(r, h),
			 r->eval.t ? eval_overload_rate(&x->eval) : NAN,
			 eval_overload_rate(&x->train));
	}
	if (rc == 0)
		rc = row(t, "total", r->ev ? (double)r->ev->total.vms : ev.vms,
			 total_outcome(r),
			 r->eval.t ? eval_overload_rate(&ev) : NAN,
			 eval_overload_rate(&tr));
	return section_table(r, rc, t, 0);
}

/* A plan packed with overhead, which the report does not replay: a cause
 * of a disagreement with --eval, as words into BUF[N] ("" otherwise). */
static const char *virt_hint(const struct report *r, char *buf, size_t n)
{
	*buf = '\0';
	if (r->o->plan_virt)
		snprintf(buf, n,
			 "with virt=%s (the plan's overhead, which vmux "
			 "evaluate applies and this report does not), or ",
			 r->o->plan_virt);
	return buf;
}

/* Hosts whose --eval overload differs from the recomputed one. */
static void cross_check(struct report *r)
{
	size_t bad = 0;
	long first = -1;
	char virt[160];

	for (size_t h = 0; r->ev && r->eval.t && h < r->nhosts; h++) {
		const struct report_host *x = &r->host[h];
		double d;

		if (!x->ev || !x->eval.slots)
			continue;
		/* evaluate prints 6 decimals: allow that rounding. */
		d = fabs(x->ev->overload - eval_overload_rate(&x->eval));
		if (x->ev->slots != x->eval.slots || d > 1e-6 + 1e-9) {
			bad++;
			first = first < 0 ? (long)h : first;
		}
	}
	if (!bad) {
		if (r->ev && r->eval.t)
			html_p(r->html, NULL,
			       "Recomputed here from the evaluation window, "
			       "every host's overload rate matches %s.",
			       r->o->eval);
		return;
	}
	html_p(r->html, "absent",
	       "%s disagrees with the evaluation window recomputed here on "
	       "%zu host%s (host %s: %.2f %% of %zu slot%s there, %.2f %% of "
	       "%zu here): was it made %swith another --host-cpu, window or "
	       "plan?",
	       r->o->eval, bad, section_s(bad), r->host[first].name,
	       100 * r->host[first].ev->overload, r->host[first].ev->slots,
	       section_s(r->host[first].ev->slots),
	       100 * eval_overload_rate(&r->host[first].eval),
	       r->host[first].eval.slots, virt_hint(r, virt, sizeof(virt)));
}

/* The host with the highest overload rate, or -1; *OVER hosts above the
 * target of *SEEN evaluated. */
static long worst_host(const struct report *r, size_t *over, size_t *seen)
{
	long w = -1;

	*over = *seen = 0;
	for (size_t h = 0; h < r->nhosts; h++) {
		double o = host_outcome(r, h).overload;

		if (isnan(o))
			continue;
		++*seen;
		*over += eval_above_target(o, report_target(r));
		if (w < 0 || o > host_outcome(r, (size_t)w).overload)
			w = (long)h;
	}
	return w;
}

/* The plan's VMs missing from the evaluation: --eval's count where it
 * has one, else those of the evaluation trace; *PLANNED the plan's VMs. */
static size_t missing_vms(const struct report *r, size_t *planned)
{
	size_t present = 0;

	*planned = 0;
	for (size_t h = 0; h < r->nhosts; h++) {
		*planned += r->host[h].nvms;
		present += r->host[h].neval;
	}
	if (r->ev && !isnan(r->ev->total.missing)) {
		*planned = r->ev->total.vms + (size_t)r->ev->total.missing;
		return (size_t)r->ev->total.missing;
	}
	return r->eval.t && present < *planned ? *planned - present : 0;
}

/* Where the MISS VMs missing from the evaluation are, into BUF[N], in
 * vmux evaluate's words: not in its trace, in it but with no data in the
 * window, or both (counted apart where --eval's count is the window's). */
static const char *missing_where(const struct report *r, size_t miss, char *buf,
				 size_t n)
{
	size_t out = r->eval_absent;
	bool win = report_window_part(&r->eval);
	const char *are = miss == 1 ? "is" : "are",
		   *have = miss == 1 ? "has" : "have";

	if (win && miss != r->eval_missing)
		snprintf(buf, n, "%s no data in the evaluation window", have);
	else if (!win || out == miss)
		snprintf(buf, n, "%s not in the evaluation trace", are);
	else if (out)
		snprintf(buf, n,
			 "%s no data in the evaluation window (%zu of them "
			 "not in the trace at all)",
			 have, out);
	else
		snprintf(buf, n,
			 "%s in the evaluation trace but %s no data in the "
			 "evaluation window",
			 are, have);
	return buf;
}

/* The plan's VMs missing from the evaluation, said; true when so many are
 * missing (more than EVAL_MAX_MISSING, as vmux evaluate judges) that the
 * evaluation does not cover the plan: its promise is then not judged. */
static bool uncovered(struct report *r)
{
	size_t planned, miss = missing_vms(r, &planned);
	double share = planned ? (double)miss / (double)planned : 0;
	bool out = share > EVAL_MAX_MISSING;
	char where[128];

	if (!miss)
		return false;
	missing_where(r, miss, where, sizeof(where));
	if (out)
		html_p(r->html, "absent",
		       "%zu of the plan's %zu VMs (%.1f %%) %s: this "
		       "evaluation does not cover the plan (more than %g %% "
		       "missing, as vmux evaluate judges), so the rates below "
		       "are over the VMs present, on hosts that lost VMs, and "
		       "the plan's promise is not judged.",
		       miss, planned, 100 * share, where,
		       100 * EVAL_MAX_MISSING);
	else
		html_p(r->html, NULL,
		       "%zu of the plan's %zu VMs (%.1f %%) %s: the rates are "
		       "over the VMs present.",
		       miss, planned, 100 * share, where);
	return out;
}

/* "N hosts" into BUF[LEN], the SEEN evaluated of the plan's: a host none
 * of whose VMs is in the evaluation trace has no rate, and is said apart. */
static void hosts_seen(const struct report *r, size_t seen, char *buf,
		       size_t len)
{
	if (seen == r->nhosts)
		snprintf(buf, len, "%zu host%s", seen, section_s(seen));
	else
		snprintf(buf, len, "%zu host%s evaluated (%zu without a VM %s)",
			 seen, section_s(seen), r->nhosts - seen,
			 report_window_part(&r->eval)
			     ? "with data in the evaluation window"
			     : "in the evaluation trace");
}

/* The promise's verdict into HELD[N], unless the evaluation does not
 * cover the plan (said, uncovered()): then that it is not judged, and
 * false returned. */
static bool judge(struct report *r, double overload, size_t over, size_t seen,
		  char *held, size_t n)
{
	if (uncovered(r)) {
		snprintf(held, n,
			 "The plan's promise is not judged: this evaluation "
			 "does not cover the plan.");
		return false;
	}
	section_promise(r, overload, over, seen, "", held, n);
	return true;
}

/* S seconds in words into BUF[N]: "1 day", "6 h", "30 min", "40 s". */
static void duration(double s, char *buf, size_t n)
{
	double v;
	const char *unit = numtext_time_unit(s, &v);

	if (s >= 86400)
		snprintf(buf, n, "%.3g day%s", s / 86400,
			 s == 86400 ? "" : "s");
	else
		snprintf(buf, n, "%.3g %s", v, unit);
}

/* The evaluation window's length against the interval's period, into
 * BUF[N]: " (the evaluation window spans 1 day, 4 times the period the
 * interval is of)", or "" where either is not known. */
static void span_note(const struct report *r, char *buf, size_t n)
{
	double span, per = r->o->est_period;
	char d[32];

	*buf = '\0';
	if (!r->eval.t || !(per > 0))
		return;
	span = (double)r->eval.n * trace_step(r->eval.t);
	duration(span, d, sizeof(d));
	if (fabs(span / per - 1) < 1e-9)
		snprintf(buf, n,
			 " (the evaluation window spans %s, the period the "
			 "interval is of)",
			 d);
	else
		snprintf(buf, n,
			 " (the evaluation window spans %s, %.3g times the "
			 "period the interval is of)",
			 d, span / per);
}

/*
 * The value of the interval's statistic over window W, replayed as the
 * whole window is: fleet, overloaded host-slots / all host-slots; HOST,
 * the share of the hosts with slots in W above the target
 * (eval_above_target, as worst_host counts them). NaN where W has no
 * host-slot. 0 or -errno.
 */
static int block_value(const struct report *r, const struct report_window *w,
		       bool host, double *v)
{
	struct eval_stats sum = {0}, st;
	size_t over = 0, seen = 0;
	int rc = 0;

	for (size_t h = 0; rc == 0 && h < r->nhosts; h++) {
		const struct report_host *o = &r->host[h];

		if (!o->neval)
			continue;
		memset(&st, 0, sizeof(st));
		rc = report_host_eval(r, w, o->eval_vm, o->neval, &st);
		if (rc < 0 || !st.slots)
			continue;
		eval_add(&sum, &st);
		seen++;
		over += eval_above_target(eval_overload_rate(&st),
					  report_target(r));
	}
	if (host)
		*v = seen ? (double)over / (double)seen : NAN;
	else
		*v = sum.slots ? eval_overload_rate(&sum) : NAN;
	return rc;
}

/*
 * Like for like: where the evaluation window (replayed) holds more than
 * one whole period of the interval, each a whole number of slots, how
 * many of those blocks had their value (block_value) inside the
 * interval, into BUF[N]: "; 3 of the evaluation window's 4 blocks of 6 h,
 * the period the interval is of, fell within it"; else "". 0 or -errno.
 */
static int block_note(const struct report *r, bool host, char *buf, size_t n)
{
	double per = r->o->est_period, bs, v;
	struct report_window w = r->eval;
	size_t k, in = 0, valued = 0;
	char d[32];
	int rc = 0;

	*buf = '\0';
	if (!r->eval.t || !(per > 0))
		return 0;
	bs = per / trace_step(r->eval.t);
	if (fabs(bs - round(bs)) > 1e-9 || round(bs) < 1 ||
	    r->eval.n % (size_t)round(bs))
		return 0;
	w.n = (size_t)round(bs);
	k = r->eval.n / w.n;
	for (size_t b = 0; rc == 0 && k > 1 && b < k; b++) {
		w.first = r->eval.first + b * w.n;
		rc = block_value(r, &w, host, &v);
		valued += !isnan(v);
		in += v >= r->o->est_lo - 1e-12 && v <= r->o->est_hi + 1e-12;
	}
	duration(per, d, sizeof(d));
	if (rc == 0 && k > 1 && valued)
		snprintf(buf, n,
			 "; %zu of the evaluation window's %zu blocks of %s%s, "
			 "the period the interval is of, fell within it",
			 in, valued, d,
			 valued < k ? " with host-slots to replay" : "");
	return rc;
}

/*
 * robust's interval (PLAN.meta) beside the value realised in its scope:
 * the overload OVERLOAD (fleet) or the share of hosts above the target,
 * OVER of SEEN (host); whether it covered it. JUDGED: the evaluation
 * covers the plan (else it is not compared).
 */
static int estimate_check(struct report *r, double overload, size_t over,
			  size_t seen, bool judged)
{
	const char *s = r->o->est_scope ? r->o->est_scope : "";
	bool host = !strcmp(s, "host");
	double v = host ? (double)over / (double)seen : overload;
	bool in = v >= r->o->est_lo - 1e-12 && v <= r->o->est_hi + 1e-12;
	char e[512], span[128], blocks[256];
	int rc;

	section_estimate(r, e, sizeof(e));
	if (!judged || (!host && strcmp(s, "fleet"))) {
		html_p(r->html, NULL,
		       "PLAN.meta's out-of-sample estimate, robust's %s, is "
		       "not compared with this evaluation: %s.",
		       e,
		       judged ? "PLAN.meta does not record its scope"
			      : "it does not cover the plan");
		return 0;
	}
	span_note(r, span, sizeof(span));
	rc = block_note(r, host, blocks, sizeof(blocks));
	if (rc < 0)
		return rc;
	html_p(r->html, "concl",
	       "PLAN.meta's out-of-sample estimate, robust's %s, %s the value "
	       "realised here: %.2f %%%s%s%s.",
	       e, in ? "covered" : "did not cover", 100 * v,
	       in		  ? ""
	       : v > r->o->est_hi ? ", above it"
				  : ", below it",
	       span, blocks);
	return section_summary(r,
			       "The plan's out-of-sample estimate, robust's "
			       "%s, %s the %.2f %% realised here%s%s.",
			       e, in ? "covered" : "did not cover", 100 * v,
			       span, blocks);
}

/* The window's totals: overload, unmet demand, VM-slots short. */
static void overview(struct report *r, struct outcome t, double target)
{
	char win[160] = "the evaluation window", viol[96] = "";

	if (r->eval.t)
		section_window(&r->eval, win, sizeof(win));
	if (!isnan(t.violation))
		snprintf(viol, sizeof(viol),
			 "; VMs got less than they asked in %.2f %% of "
			 "VM-slots",
			 100 * t.violation);
	html_p(r->html, NULL,
	       "Out of sample (%s; %s), the hosts exceeded their capacity in "
	       "%.2f %% of host-slots against a %g %% target; %.2f %% of the "
	       "demand went unmet%s.",
	       r->ev ? r->o->eval : r->eval.path, win, 100 * t.overload, target,
	       100 * t.unmet, viol);
}

/* An evaluation window of another step than the plan's (report.c's
 * other_step): its rates count other slots than the service level does,
 * said under the totals and in the summary. 0 or -ENOMEM. */
static int step_note(struct report *r)
{
	double got, want = r->step_want;
	const char *whose =
	    r->o->plan_step > 0 ? "PLAN.meta's step" : "the training trace's";

	if (!(want > 0))
		return 0;
	got = trace_step(r->eval.t);
	return section_step_note(r, "evaluation", got, want, whose);
}

static int text(struct report *r)
{
	struct outcome t = total_outcome(r);
	double target = 100 * report_target(r);
	size_t over, seen;
	long w = worst_host(r, &over, &seen);
	char held[160], of[96];
	bool judged;
	int rc;

	overview(r, t, target);
	rc = step_note(r);
	if (rc < 0 || w < 0)
		return rc;
	judged = judge(r, t.overload, over, seen, held, sizeof(held));
	hosts_seen(r, seen, of, sizeof(of));
	html_p(r->html, "concl",
	       "%zu of %s exceeded the target; the worst, host %s, "
	       "exceeded its capacity in %.2f %% of slots against a %g %% "
	       "target. %s",
	       over, of, r->host[w].name,
	       100 * host_outcome(r, (size_t)w).overload, target, held);
	rc = section_summary(
	    r,
	    "Out of sample, hosts exceeded capacity in %.2f %% of host-slots "
	    "(target %g %%); %zu of %s missed the target, the worst "
	    "(host %s) at %.2f %%. %s",
	    100 * t.overload, target, over, of, r->host[w].name,
	    100 * host_outcome(r, (size_t)w).overload, held);
	if (rc == 0 && r->o->has_est)
		rc = estimate_check(r, t.overload, over, seen, judged);
	return rc;
}

int section_evaluation(struct report *r)
{
	int rc;

	html_section(r->html, "evaluation",
		     "Out of sample: the plan on another window");
	if (!r->ev && !r->eval.t) {
		section_absent(r,
			       "evaluation (--eval FILE from vmux evaluate "
			       "--csv, or an evaluation window)",
			       "The plan's promise is only tested in sample.");
		return 0;
	}
	if (!r->ev)
		html_p(r->html, "absent",
		       "Input absent: no --eval file was given; the numbers "
		       "below are recomputed here from the evaluation window "
		       "with vmux evaluate's model.");
	rc = text(r);
	if (rc == 0)
		cross_check(r);
	return rc ? rc : table(r);
}
