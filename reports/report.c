/*
 * report.c - `vmux report` end to end: load and match the inputs, compute
 * each host's numbers once, run the sections, then write the page and move
 * the folder into place (see report.h).
 *
 * Everything that can be wrong with the inputs is found before the output
 * folder is created, so bad data leaves nothing behind.
 */
#include "reports/report.h"
#include "reports/benchcsv.h"
#include "reports/chart.h"
#include "reports/evalcsv.h"
#include "reports/frontiercsv.h"
#include "reports/simcsv.h"
#include "reports/html.h"
#include "reports/outdir.h"
#include "reports/section.h"
#include "reports/stats.h"
#include "reports/validcsv.h"
#include "lib/error.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "lib/stepnote.h"
#include "lib/strv.h"
#include "sim/plan/hostsize.h"
#include "sim/plan/planfile.h"
#include "sim/plan/planmatch.h"
#include "sim/plan/planterms.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Slots of T starting in [FROM, TO) (NAN = open) into *W, the WHAT
 * window; -EBADMSG. */
static int window(const struct trace *t, const char *path, const char *what,
		  double from, double to, struct report_window *w)
{
	double a = isnan(from) ? -INFINITY : from;
	double b = isnan(to) ? INFINITY : to;

	w->t = t;
	w->path = path;
	return trace_window_say(t, a, b, "report", what, path, &w->first,
				&w->n);
}

/* The evaluation window's trace and bounds (see report.h). */
static int eval_window(struct report *r)
{
	const struct report_opts *o = r->o;
	const struct trace *t = r->train_trace;
	double end;

	if (o->eval_trace)
		return window(r->eval_trace, o->eval_trace, "evaluation window",
			      o->eval_from, o->eval_to, &r->eval);
	if (!isnan(o->eval_from) || !isnan(o->eval_to))
		return window(t, o->trace, "evaluation window", o->eval_from,
			      o->eval_to, &r->eval);
	end = trace_start(t) + (double)trace_nslots(t) * trace_step(t);
	if (isnan(o->train_to) || o->train_to >= end)
		return 0; /* no evaluation window */
	return window(t, o->trace, "evaluation window", o->train_to, NAN,
		      &r->eval);
}

static int load_traces(struct report *r)
{
	const struct report_opts *o = r->o;
	int rc = ingest_file(o->trace, NULL, &r->train_trace, NULL);

	if (rc == 0)
		rc = ingest_step_known(o->trace, r->train_trace, NULL);
	if (rc == 0 && o->eval_trace && strcmp(o->eval_trace, o->trace))
		rc = ingest_file(o->eval_trace, NULL, &r->eval_trace, NULL);
	if (rc == 0 && r->eval_trace)
		rc = ingest_step_known(o->eval_trace, r->eval_trace, NULL);
	if (rc < 0)
		return rc;
	if (!r->eval_trace)
		r->eval_trace = r->train_trace;
	rc = window(r->train_trace, o->trace, "training window", o->train_from,
		    o->train_to, &r->train);
	return rc ? rc : eval_window(r);
}

/*
 * A trace of another step than the plan's (PLAN.meta's step, else, for
 * the evaluation window, the training trace's): the plan's service level
 * counts slots of its step, so the rates replayed on these are not what
 * it promises: said, in the words of vmux evaluate and frontier
 * (lib/stepnote.h), once per trace, and kept in R->train_step_want and
 * R->step_want for the page. The training trace is judged only against
 * PLAN.meta (without one its step is the plan's by definition).
 */
static void other_step(struct report *r)
{
	const struct report_opts *o = r->o;
	bool meta = o->plan_step > 0;
	double want = meta ? o->plan_step : trace_step(r->train_trace), got;

	got = trace_step(r->train_trace);
	if (meta && fabs(got - want) > 1e-6 * want) {
		r->train_step_want = want;
		stepnote_plan("report", o->trace, got, o->plan, want);
	}
	if (!r->eval.t)
		return;
	got = trace_step(r->eval.t);
	if (fabs(got - want) <= 1e-6 * want)
		return;
	r->step_want = want;
	if (r->eval.t == r->train_trace && r->train_step_want > 0)
		return; /* the same file: said above */
	if (meta)
		stepnote_plan("report", r->eval.path, got, o->plan, want);
	else
		stepnote_train("report", r->eval.path, got, o->trace, want);
}

