/*
 * cmd_report.c - `vmux report`: the consolidation report (HTML page,
 * gnuplot charts, CSV tables) from a trace, a plan and the optional outputs
 * of evaluate, frontier, bench and validate (reports/report.h).
 */
#include "reports/report.h"
#include "sim/cli/command.h"
#include "lib/error.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
	fputs(
	    "usage: vmux report --trace TRACE --plan PLAN [options] -o DIR\n\n"
	    "Write DIR/index.html: the plan's multiplexing gain, its "
	    "out-of-sample\nevaluation, demand over time on the busiest "
	    "hosts, the frontier, the VMs'\ncorrelation, the "
	    "virtualization overhead and the validation on real guests,\n"
	    "each with a chart (gnuplot, PNG beside the page), the text that "
	    "explains it\nand its table (also as CSV beside the page). A "
	    "section whose input is absent\nsays so. DIR is written whole "
	    "or not at all; an existing DIR is replaced\nonly if it is "
	    "empty or an earlier report.\n\n"
	    "  --trace TRACE      canonical trace the plan was fitted on "
	    "(required)\n"
	    "  --plan PLAN        plan file, vm,host[,...] (required)\n"
	    "  -o DIR             the report's folder (required)\n"
	    "  --eval FILE        vmux evaluate --csv output\n"
	    "  --frontier FILE    frontier CSV: policy,percentile,hosts,"
	    "overload_rate,...\n"
	    "  --bench FILE       vmux bench --csv output\n"
	    "  --validation FILE  vmux validate --csv output\n"
	    "  --eval-trace T2    trace of the evaluation window (default: "
	    "TRACE)\n"
	    "  --train-from T0    training window of TRACE, seconds (default: "
	    "all)\n"
	    "  --train-to T1      its end, exclusive; the rest of TRACE is "
	    "then the\n"
	    "                     evaluation window unless --eval-trace or "
	    "--eval-from/to\n"
	    "  --eval-from T0     evaluation window (default: all of "
	    "--eval-trace)\n"
	    "  --eval-to T1       its end, exclusive\n"
	    "  --host-cpu C       cores per host, as planned (default 1)\n"
	    "  --percentile P     service level, 0 < P < 100 (default 95): "
	    "target (100-P) %\n"
	    "  --top N            hosts drawn over time (default 4)\n"
	    "  --max-vms N        VMs in the correlation heat map (default "
	    "300)\n"
	    "  --no-charts        tables and text only (no gnuplot needed)\n"
	    "  -h, --help         this help\n\n"
	    "Needs gnuplot (apt-get install gnuplot-nox; $GNUPLOT overrides "
	    "the one on\n$PATH) unless --no-charts. Sizes are cpu "
	    "percentile sizes on the training\nwindow; overloads follow "
	    "vmux evaluate. Exit 65 names FILE:LINE of bad input.\n",
	    fp);
}

