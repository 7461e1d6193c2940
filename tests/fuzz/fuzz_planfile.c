/*
 * fuzz_planfile.c - libFuzzer target for the plan reader.
 *
 * Each input is a plan file (an in-memory memfd, read through its /proc
 * path). planfile_read() must load it or reject it with -EBADMSG (or
 * -ENOMEM); a plan that loads must keep the invariants planfile.h states
 * (at least one row, every row's host in range and holding that row, VM
 * names non-empty and without NUL-cut surprises, every host non-empty). A
 * crash, sanitizer report, leak or broken invariant (abort) is a finding.
 */
#include "sim/plan/planfile.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct planfile *pf)
{
	size_t nvms = planfile_nvms(pf), nhosts = planfile_nhosts(pf), seen = 0;

	if (!nvms || !nhosts || nhosts > nvms)
		abort();
	for (size_t r = 0; r < nvms; r++)
		if (!planfile_vm(pf, r)[0] ||
		    planfile_vm_host(pf, r) >= nhosts ||
		    planfile_vm_line(pf, r) < 2)
			abort();
	for (size_t h = 0; h < nhosts; h++) {
		size_t n;
		const size_t *rows = planfile_host_rows(pf, h, &n);

		if (!n || !planfile_host(pf, h)[0])
			abort();
		for (size_t i = 0; i < n; i++)
			if (rows[i] >= nvms ||
			    planfile_vm_host(pf, rows[i]) != h)
				abort();
		seen += n;
	}
	if (seen != nvms)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct planfile *pf = NULL;
	char path[FUZZ_PATH_MAX];
	int fd = fuzz_memfd(data, size, path), rc;

	rc = planfile_read(path, &pf);
	if (rc == 0)
		check(pf);
	else if (pf || (rc != -EBADMSG && rc != -ENOMEM))
		abort();
	planfile_destroy(pf);
	close(fd);
	return 0;
}