static int load_csvs(struct report *r)
{
	const struct report_opts *o = r->o;
	int rc = planfile_read(o->plan, &r->plan);

	if (rc == 0 && o->eval)
		rc = evalcsv_read(o->eval, &r->ev);
	if (rc == 0 && o->frontier)
		rc = frontiercsv_read(o->frontier, &r->fr);
	if (rc == 0 && o->nsimulation)
		rc = simcsv_read(o->simulation, o->nsimulation, &r->sim);
	if (rc == 0 && o->bench)
		rc = benchcsv_read(o->bench, &r->bench);
	if (rc == 0 && o->validation)
		rc = validcsv_read(o->validation, &r->val);
	return rc;
}

/*
 * The trace indices of HOST's planned VMs present in M's trace into *OUT
 * (*N of them) and, if ROW is not NULL, their plan rows into *ROW.
 */
static int host_vms(const struct report *r, const struct planmatch *m, size_t h,
		    size_t **out, size_t *n, size_t **row)
{
	size_t nrows;

	planfile_host_rows(r->plan, h, &nrows);
	*out = malloc((nrows ? nrows : 1) * sizeof(**out));
	if (row)
		*row = malloc((nrows ? nrows : 1) * sizeof(**row));
	if (!*out || (row && !*row))
		return -ENOMEM;
	*n = planmatch_host(m, r->plan, h, *out, row ? *row : NULL);
	return 0;
}

int report_host_eval(const struct report *r, const struct report_window *w,
		     const size_t *vms, size_t n, struct eval_stats *st)
{
	struct eval_opts eo = {.first = w->first, .nslots = w->n};

	for (int res = 0; res < RES_COUNT; res++) {
		if (res != RES_CPU && r->o->host_cap[res] > 0 &&
		    !trace_has(w->t, (enum res)res)) {
			planterms_no_column(
			    "report", r->o->plan,
			    r->o->caps_from_terms & RES_MASK(res),
			    (enum res)res, r->o->host_cap[res], w->path);
			return -EBADMSG;
		}
		eo.cap[res] =
		    res == RES_CPU ? r->o->host_cpu : r->o->host_cap[res];
	}
	return eval_host(w->t, vms, n, &eo, st, NULL);
}

/* Count host H's VMs (plan rows ROW, their K covered training slots in
 * X) with no demand in the training window, planned at zero: present
 * there (plan warns of them) or not (an older plan), naming the first. */
static void count_zero(struct report *r, size_t h, const size_t *row,
		       const double *x, size_t k)
{
	const struct report_host *host = &r->host[h];

	for (size_t i = 0; i < host->ntrain; i++) {
		size_t t = 0, *n = &r->zero;
		const char **name = r->zero_vm;

		while (t < k && !(x[i * k + t] > 0))
			t++;
		if (t < k)
			continue;
		if (!trace_present(r->train_trace, host->train_vm[i],
				   r->train.first, r->train.n)) {
			n = &r->nodata;
			name = r->nodata_vm;
		}
		if (*n < REPORT_ZERO_NAMED)
			name[*n] = planfile_vm(r->plan, row[i]);
		(*n)++;
	}
}

/* NaN where VM was absent (outside its span, or in a gap the ingest left
 * absent) in ITS K covered slots of window W: hostsize.h sizes it over
 * the slots it is present, as plan does. */
static void mark_absent(const struct trace *t, const struct report_window *w,
			size_t vm, double *its, size_t k)
{
	const size_t *run;
	size_t nr = trace_absent(t, vm, &run), a, len, j = 0, q = 0;

	trace_span(t, vm, &a, &len);
	for (size_t s = w->first; s < w->first + w->n && j < k; s++) {
		if (!trace_covered(t, s))
			continue;
		while (q < nr && run[2 * q] + run[2 * q + 1] <= s)
			q++; /* the runs are ascending */
		if (s < a || s >= a + len || (q < nr && run[2 * q] <= s))
			its[j] = NAN;
		j++;
	}
}

