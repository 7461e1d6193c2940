/*
 * cmd_simulate.c - `vmux simulate`: dynamic consolidation of a trace over
 * time (sim/simulate), CloudSim 3.0.3's PlanetLab experiments reproduced
 * with --model cloudsim.
 */
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "lib/error.h"
#include "lib/numtext.h"
#include "lib/outfile.h"
#include "sim/import/import_planetlab.h"
#include "sim/simulate/result.h"
#include "sim/simulate/simulate.h"
#include "sim/simulate/staticplan.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const models[] = {"vmux", "cloudsim", NULL};
static const char *const detectors[] = {"thr", "iqr",  "mad",  "lr",	 "lrr",
					"npa", "dvfs", "corr", "static", NULL};
static const char *const selections[] = {"mmt", "mu", "rs", "mc", NULL};
/* The whole policies of --detector, after the detectors thr .. lrr. */
enum { DET_NPA = 5, DET_DVFS, DET_CORR, DET_STATIC };
/* Defaults of --param per detector (thr .. static). */
static const double params[] = {0.8, 1.5, 2.5, 1.2, 1.2, 0, 0, 95, 95};
/*
 * What --param means to each detector (thr .. static) and the values that
 * keep that meaning: a host is overloaded before its utilisation passes 1
 * (thr's threshold at most 1, iqr's and mad's 1 - S x spread at most 1,
 * lr's predicted load at least 1 / S); up to 10, where a spread or a
 * prediction of 0.1 already overloads a host. npa and dvfs have none.
 * Each range is written once, as text (R_*), for the help and the error;
 * --param itself has no range of its own: check_param() judges it.
 */
#define R_THR "(0, 1]"
#define R_SAFE "[0, 10]"
#define R_LR "[1, 10]"
#define R_PCT "[1, 100)"
static const struct {
	double lo, hi;
	bool lo_open, hi_open;
	const char *what;
} ranges[] = {
    {0, 1, true, false, "a utilisation threshold in " R_THR},
    {0, 10, false, false, "a safety parameter in " R_SAFE},
    {0, 10, false, false, "a safety parameter in " R_SAFE},
    {1, 10, false, false, "a safety parameter in " R_LR},
    {1, 10, false, false, "a safety parameter in " R_LR},
    {0, 0, false, false, NULL},
    {0, 0, false, false, NULL},
    {1, 100, false, true, "a percentile in " R_PCT},
    {1, 100, false, true, "a percentile in " R_PCT},
};

struct sim_args {
	const char *trace, *hosts, *out, *timeline;
	int model, detector, select;
	double param, cap, low; /* NAN: the detector's default */
	uint64_t seed;
	struct opt_strings quirk;
	struct sim_config cfg;
};

/* The options the chosen policy does not read are refused (the table's
 * rules), never ignored. */
