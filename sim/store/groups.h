/*
 * groups.h - the records of one parsed text (struct rows_out) grouped by
 * VM name, each name's times summarised: what the ingest needs to store a
 * text's rows VM by VM, computed where the text was parsed (by a worker
 * thread, sim/store/blocks.h), so that the thread that stores them only
 * looks at each name once.
 */
#ifndef VMUX_GROUPS_H
#define VMUX_GROUPS_H

#include "sim/store/rows.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The times of one name's records. */
struct groups_run {
	double t0; /* the first record's time */
	int64_t g; /* t1 - t0 when REGULAR and there are two or more */
	/* every time in whole seconds below 2^53, record j's t0 + j * g,
	 * g > 0 (any one whole time is regular, with g = 0) */
	bool regular;
};

/*
 * Name k's records are ORDER[START[k] .. START[k + 1]), in file order;
 * RUN[k] their times. The arrays are the holder's (groups_free()).
 */
struct groups {
	uint32_t *order, *start;
	struct groups_run *run;
	size_t order_cap, start_cap, run_cap;
	bool valid; /* built for the text last given */
};

/* Group O's records by name. False (and G not valid) if out of memory. */
bool groups_build(struct groups *g, const struct rows_out *o);
/* Free the arrays. */
void groups_free(struct groups *g);

#endif
