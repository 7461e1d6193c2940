/*
 * import_planetlab.c - PlanetLab per-VM files to canonical rows (see
 * import_planetlab.h). Line i (from 1) of a file is the CPU % of the
 * interval starting at start + 300 (i - 1) s; values above 100 are clipped
 * to 100 (counted), anything not a number >= 0 is bad data.
 */
#include "sim/import/import_planetlab.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Lines in one day of 300 s samples. */
#define DAY_LINES 288

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/*
 * The start of the day folder DIR into *START: its name if YYYYMMDD (1),
 * else --start (0); -EINVAL (usage message printed) if neither.
 */
static int day_start(struct import *im, const char *dir, double *start)
{
	const struct import_opts *o = import_get_opts(im);
	char *rp = realpath(dir, NULL);
	int rc;

	if (!rp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", dir, strerror(errno));
		return rc;
	}
	if (import_parse_day(base_name(rp), start) == 0) {
		rc = 1;
	} else if (isfinite(o->start)) {
		*start = o->start;
		rc = 0;
	} else {
		rc = -EINVAL;
		error_usage("import",
			    "cannot tell when '%s' starts: folder "
			    "'%s' is not named YYYYMMDD; give --start",
			    dir, base_name(rp));
	}
	free(rp);
	return rc;
}

/* Record that PATH holds VM from START; bad data if another file did. */
static int claim(struct import *im, const char *path, const char *vm,
		 double start)
{
	const char *prev;
	char *key = NULL;
	int rc;

	if (asprintf(&key, "%s\x1f%.17g", vm, start) < 0)
		return -ENOMEM;
	rc = import_claim(im, key, path, &prev);
	free(key);
	if (rc == 1)
		return error_data(path, 1, "vm",
				  "VM '%s' starting at %.0f s was already "
				  "read from '%s'",
				  vm, start, prev);
	return rc;
}

/* Write the rows of one open file; *COUNT gets the number of samples. */
static int read_rows(struct import *im, struct import_input *in, const char *vm,
		     double start, unsigned long *count)
{
	double cores = import_get_opts(im)->cores, pct;
	double row[RES_COUNT] = {0};
	char *line;
	int rc;

	*count = 0;
	while ((rc = import_input_next(in, &line)) > 0) {
		rc = import_input_num(in, "cpu %", line, &pct);
		if (rc < 0)
			return rc;
		if (pct > 100) {
			pct = 100;
			import_note(im, IMPORT_N_OVER100, 1);
		}
		row[RES_CPU] = pct / 100 * cores;
		rc = import_row(im, vm, start + IMPORT_STEP * (double)*count,
				row);
		if (rc < 0)
			return rc;
		(*count)++;
	}
	return rc;
}

static int read_file(struct import *im, const char *path, double start)
{
	struct import_input in;
	const char *vm = base_name(path);
	unsigned long count = 0;
	int rc;

	rc = claim(im, path, vm, start);
	if (rc < 0)
		return rc;
	rc = import_input_open(&in, path);
	if (rc < 0)
		return rc;
	rc = read_rows(im, &in, vm, start, &count);
	import_input_close(&in);
	if (rc < 0)
		return rc;
	if (count == 0)
		return error_data(path, 1, "cpu %", "empty file: no samples");
	import_note(im, IMPORT_N_PL_CPU, count);
	if (count != DAY_LINES)
		import_note(im, IMPORT_N_PL_LENGTH, 1);
	return 0;
}

/* Count the file in the note saying where its start came from. */
static void note_start(struct import *im, int dated, unsigned long files)
{
	if (dated) {
		import_note(im, IMPORT_N_PL_TIME, files);
	} else {
		import_note(im, IMPORT_N_PL_START, files);
		import_note_param(im, IMPORT_N_PL_START,
				  import_get_opts(im)->start);
	}
}

static int read_folder(struct import *im, const char *dir)
{
	unsigned long skipped = 0;
	char **files = NULL;
	size_t n = 0;
	double start;
	int dated, rc;

	dated = day_start(im, dir, &start);
	if (dated < 0)
		return dated;
	rc = import_input_list(dir, NULL, &files, &n, &skipped);
	if (rc < 0)
		return rc;
	import_note(im, IMPORT_N_SKIPPED, skipped);
	if (n == 0) {
		error_msg("'%s' holds no PlanetLab VM files", dir);
		rc = -EBADMSG;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_file(im, files[i], start);
	if (rc == 0)
		note_start(im, dated, n);
	import_input_free_list(files, n);
	return rc;
}

/* A single VM file: its folder gives the start. */
static int read_single(struct import *im, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
	    slash ? strndup(path, (size_t)(slash - path) + !(slash - path))
		  : strdup(".");
	double start;
	int dated, rc;

	if (!dir)
		return -ENOMEM;
	dated = day_start(im, dir, &start);
	free(dir);
	if (dated < 0)
		return dated;
	rc = read_file(im, path, start);
	if (rc == 0)
		note_start(im, dated, 1);
	return rc;
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
static int read_day_folders(struct import *im, const char *dir, size_t *days)
{
	unsigned long skipped = 0;
	char **sub = NULL;
	size_t nsub = 0;
	int rc;

	*days = 0;
	rc = import_input_list(dir, "/", &sub, &nsub, &skipped);
	for (size_t i = 0; i < nsub && rc == 0; i++) {
		if (!is_day(sub[i])) {
			skipped++;
			continue;
		}
		rc = read_folder(im, sub[i]);
		(*days)++;
	}
	if (*days)
		import_note(im, IMPORT_N_SKIPPED, skipped);
	import_input_free_list(sub, nsub);
	return rc;
}

/* A folder: a day folder, or one holding day folders (a whole trace). */
static int read_tree(struct import *im, const char *dir)
{
	char *rp = realpath(dir, NULL);
	size_t days = 0;
	int rc = 0;

	if (rp && !is_day(rp))
		rc = read_day_folders(im, dir, &days);
	free(rp);
	if (rc < 0 || days)
		return rc;
	return read_folder(im, dir);
}

int import_planetlab(struct import *im, char *const *paths, size_t n)
{
	int rc = 0;

	import_note_param(im, IMPORT_N_PL_CPU, import_get_opts(im)->cores);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = import_input_isdir(paths[i]);
		if (rc == 1)
			rc = read_tree(im, paths[i]);
		else if (rc == 0)
			rc = read_single(im, paths[i]);
	}
	return rc;
}
