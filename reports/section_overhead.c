/*
 * section_overhead.c - what virtualization costs on this machine (--bench):
 * for each of the core four (CPU, privileged CPU, RAM, disk, network;
 * RAM twice, its worst and best chase, as vmux bench's lecture table) the
 * overhead each style measured (guest / native - 1, with its range), drawn
 * in front of the lecture's claimed range for full virtualization (RAM
 * 25-75 %, disk 5-20 %, network up to 10 %, privileged CPU 1-7 %), with a
 * verdict per bar. Which bench rows stand for a resource: benchcsv.h.
 * Bars beyond the chart's scale are cut at its edge and labelled with
 * their value above the plot (emulated I/O can cost 10^5 %), the top
 * margin tall enough for the longest value under the title. Every
 * sentence names the backend the bench CSV says ran (binary translation
 * or hardware assistance), and nesting only where the CSV says CPUID saw
 * it.
 */
#include "reports/benchcsv.h"
#include "lib/outfile.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/table.h"
#include "lib/numtext.h"
#include "sim/measure/bench_claim.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The cut bars' labels: CUT_FONT pt (the chart's font is 10 pt), from
 * CUT_GAP of the plot's height (graph units) upward, so CUT_EM (ems, a
 * digit's width at most: DejaVu Sans has 0.636) x CUT_FONT / 10 lines of
 * the top margin a character, one line more for the gap. The title sits
 * TITLE_LINES lines at the margin's top, above the longest label.
 */
#define CUT_FONT 8
#define CUT_GAP 1.02
#define CUT_EM 0.7
#define TITLE_LINES 3
#define MIN_TMARGIN 6

static const unsigned style_colour[BENCH_NSTYLE] = {0xe6550d, 0x31a354,
						    0x3182bd};

/* The backend of the bench rows ("" if not recorded), and nesting. */
static const char *bench_accel(const struct report *r, bool *nested)
{
	const char *a = "";

	*nested = false;
	for (size_t i = 0; i < r->bench->nrows; i++) {
		if (*r->bench->row[i].accel)
			a = r->bench->row[i].accel;
		*nested |= r->bench->row[i].nested == 1;
	}
	return a;
}

static bool on_tcg(const struct report *r)
{
	bool nested;

	return !strcmp(bench_accel(r, &nested), "tcg");
}

static const char *hw_title(const struct report *r)
{
	return on_tcg(r) ? "hw (CPU by binary translation)"
			 : "hw (hardware-assisted)";
}

/* B's verdict against the claim for RES, on its range (bench_claim.h),
   as vmux bench's table gives it; -1: no claim. */
static int judge(enum benchcsv_res res, const struct benchcsv_row *b)
{
	double lo, hi;

	if (!benchcsv_claim(res, &lo, &hi))
		return -1;
	return (int)bench_judge(b->pct, b->lo, b->hi, lo, hi);
}

static const char *verdict(enum benchcsv_res res, const struct benchcsv_row *b)
{
	int v = judge(res, b);

	return v < 0 ? "no claim" : bench_verdict_name((enum bench_verdict)v);
}

static const struct table_col cols[] = {
    {"resource", NULL, TABLE_TEXT},
    {"claimed_lo_pct", "claimed from", TABLE_PCTPT},
    {"claimed_hi_pct", "claimed to", TABLE_PCTPT},
    {"style", NULL, TABLE_TEXT},
    {"workload", NULL, TABLE_TEXT},
    {"variant", NULL, TABLE_TEXT},
    {"overhead_pct", "overhead", TABLE_PCTPT},
    {"overhead_lo_pct", "range from", TABLE_PCTPT},
    {"overhead_hi_pct", "range to", TABLE_PCTPT},
    {"noisy", NULL, TABLE_INT},
    {"verdict", NULL, TABLE_TEXT},
};

static int row(struct table *t, enum benchcsv_res res,
	       const struct benchcsv_row *b)
{
	double lo = NAN, hi = NAN;
	int rc;

	if (!benchcsv_claim(res, &lo, &hi))
		lo = hi = NAN;
	rc = table_text(t, benchcsv_res_name(res));
	rc = rc ? rc : table_num(t, lo);
	rc = rc ? rc : table_num(t, hi);
	rc = rc ? rc : table_text(t, benchcsv_style_name(b->style));
	rc = rc ? rc : table_text(t, b->workload);
	rc = rc ? rc : table_text(t, b->variant);
	rc = rc ? rc : table_num(t, b->pct);
	rc = rc ? rc : table_num(t, b->lo);
	rc = rc ? rc : table_num(t, b->hi);
	rc = rc ? rc : table_num(t, b->noisy);
	rc = rc ? rc : table_text(t, verdict(res, b));
	return rc ? rc : table_end_row(t);
}