#define CORR "--detector=corr"
#define A(F, T) OPT_AT(struct sim_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("TRACE-or-DIR", A(trace, const char *)),
    OPT_CHOICE(OPT_ENUM, "model", A(model, int), "M", models,
	       "vmux (default) or cloudsim (CloudSim 3.0.3 with its "
	       "quirks)"),
    OPT_CHOICE(OPT_ENUM, "detector", A(detector, int), "D", detectors,
	       "overload detector (default thr), or a whole policy: npa, "
	       "dvfs, corr (vmux's correlation-aware), static (vmux's plan)"),
    OPT_NUM(OPT_NUMBER, "param", A(param, double), "S", NULL, NULL,
	    "detector parameter, its range (default) per detector:\n"
	    "thr: utilisation threshold in " R_THR " (0.8);\n"
	    "iqr, mad: safety in " R_SAFE " (1.5, 2.5);\n"
	    "lr, lrr: safety in " R_LR " (1.2);\n"
	    "corr, static: percentile of the joint history\n"
	    "in " R_PCT " (95); npa, dvfs: none",
	    .only = "--detector=thr,iqr,mad,lr,lrr,corr,static",
	    .why = "npa and dvfs have no parameter"),
    OPT_CHOICE(OPT_ENUM, "select", A(select, int), "P", selections,
	       "VM selection (default mmt)",
	       .only = "--detector=thr,iqr,mad,lr,lrr,corr",
	       .why = "npa, dvfs and static move no VM, so select none"),
    OPT_NUM(OPT_NUMBER, "cap", A(cap, double), "C", OPT_IN(0.01, 10), NULL,
	    "fraction of a host its joint size may fill (1)", .only = CORR),
    OPT_NUM(OPT_NUMBER, "low", A(low, double), "L", OPT_IN(0, 10), NULL,
	    "empty hosts whose joint size is below L (0.5)", .only = CORR),
    OPT_LIST("quirk", A(quirk, struct opt_strings), "Q=on|off",
	     "flip one CloudSim quirk (repeatable): ram_once,\n"
	     "double_move, pooled, energy_edges, dest_full_request,\n"
	     "wake_free, drop_idle, mu_rounding, state_counters,\n"
	     "idle_off, share_rounding, core_request"),
    OPT_STR("hosts", 0, A(hosts, const char *), "FILE", OPT_INFILE,
	    "host catalogue CSV, a row per host type: type,count,\n"
	    "cores,mips (per core),ram_mb,bw_kbps (migrations run at\n"
	    "half of it),p0,p10,..,p100 (watts); decimal numbers\n"
	    "(default: built-in models/hosts-cloudsim.csv, CloudSim's\n"
	    "800 hosts)"),
    OPT_NUM(OPT_SEED, "seed", A(seed, uint64_t), "X", NULL, NULL,
	    "seed of random selection and of the static plan's "
	    "calibration (default 1)"),
    OPT_STR(NULL, 'o', A(out, const char *), "FILE", OPT_OUTFILE | OPT_STDOUT,
	    "result CSV to FILE (default: standard output)"),
    OPT_STR("timeline", 0, A(timeline, const char *), "FILE", OPT_OUTFILE,
	    "per-tick CSV: active hosts, power, overloaded hosts,\n"
	    "migrations"),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "simulate",
    .about = "Simulate dynamic VM consolidation over the trace: every 300 s "
	     "detect\noverloaded and underloaded hosts, migrate, switch "
	     "empty hosts off; report\nenergy and SLA violations. "
	     "TRACE-or-DIR: a PlanetLab day folder or a\ncanonical trace "
	     "('-': standard input; cpu read as a one-vCPU VM's\n"
	     "utilisation, 300 s steps).\n",
    .more = "Result CSV: trace,model,policy,seed,vms,hosts,energy_kwh,"
	    "migrations,slatah,\npdm,slav,esv,overall_sla,host_hours,"
	    "shutdowns,double_moves,dropped,catalogue\n(the --hosts file, or "
	    "'built in'). Timeline CSV: seed,policy,t,active_hosts,\n"
	    "power_w,overloaded_hosts,migrations,short_hosts,model,trace,"
	    "catalogue\n"
	    "(overloaded_hosts: judged so by the detector, none for npa, dvfs\n"
	    "and static; short_hosts: granting its VMs less CPU than they\n"
	    "ask, what slatah counts, for every policy, averaged from the\n"
	    "tick to the next: the first row from 0, the last to the end).\n",
    .opts = options,
};

/* --quirk NAME=on|off entries, after the model's defaults. */
static int apply_quirks(struct sim_args *a)
{
	for (size_t i = 0; i < a->quirk.n; i++) {
		const char *s = a->quirk.v[i], *eq = strchr(s, '=');
		const char *name;
		long k = -1;

		for (size_t j = 0; eq && (name = simulate_quirk_name(j)); j++)
			if (strlen(name) == (size_t)(eq - s) &&
			    !strncmp(name, s, (size_t)(eq - s)))
				k = (long)j;
		if (k < 0 || (strcmp(eq + 1, "on") && strcmp(eq + 1, "off")))
			return opt_error(&cmd, "--quirk",
					 "'%s' is not NAME=on|off with a known "
					 "NAME",
					 s);
		simulate_quirk_set(&a->cfg.q, (size_t)k, !strcmp(eq + 1, "on"));
	}
	return 0;
}

static void set_policy(struct sim_args *a)
{
	struct sim_config *c = &a->cfg;
	double p = isnan(a->param) ? params[a->detector] : a->param;

	c->sel = (enum sim_select)a->select;
	if (a->detector <= DETECT_LRR) {
		c->policy = SIM_MIGRATE;
		c->det = (struct detector){(enum detect_kind)a->detector, p};
		return;
	}
	c->policy = a->detector == DET_NPA    ? SIM_NPA
		    : a->detector == DET_DVFS ? SIM_DVFS
		    : a->detector == DET_CORR ? SIM_CORR
					      : SIM_STATIC;
	c->corr_pct = p;
	if (!isnan(a->cap))
		c->corr_cap = a->cap;
	if (!isnan(a->low))
		c->corr_low = a->low;
}

/* --param within the range its detector gives it a meaning in. */
static int check_param(const struct sim_args *a)
{
	double p = a->param, lo, hi;
	int d = a->detector;
	char text[32];

	if (isnan(p) || !ranges[d].what)
		return 0;
	lo = ranges[d].lo, hi = ranges[d].hi;
	if ((ranges[d].lo_open ? p > lo : p >= lo) &&
	    (ranges[d].hi_open ? p < hi : p <= hi))
		return 0;
	return opt_error(&cmd, "--param", "--detector %s takes %s, not %s",
			 detectors[d], ranges[d].what,
			 numtext_exact(text, sizeof(text), p));
}

