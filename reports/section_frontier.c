/*
 * section_frontier.c - hosts used against out-of-sample overload, one line
 * per policy over its range of service levels (--frontier), and for each
 * policy the fewest hosts that still meet the report's target. Each point
 * is labelled with its percentile where the label has room (labelplace.h:
 * none on another; the best point and each line's ends always); the plan this
 * report describes is marked (at its out-of-sample overload from --eval, when
 * given), and the text says why its host count differs from the frontier's
 * fewest. The fewest (each policy's and the best point of all) are read off the
 * evaluation window's realised overload, i.e. with hindsight: said where
 * they are named (HINDSIGHT).
 */

/* What the best point is, said with it on the page and in the summary. */
#define HINDSIGHT                                                              \
	"chosen with hindsight, on the evaluation window's realised "          \
	"overload; a planner without the evaluation data cannot pick it"

#define NCOLOUR 6
/* Distinct, high-contrast on white (no yellow). */
static const char *const colour[NCOLOUR] = {"#1f77b4", "#d62728", "#2ca02c",
					    "#9467bd", "#000000", "#8c564b"};
#include "reports/chart.h"
#include "reports/evalcsv.h"
#include "lib/outfile.h"
#include "reports/frontiercsv.h"
#include "reports/html.h"
#include "reports/labelplace.h"
#include "reports/section.h"
#include "reports/table.h"
#include "sim/plan/evaluate.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct table_col cols[] = {
    {"policy", NULL, TABLE_TEXT},
    {"percentile", NULL, TABLE_NUM},
    {"hosts", NULL, TABLE_INT},
    {"unplaced", "VMs unplaced", TABLE_INT},
    {"overload_rate", "over capacity (out of sample)", TABLE_PCT},
    {"unmet_fraction", "demand unmet", TABLE_PCT},
    {"violation_rate", "VM-slots short", TABLE_PCT},
    {"seed", NULL, TABLE_TEXT},
    {"vms", "VMs evaluated", TABLE_INT},
    {"missing", "missing from the evaluation", TABLE_INT},
    {"not_planned", "evaluated trace's, not planned", TABLE_INT},
};

/* A count of F, or NAN (an empty cell) when its coverage is unknown. */
static double cover_num(const struct frontiercsv_row *f, size_t v)
{
	return f->cover ? (double)v : NAN;
}

static int table(struct report *r)
{
	struct table *t;
	int rc =
	    table_create("frontier", cols, sizeof(cols) / sizeof(*cols), &t);

	for (size_t i = 0; rc == 0 && i < r->fr->nrows; i++) {
		const struct frontiercsv_row *f = &r->fr->row[i];

		rc = table_text(t, f->policy);
		rc = rc ? rc : table_num(t, f->percentile);
		rc = rc ? rc : table_num(t, (double)f->hosts);
		rc = rc ? rc
			: table_num(t, f->unplaced_known ? (double)f->unplaced
							 : NAN);
		rc = rc ? rc : table_num(t, f->overload);
		rc = rc ? rc : table_num(t, f->unmet);
		rc = rc ? rc : table_num(t, f->violation);
		rc = rc ? rc : table_text(t, f->seed);
		rc = rc ? rc : table_num(t, cover_num(f, f->vms));
		rc = rc ? rc : table_num(t, cover_num(f, f->missing));
		rc = rc ? rc : table_num(t, cover_num(f, f->not_planned));
		rc = rc ? rc : table_end_row(t);
	}
	return section_table(r, rc, t, 60);
}

static int by_hosts(const void *a, const void *b)
{
	const struct frontiercsv_row *x =
	    *(const struct frontiercsv_row *const *)a;
	const struct frontiercsv_row *y =
	    *(const struct frontiercsv_row *const *)b;

	if (x->hosts != y->hosts)
		return x->hosts < y->hosts ? -1 : 1;
	return x->overload < y->overload ? -1 : x->overload > y->overload;
}

/* frontier.dat: one block per policy with a plan at some point (blank
 * lines between), by hosts; points with no host left out. */
