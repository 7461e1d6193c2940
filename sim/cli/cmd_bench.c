/*
 * cmd_bench.c - `vmux bench`: the overhead benchmark. Each workload runs
 * natively and in a guest on vmux's monitor, --repeat times each; the
 * rows (CSV with --csv or -o) give medians, the overhead and its range.
 * Progress goes to stderr.
 */
#include "sim/measure/bench_report.h"
#include "sim/measure/bench_work.h"
#include "sim/cli/command.h"
#include "lib/error.h"
#include "lib/outfile.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int (*run)(struct bench *b);
} workloads[] = {
    {"cpu", bench_cpu},	  {"priv", bench_priv}, {"mem", bench_mem},
    {"disk", bench_disk}, {"net", bench_net},	{"exit", bench_exit},
};

#define NWORK (sizeof(workloads) / sizeof(workloads[0]))

struct bench_args {
	struct bench b;
	unsigned work; /* 1 << index into workloads[] */
	enum accel_kind accel;
	const char *out;
	bool csv;
	bool calibrate;
	const char *calibration;	/* --calibration FILE */
};

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: vmux bench [options]\n\n"
		"Measure what virtualization costs: each workload natively and "
		"in a guest\non vmux's monitor, --repeat times; medians, "
		"overhead and its range.\n\n"
		"  --workloads LIST   comma-separated, from:");
	for (size_t i = 0; i < NWORK; i++)
		fprintf(fp, " %s", workloads[i].name);
	fprintf(
	    fp,
	    " (default: all)\n"
	    "  --styles LIST      full,para,hw (default: all three)\n"
	    "  --repeat N         runs per measurement (default 5; "
	    "--quick 3)\n"
	    "  --quick            smaller sizes, 3 runs\n"
	    "  --accel A          auto (default), kvm or tcg\n"
	    "  --csv              CSV on stdout instead of the tables\n"
	    "  -o FILE            write the CSV to FILE\n"
	    "  --calibrate        with -o: write the calibration file "
	    "(style,resource,\n"
	    "                     factor,source) for vmux plan --virt STYLE "
	    "--overhead\n"
	    "  --calibration FILE the calibration file too, whatever -o writes\n"
	    "  -h, --help         this help\n\n"
	    "CSV columns: workload,style,variant,accel,native_s,guest_s,"
	    "overhead_pct,\noverhead_lo_pct,overhead_hi_pct,exits,"
	    "per_op_ns,native_op_ns,noisy,overhead_best_pct\n");
}

/* Parse a comma list against NAMES into a bit mask. */
static int parse_list(const char *opt, const char *arg,
		      const char *(*name)(size_t), size_t n, unsigned *mask)
{
	char buf[256], *tok, *save = NULL;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", arg);
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n && strcmp(tok, name(i)); i++)
			;
		if (i == n)
			return error_usage("bench", "option '%s': unknown '%s'",
					   opt, tok);
		*mask |= 1u << i;
	}
	return *mask ? 0 : error_usage("bench", "option '%s': empty", opt);
}

static const char *work_name(size_t i)
{
	return workloads[i].name;
}

static const char *style_name(size_t i)
{
	return bench_style_name((enum bench_style)i);
}

static int parse_opt(struct bench_args *a, int c, const char *arg)
{
	char *end;
	long n;

	switch (c) {
	case 'w':
		return parse_list("--workloads", arg, work_name, NWORK,
				  &a->work);
	case 's':
		return parse_list("--styles", arg, style_name, BENCH_NSTYLES,
				  &a->b.styles);
	case 'r':
		n = strtol(arg, &end, 10);
		if (*end || n < 1 || n > BENCH_MAX_REPEAT)
			return error_usage("bench",
					   "option '--repeat': an "
					   "integer in [1, %d]",
					   BENCH_MAX_REPEAT);
		a->b.repeat = (int)n;
		return 0;
	case 'q':
		a->b.quick = true;
		return 0;
	case 'a':
		return accel_parse(arg, &a->accel) < 0
			   ? error_usage("bench", "option '--accel': auto, "
						  "kvm or tcg")
			   : 0;
	case 'c':
		a->csv = true;
		return 0;
	case 'C':
		a->calibrate = true;
		return 0;
	case 'K':
		a->calibration = arg;
		return 0;
	case 'o':
		a->out = arg;
		return 0;
	}
	return VMUX_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct bench_args *a)
{
	static const struct option opts[] = {
	    {"workloads", required_argument, NULL, 'w'},
	    {"styles", required_argument, NULL, 's'},
	    {"repeat", required_argument, NULL, 'r'},
	    {"quick", no_argument, NULL, 'q'},
	    {"accel", required_argument, NULL, 'a'},
	    {"csv", no_argument, NULL, 'c'},
	    {"calibrate", no_argument, NULL, 'C'},
	    {"calibration", required_argument, NULL, 'K'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return -1;
		}
		rc = parse_opt(a, c, optarg);
		if (rc)
			return rc;
	}
	if (optind != argc)
		return error_usage("bench", "unexpected argument '%s'",
				   argv[optind]);
	if (a->calibrate && !a->out)
		return error_usage("bench", "--calibrate needs -o FILE");
	if (!a->b.repeat)
		a->b.repeat = a->b.quick ? 3 : 5;
	return 0;
}

/* Write the calibration file or the rows' CSV to PATH, atomically. */
static int write_file(struct bench_args *a, const char *path, bool cal)
{
	struct outfile *of;
	int rc = outfile_open(path, &of);

	if (rc < 0)
		return rc;
	if (cal)
		rc = bench_write_calibration(&a->b, outfile_fp(of));
	else
		bench_write_csv(&a->b, outfile_fp(of));
	if (rc < 0) {
		outfile_abort(of);
		return rc;
	}
	return outfile_commit(of);
}

static int write_out(struct bench_args *a)
{
	int rc = 0;

	if (a->csv) {
		bench_write_csv(&a->b, stdout);
	} else {
		bench_print_rows(&a->b, stdout);
		bench_print_lecture(&a->b, stdout);
	}
	if (a->out)
		rc = write_file(a, a->out, a->calibrate);
	if (rc == 0 && a->calibration)
		rc = write_file(a, a->calibration, true);
	return rc;
}

static int bench_main(int argc, char **argv)
{
	struct bench_args a = {.work = (1u << NWORK) - 1,
			       .b = {.styles = (1u << BENCH_NSTYLES) - 1}};
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	rc = accel_open(a.accel, NULL, false, &a.b.acc);
	for (size_t i = 0; rc == 0 && i < NWORK; i++)
		if (a.work & (1u << i))
			rc = workloads[i].run(&a.b);
	if (rc == 0)
		rc = write_out(&a);
	bench_free(&a.b);
	accel_close(a.b.acc);
	return rc < 0 ? error_exit_code(rc) : 0;
}

const struct command cmd_bench = {
    "bench", "measure virtualization overhead against native", bench_main};
