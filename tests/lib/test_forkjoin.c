/*
 * test_forkjoin.c - a loop shared by a pool: every index of every loop
 * is handed out exactly once, in chunks of the size asked (the last one
 * shorter), to workers numbered below the pool's count, and the caller
 * sees what the calls wrote once forkjoin_for() returns.
 */
#include "vmux_test.h"
#include "lib/forkjoin.h"

#include <stdatomic.h>

#define N 10007 /* prime: the last chunk is short */

struct loop {
	unsigned char hits[N]; /* each index's calls (one writer each) */
	int workers;	       /* the pool's count */
	size_t chunk;
	atomic_int bad;		       /* calls with a wrong range or worker */
	long per_worker[FORKJOIN_MAX]; /* indices each worker ran */
};

static void mark(void *arg, size_t from, size_t to, int worker)
{
	struct loop *l = arg;

	if (from >= to || to > N || from % l->chunk ||
	    (to - from != l->chunk && to != N) || worker < 0 ||
	    worker >= l->workers)
		atomic_fetch_add(&l->bad, 1);
	for (size_t i = from; i < to; i++)
		l->hits[i]++;
	l->per_worker[worker] += (long)(to - from);
}

/* 200 loops on a pool made for ASK workers, which must have WANT. */
static void run_loops(int ask, int want, size_t chunk)
{
	static struct loop l;
	struct forkjoin *f = NULL;

	memset(&l, 0, sizeof(l));
	atomic_init(&l.bad, 0);
	l.chunk = chunk;
	assert_int_equal(forkjoin_create(ask, &f), 0);
	assert_int_equal(forkjoin_workers(f), want);
	l.workers = want;
	for (int n = 1; n <= 200; n++) {
		long total = 0;

		forkjoin_for(f, N, chunk, mark, &l);
		/* every index of this loop is done when it returns */
		for (size_t i = 0; i < N; i++)
			assert_int_equal(l.hits[i], n);
		for (int w = 0; w < FORKJOIN_MAX; w++)
			total += l.per_worker[w];
		assert_int_equal(total, (long)n * N);
	}
	assert_int_equal(atomic_load(&l.bad), 0);
	for (int w = want; w < FORKJOIN_MAX; w++)
		assert_int_equal(l.per_worker[w], 0);
	forkjoin_for(f, 0, chunk, mark, &l); /* nothing to do */
	assert_int_equal(l.hits[0], 200);
	forkjoin_destroy(f);
}

static void test_each_index_once(void **state)
{
	(void)state;
	run_loops(1, 1, 100);
	run_loops(2, 2, 100);
	run_loops(3, 3, 7);
	run_loops(2, 2, N + 5); /* one chunk: the whole loop */
}

static void test_workers_clamped(void **state)
{
	(void)state;
	run_loops(0, 1, 64);
	run_loops(-5, 1, 64);
	run_loops(FORKJOIN_MAX + 4, FORKJOIN_MAX, 64);
	forkjoin_destroy(NULL);
}

/* A sum shared by the workers, each into a cell of its own. */
struct sum {
	const unsigned *x;
	unsigned long by_worker[FORKJOIN_MAX];
};

static void sum_chunk(void *arg, size_t from, size_t to, int worker)
{
	struct sum *s = arg;

	for (size_t i = from; i < to; i++)
		s->by_worker[worker] += s->x[i];
}

static void test_shared_sum(void **state)
{
	static unsigned x[100001];
	struct forkjoin *f = NULL;
	struct sum s = {.x = x};
	unsigned long total = 0;

	(void)state;
	for (size_t i = 0; i < 100001; i++)
		x[i] = (unsigned)i;
	assert_int_equal(forkjoin_create(3, &f), 0);
	forkjoin_for(f, 100001, 1000, sum_chunk, &s);
	for (int w = 0; w < FORKJOIN_MAX; w++)
		total += s.by_worker[w];
	/* 0 + 1 + ... + 100000 */
	assert_int_equal(total, 100000UL * 100001UL / 2);
	forkjoin_destroy(f);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_each_index_once),
	       cmocka_unit_test(test_workers_clamped),
	       cmocka_unit_test(test_shared_sum))
