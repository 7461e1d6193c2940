/*
 * blocks.c - parallel parse of a file's rows, in order (see blocks.h).
 *
 * Block i lives in slot i % nslots. A slot is FREE (a worker may claim
 * the next block for it once the caller gave it back), BUSY (a worker
 * fills it) or READY (the caller's to take). One mutex and one condition
 * variable guard the states and the counters; a slot's buffers are only
 * touched by whoever owns it at the time.
 */
#include "sim/store/blocks.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 8

enum state { FREE, BUSY, READY };

struct slot {
	enum state state;
	char *buf;
	struct rows_out out;
	struct groups grp; /* out's records by name */
};

struct blocks {
	int fd;
	off_t from, to;
	size_t block, nblocks;
	struct rows_format f;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool quit;
	size_t claim, take;	    /* next block to claim, to hand over */
	int nthreads, nslots, held; /* held: the caller's slot, or -1 */
	pthread_t thread[MAX_THREADS];
	struct slot slot[MAX_THREADS + 2];
};

/* Read FD's [AT, AT + N) into BUF: the bytes read (short at the end of
 * the file or on an error). */
static size_t read_at(int fd, char *buf, size_t n, off_t at)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, at + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Parse block I into slot S: all its lines, or it stops. */
static void parse_block(struct blocks *b, size_t i, struct slot *s)
{
	off_t start = b->from + (off_t)(i * b->block);
	off_t at = i ? start - 1 : start, end = start + (off_t)b->block;
	size_t want =
	    (size_t)((end + BLOCKS_OVERRUN < b->to ? end + BLOCKS_OVERRUN
						   : b->to) -
		     at);
	size_t n = read_at(b->fd, s->buf, want, at), first = 0;
	size_t until = (size_t)((end < b->to ? end : b->to) - at);
	const char *p = memchr(s->buf, '\0', n);
	struct rows_out *o = &s->out;

	rows_out_reset(o);
	o->stopped = true;
	if (p)
		n = (size_t)(p - s->buf);
	if (i) { /* the first line starts after the first '\n' */
		p = memchr(s->buf, '\n', n);
		if (!p)
			return;
		first = (size_t)(p - s->buf) + 1;
	}
	if (first >= until) { /* no line starts here */
		o->stopped = n < want && n < until;
		return;
	}
	do
		rows_parse(&b->f, s->buf + first, n - first, until - first, o);
	while (!o->stopped && o->n == o->cap && first + o->bytes < until &&
	       rows_out_grow(o, b->f.nvals));
	o->stopped = o->stopped || first + o->bytes < until;
}

static void *worker(void *arg)
{
	struct blocks *b = arg;

	pthread_mutex_lock(&b->mu);
	for (;;) {
		size_t i = b->claim;
		struct slot *s = &b->slot[i % (size_t)b->nslots];

		if (b->quit || i >= b->nblocks)
			break;
		if (s->state != FREE) {
			pthread_cond_wait(&b->cv, &b->mu);
			continue;
		}
		b->claim++;
		s->state = BUSY;
		pthread_mutex_unlock(&b->mu);
		parse_block(b, i, s);
		groups_build(&s->grp, &s->out);
		pthread_mutex_lock(&b->mu);
		s->state = READY;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

const struct rows_out *blocks_next(struct blocks *b, const struct groups **grp)
{
	struct slot *s = NULL;

	pthread_mutex_lock(&b->mu);
	if (b->held >= 0) {
		s = &b->slot[b->held];
		b->held = -1;
		if (s->out.stopped)
			b->take = b->nblocks; /* nothing after it */
		s->state = FREE;
		pthread_cond_broadcast(&b->cv);
	}
	s = NULL;
	if (b->take < b->nblocks) {
		b->held = (int)(b->take++ % (size_t)b->nslots);
		s = &b->slot[b->held];
		while (s->state != READY)
			pthread_cond_wait(&b->cv, &b->mu);
	}
	pthread_mutex_unlock(&b->mu);
	*grp = s ? &s->grp : NULL;
	return s ? &s->out : NULL;
}

static int start(struct blocks *b, int threads)
{
	for (int i = 0; i < b->nslots; i++) {
		b->slot[i].buf = malloc(b->block + BLOCKS_OVERRUN + 1);
		if (!b->slot[i].buf ||
		    !rows_out_grow(&b->slot[i].out, b->f.nvals))
			return -ENOMEM;
	}
	for (; b->nthreads < threads; b->nthreads++) {
		int rc =
		    pthread_create(&b->thread[b->nthreads], NULL, worker, b);

		if (rc)
			return -rc;
	}
	return 0;
}

int blocks_open(int fd, off_t from, off_t to, const struct rows_format *f,
		int threads, size_t block, struct blocks **out)
{
	struct blocks *b = calloc(1, sizeof(*b));
	int rc;

	if (!b)
		return -ENOMEM;
	threads = threads < 1		  ? 1
		  : threads > MAX_THREADS ? MAX_THREADS
					  : threads;
	b->fd = fd;
	b->from = from;
	b->to = to;
	b->block = block;
	b->nblocks = to > from ? (size_t)(to - from - 1) / block + 1 : 0;
	b->f = *f;
	b->nslots = threads + 2; /* one the caller's, one ready ahead */
	b->held = -1;
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	rc = start(b, threads);
	if (rc < 0) {
		blocks_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

void blocks_close(struct blocks *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	b->quit = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	for (int i = 0; i < b->nthreads; i++)
		pthread_join(b->thread[i], NULL);
	for (int i = 0; i < b->nslots; i++) {
		free(b->slot[i].buf);
		rows_out_free(&b->slot[i].out);
		groups_free(&b->slot[i].grp);
	}
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	free(b);
}
