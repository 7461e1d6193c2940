/*
 * section_correlation.c - how the VMs' cpu demands move together: the
 * Pearson correlation of every pair over the training window (all of it
 * in correlation.csv), drawn per host pair as a mean (host_means), and
 * the mean correlation inside hosts against across them. A planner that puts
 * complementary VMs together shows lower correlation inside the blocks.
 * At most max_vms VMs: whole hosts in plan order while they fit. Means
 * that differ by less than SAME_CORR are called "about as correlated".
 */
#include "reports/chart.h"
#include "lib/outfile.h"
#include "reports/html.h"
#include "reports/section.h"
#include "reports/stats.h"
#include "reports/table.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>

#define SAME_CORR 0.05

/* The VMs drawn: training-trace indices and their host, host order. */
struct order {
	size_t n, nhosts; /* VMs; hosts they span */
	size_t *vm, *host;
	double *c; /* n x n correlations */
};

static int pick(const struct report *r, struct order *o)
{
	size_t max = r->o->max_vms;

	o->vm = malloc(max * sizeof(*o->vm));
	o->host = malloc(max * sizeof(*o->host));
	if (!o->vm || !o->host)
		return -ENOMEM;
	for (size_t h = 0; h < r->nhosts; h++) {
		const struct report_host *x = &r->host[h];
		size_t take = x->ntrain;

		if (o->n + take > max && o->n > 0)
			break;
		take = take < max ? take : max;
		for (size_t i = 0; i < take; i++) {
			o->vm[o->n] = x->train_vm[i];
			o->host[o->n++] = h;
		}
		o->nhosts += take > 0;
	}
	return 0;
}

static int compute(const struct report *r, struct order *o)
{
	const double **rows = malloc((o->n ? o->n : 1) * sizeof(*rows));
	size_t k; /* the slots with data (trace_covered) */
	double *x = trace_read_covered(r->train_trace, RES_CPU, o->vm, o->n,
				       r->train.first, r->train.n, &k);
	int rc = -ENOMEM;

	o->c = malloc((o->n ? o->n * o->n : 1) * sizeof(*o->c));
	if (rows && x && o->c) {
		for (size_t i = 0; i < o->n; i++)
			rows[i] = x + i * k;
		rc = stats_corr(rows, o->n, k, o->c);
	}
	free(rows);
	free(x);
	return rc;
}

/* corr.csv: the matrix with the VM names (and hosts) as labels. */
static int table(struct report *r, const struct order *o)
{
	struct table_col *cols = calloc(o->n + 2, sizeof(*cols));
	struct table *t = NULL;
	int rc = cols ? 0 : -ENOMEM;

	for (size_t i = 0; rc == 0 && i < o->n + 2; i++) {
		cols[i].fmt = i < 2 ? TABLE_TEXT : TABLE_NUM;
		cols[i].name = i == 0 ? "vm"
			       : i == 1
				   ? "host"
				   : trace_name(r->train_trace, o->vm[i - 2]);
	}
	if (rc == 0)
		rc = table_create("correlation", cols, o->n + 2, &t);
	for (size_t i = 0; rc == 0 && i < o->n; i++) {
		rc = table_text(t, trace_name(r->train_trace, o->vm[i]));
		rc = rc ? rc : table_text(t, r->host[o->host[i]].name);
		for (size_t j = 0; rc == 0 && j < o->n; j++)
			rc = table_num(t, o->c[i * o->n + j]);
		rc = rc ? rc : table_end_row(t);
	}
	if (rc == 0)
		rc = table_write_csv(t, r->dir);
	table_destroy(t);
	free(cols);
	if (rc == 0)
		section_csvlink(r,
				"The matrix with VM and host names (empty "
				"where a VM's demand does not vary):",
				"correlation");
	return rc;
}

/*
 * The chart is per host, not per VM, so that it reads at 100-1,000 VMs:
 * cell (a, b) is the mean correlation over the pairs of a VM on host a
 * and one on host b (on the diagonal: the pairs sharing host a), NAN
 * where there is no such pair with varying demand. Hosts are the blocks
 * of O in order.
 */
struct hostmap {
	size_t n;      /* hosts */
	size_t *start; /* per host, its first VM in O; start[n] = O->n */
	double *m;     /* n x n means */
};

