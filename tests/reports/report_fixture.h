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

/* Write TEXT to a new temporary file; its path in PATH (64 bytes). */
static inline void fx_file(char *path, const char *text)
{
	strcpy(path, "/tmp/vmux_test_report_XXXXXX");
	test_temp_file(path, text, strlen(text));
}

/* Redirect stderr to a temporary file; returns the saved descriptor. */
static inline int fx_capture(int *errfd)
{
	return test_capture_stderr(errfd);
}

/* Restore stderr and read what was printed into fx_msg. */
static inline void fx_release(int saved, int errfd)
{
	test_release_stderr(saved, errfd, fx_msg, sizeof(fx_msg));
}

/* Fail unless fx_msg contains S. */
#define assert_msg(s)                                                          \
	do {                                                                   \
		if (!strstr(fx_msg, (s)))                                      \
			fail_msg("message '%s' lacks '%s'", fx_msg, (s));      \
	} while (0)

#endif
