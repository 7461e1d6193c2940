/*
 * import_bitbrains.c - Bitbrains GWA-T-12 files to canonical rows (see
 * import_bitbrains.h). All files are listed and named first, then each VM's
 * files are read whole together (a month is ~8,600 rows), since the
 * per-core MHz of rows with 0 cores comes from the VM's other rows and rows
 * sharing a slot, from one file or two months, are merged before writing.
 */
#include "sim/import/import_bitbrains.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum col { TS, CORES, CAP, USE, MEMCAP, MEM, DRD, DWR, NRX, NTX, NCOL };

static const char *const col_name[NCOL] = {
    [TS] = "Timestamp [ms]",
    [CORES] = "CPU cores",
    [CAP] = "CPU capacity provisioned [MHZ]",
    [USE] = "CPU usage [MHZ]",
    [MEMCAP] = "Memory capacity provisioned [KB]",
    [MEM] = "Memory usage [KB]",
    [DRD] = "Disk read throughput [KB/s]",
    [DWR] = "Disk write throughput [KB/s]",
    [NRX] = "Network received throughput [KB/s]",
    [NTX] = "Network transmitted throughput [KB/s]",
};

/* Timestamps above this are milliseconds (1e11 s is the year 5138). */
#define MS_THRESHOLD 1e11
#define MAX_FIELDS 64

struct bb_row {
	double v[NCOL];
	const char *path; /* the file, for messages */
	unsigned long line;
};

/* One VM being read, from one file or several. */
struct bb_file {
	struct import *im;
	const char *path; /* the file being read */
	int idx[NCOL];	  /* its field index of each column */
	size_t nfields;	  /* fields in its header */
	struct bb_row *rows;
	size_t n, cap;
};

/* An input file and the VM it holds. */
struct bb_src {
	char *path, *vm;
	size_t vm_idx, order;
};

/* Every input file of a run. */
struct bb_set {
	struct import *im;
	struct import_names *vms;
	struct bb_src *src;
	size_t n, cap;
};

