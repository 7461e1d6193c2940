/*
 * pool.c - worker threads for jobs of independent tasks (see pool.h).
 *
 * One mutex guards the job (its task counter, the lowest failure, the
 * number of workers inside it); `work` wakes the workers for a new job
 * (or to stop), `idle` wakes the caller when the last one leaves it. A
 * job's function and context do not change while a worker is inside it,
 * so tasks run without the lock.
 */
#include "lib/pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work, idle;
	pthread_t *tid;
	unsigned nworkers;
	pool_task fn;
	void *ctx;
	size_t n, next;	   /* tasks of the job, the next to hand out */
	size_t fail;	   /* lowest failed task, SIZE_MAX if none */
	int rc;		   /* its error */
	unsigned inside;   /* workers inside the job */
	unsigned long job; /* counts jobs, so a worker joins each once */
	bool stop;
};

/* Run the job's tasks until none is left to hand out (or one failed);
 * called and returns with the lock held. */
static void drain(struct pool *p)
{
	pool_task fn = p->fn;
	void *ctx = p->ctx;

	while (p->next < p->n && p->fail == SIZE_MAX) {
		size_t i = p->next++;
		int rc;

		pthread_mutex_unlock(&p->mu);
		rc = fn(ctx, i);
		pthread_mutex_lock(&p->mu);
		if (rc && i < p->fail) {
			p->fail = i;
			p->rc = rc;
		}
	}
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	unsigned long seen = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->job == seen)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		seen = p->job;
		p->inside++;
		drain(p);
		if (--p->inside == 0)
			pthread_cond_signal(&p->idle);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Stop and join P's first N workers. */
static void stop_workers(struct pool *p, unsigned n)
{
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < n; i++)
		pthread_join(p->tid[i], NULL);
}

int pool_create(unsigned threads, struct pool **out)
{
	struct pool *p;
	int rc = 0;

	if (threads == 0)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->tid = calloc(threads, sizeof(*p->tid));
	if (!p->tid) {
		free(p);
		return -ENOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->idle, NULL);
	for (; p->nworkers < threads - 1; p->nworkers++) {
		rc = -pthread_create(&p->tid[p->nworkers], NULL, worker, p);
		if (rc < 0)
			goto fail;
	}
	*out = p;
	return 0;
fail:
	stop_workers(p, p->nworkers);
	p->nworkers = 0;
	pool_destroy(p);
	return rc;
}

void pool_destroy(struct pool *p)
{
	if (!p)
		return;
	stop_workers(p, p->nworkers);
	pthread_cond_destroy(&p->idle);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p->tid);
	free(p);
}

unsigned pool_threads(const struct pool *p)
{
	return p ? p->nworkers + 1 : 1;
}

int pool_run(struct pool *p, size_t n, pool_task fn, void *ctx)
{
	int rc = 0;

	if (!p || p->nworkers == 0) {
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = fn(ctx, i);
		return rc;
	}
	pthread_mutex_lock(&p->mu);
	p->fn = fn;
	p->ctx = ctx;
	p->n = n;
	p->next = 0;
	p->fail = SIZE_MAX;
	p->rc = 0;
	p->job++;
	pthread_cond_broadcast(&p->work);
	drain(p);
	while (p->inside > 0)
		pthread_cond_wait(&p->idle, &p->mu);
	rc = p->rc;
	pthread_mutex_unlock(&p->mu);
	return rc;
}

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (unsigned)n : 1;
}
