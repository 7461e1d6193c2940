/*
 * cmd_simulate.c - `vmux simulate`: dynamic consolidation of a trace over
 * time (sim/simulate), CloudSim 3.0.3's PlanetLab experiments reproduced
 * with --model cloudsim.
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "lib/outfile.h"
#include "sim/simulate/result.h"
#include "sim/simulate/simulate.h"
#include "sim/simulate/staticplan.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sim_args {
	const char *trace, *hosts, *out, *timeline;
	const char *detector, *select, *param;
	struct sim_config cfg;
};

static void usage(FILE *fp)
{
	fprintf(
	    fp,
	    "usage: vmux simulate TRACE-or-DIR [options]\n\n"
	    "Simulate dynamic VM consolidation over the trace: every 300 s\n"
	    "detect overloaded and underloaded hosts, migrate, switch idle\n"
	    "hosts off; report energy and SLA violations.\n\n"
	    "  --model M        vmux (default) or cloudsim (CloudSim 3.0.3 "
	    "with its quirks)\n"
	    "  --detector D     npa, dvfs, thr (default), iqr, mad, lr, lrr, "
	    "corr\n"
	    "  --param S        detector parameter (thr 0.8, iqr 1.5, mad "
	    "2.5, lr/lrr 1.2;\n"
	    "                   corr: percentile of the joint history, 95)\n"
	    "  --select P       mmt (default), mu, rs, mc\n"
	    "  --cap C          corr: fraction of a host its joint size may "
	    "fill (1)\n"
	    "  --low L          corr: empty hosts whose joint size is below "
	    "L (0.5)\n"
	    "  --quirk Q=on|off flip one CloudSim quirk: ram_once, "
	    "double_move, pooled,\n"
	    "                   energy_edges, dest_full_request, wake_free\n"
	    "  --hosts FILE     host catalogue CSV (default: built-in "
	    "models/hosts-cloudsim.csv)\n"
	    "  --seed X         seed for random selection (default 1)\n"
	    "  -o FILE          result CSV to FILE (default: standard "
	    "output)\n"
	    "  --timeline FILE  per-tick CSV: active hosts, power, "
	    "overloaded hosts, migrations\n"
	    "  -h, --help       this help\n");
}

static int parse_num(const char *opt, const char *s, double lo, double hi,
		     double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end || errno || !(*out >= lo && *out <= hi))
		return error_usage("simulate",
				   "option '%s': '%s' is not a number in "
				   "[%g, %g]",
				   opt, s, lo, hi);
	return 0;
}

static bool *quirk_field(struct sim_quirks *q, const char *name, size_t len)
{
	static const char *const names[] = {
	    "ram_once",	    "double_move",	 "pooled",
	    "energy_edges", "dest_full_request", "wake_free"};
	bool *f[] = {&q->ram_once,     &q->double_move,	      &q->pooled,
		     &q->energy_edges, &q->dest_full_request, &q->wake_free};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && !strncmp(names[i], name, len))
			return f[i];
	return NULL;
}

/* Quirk flips are applied after the model's defaults: keep them. */
struct flip {
	const char *arg;
};

static int apply_quirk(struct sim_config *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	bool *f = eq ? quirk_field(&c->q, arg, (size_t)(eq - arg)) : NULL;

	if (!f || (strcmp(eq + 1, "on") && strcmp(eq + 1, "off")))
		return error_usage("simulate",
				   "option '--quirk': '%s' is not NAME=on|off "
				   "with a known NAME",
				   arg);
	*f = !strcmp(eq + 1, "on");
	return 0;
}

static int set_detector(struct sim_args *a)
{
	static const char *const det[] = {"thr", "iqr", "mad", "lr", "lrr"};
	static const double param[] = {0.8, 1.5, 2.5, 1.2, 1.2};
	const char *d = a->detector ? a->detector : "thr";
	struct sim_config *c = &a->cfg;
	double v;

	if (!strcmp(d, "npa") || !strcmp(d, "dvfs")) {
		c->policy = d[0] == 'n' ? SIM_NPA : SIM_DVFS;
		return 0;
	}
	if (!strcmp(d, "static")) {
		c->policy = SIM_STATIC;
		if (a->param &&
		    parse_num("--param", a->param, 1, 99.999, &c->corr_pct))
			return VMUX_EXIT_USAGE;
		return 0;
	}
	if (!strcmp(d, "corr")) {
		c->policy = SIM_CORR;
		if (a->param && parse_num("--param", a->param, 1, 100, &v))
			return VMUX_EXIT_USAGE;
		if (a->param)
			c->corr_pct = v;
		return 0;
	}
	for (int i = 0; i < 5; i++)
		if (!strcmp(d, det[i])) {
			c->policy = SIM_MIGRATE;
			c->det =
			    (struct detector){(enum detect_kind)i, param[i]};
			if (a->param && parse_num("--param", a->param, 0, 100,
						  &c->det.param))
				return VMUX_EXIT_USAGE;
			return 0;
		}
	return error_usage("simulate", "option '--detector': unknown '%s'", d);
}

static int set_select(struct sim_args *a)
{
	static const char *const sel[] = {"mmt", "mu", "rs", "mc"};

	if (!a->select)
		return 0;
	for (int i = 0; i < 4; i++)
		if (!strcmp(a->select, sel[i])) {
			a->cfg.sel = (enum sim_select)i;
			return 0;
		}
	return error_usage("simulate", "option '--select': unknown '%s'",
			   a->select);
}