static int parse_header(struct bb_file *f, struct import_input *in, char *line)
{
	char *fld[MAX_FIELDS];
	size_t n;
	int rc = import_input_split(in, line, ';', fld, MAX_FIELDS, &n);

	if (rc < 0)
		return rc;
	if (n > MAX_FIELDS)
		return import_input_bad(in, "header", "%zu columns, at most %d",
					n, MAX_FIELDS);
	f->nfields = n;
	for (int c = 0; c < NCOL; c++) {
		f->idx[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (!strcasecmp(fld[i], col_name[c]))
				f->idx[c] = (int)i;
		if (f->idx[c] < 0)
			return import_input_bad(
			    in, col_name[c], "column missing from the header");
	}
	return 0;
}

static struct bb_row *new_row(struct bb_file *f)
{
	if (import_grow((void **)&f->rows, &f->cap, f->n, sizeof(*f->rows)))
		return NULL;
	return &f->rows[f->n++];
}

/* The column that gives each resource, for messages. */
static const char *const res_col[RES_COUNT] = {
    [RES_CPU] = "CPU usage [MHZ]",
    [RES_MEM] = "Memory usage [KB]",
    [RES_DISK] = "Disk write throughput [KB/s]",
    [RES_NET] = "Network transmitted throughput [KB/s]",
};

/* The time, the core count and the provisioned memory within the store's
 * limits, at the line. */
static int check_limits(const struct import_input *in, const struct bb_row *r)
{
	if (r->v[TS] > TRACE_MAX_TIME)
		return import_input_bad(in, col_name[TS],
					"%g s is after the latest time %g s",
					r->v[TS], TRACE_MAX_TIME);
	if (r->v[CORES] > trace_limit(RES_CPU))
		return import_input_bad(in, col_name[CORES],
					"%g cores is above the limit %g",
					r->v[CORES], trace_limit(RES_CPU));
	if (r->v[MEMCAP] / 1024 > trace_limit(RES_MEM))
		return import_input_bad(in, col_name[MEMCAP],
					"%g KB is above the limit %g MiB",
					r->v[MEMCAP], trace_limit(RES_MEM));
	return 0;
}

static int parse_row(struct bb_file *f, struct import_input *in, char *line)
{
	char *fld[MAX_FIELDS];
	struct bb_row *r;
	size_t n;
	int rc = import_input_split(in, line, ';', fld, MAX_FIELDS, &n);

	if (rc < 0)
		return rc;
	if (n != f->nfields)
		return import_input_bad(in, "(row)",
					"%zu field%s, the header has %zu", n,
					n == 1 ? "" : "s", f->nfields);
	r = new_row(f);
	if (!r)
		return -ENOMEM;
	r->line = in->line;
	r->path = f->path;
	for (int c = 0; c < NCOL; c++) {
		rc =
		    import_input_num(in, col_name[c], fld[f->idx[c]], &r->v[c]);
		if (rc < 0)
			return rc;
	}
	if (r->v[TS] > MS_THRESHOLD) {
		r->v[TS] /= 1000;
		import_note(f->im, IMPORT_N_BB_MS, 1);
	}
	return check_limits(in, r);
}

/* Append the rows of the file PATH to F's. */
static int read_rows(struct bb_file *f, const char *path)
{
	struct import_input in;
	size_t before = f->n;
	char *line;
	int rc;

	f->path = path;
	rc = import_input_open(&in, f->path);
	if (rc < 0)
		return rc;
	rc = import_input_next(&in, &line);
	if (rc == 0)
		rc = error_data(f->path, 1, "header", "empty file");
	if (rc > 0)
		rc = parse_header(f, &in, line);
	while (rc == 0 && (rc = import_input_next(&in, &line)) > 0)
		rc = parse_row(f, &in, line);
	import_input_close(&in);
	if (rc == 0 && f->n == before)
		rc = error_data(f->path, 1, "(row)",
				"no data rows after the header");
	return rc;
}

/* The row's own per-core MHz, or 0 if it has 0 cores or 0 MHz. */
static double row_mhz(const struct bb_row *r)
{
	return r->v[CORES] > 0 && r->v[CAP] > 0 ? r->v[CAP] / r->v[CORES] : 0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * The VM's most common per-core MHz over its rows that have one (the
 * smallest if tied) into *MODE; 0 if none has. -ENOMEM.
 */
static int common_mhz(const struct bb_file *f, double *mode)
{
	double *v = malloc((f->n ? f->n : 1) * sizeof(*v));
	size_t m = 0, best = 0, run;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < f->n; i++)
		if (row_mhz(&f->rows[i]) > 0)
			v[m++] = row_mhz(&f->rows[i]);
	qsort(v, m, sizeof(*v), by_value);
	*mode = 0;
	for (size_t i = 0; i < m; i += run) {
		for (run = 1; i + run < m && v[i + run] == v[i]; run++)
			;
		if (run > best) {
			best = run;
			*mode = v[i];
		}
	}
	free(v);
	return 0;
}

/* Row R as a canonical sample, per the rules in import_bitbrains.h. */
static int convert(struct bb_file *f, const struct bb_row *r, double common,
		   struct import_sample *s)
{
	double fixed = import_get_opts(f->im)->mhz_per_core;
	double mhz = fixed > 0 ? fixed : row_mhz(r);

	if (mhz == 0) {
		/* Not provisioned: the VM's usual per-core speed. */
		import_note(f->im, IMPORT_N_BB_ZERO_CORES, 1);
		mhz = common;
	}
	if (mhz == 0 && r->v[USE] > 0)
		return error_data(r->path, r->line, col_name[CORES],
				  "0 cores or 0 MHz provisioned with CPU usage "
				  "%g MHz, and no row of this VM gives its "
				  "per-core MHz; give --mhz-per-core",
				  r->v[USE]);
	s->v[RES_CPU] = r->v[USE] > 0 ? r->v[USE] / mhz : 0;
	if (r->v[CORES] > 0 && s->v[RES_CPU] > r->v[CORES]) {
		s->v[RES_CPU] = r->v[CORES];
		import_note(f->im, IMPORT_N_OVER100, 1);
	}
	s->v[RES_MEM] = r->v[MEM] / 1024;
	s->prov[0] = r->v[CORES];
	s->prov[1] = r->v[MEMCAP] / 1024;
	s->v[RES_DISK] = r->v[DRD] + r->v[DWR];
	s->v[RES_NET] = r->v[NRX] + r->v[NTX];
	for (int k = 0; k < RES_COUNT; k++)
		if (s->v[k] > trace_limit(k))
			return error_data(r->path, r->line, res_col[k],
					  "gives %s %g, above the limit %g",
					  res_name(k), s->v[k], trace_limit(k));
	s->time = import_snap(r->v[TS], IMPORT_STEP);
	if (s->time != r->v[TS])
		import_note(f->im, IMPORT_N_SNAPPED, 1);
	s->vm = 0;
	s->line = r->line;
	return 0;
}

