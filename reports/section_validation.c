/*
 * section_validation.c - the plan run on real guests (--validation): for
 * each replayed host, the overload vmux evaluate's model predicted against
 * what the capped guests measured, with the diagonal (a perfect model puts
 * every point on it), and the unmet demand and saving beside.
 * A host "agrees" when measured and predicted overload are within
 * AGREE_PP percentage points. Replayed more than once (--repeat), a
 * host's point is its median with a bar over its runs' range; a host
 * vmux validate marked unreliable (starved by other work on the machine)
 * is drawn apart, said so, and left out of the agreement count.
 */
#include "reports/chart.h"
#include "lib/outfile.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"
#include "reports/validcsv.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define AGREE_PP 1.0

static const struct table_col cols[] = {
    {"host", NULL, TABLE_TEXT},
    {"vms", NULL, TABLE_INT},
    {"capacity", "capacity (cores)", TABLE_NUM},
    {"scale", NULL, TABLE_NUM},
    {"slots", NULL, TABLE_INT},
    {"predicted_overload", "overload predicted", TABLE_PCT},
    {"measured_overload", "overload measured", TABLE_PCT},
    {"predicted_unmet", "unmet predicted", TABLE_PCT},
    {"measured_unmet", "unmet measured", TABLE_PCT},
    {"predicted_violation", "short predicted", TABLE_PCT},
    {"measured_violation", "short measured", TABLE_PCT},
    {"predicted_saving", "saving predicted", TABLE_PCT},
    {"measured_saving", "saving measured", TABLE_PCT},
    {"runs", NULL, TABLE_INT},
    {"measured_overload_min", "overload from", TABLE_PCT},
    {"measured_overload_max", "overload to", TABLE_PCT},
    {"status", NULL, TABLE_TEXT},
};

static int row(struct table *t, const struct validcsv_row *v)
{
	int rc = table_text(t, v->host);

	rc = rc ? rc : table_num(t, (double)v->vms);
	rc = rc ? rc : table_num(t, v->capacity);
	rc = rc ? rc : table_num(t, v->scale);
	rc = rc ? rc : table_num(t, (double)v->slots);
	for (int m = 0; rc == 0 && m < VALID_NMETRIC; m++) {
		rc = table_num(t, v->predicted[m]);
		rc = rc ? rc : table_num(t, v->measured[m]);
	}
	rc = rc ? rc : table_num(t, (double)v->runs);
	rc = rc ? rc : table_num(t, v->lo[VALID_OVERLOAD]);
	rc = rc ? rc : table_num(t, v->hi[VALID_OVERLOAD]);
	rc = rc ? rc : table_text(t, v->unreliable ? "unreliable" : "ok");
	return rc ? rc : table_end_row(t);
}

static int table(struct report *r)
{
	struct table *t;
	int rc = table_create("validation", cols, 17, &t);

	for (size_t i = 0; rc == 0 && i < r->val->nhosts; i++)
		rc = row(t, &r->val->host[i]);
	if (rc == 0)
		rc = row(t, &r->val->total);
	return section_table(r, rc, t, 0);
}

static int write_data(const struct report *r, double *max)
{
	FILE *fp;
	int rc = 0;

	fp = section_dat(r, "validation.dat");
	if (!fp)
		return -errno;
	*max = 1;
	for (size_t i = 0; i < r->val->nhosts; i++) {
		const struct validcsv_row *v = &r->val->host[i];
		double p = 100 * v->predicted[VALID_OVERLOAD];
		double m = 100 * v->measured[VALID_OVERLOAD];
		double lo = isnan(v->lo[0]) ? m : 100 * v->lo[0];
		double hi = isnan(v->hi[0]) ? m : 100 * v->hi[0];

		/* predicted, measured, its range, unreliable (1/0) */
		fprintf(fp, "%.6g,%.6g,%.6g,%.6g,%d\n", p, m, lo, hi,
			v->unreliable);
		*max = fmax(*max, fmax(p, hi));
	}
	if (outfile_fclose(fp))
		rc = -(errno ? errno : EIO);
	return rc;
}

static void point_labels(const struct report *r, FILE *fp)
{
	if (r->val->nhosts > 20)
		return;
	for (size_t i = 0; i < r->val->nhosts; i++) {
		const struct validcsv_row *v = &r->val->host[i];

		fputs("set label ", fp);
		chart_str(fp, v->host);
		fprintf(fp, " at %.6g,%.6g offset 0.8,0.4 font ',9'\n",
			100 * v->predicted[VALID_OVERLOAD],
			100 * v->measured[VALID_OVERLOAD]);
	}
}