static int parse(int argc, char **argv, struct sim_args *a)
{
	int rc;

	memset(a, 0, sizeof(*a));
	a->param = a->cap = a->low = NAN;
	a->seed = 1;
	if ((rc = opt_parse(&cmd, argc, argv, a, NULL)) ||
	    (rc = check_param(a)))
		return rc;
	simulate_defaults(&a->cfg,
			  a->model ? SIM_MODEL_CLOUDSIM : SIM_MODEL_VMUX);
	a->cfg.seed = a->seed;
	set_policy(a);
	return apply_quirks(a);
}

/* The result CSV (-o, default standard output) and the --timeline CSV,
 * all or nothing: both are written to temporary files and renamed into
 * place only when both are complete. */
static int write_outputs(const struct sim_args *a, const struct workload *w,
			 const struct catalogue *cat,
			 const struct sim_result *r, const struct sim_tick *t,
			 size_t n)
{
	const struct result_inputs in = {a->trace, a->hosts};
	struct outfile *of[2] = {NULL, NULL};
	int rc = outfile_open(a->out ? a->out : "-", &of[0]);

	if (rc == 0 && a->timeline)
		rc = outfile_open(a->timeline, &of[1]);
	if (rc < 0) {
		outfile_abort(of[0]);
		return rc;
	}
	result_header(outfile_fp(of[0]));
	result_row(outfile_fp(of[0]), &in, &a->cfg, workload_nvms(w),
		   catalogue_nhosts(cat), r);
	if (of[1])
		result_timeline(outfile_fp(of[1]), &in, &a->cfg, t, n);
	return outfile_commit_all(of, 2);
}

/* Whether some host type of CAT with hosts (a count above 0) could take
 * VM type T on an empty host: a core of its MIPS (a VM runs on one) and
 * its RAM. */
static bool some_type_takes(const struct catalogue *cat,
			    const struct vm_type *t, double *pe, double *ram)
{
	*pe = *ram = 0;
	for (size_t k = 0; k < catalogue_ntypes(cat); k++) {
		const struct host_type *h = catalogue_type(cat, k);

		if (!h->count)
			continue;
		if (h->mips >= t->mips && h->ram_mb >= t->ram_mb)
			return true;
		*pe = h->mips > *pe ? h->mips : *pe;
		*ram = h->ram_mb > *ram ? h->ram_mb : *ram;
	}
	return false;
}

/* A VM no host type of CAT can take, whatever the count, said; -ENOSPC.
 * Checked before any placement, so every policy (static too, whose plan
 * packs total MIPS) refuses it alike. */
static int untakeable(const struct sim_args *a, const struct workload *w,
		      const struct catalogue *cat)
{
	const char *cf = a->hosts ? a->hosts : CATALOGUE_BUILTIN;
	double pe, ram;

	for (size_t v = 0; v < workload_nvms(w); v++) {
		const struct vm_type *t =
		    workload_vm_type(workload_type_of(w, v));

		if (some_type_takes(cat, t, &pe, &ram))
			continue;
		error_msg("simulate: no host of the catalogue '%s' can take VM "
			  "'%s' of '%s' (%g MIPS, %g MB): a VM runs on one "
			  "core, and no host type has a core of %g MIPS and "
			  "%g MB (the fastest core is %g MIPS, the most RAM "
			  "%g MB); give --hosts a catalogue with such hosts",
			  cf, workload_name(w, v), a->trace, t->mips, t->ram_mb,
			  t->mips, t->ram_mb, pe, ram);
		return -ENOSPC;
	}
	return 0;
}

/* The start found no host for VM V (each VM fits some host type:
 * untakeable): name the trace and the catalogue, which the user changes. */
static void no_room(const struct sim_args *a, const struct workload *w,
		    const struct catalogue *cat, size_t v)
{
	const struct vm_type *t = workload_vm_type(workload_type_of(w, v));
	size_t nv = workload_nvms(w), nh = catalogue_nhosts(cat);

	error_msg("simulate: no room for the %zu VM%s of '%s' on the %zu "
		  "host%s of the catalogue '%s'%s: VM '%s' (%g MIPS, %g MB) "
		  "found none at the start; give --hosts a catalogue with "
		  "more or larger hosts",
		  nv, nv == 1 ? "" : "s", a->trace, nh, nh == 1 ? "" : "s",
		  a->hosts ? a->hosts : CATALOGUE_BUILTIN,
		  a->hosts ? "" : " (built in)", workload_name(w, v), t->mips,
		  t->ram_mb);
}

