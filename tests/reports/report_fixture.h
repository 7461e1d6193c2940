/*
 * report_fixture.h - what the report tests share: input files written from
 * strings, and calls whose messages on stderr are captured for checking.
 */
#ifndef VMUX_REPORT_FIXTURE_H
#define VMUX_REPORT_FIXTURE_H

#include "vmux_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the last captured call printed on stderr. */
static char fx_msg[2048];

/* The input file of fx_input(). */
static char fx_path[64];

/* Write LEN bytes of TEXT to a new temporary file at fx_path. */
static inline void fx_input(const char *text, size_t len)
{
	strcpy(fx_path, "/tmp/vmux_test_report_XXXXXX");
	test_temp_file(fx_path, text, len);
}

/* Remove the input file; returns RC. */
static inline int fx_remove(int rc)
{
	unlink(fx_path);
	return rc;
}

static int fx_saved, fx_errfd;

/* Capture stderr until fx_end(). */
static inline void fx_begin(void)
{
	fx_saved = test_capture_stderr(&fx_errfd);
}

/* Restore stderr, what was printed into fx_msg; returns RC. */
static inline int fx_end(int rc)
{
	test_release_stderr(fx_saved, fx_errfd, fx_msg, sizeof(fx_msg));
	return rc;
}

/* The int CALL returns, with what it prints on stderr in fx_msg. */
#define fx_quiet(CALL) (fx_begin(), fx_end(CALL))

/*
 * READ(path, OUT) of TEXT in a file (*OUT = NULL first), its messages in
 * fx_msg; its result. The readers of the report's inputs (evalcsv_read,
 * ...) are tested through it.
 */
#define fx_read(TEXT, READ, OUT)                                               \
	(*(OUT) = NULL, fx_input((TEXT), strlen(TEXT)),                        \
	 fx_remove(fx_quiet(READ(fx_path, (OUT)))))

/* A bad input: HEAD (of fx_bad_data) then ROWS; MSG is in the message. */
struct fx_bad {
	const char *rows, *msg;
};

/*
 * Each of the array CASES (struct fx_bad) read by READ into OUT (a pointer
 * variable) fails with -EBADMSG, leaves OUT NULL and says its MSG.
 */
#define fx_bad_data(READ, OUT, HEAD, CASES)                                    \
	for (size_t i_ = 0; i_ < sizeof(CASES) / sizeof(*(CASES)); i_++) {     \
		char text_[1024];                                              \
                                                                               \
		snprintf(text_, sizeof(text_), "%s%s", (HEAD),                 \
			 (CASES)[i_].rows);                                    \
		assert_int_equal(fx_read(text_, READ, &(OUT)), -EBADMSG);      \
		assert_null(OUT);                                              \
		assert_msg((CASES)[i_].msg);                                   \
	}

/* A new folder /tmp/vmux_test_NAME_XXXXXX, its path in DIR (64 bytes);
   0, or -1 (a cmocka setup's failure). */
static inline int fx_mkdir(char *dir, const char *name)
{
	snprintf(dir, 64, "/tmp/vmux_test_%s_XXXXXX", name);
	return mkdtemp(dir) ? 0 : -1;
}

/* Remove DIR and all it holds; 0, or -1 (a cmocka teardown's failure). */
static inline int fx_rmdir(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Fail unless fx_msg contains S. */
#define assert_msg(s)                                                          \
	do {                                                                   \
		if (!strstr(fx_msg, (s)))                                      \
			fail_msg("message '%s' lacks '%s'", fx_msg, (s));      \
	} while (0)

#endif
