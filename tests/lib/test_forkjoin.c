/*
 * test_forkjoin.c - a fork-join pool: every part of every job runs exactly
 * once, with the part count the pool was made for, and the caller sees
 * what the parts wrote when forkjoin_run() returns.
 */
#include "vmux_test.h"
#include "lib/forkjoin.h"

#include <pthread.h>

#define NJOBS 2000

struct job {
	int parts;
	long hits[FORKJOIN_MAX]; /* part p's calls, written by part p only */
	int seen_parts[FORKJOIN_MAX];
	pthread_t who[FORKJOIN_MAX];
};

static void count(void *arg, int part, int parts)
{
	struct job *j = arg;

	j->hits[part]++;
	j->seen_parts[part] = parts;
	j->who[part] = pthread_self();
}

/* NJOBS jobs on a pool made for ASK parts, which must have WANT. */
static void run_jobs(int ask, int want)
{
	struct forkjoin *f = NULL;
	struct job j = {0};

	assert_int_equal(forkjoin_create(ask, &f), 0);
	assert_int_equal(forkjoin_parts(f), want);
	for (int n = 1; n <= NJOBS; n++) {
		forkjoin_run(f, count, &j);
		/* every part of this job is done when run returns */
		for (int p = 0; p < want; p++)
			assert_int_equal(j.hits[p], n);
	}
	for (int p = 0; p < FORKJOIN_MAX; p++) {
		assert_int_equal(j.hits[p], p < want ? NJOBS : 0);
		if (p < want)
			assert_int_equal(j.seen_parts[p], want);
	}
	/* part 0 on the caller's thread, the others on threads of their own */
	assert_true(pthread_equal(j.who[0], pthread_self()));
	for (int p = 1; p < want; p++)
		assert_false(pthread_equal(j.who[p], pthread_self()));
	forkjoin_destroy(f);
}

static void test_parts_run_once(void **state)
{
	(void)state;
	run_jobs(1, 1);
	run_jobs(2, 2);
	run_jobs(3, 3);
}

static void test_parts_clamped(void **state)
{
	(void)state;
	run_jobs(0, 1);
	run_jobs(-5, 1);
	run_jobs(FORKJOIN_MAX + 4, FORKJOIN_MAX);
	forkjoin_destroy(NULL);
}

/* A sum split in parts: each part sums its own range into its own cell. */
struct sum {
	const unsigned *x;
	size_t n;
	unsigned long part_sum[FORKJOIN_MAX];
};

static void sum_part(void *arg, int part, int parts)
{
	struct sum *s = arg;
	size_t from = s->n * (size_t)part / (size_t)parts;
	size_t to = s->n * (size_t)(part + 1) / (size_t)parts;

	s->part_sum[part] = 0;
	for (size_t i = from; i < to; i++)
		s->part_sum[part] += s->x[i];
}

static void test_split_sum(void **state)
{
	static unsigned x[100001];
	struct forkjoin *f = NULL;
	struct sum s = {.x = x, .n = 100001};
	unsigned long total = 0;

	(void)state;
	for (size_t i = 0; i < s.n; i++)
		x[i] = (unsigned)i;
	assert_int_equal(forkjoin_create(3, &f), 0);
	forkjoin_run(f, sum_part, &s);
	for (int p = 0; p < 3; p++)
		total += s.part_sum[p];
	/* 0 + 1 + ... + 100000 */
	assert_int_equal(total, 100000UL * 100001UL / 2);
	forkjoin_destroy(f);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_parts_run_once),
	       cmocka_unit_test(test_parts_clamped),
	       cmocka_unit_test(test_split_sum))
