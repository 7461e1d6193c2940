/*
 * import_planetlab.c - PlanetLab per-VM files to canonical rows (see
 * import_planetlab.h). Line i (from 1) of a file is the CPU % of the
 * interval starting at start + 300 (i - 1) s; values above 100 are clipped
 * to 100 (counted), anything not a number >= 0 is bad data. Each file's
 * span is kept, so that the files of a VM can be checked for overlaps and
 * the missing days between them counted once all are read.
 */
#include "sim/import/import_planetlab.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"
#include "sim/store/ingest.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Lines in one day of 300 s samples. */
#define DAY_LINES 288

/* The times one file of a VM covers: [start, end). */
struct span {
	size_t vm; /* index in pl.vms */
	double start, end;
	char *path;
};

/* A PlanetLab run: the import and the spans read so far. */
struct pl {
	struct import *im;
	double start; /* --start on the 300 s grid; NAN: not given */
	bool moved;   /* --start was off the grid */
	bool used;    /* some file took its start from --start */
	char *dated;  /* the first folder whose date gave a start */
	struct import_names *vms;
	struct span *s;
	size_t n, cap;
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* DIR's folder NAME, eight digits, is no date (20110399): -EINVAL, the
 * usage error ending with HINT. */
static int no_date(const char *dir, const char *name, const char *hint)
{
	error_usage("import",
		    "cannot tell when '%s' starts: folder '%s' is named like a "
		    "date YYYYMMDD, but %.4s-%.2s-%.2s is not a date; %s",
		    dir, name, name, name + 4, name + 6, hint);
	return -EINVAL;
}

/*
 * The name that dates the folder DIR, which resolves to RP: the last
 * component of DIR as given (a link's own name) if shaped like a date
 * YYYYMMDD, else RP's (the folder linked to: "latest", "."), into BUF.
 * *LINK: which, where the two names differ (NAME_GIVEN, NAME_TARGET).
 */
enum { NAME_SAME, NAME_GIVEN, NAME_TARGET };
static const char *date_name(const char *dir, const char *rp, char *buf,
			     size_t len, int *link)
{
	size_t n = strlen(dir);
	const char *b;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	snprintf(buf, len, "%.*s", (int)n, dir);
	b = base_name(buf);
	*link = strcmp(b, base_name(rp)) ? NAME_GIVEN : NAME_SAME;
	if (import_day_shaped(b))
		return b;
	if (*link && strcmp(b, ".") && strcmp(b, ".."))
		*link = NAME_TARGET;
	else
		*link = NAME_SAME;
	return base_name(rp);
}

/* The start from NAME into *START (above); RC as day_start()'s. */
static int name_start(const struct pl *p, const char *dir, const char *name,
		      double *start)
{
	if (import_parse_day(name, start) == 0)
		return 1;
	if (import_day_shaped(name) && !isfinite(p->start))
		return no_date(dir, name, "give --start");
	if (isfinite(p->start)) {
		*start = p->start;
		return 0;
	}
	error_usage("import",
		    "cannot tell when '%s' starts: folder '%s' is not named "
		    "YYYYMMDD; give --start",
		    dir, name);
	return -EINVAL;
}

/*
 * The start of the day folder DIR into *START: its name if YYYYMMDD (1),
 * else --start (0); -EINVAL (usage message printed) if neither. *LINK:
 * date_name()'s.
 */
static int day_start(const struct pl *p, const char *dir, double *start,
		     int *link)
{
	char *rp = realpath(dir, NULL);
	char *buf = malloc(strlen(dir) + 1);
	int rc = -ENOMEM;

	*link = NAME_SAME;
	if (!rp && errno != ENOMEM) {
		rc = -errno;
		error_msg("cannot open '%s': %s", dir, strerror(errno));
	} else if (rp && buf) {
		rc = name_start(p, dir,
				date_name(dir, rp, buf, strlen(dir) + 1, link),
				start);
	}
	free(buf);
	free(rp);
	return rc;
}

/* Record that PATH holds VM over [START, END). */
static int add_span(struct pl *p, const char *path, const char *vm,
		    double start, double end)
{
	long i = import_names_intern(p->vms, vm, NULL);

	if (i < 0)
		return (int)i;
	if (import_grow((void **)&p->s, &p->cap, p->n, sizeof(*p->s)))
		return -ENOMEM;
	p->s[p->n] = (struct span){(size_t)i, start, end, strdup(path)};
	if (!p->s[p->n].path)
		return -ENOMEM;
	p->n++;
	return 0;
}

static int by_vm_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->vm != y->vm)
		return x->vm < y->vm ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Once every file is read: a VM's files must not overlap (the ingest would
 * meet two samples on one slot), and each stretch longer than the ingest's
 * hold limit between them is counted as a break between spans.
 */
