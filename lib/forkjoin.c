/*
 * forkjoin.c - a job's parts on a pool of threads (see forkjoin.h).
 *
 * A job is published under the mutex as a new generation; each thread
 * runs its part of every generation once and counts itself done. The
 * caller waits until the count of parts outstanding is back to 0.
 */
#include "lib/forkjoin.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct forkjoin {
	pthread_mutex_t mu;
	pthread_cond_t start, done;
	forkjoin_fn *fn;
	void *arg;
	unsigned long gen; /* jobs published */
	int pending;	   /* parts of the job not done */
	bool quit;
	int parts, nthreads;
	pthread_t thread[FORKJOIN_MAX];
};

struct worker_arg {
	struct forkjoin *f;
	int part;
};

static void *worker(void *p)
{
	struct worker_arg *wa = p;
	struct forkjoin *f = wa->f;
	int part = wa->part;
	unsigned long seen = 0;

	free(wa);
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->quit && f->gen == seen)
			pthread_cond_wait(&f->start, &f->mu);
		if (f->quit)
			break;
		seen = f->gen;
		pthread_mutex_unlock(&f->mu);
		f->fn(f->arg, part, f->parts);
		pthread_mutex_lock(&f->mu);
		if (--f->pending == 0)
			pthread_cond_signal(&f->done);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

static int spawn(struct forkjoin *f, int part)
{
	struct worker_arg *wa = malloc(sizeof(*wa));
	int rc;

	if (!wa)
		return -ENOMEM;
	wa->f = f;
	wa->part = part;
	rc = pthread_create(&f->thread[f->nthreads], NULL, worker, wa);
	if (rc) {
		free(wa);
		return -rc;
	}
	f->nthreads++;
	return 0;
}

int forkjoin_create(int parts, struct forkjoin **out)
{
	struct forkjoin *f = calloc(1, sizeof(*f));
	int rc = 0;

	if (!f)
		return -ENOMEM;
	f->parts = parts < 1 ? 1 : parts > FORKJOIN_MAX ? FORKJOIN_MAX : parts;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->start, NULL);
	pthread_cond_init(&f->done, NULL);
	for (int p = 1; p < f->parts && rc == 0; p++)
		rc = spawn(f, p);
	if (rc < 0) {
		forkjoin_destroy(f);
		return rc;
	}
	*out = f;
	return 0;
}

int forkjoin_parts(const struct forkjoin *f)
{
	return f->parts;
}

void forkjoin_run(struct forkjoin *f, forkjoin_fn *fn, void *arg)
{
	pthread_mutex_lock(&f->mu);
	f->fn = fn;
	f->arg = arg;
	f->pending = f->parts - 1;
	f->gen++;
	pthread_cond_broadcast(&f->start);
	pthread_mutex_unlock(&f->mu);
	fn(arg, 0, f->parts);
	pthread_mutex_lock(&f->mu);
	while (f->pending > 0)
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
