/*
 * forkjoin.h - one job split in parts, run at once on a few threads kept
 * waiting between jobs.
 *
 * forkjoin_run() calls FN once for each part 0 .. parts - 1, part 0 on
 * the caller's thread and the others on threads of the pool, and returns
 * when every part has returned: what the parts wrote is then the
 * caller's to read. The parts of a job must not write the same memory.
 * One caller at a time.
 */
#ifndef VMUX_FORKJOIN_H
#define VMUX_FORKJOIN_H

struct forkjoin;

/* A job's part PART of PARTS, on ARG. */
typedef void forkjoin_fn(void *arg, int part, int parts);

/*
 * A pool for jobs of PARTS parts (1 .. FORKJOIN_MAX; more are taken as
 * the largest): PARTS - 1 threads. 0, -ENOMEM or the -errno of
 * pthread_create.
 */
#define FORKJOIN_MAX 8
int forkjoin_create(int parts, struct forkjoin **out);

/* How many parts each job has. */
int forkjoin_parts(const struct forkjoin *f);

/* FN on ARG, each part once; returns when all are done. */
void forkjoin_run(struct forkjoin *f, forkjoin_fn *fn, void *arg);

/* Stop the threads and free F. NULL is a no-op. */
void forkjoin_destroy(struct forkjoin *f);

#endif
