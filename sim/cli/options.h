/*
 * options.h - the option groups several commands share, declared once
 * (lib/opt.h): host capacities, time windows, output, virtualization
 * overhead, accelerator, the service level, the seed and the slot length.
 * A command embeds the group's struct in its own argument struct and
 * includes the group's table with OPT_GROUP at that field's offset.
 *
 * The service level P is a percentage in (0, 100) in every command: at
 * most (100 - P) % of slots may be above the size or capacity. 100 is
 * excluded because a Gaussian (sbp) size has no z for it; the peak, which
 * P = 100 would mean, is what `vmux size` prints in its peak column.
 */
#ifndef VMUX_CLI_OPTIONS_H
#define VMUX_CLI_OPTIONS_H

#include "lib/opt.h"
#include "lib/resource.h"

#include <math.h>

/* --host-cpu C, --host-mem M, --host-disk D, --host-net N: cap[r] > 0 for
   each one given, 0 for the others. */
struct cli_hosts {
	double cap[RES_COUNT];
};
extern const struct opt cli_hosts_opts[];    /* all four; --host-cpu required */
extern const struct opt cli_host_cpu_opts[]; /* --host-cpu alone, required */
/* Replaying a plan: capacities default to the plan's terms (planterms.h). */
extern const struct opt cli_plan_host_cpu_opts[]; /* --host-cpu alone */
extern const struct opt cli_plan_hosts_opts[];	  /* all four */

/* A window [from, to) of a trace, seconds; unbounded by default. */
struct cli_window {
	double from, to;
};
#define CLI_WINDOW_ALL                                                         \
	{                                                                      \
		-INFINITY, INFINITY                                            \
	}
extern const struct opt cli_window_opts[];	/* --from, --to */
extern const struct opt cli_train_opts[];	/* --train-from, --train-to */
extern const struct opt cli_eval_window_opts[]; /* --eval-from, --eval-to */
/* Each window group checks, after parsing, that from < to (NAN ends
   pass: a command may use NAN for "not given"). */

/* -o FILE (the CSV, atomically) and --csv (the CSV on standard output). */
struct cli_output {
	const char *out;
	bool csv;
};
extern const struct opt cli_output_opts[];
/* vmux plan and merge: -o PLAN (the plan; '-' = standard output, the
   summary then on standard error) and --csv (the summary as CSV). The
   group's rule: the two do not both claim standard output. */
extern const struct opt cli_plan_output_opts[];
/* Why two outputs that both name '-' are refused (a rule's .why). */
#define CLI_STDOUT_TWICE "both want standard output"

/* --virt STYLE, --overhead FILE: demand inflated by STYLE's factors. */
struct cli_virt {
	const char *virt, *overhead;
};
/* The group checks that --overhead comes with a non-empty --virt. */
extern const struct opt cli_virt_opts[];
/* Each resource's factor (1 without --virt) into F, the resources the file
   gave into *FOUND; overhead_load()'s errors. */
int cli_virt_factors(const struct cli_virt *v, double *f, unsigned *found);

/* --buckets B, --shard I/N: a bucketed plan (sim/plan/fleet.h), one
   shard of it; 0 = not given. */
struct cli_fleet {
	unsigned buckets;	 /* 0: not bucketed, or the default */
	unsigned shard, nshards; /* nshards 0: not sharded */
};
extern const struct opt cli_fleet_opts[];

/* Single options, each a group of one at the field's offset. */
extern const struct opt cli_accel_opts[]; /* --accel A: int, enum accel_kind */
extern const struct opt cli_percentile_opts[]; /* --percentile P: double */
/* The same, defaulting to the plan's PLAN.meta (report, validate). */
extern const struct opt cli_plan_percentile_opts[];
extern const struct opt cli_seed_opts[]; /* --seed X: uint64_t */
extern const struct opt cli_step_opts[]; /* --step S: double seconds */
/* The service level's range, (0, 100), for lists of levels. */
extern const struct opt_range cli_percent_range;

#endif