static int host_means(const struct order *o, struct hostmap *h)
{
	size_t k = 0;

	h->n = o->nhosts;
	h->start = malloc((h->n + 1) * sizeof(*h->start));
	h->m = malloc((h->n ? h->n * h->n : 1) * sizeof(*h->m));
	if (!h->start || !h->m)
		return -ENOMEM;
	for (size_t i = 0; i < o->n; i++)
		if (i == 0 || o->host[i] != o->host[i - 1])
			h->start[k++] = i;
	h->start[k] = o->n;
	for (size_t a = 0; a < h->n; a++)
		for (size_t b = 0; b < h->n; b++) {
			double sum = 0;
			size_t cnt = 0;

			for (size_t i = h->start[a]; i < h->start[a + 1]; i++)
				for (size_t j = h->start[b];
				     j < h->start[b + 1]; j++) {
					double c = o->c[i * o->n + j];

					if (i != j && !isnan(c)) {
						sum += c;
						cnt++;
					}
				}
			h->m[a * h->n + b] = cnt ? sum / (double)cnt : NAN;
		}
	return 0;
}

static int cmp_abs(const void *x, const void *y)
{
	double a = fabs(*(const double *)x), b = fabs(*(const double *)y);

	return (a > b) - (a < b);
}

/*
 * The colour scale's half-width: the 95th percentile of |mean| (so a few
 * extreme cells do not wash the rest out; they saturate), rounded up to
 * 0.01, at least 0.05. *OUT: 0 when there is no defined cell.
 */
static int scale_of(const struct hostmap *h, double *out)
{
	double *v = malloc((h->n * h->n + 1) * sizeof(*v));
	size_t k = 0;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < h->n * h->n; i++)
		if (!isnan(h->m[i]))
			v[k++] = h->m[i];
	qsort(v, k, sizeof(*v), cmp_abs);
	*out = k ? fmax(0.05, ceil(fabs(v[(k - 1) * 95 / 100]) * 100) / 100)
		 : 0.05;
	free(v);
	return 0;
}

/* correlation.dat: the host matrix, -9 where undefined. */
static int write_matrix(const struct report *r, const struct hostmap *h)
{
	FILE *fp;
	int rc = 0;

	fp = section_dat(r, "correlation.dat");
	if (!fp)
		return -errno;
	for (size_t a = 0; a < h->n; a++)
		for (size_t b = 0; b < h->n; b++) {
			double c = h->m[a * h->n + b];

			fprintf(fp, "%.4f%s", isnan(c) ? -9 : c,
				b + 1 < h->n ? "," : "\n");
		}
	if (outfile_fclose(fp))
		rc = -(errno ? errno : EIO);
	return rc;
}

/* Host names as ticks on both axes, every k-th so none overlap. */
static void host_tics(const struct report *r, const struct order *o,
		      const struct hostmap *h, FILE *fp)
{
	size_t every = h->n <= 40 ? 1 : (h->n + 39) / 40;

	for (int axis = 0; axis < 2; axis++) {
		fputs(axis ? "set ytics font ',8' ("
			   : "set xtics rotate by -90 font ',8' (",
		      fp);
		for (size_t a = 0; a < h->n; a += every) {
			fputs(a ? ", " : "", fp);
			chart_tic(fp, r->host[o->host[h->start[a]]].name);
			fprintf(fp, " %zu", a);
		}
		fputs(")\n", fp);
	}
}

/* The heat map's script: the colour scale centred at 0 spanning +-S,
 * the hosts as ticks, the diagonal outlined, the matrix write_matrix()
 * wrote. */
static void plot_script(const struct report *r, const struct order *o,
			const struct hostmap *h, double s, FILE *fp)
{
	fprintf(fp,
		"set title 'Mean correlation of cpu demand between the VMs "
		"of two hosts (Pearson, training window)'\n"
		"set palette defined (-1 '#2166ac', -0.5 '#92c5de', 0 "
		"'#f7f7f7', 0.5 '#f4a582', 1 '#b2182b')\n"
		"set cbrange [%.2f:%.2f]\nset cblabel 'mean correlation (0 = "
		"independent)'\n"
		"set xlabel 'host'\nset ylabel 'host'\nset size square\n"
		"set xrange [-0.5:%zu.5]\nset yrange [%zu.5:-0.5]\n"
		"unset grid\nset object 1 rect from graph 0,0 to graph 1,1 "
		"behind fc rgb '#999999' fs solid noborder\n",
		-s, s, h->n - 1, h->n - 1);
	host_tics(r, o, h, fp);
	/* Outline the diagonal: the VMs that share a host. */
	for (size_t d = 0; d < h->n; d++)
		fprintf(fp,
			"set object %zu rect from %g,%g to %g,%g front fs "
			"empty border lc rgb 'black' lw 1\n",
			d + 2, d - 0.5, d - 0.5, d + 0.5, d + 0.5);
	fputs("plot 'correlation.dat' matrix using 1:2:($3 < -1.5 ? NaN : $3) "
	      "with image notitle\n",
	      fp);
}

