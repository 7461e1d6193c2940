/*
 * ingest.h - read a canonical trace CSV into a trace store.
 *
 * Canonical CSV: a header naming `time`, `vm` and `cpu` (and optionally
 * `mem`, `disk`, `net`) in any order; rows in any order; time in seconds.
 * The step is opts->step if > 0, else the most common gap between a VM's
 * consecutive samples. Repairs (gaps) follow the rule in README.md and are
 * counted in one warning. Bad input prints "FILE:LINE: field 'NAME': reason"
 * and returns -EBADMSG; I/O failures print the path and return -errno.
 */
#ifndef VMUX_INGEST_H
#define VMUX_INGEST_H

#include "sim/store/trace.h"

struct ingest_opts {
	double step;	/* seconds; 0 = detect */
	bool quiet;	/* suppress the repair warning */
};

/* Counts of what ingest repaired, for callers that report them. */
struct ingest_stats {
	size_t rows;		/* data rows read */
	size_t filled;		/* slots filled inside a VM's span (gaps) */
	size_t absent;		/* slots outside a VM's span, set to 0 */
};

/*
 * Load PATH ("-" for stdin). OPTS may be NULL (detect the step). On success
 * *OUT owns a new store (trace_destroy it); STATS, if not NULL, is filled.
 */
int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats);

#endif
