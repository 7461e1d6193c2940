/*
 * fuzz_ingest.c - libFuzzer target for the canonical trace reader.
 *
 * Each input is handed to ingest_file() as a file (an in-memory memfd,
 * opened by its /proc path, so no disk traffic), first with the step
 * detected (in the caller's thread, and again by worker threads on tiny
 * blocks, which must give the same outcome), then, if that loads, again
 * with half the detected step. A store
 * that loads must keep the trace store's invariants (every value finite and
 * >= 0, names unique and found again, samples within the grid) and size
 * without trouble; a crash, a sanitizer report, a leak or a broken
 * invariant (abort) is a finding. Rejections (-EBADMSG) are the expected
 * outcome for most inputs.
 */
#include "models/size.h"
#include "sim/store/ingest.h"
#include "sim/store/trace.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort (a finding) unless the store keeps its documented invariants. */
static void check(struct trace *t, const struct ingest_stats *st)
{
	size_t nvms = trace_nvms(t), nslots = trace_nslots(t), vm0 = 0;
	double cap, *x0;

	if (!nvms || !nslots || !(trace_step(t) > 0) || !trace_has(t, RES_CPU))
		abort();
	if (st->rows < nvms || st->filled + st->absent > nvms * nslots)
		abort();
	for (size_t v = 0; v < nvms; v++) {
		if (trace_find(t, trace_name(t, v)) != (long)v ||
		    trace_samples(t, v) > nslots)
			abort();
		size_t first, len;

		trace_span(t, v, &first, &len);
		if (first + len > nslots || len < trace_samples(t, v))
			abort();
		for (int r = 0; r < RES_COUNT; r++) {
			const float *x = trace_vals(t, (enum res)r, v);

			for (size_t s = 0; x && s < len; s++)
				if (!isfinite(x[s]) || x[s] < 0)
					abort();
		}
	}
	x0 = trace_read_rows(t, RES_CPU, &vm0, 1, 0, nslots);
	if (!x0 || size_percentile(x0, nslots, 95, &cap) < 0 ||
	    !isfinite(cap) || cap < 0)
		abort();
	free(x0);
}

/*
 * Ingest PATH with STEP in the caller's thread, or by worker threads on
 * blocks of BLOCK bytes; on success check the store; the detected step,
 * and the outcome into *RC and *CELLS (to compare the two ways).
 */
static double load(const char *path, double step, size_t block, int *rc,
		   size_t *cells)
{
	struct ingest_opts o = {.step = step,
				.quiet = true,
				.threads = block ? 2 : 1,
				.block = block};
	struct ingest_stats st;
	struct trace *t = NULL;
	double got = 0;

	*rc = ingest_file(path, &o, &t, &st);
	*cells = 0;
	if (*rc == 0) {
		check(t, &st);
		got = trace_step(t);
		*cells = trace_cells(t) + st.rows + st.filled + st.absent;
	} else if (t || (*rc != -EBADMSG && *rc != -ENOMEM)) {
		abort();
	}
	trace_destroy(t);
	return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[FUZZ_PATH_MAX];
	double step;
	size_t cells, cells2;
	int rc, rc2, fd = fuzz_memfd(data, size, path);

	step = load(path, 0, 0, &rc, &cells);
	/* worker threads on tiny blocks: the same outcome */
	if (load(path, 0, 1 + size % 13, &rc2, &cells2) != step ||
	    (rc2 != rc && rc != -ENOMEM && rc2 != -ENOMEM) || cells2 != cells)
		abort();
	if (step > 0)
		load(path, step / 2, 0, &rc, &cells);
	close(fd);
	return 0;
}
