/*
 * section_sizing.c - the multiplexing gain per host: its VMs' own
 * P-percentile sizes stacked (s1 + s2 + ...) beside the P-percentile size
 * of their summed demand (s3) and the host's capacity, all on the training
 * window (cores). saving = 1 - s3 / (s1 + s2 + ...).
 */
#include "reports/chart.h"
#include "lib/outfile.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"
#include "sim/plan/planfile.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* Hosts drawn at most; the table has them all. */
#define MAX_BARS 120

static const struct table_col host_cols[] = {
    {"host", NULL, TABLE_TEXT},
    {"vms", NULL, TABLE_INT},
    {"vms_in_trace", "in trace", TABLE_INT},
    {"sum_individual", "s1+s2+... (cores)", TABLE_NUM},
    {"joint", "joint s3 (cores)", TABLE_NUM},
    {"capacity", "capacity (cores)", TABLE_NUM},
    {"saving", "saving", TABLE_PCT},
    {"load", "s3 / capacity", TABLE_PCT},
    {"train_overload", "over capacity (training)", TABLE_PCT},
};

static double saving(double sum, double joint)
{
	return sum > 0 ? 1 - joint / sum : NAN;
}

/* "saves 12.3 % over separate sizing" into BUF[N], or, where nothing is
 * sized above 0 (the saving is undefined: it said "saves nan %"), that
 * it saves nothing, and why. */
static const char *saves(double sum, double joint, char *buf, size_t n)
{
	double x = saving(sum, joint);

	if (isnan(x))
		snprintf(buf, n,
			 "saves nothing over separate sizing (no VM "
			 "needs any capacity at this level)");
	else
		snprintf(buf, n, "saves %.1f %% over separate sizing", 100 * x);
	return buf;
}

static int host_row(struct report *r, struct table *t, size_t h)
{
	const struct report_host *x = &r->host[h];
	double cap = r->o->host_cpu;
	int rc = table_text(t, x->name);

	rc = rc ? rc : table_num(t, (double)x->nvms);
	rc = rc ? rc : table_num(t, (double)x->ntrain);
	rc = rc ? rc : table_num(t, x->sum_individual);
	rc = rc ? rc : table_num(t, x->joint);
	rc = rc ? rc : table_num(t, cap);
	rc = rc ? rc : table_num(t, saving(x->sum_individual, x->joint));
	rc = rc ? rc : table_num(t, x->joint / cap);
	rc = rc ? rc : table_num(t, eval_overload_rate(&x->train));
	return rc ? rc : table_end_row(t);
}

static const struct table_col vm_cols[] = {
    {"vm", NULL, TABLE_TEXT},
    {"host", NULL, TABLE_TEXT},
    {"size", "own size (cores)", TABLE_NUM},
};

/* vm_sizes.csv: every planned VM's own size (empty: not in the trace). */
static int vm_table(struct report *r)
{
	size_t n = planfile_nvms(r->plan);
	struct table *t;
	int rc = table_create("vm_sizes", vm_cols, 3, &t);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = table_text(t, planfile_vm(r->plan, i));
		rc = rc ? rc
			: table_text(
			      t, planfile_host(r->plan,
					       planfile_vm_host(r->plan, i)));
		rc = rc ? rc : table_num(t, r->vm_size[i]);
		rc = rc ? rc : table_end_row(t);
	}
	if (rc == 0)
		rc = table_write_csv(t, r->dir);
	table_destroy(t);
	if (rc == 0)
		section_csvlink(r, "Each VM's own size:", "vm_sizes");
	return rc;
}

/* The stacked boxes: x, bottom, top, colour; one line per VM. */
static void write_boxes(const struct report *r, FILE *fp, size_t nbars)
{
	static const unsigned colour[2] = {0x6baed6, 0x2171b5};

	for (size_t h = 0; h < nbars; h++) {
		size_t n;
		const size_t *rows = planfile_host_rows(r->plan, h, &n);
		double y = 0;
		size_t k = 0;

		for (size_t i = 0; i < n; i++) {
			double s = r->vm_size[rows[i]];

			if (isnan(s))
				continue;
			fprintf(fp, "%zu,%.10g,%.10g,%u\n", h, y, y + s,
				colour[k++ & 1]);
			y += s;
		}
	}
}

