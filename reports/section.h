/*
 * section.h - what the report's sections share: the inputs, loaded and
 * matched, the per-host numbers computed once, and where to write.
 *
 * Each section is one function section_NAME(r) in reports/section_NAME.c
 * that appends its heading, text, figures and tables to the page and
 * writes its CSV tables and charts into r->dir. A section whose input is
 * absent says so in the page and returns 0. Sections run in the order of
 * the page; each returns 0 or -errno (message printed).
 *
 * Host k of the report is host k of the plan (planfile.h numbering). A
 * planned VM missing from a trace is left out of that trace's numbers and
 * counted; rates follow sim/plan/evaluate.h (its overload test, its totals).
 */
#ifndef VMUX_SECTION_H
#define VMUX_SECTION_H

#include "reports/chart.h"
#include "reports/report.h"
#include "sim/plan/evaluate.h"
#include "sim/store/trace.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct planfile;
struct evalcsv;
struct evalcsv_row;
struct frontiercsv;
struct benchcsv;
struct validcsv;
struct simcsv;
struct validcsv_row;
struct table;

/* A window of a trace: slots [first, first + n). */
struct report_window {
	const struct trace *t; /* NULL: no such window */
	const char *path;
	size_t first, n;
};

struct report_host {
	const char *name;      /* the plan's */
	size_t nvms;	       /* planned VMs */
	size_t ntrain, neval;  /* of them in the training / evaluation trace */
	size_t *train_vm;      /* their indices in the training trace */
	size_t *eval_vm;       /* their indices in the evaluation trace */
	double sum_individual; /* sum of own P-sizes, training window */
	double joint;	       /* P-size of the summed demand, training */
	struct eval_stats train, eval;	/* eval: only with an eval window */
	const struct evalcsv_row *ev;	/* its row in --eval, or NULL */
	const struct validcsv_row *val; /* its row in --validation, or NULL */
};

#define REPORT_ZERO_NAMED 3 /* VMs planned at zero demand named */

struct report {
	const struct report_opts *o;
	struct trace *train_trace, *eval_trace; /* eval_trace may be either */
	struct report_window train, eval;
	struct planfile *plan;
	size_t nhosts;
	struct report_host *host;
	double *vm_size;  /* per plan row: own P-size, NAN if not in trace */
	size_t missing;	  /* planned VMs not in the training trace */
	size_t unplanned; /* training-trace VMs not in the plan */
	size_t unplanned_nodata; /* of them, with no data in the training
				  * window (vmux plan leaves them out) */
	size_t zero;		 /* planned VMs present in the training window
				  * with no demand there: planned at zero */
	const char *zero_vm[REPORT_ZERO_NAMED]; /* the first (plan rows) */
	size_t nodata; /* planned VMs of the training trace with no data in
			* its window (an older vmux planned them at 0) */
	const char *nodata_vm[REPORT_ZERO_NAMED];
	double step_want; /* the plan's step (s) where the evaluation
			   * window's is another, else 0 (report.c) */
	double train_step_want; /* PLAN.meta's step (s) where the training
				 * trace's is another, else 0 (report.c) */
	size_t eval_missing, eval_absent; /* planned VMs with no data in the
					   * evaluation window; of them, not
					   * in its trace at all */
	struct evalcsv *ev;
	struct frontiercsv *fr;
	struct benchcsv *bench;
	struct validcsv *val;
	char *dir;	/* folder being written */
	char *gnuplot;	/* NULL: no charts */
	FILE *html;	/* the page's body (the header is written last) */
	char **summary; /* one line per conclusion, for the top of the page */
	size_t nsummary;

	struct simcsv *sim; /* --simulation, or NULL */
};

/* The service level as a fraction of slots allowed over capacity. */
static inline double report_target(const struct report *r)
{
	return (100 - r->o->percentile) / 100;
}

/*
 * True when window W is part of its trace (--eval-from, --eval-to,
 * --train-from, --train-to, or the training trace after --train-to): a
 * planned VM with no data there may still be in the file, so the page
 * says it "has no data in the ... window", not that it "is not in the
 * ... trace".
 */
static inline bool report_window_part(const struct report_window *w)
{
	return w->t && (w->first > 0 || w->n < trace_nslots(w->t));
}

/* True when the plan's promise is per host (README: planning). */
static inline bool report_promise_host(const struct report *r)
{
	return r->o->promise && !strcmp(r->o->promise, "host");
}

