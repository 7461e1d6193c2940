/*
 * cmd_gen.c - `vmux gen`: write a synthetic canonical trace (sim/import/gen.h).
 *
 * The canonical CSV has no comment syntax, so the seed and every other
 * parameter go into a sidecar FILE.meta (key=value lines) written beside
 * FILE, and into the summary line. Both files are written atomically; if
 * the sidecar cannot be written, FILE is removed again.
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "sim/import/gen.h"
#include "lib/outfile.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_START 1704067200.0 /* 2024-01-01 00:00:00 UTC */

struct gen_args {
	struct gen_opts o;
	const char *out;
	bool have_seed;
};

static void usage(void)
{
	printf(
	    "usage: vmux gen --vms N --slots T --seed X -o FILE [options]\n\n"
	    "Write a synthetic canonical trace (time,vm,cpu[,mem]): daily "
	    "cycles,\nnoise, bursts, and groups of correlated and "
	    "anti-correlated VMs.\n\n"
	    "  --vms N            number of VMs (vm0000, vm0001, ...)\n"
	    "  --slots T          samples per VM\n"
	    "  --step S           seconds between samples (default 300)\n"
	    "  --start T0         time of the first sample, s (default "
	    "1704067200,\n"
	    "                     2024-01-01 00:00 UTC)\n"
	    "  --seed X           seed, an integer 0..2^64-1 (required): "
	    "the same\n"
	    "                     options and seed give the same bytes\n"
	    "  --resources LIST   cpu (default) or cpu,mem\n"
	    "  --shape NAME       mixed (default: the model below) or azure "
	    "(sizes,\n"
	    "                     utilisation and heavy-tailed lifetimes "
	    "after Azure's\n"
	    "                     published statistics; 0 outside a VM's "
	    "life; README)\n"
	    "  -o FILE            output ('-' for stdout), written "
	    "atomically\n"
	    "  -h, --help         this help\n\n"
	    "The seed and all options are recorded in FILE.meta (key=value "
	    "lines),\nsince the CSV has no comment syntax; with -o - they "
	    "go to stderr.\n\n"
	    "Model: cpu in cores (each VM has 1, 2, 4 or 8; 4 decimals), a "
	    "daily\ncosine with a per-VM phase, AR(1) noise (1 h time "
	    "constant), bursts\n(about one per 2 days, mean 30 min); mem in "
	    "MiB (2 decimals) follows\nsmoothed cpu. VMs come in groups of "
	    "%d: vm0000-vm0003 correlated (one\nphase, shared noise and "
	    "bursts), vm0004-vm0007 two anti-correlated pairs\n(phases 12 h "
	    "apart, opposite shared noise), vm0008-vm0011 independent,\n"
	    "and so on. cpu values do not depend on --resources.\n",
	    GEN_GROUP);
}

static int parse_size(const char *opt, const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > SIZE_MAX)
		return error_usage("gen", "option '%s': '%s' is not a count",
				   opt, s);
	*out = (size_t)v;
	return 0;
}

static int parse_seconds(const char *opt, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(*out))
		return error_usage("gen", "option '%s': '%s' is not a number",
				   opt, s);
	return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || s[0] == '+')
		return error_usage("gen",
				   "option '--seed': '%s' is not an "
				   "integer in 0..2^64-1",
				   s);
	return 0;
}

static int parse_resources(const char *s, unsigned *mask)
{
	char *list = strdup(s), *save = NULL, *tok;
	enum res r;
	int rc = 0;

	if (!list)
		return VMUX_EXIT_INTERNAL;
	*mask = 0;
	for (tok = strtok_r(list, ",", &save); tok && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		if (res_parse(tok, &r) < 0 || (r != RES_CPU && r != RES_MEM))
			rc = error_usage("gen",
					 "option '--resources': '%s' "
					 "is not cpu or mem",
					 tok);
		else
			*mask |= RES_MASK(r);
	}
	free(list);
	return rc;
}

static int parse_opt(int c, struct gen_args *a)
{
	switch (c) {
	case 'n':
		return parse_size("--vms", optarg, &a->o.nvms);
	case 'T':
		return parse_size("--slots", optarg, &a->o.nslots);
	case 's':
		return parse_seconds("--step", optarg, &a->o.step);
	case 'b':
		return parse_seconds("--start", optarg, &a->o.start);
	case 'x':
		a->have_seed = true;
		return parse_seed(optarg, &a->o.seed);
	case 'r':
		return parse_resources(optarg, &a->o.res_mask);
	case 'S':
		return gen_shape_parse(optarg, &a->o.shape) == 0
			   ? 0
			   : error_usage("gen",
					 "option '--shape': '%s' is not mixed "
					 "or azure",
					 optarg);
	case 'o':
		a->out = optarg;
		return 0;
	case 'h':
		usage();
		return -1;
	default:
		return VMUX_EXIT_USAGE;
	}
}

