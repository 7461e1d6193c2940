/*
 * cmd_size.c - `vmux size`: size each VM alone, and groups of VMs jointly,
 * at a percentile service level over a window of the trace.
 *
 * Individual size s_i = c(x_i); joint size of a group G is c(sum of x_i over
 * G); saving = 1 - joint / sum of individual sizes. c is percentile sizing
 * (models/size.h). Units are the resource's (cores, MiB, KiB/s).
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "models/size.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 256

struct size_args {
	const char *trace, *out;
	enum res res;
	double p, step, from, to;
	bool csv;
	const char *groups[MAX_GROUPS];
	int ngroups;
};

struct group_row {
	size_t members;
	double sum_individual, joint;
};

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: vmux size TRACE [options]\n\n"
		"Size each VM alone at a percentile, and groups of VMs jointly.\n\n"
		"  --resource R     cpu (default), mem, disk or net\n"
		"  --percentile P   service level: at most (100-P)%% of intervals "
		"above the size (default 95)\n"
		"  --group A,B,...  size these VMs together (repeatable); one row "
		"per group\n"
		"  --step S         slot length in seconds (default: detected)\n"
		"  --from T0        first second of the window (default: start)\n"
		"  --to T1          end of the window, exclusive (default: end)\n"
		"  --csv            CSV on standard output\n"
		"  -o FILE          CSV to FILE (written atomically)\n"
		"  -h, --help       this help\n\n"
		"CSV columns: vm,samples,mean,peak,capacity (per VM), or with "
		"--group:\ngroup,members,sum_individual,joint,saving\n");
}

static int parse_double(const char *opt, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(*out))
		return error_usage("size", "option '%s': '%s' is not a number",
				   opt, s);
	return 0;
}

static int parse_args(int argc, char **argv, struct size_args *a)
{
	static const struct option opts[] = {
		{ "resource", required_argument, NULL, 'r' },
		{ "percentile", required_argument, NULL, 'p' },
		{ "group", required_argument, NULL, 'g' },
		{ "step", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc = 0;

	while (rc == 0 && (c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (res_parse(optarg, &a->res) < 0)
				rc = error_usage("size", "option '--resource': "
					"unknown resource '%s'", optarg);
			break;
		case 'p':
			rc = parse_double("--percentile", optarg, &a->p);
			if (rc == 0 && !(a->p > 0 && a->p <= 100))
				rc = error_usage("size", "option '--percentile': "
					"must be in (0, 100]");
			break;
		case 'g':
			if (a->ngroups == MAX_GROUPS)
				return error_usage("size", "option '--group': at "
					"most %d groups", MAX_GROUPS);
			if (optarg[strspn(optarg, ",")] == '\0')
				return error_usage("size", "option '--group': "
					"'%s' names no VM", optarg);
			a->groups[a->ngroups++] = optarg;
			break;
		case 's':
			rc = parse_double("--step", optarg, &a->step);
			if (rc == 0 && !(a->step > 0))
				rc = error_usage("size", "option '--step': must "
					"be > 0");
			break;
		case 'f':
			rc = parse_double("--from", optarg, &a->from);
			break;
		case 't':
			rc = parse_double("--to", optarg, &a->to);
			break;
		case 'c':
			a->csv = true;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			return VMUX_EXIT_USAGE;
		}
	}
	if (rc)
		return rc;
	if (optind != argc - 1)
		return error_usage("size", optind < argc ? "one TRACE expected"
						       : "missing TRACE");
	a->trace = argv[optind];
	return 0;
}

/* Size group SPEC ("a,b,c") over slots [first, first+n) into *G. */
static int size_group(const struct trace *t, const struct size_args *a,
		      size_t first, size_t n, const char *spec,
		      struct group_row *g, double *sum)
{
	char *list = strdup(spec), *save = NULL, *name;
	int rc = 0;

	if (!list)
		return -ENOMEM;
	memset(sum, 0, n * sizeof(*sum));
	*g = (struct group_row){ 0, 0, 0 };
	for (name = strtok_r(list, ",", &save); name && rc == 0;
	     name = strtok_r(NULL, ",", &save)) {
		long vm = trace_find(t, name);
		const double *x;
		double s;

		if (vm < 0) {
			error_msg("size: option '--group': no VM '%s' in '%s'",
				  name, a->trace);
			rc = -EBADMSG;
			break;
		}
		x = trace_crow(t, a->res, (size_t)vm) + first;
		rc = size_percentile(x, n, a->p, &s);
		g->sum_individual += s;
		g->members++;
		for (size_t i = 0; i < n; i++)
			sum[i] += x[i];
	}
	if (rc == 0)
		g->joint = size_percentile_inplace(sum, n, a->p);
	free(list);
	return rc;
}

/* Every VM named by a --group exists: checked before any output, so that
 * a bad name leaves no partial CSV on standard output either. */