/*
 * Whether the plan's promise held in its scope (README: planning), as a
 * sentence into BUF[N]: fleet-wide, OVERLOAD (overloaded host-slots / all
 * host-slots) against the target; per host, OVER of the SEEN hosts above
 * the target against the target share of them. WHEN follows the verdict
 * ("" or " in sample").
 */
void section_promise(const struct report *r, double overload, size_t over,
		     size_t seen, const char *when, char *buf, size_t n);

/*
 * WHICH trace ("training", "evaluation") has slots of GOT s, the plan was
 * fitted on slots of WANT s (WHOSE step: "PLAN.meta's step", ...): its
 * rates are not what the service level promises (lib/stepnote.h), said
 * under the section's totals and in the summary. 0 or -ENOMEM.
 */
int section_step_note(struct report *r, const char *which, double got,
		      double want, const char *whose);

/* Add a conclusion (formatted, plain text) to the summary at the top. */
int section_summary(struct report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Write T as DIR/NAME.csv and into the page; frees T. With RC < 0 (filling
 * T failed) it only frees T and returns RC, so a section ends with
 * "return section_table(r, rc, t, max_rows)" whatever befell its rows.
 */
int section_table(struct report *r, int rc, struct table *t, size_t max_rows);
/* Say in the page that an input is absent (WHAT: its option). */
void section_absent(struct report *r, const char *what, const char *hint);
/* A line "TEXT NAME.csv" linking to the table NAME.csv beside the page. */
void section_csvlink(struct report *r, const char *text, const char *name);
/* "s" unless N is 1, for plurals. */
static inline const char *section_s(size_t n)
{
	return n == 1 ? "" : "s";
}
/*
 * How guests ran, from a CSV's accel column, for sentences:
 * "binary translation (tcg)" for tcg, "hardware-assisted virtualization
 * (KVM)" for kvm, else "an unrecorded backend".
 */
const char *section_backend(const char *accel);
/* Say where a chart would be that --no-charts left out. */
void section_nochart(struct report *r);
/*
 * Open the data file R->dir/NAME (NAME a printf format) for writing, as
 * fopen(): NULL with errno set (ENOMEM when the path cannot be made).
 */
/*
 * The usual body of a section: TEXT, then CHART (the no-chart note under
 * --no-charts), then TABLE, stopping at the first that fails. Returns 0 or
 * that error.
 */
int section_parts(struct report *r, int (*text)(struct report *),
		  int (*chart)(struct report *), int (*table)(struct report *));
FILE *section_dat(const struct report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Finish chart C (chart_finish(), which frees it) and, when it drew, show
 * its image PNG (W x H px) on the page with ALT text and CAPTION. Returns
 * chart_finish()'s result.
 */
int section_figure(struct report *r, struct chart *c, const char *png, int w,
		   int h, const char *alt, const char *caption);
/* P as an ordinal into BUF ("95th", "99.5th", "1st"); returns BUF. */
const char *section_ordinal(double p, char *buf, size_t n);
/* "2011-03-03 00:00" (UTC) of trace time T into BUF. */
void section_time(double t, char *buf, size_t n);
/* Describe window W in BUF: "DATE to DATE, N slots of S s", N the slots
 * with data, and how many without data were left out (trace.h). */
void section_window(const struct report_window *w, char *buf, size_t n);

/*
 * robust's out-of-sample interval as PLAN.meta records it (R->o->has_est)
 * into BUF[N]: "90 % interval [0.00 %, 6.77 %] of the fleet-wide overload
 * (overloaded host-slots / all host-slots) of a later 6-h block like the
 * held-out ones", the scope and period said unknown where not recorded.
 */
void section_estimate(const struct report *r, char *buf, size_t n);

/* Replay the N VMS (of W's trace) on one host over window W into ST, as
 * vmux evaluate does (report.c). 0, -EBADMSG (a capacity W has no column
 * for, said), -ENOMEM. */
int report_host_eval(const struct report *r, const struct report_window *w,
		     const size_t *vms, size_t n, struct eval_stats *st);

int section_header(struct report *r);
int section_sizing(struct report *r);
int section_evaluation(struct report *r);
int section_demand(struct report *r);
int section_frontier(struct report *r);
int section_correlation(struct report *r);
int section_overhead(struct report *r);
int section_validation(struct report *r);
int section_simulate(struct report *r);

#endif
