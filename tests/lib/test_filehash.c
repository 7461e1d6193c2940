/*
 * test_filehash.c - a file's SHA-256 on a thread of its own: the FIPS
 * 180-2 digest of "abc" whether a thread hashed it or filehash_wait() did,
 * the same result when asked twice, a missing file's -ENOENT, and
 * filehash_destroy() without a wait (it joins) or of NULL, and
 * sha256_file_until() told to stop.
 */
#include "vmux_test.h"
#include "lib/filehash.h"
#include "lib/sha256.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

static const char abc[] =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/* A new file holding "abc" into PATH (a mkstemp template). */
static void write_abc(char *path)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
}

static void hash_abc(uint64_t thread_min)
{
	char path[] = "/tmp/vmux-filehash-XXXXXX", hex[SHA256_HEX_LEN + 1];
	struct filehash *h = NULL;
	uint64_t size = 0;

	write_abc(path);
	assert_int_equal(filehash_start(path, thread_min, &h), 0);
	assert_non_null(h);
	assert_int_equal(filehash_wait(h, hex, &size), 0);
	assert_int_equal(size, 3);
	assert_string_equal(hex, abc);
	/* Asked again (the file gone): the digest made before. */
	unlink(path);
	hex[0] = '\0';
	size = 0;
	assert_int_equal(filehash_wait(h, hex, &size), 0);
	assert_int_equal(size, 3);
	assert_string_equal(hex, abc);
	filehash_destroy(h);
}

static void test_thread(void **state)
{
	(void)state;
	hash_abc(0);
}

static void test_no_thread(void **state)
{
	(void)state;
	hash_abc(FILEHASH_THREAD_MIN); /* 3 bytes: no thread */
	hash_abc(UINT64_MAX);
}

static void test_missing(void **state)
{
	char hex[SHA256_HEX_LEN + 1];
	struct filehash *h = NULL;
	uint64_t size = 7;

	(void)state;
	for (int thread = 0; thread < 2; thread++) {
		assert_int_equal(filehash_start("/nonexistent/vmux-trace.csv",
						thread ? 0 : UINT64_MAX, &h),
				 0);
		assert_int_equal(filehash_wait(h, hex, &size), -ENOENT);
		assert_int_equal(size, 7); /* untouched */
		filehash_destroy(h);
	}
}

/* Destroyed while (perhaps) still hashing: joined, nothing leaked (the
 * ASan build checks). */
static void test_destroy_unwaited(void **state)
{
	char path[] = "/tmp/vmux-filehash-XXXXXX";
	struct filehash *h = NULL;

	(void)state;
	write_abc(path);
	assert_int_equal(filehash_start(path, 0, &h), 0);
	filehash_destroy(h);
	unlink(path);
	filehash_destroy(NULL);
}

/* A stop already set: -ECANCELED at the first read, no digest. */
static void test_until_stopped(void **state)
{
	char path[] = "/tmp/vmux-filehash-XXXXXX";
	char hex[SHA256_HEX_LEN + 1] = "untouched";
	atomic_bool stop;
	uint64_t size = 7;

	(void)state;
	write_abc(path);
	atomic_init(&stop, true);
	assert_int_equal(sha256_file_until(path, hex, &size, &stop),
			 -ECANCELED);
	assert_string_equal(hex, "untouched");
	assert_int_equal(size, 7);
	atomic_store(&stop, false);
	assert_int_equal(sha256_file_until(path, hex, &size, &stop), 0);
	assert_string_equal(hex, abc);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_thread),
	    cmocka_unit_test(test_no_thread),
	    cmocka_unit_test(test_missing),
	    cmocka_unit_test(test_destroy_unwaited),
	    cmocka_unit_test(test_until_stopped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
