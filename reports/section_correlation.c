/*
 * section_correlation.c - how the VMs' cpu demands move together: the
 * Pearson correlation of every pair over the training window, as a heat
 * map with the VMs ordered by host (host blocks on the diagonal), and the
 * mean correlation inside hosts against across them. A planner that puts
 * complementary VMs together shows lower correlation inside the blocks.
 * At most max_vms VMs: whole hosts in plan order while they fit. Means
 * that differ by less than SAME_CORR are called "about as correlated".
 */
#include "reports/chart.h"
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
	int rc = -ENOMEM;

	o->c = malloc((o->n ? o->n * o->n : 1) * sizeof(*o->c));
	if (rows && o->c) {
		for (size_t i = 0; i < o->n; i++)
			rows[i] =
			    trace_crow(r->train_trace, RES_CPU, o->vm[i]) +
			    r->train.first;
		rc = stats_corr(rows, o->n, r->train.n, o->c);
	}
	free(rows);
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

/* correlation.dat: the bare matrix, -2 where undefined. */
static int write_matrix(const struct report *r, const struct order *o)
{
	char *path;
	FILE *fp;
	int rc = 0;

	if (asprintf(&path, "%s/correlation.dat", r->dir) < 0)
		return -ENOMEM;
	fp = fopen(path, "w");
	free(path);
	if (!fp)
		return -errno;
	for (size_t i = 0; i < o->n; i++)
		for (size_t j = 0; j < o->n; j++) {
			double c = o->c[i * o->n + j];

			fprintf(fp, "%.4f%s", isnan(c) ? -2 : c,
				j + 1 < o->n ? "," : "\n");
		}
	if (fclose(fp))
		rc = -(errno ? errno : EIO);
	return rc;
}

/* Lines between host blocks; host names at the blocks if few. */
static void blocks(const struct report *r, const struct order *o, FILE *fp)
{
	bool names = o->nhosts <= 30;
	size_t start = 0;

	if (names)
		fputs("set xtics rotate by -90 font ',8' (", fp);
	for (size_t i = 1; i <= o->n; i++) {
		if (i < o->n && o->host[i] == o->host[i - 1])
			continue;
		if (names) {
			fputs(start ? ", " : "", fp);
			chart_tic(fp, r->host[o->host[start]].name);
			fprintf(fp, " %.1f", (double)(start + i - 1) / 2);
		}
		start = i;
	}
	fputs(names ? ")\nset ytics font ',8' (" : "unset xtics\n", fp);
	start = 0;
	for (size_t i = 1; names && i <= o->n; i++) {
		if (i < o->n && o->host[i] == o->host[i - 1])
			continue;
		fputs(start ? ", " : "", fp);
		chart_tic(fp, r->host[o->host[start]].name);
		fprintf(fp, " %.1f", (double)(start + i - 1) / 2);
		start = i;
	}
	fputs(names ? ")\n" : "unset ytics\n", fp);
	for (size_t i = 1; i < o->n; i++)
		if (o->host[i] != o->host[i - 1])
			fprintf(fp,
				"set arrow from %zu.5,graph 0 to %zu.5,graph 1 "
				"nohead front lw 0.6 lc rgb 'black'\n"
				"set arrow from graph 0,first %zu.5 to graph "
				"1,first %zu.5 nohead front lw 0.6 lc rgb "
				"'black'\n",
				i - 1, i - 1, i - 1, i - 1);
}

static int chart(struct report *r, const struct order *o)
{
	struct chart *c;
	FILE *fp;
	int rc = write_matrix(r, o);

	if (rc == 0)
		rc = chart_begin(r->gnuplot, r->dir, "correlation", 760, 700,
				 &c);
	if (rc < 0)
		return rc;
	fp = chart_fp(c);
	fprintf(fp,
		"set title 'Correlation of the VMs'' cpu demand (Pearson, "
		"training window), VMs ordered by host'\n"
		"set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')\n"
		"set cbrange [-1:1]\nset cblabel 'correlation'\n"
		"set xlabel 'VM (grouped by host)'\n"
		"set ylabel 'VM (grouped by host)'\nset size square\n"
		"set xrange [-0.5:%zu.5]\nset yrange [%zu.5:-0.5]\n"
		"unset grid\nset object 1 rect from graph 0,0 to graph 1,1 "
		"behind fc rgb '#999999' fs solid noborder\n",
		o->n - 1, o->n - 1);
	blocks(r, o, fp);
	fputs("plot 'correlation.dat' matrix using 1:2:($3 < -1.5 ? NaN : $3) "
	      "with image notitle\n",
	      fp);
	rc = chart_finish(c);
	if (rc == 0)
		html_figure(r->html, "correlation.png", 760, 700,
			    "Correlation heat map of the VMs, ordered by host",
			    "Red: VMs whose demand rises and falls together; "
			    "blue: opposite; grey: a VM whose demand does not "
			    "vary. Lines separate hosts: the squares on the "
			    "diagonal are the VMs sharing a host.");
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
	       "%zu VMs on %zu hosts%s; %zu of them have constant demand over "
	       "the training window (no correlation).",
	       o->n, o->nhosts,
	       o->nhosts < r->nhosts ? " (the first hosts, up to --max-vms)"
				     : "",
	       flat);
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