/* The static plan did not fit the catalogue (INFO): a VM above the
 * largest host, or more hosts than the catalogue has. */
static void static_no_room(const struct sim_args *a, const struct workload *w,
			   const struct catalogue *cat,
			   const struct staticplan_info *info)
{
	const char *cf = a->hosts ? a->hosts : CATALOGUE_BUILTIN;
	const struct vm_type *t;

	if (info->unplaced < 0) {
		error_msg("simulate: the static plan of the %zu VMs of '%s' "
			  "needs %zu hosts, the catalogue '%s' has %zu; give "
			  "--hosts a catalogue with more or larger hosts",
			  workload_nvms(w), a->trace, info->need, cf,
			  catalogue_nhosts(cat));
		return;
	}
	t = workload_vm_type(workload_type_of(w, (size_t)info->unplaced));
	error_msg("simulate: the static plan found no host for VM '%s' of "
		  "'%s' (%g MIPS, %g MB; planned size %.6g MIPS at P%g): the "
		  "largest host of the catalogue '%s', '%s', has %u x %g "
		  "MIPS, %g MB; give --hosts a catalogue with larger hosts",
		  workload_name(w, (size_t)info->unplaced), a->trace, t->mips,
		  t->ram_mb, info->cpu, a->cfg.corr_pct, cf, info->big->name,
		  info->big->cores, info->big->mips, info->big->ram_mb);
}

/* The plan is packed for the largest type; hosts past that type's count
 * go to smaller ones, which may not hold what was packed for it. */
static void static_spill(const struct sim_args *a,
			 const struct staticplan_info *info)
{
	const struct host_type *b = info->big;

	if (info->need > info->big_hosts)
		error_warn("simulate: the static plan needs %zu hosts of "
			   "'%s' (%u x %g MIPS, %g MB), the largest type; "
			   "the catalogue '%s' has %zu: the other %zu plan "
			   "hosts go to smaller hosts, which their VMs may "
			   "overload",
			   info->need, b->name, b->cores, b->mips, b->ram_mb,
			   a->hosts ? a->hosts : CATALOGUE_BUILTIN,
			   info->big_hosts, info->need - info->big_hosts);
}

/* Place (static policy) and simulate. -ENOSPC: no room for the VMs in
 * the catalogue, said; not a disk full, which writing reports. */
static int run(struct sim_args *a, const struct workload *w,
	       const struct catalogue *cat, int **place, struct sim_result *r,
	       struct sim_tick **ticks, size_t *nticks)
{
	struct staticplan_info info = {0};
	int rc = untakeable(a, w, cat);

	if (rc == 0 && a->cfg.policy == SIM_STATIC) {
		*place = calloc(workload_nvms(w) + 1, sizeof(**place));
		rc = *place ? staticplan_place(w, cat, a->cfg.corr_pct,
					       a->cfg.seed, !a->cfg.q.ram_once,
					       *place, &info)
			    : -ENOMEM;
		a->cfg.placement = *place;
		if (rc == -ENOSPC)
			static_no_room(a, w, cat, &info);
		if (rc == 0)
			static_spill(a, &info);
	}
	if (rc == 0) {
		rc = simulate_run(w, cat, &a->cfg, r,
				  a->timeline ? ticks : NULL, nticks);
		if (rc == -ENOSPC)
			no_room(a, w, cat, r->unplaced);
	}
	return rc;
}

static int simulate_main(int argc, char **argv)
{
	struct sim_args a;
	struct workload *w = NULL;
	struct catalogue *cat = NULL;
	struct sim_tick *ticks = NULL;
	struct sim_result r = {0};
	size_t nticks = 0;
	int *place = NULL;
	int rc = parse(argc, argv, &a);

	if (rc) {
		opt_strings_free(&a.quirk);
		return opt_status(rc);
	}
	if ((rc = workload_load(a.trace, import_planetlab_series, &w)) < 0 ||
	    (rc = catalogue_load(a.hosts, &cat)) < 0)
		goto out;
	rc = run(&a, w, cat, &place, &r, &ticks, &nticks);
	if (rc == -ENOSPC)
		rc = VMUX_EXIT_DATA;
	else if (rc == 0)
		rc = error_exit_code(
		    write_outputs(&a, w, cat, &r, ticks, nticks));
	else
		rc = error_exit_code(rc);
out:
	free(place);
	free(ticks);
	catalogue_destroy(cat);
	workload_destroy(w);
	opt_strings_free(&a.quirk);
	return rc < 0 ? error_exit_code(rc) : rc;
}

const struct command cmd_simulate = {
    "simulate",
    "simulate dynamic consolidation over time (CloudSim's experiments)",
    simulate_main,
    &cmd,
};
