/*
 * options.c - the shared option groups (options.h). Each range and help
 * text is written here once; the commands include the tables.
 */
#include "sim/cli/options.h"
#include "sim/cli/fleet_out.h"
#include "models/overhead.h"
#include "vmm/accel.h"

#include <stddef.h>
#include <string.h>

const struct opt_range cli_percent_range = {0, 100, true, true};

#define HOST(R, U, ARG, FLAGS, UNIT, WHAT)                                     \
	{                                                                      \
		.type = OPT_NUMBER, .name = "host-" #R, .arg = ARG,            \
		.help = WHAT,                                                  \
		.off = OPT_AT(struct cli_hosts, cap[RES_##U], double),         \
		.range = &opt_positive, .unit = UNIT, .flags = FLAGS           \
	}

const struct opt cli_host_cpu_opts[] = {
    HOST(cpu, CPU, "C", OPT_REQUIRED, "cores", "cores per host"),
    OPT_TABLE_END,
};

/* --host-mem, --host-disk, --host-net, each with NOTE after its unit. */
#define HOSTS_BUT_CPU(NOTE)                                                    \
	HOST(mem, MEM, "M", 0, "MiB", "MiB per host " NOTE),                   \
	    HOST(disk, DISK, "D", 0, "KiB/s", "KiB/s per host " NOTE),         \
	    HOST(net, NET, "N", 0, "KiB/s", "KiB/s per host " NOTE)

const struct opt cli_hosts_opts[] = {
    OPT_INCLUDE(cli_host_cpu_opts, 0),
    HOSTS_BUT_CPU("(must fit too)"),
    OPT_TABLE_END,
};

const struct opt cli_plan_host_cpu_opts[] = {
    HOST(cpu, CPU, "C", 0, "cores",
	 "cores per host (default: the plan's PLAN.meta, else\nrequired)"),
    OPT_TABLE_END,
};

const struct opt cli_plan_hosts_opts[] = {
    OPT_INCLUDE(cli_plan_host_cpu_opts, 0),
    HOSTS_BUT_CPU("(default: PLAN.meta)"),
    OPT_TABLE_END,
};

static int window_check(const struct opt_cmd *cmd, const void *field,
			const struct opt *group)
{
	const struct cli_window *w = field;

	if (w->from >= w->to)
		return opt_error(cmd, NULL,
				 "option '--%s': must be after '--%s'",
				 group[1].name, group[0].name);
	return 0;
}

#define WINDOW(FROM, TO, WHAT)                                                 \
	{                                                                      \
		OPT_NUM(                                                       \
		    OPT_TIME, FROM, OPT_AT(struct cli_window, from, double),   \
		    "T0", NULL, NULL,                                          \
		    "first second of the " WHAT "window (default: start)"),    \
		    OPT_NUM(OPT_TIME, TO,                                      \
			    OPT_AT(struct cli_window, to, double), "T1", NULL, \
			    NULL,                                              \
			    "end of the " WHAT                                 \
			    "window, exclusive (default: end)"),               \
		{                                                              \
			.type = OPT_END, .check = window_check                 \
		}                                                              \
	}

const struct opt cli_window_opts[] = WINDOW("from", "to", "");
const struct opt cli_train_opts[] =
    WINDOW("train-from", "train-to", "training ");
const struct opt cli_eval_window_opts[] =
    WINDOW("eval-from", "eval-to", "evaluation ");

const struct opt cli_output_opts[] = {
    OPT_STR(NULL, 'o', OPT_AT(struct cli_output, out, const char *), "FILE",
	    OPT_OUTFILE, "CSV to FILE (written whole or not at all)"),
    OPT_BOOL("csv", OPT_AT(struct cli_output, csv, bool),
	     "CSV on standard output"),
    OPT_TABLE_END,
};

const struct opt cli_plan_output_opts[] = {
    OPT_STR(NULL, 'o', OPT_AT(struct cli_output, out, const char *), "PLAN",
	    OPT_OUTFILE,
	    "write the plan (vm,host,size_R...; '-' = standard\n"
	    "output, the summary then on standard error)"),
    OPT_BOOL("csv", OPT_AT(struct cli_output, csv, bool),
	     "summary as CSV (columns below)"),
    OPT_RELATE("-o=-", .excludes = "--csv", .why = CLI_STDOUT_TWICE),
    OPT_TABLE_END,
};

const struct opt cli_virt_opts[] = {
    OPT_STR("virt", 0, OPT_AT(struct cli_virt, virt, const char *), "STYLE", 0,
	    "inflate demand by STYLE's overhead factors (hw, para,\n"
	    "full: the styles of the --overhead file)"),
    OPT_STR("overhead", 0, OPT_AT(struct cli_virt, overhead, const char *),
	    "FILE", OPT_INFILE,
	    "factors for --virt (default: the shipped\n" OVERHEAD_BUILTIN
	    ", built in;\nvmux bench --calibrate writes one)",
	    .needs = "--virt"),
    OPT_TABLE_END,
};

int cli_virt_factors(const struct cli_virt *v, double *f, unsigned *found)
{
	for (int r = 0; r < RES_COUNT; r++)
		f[r] = 1;
	*found = 0;
	if (!v->virt)
		return 0;
	return overhead_load(v->overhead, v->virt, f, found);
}

#define STR(X) #X
#define XSTR(X) STR(X)

static const char *shard_cb(void *field, const char *s)
{
	struct cli_fleet *f = field;

	return fleet_out_parse_shard(s, &f->shard, &f->nshards);
}

const struct opt cli_fleet_opts[] = {
    OPT_NUM(OPT_INT, "buckets", OPT_AT(struct cli_fleet, buckets, unsigned),
	    "B", OPT_IN(1, FLEET_MAX_BUCKETS), NULL,
	    "split the VMs (by name) into B buckets, each planned\n"
	    "on hosts of its own: the same result however the work\n"
	    "is split (README: fleets)"),
    OPT_CB(
	"shard", "I/N", shard_cb,
	"only the buckets b with b % N = I, as a shard file for\n"
	"`vmux merge` (-o; default --buckets: one per " XSTR(
	    FLEET_VMS_PER_BUCKET) " VMs,\n1 to " XSTR(FLEET_DEFAULT_MAX_BUCKETS) ")"),
    OPT_TABLE_END,
};

const struct opt cli_accel_opts[] = {
    OPT_CHOICE(OPT_ENUM, "accel", 0, "A", accel_kind_names,
	       "backend (default auto: KVM if it works, else tcg)"),
    OPT_TABLE_END,
};

const struct opt cli_percentile_opts[] = {
    OPT_NUM(OPT_NUMBER, "percentile", 0, "P", &cli_percent_range, "%",
	    "service level: at most (100-P) % of slots above\n"
	    "capacity (default 95)"),
    OPT_TABLE_END,
};

/* For commands that replay a plan: the level defaults to its PLAN.meta's
 * (planterms_level), not to 95, as --promise does. */
const struct opt cli_plan_percentile_opts[] = {
    OPT_NUM(OPT_NUMBER, "percentile", 0, "P", &cli_percent_range, "%",
	    "service level: at most (100-P) % of slots above\n"
	    "capacity (default: PLAN.meta's, else 95)"),
    OPT_TABLE_END,
};

const struct opt cli_seed_opts[] = {
    OPT_NUM(OPT_SEED, "seed", 0, "X", NULL, NULL,
	    "seed of the robust policy's calibration sample\n(default 1)"),
    OPT_TABLE_END,
};

const struct opt cli_step_opts[] = {
    OPT_NUM(OPT_DURATION, "step", 0, "S", &opt_positive, "s",
	    "slot length (default: detected from the trace)"),
    OPT_TABLE_END,
};
