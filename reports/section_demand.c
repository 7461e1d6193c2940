/*
 * section_demand.c - the summed cpu demand of the busiest hosts over time
 * against their capacity: the training window and the evaluation window
 * side by side (each its own panel, hours since its start), slots over
 * capacity in red. "Busiest" = the highest out-of-sample overload rate
 * (--eval, else recomputed), else the highest in the training window;
 * ties go to the host listed first.
 */
#include "reports/chart.h"
#include "lib/outfile.h"
#include "reports/evalcsv.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Host H's out-of-sample overload rate, else its training one; -1 for a
 * host not evaluated (none of its VMs in the evaluation trace: --eval's
 * empty rate), so that it ranks below every evaluated host. */
static double score(const struct report *r, size_t h)
{
	const struct report_host *x = &r->host[h];

	if (r->ev && x->ev)
		return isnan(x->ev->overload) ? -1 : x->ev->overload;
	if (r->eval.t && x->eval.slots)
		return eval_overload_rate(&x->eval);
	return r->ev || r->eval.t ? -1 : eval_overload_rate(&x->train);
}

/* The TOP highest-scoring hosts into PICK[], best first; their count. */
static size_t pick_hosts(const struct report *r, size_t *pick, size_t top)
{
	size_t n = 0;

	for (size_t h = 0; h < r->nhosts; h++) {
		size_t i = n < top ? n++ : top;
		double s = score(r, h);

		if (i == top && !(s > score(r, pick[top - 1])))
			continue;
		if (i == top)
			i = top - 1;
		while (i > 0 && s > score(r, pick[i - 1])) {
			pick[i] = pick[i - 1];
			i--;
		}
		pick[i] = h;
	}
	return n;
}

/* Summed demand of VMS[0..N) of W's trace in slot S of W. */
static double demand_at(const struct report_window *w, const size_t *vms,
			size_t n, size_t s)
{
	double d = 0;

	for (size_t i = 0; i < n; i++)
		d += trace_value(w->t, RES_CPU, vms[i], w->first + s);
	return d;
}

static const struct table_col cols[] = {
    {"window", NULL, TABLE_TEXT},   {"time", "time (s)", TABLE_NUM},
    {"demand", "cores", TABLE_NUM}, {"capacity", "cores", TABLE_NUM},
    {"over", NULL, TABLE_INT},
};

/*
 * Rows for window W of host X into T, and the chart's data (hours since
 * the window's start, demand, over) into DAT if not NULL; *PEAK updated.
 */
static int window_rows(const struct report *r, struct table *t, FILE *dat,
		       const char *name, const struct report_window *w,
		       const size_t *vms, size_t n, double *peak)
{
	double cap = r->o->host_cpu, step = trace_step(w->t);
	double t0 = trace_start(w->t) + (double)w->first * step;
	int rc = 0;

	for (size_t s = 0; rc == 0 && s < w->n; s++) {
		double d = demand_at(w, vms, n, s);
		int over = d > cap * (1 + EVAL_REL_TOL);

		*peak = fmax(*peak, d);
		if (dat)
			fprintf(dat, "%.10g,%.10g,%d\n",
				(double)s * step / 3600, d, over);
		rc = table_text(t, name);
		rc = rc ? rc : table_num(t, t0 + (double)s * step);
		rc = rc ? rc : table_num(t, d);
		rc = rc ? rc : table_num(t, cap);
		rc = rc ? rc : table_num(t, over);
		rc = rc ? rc : table_end_row(t);
	}
	return rc;
}

/* Open DIR/demand_K_WHICH.dat (NULL when there are no charts). */
static int open_dat(const struct report *r, size_t k, const char *which,
		    FILE **fp)
{
	*fp = NULL;
	if (!r->gnuplot)
		return 0;
	*fp = section_dat(r, "demand_%zu_%s.dat", k, which);
	return *fp ? 0 : -errno;
}

static int close_dat(FILE *fp, int rc)
{
	if (fp && outfile_fclose(fp) && rc == 0)
		rc = -(errno ? errno : EIO);
	return rc;
}

static int host_data(const struct report *r, size_t k, struct table *t,
		     double *peak)
{
	const struct report_host *x = &r->host[k];
	FILE *dat;
	int rc = open_dat(r, k, "train", &dat);

	*peak = 0;
	if (rc == 0)
		rc =
		    close_dat(dat, window_rows(r, t, dat, "training", &r->train,
					       x->train_vm, x->ntrain, peak));
	if (rc < 0 || !r->eval.t)
		return rc;
	rc = open_dat(r, k, "eval", &dat);
	if (rc == 0)
		rc = close_dat(dat,
			       window_rows(r, t, dat, "evaluation", &r->eval,
					   x->eval_vm, x->neval, peak));
	return rc;
}

