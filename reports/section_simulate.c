/*
 * section_simulate.c - dynamic consolidation (`vmux simulate` outputs given
 * with --simulation): the results table, energy against SLA violation
 * (SLAV = SLATAH x PDM) with one point per policy and day in the style of
 * Beloglazov & Buyya's figures, and from timelines the active hosts and
 * the migrations of every tick over the day.
 */
#include "lib/outfile.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/simcsv.h"
#include "reports/table.h"

#include <errno.h>
#include <stdlib.h>

static const struct table_col cols[] = {
    {"day", NULL, TABLE_TEXT},
    {"model", NULL, TABLE_TEXT},
    {"policy", NULL, TABLE_TEXT},
    {"energy_kwh", "energy (kWh)", TABLE_FIX2},
    {"migrations", NULL, TABLE_INT},
    {"slatah", "SLATAH", TABLE_PCT},
    {"pdm", "PDM", TABLE_PCT},
    {"slav", "SLAV", TABLE_NUM},
    {"esv", "ESV", TABLE_NUM},
    {"overall_sla", "CPU unmet", TABLE_PCT},
    {"host_hours", "host-hours", TABLE_FIX2},
    {"seed", NULL, TABLE_TEXT},
};

static int results_table(struct report *r)
{
	struct table *t;
	int rc =
	    table_create("simulation", cols, sizeof(cols) / sizeof(*cols), &t);

	for (size_t i = 0; rc == 0 && i < r->sim->nres; i++) {
		const struct simcsv_result *x = &r->sim->res[i];
		double v[] = {x->energy, x->migrations, x->slatah,  x->pdm,
			      x->slav,	 x->esv,	x->overall, x->hours};

		rc = table_text(t, x->day);
		rc = rc ? rc : table_text(t, x->model);
		rc = rc ? rc : table_text(t, x->policy);
		for (int k = 0; rc == 0 && k < 8; k++)
			rc = table_num(t, v[k]);
		rc = rc ? rc : table_text(t, x->seed);
		rc = rc ? rc : table_end_row(t);
	}
	return section_table(r, rc, t, 100);
}

/*
 * Write the data file DAT of the simulation results with WRITE, then begin
 * the chart NAME of W x H pixels into *C. 0 or -errno.
 */
static int dat_chart(struct report *r, const char *dat,
		     void (*write)(FILE *fp, const struct simcsv *s),
		     const char *name, int w, int h, struct chart **c)
{
	FILE *fp = section_dat(r, "%s", dat);

	if (!fp)
		return -errno;
	write(fp, r->sim);
	if (outfile_fclose(fp))
		return -errno;
	return chart_begin(r->gnuplot, r->dir, name, w, h, c);
}

/* Energy, SLAV x 1e5, "policy day" per result. */
static void write_points(FILE *fp, const struct simcsv *s)
{
	for (size_t i = 0; i < s->nres; i++) {
		const struct simcsv_result *x = &s->res[i];

		fprintf(fp, "%.10g,%.10g,%s\n", x->energy, x->slav * 1e5,
			x->policy);
	}
}

static int scatter(struct report *r)
{
	struct chart *c;
	int rc = dat_chart(r, "simulate_points.dat", write_points,
			   "simulate_scatter", 800, 480, &c);

	if (rc < 0)
		return rc;
	fputs("set title 'Energy against SLA violation, one point per policy "
	      "and day'\nset xlabel 'energy (kWh)'\n"
	      "set ylabel 'SLAV = SLATAH x PDM (x 1e-5)'\nset logscale y\n"
	      "set key off\nset offsets graph 0.05, graph 0.2, graph 0.2, "
	      "graph 0.2\nplot 'simulate_points.dat' using 1:2 with points "
	      "pt 7 ps 1.2, '' using 1:2:3 with labels offset 0.8,0.6 left "
	      "font ',8'\n",
	      chart_fp(c));
	return section_figure(
	    r, c, "simulate_scatter.png", 800, 480,
	    "Energy against SLA violation per policy",
	    "Lower left is better. A policy without migrations "
	    "has PDM = 0 and so no point on the log scale.");
}