static int chart(struct report *r, const struct order *o)
{
	struct hostmap h = {0};
	struct chart *c;
	double s;
	int rc = host_means(o, &h);

	if (rc == 0)
		rc = scale_of(&h, &s);
	if (rc == 0)
		rc = write_matrix(r, &h);
	if (rc == 0)
		rc = chart_begin(r->gnuplot, r->dir, "correlation", 760, 720,
				 &c);
	if (rc < 0)
		goto out;
	plot_script(r, o, &h, s, chart_fp(c));
	rc = section_figure(r, c, "correlation.png", 760, 720,
			    "Mean correlation between hosts' VMs",
			    "Each cell: the mean correlation between a VM on "
			    "the row's host and one on the column's; on the "
			    "diagonal, between VMs sharing that host. Red: "
			    "they rise and fall together; blue: opposite; "
			    "outlined: the diagonal; "
			    "white: independent; grey: no pair of VMs with "
			    "varying demand to correlate (on the diagonal, a "
			    "host with fewer than two such VMs, as a host of "
			    "one VM). The colour scale is centred at 0 and "
			    "spans 95 % of the cells; the rest show at full "
			    "colour.");
out:
	free(h.start);
	free(h.m);
	return rc;
}

static int text(struct report *r, const struct order *o)
{
	struct stats_corr_means m;
	size_t flat = 0;

	stats_corr_means(o->c, o->n, o->host, &m);
	for (size_t i = 0; i < o->n; i++)
		flat += isnan(o->c[i * o->n + i]);
	html_p(r->html, NULL,
	       "%zu VM%s on %zu host%s%s; %zu of them %s constant demand over "
	       "the training window (no correlation).",
	       o->n, section_s(o->n), o->nhosts, section_s(o->nhosts),
	       o->nhosts < r->nhosts ? " (the first hosts, up to --max-vms)"
				     : "",
	       flat, flat == 1 ? "has" : "have");
	if (isnan(m.within) || isnan(m.between)) {
		html_p(r->html, "concl",
		       "No host holds two VMs with varying demand (or all "
		       "VMs share one host): nothing to compare.");
		return 0;
	}
	html_p(r->html, "concl",
	       "VMs sharing a host correlate %.3f on average (%zu pair%s), "
	       "VMs on different hosts %.3f (%zu pair%s): the plan put "
	       "together VMs that are %s.",
	       m.within, m.nwithin, section_s(m.nwithin), m.between, m.nbetween,
	       section_s(m.nbetween),
	       fabs(m.within - m.between) < SAME_CORR
		   ? "about as correlated as the rest (the means differ by "
		     "less than 0.05)"
	       : m.within < m.between ? "less correlated than the rest"
				      : "more correlated than the rest");
	return section_summary(r,
			       "VMs sharing a host correlate %.3f on average, "
			       "against %.3f across hosts.",
			       m.within, m.between);
}

int section_correlation(struct report *r)
{
	struct order o = {0};
	int rc;

	html_section(r->html, "correlation", "Correlation of the VMs, by host");
	rc = pick(r, &o);
	if (rc == 0 && o.n < 2) {
		html_p(r->html, "absent",
		       "Fewer than two VMs of the plan are in the trace: no "
		       "correlation to show.");
		goto out;
	}
	if (rc == 0)
		rc = compute(r, &o);
	if (rc == 0)
		rc = text(r, &o);
	if (rc == 0 && r->gnuplot)
		rc = chart(r, &o);
	else if (rc == 0)
		section_nochart(r);
	if (rc == 0)
		rc = table(r, &o);
out:
	free(o.vm);
	free(o.host);
	free(o.c);
	return rc;
}