static int write_data(const struct report *r)
{
	const struct frontiercsv *f = r->fr;
	const struct frontiercsv_row **row = malloc(f->nrows * sizeof(*row));
	FILE *fp = NULL;
	int rc = -ENOMEM;

	if (!row)
		goto out;
	fp = section_dat(r, "frontier.dat");
	rc = fp ? 0 : -errno;
	for (size_t p = 0; rc == 0 && p < f->npolicies; p++) {
		size_t n = 0;

		for (size_t i = 0; i < f->nrows; i++)
			if (f->row[i].policy_id == p && f->row[i].hosts)
				row[n++] = &f->row[i];
		if (!n)
			continue; /* no plan at any of its points */
		qsort(row, n, sizeof(*row), by_hosts);
		for (size_t i = 0; i < n; i++)
			fprintf(fp, "%zu,%.10g,%.10g\n", row[i]->hosts,
				100 * row[i]->overload, row[i]->percentile);
		fputs("\n\n", fp);
	}
	if (fp && outfile_fclose(fp) && rc == 0)
		rc = -(errno ? errno : EIO);
out:
	free(row);
	return rc;
}

/* This report's plan's out-of-sample overload: --eval's, else NAN. */
static double plan_overload(const struct report *r)
{
	return r->ev ? 100 * r->ev->total.overload : NAN;
}

/* Mark this report's plan, where its out-of-sample overload is known. */
static void plan_point(const struct report *r, FILE *fp)
{
	double y = plan_overload(r);

	if (isnan(y))
		return;
	fprintf(fp,
		", \\\n  '+' using (%zu):(%.10g) with points pt 6 ps 3.5 lw "
		"2.5 lc rgb 'black' title 'this report''s plan (%zu host%s)'",
		r->nhosts, y, r->nhosts, section_s(r->nhosts));
}

/* Room above the highest point and the target line. */
static double ytop(const struct report *r)
{
	double top = 100 * report_target(r);

	for (size_t i = 0; i < r->fr->nrows; i++)
		if (r->fr->row[i].hosts)
			top = fmax(top, 100 * r->fr->row[i].overload);
	return top * 1.25;
}

/*
 * The key below the plot area, outside it: inside, its box hid the right
 * part of the target line and the points under it. The target is drawn
 * across the whole width (an arrow: a plotted constant stops at the data's
 * last x), its key entry a line that draws nothing.
 */
static void preamble(const struct report *r, FILE *fp)
{
	double t = 100 * report_target(r);

	fprintf(fp,
		"set title 'Hosts used against out-of-sample overload, one "
		"line per policy'\nset xlabel 'hosts used'\n"
		"set ylabel 'host-slots over capacity, out of sample (%%)'\n"
		"set yrange [0:%.6g]\n"
		"set key outside below center horizontal\n"
		"set arrow from graph 0, first %.10g to graph 1, first %.10g "
		"nohead dt 2 lw 2 lc rgb '#555555' back\n"
		"plot NaN with lines dt 2 lw 2 lc rgb '#555555' title "
		"'target %g %%'",
		ytop(r), t, t, t);
}

/* Whether policy P has a plan (a host) at some point of F. */
static bool has_plan(const struct frontiercsv *f, size_t p)
{
	for (size_t i = 0; i < f->nrows; i++)
		if (f->row[i].policy_id == p && f->row[i].hosts)
			return true;
	return false;
}

/* The chart's size and plot area, px (fixed, so that labels can be placed
   in pixels: gnuplot's own margins depend on the tics). */
#define CW 800
#define CH 520
static const struct labelplace_geom geom = {.left = 70,
					    .top = 40,
					    .right = CW - 20,
					    .bottom = CH - 130,
					    .font = 8,
					    .marker = 5};

/* The best point of all policies within TARGET (policy_list's), or NULL. */
static const struct frontiercsv_row *best_point(const struct frontiercsv *f,
						double target)
{
	const struct frontiercsv_row *best = NULL;

	for (size_t p = 0; p < f->npolicies; p++) {
		const struct frontiercsv_row *b =
		    frontiercsv_best(f, p, target);

		if (b && (!best || frontiercsv_better(b, best)))
			best = b;
	}
	return best;
}

/* The x range: the points' hosts (and this report's plan's), 1 either
   side. */
