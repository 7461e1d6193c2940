/*
 * workload.h - the VMs a simulation runs: for each, a CPU utilisation series
 * sampled every 300 s (fractions of the VM's size, 0..1) and its VM type.
 *
 * Two sources: a PlanetLab day folder (one file per VM, 288 CPU
 * percentages read by the importer's rule, given by the caller as READ;
 * files taken in byte-sorted name order, i.e. `LC_ALL=C ls`),
 * or a canonical trace (its VMs in byte-sorted name order too, whatever the
 * order of its rows) whose cpu column (cores) is read as the utilisation
 * of a one-vCPU VM (capped at 1) and whose step must be 300 s; slots no
 * VM has data in (days missing between the trace's spans) are left out,
 * so the spans are simulated end to end, as every other command's window
 * leaves them out (a note says how many). Either way
 * the series gets one extra sample, a copy of the last, so that linear
 * interpolation is defined up to the end of the day (as CloudSim does).
 *
 * VM types are CloudSim's four (workload_vm_type), assigned in contiguous
 * blocks: VM i has type floor(i / ceil(N / 4)).
 */
#ifndef VMUX_WORKLOAD_H
#define VMUX_WORKLOAD_H

#include <stddef.h>

#define WORKLOAD_STEP 300.0 /* seconds between samples */
#define WORKLOAD_NTYPES 4

struct vm_type {
	double mips; /* one PE */
	double ram_mb;
};

struct workload;

/* Read the first N CPU percentages of PlanetLab file PATH into PCT (0..100,
 * values above 100 clipped and counted in *CLIPPED); fewer is bad data.
 * 0, or -errno with a message naming PATH. The importer's reader
 * (import_planetlab_series), passed in by the command line: simulate's
 * layer may not use the importers', and the two must read one rule. */
typedef int workload_file_fn(const char *path, double *pct, size_t n,
			     unsigned long *clipped);

/* Load PATH (a folder of PlanetLab files, each read by READ, or a
 * canonical trace CSV; "-": one from standard input). */
int workload_load(const char *path, workload_file_fn *read,
		  struct workload **out);
/* A workload from N series of NSAMPLES fractions each (copied); for tests. */
int workload_from(size_t n, size_t nsamples, const double *const *series,
		  struct workload **out);
void workload_destroy(struct workload *w);

size_t workload_nvms(const struct workload *w);
/* Samples per VM, the appended copy of the last one included. */
size_t workload_nsamples(const struct workload *w);
/* VM I's series, workload_nsamples() fractions. */
const double *workload_series(const struct workload *w, size_t i);
const char *workload_name(const struct workload *w, size_t i);
/* VM I's type index and the type table. */
int workload_type_of(const struct workload *w, size_t i);
const struct vm_type *workload_vm_type(int type);

/*
 * Utilisation of SERIES at time T >= 0: the sample if T is a multiple of the
 * step, else linear between the two samples around T.
 */
double workload_at(const double *series, double t);

/* Where a time T falls among the samples, found once for all series (what
 * workload_at computes from T alone). */
struct workload_pos {
	size_t k1, k2; /* samples around T (k1 alone if exact) */
	double span;   /* seconds between them */
	double off;    /* seconds from sample k1 to T */
	int exact;     /* T is a multiple of the step */
};

void workload_pos_at(double t, struct workload_pos *p);

/* workload_at(SERIES, T) for P = workload_pos_at(T), the same value
 * (inline: a tick reads every VM's). */
static inline double workload_value(const double *series,
				    const struct workload_pos *p)
{
	if (p->exact)
		return series[p->k1];
	double d = (series[p->k2] - series[p->k1]) / p->span;

	return series[p->k1] + d * p->off;
}

#endif
