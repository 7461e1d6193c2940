/*
 * pool.h - a small pool of worker threads that runs the tasks 0..N-1 of
 * one job at a time, for work split into independent parts whose results
 * the caller combines in task order (so the outcome does not depend on
 * the number of threads or on which thread ran which task).
 *
 * A pool of T threads is the caller plus T - 1 workers: the caller runs
 * tasks too while it waits, so a pool of 1 starts no thread and runs every
 * job in the caller, in task order. Tasks are handed out in increasing
 * index order, one at a time, to whichever thread is free. One job runs at
 * a time: pool_run() is called from one thread (not from a task).
 */
#ifndef VMUX_POOL_H
#define VMUX_POOL_H

#include <stddef.h>

struct pool;

/* A task: part I of a job over CTX; 0 or -errno. */
typedef int (*pool_task)(void *ctx, size_t i);

/*
 * A pool of THREADS (>= 1) threads into *OUT. -EINVAL for 0 threads,
 * -ENOMEM, or the error of pthread_create (negated) with no thread left
 * running.
 */
int pool_create(unsigned threads, struct pool **out);

/* Stop the workers (after the job in hand, if any) and free P. NULL is a
 * no-op. */
void pool_destroy(struct pool *p);

/* The number of threads of P, the caller included (1 for NULL). */
unsigned pool_threads(const struct pool *p);

/*
 * Run FN(CTX, i) for every i in [0, N) on P's threads and return when all
 * have ended. P NULL runs them in the caller, in order. 0 if every task
 * returned 0; else the error of the lowest-numbered task that failed:
 * once a task fails no task numbered above it is started, and every task
 * below it has run (tasks start in index order).
 */
int pool_run(struct pool *p, size_t n, pool_task fn, void *ctx);

/* The number of online CPUs, at least 1. */
unsigned pool_cpus(void);

#endif
