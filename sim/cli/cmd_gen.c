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
#include "lib/opt.h"
#include "sim/import/gen.h"
#include "lib/outfile.h"
#include "lib/version.h"

#include <errno.h>
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
	int shape; /* enum gen_shape */
};

/* Bits as in RES_MASK: cpu is bit 0, mem bit 1. */
static const char *const resources[] = {"cpu", "mem", NULL};

#define A(F, T) OPT_AT(struct gen_args, F, T)
#define STR(X) #X
#define XSTR(X) STR(X)
static const struct opt options[] = {
    OPT_NUM_F(OPT_SIZE, "vms", A(o.nvms, size_t), "N", OPT_IN(1, GEN_MAX_VMS),
	      NULL, OPT_REQUIRED, "number of VMs (vm0000, vm0001, ...)"),
    OPT_NUM_F(OPT_SIZE, "slots", A(o.nslots, size_t), "T", OPT_IN(2, INFINITY),
	      NULL, OPT_REQUIRED,
	      "samples per VM (a trace's step is read from the gaps\n"
	      "between its times: one sample has none)"),
    OPT_NUM(OPT_DURATION, "step", A(o.step, double), "S", &opt_positive, "s",
	    "time between samples (default 300)"),
    OPT_NUM(OPT_TIME, "start", A(o.start, double), "T0", &opt_nonnegative, NULL,
	    "time of the first sample (default 1704067200,\n"
	    "2024-01-01 00:00 UTC)"),
    OPT_NUM_F(OPT_SEED, "seed", A(o.seed, uint64_t), "X", NULL, NULL,
	      OPT_REQUIRED,
	      "seed: the same options and seed give the same bytes"),
    OPT_CHOICE(OPT_ENUM_SET, "resources", A(o.res_mask, unsigned), "LIST",
	       resources, "cpu (default) or cpu,mem"),
    OPT_CHOICE(OPT_ENUM, "shape", A(shape, int), "NAME", gen_shape_names,
	       "mixed (default: the model below) or azure (sizes,\n"
	       "utilisation and heavy-tailed lifetimes after Azure's\n"
	       "published statistics; 0 outside a VM's life; README)"),
    OPT_STR(NULL, 'o', A(out, const char *), "FILE", OPT_REQUIRED | OPT_OUTFILE,
	    "output ('-' for stdout), written atomically"),
    OPT_TABLE_END,
};

/* The options together, as gen_invalid() judges them. */
static int check(const struct opt_cmd *c, void *args)
{
	struct gen_args *a = args;
	const char *why;

	a->o.shape = (enum gen_shape)a->shape;
	why = gen_invalid(&a->o);
	return why ? opt_error(c, NULL, "%s", why) : 0;
}

static const struct opt_cmd cmd = {
    .name = "gen",
    .about = "Write a synthetic canonical trace (time,vm,cpu[,mem]): daily "
	     "cycles,\nnoise, bursts, and groups of correlated and "
	     "anti-correlated VMs.\n",
    .more =
	"The seed and all options are recorded in FILE.meta (key=value "
	"lines),\nsince the CSV has no comment syntax; with -o - they "
	"go to stderr.\n\n"
	"Model: cpu in cores (each VM has 1, 2, 4 or 8; 4 decimals), a "
	"daily\ncosine with a per-VM phase, AR(1) noise (1 h time "
	"constant), bursts\n(about one per 2 days, mean 30 min); mem in "
	"MiB (2 decimals) follows\nsmoothed cpu. VMs come in groups of " XSTR(
	    GEN_GROUP) ": vm0000-vm0003 correlated\n(one phase, shared "
		       "noise and bursts), vm0004-vm0007 two "
		       "anti-correlated\npairs "
		       "(phases 12 h apart, opposite shared noise), "
		       "vm0008-vm0011\n"
		       "independent, and so on. cpu values do not depend on "
		       "--resources.\n",
    .opts = options,
    .check = check,
};

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
	fprintf(fp, " -o %s\nvmux_version=%s\nvmux_build=%s\n", a->out,
		VMUX_VERSION, version_build());
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

	fprintf(fp, "vmux gen: %zu VM%s x %zu slot%s of %g s (", a->o.nvms,
		a->o.nvms == 1 ? "" : "s", a->o.nslots,
		a->o.nslots == 1 ? "" : "s", a->o.step);
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
		/* a write error is the stream's: said by the outfile as for
		 * any command (standard output, not '-'; its spool when that
		 * failed; the first write's errno) */
		if (rc != -ENOMEM && rc != -EINVAL && outfile_flush(of) == 0)
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
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc)
		return opt_status(rc);
	return error_exit_code(run(&a));
}

const struct command cmd_gen = {
    "gen",
    "write a synthetic trace (daily cycles, noise, bursts, "
    "correlated groups)",
    gen_main, &cmd};