static const struct option long_opts[] = {
    {"trace", required_argument, NULL, 'T'},
    {"plan", required_argument, NULL, 'P'},
    {"eval", required_argument, NULL, 'E'},
    {"frontier", required_argument, NULL, 'F'},
    {"bench", required_argument, NULL, 'B'},
    {"validation", required_argument, NULL, 'V'},
    {"eval-trace", required_argument, NULL, 'e'},
    {"train-from", required_argument, NULL, 1},
    {"train-to", required_argument, NULL, 2},
    {"eval-from", required_argument, NULL, 3},
    {"eval-to", required_argument, NULL, 4},
    {"host-cpu", required_argument, NULL, 'C'},
    {"percentile", required_argument, NULL, 'p'},
    {"top", required_argument, NULL, 't'},
    {"max-vms", required_argument, NULL, 'm'},
    {"no-charts", no_argument, NULL, 'n'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parse S as a number in [LO, HI] for option OPT; 0 or exit 2. */
static int number(const char *opt, const char *s, double lo, double hi,
		  double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(*out))
		return error_usage("report",
				   "option '%s': '%s' is not a "
				   "number",
				   opt, s);
	if (*out < lo || *out > hi)
		return error_usage("report",
				   "option '%s': %s is outside [%g, %g]", opt,
				   s, lo, hi);
	return 0;
}

static int count(const char *opt, const char *s, double lo, size_t *out)
{
	double v;
	int rc = number(opt, s, lo, 1e6, &v);

	if (rc == 0 && v != floor(v))
		rc = error_usage("report",
				 "option '%s': '%s' is not a whole number", opt,
				 s);
	*out = (size_t)v;
	return rc;
}

/* Options that set a path. */
static const char **path_opt(struct report_opts *o, int c)
{
	switch (c) {
	case 'T':
		return &o->trace;
	case 'P':
		return &o->plan;
	case 'E':
		return &o->eval;
	case 'F':
		return &o->frontier;
	case 'B':
		return &o->bench;
	case 'V':
		return &o->validation;
	case 'e':
		return &o->eval_trace;
	case 'o':
		return &o->out;
	default:
		return NULL;
	}
}

static int parse_opt(int c, struct report_opts *o)
{
	const char **path = path_opt(o, c);

	if (path) {
		*path = optarg;
		return 0;
	}
	switch (c) {
	case 1:
		return number("--train-from", optarg, -1e18, 1e18,
			      &o->train_from);
	case 2:
		return number("--train-to", optarg, -1e18, 1e18, &o->train_to);
	case 3:
		return number("--eval-from", optarg, -1e18, 1e18,
			      &o->eval_from);
	case 4:
		return number("--eval-to", optarg, -1e18, 1e18, &o->eval_to);
	case 'C':
		return number("--host-cpu", optarg, 1e-9, 1e9, &o->host_cpu);
	case 'p':
		return number("--percentile", optarg, 1e-9, 100 - 1e-9,
			      &o->percentile);
	case 't':
		return count("--top", optarg, 1, &o->top);
	case 'm':
		return count("--max-vms", optarg, 2, &o->max_vms);
	case 'n':
		o->charts = false;
		return 0;
	case 'h':
		usage(stdout);
		return -1;
	default:
		return VMUX_EXIT_USAGE;
	}
}

static int check(const struct report_opts *o)
{
	if (!o->trace)
		return error_usage("report", "option '--trace' is required");
	if (!o->plan)
		return error_usage("report", "option '--plan' is required");
	if (!o->out || !*o->out)
		return error_usage("report", "option '-o DIR' is required");
	if (o->train_from >= o->train_to)
		return error_usage("report",
				   "option '--train-to': must be after "
				   "'--train-from'");
	if (o->eval_from >= o->eval_to)
		return error_usage("report", "option '--eval-to': must be "
					     "after '--eval-from'");
	return 0;
}

/* The command line as one string, for the page. */
static char *command_line(int argc, char **argv)
{
	size_t n = 16;
	char *s, *p;

	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	s = malloc(n);
	if (!s)
		return NULL;
	p = s + sprintf(s, "vmux");
	for (int i = 0; i < argc; i++)
		p += sprintf(p, " %s", argv[i]);
	return s;
}

static int report_main(int argc, char **argv)
{
	struct report_opts o = {.train_from = NAN,
				.train_to = NAN,
				.eval_from = NAN,
				.eval_to = NAN,
				.host_cpu = 1,
				.percentile = 95,
				.top = 4,
				.max_vms = 300,
				.charts = true};
	int c, rc = 0;
	char *cmd;

	while (rc == 0 &&
	       (c = getopt_long(argc, argv, "o:h", long_opts, NULL)) != -1)
		rc = parse_opt(c, &o);
	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	if (optind < argc)
		return error_usage("report", "unexpected argument '%s'",
				   argv[optind]);
	rc = check(&o);
	if (rc)
		return rc;
	cmd = command_line(argc, argv);
	o.command = cmd;
	rc = report_write(&o);
	free(cmd);
	if (rc == 0)
		printf("%s/index.html\n", o.out);
	return error_exit_code(rc);
}

const struct command cmd_report = {
    "report", "write the consolidation report: HTML, charts, CSV tables",
    report_main};
