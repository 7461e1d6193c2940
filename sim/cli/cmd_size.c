/*
 * cmd_size.c - `vmux size`: size each VM alone, and groups of VMs jointly,
 * at a percentile service level over a window of the trace.
 *
 * Individual size s_i = c(x_i); joint size of a group G is c(sum of x_i over
 * G); saving = 1 - joint / sum of individual sizes. c is percentile sizing
 * (models/size.h). Units are the resource's (cores, MiB, KiB/s).
 */
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "lib/csvlist.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/numtext.h"
#include "sim/plan/hostsize.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "lib/textwidth.h"
#include "models/size.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct size_args {
	const char *trace;
	int res; /* enum res */
	double p, step;
	struct cli_window win;
	struct cli_output out;
	struct opt_strings groups;
	/* Each --group's VMs, split by check(); size_main frees them. */
	struct csvlist *lists;
};

/* The --group VMs found in the trace: group i's indices and its label
 * (arrays of one entry per --group). */
struct size_groups {
	long **vms;
	char **labels;
};

struct group_row {
	size_t members;
	double sum_individual, joint;
};

#define A(F, T) OPT_AT(struct size_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE", A(trace, const char *)),
    OPT_CHOICE(OPT_ENUM, "resource", A(res, int), "R", res_names,
	       "the resource to size (default cpu)"),
    OPT_INCLUDE(cli_percentile_opts, A(p, double)),
    OPT_LIST("group", A(groups, struct opt_strings), "A,B,...",
	     "size these VMs together (repeatable); one row per group;\n"
	     "a CSV record: quote a name with a comma (\"web,eu\"),\n"
	     "spaces around a name are dropped"),
    OPT_INCLUDE(cli_step_opts, A(step, double)),
    OPT_INCLUDE(cli_window_opts, A(win, struct cli_window)),
    OPT_INCLUDE(cli_output_opts, A(out, struct cli_output)),
    OPT_RELATE("--csv", .excludes = "-o",
	       .why = "--csv writes the CSV on standard output, -o to FILE"),
    OPT_TABLE_END,
};

/*
 * Each --group is one CSV record of VM names (lib/csvlist.h: quoted and
 * trimmed as the trace's vm field), at least one, none named twice: split
 * here into a->lists. --csv (the CSV on standard output) and -o (the CSV
 * to FILE) are alternatives (the table's rule): both was -o alone, --csv
 * dropped unsaid.
 */
static int check(const struct opt_cmd *c, void *args)
{
	struct size_args *a = args;
	const char *why, *twice;
	int rc = 0;

	a->lists = calloc(a->groups.n + 1, sizeof(*a->lists));
	if (!a->lists)
		return error_exit_code(-ENOMEM);
	for (size_t i = 0; rc == 0 && i < a->groups.n; i++) {
		rc = csvlist_split(a->groups.v[i], &a->lists[i], &why);
		if (rc == -EINVAL)
			return opt_error(c, "--group", "'%s': %s",
					 a->groups.v[i], why);
		twice = rc ? NULL : csvlist_repeated(&a->lists[i], &rc);
		if (twice)
			return opt_error(c, "--group",
					 "'%s' names VM '%s' twice",
					 a->groups.v[i], twice);
	}
	return rc ? error_exit_code(rc) : 0;
}

static const struct opt_cmd cmd = {
    .name = "size",
    .about = "Size each VM alone at a percentile, and groups of VMs "
	     "jointly.\n",
    .more = "CSV columns: vm,samples,mean,peak,capacity (per VM), or with "
	    "--group:\ngroup,members,sum_individual,joint,saving\n",
    .opts = options,
    .check = check,
};

/* Size the group of VMs VMS (indices in T) over slots [first, first+n)
 * into *G; SUM and X are scratch of N doubles. */
static int size_group(const struct trace *t, const struct size_args *a,
		      size_t first, size_t n, const long *vms, size_t nvms,
		      struct group_row *g, double *sum, double *x)
{
	size_t k = 0; /* covered slots: the same for every VM */
	int rc = 0;

	memset(sum, 0, n * sizeof(*sum));
	*g = (struct group_row){0, 0, 0};
	for (size_t m = 0; m < nvms && rc == 0; m++) {
		double s = 0;

		trace_read(t, (enum res)a->res, (size_t)vms[m], first, n, x);
		k = trace_keep_covered(t, first, n, x);
		if (k)
			rc = size_percentile(x, k, a->p, &s);
		g->sum_individual += s;
		g->members++;
		for (size_t i = 0; i < k; i++)
			sum[i] += x[i];
	}
	if (rc == 0)
		g->joint = k ? size_percentile_inplace(sum, k, a->p) : 0;
	return rc;
}

