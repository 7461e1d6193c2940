/*
 * cmd_evaluate.c - `vmux evaluate`: replay a window of a trace through a
 * plan file and report, per host and in total, overloads, unmet demand and
 * per-VM violations (definitions in sim/plan/evaluate.h). VMs are matched by
 * name; plan VMs missing from the trace and trace VMs missing from the plan
 * are counted and reported, not fatal (unless --strict).
 */
#include "models/overhead.h"
#include "sim/cli/command.h"
#include "lib/error.h"
#include "sim/plan/evaluate.h"
#include "sim/store/ingest.h"
#include "lib/outfile.h"
#include "sim/plan/planfile.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTED 5 /* empty hosts named in a warning */

struct ev_args {
	const char *trace, *plan, *out, *virt, *overhead;
	double cap[RES_COUNT], step, from, to;
	bool csv, strict;
};

/* How the plan's names met the trace's. */
struct match {
	long *host_of;	 /* per trace VM: plan host or -1 */
	size_t *missing; /* per plan host: VMs not in the trace */
	size_t nmissing, nunplanned;
	long first_missing;   /* plan row, or -1 */
	long first_unplanned; /* trace VM, or -1 */
};

static void usage(FILE *fp)
{
	fprintf(
	    fp,
	    "usage: vmux evaluate TRACE --plan PLAN --host-cpu C [options]\n\n"
	    "Replay a window of TRACE through PLAN (a CSV with vm and host "
	    "columns, as\nwritten by vmux plan) and report per host and in "
	    "total how often hosts are\noverloaded, how much demand goes "
	    "unmet and how often VMs get less than they\nask. VMs are "
	    "matched by name.\n\n"
	    "  --plan PLAN      the plan file (required)\n"
	    "  --host-cpu C     cores per host (required)\n"
	    "  --host-mem M     MiB per host (constrains mem too)\n"
	    "  --host-disk D    KiB/s per host (constrains disk too)\n"
	    "  --host-net N     KiB/s per host (constrains net too)\n"
	    "  --from T0        first second of the window (default: start)\n"
	    "  --to T1          end of the window, exclusive (default: end)\n"
	    "  --step S         slot length in seconds (default: detected)\n"
	    "  --strict         a VM in only one of PLAN and TRACE is an "
	    "error (exit 65)\n"
	    "  --virt STYLE     replay demand inflated by STYLE's overhead "
	    "(as vmux plan\n"
	    "                   --virt did): each capacity is divided by the "
	    "factor\n"
	    "  --overhead FILE  factors for --virt (default "
	    "models/overhead-literature.csv)\n"
	    "  --csv            CSV on standard output\n"
	    "  -o FILE          CSV to FILE (written atomically)\n"
	    "  -h, --help       this help\n\n"
	    "Per host, D(s) = summed demand of its VMs in slot s, cap = "
	    "its capacity:\n"
	    "  overload_rate   slots with D(s) > cap on ANY constrained "
	    "resource / slots\n"
	    "  unmet_fraction  sum of (D(s) - cap) over overloaded slots / "
	    "sum of D(s),\n"
	    "                  for cpu (per resource in unmet_R when "
	    "several are given)\n"
	    "  violation_rate  VM-slots where the VM gets less than it asks "
	    "/ VM-slots; an\n"
	    "                  overloaded host splits capacity in proportion "
	    "to demand, so\n"
	    "                  every VM asking for an overloaded resource "
	    "is short\n"
	    "The total row adds host-slots, excess, demand and VM-slots over "
	    "hosts, then\ndivides. Overload allows 1e-9 relative rounding. "
	    "A host whose VMs are all\nmissing from TRACE has slots 0 and "
	    "empty rates.\n\n"
	    "CSV columns: host,vms,missing,slots,overload_rate,"
	    "unmet_fraction,\nviolation_rate[,overload_R,unmet_R for each "
	    "constrained resource R when\nseveral are]; last row host = "
	    "total.\n");
}

static int parse_double(const char *opt, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(*out))
		return error_usage("evaluate",
				   "option '%s': '%s' is not a number", opt, s);
	return 0;
}

static int parse_positive(const char *opt, const char *s, double *out)
{
	int rc = parse_double(opt, s, out);

	if (rc == 0 && !(*out > 0))
		rc = error_usage("evaluate", "option '%s': must be > 0", opt);
	return rc;
}