static int check_groups(const struct trace *t, const struct size_args *a)
{
	for (int i = 0; i < a->ngroups; i++) {
		const char *s = a->groups[i] + strspn(a->groups[i], ",");

		while (*s) {
			size_t len = strcspn(s, ",");
			char *name = strndup(s, len);
			long vm;

			if (!name)
				return -ENOMEM;
			vm = trace_find(t, name);
			free(name);
			if (vm < 0) {
				error_msg("size: option '--group': no VM '%.*s' "
					  "in '%s'", (int)len, s, a->trace);
				return -EBADMSG;
			}
			s += len;
			s += strspn(s, ",");
		}
	}
	return 0;
}

static void csv_quote(FILE *fp, const char *s);

static double saving(const struct group_row *g)
{
	return g->sum_individual > 0 ? 1 - g->joint / g->sum_individual : 0;
}

static int write_groups(FILE *fp, const struct trace *t,
			const struct size_args *a, size_t first, size_t n)
{
	double *sum = malloc((n ? n : 1) * sizeof(*sum));
	struct group_row g;
	int rc = sum ? 0 : -ENOMEM;

	if (rc == 0 && a->csv)
		fprintf(fp, "group,members,sum_individual,joint,saving\n");
	else if (rc == 0)
		fprintf(fp, "%-32s %7s %14s %10s %7s\n", "group", "members",
			"sum_individual", "joint", "saving");
	for (int i = 0; rc == 0 && i < a->ngroups; i++) {
		rc = size_group(t, a, first, n, a->groups[i], &g, sum);
		if (rc == 0 && a->csv) {
			csv_quote(fp, a->groups[i]);
			fprintf(fp, ",%zu,%.6g,%.6g,%.6f\n", g.members,
				g.sum_individual, g.joint, saving(&g));
		} else if (rc == 0) {
			fprintf(fp, "%-32.32s %7zu %14.4f %10.4f %6.1f%%\n",
				a->groups[i], g.members, g.sum_individual,
				g.joint, 100 * saving(&g));
		}
	}
	free(sum);
	return rc;
}

static void csv_quote(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* One CSV row per VM; the human form prints totals instead. */
static int write_vms(FILE *fp, const struct trace *t, const struct size_args *a,
		     size_t first, size_t n)
{
	double *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	double *sum = calloc(n ? n : 1, sizeof(*sum));
	double total = 0, mean, peak, cap;

	if (!tmp || !sum) {
		free(tmp);
		free(sum);
		return -ENOMEM;
	}
	if (a->csv)
		fprintf(fp, "vm,samples,mean,peak,capacity\n");
	for (size_t v = 0; v < trace_nvms(t); v++) {
		const double *x = trace_crow(t, a->res, v) + first;

		size_mean_peak(x, n, &mean, &peak);
		memcpy(tmp, x, n * sizeof(*tmp));
		cap = size_percentile_inplace(tmp, n, a->p);
		total += cap;
		for (size_t i = 0; i < n; i++)
			sum[i] += x[i];
		if (!a->csv)
			continue;
		csv_quote(fp, trace_name(t, v));
		fprintf(fp, ",%zu,%.6g,%.6g,%.6g\n", trace_samples(t, v), mean,
			peak, cap);
	}
	if (!a->csv) {
		cap = size_percentile_inplace(sum, n, a->p);
		fprintf(fp, "%zu VMs, %s at P%g over %zu slots of %g s\n"
			    "sum of individual sizes %.4f, all VMs together %.4f"
			    " (saving %.1f%%)\n",
			trace_nvms(t), res_name(a->res), a->p, n,
			trace_step(t), total, cap,
			total > 0 ? 100 * (1 - cap / total) : 0.0);
	}
	free(tmp);
	free(sum);
	return 0;
}

static int run(const struct size_args *a)
{
	struct ingest_opts io = { .step = a->step };
	struct trace *t = NULL;
	struct outfile *of = NULL;
	size_t first, n;
	int rc;

	rc = ingest_file(a->trace, &io, &t, NULL);
	if (rc < 0)
		goto out;
	if (!trace_has(t, a->res)) {
		rc = error_data(a->trace, 1, res_name(a->res),
				"no '%s' column in the header (asked for by "
				"--resource)", res_name(a->res));
		goto out;
	}
	rc = check_groups(t, a);
	if (rc < 0)
		goto out;
	if (trace_window(t, a->from, a->to, &first, &n) < 0) {
		error_msg("size: the window [%g, %g) holds no slot of '%s'",
			  a->from, a->to, a->trace);
		rc = -EBADMSG;
		goto out;
	}
	rc = outfile_open(a->out ? a->out : "-", &of);
	if (rc < 0)
		goto out;
	if (a->ngroups)
		rc = write_groups(outfile_fp(of), t, a, first, n);
	else
		rc = write_vms(outfile_fp(of), t, a, first, n);
	if (rc == 0)
		rc = outfile_commit(of);
	else
		outfile_abort(of);
out:
	trace_destroy(t);
	return rc;
}

static int size_main(int argc, char **argv)
{
	struct size_args a = { .res = RES_CPU, .p = 95, .from = -INFINITY,
			       .to = INFINITY };
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	if (a.out)
		a.csv = true;
	return error_exit_code(run(&a));
}

const struct command cmd_size = {
	"size", "size VMs alone and in groups at a percentile service level",
	size_main
};
