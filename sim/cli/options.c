/*
 * options.c - the shared option groups (options.h). Each range and help
 * text is written here once; the commands include the tables.
 */
#include "sim/cli/options.h"
#include "models/overhead.h"
#include "vmm/accel.h"

#include <stddef.h>

static const struct opt_range positive = {0, INFINITY, true, false};
const struct opt_range cli_percent_range = {0, 100, true, true};

#define HOST(R, U, WHAT)                                                       \
	{.type = OPT_NUMBER,                                                   \
	 .name = "host-" #R,                                                   \
	 .off = OPT_AT(struct cli_hosts, cap[RES_##U], double),                \
	 .arg = #U,                                                            \
	 .help = WHAT,                                                         \
	 .range = &positive}

const struct opt cli_host_cpu_opts[] = {
    HOST(cpu, CPU, "cores per host"),
    {OPT_END},
};

const struct opt cli_hosts_opts[] = {
    {.type = OPT_GROUP, .group = cli_host_cpu_opts},
    HOST(mem, MEM, "MiB per host (mem must fit too)"),
    HOST(disk, DISK, "KiB/s per host (disk must fit too)"),
    HOST(net, NET, "KiB/s per host (net must fit too)"),
    {OPT_END},
};

#define WINDOW(FROM, TO, WHAT)                                                 \
	{{.type = OPT_TIME,                                                    \
	  .name = FROM,                                                        \
	  .off = OPT_AT(struct cli_window, from, double),                      \
	  .arg = "T0",                                                         \
	  .help = "start of the " WHAT " window (default: the "             \
		  "trace's)"},                                                 \
	 {.type = OPT_TIME,                                                    \
	  .name = TO,                                                          \
	  .off = OPT_AT(struct cli_window, to, double),                        \
	  .arg = "T1",                                                         \
	  .help = "end of the " WHAT " window, exclusive (default: "        \
		  "the trace's)"},                                             \
	 {OPT_END}}

const struct opt cli_window_opts[] = WINDOW("from", "to", "trace");
const struct opt cli_train_opts[] = WINDOW("train-from", "train-to",
					   "training");
const struct opt cli_eval_window_opts[] = WINDOW("eval-from", "eval-to",
						 "evaluation");

int cli_window_check(const struct opt_cmd *cmd, const struct cli_window *w,
		     const struct opt *group)
{
	if (w->from >= w->to)
		return opt_error(cmd, NULL,
				 "option '--%s': must be after '--%s'",
				 group[1].name, group[0].name);
	return 0;
}

const struct opt cli_output_opts[] = {
    {.type = OPT_STRING,
     .short_name = 'o',
     .off = OPT_AT(struct cli_output, out, const char *),
     .arg = "FILE",
     .help = "CSV to FILE (written whole or not at all)"},
    {.type = OPT_FLAG,
     .name = "csv",
     .off = OPT_AT(struct cli_output, csv, bool),
     .help = "CSV on standard output"},
    {OPT_END},
};

const struct opt cli_virt_opts[] = {
    {.type = OPT_STRING,
     .name = "virt",
     .off = OPT_AT(struct cli_virt, virt, const char *),
     .arg = "STYLE",
     .help = "inflate demand by STYLE's overhead factors (hw, para,\n"
	     "full: the styles of the --overhead file)"},
    {.type = OPT_STRING,
     .name = "overhead",
     .off = OPT_AT(struct cli_virt, overhead, const char *),
     .arg = "FILE",
     .help = "factors for --virt (default " CLI_OVERHEAD_DEFAULT ",\n"
	     "relative to the current directory; vmux bench\n"
	     "--calibrate writes one)"},
    {OPT_END},
};

int cli_virt_check(const struct opt_cmd *cmd, const struct cli_virt *v)
{
	if (v->overhead && !v->virt)
		return opt_error(cmd, NULL, "option '--overhead' needs '--virt'");
	if (v->virt && !*v->virt)
		return opt_error(cmd, "--virt", "empty style");
	return 0;
}

int cli_virt_factors(const struct cli_virt *v, double *f, unsigned *found)
{
	for (int r = 0; r < RES_COUNT; r++)
		f[r] = 1;
	*found = 0;
	if (!v->virt)
		return 0;
	return overhead_load(v->overhead ? v->overhead : CLI_OVERHEAD_DEFAULT,
			     v->virt, f, found);
}

const struct opt cli_accel_opts[] = {
    {.type = OPT_ENUM,
     .name = "accel",
     .arg = "A",
     .help = "backend: auto (KVM if it works, else tcg), kvm or tcg",
     .names = accel_kind_names},
    {OPT_END},
};

const struct opt cli_percentile_opts[] = {
    {.type = OPT_NUMBER,
     .name = "percentile",
     .arg = "P",
     .help = "service level: at most (100-P) % of slots above\n"
	     "capacity (default 95)",
     .range = &cli_percent_range,
     .unit = "%"},
    {OPT_END},
};

const struct opt cli_seed_opts[] = {
    {.type = OPT_SEED,
     .name = "seed",
     .arg = "X",
     .help = "seed of the robust policy's calibration sample\n"
	     "(default 1)"},
    {OPT_END},
};

const struct opt cli_step_opts[] = {
    {.type = OPT_DURATION,
     .name = "step",
     .arg = "S",
     .help = "slot length (default: detected from the trace)",
     .range = &positive,
     .unit = "s"},
    {OPT_END},
};
