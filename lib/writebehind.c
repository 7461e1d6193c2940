/*
 * writebehind.c - double-buffered writing (see writebehind.h).
 *
 * Each buffer is either the caller's (being filled) or the writer's
 * (full, N bytes to write). One mutex and one condition variable guard
 * the flags; a buffer's bytes are only touched by the side owning it.
 */
#include "lib/writebehind.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct writebehind {
	FILE *fp;
	size_t block;
	char *buf[2];
	size_t n[2];
	bool full[2]; /* handed over, not written yet */
	bool stop;
	int cur; /* the caller's buffer */
	int err; /* errno of the first failed write */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *writer_main(void *arg)
{
	struct writebehind *w = arg;

	bool ok;

	pthread_mutex_lock(&w->mu);
	for (int i = 0;; i ^= 1) {
		while (!w->full[i] && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->full[i])
			break; /* stopped, everything written */
		pthread_mutex_unlock(&w->mu);
		errno = 0;
		ok = w->err || fwrite(w->buf[i], 1, w->n[i], w->fp) == w->n[i];
		pthread_mutex_lock(&w->mu);
		if (!ok && !w->err)
			w->err = errno ? errno : EIO;
		w->full[i] = false;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int writebehind_open(FILE *fp, size_t block, struct writebehind **out)
{
	struct writebehind *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return -ENOMEM;
	w->fp = fp;
	w->block = block;
	w->buf[0] = malloc(block);
	w->buf[1] = malloc(block);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	rc = w->buf[0] && w->buf[1] ? 0 : -ENOMEM;
	if (rc == 0)
		rc = -pthread_create(&w->thread, NULL, writer_main, w);
	if (rc < 0) {
		free(w->buf[0]);
		free(w->buf[1]);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

char *writebehind_buf(struct writebehind *w)
{
	return w->buf[w->cur];
}

int writebehind_put(struct writebehind *w, size_t n)
{
	int i = w->cur, err;

	pthread_mutex_lock(&w->mu);
	w->n[i] = n;
	w->full[i] = true;
	pthread_cond_broadcast(&w->cv);
	while (w->full[i ^ 1])
		pthread_cond_wait(&w->cv, &w->mu);
	err = w->err;
	pthread_mutex_unlock(&w->mu);
	w->cur = i ^ 1;
	return -err;
}

int writebehind_close(struct writebehind *w)
{
	int err;

	if (!w)
		return 0;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	err = w->err;
	free(w->buf[0]);
	free(w->buf[1]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
	return -err;
}
