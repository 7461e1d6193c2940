/*
 * workload.c - loading simulation workloads (see workload.h).
 */
#include "sim/simulate/workload.h"
#include "lib/error.h"
#include "lib/strv.h"
#include "sim/store/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PLANETLAB_SAMPLES 288

struct workload {
	size_t n, ns;
	double *u;    /* n x ns */
	char **names; /* n */
};

/* CloudSim's four VM types (Beloglazov & Buyya 2012, Amazon EC2-like). */
static const struct vm_type vm_types[WORKLOAD_NTYPES] = {
    {2500, 870},
    {2000, 1740},
    {1000, 1740},
    {500, 613},
};

static int alloc(size_t n, size_t ns, struct workload **out)
{
	struct workload *w = calloc(1, sizeof(*w));

	if (!w)
		return -ENOMEM;
	w->n = n;
	w->ns = ns;
	w->u = calloc(n * ns + 1, sizeof(*w->u));
	w->names = calloc(n + 1, sizeof(*w->names));
	if (!w->u || !w->names) {
		workload_destroy(w);
		return -ENOMEM;
	}
	*out = w;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Keep the entries of folder DFD that are files (or links to them):
 * hidden files and sub-folders are dropped (freed) and counted in
 * *SKIPPED, as `vmux import planetlab` skips them; "." and ".." are not
 * counted. Returns how many are kept, at the front of ENTS. */
static int keep_files(int dfd, struct dirent **ents, int n, int *skipped)
{
	int kept = 0;

	*skipped = 0;
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		struct stat st;
		bool dots = !strcmp(name, ".") || !strcmp(name, "..");

		if (!dots && name[0] != '.' &&
		    (fstatat(dfd, name, &st, 0) < 0 || !S_ISDIR(st.st_mode))) {
			ents[kept++] = ents[i]; /* a dangling link: read says */
			continue;
		}
		*skipped += !dots;
		free(ents[i]);
	}
	return kept;
}

/* Each file of folder DIR in turn, read by READ (the importer's rule);
 * values above 100 % said once. */
static int read_files(const char *dir, struct dirent **ents, int n,
		      workload_file_fn *read, struct workload *w)
{
	unsigned long clipped = 0;
	char *path = NULL;
	int rc = 0;

	for (int i = 0; rc == 0 && i < n; i++) {
		double *u = w->u + (size_t)i * w->ns;

		w->names[i] = strdup(ents[i]->d_name);
		if (!w->names[i] ||
		    asprintf(&path, "%s/%s", dir, ents[i]->d_name) < 0)
			return -ENOMEM;
		rc = read(path, u, PLANETLAB_SAMPLES, &clipped);
		free(path);
		for (size_t k = 0; rc == 0 && k < PLANETLAB_SAMPLES; k++)
			u[k] /= 100.0;
		if (rc == 0)
			u[PLANETLAB_SAMPLES] = u[PLANETLAB_SAMPLES - 1];
	}
	if (rc == 0 && clipped)
		error_warn("%s: %lu CPU value%s above 100 %%: clipped to 100 "
			   "%% (as vmux import planetlab does)",
			   dir, clipped, clipped == 1 ? "" : "s");
	return rc;
}

static int load_dir(const char *dir, workload_file_fn *read,
		    struct workload **out)
{
	struct dirent **ents = NULL;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = -1, skip;
	int rc;

