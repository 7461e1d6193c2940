/*
 * fuzz_workload.c - libFuzzer target for the workload reader of `vmux
 * simulate` (a PlanetLab day folder, or a canonical trace).
 *
 * Each input is read twice: as the one file of a PlanetLab folder (a
 * temporary folder of this process) and as a canonical trace (an
 * in-memory memfd, read through its /proc path). workload_load() must load
 * it or reject it with -EBADMSG (or -ENOMEM); a workload that loads must
 * keep workload.h's contract: at least one VM, each with a name, a type
 * and workload_nsamples() utilisations in [0, 1], the last a copy of the
 * one before it. A crash, sanitizer report, leak or broken invariant
 * (abort) is a finding.
 */
#include "sim/import/import_planetlab.h"
#include "sim/simulate/workload.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/vmux-fuzz-workload-XXXXXX";
static char file[sizeof(dir) + 8];

static void cleanup(void)
{
	unlink(file);
	rmdir(dir);
}

static void check(const struct workload *w)
{
	size_t n = workload_nvms(w), ns = workload_nsamples(w);

	if (!n || ns < 2)
		abort();
	for (size_t i = 0; i < n; i++) {
		const double *u = workload_series(w, i);
		int type = workload_type_of(w, i);

		if (!workload_name(w, i) || type < 0 || type >= WORKLOAD_NTYPES)
			abort();
		for (size_t k = 0; k < ns; k++)
			if (!(u[k] >= 0 && u[k] <= 1))
				abort();
		if (u[ns - 1] != u[ns - 2])
			abort();
	}
}

static void load(const char *path)
{
	struct workload *w = NULL;
	int rc = workload_load(path, import_planetlab_series, &w);

	if (rc == 0)
		check(w);
	else if (w || (rc != -EBADMSG && rc != -ENOMEM))
		abort();
	workload_destroy(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char path[FUZZ_PATH_MAX];
	FILE *fp;
	int fd;

	if (!ready) {
		if (!mkdtemp(dir))
			abort();
		snprintf(file, sizeof(file), "%s/vm", dir);
		atexit(cleanup);
		ready = true;
	}
	fp = fopen(file, "w");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp))
		abort();
	load(dir);
	fd = fuzz_memfd(data, size, path);
	load(path);
	close(fd);
	return 0;
}
