/*
 * tcg_oom.c - Unicorn's allocations, stopped cleanly where one fails (see
 * tcg_oom.h).
 */
#include "vmm/tcg_oom.h"
#include "lib/cleanup.h"
#include "lib/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* An allocation of N bytes failed inside Unicorn: stop the process. */
static void __attribute__((noreturn)) fail(size_t n, int err)
{
	error_msg("the tcg backend (Unicorn) could not allocate %zu bytes: "
		  "%s; Unicorn cannot go on after a failed allocation, so "
		  "the run stops here",
		  n, strerror(err));
	cleanup_exit(VMUX_EXIT_OSERR);
}

void *tcg_oom_malloc(size_t n)
{
	void *p = malloc(n);

	if (!p && n)
		fail(n, errno ? errno : ENOMEM);
	return p;
}

void *tcg_oom_calloc(size_t n, size_t m)
{
	void *p = calloc(n, m);

	if (!p && n && m)
		fail(n * m, errno ? errno : ENOMEM);
	return p;
}

void *tcg_oom_realloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q && n)
		fail(n, errno ? errno : ENOMEM);
	return q;
}

int tcg_oom_posix_memalign(void **p, size_t align, size_t n)
{
	int e = posix_memalign(p, align, n);

	if (e)
		fail(n, e);
	return 0;
}

char *tcg_oom_strdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		fail(strlen(s) + 1, errno ? errno : ENOMEM);
	return p;
}