	if (dfd < 0 || (n = scandir(dir, &ents, NULL, by_name)) < 0) {
		rc = -errno;
		error_msg("%s: %s", dir, strerror(errno));
		goto out;
	}
	n = keep_files(dfd, ents, n, &skip);
	if (skip)
		error_warn("simulate: %s: %d folder entr%s skipped (hidden "
			   "files, sub-folders)",
			   dir, skip, skip == 1 ? "y" : "ies");
	rc = n ? alloc((size_t)n, PLANETLAB_SAMPLES + 1, out)
	       : (error_msg("%s: a folder with no trace files", dir), -EBADMSG);
	if (rc == 0 && (rc = read_files(dir, ents, n, read, *out)) < 0) {
		workload_destroy(*out);
		*out = NULL;
	}
out:
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* The slots whose cpu was above 1 core, read as 1 (said, never silent),
 * and the VMs without data in some of the simulated slots (said too). */
struct capped {
	size_t n;     /* VM-slots capped */
	size_t data;  /* VM-slots with data: in a VM's span, not absent */
	double max;   /* the largest value capped */
	size_t gappy; /* VMs with no data in some simulated slot */
	long first;   /* the first of them (trace index), -1: none */
};

/* The slots VM I of T has data in: its span less its absent runs (outside
 * them it demands 0, which is never capped). */
static size_t data_slots(const struct trace *t, size_t i)
{
	const size_t *runs;
	size_t first, len, nr = trace_absent(t, i, &runs);

	trace_span(t, i, &first, &len);
	for (size_t k = 0; k < nr; k++)
		len -= runs[2 * k + 1];
	return len;
}

/* VM I of T, its NS slots read into X and cut to the covered ones, capped
 * at 1 (counted in C), and the last repeated: row U of KEPT + 1 samples. */
static void read_row(const struct trace *t, size_t i, size_t ns, double *x,
		     double *u, struct capped *c)
{
	size_t kept;

	size_t data = data_slots(t, i);

	trace_read(t, RES_CPU, i, 0, ns, x);
	c->data += data;
	kept = trace_keep_covered(t, 0, ns, x);
	if (data < kept && !c->gappy++)
		c->first = (long)i;
	for (size_t k = 0; k < kept; k++) {
		u[k] = x[k] > 1 ? 1 : x[k];
		if (x[k] > 1) {
			c->n++;
			c->max = x[k] > c->max ? x[k] : c->max;
		}
	}
	u[kept] = u[kept - 1];
}

/* What load_trace read as it is not: capped cpu, and the VMs of T (N of
 * them, over KEPT slots) simulated as idle where they have no data. */
static void warn_capped(const char *path, const struct trace *t, size_t n,
			size_t kept, const struct capped *c)
{
	if (c->n)
		error_warn("%s: %zu of %zu VM-slots with data have cpu above "
			   "1 core (up to %g), read as 1: simulate reads cpu "
			   "as a one-vCPU VM's utilisation",
			   path, c->n, c->data, c->max);
	if (c->gappy)
		error_warn("%s: %zu of the %zu VMs have no data in part of the "
			   "%zu simulated slots (%zu of %zu VM-slots; first "
			   "'%s'): they are simulated there as idle VMs, 0 "
			   "%% CPU with their RAM held (a VM runs the whole "
			   "simulation; the static plan packs them at 0 "
			   "there too)",
			   path, c->gappy, n, kept, n * kept - c->data,
			   n * kept, trace_name(t, (size_t)c->first));
}

/* The VMs of T in byte-sorted name order, as a folder's files are taken:
 * VM types go by position, so the row order of the file must not matter. */
static int by_trace_name(const void *a, const void *b, void *t)
{
	return strcmp(trace_name(t, *(const size_t *)a),
		      trace_name(t, *(const size_t *)b));
}

static size_t *name_order(const struct trace *t, size_t n)
{
	size_t *ord = malloc((n + 1) * sizeof(*ord));

	if (!ord)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	qsort_r(ord, n, sizeof(*ord), by_trace_name, (void *)t);
	return ord;
}

/* The trace's slots are simulate's 300 s. A whole-trace fault: no line
 * to cite. A single time gives one slot and no step to detect. */
static int check_step(const char *path, const struct trace *t)
{
	size_t ns = trace_nslots(t);

	if (ns < 2)
		error_msg("%s: one slot (every row at one time): no step can "
			  "be detected; simulate needs at least 2 slots of "
			  "%g s",
			  path, WORKLOAD_STEP);
	else if (fabs(trace_step(t) - WORKLOAD_STEP) > 1e-9)
		error_msg("%s: slots of %g s (the commonest gap between a "
			  "VM's times); simulate needs slots of %g s",
			  path, trace_step(t), WORKLOAD_STEP);
	else
		return 0;
	return -EBADMSG;
}

static int load_trace(const char *path, struct workload **out)
{
	struct trace *t = NULL;
	struct ingest_opts o = {.step = 0, .quiet = true};
	int rc = ingest_file(path, &o, &t, NULL);
	size_t n, ns, kept;
	struct capped c = {0, 0, 0, 0, -1};
	double *x = NULL;
	size_t *ord = NULL;

	if (rc < 0)
		return rc;
	if ((rc = check_step(path, t)) < 0)
		goto out;
	n = trace_nvms(t);
	ns = trace_nslots(t);
	kept = ns - trace_uncovered(t, 0, ns); /* >= 1: a row covers one */
	if (!(x = malloc(ns * sizeof(*x))) || !(ord = name_order(t, n)))
		rc = -ENOMEM;
	if (rc < 0 || (rc = alloc(n, kept + 1, out)) < 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++) {
		read_row(t, ord[i], ns, x, (*out)->u + i * (kept + 1), &c);
		(*out)->names[i] = strdup(trace_name(t, ord[i]));
		if (!(*out)->names[i])
			rc = -ENOMEM;
	}
	if (rc == 0)
		warn_capped(path, t, n, kept, &c);
out:
	if (rc < 0 && *out) {
		workload_destroy(*out);
		*out = NULL;
	}
	free(ord);
	free(x);
	trace_destroy(t);
	return rc;
}

int workload_load(const char *path, workload_file_fn *read,
		  struct workload **out)
{
	struct stat st;