enum {
	O_MODEL = 256,
	O_DET,
	O_PARAM,
	O_SEL,
	O_HOSTS,
	O_SEED,
	O_TL,
	O_CAP,
	O_LOW,
	O_QUIRK
};

static int parse(int argc, char **argv, struct sim_args *a)
{
	static const struct option opts[] = {
	    {"model", 1, NULL, O_MODEL}, {"detector", 1, NULL, O_DET},
	    {"param", 1, NULL, O_PARAM}, {"select", 1, NULL, O_SEL},
	    {"hosts", 1, NULL, O_HOSTS}, {"seed", 1, NULL, O_SEED},
	    {"timeline", 1, NULL, O_TL}, {"cap", 1, NULL, O_CAP},
	    {"low", 1, NULL, O_LOW},	 {"quirk", 1, NULL, O_QUIRK},
	    {"help", 0, NULL, 'h'},	 {NULL, 0, NULL, 0},
	};
	const char *model = "vmux", *quirks[16], *cap = NULL, *low = NULL;
	int c, nq = 0, rc;
	double seed = 1;

	memset(a, 0, sizeof(*a));
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case O_MODEL:
			model = optarg;
			break;
		case O_DET:
			a->detector = optarg;
			break;
		case O_PARAM:
			a->param = optarg;
			break;
		case O_SEL:
			a->select = optarg;
			break;
		case O_HOSTS:
			a->hosts = optarg;
			break;
		case O_TL:
			a->timeline = optarg;
			break;
		case O_CAP:
			cap = optarg;
			break;
		case O_LOW:
			low = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case O_SEED:
			if (parse_num("--seed", optarg, 0, 9007199254740992.0,
				      &seed) ||
			    seed != floor(seed))
				return error_usage("simulate",
						   "option '--seed': a whole "
						   "number, please");
			break;
		case O_QUIRK:
			if (nq == 16)
				return error_usage("simulate",
						   "too many --quirk");
			quirks[nq++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			usage(stderr);
			return VMUX_EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return error_usage("simulate", "one TRACE or folder, please");
	a->trace = argv[optind];
	if (strcmp(model, "vmux") && strcmp(model, "cloudsim"))
		return error_usage("simulate", "option '--model': unknown '%s'",
				   model);
	simulate_defaults(&a->cfg, model[0] == 'c' ? SIM_MODEL_CLOUDSIM
						   : SIM_MODEL_VMUX);
	a->cfg.seed = (uint64_t)seed;
	if ((rc = set_detector(a)) || (rc = set_select(a)))
		return rc;
	if ((cap && parse_num("--cap", cap, 0.01, 10, &a->cfg.corr_cap)) ||
	    (low && parse_num("--low", low, 0, 10, &a->cfg.corr_low)))
		return VMUX_EXIT_USAGE;
	for (int i = 0; i < nq; i++)
		if ((rc = apply_quirk(&a->cfg, quirks[i])))
			return rc;
	return 0;
}

static int write_out(const char *path, const struct sim_args *a,
		     const struct workload *w, const struct catalogue *cat,
		     const struct sim_result *r)
{
	struct outfile *of;
	int rc = outfile_open(path, &of);

	if (rc < 0)
		return rc;
	result_header(outfile_fp(of));
	result_row(outfile_fp(of), a->trace, &a->cfg, workload_nvms(w),
		   catalogue_nhosts(cat), r);
	return outfile_commit(of);
}

static int write_timeline(const char *path, const struct sim_args *a,
			  const struct sim_tick *t, size_t n)
{
	struct outfile *of;
	int rc = outfile_open(path, &of);

	if (rc < 0)
		return rc;
	result_timeline(outfile_fp(of), &a->cfg, t, n);
	return outfile_commit(of);
}

static int simulate_main(int argc, char **argv)
{
	struct sim_args a;
	struct workload *w = NULL;
	struct catalogue *cat = NULL;
	struct sim_tick *ticks = NULL;
	struct sim_result r;
	size_t nticks = 0;
	int *place = NULL;
	int rc = parse(argc, argv, &a);

	if (rc)
		return rc < 0 ? 0 : rc;
	if ((rc = workload_load(a.trace, &w)) < 0 ||
	    (rc = catalogue_load(a.hosts, &cat)) < 0)
		goto out;
	if (a.cfg.policy == SIM_STATIC) {
		place = calloc(workload_nvms(w) + 1, sizeof(*place));
		rc = place
			 ? staticplan_place(w, cat, a.cfg.corr_pct, a.cfg.seed,
					    !a.cfg.q.ram_once, place)
			 : -ENOMEM;
		a.cfg.placement = place;
	}
	if (rc == 0)
		rc = simulate_run(w, cat, &a.cfg, &r,
				  a.timeline ? &ticks : NULL, &nticks);
	if (rc == -ENOSPC)
		error_msg("simulate: the %zu VMs do not fit on the %zu hosts",
			  workload_nvms(w), catalogue_nhosts(cat));
	if (rc < 0 || (rc = write_out(a.out ? a.out : "-", &a, w, cat, &r)) < 0)
		goto out;
	if (a.timeline)
		rc = write_timeline(a.timeline, &a, ticks, nticks);
out:
	free(place);
	free(ticks);
	catalogue_destroy(cat);
	workload_destroy(w);
	return rc == -ENOSPC ? VMUX_EXIT_DATA
	       : rc < 0	     ? error_exit_code(rc)
			     : 0;
}

const struct command cmd_simulate = {
    "simulate",
    "simulate dynamic consolidation over time (CloudSim's experiments)",
    simulate_main,
};
