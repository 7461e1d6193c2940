/*
 * forkjoin.c - a loop shared by a pool of threads (see forkjoin.h).
 *
 * A loop is published under the mutex as a new generation, open. A
 * thread that wakes while it is open joins it (counted in ACTIVE) and
 * takes chunks by an atomic counter until none is left; the caller does
 * the same, then closes the loop and waits only for the threads that
 * joined. A thread that wakes after the close skips that generation.
 */
#include "lib/forkjoin.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct forkjoin {
	pthread_mutex_t mu;
	pthread_cond_t start, done;
	/* the loop: set under the mutex before it is opened */
	forkjoin_fn *fn;
	void *arg;
	size_t n, chunk;
	atomic_size_t next; /* the next chunk's first index */
	unsigned long gen;  /* loops published */
	bool open, quit;
	int active; /* threads in the loop */
	int workers, nthreads;
	pthread_t thread[FORKJOIN_MAX];
};

struct worker_arg {
	struct forkjoin *f;
	int worker;
};

/* Chunks of F's loop for WORKER until none is left. */
static void take_chunks(struct forkjoin *f, int worker)
{
	size_t i;

	while ((i = atomic_fetch_add(&f->next, f->chunk)) < f->n)
		f->fn(f->arg, i, f->n - i < f->chunk ? f->n : i + f->chunk,
		      worker);
}

static void *thread_main(void *p)
{
	struct worker_arg *wa = p;
	struct forkjoin *f = wa->f;
	int worker = wa->worker;
	unsigned long seen = 0;

	free(wa);
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->quit && f->gen == seen)
			pthread_cond_wait(&f->start, &f->mu);
		if (f->quit)
			break;
		seen = f->gen;
		if (!f->open)
			continue;
		f->active++;
		pthread_mutex_unlock(&f->mu);
		take_chunks(f, worker);
		pthread_mutex_lock(&f->mu);
		if (--f->active == 0)
			pthread_cond_signal(&f->done);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

static int spawn(struct forkjoin *f, int worker)
{
	struct worker_arg *wa = malloc(sizeof(*wa));
	int rc;

	if (!wa)
		return -ENOMEM;
	wa->f = f;
	wa->worker = worker;
	rc = pthread_create(&f->thread[f->nthreads], NULL, thread_main, wa);
	if (rc) {
		free(wa);
		return -rc;
	}
	f->nthreads++;
	return 0;
}

int forkjoin_create(int workers, struct forkjoin **out)
{
	struct forkjoin *f = calloc(1, sizeof(*f));
	int rc = 0;

	if (!f)
		return -ENOMEM;
	f->workers = workers < 1	      ? 1
		     : workers > FORKJOIN_MAX ? FORKJOIN_MAX
					      : workers;
	atomic_init(&f->next, 0);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->start, NULL);
	pthread_cond_init(&f->done, NULL);
	for (int w = 1; w < f->workers && rc == 0; w++)
		rc = spawn(f, w);
	if (rc < 0) {
		forkjoin_destroy(f);
		return rc;
	}
	*out = f;
	return 0;
}

int forkjoin_workers(const struct forkjoin *f)
{
	return f->workers;
}

void forkjoin_for(struct forkjoin *f, size_t n, size_t chunk, forkjoin_fn *fn,
		  void *arg)
{
	pthread_mutex_lock(&f->mu);
	f->fn = fn;
	f->arg = arg;
	f->n = n;
	f->chunk = chunk;
	atomic_store(&f->next, 0);
	f->open = true;
	f->gen++;
	pthread_cond_broadcast(&f->start);
	pthread_mutex_unlock(&f->mu);
	take_chunks(f, 0);
	pthread_mutex_lock(&f->mu);
	f->open = false;
	while (f->active > 0)
		pthread_cond_wait(&f->done, &f->mu);
	pthread_mutex_unlock(&f->mu);
}

void forkjoin_destroy(struct forkjoin *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->quit = true;
	pthread_cond_broadcast(&f->start);
	pthread_mutex_unlock(&f->mu);
	for (int i = 0; i < f->nthreads; i++)
		pthread_join(f->thread[i], NULL);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->start);
	pthread_cond_destroy(&f->done);
	free(f);
}
