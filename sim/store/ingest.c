/*
 * ingest.c - canonical trace CSV -> trace store, in one streaming pass
 * (see ingest.h): the input read through the reader (sim/store/input.h,
 * reader.h), then the store built from its samples (sim/store/grid.h).
 * The partitioned ingest, ingest_runs(), is in sim/store/agree.c.
 */
#include "sim/store/ingest.h"
#include "lib/error.h"
#include "lib/textline.h"
#include "sim/store/grid.h"
#include "sim/store/input.h"
#include "sim/store/reader.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool ingest_is_header(const char *line, size_t n)
{
	char *s = NULL, *save = NULL, *name;
	size_t skip = textline_bom(line, n);
	bool ok = true, time = false, vm = false;

	if (!(s = strndup(line + skip, n - skip)))
		return false;
	s[strcspn(s, "\r\n")] = '\0';
	for (name = strtok_r(s, ",", &save); name && ok;
	     name = strtok_r(NULL, ",", &save)) {
		ok = reader_column(name) >= 0;
		time = time || !strcmp(name, "time");
		vm = vm || !strcmp(name, "vm");
	}
	free(s);
	return ok && time && vm;
}

int ingest_folder_error(const char *path)
{
	error_msg("cannot read '%s': it is a folder, not a canonical trace "
		  "(vmux import converts a folder of PlanetLab or Bitbrains "
		  "files into one)",
		  path);
	return -EISDIR;
}

int ingest_step_known(const char *path, const struct trace *t,
		      const struct ingest_opts *opts)
{
	if (trace_nslots(t) > 1 || (opts && opts->step > 0))
		return 0;
	if (opts)
		error_msg("%s: one slot (every row at one time): no step can "
			  "be detected; give the slot length with --step S",
			  path);
	else
		error_msg("%s: one slot (every row at one time): no step can "
			  "be detected; give a trace with rows at two times or "
			  "more",
			  path);
	return -EBADMSG;
}

/* PATH opened for reading, or NULL (errno set) with a message; a folder
 * is refused here, where the reader would only say "Is a directory". */
static FILE *open_input(const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct stat st;

	if (!fp) {
		int e = errno;

		error_msg("cannot open '%s': %s", path, strerror(e));
		errno = e;
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = -ingest_folder_error(path);
		return NULL;
	}
	return fp;
}

static bool regular_file(FILE *fp)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
}

int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats)
{
	struct reader in;
	struct ingest_stats st = {0};
	FILE *fp;
	int rc;

	fp = open_input(path);
	if (!fp)
		return -errno;
	rc = reader_init(&in, path, NULL);
	in.block = INPUT_BLOCK;
	in.parallel_min = INPUT_PARALLEL_MIN;
	in.rereadable = regular_file(fp);
	if (opts) {
		in.threads = opts->threads;
		in.block = opts->block ? opts->block : INPUT_BLOCK;
		if (opts->block) /* a test's tiny blocks: any file */
			in.parallel_min = 4 * (off_t)opts->block;
	}
	if (rc == 0)
		rc = input_read(&in, fp);
	if (rc == 0)
		rc = reader_check_shape(&in);
	if (rc == 0)
		rc = grid_build(&in, opts, NULL, out, &st);
	if (fp != stdin)
		fclose(fp);
	st.rows = in.rows;
	if (rc == 0)
		grid_warn_repairs(path, opts, &st);
	if (stats)
		*stats = st;
	reader_free(&in);
	malloc_trim(0); /* the buffers' heap fragments, before the caller's
			   own allocations */
	return rc;
}
