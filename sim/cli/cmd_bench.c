/*
 * cmd_bench.c - `vmux bench`: the overhead benchmark. Each workload runs
 * natively and in a guest on vmux's monitor, --repeat times each; the
 * rows (CSV with --csv or -o) give medians, the overhead and its range.
 * Progress goes to stderr.
 */
#include "sim/measure/bench_report.h"
#include "sim/measure/bench_work.h"
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "lib/error.h"
#include "lib/names.h"
#include "lib/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The workloads, by name and by what runs them (same order). */
static const char *const work_names[] = {"cpu", "priv", "mem", "disk",
					 "net", "exit", NULL};
static int (*const work_run[])(struct bench *b) = {
    bench_cpu, bench_priv, bench_mem, bench_disk, bench_net, bench_exit,
};

#define NWORK (sizeof(work_run) / sizeof(work_run[0]))

/* The styles each workload runs under (1 << enum bench_style; same
 * order). */
#define ST(s) (1u << BENCH_##s)
static const unsigned work_styles[] = {
    ST(HW), ST(FULL) | ST(HW), ST(HW), ST(FULL) | ST(PARA), ST(FULL) | ST(PARA),
    ST(HW),
};

struct bench_args {
	struct bench b;
	unsigned work; /* 1 << index into work_run[] */
	int accel;     /* enum accel_kind */
	struct cli_output out;
	bool calibrate;
	const char *calibration; /* --calibration FILE */
};

/* A calibration is made of every workload but exit under every style: a
 * factor of what was left out would read 1, "measured" (refused by the
 * table's rule). */
#define CALIBRATION                                                            \
	.only = "--workloads=cpu,priv,mem,disk,net --styles=full,para,hw",     \
	.why = "a factor of what is not measured would read 1, as if measured"

#define A(F, T) OPT_AT(struct bench_args, F, T)
static const struct opt options[] = {
    OPT_CHOICE(OPT_ENUM_SET, "workloads", A(work, unsigned), "LIST", work_names,
	       "workloads to run (default: all)"),
    OPT_CHOICE(OPT_ENUM_SET, "styles", A(b.styles, unsigned), "LIST",
	       bench_style_names, "virtualization styles (default: all three)"),
    OPT_NUM(OPT_INT, "repeat", A(b.repeat, int), "N",
	    OPT_IN(1, BENCH_MAX_REPEAT), NULL,
	    "runs per measurement (default 5; --quick 3; 1 gives\n"
	    "no spread: rows UNJUDGED, not trustworthy)"),
    OPT_BOOL("quick", A(b.quick, bool), "smaller sizes, 3 runs"),
    OPT_INCLUDE(cli_accel_opts, A(accel, int)),
    OPT_INCLUDE(cli_output_opts, A(out, struct cli_output)),
    OPT_BOOL("calibrate", A(calibrate, bool),
	     "write the calibration file (style,resource,factor,\n"
	     "source) to -o, for vmux plan --virt STYLE --overhead",
	     .needs = "-o", .why = "the calibration is written to -o"),
    OPT_RELATE("--calibrate", CALIBRATION),
    OPT_STR("calibration", 0, A(calibration, const char *), "FILE", OPT_OUTFILE,
	    "the calibration file too, whatever -o writes", CALIBRATION),
    OPT_TABLE_END,
};

/* Some workload runs under some style asked for: else nothing is
 * measured. */
static int check_rows(const struct opt_cmd *c, const struct bench_args *a)
{
	for (size_t i = 0; i < NWORK; i++)
		if ((a->work & (1u << i)) && (work_styles[i] & a->b.styles))
			return 0;
	return opt_error(c, "--styles",
			 "no workload of --workloads runs under these styles, "
			 "nothing would be measured (cpu, mem and exit run "
			 "under hw, priv under full and hw, disk and net under "
			 "full and para)");
}

/* A workload named in --workloads (not the default, all) that runs
 * under none of --styles: it was left out unsaid (--workloads cpu,disk
 * --styles para printed the disk rows alone). */
static int check_named(const struct opt_cmd *c, const struct bench_args *a)
{
	char st[32];

	if (a->work == (1u << NWORK) - 1)
		return 0;
	for (size_t i = 0; i < NWORK; i++) {
		if (!(a->work & (1u << i)) || (work_styles[i] & a->b.styles))
			continue;
		names_of_mask(bench_style_names, work_styles[i], " or ", st,
			      sizeof(st));
		return opt_error(c, "--styles",
				 "--workloads names %s, which runs only under "
				 "%s: add %s to --styles or leave %s out",
				 work_names[i], st,
				 strchr(st, ' ') ? "one of them" : "it",
				 work_names[i]);
	}
	return 0;
}