static void panel(FILE *fp, const struct report_window *w, size_t k,
		  const char *which, const char *bg, double rate, double cap)
{
	char start[40];
	double step = trace_step(w->t);

	section_time(trace_start(w->t) + (double)w->first * step, start,
		     sizeof(start));
	fprintf(fp,
		"set object 1 rect from graph 0,0 to graph 1,1 behind "
		"fc rgb '%s' fs solid noborder\n"
		"set xrange [0:%.10g]\nset xlabel 'hours since %s'\n",
		bg, (double)w->n * step / 3600, start);
	if (isnan(rate)) /* none of the host's VMs in this window's trace */
		fprintf(fp, "set title '%s window: no VM of this host'\n",
			which[0] == 't' ? "training" : "evaluation");
	else
		fprintf(fp,
			"set title '%s window: over capacity in %.2f %% of "
			"%zu slot%s'\n",
			which[0] == 't' ? "training" : "evaluation", 100 * rate,
			w->n, section_s(w->n));
	fprintf(
	    fp,
	    "plot 'demand_%zu_%s.dat' using 1:2 with filledcurves y=0 fc "
	    "rgb '#6baed6' title 'summed demand', \\\n"
	    "  '' using 1:2 with filledcurves above y=%.10g fc rgb "
	    "'#e31a1c' title 'over capacity', \\\n"
	    "  '' using 1:($3 > 0 ? $2 : NaN) with points pt 7 ps 0.5 lc "
	    "rgb '#e31a1c' notitle, \\\n"
	    "  %.10g with lines dt 2 lw 2 lc rgb 'black' title 'capacity'\n",
	    k, which, cap, cap);
}

static int chart(struct report *r, size_t k, double peak, int w)
{
	const struct report_host *x = &r->host[k];
	double cap = r->o->host_cpu;
	char name[32], title[256];
	struct chart *c;
	FILE *fp;
	int rc;

	snprintf(name, sizeof(name), "demand_%zu", k);
	rc = chart_begin(r->gnuplot, r->dir, name, w, 420, &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	snprintf(title, sizeof(title),
		 "host %s: summed cpu demand against capacity", x->name);
	fprintf(fp, "set multiplot layout 1,%d title ", r->eval.t ? 2 : 1);
	chart_str(fp, title);
	fprintf(fp,
		"\nset yrange [0:%.6g]\nset ylabel 'cpu (cores)'\n"
		"set key outside bottom center horizontal\n",
		fmax(peak, cap) * 1.12);
	panel(fp, &r->train, k, "train", "#eef4fb",
	      eval_overload_rate(&x->train), cap);
	if (r->eval.t)
		panel(fp, &r->eval, k, "eval", "#fdf1e6",
		      eval_overload_rate(&x->eval), cap);
	fputs("unset multiplot\n", fp);
	return chart_finish(c);
}

/* "in X % of WHICH slots (N of M)", or that the host had no VM there (in
 * W, a window of its trace or all of it). */
static void rate_text(const struct eval_stats *st, const char *which,
		      const struct report_window *w, char *buf, size_t n)
{
	if (!st->slots && report_window_part(w))
		snprintf(buf, n,
			 "not in the %s window (none of its VMs has data in "
			 "it)",
			 which);
	else if (!st->slots)
		snprintf(buf, n,
			 "not in the %s trace (none of its VMs is in it)",
			 which);
	else
		snprintf(buf, n, "in %.2f %% of %s slots (%zu of %zu)",
			 100 * eval_overload_rate(st), which, st->overloaded,
			 st->slots);
}

static void host_text(struct report *r, size_t k, double peak)
{
	const struct report_host *x = &r->host[k];
	double cap = r->o->host_cpu;
	char ev[128] = "", tr[128];

	if (r->eval.t) {
		rate_text(&x->eval, "evaluation", &r->eval, ev, sizeof(ev) - 5);
		strcat(ev, " and ");
	}
	rate_text(&x->train, "training", &r->train, tr, sizeof(tr));
	html_p(r->html, NULL,
	       "Host %s (%zu VM%s): over its %g-core capacity %s%s, against "
	       "a %g %% target; its summed demand peaks at %.3g cores, %.0f %% "
	       "of capacity.",
	       x->name, x->nvms, section_s(x->nvms), cap, ev, tr,
	       100 * report_target(r), peak, 100 * peak / cap);
}

static int host(struct report *r, size_t k)
{
	struct table *t;
	char name[32];
	double peak;
	int w = r->eval.t ? 1000 : 640;
	int rc;

	snprintf(name, sizeof(name), "demand_%zu", k);
	rc = table_create(name, cols, 5, &t);
	if (rc < 0)
		return rc;
	rc = host_data(r, k, t, &peak);
	if (rc == 0)
		rc = table_write_csv(t, r->dir);
	table_destroy(t);
	if (rc == 0 && r->gnuplot)
		rc = chart(r, k, peak, w);
	if (rc < 0)
		return rc;
	host_text(r, k, peak);
	if (r->gnuplot) {
		char png[40];

		snprintf(png, sizeof(png), "%s.png", name);
		html_figure(r->html, png, w, 420,
			    "Summed demand over time against capacity",
			    "Blue: the host's summed cpu demand per slot; red: "
			    "above capacity; dashed: capacity. Left: the "
			    "training window (blue background); right: the "
			    "evaluation window (orange background).");
	}
	section_csvlink(r, "Per slot:", name);
	return 0;
}

int section_demand(struct report *r)
{
	size_t top = r->o->top < r->nhosts ? r->o->top : r->nhosts;
	size_t *pick = malloc(top * sizeof(*pick)), n;
	int rc = 0;

	if (!pick)
		return -ENOMEM;
	html_section(r->html, "demand",
		     "Demand over time on the busiest hosts");
	n = pick_hosts(r, pick, top);
	html_p(r->html, NULL,
	       "The %zu host%s with the highest %s overload rate, slot by "
	       "slot.%s",
	       n, n == 1 ? "" : "s",
	       r->ev || r->eval.t ? "out-of-sample" : "in-sample",
	       r->eval.t ? ""
			 : " There is no evaluation window: the training "
			   "window only.");
	if (!r->gnuplot)
		section_nochart(r);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = host(r, pick[i]);
	free(pick);
	return rc;
}