static int table(struct report *r)
{
	struct table *t;
	int rc = table_create("overhead", cols, 11, &t);

	for (int res = 0; rc == 0 && res < BRES_N; res++)
		for (int s = 0; rc == 0 && s < BENCH_NSTYLE; s++) {
			const struct benchcsv_row *b =
			    benchcsv_pick(r->bench, res, s);

			if (b)
				rc = row(t, res, b);
		}
	return section_table(r, rc, t, 0);
}

/* The y range: the claims always show; huge overheads are cut. */
static void yrange(const struct report *r, double *ymin, double *ymax)
{
	double hi = 0, lo = 0;

	for (int res = 0; res < BRES_N; res++)
		for (int s = 0; s < BENCH_NSTYLE; s++) {
			const struct benchcsv_row *b =
			    benchcsv_pick(r->bench, res, s);

			if (b) {
				hi = fmax(hi, fmax(b->hi, b->pct));
				lo = fmin(lo, fmin(b->lo, b->pct));
			}
		}
	*ymax = hi > 100 ? 100 : fmax(80, hi * 1.1);
	*ymin = fmax(-60, lo * 1.1 - 2);
}

static double clip(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * A cut bar's value, written upward from just above the plot (no bar or
 * range line crosses it) at X; returns its length in characters, for the
 * top margin (chart()).
 */
static size_t cut_label(FILE *gp, double pct, int x)
{
	char v[48];

	snprintf(v, sizeof(v), "%.0f %%", pct);
	fprintf(gp,
		"set label '%s' at %d,graph %g left rotate by 90 font ',%d' "
		"front\n",
		v, x, CUT_GAP, CUT_FONT);
	return strlen(v);
}

/* overhead.dat (x, bar, lo, hi, colour) and labels for cut bars, the
 * longest *LONGEST characters (0: none cut). */
static int write_data(const struct report *r, FILE *gp, double ymin,
		      double ymax, size_t *longest)
{
	FILE *fp;
	int rc = 0;

	fp = section_dat(r, "overhead.dat");
	if (!fp)
		return -errno;
	for (int res = 0; res < BRES_N; res++)
		for (int s = 0; s < BENCH_NSTYLE; s++) {
			const struct benchcsv_row *b =
			    benchcsv_pick(r->bench, res, s);
			int x = res * 4 + s;
			size_t n;

			if (!b) {
				fprintf(gp,
					"set label 'n/a' at %d,%g center "
					"font ',8' tc rgb '#888888'\n",
					x, ymin + 0.03 * (ymax - ymin));
				continue;
			}
			fprintf(fp, "%d,%.6g,%.6g,%.6g,%u\n", x,
				clip(b->pct, ymin, ymax),
				clip(b->lo, ymin, ymax),
				clip(b->hi, ymin, ymax), style_colour[s]);
			n = b->pct > ymax ? cut_label(gp, b->pct, x) : 0;
			*longest = n > *longest ? n : *longest;
		}
	if (outfile_fclose(fp))
		rc = -(errno ? errno : EIO);
	return rc;
}

/*
 * The groups' names with their claims (tic labels are gnuplot formats:
 * % doubled), and the claims drawn behind the bars.
 */
static void claims(FILE *fp)
{
	fputs("set xtics (", fp);
	for (int res = 0; res < BRES_N; res++) {
		double lo, hi;

		fprintf(fp, "%s\"%s", res ? ", " : "", benchcsv_res_name(res));
		if (benchcsv_claim(res, &lo, &hi))
			fprintf(fp, "\\nclaimed %g %%%% to %g %%%%", lo, hi);
		fprintf(fp, "\" %d", res * 4 + 1);
	}
	fputs(")\n", fp);
	for (int res = 0; res < BRES_N; res++) {
		double lo, hi;

		if (benchcsv_claim(res, &lo, &hi))
			fprintf(fp,
				"set object rect from %g,%g to %g,%g behind fc "
				"rgb '#bdbdbd' fs solid 0.6 noborder\n",
				res * 4 - 0.6, lo, res * 4 + 2.6,
				fmax(hi, lo + 0.5));
	}
}

/* The bars, their ranges, and the legend (below the plot, clear of both). */
static void plot(const struct report *r, FILE *fp)
{
	fprintf(fp,
		"plot 'overhead.dat' using 1:2:5 with boxes lc rgb variable "
		"notitle, \\\n"
		"  '' using 1:3:(0):($4-$3) with vectors heads size screen "
		"0.006,90 lc rgb 'black' title 'range over runs', \\\n"
		"  NaN with boxes fc rgb '#e6550d' title 'full (emulated "
		"devices)', \\\n"
		"  NaN with boxes fc rgb '#31a354' title 'para (rings)', \\\n"
		"  NaN with boxes fc rgb '#3182bd' title '%s', \\\n"
		"  NaN with boxes fc rgb '#bdbdbd' title 'lecture''s claim "
		"(full virt.)'\n",
		hw_title(r));
}