/* Sizes of host H's VMs (plan rows ROW) on the training window. */
static int host_sizes(struct report *r, size_t h, const size_t *row)
{
	struct report_host *host = &r->host[h];
	const double **rows = malloc((host->ntrain + 1) * sizeof(*rows));
	double *size = malloc((host->ntrain + 1) * sizeof(*size));
	size_t k; /* the slots with data (trace_covered) */
	double *x =
	    trace_read_covered(r->train_trace, RES_CPU, host->train_vm,
			       host->ntrain, r->train.first, r->train.n, &k);
	int rc = -ENOMEM;

	if (!rows || !size || !x)
		goto out;
	for (size_t i = 0; i < host->ntrain; i++) {
		rows[i] = x + i * k;
		mark_absent(r->train_trace, &r->train, host->train_vm[i],
			    x + i * k, k);
	}
	rc = hostsize_compute(rows, host->ntrain, k, r->o->percentile, size,
			      &host->sum_individual, &host->joint);
	for (size_t i = 0; rc == 0 && i < host->ntrain; i++)
		r->vm_size[row[i]] = size[i];
	if (rc == 0)
		count_zero(r, h, row, x, k);
out:
	free(rows);
	free(size);
	free(x);
	return rc;
}

/* Host H's numbers; MT, ME: the plan matched with the training and the
   evaluation trace (ME NULL: no evaluation window). */
static int build_host(struct report *r, size_t h, const struct planmatch *mt,
		      const struct planmatch *me)
{
	struct report_host *host = &r->host[h];
	size_t *row = NULL;
	int rc;

	host->name = planfile_host(r->plan, h);
	planfile_host_rows(r->plan, h, &host->nvms);
	rc = host_vms(r, mt, h, &host->train_vm, &host->ntrain, &row);
	if (rc == 0)
		rc = host_sizes(r, h, row);
	free(row);
	if (rc == 0)
		rc = report_host_eval(r, &r->train, host->train_vm,
				      host->ntrain, &host->train);
	if (rc < 0 || !r->eval.t)
		return rc;
	rc = host_vms(r, me, h, &host->eval_vm, &host->neval, NULL);
	if (rc == 0)
		rc = report_host_eval(r, &r->eval, host->eval_vm, host->neval,
				      &host->eval);
	return rc;
}

/* The plan's VMs present in the evaluation trace. */
static size_t in_eval(const struct report *r)
{
	size_t n = 0;

	for (size_t h = 0; h < r->nhosts; h++)
		n += r->host[h].neval;
	return n;
}

/* The plan's VMs found (PRESENT of NVMS in the training trace): none, or
 * none in the evaluation trace, is an error; missing ones a warning. */
static int check_cover(struct report *r, size_t nvms, size_t present)
{
	r->missing = nvms - present;
	r->unplanned = trace_nvms(r->train_trace) - present;
	if (present == 0) {
		error_msg("report: no VM of the plan '%s' (%zu VM%s) is in "
			  "the trace '%s' (VMs are matched by name)",
			  r->o->plan, nvms, section_s(nvms), r->o->trace);
		return -EBADMSG;
	}
	if (r->eval.t && !in_eval(r)) {
		error_msg("report: no VM of the plan '%s' (%zu VM%s) is in "
			  "the evaluation trace '%s' (VMs are matched by name; "
			  "is it another trace's?)",
			  r->o->plan, nvms, section_s(nvms), r->eval.path);
		return -EBADMSG;
	}
	if (r->missing)
		error_warn("report: %zu of the plan's %zu VM%s missing from "
			   "'%s', left out (the page says so)",
			   r->missing, nvms, section_s(nvms), r->o->trace);
	return 0;
}

static int build_hosts(struct report *r)
{
	size_t nvms = planfile_nvms(r->plan), present = 0;
	struct planmatch *mt = NULL, *me = NULL;
	int rc;

	r->nhosts = planfile_nhosts(r->plan);
	r->host = calloc(r->nhosts, sizeof(*r->host));
	r->vm_size = malloc(nvms * sizeof(*r->vm_size));
	if (!r->host || !r->vm_size)
		return -ENOMEM;
	for (size_t i = 0; i < nvms; i++)
		r->vm_size[i] = NAN;
	rc = planmatch_create(r->plan, r->train_trace, &mt);
	if (rc == 0 && r->eval.t)
		rc = planmatch_window(r->plan, r->eval.t, r->eval.first,
				      r->eval.n, &me);
	for (size_t h = 0; rc == 0 && h < r->nhosts; h++) {
		rc = build_host(r, h, mt, me);
		present += r->host[h].ntrain;
	}
	if (rc == 0 && me) {
		r->eval_missing = me->nmissing;
		r->eval_absent = me->nabsent;
	}
	for (size_t v = 0; rc == 0 && v < trace_nvms(r->train_trace); v++)
		r->unplanned_nodata +=
		    mt->host_of[v] < 0 &&
		    !trace_present(r->train_trace, v, r->train.first,
				   r->train.n);
	planmatch_destroy(mt);
	planmatch_destroy(me);
	if (rc < 0)
		return rc;
	return check_cover(r, nvms, present);
}

