/*
 * fuzz_shard.c - libFuzzer target for the shard file reader (the files
 * `vmux plan --shard` writes and `vmux merge` reads; the same bytes cross
 * ranks under MPI).
 *
 * Each input is a shard file (an in-memory memfd) read with
 * fleet_file_read(),
 * which must load it or reject it with -EBADMSG (or -ENOMEM). A part that
 * loads must keep the invariants fleet_file.h states: its shard below its
 * shard count, at least one bucket, every row's bucket in range and its
 * VM named, sizes finite and not negative, and its terms (when given)
 * with a percentile 0 or in (0, 100). A crash, sanitizer report, leak or
 * broken invariant (abort) is a finding. Each input is read through
 * lib/tabline first, as the reader reads it (tests/fuzz/fuzz_tabline.h).
 */
#include "sim/plan/fleet_file.h"
#include "sim/plan/planterms.h"
#include "tests/fuzz/fuzz_tabline.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct fleet_part *p)
{
	int nres = __builtin_popcount(p->mask);

	if (!p->buckets || p->shard >= p->nshards || !nres)
		abort();
	for (size_t r = 0; r < p->nrows; r++) {
		if (p->bucket[r] >= p->buckets || !p->vm[r] || !p->vm[r][0])
			abort();
		for (int i = 0; i < nres; i++)
			if (!isfinite(p->size[r * nres + i]) ||
			    p->size[r * nres + i] < 0)
				abort();
	}
	if (p->terms &&
	    !(p->terms->percentile == 0 ||
	      (p->terms->percentile > 0 && p->terms->percentile < 100)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fleet_part *p = NULL;
	FILE *fp = fuzz_tabline_open(data, size);
	int rc = fleet_file_read(fp, "shard", &p);

	if (rc == 0)
		check(p);
	else if (p || (rc != -EBADMSG && rc != -ENOMEM))
		abort();
	fleet_part_destroy(p);
	fclose(fp);
	return 0;
}
