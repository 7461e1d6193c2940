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

/* A growing buffer reused for every file of a folder. */
struct filebuf {
	char *b;
	size_t cap, len;
};

/* The whole of file NAME in folder DIRFD into F, NUL-terminated. */
static int slurp(int dirfd, const char *name, struct filebuf *f)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	for (f->len = 0;;) {
		ssize_t got;

		if (f->len + 1 >= f->cap) {
			size_t cap = f->cap ? 2 * f->cap : 8192;
			void *p = realloc(f->b, cap);

			if (!p) {
				rc = -ENOMEM;
				break;
			}
			f->b = p;
			f->cap = cap;
		}
		got = read(fd, f->b + f->len, f->cap - f->len - 1);
		if (got == 0)
			break;
		if (got < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		f->len += got > 0 ? (size_t)got : 0;
	}
	if (rc == 0)
		f->b[f->len] = 0;
	close(fd);
	return rc;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Line S (up to '\n' or the end) as an integer percentage: blanks around
 * one optionally signed number (what strtol reads; no \v or \f after it),
 * 0..100; -1 if not. */
static long percent(const char *s)
{
	long v = 0, sign = 1;
	const char *d;

	while (blank(*s))
		s++;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (d = s; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (*s - '0')) > 100)
			return -1;
	if (s == d)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	if (*s != '\n' && *s)
		return -1;
	v *= sign;
	return v >= 0 ? v : -1;
}

/* One PlanetLab file, NAME in folder DIRFD (PATH for messages):
 * PLANETLAB_SAMPLES lines of CPU percentages (later lines ignored) into U,
 * the last one repeated after them. */
static int read_planetlab(int dirfd, const char *name, const char *path,
			  struct filebuf *f, double *u)
{
	size_t ln = 0;
	int rc = slurp(dirfd, name, f);
	char *s, *end = f->b + f->len;

	if (rc < 0) {
		error_msg("%s: %s", path, strerror(-rc));
		return rc;
	}
	for (s = f->b; ln < PLANETLAB_SAMPLES && s < end; ln++) {
		char *nl = strchr(s, '\n');
		long v = percent(s);

		if (v < 0)
			return error_data(path, ln + 1, "cpu %",
					  "not an integer 0..100");
		u[ln] = (double)v / 100.0;
		s = nl ? nl + 1 : end;
	}
	if (ln < PLANETLAB_SAMPLES)
		return error_data(path, ln, "cpu %", "%zu sample%s, want %d",
				  ln, ln == 1 ? "" : "s", PLANETLAB_SAMPLES);
	u[PLANETLAB_SAMPLES] = u[PLANETLAB_SAMPLES - 1];
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

/* Each file opened by name in the open folder DFD: no path walk per file. */
static int read_files(int dfd, const char *dir, struct dirent **ents, int n,
		      struct workload *w)
{
	struct filebuf f = {NULL, 0, 0};
	char path[4096];
	int rc = 0;

	for (int i = 0; rc == 0 && i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		w->names[i] = strdup(ents[i]->d_name);
		rc = w->names[i] ? read_planetlab(dfd, ents[i]->d_name, path,
						  &f, w->u + (size_t)i * w->ns)
				 : -ENOMEM;
	}
	free(f.b);
	return rc;
}

static int load_dir(const char *dir, struct workload **out)
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
	if (rc == 0 && (rc = read_files(dfd, dir, ents, n, *out)) < 0) {
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

/* The slots whose cpu was above 1 core, read as 1 (said, never silent). */
struct capped {
	size_t n;    /* VM-slots capped */
	size_t data; /* VM-slots with data: in a VM's span, not absent */
	double max;  /* the largest value capped */
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

	trace_read(t, RES_CPU, i, 0, ns, x);
	c->data += data_slots(t, i);
	kept = trace_keep_covered(t, 0, ns, x);
	for (size_t k = 0; k < kept; k++) {
		u[k] = x[k] > 1 ? 1 : x[k];
		if (x[k] > 1) {
			c->n++;
			c->max = x[k] > c->max ? x[k] : c->max;
		}
	}
	u[kept] = u[kept - 1];
}

static void warn_capped(const char *path, const struct capped *c)
{
	if (c->n)
		error_warn("%s: %zu of %zu VM-slots with data have cpu above "
			   "1 core (up to %g), read as 1: simulate reads cpu "
			   "as a one-vCPU VM's utilisation",
			   path, c->n, c->data, c->max);
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
	struct capped c = {0, 0, 0};
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
		warn_capped(path, &c);
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

int workload_load(const char *path, struct workload **out)
{
	struct stat st;

	*out = NULL;
	if (!strcmp(path, "-")) /* standard input: a canonical trace */
		return load_trace(path, out);
	if (stat(path, &st) < 0) {
		error_msg("%s: %s", path, strerror(errno));
		return -errno;
	}
	return S_ISDIR(st.st_mode) ? load_dir(path, out)
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