static void xrange(const struct report *r, double *x0, double *x1)
{
	*x0 = INFINITY;
	*x1 = -INFINITY;
	for (size_t i = 0; i < r->fr->nrows; i++)
		if (r->fr->row[i].hosts) {
			*x0 = fmin(*x0, (double)r->fr->row[i].hosts);
			*x1 = fmax(*x1, (double)r->fr->row[i].hosts);
		}
	if (!isnan(plan_overload(r))) {
		*x0 = fmin(*x0, (double)r->nhosts);
		*x1 = fmax(*x1, (double)r->nhosts);
	}
	*x0 -= 1;
	*x1 += 1;
}

/* Whether row I is its policy's first or last point by hosts. */
static bool endpoint(const struct frontiercsv *f, size_t i)
{
	const struct frontiercsv_row *x = &f->row[i];
	bool lo = true, hi = true;

	for (size_t j = 0; j < f->nrows; j++) {
		const struct frontiercsv_row *y = &f->row[j];

		if (j == i || y->policy_id != x->policy_id || !y->hosts)
			continue;
		lo = lo && by_hosts(&x, &y) < 0;
		hi = hi && by_hosts(&x, &y) > 0;
	}
	return lo || hi;
}

/* IT[] (TEXT[], 16 bytes each): a label per point with a plan, the best
   point and each policy's ends kept; their count. */
static size_t label_items(const struct report *r, struct labelplace_item *it,
			  char (*text)[16])
{
	const struct frontiercsv *f = r->fr;
	const struct frontiercsv_row *best = best_point(f, report_target(r));
	double x0, x1, top = ytop(r);
	size_t n = 0;

	xrange(r, &x0, &x1);
	for (size_t i = 0; i < f->nrows; i++) {
		const struct frontiercsv_row *x = &f->row[i];

		if (!x->hosts || isnan(x->percentile))
			continue;
		snprintf(text[n], 16, "P%g", x->percentile);
		it[n] = (struct labelplace_item){
		    .px = geom.left + ((double)x->hosts - x0) / (x1 - x0) *
					  (geom.right - geom.left),
		    .py = geom.bottom -
			  100 * x->overload / top * (geom.bottom - geom.top),
		    .text = text[n],
		    .keep = x == best || endpoint(f, i)};
		n++;
	}
	return n;
}

/* The P-labels, placed so that none overlaps another (labelplace.h), in
   their policy's colour; the plot area fixed to where they were placed. */
static int write_labels(const struct report *r, FILE *fp)
{
	const struct frontiercsv *f = r->fr;
	struct labelplace_item *it = malloc((f->nrows + 1) * sizeof(*it));
	char(*text)[16] = malloc((f->nrows + 1) * sizeof(*text));
	double x0, x1;
	size_t n, k = 0;

	if (!it || !text) {
		free(it);
		free(text);
		return -ENOMEM;
	}
	xrange(r, &x0, &x1);
	fprintf(fp,
		"set lmargin at screen %g\nset rmargin at screen %g\n"
		"set tmargin at screen %g\nset bmargin at screen %g\n"
		"set xrange [%.10g:%.10g]\n",
		geom.left / CW, geom.right / CW, 1 - geom.top / CH,
		1 - geom.bottom / CH, x0, x1);
	n = label_items(r, it, text);
	labelplace_run(it, n, &geom);
	for (size_t i = 0; i < f->nrows; i++) {
		if (!f->row[i].hosts || isnan(f->row[i].percentile))
			continue;
		if (it[k].shown)
			fprintf(fp,
				"set label '%s' at screen %.6f, screen %.6f "
				"center font ',%g' tc rgb '%s' front\n",
				it[k].text, it[k].box.x / CW,
				1 - it[k].box.y / CH, geom.font,
				colour[f->row[i].policy_id % NCOLOUR]);
		k++;
	}
	free(it);
	free(text);
	return 0;
}