/* The groups' VMs as indices in T (VMS[i] holds group i's) and their
 * labels (the names written back as one CSV record): before any output,
 * so that a VM the trace lacks leaves no partial CSV on standard output. */
static int find_groups(const struct trace *t, const struct size_args *a,
		       struct size_groups *g)
{
	long **vms = g->vms = calloc(a->groups.n + 1, sizeof(*vms));
	char **labels = g->labels = calloc(a->groups.n + 1, sizeof(*labels));

	if (!vms || !labels)
		return -ENOMEM;
	for (size_t i = 0; i < a->groups.n; i++) {
		const struct csvlist *l = &a->lists[i];

		vms[i] = malloc(l->n * sizeof(*vms[i]));
		labels[i] = csvlist_join(l);
		if (!vms[i] || !labels[i])
			return -ENOMEM;
		for (size_t m = 0; m < l->n; m++) {
			vms[i][m] = trace_find(t, l->v[m]);
			if (vms[i][m] < 0) {
				error_msg("size: option '--group': no VM '%s' "
					  "in '%s'",
					  l->v[m], a->trace);
				return -EBADMSG;
			}
		}
	}
	return 0;
}

/* The group's saving: NAN where it is undefined (hostsize_saving). */
static double saving(const struct group_row *g)
{
	return hostsize_saving(g->sum_individual, g->joint);
}

/* The width of the table's group column: its longest label. */
static size_t group_width(char *const *labels, size_t n)
{
	size_t w = strlen("group");

	for (size_t i = 0; i < n; i++)
		if (textwidth(labels[i]) > w)
			w = textwidth(labels[i]);
	return w;
}

/*
 * ",X" with the fewest digits (6 to 9) that read back as the same float:
 * the store holds floats, so more digits print their rounding (0.7 as
 * 0.6999999881) and a fixed 6 lost values (1048576 MiB as 1.04858e+06).
 */
static void put_num(FILE *fp, double x)
{
	char buf[32];

	fprintf(fp, ",%s", numtext_fewest(buf, sizeof(buf), x, true));
}

static void group_row(FILE *fp, bool csv, size_t w, const char *label,
		      const struct group_row *g)
{
	if (csv) {
		csvout_field(fp, label);
		fprintf(fp, ",%zu", g->members);
		put_num(fp, g->sum_individual);
		put_num(fp, g->joint);
		fputc(',', fp);
		csvout_rate(fp, saving(g));
		fputc('\n', fp);
	} else {
		textwidth_pad(fp, label, w);
		fprintf(fp, " %7zu %14.4f %10.4f", g->members,
			g->sum_individual, g->joint);
		if (isnan(saving(g))) /* no member needs any capacity */
			fprintf(fp, " %7s\n", "n/a");
		else
			fprintf(fp, " %6.1f%%\n", 100 * saving(g));
	}
}

static int write_groups(FILE *fp, const struct trace *t,
			const struct size_args *a, const struct size_groups *gs,
			size_t first, size_t n)
{
	double *sum = malloc((n ? 2 * n : 1) * sizeof(*sum));
	size_t w = group_width(gs->labels, a->groups.n);
	struct group_row g;
	bool na = false; /* a saving n/a: said why below the table */
	int rc = sum ? 0 : -ENOMEM;

	if (rc == 0 && a->out.csv)
		fprintf(fp, "group,members,sum_individual,joint,saving\n");
	else if (rc == 0) {
		fprintf(fp, "%zu group%s, %s at P%g, sizes in %s\n",
			a->groups.n, a->groups.n == 1 ? "" : "s",
			res_name((enum res)a->res), a->p,
			res_unit((enum res)a->res));
		textwidth_pad(fp, "group", w);
		fprintf(fp, " %7s %14s %10s %7s\n", "members", "sum_individual",
			"joint", "saving");
	}
	for (size_t i = 0; rc == 0 && i < a->groups.n; i++) {
		rc = size_group(t, a, first, n, gs->vms[i], a->lists[i].n, &g,
				sum, sum + n);
		if (rc == 0)
			group_row(fp, a->out.csv, w, gs->labels[i], &g);
		na |= rc == 0 && isnan(saving(&g));
	}
	if (na && !a->out.csv)
		fprintf(fp, "saving n/a: no VM of the group needs any "
			    "capacity\n");
	free(sum);
	return rc;
}

/* VM's R over window slots [FIRST, FIRST + N) added into SUM. */
static void add_vm(const struct trace *t, enum res r, size_t vm, size_t first,
		   size_t n, double *sum)
{
	size_t lo, hi;
	double sc;
	const float *x = trace_overlap(t, r, vm, first, n, &lo, &hi, &sc);

	for (size_t i = lo; i < hi; i++)
		sum[i] += x[i - lo] / sc;
}