static const struct option long_opts[] = {
    {"plan", required_argument, NULL, 'P'},
    {"host-cpu", required_argument, NULL, 'C'},
    {"host-mem", required_argument, NULL, 'M'},
    {"host-disk", required_argument, NULL, 'D'},
    {"host-net", required_argument, NULL, 'N'},
    {"from", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"step", required_argument, NULL, 's'},
    {"strict", no_argument, NULL, 'S'},
    {"virt", required_argument, NULL, 'V'},
    {"overhead", required_argument, NULL, 'O'},
    {"csv", no_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* One option; 0, a usage exit status, or -1 for --help. */
static int parse_opt(int c, struct ev_args *a)
{
	switch (c) {
	case 'P':
		a->plan = optarg;
		return 0;
	case 'C':
		return parse_positive("--host-cpu", optarg, &a->cap[RES_CPU]);
	case 'M':
		return parse_positive("--host-mem", optarg, &a->cap[RES_MEM]);
	case 'D':
		return parse_positive("--host-disk", optarg,
				      &a->cap[RES_DISK]);
	case 'N':
		return parse_positive("--host-net", optarg, &a->cap[RES_NET]);
	case 'f':
		return parse_double("--from", optarg, &a->from);
	case 't':
		return parse_double("--to", optarg, &a->to);
	case 's':
		return parse_positive("--step", optarg, &a->step);
	case 'S':
		a->strict = true;
		return 0;
	case 'V':
		a->virt = optarg;
		return 0;
	case 'O':
		a->overhead = optarg;
		return 0;
	case 'c':
		a->csv = true;
		return 0;
	case 'o':
		a->out = optarg;
		return 0;
	case 'h':
		usage(stdout);
		return -1;
	default:
		return VMUX_EXIT_USAGE;
	}
}

static int parse_args(int argc, char **argv, struct ev_args *a)
{
	int c, rc = 0;

	while (rc == 0 &&
	       (c = getopt_long(argc, argv, "o:h", long_opts, NULL)) != -1)
		rc = parse_opt(c, a);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return error_usage("evaluate", optind < argc
						   ? "one TRACE expected"
						   : "missing TRACE");
	if (!a->plan)
		return error_usage("evaluate", "option '--plan' is required");
	if (!(a->cap[RES_CPU] > 0))
		return error_usage("evaluate",
				   "option '--host-cpu' is required");
	if (!(a->from < a->to))
		return error_usage("evaluate",
				   "option '--to': must be after '--from'");
	if (a->overhead && !a->virt)
		return error_usage("evaluate",
				   "option '--overhead': needs '--virt'");
	a->trace = argv[optind];
	return 0;
}

/* Every constrained resource in the trace, and a window with slots. */
static int check_trace(const struct trace *t, const struct ev_args *a,
		       struct eval_opts *o)
{
	double f[RES_COUNT];
	unsigned found;
	int rc;

	for (int r = 0; r < RES_COUNT; r++)
		f[r] = 1;
	/* Demand x f over capacity C is overloaded exactly when demand is
	   over C / f, and the unmet fractions agree: divide the capacity. */
	if (a->virt) {
		rc = overhead_load(a->overhead ? a->overhead
				   : "models/overhead-literature.csv",
				   a->virt, f, &found);
		if (rc < 0)
			return rc;
	}
	for (int r = 0; r < RES_COUNT; r++) {
		o->cap[r] = a->cap[r] / f[r];
		if (a->cap[r] > 0 && !trace_has(t, (enum res)r)) {
			error_msg("evaluate: option '--host-%s': '%s' has no "
				  "'%s' column",
				  res_name((enum res)r), a->trace,
				  res_name((enum res)r));
			return -EBADMSG;
		}
	}
	if (trace_window(t, a->from, a->to, &o->first, &o->nslots) < 0) {
		error_msg("evaluate: the window [%g, %g) holds no slot of '%s'",
			  a->from, a->to, a->trace);
		return -EBADMSG;
	}
	return 0;
}

static void match_free(struct match *m)
{
	free(m->host_of);
	free(m->missing);
}

/* Place each plan VM found in the trace; count the rest both ways. */
static int match_names(const struct trace *t, const struct planfile *pf,
		       struct match *m)
{
	size_t nvms = trace_nvms(t);

	m->host_of = malloc((nvms ? nvms : 1) * sizeof(long));
	m->missing = calloc(planfile_nhosts(pf), sizeof(size_t));
	m->first_missing = m->first_unplanned = -1;
	if (!m->host_of || !m->missing)
		return -ENOMEM;
	for (size_t v = 0; v < nvms; v++)
		m->host_of[v] = -1;
	for (size_t i = 0; i < planfile_nvms(pf); i++) {
		long v = trace_find(t, planfile_vm(pf, i));
		size_t h = planfile_vm_host(pf, i);

		if (v >= 0) {
			m->host_of[v] = (long)h;
			continue;
		}
		m->missing[h]++;
		if (m->nmissing++ == 0)
			m->first_missing = (long)i;
	}
	for (size_t v = 0; v < nvms; v++)
		if (m->host_of[v] < 0 && m->nunplanned++ == 0)
			m->first_unplanned = (long)v;
	return 0;
}

/* Fatal mismatches: nothing in common, or anything with --strict. */
static int match_check(const struct trace *t, const struct planfile *pf,
		       const struct match *m, const struct ev_args *a)
{
	long i = m->first_missing;

	if (m->nmissing == planfile_nvms(pf))
		return error_data(
		    a->plan, planfile_vm_line(pf, 0), "vm",
		    "none of the plan's %zu VMs is in '%s' (is it "
		    "the plan of another trace?)",
		    m->nmissing, a->trace);
	if (a->strict && i >= 0)
		return error_data(a->plan, planfile_vm_line(pf, (size_t)i),
				  "vm", "VM '%s' is not in '%s' (--strict)",
				  planfile_vm(pf, (size_t)i), a->trace);
	if (a->strict && m->first_unplanned >= 0) {
		error_msg("evaluate: VM '%s' of '%s' is not in the plan '%s' "
			  "(--strict)",
			  trace_name(t, (size_t)m->first_unplanned), a->trace,
			  a->plan);
		return -EBADMSG;
	}
	return 0;
}

static void warn_mismatch(const struct trace *t, const struct planfile *pf,
			  const struct match *m, const struct ev_args *a)
{
	size_t empty = 0, n;

	if (m->nmissing)
		error_warn("evaluate: %zu VM(s) of the plan are not in '%s': "
			   "counted as missing, not evaluated (first '%s', "
			   "%s:%lu)",
			   m->nmissing, a->trace,
			   planfile_vm(pf, (size_t)m->first_missing), a->plan,
			   planfile_vm_line(pf, (size_t)m->first_missing));
	if (m->nunplanned)
		error_warn("evaluate: %zu VM(s) of '%s' are not in the plan: "
			   "their demand is not evaluated (first '%s')",
			   m->nunplanned, a->trace,
			   trace_name(t, (size_t)m->first_unplanned));
	for (size_t h = 0; h < planfile_nhosts(pf); h++) {
		const size_t *rows = planfile_host_rows(pf, h, &n);

		if (m->missing[h] < n)
			continue;
		if (empty++ < MAX_LISTED)
			error_warn("evaluate: host '%s' (%s:%lu): none of its "
				   "%zu VM(s) is in '%s': slots = 0",
				   planfile_host(pf, h), a->plan,
				   planfile_vm_line(pf, rows[0]), n, a->trace);
	}
	if (empty > MAX_LISTED)
		error_warn("evaluate: ... and %zu more host(s) with no VM in "
			   "'%s'",
			   empty - MAX_LISTED, a->trace);
}

static void csv_quote(FILE *fp, const char *s)
{
	size_t n = strlen(s);

	if (!strpbrk(s, ",\"\r\n") &&
	    !(n && (s[0] == ' ' || s[n - 1] == ' '))) {
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

/* ",value" with 6 decimals, or "," alone when undefined. */
static void put_rate(FILE *fp, double x)
{
	if (isnan(x))
		fputc(',', fp);
	else
		fprintf(fp, ",%.6f", x);
}

static int nconstrained(const double *cap)
{
	int n = 0;

	for (int r = 0; r < RES_COUNT; r++)
		n += cap[r] > 0;
	return n;
}

static void csv_row(FILE *fp, const char *host, const struct eval_stats *s,
		    size_t missing, const double *cap)
{
	csv_quote(fp, host);
	fprintf(fp, ",%zu,%zu,%zu", s->vms, missing, s->slots);
	put_rate(fp, eval_overload_rate(s));
	put_rate(fp, eval_unmet_fraction(s, RES_CPU));
	put_rate(fp, eval_violation_rate(s));
	for (int r = 0; nconstrained(cap) > 1 && r < RES_COUNT; r++) {
		if (!(cap[r] > 0))
			continue;
		put_rate(fp, eval_overload_rate_res(s, (enum res)r));
		put_rate(fp, eval_unmet_fraction(s, (enum res)r));
	}
	fputc('\n', fp);
}

static void write_csv(FILE *fp, const struct planfile *pf,
		      const struct match *m, const struct eval_stats *hosts,
		      const struct eval_stats *total, const double *cap)
{
	fputs("host,vms,missing,slots,overload_rate,unmet_fraction,"
	      "violation_rate",
	      fp);
	for (int r = 0; nconstrained(cap) > 1 && r < RES_COUNT; r++)
		if (cap[r] > 0)
			fprintf(fp, ",overload_%s,unmet_%s",
				res_name((enum res)r),
				res_name((enum res)r));
	fputc('\n', fp);
	for (size_t h = 0; h < planfile_nhosts(pf); h++)
		csv_row(fp, planfile_host(pf, h), &hosts[h], m->missing[h],
			cap);
	csv_row(fp, "total", total, m->nmissing, cap);
}

/* The host with the highest overload rate not yet listed (-1 if none). */
static long worst_host(const struct eval_stats *hosts, size_t n,
		       const bool *listed)
{
	long best = -1;

	for (size_t h = 0; h < n; h++) {
		if (listed[h] || !hosts[h].overloaded)
			continue;
		if (best < 0 || eval_overload_rate(&hosts[h]) >
				    eval_overload_rate(&hosts[best]))
			best = (long)h;
	}
	return best;
}

static void human_worst(FILE *fp, const struct planfile *pf,
			const struct eval_stats *hosts)
{
	size_t n = planfile_nhosts(pf), over = 0;
	bool *listed = calloc(n, sizeof(bool));
	long h;

	for (size_t k = 0; k < n; k++)
		over += hosts[k].overloaded > 0;
	fprintf(fp, "hosts overloaded at least once: %zu of %zu", over, n);
	for (int k = 0;
	     listed && k < 3 && (h = worst_host(hosts, n, listed)) >= 0; k++) {
		listed[h] = true;
		fprintf(fp, "%s host %s %.1f %%",
			k ? "," : "; worst:", planfile_host(pf, (size_t)h),
			100 * eval_overload_rate(&hosts[h]));
	}
	fputc('\n', fp);
	free(listed);
}

static void write_human(FILE *fp, const struct trace *t,
			const struct planfile *pf, const struct match *m,
			const struct eval_stats *hosts,
			const struct eval_stats *total,
			const struct eval_opts *o)
{
	fprintf(fp,
		"plan %s: %zu hosts, %zu VMs; trace: %zu slots of %g s "
		"from %.0f s\n",
		planfile_path(pf), planfile_nhosts(pf), planfile_nvms(pf),
		o->nslots, trace_step(t),
		trace_start(t) + (double)o->first * trace_step(t));
	fprintf(fp,
		"VMs evaluated %zu, missing from the trace %zu, in the "
		"trace but not planned %zu\n",
		total->vms, m->nmissing, m->nunplanned);
	fprintf(fp,
		"host-slots %zu: overloaded %.2f %%, VM-slots violated "
		"%.2f %%\n",
		total->slots, 100 * eval_overload_rate(total),
		100 * eval_violation_rate(total));
	for (int r = 0; r < RES_COUNT; r++)
		if (o->cap[r] > 0)
			fprintf(fp,
				"  %-4s capacity %g: overloaded %.2f %% of "
				"host-slots, unmet %.3f %% of demand\n",
				res_name((enum res)r), o->cap[r],
				100 * eval_overload_rate_res(total,
							     (enum res)r),
				100 * eval_unmet_fraction(total,
							  (enum res)r));
	human_worst(fp, pf, hosts);
}

static int report(const struct ev_args *a, const struct trace *t,
		  const struct planfile *pf, const struct match *m,
		  const struct eval_opts *o)
{
	size_t nh = planfile_nhosts(pf);
	struct eval_stats *hosts = calloc(nh, sizeof(*hosts)), total;
	struct outfile *of = NULL;
	int rc = hosts ? 0 : -ENOMEM;

	if (rc == 0)
		rc = eval_placement(t, m->host_of, nh, o, hosts, &total);
	if (rc == 0)
		rc = outfile_open(a->out ? a->out : "-", &of);
	if (rc == 0 && a->csv)
		write_csv(outfile_fp(of), pf, m, hosts, &total, o->cap);
	else if (rc == 0)
		write_human(outfile_fp(of), t, pf, m, hosts, &total, o);
	if (rc == 0)
		rc = outfile_commit(of);
	free(hosts);
	return rc;
}

static int run(const struct ev_args *a)
{
	struct ingest_opts io = {.step = a->step};
	struct planfile *pf = NULL;
	struct trace *t = NULL;
	struct match m = {0};
	struct eval_opts o = {0};
	int rc;

	/* The plan first: a bad plan fails before a large trace is read. */
	rc = planfile_read(a->plan, &pf);
	if (rc == 0)
		rc = ingest_file(a->trace, &io, &t, NULL);
	if (rc == 0)
		rc = check_trace(t, a, &o);
	if (rc == 0)
		rc = match_names(t, pf, &m);
	if (rc == 0)
		rc = match_check(t, pf, &m, a);
	if (rc == 0) {
		warn_mismatch(t, pf, &m, a);
		rc = report(a, t, pf, &m, &o);
	}
	match_free(&m);
	trace_destroy(t);
	planfile_destroy(pf);
	return rc;
}

static int evaluate_main(int argc, char **argv)
{
	struct ev_args a = {.from = -INFINITY, .to = INFINITY};
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	if (a.out)
		a.csv = true;
	return error_exit_code(run(&a));
}

const struct command cmd_evaluate = {
    "evaluate",
    "replay a trace window through a plan: overloads, unmet "
    "demand, violations",
    evaluate_main};