/* Host index of NAME in the plan, or -1. */
static long find_host(const struct report *r, const char *name)
{
	for (size_t h = 0; h < r->nhosts; h++)
		if (!strcmp(r->host[h].name, name))
			return (long)h;
	return -1;
}

static int no_such_host(const struct report *r, const char *path,
			unsigned long line, const char *host)
{
	return error_data(path, line, "host",
			  "host '%s' is not in the plan '%s' (%zu host%s): "
			  "was this file made from another plan?",
			  host, r->o->plan, r->nhosts, section_s(r->nhosts));
}

/* Attach the --eval and --validation rows to the plan's hosts. */
static int match_rows(struct report *r)
{
	for (size_t i = 0; r->ev && i < r->ev->nhosts; i++) {
		const struct evalcsv_row *e = &r->ev->host[i];
		long h = find_host(r, e->host);

		if (h < 0)
			return no_such_host(r, r->o->eval, e->line, e->host);
		r->host[h].ev = e;
	}
	for (size_t i = 0; r->val && i < r->val->nhosts; i++) {
		const struct validcsv_row *v = &r->val->host[i];
		long h = find_host(r, v->host);

		if (h < 0)
			return no_such_host(r, r->o->validation, v->line,
					    v->host);
		r->host[h].val = v;
	}
	return 0;
}

static int load(struct report *r)
{
	int rc = 0;

	if (r->o->charts)
		rc = chart_find_gnuplot(&r->gnuplot);
	if (rc == 0)
		rc = load_traces(r);
	if (rc == 0)
		other_step(r);
	if (rc == 0)
		rc = load_csvs(r);
	if (rc == 0)
		rc = build_hosts(r);
	return rc ? rc : match_rows(r);
}

static int (*const sections[])(struct report *) = {
    section_sizing,	section_evaluation,  section_demand,
    section_frontier,	section_correlation, section_overhead,
    section_validation, section_simulate,
};

/* The body into a memory stream, then header + body into index.html. */
static int write_page(struct report *r)
{
	char *body = NULL, *path = NULL;
	size_t len = 0;
	struct outfile *of = NULL;
	int rc = 0;

	r->html = open_memstream(&body, &len);
	if (!r->html)
		return -ENOMEM;
	for (size_t i = 0; rc == 0 && i < sizeof(sections) / sizeof(*sections);
	     i++)
		rc = sections[i](r);
	/* glibc's fclose of a memory stream returns 0 even when its last
	 * realloc failed, leaving BODY NULL: out of memory too. */
	if ((outfile_fclose(r->html) || !body) && rc == 0)
		rc = -ENOMEM;
	r->html = NULL;
	if (rc == 0 && asprintf(&path, "%s/index.html", r->dir) < 0)
		rc = -ENOMEM;
	if (rc == 0)
		rc = outfile_open(path, &of);
	if (rc == 0) {
		r->html = outfile_fp(of);
		rc = section_header(r);
		fwrite(body, 1, len, r->html);
		html_end(r->html);
		r->html = NULL;
		if (rc == 0)
			rc = outfile_commit(of);
		else
			outfile_abort(of);
	}
	free(path);
	free(body);
	return rc;
}

static void report_free(struct report *r)
{
	for (size_t h = 0; r->host && h < r->nhosts; h++) {
		free(r->host[h].train_vm);
		free(r->host[h].eval_vm);
	}
	strv_free(r->summary, r->nsummary);
	free(r->host);
	free(r->vm_size);
	if (r->eval_trace != r->train_trace)
		trace_destroy(r->eval_trace);
	trace_destroy(r->train_trace);
	planfile_destroy(r->plan);
	evalcsv_destroy(r->ev);
	frontiercsv_destroy(r->fr);
	simcsv_destroy(r->sim);
	benchcsv_destroy(r->bench);
	validcsv_destroy(r->val);
	free(r->gnuplot);
}

int report_write(const struct report_opts *o)
{
	struct report r = {.o = o};
	int rc = load(&r);

	if (rc == 0)
		rc = outdir_begin(o->out, &r.dir);
	if (rc == 0)
		rc = write_page(&r);
	if (rc == 0) {
		rc = outdir_commit(o->out, r.dir);
		r.dir = NULL;
	}
	outdir_abort(r.dir);
	report_free(&r);
	return rc;
}