	*out = NULL;
	if (!strcmp(path, "-")) /* standard input: a canonical trace */
		return load_trace(path, out);
	if (stat(path, &st) < 0) {
		error_msg("%s: %s", path, strerror(errno));
		return -errno;
	}
	return S_ISDIR(st.st_mode) ? load_dir(path, read, out)
				   : load_trace(path, out);
}

int workload_from(size_t n, size_t nsamples, const double *const *series,
		  struct workload **out)
{
	int rc = alloc(n, nsamples + 1, out);
	char name[32];

	for (size_t i = 0; rc == 0 && i < n; i++) {
		double *u = (*out)->u + i * (nsamples + 1);

		memcpy(u, series[i], nsamples * sizeof(*u));
		u[nsamples] = u[nsamples - 1];
		snprintf(name, sizeof(name), "vm%zu", i);
		if (!((*out)->names[i] = strdup(name)))
			rc = -ENOMEM;
	}
	return rc;
}

void workload_destroy(struct workload *w)
{
	if (!w)
		return;
	strv_free(w->names, w->n);
	free(w->u);
	free(w);
}

size_t workload_nvms(const struct workload *w)
{
	return w->n;
}

size_t workload_nsamples(const struct workload *w)
{
	return w->ns;
}

const double *workload_series(const struct workload *w, size_t i)
{
	return w->u + i * w->ns;
}

const char *workload_name(const struct workload *w, size_t i)
{
	return w->names[i];
}

int workload_type_of(const struct workload *w, size_t i)
{
	size_t block = (w->n + WORKLOAD_NTYPES - 1) / WORKLOAD_NTYPES;

	return (int)(i / block);
}

const struct vm_type *workload_vm_type(int type)
{
	return &vm_types[type];
}

void workload_pos_at(double t, struct workload_pos *p)
{
	double k = floor(t / WORKLOAD_STEP);

	/* t an exact multiple of the step (fmod(t, step) == 0), tested
	 * without fmod: k * step and (k + 1) * step are exact. */
	p->exact = t == k * WORKLOAD_STEP || t == (k + 1) * WORKLOAD_STEP;
	if (p->exact) {
		p->k1 = p->k2 = (size_t)(t / WORKLOAD_STEP);
		p->span = p->off = 0;
		return;
	}
	p->k1 = (size_t)k;
	p->k2 = (size_t)ceil(t / WORKLOAD_STEP);
	p->span = (double)(p->k2 - p->k1) * WORKLOAD_STEP;
	p->off = t - (double)p->k1 * WORKLOAD_STEP;
}

double workload_at(const double *series, double t)
{
	struct workload_pos p;

	workload_pos_at(t, &p);
	return workload_value(series, &p);
}