static int check_spans(struct pl *p)
{
	qsort(p->s, p->n, sizeof(*p->s), by_vm_start);
	for (size_t i = 1; i < p->n; i++) {
		const struct span *a = &p->s[i - 1], *b = &p->s[i];

		if (a->vm != b->vm)
			continue;
		if (b->start < a->end)
			return error_data(b->path, 1, "vm",
					  "VM '%s' from %.0f s overlaps '%s' "
					  "(to %.0f s)",
					  import_names_get(p->vms, b->vm),
					  b->start, a->path, a->end);
		if (b->start - a->end > INGEST_MAX_HOLD)
			import_note(p->im, IMPORT_N_PL_SPANS, 1);
	}
	import_note_param(p->im, IMPORT_N_PL_SPANS, INGEST_MAX_HOLD);
	return 0;
}

int import_planetlab_pct(struct import_input *in, char *line, double *pct,
			 bool *clipped)
{
	char *f;
	int rc = import_input_fields(in, line, &f, 1);

	if (rc == 0)
		rc = import_input_num(in, "cpu %", f, pct);
	*clipped = rc == 0 && *pct > 100;
	if (*clipped)
		*pct = 100;
	return rc;
}

int import_planetlab_series(const char *path, double *pct, size_t n,
			    unsigned long *clipped)
{
	struct import_input in;
	size_t ln = 0;
	char *line;
	bool over;
	int rc = import_input_open(&in, path);

	while (rc == 0 && ln < n) {
		rc = import_input_next(&in, &line);
		if (rc <= 0)
			break;
		rc = import_planetlab_pct(&in, line, &pct[ln++], &over);
		*clipped += over;
	}
	import_input_close(&in);
	if (rc < 0)
		return rc;
	if (ln < n)
		return error_data(path, ln, "cpu %", "%zu sample%s, want %zu",
				  ln, ln == 1 ? "" : "s", n);
	return 0;
}

/* Write the rows of one open file; *COUNT gets the number of samples. */
static int read_rows(struct import *im, struct import_input *in, const char *vm,
		     double start, unsigned long *count)
{
	double cores = import_get_opts(im)->cores, pct;
	double row[RES_COUNT] = {0};
	bool clipped;
	char *line;
	int rc;

	*count = 0;
	while ((rc = import_input_next(in, &line)) > 0) {
		rc = import_planetlab_pct(in, line, &pct, &clipped);
		if (rc < 0)
			return rc;
		if (clipped)
			import_note(im, IMPORT_N_OVER100, 1);
		row[RES_CPU] = pct / 100 * cores;
		if (start + IMPORT_STEP * (double)*count > TRACE_MAX_TIME)
			return import_input_bad(in, "cpu %",
						"time %.0f s is after the "
						"latest time %g s",
						start + IMPORT_STEP *
							    (double)*count,
						TRACE_MAX_TIME);
		rc = import_row(im, vm, start + IMPORT_STEP * (double)*count,
				row, NULL);
		if (rc < 0)
			return rc;
		(*count)++;
	}
	return rc;
}

/* MOVED: START is --start moved to the grid (each time counted). */
static int read_file(struct pl *p, const char *path, double start, bool moved)
{
	struct import_input in;
	const char *vm = base_name(path);
	unsigned long count = 0;
	int rc;

	rc = import_input_open(&in, path);
	if (rc < 0)
		return rc;
	rc = read_rows(p->im, &in, vm, start, &count);
	import_input_close(&in);
	if (rc < 0)
		return rc;
	if (count == 0)
		return error_data(path, 1, "cpu %", "empty file: no samples");
	import_note(p->im, IMPORT_N_PL_CPU, count);
	if (moved)
		import_note(p->im, IMPORT_N_SNAPPED, count);
	if (count != DAY_LINES)
		import_note(p->im, IMPORT_N_PL_LENGTH, 1);
	return add_span(p, path, vm, start,
			start + IMPORT_STEP * (double)count);
}

/* Count the file in the note saying where its start came from. */
static void note_start(struct pl *p, int dated, int link, unsigned long files)
{
	if (dated && link != NAME_SAME) {
		import_note(p->im,
			    link == NAME_GIVEN ? IMPORT_N_PL_LINK_NAME
					       : IMPORT_N_PL_LINK_TARGET,
			    files);
	} else if (dated) {
		import_note(p->im, IMPORT_N_PL_TIME, files);
	} else {
		p->used = true;
		import_note(p->im, IMPORT_N_PL_START, files);
		import_note_param(p->im, IMPORT_N_PL_START, p->start);
	}
}