/* --repeat's default depends on --quick; the workloads and styles. */
static int check(const struct opt_cmd *c, void *args)
{
	struct bench_args *a = args;
	int rc;

	if (!a->b.repeat)
		a->b.repeat = a->b.quick ? 3 : 5;
	rc = check_rows(c, a);
	return rc ? rc : check_named(c, a);
}

static const struct opt_cmd cmd = {
    .name = "bench",
    .about = "Measure what virtualization costs: each workload natively and "
	     "in a guest\non vmux's monitor, --repeat times; medians, "
	     "overhead and its range.\n",
    .more = "CSV columns: workload,style,variant,accel,native_s,guest_s,"
	    "overhead_pct,\noverhead_lo_pct,overhead_hi_pct,exits,"
	    "per_op_ns,native_op_ns,noisy,\noverhead_best_pct,runs,warmup,"
	    "native_mad_pct,guest_mad_pct,\noutliers,others_cores,noise,nested,"
	    "\ncpu_model,cores,load_before,load_after,note (noise: why a row "
	    "is noisy;\nothers_cores: CPU other processes used while the row "
	    "ran (over at least\nthe last 0.5 s, at most the machine's "
	    "cores); nested: CPUID\nsays this machine is itself a guest; note: "
	    "what the row's series leaves\nout, e.g. pg=1g where the backend "
	    "offers no 1 GiB guest pages)\n",
    .opts = options,
    .check = check,
    .stdout_is = "the table (or --csv's rows)",
};

/*
 * The outputs, opened (as temporary files) before any work so that a path
 * that cannot be written fails at once, not after minutes of measuring:
 * OF[0] is -o (the rows' CSV, or the calibration with --calibrate), OF[1]
 * --calibration. Either may be NULL.
 */
static int open_outputs(const struct bench_args *a, struct outfile *of[2])
{
	int rc = 0;

	if (a->out.out)
		rc = outfile_open(a->out.out, &of[0]);
	if (rc == 0 && a->calibration)
		rc = outfile_open(a->calibration, &of[1]);
	return rc;
}

/* Fill the outputs, then rename them into place; all or none is written:
 * both are flushed before either is renamed (short of a failure of the
 * second rename). */
static int write_out(struct bench_args *a, struct outfile *of[2])
{
	int rc = 0;

	if (a->out.csv) {
		bench_write_csv(&a->b, stdout);
	} else {
		bench_print_rows(&a->b, stdout);
		bench_print_lecture(&a->b, stdout);
	}
	if (of[0] && a->calibrate)
		rc = bench_write_calibration(&a->b, outfile_fp(of[0]));
	else if (of[0])
		bench_write_csv(&a->b, outfile_fp(of[0]));
	if (rc == 0 && of[1])
		rc = bench_write_calibration(&a->b, outfile_fp(of[1]));
	if (rc == 0)
		return outfile_commit_all(of, 2);
	for (int i = 0; i < 2; i++) {
		outfile_abort(of[i]);
		of[i] = NULL;
	}
	return rc;
}

static int bench_main(int argc, char **argv)
{
	struct bench_args a = {.work = (1u << NWORK) - 1,
			       .b = {.styles = (1u << BENCH_NSTYLES) - 1}};
	struct outfile *of[2] = {NULL, NULL};
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	rc = open_outputs(&a, of);
	if (rc == 0)
		rc =
		    accel_open((enum accel_kind)a.accel, NULL, false, &a.b.acc);
	bench_begin(&a.b);
	for (size_t i = 0; rc == 0 && i < NWORK; i++)
		if (a.work & (1u << i))
			rc = work_run[i](&a.b);
	bench_end(&a.b);
	if (rc == 0)
		rc = write_out(&a, of);
	outfile_abort(of[0]);
	outfile_abort(of[1]);
	bench_free(&a.b);
	accel_close(a.b.acc);
	return rc < 0 ? error_exit_code(rc) : 0;
}

const struct command cmd_bench = {
    "bench", "measure virtualization overhead against native", bench_main,
    &cmd};
