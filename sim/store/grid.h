/*
 * grid.h - the store built from the reader's samples: the slot grid (its
 * start the least time read, its step given or detected: sim/store/step.h)
 * checked against every time read, then each VM's samples handed over as
 * its row of the store, repaired by the gap rule: inside a VM's observed
 * span a missing slot holds the previous sample if its gap lasts at most
 * INGEST_MAX_HOLD s; in a longer gap and outside the span the VM demands
 * 0. All three are counted. A time that turns out wrong only once the grid
 * is known is named at the first line that holds it, found by reading the
 * input again (a pipe cannot be: then the line of the VM's first row).
 */
#ifndef VMUX_GRID_H
#define VMUX_GRID_H

#include "sim/store/reader.h"

#include <stddef.h>
#include <stdint.h>

/* The grid being checked: START + k*STEP, and the first error met. */
struct grid {
	double start, step, max_slots;
	size_t *first, *len; /* each VM's span, in slots */
	/* the error at the least time: its kind, time, VM, line if known */
	enum { GRID_OK, GRID_OFF, GRID_TOO_FAR, GRID_DUP, GRID_TWO_ON_ONE } err;
	double t, other;
	uint32_t vm;
	unsigned long line;
};

/*
 * What the processes of a partitioned ingest agree on while the grid is
 * built, each call collective over in->comm (agree.c supplies them, so
 * that the grid does not depend on the collectives): the least RC, the
 * least START, the step over every process's VMs, the first grid error
 * and the grid's length.
 */
struct grid_agree {
	int (*rc)(const struct reader *in, int rc);
	int (*start)(const struct reader *in, int rc, double *start);
	int (*step)(const struct reader *in, double *step);
	int (*grid)(struct reader *in, struct grid *gd, size_t *nslots);
	/* COV[0..N): covered by any process's VMs (trace_set_covered). */
	int (*covered)(const struct reader *in, uint8_t *cov, size_t n);
};

/*
 * IN's samples (after the parse, IN's rows > 0) as a new store *OUT, the
 * repairs counted into ST; in a partitioned ingest AG (else NULL) agrees
 * the grid with the other processes (sim/store/agree.h). OPTS may be
 * NULL. 0, -EBADMSG (printed) or -errno.
 */
int grid_build(struct reader *in, const struct ingest_opts *opts,
	       const struct grid_agree *ag, struct trace **out,
	       struct ingest_stats *st);

/*
 * Print the error GD found, at the first line holding its time (for a
 * duplicate, the later of the two rows), else the line kept, else the
 * VM's first. -EBADMSG.
 */
int grid_print_error(const struct reader *in, const struct grid *gd);
/* VM V's span takes the spans past reader_max_cells(): say so, at the
 * first line holding its last sample. -EBADMSG. */
int grid_cells_error(const struct reader *in, const struct grid *gd,
		     uint32_t v);

/* The repair warning (ingest.h), unless quiet or nothing was repaired;
 * the note of the slots no VM covers, whenever there are some. */
void grid_warn_repairs(const char *path, const struct ingest_opts *opts,
		       const struct ingest_stats *st);

#endif