static int parse_args(int argc, char **argv, struct gen_args *a)
{
	static const struct option opts[] = {
	    {"vms", required_argument, NULL, 'n'},
	    {"slots", required_argument, NULL, 'T'},
	    {"step", required_argument, NULL, 's'},
	    {"start", required_argument, NULL, 'b'},
	    {"seed", required_argument, NULL, 'x'},
	    {"resources", required_argument, NULL, 'r'},
	    {"shape", required_argument, NULL, 'S'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *why;
	int c, rc;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1)
		if ((rc = parse_opt(c, a)) != 0)
			return rc;
	if (optind < argc)
		return error_usage("gen", "unexpected argument '%s'",
				   argv[optind]);
	if (!a->o.nvms || !a->o.nslots)
		return error_usage("gen", "missing option '%s'",
				   a->o.nvms ? "--slots" : "--vms");
	if (!a->have_seed)
		return error_usage("gen", "missing option '--seed'");
	if (!a->out)
		return error_usage("gen", "missing option '-o FILE'");
	why = gen_invalid(&a->o);
	return why ? error_usage("gen", "%s", why) : 0;
}

static void put_resources(FILE *fp, unsigned mask)
{
	fputs(mask & RES_MASK(RES_MEM) ? "cpu,mem" : "cpu", fp);
}

/* The sidecar's key=value lines (also what -o - prints on stderr). */
static void write_meta(FILE *fp, const struct gen_args *a)
{
	const struct gen_opts *o = &a->o;

	fprintf(fp,
		"generator=vmux gen\nseed=%" PRIu64 "\nvms=%zu\nslots=%zu\n"
		"step=%.17g\nstart=%.17g\nresources=",
		o->seed, o->nvms, o->nslots, o->step, o->start);
	put_resources(fp, o->res_mask);
	fprintf(fp,
		"\nshape=%s\ncommand=vmux gen --vms %zu --slots %zu --step "
		"%.17g --start %.17g --seed %" PRIu64 " --resources ",
		gen_shape_name(o->shape), o->nvms, o->nslots, o->step, o->start,
		o->seed);
	put_resources(fp, o->res_mask);
	if (o->shape != GEN_SHAPE_MIXED)
		fprintf(fp, " --shape %s", gen_shape_name(o->shape));
	fprintf(fp, " -o %s\n", a->out);
}

/* FILE.meta, atomically; removes FILE (already in place) on failure. */
static int commit_meta(const struct gen_args *a)
{
	struct outfile *of = NULL;
	char *path = NULL;
	int rc;

	if (asprintf(&path, "%s.meta", a->out) < 0)
		return -ENOMEM;
	rc = outfile_open(path, &of);
	if (rc == 0) {
		write_meta(outfile_fp(of), a);
		rc = outfile_commit(of);
	}
	if (rc < 0)
		unlink(a->out);
	free(path);
	return rc;
}

/* IN_PLACE: the output is stdout, a device or a FIFO, so there is no
 * FILE.meta; the parameters go to stderr instead. */
static void summary(const struct gen_args *a, bool in_place)
{
	bool to_stdout = !strcmp(a->out, "-");
	FILE *fp = to_stdout ? stderr : stdout;

	fprintf(fp, "vmux gen: %zu VMs x %zu slots of %g s (", a->o.nvms,
		a->o.nslots, a->o.step);
	put_resources(fp, a->o.res_mask);
	fprintf(fp, "), seed %" PRIu64 " -> %s", a->o.seed, a->out);
	if (in_place) {
		fputc('\n', fp);
		write_meta(stderr, a);
	} else {
		fprintf(fp, " (parameters in %s.meta)\n", a->out);
	}
}

static int run(const struct gen_args *a)
{
	struct outfile *of = NULL;
	bool in_place;
	int rc;

	rc = outfile_open(a->out, &of);
	if (rc < 0)
		return rc;
	rc = gen_write(&a->o, outfile_fp(of));
	if (rc < 0) {
		if (rc != -ENOMEM && rc != -EINVAL)
			error_msg("cannot write '%s': %s", a->out,
				  strerror(-rc));
		outfile_abort(of);
		return rc;
	}
	in_place = outfile_in_place(of);
	rc = outfile_commit(of);
	if (rc == 0 && !in_place)
		rc = commit_meta(a);
	if (rc == 0)
		summary(a, in_place);
	return rc;
}

static int gen_main(int argc, char **argv)
{
	struct gen_args a = {.o = {.step = 300,
				   .start = DEFAULT_START,
				   .res_mask = RES_MASK(RES_CPU)}};
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	return error_exit_code(run(&a));
}

const struct command cmd_gen = {
    "gen",
    "write a synthetic trace (daily cycles, noise, bursts, "
    "correlated groups)",
    gen_main};
