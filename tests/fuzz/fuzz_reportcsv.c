/*
 * fuzz_reportcsv.c - libFuzzer target for the readers of the report's
 * inputs (vmux report --eval, --bench, --frontier, --validation and
 * --simulate: CSV files a user passes in).
 *
 * Each input is one CSV file (an in-memory memfd, read through its /proc
 * path) given to each of the five readers in turn. Each must load it or
 * reject it with -EBADMSG (or -ENOMEM); what loads is then used as the
 * report uses it (the best frontier point of every policy, the bench row
 * of every resource and style), so a table whose rows break what the
 * sections rely on shows up here. A crash, sanitizer report, leak or an
 * unexpected error code (abort) is a finding.
 */
#include "reports/benchcsv.h"
#include "reports/evalcsv.h"
#include "reports/frontiercsv.h"
#include "reports/simcsv.h"
#include "reports/validcsv.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect(int rc)
{
	if (rc != 0 && rc != -EBADMSG && rc != -ENOMEM)
		abort();
}

static void frontier(const char *path)
{
	struct frontiercsv *f = NULL;
	int rc = frontiercsv_read(path, &f);

	expect(rc);
	for (size_t p = 0; rc == 0 && p < f->npolicies; p++)
		(void)frontiercsv_best(f, p, 0.05);
	frontiercsv_destroy(f);
}

static void bench(const char *path)
{
	struct benchcsv *b = NULL;
	int rc = benchcsv_read(path, &b);

	expect(rc);
	for (int r = 0; rc == 0 && r < BRES_N; r++)
		for (int s = 0; s < BENCH_NSTYLE; s++)
			(void)benchcsv_pick(b, (enum benchcsv_res)r,
					    (enum benchcsv_style)s);
	benchcsv_destroy(b);
}

static void others(const char *path)
{
	struct evalcsv *e = NULL;
	struct validcsv *v = NULL;
	struct simcsv *s = NULL;
	const char *paths[] = {path};

	expect(evalcsv_read(path, &e));
	evalcsv_destroy(e);
	expect(validcsv_read(path, &v));
	validcsv_destroy(v);
	expect(simcsv_read(paths, 1, &s));
	simcsv_destroy(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[FUZZ_PATH_MAX];
	int fd = fuzz_memfd(data, size, path);

	frontier(path);
	bench(path);
	others(path);
	close(fd);
	return 0;
}