static int chart(struct report *r)
{
	struct chart *c;
	double max = 1;
	FILE *fp;
	int rc = write_data(r, &max);

	if (rc == 0)
		rc =
		    chart_begin(r->gnuplot, r->dir, "validation", 620, 560, &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	max *= 1.2;
	fprintf(fp,
		"set title 'Overload per host: predicted by the model vs "
		"measured on guests'\n"
		"set xlabel 'predicted: slots over capacity (%%)'\n"
		"set ylabel 'measured: slots over capacity (%%)'\n"
		"set xrange [0:%.6g]\nset yrange [0:%.6g]\nset size square\n"
		"set key top left opaque\n",
		max, max);
	point_labels(r, fp);
	fputs("plot x with lines dt 2 lw 1.5 lc rgb 'black' title 'measured = "
	      "predicted', \\\n  'validation.dat' using 1:($5 > 0.5 ? NaN : "
	      "$2):3:4 "
	      "with yerrorbars pt 7 ps 1.5 lc rgb '#3182bd' title 'host "
	      "(median; bar: range over runs)', \\\n  '' using 1:($5 > 0.5 ? "
	      "$2 : "
	      "NaN) with points pt 6 ps 2 lw 2 lc rgb '#de2d26' title "
	      "'unreliable: starved by other work'\n",
	      fp);
	return section_figure(
	    r, c, "validation.png", 620, 560,
	    "Validation: predicted vs measured overload per host",
	    "Each point is one host replayed on real guests. "
	    "On the dashed diagonal the model is exact; below "
	    "it the guests did better than predicted, above it "
	    "worse.");
}

/* "scaled by F", or per host when the hosts were scaled differently. */
static void describe_scale(const struct validcsv *v, char *buf, size_t n)
{
	bool same = true;

	for (size_t i = 1; i < v->nhosts; i++)
		same &= v->host[i].scale == v->host[0].scale;
	if (same)
		snprintf(buf, n, "scaled by %g", v->host[0].scale);
	else
		snprintf(buf, n, "scaled per host (see the table)");
}

/* The runs' ranges, and each host starved by other work, said so. */
static void spread_text(struct report *r)
{
	const struct validcsv *v = r->val;

	if (v->total.runs > 1 && !isnan(v->total.lo[0]))
		html_p(r->html, NULL,
		       "Each host was replayed %zu times; the numbers are "
		       "medians. In total, measured overload ranged from "
		       "%.2f %% to %.2f %% over the runs (a spread of %.2f "
		       "percentage points), unmet demand from %.2f %% to "
		       "%.2f %%.",
		       v->total.runs, 100 * v->total.lo[0],
		       100 * v->total.hi[0],
		       100 * (v->total.hi[0] - v->total.lo[0]),
		       100 * v->total.lo[VALID_UNMET],
		       100 * v->total.hi[VALID_UNMET]);
	for (size_t i = 0; i < v->nhosts; i++) {
		const struct validcsv_row *x = &v->host[i];

		if (x->unreliable)
			html_p(r->html, "warn",
			       "Host %s is unreliable: other work on the "
			       "machine starved its guests in %.1f %% of the "
			       "slots even after repeats (they got %.0f %% of "
			       "the CPU the cap entitled them to), so its "
			       "numbers measure that load, not the plan.",
			       x->host, 100 * x->contaminated, 100 * x->share);
	}
}

/* Every host starved: no verdict on the model at all. */
static int unreliable_only(struct report *r)
{
	html_p(r->html, "concl",
	       "No host was measured reliably: the validation says nothing "
	       "about the model. Rerun vmux validate on a quieter machine.");
	return section_summary(r, "Validation on real guests: no host "
				  "measured reliably (the machine was busy); "
				  "no verdict on the model.");
}

/* The host whose measured overload is furthest from the prediction,
 * among those measured reliably; *AGREE of them within AGREE_PP of it,
 * *BAD hosts not measured reliably. */
static const struct validcsv_row *largest_gap(const struct validcsv *v,
					      size_t *agree, size_t *bad)
{
	const struct validcsv_row *w = &v->host[0];

	*agree = *bad = 0;
	for (size_t i = 0; i < v->nhosts; i++) {
		const struct validcsv_row *x = &v->host[i];
		double gap = fabs(x->measured[0] - x->predicted[0]);

		if (x->unreliable) {
			(*bad)++;
			continue;
		}
		*agree += 100 * gap <= AGREE_PP;
		if (w->unreliable ||
		    gap > fabs(w->measured[0] - w->predicted[0]))
			w = x;
	}
	return w;
}

/* The window the guests replayed (the CSV's window_from/window_to) into
 * BUF[N], and where it is not the evaluation window, that the rates are
 * of it: the demo replays 12 h of its evaluation day. */
static void window_of(const struct report *r, char *buf, size_t n)
{
	const struct validcsv_row *x = &r->val->total;
	const struct report_window *e = &r->eval;
	char a[40], b[40], w[160];
	double t0, t1;

	if (isnan(x->from) || isnan(x->to)) {
		snprintf(buf, n,
			 " The validation CSV does not record the "
			 "window it replayed (no window_from, "
			 "window_to: an older vmux validate).");
		return;
	}
	section_time(x->from, a, sizeof(a));
	section_time(x->to, b, sizeof(b));
	if (!e->t) {
		snprintf(buf, n, " The guests replayed %s to %s.", a, b);
		return;
	}
	t0 = trace_start(e->t) + (double)e->first * trace_step(e->t);
	t1 = t0 + (double)e->n * trace_step(e->t);
	section_window(e, w, sizeof(w));
	if (fabs(x->from - t0) < 1e-6 && fabs(x->to - t1) < 1e-6)
		snprintf(buf, n,
			 " The guests replayed %s to %s, the "
			 "evaluation window.",
			 a, b);
	else
		snprintf(buf, n,
			 " The guests replayed %s to %s, not the "
			 "evaluation window (%s): the rates here, "
			 "predicted and measured, are of the slots "
			 "replayed, not of the out-of-sample section's window.",
			 a, b, w);
}

/* What was replayed, the totals predicted against measured, and the
 * backend and cap they ran under. */
/* The totals' saving into BUF: what it is and its two values, or n/a
 * (an empty cell: no VM needs any capacity). P the percentile's
 * ordinal. */
static void saving_text(const struct validcsv *v, const char *p, char *buf,
			size_t n)
{
	if (isnan(v->total.predicted[VALID_SAVING]))
		snprintf(buf, n, "saving n/a (no VM needs any capacity)");
	else
		snprintf(buf, n,
			 "saving (1 - the %s percentile of the host's summed "
			 "cpu per slot / its VMs' own %s percentiles summed, "
			 "over the slots replayed) %.1f %% predicted, %.1f %% "
			 "measured",
			 p, p, 100 * v->total.predicted[VALID_SAVING],
			 100 * v->total.measured[VALID_SAVING]);
}

static void totals_text(struct report *r)
{
	const struct validcsv *v = r->val;
	char scale[48], win[512], p[16], sv[320];

	describe_scale(v, scale, sizeof(scale));
	window_of(r, win, sizeof(win));
	if (isnan(v->total.percentile))
		snprintf(p, sizeof(p), "P-th");
	else
		section_ordinal(v->total.percentile, p, sizeof(p));
	saving_text(v, p, sv, sizeof(sv));
	html_p(r->html, NULL,
	       "%zu host%s replayed on real guests (%zu VM%s, %zu slot%s; "
	       "capacity and demand %s to fit this machine).%s In total the "
	       "model predicted %.2f %% of slots over capacity and the "
	       "guests measured %.2f %%; unmet demand %.2f %% predicted, "
	       "%.2f %% measured; %s.",
	       v->nhosts, v->nhosts == 1 ? " was" : "s were", v->total.vms,
	       section_s(v->total.vms), v->total.slots,
	       section_s(v->total.slots), scale, win,
	       100 * v->total.predicted[VALID_OVERLOAD],
	       100 * v->total.measured[VALID_OVERLOAD],
	       100 * v->total.predicted[VALID_UNMET],
	       100 * v->total.measured[VALID_UNMET], sv);
	if (v->total.accel && v->total.cap)
		html_p(r->html, NULL,
		       "The guests ran by %s; the host's CPU "
		       "cap was held by %s.",
		       section_backend(v->total.accel), v->total.cap);
}

/* The verdict on the model: AGREE of the reliably measured hosts within
 * AGREE_PP, W the largest gap, BAD hosts not judged. */
static int verdict(struct report *r, const struct validcsv_row *w, size_t agree,
		   size_t bad)
{
	const struct validcsv *v = r->val;

	html_p(r->html, "concl",
	       "Measured overload is within %g percentage point of the "
	       "prediction on %zu of %zu reliably measured host%s; the "
	       "largest gap is host %s: predicted %.2f %%, measured %.2f %%.",
	       AGREE_PP, agree, v->nhosts - bad, section_s(v->nhosts - bad),
	       w->host, 100 * w->predicted[0], 100 * w->measured[0]);
	return section_summary(r,
			       "Validation on real guests: measured overload "
			       "within %g pp of the model on %zu of %zu "
			       "reliably measured host%s (largest gap: host "
			       "%s, %.2f %% predicted, %.2f %% measured)%s.",
			       AGREE_PP, agree, v->nhosts - bad,
			       section_s(v->nhosts - bad), w->host,
			       100 * w->predicted[0], 100 * w->measured[0],
			       bad ? "; some hosts were starved by other work "
				     "and are not judged"
				   : "");
}

static int text(struct report *r)
{
	size_t agree, bad;
	const struct validcsv_row *w = largest_gap(r->val, &agree, &bad);

	totals_text(r);
	spread_text(r);
	if (bad == r->val->nhosts)
		return unreliable_only(r);
	return verdict(r, w, agree, bad);
}

int section_validation(struct report *r)
{
	html_section(r->html, "validation", "Validation on real guests");
	if (!r->val) {
		section_absent(r,
			       "validation (--validation FILE, from vmux "
			       "validate --csv)",
			       "vmux validate runs planned hosts on real "
			       "guests to produce it.");
		return 0;
	}
	return section_parts(r, text, chart, table);
}