static int write_data(const struct report *r, size_t nbars, double *ymax)
{
	char *path[2];
	FILE *fp[2];
	int rc = 0;

	if (asprintf(&path[0], "%s/sizing_boxes.dat", r->dir) < 0)
		return -ENOMEM;
	if (asprintf(&path[1], "%s/sizing_joint.dat", r->dir) < 0) {
		free(path[0]);
		return -ENOMEM;
	}
	fp[0] = fopen(path[0], "w");
	fp[1] = fopen(path[1], "w");
	*ymax = r->o->host_cpu;
	if (fp[0] && fp[1]) {
		write_boxes(r, fp[0], nbars);
		for (size_t h = 0; h < nbars; h++) {
			const struct report_host *x = &r->host[h];

			fprintf(fp[1], "%zu,%.10g\n", h, x->joint);
			*ymax = fmax(*ymax, fmax(x->joint, x->sum_individual));
		}
	}
	for (int i = 0; i < 2; i++)
		if (!fp[i] || outfile_fclose(fp[i]))
			rc = rc ? rc : -(errno ? errno : EIO);
	free(path[0]);
	free(path[1]);
	return rc;
}

static void xtics(const struct report *r, FILE *fp, size_t nbars)
{
	size_t every = nbars <= 40 ? 1 : (nbars + 39) / 40;

	fputs("set xtics rotate by -45 (", fp);
	for (size_t h = 0; h < nbars; h += every) {
		fputs(h ? ", " : "", fp);
		chart_tic(fp, r->host[h].name);
		fprintf(fp, " %zu", h);
	}
	fputs(")\n", fp);
}

/* The plot command: the stacked own sizes, the joint size, and the
 * capacity's key entry (its line is the arrow). */
static void plot(const struct report *r, FILE *fp)
{
	fprintf(fp,
		"plot 'sizing_boxes.dat' using 1:(($2+$3)/2):($1-0.42):"
		"($1-0.02):2:3:4 with boxxyerror lc rgb variable notitle, \\\n"
		"  NaN with boxes fc rgb '#6baed6' title 'own sizes s1, s2, "
		"... (stacked)', \\\n"
		"  'sizing_joint.dat' using 1:($2/2):($1+0.02):($1+0.42):(0):2 "
		"with boxxyerror fc rgb '#fd8d3c' title 'joint size s3', \\\n"
		"  NaN with lines dt 2 lw 2.5 lc rgb '#d62728' title "
		"'capacity (%g core%s)'\n",
		r->o->host_cpu, r->o->host_cpu == 1 ? "" : "s");
}