/*
 * The top margin (lines of the chart's font): the title above the longest
 * cut bar's label, LONGEST characters (0: none), however long; the
 * title's offset from its place just above the plot lifts it to the
 * margin's top. A label of 7 digits ran into the title at a margin of 6.
 */
static void top_margin(FILE *fp, size_t longest)
{
	double label =
	    longest ? (double)longest * CUT_EM * CUT_FONT / 10 + 1 : 0;
	double tm = fmax(MIN_TMARGIN, ceil(label) + TITLE_LINES);

	fprintf(fp, "set tmargin %g\nset title offset 0,%g\nset bmargin 8\n",
		tm, tm - TITLE_LINES - 0.5);
}

static int chart(struct report *r)
{
	struct chart *c;
	double ymin, ymax;
	size_t longest = 0;
	FILE *fp;
	int rc;

	yrange(r, &ymin, &ymax);
	rc = chart_begin(r->gnuplot, r->dir, "overhead", 1100, 540, &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	rc = write_data(r, fp, ymin, ymax, &longest);
	if (rc < 0) {
		chart_abort(c);
		return rc;
	}
	fprintf(fp,
		"set title 'Virtualization overhead per style (bars left to "
		"right: full, para, hw) against the lecture''s claims for full "
		"virtualization'\n"
		"set ylabel 'overhead: guest time / native time - 1 (%%)'\n"
		"set xrange [-1:%d]\nset yrange [%g:%g]\n"
		"set style fill solid 0.9 noborder\nset boxwidth 0.8\n"
		"set key below center horizontal maxrows 2 width 2\n"
		"set xzeroaxis lt -1\n",
		BRES_N * 4 - 1, ymin, ymax);
	top_margin(fp, longest);
	claims(fp);
	plot(r, fp);
	return section_figure(r, c, "overhead.png", 1100, 540,
			      "Overhead per resource and style, claimed ranges "
			      "behind",
			      "Bars: the overhead each style measured (black: "
			      "its range over the runs); grey: the range the "
			      "lecture claims for full virtualization. A bar "
			      "cut at the top edge has its value written above "
			      "the plot; a bar below zero means the guest ran "
			      "faster than native (see the text).");
}

/* What ran, and what the lecture's claims are (first mention). */
static void intro(struct report *r)
{
	bool nested;
	const char *accel = bench_accel(r, &nested);
	size_t trust = 0;

	for (size_t i = 0; i < r->bench->nrows; i++)
		trust += !r->bench->row[i].noisy;
	html_p(r->html, NULL,
	       "The lecture's claims are the overheads the course lecture "
	       "states for full virtualization per resource (RAM 25-75 %%, "
	       "disk I/O 5-20 %%, network up to 10 %%, privileged CPU 1-7 "
	       "%%); each measurement below sets one style's overhead "
	       "(guest time / native time - 1) against them.");
	html_p(r->html, NULL,
	       "The guests ran by %s%s. %zu of %zu benchmark row%s %s "
	       "trustworthy; the others are flagged noisy, each with its "
	       "reason (runs spread by more than 20 %% or other processes "
	       "busy meanwhile) in the table of every row.",
	       section_backend(accel),
	       !strcmp(accel, "kvm") && nested
		   ? ", on a machine that is itself a virtual machine (CPUID "
		     "hypervisor bit), so every exit is nested and costs far "
		     "more than on bare metal"
		   : "",
	       trust, r->bench->nrows, section_s(r->bench->nrows),
	       trust == 1 ? "is" : "are");
}

/* Bars far below zero: the guest beat native; say why. */
static void negatives(struct report *r)
{
	for (int res = 0; res < BRES_N; res++)
		for (int s = 0; s < BENCH_NSTYLE; s++) {
			const struct benchcsv_row *b =
			    benchcsv_pick(r->bench, res, s);

			if (!b || b->pct > -20)
				continue;
			html_p(r->html, NULL,
			       "%s under %s measured %.1f %%: the guest ran "
			       "faster than native. %s",
			       benchcsv_res_name(res), benchcsv_style_name(s),
			       b->pct,
			       !strcmp(b->workload, "priv") && on_tcg(r)
				   ? "The native side executes a real CPUID, "
				     "which on this machine traps to the "
				     "hypervisor below it, while binary "
				     "translation answers CPUID in a function "
				     "call."
				   : "The native side paid for something the "
				     "guest did not (see the variant).");
		}
}

/* One measurement's item; an inconclusive one gives the range that
   reaches into the claim. */
static void item(struct report *r, enum benchcsv_res res,
		 const struct benchcsv_row *b, int v)
{
	char range[80] = "";

	if (v == BENCH_INCONCLUSIVE)
		snprintf(range, sizeof(range), " (range %.1f %% to %.1f %%)",
			 numtext_zero(fmin(b->pct, b->lo), 1),
			 numtext_zero(fmax(b->pct, b->hi), 1));
	fputs("<li>", r->html);
	html_textf(r->html, "%s under %s: %.*f %% (%s%s%s): %s%s.",
		   benchcsv_res_name(res), benchcsv_style_name(b->style),
		   fabs(b->pct) < 100 ? 1 : 0, b->pct, b->variant,
		   !b->noisy   ? ""
		   : *b->noise ? ", noisy: "
			       : ", noisy",
		   b->noisy ? b->noise : "", verdict(res, b), range);
	fputs("</li>\n", r->html);
}

/* The conclusion from N (agree, worse, better, inconclusive, all). */
static int conclude(struct report *r, const size_t n[5], size_t noisy)
{
	html_p(r->html, "concl",
	       "Against the lecture's claims, of the %zu measurements above "
	       "with a claim (%zu of them flagged noisy) %zu agree%s, %zu %s "
	       "worse, %zu better and %zu inconclusive%s.",
	       n[4], noisy, n[0], n[0] == 1 ? "s" : "", n[1],
	       n[1] == 1 ? "is" : "are", n[2], n[3],
	       n[3] ? ": their medians lie outside the claim, but their "
		      "ranges reach into it"
		    : "");
	return section_summary(r,
			       "Virtualization overhead against the lecture's "
			       "claims: %zu agree%s, %zu worse, %zu better, "
			       "%zu inconclusive.",
			       n[0], n[0] == 1 ? "s" : "", n[1], n[2], n[3]);
}

static int text(struct report *r)
{
	size_t n[5] = {0, 0, 0, 0, 0}, noisy = 0;

	intro(r);
	fputs("<ul>\n", r->html);
	for (int res = 0; res < BRES_N; res++)
		for (int s = 0; s < BENCH_NSTYLE; s++) {
			const struct benchcsv_row *b =
			    benchcsv_pick(r->bench, res, s);
			int v;

			if (!b)
				continue;
			v = judge(res, b);
			if (v >= 0) {
				n[v]++;
				n[4]++;
				noisy += b->noisy;
			}
			item(r, res, b, v);
		}
	fputs("</ul>\n", r->html);
	negatives(r);
	return conclude(r, n, noisy);
}

/* One row of every row's table: an exit row's headline is its cost per
   exit, with no overhead (over native stores it means nothing). */
static int bench_row(struct table *t, const struct benchcsv_row *b)
{
	double na = b->per_exit ? NAN : 0;
	int rc;

	rc = table_text(t, b->workload);
	rc = rc ? rc : table_text(t, benchcsv_style_name(b->style));
	rc = rc ? rc : table_text(t, b->variant);
	rc = rc ? rc : table_num(t, b->pct + na);
	rc = rc ? rc : table_num(t, b->lo + na);
	rc = rc ? rc : table_num(t, b->hi + na);
	rc = rc ? rc : table_num(t, b->per_exit ? b->per_op_ns / 1e3 : NAN);
	rc = rc ? rc : table_num(t, b->noisy);
	rc = rc ? rc : table_text(t, b->noise);
	return rc ? rc : table_end_row(t);
}

static int all_rows(struct report *r)
{
	static const struct table_col bcols[] = {
	    {"workload", NULL, TABLE_TEXT},
	    {"style", NULL, TABLE_TEXT},
	    {"variant", NULL, TABLE_TEXT},
	    {"overhead_pct", "overhead", TABLE_PCTPT},
	    {"overhead_lo_pct", "range from", TABLE_PCTPT},
	    {"overhead_hi_pct", "range to", TABLE_PCTPT},
	    {"per_exit_us", "per exit (us)", TABLE_NUM},
	    {"noisy", NULL, TABLE_INT},
	    {"noise", "why noisy", TABLE_TEXT},
	};
	struct table *t;
	int rc = table_create("bench", bcols, 9, &t);

	for (size_t i = 0; rc == 0 && i < r->bench->nrows; i++)
		rc = bench_row(t, &r->bench->row[i]);
	if (rc >= 0)
		html_p(r->html, NULL,
		       "Every row of %s (an exit row is the cost of one exit "
		       "in the guest, not an overhead):",
		       r->o->bench);
	return section_table(r, rc, t, 0);
}

int section_overhead(struct report *r)
{
	int rc;

	html_section(r->html, "overhead",
		     "Virtualization overhead: the core four");
	if (!r->bench) {
		section_absent(r,
			       "benchmark (--bench FILE, from vmux bench "
			       "--csv)",
			       "vmux bench measures it on this machine.");
		return 0;
	}
	rc = section_parts(r, text, chart, table);
	return rc ? rc : all_rows(r);
}
