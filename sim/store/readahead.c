/*
 * readahead.c - double-buffered reading (see readahead.h).
 *
 * Two buffers, each either full (read, the caller's to take) or empty (the
 * reader's to fill). The reader thread fills them alternately and stops
 * after the block of size 0 that ends the stream, or when told to. One
 * mutex and one condition variable guard the flags; a buffer's bytes and
 * size are only touched by the side that owns it at the time.
 */
#include "sim/store/readahead.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>

struct readahead {
	FILE *fp;
	size_t block;
	char *buf[2];
	size_t n[2];
	int err[2]; /* errno of a failed read, with n == 0 */
	bool full[2];
	bool stop, threaded;
	int cur;  /* the buffer the caller holds, or -1 */
	int next; /* the buffer it takes next */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void read_block(struct readahead *ra, int i)
{
	errno = 0;
	ra->n[i] = fread(ra->buf[i], 1, ra->block, ra->fp);
	ra->err[i] = 0;
	if (ra->n[i] == 0 && ferror(ra->fp))
		ra->err[i] = errno ? errno : EIO;
}

static void *reader_main(void *arg)
{
	struct readahead *ra = arg;
	bool more = true;

	for (int i = 0; more; i ^= 1) {
		pthread_mutex_lock(&ra->mu);
		while (ra->full[i] && !ra->stop)
			pthread_cond_wait(&ra->cv, &ra->mu);
		more = !ra->stop;
		pthread_mutex_unlock(&ra->mu);
		if (!more)
			break;
		read_block(ra, i);
		pthread_mutex_lock(&ra->mu);
		ra->full[i] = true;
		more = ra->n[i] > 0;
		pthread_cond_broadcast(&ra->cv);
		pthread_mutex_unlock(&ra->mu);
	}
	return NULL;
}

/* A regular file of more than two blocks: worth a thread, never blocks. */
static bool worth_a_thread(FILE *fp, size_t block)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	       (size_t)st.st_size > 2 * block;
}

static void start_thread(struct readahead *ra)
{
	if (pthread_mutex_init(&ra->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&ra->cv, NULL) != 0) {
		pthread_mutex_destroy(&ra->mu);
		return;
	}
	ra->threaded = pthread_create(&ra->thread, NULL, reader_main, ra) == 0;
	if (!ra->threaded) {
		pthread_cond_destroy(&ra->cv);
		pthread_mutex_destroy(&ra->mu);
	}
}

int readahead_open(FILE *fp, size_t block, struct readahead **out)
{
	struct readahead *ra = calloc(1, sizeof(*ra));

	if (!ra)
		return -ENOMEM;
	ra->fp = fp;
	ra->block = block;
	ra->cur = -1;
	ra->buf[0] = malloc(block);
	ra->buf[1] = malloc(block);
	if (!ra->buf[0] || !ra->buf[1]) {
		readahead_close(ra);
		return -ENOMEM;
	}
	/* Without a thread (none wanted, or none to be had) read inline. */
	if (worth_a_thread(fp, block))
		start_thread(ra);
	*out = ra;
	return 0;
}

size_t readahead_next(struct readahead *ra, char **data)
{
	int i = ra->next;

	if (ra->cur >= 0 && ra->n[ra->cur] == 0) {
		*data = ra->buf[ra->cur]; /* ended: stay ended */
		return 0;
	}
	if (!ra->threaded) {
		read_block(ra, i);
	} else {
		pthread_mutex_lock(&ra->mu);
		if (ra->cur >= 0)
			ra->full[ra->cur] = false; /* give it back */
		pthread_cond_broadcast(&ra->cv);
		while (!ra->full[i])
			pthread_cond_wait(&ra->cv, &ra->mu);
		pthread_mutex_unlock(&ra->mu);
	}
	ra->cur = i;
	ra->next = i ^ 1;
	*data = ra->buf[i];
	return ra->n[i];
}

int readahead_error(const struct readahead *ra)
{
	return ra->cur >= 0 && ra->n[ra->cur] == 0 ? ra->err[ra->cur] : 0;
}

void readahead_close(struct readahead *ra)
{
	if (!ra)
		return;
	if (ra->threaded) {
		pthread_mutex_lock(&ra->mu);
		ra->stop = true;
		pthread_cond_broadcast(&ra->cv);
		pthread_mutex_unlock(&ra->mu);
		pthread_join(ra->thread, NULL);
		pthread_cond_destroy(&ra->cv);
		pthread_mutex_destroy(&ra->mu);
	}
	free(ra->buf[0]);
	free(ra->buf[1]);
	free(ra);
}
