/*
 * ingest.h - read a canonical trace CSV into a trace store.
 *
 * Canonical CSV: a header naming `time`, `vm` and `cpu` (and optionally
 * `mem`, `disk`, `net`) in any order; rows in any order; time in seconds.
 * The step is opts->step if > 0, else the most common gap between a VM's
 * consecutive samples. Repairs (gaps) follow the rule in README.md and are
 * counted in one warning: inside a VM's span a run of missing slots lasting
 * at most INGEST_MAX_HOLD seconds holds the previous sample; a longer run is
 * an absence, every resource 0, as outside the span. Bad input prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; I/O failures print
 * the path and return -errno.
 */
#ifndef VMUX_INGEST_H
#define VMUX_INGEST_H

#include "sim/store/trace.h"

/*
 * The longest run of missing slots bridged by holding the last sample, s:
 * 12 slots of 300 s. The real traces' monitoring outages last up to 55 min
 * (Bitbrains, 2013-07-24); a longer gap is a VM that was not there or not
 * watched (a missing PlanetLab day, Bitbrains' 31 h outage), and holding
 * its last value would invent hours of demand.
 */
#define INGEST_MAX_HOLD 3600.0

struct ingest_opts {
	double step; /* seconds; 0 = detect */
	bool quiet;  /* suppress the repair warning */
	/* data rows of a regular file of 64 MiB or more parsed by THREADS
	 * worker threads (0: one per CPU; 1: none, the caller's thread reads),
	 * in blocks of BLOCK bytes (0: the default; a BLOCK given applies to
	 * any file of 4 blocks or more); the result is the same */
	int threads;
	size_t block;
};

/* Counts of what ingest repaired, for callers that report them. */
struct ingest_stats {
	size_t rows;	  /* data rows read */
	size_t filled;	  /* slots filled inside a VM's span (gaps) */
	size_t absent;	  /* slots outside a VM's span, set to 0 */
	size_t gap_slots; /* slots in gaps > INGEST_MAX_HOLD, set to 0 */
	size_t gaps;	  /* such gaps */
};

/*
 * Load PATH ("-" for stdin). OPTS may be NULL (detect the step). On success
 * *OUT owns a new store (trace_destroy it); STATS, if not NULL, is filled.
 */
int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats);

#endif