static int chart(struct report *r, size_t nbars)
{
	struct chart *c;
	char p[16];
	double ymax;
	int w = nbars > 40 ? (int)(nbars * 22) : 900;
	int rc = write_data(r, nbars, &ymax);
	FILE *fp;

	if (rc == 0)
		rc = chart_begin(r->gnuplot, r->dir, "sizing", w, 460, &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	fprintf(fp,
		"set title 'VMs sized alone (stacked, one shade per VM) and "
		"together, %s percentile of the training window'\n"
		"set xlabel 'host'\nset ylabel 'cpu (cores)'\n"
		"set style fill solid 0.9 border rgb '#ffffff'\n"
		"set xrange [-0.7:%zu.7]\nset yrange [0:%.6g]\n"
		"set key inside top left vertical opaque\n"
		/* In front of every bar, from edge to edge. */
		"set arrow from graph 0, first %.10g to graph 1, first %.10g "
		"nohead front dt 2 lw 2.5 lc rgb '#d62728'\n",
		section_ordinal(r->o->percentile, p, sizeof(p)), nbars - 1,
		ymax * 1.35, r->o->host_cpu, r->o->host_cpu);
	xtics(r, fp, nbars);
	plot(r, fp);
	return section_figure(
	    r, c, "sizing.png", w, 460,
	    "Per host: own sizes stacked, joint size, capacity",
	    "Left bar of each host: its VMs' own sizes stacked; "
	    "right bar: the size of their summed demand; "
	    "red dashes: the host's capacity. The gap between the "
	    "bars is the multiplexing gain.");
}

/* The host with the largest saving among those with 2+ VMs, or -1. */
static long best_host(const struct report *r)
{
	long best = -1;

	for (size_t h = 0; h < r->nhosts; h++) {
		const struct report_host *x = &r->host[h];
		double s = saving(x->sum_individual, x->joint);

		if (x->ntrain < 2 || isnan(s))
			continue;
		if (best < 0 || s > saving(r->host[best].sum_individual,
					   r->host[best].joint))
			best = (long)h;
	}
	return best;
}

/* The plan's totals over its hosts: own sizes summed, joint sizes
 * summed, VMs in the trace, hosts over capacity in the training window
 * (OVER above the target of the SEEN with slots there) and the fleet's
 * replay there (TRAIN). */
struct totals {
	double sum, joint;
	size_t over, seen, present;
	struct eval_stats train;
};

static void totals(const struct report *r, struct totals *t)
{
	*t = (struct totals){0};
	for (size_t h = 0; h < r->nhosts; h++) {
		t->sum += r->host[h].sum_individual;
		t->joint += r->host[h].joint;
		t->present += r->host[h].ntrain;
		t->seen += r->host[h].train.slots > 0;
		t->over += eval_above_target(
		    eval_overload_rate(&r->host[h].train), report_target(r));
		eval_add(&t->train, &r->host[h].train);
	}
}

/* Separate against joint sizing, and the capacity the joint sizes fill. */
static void overview(struct report *r, const struct totals *t)
{
	double cap = r->o->host_cpu;
	char p[16], sv[96];

	html_p(r->html, NULL,
	       "Sized one by one at the %s percentile of the training "
	       "window, the %zu VM%s on the %zu host%s need%s %.4g cores; "
	       "sized together, host by host, %s %.4g cores: joint sizing "
	       "%s. The hosts' joint sizes "
	       "fill %.1f %% of their %.4g cores of capacity on average.",
	       section_ordinal(r->o->percentile, p, sizeof(p)), t->present,
	       section_s(t->present), r->nhosts, section_s(r->nhosts),
	       t->present == 1 ? "s" : "", t->sum,
	       t->present == 1 ? "it needs" : "they need", t->joint,
	       saves(t->sum, t->joint, sv, sizeof(sv)),
	       100 * t->joint / (cap * (double)r->nhosts),
	       cap * (double)r->nhosts);
}

/* The host that gains most, if one of 2+ VMs gains at all. */
static void largest_gain(struct report *r, long b)
{
	if (b < 0)
		return;
	html_p(r->html, NULL,
	       "The largest gain is on host %s: %zu VMs that need "
	       "%.4g cores alone share %.4g (%.1f %% less).",
	       r->host[b].name, r->host[b].ntrain, r->host[b].sum_individual,
	       r->host[b].joint,
	       100 * saving(r->host[b].sum_individual, r->host[b].joint));
}

/* The training window's overload, and the promise judged there in its
 * scope (a fleet-wide promise may leave single hosts above the target). */
static void in_sample(struct report *r, const struct totals *t)
{
	char held[256];
	double fleet = eval_overload_rate(&t->train);

	if (!t->seen)
		return;
	section_promise(r, fleet, t->over, t->seen, " in sample", held,
			sizeof(held));
	html_p(r->html, "concl",
	       "In the training window itself, the hosts exceeded their "
	       "capacity in %.2f %% of host-slots, and %zu of %zu host%s "
	       "in more than %g %% of %s own slots. %s",
	       100 * fleet, t->over, t->seen, section_s(t->seen),
	       100 * report_target(r), t->seen == 1 ? "its" : "their", held);
}

static int text(struct report *r)
{
	long b = best_host(r);
	struct totals t;
	char sv[96];

	totals(r, &t);
	overview(r, &t);
	largest_gain(r, b);
	in_sample(r, &t);
	if (r->train_step_want > 0 &&
	    section_step_note(r, "training", trace_step(r->train_trace),
			      r->train_step_want, "PLAN.meta's step") < 0)
		return -ENOMEM;
	return section_summary(
	    r,
	    "Joint sizing %s "
	    "(%.4g to %.4g cores for %zu VM%s on %zu host%s).",
	    saves(t.sum, t.joint, sv, sizeof(sv)), t.sum, t.joint, t.present,
	    section_s(t.present), r->nhosts, section_s(r->nhosts));
}

/* "'a', 'b', 'c', ..." for the first of N VMs NAME[] into BUF. */
static void name_list(char *buf, size_t len, const char *const *name, size_t n)
{
	size_t k = n < REPORT_ZERO_NAMED ? n : REPORT_ZERO_NAMED;
	FILE *fp = fmemopen(buf, len, "w");

	buf[0] = 0;
	for (size_t i = 0; fp && i < k; i++)
		fprintf(fp, "%s'%s'", i ? ", " : "", name[i]);
	if (fp && n > k)
		fputs(", ...", fp);
	if (fp)
		fclose(fp);
}

/* One paragraph on the N planned VMs NAME[] sized at 0: WHAT they are,
 * DETAIL after their count, WHY they were sized so, and what follows. */
static void zero_sized_note(struct report *r, const char *what,
			    const char *detail, const char *const *name,
			    size_t n, const char *why)
{
	char names[256];

	name_list(names, sizeof(names), name, n);
	html_p(r->html, "absent",
	       "%s: %zu VM%s%s (first %s). %s Their hosts keep no room for "
	       "them: any later demand of theirs is overload there.",
	       what, n, section_s(n), detail, names, why);
}

static int missing_note(struct report *r)
{
	if (r->missing)
		html_p(r->html, "absent",
		       "Left out of every number here: %zu planned VM%s not "
		       "in the trace %s.",
		       r->missing, section_s(r->missing), r->o->trace);
	if (r->unplanned && r->unplanned_nodata == r->unplanned)
		html_p(r->html, NULL,
		       "Not counted: %zu VM%s of the trace not in the plan, "
		       "none with data in the training window (vmux plan "
		       "leaves such VMs out: it cannot size them).",
		       r->unplanned, section_s(r->unplanned));
	else if (r->unplanned_nodata)
		html_p(r->html, NULL,
		       "Not counted: %zu VMs of the trace not in the plan: %zu "
		       "with no data in the training window (vmux plan leaves "
		       "such VMs out: it cannot size them), the others not "
		       "placed, or planned elsewhere.",
		       r->unplanned, r->unplanned_nodata);
	else if (r->unplanned)
		html_p(r->html, NULL,
		       "Not counted: %zu VM%s of the trace not in the plan "
		       "(not placed, or planned elsewhere).",
		       r->unplanned, section_s(r->unplanned));
	if (r->zero) /* vmux plan warns of them */
		zero_sized_note(r, "Planned at zero demand",
				" present in the training window with no "
				"demand there",
				r->zero_vm, r->zero, "Their own size is 0.");
	if (r->nodata) /* vmux plan now leaves such VMs out */
		zero_sized_note(r,
				"Planned with no data in the training window",
				"", r->nodata_vm, r->nodata,
				"A plan of an older vmux sized them at 0; vmux "
				"plan now leaves such VMs out (it cannot size "
				"them).");
	return 0;
}

int section_sizing(struct report *r)
{
	struct table *t;
	size_t nbars = r->nhosts < MAX_BARS ? r->nhosts : MAX_BARS;
	int rc;

	html_section(r->html, "sizing",
		     "Multiplexing gain: individual vs joint sizes");
	rc = text(r);
	if (rc == 0)
		rc = missing_note(r);
	if (rc == 0 && r->gnuplot)
		rc = chart(r, nbars);
	if (rc == 0 && nbars < r->nhosts)
		html_p(r->html, "csv",
		       "The chart shows the first %zu of %zu "
		       "hosts; the table has them all.",
		       nbars, r->nhosts);
	if (rc == 0 && !r->gnuplot)
		section_nochart(r);
	if (rc == 0)
		rc = table_create("hosts", host_cols, 9, &t);
	if (rc < 0)
		return rc;
	for (size_t h = 0; rc == 0 && h < r->nhosts; h++)
		rc = host_row(r, t, h);
	rc = section_table(r, rc, t, 0);
	return rc ? rc : vm_table(r);
}
