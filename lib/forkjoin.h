/*
 * forkjoin.h - a loop over indices shared by the caller and a few threads
 * kept waiting between loops.
 *
 * forkjoin_for() hands out [0, N) in chunks, each to whichever worker
 * asks first: the caller (worker 0) and the pool's threads. A thread that
 * is not running when the loop starts (the machine busy) is not waited
 * for: the caller then takes the chunks itself, so a loop never takes
 * much longer than on the caller alone. It returns when every chunk is
 * done: what the calls wrote is then the caller's to read. Calls on
 * different chunks must not write the same memory (give each worker its
 * own accumulators). One caller at a time.
 */
#ifndef VMUX_FORKJOIN_H
#define VMUX_FORKJOIN_H

#include <stddef.h>

struct forkjoin;

/* Indices [FROM, TO) of a loop, run by worker WORKER. */
typedef void forkjoin_fn(void *arg, size_t from, size_t to, int worker);

/*
 * A pool of WORKERS workers (1 .. FORKJOIN_MAX; more are taken as the
 * largest), the caller and WORKERS - 1 threads. 0, -ENOMEM or the -errno
 * of pthread_create.
 */
#define FORKJOIN_MAX 8
int forkjoin_create(int workers, struct forkjoin **out);

/* How many workers F has (each worker index is below it). */
int forkjoin_workers(const struct forkjoin *f);

/* FN over [0, N) in chunks of CHUNK (> 0) indices, each index in one call;
 * returns when all are done. */
void forkjoin_for(struct forkjoin *f, size_t n, size_t chunk, forkjoin_fn *fn,
		  void *arg);

/* Stop the threads and free F. NULL is a no-op. */
void forkjoin_destroy(struct forkjoin *f);

#endif