/* One block per timeline: hours, active hosts, migrations. */
static void write_timelines(FILE *fp, const struct simcsv *s)
{
	for (size_t i = 0; i < s->ntl; i++) {
		const struct simcsv_timeline *l = &s->tl[i];

		for (size_t k = 0; k < l->n; k++)
			fprintf(fp, "%.6g,%.10g,%.10g\n", l->t[k] / 3600,
				l->active[k], l->migr[k]);
		fputs("\n\n", fp);
	}
}

/* L's title: its policy, and its seed where the file gives one. */
static void timeline_title(FILE *fp, const struct simcsv_timeline *l)
{
	char title[160];

	snprintf(title, sizeof(title), "%s%s%s", l->policy,
		 *l->seed ? ", seed " : "", l->seed);
	chart_str(fp, title);
}

/* The plot items of column COL of every timeline, drawn WITH, by policy. */
static void plot_column(FILE *fp, const struct simcsv *s, int col,
			const char *with)
{
	for (size_t i = 0; i < s->ntl; i++) {
		fprintf(fp,
			"%s 'simulate_timeline.dat' index %zu using 1:%d "
			"with %s title ",
			i ? "," : "", i, col, with);
		timeline_title(fp, &s->tl[i]);
	}
}

static int timelines(struct report *r)
{
	struct chart *c;
	FILE *fp;
	int rc = dat_chart(r, "simulate_timeline.dat", write_timelines,
			   "simulate_timeline", 800, 560, &c);

	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	fputs("set multiplot layout 2,1\nset xlabel 'hour of the day'\n"
	      "set key top right\nset ylabel 'active hosts'\nplot",
	      fp);
	plot_column(fp, r->sim, 2, "lines lw 2");
	fputs("\nset ylabel 'migrations per tick'\nplot", fp);
	plot_column(fp, r->sim, 3, "lines");
	fputs("\nunset multiplot\n", fp);
	return section_figure(r, c, "simulate_timeline.png", 800, 560,
			      "Active hosts and migrations over the day",
			      "From the --timeline files of vmux simulate.");
}

/* The policy with the least ESV among those that migrate; of equal ESV
 * (0 wherever no host is short of CPU), the least energy. *TIED: how many
 * others have its ESV. */
static const struct simcsv_result *least_esv(const struct simcsv *s,
					     size_t *tied)
{
	const struct simcsv_result *best = NULL;

	for (size_t i = 0; i < s->nres; i++) {
		const struct simcsv_result *x = &s->res[i];

		if (x->migrations > 0 &&
		    (!best || x->esv < best->esv ||
		     (x->esv == best->esv && x->energy < best->energy)))
			best = x;
	}
	*tied = 0;
	for (size_t i = 0; best && i < s->nres; i++)
		*tied += s->res[i].migrations > 0 && &s->res[i] != best &&
			 s->res[i].esv == best->esv;
	return best;
}

static int conclude(struct report *r)
{
	size_t tied;
	const struct simcsv_result *best = least_esv(r->sim, &tied);
	char tie[96] = "";

	if (!best)
		return 0;
	if (tied)
		snprintf(tie, sizeof(tie),
			 " (tied with %zu other result%s: the least energy of "
			 "them)",
			 tied, tied == 1 ? "" : "s");
	html_p(r->html, "concl",
	       "Least ESV among the migrating policies: %s on %s (%s model), "
	       "%.2f kWh, %.0f migration%s, ESV %.3g%s; %s%s.",
	       best->policy, best->day, best->model, best->energy,
	       best->migrations, best->migrations == 1 ? "" : "s", best->esv,
	       tie, *best->seed ? "seed " : "no seed recorded", best->seed);
	return section_summary(r, "Simulation: least ESV %.3g (%s on %s).",
			       best->esv, best->policy, best->day);
}

int section_simulate(struct report *r)
{
	int rc = 0;

	html_section(r->html, "simulate", "Dynamic consolidation over time");
	if (!r->sim) {
		section_absent(r, "--simulation",
			       "Run vmux simulate -o RESULT.csv --timeline "
			       "TIMELINE.csv and pass the files.");
		return 0;
	}
	if (r->sim->nres) {
		rc = results_table(r);
		rc = rc ? rc : conclude(r);
		if (rc == 0 && r->gnuplot)
			rc = scatter(r);
	}
	if (rc == 0 && r->sim->ntl && r->gnuplot)
		rc = timelines(r);
	if (rc == 0 && !r->gnuplot)
		section_nochart(r);
	return rc;
}
