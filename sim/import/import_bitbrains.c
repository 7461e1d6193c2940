/*
 * import_bitbrains.c - Bitbrains GWA-T-12 files to canonical rows (see
 * import_bitbrains.h). A file is read whole (a month is ~8,600 rows), since
 * the per-core MHz of rows with 0 cores comes from the VM's other rows and
 * rows sharing a slot are merged before writing.
 */
#include "sim/import/import_bitbrains.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum col { TS, CORES, CAP, USE, MEM, DRD, DWR, NRX, NTX, NCOL };

static const char *const col_name[NCOL] = {
    [TS] = "Timestamp [ms]",
    [CORES] = "CPU cores",
    [CAP] = "CPU capacity provisioned [MHZ]",
    [USE] = "CPU usage [MHZ]",
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
	unsigned long line;
};

/* One file being read. */
struct bb_file {
	struct import *im;
	const char *path;
	int idx[NCOL];	/* field index of each column */
	size_t nfields; /* fields in the header */
	struct bb_row *rows;
	size_t n, cap;
};

static int parse_header(struct bb_file *f, struct import_input *in, char *line)
{
	char *fld[MAX_FIELDS];
	size_t n = import_input_split(line, ';', fld, MAX_FIELDS);

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
	if (f->n == f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 1024;
		struct bb_row *nr = realloc(f->rows, nc * sizeof(*nr));

		if (!nr)
			return NULL;
		f->rows = nr;
		f->cap = nc;
	}
	return &f->rows[f->n++];
}

static int parse_row(struct bb_file *f, struct import_input *in, char *line)
{
	char *fld[MAX_FIELDS];
	size_t n = import_input_split(line, ';', fld, MAX_FIELDS);
	struct bb_row *r;
	int rc;

	if (n != f->nfields)
		return import_input_bad(
		    in, "row", "%zu fields, the header has %zu", n, f->nfields);
	r = new_row(f);
	if (!r)
		return -ENOMEM;
	r->line = in->line;
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
	return 0;
}

static int read_rows(struct bb_file *f)
{
	struct import_input in;
	char *line;
	int rc;

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
	if (rc == 0 && f->n == 0)
		rc = error_data(f->path, 1, "row",
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
		return error_data(f->path, r->line, col_name[CORES],
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
	s->v[RES_DISK] = r->v[DRD] + r->v[DWR];
	s->v[RES_NET] = r->v[NRX] + r->v[NTX];
	s->time = import_snap(r->v[TS], IMPORT_STEP);
	if (s->time != r->v[TS])
		import_note(f->im, IMPORT_N_SNAPPED, 1);
	s->vm = 0;
	s->line = r->line;
	return 0;
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
		rc = import_row(f->im, vm, s[i].time, s[i].v);
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

/* The VM name for the file PATH into *NAME (malloc'd). */
static int vm_name(const char *path, char **name)
{
	char *rp = realpath(path, NULL), *stem, *set;
	size_t ls;
	int rc;

	if (!rp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return rc;
	}
	stem = cut_last(rp);
	ls = strlen(stem);
	if (ls > 4 && !strcasecmp(stem + ls - 4, ".csv"))
		stem[ls - 4] = '\0';
	set = cut_last(rp);
	if (month_name(set))
		set = cut_last(rp);
	if (!strncasecmp(set, "bitbrains", 9) &&
	    (set[9] == '-' || set[9] == '_'))
		set += 10;
	rc = *set ? asprintf(name, "%s-%s", set, stem)
		  : asprintf(name, "%s", stem);
	free(rp);
	return rc < 0 ? -ENOMEM : 0;
}

static int read_file(struct import *im, const char *path)
{
	struct bb_file f = {.im = im, .path = path};
	const char *prev;
	char *vm = NULL;
	int rc;

	rc = vm_name(path, &vm);
	if (rc == 0)
		rc = import_claim(im, vm, path, &prev);
	if (rc == 1)
		rc = error_data(path, 1, "vm",
				"VM name '%s' was already given to '%s'", vm,
				prev);
	if (rc == 0)
		rc = read_rows(&f);
	if (rc == 0)
		rc = write_vm(&f, vm);
	if (rc == 0) {
		import_note(im,
			    import_get_opts(im)->mhz_per_core > 0
				? IMPORT_N_BB_CPU_FIXED
				: IMPORT_N_BB_CPU,
			    f.n);
		import_note(im, IMPORT_N_BB_UNITS, f.n);
	}
	free(f.rows);
	free(vm);
	return rc;
}

static int read_folder(struct import *im, const char *dir)
{
	unsigned long skipped = 0;
	char **files = NULL;
	size_t n = 0;
	int rc;

	rc = import_input_list(dir, ".csv", &files, &n, &skipped);
	if (rc < 0)
		return rc;
	import_note(im, IMPORT_N_SKIPPED, skipped);
	if (n == 0) {
		error_msg("'%s' holds no Bitbrains .csv files", dir);
		rc = -EBADMSG;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_file(im, files[i]);
	import_input_free_list(files, n);
	return rc;
}

int import_bitbrains(struct import *im, char *const *paths, size_t n)
{
	int rc = 0;

	import_note_param(im, IMPORT_N_SNAPPED, IMPORT_STEP);
	import_note_param(im, IMPORT_N_BB_CPU_FIXED,
			  import_get_opts(im)->mhz_per_core);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = import_input_isdir(paths[i]);
		if (rc == 1)
			rc = read_folder(im, paths[i]);
		else if (rc == 0)
			rc = read_file(im, paths[i]);
	}
	return rc;
}
