/*
 * agree.h - what the processes of a partitioned ingest (ingest.h:
 * ingest_runs, defined in agree.c) agree on while building the store.
 *
 * Each process parses the rows of its VMs, every row of them, in file
 * order, so its VMs come in the order one process would number them, and
 * each VM's first line is the file's. What is global is agreed: the least
 * time, the row count, the step (the histogram walk of step_detect()
 * replayed over every process's VMs in the order of their first lines),
 * the first grid error, the grid's length, the spans' total and the repair
 * counts. Each call is collective over in->comm.
 */
#ifndef VMUX_AGREE_H
#define VMUX_AGREE_H

#include "sim/store/grid.h"
#include "sim/store/reader.h"

/* Every process's RC in, the least out. */
int agree_rc(const struct reader *in, int rc);
/* RC agreed, and the least *START of all into *START. */
int agree_start(const struct reader *in, int rc, double *start);
/* step_detect() over the VMs of every process. 0 or -errno. */
int agree_step(const struct reader *in, double *step);
/*
 * The grid error at the least time over every process (of two at one
 * time, the VM first in the file's), printed by its process: -EBADMSG;
 * else the grid's length into *NSLOTS and the spans' total checked.
 */
int agree_grid(struct reader *in, struct grid *gd, size_t *nslots);

#endif
