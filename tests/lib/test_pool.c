/*
 * test_pool.c - the worker pool: every task of a job runs exactly once,
 * for 1 to 4 threads and many jobs in a row; the error returned is the
 * lowest-numbered failure, as a loop in the caller would return; a pool
 * of 2 runs two tasks at the same time (each waits for the other).
 */
#include "vmux_test.h"
#include "lib/pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#define NTASKS 257

struct job {
	int runs[NTASKS];  /* times each task ran */
	size_t fail_at[2]; /* tasks that fail: -EIO, -ENOSPC */
};

static int count(void *ctx, size_t i)
{
	struct job *j = ctx;

	j->runs[i]++;
	if (i == j->fail_at[0])
		return -EIO;
	if (i == j->fail_at[1])
		return -ENOSPC;
	return 0;
}

static void test_each_task_once(void **state)
{
	(void)state;
	for (unsigned t = 1; t <= 4; t++) {
		struct pool *p;

		assert_int_equal(pool_create(t, &p), 0);
		assert_int_equal(pool_threads(p), t);
		for (size_t n = 0; n <= NTASKS; n += 64) {
			for (int round = 0; round < 50; round++) {
				struct job j = {
				    .fail_at = {SIZE_MAX, SIZE_MAX}};

				assert_int_equal(pool_run(p, n, count, &j), 0);
				for (size_t i = 0; i < NTASKS; i++)
					assert_int_equal(j.runs[i], i < n);
			}
		}
		pool_destroy(p);
	}
}

static void test_lowest_failure(void **state)
{
	(void)state;
	for (unsigned t = 1; t <= 3; t++) {
		struct pool *p;
		struct job j = {.fail_at = {90, 40}};

		assert_int_equal(pool_create(t, &p), 0);
		assert_int_equal(pool_run(p, NTASKS, count, &j), -ENOSPC);
		for (size_t i = 0; i <= 40; i++)
			assert_int_equal(j.runs[i], 1);
		for (size_t i = 41; i < NTASKS; i++)
			assert_true(j.runs[i] <= 1);
		if (t == 1) /* the caller alone stops at the failure */
			assert_int_equal(j.runs[41], 0);
		pool_destroy(p);
	}
}

static void test_null_and_zero(void **state)
{
	struct job j = {.fail_at = {3, SIZE_MAX}};
	struct pool *p = NULL;

	(void)state;
	assert_int_equal(pool_create(0, &p), -EINVAL);
	assert_null(p);
	pool_destroy(NULL);
	assert_int_equal(pool_threads(NULL), 1);
	assert_int_equal(pool_run(NULL, 10, count, &j), -EIO);
	assert_int_equal(j.runs[3], 1);
	assert_int_equal(j.runs[4], 0);
	assert_true(pool_cpus() >= 1);
}

/* Two tasks that each wait (up to 10 s) for the other to have started. */
struct meet {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int arrived;
};

static int meet(void *ctx, size_t i)
{
	struct meet *m = ctx;
	struct timespec until;
	int rc = 0;

	(void)i;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10;
	pthread_mutex_lock(&m->mu);
	m->arrived++;
	pthread_cond_broadcast(&m->cv);
	while (m->arrived < 2 && rc == 0)
		rc = pthread_cond_timedwait(&m->cv, &m->mu, &until);
	pthread_mutex_unlock(&m->mu);
	return rc ? -ETIMEDOUT : 0;
}

static void test_runs_in_parallel(void **state)
{
	struct meet m = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
			 0};
	struct pool *p;

	(void)state;
	assert_int_equal(pool_create(2, &p), 0);
	assert_int_equal(pool_run(p, 2, meet, &m), 0);
	assert_int_equal(m.arrived, 2);
	pool_destroy(p);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_each_task_once),
	       cmocka_unit_test(test_lowest_failure),
	       cmocka_unit_test(test_null_and_zero),
	       cmocka_unit_test(test_runs_in_parallel))