static int chart(struct report *r)
{
	struct chart *c;
	FILE *fp;
	int rc = write_data(r);

	if (rc == 0)
		rc = chart_begin(r->gnuplot, r->dir, "frontier", CW, CH, &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	rc = write_labels(r, fp);
	if (rc < 0) {
		chart_abort(c);
		return rc;
	}
	preamble(r, fp);
	for (size_t p = 0, k = 0; p < r->fr->npolicies; p++) {
		const char *col = colour[p % NCOLOUR];

		if (!has_plan(r->fr, p))
			continue;
		fprintf(fp,
			", \\\n  'frontier.dat' index %zu using 1:2 with "
			"linespoints lw 2.5 pt 7 ps 1.2 lc rgb '%s' title ",
			k++, col);
		chart_str(fp, r->fr->policy[p]);
	}
	plan_point(r, fp);
	fputs("\n", fp);
	return section_figure(
	    r, c, "frontier.png", CW, CH,
	    "Frontier: hosts against out-of-sample overload",
	    "Each point is one plan (one policy at one service "
	    "level), labelled with that level where the label has room "
	    "(the best point and each line's ends always), evaluated on "
	    "data it was not fitted to; lower left is better. "
	    "Dashed: the target. The large ring: this "
	    "report's plan.");
}

/* "SEPN VMs left unplaced" when B's plan leaves VMs out, else "". */
static const char *unplaced_text(const struct frontiercsv_row *b,
				 const char *sep)
{
	static char buf[64];

	if (!b->unplaced_known || !b->unplaced)
		return "";
	snprintf(buf, sizeof(buf), "%s%zu VM%s left unplaced", sep, b->unplaced,
		 section_s(b->unplaced));
	return buf;
}

static void describe(const struct frontiercsv_row *b, char *buf, size_t n)
{
	char p[32] = "";

	if (!b) {
		snprintf(buf, n, "none of its points meets the target");
		return;
	}
	if (!isnan(b->percentile))
		snprintf(p, sizeof(p), " at P = %g", b->percentile);
	snprintf(buf, n, "%zu host%s%s (%.2f %% over capacity%s)", b->hosts,
		 section_s(b->hosts), p, 100 * b->overload,
		 unplaced_text(b, "; "));
}

/* BEST's VMs left unplaced (if any), then every other policy's best point
 * against BEST, into BUF[N] ("" when there is nothing to add). */
static void others(const struct frontiercsv *f,
		   const struct frontiercsv_row *best, double target, char *buf,
		   size_t n)
{
	size_t len = (size_t)snprintf(buf, n, "%s", unplaced_text(best, ""));

	for (size_t p = 0; p < f->npolicies && len + 2 < n; p++) {
		const struct frontiercsv_row *b =
		    frontiercsv_best(f, p, target);
		const char *sep = len ? "; " : "";

		if (p == best->policy_id)
			continue;
		if (b)
			len += (size_t)snprintf(
			    buf + len, n - len, "%s%s %zu host%s, %.1f %% %s%s",
			    sep, f->policy[p], b->hosts, section_s(b->hosts),
			    100.0 *
				fabs((double)b->hosts / (double)best->hosts -
				     1),
			    b->hosts < best->hosts ? "fewer" : "more",
			    b->unplaced != best->unplaced
				? unplaced_text(b, ", ")
				: "");
		else
			len += (size_t)snprintf(
			    buf + len, n - len, "%s%s %s", sep, f->policy[p],
			    has_plan(f, p) ? "never meets it"
					   : "has no plan (no host)");
	}
}

/*
 * The conclusion: BEST (the fewest hosts within TARGET, of the points
 * placing the most VMs) against every other policy's best point.
 */
static int compare(struct report *r, const struct frontiercsv_row *best,
		   double target, const char *pre)
{
	char other[320];

	others(r->fr, best, target, other, sizeof(other));
	html_p(r->html, "concl",
	       "At no more than %g %% of host-slots over capacity out of "
	       "sample, the fewest hosts are %s's %zu%s%s%s. This best point "
	       "is " HINDSIGHT ".",
	       100 * target, best->policy, best->hosts, *other ? " (" : "",
	       other, *other ? ")" : "");
	return section_summary(
	    r,
	    "Frontier: %sat <= %g %% out-of-sample overload the "
	    "fewest hosts are %s's %zu%s%s%s, " HINDSIGHT ".",
	    pre, 100 * target, best->policy, best->hosts, *other ? " (" : "",
	    other, *other ? ")" : "");
}

/*
 * The points meeting TARGET with fewer hosts than BEST: they leave more
 * VMs unplaced (frontiercsv_better), hosting fewer VMs; the cheapest is
 * named, so that the fewest hosts are not read as the frontier's least.
 */
static void cheaper(struct report *r, const struct frontiercsv_row *best,
		    double target)
{
	const struct frontiercsv_row *c = NULL;
	size_t k = 0;
	char p[32] = "";

	for (size_t i = 0; i < r->fr->nrows; i++) {
		const struct frontiercsv_row *x = &r->fr->row[i];

		if (!x->hosts || x->overload > target ||
		    x->hosts >= best->hosts)
			continue;
		k++;
		if (!c || x->hosts < c->hosts)
			c = x;
	}
	if (!c)
		return;
	if (!isnan(c->percentile))
		snprintf(p, sizeof(p), " at P%g", c->percentile);
	html_p(r->html, NULL,
	       "%zu point%s meet%s the target with fewer hosts than that by "
	       "leaving more VMs unplaced (the fewest: %s%s, %zu hosts with "
	       "%zu VMs unplaced, against that point's %zu): hosting fewer of "
	       "the VMs, %s not counted as the fewest hosts.",
	       k, section_s(k), k == 1 ? "s" : "", c->policy, p, c->hosts,
	       c->unplaced, best->unplaced, k == 1 ? "it is" : "they are");
}

/*
 * Why this report's plan does not use the frontier's fewest hosts: it was
 * made by one policy at the report's service level; the fewest come from
 * searching every policy and level for the cheapest that still met the
 * target out of sample.
 */
static void why_plan(struct report *r, const struct frontiercsv_row *best)
{
	const struct frontiercsv_row *same = NULL;
	char p[16] = "same", q[16];

	if (r->nhosts == best->hosts)
		return;
	for (size_t i = 0; i < r->fr->nrows; i++)
		if (r->fr->row[i].hosts == r->nhosts &&
		    r->fr->row[i].percentile == r->o->percentile)
			same = &r->fr->row[i];
	if (!isnan(best->percentile))
		section_ordinal(best->percentile, p, sizeof(p));
	section_ordinal(r->o->percentile, q, sizeof(q));
	html_p(r->html, NULL,
	       "This report's plan uses %zu host%s, %s than that best point: "
	       "it was fitted by %s at the %s percentile, while the best "
	       "point is %s at the %s percentile, the cheapest plan of any "
	       "policy and level that still met the target on data it was "
	       "not fitted to, found only once that data was seen.",
	       r->nhosts, section_s(r->nhosts),
	       r->nhosts > best->hosts ? "more" : "fewer",
	       same ? same->policy : "its own policy", q, best->policy, p);
}

/* The row missing the largest share of its plan's VMs (NULL: none is
 * known); *UNKNOWN whether some row's coverage is, *DIFFER whether the
 * known rows' shares differ. */
static const struct frontiercsv_row *worst_cover(const struct frontiercsv *f,
						 bool *unknown, bool *differ)
{
	const struct frontiercsv_row *w = NULL;

	*unknown = *differ = false;
	for (size_t i = 0; i < f->nrows; i++) {
		const struct frontiercsv_row *x = &f->row[i];
		double a, b;

		if (!x->cover) {
			*unknown = true;
			continue;
		}
		if (!w) {
			w = x;
			continue;
		}
		a = (double)x->missing * (double)(w->vms + w->missing);
		b = (double)w->missing * (double)(x->vms + x->missing);
		*differ = *differ || a != b;
		if (a > b)
			w = x;
	}
	return w;
}

/* Some rows record no coverage (an older vmux): said, and in PRE[N]. */
static void unknown_cover(struct report *r, char *pre, size_t n)
{
	html_p(r->html, "absent",
	       "The frontier CSV records no coverage (no vms, missing and "
	       "not_planned, as an older vmux wrote it) for some or all of its "
	       "points: whether its evaluation trace held the plans' VMs is "
	       "not known.");
	snprintf(pre, n, "(coverage of its evaluation trace not known) ");
}

/* " (the most of any point: POLICY at PN)" of W into BUF[N]. */
static void worst_point(const struct frontiercsv_row *w, char *buf, size_t n)
{
	if (isnan(w->percentile))
		snprintf(buf, n, " (the most of any point: %s)", w->policy);
	else
		snprintf(buf, n, " (the most of any point: %s at P%g)",
			 w->policy, w->percentile);
}

/* Coverage said as the out-of-sample section says it; the summary's
 * opening words into PRE[N] ("" when the frontier covers its plans). */
static void coverage(struct report *r, char *pre, size_t n)
{
	bool unknown, differ;
	const struct frontiercsv_row *w = worst_cover(r->fr, &unknown, &differ);
	size_t planned = w ? w->vms + w->missing : 0;
	double share = planned ? (double)w->missing / (double)planned : 0;
	char at[96] = "";

	*pre = '\0';
	if (unknown)
		unknown_cover(r, pre, n);
	if (!w || !w->missing)
		return;
	if (differ)
		worst_point(w, at, sizeof(at));
	if (share > EVAL_MAX_MISSING) {
		html_p(
		    r->html, "absent",
		    "%zu of the plans' %zu VMs (%.1f %%) are not in the "
		    "frontier's evaluation trace%s: this frontier's "
		    "evaluation does not cover its plans (more than %g %% "
		    "missing, as vmux evaluate judges), so its out-of-sample "
		    "rates are over the VMs present, on hosts that lost "
		    "VMs, and its fewest hosts are not a clean "
		    "out-of-sample result.",
		    w->missing, planned, 100 * share, at,
		    100 * EVAL_MAX_MISSING);
		snprintf(pre, n,
			 "its evaluation does not cover its plans (%.1f %% of "
			 "their VMs missing from its evaluation trace): not a "
			 "clean out-of-sample result; ",
			 100 * share);
	} else {
		html_p(r->html, NULL,
		       "%zu of the plans' %zu VMs (%.1f %%) are not in the "
		       "frontier's evaluation trace%s: its rates are over the "
		       "VMs present.",
		       w->missing, planned, 100 * share, at);
	}
}

/* " (POLICY at PN, ...)": the first points with no host into BUF[N]. */
static void noplan_list(const struct frontiercsv *f, char *buf, size_t n)
{
	size_t len = 0, k = 0;

	for (size_t i = 0; i < f->nrows && len + 1 < n; i++) {
		const struct frontiercsv_row *x = &f->row[i];

		if (x->hosts)
			continue;
		if (k++ == 4) {
			len += (size_t)snprintf(buf + len, n - len, ", ...");
			break;
		}
		len += (size_t)snprintf(buf + len, n - len, "%s%s",
					len ? ", " : " (", x->policy);
		if (len + 1 < n && !isnan(x->percentile))
			len += (size_t)snprintf(buf + len, n - len, " at P%g",
						x->percentile);
	}
	if (len + 1 < n)
		snprintf(buf + len, n - len, ")");
}

/* Points with no host (no VM fitted on a host: no plan, no rate), said;
 * whether every point is one. */
static bool noplan(struct report *r)
{
	size_t n = frontiercsv_noplan(r->fr);
	char list[160] = "";

	if (!n)
		return false;
	noplan_list(r->fr, list, sizeof(list));
	html_p(r->html, "absent",
	       "%zu point%s of the frontier ha%s no host%s: at %s level no VM "
	       "fitted on a host, so there is no plan and no out-of-sample "
	       "rate. %s in the table with empty rates, left out of the "
	       "chart and of the fewest hosts.",
	       n, section_s(n), n == 1 ? "s" : "ve", list,
	       n == 1 ? "its" : "their", n == 1 ? "It is" : "They are");
	return n == r->fr->nrows;
}

/* Each policy's best point, a list item each; the best of them all, or
 * NULL if none meets TARGET. */
static const struct frontiercsv_row *policy_list(struct report *r,
						 double target)
{
	const struct frontiercsv *f = r->fr;
	const struct frontiercsv_row *best = NULL;
	char d[128];

	fputs("<ul>\n", r->html);
	for (size_t p = 0; p < f->npolicies; p++) {
		const struct frontiercsv_row *b =
		    frontiercsv_best(f, p, target);

		describe(b, d, sizeof(d));
		if (!has_plan(f, p))
			snprintf(d, sizeof(d),
				 "no plan at any of its points (no host)");
		fputs("<li>", r->html);
		html_textf(r->html, "%s: %s", f->policy[p], d);
		fputs("</li>\n", r->html);
		if (b && (!best || frontiercsv_better(b, best)))
			best = b;
	}
	fputs("</ul>\n", r->html);
	return best;
}

static int text(struct report *r)
{
	double target = report_target(r);
	const struct frontiercsv_row *best;
	char pre[160];
	int rc;

	coverage(r, pre, sizeof(pre));
	if (noplan(r))
		return section_summary(r,
				       "Frontier: %sno point of the frontier "
				       "has a plan (no host: no VM fits on a "
				       "host at any of its levels).",
				       pre);
	best = policy_list(r, target);
	if (!best) {
		html_p(r->html, "concl",
		       "No policy meets the %g %% target out of sample in this "
		       "frontier.",
		       100 * target);
		return section_summary(r,
				       "Frontier: %sno policy meets the %g %% "
				       "target out of sample.",
				       pre, 100 * target);
	}
	rc = compare(r, best, target, pre);
	if (rc == 0)
		cheaper(r, best, target);
	if (rc == 0)
		why_plan(r, best);
	return rc;
}

/* F's distinct seeds in order of first appearance, at most MAX into
 * SEEN[] (their count returned); *MORE rows hold others, *NONE none. */
static size_t distinct_seeds(const struct frontiercsv *f, const char **seen,
			     size_t max, size_t *more, size_t *none)
{
	size_t n = 0;

	*more = *none = 0;
	for (size_t i = 0; i < f->nrows; i++) {
		const char *s = f->row[i].seed;
		size_t k = 0;

		while (k < n && strcmp(seen[k], s))
			k++;
		if (!*s)
			++*none;
		else if (k == n && n < max)
			seen[n++] = s;
		else if (k == n)
			++*more;
	}
	return n;
}

/* The seeds the frontier's points were planned with, as a sentence: the
 * distinct ones in order (up to 4 named), and the rows that record none
 * (a frontier CSV without a seed column, or hand-written rows). */
static void seeds(struct report *r)
{
	const char *seen[4];
	size_t none, more, n = distinct_seeds(r->fr, seen, 4, &more, &none);
	char list[128] = "", rest[64];

	for (size_t k = 0, len = 0; k < n && len < sizeof(list); k++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					k ? ", " : "", seen[k]);
	if (n == 0) {
		html_p(r->html, NULL,
		       "The frontier CSV records no seed: its randomised "
		       "points (the robust policy's calibration sample) cannot "
		       "be traced to one (vmux frontier writes a seed "
		       "column).");
		return;
	}
	snprintf(rest, sizeof(rest), "; %zu row%s record%s none", none,
		 section_s(none), none == 1 ? "s" : "");
	html_p(r->html, NULL,
	       "The frontier's plans were made with seed%s %s%s (its seed "
	       "column, in the table below)%s.",
	       n + more > 1 ? "s" : "", list, more ? " and others" : "",
	       none ? rest : "");
}

int section_frontier(struct report *r)
{
	html_section(r->html, "frontier",
		     "Hosts against overload: the frontier");
	if (!r->fr) {
		section_absent(r,
			       "frontier (--frontier FILE, from vmux frontier)",
			       "It would show, for each policy, how many hosts "
			       "each out-of-sample overload rate costs.");
		return 0;
	}
	seeds(r);
	html_p(r->html, NULL,
	       "For each policy, the fewest hosts that kept out-of-sample "
	       "overload within the %g %% target on the evaluation window "
	       "(read off its realised overload, with hindsight):",
	       100 * report_target(r));
	if (frontiercsv_noplan(r->fr) == r->fr->nrows) {
		int rc = text(r); /* nothing to draw */

		return rc ? rc : table(r);
	}
	return section_parts(r, text, chart, table);
}