static int read_folder(struct pl *p, const char *dir)
{
	struct import *im = p->im;
	unsigned long skipped = 0;
	char **files = NULL;
	size_t n = 0;
	double start;
	int dated, link, rc;

	dated = day_start(p, dir, &start, &link);
	if (dated < 0)
		return dated;
	if (dated && !p->dated && !(p->dated = strdup(dir)))
		return -ENOMEM;
	rc = import_input_list(dir, NULL, &files, &n, &skipped);
	if (rc < 0)
		return rc;
	import_note(im, IMPORT_N_SKIPPED, skipped);
	if (n == 0) {
		error_msg("'%s' holds no PlanetLab VM files", dir);
		rc = -EBADMSG;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_file(p, files[i], start, !dated && p->moved);
	if (rc == 0)
		note_start(p, dated, link, n);
	import_input_free_list(files, n);
	return rc;
}

/* A single VM file: its folder gives the start. */
static int read_single(struct pl *p, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
	    slash ? strndup(path, (size_t)(slash - path) + !(slash - path))
		  : strdup(".");
	double start;
	int dated, link, rc;

	if (!dir)
		return -ENOMEM;
	dated = day_start(p, dir, &start, &link);
	if (dated > 0 && !p->dated)
		p->dated = dir;
	else
		free(dir);
	if (dated < 0)
		return dated;
	rc = read_file(p, path, start, !dated && p->moved);
	if (rc == 0)
		note_start(p, dated, link, 1);
	return rc;
}

/* --start given and no file took it (every folder named by its date,
 * which wins): said, a usage error, where it was ignored. */
static int start_unused(const struct pl *p)
{
	if (!isfinite(p->start) || p->used)
		return 0;
	error_usage("import",
		    "option '--start' is not used: every folder read is "
		    "named by its date YYYYMMDD, which gives its files' "
		    "times (the first, '%s'); leave --start out, or give "
		    "the files in a folder not named by a date",
		    p->dated ? p->dated : "?");
	return -EINVAL;
}

static bool is_day(const char *path)
{
	double t;

	return import_parse_day(base_name(path), &t) == 0;
}

/*
 * Read the sub-folders of DIR named YYYYMMDD as day folders; other entries
 * of DIR are skipped (counted). *DAYS counts the day folders.
 */
static int read_day_folders(struct pl *p, const char *dir, size_t *days)
{
	unsigned long skipped = 0;
	char **sub = NULL;
	size_t nsub = 0;
	int rc;

	*days = 0;
	rc = import_input_list(dir, "/", &sub, &nsub, &skipped);
	for (size_t i = 0; i < nsub && rc == 0; i++) {
		if (!is_day(sub[i]) && import_day_shaped(base_name(sub[i]))) {
			rc = no_date(sub[i], base_name(sub[i]),
				     "rename it, or import it alone with "
				     "--start");
			break;
		}
		if (!is_day(sub[i])) {
			skipped++;
			continue;
		}
		rc = read_folder(p, sub[i]);
		(*days)++;
	}
	if (*days)
		import_note(p->im, IMPORT_N_SKIPPED, skipped);
	import_input_free_list(sub, nsub);
	return rc;
}

/* A folder: a day folder, or one holding day folders (a whole trace). */
static int read_tree(struct pl *p, const char *dir)
{
	char *rp = realpath(dir, NULL);
	size_t days = 0;
	int rc = 0;

	if (rp && !is_day(rp))
		rc = read_day_folders(p, dir, &days);
	free(rp);
	if (rc < 0 || days)
		return rc;
	return read_folder(p, dir);
}

int import_planetlab(struct import *im, char *const *paths, size_t n)
{
	struct pl p = {.im = im, .start = import_get_opts(im)->start};
	int rc;

	/* on the grid every trace shares (traces/README.md: Grid) */
	if (isfinite(p.start)) {
		p.moved = import_snap(p.start, IMPORT_STEP) != p.start;
		p.start = import_snap(p.start, IMPORT_STEP);
	}
	import_note_param(im, IMPORT_N_SNAPPED, IMPORT_STEP);
	import_note_param(im, IMPORT_N_PL_CPU, import_get_opts(im)->cores);
	rc = import_names_create(&p.vms);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = import_input_isdir(paths[i]);
		if (rc == 1)
			rc = read_tree(&p, paths[i]);
		else if (rc == 0)
			rc = read_single(&p, paths[i]);
	}
	if (rc == 0)
		rc = check_spans(&p);
	if (rc == 0)
		rc = start_unused(&p);
	for (size_t i = 0; i < p.n; i++)
		free(p.s[i].path);
	free(p.s);
	free(p.dated);
	import_names_destroy(p.vms);
	return rc;
}
