/*
 * test_readahead.c - blocks read ahead by a thread (large regular files)
 * or inline (anything else) come out as the bytes of the stream, in order,
 * in blocks of the asked size; the end and read errors are reported; a
 * reader stopped early shuts down cleanly.
 */
#include "vmux_test.h"
#include "sim/store/readahead.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK 4096

/* N bytes of a pattern that never repeats with a period of BLOCK. */
static char *pattern(size_t n)
{
	char *p = malloc(n);

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)(i * 7 + i / 251);
	return p;
}

/* Read FP to the end through readahead; every block but the last full. */
static void read_back(FILE *fp, const char *want, size_t n)
{
	struct readahead *ra;
	size_t got = 0, len;
	char *data;

	assert_int_equal(readahead_open(fp, BLOCK, &ra), 0);
	while ((len = readahead_next(ra, &data)) > 0) {
		assert_true(got + len <= n);
		assert_memory_equal(data, want + got, len);
		data[0] ^= 1; /* the block is the caller's to write */
		got += len;
		if (got < n)
			assert_int_equal(len, BLOCK);
	}
	assert_int_equal(got, n);
	assert_int_equal(readahead_error(ra), 0);
	assert_int_equal(readahead_next(ra, &data), 0); /* stays ended */
	readahead_close(ra);
}

static FILE *temp_file(const char *data, size_t n)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	rewind(fp);
	return fp;
}

/* Read back a regular file of N pattern bytes. */
static void read_file_of(size_t n)
{
	char *want = pattern(n);
	FILE *fp = temp_file(want, n);

	read_back(fp, want, n);
	fclose(fp);
	free(want);
}

/* A regular file of many blocks: the threaded reader. */
static void test_large_file(void **state)
{
	(void)state;
	read_file_of(37 * BLOCK + 123);
}

/* Exactly a multiple of the block: the last block is full, then 0. */
static void test_whole_blocks(void **state)
{
	(void)state;
	read_file_of(8 * BLOCK);
}

/* A small file and a memory stream (no file descriptor): inline reads. */
static void test_inline(void **state)
{
	size_t n = BLOCK + 5;
	char *want = pattern(n);
	FILE *fp = temp_file(want, n);
	FILE *mem = fmemopen(want, n, "r");

	(void)state;
	read_back(fp, want, n);
	fclose(fp);
	assert_non_null(mem);
	read_back(mem, want, n);
	fclose(mem);
	free(want);
}

static void test_empty(void **state)
{
	FILE *fp = temp_file("", 0);

	(void)state;
	read_back(fp, "", 0);
	fclose(fp);
}

/* Stopping after one block of a large file: the thread is joined, nothing
 * leaks (ASan checks), nothing hangs. */
static void test_close_early(void **state)
{
	size_t n = 64 * BLOCK;
	char *want = pattern(n);
	FILE *fp = temp_file(want, n);
	struct readahead *ra;
	char *data;

	(void)state;
	for (int round = 0; round < 20; round++) {
		rewind(fp);
		assert_int_equal(readahead_open(fp, BLOCK, &ra), 0);
		for (int k = 0; k < round % 4; k++)
			assert_int_equal(readahead_next(ra, &data), BLOCK);
		readahead_close(ra);
	}
	readahead_close(NULL);
	fclose(fp);
	free(want);
}

/* Reading a folder fails with EISDIR, reported after the 0. */
static void test_read_error(void **state)
{
	FILE *fp = fopen("/", "r");
	struct readahead *ra;
	char *data;

	(void)state;
	if (!fp)
		skip();
	assert_int_equal(readahead_open(fp, BLOCK, &ra), 0);
	assert_int_equal(readahead_next(ra, &data), 0);
	assert_int_equal(readahead_error(ra), EISDIR);
	readahead_close(ra);
	fclose(fp);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_large_file),
	       cmocka_unit_test(test_whole_blocks),
	       cmocka_unit_test(test_inline), cmocka_unit_test(test_empty),
	       cmocka_unit_test(test_close_early),
	       cmocka_unit_test(test_read_error))