/*
 * One CSV row per VM; the human form prints totals instead. Each VM is
 * sized on the store's values without a copy; only the human form's sum
 * over all VMs takes a double per slot.
 */
static int write_vms(FILE *fp, const struct trace *t, const struct size_args *a,
		     size_t first, size_t n)
{
	double *sum = a->out.csv ? NULL : calloc(n ? n : 1, sizeof(*sum));
	double total = 0, mean, peak, cap;
	enum res r = (enum res)a->res;
	char sv[64];

	if (!a->out.csv && !sum)
		return -ENOMEM;
	if (a->out.csv)
		fprintf(fp, "vm,samples,mean,peak,capacity\n");
	for (size_t v = 0; v < trace_nvms(t); v++) {
		trace_mean_peak(t, r, v, first, n, &mean, &peak);
		if (sum)
			add_vm(t, r, v, first, n, sum);
		cap = trace_percentile(t, r, v, first, n, a->p);
		total += cap;
		if (!a->out.csv)
			continue;
		csvout_field(fp, trace_name(t, v));
		fprintf(fp, ",%zu", trace_samples(t, v));
		put_num(fp, mean);
		put_num(fp, peak);
		put_num(fp, cap);
		fputc('\n', fp);
	}
	if (!a->out.csv) {
		n = trace_keep_covered(t, first, n, sum);
		cap = n ? size_percentile_inplace(sum, n, a->p) : 0;
		fprintf(fp,
			"%zu VM%s, %s at P%g over %zu slot%s of %g s, sizes "
			"in %s\n"
			"sum of individual sizes %.4f, all VMs together %.4f"
			" (%s)\n",
			trace_nvms(t), trace_nvms(t) == 1 ? "" : "s",
			res_name((enum res)a->res), a->p, n, n == 1 ? "" : "s",
			trace_step(t), res_unit((enum res)a->res), total, cap,
			hostsize_saving_text(hostsize_saving(total, cap), sv,
					     sizeof(sv)));
	}
	free(sum);
	return 0;
}

/* The groups' table, or the VMs', to -o FILE or standard output. */
static int write_out(const struct trace *t, const struct size_args *a,
		     const struct size_groups *g, size_t first, size_t n)
{
	struct outfile *of = NULL;
	int rc = outfile_open(a->out.out ? a->out.out : "-", &of);

	if (rc < 0)
		return rc;
	if (a->groups.n)
		rc = write_groups(outfile_fp(of), t, a, g, first, n);
	else
		rc = write_vms(outfile_fp(of), t, a, first, n);
	if (rc == 0)
		return outfile_commit(of);
	outfile_abort(of);
	return rc;
}

static int run(const struct size_args *a)
{
	struct ingest_opts io = {.step = a->step};
	struct trace *t = NULL;
	struct size_groups g = {NULL, NULL};
	size_t first, n;
	int rc;

	rc = ingest_file(a->trace, &io, &t, NULL);
	if (rc == 0)
		rc = ingest_step_known(a->trace, t, &io);
	if (rc < 0)
		goto out;
	if (!trace_has(t, (enum res)a->res)) {
		rc = error_data(a->trace, 1, res_name((enum res)a->res),
				"no '%s' column in the header (asked for by "
				"--resource)",
				res_name((enum res)a->res));
		goto out;
	}
	rc = find_groups(t, a, &g);
	if (rc < 0)
		goto out;
	rc = trace_window_say(t, a->win.from, a->win.to, "size", "window",
			      a->trace, &first, &n);
	if (rc == 0)
		rc = write_out(t, a, &g, first, n);
out:
	for (size_t i = 0; g.vms && g.labels && i < a->groups.n; i++) {
		free(g.vms[i]);
		free(g.labels[i]);
	}
	free(g.vms);
	free(g.labels);
	trace_destroy(t);
	return rc;
}

static int size_main(int argc, char **argv)
{
	struct size_args a = {.res = RES_CPU, .p = 95, .win = CLI_WINDOW_ALL};
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (a.out.out)
		a.out.csv = true;
	rc = rc ? opt_status(rc) : error_exit_code(run(&a));
	for (size_t i = 0; a.lists && i < a.groups.n; i++)
		csvlist_free(&a.lists[i]);
	free(a.lists);
	opt_strings_free(&a.groups);
	return rc;
}

const struct command cmd_size = {
    "size", "size VMs alone and in groups at a percentile service level",
    size_main, &cmd};
