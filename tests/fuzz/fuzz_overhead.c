/*
 * fuzz_overhead.c - libFuzzer target for the overhead calibration reader
 * (--virt STYLE --overhead FILE).
 *
 * Each input is a calibration file (an in-memory memfd, read through its
 * /proc path), read for each of the styles vmux ships (hw, para, full).
 * overhead_load() must load it or reject it with -EBADMSG (or -ENOMEM);
 * when it loads, overhead.h's contract must hold: every factor finite and
 * > 0, exactly 1 for a resource without a row (not in *FOUND), and at
 * least one row found. A crash, sanitizer report, leak or broken invariant
 * (abort) is a finding.
 */
#include "models/overhead.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load(const char *path, const char *style)
{
	double factor[RES_COUNT];
	unsigned found = 0;
	int rc = overhead_load(path, style, factor, &found);

	if (rc != 0) {
		if (rc != -EBADMSG && rc != -ENOMEM)
			abort();
		return;
	}
	if (!found || found & ~((1u << RES_COUNT) - 1))
		abort();
	for (int r = 0; r < RES_COUNT; r++)
		if (!isfinite(factor[r]) || !(factor[r] > 0) ||
		    (!(found & RES_MASK(r)) && factor[r] != 1))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const styles[] = {"hw", "para", "full"};
	char path[FUZZ_PATH_MAX];
	int fd = fuzz_memfd(data, size, path);

	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		load(path, styles[i]);
	close(fd);
	return 0;
}