/* Name the VM if its memory looks unmeasured (trace_unmeasured's rule). */
static int check_memory(struct import *im, const char *vm,
			const struct import_sample *s, size_t n)
{
	size_t running = 0, zero = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i].v[RES_CPU] > 0) {
			running++;
			zero += s[i].v[RES_MEM] == 0;
		}
	return import_check_measured(im, vm, RES_MEM, zero, running);
}

static int write_vm(struct bb_file *f, const char *vm)
{
	struct import_sample *s = malloc(f->n * sizeof(*s));
	double common;
	size_t m = 0;
	int rc;

	if (!s)
		return -ENOMEM;
	rc = common_mhz(f, &common);
	for (size_t i = 0; i < f->n && rc == 0; i++)
		rc = convert(f, &f->rows[i], common, &s[m++]);
	if (rc == 0)
		m = import_merge_max(f->im, s, m);
	for (size_t i = 0; i < m && rc == 0; i++)
		rc = import_row(f->im, vm, s[i].time, s[i].v, s[i].prov);
	if (rc == 0)
		rc = check_memory(f->im, vm, s, m);
	free(s);
	return rc;
}

/* "YYYY-M" or "YYYY-MM": a month folder of the GWA-T-12 layout. */
static bool month_name(const char *s)
{
	size_t n = strlen(s);

	if (n < 6 || n > 7 || s[4] != '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Cut the last component off the absolute path P; return it. */
static char *cut_last(char *p)
{
	char *s = strrchr(p, '/');

	if (!s)
		return p;
	*s = '\0';
	return s + 1;
}

/* The VM name for the file whose real path is RP into *NAME (malloc'd). */
static int vm_name(const char *rp, char **name)
{
	char *p = strdup(rp), *stem, *set;
	size_t ls;
	int rc;

	if (!p)
		return -ENOMEM;
	stem = cut_last(p);
	ls = strlen(stem);
	if (ls > 4 && !strcasecmp(stem + ls - 4, ".csv"))
		stem[ls - 4] = '\0';
	set = cut_last(p);
	if (month_name(set))
		set = cut_last(p);
	if (!strncasecmp(set, "bitbrains", 9) &&
	    (set[9] == '-' || set[9] == '_'))
		set += 10;
	rc = *set ? asprintf(name, "%s-%s", set, stem)
		  : asprintf(name, "%s", stem);
	free(p);
	return rc < 0 ? -ENOMEM : 0;
}

/* Name the file PATH's VM and add it to SET; the same file twice is bad. */
static int add_source(struct bb_set *set, const char *path)
{
	char *rp = NULL, *vm = NULL, *copy = NULL;
	long i;
	int rc = import_claim_file(set->im, path);

	if (rc == 0 && !(rp = realpath(path, NULL)))
		rc = -ENOMEM;
	if (rc == 0)
		rc = vm_name(rp, &vm);
	if (rc == 0)
		rc = import_grow((void **)&set->src, &set->cap, set->n,
				 sizeof(*set->src));
	if (rc == 0 && !(copy = strdup(path)))
		rc = -ENOMEM;
	i = rc == 0 ? import_names_intern(set->vms, vm, NULL) : rc;
	if (i < 0) {
		rc = (int)i;
		goto out;
	}
	set->src[set->n] = (struct bb_src){copy, vm, (size_t)i, set->n};
	set->n++;
	copy = vm = NULL;
out:
	free(copy);
	free(vm);
	free(rp);
	return rc;
}

/* Read the files SRC[0..N) of one VM together and write its rows. */
static int read_vm(struct import *im, const struct bb_src *src, size_t n)
{
	struct bb_file f = {.im = im};
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_rows(&f, src[i].path);
	if (rc == 0)
		rc = write_vm(&f, src[0].vm);
	if (rc == 0) {
		import_note(im,
			    import_get_opts(im)->mhz_per_core > 0
				? IMPORT_N_BB_CPU_FIXED
				: IMPORT_N_BB_CPU,
			    f.n);
		import_note(im, IMPORT_N_BB_UNITS, f.n);
	}
	free(f.rows);
	return rc;
}

static int add_folder(struct bb_set *set, const char *dir, bool top);

/*
 * A set's folder (rnd/ of the GWA-T-12 archive): read its sub-folders
 * named as months (YYYY-M), skipping (counting) the others; none is bad.
 */
static int add_months(struct bb_set *set, const char *dir)
{
	unsigned long skipped = 0;
	char **sub = NULL;
	size_t nsub = 0, months = 0;
	int rc = import_input_list(dir, "/", &sub, &nsub, &skipped);

	for (size_t i = 0; i < nsub && rc == 0; i++) {
		const char *b = strrchr(sub[i], '/');

		if (!month_name(b ? b + 1 : sub[i])) {
			skipped++;
			continue;
		}
		rc = add_folder(set, sub[i], false);
		months++;
	}
	if (rc == 0 && months == 0) {
		error_msg("'%s' holds no Bitbrains .csv files nor month "
			  "folders (YYYY-M) of them",
			  dir);
		rc = -EBADMSG;
	}
	if (rc == 0)
		import_note(set->im, IMPORT_N_SKIPPED, skipped);
	import_input_free_list(sub, nsub);
	return rc;
}

/* A folder of a VM set's .csv files; at the top (a path given), one of
 * month folders of them if it holds no .csv file. */
static int add_folder(struct bb_set *set, const char *dir, bool top)
{
	unsigned long skipped = 0;
	char **files = NULL;
	size_t n = 0;
	int rc;

	rc = import_input_list(dir, ".csv", &files, &n, &skipped);
	if (rc < 0)
		return rc;
	if (n == 0 && top)
		rc = add_months(set, dir);
	else if (n == 0) {
		error_msg("'%s' holds no Bitbrains .csv files", dir);
		rc = -EBADMSG;
	} else
		import_note(set->im, IMPORT_N_SKIPPED, skipped);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = add_source(set, files[i]);
	import_input_free_list(files, n);
	return rc;
}

/* VMs in order of first appearance, each VM's files in the order given. */
static int by_vm_order(const void *a, const void *b)
{
	const struct bb_src *x = a, *y = b;

	if (x->vm_idx != y->vm_idx)
		return x->vm_idx < y->vm_idx ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int read_set(struct bb_set *set, char *const *paths, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = import_input_isdir(paths[i]);
		if (rc == 1)
			rc = add_folder(set, paths[i], true);
		else if (rc == 0)
			rc = add_source(set, paths[i]);
	}
	if (rc == 0 && set->n)
		qsort(set->src, set->n, sizeof(*set->src), by_vm_order);
	for (size_t i = 0, j; i < set->n && rc == 0; i = j) {
		for (j = i + 1;
		     j < set->n && set->src[j].vm_idx == set->src[i].vm_idx;
		     j++)
			;
		rc = read_vm(set->im, &set->src[i], j - i);
	}
	return rc;
}

int import_bitbrains(struct import *im, char *const *paths, size_t n)
{
	struct bb_set set = {.im = im};
	int rc;

	import_note_param(im, IMPORT_N_SNAPPED, IMPORT_STEP);
	import_note_param(im, IMPORT_N_BB_CPU_FIXED,
			  import_get_opts(im)->mhz_per_core);
	rc = import_names_create(&set.vms);
	if (rc == 0)
		rc = read_set(&set, paths, n);
	for (size_t i = 0; i < set.n; i++) {
		free(set.src[i].path);
		free(set.src[i].vm);
	}
	free(set.src);
	import_names_destroy(set.vms);
	return rc;
}
